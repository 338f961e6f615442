//! Environment variable names derived from secret names.
