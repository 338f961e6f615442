//! Writing and reading secrets on both backends (DynamoDB + KMS served by moto_server, and the
//! embedded SQLite store), so their parity is tested, not assumed: `setup`, `put` from every
//! source, digests, versions, contexts, legacy items, `putall`, `delete` and `prune`.

use aws_sdk_dynamodb::types::AttributeValue;

use crate::harness::{self, Backend, TestEnv, get_n, padded, put};

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
    context_with_from_file_and_errors_that_never_echo_arguments,
    legacy_item_is_readable,
    strict_refuses_legacy_items,
    global_options_after_the_subcommand,
    delete_one_version_then_all,
    delete_missing_exits_3,
    prune_keeps_the_latest_versions,
    putall_refuses_a_name_given_twice,
    putall_inline_stdin_and_file,
    putall_reports_a_failed_entry_and_writes_the_rest,
);

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
        harness::show(&get_n(&env, "multi")),
        harness::show(value.as_bytes()),
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
    let versions: Vec<String> = history.lines().iter().map(|l| history_version(l)).collect();
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
        .map(|l| history_version(l))
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
    // The stored context (README "Compatibility"): the reader merges the stored context with the user's, so a
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

fn legacy_item_is_readable(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "old", "legacy value", "--legacy"])
        .run()
        .success();
    assert_eq!(get_n(&env, "old"), b"legacy value");
    let binary = env
        .cmd()
        .args(["put", "oldb", "binary hmac", "--legacy", "--hmac-binary"])
        .run();
    if b == Backend::Local {
        // The local store keeps the hmac as text: the flag is refused, not ignored.
        binary.code(2).error_line().stderr_contains("--hmac-binary");
        env.cmd().args(["get", "oldb"]).run().code(3);
        return;
    }
    binary.success();
    assert_eq!(get_n(&env, "oldb"), b"binary hmac");
    if b == Backend::Dynamo {
        let item = harness::get_item(&env.table, "oldb", &padded(1)).expect("item oldb");
        assert!(
            matches!(item.get("hmac"), Some(AttributeValue::B(_))),
            "--hmac-binary stores hmac as B: {item:?}"
        );
        let legacy = harness::get_item(&env.table, "old", &padded(1)).expect("item old");
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
    harness::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args)
        .run()
        .success()
        .stdout_eq("global");
    // The table from the environment.
    let mut args: Vec<std::ffi::OsString> = env.global_args();
    let t = args.iter().position(|a| a == "-t").unwrap();
    args.drain(t..t + 2);
    args.extend(["get".into(), "-n".into(), "g".into()]);
    harness::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args.clone())
        .env("CREDSTORE_TABLE", &env.table)
        .run()
        .success()
        .stdout_eq("global");
    harness::Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
        .args(args)
        .env("CREDSTASH_DEFAULT_TABLE", &env.table)
        .run()
        .success()
        .stdout_eq("global");
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
    let versions: Vec<String> = history.lines().iter().map(|l| history_version(l)).collect();
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

/// The version of a `history` line (`NAME -- version V -- ...`).
fn history_version(line: &str) -> String {
    line.split(" -- version ")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .unwrap_or("")
        .to_string()
}
