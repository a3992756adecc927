//! Tests of the builder checks, the codewriter analyses and the text form (snapshots).

use std::any::TypeId;

use crate::gc::Gc;
use crate::jitcode::analysis::{CallGraph, Cfg, Liveness};
use crate::jitcode::fixtures::*;
use crate::jitcode::{AnyReg, BuildError, Builder, Effects, FieldRef, Insn, Registry};
use crate::layout::field_id;

fn id_of<F: 'static>(registry: &Registry, _f: &F) -> crate::jitcode::JitCodeId {
    registry.lookup(TypeId::of::<F>()).expect("registered")
}

fn set_x(p: Gc<Point>, v: i64) {
    p.x.set(v)
}

fn build_set_x(b: &mut Builder<'_>) {
    let p = b.param::<Gc<Point>>();
    let v = b.param::<i64>();
    b.setfield::<{ field_id("x") }, Point>(p, v);
    b.ret_void();
}

fn ping(p: Gc<Point>, n: i64) -> i64 {
    if n == 0 {
        p.x.get()
    } else {
        pong(p, n - 1)
    }
}

fn pong(p: Gc<Point>, n: i64) -> i64 {
    p.y.set(n);
    ping(p, n)
}

fn build_ping(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let p = b.param::<Gc<Point>>();
    let n = b.param::<i64>();
    let zero = b.constant(0i64);
    let is_zero = b.eq(n, zero);
    let recurse = b.new_label();
    b.goto_if_not(is_zero, recurse);
    let x = b.getfield::<{ field_id("x") }, Point>(p);
    b.ret(x);
    b.bind(recurse);
    let one = b.constant(1i64);
    let m = b.sub(n, one);
    let r = b.call(&pong, (p, m));
    b.ret(r);
}

fn build_pong(b: &mut Builder<'_>) {
    b.returns::<i64>();
    let p = b.param::<Gc<Point>>();
    let n = b.param::<i64>();
    b.setfield::<{ field_id("y") }, Point>(p, n);
    let r = b.call(&ping, (p, n));
    b.ret(r);
}

fn analysis_registry() -> Registry {
    let r = registry();
    r.register_fn(&set_x, "set_x", build_set_x);
    r.register_fn(&ping, "ping", build_ping);
    r.register_fn(&pong, "pong", build_pong);
    r
}

#[test]
fn a_helper_writing_x_writes_x_only() {
    let r = analysis_registry();
    let graph = CallGraph::build(&r);
    let effects = graph.effects(id_of(&r, &set_x));
    let x = FieldRef::of::<{ field_id("x") }, Point>();
    let y = FieldRef::of::<{ field_id("y") }, Point>();
    assert!(effects.may_write_field(&x));
    assert!(!effects.may_write_field(&y));
    assert!(effects.reads_fields.is_empty() && !effects.can_raise);
    assert_eq!(effects.to_string(), "{writes Point.x}");
    assert_eq!(set_x(point_for_tests(), 1), ());
}

fn point_for_tests() -> Gc<Point> {
    Gc::new(Point {
        x: crate::gc::Mut::new(0),
        y: crate::gc::Mut::new(0),
        scale: 1.0,
        flag: crate::gc::Mut::new(false),
        small: crate::gc::Mut::new(0),
    })
}

#[test]
fn undeclared_residual_calls_write_everything() {
    let r = analysis_registry();
    let graph = CallGraph::build(&r);
    assert_eq!(
        *graph.effects(id_of(&r, &use_residual)),
        Effects::everything()
    );
    // With declared effects, the caller is as pure as the callee says.
    let r = registry();
    r.declare_residual(TypeId::of::<fn(i64) -> i64>(), Effects::everything());
    r.declare_residual(type_id_of(&times_three), Effects::none());
    let graph = CallGraph::build(&r);
    assert_eq!(*graph.effects(id_of(&r, &use_residual)), Effects::none());
    // Effects flow up through jitcode calls: `twice_checked` can raise through its callee.
    assert!(graph.effects(id_of(&r, &twice_checked)).can_raise);
}

fn type_id_of<F: 'static>(_: &F) -> TypeId {
    TypeId::of::<F>()
}

#[test]
fn mutual_recursion_shares_the_union_of_effects() {
    let r = analysis_registry();
    let graph = CallGraph::build(&r);
    let (ping_id, pong_id) = (id_of(&r, &ping), id_of(&r, &pong));
    assert!(graph.same_scc(ping_id, pong_id));
    assert!(graph.is_recursive(ping_id) && graph.is_recursive(id_of(&r, &fib)));
    assert!(!graph.is_recursive(id_of(&r, &square)));
    assert_eq!(graph.effects(ping_id), graph.effects(pong_id));
    assert_eq!(
        graph.effects(ping_id).to_string(),
        "{reads Point.x; writes Point.y}"
    );
    assert_eq!(ping(point_for_tests(), 3), 0);
}

#[test]
fn loops_are_detected() {
    let r = analysis_registry();
    let graph = CallGraph::build(&r);
    let sum = id_of(&r, &sum_to);
    assert!(graph.contains_loop(sum) && !graph.is_inlinable(sum));
    assert!(!graph.contains_loop(id_of(&r, &fib)) && graph.is_inlinable(id_of(&r, &fib)));
    r.mark_unroll_safe(sum);
    assert!(CallGraph::build(&r).is_inlinable(sum));
}

#[test]
fn liveness_at_guard_points() {
    let r = registry();
    let code = r.get(id_of(&r, &sum_to));
    let cfg = Cfg::build(&code);
    let liveness = Liveness::compute(&code, &cfg);
    let branch = code
        .insns
        .iter()
        .position(|i| matches!(i, Insn::GotoIfNot { .. }))
        .unwrap();
    // n, s, i, one and the condition are live at the loop's exit test.
    let live = liveness.live_regs(branch).unwrap();
    assert_eq!(live, (0..5).map(AnyReg::int).collect::<Vec<_>>());
    assert!(liveness.live_regs(0).is_none());
    // After the loop only `s` is returned: at the division in `divide` both operands live.
    let code = r.get(id_of(&r, &divide));
    let liveness = Liveness::compute(&code, &Cfg::build(&code));
    assert_eq!(
        liveness.live_regs(0).unwrap(),
        vec![AnyReg::int(0), AnyReg::int(1)]
    );
    // In fib, `n` (i0) and `two` (i1) stay live across the first recursive call; at the second
    // only its argument (i6) and the first result (i5) are.
    let code = r.get(id_of(&r, &fib));
    let liveness = Liveness::compute(&code, &Cfg::build(&code));
    let calls: Vec<usize> = (0..code.insns.len())
        .filter(|&pc| matches!(code.insns[pc], Insn::CallJitCode { .. }))
        .collect();
    let live_first = liveness.live_regs(calls[0]).unwrap();
    assert!(live_first.contains(&AnyReg::int(0)) && live_first.contains(&AnyReg::int(1)));
    let live_second = liveness.live_regs(calls[1]).unwrap();
    assert_eq!(live_second, vec![AnyReg::int(5), AnyReg::int(6)]);
}

#[test]
fn builder_reports_mistakes() {
    let r = Registry::new();
    let mut b = Builder::new(&r, "unbound");
    let l = b.new_label();
    b.goto(l);
    assert_eq!(b.finish().unwrap_err(), BuildError::UnboundLabel(0));

    let mut b = Builder::new(&r, "falls_off");
    b.constant(1i64);
    assert_eq!(b.finish().unwrap_err(), BuildError::FallsOffEnd);

    let mut b = Builder::new(&r, "param_late");
    b.reg::<i64>();
    b.param::<i64>();
    b.ret_void();
    assert_eq!(
        b.finish().unwrap_err(),
        BuildError::ParamAfterRegister(crate::jitcode::Kind::Int)
    );

    let mut b = Builder::new(&r, "immutable_write");
    let node = b.param::<Gc<Node>>();
    let v = b.constant(1i64);
    b.setfield::<{ field_id("value") }, Node>(node, v);
    b.ret_void();
    assert_eq!(
        b.finish().unwrap_err(),
        BuildError::FieldNotMutable("Node", "value")
    );

    let mut b = Builder::new(&r, "wrong_return");
    b.returns::<i64>();
    let f = b.constant(1.0f64);
    b.ret(f);
    assert!(matches!(
        b.finish().unwrap_err(),
        BuildError::ReturnMismatch(_)
    ));
}

#[test]
fn snapshot_sum_to() {
    let r = registry();
    insta::assert_snapshot!("sum_to", r.get(id_of(&r, &sum_to)).to_string());
}

#[test]
fn snapshot_recover() {
    let r = registry();
    insta::assert_snapshot!("recover", r.get(id_of(&r, &recover)).to_string());
}

#[test]
fn snapshot_list_sum() {
    let r = registry();
    insta::assert_snapshot!("list_sum", r.get(id_of(&r, &list_sum)).to_string());
}

#[test]
fn snapshot_move_point() {
    let r = registry();
    insta::assert_snapshot!("move_point", r.get(id_of(&r, &move_point)).to_string());
}
