//! The query words, the next-page rule and the choice among entries.

use super::*;
use chrono::DateTime;

mod window_tests {
    use super::*;

    #[test]
    fn a_time_at_chronos_ends_gives_a_window_not_a_panic() {
        for at in [DateTime::<Utc>::MAX_UTC, DateTime::<Utc>::MIN_UTC] {
            let (filter, _) = window(Some(at), 15);
            assert!(filter.contains("createdDateTime ge"), "{filter}");
        }
    }
}

mod next_link_tests {
    use super::*;

    #[test]
    fn a_next_page_on_the_same_graph_is_followed() {
        let base = "https://graph.microsoft.com";
        assert!(follows(
            base,
            "https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=x"
        ));
        assert!(follows(base, "https://GRAPH.microsoft.com:443/beta/auditLogs/signIns"));
        assert!(follows("http://127.0.0.1:8080", "http://127.0.0.1:8080/beta/x"));
    }

    #[test]
    fn a_next_page_on_another_host_port_or_scheme_is_not_followed() {
        let base = "https://graph.microsoft.com";
        for next in [
            "https://graph.microsoft.com.evil.example/beta/auditLogs/signIns",
            "https://graph.microsoft.com@evil.example/beta/auditLogs/signIns",
            "https://graph.microsoft.com:8443/beta/auditLogs/signIns",
            "http://graph.microsoft.com/beta/auditLogs/signIns",
            "https://evil.example/https://graph.microsoft.com/beta",
            "//graph.microsoft.com/beta",
            "not a url",
            "",
        ] {
            assert!(!follows(base, next), "{next}");
        }
        assert!(!follows(
            "http://127.0.0.1:8080",
            "http://127.0.0.1:8080@127.0.0.1:9090/beta/x"
        ));
        assert!(!follows("http://127.0.0.1:8080", "http://127.0.0.1:80801/beta/x"));
    }

    #[test]
    fn user_info_on_the_same_host_is_not_followed() {
        // The token would go to the right host, but a link that carries
        // credentials is not one Graph writes (RFC 3986 §3.2.1 deprecates them).
        let base = "https://graph.microsoft.com";
        assert!(!follows(base, "https://user:pass@graph.microsoft.com/beta/x"));
        assert!(!follows(base, "https://user@graph.microsoft.com/beta/x"));
    }
}

mod filter_tests {
    use super::*;

    #[test]
    fn a_quote_in_a_user_name_is_doubled_in_the_odata_string() {
        // OData URL conventions §5.1.1.6.1: a quote inside a string literal is written twice.
        let input = LookupInput {
            user: Some("O'Brien@contoso.com".to_owned()),
            ..LookupInput::default()
        };
        let filters: Vec<String> = queries(&input, Utc::now()).into_iter().map(|q| q.filter).collect();
        assert_eq!(filters.len(), 1);
        assert!(
            filters[0].starts_with("userPrincipalName eq 'o''brien@contoso.com' and createdDateTime ge "),
            "{}",
            filters[0]
        );
        let input = LookupInput {
            request_id: Some("'; drop".to_owned()),
            ..LookupInput::default()
        };
        for query in queries(&input, Utc::now()) {
            assert!(query.filter.ends_with(" eq '''; drop'"), "{}", query.filter);
        }
    }
}
