//! What credstore watches on every AWS call: `--debug`'s one line per call (the SDK's
//! own events stay off unless RUST_LOG asks for them): service, operation, region,
//! endpoint, attempts, HTTP status and duration, never a body; and answers that are not
//! AWS's (a proxy's 404, an HTML page), turned into an error that says so.

use crate::sdk_error::NonAwsAnswer;
use aws_sdk_dynamodb::config::interceptors::{
    BeforeSerializationInterceptorContextRef, BeforeTransmitInterceptorContextRef,
    FinalizerInterceptorContextMut, FinalizerInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::orchestrator::{Metadata, OrchestratorError};
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use std::time::Instant;

/// The tracing target of the call lines (`RUST_LOG=credstore::aws=debug` alone).
pub(crate) const TARGET: &str = "credstore::aws";

/// Logs each call of the client it is added to, in the region it was made for.
#[derive(Debug, Clone)]
pub(crate) struct CallLog {
    region: String,
}

impl CallLog {
    /// A log of the calls of a client of `region`.
    pub(crate) fn new(region: impl Into<String>) -> Self {
        CallLog {
            region: region.into(),
        }
    }
}

/// What one call has done so far, kept in the call's own configuration bag.
#[derive(Debug, Clone)]
struct CallState {
    started: Instant,
    attempts: u32,
    endpoint: String,
}

impl Storable for CallState {
    type Storer = StoreReplace<Self>;
}

impl Intercept for CallLog {
    fn name(&self) -> &'static str {
        "credstore::CallLog"
    }

    fn read_before_execution(
        &self,
        _context: &BeforeSerializationInterceptorContextRef<'_>,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        cfg.interceptor_state().store_put(CallState {
            started: Instant::now(),
            attempts: 0,
            endpoint: String::new(),
        });
        Ok(())
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        if let Some(state) = cfg.load::<CallState>() {
            let mut state = state.clone();
            state.attempts += 1;
            state.endpoint = endpoint_of(context.request().uri());
            cfg.interceptor_state().store_put(state);
        }
        Ok(())
    }

    fn modify_before_completion(
        &self,
        context: &mut FinalizerInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(response) = context.response() else {
            return Ok(());
        };
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get("content-type")
            .unwrap_or_default()
            .to_ascii_lowercase();
        // AWS answers in JSON (DynamoDB, KMS) or XML (STS). A 5xx stays what it is: an
        // outage to retry or fail over from, whoever sent it.
        let aws_like = content_type.contains("json") || content_type.contains("xml");
        if aws_like
            || (500..600).contains(&status)
            || (200..300).contains(&status) && !failed(context)
        {
            return Ok(());
        }
        let service = cfg
            .load::<Metadata>()
            .map_or("AWS", |m| m.service())
            .to_string();
        let endpoint = cfg
            .load::<CallState>()
            .map(|s| s.endpoint.clone())
            .unwrap_or_default();
        let answer = NonAwsAnswer {
            service,
            status,
            content_type,
            endpoint,
        };
        if let Some(result) = context.output_or_error_mut() {
            *result = Err(OrchestratorError::response(Box::new(answer)));
        }
        Ok(())
    }

    fn read_after_execution(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(state) = cfg.load::<CallState>() else {
            return Ok(());
        };
        let (service, operation) = cfg
            .load::<Metadata>()
            .map_or(("?", "?"), |m| (m.service(), m.name()));
        let status = match context.response() {
            Some(response) => response.status().as_u16().to_string(),
            None => "no answer".to_string(),
        };
        let failed = matches!(context.output_or_error(), Some(Err(_)));
        tracing::debug!(
            target: TARGET,
            "{service} {operation} region={} endpoint={} attempts={} status={status}{} {} ms",
            self.region,
            if state.endpoint.is_empty() { "-" } else { &state.endpoint },
            state.attempts,
            if failed { " (failed)" } else { "" },
            state.started.elapsed().as_millis(),
        );
        Ok(())
    }
}

/// True when the call ended in an error.
fn failed(context: &FinalizerInterceptorContextMut<'_>) -> bool {
    matches!(context.output_or_error(), Some(Err(_)))
}

/// `scheme://host[:port]` of a request URI: no path or query, a password hidden.
fn endpoint_of(uri: &str) -> String {
    let (scheme, rest) = uri.split_once("://").unwrap_or(("", uri));
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if scheme.is_empty() {
        authority
            .rsplit_once('@')
            .map_or(authority, |(_, h)| h)
            .to_string()
    } else {
        crate::redact::redact_url(&format!("{scheme}://{authority}")).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoint_has_no_path_query_or_password() {
        assert_eq!(
            endpoint_of("https://user:pw@dynamodb.us-east-1.amazonaws.com/?x=1"),
            "https://***@dynamodb.us-east-1.amazonaws.com"
        );
        assert_eq!(
            endpoint_of("http://127.0.0.1:5000/"),
            "http://127.0.0.1:5000"
        );
    }
}
