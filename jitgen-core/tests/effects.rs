//! Declared effects: `#[dont_look_inside(effects(...))]` on a free function, or on a method
//! in a `#[look_inside] impl`, is recorded by `Registry::with_staged`, so staged callers'
//! call descriptors (and the call graph) carry exactly the declared effects; an undeclared
//! helper still writes everything.

use std::any::TypeId;

use jitgen_core::gc::{Gc, Mut};
use jitgen_core::jitcode::analysis::CallGraph;
use jitgen_core::jitcode::{Effects, FieldRef, Insn, Registry};
use jitgen_core::layout::field_id;
use jitgen_core::{dont_look_inside, layout, look_inside};

/// A mutable counter object.
#[layout]
pub struct Counter {
    pub count: Mut<i64>,
    pub step: i64,
}

/// Residual, declared to only read `Counter.count`.
#[dont_look_inside(effects(reads(Counter.count), cannot_raise))]
fn peek(c: Gc<Counter>) -> i64 {
    c.count.get()
}

/// Residual, without declared effects.
#[dont_look_inside]
fn poke(c: Gc<Counter>) -> i64 {
    c.count.set(0);
    0
}

#[look_inside]
fn calls_peek(c: Gc<Counter>) -> i64 {
    peek(c) + 1
}

#[look_inside]
fn calls_poke(c: Gc<Counter>) -> i64 {
    poke(c) + 1
}

/// Calls `calls_peek` (a jitcode call), so its effects are `peek`'s, transitively.
#[look_inside]
fn calls_calls_peek(c: Gc<Counter>) -> i64 {
    calls_peek(c) * 2
}

#[look_inside]
impl Counter {
    /// Residual, declared to only read `Counter.count` (a method this time).
    #[dont_look_inside(effects(reads(Counter.count), cannot_raise))]
    fn current(&self) -> i64 {
        self.count.get()
    }
}

#[look_inside]
fn calls_current(c: Gc<Counter>) -> i64 {
    c.current() + 1
}

/// The effects declared on `peek`.
fn peek_effects() -> Effects {
    let count = FieldRef::of::<{ field_id("count") }, Counter>();
    Effects::declared(&[count], &[], false)
}

/// The effects of the only residual call made by the staged function `f`.
fn residual_call_effects<F: 'static>(registry: &Registry, _f: &F) -> Effects {
    let id = registry.lookup(TypeId::of::<F>()).expect("staged");
    let code = registry.get(id);
    let residual: Vec<_> = code
        .insns
        .iter()
        .filter_map(|insn| match insn {
            Insn::CallResidual { descr, .. } => Some(&code.call_descrs[*descr as usize]),
            _ => None,
        })
        .collect();
    assert_eq!(residual.len(), 1, "{:?}", code.call_descrs);
    residual[0].effects.clone()
}

#[test]
fn declared_effects_reach_call_descrs() {
    let registry = Registry::with_staged();
    let effects = residual_call_effects(&registry, &calls_peek);
    assert_eq!(effects, peek_effects());
    assert_eq!(effects.to_string(), "{reads Counter.count}");
    assert_eq!(
        residual_call_effects(&registry, &calls_current),
        peek_effects()
    );
    assert_eq!(
        residual_call_effects(&registry, &calls_poke),
        Effects::everything()
    );
    let c = Gc::new(Counter {
        count: Mut::new(4),
        step: 1,
    });
    assert_eq!(calls_calls_peek(c), 10);
    assert_eq!(calls_poke(c), 1);
}

#[test]
fn call_graph_reports_declared_effects_transitively() {
    let registry = Registry::with_staged();
    let graph = CallGraph::build(&registry);
    let id = |type_id| registry.lookup(type_id).expect("staged");
    let of = |f: TypeId| graph.effects(id(f)).clone();
    assert_eq!(of(type_id_of(&calls_peek)), peek_effects());
    assert_eq!(of(type_id_of(&calls_calls_peek)), peek_effects());
    assert!(of(type_id_of(&calls_poke)).writes_everything);
}

/// The `TypeId` of the fn item `f`.
fn type_id_of<F: 'static>(_f: &F) -> TypeId {
    TypeId::of::<F>()
}
