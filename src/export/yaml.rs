//! The yaml format: double-quoted scalars that read back exactly (see [`Format::Yaml`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, utf8};

/// Renders `secrets` as [`Format::Yaml`]; [`super::render`] has checked the names are unique.
pub(super) fn render_yaml(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    if secrets.is_empty() {
        return Ok(b"{}\n".to_vec());
    }
    let mut out = String::new();
    for (name, value) in secrets {
        push_yaml_string(&mut out, name);
        out.push_str(": ");
        push_yaml_string(&mut out, utf8(name, value, Format::Yaml)?);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// Appends `s` as a YAML double-quoted scalar that YAML 1.1 and 1.2 parsers
/// both read back unchanged: non-printable characters (C0, DEL, C1, U+FEFF,
/// U+FFFE, U+FFFF) are escaped, and so are U+0085, U+2028 and U+2029, which
/// YAML 1.1 treats as line breaks and would fold.
pub(crate) fn push_yaml_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => {
                out.push_str(&format!("\\x{:02X}", u32::from(c)));
            }
            '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            _ => out.push(c),
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

    #[test]
    fn yaml_exact_escapes() {
        let secrets = pairs(&[("db.pass", "a\"b\\c\nd\te\rf\u{1}\u{85}\u{2028}é")]);
        assert_eq!(
            text(render(Format::Yaml, &secrets).unwrap()),
            "\"db.pass\": \"a\\\"b\\\\c\\nd\\te\\rf\\x01\\x85\\u2028é\"\n"
        );
    }

    fn yaml_round_trip(entries: &[(String, String)]) {
        let secrets: Vec<_> = entries
            .iter()
            .map(|(n, v)| (n.clone(), SecretBytes::from(v.as_str())))
            .collect();
        let out = text(render(Format::Yaml, &secrets).unwrap());
        let parsed: serde_yaml_ng::Mapping = serde_yaml_ng::from_str(&out).unwrap();
        let got: Vec<(String, String)> = parsed
            .into_iter()
            .map(|(k, v)| {
                (
                    k.as_str().unwrap().to_string(),
                    v.as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(got, entries);
    }

    #[test]
    fn yaml_round_trips_awkward_values() {
        let entries: Vec<_> = AWKWARD
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{v}#{i}"), v.to_string()))
            .collect();
        yaml_round_trip(&entries);
    }

    proptest! {
        #[test]
        fn yaml_round_trips(entries in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6)) {
            let entries: Vec<_> = entries.into_iter().collect();
            yaml_round_trip(&entries);
        }
    }
}
