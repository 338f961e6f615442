//! The embedded key service: data keys wrapped by a local master key with AES-256-GCM.
