//! The shell format: `export NAME='value'` lines for POSIX `sh` (see [`Format::Shell`]).

use crate::model::secret::SecretBytes;

use super::{ExportError, Format, check_env_name, check_no_nul};

/// Renders `secrets` as [`Format::Shell`]; [`super::render`] has checked the names are unique.
pub(super) fn render_shell(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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
    use super::super::render;
    use super::super::tests::{AWKWARD, pairs, source_in, text};
    use super::*;
    use proptest::prelude::*;

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

    fn arb_env_entries() -> impl Strategy<Value = Vec<(String, String)>> {
        proptest::collection::btree_map("[A-Z_][A-Z0-9_]{0,8}", "[^\0]*", 0..6)
            .prop_map(|m| m.into_iter().collect())
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

    proptest! {
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
}
