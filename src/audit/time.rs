//! The audit's `--since` / `--until` arguments: a duration back from now, a date or a
//! time (RFC 3339 itself is `model::time`'s).

pub use crate::model::time::format_rfc3339;
use crate::model::time::parse_rfc3339;

/// A point in time given as `24h`, `90m`, `7d`, `2w`, `3600s` (that long before `now`),
/// a date `2026-12-01` (its midnight, UTC) or an RFC 3339 time.
pub fn parse_point(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if let Ok(t) = parse_rfc3339(text) {
        return Ok(t);
    }
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_seconds = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => 0,
    };
    match number.parse::<i64>() {
        Ok(n) if unit_seconds > 0 && n <= 100 * 365 * 86_400 / unit_seconds => {
            Ok(now - n * unit_seconds)
        }
        _ => Err(format!(
            "{text:?} is neither a duration (24h, 90m, 7d) nor a time (2026-12-01 or \
             2026-12-01T08:00:00Z)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_are_durations_dates_or_times() {
        let now = 1_000_000;
        assert_eq!(parse_point("24h", now), Ok(now - 86_400));
        assert_eq!(parse_point("90m", now), Ok(now - 5400));
        assert_eq!(parse_point("7d", now), Ok(now - 7 * 86_400));
        assert_eq!(parse_point("1970-01-02", now), Ok(86_400));
        assert_eq!(parse_point("1970-01-01T00:01:00Z", now), Ok(60));
        for bad in ["", "h", "5y", "-5h", "99999999999999999999d", "1970-01-0"] {
            assert!(parse_point(bad, now).is_err(), "{bad}");
        }
    }
}
