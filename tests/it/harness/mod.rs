//! Shared integration-test harness: one `moto_server` for the test binary, a fresh table and KMS key per
//! test, and a `Cmd` builder that runs a program in an isolated environment with dummy AWS
//! credentials, so no test can ever reach a real AWS account.

/// One `#[test]` per backend per case, `dynamo::case` and `local::case`: the behavioural
/// suites run on both backends so their parity is tested, not assumed.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod dynamo {
            $( #[test] fn $case() { super::$case(super::Backend::Dynamo) } )*
        }
        mod local {
            $( #[test] fn $case() { super::$case(super::Backend::Local) } )*
        }
    };
}

pub(crate) mod cloudtrail;
pub(crate) mod fault_proxy;
pub(crate) mod raw;

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{ChildStdin, Command, ExitStatus, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use aws_sdk_dynamodb::types::AttributeValue;

/// The directory of the `sitecustomize.py` that patches the tests' moto_server.
fn moto_patch_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/harness/moto_patch")
}

/// The region every client (ours, credstash, the SDK clients of the tests) is told to use.
pub(crate) const REGION: &str = "us-east-1";

/// How long one spawned command may run before it is killed and the test fails.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How long the emulator may take to answer its first request.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

/// True under CI (`CI=true` or `CI=1`): a missing tool is then a hard failure by policy.
pub(crate) fn is_ci() -> bool {
    matches!(std::env::var("CI").as_deref(), Ok("true") | Ok("1"))
}

// ---------------------------------------------------------------------------------------------
// The emulator
// ---------------------------------------------------------------------------------------------

/// A running emulator. The watchdog's stdin is kept open for the whole life of the test
/// process; statics are never dropped, so the pipe closes only when the process exits (however
/// it exits), and then the watchdog kills moto_server.
struct Emulator {
    endpoint: String,
    _lifeline: Option<ChildStdin>,
}

static EMULATOR: OnceLock<Emulator> = OnceLock::new();

/// The endpoint URL of the shared emulator, started on first use.
pub(crate) fn endpoint() -> &'static str {
    &EMULATOR.get_or_init(start_or_attach).endpoint
}

fn start_or_attach() -> Emulator {
    if let Ok(url) = std::env::var("CREDSTORE_TEST_ENDPOINT") {
        let addr = url
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        assert!(
            wait_ready(&addr, READY_TIMEOUT, || true),
            "CREDSTORE_TEST_ENDPOINT={url} does not answer HTTP within {READY_TIMEOUT:?}"
        );
        return Emulator {
            endpoint: url,
            _lifeline: None,
        };
    }
    let moto = find_moto().unwrap_or_else(|| {
        panic!(
            "moto_server not found{}. Run scripts/test (it installs moto[server]==5.2.1 into \
             .venv-test), or set CREDSTORE_TEST_MOTO=/path/to/moto_server, or \
             CREDSTORE_TEST_ENDPOINT=http://127.0.0.1:PORT for an emulator already running. \
             The integration tests never skip.",
            if is_ci() { " (CI=true)" } else { "" }
        )
    });
    let log =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("moto-{}.log", std::process::id()));
    for _attempt in 0..3 {
        let port = free_port();
        let log_file = std::fs::File::create(&log).expect("create moto log");
        // The watchdog: start moto in the background, block on our pipe, kill moto on EOF.
        let mut watchdog = Command::new("sh")
            .arg("-c")
            .arg(
                // sh exits when moto does (so a failed start is seen at once); the
                // background reader kills moto when our end of the pipe closes.
                "exec 3<&0\n\
                 \"$1\" -H 127.0.0.1 -p \"$2\" </dev/null 3<&- & child=$!\n\
                 { read _ignored <&3; kill \"$child\" 2>/dev/null; } &\n\
                 wait \"$child\"\n",
            )
            .arg("credstore-test-moto-watchdog")
            .arg(&moto)
            .arg(port.to_string())
            // moto cannot decrypt under multi-Region keys; the patch fixes that (its file
            // says how). Only this process gets it.
            .env("PYTHONPATH", moto_patch_dir())
            .stdin(Stdio::piped())
            .stdout(log_file.try_clone().expect("clone log handle"))
            .stderr(log_file)
            .spawn()
            .expect("spawn sh for the moto_server watchdog");
        let lifeline = watchdog.stdin.take();
        let addr = format!("127.0.0.1:{port}");
        let ready = wait_ready(&addr, READY_TIMEOUT, || {
            matches!(watchdog.try_wait(), Ok(None))
        });
        if ready {
            // Reap the watchdog in the background so it never lingers as a zombie.
            std::thread::spawn(move || {
                let _ = watchdog.wait();
            });
            return Emulator {
                endpoint: format!("http://{addr}"),
                _lifeline: lifeline,
            };
        }
        drop(lifeline); // EOF: the watchdog kills moto
        let _ = watchdog.wait();
    }
    let tail = std::fs::read_to_string(&log).unwrap_or_default();
    panic!(
        "moto_server ({}) did not become ready after 3 attempts; its log {}:\n{}",
        moto.display(),
        log.display(),
        tail_lines(&tail, 30)
    );
}

fn find_moto() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("CREDSTORE_TEST_MOTO") {
        let p = PathBuf::from(p);
        assert!(
            p.is_file(),
            "CREDSTORE_TEST_MOTO={} is not a file",
            p.display()
        );
        return Some(p);
    }
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv-test/bin/moto_server");
    if venv.is_file() {
        return Some(venv);
    }
    find_on_path("moto_server")
}

/// The first executable file called `name` on PATH.
pub(crate) fn find_on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|p| p.is_file())
}

fn free_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    listener.local_addr().expect("local addr").port()
}

/// Polls until `addr` accepts a TCP connection and answers an HTTP request.
fn wait_ready(addr: &str, timeout: Duration, mut alive: impl FnMut() -> bool) -> bool {
    let deadline = Instant::now() + timeout;
    while Instant::now() < deadline && alive() {
        if http_answers(addr) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn http_answers(addr: &str) -> bool {
    let Some(sock) = addr.to_socket_addrs().ok().and_then(|mut a| a.next()) else {
        return false;
    };
    let Ok(mut stream) = TcpStream::connect_timeout(&sock, Duration::from_millis(500)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let request = format!("GET / HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
    if stream.write_all(request.as_bytes()).is_err() {
        return false;
    }
    let mut head = [0u8; 5];
    stream.read_exact(&mut head).is_ok() && &head == b"HTTP/"
}

fn tail_lines(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

// ---------------------------------------------------------------------------------------------
// AWS SDK clients of the tests themselves (key creation, direct item writes for tamper tests)
// ---------------------------------------------------------------------------------------------

/// One runtime for every SDK call the tests make.
pub(crate) fn rt() -> &'static tokio::runtime::Runtime {
    static RT: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RT.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("tokio runtime")
    })
}

/// A KMS client bound to the emulator with static dummy credentials.
pub(crate) fn kms() -> aws_sdk_kms::Client {
    kms_in(REGION)
}

/// A KMS client of the emulator in `region` (moto keeps regions apart).
pub(crate) fn kms_in(region: &str) -> aws_sdk_kms::Client {
    use aws_sdk_kms::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_kms::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_kms::Client::from_conf(conf)
}

/// A DynamoDB client bound to the emulator with static dummy credentials.
pub(crate) fn dynamo() -> aws_sdk_dynamodb::Client {
    dynamo_in(REGION)
}

/// A DynamoDB client of the emulator in `region`.
pub(crate) fn dynamo_in(region: &str) -> aws_sdk_dynamodb::Client {
    use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region};
    let conf = aws_sdk_dynamodb::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(region.to_string()))
        .endpoint_url(endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    aws_sdk_dynamodb::Client::from_conf(conf)
}

/// Creates a fresh symmetric KMS key in the emulator and returns its id.
pub(crate) fn create_kms_key() -> String {
    rt().block_on(async {
        let out = kms()
            .create_key()
            .description("credstore integration test")
            .send()
            .await
            .expect("KMS CreateKey against the emulator");
        out.key_metadata()
            .expect("CreateKey returned no metadata")
            .key_id()
            .to_string()
    })
}

/// A DynamoDB item as the tests handle it.
pub(crate) type Item = std::collections::HashMap<String, AttributeValue>;

/// Reads one item by its exact key (`None` when absent).
pub(crate) fn get_item(table: &str, name: &str, version: &str) -> Option<Item> {
    rt().block_on(async {
        dynamo()
            .get_item()
            .table_name(table)
            .key("name", AttributeValue::S(name.into()))
            .key("version", AttributeValue::S(version.into()))
            .consistent_read(true)
            .send()
            .await
            .expect("DynamoDB GetItem")
            .item
    })
}

/// Writes an item unconditionally (the tamper and legacy-format tests forge items this way).
pub(crate) fn put_item(table: &str, item: Item) {
    rt().block_on(async {
        dynamo()
            .put_item()
            .table_name(table)
            .set_item(Some(item))
            .send()
            .await
            .expect("DynamoDB PutItem");
    })
}

/// Every item of a table (one Scan page is enough for the tables tests make).
pub(crate) fn scan_items(table: &str) -> Vec<Item> {
    rt().block_on(async {
        dynamo()
            .scan()
            .table_name(table)
            .consistent_read(true)
            .send()
            .await
            .expect("DynamoDB Scan")
            .items
            .unwrap_or_default()
    })
}

/// The string value of an S attribute, with a message naming the attribute when it is not one.
pub(crate) fn attr_s<'a>(item: &'a Item, name: &str) -> &'a str {
    match item.get(name) {
        Some(AttributeValue::S(s)) => s,
        other => panic!("attribute {name:?} is not an S: {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Per-test environment
// ---------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------------------------

/// A command to run: program, arguments, stdin, with the test's isolated environment.
pub(crate) struct Cmd {
    program: PathBuf,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    stdin: Option<Vec<u8>>,
    cwd: PathBuf,
    timeout: Duration,
}

impl Cmd {
    /// `credstore <global options for env>`; add the subcommand with `.args(..)`.
    pub(crate) fn new(env: &TestEnv) -> Cmd {
        let mut cmd = Cmd::program(env!("CARGO_BIN_EXE_credstore"), env);
        cmd.args = env.global_args();
        cmd
    }

    /// Any program (credstash) with the test's environment and cwd, and no arguments yet.
    pub(crate) fn program(program: impl Into<PathBuf>, env: &TestEnv) -> Cmd {
        Cmd {
            program: program.into(),
            args: Vec::new(),
            env: env.base_env(),
            stdin: None,
            cwd: env.dir.path().to_path_buf(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Appends one argument.
    pub(crate) fn arg(mut self, arg: impl Into<OsString>) -> Cmd {
        self.args.push(arg.into());
        self
    }

    /// Appends arguments.
    pub(crate) fn args<I, S>(mut self, args: I) -> Cmd
    where
        I: IntoIterator<Item = S>,
        S: Into<OsString>,
    {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    /// Sets (or overrides) one environment variable.
    pub(crate) fn env(mut self, key: &str, value: impl Into<OsString>) -> Cmd {
        self.env.retain(|(k, _)| k != key);
        self.env.push((key.into(), value.into()));
        self
    }

    /// Removes one environment variable.
    pub(crate) fn env_remove(mut self, key: &str) -> Cmd {
        self.env.retain(|(k, _)| k != key);
        self
    }

    /// Feeds these bytes on stdin (otherwise stdin is /dev/null).
    pub(crate) fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Cmd {
        self.stdin = Some(bytes.into());
        self
    }

    /// Kills the command (and fails the test) after this long.
    pub(crate) fn timeout(mut self, timeout: Duration) -> Cmd {
        self.timeout = timeout;
        self
    }

    fn cmdline(&self) -> String {
        let mut s = self.program.display().to_string();
        for a in &self.args {
            let a = a.to_string_lossy();
            if a.is_empty() || a.contains(|c: char| c.is_whitespace() || c == '\'' || c == '"') {
                let _ = write!(s, " '{}'", a.replace('\'', "'\\''"));
            } else {
                let _ = write!(s, " {a}");
            }
        }
        s
    }

    /// Runs to completion (or the timeout) and captures everything.
    pub(crate) fn run(self) -> Output {
        let cmdline = self.cmdline();
        let mut command = Command::new(&self.program);
        command
            .args(&self.args)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .current_dir(&self.cwd)
            .stdin(if self.stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let mut child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot spawn {cmdline}: {e}"));
        let writer = child.stdin.take().map(|mut pipe| {
            let bytes = self.stdin.clone().unwrap_or_default();
            // A program that exits without reading stdin closes the pipe: that is not an error.
            std::thread::spawn(move || {
                let _ = pipe.write_all(&bytes);
            })
        });
        let mut out_pipe = child.stdout.take().expect("stdout pipe");
        let mut err_pipe = child.stderr.take().expect("stderr pipe");
        let out_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = out_pipe.read_to_end(&mut buf);
            buf
        });
        let err_reader = std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err_pipe.read_to_end(&mut buf);
            buf
        });
        let deadline = Instant::now() + self.timeout;
        let mut timed_out = false;
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for child") {
                break status;
            }
            if Instant::now() >= deadline {
                timed_out = true;
                let _ = child.kill();
                break child.wait().expect("wait for killed child");
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        if let Some(w) = writer {
            let _ = w.join();
        }
        let stdout = out_reader.join().expect("stdout reader");
        let stderr = err_reader.join().expect("stderr reader");
        let out = Output {
            cmdline,
            status,
            stdout,
            stderr,
        };
        assert!(
            !timed_out,
            "command timed out after {:?}\n{}",
            self.timeout,
            out.report()
        );
        out
    }
}

/// What a command did: exit status and both streams, with assertion helpers whose failure
/// messages show the command line and everything it printed.
pub(crate) struct Output {
    /// The command as a shell-like line (for messages).
    pub cmdline: String,
    /// The exit status.
    pub status: ExitStatus,
    /// Everything written on stdout.
    pub stdout: Vec<u8>,
    /// Everything written on stderr.
    pub stderr: Vec<u8>,
}

impl Output {
    /// A readable account of the run, for failure messages.
    pub(crate) fn report(&self) -> String {
        format!(
            "command: {}\nstatus:  {}\nstdout:  {}\nstderr:  {}",
            self.cmdline,
            self.status,
            show(&self.stdout),
            show(&self.stderr)
        )
    }

    /// The exit code (`None` when killed by a signal).
    pub(crate) fn exit_code(&self) -> Option<i32> {
        self.status.code()
    }

    /// Stdout as text (lossy).
    pub(crate) fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    /// Stderr as text (lossy).
    pub(crate) fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub(crate) fn success(&self) -> &Self {
        assert!(self.status.success(), "expected success\n{}", self.report());
        self
    }

    /// Asserts this exact exit code.
    #[track_caller]
    pub(crate) fn code(&self, code: i32) -> &Self {
        assert_eq!(
            self.status.code(),
            Some(code),
            "expected exit code {code}\n{}",
            self.report()
        );
        self
    }

    /// Asserts a non-zero exit (by code, not by signal).
    #[track_caller]
    pub(crate) fn failure(&self) -> &Self {
        assert!(
            matches!(self.status.code(), Some(c) if c != 0),
            "expected a non-zero exit code\n{}",
            self.report()
        );
        self
    }

    /// Asserts stdout is exactly these bytes.
    #[track_caller]
    pub(crate) fn stdout_eq(&self, expected: impl AsRef<[u8]>) -> &Self {
        let expected = expected.as_ref();
        assert!(
            self.stdout == expected,
            "stdout differs\nexpected: {}\n{}",
            show(expected),
            self.report()
        );
        self
    }

    /// Asserts stdout is empty.
    #[track_caller]
    pub(crate) fn stdout_empty(&self) -> &Self {
        self.stdout_eq(b"")
    }

    /// Asserts stdout contains this text.
    #[track_caller]
    pub(crate) fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            contains(&self.stdout, needle.as_bytes()),
            "stdout lacks {needle:?}\n{}",
            self.report()
        );
        self
    }

    /// Asserts stderr contains this text.
    #[track_caller]
    pub(crate) fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            contains(&self.stderr, needle.as_bytes()),
            "stderr lacks {needle:?}\n{}",
            self.report()
        );
        self
    }

    /// Asserts stderr is one or more lines, the first starting `error: ` (the CLI contract).
    #[track_caller]
    pub(crate) fn error_line(&self) -> &Self {
        assert!(
            self.stderr.starts_with(b"error: "),
            "stderr should start with \"error: \"\n{}",
            self.report()
        );
        self
    }

    /// Asserts neither stream contains these bytes (a plaintext must never leak in errors).
    #[track_caller]
    pub(crate) fn no_leak(&self, secret: impl AsRef<[u8]>) -> &Self {
        let secret = secret.as_ref();
        assert!(
            !contains(&self.stdout, secret) && !contains(&self.stderr, secret),
            "the secret {} appears in the output\n{}",
            show(secret),
            self.report()
        );
        self
    }

    /// Parses stdout as JSON.
    #[track_caller]
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e})\n{}", self.report()))
    }

    /// Parses stdout as a JSON object of strings.
    #[track_caller]
    pub(crate) fn json_map(&self) -> BTreeMap<String, String> {
        serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not a JSON map of strings ({e})\n{}",
                self.report()
            )
        })
    }

    /// Stdout split into lines (lossy).
    pub(crate) fn lines(&self) -> Vec<String> {
        self.stdout_str().lines().map(str::to_string).collect()
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    needle.is_empty() || haystack.windows(needle.len()).any(|w| w == needle)
}

/// Bytes shown as a quoted, escaped string, cut at 2000 characters.
pub(crate) fn show(bytes: &[u8]) -> String {
    let s = format!("{:?}", String::from_utf8_lossy(bytes));
    if s.len() > 2000 {
        let cut = (0..=2000)
            .rev()
            .find(|&i| s.is_char_boundary(i))
            .unwrap_or(0);
        format!("{}... ({} bytes in all)", &s[..cut], bytes.len())
    } else if std::str::from_utf8(bytes).is_err() {
        format!("{s} (not UTF-8, {} bytes)", bytes.len())
    } else {
        s
    }
}

/// Runs `f` over `items` on up to `threads` threads, keeping the order of results.
pub(crate) fn par_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    f: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads.max(1))
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(item) = items.get(i) else { break };
                        mine.push((i, f(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// credstash's version padding: decimal, left-padded with zeros to 19 characters.
pub(crate) fn padded(version: u64) -> String {
    format!("{version:019}")
}

/// (name, version, comment) from credstore's `list`:
/// `NAME -- version V [-- comment C] [-- created T]`, the name possibly padded like credstash's.
pub(crate) fn parse_list(out: &Output) -> Vec<(String, String, String)> {
    out.lines()
        .iter()
        .map(|l| {
            let (name, rest) = l
                .split_once(" -- version ")
                .unwrap_or_else(|| panic!("credstore list line {l:?}\n{}", out.report()));
            let mut parts = rest.split(" -- ");
            let version = parts.next().unwrap_or("").trim().to_string();
            let comment = parts
                .find_map(|p| p.strip_prefix("comment "))
                .unwrap_or("")
                .to_string();
            (name.trim_end().to_string(), version, comment)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Small helpers shared by the suites
// ---------------------------------------------------------------------------------------------

pub(crate) fn put(env: &TestEnv, name: &str, value: &str) {
    env.cmd().args(["put", name, value]).run().success();
}

pub(crate) fn get_n(env: &TestEnv, name: &str) -> Vec<u8> {
    env.cmd()
        .args(["get", "-n", name])
        .run()
        .success()
        .stdout
        .clone()
}

pub(crate) fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Stores exact bytes (via stdin, so trailing newlines and NUL survive).
pub(crate) fn put_bytes(env: &TestEnv, name: &str, value: &[u8]) {
    env.cmd()
        .args(["put", name, "-"])
        .stdin(value.to_vec())
        .run()
        .success();
}

/// Asserts what every failing command owes the user: no panic, an `error: ` line.
#[track_caller]
pub(crate) fn no_panic(out: &Output) -> &Output {
    assert!(
        !out.stderr_str().contains("panicked"),
        "the command panicked\n{}",
        out.report()
    );
    out
}

// ---------------------------------------------------------------------------------------------
// The harness's own premise
// ---------------------------------------------------------------------------------------------

/// The suite's premise: the emulator enforces the KMS encryption context (else the context and
/// tamper tests above would prove nothing).
#[test]
fn emulator_enforces_kms_context() {
    use aws_sdk_kms::primitives::Blob as KmsBlob;
    let key = create_kms_key();
    rt().block_on(async {
        let kms = kms();
        let sealed = kms
            .encrypt()
            .key_id(&key)
            .plaintext(KmsBlob::new(b"premise".to_vec()))
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("KMS Encrypt");
        let blob = sealed.ciphertext_blob().expect("ciphertext").clone();
        let wrong = kms
            .decrypt()
            .ciphertext_blob(blob.clone())
            .encryption_context("credstore:name", "b")
            .send()
            .await;
        assert!(wrong.is_err(), "moto decrypted under the wrong context");
        let right = kms
            .decrypt()
            .ciphertext_blob(blob)
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("decrypt under the right context");
        assert_eq!(right.plaintext().expect("plaintext").as_ref(), b"premise");
    });
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

/// How many times `op` is in `ops`.
pub(crate) fn count(ops: &[String], op: &str) -> usize {
    ops.iter().filter(|o| *o == op).count()
}
