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

mod choice_tests {
    use super::*;

    fn entry(id: &str, error: i64) -> SignInEntry {
        serde_json::from_value(serde_json::json!({"id": id, "status": {"errorCode": error}})).expect("entry")
    }

    #[test]
    fn rows_of_one_sign_in_are_one_and_its_failure_is_chosen() {
        let read = Read {
            entries: vec![entry("a", 0), entry("A", 53003), entry("a", 0)],
            more_unread: false,
        };
        // IDs are lowercased when read, so "A" is "a": the first row stands for the sign-in.
        assert!(matches!(choose(read), Found::One(e) if e.id.as_deref() == Some("a")));
        let read = Read {
            entries: vec![entry("a", 0), entry("b", 53003), entry("c", 0)],
            more_unread: false,
        };
        assert!(matches!(choose(read), Found::One(e) if e.id.as_deref() == Some("b")));
    }

    #[test]
    fn many_distinct_entries_are_chosen_among_at_once_and_listed_within_the_bound() {
        let entries: Vec<SignInEntry> = (0..MAX_ENTRIES_READ).map(|n| entry(&n.to_string(), 50126)).collect();
        let started = std::time::Instant::now();
        let Found::Many(matches) = choose(Read {
            entries,
            more_unread: true,
        }) else {
            panic!("several match");
        };
        assert!(
            started.elapsed() < std::time::Duration::from_secs(1),
            "{:?}",
            started.elapsed()
        );
        assert_eq!(matches.listed.len(), MAX_MATCHES_LISTED);
        assert_eq!(matches.total, MAX_ENTRIES_READ);
        assert!(matches.more_unread);
        assert_eq!(matches.listed[0].id.as_deref(), Some("0"), "in Graph's order");
    }
}
