//! The AWS calls each command makes, counted at a recording proxy in front of moto:
//! `get` is one Query and one Decrypt; bulk reads are one projected Scan (keys only), one
//! BatchGetItem per 100 selected items and one Decrypt per secret, never a Query per name.

use crate::harness;
use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::via;
use crate::harness::{Backend, TestEnv};

fn seeded(names: &[&str]) -> TestEnv {
    let env = TestEnv::new(Backend::Dynamo);
    let json = format!(
        "{{{}}}",
        names
            .iter()
            .map(|n| format!("\"{n}\": \"value of {n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    env.cmd().args(["putall", &json]).run().success();
    env
}

#[test]
fn get_is_one_query_and_one_decrypt() {
    let env = seeded(&["db.password"]);
    env.cmd()
        .args(["put", "db.password", "second"])
        .run()
        .success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["get", "-n", "db.password"])
        .run()
        .success()
        .stdout_eq("second");
    assert_eq!(proxy.operations(), ["Query", "Decrypt"]);

    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["get", "-n", "db.password", "-v", "1"])
        .run()
        .success()
        .stdout_eq("value of db.password");
    assert_eq!(proxy.operations(), ["GetItem", "Decrypt"]);
}

#[test]
fn put_is_one_query_one_data_key_one_identity_lookup_and_one_write() {
    let env = seeded(&["a"]);
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy).args(["put", "a", "next"]).run().success();
    // GetCallerIdentity: the writer's ARN, the version's created_by (once per process).
    assert_eq!(
        proxy.operations(),
        ["Query", "GenerateDataKey", "GetCallerIdentity", "PutItem"]
    );
}

#[test]
fn bulk_reads_are_one_scan_one_batch_get_plus_one_decrypt_per_secret() {
    let names = ["app.one", "app.two", "app.three", "db.user", "db.password"];
    let env = seeded(&names);
    let selections: [&[&str]; 3] = [&["getall"], &["get", "*"], &["exec", "--all", "--", "true"]];
    for args in selections {
        let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
        via(&env, &proxy).args(args).run().success();
        let ops = proxy.operations();
        assert_eq!(&ops[..2], ["Scan", "BatchGetItem"], "{args:?}: {ops:?}");
        assert_eq!(
            harness::count(&ops, "Decrypt"),
            names.len(),
            "{args:?}: {ops:?}"
        );
        assert_eq!(
            ops.len(),
            2 + names.len(),
            "{args:?}: nothing else: {ops:?}"
        );
    }
    // Exact names need no scan: one Query and one Decrypt each, concurrently.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["exec", "db.user", "db.password", "--", "true"])
        .run()
        .success();
    let ops = proxy.operations();
    assert_eq!(harness::count(&ops, "Query"), 2, "{ops:?}");
    assert_eq!(harness::count(&ops, "Decrypt"), 2, "{ops:?}");
    assert_eq!(ops.len(), 4, "{ops:?}");
}

#[test]
fn list_and_keys_are_one_scan_and_no_decrypt() {
    let env = seeded(&["x", "y"]);
    for command in ["list", "keys"] {
        let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
        via(&env, &proxy).arg(command).run().success();
        assert_eq!(proxy.operations(), ["Scan"], "{command}");
    }
}
