//! AWS KMS as a key service.
