//! The trace verifier: run on every trace the tracer records (and after every optimizer pass)
//! in debug builds.

use std::fmt;

use crate::trace::{Arg, OpKind, TraceLoop};

/// A broken invariant of a trace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifyError(pub String);

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid trace: {}", self.0)
    }
}

impl TraceLoop {
    /// Checks that every variable is defined once before it is used (by ops and by resume
    /// data), that exactly the guards carry resume data, that error and overflow guards
    /// follow their call or checked operation, and that the trace ends with a `jump` passing
    /// `jump_arity` values (to its `label`'s variables if it has one) or, without a label,
    /// with an `exit`.
    pub fn verify(&self) -> Result<(), VerifyError> {
        let fail = |at: usize, what: String| Err(VerifyError(format!("op {at}: {what}")));
        let mut defined = vec![false; self.kinds.len()];
        for &input in &self.inputs {
            defined[input as usize] = true;
        }
        let check = |defined: &[bool], arg: Arg| match arg {
            Arg::Var(n) => defined.get(n as usize).copied().unwrap_or(false),
            _ => true,
        };
        for (at, op) in self.ops.iter().enumerate() {
            if let Some(arg) = op.args.iter().find(|a| !check(&defined, **a)) {
                return fail(at, format!("{arg:?} used before it is defined"));
            }
            match (&op.resume, op.kind.is_guard()) {
                (None, true) => return fail(at, "a guard without resume data".into()),
                (Some(_), false) => return fail(at, "resume data on a non-guard".into()),
                _ => {}
            }
            if let Some(resume) = &op.resume {
                if let Some(arg) = resume.args().find(|a| !check(&defined, *a)) {
                    return fail(at, format!("resume data uses undefined {arg:?}"));
                }
            }
            let previous = at.checked_sub(1).map(|p| &self.ops[p].kind);
            match op.kind {
                OpKind::GuardNoError | OpKind::GuardError
                    if !matches!(previous, Some(OpKind::Call(_) | OpKind::CallAssembler(_))) =>
                {
                    return fail(at, "an error guard not right after a call".into())
                }
                OpKind::GuardNoOverflow | OpKind::GuardOverflow
                    if !matches!(previous, Some(OpKind::IntOvf { .. })) =>
                {
                    return fail(at, "an overflow guard not right after a checked op".into())
                }
                OpKind::Jump | OpKind::Exit | OpKind::Finish { .. } if at + 1 != self.ops.len() => {
                    return fail(at, "a jump, exit or finish before the end".into())
                }
                OpKind::Label if self.label() != Some(at) => {
                    return fail(at, "a second label".into())
                }
                OpKind::Label if op.args.iter().any(|a| !matches!(a, Arg::Var(_))) => {
                    return fail(at, "a label operand that is not a variable".into())
                }
                _ => {}
            }
            if let Some(result) = op.result {
                if std::mem::replace(&mut defined[result as usize], true) {
                    return fail(at, format!("variable {result} defined twice"));
                }
            }
        }
        let last = match self.ops.last() {
            Some(op) if matches!(op.kind, OpKind::Jump) => op,
            Some(op)
                if matches!(op.kind, OpKind::Exit | OpKind::Finish { .. })
                    && self.label().is_none() =>
            {
                return Ok(())
            }
            _ => {
                return Err(VerifyError(
                    "the trace does not end with a jump, exit or finish".into(),
                ))
            }
        };
        if let Some(label) = self.label() {
            if self.ops[label].args.len() != last.args.len() {
                return Err(VerifyError("the jump and the label disagree".into()));
            }
        }
        if last.args.len() != self.jump_arity {
            return Err(VerifyError(format!(
                "the jump passes {} values to {} inputs",
                last.args.len(),
                self.jump_arity
            )));
        }
        Ok(())
    }
}
