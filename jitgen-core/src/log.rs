//! The JIT log: nested, timestamped sections in the format PyPy's `PYPYLOG` uses, so the same
//! mental model and tools apply (design brief §9; `jitgen-log` reads it).
//!
//! `JITGEN_LOG=category,category:FILE` enables categories and names the output (`-` or no
//! `:FILE` means standard error; `%d` in `FILE` becomes the process id). A category matches
//! itself and, when it ends in `-`, or is a prefix before a `-`, the categories it starts:
//! `gc` enables `gc-collect` and `gc-summary`, `jit` every `jit-*`. `JITGEN_LOG=:FILE` alone
//! enables every category. A section looks like
//!
//! ```text
//! [1a2b3c] {jit-tracing
//! loop at main:12
//! [1a2c00] {gc-collect
//! collection 3: live 123 -> 45 bytes, ...
//! [1a2f00] gc-collect}
//! [1a3000] jit-tracing}
//! ```
//!
//! with a hexadecimal timestamp (nanoseconds since the log was opened). A section's start line
//! is written when it begins ([`begin`]) and its end line when it ends, so sections nest in
//! time: the sections written meanwhile are its children, and its body lines (written while
//! it is the innermost open section) sit between them. Lines are written as they come, so
//! the log is meant for one JIT thread (each client runs its program on one).
//!
//! Each emit site names a [`Category`] static, which looks `JITGEN_LOG` up once: with logging
//! off, a site costs one load and test of a cached flag, and allocates nothing; the feature
//! `log-off` compiles the sites out altogether.

use std::fmt::{self, Write as _};
use std::io::Write;
use std::sync::atomic::{AtomicU8, Ordering};
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
        let path = file_name(target, std::process::id());
        match std::fs::File::create(&path) {
            Ok(file) => Box::new(std::io::BufWriter::new(file)),
            Err(e) => {
                eprintln!("jitgen: cannot open JITGEN_LOG file {path}: {e}");
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

/// The log file's name: `target` with each `%d` replaced by the process id `pid`.
fn file_name(target: &str, pid: u32) -> String {
    target.replace("%d", &pid.to_string())
}

impl Log {
    /// Whether the spec enables `category`.
    fn enables(&self, category: &str) -> bool {
        self.all
            || self.categories.iter().any(|c| {
                category == c
                    || category
                        .strip_prefix(c.as_str())
                        .is_some_and(|rest| rest.starts_with('-') || c.ends_with('-'))
            })
    }

    /// Writes `text` (whole lines) to the output.
    fn write(&self, text: &str) {
        if let Ok(mut out) = self.out.lock() {
            let _ = out.write_all(text.as_bytes());
        }
    }

    /// A section's start or end line for `category` (`{category` or `category}`), stamped now.
    fn mark(&self, category: &str, start: bool) {
        let ns = self.started.elapsed().as_nanos();
        let line = match start {
            true => format!("[{ns:x}] {{{category}\n"),
            false => format!("[{ns:x}] {category}}}\n"),
        };
        self.write(&line);
    }
}

/// Opens the log now (it would open at its first use), so timestamps count from program start.
pub fn init() {
    log();
}

/// Opens the log as the `JITGEN_LOG` value `spec` says instead of as the environment does
/// (for a client's own option, such as toy's `--jit-report`). Call it first: a log already
/// open stays as it is.
pub fn init_with(spec: &str) {
    let _ = LOG.set(open(spec));
}

/// The flag of a [`Category`] not looked up yet.
const UNKNOWN: u8 = 0;
const OFF: u8 = 1;
const ON: u8 = 2;

/// A log category: its name and whether `JITGEN_LOG` enables it, looked up at the first use
/// and cached. Declare one as a `static` per category (clients may add their own).
pub struct Category {
    name: &'static str,
    state: AtomicU8,
}

impl Category {
    /// The category called `name` (e.g. `gc-collect`).
    pub const fn new(name: &'static str) -> Category {
        Category {
            name,
            state: AtomicU8::new(UNKNOWN),
        }
    }

    /// Its name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Whether it is being logged: after the first call, one relaxed load and a compare
    /// (never, with the feature `log-off`).
    #[inline]
    pub fn enabled(&self) -> bool {
        if cfg!(feature = "log-off") {
            return false;
        }
        match self.state.load(Ordering::Relaxed) {
            ON => true,
            OFF => false,
            _ => self.look_up(),
        }
    }

    #[cold]
    fn look_up(&self) -> bool {
        let on = log().is_some_and(|log| log.enables(self.name));
        self.state
            .store(if on { ON } else { OFF }, Ordering::Relaxed);
        on
    }
}

/// Tracing a loop, bridge or entry trace: where it starts.
pub static JIT_TRACING: Category = Category::new("jit-tracing");
/// Optimizing a trace: ops in and out, and what each pass removed.
pub static JIT_OPTIMIZE: Category = Category::new("jit-optimize");
/// Compiling a trace in the backend (also a native backend handing a trace on).
pub static JIT_BACKEND: Category = Category::new("jit-backend");
/// A native backend's disassembly of each loop and bridge.
pub static JIT_BACKEND_DUMP: Category = Category::new("jit-backend-dump");
/// Resuming a failed guard in the blackhole interpreter.
pub static JIT_BLACKHOLE: Category = Category::new("jit-blackhole");
/// An abandoned trace: why, and where it started.
pub static JIT_ABORT: Category = Category::new("jit-abort");
/// A recorded loop before the optimizer.
pub static JIT_LOG_NOOPT_LOOP: Category = Category::new("jit-log-noopt-loop");
/// A recorded bridge before the optimizer.
pub static JIT_LOG_NOOPT_BRIDGE: Category = Category::new("jit-log-noopt-bridge");
/// A recorded entry trace before the optimizer.
pub static JIT_LOG_NOOPT_ENTRY: Category = Category::new("jit-log-noopt-entry");
/// A compiled loop.
pub static JIT_LOG_OPT_LOOP: Category = Category::new("jit-log-opt-loop");
/// A compiled bridge.
pub static JIT_LOG_OPT_BRIDGE: Category = Category::new("jit-log-opt-bridge");
/// A compiled entry trace.
pub static JIT_LOG_OPT_ENTRY: Category = Category::new("jit-log-opt-entry");
/// The program's source files, for the trace viewer to show the lines traces came from
/// (written by the client: [`source_file`]).
pub static JIT_LOG_SOURCE: Category = Category::new("jit-log-source");
/// The JIT's counters and times, at exit.
pub static JIT_SUMMARY: Category = Category::new("jit-summary");
/// How often each compiled loop was entered and each guard failed, at exit.
pub static JIT_BACKEND_COUNTS: Category = Category::new("jit-backend-counts");
/// One garbage collection.
pub static GC_COLLECT: Category = Category::new("gc-collect");
/// The collector's counters, at exit.
pub static GC_SUMMARY: Category = Category::new("gc-summary");

/// Whether some log shows traces (`jit-log-noopt-*`, `jit-log-opt-*`): the tracer then
/// records where the interpreter was in them (`debug_merge_point`).
pub fn traces_shown() -> bool {
    [
        &JIT_LOG_NOOPT_LOOP,
        &JIT_LOG_NOOPT_BRIDGE,
        &JIT_LOG_NOOPT_ENTRY,
        &JIT_LOG_OPT_LOOP,
        &JIT_LOG_OPT_BRIDGE,
        &JIT_LOG_OPT_ENTRY,
    ]
    .iter()
    .any(|category| category.enabled())
}

/// Logs (`jit-log-source`) the source file `name` with its text, each line indented by two
/// spaces (so no source line can look like a section's start or end).
pub fn source_file(name: &str, text: &str) {
    section(&JIT_LOG_SOURCE, |out| {
        out.push_str("file: ");
        out.push_str(name);
        out.push('\n');
        for line in text.lines() {
            out.push_str("  ");
            out.push_str(line);
            out.push('\n');
        }
    });
}

/// An open section, ended (its end line written) when dropped. It exists only while its
/// category is enabled.
#[must_use = "a section ends when it is dropped"]
pub struct Section {
    category: &'static Category,
    log: &'static Log,
}

impl Section {
    /// Writes body lines that `body` fills in (a missing final newline is added).
    pub fn write(&self, body: impl FnOnce(&mut String)) {
        let mut text = String::new();
        body(&mut text);
        if !text.is_empty() {
            if !text.ends_with('\n') {
                text.push('\n');
            }
            self.log.write(&text);
        }
    }
}

impl Drop for Section {
    fn drop(&mut self) {
        self.log.mark(self.category.name, false);
    }
}

/// Begins a section of `category` now, if it is enabled: its start line, then the body lines
/// `head` fills in. Sections begun before the returned one is dropped are its children.
#[inline]
#[must_use = "the section ends when the returned guard is dropped"]
pub fn begin(category: &'static Category, head: impl FnOnce(&mut String)) -> Option<Section> {
    if !category.enabled() {
        return None;
    }
    begin_enabled(category, head)
}

fn begin_enabled(category: &'static Category, head: impl FnOnce(&mut String)) -> Option<Section> {
    Some(begin_in(log()?, category, head))
}

fn begin_in(
    log: &'static Log,
    category: &'static Category,
    head: impl FnOnce(&mut String),
) -> Section {
    log.mark(category.name, true);
    let section = Section { category, log };
    section.write(head);
    section
}

/// Writes one section of `category` with no children, starting and ending now, whose body
/// `body` fills in, if the category is enabled.
#[inline]
pub fn section(category: &'static Category, body: impl FnOnce(&mut String)) {
    if category.enabled() {
        drop(begin_enabled(category, body));
    }
}

/// Writes one body line into the innermost open section, if `category` (that section's) is
/// enabled.
#[inline]
pub fn line(category: &'static Category, args: fmt::Arguments<'_>) {
    if category.enabled() {
        if let Some(log) = log() {
            let mut text = String::new();
            let _ = writeln!(text, "{args}");
            log.write(&text);
        }
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
    use super::{file_name, open};

    #[test]
    fn specs_parse_into_categories_and_a_target() {
        let log = open("gc,jit-summary:-").expect("valid spec");
        assert_eq!(log.categories, ["gc", "jit-summary"]);
        assert!(!log.all);
        assert!(open(":-").expect("valid spec").all);
        assert!(open("gc:/nonexistent/dir/log").is_none());
    }

    #[test]
    fn prefixes_select_families() {
        let log = open("gc,jit-log-:-").expect("valid spec");
        assert!(log.enables("gc-collect"));
        assert!(log.enables("jit-log-opt-loop"));
        assert!(!log.enables("jit-tracing"));
        assert!(!log.enables("gcx"));
        let jit = open("jit:-").expect("valid spec");
        assert!(jit.enables("jit-abort") && !jit.enables("gc-collect"));
    }

    #[test]
    fn percent_d_in_the_file_name_is_the_pid() {
        assert_eq!(file_name("/tmp/log.%d.txt", 42), "/tmp/log.42.txt");
        assert_eq!(file_name("/tmp/log", 42), "/tmp/log");
    }

    #[test]
    fn sections_write_start_body_children_and_end_in_order() {
        let path = std::env::temp_dir().join(format!("jitgen-log-unit-{}", std::process::id()));
        let log: &'static super::Log = Box::leak(Box::new(
            open(&format!(":{}", path.display())).expect("spec"),
        ));
        static OUTER: super::Category = super::Category::new("test-outer");
        static INNER: super::Category = super::Category::new("test-inner");
        {
            let outer = super::begin_in(log, &OUTER, |out| out.push_str("head"));
            drop(super::begin_in(log, &INNER, |_| {}));
            outer.write(|out| out.push_str("tail\n"));
        }
        log.out.lock().expect("lock").flush().expect("flush");
        let text = std::fs::read_to_string(&path).expect("log written");
        let _ = std::fs::remove_file(&path);
        let shape: Vec<&str> = text
            .lines()
            .map(|l| l.split_once("] ").map_or(l, |(_, rest)| rest))
            .collect();
        assert_eq!(
            shape,
            [
                "{test-outer",
                "head",
                "{test-inner",
                "test-inner}",
                "tail",
                "test-outer}"
            ]
        );
        let stamps: Vec<u128> = text
            .lines()
            .filter_map(|l| l.strip_prefix('[')?.split_once(']'))
            .map(|(ts, _)| u128::from_str_radix(ts, 16).expect("hex timestamp"))
            .collect();
        assert!(stamps.windows(2).all(|w| w[0] <= w[1]), "{text}");
    }
}
