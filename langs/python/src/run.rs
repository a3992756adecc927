//! Running a program: compile, load, execute on a thread with a large stack (its own GC
//! heap and JIT state), and report a `SyntaxError` or an uncaught exception as CPython
//! does, with CPython's exit statuses.

use std::io::Write;

use jitgen_core::gc::{self, HeapConfig};
use jitgen_core::params::JitConfig;
use jitgen_core::testing::SharedBuffer;

use crate::front::compile;
use crate::runtime::builtins::set_output;
use crate::runtime::call::run_frame;
use crate::runtime::dict::{dict_set_str, new_dict};
use crate::runtime::exceptions::{is_subclass, render_uncaught};
use crate::runtime::load::{load_code, new_context};
use crate::runtime::numbers::{as_num, Num};
use crate::runtime::objects::{Frame, InstanceObj, TupleObj};
use crate::runtime::text::to_str;
use crate::runtime::values::{builtin_type, is_none, new_str, set_context, TypeId};

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
}

impl Default for RunOptions {
    fn default() -> Self {
        RunOptions {
            jit: JitConfig::parse("off").unwrap_or_default(),
            gc_stress: 0,
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
    mut err: Box<dyn Write + Send>,
) -> i32 {
    let (filename, source, options) = (filename.to_string(), source.to_string(), options.clone());
    let interpreter = std::thread::Builder::new()
        .name("jitpy".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || {
            let status = run_on_this_thread(&filename, &source, &options, out, &mut *err);
            let _ = err.flush();
            status
        });
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
    err: &mut dyn Write,
) -> i32 {
    jitgen_core::log::init();
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
            return 1;
        }
    };
    set_output(Some(Box::new(std::io::BufWriter::new(out))));
    let ctx = new_context();
    let code = load_code(&unit);
    let globals = new_dict();
    dict_set_str(globals, "__name__", new_str("__main__"));
    let frame = Frame::new(code, ctx, globals, None);
    let result = run_frame(code, frame, ctx);
    if let Some(mut out) = set_output(None) {
        let _ = out.flush();
    }
    let status = match result {
        Ok(_) => 0,
        Err(exception) => exit_status(exception, filename, source, err),
    };
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
