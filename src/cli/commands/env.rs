//! `env` and `exec`: selected secrets as environment variables, printed or given to a
//! command that replaces this process.

use crate::cli::args::shared::{K8sArgs, export_format};
use crate::cli::config::{Config, user_context};
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output::write_vars;
use clap::{Args, ValueEnum};
use credstore::SecretBytes;
use credstore::env::{
    ChildNote, ChildOptions, EnvRequest, EnvVar, Source, child_env, resolve_tables,
};

/// Which secrets become variables (shared by `env` and `exec`).
#[derive(Debug, Args)]
pub(crate) struct SelectArgs {
    /// Secret names or `*` patterns, and key=value encryption context (arguments with `=`).
    #[arg(value_name = "NAME|PATTERN|CONTEXT")]
    pub selectors: Vec<String>,
    /// Every secret whose name starts with PREFIX; the prefix is stripped from the variable.
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Vec<String>,
    /// An explicit variable: VAR=NAME or VAR=NAME:VERSION.
    #[arg(long, value_name = "VAR=NAME[:VERSION]")]
    pub map: Vec<String>,
    /// Every secret of the table.
    #[arg(long)]
    pub all: bool,
    /// Leave out the secrets whose names match PATTERN (`*` for any run of characters)
    /// from patterns, --prefix and --all; repeat it for several.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
    /// Keep the case of variable names derived from secret names.
    #[arg(long)]
    pub keep_case: bool,
    /// Skip secrets the key service refuses (each reported on stderr) instead of failing.
    #[arg(long)]
    pub skip_inaccessible: bool,
    /// Allowlist mode, recommended for production entrypoints: a variable derived from a
    /// secret's name must be one of these, or start with an entry ending in `*` (`APP_*`);
    /// repeat it or separate with commas. The denylist still applies; --map is always allowed.
    #[arg(
        long,
        value_delimiter = ',',
        value_name = "VAR",
        env = "CREDSTORE_ALLOW"
    )]
    pub allow: Vec<String>,
    /// Also export each secret's previous version (the one before the version read) as
    /// VAR_PREVIOUS, absent when there is none: during a rotation the application accepts
    /// both. VAR_PREVIOUS passes the denylist and --allow like VAR.
    #[arg(long)]
    pub with_previous: bool,
}

/// Output formats of `env`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EnvFormat {
    /// export NAME='value' lines for a POSIX shell.
    Shell,
    /// NAME='value' lines that dotenv parsers read back exactly.
    Dotenv,
    /// A JSON object of variables.
    Json,
    /// GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and
    /// prints ::add-mask:: lines so the values are hidden in the log.
    Github,
    /// NAME=value lines for docker's --env-file (single-line values only).
    Docker,
    /// A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by
    /// variable name; needs --k8s-name.
    K8sSecret,
}

/// Arguments of `env`.
#[derive(Debug, Args)]
pub(crate) struct EnvArgs {
    /// The selection.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "shell")]
    pub format: EnvFormat,
    /// The Secret of -f k8s-secret.
    #[command(flatten)]
    pub k8s: K8sArgs,
}

/// Arguments of `exec`.
#[derive(Debug, Args)]
pub(crate) struct ExecArgs {
    /// The selection.
    #[command(flatten)]
    pub select: SelectArgs,
    /// Keep variables that are already set instead of overriding them.
    #[arg(long)]
    pub no_clobber: bool,
    /// Pass only the secrets (and PATH) to the command, not this environment.
    #[arg(long)]
    pub pristine: bool,
    /// With --pristine, do not pass PATH either.
    #[arg(long, requires = "pristine")]
    pub no_path: bool,
    /// The command and its arguments, after `--`.
    #[arg(last = true, required = true, value_name = "COMMAND")]
    pub command: Vec<std::ffi::OsString>,
}

/// Runs `env`.
pub(super) async fn env(config: &Config, args: &EnvArgs) -> Result<(), Failure> {
    let vars = resolve_vars(config, &args.select).await?;
    let pairs: Vec<(String, SecretBytes)> = vars.into_iter().map(|v| (v.var, v.value)).collect();
    let Some(format) = export_format(args.format) else {
        // k8s-secret
        return super::k8s::write(&args.k8s, &pairs);
    };
    write_vars(format, &pairs)
}

/// Resolves the selection in every table (`-t` in order; later tables win, with a warning).
async fn resolve_vars(config: &Config, args: &SelectArgs) -> Result<Vec<EnvVar>, Failure> {
    let (context_args, names): (Vec<String>, Vec<String>) = args
        .selectors
        .iter()
        .cloned()
        .partition(|a| a.contains('='));
    let mut sources: Vec<Source> = names.into_iter().map(Source::Name).collect();
    sources.extend(args.prefix.iter().cloned().map(Source::Prefix));
    for m in &args.map {
        sources.push(Source::parse_map(m).map_err(Failure::Usage)?);
    }
    if args.all {
        sources.push(Source::All);
    }
    if sources.is_empty() {
        return Err(Failure::Usage(
            "select the secrets: give names or patterns, --prefix, --map or --all".into(),
        ));
    }
    let mut request = EnvRequest::default();
    request.sources = sources;
    request.keep_case = args.keep_case;
    request.exclude = args.exclude.clone();
    request.skip_inaccessible = args.skip_inaccessible;
    request.context = user_context(&context_args)?;
    request.allow = (!args.allow.is_empty()).then(|| args.allow.iter().cloned().collect());
    request.with_previous = args.with_previous;
    let mut clients = Vec::with_capacity(config.tables.len());
    for table in &config.tables {
        let client = config.reader_of(table).await?;
        clients.push((table.clone(), client));
    }
    let merged = resolve_tables(&clients, &request).await?;
    for skipped in &merged.skipped {
        diag!("warning: skipped (--skip-inaccessible): {skipped}");
    }
    for o in &merged.overrides {
        diag!(
            "warning: {} from table {:?} overrides the one from table {:?}",
            o.var,
            o.later,
            o.earlier
        );
    }
    Ok(merged.vars)
}

/// Prepares the command of `exec` with the secrets in its environment. Fails closed:
/// nothing is launched unless every selected secret was read.
pub(super) async fn exec_command(
    config: &Config,
    args: &ExecArgs,
) -> Result<std::process::Command, Failure> {
    let vars = resolve_vars(config, &args.select).await?;
    let Some((program, rest)) = args.command.split_first() else {
        return Err(Failure::Usage("give the command to run after --".into()));
    };
    // The program is found with the caller's PATH, before the secrets are in the child's
    // environment: a secret must never choose which binary runs.
    let Some(resolved) = crate::cli::exec::resolve_program(program) else {
        diag!(
            "error: command not found: {}; check its name and PATH",
            program.to_string_lossy()
        );
        return Err(Failure::Reported(crate::cli::exec::COMMAND_NOT_FOUND));
    };
    let mut cmd = std::process::Command::new(resolved);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::arg0(&mut cmd, program);
    cmd.args(rest);
    let options = ChildOptions::new(args.pristine, !args.no_path, args.no_clobber);
    let env = child_env(&vars, &options, |name| std::env::var_os(name))?;
    if env.clear {
        cmd.env_clear();
    }
    for note in &env.notes {
        match note {
            ChildNote::Kept { var } => diag!("warning: {var} is already set; kept (--no-clobber)"),
            ChildNote::Overrides { secret, var } => {
                diag!("warning: secret {secret:?} overrides {var} from the environment")
            }
            _ => {}
        }
    }
    cmd.envs(env.vars);
    Ok(cmd)
}
