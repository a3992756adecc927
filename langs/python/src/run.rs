//! Running a program: compile, load, execute on a thread with a large stack (its own GC
//! heap and JIT state), and report a `SyntaxError` or an uncaught exception as CPython
//! does, with CPython's exit statuses.

use std::io::Write;

use jitgen_core::gc::{self, Gc, HeapConfig};
use jitgen_core::params::JitConfig;
use jitgen_core::testing::SharedBuffer;

use crate::front::compile;
use crate::runtime::call::run_frame;
use crate::runtime::dict::new_dict;
use crate::runtime::exceptions::{is_subclass, render_uncaught};
use crate::runtime::load::{load_code, new_context};
use crate::runtime::modules;
use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::{DictObj, Frame, InstanceObj, PyResult, TupleObj};
use crate::runtime::signals::KILLED_BY_SIGINT;
use crate::runtime::stdio::{self, set_streams, Stream, Streams};
use crate::runtime::text::to_str;
use crate::runtime::values::{builtin_type, is_none, new_str, none, set_context, TypeId};

/// Stack size of the interpreter thread: every Python call is a native call of the
/// interpreter, and the recursion limit, not the native stack, must be what stops it.
const INTERPRETER_STACK: usize = 1 << 30;

/// How to run a program.
#[derive(Clone, Debug)]
pub struct RunOptions {
    /// JIT settings (`--jit`; off unless asked for: the Python JIT is the next step, and
    /// with every instruction a residual call, compiled loops are not faster yet).
    pub jit: JitConfig,
    /// GC stress mode: 0 is off; N collects at every N-th allocation.
    pub gc_stress: u32,
    /// `sys.argv` (empty: the program's file name alone).
    pub argv: Vec<String>,
    /// `sys.path[0]` (default: the script's directory, `''` for `-c` and standard input).
    pub path0: Option<String>,
    /// Whether the interactive prompt follows the program (`-i`, or no program at all).
    pub interactive: bool,
    /// Whether the prompt starts with the banner (no program was given).
    pub banner: bool,
    /// `-m`: the module's package (`__package__`), imported before the module runs
    /// (`''`: a top-level module).
    pub package: Option<String>,
    /// `-u` (or a non-empty `PYTHONUNBUFFERED`): standard output written through at once.
    pub unbuffered: bool,
    /// The `-X` options (`name` or `name=value`), for `sys._xoptions`.
    pub xoptions: Vec<String>,
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jit: JitConfig::parse("off").unwrap_or_default(),
            gc_stress: 0,
            argv: Vec::new(),
            path0: None,
            interactive: false,
            banner: false,
            package: None,
            unbuffered: false,
            xoptions: Vec::new(),
        }
    }
}

/// What a run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status, as `python3`'s ([`KILLED_BY_SIGINT`] after an uncaught
    /// `KeyboardInterrupt`).
    pub status: i32,
}

/// Runs `source` (named `filename` in messages) and captures its output.
pub fn run_captured(filename: &str, source: &str, options: &RunOptions) -> RunOutcome {
    let (out, err) = (SharedBuffer::default(), SharedBuffer::default());
    let status = run(
        filename,
        source,
        options,
        Box::new(out.clone()),
        Box::new(err.clone()),
    );
    RunOutcome {
        stdout: out.text(),
        stderr: err.text(),
        status,
    }
}

/// Runs `source` (named `filename` in messages), printing to `out` and `err`; returns the
/// exit status.
pub fn run(
    filename: &str,
    source: &str,
    options: &RunOptions,
    out: Box<dyn Write + Send>,
    err: Box<dyn Write + Send>,
) -> i32 {
    let (filename, source, options) = (filename.to_string(), source.to_string(), options.clone());
    let interpreter = std::thread::Builder::new()
        .name("jitpy".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || run_on_this_thread(&filename, &source, &options, out, err));
    match interpreter.map(|thread| thread.join()) {
        Ok(Ok(status)) => status,
        Ok(Err(_)) => 101,
        Err(e) => {
            eprintln!("jitpy: cannot start the interpreter thread: {e}");
            2
        }
    }
}

fn run_on_this_thread(
    filename: &str,
    source: &str,
    options: &RunOptions,
    out: Box<dyn Write + Send>,
    err: Box<dyn Write + Send>,
) -> i32 {
    jitgen_core::log::init();
    jitgen_core::log::source_file(filename, source);
    let mut heap = HeapConfig::from_env().unwrap_or_default();
    if options.gc_stress > 0 {
        heap.stress = true;
        heap.stress_interval = options.gc_stress;
    }
    gc::configure(heap);
    jitgen_core::jit::configure(&options.jit);
    let unbuffered =
        options.unbuffered || std::env::var_os("PYTHONUNBUFFERED").is_some_and(|v| !v.is_empty());
    set_streams(Streams {
        out: Some(match unbuffered {
            true => Box::new(stdio::WrittenThrough(out)),
            false => Box::new(std::io::BufWriter::new(out)),
        }),
        err: Some(err),
    });
    let status = match compile(source) {
        Ok(unit) => {
            let ctx = new_context();
            let globals = new_dict();
            let is_file = !filename.starts_with('<');
            let argv = if options.argv.is_empty() {
                vec![filename.to_string()]
            } else {
                options.argv.clone()
            };
            let path0 = match &options.path0 {
                Some(path0) => path0.clone(),
                None if is_file => modules::script_dir(filename),
                None => String::new(),
            };
            modules::init(
                &argv,
                &path0,
                &options.xoptions,
                globals,
                is_file.then_some(filename),
            );
            let code = load_code(&unit, filename);
            let frame = Frame::new(code, ctx, globals, None);
            let outcome = match &options.package {
                Some(package) => import_package(globals, package),
                None => Ok(()),
            };
            let status = match outcome.and_then(|()| run_frame(code, frame, ctx)) {
                Ok(_) => 0,
                Err(exception) => {
                    let shown_source = if is_file { source } else { "" };
                    if options.interactive {
                        // `-i` reports even `SystemExit` and goes on to the prompt.
                        report_uncaught(exception, filename, shown_source);
                        0
                    } else {
                        exit_status(exception, filename, shown_source)
                    }
                }
            };
            if options.interactive {
                crate::repl::interact(ctx, globals, options.banner)
            } else {
                status
            }
        }
        Err(error) => {
            stdio::write(Stream::Stderr, &error.render(filename, source));
            1
        }
    };
    let Streams { out, err } = set_streams(Streams::default());
    if let Some(mut out) = out {
        let _ = out.flush();
    }
    if let Some(mut err) = err {
        let _ = err.flush();
    }
    set_context(None);
    gc::log_summary();
    jitgen_core::jit::log_summary();
    jitgen_core::log::flush();
    status
}

/// Sets `__package__` of `-m`'s module and imports its package first, as CPython does.
fn import_package(globals: Gc<DictObj>, package: &str) -> PyResult<()> {
    crate::runtime::dict::dict_set_str(globals, "__package__", new_str(package));
    if !package.is_empty() {
        modules::import_name(globals, package, none(), 0)?;
    }
    Ok(())
}

/// The exit status `SystemExit` asks for (a code that is not an int is printed and
/// gives 1), or `None` for other exceptions.
pub(crate) fn system_exit_status(exception: Gc<InstanceObj>) -> Option<i32> {
    if !is_subclass(exception.cls, builtin_type(TypeId::SystemExit)) {
        return None;
    }
    let args = crate::runtime::dict::dict_get_str(exception.dict, "args")
        .and_then(|a| a.downcast::<TupleObj>());
    let code = args.filter(|a| !a.items.is_empty()).map(|a| a.items.get(0));
    Some(match code {
        None => 0,
        Some(code) if is_none(code) => 0,
        Some(code) => match as_num(code) {
            Some(Num::Int(i)) => i as i32,
            _ => {
                stdio::flush(Stream::Stdout);
                let text = to_str(code).unwrap_or_default();
                stdio::write(Stream::Stderr, &format!("{text}\n"));
                1
            }
        },
    })
}

/// Prints the traceback of an uncaught exception (standard output flushed first).
pub(crate) fn report_uncaught(exception: Gc<InstanceObj>, filename: &str, source: &str) {
    stdio::flush(Stream::Stdout);
    stdio::write(
        Stream::Stderr,
        &render_uncaught(exception, filename, source),
    );
}

/// The exit status of an uncaught exception: `SystemExit`'s code; after the traceback,
/// [`KILLED_BY_SIGINT`] for `KeyboardInterrupt`, else 1.
fn exit_status(exception: Gc<InstanceObj>, filename: &str, source: &str) -> i32 {
    if let Some(status) = system_exit_status(exception) {
        return status;
    }
    report_uncaught(exception, filename, source);
    if is_subclass(exception.cls, builtin_type(TypeId::KeyboardInterrupt)) {
        KILLED_BY_SIGINT
    } else {
        1
    }
}
