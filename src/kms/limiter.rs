//! One shared, adaptive limit on the KMS requests of a client: a paced request rate that
//! is cut on throttling and grows on success (AIMD), so a bulk read converges to the
//! account's KMS quota instead of every request backing off on its own.
//!
//! KMS limits requests per second (a token bucket per account and region), not requests
//! in flight: with a few milliseconds per request even one request in flight can exceed
//! the quota. So the adaptive limit is a rate. Requests start unpaced (at most
//! `max_in_flight` at once); the first throttled answer sets a rate from what got
//! through, and every later throttled answer of a request paced at the current rate
//! multiplies it by [`DECREASE`] (once per rate: answers to requests sent at an older,
//! higher rate do not cut again). Each success adds [`GROWTH`] plus [`STEP`] / rate (so
//! the rate grows by about 10% + 2 requests/s per second while requests wait for it).
//!
//! A throttled request is sent again as soon as the pace allows: no backoff besides the
//! pace. A throttled attempt counts against the call's attempts only when no request of
//! the client succeeded since it was sent nor within the last second, and the client
//! has been sending for at least 250 ms (the quota is then not merely busy, it is
//! refusing everything). So a bulk read at the quota does not fail, not even in its first
//! burst, when throttled answers come back before any success; and a persistent throttle
//! still fails, after the configured attempts.
//!
//! Time is tokio's (`tokio::time::Instant`), so tests run it paused.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::Semaphore;
use tokio::time::Instant;

/// Factor applied to the rate on a throttled answer.
pub(crate) const DECREASE: f64 = 0.85;
/// Rate added per success, per request/s of rate (multiplicative growth per second).
pub(crate) const GROWTH: f64 = 0.1;
/// Requests/s added per second of successes, spread over the successes (additive growth).
pub(crate) const STEP: f64 = 2.0;
/// The lowest rate (requests/s) a cut reaches.
pub(crate) const MIN_RATE: f64 = 1.0;
/// How late a timer may fire (tokio's timers tick in milliseconds): the pace makes up
/// for that much, so rates above 1,000 requests/s are kept.
const TIMER_SLACK: Duration = Duration::from_millis(2);
/// How far back successes count towards the measured rate.
const WINDOW: Duration = Duration::from_secs(1);
/// The shortest span over which the measured success rate is trusted.
const MIN_SPAN: Duration = Duration::from_millis(250);

/// What the limiter needs to know of a call's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// The service answered (success or an error that is not throttling).
    Answered,
    /// The service throttled the request.
    Throttled,
}

/// A snapshot of the limiter, for tests.
#[cfg(test)]
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Stats {
    /// The paced rate in requests/s; `None` while unpaced (never throttled).
    pub rate: Option<f64>,
    /// Successful requests.
    pub successes: u64,
    /// Throttled answers.
    pub throttled: u64,
    /// Times the rate was cut.
    pub cuts: u64,
}

/// The shared limit of one client's KMS requests. Cheap to clone: clones share it.
#[derive(Clone, Debug)]
pub(crate) struct KmsLimiter {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    in_flight: Semaphore,
    /// Held by the request waiting for the next slot (fair: first come, first served),
    /// so that each slot is computed from the rate at the time it is due.
    gate: tokio::sync::Mutex<()>,
    state: Mutex<State>,
}

#[derive(Debug)]
struct State {
    /// Requests per second; `None` while unpaced.
    rate: Option<f64>,
    /// The most the rate grows to, when the service's quota is known.
    max_rate: Option<f64>,
    /// The slot of the last request: when it was due by the pace (timers fire late, so
    /// the next slot counts from when this one was due, not from when it went).
    last_slot: Option<Instant>,
    /// Incremented at each cut; a throttle cuts only if its request was paced at the
    /// current generation.
    generation: u64,
    /// When the first request was sent.
    started: Option<Instant>,
    /// Successes within [`WINDOW`], oldest first.
    recent: VecDeque<Instant>,
    /// Requests sent (attempts).
    sent: u64,
    successes: u64,
    throttled: u64,
    cuts: u64,
}

/// A request's place in the pace.
struct Slot {
    generation: u64,
    /// Successes seen before the request was sent.
    successes_before: u64,
    /// True when the pace, not the caller, decided when the request went.
    paced: bool,
}

impl KmsLimiter {
    /// A limiter letting at most `max_in_flight` requests (at least 1) be in flight.
    pub(crate) fn new(max_in_flight: usize) -> Self {
        Self::build(max_in_flight, None)
    }

    /// A limiter for a service with a documented quota of `max_rate` requests/s
    /// (CloudTrail's LookupEvents: 2/s): paced at that rate from the first request, cut
    /// on throttling like any other, and never grown above it again.
    pub(crate) fn with_max_rate(max_in_flight: usize, max_rate: f64) -> Self {
        Self::build(max_in_flight, Some(max_rate.max(MIN_RATE)))
    }

    fn build(max_in_flight: usize, max_rate: Option<f64>) -> Self {
        KmsLimiter {
            inner: Arc::new(Inner {
                in_flight: Semaphore::new(max_in_flight.clamp(1, Semaphore::MAX_PERMITS)),
                gate: tokio::sync::Mutex::new(()),
                state: Mutex::new(State {
                    rate: max_rate,
                    max_rate,
                    last_slot: None,
                    generation: 0,
                    started: None,
                    recent: VecDeque::new(),
                    sent: 0,
                    successes: 0,
                    throttled: 0,
                    cuts: 0,
                }),
            }),
        }
    }

    /// The current state.
    #[cfg(test)]
    pub(crate) fn stats(&self) -> Stats {
        let s = self.state();
        Stats {
            rate: s.rate,
            successes: s.successes,
            throttled: s.throttled,
            cuts: s.cuts,
        }
    }

    /// Runs `call` under the limit until it is answered, or until `attempts` throttled
    /// attempts (counted as described in the module documentation) were throttled; then
    /// returns the last answer. `outcome` tells a throttled answer from the others.
    pub(crate) async fn run<T, F, Fut>(
        &self,
        attempts: u32,
        mut call: F,
        outcome: impl Fn(&T) -> Outcome,
    ) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = T>,
    {
        // A closed semaphore is impossible (never closed); run unlimited if it were.
        let _permit = self.inner.in_flight.acquire().await.ok();
        let mut counted = 0u32;
        loop {
            let slot = self.wait_for_slot().await;
            let answer = call().await;
            match outcome(&answer) {
                Outcome::Answered => {
                    self.answered(&slot);
                    return answer;
                }
                Outcome::Throttled => {
                    if !self.throttled(&slot) {
                        counted += 1;
                    }
                    if counted >= attempts.max(1) {
                        return answer;
                    }
                }
            }
        }
    }

    fn state(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock leaves consistent numbers; keep using them.
        self.inner
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Waits for the next slot of the pace and takes it.
    async fn wait_for_slot(&self) -> Slot {
        let _turn = self.inner.gate.lock().await;
        let mut paced = false;
        loop {
            let due = {
                let s = self.state();
                match (s.rate, s.last_slot) {
                    (Some(rate), Some(last)) => last + Duration::from_secs_f64(1.0 / rate),
                    _ => Instant::now(),
                }
            };
            // The rate may be cut while waiting: look again when the slot is due.
            if due <= Instant::now() {
                break;
            }
            paced = true;
            tokio::time::sleep_until(due).await;
        }
        let mut s = self.state();
        let now = Instant::now();
        s.started.get_or_insert(now);
        s.sent += 1;
        // Catch up with a late timer, but never send a burst after a pause.
        let due = s
            .rate
            .zip(s.last_slot)
            .map(|(rate, last)| last + Duration::from_secs_f64(1.0 / rate));
        let earliest = now.checked_sub(TIMER_SLACK).unwrap_or(now);
        s.last_slot = Some(due.map_or(now, |d| d.max(earliest)));
        Slot {
            generation: s.generation,
            successes_before: s.successes,
            paced,
        }
    }

    fn answered(&self, slot: &Slot) {
        let mut s = self.state();
        let now = Instant::now();
        s.successes += 1;
        s.recent.push_back(now);
        while s.recent.front().is_some_and(|t| now - *t > WINDOW) {
            s.recent.pop_front();
        }
        // Grow only while the pace holds requests back: an unused rate must not climb
        // far above what the service takes.
        if slot.paced {
            if let Some(rate) = s.rate {
                let grown = rate + GROWTH + STEP / rate;
                s.rate = Some(s.max_rate.map_or(grown, |max| grown.min(max)));
            }
        }
    }

    /// Records a throttled answer; true when it is excused (not counted against the
    /// call's attempts): another request succeeded since this one was sent or within the
    /// last [`WINDOW`], or the client started less than [`MIN_SPAN`] ago (a first burst
    /// is throttled before any success can come back).
    fn throttled(&self, slot: &Slot) -> bool {
        let mut s = self.state();
        let now = Instant::now();
        s.throttled += 1;
        let progressed = s.successes > slot.successes_before
            || s.recent.back().is_some_and(|t| now - *t <= WINDOW)
            || s.started.is_none_or(|t| now - t < MIN_SPAN);
        if slot.generation != s.generation {
            return progressed; // sent at an older, higher rate: already cut for
        }
        let measured = s.measured(now);
        let cut = match (s.rate, measured) {
            (Some(rate), Some(m)) => (rate * DECREASE).min(m),
            (Some(rate), None) => rate * DECREASE,
            (None, Some(m)) => m * DECREASE,
            // Unpaced and nothing measured yet: the rate requests were sent at (throttled
            // answers may come back before any success, so successes say nothing yet).
            (None, None) => {
                let elapsed = s
                    .started
                    .map_or(0.0, |t| (now - t).as_secs_f64())
                    .max(0.001);
                s.sent as f64 / elapsed * DECREASE
            }
        };
        s.rate = Some(cut.max(MIN_RATE));
        s.generation += 1;
        s.cuts += 1;
        progressed
    }
}

impl State {
    /// Successes per second within the window, once it spans long enough to trust.
    fn measured(&self, now: Instant) -> Option<f64> {
        let started = self.started?;
        let span = (now - started).min(WINDOW);
        if span < MIN_SPAN || self.recent.is_empty() {
            return None;
        }
        Some(self.recent.len() as f64 / span.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use std::sync::atomic::{AtomicU64, Ordering};

    /// A service throttling like KMS: a token bucket of `rate` per second and `burst`
    /// tokens, each request taking `latency`; over-limit requests are answered at once.
    struct Bucket {
        rate: f64,
        burst: f64,
        latency: Duration,
        state: Mutex<(f64, Instant)>,
        passed: AtomicU64,
        refused: AtomicU64,
    }

    impl Bucket {
        fn new(rate: f64, burst: f64, latency: Duration) -> Arc<Bucket> {
            Arc::new(Bucket {
                rate,
                burst,
                latency,
                state: Mutex::new((burst, Instant::now())),
                passed: AtomicU64::new(0),
                refused: AtomicU64::new(0),
            })
        }

        async fn request(&self) -> Outcome {
            let admitted = {
                let mut s = self.state.lock().unwrap();
                let now = Instant::now();
                let tokens = (s.0 + (now - s.1).as_secs_f64() * self.rate).min(self.burst);
                *s = (tokens, now);
                if tokens >= 1.0 {
                    s.0 -= 1.0;
                    true
                } else {
                    false
                }
            };
            if admitted {
                tokio::time::sleep(self.latency).await;
                self.passed.fetch_add(1, Ordering::SeqCst);
                Outcome::Answered
            } else {
                self.refused.fetch_add(1, Ordering::SeqCst);
                Outcome::Throttled
            }
        }
    }

    /// `n` requests, `concurrency` at a time, through one limiter; returns how long they
    /// took (tokio's paused clock) and how many got their answer.
    async fn bulk(limiter: &KmsLimiter, bucket: &Arc<Bucket>, n: usize) -> (Duration, usize) {
        use futures::stream::{self, StreamExt};
        let start = Instant::now();
        let answered = stream::iter(0..n)
            .map(|_| {
                let bucket = bucket.clone();
                async move { limiter.run(5, || bucket.request(), |o: &Outcome| *o).await }
            })
            .buffer_unordered(32)
            .filter(|o| std::future::ready(*o == Outcome::Answered))
            .count()
            .await;
        (start.elapsed(), answered)
    }

    #[tokio::test(start_paused = true)]
    async fn a_bulk_read_converges_to_the_quota_without_failures() {
        for (n, rate) in [
            (300usize, 100.0),
            (1000, 100.0),
            (300, 50.0),
            (2000, 1000.0),
        ] {
            let bucket = Bucket::new(rate, 10.0, Duration::from_millis(5));
            let limiter = KmsLimiter::new(32);
            let (took, answered) = bulk(&limiter, &bucket, n).await;
            let floor = Duration::from_secs_f64(n as f64 / rate);
            assert_eq!(answered, n, "{n} at {rate}/s: every request answered");
            assert!(
                took <= floor.mul_f64(1.2),
                "{n} at {rate}/s took {took:?}, floor {floor:?}: {:?}",
                limiter.stats()
            );
            // Throttled answers are a small share: the rate settles near the quota.
            let refused = bucket.refused.load(Ordering::SeqCst);
            assert!(
                refused <= n as u64 / 4 + 40,
                "{n} at {rate}/s: {refused} throttled answers, {:?}",
                limiter.stats()
            );
            let settled = limiter.stats().rate.unwrap();
            assert!(
                settled > rate * 0.6 && settled < rate * 1.5,
                "{n} at {rate}/s: the rate settled at {settled}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_throttled_retry_waits_only_for_the_pace() {
        // One request throttled twice, then answered, with nothing else going on: the
        // first throttle sets the pace from nothing (the lowest rate), the retries wait
        // only for the pace's slots.
        let limiter = KmsLimiter::new(4);
        let calls = AtomicU64::new(0);
        let start = Instant::now();
        let out = limiter
            .run(
                5,
                || async {
                    let n = calls.fetch_add(1, Ordering::SeqCst);
                    if n < 2 {
                        Outcome::Throttled
                    } else {
                        Outcome::Answered
                    }
                },
                |o| *o,
            )
            .await;
        assert_eq!(out, Outcome::Answered);
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        // Slots at 0 (first), 0 (first retry: the pace starts now), then one interval of
        // the lowest pace: well within two.
        let most = Duration::from_secs_f64(2.0 / (MIN_RATE * DECREASE));
        assert!(start.elapsed() <= most, "{:?}", start.elapsed());
        assert_eq!(limiter.stats().throttled, 2);
    }

    #[tokio::test(start_paused = true)]
    async fn a_persistent_throttle_fails_after_the_attempts() {
        let limiter = KmsLimiter::new(8);
        let calls = AtomicU64::new(0);
        let started = Instant::now();
        let out = limiter
            .run(
                3,
                || async {
                    calls.fetch_add(1, Ordering::SeqCst);
                    Outcome::Throttled
                },
                |o| *o,
            )
            .await;
        assert_eq!(out, Outcome::Throttled, "it gives up");
        // Throttles in the first MIN_SPAN are excused (a first burst is throttled before
        // any success can come back); after that three attempts, then it gives up.
        assert!(started.elapsed() >= MIN_SPAN, "{:?}", started.elapsed());
        let calls = calls.load(Ordering::SeqCst);
        assert!(calls > 3, "{calls}");
        // Every throttle of a request sent at the current rate cut it.
        let stats = limiter.stats();
        assert_eq!(stats.cuts, calls);
        assert!(
            stats.rate.is_some_and(|r| r < 1000.0 * DECREASE.powi(3)),
            "{stats:?}"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_first_burst_throttled_before_any_success_is_not_a_failure() {
        // Everything is throttled for the first 100 ms (no success can come back yet),
        // then answered: no call gives up, whatever the attempts.
        let limiter = Arc::new(KmsLimiter::new(32));
        let started = Instant::now();
        let mut calls = Vec::new();
        for _ in 0..32 {
            let limiter = limiter.clone();
            calls.push(tokio::spawn(async move {
                limiter
                    .run(
                        2,
                        || async move {
                            if started.elapsed() < Duration::from_millis(100) {
                                Outcome::Throttled
                            } else {
                                Outcome::Answered
                            }
                        },
                        |o| *o,
                    )
                    .await
            }));
        }
        for call in calls {
            assert_eq!(call.await.unwrap(), Outcome::Answered);
        }
    }

    #[tokio::test(start_paused = true)]
    async fn throttles_of_requests_sent_at_an_older_rate_cut_once() {
        // 10 requests in flight unpaced, all throttled: the rate is cut once, not ten
        // times, and the retries then succeed.
        let limiter = KmsLimiter::new(32);
        let first = Arc::new(AtomicU64::new(0));
        let tasks: Vec<_> = (0..10)
            .map(|_| {
                let (limiter, first) = (limiter.clone(), first.clone());
                tokio::spawn(async move {
                    let mut tries = 0;
                    limiter
                        .run(
                            5,
                            || {
                                tries += 1;
                                let throttle = tries == 1;
                                let first = first.clone();
                                async move {
                                    tokio::time::sleep(Duration::from_millis(10)).await;
                                    if throttle {
                                        first.fetch_add(1, Ordering::SeqCst);
                                        Outcome::Throttled
                                    } else {
                                        Outcome::Answered
                                    }
                                }
                            },
                            |o| *o,
                        )
                        .await
                })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), Outcome::Answered);
        }
        assert_eq!(first.load(Ordering::SeqCst), 10);
        let stats = limiter.stats();
        assert_eq!(stats.cuts, 1, "{stats:?}");
        assert_eq!(stats.successes, 10);
    }

    #[tokio::test(start_paused = true)]
    async fn a_known_quota_is_kept_from_the_start_and_after_a_cut() {
        // One request at a time against a bucket of 2/s with no burst beyond 1.
        let bucket = Bucket::new(2.0, 1.0, Duration::from_millis(5));
        let limiter = KmsLimiter::with_max_rate(1, 2.0);
        let start = Instant::now();
        for _ in 0..20 {
            let out = limiter.run(60, || bucket.request(), |o: &Outcome| *o).await;
            assert_eq!(out, Outcome::Answered);
        }
        // 19 intervals of 0.5 s, and nothing throttled: the pace is the quota.
        let took = start.elapsed();
        assert!(took >= Duration::from_millis(9_500), "{took:?}");
        assert!(took <= Duration::from_millis(10_200), "{took:?}");
        assert_eq!(bucket.refused.load(Ordering::SeqCst), 0);
        assert!(limiter.stats().rate.unwrap() <= 2.0);
    }

    #[tokio::test(start_paused = true)]
    async fn the_rate_grows_back_while_requests_wait_for_it() {
        let limiter = KmsLimiter::new(1);
        // One throttle with nothing measured: the pace starts from the rate of sending.
        let mut first = true;
        limiter
            .run(
                5,
                || {
                    let t = std::mem::take(&mut first);
                    async move {
                        if t {
                            Outcome::Throttled
                        } else {
                            Outcome::Answered
                        }
                    }
                },
                |o| *o,
            )
            .await;
        let low = limiter.stats().rate.unwrap();
        for _ in 0..50 {
            limiter.run(5, || async { Outcome::Answered }, |o| *o).await;
        }
        let high = limiter.stats().rate.unwrap();
        // Every one of the 50 waited for its slot, and each added at least GROWTH.
        assert!(high >= low + 50.0 * GROWTH, "grew from {low} to {high}");
    }
}
