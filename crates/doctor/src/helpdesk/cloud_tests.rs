//! One cloud table: each cloud's Graph, and which Graph gets the help-desk token.

use super::*;

#[test]
fn each_cloud_has_its_graph() {
    let base = |a: &str| graph_target(a, None).map(|t| t.base);
    assert_eq!(
        base("https://login.microsoftonline.com/contoso.com/v2.0").as_deref(),
        Ok("https://graph.microsoft.com")
    );
    assert_eq!(
        base("https://login.microsoftonline.us/organizations").as_deref(),
        Ok("https://graph.microsoft.us")
    );
    assert_eq!(
        base("https://login.chinacloudapi.cn/common").as_deref(),
        Ok("https://microsoftgraph.chinacloudapi.cn")
    );
    let custom = graph_target("http://127.0.0.1:9/", None).expect_err("no Graph");
    assert_eq!(custom.kind, ProblemKind::UnsupportedCloud);
    let closed = graph_target("https://login.microsoftonline.de/x", None).expect_err("closed");
    assert_eq!(closed.kind, ProblemKind::UnsupportedCloud);
    let set = Url::parse("https://dod-graph.microsoft.us/").expect("url");
    assert_eq!(
        base_of(graph_target("https://login.microsoftonline.us/x", Some(&set))),
        "https://dod-graph.microsoft.us"
    );
}

fn base_of(target: Result<GraphTarget, Problem>) -> String {
    target.map(|t| t.base).unwrap_or_default()
}

#[test]
fn the_help_desk_token_goes_to_the_graph_of_its_own_cloud_only() {
    let global = "https://login.microsoftonline.com/organizations/v2.0";
    let us = "https://login.microsoftonline.us/contoso.us/v2.0";
    // The packet's cloud is the help-desk's: that Graph.
    assert_eq!(
        base_of(help_desk_graph(
            global,
            Some("https://login.windows.net/contoso.com"),
            None
        )),
        "https://graph.microsoft.com"
    );
    assert_eq!(base_of(help_desk_graph(us, None, None)), "https://graph.microsoft.us");
    // Another cloud: refused, with the authority to sign in at.
    let refused = help_desk_graph(global, Some(us), None).expect_err("another cloud");
    assert_eq!(refused.kind, ProblemKind::CloudMismatch);
    assert!(
        refused
            .message
            .contains("https://login.microsoftonline.us/organizations/v2.0"),
        "{refused}"
    );
    assert!(refused.message.contains("US Government"), "{refused}");
    let refused = help_desk_graph(us, Some(global), None).expect_err("another cloud");
    assert_eq!(refused.kind, ProblemKind::CloudMismatch);
    // A packet from no Microsoft cloud has no logs to look in.
    let custom = help_desk_graph(global, Some("http://127.0.0.1:4000"), None).expect_err("custom");
    assert_eq!(custom.kind, ProblemKind::UnsupportedCloud);
    // The graph_url setting (tests, DoD) is taken as it is.
    let set = Url::parse("http://127.0.0.1:4100/").expect("url");
    let configured = help_desk_graph("http://127.0.0.1:4000", Some(us), Some(&set)).expect("configured");
    assert_eq!(
        (configured.cloud, configured.base.as_str()),
        (Cloud::Configured, "http://127.0.0.1:4100")
    );
}

#[test]
fn the_packets_cloud_comes_from_the_same_table() {
    for (authority, cloud) in [
        (
            "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0",
            Cloud::Global,
        ),
        ("https://STS.WINDOWS.NET/x", Cloud::Global),
        (
            "https://login.microsoftonline.us/organizations/v2.0",
            Cloud::UsGovernment,
        ),
        ("https://login.partner.microsoftonline.cn/x", Cloud::China),
        ("https://login.microsoftonline.de/x", Cloud::Germany),
        ("http://127.0.0.1:4000", Cloud::Other),
    ] {
        assert_eq!(Cloud::from_authority(authority), Some(cloud), "{authority}");
        let graph = graph_target(authority, None).ok().map(|t| t.cloud);
        assert!(graph.is_none() || graph == Some(cloud), "{authority}");
    }
    assert_eq!(Cloud::from_authority("not a url"), None);
}
