//! The JIT log: nested, timestamped sections in the format PyPy's `PYPYLOG` uses, so the same
//! mental model and tools apply (design brief §9).
//!
//! `JITGEN_LOG=category,category:FILE` enables categories and names the output (`-` or no
//! `:FILE` means standard error). A category matches itself and, when it ends in `-`, or is a
//! prefix before a `-`, the categories it starts: `gc` enables `gc-collect` and `gc-summary`.
//! `JITGEN_LOG=:FILE` alone enables every category. A section looks like
//!
//! ```text
//! [1a2b3c] {gc-collect
//! live before: 123 bytes
//! [1a2f00] gc-collect}
//! ```
//!
//! with a hexadecimal timestamp (nanoseconds since the log was opened). Each section is written
//! whole, so sections from one thread never interleave.

use std::fmt::Write as _;
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::Instant;

/// Where the log goes and what it records; `None` when `JITGEN_LOG` is unset or invalid.
struct Log {
    categories: Vec<String>,
    all: bool,
    started: Instant,
    out: Mutex<Box<dyn Write + Send>>,
}

static LOG: OnceLock<Option<Log>> = OnceLock::new();

fn log() -> Option<&'static Log> {
    LOG.get_or_init(|| {
        std::env::var("JITGEN_LOG")
            .ok()
            .and_then(|spec| open(&spec))
    })
    .as_ref()
}

/// Opens the log described by a `JITGEN_LOG` value; reports a bad one on standard error.
fn open(spec: &str) -> Option<Log> {
    let (categories, target) = match spec.rsplit_once(':') {
        Some((categories, target)) => (categories, target),
        None => (spec, "-"),
    };
    let out: Box<dyn Write + Send> = if target == "-" || target.is_empty() {
        Box::new(std::io::stderr())
    } else {
        match std::fs::File::create(target) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!("jitgen: cannot open JITGEN_LOG file {target}: {e}");
                return None;
            }
        }
    };
    let categories: Vec<String> = categories
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
        .collect();
    Some(Log {
        all: categories.is_empty(),
        categories,
        started: Instant::now(),
        out: Mutex::new(out),
    })
}

/// Opens the log now (it would open at its first use), so timestamps count from program start.
pub fn init() {
    log();
}

/// Whether `category` is being logged.
pub fn enabled(category: &str) -> bool {
    log().is_some_and(|log| {
        log.all
            || log.categories.iter().any(|c| {
                category == c
                    || category
                        .strip_prefix(c.as_str())
                        .is_some_and(|rest| rest.starts_with('-') || c.ends_with('-'))
            })
    })
}

/// Writes one section of `category`, starting now, whose body `body` fills in, if the
/// category is enabled.
pub fn section(category: &str, body: impl FnOnce(&mut String)) {
    section_since(category, Instant::now(), body)
}

/// Writes one section of `category` that started at `start` (so its timestamps span the work
/// it describes) and ends now.
pub fn section_since(category: &str, start: Instant, body: impl FnOnce(&mut String)) {
    let Some(log) = log().filter(|_| enabled(category)) else {
        return;
    };
    let mut text = String::new();
    let since_open = start.saturating_duration_since(log.started);
    let _ = writeln!(text, "[{:x}] {{{category}", since_open.as_nanos());
    body(&mut text);
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let _ = writeln!(
        text,
        "[{:x}] {category}}}",
        log.started.elapsed().as_nanos()
    );
    if let Ok(mut out) = log.out.lock() {
        let _ = out.write_all(text.as_bytes());
    }
}

/// Flushes the log output (call before the process exits).
pub fn flush() {
    if let Some(log) = log() {
        if let Ok(mut out) = log.out.lock() {
            let _ = out.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::open;

    #[test]
    fn specs_parse_into_categories_and_a_target() {
        let log = open("gc,jit-summary:-").expect("valid spec");
        assert_eq!(log.categories, ["gc", "jit-summary"]);
        assert!(!log.all);
        assert!(open(":-").expect("valid spec").all);
        assert!(open("gc:/nonexistent/dir/log").is_none());
    }
}
