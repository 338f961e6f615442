//! A secret's lifecycle (issue 29): generated values (length, alphabet, never printed
//! unless asked), create-only puts under concurrent writers, and rollback without
//! decrypting (no GenerateDataKey or Decrypt recorded; contents and hmac byte-identical;
//! credstash reads the result); metadata (created_by, expiry, tags) round-trips, reads of
//! expired versions warn or (--strict) fail with exit 7, `stale` finds old and expired
//! secrets, and credstash still reads every item that carries metadata.

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
    metadata_round_trips_through_list_and_history,
    expired_versions_warn_and_strict_refuses_them,
    stale_lists_old_and_expired_latest_versions,
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

/// Sets (Some) or removes (None) the `created_at` and `expires_at` of a stored version,
/// as the passage of time (or someone with write access to the table) would.
fn set_times(env: &TestEnv, name: &str, version: &str, created: Option<i64>, expires: Option<i64>) {
    use aws_sdk_dynamodb::types::AttributeValue;
    match env.backend {
        Backend::Dynamo => harness::rt().block_on(async {
            let mut sets = Vec::new();
            let mut removes = Vec::new();
            let mut req = harness::dynamo()
                .update_item()
                .table_name(&env.table)
                .key("name", AttributeValue::S(name.into()))
                .key("version", AttributeValue::S(version.into()));
            for (attr, value) in [("created_at", created), ("expires_at", expires)] {
                match value {
                    Some(t) => {
                        sets.push(format!("{attr} = :{attr}"));
                        req = req.expression_attribute_values(
                            format!(":{attr}"),
                            AttributeValue::N(t.to_string()),
                        );
                    }
                    None => removes.push(attr.to_string()),
                }
            }
            let mut expr = String::new();
            if !sets.is_empty() {
                expr.push_str(&format!("SET {}", sets.join(", ")));
            }
            if !removes.is_empty() {
                expr.push_str(&format!(" REMOVE {}", removes.join(", ")));
            }
            req.update_expression(expr)
                .send()
                .await
                .expect("UpdateItem");
        }),
        Backend::Local => {
            crate::harness::raw::sqlite(env)
                .execute(
                    &format!(
                        "UPDATE {} SET created_at = ?1, expires_at = ?2 WHERE name = ?3 AND version = ?4",
                        crate::harness::raw::quoted(&env.table)
                    ),
                    rusqlite::params![created, expires, name, version],
                )
                .unwrap();
        }
    }
}

fn now() -> i64 {
    i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs(),
    )
    .unwrap()
}

const DAY: i64 = 86_400;

fn metadata_round_trips_through_list_and_history(b: Backend) {
    let env = TestEnv::new(b);
    let before = now();
    env.cmd()
        .args(["put", "db.password", "one", "--expires", "30d"])
        .args(["--tag", "team=db", "--tag", "rotation=manual"])
        .run()
        .success();
    env.cmd()
        .args([
            "put",
            "db.password",
            "two",
            "--expires",
            "2099-01-31T00:00:00Z",
        ])
        .run()
        .success();
    let history = env
        .cmd()
        .args(["history", "db.password", "-f", "json"])
        .run();
    history.success();
    let versions = history.json();
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let by = versions[0]["created_by"].as_str().unwrap().to_string();
    match b {
        // moto's STS answers GetCallerIdentity with the caller's ARN.
        Backend::Dynamo => assert!(by.starts_with("arn:aws:"), "{by}"),
        Backend::Local => assert!(!by.is_empty()),
    }
    assert_eq!(
        versions[1]["created_by"],
        by.as_str(),
        "one identity per writer"
    );
    let expires = versions[0]["expires_at"].as_str().unwrap();
    let expires_secs = credstore::time::parse_rfc3339(expires).unwrap();
    assert!(
        (before + 30 * DAY..=now() + 30 * DAY).contains(&expires_secs),
        "{expires}"
    );
    assert_eq!(
        versions[0]["tags"],
        serde_json::json!({"rotation": "manual", "team": "db"})
    );
    assert_eq!(versions[1]["expires_at"], "2099-01-31T00:00:00Z");
    assert_eq!(versions[1]["tags"], serde_json::json!({}));

    // list -f json: the same keys on every item, also on one without any metadata.
    put(&env, "plain", "x");
    set_times(&env, "plain", &padded(1), Some(before), None);
    if b == Backend::Dynamo {
        harness::rt().block_on(async {
            harness::dynamo()
                .update_item()
                .table_name(&env.table)
                .key(
                    "name",
                    aws_sdk_dynamodb::types::AttributeValue::S("plain".into()),
                )
                .key(
                    "version",
                    aws_sdk_dynamodb::types::AttributeValue::S(padded(1)),
                )
                .update_expression("REMOVE created_by")
                .send()
                .await
                .unwrap();
        });
    } else {
        crate::harness::raw::sqlite(&env)
            .execute(
                &format!(
                    "UPDATE {} SET created_by = NULL WHERE name = 'plain'",
                    crate::harness::raw::quoted(&env.table)
                ),
                [],
            )
            .unwrap();
    }
    let list = env.cmd().args(["list", "-f", "json"]).run();
    list.success();
    let items = list.json();
    for item in items.as_array().unwrap() {
        for key in ["created_by", "expires_at", "tags"] {
            assert!(item.get(key).is_some(), "{key} in {item}");
        }
        assert!(
            item["created_by"].is_string() && item["tags"].is_object(),
            "{item}"
        );
    }
    let plain = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["name"] == "plain")
        .unwrap();
    assert_eq!(plain["created_by"], "");
    assert_eq!(plain["expires_at"], serde_json::Value::Null);
    assert_eq!(plain["tags"], serde_json::json!({}));

    // Text: the same fields after the credstash ones.
    let text = env.cmd().args(["list"]).run();
    text.success().stdout_contains(&format!(
        "-- by {by} -- expires {expires} -- tags rotation=manual, team=db"
    ));
    let history = env.cmd().args(["history", "db.password"]).run();
    history
        .success()
        .stdout_contains(" -- expires 2099-01-31T00:00:00Z");

    // Rollback writes its own metadata (a new writer, a new expiry), not the old version's.
    env.cmd()
        .args([
            "rollback",
            "db.password",
            "--to",
            "1",
            "--tag",
            "why=incident",
        ])
        .run()
        .success();
    let versions = env
        .cmd()
        .args(["history", "db.password", "-f", "json"])
        .run()
        .json();
    let third = &versions.as_array().unwrap()[2];
    assert_eq!(third["tags"], serde_json::json!({"why": "incident"}));
    assert_eq!(third["expires_at"], serde_json::Value::Null);
    assert_eq!(third["created_by"], by.as_str());
    assert_eq!(get_n(&env, "db.password"), b"one");

    // copy keeps each version's metadata as it is, no writer added after the fact.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    env.cmd()
        .args(["copy", "--to-local"])
        .arg(&copy)
        .run()
        .success();
    let at_copy = || {
        Cmd::program(env!("CARGO_BIN_EXE_credstore"), &env)
            .arg("--local")
            .arg(&copy)
            .args(["-t", env.table.as_str()])
    };
    let copied = at_copy()
        .args(["history", "db.password", "-f", "json"])
        .run();
    copied.success();
    let original = env
        .cmd()
        .args(["history", "db.password", "-f", "json"])
        .run()
        .json();
    let copied = copied.json();
    for key in ["created_by", "expires_at", "tags", "created"] {
        let pick = |v: &serde_json::Value| -> Vec<serde_json::Value> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|i| i[key].clone())
                .collect()
        };
        assert_eq!(pick(&copied), pick(&original), "{key}");
    }
    let plain = at_copy()
        .args(["history", "plain", "-f", "json"])
        .run()
        .json();
    assert_eq!(
        plain[0]["created_by"], "",
        "no writer added to a version without one"
    );

    // Bad metadata is refused before anything is written.
    let count = item_keys(&env).len();
    for bad in [
        &["--tag", "novalue"][..],
        &["--tag", "=v"],
        &["--tag", "k=\u{1b}[2J"],
        &["--tag", "k=1", "--tag", "k=2"],
        &["--expires", "soon"],
        &["--expires", "0d"],
        &["--expires", "2001-01-01"],
        &["--expires", "2027-02-30"],
    ] {
        no_panic(
            env.cmd()
                .args(["put", "db.password", "three"])
                .args(bad.iter().copied())
                .run()
                .code(2)
                .error_line()
                .stderr_contains("db.password"),
        );
    }
    assert_eq!(item_keys(&env).len(), count, "nothing written");
}

fn expired_versions_warn_and_strict_refuses_them(b: Backend) {
    let env = TestEnv::new(b);
    put(&env, "api.token", "old-token");
    put(&env, "api.other", "fine");
    let past = now() - DAY;
    set_times(&env, "api.token", &padded(1), Some(past - DAY), Some(past));
    let expired = credstore::time::format_rfc3339(past);
    // Reads warn on stderr and still succeed.
    env.cmd()
        .args(["get", "-n", "api.token"])
        .run()
        .success()
        .stdout_eq("old-token")
        .stderr_contains(&format!(
            "warning: secret \"api.token\" version {} expired at {expired}",
            padded(1)
        ));
    let out = env.cmd().args(["get", "-n", "api.other"]).run();
    out.success().stdout_eq("fine");
    assert!(!out.stderr_str().contains("expired"), "{}", out.report());
    // --strict (or CREDSTORE_STRICT) refuses them with exit 7, no value on stdout.
    for cmd in [
        env.cmd().args(["--strict", "get", "api.token"]),
        env.cmd()
            .env("CREDSTORE_STRICT", "1")
            .args(["get", "api.token"]),
        env.cmd().args(["--strict", "getall"]),
        env.cmd().args(["--strict", "env", "api.*"]),
        env.cmd().args(["--strict", "exec", "api.*", "--", "true"]),
    ] {
        no_panic(
            cmd.run()
                .code(7)
                .stdout_empty()
                .error_line()
                .stderr_contains("api.token")
                .stderr_contains(&expired)
                .no_leak("old-token"),
        );
    }
    env.cmd()
        .args(["--strict", "get", "-n", "api.other"])
        .run()
        .success()
        .stdout_eq("fine");
    // A new version is not expired: the secret reads again under --strict.
    put(&env, "api.token", "new-token");
    env.cmd()
        .args(["--strict", "get", "-n", "api.token"])
        .run()
        .success()
        .stdout_eq("new-token");
}

fn stale_lists_old_and_expired_latest_versions(b: Backend) {
    let env = TestEnv::new(b);
    let t = now();
    for name in [
        "app.old",
        "app.fresh",
        "app.rotated",
        "app.expired",
        "app.unknown",
        "db.old",
    ] {
        put(&env, name, "v");
    }
    put(&env, "app.rotated", "v2");
    set_times(&env, "app.old", &padded(1), Some(t - 100 * DAY), None);
    set_times(&env, "db.old", &padded(1), Some(t - 100 * DAY), None);
    // Its first version is old, its latest is not: not stale.
    set_times(&env, "app.rotated", &padded(1), Some(t - 300 * DAY), None);
    set_times(&env, "app.expired", &padded(1), Some(t - DAY), Some(t - 60));
    // Written by credstash: no creation time, its age is unknown.
    set_times(&env, "app.unknown", &padded(1), None, None);

    let names = |out: &crate::harness::Output| -> Vec<String> {
        out.lines()
            .iter()
            .map(|l| l.split(" -- ").next().unwrap().to_string())
            .collect()
    };
    let out = env.cmd().args(["stale"]).run();
    out.code(1).stderr_contains("4 stale secrets");
    assert_eq!(
        names(&out),
        ["app.expired", "app.old", "app.unknown", "db.old"],
        "{}",
        out.report()
    );
    out.stdout_contains("app.old -- version 0000000000000000001 -- 100 days old")
        .stdout_contains("app.unknown -- version 0000000000000000001 -- age unknown")
        .stdout_contains(&format!(
            "app.expired -- version 0000000000000000001 -- expired {}",
            credstore::time::format_rfc3339(t - 60)
        ));

    let out = env.cmd().args(["stale", "--expired"]).run();
    out.code(1);
    assert_eq!(names(&out), ["app.expired"]);
    let out = env
        .cmd()
        .args(["stale", "--max-age", "200d", "app.*"])
        .run();
    out.code(1);
    assert_eq!(names(&out), ["app.expired", "app.unknown"]);
    let out = env.cmd().args(["stale", "--max-age", "12h", "app.*"]).run();
    out.code(1);
    assert_eq!(
        names(&out),
        ["app.expired", "app.old", "app.unknown"],
        "app.expired is a day old"
    );
    // Nothing stale: exit 0, nothing printed.
    env.cmd()
        .args(["stale", "app.fresh"])
        .run()
        .success()
        .stdout_empty();
    env.cmd().args(["stale", "--max-age", "1x"]).run().code(2);

    let out = env.cmd().args(["stale", "-f", "json", "app.*"]).run();
    out.code(1);
    let items = out.json();
    let items = items.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["name"], "app.expired");
    assert_eq!(items[0]["reasons"], serde_json::json!(["expired"]));
    assert_eq!(
        items[0]["expires_at"],
        credstore::time::format_rfc3339(t - 60)
    );
    assert_eq!(items[1]["reasons"], serde_json::json!(["max_age"]));
    let age = items[1]["age_seconds"].as_i64().unwrap();
    assert!((100 * DAY..100 * DAY + 600).contains(&age), "{age}");
    assert_eq!(items[2]["reasons"], serde_json::json!(["age_unknown"]));
    for item in items {
        assert!(
            item["created_by"].is_string() && item["tags"].is_object(),
            "{item}"
        );
    }
}

/// credstash 1.17.1 reads items that carry credstore's metadata attributes: its get,
/// getall and list ignore them.
#[test]
fn credstash_reads_items_with_metadata() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args([
            "put",
            "legacy.one",
            "first ✓",
            "--legacy",
            "--expires",
            "30d",
        ])
        .args(["--tag", "team=db", "--tag", "note=a b"])
        .run()
        .success();
    env.cmd()
        .args(["put", "legacy.two", "second", "--legacy", "--tag", "k=v"])
        .run()
        .success();
    env.cmd()
        .args(["put", "bound.one", "third", "--expires", "2099-01-01"])
        .run()
        .success();
    let raw = harness::scan_items(&env.table);
    assert!(
        raw.iter().all(|i| i.contains_key("created_by")),
        "every item has the metadata"
    );
    assert!(
        raw.iter()
            .any(|i| i.contains_key("tags") && i.contains_key("expires_at"))
    );
    credstash(&env)
        .args(["get", "legacy.one"])
        .run()
        .success()
        .stdout_eq("first ✓\n");
    credstash(&env)
        .args(["get", "legacy.two"])
        .run()
        .success()
        .stdout_eq("second\n");
    credstash(&env)
        .args(["get", "bound.one", "credstore:name=bound.one"])
        .arg(format!("credstore:version={}", padded(1)))
        .run()
        .success()
        .stdout_eq("third\n");
    let list = credstash(&env).args(["list"]).run();
    list.success()
        .stdout_contains("legacy.one")
        .stdout_contains("legacy.two")
        .stdout_contains("bound.one");
}

/// The controlled clock of the library (`Settings::now`): versions written at T expire at
/// T + lifetime; a read at that instant warns or is refused, `stale` judges age at it.
#[test]
fn expiry_and_staleness_follow_the_clock() {
    use credstore::Metadata;
    use credstore::{PutRequest, Selection, Settings, StaleQuery, StaleReason};
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let t0: i64 = 1_800_000_000;
    let at = |now: i64, refuse: bool| {
        let mut settings = Settings::default();
        settings.now = Some(now);
        settings.refuse_expired = refuse;
        let backend = credstore::Backend::local(db.clone());
        async move {
            backend
                .client("t", credstore::Access::Write, settings)
                .await
                .unwrap()
        }
    };
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    rt.block_on(async {
        let mut request = PutRequest::new("a", "value".into());
        let mut meta = Metadata::default();
        meta.expires_at = Some(t0 + 100);
        request.meta = meta;
        at(t0, false).await.put(&request).await.unwrap();
        at(t0, false)
            .await
            .put(&PutRequest::new("b", "other".into()))
            .await
            .unwrap();
        let no_context = credstore::EncryptionContext::new();

        let seen = Arc::new(Mutex::new(Vec::new()));
        let observed = |now| {
            let seen = seen.clone();
            let client = at(now, false);
            async move {
                client.await.with_expired_observer(move |n, _, e| {
                    seen.lock().unwrap().push((n.to_string(), e));
                })
            }
        };
        // One second before: read, nothing reported.
        let s = observed(t0 + 99)
            .await
            .get("a", None, &no_context)
            .await
            .unwrap();
        assert_eq!(s.value.expose(), b"value");
        assert!(seen.lock().unwrap().is_empty());
        // At expiry: read and reported; refused when refusing.
        observed(t0 + 100)
            .await
            .get("a", None, &no_context)
            .await
            .unwrap();
        assert_eq!(*seen.lock().unwrap(), [("a".to_string(), t0 + 100)]);
        let err = at(t0 + 100, true)
            .await
            .get("a", None, &no_context)
            .await
            .unwrap_err();
        assert_eq!(err.kind(), credstore::ErrorKind::Expired, "{err}");
        at(t0 + 100, true)
            .await
            .get("b", None, &no_context)
            .await
            .unwrap();

        // Staleness at t0 + 1 day: "a" expired; with a 12 h max age both are old.
        let mut query = StaleQuery::new(Selection::All);
        let report = at(t0 + 86_400, false).await.stale(&query).await.unwrap();
        let found: Vec<_> = report
            .stale
            .iter()
            .map(|s| (s.name.as_str(), s.reasons.clone()))
            .collect();
        assert_eq!(found, [("a", vec![StaleReason::Expired(t0 + 100)])]);
        query.max_age = Some(43_200);
        let report = at(t0 + 86_400, false).await.stale(&query).await.unwrap();
        let found: Vec<_> = report
            .stale
            .iter()
            .map(|s| (s.name.as_str(), s.reasons.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "a",
                    vec![StaleReason::Expired(t0 + 100), StaleReason::Old(86_400)]
                ),
                ("b", vec![StaleReason::Old(86_400)])
            ]
        );
        // Before t0 + 12 h, nothing is old.
        let report = at(t0 + 43_200, false).await.stale(&query).await.unwrap();
        assert_eq!(report.stale.len(), 1);
    });
}

/// A putall of many secrets looks the writer up once: one GetCallerIdentity per process.
#[test]
fn the_writer_is_looked_up_once_per_process() {
    let env = TestEnv::new(Backend::Dynamo);
    let json = format!(
        "{{{}}}",
        (0..12)
            .map(|i| format!("\"s{i}\": \"v{i}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy).args(["putall", &json]).run().success();
    let ops = proxy.operations();
    assert_eq!(harness::count(&ops, "GetCallerIdentity"), 1, "{ops:?}");
    assert_eq!(harness::count(&ops, "PutItem"), 12, "{ops:?}");
    // Reads never ask.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy).args(["getall"]).run().success();
    via(&env, &proxy).args(["list"]).run().success();
    assert_eq!(harness::count(&proxy.operations(), "GetCallerIdentity"), 0);
}

#[test]
fn a_writer_that_cannot_be_found_is_said_and_the_write_still_lands() {
    let env = TestEnv::new(Backend::Dynamo);
    // STS refuses: the version is written without created_by, and a warning says why.
    let proxy = FaultProxy::start(harness::endpoint(), |r| {
        if r.target == "Query.GetCallerIdentity" {
            Action::Respond {
                status: 403,
                body: "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code>\
                       <Message>not allowed</Message></Error></ErrorResponse>"
                    .into(),
                error_type: None,
            }
        } else {
            Action::Pass
        }
    });
    let out = via(&env, &proxy).args(["put", "anonymous", "v1"]).run();
    out.success();
    let err = out.stderr_str();
    assert_eq!(
        err.matches("have no created_by").count(),
        1,
        "one warning: {err}"
    );
    assert!(err.contains("sts:GetCallerIdentity"), "{err}");
    out.no_leak(b"v1");
    let history = env.cmd().args(["history", "anonymous", "-f", "json"]).run();
    history.success();
    let items: serde_json::Value = serde_json::from_slice(&history.stdout).unwrap();
    assert_eq!(items[0]["created_by"], "", "{items}");
    // A write that found its writer says nothing.
    let out = env.cmd().args(["put", "named", "v1"]).run();
    out.success();
    assert!(
        !out.stderr_str().contains("created_by"),
        "{}",
        out.stderr_str()
    );
}
