//! Running a program: parse, load, execute on a thread of its own, and report errors as
//! `FILE:LINE:COL: ...` with the source line and a caret.

use std::io::{Read, Write};

use jitgen_core::gc::{self, GcArray, HeapConfig};
use jitgen_core::metainterp::warmup::JitStats;
use jitgen_core::params::JitConfig;
use jitgen_core::testing::SharedBuffer;

use crate::interp::{execute, set_input, set_output, TAPE_CELLS};
use crate::program::{decode, excerpt, Program};

/// Stack size of the interpreter thread. The interpreter itself needs little; the JIT's
/// tracer, optimizer and backend run on this thread too.
const INTERPRETER_STACK: usize = 64 << 20;

/// How to run a program.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// JIT settings (`--jit`).
    pub jit: JitConfig,
    /// GC stress mode: 0 is off; N collects at every N-th allocation and poisons freed memory.
    pub gc_stress: u32,
    /// Heap limit in bytes (`None`: the default).
    pub heap_limit: Option<usize>,
}

/// What a run printed and how it ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunOutcome {
    /// Standard output (bytes: a Brainfuck program may print anything).
    pub stdout: Vec<u8>,
    /// Standard error.
    pub stderr: String,
    /// Exit status: 0, or 1 after a syntax error or moving off the tape.
    pub status: i32,
    /// What the JIT did.
    pub jit: JitStats,
}

/// Runs `source` (named `filename` in messages) with `input` as its standard input and
/// captures its output.
pub fn run_captured(
    filename: &str,
    source: &str,
    input: &[u8],
    options: &RunOptions,
) -> RunOutcome {
    let (out, err) = (SharedBuffer::default(), SharedBuffer::default());
    let input = Box::new(std::io::Cursor::new(input.to_vec()));
    let (status, jit) = run_on_interpreter_thread(
        filename,
        source,
        options,
        input,
        Box::new(out.clone()),
        Box::new(err.clone()),
        true,
    );
    RunOutcome {
        stdout: out.bytes(),
        stderr: String::from_utf8_lossy(&err.bytes()).into_owned(),
        status,
        jit,
    }
}

/// Runs `source` (named `filename` in messages) on `input`, printing to `out` and `err`;
/// returns the exit status.
pub fn run(
    filename: &str,
    source: &str,
    options: &RunOptions,
    input: Box<dyn Read + Send>,
    out: Box<dyn Write + Send>,
    err: Box<dyn Write + Send>,
) -> i32 {
    run_on_interpreter_thread(filename, source, options, input, out, err, false).0
}

/// [`run`], also returning what the JIT did. The GC heap and the JIT's state belong to a
/// thread: each run gets a fresh one (tests run programs side by side).
fn run_on_interpreter_thread(
    filename: &str,
    source: &str,
    options: &RunOptions,
    input: Box<dyn Read + Send>,
    out: Box<dyn Write + Send>,
    mut err: Box<dyn Write + Send>,
    with_stats: bool,
) -> (i32, JitStats) {
    let (filename, source, options) = (filename.to_string(), source.to_string(), options.clone());
    let interpreter = std::thread::Builder::new()
        .name("bf".into())
        .stack_size(INTERPRETER_STACK)
        .spawn(move || {
            let status = run_on_this_thread(&filename, &source, &options, input, out, &mut *err);
            let _ = err.flush();
            // The traces' text is rendered only for callers that look at it.
            let stats = with_stats.then(jitgen_core::jit::stats).unwrap_or_default();
            (status, stats)
        });
    match interpreter.map(|thread| thread.join()) {
        Ok(Ok(result)) => result,
        Ok(Err(_)) => (101, JitStats::default()),
        Err(e) => {
            eprintln!("bf: cannot start the interpreter thread: {e}");
            (2, JitStats::default())
        }
    }
}

fn run_on_this_thread(
    filename: &str,
    source: &str,
    options: &RunOptions,
    input: Box<dyn Read + Send>,
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
    let program = match Program::load(source) {
        Ok(program) => program,
        Err(syntax_error) => {
            let _ = write!(err, "{}", syntax_error.render(filename, source));
            return 1;
        }
    };
    let tape = GcArray::new(TAPE_CELLS, 0u8);
    set_input(Some(input));
    set_output(Some(Box::new(std::io::BufWriter::new(out))));
    let result = execute(program, tape);
    if let Some(mut out) = set_output(None) {
        let _ = out.flush();
    }
    set_input(None);
    gc::log_summary();
    jitgen_core::jit::log_summary();
    jitgen_core::log::flush();
    match result {
        Ok(()) => 0,
        Err(error) => {
            let (line, col) = program.position(error.pc);
            let end = if program.args.get(error.pc) < 0 {
                "left"
            } else {
                "right"
            };
            debug_assert_eq!(decode(program.ops.get(error.pc)), crate::program::Op::Move);
            let _ = write!(
                err,
                "{filename}:{line}:{col}: runtime error: moved off the {end} end of the tape ({TAPE_CELLS} cells)\n{}",
                excerpt(source, line, col)
            );
            1
        }
    }
}
