//! Criterion throughput of one seal followed by one open (the credstash cipher suite) per digest and size.
//!
//! Run: `cargo bench --bench crypto` (BENCHMARKS.md records the figures and the target:
//! seal+open >= 1 GB/s per core at 400 KB). Two groups: `seal_open` in wall time, and
//! `seal_open_cpu` in this thread's CPU time, which is the per-core figure on a shared machine
//! where wall time also counts the time other processes held the core.

// criterion_group! generates pub functions without doc comments.
#![allow(missing_docs)]

use credstore::Digest;
use credstore::internals::{DataKey, open, seal};
use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use rustix::time::{ClockId, clock_gettime};
use std::hint::black_box;
use std::time::Duration;

/// 1 KB (a typical secret), 64 KB, and 400 KB (DynamoDB's item-size limit).
const SIZES: [(usize, &str); 3] = [(1024, "1KB"), (64 * 1024, "64KB"), (400 * 1024, "400KB")];

/// CPU time of the calling thread (CLOCK_THREAD_CPUTIME_ID): time spent waiting for a core
/// held by another process is not counted.
struct ThreadCpu {
    /// Only lends its nanosecond formatter (criterion's own is not public).
    wall: WallTime,
}

fn thread_cpu_now() -> Duration {
    let t = clock_gettime(ClockId::ThreadCPUTime);
    Duration::new(
        u64::try_from(t.tv_sec).unwrap_or(0),
        u32::try_from(t.tv_nsec).unwrap_or(0),
    )
}

impl Measurement for ThreadCpu {
    type Intermediate = Duration;
    type Value = Duration;

    fn start(&self) -> Duration {
        thread_cpu_now()
    }
    fn end(&self, start: Duration) -> Duration {
        thread_cpu_now().saturating_sub(start)
    }
    fn add(&self, a: &Duration, b: &Duration) -> Duration {
        *a + *b
    }
    fn zero(&self) -> Duration {
        Duration::ZERO
    }
    fn to_f64(&self, value: &Duration) -> f64 {
        value.as_nanos() as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        self.wall.formatter()
    }
}

/// Seals then opens a buffer; throughput counts plaintext bytes once per round trip.
fn seal_open<M: Measurement>(c: &mut Criterion<M>, group_name: &str) {
    // A fixed key: key generation is not what is being measured.
    let key_bytes: Vec<u8> = (0u8..64).collect();
    let Ok(key) = DataKey::from_slice(&key_bytes) else {
        panic!("a 64-byte key is always accepted");
    };
    let mut group = c.benchmark_group(group_name);
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

fn wall(c: &mut Criterion) {
    seal_open(c, "seal_open");
}

fn cpu(c: &mut Criterion<ThreadCpu>) {
    seal_open(c, "seal_open_cpu");
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpu { wall: WallTime });
    targets = cpu
}
criterion_main!(wall_benches, cpu_benches);
