//! The graphs' axes: scales from data to pixels and their ticks, chosen so labels are round
//! numbers where they belong (a log axis of speed ratios has ticks at 1x, 2x, 5x, ... and
//! finer ones only when the range is narrow; a date axis steps by whole minutes, hours or
//! days), and the date labels themselves.

/// A scale from data values to pixels.
#[derive(Clone, Debug)]
pub struct Scale {
    /// The data range shown.
    pub min: f64,
    /// The data range shown.
    pub max: f64,
    /// The pixel range it maps to (`from` for `min`).
    pub from: f64,
    /// The pixel range it maps to (`to` for `max`).
    pub to: f64,
    /// Logarithmic (ratios) or linear.
    pub log: bool,
}

impl Scale {
    /// The pixel position of `value`.
    pub fn at(&self, value: f64) -> f64 {
        let (v, lo, hi) = if self.log {
            (value.ln(), self.min.ln(), self.max.ln())
        } else {
            (value, self.min, self.max)
        };
        let span = if hi > lo { hi - lo } else { 1.0 };
        self.from + (v - lo) / span * (self.to - self.from)
    }
}

/// A tick: where it is and its label.
#[derive(Clone, Debug, PartialEq)]
pub struct Tick {
    /// The data value.
    pub value: f64,
    /// Its label.
    pub label: String,
}

/// The range shown for values `lo..=hi` on a log axis: padded by a tenth of the span on
/// each side (at least a factor 1.1, so a flat series is not a line on the frame).
pub fn log_range(lo: f64, hi: f64) -> (f64, f64) {
    let (l, h) = (lo.ln(), hi.ln());
    let pad = ((h - l) * 0.1).max(0.1_f64.ln_1p());
    ((l - pad).exp(), (h + pad).exp())
}

/// The range shown for values `lo..=hi` on a linear axis starting at zero (memory).
pub fn linear_range(hi: f64) -> (f64, f64) {
    (0.0, if hi > 0.0 { hi * 1.1 } else { 1.0 })
}

/// Ticks of a log axis over `min..=max`: the 1-2-5 series, or finer mantissas when that
/// gives fewer than 4 ticks; labels by `label`.
pub fn log_ticks(min: f64, max: f64, label: impl Fn(f64) -> String) -> Vec<Tick> {
    const MANTISSAS: [&[f64]; 4] = [
        &[1.0, 2.0, 5.0],
        &[1.0, 1.5, 2.0, 3.0, 5.0, 7.0],
        &[1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0],
        &[
            1.0, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.8, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0,
        ],
    ];
    let mut ticks = Vec::new();
    for mantissas in MANTISSAS {
        ticks = (min.log10().floor() as i32..=max.log10().ceil() as i32)
            .flat_map(|exponent| mantissas.iter().map(move |m| m * 10f64.powi(exponent)))
            .filter(|value| (min..=max).contains(value))
            .map(|value| Tick {
                value,
                label: label(value),
            })
            .collect();
        if ticks.len() >= 4 {
            break;
        }
    }
    ticks
}

/// Ticks of a linear axis over `min..=max` at a round step (1, 2 or 5 times a power of ten)
/// giving at most 6 of them.
pub fn linear_ticks(min: f64, max: f64, label: impl Fn(f64) -> String) -> Vec<Tick> {
    let span = max - min;
    let power = 10f64.powf((span / 10.0).log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0, 20.0]
        .iter()
        .map(|m| m * power)
        .find(|step| (span / step).floor() < 6.0)
        .unwrap_or(power * 50.0);
    let mut ticks = Vec::new();
    let mut value = (min / step).ceil() * step;
    while value <= max + step * 1e-9 {
        ticks.push(Tick {
            value,
            label: label(value),
        });
        value += step;
    }
    ticks
}

/// A ratio's label: `1x`, `0.25x`, `12x` (at most 3 significant digits).
pub fn ratio_label(value: f64) -> String {
    format!("{}x", significant(value))
}

/// `value` with at most 3 significant digits and no trailing zeros.
pub fn significant(value: f64) -> String {
    if value == 0.0 {
        return "0".to_string();
    }
    let decimals = (2 - value.abs().log10().floor() as i32).max(0) as usize;
    let text = format!("{value:.decimals$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

/// Ticks of a date axis over Unix times `min..=max`: whole minutes, hours or days at a step
/// giving at most 6 ticks; a tick shows the date where the day changes (and first), else
/// the time of day.
pub fn date_ticks(min: i64, max: i64) -> Vec<Tick> {
    const MINUTE: i64 = 60;
    const HOUR: i64 = 3600;
    const DAY: i64 = 86400;
    let steps = [
        MINUTE,
        5 * MINUTE,
        10 * MINUTE,
        15 * MINUTE,
        30 * MINUTE,
        HOUR,
        2 * HOUR,
        3 * HOUR,
        6 * HOUR,
        12 * HOUR,
        DAY,
        2 * DAY,
        7 * DAY,
        14 * DAY,
        30 * DAY,
        91 * DAY,
        182 * DAY,
        365 * DAY,
    ];
    let span = (max - min).max(1);
    let step = steps
        .into_iter()
        .find(|step| span / step < 6)
        .unwrap_or(365 * DAY);
    let mut ticks = Vec::new();
    let mut time = (min + step - 1).div_euclid(step) * step;
    let mut last_day = None;
    while time <= max {
        let (date, clock) = (date_label(time), clock_label(time));
        let label = if step >= DAY || last_day.as_ref() == Some(&date) {
            if step >= DAY {
                date.clone()
            } else {
                clock
            }
        } else {
            format!("{date} {clock}")
        };
        last_day = Some(date);
        ticks.push(Tick {
            value: time as f64,
            label,
        });
        time += step;
    }
    ticks
}

/// The UTC date and time of day of a Unix time, `2026-12-06 17:05`.
pub fn moment_label(time: i64) -> String {
    format!("{} {}", date_label(time), clock_label(time))
}

/// The UTC date of a Unix time, `2026-12-06`.
pub fn date_label(time: i64) -> String {
    let (year, month, day) = civil(time.div_euclid(86400));
    format!("{year:04}-{month:02}-{day:02}")
}

/// The UTC time of day of a Unix time, `17:05`.
pub fn clock_label(time: i64) -> String {
    let seconds = time.rem_euclid(86400);
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// The (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn log_ticks_are_round_ratios() {
        assert_eq!(
            labels(&log_ticks(0.03, 1.5, ratio_label)),
            ["0.05x", "0.1x", "0.2x", "0.5x", "1x"]
        );
        // A narrow range gets finer mantissas, never 2x-4x-8x.
        assert_eq!(
            labels(&log_ticks(0.9, 4.2, ratio_label)),
            ["1x", "1.5x", "2x", "3x"]
        );
        assert_eq!(labels(&log_ticks(5.5, 7.5, ratio_label)), ["6x", "7x"]);
    }

    #[test]
    fn linear_ticks_step_roundly() {
        assert_eq!(
            labels(&linear_ticks(0.0, 230.0, significant)),
            ["0", "50", "100", "150", "200"]
        );
        assert_eq!(labels(&linear_ticks(0.0, 11.0, significant)).len(), 6);
    }

    #[test]
    fn dates_and_their_ticks() {
        assert_eq!(date_label(0), "1970-01-01");
        // 2026-12-06T17:05:00Z
        let t = 1_796_576_700;
        assert_eq!(date_label(t), "2026-12-06");
        assert_eq!(clock_label(t), "17:05");
        assert_eq!(moment_label(t), "2026-12-06 17:05");
        let ticks = date_ticks(t, t + 2 * 3600 + 300);
        assert_eq!(
            labels(&ticks),
            ["2026-12-06 17:30", "18:00", "18:30", "19:00"]
        );
        let days = date_ticks(t, t + 3 * 86400);
        assert_eq!(labels(&days), ["2026-12-07", "2026-12-08", "2026-12-09"]);
    }

    #[test]
    fn numbers_are_short() {
        assert_eq!(significant(0.012345), "0.0123");
        assert_eq!(significant(1234.6), "1235");
        assert_eq!(ratio_label(0.5), "0.5x");
    }
}
