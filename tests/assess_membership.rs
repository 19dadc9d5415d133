//! The membership picture of the HTML coaching report: one box per Scrum of Scrums, team and
//! Executive Action Team, findings outlined, hostile names escaped, boxes that never
//! overlap, and Scrums of Scrums only for a large organisation.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use scaleguard::Analysis;
use scaleguard::assess::{self, Report};
use scaleguard::export::graph;
use scaleguard::score::Score;
use scaleguard_testkit::generate::{self, Options};

fn html_of(analysis: &Analysis) -> String {
    assert!(!analysis.input_errors, "{:#?}", analysis.diagnostics);
    let score = Score::of(analysis.evaluation.as_ref().unwrap(), &analysis.model);
    assess::html::render(&Report::build(analysis, &score, common::today())).unwrap()
}

fn html(rel: &str) -> (Analysis, String) {
    let analysis = common::analyse_paths(&[PathBuf::from(rel)]);
    let html = html_of(&analysis);
    (analysis, html)
}

/// The membership `<svg>` element, from its start tag to its end tag.
fn picture(html: &str) -> &str {
    let start = html.find("<svg class=\"membership").expect("a membership picture");
    let end = start + html[start..].find("</svg>").unwrap() + "</svg>".len();
    &html[start..end]
}

/// The value of attribute `name` in a tag's text.
fn attr(tag: &str, name: &str) -> f64 {
    let key = format!(" {name}=\"");
    let start = tag.find(&key).unwrap() + key.len();
    let end = start + tag[start..].find('"').unwrap();
    tag[start..end].parse().unwrap()
}

/// The boxes of the picture: (class, x, y, w, h).
fn boxes(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    svg.split("<rect ")
        .skip(1)
        .map(|t| {
            let tag = t.split("/>").next().unwrap();
            let class = tag.split('"').nth(1).unwrap().to_owned();
            (class, attr(tag, "x"), attr(tag, "y"), attr(tag, "width"), attr(tag, "height"))
        })
        .collect()
}

fn assert_no_overlap(svg: &str) {
    let b = boxes(svg);
    for (i, p) in b.iter().enumerate() {
        for q in &b[i + 1..] {
            let apart = p.1 + p.3 <= q.1 || q.1 + q.3 <= p.1 || p.2 + p.4 <= q.2 || q.2 + q.4 <= p.2;
            assert!(apart, "{p:?} overlaps {q:?}");
        }
    }
    // Everything lies inside the view box.
    let view: Vec<f64> = svg
        .split("viewBox=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    for p in &b {
        assert!(
            p.1 >= 0.0 && p.2 >= 0.0 && p.1 + p.3 <= view[2] && p.2 + p.4 <= view[3],
            "{p:?} outside {view:?}"
        );
    }
}

#[test]
fn acme_retail_has_one_box_per_unit() {
    let (analysis, html) = html("examples/acme-retail");
    let svg = picture(&html);
    assert!(svg.starts_with("<svg class=\"membership fit\""));
    assert_eq!(html.matches("<svg").count(), 2, "the radar chart and the membership picture");
    let model = &analysis.model;
    assert_eq!(svg.matches("<rect class=\"node sos\"").count(), model.scrums_of_scrums.len());
    assert_eq!(svg.matches("<rect class=\"node team\"").count(), model.teams.len());
    assert_eq!(svg.matches("<rect class=\"node eat\"").count(), model.eats.len());
    assert_eq!(svg.matches("<rect ").count(), 4 + 13 + 1);
    for team in &model.teams {
        let ident = model.name(team.header.ident);
        assert_eq!(svg.matches(&format!(">{ident}</text>")).count(), 1, "{ident}");
    }
    // A clean organisation: nothing outlined.
    assert!(!svg.contains("finding") && !svg.contains("waived"));
    // Three Scrums of Scrums of teams, one above them, the EAT on top by escalation.
    assert_eq!(svg.matches("class=\"edge member\"").count(), 3 + 13);
    assert_eq!(svg.matches("class=\"edge escalation\"").count(), 1);
    assert!(!svg.contains("<script") && !svg.contains("href"));
    assert_no_overlap(svg);
    // The picture sits in the organisation section, before the membership list.
    let section = html.find("id=\"organisation\"").unwrap();
    let list = html[section..].find("<ul class=\"tree\">").unwrap() + section;
    let at = html.find("<svg class=\"membership").unwrap();
    assert!(section < at && at < list);
}

#[test]
fn hostile_names_inject_nothing_in_the_picture() {
    let (_, html) = html("tests/fixtures/assess/hostile");
    let svg = picture(&html);
    for bad in ["<script", "<img", "<style", "<foreignObject", "<a ", "<svg onload"] {
        assert!(!svg.contains(bad), "the picture contains `{bad}`:\n{svg}");
    }
    // No tag carries an event handler or a link (the words may appear as escaped text).
    for tag in svg.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        for bad in ["onload", "onerror", "href"] {
            assert!(!tag.contains(bad), "tag <{tag}>");
        }
    }
    // One <svg> element only (the picture itself), and the names are text.
    assert_eq!(svg.matches("<svg").count(), 1);
    assert!(svg.contains("<title>team payments: x&quot;&gt;&lt;svg onload=alert(5)&gt;"), "{svg}");
    assert!(svg.contains(
        "<title id=\"membership-title\">Membership of &lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;yes&#x27;)&lt;&#x2f;script&gt;</title>"
    ));
    assert_eq!(svg.matches("<rect ").count(), 3, "shop, payments and cart");
}

const TANGLED: &str = r#"organisation "Tangled" {
  sprint 2w starting 2026-01-05
}
person a "A"
person b "B"
team alpha {
  product_owner a
  scrum_master b
  developers 5
}
team beta {
  product_owner a
  scrum_master b
  developers 5
}
team gamma {
  product_owner a
  scrum_master b
  developers 5
}
team delta {
  product_owner a
  scrum_master b
  developers 5
}
team lonely {
  product_owner a
  scrum_master b
  developers 5
  escalates_to council
}
scrum_of_scrums one {
  members alpha, beta
}
scrum_of_scrums two {
  members beta, gamma, loop1
}
scrum_of_scrums loop1 {
  members loop2
}
scrum_of_scrums loop2 {
  members loop1, delta
}
scrum_of_scrums top {
  members one, two
  escalates_to council
}
executive_action_team council {
  members a
}
executive_action_team board {
  members b
}
policy {
  severity team-no-refinement off
  waive team-outside-sos for lonely "a pilot team, on purpose"
}
"#;

/// The class of the box whose label is `ident`.
fn class_of<'a>(svg: &'a str, ident: &str) -> &'a str {
    let group = svg
        .split("<g class=\"")
        .skip(1)
        .find(|g| g.contains(&format!(">{ident}</text>")))
        .unwrap_or_else(|| panic!("no box for {ident}"));
    group.split('"').next().unwrap()
}

#[test]
fn findings_are_outlined_and_waived_ones_muted() {
    let analysis = common::analyse_texts(&[("org.scale", TANGLED)]);
    let html = html_of(&analysis);
    let svg = picture(&html);
    // SG206: beta is in two Scrums of Scrums; drawn once, with a second (dashed) line.
    assert_eq!(class_of(svg, "beta"), "node team finding");
    assert_eq!(svg.matches(">beta</text>").count(), 1);
    // SG207 names the cycle by its smallest identifier; both of its Scrums of Scrums are marked.
    assert_eq!(class_of(svg, "loop1"), "node sos finding");
    assert_eq!(class_of(svg, "loop2"), "node sos finding");
    // SG205 waived, nothing else: muted.
    assert_eq!(class_of(svg, "lonely"), "node team waived");
    assert!(svg.contains("<title>team lonely · SG205 (waived)</title>"), "{svg}");
    // Only findings about a person (SG505, SG508, SG509), and SG506, which is `off`: clean.
    assert_eq!(class_of(svg, "alpha"), "node team");
    // Any finding about a unit or an EAT outlines it, not only membership and escalation
    // ones: `top` has no Scrum of Scrums Master (SG203), the EATs no executive (SG103).
    assert_eq!(class_of(svg, "top"), "node sos finding");
    assert!(svg.contains("<title>Scrum of Scrums top · SG202, SG203, SG208, SG209"), "{svg}");
    // Both EATs are drawn, distinct; only `council` has units escalating to it: the top
    // Scrum of Scrums and the team outside any.
    assert_eq!(class_of(svg, "council"), "node eat finding");
    assert_eq!(class_of(svg, "board"), "node eat finding");
    assert_eq!(svg.matches("class=\"edge escalation\"").count(), 2);
    // beta's second parent and the cycle's way back.
    assert_eq!(svg.matches("class=\"edge also\"").count(), 2);
    assert_no_overlap(svg);
}

#[test]
fn a_status_only_scrum_of_scrums_and_a_three_week_team_are_outlined() {
    // The trial's two cases: SG201 on the Scrum of Scrums, SG301 on the 3-week team `kiosk`
    // (and on `pricing`, three days late); every other unit is clean.
    let (_, status_only) = html("examples/status-only-sos");
    let svg = picture(&status_only);
    assert_eq!(class_of(svg, "mobile"), "node sos finding");
    assert!(svg.contains("<title>Scrum of Scrums mobile: Mobile Scrum of Scrums · SG201</title>"), "{svg}");
    assert_eq!(svg.matches(" finding\"").count(), 2, "the group and the box of `mobile` only");
    let (_, drift) = html("examples/cadence-drift");
    let svg = picture(&drift);
    assert_eq!(class_of(svg, "kiosk"), "node team finding");
    assert!(svg.contains("<title>team kiosk: Self-checkout Kiosk · SG301</title>"), "{svg}");
    assert_eq!(class_of(svg, "pricing"), "node team finding");
    for clean in ["tills", "stock", "returns", "shop", "eat"] {
        assert!(!class_of(svg, clean).ends_with("finding"), "{clean}");
    }
}

#[test]
fn the_picture_outlines_what_graph_membership_marks() {
    // Both draw `export::graph::unit_marks`; the report reads diagnostics, `graph` the
    // evaluation, so this pins that the two readings agree, on every example and the tangle.
    let mut analyses: Vec<(String, Analysis)> = std::fs::read_dir(common::root("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .map(|p| (p.display().to_string(), common::analyse_paths(&[p])))
        .collect();
    analyses.sort_by(|a, b| a.0.cmp(&b.0));
    analyses.push(("tangled".to_owned(), common::analyse_texts(&[("org.scale", TANGLED)])));
    for (name, analysis) in &analyses {
        let html = html_of(analysis);
        let svg = picture(&html);
        let g = graph::build(&analysis.model, analysis.evaluation.as_ref(), graph::View::Membership);
        for node in &g.nodes {
            let expected = match node.mark {
                graph::Mark::Finding => " finding",
                graph::Mark::Waived => " waived",
                graph::Mark::None => "",
            };
            let kind = match node.kind {
                graph::NodeKind::Team => "team",
                graph::NodeKind::Sos => "sos",
                graph::NodeKind::Eat => "eat",
            };
            assert_eq!(class_of(svg, &node.id), format!("node {kind}{expected}"), "{name}: {}", node.id);
        }
    }
}

#[test]
fn a_large_organisation_shows_scrums_of_scrums_only() {
    let generated = generate::generate(&Options { teams: 200, ..Default::default() });
    let files: Vec<(&str, &str)> = generated.files.iter().map(|(n, t)| (n.as_str(), t.as_str())).collect();
    let analysis = common::analyse_texts(&files);
    assert_eq!(analysis.model.teams.len(), 200);
    let html = html_of(&analysis);
    let svg = picture(&html);
    assert_eq!(svg.matches("<rect class=\"node team").count(), 0);
    assert_eq!(svg.matches("<rect class=\"node sos").count(), analysis.model.scrums_of_scrums.len());
    // Each Scrum of Scrums carries its team count; the top one has them all.
    assert_eq!(svg.matches("<text class=\"count\"").count(), analysis.model.scrums_of_scrums.len());
    assert!(svg.contains(">200 teams</text>"));
    assert!(html.contains("With 200 teams the picture shows the Scrums of Scrums only"));
    assert_no_overlap(svg);
}

#[test]
fn the_picture_is_deterministic() {
    let (_, a) = html("examples/escalation-cycle");
    let (_, b) = html("examples/escalation-cycle");
    assert_eq!(picture(&a), picture(&b));
    assert!(picture(&a).contains(" finding\""), "the escalation cycle is outlined");
}
