//! Multi-Region: replica wraps written by `--replica-region`, reads that fail over to
//! them when the home region's KMS fails (and only then), `sync` to another region's
//! table, and the embedded backend's refusal. One moto serves both regions (it keeps
//! them apart by the signature's region); a fault proxy fails one region by the SigV4
//! credential scope of each request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

use crate::harness::fault_proxy::{Action, FaultProxy, Request};
use crate::harness::{self, Backend, Cmd, Endpoints, Item, TestEnv, dynamo_in, kms_in, no_panic};
use aws_sdk_dynamodb::types::AttributeValue;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const HOME: &str = harness::REGION;
const REPLICA: &str = "eu-west-1";

/// A key in `region` under `alias`; returns its ARN.
pub(crate) fn key_with_alias(region: &str, alias: &str) -> String {
    harness::rt().block_on(async {
        let kms = kms_in(region);
        let meta = kms.create_key().send().await.expect("CreateKey");
        let meta = meta.key_metadata().expect("key metadata");
        kms.create_alias()
            .alias_name(alias)
            .target_key_id(meta.key_id())
            .send()
            .await
            .expect("CreateAlias");
        meta.arn().expect("key ARN").to_string()
    })
}

/// Every item of `table` in `region`.
fn items_in(region: &str, table: &str) -> Vec<Item> {
    harness::rt().block_on(async {
        dynamo_in(region)
            .scan()
            .table_name(table)
            .consistent_read(true)
            .send()
            .await
            .map(|out| out.items.unwrap_or_default())
            .unwrap_or_default()
    })
}

/// A table in the home region and a key under the same alias in both regions.
struct World {
    env: TestEnv,
    alias: String,
    arns: [String; 2],
}

impl World {
    fn new() -> World {
        static N: AtomicUsize = AtomicUsize::new(0);
        let env = TestEnv::bare(Backend::Dynamo);
        let alias = format!(
            "alias/credstore-mr-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        );
        let arns = [
            key_with_alias(HOME, &alias),
            key_with_alias(REPLICA, &alias),
        ];
        let world = World { env, alias, arns };
        world.cmd(harness::endpoint()).arg("setup").run().success();
        world
    }

    /// credstore against `endpoint` (the emulator, or a proxy in front of it), writing
    /// under the alias.
    fn cmd(&self, endpoint: &str) -> Cmd {
        self.env.cmd_via(Endpoints::at(endpoint).key(&self.alias))
    }

    fn put_replicated(&self, name: &str, value: &str) {
        self.cmd(harness::endpoint())
            .args(["--replica-region", REPLICA, "put", name, value])
            .run()
            .success();
    }
}

/// The signing region of a request, when it is a KMS request.
pub(crate) fn kms_region(r: &Request) -> Option<String> {
    r.credential()
        .filter(|c| c.service == "kms")
        .map(|c| c.region)
}

/// A proxy failing the KMS requests of `region` with `fault`, passing everything else.
pub(crate) fn failing_kms_of(region: &'static str, fault: fn() -> Action) -> FaultProxy {
    FaultProxy::start(harness::endpoint(), move |r| {
        if kms_region(r).as_deref() == Some(region) {
            fault()
        } else {
            Action::Pass
        }
    })
}

/// A proxy failing every request (DynamoDB and KMS) signed for `region` with HTTP 500.
fn failing_region(region: &'static str) -> FaultProxy {
    FaultProxy::start(harness::endpoint(), move |r| {
        if r.credential().is_some_and(|c| c.region == region) {
            Action::internal_error()
        } else {
            Action::Pass
        }
    })
}

/// How many KMS requests of `op` the proxy saw signed for `region`.
pub(crate) fn kms_calls(proxy: &FaultProxy, op: &str, region: &str) -> usize {
    proxy
        .seen()
        .iter()
        .filter(|(r, _)| r.is_kms(op) && kms_region(r).as_deref() == Some(region))
        .count()
}

fn hang() -> Action {
    Action::Hang
}

pub(crate) fn access_denied() -> Action {
    Action::Respond {
        status: 400,
        body: r#"{"__type":"AccessDeniedException","message":"injected: not allowed"}"#.into(),
        error_type: Some("AccessDeniedException".into()),
    }
}

#[test]
fn put_with_a_replica_region_stores_a_wrap_per_region() {
    let world = World::new();
    world.put_replicated("db/password", "s3cret-replicated");
    let item =
        harness::get_item(&world.env.table, "db/password", &harness::padded(1)).expect("the item");
    let Some(AttributeValue::M(wraps)) = item.get("wraps") else {
        panic!("no wraps attribute: {item:?}");
    };
    let mut regions: Vec<&String> = wraps.keys().collect();
    regions.sort();
    assert_eq!(regions, [REPLICA, HOME], "{wraps:?}");
    let field = |region: &str, f: &str| match &wraps[region] {
        AttributeValue::M(m) => m.get(f).cloned(),
        other => panic!("wrap of {region} is {other:?}"),
    };
    // The home wrap is the `key` attribute (credstash's), named by its key ARN; the replica
    // wrap is a blob of its own under the replica region's key.
    assert_eq!(
        field(HOME, "arn"),
        Some(AttributeValue::S(world.arns[0].clone()))
    );
    assert_eq!(field(HOME, "key"), None);
    assert_eq!(
        field(REPLICA, "arn"),
        Some(AttributeValue::S(world.arns[1].clone()))
    );
    let replica_blob = match field(REPLICA, "key") {
        Some(AttributeValue::S(b64)) => b64,
        other => panic!("replica key is {other:?}"),
    };
    assert_ne!(replica_blob, harness::attr_s(&item, "key"));
    // history -f json names the regions holding a wrap.
    let history = world
        .cmd(harness::endpoint())
        .args(["history", "db/password", "-f", "json"])
        .run();
    let doc = history.success().json();
    assert_eq!(
        doc[0]["regions"],
        serde_json::json!([REPLICA, HOME]),
        "{doc}"
    );
    // And so does list -f json.
    let list = world
        .cmd(harness::endpoint())
        .args(["list", "-f", "json"])
        .run();
    let doc = list.success().json();
    assert_eq!(
        doc[0]["regions"],
        serde_json::json!([REPLICA, HOME]),
        "{doc}"
    );
    world
        .cmd(harness::endpoint())
        .args(["get", "db/password"])
        .run()
        .success()
        .stdout_eq("s3cret-replicated\n");
}

#[test]
fn reads_fail_over_when_the_home_kms_fails_and_the_breaker_pays_it_once() {
    let world = World::new();
    world.put_replicated("one", "value-one");
    let many: Vec<String> = (0..20).map(|i| format!("many/{i:02}")).collect();
    for name in &many {
        world.put_replicated(name, &format!("value-{name}"));
    }
    for (label, fault) in [
        ("500", Action::internal_error as fn() -> Action),
        ("never answering", hang),
    ] {
        let proxy = failing_kms_of(HOME, fault);
        let started = Instant::now();
        let out = world
            .cmd(&proxy.endpoint())
            .args(["get", "one"])
            .timeout(Duration::from_secs(30))
            .run();
        no_panic(&out).success().stdout_eq("value-one\n");
        eprintln!(
            "{label}: get of a replicated secret took {:.2?}",
            started.elapsed()
        );
        assert!(
            kms_calls(&proxy, "Decrypt", HOME) >= 1,
            "{label}: home first"
        );
        assert_eq!(kms_calls(&proxy, "Decrypt", REPLICA), 1, "{label}");

        // 20 secrets, 4 decrypts at a time: the first 4 meet the outage, trip the
        // breaker, and the other 16 go straight to the replica region.
        let proxy = failing_kms_of(HOME, fault);
        let started = Instant::now();
        let out = world
            .cmd(&proxy.endpoint())
            .args(["--concurrency", "4", "getall", "-f", "json"])
            .timeout(Duration::from_secs(60))
            .run();
        no_panic(&out).success();
        let secrets = out.json_map();
        eprintln!(
            "{label}: getall of 21 replicated secrets took {:.2?}",
            started.elapsed()
        );
        for name in &many {
            assert_eq!(secrets[name], format!("value-{name}"), "{label}");
        }
        assert_eq!(kms_calls(&proxy, "Decrypt", REPLICA), 21, "{label}");
        let home_decrypts = proxy
            .seen()
            .iter()
            .filter(|(r, a)| r.is_kms("Decrypt") && *a != "pass")
            .map(|(r, _)| r.body.clone())
            .collect::<std::collections::HashSet<_>>()
            .len();
        assert!(
            home_decrypts <= 4,
            "{label}: {home_decrypts} secrets tried the failed home region (breaker: at most \
             the 4 in flight when it tripped)"
        );
    }
}

#[test]
fn a_secret_without_replicas_fails_clearly_when_the_home_kms_hangs() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args(["put", "lonely", "lonely-value"])
        .run()
        .success();
    let proxy = failing_kms_of(HOME, hang);
    let started = Instant::now();
    let out = world
        .cmd(&proxy.endpoint())
        .args(["get", "lonely"])
        .timeout(Duration::from_secs(30))
        .run();
    no_panic(&out)
        .failure()
        .error_line()
        .no_leak("lonely-value");
    eprintln!("no replica: failed after {:.2?}", started.elapsed());
    let stderr = out.stderr_str();
    assert!(stderr.contains("lonely"), "{stderr}");
    assert!(stderr.to_lowercase().contains("kms"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

#[test]
fn a_refusal_in_the_home_region_is_final() {
    let world = World::new();
    world.put_replicated("guarded", "guarded-value");
    let proxy = failing_kms_of(HOME, access_denied);
    let out = world
        .cmd(&proxy.endpoint())
        .args(["get", "guarded"])
        .timeout(Duration::from_secs(30))
        .run();
    no_panic(&out).code(5).error_line().no_leak("guarded-value");
    assert_eq!(
        kms_calls(&proxy, "Decrypt", REPLICA),
        0,
        "a refused key must not be bypassed through another region"
    );
}

#[test]
fn the_reader_s_own_region_wrap_comes_first() {
    let world = World::new();
    world.put_replicated("near", "near-value");
    // A reader whose KMS region is the replica's uses that wrap, never the home one.
    let proxy = FaultProxy::start(harness::endpoint(), |_| Action::Pass);
    world
        .cmd(&proxy.endpoint())
        .args(["--kms-region", REPLICA, "get", "near"])
        .run()
        .success()
        .stdout_eq("near-value\n");
    assert_eq!(kms_calls(&proxy, "Decrypt", REPLICA), 1);
    assert_eq!(kms_calls(&proxy, "Decrypt", HOME), 0);
}

#[test]
fn bind_and_rekey_keep_the_replica_wraps() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args([
            "--replica-region",
            REPLICA,
            "put",
            "--legacy",
            "old",
            "old-value",
        ])
        .run()
        .success();
    world
        .cmd(harness::endpoint())
        .args(["bind", "old"])
        .run()
        .success();
    // After bind, the replica wrap opens under the new (bound) context.
    let proxy = failing_kms_of(HOME, Action::internal_error);
    world
        .cmd(&proxy.endpoint())
        .args(["get", "old"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout_eq("old-value\n");
    assert_eq!(kms_calls(&proxy, "ReEncrypt", REPLICA), 0);
    assert_eq!(kms_calls(&proxy, "Decrypt", REPLICA), 1);
    // Rekey to another alias present in both regions: both wraps move.
    let other = format!("{}-next", world.alias);
    let next = [
        key_with_alias(HOME, &other),
        key_with_alias(REPLICA, &other),
    ];
    world
        .cmd(harness::endpoint())
        .args(["rekey", "--to-key", &other, "old"])
        .run()
        .success();
    let item = harness::get_item(&world.env.table, "old", &harness::padded(1)).unwrap();
    let Some(AttributeValue::M(wraps)) = item.get("wraps") else {
        panic!("wraps lost: {item:?}");
    };
    for (region, arn) in [HOME, REPLICA].iter().zip(&next) {
        match &wraps[*region] {
            AttributeValue::M(m) => {
                assert_eq!(
                    m.get("arn"),
                    Some(&AttributeValue::S(arn.clone())),
                    "{region}"
                )
            }
            other => panic!("{other:?}"),
        }
    }
    let proxy = failing_kms_of(HOME, Action::internal_error);
    world
        .env
        .cmd_via(Endpoints::at(proxy.endpoint()).key(&other))
        .args(["get", "old"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout_eq("old-value\n");
}

#[test]
fn sync_copies_items_as_they_are_and_the_replica_region_serves_alone() {
    let world = World::new();
    world.put_replicated("app/db", "db-value");
    world.put_replicated("app/api", "api-value");
    world
        .cmd(harness::endpoint())
        .args(["put", "app/unreplicated", "home-only"])
        .run()
        .success();
    let out = world
        .cmd(harness::endpoint())
        .args(["sync", "--to-region", REPLICA])
        .run();
    out.success().stderr_contains("copied 3 items");
    // The one item without a replica wrap is named in a warning.
    out.stderr_contains("1 item has no wrap in eu-west-1");
    let home = items_in(HOME, &world.env.table);
    let replica = items_in(REPLICA, &world.env.table);
    assert_eq!(replica.len(), 3);
    for item in &replica {
        let twin = home
            .iter()
            .find(|h| h["name"] == item["name"] && h["version"] == item["version"])
            .expect("the same item at home");
        for attr in ["key", "contents", "hmac", "wraps", "context"] {
            assert_eq!(twin.get(attr), item.get(attr), "{attr} copied as it is");
        }
    }
    // Idempotent.
    world
        .cmd(harness::endpoint())
        .args(["sync", "--to-region", REPLICA])
        .run()
        .success()
        .stderr_contains("copied 0 items")
        .stderr_contains("3 already there");

    // The home region entirely down (DynamoDB and KMS): the replica region serves.
    let proxy = failing_region(HOME);
    world
        .cmd(&proxy.endpoint())
        .args(["-r", REPLICA, "get", "app/db"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout_eq("db-value\n");
    assert!(
        proxy
            .seen()
            .iter()
            .all(|(r, _)| r.credential().is_some_and(|c| c.region == REPLICA)),
        "nothing asked of the home region: {:?}",
        proxy.operations()
    );

    // A different item at the same version in the target is reported, not overwritten.
    world
        .cmd(harness::endpoint())
        .args(["-r", REPLICA, "delete", "-y", "app/api"])
        .run()
        .success();
    world
        .cmd(harness::endpoint())
        .args([
            "-r",
            REPLICA,
            "--kms-region",
            REPLICA,
            "put",
            "app/api",
            "diverged",
        ])
        .run()
        .success();
    let out = world
        .cmd(harness::endpoint())
        .args(["sync", "--to-region", REPLICA])
        .run();
    out.code(6).stdout_contains("conflict app/api -- version");
    world
        .cmd(harness::endpoint())
        .args(["-r", REPLICA, "--kms-region", REPLICA, "get", "app/api"])
        .run()
        .success()
        .stdout_eq("diverged\n");
}

#[test]
fn the_embedded_backend_refuses_replicas() {
    let env = TestEnv::new(Backend::Local);
    let out = env
        .cmd()
        .args(["--replica-region", REPLICA, "put", "x", "x-value"])
        .run();
    no_panic(&out).code(2).error_line().no_leak("x-value");
    out.stderr_contains("embedded backend has no regions");
    env.cmd().args(["get", "x"]).run().code(3);
    let out = env.cmd().args(["sync", "--to-region", REPLICA]).run();
    out.code(2).stderr_contains("use copy");
}

#[test]
fn a_malformed_wraps_attribute_refuses_the_item() {
    let world = World::new();
    world.put_replicated("forged", "forged-value");
    let version = harness::padded(1);
    let mut item = harness::get_item(&world.env.table, "forged", &version).unwrap();
    // A region that is not a region name: it would become an endpoint host.
    let mut wraps = match item.remove("wraps") {
        Some(AttributeValue::M(m)) => m,
        other => panic!("{other:?}"),
    };
    let replica = wraps.remove(REPLICA).unwrap();
    wraps.insert("evil.example.com/x".to_string(), replica);
    item.insert("wraps".into(), AttributeValue::M(wraps));
    harness::put_item(&world.env.table, item);
    let out = world.cmd(harness::endpoint()).args(["get", "forged"]).run();
    no_panic(&out).code(4).error_line().no_leak("forged-value");
    out.stderr_contains("wraps");
}

#[test]
fn credstash_reads_replicated_items_in_the_home_region() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args([
            "--replica-region",
            REPLICA,
            "put",
            "--legacy",
            "shared",
            "shared-value",
        ])
        .run()
        .success();
    // credstash ignores the wraps attribute: the `key` attribute is the home wrap it knows.
    crate::interop::credstash(&world.env)
        .args(["get", "shared"])
        .run()
        .success()
        .stdout_eq("shared-value\n");
    crate::interop::credstash(&world.env)
        .args(["getall"])
        .timeout(Duration::from_secs(60))
        .run()
        .success()
        .stdout_contains("shared-value");
}

/// A multi-Region key in the home region and its replica; returns both ARNs.
fn multi_region_key() -> [String; 2] {
    harness::rt().block_on(async {
        let home = kms_in(HOME);
        let meta = home
            .create_key()
            .multi_region(true)
            .send()
            .await
            .expect("CreateKey (multi-Region)");
        let meta = meta.key_metadata().expect("key metadata");
        let replica = home
            .replicate_key()
            .key_id(meta.key_id())
            .replica_region(REPLICA)
            .send()
            .await
            .expect("ReplicateKey");
        let replica_arn = replica
            .replica_key_metadata()
            .and_then(|m| m.arn())
            .expect("replica ARN")
            .to_string();
        [meta.arn().expect("ARN").to_string(), replica_arn]
    })
}

#[test]
fn a_multi_region_key_needs_no_second_blob_and_fails_over_to_its_replica() {
    let world = World::new();
    let [home_arn, replica_arn] = multi_region_key();
    assert!(home_arn.contains(":key/mrk-"), "{home_arn}");
    let cmd = |endpoint: &str| world.env.cmd_via(Endpoints::at(endpoint).key(&home_arn));
    cmd(harness::endpoint())
        .args([
            "--replica-region",
            REPLICA,
            "put",
            "mrk/secret",
            "mrk-value",
        ])
        .run()
        .success();
    let item = harness::get_item(&world.env.table, "mrk/secret", &harness::padded(1)).unwrap();
    let Some(AttributeValue::M(wraps)) = item.get("wraps") else {
        panic!("no wraps: {item:?}");
    };
    match &wraps[REPLICA] {
        AttributeValue::M(m) => {
            assert_eq!(m.get("arn"), Some(&AttributeValue::S(replica_arn.clone())));
            assert_eq!(
                m.get("key"),
                None,
                "zero extra storage: the home blob serves"
            );
        }
        other => panic!("{other:?}"),
    }
    // Home KMS down: the same blob opens with the replica key; the pin (-k, the home ARN)
    // accepts the replica as the same multi-Region key.
    let proxy = failing_kms_of(HOME, Action::internal_error);
    cmd(&proxy.endpoint())
        .args(["get", "mrk/secret"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout_eq("mrk-value\n");
    assert_eq!(kms_calls(&proxy, "Decrypt", REPLICA), 1);
    let asked = proxy
        .seen()
        .iter()
        .find(|(r, _)| r.is_kms("Decrypt") && kms_region(r).as_deref() == Some(REPLICA))
        .map(|(r, _)| r.body.clone())
        .unwrap();
    assert!(
        asked.contains(&replica_arn),
        "KeyId names the replica: {asked}"
    );
}

#[test]
fn setup_with_replica_regions_makes_each_table_and_names_each_key() {
    let world = World::new();
    let out = world
        .cmd(harness::endpoint())
        .args(["--replica-region", REPLICA, "setup"])
        .run();
    out.success()
        .stderr_contains(&format!("in {REPLICA} has been created"))
        .stderr_contains(&format!("in {HOME} already exists"));
    let doc = out.json();
    let reader = doc["ReaderPolicy"].to_string();
    for arn in &world.arns {
        assert!(reader.contains(arn.as_str()), "{arn} in {reader}");
    }
    assert!(
        reader.contains(&format!("arn:aws:dynamodb:{REPLICA}:")),
        "{reader}"
    );
    assert!(doc["WriterPolicy"].to_string().contains("kms:Encrypt"));
    assert!(items_in(REPLICA, &world.env.table).is_empty());
    // A region without the alias is named, with what to do.
    let out = world
        .cmd(harness::endpoint())
        .args(["--replica-region", "ap-south-1", "setup"])
        .run();
    out.success()
        .stderr_contains("in ap-south-1: ")
        .stderr_contains("create the key (or alias) there");
}

#[test]
fn copy_to_region_re_seals_under_that_region_s_key() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args(["put", "moved", "moved-value"])
        .run()
        .success();
    world
        .cmd(harness::endpoint())
        .args(["copy", "--to-region", REPLICA])
        .run()
        .success()
        .stdout_contains("copied moved -- version");
    // The copy stands alone in the replica region: all of the home region failing.
    let proxy = failing_region(HOME);
    world
        .cmd(&proxy.endpoint())
        .args(["-r", REPLICA, "get", "moved"])
        .timeout(Duration::from_secs(30))
        .run()
        .success()
        .stdout_eq("moved-value\n");
}

#[test]
fn a_forged_replica_wrap_is_refused_by_the_pin_and_by_the_hmac() {
    let world = World::new();
    world.put_replicated("guarded", "guarded-value");
    let version = harness::padded(1);
    let mut item = harness::get_item(&world.env.table, "guarded", &version).unwrap();
    // Someone who can write the table wraps a data key of their own, under their own key
    // in the replica region, with the item's context, and puts it in place of the wrap.
    let context: std::collections::HashMap<String, String> = match &item["context"] {
        AttributeValue::M(m) => m
            .iter()
            .map(|(k, v)| (k.clone(), v.as_s().unwrap().clone()))
            .collect(),
        other => panic!("{other:?}"),
    };
    let (forger_arn, blob) = harness::rt().block_on(async {
        let kms = kms_in(REPLICA);
        let key = kms.create_key().send().await.unwrap();
        let arn = key.key_metadata().unwrap().arn().unwrap().to_string();
        let out = kms
            .encrypt()
            .key_id(&arn)
            .plaintext(aws_sdk_kms::primitives::Blob::new(vec![7u8; 64]))
            .set_encryption_context(Some(context))
            .send()
            .await
            .unwrap();
        (arn, out.ciphertext_blob.unwrap().into_inner())
    });
    let mut wraps = match item.remove("wraps") {
        Some(AttributeValue::M(m)) => m,
        other => panic!("{other:?}"),
    };
    use base64::Engine as _;
    wraps.insert(
        REPLICA.to_string(),
        AttributeValue::M(
            [
                ("arn".to_string(), AttributeValue::S(forger_arn)),
                (
                    "key".to_string(),
                    AttributeValue::S(base64::engine::general_purpose::STANDARD.encode(blob)),
                ),
            ]
            .into(),
        ),
    );
    item.insert("wraps".into(), AttributeValue::M(wraps));
    harness::put_item(&world.env.table, item);
    // The home KMS down: the reader fails over to the forged wrap. With the pin (-k alias,
    // resolved in the replica region to the real replica key) KMS's answer is refused...
    let proxy = failing_kms_of(HOME, Action::internal_error);
    let out = world
        .cmd(&proxy.endpoint())
        .args(["get", "guarded"])
        .timeout(Duration::from_secs(30))
        .run();
    no_panic(&out).code(5).error_line().no_leak("guarded-value");
    // ...and without a pin, the forged data key fails the HMAC.
    let out = world
        .env
        .cmd_via(Endpoints::at(proxy.endpoint()).no_key())
        .args(["get", "guarded"])
        .timeout(Duration::from_secs(30))
        .run();
    no_panic(&out).code(4).error_line().no_leak("guarded-value");
}

/// The stored context of an item, as KMS wants it (empty when it stores none).
fn item_context(item: &Item) -> std::collections::HashMap<String, String> {
    match item.get("context") {
        Some(AttributeValue::M(m)) => m
            .iter()
            .map(|(k, v)| (k.clone(), v.as_s().unwrap().clone()))
            .collect(),
        _ => Default::default(),
    }
}

/// Issue 21, finding 4: bind refused a home wrap under another KMS key but re-encrypted a
/// replica wrap under one, so a strict reader got the substituted value on failover. Here
/// the reader accepts two keys (mid-rotation, `--read-key`), and someone who can write the
/// table wrapped a data key of their own under the second one in the replica region: bind
/// (which never moves keys) refuses it (exit 5) and writes nothing.
#[test]
fn bind_refuses_a_replica_wrap_under_another_key() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args([
            "--replica-region",
            REPLICA,
            "put",
            "--legacy",
            "old",
            "old-value",
        ])
        .run()
        .success();
    let version = harness::padded(1);
    let mut item = harness::get_item(&world.env.table, "old", &version).unwrap();
    let context = item_context(&item);
    let (second_arn, blob) = harness::rt().block_on(async {
        let kms = kms_in(REPLICA);
        let key = kms.create_key().send().await.unwrap();
        let arn = key.key_metadata().unwrap().arn().unwrap().to_string();
        let out = kms
            .encrypt()
            .key_id(&arn)
            .plaintext(aws_sdk_kms::primitives::Blob::new(vec![7u8; 64]))
            .set_encryption_context((!context.is_empty()).then_some(context))
            .send()
            .await
            .unwrap();
        (arn, out.ciphertext_blob.unwrap().into_inner())
    });
    let mut wraps = match item.remove("wraps") {
        Some(AttributeValue::M(m)) => m,
        other => panic!("{other:?}"),
    };
    use base64::Engine as _;
    wraps.insert(
        REPLICA.to_string(),
        AttributeValue::M(
            [
                ("arn".to_string(), AttributeValue::S(second_arn.clone())),
                (
                    "key".to_string(),
                    AttributeValue::S(base64::engine::general_purpose::STANDARD.encode(blob)),
                ),
            ]
            .into(),
        ),
    );
    item.insert("wraps".into(), AttributeValue::M(wraps));
    harness::put_item(&world.env.table, item);
    let before = harness::get_item(&world.env.table, "old", &version).unwrap();

    let read_keys = format!("{},{second_arn}", world.alias);
    let out = world
        .cmd(harness::endpoint())
        .args(["--read-key", &read_keys, "bind", "old"])
        .run();
    no_panic(&out)
        .code(5)
        .stderr_contains(&second_arn)
        .stderr_contains(REPLICA);
    let after = harness::get_item(&world.env.table, "old", &version).unwrap();
    assert_eq!(before, after, "nothing written");
}

/// Issue 21, finding 6: every version re-wrapped by bind (or rekey) was reported as a
/// conflict by sync forever. The same `contents` and `hmac` under a new wrapping is the
/// same secret: sync updates it, conditionally; a step down from a bound item to an
/// unbound one stays a conflict.
#[test]
fn sync_follows_bind_and_never_downgrades_the_replica() {
    let world = World::new();
    world
        .cmd(harness::endpoint())
        .args([
            "--replica-region",
            REPLICA,
            "put",
            "--legacy",
            "app/db",
            "db-value",
        ])
        .run()
        .success();
    let sync = |world: &World| {
        world
            .cmd(harness::endpoint())
            .args(["sync", "--to-region", REPLICA])
            .run()
    };
    sync(&world).success().stderr_contains("copied 1 item");
    let version = harness::padded(1);
    let unbound = harness::get_item(&world.env.table, "app/db", &version).unwrap();
    world
        .cmd(harness::endpoint())
        .args(["bind", "app/db"])
        .run()
        .success();

    let dry = world
        .cmd(harness::endpoint())
        .args(["sync", "--to-region", REPLICA, "--dry-run"])
        .run();
    dry.success()
        .stdout_contains("would update app/db -- version");
    let out = sync(&world);
    no_panic(&out)
        .success()
        .stdout_contains("updated app/db -- version")
        .stderr_contains("1 re-wrapped");
    let home = harness::get_item(&world.env.table, "app/db", &version).unwrap();
    let replica = items_in(REPLICA, &world.env.table);
    assert_eq!(replica.len(), 1);
    for attr in ["key", "contents", "hmac", "wraps", "context"] {
        assert_eq!(
            home.get(attr),
            replica[0].get(attr),
            "{attr} follows the source"
        );
    }
    // A strict reader in the replica region reads the bound copy.
    world
        .cmd(harness::endpoint())
        .args([
            "-r",
            REPLICA,
            "--kms-region",
            REPLICA,
            "--strict",
            "get",
            "app/db",
        ])
        .run()
        .success()
        .stdout_eq("db-value\n");
    sync(&world)
        .success()
        .stderr_contains("0 re-wrapped, 1 already there");

    // The source steps back to the unbound item: the bound replica is kept, reported.
    harness::put_item(&world.env.table, unbound);
    let out = sync(&world);
    no_panic(&out)
        .code(6)
        .stdout_contains("conflict app/db -- version");
    let replica_after = items_in(REPLICA, &world.env.table);
    assert_eq!(
        replica_after[0].get("context"),
        home.get("context"),
        "still bound"
    );
}
