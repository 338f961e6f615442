//! Shared integration-test harness: one `moto_server` for the test binary ([`emulator`]), the
//! SDK clients of the tests ([`sdk`]), a fresh table and KMS key per test ([`env`]), and a `Cmd`
//! builder that runs a program in an isolated environment with dummy AWS credentials
//! ([`command`]), so no test can ever reach a real AWS account.

/// One `#[test]` per backend per case, `dynamo::case` and `local::case`: the behavioural
/// suites run on both backends so their parity is tested, not assumed.
macro_rules! on_both_backends {
    ($($case:ident),* $(,)?) => {
        mod dynamo {
            $( #[test] fn $case() { super::$case(super::Backend::Dynamo) } )*
        }
        mod local {
            $( #[test] fn $case() { super::$case(super::Backend::Local) } )*
        }
    };
}

pub(crate) mod cloudtrail;
pub(crate) mod command;
pub(crate) mod emulator;
pub(crate) mod env;
pub(crate) mod fault_proxy;
pub(crate) mod helpers;
pub(crate) mod raw;
pub(crate) mod sdk;
pub(crate) mod tools;

pub(crate) use command::{Cmd, Output, show};
pub(crate) use emulator::endpoint;
pub(crate) use env::{Backend, Endpoints, TestEnv, via};
pub(crate) use helpers::{
    count, get_n, map, no_panic, padded, par_map, parse_list, put, put_bytes,
};
pub(crate) use sdk::{
    Item, attr_s, create_kms_key, dynamo, dynamo_in, get_item, kms, kms_in, put_item, rt,
    scan_items,
};
pub(crate) use tools::{find_on_path, find_tool};

/// The region every client (ours, credstash, the SDK clients of the tests) is told to use.
pub(crate) const REGION: &str = "us-east-1";

/// True under CI (`CI=true` or `CI=1`): a missing tool is then a hard failure by policy.
pub(crate) fn is_ci() -> bool {
    matches!(std::env::var("CI").as_deref(), Ok("true") | Ok("1"))
}
