//! The radar chart of the twelve components, as geometry for an inline SVG.
//!
//! Axes run clockwise from the top in the order of GUARDRAILS.md: the five components of the
//! Scrum Master cycle, the five of the Product Owner cycle, then the two they share; a
//! coloured arc outside the rings marks each cycle. An assessed component puts a point on its
//! axis at `radius × score / 5`; a component that is not assessed gets a dashed axis and the
//! words "not assessed", never a point at 0 or 5. Every coordinate is computed here and
//! formatted with one decimal, so the SVG is deterministic; the template only places them.

use serde::Serialize;

use crate::catalogue::Cycle;
use crate::score::Score;

/// Width of the drawing.
pub const WIDTH: f64 = 760.0;
/// Height of the drawing.
pub const HEIGHT: f64 = 600.0;
const CX: f64 = 380.0;
const CY: f64 = 285.0;
/// Radius of the score 5 ring.
const RADIUS: f64 = 165.0;
const LABEL_RADIUS: f64 = RADIUS + 34.0;
const ARC_RADIUS: f64 = RADIUS + 14.0;
const LINE_HEIGHT: f64 = 15.0;
/// Longest label line, in characters.
const WRAP: usize = 22;

/// The chart, every number preformatted.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Radar {
    /// `0 0 760 600`.
    pub view_box: String,
    /// Centre x.
    pub cx: String,
    /// Centre y.
    pub cy: String,
    /// The rings for scores 1 to 5, as polygon points.
    pub rings: Vec<Ring>,
    /// One per component.
    pub axes: Vec<Axis>,
    /// The score polygon through the assessed axes (empty when fewer than two).
    pub polygon: String,
    /// One arc per cycle.
    pub arcs: Vec<Arc>,
    /// The legend's y position.
    pub legend_y: String,
}

/// A grid ring.
#[derive(Debug, Clone, Serialize)]
pub struct Ring {
    /// The score it marks.
    pub value: u32,
    /// Polygon points.
    pub points: String,
    /// Where its value is written (on the first axis).
    pub label_x: String,
    /// Where its value is written.
    pub label_y: String,
}

/// One component's axis.
#[derive(Debug, Clone, Serialize)]
pub struct Axis {
    /// The component's name.
    pub name: &'static str,
    /// `scrum_master`, `product_owner` or `shared`, for the colour.
    pub cycle: Cycle,
    /// Whether it has a score.
    pub assessed: bool,
    /// `3.7` or `not assessed`.
    pub score_text: String,
    /// End of the axis.
    pub x: String,
    /// End of the axis.
    pub y: String,
    /// The score point (assessed only).
    pub point_x: String,
    /// The score point (assessed only).
    pub point_y: String,
    /// Label anchor x.
    pub label_x: String,
    /// Label y of the first line.
    pub label_y: String,
    /// `start`, `middle` or `end`.
    pub anchor: &'static str,
    /// The name, wrapped.
    pub lines: Vec<String>,
    /// Offset of the score line below the first name line.
    pub score_dy: String,
}

/// A cycle's arc outside the rings.
#[derive(Debug, Clone, Serialize)]
pub struct Arc {
    /// `scrum_master`, `product_owner` or `shared`.
    pub cycle: Cycle,
    /// The cycle's name.
    pub name: &'static str,
    /// The SVG path.
    pub d: String,
    /// Legend swatch x.
    pub legend_x: String,
}

fn f(x: f64) -> String {
    let v = (x * 10.0).round() / 10.0;
    // Avoid printing `-0.0`.
    if v == 0.0 { "0.0".to_owned() } else { format!("{v:.1}") }
}

fn angle(i: usize, n: usize) -> f64 {
    (-90.0 + 360.0 * i as f64 / n as f64).to_radians()
}

fn at(r: f64, theta: f64) -> (f64, f64) {
    (CX + r * theta.cos(), CY + r * theta.sin())
}

/// Breaks a name into lines of at most [`WRAP`] characters, at spaces.
fn wrap(name: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in name.split(' ') {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= WRAP => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_owned()),
        }
    }
    lines
}

impl Radar {
    /// The chart of a score.
    pub fn of(score: &Score) -> Radar {
        let n = score.components.len().max(1);
        let rings = (1..=5u32)
            .map(|v| {
                let r = RADIUS * f64::from(v) / 5.0;
                let points = (0..n)
                    .map(|i| at(r, angle(i, n)))
                    .map(|(x, y)| format!("{},{}", f(x), f(y)))
                    .collect::<Vec<_>>();
                // Between the first two axes, clear of the score points.
                let (lx, ly) = at(r, (-90.0 + 180.0 / n as f64).to_radians());
                Ring { value: v, points: points.join(" "), label_x: f(lx), label_y: f(ly) }
            })
            .collect();
        let mut axes = Vec::with_capacity(n);
        let mut polygon = Vec::new();
        for (i, c) in score.components.iter().enumerate() {
            let theta = angle(i, n);
            let (x, y) = at(RADIUS, theta);
            let value = c.score.map(|t| t.value());
            let (px, py) = at(RADIUS * value.unwrap_or(0.0) / 5.0, theta);
            if value.is_some() {
                polygon.push(format!("{},{}", f(px), f(py)));
            }
            let (lx, mut ly) = at(LABEL_RADIUS, theta);
            let (cos, sin) = (theta.cos(), theta.sin());
            let anchor = if cos.abs() < 0.2 {
                "middle"
            } else if cos > 0.0 {
                "start"
            } else {
                "end"
            };
            let lines = wrap(c.name);
            let block = (lines.len() + 1) as f64 * LINE_HEIGHT;
            // Centre the label block on its point; above the chart it grows upwards, below it
            // grows downwards.
            ly += if sin < -0.8 {
                -block + LINE_HEIGHT * 0.8
            } else if sin > 0.8 {
                LINE_HEIGHT * 0.8
            } else {
                -block / 2.0 + LINE_HEIGHT * 0.8
            };
            axes.push(Axis {
                name: c.name,
                cycle: c.cycle,
                assessed: value.is_some(),
                score_text: c.score.map_or_else(|| "not assessed".to_owned(), |t| t.to_string()),
                x: f(x),
                y: f(y),
                point_x: f(px),
                point_y: f(py),
                label_x: f(lx),
                label_y: f(ly),
                anchor,
                score_dy: f(lines.len() as f64 * LINE_HEIGHT),
                lines,
            });
        }
        let mut arcs = Vec::new();
        let step = 360.0 / n as f64;
        let groups = [
            (Cycle::ScrumMaster, "Scrum Master cycle"),
            (Cycle::ProductOwner, "Product Owner cycle"),
            (Cycle::Shared, "Shared by both cycles"),
        ];
        for (k, (cycle, name)) in groups.into_iter().enumerate() {
            let idx: Vec<usize> = score
                .components
                .iter()
                .enumerate()
                .filter(|(_, c)| c.cycle == cycle)
                .map(|(i, _)| i)
                .collect();
            let (Some(&first), Some(&last)) = (idx.first(), idx.last()) else { continue };
            let a0 = -90.0 + step * first as f64 - step / 2.0 + 2.0;
            let a1 = -90.0 + step * last as f64 + step / 2.0 - 2.0;
            let (x0, y0) = at(ARC_RADIUS, a0.to_radians());
            let (x1, y1) = at(ARC_RADIUS, a1.to_radians());
            let large = if a1 - a0 > 180.0 { 1 } else { 0 };
            let d =
                format!("M {} {} A {r} {r} 0 {large} 1 {} {}", f(x0), f(y0), f(x1), f(y1), r = f(ARC_RADIUS));
            arcs.push(Arc { cycle, name, d, legend_x: f(20.0 + 190.0 * k as f64) });
        }
        Radar {
            view_box: format!("0 0 {} {}", WIDTH, HEIGHT),
            cx: f(CX),
            cy: f(CY),
            rings,
            axes,
            polygon: if polygon.len() >= 2 { polygon.join(" ") } else { String::new() },
            arcs,
            legend_y: f(HEIGHT - 24.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_at_spaces() {
        assert_eq!(
            wrap("Continuous Improvement & Impediment Removal"),
            ["Continuous Improvement", "& Impediment Removal"]
        );
        assert_eq!(wrap("Delivery"), ["Delivery"]);
    }

    #[test]
    fn coordinates_never_print_negative_zero() {
        assert_eq!(f(-0.01), "0.0");
        assert_eq!(f(12.345), "12.3");
    }
}
