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
        let mut args: Vec<OsString> = Vec::new();
        match self.backend {
            Backend::Dynamo => {
                args.push("--endpoint-url".into());
                args.push(endpoint().into());
                args.push("-k".into());
                args.push(self.key_id.clone().expect("dynamo key").into());
            }
            Backend::Local => {
                args.push("--local".into());
                args.push(self.store_path().into_os_string());
            }
        }
        args.push("-t".into());
        args.push(self.table.clone().into());
        args
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
        Cmd::new(self)
    }

    /// A credstore command on another table of this test's store (the same emulator and
    /// key, or the same file): the other side of copy, diff and imports.
    pub(crate) fn cmd_on_table(&self, table: &str) -> Cmd {
        let cmd = Cmd::program(env!("CARGO_BIN_EXE_credstore"), self);
        match self.backend {
            Backend::Dynamo => cmd.args([
                "--endpoint-url",
                endpoint(),
                "-k",
                self.key_id.as_deref().unwrap_or_default(),
                "-t",
                table,
            ]),
            Backend::Local => cmd
                .arg("--local")
                .arg(self.store_path())
                .args(["-t", table]),
        }
    }
}

/// A credstore command of `env` that reaches the emulator through `proxy` (DynamoDB).
pub(crate) fn via(env: &TestEnv, proxy: &fault_proxy::FaultProxy) -> Cmd {
    let endpoint = proxy.endpoint();
    Cmd::program(env!("CARGO_BIN_EXE_credstore"), env)
        .args([
            "--endpoint-url",
            endpoint.as_str(),
            "-k",
            env.key_id.as_deref().unwrap(),
            "-t",
            &env.table,
        ])
        .env("AWS_ENDPOINT_URL", endpoint.as_str())
}
