//! SSM Parameter Store: every parameter under a path (GetParametersByPath, recursive,
//! SecureStrings decrypted by SSM, page by page) for `import --ssm`, and SecureString
//! parameters under a KMS key for `export --to-ssm`.

use aws_sdk_ssm::types::ParameterType;

use super::{Incoming, TransferError};
use crate::backend::{AwsOptions, sdk_config, ssm_client};
use crate::model::secret::SecretBytes;

/// SSM Parameter Store with the command's AWS configuration (region, credentials,
/// endpoint): read by `import --ssm`, written by `export --to-ssm`.
#[derive(Clone, Debug)]
pub struct Ssm(aws_sdk_ssm::Client);

impl Ssm {
    /// A client of SSM for `options`.
    pub async fn connect(options: &AwsOptions) -> Result<Ssm, TransferError> {
        Ok(Ssm(ssm_client(&sdk_config(options).await?)))
    }

    /// `path` as SSM names it: starting with `/`, without a trailing `/` (except `/`).
    pub fn normalize_path(path: &str) -> Result<String, TransferError> {
        let trimmed = path.trim_end_matches('/');
        if !path.starts_with('/') || !trimmed.chars().all(allowed) || trimmed.contains("//") {
            return Err(TransferError::Input(format!(
                "{path:?} is not an SSM parameter path: start it with `/` and use letters, \
                 digits and _ . - /"
            )));
        }
        Ok(if trimmed.is_empty() {
            "/".into()
        } else {
            trimmed.into()
        })
    }

    /// The parameter `PATH/name` for the secret `secret` whose name without `--prefix` is
    /// `name`; an error when SSM cannot name it so.
    pub fn parameter_name(path: &str, name: &str, secret: &str) -> Result<String, TransferError> {
        if name.starts_with('/') || name.contains("//") || !name.chars().all(allowed) {
            return Err(TransferError::Input(format!(
                "secret {secret:?} cannot be an SSM parameter under {path}: parameter names \
                 hold only letters, digits and _ . - / (no empty segments); rename it or leave \
                 it out with --prefix"
            )));
        }
        Ok(format!("{}/{name}", path.trim_end_matches('/')))
    }

    /// `value` as the text of a parameter: UTF-8 and not empty, as SSM requires.
    pub fn check_value<'a>(value: &'a SecretBytes, secret: &str) -> Result<&'a str, TransferError> {
        let Ok(text) = std::str::from_utf8(value.expose()) else {
            return Err(TransferError::Input(format!(
                "secret {secret:?} is not UTF-8, which an SSM parameter cannot hold; leave it \
                 out with --prefix"
            )));
        };
        if text.is_empty() {
            return Err(TransferError::Input(format!(
                "secret {secret:?} is empty, which an SSM parameter cannot be; leave it out \
                 with --prefix"
            )));
        }
        Ok(text)
    }

    /// Every parameter under `path` (recursively), values decrypted, named by the name
    /// rule (`prefix` + the name after `path/`).
    pub async fn read_path(
        &self,
        path: &str,
        prefix: &str,
    ) -> Result<Vec<Incoming>, TransferError> {
        let path = Ssm::normalize_path(path)?;
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = self
                .0
                .get_parameters_by_path()
                .path(&path)
                .recursive(true)
                .with_decryption(true)
                .max_results(PAGE)
                .set_next_token(token.take())
                .send()
                .await
                .map_err(|e| {
                    TransferError::Service(crate::sdk_error::describe(
                        &format!("SSM (GetParametersByPath {path})"),
                        &e,
                    ))
                })?;
            for parameter in page.parameters() {
                let (Some(name), Some(value)) = (parameter.name(), parameter.value()) else {
                    continue;
                };
                let relative = if path == "/" {
                    name.strip_prefix('/')
                } else {
                    name.strip_prefix(path.as_str())
                        .and_then(|rest| rest.strip_prefix('/'))
                };
                let Some(relative) = relative.filter(|r| !r.is_empty()) else {
                    return Err(TransferError::Service(format!(
                        "SSM returned the parameter {name:?}, which is not under {path}"
                    )));
                };
                out.push(Incoming::new(
                    format!("{prefix}{relative}"),
                    format!("parameter {name}"),
                    SecretBytes::from(value),
                ));
            }
            match page.next_token() {
                Some(next) if !next.is_empty() => token = Some(next.to_string()),
                _ => break,
            }
        }
        Ok(out)
    }

    /// Writes `value` as the SecureString parameter `name` under `key_id` (SSM's default
    /// key, `alias/aws/ssm`, when `None`), replacing its value; `secret` names it in errors.
    pub async fn write(
        &self,
        name: &str,
        value: &SecretBytes,
        key_id: Option<&str>,
        secret: &str,
    ) -> Result<(), TransferError> {
        let text = Ssm::check_value(value, secret)?;
        self.0
            .put_parameter()
            .name(name)
            .value(text)
            .r#type(ParameterType::SecureString)
            .set_key_id(key_id.map(str::to_string))
            .overwrite(true)
            .send()
            .await
            .map_err(|e| {
                TransferError::Service(crate::sdk_error::describe(
                    &format!("SSM (PutParameter {name}, for secret {secret:?})"),
                    &e,
                ))
            })?;
        Ok(())
    }
}

/// SSM's largest page of GetParametersByPath.
const PAGE: i32 = 10;

/// The characters SSM allows in a parameter name.
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names() {
        assert_eq!(
            Ssm::normalize_path("/app/prod/").ok().as_deref(),
            Some("/app/prod")
        );
        assert_eq!(Ssm::normalize_path("/").ok().as_deref(), Some("/"));
        for bad in ["app", "/a b", "/a//b", ""] {
            assert!(Ssm::normalize_path(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            Ssm::parameter_name("/app", "db/pass", "db/pass")
                .ok()
                .as_deref(),
            Some("/app/db/pass")
        );
        assert_eq!(
            Ssm::parameter_name("/", "x", "x").ok().as_deref(),
            Some("/x")
        );
        for bad in ["a b", "/x", "a//b", "é"] {
            let err = Ssm::parameter_name("/app", bad, bad)
                .map(|_| ())
                .unwrap_err();
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
    }
}
