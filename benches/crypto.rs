//! Criterion throughput of one seal followed by one open (the credstash cipher suite) per digest and size.
//!
//! Run: `cargo bench --bench crypto` (BENCHMARKS.md records the figures and the target:
//! seal+open >= 1 GB/s per core at 400 KB).

use credstore::crypto::{DataKey, Digest, open, seal};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::time::Duration;

/// 1 KB (a typical secret), 64 KB, and 400 KB (DynamoDB's item-size limit).
const SIZES: [(usize, &str); 3] = [(1024, "1KB"), (64 * 1024, "64KB"), (400 * 1024, "400KB")];

/// Seals then opens a buffer; throughput counts plaintext bytes once per round trip.
fn seal_open(c: &mut Criterion) {
    // A fixed key: key generation is not what is being measured.
    let key_bytes: Vec<u8> = (0u8..64).collect();
    let Ok(key) = DataKey::from_slice(&key_bytes) else {
        panic!("a 64-byte key is always accepted");
    };
    let mut group = c.benchmark_group("seal_open");
    // The machine is small and shared: short, fixed windows keep the whole run near a minute.
    group.warm_up_time(Duration::from_millis(300));
    group.measurement_time(Duration::from_secs(1));
    group.sample_size(20);
    for (len, label) in SIZES {
        let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        group.throughput(Throughput::Bytes(len as u64));
        for digest in Digest::ALL {
            group.bench_with_input(BenchmarkId::new(digest.name(), label), &plain, |b, p| {
                b.iter(|| {
                    let sealed = seal(&key, digest, black_box(p));
                    let opened = open(&key, digest, &sealed.ciphertext, &sealed.hmac_hex);
                    black_box(opened.is_ok())
                })
            });
        }
    }
    group.finish();
}

criterion_group!(benches, seal_open);
criterion_main!(benches);
