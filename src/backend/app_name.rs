//! `app/credstore` in the `User-Agent` header of every AWS request, which is the header
//! CloudTrail records as an event's `userAgent`: so an audit tells credstore's calls
//! from other users of a key. The SDK's app-name setting (set on the shared
//! configuration) puts it in `x-amz-user-agent` only, in the SDK release in use.

use aws_sdk_kms::config::interceptors::BeforeTransmitInterceptorContextMut;
use aws_sdk_kms::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_kms::error::BoxError;

/// The application name credstore's requests carry.
pub(crate) const APP_NAME: &str = "credstore";

/// Appends ` app/credstore` to the `User-Agent` header (after signing: SigV4 does not
/// sign that header), unless it is there already.
#[derive(Debug, Default)]
pub(crate) struct AppNameInUserAgent;

impl Intercept for AppNameInUserAgent {
    fn name(&self) -> &'static str {
        "AppNameInUserAgent"
    }

    fn modify_before_transmit(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let tag = format!("app/{APP_NAME}");
        let headers = context.request_mut().headers_mut();
        let value = match headers.get("user-agent") {
            Some(ua) if ua.split(' ').any(|part| part == tag) => return Ok(()),
            Some(ua) => format!("{ua} {tag}"),
            None => tag,
        };
        headers.insert("user-agent", value);
        Ok(())
    }
}
