//! KMS at its quota (the fault proxy throttles KMS like the service: a token bucket, or a
//! cap on requests in flight): bulk reads still read everything with a bounded number of
//! throttled answers, and `--timeout` ends a read that cannot finish, saying how far it got.

use crate::harness::fault_proxy::{Action, FaultProxy, Request};
use crate::harness::{self, Backend, Cmd, Endpoints, TestEnv, no_panic};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// credstore pointed at `endpoint` for this test's table and key.
fn cmd_at(env: &TestEnv, endpoint: &str) -> Cmd {
    env.cmd_via(Endpoints::at(endpoint))
}

/// A table holding `n` secrets `quota/NNN`, written in one putall.
fn world(n: usize) -> TestEnv {
    let env = TestEnv::new(Backend::Dynamo);
    let entries: serde_json::Map<String, serde_json::Value> = (0..n)
        .map(|i| (format!("quota/{i:03}"), format!("quota-value-{i}").into()))
        .collect();
    env.cmd()
        .arg("putall")
        .arg(serde_json::Value::Object(entries).to_string())
        .run()
        .success();
    env
}

/// A KMS token bucket: `rate` requests/s, `burst` at once; DynamoDB passes.
fn kms_bucket(rate: f64, burst: f64) -> impl Fn(&Request) -> Action + Send + Sync {
    let bucket = Mutex::new((burst, Instant::now()));
    move |r| {
        if !r.target.starts_with("TrentService.") {
            return Action::Pass;
        }
        let mut b = bucket.lock().unwrap();
        let tokens = (b.0 + b.1.elapsed().as_secs_f64() * rate).min(burst);
        *b = (tokens, Instant::now());
        if tokens >= 1.0 {
            b.0 -= 1.0;
            Action::Pass
        } else {
            kms_throttling()
        }
    }
}

/// KMS's throttling answer.
fn kms_throttling() -> Action {
    Action::Respond {
        status: 400,
        body: r#"{"__type":"ThrottlingException","message":"Rate exceeded"}"#.into(),
        error_type: None,
    }
}

fn throttled(proxy: &FaultProxy) -> usize {
    proxy.seen().iter().filter(|(_, l)| *l == "respond").count()
}

#[test]
fn getall_at_a_kms_rate_quota_reads_everything_with_few_throttled_answers() {
    let n = 120;
    let env = world(n);
    let proxy = FaultProxy::start(harness::endpoint(), kms_bucket(40.0, 5.0));
    let out = cmd_at(&env, &proxy.endpoint()).arg("getall").run();
    no_panic(&out).success();
    let secrets: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(secrets.len(), n, "every secret read\n{}", out.report());
    // The throttles are those of finding the quota (the first burst of requests in
    // flight, then the cuts down to it, each answered at once) and of probing it again
    // now and then: measured 50-110 here, bounded by two per secret.
    let throttles = throttled(&proxy);
    let decrypts = proxy
        .seen()
        .iter()
        .filter(|(r, l)| r.is_kms("Decrypt") && *l == "pass")
        .count();
    assert_eq!(decrypts, n, "one passed Decrypt per secret");
    assert!(
        throttles <= 2 * n,
        "{throttles} throttled answers for {n} secrets\n{}",
        out.report()
    );
}

#[test]
fn getall_under_a_cap_on_kms_requests_in_flight_reads_everything() {
    let n = 60;
    let env = world(n);
    // Throttle every KMS request beyond 2 in flight: an admitted request holds its place
    // for 20 ms, as a slow KMS would (the policy runs on the request's own thread).
    let counter = AtomicUsize::new(0);
    let proxy = FaultProxy::start(harness::endpoint(), move |r| {
        if !r.target.starts_with("TrentService.") {
            return Action::Pass;
        }
        if counter.fetch_add(1, Ordering::SeqCst) >= 2 {
            counter.fetch_sub(1, Ordering::SeqCst);
            return kms_throttling();
        }
        std::thread::sleep(Duration::from_millis(20));
        counter.fetch_sub(1, Ordering::SeqCst);
        Action::Pass
    });
    let out = cmd_at(&env, &proxy.endpoint()).arg("getall").run();
    no_panic(&out).success();
    let secrets: serde_json::Map<String, serde_json::Value> =
        serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(secrets.len(), n, "every secret read\n{}", out.report());
    let throttles = throttled(&proxy);
    assert!(
        throttles <= 2 * n,
        "{throttles} throttled answers for {n} secrets\n{}",
        out.report()
    );
}

#[test]
fn timeout_ends_a_read_that_cannot_finish_naming_how_many_were_read() {
    let n = 10;
    let env = world(n);
    // The first 3 Decrypts are answered; the others hang (far beyond the timeout).
    let hanging = || {
        let decrypts = AtomicUsize::new(0);
        FaultProxy::start(harness::endpoint(), move |r| {
            if r.is_kms("Decrypt") && decrypts.fetch_add(1, Ordering::SeqCst) >= 3 {
                std::thread::sleep(Duration::from_secs(60));
            }
            Action::Pass
        })
    };
    let (first, second) = (hanging(), hanging());
    for (how, cmd) in [
        (
            "--timeout",
            cmd_at(&env, &first.endpoint()).args(["--timeout", "2s", "getall"]),
        ),
        (
            "CREDSTORE_TIMEOUT",
            cmd_at(&env, &second.endpoint())
                .env("CREDSTORE_TIMEOUT", "1500ms")
                .args(["exec", "--all", "--", "true"]),
        ),
    ] {
        let out = cmd.timeout(Duration::from_secs(30)).run();
        no_panic(out.code(1)).no_leak("quota-value");
        assert!(out.stdout.is_empty(), "{how}: no output\n{}", out.report());
        out.error_line();
        let line = out.stderr_str();
        let read: usize = line
            .split("after reading ")
            .nth(1)
            .and_then(|rest| rest.split(' ').next())
            .and_then(|d| d.parse().ok())
            .unwrap_or_else(|| panic!("{how}: names how many were read: {line}"));
        assert!(read <= 3, "{how}: at most the 3 answered were read: {line}");
        assert!(
            line.contains(&format!("of {n} secrets")) && line.contains("raise --timeout"),
            "{how}: {line}"
        );
    }
}
