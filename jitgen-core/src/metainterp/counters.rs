//! The warm-up counters (RPython's `JitCounter`): a fixed table of cells for loop headers and
//! function entries (keyed by kind, portal and the hash of the green values), consulted at
//! every `can_enter_jit` and function entry without allocating. The table is set-associative:
//! a header's hash picks a bucket of [`WAYS`] cells, and a cell's tag names the header it
//! counts for, so a few headers whose hashes share a bucket each keep their own count (which
//! headers share a bucket depends on heap addresses, and must not change what the JIT does).
//! A header that finds its bucket full takes over, from zero, the cell that is least worth
//! keeping: a counting one with the lowest count, before one that gave up, before a compiled
//! one (a compiled header that lost its cell is found again through the full path, which gives
//! a cell back to it).

use std::any::TypeId;
use std::hash::BuildHasher;
use std::rc::Rc;

use crate::metainterp::warmup::{CompiledLoop, Header};

/// Cells in the table (a power of two).
const CELLS: usize = 1 << 14;

/// Cells in a bucket (a power of two): a bucket fills one cache line.
const WAYS: usize = 4;

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

/// The counter value of a cell whose header gave up.
const GAVE_UP: u32 = u32::MAX;

/// The state of the header a cell counts for, in 16 bytes: its state is in its other fields
/// (compiled code, or the counter [`GAVE_UP`]).
#[derive(Default)]
pub(crate) struct QuickCell {
    /// The header's tag (never 0), 0 for an empty cell.
    tag: u32,
    /// The count while [`Quick::Counting`].
    pub(crate) counter: u32,
    /// The code (of this header, or of one whose greens hash the same: the caller compares
    /// the greens): [`Quick::Compiled`].
    compiled: Option<Rc<CompiledLoop>>,
}

impl QuickCell {
    /// What the header's cell knows about it.
    pub(crate) fn state(&self) -> Quick {
        match (&self.compiled, self.counter) {
            (Some(_), _) => Quick::Compiled,
            (None, GAVE_UP) => Quick::GaveUp,
            (None, _) => Quick::Counting,
        }
    }

    /// The header's compiled code, if it has some.
    pub(crate) fn compiled(&self) -> Option<&Rc<CompiledLoop>> {
        self.compiled.as_ref()
    }

    /// The header has compiled code (`compiled`), or counts again from zero (`None`).
    pub(crate) fn set_compiled(&mut self, compiled: Option<Rc<CompiledLoop>>) {
        self.compiled = compiled;
        self.counter = 0;
    }

    /// The header's traces aborted too often: it never counts again.
    pub(crate) fn give_up(&mut self) {
        self.compiled = None;
        self.counter = GAVE_UP;
    }
}

/// A bucket: the cells of the headers whose tags share its index, in one cache line.
#[derive(Default)]
#[repr(align(64))]
struct Bucket([QuickCell; WAYS]);

/// A header kind, its portal, and the hash of its green values ([`green_hash`]).
pub(crate) type QuickKey = (Header, TypeId, u64);

/// The table.
pub(crate) struct Counters {
    buckets: Box<[Bucket]>,
    /// The cells [`Counters::cell`] handed out since the last [`Counters::decay`] that left
    /// them at zero, by index (bucket * [`WAYS`] + way): every cell whose count is not zero
    /// is among them, so a decay visits these rather than the whole table.
    touched: Vec<u32>,
    /// Which cells are in `touched`, a bit per cell.
    in_touched: Box<[u64]>,
}

impl Counters {
    /// An empty table.
    pub(crate) fn new() -> Counters {
        Counters {
            buckets: (0..CELLS / WAYS).map(|_| Bucket::default()).collect(),
            touched: Vec::new(),
            in_touched: vec![0; CELLS / 64].into_boxed_slice(),
        }
    }

    /// The cell of `key`; when it has none, the cell of its bucket least worth keeping, taken
    /// over from zero.
    pub(crate) fn cell(&mut self, key: QuickKey) -> &mut QuickCell {
        let (index, tag) = place(key);
        let bucket = &mut self.buckets[index].0;
        let way = match bucket.iter().position(|c| c.tag == tag) {
            Some(way) => way,
            None => {
                let victim = (0..WAYS)
                    .min_by_key(|&i| keep_worth(&bucket[i]))
                    .expect("a bucket has cells");
                bucket[victim] = QuickCell {
                    tag,
                    ..QuickCell::default()
                };
                victim
            }
        };
        let cell = index * WAYS + way;
        let (word, bit) = (cell / 64, 1 << (cell % 64));
        if self.in_touched[word] & bit == 0 {
            self.in_touched[word] |= bit;
            self.touched.push(cell as u32);
        }
        &mut self.buckets[index].0[way]
    }

    /// The cell of `key`, if it has one.
    pub(crate) fn get(&self, key: QuickKey) -> Option<&QuickCell> {
        let (index, tag) = place(key);
        self.buckets[index].0.iter().find(|c| c.tag == tag)
    }

    /// Lowers every counting cell's counter to `keep` per mille of its value (visiting the
    /// touched cells: the others count zero); a cell left at zero, or not counting, is no
    /// longer touched.
    pub(crate) fn decay(&mut self, keep: u64) {
        let mut i = 0;
        while i < self.touched.len() {
            let index = self.touched[i] as usize;
            let cell = &mut self.buckets[index / WAYS].0[index % WAYS];
            let counting = cell.state() == Quick::Counting;
            if counting {
                cell.counter = (u64::from(cell.counter) * keep / 1000) as u32;
            }
            if counting && cell.counter > 0 {
                i += 1;
            } else {
                self.in_touched[index / 64] &= !(1 << (index % 64));
                self.touched.swap_remove(i);
            }
        }
    }
}

/// How much keeping `cell` is worth, for choosing which cell of a full bucket to take over:
/// empty cells first, then counting ones by count, then given-up ones, then compiled ones.
fn keep_worth(cell: &QuickCell) -> (u8, u32) {
    match (cell.tag, cell.state()) {
        (0, _) => (0, 0),
        (_, Quick::Counting) => (1, cell.counter),
        (_, Quick::GaveUp) => (2, 0),
        (_, Quick::Compiled) => (3, 0),
    }
}

/// A header's bucket (from the low bits of its hash) and tag in the bucket (the high 32
/// bits, never 0).
fn place(key: QuickKey) -> (usize, u32) {
    let hash = foldhash::fast::FixedState::with_seed(0).hash_one(key);
    let index = hash as usize % (CELLS / WAYS);
    (index, (hash >> 32) as u32 | 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `count` headers other than `a` whose hashes fall into `a`'s bucket.
    fn sharing_a_bucket_with(a: QuickKey, count: usize) -> Vec<QuickKey> {
        let index = |key| place(key).0;
        (1..)
            .map(|g| (Header::Loop, a.1, g))
            .filter(|&b| b != a && index(b) == index(a))
            .take(count)
            .collect()
    }

    #[test]
    fn headers_sharing_a_bucket_keep_their_own_counts() {
        let mut counters = Counters::new();
        let a = (Header::Loop, TypeId::of::<u8>(), 1);
        let others = sharing_a_bucket_with(a, WAYS - 1);
        counters.cell(a).counter = 5;
        for (n, &b) in others.iter().enumerate() {
            assert!(counters.get(b).is_none());
            counters.cell(b).counter = 10 + n as u32;
        }
        assert_eq!(counters.get(a).map(|c| c.counter), Some(5));
        for (n, &b) in others.iter().enumerate() {
            assert_eq!(counters.cell(b).counter, 10 + n as u32);
        }
    }

    #[test]
    fn a_full_bucket_gives_up_its_lowest_counting_cell_and_keeps_decided_ones() {
        let mut counters = Counters::new();
        let a = (Header::Loop, TypeId::of::<u8>(), 1);
        let others = sharing_a_bucket_with(a, WAYS);
        counters.cell(a).give_up();
        for (n, &b) in others[..WAYS - 1].iter().enumerate() {
            counters.cell(b).counter = 10 + n as u32;
        }
        let newcomer = others[WAYS - 1];
        assert_eq!(counters.cell(newcomer).counter, 0);
        assert!(
            counters.get(others[0]).is_none(),
            "the lowest count was taken over"
        );
        assert!(counters.get(a).is_some_and(|c| c.state() == Quick::GaveUp));
        assert!(others[1..].iter().all(|&b| counters.get(b).is_some()));
    }

    #[test]
    fn decay_forgets_cells_at_zero_until_they_count_again() {
        let mut counters = Counters::new();
        let key = (Header::Loop, TypeId::of::<u8>(), 3);
        counters.cell(key).counter = 1;
        counters.decay(960);
        assert_eq!(counters.get(key).map(|c| c.counter), Some(0));
        assert!(counters.touched.is_empty());
        counters.cell(key).counter = 1000;
        counters.decay(500);
        assert_eq!(counters.get(key).map(|c| c.counter), Some(500));
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

/// A hash of a loop header's green values (as words): what the JIT counts headers by before
/// it builds their full key. A word at a time (multiply and rotate), mixed at the end.
pub fn green_hash(words: &[u64]) -> u64 {
    green_hash_of(words.iter().copied())
}

/// [`green_hash`] of the green values `words`.
pub fn green_hash_of(words: impl IntoIterator<Item = u64>) -> u64 {
    let hash = words
        .into_iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |hash, word| {
            (hash ^ word)
                .wrapping_mul(0x9e37_79b9_7f4a_7c15)
                .rotate_left(29)
        });
    (hash ^ (hash >> 32)).wrapping_mul(0xd6e8_feb8_6659_fd93)
}
