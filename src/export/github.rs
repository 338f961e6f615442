//! The github format: `$GITHUB_ENV` heredoc blocks and the `::add-mask::` commands that
//! hide the values (see [`Format::Github`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, check_env_name, check_no_nul, check_single_line, utf8};

/// Renders `secrets` as [`Format::Github`]; [`super::render`] has checked the names are unique.
pub(super) fn render_github(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::super::render;
    use super::super::tests::{pairs, text};
    use super::*;
    use proptest::prelude::*;

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
    }
}
