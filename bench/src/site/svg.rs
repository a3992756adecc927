//! One graph as an SVG string: values over commit dates, one line per implementation with a
//! point per commit (its tooltip an SVG `<title>` with the value, the commit's hash, date and
//! message), horizontal reference lines (CPython, PyPy), failed runs as crosses on the x
//! axis instead of points, regressions as flags at their first slow commit, labelled axes
//! with gridlines at the ticks, and a legend.
//!
//! Hand-built rather than drawn with `plotters`: its SVG backend has no way to attach a
//! `<title>` or attributes to a point, and it measures text with a font library; here every
//! element carries classes and `data-` attributes the page's script and the browser test
//! read, and text is left to the browser.

use std::fmt::Write;

use super::axis::{date_ticks, Scale, Tick};

/// The graph's size in pixels.
const WIDTH: f64 = 580.0;
const HEIGHT: f64 = 300.0;
/// The plot area's margins: axis labels left and below, the legend right.
const LEFT: f64 = 64.0;
const RIGHT: f64 = 130.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 44.0;

/// A point of a line.
pub struct Point {
    /// Unix time of the commit (x).
    pub time: i64,
    /// The value (y).
    pub value: f64,
    /// The commit's hash.
    pub commit: String,
    /// The tooltip text.
    pub tooltip: String,
}

/// One implementation's line.
pub struct Line {
    /// The implementation.
    pub name: String,
    /// Its colour.
    pub color: &'static str,
    /// Its points, oldest first.
    pub points: Vec<Point>,
    /// Where it failed: (commit time, commit hash, tooltip). Not plotted as values.
    pub failures: Vec<(i64, String, String)>,
}

/// A horizontal reference line.
pub struct Reference {
    /// What it stands for (`CPython`).
    pub name: String,
    /// Its value.
    pub value: f64,
}

/// A regression's flag.
pub struct Flag {
    /// The first slow commit's time.
    pub time: i64,
    /// Its hash.
    pub commit: String,
    /// The implementation that got slower.
    pub implementation: String,
    /// The tooltip text.
    pub tooltip: String,
}

/// Everything one graph shows. Reference lines are labelled inside the plot, at their right
/// end; the legend is right of the plot.
pub struct Chart {
    /// An identifier for the page (`fib-steady`).
    pub id: String,
    /// The title above the plot.
    pub title: String,
    /// The y axis' label.
    pub y_label: String,
    /// Logarithmic y axis (ratios) or linear from zero (memory).
    pub log: bool,
    /// Whether the y range takes in the reference lines; if not (memory, where PyPy's is
    /// several times the rest), one beyond it is drawn at the edge, marked off the scale.
    pub fit_references: bool,
    /// How a y tick is labelled.
    pub tick_label: fn(f64) -> String,
    /// The lines.
    pub lines: Vec<Line>,
    /// The reference lines.
    pub references: Vec<Reference>,
    /// The regressions.
    pub flags: Vec<Flag>,
    /// The commit times of the whole history (the x range).
    pub times: (i64, i64),
}

/// `text` escaped for XML.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

impl Chart {
    /// The y scale: the range of every plotted value and reference.
    fn y_scale(&self) -> Scale {
        let values = self
            .lines
            .iter()
            .flat_map(|line| line.points.iter().map(|p| p.value))
            .chain(
                self.references
                    .iter()
                    .filter(|_| self.fit_references)
                    .map(|r| r.value),
            )
            .filter(|v| v.is_finite() && (*v > 0.0 || !self.log));
        let (lo, hi) = values.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
        let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (1.0, 1.0) };
        let (min, max) = if self.log {
            super::axis::log_range(lo, hi)
        } else {
            super::axis::linear_range(hi)
        };
        Scale {
            min,
            max,
            from: HEIGHT - BOTTOM,
            to: TOP,
            log: self.log,
        }
    }

    /// The x scale: commit dates, padded a little so end points are not on the frame.
    fn x_scale(&self) -> Scale {
        let (lo, hi) = self.times;
        let pad = ((hi - lo) as f64 * 0.04).max(60.0);
        Scale {
            min: lo as f64 - pad,
            max: hi as f64 + pad,
            from: LEFT,
            to: WIDTH - RIGHT,
            log: false,
        }
    }

    /// The SVG.
    pub fn render(&self) -> String {
        let (x, y) = (self.x_scale(), self.y_scale());
        let (plot_left, plot_right) = (LEFT, WIDTH - RIGHT);
        let (plot_top, plot_bottom) = (TOP, HEIGHT - BOTTOM);
        let mut svg = String::new();
        let _ = write!(
            svg,
            r#"<svg class="chart" id="{id}" data-chart="{id}" xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"><title>{title}</title>"#,
            id = escape(&self.id),
            title = escape(&self.title),
        );
        let _ = write!(
            svg,
            r#"<text class="chart-title" x="{plot_left}" y="16">{}</text>"#,
            escape(&self.title)
        );
        // Gridlines and ticks.
        let y_ticks: Vec<Tick> = if self.log {
            super::axis::log_ticks(y.min, y.max, self.tick_label)
        } else {
            super::axis::linear_ticks(y.min, y.max, self.tick_label)
        };
        svg.push_str(r#"<g class="axis y-axis">"#);
        for tick in &y_ticks {
            let py = y.at(tick.value);
            let _ = write!(
                svg,
                r#"<line class="grid" x1="{plot_left}" x2="{plot_right}" y1="{py:.1}" y2="{py:.1}"/><text class="tick" x="{}" y="{:.1}" text-anchor="end">{}</text>"#,
                plot_left - 6.0,
                py + 4.0,
                escape(&tick.label)
            );
        }
        let _ = write!(
            svg,
            r#"<text class="axis-label" transform="translate(14 {:.1}) rotate(-90)" text-anchor="middle">{}</text></g>"#,
            (plot_top + plot_bottom) / 2.0,
            escape(&self.y_label)
        );
        svg.push_str(r#"<g class="axis x-axis">"#);
        for tick in date_ticks(self.times.0 - 1, self.times.1 + 1) {
            let px = x.at(tick.value);
            if px < plot_left || px > plot_right {
                continue;
            }
            let _ = write!(
                svg,
                r#"<line class="grid" x1="{px:.1}" x2="{px:.1}" y1="{plot_top}" y2="{plot_bottom}"/><text class="tick" x="{px:.1}" y="{:.1}" text-anchor="middle">{}</text>"#,
                plot_bottom + 16.0,
                escape(&tick.label)
            );
        }
        let _ = write!(
            svg,
            r#"<text class="axis-label" x="{:.1}" y="{:.1}" text-anchor="middle">commit date (UTC)</text></g>"#,
            (plot_left + plot_right) / 2.0,
            HEIGHT - 6.0
        );
        let _ = write!(
            svg,
            r#"<rect class="frame" x="{plot_left}" y="{plot_top}" width="{:.1}" height="{:.1}"/>"#,
            plot_right - plot_left,
            plot_bottom - plot_top
        );
        for reference in &self.references {
            let beyond = reference.value > y.max || reference.value < y.min;
            let py = y.at(reference.value.clamp(y.min, y.max));
            let name = if beyond {
                format!(
                    "{} {} (off the scale)",
                    reference.name,
                    (self.tick_label)(reference.value)
                )
            } else {
                reference.name.clone()
            };
            let _ = write!(
                svg,
                r#"<g class="reference" data-implementation="{id}"><line x1="{plot_left}" x2="{plot_right}" y1="{py:.1}" y2="{py:.1}"/><text x="{:.1}" y="{:.1}" text-anchor="end">{name}</text><title>{id}: {value}</title></g>"#,
                plot_right - 4.0,
                if beyond && py < (plot_top + plot_bottom) / 2.0 {
                    py + 12.0
                } else {
                    py - 4.0
                },
                id = escape(&reference.name),
                name = escape(&name),
                value = escape(&(self.tick_label)(reference.value)),
            );
        }
        for flag in &self.flags {
            let px = x.at(flag.time as f64);
            let _ = write!(
                svg,
                r#"<g class="regression" data-commit="{}" data-implementation="{}"><line x1="{px:.1}" x2="{px:.1}" y1="{plot_top}" y2="{plot_bottom}"/><path d="M{:.1} {plot_top} l10 5 l-10 5 z"/><title>{}</title></g>"#,
                escape(&flag.commit),
                escape(&flag.implementation),
                px,
                escape(&flag.tooltip)
            );
        }
        for line in &self.lines {
            let _ = write!(
                svg,
                r#"<g class="series" data-implementation="{}" style="color:{}">"#,
                escape(&line.name),
                line.color
            );
            let coordinates: Vec<String> = line
                .points
                .iter()
                .map(|p| format!("{:.1},{:.1}", x.at(p.time as f64), y.at(p.value)))
                .collect();
            let _ = write!(svg, r#"<polyline points="{}"/>"#, coordinates.join(" "));
            for (point, xy) in line.points.iter().zip(&coordinates) {
                let (px, py) = xy.split_once(',').unwrap_or(("0", "0"));
                let _ = write!(
                    svg,
                    r#"<circle class="point" data-commit="{}" cx="{px}" cy="{py}" r="3.5"><title>{}</title></circle>"#,
                    escape(&point.commit),
                    escape(&point.tooltip)
                );
            }
            for (time, commit, tooltip) in &line.failures {
                let px = x.at(*time as f64);
                let py = plot_bottom - 7.0;
                let _ = write!(
                    svg,
                    r#"<g class="failed" data-commit="{}" transform="translate({px:.1} {py:.1})"><path d="M-5 -5 L5 5 M-5 5 L5 -5"/><title>{}</title></g>"#,
                    escape(commit),
                    escape(tooltip)
                );
            }
            svg.push_str("</g>");
        }
        // The legend.
        svg.push_str(r#"<g class="legend">"#);
        let mut ly = plot_top + 8.0;
        for line in &self.lines {
            let _ = write!(
                svg,
                r#"<g style="color:{}"><line x1="{:.1}" x2="{:.1}" y1="{ly:.1}" y2="{ly:.1}"/><circle cx="{:.1}" cy="{ly:.1}" r="3.5"/><text x="{:.1}" y="{:.1}">{}</text></g>"#,
                line.color,
                plot_right + 8.0,
                plot_right + 28.0,
                plot_right + 18.0,
                plot_right + 34.0,
                ly + 4.0,
                escape(&line.name)
            );
            ly += 16.0;
        }
        svg.push_str("</g></svg>");
        svg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::axis::ratio_label;

    #[test]
    fn a_chart_has_axes_points_tooltips_references_and_failures() {
        let chart = Chart {
            id: "fib-steady".to_string(),
            title: "fib <steady>".to_string(),
            y_label: "time / CPython".to_string(),
            log: true,
            fit_references: true,
            tick_label: ratio_label,
            lines: vec![Line {
                name: "toy on".to_string(),
                color: "#1f77b4",
                points: vec![
                    Point {
                        time: 1000,
                        value: 0.5,
                        commit: "aaa".to_string(),
                        tooltip: "0.5x at aaa".to_string(),
                    },
                    Point {
                        time: 5000,
                        value: 0.25,
                        commit: "bbb".to_string(),
                        tooltip: "0.25x at bbb".to_string(),
                    },
                ],
                failures: vec![(3000, "ccc".to_string(), "FAILED at ccc".to_string())],
            }],
            references: vec![Reference {
                name: "CPython".to_string(),
                value: 1.0,
            }],
            flags: vec![],
            times: (1000, 5000),
        };
        let svg = chart.render();
        assert!(svg.contains("fib &lt;steady&gt;"));
        assert_eq!(svg.matches(r#"class="point""#).count(), 2);
        assert!(svg.contains("<title>0.25x at bbb</title>"));
        assert!(svg.contains(r#"<g class="failed" data-commit="ccc""#));
        assert!(!svg.contains(r#"class="point" data-commit="ccc""#));
        for label in [">1x<", ">0.7x<", ">0.5x<", ">0.3x<"] {
            assert!(svg.contains(label), "{label}");
        }
        assert!(svg.contains("commit date (UTC)"));
        assert!(svg.contains(r#"data-implementation="CPython""#));
    }
}
