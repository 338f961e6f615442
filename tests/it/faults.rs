//! Injected faults (DynamoDB + KMS behind the fault proxy, or a private moto_server that dies):
//! transient faults are retried, persistent ones fail fast within the configured attempts,
//! a dying server leaves no partial output and launches nothing, and a lost answer to a write
//! does not store twice.

use std::collections::BTreeMap;

use crate::harness::emulator::PrivateMoto;
use crate::harness::fault_proxy::{
    self, ATTEMPT_SLACK, Action, FaultProxy, SDK_MAX_BACKOFF, give_up_within,
};
use crate::harness::{self, Backend, Cmd, Endpoints, TestEnv, no_panic, padded};

/// One injected fault kind: label and the action the proxy takes.
type Fault = (&'static str, fn() -> Action);

/// credstore pointed at `endpoint` (a proxy or a private moto) for this test's table and key.
fn cmd_at(env: &TestEnv, endpoint: &str, key: &str) -> Cmd {
    env.cmd_via(Endpoints::at(endpoint).key(key))
}

/// The first `n` requests get `fault`, the rest pass.
fn first_n(n: usize, fault: fn() -> Action) -> impl Fn(&fault_proxy::Request) -> Action {
    move |r| if r.index < n { fault() } else { Action::Pass }
}

#[test]
fn transient_faults_are_retried_and_the_command_succeeds() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    env.cmd()
        .args(["put", "retry", "retried-value"])
        .run()
        .success();
    let faults: [Fault; 4] = [
        ("throttling", Action::throttling),
        ("500", Action::internal_error),
        ("503", Action::unavailable),
        ("dropped connection", || Action::Drop),
    ];
    for (label, fault) in faults {
        let proxy = FaultProxy::start(harness::endpoint(), first_n(2, fault));
        let out = cmd_at(&env, &proxy.endpoint(), &key)
            .args(["get", "-n", "retry"])
            .run();
        assert_eq!(
            out.stdout,
            b"retried-value",
            "get after 2 x {label}\n{}",
            out.report()
        );
        out.success();
        let faulted = proxy.seen().iter().filter(|(_, l)| *l != "pass").count();
        assert_eq!(
            faulted,
            2,
            "{label}: both faults were injected: {:?}",
            proxy.seen()
        );
        // A write goes through retries too, and lands exactly once.
        let proxy = FaultProxy::start(harness::endpoint(), first_n(2, fault));
        let name = format!("written-after-{}", label.replace(' ', "-"));
        cmd_at(&env, &proxy.endpoint(), &key)
            .args(["put", &name, "v"])
            .run()
            .success();
        assert!(
            harness::get_item(&env.table, &name, &padded(1)).is_some(),
            "{label}: the put landed"
        );
        assert!(
            harness::get_item(&env.table, &name, &padded(2)).is_none(),
            "{label}: the put landed once"
        );
    }
}

#[test]
fn persistent_faults_fail_fast_with_max_attempts() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    env.cmd()
        .args(["put", "doomed", "doomed-value"])
        .run()
        .success();
    let faults: [Fault; 4] = [
        ("throttling", Action::throttling),
        ("500", Action::internal_error),
        ("503", Action::unavailable),
        ("dropped connection", || Action::Drop),
    ];
    // Every fault kind is tried; the problems of all of them are reported together.
    let attempts = 2;
    let mut problems = Vec::new();
    for (label, fault) in faults {
        let proxy = FaultProxy::start(harness::endpoint(), move |_| fault());
        // One call (the query), all of its attempts failing at once.
        let out = cmd_at(&env, &proxy.endpoint(), &key)
            .args(["--max-attempts", &attempts.to_string(), "get", "doomed"])
            .timeout(give_up_within(1, 1, attempts))
            .run();
        no_panic(out.failure().error_line()).no_leak("doomed-value");
        assert!(
            out.stdout.is_empty(),
            "{label}: no stdout\n{}",
            out.report()
        );
        let requests = proxy.seen().len();
        if requests != attempts as usize {
            problems.push(format!(
                "{label}: --max-attempts {attempts} sent {requests} requests"
            ));
        }
        // Between two attempts the client waits at most the SDK's backoff cap (a client-side
        // rate limiter that stalls a throttled client for seconds would show here).
        for gap in proxy.gaps() {
            if gap > SDK_MAX_BACKOFF + ATTEMPT_SLACK {
                problems.push(format!(
                    "{label}: {gap:.1?} between two attempts (backoff cap {SDK_MAX_BACKOFF:?})"
                ));
            }
        }
        let stderr = out.stderr_str();
        if !stderr.contains("doomed") {
            problems.push(format!("{label}: the error does not name the secret"));
        }
        // A clear error: one line a person can read, not a dump of the SDK's internals.
        if stderr.lines().count() != 1 || stderr.len() > 600 {
            problems.push(format!(
                "{label}: the error is {} lines, {} bytes: {}",
                stderr.lines().count(),
                stderr.len(),
                harness::show(&out.stderr)
            ));
        }
    }
    assert!(
        problems.is_empty(),
        "persistent faults:\n{}",
        problems.join("\n")
    );
}

/// A private moto with a table and key, `n` secrets `bulk/NN` stored.
fn private_world(n: usize) -> (PrivateMoto, TestEnv, String) {
    let moto = PrivateMoto::start();
    let env = TestEnv::bare(Backend::Dynamo);
    let key = harness::sdk::create_key_at(moto.endpoint());
    cmd_at(&env, moto.endpoint(), &key)
        .arg("setup")
        .run()
        .success();
    let json: BTreeMap<String, String> = (0..n)
        .map(|i| (format!("bulk/{i:02}"), format!("bulk-plaintext-{i:02}")))
        .collect();
    cmd_at(&env, moto.endpoint(), &key)
        .args(["putall", &serde_json::to_string(&json).unwrap()])
        .run()
        .success();
    (moto, env, key)
}

#[test]
fn server_dying_mid_getall_fails_without_partial_output() {
    let secrets = 12;
    let (moto, env, key) = private_world(secrets);
    let moto = std::sync::Arc::new(moto);
    let killer = moto.clone();
    // The scan and a few decrypts pass; then the server dies and the port refuses.
    let proxy = FaultProxy::start(moto.endpoint(), move |r| {
        if r.index < 4 {
            Action::Pass
        } else {
            killer.kill();
            Action::StopServing
        }
    });
    // At most a scan and one decrypt per secret, two at a time, each giving up after its
    // attempts (the timeout fails the test if it keeps retrying beyond them).
    let (attempts, concurrency) = (2, 2);
    let out = cmd_at(&env, &proxy.endpoint(), &key)
        .args(["--max-attempts", &attempts.to_string()])
        .args(["--concurrency", &concurrency.to_string(), "getall"])
        .timeout(give_up_within(1 + secrets as u32, concurrency, attempts))
        .run();
    no_panic(out.failure().error_line()).no_leak("bulk-plaintext");
    assert!(out.stdout.is_empty(), "no partial output\n{}", out.report());
    assert!(
        proxy.seen().iter().any(|(r, _)| r.is_kms("Decrypt")),
        "the server died mid-way through the decrypts: {:?}",
        proxy.seen()
    );
}

#[test]
fn server_gone_before_or_during_exec_launches_nothing() {
    let secrets = 3;
    let (moto, env, key) = private_world(secrets);
    let marker = env.dir.path().join("launched");
    let attempts = 2;
    // At most a scan and one decrypt per secret (one at a time, the worst case), each giving
    // up after its attempts: the timeout fails the test if it keeps retrying beyond them.
    let exec = |endpoint: &str| {
        cmd_at(&env, endpoint, &key)
            .args(["--max-attempts", &attempts.to_string()])
            .args(["exec", "--all", "--", "sh", "-c"])
            .arg(format!("echo launched; touch '{}'", marker.display()))
            .timeout(give_up_within(1 + secrets as u32, 1, attempts))
            .run()
    };
    // During: the first requests pass, then the server dies.
    let moto = std::sync::Arc::new(moto);
    let killer = moto.clone();
    let proxy = FaultProxy::start(moto.endpoint(), move |r| {
        if r.index < 2 {
            Action::Pass
        } else {
            killer.kill();
            Action::StopServing
        }
    });
    let out = exec(&proxy.endpoint());
    no_panic(out.failure().error_line()).no_leak("bulk-plaintext");
    assert!(out.stdout.is_empty(), "{}", out.report());
    assert!(
        !marker.exists(),
        "exec launched its command\n{}",
        out.report()
    );
    assert!(
        proxy.seen().len() > 2,
        "the server died mid-way: {:?}",
        proxy.seen()
    );
    // Before: the server is already gone.
    let out = exec(moto.endpoint());
    no_panic(out.failure().error_line());
    assert!(out.stdout.is_empty(), "{}", out.report());
    assert!(
        !marker.exists(),
        "exec launched its command\n{}",
        out.report()
    );
}

/// putall with the server failing after the third write: stderr says exactly which entries
/// were stored and which were not, and the table agrees.
#[test]
fn putall_failing_part_way_reports_exactly_what_was_written() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let puts = std::sync::atomic::AtomicUsize::new(0);
    let failing = std::sync::atomic::AtomicBool::new(false);
    let proxy = FaultProxy::start(harness::endpoint(), move |r| {
        use std::sync::atomic::Ordering::SeqCst;
        if r.is_dynamo("PutItem") && puts.fetch_add(1, SeqCst) >= 3 {
            failing.store(true, SeqCst);
        }
        if failing.load(SeqCst) {
            Action::internal_error()
        } else {
            Action::Pass
        }
    });
    let entries: BTreeMap<String, String> = (1..=6)
        .map(|i| (format!("part/{i}"), format!("part-plaintext-{i}")))
        .collect();
    let out = cmd_at(&env, &proxy.endpoint(), &key)
        .args(["--max-attempts", "2", "putall"])
        .arg(serde_json::to_string(&entries).unwrap())
        .run();
    no_panic(out.code(1)).no_leak("part-plaintext");
    let stderr = out.stderr_str();
    let stored_said: Vec<&str> = entries
        .keys()
        .map(String::as_str)
        .filter(|n| stderr.contains(&format!("{n} version {} has been stored", padded(1))))
        .collect();
    let in_table: Vec<String> = harness::scan_items(&env.table)
        .iter()
        .map(|i| harness::attr_s(i, "name").to_string())
        .collect();
    let mut in_table_sorted = in_table.clone();
    in_table_sorted.sort();
    assert_eq!(
        stored_said,
        in_table_sorted,
        "stderr's stored entries are the table's\n{}",
        out.report()
    );
    assert_eq!(
        stored_said.len(),
        3,
        "three writes passed\n{}",
        out.report()
    );
    for name in entries.keys().filter(|n| !in_table.contains(n)) {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("error: ") && l.contains(name.as_str())),
            "the failed entry {name} is named on an error line\n{}",
            out.report()
        );
    }
}

/// A write that reached the table but whose answer was lost: the retry must not store the
/// secret a second time under the next version.
#[test]
fn lost_answer_to_a_write_does_not_store_twice() {
    let env = TestEnv::new(Backend::Dynamo);
    let key = env.key_id.clone().unwrap();
    let dropped = std::sync::atomic::AtomicBool::new(false);
    let proxy = FaultProxy::start(harness::endpoint(), move |r| {
        if r.is_dynamo("PutItem") && !dropped.swap(true, std::sync::atomic::Ordering::SeqCst) {
            Action::PassThenDrop
        } else {
            Action::Pass
        }
    });
    let out = cmd_at(&env, &proxy.endpoint(), &key)
        .args(["put", "once", "written-once"])
        .run();
    no_panic(&out);
    let versions: Vec<String> = harness::scan_items(&env.table)
        .iter()
        .map(|i| harness::attr_s(i, "version").to_string())
        .collect();
    assert_eq!(
        versions,
        vec![padded(1)],
        "one put, one version (the answer of the first PutItem was lost)\n{}",
        out.report()
    );
}
