//! One-line descriptions of AWS SDK errors: the service's code and message, or what
//! went wrong on the way, without the SDK's multi-line debug dump.

use crate::cause::Cause;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_dynamodb::config::http::HttpResponse;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use std::error::Error as StdError;

/// Longest description kept; longer source chains are cut.
const MAX_LEN: usize = 300;

/// An answer that did not come from an AWS service: a proxy's or a web server's page, a
/// wrong endpoint. The call interceptor puts it in place of the SDK's parse error.
#[derive(Debug)]
pub(crate) struct NonAwsAnswer {
    /// The service the call was for (the SDK's name: "DynamoDB", "KMS", "STS").
    pub service: String,
    /// The HTTP status of the answer.
    pub status: u16,
    /// Its content type, lower-cased ("" when none).
    pub content_type: String,
    /// Where the request went (`scheme://host[:port]`).
    pub endpoint: String,
}

impl std::fmt::Display for NonAwsAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = if self.content_type.is_empty() {
            "no content type".to_string()
        } else {
            self.content_type.clone()
        };
        let endpoint = if self.endpoint.is_empty() {
            "the endpoint"
        } else {
            &self.endpoint
        };
        let cause = match self.status {
            404 => "a wrong endpoint URL, or a proxy that does not forward AWS requests",
            407 => "a proxy that wants credentials of its own (HTTPS_PROXY)",
            401 | 403 => "a proxy or gateway refusing the request before AWS saw it",
            _ => "an endpoint or proxy that is not AWS",
        };
        write!(
            f,
            "{endpoint} answered HTTP {} ({kind}), which is not a {} answer: likely {cause}; check \
             --endpoint-url / AWS_ENDPOINT_URL, the region and HTTPS_PROXY (`credstore doctor`)",
            self.status, self.service
        )
    }
}

impl StdError for NonAwsAnswer {}

/// The [`NonAwsAnswer`] in `err`'s chain, if any.
fn non_aws_answer<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a NonAwsAnswer> {
    let mut current = err.source();
    while let Some(e) = current {
        if let Some(answer) = e.downcast_ref::<NonAwsAnswer>() {
            return Some(answer);
        }
        current = e.source();
    }
    None
}

/// Describes `err` from `service` ("DynamoDB", "KMS") in one line.
pub(crate) fn describe<E, R>(service: &str, err: &SdkError<E, R>) -> String
where
    E: ProvideErrorMetadata + StdError + 'static,
    R: std::fmt::Debug + 'static,
{
    if let Some(answer) = non_aws_answer(err) {
        return one_line(answer.to_string());
    }
    let text = match err {
        SdkError::ServiceError(_) if err.code().is_some_and(is_throttling) => format!(
            "{service} is throttling requests ({}); retry later, raise --max-attempts, or raise the table's capacity",
            err.code().unwrap_or_default()
        ),
        SdkError::ServiceError(_) => match (err.code(), err.message()) {
            (Some(code), Some(message)) if !message.is_empty() => {
                format!("{service} answered {code}: {message}")
            }
            (Some(code), _) => format!("{service} answered {code}"),
            _ => format!("{service} answered with an error: {}", chain(err)),
        },
        SdkError::TimeoutError(_) => format!("{service} did not answer in time"),
        // The SDK's detail is cut so that what to do always fits in the line.
        SdkError::DispatchFailure(_) if caused_by_credentials(err) => format!(
            "no usable AWS credentials ({}); set them up (environment, profile, SSO or an instance role), or use --local",
            detail(chain(err))
        ),
        SdkError::DispatchFailure(_) => format!(
            "cannot reach {service} ({}); check the network, the region and the endpoint",
            detail(chain(err))
        ),
        SdkError::ResponseError(_) => {
            format!(
                "{service} sent an answer that could not be read ({})",
                chain(err)
            )
        }
        _ => format!("the {service} request failed: {}", chain(err)),
    };
    one_line(text)
}

/// What kind of failure `err` is, for callers deciding whether to retry.
pub(crate) fn cause<E>(err: &SdkError<E, HttpResponse>) -> Cause
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        SdkError::ServiceError(_) if err.code().is_some_and(is_throttling) => Cause::Throttled,
        SdkError::ServiceError(service) if service.raw().status().is_server_error() => {
            Cause::ServerError
        }
        SdkError::TimeoutError(_) => Cause::Timeout,
        SdkError::DispatchFailure(_) if caused_by_credentials(err) => Cause::Credentials,
        SdkError::DispatchFailure(d) if d.is_timeout() => Cause::Timeout,
        SdkError::DispatchFailure(_) => Cause::Unreachable,
        _ => Cause::Other,
    }
}

/// The error as a source to keep in a typed error's chain.
pub(crate) fn boxed<E>(err: SdkError<E, HttpResponse>) -> Box<dyn StdError + Send + Sync>
where
    E: StdError + Send + Sync + 'static,
{
    Box::new(err)
}

/// True for the error codes AWS services use for throttling.
pub(crate) fn is_throttling(code: &str) -> bool {
    code.contains("Throttl")
        || code == "ProvisionedThroughputExceededException"
        || code == "RequestLimitExceeded"
        || code == "LimitExceededException"
}

/// True when the credentials provider failed (no credentials, expired SSO...).
fn caused_by_credentials(err: &(dyn StdError + 'static)) -> bool {
    let mut current = err.source();
    while let Some(e) = current {
        if e.downcast_ref::<CredentialsError>().is_some() {
            return true;
        }
        current = e.source();
    }
    false
}

/// The error's source chain, joined with ": ".
fn chain(err: &dyn StdError) -> String {
    let mut parts = Vec::new();
    let mut current = err.source();
    while let Some(e) = current {
        let text = e.to_string();
        if !text.is_empty() && parts.last() != Some(&text) {
            parts.push(text);
        }
        current = e.source();
    }
    if parts.is_empty() {
        err.to_string()
    } else {
        parts.join(": ")
    }
}

/// The SDK's detail, cut to leave room in the line for what to do.
fn detail(text: String) -> String {
    const DETAIL_LEN: usize = 160;
    if text.chars().count() > DETAIL_LEN {
        let cut: String = text.chars().take(DETAIL_LEN).collect();
        // At a word's end, not inside one.
        let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
        format!("{cut}...")
    } else {
        text
    }
}

fn one_line(text: String) -> String {
    // An endpoint URL in the SDK's chain may carry a password.
    let flat: String = crate::redact::redact_urls_in(&text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if flat.chars().count() > MAX_LEN {
        let cut: String = flat.chars().take(MAX_LEN).collect();
        format!("{cut}...")
    } else {
        flat
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_detail_keeps_the_hint() {
        let text = one_line(format!(
            "no usable AWS credentials ({}); set them up (environment, profile, SSO or an instance role), or use --local",
            detail("y".repeat(2000))
        ));
        assert!(text.ends_with("or use --local"), "{text}");
        assert!(text.chars().count() <= MAX_LEN, "{text}");
    }

    #[test]
    fn a_cut_detail_ends_at_a_word() {
        let text = detail("word ".repeat(100));
        assert!(text.ends_with("word..."), "{text}");
    }

    #[test]
    fn long_and_multiline_text_becomes_one_short_line() {
        let text = one_line(format!("a\nb\r\n{}", "x".repeat(1000)));
        assert!(!text.contains('\n') && !text.contains('\r'));
        assert!(text.chars().count() <= MAX_LEN + 3);
        assert!(text.starts_with("a b  x"));
    }
}
