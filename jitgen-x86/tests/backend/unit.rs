//! Hand-built traces, each run on the reference backend and on x86 (identical outcomes
//! required), with assertions on the expected values; regression tests for bugs the random
//! test found.

use std::rc::Rc;

use jitgen_core::backend::{Backend, RunEnd, TraceId};
use jitgen_core::blackhole::Value;
use jitgen_core::jitcode::{DivOp, FloatBinOp, FloatUnOp, IntBinOp, IntCmpOp, IntWidth, Kind};
use jitgen_core::trace::{Arg, IndexCheck, OpKind, TraceLoop};

use super::common::*;

/// Runs `trace` from `inputs` on both backends (fresh worlds), checks the outcomes and
/// heaps agree, checks x86 really compiled it, and returns the outcome.
fn both(trace: TraceLoop, inputs: &dyn Fn(&World) -> Vec<Value>) -> Outcome {
    trace.verify().expect("a valid trace");
    let trace = Rc::new(trace);
    let mut results = Vec::new();
    for backend in backends() {
        let world = World::new(5);
        let before = jitgen_x86::live_code_bytes();
        let code = backend.compile_loop(trace.clone());
        if backend.name() == "x86" {
            assert!(
                jitgen_x86::live_code_bytes() > before,
                "x86 compiled nothing"
            );
        }
        let traces = |_: TraceId| trace.clone();
        results.push(run_once(&*code, &traces, &world, &inputs(&world)));
    }
    assert_eq!(results[0], results[1], "the backends disagree");
    results.swap_remove(0).0
}

fn values(outcome: &Outcome) -> Vec<String> {
    match outcome {
        Outcome::Failed { values, .. } => values.iter().map(|(_, v)| v.clone()).collect(),
        Outcome::Panicked(m) => panic!("unexpected panic: {m}"),
        Outcome::Finished(v) => panic!("unexpected finish: {v}"),
    }
}

fn lt() -> OpKind {
    OpKind::IntCmp {
        op: IntCmpOp::Lt,
        signed: true,
    }
}

/// `loop(i, sum)`: `i2 = i + 1; s2 = sum + i; guard i2 < limit; jump(i2, s2)`.
fn counting_loop(limit: i64) -> TraceLoop {
    let mut t = TraceLoop::new("count".into(), &[Kind::Int, Kind::Int]);
    let add = OpKind::IntBin(IntBinOp::Add);
    let i2 = t
        .push(
            add.clone(),
            vec![Arg::Var(0), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    let s2 = t
        .push(add, vec![Arg::Var(1), Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    let c = t
        .push(
            lt(),
            vec![Arg::Var(i2), Arg::Int(limit)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(
        OpKind::GuardTrue,
        vec![Arg::Var(c)],
        None,
        resume(&[i2, s2]),
    );
    t.push(OpKind::Jump, vec![Arg::Var(i2), Arg::Var(s2)], None, None);
    t
}

/// `loop NAME(i0, i1)`: `i2 = i0 + 1` (variable 2), guard `i2 < 10` (op 2), guard `i2` even
/// (op 4), `jump i2, i1`: a loop whose odd-number guard wants a bridge.
fn odd_guarded_loop(name: &str) -> TraceLoop {
    let mut t = TraceLoop::new(name.into(), &[Kind::Int, Kind::Int]);
    let i2 = t
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(0), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    let c = t
        .push(
            lt(),
            vec![Arg::Var(i2), Arg::Int(10)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardTrue, vec![Arg::Var(c)], None, resume(&[i2, 1]));
    let odd = t
        .push(
            OpKind::IntBin(IntBinOp::And),
            vec![Arg::Var(i2), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(
        OpKind::GuardFalse,
        vec![Arg::Var(odd)],
        None,
        resume(&[i2, 1]),
    );
    t.push(OpKind::Jump, vec![Arg::Var(i2), Arg::Var(1)], None, None);
    t
}

#[test]
fn a_counting_loop_runs_until_its_guard_fails() {
    let outcome = both(counting_loop(1000), &|_| vec![Value::Int(0), Value::Int(0)]);
    assert_eq!(
        values(&outcome),
        ["1000", &(0..1000).sum::<i64>().to_string()]
    );
}

#[test]
fn many_live_values_spill_and_reload() {
    // 40 values live at once, more than there are registers, summed at the guard.
    let mut t = TraceLoop::new("pressure".into(), &[Kind::Int, Kind::Float]);
    let mut ints = Vec::new();
    let mut floats = Vec::new();
    for k in 0..40 {
        let v = t.push(
            OpKind::IntBin(IntBinOp::Mul),
            vec![Arg::Var(0), Arg::Int(k + 1)],
            Some(Kind::Int),
            None,
        );
        ints.push(v.unwrap());
        let f = t.push(
            OpKind::FloatBin(FloatBinOp::Mul),
            vec![Arg::Var(1), Arg::Float(k as f64 + 0.5)],
            Some(Kind::Float),
            None,
        );
        floats.push(f.unwrap());
    }
    let mut sum = ints[0];
    for v in &ints[1..] {
        sum = t
            .push(
                OpKind::IntBin(IntBinOp::Add),
                vec![Arg::Var(sum), Arg::Var(*v)],
                Some(Kind::Int),
                None,
            )
            .unwrap();
    }
    let mut fsum = floats[0];
    for f in &floats[1..] {
        fsum = t
            .push(
                OpKind::FloatBin(FloatBinOp::Add),
                vec![Arg::Var(fsum), Arg::Var(*f)],
                Some(Kind::Float),
                None,
            )
            .unwrap();
    }
    let mut live = vec![sum, fsum];
    live.extend(&ints[30..]);
    live.extend(&floats[35..]);
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&live));
    t.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(1)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(3), Value::Float(2.0)]);
    let Outcome::Failed { values, .. } = outcome else {
        panic!("{outcome:?}")
    };
    let found = values
        .iter()
        .find(|(v, _)| *v == sum)
        .map(|(_, s)| s.as_str());
    assert_eq!(
        found,
        Some((3 * (1..=40).sum::<i64>()).to_string().as_str())
    );
}

#[test]
fn a_call_with_eight_arguments_passes_them_in_order() {
    let mut t = TraceLoop::new("call8".into(), &[Kind::Int]);
    let args: Vec<Arg> = (0..8)
        .map(|k| {
            if k == 5 {
                Arg::Var(0)
            } else {
                Arg::Int(k * 10)
            }
        })
        .collect();
    let d = descr(
        "sum8",
        sum8 as *const () as usize,
        &[Kind::Int; 8],
        Some(Kind::Int),
        false,
    );
    let r = t
        .push(OpKind::Call(d), args, Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[r]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(1000)]);
    let expected: u64 = (0..8u64)
        .map(|k| (if k == 5 { 1000 } else { k * 10 }) * (k + 1))
        .sum();
    assert_eq!(values(&outcome), [expected.to_string()]);
}

#[test]
fn an_error_of_a_call_fails_guard_no_error_with_the_error() {
    let mut t = TraceLoop::new("error".into(), &[Kind::Int]);
    let d = descr(
        "maybe_err",
        maybe_err as *const () as usize,
        &[Kind::Int],
        Some(Kind::Int),
        true,
    );
    let r = t
        .push(OpKind::Call(d), vec![Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::GuardNoError, vec![], None, resume(&[0]));
    let next = t
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(0), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardTrue, vec![Arg::Var(r)], None, resume(&[r]));
    t.push(OpKind::Jump, vec![Arg::Var(next)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(4)]);
    let Outcome::Failed {
        guard,
        values,
        error,
        ..
    } = outcome
    else {
        panic!()
    };
    assert_eq!((guard, error.as_str()), (1, "err0"));
    assert_eq!(values, [(0, "6".to_string())]);
}

#[test]
fn a_bridge_runs_in_place_of_its_guard_and_jumps_back() {
    // The loop counts i up, failing when i is odd; the bridge adds 100 to sum and goes on.
    let t = odd_guarded_loop("bridged");
    let i2 = 2; // the loop's `i0 + 1`
    let mut b = TraceLoop::new("bridge".into(), &[Kind::Int, Kind::Int]);
    let s2 = b
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(1), Arg::Int(100)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    b.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(s2)], None, None);
    let (t, b) = (Rc::new(t), Rc::new(b));
    let mut results = Vec::new();
    for backend in backends() {
        let world = World::new(1);
        let code = backend.compile_loop(t.clone());
        let id = code.attach_bridge(TraceId::Loop, 4, b.clone(), vec![i2, 1]);
        assert_eq!(id, TraceId::Bridge(0));
        let traces = |id: TraceId| {
            if id == TraceId::Loop {
                t.clone()
            } else {
                b.clone()
            }
        };
        results.push(run_once(
            &*code,
            &traces,
            &world,
            &[Value::Int(0), Value::Int(0)],
        ));
    }
    assert_eq!(results[0], results[1]);
    // i = 1, 3, 5, 7, 9 went through the bridge; the loop's guard 2 failed at i = 10.
    // Values in variable order: sum (v1), then i2.
    assert_eq!(values(&results[0].0), ["500", "10"]);
}

#[test]
fn past_the_code_size_cap_the_reference_backend_runs_loops() {
    jitgen_x86::set_code_limit(0);
    let before = jitgen_x86::live_code_bytes();
    let fallbacks = jitgen_core::backend::fallbacks();
    let code = jitgen_x86::X86Backend.compile_loop(Rc::new(counting_loop(50)));
    assert_eq!(jitgen_x86::live_code_bytes(), before);
    // Never silently: counted for `jit-summary`.
    assert_eq!(jitgen_core::backend::fallbacks(), fallbacks + 1);
    let RunEnd::Failed(failure) = code.run(&[Value::Int(0), Value::Int(0)]) else {
        panic!("a guard fails");
    };
    jitgen_x86::set_code_limit(jitgen_x86::DEFAULT_CODE_LIMIT);
    assert_eq!(failure.guard, 3);
    assert_eq!(failure.frame.value(Arg::Var(2)), Value::Int(50));
}

#[test]
fn past_the_code_size_cap_bridges_are_interpreted() {
    // Compiled loop, then a cap that leaves no room for the bridge.
    let t = Rc::new(counting_loop(20));
    let code = jitgen_x86::X86Backend.compile_loop(t.clone());
    let mut b = TraceLoop::new("bridge".into(), &[Kind::Int, Kind::Int]);
    let s = b
        .push(
            OpKind::IntBin(IntBinOp::Sub),
            vec![Arg::Var(1), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    let c = b
        .push(lt(), vec![Arg::Var(0), Arg::Int(25)], Some(Kind::Int), None)
        .unwrap();
    b.push(OpKind::GuardTrue, vec![Arg::Var(c)], None, resume(&[0, s]));
    let i = b
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(0), Arg::Int(0)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    b.jump_arity = 2;
    b.push(OpKind::Jump, vec![Arg::Var(i), Arg::Var(s)], None, None);
    jitgen_x86::set_code_limit(0);
    let before = jitgen_x86::live_code_bytes();
    let fallbacks = jitgen_core::backend::fallbacks();
    code.attach_bridge(TraceId::Loop, 3, Rc::new(b), vec![2, 3]);
    assert_eq!(jitgen_x86::live_code_bytes(), before);
    assert_eq!(jitgen_core::backend::fallbacks(), fallbacks + 1);
    jitgen_x86::set_code_limit(jitgen_x86::DEFAULT_CODE_LIMIT);
    // The loop fails at i = 20, the bridge jumps back with it, the loop fails again at once
    // (21 < 20 is false) ... until the bridge's own guard fails at i = 25.
    let RunEnd::Failed(failure) = code.run(&[Value::Int(0), Value::Int(0)]) else {
        panic!("a guard fails");
    };
    assert_eq!(failure.trace, TraceId::Bridge(0));
    assert_eq!(failure.guard, 2);
    assert_eq!(failure.frame.value(Arg::Var(0)), Value::Int(25));
}

#[test]
fn division_by_zero_panics_with_the_native_message() {
    let mut t = TraceLoop::new("div".into(), &[Kind::Int, Kind::Int]);
    let div = OpKind::IntDiv {
        op: DivOp::Div,
        width: IntWidth::I64,
    };
    let q = t
        .push(div, vec![Arg::Var(0), Arg::Var(1)], Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(q)], None, resume(&[q]));
    t.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(1)], None, None);
    quiet_panics();
    let outcome = both(t, &|_| vec![Value::Int(7), Value::Int(0)]);
    assert_eq!(
        outcome,
        Outcome::Panicked("attempt to divide by zero".into())
    );
}

#[test]
fn an_index_out_of_bounds_panics_with_the_native_message() {
    let mut t = TraceLoop::new("oob".into(), &[Kind::Ref, Kind::Int]);
    let get = OpKind::GetArrayItem(i64_array(), IndexCheck::Checked);
    let v = t
        .push(get, vec![Arg::Var(0), Arg::Var(1)], Some(Kind::Int), None)
        .unwrap();
    let i = t
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(1), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardTrue, vec![Arg::Var(v)], None, resume(&[v]));
    t.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(i)], None, None);
    quiet_panics();
    // Items 5, -3, 5, 5, 1 << 40: none is zero, so the loop walks off the end.
    let outcome = both(t, &|w| {
        vec![Value::Ref(Some(w.arr.get().erase())), Value::Int(0)]
    });
    assert_eq!(
        outcome,
        Outcome::Panicked("index out of bounds: the len is 5 but the index is 5".into())
    );
}

// ---- regressions found by the random test ----

#[test]
fn regression_a_fused_comparison_read_by_its_guards_resume_data() {
    let mut t = TraceLoop::new("fused".into(), &[Kind::Int]);
    let c = t
        .push(lt(), vec![Arg::Var(0), Arg::Int(3)], Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::GuardTrue, vec![Arg::Var(c)], None, resume(&[0, c]));
    let n = t
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(0), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::Jump, vec![Arg::Var(n)], None, None);
    assert_eq!(values(&both(t, &|_| vec![Value::Int(0)])), ["3", "0"]);
}

#[test]
fn regression_a_float_op_on_two_constants() {
    let mut t = TraceLoop::new("fconst".into(), &[Kind::Int]);
    let f = t
        .push(
            OpKind::FloatBin(FloatBinOp::Sub),
            vec![Arg::Float(-0.0), Arg::Float(3e9)],
            Some(Kind::Float),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[f]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(1)]);
    assert_eq!(values(&outcome), [format!("f{:#x}", (-3e9f64).to_bits())]);
}

#[test]
fn square_roots_are_correctly_rounded_and_nan_below_zero() {
    for x in [2.0f64, -1.0, -0.0, 1e-310, f64::INFINITY] {
        // Computed at run time (a constant-folded nan could carry other bits).
        let expected = std::hint::black_box(x).sqrt();
        let mut t = TraceLoop::new("sqrt".into(), &[Kind::Float]);
        let f = t
            .push(
                OpKind::FloatUn(FloatUnOp::Sqrt),
                vec![Arg::Var(0)],
                Some(Kind::Float),
                None,
            )
            .unwrap();
        t.push(OpKind::GuardFalse, vec![Arg::Int(1)], None, resume(&[f]));
        t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
        let outcome = both(t, &|_| vec![Value::Float(x)]);
        assert_eq!(
            values(&outcome),
            [format!("f{:#x}", expected.to_bits())],
            "{x}"
        );
    }
}

#[test]
fn regression_unsigned_int_to_float_of_a_wide_word() {
    let mut t = TraceLoop::new("u2f".into(), &[Kind::Int]);
    let width = IntWidth {
        bytes: 4,
        signed: false,
    };
    let f = t
        .push(
            OpKind::IntToFloat(width),
            vec![Arg::Var(0)],
            Some(Kind::Float),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[f]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(-5)]);
    assert_eq!(
        values(&outcome),
        [format!("f{:#x}", (-5i64 as u64 as f64).to_bits())]
    );
}

#[test]
fn regression_a_narrow_remainder_of_i64_min_by_minus_one_panics() {
    let mut t = TraceLoop::new("rem".into(), &[Kind::Int]);
    let rem = OpKind::IntDiv {
        op: DivOp::Rem,
        width: IntWidth {
            bytes: 1,
            signed: true,
        },
    };
    let r = t
        .push(
            rem,
            vec![Arg::Int(i64::MIN), Arg::Var(0)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[r]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    quiet_panics();
    let outcome = both(t, &|_| vec![Value::Int(-1)]);
    assert_eq!(
        outcome,
        Outcome::Panicked("attempt to calculate the remainder with overflow".into())
    );
}

#[test]
fn regression_a_bool_store_into_a_constant_object() {
    // The address register of a constant object was also the bool store's scratch.
    let mut t = TraceLoop::new("bool".into(), &[Kind::Int]);
    let d = obj_fields()[3].0;
    let obj = Arg::Ref(Some(shared_obj().erase()));
    t.push(OpKind::SetField(d), vec![obj, Arg::Var(0)], None, None);
    let r = t
        .push(OpKind::GetField(d), vec![obj], Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[r]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    assert_eq!(values(&both(t, &|_| vec![Value::Int(7)])), ["1"]);
}

#[test]
fn the_perf_map_names_compiled_loops() {
    // SAFETY: no other test reads or writes this variable.
    unsafe { std::env::set_var("JITGEN_PERF_MAP", "1") };
    let mut t = counting_loop(10);
    t.name = "perf map probe".into();
    let _code = jitgen_x86::X86Backend.compile_loop(Rc::new(t));
    // SAFETY: as above.
    unsafe { std::env::remove_var("JITGEN_PERF_MAP") };
    let path = format!("/tmp/perf-{}.map", std::process::id());
    let map = std::fs::read_to_string(&path).expect("a perf map");
    let _ = std::fs::remove_file(&path);
    let line = map
        .lines()
        .find(|l| l.ends_with("jitgen:loop perf map probe"))
        .expect("a line for the loop");
    let fields: Vec<&str> = line.splitn(3, ' ').collect();
    assert!(
        u64::from_str_radix(fields[0], 16).is_ok_and(|a| a > 0),
        "{line}"
    );
    assert!(
        u64::from_str_radix(fields[1], 16).is_ok_and(|n| n > 0),
        "{line}"
    );
}

#[test]
fn a_peeled_loop_jumps_back_to_its_label() {
    // Peeled iteration: i1 = i + 1, s1 = s + i, an invariant k = i * 0 + 100; label(i1', s1');
    // body: i2 = i1' + 1, s2 = s1' + k, guard i2 < 10; jump(i2, s2).
    let mut t = TraceLoop::new("peeled".into(), &[Kind::Int, Kind::Int]);
    let add = |t: &mut TraceLoop, a: Arg, b: Arg| {
        t.push(
            OpKind::IntBin(IntBinOp::Add),
            vec![a, b],
            Some(Kind::Int),
            None,
        )
        .unwrap()
    };
    let i1 = add(&mut t, Arg::Var(0), Arg::Int(1));
    let s1 = add(&mut t, Arg::Var(1), Arg::Var(0));
    let zero = t
        .push(
            OpKind::IntBin(IntBinOp::Mul),
            vec![Arg::Var(0), Arg::Int(0)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    let k = add(&mut t, Arg::Var(zero), Arg::Int(100));
    let li = t
        .push(OpKind::SameAs, vec![Arg::Var(i1)], Some(Kind::Int), None)
        .unwrap();
    let ls = t
        .push(OpKind::SameAs, vec![Arg::Var(s1)], Some(Kind::Int), None)
        .unwrap();
    t.push(OpKind::Label, vec![Arg::Var(li), Arg::Var(ls)], None, None);
    let i2 = add(&mut t, Arg::Var(li), Arg::Int(1));
    let s2 = add(&mut t, Arg::Var(ls), Arg::Var(k));
    let c = t
        .push(
            lt(),
            vec![Arg::Var(i2), Arg::Int(10)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(
        OpKind::GuardTrue,
        vec![Arg::Var(c)],
        None,
        resume(&[i2, s2]),
    );
    t.push(OpKind::Jump, vec![Arg::Var(i2), Arg::Var(s2)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(0), Value::Int(0)]);
    assert_eq!(values(&outcome), ["10", "900"]);
}

#[test]
fn guard_error_defines_the_error_and_clears_it() {
    // maybe_err(3) fails with err1; guard_error takes it; a later guard fails with no
    // last error left.
    let mut t = TraceLoop::new("guard error".into(), &[Kind::Int]);
    let d = descr(
        "maybe_err",
        maybe_err as *const () as usize,
        &[Kind::Int],
        Some(Kind::Int),
        true,
    );
    t.push(OpKind::Call(d), vec![Arg::Var(0)], Some(Kind::Int), None);
    let e = t
        .push(OpKind::GuardError, vec![], Some(Kind::Ref), resume(&[0]))
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(0)], None, resume(&[e]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    let outcome = both(t, &|_| vec![Value::Int(3)]);
    let Outcome::Failed {
        guard,
        values,
        error,
        ..
    } = outcome
    else {
        panic!("{outcome:?}")
    };
    assert_eq!((guard, error.as_str()), (2, "null"));
    assert_eq!(values, [(2, "err1".to_string())]);
}

#[test]
fn a_null_dereference_panics_like_the_reference_backend() {
    let mut t = TraceLoop::new("null".into(), &[Kind::Ref]);
    let v = t
        .push(
            OpKind::GetField(leaf_v()),
            vec![Arg::Var(0)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    t.push(OpKind::GuardFalse, vec![Arg::Var(v)], None, resume(&[v]));
    t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
    quiet_panics();
    let outcome = both(t, &|_| vec![Value::Ref(None)]);
    assert_eq!(
        outcome,
        Outcome::Panicked("jitgen: compiled loop: dereference of None".into())
    );
}

#[test]
fn a_bridge_of_a_bridge_runs_and_both_jump_back() {
    // The loop fails at odd i; bridge 0 adds 100 to sum and fails when i % 3 == 0, where
    // bridge 1 adds 1000 instead. The loop's guard ends the run at i = 10.
    let t = odd_guarded_loop("loop");
    let i2 = 2; // the loop's `i0 + 1`
    let mut b0 = TraceLoop::new("bridge 0".into(), &[Kind::Int, Kind::Int]);
    let rem = OpKind::IntDiv {
        op: DivOp::Rem,
        width: IntWidth::I64,
    };
    let r = b0
        .push(rem, vec![Arg::Var(0), Arg::Int(3)], Some(Kind::Int), None)
        .unwrap();
    b0.push(OpKind::GuardTrue, vec![Arg::Var(r)], None, resume(&[0, 1]));
    let s = b0
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(1), Arg::Int(100)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    b0.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(s)], None, None);
    let mut b1 = TraceLoop::new("bridge 1".into(), &[Kind::Int, Kind::Int]);
    let s = b1
        .push(
            OpKind::IntBin(IntBinOp::Add),
            vec![Arg::Var(1), Arg::Int(1000)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    b1.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(s)], None, None);
    let (t, b0, b1) = (Rc::new(t), Rc::new(b0), Rc::new(b1));
    let mut results = Vec::new();
    for backend in backends() {
        let world = World::new(1);
        let code = backend.compile_loop(t.clone());
        code.attach_bridge(TraceId::Loop, 4, b0.clone(), vec![i2, 1]);
        let id = code.attach_bridge(TraceId::Bridge(0), 1, b1.clone(), vec![0, 1]);
        assert_eq!(id, TraceId::Bridge(1));
        let traces = |id: TraceId| match id {
            TraceId::Loop => t.clone(),
            TraceId::Bridge(0) => b0.clone(),
            TraceId::Bridge(_) => b1.clone(),
        };
        results.push(run_once(
            &*code,
            &traces,
            &world,
            &[Value::Int(0), Value::Int(0)],
        ));
    }
    assert_eq!(results[0], results[1]);
    // Odd i: 1, 5, 7 through bridge 0 (+100 each), 3, 9 through bridge 1 (+1000 each).
    assert_eq!(values(&results[0].0), ["2300", "10"]);
}

#[test]
fn division_by_constants_is_inlined_exactly() {
    // Signed and unsigned `/` and `%` by constants (inline: a magic-number multiplication for
    // `i64`, `idiv`/`div` otherwise) on awkward dividends.
    for dividend in [i64::MIN, -7, -1, 0, 5, i64::MAX] {
        let mut t = TraceLoop::new("div".into(), &[Kind::Int]);
        let mut results = Vec::new();
        for (op, width, divisor) in [
            (DivOp::Div, IntWidth::I64, 7),
            (DivOp::Rem, IntWidth::I64, 3),
            (DivOp::Rem, IntWidth::I64, i64::MIN),
            (DivOp::Div, IntWidth::U64, 3),
            (DivOp::Rem, IntWidth::U64, -2),
            (
                DivOp::Div,
                IntWidth {
                    bytes: 1,
                    signed: true,
                },
                2,
            ),
        ] {
            let r = t
                .push(
                    OpKind::IntDiv { op, width },
                    vec![Arg::Var(0), Arg::Int(divisor)],
                    Some(Kind::Int),
                    None,
                )
                .unwrap();
            results.push(r);
        }
        t.push(
            OpKind::GuardFalse,
            vec![Arg::Int(1)],
            None,
            resume(&results),
        );
        t.push(OpKind::Jump, vec![Arg::Var(0)], None, None);
        let outcome = both(t, &|_| vec![Value::Int(dividend)]);
        assert_eq!(values(&outcome)[0], (dividend / 7).to_string());
    }
}

thread_local! {
    /// The validity of the trace `invalidate_at_300` invalidates.
    static WATCHED: std::cell::RefCell<Option<Rc<jitgen_core::trace::Invalidation>>> =
        const { std::cell::RefCell::new(None) };
}

/// A residual call that invalidates the watched trace when its argument is 300 (like a
/// quasi-immutable field's write would).
extern "C" fn invalidate_at_300(i: u64) -> jitgen_core::jitcode::shim::ShimRet {
    if i == 300 {
        WATCHED.with(|w| w.borrow().as_ref().expect("a watched trace").invalidate());
    }
    jitgen_core::jitcode::shim::ShimRet { value: 0, error: 0 }
}

#[test]
fn an_invalidated_loop_leaves_at_its_next_guard_not_invalidated() {
    // `loop(i): i2 = i + 1; guard i2 < 1000; call invalidate_at_300(i2);
    // guard_not_invalidated; jump(i2)`: x86 patches the guard's no-op into a jump to its
    // exit when the call invalidates the loop; the reference backend reads the flag.
    let mut outcomes = Vec::new();
    for backend in backends() {
        let mut t = TraceLoop::new("watched".into(), &[Kind::Int]);
        let add = OpKind::IntBin(IntBinOp::Add);
        let i2 = t
            .push(add, vec![Arg::Var(0), Arg::Int(1)], Some(Kind::Int), None)
            .unwrap();
        let c = t
            .push(
                lt(),
                vec![Arg::Var(i2), Arg::Int(1000)],
                Some(Kind::Int),
                None,
            )
            .unwrap();
        t.push(OpKind::GuardTrue, vec![Arg::Var(c)], None, resume(&[i2]));
        let call = descr(
            "invalidate_at_300",
            invalidate_at_300 as *const () as usize,
            &[Kind::Int],
            None,
            false,
        );
        t.push(OpKind::Call(call), vec![Arg::Var(i2)], None, None);
        t.push(OpKind::GuardNotInvalidated, vec![], None, resume(&[i2]));
        t.push(OpKind::Jump, vec![Arg::Var(i2)], None, None);
        t.verify().expect("a valid trace");
        let trace = Rc::new(t);
        WATCHED.with(|w| *w.borrow_mut() = Some(trace.invalidation.clone()));
        let code = backend.compile_loop(trace.clone());
        let world = World::new(1);
        let traces = |_: TraceId| trace.clone();
        let first = run_once(&*code, &traces, &world, &[Value::Int(0)]).0;
        // Invalid from the start: the first guard_not_invalidated leaves.
        let again = run_once(&*code, &traces, &world, &[Value::Int(500)]).0;
        outcomes.push((first, again));
    }
    assert_eq!(outcomes[0], outcomes[1], "the backends disagree");
    let (first, again) = &outcomes[0];
    assert_eq!(values(first), ["300"]);
    assert!(
        matches!(first, Outcome::Failed { guard: 4, .. }),
        "{first:?}"
    );
    assert_eq!(values(again), ["501"]);
    assert!(
        matches!(again, Outcome::Failed { guard: 4, .. }),
        "{again:?}"
    );
}

/// `loop(i, s)`: `a = GcArray<i64>::new(len, i); s2 = s + a[len - 1] + len(a); i2 = i + 1;
/// guard i2 < 3000; jump(i2, s2)`.
fn array_loop(len: i64) -> TraceLoop {
    let mut t = TraceLoop::new("arrays".into(), &[Kind::Int, Kind::Int]);
    let int = Some(Kind::Int);
    let add = OpKind::IntBin(IntBinOp::Add);
    let args = vec![Arg::Int(len), Arg::Var(0)];
    let made = t.push(
        OpKind::Call(new_i64_array_descr()),
        args,
        Some(Kind::Ref),
        None,
    );
    let array = Arg::Var(made.unwrap());
    let read = OpKind::GetArrayItem(i64_array(), IndexCheck::Checked);
    let last = t
        .push(read, vec![array, Arg::Int(len - 1)], int, None)
        .unwrap();
    let n = t.push(OpKind::ArrayLen, vec![array], int, None).unwrap();
    let s2 = t.push(add.clone(), vec![Arg::Var(1), Arg::Var(last)], int, None);
    let s3 = t.push(
        add.clone(),
        vec![Arg::Var(s2.unwrap()), Arg::Var(n)],
        int,
        None,
    );
    let (s3, i2) = (
        s3.unwrap(),
        t.push(add, vec![Arg::Var(0), Arg::Int(1)], int, None)
            .unwrap(),
    );
    let c = t
        .push(lt(), vec![Arg::Var(i2), Arg::Int(3000)], int, None)
        .unwrap();
    t.push(
        OpKind::GuardTrue,
        vec![Arg::Var(c)],
        None,
        resume(&[i2, s3]),
    );
    t.push(OpKind::Jump, vec![Arg::Var(i2), Arg::Var(s3)], None, None);
    t
}

#[test]
fn arrays_of_a_small_constant_length_are_allocated_inline() {
    // x86 makes arrays of up to 32 items itself (the shim runs only when it needs a new
    // allocation run); a longer one is the call.
    for (len, inline) in [(4, true), (32, true), (33, false)] {
        let inputs = |_: &World| vec![Value::Int(0), Value::Int(0)];
        let outcome = both(array_loop(len), &inputs);
        // The sum of 0..=2999 and of 3000 lengths, and the counter.
        let sum = 2999 * 3000 / 2 + 3000 * len;
        assert_eq!(values(&outcome), [sum.to_string(), "3000".to_string()]);
        let trace = Rc::new(array_loop(len));
        let code = jitgen_x86::X86Backend.compile_loop(trace.clone());
        let world = World::new(5);
        let before = new_array_calls();
        run_once(&*code, &|_| trace.clone(), &world, &inputs(&world));
        let calls = new_array_calls() - before;
        if inline {
            assert!(calls < 100, "{calls} calls for arrays of {len}");
        } else {
            assert_eq!(calls, 3000, "arrays of {len}");
        }
    }
}
