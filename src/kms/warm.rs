//! Opening KMS connections ahead of the first Decrypt, so that TCP and TLS to KMS happen
//! while the table is being read instead of after it.
//!
//! The SDK itself says where and how: a KMS request is prepared (endpoint resolved, HTTP
//! request built) and stopped by an interceptor before it is signed, which hands over the
//! endpoint and the very connector (connection pool) the client's requests will use. Then
//! unsigned `GET /` requests open the connections: no KMS operation, no credentials, no
//! signature, nothing a KMS API call would log or cost. Plain-HTTP endpoints (local
//! emulators) are left alone: there is no handshake to save there.

use aws_sdk_kms::config::Intercept;
use aws_sdk_kms::config::interceptors::BeforeTransmitInterceptorContextRef;
use aws_sdk_kms::config::timeout::TimeoutConfig;
use aws_sdk_kms::config::{ConfigBag, RuntimeComponents};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::http::{HttpClient, HttpConnector, HttpConnectorSettings};
use aws_smithy_runtime_api::client::orchestrator::HttpRequest;
use aws_smithy_types::byte_stream::ByteStream;
use aws_smithy_types::config_bag::{Storable, StoreReplace};
use std::sync::{Arc, Mutex};

/// Marks the stopped request in its configuration, so that the call log (`--debug`)
/// does not report it as a KMS call: it never was one.
#[derive(Clone, Debug)]
pub(crate) struct WarmUpOnly;

impl Storable for WarmUpOnly {
    type Storer = StoreReplace<Self>;
}

/// What the stopped request revealed: the endpoint's origin and the client's connector.
#[derive(Default)]
struct Found {
    origin: Option<String>,
    connector: Option<aws_smithy_runtime_api::client::http::SharedHttpConnector>,
}

/// An interceptor that records the request's endpoint and connector, then stops it
/// before signing (so before credentials are resolved and before anything is sent).
#[derive(Clone, Default)]
struct StopBeforeSigning(Arc<Mutex<Found>>);

impl std::fmt::Debug for StopBeforeSigning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StopBeforeSigning")
    }
}

impl Intercept for StopBeforeSigning {
    fn name(&self) -> &'static str {
        "credstore::kms::warm::StopBeforeSigning"
    }

    fn read_before_signing(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        // The same settings the orchestrator derives for this client's requests, so the
        // connector (and its pool) is the one the Decrypts will use.
        let settings = {
            let timeouts = cfg.load::<TimeoutConfig>();
            let mut builder = HttpConnectorSettings::builder();
            builder.set_connect_timeout(timeouts.and_then(TimeoutConfig::connect_timeout));
            builder.set_read_timeout(timeouts.and_then(TimeoutConfig::read_timeout));
            builder.build()
        };
        let uri = context.request().uri();
        let origin = uri
            .split_once("://")
            .map(|(scheme, rest)| {
                let authority = rest.split(['/', '?']).next().unwrap_or_default();
                format!("{scheme}://{authority}/")
            })
            .filter(|o| o.starts_with("https://"));
        cfg.interceptor_state().store_put(WarmUpOnly);
        if let Ok(mut found) = self.0.lock() {
            found.origin = origin;
            found.connector = components
                .http_client()
                .map(|client| client.http_connector(&settings, components));
        }
        Err("stopped before signing (connection warm-up)".into())
    }
}

/// Starts opening up to `connections` connections to `client`'s KMS endpoint in the
/// background and returns at once. Failures are only logged: the real requests open
/// their own connections as usual.
pub(crate) fn open(client: &aws_sdk_kms::Client, connections: usize) {
    // Only on a Tokio runtime (the SDK's); elsewhere there is nothing to warm.
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    if connections == 0 {
        return;
    }
    let client = client.clone();
    runtime.spawn(async move {
        let stop = StopBeforeSigning::default();
        // ListKeys: no input to serialize. It never leaves the process (see above).
        let _ = client
            .list_keys()
            .customize()
            .interceptor(stop.clone())
            .send()
            .await;
        let (origin, connector) = match stop.0.lock() {
            Ok(mut found) => (found.origin.take(), found.connector.take()),
            Err(_) => return,
        };
        let (Some(origin), Some(connector)) = (origin, connector) else {
            return;
        };
        tracing::debug!(
            connections,
            endpoint = %crate::redact::redact_url(&origin),
            "opening KMS connections ahead of the first Decrypt"
        );
        for _ in 0..connections {
            let Ok(request) = HttpRequest::get(&origin) else {
                return;
            };
            let call = connector.call(request);
            tokio::spawn(async move {
                match call.await {
                    // Read to the end, so the connection goes back to the pool.
                    Ok(response) => {
                        let _ = ByteStream::new(response.into_body()).collect().await;
                    }
                    Err(e) => tracing::debug!(error = %e, "KMS connection warm-up failed"),
                }
            });
        }
    });
}
