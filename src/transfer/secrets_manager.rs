//! Secrets Manager for `import --secrets-manager`: secrets by exact name, or every secret
//! whose name starts with a prefix (`prefix*`: ListSecrets, then GetSecretValue each).

use aws_sdk_secretsmanager::types::{Filter, FilterNameStringType};

use super::{Incoming, TransferError, bounded};
use crate::backend::{AwsOptions, sdk_config, secrets_manager_client};
use crate::model::secret::SecretBytes;

/// Secrets Manager with the command's AWS configuration, read by
/// `import --secrets-manager`.
#[derive(Clone, Debug)]
pub struct SecretsManager(aws_sdk_secretsmanager::Client);

impl SecretsManager {
    /// A client of Secrets Manager for `options`.
    pub async fn connect(options: &AwsOptions) -> Result<SecretsManager, TransferError> {
        Ok(SecretsManager(secrets_manager_client(
            &sdk_config(options).await?,
        )))
    }

    /// The current value (`AWSCURRENT`) of every secret `selectors` name: an exact name,
    /// or a prefix ending in `*`. Each is stored as `prefix` + its whole Secrets Manager
    /// name. A selector that matches nothing is an error, so a typo imports nothing
    /// silently.
    pub async fn read(
        &self,
        selectors: &[String],
        prefix: &str,
    ) -> Result<Vec<Incoming>, TransferError> {
        read(&self.0, selectors, prefix).await
    }
}

/// GetSecretValue calls in flight.
const IN_FLIGHT: usize = 8;

/// [`SecretsManager::read`] with `client`.
async fn read(
    client: &aws_sdk_secretsmanager::Client,
    selectors: &[String],
    prefix: &str,
) -> Result<Vec<Incoming>, TransferError> {
    let mut names = Vec::new();
    for selector in selectors {
        match selector.strip_suffix('*') {
            Some(start) => {
                let found = list(client, start).await?;
                if found.is_empty() {
                    return Err(TransferError::Input(format!(
                        "no secret in Secrets Manager starts with {start:?}; check the prefix \
                         and the region"
                    )));
                }
                names.extend(found);
            }
            None => names.push(selector.clone()),
        }
    }
    names.sort();
    names.dedup();
    let results = bounded(names, IN_FLIGHT, |name| async move {
        let answer = client
            .get_secret_value()
            .secret_id(&name)
            .send()
            .await
            .map_err(|e| {
                TransferError::Service(crate::sdk_error::describe(
                    &format!("Secrets Manager (GetSecretValue {name})"),
                    &e,
                ))
            })?;
        let value = match (answer.secret_string(), answer.secret_binary()) {
            (Some(text), _) => SecretBytes::from(text),
            (None, Some(blob)) => SecretBytes::new(blob.as_ref().to_vec()),
            (None, None) => {
                return Err(TransferError::Service(format!(
                    "Secrets Manager returned no value for {name:?}"
                )));
            }
        };
        Ok(Incoming::new(
            format!("{prefix}{name}"),
            format!("Secrets Manager secret {name}"),
            value,
        ))
    })
    .await;
    results.into_iter().collect()
}

/// The names of the secrets starting with `start` (case-sensitively: the service's name
/// filter ignores case), not scheduled for deletion.
async fn list(
    client: &aws_sdk_secretsmanager::Client,
    start: &str,
) -> Result<Vec<String>, TransferError> {
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut request = client.list_secrets().set_next_token(token.take());
        if !start.is_empty() {
            request = request.filters(
                Filter::builder()
                    .key(FilterNameStringType::Name)
                    .values(start)
                    .build(),
            );
        }
        let page = request.send().await.map_err(|e| {
            TransferError::Service(crate::sdk_error::describe(
                "Secrets Manager (ListSecrets)",
                &e,
            ))
        })?;
        for entry in page.secret_list() {
            if entry.deleted_date().is_some() {
                continue;
            }
            if let Some(name) = entry.name().filter(|n| n.starts_with(start)) {
                out.push(name.to_string());
            }
        }
        match page.next_token() {
            Some(next) if !next.is_empty() => token = Some(next.to_string()),
            _ => break,
        }
    }
    Ok(out)
}
