//! The passes and the verifier on small hand-written traces.

use crate::jitcode::{IntBinOp, IntCmpOp, Kind};
use crate::trace::{Arg, OpKind, ResumeData, ResumeFrame, TraceLoop};

use super::optimize;

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
            name: "f".into(),
            pc: 0,
            regs,
        }],
        after_call: None,
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
