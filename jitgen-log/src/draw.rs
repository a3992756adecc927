//! `jitgen-log draw-time LOG OUT.png|OUT.svg`: the time line — one horizontal bar from the
//! log's start to its last section, each instant in the colour of the innermost section then
//! open (GC in reds, JIT phases in greens, the time outside any section in grey, other
//! categories in blues), with a time axis and a legend of each category's exclusive total.

use std::path::Path;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontStyle;

use crate::model::Model;
use crate::parser::Section;
use crate::summary::ms;

/// The picture's width in pixels.
pub const WIDTH: u32 = 1200;
/// Where the bar starts and ends horizontally.
pub const BAR_LEFT: i32 = 20;
/// See [`BAR_LEFT`].
pub const BAR_RIGHT: i32 = WIDTH as i32 - 20;
/// Where the bar is vertically.
pub const BAR_TOP: i32 = 40;
/// See [`BAR_TOP`].
pub const BAR_BOTTOM: i32 = 110;
/// Where the legend begins, and the height of one of its rows.
const LEGEND_TOP: i32 = 150;
const LEGEND_ROW: i32 = 22;
/// The legend's columns.
const LEGEND_COLUMNS: usize = 2;

/// The name under which the time outside any section appears in the legend.
pub const OUTSIDE: &str = "(outside: interpreter, compiled code)";

/// The font text in PNGs is drawn with (Go Regular, BSD-3-Clause: `fonts/`).
const FONT: &[u8] = include_bytes!("../fonts/Go-Regular.ttf");

/// The colour of a category: reds for `gc-*`, greens for `jit-*`, grey for [`OUTSIDE`],
/// blues for the rest.
pub fn color(category: &str) -> RGBColor {
    match category {
        OUTSIDE => RGBColor(215, 215, 215),
        "gc-collect" => RGBColor(200, 30, 30),
        "gc-summary" => RGBColor(240, 120, 120),
        c if c.starts_with("gc-") => RGBColor(150, 20, 60),
        "jit-tracing" => RGBColor(20, 140, 40),
        "jit-optimize" => RGBColor(90, 190, 70),
        "jit-backend" => RGBColor(0, 90, 40),
        "jit-backend-dump" => RGBColor(40, 170, 140),
        "jit-blackhole" => RGBColor(160, 215, 120),
        "jit-abort" => RGBColor(190, 230, 60),
        "jit-summary" => RGBColor(60, 120, 90),
        c if c.starts_with("jit-log-") => RGBColor(100, 160, 130),
        c if c.starts_with("jit-") => RGBColor(120, 180, 100),
        c => {
            const BLUES: [RGBColor; 4] = [
                RGBColor(50, 90, 200),
                RGBColor(120, 80, 190),
                RGBColor(40, 160, 200),
                RGBColor(70, 60, 140),
            ];
            BLUES[c.bytes().map(usize::from).sum::<usize>() % BLUES.len()]
        }
    }
}

/// One legend entry: a category (or [`OUTSIDE`]) and its exclusive time (ns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LegendEntry {
    /// The category.
    pub category: String,
    /// Its exclusive time.
    pub total: u64,
}

/// The legend: every category in the log by name, then the time outside any section.
pub fn legend(model: &Model) -> Vec<LegendEntry> {
    let mut entries: Vec<LegendEntry> = model
        .times
        .iter()
        .map(|(category, time)| LegendEntry {
            category: category.clone(),
            total: time.exclusive,
        })
        .collect();
    entries.push(LegendEntry {
        category: OUTSIDE.to_string(),
        total: model.outside,
    });
    entries
}

/// The picture's height for a legend of `entries` entries.
pub fn height(entries: usize) -> u32 {
    let rows = entries.div_ceil(LEGEND_COLUMNS) as i32;
    (LEGEND_TOP + rows * LEGEND_ROW + 10) as u32
}

/// The x coordinate of time `t` (ns) on a bar spanning `span` ns.
pub fn x_of(t: u64, span: u64) -> i32 {
    let width = f64::from(BAR_RIGHT - BAR_LEFT);
    BAR_LEFT + (t as f64 / span.max(1) as f64 * width).round() as i32
}

fn text_style(size: u32) -> TextStyle<'static> {
    ("sans-serif", size).into_font().color(&BLACK)
}

/// Paints `section` and those inside it (inner ones over outer ones) on the bar.
fn paint_section<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    section: &Section,
    span: u64,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let (x0, x1) = (x_of(section.start, span), x_of(section.end, span));
    if x1 > x0 {
        let fill = color(&section.category).filled();
        area.draw(&Rectangle::new([(x0, BAR_TOP), (x1, BAR_BOTTOM)], fill))?;
    }
    for child in &section.children {
        paint_section(area, child, span)?;
    }
    Ok(())
}

/// Draws the whole picture of `sections` (whose model is `model`) on `area`.
fn paint<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    title: &str,
    sections: &[Section],
    model: &Model,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    area.draw(&Text::new(
        format!("{title}: {} ms", ms(model.span)),
        (BAR_LEFT, 12),
        text_style(16),
    ))?;
    let outside = color(OUTSIDE).filled();
    area.draw(&Rectangle::new(
        [(BAR_LEFT, BAR_TOP), (BAR_RIGHT, BAR_BOTTOM)],
        outside,
    ))?;
    for section in sections {
        paint_section(area, section, model.span)?;
    }
    const TICKS: u64 = 5;
    for tick in 0..=TICKS {
        let t = model.span * tick / TICKS;
        let x = x_of(t, model.span);
        area.draw(&PathElement::new(
            [(x, BAR_BOTTOM), (x, BAR_BOTTOM + 6)],
            BLACK,
        ))?;
        let label = format!("{} ms", ms(t));
        let shift = if tick == TICKS { 70 } else { 0 };
        area.draw(&Text::new(
            label,
            (x - shift, BAR_BOTTOM + 10),
            text_style(13),
        ))?;
    }
    let column_width = (BAR_RIGHT - BAR_LEFT) / LEGEND_COLUMNS as i32;
    for (i, entry) in legend(model).iter().enumerate() {
        let x = BAR_LEFT + (i % LEGEND_COLUMNS) as i32 * column_width;
        let y = LEGEND_TOP + (i / LEGEND_COLUMNS) as i32 * LEGEND_ROW;
        area.draw(&Rectangle::new(
            [(x, y), (x + 16, y + 16)],
            color(&entry.category).filled(),
        ))?;
        area.draw(&Text::new(
            legend_label(entry, model.span),
            (x + 24, y + 1),
            text_style(14),
        ))?;
    }
    area.present()
}

/// A legend entry's text: `category  12.345 ms (12.3%)`.
pub fn legend_label(entry: &LegendEntry, span: u64) -> String {
    let percent = entry.total as f64 * 100.0 / span.max(1) as f64;
    format!("{}  {} ms ({percent:.1}%)", entry.category, ms(entry.total))
}

/// Makes the embedded font the one PNG text is drawn with.
fn register_font() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
            .unwrap_or_else(|_| panic!("the embedded font is a valid TrueType font"));
    });
}

/// Why a picture could not be drawn.
#[derive(Debug)]
pub struct DrawError(pub String);

impl std::fmt::Display for DrawError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DrawError {}

fn draw_error<E: std::error::Error + Send + Sync>(e: DrawingAreaErrorKind<E>) -> DrawError {
    DrawError(e.to_string())
}

/// Draws the time line of `sections` into `out`, a PNG or SVG file by its extension.
pub fn draw_file(title: &str, sections: &[Section], out: &Path) -> Result<(), DrawError> {
    let model = Model::new(sections);
    let size = (WIDTH, height(legend(&model).len()));
    match out.extension().and_then(|e| e.to_str()) {
        Some("png") => {
            register_font();
            let area = BitMapBackend::new(out, size).into_drawing_area();
            paint(&area, title, sections, &model).map_err(draw_error)
        }
        Some("svg") => {
            let area = SVGBackend::new(out, size).into_drawing_area();
            paint(&area, title, sections, &model).map_err(draw_error)
        }
        _ => Err(DrawError(format!(
            "{}: the picture's name must end in .png or .svg",
            out.display()
        ))),
    }
}

/// The time line of `sections` as RGB pixels, row by row, and its size.
pub fn draw_rgb(title: &str, sections: &[Section]) -> Result<(Vec<u8>, u32, u32), DrawError> {
    register_font();
    let model = Model::new(sections);
    let (width, height) = (WIDTH, height(legend(&model).len()));
    let mut pixels = vec![0; (width * height * 3) as usize];
    {
        let area = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        paint(&area, title, sections, &model).map_err(draw_error)?;
    }
    Ok((pixels, width, height))
}

/// The time line of `sections` as an SVG document.
pub fn draw_svg(title: &str, sections: &[Section]) -> Result<String, DrawError> {
    let model = Model::new(sections);
    let mut svg = String::new();
    {
        let size = (WIDTH, height(legend(&model).len()));
        let area = SVGBackend::with_string(&mut svg, size).into_drawing_area();
        paint(&area, title, sections, &model).map_err(draw_error)?;
    }
    Ok(svg)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parser::parse;

    /// 0-100 µs a collection; 100-300 tracing with a collection 150-200 inside; 300-400
    /// nothing; 400-500 the backend. Times in hex ns.
    const LOG: &str = "\
[0] {gc-collect
[186a0] gc-collect}
[186a0] {jit-tracing
loop at main:4
[249f0] {gc-collect
[30d40] gc-collect}
[493e0] jit-tracing}
[61a80] {jit-backend
[7a120] jit-backend}
";

    fn pixel(pixels: &[u8], width: u32, x: i32, y: i32) -> RGBColor {
        let i = ((y as u32 * width + x as u32) * 3) as usize;
        RGBColor(pixels[i], pixels[i + 1], pixels[i + 2])
    }

    #[test]
    fn intervals_take_their_innermost_category_colour() {
        let sections = parse(LOG).expect("parses");
        let (pixels, width, _) = draw_rgb("test", &sections).expect("draws");
        let span = 500_000;
        let y = (BAR_TOP + BAR_BOTTOM) / 2;
        let at = |us: u64| pixel(&pixels, width, x_of(us * 1000, span), y);
        assert_eq!(at(50), color("gc-collect"));
        assert_eq!(at(125), color("jit-tracing"));
        assert_eq!(at(175), color("gc-collect"), "the nested collection shows");
        assert_eq!(at(250), color("jit-tracing"));
        assert_eq!(at(350), color(OUTSIDE));
        assert_eq!(at(450), color("jit-backend"));
        let red = color("gc-collect");
        assert!(red.0 > red.1 + 100 && red.0 > red.2 + 100, "GC is red");
        for jit in [
            "jit-tracing",
            "jit-backend",
            "jit-optimize",
            "jit-blackhole",
        ] {
            let green = color(jit);
            assert!(green.1 > green.0 && green.1 > green.2, "{jit} is green");
        }
        let text_row = (0..width as i32).any(|x| pixel(&pixels, width, x, 18) != WHITE);
        assert!(text_row, "the title is drawn with the embedded font");
    }

    #[test]
    fn the_legend_totals_exclusive_time() {
        let sections = parse(LOG).expect("parses");
        let model = Model::new(&sections);
        let totals: Vec<(String, u64)> = legend(&model)
            .into_iter()
            .map(|e| (e.category, e.total))
            .collect();
        assert_eq!(
            totals,
            [
                ("gc-collect".to_string(), 150_000),
                ("jit-backend".to_string(), 100_000),
                ("jit-tracing".to_string(), 150_000),
                (OUTSIDE.to_string(), 100_000),
            ]
        );
        let svg = draw_svg("test", &sections).expect("draws");
        for label in [
            "gc-collect  0.150 ms (30.0%)",
            "jit-backend  0.100 ms (20.0%)",
            "jit-tracing  0.150 ms (30.0%)",
            "(outside: interpreter, compiled code)  0.100 ms (20.0%)",
        ] {
            assert!(svg.contains(label), "legend has {label}:\n{svg}");
        }
    }

    #[test]
    fn files_are_png_or_svg_by_extension() {
        let dir = std::env::temp_dir().join(format!("jitgen-log-draw-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let sections = parse(LOG).expect("parses");
        let png = dir.join("t.png");
        draw_file("test", &sections, &png).expect("png");
        let bytes = std::fs::read(&png).expect("written");
        assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
        let svg = dir.join("t.svg");
        draw_file("test", &sections, &svg).expect("svg");
        assert!(std::fs::read_to_string(&svg)
            .expect("written")
            .starts_with("<svg"));
        let err = draw_file("test", &sections, &dir.join("t.jpg")).expect_err("bad extension");
        assert!(err.0.ends_with("must end in .png or .svg"), "{err}");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
