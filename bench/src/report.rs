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
}
