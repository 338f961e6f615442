//! One module per command or command group, each holding its clap arguments beside the
//! code that runs them; `run` dispatches a parsed command to it. Only this file uses
//! `args.rs` (the parser, which names the commands' argument types): a command's module
//! uses only the leaf groups of `args::shared`.

pub(crate) mod audit;
pub(crate) mod completions;
pub(crate) mod copy;
pub(crate) mod delete;
pub(crate) mod diff;
mod doctor;
pub(crate) mod env;
pub(crate) mod envelope;
mod k8s;
pub(crate) mod lifecycle;
pub(crate) mod listing;
pub(crate) mod policy;
pub(crate) mod read;
pub(crate) mod rekey;
pub(crate) mod render;
pub(crate) mod setup;
pub(crate) mod transfer;
pub(crate) mod write;

use crate::cli::args::{Cli, Command};
use crate::cli::config::Config;
use crate::cli::deadline;
use crate::cli::exit::Failure;
use crate::cli::output;

/// What `main` does after a command returns.
pub(crate) enum Outcome {
    /// The command is done.
    Done,
    /// Replace this process with the prepared command (after the runtime is gone).
    Exec(std::process::Command),
}

/// Runs `cli`'s command with the configuration its arguments resolve to.
pub(crate) async fn run(cli: Cli) -> Result<Outcome, Failure> {
    if cli.global.log_level.is_some() || cli.global.log_file.is_some() {
        crate::cli::diag::diag!(
            "note: --log-level and --log-file are accepted for credstash compatibility; credstore writes no log file"
        );
    }
    let config = Config::from_args(&cli.global);
    // Without a deadline a silent server would hang a command (and a container's start)
    // for good; work that grows with the data is bounded per call instead.
    let deadline = cli.global.timeout.or(match cli.command {
        Command::Get(_)
        | Command::Getall(_)
        | Command::List(_)
        | Command::Keys(_)
        | Command::Find(_)
        | Command::History(_)
        | Command::Stale(_)
        | Command::Env(_)
        | Command::Exec(_)
        | Command::Doctor
        | Command::Render(_) => Some(deadline::DEFAULT),
        // Work that grows with the data, or waits for a person (put --prompt, delete's
        // question): bounded per DynamoDB call, not overall.
        _ => None,
    });
    let outcome = match deadline {
        Some(limit) => tokio::time::timeout(limit, dispatch(&config, &cli.command))
            .await
            .unwrap_or_else(|_| Err(Failure::Other(config.tally.expired(limit)))),
        None => dispatch(&config, &cli.command).await,
    };
    // Writes that landed are worth the warning even when a later one failed.
    output::warn_first_bound();
    // Metadata is advisory (a write does not fail for it), but a missing writer is said.
    if let Some(why) = config.writer_failure() {
        crate::cli::diag::diag!(
            "warning: the versions written have no created_by: who you are could not be found \
             ({}); allow sts:GetCallerIdentity to record the writer",
            credstore::printable::escape(why)
        );
    }
    // On failure the error is what matters; the warning would bury it.
    if outcome.is_ok() {
        output::warn_unbound();
    }
    outcome
}

async fn dispatch(config: &Config, command: &Command) -> Result<Outcome, Failure> {
    let done = |r: Result<(), Failure>| r.map(|()| Outcome::Done);
    match command {
        Command::Exec(args) => env::exec_command(config, args).await.map(Outcome::Exec),
        Command::Env(args) => done(env::env(config, args).await),
        Command::Setup(args) => done(setup::setup(config, args).await),
        Command::Put(args) => done(write::put(config, args).await),
        Command::Putall(args) => done(write::putall(config, args).await),
        Command::Get(args) => done(read::get(config, args).await),
        Command::Getall(args) => done(read::getall(config, args).await),
        Command::List(args) => done(listing::list(config, args).await),
        Command::Keys(args) => done(listing::keys(config, args).await),
        Command::Find(args) => done(listing::find(config, args).await),
        Command::History(args) => done(listing::history(config, args).await),
        Command::Rollback(args) => done(lifecycle::rollback(config, args).await),
        Command::Stale(args) => done(lifecycle::stale(config, args).await),
        Command::Delete(args) => done(delete::delete(config, args).await),
        Command::Prune(args) => done(delete::prune(config, args).await),
        Command::Copy(args) => done(copy::copy(config, args).await),
        Command::Sync(args) => done(copy::sync(config, args).await),
        Command::Bind(args) => done(rekey::bind(config, args).await),
        Command::Rekey(args) => done(rekey::rekey(config, args).await),
        Command::Encrypt(args) => done(envelope::encrypt(config, args).await),
        Command::Decrypt(args) => done(envelope::decrypt(config, args).await),
        Command::Doctor => done(doctor::doctor(config).await),
        Command::Audit(args) => done(audit::audit(config, args).await),
        Command::Policy(args) => done(policy::policy(config, args).await),
        Command::Completions(args) => done(completions::completions(
            args,
            <Cli as clap::CommandFactory>::command(),
        )),
        Command::Render(args) => done(render::render(config, args).await),
        Command::Diff(args) => done(diff::diff(config, args).await),
        Command::Import(args) => done(transfer::import(config, args).await),
        Command::Export(args) => done(transfer::export(config, args).await),
    }
}
