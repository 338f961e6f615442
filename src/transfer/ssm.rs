//! SSM Parameter Store: every parameter under a path (GetParametersByPath, recursive,
//! SecureStrings decrypted by SSM, page by page) for `import --ssm`, and SecureString
//! parameters under a KMS key for `export --to-ssm`.

use aws_sdk_ssm::types::ParameterType;

use super::{Incoming, TransferError};
use crate::backend::app_name::AppNameInUserAgent;
use crate::backend::call_log::CallLog;
use crate::backend::{AwsOptions, sdk_config};
use crate::model::secret::SecretBytes;

/// SSM Parameter Store with the command's AWS configuration (region, credentials,
/// endpoint): read by `import --ssm`, written by `export --to-ssm`.
#[derive(Clone, Debug)]
pub struct Ssm(aws_sdk_ssm::Client);

impl Ssm {
    /// A client of SSM for `options`.
    pub async fn connect(options: &AwsOptions) -> Result<Ssm, TransferError> {
        Ok(Ssm(client(options).await?))
    }

    /// `path` as SSM names it: starting with `/`, without a trailing `/` (except `/`).
    pub fn normalize_path(path: &str) -> Result<String, TransferError> {
        normalize_path(path)
    }

    /// The parameter `PATH/name` for the secret `secret` whose name without `--prefix` is
    /// `name`; an error when SSM cannot name it so.
    pub fn parameter_name(path: &str, name: &str, secret: &str) -> Result<String, TransferError> {
        parameter_name(path, name, secret)
    }

    /// `value` as the text of a parameter: UTF-8 and not empty, as SSM requires.
    pub fn check_value<'a>(value: &'a SecretBytes, secret: &str) -> Result<&'a str, TransferError> {
        check_value(value, secret)
    }

    /// Every parameter under `path` (recursively), values decrypted, named by the name
    /// rule (`prefix` + the name after `path/`).
    pub async fn read_path(
        &self,
        path: &str,
        prefix: &str,
    ) -> Result<Vec<Incoming>, TransferError> {
        read_path(&self.0, path, prefix).await
    }

    /// Writes `value` as the SecureString parameter `name` under `key_id` (SSM's default
    /// key when `None`), replacing its value; `secret` names it in errors.
    pub async fn write(
        &self,
        name: &str,
        value: &SecretBytes,
        key_id: Option<&str>,
        secret: &str,
    ) -> Result<(), TransferError> {
        write(&self.0, name, value, key_id, secret).await
    }
}

/// SSM's largest page of GetParametersByPath.
const PAGE: i32 = 10;

/// An SSM client with the command's AWS configuration (region, credentials, endpoint).
async fn client(options: &AwsOptions) -> Result<aws_sdk_ssm::Client, TransferError> {
    let config = sdk_config(options).await?;
    let region = config.region().map(|r| r.to_string()).unwrap_or_default();
    Ok(aws_sdk_ssm::Client::from_conf(
        aws_sdk_ssm::config::Builder::from(&config)
            .interceptor(AppNameInUserAgent)
            .interceptor(CallLog::new(region))
            .build(),
    ))
}

/// `path` as SSM names it: starting with `/`, without a trailing `/` (except `/` itself).
fn normalize_path(path: &str) -> Result<String, TransferError> {
    let trimmed = path.trim_end_matches('/');
    if !path.starts_with('/') || !trimmed.chars().all(allowed) || trimmed.contains("//") {
        return Err(TransferError::Input(format!(
            "{path:?} is not an SSM parameter path: start it with `/` and use letters, digits \
             and _ . - /"
        )));
    }
    Ok(if trimmed.is_empty() {
        "/".into()
    } else {
        trimmed.into()
    })
}

/// The characters SSM allows in a parameter name.
fn allowed(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '/')
}

/// The parameter `PATH/name` for the secret `name` (already without `--prefix`).
fn parameter_name(path: &str, name: &str, secret: &str) -> Result<String, TransferError> {
    if name.starts_with('/') || name.contains("//") || !name.chars().all(allowed) {
        return Err(TransferError::Input(format!(
            "secret {secret:?} cannot be an SSM parameter under {path}: parameter names hold only \
             letters, digits and _ . - / (no empty segments); rename it or leave it out with --prefix"
        )));
    }
    Ok(format!("{}/{name}", path.trim_end_matches('/')))
}

/// Every parameter under `path` (recursively), values decrypted, named by the name rule
/// (`prefix` + the name after `path/`).
async fn read_path(
    client: &aws_sdk_ssm::Client,
    path: &str,
    prefix: &str,
) -> Result<Vec<Incoming>, TransferError> {
    let path = normalize_path(path)?;
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let page = client
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

/// `value` as the text of a parameter: UTF-8 and not empty, as SSM requires.
fn check_value<'a>(value: &'a SecretBytes, secret: &str) -> Result<&'a str, TransferError> {
    let Ok(text) = std::str::from_utf8(value.expose()) else {
        return Err(TransferError::Input(format!(
            "secret {secret:?} is not UTF-8, which an SSM parameter cannot hold; leave it out \
             with --prefix"
        )));
    };
    if text.is_empty() {
        return Err(TransferError::Input(format!(
            "secret {secret:?} is empty, which an SSM parameter cannot be; leave it out with \
             --prefix"
        )));
    }
    Ok(text)
}

/// Writes `value` as the SecureString parameter `name` under `key_id` (SSM's default key,
/// `alias/aws/ssm`, when `None`), replacing its value.
async fn write(
    client: &aws_sdk_ssm::Client,
    name: &str,
    value: &SecretBytes,
    key_id: Option<&str>,
    secret: &str,
) -> Result<(), TransferError> {
    let text = check_value(value, secret)?;
    client
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_names() {
        assert_eq!(
            normalize_path("/app/prod/").ok().as_deref(),
            Some("/app/prod")
        );
        assert_eq!(normalize_path("/").ok().as_deref(), Some("/"));
        for bad in ["app", "/a b", "/a//b", ""] {
            assert!(normalize_path(bad).is_err(), "{bad:?}");
        }
        assert_eq!(
            parameter_name("/app", "db/pass", "db/pass").ok().as_deref(),
            Some("/app/db/pass")
        );
        assert_eq!(parameter_name("/", "x", "x").ok().as_deref(), Some("/x"));
        for bad in ["a b", "/x", "a//b", "é"] {
            let err = parameter_name("/app", bad, bad).map(|_| ()).unwrap_err();
            assert!(err.to_string().contains(&format!("{bad:?}")), "{err}");
        }
    }
}
