//! "Tokens from sign-in": the ID token validated against the issuer's keys
//! (OIDC Core §3.1.3.7), the access token against what was asked for.

use super::{compare_with_request, inspect, validate_id_token, Expectations, FetchedKeys, TokenVerdict, VerdictId};
use crate::checks::{ids, Check, Outcome, Probe, ProbeContext, Status};
use crate::signin::{after_sign_in, without_tokens};
use crate::ActionKind;
use futures::future::BoxFuture;
use futures::FutureExt;
use std::time::Duration;
use url::Url;

pub struct TokenProbe {
    pub bound: Duration,
}

impl Probe for TokenProbe {
    fn check(&self) -> Check {
        after_sign_in(ids::TOKEN, "Tokens from sign-in", self.bound)
    }

    fn run<'a>(&'a self, ctx: &'a ProbeContext) -> BoxFuture<'a, Outcome> {
        async move {
            let tokens = match ctx.session.tokens_for(&ctx.profile) {
                Ok(tokens) => tokens,
                Err(why) => return without_tokens(why),
            };
            let now = (ctx.now)();
            let mut findings: Vec<(&str, TokenVerdict)> = Vec::new();
            if let Some(id_token) = &tokens.id_token {
                match inspect(id_token.expose(), now) {
                    Ok((decoded, inspection)) => {
                        findings.extend(inspection.verdicts.into_iter().map(|v| ("ID token", v)));
                        if let Some(discovery) = ctx.found.discovery.get() {
                            let keys = match Url::parse(&discovery.jwks_uri) {
                                Ok(url) => FetchedKeys::new(ctx.http(), url),
                                Err(e) => {
                                    return Outcome::new(
                                        Status::Fail,
                                        format!("The issuer's key address is not a URL: {e}."),
                                    )
                                }
                            };
                            let expect = Expectations {
                                client_id: &ctx.profile.client_id,
                                issuer: &discovery.issuer,
                                nonce: tokens.nonce.as_deref(),
                            };
                            let checked = validate_id_token(&decoded, &keys, &expect).await;
                            findings.extend(checked.into_iter().map(|v| ("ID token", v)));
                        }
                    }
                    Err(e) => findings.push((
                        "ID token",
                        TokenVerdict::new(VerdictId::Decode, Status::Fail, e.to_string()),
                    )),
                }
            }
            match inspect(tokens.access_token.expose(), now) {
                Ok((decoded, inspection)) => {
                    findings.extend(inspection.verdicts.into_iter().map(|v| ("Access token", v)));
                    let asked = compare_with_request(&decoded, &ctx.profile.scopes);
                    findings.extend(asked.into_iter().map(|v| ("Access token", v)));
                }
                // RFC 6749 §1.4: access tokens may be opaque to the client.
                Err(_) => findings.push((
                    "Access token",
                    TokenVerdict::new(
                        VerdictId::Opaque,
                        Status::Pass,
                        "Opaque (not a JWT): only the API it is for can read it, which is normal.",
                    ),
                )),
            }
            verdict(findings)
        }
        .boxed()
    }
}

fn verdict(findings: Vec<(&str, TokenVerdict)>) -> Outcome {
    // Status orders pass < warn < fail.
    let worst = findings.iter().map(|(_, v)| v.status).max();
    let first = |status| {
        findings
            .iter()
            .find(|(_, v)| v.status == status)
            .map(|(which, v)| format!("{which}: {}", v.message))
    };
    let mut outcome = match worst {
        Some(Status::Fail) => Outcome::new(Status::Fail, first(Status::Fail).unwrap_or_default()),
        Some(Status::Warn) => Outcome::new(Status::Warn, first(Status::Warn).unwrap_or_default()),
        _ => Outcome::new(
            Status::Pass,
            "The ID token is genuine (signature, issuer, audience, nonce) and the access token is for what was asked.",
        ),
    };
    for (which, v) in findings {
        let word = match v.status {
            Status::Fail => "FAIL",
            Status::Warn => "warning",
            _ => "ok",
        };
        outcome = outcome.with_evidence(format!("{which} · {}", v.id), format!("{word}: {}", v.message));
    }
    if outcome.status == Status::Fail {
        outcome = outcome.with_fix_steps([
            "Re-authenticate to get fresh tokens.",
            "If a time check failed, check this computer's date, time and time zone (see the Clock row).",
        ]);
    }
    outcome.with_action(ActionKind::InspectToken)
}
