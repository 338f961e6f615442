//! The emulator: finds or attaches to moto_server, starts one for the whole test binary behind a
//! watchdog that kills it when the test process exits, waits until it answers, and starts
//! private ones a test may kill.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use super::is_ci;
use super::tools::{find_on_path, find_tool};

/// The directory of the `sitecustomize.py` that patches the tests' moto_server.
fn moto_patch_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/it/harness/moto_patch")
}

/// How long the emulator may take to answer its first request.
const READY_TIMEOUT: Duration = Duration::from_secs(20);

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
    find_tool("CREDSTORE_TEST_MOTO", ".venv-test/bin/moto_server")
        .or_else(|| find_on_path("moto_server"))
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

/// A moto_server owned by one test; killed on `kill()` or drop.
pub(crate) struct PrivateMoto {
    child: Mutex<Option<Child>>,
    endpoint: String,
}

impl PrivateMoto {
    /// Starts a moto_server on a free port and waits until it answers.
    pub(crate) fn start() -> PrivateMoto {
        let moto = find_moto()
            .expect("moto_server not found (run scripts/test or set CREDSTORE_TEST_MOTO)");
        for _attempt in 0..3 {
            let port = free_port();
            let child = Command::new(&moto)
                .args(["-H", "127.0.0.1", "-p", &port.to_string()])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap_or_else(|e| panic!("spawn {}: {e}", moto.display()));
            let me = PrivateMoto {
                child: Mutex::new(Some(child)),
                endpoint: format!("http://127.0.0.1:{port}"),
            };
            let addr = format!("127.0.0.1:{port}");
            if wait_ready(&addr, Duration::from_secs(30), || !me.exited()) {
                return me;
            }
            me.kill();
        }
        panic!("a private moto_server ({}) did not start", moto.display());
    }

    /// Its endpoint URL.
    pub(crate) fn endpoint(&self) -> &str {
        &self.endpoint
    }

    fn exited(&self) -> bool {
        let mut guard = self.child.lock().unwrap();
        guard
            .as_mut()
            .is_none_or(|c| matches!(c.try_wait(), Ok(Some(_))))
    }

    /// Kills the server (idempotent) and waits for it to exit.
    pub(crate) fn kill(&self) {
        if let Some(mut child) = self.child.lock().unwrap().take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for PrivateMoto {
    fn drop(&mut self) {
        self.kill();
    }
}
