//! CPython 3.11's list sort (timsort with powersort's merge order), ported step for step so
//! that it makes the same comparisons in the same order: results agree with CPython's even
//! for comparisons that are no total order (NaNs, sets) or have side effects. It sorts
//! positions (indices of the keys) with a `<` that may fail; on failure the positions are
//! left as CPython leaves its items, each exactly once.

use crate::runtime::objects::PyResult;

/// Galloping starts after this many wins in a row (CPython's `MIN_GALLOP`).
const MIN_GALLOP: usize = 7;

/// One pending run: where it starts, its length and its powersort power.
struct Run {
    base: usize,
    len: usize,
    power: u32,
}

/// The sort's state: the positions, `<` on them, the pending runs and the galloping
/// threshold.
struct MergeState<'a> {
    v: &'a mut [usize],
    lt: &'a mut Less<'a>,
    pending: Vec<Run>,
    min_gallop: usize,
}

/// Sorts `v` stably by `lt`, as CPython's `list.sort` (without `reverse`, which the caller
/// applies by reversing before and after).
pub fn sort(v: &mut [usize], lt: &mut Less) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    let mut ms = MergeState {
        v,
        lt,
        pending: Vec::new(),
        min_gallop: MIN_GALLOP,
    };
    let minrun = compute_minrun(n);
    let mut lo = 0;
    let mut remaining = n;
    while remaining > 0 {
        let (mut run, descending) = ms.count_run(lo, lo + remaining)?;
        if descending {
            ms.v[lo..lo + run].reverse();
        }
        if run < minrun {
            let force = remaining.min(minrun);
            ms.binary_sort(lo, lo + force, lo + run)?;
            run = force;
        }
        ms.found_new_run(run, n)?;
        ms.pending.push(Run {
            base: lo,
            len: run,
            power: 0,
        });
        lo += run;
        remaining -= run;
    }
    while ms.pending.len() > 1 {
        let mut i = ms.pending.len() - 2;
        if i > 0 && ms.pending[i - 1].len < ms.pending[i + 1].len {
            i -= 1;
        }
        ms.merge_at(i)?;
    }
    Ok(())
}

/// The minimum run length for `n` items: `n` below 64, else between 32 and 64 so that
/// `n / minrun` is a power of 2 or just below.
fn compute_minrun(mut n: usize) -> usize {
    let mut r = 0;
    while n >= 64 {
        r |= n & 1;
        n >>= 1;
    }
    n + r
}

/// The powersort power of the boundary between the runs `s1..s1+n1` and `..+n2` of `n`
/// items: the first bit where the binary expansions of their midpoints (over `n`) differ.
fn power_of(s1: usize, n1: usize, n2: usize, n: usize) -> u32 {
    let mut a = 2 * s1 + n1;
    let mut b = a + n1 + n2;
    let mut result = 0;
    loop {
        result += 1;
        if a >= n {
            a -= n;
            b -= n;
        } else if b >= n {
            break;
        }
        a <<= 1;
        b <<= 1;
    }
    result
}

/// How a merge ends: everything merged (what is left of the copied run goes last), or
/// one element of the copied run left that belongs at the far end.
enum MergeEnd {
    Done,
    LastOfA,
}

impl MergeState<'_> {
    fn lt(&mut self, x: usize, y: usize) -> PyResult<bool> {
        (self.lt)(x, y)
    }

    /// The length of the run starting at `lo` (before `hi`), and whether it is strictly
    /// descending.
    fn count_run(&mut self, lo: usize, hi: usize) -> PyResult<(usize, bool)> {
        if lo + 1 == hi {
            return Ok((1, false));
        }
        let mut n = 2;
        let descending = self.lt(self.v[lo + 1], self.v[lo])?;
        let mut i = lo + 2;
        while i < hi {
            let smaller = self.lt(self.v[i], self.v[i - 1])?;
            if smaller != descending {
                break;
            }
            i += 1;
            n += 1;
        }
        Ok((n, descending))
    }

    /// Binary insertion sort of `lo..hi`, whose `lo..start` is sorted already.
    fn binary_sort(&mut self, lo: usize, hi: usize, start: usize) -> PyResult<()> {
        let start = if start == lo { start + 1 } else { start };
        for s in start..hi {
            let pivot = self.v[s];
            let (mut l, mut r) = (lo, s);
            while l < r {
                let p = l + ((r - l) >> 1);
                if self.lt(pivot, self.v[p])? {
                    r = p;
                } else {
                    l = p + 1;
                }
            }
            self.v.copy_within(l..s, l + 1);
            self.v[l] = pivot;
        }
        Ok(())
    }

    /// Merges pending runs whose power is above the new run's boundary, then records it.
    fn found_new_run(&mut self, n2: usize, n: usize) -> PyResult<()> {
        let Some(last) = self.pending.last() else {
            return Ok(());
        };
        let power = power_of(last.base, last.len, n2, n);
        while self.pending.len() > 1 && self.pending[self.pending.len() - 2].power > power {
            self.merge_at(self.pending.len() - 2)?;
        }
        if let Some(last) = self.pending.last_mut() {
            last.power = power;
        }
        Ok(())
    }

    /// Merges pending runs `i` and `i + 1`.
    fn merge_at(&mut self, i: usize) -> PyResult<()> {
        let (mut base_a, mut na) = (self.pending[i].base, self.pending[i].len);
        let (base_b, nb) = (self.pending[i + 1].base, self.pending[i + 1].len);
        self.pending[i].len = na + nb;
        self.pending.remove(i + 1);
        // Elements of a before b's first are in place already, as are those of b after
        // a's last.
        let key = self.v[base_b];
        let k = gallop_right(&mut *self.lt, key, &self.v[base_a..base_a + na], 0)?;
        base_a += k;
        na -= k;
        if na == 0 {
            return Ok(());
        }
        let key = self.v[base_a + na - 1];
        let nb = gallop_left(&mut *self.lt, key, &self.v[base_b..base_b + nb], nb - 1)?;
        if nb == 0 {
            return Ok(());
        }
        if na <= nb {
            self.merge_lo(base_a, na, base_b, nb)
        } else {
            self.merge_hi(base_a, na, base_b, nb)
        }
    }

    /// Merges `v[a..a+na]` and the following `v[b..b+nb]`, `na <= nb`, from the left,
    /// with a copied aside.
    fn merge_lo(&mut self, a: usize, na: usize, b: usize, nb: usize) -> PyResult<()> {
        let temp: Vec<usize> = self.v[a..a + na].to_vec();
        let (mut dest, mut pa, mut pb, mut na, mut nb) = (a, 0, b, na, nb);
        let outcome = self.merge_lo_steps(&temp, &mut dest, &mut pa, &mut pb, &mut na, &mut nb);
        match outcome {
            Ok(MergeEnd::LastOfA) => {
                self.v.copy_within(pb..pb + nb, dest);
                self.v[dest + nb] = temp[pa];
                Ok(())
            }
            other => {
                self.v[dest..dest + na].copy_from_slice(&temp[pa..pa + na]);
                other.map(|_| ())
            }
        }
    }

    fn merge_lo_steps(
        &mut self,
        temp: &[usize],
        dest: &mut usize,
        pa: &mut usize,
        pb: &mut usize,
        na: &mut usize,
        nb: &mut usize,
    ) -> PyResult<MergeEnd> {
        self.v[*dest] = self.v[*pb];
        (*dest, *pb, *nb) = (*dest + 1, *pb + 1, *nb - 1);
        if *nb == 0 {
            return Ok(MergeEnd::Done);
        }
        if *na == 1 {
            return Ok(MergeEnd::LastOfA);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let (mut acount, mut bcount) = (0, 0);
            // One at a time until one run wins `min_gallop` times in a row.
            loop {
                if self.lt(self.v[*pb], temp[*pa])? {
                    self.v[*dest] = self.v[*pb];
                    (*dest, *pb, *nb) = (*dest + 1, *pb + 1, *nb - 1);
                    (bcount, acount) = (bcount + 1, 0);
                    if *nb == 0 {
                        return Ok(MergeEnd::Done);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                } else {
                    self.v[*dest] = temp[*pa];
                    (*dest, *pa, *na) = (*dest + 1, *pa + 1, *na - 1);
                    (acount, bcount) = (acount + 1, 0);
                    if *na == 1 {
                        return Ok(MergeEnd::LastOfA);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                }
            }
            // Galloping while it pays.
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                self.min_gallop = min_gallop;
                let key = self.v[*pb];
                let k = gallop_right(&mut *self.lt, key, &temp[*pa..*pa + *na], 0)?;
                acount = k;
                if k > 0 {
                    self.v[*dest..*dest + k].copy_from_slice(&temp[*pa..*pa + k]);
                    (*dest, *pa, *na) = (*dest + k, *pa + k, *na - k);
                    if *na == 1 {
                        return Ok(MergeEnd::LastOfA);
                    }
                    if *na == 0 {
                        return Ok(MergeEnd::Done);
                    }
                }
                self.v[*dest] = self.v[*pb];
                (*dest, *pb, *nb) = (*dest + 1, *pb + 1, *nb - 1);
                if *nb == 0 {
                    return Ok(MergeEnd::Done);
                }
                let k = gallop_left(&mut *self.lt, temp[*pa], &self.v[*pb..*pb + *nb], 0)?;
                bcount = k;
                if k > 0 {
                    self.v.copy_within(*pb..*pb + k, *dest);
                    (*dest, *pb, *nb) = (*dest + k, *pb + k, *nb - k);
                    if *nb == 0 {
                        return Ok(MergeEnd::Done);
                    }
                }
                self.v[*dest] = temp[*pa];
                (*dest, *pa, *na) = (*dest + 1, *pa + 1, *na - 1);
                if *na == 1 {
                    return Ok(MergeEnd::LastOfA);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }

    /// Merges `v[a..a+na]` and the following `v[b..b+nb]`, `na > nb`, from the right,
    /// with b copied aside.
    fn merge_hi(&mut self, a: usize, na: usize, b: usize, nb: usize) -> PyResult<()> {
        let temp: Vec<usize> = self.v[b..b + nb].to_vec();
        // Positions count one past the element they stand for (they reach 0).
        let (mut dest, mut pa, mut pb, mut na, mut nb) = (b + nb, a + na, nb, na, nb);
        let outcome = self.merge_hi_steps(&temp, a, &mut dest, &mut pa, &mut pb, &mut na, &mut nb);
        match outcome {
            Ok(MergeEnd::LastOfA) => {
                // One element of b left: it goes before what is left of a.
                self.v.copy_within(pa - na..pa, dest - na);
                self.v[dest - na - 1] = temp[pb - 1];
                Ok(())
            }
            other => {
                self.v[dest - nb..dest].copy_from_slice(&temp[pb - nb..pb]);
                other.map(|_| ())
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn merge_hi_steps(
        &mut self,
        temp: &[usize],
        base_a: usize,
        dest: &mut usize,
        pa: &mut usize,
        pb: &mut usize,
        na: &mut usize,
        nb: &mut usize,
    ) -> PyResult<MergeEnd> {
        self.v[*dest - 1] = self.v[*pa - 1];
        (*dest, *pa, *na) = (*dest - 1, *pa - 1, *na - 1);
        if *na == 0 {
            return Ok(MergeEnd::Done);
        }
        if *nb == 1 {
            return Ok(MergeEnd::LastOfA);
        }
        let mut min_gallop = self.min_gallop;
        loop {
            let (mut acount, mut bcount) = (0, 0);
            loop {
                if self.lt(temp[*pb - 1], self.v[*pa - 1])? {
                    self.v[*dest - 1] = self.v[*pa - 1];
                    (*dest, *pa, *na) = (*dest - 1, *pa - 1, *na - 1);
                    (acount, bcount) = (acount + 1, 0);
                    if *na == 0 {
                        return Ok(MergeEnd::Done);
                    }
                    if acount >= min_gallop {
                        break;
                    }
                } else {
                    self.v[*dest - 1] = temp[*pb - 1];
                    (*dest, *pb, *nb) = (*dest - 1, *pb - 1, *nb - 1);
                    (bcount, acount) = (bcount + 1, 0);
                    if *nb == 1 {
                        return Ok(MergeEnd::LastOfA);
                    }
                    if bcount >= min_gallop {
                        break;
                    }
                }
            }
            min_gallop += 1;
            loop {
                min_gallop -= usize::from(min_gallop > 1);
                self.min_gallop = min_gallop;
                let run = &self.v[base_a..base_a + *na];
                let k = *na - gallop_right(&mut *self.lt, temp[*pb - 1], run, *na - 1)?;
                acount = k;
                if k > 0 {
                    self.v.copy_within(*pa - k..*pa, *dest - k);
                    (*dest, *pa, *na) = (*dest - k, *pa - k, *na - k);
                    if *na == 0 {
                        return Ok(MergeEnd::Done);
                    }
                }
                self.v[*dest - 1] = temp[*pb - 1];
                (*dest, *pb, *nb) = (*dest - 1, *pb - 1, *nb - 1);
                if *nb == 1 {
                    return Ok(MergeEnd::LastOfA);
                }
                if *nb == 0 {
                    return Ok(MergeEnd::Done);
                }
                let key = self.v[*pa - 1];
                let k = *nb - gallop_left(&mut *self.lt, key, &temp[..*nb], *nb - 1)?;
                bcount = k;
                if k > 0 {
                    self.v[*dest - k..*dest].copy_from_slice(&temp[*pb - k..*pb]);
                    (*dest, *pb, *nb) = (*dest - k, *pb - k, *nb - k);
                    if *nb == 1 {
                        return Ok(MergeEnd::LastOfA);
                    }
                    if *nb == 0 {
                        return Ok(MergeEnd::Done);
                    }
                }
                self.v[*dest - 1] = self.v[*pa - 1];
                (*dest, *pa, *na) = (*dest - 1, *pa - 1, *na - 1);
                if *na == 0 {
                    return Ok(MergeEnd::Done);
                }
                if acount < MIN_GALLOP && bcount < MIN_GALLOP {
                    break;
                }
            }
            min_gallop += 1;
            self.min_gallop = min_gallop;
        }
    }
}

/// `<` on positions, which may fail.
type Less<'a> = dyn FnMut(usize, usize) -> PyResult<bool> + 'a;

/// Where `key` goes in the sorted `run`, before any equal elements: galloping from `hint`
/// out, then a binary search (CPython's `gallop_left`).
fn gallop_left(lt: &mut Less, key: usize, run: &[usize], hint: usize) -> PyResult<usize> {
    let (n, hint) = (run.len() as isize, hint as isize);
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(run[hint as usize], key)? {
        // run[hint] < key: gallop right until run[hint + lastofs] < key <= run[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs && lt(run[(hint + ofs) as usize], key)? {
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        (lastofs, ofs) = (lastofs + hint, ofs + hint);
    } else {
        // key <= run[hint]: gallop left until run[hint - ofs] < key <= run[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs && !lt(run[(hint - ofs) as usize], key)? {
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        (lastofs, ofs) = (hint - ofs, hint - lastofs);
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(run[m as usize], key)? {
            lastofs = m + 1;
        } else {
            ofs = m;
        }
    }
    Ok(ofs as usize)
}

/// Where `key` goes in the sorted `run`, after any equal elements (CPython's
/// `gallop_right`).
fn gallop_right(lt: &mut Less, key: usize, run: &[usize], hint: usize) -> PyResult<usize> {
    let (n, hint) = (run.len() as isize, hint as isize);
    let (mut lastofs, mut ofs): (isize, isize) = (0, 1);
    if lt(key, run[hint as usize])? {
        // key < run[hint]: gallop left until run[hint - ofs] <= key < run[hint - lastofs].
        let maxofs = hint + 1;
        while ofs < maxofs && lt(key, run[(hint - ofs) as usize])? {
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        (lastofs, ofs) = (hint - ofs, hint - lastofs);
    } else {
        // run[hint] <= key: gallop right until run[hint + lastofs] <= key < run[hint + ofs].
        let maxofs = n - hint;
        while ofs < maxofs && !lt(key, run[(hint + ofs) as usize])? {
            lastofs = ofs;
            ofs = (ofs << 1) + 1;
        }
        ofs = ofs.min(maxofs);
        (lastofs, ofs) = (lastofs + hint, ofs + hint);
    }
    lastofs += 1;
    while lastofs < ofs {
        let m = lastofs + ((ofs - lastofs) >> 1);
        if lt(key, run[m as usize])? {
            ofs = m;
        } else {
            lastofs = m + 1;
        }
    }
    Ok(ofs as usize)
}
