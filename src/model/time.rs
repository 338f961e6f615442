//! Times as credstore writes and reads them: RFC 3339 in UTC to and from seconds since
//! the epoch, spans (`90d`, `12h`) for ages and lifetimes, and points in time given either
//! way (the audit's `--since`). One implementation for expiry, staleness and the audit.

/// The longest age or lifetime accepted, in seconds (100 years): beyond it a typo.
const MAX_SPAN: i64 = 100 * 366 * 86_400;

/// Parses an age or lifetime: a whole number with a unit, `s`, `m`, `h`, `d` (days) or
/// `w` (weeks), e.g. `90d`, `12h`; more than zero, at most 100 years. Seconds.
pub fn parse_span(text: &str) -> Result<i64, String> {
    let text = text.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let unit_secs = match unit {
        "s" => 1,
        "m" => 60,
        "h" => 3600,
        "d" => 86_400,
        "w" => 7 * 86_400,
        _ => {
            return Err(format!(
                "{text:?} is not a duration; write a whole number and a unit, s, m, h, d or w \
                 (e.g. 90d)"
            ));
        }
    };
    let secs = number
        .parse::<i64>()
        .ok()
        .and_then(|n| n.checked_mul(unit_secs))
        .filter(|s| (1..=MAX_SPAN).contains(s))
        .ok_or_else(|| {
            format!("{text:?} is not a duration of more than zero and at most 100 years")
        })?;
    Ok(secs)
}

/// Parses an RFC 3339 time (`2027-01-31T12:00:00Z`, `...+02:00`, fractions of a second
/// dropped) or a date alone (`2027-01-31`, midnight UTC). Unix seconds.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let bad = || {
        format!("{text:?} is not an RFC 3339 time; write e.g. 2027-01-31T00:00:00Z or 2027-01-31")
    };
    let num = |s: &str| -> Result<i64, String> {
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        s.parse().map_err(|_| bad())
    };
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return Err(bad());
    }
    let (year, month, day) = (num(&text[0..4])?, num(&text[5..7])?, num(&text[8..10])?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(bad());
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    if b.len() == 10 {
        return Ok(secs);
    }
    let rest = text.get(11..).ok_or_else(bad)?;
    if !matches!(b[10], b'T' | b't' | b' ') || rest.len() < 8 {
        return Err(bad());
    }
    let (h, m, s) = (num(&rest[0..2])?, num(&rest[3..5])?, num(&rest[6..8])?);
    if &rest[2..3] != ":" || &rest[5..6] != ":" || h > 23 || m > 59 || s > 60 {
        return Err(bad());
    }
    secs += h * 3600 + m * 60 + s;
    let mut zone = &rest[8..];
    if let Some(frac) = zone.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return Err(bad());
        }
        zone = &frac[digits..];
    }
    let offset = match zone {
        "Z" | "z" => 0,
        _ if zone.len() == 6 && matches!(&zone[0..1], "+" | "-") && &zone[3..4] == ":" => {
            let (oh, om) = (num(&zone[1..3])?, num(&zone[4..6])?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            let o = oh * 3600 + om * 60;
            if zone.starts_with('-') { -o } else { o }
        }
        _ => return Err(bad()),
    };
    Ok(secs - offset)
}

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

/// Unix seconds as RFC 3339 UTC, `YYYY-MM-DDTHH:MM:SSZ`.
pub fn format_rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_and_times_parse() {
        assert_eq!(parse_span("90d").unwrap(), 90 * 86_400);
        assert_eq!(parse_span("2w").unwrap(), 14 * 86_400);
        assert_eq!(parse_span("45s").unwrap(), 45);
        for bad in [
            "",
            "0d",
            "d",
            "10",
            "1.5d",
            "-1d",
            "10y",
            "99999999999999999999d",
            "40000w",
        ] {
            assert!(parse_span(bad).is_err(), "{bad}");
        }
        assert_eq!(parse_rfc3339("1970-01-01T00:00:00Z").unwrap(), 0);
        assert_eq!(parse_rfc3339("2027-01-31").unwrap(), 1_801_353_600);
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:05.123+02:00").unwrap(),
            1_709_202_605
        );
        assert_eq!(
            parse_rfc3339("2024-02-29T12:30:05-01:30").unwrap(),
            1_709_215_205
        );
        for bad in [
            "2023-02-29",
            "2027-13-01",
            "2027-01-31T25:00:00Z",
            "2027-01-31T00:00:00",
            "2027-01-31X00:00:00Z",
            "27-01-31",
            "2027-01-31T00:00:00.Z",
            "2027-1-31",
        ] {
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
        }
        for t in [0, 1_709_202_605, 1_801_353_600, 4_102_444_799] {
            assert_eq!(parse_rfc3339(&format_rfc3339(t)).unwrap(), t);
        }
    }

    #[test]
    fn rfc3339_round_trips() {
        for (text, secs) in [
            ("1970-01-01T00:00:00Z", 0),
            ("2000-02-29T12:00:00Z", 951_825_600),
            ("2026-12-04T23:31:34Z", 1_796_427_094),
        ] {
            assert_eq!(parse_rfc3339(text), Ok(secs), "{text}");
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
            assert!(parse_rfc3339(bad).is_err(), "{bad}");
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
