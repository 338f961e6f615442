//! `completions`: print a shell completion script.

use crate::cli::exit::Failure;
use crate::cli::output::write_out;
use clap::Args;

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Runs `completions`: the script of `cmd`, the parser (given by the dispatcher, so that
/// this file does not import `args.rs`, which imports it).
pub(super) fn completions(args: &CompletionsArgs, mut cmd: clap::Command) -> Result<(), Failure> {
    // Into a buffer first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "credstore", &mut script);
    write_out(&script)
}
