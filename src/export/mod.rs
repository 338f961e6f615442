//! Renderers for getall/env output: json, yaml, csv, dotenv, shell, github, docker (one
//! submodule each; Kubernetes Secret manifests are [`K8sSecret`]).
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

mod csv;
mod docker;
mod dotenv;
mod github;
mod json;
mod k8s;
pub use k8s::{K8sError, K8sSecret};
mod shell;
mod yaml;

pub use github::github_masks;
pub(crate) use json::push_json_string;
pub(crate) use yaml::push_yaml_string;

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
        Format::Json => json::render_json(secrets),
        Format::Yaml => yaml::render_yaml(secrets),
        Format::Csv => csv::render_csv(secrets),
        Format::Dotenv => dotenv::render_dotenv(secrets),
        Format::Shell => shell::render_shell(secrets),
        Format::Github => github::render_github(secrets),
        Format::Docker => docker::render_docker(secrets),
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::io::Write;
    use std::process::Command;

    pub(super) fn pairs(items: &[(&str, &str)]) -> Vec<(String, SecretBytes)> {
        items
            .iter()
            .map(|(n, v)| (n.to_string(), SecretBytes::from(*v)))
            .collect()
    }

    pub(super) fn text(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes).unwrap()
    }

    /// Values that break naive quoting in one format or another.
    pub(super) const AWKWARD: &[&str] = &[
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

    /// The shells the dotenv output is sourced with: POSIX `sh` and bash.
    pub(super) const SHELLS: [&str; 2] = ["/bin/sh", "bash"];

    /// Sources `script` with `set -a; . FILE` in `shell`, from an empty
    /// working directory with only `PATH` set. Returns each variable's bytes
    /// and the names of the files sourcing created in that directory: any
    /// file there means a command ran.
    pub(super) fn source_in(
        shell: &str,
        names: &[String],
        script: &[u8],
    ) -> (Vec<Vec<u8>>, Vec<String>) {
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
    }
}
