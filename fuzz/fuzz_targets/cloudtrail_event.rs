//! Fuzz target: reading a CloudTrail event (attacker-influenced JSON) never panics, and a
//! row it makes renders as one escaped text line and as JSON that reads back the same.
#![no_main]

use credstore::audit::Report;
use credstore::internals::audit_event::{Outer, Parsed, parse};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let outer = Outer {
        event_id: Some("outer".into()),
        event_time: Some(0),
        username: None,
        region: Some("us-east-1".into()),
    };
    let Ok(Parsed::Secret(row)) = parse(&text, &outer) else {
        return;
    };
    let row = *row;
    let report = Report {
        rows: vec![row.clone()],
        ..Report::default()
    };
    let lines = report.to_text();
    assert_eq!(lines.lines().count(), 2, "a field forged a line");
    assert!(
        lines.chars().all(|c| c == '\n' || c == '\t' || !credstore::printable::is_unsafe(c)),
        "an unsafe character reached the text output"
    );
    let json: serde_json::Value =
        serde_json::from_str(&report.to_json()).expect("valid JSON");
    assert_eq!(json[0]["name"].as_str(), Some(row.name.as_str()));
});
