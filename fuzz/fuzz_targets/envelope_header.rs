//! Fuzz target: the envelope header parser never panics on any input, and what it accepts
//! is exactly what the writer produces for the parsed fields (one encoding per header).
#![no_main]

use credstore::internals::envelope_format::{self as format, FormatError, HASH_LEN};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match format::parse(data) {
        Ok(header) => {
            assert!(header.len <= data.len() && header.len <= format::MAX_HEADER_LEN);
            let prefix = format::encode_prefix(&header.context, &header.wraps)
                .expect("a parsed header re-encodes");
            assert_eq!(&data[..header.len - 2 * HASH_LEN], &prefix[..]);
            assert_eq!(format::header_hash(&prefix), header.hash);
            assert_eq!(&data[header.len - HASH_LEN..header.len], &header.commitment);
        }
        // A prefix of something valid: every shorter prefix is incomplete too.
        Err(FormatError::Incomplete) => {
            if let Some(shorter) = data.len().checked_sub(1) {
                assert_eq!(format::parse(&data[..shorter]).err(), Some(FormatError::Incomplete));
            }
        }
        Err(_) => {}
    }
});
