//! Frame slots: each trace variable gets the frame slot it is spilled to, and variables
//! whose live ranges do not overlap share one (linear scan over definitions). A frame is
//! then as large as the most variables live at once, not as the trace is long: an entry
//! trace of a recursive function went from 8 KB per call to a few hundred bytes, and the
//! collector, which scans the machine stack conservatively, finds far fewer stale words.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use jitgen_core::trace::TraceLoop;

use crate::regalloc::Longevity;

/// Each variable's slot number (from 0) and how many slots there are.
pub(crate) struct Slots {
    of: Vec<u32>,
    count: u32,
}

/// A variable that is never defined (no slot).
const NONE: u32 = u32::MAX;

impl Slots {
    /// Slots for the variables of `trace`. A variable lives from its definition (the entry,
    /// for inputs) to its last use ([`Longevity`] counts resume data and a peeled loop's
    /// back edge); ranges that touch at an op count as overlapping, so an op's result never
    /// shares its operands' slots.
    pub(crate) fn assign(trace: &TraceLoop, longevity: &Longevity) -> Slots {
        let mut defs: Vec<(usize, u32)> = trace.inputs.iter().map(|&v| (0, v)).collect();
        defs.extend(
            trace
                .ops
                .iter()
                .enumerate()
                .filter_map(|(pos, op)| op.result.map(|v| (pos, v))),
        );
        let mut of = vec![NONE; trace.kinds.len()];
        let mut count = 0;
        let mut free = Vec::new();
        let mut live: BinaryHeap<Reverse<(usize, u32)>> = BinaryHeap::new();
        for (def, var) in defs {
            if of[var as usize] != NONE {
                continue;
            }
            while let Some(&Reverse((end, slot))) = live.peek() {
                if end >= def {
                    break;
                }
                live.pop();
                free.push(slot);
            }
            let slot = free.pop().unwrap_or_else(|| {
                count += 1;
                count - 1
            });
            of[var as usize] = slot;
            let end = longevity.last_use(var).map_or(def, |last| last.max(def));
            live.push(Reverse((end, slot)));
        }
        Slots { of, count }
    }

    /// The slot of `var`.
    pub(crate) fn of(&self, var: u32) -> u32 {
        let slot = self.of[var as usize];
        assert!(slot != NONE, "jitgen-x86: v{var} is never defined");
        slot
    }

    /// How many slots the frame needs.
    pub(crate) fn count(&self) -> u32 {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use jitgen_core::trace::{Namespace, TraceLoop};

    use super::Slots;
    use crate::regalloc::Longevity;

    fn slots(text: &str) -> (TraceLoop, Slots) {
        let trace = TraceLoop::parse(text, &Namespace::new()).expect("a valid trace");
        let slots = Slots::assign(&trace, &Longevity::new(&trace));
        (trace, slots)
    }

    #[test]
    fn a_long_chain_needs_as_many_slots_as_values_live_at_once() {
        // Each sum is read once, by the next: two values are live at any op.
        let mut text = String::from("loop l(i0, i1)\n");
        for v in 2..200 {
            text += &format!("  i{v} = int_add i{}, 1\n", v - 1);
        }
        text += "  jump i0, i199\n";
        let (trace, slots) = slots(&text);
        assert_eq!(trace.kinds.len(), 200);
        assert!(slots.count() <= 3, "{} slots", slots.count());
    }

    #[test]
    fn overlapping_values_and_an_op_and_its_operands_get_different_slots() {
        let (trace, slots) = slots(
            "loop l(i0, i1)
  i2 = int_add i0, i1
  i3 = int_add i2, 1
  i4 = int_add i0, i2
  i5 = int_add i3, i4
  jump i5, i1",
        );
        let live_together = [
            (0, 1),
            (0, 2),
            (1, 2),
            (0, 3),
            (2, 3),
            (0, 4),
            (2, 4),
            (3, 4),
            (3, 5),
            (4, 5),
            (1, 5),
        ];
        for (a, b) in live_together {
            assert_ne!(slots.of(a), slots.of(b), "i{a} and i{b}: {}", trace);
        }
    }
}
