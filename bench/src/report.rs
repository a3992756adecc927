//! The report: per program directory, speed tables (first iteration, steady state, whole
//! process) normalized to the first column (CPython when it ran), with geometric means, a
//! peak-RSS table and the failures; as aligned plain text or as Markdown.

use crate::stats::geomean;
use crate::summary::{Medians, Summary};

/// How the tables are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns for a terminal.
    Text,
    /// Markdown tables.
    Markdown,
}

/// Everything measured, ready to print.
pub struct Report {
    /// Runs per program and implementation.
    pub runs: usize,
    /// Each implementation's label and command line.
    pub implementations: Vec<(String, String)>,
    /// One section per program directory.
    pub sections: Vec<Section>,
}

/// The results of one program directory.
pub struct Section {
    /// The directory's label.
    pub title: String,
    /// Implementation labels; the first is the baseline speeds are relative to.
    pub columns: Vec<String>,
    /// One row per program.
    pub rows: Vec<Row>,
}

/// One program's results, one cell per column.
pub struct Row {
    /// The program's name.
    pub program: String,
    /// Whether it speaks the protocol, so belongs in the iteration tables.
    pub iterations: bool,
    /// Its summary under each implementation, in column order.
    pub cells: Vec<Summary>,
}

impl Row {
    /// Whether the row belongs in the iteration tables: its program speaks the protocol and
    /// printed iterations (or failed, so could not show them).
    fn has_iterations(&self) -> bool {
        self.iterations
            && self.cells.iter().any(|cell| match cell {
                Summary::Absent => false,
                Summary::Failed(_) => true,
                Summary::Measured(medians) => medians.first.is_some(),
            })
    }
}

/// A table before layout: a header (`program`, then the implementations) and one row per
/// program (its name and a cell per implementation).
struct Table {
    title: String,
    header: Vec<String>,
    rows: Vec<(String, Vec<Cell>)>,
}

/// A table cell.
enum Cell {
    /// Numbers, each aligned with the same field of the column's other cells.
    Fields(Vec<String>),
    /// A word standing for the whole cell (`FAILED`, `-`).
    Word(String),
}

/// Which time a speed table compares, and which times its cells show.
struct Measure {
    title: &'static str,
    compared: fn(&Medians) -> Option<f64>,
    shown: fn(&Medians) -> Vec<String>,
}

const FIRST: Measure = Measure {
    title: "first iteration (iteration 1, warm-up included)",
    compared: |m| m.first,
    shown: |m| m.first.map(seconds).into_iter().collect(),
};

const STEADY: Measure = Measure {
    title: "steady state (median of the last half of the iterations)",
    compared: |m| m.steady,
    shown: |m| m.steady.map(seconds).into_iter().collect(),
};

const PROCESS: Measure = Measure {
    title: "whole process: wall time / CPU time (speed from the wall time)",
    compared: |m| Some(m.wall),
    shown: |m| vec![seconds(m.wall), "/".to_string(), seconds(m.cpu)],
};

impl Report {
    /// The whole report.
    pub fn render(&self, format: Format) -> String {
        let mut out = String::new();
        let runs = match self.runs {
            1 => "1 run".to_string(),
            runs => format!("{runs} runs"),
        };
        let heading = format!("jitgen-bench: median of {runs} of each program");
        match format {
            Format::Text => out += &format!("{heading}\n"),
            Format::Markdown => out += &format!("## {heading}\n\n"),
        }
        for (label, command) in &self.implementations {
            match format {
                Format::Text => out += &format!("  {label}: {command}\n"),
                Format::Markdown => out += &format!("- `{label}`: `{command}`\n"),
            }
        }
        for section in &self.sections {
            out.push('\n');
            out += &section.render(format);
        }
        out
    }
}

impl Section {
    /// The section's tables and failures.
    fn render(&self, format: Format) -> String {
        let baseline = self.columns.first().map_or("", String::as_str);
        let legend = [
            format!(
                "speed = {baseline}'s time / this time (above 1.00x: faster than {baseline}), \
                 then the median time;"
            ),
            "geomean (k/n): over the k of n programs both ran successfully".to_string(),
        ];
        let mut out = match format {
            Format::Text => format!("== {} ==\n{}\n{}\n", self.title, legend[0], legend[1]),
            Format::Markdown => format!("### {}\n\n{}\n{}.\n", self.title, legend[0], legend[1]),
        };
        let mut tables = Vec::new();
        for measure in [&FIRST, &STEADY] {
            let rows: Vec<&Row> = self
                .rows
                .iter()
                .filter(|row| row.has_iterations())
                .collect();
            if !rows.is_empty() {
                tables.push(self.speed_table(measure, &rows));
            }
        }
        tables.push(self.speed_table(&PROCESS, &self.rows.iter().collect::<Vec<_>>()));
        tables.push(self.rss_table());
        for table in tables {
            out.push('\n');
            out += &table.render(format);
        }
        let mut failures = Vec::new();
        for row in &self.rows {
            for (cell, column) in row.cells.iter().zip(&self.columns) {
                if let Summary::Failed(reasons) = cell {
                    for reason in reasons {
                        failures.push(format!("{}, {column}: {reason}", row.program));
                    }
                }
            }
        }
        if !failures.is_empty() {
            match format {
                Format::Text => out += "\nfailures:\n",
                Format::Markdown => out += "\nFailures:\n\n",
            }
            for failure in failures {
                match format {
                    Format::Text => out += &format!("  {failure}\n"),
                    Format::Markdown => out += &format!("- {}\n", failure.replace('|', "\\|")),
                }
            }
        }
        out
    }

    /// A table of speeds relative to the first column, with a geometric-mean row.
    fn speed_table(&self, measure: &Measure, rows: &[&Row]) -> Table {
        let compared = |cell: &Summary| match cell {
            Summary::Measured(medians) => (measure.compared)(medians),
            _ => None,
        };
        let mut ratios: Vec<Vec<f64>> = vec![Vec::new(); self.columns.len()];
        let mut table_rows = Vec::new();
        for row in rows {
            let baseline = row.cells.first().and_then(compared);
            let mut cells = Vec::new();
            for (column, cell) in row.cells.iter().enumerate() {
                cells.push(match (cell, compared(cell)) {
                    (Summary::Failed(_), _) => Cell::Word("FAILED".to_string()),
                    (Summary::Measured(medians), Some(time)) => {
                        let ratio = baseline.map(|baseline| baseline / time.max(f64::MIN_POSITIVE));
                        ratios[column].extend(ratio);
                        let mut fields = vec![ratio.map_or("-".to_string(), speed)];
                        fields.extend((measure.shown)(medians));
                        Cell::Fields(fields)
                    }
                    _ => Cell::Word("-".to_string()),
                });
            }
            table_rows.push((row.program.clone(), cells));
        }
        let geomeans = ratios
            .iter()
            .map(|ratios| match geomean(ratios) {
                None => Cell::Word("-".to_string()),
                Some(mean) if ratios.len() < rows.len() => Cell::Fields(vec![
                    speed(mean),
                    format!("({}/{})", ratios.len(), rows.len()),
                ]),
                Some(mean) => Cell::Fields(vec![speed(mean)]),
            })
            .collect();
        table_rows.push(("geomean".to_string(), geomeans));
        Table {
            title: measure.title.to_string(),
            header: self.header(),
            rows: table_rows,
        }
    }

    /// The median peak RSS of each program under each implementation.
    fn rss_table(&self) -> Table {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let cells = row
                    .cells
                    .iter()
                    .map(|cell| match cell {
                        Summary::Absent => Cell::Word("-".to_string()),
                        Summary::Failed(_) => Cell::Word("FAILED".to_string()),
                        Summary::Measured(medians) => Cell::Fields(vec![format!(
                            "{:.1}",
                            medians.peak_rss / (1u64 << 20) as f64
                        )]),
                    })
                    .collect();
                (row.program.clone(), cells)
            })
            .collect();
        Table {
            title: "peak RSS (MiB)".to_string(),
            header: self.header(),
            rows,
        }
    }

    fn header(&self) -> Vec<String> {
        let mut header = vec!["program".to_string()];
        header.extend(self.columns.iter().cloned());
        header
    }
}

impl Table {
    fn render(&self, format: Format) -> String {
        let columns = self.header.len();
        // The width of each field of each column (column 0 holds names, no fields).
        let mut field_widths: Vec<Vec<usize>> = vec![Vec::new(); columns];
        for (_, cells) in &self.rows {
            for (column, cell) in cells.iter().enumerate() {
                let Cell::Fields(fields) = cell else {
                    continue;
                };
                let widths = &mut field_widths[column + 1];
                widths.resize(widths.len().max(fields.len()), 0);
                for (width, field) in widths.iter_mut().zip(fields) {
                    *width = (*width).max(field.chars().count());
                }
            }
        }
        // Each cell's text: fields padded to their widths (so that they line up within the
        // column), or the one word.
        let texts: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|(name, cells)| {
                let mut texts = vec![name.clone()];
                texts.extend(cells.iter().enumerate().map(|(column, cell)| match cell {
                    Cell::Word(word) => word.clone(),
                    Cell::Fields(fields) => {
                        let padded: Vec<String> = field_widths[column + 1]
                            .iter()
                            .enumerate()
                            .map(|(index, width)| {
                                let field = fields.get(index).map_or("", String::as_str);
                                format!("{field:>width$}")
                            })
                            .collect();
                        padded.join(" ")
                    }
                }));
                texts
            })
            .collect();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for row in &texts {
            for (width, text) in widths.iter_mut().zip(row) {
                *width = (*width).max(text.chars().count());
            }
        }
        // Names left-aligned, everything else right-aligned.
        let line = |texts: &[String], separator: &str| -> String {
            let padded: Vec<String> = texts
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(column, (text, width))| match column {
                    0 => format!("{text:<width$}"),
                    _ => format!("{text:>width$}"),
                })
                .collect();
            padded.join(separator)
        };
        let mut out = String::new();
        match format {
            Format::Text => {
                out += &format!("{}\n", self.title);
                out += &format!("{}\n", line(&self.header, "  ").trim_end());
                let rule: Vec<String> = widths.iter().map(|width| "-".repeat(*width)).collect();
                out += &format!("{}\n", rule.join("  "));
                for row in &texts {
                    out += &format!("{}\n", line(row, "  ").trim_end());
                }
            }
            Format::Markdown => {
                out += &format!("**{}**\n\n", self.title);
                out += &format!("| {} |\n", line(&self.header, " | "));
                let rule: Vec<&str> = (0..columns)
                    .map(|column| if column == 0 { ":--" } else { "--:" })
                    .collect();
                out += &format!("|{}|\n", rule.join("|"));
                for row in &texts {
                    out += &format!("| {} |\n", line(row, " | "));
                }
            }
        }
        out
    }
}

/// A speed ratio with three significant digits: `0.52x`, `12.3x`, `150x`.
fn speed(ratio: f64) -> String {
    match ratio {
        r if r >= 99.95 => format!("{r:.0}x"),
        r if r >= 9.995 => format!("{r:.1}x"),
        r => format!("{r:.2}x"),
    }
}

/// A duration in seconds with three significant digits: `1.23s`, `45.6ms`, `789us`.
pub fn seconds(seconds: f64) -> String {
    let (value, unit) = match seconds {
        s if s >= 0.9995 => (s, "s"),
        s if s >= 0.0009995 => (s * 1e3, "ms"),
        s => (s * 1e6, "us"),
    };
    match value {
        v if v >= 99.95 => format!("{v:.0}{unit}"),
        v if v >= 9.995 => format!("{v:.1}{unit}"),
        v => format!("{v:.2}{unit}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn measured(first: f64, steady: f64, wall: f64) -> Summary {
        Summary::Measured(Medians {
            first: Some(first),
            steady: Some(steady),
            wall,
            cpu: wall * 0.9,
            peak_rss: 10.0 * (1 << 20) as f64,
        })
    }

    fn report() -> Report {
        Report {
            runs: 3,
            implementations: vec![
                ("python3".into(), "/usr/bin/python3".into()),
                ("pypy3".into(), "/usr/bin/pypy3".into()),
                ("toy on".into(), "target/release/toy --jit on".into()),
            ],
            sections: vec![
                Section {
                    title: "bench/programs".into(),
                    columns: vec!["python3".into(), "pypy3".into(), "toy on".into()],
                    rows: vec![
                        Row {
                            program: "fib".into(),
                            iterations: true,
                            cells: vec![
                                measured(0.1, 0.1, 1.1),
                                measured(0.05, 0.01, 0.2),
                                measured(0.5, 0.2, 2.5),
                            ],
                        },
                        Row {
                            program: "nbody".into(),
                            iterations: true,
                            cells: vec![
                                measured(0.2, 0.2, 2.1),
                                measured(0.02, 0.002, 0.05),
                                Summary::Failed(vec!["run 2: exit status 1: boom".into()]),
                            ],
                        },
                        Row {
                            program: "richards".into(),
                            iterations: true,
                            cells: vec![
                                measured(0.2, 0.2, 2.0),
                                measured(0.002, 0.0005, 0.03),
                                Summary::Absent,
                            ],
                        },
                    ],
                },
                Section {
                    title: "langs/bf/programs".into(),
                    columns: vec!["bf off".into(), "bf on".into()],
                    rows: vec![Row {
                        program: "mandel".into(),
                        iterations: false,
                        cells: vec![
                            Summary::Measured(Medians {
                                first: None,
                                steady: None,
                                wall: 12.0,
                                cpu: 11.9,
                                peak_rss: 2.5 * (1 << 20) as f64,
                            }),
                            Summary::Measured(Medians {
                                first: None,
                                steady: None,
                                wall: 0.4,
                                cpu: 0.41,
                                peak_rss: 3.0 * (1 << 20) as f64,
                            }),
                        ],
                    }],
                },
            ],
        }
    }

    #[test]
    fn text_report() {
        insta::assert_snapshot!("text_report", report().render(Format::Text));
    }

    #[test]
    fn markdown_report() {
        insta::assert_snapshot!("markdown_report", report().render(Format::Markdown));
    }

    #[test]
    fn number_formats() {
        assert_eq!(speed(1.0), "1.00x");
        assert_eq!(speed(0.123), "0.12x");
        assert_eq!(speed(9.996), "10.0x");
        assert_eq!(speed(123.4), "123x");
        assert_eq!(seconds(1.234), "1.23s");
        assert_eq!(seconds(123.4), "123s");
        assert_eq!(seconds(0.0456), "45.6ms");
        assert_eq!(seconds(0.9999), "1.00s");
        assert_eq!(seconds(0.000789), "789us");
        assert_eq!(seconds(0.0000012), "1.20us");
    }
}
