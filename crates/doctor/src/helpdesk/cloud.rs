//! Microsoft's clouds, in one table: the sign-in hosts of each, its
//! Microsoft Graph (learn: /graph/deployments; Graph PowerShell's
//! authentication-commands) and its words. The packet reader names a
//! packet's cloud from it, and the lookup picks Graph from it: the Graph of
//! the cloud the help-desk person signed in to, never one a packet names
//! (the help-desk token is that cloud's; RFC 6750 §5.3). Sign-in logs
//! outside the global cloud are not confirmed, so a national cloud is
//! asked, and its "no such segment" answer becomes `unsupported_cloud`.

use super::problem::{Problem, ProblemKind};
use serde::Serialize;
use url::Url;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Cloud {
    /// login.microsoftonline.com (also login.windows.net, sts.windows.net).
    Global,
    /// login.microsoftonline.us: US Government L4 (GCC High) or DoD (L5);
    /// the authority alone does not tell them apart (DoD needs `graph_url`).
    UsGovernment,
    /// login.chinacloudapi.cn / login.partner.microsoftonline.cn (21Vianet).
    China,
    /// login.microsoftonline.de: Microsoft Cloud Deutschland, closed.
    Germany,
    /// Any other host (a test provider, a custom authority).
    Other,
    /// Set by the `graph_url` setting (tests, DoD, a private endpoint).
    Configured,
}

/// Each cloud's sign-in hosts, Graph, and where its help-desk signs in.
struct CloudRow {
    cloud: Cloud,
    sign_in_hosts: &'static [&'static str],
    graph: Option<&'static str>,
    help_desk_authority: &'static str,
    words: &'static str,
}

const CLOUDS: [CloudRow; 4] = [
    CloudRow {
        cloud: Cloud::Global,
        sign_in_hosts: &[
            "login.microsoftonline.com",
            "login.windows.net",
            "login.microsoft.com",
            "sts.windows.net",
        ],
        graph: Some("https://graph.microsoft.com"),
        help_desk_authority: "https://login.microsoftonline.com/organizations/v2.0",
        words: "Microsoft's global cloud",
    },
    CloudRow {
        cloud: Cloud::UsGovernment,
        sign_in_hosts: &["login.microsoftonline.us", "login.usgovcloudapi.net"],
        graph: Some("https://graph.microsoft.us"),
        help_desk_authority: "https://login.microsoftonline.us/organizations/v2.0",
        words: "Microsoft's US Government cloud (GCC High or DoD)",
    },
    CloudRow {
        cloud: Cloud::China,
        sign_in_hosts: &["login.chinacloudapi.cn", "login.partner.microsoftonline.cn"],
        graph: Some("https://microsoftgraph.chinacloudapi.cn"),
        help_desk_authority: "https://login.chinacloudapi.cn/organizations/v2.0",
        words: "Microsoft's cloud in China (operated by 21Vianet)",
    },
    CloudRow {
        cloud: Cloud::Germany,
        sign_in_hosts: &["login.microsoftonline.de"],
        graph: None,
        help_desk_authority: "",
        words: "Microsoft Cloud Deutschland (closed)",
    },
];

impl Cloud {
    /// The cloud of an authority URL; `None` when it is not a URL.
    pub fn from_authority(authority: &str) -> Option<Self> {
        let host = Url::parse(authority.trim()).ok()?.host_str()?.to_ascii_lowercase();
        Some(
            CLOUDS
                .iter()
                .find(|row| row.sign_in_hosts.contains(&host.as_str()))
                .map_or(Cloud::Other, |row| row.cloud),
        )
    }

    pub fn words(self) -> &'static str {
        match self {
            Cloud::Other => "not a Microsoft cloud (a custom or test authority)",
            Cloud::Configured => "the Microsoft Graph set in Settings (graph_url)",
            cloud => row(cloud).map_or("", |r| r.words),
        }
    }
}

fn row(cloud: Cloud) -> Option<&'static CloudRow> {
    CLOUDS.iter().find(|r| r.cloud == cloud)
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
    match Cloud::from_authority(authority).and_then(row) {
        Some(CloudRow {
            cloud, graph: Some(base), ..
        }) => Ok(GraphTarget {
            cloud: *cloud,
            base: (*base).to_owned(),
        }),
        Some(_) => Err(Problem::new(
            ProblemKind::UnsupportedCloud,
            "The sign-in was at Microsoft Cloud Deutschland, which has closed: it has no Microsoft Graph sign-in logs.",
        )),
        None => Err(Problem::new(
            ProblemKind::UnsupportedCloud,
            format!("The sign-in's authority ({}) is not one of Microsoft's clouds, so there is no Microsoft Graph to ask for its sign-in logs. If it is, set the Microsoft Graph address (graph_url) in Settings.", if host.is_empty() { authority } else { &host }),
        )),
    }
}

/// The Graph that gets the help-desk token: the one of the cloud the
/// help-desk person signs in to (`signed_in_at`), and only when the
/// packet's sign-in (`packet_authority`, if it names one) is in that same
/// cloud; a `graph_url` setting is taken as it is.
pub fn help_desk_graph(
    signed_in_at: &str,
    packet_authority: Option<&str>,
    graph_url: Option<&Url>,
) -> Result<GraphTarget, Problem> {
    if graph_url.is_some() {
        return graph_target(signed_in_at, graph_url);
    }
    // A packet from a cloud without sign-in logs is said as such first.
    let packet = packet_authority.map(|a| graph_target(a, None)).transpose()?;
    let signed = graph_target(signed_in_at, None)?;
    match packet {
        Some(packet) if packet.cloud != signed.cloud => Err(cloud_mismatch(packet.cloud, signed.cloud)),
        _ => Ok(signed),
    }
}

/// The packet's sign-in is in another cloud than the help-desk sign-in.
fn cloud_mismatch(packet: Cloud, signed_in: Cloud) -> Problem {
    let authority = row(packet).map_or("", |r| r.help_desk_authority);
    Problem::new(
        ProblemKind::CloudMismatch,
        format!(
            "The user signed in at {}, but you sign in as help-desk at {}, and a help-desk token is only sent to its own cloud's Microsoft Graph. To look this sign-in up, sign in as help-desk to that cloud: set the sign-in authority in Settings to {authority} (an account of that cloud's tenant), then look it up again.",
            packet.words(),
            signed_in.words()
        ),
    )
}

/// Graph's answer when a cloud has no sign-in logs (21Vianet: msgraph-sdk-powershell#3189).
pub fn no_sign_in_logs(cloud: Cloud) -> Problem {
    let which = match cloud {
        Cloud::China => "Microsoft Graph operated by 21Vianet (China)",
        Cloud::UsGovernment => "Microsoft Graph for US Government",
        Cloud::Global | Cloud::Germany | Cloud::Other => "Microsoft Graph",
        Cloud::Configured => "The configured Microsoft Graph",
    };
    Problem::new(
        ProblemKind::UnsupportedCloud,
        format!("{which} has no sign-in logs (it answered \"Resource not found for the segment 'signIns'\"). Look the sign-in up in that cloud's Entra admin center › Sign-in logs."),
    )
}

#[cfg(test)]
#[path = "cloud_tests.rs"]
mod tests;
