//! Command-line arguments: clap definitions only, with credstash's flags where they exist.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

mod inout;
mod target;
pub(crate) use inout::{DiffArgs, ExportArgs, ImportArgs, K8sArgs, RenderArgs};
pub(crate) use target::TargetArgs;

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

/// Options shared by every command.
#[derive(Debug, Args)]
pub(crate) struct Global {
    /// DynamoDB table (or table inside the --local file). `env` and `exec` accept it
    /// several times: tables are merged in order, later ones win.
    #[arg(
        short = 't',
        long,
        global = true,
        env = "CREDSTORE_TABLE",
        value_name = "TABLE"
    )]
    pub table: Vec<String>,

    /// AWS region of the table [default: the SDK's, else us-east-1].
    #[arg(short = 'r', long, global = true, value_name = "REGION", value_parser = parse_region)]
    pub region: Option<String>,

    /// AWS region of the KMS key, when it differs from --region.
    #[arg(long, global = true, value_name = "REGION", value_parser = parse_region)]
    pub kms_region: Option<String>,

    /// Named profile from ~/.aws/config.
    #[arg(short = 'p', long, global = true, value_name = "PROFILE")]
    pub profile: Option<String>,

    /// ARN of a role to assume first.
    #[arg(short = 'n', long = "arn", value_name = "ROLE_ARN")]
    pub role_arn: Option<String>,

    /// Endpoint for DynamoDB and KMS (local emulators); AWS_ENDPOINT_URL also works.
    #[arg(long, global = true, value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Embedded backend: a SQLite file, with its master key in FILE.key (no AWS needed).
    #[arg(long, global = true, env = "CREDSTORE_LOCAL", value_name = "FILE")]
    pub local: Option<PathBuf>,

    /// Refuse items that are not bound to their name (written by credstash or --legacy);
    /// the same as --unbound refuse; also refuse versions past their --expires time (exit
    /// 7). The variable is on unless empty, 0, false, no or off.
    #[arg(
        long,
        global = true,
        env = "CREDSTORE_STRICT",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub strict: bool,

    /// What reads do with items not bound to their name: allow; warn (once per command,
    /// and refuse one whose name also has bound versions, a downgrade); refuse.
    #[arg(
        long,
        global = true,
        env = "CREDSTORE_UNBOUND",
        value_enum,
        default_value = "warn",
        value_name = "POLICY"
    )]
    pub unbound: UnboundArg,

    /// KMS key for new data keys [default: alias/credstash]. When given, reads also accept
    /// only data keys wrapped under it (unless --read-key says otherwise).
    #[arg(
        short = 'k',
        long = "key",
        global = true,
        env = "CREDSTORE_KMS_KEY",
        value_name = "KEY"
    )]
    pub key: Option<String>,

    /// A KMS key reads accept (key id, key ARN or alias; repeat it, or separate with
    /// commas, during a key rotation). A data key wrapped under any other key is refused.
    #[arg(
        long = "read-key",
        global = true,
        env = "CREDSTORE_READ_KEYS",
        value_delimiter = ',',
        value_name = "KEY"
    )]
    pub read_keys: Vec<String>,

    /// Also wrap each new data key under the same key alias (or the multi-Region key's
    /// replica) in REGION, so reads fail over there when the home region's KMS is down
    /// (repeat it, or separate with commas). DynamoDB + KMS only.
    #[arg(
        long = "replica-region",
        global = true,
        env = "CREDSTORE_REPLICA_REGIONS",
        value_delimiter = ',',
        value_name = "REGION",
        value_parser = parse_region
    )]
    pub replica_regions: Vec<String>,

    /// Longest a KMS call may take, retries included, before it counts as an outage and a
    /// read fails over to a replica region's wrap (`3s`, `1500ms`).
    #[arg(long, global = true, env = "CREDSTORE_KMS_TIMEOUT", default_value = "3s", value_name = "DURATION", value_parser = crate::cli::deadline::parse_duration)]
    pub kms_timeout: std::time::Duration,

    /// Key-service calls in flight during bulk reads.
    #[arg(long, global = true, default_value_t = credstore::Settings::DEFAULT_CONCURRENCY as u32, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub concurrency: u32,

    /// Parallel DynamoDB scan segments for bulk reads [default: 1, one page, then 8 segments
    /// when the table spans more than one page].
    #[arg(long, global = true, default_value_t = 1, hide_default_value = true, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=64))]
    pub scan_segments: u32,

    /// Attempts per AWS call (retries with jittered exponential backoff, at most 5 s apart,
    /// on throttling, 5xx and network errors; KMS throttling is retried at one shared pace
    /// adapting to the KMS quota, failing after N throttled attempts with no progress).
    #[arg(long, global = true, default_value_t = credstore::AwsOptions::DEFAULT_MAX_ATTEMPTS, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=100))]
    pub max_attempts: u32,

    /// Accepted for credstash compatibility and ignored: credstore writes no log file.
    #[arg(long, global = true, value_name = "LEVEL", hide = true)]
    pub log_level: Option<String>,

    /// Accepted for credstash compatibility and ignored: credstore writes no log file.
    #[arg(long, global = true, value_name = "FILE", hide = true)]
    pub log_file: Option<std::path::PathBuf>,

    /// Log to stderr what the command does: the AWS configuration, where credentials come
    /// from, and one line per AWS call (service, operation, region, endpoint, attempts,
    /// HTTP status, milliseconds); never a value or a key. RUST_LOG chooses the levels
    /// instead, and shows the AWS SDK's own events (`credstore=debug,aws_smithy_runtime=debug`).
    #[arg(long, global = true)]
    pub debug: bool,

    /// Give up on the command after DURATION (`90s`, `2m`, `500ms`; a bare number is
    /// seconds), naming how many secrets were read [default: 60s for get, getall, list,
    /// keys, history, env, exec and doctor; none for the others].
    #[arg(long, global = true, env = "CREDSTORE_TIMEOUT", value_name = "DURATION", value_parser = crate::cli::deadline::parse_duration)]
    pub timeout: Option<std::time::Duration>,
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

/// A region name as AWS spells them (`eu-west-1`).
fn parse_region(text: &str) -> Result<String, String> {
    if credstore::is_region_name(text) {
        Ok(text.to_string())
    } else {
        Err(format!(
            "{text:?} is not an AWS region name (like eu-west-1)"
        ))
    }
}

/// Policies for items not bound to their name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum UnboundArg {
    /// Read them silently, as credstash does.
    Allow,
    /// Read them with one warning per command; refuse downgrades.
    Warn,
    /// Refuse them (as --strict).
    Refuse,
}

impl From<UnboundArg> for credstore::client::UnboundPolicy {
    fn from(arg: UnboundArg) -> Self {
        match arg {
            UnboundArg::Allow => Self::Allow,
            UnboundArg::Warn => Self::Warn,
            UnboundArg::Refuse => Self::Refuse,
        }
    }
}

/// Output formats of bulk reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum OutputFormat {
    /// JSON object, as credstash prints it.
    Json,
    /// YAML mapping of double-quoted strings.
    Yaml,
    /// name,value rows, quoted as Python's csv module quotes them.
    Csv,
    /// NAME='value' lines (names mapped to variable names) that dotenv parsers read back exactly.
    Dotenv,
    /// export NAME='value' lines for a POSIX shell.
    Shell,
    /// GitHub Actions: appends NAME<<DELIMITER blocks to the file GITHUB_ENV names and
    /// prints ::add-mask:: lines so the values are hidden in the log.
    Github,
    /// NAME=value lines for docker's --env-file (single-line values only).
    Docker,
    /// A Kubernetes v1 Secret manifest (YAML), values in base64 under `data`, keyed by
    /// secret name; needs --k8s-name.
    K8sSecret,
}

/// The export format a `-f` value names, or `None` for `k8s-secret` (a manifest, rendered
/// by `credstore::export::k8s`). The one mapping from the CLI's format enums
/// ([`OutputFormat`], [`EnvFormat`]) to `credstore::export::Format`: every other value is
/// spelled as `Format::name` spells its format, which the tests check.
pub(crate) fn export_format(value: impl ValueEnum) -> Option<credstore::export::Format> {
    value.to_possible_value()?.get_name().parse().ok()
}

/// HMAC digests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "UPPER")]
pub(crate) enum DigestArg {
    /// SHA-1 (legacy; SHA1 is accepted too).
    #[value(alias = "SHA1")]
    Sha,
    /// SHA-224.
    Sha224,
    /// SHA-256 (default).
    Sha256,
    /// SHA-384.
    Sha384,
    /// SHA-512.
    Sha512,
    /// MD5 (legacy).
    Md5,
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

/// Formats of `encrypt` and `decrypt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum EnvelopeFormat {
    /// credstore's streaming format (ENVELOPE.md): any size, in bounded memory.
    Envelope,
    /// The KMS + Fernet JSON message {"encrypted_data_key", "encrypted_message"}, for small
    /// messages (up to 4 MiB) exchanged with Python's cryptography.fernet.
    Fernet,
}

/// Input, output and format of `encrypt` and `decrypt`.
#[derive(Debug, Args)]
pub(crate) struct EnvelopeIo {
    /// Read this file instead of stdin (`-` is stdin).
    #[arg(short = 'i', long = "in", value_name = "PATH")]
    pub input: Option<PathBuf>,
    /// Write this file instead of stdout (`-` is stdout); it appears, mode 0600, only once
    /// complete (written to a temporary file beside it, then renamed). A device or FIFO
    /// is written in place.
    #[arg(short = 'o', long = "out", value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// The format.
    #[arg(long, value_enum, default_value = "envelope")]
    pub format: EnvelopeFormat,
}

/// Arguments of `encrypt`.
#[derive(Debug, Args)]
pub(crate) struct EncryptArgs {
    /// Encryption context, key=value pairs (KMS binds the data key to it; the envelope's
    /// header carries it, a Fernet message does not).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Input, output, format.
    #[command(flatten)]
    pub io: EnvelopeIo,
}

/// Arguments of `decrypt`.
#[derive(Debug, Args)]
pub(crate) struct DecryptArgs {
    /// Encryption context, key=value pairs. Given, it must equal the header's exactly;
    /// omitted, the header's is used. A Fernet message needs the sender's context here.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Input, output, format.
    #[command(flatten)]
    pub io: EnvelopeIo,
}

/// Arguments of `copy`.
#[derive(Debug, Args)]
pub(crate) struct CopyArgs {
    /// The target.
    #[command(flatten)]
    pub target: TargetArgs,
    /// Encryption context of the source items that do not store theirs (credstash items).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Read and decrypt everything, and compare with the target; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Leave out (and report) versions the key service refuses to decrypt, such as
    /// credstash items written under another context, instead of failing.
    #[arg(long)]
    pub skip_refused: bool,
}

/// Arguments of `sync`.
#[derive(Debug, Args)]
pub(crate) struct SyncArgs {
    /// The region of the target table.
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    pub to_region: String,
    /// Target table [default: the source table's name]; created when missing.
    #[arg(long, value_name = "TABLE")]
    pub to_table: Option<String>,
    /// Compare and report; write nothing (and create no table).
    #[arg(long)]
    pub dry_run: bool,
}

/// Which versions `bind` and `rekey` work on, and how.
#[derive(Debug, Args)]
pub(crate) struct RewrapArgs {
    /// Secret names or `*` patterns (every version of each), and key=value encryption
    /// context (arguments with `=`) for items that do not store theirs (credstash's).
    #[arg(value_name = "NAME|PATTERN|CONTEXT", required_unless_present = "all")]
    pub selectors: Vec<String>,
    /// Every secret of the table.
    #[arg(long)]
    pub all: bool,
    /// Report what would change; call no KMS ReEncrypt and write nothing.
    #[arg(long)]
    pub dry_run: bool,
}

/// Arguments of `bind`.
#[derive(Debug, Args)]
pub(crate) struct BindArgs {
    /// Which versions.
    #[command(flatten)]
    pub targets: RewrapArgs,
    /// Also bind an unbound version that sorts after a bound version of its name. Reads
    /// refuse such a version as a possible downgrade (exit 5), and so does bind without
    /// this flag: use it only for a version you wrote yourself (with --legacy).
    #[arg(long)]
    pub allow_downgrade: bool,
}

/// Arguments of `rekey`.
#[derive(Debug, Args)]
pub(crate) struct RekeyArgs {
    /// The KMS key to wrap the data keys under (key id, key ARN, alias name or alias ARN).
    #[arg(long, value_name = "KEY")]
    pub to_key: String,
    /// Which versions.
    #[command(flatten)]
    pub targets: RewrapArgs,
}

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

/// Arguments of `setup`.
#[derive(Debug, Args)]
pub(crate) struct SetupArgs {
    /// Provisioned capacity instead of on-demand billing.
    #[arg(long, num_args = 2, value_names = ["READ", "WRITE"])]
    pub provisioned: Option<Vec<i64>>,
    /// Tags for the table.
    #[arg(long, num_args = 1.., value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
    /// Create the table without point-in-time recovery (on by default: any second of
    /// the last 35 days can be restored).
    #[arg(long)]
    pub no_point_in_time_recovery: bool,
    /// Create the table without deletion protection (on by default: DeleteTable fails
    /// until it is turned off).
    #[arg(long)]
    pub no_deletion_protection: bool,
}

/// Arguments of `policy`.
#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("role").multiple(false))]
pub(crate) struct PolicyArgs {
    /// Only the secrets whose names start with PREFIX (repeat it), e.g. `app1/`; without
    /// it, the whole table. Unbound (credstash) items stay closed to a prefix role.
    #[arg(long = "prefix", value_name = "PREFIX")]
    pub prefixes: Vec<String>,
    /// ABAC: only the secrets under `${aws:PrincipalTag/TAG}/`, one policy for every role
    /// tagged with its own prefix.
    #[arg(long, value_name = "TAG", conflicts_with = "prefixes")]
    pub principal_tag: Option<String>,
    /// What get, getall, env, exec, list, keys and history need (the default).
    #[arg(long, group = "role")]
    pub reader: bool,
    /// The reader's rights, plus put and putall.
    #[arg(long, group = "role")]
    pub writer: bool,
    /// The writer's rights, plus setup, delete, prune, sync, doctor and audit; bind and
    /// rekey without --prefix only.
    #[arg(long, group = "role")]
    pub admin: bool,
    /// The KMS statements as a key policy's, with a Principal.
    #[arg(long)]
    pub key_policy: bool,
    /// The principal of --key-policy [default: a placeholder role ARN, or the account
    /// with --principal-tag].
    #[arg(long, value_name = "ARN", requires = "key_policy")]
    pub principal: Option<String>,
}

/// Options of writing commands.
#[derive(Debug, Args)]
pub(crate) struct WriteOptions {
    /// Comment stored in clear beside the secret.
    #[arg(short = 'c', long)]
    pub comment: Option<String>,
    /// HMAC digest.
    #[arg(
        short = 'd',
        long,
        value_enum,
        ignore_case = true,
        default_value = "SHA256"
    )]
    pub digest: DigestArg,
    /// Write an item without the name-bound context, readable by plain credstash
    /// (CREDSTORE_LEGACY=1 makes it the default, for tables still read by credstash;
    /// the variable is on unless empty, 0, false, no or off).
    #[arg(
        long,
        env = "CREDSTORE_LEGACY",
        action = clap::ArgAction::SetTrue,
        value_parser = clap::builder::FalseyValueParser::new()
    )]
    pub legacy: bool,
    /// Store the hmac attribute as binary (Python 3 credstash's form) instead of a string.
    #[arg(long)]
    pub hmac_binary: bool,
    /// Expiry and tags.
    #[command(flatten)]
    pub meta: MetadataArgs,
}

/// Metadata of a new version: stored in clear, ignored by credstash, not authenticated.
#[derive(Debug, Args)]
pub(crate) struct MetadataArgs {
    /// When the new version expires: a lifetime (90d, 12h, 2w...) or an RFC 3339 time
    /// (2027-01-31T00:00:00Z, 2027-01-31). Reads of it afterwards warn; --strict refuses
    /// them (exit 7); `stale --expired` lists it.
    #[arg(long, value_name = "DURATION|TIME")]
    pub expires: Option<String>,
    /// A KEY=VALUE tag on the new version, shown by list and history (repeatable).
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,
}

/// Arguments of `put`.
#[derive(Debug, Args)]
pub(crate) struct PutArgs {
    /// Name of the secret.
    pub name: String,
    /// The value; `-` reads stdin, `@PATH` reads a file.
    pub value: Option<String>,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Write exactly this version (padded to 19 characters like credstash).
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Autoversion (the default; accepted for credstash compatibility).
    #[arg(short = 'a', long, conflicts_with = "version")]
    pub autoversion: bool,
    /// Read the value from this file.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["prompt"])]
    pub from_file: Option<PathBuf>,
    /// Prompt for the value without echo (twice, to confirm; an empty value is refused).
    #[arg(short = 'P', long)]
    pub prompt: bool,
    /// Generate the value: random characters from the operating system's CSPRNG, never
    /// printed (unless --print) nor logged; arguments after NAME are then CONTEXT.
    #[arg(long, conflicts_with_all = ["prompt", "from_file"])]
    pub generate: bool,
    /// Length of a generated value, in characters (1 to 4096) [default: 32].
    #[arg(long, value_name = "N", requires = "generate")]
    pub length: Option<usize>,
    /// Characters of a generated value: alnum, hex, base64, urlsafe, printable (visible
    /// ASCII), or the characters given [default: alnum].
    #[arg(long, value_name = "CHARSET", requires = "generate")]
    pub charset: Option<String>,
    /// Print the generated value on stdout once it is stored.
    #[arg(long, requires = "generate")]
    pub print: bool,
    /// Create only: when the secret has a version, write nothing and exit 0 (said on
    /// stderr). Safe against concurrent writers: exactly one creates version 1.
    #[arg(long, conflicts_with = "version")]
    pub if_absent: bool,
    /// Remove one trailing newline (`\n` or `\r\n`) from the value, as `echo pw | put
    /// NAME -` adds one.
    #[arg(long)]
    pub trim: bool,
    /// Write options.
    #[command(flatten)]
    pub write: WriteOptions,
}

/// Arguments of `rollback`.
#[derive(Debug, Args)]
pub(crate) struct RollbackArgs {
    /// Name of the secret.
    pub name: String,
    /// Encryption context, key=value pairs, for an old version written by credstash
    /// (which stores none).
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// The version whose value becomes the latest again [default: the one before the latest].
    #[arg(long, value_name = "VERSION")]
    pub to: Option<String>,
    /// Comment of the new version [default: "rollback to version VERSION"].
    #[arg(short = 'c', long)]
    pub comment: Option<String>,
    /// Expiry and tags of the new version (the old version's are not copied).
    #[command(flatten)]
    pub meta: MetadataArgs,
}

/// Arguments of `stale`.
#[derive(Debug, Args)]
pub(crate) struct StaleArgs {
    /// Only the names matching this pattern (`*` matches any run of characters).
    pub pattern: Option<String>,
    /// A latest version older than this is stale (s, m, h, d or w, e.g. 90d) [default:
    /// 90d, unless --expired alone is given]. A version with no creation time (written by
    /// credstash) counts as stale: its age is unknown.
    #[arg(long, value_name = "DURATION", value_parser = parse_span)]
    pub max_age: Option<i64>,
    /// Only the secrets past their --expires time (with --max-age too: either).
    #[arg(long)]
    pub expired: bool,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

fn parse_span(text: &str) -> Result<i64, String> {
    credstore::time::parse_span(text)
}

/// Arguments of `get`.
#[derive(Debug, Args)]
pub(crate) struct GetArgs {
    /// Name of the secret, or a pattern with `*`.
    pub name: String,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Read this version instead of the latest.
    #[arg(short = 'v', long, conflicts_with = "all_versions")]
    pub version: Option<String>,
    /// Every version of the secret, as an object of version -> value (json, yaml or csv).
    #[arg(long)]
    pub all_versions: bool,
    /// No trailing newline.
    #[arg(short = 'n', long = "noline")]
    pub no_newline: bool,
    /// Output format [default: json for a pattern or --all-versions]. Without it, one
    /// secret prints raw; with it, one secret prints in that format as for a pattern.
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<OutputFormat>,
    /// The Secret of -f k8s-secret.
    #[command(flatten)]
    pub k8s: K8sArgs,
}

/// Arguments of `getall`.
#[derive(Debug, Args)]
pub(crate) struct GetallArgs {
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// credstash's `getall -v`; refused here (one version number rarely means the same
    /// thing across secrets): read one secret's version with `get NAME -v VERSION`.
    #[arg(short = 'v', long, value_name = "VERSION", hide = true)]
    pub version: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "json")]
    pub format: OutputFormat,
    /// The Secret of -f k8s-secret.
    #[command(flatten)]
    pub k8s: K8sArgs,
    /// Leave out the secrets whose names match PATTERN (`*` for any run of characters);
    /// repeat it for several.
    #[arg(long, value_name = "PATTERN")]
    pub exclude: Vec<String>,
}

/// Arguments of `list`.
#[derive(Debug, Args)]
pub(crate) struct ListArgs {
    /// Only the names this pattern matches (`*` for any run of characters; without `*`,
    /// one name).
    #[arg(value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// Only the latest version of each name.
    #[arg(long)]
    pub latest: bool,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Output formats of `list`, `keys` and `history`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum ListingFormat {
    /// Aligned lines, as credstash prints them (table text escaped).
    Text,
    /// A JSON array of objects (name, version, comment, created; context in history).
    Json,
}

/// Arguments of `keys`.
#[derive(Debug, Args)]
pub(crate) struct KeysArgs {
    /// Only the names this pattern matches (`*` for any run of characters).
    #[arg(value_name = "PATTERN")]
    pub pattern: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `find`.
#[derive(Debug, Args)]
pub(crate) struct FindArgs {
    /// Text the names contain, in any case (`*` for any run of characters).
    pub text: String,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `history`.
#[derive(Debug, Args)]
pub(crate) struct HistoryArgs {
    /// Name of the secret.
    pub name: String,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: ListingFormat,
}

/// Arguments of `delete`.
#[derive(Debug, Args)]
pub(crate) struct DeleteArgs {
    /// Name of the secret.
    pub name: String,
    /// Delete only this version.
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Print what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask before deleting every version (asked only on a terminal).
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// Arguments of `prune`.
#[derive(Debug, Args)]
pub(crate) struct PruneArgs {
    /// Name of the secret.
    pub name: String,
    /// How many of the latest versions to keep (at least 1; `delete` removes them all)
    /// [default: 1, after asking on a terminal].
    #[arg(long, value_name = "N", value_parser = parse_keep)]
    pub keep: Option<u64>,
    /// Print what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Do not ask before deleting (asked only on a terminal, when --keep is not given).
    #[arg(short = 'y', long)]
    pub yes: bool,
}

/// `--keep N`: a whole number of at least 1.
fn parse_keep(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("prune keeps at least one version; use delete to remove them all".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("{text:?} is not a whole number of versions")),
    }
}

/// Arguments of `putall`.
#[derive(Debug, Args)]
pub(crate) struct PutallArgs {
    /// JSON object of name -> value; `-` reads stdin, `@PATH` reads a file.
    pub secrets: String,
    /// Encryption context, key=value pairs.
    #[arg(value_name = "CONTEXT")]
    pub context: Vec<String>,
    /// Write every entry at exactly this version (padded like credstash).
    #[arg(short = 'v', long)]
    pub version: Option<String>,
    /// Autoversion (the default; accepted for credstash compatibility).
    #[arg(short = 'a', long, conflicts_with = "version")]
    pub autoversion: bool,
    /// Write options.
    #[command(flatten)]
    pub write: WriteOptions,
}

/// Formats of `audit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum AuditFormat {
    /// Tab-separated columns under a title line, every field escaped for the terminal.
    Text,
    /// A JSON array of objects: time, principal, account, source_ip, region, operation,
    /// name, version, error (null on success), user_agent, event_id.
    Json,
}

/// Arguments of `audit`.
#[derive(Debug, Args)]
pub(crate) struct AuditArgs {
    /// Secret names or `*` patterns [default: every secret].
    #[arg(value_name = "NAME|PATTERN")]
    pub names: Vec<String>,
    /// From when: a duration back from now (`24h`, `90m`, `7d`), a date (`2026-12-01`,
    /// UTC) or an RFC 3339 time. CloudTrail keeps 90 days.
    #[arg(long, default_value = "24h", value_name = "DURATION|TIME")]
    pub since: String,
    /// Until when (a time, a date or a duration back from now) [default: now].
    #[arg(long, value_name = "TIME")]
    pub until: Option<String>,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value = "text")]
    pub format: AuditFormat,
    /// Print an Athena query over a CloudTrail table asking the same question (for
    /// history beyond 90 days) instead of reading CloudTrail.
    #[arg(long)]
    pub print_sql: bool,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[cfg(test)]
mod tests {
    //! The generated completions/ and man/ files must match the current CLI.
    //! Regenerate them with `CREDSTORE_REGENERATE=1 cargo test --bin credstore generated`.

    use super::*;
    use clap::CommandFactory;
    use clap_complete::Shell;
    use std::path::Path;

    /// Every format value of `T` but `k8s` maps to the export format of the same name.
    fn check_export_formats<T: ValueEnum + PartialEq + std::fmt::Debug>(k8s: T) {
        for v in T::value_variants() {
            let name = v.to_possible_value().unwrap().get_name().to_owned();
            match export_format(v.clone()) {
                Some(f) => assert_eq!(f.name(), name),
                None => assert_eq!(v, &k8s, "`{name}` maps to no export format"),
            }
        }
    }

    #[test]
    fn format_values_map_to_export_formats() {
        check_export_formats(OutputFormat::K8sSecret);
        check_export_formats(EnvFormat::K8sSecret);
        assert_eq!(export_format(OutputFormat::K8sSecret), None);
        let all: Vec<_> = OutputFormat::value_variants()
            .iter()
            .filter_map(|v| export_format(*v))
            .collect();
        assert_eq!(all, credstore::export::Format::ALL);
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
