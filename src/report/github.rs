//! The GitHub Actions report (`--format github`): one workflow command per finding, which
//! GitHub shows as an annotation on the file and line, and the Markdown job summary
//! (`--summary FILE`, or `$GITHUB_STEP_SUMMARY`).
//!
//! A command is `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`
//! (`warning` for warnings, `notice` for infos). Escaping follows `@actions/core`: in the
//! message `%`, `\r` and `\n` become `%25`, `%0D` and `%0A`; in property values `:` and `,`
//! also become `%3A` and `%2C`. Waived findings get no annotation (they are listed in the job
//! summary). The summary line ends the output as plain log text.

use std::cmp::Reverse;
use std::io::{self, Write};

use super::location::{Paths, Region};
use crate::diagnostic::{Diagnostic, Severity};
use crate::score::Score;
use crate::source::SourceMap;

/// Escapes a workflow command's message (`%`, `\r`, `\n`).
pub fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a workflow command's property value (as [`escape_data`], and `:` and `,`).
pub fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

/// The workflow command of one finding.
pub fn annotation(d: &Diagnostic, sources: &SourceMap, paths: &Paths) -> String {
    let mut properties = Vec::new();
    if let Some(span) = d.primary_span() {
        let r = Region::of(span, sources, paths);
        properties.push(format!("file={}", escape_property(r.path)));
        properties.push(format!("line={}", r.line));
        properties.push(format!("col={}", r.column));
        properties.push(format!("endLine={}", r.end_line));
        properties.push(format!("endColumn={}", r.end_column));
    }
    properties.push(format!("title={}", escape_property(&format!("{} {}", d.code.code, d.code.name))));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    format!("::{} {}::{}", command(d.severity), properties.join(","), escape_data(&message))
}

/// Writes one workflow command per unwaived finding, then `summary_line` as plain text.
pub fn write(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
    summary_line: &str,
) -> io::Result<()> {
    for d in diagnostics.iter().filter(|d| d.waived.is_none()) {
        writeln!(w, "{}", annotation(d, sources, paths))?;
    }
    writeln!(w, "{summary_line}")
}

/// What the job summary says besides the findings.
#[derive(Debug, Clone, Copy)]
pub struct JobSummary<'a> {
    /// The summary line of the run (`scaleguard: 1 error in 2 files · score 4.9 (Optimising)`).
    pub line: &'a str,
    /// The maturity score; `None` when input errors stopped the evaluation.
    pub score: Option<&'a Score>,
    /// Further lines, such as what a baseline accepted.
    pub notes: &'a [String],
}

/// Writes the Markdown job summary: the summary line, the score table, the unwaived findings
/// (errors, then warnings, then infos; each by file, line, column and code) and the waived
/// ones (by place), as GitHub-flavoured Markdown tables.
pub fn write_summary(
    w: &mut dyn Write,
    diagnostics: &[Diagnostic],
    sources: &SourceMap,
    paths: &Paths,
    job: JobSummary<'_>,
) -> io::Result<()> {
    writeln!(w, "## scaleguard\n")?;
    writeln!(w, "{}\n", cell(job.line.trim_start_matches("scaleguard: ")))?;
    for note in job.notes {
        writeln!(w, "{}\n", cell(note))?;
    }
    if let Some(score) = job.score {
        score_table(w, score)?;
    }
    let (waived, mut open): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.waived.is_some());
    // The most serious first, so an error is never below a page of infos; within a severity
    // by place (file, line, column) and code, as everywhere else.
    open.sort_by_key(|&d| (Reverse(d.severity), d.sort_key()));
    if !open.is_empty() {
        writeln!(w, "### Findings\n")?;
        writeln!(w, "| Severity | Rule | Subject | Location | Message |")?;
        writeln!(w, "|---|---|---|---|---|")?;
        for d in open {
            writeln!(
                w,
                "| {} | {} `{}` | {} | {} | {} |",
                d.severity,
                d.code.code,
                d.code.name,
                subject(d),
                place(d, sources, paths),
                cell(&d.message)
            )?;
        }
        writeln!(w)?;
    }
    if !waived.is_empty() {
        writeln!(w, "### Waived findings\n")?;
        writeln!(w, "| Rule | Subject | Location | Message | Reason | Until |")?;
        writeln!(w, "|---|---|---|---|---|---|")?;
        for d in waived {
            let (reason, until) =
                d.waived.as_ref().map_or(("", None), |w| (w.reason.as_str(), w.until.as_deref()));
            writeln!(
                w,
                "| {} `{}` | {} | {} | {} | {} | {} |",
                d.code.code,
                d.code.name,
                subject(d),
                place(d, sources, paths),
                cell(&d.message),
                cell(reason),
                until.unwrap_or("—")
            )?;
        }
        writeln!(w)?;
    }
    Ok(())
}

/// The maturity score as a Markdown table: one row per component (score, level and what holds
/// it there, checks), and the overall score (docs/maturity.md).
pub fn score_table(w: &mut dyn Write, score: &Score) -> io::Result<()> {
    writeln!(w, "### Maturity score\n")?;
    writeln!(w, "| Component | Score | Level | Passed | Failed | Waived |")?;
    writeln!(w, "|---|---:|---|---:|---:|---:|")?;
    for c in &score.components {
        let (value, level) = match (c.score, c.level, c.not_assessed) {
            (Some(s), Some(l), _) => match c.holding() {
                Some(why) => (s.to_string(), format!("{}: {why}", l.name())),
                None => (s.to_string(), l.name().to_owned()),
            },
            (_, _, Some(why)) => ("—".to_owned(), format!("not assessed: {}", why.as_str())),
            _ => ("—".to_owned(), String::new()),
        };
        writeln!(w, "| {} | {value} | {level} | {} | {} | {} |", cell(c.name), c.passed, c.failed, c.waived)?;
    }
    match (score.overall, score.level) {
        (Some(t), Some(_)) => {
            writeln!(w, "| **Overall** | **{t}** | **{}** | | | |", score.level_with_reason())?
        }
        _ => writeln!(w, "| **Overall** | — | not assessed | | | |")?,
    }
    writeln!(w)
}

fn subject(d: &Diagnostic) -> String {
    d.subject.as_deref().map_or_else(|| "—".to_owned(), |s| format!("`{}`", s.replace('|', "\\|")))
}

fn place(d: &Diagnostic, sources: &SourceMap, paths: &Paths) -> String {
    match d.primary_span() {
        Some(span) => {
            let r = Region::of(span, sources, paths);
            format!("`{}:{}`", r.path.replace('|', "\\|").replace('`', "'"), r.line)
        }
        None => "—".to_owned(),
    }
}

/// Text for a Markdown table cell: `|` escaped, line breaks as `<br>`, and outside code spans
/// `<`, `>` and `&` as entities (inside a code span they show as written).
fn cell(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        match c {
            '`' => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' => out.push_str("<br>"),
            '<' if !in_code => out.push_str("&lt;"),
            '>' if !in_code => out.push_str("&gt;"),
            '&' if !in_code => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn data_escapes_percent_and_newlines_only() {
        assert_eq!(escape_data("50% a:b, c\r\nd"), "50%25 a:b, c%0D%0Ad");
    }

    #[test]
    fn properties_also_escape_colon_and_comma() {
        assert_eq!(escape_property("C:\\org,a%.scale\n"), "C%3A\\org%2Ca%25.scale%0A");
    }

    #[test]
    fn cells_escape_pipes_and_html_outside_code() {
        assert_eq!(cell("a | b <x> `k -> w` & c\nd"), "a \\| b &lt;x&gt; `k -> w` &amp; c<br>d");
    }
}
