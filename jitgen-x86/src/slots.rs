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
