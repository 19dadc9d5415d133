//! `scaleguard init`: writes a small, commented organisation that passes every guardrail.

use std::path::PathBuf;

use super::{Exit, tool_error};

#[derive(Debug, clap::Args)]
pub(crate) struct InitArgs {
    /// The directory to write into (created if missing); default `.`.
    dir: Option<PathBuf>,
}

/// Runs `init`.
pub(crate) fn run(args: &InitArgs, color: bool) -> Exit {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    match scaleguard::init::init(&dir, true) {
        Ok(written) => {
            let mut text = String::new();
            for path in &written {
                text.push_str(&format!("created {}\n", scaleguard::source::display_path(path)));
            }
            let shown = scaleguard::source::display_path(&dir);
            text.push_str(&format!(
                "scaleguard: a starting organisation is in `{shown}`; check it with `scaleguard check {shown}`\n"
            ));
            super::print(&text)
        }
        Err(e) => tool_error(e, color),
    }
}
