//! The few statistics the report needs: median, steady state, geometric mean.

/// The median of `values` (the mean of the two middle ones for an even count); `None` when
/// empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]) / 2.0),
    }
}

/// The steady-state time of a run: the median of the last half of its iteration times (the
/// last `ceil(n / 2)`, so a single iteration is its own steady state); `None` without
/// iterations.
pub fn steady(iterations: &[f64]) -> Option<f64> {
    median(&iterations[iterations.len() / 2..])
}

/// The geometric mean of positive `values`; `None` when empty.
pub fn geomean(values: &[f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    let log_sum: f64 = values.iter().map(|value| value.ln()).sum();
    Some((log_sum / values.len() as f64).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[]), None);
        assert_eq!(median(&[3.0]), Some(3.0));
        assert_eq!(median(&[5.0, 1.0, 3.0]), Some(3.0));
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }

    #[test]
    fn steady_is_the_median_of_the_last_half() {
        assert_eq!(steady(&[]), None);
        assert_eq!(steady(&[9.0]), Some(9.0));
        assert_eq!(steady(&[9.0, 1.0]), Some(1.0));
        // Last 2 of 3.
        assert_eq!(steady(&[9.0, 2.0, 1.0]), Some(1.5));
        // Last 5 of 10: the warm-up iterations are ignored.
        let times = [50.0, 20.0, 10.0, 8.0, 7.0, 1.0, 2.0, 3.0, 5.0, 4.0];
        assert_eq!(steady(&times), Some(3.0));
    }

    #[test]
    fn geomean_of_ratios() {
        assert_eq!(geomean(&[]), None);
        assert_eq!(geomean(&[2.0]), Some(2.0));
        let mean = geomean(&[2.0, 8.0]).unwrap();
        assert!((mean - 4.0).abs() < 1e-12);
        let mean = geomean(&[0.5, 2.0]).unwrap();
        assert!((mean - 1.0).abs() < 1e-12);
    }
}
