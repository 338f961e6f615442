//! A CloudTrail for the tests (moto has no `LookupEvents`): an HTTP front that relays
//! every AWS request to moto_server, records each KMS data-key call it relays (caller
//! from the SigV4 access key, region from the credential scope, context and key from
//! the body, the refusal from moto's answer) as a CloudTrail event in the documented
//! shape, and answers `LookupEvents` (JSON 1.1) from those events the way CloudTrail
//! does: one lookup attribute, at most 50 events a page with `NextToken`, newest first,
//! StartTime/EndTime honoured, 2 requests/s per account and region (ThrottlingException).
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use super::fault_proxy::{find, header, read_request, with_connection_close};
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The `X-Amz-Target` of `LookupEvents` (what botocore and credstore send).
pub(crate) const LOOKUP_TARGET: &str =
    "com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents";

/// Its short form, which the Rust SDK sends by itself (CloudTrail takes both).
pub(crate) const LOOKUP_TARGET_SHORT: &str = "CloudTrail_20131101.LookupEvents";

/// moto's account (every access key it does not know belongs to it).
pub(crate) const ACCOUNT: &str = "123456789012";

/// The KMS operations recorded: the ones that handle a data key.
const RECORDED: &[&str] = &["Decrypt", "GenerateDataKey", "Encrypt", "ReEncrypt"];

/// Who signs with an access key.
#[derive(Clone, Debug)]
pub(crate) struct Identity {
    /// `IAMUser`, `AssumedRole`...
    pub kind: String,
    /// The caller's ARN.
    pub arn: String,
    /// For an assumed role, the role's ARN.
    pub role_arn: Option<String>,
}

impl Identity {
    /// An IAM user of moto's account.
    pub(crate) fn user(name: &str) -> Identity {
        Identity {
            kind: "IAMUser".into(),
            arn: format!("arn:aws:iam::{ACCOUNT}:user/{name}"),
            role_arn: None,
        }
    }

    /// A session `session` of role `role` of moto's account.
    pub(crate) fn assumed_role(role: &str, session: &str) -> Identity {
        Identity {
            kind: "AssumedRole".into(),
            arn: format!("arn:aws:sts::{ACCOUNT}:assumed-role/{role}/{session}"),
            role_arn: Some(format!("arn:aws:iam::{ACCOUNT}:role/{role}")),
        }
    }
}

/// One recorded event.
#[derive(Clone, Debug)]
pub(crate) struct TrailEvent {
    /// `eventID`.
    pub id: String,
    /// When, seconds since the epoch (CloudTrail keeps whole seconds).
    pub time: i64,
    /// `awsRegion`.
    pub region: String,
    /// `eventName`.
    pub name: String,
    /// The key's ARN (the event's resource).
    pub key_arn: String,
    /// The caller's ARN.
    pub principal: String,
    /// The `CloudTrailEvent` JSON.
    pub detail: Value,
}

/// How one `LookupEvents` request was answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Answer {
    /// A page of this many events, and whether a NextToken followed.
    Page { events: usize, more: bool },
    /// ThrottlingException.
    Throttled,
    /// Another 400 (its `__type`).
    Invalid(String),
}

/// One `LookupEvents` request as the front saw it.
#[derive(Clone, Debug)]
pub(crate) struct Lookup {
    /// The `X-Amz-Target` header.
    pub target: String,
    /// The signing region.
    pub region: String,
    /// When it arrived.
    pub arrived: Instant,
    /// What the front answered.
    pub answer: Answer,
}

struct State {
    events: Vec<TrailEvent>,
    identities: HashMap<String, Identity>,
    /// Token buckets per account and region: (tokens, last refill).
    buckets: HashMap<(String, String), (f64, Instant)>,
    rate: f64,
    burst: f64,
    lookups: Vec<Lookup>,
    next_id: u64,
}

/// A running front. Stops accepting when dropped.
pub(crate) struct CloudTrailFront {
    addr: String,
    stop: Arc<AtomicBool>,
    state: Arc<Mutex<State>>,
}

impl CloudTrailFront {
    /// Starts a front relaying to `upstream` (moto), 2 requests/s (burst 2) per account
    /// and region, the access key `testing` an IAM user `testing`.
    pub(crate) fn start(upstream: &str) -> CloudTrailFront {
        let upstream = upstream
            .trim_start_matches("http://")
            .trim_end_matches('/')
            .to_string();
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the CloudTrail front");
        let addr = listener.local_addr().expect("front address").to_string();
        listener.set_nonblocking(true).expect("non-blocking");
        let stop = Arc::new(AtomicBool::new(false));
        let state = Arc::new(Mutex::new(State {
            events: Vec::new(),
            identities: HashMap::from([("testing".to_string(), Identity::user("testing"))]),
            buckets: HashMap::new(),
            rate: 2.0,
            burst: 2.0,
            lookups: Vec::new(),
            next_id: 0,
        }));
        let (stop2, state2) = (stop.clone(), state.clone());
        std::thread::spawn(move || {
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((client, _)) => {
                        let _ = client.set_nonblocking(false);
                        let (state, upstream) = (state2.clone(), upstream.clone());
                        std::thread::spawn(move || serve(client, &upstream, &state));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(2)),
                }
            }
        });
        CloudTrailFront { addr, stop, state }
    }

    /// The endpoint URL.
    pub(crate) fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests signed with `access_key` are `identity`'s.
    pub(crate) fn identity(&self, access_key: &str, identity: Identity) {
        self.lock().identities.insert(access_key.into(), identity);
    }

    /// The quota of `LookupEvents`: `rate` requests/s, `burst` at once.
    pub(crate) fn quota(&self, rate: f64, burst: f64) {
        let mut s = self.lock();
        s.rate = rate;
        s.burst = burst;
    }

    /// The recorded events, in the order of the calls.
    pub(crate) fn events(&self) -> Vec<TrailEvent> {
        self.lock().events.clone()
    }

    /// Adds an event made by the test (another user of the key, bulk for paging).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push(
        &self,
        time: i64,
        region: &str,
        operation: &str,
        key_arn: &str,
        identity: &Identity,
        context: Value,
        error: Option<&str>,
        user_agent: &str,
    ) -> TrailEvent {
        let mut s = self.lock();
        let id = event_id(&mut s.next_id);
        let event = make_event(
            id, time, region, operation, key_arn, identity, context, error, user_agent,
        );
        s.events.push(event.clone());
        event
    }

    /// Every `LookupEvents` request so far.
    pub(crate) fn lookups(&self) -> Vec<Lookup> {
        self.lock().lookups.clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for CloudTrailFront {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

fn event_id(next: &mut u64) -> String {
    *next += 1;
    // Shaped like CloudTrail's UUIDs, sorting in the order of the calls.
    format!("{:08x}-0000-4000-8000-{:012x}", *next, *next)
}

fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// RFC 3339 of `secs` (UTC): the tests' own implementation, independent of the product's.
pub(crate) fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The CloudTrail event of one KMS call, in the documented shape.
#[allow(clippy::too_many_arguments)]
fn make_event(
    id: String,
    time: i64,
    region: &str,
    operation: &str,
    key_arn: &str,
    identity: &Identity,
    context: Value,
    error: Option<&str>,
    user_agent: &str,
) -> TrailEvent {
    let mut user = json!({
        "type": identity.kind,
        "principalId": "AIDAEXAMPLE",
        "arn": identity.arn,
        "accountId": ACCOUNT,
        "accessKeyId": "AKIAEXAMPLE",
    });
    if let Some(role) = &identity.role_arn {
        user["sessionContext"] =
            json!({"sessionIssuer": {"type": "Role", "arn": role, "accountId": ACCOUNT}});
    }
    let request = if operation == "ReEncrypt" {
        json!({"destinationEncryptionContext": context, "sourceEncryptionContext": context})
    } else {
        json!({"encryptionContext": context, "encryptionAlgorithm": "SYMMETRIC_DEFAULT"})
    };
    let mut detail = json!({
        "eventVersion": "1.08",
        "userIdentity": user,
        "eventTime": rfc3339(time),
        "eventSource": "kms.amazonaws.com",
        "eventName": operation,
        "awsRegion": region,
        "sourceIPAddress": "127.0.0.1",
        "userAgent": user_agent,
        "requestParameters": request,
        "responseElements": null,
        "requestID": format!("req-{id}"),
        "eventID": id,
        "readOnly": true,
        "resources": [{"accountId": ACCOUNT, "type": "AWS::KMS::Key", "ARN": key_arn}],
        "eventType": "AwsApiCall",
        "managementEvent": true,
        "recipientAccountId": ACCOUNT,
        "eventCategory": "Management",
    });
    if let Some(code) = error {
        detail["errorCode"] = json!(code);
        detail["errorMessage"] = json!(format!("{code} (recorded by the test front)"));
    }
    TrailEvent {
        id,
        time,
        region: region.into(),
        name: operation.into(),
        key_arn: key_arn.into(),
        principal: identity.arn.clone(),
        detail,
    }
}

/// Serves one connection (one request; answers say `Connection: close`).
fn serve(mut client: TcpStream, upstream: &str, state: &Mutex<State>) {
    let _ = client.set_read_timeout(Some(Duration::from_secs(30)));
    let Some((head, body)) = read_request(&mut client) else {
        return;
    };
    let target = header(&head, "x-amz-target").unwrap_or("").to_string();
    let (access_key, region) = credential(&head);
    let answer = if target == LOOKUP_TARGET || target == LOOKUP_TARGET_SHORT {
        let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
        lookup_events(&mut s, &target, &access_key, &region, &body)
    } else {
        let Some(answer) = relay(upstream, &head, &body) else {
            return;
        };
        if let Some(op) = target.strip_prefix("TrentService.") {
            if RECORDED.contains(&op) {
                let mut s = state.lock().unwrap_or_else(|e| e.into_inner());
                record(&mut s, op, &head, &body, &answer, &access_key, &region);
            }
        }
        answer
    };
    let _ = client.write_all(&answer);
    let _ = client.flush();
    let _ = client.shutdown(Shutdown::Both);
}

/// (access key id, region) of the SigV4 credential scope.
fn credential(head: &str) -> (String, String) {
    let scope = header(head, "authorization")
        .and_then(|a| {
            a.split([' ', ','])
                .find_map(|p| p.strip_prefix("Credential="))
        })
        .unwrap_or("");
    let mut parts = scope.split('/');
    let key = parts.next().unwrap_or("").to_string();
    let region = parts.nth(1).unwrap_or("").to_string();
    (key, region)
}

fn relay(upstream: &str, head: &str, body: &[u8]) -> Option<Vec<u8>> {
    let mut up = TcpStream::connect(upstream).ok()?;
    let _ = up.set_read_timeout(Some(Duration::from_secs(60)));
    up.write_all(with_connection_close(head).as_bytes()).ok()?;
    up.write_all(body).ok()?;
    let mut answer = Vec::new();
    up.read_to_end(&mut answer).ok()?;
    Some(answer)
}

/// Records a relayed KMS call as an event.
fn record(
    s: &mut State,
    op: &str,
    head: &str,
    body: &[u8],
    answer: &[u8],
    access_key: &str,
    region: &str,
) {
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let split = find(answer, b"\r\n\r\n").unwrap_or(answer.len());
    let status_ok = answer.starts_with(b"HTTP/1.1 2") || answer.starts_with(b"HTTP/1.0 2");
    let response: Value =
        serde_json::from_slice(answer.get(split + 4..).unwrap_or(&[])).unwrap_or(Value::Null);
    let error = (!status_ok).then(|| {
        let code = response["__type"].as_str().unwrap_or("InternalFailure");
        code.rsplit('#').next().unwrap_or(code).to_string()
    });
    // The key: what KMS answered, else the request's KeyId, else the key id that starts
    // moto's ciphertext blobs.
    let key_of = |id: &str| {
        if id.starts_with("arn:") {
            id.to_string()
        } else {
            format!("arn:aws:kms:{region}:{ACCOUNT}:key/{id}")
        }
    };
    let key_arn = response["KeyId"]
        .as_str()
        .map(str::to_string)
        .or_else(|| {
            request["KeyId"]
                .as_str()
                .or(request["DestinationKeyId"].as_str())
                .filter(|k| !k.starts_with("alias/"))
                .map(key_of)
        })
        .or_else(|| {
            let blob = B64.decode(request["CiphertextBlob"].as_str()?).ok()?;
            let id = std::str::from_utf8(blob.get(..36)?).ok()?;
            Some(key_of(id))
        })
        .unwrap_or_default();
    let context = match op {
        "ReEncrypt" => request["DestinationEncryptionContext"].clone(),
        _ => request["EncryptionContext"].clone(),
    };
    let context = if context.is_null() {
        json!({})
    } else {
        context
    };
    let identity = s
        .identities
        .get(access_key)
        .cloned()
        .unwrap_or_else(|| Identity::user(access_key));
    let user_agent = header(head, "user-agent").unwrap_or("").to_string();
    let id = event_id(&mut s.next_id);
    let event = make_event(
        id,
        now_secs(),
        region,
        op,
        &key_arn,
        &identity,
        context,
        error.as_deref(),
        &user_agent,
    );
    s.events.push(event);
}

/// Answers `LookupEvents` as CloudTrail does.
fn lookup_events(
    s: &mut State,
    target: &str,
    access_key: &str,
    region: &str,
    body: &[u8],
) -> Vec<u8> {
    let arrived = Instant::now();
    let log = |s: &mut State, answer: Answer| {
        s.lookups.push(Lookup {
            target: target.to_string(),
            region: region.to_string(),
            arrived,
            answer,
        });
    };
    // The quota: a token bucket per account and region.
    let account = s
        .identities
        .get(access_key)
        .map_or(ACCOUNT.to_string(), |_| ACCOUNT.to_string());
    let (rate, burst) = (s.rate, s.burst);
    let bucket = s
        .buckets
        .entry((account, region.to_string()))
        .or_insert((burst, arrived));
    let tokens = (bucket.0 + arrived.duration_since(bucket.1).as_secs_f64() * rate).min(burst);
    if tokens < 1.0 {
        *bucket = (tokens, arrived);
        log(s, Answer::Throttled);
        return error_answer("ThrottlingException", "Rate exceeded");
    }
    *bucket = (tokens - 1.0, arrived);
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let attributes = request["LookupAttributes"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    if attributes.len() > 1 {
        log(
            s,
            Answer::Invalid("InvalidLookupAttributesException".into()),
        );
        return error_answer(
            "InvalidLookupAttributesException",
            "You cannot specify more than one lookup attribute.",
        );
    }
    let max = request["MaxResults"].as_i64().unwrap_or(50);
    if !(1..=50).contains(&max) {
        log(s, Answer::Invalid("InvalidMaxResultsException".into()));
        return error_answer("InvalidMaxResultsException", "MaxResults must be 1 to 50.");
    }
    let start = request["StartTime"].as_f64().map(|t| t.floor() as i64);
    let end = request["EndTime"].as_f64().map(|t| t.floor() as i64);
    let attribute = attributes.first().map(|a| {
        (
            a["AttributeKey"].as_str().unwrap_or("").to_string(),
            a["AttributeValue"].as_str().unwrap_or("").to_string(),
        )
    });
    let mut matching: Vec<&TrailEvent> = s
        .events
        .iter()
        .filter(|e| e.region == region)
        .filter(|e| start.is_none_or(|t| e.time >= t) && end.is_none_or(|t| e.time <= t))
        .filter(|e| match &attribute {
            None => true,
            Some((k, v)) => match k.as_str() {
                "ResourceName" => &e.key_arn == v,
                "EventName" => &e.name == v,
                "EventSource" => v == "kms.amazonaws.com",
                "EventId" => &e.id == v,
                "Username" => e.principal.rsplit('/').next() == Some(v.as_str()),
                _ => true,
            },
        })
        .collect();
    // Newest first.
    matching.sort_by(|a, b| (b.time, &b.id).cmp(&(a.time, &a.id)));
    let offset = match request["NextToken"].as_str() {
        None => 0,
        Some(token) => match token.strip_prefix("page-").and_then(|n| n.parse().ok()) {
            Some(n) => n,
            None => {
                log(s, Answer::Invalid("InvalidNextTokenException".into()));
                return error_answer("InvalidNextTokenException", "Invalid NextToken.");
            }
        },
    };
    let page: Vec<Value> = matching
        .iter()
        .skip(offset)
        .take(max as usize)
        .map(|e| {
            json!({
                "EventId": e.id,
                "EventName": e.name,
                "ReadOnly": "true",
                "AccessKeyId": "AKIAEXAMPLE",
                "EventTime": e.time,
                "EventSource": "kms.amazonaws.com",
                "Username": e.principal.rsplit('/').next().unwrap_or(""),
                "Resources": [{"ResourceType": "AWS::KMS::Key", "ResourceName": e.key_arn}],
                "CloudTrailEvent": e.detail.to_string(),
            })
        })
        .collect();
    let next = offset + page.len();
    let more = next < matching.len();
    let mut out = json!({"Events": page});
    if more {
        out["NextToken"] = json!(format!("page-{next}"));
    }
    log(
        s,
        Answer::Page {
            events: page.len(),
            more,
        },
    );
    http_answer(200, &out.to_string())
}

fn error_answer(code: &str, message: &str) -> Vec<u8> {
    http_answer(
        400,
        &json!({"__type": code, "message": message}).to_string(),
    )
}

fn http_answer(status: u16, body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 {status} {}\r\nContent-Type: application/x-amz-json-1.1\r\n\
         Content-Length: {}\r\nConnection: close\r\nx-amzn-RequestId: cloudtrail-front\r\n\r\n{body}",
        if status == 200 { "OK" } else { "Bad Request" },
        body.len()
    )
    .into_bytes()
}
