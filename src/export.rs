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

use crate::model::env_name::is_valid_env_name;
use crate::model::secret::SecretBytes;

pub mod k8s;

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
    /// `NAME=value` lines for dotenv loaders and for `set -a; . ./.env`;
    /// names must already be variable names (see `crate::model::env_name`); values
    /// must be UTF-8 without NUL.
    ///
    /// dotenv has no standard, and parsers disagree on quotes and escapes.
    /// Every value this format writes reads back exactly, byte for byte, in
    /// all three readers it is tested with: POSIX `sh` sourcing the file
    /// (dash and bash, `set -a; . ./.env`), `dotenvy` 0.15, and python-dotenv
    /// 1.2 with its defaults (`dotenv_values`/`load_dotenv`,
    /// `interpolate=True`). Sourcing the file never runs a command and never
    /// expands anything, whatever the values. Other readers are not checked.
    ///
    /// - Single quotes, `NAME='value'`, as credstash writes, whenever the
    ///   value has no `'`, no `\\` pair and does not end in `\`. `sh` takes
    ///   single-quoted text verbatim (newlines, `$`, backticks included);
    ///   dotenvy and python-dotenv substitute nothing there but would read a
    ///   `\\` pair (python-dotenv) or a trailing `\` (both) as an escape.
    /// - Otherwise double quotes, `NAME="value"`, with `\` and `"` written
    ///   `\\` and `\"` (the only escapes, which all three read the same way;
    ///   `'` and newlines raw), provided the value has no `$` and no backtick.
    ///
    /// Any other value is refused with [`ExportError::NotDotenvSafe`], which
    /// names the variable and suggests the shell format (exact for every
    /// value without NUL) or json; nothing is written. That happens when the
    /// value has
    ///
    /// - a carriage return ([`DotenvRefusal::CarriageReturn`]): python-dotenv
    ///   reads files with universal newlines, so a raw CR (or CRLF) comes back
    ///   as LF, and its `\r` escape means a backslash and `r` to `sh`;
    /// - a `${` later followed by `}` ([`DotenvRefusal::Interpolation`]):
    ///   python-dotenv expands `${NAME}` inside single quotes too and has no
    ///   escape for `$`;
    /// - `$` or a backtick and needs double quotes
    ///   ([`DotenvRefusal::ExpansionInDoubleQuotes`]): `sh` expands both inside
    ///   double quotes unless written `\$` and ``\` ``, which python-dotenv
    ///   reads as two characters (and dotenvy rejects ``\` ``). The `sh` form
    ///   `'it'\''s'` reads back right in `sh` and dotenvy, but python-dotenv
    ///   cannot parse it and drops the line with only a warning.
    ///
    /// credstash wrote single quotes with no escaping, so any value with a
    /// `'` came out broken, and sourcing such a file could run commands.
    Dotenv,
    /// `export NAME='value'` lines for POSIX `sh` (`eval` or `.`): single
    /// quotes with `'` written as `'\''`, raw bytes otherwise, so any value
    /// without a NUL byte (UTF-8 or not) reads back exactly.
    Shell,
    /// The file GitHub Actions reads from `$GITHUB_ENV`: one `NAME<<DELIMITER`
    /// block per variable, the value's lines, then the delimiter alone on a line,
    /// so multi-line values arrive exactly. The delimiter is `CREDSTORE_EOF_<n>`
    /// with the smallest `n` that no value contains, so no value can end its block
    /// early and set other variables. Values must be UTF-8 without NUL or CR (the
    /// runner reads lines and would drop a CR). Pair it with [`github_masks`].
    Github,
    /// docker's `--env-file`: `NAME=value` lines taken literally (docker does no
    /// quoting or escaping). Values must be UTF-8 without NUL, LF or CR, which
    /// such a file cannot carry; those are refused, never mangled.
    Docker,
}

impl Format {
    /// Every format, in the order help text lists them.
    pub const ALL: [Format; 7] = [
        Format::Json,
        Format::Yaml,
        Format::Csv,
        Format::Dotenv,
        Format::Shell,
        Format::Github,
        Format::Docker,
    ];

    /// The lowercase name used on the command line (`-f json`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Dotenv => "dotenv",
            Format::Shell => "shell",
            Format::Github => "github",
            Format::Docker => "docker",
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
    /// A value holds a character the format's reader cannot carry.
    #[error(
        "`{name}` holds the character U+{character:04X}, which {format} output cannot carry; \
         use json or shell, or fetch the secret on its own with `get`"
    )]
    UnsupportedCharacter {
        /// The variable.
        name: String,
        /// The format that was asked for.
        format: Format,
        /// The character.
        character: u32,
    },
    /// The format name is not one of [`Format::ALL`].
    #[error("unknown format `{given}`; use one of json, yaml, csv, dotenv, shell, github, docker")]
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
    /// `crate::model::env_name::env_name` first.
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
    /// A value that no dotenv quoting carries exactly through every reader
    /// [`Format::Dotenv`] is checked against; the reason says which part.
    #[error(
        "variable `{name}` {reason}, so no dotenv quoting reads back exactly in sh, dotenvy \
         and python-dotenv alike; use the shell format (`-f shell`) or json (`-f json`)"
    )]
    NotDotenvSafe {
        /// The secret's name (as a variable name).
        name: String,
        /// What in the value cannot be written.
        reason: DotenvRefusal,
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

/// Why a value cannot be written as dotenv; see [`Format::Dotenv`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DotenvRefusal {
    /// A carriage return: python-dotenv reads files with universal newlines,
    /// so a raw CR comes back as LF, and sh has no escape for CR that
    /// python-dotenv shares.
    CarriageReturn,
    /// A `${` later followed by `}`: python-dotenv expands `${NAME}` inside
    /// any quotes and has no escape for `$`.
    Interpolation,
    /// A value that needs double quotes (it has a `'`, a `\\` pair or a
    /// trailing `\`) and contains `$` or a backtick: sh expands those inside
    /// double quotes unless written `\$` and ``\` ``, which python-dotenv keeps
    /// as two characters.
    ExpansionInDoubleQuotes,
}

impl fmt::Display for DotenvRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DotenvRefusal::CarriageReturn => {
                "contains a carriage return, which python-dotenv reads back as a newline"
            }
            DotenvRefusal::Interpolation => {
                "contains `${...}`, which python-dotenv expands even inside single quotes"
            }
            DotenvRefusal::ExpansionInDoubleQuotes => {
                "needs double quotes (it has a `'`, a `\\\\` pair or a trailing `\\`) \
                 and contains `$` or a backtick, which sh expands there and python-dotenv \
                 cannot escape"
            }
        })
    }
}

/// Renders `secrets` as `format`, in the order given.
///
/// For json, yaml and csv the names are secret names. For dotenv and shell
/// they must already be variable names (see [`crate::model::env_name::to_env_vars`]);
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
        Format::Github => render_github(secrets),
        Format::Docker => render_docker(secrets),
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
        render_dotenv_value(&mut out, text).map_err(|reason| ExportError::NotDotenvSafe {
            name: name.clone(),
            reason,
        })?;
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// Appends a dotenv value with the quoting described on [`Format::Dotenv`],
/// or says why no quoting carries it.
fn render_dotenv_value(out: &mut String, value: &str) -> Result<(), DotenvRefusal> {
    if value.contains('\r') {
        return Err(DotenvRefusal::CarriageReturn);
    }
    if value
        .split_once("${")
        .is_some_and(|(_, rest)| rest.contains('}'))
    {
        return Err(DotenvRefusal::Interpolation);
    }
    let single_ok = !value.contains('\'') && !value.contains("\\\\") && !value.ends_with('\\');
    if single_ok {
        out.push('\'');
        out.push_str(value);
        out.push('\'');
        return Ok(());
    }
    if value.contains(['$', '`']) {
        return Err(DotenvRefusal::ExpansionInDoubleQuotes);
    }
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            _ => out.push(c),
        }
    }
    out.push('"');
    Ok(())
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

/// Refuses a value with a byte the format's reader cannot carry (LF, CR).
fn check_single_line(
    name: &str,
    value: &str,
    format: Format,
    forbidden: &[char],
) -> Result<(), ExportError> {
    match value.chars().find(|c| forbidden.contains(c)) {
        Some(c) => Err(ExportError::UnsupportedCharacter {
            name: name.to_owned(),
            format,
            character: u32::from(c),
        }),
        None => Ok(()),
    }
}

fn render_github(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut values = Vec::with_capacity(secrets.len());
    for (name, value) in secrets {
        check_env_name(name, Format::Github)?;
        check_no_nul(name, value.expose(), Format::Github)?;
        let text = utf8(name, value, Format::Github)?;
        check_single_line(name, text, Format::Github, &['\r'])?;
        values.push((name, text));
    }
    // A delimiter that is no line of any value: a value cannot close its block early.
    let delimiter = (0u64..)
        .map(|n| format!("CREDSTORE_EOF_{n}"))
        .find(|d| {
            values
                .iter()
                .all(|(_, v)| v.split('\n').all(|line| line != d))
        })
        .unwrap_or_default();
    let mut out = String::new();
    for (name, text) in values {
        out.push_str(name);
        out.push_str("<<");
        out.push_str(&delimiter);
        out.push('\n');
        out.push_str(text);
        out.push('\n');
        out.push_str(&delimiter);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

/// GitHub Actions `::add-mask::` commands for every non-empty line of every value,
/// so the runner hides them in the log. Write them to the step's stdout (not to the
/// `$GITHUB_ENV` file). `%`, CR and LF are escaped as workflow commands require.
pub fn github_masks(secrets: &[(String, SecretBytes)]) -> String {
    let mut out = String::new();
    for (_, value) in secrets {
        let text = String::from_utf8_lossy(value.expose());
        for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
            out.push_str("::add-mask::");
            out.push_str(
                &line
                    .replace('%', "%25")
                    .replace('\r', "%0D")
                    .replace('\n', "%0A"),
            );
            out.push('\n');
        }
    }
    out
}

fn render_docker(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
    let mut out = String::new();
    for (name, value) in secrets {
        check_env_name(name, Format::Docker)?;
        check_no_nul(name, value.expose(), Format::Docker)?;
        let text = utf8(name, value, Format::Docker)?;
        check_single_line(name, text, Format::Docker, &['\n', '\r'])?;
        out.push_str(name);
        out.push('=');
        out.push_str(text);
        out.push('\n');
    }
    Ok(out.into_bytes())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::path::PathBuf;
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
            ("$(id) ${", "V='$(id) ${'\n"),
            ("} ${", "V='} ${'\n"),
            ("C:\\Users", "V='C:\\Users'\n"),
            ("a\nb", "V='a\nb'\n"),
            ("it's", "V=\"it's\"\n"),
            ("a\\\\b", "V=\"a\\\\\\\\b\"\n"),
            ("end\\", "V=\"end\\\\\"\n"),
            ("q'\"\n", "V=\"q'\\\"\n\"\n"),
        ];
        for (value, expected) in cases {
            let out = render(Format::Dotenv, &pairs(&[("V", value)])).unwrap();
            assert_eq!(text(out), expected, "{value:?}");
        }
        let refused = [
            ("a\rb", DotenvRefusal::CarriageReturn),
            ("pem\r\n", DotenvRefusal::CarriageReturn),
            ("it's $x\r", DotenvRefusal::CarriageReturn),
            ("${HOME}", DotenvRefusal::Interpolation),
            ("x${A:-b}y", DotenvRefusal::Interpolation),
            ("${ }", DotenvRefusal::Interpolation),
            ("it's $x", DotenvRefusal::ExpansionInDoubleQuotes),
            ("it's `id`", DotenvRefusal::ExpansionInDoubleQuotes),
            ("a\\\\$", DotenvRefusal::ExpansionInDoubleQuotes),
            ("$\\", DotenvRefusal::ExpansionInDoubleQuotes),
        ];
        for (value, reason) in refused {
            let err = render(Format::Dotenv, &pairs(&[("OK", "x"), ("V", value)])).unwrap_err();
            assert_eq!(
                err,
                ExportError::NotDotenvSafe {
                    name: "V".into(),
                    reason
                },
                "{value:?}"
            );
            let message = err.to_string();
            assert!(message.contains("`V`"), "{message}");
            assert!(message.contains("-f shell"), "{message}");
            assert!(!message.contains(value), "{message}");
            // The shell format carries every one of them.
            assert!(render(Format::Shell, &pairs(&[("V", value)])).is_ok());
        }
    }

    /// The refusal rule documented on [`Format::Dotenv`], restated apart from
    /// the renderer.
    fn documented_refusal(v: &str) -> Option<DotenvRefusal> {
        let needs_double_quotes = v.contains('\'') || v.contains("\\\\") || v.ends_with('\\');
        if v.contains('\r') {
            Some(DotenvRefusal::CarriageReturn)
        } else if v
            .split_once("${")
            .is_some_and(|(_, rest)| rest.contains('}'))
        {
            Some(DotenvRefusal::Interpolation)
        } else if needs_double_quotes && (v.contains('$') || v.contains('`')) {
            Some(DotenvRefusal::ExpansionInDoubleQuotes)
        } else {
            None
        }
    }

    /// Renders each value alone as `V<i>`; returns the `(name, value)` pairs
    /// that render and one dotenv file holding them all. Refusals are checked
    /// against the documented rule by [`check_refusal_rule`].
    fn render_dotenv_accepted(values: &[String]) -> (Vec<(String, String)>, Vec<u8>) {
        let accepted: Vec<(String, String)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("V{i}"), v.clone()))
            .filter(|(n, v)| {
                render(
                    Format::Dotenv,
                    &[(n.clone(), SecretBytes::from(v.as_str()))],
                )
                .is_ok()
            })
            .collect();
        let secrets: Vec<_> = accepted
            .iter()
            .map(|(n, v)| (n.clone(), SecretBytes::from(v.as_str())))
            .collect();
        let out = render(Format::Dotenv, &secrets).unwrap();
        (accepted, out)
    }

    /// Checks that dotenv refuses exactly the documented values, for the
    /// documented reason, naming the variable.
    fn check_refusal_rule(values: &[String]) {
        for value in values {
            let got = match render(Format::Dotenv, &pairs(&[("V", value)])) {
                Ok(_) => None,
                Err(ExportError::NotDotenvSafe { name, reason }) => {
                    assert_eq!(name, "V");
                    Some(reason)
                }
                Err(e) => panic!("{value:?}: unexpected error {e}"),
            };
            assert_eq!(got, documented_refusal(value), "{value:?}");
        }
    }

    /// Asserts that `reader` got exactly the accepted pairs, naming the first
    /// value it read differently.
    fn assert_read_back(
        reader: &str,
        accepted: &[(String, String)],
        got: &BTreeMap<String, String>,
        file: &[u8],
    ) {
        for (name, value) in accepted {
            assert_eq!(
                got.get(name),
                Some(value),
                "{reader} read {name} differently from {value:?} in\n{}",
                String::from_utf8_lossy(file)
            );
        }
        assert_eq!(got.len(), accepted.len(), "{reader} read extra variables");
    }

    fn check_sh(shell: &str, accepted: &[(String, String)], out: &[u8]) {
        let names: Vec<String> = accepted.iter().map(|(n, _)| n.clone()).collect();
        let (values, created) = source_in(shell, &names, out);
        assert!(
            created.is_empty(),
            "sourcing the dotenv file with {shell} ran a command (it created {created:?}):\n{}",
            String::from_utf8_lossy(out)
        );
        let got: BTreeMap<String, String> = names
            .into_iter()
            .zip(values)
            .map(|(n, v)| (n, text(v)))
            .collect();
        assert_read_back(shell, accepted, &got, out);
    }

    fn check_dotenvy(accepted: &[(String, String)], out: &[u8]) {
        let got: BTreeMap<String, String> = dotenvy::from_read_iter(out)
            .collect::<Result<_, _>>()
            .unwrap_or_else(|e| {
                panic!("dotenvy failed on {:?}: {e}", String::from_utf8_lossy(out))
            });
        assert_read_back("dotenvy", accepted, &got, out);
    }

    /// The shells the dotenv output is sourced with: POSIX `sh` and bash.
    const SHELLS: [&str; 2] = ["/bin/sh", "bash"];

    /// Renders `values` (leaving out the refused ones), then reads the file
    /// back with every shell and with dotenvy.
    fn dotenv_readers_agree(values: &[String]) {
        let (accepted, out) = render_dotenv_accepted(values);
        for shell in SHELLS {
            check_sh(shell, &accepted, &out);
        }
        check_dotenvy(&accepted, &out);
    }

    /// [`dotenv_readers_agree`], then [`check_refusal_rule`].
    fn dotenv_round_trip(values: &[String]) {
        dotenv_readers_agree(values);
        check_refusal_rule(values);
    }

    /// Values that ran a command or came back changed when dotenv output was
    /// sourced, before the dotenv format refused what it cannot carry.
    const SOURCING_HAZARDS: &[&str] = &[
        "it's `touch MARKER`",
        "$(touch MARKER)",
        "`touch MARKER`",
        "it's $(touch MARKER)",
        "'; touch MARKER; '",
        "\"; touch MARKER; \"",
        "it's \"$(touch MARKER)\"",
        "'\n",
        "it's\nline two",
        "a\r\nb",
        "\r",
        "$HOME ${HOME} $1 $@ $$ $",
        "back\\slash \\\\ \\` \\$",
        "quotes ' \" '' \\\"",
        "ünïcödé ✓ 😀 \u{2028}\u{85}",
        "end\\",
        "it's \\",
        "\\\n",
    ];

    /// Pieces that break one reader's quoting or another's, and commands a
    /// shell would run.
    const FRAGMENTS: &[&str] = &[
        "a",
        " ",
        "'",
        "\"",
        "\\",
        "$",
        "`",
        "{",
        "}",
        "#",
        "\n",
        "\r",
        "é",
        "$(touch M1)",
        "`touch M2`",
        "${HOME}",
        "$HOME",
        "'; >M3; '",
        "\"; >M4; \"",
    ];

    /// Every string of one, two or three [`FRAGMENTS`].
    fn fragment_combinations() -> Vec<String> {
        let mut out: Vec<String> = FRAGMENTS.iter().map(|f| f.to_string()).collect();
        for a in FRAGMENTS {
            for b in FRAGMENTS {
                out.push(format!("{a}{b}"));
                for c in FRAGMENTS {
                    out.push(format!("{a}{b}{c}"));
                }
            }
        }
        out
    }

    fn hazard_values() -> Vec<String> {
        SOURCING_HAZARDS
            .iter()
            .chain(AWKWARD)
            .map(|v| v.to_string())
            .collect()
    }

    #[test]
    fn sourcing_dotenv_never_runs_commands() {
        // Each value alone, so one that runs a command is named.
        for value in hazard_values() {
            dotenv_readers_agree(&[value]);
        }
        // Then all of them in one file, and only the documented refusals.
        dotenv_round_trip(&hazard_values());
        // What a demanding user needs carried stays carried.
        for value in ["'\n", "it's\nline two", "`touch MARKER`", "$(touch MARKER)"] {
            assert!(render(Format::Dotenv, &pairs(&[("V", value)])).is_ok());
        }
    }

    #[test]
    fn dotenv_fragment_combinations_read_back_in_sh_and_dotenvy() {
        let values = fragment_combinations();
        dotenv_round_trip(&values);
        // The rule refuses some combinations, not most of them.
        let (accepted, _) = render_dotenv_accepted(&values);
        assert!(accepted.len() * 2 > values.len(), "{}", accepted.len());
    }

    /// The python with python-dotenv that reads the dotenv output: from
    /// `CREDSTORE_TEST_PYTHON_DOTENV`, else the `.venv-dotenv` scripts/test
    /// creates. Never skipped.
    fn python_dotenv() -> PathBuf {
        if let Some(p) = std::env::var_os("CREDSTORE_TEST_PYTHON_DOTENV") {
            let p = PathBuf::from(p);
            assert!(
                p.is_file(),
                "CREDSTORE_TEST_PYTHON_DOTENV={} is not a file",
                p.display()
            );
            return p;
        }
        let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv-dotenv/bin/python");
        let ci = std::env::var("CI").is_ok_and(|v| v == "true");
        assert!(
            venv.is_file(),
            "python-dotenv not found{}: run scripts/test (it creates .venv-dotenv), or set \
             CREDSTORE_TEST_PYTHON_DOTENV=/path/to/python with python-dotenv installed. \
             This test never skips.",
            if ci { " (CI=true)" } else { "" }
        );
        venv
    }

    /// `dotenv.dotenv_values(file)` with python-dotenv's defaults
    /// (`interpolate=True`).
    fn read_with_python_dotenv(out: &[u8]) -> BTreeMap<String, String> {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(out).unwrap();
        file.flush().unwrap();
        let python = python_dotenv();
        let output = Command::new(&python)
            .arg("-c")
            .arg(
                "import dotenv, sys, json; \
                 print(json.dumps(dotenv.dotenv_values(sys.argv[1])))",
            )
            .arg(file.path())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
        // python-dotenv skips a line it cannot parse with a warning on stderr.
        assert!(
            output.status.success() && output.stderr.is_empty(),
            "python-dotenv: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let values: BTreeMap<String, Option<String>> =
            serde_json::from_slice(&output.stdout).unwrap();
        values
            .into_iter()
            .map(|(k, v)| {
                let v = v.unwrap_or_else(|| panic!("python-dotenv read {k} without a value"));
                (k, v)
            })
            .collect()
    }

    fn python_dotenv_round_trip(values: &[String]) {
        let (accepted, out) = render_dotenv_accepted(values);
        let got = read_with_python_dotenv(&out);
        assert_read_back("python-dotenv", &accepted, &got, &out);
        check_refusal_rule(values);
    }

    /// Why a `'` beside `$` is refused rather than written the way the shell
    /// format writes it: python-dotenv cannot parse `'it'\''s'` and drops the
    /// line with only a warning, while `sh` and dotenvy read it right.
    #[test]
    fn sh_quote_concatenation_is_lost_in_python_dotenv() {
        let file = b"A='it'\\''s $x'\nB='b'\n";
        let names = ["A".to_string(), "B".to_string()];
        let (values, created) = source_in("/bin/sh", &names, file);
        assert_eq!(values, [b"it's $x".to_vec(), b"b".to_vec()]);
        assert!(created.is_empty());
        let dotenvy: BTreeMap<String, String> = dotenvy::from_read_iter(&file[..])
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(dotenvy["A"], "it's $x");
        let mut tmp = tempfile::NamedTempFile::new().unwrap();
        tmp.write_all(file).unwrap();
        tmp.flush().unwrap();
        let output = Command::new(python_dotenv())
            .arg("-c")
            .arg("import dotenv, sys; print(sorted(dotenv.dotenv_values(sys.argv[1])))")
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(output.status.success());
        assert_eq!(text(output.stdout), "['B']\n");
        assert!(text(output.stderr).contains("could not parse"));
    }

    #[test]
    fn dotenv_reads_back_in_python_dotenv() {
        let mut values = hazard_values();
        values.extend(fragment_combinations());
        python_dotenv_round_trip(&values);
    }

    /// Sources `script` with `set -a; . FILE` in `shell`, from an empty
    /// working directory with only `PATH` set. Returns each variable's bytes
    /// and the names of the files sourcing created in that directory: any
    /// file there means a command ran.
    fn source_in(shell: &str, names: &[String], script: &[u8]) -> (Vec<Vec<u8>>, Vec<String>) {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(script).unwrap();
        file.flush().unwrap();
        let cwd = tempfile::tempdir().unwrap();
        // NUL-terminate the values: none may contain NUL. The names are
        // variable names, so `eval` only expands them.
        let cmd =
            r#"set -a; . "$1" || exit 97; shift; for n do eval "printf '%s\0' \"\${$n}\""; done"#;
        let mut command = Command::new(shell);
        command
            .arg("-c")
            .arg(cmd)
            .arg("sh")
            .arg(file.path())
            .args(names)
            .current_dir(cwd.path())
            .env_clear();
        if let Some(path) = std::env::var_os("PATH") {
            command.env("PATH", path);
        }
        let output = command
            .output()
            .unwrap_or_else(|e| panic!("cannot run {shell}: {e}"));
        let mut created: Vec<String> = std::fs::read_dir(cwd.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        created.sort();
        assert!(
            output.status.success(),
            "{shell} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let mut values: Vec<Vec<u8>> = output
            .stdout
            .split(|&b| b == 0)
            .map(<[u8]>::to_vec)
            .collect();
        // The last NUL leaves one empty piece after it.
        assert_eq!(values.pop(), Some(Vec::new()));
        assert_eq!(values.len(), names.len());
        (values, created)
    }

    #[test]
    fn source_in_sees_commands_run() {
        let script = b"A=\"$(touch M1)`>M2`x\"\nB=y\n";
        for shell in SHELLS {
            let (values, created) = source_in(shell, &["A".into(), "B".into()], script);
            assert_eq!(values, [b"x".to_vec(), b"y".to_vec()], "{shell}");
            assert_eq!(created, ["M1", "M2"], "{shell}");
        }
    }

    /// Runs `sh` on the rendered file and returns each variable's bytes,
    /// checking that sourcing it ran nothing.
    fn eval_in_sh(names: &[String], script: &[u8]) -> Vec<Vec<u8>> {
        let (values, created) = source_in("/bin/sh", names, script);
        assert!(created.is_empty(), "sourcing ran a command: {created:?}");
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
                if let Err(e) = render(f, &[(name.to_string(), value.duplicate())]) {
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
        fn dotenvy_reads_back_or_refused(values in proptest::collection::vec(arb_dotenv_value(), 0..6)) {
            let (accepted, out) = render_dotenv_accepted(&values);
            check_dotenvy(&accepted, &out);
            check_refusal_rule(&values);
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

    /// Arbitrary text without NUL, or a string of [`FRAGMENTS`].
    fn arb_dotenv_value() -> impl Strategy<Value = String> {
        prop_oneof![
            "[^\0]*",
            proptest::collection::vec(proptest::sample::select(FRAGMENTS), 0..8)
                .prop_map(|pieces| pieces.concat()),
        ]
    }

    proptest! {
        // Each case spawns two shells.
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn dotenv_sources_exactly_or_refused(values in proptest::collection::vec(arb_dotenv_value(), 1..6)) {
            dotenv_round_trip(&values);
        }
    }

    proptest! {
        // Each case starts python.
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn python_dotenv_reads_back_or_refused(values in proptest::collection::vec(arb_dotenv_value(), 0..40)) {
            python_dotenv_round_trip(&values);
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

    /// GitHub's runner reading a `$GITHUB_ENV` file: `NAME<<DELIM` opens a block that
    /// ends at a line equal to DELIM; its lines, joined by LF, are the value.
    fn read_github_env(file: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut lines = file.split('\n');
        while let Some(line) = lines.next() {
            if line.is_empty() {
                continue;
            }
            let (name, delimiter) = line.split_once("<<").expect("a heredoc block");
            let mut value = Vec::new();
            for l in lines.by_ref() {
                if l == delimiter {
                    break;
                }
                value.push(l);
            }
            out.push((name.to_string(), value.join("\n")));
        }
        out
    }

    /// docker's `--env-file` reader: lines (a trailing CR dropped), leading
    /// whitespace trimmed, `#` comments and blank lines skipped, split at the first `=`,
    /// the value taken literally.
    fn read_docker_env(file: &str) -> Vec<(String, String)> {
        file.lines()
            .map(|l| l.trim_start())
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (name, value) = l.split_once('=').expect("NAME=value");
                assert!(
                    !name.contains(char::is_whitespace),
                    "docker refuses {name:?}"
                );
                (name.to_string(), value.to_string())
            })
            .collect()
    }

    #[test]
    fn github_blocks_cannot_be_closed_by_a_value() {
        let secrets = pairs(&[
            ("A", "line1\nCREDSTORE_EOF_0\nEVIL=1"),
            ("B", ""),
            ("C", "CREDSTORE_EOF_1"),
        ]);
        let out = text(render(Format::Github, &secrets).unwrap());
        assert!(out.starts_with("A<<CREDSTORE_EOF_2\n"), "{out}");
        let read = read_github_env(&out);
        assert_eq!(read.len(), 3, "{read:?}");
        assert_eq!(read[0].1, "line1\nCREDSTORE_EOF_0\nEVIL=1");
        assert_eq!(read[1].1, "");
        let masks = github_masks(&pairs(&[("A", "p%w\nsecond line"), ("B", "")]));
        assert_eq!(masks, "::add-mask::p%25w\n::add-mask::second line\n");
    }

    #[test]
    fn ci_formats_refuse_what_their_readers_cannot_carry() {
        for (format, value) in [
            (Format::Github, "a\rb"),
            (Format::Docker, "a\nb"),
            (Format::Docker, "a\r"),
        ] {
            let err = render(format, &pairs(&[("V", value)])).unwrap_err();
            assert!(
                matches!(err, ExportError::UnsupportedCharacter { .. }),
                "{format}: {err:?}"
            );
            assert!(err.to_string().contains("`V`"));
        }
        assert!(render(Format::Docker, &pairs(&[("db.pass", "x")])).is_err());
        assert_eq!(
            render(Format::Docker, &pairs(&[("A", " spaced = 'as is' $X")])).unwrap(),
            b"A= spaced = 'as is' $X\n"
        );
    }

    proptest! {
        #[test]
        fn github_round_trips(values in proptest::collection::vec("[^\r\0]*", 0..6)) {
            let secrets: Vec<(String, SecretBytes)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("V{i}"), SecretBytes::from(v.as_str())))
                .collect();
            let out = text(render(Format::Github, &secrets).unwrap());
            let read = read_github_env(&out);
            prop_assert_eq!(read.len(), values.len());
            for ((name, value), (i, want)) in read.iter().zip(values.iter().enumerate()) {
                prop_assert_eq!(name, &format!("V{i}"));
                prop_assert_eq!(value, want);
            }
        }

        #[test]
        fn docker_round_trips(values in proptest::collection::vec("[^\r\n\0]*", 0..6)) {
            let secrets: Vec<(String, SecretBytes)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("V{i}"), SecretBytes::from(v.as_str())))
                .collect();
            let out = text(render(Format::Docker, &secrets).unwrap());
            let read = read_docker_env(&out);
            prop_assert_eq!(read.len(), values.len());
            for ((_, value), want) in read.iter().zip(&values) {
                prop_assert_eq!(value, want);
            }
        }
    }
}
