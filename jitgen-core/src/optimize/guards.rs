//! What guards prove, in one forward pass. After `guard_true x` (`guard_false x`), `x` is 1
//! (0) in every later op; after `guard_value x, c`, `x` is `c`. A guarded `class_is<T> y`
//! makes `y`'s class known (so later `class_is` and `is_null` of `y` fold), a guarded
//! `is_null y` being false makes `y` non-null; so is an object the trace allocates, whose
//! class is known too. Pure operations whose operands are all
//! constants then fold (`fold.rs`: pure operations, immutable reads of constant objects,
//! infallible elidable calls), and a guard whose condition is known
//! to hold is dropped; so is a `guard_not_invalidated` with no call since the previous one.

use foldhash::HashMap;

use super::fold::constant_result;
use super::{rename_in_resume, Renames};
use crate::blackhole::Value;
use crate::gc::TypeInfo;
use crate::trace::{Allocation, Arg, Op, OpKind, TraceLoop};

/// What is known about a reference variable.
#[derive(Clone, Copy, Default)]
struct RefFacts {
    class: Option<&'static TypeInfo>,
    non_null: bool,
}

/// Runs the pass.
pub(super) fn run(trace: &mut TraceLoop) {
    let mut replaced = Renames::new(trace);
    let mut refs: HashMap<u32, RefFacts> = HashMap::default();
    // The test defining a boolean variable: `class_is`, `is_null` or `bool_not` of an operand.
    let mut tests: HashMap<u32, (OpKind, Arg)> = HashMap::default();
    // Whether a `guard_not_invalidated` passed with no call since (nothing can have
    // written a quasi-immutable field then: the next one is redundant).
    let mut still_valid = false;
    let ops = std::mem::take(&mut trace.ops);
    let mut kept = Vec::with_capacity(ops.len());
    for mut op in ops {
        replaced.apply(&mut op);
        match op.kind {
            OpKind::GuardNotInvalidated if still_valid => continue,
            OpKind::GuardNotInvalidated => still_valid = true,
            // An allocation may collect, and finalizers run any code.
            OpKind::Call(_) | OpKind::CallAssembler(_) | OpKind::New(_) | OpKind::Label => {
                still_valid = false
            }
            _ => {}
        }
        if let Some(known) = known_result(&op, &refs) {
            let result = op.result.expect("a pure op has a result");
            trace.keep_alive(known);
            replaced.insert(result, known);
            continue;
        }
        match (&op.kind, op.result) {
            (OpKind::ClassIs(_) | OpKind::IsNull | OpKind::BoolNot, Some(result)) => {
                tests.insert(result, (op.kind.clone(), op.args[0]));
            }
            (OpKind::GuardTrue | OpKind::GuardFalse, _) => {
                test_operand_of_not(&mut op, &tests);
                // The tested operand may be known already (an earlier guard of it).
                if let Arg::Var(v) = op.args[0] {
                    if let Some(known) = replaced.get(v) {
                        op.args[0] = known;
                    }
                }
                let holds = matches!(op.kind, OpKind::GuardTrue);
                match op.args[0] {
                    Arg::Int(v) if (v != 0) == holds => continue,
                    Arg::Var(v) => {
                        learn(v, holds, &tests, &mut refs, &mut replaced);
                    }
                    _ => {}
                }
            }
            (OpKind::GuardValue, _) => match (op.args[0], op.args[1]) {
                (Arg::Var(v), constant) => {
                    replaced.insert(v, constant);
                }
                (a, b) if a == b => continue,
                _ => {}
            },
            // A new object's class is known, and it is not null.
            (kind, Some(result)) => {
                if let Some(alloc) = Allocation::of(kind) {
                    let facts = RefFacts {
                        class: Some(alloc.type_info()),
                        non_null: true,
                    };
                    refs.insert(result, facts);
                }
            }
            _ => {}
        }
        kept.push(op);
    }
    trace.ops = kept;
}

/// A guard of a `bool_not`'s result becomes the opposite guard of its operand (so the
/// `bool_not` may go, and a comparison feeds the guard directly). In the guard's own resume
/// data, the tested booleans are constants: the values they have when the guard fails.
fn test_operand_of_not(guard: &mut Op, tests: &HashMap<u32, (OpKind, Arg)>) {
    let mut failing: HashMap<u32, Arg> = HashMap::default();
    while let Arg::Var(v) = guard.args[0] {
        let Some((OpKind::BoolNot, operand @ Arg::Var(_))) = tests.get(&v) else {
            break;
        };
        let holds = matches!(guard.kind, OpKind::GuardTrue);
        failing.insert(v, Arg::Int(!holds as i64));
        guard.args[0] = *operand;
        guard.kind = match holds {
            true => OpKind::GuardFalse,
            false => OpKind::GuardTrue,
        };
    }
    if !failing.is_empty() {
        rename_in_resume(guard, |v| failing.get(&v).copied());
    }
}

/// The result of `op` if it is known: a pure op on constants, or a class test or null test
/// of a reference whose class or non-nullness is known.
fn known_result(op: &Op, refs: &HashMap<u32, RefFacts>) -> Option<Arg> {
    op.result?;
    match (&op.kind, op.args.first()) {
        (OpKind::ClassIs(info), Some(Arg::Var(v))) => {
            let class = refs.get(v)?.class?;
            return Some(Arg::Int(std::ptr::eq(class, *info) as i64));
        }
        (OpKind::IsNull, Some(Arg::Var(v))) => {
            return refs.get(v)?.non_null.then_some(Arg::Int(0));
        }
        _ => {}
    }
    if !op.args.iter().all(|a| a.is_const()) {
        return None;
    }
    match constant_result(op)? {
        Value::Int(v) => Some(Arg::Int(v)),
        Value::Float(v) => Some(Arg::Float(v)),
        Value::Ref(r) => Some(Arg::Ref(r)),
        Value::Void => None,
    }
}

/// A guard proved that the boolean `var` is `holds`: records it, and what it says about the
/// operand of the test that defined `var`.
fn learn(
    var: u32,
    holds: bool,
    tests: &HashMap<u32, (OpKind, Arg)>,
    refs: &mut HashMap<u32, RefFacts>,
    replaced: &mut Renames,
) {
    replaced.insert(var, Arg::Int(holds as i64));
    let Some((kind, operand)) = tests.get(&var) else {
        return;
    };
    match (kind, *operand) {
        (OpKind::BoolNot, Arg::Var(inner)) => learn(inner, !holds, tests, refs, replaced),
        (OpKind::ClassIs(info), Arg::Var(object)) if holds => {
            let facts = refs.entry(object).or_default();
            facts.class = Some(info);
            facts.non_null = true;
        }
        (OpKind::IsNull, Arg::Var(object)) if !holds => {
            refs.entry(object).or_default().non_null = true;
        }
        _ => {}
    }
}
