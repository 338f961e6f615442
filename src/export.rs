//! Renderers for getall/env output: json, yaml, csv, dotenv, shell.
//!
//! [`render`] turns `(name, value)` pairs into the bytes of one output format,
//! in the order given (callers sort). Each format quotes so that a real parser
//! reads back exactly the stored value; where that differs from credstash's
//! output the format's doc on [`Format`] says so and why.
//!
//! credstash prints its renderings with Python's `print`, which adds one
//! newline. For json that newline is part of our rendering (so the bytes
//! match); for csv and dotenv, whose renderings already end in a newline,
//! credstash's extra blank line is not reproduced.

use std::collections::HashSet;
use std::fmt;
use std::str::FromStr;

use crate::envname::is_valid_env_name;
use crate::secret::SecretBytes;

/// An output format for a set of secrets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// credstash's `json.dumps(d, sort_keys=True, indent=4,
    /// separators=(',', ': '))` plus a newline, byte for byte (including
    /// `ensure_ascii`: every non-ASCII character and DEL as lowercase
    /// `\uXXXX`, astral characters as surrogate pairs). Keys are secret names.
    /// Byte identity needs the caller to sort by name, as `sort_keys` does
    /// (byte order of UTF-8 equals Python's code-point order).
    Json,
    /// One `"name": "value"` line per secret, both as YAML double-quoted
    /// scalars, or `{}` when empty. credstash used PyYAML's `yaml.dump`,
    /// whose plain/quoted choices depend on the value; always double-quoting
    /// with explicit escapes (`\\ \" \n \t \r`, `\xNN`/`\uNNNN` for other
    /// non-printables and for the YAML 1.1 line breaks U+0085, U+2028,
    /// U+2029) means every string reads back exactly, including ones like
    /// `yes`, `1e3`, `~` or leading spaces that a plain scalar would change.
    Yaml,
    /// `name,value` rows, `\n`-terminated, as Python's `csv.writer` with
    /// `QUOTE_MINIMAL` writes them: a field is quoted when it contains `,`,
    /// `"`, `\n` or `\r`, with `"` doubled. Leading or trailing spaces are not
    /// quoted (RFC 4180 keeps them as data, and Python does not quote them).
    /// Python before 3.13 left a lone `\r` unquoted, which RFC 4180 readers
    /// split on; we quote it, as Python 3.13 does.
    Csv,
    /// `NAME=value` lines for dotenv loaders; names must already be variable
    /// names (see [`crate::envname`]); values must be UTF-8 without NUL.
    ///
    /// dotenv has no standard; parsers disagree on escapes. Checked against
    /// `dotenvy` 0.15 (tested here for arbitrary strings) and python-dotenv 1.2
    /// (checked by hand on a corpus of awkward values):
    ///
    /// - Single quotes, `NAME='value'`, as credstash writes, whenever the value
    ///   has no `'`, no `\\` pair and does not end in `\`. Both parsers (and
    ///   `sh`) take such a value verbatim, newlines included; dotenvy does no `$` substitution in single quotes.
    /// - Otherwise double quotes with `\\`, `\"`, `\$` and `\n` escapes (`'` and
    ///   `\r` raw). credstash wrote single quotes with no escaping, so any value
    ///   with a `'` came out broken.
    ///
    /// Known limits of python-dotenv, which has no escape for `$`: it keeps
    /// `\$` as two characters, so a value that needs double quotes *and*
    /// contains `$` reads back with an extra `\`; and with its default
    /// `interpolate=True` it expands `${...}` inside any quotes, so values
    /// containing `${` only survive with `interpolate=False`. It also reads
    /// files with universal newlines, so a raw `\r` comes back as `\n`, and
    /// dotenvy has no `\r` escape, so `\r` is written raw. No single quoting
    /// satisfies both parsers for those values; dotenvy's reading wins. (On a
    /// 41-value corpus python-dotenv 1.2.4 read back all others exactly.)
    Dotenv,
    /// `export NAME='value'` lines for POSIX `sh` (`eval` or `.`): single
    /// quotes with `'` written as `'\''`, raw bytes otherwise, so any value
    /// without a NUL byte (UTF-8 or not) reads back exactly.
    Shell,
}

impl Format {
    /// Every format, in the order help text lists them.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Yaml,
        Format::Csv,
        Format::Dotenv,
        Format::Shell,
    ];

    /// The lowercase name used on the command line (`-f json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Dotenv => "dotenv",
            Format::Shell => "shell",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = ExportError;

    /// Parses a lowercase format name, as [`Format::name`] spells it.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Format::ALL
            .into_iter()
            .find(|f| f.name() == s)
            .ok_or_else(|| ExportError::UnknownFormat {
                given: s.to_owned(),
            })
    }
}

/// Why a set of secrets could not be rendered. Messages name the secret,
/// never its value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// The format name is not one of [`Format::ALL`].
    #[error("unknown format `{given}`; use one of json, yaml, csv, dotenv, shell")]
    UnknownFormat {
        /// What was asked for.
        given: String,
    },
    /// A value is not UTF-8 and the format can only carry text.
    #[error(
        "secret `{name}` is not valid UTF-8, which {format} output cannot carry; \
         use the shell format, or fetch the secret on its own with `get`"
    )]
    NotUtf8 {
        /// The secret's name.
        name: String,
        /// The format that was asked for.
        format: Format,
    },
    /// A value contains a NUL byte, which environment variables (and so
    /// dotenv and shell output) cannot hold.
    #[error(
        "secret `{name}` contains a NUL byte, which {format} output cannot carry; \
         use json or yaml, or fetch the secret on its own with `get`"
    )]
    Nul {
        /// The secret's name.
        name: String,
        /// The format that was asked for.
        format: Format,
    },
    /// A name given to the dotenv or shell renderer is not a portable
    /// variable name; callers convert secret names with
    /// [`crate::envname::env_name`] first.
    #[error(
        "`{name}` is not a valid environment variable name (letters, digits and `_`, \
         not starting with a digit), so it cannot be written as {format}; \
         rename the secret or use json, yaml or csv"
    )]
    InvalidEnvName {
        /// The rejected name.
        name: String,
        /// The format that was asked for.
        format: Format,
    },
    /// The same name appears twice, which would make the output ambiguous
    /// (a JSON or YAML mapping with a repeated key, or one variable set twice).
    #[error("`{name}` appears twice in the {format} output; export each secret once")]
    DuplicateName {
        /// The repeated name.
        name: String,
        /// The format that was asked for.
        format: Format,
    },
}

/// Renders `secrets` as `format`, in the order given.
///
/// For json, yaml and csv the names are secret names. For dotenv and shell
/// they must already be variable names (see [`crate::envname::to_env_vars`]);
/// anything else is [`ExportError::InvalidEnvName`]. Every format but shell
/// needs UTF-8 values ([`ExportError::NotUtf8`]); dotenv and shell refuse NUL
/// bytes ([`ExportError::Nul`]). A repeated name is
/// [`ExportError::DuplicateName`].
///
/// ```
/// use credstore::export::{render, Format};
/// let secrets = vec![("DB_PASS".to_string(), "it's".into())];
/// assert_eq!(render(Format::Shell, &secrets).unwrap(), b"export DB_PASS='it'\\''s'\n");
/// ```
pub fn render(format: Format, secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut seen = HashSet::with_capacity(secrets.len());
    for (name, _) in secrets {
        if !seen.insert(name.as_str()) {
            return Err(ExportError::DuplicateName {
                name: name.clone(),
                format,
            });
        }
    }
    match format {
        Format::Json => render_json(secrets),
        Format::Yaml => render_yaml(secrets),
        Format::Csv => render_csv(secrets),
        Format::Dotenv => render_dotenv(secrets),
        Format::Shell => render_shell(secrets),
    }
}

/// The value as text, or the error naming its secret.
fn utf8<'a>(name: &str, value: &'a SecretBytes, format: Format) -> Result<&'a str, ExportError> {
    std::str::from_utf8(value.expose()).map_err(|_| ExportError::NotUtf8 {
        name: name.to_owned(),
        format,
    })
}

/// Refuses names that a shell or dotenv loader could not take as a variable.
fn check_env_name(name: &str, format: Format) -> Result<(), ExportError> {
    if is_valid_env_name(name) {
        Ok(())
    } else {
        Err(ExportError::InvalidEnvName {
            name: name.to_owned(),
            format,
        })
    }
}

fn check_no_nul(name: &str, value: &[u8], format: Format) -> Result<(), ExportError> {
    if value.contains(&0) {
        Err(ExportError::Nul {
            name: name.to_owned(),
            format,
        })
    } else {
        Ok(())
    }
}

fn render_json(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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
fn push_json_string(out: &mut String, s: &str) {
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

fn render_yaml(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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
fn push_yaml_string(out: &mut String, s: &str) {
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

fn render_csv(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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

fn render_dotenv(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut out = String::new();
    for (name, value) in secrets {
        check_env_name(name, Format::Dotenv)?;
        check_no_nul(name, value.expose(), Format::Dotenv)?;
        let text = utf8(name, value, Format::Dotenv)?;
        out.push_str(name);
        out.push('=');
        render_dotenv_value(&mut out, text);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// Appends a dotenv value with the quoting described on [`Format::Dotenv`].
fn render_dotenv_value(out: &mut String, value: &str) {
    let single_ok = !value.contains('\'') && !value.contains("\\\\") && !value.ends_with('\\');
    if single_ok {
        out.push('\'');
        out.push_str(value);
        out.push('\'');
        return;
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            _ => out.push(c),
        }
    }
    out.push('"');
}

fn render_shell(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut out = Vec::new();
    for (name, value) in secrets {
        check_env_name(name, Format::Shell)?;
        let bytes = value.expose();
        check_no_nul(name, bytes, Format::Shell)?;
        out.extend_from_slice(b"export ");
        out.extend_from_slice(name.as_bytes());
        out.extend_from_slice(b"='");
        // Inside single quotes every byte is literal except `'`, which has to
        // close the quote, be escaped, and reopen it.
        for &b in bytes {
            if b == b'\'' {
                out.extend_from_slice(b"'\\''");
            } else {
                out.push(b);
            }
        }
        out.extend_from_slice(b"'\n");
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;
    use std::process::Command;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, SecretBytes)> {
        items
            .iter()
            .map(|(n, v)| (n.to_string(), SecretBytes::from(*v)))
            .collect()
    }

    fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    /// Values that break naive quoting in one format or another.
    const AWKWARD: &[&str] = &[
        "",
        "plain",
        "it's",
        "say \"hi\"",
        "$HOME and ${HOME} and $(id) and `id`",
        "back\\slash",
        "double\\\\back",
        "ends with backslash\\",
        "C:\\Users\\x",
        "line1\nline2",
        "trailing newline\n",
        "\n\n",
        "cr\rlf\r\n",
        "tab\there",
        " leading and trailing ",
        "# not a comment",
        "a=b",
        "a,b",
        "ünïcödé ✓ 😀",
        "\u{2028}\u{2029}\u{85}\u{feff}",
        "\u{1}\u{1b}\u{7f}",
        "'",
        "''",
        "\\'",
        "'\\\"$`\n",
        "yes",
        "~",
        "null",
        "1e3",
        "- item",
        "key: value",
        "{a}",
        "[1]",
        "&anchor *alias !tag %dir @at",
    ];

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>(), Ok(f));
            assert_eq!(f.to_string(), f.name());
        }
        assert_eq!(
            "JSON".parse::<Format>(),
            Err(ExportError::UnknownFormat {
                given: "JSON".into()
            })
        );
        assert!(
            "toml"
                .parse::<Format>()
                .unwrap_err()
                .to_string()
                .contains("toml")
        );
    }

    // Expected bytes produced by Python 3.11:
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
    fn empty_sets() {
        let none: Vec<(String, SecretBytes)> = Vec::new();
        assert_eq!(render(Format::Json, &none).unwrap(), b"{}\n");
        assert_eq!(render(Format::Yaml, &none).unwrap(), b"{}\n");
        assert_eq!(render(Format::Csv, &none).unwrap(), b"");
        assert_eq!(render(Format::Dotenv, &none).unwrap(), b"");
        assert_eq!(render(Format::Shell, &none).unwrap(), b"");
        let yaml: serde_yaml_ng::Mapping = serde_yaml_ng::from_str("{}\n").unwrap();
        assert!(yaml.is_empty());
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

    #[test]
    fn dotenv_quoting_choices() {
        let cases = [
            ("plain", "V='plain'\n"),
            ("", "V=''\n"),
            ("$HOME `x` \"q\"", "V='$HOME `x` \"q\"'\n"),
            ("C:\\Users", "V='C:\\Users'\n"),
            ("a\nb", "V='a\nb'\n"),
            ("it's $x", "V=\"it's \\$x\"\n"),
            ("a\\\\b", "V=\"a\\\\\\\\b\"\n"),
            ("end\\", "V=\"end\\\\\"\n"),
            ("q'\"\n", "V=\"q'\\\"\\n\"\n"),
        ];
        for (value, expected) in cases {
            let out = render(Format::Dotenv, &pairs(&[("V", value)])).unwrap();
            assert_eq!(text(out), expected, "{value:?}");
        }
    }

    fn dotenvy_round_trip(values: &[String]) {
        let secrets: Vec<_> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("CREDSTORE_T{i}"), SecretBytes::from(v.as_str())))
            .collect();
        let out = render(Format::Dotenv, &secrets).unwrap();
        let parsed: Vec<(String, String)> = dotenvy::from_read_iter(out.as_slice())
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| panic!("dotenvy failed on {:?}: {e}", text(out.clone())));
        let expected: Vec<(String, String)> = secrets
            .iter()
            .zip(values)
            .map(|((n, _), v)| (n.clone(), v.clone()))
            .collect();
        assert_eq!(parsed, expected);
    }

    #[test]
    fn dotenvy_round_trips_awkward_values() {
        let values: Vec<String> = AWKWARD.iter().map(|v| v.to_string()).collect();
        dotenvy_round_trip(&values);
    }

    /// Runs `sh` on the rendered file and returns each variable's bytes.
    fn eval_in_sh(names: &[String], script: &[u8]) -> Vec<Vec<u8>> {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(script).unwrap();
        file.flush().unwrap();
        // NUL-separate the values: none may contain NUL.
        let mut cmd = String::from(". \"$1\" && printf '%s\\0'");
        for name in names {
            cmd.push_str(&format!(" \"${name}\""));
        }
        let output = Command::new("/bin/sh")
            .arg("-c")
            .arg(&cmd)
            .arg("sh")
            .arg(file.path())
            .env_clear()
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "sh failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut values: Vec<Vec<u8>> = output
            .stdout
            .split(|&b| b == 0)
            .map(<[u8]>::to_vec)
            .collect();
        // printf's trailing NUL leaves one empty piece after the last value.
        assert_eq!(values.pop(), Some(Vec::new()));
        values
    }

    fn shell_round_trip(values: &[Vec<u8>]) {
        let secrets: Vec<_> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("V{i}"), SecretBytes::new(v.clone())))
            .collect();
        let names: Vec<String> = secrets.iter().map(|(n, _)| n.clone()).collect();
        let script = render(Format::Shell, &secrets).unwrap();
        assert_eq!(eval_in_sh(&names, &script), values);
    }

    #[test]
    fn shell_round_trips_awkward_values_in_sh() {
        let mut values: Vec<Vec<u8>> = AWKWARD.iter().map(|v| v.as_bytes().to_vec()).collect();
        values.push(vec![0xff, 0xfe, b'\'', 0x80, b'\n']);
        shell_round_trip(&values);
    }

    #[test]
    fn shell_exact_output() {
        let out = render(Format::Shell, &pairs(&[("A", "it's"), ("B", "")])).unwrap();
        assert_eq!(out, b"export A='it'\\''s'\nexport B=''\n");
    }

    #[test]
    fn text_formats_refuse_non_utf8() {
        let secrets = vec![("bin".to_string(), SecretBytes::new(vec![b'o', 0xff]))];
        for f in [Format::Json, Format::Yaml, Format::Csv] {
            let err = render(f, &secrets).unwrap_err();
            assert_eq!(
                err,
                ExportError::NotUtf8 {
                    name: "bin".into(),
                    format: f
                }
            );
        }
        let vars = vec![("BIN".to_string(), SecretBytes::new(vec![b'o', 0xff]))];
        assert!(matches!(
            render(Format::Dotenv, &vars),
            Err(ExportError::NotUtf8 { .. })
        ));
        assert!(render(Format::Shell, &vars).is_ok());
    }

    #[test]
    fn env_formats_refuse_nul_and_bad_names() {
        let secret = "hunter2\0tail";
        for f in [Format::Dotenv, Format::Shell] {
            let err = render(f, &pairs(&[("V", secret)])).unwrap_err();
            assert_eq!(
                err,
                ExportError::Nul {
                    name: "V".into(),
                    format: f
                }
            );
            assert!(!err.to_string().contains("hunter2"));
            for bad in ["db.pass", "1X", "", "A-B"] {
                let err = render(f, &pairs(&[(bad, "v")])).unwrap_err();
                assert_eq!(
                    err,
                    ExportError::InvalidEnvName {
                        name: bad.into(),
                        format: f
                    }
                );
                assert!(err.to_string().contains(&format!("`{bad}`")));
            }
        }
        // json/yaml carry NUL and any name.
        assert!(render(Format::Json, &pairs(&[("db.pass", secret)])).is_ok());
        assert!(render(Format::Yaml, &pairs(&[("db.pass", secret)])).is_ok());
    }

    #[test]
    fn duplicate_names_are_refused() {
        for f in Format::ALL {
            let err = render(f, &pairs(&[("A", "1"), ("B", "2"), ("A", "3")])).unwrap_err();
            assert_eq!(
                err,
                ExportError::DuplicateName {
                    name: "A".into(),
                    format: f
                }
            );
        }
    }

    #[test]
    fn messages_never_contain_values() {
        let value = SecretBytes::new(b"s3cr3t-\xff".to_vec());
        for f in Format::ALL {
            for name in ["n.x", "N"] {
                if let Err(e) = render(f, &[(name.to_string(), value.clone())]) {
                    assert!(!e.to_string().contains("s3cr3t"), "{e}");
                    assert!(e.to_string().contains(name), "{e}");
                }
            }
        }
    }

    fn arb_env_entries() -> impl Strategy<Value = Vec<(String, String)>> {
        proptest::collection::btree_map("[A-Z_][A-Z0-9_]{0,8}", "[^\0]*", 0..6)
            .prop_map(|m| m.into_iter().collect())
    }

    proptest! {
        #[test]
        fn render_never_panics(
            entries in proptest::collection::vec(
                (any::<String>(), proptest::collection::vec(any::<u8>(), 0..40)),
                0..6,
            )
        ) {
            let secrets: Vec<_> = entries
                .into_iter()
                .map(|(n, v)| (n, SecretBytes::new(v)))
                .collect();
            for f in Format::ALL {
                let _ = render(f, &secrets);
            }
        }

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

        #[test]
        fn yaml_round_trips(entries in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6)) {
            let entries: Vec<_> = entries.into_iter().collect();
            yaml_round_trip(&entries);
        }

        #[test]
        fn csv_round_trips(entries in proptest::collection::btree_map(any::<String>(), any::<String>(), 0..6)) {
            let entries: Vec<_> = entries.into_iter().collect();
            csv_round_trip(&entries);
        }

        #[test]
        fn dotenvy_round_trips(values in proptest::collection::vec("[^\0]*", 0..6)) {
            dotenvy_round_trip(&values);
        }

        #[test]
        fn shell_output_is_single_quoted(entries in arb_env_entries()) {
            let secrets: Vec<_> = entries
                .iter()
                .map(|(n, v)| (n.clone(), SecretBytes::from(v.as_str())))
                .collect();
            let out = text(render(Format::Shell, &secrets).unwrap());
            // Undo the quoting by hand: each line is export NAME='...'.
            let mut rest = out.as_str();
            for (name, value) in &entries {
                let prefix = format!("export {name}='");
                prop_assert!(rest.starts_with(&prefix));
                let quoted = value.replace('\'', "'\\''");
                let line = format!("{prefix}{quoted}'\n");
                prop_assert!(rest.starts_with(&line));
                rest = &rest[line.len()..];
            }
            prop_assert_eq!(rest, "");
        }
    }

    proptest! {
        // Each case spawns `sh`, so keep the count modest.
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn shell_round_trips_in_sh(
            values in proptest::collection::vec(proptest::collection::vec(1u8..=255, 0..30), 1..6)
        ) {
            shell_round_trip(&values);
        }
    }
}
