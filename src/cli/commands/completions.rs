//! `completions`: print a shell completion script.

use crate::cli::args::{Cli, CompletionsArgs};
use crate::cli::exit::Failure;
use crate::cli::output::write_out;

/// Runs `completions`.
pub(super) fn completions(args: &CompletionsArgs) -> Result<(), Failure> {
    // Into a buffer first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    let mut cmd = <Cli as clap::CommandFactory>::command();
    clap_complete::generate(args.shell, &mut cmd, "credstore", &mut script);
    write_out(&script)
}
