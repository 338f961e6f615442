//! Arguments become a configuration once, before anything runs: the tables, the backend
//! and the client settings. Commands see this, never the raw global flags.

use crate::cli::args::global::Global;
use crate::cli::args::shared::TargetArgs;
use crate::cli::deadline::Tally;
use crate::cli::diag::diag;
use crate::cli::exit::Failure;
use crate::cli::output;
use credstore::EncryptionContext;
use credstore::HmacEncoding;
use credstore::Keyring;
use credstore::printable::escape;
use credstore::{Access, AwsOptions, Backend};
use credstore::{Client, Settings, UnboundPolicy, Writer};
use std::path::PathBuf;
use std::sync::Arc;

/// Default table name, as credstash.
const DEFAULT_TABLE: &str = "credential-store";

/// A table other than the command's own: `copy`'s target, `diff`'s other side, `sync`'s
/// and `setup`'s replica regions.
#[derive(Debug)]
pub(crate) enum Place {
    /// Another table of the same backend.
    Table(String),
    /// A table of the embedded backend in this file.
    Local {
        /// The SQLite file.
        path: PathBuf,
        /// The table.
        table: String,
    },
    /// A table of DynamoDB + KMS, in this region (else the configured one).
    Aws {
        /// The region, when not the configured one.
        region: Option<String>,
        /// The table.
        table: String,
    },
}

/// What a command runs against.
#[derive(Debug)]
pub(crate) struct Config {
    /// The tables, in order (`-t`, else CREDSTASH_DEFAULT_TABLE, else credstash's default).
    pub tables: Vec<String>,
    /// The command's backend, built once: every client and keyring of the command comes
    /// from it (or, for the other side of a copy, from [`Config::open`]).
    backend: Backend,
    /// How to reach AWS, also when the command's backend is the embedded one (the other
    /// side of `copy --to-aws`, CloudTrail, SSM, Secrets Manager).
    aws: AwsOptions,
    /// Settings of every client.
    pub settings: Settings,
    /// What the command's bulk reads have read, for the `--timeout` error.
    pub tally: Tally,
    /// Who writes, shared by the command's clients: looked up once per process.
    writer: std::sync::OnceLock<Arc<Writer>>,
}

impl Config {
    /// Resolves the global arguments.
    pub(crate) fn from_args(g: &Global) -> Config {
        let tables = if g.table.is_empty() {
            vec![
                std::env::var("CREDSTASH_DEFAULT_TABLE")
                    .ok()
                    .filter(|t| !t.is_empty())
                    .unwrap_or_else(|| DEFAULT_TABLE.to_string()),
            ]
        } else {
            g.table.clone()
        };
        // Reads accept the keys of --read-key, else the key given with -k; with neither,
        // any key the caller may use (credstash's behaviour).
        let read_keys = if g.read_keys.is_empty() {
            g.key.iter().cloned().collect()
        } else {
            g.read_keys.clone()
        };
        let mut settings = Settings::default();
        settings.key_id = g
            .key
            .clone()
            .unwrap_or_else(|| Settings::DEFAULT_KEY_ID.to_string());
        settings.unbound = if g.strict {
            UnboundPolicy::Refuse
        } else {
            g.unbound.into()
        };
        settings.concurrency = usize::try_from(g.concurrency).unwrap_or(32);
        settings.read_keys = read_keys;
        settings.replica_regions = g.replica_regions.clone();
        settings.refuse_expired = g.strict;
        let mut aws = AwsOptions::default();
        aws.region = g.region.clone();
        aws.kms_region = g.kms_region.clone();
        aws.profile = g.profile.clone();
        aws.role_arn = g.role_arn.clone();
        aws.endpoint_url = g.endpoint_url.clone();
        aws.max_attempts = g.max_attempts;
        aws.scan_segments = g.scan_segments;
        aws.kms_timeout = g.kms_timeout;
        let backend = match &g.local {
            Some(path) => Backend::local(path.clone()),
            None => Backend::aws(aws.clone()),
        };
        Config {
            tables,
            backend,
            aws,
            settings,
            tally: Tally::default(),
            writer: std::sync::OnceLock::new(),
        }
    }

    /// `--region` as given, if given.
    pub(crate) fn region_flag(&self) -> Option<&str> {
        self.aws.region.as_deref()
    }

    /// `-p` as given, if given.
    pub(crate) fn profile(&self) -> Option<&str> {
        self.aws.profile.as_deref()
    }

    /// `--endpoint-url` as given, if given.
    pub(crate) fn endpoint_flag(&self) -> Option<&str> {
        self.aws.endpoint_url.as_deref()
    }

    /// The one table of a command (several are for `env` and `exec` only).
    pub(crate) fn table(&self) -> Result<String, Failure> {
        match self.tables.as_slice() {
            [one] => Ok(one.clone()),
            _ => Err(Failure::Usage(
                "-t may be given several times only with env and exec".into(),
            )),
        }
    }

    /// The other table of `copy` and `diff` (`verb`), from their `--to-*` arguments: the
    /// one place a second backend is chosen. The same table again is a usage error.
    pub(crate) fn other_table(&self, target: &TargetArgs, verb: &str) -> Result<Place, Failure> {
        let this = self.table()?;
        let table = target.to_table.clone().unwrap_or(this.clone());
        Ok(match (&target.to_local, target.to_aws, &target.to_region) {
            (Some(path), _, _) => Place::Local {
                path: path.clone(),
                table,
            },
            (None, true, region) | (None, false, region @ Some(_)) => Place::Aws {
                region: region.clone(),
                table,
            },
            (None, false, None) if table == this => {
                return Err(Failure::Usage(format!(
                    "{verb} needs the other table: --to-table, --to-region, --to-local FILE or \
                     --to-aws"
                )));
            }
            (None, false, None) => Place::Table(table),
        })
    }

    /// A client of `place`. `create`: a missing embedded store (and its key) may be made;
    /// otherwise it must exist.
    pub(crate) async fn open(&self, place: &Place, create: bool) -> Result<Client, Failure> {
        let access = if create { Access::Write } else { Access::Read };
        let (backend, table) = match place {
            Place::Table(table) => {
                return self
                    .client_for(table, access, HmacEncoding::default())
                    .await;
            }
            Place::Local { path, table } => (Backend::local(path.clone()), table),
            Place::Aws {
                region: None,
                table,
            } => (Backend::aws(self.aws.clone()), table),
            Place::Aws {
                region: Some(region),
                table,
            } => (Backend::aws(self.aws.clone()).in_region(region), table),
        };
        Ok(backend.client(table, access, self.settings.clone()).await?)
    }

    /// Why the writer's identity could not be found, once a write asked for it (versions
    /// were then written without `created_by`).
    pub(crate) fn writer_failure(&self) -> Option<&str> {
        self.writer.get().and_then(|w| w.failure())
    }

    /// The command's backend.
    pub(crate) fn backend(&self) -> &Backend {
        &self.backend
    }

    /// True when the command runs on the embedded backend (`--local`).
    pub(crate) fn is_local(&self) -> bool {
        self.backend.local_path().is_some()
    }

    /// How to reach AWS (CloudTrail, SSM, Secrets Manager: services of AWS whatever the
    /// command's backend).
    pub(crate) fn aws_options(&self) -> &AwsOptions {
        &self.aws
    }

    /// A reading client of the command's one table.
    pub(crate) async fn reader(&self) -> Result<Client, Failure> {
        self.client_for(&self.table()?, Access::Read, HmacEncoding::default())
            .await
    }

    /// A reading client of `table` (`env` and `exec` read several).
    pub(crate) async fn reader_of(&self, table: &str) -> Result<Client, Failure> {
        self.client_for(table, Access::Read, HmacEncoding::default())
            .await
    }

    /// A writing client of the command's one table (a missing embedded store is made).
    pub(crate) async fn writer(&self) -> Result<Client, Failure> {
        self.writer_storing_hmac(HmacEncoding::default()).await
    }

    /// A writing client storing the `hmac` attribute as `hmac` (`put --hmac-binary`).
    pub(crate) async fn writer_storing_hmac(&self, hmac: HmacEncoding) -> Result<Client, Failure> {
        self.client_for(&self.table()?, Access::Write, hmac).await
    }

    /// The keyring alone, for commands that use no table (`encrypt`, `decrypt`): no
    /// database is opened, with `--local` only the master key.
    pub(crate) async fn keyring(&self, access: Access) -> Result<Keyring, Failure> {
        Ok(self.backend.keyring(access, &self.settings).await?)
    }

    /// A client of `table`, reporting unbound reads and progress to the terminal.
    async fn client_for(
        &self,
        table: &str,
        access: Access,
        hmac: HmacEncoding,
    ) -> Result<Client, Failure> {
        let client = self
            .backend
            .clone()
            .writing_hmac_as(hmac)
            .client(table, access, self.settings.clone())
            .await?;
        let client = client
            .with_unbound_observer(|_, _| output::count_unbound())
            .with_expired_observer(|name, version, expires_at| {
                diag!(
                    "warning: secret {} version {} expired at {}; store a new value \
                     (--strict refuses expired versions)",
                    escape(&format!("{name:?}")),
                    escape(version),
                    credstore::time::format_rfc3339(expires_at)
                );
            })
            .with_first_bound_observer(output::note_first_bound);
        // One writer for every client of the process (copy has two): STS asked once.
        let client = match self.writer.get() {
            Some(writer) => client.with_writer(writer.clone()),
            None => {
                if let Some(writer) = client.writer() {
                    let _ = self.writer.set(writer.clone());
                }
                client
            }
        };
        let tally = self.tally.reporter();
        Ok(match output::progress_reporter() {
            Some(report) => client.with_progress(move |done, total| {
                tally(done, total);
                report(done, total);
            }),
            None => client.with_progress(move |done, total| tally(done, total)),
        })
    }
}

/// The user's `key=value` context arguments.
pub(crate) fn user_context(pairs: &[String]) -> Result<EncryptionContext, Failure> {
    EncryptionContext::parse_user(pairs).map_err(|e| Failure::Usage(e.to_string()))
}
