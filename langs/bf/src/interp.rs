//! The interpreter: the dispatch loop (the JIT's portal) and the byte I/O it calls.

use std::cell::RefCell;
use std::io::{Read, Write};

use jitgen_core::gc::{Gc, GcArray};
use jitgen_core::{can_enter_jit, jit_merge_point};

use crate::program::{decode, Op, Program};

/// The number of cells on the tape.
pub const TAPE_CELLS: usize = 30_000;

/// The error of moving the pointer off either end of the tape.
#[jitgen_core::layout]
pub struct TapeError {
    /// The pc of the `Move` that did it.
    pub pc: usize,
}

/// The JIT driver: the program position is (pc, program); the tape and the pointer into it
/// are the red variables.
#[jitgen_core::jit_driver(location = bf_location)]
pub struct BfDriver {
    #[green]
    pc: usize,
    #[green]
    program: Gc<Program>,
    #[red]
    tape: Gc<GcArray<u8>>,
    #[red]
    ptr: usize,
}

/// `pc OP (line L:C)` for JIT logs: the op about to run (its source characters, a run of
/// `+`/`-` or `<`/`>` by its sum) and where it is in the source.
fn bf_location(driver: &BfDriver) -> String {
    let (line, col) = driver.program.position(driver.pc);
    let op = driver.program.describe(driver.pc);
    format!("{} {op} (line {line}:{col})", driver.pc)
}

/// Runs `program` on `tape`, the pointer starting at cell 0.
#[jitgen_core::portal]
pub fn execute(program: Gc<Program>, tape: Gc<GcArray<u8>>) -> Result<(), Gc<TapeError>> {
    let mut pc: usize = 0;
    let mut ptr: usize = 0;
    loop {
        jit_merge_point!(BfDriver {
            pc,
            program,
            tape,
            ptr
        });
        let op = decode(program.ops.get(pc));
        let arg = program.args.get(pc);
        pc += 1;
        match op {
            Op::Add => {
                tape.set(ptr, tape.get(ptr).wrapping_add(arg as u8));
            }
            Op::Move => {
                let next = ptr as i64 + arg;
                if next < 0 || next >= tape.len() as i64 {
                    return Err(off_the_tape(pc - 1));
                }
                ptr = next as usize;
            }
            Op::Output => {
                write_byte(tape.get(ptr));
            }
            Op::Input => {
                let byte = read_byte();
                if byte >= 0 {
                    tape.set(ptr, byte as u8);
                }
            }
            Op::Open => {
                if tape.get(ptr) == 0 {
                    pc = arg as usize;
                }
            }
            Op::Close => {
                if tape.get(ptr) != 0 {
                    pc = arg as usize;
                    can_enter_jit!(BfDriver {
                        pc,
                        program,
                        tape,
                        ptr
                    });
                }
            }
            Op::End => return Ok(()),
        }
    }
}

/// The error of the `Move` at `pc` (a rare path: a residual call).
#[jitgen_core::dont_look_inside]
fn off_the_tape(pc: usize) -> Gc<TapeError> {
    Gc::new(TapeError { pc })
}

thread_local! {
    /// Where `.` writes: the running program's standard output.
    static OUTPUT: RefCell<Option<Box<dyn Write>>> = const { RefCell::new(None) };
    /// Where `,` reads from: the running program's standard input.
    static INPUT: RefCell<Option<Box<dyn Read>>> = const { RefCell::new(None) };
}

/// Sets this thread's program output; returns the previous one (flush it).
pub fn set_output(output: Option<Box<dyn Write>>) -> Option<Box<dyn Write>> {
    OUTPUT.with(|out| std::mem::replace(&mut *out.borrow_mut(), output))
}

/// Sets this thread's program input; returns the previous one.
pub fn set_input(input: Option<Box<dyn Read>>) -> Option<Box<dyn Read>> {
    INPUT.with(|inp| std::mem::replace(&mut *inp.borrow_mut(), input))
}

/// `.`: writes `byte` to the output (errors such as a closed pipe are ignored). Touches no GC
/// object, which the declared effects tell the JIT.
#[jitgen_core::dont_look_inside(effects(cannot_raise))]
fn write_byte(byte: u8) {
    OUTPUT.with(|out| {
        if let Some(out) = out.borrow_mut().as_mut() {
            let _ = out.write_all(&[byte]);
        }
    });
}

/// `,`: the next input byte, or -1 at the end of the input (or on an error). Flushes the
/// output first, so that a prompt shows before the program waits.
#[jitgen_core::dont_look_inside(effects(cannot_raise))]
fn read_byte() -> i64 {
    OUTPUT.with(|out| {
        if let Some(out) = out.borrow_mut().as_mut() {
            let _ = out.flush();
        }
    });
    INPUT.with(|inp| {
        let mut byte = [0u8];
        match inp
            .borrow_mut()
            .as_mut()
            .map(|input| input.read_exact(&mut byte))
        {
            Some(Ok(())) => i64::from(byte[0]),
            _ => -1,
        }
    })
}
