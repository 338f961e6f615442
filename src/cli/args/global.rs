//! The global options, shared by every command (and read once by `cli::config`).

use super::shared::parse_region;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

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

impl From<UnboundArg> for credstore::UnboundPolicy {
    fn from(arg: UnboundArg) -> Self {
        match arg {
            UnboundArg::Allow => Self::Allow,
            UnboundArg::Warn => Self::Warn,
            UnboundArg::Refuse => Self::Refuse,
        }
    }
}
