//! Every `.scale` snippet and every shown output in README.md and docs/ is runnable and true
//! (issue #14): the tests read the Markdown, run what it shows through the real binary and
//! compare. docs/rules.md is left out: it is generated from rules/*.toml, whose examples
//! tests/catalogue.rs and tests/rules.rs run.
//!
//! What the Markdown may hold, and what is checked:
//!
//! - A ```` ```scale ```` block is a whole organisation (or a set of items): it is written to a
//!   temporary folder, as the file its first line names (`# org.scale`) or else `org.scale`,
//!   and `scaleguard check` must find no input error in it (exit code not 2). A block marked
//!   ```` ```scale fragment ```` is exempt; [`FRAGMENTS`] lists every one, so that a new one is
//!   deliberate.
//! - A ```` ```text ```` block right after a `scale` block (no heading between) is what
//!   `scaleguard check --color never --today 2026-06-01 <file>` prints for it; a
//!   ```` ```console ```` block there holds `$ scaleguard ...` commands, run in that folder, each
//!   followed by what it prints. A ```` ```text ```` block right after a ```` ```toml ````
//!   block is what `scaleguard check` prints in a folder whose `scaleguard.toml` is that
//!   block. A `scale` block introduced by a paragraph ending in "becomes" is what `scaleguard
//!   fmt` makes of the `scale` block before it. In shown output, a line `...` stands for lines
//!   left out: each part must appear verbatim, in order, in stdout or stderr.
//! - Any other shown output (`text`, `json`, or `console` with output lines) must be marked
//!   ```` ```text illustration ```` (a measured run, a made-up example), or be produced by a
//!   test named in [`COVERED`]; a `console` block's output elsewhere is run from the
//!   repository root and compared.
//! - Every `scaleguard` command line in `sh`, `console` and unlabelled blocks is accepted by
//!   the command-line parser: a concrete one is run with `--help` appended (exit 0, so nothing
//!   runs and nothing is written); a synopsis (`[--format human|json]`, `<old>`) names only
//!   flags and values its subcommand's `--help` lists.
//! - No page points at a file users do not have: the specification's GUARDRAILS.md and
//!   LANGUAGE.md, or the `../shared` folder beside our own checkout.
#![allow(clippy::unwrap_used)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// `(page, the snippet's first line, why it cannot be a whole organisation)` of every
/// ```` ```scale fragment ````. None today: every snippet in the docs checks.
const FRAGMENTS: &[(&str, &str, &str)] = &[];

/// Shown outputs that a test of their own produces, as they cannot follow the snippet that gives
/// them: `(page, the block's first line, the test)`.
const COVERED: &[(&str, &str, &str)] = &[
    (
        "docs/ci.md",
        "baseline `.scaleguard-baseline.json`:",
        "doc_snippets::the_baseline_of_ci_md_is_what_scaleguard_writes",
    ),
    ("docs/ci.md", "{", "doc_snippets::the_baseline_of_ci_md_is_what_scaleguard_writes"),
];

/// Lines that may name the specification's folder: docs/performance.md runs the
/// specification's peer benchmark, which is not part of this repository and says so.
const SPEC_MENTIONS_ALLOWED: &[(&str, &str)] = &[("docs/performance.md", "../shared/peers/compare.sh")];

/// The date the snippets are checked on (waiver expiry).
const TODAY: &str = "2026-06-01";

/// One fenced block of a Markdown page.
#[derive(Debug, Clone)]
struct Block {
    /// The page, relative to the repository root.
    page: String,
    /// The line of the opening fence, 1-based.
    line: usize,
    /// The first word of the info string (`scale`, `text`), empty when there is none.
    lang: String,
    /// The other words of the info string (`fragment`, `illustration`).
    marks: Vec<String>,
    /// The content, every line ending in a newline.
    text: String,
    /// The Markdown between the previous block (or the top of the page) and this one.
    before: String,
}

impl Block {
    fn marked(&self, mark: &str) -> bool {
        self.marks.iter().any(|m| m == mark)
    }

    fn first_line(&self) -> &str {
        self.text.lines().next().unwrap_or_default()
    }

    fn place(&self) -> String {
        format!("{}:{}", self.page, self.line)
    }
}

/// README.md and docs/*.md but docs/rules.md, in sorted order.
fn pages() -> Vec<String> {
    let mut pages = vec!["README.md".to_owned()];
    let mut docs: Vec<String> = std::fs::read_dir(common::root("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "rules.md")
        .map(|n| format!("docs/{n}"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The fenced blocks of a page. A fence of n backticks closes at a line of at least n
/// backticks, so a ```` ````markdown ```` block may show a ```` ``` ```` block inside it.
fn blocks(page: &str) -> Vec<Block> {
    let text = std::fs::read_to_string(common::root(page)).unwrap();
    let mut out = Vec::new();
    let mut open: Option<(usize, usize, String)> = None; // (fence width, line, info)
    let mut content = String::new();
    let mut before = String::new();
    for (i, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        let ticks = trimmed.chars().take_while(|c| *c == '`').count();
        match &open {
            None if ticks >= 3 => {
                open = Some((ticks, i + 1, trimmed[ticks..].trim().to_owned()));
                content.clear();
            }
            None => {
                before.push_str(line);
                before.push('\n');
            }
            Some((width, _, _)) if ticks >= *width && trimmed.trim_end().len() == ticks => {
                let (_, line, info) = open.take().unwrap();
                let mut words = info.split_whitespace().map(str::to_owned);
                out.push(Block {
                    page: page.to_owned(),
                    line,
                    lang: words.next().unwrap_or_default(),
                    marks: words.collect(),
                    text: std::mem::take(&mut content),
                    before: std::mem::take(&mut before),
                });
            }
            Some(_) => {
                content.push_str(line);
                content.push('\n');
            }
        }
    }
    assert!(open.is_none(), "{page}: a fenced block is never closed");
    out
}

fn all_blocks() -> Vec<Block> {
    pages().iter().flat_map(|p| blocks(p)).collect()
}

/// Whether `next` is shown as the output of `block`: the next block of the page, with no
/// heading between them.
fn follows(block: &Block, next: &Block) -> bool {
    block.page == next.page && !next.before.lines().any(|l| l.starts_with('#'))
}

/// A block that shows output: `text`, `json`, or `console` with lines that are not commands.
fn shows_output(block: &Block) -> bool {
    match block.lang.as_str() {
        "text" | "json" => true,
        "console" => block.text.lines().any(|l| !l.starts_with("$ ") && !l.trim().is_empty()),
        _ => false,
    }
}

/// What a pair of blocks is: the second block shows the first one's output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pair {
    /// `scale`, then `text`: the output of `check`.
    Check,
    /// `scale`, then `console`: the commands run where the snippet is.
    Console,
    /// `scale`, then "becomes" and `scale`: the first one formatted.
    Formatted,
    /// `toml`, then `text`: `check` in a folder with that `scaleguard.toml`.
    Config,
}

fn pair(block: &Block, next: &Block) -> Option<Pair> {
    if !follows(block, next) || next.marked("illustration") || block.marked("fragment") {
        return None;
    }
    match (block.lang.as_str(), next.lang.as_str()) {
        ("scale", "text") => Some(Pair::Check),
        ("scale", "console") => Some(Pair::Console),
        ("scale", "scale") if next.before.trim_end().to_lowercase().ends_with("becomes") => {
            Some(Pair::Formatted)
        }
        ("toml", "text") => Some(Pair::Config),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------------
// Running the binary.

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_scaleguard")
}

/// Runs scaleguard in `cwd`; returns the exit code, stdout and stderr.
fn run(cwd: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .current_dir(cwd)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("CI")
        .env_remove("GITHUB_STEP_SUMMARY")
        .output()
        .unwrap();
    let text = |b: Vec<u8>| String::from_utf8(b).unwrap();
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

/// Checks that `shown` appears in `actual`: each part between `...` lines verbatim, in order.
fn appears(shown: &str, actual: &str) -> Result<(), String> {
    let mut rest = actual;
    let mut part = String::new();
    let mut parts = Vec::new();
    for line in shown.lines() {
        if line == "..." {
            parts.push(std::mem::take(&mut part));
        } else {
            part.push_str(line);
            part.push('\n');
        }
    }
    parts.push(part);
    for part in parts.iter().filter(|p| !p.is_empty()) {
        match rest.find(part.as_str()) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return Err(format!("not in the output, in this order:\n{part}")),
        }
    }
    Ok(())
}

/// Checks that `shown` appears in stdout or in stderr, the temporary folder's path written as
/// the doc writes it (relative to the folder).
fn appears_in_either(shown: &str, dir: &Path, stdout: &str, stderr: &str) -> Result<(), String> {
    let strip = |s: &str| s.replace(&format!("{}/", dir.display()), "");
    let (stdout, stderr) = (strip(stdout), strip(stderr));
    appears(shown, &stdout)
        .or_else(|_| appears(shown, &stderr))
        .map_err(|e| format!("{e}\n--- stdout:\n{stdout}--- stderr:\n{stderr}"))
}

/// Writes a snippet into `dir` under the name its first line gives; returns the name.
fn write_snippet(dir: &Path, block: &Block) -> String {
    let name = block
        .first_line()
        .strip_prefix("# ")
        .filter(|n| n.ends_with(".scale") && !n.contains(' '))
        .unwrap_or("org.scale")
        .to_owned();
    let path = dir.join(&name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, &block.text).unwrap();
    name
}

// ---------------------------------------------------------------------------------------------
// Shell lines.

/// The words of a shell line, quotes removed, up to an unquoted `#` comment.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                in_word = true;
            }
            (None, '#') if !in_word => break,
            (None, c) if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            (None, c) => {
                word.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(word);
    }
    words
}

/// The arguments of every scaleguard command on a shell line (`scaleguard ...`,
/// `target/release/scaleguard ...`, `cargo run --release -- ...`, the container image), with
/// environment assignments, redirections and the commands it is piped to left out.
fn scaleguard_commands(line: &str) -> Vec<Vec<String>> {
    let line = line.strip_prefix("$ ").unwrap_or(line);
    let mut out = Vec::new();
    let mut segment: Vec<String> = Vec::new();
    let mut segments = Vec::new();
    for word in shell_words(line) {
        if matches!(word.as_str(), "|" | "&&" | "||" | ";") {
            segments.push(std::mem::take(&mut segment));
        } else {
            segment.push(word);
        }
    }
    segments.push(segment);
    for words in segments {
        let mut words = words.into_iter().skip_while(|w| w.contains('=') && !w.starts_with('-')).peekable();
        let Some(program) = words.next() else { continue };
        let rest: Vec<String> = words.collect();
        let args: Vec<String> = if program == "scaleguard" || program.ends_with("/scaleguard") {
            rest
        } else if program == "cargo" && rest.first().is_some_and(|w| w == "run") {
            match rest.iter().position(|w| w == "--") {
                Some(i) => rest[i + 1..].to_vec(),
                None => continue,
            }
        } else if program == "docker" {
            match rest.iter().position(|w| w.split(':').next().is_some_and(|i| i.ends_with("/scaleguard"))) {
                Some(i) => rest[i + 1..].to_vec(),
                None => continue,
            }
        } else {
            continue;
        };
        let mut clean = Vec::new();
        let mut words = args.into_iter();
        while let Some(w) = words.next() {
            if matches!(w.as_str(), ">" | ">>" | "2>" | "<") {
                words.next();
            } else if !w.starts_with('>') && !w.starts_with("2>") {
                clean.push(w);
            }
        }
        out.push(clean);
    }
    out
}

/// Whether a command is a synopsis: placeholders, optional parts or alternatives.
fn is_synopsis(args: &[String]) -> bool {
    args.iter().any(|a| a.contains('<') || a.contains('[') || a.contains('|') || a.ends_with("..."))
}

/// Checks a command line against the parser; `None` when it is accepted.
fn command_problem(args: &[String]) -> Option<String> {
    let root = common::root("");
    let Some(sub) = args.first() else { return Some("no subcommand".to_owned()) };
    if !is_synopsis(args) {
        let mut with_help: Vec<&str> = args.iter().map(String::as_str).collect();
        with_help.push("--help");
        let (code, _, stderr) = run(&root, &with_help);
        return (code != 0).then(|| format!("exit {code}: {stderr}"));
    }
    let (code, help, _) = run(&root, &[sub, "--help"]);
    if code != 0 {
        return Some(format!("`{sub}` is not a subcommand"));
    }
    let mut problems = Vec::new();
    let words: Vec<String> =
        args.iter().map(|a| a.trim_matches(|c| c == '[' || c == ']').to_owned()).collect();
    for (i, word) in words.iter().enumerate().skip(1) {
        if !word.starts_with('-') {
            continue;
        }
        let flag = word.split('=').next().unwrap_or(word);
        let listed = help.split(|c: char| c.is_whitespace() || c == ',').any(|w| w == flag);
        if !listed {
            problems.push(format!("`{flag}` is not a flag of `{sub}`"));
        }
        if let Some(value) = words.get(i + 1).filter(|v| v.contains('|') && !v.starts_with('-')) {
            for alternative in value.split('|') {
                if !help.contains(&format!("{alternative}:")) && !help.contains(&format!(" {alternative},")) {
                    problems.push(format!("`{flag} {alternative}` is not a value `{sub} --help` lists"));
                }
            }
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// A console block as `(command line, the output shown after it)`.
fn console_commands(block: &Block) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for line in block.text.lines() {
        match line.strip_prefix("$ ") {
            Some(command) => out.push((command.to_owned(), String::new())),
            None => {
                if let Some((_, shown)) = out.last_mut() {
                    shown.push_str(line);
                    shown.push('\n');
                }
            }
        }
    }
    out
}

/// Runs each command of a console block in `dir` and compares what it prints with what the
/// block shows after it. Commands with no output shown are only checked against the parser.
fn run_console(block: &Block, dir: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for (line, shown) in console_commands(block) {
        let commands = scaleguard_commands(&line);
        if shown.trim().is_empty() {
            for args in &commands {
                if let Some(p) = command_problem(args) {
                    problems.push(format!("{}: `{line}`: {p}", block.place()));
                }
            }
            continue;
        }
        let [args] = commands.as_slice() else {
            problems
                .push(format!("{}: `{line}` shows output but is not one scaleguard command", block.place()));
            continue;
        };
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (_, stdout, stderr) = run(dir, &args);
        if let Err(e) = appears_in_either(&shown, dir, &stdout, &stderr) {
            problems.push(format!("{}: `{line}`: {e}", block.place()));
        }
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The tests.

#[test]
fn every_scale_snippet_checks_and_shows_what_scaleguard_prints() {
    let blocks = all_blocks();
    let mut problems = Vec::new();
    let (mut snippets, mut outputs) = (0, 0);
    let mut fragments = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        let next = blocks.get(i + 1);
        match block.lang.as_str() {
            "scale" if block.marked("fragment") => {
                fragments.push((block.page.clone(), block.first_line().to_owned()));
            }
            "scale" => {
                snippets += 1;
                let dir = tempfile::tempdir().unwrap();
                let name = write_snippet(dir.path(), block);
                let (code, stdout, stderr) =
                    run(dir.path(), &["check", "--color", "never", "--today", TODAY, &name]);
                if code == 2 {
                    problems.push(format!("{}: input errors (exit 2):\n{stdout}{stderr}", block.place()));
                    continue;
                }
                let Some(next) = next else { continue };
                match pair(block, next) {
                    Some(Pair::Check) => {
                        outputs += 1;
                        if let Err(e) = appears_in_either(&next.text, dir.path(), &stdout, &stderr) {
                            problems.push(format!("{}: {e}", next.place()));
                        }
                    }
                    Some(Pair::Console) => {
                        outputs += 1;
                        problems.extend(run_console(next, dir.path()));
                    }
                    Some(Pair::Formatted) => {
                        outputs += 1;
                        let (code, _, stderr) = run(dir.path(), &["fmt", &name]);
                        let formatted = std::fs::read_to_string(dir.path().join(&name)).unwrap();
                        if code != 0 || formatted != next.text {
                            problems.push(format!(
                                "{}: `scaleguard fmt` (exit {code}) makes\n{formatted}{stderr}",
                                next.place()
                            ));
                        }
                    }
                    Some(Pair::Config) | None => {}
                }
            }
            "toml" => {
                let Some(next) = next else { continue };
                if pair(block, next) == Some(Pair::Config) {
                    outputs += 1;
                    let dir = tempfile::tempdir().unwrap();
                    std::fs::write(dir.path().join("scaleguard.toml"), &block.text).unwrap();
                    let (_, stdout, stderr) =
                        run(dir.path(), &["check", "--color", "never", "--today", TODAY]);
                    if let Err(e) = appears_in_either(&next.text, dir.path(), &stdout, &stderr) {
                        problems.push(format!("{}: {e}", next.place()));
                    }
                }
            }
            // Output shown without a snippet before it: run from the repository root.
            "console"
                if shows_output(block)
                    && !block.marked("illustration")
                    && (i == 0 || pair(&blocks[i - 1], block).is_none()) =>
            {
                outputs += 1;
                problems.extend(run_console(block, &common::root("")));
            }
            _ => {}
        }
    }
    eprintln!("{snippets} snippets checked, {outputs} shown outputs compared, {} fragments", fragments.len());
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
    let listed: Vec<(String, String)> =
        FRAGMENTS.iter().map(|(p, l, _)| ((*p).to_owned(), (*l).to_owned())).collect();
    assert_eq!(fragments, listed, "every ```scale fragment is listed in FRAGMENTS, with why");
    // The README's taste, the formatter's examples, the maturity model's worked example, and
    // the derived facts of docs/language.md.
    assert!(snippets >= 5, "{snippets} snippets");
    assert!(outputs >= 4, "{outputs} outputs");
}

/// Every shown output is compared with what the binary prints (above, or by the test
/// [`COVERED`] names), or marked as an illustration.
#[test]
fn every_shown_output_is_checked_or_marked_as_an_illustration() {
    let blocks = all_blocks();
    let mut unchecked = Vec::new();
    let mut illustrations = Vec::new();
    for (i, block) in blocks.iter().enumerate() {
        if !shows_output(block) {
            continue;
        }
        let paired = i > 0 && pair(&blocks[i - 1], block).is_some();
        let covered = COVERED
            .iter()
            .any(|(page, first, _)| block.page == *page && block.first_line().starts_with(first));
        if block.marked("illustration") {
            illustrations.push(block.place());
        } else if !paired && !covered && block.lang != "console" {
            unchecked.push(format!("{} ```{}: {}", block.place(), block.lang, block.first_line()));
        }
    }
    eprintln!("illustrations: {illustrations:?}");
    assert!(
        unchecked.is_empty(),
        "shown outputs that nothing checks; put the snippet that gives them right before them, \
         produce them in a test listed in COVERED, or mark them ```text illustration:\n{}",
        unchecked.join("\n")
    );
    for (page, first, test) in COVERED {
        assert!(
            blocks.iter().any(|b| b.page == *page && b.first_line().starts_with(first) && shows_output(b)),
            "{page}: no shown output starting `{first}` any more; drop it from COVERED ({test})"
        );
    }
}

#[test]
fn every_command_line_in_the_docs_is_accepted_by_the_cli() {
    let mut problems = Vec::new();
    let mut checked = 0;
    for block in all_blocks() {
        if !matches!(block.lang.as_str(), "sh" | "console" | "") {
            continue;
        }
        for line in block.text.lines() {
            if block.lang == "console" && !line.starts_with("$ ") {
                continue;
            }
            for args in scaleguard_commands(line) {
                checked += 1;
                if let Some(p) = command_problem(&args) {
                    problems.push(format!("{}: `{line}`: {p}", block.place()));
                }
            }
        }
    }
    eprintln!("{checked} command lines checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 20, "{checked} command lines");
}

/// docs/config.md's whole `scaleguard.toml` works as shown: with an organisation in `org/`,
/// `scaleguard baseline` writes the baseline it names, and `scaleguard check` reads it and
/// writes the SARIF and JUnit reports of `[output]`.
#[test]
fn the_scaleguard_toml_of_config_md_works() {
    let block = blocks("docs/config.md")
        .into_iter()
        .find(|b| b.lang == "toml" && b.first_line() == "# scaleguard.toml")
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (code, _, stderr) = run(dir.path(), &["init", "org"]);
    assert_eq!(code, 0, "{stderr}");
    std::fs::write(dir.path().join("scaleguard.toml"), &block.text).unwrap();
    let (code, stdout, stderr) = run(dir.path(), &["baseline", "--today", TODAY]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(dir.path().join(".scaleguard-baseline.json").is_file());
    let (code, stdout, stderr) = run(dir.path(), &["check", "--today", TODAY]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(dir.path().join("reports/scaleguard.sarif").is_file());
    assert!(dir.path().join("reports/scaleguard-junit.xml").is_file());
}

/// docs/ci.md shows the line `check --baseline` prints when 12 findings are accepted and 2
/// are fixed, and a baseline file with an entry for team `cart`: this organisation gives both.
#[test]
fn the_baseline_of_ci_md_is_what_scaleguard_writes() {
    let blocks = blocks("docs/ci.md");
    let line = blocks.iter().find(|b| b.lang == "text" && b.first_line().starts_with("baseline `")).unwrap();
    let file = blocks.iter().find(|b| b.lang == "json" && b.text.contains("\"count\"")).unwrap();

    // 14 findings, among them SG502 for `cart`; the two teams hold no refinement (SG506).
    let before = "organisation \"Acme Retail\" {
  vision \"Every shopper finds, buys and receives in one tap\"
  sprint 2w starting 2026-01-05
  metrics velocity, business_value, escaped_defects, happiness
}

person alice \"Alice Ng\"
person bob \"Bob Stone\"
person carol \"Carol Diaz\" {
  executive
  authority budget, structure, policy
}

team payments {
  product_owner alice
  scrum_master bob
  developers 6
}

team cart {
  scrum_master bob
  developers 5
}

scrum_of_scrums checkout {
  members payments, cart
  scrum_of_scrums_master bob
  escalates_to eat
  releases every sprint
  event scaled_daily_scrum every day lasting 15min {
    agenda status
  }
}

executive_action_team eat {
  members carol
  authority budget, structure, policy
}
";
    let after = before
        .replace("  developers 6\n", "  developers 6\n  event refinement every week\n")
        .replace("  developers 5\n", "  developers 5\n  event refinement every week\n");
    let dir = tempfile::tempdir().unwrap();
    let org = dir.path().join("org.scale");
    std::fs::write(&org, before).unwrap();
    let (code, stdout, stderr) =
        run(dir.path(), &["baseline", "org.scale", "-o", ".scaleguard-baseline.json", "--today", TODAY]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    std::fs::write(&org, after).unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "check",
            "org.scale",
            "--baseline",
            ".scaleguard-baseline.json",
            "--today",
            TODAY,
            "--color",
            "never",
        ],
    );
    assert_eq!(code, 0, "{stdout}{stderr}");
    appears_in_either(&line.text, dir.path(), &stdout, &stderr).unwrap();

    let written: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join(".scaleguard-baseline.json")).unwrap())
            .unwrap();
    let shown: serde_json::Value = serde_json::from_str(&file.text).unwrap();
    assert_eq!(shown["version"], written["version"]);
    let shown_keys: Vec<&String> = shown.as_object().unwrap().keys().collect();
    let written_keys: Vec<&String> = written.as_object().unwrap().keys().collect();
    assert_eq!(shown_keys, written_keys);
    for entry in shown["findings"].as_array().unwrap() {
        assert!(
            written["findings"].as_array().unwrap().contains(entry),
            "docs/ci.md shows a baseline entry scaleguard does not write: {entry}\nwritten: {written:#}"
        );
    }
}

/// The docs are complete on their own: no page sends a reader to the specification's files,
/// which users of scaleguard do not have.
#[test]
fn no_page_points_at_a_file_users_do_not_have() {
    let mut found = Vec::new();
    let mut all = pages();
    all.push("docs/rules.md".to_owned());
    for page in all {
        let text = std::fs::read_to_string(common::root(&page)).unwrap();
        for (n, line) in text.lines().enumerate() {
            let allowed = SPEC_MENTIONS_ALLOWED.iter().any(|(p, what)| *p == page && line.contains(what));
            for word in ["GUARDRAILS.md", "LANGUAGE.md", "../shared"] {
                if line.contains(word) && !allowed {
                    found.push(format!("{page}:{}: {word}: {line}", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "point at our own docs instead:\n{}", found.join("\n"));
}

/// The test's own reading of Markdown and shell lines.
#[test]
fn the_reader_finds_blocks_commands_and_omissions() {
    let words = shell_words(
        "SCALEGUARD_TIMINGS=1 target/release/scaleguard check \"a b\" --format json > /dev/null # x",
    );
    assert_eq!(
        words,
        [
            "SCALEGUARD_TIMINGS=1",
            "target/release/scaleguard",
            "check",
            "a b",
            "--format",
            "json",
            ">",
            "/dev/null"
        ]
    );
    let commands = scaleguard_commands("$ scaleguard export examples/acme-retail | jq '.teams[]'");
    assert_eq!(commands, [vec!["export".to_owned(), "examples/acme-retail".to_owned()]]);
    let commands = scaleguard_commands(
        "docker run --rm -v \"$PWD:/work\" ghcr.io/scaleguard/scaleguard:latest check org/",
    );
    assert_eq!(commands, [vec!["check".to_owned(), "org/".to_owned()]]);
    assert_eq!(scaleguard_commands("cargo run --release -- rules"), [vec!["rules".to_owned()]]);
    assert!(scaleguard_commands("cargo install --path .").is_empty());
    assert!(appears("a\n...\nc\n", "a\nb\nc\n").is_ok());
    assert!(appears("c\n...\na\n", "a\nb\nc\n").is_err());
    assert!(is_synopsis(&["diff".to_owned(), "<old>".to_owned()]));
}

/// docs/json.md's illustration of `check --format json` has the shape the schema publishes.
#[test]
fn the_json_illustration_follows_the_schema() {
    let block = blocks("docs/json.md").into_iter().find(|b| b.lang == "json").unwrap();
    let shown: serde_json::Value = serde_json::from_str(&block.text).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(common::root("docs/json-schema.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft202012::options().build(&schema).unwrap();
    let errors: Vec<String> =
        validator.iter_errors(&shown).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// docs/maturity.md's table of components names every rule of a component, as the rule
/// catalogue (docs/rules.md, generated from rules/*.toml) assigns it.
#[test]
fn the_components_of_maturity_md_hold_the_rules_the_catalogue_gives_them() {
    use std::collections::BTreeMap;
    let cells = |line: &str| -> Vec<String> { line.split('|').map(|c| c.trim().to_owned()).collect() };
    let codes = |cell: &str| -> Vec<String> {
        cell.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| w.len() == 5 && w.starts_with("SG"))
            .map(str::to_owned)
            .collect()
    };
    let mut catalogue: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let rules = std::fs::read_to_string(common::root("docs/rules.md")).unwrap();
    for line in rules.lines().filter(|l| l.starts_with("| [SG")) {
        let cells = cells(line);
        if cells[4] != "—" {
            catalogue.entry(cells[4].clone()).or_default().extend(codes(&cells[1]).into_iter().take(1));
        }
    }
    let mut documented: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let maturity = std::fs::read_to_string(common::root("docs/maturity.md")).unwrap();
    for line in maturity.lines().filter(|l| l.starts_with("| ") && l.contains("SG")) {
        let cells = cells(line);
        documented.insert(cells[1].clone(), codes(&cells[3]));
    }
    assert_eq!(catalogue.len(), 12, "{catalogue:?}");
    assert_eq!(documented, catalogue);
}

/// GitHub's anchor of a Markdown heading: lowercase, punctuation dropped, spaces as hyphens.
fn anchor(heading: &str) -> String {
    heading
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, ' ' | '-' | '_'))
        .map(|c| if c == ' ' { '-' } else { c })
        .collect()
}

/// Every relative link of the pages points at a file of the repository, and at a heading of it
/// when it names one.
#[test]
fn every_relative_link_of_the_pages_resolves() {
    let mut broken = Vec::new();
    let mut checked = 0;
    let mut all = pages();
    all.push("docs/rules.md".to_owned());
    for page in &all {
        let text = std::fs::read_to_string(common::root(page)).unwrap();
        let dir = Path::new(page).parent().unwrap_or(Path::new(""));
        let mut in_code = false;
        for (n, line) in text.lines().enumerate() {
            if line.trim_start().starts_with("```") {
                in_code = !in_code;
            }
            if in_code {
                continue;
            }
            for (at, _) in line.match_indices("](") {
                let rest = &line[at + 2..];
                let Some(end) = rest.find(')') else { continue };
                let target = &rest[..end];
                if target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                checked += 1;
                let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
                let path = if file.is_empty() { PathBuf::from(page) } else { dir.join(file) };
                let full = common::root(&path.to_string_lossy());
                if !full.exists() {
                    broken.push(format!("{page}:{}: `{target}`: no such file", n + 1));
                    continue;
                }
                if fragment.is_empty() || full.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let headings: Vec<String> = std::fs::read_to_string(&full)
                    .unwrap()
                    .lines()
                    .filter(|l| l.starts_with('#'))
                    .map(|l| anchor(l.trim_start_matches('#')))
                    .collect();
                if !headings.iter().any(|h| h == fragment) {
                    broken.push(format!("{page}:{}: `{target}`: no such heading", n + 1));
                }
            }
        }
    }
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    eprintln!("{checked} links");
    assert!(checked > 100, "{checked} links");
}
