//! Fuzz target: every export format renders arbitrary names and values without panicking, and
//! the JSON rendering parses back to the same strings when the values are text.
#![no_main]

use credstore::export::{Format, render};
use credstore::SecretBytes;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Secrets separated by 0xFF; name and value separated by 0xFE.
    let mut secrets: Vec<(String, SecretBytes)> = data
        .split(|b| *b == 0xff)
        .map(|entry| {
            let (name, value) = match entry.iter().position(|b| *b == 0xfe) {
                Some(i) => (&entry[..i], &entry[i + 1..]),
                None => (entry, &[][..]),
            };
            (
                String::from_utf8_lossy(name).into_owned(),
                SecretBytes::new(value.to_vec()),
            )
        })
        .collect();
    secrets.sort_by(|a, b| a.0.cmp(&b.0));
    secrets.dedup_by(|a, b| a.0 == b.0);
    for format in Format::ALL {
        let _ = render(format, &secrets);
    }
    if secrets
        .iter()
        .all(|(_, v)| std::str::from_utf8(v.expose()).is_ok())
    {
        if let Ok(json) = render(Format::Json, &secrets) {
            let back: serde_json::Map<String, serde_json::Value> =
                serde_json::from_slice(&json).expect("json output parses");
            for (name, value) in &secrets {
                let text = std::str::from_utf8(value.expose()).expect("checked");
                assert_eq!(back.get(name).and_then(|v| v.as_str()), Some(text));
            }
        }
    }
});
