//! Any bytes as an authority's answer to /.well-known/openid-configuration:
//! reading it gives the document or the names of what is missing, never a
//! panic (OIDC Discovery 1.0 §3, §4.2).
#![no_main]

use doctor::network::DiscoveryDocument;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    match DiscoveryDocument::from_json(&json) {
        Ok(document) => {
            // Every endpoint the checks go on to use was present and not blank.
            assert!(!document.issuer.trim().is_empty());
            assert!(!document.token_endpoint.trim().is_empty());
            let _ = document.issuer_is_tenant_template();
            // The trust check (issuer vs authority, endpoint schemes) names a member or passes.
            if let Err(refusal) = document.check_trust(&doctor::profile::Authority::microsoft_global()) {
                assert!(!refusal.member().is_empty());
            }
        }
        Err(missing) => assert!(!missing.is_empty()),
    }
});
