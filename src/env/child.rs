//! The environment of the process `exec` starts: the caller's (or nothing, with
//! `pristine`) plus the selected secrets, decided here without touching any process.

use crate::env::select::EnvVar;
use crate::error::{Error, Result};
use std::ffi::OsString;

/// How the secrets meet the caller's environment.
#[derive(Clone, Debug, Default)]
#[non_exhaustive]
pub struct ChildOptions {
    /// Start from an empty environment instead of the caller's.
    pub pristine: bool,
    /// With `pristine`, still pass the caller's `PATH`.
    pub keep_path: bool,
    /// Keep a variable the caller already has instead of overriding it.
    pub no_clobber: bool,
}

impl ChildOptions {
    /// Options from the three flags of `exec`.
    pub fn new(pristine: bool, keep_path: bool, no_clobber: bool) -> Self {
        ChildOptions {
            pristine,
            keep_path,
            no_clobber,
        }
    }
}

/// Something the caller may want to tell the user about the environment built.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ChildNote {
    /// The variable was already set and kept (`no_clobber`).
    Kept {
        /// The variable.
        var: String,
    },
    /// A secret replaces a variable of the caller's environment.
    Overrides {
        /// The secret.
        secret: String,
        /// The variable.
        var: String,
    },
}

/// The child's environment: start empty when `clear`, then set `vars` in order.
#[derive(Debug, Default)]
#[non_exhaustive]
pub struct ChildEnv {
    /// Start from an empty environment.
    pub clear: bool,
    /// Variables to set (the secrets, and `PATH` when kept in a pristine environment).
    pub vars: Vec<(String, OsString)>,
    /// What to report.
    pub notes: Vec<ChildNote>,
}

/// Builds the child's environment from the resolved secrets. `current` reads a variable
/// of the caller's environment. A value with a NUL byte cannot be a variable: an error,
/// so nothing is launched.
pub fn child_env(
    secrets: &[EnvVar],
    options: &ChildOptions,
    current: impl Fn(&str) -> Option<OsString>,
) -> Result<ChildEnv> {
    let mut env = ChildEnv {
        clear: options.pristine,
        ..ChildEnv::default()
    };
    if options.pristine && options.keep_path {
        if let Some(path) = current("PATH") {
            env.vars.push(("PATH".to_string(), path));
        }
    }
    for v in secrets {
        if v.value.expose().contains(&0) {
            return Err(Error::InvalidInput(format!(
                "secret {:?} contains a NUL byte and cannot be an environment variable; nothing was run",
                v.secret
            )));
        }
        let exists = !options.pristine && current(&v.var).is_some();
        if exists && options.no_clobber {
            env.notes.push(ChildNote::Kept { var: v.var.clone() });
            continue;
        }
        if exists {
            env.notes.push(ChildNote::Overrides {
                secret: v.secret.clone(),
                var: v.var.clone(),
            });
        }
        env.vars.push((v.var.clone(), os_string(v.value.expose())));
    }
    Ok(env)
}

#[cfg(unix)]
fn os_string(bytes: &[u8]) -> OsString {
    <std::ffi::OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(bytes).to_owned()
}

#[cfg(not(unix))]
fn os_string(bytes: &[u8]) -> OsString {
    String::from_utf8_lossy(bytes).into_owned().into()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // a failed unwrap is a failed test
mod tests {
    use super::*;
    use crate::model::secret::SecretBytes;

    fn var(var: &str, secret: &str, value: &[u8]) -> EnvVar {
        EnvVar {
            var: var.into(),
            secret: secret.into(),
            version: "1".into(),
            value: SecretBytes::new(value.to_vec()),
        }
    }

    fn caller(name: &str) -> Option<OsString> {
        match name {
            "PATH" => Some("/usr/bin".into()),
            "HOME" => Some("/root".into()),
            _ => None,
        }
    }

    #[test]
    fn inherits_and_reports_overrides() {
        let secrets = [var("HOME", "home", b"/x"), var("DB", "db", b"pw")];
        let env = child_env(&secrets, &ChildOptions::default(), caller).unwrap();
        assert!(!env.clear);
        assert_eq!(env.vars.len(), 2);
        assert_eq!(
            env.notes,
            vec![ChildNote::Overrides {
                secret: "home".into(),
                var: "HOME".into()
            }]
        );
        let kept = child_env(&secrets, &ChildOptions::new(false, false, true), caller).unwrap();
        assert_eq!(kept.vars, vec![("DB".to_string(), OsString::from("pw"))]);
        assert_eq!(kept.notes, vec![ChildNote::Kept { var: "HOME".into() }]);
    }

    #[test]
    fn pristine_keeps_only_path_when_asked() {
        let secrets = [var("HOME", "home", b"/x")];
        let env = child_env(&secrets, &ChildOptions::new(true, true, false), caller).unwrap();
        assert!(env.clear && env.notes.is_empty());
        assert_eq!(
            env.vars[0],
            ("PATH".to_string(), OsString::from("/usr/bin"))
        );
        let bare = child_env(&secrets, &ChildOptions::new(true, false, false), caller).unwrap();
        assert_eq!(bare.vars.len(), 1);
    }

    #[test]
    fn nul_is_refused_naming_the_secret() {
        let err = child_env(
            &[var("A", "a.b", b"x\0HUNTER2")],
            &ChildOptions::default(),
            caller,
        )
        .unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains("\"a.b\"") && !msg.contains("HUNTER2"), "{msg}");
    }
}
