//! The warm-up counters (RPython's `JitCounter`): a fixed table of cells, one per hash of a
//! loop header or function entry (its kind, portal and green values), consulted at every
//! `can_enter_jit` and function entry without allocating. Headers whose hashes fall into the
//! same cell take turns: the cell's tag names the header it counts for, and another header
//! takes it over from zero (a compiled header that lost its cell is found again through the
//! full path, which gives the cell back to it).

use std::any::TypeId;
use std::hash::BuildHasher;
use std::rc::Rc;

use crate::metainterp::warmup::{CompiledLoop, Header};

/// Cells in the table (a power of two).
const CELLS: usize = 1 << 14;

/// What the allocation-free check at a loop header or function entry knows about it.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Quick {
    /// Counting towards its threshold.
    #[default]
    Counting,
    /// It has compiled code: always take the full path.
    Compiled,
    /// Its traces aborted too often: never take the full path.
    GaveUp,
}

/// The state of the header a cell counts for.
#[derive(Default)]
pub(crate) struct QuickCell {
    /// The header's hash (never 0), 0 for an empty cell.
    tag: u64,
    pub(crate) counter: u32,
    pub(crate) state: Quick,
    /// With [`Quick::Compiled`]: the code (of this header, or of one whose greens hash the
    /// same: the caller compares the greens).
    pub(crate) compiled: Option<Rc<CompiledLoop>>,
}

/// A header kind, its portal, and the hash of its green values ([`crate::jit::green_hash`]).
pub(crate) type QuickKey = (Header, TypeId, u64);

/// The table.
pub(crate) struct Counters {
    cells: Box<[QuickCell]>,
}

impl Counters {
    /// An empty table.
    pub(crate) fn new() -> Counters {
        Counters {
            cells: (0..CELLS).map(|_| QuickCell::default()).collect(),
        }
    }

    /// The cell of `key`, taken over (from zero) if it counted for another header.
    pub(crate) fn cell(&mut self, key: QuickKey) -> &mut QuickCell {
        let tag = tag(key);
        let cell = &mut self.cells[tag as usize % CELLS];
        if cell.tag != tag {
            *cell = QuickCell {
                tag,
                ..QuickCell::default()
            };
        }
        cell
    }

    /// The cell of `key`, if it counts for that header.
    pub(crate) fn get(&self, key: QuickKey) -> Option<&QuickCell> {
        let tag = tag(key);
        let cell = &self.cells[tag as usize % CELLS];
        (cell.tag == tag).then_some(cell)
    }

    /// Lowers every counter to `keep` per mille of its value.
    pub(crate) fn decay(&mut self, keep: u64) {
        for cell in self.cells.iter_mut().filter(|c| c.counter > 0) {
            cell.counter = (u64::from(cell.counter) * keep / 1000) as u32;
        }
    }
}

/// A header's hash, never 0.
fn tag(key: QuickKey) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(key) | 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_sharing_a_cell_take_it_over_from_zero() {
        let mut counters = Counters::new();
        let portal = TypeId::of::<u8>();
        let a = (Header::Loop, portal, 1);
        counters.cell(a).counter = 5;
        assert_eq!(counters.get(a).map(|c| c.counter), Some(5));
        // Find another header with the same cell.
        let index = |key| tag(key) as usize % CELLS;
        let b = (1..)
            .map(|g| (Header::Loop, portal, g))
            .find(|&b| b != a && index(b) == index(a))
            .expect("a colliding header");
        assert!(counters.get(b).is_none());
        assert_eq!(counters.cell(b).counter, 0);
        assert!(counters.get(a).is_none(), "b took the cell over");
    }

    #[test]
    fn decay_lowers_every_counter() {
        let mut counters = Counters::new();
        let key = (Header::Entry, TypeId::of::<u8>(), 7);
        counters.cell(key).counter = 1000;
        counters.decay(960);
        assert_eq!(counters.get(key).map(|c| c.counter), Some(960));
    }
}
