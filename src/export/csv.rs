//! The csv format: `name,value` rows quoted as Python's `csv.writer` does (see [`Format::Csv`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, utf8};

/// Renders `secrets` as [`Format::Csv`]; [`super::render`] has checked the names are unique.
pub(super) fn render_csv(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut out = String::new();
    for (name, value) in secrets {
        push_csv_field(&mut out, name);
        out.push(',');
        push_csv_field(&mut out, utf8(name, value, Format::Csv)?);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// Appends one field with Python `csv.QUOTE_MINIMAL` rules (see [`Format::Csv`]).
fn push_csv_field(out: &mut String, field: &str) {
    if field.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::super::render;
    use super::super::tests::{AWKWARD, pairs, text};
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn csv_matches_python_csv_writer() {
        // Python 3.13 csv.writer(f, lineterminator="\n").writerow([k, v]).
        let cases = [
            ("a,b", "k,\"a,b\"\n"),
            ("a\"b", "k,\"a\"\"b\"\n"),
            ("a\nb", "k,\"a\nb\"\n"),
            ("a\rb", "k,\"a\rb\"\n"),
            (" lead", "k, lead\n"),
            ("trail ", "k,trail \n"),
            ("", "k,\n"),
            ("x\ty", "k,x\ty\n"),
            ("é", "k,é\n"),
            ("#x", "k,#x\n"),
        ];
        for (value, expected) in cases {
            let out = render(Format::Csv, &pairs(&[("k", value)])).unwrap();
            assert_eq!(text(out), expected, "{value:?}");
        }
        let out = render(Format::Csv, &pairs(&[("a,b", "1"), ("c", "2")])).unwrap();
        assert_eq!(text(out), "\"a,b\",1\nc,2\n");
    }

    /// A strict RFC 4180 reader, enough to check that rows read back.
    fn parse_csv(input: &str) -> Vec<Vec<String>> {
        let mut rows = Vec::new();
        let mut row = Vec::new();
        let mut field = String::new();
        let mut chars = input.chars().peekable();
        let mut quoted = false;
        while let Some(c) = chars.next() {
            if quoted {
                if c == '"' {
                    if chars.peek() == Some(&'"') {
                        chars.next();
                        field.push('"');
                    } else {
                        quoted = false;
                    }
                } else {
                    field.push(c);
                }
            } else {
                match c {
                    '"' => {
                        assert!(field.is_empty(), "quote inside unquoted field");
                        quoted = true;
                    }
                    ',' => row.push(std::mem::take(&mut field)),
                    '\n' => {
                        row.push(std::mem::take(&mut field));
                        rows.push(std::mem::take(&mut row));
                    }
                    '\r' => panic!("bare CR outside quotes"),
                    _ => field.push(c),
                }
            }
        }
        assert!(
            !quoted && field.is_empty() && row.is_empty(),
            "unterminated row"
        );
        rows
    }

    fn csv_round_trip(entries: &[(String, String)]) {
        let secrets: Vec<_> = entries
            .iter()
            .map(|(n, v)| (n.clone(), SecretBytes::from(v.as_str())))
            .collect();
        let rows = parse_csv(&text(render(Format::Csv, &secrets).unwrap()));
        let expected: Vec<Vec<String>> = entries
            .iter()
            .map(|(n, v)| vec![n.clone(), v.clone()])
            .collect();
        assert_eq!(rows, expected);
    }

    #[test]
    fn csv_round_trips_awkward_values() {
        let entries: Vec<_> = AWKWARD
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("{v},{i}"), v.to_string()))
            .collect();
        csv_round_trip(&entries);
    }

    proptest! {
        #[test]
        fn csv_round_trips(entries in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6)) {
            let entries: Vec<_> = entries.into_iter().collect();
            csv_round_trip(&entries);
        }
    }
}
