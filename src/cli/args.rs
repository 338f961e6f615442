//! Command-line arguments: the parser. `Cli` (the global options and one command), the
//! `Command` enum naming each command's arguments where the command lives
//! (`cli::commands::<command>`), and `command()`, the parser as users see it. Groups
//! shared by several commands are in `shared`, the global options in `global`: both leaves
//! that the commands and `config` use, so no command's file imports this one (only the
//! dispatcher, `commands/mod.rs`, takes `Cli`) and the imports run one way.

use clap::{Parser, Subcommand};

pub(crate) mod global;
pub(crate) mod shared;

use crate::cli::commands::audit::AuditArgs;
use crate::cli::commands::completions::CompletionsArgs;
use crate::cli::commands::copy::{CopyArgs, SyncArgs};
use crate::cli::commands::delete::{DeleteArgs, PruneArgs};
use crate::cli::commands::diff::DiffArgs;
use crate::cli::commands::env::{EnvArgs, ExecArgs};
use crate::cli::commands::envelope::{DecryptArgs, EncryptArgs};
use crate::cli::commands::lifecycle::{RollbackArgs, StaleArgs};
use crate::cli::commands::listing::{FindArgs, HistoryArgs, KeysArgs, ListArgs};
use crate::cli::commands::policy::PolicyArgs;
use crate::cli::commands::read::{GetArgs, GetallArgs};
use crate::cli::commands::rekey::{BindArgs, RekeyArgs};
use crate::cli::commands::render::RenderArgs;
use crate::cli::commands::setup::SetupArgs;
use crate::cli::commands::transfer::{ExportArgs, ImportArgs};
use crate::cli::commands::write::{PutArgs, PutallArgs};
use global::Global;

/// Versioned secrets in DynamoDB + KMS (or a local file), byte-compatible with credstash.
///
/// Exit codes: 0 success, 1 other error, 2 usage, 3 not found, 4 integrity failure
/// (HMAC or format), 5 key refused (context mismatch, access denied), 6 version conflict.
#[derive(Debug, Parser)]
#[command(name = "credstore", version, max_term_width = 100)]
#[command(long_version = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ncommit: ", env!("CREDSTORE_BUILD_COMMIT"),
    "\ntarget: ", env!("CREDSTORE_BUILD_TARGET"),
    "\nlinkage: ", env!("CREDSTORE_BUILD_LINKAGE"),
    "\nnetwork: ", env!("CREDSTORE_BUILD_NETWORK"),
))]
pub(crate) struct Cli {
    /// Options shared by every command.
    #[command(flatten)]
    pub global: Global,
    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The heading of the global options in every command's help, after the command's own.
const GLOBAL_HEADING: &str = "Global options";

/// The command line as users see it: the derive's definition, with the global options
/// under their own heading and each command's examples after its help. Applied here,
/// once, so that a new command gets both without a line of its own.
pub(crate) fn command() -> clap::Command {
    use clap::CommandFactory;
    with_global_heading(Cli::command()).mut_subcommands(|sub| {
        match crate::cli::manual::examples_help(sub.get_name()) {
            Some(text) => sub.after_help(text),
            None => sub,
        }
    })
}

/// `cmd` with its global options under [`GLOBAL_HEADING`] (what man pages show too).
pub(crate) fn with_global_heading(cmd: clap::Command) -> clap::Command {
    cmd.mut_args(|arg| {
        if arg.is_global_set() || arg.get_id() == "role_arn" {
            arg.help_heading(GLOBAL_HEADING)
        } else {
            arg
        }
    })
}

/// The commands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Create the table (idempotent) and print the IAM policy readers and writers need.
    Setup(SetupArgs),
    /// Store a new version of a secret.
    Put(PutArgs),
    /// Print a secret's value (or several, with a `*` pattern).
    Get(GetArgs),
    /// Print the latest version of every secret.
    Getall(GetallArgs),
    /// List every item: name, version, comment, creation time.
    List(ListArgs),
    /// List the secret names.
    Keys(KeysArgs),
    /// List the secret names that contain a text, in any case.
    Find(FindArgs),
    /// List the versions of one secret.
    History(HistoryArgs),
    /// Make an older version's value the latest again, as a new version, without
    /// decrypting it (KMS ReEncrypt of its data key; contents and hmac copied).
    Rollback(RollbackArgs),
    /// List the secrets whose latest version is older than --max-age or past its expiry,
    /// one line each; exit 1 when there is any (for CI and cron). Reads no value.
    Stale(StaleArgs),
    /// Delete a secret (every version, or one with -v).
    Delete(DeleteArgs),
    /// Delete old versions of a secret, keeping the latest ones.
    Prune(PruneArgs),
    /// Store several secrets from a JSON object {"name": "value", ...}.
    Putall(PutallArgs),
    /// Print selected secrets as environment variable assignments.
    Env(EnvArgs),
    /// Run a command with selected secrets in its environment (replaces this process).
    Exec(ExecArgs),
    /// Copy every version of every secret to another table or backend.
    Copy(CopyArgs),
    /// Copy every item as it is (nothing decrypted) to a table in another region, so that
    /// region serves reads (`-r REGION get`) when the home region is down.
    Sync(SyncArgs),
    /// Bind unbound versions (credstash's) to their names, with KMS ReEncrypt (no plaintext).
    Bind(BindArgs),
    /// Re-encrypt data keys under another KMS key, with KMS ReEncrypt (no plaintext).
    Rekey(RekeyArgs),
    /// Encrypt a file or stream under a fresh KMS data key (stdin to stdout by default).
    Encrypt(EncryptArgs),
    /// Decrypt what `encrypt` wrote (stdin to stdout by default).
    Decrypt(DecryptArgs),
    /// Check the account, region, endpoint, table and key a command would use, one line
    /// each (exit 1 when one fails); reads and prints no secret.
    Doctor,
    /// Print the least-privilege IAM policy of a reader, writer or admin, for the whole
    /// table or only the secrets under some name prefixes.
    Policy(PolicyArgs),
    /// Who called KMS on which secret, and when: the key's events in CloudTrail (home and
    /// replica regions, 90 days), one row per call, refusals included.
    Audit(AuditArgs),
    /// Print a shell completion script.
    Completions(CompletionsArgs),
    /// Fill a template with secrets (`{{ secret "NAME" | json }}`), to stdout or a file
    /// written atomically with mode 0600.
    Render(RenderArgs),
    /// Compare the secrets with another table, region or backend: names and versions only
    /// on one side, and whether the latest values are equal (never printed); exit 1 when
    /// they differ.
    Diff(DiffArgs),
    /// Store values from a dotenv file, SSM Parameter Store or Secrets Manager as new
    /// versions (values equal to the latest are skipped).
    Import(ImportArgs),
    /// Write the latest values to SSM Parameter Store as SecureStrings.
    Export(ExportArgs),
}

#[cfg(test)]
mod tests {
    //! The generated completions/ and man/ files must match the current CLI.
    //! Regenerate them with `CREDSTORE_REGENERATE=1 cargo test --bin credstore generated`.

    use super::*;
    use clap::CommandFactory;
    use clap_complete::Shell;
    use std::path::Path;

    /// The code of a file of src/cli without comments and unit tests, for the check below.
    fn code_of(path: &Path) -> String {
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\n");
        match code.find("#[cfg(test)]") {
            Some(cut) => code[..cut].to_string(),
            None => code,
        }
    }

    /// The arguments' imports run one way: this file names the commands' argument types,
    /// so a command's file uses only the leaf groups (`args::shared`), never this file,
    /// and the leaves use no command (only `commands/mod.rs`, the dispatcher, takes `Cli`).
    #[test]
    fn argument_imports_run_one_way() {
        let cli = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/cli");
        let mut checked = 0;
        for entry in std::fs::read_dir(cli.join("commands")).unwrap_or_else(|e| panic!("{e}")) {
            let path = entry.unwrap_or_else(|e| panic!("{e}")).path();
            if path.file_name().is_some_and(|n| n == "mod.rs") {
                continue;
            }
            let code = code_of(&path);
            for (at, _) in code.match_indices("cli::args::") {
                let rest = &code[at + "cli::args::".len()..];
                assert!(
                    rest.starts_with("shared::"),
                    "{path:?} imports args.rs: {rest:.40}"
                );
            }
            assert!(!code.contains("super::super::"), "{path:?}");
            checked += 1;
        }
        assert!(checked >= 15, "only {checked} command files found");
        for leaf in ["args/shared.rs", "args/global.rs"] {
            let code = code_of(&cli.join(leaf));
            for (at, _) in code.match_indices("cli::") {
                let rest = &code[at + "cli::".len()..];
                assert!(rest.starts_with("deadline::"), "{leaf} imports {rest:.40}");
            }
            for (at, _) in code.match_indices("super::") {
                let rest = &code[at + "super::".len()..];
                assert!(rest.starts_with("shared::"), "{leaf} imports {rest:.40}");
            }
        }
    }

    #[test]
    fn cli_definition_is_valid() {
        Cli::command().debug_assert();
        command().debug_assert();
    }

    fn completion(shell: Shell) -> Vec<u8> {
        let mut out = Vec::new();
        clap_complete::generate(shell, &mut Cli::command(), "credstore", &mut out);
        out
    }

    fn man_page(cmd: clap::Command, command: Option<&str>) -> Vec<u8> {
        let mut out = Vec::new();
        // No date: the output must be stable across days.
        clap_mangen::Man::new(cmd)
            .render(&mut out)
            .unwrap_or_else(|e| panic!("rendering the man page failed: {e}"));
        out.extend_from_slice(crate::cli::manual::man_sections(command).as_bytes());
        out
    }

    fn generated_files() -> Vec<(String, Vec<u8>)> {
        let mut files = vec![
            ("completions/credstore.bash".into(), completion(Shell::Bash)),
            ("completions/_credstore".into(), completion(Shell::Zsh)),
            ("completions/credstore.fish".into(), completion(Shell::Fish)),
            (
                "completions/credstore.elv".into(),
                completion(Shell::Elvish),
            ),
            (
                "completions/_credstore.ps1".into(),
                completion(Shell::PowerShell),
            ),
        ];
        // The man page's VERSION is the release, not the build's commit and linkage
        // (`--version` says those): the committed page must not change with every commit.
        let mut root = with_global_heading(Cli::command()).long_version(None::<&str>);
        root.build();
        files.push(("man/credstore.1".into(), man_page(root.clone(), None)));
        for sub in root.get_subcommands() {
            let name = format!("credstore-{}", sub.get_name());
            let page = sub.clone().name(name.clone()).bin_name(name.clone());
            files.push((
                format!("man/{name}.1"),
                man_page(page, Some(sub.get_name())),
            ));
        }
        files
    }

    #[test]
    fn generated_completions_and_man_pages_are_fresh() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let regenerate = std::env::var_os("CREDSTORE_REGENERATE").is_some();
        let mut stale = Vec::new();
        for (rel, content) in generated_files() {
            let path = root.join(&rel);
            if regenerate {
                std::fs::create_dir_all(path.parent().unwrap_or(root))
                    .unwrap_or_else(|e| panic!("{e}"));
                std::fs::write(&path, &content).unwrap_or_else(|e| panic!("{rel}: {e}"));
            } else if std::fs::read(&path).ok().as_deref() != Some(&content[..]) {
                stale.push(rel);
            }
        }
        assert!(
            stale.is_empty(),
            "generated files are stale: {stale:?}; run `CREDSTORE_REGENERATE=1 cargo test --bin credstore generated` and commit them"
        );
    }
}
