//! Virtualizables: the codewriter marks residual calls that may look at a virtualizable
//! argument (by their effects), and the blackhole forces such arguments before the call.
//! No compiled code exists yet to hold a frame, so the tests hold one by hand and install a
//! force hook that plays the backend's part.

use std::cell::Cell;

use jitgen_core::blackhole::{self, Mode, Outcome, Value};
use jitgen_core::gc::{Gc, GcRef, Mut};
use jitgen_core::jitcode::{Insn, Registry};
use jitgen_core::virtualizable::{self, VableToken, Virtualizable};
use jitgen_core::{dont_look_inside, jit_driver, layout, look_inside};

/// A frame whose `acc` compiled code would keep in a register.
#[layout]
pub struct Frame {
    acc: Mut<i64>,
    vable: VableToken,
}

/// Something else, with a field of its own.
#[layout]
pub struct Other {
    n: Mut<i64>,
}

#[jit_driver(virtualizables(frame))]
pub struct Driver {
    #[green]
    pc: usize,
    #[red]
    frame: Gc<Frame>,
}

/// Residual, undeclared effects: may look at the frame.
#[dont_look_inside]
fn read_acc(frame: Gc<Frame>) -> i64 {
    frame.acc.get()
}

/// Residual, declared to touch only `Other.n`: the frame need not be forced.
#[dont_look_inside(effects(reads(Other.n), cannot_raise))]
fn read_other(_frame: Gc<Frame>, other: Gc<Other>) -> i64 {
    other.n.get()
}

#[look_inside]
fn calls_read_acc(frame: Gc<Frame>) -> i64 {
    read_acc(frame)
}

#[look_inside]
fn calls_read_other(frame: Gc<Frame>, other: Gc<Other>) -> i64 {
    read_other(frame, other)
}

/// The `forces` of the only residual call in the staged function `name`.
fn forced_args(registry: &Registry, name: &str) -> Vec<usize> {
    let id = registry
        .ids()
        .find(|&id| registry.name(id) == name)
        .expect("staged");
    let code = registry.get(id);
    let forces: Vec<Vec<usize>> = code
        .insns
        .iter()
        .filter_map(|insn| match insn {
            Insn::CallResidual { descr, .. } => Some(
                code.call_descrs[*descr as usize]
                    .forces
                    .iter()
                    .map(|f| f.arg)
                    .collect(),
            ),
            _ => None,
        })
        .collect();
    assert_eq!(forces.len(), 1);
    forces[0].clone()
}

#[test]
fn residual_calls_that_may_look_at_the_frame_force_it() {
    let registry = Registry::with_staged();
    assert_eq!(forced_args(&registry, "calls_read_acc"), [0]);
    assert_eq!(
        forced_args(&registry, "calls_read_other"),
        Vec::<usize>::new()
    );
    let id = registry
        .ids()
        .find(|&id| registry.name(id) == "calls_read_acc")
        .unwrap();
    assert!(registry
        .get(id)
        .to_string()
        .contains("{everything} force_virtualizable(r0)"));
    assert_eq!(Frame::TOKEN.offset, 8);
}

thread_local! {
    static FORCED: Cell<u32> = const { Cell::new(0) };
}

/// Plays the backend: the "register" value of `acc` is 42; writes it back, releases.
fn write_back(object: GcRef, holder: usize) {
    assert_eq!(holder, 0x1000);
    let frame = object.downcast::<Frame>().expect("a Frame");
    frame.acc.set(42);
    frame.vable.release();
    FORCED.with(|f| f.set(f.get() + 1));
}

#[test]
fn the_blackhole_forces_a_held_frame_before_the_call() {
    let registry = Registry::with_staged();
    let id = registry
        .ids()
        .find(|&id| registry.name(id) == "calls_read_acc")
        .unwrap();
    let frame = Gc::new(Frame {
        acc: Mut::new(7),
        vable: VableToken::new(),
    });
    virtualizable::set_force_hook(Some(write_back));
    // Not held: nothing to force, the field is read as it is.
    let outcome = blackhole::call(&registry, id, &[Value::of(frame)], Mode::Complete);
    assert!(matches!(outcome, Outcome::Return(Value::Int(7))));
    assert_eq!(FORCED.with(Cell::get), 0);
    // Held: forced before the residual call, which sees the written-back value.
    frame.vable.hold(0x1000);
    let outcome = blackhole::call(&registry, id, &[Value::of(frame)], Mode::Complete);
    assert!(matches!(outcome, Outcome::Return(Value::Int(42))));
    assert_eq!(FORCED.with(Cell::get), 1);
    assert!(!frame.vable.is_held());
    virtualizable::set_force_hook(None);
}

#[test]
fn force_is_a_no_op_unless_held() {
    let frame = Gc::new(Frame {
        acc: Mut::new(1),
        vable: VableToken::new(),
    });
    virtualizable::force(frame);
    assert_eq!(frame.acc.get(), 1);
    frame.vable.hold(0x1000);
    virtualizable::set_force_hook(Some(write_back));
    virtualizable::force(frame);
    virtualizable::set_force_hook(None);
    assert_eq!(frame.acc.get(), 42);
    assert!(!frame.vable.is_held());
}
