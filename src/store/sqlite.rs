//! SQLite as the record store of the embedded backend.
