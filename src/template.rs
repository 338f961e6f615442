//! `render`'s template language: literal text with `{{ secret "NAME" ... | filter }}` tags,
//! parsed into a [`Template`] (sync, pure, no I/O) and filled from values the caller read.
//!
//! The language is deliberately small: a template names secrets and says how each value is
//! quoted; it cannot run code, read files or the environment, loop or branch. Grammar:
//!
//! ```text
//! template := (text | tag)*            text is copied byte for byte
//! tag      := "{{" ws* body ws* "}}"
//! body     := "secret" ws+ string (ws+ option)* (ws* "|" ws* filter)*
//!           | string                   the string itself, as literal text: {{ "{{" }}
//! option   := "version=" string | "context=" string     context: "key=value", repeatable
//! filter   := "json" | "yaml" | "shell" | "base64"      applied left to right
//! string   := '"' (any character but '"', '\' and controls | '\"' | '\\')* '"'
//! ws       := space | tab | newline
//! ```
//!
//! Filters: `json` a JSON string with its quotes (`\uXXXX` for non-ASCII, as Python's
//! `json.dumps`); `yaml` a double-quoted YAML scalar that YAML 1.1 and 1.2 readers take back
//! exactly; `shell` one POSIX shell word in single quotes (`'` as `'\''`); `base64` standard
//! base64 with padding. Without a filter the raw value is written.

use crate::export::{push_json_string, push_yaml_string};
use base64::Engine as _;
use std::collections::BTreeMap;
use std::fmt;
use zeroize::Zeroizing;

/// One secret a template reads: its name, the version (latest when `None`) and the
/// encryption context given with it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    /// The secret's name.
    pub name: String,
    /// The version, as given (padded like credstash when read).
    pub version: Option<String>,
    /// Encryption context pairs, sorted by key.
    pub context: BTreeMap<String, String>,
}

/// How a value is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Filter {
    /// A JSON string, quotes included.
    Json,
    /// A YAML double-quoted scalar.
    Yaml,
    /// One POSIX shell word (single-quoted).
    Shell,
    /// Standard base64 with padding.
    Base64,
}

impl Filter {
    fn name(self) -> &'static str {
        match self {
            Filter::Json => "json",
            Filter::Yaml => "yaml",
            Filter::Shell => "shell",
            Filter::Base64 => "base64",
        }
    }
}

/// Where a tag starts: 1-based line and column (in characters).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column, from 1, counted in characters.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

#[derive(Debug)]
enum Part {
    Text(String),
    Secret {
        /// Index into [`Template::references`].
        reference: usize,
        filters: Vec<Filter>,
        at: Position,
    },
}

/// A parsed template.
#[derive(Debug)]
pub struct Template {
    parts: Vec<Part>,
    references: Vec<Reference>,
}

/// A template that does not parse: where, and what was expected. It never quotes the
/// template beyond the offending token.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("template syntax error at {at}: {message}")]
pub struct SyntaxError {
    /// Where.
    pub at: Position,
    /// What is wrong.
    pub message: String,
}

/// A template that parsed but cannot be filled. Messages name the secret, never a value.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The caller has no value for a reference (the secret was not read).
    #[error("the template's secret `{name}` at {at} has no value")]
    Missing {
        /// The secret.
        name: String,
        /// The tag.
        at: Position,
    },
    /// A filter that writes text was given a value that is not UTF-8.
    #[error(
        "the secret `{name}` at {at} is not UTF-8 text, which `| {filter}` cannot write; \
         add `| base64` before it, or use `| base64` alone"
    )]
    NotUtf8 {
        /// The secret.
        name: String,
        /// The tag.
        at: Position,
        /// The filter.
        filter: &'static str,
    },
    /// `| shell` was given a value with a NUL byte, which no shell word can hold.
    #[error(
        "the secret `{name}` at {at} contains a NUL byte, which no shell word can hold; \
         use `| base64` instead"
    )]
    Nul {
        /// The secret.
        name: String,
        /// The tag.
        at: Position,
    },
}

impl Template {
    /// Parses `text`; the first error found is returned.
    pub fn parse(text: &str) -> Result<Template, SyntaxError> {
        Parser::new(text).template()
    }

    /// The distinct secrets the template reads (each once, whatever its uses), sorted.
    pub fn references(&self) -> &[Reference] {
        &self.references
    }

    /// Fills the template: `value(i)` is the value of `references()[i]`. Any missing value
    /// or value a filter cannot write is an error; nothing partial is returned.
    pub fn render<'v>(
        &self,
        value: impl Fn(usize) -> Option<&'v [u8]>,
    ) -> Result<Zeroizing<Vec<u8>>, RenderError> {
        let mut out = Zeroizing::new(Vec::new());
        for part in &self.parts {
            match part {
                Part::Text(text) => out.extend_from_slice(text.as_bytes()),
                Part::Secret {
                    reference,
                    filters,
                    at,
                } => {
                    let name = &self.references[*reference].name;
                    let raw = value(*reference).ok_or_else(|| RenderError::Missing {
                        name: name.clone(),
                        at: *at,
                    })?;
                    let mut current = Zeroizing::new(raw.to_vec());
                    for filter in filters {
                        current = apply(*filter, &current).map_err(|e| e.about(name, *at))?;
                    }
                    out.extend_from_slice(&current);
                }
            }
        }
        Ok(out)
    }
}

/// Why one filter refused a value (before the secret and position are known).
enum FilterRefusal {
    NotUtf8(&'static str),
    Nul,
}

impl FilterRefusal {
    fn about(self, name: &str, at: Position) -> RenderError {
        match self {
            FilterRefusal::NotUtf8(filter) => RenderError::NotUtf8 {
                name: name.to_string(),
                at,
                filter,
            },
            FilterRefusal::Nul => RenderError::Nul {
                name: name.to_string(),
                at,
            },
        }
    }
}

fn apply(filter: Filter, value: &[u8]) -> Result<Zeroizing<Vec<u8>>, FilterRefusal> {
    let text = || std::str::from_utf8(value).map_err(|_| FilterRefusal::NotUtf8(filter.name()));
    let out = match filter {
        Filter::Json => {
            let mut s = String::with_capacity(value.len() + 2);
            push_json_string(&mut s, text()?);
            s.into_bytes()
        }
        Filter::Yaml => {
            let mut s = String::with_capacity(value.len() + 2);
            push_yaml_string(&mut s, text()?);
            s.into_bytes()
        }
        Filter::Shell => {
            if value.contains(&0) {
                return Err(FilterRefusal::Nul);
            }
            // Inside single quotes every byte is literal but `'`: close, escape, reopen.
            let mut out = Vec::with_capacity(value.len() + 2);
            out.push(b'\'');
            for &b in value {
                if b == b'\'' {
                    out.extend_from_slice(b"'\\''");
                } else {
                    out.push(b);
                }
            }
            out.push(b'\'');
            out
        }
        Filter::Base64 => base64::engine::general_purpose::STANDARD
            .encode(value)
            .into_bytes(),
    };
    Ok(Zeroizing::new(out))
}

struct Parser<'t> {
    text: &'t str,
    /// Byte offset of the next character.
    pos: usize,
    line: usize,
    column: usize,
}

impl<'t> Parser<'t> {
    fn new(text: &'t str) -> Self {
        Parser {
            text,
            pos: 0,
            line: 1,
            column: 1,
        }
    }

    fn here(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn rest(&self) -> &'t str {
        &self.text[self.pos..]
    }

    fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    fn advance(&mut self, bytes: usize) {
        let end = self.pos + bytes;
        while self.pos < end {
            self.bump();
        }
    }

    fn error(&self, at: Position, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            at,
            message: message.into(),
        }
    }

    /// What the next token looks like, for error messages (never more than a few characters).
    fn found(&self) -> String {
        match self.peek() {
            None => "the end of the template".into(),
            Some(_) => {
                let token: String = self
                    .rest()
                    .chars()
                    .take_while(|c| !c.is_whitespace())
                    .take(12)
                    .collect();
                format!("{:?}", token)
            }
        }
    }

    fn template(mut self) -> Result<Template, SyntaxError> {
        let mut parts = Vec::new();
        let mut pending: Vec<(Reference, Vec<Filter>, Position)> = Vec::new();
        let mut text = String::new();
        while self.pos < self.text.len() {
            match self.rest().find("{{") {
                None => {
                    text.push_str(self.rest());
                    self.advance(self.rest().len());
                }
                Some(i) => {
                    text.push_str(&self.rest()[..i]);
                    self.advance(i);
                    let at = self.here();
                    self.advance(2);
                    match self.tag(at)? {
                        Tag::Literal(s) => text.push_str(&s),
                        Tag::Secret(reference, filters) => {
                            if !text.is_empty() {
                                parts.push(Part::Text(std::mem::take(&mut text)));
                            }
                            parts.push(Part::Secret {
                                reference: pending.len(),
                                filters: Vec::new(),
                                at,
                            });
                            pending.push((reference, filters, at));
                        }
                    }
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        // One reference per distinct (name, version, context), sorted.
        let mut references: Vec<Reference> = pending.iter().map(|(r, _, _)| r.clone()).collect();
        references.sort();
        references.dedup();
        for part in &mut parts {
            if let Part::Secret {
                reference, filters, ..
            } = part
            {
                let (wanted, wanted_filters, _) = &pending[*reference];
                *filters = wanted_filters.clone();
                *reference = references.binary_search(wanted).unwrap_or_default();
            }
        }
        Ok(Template { parts, references })
    }

    fn skip_ws(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
        self.pos > start
    }

    fn word(&mut self) -> &'t str {
        let start = self.pos;
        while matches!(self.peek(), Some(c) if c.is_ascii_alphanumeric() || c == '_') {
            self.bump();
        }
        &self.text[start..self.pos]
    }

    fn close(&mut self, open: Position) -> Result<(), SyntaxError> {
        self.skip_ws();
        if self.rest().starts_with("}}") {
            self.advance(2);
            Ok(())
        } else if self.peek().is_none() {
            Err(self.error(open, "this `{{` is never closed with `}}`"))
        } else {
            Err(self.error(
                self.here(),
                format!("expected `}}}}` or `|`, found {}", self.found()),
            ))
        }
    }

    fn tag(&mut self, open: Position) -> Result<Tag, SyntaxError> {
        self.skip_ws();
        if self.peek() == Some('"') {
            let literal = self.string()?;
            self.close(open)?;
            return Ok(Tag::Literal(literal));
        }
        let at = self.here();
        let keyword = self.word();
        if keyword != "secret" {
            return Err(if keyword.is_empty() && self.peek().is_none() {
                self.error(open, "this `{{` is never closed with `}}`")
            } else {
                self.error(
                    at,
                    format!(
                        "expected `secret \"NAME\"` or a quoted string (`{{{{ \"{{{{\" }}}}` writes `{{{{`), found {}",
                        if keyword.is_empty() {
                            self.found()
                        } else {
                            format!("{keyword:?}")
                        }
                    ),
                )
            });
        }
        if !self.skip_ws() {
            return Err(self.error(self.here(), "expected a space and the secret's quoted name"));
        }
        if self.peek() != Some('"') {
            return Err(self.error(
                self.here(),
                format!("expected the secret's quoted name, found {}", self.found()),
            ));
        }
        let name_at = self.here();
        let name = self.string()?;
        if name.is_empty() {
            return Err(self.error(name_at, "the secret's name is empty"));
        }
        let mut reference = Reference {
            name,
            version: None,
            context: BTreeMap::new(),
        };
        self.options(&mut reference)?;
        let filters = self.filters()?;
        self.close(open)?;
        Ok(Tag::Secret(reference, filters))
    }

    /// The options after the name: `version="..."` (once) and `context="key=value"`
    /// (a pair each), each after a space.
    fn options(&mut self, reference: &mut Reference) -> Result<(), SyntaxError> {
        loop {
            let had_ws = self.skip_ws();
            let option_at = self.here();
            if !matches!(self.peek(), Some(c) if c.is_ascii_alphabetic()) {
                break;
            }
            if !had_ws {
                return Err(self.error(option_at, "expected a space before the option"));
            }
            let option = self.word();
            if self.peek() != Some('=') {
                return Err(self.error(
                    self.here(),
                    format!("expected `=` and a quoted value after `{option}`"),
                ));
            }
            self.bump();
            if self.peek() != Some('"') {
                return Err(self.error(
                    self.here(),
                    format!("expected a quoted value after `{option}=`"),
                ));
            }
            let value_at = self.here();
            let value = self.string()?;
            match option {
                "version" if reference.version.is_some() => {
                    return Err(self.error(option_at, "`version` is given twice"));
                }
                "version" if value.is_empty() => {
                    return Err(self.error(value_at, "the version is empty"));
                }
                "version" => reference.version = Some(value),
                "context" => {
                    let Some((key, val)) = value.split_once('=') else {
                        return Err(self.error(
                            value_at,
                            "a context is written context=\"key=value\" (repeat it for more pairs)",
                        ));
                    };
                    if key.is_empty() {
                        return Err(self.error(value_at, "the context key is empty"));
                    }
                    if reference
                        .context
                        .insert(key.to_string(), val.to_string())
                        .is_some()
                    {
                        return Err(
                            self.error(value_at, format!("the context key {key:?} is given twice"))
                        );
                    }
                }
                other => {
                    return Err(self.error(
                        option_at,
                        format!("unknown option {other:?}; options are version=\"...\" and context=\"key=value\""),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The filters after the reference: `| json`, `| yaml`, `| shell`, `| base64`.
    fn filters(&mut self) -> Result<Vec<Filter>, SyntaxError> {
        let mut filters = Vec::new();
        while self.peek() == Some('|') {
            self.bump();
            self.skip_ws();
            let filter_at = self.here();
            let filter = match self.word() {
                "json" => Filter::Json,
                "yaml" => Filter::Yaml,
                "shell" => Filter::Shell,
                "base64" => Filter::Base64,
                other => {
                    let found = if other.is_empty() {
                        self.found()
                    } else {
                        format!("{other:?}")
                    };
                    return Err(self.error(
                        filter_at,
                        format!("unknown filter {found}; filters are json, yaml, shell and base64"),
                    ));
                }
            };
            filters.push(filter);
            self.skip_ws();
        }
        Ok(filters)
    }

    /// A quoted string; `\"` and `\\` are its only escapes, control characters are refused.
    fn string(&mut self) -> Result<String, SyntaxError> {
        let open = self.here();
        self.bump();
        let mut out = String::new();
        loop {
            let at = self.here();
            match self.bump() {
                None => return Err(self.error(open, "this string is never closed with `\"`")),
                Some('"') => return Ok(out),
                Some('\\') => match self.bump() {
                    Some(c @ ('"' | '\\')) => out.push(c),
                    _ => {
                        return Err(self.error(
                            at,
                            "unknown escape in a string; only \\\" and \\\\ are escapes",
                        ));
                    }
                },
                Some(c) if c.is_control() => {
                    return Err(self.error(
                        at,
                        format!(
                            "a string cannot hold the control character U+{:04X}",
                            u32::from(c)
                        ),
                    ));
                }
                Some(c) => out.push(c),
            }
        }
    }
}

enum Tag {
    Literal(String),
    Secret(Reference, Vec<Filter>),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(template: &str, values: &[(&str, &[u8])]) -> Result<Vec<u8>, RenderError> {
        let t = Template::parse(template).unwrap_or_else(|e| panic!("{e}"));
        let refs = t.references().to_vec();
        t.render(|i| {
            values
                .iter()
                .find(|(n, _)| *n == refs[i].name)
                .map(|(_, v)| *v)
        })
        .map(|v| v.to_vec())
    }

    fn syntax(template: &str) -> SyntaxError {
        match Template::parse(template) {
            Ok(_) => panic!("{template:?} parsed"),
            Err(e) => e,
        }
    }

    #[test]
    fn literal_text_is_copied_as_is() {
        let text = "a } b }} c { d\n\t$HOME `x` \\ é";
        assert_eq!(fill(text, &[]).unwrap_or_default(), text.as_bytes());
    }

    #[test]
    fn a_quoted_string_tag_writes_braces() {
        assert_eq!(
            fill(r#"x{{ "{{" }}y{{"}}\"\\"}}"#, &[]).unwrap_or_default(),
            br#"x{{y}}"\"#
        );
    }

    #[test]
    fn raw_and_filtered_values() {
        let v: &[u8] = b"it's \"q\"\n$x `y`";
        let out = fill(
            "{{secret \"a\"}}|{{ secret \"a\" | json }}|{{ secret \"a\"|yaml }}|{{ secret \"a\" | shell }}|{{ secret \"a\" | base64 }}",
            &[("a", v)],
        )
        .unwrap_or_default();
        let expected = [
            &b"it's \"q\"\n$x `y`"[..],
            br#""it's \"q\"\n$x `y`""#,
            br#""it's \"q\"\n$x `y`""#,
            b"'it'\\''s \"q\"\n$x `y`'",
            b"aXQncyAicSIKJHggYHlg",
        ]
        .join(&b'|');
        assert_eq!(out, expected);
    }

    #[test]
    fn filters_chain_left_to_right() {
        assert_eq!(
            fill(r#"{{ secret "a" | base64 | json }}"#, &[("a", b"\xff")]).unwrap_or_default(),
            br#""/w==""#
        );
    }

    #[test]
    fn options_make_distinct_references() {
        let t = Template::parse(
            r#"{{ secret "a" }}{{ secret "a" version="3" context="env=prod" context="app=x" }}{{ secret "a" }}"#,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(t.references().len(), 2);
        let with = &t.references()[1];
        assert_eq!(with.version.as_deref(), Some("3"));
        assert_eq!(
            with.context.iter().collect::<Vec<_>>(),
            [
                (&"app".to_string(), &"x".to_string()),
                (&"env".to_string(), &"prod".to_string())
            ]
        );
        let out = t.render(|i| Some(if i == 0 { b"L" } else { b"3" }));
        assert_eq!(out.map(|v| v.to_vec()).unwrap_or_default(), b"L3L");
    }

    #[test]
    fn missing_value_and_filter_refusals_name_the_secret() {
        let missing = fill("\n  {{ secret \"gone\" }}", &[]);
        assert_eq!(
            missing,
            Err(RenderError::Missing {
                name: "gone".into(),
                at: Position { line: 2, column: 3 }
            })
        );
        assert!(matches!(
            fill(r#"{{ secret "b" | json }}"#, &[("b", b"\xff")]),
            Err(RenderError::NotUtf8 { filter: "json", .. })
        ));
        assert!(matches!(
            fill(r#"{{ secret "b" | shell }}"#, &[("b", b"a\0b")]),
            Err(RenderError::Nul { .. })
        ));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let cases: &[(&str, usize, usize, &str)] = &[
            ("ab\ncd {{ secret \"x\"", 2, 4, "never closed"),
            ("{{ secrets \"x\" }}", 1, 4, "expected `secret"),
            ("{{ secret x }}", 1, 11, "quoted name"),
            ("{{ secret \"x\" | upper }}", 1, 17, "unknown filter"),
            ("{{ secret \"x\" color=\"red\" }}", 1, 15, "unknown option"),
            (
                "{{ secret \"x\" version=\"1\" version=\"2\" }}",
                1,
                27,
                "twice",
            ),
            ("{{ secret \"x\" context=\"novalue\" }}", 1, 23, "key=value"),
            ("{{ secret \"x\\n\" }}", 1, 13, "unknown escape"),
            ("{{ secret \"x }}", 1, 11, "never closed"),
            ("{{ secret \"\" }}", 1, 11, "empty"),
            ("{{ secret \"x\" }", 1, 15, "expected `}}`"),
            ("é{{ env \"HOME\" }}", 1, 5, "expected `secret"),
            ("{{ secret \"a\tb\" }}", 1, 13, "control character"),
        ];
        for (template, line, column, text) in cases {
            let e = syntax(template);
            assert_eq!(
                (e.at.line, e.at.column),
                (*line, *column),
                "{template:?}: {e}"
            );
            assert!(e.message.contains(text), "{template:?}: {e}");
        }
    }
}
