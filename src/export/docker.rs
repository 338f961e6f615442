//! The docker format: `NAME=value` lines for `--env-file` (see [`Format::Docker`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, check_env_name, check_no_nul, check_single_line, utf8};

/// Renders `secrets` as [`Format::Docker`]; [`super::render`] has checked the names are unique.
pub(super) fn render_docker(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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
    use super::super::render;
    use super::super::tests::text;
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
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
