//! credstash-style name patterns: `*` matches any run of characters, nothing else is special.

/// Matches `*` as any (possibly empty) run of characters; every other character is
/// literal. (credstash turns `*` into the regex `.*` without escaping the rest, so
/// its `.` also matches any character; ours is literal, which is what users mean.)
pub(crate) fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or("");
    let Some(mut rest) = text.strip_prefix(first) else {
        return false;
    };
    let pieces: Vec<&str> = parts.collect();
    let Some((last, middle)) = pieces.split_last() else {
        return rest.is_empty();
    };
    for piece in middle {
        match rest.find(piece) {
            Some(i) => rest = &rest[i + piece.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

/// The literal text before the first `*` of a pattern: every name it matches starts
/// with it (the whole pattern when it has no `*`).
pub(crate) fn literal_prefix(pattern: &str) -> &str {
    pattern.split('*').next().unwrap_or("")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard() {
        assert!(wildcard_match("*", ""));
        assert!(wildcard_match("db.*", "db.password"));
        assert!(!wildcard_match("db.*", "dbxpassword"));
        assert!(wildcard_match("*.password", "db.password"));
        assert!(wildcard_match("a*b*c", "abc"));
        assert!(wildcard_match("a*b*c", "a-b-b-c"));
        assert!(!wildcard_match("a*b*c", "a-c-b"));
        assert!(!wildcard_match("ab*ba", "aba"));
        assert!(wildcard_match("exact", "exact"));
        assert!(!wildcard_match("exact", "exactly"));
    }

    #[test]
    fn literal_prefix_is_the_text_before_the_first_star() {
        assert_eq!(literal_prefix("app042/k00*"), "app042/k00");
        assert_eq!(literal_prefix("a*b*c"), "a");
        assert_eq!(literal_prefix("*x"), "");
        assert_eq!(literal_prefix("exact"), "exact");
        for (pattern, name) in [("db.*", "db.password"), ("a*b*c", "a-b-b-c"), ("*x", "yx")] {
            assert!(wildcard_match(pattern, name));
            assert!(name.starts_with(literal_prefix(pattern)));
        }
    }
}
