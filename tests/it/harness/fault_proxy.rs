//! A tiny HTTP fault proxy (std::net + threads) that sits between credstore and moto_server
//! and, request by request, passes through, answers an error, drops the connection, or stops
//! serving altogether.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One request as the policy sees it.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    /// 0-based index of the request among all the proxy received.
    pub index: usize,
    /// The operation: the `X-Amz-Target` header (`DynamoDB_20120810.PutItem`,
    /// `TrentService.Decrypt`), for a query-protocol call (STS) `Query.ACTION`
    /// (`Query.GetCallerIdentity`), else the request line.
    pub target: String,
    /// The `Authorization` header as sent (SigV4: `AWS4-HMAC-SHA256 Credential=...`), if any.
    pub authorization: Option<String>,
    /// When the proxy had read the whole request (before the policy ran).
    pub arrived: Instant,
    /// The request body (JSON for AWS calls), as text.
    pub body: String,
}

impl Request {
    /// True for a DynamoDB operation of this name (`"PutItem"`).
    pub(crate) fn is_dynamo(&self, op: &str) -> bool {
        self.target.starts_with("DynamoDB_") && self.target.ends_with(&format!(".{op}"))
    }

    /// True for a KMS operation of this name (`"Decrypt"`).
    pub(crate) fn is_kms(&self, op: &str) -> bool {
        self.target == format!("TrentService.{op}")
    }

    /// The SigV4 credential scope of the request's signature,
    /// `Credential=AKID/DATE/REGION/SERVICE/aws4_request`, as (key id, region, service).
    pub(crate) fn credential(&self) -> Option<Credential> {
        let auth = self.authorization.as_deref()?;
        let scope = auth
            .split([' ', ','])
            .find_map(|part| part.strip_prefix("Credential="))?;
        let mut fields = scope.split('/');
        let access_key_id = fields.next()?.to_string();
        let _date = fields.next()?;
        let region = fields.next()?.to_string();
        let service = fields.next()?.to_string();
        Some(Credential {
            access_key_id,
            region,
            service,
        })
    }
}

/// Who signed a request and for where: the SigV4 credential scope.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Credential {
    /// The access key id.
    pub access_key_id: String,
    /// The signing region.
    pub region: String,
    /// The signing service (`dynamodb`, `kms`, `sts`).
    pub service: String,
}

/// What the proxy does with one request.
#[derive(Clone, Debug)]
pub(crate) enum Action {
    /// Forward to the upstream and relay its answer.
    Pass,
    /// Like `Pass`, holding a lock shared by every proxy of the test process while the
    /// upstream answers. moto checks a DynamoDB condition and writes without a lock, so
    /// two concurrent conditional PutItems can both succeed there (real DynamoDB is
    /// atomic); race tests send writes through this so they test our code, not moto's.
    PassOneAtATime,
    /// Answer this status and JSON body without forwarding.
    Respond {
        /// HTTP status code.
        status: u16,
        /// JSON body.
        body: String,
        /// The `x-amzn-ErrorType` header, if any.
        error_type: Option<String>,
    },
    /// Close the connection without answering (nothing forwarded).
    Drop,
    /// Forward to the upstream (which acts on the request), then close the connection
    /// without relaying the answer: the client cannot tell whether the request took effect.
    PassThenDrop,
    /// Keep the connection open without answering (a region that accepts connections and
    /// never answers), until the client gives up or 60 s pass.
    Hang,
    /// Close the connection without answering, and stop accepting connections: from now on
    /// the port refuses connections, as if the server had died.
    StopServing,
}

impl Action {
    /// HTTP 500 with an AWS-style JSON body.
    pub(crate) fn internal_error() -> Action {
        Action::Respond {
            status: 500,
            body: r#"{"__type":"InternalServerError","message":"injected by the fault proxy"}"#
                .into(),
            error_type: Some("InternalServerError".into()),
        }
    }

    /// HTTP 503 with an AWS-style JSON body.
    pub(crate) fn unavailable() -> Action {
        Action::Respond {
            status: 503,
            body: r#"{"__type":"ServiceUnavailable","message":"injected by the fault proxy"}"#
                .into(),
            error_type: Some("ServiceUnavailable".into()),
        }
    }

    /// DynamoDB's throttling answer: HTTP 400 with a `ThrottlingException` JSON body.
    pub(crate) fn throttling() -> Action {
        Action::Respond {
            status: 400,
            body: r#"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate of requests exceeds the allowed throughput (injected)"}"#.into(),
            error_type: Some("ThrottlingException".into()),
        }
    }
}

/// The longest wait of the SDK between two attempts of one AWS call: a copy of `MAX_BACKOFF`
/// in src/backend.rs (`RetryConfig::standard().with_max_backoff(MAX_BACKOFF)`). Keep the two
/// equal; the tests derive their bounds on retrying from it.
pub(crate) const SDK_MAX_BACKOFF: Duration = Duration::from_secs(5);

/// What a loaded test machine may add to one attempt besides the SDK's backoff: scheduling
/// the client, reading the faulted answer or the refusal, opening the next connection.
pub(crate) const ATTEMPT_SLACK: Duration = Duration::from_secs(2);

/// What a loaded test machine may add to a whole command besides its AWS calls: starting the
/// process, loading the configuration, printing the error.
pub(crate) const COMMAND_SLACK: Duration = Duration::from_secs(10);

/// How long a command may take to give up when every attempt of its AWS calls fails at once
/// (an injected fault, a refused connection): `calls` calls, `concurrency` at a time, each
/// making `attempts` attempts (its `--max-attempts`) separated by at most the backoff cap.
/// Used as the command's timeout: a command still running then is retrying beyond its
/// configuration (or hangs), and the harness fails the test.
pub(crate) fn give_up_within(calls: u32, concurrency: u32, attempts: u32) -> Duration {
    let rounds = calls.div_ceil(concurrency.max(1));
    let one_call = SDK_MAX_BACKOFF * attempts.saturating_sub(1) + ATTEMPT_SLACK * attempts;
    one_call * rounds + COMMAND_SLACK
}

type Policy = dyn Fn(&Request) -> Action + Send + Sync;

/// A running proxy. Stops accepting when dropped.
pub(crate) struct FaultProxy {
    addr: String,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<(Request, &'static str)>>>,
}

impl FaultProxy {
    /// Starts a proxy to `upstream` (`http://127.0.0.1:PORT`) that applies `policy` to each
    /// request in arrival order.
    pub(crate) fn start(
        upstream: &str,
        policy: impl Fn(&Request) -> Action + Send + Sync + 'static,
    ) -> FaultProxy {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fault proxy");
        let addr = listener.local_addr().expect("proxy address").to_string();
        listener
            .set_nonblocking(true)
            .expect("non-blocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let seen = Arc::new(Mutex::new(Vec::new()));
        let policy: Arc<Policy> = Arc::new(policy);
        let counter = Arc::new(AtomicUsize::new(0));
        let (stop2, seen2) = (stop.clone(), seen.clone());
        std::thread::spawn(move || {
            // Polling accept, so that setting `stop` closes the port (the listener is dropped).
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        let ctx = Conn {
                            upstream: upstream.clone(),
                            policy: policy.clone(),
                            counter: counter.clone(),
                            stop: stop2.clone(),
                            seen: seen2.clone(),
                        };
                        std::thread::spawn(move || ctx.serve(client));
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        std::thread::sleep(Duration::from_millis(2));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        FaultProxy { addr, stop, seen }
    }

    /// The operations the proxy saw, in order (`Query`, `Decrypt`...).
    pub(crate) fn operations(&self) -> Vec<String> {
        self.seen()
            .iter()
            .map(|(r, _)| r.target.rsplit('.').next().unwrap_or(&r.target).to_string())
            .collect()
    }

    /// The proxy's endpoint URL.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Every request seen so far with what was done to it (`pass`, `respond`, `drop`, `stop`).
    pub(crate) fn seen(&self) -> Vec<(Request, &'static str)> {
        self.seen.lock().unwrap().clone()
    }

    /// The time between each request and the next, in arrival order.
    pub(crate) fn gaps(&self) -> Vec<Duration> {
        let mut arrivals: Vec<Instant> = self.seen().iter().map(|(r, _)| r.arrived).collect();
        arrivals.sort();
        arrivals.windows(2).map(|w| w[1] - w[0]).collect()
    }

    /// Stops accepting connections.
    pub(crate) fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop();
    }
}

struct Conn {
    upstream: String,
    policy: Arc<Policy>,
    counter: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Vec<(Request, &'static str)>>>,
}

impl Conn {
    /// Serves one connection: one request per connection (every answer says
    /// `Connection: close`), so each request is seen and counted on its own.
    fn serve(self, mut client: TcpStream) {
        let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
        let Some((head, body)) = read_request(&mut client) else {
            return;
        };
        if self.stop.load(Ordering::SeqCst) {
            return; // a connection that raced the stop: dropped like the server is gone
        }
        let request = Request {
            index: self.counter.fetch_add(1, Ordering::SeqCst),
            target: target_of(&head, &body),
            authorization: header(&head, "authorization").map(str::to_string),
            arrived: Instant::now(),
            body: String::from_utf8_lossy(&body).into_owned(),
        };
        let action = (self.policy)(&request);
        let label = match &action {
            Action::Pass => "pass",
            Action::PassOneAtATime => "pass-one-at-a-time",
            Action::Respond { .. } => "respond",
            Action::Drop => "drop",
            Action::Hang => "hang",
            Action::PassThenDrop => "pass-then-drop",
            Action::StopServing => "stop",
        };
        self.seen.lock().unwrap().push((request, label));
        match action {
            Action::Pass => {
                if let Some(answer) = self.forward(&head, &body) {
                    let _ = client.write_all(&answer);
                }
            }
            Action::PassOneAtATime => {
                static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
                let answer = {
                    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
                    self.forward(&head, &body)
                };
                if let Some(answer) = answer {
                    let _ = client.write_all(&answer);
                }
            }
            Action::Respond {
                status,
                body,
                error_type,
            } => {
                let mut text = format!(
                    "HTTP/1.1 {status} {}\r\nContent-Type: application/x-amz-json-1.0\r\n\
                     Content-Length: {}\r\nConnection: close\r\nx-amzn-RequestId: fault-proxy\r\n",
                    reason(status),
                    body.len()
                );
                if let Some(t) = error_type {
                    text.push_str(&format!("x-amzn-ErrorType: {t}\r\n"));
                }
                text.push_str("\r\n");
                text.push_str(&body);
                let _ = client.write_all(text.as_bytes());
            }
            Action::Drop => {}
            Action::Hang => {
                // Waits for the client to close its end (read returns 0 or fails).
                let _ = client.set_read_timeout(Some(Duration::from_secs(60)));
                let mut byte = [0u8; 1];
                let _ = client.read(&mut byte);
            }
            Action::PassThenDrop => {
                let _ = self.forward(&head, &body);
            }
            Action::StopServing => self.stop.store(true, Ordering::SeqCst),
        }
        let _ = client.flush();
        let _ = client.shutdown(Shutdown::Both);
    }

    /// Sends the request upstream with `Connection: close` and returns the whole answer,
    /// also marked `Connection: close`; `None` when the upstream cannot be reached.
    fn forward(&self, head: &str, body: &[u8]) -> Option<Vec<u8>> {
        let mut up = TcpStream::connect(&self.upstream).ok()?;
        let _ = up.set_read_timeout(Some(Duration::from_secs(60)));
        up.write_all(with_connection_close(head).as_bytes()).ok()?;
        up.write_all(body).ok()?;
        let mut answer = Vec::new();
        up.read_to_end(&mut answer).ok()?;
        let split = find(&answer, b"\r\n\r\n")?;
        let answer_head = std::str::from_utf8(&answer[..split]).ok()?;
        let mut out = with_connection_close(&format!("{answer_head}\r\n\r\n")).into_bytes();
        out.extend_from_slice(&answer[split + 4..]);
        Some(out)
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Error",
    }
}

/// Reads one HTTP/1.1 request (head and a `Content-Length` body).
pub(super) fn read_request(stream: &mut TcpStream) -> Option<(String, Vec<u8>)> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let split = loop {
        if let Some(i) = find(&buf, b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..split]).into_owned();
    let len = header(&head, "content-length")
        .and_then(|v| v.parse::<usize>().ok())
        .unwrap_or(0);
    let mut body = buf[split + 4..].to_vec();
    while body.len() < len {
        let n = stream.read(&mut chunk).ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some((format!("{head}\r\n\r\n"), body))
}

pub(super) fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.split("\r\n").skip(1).find_map(|line| {
        let (k, v) = line.split_once(':')?;
        k.trim().eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

fn target_of(head: &str, body: &[u8]) -> String {
    if let Some(target) = header(head, "x-amz-target") {
        return target.to_string();
    }
    let action = String::from_utf8_lossy(body)
        .split('&')
        .find_map(|p| p.strip_prefix("Action=").map(str::to_string));
    match action {
        Some(action) => format!("Query.{action}"),
        None => head.split("\r\n").next().unwrap_or("").to_string(),
    }
}

/// The head with any `Connection` header replaced by `Connection: close`.
pub(super) fn with_connection_close(head: &str) -> String {
    let lines: Vec<&str> = head
        .trim_end_matches("\r\n")
        .split("\r\n")
        .filter(|l| {
            !l.split_once(':')
                .is_some_and(|(k, _)| k.trim().eq_ignore_ascii_case("connection"))
        })
        .collect();
    format!("{}\r\nConnection: close\r\n\r\n", lines.join("\r\n"))
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
