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

/// One family of variables a derived name must never set: what setting one lets its
/// author do, where that behaviour is documented, the names and the name prefixes.
#[derive(Debug)]
pub(crate) struct DeniedFamily {
    /// What setting one of them does (the error says it).
    pub effect: &'static str,
    /// Where the behaviour is documented (the list's citation: read by its tests and by
    /// whoever extends it, never by the code that decides).
    #[allow(dead_code)]
    pub source: &'static str,
    /// Exact names (upper case; compared without regard to case).
    pub vars: &'static [&'static str],
    /// Name prefixes (upper case).
    pub prefixes: &'static [&'static str],
}

/// The denylist, by family. A name derived from a secret name (anyone who may `put`
/// chooses it) never sets one of these; only an explicit `--map VAR=NAME` does. A
/// denylist cannot be complete (any program may read any variable): production
/// entrypoints should use allowlist mode (`--allow`), where only listed variables are set.
pub(crate) const DENIED: &[DeniedFamily] = &[
    DeniedFamily {
        effect: "makes a shell run code or change how it parses commands",
        source: "bash(1) ENVIRONMENT and Shell Variables; dash(1); zsh(1) STARTUP FILES",
        vars: &[
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
            "INPUTRC",
        ],
        prefixes: &["BASH_FUNC_"],
    },
    DeniedFamily {
        effect: "chooses which program runs",
        source: "execvp(3) (PATH); Windows CreateProcess (PATHEXT)",
        vars: &["PATH", "PATHEXT"],
        prefixes: &[],
    },
    DeniedFamily {
        effect: "makes the dynamic loader or the C library load code or files",
        source: "ld.so(8); glibc's unsecure environment list (unsecvars.h); dyld(1)",
        vars: &[
            "GCONV_PATH",
            "GLIBC_TUNABLES",
            "HOSTALIASES",
            "LOCALDOMAIN",
            "LOCPATH",
            "NLSPATH",
            "MALLOC_CHECK_",
            "MALLOC_TRACE",
            "RES_OPTIONS",
            "RESOLV_HOST_CONF",
            "TZDIR",
        ],
        prefixes: &["LD_", "DYLD_"],
    },
    DeniedFamily {
        effect: "makes an interpreter or runtime load or run code",
        source: "python(1) ENVIRONMENT; node --help (Environment variables); perlrun(1); \
                 ruby(1); the JDK's java launcher; php.ini(5); lua(1); R Startup",
        vars: &[
            "PYTHONPATH",
            "PYTHONSTARTUP",
            "PYTHONHOME",
            "PYTHONINSPECT",
            "PYTHONWARNINGS",
            "PYTHONBREAKPOINT",
            "PYTHONUSERBASE",
            "PYTHONEXECUTABLE",
            "PYTHONPLATLIBDIR",
            "PYTHONSAFEPATH",
            "NODE_OPTIONS",
            "NODE_PATH",
            "NODE_REPL_EXTERNAL_MODULE",
            "PERL5OPT",
            "PERL5LIB",
            "PERLLIB",
            "PERL5DB",
            "PERL5SHELL",
            "RUBYOPT",
            "RUBYLIB",
            "RUBYSHELL",
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
            "R_ENVIRON",
            "R_ENVIRON_USER",
        ],
        prefixes: &[],
    },
    DeniedFamily {
        effect: "names a command that git, ssh, make, less, man or other programs run",
        source: "git(1) ENVIRONMENT VARIABLES; ssh(1) ENVIRONMENT; make(1) and the GNU make \
                 manual (MAKEFLAGS may carry SHELL=); less(1) INPUT PREPROCESSOR; man(1); sudo(8)",
        vars: &[
            "EDITOR",
            "VISUAL",
            "PAGER",
            "BROWSER",
            "MANPAGER",
            "MANOPT",
            "LESS",
            "LESSOPEN",
            "LESSCLOSE",
            "LESSEDIT",
            "LESSKEY",
            "LESSKEYIN",
            "GIT_SSH",
            "GIT_SSH_COMMAND",
            "GIT_EXTERNAL_DIFF",
            "GIT_ASKPASS",
            "GIT_EDITOR",
            "GIT_PAGER",
            "GIT_SEQUENCE_EDITOR",
            "GIT_PROXY_COMMAND",
            "GIT_EXEC_PATH",
            "GIT_TEMPLATE_DIR",
            "GIT_DIR",
            "GIT_WORK_TREE",
            "SSH_ASKPASS",
            "SSH_ASKPASS_REQUIRE",
            "SUDO_ASKPASS",
            "MAKEFLAGS",
            "MFLAGS",
            "GNUMAKEFLAGS",
            "MAKEFILES",
            "MAKESHELL",
            "CC",
            "CXX",
            "CPP",
        ],
        // GIT_CONFIG_PARAMETERS, GIT_CONFIG_COUNT with GIT_CONFIG_KEY_n/_VALUE_n, and the
        // config file variables: any git setting (core.fsmonitor, core.sshCommand...).
        prefixes: &["GIT_CONFIG"],
    },
    DeniedFamily {
        effect: "changes how a build tool or package manager builds, fetches or runs code",
        source: "go help environment (GOFLAGS -toolexec, GOTOOLCHAIN); cargo's Environment \
                 Variables (CARGO_*, RUSTC_WRAPPER); npm-config(7) (npm_config_*); pip's \
                 Configuration (PIP_*)",
        vars: &[
            "GOFLAGS",
            "GOENV",
            "GOTOOLCHAIN",
            "GOROOT",
            "GOPROXY",
            "GONOSUMDB",
            "GONOSUMCHECK",
            "GOINSECURE",
            "GOPRIVATE",
            "GONOPROXY",
            "RUSTC",
            "RUSTC_WRAPPER",
            "RUSTC_WORKSPACE_WRAPPER",
            "RUSTDOC",
            "RUSTFLAGS",
            "RUSTDOCFLAGS",
            "RUSTUP_HOME",
            "RUSTUP_TOOLCHAIN",
        ],
        // Cargo's configuration by variable: the build and target sections (wrappers,
        // runners, linkers), aliases (commands), registries, sources and the network;
        // CARGO_REGISTRY_TOKEN stays exportable (a token, not a command or a host).
        prefixes: &[
            "CARGO_BUILD_",
            "CARGO_TARGET_",
            "CARGO_ALIAS_",
            "CARGO_HOME",
            "CARGO_HOST_",
            "CARGO_HTTP_",
            "CARGO_NET_",
            "CARGO_REGISTRIES_",
            "CARGO_SOURCE_",
            "CARGO_UNSTABLE_",
            "CGO_",
            "NPM_CONFIG_",
            "PIP_",
        ],
    },
    DeniedFamily {
        effect: "changes which TLS certificates are trusted, or logs TLS keys",
        source: "openssl-env(7); Node.js CLI docs (NODE_TLS_REJECT_UNAUTHORIZED, \
                 NODE_EXTRA_CA_CERTS); requests and curl CA bundle settings; the AWS SDKs' \
                 AWS_CA_BUNDLE; git-config(1) http.sslVerify",
        vars: &[
            "SSL_CERT_FILE",
            "SSL_CERT_DIR",
            "SSLKEYLOGFILE",
            "OPENSSL_CONF",
            "OPENSSL_ENGINES",
            "OPENSSL_MODULES",
            "NODE_TLS_REJECT_UNAUTHORIZED",
            "NODE_EXTRA_CA_CERTS",
            "REQUESTS_CA_BUNDLE",
            "CURL_CA_BUNDLE",
            "AWS_CA_BUNDLE",
            "PYTHONHTTPSVERIFY",
            "GIT_SSL_NO_VERIFY",
            "GIT_SSL_CAINFO",
            "GIT_SSL_CAPATH",
        ],
        prefixes: &[],
    },
    DeniedFamily {
        effect: "sends a program's requests (and its credentials) through another host",
        source: "curl(1) ENVIRONMENT (the proxy variables, read by most HTTP clients); the AWS \
                 SDKs' service-specific endpoints (AWS_ENDPOINT_URL_*); docker(1) DOCKER_HOST",
        vars: &[
            "HTTP_PROXY",
            "HTTPS_PROXY",
            "ALL_PROXY",
            "FTP_PROXY",
            "NO_PROXY",
            "DOCKER_HOST",
            "AWS_EC2_METADATA_SERVICE_ENDPOINT",
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        ],
        prefixes: &["AWS_ENDPOINT_URL"],
    },
    DeniedFamily {
        effect: "points a tool at another configuration or credentials file (which may name \
                 a command to run, such as credential_process or a kubeconfig exec plugin)",
        source: "the AWS CLI's Configuration and credential file settings; git-config(1) FILES \
                 ($HOME, $XDG_CONFIG_HOME); ssh_config(5); kubectl's kubeconfig; docker(1) \
                 DOCKER_CONFIG; gpg(1) GNUPGHOME; curl(1) CURL_HOME",
        vars: &[
            "HOME",
            "XDG_CONFIG_HOME",
            "XDG_CONFIG_DIRS",
            "AWS_CONFIG_FILE",
            "AWS_SHARED_CREDENTIALS_FILE",
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "KUBECONFIG",
            "DOCKER_CONFIG",
            "GNUPGHOME",
            "CURL_HOME",
            "WGETRC",
            "NETRC",
        ],
        prefixes: &[],
    },
];

/// The family `var` belongs to, if it is denied (compared without regard to case).
pub(crate) fn denied_family(var: &str) -> Option<&'static DeniedFamily> {
    let upper = var.to_ascii_uppercase();
    DENIED.iter().find(|f| {
        f.vars.contains(&upper.as_str()) || f.prefixes.iter().any(|p| upper.starts_with(p))
    })
}

/// True when allowlist mode lets a derived `var` through: it is one of `allow`, or
/// starts with an entry that ends in `*` (`APP_*` allows every variable starting
/// with `APP_`). The denylist applies first, whatever the allowlist says.
pub(crate) fn is_allowed<'a>(allow: impl IntoIterator<Item = &'a String>, var: &str) -> bool {
    allow
        .into_iter()
        .any(|entry| match entry.strip_suffix('*') {
            Some(prefix) => var.starts_with(prefix),
            None => entry == var,
        })
}

/// Checks a variable name derived from a secret's name against the denylist.
pub(crate) fn check_derived(secret: &str, var: &str) -> Result<(), EnvNameError> {
    if let Some(family) = denied_family(var) {
        return Err(EnvNameError::Denied {
            secret: secret.to_owned(),
            var: var.to_owned(),
            effect: family.effect,
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
    /// A name derived from a secret's name is on the denylist (`DENIED`).
    #[error(
        "secret `{secret}` would set `{var}`, which {effect}; refused (nothing was run). \
         Leave it out with --exclude '{secret}', or, with env or exec, if you trust it, set \
         the variable explicitly with --map {var}={secret}"
    )]
    Denied {
        /// The secret.
        secret: String,
        /// The variable its name maps to.
        var: String,
        /// What setting the variable does (its `DeniedFamily::effect`).
        effect: &'static str,
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
/// // Through the public entry point, `credstore::env::to_env_vars`:
/// use credstore::env::to_env_vars;
/// let name = |secret, keep_case| to_env_vars([(secret, ())], keep_case).unwrap()[0].0.clone();
/// assert_eq!(name("db.password", false), "DB_PASSWORD");
/// assert_eq!(name("prod/api-key", true), "prod_api_key");
/// assert_eq!(name("1st", false), "_1ST");
/// ```
pub(crate) fn env_name(secret_name: &str, keep_case: bool) -> Result<String, EnvNameError> {
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
pub(crate) fn is_valid_env_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(b) if b.is_ascii_alphabetic() || b == b'_' => {}
        _ => return false,
    }
    bytes.all(|b| b.is_ascii_alphanumeric() || b == b'_')
}

/// Turns `(secret name, value)` pairs into `(variable name, value)` pairs,
/// in input order, naming each with `env_name`.
///
/// This is the usual entry point for `exec`/`env`: the result can go straight
/// to [`crate::export::render`] with the dotenv or shell format. Fails with
/// [`EnvNameError::Collision`] when two secrets map to one variable (the error
/// names both), with [`EnvNameError::Denied`] when a name maps to a denied
/// variable (`DENIED`), and with [`EnvNameError::Empty`] for an empty
/// secret name.
///
/// ```
/// use credstore::env::to_env_vars;
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
pub(crate) fn assign<N, V>(
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
        for ok in [
            "db.password",
            "pathology",
            "ld",
            "api.env.token",
            "homepage",
        ] {
            assert!(to_env_vars(vec![(ok, ())], false).is_ok(), "{ok}");
        }
        // An explicit choice of the variable is not checked: that is what --map is for.
        assert!(assign(vec![("x", "LD_PRELOAD".to_string(), ())]).is_ok());
    }

    /// Issue 21's finding 3, by family: each name ran a payload or was exported silently.
    #[test]
    fn every_family_of_the_denylist_is_refused() {
        let families: [(&str, &[&str]); 9] = [
            ("shell", &["bash_env", "prompt_command", "BASH_FUNC_ls%%"]),
            ("program", &["path", "pathext"]),
            (
                "loader",
                &["ld_preload", "dyld_insert_libraries", "glibc_tunables"],
            ),
            (
                "interpreter",
                &["node_options", "pythonstartup", "perl5opt"],
            ),
            (
                "command-bearing",
                &[
                    "git_config_parameters",
                    "git_config_count",
                    "git_config_key_0",
                    "git_config_value_0",
                    "git_external_diff",
                    "git_askpass",
                    "ssh_askpass",
                    "makeflags",
                    "lessopen",
                    "manpager",
                ],
            ),
            (
                "build tools",
                &[
                    "goflags",
                    "rustc_wrapper",
                    "cargo_target_x86_64_unknown_linux_gnu_runner",
                    "cargo_alias_b",
                    "npm_config_script_shell",
                    "pip_index_url",
                ],
            ),
            (
                "tls",
                &[
                    "node_tls_reject_unauthorized",
                    "ssl_cert_file",
                    "aws_ca_bundle",
                ],
            ),
            (
                "proxies and endpoints",
                &[
                    "https_proxy",
                    "http_proxy",
                    "all_proxy",
                    "aws_endpoint_url",
                    "aws_endpoint_url_kms",
                ],
            ),
            ("config files", &["home", "aws_config_file", "kubeconfig"]),
        ];
        for (family, names) in families {
            for secret in names {
                let var = env_name(secret, false).unwrap();
                let err = check_derived(secret, &var).unwrap_err();
                assert!(
                    matches!(&err, EnvNameError::Denied { .. }),
                    "{family}: {secret}"
                );
            }
        }
        for family in DENIED {
            assert!(!family.source.is_empty() && !family.effect.is_empty());
            assert!(!family.vars.is_empty() || !family.prefixes.is_empty());
            for var in family.vars.iter().chain(family.prefixes) {
                assert_eq!(*var, var.to_ascii_uppercase(), "{var}");
            }
        }
        // The secrets people do inject stay exportable.
        for ok in [
            "AWS_ACCESS_KEY_ID",
            "AWS_SECRET_ACCESS_KEY",
            "AWS_SESSION_TOKEN",
            "GITHUB_TOKEN",
            "GIT_TOKEN",
            "NPM_TOKEN",
            "CARGO_REGISTRY_TOKEN",
            "DATABASE_URL",
            "HOMEPAGE_URL",
        ] {
            assert!(check_derived(ok, ok).is_ok(), "{ok}");
        }
    }

    #[test]
    fn allowlist_entries_ending_in_a_star_allow_a_prefix() {
        let allow: Vec<String> = vec!["APP_*".into(), "DB_PASSWORD".into()];
        assert!(is_allowed(&allow, "APP_TOKEN"));
        assert!(is_allowed(&allow, "APP_"));
        assert!(is_allowed(&allow, "DB_PASSWORD"));
        assert!(!is_allowed(&allow, "DB_PASSWORD2"));
        assert!(!is_allowed(&allow, "XAPP_TOKEN"));
        assert!(!is_allowed(&allow, "app_token"));
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
