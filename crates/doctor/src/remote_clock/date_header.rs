//! Reading an HTTP `Date` header (RFC 9110 §5.6.7).

use chrono::{DateTime, NaiveDateTime, Utc};

/// RFC 9110 §5.6.7: senders use IMF-fixdate; recipients must also accept
/// the obsolete RFC 850 and asctime forms. All three are in GMT (UTC).
const FORMATS: [&str; 3] = [
    "%a, %d %b %Y %H:%M:%S GMT", // Sun, 06 Nov 1994 08:49:37 GMT
    "%A, %d-%b-%y %H:%M:%S GMT", // Sunday, 06-Nov-94 08:49:37 GMT
    "%a %b %e %H:%M:%S %Y",      // Sun Nov  6 08:49:37 1994
];

pub fn parse_http_date(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(text, format).ok())
        .map(|naive| naive.and_utc())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_all_three_forms_of_rfc_9110() {
        let expected = "1994-11-06T08:49:37+00:00";
        for text in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            let parsed = parse_http_date(text).map(|d| d.to_rfc3339());
            assert_eq!(parsed.as_deref(), Some(expected), "{text}");
        }
    }

    #[test]
    fn rejects_what_is_not_an_http_date() {
        for text in ["", "yesterday", "2024-01-01T00:00:00Z", "Sun, 06 Nov 1994 08:49:37 CET"] {
            assert_eq!(parse_http_date(text), None, "{text}");
        }
    }
}
