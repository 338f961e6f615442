//! Running a program in a test's isolated environment: the `Cmd` builder (arguments,
//! environment, stdin, timeout) and `Output`, its captured result with assertions whose
//! failure messages show the command line and everything it printed.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use super::env::TestEnv;

/// How long one spawned command may run before it is killed and the test fails.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

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
        self.check(self.status.success(), format_args!("expected success"))
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
        self.check(
            matches!(self.status.code(), Some(c) if c != 0),
            format_args!("expected a non-zero exit code"),
        )
    }

    /// Asserts stdout is exactly these bytes.
    #[track_caller]
    pub(crate) fn stdout_eq(&self, expected: impl AsRef<[u8]>) -> &Self {
        let expected = expected.as_ref();
        self.check(
            self.stdout == expected,
            format_args!("stdout differs\nexpected: {}", show(expected)),
        )
    }

    /// Asserts stdout is empty.
    #[track_caller]
    pub(crate) fn stdout_empty(&self) -> &Self {
        self.stdout_eq(b"")
    }

    /// Asserts stdout contains this text.
    #[track_caller]
    pub(crate) fn stdout_contains(&self, needle: &str) -> &Self {
        self.check(
            contains(&self.stdout, needle.as_bytes()),
            format_args!("stdout lacks {needle:?}"),
        )
    }

    /// Asserts stderr contains this text.
    #[track_caller]
    pub(crate) fn stderr_contains(&self, needle: &str) -> &Self {
        self.check(
            contains(&self.stderr, needle.as_bytes()),
            format_args!("stderr lacks {needle:?}"),
        )
    }

    /// Fails the test with `what` and the report unless `ok`.
    #[track_caller]
    fn check(&self, ok: bool, what: std::fmt::Arguments<'_>) -> &Self {
        assert!(ok, "{what}\n{}", self.report());
        self
    }

    /// Asserts stderr is one or more lines, the first starting `error: ` (the CLI contract).
    #[track_caller]
    pub(crate) fn error_line(&self) -> &Self {
        self.check(
            self.stderr.starts_with(b"error: "),
            format_args!("stderr should start with \"error: \""),
        )
    }

    /// Asserts neither stream contains these bytes (a plaintext must never leak in errors).
    #[track_caller]
    pub(crate) fn no_leak(&self, secret: impl AsRef<[u8]>) -> &Self {
        let secret = secret.as_ref();
        self.check(
            !contains(&self.stdout, secret) && !contains(&self.stderr, secret),
            format_args!("the secret {} appears in the output", show(secret)),
        )
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
