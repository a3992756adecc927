//! The passes and the verifier on small hand-written traces.

use crate::jitcode::{IntBinOp, IntCmpOp, Kind};
use crate::trace::{Arg, OpKind, ResumeData, ResumeFrame, TraceLoop};

use super::optimize;

/// An empty jitcode named `f`, for resume frames.
fn jitcode_f() -> std::rc::Rc<crate::jitcode::JitCode> {
    let registry = crate::jitcode::Registry::new();
    let mut b = crate::jitcode::Builder::new(&registry, "f");
    b.ret_void();
    std::rc::Rc::new(b.finish().expect("a valid jitcode"))
}

/// Resume data naming `vars` (as if live in one frame).
fn resume(vars: &[u32]) -> Option<std::rc::Rc<ResumeData>> {
    let regs = vars
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let reg = crate::jitcode::AnyReg {
                kind: Kind::Int,
                index: i as u16,
            };
            (reg, Arg::Var(*v))
        })
        .collect();
    Some(std::rc::Rc::new(ResumeData {
        frames: vec![ResumeFrame {
            code: crate::jitcode::JitCodeId(0),
            jitcode: jitcode_f(),
            pc: 0,
            regs,
        }],
        after_call: None,
        vable: None,
        virtuals: Vec::new(),
    }))
}

/// `loop(i0)`: `i1 = i0 + 1; i2 = i0 + 1; i3 = i1 < 10; guard_true i3; i4 = i2 * 2 (dead);
/// jump i2`.
fn sample() -> TraceLoop {
    let mut t = TraceLoop::new("sample".into(), &[Kind::Int]);
    let add = OpKind::IntBin(IntBinOp::Add);
    let one = t
        .push(
            add.clone(),
            vec![Arg::Var(0), Arg::Int(1)],
            Some(Kind::Int),
            None,
        )
        .unwrap();
    let two = t
        .push(add, vec![Arg::Var(0), Arg::Int(1)], Some(Kind::Int), None)
        .unwrap();
    let lt = OpKind::IntCmp {
        op: IntCmpOp::Lt,
        signed: true,
    };
    let cond = t
        .push(lt, vec![Arg::Var(one), Arg::Int(10)], Some(Kind::Int), None)
        .unwrap();
    t.push(
        OpKind::GuardTrue,
        vec![Arg::Var(cond)],
        None,
        resume(&[two]),
    );
    t.push(
        OpKind::IntBin(IntBinOp::Mul),
        vec![Arg::Var(two), Arg::Int(2)],
        Some(Kind::Int),
        None,
    );
    t.push(OpKind::Jump, vec![Arg::Var(two)], None, None);
    t
}

#[test]
fn the_sample_is_valid_and_prints() {
    let t = sample();
    t.verify().expect("valid");
    insta::assert_snapshot!(t.to_string(), @r"
    loop sample(i0)
      i1 = int_add i0, 1
      i2 = int_add i0, 1
      i3 = int_lt i1, 10
      guard_true i3 [f@0]
      i4 = int_mul i2, 2
      jump i2
    ");
}

#[test]
fn cse_shares_repeated_pure_ops_everywhere_after() {
    let mut t = sample();
    optimize(&mut t, "cse");
    insta::assert_snapshot!(t.to_string(), @r"
    loop sample(i0)
      i1 = int_add i0, 1
      i3 = int_lt i1, 10
      guard_true i3 [f@0]
      i4 = int_mul i1, 2
      jump i1
    ");
    // The guard's resume data were renamed too.
    let guard = &t.ops[2];
    assert_eq!(
        guard.resume.as_ref().unwrap().frames[0].regs[0].1,
        Arg::Var(1)
    );
}

#[test]
fn dce_drops_unused_pure_ops_only() {
    let mut t = sample();
    optimize(&mut t, "dce");
    let text = t.to_string();
    assert!(!text.contains("int_mul"), "{text}");
    assert!(
        text.contains("i2 = int_add"),
        "used by the jump and the resume data: {text}"
    );
    assert_eq!(t.num_guards(), 1);
}

#[test]
fn the_verifier_rejects_broken_traces() {
    let mut t = sample();
    t.ops.pop();
    assert!(t
        .verify()
        .unwrap_err()
        .0
        .contains("does not end with a jump"));
    let mut t = sample();
    t.ops[0].args[0] = Arg::Var(42);
    assert!(t.verify().is_err());
    let mut t = sample();
    t.ops[3].resume = None;
    assert!(t.verify().unwrap_err().0.contains("without resume data"));
    let mut t = sample();
    t.ops.last_mut().unwrap().args.push(Arg::Int(0));
    assert!(t
        .verify()
        .unwrap_err()
        .0
        .contains("passes 2 values to 1 inputs"));
}

/// A `Mut<i64>` field of a struct `S` at offset 8, for hand-written traces.
fn field_sp() -> crate::jitcode::FieldRef {
    crate::jitcode::FieldRef {
        owner: "S",
        descr: crate::layout::FieldDescr {
            name: "sp",
            offset: 8,
            size: 8,
            kind: crate::layout::ValueKind::Int {
                bytes: 8,
                signed: true,
            },
            mutability: crate::layout::Mutability::Mutable,
        },
    }
}

#[test]
fn heap_forwards_known_fields_until_a_write_may_change_them() {
    // loop(r0, r1): i2 = r0.sp; i3 = r0.sp; r0.sp = i2 + 1; i5 = r0.sp; r1.sp = 7;
    // i6 = r0.sp; jump r0, r1
    let mut t = TraceLoop::new("heap".into(), &[Kind::Ref, Kind::Ref]);
    let get = || OpKind::GetField(field_sp());
    let i2 = t
        .push(get(), vec![Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    let i3 = t
        .push(get(), vec![Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    let add = OpKind::IntBin(IntBinOp::Add);
    let i4 = t
        .push(add, vec![Arg::Var(i2), Arg::Var(i3)], Some(Kind::Int), None)
        .unwrap();
    t.push(
        OpKind::SetField(field_sp()),
        vec![Arg::Var(0), Arg::Var(i4)],
        None,
        None,
    );
    let i5 = t
        .push(get(), vec![Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    t.push(
        OpKind::SetField(field_sp()),
        vec![Arg::Var(1), Arg::Int(7)],
        None,
        None,
    );
    let i6 = t
        .push(get(), vec![Arg::Var(0)], Some(Kind::Int), None)
        .unwrap();
    let mul = OpKind::IntBin(IntBinOp::Mul);
    t.push(mul, vec![Arg::Var(i5), Arg::Var(i6)], Some(Kind::Int), None);
    t.push(OpKind::Jump, vec![Arg::Var(0), Arg::Var(1)], None, None);
    optimize(&mut t, "heap");
    // The second read reuses the first, the read after the write reuses the written value;
    // the write through r1 (maybe the same object) forgets r0.sp.
    insta::assert_snapshot!(t.to_string(), @r"
    loop heap(r0, r1)
      i2 = getfield S.sp r0
      i4 = int_add i2, i2
      setfield S.sp r0, i4
      setfield S.sp r1, 7
      i6 = getfield S.sp r0
      i7 = int_mul i4, i6
      jump r0, r1
    ");
}
