//! Who writes: the `created_by` stamped on each new version, looked up at most once (the
//! first write asks; reads and commands that write nothing never do).

use futures::future::BoxFuture;
use std::sync::Arc;
use tokio::sync::OnceCell;

/// Looks the writer up (the AWS backend asks STS `GetCallerIdentity`); an error is one
/// line saying why.
pub(crate) type WriterLookup =
    Arc<dyn Fn() -> BoxFuture<'static, Result<String, String>> + Send + Sync>;

/// The writer's identity, looked up on first use and then kept; shared by the clients a
/// process builds (pass one to [`super::Client::with_writer`]).
pub struct Writer {
    lookup: Option<WriterLookup>,
    found: OnceCell<Result<String, String>>,
}

impl std::fmt::Debug for Writer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Writer")
            .field("found", &self.found.get())
            .finish_non_exhaustive()
    }
}

impl Writer {
    /// A writer looked up by `lookup` when first needed (only the AWS backend asks).
    #[cfg_attr(not(feature = "aws"), allow(dead_code))]
    pub(crate) fn lookup(lookup: WriterLookup) -> Arc<Writer> {
        Arc::new(Writer {
            lookup: Some(lookup),
            found: OnceCell::new(),
        })
    }

    /// A writer known in advance (the embedded backend's local user).
    pub fn known(identity: impl Into<String>) -> Arc<Writer> {
        Arc::new(Writer {
            lookup: None,
            found: OnceCell::new_with(Some(Ok(identity.into()))),
        })
    }

    /// The identity, or why it could not be found (then versions are written without a
    /// `created_by`: metadata is advisory, a write does not fail for it).
    pub async fn identity(&self) -> Result<&str, &str> {
        let found = self
            .found
            .get_or_init(|| async {
                match &self.lookup {
                    Some(lookup) => lookup().await,
                    None => Err("no identity".to_string()),
                }
            })
            .await;
        found.as_deref().map_err(String::as_str)
    }

    /// Why the lookup failed, once it has been tried and failed.
    pub fn failure(&self) -> Option<&str> {
        match self.found.get() {
            Some(Err(e)) => Some(e),
            _ => None,
        }
    }
}
