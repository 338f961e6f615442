//! The CLI's behavioural suite (notes/cli.md), run on both backends — DynamoDB + KMS served by
//! moto_server, and the embedded SQLite store — so their parity is tested, not assumed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

#[macro_use]
mod common;

use std::collections::BTreeMap;

use aws_sdk_dynamodb::primitives::Blob;
use aws_sdk_dynamodb::types::AttributeValue;
use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;
use common::{Backend, TestEnv, padded};

on_both_backends!(
    setup_is_idempotent,
    put_value_from_argument,
    put_value_from_stdin,
    put_value_from_file_binary,
    put_empty_value,
    put_unicode_value,
    every_digest_round_trips,
    autoversion_increments,
    explicit_version_is_padded_and_exact,
    explicit_version_conflict_exits_6,
    get_missing_exits_3,
    context_is_bound_to_the_secret,
    legacy_context_must_be_supplied,
    reserved_context_keys_are_refused,
    getall_json_is_the_latest_of_each,
    getall_other_formats_carry_the_values,
    glob_get_renders_matching_names,
    list_keys_and_history,
    delete_one_version_then_all,
    prune_keeps_the_latest_versions,
    context_with_from_file_and_errors_that_never_echo_arguments,
    putall_refuses_a_name_given_twice,
    env_fails_when_a_pattern_selects_nothing,
    delete_missing_exits_3,
    putall_inline_stdin_and_file,
    putall_reports_a_failed_entry_and_writes_the_rest,
    concurrent_autoversion_puts_get_distinct_versions,
    legacy_item_is_readable,
    strict_refuses_legacy_items,
    global_options_after_the_subcommand,
);

fn put(env: &TestEnv, name: &str, value: &str) {
    env.cmd().args(["put", name, value]).run().success();
}

fn get_n(env: &TestEnv, name: &str) -> Vec<u8> {
    env.cmd()
        .args(["get", "-n", name])
        .run()
        .success()
        .stdout
        .clone()
}

fn map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn setup_is_idempotent(b: Backend) {
    let env = TestEnv::new(b); // the first setup
    put(&env, "kept", "still here");
    let again = env.cmd().arg("setup").run();
    again.success();
    if b == Backend::Dynamo {
        // One JSON document holding the IAM policies for readers, writers and setup.
        let doc = again.json();
        for policy in ["ReaderPolicy", "WriterPolicy", "SetupPolicy"] {
            assert!(
                doc[policy]["Statement"].is_array(),
                "{policy} is not an IAM policy\n{}",
                again.report()
            );
        }
        again.stdout_contains(&env.table);
    }
    env.cmd()
        .args(["get", "kept"])
        .run()
        .success()
        .stdout_eq("still here\n");
}

fn put_value_from_argument(b: Backend) {
    let env = TestEnv::new(b);
    let out = env.cmd().args(["put", "db.password", "hunter2"]).run();
    out.success()
        .stdout_empty()
        .stderr_contains("db.password version")
        .stderr_contains("has been stored");
    env.cmd()
        .args(["get", "db.password"])
        .run()
        .success()
        .stdout_eq("hunter2\n");
    env.cmd()
        .args(["get", "-n", "db.password"])
        .run()
        .success()
        .stdout_eq("hunter2");
}

fn put_value_from_stdin(b: Backend) {
    let env = TestEnv::new(b);
    let value = "line one\nline two\n  trailing space and newline kept \n";
    env.cmd()
        .args(["put", "multi", "-"])
        .stdin(value)
        .run()
        .success();
    assert_eq!(
        common::show(&get_n(&env, "multi")),
        common::show(value.as_bytes()),
        "a value read from stdin must come back byte for byte"
    );
}

fn put_value_from_file_binary(b: Backend) {
    let env = TestEnv::new(b);
    // 1000 bytes covering every byte value, NUL and invalid UTF-8 included.
    let value: Vec<u8> = (0..1000u32).map(|i| (i * 7 % 256) as u8).collect();
    let path = env.dir.path().join("secret.bin");
    std::fs::write(&path, &value).unwrap();
    env.cmd()
        .args(["put", "blob"])
        .arg(format!("@{}", path.display()))
        .run()
        .success();
    let got = get_n(&env, "blob");
    assert_eq!(got.len(), value.len(), "length of the binary secret");
    assert!(got == value, "binary secret differs from what was put");
    // `--from-file` is the flag spelling of the same thing.
    env.cmd()
        .args(["put", "blob2", "--from-file"])
        .arg(&path)
        .run()
        .success();
    assert!(get_n(&env, "blob2") == value, "--from-file value differs");
}

fn put_empty_value(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd().args(["put", "empty", ""]).run().success();
    env.cmd()
        .args(["get", "empty"])
        .run()
        .success()
        .stdout_eq("\n");
    env.cmd()
        .args(["get", "-n", "empty"])
        .run()
        .success()
        .stdout_eq("");
}

fn put_unicode_value(b: Backend) {
    let env = TestEnv::new(b);
    let value = "pässwörd — ünïcödé ✓ 日本語 🔑";
    put(&env, "uni/名前", value);
    env.cmd()
        .args(["get", "uni/名前"])
        .run()
        .success()
        .stdout_eq(format!("{value}\n"));
}

fn every_digest_round_trips(b: Backend) {
    let env = TestEnv::new(b);
    for digest in ["SHA", "SHA224", "SHA256", "SHA384", "SHA512", "MD5"] {
        let name = format!("d.{digest}");
        let value = format!("value under {digest}, longer than one AES block");
        env.cmd()
            .args(["put", &name, &value, "-d", digest])
            .run()
            .success();
        env.cmd()
            .args(["get", &name])
            .run()
            .success()
            .stdout_eq(format!("{value}\n"));
    }
    env.cmd()
        .args(["put", "d.bad", "x", "-d", "SHA3"])
        .run()
        .code(2);
}

fn autoversion_increments(b: Backend) {
    let env = TestEnv::new(b);
    for v in ["one", "two", "three"] {
        put(&env, "auto", v);
    }
    // `-a` is accepted and changes nothing.
    env.cmd()
        .args(["put", "auto", "four", "-a"])
        .run()
        .success();
    assert_eq!(get_n(&env, "auto"), b"four", "latest after four puts");
    for (v, expected) in [("1", "one"), ("2", "two"), ("3", "three"), ("4", "four")] {
        env.cmd()
            .args(["get", "-n", "auto", "-v", v])
            .run()
            .success()
            .stdout_eq(expected);
    }
    let history = env.cmd().args(["history", "auto"]).run();
    history.success();
    let versions: Vec<String> = history
        .lines()
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        versions,
        (1..=4).map(padded).collect::<Vec<_>>(),
        "history versions\n{}",
        history.report()
    );
}

fn explicit_version_is_padded_and_exact(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "ver", "five", "-v", "5"])
        .run()
        .success();
    for v in ["5", "0000000000000000005"] {
        env.cmd()
            .args(["get", "-n", "ver", "-v", v])
            .run()
            .success()
            .stdout_eq("five");
    }
    // Autoversion continues after the highest numeric version.
    put(&env, "ver", "six");
    env.cmd()
        .args(["get", "-n", "ver", "-v", "6"])
        .run()
        .success()
        .stdout_eq("six");
    assert_eq!(get_n(&env, "ver"), b"six");
    let keys: Vec<String> = env
        .cmd()
        .args(["history", "ver"])
        .run()
        .success()
        .lines()
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(
        keys,
        vec![padded(5), padded(6)],
        "stored versions are padded"
    );
}

fn explicit_version_conflict_exits_6(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "c", "first", "-v", "2"])
        .run()
        .success();
    env.cmd()
        .args(["put", "c", "second", "-v", "2"])
        .run()
        .code(6)
        .error_line()
        .stderr_contains("c")
        .no_leak("second");
    env.cmd()
        .args(["get", "-n", "c", "-v", "2"])
        .run()
        .success()
        .stdout_eq("first");
}

fn get_missing_exits_3(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["get", "nope"])
        .run()
        .code(3)
        .error_line()
        .stderr_contains("nope")
        .stdout_empty();
    put(&env, "exists", "x");
    env.cmd()
        .args(["get", "exists", "-v", "9"])
        .run()
        .code(3)
        .error_line()
        .stderr_contains("exists");
}

/// A default (name-bound) item: the stored context is applied on read, a contradicting user
/// value is refused with exit 5, and the right one is accepted.
fn context_is_bound_to_the_secret(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "ctx", "bound-secret", "env=prod", "team=core"])
        .run()
        .success();
    env.cmd()
        .args(["get", "-n", "ctx", "env=prod", "team=core"])
        .run()
        .success()
        .stdout_eq("bound-secret");
    env.cmd()
        .args(["get", "ctx", "env=dev"])
        .run()
        .code(5)
        .error_line()
        .stderr_contains("env")
        .no_leak("bound-secret");
    // FORMAT.md "Stored context": the reader merges the stored context with the user's, so a
    // user who forgot it still gets the value.
    env.cmd()
        .args(["get", "-n", "ctx"])
        .run()
        .success()
        .stdout_eq("bound-secret");
}

/// A `--legacy` item is read as credstash reads it: the context must be supplied.
fn legacy_context_must_be_supplied(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "lctx", "legacy-secret", "env=prod", "--legacy"])
        .run()
        .success();
    env.cmd()
        .args(["get", "-n", "lctx", "env=prod"])
        .run()
        .success()
        .stdout_eq("legacy-secret");
    env.cmd()
        .args(["get", "lctx", "env=dev"])
        .run()
        .code(5)
        .error_line()
        .no_leak("legacy-secret");
}

fn reserved_context_keys_are_refused(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "r", "v", "credstore:name=other"])
        .run()
        .code(2)
        .error_line()
        .stderr_contains("credstore:");
    env.cmd().args(["get", "r"]).run().code(3); // nothing was written
    put(&env, "r", "v");
    env.cmd()
        .args(["get", "r", "credstore:version=1"])
        .run()
        .code(2)
        .error_line();
}

fn getall_json_is_the_latest_of_each(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "a", "1");
    put(&env, "b", "old");
    put(&env, "b", "b2");
    put(&env, "c", "");
    put(&env, "q", "has \"quotes\" and \\ backslash");
    let out = env.cmd().arg("getall").run();
    out.success();
    let expected = map(&[
        ("a", "1"),
        ("b", "b2"),
        ("c", ""),
        ("q", "has \"quotes\" and \\ backslash"),
    ]);
    assert_eq!(out.json_map(), expected, "getall json\n{}", out.report());
    // credstash's exact layout: json.dumps(sort_keys=True, indent=4) then print().
    out.stdout_eq(
        "{\n    \"a\": \"1\",\n    \"b\": \"b2\",\n    \"c\": \"\",\n    \
         \"q\": \"has \\\"quotes\\\" and \\\\ backslash\"\n}\n",
    );
    env.cmd()
        .args(["getall", "-f", "json"])
        .run()
        .success()
        .stdout_eq(&out.stdout);
    // A parallel segmented scan sees the same table.
    env.cmd()
        .args(["getall", "--scan-segments", "4", "--concurrency", "2"])
        .run()
        .success()
        .stdout_eq(&out.stdout);
}

fn getall_other_formats_carry_the_values(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "api_key", "k-123");
    put(&env, "db_pass", "p-456");
    for format in ["yaml", "csv", "dotenv", "shell"] {
        let out = env.cmd().args(["getall", "-f", format]).run();
        out.success()
            .stdout_contains("k-123")
            .stdout_contains("p-456");
    }
    env.cmd().args(["getall", "-f", "xml"]).run().code(2);
}

fn glob_get_renders_matching_names(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app.one", "1");
    put(&env, "app.two", "2");
    put(&env, "app.two", "2b");
    put(&env, "other", "3");
    let out = env.cmd().args(["get", "app.*"]).run();
    out.success();
    assert_eq!(
        out.json_map(),
        map(&[("app.one", "1"), ("app.two", "2b")]),
        "glob get json\n{}",
        out.report()
    );
    let none = env.cmd().args(["get", "zzz*"]).run();
    // No match is either an empty object or "not found"; never a crash.
    match none.exit_code() {
        Some(0) => assert_eq!(none.json_map(), BTreeMap::new(), "{}", none.report()),
        Some(3) => {}
        _ => panic!("glob with no match\n{}", none.report()),
    }
}

fn list_keys_and_history(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "beta", "x", "-c", "my comment"])
        .run()
        .success();
    put(&env, "beta", "y");
    put(&env, "alpha", "z");
    let list = env.cmd().arg("list").run();
    list.success();
    let t = |n: &str, v: u64, c: &str| (n.to_string(), padded(v), c.to_string());
    assert_eq!(
        common::parse_list(&list),
        vec![
            t("alpha", 1, ""),
            t("beta", 1, "my comment"),
            t("beta", 2, "")
        ],
        "list: (name, version, comment), sorted by name then version\n{}",
        list.report()
    );
    assert!(
        list.lines().iter().all(|l| l.contains(" -- created ")),
        "every item written by credstore has a creation time\n{}",
        list.report()
    );
    let latest = env.cmd().args(["list", "--latest"]).run();
    latest.success();
    assert_eq!(
        common::parse_list(&latest),
        vec![t("alpha", 1, ""), t("beta", 2, "")],
        "list --latest\n{}",
        latest.report()
    );

    env.cmd()
        .arg("keys")
        .run()
        .success()
        .stdout_eq("alpha\nbeta\n");

    let history = env.cmd().args(["history", "beta"]).run();
    history.success();
    let h = history.lines();
    assert_eq!(h.len(), 2, "history lines\n{}", history.report());
    assert!(h[0].starts_with(&padded(1)), "{}", history.report());
    assert!(h[0].contains("my comment"), "{}", history.report());
    assert!(h[1].starts_with(&padded(2)), "{}", history.report());
    history.no_leak("\ny\n");
}

fn context_with_from_file_and_errors_that_never_echo_arguments(b: Backend) {
    let env = TestEnv::new(b);
    let file = env.dir.path().join("value.txt");
    std::fs::write(&file, "from a file").unwrap();
    // With --from-file there is no VALUE argument: `app=web` is context.
    env.cmd()
        .arg("put")
        .arg("f")
        .arg("--from-file")
        .arg(&file)
        .arg("app=web")
        .run()
        .success();
    env.cmd()
        .args(["get", "-n", "f", "app=web"])
        .run()
        .success()
        .stdout_eq("from a file");
    env.cmd().args(["get", "f", "app=api"]).run().code(5);
    // An unquoted value spills into the context: refused without quoting the spill.
    let out = env.cmd().args(["put", "db", "correct", "horse"]).run();
    out.code(2)
        .stderr_contains("context argument 1")
        .no_leak("horse");
    env.cmd().args(["get", "db"]).run().code(3);
}

fn putall_refuses_a_name_given_twice(b: Backend) {
    let env = TestEnv::new(b);
    let out = env
        .cmd()
        .args(["putall", r#"{"a": "first", "a": "second"}"#])
        .run();
    out.code(2)
        .stderr_contains("given twice")
        .no_leak("first")
        .no_leak("second");
    env.cmd().args(["get", "a"]).run().code(3);
}

fn env_fails_when_a_pattern_selects_nothing(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app.one", "1");
    for selector in [
        &["nope.*"][..],
        &["--prefix", "nope/"],
        &["app.*", "nope.*"],
    ] {
        env.cmd()
            .arg("env")
            .args(selector.iter().copied())
            .run()
            .code(3)
            .stderr_contains("selects no secret")
            .stdout_empty();
    }
    env.cmd()
        .args(["env", "app.*"])
        .run()
        .success()
        .stdout_eq("export APP_ONE='1'\n");
}

fn prune_keeps_the_latest_versions(b: Backend) {
    let env = TestEnv::new(b);
    for value in ["v1", "v2", "v3", "v4"] {
        put(&env, "p", value);
    }
    put(&env, "other", "untouched");
    let out = env.cmd().args(["prune", "p", "--keep", "2"]).run();
    out.success()
        .stdout_eq(format!(
            "Deleting p -- version {}\nDeleting p -- version {}\n",
            padded(1),
            padded(2)
        ))
        .no_leak("v1");
    let history = env.cmd().args(["history", "p"]).run();
    history.success();
    let versions: Vec<String> = history
        .lines()
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    assert_eq!(versions, [padded(3), padded(4)], "{}", history.report());
    env.cmd()
        .args(["get", "p"])
        .run()
        .success()
        .stdout_eq("v4\n");
    env.cmd()
        .args(["get", "other"])
        .run()
        .success()
        .stdout_eq("untouched\n");
    // Nothing more to prune; a missing name; keeping nothing is delete's job.
    env.cmd()
        .args(["prune", "p", "--keep", "2"])
        .run()
        .success()
        .stdout_empty();
    env.cmd().args(["prune", "missing"]).run().code(3);
    env.cmd().args(["prune", "p", "--keep", "0"]).run().code(2);
}

fn delete_one_version_then_all(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "d", "first");
    put(&env, "d", "second");
    put(&env, "keep", "k");
    env.cmd()
        .args(["delete", "d", "-v", "1"])
        .run()
        .success()
        .stdout_eq(format!("Deleting d -- version {}\n", padded(1)));
    env.cmd().args(["get", "d", "-v", "1"]).run().code(3);
    assert_eq!(get_n(&env, "d"), b"second");
    put(&env, "d", "third");
    env.cmd()
        .args(["delete", "d"])
        .run()
        .success()
        .stdout_eq(format!(
            "Deleting d -- version {}\nDeleting d -- version {}\n",
            padded(2),
            padded(3)
        ));
    env.cmd().args(["get", "d"]).run().code(3);
    assert_eq!(get_n(&env, "keep"), b"k", "another name is untouched");
}

fn delete_missing_exits_3(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["delete", "ghost"])
        .run()
        .code(3)
        .error_line()
        .stderr_contains("ghost");
    put(&env, "real", "x");
    env.cmd()
        .args(["delete", "real", "-v", "7"])
        .run()
        .code(3)
        .error_line();
    assert_eq!(get_n(&env, "real"), b"x");
}

fn putall_inline_stdin_and_file(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["putall", r#"{"p.one": "1", "p.two": "zwei ✓"}"#])
        .run()
        .success();
    assert_eq!(get_n(&env, "p.one"), b"1");
    assert_eq!(get_n(&env, "p.two"), "zwei ✓".as_bytes());
    env.cmd()
        .args(["putall", "-"])
        .stdin(r#"{"p.three": "3"}"#)
        .run()
        .success();
    assert_eq!(get_n(&env, "p.three"), b"3");
    let path = env.dir.path().join("all.json");
    std::fs::write(&path, r#"{"p.four": "4", "p.one": "1b"}"#).unwrap();
    env.cmd()
        .arg("putall")
        .arg(format!("@{}", path.display()))
        .arg("env=prod")
        .run()
        .success();
    env.cmd()
        .args(["get", "-n", "p.four", "env=prod"])
        .run()
        .success()
        .stdout_eq("4");
    // putall autoversions like put.
    env.cmd()
        .args(["get", "-n", "p.one", "-v", "2", "env=prod"])
        .run()
        .success()
        .stdout_eq("1b");
    env.cmd().args(["putall", "{not json"]).run().code(2);
}

fn putall_reports_a_failed_entry_and_writes_the_rest(b: Backend) {
    let env = TestEnv::new(b);
    // A name with a control character is refused (src/name.rs); the other entries still land.
    let out = env
        .cmd()
        .args([
            "putall",
            r#"{"fresh": "ok", "bad\u0007name": "never-stored", "fresh2": "ok2"}"#,
        ])
        .run();
    out.code(1).stderr_contains("bad").no_leak("never-stored");
    assert_eq!(get_n(&env, "fresh"), b"ok", "the good entry was written");
    assert_eq!(get_n(&env, "fresh2"), b"ok2", "the good entry was written");
    env.cmd()
        .arg("keys")
        .run()
        .success()
        .stdout_eq("fresh\nfresh2\n");
}

fn concurrent_autoversion_puts_get_distinct_versions(b: Backend) {
    let env = TestEnv::new(b);
    let values = ["racer-a", "racer-b", "racer-c"];
    let outs = common::par_map(&values, values.len(), |v| {
        env.cmd().args(["put", "race", v]).run()
    });
    for out in &outs {
        out.success();
    }
    let mut got: Vec<String> = (1..=values.len())
        .map(|v| {
            let out = env
                .cmd()
                .args(["get", "-n", "race", "-v", &v.to_string()])
                .run();
            out.success();
            out.stdout_str()
        })
        .collect();
    got.sort();
    assert_eq!(got, values, "each concurrent put got its own version");
    env.cmd()
        .args(["get", "race", "-v", &(values.len() + 1).to_string()])
        .run()
        .code(3);
}

fn legacy_item_is_readable(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "old", "legacy value", "--legacy"])
        .run()
        .success();
    assert_eq!(get_n(&env, "old"), b"legacy value");
    env.cmd()
        .args(["put", "oldb", "binary hmac", "--legacy", "--hmac-binary"])
        .run()
        .success();
    assert_eq!(get_n(&env, "oldb"), b"binary hmac");
    if b == Backend::Dynamo {
        let item = common::get_item(&env.table, "oldb", &padded(1)).expect("item oldb");
        assert!(
            matches!(item.get("hmac"), Some(AttributeValue::B(_))),
            "--hmac-binary stores hmac as B: {item:?}"
        );
        let legacy = common::get_item(&env.table, "old", &padded(1)).expect("item old");
        if let Some(AttributeValue::M(ctx)) = legacy.get("context") {
            assert!(
                ctx.keys().all(|k| !k.starts_with("credstore:")),
                "a --legacy item carries no reserved context: {legacy:?}"
            );
        }
    }
}

fn strict_refuses_legacy_items(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "unbound", "legacy-plain", "--legacy"])
        .run()
        .success();
    put(&env, "bound", "bound-plain");
    env.cmd()
        .args(["--strict", "get", "unbound"])
        .run()
        .failure()
        .error_line()
        .stderr_contains("unbound")
        .no_leak("legacy-plain");
    env.cmd()
        .args(["get", "unbound"])
        .env("CREDSTORE_STRICT", "1")
        .run()
        .failure()
        .error_line()
        .no_leak("legacy-plain");
    env.cmd()
        .args(["--strict", "get", "-n", "bound"])
        .run()
        .success()
        .stdout_eq("bound-plain");
}

fn global_options_after_the_subcommand(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "g", "global");
    // Same table, given after the subcommand instead of before it.
    let mut args: Vec<std::ffi::OsString> = vec!["get".into(), "-n".into(), "g".into()];
    args.extend(env.global_args());
    common::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args)
        .run()
        .success()
        .stdout_eq("global");
    // The table from the environment.
    let mut args: Vec<std::ffi::OsString> = env.global_args();
    let t = args.iter().position(|a| a == "-t").unwrap();
    args.drain(t..t + 2);
    args.extend(["get".into(), "-n".into(), "g".into()]);
    common::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args.clone())
        .env("CREDSTORE_TABLE", &env.table)
        .run()
        .success()
        .stdout_eq("global");
    common::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args)
        .env("CREDSTASH_DEFAULT_TABLE", &env.table)
        .run()
        .success()
        .stdout_eq("global");
}

// ---------------------------------------------------------------------------------------------
// Tampering with stored items (DynamoDB: the tests write items directly)
// ---------------------------------------------------------------------------------------------

/// The item of `name` v1, after a put of `value`.
fn stored(env: &TestEnv, name: &str, value: &str, ctx: &[&str]) -> common::Item {
    env.cmd()
        .args(["put", name, value])
        .args(ctx.iter().copied())
        .run()
        .success();
    common::get_item(&env.table, name, &padded(1)).expect("item just written")
}

fn with_name(mut item: common::Item, name: &str) -> common::Item {
    item.insert("name".into(), AttributeValue::S(name.into()));
    item
}

#[test]
fn tamper_copy_under_another_name_is_refused() {
    let env = TestEnv::new(Backend::Dynamo);
    let plain = "copied-secret-plaintext";
    let item = stored(&env, "prod.db", plain, &["env=prod"]);
    assert!(
        item.contains_key("context"),
        "a default put stores its context: {item:?}"
    );
    // The whole item, stored context included, under another name.
    common::put_item(&env.table, with_name(item.clone(), "attacker.visible"));
    env.cmd()
        .args(["get", "attacker.visible"])
        .run()
        .code(5)
        .error_line()
        .no_leak(plain);
    env.cmd()
        .args(["get", "attacker.visible", "env=prod"])
        .run()
        .code(5)
        .no_leak(plain);
    // Without the stored context it looks like a credstash item; KMS still refuses.
    let mut stripped = with_name(item.clone(), "attacker.stripped");
    stripped.remove("context");
    common::put_item(&env.table, stripped);
    env.cmd()
        .args(["get", "attacker.stripped", "env=prod"])
        .run()
        .code(5)
        .no_leak(plain);
    // Same name, another version: bound too.
    let mut moved = item;
    moved.insert("version".into(), AttributeValue::S(padded(2)));
    common::put_item(&env.table, moved);
    env.cmd()
        .args(["get", "prod.db"])
        .run()
        .code(5)
        .no_leak(plain);
    // The original is still readable.
    env.cmd()
        .args(["get", "-n", "prod.db", "-v", "1"])
        .run()
        .success()
        .stdout_eq(plain);
}

#[test]
fn tamper_flipped_contents_byte_is_an_integrity_failure() {
    let env = TestEnv::new(Backend::Dynamo);
    let plain = "flip-me-plaintext-longer-than-a-block";
    let mut item = stored(&env, "f", plain, &[]);
    let mut contents = B64
        .decode(common::attr_s(&item, "contents"))
        .expect("contents is base64");
    contents[3] ^= 0x01;
    item.insert("contents".into(), AttributeValue::S(B64.encode(&contents)));
    common::put_item(&env.table, item);
    env.cmd()
        .args(["get", "f"])
        .run()
        .code(4)
        .error_line()
        .stderr_contains("f")
        .no_leak(plain)
        .no_leak("flip-me");
}

#[test]
fn tamper_flipped_hmac_is_an_integrity_failure() {
    let env = TestEnv::new(Backend::Dynamo);
    let plain = "hmac-guarded-plaintext";
    let mut item = stored(&env, "h", plain, &[]);
    let flip = |hex: &str| -> String {
        let mut chars: Vec<char> = hex.chars().collect();
        chars[0] = if chars[0] == '0' { '1' } else { '0' };
        chars.into_iter().collect()
    };
    let tampered = match item.get("hmac") {
        Some(AttributeValue::S(s)) => AttributeValue::S(flip(s)),
        Some(AttributeValue::B(b)) => AttributeValue::B(Blob::new(flip(
            std::str::from_utf8(b.as_ref()).expect("hmac B holds hex text"),
        ))),
        other => panic!("unexpected hmac attribute {other:?}"),
    };
    item.insert("hmac".into(), tampered);
    common::put_item(&env.table, item);
    env.cmd()
        .args(["get", "h"])
        .run()
        .code(4)
        .error_line()
        .no_leak(plain);
}

#[test]
fn tamper_unknown_format_is_a_clear_error() {
    let env = TestEnv::new(Backend::Dynamo);
    let mut item = stored(&env, "weird", "whatever-plain", &[]);
    // A credsmash-style item (B-typed contents) is not this format: an error, not a panic.
    item.insert(
        "contents".into(),
        AttributeValue::B(Blob::new(b"\x00\x01".to_vec())),
    );
    common::put_item(&env.table, item);
    let out = env.cmd().args(["get", "weird"]).run();
    out.code(4).error_line().stderr_contains("weird");
    assert!(
        !out.stderr_str().contains("panicked"),
        "a malformed item must not panic\n{}",
        out.report()
    );
}

/// The suite's premise: the emulator enforces the KMS encryption context (else the context and
/// tamper tests above would prove nothing).
#[test]
fn harness_emulator_enforces_kms_context() {
    use aws_sdk_kms::primitives::Blob as KmsBlob;
    let key = common::create_kms_key();
    common::rt().block_on(async {
        let kms = common::kms();
        let sealed = kms
            .encrypt()
            .key_id(&key)
            .plaintext(KmsBlob::new(b"premise".to_vec()))
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("KMS Encrypt");
        let blob = sealed.ciphertext_blob().expect("ciphertext").clone();
        let wrong = kms
            .decrypt()
            .ciphertext_blob(blob.clone())
            .encryption_context("credstore:name", "b")
            .send()
            .await;
        assert!(wrong.is_err(), "moto decrypted under the wrong context");
        let right = kms
            .decrypt()
            .ciphertext_blob(blob)
            .encryption_context("credstore:name", "a")
            .send()
            .await
            .expect("decrypt under the right context");
        assert_eq!(right.plaintext().expect("plaintext").as_ref(), b"premise");
    });
}

/// A lost master key is never silently replaced: the store's secrets would be split
/// between two keys.
#[test]
fn local_store_without_its_master_key_is_refused() {
    let env = TestEnv::new(Backend::Local);
    put(&env, "kept", "secret one");
    let key = env.store_path().with_extension("db.key");
    let saved = std::fs::read(&key).unwrap();
    std::fs::remove_file(&key).unwrap();
    for args in [&["put", "new", "x"][..], &["get", "kept"], &["setup"]] {
        env.cmd()
            .args(args.iter().copied())
            .run()
            .code(1)
            .stderr_contains("master key")
            .stderr_contains("restore");
        assert!(!key.exists(), "{args:?} must not create a new master key");
    }
    std::fs::write(&key, saved).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    env.cmd()
        .args(["get", "-n", "kept"])
        .run()
        .success()
        .stdout_eq("secret one");
}
