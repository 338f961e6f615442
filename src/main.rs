//! The credstore binary: parses arguments, runs one command, reports errors once on
//! stderr and exits with the documented code.

mod cli;

use clap::Parser;
use cli::diag::diag;
use cli::{commands, exec, exit};
use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let cli = match cli::args::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => return parse_failed(&e, &args),
    };
    cli::trace::init(cli.global.debug);
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            diag!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::OTHER);
        }
    };
    let outcome = runtime.block_on(commands::run(cli));
    // A read or write still blocked in the runtime's thread pool (stdin that never ends, a
    // FIFO nobody reads, after the deadline) must not keep the process alive: wait a
    // moment for it, then leave it. Everything a command needs written was awaited.
    runtime.shutdown_timeout(std::time::Duration::from_millis(500));
    match outcome {
        Ok(commands::Outcome::Done) => ExitCode::SUCCESS,
        Ok(commands::Outcome::Exec(cmd)) => exec::replace_process(cmd),
        Err(failure) => failure.report(),
    }
}

/// Reports a parse error (or prints help/version). The arguments of `put` and `putall`
/// may hold a secret, so none of them is ever echoed in an error.
fn parse_failed(e: &clap::Error, args: &[OsString]) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        // Help goes to stdout; a closed stdout is not worth a panic.
        let _ = e.print();
        return ExitCode::from(e.exit_code().clamp(0, 255) as u8);
    }
    let Some(command) = secret_bearing_command(args) else {
        let _ = e.print();
        return ExitCode::from(exit::USAGE);
    };
    let message = e.to_string();
    let mut redacted = message.clone();
    let mut hidden_all = true;
    for arg in args.iter().skip_while(|a| *a != command).skip(1) {
        let arg = arg.to_string_lossy();
        if arg.is_empty() || is_flag_of(command, &arg) {
            continue;
        }
        redacted = redacted
            .replace(&format!("'{arg}'"), "'<hidden>'")
            .replace(&format!("'-- {arg}'"), "'-- <hidden>'");
        // Anything left that could be part of a value is too risky to show.
        if arg.chars().count() >= 3 && redacted.contains(arg.as_ref()) {
            hidden_all = false;
        }
    }
    if hidden_all {
        let _ = std::io::Write::write_all(&mut std::io::stderr().lock(), redacted.as_bytes());
    } else {
        diag!(
            "error: {command}: the arguments are not valid ({}); they are not shown because one \
             may be the secret. A value starting with `-` goes after `--`: \
             credstore {command} NAME -- VALUE. See `credstore {command} --help`.",
            e.kind()
        );
    }
    ExitCode::from(exit::USAGE)
}

/// `put` or `putall` when the arguments name one of them (whose arguments hold values).
fn secret_bearing_command(args: &[OsString]) -> Option<&'static str> {
    args.iter()
        .skip(1)
        .find_map(|a| ["put", "putall"].into_iter().find(|c| a == *c))
}

/// True when `arg` is exactly one of the flags of `command` (`--comment`, `-c`), or of
/// the global flags: those are ours, not the user's secret, and help to show.
fn is_flag_of(command: &str, arg: &str) -> bool {
    use clap::CommandFactory;
    let root = cli::args::Cli::command();
    let sub = root.find_subcommand(command);
    root.get_arguments()
        .chain(sub.into_iter().flat_map(|s| s.get_arguments()))
        .any(|a| {
            a.get_long().is_some_and(|l| arg == format!("--{l}"))
                || a.get_short().is_some_and(|s| arg == format!("-{s}"))
        })
}
