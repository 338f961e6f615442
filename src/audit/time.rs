//! Times of the audit: RFC 3339 to and from seconds since the epoch (UTC), and the
//! `--since` / `--until` arguments (a duration back from now, a date or a time).

/// Seconds since the epoch of `text`: `2026-12-04T10:11:12Z`, with optional fraction
/// (dropped) and a `Z` or `±HH:MM` offset; `None` for anything else.
pub(super) fn parse_rfc3339(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    if b.len() < 20 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || b.get(13) != Some(&b':') {
        return None;
    }
    let num = |from: usize, to: usize| -> Option<i64> {
        let part = text.get(from..to)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 7)?, num(8, 10)?);
    let (hour, minute, second) = (num(11, 13)?, num(14, 16)?, num(17, 19)?);
    if b.get(16) != Some(&b':') || !(1..=12).contains(&month) || day < 1 {
        return None;
    }
    if day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = text.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = fraction.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let hm = rest.get(1..)?;
            if hm.len() != 5 || hm.as_bytes().get(2) != Some(&b':') {
                return None;
            }
            let (h, m) = (num_of(hm.get(0..2)?)?, num_of(hm.get(3..5)?)?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    let days = days_from_civil(year, month, day);
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

fn num_of(text: &str) -> Option<i64> {
    if text.bytes().all(|c| c.is_ascii_digit()) {
        text.parse().ok()
    } else {
        None
    }
}

/// `seconds` since the epoch as RFC 3339 in UTC, to the second (`2026-12-04T10:11:12Z`).
pub fn format_rfc3339(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let secs = seconds.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// A point in time given as `24h`, `90m`, `7d`, `2w`, `3600s` (that long before `now`),
/// a date `2026-12-01` (its midnight, UTC) or an RFC 3339 time.
pub fn parse_point(text: &str, now: i64) -> Result<i64, String> {
    let text = text.trim();
    if let Some(t) = parse_rfc3339(text) {
        return Ok(t);
    }
    if let Some(t) = parse_rfc3339(&format!("{text}T00:00:00Z")).filter(|_| text.len() == 10) {
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

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01 (the inverse of [`days_from_civil`]).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips() {
        for (text, secs) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T12:00:00Z", 951_825_600),
            ("2026-12-04T23:31:34Z", 1_796_427_094),
        ] {
            assert_eq!(parse_rfc3339(text), Some(secs), "{text}");
            assert_eq!(format_rfc3339(secs), text);
        }
        assert_eq!(
            parse_rfc3339("2026-12-04T23:31:34.999-02:30"),
            parse_rfc3339("2026-12-05T02:01:34Z")
        );
        for bad in [
            "",
            "2026-13-01T00:00:00Z",
            "2026-02-30T00:00:00Z",
            "2026-12-04T23:31:34",
            "2026-12-04T23:31:34.Z",
            "2026-12-04T23:31:34+1:00",
            "2026-12-04T23:3a:34Z",
            "+026-12-04T23:31:34Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

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
