//! Fuzz target: `render`'s template parser never panics, reports positions inside the
//! template, copies text without `{{` unchanged, and fills every reference it returns.
#![no_main]

use credstore::template::Template;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Template::parse(text) {
        Err(e) => {
            let lines = text.split('\n').count();
            assert!(e.at.line >= 1 && e.at.line <= lines, "line out of range");
            assert!(e.at.column >= 1, "column out of range");
        }
        Ok(template) => {
            if !text.contains("{{") {
                assert!(template.references().is_empty());
            }
            // Each value is its reference's name; raw output then holds every name.
            let refs = template.references();
            let rendered = template
                .render(|i| refs.get(i).map(|r| r.name.as_bytes()))
                .unwrap_or_else(|e| panic!("a value for every reference, yet {e}"));
            if !text.contains("{{") {
                assert_eq!(&rendered[..], text.as_bytes());
            }
            // A missing value is an error, never a silent gap.
            if !refs.is_empty() {
                assert!(template.render(|_| None).is_err());
            }
        }
    }
});
