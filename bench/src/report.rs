//! The report: one row per benchmark, one column group per configuration.

use crate::measure::Measurement;

/// A benchmark's measurements, the baseline first.
pub struct Row {
    /// The benchmark's name.
    pub name: String,
    /// Configuration label and measurement, baseline first.
    pub results: Vec<(String, Measurement)>,
}

/// Prints a markdown table: median time, ratio to the baseline (higher is faster), peak RSS;
/// marks results whose output differs from the baseline's.
pub fn print_table(rows: &[Row]) {
    println!("| benchmark | configuration | median | min | speed vs baseline | peak RSS |");
    println!("|---|---|---:|---:|---:|---:|");
    for row in rows {
        let Some((_, baseline)) = row.results.first() else {
            continue;
        };
        for (label, m) in &row.results {
            let status = match &m.failure {
                Some(failure) => format!(" FAILED: {failure}"),
                None if m.output != baseline.output => " WRONG OUTPUT".to_string(),
                None => String::new(),
            };
            let ratio = baseline.median().as_secs_f64() / m.median().as_secs_f64().max(1e-9);
            println!(
                "| {} | {label}{status} | {:.3} s | {:.3} s | {ratio:.2}x | {:.1} MiB |",
                row.name,
                m.median().as_secs_f64(),
                m.times.first().map_or(0.0, |t| t.as_secs_f64()),
                m.peak_rss as f64 / (1 << 20) as f64,
            );
        }
    }
    print_geomeans(rows);
}

/// One line per configuration: the geometric mean over the benchmarks of its speed relative
/// to the baseline (benchmarks where it failed are left out, and counted).
fn print_geomeans(rows: &[Row]) {
    let Some(first) = rows.first() else {
        return;
    };
    println!();
    println!("| configuration | geomean speed vs baseline | benchmarks |");
    println!("|---|---:|---:|");
    for (label, _) in &first.results {
        let mut log_sum = 0.0;
        let (mut counted, mut failed) = (0, 0);
        for row in rows {
            let (Some((_, baseline)), Some((_, m))) = (
                row.results.first(),
                row.results.iter().find(|(l, _)| l == label),
            ) else {
                continue;
            };
            if m.failure.is_some() || m.output != baseline.output {
                failed += 1;
                continue;
            }
            let ratio = baseline.median().as_secs_f64() / m.median().as_secs_f64().max(1e-9);
            log_sum += ratio.ln();
            counted += 1;
        }
        let geomean = if counted > 0 {
            (log_sum / counted as f64).exp()
        } else {
            f64::NAN
        };
        let failures = if failed > 0 {
            format!(" ({failed} failed)")
        } else {
            String::new()
        };
        println!("| {label} | {geomean:.3}x | {counted}{failures} |");
    }
}
