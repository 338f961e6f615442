//! The json format: credstash's `json.dumps` layout, byte for byte (see [`Format::Json`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, utf8};

/// Renders `secrets` as [`Format::Json`]; [`super::render`] has checked the names are unique.
pub(super) fn render_json(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    if secrets.is_empty() {
        return Ok(b"{}\n".to_vec());
    }
    let mut out = String::from("{\n");
    for (i, (name, value)) in secrets.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        out.push_str("    ");
        push_json_string(&mut out, name);
        out.push_str(": ");
        push_json_string(&mut out, utf8(name, value, Format::Json)?);
    }
    out.push_str("\n}\n");
    Ok(out.into_bytes())
}

/// Appends `s` as a JSON string the way Python's `json.dumps` does with
/// `ensure_ascii=True`: the short escapes for `" \ \b \f \n \r \t`, printable
/// ASCII as is, everything else as lowercase `\uXXXX` (UTF-16 code units).
pub(crate) fn push_json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(c),
            _ => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::super::render;
    use super::super::tests::{AWKWARD, pairs, text};
    use super::*;
    use proptest::prelude::*;

    // json.dumps({"b": "\u00e9\x7f\x01\U0001F600\\\"/", "a": "x", "\u00e9k": "\u2028"},
    //            sort_keys=True, indent=4, separators=(",", ": ")) + "\n"
    #[test]
    fn json_matches_python_json_dumps() {
        let secrets = pairs(&[("a", "x"), ("b", "é\u{7f}\u{1}😀\\\"/"), ("ék", "\u{2028}")]);
        let expected = "{\n    \"a\": \"x\",\n    \"b\": \"\\u00e9\\u007f\\u0001\\ud83d\\ude00\\\\\\\"/\",\n    \"\\u00e9k\": \"\\u2028\"\n}\n";
        assert_eq!(text(render(Format::Json, &secrets).unwrap()), expected);
    }

    // Python: json.dumps({"k": "\b\f\n\r\t\x00\x1f ~"}, ...) gives the short
    // escapes for \b \f \n \r \t and \u00XX for the rest.
    #[test]
    fn json_control_escapes_match_python() {
        let secrets = pairs(&[("k", "\u{8}\u{c}\n\r\t\u{0}\u{1f} ~")]);
        let expected = "{\n    \"k\": \"\\b\\f\\n\\r\\t\\u0000\\u001f ~\"\n}\n";
        assert_eq!(text(render(Format::Json, &secrets).unwrap()), expected);
    }

    #[test]
    fn json_round_trips_awkward_values() {
        let secrets: Vec<_> = AWKWARD
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("k{i:02}"), SecretBytes::from(*v)))
            .collect();
        let out = render(Format::Json, &secrets).unwrap();
        assert!(out.is_ascii());
        let parsed: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed.len(), AWKWARD.len());
        for (name, value) in &secrets {
            assert_eq!(
                parsed[name].as_str().unwrap().as_bytes(),
                value.expose(),
                "{name}"
            );
        }
    }

    proptest! {
        #[test]
        fn json_round_trips(entries in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6)) {
            let secrets: Vec<_> = entries
                .iter()
                .map(|(n, v)| (n.clone(), SecretBytes::from(v.as_str())))
                .collect();
            let out = render(Format::Json, &secrets).unwrap();
            prop_assert!(out.is_ascii());
            let parsed: std::collections::BTreeMap<String, String> =
                serde_json::from_slice(&out).unwrap();
            prop_assert_eq!(parsed, entries);
        }
    }
}
