//! `audit`: rows made from the KMS calls of a real run (recorded by the CloudTrail front
//! on their way to moto_server) equal those calls: who, which secret and version, which
//! operation, refusals included; paging, throttling, events naming no secret, patterns,
//! both formats, replica regions, the Athena query, and the embedded backend's refusal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use crate::harness::cloudtrail::{ACCOUNT, Answer, CloudTrailFront, Identity, TrailEvent};
use crate::harness::{self, Backend, Cmd, Endpoints, TestEnv, no_panic};
use serde_json::{Value, json};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Bob signs with this access key (moto accepts any key for its one account).
const BOB_KEY: &str = "AKIABOBEXAMPLE000001";

/// credstore with `key` against the front (which relays to moto and is CloudTrail).
fn via(env: &TestEnv, front: &CloudTrailFront, key: &str) -> Cmd {
    env.cmd_via(Endpoints::at(front.endpoint()).key(key))
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// (principal, operation, name, version, error) of a row of `audit -f json`.
fn call(row: &Value) -> (String, String, String, String, Option<String>) {
    let s = |k: &str| {
        row[k]
            .as_str()
            .unwrap_or_else(|| panic!("{k} in {row}"))
            .to_string()
    };
    (
        s("principal"),
        s("operation"),
        s("name"),
        s("version"),
        row["error"].as_str().map(str::to_string),
    )
}

/// The same of a recorded event.
fn recorded(e: &TrailEvent) -> (String, String, String, String, Option<String>) {
    let context = &e.detail["requestParameters"]["encryptionContext"];
    let text = |v: &Value| v.as_str().unwrap_or("").to_string();
    (
        e.principal.clone(),
        e.name.clone(),
        text(&context["credstore:name"]),
        text(&context["credstore:version"]),
        e.detail["errorCode"].as_str().map(str::to_string),
    )
}

/// The summary numbers on stderr: (events read, rows shown, events naming no secret).
/// The line reads `audit: N events read in R regions (...), N rows shown, N events on
/// the key naming no secret`.
fn summary(out: &harness::Output) -> (usize, usize, usize) {
    let err = out.stderr_str();
    let line = err
        .lines()
        .find(|l| l.starts_with("audit: "))
        .unwrap_or_else(|| panic!("no summary\n{}", out.report()));
    let numbers: Vec<usize> = line
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert!(line.contains(" naming no secret"), "{line:?}");
    match numbers.as_slice() {
        [read, _regions, shown, no_secret] => (*read, *shown, *no_secret),
        _ => panic!("summary {line:?}"),
    }
}

const KEYS: [&str; 11] = [
    "time",
    "principal",
    "account",
    "source_ip",
    "region",
    "operation",
    "name",
    "version",
    "error",
    "user_agent",
    "event_id",
];

#[test]
fn rows_equal_the_kms_calls_of_a_run_refusals_included() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let front = CloudTrailFront::start(harness::endpoint());
    front.identity("testing", Identity::user("alice"));
    front.identity(BOB_KEY, Identity::assumed_role("Deploy", "bob"));
    let alice = |args: &[&str]| via(&env, &front, &key).args(args).run();
    let bob = |args: &[&str]| {
        via(&env, &front, &key)
            .env("AWS_ACCESS_KEY_ID", BOB_KEY)
            .args(args)
            .run()
    };
    alice(&["setup"]).success();
    alice(&["put", "db.password", "one"]).success();
    alice(&["put", "-a", "db.password", "two"]).success();
    alice(&["put", "web.token", "three"]).success();
    bob(&["get", "db.password"])
        .success()
        .stdout_contains("two");
    bob(&["get", "-v", "1", "db.password"])
        .success()
        .stdout_contains("one");
    // A context it was not written with: KMS refuses, and the refusal is a row.
    no_panic(&bob(&["get", "web.token", "env=prod"])).code(5);
    // A credstash-style item (not bound to its name): its KMS calls name no secret.
    alice(&["put", "--legacy", "legacy.item", "old"]).success();
    alice(&["--unbound", "allow", "get", "legacy.item"]).success();

    let out = alice(&["audit", "-f", "json"]);
    out.success();
    let rows = out.json();
    let rows = rows
        .as_array()
        .unwrap_or_else(|| panic!("{}", out.report()));
    let v = harness::padded;
    let alice_arn = format!("arn:aws:iam::{ACCOUNT}:user/alice");
    let bob_arn = format!("arn:aws:sts::{ACCOUNT}:assumed-role/Deploy/bob");
    let expected = vec![
        (
            alice_arn.clone(),
            "GenerateDataKey".into(),
            "db.password".into(),
            v(1),
            None,
        ),
        (
            alice_arn.clone(),
            "GenerateDataKey".into(),
            "db.password".into(),
            v(2),
            None,
        ),
        (
            alice_arn.clone(),
            "GenerateDataKey".into(),
            "web.token".into(),
            v(1),
            None,
        ),
        (
            bob_arn.clone(),
            "Decrypt".into(),
            "db.password".into(),
            v(2),
            None,
        ),
        (
            bob_arn.clone(),
            "Decrypt".into(),
            "db.password".into(),
            v(1),
            None,
        ),
        (
            bob_arn.clone(),
            "Decrypt".into(),
            "web.token".into(),
            v(1),
            Some("InvalidCiphertextException".into()),
        ),
    ];
    let got: Vec<_> = rows.iter().map(call).collect();
    assert_eq!(got, expected, "{}", out.report());
    // And they are exactly the calls the front recorded that name a secret, in order.
    let events = front.events();
    let named: Vec<&TrailEvent> = events
        .iter()
        .filter(|e| {
            e.detail["requestParameters"]["encryptionContext"]["credstore:name"].is_string()
        })
        .collect();
    assert_eq!(
        named.iter().map(|e| recorded(e)).collect::<Vec<_>>(),
        expected
    );
    for (row, event) in rows.iter().zip(&named) {
        let object = row.as_object().unwrap();
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut want = KEYS.to_vec();
        want.sort_unstable();
        assert_eq!(keys, want, "{row}");
        assert_eq!(row["event_id"], json!(event.id));
        assert_eq!(row["account"], json!(ACCOUNT));
        assert_eq!(row["region"], json!(harness::REGION));
        assert_eq!(row["source_ip"], json!("127.0.0.1"));
        assert_eq!(row["time"], event.detail["eventTime"]);
        let agent = row["user_agent"].as_str().unwrap();
        assert!(agent.contains("app/credstore"), "user agent {agent:?}");
    }
    // The legacy item's GenerateDataKey and Decrypt name no secret: counted, not shown.
    let unbound = events.len() - named.len();
    assert_eq!(unbound, 2, "{events:?}");
    assert_eq!(summary(&out), (events.len(), 6, 2), "{}", out.report());

    // A pattern, and the text format: a title line and one escaped line per row.
    let out = alice(&["audit", "db.*", "--since", "1h"]);
    out.success();
    let lines = out.lines();
    assert_eq!(lines.len(), 5, "{}", out.report());
    assert!(lines[0].starts_with("TIME\tPRINCIPAL\tACCOUNT\tSOURCE_IP\tREGION\tOPERATION"));
    for line in &lines[1..] {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 11, "{line:?}");
        assert_eq!(fields[6], "db.password", "{line:?}");
        assert_eq!(fields[8], "-", "{line:?}");
    }
    assert_eq!(summary(&out).1, 4);
    // Names filter exactly; a name nobody used gives an empty array.
    let out = alice(&["audit", "-f", "json", "web.token"]);
    let rows = out.success().json();
    let got: Vec<_> = rows.as_array().unwrap().iter().map(call).collect();
    assert_eq!(
        got,
        expected[2..]
            .iter()
            .filter(|c| c.2 == "web.token")
            .cloned()
            .collect::<Vec<_>>()
    );
    assert_eq!(rows[1]["error"], json!("InvalidCiphertextException"));
    alice(&["audit", "-f", "json", "nobody"])
        .success()
        .stdout_eq("[]\n");
    // A window before the run holds nothing.
    let until = harness_time(now() - 3600);
    alice(&["audit", "-f", "json", "--since", "3h", "--until", &until])
        .success()
        .stdout_eq("[]\n");
    // Every lookup had one attribute, the key's ARN (none was refused), and the target
    // as CloudTrail documents it.
    let lookups = front.lookups();
    assert!(
        lookups
            .iter()
            .all(|l| !matches!(l.answer, Answer::Invalid(_))
                && l.target == crate::harness::cloudtrail::LOOKUP_TARGET),
        "{lookups:?}"
    );
}

/// RFC 3339 of `secs` (UTC), as the front writes it (the tests' own implementation, not
/// the one under test).
fn harness_time(secs: i64) -> String {
    crate::harness::cloudtrail::rfc3339(secs)
}

/// The key's ARN as moto names it.
fn key_arn(key: &str) -> String {
    format!("arn:aws:kms:{}:{ACCOUNT}:key/{key}", harness::REGION)
}

/// `n` events on `arn` naming `s/NNN`, one second apart ending a minute ago, plus
/// `unbound` that name no secret and 5 on another key.
fn fill(front: &CloudTrailFront, arn: &str, n: usize, unbound: usize) {
    let start = now() - 60 - n as i64;
    let who = Identity::user("carol");
    for i in 0..n {
        let context =
            json!({"credstore:name": format!("s/{i:03}"), "credstore:version": harness::padded(1)});
        front.push(
            start + i as i64,
            harness::REGION,
            "Decrypt",
            arn,
            &who,
            context,
            None,
            "ua",
        );
    }
    for i in 0..unbound {
        let context = json!({"app": "credstash"});
        front.push(
            start + i as i64,
            harness::REGION,
            "Decrypt",
            arn,
            &who,
            context,
            None,
            "ua",
        );
    }
    for i in 0..5 {
        let context = json!({"credstore:name": "elsewhere", "credstore:version": "1"});
        let other = key_arn("00000000-0000-0000-0000-000000000000");
        front.push(
            start + i,
            harness::REGION,
            "Decrypt",
            &other,
            &who,
            context,
            None,
            "ua",
        );
    }
}

#[test]
fn pages_are_followed_throttling_slows_down_and_unbound_events_are_counted() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let front = CloudTrailFront::start(harness::endpoint());
    // A quota below CloudTrail's documented 2/s (an account whose other tools use part
    // of it): credstore's pace starts at 2/s, is throttled, and slows down.
    front.quota(1.0, 1.0);
    fill(&front, &key_arn(&key), 180, 7);
    let out = via(&env, &front, &key)
        .args(["audit", "-f", "json", "--since", "2h"])
        .run();
    out.success();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    let want: Vec<String> = (0..180).map(|i| format!("s/{i:03}")).collect();
    assert_eq!(names, want, "every event once, oldest first");
    assert_eq!(summary(&out), (187, 180, 7), "{}", out.report());
    let lookups = front.lookups();
    let pages = lookups
        .iter()
        .filter(|l| matches!(l.answer, Answer::Page { .. }))
        .count();
    assert_eq!(
        pages, 4,
        "187 events are 4 pages of at most 50: {lookups:?}"
    );
    assert!(
        lookups.iter().any(|l| l.answer == Answer::Throttled),
        "the quota was never hit, so nothing was survived: {lookups:?}"
    );
    // A pattern over pages.
    let out = via(&env, &front, &key)
        .args(["audit", "-f", "json", "--since", "2h", "s/17*"])
        .run();
    let rows = out.success().json();
    assert_eq!(rows.as_array().unwrap().len(), 10, "{}", out.report());
}

#[test]
fn text_output_escapes_what_callers_chose() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let front = CloudTrailFront::start(harness::endpoint());
    let evil = Identity::assumed_role("R", "x\u{1b}]0;owned\u{7}\nforged");
    let context = json!({"credstore:name": "a\tb\u{202e}c", "credstore:version": "1\r2"});
    front.push(
        now() - 30,
        harness::REGION,
        "Decrypt",
        &key_arn(&key),
        &evil,
        context,
        Some("Access\u{1b}[31mDenied"),
        "ua\u{1b}[2J",
    );
    // DynamoDB and KMS straight to moto (--endpoint-url), CloudTrail to the front by
    // its own variable, which wins over --endpoint-url as for the other services.
    let cloudtrail = front.endpoint();
    let direct = || env.cmd_via(Endpoints::own().service("CLOUDTRAIL", cloudtrail.as_str()));
    let out = direct().args(["audit"]).run();
    out.success();
    let text = out.stdout_str();
    assert_eq!(text.lines().count(), 2, "{}", out.report());
    assert!(
        !text
            .chars()
            .any(|c| c != '\n' && c != '\t' && credstore::printable::is_unsafe(c)),
        "{}",
        out.report()
    );
    assert_eq!(text.lines().nth(1).unwrap().split('\t').count(), 11);
    assert!(text.contains("a\\u{0009}b\\u{202e}c"), "{}", out.report());
    // JSON keeps the text as it was.
    let rows = direct()
        .args(["audit", "-f", "json"])
        .run()
        .success()
        .json();
    assert_eq!(rows[0]["name"], json!("a\tb\u{202e}c"));
    assert_eq!(rows[0]["error"], json!("Access\u{1b}[31mDenied"));
}

#[test]
fn replica_regions_are_read_too() {
    let env = TestEnv::bare(Backend::Dynamo);
    let alias = format!("alias/credstore-audit-{}", std::process::id());
    let home_arn = crate::regions::key_with_alias(harness::REGION, &alias);
    let replica_arn = crate::regions::key_with_alias("eu-west-1", &alias);
    let front = CloudTrailFront::start(harness::endpoint());
    let cmd = || via(&env, &front, &alias).args(["--replica-region", "eu-west-1"]);
    cmd().arg("setup").run().success();
    cmd().args(["put", "r", "v"]).run().success();
    let out = cmd().args(["audit", "-f", "json"]).run();
    let rows = out.success().json();
    let got: Vec<(String, String)> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["region"].as_str().unwrap().into(),
                r["operation"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("us-east-1".to_string(), "GenerateDataKey".to_string()),
            ("eu-west-1".to_string(), "Encrypt".to_string()),
        ],
        "{}",
        out.report()
    );
    let regions: Vec<String> = front.lookups().iter().map(|l| l.region.clone()).collect();
    assert!(regions.contains(&"eu-west-1".to_string()), "{regions:?}");
    // The Athena route asks the same of both keys, and reads no event.
    let before = front.lookups().len();
    let out = cmd().args(["audit", "--print-sql", "db.*"]).run();
    out.success();
    let sql = out.stdout_str();
    for needle in [
        &home_arn,
        &replica_arn,
        "'eu-west-1'",
        "LIKE 'db.%'",
        "FROM cloudtrail_logs",
    ] {
        assert!(sql.contains(needle), "{needle:?} missing\n{sql}");
    }
    assert_eq!(
        front.lookups().len(),
        before,
        "--print-sql looked events up"
    );
}

#[test]
fn the_front_refuses_two_lookup_attributes_like_cloudtrail() {
    use aws_sdk_cloudtrail::config::{BehaviorVersion, Credentials, Region};
    use aws_sdk_cloudtrail::types::{LookupAttribute, LookupAttributeKey};
    let front = CloudTrailFront::start(harness::endpoint());
    let conf = aws_sdk_cloudtrail::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new(harness::REGION))
        .endpoint_url(front.endpoint())
        .credentials_provider(Credentials::new("testing", "testing", None, None, "tests"))
        .build();
    let client = aws_sdk_cloudtrail::Client::from_conf(conf);
    let attribute = |k: LookupAttributeKey, v: &str| {
        LookupAttribute::builder()
            .attribute_key(k)
            .attribute_value(v)
            .build()
            .unwrap()
    };
    let err = harness::rt()
        .block_on(
            client
                .lookup_events()
                .lookup_attributes(attribute(LookupAttributeKey::ResourceName, "arn"))
                .lookup_attributes(attribute(LookupAttributeKey::EventName, "Decrypt"))
                .send(),
        )
        .expect_err("two attributes");
    use aws_sdk_cloudtrail::error::ProvideErrorMetadata;
    assert_eq!(err.code(), Some("InvalidLookupAttributesException"));
}

#[test]
fn the_embedded_backend_has_no_cloudtrail() {
    let env = TestEnv::new(Backend::Local);
    let out = env.cmd().args(["audit"]).run();
    no_panic(&out).code(2).error_line().stdout_empty();
    assert_eq!(out.stderr_str().lines().count(), 1, "{}", out.report());
    out.stderr_contains("no CloudTrail");
}

/// The benchmark of BENCHMARKS.md (`scripts/bench-audit`): 1,000 events over 20 pages at
/// CloudTrail's 2 requests/s (burst 2). The quota alone takes about 19 / 2 s.
#[test]
#[ignore = "a benchmark: scripts/bench-audit runs it"]
fn bench_audit_1000_events_over_20_pages() {
    let env = TestEnv::bare(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let front = CloudTrailFront::start(harness::endpoint());
    front.quota(2.0, 2.0);
    fill(&front, &key_arn(&key), 1000, 0);
    let started = Instant::now();
    let out = via(&env, &front, &key)
        .args(["audit", "-f", "json", "--since", "2h"])
        .timeout(Duration::from_secs(120))
        .run();
    let took = started.elapsed();
    assert_eq!(out.success().json().as_array().unwrap().len(), 1000);
    let lookups = front.lookups();
    let pages = lookups
        .iter()
        .filter(|l| matches!(l.answer, Answer::Page { .. }))
        .count();
    let throttled = lookups
        .iter()
        .filter(|l| l.answer == Answer::Throttled)
        .count();
    let first = lookups.first().map(|l| l.arrived).unwrap();
    let last = lookups.last().map(|l| l.arrived).unwrap();
    let floor = Duration::from_secs_f64((pages as f64 - 1.0) / 2.0);
    println!(
        "| audit, 1,000 events, {pages} pages, quota 2 requests/s (burst 2) | {:.2} s | {:.2} s | {:.2} s | {throttled} |",
        took.as_secs_f64(),
        (last - first).as_secs_f64(),
        floor.as_secs_f64(),
    );
    assert_eq!(pages, 20);
    assert!(
        took < floor + Duration::from_secs(5),
        "took {took:?}, floor {floor:?}"
    );
}
