//! Loop peeling: the loop's first iteration becomes a preamble, followed by a `label` and a
//! second copy of the body that the `jump` comes back to. The optimizer then sees the copy
//! *after* the preamble: what is invariant (the inputs the loop passes on unchanged) keeps
//! the facts and values the preamble established, so the copy's class guards, immutable
//! field reads and other pure operations on invariants fold into the preamble's (loop
//! invariant code motion); an input the loop always sets to one constant is that constant
//! in the copy; and an object the loop allocates and passes to the next iteration travels
//! as its fields (the `label`'s variables) instead of being allocated in every iteration, if
//! it stays virtual up to the `jump` in both copies (else it is passed as it is, peeling
//! tried again).
//!
//! The loop's entry (inputs, bridges) is unchanged: bridges jump to the preamble.

use foldhash::HashSet;

use super::unboxed::{op, Made, Shape};
use crate::jitcode::Kind;
use crate::trace::{Arg, OpKind, TraceLoop};

/// What the loop's `jump` passes to one of its inputs.
#[derive(Clone, Copy, PartialEq, Debug)]
enum Passed {
    /// The input itself, or the constant the loop is specialized on at its entry: the
    /// peeled copy uses the preamble's.
    Unchanged,
    /// Always this constant: after the `label`, the input is the constant (the label does
    /// not carry it).
    Constant(Arg),
    /// Anything else: the label carries it.
    Carried,
}

/// Loop inputs that the next iteration receives as one fresh object's fields.
struct Unboxed {
    /// The inputs (all passed the same object).
    inputs: Vec<usize>,
    /// The object's shape at the `jump`: which fields (and objects in them) travel how.
    shape: Shape,
}

impl Unboxed {
    /// The group input `k` belongs to, if any, and whether it is the group's first.
    fn of(unboxed: &[Unboxed], k: usize) -> Option<(&Unboxed, bool)> {
        let group = unboxed.iter().find(|u| u.inputs.contains(&k))?;
        Some((group, group.inputs[0] == k))
    }
}

/// How many times peeling is tried at most: each try that finds objects escaping drops
/// them from those that travel unboxed and tries again.
const MAX_TRIES: usize = 3;

/// Peels the optimized loop `trace` (see the module docs) and optimizes the result; `None`
/// if peeling does not apply. An object that was to travel unboxed but escapes in the
/// peeled loop is passed as a reference instead (peeling is tried again without it).
pub fn peel(trace: &TraceLoop, enable_opts: &str) -> Option<TraceLoop> {
    let (jump, body) = trace.ops.split_last()?;
    if !matches!(jump.kind, OpKind::Jump) || trace.label().is_some() || trace.jump_to.is_some() {
        return None;
    }
    let n = trace.inputs.len();
    let passed: Vec<Passed> = (0..n)
        .map(|k| match jump.args[k] {
            arg if arg == Arg::Var(trace.inputs[k])
                || trace.entry_conditions.contains(&(k, arg)) =>
            {
                Passed::Unchanged
            }
            arg if arg.is_const() => Passed::Constant(arg),
            _ => Passed::Carried,
        })
        .collect();
    // Inputs passed a freshly allocated object: candidates to travel as fields. An object
    // the jump passes directly is not unboxed inside another one as well (it would be
    // made twice).
    let made = Made::new(body);
    let carried_inputs = (0..n).filter(|&k| passed[k] == Passed::Carried);
    let direct: HashSet<u32> = carried_inputs
        .clone()
        .filter_map(|k| match jump.args[k] {
            Arg::Var(v) => Some(v),
            _ => None,
        })
        .collect();
    let mut seen = direct.clone();
    let mut unboxed: Vec<Unboxed> = Vec::new();
    for k in carried_inputs {
        let arg = jump.args[k];
        if made.allocation(arg).is_none() {
            continue;
        }
        match unboxed.iter_mut().find(|u| jump.args[u.inputs[0]] == arg) {
            Some(group) => group.inputs.push(k),
            None => unboxed.push(Unboxed {
                inputs: vec![k],
                shape: made.root_shape(arg, &mut seen),
            }),
        }
    }
    for _ in 0..MAX_TRIES {
        match peel_unboxing(trace, enable_opts, &passed, &unboxed) {
            Ok(peeled) => return Some(peeled),
            Err(escaped) => {
                let mut group = 0;
                unboxed.retain(|_| {
                    group += 1;
                    !escaped.contains(&(group - 1))
                });
            }
        }
    }
    None
}

/// [`peel`] with what the jump passes to each input (`passed`), passing the groups
/// `unboxed` as their objects' fields: the peeled loop, or the groups whose object escaped.
fn peel_unboxing(
    trace: &TraceLoop,
    enable_opts: &str,
    passed: &[Passed],
    unboxed: &[Unboxed],
) -> Result<TraceLoop, Vec<usize>> {
    let (jump, body) = trace.ops.split_last().expect("a loop ends with its jump");
    let mut out = trace.rebuilt_from();
    for op in body {
        out.push_op(op.clone());
    }
    // The values the label starts with: per input, its value (or its fields) at the end of
    // the preamble, copied into fresh variables.
    let preamble_values = carried(&mut out, &jump.args, passed, unboxed);
    let mut label_vars = Vec::new();
    for value in preamble_values {
        let kind = kind_of(&out, value);
        let var = out.new_var(kind);
        out.push_op(op(OpKind::SameAs, vec![value], Some(var)));
        label_vars.push(Arg::Var(var));
    }
    out.push_op(op(OpKind::Label, label_vars.clone(), None));
    // The copy: unchanged inputs are the preamble's, constant ones their constants; the
    // others come from the label (unboxed ones rebuilt from their fields, virtual again).
    let mut renamed = super::Renames::new(trace);
    let mut label = label_vars.iter().copied();
    for (k, &input) in trace.inputs.iter().enumerate() {
        match passed[k] {
            Passed::Unchanged => continue,
            Passed::Constant(constant) => {
                renamed.insert(input, constant);
                continue;
            }
            Passed::Carried => {}
        }
        match Unboxed::of(unboxed, k) {
            Some((group, true)) => {
                let object = group.shape.rebuild(&mut out, &mut label);
                for other in &group.inputs {
                    renamed.insert(trace.inputs[*other], object);
                }
            }
            Some((_, false)) => {}
            None => {
                renamed.insert(input, label.next().expect("a label variable"));
            }
        }
    }
    for original in body {
        let mut copy = original.clone();
        if let Some(result) = copy.result {
            let var = out.new_var(trace.kinds[result as usize]);
            renamed.insert(result, Arg::Var(var));
            copy.result = Some(var);
        }
        renamed.apply(&mut copy);
        out.push_op(copy);
    }
    let mut jump_args = jump.args.clone();
    for arg in &mut jump_args {
        if let Arg::Var(v) = arg {
            *arg = renamed.get(*v).unwrap_or(*arg);
        }
    }
    let loop_values = carried(&mut out, &jump_args, passed, unboxed);
    out.jump_arity = loop_values.len();
    out.push_op(op(OpKind::Jump, loop_values, None));

    // The objects to unbox (and those inside them) must stay virtual in both copies:
    // nothing may define them (the preamble's, and the copy's renamed ones).
    super::optimize(&mut out, enable_opts);
    let defined: HashSet<u32> = out.ops.iter().filter_map(|op| op.result).collect();
    let escaped: Vec<usize> = unboxed
        .iter()
        .enumerate()
        .filter(|(_, u)| {
            let mut vars = Vec::new();
            u.shape.vars(&mut vars);
            vars.iter().any(|&var| {
                let copy = match renamed.get(var) {
                    Some(Arg::Var(copy)) => Some(copy),
                    _ => None,
                };
                defined.contains(&var) || copy.is_some_and(|c| defined.contains(&c))
            })
        })
        .map(|(group, _)| group)
        .collect();
    match escaped.is_empty() {
        true => Ok(out),
        false => Err(escaped),
    }
}

/// The kind of an operand of `trace`.
fn kind_of(trace: &TraceLoop, arg: Arg) -> Kind {
    match arg {
        Arg::Var(v) => trace.kinds[v as usize],
        Arg::Int(_) => Kind::Int,
        Arg::Float(_) => Kind::Float,
        Arg::Ref(_) => Kind::Ref,
    }
}

/// What the next iteration receives from the values `args` of the jump: every carried
/// input's value, or for an unboxed one its fields (read with `getfield`, which the
/// virtuals pass resolves; see [`Shape::flatten`]).
fn carried(
    trace: &mut TraceLoop,
    args: &[Arg],
    passed: &[Passed],
    unboxed: &[Unboxed],
) -> Vec<Arg> {
    let mut values = Vec::new();
    for (k, arg) in args.iter().enumerate() {
        if passed[k] != Passed::Carried {
            continue;
        }
        match Unboxed::of(unboxed, k) {
            Some((_, false)) => {}
            Some((u, true)) => u.shape.flatten(trace, *arg, &mut values),
            None => values.push(*arg),
        }
    }
    values
}
