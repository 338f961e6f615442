//! The leaf kinds of failure every layer shares: [`ErrorKind`] (one per exit code of the
//! CLI) and [`Cause`] (why a call to a service failed, for retry and failover decisions).
//! Module errors point down to these; the crate's [`crate::Error`] sums them up.

/// The broad class of an error; the CLI maps each to a documented exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Invalid input from the caller (exit 2).
    Usage,
    /// No such secret or version (exit 3).
    NotFound,
    /// The stored item failed its HMAC or is not in the format (exit 4).
    Integrity,
    /// The key service refused the data key (exit 5).
    KeyRefused,
    /// The version already exists (exit 6).
    Conflict,
    /// The version read is past its expiry and expired versions are refused (exit 7).
    Expired,
    /// Anything else: network, permissions on the table, I/O (exit 1).
    Other,
}

impl ErrorKind {
    /// How serious the kind is when several failures must be summed up as one:
    /// tampering first, then refusals, conflicts, missing secrets, bad input.
    pub(crate) fn severity(self) -> u8 {
        match self {
            ErrorKind::Integrity => 7,
            ErrorKind::KeyRefused => 6,
            ErrorKind::Expired => 5,
            ErrorKind::Conflict => 4,
            ErrorKind::NotFound => 3,
            ErrorKind::Other => 2,
            ErrorKind::Usage => 1,
        }
    }
}

/// Why a call to DynamoDB or KMS failed, when it failed on the way or in the service
/// rather than by a refusal: what a caller needs to decide whether to retry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cause {
    /// The service throttled the request (after the SDK's retries).
    Throttled,
    /// No answer in time.
    Timeout,
    /// The service could not be reached (connection, DNS, TLS).
    Unreachable,
    /// The service answered with a server error (5xx).
    ServerError,
    /// No usable credentials.
    Credentials,
    /// Anything else (an unreadable answer, an unexpected error code).
    Other,
}

impl Cause {
    /// True for causes that may go away by themselves.
    pub fn is_transient(self) -> bool {
        matches!(
            self,
            Cause::Throttled | Cause::Timeout | Cause::Unreachable | Cause::ServerError
        )
    }
}
