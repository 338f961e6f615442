//! `-f k8s-secret`: the manifest of `getall`, `get PATTERN` and `env` parses as YAML, is a
//! `v1` Secret with the given name and namespace, and its `data` decodes back to the values.

use crate::harness::{Backend, TestEnv, no_panic, put_bytes};
use base64::Engine as _;
use serde_yaml_ng::Value;

const VALUES: &[(&str, &[u8])] = &[
    ("db.password", b"it's \"q\" $HOME `id`\nline2\r\n"),
    ("api-key", "ünïcødé 😀 \u{2028}".as_bytes()),
    ("blob_bin", b"\x00\xff\xfe\x01"),
    ("empty", b""),
];

/// The manifest's `data`, decoded, after checking the object's header.
fn decode(manifest: &[u8], name: &str, namespace: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let doc: Value = serde_yaml_ng::from_slice(manifest).unwrap();
    assert_eq!(doc["apiVersion"].as_str(), Some("v1"));
    assert_eq!(doc["kind"].as_str(), Some("Secret"));
    assert_eq!(doc["type"].as_str(), Some("Opaque"));
    assert_eq!(doc["metadata"]["name"].as_str(), Some(name));
    assert_eq!(doc["metadata"]["namespace"].as_str(), namespace);
    let Value::Mapping(data) = &doc["data"] else {
        panic!("data is not a mapping: {doc:?}");
    };
    data.iter()
        .map(|(k, v)| {
            let b64 = v.as_str().unwrap();
            (
                k.as_str().unwrap().to_string(),
                base64::engine::general_purpose::STANDARD
                    .decode(b64)
                    .unwrap(),
            )
        })
        .collect()
}

fn manifests_decode_back(backend: Backend) {
    let env = TestEnv::new(backend);
    for (name, value) in VALUES {
        put_bytes(&env, name, value);
    }
    let mut expected: Vec<(String, Vec<u8>)> = VALUES
        .iter()
        .map(|(n, v)| (n.to_string(), v.to_vec()))
        .collect();
    expected.sort();

    let out = env
        .cmd()
        .args([
            "getall",
            "-f",
            "k8s-secret",
            "--k8s-name",
            "app-secrets",
            "--k8s-namespace",
            "prod",
        ])
        .run();
    out.success();
    assert_eq!(decode(&out.stdout, "app-secrets", Some("prod")), expected);

    // get PATTERN: only the matching names; no namespace given, none written.
    let out = env
        .cmd()
        .args(["get", "*i*", "-f", "k8s-secret", "--k8s-name", "s"])
        .run();
    out.success();
    let got = decode(&out.stdout, "s", None);
    let names: Vec<&str> = got.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(names, ["api-key", "blob_bin"]);

    // env: keys are the variable names.
    let out = env
        .cmd()
        .args([
            "env",
            "db.password",
            "api-key",
            "-f",
            "k8s-secret",
            "--k8s-name",
            "vars",
        ])
        .run();
    out.success();
    let got = decode(&out.stdout, "vars", None);
    assert_eq!(
        got,
        [
            ("API_KEY".to_string(), VALUES[1].1.to_vec()),
            ("DB_PASSWORD".to_string(), VALUES[0].1.to_vec())
        ]
    );
}

on_both_backends!(manifests_decode_back);

/// A name that is not a valid key, a missing or bad --k8s-name: exit 2, nothing printed.
#[test]
fn refusals() {
    let env = TestEnv::new(Backend::Local);
    put_bytes(&env, "app/db", b"v");
    let out = env
        .cmd()
        .args(["getall", "-f", "k8s-secret", "--k8s-name", "s"])
        .run();
    no_panic(&out)
        .code(2)
        .stdout_empty()
        .stderr_contains("app/db")
        .stderr_contains("--map");
    let out = env.cmd().args(["getall", "-f", "k8s-secret"]).run();
    no_panic(&out)
        .code(2)
        .stdout_empty()
        .stderr_contains("--k8s-name");
    let out = env
        .cmd()
        .args(["getall", "-f", "k8s-secret", "--k8s-name", "Bad_Name"])
        .run();
    no_panic(&out).code(2).stdout_empty();
    // env --prefix strips the prefix: the variable is a valid key.
    let out = env
        .cmd()
        .args([
            "env",
            "--prefix",
            "app/",
            "-f",
            "k8s-secret",
            "--k8s-name",
            "s",
        ])
        .run();
    out.success().stdout_contains("\"DB\": \"dg==\"");
}
