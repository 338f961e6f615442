//! Hygiene: no temporary files left behind, the embedded store and its key are mode 0600, and
//! debug output is redacted.

use std::path::Path;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as B64;

use crate::harness::{Backend, Cmd, TestEnv, no_panic, padded};

on_both_backends!(no_temp_files_left_behind,);

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
    let key = credstore::Backend::master_key_path(&db);
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
/// including `Secret` and a client built by `Backend::client`).
#[test]
fn debug_output_is_redacted() {
    use credstore::Secret;
    use credstore::SecretBytes;
    use credstore::internals::DataKey;
    use credstore::internals::LocalKeyService;
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
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt
        .block_on(credstore::Backend::local(dir.path().join("k")).client(
            "t",
            credstore::Access::Write,
            credstore::Settings::default(),
        ))
        .unwrap();
    let shown = format!("{client:?}");
    for token in file.split_whitespace().filter(|t| t.len() >= 16) {
        assert!(
            !shown.contains(token),
            "Client Debug leaks the key: {shown}"
        );
    }
}
