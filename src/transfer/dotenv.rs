//! Reading a dotenv file for `import --dotenv`: exactly the subset credstore's own dotenv
//! writer emits (see `export::Format::Dotenv`), so that what is imported is what every
//! reader of that file sees. Anything else is refused with its line number.
//!
//! A file is a sequence of `NAME=QUOTED\n` entries, NAME a portable variable name, each
//! name once. QUOTED is either `'text'` (no `'` inside, no `\\` pair, not ending in `\`,
//! no `${...}`) or `"text"` with `\\` and `\"` its only escapes and no `$` or backtick.
//! Values may span lines; none holds a carriage return. The last entry may lack its
//! newline. Comments, blank lines, `export`, unquoted values and other escapes are not
//! part of the subset: readers disagree on them.

use std::collections::HashSet;

use super::TransferError;
use crate::model::env_name::is_valid_env_name;
use crate::model::secret::SecretBytes;

/// The entries of a dotenv file, in file order; the first line outside the subset is an
/// error naming its line and what to do.
pub fn parse(text: &[u8]) -> Result<Vec<(String, SecretBytes)>, TransferError> {
    let Ok(text) = std::str::from_utf8(text) else {
        // The line of the first bad byte, for the message.
        let good = text.utf8_chunks().next().map_or(0, |c| c.valid().len());
        let line = 1 + text[..good].iter().filter(|&&b| b == b'\n').count();
        return Err(refuse(line, "is not UTF-8"));
    };
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let mut line = 1usize;
    let mut rest = text;
    while !rest.is_empty() {
        let start_line = line;
        let Some((name, after)) = rest.split_once('=') else {
            return Err(refuse(line, "is not NAME='value' or NAME=\"value\""));
        };
        if name.contains('\n') || !is_valid_env_name(name) {
            let first = name.split('\n').next().unwrap_or_default();
            let what = if first.trim().is_empty() || first.trim_start().starts_with('#') {
                "is blank or a comment, which credstore's dotenv writer never emits"
            } else {
                "does not start with a variable name and `=` (letters, digits and `_`)"
            };
            return Err(refuse(line, what));
        }
        let (value, consumed) = match after.chars().next() {
            Some('\'') => single_quoted(&after[1..]),
            Some('"') => double_quoted(&after[1..]),
            _ => Err("has an unquoted value; quote it as credstore's dotenv writer does"),
        }
        .map_err(|why| refuse(start_line, why))?;
        // `consumed` counts the opening quote's text up to and including the closing one.
        let body = &after[1..1 + consumed];
        line += body.matches('\n').count();
        rest = &after[1 + consumed..];
        match rest.strip_prefix('\n') {
            Some(next) => {
                rest = next;
                line += 1;
            }
            None if rest.is_empty() => {}
            None => return Err(refuse(line, "has text after the closing quote")),
        }
        if value.contains(['\r', '\0']) {
            return Err(refuse(start_line, "holds a carriage return or a NUL"));
        }
        if !seen.insert(name.to_string()) {
            return Err(refuse(
                start_line,
                "sets a variable an earlier line already set",
            ));
        }
        out.push((name.to_string(), SecretBytes::new(value.into_bytes())));
    }
    Ok(out)
}

/// The value of `'...'` (the text after the opening quote) and how many bytes it took,
/// closing quote included, if the writer could have written it.
fn single_quoted(text: &str) -> Result<(String, usize), &'static str> {
    let Some(end) = text.find('\'') else {
        return Err("opens a single quote that never closes");
    };
    let value = &text[..end];
    if value.contains("\\\\") || value.ends_with('\\') {
        return Err(
            "has a `\\` pair or a trailing `\\` inside single quotes, which readers disagree on",
        );
    }
    if value
        .split_once("${")
        .is_some_and(|(_, rest)| rest.contains('}'))
    {
        return Err("has `${...}`, which python-dotenv expands even inside single quotes");
    }
    Ok((value.to_string(), end + 1))
}

/// The value of `"..."` with its two escapes, and the bytes it took.
fn double_quoted(text: &str) -> Result<(String, usize), &'static str> {
    let mut value = String::new();
    let mut chars = text.char_indices();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => {
                // The writer double-quotes only what single quotes cannot carry.
                if !value.contains('\'') && !value.contains("\\\\") && !value.ends_with('\\') {
                    return Err("double-quotes a value that credstore writes in single quotes");
                }
                return Ok((value, i + 1));
            }
            '\\' => match chars.next() {
                Some((_, e @ ('\\' | '"'))) => value.push(e),
                _ => return Err("has an escape other than `\\\\` and `\\\"` in double quotes"),
            },
            '$' | '`' => {
                return Err("has `$` or a backtick in double quotes, which sh expands");
            }
            _ => value.push(c),
        }
    }
    Err("opens a double quote that never closes")
}

fn refuse(line: usize, why: &str) -> TransferError {
    TransferError::Input(format!(
        "line {line} {why}; import --dotenv reads only what `credstore env -f dotenv` writes"
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::export::{Format, render};
    use proptest::prelude::*;

    fn pairs(entries: &[(String, SecretBytes)]) -> Vec<(String, String)> {
        entries
            .iter()
            .map(|(n, v)| (n.clone(), String::from_utf8(v.expose().to_vec()).unwrap()))
            .collect()
    }

    #[test]
    fn reads_what_the_writer_writes() {
        let values = [
            "plain",
            "",
            "it's",
            "multi\nline\n",
            "back\\slash",
            "ends\\",
            "two \\\\ slashes",
            "$HOME `cmd` ${X",
            "quote \" inside",
            "ünïcödé ✓",
        ];
        let secrets: Vec<(String, SecretBytes)> = values
            .iter()
            .enumerate()
            .map(|(i, v)| (format!("V{i}"), SecretBytes::from(*v)))
            .collect();
        let file = render(Format::Dotenv, &secrets).unwrap();
        let read = parse(&file).unwrap();
        assert_eq!(pairs(&read), pairs(&secrets));
        // Without the final newline too.
        assert_eq!(
            pairs(&parse(&file[..file.len() - 1]).unwrap()),
            pairs(&secrets)
        );
    }

    #[test]
    fn refuses_the_rest_with_the_line() {
        for (file, line) in [
            ("A='x'\n# comment\n", 2),
            ("A='x'\n\nB='y'\n", 2),
            ("export A='x'\n", 1),
            ("A=x\n", 1),
            ("A='x\ny'\nB=\"it's $HOME\"\n", 3),
            ("A=\"a\\nb\"\n", 1),
            ("A=\"plain\"\n", 1),
            ("A='x' # c\n", 1),
            ("A='open\n", 1),
            ("A='x'\nA='y'\n", 2),
            ("A='a\rb'\n", 1),
            ("1A='x'\n", 1),
            ("A='${B}'\n", 1),
            ("A='x\\\\'\n", 1),
        ] {
            let err = parse(file.as_bytes()).unwrap_err().to_string();
            assert!(err.starts_with(&format!("line {line} ")), "{file:?}: {err}");
            assert!(!err.contains("HOME"), "no value in {err}");
        }
        assert!(
            parse(b"A='\xff'\n")
                .unwrap_err()
                .to_string()
                .contains("line 1 ")
        );
        assert!(parse(b"").unwrap().is_empty());
    }

    proptest! {
        /// The subset is exact: whatever is accepted is what the writer writes for it.
        #[test]
        fn accepted_files_are_writer_output(text in "([A-Z]{1,2}=|'|\"|\\\\|\\$|`|\n|\\{|\\}|x|#| ){0,24}") {
            if let Ok(entries) = parse(text.as_bytes()) {
                let again = render(Format::Dotenv, &entries).unwrap();
                let text = text.as_bytes();
                let expected = if text.ends_with(b"\n") || text.is_empty() {
                    text.to_vec()
                } else {
                    [text, b"\n"].concat()
                };
                prop_assert_eq!(again, expected);
            }
        }

        /// And everything the writer writes is accepted, back to the same values.
        #[test]
        fn writer_output_reads_back(values in proptest::collection::vec("[^\0]*", 0..5)) {
            let secrets: Vec<(String, SecretBytes)> = values
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("V{i}"), SecretBytes::from(v.as_str())))
                .filter(|(n, v)| render(Format::Dotenv, &[(n.clone(), v.duplicate())]).is_ok())
                .collect();
            let file = render(Format::Dotenv, &secrets).unwrap();
            prop_assert_eq!(pairs(&parse(&file).unwrap()), pairs(&secrets));
        }
    }
}
