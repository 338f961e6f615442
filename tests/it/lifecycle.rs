//! A secret's lifecycle (issue 29): generated values (length, alphabet, never printed
//! unless asked), create-only puts under concurrent writers, and rollback without
//! decrypting (no GenerateDataKey or Decrypt recorded; contents and hmac byte-identical;
//! credstash reads the result).

use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::raw::{item_keys, scan_raw};
use crate::harness::{self, Backend, Cmd, TestEnv, get_n, map, no_panic, padded, put, via};
use crate::interop::credstash;

on_both_backends!(
    generated_values_have_the_length_and_alphabet_asked,
    generated_values_are_never_printed_unless_asked,
    if_absent_writes_nothing_when_the_name_exists,
    twenty_concurrent_if_absent_puts_create_one_version,
    rollback_copies_an_older_version_as_the_latest,
    rollback_refusals,
    with_previous_exports_exactly_the_previous_version,
    previous_variables_pass_the_same_checks,
);

/// The characters each named charset allows.
fn alphabet(spec: &str) -> Vec<u8> {
    let alnum: Vec<u8> = (b'A'..=b'Z')
        .chain(b'a'..=b'z')
        .chain(b'0'..=b'9')
        .collect();
    match spec {
        "alnum" => alnum,
        "hex" => b"0123456789abcdef".to_vec(),
        "base64" => [alnum, b"+/".to_vec()].concat(),
        "urlsafe" => [alnum, b"-_".to_vec()].concat(),
        "printable" => (0x21..=0x7e).collect(),
        custom => custom.as_bytes().to_vec(),
    }
}

fn generated_values_have_the_length_and_alphabet_asked(b: Backend) {
    let env = TestEnv::new(b);
    let cases: [(&str, Option<&str>, Option<usize>); 7] = [
        ("default", None, None),
        ("hex", Some("hex"), Some(64)),
        ("base64", Some("base64"), Some(100)),
        ("urlsafe", Some("urlsafe"), Some(43)),
        ("printable", Some("printable"), Some(200)),
        ("custom", Some("XY7#"), Some(500)),
        ("one", Some("alnum"), Some(1)),
    ];
    for (name, charset, length) in cases {
        let mut cmd = env.cmd().args(["put", name, "--generate"]);
        if let Some(c) = charset {
            cmd = cmd.args(["--charset", c]);
        }
        if let Some(n) = length {
            cmd = cmd.args(["--length", &n.to_string()]);
        }
        cmd.run().success().stdout_empty();
        let value = get_n(&env, name);
        assert_eq!(value.len(), length.unwrap_or(32), "{name}");
        let allowed = alphabet(charset.unwrap_or("alnum"));
        assert!(
            value.iter().all(|c| allowed.contains(c)),
            "{name}: {} has a character outside {charset:?}",
            harness::show(&value)
        );
    }
    // Two generated values differ (a fixed or repeated value would not).
    env.cmd()
        .args(["put", "default", "--generate"])
        .run()
        .success();
    let a = env.cmd().args(["get", "-n", "default", "-v", "1"]).run();
    let b2 = env.cmd().args(["get", "-n", "default", "-v", "2"]).run();
    assert_ne!(a.stdout, b2.stdout);
    // Bad lengths and charsets are usage errors, nothing written.
    for bad in [
        &["--length", "0"][..],
        &["--length", "4097"],
        &["--charset", "aaaa"],
        &["--charset", "a b"],
    ] {
        no_panic(
            env.cmd()
                .args(["put", "bad", "--generate"])
                .args(bad.iter().copied())
                .run()
                .code(2)
                .error_line()
                .stderr_contains("\"bad\""),
        );
    }
    env.cmd().args(["get", "bad"]).run().code(3);
}

fn generated_values_are_never_printed_unless_asked(b: Backend) {
    let env = TestEnv::new(b);
    // --debug logs every AWS call: still no value on stdout or stderr.
    let args = ["--debug", "put", "quiet", "--generate", "--length", "48"];
    let out = env.cmd().args(args).run();
    out.success().stdout_empty();
    let value = get_n(&env, "quiet");
    assert_eq!(value.len(), 48);
    out.no_leak(&value);
    // The value is made inside the process: no argument holds it.
    let text = String::from_utf8(value.clone()).unwrap();
    assert!(args.iter().all(|a| !a.contains(text.as_str())));
    // --print shows it once, on stdout, and it is what was stored.
    let out = env
        .cmd()
        .args(["put", "shown", "--generate", "--print", "--charset", "hex"])
        .run();
    out.success();
    let stored = get_n(&env, "shown");
    out.stdout_eq([stored.as_slice(), b"\n"].concat());
    assert!(
        !out.stderr_str()
            .contains(&String::from_utf8_lossy(&stored).to_string())
    );
    // Context after NAME is context, not a value.
    env.cmd()
        .args(["put", "ctx", "--generate", "env=prod"])
        .run()
        .success();
    let ctx = scan_raw(&env)
        .into_iter()
        .find(|r| r.name == "ctx")
        .and_then(|r| r.context)
        .unwrap();
    assert_eq!(ctx["env"], "prod");
    env.cmd().args(["get", "ctx", "env=prod"]).run().success();
    env.cmd()
        .args(["put", "ctx2", "--generate", "oops"])
        .run()
        .code(2)
        .stderr_contains("oops");
}

fn if_absent_writes_nothing_when_the_name_exists(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["put", "once", "first", "--if-absent"])
        .run()
        .success()
        .stderr_contains("once version 0000000000000000001 has been stored");
    env.cmd()
        .args(["put", "once", "second", "--if-absent"])
        .run()
        .success()
        .stdout_empty()
        .stderr_contains("once already exists; nothing was written (--if-absent)")
        .no_leak("second");
    assert_eq!(get_n(&env, "once"), b"first");
    assert_eq!(item_keys(&env), vec![("once".to_string(), padded(1))]);
    // With --generate: the existing value stays.
    env.cmd()
        .args(["put", "once", "--generate", "--if-absent"])
        .run()
        .success()
        .stderr_contains("already exists");
    assert_eq!(get_n(&env, "once"), b"first");
    // A name whose versions were all deleted is absent: it is created again, version 1.
    env.cmd().args(["delete", "-y", "once"]).run().success();
    env.cmd()
        .args(["put", "once", "again", "--if-absent"])
        .run()
        .success()
        .stderr_contains("has been stored");
    assert_eq!(get_n(&env, "once"), b"again");
    // An explicit version and --if-absent do not go together.
    env.cmd()
        .args(["put", "x", "v", "--if-absent", "-v", "3"])
        .run()
        .code(2);
}

/// A command of `env`; on DynamoDB through a proxy that lets one PutItem reach moto at a
/// time (moto's conditional writes are not atomic under load; DynamoDB's are).
fn racer(env: &TestEnv, proxy: Option<&FaultProxy>) -> Cmd {
    match proxy {
        Some(p) => via(env, p),
        None => env.cmd(),
    }
}

fn twenty_concurrent_if_absent_puts_create_one_version(b: Backend) {
    let env = TestEnv::new(b);
    let proxy = (b == Backend::Dynamo).then(|| {
        FaultProxy::start(harness::endpoint(), |r| {
            if r.is_dynamo("PutItem") {
                Action::PassOneAtATime
            } else {
                Action::Pass
            }
        })
    });
    let values: Vec<String> = (0..20).map(|i| format!("candidate-{i:02}")).collect();
    let outs = harness::par_map(&values, values.len(), |v| {
        racer(&env, proxy.as_ref())
            .args(["put", "only", v, "--if-absent"])
            .run()
    });
    let mut winners = Vec::new();
    for (out, value) in outs.iter().zip(&values) {
        no_panic(out).success();
        let stderr = out.stderr_str();
        if stderr.contains("has been stored") {
            winners.push(value.clone());
        } else {
            assert!(
                stderr.contains("only already exists; nothing was written"),
                "{}",
                out.report()
            );
        }
    }
    assert_eq!(winners.len(), 1, "exactly one writer creates the secret");
    assert_eq!(item_keys(&env), vec![("only".to_string(), padded(1))]);
    assert_eq!(get_n(&env, "only"), winners[0].as_bytes());
}

fn rollback_copies_an_older_version_as_the_latest(b: Backend) {
    let env = TestEnv::new(b);
    for v in ["one", "two", "three"] {
        put(&env, "db.password", v);
    }
    env.cmd()
        .args(["rollback", "db.password"])
        .run()
        .success()
        .stdout_empty()
        .stderr_contains(
            "db.password version 0000000000000000004 has been stored (the value of version 0000000000000000002)",
        );
    assert_eq!(get_n(&env, "db.password"), b"two");
    env.cmd()
        .args([
            "rollback",
            "db.password",
            "--to",
            "1",
            "-c",
            "back to the start",
        ])
        .run()
        .success();
    assert_eq!(get_n(&env, "db.password"), b"one");
    let raw = scan_raw(&env);
    let at = |v: u64| raw.iter().find(|r| r.version == padded(v)).unwrap();
    for (new, old) in [(4, 2), (5, 1)] {
        assert_eq!(at(new).contents, at(old).contents, "contents of {new}");
        assert_eq!(at(new).hmac, at(old).hmac, "hmac of {new}");
        assert_ne!(
            at(new).key,
            at(old).key,
            "the data key is re-wrapped for {new}"
        );
        let ctx = at(new).context.clone().unwrap();
        assert_eq!(ctx["credstore:name"], "db.password");
        assert_eq!(ctx["credstore:version"], padded(new));
    }
    // The history shows the rollbacks.
    let history = env.cmd().args(["history", "db.password"]).run();
    history
        .success()
        .stdout_contains("comment rollback to version 0000000000000000002")
        .stdout_contains("comment back to the start");
    // Every version still reads as written.
    for (v, want) in [(1, "one"), (2, "two"), (3, "three"), (4, "two"), (5, "one")] {
        env.cmd()
            .args(["get", "-n", "db.password", "-v", &v.to_string()])
            .run()
            .success()
            .stdout_eq(want);
    }
}

fn rollback_refusals(b: Backend) {
    let env = TestEnv::new(b);
    env.cmd()
        .args(["rollback", "missing"])
        .run()
        .code(3)
        .error_line();
    put(&env, "single", "v");
    env.cmd()
        .args(["rollback", "single"])
        .run()
        .code(2)
        .error_line()
        .stderr_contains("no earlier version");
    put(&env, "single", "w");
    env.cmd()
        .args(["rollback", "single", "--to", "2"])
        .run()
        .code(2)
        .stderr_contains("already the latest");
    env.cmd()
        .args(["rollback", "single", "--to", "7"])
        .run()
        .code(3);
    assert_eq!(scan_raw(&env).len(), 2, "nothing was written");
}

/// Rollback on DynamoDB + KMS asks KMS for no plaintext: one ReEncrypt, no Decrypt or
/// GenerateDataKey; and credstash 1.17.1 reads the new version with its bound context.
#[test]
fn rollback_uses_no_plaintext_and_credstash_reads_it() {
    let env = TestEnv::new(Backend::Dynamo);
    put(&env, "api.token", "old token ✓");
    put(&env, "api.token", "new token");
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["rollback", "api.token"])
        .run()
        .success();
    let ops = proxy.operations();
    assert_eq!(harness::count(&ops, "GenerateDataKey"), 0, "{ops:?}");
    assert_eq!(harness::count(&ops, "Decrypt"), 0, "{ops:?}");
    assert_eq!(harness::count(&ops, "ReEncrypt"), 1, "{ops:?}");
    assert_eq!(harness::count(&ops, "PutItem"), 1, "{ops:?}");
    assert_eq!(get_n(&env, "api.token"), "old token ✓".as_bytes());

    let out = credstash(&env)
        .args(["get", "api.token"])
        .arg("credstore:name=api.token")
        .arg(format!("credstore:version={}", padded(3)))
        .run();
    out.success().stdout_eq("old token ✓\n");
}

fn with_previous_exports_exactly_the_previous_version(b: Backend) {
    let env = TestEnv::new(b);
    for v in ["db-1", "db-2", "db-3"] {
        put(&env, "app.db", v);
    }
    put(&env, "app.key", "key-1");
    let env_json = |args: &[&str]| {
        let out = env
            .cmd()
            .args(["env", "-f", "json"])
            .args(args.iter().copied())
            .run();
        out.success();
        out.json_map()
    };
    assert_eq!(
        env_json(&["--with-previous", "app.db", "app.key"]),
        map(&[
            ("APP_DB", "db-3"),
            ("APP_DB_PREVIOUS", "db-2"),
            ("APP_KEY", "key-1")
        ]),
        "the previous version of each, none for a secret with one version"
    );
    // Without the flag, no _PREVIOUS variable.
    assert_eq!(
        env_json(&["app.*"]),
        map(&[("APP_DB", "db-3"), ("APP_KEY", "key-1")])
    );
    // Patterns, prefixes and maps (the version before the mapped one).
    assert_eq!(
        env_json(&[
            "--with-previous",
            "--prefix",
            "app.",
            "--map",
            "OLD=app.db:2"
        ]),
        map(&[
            ("DB", "db-3"),
            ("DB_PREVIOUS", "db-2"),
            ("KEY", "key-1"),
            ("OLD", "db-2"),
            ("OLD_PREVIOUS", "db-1"),
        ])
    );
    // After a rollback the previous value is the one rolled back from.
    env.cmd().args(["rollback", "app.db"]).run().success();
    assert_eq!(
        env_json(&["--with-previous", "app.db"]),
        map(&[("APP_DB", "db-2"), ("APP_DB_PREVIOUS", "db-3")])
    );
    // exec hands both to the command.
    env.cmd()
        .args(["exec", "--with-previous", "app.db", "--"])
        .args([
            "sh",
            "-c",
            "printf '%s|%s' \"$APP_DB\" \"$APP_DB_PREVIOUS\"",
        ])
        .run()
        .success()
        .stdout_eq("db-2|db-3");
    env.cmd()
        .args(["exec", "--with-previous", "app.key", "--"])
        .args(["sh", "-c", "printf '%s' \"${APP_KEY_PREVIOUS-unset}\""])
        .run()
        .success()
        .stdout_eq("unset");
}

fn previous_variables_pass_the_same_checks(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "app.db", "one");
    put(&env, "app.db", "two");
    put(&env, "app.db_previous", "other");
    // Allowlist mode: APP_DB is allowed, APP_DB_PREVIOUS is not.
    no_panic(
        env.cmd()
            .args(["env", "--with-previous", "--allow", "APP_DB", "app.db"])
            .run()
            .code(2)
            .error_line()
            .stderr_contains("APP_DB_PREVIOUS")
            .no_leak("one"),
    );
    env.cmd()
        .args(["env", "--with-previous", "--allow", "APP_DB*", "app.db"])
        .run()
        .success();
    // A secret whose own variable is another's _PREVIOUS: a collision, nothing printed.
    env.cmd()
        .args(["env", "--with-previous", "app.db", "app.db_previous"])
        .run()
        .code(2)
        .stdout_empty()
        .stderr_contains("APP_DB_PREVIOUS");
    // The denylist: a map may name a variable of a denied family itself (explicit), but
    // its _PREVIOUS is derived, so it is denied.
    env.cmd()
        .args(["env", "--map", "LD_PRELOAD_X=app.db"])
        .run()
        .success();
    env.cmd()
        .args(["env", "--with-previous", "--map", "LD_PRELOAD_X=app.db"])
        .run()
        .code(2)
        .stdout_empty();
}
