//! Selections (patterns, prefixes, `--all`, getall) read the latest version of each selected
//! name, by credstash's order (the greatest version string), on both backends; on DynamoDB
//! the key scan is projected and filtered on the server, only the selected items are fetched
//! (BatchGetItem), and keys DynamoDB leaves unprocessed are asked for again.

use crate::harness::fault_proxy::{Action, FaultProxy};
use crate::harness::raw::{delete_raw, scan_raw, write_raw};
use crate::harness::via;
use crate::harness::{self, Backend, TestEnv, map, padded};

on_both_backends!(selections_read_the_latest_of_each_selected_name,);

fn selections_read_the_latest_of_each_selected_name(b: Backend) {
    let env = TestEnv::new(b);
    let legacy = |name: &str, value: &str| {
        env.cmd()
            .args(["put", name, value, "--legacy"])
            .run()
            .success();
    };
    legacy("app", "bare");
    legacy("appdb", "db-1");
    legacy("appdb", "db-2");
    legacy("appdb", "db-unpadded-4");
    legacy("appx", "x");
    legacy("otherx", "ox");
    legacy("zed", "z");
    // appdb's third version as an unpadded legacy version "4": greater, as a string, than
    // every padded version, so it is the latest (credstash's order).
    let mut raw = scan_raw(&env)
        .into_iter()
        .find(|r| r.name == "appdb" && r.version == padded(3))
        .unwrap();
    delete_raw(&env, "appdb", &padded(3));
    raw.version = "4".into();
    write_raw(&env, &raw);
    let allow = |args: &[&str]| {
        let out = env.cmd().args(["--unbound", "allow"]).args(args).run();
        out.success();
        out
    };
    let all = [
        ("app", "bare"),
        ("appdb", "db-unpadded-4"),
        ("appx", "x"),
        ("otherx", "ox"),
        ("zed", "z"),
    ];
    let cases: [(&str, &[(&str, &str)]); 4] = [
        ("app*", &all[..3]),
        ("appd*", &[("appdb", "db-unpadded-4")]),
        // No literal prefix: every key is scanned.
        ("*x", &[("appx", "x"), ("otherx", "ox")]),
        ("a*d*", &[("appdb", "db-unpadded-4")]),
    ];
    for (pattern, expected) in cases {
        let out = allow(&["get", pattern]);
        assert_eq!(out.json_map(), map(expected), "{pattern}\n{}", out.report());
    }
    assert_eq!(allow(&["getall"]).json_map(), map(&all));
    let env_json = |args: &[&str]| {
        let mut full = vec!["env", "-f", "json"];
        full.extend_from_slice(args);
        allow(&full).json_map()
    };
    // A prefix selects whole path segments: `appdb` and `appx` are other names, not
    // under `app`; and the secret named exactly as the prefix leaves no variable name.
    env.cmd()
        .args(["--unbound", "allow", "env", "--prefix", "app"])
        .run()
        .code(3)
        .stderr_contains("prefix \"app\" selects no secret");
    // Several scanning sources, one without a literal prefix, and an exact name.
    assert_eq!(
        env_json(&["appd*", "*x", "zed"]),
        map(&[
            ("APPDB", "db-unpadded-4"),
            ("APPX", "x"),
            ("OTHERX", "ox"),
            ("ZED", "z")
        ])
    );
    assert_eq!(
        env_json(&["--all"]),
        map(&[
            ("APP", "bare"),
            ("APPDB", "db-unpadded-4"),
            ("APPX", "x"),
            ("OTHERX", "ox"),
            ("ZED", "z"),
        ])
    );
    // A selection that matches nothing in a filtered scan still fails closed (not found).
    env.cmd()
        .args(["--unbound", "allow", "env", "--prefix", "nothing/"])
        .run()
        .code(3)
        .stderr_contains("nothing/");
}

fn seeded(names: &[&str]) -> TestEnv {
    let env = TestEnv::new(Backend::Dynamo);
    let pairs: Vec<(String, String)> = names
        .iter()
        .map(|n| (n.to_string(), format!("value of {n}")))
        .collect();
    let json = serde_json::to_string(
        &pairs
            .into_iter()
            .collect::<std::collections::BTreeMap<_, _>>(),
    )
    .unwrap();
    env.cmd().args(["putall", &json]).run().success();
    env
}

/// The bodies of the requests of one DynamoDB operation the proxy saw.
fn bodies(proxy: &FaultProxy, op: &str) -> Vec<String> {
    proxy
        .seen()
        .into_iter()
        .filter(|(r, _)| r.is_dynamo(op))
        .map(|(r, _)| r.body)
        .collect()
}

#[test]
fn a_pattern_scans_keys_filtered_on_the_server_and_fetches_only_selected_items() {
    let env = seeded(&["app042/k001", "app042/k002", "app042/z", "app043/k001", "b"]);
    env.cmd()
        .args(["put", "app042/k001", "second"])
        .run()
        .success();
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    let out = via(&env, &proxy).args(["get", "app042/k*"]).run();
    out.success();
    assert_eq!(
        out.json_map(),
        map(&[
            ("app042/k001", "second"),
            ("app042/k002", "value of app042/k002")
        ])
    );
    let scans = bodies(&proxy, "Scan");
    assert_eq!(scans.len(), 1, "{scans:?}");
    let scan: serde_json::Value = serde_json::from_str(&scans[0]).unwrap();
    assert_eq!(
        scan["FilterExpression"].as_str(),
        Some("begins_with(#fn, :p0)"),
        "{scan}"
    );
    assert_eq!(
        scan["ExpressionAttributeValues"][":p0"]["S"], "app042/k",
        "{scan}"
    );
    let projection = scan["ProjectionExpression"].as_str().unwrap_or_default();
    assert_eq!(
        projection.split(", ").count(),
        3,
        "name, version, context: {scan}"
    );
    assert_eq!(scan["ConsistentRead"], true, "{scan}");
    let gets = bodies(&proxy, "BatchGetItem");
    assert_eq!(gets.len(), 1, "{gets:?}");
    let get: serde_json::Value = serde_json::from_str(&gets[0]).unwrap();
    let request = &get["RequestItems"][env.table.as_str()];
    assert_eq!(request["ConsistentRead"], true, "{get}");
    let mut keys: Vec<(String, String)> = request["Keys"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| {
            (
                k["name"]["S"].as_str().unwrap().to_string(),
                k["version"]["S"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    keys.sort();
    // Only the latest version of each selected name is fetched.
    assert_eq!(
        keys,
        [
            ("app042/k001".to_string(), padded(2)),
            ("app042/k002".to_string(), padded(1))
        ]
    );
    // The same for a prefix: exec reads the selected items only.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    via(&env, &proxy)
        .args(["env", "-f", "json", "--prefix", "app043/"])
        .run()
        .success();
    let gets = bodies(&proxy, "BatchGetItem").join("\n");
    assert!(gets.contains("app043/k001"), "{gets}");
    assert!(!gets.contains("app042"), "{gets}");
}

#[test]
fn keys_left_unprocessed_are_asked_for_again() {
    let names: Vec<String> = (0..150).map(|i| format!("n{i:03}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let env = seeded(&refs);
    let answered = std::sync::atomic::AtomicUsize::new(0);
    let proxy = FaultProxy::start(harness::endpoint(), move |r| {
        // The first two BatchGetItem requests are answered "nothing done": every key
        // unprocessed, as DynamoDB answers when it runs out of capacity mid-request.
        if !r.is_dynamo("BatchGetItem")
            || answered.fetch_add(1, std::sync::atomic::Ordering::SeqCst) >= 2
        {
            return Action::Pass;
        }
        let request: serde_json::Value = serde_json::from_str(&r.body).unwrap();
        let body = serde_json::json!({
            "Responses": {},
            "UnprocessedKeys": request["RequestItems"],
        });
        Action::Respond {
            status: 200,
            body: body.to_string(),
            error_type: None,
        }
    });
    let out = via(&env, &proxy).args(["getall"]).run();
    out.success();
    let got = out.json_map();
    assert_eq!(got.len(), 150, "{}", out.report());
    assert_eq!(got["n149"], "value of n149");
    let seen = proxy.seen();
    let gets: Vec<&str> = seen
        .iter()
        .filter(|(r, _)| r.is_dynamo("BatchGetItem"))
        .map(|(_, what)| *what)
        .collect();
    // 150 keys: two requests (100 + 50), each answered unprocessed once, then passed.
    assert_eq!(
        gets.iter().filter(|w| **w == "respond").count(),
        2,
        "{gets:?}"
    );
    assert_eq!(gets.iter().filter(|w| **w == "pass").count(), 2, "{gets:?}");
}
