//! One test's isolated world: a fresh table and KMS key (or store file) and directory per test,
//! the environment every spawned command gets (dummy credentials, no profile, no metadata),
//! and the one builder of "credstore through endpoint X".

use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use super::REGION;
use super::command::Cmd;
use super::emulator::endpoint;
use super::fault_proxy;
use super::sdk::create_kms_key;

/// Which storage backend a test runs against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Backend {
    /// DynamoDB + KMS served by moto_server.
    Dynamo,
    /// The embedded SQLite file + local master key (`--local DIR/store.db`).
    Local,
}

/// One test's isolated world: its own table, KMS key (Dynamo) or store file (Local), HOME and
/// scratch directory.
pub(crate) struct TestEnv {
    /// The backend.
    pub backend: Backend,
    /// The table name, unique per test (also per test process, for a shared emulator).
    pub table: String,
    /// The KMS key id (Dynamo only).
    pub key_id: Option<String>,
    /// Scratch directory: HOME and cwd of every spawned command, holds the local store.
    pub dir: tempfile::TempDir,
}

impl TestEnv {
    /// A fresh environment on which `credstore setup` has already succeeded.
    pub(crate) fn new(backend: Backend) -> TestEnv {
        let env = TestEnv::bare(backend);
        env.cmd().arg("setup").run().success();
        env
    }

    /// A fresh environment without setup (no table yet).
    pub(crate) fn bare(backend: Backend) -> TestEnv {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let table = format!("credstore-test-{}-{n}", std::process::id());
        let key_id = match backend {
            Backend::Dynamo => Some(create_kms_key()),
            Backend::Local => None,
        };
        let dir = tempfile::Builder::new()
            .prefix("credstore-test-")
            .tempdir()
            .expect("tempdir");
        TestEnv {
            backend,
            table,
            key_id,
            dir,
        }
    }

    /// The embedded store's path (meaningful for `Backend::Local`).
    pub(crate) fn store_path(&self) -> PathBuf {
        self.dir.path().join("store.db")
    }

    /// The global options that point credstore at this test's table, key and endpoint.
    pub(crate) fn global_args(&self) -> Vec<OsString> {
        Endpoints::own().args(self)
    }

    /// The complete environment of a spawned command: nothing inherited but PATH, dummy
    /// credentials, no profile or config file, no instance metadata.
    pub(crate) fn base_env(&self) -> Vec<(OsString, OsString)> {
        let mut env: Vec<(OsString, OsString)> = vec![
            ("HOME".into(), self.dir.path().into()),
            ("TMPDIR".into(), self.dir.path().into()),
            ("AWS_ACCESS_KEY_ID".into(), "testing".into()),
            ("AWS_SECRET_ACCESS_KEY".into(), "testing".into()),
            ("AWS_REGION".into(), REGION.into()),
            ("AWS_DEFAULT_REGION".into(), REGION.into()),
            ("AWS_CONFIG_FILE".into(), "/dev/null".into()),
            ("AWS_SHARED_CREDENTIALS_FILE".into(), "/dev/null".into()),
            ("AWS_EC2_METADATA_DISABLED".into(), "true".into()),
            ("PYTHONUTF8".into(), "1".into()),
            ("PYTHONIOENCODING".into(), "utf-8".into()),
            ("LC_ALL".into(), "C.UTF-8".into()),
        ];
        if let Some(path) = std::env::var_os("PATH") {
            env.push(("PATH".into(), path));
        }
        if self.backend == Backend::Dynamo {
            env.push(("AWS_ENDPOINT_URL".into(), endpoint().into()));
        }
        env
    }

    /// A credstore command with this test's global options already in place.
    pub(crate) fn cmd(&self) -> Cmd {
        self.cmd_via(Endpoints::own())
    }

    /// A credstore command on another table of this test's store (the same emulator and
    /// key, or the same file): the other side of copy, diff and imports.
    pub(crate) fn cmd_on_table(&self, table: &str) -> Cmd {
        self.cmd_via(Endpoints::own().table(table))
    }

    /// A credstore command pointed as `endpoints` says: the one way a test points credstore
    /// at an endpoint, a key or tables other than its own.
    pub(crate) fn cmd_via(&self, endpoints: Endpoints) -> Cmd {
        endpoints.apply(Cmd::program(env!("CARGO_BIN_EXE_credstore"), self), self)
    }
}

/// A credstore command of `env` that reaches the emulator through `proxy` (DynamoDB).
pub(crate) fn via(env: &TestEnv, proxy: &fault_proxy::FaultProxy) -> Cmd {
    env.cmd_via(Endpoints::at(proxy.endpoint()))
}

/// Where a credstore command sends its AWS calls and which key and tables it names. Unless
/// told otherwise: the test's own key (or store file) and table, and its backend's endpoint
/// (the emulator for `Dynamo`, none for `Local`, as [`TestEnv::base_env`] has it).
#[derive(Clone, Debug, Default)]
pub(crate) struct Endpoints {
    url: Url,
    key: Key,
    /// `None`: the test's own table; otherwise these (`-t` each), none at all included.
    tables: Option<Vec<String>>,
    /// `AWS_ENDPOINT_URL_<SERVICE>` variables, which win over `--endpoint-url`.
    services: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
enum Url {
    /// The backend's own (nothing beyond [`TestEnv::base_env`] and `--endpoint-url` for Dynamo).
    #[default]
    Own,
    /// Every service at this URL: `--endpoint-url` and `AWS_ENDPOINT_URL`.
    At(String),
    /// `AWS_ENDPOINT_URL` alone, no flag.
    Variable(String),
    /// No endpoint anywhere: the region alone chooses the host, as against AWS.
    ByRegion,
}

#[derive(Clone, Debug, Default)]
enum Key {
    /// The test's own KMS key (`Dynamo`) or store file (`Local`).
    #[default]
    Own,
    /// `-k` this key (or alias, or ARN): the AWS store, whatever the test's backend.
    Other(String),
    /// No `-k` (credstore's default alias; the AWS store).
    Absent,
}

impl Endpoints {
    /// The test's own endpoint, key and table.
    pub(crate) fn own() -> Endpoints {
        Endpoints::default()
    }

    /// Every service at `url` (a fault proxy, the CloudTrail front, a private moto_server, a
    /// stand-in server), by `--endpoint-url` and `AWS_ENDPOINT_URL` both.
    pub(crate) fn at(url: impl Into<String>) -> Endpoints {
        Endpoints {
            url: Url::At(url.into()),
            ..Endpoints::default()
        }
    }

    /// Every service at the shared emulator, whatever the test's backend (the embedded store
    /// reaches SSM and Secrets Manager there).
    pub(crate) fn emulator() -> Endpoints {
        Endpoints::at(endpoint())
    }

    /// `url` given by `AWS_ENDPOINT_URL` alone, without `--endpoint-url`.
    pub(crate) fn variable(url: impl Into<String>) -> Endpoints {
        Endpoints {
            url: Url::Variable(url.into()),
            ..Endpoints::default()
        }
    }

    /// No endpoint at all (`AWS_ENDPOINT_URL` removed, no flag): the region alone would choose
    /// the host. Give services their own with [`Endpoints::service`].
    pub(crate) fn by_region() -> Endpoints {
        Endpoints {
            url: Url::ByRegion,
            ..Endpoints::default()
        }
    }

    /// One service (`KMS`, `DYNAMODB`, `CLOUDTRAIL`...) at `url`, by its own variable.
    pub(crate) fn service(mut self, service: &str, url: impl Into<String>) -> Endpoints {
        self.services.push((service.to_string(), url.into()));
        self
    }

    /// `-k key` instead of the test's own.
    pub(crate) fn key(mut self, key: impl Into<String>) -> Endpoints {
        self.key = Key::Other(key.into());
        self
    }

    /// No `-k`.
    pub(crate) fn no_key(mut self) -> Endpoints {
        self.key = Key::Absent;
        self
    }

    /// `-t table` instead of the test's own.
    pub(crate) fn table(self, table: &str) -> Endpoints {
        self.tables(&[table])
    }

    /// `-t` each of `tables` (none: no `-t`) instead of the test's own.
    pub(crate) fn tables(mut self, tables: &[&str]) -> Endpoints {
        self.tables = Some(tables.iter().map(|t| t.to_string()).collect());
        self
    }

    /// The global options for `env`: endpoint, key or store file, tables.
    pub(crate) fn args(&self, env: &TestEnv) -> Vec<OsString> {
        let mut args: Vec<OsString> = Vec::new();
        match (&self.url, env.backend) {
            (Url::At(url), _) => args.extend(["--endpoint-url".into(), url.into()]),
            (Url::Own, Backend::Dynamo) => {
                args.extend(["--endpoint-url".into(), endpoint().into()])
            }
            _ => {}
        }
        match (&self.key, env.backend) {
            (Key::Own, Backend::Dynamo) => {
                let key = env.key_id.clone().expect("dynamo key");
                args.extend(["-k".into(), key.into()]);
            }
            (Key::Own, Backend::Local) => {
                args.extend(["--local".into(), env.store_path().into_os_string()]);
            }
            (Key::Other(key), _) => args.extend(["-k".into(), key.into()]),
            (Key::Absent, _) => {}
        }
        let own = [env.table.clone()];
        for table in self.tables.as_deref().unwrap_or(&own) {
            args.extend(["-t".into(), table.into()]);
        }
        args
    }

    /// `cmd` (a credstore, or a program that runs one) with these options and variables.
    pub(crate) fn apply(self, cmd: Cmd, env: &TestEnv) -> Cmd {
        let mut cmd = cmd.args(self.args(env));
        cmd = match &self.url {
            Url::Own => cmd,
            Url::At(url) | Url::Variable(url) => cmd.env("AWS_ENDPOINT_URL", url.as_str()),
            Url::ByRegion => cmd.env_remove("AWS_ENDPOINT_URL"),
        };
        for (service, url) in &self.services {
            cmd = cmd.env(&format!("AWS_ENDPOINT_URL_{service}"), url.as_str());
        }
        cmd
    }
}
