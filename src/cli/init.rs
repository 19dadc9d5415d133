//! `scaleguard init`: writes a small, commented organisation that passes every guardrail.

use std::path::PathBuf;

use super::{Exit, tool_error};

#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The directory to write the organisation into (created if missing); default `.`. The
    /// `scaleguard.toml` that reads it goes into the working directory.
    dir: Option<PathBuf>,
}

/// Runs `init`.
pub(crate) fn run(args: &InitArgs, color: bool) -> Exit {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    match scaleguard::init::init(&dir, &cwd, true) {
        Ok(written) => {
            let mut text = String::new();
            for path in &written {
                text.push_str(&format!("created {}\n", scaleguard::source::display_path(path)));
            }
            let shown = scaleguard::source::display_path(&dir);
            let (config, _) = scaleguard::init::config_place(&dir, &cwd);
            let command = if config == std::path::Path::new(".").join(scaleguard::config::FILE_NAME) {
                "`scaleguard check` (paths come from `scaleguard.toml`)".to_owned()
            } else {
                format!("`scaleguard check {shown}`")
            };
            text.push_str(&format!(
                "scaleguard: a starting organisation is in `{shown}`; check it with {command}\n"
            ));
            super::print(&text)
        }
        Err(e) => tool_error(e, color),
    }
}
