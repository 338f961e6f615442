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
use credstore::backend::{self, AwsOptions};
use credstore::client::{Client, Settings, UnboundPolicy, Writer};
use credstore::printable::escape;
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
    /// The embedded backend's file, when selected.
    pub local: Option<PathBuf>,
    /// How to reach AWS (the hmac encoding is chosen per writing command).
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
        Config {
            tables,
            local: g.local.clone(),
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
        match place {
            Place::Table(table) => {
                self.client_for(table, create, HmacEncoding::default())
                    .await
            }
            Place::Local { path, table } => {
                let (path, table, settings) = (path.clone(), table.clone(), self.settings.clone());
                // Opening checks files and may wait for SQLite's lock: off the async thread.
                tokio::task::spawn_blocking(move || {
                    backend::local_client(&path, &table, create, settings)
                })
                .await
                .map_err(|e| Failure::Other(format!("opening the local store failed: {e}")))?
                .map_err(Failure::from)
            }
            Place::Aws { region, table } => {
                let mut options = self.aws_options(HmacEncoding::default());
                if let Some(region) = region {
                    options.region = Some(region.clone());
                    options.kms_region = None;
                }
                Ok(backend::aws_client(&options, table, self.settings.clone()).await?)
            }
        }
    }

    /// Why the writer's identity could not be found, once a write asked for it (versions
    /// were then written without `created_by`).
    pub(crate) fn writer_failure(&self) -> Option<&str> {
        self.writer.get().and_then(|w| w.failure())
    }

    /// The AWS options, writing the hmac attribute as `hmac`.
    pub(crate) fn aws_options(&self, hmac: HmacEncoding) -> AwsOptions {
        let mut options = self.aws.clone();
        options.hmac_encoding = hmac;
        options
    }

    /// A client of the command's one table.
    pub(crate) async fn client(
        &self,
        writing: bool,
        hmac: HmacEncoding,
    ) -> Result<Client, Failure> {
        self.client_for(&self.table()?, writing, hmac).await
    }

    /// The keyring alone, for commands that use no table (`encrypt`, `decrypt`): no
    /// database is opened, with `--local` only the master key.
    pub(crate) async fn keyring(&self, writing: bool) -> Result<Keyring, Failure> {
        Ok(if let Some(path) = &self.local {
            let (path, settings) = (path.clone(), self.settings.clone());
            tokio::task::spawn_blocking(move || backend::local_keyring(&path, writing, &settings))
                .await
                .map_err(|e| Failure::Other(format!("opening the master key failed: {e}")))??
        } else {
            backend::aws_keyring(&self.aws, &self.settings).await?
        })
    }

    /// A client of `table`, reporting unbound reads and progress to the terminal.
    pub(crate) async fn client_for(
        &self,
        table: &str,
        writing: bool,
        hmac: HmacEncoding,
    ) -> Result<Client, Failure> {
        let client = if let Some(path) = &self.local {
            // Opening checks files and may wait for SQLite's lock: off the async thread.
            let (path, table, settings) = (path.clone(), table.to_string(), self.settings.clone());
            tokio::task::spawn_blocking(move || {
                backend::local_client_with_hmac(&path, &table, writing, settings, hmac)
            })
            .await
            .map_err(|e| Failure::Other(format!("opening the local store failed: {e}")))??
        } else {
            backend::aws_client(&self.aws_options(hmac), table, self.settings.clone()).await?
        };
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
