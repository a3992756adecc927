//! Running a program: compile, load, execute on a thread with a large stack (its own GC
//! heap and JIT state), and report a `SyntaxError` or an uncaught exception as CPython
//! does, with CPython's exit statuses.

use std::io::Write;

use jitgen_core::gc::{self, HeapConfig};
use jitgen_core::params::JitConfig;
use jitgen_core::testing::SharedBuffer;

use crate::front::compile;
use crate::runtime::call::run_frame;
use crate::runtime::dict::new_dict;
use crate::runtime::exceptions::{is_subclass, render_uncaught};
use crate::runtime::load::{load_code, new_context};
use crate::runtime::modules;
use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::{Frame, InstanceObj, TupleObj};
use crate::runtime::stdio::{set_streams, Streams};
use crate::runtime::text::to_str;
use crate::runtime::values::{builtin_type, is_none, set_context, TypeId};

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
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jit: JitConfig::parse("off").unwrap_or_default(),
            gc_stress: 0,
            argv: Vec::new(),
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
    /// Exit status, as `python3`'s.
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
    mut err: Box<dyn Write + Send>,
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
    let unit = match compile(source) {
        Ok(unit) => unit,
        Err(error) => {
            let _ = write!(err, "{}", error.render(filename, source));
            let _ = err.flush();
            return 1;
        }
    };
    set_streams(Streams {
        out: Some(Box::new(std::io::BufWriter::new(out))),
        err: Some(err),
    });
    let ctx = new_context();
    let code = load_code(&unit, filename);
    let globals = new_dict();
    let is_file = !filename.starts_with('<');
    let argv = if options.argv.is_empty() {
        vec![filename.to_string()]
    } else {
        options.argv.clone()
    };
    let path0 = if is_file {
        modules::script_dir(filename)
    } else {
        String::new()
    };
    modules::init(&argv, &path0, globals, is_file.then_some(filename));
    let frame = Frame::new(code, ctx, globals, None);
    let result = run_frame(code, frame, ctx);
    let Streams { out, err } = set_streams(Streams::default());
    if let Some(mut out) = out {
        let _ = out.flush();
    }
    let mut err = err.unwrap_or_else(|| Box::new(std::io::sink()));
    let status = match result {
        Ok(_) => 0,
        Err(exception) => exit_status(exception, filename, source, &mut *err),
    };
    let _ = err.flush();
    set_context(None);
    gc::log_summary();
    jitgen_core::jit::log_summary();
    jitgen_core::log::flush();
    status
}

/// The exit status of an uncaught exception: `SystemExit`'s code, else 1 after the
/// traceback.
fn exit_status(
    exception: jitgen_core::gc::Gc<InstanceObj>,
    filename: &str,
    source: &str,
    err: &mut dyn Write,
) -> i32 {
    if is_subclass(exception.cls, builtin_type(TypeId::SystemExit)) {
        let args = crate::runtime::dict::dict_get_str(exception.dict, "args")
            .and_then(|a| a.downcast::<TupleObj>());
        let code = args.filter(|a| !a.items.is_empty()).map(|a| a.items.get(0));
        return match code {
            None => 0,
            Some(code) if is_none(code) => 0,
            Some(code) => match as_num(code) {
                Some(Num::Int(i)) => i as i32,
                _ => {
                    let _ = writeln!(err, "{}", to_str(code).unwrap_or_default());
                    1
                }
            },
        };
    }
    let shown_source = if filename.starts_with('<') {
        ""
    } else {
        source
    };
    let _ = write!(
        err,
        "{}",
        render_uncaught(exception, filename, shown_source)
    );
    1
}
