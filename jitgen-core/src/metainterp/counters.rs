//! The warm-up counters (RPython's `JitCounter`): a fixed table of cells for loop headers and
//! function entries (keyed by kind, portal and the hash of the green values), consulted at
//! every `can_enter_jit` and function entry without allocating. The table is set-associative:
//! a header's hash picks a bucket of [`WAYS`] cells, and a cell's tag names the header it
//! counts for, so a few headers whose hashes share a bucket each keep their own count (which
//! headers share a bucket depends on heap addresses, and must not change what the JIT does).
//! A header that finds its bucket full takes over, from zero, the cell that is least worth
//! keeping: a counting one with the lowest count, before one that gave up, before a compiled
//! one (a compiled header that lost its cell is found again through the full path, which gives
//! a cell back to it).

use std::any::TypeId;
use std::hash::BuildHasher;
use std::rc::Rc;

use crate::metainterp::warmup::{CompiledLoop, Header};

/// Cells in the table (a power of two).
const CELLS: usize = 1 << 14;

/// Cells in a bucket (a power of two).
const WAYS: usize = 4;

/// What the allocation-free check at a loop header or function entry knows about it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Quick {
    /// Counting towards its threshold.
    #[default]
    Counting,
    /// It has compiled code: always take the full path.
    Compiled,
    /// Its traces aborted too often: never take the full path.
    GaveUp,
}

/// The state of the header a cell counts for.
#[derive(Default)]
pub(crate) struct QuickCell {
    /// The header's hash (never 0), 0 for an empty cell.
    tag: u64,
    pub(crate) counter: u32,
    pub(crate) state: Quick,
    /// With [`Quick::Compiled`]: the code (of this header, or of one whose greens hash the
    /// same: the caller compares the greens).
    pub(crate) compiled: Option<Rc<CompiledLoop>>,
}

/// A header kind, its portal, and the hash of its green values ([`green_hash`]).
pub(crate) type QuickKey = (Header, TypeId, u64);

/// The table.
pub(crate) struct Counters {
    cells: Box<[QuickCell]>,
}

impl Counters {
    /// An empty table.
    pub(crate) fn new() -> Counters {
        Counters {
            cells: (0..CELLS).map(|_| QuickCell::default()).collect(),
        }
    }

    /// The cell of `key`; when it has none, the cell of its bucket least worth keeping, taken
    /// over from zero.
    pub(crate) fn cell(&mut self, key: QuickKey) -> &mut QuickCell {
        let tag = tag(key);
        let bucket = bucket(&mut self.cells, tag);
        let index = match bucket.iter().position(|c| c.tag == tag) {
            Some(index) => index,
            None => {
                let victim = (0..WAYS)
                    .min_by_key(|&i| keep_worth(&bucket[i]))
                    .expect("a bucket has cells");
                bucket[victim] = QuickCell {
                    tag,
                    ..QuickCell::default()
                };
                victim
            }
        };
        &mut bucket[index]
    }

    /// The cell of `key`, if it has one.
    pub(crate) fn get(&self, key: QuickKey) -> Option<&QuickCell> {
        let tag = tag(key);
        let start = bucket_start(tag);
        self.cells[start..start + WAYS]
            .iter()
            .find(|c| c.tag == tag)
    }

    /// Lowers every counter to `keep` per mille of its value.
    pub(crate) fn decay(&mut self, keep: u64) {
        for cell in self.cells.iter_mut().filter(|c| c.counter > 0) {
            cell.counter = (u64::from(cell.counter) * keep / 1000) as u32;
        }
    }
}

/// The first cell of the bucket `tag` falls into.
fn bucket_start(tag: u64) -> usize {
    (tag as usize % CELLS) & !(WAYS - 1)
}

/// The bucket `tag` falls into.
fn bucket(cells: &mut [QuickCell], tag: u64) -> &mut [QuickCell] {
    let start = bucket_start(tag);
    &mut cells[start..start + WAYS]
}

/// How much keeping `cell` is worth, for choosing which cell of a full bucket to take over:
/// empty cells first, then counting ones by count, then given-up ones, then compiled ones.
fn keep_worth(cell: &QuickCell) -> (u8, u32) {
    match (cell.tag, cell.state) {
        (0, _) => (0, 0),
        (_, Quick::Counting) => (1, cell.counter),
        (_, Quick::GaveUp) => (2, 0),
        (_, Quick::Compiled) => (3, 0),
    }
}

/// A header's hash, never 0.
fn tag(key: QuickKey) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(key) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` headers other than `a` whose hashes fall into `a`'s bucket.
    fn sharing_a_bucket_with(a: QuickKey, count: usize) -> Vec<QuickKey> {
        let index = |key| bucket_start(tag(key));
        (1..)
            .map(|g| (Header::Loop, a.1, g))
            .filter(|&b| b != a && index(b) == index(a))
            .take(count)
            .collect()
    }

    #[test]
    fn headers_sharing_a_bucket_keep_their_own_counts() {
        let mut counters = Counters::new();
        let a = (Header::Loop, TypeId::of::<u8>(), 1);
        let others = sharing_a_bucket_with(a, WAYS - 1);
        counters.cell(a).counter = 5;
        for (n, &b) in others.iter().enumerate() {
            assert!(counters.get(b).is_none());
            counters.cell(b).counter = 10 + n as u32;
        }
        assert_eq!(counters.get(a).map(|c| c.counter), Some(5));
        for (n, &b) in others.iter().enumerate() {
            assert_eq!(counters.cell(b).counter, 10 + n as u32);
        }
    }

    #[test]
    fn a_full_bucket_gives_up_its_lowest_counting_cell_and_keeps_compiled_ones() {
        let mut counters = Counters::new();
        let a = (Header::Loop, TypeId::of::<u8>(), 1);
        let others = sharing_a_bucket_with(a, WAYS);
        counters.cell(a).state = Quick::Compiled;
        for (n, &b) in others[..WAYS - 1].iter().enumerate() {
            counters.cell(b).counter = 10 + n as u32;
        }
        let newcomer = others[WAYS - 1];
        assert_eq!(counters.cell(newcomer).counter, 0);
        assert!(
            counters.get(others[0]).is_none(),
            "the lowest count was taken over"
        );
        assert!(counters.get(a).is_some_and(|c| c.state == Quick::Compiled));
        assert!(others[1..].iter().all(|&b| counters.get(b).is_some()));
    }

    #[test]
    fn decay_lowers_every_counter() {
        let mut counters = Counters::new();
        let key = (Header::Entry, TypeId::of::<u8>(), 7);
        counters.cell(key).counter = 1000;
        counters.decay(960);
        assert_eq!(counters.get(key).map(|c| c.counter), Some(960));
    }
}

/// A hash of a loop header's green values (as words): what the JIT counts headers by before
/// it builds their full key. A word at a time (multiply and rotate), mixed at the end.
pub fn green_hash(words: &[u64]) -> u64 {
    green_hash_of(words.iter().copied())
}

/// [`green_hash`] of the green values `words`.
pub fn green_hash_of(words: impl IntoIterator<Item = u64>) -> u64 {
    let hash = words
        .into_iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, word| {
            (hash ^ word)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29)
        });
    (hash ^ (hash >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93)
}
