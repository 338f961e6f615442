//! Fuzz target: `crypto::open` on arbitrary key, digest, ciphertext and tag never panics, and
//! accepts a tag only when it is the one `seal` computes.
#![no_main]

use credstore::Digest;
use credstore::internals::{self as crypto, DataKey};
use libfuzzer_sys::fuzz_target;

const DIGESTS: [Digest; 6] = [
    Digest::Sha1,
    Digest::Sha224,
    Digest::Sha256,
    Digest::Sha384,
    Digest::Sha512,
    Digest::Md5,
];

fuzz_target!(|data: &[u8]| {
    // [digest selector, 64 key bytes, tag length, tag text.., ciphertext..]
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    if rest.len() < 65 {
        return;
    }
    let (key_bytes, rest) = rest.split_at(64);
    let key = DataKey::from_slice(key_bytes).expect("64 bytes");
    let digest = DIGESTS[usize::from(selector) % DIGESTS.len()];
    let (tag_len, rest) = rest.split_first().expect("checked length");
    let split = usize::from(*tag_len).min(rest.len());
    let (tag, ciphertext) = rest.split_at(split);
    let tag = String::from_utf8_lossy(tag);
    let expected = crypto::seal(&key, digest, ciphertext).hmac_hex;
    match crypto::open(&key, digest, ciphertext, &tag) {
        Ok(_) => assert!(
            tag.eq_ignore_ascii_case(&expected),
            "a wrong tag was accepted"
        ),
        Err(_) => assert!(
            !tag.eq_ignore_ascii_case(&expected),
            "the right tag was refused"
        ),
    }
    // Round trip: what seal produces opens to the same bytes (seal treats them as plaintext).
    let sealed = crypto::seal(&key, digest, ciphertext);
    let opened = crypto::open(&key, digest, &sealed.ciphertext, &sealed.hmac_hex)
        .expect("a sealed value opens");
    assert_eq!(opened.expose(), ciphertext);
});
