//! The network stack of the static build (the `static` feature): the SDK's HTTPS client
//! on rustls with ring, names resolved by hickory from /etc/hosts and /etc/resolv.conf.
//!
//! A binary linked with `+crt-static` cannot use glibc's resolver: getaddrinfo loads NSS
//! modules (libnss_files.so...) at run time, and an image built `FROM scratch` has none.
//! Trusted roots are rustls-native-certs' (`SSL_CERT_FILE`, `SSL_CERT_DIR`, then the usual
//! bundle paths such as /etc/ssl/certs/ca-certificates.crt). Tested by tests/it/static_chroot.rs,
//! which runs the static binary in a chroot holding nothing else.

use aws_config::provider_config::ProviderConfig;
use aws_smithy_http_client::tls::{self, rustls_provider::CryptoMode};
use aws_smithy_runtime_api::client::dns::{DnsFuture, ResolveDns, ResolveDnsError};
use aws_smithy_runtime_api::client::http::SharedHttpClient;
use hickory_resolver::config::{NameServerConfigGroup, ResolverConfig};
use hickory_resolver::name_server::TokioConnectionProvider;
use hickory_resolver::{Resolver, TokioResolver};
use std::io;
use std::sync::{Arc, OnceLock};

/// The HTTPS client every AWS client of the process uses (one connection pool per client,
/// one resolver and its cache for all).
pub(crate) fn http_client() -> SharedHttpClient {
    static CLIENT: OnceLock<SharedHttpClient> = OnceLock::new();
    CLIENT
        .get_or_init(|| {
            aws_smithy_http_client::Builder::new()
                .tls_provider(tls::Provider::rustls(CryptoMode::Ring))
                .tls_context(tls_context())
                .build_with_resolver(HostsAndDns)
        })
        .clone()
}

/// The trusted roots: rustls-native-certs' (`SSL_CERT_FILE`, `SSL_CERT_DIR`, the usual bundle
/// paths) when it finds any, else none. The static binary also runs where there is no bundle
/// (`--local`, an `http://` emulator); asking the SDK's client for native roots there makes it
/// assert (in debug builds) that it found some, so with none found, HTTPS fails certificate
/// verification (an unknown issuer) instead.
fn tls_context() -> tls::TlsContext {
    let have_roots = !rustls_native_certs::load_native_certs().certs.is_empty();
    let store = tls::TrustStore::empty().with_native_roots(have_roots);
    // Infallible today (the builder only stores the trust store).
    tls::TlsContext::builder()
        .with_trust_store(store)
        .build()
        .unwrap_or_default()
}

/// `config` with the static build's HTTPS client (credential providers that call AWS
/// themselves: SSO, a profile's assumed role).
pub(crate) fn with_http_client(config: ProviderConfig) -> ProviderConfig {
    config.with_http_client(http_client())
}

/// Resolves with /etc/hosts first, then the nameservers of /etc/resolv.conf, as glibc's
/// default `hosts: files dns` does.
#[derive(Clone, Copy, Debug)]
struct HostsAndDns;

/// The process's resolver, built on first use (inside the runtime), and why
/// /etc/resolv.conf could not be used, if it could not.
struct Shared {
    resolver: TokioResolver,
    no_dns: Option<String>,
}

fn shared() -> &'static Arc<Shared> {
    static SHARED: OnceLock<Arc<Shared>> = OnceLock::new();
    SHARED.get_or_init(|| {
        Arc::new(match Resolver::builder_tokio() {
            Ok(builder) => Shared {
                resolver: builder.build(),
                no_dns: None,
            },
            // No (readable) resolv.conf, as in a bare chroot: /etc/hosts still answers,
            // and any other name fails with this reason instead of a public resolver
            // being picked behind the user's back.
            Err(e) => Shared {
                resolver: Resolver::builder_with_config(
                    ResolverConfig::from_parts(None, vec![], NameServerConfigGroup::new()),
                    TokioConnectionProvider::default(),
                )
                .build(),
                no_dns: Some(e.to_string()),
            },
        })
    })
}

impl ResolveDns for HostsAndDns {
    fn resolve_dns<'a>(&'a self, name: &'a str) -> DnsFuture<'a> {
        DnsFuture::new(async move {
            let shared = shared().clone();
            match shared.resolver.lookup_ip(name).await {
                Ok(ips) => Ok(ips.into_iter().collect()),
                Err(e) => {
                    let why = match &shared.no_dns {
                        Some(reason) => format!(
                            "cannot resolve {name}: not in /etc/hosts, and no DNS server \
                             ({reason})"
                        ),
                        None => format!("cannot resolve {name}: {e}"),
                    };
                    Err(ResolveDnsError::new(io::Error::other(why)))
                }
            }
        })
    }
}
