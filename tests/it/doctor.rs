//! `doctor`: each check one line, against moto and the embedded store; failures exit 1
//! and say what to do; nothing secret is ever printed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use crate::harness::{self, Backend, Endpoints, TestEnv, no_panic};

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
    let out = env
        .cmd_via(Endpoints::emulator().key("alias/credstore-doctor-missing"))
        .arg("doctor")
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
    assert!(text.contains(": 1 item"), "{text}");
}

#[test]
fn debug_logs_each_aws_call_and_never_a_secret_or_key() {
    let env = TestEnv::new(Backend::Dynamo);
    harness::put(&env, "db/password", VALUE);
    let item = harness::get_item(&env.table, "db/password", &harness::padded(1)).unwrap();
    let wrapped = harness::attr_s(&item, "key").to_string();
    let contents = harness::attr_s(&item, "contents").to_string();
    let runs: [(bool, Option<&str>); 3] = [
        (true, None),
        (false, Some("trace")),
        (
            true,
            Some(
                "aws_smithy_runtime=trace,aws_sdk_dynamodb=trace,aws_sdk_kms=trace,credstore=trace",
            ),
        ),
    ];
    for (debug, rust_log) in runs {
        let mut cmd = env.cmd();
        if debug {
            cmd = cmd.arg("--debug");
        }
        if let Some(spec) = rust_log {
            cmd = cmd.env("RUST_LOG", spec);
        }
        let out = cmd.args(["get", "db/password"]).run();
        no_panic(&out).success().stdout_eq(format!("{VALUE}\n"));
        let label = format!("--debug {debug}, RUST_LOG {rust_log:?}");
        let stderr = out.stderr_str();
        // Never the value, the wrapped key, the ciphertext, nor a KMS body field.
        for secret in [VALUE, &wrapped, &contents, "Plaintext", "CiphertextBlob"] {
            assert!(!stderr.contains(secret), "{label}: {secret} in:\n{stderr}");
        }
        // What it did: the configuration, each call named, with its duration.
        assert!(stderr.contains("AWS configuration"), "{label}:\n{stderr}");
        for call in ["Query", "Decrypt"] {
            assert!(stderr.contains(call), "{label}: no {call}:\n{stderr}");
        }
        assert!(
            stderr.contains("attempts=1 status=200"),
            "{label}: no call line:\n{stderr}"
        );
        assert!(stderr.contains(" ms\n"), "{label}: no durations:\n{stderr}");
    }
    // Without either, nothing on stderr.
    let out = env.cmd().args(["get", "db/password"]).run();
    out.success();
    assert!(out.stderr.is_empty(), "{}", out.report());
}

/// A password in the endpoint URL (`http://user:PASSWORD@host`) is never printed: not by
/// `doctor`, not by `--debug`, whether it comes from AWS_ENDPOINT_URL or --endpoint-url
/// (issue 21, finding 8).
#[test]
fn the_endpoint_password_is_never_printed() {
    const PASSWORD: &str = "s3cr3tpw";
    let env = TestEnv::new(Backend::Dynamo);
    harness::put(&env, "db/password", VALUE);
    let with_password = harness::endpoint().replacen("://", &format!("://user:{PASSWORD}@"), 1);
    assert!(with_password.contains(PASSWORD), "{with_password}");
    let base = || env.cmd_via(Endpoints::variable(with_password.as_str()));
    let runs = [
        ("doctor", base().arg("doctor").run()),
        (
            "--debug get",
            base().args(["--debug", "get", "db/password"]).run(),
        ),
        (
            "--endpoint-url doctor",
            base()
                .args(["--endpoint-url", &with_password, "doctor"])
                .run(),
        ),
        (
            "--endpoint-url --debug get",
            base()
                .args([
                    "--endpoint-url",
                    &with_password,
                    "--debug",
                    "get",
                    "db/password",
                ])
                .run(),
        ),
    ];
    for (what, out) in &runs {
        no_panic(out).no_leak(PASSWORD);
        let all = format!("{}{}", out.stdout_str(), out.stderr_str());
        assert!(
            !all.contains(PASSWORD),
            "{what} printed the password:\n{all}"
        );
    }
    // They still worked, and still say which endpoint (without its userinfo).
    let (_, doctor) = &runs[0];
    doctor.success();
    assert!(
        doctor
            .stdout_str()
            .contains("AWS_ENDPOINT_URL=http://***@127.0.0.1"),
        "{}",
        doctor.stdout_str()
    );
    let (_, get) = &runs[1];
    get.success().stdout_eq(format!("{VALUE}\n").as_bytes());
    assert!(
        get.stderr_str().contains("***@127.0.0.1"),
        "{}",
        get.stderr_str()
    );
}
