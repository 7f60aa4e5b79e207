//! Long logs for the "logs of any size" tests and benchmarks: `az login
//! --debug`-style lines (decoy GUIDs of tenants and client requests, the
//! word "error" in passing, no Entra ID labels), then one AADSTS53003 error
//! with its Trace ID, Correlation ID and Timestamp on the last line.

/// The Trace ID (Request ID) on the last line.
pub const LOG_TRACE_ID: &str = "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e";
/// The Correlation ID on the last line.
pub const LOG_CORRELATION_ID: &str = "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f";
/// The last line's timestamp, as the explainer reports it (RFC 3339, UTC).
pub const LOG_TIMESTAMP: &str = "2026-11-27T10:00:05Z";

/// The last line: azure-cli's message for AADSTS53003, with its IDs.
pub const LOG_LAST_LINE: &str = "ERROR: AADSTS53003: Access has been blocked by Conditional Access policies. The access policy does not allow token issuance. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e Correlation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f Timestamp: 2026-11-27 10:00:05Z\n";

/// What `az login --debug` prints over and over while it works.
const NOISE: &str = "\
cli.knack.cli: Event: CommandInvoker.OnPreCommandTableCreate []
cli.azure.cli.core: Modules found from index for 'login': ['azure.cli.command_modules.profile']
cli.azure.cli.core._profile: Initializing MSAL PublicClientApplication for tenant 72f988bf-86f1-41af-91ab-2d7cd011db47
msal.authority: Initializing with Entra authority: https://login.microsoftonline.com/organizations
msal.application: Broker enabled? None
urllib3.connectionpool: Starting new HTTPS connection (1): login.microsoftonline.com:443
urllib3.connectionpool: https://login.microsoftonline.com:443 \"GET /organizations/v2.0/.well-known/openid-configuration HTTP/1.1\" 200 1753
msal.token_cache: Cache hit for account 3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f, no error here
cli.azure.cli.core.sdk.policies: Request URL: 'https://management.azure.com/subscriptions?api-version=2022-12-01'
cli.azure.cli.core.sdk.policies: Request method: 'GET'
cli.azure.cli.core.sdk.policies:     'x-ms-client-request-id': 'c0ffee00-1111-4222-8333-444455556666'
cli.azure.cli.core.sdk.policies: Response status: 200
cli.azure.cli.core.util: Retrying in 2 s (the last attempt ended without an error)
";

/// A log of exactly `bytes` bytes (at least the last line's length) that
/// ends with `last_line`.
pub fn long_log(bytes: usize, last_line: &str) -> String {
    let fill = bytes.saturating_sub(last_line.len());
    let mut log = String::with_capacity(fill + last_line.len());
    while log.len() + NOISE.len() <= fill {
        log.push_str(NOISE);
    }
    // Pad the rest with a partial line of dots, so the size is exact.
    let rest = fill - log.len();
    if rest > 0 {
        log.push_str(&".".repeat(rest - 1));
        log.push('\n');
    }
    log.push_str(last_line);
    log
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_log_has_the_size_asked_for_and_ends_with_the_error() {
        for bytes in [0, 300, 10 * 1024 * 1024] {
            let log = long_log(bytes, LOG_LAST_LINE);
            assert_eq!(log.len(), bytes.max(LOG_LAST_LINE.len()));
            assert!(log.ends_with(LOG_LAST_LINE));
        }
    }
}
