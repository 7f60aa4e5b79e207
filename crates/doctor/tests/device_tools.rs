//! The device tools' outputs, as recorded from the formats Microsoft and
//! Apple document, read into the facts Conditional Access evaluates.

use doctor::device::{parse_app_sso, parse_dsregcmd};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/device/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn dsregcmd_on_an_entra_joined_laptop() {
    let status = parse_dsregcmd(&fixture("dsregcmd-entra-joined.txt")).expect("parsed");
    assert_eq!(status.azure_ad_joined, Some(true));
    assert_eq!(status.enterprise_joined, Some(false));
    assert_eq!(status.domain_joined, Some(false));
    assert_eq!(status.domain_name, None);
    assert_eq!(status.workplace_joined, Some(false));
    assert_eq!(
        status.device_id.as_deref(),
        Some("5820fbe9-60c8-43b0-bb11-44aee233e4e7")
    );
    assert_eq!(status.device_auth_status.as_deref(), Some("SUCCESS"));
    assert_eq!(
        status.tenant_id.as_deref(),
        Some("72f988bf-86f1-41af-91ab-2d7cd011db47")
    );
    assert_eq!(status.tenant_name.as_deref(), Some("Contoso"));
    assert_eq!(status.azure_ad_prt, Some(true));
    assert_eq!(
        status.azure_ad_prt_update_time.as_deref(),
        Some("2026-11-24 19:15:26.000 UTC")
    );
    assert_eq!(
        status.azure_ad_prt_expiry_time.as_deref(),
        Some("2026-12-08 19:15:26.000 UTC")
    );
    assert_eq!(status.client_time, None);
    assert_eq!(status.prt_error, None);
    assert_eq!(status.join_type(), "Microsoft Entra joined");
}

#[test]
fn dsregcmd_on_a_hybrid_joined_pc_without_a_prt() {
    let status = parse_dsregcmd(&fixture("dsregcmd-hybrid-prt-error.txt")).expect("parsed");
    assert_eq!(status.azure_ad_joined, Some(true));
    assert_eq!(status.domain_joined, Some(true));
    assert_eq!(status.domain_name.as_deref(), Some("HYBRIDTEST"));
    assert_eq!(status.join_type(), "Microsoft Entra hybrid joined");
    assert_eq!(status.azure_ad_prt, Some(false));
    assert_eq!(status.azure_ad_prt_update_time, None);
    assert_eq!(
        status.tenant_id.as_deref(),
        Some("96fa76d0-1c4e-4d2a-9b0f-eb60cc22d8b7")
    );
    assert_eq!(status.client_time.as_deref(), Some("2026-11-25 20:10:34.000 UTC"));
    let error = status.prt_error.expect("the failed PRT attempt");
    assert_eq!(error.attempt_time.as_deref(), Some("2026-11-25 20:10:33.789 UTC"));
    assert_eq!(error.server_error_code.as_deref(), Some("invalid_grant"));
    assert!(error
        .server_error_description
        .as_deref()
        .is_some_and(|d| d.starts_with("AADSTS50126: Error validating credentials")));
    // The box's own Correlation ID, lower-cased, not the one inside the description.
    assert_eq!(
        error.correlation_id.as_deref(),
        Some("63648321-fc5c-46eb-996e-ed1f3ba7740f")
    );
}

#[test]
fn dsregcmd_on_a_home_pc() {
    let status = parse_dsregcmd(&fixture("dsregcmd-not-joined.txt")).expect("parsed");
    assert_eq!(status.azure_ad_joined, Some(false));
    assert_eq!(status.domain_joined, Some(false));
    assert_eq!(status.workplace_joined, Some(false));
    assert_eq!(status.device_id, None);
    assert_eq!(status.tenant_id, None);
    assert_eq!(status.azure_ad_prt, Some(false));
    assert_eq!(status.join_type(), "Not joined or registered");
}

#[test]
fn dsregcmd_errors_and_other_text_are_not_read_as_a_status() {
    assert_eq!(parse_dsregcmd(""), None);
    assert_eq!(
        parse_dsregcmd("'dsregcmd' is not recognized as an internal or external command"),
        None
    );
    assert_eq!(parse_dsregcmd("| Device State |\n  Foo : bar\n"), None);
}

#[test]
fn app_sso_on_a_registered_mac_macos_14_format() {
    let status = parse_app_sso(&fixture("app-sso-registered-macos14.txt")).expect("parsed");
    assert_eq!(
        status.extension_identifier.as_deref(),
        Some("com.microsoft.CompanyPortalMac.ssoextension")
    );
    assert!(status.is_microsoft());
    assert_eq!(status.registration_completed, Some(true));
    assert_eq!(status.login_type.as_deref(), Some("POLoginTypeUserSecureEnclaveKey"));
    assert_eq!(status.user_state.as_deref(), Some("POUserStateNormal"));
    assert_eq!(status.tokens_expired, Some(false));
    assert!(status.device_configured);
    assert!(status.user_configured);
}

#[test]
fn app_sso_on_a_registered_mac_macos_13_format() {
    let status = parse_app_sso(&fixture("app-sso-registered-macos13.txt")).expect("parsed");
    assert_eq!(
        status.extension_identifier.as_deref(),
        Some("com.microsoft.CompanyPortalMac.ssoextension")
    );
    assert_eq!(status.registration_completed, Some(true));
    assert_eq!(status.login_type.as_deref(), Some("POLoginTypePassword"));
    assert_eq!(status.user_state.as_deref(), Some("POUserStateNormal"));
    assert_eq!(status.tokens_expired, Some(true));
}

#[test]
fn app_sso_on_a_mac_without_platform_sso() {
    let status = parse_app_sso(&fixture("app-sso-not-configured.txt")).expect("parsed");
    assert_eq!(status.extension_identifier, None);
    assert_eq!(status.registration_completed, None);
    assert!(!status.device_configured);
    assert!(!status.user_configured);
    assert!(!status.is_microsoft());
    assert_eq!(parse_app_sso("zsh: command not found: app-sso"), None);
}
