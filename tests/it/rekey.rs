//! `bind` and `rekey`: data keys move to the name-bound context or to another KMS key with
//! KMS ReEncrypt. `contents` and `hmac` stay byte-identical, values still read, credstash
//! still reads the items, no plaintext data key is ever asked for (a recording proxy sees
//! no GenerateDataKey or Decrypt), a concurrent write is never overwritten, a second run
//! changes nothing, and a dry run writes nothing.

use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::raw::{Raw, scan_raw, write_raw};
use crate::harness::via;
use crate::harness::{self, Backend, TestEnv, par_map};
use crate::interop::{CREDSTASH_THREADS, DIGESTS, credstash, cs_put};
use aws_sdk_kms::primitives::Blob;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// No plaintext data key was asked for.
fn assert_no_plaintext(ops: &[String]) {
    assert_eq!(harness::count(ops, "GenerateDataKey"), 0, "{ops:?}");
    assert_eq!(harness::count(ops, "Decrypt"), 0, "{ops:?}");
}

/// Items by (name, version).
fn by_key(items: Vec<Raw>) -> BTreeMap<(String, String), Raw> {
    items
        .into_iter()
        .map(|r| ((r.name.clone(), r.version.clone()), r))
        .collect()
}

/// `after` holds the same items as `before` with byte-identical contents and hmac.
fn assert_same_material(before: &BTreeMap<(String, String), Raw>, after: &[Raw]) {
    assert_eq!(after.len(), before.len());
    for r in after {
        let b = &before[&(r.name.clone(), r.version.clone())];
        assert_eq!(r.contents, b.contents, "{} {}: contents", r.name, r.version);
        assert_eq!(r.hmac, b.hmac, "{} {}: hmac", r.name, r.version);
    }
}

/// A table written by credstash: every digest, without and with a user context, two
/// versions each. Returns (name, value of each version, whether it has the context).
fn credstash_table(env: &TestEnv) -> Vec<(String, [String; 2], bool)> {
    let cells: Vec<(String, [String; 2], bool, &str)> = DIGESTS
        .iter()
        .flat_map(|d| {
            [false, true].map(|ctx| {
                let name = format!("{}.{}", if ctx { "ctx" } else { "plain" }, d.to_lowercase());
                let values = [format!("first {name} ✓"), format!("second {name}")];
                (name, values, ctx, *d)
            })
        })
        .collect();
    let failures: Vec<String> = par_map(&cells, CREDSTASH_THREADS, |(name, values, ctx, d)| {
        let context: &[&str] = if *ctx { &["env=prod"] } else { &[] };
        let mut out = Vec::new();
        for (i, value) in values.iter().enumerate() {
            let auto: &[&str] = if i == 0 { &[] } else { &["-a"] };
            let extra: Vec<&str> = ["-d", d].iter().chain(auto).copied().collect();
            let put = cs_put(env, name, value, context, &extra);
            if !put.status.success() {
                out.push(format!("credstash put failed\n{}", put.report()));
            }
        }
        out
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    cells.into_iter().map(|(n, v, c, _)| (n, v, c)).collect()
}

#[test]
fn bind_a_credstash_table_without_plaintext() {
    let env = TestEnv::new(Backend::Dynamo);
    let secrets = credstash_table(&env);
    let before = by_key(scan_raw(&env));
    assert_eq!(before.len(), secrets.len() * 2);
    assert!(before.values().all(|r| r.context.is_none()));

    // A dry run reports every version, calls no KMS and writes nothing.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    let out = via(&env, &proxy)
        .args(["bind", "--dry-run", "plain.*"])
        .run();
    out.success()
        .stdout_contains("would bind plain.sha256 -- version");
    assert_eq!(out.lines().len(), DIGESTS.len() * 2, "{}", out.report());
    out.stderr_contains("would bind 12, skipped 0, failed 0");
    let ops = proxy.operations();
    assert_eq!(ops, ["Scan"], "a dry run only scans");
    for r in scan_raw(&env) {
        let b = &before[&(r.name.clone(), r.version.clone())];
        assert_eq!((&r.key, &r.context), (&b.key, &b.context));
    }

    // Bind: the plain items, then those written with a context (given on the command line).
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["bind", "plain.*"])
        .run()
        .success()
        .stderr_contains("bound 12, skipped 0, failed 0");
    // Without their context, KMS refuses the ctx items: reported, exit 5, nothing written.
    via(&env, &proxy)
        .args(["bind", "ctx.sha256"])
        .run()
        .code(5)
        .stderr_contains("failed 2");
    via(&env, &proxy)
        .args(["bind", "ctx.*", "env=prod"])
        .run()
        .success()
        .stderr_contains("bound 12, skipped 0, failed 0");
    let ops = proxy.operations();
    assert_no_plaintext(&ops);
    assert_eq!(harness::count(&ops, "ReEncrypt"), 26, "{ops:?}");
    assert_eq!(harness::count(&ops, "UpdateItem"), 24, "{ops:?}");

    let after = scan_raw(&env);
    assert_same_material(&before, &after);
    for r in &after {
        assert_ne!(r.key, before[&(r.name.clone(), r.version.clone())].key);
        let mut expected = BTreeMap::from([
            ("credstore:name".to_string(), r.name.clone()),
            ("credstore:version".to_string(), r.version.clone()),
        ]);
        if r.name.starts_with("ctx.") {
            expected.insert("env".into(), "prod".into());
        }
        assert_eq!(
            r.context.as_ref(),
            Some(&expected),
            "{} {}",
            r.name,
            r.version
        );
    }

    // credstore reads every version in strict mode (the context is stored now), and
    // credstash reads them with the reserved context.
    let failures: Vec<String> = par_map(&after, 4, |r| {
        let (name, values, _) = secrets.iter().find(|s| s.0 == r.name).unwrap();
        // Versions sort in the order they were written.
        let i = before
            .keys()
            .filter(|k| &k.0 == name)
            .position(|k| k.1 == r.version)
            .unwrap();
        let ours = env
            .cmd()
            .args(["--strict", "get", "-n", name, "-v", &r.version])
            .run();
        let mut problems = Vec::new();
        if ours.stdout != values[i].as_bytes() {
            problems.push(format!(
                "credstore get {name} v{}\n{}",
                r.version,
                ours.report()
            ));
        }
        let mut args = vec![
            "get".to_string(),
            name.clone(),
            format!("credstore:name={name}"),
            format!("credstore:version={}", r.version),
        ];
        if name.starts_with("ctx.") {
            args.push("env=prod".into());
        }
        args.extend(["-v".to_string(), r.version.clone()]);
        let theirs = credstash(&env).args(args).run();
        if theirs.stdout != format!("{}\n", values[i]).as_bytes() {
            problems.push(format!(
                "credstash get {name} v{}\n{}",
                r.version,
                theirs.report()
            ));
        }
        problems
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));

    // A bound item copied under another name is refused by KMS.
    let mut copy = after
        .iter()
        .find(|r| r.name == "plain.sha256")
        .unwrap()
        .clone();
    copy.name = "stolen".into();
    write_raw(&env, &copy);
    env.cmd().args(["get", "stolen"]).run().code(5);

    // A second run finds nothing to do and calls no KMS.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    let out = via(&env, &proxy).args(["bind", "--all"]).run();
    out.success()
        .stderr_contains("bound 0, skipped 25, failed 0");
    assert_eq!(proxy.operations(), ["Scan"]);
}

#[test]
fn rekey_a_credstash_table_without_plaintext() {
    let env = TestEnv::new(Backend::Dynamo);
    let secrets = credstash_table(&env);
    let before = by_key(scan_raw(&env));
    let old_key = env.key_id.clone().unwrap();
    let new_key = harness::create_kms_key();

    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    let out = via(&env, &proxy)
        .args(["rekey", "--dry-run", "--all", "--to-key", &new_key])
        .run();
    out.success()
        .stderr_contains("would rekey 24, skipped 0, failed 0");
    assert_eq!(proxy.operations(), ["Scan"]);
    via(&env, &proxy)
        .args(["rekey", "plain.*", "--to-key", &new_key])
        .run()
        .success()
        .stderr_contains("rekeyed 12, skipped 0, failed 0");
    via(&env, &proxy)
        .args(["rekey", "ctx.*", "env=prod", "--to-key", &new_key])
        .run()
        .success()
        .stderr_contains("rekeyed 12, skipped 0, failed 0");
    let ops = proxy.operations();
    assert_no_plaintext(&ops);
    assert_eq!(harness::count(&ops, "UpdateItem"), 24, "{ops:?}");

    let after = scan_raw(&env);
    assert_same_material(&before, &after);
    for r in &after {
        assert_ne!(r.key, before[&(r.name.clone(), r.version.clone())].key);
        assert_eq!(r.context, None, "rekey keeps credstash's (absent) context");
    }

    // Readers pinned to the new key read everything; pinned to the old one, they refuse.
    for (name, values, ctx) in &secrets {
        let context: &[&str] = if *ctx { &["env=prod"] } else { &[] };
        env.cmd()
            .args(["--read-key", &new_key, "get", "-n", name])
            .args(context)
            .run()
            .success()
            .stdout_eq(&values[1]);
        credstash(&env)
            .args(["get", name])
            .args(context)
            .run()
            .success()
            .stdout_eq(format!("{}\n", values[1]));
    }
    env.cmd()
        .args(["--read-key", &old_key, "get", "plain.sha256"])
        .run()
        .code(5);

    // A second run: KMS reports every data key under the new key already: nothing written.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["rekey", "plain.*", "--to-key", &new_key])
        .run()
        .success()
        .stderr_contains("rekeyed 0, skipped 12, failed 0");
    let ops = proxy.operations();
    assert_eq!(harness::count(&ops, "UpdateItem"), 0, "{ops:?}");
    assert_no_plaintext(&ops);
    let unchanged = scan_raw(&env);
    for r in &unchanged {
        let a = after
            .iter()
            .find(|a| a.name == r.name && a.version == r.version)
            .unwrap();
        assert_eq!(r.key, a.key);
    }
}

/// Items written by credstore with --legacy (unbound), with and without a context, bound
/// on either backend.
fn bind_legacy_items(backend: Backend) {
    let env = TestEnv::new(backend);
    for i in 1..=3 {
        env.cmd()
            .args(["put", "--legacy", "db.password", &format!("pw {i}")])
            .run()
            .success();
        env.cmd()
            .args([
                "put",
                "--legacy",
                "api.token",
                &format!("tok {i}"),
                "app=web",
            ])
            .run()
            .success();
    }
    env.cmd()
        .args(["put", "bound.one", "already"])
        .run()
        .success();
    let before = by_key(scan_raw(&env));

    let out = env.cmd().args(["bind", "--all", "--dry-run"]).run();
    out.success()
        .stdout_contains("would bind db.password -- version 0000000000000000003")
        .stdout_contains("skipped bound.one -- version 0000000000000000001 (already bound)")
        .stderr_contains("would bind 6, skipped 1, failed 0");
    for r in scan_raw(&env) {
        let b = &before[&(r.name.clone(), r.version.clone())];
        assert_eq!((&r.key, &r.context), (&b.key, &b.context), "dry run wrote");
    }
    // Strict readers refuse the unbound items before binding.
    env.cmd()
        .args(["--strict", "get", "db.password"])
        .run()
        .code(5);

    env.cmd()
        .args(["bind", "db.password", "api.*"])
        .run()
        .success()
        .stderr_contains("bound 6, skipped 0, failed 0");
    let after = scan_raw(&env);
    assert_same_material(&before, &after);
    for r in &after {
        let ctx = r.context.as_ref().unwrap();
        assert_eq!(ctx["credstore:name"], r.name);
        assert_eq!(ctx["credstore:version"], r.version);
        assert_eq!(
            ctx.get("app").map(String::as_str),
            (r.name == "api.token").then_some("web")
        );
    }
    for i in 1..=3u64 {
        let v = harness::padded(i);
        env.cmd()
            .args(["--strict", "get", "-n", "db.password", "-v", &v])
            .run()
            .success()
            .stdout_eq(format!("pw {i}"));
        env.cmd()
            .args(["--strict", "get", "-n", "api.token", "-v", &v])
            .run()
            .success()
            .stdout_eq(format!("tok {i}"));
    }
    // Copied under another name, a bound item is refused.
    let mut copy = after
        .iter()
        .find(|r| r.name == "db.password")
        .unwrap()
        .clone();
    copy.name = "other".into();
    write_raw(&env, &copy);
    env.cmd().args(["get", "other"]).run().code(5);

    env.cmd()
        .args(["bind", "db.password", "api.token", "bound.one"])
        .run()
        .success()
        .stderr_contains("bound 0, skipped 7, failed 0");
    // A name with no item is reported (exit 3), the others are still handled.
    env.cmd()
        .args(["bind", "db.password", "missing"])
        .run()
        .code(3)
        .stderr_contains("\"missing\" not found")
        .stderr_contains("bound 0, skipped 3, failed 1");
}

fn rekey_local_is_refused(backend: Backend) {
    let env = TestEnv::new(backend);
    env.cmd().args(["put", "a", "x"]).run().success();
    let out = env
        .cmd()
        .args(["rekey", "--all", "--to-key", "alias/other"])
        .run();
    match backend {
        Backend::Local => {
            out.code(2).stderr_contains("one master key");
        }
        Backend::Dynamo => {
            // An unknown key: KMS refuses, reported per version, nothing written.
            out.code(5).stderr_contains("failed 1");
        }
    }
    env.cmd()
        .args(["get", "a"])
        .run()
        .success()
        .stdout_eq("x\n");
}

on_both_backends!(bind_legacy_items, rekey_local_is_refused);

/// Re-wraps `name`'s item in the table under `to_key` (same context), as a concurrent
/// rekey by someone else would, straight through the emulator.
fn rekey_behind_the_back(table: &str, name: &str, version: &str, to_key: &str) -> String {
    harness::rt().block_on(async {
        let mut item = harness::dynamo()
            .get_item()
            .table_name(table)
            .key(
                "name",
                aws_sdk_dynamodb::types::AttributeValue::S(name.into()),
            )
            .key(
                "version",
                aws_sdk_dynamodb::types::AttributeValue::S(version.into()),
            )
            .consistent_read(true)
            .send()
            .await
            .unwrap()
            .item
            .unwrap();
        use base64::Engine as _;
        let b64 = base64::engine::general_purpose::STANDARD;
        let old = b64.decode(harness::attr_s(&item, "key")).unwrap();
        let context: Option<std::collections::HashMap<String, String>> =
            item.get("context").map(|c| {
                c.as_m()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| (k.clone(), v.as_s().unwrap().clone()))
                    .collect()
            });
        let out = harness::kms()
            .re_encrypt()
            .ciphertext_blob(Blob::new(old))
            .set_source_encryption_context(context.clone())
            .set_destination_encryption_context(context)
            .destination_key_id(to_key)
            .send()
            .await
            .unwrap();
        let new = b64.encode(out.ciphertext_blob.unwrap().into_inner());
        item.insert(
            "key".into(),
            aws_sdk_dynamodb::types::AttributeValue::S(new.clone()),
        );
        harness::dynamo()
            .put_item()
            .table_name(table)
            .set_item(Some(item))
            .send()
            .await
            .unwrap();
        new
    })
}

/// A proxy that, on the first UpdateItem, rekeys `name` v1 under `to_key` itself before
/// letting the UpdateItem through: the conditional write must then fail.
fn racing_proxy(
    env: &TestEnv,
    name: &'static str,
    to_key: String,
) -> (FaultProxy, Arc<std::sync::Mutex<String>>) {
    let fired = AtomicBool::new(false);
    let written = Arc::new(std::sync::Mutex::new(String::new()));
    let (table, w) = (env.table.clone(), written.clone());
    let proxy = FaultProxy::start(harness::endpoint(), move |r| {
        if r.is_dynamo("UpdateItem") && !fired.swap(true, Ordering::SeqCst) {
            *w.lock().unwrap() = rekey_behind_the_back(&table, name, &harness::padded(1), &to_key);
        }
        Action::Pass
    });
    (proxy, written)
}

#[test]
fn a_concurrent_rekey_during_bind_is_reported_not_overwritten() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args(["put", "--legacy", "s", "value"])
        .run()
        .success();
    let other = harness::create_kms_key();
    let (proxy, written) = racing_proxy(&env, "s", other.clone());
    let out = via(&env, &proxy).args(["bind", "s"]).run();
    // The retry finds the item under a key readers do not accept: reported, not moved.
    out.code(5)
        .stderr_contains("not under")
        .stderr_contains("bound 0, skipped 0, failed 1");
    let ops = proxy.operations();
    assert_eq!(harness::count(&ops, "UpdateItem"), 1, "{ops:?}");
    assert_no_plaintext(&ops);
    let item = harness::get_item(&env.table, "s", &harness::padded(1)).unwrap();
    assert_eq!(
        harness::attr_s(&item, "key"),
        *written.lock().unwrap(),
        "overwritten"
    );
    assert!(!item.contains_key("context"));
    env.cmd()
        .args(["--read-key", &other, "get", "-n", "s"])
        .run()
        .success()
        .stdout_eq("value");
}

#[test]
fn a_concurrent_rekey_during_rekey_is_retried_from_what_it_wrote() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd().args(["put", "s", "value"]).run().success();
    let (middle, target) = (harness::create_kms_key(), harness::create_kms_key());
    let (proxy, written) = racing_proxy(&env, "s", middle.clone());
    via(&env, &proxy)
        .args([
            "--read-key",
            &format!("{},{middle}", env.key_id.as_deref().unwrap()),
        ])
        .args(["rekey", "s", "--to-key", &target])
        .run()
        .success()
        .stderr_contains("rekeyed 1, skipped 0, failed 0");
    let ops = proxy.operations();
    // The first conditional write failed (the item changed); the retry re-read the item
    // and re-encrypted the concurrent writer's data key.
    assert_eq!(harness::count(&ops, "UpdateItem"), 2, "{ops:?}");
    assert_eq!(harness::count(&ops, "ReEncrypt"), 2, "{ops:?}");
    assert_no_plaintext(&ops);
    let item = harness::get_item(&env.table, "s", &harness::padded(1)).unwrap();
    assert_ne!(harness::attr_s(&item, "key"), *written.lock().unwrap());
    env.cmd()
        .args(["--read-key", &target, "--strict", "get", "-n", "s"])
        .run()
        .success()
        .stdout_eq("value");
}

#[test]
fn bind_a_mime_wrapped_key_of_the_ruby_port() {
    let env = TestEnv::new(Backend::Dynamo);
    env.cmd()
        .args(["put", "--legacy", "ruby", "gem"])
        .run()
        .success();
    let v = harness::padded(1);
    let mut item = harness::get_item(&env.table, "ruby", &v).unwrap();
    let key = harness::attr_s(&item, "key").to_string();
    let wrapped: String = key
        .as_bytes()
        .chunks(60)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    assert_ne!(wrapped, key);
    item.insert(
        "key".into(),
        aws_sdk_dynamodb::types::AttributeValue::S(wrapped),
    );
    harness::put_item(&env.table, item);
    // The condition is on the text as stored, not on its standard encoding.
    env.cmd()
        .args(["bind", "ruby"])
        .run()
        .success()
        .stderr_contains("bound 1, skipped 0, failed 0");
    env.cmd()
        .args(["--strict", "get", "ruby"])
        .run()
        .success()
        .stdout_eq("gem\n");
}
