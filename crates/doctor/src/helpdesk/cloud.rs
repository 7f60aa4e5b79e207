//! Which Microsoft Graph serves a sign-in's cloud (learn: /graph/deployments;
//! Graph PowerShell's authentication-commands): global, US Government,
//! China. Sign-in logs outside the global cloud are not confirmed, so a
//! national cloud is asked, and its "no such segment" answer becomes
//! `unsupported_cloud` (see lookup).

use super::problem::{Problem, ProblemKind};
use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    Global,
    /// US Government L4 (GCC High). DoD (L5) shares its sign-in host and needs `graph_url`.
    UsGovernment,
    /// Operated by 21Vianet.
    China,
    /// Set by the `graph_url` setting (tests, DoD, a private endpoint).
    Configured,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GraphTarget {
    pub cloud: Cloud,
    /// Ends without a slash: `https://graph.microsoft.com`.
    pub base: String,
}

/// The Graph for `authority` (an authority URL), unless `graph_url` names one.
pub fn graph_target(authority: &str, graph_url: Option<&Url>) -> Result<GraphTarget, Problem> {
    if let Some(url) = graph_url {
        return Ok(GraphTarget {
            cloud: Cloud::Configured,
            base: url.as_str().trim_end_matches('/').to_owned(),
        });
    }
    let host = Url::parse(authority)
        .ok()
        .and_then(|u| u.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_default();
    let (cloud, base) = match host.as_str() {
        "login.microsoftonline.com" | "login.windows.net" | "login.microsoft.com" | "sts.windows.net" => {
            (Cloud::Global, "https://graph.microsoft.com")
        }
        "login.microsoftonline.us" | "login.usgovcloudapi.net" => (Cloud::UsGovernment, "https://graph.microsoft.us"),
        "login.chinacloudapi.cn" | "login.partner.microsoftonline.cn" => {
            (Cloud::China, "https://microsoftgraph.chinacloudapi.cn")
        }
        "login.microsoftonline.de" => {
            return Err(Problem::new(
                ProblemKind::UnsupportedCloud,
                "The sign-in was at Microsoft Cloud Deutschland, which has closed: it has no Microsoft Graph sign-in logs.",
            ))
        }
        _ => {
            return Err(Problem::new(
                ProblemKind::UnsupportedCloud,
                format!("The sign-in's authority ({}) is not one of Microsoft's clouds, so there is no Microsoft Graph to ask for its sign-in logs. If it is, set the Microsoft Graph address (graph_url) in Settings.", if host.is_empty() { authority } else { &host }),
            ))
        }
    };
    Ok(GraphTarget {
        cloud,
        base: base.to_owned(),
    })
}

/// Graph's answer when a cloud has no sign-in logs (21Vianet: msgraph-sdk-powershell#3189).
pub fn no_sign_in_logs(cloud: Cloud) -> Problem {
    let which = match cloud {
        Cloud::China => "Microsoft Graph operated by 21Vianet (China)",
        Cloud::UsGovernment => "Microsoft Graph for US Government",
        Cloud::Global => "Microsoft Graph",
        Cloud::Configured => "The configured Microsoft Graph",
    };
    Problem::new(
        ProblemKind::UnsupportedCloud,
        format!("{which} has no sign-in logs (it answered \"Resource not found for the segment 'signIns'\"). Look the sign-in up in that cloud's Entra admin center › Sign-in logs."),
    )
}

#[cfg(test)]
mod tests {
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
        let set = Url::parse("https://dod-graph.microsoft.us/").expect("url");
        assert_eq!(
            base_of(graph_target("https://login.microsoftonline.us/x", Some(&set))),
            "https://dod-graph.microsoft.us"
        );
    }

    fn base_of(target: Result<GraphTarget, Problem>) -> String {
        target.map(|t| t.base).unwrap_or_default()
    }
}
