//! The regression detector: change points in a series of per-commit times (one benchmark,
//! one implementation, one machine), found by binary segmentation and kept only when the
//! shift is beyond that series' own noise.
//!
//! On the logarithms of the times: a split is placed where the two sides are best described
//! by their medians (least absolute deviations, so one outlier does not move it), then kept
//! if both sides have [`MIN_SIDE`] commits and the difference of the medians is more than
//! [`Z`] times its standard error and more than [`MIN_CHANGE`]. The noise behind that error
//! is the series' own: the mean absolute deviation of the values from their side's median,
//! so it is estimated with the change taken out (outliers make it larger, so they make the
//! detector more cautious, never bolder). Each side is then searched again, with at least
//! the noise found for the whole (a short side's few values can look quieter than they
//! are).

use crate::stats::median;

/// How many standard errors a shift must exceed.
pub const Z: f64 = 5.25;
/// The smallest relative change reported, however quiet the series.
pub const MIN_CHANGE: f64 = 0.02;
/// The fewest commits on each side of a change: a change at the newest commit shows once
/// three more commits confirm it (so a slow run or two at the end is not a regression).
pub const MIN_SIDE: usize = 4;
/// The smallest noise assumed (relative), so a perfectly flat series does not make every
/// wobble significant.
const MIN_NOISE: f64 = 0.002;

/// A level shift in a series.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    /// The index of the first value at the new level (the first slow commit).
    pub index: usize,
    /// The new level over the old one (medians): above 1 is slower.
    pub ratio: f64,
    /// The series' relative noise (one standard deviation of a value).
    pub noise: f64,
}

impl Change {
    /// Whether the values got larger (for times: slower).
    pub fn is_regression(&self) -> bool {
        self.ratio > 1.0
    }
}

/// The change points of `values` (positive, oldest first), in order.
pub fn detect(values: &[f64]) -> Vec<Change> {
    let logs: Vec<f64> = values
        .iter()
        .map(|v| v.max(f64::MIN_POSITIVE).ln())
        .collect();
    let mut changes = Vec::new();
    split(&logs, 0, logs.len(), MIN_NOISE, &mut changes);
    changes.sort_by_key(|change| change.index);
    changes
}

/// The noise of a series of logarithms from commit to commit, changes and all: the standard
/// deviation of one value, from the median absolute successive difference (1.4826 x MAD
/// estimates a normal deviation; a difference has twice a value's variance; a level shift
/// spoils only one difference).
pub fn noise(logs: &[f64]) -> f64 {
    let differences: Vec<f64> = logs.windows(2).map(|w| (w[1] - w[0]).abs()).collect();
    let mad = median(&differences).unwrap_or(0.0);
    (1.4826 * mad / std::f64::consts::SQRT_2).max(MIN_NOISE)
}

/// Looks for a change in `logs[lo..hi]` and, if one is beyond the noise (at least
/// `least_noise`), records it and searches both sides.
fn split(logs: &[f64], lo: usize, hi: usize, least_noise: f64, changes: &mut Vec<Change>) {
    if hi - lo < 2 {
        return;
    }
    let deviations = |segment: &[f64]| {
        let m = median(segment).unwrap_or(0.0);
        segment
            .iter()
            .map(move |x| (x - m).abs())
            .collect::<Vec<f64>>()
    };
    let cost = |segment: &[f64]| deviations(segment).iter().sum::<f64>();
    let Some(k) = (lo + 1..hi).min_by(|&a, &b| {
        let total = |k: usize| cost(&logs[lo..k]) + cost(&logs[k..hi]);
        total(a).total_cmp(&total(b))
    }) else {
        return;
    };
    if k - lo < MIN_SIDE || hi - k < MIN_SIDE {
        return;
    }
    let before = median(&logs[lo..k]).unwrap_or(0.0);
    let after = median(&logs[k..hi]).unwrap_or(0.0);
    let shift = after - before;
    let mut residuals = deviations(&logs[lo..k]);
    residuals.extend(deviations(&logs[k..hi]));
    // For normal noise, the mean absolute deviation is sqrt(2 / pi) standard deviations.
    let mean_deviation = residuals.iter().sum::<f64>() / residuals.len() as f64;
    let sigma = (1.2533 * mean_deviation).max(least_noise);
    // A median's standard error is about 1.25 times a mean's.
    let error = 1.2533 * sigma * (1.0 / (k - lo) as f64 + 1.0 / (hi - k) as f64).sqrt();
    if shift.abs() > Z * error && shift.abs() > MIN_CHANGE.ln_1p() {
        changes.push(Change {
            index: k,
            ratio: shift.exp(),
            noise: sigma.exp_m1(),
        });
        split(logs, lo, k, sigma, changes);
        split(logs, k, hi, sigma, changes);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A noisy history of `n` commits around 1.0: multiplicative noise of 3% (standard
    /// deviation; a sum of three uniforms from an LCG seeded with `seed`), and from commit
    /// `slow` on (if any) 20% slower.
    fn history(seed: u64, n: usize, slow: Option<usize>) -> Vec<f64> {
        let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut next = move || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        (0..n)
            .map(|i| {
                let level = if slow.is_some_and(|s| i >= s) {
                    1.2
                } else {
                    1.0
                };
                level * (1.0 + 0.06 * (next() + next() + next() - 1.5))
            })
            .collect()
    }

    #[test]
    fn one_twenty_percent_slowdown_is_named_exactly() {
        for seed in 0..50 {
            for slow in [4, 11, 17, 26] {
                let changes = detect(&history(seed, 30, Some(slow)));
                let values = history(seed, 30, Some(slow));
                assert_eq!(
                    changes.len(),
                    1,
                    "seed {seed}, slow {slow}: {changes:?} {values:?}"
                );
                assert_eq!(changes[0].index, slow, "seed {seed}: {changes:?}");
                assert!(changes[0].is_regression());
                assert!((1.1..1.3).contains(&changes[0].ratio), "{changes:?}");
            }
        }
    }

    #[test]
    fn nothing_is_flagged_without_it() {
        for seed in 0..50 {
            let changes = detect(&history(seed, 30, None));
            assert_eq!(changes, [], "seed {seed}");
        }
    }

    #[test]
    fn lone_outliers_are_no_change() {
        for seed in 0..50 {
            let mut values = history(seed, 30, None);
            // Another process competed for the CPU at a few commits.
            for i in [4, 13, 14 + (seed as usize % 10), 29] {
                values[i] *= 1.4;
            }
            assert_eq!(detect(&values), [], "seed {seed}: {values:?}");
        }
    }

    #[test]
    fn an_improvement_is_a_change_but_no_regression() {
        let values: Vec<f64> = history(7, 20, Some(10))
            .iter()
            .enumerate()
            .map(|(i, v)| if i >= 10 { v / 1.44 } else { *v })
            .collect();
        let changes = detect(&values);
        assert_eq!(changes.len(), 1, "{changes:?}");
        assert_eq!(changes[0].index, 10);
        assert!(!changes[0].is_regression());
    }

    #[test]
    fn short_and_flat_series() {
        assert_eq!(detect(&[]), []);
        assert_eq!(detect(&[1.0, 2.0, 3.0]), []);
        assert_eq!(detect(&[1.0; 10]), []);
        let step = [1.0, 1.0, 1.0, 1.0, 1.5, 1.5, 1.5, 1.5];
        assert_eq!(detect(&step[..7]), [], "three commits do not make a change");
        assert_eq!(detect(&step)[0].index, 4);
    }
}
