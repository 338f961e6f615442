//! The credstore binary: parses arguments, runs one command, reports errors once on
//! stderr and exits with the documented code.

mod cli;
mod commands;
mod exec;
mod exit;

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(exit::OTHER);
        }
    };
    let outcome = runtime.block_on(commands::run(cli));
    drop(runtime);
    match outcome {
        Ok(commands::Outcome::Done) => ExitCode::SUCCESS,
        Ok(commands::Outcome::Exec(cmd)) => exec::replace_process(cmd),
        Err(failure) => failure.report(),
    }
}
