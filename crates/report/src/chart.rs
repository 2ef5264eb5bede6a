//! SVG charts, drawn with plotters' SVG backend.
//!
//! Plotters is built without its `ttf` feature: that feature measures text through
//! font-kit, which needs fontconfig and FreeType on the machine. Without it plotters
//! estimates text widths and writes plain `<text>` elements, which is all an SVG needs:
//! the reader's renderer (typst, with the embedded DejaVu Sans; or the browser) sets the
//! glyphs. The font family is the generic `sans-serif`, which typst resolves to the
//! surrounding text's font.
//!
//! The SVG is self-contained (no external references, no script, no CSS), so the web
//! crate can inline it in HTML and the PDF can embed it. Plotters escapes the text it
//! writes; the `<title>`, `<desc>` and `aria-label` added here are escaped by
//! [`xml_escape`].

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::model::{Chart, TrendChart};

/// Width of the chart in SVG user units (pixels).
pub const WIDTH: u32 = 640;
/// Height of the chart in SVG user units (pixels).
pub const HEIGHT: u32 = 300;

/// Font size for labels, in plotters' units (plotters writes `size / 1.24` px).
const LABEL_SIZE: f64 = 16.0;
/// The cumulative line: dark blue, thick, solid, with points.
const ACTUAL: RGBColor = RGBColor(0x1f, 0x4e, 0x79);
/// The target line: dark red, long dashes.
const TARGET: RGBColor = RGBColor(0xa3, 0x1f, 0x1f);
/// The even pace: grey, thin, short dashes.
const PACE: RGBColor = RGBColor(0x55, 0x55, 0x55);
/// Grid lines: very light grey.
const GRID: RGBColor = RGBColor(0xdd, 0xdd, 0xdd);
/// Axis and label text: near-black.
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);

type DrawResult = Result<(), Box<dyn std::error::Error>>;

/// Draws the cumulative count by month against the target as a standalone SVG.
///
/// The x axis runs from the start of January to the end of December; the count at the
/// end of each month is a point, joined by a line from 0 at the start of the year. The
/// target is a dashed horizontal line and the even pace a thin dashed diagonal from 0 to
/// the target. Months whose count is `None` (after the figures' date) are left empty.
/// Line styles differ in width and dash pattern as well as colour, so the chart reads in
/// greyscale.
///
/// The chart's title is not drawn inside the picture (the surrounding document shows
/// it); it is the SVG's `<title>` and `aria-label`, and `alt` is its `<desc>`.
pub fn cumulative_svg(chart: &Chart) -> String {
    let mut body = String::new();
    let drawn = {
        let backend = SVGBackend::with_string(&mut body, (WIDTH, HEIGHT));
        draw(backend.into_drawing_area(), chart)
    };
    if drawn.is_err() {
        // Plotters' SVG backend writes into a String and the naive font never fails,
        // so this is not expected; still, an empty picture with its text alternative
        // is better than a panic in a request handler.
        body = format!(
            r#"<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">
</svg>
"#
        );
    }
    add_accessible_name(&body, chart)
}

/// Inserts `role="img"`, `aria-label`, `<title>` and `<desc>` into plotters' output.
fn add_accessible_name(svg: &str, chart: &Chart) -> String {
    let title = xml_escape(&chart.title);
    let desc = xml_escape(&chart.alt);
    let Some(tag_end) = svg.find('>') else {
        return svg.to_owned();
    };
    let (open, rest) = svg.split_at(tag_end);
    let rest = &rest[1..];
    format!(
        "{open} role=\"img\" aria-label=\"{title}\">\n<title>{title}</title>\n<desc>{desc}</desc>\n{rest}"
    )
}

/// Escapes text for XML content and attribute values.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Characters XML 1.0 does not allow at all.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// The top of the y axis: a little above the largest value, rounded to a step plotters
/// labels nicely, and never less than 4 so an empty chart still has an axis.
fn y_top(chart: &Chart) -> u32 {
    let largest = chart
        .cumulative
        .iter()
        .flatten()
        .copied()
        .chain(chart.target)
        .max()
        .unwrap_or(0);
    let wanted = (f64::from(largest) * 1.05).ceil().max(4.0);
    // The smallest step of 1, 2 or 5 times a power of ten that needs at most six
    // intervals.
    let mut magnitude = 1.0;
    loop {
        for factor in [1.0, 2.0, 5.0] {
            let step = factor * magnitude;
            if wanted / step <= 6.0 {
                return ((wanted / step).ceil() * step) as u32;
            }
        }
        magnitude *= 10.0;
    }
}

/// Rough width of `text` in pixels at the label size (plotters' naive estimate is per
/// byte, which overestimates å, ä and ö).
fn text_width(text: &str) -> i32 {
    (text.chars().count() as f64 * LABEL_SIZE / 1.24 * 0.6).round() as i32
}

/// One line of the legend: its name and how its sample is drawn.
struct LegendEntry<'a> {
    text: &'a str,
    style: ShapeStyle,
    /// Dash and gap lengths, or `None` for a solid line.
    dash: Option<(i32, i32)>,
    /// Whether the sample has a point on it, like the cumulative line.
    point: bool,
}

fn draw(root: DrawingArea<SVGBackend<'_>, plotters::coord::Shift>, chart: &Chart) -> DrawResult {
    root.fill(&WHITE)?;
    let label = ("sans-serif", LABEL_SIZE).into_font().color(&INK);

    // The legend: one row (or more, if the labels are long) above the plot.
    let mut entries = vec![LegendEntry {
        text: &chart.actual_label,
        style: ACTUAL.stroke_width(3),
        dash: None,
        point: true,
    }];
    if chart.target.is_some() {
        entries.push(LegendEntry {
            text: &chart.target_label,
            style: TARGET.stroke_width(2),
            dash: Some((9, 5)),
            point: false,
        });
        entries.push(LegendEntry {
            text: &chart.pace_label,
            style: PACE.stroke_width(1),
            dash: Some((3, 3)),
            point: false,
        });
    }
    let (mut x, mut y) = (60, 14);
    for LegendEntry {
        text,
        style,
        dash,
        point,
    } in entries
    {
        let width = 34 + text_width(text) + 22;
        if x + width > WIDTH as i32 - 10 && x > 60 {
            x = 60;
            y += 22;
        }
        match dash {
            None => root.draw(&PathElement::new(vec![(x, y), (x + 26, y)], style))?,
            Some((on, off)) => {
                let mut start = x;
                while start < x + 26 {
                    let end = (start + on).min(x + 26);
                    root.draw(&PathElement::new(vec![(start, y), (end, y)], style))?;
                    start = end + off;
                }
            }
        }
        if point {
            root.draw(&Circle::new((x + 13, y), 4, ACTUAL.filled()))?;
        }
        root.draw(&Text::new(
            text.to_owned(),
            (x + 34, y),
            label.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += width;
    }
    let plot_top = y + 18;

    let top = y_top(chart);
    // One slot per month: 12 for a promise of one year, 24 or 48 over several.
    let slots = chart.months.len().max(1);
    let months = slots as f64;
    let (_, lower) = root.split_vertically(plot_top);
    let mut ctx = ChartBuilder::on(&lower)
        .margin_right(16)
        .margin_top(6)
        .x_label_area_size(30)
        .y_label_area_size(58)
        .build_cartesian_2d(0f64..months, 0u32..top)?;

    ctx.configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_label_formatter(&|v| v.to_string())
        .y_desc(chart.axis_label.as_str())
        .label_style(label.clone())
        .axis_desc_style(label.clone())
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(1))
        .draw()?;

    // Light vertical lines between months, and the month labels centred under each
    // month (plotters' own x labels would sit on the boundaries). `backend_coord` gives
    // coordinates in the whole picture, so these are drawn on `root`.
    for month in 1..slots {
        let m = month as f64;
        ctx.draw_series(LineSeries::new(
            vec![(m, 0), (m, top)],
            GRID.stroke_width(1),
        ))?;
    }
    for (i, name) in chart
        .months
        .iter()
        .enumerate()
        .filter(|(_, n)| !n.is_empty())
    {
        let (px, py) = ctx.backend_coord(&(i as f64 + 0.5, 0));
        root.draw(&Text::new(
            name.clone(),
            (px, py + 8),
            label.clone().pos(Pos::new(HPos::Center, VPos::Top)),
        ))?;
    }

    // The curve and the pace run over the whole chart, or start again every period.
    let period = chart.restarts_every.filter(|&n| n > 0).unwrap_or(slots);
    if let Some(target) = chart.target {
        for start in (0..slots).step_by(period) {
            let end = (start + period).min(slots);
            ctx.draw_series(DashedLineSeries::new(
                vec![(start as f64, 0), (end as f64, target)],
                3,
                3,
                PACE.stroke_width(1),
            ))?;
        }
        ctx.draw_series(DashedLineSeries::new(
            vec![(0.0, target), (months, target)],
            9,
            5,
            TARGET.stroke_width(2),
        ))?;
    }

    let mut points: Vec<(f64, u32)> = Vec::new();
    for start in (0..slots).step_by(period) {
        let curve: Vec<(f64, u32)> = std::iter::once((start as f64, 0))
            .chain(
                chart
                    .cumulative
                    .iter()
                    .enumerate()
                    .take(slots.min(start + period))
                    .skip(start)
                    .map_while(|(i, v)| v.map(|v| (i as f64 + 1.0, v))),
            )
            .collect();
        if curve.len() < 2 {
            break;
        }
        ctx.draw_series(LineSeries::new(curve.clone(), ACTUAL.stroke_width(3)))?;
        ctx.draw_series(
            curve
                .iter()
                .skip(1)
                .map(|&p| Circle::new(p, 4, ACTUAL.filled())),
        )?;
        points = curve;
    }
    // The latest value, written beside its point.
    if let Some(&(lx, lv)) = points.last().filter(|_| points.len() > 1) {
        let (px, py) = ctx.backend_coord(&(lx, lv));
        let (anchor, dx) = if lx > months - 1.5 {
            (HPos::Right, -8)
        } else {
            (HPos::Left, 8)
        };
        root.draw(&Text::new(
            lv.to_string(),
            (px + dx, py - 6),
            ("sans-serif", LABEL_SIZE)
                .into_font()
                .style(FontStyle::Bold)
                .color(&ACTUAL)
                .pos(Pos::new(anchor, VPos::Bottom)),
        ))?;
    }

    root.present()?;
    Ok(())
}

/// The series' looks: colour, width, dash (on, off) and point size differ together, so
/// the lines tell apart in greyscale too.
/// Colour, line width and dash (on, off) of a trend series.
type SeriesStyle = (RGBColor, u32, Option<(u32, u32)>);

const TREND_STYLES: [SeriesStyle; 4] = [
    (ACTUAL, 3, None),
    (TARGET, 2, Some((9, 5))),
    (RGBColor(0x2e, 0x6b, 0x30), 2, Some((3, 3))),
    (PACE, 2, Some((12, 3))),
];

/// Draws an indicator over the years as a standalone SVG: one line per series (all
/// respondents, then groups such as women and men), each year's estimate a point with
/// its confidence interval as a vertical bar. Series are nudged apart sideways so their
/// bars do not hide each other. Years without a figure (too few answers) are gaps.
pub fn trend_svg(chart: &TrendChart) -> String {
    let mut body = String::new();
    let drawn = {
        let backend = SVGBackend::with_string(&mut body, (WIDTH, HEIGHT));
        draw_trend(backend.into_drawing_area(), chart)
    };
    if drawn.is_err() {
        body = format!(
            r#"<svg width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" xmlns="http://www.w3.org/2000/svg">
</svg>
"#
        );
    }
    add_accessible_name(
        &body,
        &Chart {
            title: chart.title.clone(),
            alt: chart.alt.clone(),
            months: Vec::new(),
            cumulative: Vec::new(),
            target: None,
            axis_label: String::new(),
            actual_label: String::new(),
            target_label: String::new(),
            pace_label: String::new(),
            restarts_every: None,
        },
    )
}

fn draw_trend(
    root: DrawingArea<SVGBackend<'_>, plotters::coord::Shift>,
    chart: &TrendChart,
) -> DrawResult {
    root.fill(&WHITE)?;
    let label = ("sans-serif", LABEL_SIZE).into_font().color(&INK);
    let scale = if chart.percent { 100.0 } else { 1.0 };
    let points = || chart.series.iter().flat_map(|s| &s.points);
    let first = points().map(|p| p.year).min().unwrap_or(2020);
    let last = points()
        .map(|p| p.year)
        .max()
        .unwrap_or(first)
        .max(first + 1);
    let top = points().map(|p| p.upper * scale).fold(0.0, f64::max);
    let bottom = points().map(|p| p.lower * scale).fold(top, f64::min);
    // Shares start at 0 (a share's size is read against zero); means get a window
    // around their values.
    let (y0, y1) = if chart.percent {
        (0.0, (top * 1.15).clamp(10.0, 100.0))
    } else {
        let pad = ((top - bottom) * 0.3).max(0.1);
        (bottom - pad, top + pad)
    };

    // Legend.
    let (mut x, mut y) = (60, 14);
    for (i, series) in chart.series.iter().enumerate() {
        let (colour, width, dash) = TREND_STYLES[i % TREND_STYLES.len()];
        let entry = 34 + text_width(&series.label) + 22;
        if x + entry > WIDTH as i32 - 10 && x > 60 {
            x = 60;
            y += 22;
        }
        let style = colour.stroke_width(width);
        match dash {
            None => root.draw(&PathElement::new(vec![(x, y), (x + 26, y)], style))?,
            Some((on, off)) => {
                let mut start = x;
                while start < x + 26 {
                    let end = (start + on as i32).min(x + 26);
                    root.draw(&PathElement::new(vec![(start, y), (end, y)], style))?;
                    start = end + off as i32;
                }
            }
        }
        root.draw(&Circle::new((x + 13, y), 4, colour.filled()))?;
        root.draw(&Text::new(
            series.label.clone(),
            (x + 34, y),
            label.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        x += entry;
    }
    let (_, lower) = root.split_vertically(y + 18);
    let mut ctx = ChartBuilder::on(&lower)
        .margin_right(16)
        .margin_top(6)
        .x_label_area_size(30)
        .y_label_area_size(58)
        .build_cartesian_2d(f64::from(first) - 0.5..f64::from(last) + 0.5, y0..y1)?;
    let percent = chart.percent;
    ctx.configure_mesh()
        .disable_x_mesh()
        .x_labels((last - first + 1) as usize)
        .x_label_formatter(&|v| format!("{}", v.round() as i32))
        .y_labels(6)
        .y_label_formatter(&|v| {
            if percent {
                format!("{}", v.round() as i64)
            } else {
                format!("{v:.1}")
            }
        })
        .y_desc(chart.axis_label.as_str())
        .label_style(label.clone())
        .axis_desc_style(label.clone())
        .bold_line_style(GRID.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(INK.stroke_width(1))
        .draw()?;

    let count = chart.series.len().max(1) as f64;
    for (i, series) in chart.series.iter().enumerate() {
        let (colour, width, dash) = TREND_STYLES[i % TREND_STYLES.len()];
        let nudge = (i as f64 - (count - 1.0) / 2.0) * 0.08;
        let at = |p: &crate::model::TrendPoint| f64::from(p.year) + nudge;
        // Lines join consecutive years only: a missing year leaves a gap.
        let mut runs: Vec<Vec<(f64, f64)>> = Vec::new();
        let mut previous: Option<i32> = None;
        for p in &series.points {
            if previous != Some(p.year - 1) {
                runs.push(Vec::new());
            }
            if let Some(run) = runs.last_mut() {
                run.push((at(p), p.estimate * scale));
            }
            previous = Some(p.year);
        }
        for run in runs {
            match dash {
                None => {
                    ctx.draw_series(LineSeries::new(run, colour.stroke_width(width)))?;
                }
                Some((on, off)) => {
                    ctx.draw_series(DashedLineSeries::new(
                        run,
                        on,
                        off,
                        colour.stroke_width(width),
                    ))?;
                }
            }
        }
        for p in &series.points {
            ctx.draw_series(LineSeries::new(
                vec![(at(p), p.lower * scale), (at(p), p.upper * scale)],
                colour.stroke_width(1),
            ))?;
            for end in [p.lower, p.upper] {
                ctx.draw_series(LineSeries::new(
                    vec![(at(p) - 0.04, end * scale), (at(p) + 0.04, end * scale)],
                    colour.stroke_width(1),
                ))?;
            }
            ctx.draw_series(std::iter::once(Circle::new(
                (at(p), p.estimate * scale),
                4,
                colour.filled(),
            )))?;
        }
    }
    root.present()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn y_axis_tops_are_round_and_above_the_data() {
        let mut chart = Chart {
            title: String::new(),
            alt: String::new(),
            months: vec![],
            cumulative: vec![Some(64)],
            target: Some(100),
            axis_label: String::new(),
            actual_label: String::new(),
            target_label: String::new(),
            pace_label: String::new(),
            restarts_every: None,
        };
        assert_eq!(y_top(&chart), 120);
        chart.target = None;
        chart.cumulative = vec![];
        assert_eq!(y_top(&chart), 4);
        chart.cumulative = vec![Some(7)];
        assert!(y_top(&chart) >= 8);
        chart.cumulative = vec![Some(1234)];
        assert!(y_top(&chart) >= 1333);
    }

    #[test]
    fn a_chart_over_two_years_has_a_slot_per_month_and_writes_only_the_named_ones() {
        let months: Vec<String> = (0..24)
            .map(|i| match i {
                0 => "jan 2027".to_owned(),
                12 => "jan 2028".to_owned(),
                3 | 6 | 9 | 15 | 18 | 21 => "apr".to_owned(),
                _ => String::new(),
            })
            .collect();
        let chart = Chart {
            title: "Trafikkontroller".into(),
            alt: "Kurvan når 45 i mars 2028".into(),
            months,
            cumulative: (0..24).map(|i| (i < 15).then_some(i * 3)).collect(),
            target: Some(100),
            axis_label: "antal".into(),
            actual_label: "Gjort".into(),
            target_label: "Mål".into(),
            pace_label: "Jämn takt".into(),
            restarts_every: None,
        };
        let svg = cumulative_svg(&chart);
        let texts: Vec<&str> = svg.lines().map(str::trim).collect();
        assert!(
            texts.contains(&"jan 2027") && texts.contains(&"jan 2028"),
            "{svg}"
        );
        assert_eq!(texts.iter().filter(|t| **t == "apr").count(), 6);
        // The latest value (month 15, 42) is written beside its point.
        assert!(texts.contains(&"42"), "{svg}");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            xml_escape("<a & 'b'>\"\u{1}"),
            "&lt;a &amp; &apos;b&apos;&gt;&quot;"
        );
    }
}
