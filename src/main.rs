//! The credstore binary: parses arguments, runs one command, reports errors once on
//! stderr and exits with the documented code.

mod cli;

use clap::FromArgMatches;
use cli::diag::diag;
use cli::{commands, exec, exit};
use std::ffi::OsString;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<OsString> = std::env::args_os().collect();
    let parsed = cli::args::command()
        .try_get_matches_from(&args)
        .and_then(|matches| cli::args::Cli::from_arg_matches(&matches));
    let cli = match parsed {
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
    if let Some(line) = unknown_command(e) {
        diag!("{line}");
        return ExitCode::from(exit::USAGE);
    }
    let Some(command) = secret_bearing_command(args) else {
        let _ = e.print();
        return ExitCode::from(exit::USAGE);
    };
    let message = e.to_string();
    let mut redacted = message.clone();
    let mut hidden_all = true;
    let mut after_option = false;
    for arg in args.iter().skip_while(|a| *a != command).skip(1) {
        let arg = arg.to_string_lossy();
        // An option's value (`-d SHA1`, `--digest=SHA1`) is ours to show, never the secret.
        let option_value = std::mem::take(&mut after_option);
        if arg.is_empty() || option_value || is_option_with_value(command, &arg) {
            continue;
        }
        if is_flag_of(command, &arg) {
            after_option = takes_value(command, &arg);
            continue;
        }
        // An unknown `-X...` may be a value that starts with `-`: clap quotes a part of it.
        if arg.starts_with('-') {
            hidden_all = false;
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

/// An unknown command in one line, with the command it most likely meant (by edit
/// distance, a swap of two letters counting once: `gte` is `get`, not clap's `getall`).
fn unknown_command(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if e.kind() != ErrorKind::InvalidSubcommand {
        return None;
    }
    let Some(ContextValue::String(given)) = e.get(ContextKind::InvalidSubcommand) else {
        return None;
    };
    let root = cli::args::command();
    let best = root
        .get_subcommands()
        .filter(|c| !c.is_hide_set())
        .map(|c| (edit_distance(given, c.get_name()), c.get_name().to_string()))
        .min();
    let hint = match best {
        Some((d, name)) if d <= 2 && d < given.chars().count() => {
            format!("did you mean `{name}`? ")
        }
        _ => String::new(),
    };
    Some(format!(
        "error: {given:?} is not a credstore command; {hint}`credstore --help` lists them"
    ))
}

/// Edits (insert, delete, substitute, swap two neighbours) from `a` to `b`.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

/// True when `arg` is one of the options of `command` (or a global one) that take a
/// value, as `-d` and `--digest` do.
fn takes_value(command: &str, arg: &str) -> bool {
    option_of(command, arg).is_some_and(|a| a.get_action().takes_values())
}

/// True for `--option=VALUE` of an option of `command` (or a global one).
fn is_option_with_value(command: &str, arg: &str) -> bool {
    arg.split_once('=')
        .is_some_and(|(flag, _)| flag.starts_with("--") && takes_value(command, flag))
}

/// The option `arg` names exactly (`--comment`, `-c`), of `command` or a global one.
fn option_of(command: &str, arg: &str) -> Option<clap::Arg> {
    let root = cli::args::command();
    let sub = root.find_subcommand(command);
    root.get_arguments()
        .chain(sub.into_iter().flat_map(|s| s.get_arguments()))
        .find(|a| {
            a.get_long().is_some_and(|l| arg == format!("--{l}"))
                || a.get_short().is_some_and(|s| arg == format!("-{s}"))
        })
        .cloned()
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
    option_of(command, arg).is_some()
}
