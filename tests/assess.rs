//! `scaleguard assess`, the coaching report: Markdown and JSON snapshots of the clean example
//! and of problem examples, escaping of hostile input in HTML, SVG and Markdown, and the
//! command line (formats, `-o`, exit codes). The browser tests are in tests/assess_browser.rs.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::PathBuf;

use assert_cmd::Command;

use scaleguard::assess::{self, Report};
use scaleguard::score::Score;

/// The report of a directory (a path relative to the package root, so that file names in
/// the report do not depend on the machine), judged on `common::today()`.
fn report(rel: &str) -> Report {
    let analysis = common::analyse_paths(&[PathBuf::from(rel)]);
    assert!(!analysis.input_errors, "{:#?}", analysis.diagnostics);
    let score = Score::of(analysis.evaluation.as_ref().unwrap(), &analysis.model);
    Report::build(&analysis, &score, common::today())
}

#[test]
fn acme_retail_markdown() {
    insta::assert_snapshot!(
        "acme-retail-markdown",
        assess::markdown::render(&report("examples/acme-retail")).unwrap()
    );
}

#[test]
fn acme_retail_json() {
    insta::assert_snapshot!("acme-retail-json", report("examples/acme-retail").json());
}

#[test]
fn escalation_cycle_markdown() {
    insta::assert_snapshot!(
        "escalation-cycle-markdown",
        assess::markdown::render(&report("examples/escalation-cycle")).unwrap()
    );
}

#[test]
fn escalation_cycle_json() {
    insta::assert_snapshot!("escalation-cycle-json", report("examples/escalation-cycle").json());
}

#[test]
fn waivers_and_not_assessed_markdown() {
    insta::assert_snapshot!(
        "waivers-markdown",
        assess::markdown::render(&report("tests/fixtures/assess/waivers")).unwrap()
    );
}

#[test]
fn the_json_report_carries_the_same_score_as_check() {
    let r = report("examples/command-and-control");
    let json: serde_json::Value = serde_json::from_str(&r.json()).unwrap();
    assert_eq!(json["version"], 1);
    assert_eq!(json["score"]["overall"], 3.9);
    assert_eq!(json["score"]["components"][1]["score"], 3.7);
    assert_eq!(json["next_steps"][0]["code"], "SG104");
    assert!(json.get("radar").is_none());
}

#[test]
fn waivers_show_status_and_expiry() {
    let r = report("tests/fixtures/assess/waivers");
    let status: Vec<(&str, &str, Option<i64>, usize)> =
        r.waivers.iter().map(|w| (w.code, w.status, w.days_left, w.covers)).collect();
    // SG503 until 2026-06-20: 19 days after 2026-06-01, within 30 → expires soon, covers the
    // one failing check; SG506 has no end date; SG606 expired on 2026-01-01 (151 days before).
    assert_eq!(
        status,
        [
            ("SG503", "expires soon", Some(19), 1),
            ("SG506", "in force", None, 1),
            ("SG606", "expired", Some(-151), 0)
        ]
    );
    assert_eq!(r.waiver_findings.iter().map(|f| f.code).collect::<Vec<_>>(), ["SG901"]);
}

#[test]
fn next_steps_put_errors_first_then_the_biggest_gain() {
    let r = report("examples/escalation-cycle");
    let steps: Vec<(&str, &str, &str)> =
        r.next_steps.iter().map(|s| (s.severity, s.code, s.subject.as_str())).collect();
    assert_eq!(
        steps,
        [("error", "SG401", "kiosk"), ("warning", "SG404", "kiosk"), ("warning", "SG404", "web"),]
    );
    // The two dead ends run into the cycle: they are fixed with it, not listed as steps.
    assert_eq!(r.next_steps[0].consequences, 2);
    // Continuous Improvement: 20 of 33 weight passes and errors remain, 2.9 × 20/33 = 1.758;
    // fixing the cycle (w3) and its two dead ends (w3 each) leaves two warnings:
    // 3 + 0.9 × 29/33 = 3.791, +2.03.
    assert_eq!(r.next_steps[0].component_gain_text, "+2.03");
}

#[test]
fn the_membership_tree_and_escalation_gaps_are_listed() {
    let r = report("examples/escalation-cycle");
    let roots: Vec<&str> =
        r.glance.membership.iter().filter(|n| n.depth == 0).map(|n| n.ident.as_str()).collect();
    assert_eq!(roots, ["stores", "web"]);
    let gaps: Vec<String> = r.glance.escalation_gaps.iter().map(|g| g.path.join(" -> ")).collect();
    assert_eq!(
        gaps,
        [
            "web -> kiosk -> web",
            "basket -> web -> kiosk -> web",
            "kiosk -> web -> kiosk",
            "search -> web -> kiosk -> web"
        ]
    );
    let acme = report("examples/acme-retail");
    assert_eq!(acme.glance.teams, 13);
    let levels: Vec<(usize, usize)> = acme.glance.sos_levels.iter().map(|l| (l.level, l.count)).collect();
    assert_eq!(levels, [(1, 3), (2, 1)]);
    assert!(acme.glance.escalation_gaps.is_empty());
}

// ---- escaping ----

const HOSTILE: &str = "tests/fixtures/assess/hostile";

/// The text outside Markdown code blocks and code spans, where markup would be live.
fn live_markdown(md: &str) -> String {
    let mut out = String::new();
    let mut fence: Option<String> = None;
    for line in md.lines() {
        let trimmed = line.trim_start();
        let ticks: String = trimmed.chars().take_while(|c| *c == '`').collect();
        match &fence {
            Some(f) if trimmed.starts_with(f.as_str()) && trimmed.trim_end() == f => fence = None,
            Some(_) => {}
            None if ticks.len() >= 3 => fence = Some(ticks),
            None => {
                // Drop code spans: a run of n backticks up to the next run of exactly n.
                let mut rest = line;
                while let Some(start) = rest.find('`') {
                    out.push_str(&rest[..start]);
                    let n = rest[start..].chars().take_while(|c| *c == '`').count();
                    let after = &rest[start + n..];
                    let close = "`".repeat(n);
                    match after.find(&close) {
                        Some(end) => rest = &after[end + n..],
                        None => {
                            rest = after;
                        }
                    }
                }
                out.push_str(rest);
                out.push('\n');
            }
        }
    }
    out
}

/// Removes backslash-escaped characters (they are text, not markup).
fn unescaped(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn markdown_escapes_every_input_string() {
    let md = assess::markdown::render(&report(HOSTILE)).unwrap();
    let live = unescaped(&live_markdown(&md));
    for bad in ["<", "](javascript", "**bold**", "![", "@here", "#1", "$x$", "www.evil", "https://evil"] {
        assert!(!live.contains(bad), "live Markdown contains `{bad}`:\n{live}");
    }
    // The strings are still there, as text.
    assert!(md.contains("&lt;script&gt;document.body.setAttribute('data-pwned','yes')&lt;/script&gt;"));
    assert!(md.contains("\\*\\*bold\\*\\*"));
    // Source excerpts sit in fences longer than any backtick run in them.
    assert!(md.contains("  ````text\n  15 | team cart \"</code></pre><script>alert(6)</script>```\" {"));
}

#[test]
fn html_escapes_every_input_string() {
    let html = assess::html::render(&report(HOSTILE)).unwrap();
    for bad in ["<script", "<img", "<svg onload", "<style>body"] {
        assert!(!html.contains(bad), "HTML contains `{bad}`");
    }
    // No tag carries an event handler (the words may appear as escaped text).
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or("")) {
        assert!(!tag.contains("onload") && !tag.contains("onerror"), "tag <{tag}>");
    }
    assert_eq!(html.matches("<svg").count(), 2, "only the radar chart and the membership picture");
    assert_eq!(html.matches("<style>").count(), 1, "only the report's own style");
    assert!(html.contains(
        "<h1>&lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;yes&#x27;)&lt;&#x2f;script&gt;</h1>"
    ));
    assert!(html.contains("x&quot;&gt;&lt;svg onload=alert(5)&gt;"));
    assert!(html.contains("default-src &#x27;none&#x27;") || html.contains("default-src 'none'"));
}

#[test]
fn svg_escapes_every_input_string() {
    let html = assess::html::render(&report(HOSTILE)).unwrap();
    let start = html.find("<svg").unwrap();
    let end = html.find("</svg>").unwrap();
    let svg = &html[start..end];
    assert!(svg.contains(
        "<title id=\"radar-title\">Maturity of &lt;script&gt;document.body.setAttribute(&#x27;data-pwned&#x27;,&#x27;yes&#x27;)&lt;&#x2f;script&gt; by Scrum@Scale component</title>"
    ));
    for bad in ["<script", "<img", "onload", "onerror", "<foreignObject", "href="] {
        assert!(!svg.contains(bad), "SVG contains `{bad}`");
    }
}

#[test]
fn the_radar_marks_not_assessed_axes() {
    let html = assess::html::render(&report("tests/fixtures/assess/waivers")).unwrap();
    // Twelve axes: three assessed (Team Process, Strategic Vision, Metrics & Transparency),
    // nine dashed and labelled "not assessed".
    assert_eq!(html.matches("<line class=\"axis not-assessed\"").count(), 9 + 1, "nine axes and the legend");
    assert_eq!(html.matches("<circle class=\"point ").count(), 3);
    assert_eq!(html.matches("<circle class=\"point-na\"").count(), 9);
    assert!(html.contains("<tspan class=\"value\" x=\"479.5\" dy=\"15\">not assessed</tspan>"), "{html}");
}

// ---- the command line ----

fn scaleguard() -> Command {
    let mut cmd = Command::cargo_bin("scaleguard").unwrap();
    cmd.env_remove("NO_COLOR").env_remove("CI");
    cmd
}

#[test]
fn assess_prints_markdown_by_default() {
    let out = scaleguard().args(["assess", "examples/acme-retail", "--today", "2026-06-01"]).assert().code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout, assess::markdown::render(&report("examples/acme-retail")).unwrap());
}

#[test]
fn assess_writes_each_format_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    for (format, marker) in
        [("html", "<!DOCTYPE html>"), ("markdown", "# Scrum@Scale"), ("json", "{\n  \"version\": 1")]
    {
        let path = dir.path().join(format!("report.{format}"));
        let out = scaleguard()
            .args(["assess", "examples/cadence-drift", "--format", format, "--today", "2026-06-01", "-o"])
            .arg(&path)
            .assert()
            .code(0);
        assert!(out.get_output().stdout.is_empty());
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with(marker), "{format}: {}", &text[..40.min(text.len())]);
    }
    // Only the three reports: no temporary file left behind.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 3);
}

#[test]
fn assess_to_an_unwritable_place_fails_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("report.html");
    let out = scaleguard().args(["assess", "examples/acme-retail", "-o"]).arg(&path).assert().code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("scaleguard::output::unwritable"), "{stderr}");
    assert!(!path.exists());
}

#[test]
fn assess_keeps_the_old_report_when_input_errors_stop_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.md");
    std::fs::write(&path, "old report\n").unwrap();
    let out = scaleguard()
        .args(["assess", "tests/fixtures/input/SG003-duplicate-across-files", "-o"])
        .arg(&path)
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("SG003"), "{stderr}");
    assert!(stderr.ends_with("scaleguard: 1 error in 2 files; no report written\n"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "old report\n");
}

#[test]
fn assess_rejects_bad_usage() {
    scaleguard().args(["assess"]).assert().code(2);
    scaleguard().args(["assess", "examples/acme-retail", "--format", "pdf"]).assert().code(2);
    scaleguard().args(["assess", "examples/acme-retail", "--today", "2026-13-01"]).assert().code(2);
    scaleguard().args(["assess", "no/such/dir"]).assert().code(2);
}

#[test]
fn findings_do_not_change_the_exit_code_of_assess() {
    scaleguard().args(["assess", "examples/status-only-sos", "--format", "json"]).assert().code(0);
}

/// Writes `text` as `org.scale` into a new folder and returns the coaching report of it.
fn assess_text(text: &str, format: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("org.scale"), text).unwrap();
    let out = assert_cmd::Command::cargo_bin("scaleguard")
        .unwrap()
        .arg("assess")
        .arg(dir.path())
        .args(["--format", format, "--today", "2026-06-01"])
        .timeout(std::time::Duration::from_secs(120))
        .assert()
        .code(0);
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// An organisation of `n` teams escalating in a ring.
fn ring(n: usize) -> String {
    let mut text = String::from(
        "organisation \"Ring\" {\n  sprint 2w\n}\nperson p\nexecutive_action_team eat {\n  members p\n}\n",
    );
    for i in 0..n {
        text.push_str(&format!("team t{i:03} {{\n  escalates_to t{:03}\n}}\n", (i + 1) % n));
    }
    text
}

/// Scrums of Scrums nested `n` deep above one team.
fn nested(n: usize) -> String {
    let mut text = String::from(
        "organisation \"Deep\" {\n  sprint 2w\n}\nperson p\nexecutive_action_team eat {\n  members p\n}\nteam leaf {\n}\n",
    );
    text.push_str("scrum_of_scrums s0 {\n  members leaf\n}\n");
    for i in 1..n {
        text.push_str(&format!("scrum_of_scrums s{i} {{\n  members s{}\n}}\n", i - 1));
    }
    text
}

#[test]
fn an_escalation_ring_renders_bounded_paths() {
    // Every unit's path is written with its first six hops and a count, not in full: the
    // report grew with the square of the ring (579 MB of HTML at 5,000 teams).
    let md = assess_text(&ring(400), "markdown");
    assert!(
        md.contains(
            "- `t000` → `t001` → `t002` → `t003` → `t004` → `t005` → `t006` → … 394 more: goes round an escalation cycle\n"
        ),
        "{}",
        &md[md.find("These paths").unwrap_or(0)..][..600.min(md.len())]
    );
    // Linear: twice the ring, about twice the report (every team has its own findings).
    for format in ["markdown", "html"] {
        let small = assess_text(&ring(200), format).len() as f64;
        let large = assess_text(&ring(400), format).len() as f64;
        assert!(large / small < 2.2, "{format}: {small} bytes at 200 teams, {large} at 400");
    }
}

#[test]
fn deep_nesting_renders_without_recursion() {
    // Scrums of Scrums nested 3,000 deep: the templates used to recurse once per level and hit
    // minijinja's recursion limit ("this is a bug").
    let n = 3000;
    let md = assess_text(&nested(n), "markdown");
    // Indentation stops at twelve levels; deeper rows say their level.
    assert!(md.contains(&format!("{}- Scrum of Scrums `s0` (level {n})\n", "  ".repeat(12))), "deep row");
    assert!(md.contains(&format!("{}- team `leaf` (level {})\n", "  ".repeat(12), n + 1)));
    let html = assess_text(&nested(n), "html");
    assert!(html.contains("(level 3001)"));
    // Linear in depth.
    let small = assess_text(&nested(1000), "markdown").len() as f64;
    let large = assess_text(&nested(2000), "markdown").len() as f64;
    assert!(large / small < 2.2, "{small} bytes at depth 1,000, {large} at 2,000");
}

#[test]
fn a_scrum_of_scrums_listed_twice_shows_its_members_once() {
    // A diamond: `a` and `b` both list `c`, which holds a team; `top` holds `a` and `b`.
    let text = "organisation \"D\" {\n  sprint 2w\n}\nteam t {\n}\nscrum_of_scrums c {\n  members t\n}\n\
                scrum_of_scrums a {\n  members c\n}\nscrum_of_scrums b {\n  members c\n}\nscrum_of_scrums top {\n  members a, b\n}\n";
    let md = assess_text(text, "markdown");
    let tree = &md[md.find("### Membership").unwrap()..md.find("### Escalation").unwrap()];
    assert_eq!(
        tree,
        "### Membership\n\n- Scrum of Scrums `top`\n  - Scrum of Scrums `a`\n    - Scrum of Scrums `c` (member of a, b)\n      \
         - team `t`\n  - Scrum of Scrums `b`\n    - Scrum of Scrums `c` (member of a, b; its members are listed above)\n\n"
    );
}
