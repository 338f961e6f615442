//! The command's deadline (`--timeout`): parsing a duration, counting the secrets bulk
//! reads have decrypted, and the error when time runs out.

use crate::cli::output::ProgressFn;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The deadline of a reading command (get, getall, list, keys, history, env, exec,
/// doctor) when none is given: a container must not hang at start, and a person waits
/// about as long as the AWS CLI's 60 s read timeout. The other commands' work grows with
/// the data or waits for a person; every DynamoDB call they make is bounded instead
/// (`credstore::backend::aws::DEFAULT_CALL_TIMEOUT`).
pub(crate) const DEFAULT: Duration = Duration::from_secs(60);

/// Parses `90s`, `2m`, `1h`, `500ms` or a bare number of seconds; zero is refused.
pub(crate) fn parse_duration(text: &str) -> Result<Duration, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let value: f64 = number
        .parse()
        .map_err(|_| format!("{text:?} is not a duration; write e.g. 30s, 2m or 500ms"))?;
    let seconds = match unit.trim() {
        "" | "s" => value,
        "ms" => value / 1000.0,
        "m" => value * 60.0,
        "h" => value * 3600.0,
        other => return Err(format!("unknown unit {other:?}; use ms, s, m or h")),
    };
    if !seconds.is_finite() || seconds <= 0.0 || seconds > 86_400.0 * 365.0 {
        return Err(format!(
            "{text:?} is not a usable timeout (more than 0, at most a year)"
        ));
    }
    Ok(Duration::from_secs_f64(seconds))
}

/// Progress of the bulk reads of one command, across its clients (tables).
#[derive(Clone, Debug, Default)]
pub(crate) struct Tally {
    reads: Arc<Mutex<Vec<(usize, usize)>>>,
}

impl Tally {
    /// A progress callback for one more client, adding to this tally.
    pub(crate) fn reporter(&self) -> ProgressFn {
        let reads = self.reads.clone();
        let index = {
            let mut r = reads
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            r.push((0, 0));
            r.len() - 1
        };
        Arc::new(move |done, total| {
            let mut r = reads
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            if let Some(slot) = r.get_mut(index) {
                *slot = (done, total);
            }
        })
    }

    /// (secrets read, secrets to read) so far.
    pub(crate) fn counts(&self) -> (usize, usize) {
        let r = self
            .reads
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        r.iter().fold((0, 0), |(d, t), (dd, tt)| (d + dd, t + tt))
    }

    /// The error of a command stopped at its deadline.
    pub(crate) fn expired(&self, after: Duration) -> String {
        let (done, total) = self.counts();
        let read = if total == 0 {
            "before any secret was read".to_string()
        } else {
            format!("after reading {done} of {total} secrets")
        };
        format!(
            "timed out after {} {read} (KMS throttling or a slow network); raise --timeout \
             or lower --concurrency",
            show(after)
        )
    }
}

fn show(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{}ms", d.as_millis().max(1))
    } else if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{:.1}s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_with_units_and_refuse_nonsense() {
        assert_eq!(parse_duration("30s"), Ok(Duration::from_secs(30)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("45"), Ok(Duration::from_secs(45)));
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("1.5s"), Ok(Duration::from_millis(1500)));
        for bad in ["", "0", "0s", "s", "-1s", "3 days", "1e9h", "1..2s"] {
            assert!(parse_duration(bad).is_err(), "{bad:?} refused");
        }
    }

    #[test]
    fn the_expiry_names_what_was_read() {
        let tally = Tally::default();
        let (a, b) = (tally.reporter(), tally.reporter());
        a(3, 10);
        b(2, 5);
        let message = tally.expired(Duration::from_secs(30));
        assert!(message.contains("5 of 15 secrets"), "{message}");
        assert!(
            message.contains("--timeout") && message.contains("30s"),
            "{message}"
        );
        assert!(
            Tally::default()
                .expired(Duration::from_millis(1500))
                .contains("1.5s")
        );
    }
}
