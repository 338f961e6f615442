//! The unit tests' emulator: one `moto_server` on a free loopback port, started on first
//! use and stopped at exit, for the conformance suites of the DynamoDB store and the AWS
//! key service (the integration suite has its own, richer harness in `tests/it`).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A running emulator; killed when the test process's statics are dropped (never:
/// statics are not dropped), so it is also told to end with its parent (see `start`).
struct Moto {
    endpoint: String,
    _child: Child,
}

static MOTO: OnceLock<Moto> = OnceLock::new();

/// The emulator's endpoint URL. Panics with what to do when no emulator can be found:
/// the suites never skip.
#[allow(clippy::expect_used, clippy::panic)]
pub(crate) fn endpoint() -> String {
    MOTO.get_or_init(start).endpoint.clone()
}

#[allow(clippy::expect_used, clippy::panic)]
fn start() -> Moto {
    let program = std::env::var_os("CREDSTORE_TEST_MOTO").unwrap_or_else(|| "moto_server".into());
    let port = TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    // `exec` under a shell that watches its parent: the emulator ends with the test
    // process even when a test panics or the run is interrupted.
    let parent = std::process::id();
    let script = format!(
        "\"$0\" -H 127.0.0.1 -p {port} & child=$!; \
         while kill -0 {parent} 2>/dev/null && kill -0 $child 2>/dev/null; do sleep 1; done; \
         kill $child 2>/dev/null"
    );
    let child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(&program)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start moto_server ({}): {e}; run scripts/test, or set \
                 CREDSTORE_TEST_MOTO=/path/to/moto_server. This test never skips.",
                program.to_string_lossy()
            )
        });
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let deadline = Instant::now() + Duration::from_secs(60);
    while TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err() {
        assert!(
            Instant::now() < deadline,
            "moto_server ({}) did not listen on {addr} within 60 s; set CREDSTORE_TEST_MOTO",
            program.to_string_lossy()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    Moto {
        endpoint: format!("http://{addr}"),
        _child: child,
    }
}

/// The SDK configuration of a test client of the emulator: dummy keys, one region, no
/// profile, so nothing can reach a real account.
pub(crate) fn sdk_config(region: &str) -> aws_types::SdkConfig {
    aws_types::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_types::region::Region::new(region.to_string()))
        .endpoint_url(endpoint())
        .credentials_provider(
            aws_credential_types::provider::SharedCredentialsProvider::new(
                aws_credential_types::Credentials::new("testing", "testing", None, None, "tests"),
            ),
        )
        .build()
}
