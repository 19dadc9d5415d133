//! `scaleguard init`: a small, commented organisation to start from.
//!
//! Three Scrum teams in one Scrum of Scrums, an Executive Action Team, an Executive
//! MetaScrum, their backlogs, one Definition of Done and a policy, over five files. It passes
//! every guardrail with no finding (a test keeps it so) and is in the canonical layout of
//! `scaleguard fmt`; its comments say what each part is for in Scrum@Scale, so that a new
//! user can edit it into their own organisation. A minimal `scaleguard.toml` goes into the
//! working directory (where CI runs a bare `scaleguard check`), naming the folder written.
//! Existing files are never overwritten.

use std::path::{Path, PathBuf};

/// The files `init` writes: name and text.
pub const FILES: &[(&str, &str)] = &[
    ("org.scale", ORG),
    ("people.scale", PEOPLE),
    ("teams.scale", TEAMS),
    ("leadership.scale", LEADERSHIP),
    ("policy.scale", POLICY),
];

const ORG: &str = r#"# The organisation as code: one `organisation` item across all files.
#
# Every `.scale` file in this directory is read together; split it as you like.
# Run `scaleguard check .` to check it against the guardrails of Scrum@Scale,
# `scaleguard explain <code>` to read about a finding, and `scaleguard fmt .` to tidy it.

organisation "Example Organisation" {
  # The strategic vision the Executive MetaScrum orders the backlog towards.
  vision "Customers get what they need from us in one visit"
  # The organisation's sprint pulse: every team that declares no `sprint` runs on it.
  sprint 2w starting 2026-01-05
  # What the organisation makes visible: productivity, value, quality and sustainability.
  metrics velocity, business_value, escaped_defects, happiness
}

# One Definition of Done, shared by every team of a Scrum of Scrums, so that their work
# integrates into one increment.
definition_of_done shared_dod "Shared Definition of Done" {
  criteria "Code reviewed", "Integrated on trunk", "Automated tests pass"
}
"#;

const PEOPLE: &str = r#"# People: each has an identifier; the display name is optional.
#
# Executives hold decision rights (`authority`); the Executive Action Team's mandate must be
# backed by at least one of its members personally.

person erin "Erin Executive" {
  title "Chief Executive Officer"
  executive
  authority budget, structure, policy
}

person chris "Chris Coach" {
  title "Agile Coach"
}

person pat "Pat Portfolio" {
  title "Chief Product Owner"
}

person sam "Sam Master" {
  title "Scrum of Scrums Master"
}

person amy "Amy Adams"
person ben "Ben Brown"
person cleo "Cleo Clark"
person dan "Dan Diaz"
person eva "Eva Evans"
person finn "Finn Fischer"
person gail "Gail Green"
person hugo "Hugo Hill"
person iris "Iris Ito"
person jon "Jon Jones"
person kim "Kim King"
person lou "Lou Lopez"
person max "Max Meyer"
person nia "Nia Novak"
person otto "Otto Olsen"
person pia "Pia Park"
person quinn "Quinn Quist"
person rosa "Rosa Reyes"
"#;

const TEAMS: &str = r#"# Scrum teams and the Scrum of Scrums that coordinates them.
#
# A team has a Product Owner, a Scrum Master and 3 to 9 developers, refines its backlog
# every week and runs on the organisation's sprint. No team writes `escalates_to`: its
# impediments go to its Scrum of Scrums.

team web "Web" {
  product_owner amy
  scrum_master ben
  developers cleo, dan, eva, finn
  backlog product_backlog
  definition_of_done shared_dod
  releases every sprint
  event sprint_planning every sprint lasting 2h
  event daily_scrum every day lasting 15min
  event refinement every week lasting 1h
  event sprint_review every sprint lasting 1h
  event retrospective every sprint lasting 1h
}

team mobile "Mobile" {
  product_owner gail
  scrum_master hugo
  developers iris, jon, kim, lou
  backlog product_backlog
  definition_of_done shared_dod
  depends_on web
  releases every sprint
  event sprint_planning every sprint lasting 2h
  event daily_scrum every day lasting 15min
  event refinement every week lasting 1h
  event sprint_review every sprint lasting 1h
  event retrospective every sprint lasting 1h
}

team platform "Platform" {
  product_owner max
  scrum_master nia
  developers otto, pia, quinn, rosa
  backlog product_backlog
  definition_of_done shared_dod
  releases every sprint
  event sprint_planning every sprint lasting 2h
  event daily_scrum every day lasting 15min
  event refinement every week lasting 1h
  event sprint_review every sprint lasting 1h
  event retrospective every sprint lasting 1h
}

# The Scrum of Scrums: a team of teams with one shared backlog. Its Scaled Daily Scrum
# works on impediments, dependencies and risks, not status; what it cannot remove goes
# to the Executive Action Team.
scrum_of_scrums product "Product Scrum of Scrums" {
  members web, mobile, platform
  scrum_of_scrums_master sam
  chief_product_owner pat
  backlog product_backlog
  definition_of_done shared_dod
  escalates_to eat
  releases every sprint
  event scaled_daily_scrum every day lasting 15min {
    agenda impediments, dependencies, risks
  }
  event refinement every week lasting 1h
  event sprint_review every sprint lasting 2h
  event scaled_retrospective every sprint lasting 1h {
    agenda improvements, impediments
  }
  event release_planning every 6w lasting 2h
}

backlog product_backlog "Product backlog" {
  owner pat
  wip_limit 10
}
"#;

const LEADERSHIP: &str = r#"# Leadership: the two ends of the Scrum@Scale cycles.

# The Executive Action Team (Scrum Master cycle) is where every escalation path ends. It
# works as a Scrum team, holds the authority to remove impediments, and keeps a
# transformation backlog.
executive_action_team eat "Executive Action Team" {
  members erin
  product_owner erin
  scrum_master chris
  authority budget, structure, policy
  backlog transformation
  event sprint_planning every sprint lasting 1h
  event daily_scrum every day lasting 15min {
    agenda impediments, decisions
  }
  event sprint_review every sprint lasting 1h
  event retrospective every sprint lasting 1h {
    agenda improvements
  }
}

backlog transformation "Transformation backlog" {
  owner erin
  wip_limit 5
}

# The Executive MetaScrum (Product Owner cycle) orders the organisation-wide backlog at
# least once a sprint.
executive_metascrum ems "Executive MetaScrum" {
  chief_product_owner pat
  members erin
  backlog portfolio
  event metascrum every week lasting 1h {
    agenda priorities, decisions
  }
}

backlog portfolio "Portfolio backlog" {
  owner pat
  wip_limit 8
}
"#;

const POLICY: &str = r#"# The organisation's own governance settings. Every threshold has a default; the ones
# written here are the defaults, spelled out so that a change to them shows in review.
#
# A justified exception is a waiver, for example:
#   waive sos-no-retrospective for product until 2026-12-31 "starts after the re-org"

policy {
  team_size 3..9
  scrum_of_scrums_size 2..5
  max_sprint 4w
  required_authority budget, structure, policy
}
"#;

/// The minimal `scaleguard.toml` that `init` writes (docs/config.md), reading the organisation
/// from `paths` (relative to the file): with it, a bare `scaleguard check`, `assess`, `graph` or
/// `fmt` in that folder or below needs no path, as the CI recipes in docs/ci/ run it.
pub fn config_text(paths: &str) -> String {
    format!(
        "# scaleguard settings (docs/config.md): what `scaleguard check` does when the command line\n\
         # does not say. Paths are relative to this file.\n\
         \n\
         paths = [{}]\n\
         fail-on = \"error\"\n",
        toml_string(paths)
    )
}

/// `text` as a TOML basic string.
fn toml_string(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Where `init DIR`, run in `cwd`, puts `scaleguard.toml` and what its `paths` says.
///
/// The configuration goes where the commands will run: the working directory (usually the
/// repository root, where CI runs a bare `scaleguard check`), naming `DIR` relative to it. When
/// `DIR` does not lie below the working directory (`..`, or an absolute path elsewhere), it goes
/// into `DIR` itself with `paths = ["."]`.
pub fn config_place(dir: &Path, cwd: &Path) -> (PathBuf, String) {
    let relative = if dir.is_absolute() { dir.strip_prefix(cwd).ok() } else { Some(dir) };
    let below = relative.filter(|rel| {
        rel.components().all(|c| matches!(c, std::path::Component::Normal(_) | std::path::Component::CurDir))
    });
    match below {
        Some(rel) => {
            let parts: Vec<String> = rel
                .components()
                .filter_map(|c| match c {
                    std::path::Component::Normal(p) => Some(p.to_string_lossy().into_owned()),
                    _ => None,
                })
                .collect();
            let paths = if parts.is_empty() { ".".to_owned() } else { parts.join("/") };
            (Path::new(".").join(crate::config::FILE_NAME), paths)
        }
        None => (dir.join(crate::config::FILE_NAME), ".".to_owned()),
    }
}

/// `init` refuses: a file it would write exists already.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum InitError {
    /// Files that exist already; nothing was written.
    #[error("{}", exists_message(.0))]
    #[diagnostic(
        code(scaleguard::init::exists),
        help(
            "run `scaleguard init` in an empty directory, or move the existing files away; nothing was written"
        )
    )]
    Exists(Vec<PathBuf>),
    /// The directory or a file could not be written.
    #[error("cannot write `{}`: {reason}", crate::source::display_path(path))]
    #[diagnostic(code(scaleguard::init::write_failed), help("check that the directory is writable"))]
    Write {
        /// The path.
        path: PathBuf,
        /// What the operating system said.
        reason: String,
    },
}

fn exists_message(paths: &[PathBuf]) -> String {
    let names: Vec<String> = paths.iter().map(|p| format!("`{}`", crate::source::display_path(p))).collect();
    match names.as_slice() {
        [one] => format!("{one} already exists"),
        _ => format!("{} already exist", crate::diagnostic::and_list(&names)),
    }
}

/// The files `init DIR` writes when run in `cwd`: the organisation's files in `dir`, and a
/// `scaleguard.toml` where [`config_place`] puts it when `with_config`.
pub fn files(dir: &Path, cwd: &Path, with_config: bool) -> Vec<(PathBuf, String)> {
    let mut out: Vec<(PathBuf, String)> =
        FILES.iter().map(|(name, text)| (dir.join(name), (*text).to_owned())).collect();
    if with_config {
        let (path, paths) = config_place(dir, cwd);
        out.push((path, config_text(&paths)));
    }
    out
}

/// Writes the scaffold into `dir` (created if missing) and, when `with_config`, the
/// `scaleguard.toml` that reads it ([`config_place`]; `cwd` is the working directory). Checks
/// every target first and writes nothing when one exists; each file is written atomically.
/// Returns the paths written.
pub fn init(dir: &Path, cwd: &Path, with_config: bool) -> Result<Vec<PathBuf>, InitError> {
    let files = files(dir, cwd, with_config);
    let existing: Vec<PathBuf> =
        files.iter().map(|(path, _)| path.clone()).filter(|p| p.symlink_metadata().is_ok()).collect();
    if !existing.is_empty() {
        return Err(InitError::Exists(existing));
    }
    std::fs::create_dir_all(dir)
        .map_err(|e| InitError::Write { path: dir.to_path_buf(), reason: e.to_string() })?;
    let mut written = Vec::with_capacity(files.len());
    for (path, text) in files {
        // `persist_noclobber` would be the race-free choice, but a file appearing between the
        // check above and here is a user racing their own `init`.
        crate::fmt::write_atomic(&path, text.as_bytes())
            .map_err(|e| InitError::Write { path: path.clone(), reason: e.to_string() })?;
        written.push(path);
    }
    Ok(written)
}
