//! Running a toy program: compile, load, execute on a thread with a large stack, and report
//! syntax and runtime errors as `FILE:LINE:COL: ...` with the source line and a caret.

use std::io::Write;

use jitgen_core::gc::{self, Gc, HeapConfig};
use jitgen_core::metainterp::warmup::JitStats;
use jitgen_core::params::JitConfig;
use jitgen_core::testing::SharedBuffer;

use crate::frontend::compile;
use crate::frontend::error::excerpt;
use crate::interrupt::SharedOutput;
use crate::runtime::builtins::{set_output, set_program_args};
use crate::runtime::format::to_display;
use crate::runtime::interp::execute;
use crate::runtime::load::load;
use crate::runtime::objects::{Code, ErrorObj, Frame};

/// Stack size of the interpreter thread: deep toy recursion (up to `MAX_DEPTH` calls) needs
/// far more than the default 2 MiB, and a native stack overflow must never be the limit.
const INTERPRETER_STACK: usize = 1 << 30;

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// JIT settings (`--jit`).
    pub jit: JitConfig,
    /// GC stress mode: 0 is off; N collects at every N-th allocation and poisons freed memory.
    pub gc_stress: u32,
    /// Heap limit in bytes (`None`: the default).
    pub heap_limit: Option<usize>,
    /// The program's command-line arguments (what `args()` returns).
    pub args: Vec<String>,
}

/// What a run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// Standard output.
    pub stdout: String,
    /// Standard error.
    pub stderr: String,
    /// Exit status: 0, or 1 after a syntax or uncaught runtime error.
    pub status: i32,
    /// What the JIT did (loops compiled, aborts, guard failures).
    pub jit: JitStats,
}

/// Runs `source` (named `filename` in messages) and captures its output.
pub fn run_captured(filename: &str, source: &str, options: &RunOptions) -> RunOutcome {
    let (out, err) = (SharedBuffer::default(), SharedBuffer::default());
    let (status, jit) = run_on_interpreter_thread(
        filename,
        source,
        options,
        Box::new(out.clone()),
        Box::new(err.clone()),
        true,
    );
    RunOutcome {
        stdout: out.text(),
        stderr: err.text(),
        status,
        jit,
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
    run_on_interpreter_thread(filename, source, options, out, err, false).0
}

/// [`run`], also returning what the JIT did.
fn run_on_interpreter_thread(
    filename: &str,
    source: &str,
    options: &RunOptions,
    out: Box<dyn Write + Send>,
    mut err: Box<dyn Write + Send>,
    with_stats: bool,
) -> (i32, JitStats) {
    let (filename, source, options) = (filename.to_string(), source.to_string(), options.clone());
    let interpreter = std::thread::Builder::new()
        .name("toy".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || {
            let status = run_on_this_thread(&filename, &source, &options, out, &mut *err);
            let _ = err.flush();
            // The traces' text is rendered only for callers that look at it.
            let stats = with_stats.then(jitgen_core::jit::stats).unwrap_or_default();
            (status, stats)
        });
    match interpreter.map(|thread| thread.join()) {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => (101, JitStats::default()),
        Err(e) => {
            eprintln!("toy: cannot start the interpreter thread: {e}");
            (2, JitStats::default())
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
    jitgen_core::log::source_file(filename, source);
    let mut heap = HeapConfig::from_env().unwrap_or_default();
    if options.gc_stress > 0 {
        heap.stress = true;
        heap.stress_interval = options.gc_stress;
    }
    if let Some(limit) = options.heap_limit {
        heap.limit = limit;
    }
    gc::configure(heap);
    jitgen_core::jit::configure(&options.jit);
    let program = match compile(source) {
        Ok(program) => program,
        Err(syntax_error) => {
            let _ = write!(err, "{}", syntax_error.render(filename, source));
            return 1;
        }
    };
    set_output(Some(Box::new(SharedOutput::new(out))));
    set_program_args(options.args.clone());
    let (ctx, main) = load(&program);
    let frame = Frame::new(main, ctx);
    let result = execute(main, frame, ctx);
    if let Some(mut out) = set_output(None) {
        let _ = out.flush();
    }
    gc::log_summary();
    jitgen_core::jit::log_summary();
    jitgen_core::log::flush();
    match result {
        Ok(_) => 0,
        Err(error) => {
            let _ = write!(err, "{}", render_runtime_error(error, filename, source));
            1
        }
    }
}

/// `FILE:LINE:COL: runtime error: MESSAGE`, the source line with a caret, and a traceback
/// (most recent call last).
fn render_runtime_error(error: Gc<ErrorObj>, filename: &str, source: &str) -> String {
    let message = if error.runtime {
        to_display(error.value)
    } else {
        format!("uncaught: {}", to_display(error.value))
    };
    let position = |code: Gc<Code>, pc: i64| {
        let packed = code.positions.get(pc as usize);
        ((packed >> 32) as u32, packed as u32)
    };
    let mut text = String::new();
    let frames = error.trace_codes.len();
    if frames == 0 {
        return format!("{filename}: runtime error: {message}\n");
    }
    let (line, col) = position(error.trace_codes.get(0), error.trace_pcs.get(0));
    text.push_str(&format!(
        "{filename}:{line}:{col}: runtime error: {message}\n"
    ));
    text.push_str(&excerpt(source, line, col));
    text.push_str("traceback (most recent call last):\n");
    for i in (0..frames).rev() {
        let code = error.trace_codes.get(i);
        let (line, col) = position(code, error.trace_pcs.get(i));
        text.push_str(&format!(
            "  {filename}:{line}:{col}: in {}\n",
            code.name.as_str()
        ));
    }
    text
}
