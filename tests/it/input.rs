//! Bad input on both backends: every malformed argument or stdin is refused with a usage
//! error, writes nothing and never echoes the value; oversized values stop before any KMS call.

use std::time::Duration;

use crate::harness::raw::item_keys;
use crate::harness::{self, Backend, Endpoints, TestEnv, no_panic, padded};

on_both_backends!(
    bad_input_is_refused_and_writes_nothing,
    closed_stdin_stores_an_empty_secret,
);

/// One bad-input case: label, arguments, stdin.
type BadInput<'a> = (&'a str, Vec<String>, Option<Vec<u8>>);

/// A value that must never be echoed back.
const MARK: &str = "badinput-plaintext-3e8a";

fn bad_input_is_refused_and_writes_nothing(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd().args(["put", "keep", "kept"]).run().success();
    let before = item_keys(&env);
    let dir = env.dir.path();
    // ~310 KB: over the 400 KB item limit once base64-encoded.
    let big: Vec<u8> = MARK.bytes().cycle().take(310 * 1024).collect();
    std::fs::write(dir.join("big.bin"), &big).unwrap();
    let big_arg = format!("@{}", dir.join("big.bin").display());
    let dir_arg = format!("@{}", dir.display());
    let long_name = "n".repeat(2049);
    let long_multibyte = "é".repeat(1025); // 2050 bytes, 1025 characters
    let missing = "@/nonexistent/credstore-test/file".to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    let cases: Vec<BadInput> = vec![
        ("empty name", s(&["put", "", MARK]), None),
        ("name over 2048 bytes", s(&["put", &long_name, MARK]), None),
        (
            "name over 2048 bytes in UTF-8",
            s(&["put", &long_multibyte, MARK]),
            None,
        ),
        ("newline in name", s(&["put", "bad\nname", MARK]), None),
        (
            "escape in name",
            s(&["put", "bad\u{1b}[31mname", MARK]),
            None,
        ),
        ("tab in name", s(&["put", "bad\tname", MARK]), None),
        ("DEL in name", s(&["put", "bad\u{7f}name", MARK]), None),
        (
            "C1 control in name",
            s(&["put", "bad\u{85}name", MARK]),
            None,
        ),
        (
            "value over the item limit (@file)",
            s(&["put", "big", &big_arg]),
            None,
        ),
        (
            "value over the item limit (stdin)",
            s(&["put", "big", "-"]),
            Some(big.clone()),
        ),
        (
            "value over the item limit (--from-file)",
            s(&["put", "big", "--from-file", &big_arg[1..]]),
            None,
        ),
        (
            "context without =",
            s(&["put", "c", MARK, "noequals"]),
            None,
        ),
        (
            "context with an empty key",
            s(&["put", "c", MARK, "=v"]),
            None,
        ),
        (
            "context key given twice",
            s(&["put", "c", MARK, "a=1", "a=2"]),
            None,
        ),
        (
            "reserved context key (name)",
            s(&["put", "c", MARK, "credstore:name=c"]),
            None,
        ),
        (
            "reserved context key (version)",
            s(&["put", "c", MARK, "credstore:version=1"]),
            None,
        ),
        (
            "reserved context key (other)",
            s(&["put", "c", MARK, "credstore:x=1"]),
            None,
        ),
        ("unknown digest", s(&["put", "c", MARK, "-d", "SHA3"]), None),
        ("empty digest", s(&["put", "c", MARK, "-d", ""]), None),
        ("empty version", s(&["put", "c", MARK, "-v", ""]), None),
        (
            "version with a control character",
            s(&["put", "c", MARK, "-v", "1\n"]),
            None,
        ),
        (
            "two value sources",
            s(&["put", "c", MARK, "--from-file", &big_arg[1..]]),
            None,
        ),
        ("no value at all", s(&["put", "c"]), None),
        ("unreadable @file", s(&["put", "c", &missing]), None),
        ("@directory", s(&["put", "c", &dir_arg]), None),
        (
            "unreadable --from-file",
            s(&["put", "c", "--from-file", &missing[1..]]),
            None,
        ),
        (
            "malformed putall JSON",
            s(&["putall", &format!("{{\"c\": \"{MARK}\",")]),
            None,
        ),
        (
            "putall JSON not an object",
            s(&["putall", &format!("[\"{MARK}\"]")]),
            None,
        ),
        (
            "putall non-string value",
            s(&["putall", &format!(r#"{{"c1": "{MARK}", "c2": 1}}"#)]),
            None,
        ),
        (
            "putall null value",
            s(&["putall", &format!(r#"{{"c1": "{MARK}", "c2": null}}"#)]),
            None,
        ),
        (
            "putall nested value",
            s(&[
                "putall",
                &format!(r#"{{"c1": "{MARK}", "c2": {{"x": "y"}}}}"#),
            ]),
            None,
        ),
        (
            "putall malformed JSON on stdin",
            s(&["putall", "-"]),
            Some(b"{\"c\": ".to_vec()),
        ),
        ("putall empty stdin", s(&["putall", "-"]), None),
        ("putall unreadable @file", s(&["putall", &missing]), None),
        (
            "putall invalid context",
            s(&["putall", &format!(r#"{{"c": "{MARK}"}}"#), "nokv"]),
            None,
        ),
        (
            "putall reserved context",
            s(&[
                "putall",
                &format!(r#"{{"c": "{MARK}"}}"#),
                "credstore:name=c",
            ]),
            None,
        ),
        (
            "get: invalid context",
            s(&["get", "keep", "noequals"]),
            None,
        ),
        (
            "get: reserved context",
            s(&["get", "keep", "credstore:name=keep"]),
            None,
        ),
        ("get: empty version", s(&["get", "keep", "-v", ""]), None),
        ("getall: invalid context", s(&["getall", "noequals"]), None),
        ("getall: unknown format", s(&["getall", "-f", "xml"]), None),
        ("unknown subcommand", s(&["frobnicate"]), None),
    ];
    for (label, args, stdin) in &cases {
        let mut cmd = env.cmd().args(args);
        if let Some(bytes) = stdin {
            cmd = cmd.stdin(bytes.clone());
        }
        let out = cmd.run();
        let what = format!("bad input {label:?} ({b:?})");
        assert_eq!(out.exit_code(), Some(2), "{what}: exit 2\n{}", out.report());
        assert!(
            out.stderr.starts_with(b"error: "),
            "{what}: error line\n{}",
            out.report()
        );
        assert!(out.stdout.is_empty(), "{what}: no stdout\n{}", out.report());
        no_panic(&out).no_leak(MARK);
        assert_eq!(item_keys(&env), before, "{what}: nothing was written");
    }
    // The oversize error names the secret and the limit, without the value.
    env.cmd()
        .args(["put", "big", &big_arg])
        .run()
        .code(2)
        .stderr_contains("big")
        .stderr_contains("too large");
    env.cmd()
        .args(["list"])
        .run()
        .success()
        .stdout_contains("keep")
        .no_leak("big");
}

/// credstash's `put NAME -` reads stdin to the end; closed stdin is an empty secret, which is a
/// valid secret (`put NAME ""` stores one too). Decided: stored, like credstash.
fn closed_stdin_stores_an_empty_secret(b: Backend) {
    let env = TestEnv::new(b);
    // `Cmd` without `.stdin(..)` runs with stdin = /dev/null.
    env.cmd()
        .args(["put", "from-null", "-"])
        .run()
        .success()
        .stderr_contains("from-null version");
    env.cmd()
        .args(["get", "-n", "from-null"])
        .run()
        .success()
        .stdout_eq("");
    assert_eq!(item_keys(&env), vec![("from-null".to_string(), padded(1))]);
}

/// Dynamo only: the size check happens before any KMS call. KMS points at a dead port; a small
/// value then fails on KMS (so the dead endpoint is really in use), a large one fails on size.
#[test]
fn oversized_value_is_refused_before_any_kms_call() {
    let env = TestEnv::new(Backend::Dynamo);
    let big: Vec<u8> = MARK.bytes().cycle().take(310 * 1024).collect();
    let path = env.dir.path().join("big.bin");
    std::fs::write(&path, &big).unwrap();
    let dead_kms = |args: &[&str]| {
        let endpoints = Endpoints::by_region()
            .service("DYNAMODB", harness::endpoint())
            .service("KMS", "http://127.0.0.1:1");
        env.cmd_via(endpoints)
            .args(["--max-attempts", "1"])
            .args(args)
            .timeout(Duration::from_secs(30))
            .run()
    };
    let control = dead_kms(&["put", "small", "x"]);
    no_panic(control.failure().error_line());
    assert!(
        !control.stderr_str().contains("too large"),
        "the control fails on KMS, not on size\n{}",
        control.report()
    );
    let out = dead_kms(&["put", "big", &format!("@{}", path.display())]);
    no_panic(
        out.code(2)
            .error_line()
            .stderr_contains("too large")
            .stderr_contains("big"),
    )
    .no_leak(MARK);
    // DynamoDB is reachable in this setup: the dead KMS endpoint is the only thing missing.
    dead_kms(&["list"]).success().stdout_empty();
}
