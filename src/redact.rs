//! Hiding the userinfo (`user:password@`) of URLs before they are printed: an endpoint
//! such as `http://user:pass@proxy:8080` must not reach a terminal, log or error message.

use std::borrow::Cow;

/// `url` with its userinfo, if any, replaced by `***@` (the user name is hidden too: it is
/// often half the credential). A text that is not a `scheme://` URL is returned as is.
pub fn redact_url(url: &str) -> Cow<'_, str> {
    redact_urls_in(url)
}

/// `text` with the userinfo of every `scheme://userinfo@host` in it replaced by `***@`:
/// for lines that may embed URLs (debug events, error chains).
pub fn redact_urls_in(text: &str) -> Cow<'_, str> {
    let mut out = String::new();
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = text[search..].find("://") {
        let start = search + found + 3;
        // The authority ends at the first `/`, `?`, `#` or whitespace; its userinfo is
        // what precedes the last `@` within it (a password may itself hold an `@`).
        let authority_len = text[start..]
            .find(|c: char| {
                matches!(c, '/' | '?' | '#' | '"' | '\'' | '<' | '>') || c.is_whitespace()
            })
            .unwrap_or(text.len() - start);
        let authority = &text[start..start + authority_len];
        if let Some(at) = authority.rfind('@') {
            out.push_str(&text[copied..start]);
            out.push_str("***");
            copied = start + at;
        }
        search = start + authority_len;
    }
    if copied == 0 {
        return Cow::Borrowed(text);
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn userinfo_is_hidden_and_the_rest_kept() {
        for (url, shown) in [
            ("http://user:pass@host", "http://***@host"),
            (
                "http://user:pass@127.0.0.1:4566",
                "http://***@127.0.0.1:4566",
            ),
            (
                "https://u:p@kms.example.com/",
                "https://***@kms.example.com/",
            ),
            ("http://user@host:1/path", "http://***@host:1/path"),
            ("http://u:p@[::1]:8080/x", "http://***@[::1]:8080/x"),
            ("http://u:p%40w@host", "http://***@host"),
            ("http://u:p@w@host:9", "http://***@host:9"),
            ("http://host:9/a@b", "http://host:9/a@b"),
            ("http://host/p?q=a@b#c@d", "http://host/p?q=a@b#c@d"),
            ("http://[::1]:8080", "http://[::1]:8080"),
            ("http://127.0.0.1:4566", "http://127.0.0.1:4566"),
            ("not a url", "not a url"),
            ("", ""),
        ] {
            assert_eq!(redact_url(url), shown, "{url}");
        }
        assert!(matches!(redact_url("http://host"), Cow::Borrowed(_)));
    }

    #[test]
    fn every_url_in_a_line_is_redacted() {
        let line = r#"endpoint=Some("http://a:s3cr3t@h:1") error sending request for url (https://b:s3cr3t@h/x): refused"#;
        let shown = redact_urls_in(line);
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert_eq!(
            shown,
            r#"endpoint=Some("http://***@h:1") error sending request for url (https://***@h/x): refused"#
        );
        assert_eq!(
            redact_urls_in("AWS_ENDPOINT_URL=http://u:p@h:1 (x)"),
            "AWS_ENDPOINT_URL=http://***@h:1 (x)"
        );
    }
}
