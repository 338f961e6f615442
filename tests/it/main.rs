//! The integration tests, in one binary (one link of the AWS SDK, one shared moto_server),
//! grouped by the behaviour they check. The harness (`harness`) starts the emulator once,
//! gives each test its own table, KMS key and directory, and runs commands with dummy AWS
//! credentials so no test can reach a real account.
#![allow(clippy::unwrap_used, clippy::expect_used)] // panicking is how a test reports failure

#[macro_use]
mod harness;

mod audit;
mod call_counts;
mod copy;
mod credentials;
mod diff;
mod doctor;
mod env_exec;
mod envelope;
mod everyday;
mod faults;
mod hygiene;
mod input;
mod interop;
mod k8s;
mod kms_quota;
mod layering;
mod lifecycle;
mod listing;
mod operator;
mod policy;
mod put_get;
mod races;
mod records;
mod regions;
mod rekey;
mod render;
mod security;
mod selection;
#[cfg(target_os = "linux")]
mod static_chroot;
mod tamper;
mod transfer;
