//! The dotenv format: quoting that sh, dotenvy and python-dotenv all read back exactly, or a
//! refusal naming why (see [`Format::Dotenv`]).

use crate::model::secret::SecretBytes;

use super::{DotenvRefusal, ExportError, Format, check_env_name, check_no_nul, utf8};

/// Renders `secrets` as [`Format::Dotenv`]; [`super::render`] has checked the names are unique.
pub(super) fn render_dotenv(secrets: &[(String, SecretBytes)]) -> Result<Vec<u8>, ExportError> {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::super::render;
    use super::super::tests::{AWKWARD, SHELLS, pairs, source_in, text};
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeMap;
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::Command;

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
        #[test]
        fn dotenvy_reads_back_or_refused(values in proptest::collection::vec(arb_dotenv_value(), 0..6)) {
            let (accepted, out) = render_dotenv_accepted(&values);
            check_dotenvy(&accepted, &out);
            check_refusal_rule(&values);
        }
    }
}
