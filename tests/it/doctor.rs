//! `doctor`: each check one line, against moto and the embedded store; failures exit 1
//! and say what to do; nothing secret is ever printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use crate::harness::{self, Backend, TestEnv, no_panic};

const VALUE: &str = "doctor-must-never-print-this";

#[test]
fn doctor_reports_every_check_and_no_secret() {
    let env = TestEnv::new(Backend::Dynamo);
    harness::put(&env, "db/password", VALUE);
    let out = env.cmd().arg("doctor").run();
    no_panic(&out).success().no_leak(VALUE);
    let text = out.stdout_str();
    for what in ["region", "endpoint", "identity", "table", "key"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("ok") && l.split_whitespace().nth(1) == Some(what)),
            "no ok line for {what}:\n{text}"
        );
    }
    assert!(text.contains("us-east-1 (from AWS_REGION)"), "{text}");
    assert!(text.contains("--endpoint-url"), "{text}");
    assert!(text.contains("account 123456789012"), "{text}");
    assert!(text.contains(&env.table), "{text}");
    assert!(text.contains("PAY_PER_REQUEST"), "{text}");
    assert!(text.contains("nothing stored"), "{text}");
    // The round trip stored nothing.
    assert_eq!(harness::scan_items(&env.table).len(), 1);
}

#[test]
fn doctor_names_what_fails_and_what_to_do() {
    let env = TestEnv::bare(Backend::Dynamo);
    let out = env.cmd().arg("doctor").run();
    no_panic(&out).code(1);
    let text = out.stdout_str();
    let table = text
        .lines()
        .find(|l| l.starts_with("FAIL  table"))
        .unwrap_or_default();
    assert!(table.contains("credstore setup"), "{text}");
    assert!(table.contains("us-east-1"), "{text}");
    // A key that does not exist: the key line fails, the others still run.
    env.cmd().arg("setup").run().success();
    let out = harness::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(["--endpoint-url", harness::endpoint(), "-t", &env.table])
        .args(["-k", "alias/credstore-doctor-missing", "doctor"])
        .run();
    no_panic(&out).code(1);
    let text = out.stdout_str();
    assert!(text.lines().any(|l| l.starts_with("ok    table")), "{text}");
    let key = text
        .lines()
        .find(|l| l.starts_with("FAIL  key"))
        .unwrap_or_default();
    assert!(key.contains("alias/credstore-doctor-missing"), "{text}");
    assert!(key.contains("-k"), "{text}");
}

#[test]
fn doctor_checks_the_embedded_store() {
    let env = TestEnv::new(Backend::Local);
    harness::put(&env, "local/secret", VALUE);
    let out = env.cmd().arg("doctor").run();
    no_panic(&out).success().no_leak(VALUE);
    let text = out.stdout_str();
    for what in ["store", "table", "key"] {
        assert!(
            text.lines()
                .any(|l| l.starts_with("ok") && l.split_whitespace().nth(1) == Some(what)),
            "no ok line for {what}:\n{text}"
        );
    }
    assert!(text.contains("1 items"), "{text}");
}
