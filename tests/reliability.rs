//! Reliability suite (issue 7): tampered items, bad input, injected faults, races and hygiene,
//! on both backends where the case exists for both. Each case asserts the documented exit code
//! (notes/cli.md), that stderr names the item, and that no plaintext leaks.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

#[macro_use]
mod common;
#[path = "common/fault_proxy.rs"]
mod fault_proxy;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use common::raw::{Raw, delete_raw, scan_raw, sqlite, write_raw};
use common::{Backend, Cmd, Output, TestEnv, padded};
use fault_proxy::{Action, FaultProxy, PrivateMoto};

on_both_backends!(
    tamper_matrix,
    bad_input_is_refused_and_writes_nothing,
    closed_stdin_stores_an_empty_secret,
    fifty_concurrent_autoversion_puts,
    ten_concurrent_explicit_version_puts,
    no_temp_files_left_behind,
);

/// Asserts what every failing command owes the user: no panic, an `error: ` line.
#[track_caller]
fn no_panic(out: &Output) -> &Output {
    assert!(
        !out.stderr_str().contains("panicked"),
        "the command panicked\n{}",
        out.report()
    );
    out
}

// ---------------------------------------------------------------------------------------------
// Raw access to stored items, on either backend
// ---------------------------------------------------------------------------------------------

/// Puts the table back to exactly `snapshot`.
fn restore(env: &TestEnv, snapshot: &[Raw]) {
    for r in scan_raw(env) {
        delete_raw(env, &r.name, &r.version);
    }
    for r in snapshot {
        write_raw(env, r);
    }
}

/// (name, version) of every item, sorted.
fn item_keys(env: &TestEnv) -> Vec<(String, String)> {
    let mut keys: Vec<_> = match env.backend {
        Backend::Local if !env.store_path().exists() => Vec::new(),
        Backend::Local => {
            let conn = sqlite(env);
            let exists: bool = conn
                .query_row(
                    "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
                    [&env.table],
                    |r| r.get(0),
                )
                .unwrap();
            if exists {
                scan_raw(env)
                    .into_iter()
                    .map(|r| (r.name, r.version))
                    .collect()
            } else {
                Vec::new()
            }
        }
        Backend::Dynamo => scan_raw(env)
            .into_iter()
            .map(|r| (r.name, r.version))
            .collect(),
    };
    keys.sort();
    keys
}

// ---------------------------------------------------------------------------------------------
// 1. The tamper matrix
// ---------------------------------------------------------------------------------------------

const A: &str = "tamper/alpha";
const B: &str = "tamper/bravo";
const L: &str = "tamper/legacy";
const PA: &str = "alpha-plaintext-7f3c9e two AES blocks long, at least";
const PB: &str = "bravo-plaintext-51d0aa two AES blocks long, at least";
const PL: &str = "legacy-plaintext-c2b84e two AES blocks long, at least";

/// A damage done to the stored items before one command runs.
type Mutation = Box<dyn Fn(&mut Vec<Raw>)>;

/// One tamper case: damage, the command that must refuse, and its documented exit code.
struct Case {
    label: &'static str,
    mutate: Mutation,
    args: Vec<String>,
    env: Vec<(&'static str, &'static str)>,
    code: i32,
    /// The item the error must name.
    names: &'static str,
}

fn case(
    label: &'static str,
    code: i32,
    names: &'static str,
    args: &[&str],
    mutate: impl Fn(&mut Vec<Raw>) + 'static,
) -> Case {
    Case {
        label,
        mutate: Box::new(mutate),
        args: args.iter().map(|s| s.to_string()).collect(),
        env: Vec::new(),
        code,
        names,
    }
}

fn item<'a>(items: &'a mut [Raw], name: &str) -> &'a mut Raw {
    items
        .iter_mut()
        .find(|r| r.name == name && r.version == padded(1))
        .unwrap_or_else(|| panic!("no item {name} v1"))
}

fn flip(bytes: &mut [u8], at: usize) {
    let i = at.min(bytes.len() - 1);
    bytes[i] ^= 0x5a;
}

/// Swaps the selected fields of A and B.
fn swap(items: &mut [Raw], key: bool, contents: bool, hmac: bool) {
    let a = item(items, A).clone();
    let b = item(items, B).clone();
    let (mut na, mut nb) = (a.clone(), b.clone());
    if key {
        na.key = b.key.clone();
        nb.key = a.key.clone();
    }
    if contents {
        na.contents = b.contents.clone();
        nb.contents = a.contents.clone();
    }
    if hmac {
        na.hmac = b.hmac.clone();
        nb.hmac = a.hmac.clone();
    }
    *item(items, A) = na;
    *item(items, B) = nb;
}

fn ctx_of<'a>(items: &'a mut [Raw], name: &str) -> &'a mut BTreeMap<String, String> {
    item(items, name)
        .context
        .as_mut()
        .expect("a default put stores its context")
}

/// The cases. Codes follow notes/cli.md and FORMAT.md: damage the HMAC catches (contents,
/// hmac, a ciphertext paired with another item's tag) is an integrity failure (4); damage
/// that changes what the data key is bound to (key bytes, name, version, context, strict
/// mode) is a refusal by the key service (5).
fn tamper_cases(b: Backend) -> Vec<Case> {
    let mut cases = vec![
        // The wrapped data key: KMS (or the local master key) refuses it.
        case("key: first byte flipped", 5, A, &["get", A], |i| {
            flip(&mut item(i, A).key, 0)
        }),
        case("key: middle byte flipped", 5, A, &["get", A], |i| {
            let k = &mut item(i, A).key;
            let mid = k.len() / 2;
            flip(k, mid)
        }),
        case("key: last byte flipped", 5, A, &["get", A], |i| {
            flip(&mut item(i, A).key, usize::MAX)
        }),
        case("key: truncated by one byte", 5, A, &["get", A], |i| {
            item(i, A).key.pop();
        }),
        case("key: truncated to half", 5, A, &["get", A], |i| {
            let k = &mut item(i, A).key;
            k.truncate(k.len() / 2)
        }),
        case("key: emptied", 5, A, &["get", A], |i| {
            item(i, A).key.clear()
        }),
        // The ciphertext: the HMAC catches it.
        case("contents: first byte flipped", 4, A, &["get", A], |i| {
            flip(&mut item(i, A).contents, 0)
        }),
        case("contents: last byte flipped", 4, A, &["get", A], |i| {
            flip(&mut item(i, A).contents, usize::MAX)
        }),
        case("contents: truncated by one byte", 4, A, &["get", A], |i| {
            item(i, A).contents.pop();
        }),
        case("contents: emptied", 4, A, &["get", A], |i| {
            item(i, A).contents.clear()
        }),
        case("contents: one byte appended", 4, A, &["get", A], |i| {
            item(i, A).contents.push(0)
        }),
        // The tag itself.
        case("hmac: one hex digit changed", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            let first = if h.starts_with('0') { "1" } else { "0" };
            h.replace_range(0..1, first);
        }),
        case("hmac: truncated by one byte", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            h.truncate(h.len() - 2)
        }),
        case("hmac: emptied", 4, A, &["get", A], |i| {
            item(i, A).hmac.clear()
        }),
        case("hmac: not hex", 4, A, &["get", A], |i| {
            let h = &mut item(i, A).hmac;
            *h = "zz".repeat(h.len() / 2)
        }),
        case("hmac: one hex digit appended", 4, A, &["get", A], |i| {
            item(i, A).hmac.push('0')
        }),
        // Fields swapped between two items.
        case("swap key: read A", 5, A, &["get", A], |i| {
            swap(i, true, false, false)
        }),
        case("swap key: read B", 5, B, &["get", B], |i| {
            swap(i, true, false, false)
        }),
        case("swap contents", 4, A, &["get", A], |i| {
            swap(i, false, true, false)
        }),
        case("swap hmac", 4, A, &["get", A], |i| {
            swap(i, false, false, true)
        }),
        case("swap contents and hmac", 4, A, &["get", A], |i| {
            swap(i, false, true, true)
        }),
        case("swap key, contents and hmac", 5, A, &["get", A], |i| {
            swap(i, true, true, true)
        }),
        // The whole item moved.
        case(
            "move: under another name",
            5,
            "tamper/moved",
            &["get", "tamper/moved"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = "tamper/moved".into();
                i.push(moved);
            },
        ),
        case(
            "move: under another name, stored context dropped",
            5,
            "tamper/moved",
            &["get", "tamper/moved", "env=prod"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = "tamper/moved".into();
                moved.context = None;
                i.push(moved);
            },
        ),
        case(
            "move: over another secret",
            5,
            B,
            &["get", B, "env=prod"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.name = B.into();
                *item(i, B) = moved;
            },
        ),
        case(
            "move: to another version (latest)",
            5,
            A,
            &["get", A],
            |i| {
                let mut moved = item(i, A).clone();
                moved.version = padded(2);
                i.push(moved);
            },
        ),
        case(
            "move: to another version (-v 2)",
            5,
            A,
            &["get", A, "-v", "2"],
            |i| {
                let mut moved = item(i, A).clone();
                moved.version = padded(2);
                i.push(moved);
            },
        ),
        // The user's context.
        case(
            "user context: wrong value",
            5,
            A,
            &["get", A, "env=dev"],
            |_| {},
        ),
        case(
            "user context: extra key",
            5,
            A,
            &["get", A, "env=prod", "extra=1"],
            |_| {},
        ),
        // A legacy item whose context is not stored (as credstash writes them): the user
        // must supply it. (A `--legacy` put of credstore stores it, so it is filled in.)
        case(
            "user context: missing (credstash-style item)",
            5,
            L,
            &["get", L],
            |i| item(i, L).context = None,
        ),
        case(
            "user context: wrong value (legacy item)",
            5,
            L,
            &["get", L, "env=dev"],
            |_| {},
        ),
        case(
            "user context: extra key (legacy item)",
            5,
            L,
            &["get", L, "env=prod", "extra=1"],
            |_| {},
        ),
        // The stored context.
        case("stored context: value changed", 5, A, &["get", A], |i| {
            ctx_of(i, A).insert("env".into(), "dev".into());
        }),
        case(
            "stored context: value changed, right user value",
            5,
            A,
            &["get", A, "env=prod"],
            |i| {
                ctx_of(i, A).insert("env".into(), "dev".into());
            },
        ),
        case("stored context: user key deleted", 5, A, &["get", A], |i| {
            ctx_of(i, A).remove("env");
        }),
        case("stored context: key added", 5, A, &["get", A], |i| {
            ctx_of(i, A).insert("added".into(), "x".into());
        }),
        case(
            "stored context: attribute deleted",
            5,
            A,
            &["get", A],
            |i| item(i, A).context = None,
        ),
        case(
            "stored context: attribute deleted, user context given",
            5,
            A,
            &["get", A, "env=prod"],
            |i| item(i, A).context = None,
        ),
        // Strict mode.
        case(
            "strict flag: legacy item",
            5,
            L,
            &["--strict", "get", L, "env=prod"],
            |_| {},
        ),
        case(
            "strict: bound item whose stored context was deleted",
            5,
            A,
            &["--strict", "get", A, "env=prod"],
            |i| item(i, A).context = None,
        ),
        // Bulk reads fail as a whole, naming the damaged item.
        case("getall: one contents damaged", 4, A, &["getall"], |i| {
            flip(&mut item(i, A).contents, 0)
        }),
        case(
            "glob get: one hmac damaged",
            4,
            A,
            &["get", "tamper/*"],
            |i| {
                let h = &mut item(i, A).hmac;
                let first = if h.starts_with('0') { "1" } else { "0" };
                h.replace_range(0..1, first);
            },
        ),
        case(
            "env: one key damaged",
            5,
            A,
            &["env", "tamper/alpha", "tamper/bravo"],
            |i| flip(&mut item(i, A).key, 0),
        ),
        case(
            "exec: one key damaged, nothing launched",
            5,
            A,
            &[
                "exec",
                "tamper/alpha",
                "--",
                "sh",
                "-c",
                "echo launched; touch launched",
            ],
            |i| flip(&mut item(i, A).key, 0),
        ),
    ];
    let mut strict_env = case(
        "strict env var: legacy item",
        5,
        L,
        &["get", L, "env=prod"],
        |_| {},
    );
    strict_env.env.push(("CREDSTORE_STRICT", "1"));
    cases.push(strict_env);
    let _ = b;
    cases
}

fn tamper_matrix(b: Backend) {
    let env = TestEnv::new(b);
    for (name, value, extra) in [(A, PA, None), (B, PB, None), (L, PL, Some("--legacy"))] {
        env.cmd()
            .args(["put", name, value, "env=prod"])
            .args(extra)
            .run()
            .success();
    }
    let pristine = scan_raw(&env);
    assert_eq!(pristine.len(), 3, "three items stored: {pristine:?}");
    let readable = |why: &str| {
        for (name, value) in [(A, PA), (B, PB), (L, PL)] {
            let out = env.cmd().args(["get", "-n", name, "env=prod"]).run();
            assert_eq!(out.stdout, value.as_bytes(), "{why}\n{}", out.report());
        }
    };
    readable("before tampering, every item reads back");
    let cases = tamper_cases(b);
    let mut checked = 0;
    for c in &cases {
        let mut items = pristine.clone();
        (c.mutate)(&mut items);
        restore(&env, &items);
        let mut cmd = env.cmd().args(&c.args);
        for (k, v) in &c.env {
            cmd = cmd.env(k, v);
        }
        let out = cmd.run();
        let context = format!("tamper case {:?} ({b:?})", c.label);
        assert_eq!(
            out.exit_code(),
            Some(c.code),
            "{context}: expected exit {}\n{}",
            c.code,
            out.report()
        );
        assert!(
            out.stderr.starts_with(b"error: "),
            "{context}: stderr must start with `error: `\n{}",
            out.report()
        );
        assert!(
            out.stderr_str().contains(c.names),
            "{context}: stderr must name {:?}\n{}",
            c.names,
            out.report()
        );
        assert!(
            out.stdout.is_empty(),
            "{context}: no output\n{}",
            out.report()
        );
        no_panic(&out);
        for p in [PA, PB, PL] {
            out.no_leak(p);
            out.no_leak(&p[..24]);
        }
        assert!(
            !env.dir.path().join("launched").exists(),
            "{context}: exec launched its command"
        );
        checked += 1;
    }
    restore(&env, &pristine);
    readable("after restoring, every item reads back (the harness's edits are exact)");
    assert_eq!(checked, 45, "the matrix runs every case");
}

// ---------------------------------------------------------------------------------------------
// 2. Bad input
// ---------------------------------------------------------------------------------------------

/// One bad-input case: label, arguments, stdin.
type BadInput<'a> = (&'a str, Vec<String>, Option<Vec<u8>>);

/// One injected fault kind: label and the action the proxy takes.
type Fault = (&'static str, fn() -> Action);

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
        Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
            .args(["-t", &env.table, "-k", env.key_id.as_deref().unwrap()])
            .args(["--max-attempts", "1"])
            .args(args)
            .env_remove("AWS_ENDPOINT_URL")
            .env("AWS_ENDPOINT_URL_DYNAMODB", common::endpoint())
            .env("AWS_ENDPOINT_URL_KMS", "http://127.0.0.1:1")
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

// ---------------------------------------------------------------------------------------------
// 3. Faults (DynamoDB + KMS behind the fault proxy)
// ---------------------------------------------------------------------------------------------

/// credstore pointed at `endpoint` (a proxy or a private moto) for this test's table and key.
fn cmd_at(env: &TestEnv, endpoint: &str, key: &str) -> Cmd {
    Cmd::program(env!("CARGO_BIN_EXE_credstore"), env)
        .args(["--endpoint-url", endpoint, "-k", key, "-t", &env.table])
        .env("AWS_ENDPOINT_URL", endpoint)
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
        let proxy = FaultProxy::start(common::endpoint(), first_n(2, fault));
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
        let proxy = FaultProxy::start(common::endpoint(), first_n(2, fault));
        let name = format!("written-after-{}", label.replace(' ', "-"));
        cmd_at(&env, &proxy.endpoint(), &key)
            .args(["put", &name, "v"])
            .run()
            .success();
        assert!(
            common::get_item(&env.table, &name, &padded(1)).is_some(),
            "{label}: the put landed"
        );
        assert!(
            common::get_item(&env.table, &name, &padded(2)).is_none(),
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
    let mut problems = Vec::new();
    for (label, fault) in faults {
        let proxy = FaultProxy::start(common::endpoint(), move |_| fault());
        let started = Instant::now();
        let out = cmd_at(&env, &proxy.endpoint(), &key)
            .args(["--max-attempts", "2", "get", "doomed"])
            .timeout(Duration::from_secs(60))
            .run();
        let took = started.elapsed();
        no_panic(out.failure().error_line()).no_leak("doomed-value");
        assert!(
            out.stdout.is_empty(),
            "{label}: no stdout\n{}",
            out.report()
        );
        let requests = proxy.seen().len();
        if requests != 2 {
            problems.push(format!(
                "{label}: --max-attempts 2 sent {requests} requests"
            ));
        }
        if took > Duration::from_secs(10) {
            problems.push(format!("{label}: gave up only after {took:.1?}"));
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
                common::show(&out.stderr)
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
    let key = fault_proxy::create_key_at(moto.endpoint());
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
    let (moto, env, key) = private_world(12);
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
    let started = Instant::now();
    let out = cmd_at(&env, &proxy.endpoint(), &key)
        .args(["--max-attempts", "2", "--concurrency", "2", "getall"])
        .run();
    no_panic(out.failure().error_line()).no_leak("bulk-plaintext");
    assert!(out.stdout.is_empty(), "no partial output\n{}", out.report());
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{}",
        out.report()
    );
    assert!(
        proxy.seen().iter().any(|(r, _)| r.is_kms("Decrypt")),
        "the server died mid-way through the decrypts: {:?}",
        proxy.seen()
    );
}

#[test]
fn server_gone_before_or_during_exec_launches_nothing() {
    let (moto, env, key) = private_world(3);
    let marker = env.dir.path().join("launched");
    let exec = |endpoint: &str| {
        cmd_at(&env, endpoint, &key)
            .args(["--max-attempts", "2", "exec", "--all", "--", "sh", "-c"])
            .arg(format!("echo launched; touch '{}'", marker.display()))
            .timeout(Duration::from_secs(60))
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
    let started = Instant::now();
    let out = exec(moto.endpoint());
    no_panic(out.failure().error_line());
    assert!(out.stdout.is_empty(), "{}", out.report());
    assert!(
        !marker.exists(),
        "exec launched its command\n{}",
        out.report()
    );
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "{}",
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
    let proxy = FaultProxy::start(common::endpoint(), move |r| {
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
    let in_table: Vec<String> = common::scan_items(&env.table)
        .iter()
        .map(|i| common::attr_s(i, "name").to_string())
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
    let proxy = FaultProxy::start(common::endpoint(), move |r| {
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
    let versions: Vec<String> = common::scan_items(&env.table)
        .iter()
        .map(|i| common::attr_s(i, "version").to_string())
        .collect();
    assert_eq!(
        versions,
        vec![padded(1)],
        "one put, one version (the answer of the first PutItem was lost)\n{}",
        out.report()
    );
}

// ---------------------------------------------------------------------------------------------
// 4. Races
// ---------------------------------------------------------------------------------------------

fn fifty_concurrent_autoversion_puts(b: Backend) {
    let env = TestEnv::new(b);
    let values: Vec<String> = (0..50).map(|i| format!("racer-{i:02}")).collect();
    let outs = common::par_map(&values, values.len(), |v| {
        env.cmd()
            .args(["put", "race", v])
            .timeout(Duration::from_secs(180))
            .run()
    });
    let failed: Vec<String> = outs
        .iter()
        .filter(|o| !o.status.success())
        .map(Output::report)
        .collect();
    assert!(
        failed.is_empty(),
        "{} of 50 concurrent puts failed (lost writes):\n{}",
        failed.len(),
        failed.join("\n")
    );
    // Each process's stderr names its version; together they are exactly 1..50.
    let mut by_version: BTreeMap<String, &str> = BTreeMap::new();
    for (out, value) in outs.iter().zip(&values) {
        no_panic(out);
        let line = out.stderr_str();
        let version = line
            .strip_prefix("race version ")
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("no version in stderr\n{}", out.report()))
            .to_string();
        assert!(
            by_version.insert(version.clone(), value).is_none(),
            "version {version} reported twice"
        );
    }
    let expected: Vec<String> = (1..=50).map(padded).collect();
    assert_eq!(by_version.keys().cloned().collect::<Vec<_>>(), expected);
    assert_eq!(
        item_keys(&env),
        expected
            .iter()
            .map(|v| ("race".to_string(), v.clone()))
            .collect::<Vec<_>>(),
        "the table holds exactly versions 1..50"
    );
    // Every version holds the value of the process that reported it.
    let pairs: Vec<(String, &str)> = by_version.into_iter().collect();
    common::par_map(&pairs, 4, |(version, value)| {
        env.cmd()
            .args(["get", "-n", "race", "-v", version])
            .run()
            .success()
            .stdout_eq(value);
    });
}

fn ten_concurrent_explicit_version_puts(b: Backend) {
    let env = TestEnv::new(b);
    let values: Vec<String> = (0..10).map(|i| format!("seven-{i}")).collect();
    let outs = common::par_map(&values, values.len(), |v| {
        env.cmd().args(["put", "seven", v, "-v", "7"]).run()
    });
    let winners: Vec<&String> = outs
        .iter()
        .zip(&values)
        .filter(|(o, _)| o.status.success())
        .map(|(_, v)| v)
        .collect();
    assert_eq!(winners.len(), 1, "exactly one -v 7 put succeeds");
    for (out, value) in outs.iter().zip(&values) {
        if out.status.success() {
            continue;
        }
        no_panic(out.code(6).error_line().stderr_contains("seven")).no_leak(value);
        assert_eq!(
            out.stderr_str().lines().count(),
            1,
            "one clean error line\n{}",
            out.report()
        );
    }
    env.cmd()
        .args(["get", "-n", "seven", "-v", "7"])
        .run()
        .success()
        .stdout_eq(winners[0]);
    assert_eq!(item_keys(&env), vec![("seven".to_string(), padded(7))]);
}

// ---------------------------------------------------------------------------------------------
// 6. Hygiene
// ---------------------------------------------------------------------------------------------

/// Every command in a fresh directory (also HOME and TMPDIR): afterwards the directory holds
/// only what the test put there and the local store's two files.
fn no_temp_files_left_behind(b: Backend) {
    let env = TestEnv::bare(b);
    let dir = env.dir.path();
    std::fs::write(dir.join("in.txt"), "from a file").unwrap();
    std::fs::write(dir.join("all.json"), r#"{"j1": "1", "j2": "2"}"#).unwrap();
    let listing = |d: &Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = listing(dir);
    let runs: Vec<Vec<&str>> = vec![
        vec!["setup"],
        vec!["put", "a", "1"],
        vec!["put", "b", "@in.txt"],
        vec!["put", "c", "-"],
        vec!["putall", "@all.json"],
        vec!["get", "a"],
        vec!["get", "*"],
        vec!["getall", "-f", "yaml"],
        vec!["list"],
        vec!["keys"],
        vec!["history", "a"],
        vec!["env", "--all"],
        vec!["exec", "--all", "--", "true"],
        vec!["delete", "a"],
        vec!["get", "a"], // a failure leaves nothing either
    ];
    for args in &runs {
        let out = env.cmd().args(args).stdin("from stdin").run();
        no_panic(&out);
    }
    let mut expected = before.clone();
    if b == Backend::Local {
        expected.extend(["store.db".to_string(), "store.db.key".to_string()]);
        expected.sort();
    }
    assert_eq!(
        listing(dir),
        expected,
        "files left in the working directory"
    );
}

/// The local store and its key are private (0600) even under a permissive umask.
#[test]
fn local_store_and_key_are_mode_0600() {
    use std::os::unix::fs::PermissionsExt as _;
    let env = TestEnv::bare(Backend::Local);
    let mut args = vec![
        "-c".to_string(),
        "umask 000; exec \"$0\" \"$@\"".to_string(),
    ];
    args.push(env!("CARGO_BIN_EXE_credstore").to_string());
    args.extend(
        env.global_args()
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned()),
    );
    args.extend(["put".to_string(), "m".to_string(), "v".to_string()]);
    Cmd::program("sh", &env).args(&args).run().success();
    let db = env.store_path();
    let key = credstore::backend::master_key_path(&db);
    for path in [&db, &key] {
        let mode = std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "{} has mode {mode:o}", path.display());
    }
    // Side files SQLite may keep (WAL, shared memory) are private too.
    for suffix in ["-wal", "-shm", "-journal"] {
        let side = std::path::PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(meta) = std::fs::metadata(&side) {
            let mode = meta.permissions().mode() & 0o777;
            assert_eq!(mode & 0o077, 0, "{} has mode {mode:o}", side.display());
        }
    }
}

/// `Debug` of everything that holds a secret or key prints none of it (unit tests cover
/// SecretBytes, DataKey and LocalKeyService one by one; this goes through the public API,
/// including `Secret` and a client built by `backend::local_client`).
#[test]
fn debug_output_is_redacted() {
    use credstore::client::Secret;
    use credstore::crypto::DataKey;
    use credstore::kms::local::LocalKeyService;
    use credstore::secret::SecretBytes;
    let plain = "debug-plaintext-0b7e41";
    let secret = Secret {
        name: "shown-name".into(),
        version: padded(1),
        value: SecretBytes::from(plain),
    };
    let shown = format!("{secret:?} {secret:#?}");
    assert!(shown.contains("shown-name"), "the name is shown: {shown}");
    assert!(
        !shown.contains(plain),
        "Secret Debug leaks the value: {shown}"
    );
    let bytes = SecretBytes::from(plain);
    assert!(!format!("{bytes:?}").contains(plain));
    let raw_key: Vec<u8> = (0xa0..0xe0).collect();
    let key = DataKey::from_slice(&raw_key).unwrap();
    let shown = format!("{key:?} {key:#?}");
    assert!(
        !shown.contains("160") && !shown.contains("a0a1"),
        "DataKey: {shown}"
    );
    assert!(
        !shown.contains(&B64.encode(&raw_key)[..8]),
        "DataKey: {shown}"
    );
    let dir = tempfile::tempdir().unwrap();
    let key_path = dir.path().join("k.key");
    let service = LocalKeyService::open_or_create(&key_path).unwrap();
    let file = std::fs::read_to_string(&key_path).unwrap();
    let shown = format!("{service:?} {service:#?}");
    for token in file.split_whitespace().filter(|t| t.len() >= 16) {
        assert!(
            !shown.contains(token),
            "LocalKeyService Debug leaks the key file: {shown}"
        );
    }
    let client = credstore::backend::local_client(
        &dir.path().join("k"),
        "t",
        true,
        credstore::client::Settings::default(),
    )
    .unwrap();
    let shown = format!("{client:?}");
    for token in file.split_whitespace().filter(|t| t.len() >= 16) {
        assert!(
            !shown.contains(token),
            "Client Debug leaks the key: {shown}"
        );
    }
}
