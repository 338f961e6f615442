//! Fuzz target: `import --dotenv`'s reader never panics, and what it accepts is exactly
//! what the dotenv writer writes for those entries (the subset is exact).
#![no_main]

use credstore::export::{Format, render};
use credstore::internals::dotenv_import::parse;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(entries) = parse(data) else {
        return;
    };
    let again = render(Format::Dotenv, &entries).expect("accepted entries render");
    let mut expected = data.to_vec();
    if !expected.is_empty() && !expected.ends_with(b"\n") {
        expected.push(b'\n');
    }
    assert_eq!(again, expected, "accepted input is not the writer's output");
});
