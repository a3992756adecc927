//! Collection statistics and heap configuration.

use std::time::Duration;

/// What the collector has done on this thread so far.
#[derive(Clone, Debug, Default)]
pub struct GcStats {
    /// Number of collections.
    pub collections: u64,
    /// Total time spent collecting.
    pub total_pause: Duration,
    /// Longest single collection.
    pub max_pause: Duration,
    /// Objects allocated since the heap was created.
    pub objects_allocated: u64,
    /// Bytes allocated since the heap was created (slot sizes, headers included).
    pub bytes_allocated: u64,
    /// Objects freed by collections.
    pub objects_freed: u64,
    /// Bytes in live objects right now (an upper bound between collections).
    pub live_bytes: usize,
    /// Bytes of heap pages in use right now.
    pub heap_bytes: usize,
    /// The largest `heap_bytes` seen.
    pub peak_heap_bytes: usize,
}

/// Settings of a thread's heap.
#[derive(Clone, Debug)]
pub struct HeapConfig {
    /// The most bytes live objects may occupy; allocating beyond it, even after a collection,
    /// is an out-of-memory error.
    pub limit: usize,
    /// Collect at every allocation and poison freed memory (for tests: finds missing roots
    /// and uses of freed objects quickly).
    pub stress: bool,
    /// In stress mode, collect at every `stress_interval`-th allocation (1: every one). A
    /// larger interval keeps stress runs of deeply recursive programs, whose every collection
    /// scans a deep stack, affordable.
    pub stress_interval: u32,
    /// In stress mode, also check at every collection that every store of a reference into
    /// an object older than the last collection went through the write barrier (see
    /// `gc::write_barrier`); a missed one panics. On by default; `JITGEN_GC_CHECK_BARRIERS=0`
    /// turns it off.
    pub check_barriers: bool,
    /// Bytes allocated before the first collection, and the least allocated between two.
    pub min_threshold: usize,
}

impl Default for HeapConfig {
    fn default() -> Self {
        HeapConfig {
            limit: 8 << 30,
            stress: false,
            stress_interval: 1,
            check_barriers: true,
            min_threshold: 8 << 20,
        }
    }
}

impl HeapConfig {
    /// Whether collections check the write barriers (stress mode with `check_barriers`).
    pub fn checks_barriers(&self) -> bool {
        self.stress && self.check_barriers
    }

    /// The default configuration, adjusted by `JITGEN_GC_STRESS=1` (or `=N`: every N-th
    /// allocation) and `JITGEN_GC_LIMIT=<bytes>` (with an optional `K`, `M` or `G` suffix).
    pub fn from_env() -> Result<HeapConfig, String> {
        let mut config = HeapConfig::default();
        if let Ok(v) = std::env::var("JITGEN_GC_STRESS") {
            match v.as_str() {
                "" | "0" | "off" | "false" => config.stress = false,
                "on" | "true" => config.stress = true,
                n => {
                    config.stress = true;
                    config.stress_interval = n
                        .parse()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| format!("JITGEN_GC_STRESS: expected on, off or a positive interval, got `{n}`"))?;
                }
            }
        }
        if let Ok(v) = std::env::var("JITGEN_GC_CHECK_BARRIERS") {
            config.check_barriers = !matches!(v.as_str(), "0" | "off" | "false");
        }
        if let Ok(v) = std::env::var("JITGEN_GC_LIMIT") {
            config.limit = parse_size(&v).map_err(|e| format!("JITGEN_GC_LIMIT: {e}"))?;
        }
        Ok(config)
    }
}

/// Parses a byte count such as `64M`, `2G`, `4096` or `512k`.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, shift) = match text.char_indices().last() {
        Some((i, 'k' | 'K')) => (&text[..i], 10),
        Some((i, 'm' | 'M')) => (&text[..i], 20),
        Some((i, 'g' | 'G')) => (&text[..i], 30),
        _ => (text, 0),
    };
    let n: usize = digits
        .parse()
        .map_err(|_| format!("invalid size `{text}` (examples: 4096, 64M, 2G)"))?;
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("size `{text}` is too large"))
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes_parse_with_suffixes() {
        assert_eq!(parse_size("4096"), Ok(4096));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("2g"), Ok(2 << 30));
        assert_eq!(parse_size("3k"), Ok(3 << 10));
        assert!(parse_size("lots").is_err());
        assert!(parse_size("").is_err());
    }
}
