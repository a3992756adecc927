//! Blackhole runs of hand-built jitcode, compared with the native functions.

use std::any::TypeId;
use std::panic::{catch_unwind, AssertUnwindSafe};

use super::*;
use crate::gc::{self, Gc, GcArray, GcRef, Mut};
use crate::jitcode::fixtures::*;
use crate::jitcode::Registry;

fn id_of<F: 'static>(registry: &Registry, _f: &F) -> JitCodeId {
    registry.lookup(TypeId::of::<F>()).expect("registered")
}

fn run_fn<F: 'static>(registry: &Registry, f: &F, args: &[Value]) -> Outcome {
    call(registry, id_of(registry, f), args, Mode::Complete)
}

fn returned(outcome: Outcome) -> Value {
    match outcome {
        Outcome::Return(v) => v,
        other => panic!("expected a return, got {other:?}"),
    }
}

fn int(registry: &Registry, f: &(impl Sized + 'static), args: &[Value]) -> i64 {
    returned(run_fn(registry, f, args))
        .as_int()
        .expect("an int")
}

fn panic_message(f: impl FnOnce()) -> String {
    let payload = catch_unwind(AssertUnwindSafe(f)).expect_err("should panic");
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_default()
}

#[test]
fn loop_summing_ints() {
    let r = registry();
    for n in [0, 1, 10, 1000] {
        assert_eq!(int(&r, &sum_to, &[Value::Int(n)]), sum_to(n));
    }
}

#[test]
fn checked_add_overflow_takes_the_err_path() {
    let r = registry();
    assert_eq!(
        int(&r, &checked_add_or_err, &[Value::Int(2), Value::Int(3)]),
        checked_add_or_err(2, 3).unwrap()
    );
    let outcome = run_fn(
        &r,
        &checked_add_or_err,
        &[Value::Int(i64::MAX), Value::Int(1)],
    );
    let Outcome::Err(error) = outcome else {
        panic!("expected an error, got {outcome:?}")
    };
    let native = checked_add_or_err(i64::MAX, 1).unwrap_err();
    assert_eq!(error.downcast::<ErrObj>().unwrap().code, native.code);
}

#[test]
fn question_mark_propagates_and_catch_handles() {
    let r = registry();
    assert_eq!(int(&r, &twice_checked, &[Value::Int(20)]), 41);
    let outcome = run_fn(&r, &twice_checked, &[Value::Int(i64::MAX)]);
    assert!(matches!(outcome, Outcome::Err(e) if e.is::<ErrObj>()));
    assert!(twice_checked(i64::MAX).is_err());
    for a in [5, i64::MAX, i64::MIN] {
        assert_eq!(int(&r, &recover, &[Value::Int(a)]), recover(a));
    }
}

fn point() -> Gc<Point> {
    Gc::new(Point {
        x: Mut::new(3),
        y: Mut::new(4),
        scale: 1.5,
        flag: Mut::new(false),
        small: Mut::new(100),
    })
}

#[test]
fn field_get_and_set() {
    let r = registry();
    let (native_point, jit_point) = (point(), point());
    let expected = move_point(native_point, 10);
    let got = int(&r, &move_point, &[Value::of(jit_point), Value::Int(10)]);
    assert_eq!(got, expected);
    assert_eq!(jit_point.x.get(), native_point.x.get());
    assert_eq!(jit_point.flag.get(), native_point.flag.get());
    assert_eq!(jit_point.small.get(), native_point.small.get());
}

#[test]
fn arrays_and_bounds_failure_match_native() {
    let r = registry();
    let array = GcArray::new(3, 0i64);
    array.set(1, 42);
    assert_eq!(int(&r, &get_item, &[Value::of(array), Value::Int(1)]), 42);
    assert_eq!(int(&r, &set_last, &[Value::of(array), Value::Int(9)]), 3);
    assert_eq!(array.get(2), 9);
    let native = panic_message(|| {
        get_item(array, 5);
    });
    let jitted = panic_message(|| {
        run_fn(&r, &get_item, &[Value::of(array), Value::Int(5)]);
    });
    assert_eq!(jitted, native);
    assert_eq!(
        jitted,
        "index out of bounds: the len is 3 but the index is 5"
    );
}

#[test]
fn division_by_zero_matches_native() {
    let r = registry();
    assert_eq!(
        int(
            &r,
            &crate::jitcode::fixtures::divide,
            &[Value::Int(-7), Value::Int(2)]
        ),
        -3
    );
    let args = |a: i64, b: i64| [Value::Int(a), Value::Int(b)];
    for (a, b) in [(1, 0), (i64::MIN, -1)] {
        let native = panic_message(|| {
            crate::jitcode::fixtures::divide(std::hint::black_box(a), std::hint::black_box(b));
        });
        let jitted = panic_message(|| {
            run_fn(&r, &crate::jitcode::fixtures::divide, &args(a, b));
        });
        assert_eq!(jitted, native);
    }
}

#[test]
fn residual_call_through_a_shim() {
    let r = registry();
    assert_eq!(int(&r, &use_residual, &[Value::Int(14)]), use_residual(14));
}

#[test]
fn calls_between_jitcodes_and_recursion() {
    let r = registry();
    assert_eq!(
        int(&r, &sum_squares, &[Value::Int(3), Value::Int(4)]),
        sum_squares(3, 4)
    );
    for n in [0, 1, 2, 10, 15] {
        assert_eq!(int(&r, &fib, &[Value::Int(n)]), fib(n));
    }
}

#[test]
fn ref_registers_survive_gc_stress() {
    let r = registry();
    let expected = list_sum(200);
    gc::set_stress(true);
    let got = int(&r, &list_sum, &[Value::Int(200)]);
    gc::set_stress(false);
    assert_eq!(got, expected);
}

#[test]
fn ref_constants_are_rooted() {
    fn build(b: &mut crate::jitcode::Builder<'_>) {
        b.returns::<i64>();
        let node = b.constant(cons(1234, None));
        let v = b.getfield::<{ crate::layout::field_id("value") }, Node>(node);
        b.ret(v);
    }
    fn constant_node() -> i64 {
        1234
    }
    let r = Registry::new();
    let id = r.register_fn(&constant_node, "constant_node", build);
    let code = r.get(id);
    gc::set_stress(true);
    // Churn the heap: without the root, the constant's slot would be freed and reused.
    for i in 0..100 {
        cons(i, None);
    }
    gc::collect();
    let got = call(&r, id, &[], Mode::Complete);
    gc::set_stress(false);
    assert_eq!(returned(got).as_int(), Some(constant_node()));
    assert_eq!(code.num_constants(), 1);
}

#[test]
fn stops_at_the_next_merge_point() {
    let r = registry();
    let id = id_of(&r, &countdown);
    assert_eq!(int(&r, &countdown, &[Value::Int(5)]), countdown(5));
    // From the start, the first merge point is reached at once.
    let Outcome::MergePoint(exit) = call(&r, id, &[Value::Int(5)], Mode::UntilMergePoint) else {
        panic!("expected a merge point")
    };
    let values = |exit: &MergePointExit| exit.values().collect::<Vec<_>>();
    assert_eq!((exit.num_greens(), exit.num_reds()), (1, 1));
    assert_eq!(values(&exit), [Value::Int(5), Value::Int(0)]);
    // Resuming just after it runs one iteration of the user's loop.
    let code = r.get(id);
    let green: Vec<Value> = exit.greens().collect();
    let mut frame = Frame::with_args(code, &green);
    frame.set(AnyReg::int(1), exit.reds().next().expect("a red"));
    frame.set(AnyReg::int(2), Value::Int(0));
    frame.set(AnyReg::int(3), Value::Int(1));
    let Outcome::MergePoint(next) = run(&r, frame, exit.pc() + 1, Mode::UntilMergePoint) else {
        panic!("expected a merge point")
    };
    assert_eq!(values(&next), [Value::Int(4), Value::Int(5)]);
}

#[test]
fn resumes_a_stack_of_frames() {
    let r = registry();
    let outer_code = r.get(id_of(&r, &sum_squares));
    let call_pc = outer_code
        .insns
        .iter()
        .position(|i| matches!(i, Insn::CallJitCode { .. }))
        .unwrap();
    let outer = Frame::with_args(outer_code, &[Value::Int(3), Value::Int(4)]);
    let inner = Frame::with_args(r.get(id_of(&r, &square)), &[Value::Int(3)]);
    let stack = vec![
        SuspendedFrame::new(outer, call_pc),
        SuspendedFrame::new(inner, 0),
    ];
    let outcome = resume(&r, stack, Mode::Complete);
    assert_eq!(returned(outcome), Value::Int(25));
}

#[test]
fn values_convert_back_to_rust_types() {
    let node = cons(5, None);
    let value = Value::of(node);
    let back: Gc<Node> = unsafe { value.get() };
    assert!(Gc::ptr_eq(back, node));
    let as_ref: Option<GcRef> = unsafe { value.get() };
    assert_eq!(as_ref.map(GcRef::addr), Some(node.addr()));
    assert_eq!(Value::of(2.5f64).as_float(), Some(2.5));
}

/// A panic inside a residual call must not unwind through the shim: the process aborts with
/// a clear message. Checked in a child process running `shim_panic_child`.
#[test]
fn panic_in_residual_call_aborts_with_a_message() {
    let exe = std::env::current_exe().unwrap();
    let output = std::process::Command::new(exe)
        .args([
            "--exact",
            "blackhole::tests::shim_panic_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("JITGEN_SHIM_PANIC_CHILD", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!output.status.success());
    assert!(
        stderr.contains("the residual call `") && stderr.contains("panicked: boom"),
        "{stderr}"
    );
    assert!(stderr.contains("aborting"), "{stderr}");
}

#[test]
fn shim_panic_child() {
    if std::env::var_os("JITGEN_SHIM_PANIC_CHILD").is_none() {
        return;
    }
    fn explode(_: i64) -> i64 {
        panic!("boom")
    }
    fn build(b: &mut crate::jitcode::Builder<'_>) {
        b.returns::<i64>();
        let x = b.param::<i64>();
        let y = b.call(&explode, (x,));
        b.ret(y);
    }
    fn caller(x: i64) -> i64 {
        explode(x)
    }
    let r = Registry::new();
    let id = r.register_fn(&caller, "caller", build);
    call(&r, id, &[Value::Int(1)], Mode::Complete);
}
