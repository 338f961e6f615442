//! Fuzz target: user context parsing and the read-time merge with a stored context never
//! panic, and never let a user set a reserved `credstore:` key.
#![no_main]

use credstore::EncryptionContext;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // NUL splits user arguments from a stored context; newlines split arguments.
    let text = String::from_utf8_lossy(data);
    let (user_part, stored_part) = text.split_once('\0').unwrap_or((&text, ""));
    let args: Vec<String> = user_part.split('\n').map(str::to_string).collect();
    let Ok(user) = EncryptionContext::parse_user(&args) else {
        return;
    };
    assert!(
        user.as_map()
            .keys()
            .all(|k| !k.starts_with("credstore:") && !k.is_empty()),
        "a reserved or empty key got through"
    );
    let stored = EncryptionContext::from_map(
        stored_part
            .split('\n')
            .filter_map(|kv| kv.split_once('='))
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    );
    let name = "fuzz/name";
    let version = "0000000000000000001";
    if let Ok(full) = EncryptionContext::for_read(Some(&stored), &user, name, version) {
        // Every user entry is in the result, unchanged.
        for (k, v) in user.as_map() {
            assert_eq!(full.as_map().get(k), Some(v));
        }
        // The binding keys, when present, are the item's own.
        if let Some(n) = full.as_map().get("credstore:name") {
            assert_eq!(n, name);
        }
    }
    let _ = EncryptionContext::for_read(None, &user, name, version);
    let _ = user.canonical_bytes();
});
