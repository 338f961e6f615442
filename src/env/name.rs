//! Environment variable names derived from secret names, with collision checks.
//!
//! `credstore exec`/`env` and the dotenv and shell renderers need a portable
//! variable name (`[A-Za-z_][A-Za-z0-9_]*`) for every secret. Secret names are
//! free-form (`db.password`, `prod/api-key`), so [`env_name`] maps each
//! character outside the portable set to `_`. That mapping is lossy, so two
//! secrets can land on one variable (`db.pass` and `db-pass` both become
//! `DB_PASS`); [`to_env_vars`] and [`assign`] refuse that instead of letting
//! one value silently replace the other.
//!
//! credstash's dotenv output only upper-cased the name (`key.upper()`), which
//! yields names like `DB.PASSWORD` that shells cannot use; credstore replaces
//! such characters.

use std::collections::HashMap;

/// Variables that make a shell, the dynamic loader or a language runtime run code, load
/// libraries or change which program runs, chosen by whoever sets them. A name derived
/// from a secret name (anyone who may `put` chooses it) never sets one of these; only an
/// explicit `--map VAR=NAME` does. Compared without regard to case.
pub const DENIED_VARS: &[&str] = &[
    // Shells: startup files, options, function import, word splitting, prompts.
    "BASH_ENV",
    "ENV",
    "SHELLOPTS",
    "BASHOPTS",
    "IFS",
    "PS1",
    "PS2",
    "PS4",
    "PROMPT_COMMAND",
    "CDPATH",
    "GLOBIGNORE",
    "ZDOTDIR",
    "BASH_XTRACEFD",
    "SHELL",
    // Which program runs.
    "PATH",
    // The C library and loader.
    "GCONV_PATH",
    "GLIBC_TUNABLES",
    "HOSTALIASES",
    "LOCPATH",
    "NLSPATH",
    "MALLOC_CHECK_",
    "RESOLV_HOST_CONF",
    // Interpreters and runtimes.
    "PYTHONPATH",
    "PYTHONSTARTUP",
    "PYTHONHOME",
    "PYTHONINSPECT",
    "PYTHONWARNINGS",
    "PYTHONBREAKPOINT",
    "PYTHONUSERBASE",
    "PYTHONEXECUTABLE",
    "PYTHONPLATLIBDIR",
    "NODE_OPTIONS",
    "NODE_PATH",
    "NODE_REPL_EXTERNAL_MODULE",
    "PERL5OPT",
    "PERL5LIB",
    "PERLLIB",
    "PERL5DB",
    "RUBYOPT",
    "RUBYLIB",
    "JAVA_TOOL_OPTIONS",
    "_JAVA_OPTIONS",
    "JDK_JAVA_OPTIONS",
    "CLASSPATH",
    "PHPRC",
    "PHP_INI_SCAN_DIR",
    "LUA_INIT",
    "LUA_PATH",
    "LUA_CPATH",
    "TCLLIBPATH",
    "R_PROFILE",
    "R_PROFILE_USER",
    // Programs other programs start, and TLS trust and key logging.
    "EDITOR",
    "VISUAL",
    "PAGER",
    "BROWSER",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_EXEC_PATH",
    "GIT_CONFIG_GLOBAL",
    "OPENSSL_CONF",
    "OPENSSL_ENGINES",
    "SSLKEYLOGFILE",
    "SSL_CERT_FILE",
    "SSL_CERT_DIR",
];

/// Prefixes of variable families with the same power: the loader's `LD_*` (LD_PRELOAD,
/// LD_AUDIT, LD_LIBRARY_PATH), macOS's `DYLD_*`, and bash's exported functions.
pub const DENIED_PREFIXES: &[&str] = &["LD_", "DYLD_", "BASH_FUNC_"];

/// True when `var` is one of [`DENIED_VARS`] or starts with one of [`DENIED_PREFIXES`],
/// in any case.
pub fn is_denied(var: &str) -> bool {
    let upper = var.to_ascii_uppercase();
    DENIED_VARS.contains(&upper.as_str()) || DENIED_PREFIXES.iter().any(|p| upper.starts_with(p))
}

/// Checks a variable name derived from a secret's name against the denylist.
pub fn check_derived(secret: &str, var: &str) -> Result<(), EnvNameError> {
    if is_denied(var) {
        return Err(EnvNameError::Denied {
            secret: secret.to_owned(),
            var: var.to_owned(),
        });
    }
    Ok(())
}

/// Why a secret could not be given an environment variable name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnvNameError {
    /// The secret name is empty, so there is nothing to derive a name from.
    #[error(
        "an empty secret name cannot become an environment variable name; give the secret a name"
    )]
    Empty,
    /// A variable name chosen for a secret is not a portable name.
    #[error(
        "`{var}` (for secret `{secret}`) is not a valid environment variable name; \
         use letters, digits and `_`, not starting with a digit"
    )]
    Invalid {
        /// The secret the name was meant for.
        secret: String,
        /// The rejected variable name.
        var: String,
    },
    /// A name derived from a secret's name is on the denylist ([`DENIED_VARS`]).
    #[error(
        "secret `{secret}` would set `{var}`, which makes shells, the loader or interpreters run \
         code; refused (nothing was run). If you trust it, select it explicitly with \
         --map {var}={secret}"
    )]
    Denied {
        /// The secret.
        secret: String,
        /// The variable its name maps to.
        var: String,
    },
    /// Allowlist mode: a derived variable is not among the allowed ones.
    #[error(
        "secret `{secret}` would set `{var}`, which is not in the --allow list; add it there, \
         or select it explicitly with --map {var}={secret}"
    )]
    NotAllowed {
        /// The secret.
        secret: String,
        /// The variable its name maps to.
        var: String,
    },
    /// Two different secrets map to the same variable.
    #[error(
        "secrets `{first}` and `{second}` both map to environment variable `{var}`; \
         rename one of them or select only one"
    )]
    Collision {
        /// The secret that claimed the variable first (in input order).
        first: String,
        /// The later secret that maps to the same variable.
        second: String,
        /// The variable both map to.
        var: String,
    },
}

/// Derives an environment variable name from a secret name.
///
/// Unless `keep_case`, ASCII letters are upper-cased. Every character (Unicode
/// scalar value) outside `[A-Za-z0-9_]` becomes one `_`, so non-ASCII letters
/// are replaced rather than case-mapped (`ß` would otherwise grow into `SS`).
/// A leading digit gets a `_` prefix. The result always satisfies
/// [`is_valid_env_name`], and a name that is already valid (and upper-case,
/// unless `keep_case`) comes back unchanged.
///
/// ```
/// use credstore::env::name::env_name;
/// assert_eq!(env_name("db.password", false).unwrap(), "DB_PASSWORD");
/// assert_eq!(env_name("prod/api-key", true).unwrap(), "prod_api_key");
/// assert_eq!(env_name("1st", false).unwrap(), "_1ST");
/// ```
pub fn env_name(secret_name: &str, keep_case: bool) -> Result<String, EnvNameError> {
    let mut out = String::with_capacity(secret_name.len() + 1);
    if secret_name.starts_with(|c: char| c.is_ascii_digit()) {
        out.push('_');
    }
    for c in secret_name.chars() {
        out.push(match c {
            'a'..='z' if !keep_case => c.to_ascii_uppercase(),
            'A'..='Z' | 'a'..='z' | '0'..='9' | '_' => c,
            _ => '_',
        });
    }
    if out.is_empty() {
        return Err(EnvNameError::Empty);
    }
    Ok(out)
}

/// True for a POSIX portable variable name: `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_valid_env_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Turns `(secret name, value)` pairs into `(variable name, value)` pairs,
/// in input order, naming each with [`env_name`].
///
/// This is the usual entry point for `exec`/`env`: the result can go straight
/// to [`crate::export::render`] with the dotenv or shell format. Fails with
/// [`EnvNameError::Collision`] when two secrets map to one variable (the error
/// names both), with [`EnvNameError::Denied`] when a name maps to a denied
/// variable ([`is_denied`]), and with [`EnvNameError::Empty`] for an empty
/// secret name.
///
/// ```
/// use credstore::env::name::to_env_vars;
/// let vars = to_env_vars(vec![("db.user", "app"), ("db.pass", "pw")], false).unwrap();
/// assert_eq!(vars, vec![("DB_USER".to_string(), "app"), ("DB_PASS".to_string(), "pw")]);
/// assert!(to_env_vars(vec![("a.b", 1), ("a-b", 2)], false).is_err());
/// ```
pub fn to_env_vars<N, V>(
    secrets: impl IntoIterator<Item = (N, V)>,
    keep_case: bool,
) -> Result<Vec<(String, V)>, EnvNameError>
where
    N: AsRef<str>,
{
    let mut named = Vec::new();
    for (secret, value) in secrets {
        let var = env_name(secret.as_ref(), keep_case)?;
        check_derived(secret.as_ref(), &var)?;
        named.push((secret, var, value));
    }
    assign(named)
}

/// Like [`to_env_vars`], but with the variable name chosen by the caller:
/// takes `(secret name, wanted variable, value)` and returns
/// `(variable, value)` in input order.
///
/// Use it when names come from somewhere other than [`env_name`] (say, an
/// explicit `SECRET=VAR` mapping). Each wanted name must satisfy
/// [`is_valid_env_name`] ([`EnvNameError::Invalid`] otherwise), and no two
/// entries may want the same variable ([`EnvNameError::Collision`], naming
/// the first and the second secret that wanted it).
pub fn assign<N, V>(
    entries: impl IntoIterator<Item = (N, String, V)>,
) -> Result<Vec<(String, V)>, EnvNameError>
where
    N: AsRef<str>,
{
    // var -> the secret that claimed it, so a collision can name both.
    let mut claimed: HashMap<String, String> = HashMap::new();
    let mut out = Vec::new();
    for (secret, var, value) in entries {
        let secret = secret.as_ref();
        if !is_valid_env_name(&var) {
            return Err(EnvNameError::Invalid {
                secret: secret.to_owned(),
                var,
            });
        }
        if let Some(first) = claimed.get(&var) {
            return Err(EnvNameError::Collision {
                first: first.clone(),
                second: secret.to_owned(),
                var,
            });
        }
        claimed.insert(var.clone(), secret.to_owned());
        out.push((var, value));
    }
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn maps_punctuation_and_case() {
        assert_eq!(env_name("db.password", false).unwrap(), "DB_PASSWORD");
        assert_eq!(env_name("db.password", true).unwrap(), "db_password");
        assert_eq!(
            env_name("prod/api-key v2", false).unwrap(),
            "PROD_API_KEY_V2"
        );
        assert_eq!(env_name("Mixed_Case9", false).unwrap(), "MIXED_CASE9");
        assert_eq!(env_name("Mixed_Case9", true).unwrap(), "Mixed_Case9");
    }

    #[test]
    fn one_underscore_per_char_including_non_ascii() {
        // 'é' is two bytes but one char; '😀' is four bytes.
        assert_eq!(env_name("café", false).unwrap(), "CAF_");
        assert_eq!(env_name("a😀b", false).unwrap(), "A_B");
        assert_eq!(env_name("straße", false).unwrap(), "STRA_E");
        assert_eq!(env_name("..", false).unwrap(), "__");
    }

    #[test]
    fn leading_digit_is_prefixed() {
        assert_eq!(env_name("1password", false).unwrap(), "_1PASSWORD");
        assert_eq!(env_name("9", true).unwrap(), "_9");
        // A leading non-digit that maps to '_' needs no prefix.
        assert_eq!(env_name("-1", false).unwrap(), "_1");
    }

    #[test]
    fn empty_name_is_an_error() {
        assert_eq!(env_name("", false), Err(EnvNameError::Empty));
    }

    #[test]
    fn validity() {
        for ok in ["A", "_", "_1", "a_b", "ABC123", "x"] {
            assert!(is_valid_env_name(ok), "{ok}");
        }
        for bad in ["", "1A", "A-B", "A.B", "A B", "É", "A=B", "\0"] {
            assert!(!is_valid_env_name(bad), "{bad:?}");
        }
    }

    #[test]
    fn to_env_vars_keeps_order_and_values() {
        let vars = to_env_vars(
            vec![("z.last".to_string(), 1), ("a.first".to_string(), 2)],
            false,
        )
        .unwrap();
        assert_eq!(
            vars,
            vec![("Z_LAST".to_string(), 1), ("A_FIRST".to_string(), 2)]
        );
    }

    #[test]
    fn collision_names_both_secrets() {
        let err =
            to_env_vars(vec![("db.pass", "x"), ("ok", "y"), ("db-pass", "z")], false).unwrap_err();
        assert_eq!(
            err,
            EnvNameError::Collision {
                first: "db.pass".into(),
                second: "db-pass".into(),
                var: "DB_PASS".into(),
            }
        );
        let msg = err.to_string();
        assert!(msg.contains("`db.pass`") && msg.contains("`db-pass`") && msg.contains("DB_PASS"));
    }

    #[test]
    fn case_only_collision_depends_on_keep_case() {
        let pairs = || vec![("foo", 1), ("FOO", 2)];
        assert!(matches!(
            to_env_vars(pairs(), false),
            Err(EnvNameError::Collision { .. })
        ));
        assert_eq!(to_env_vars(pairs(), true).unwrap().len(), 2);
    }

    #[test]
    fn assign_rejects_invalid_wanted_names() {
        let err = assign(vec![("s", "9X".to_string(), ())]).unwrap_err();
        assert_eq!(
            err,
            EnvNameError::Invalid {
                secret: "s".into(),
                var: "9X".into()
            }
        );
        assert!(err.to_string().contains("`9X`"));
        assert_eq!(
            assign(vec![("s", "X9".to_string(), 5)]).unwrap(),
            vec![("X9".to_string(), 5)]
        );
    }

    #[test]
    fn denied_names_are_refused_whatever_the_case() {
        for secret in [
            "bash.env",
            "ld_preload",
            "LD_AUDIT",
            "path",
            "dyld-insert-libraries",
            "node.options",
            "pythonpath",
            "ifs",
            "bash_func_x%%",
        ] {
            let var = env_name(secret, false).unwrap();
            let err = to_env_vars(vec![(secret, ())], false).unwrap_err();
            assert!(
                matches!(&err, EnvNameError::Denied { var: v, .. } if *v == var),
                "{secret}: {err:?}"
            );
            assert!(err.to_string().contains(&format!("--map {var}={secret}")));
            // Kept case does not get around it.
            assert!(to_env_vars(vec![(secret, ())], true).is_err(), "{secret}");
        }
        for ok in ["db.password", "pathology", "ld", "api.env.token", "home"] {
            assert!(to_env_vars(vec![(ok, ())], false).is_ok(), "{ok}");
        }
        // An explicit choice of the variable is not checked: that is what --map is for.
        assert!(assign(vec![("x", "LD_PRELOAD".to_string(), ())]).is_ok());
    }

    #[test]
    fn empty_secret_name_fails_to_env_vars() {
        assert_eq!(to_env_vars(vec![("", 0)], false), Err(EnvNameError::Empty));
    }

    proptest! {
        #[test]
        fn output_is_always_valid(name in "\\PC{1,40}", keep_case: bool) {
            let var = env_name(&name, keep_case).unwrap();
            prop_assert!(is_valid_env_name(&var), "{:?} -> {:?}", name, var);
            // One output char per input char, plus the digit prefix.
            let prefix = usize::from(name.starts_with(|c: char| c.is_ascii_digit()));
            prop_assert_eq!(var.chars().count(), name.chars().count() + prefix);
        }

        #[test]
        fn any_string_never_panics(name in any::<String>(), keep_case: bool) {
            match env_name(&name, keep_case) {
                Ok(var) => prop_assert!(is_valid_env_name(&var)),
                Err(e) => {
                    prop_assert!(name.is_empty());
                    prop_assert_eq!(e, EnvNameError::Empty);
                }
            }
        }

        #[test]
        fn idempotent_on_valid_upper_case(name in "[A-Z_][A-Z0-9_]{0,30}") {
            prop_assert_eq!(env_name(&name, false).unwrap(), name.clone());
            prop_assert_eq!(env_name(&name, true).unwrap(), name);
        }

        #[test]
        fn keep_case_idempotent_on_valid(name in "[A-Za-z_][A-Za-z0-9_]{0,30}") {
            prop_assert_eq!(env_name(&name, true).unwrap(), name);
        }

        #[test]
        fn mapping_is_idempotent(name in "\\PC{1,40}", keep_case: bool) {
            let once = env_name(&name, keep_case).unwrap();
            prop_assert_eq!(env_name(&once, keep_case).unwrap(), once);
        }
    }
}
