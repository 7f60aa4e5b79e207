//! The explainer against error texts in every shape people paste: each row
//! asserts every field of the `explain --json` contract, and that decoy
//! GUIDs (device IDs, client request IDs, ParentRequestId, state) are not taken.

use doctor::aadsts::{explain, knowledge};

const T: &str = "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"; // trace / request ID
const C: &str = "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f"; // correlation ID
const A: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"; // app ID (Azure CLI)
const DEVICE: &str = "11111111-aaaa-4bbb-8ccc-222222222222";
const CLIENT_REQUEST: &str = "33333333-dddd-4eee-8fff-444444444444";
const PARENT: &str = "55555555-6666-4777-8888-999999999999";
const STATE: &str = "66666666-7777-4888-9999-aaaaaaaaaaaa";
const TS: &str = "2023-05-29T05:46:34Z";

struct Row {
    shape: &'static str,
    text: String,
    code: Option<u32>,
    name: Option<&'static str>,
    other: Vec<u32>,
    error: Option<&'static str>,
    trace: Option<&'static str>,
    correlation: Option<&'static str>,
    timestamp: Option<&'static str>,
    app: Option<&'static str>,
}

fn row(shape: &'static str, text: String, code: Option<u32>) -> Row {
    Row {
        shape,
        text,
        code,
        name: None,
        other: Vec::new(),
        error: None,
        trace: None,
        correlation: None,
        timestamp: None,
        app: None,
    }
}

impl Row {
    fn name(mut self, n: &'static str) -> Self {
        self.name = Some(n);
        self
    }
    fn other(mut self, codes: &[u32]) -> Self {
        self.other = codes.to_vec();
        self
    }
    fn error(mut self, e: &'static str) -> Self {
        self.error = Some(e);
        self
    }
    fn ids(
        mut self,
        trace: Option<&'static str>,
        correlation: Option<&'static str>,
        timestamp: Option<&'static str>,
    ) -> Self {
        self.trace = trace;
        self.correlation = correlation;
        self.timestamp = timestamp;
        self
    }
    fn app(mut self, a: &'static str) -> Self {
        self.app = Some(a);
        self
    }
}

fn browser_block(code: u32, extra: &str) -> String {
    format!(
        "Sign in\nYou cannot access this right now\nYour sign-in was successful but does not meet the criteria to access this resource.\n\
         More details\nTroubleshooting details\nIf you contact your administrator, send this info to them.\nCopy info to clipboard\n\
         Request Id: {T}\nCorrelation Id: {C}\nTimestamp: 2023-05-29T05:46:34.837Z\nMessage: Your admin has blocked access.\n\
         App name: Microsoft Azure CLI\nApp id: {A}\nIP address: 203.0.113.7\nDevice identifier: {DEVICE}\nDevice platform: Windows 10\n\
         Device state: Unregistered\nError Code: {code}\n{extra}Flag sign-in errors for review: Enable flagging"
    )
}

fn description(code: u32, message: &str, sep: &str) -> String {
    format!("AADSTS{code}: {message}{sep}Trace ID: {T}{sep}Correlation ID: {C}{sep}Timestamp: 2023-05-29 05:46:34Z")
}

fn table() -> Vec<Row> {
    let blocked =
        "Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.";
    let all_ids = (Some(T), Some(C), Some(TS));
    vec![
        row("browser troubleshooting block", browser_block(53003, ""), Some(53003))
            .name("BlockedByConditionalAccess")
            .ids(all_ids.0, all_ids.1, all_ids.2)
            .app(A),
        row("browser block, device must be managed", browser_block(530033, ""), Some(530033)).ids(Some(T), Some(C), Some(TS)).app(A),
        row("browser block, MFA", browser_block(50076, ""), Some(50076))
            .name("UserStrongAuthClientAuthNRequired")
            .ids(Some(T), Some(C), Some(TS))
            .app(A),
        row("CLI line", format!("ERROR: {}", description(53003, blocked, " ")), Some(53003))
            .name("BlockedByConditionalAccess")
            .ids(Some(T), Some(C), Some(TS)),
        row(
            "azure-cli log",
            format!(
                "WARNING: A web browser has been opened at https://login.microsoftonline.com/organizations/oauth2/v2.0/authorize.\n\
                 ERROR: {}\nInteractive authentication is needed. Please run:\naz login --scope https://management.core.windows.net//.default",
                description(50076, "Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication.", "\n")
            ),
            Some(50076),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "token endpoint JSON, pretty",
            format!(
                "{{\n  \"error\": \"interaction_required\",\n  \"error_description\": \"{}\",\n  \"error_codes\": [\n    53003\n  ],\n  \"timestamp\": \"2023-05-29 05:46:34Z\",\n  \"trace_id\": \"{T}\",\n  \"correlation_id\": \"{C}\",\n  \"error_uri\": \"https://login.microsoftonline.com/error?code=53003\",\n  \"suberror\": \"message_only\"\n}}",
                description(53003, blocked, "\\r\\n")
            ),
            Some(53003),
        )
        .error("interaction_required")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "JSON, generic wrapper code first",
            format!(
                r#"{{"error":"invalid_client","error_description":"AADSTS70002: Error validating credentials. AADSTS7000215: Invalid client secret provided.\r\nTrace ID: {T}\r\nCorrelation ID: {C}\r\nTimestamp: 2023-05-29 05:46:34Z","error_codes":[70002,7000215],"timestamp":"2023-05-29 05:46:34Z","trace_id":"{T}","correlation_id":"{C}"}}"#
            ),
            Some(7000215),
        )
        .other(&[70002])
        .error("invalid_client")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "JSON escaped inside an SDK message",
            format!(
                r#"Azure.Identity.AuthenticationFailedException: ClientSecretCredential authentication failed: {{"message":"{{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS700082: The refresh token has expired due to inactivity.\\r\\nTrace ID: {T}\\r\\nCorrelation ID: {C}\\r\\nTimestamp: 2023-05-29 05:46:34Z\",\"error_codes\":[700082]}}"}}"#
            ),
            Some(700082),
        )
        .error("invalid_grant")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "JSON wrapped across lines by a terminal",
            "{\"error\":\"interaction_required\",\"error_description\":\"AADSTS53003: Access has been blocked.\\r\\nTrace ID: 0b6b1e0e-5c7d-\n4a7b-9d7e-1f2a3b4c5d6e\\r\\nCorrelation ID: 7c1f0c9e-3a2b-4c5d-8e9f-\n   0a1b2c3d4e5f\\r\\nTimestamp: 2023-05-29 05:46:34Z\",\"error_codes\":[53003]}"
                .to_owned(),
            Some(53003),
        )
        .error("interaction_required")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "redirect URL, URL-encoded with +",
            format!(
                "http://localhost:53123/?error=access_denied&error_description=AADSTS53003%3a+Access+has+been+blocked+by+Conditional+Access+policies.%0d%0aTrace+ID%3a+{T}%0d%0aCorrelation+ID%3a+{C}%0d%0aTimestamp%3a+2023-05-29+05%3a46%3a34Z&state={STATE}"
            ),
            Some(53003),
        )
        .error("access_denied")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "authorize URL and a page, decoys in the URL",
            format!(
                "https://login.microsoftonline.com/common/oauth2/v2.0/authorize?client_id={A}&response_type=code&redirect_uri=http%3A%2F%2Flocalhost&client-request-id={CLIENT_REQUEST}&state={STATE}\nAADSTS50011: The redirect URI 'http://localhost' specified in the request does not match the redirect URIs configured for the application."
            ),
            Some(50011),
        )
        .name("InvalidReplyTo")
        .app(A),
        row(
            ".NET MSAL stack trace",
            format!(
                "Microsoft.Identity.Client.MsalUiRequiredException: {}\n   at Microsoft.Identity.Client.Internal.Requests.RequestBase.HandleTokenRefreshErrorAsync(MsalServiceException e)\n   at Microsoft.Identity.Client.Internal.Requests.SilentRequest.ExecuteAsync()\n ErrorCode: invalid_grant\n StatusCode: 400",
                description(50076, "Due to a configuration change made by your administrator, you must use multi-factor authentication.", " ")
            ),
            Some(50076),
        )
        .error("invalid_grant")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "Java MSAL4J exception",
            format!(
                "com.microsoft.aad.msal4j.MsalServiceException: AADSTS700016: Application with identifier '{A}' was not found in the directory 'contoso.onmicrosoft.com'. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z\n\tat com.microsoft.aad.msal4j.MsalServiceExceptionFactory.fromHttpResponse(MsalServiceExceptionFactory.java:45)"
            ),
            Some(700016),
        )
        .name("UnauthorizedClient_DoesNotMatchRequest")
        .ids(Some(T), Some(C), Some(TS))
        .app(A),
        row(
            "Python msal result dict",
            format!(
                "{{'error': 'invalid_client', 'error_description': \"AADSTS7000222: The provided client secret keys for app '{A}' are expired. Trace ID: {T}\\r\\nCorrelation ID: {C}\\r\\nTimestamp: 2023-05-29 05:46:34Z\", 'error_codes': [7000222], 'timestamp': '2023-05-29 05:46:34Z', 'trace_id': '{T}', 'correlation_id': '{C}'}}"
            ),
            Some(7000222),
        )
        .name("InvalidClientSecretExpiredKeysProvided")
        .error("invalid_client")
        .ids(Some(T), Some(C), Some(TS))
        .app(A),
        row(
            "PowerShell Connect-MgGraph",
            format!(
                "Connect-MgGraph: InteractiveBrowserCredential authentication failed: AADSTS65001: The user or administrator has not consented to use the application with ID '{A}' named 'Microsoft Graph Command Line Tools'. Send an interactive authorization request for this user and resource. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"
            ),
            Some(65001),
        )
        .name("DelegationDoesNotExist")
        .ids(Some(T), Some(C), Some(TS))
        .app(A),
        row(
            "service log with ParentRequestId decoy",
            format!("2023-05-29 05:46:34 ParentRequestId: {PARENT}, RequestId: {T}, Result: Failure, ErrorCode: 50126"),
            Some(50126),
        )
        .name("InvalidUserNameOrPassword")
        .ids(Some(T), None, None),
        row(
            "MSAL log with client-request-id decoy",
            format!("[MSAL:0001] ERROR *** 2023-05-29 05:46:34Z - client-request-id: {CLIENT_REQUEST} Error: AADSTS50058: A silent sign-in request was sent but no user is signed in."),
            Some(50058),
        ),
        row(
            "HTTP dump with x-ms-request-id",
            format!("HTTP/1.1 400 Bad Request\nx-ms-request-id: {T}\nx-ms-clitelem: 1,90002,0,,\n\n{{\"error\":\"invalid_request\",\"error_description\":\"AADSTS90002: Tenant 'contoso.onmicrosoft.us' not found.\"}}"),
            Some(90002),
        )
        .name("InvalidTenantName")
        .error("invalid_request")
        .ids(Some(T), None, None),
        row("bare code", "AADSTS50126".to_owned(), Some(50126)).name("InvalidUserNameOrPassword"),
        row("unknown code", "AADSTS9999999: Something new.".to_owned(), Some(9999999)),
        row("no code at all", "The remote server returned an error: (400) Bad Request.".to_owned(), None),
        row(
            "offset timestamp",
            format!("AADSTS53003: Blocked. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29T07:46:34+02:00"),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "seven fraction digits",
            format!("AADSTS53003: Blocked. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29T05:46:34.1234567Z"),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "upper-case GUIDs",
            format!("AADSTS53003: Blocked. Trace ID: {} Correlation ID: {} Timestamp: 2023-05-29 05:46:34Z", T.to_uppercase(), C.to_uppercase()),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "specific code, then the loop code",
            format!("{} AADSTS50199: For security reasons, user confirmation is required for this request.", description(53003, blocked, " ")),
            Some(53003),
        )
        .other(&[50199])
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "generic 50000 before a specific code",
            format!("AADSTS50000: There was an error issuing a token. AADSTS530032: Blocked by security policy. Trace ID: {T}"),
            Some(530032),
        )
        .name("BlockedByConditionalAccessOnSecurityPolicy")
        .other(&[50000])
        .ids(Some(T), None, None),
        row(
            "Graph OData error without AADSTS",
            r#"{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired or is not yet valid.","innerError":{"date":"2023-05-29T05:46:34","request-id":"0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"}}}"#.to_owned(),
            None,
        )
        .ids(Some(T), None, None),
        row(
            "Teams sign-in page",
            format!("We couldn't sign you in. Error Code: 53003\nRequest Id: {T}\nCorrelation Id: {C}\nTimestamp: 2023-05-29T05:46:34.000Z"),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "kubelogin",
            format!("error: failed to get token: expected an empty error but received: AADSTS530003: Your device is required to be managed to access this resource. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(530003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "malformed request",
            format!("AADSTS9002313: Invalid request. Request is malformed or invalid. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(9002313),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "OAuth error only",
            "error=invalid_request&error_description=The+request+is+missing+a+required+parameter".to_owned(),
            None,
        )
        .error("invalid_request"),
        row(
            "URL-encoded description only",
            "error_description=AADSTS50011%3a+The+redirect+URI+does+not+match.".to_owned(),
            Some(50011),
        )
        .name("InvalidReplyTo"),
        row(
            "ARM error with camelCase correlationId",
            format!(r#"{{"error":{{"code":"AuthenticationFailed","message":"AADSTS700024: Client assertion is not within its valid time range."}},"correlationId":"{C}"}}"#),
            Some(700024),
        )
        .ids(None, Some(C), None),
        row(
            "device code flow blocked",
            format!("AADSTS50199: CmsiInterrupt - For security reasons, user confirmation is required for this request. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(50199),
        )
        .name("CmsiInterrupt")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "browser block with state in a pasted URL",
            format!("{}\nhttps://login.microsoftonline.com/common/reprocess?ctx=rQQIARAA&state={STATE}", browser_block(53003, "")),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS))
        .app(A),
        row(
            "JSON escaped twice",
            format!(
                r#""{{\"message\":\"{{\\\"error\\\":\\\"interaction_required\\\",\\\"error_description\\\":\\\"AADSTS50079: The user is required to use multi-factor authentication.\\\\r\\\\nTrace ID: {T}\\\\r\\\\nCorrelation ID: {C}\\\\r\\\\nTimestamp: 2023-05-29 05:46:34Z\\\"}}\"}}""#
            ),
            Some(50079),
        )
        .error("interaction_required")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "password expired",
            format!("AADSTS50055: The password is expired. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(50055),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "user not assigned",
            format!("AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access. Trace ID: {T}"),
            Some(50105),
        )
        .ids(Some(T), None, None),
        row(
            "app disabled",
            format!("{{\"error\":\"unauthorized_client\",\"error_description\":\"AADSTS7000112: Application '{A}' is disabled.\"}}"),
            Some(7000112),
        )
        .error("unauthorized_client")
        .app(A),
        row(
            "sign-in frequency",
            format!("AADSTS70043: The refresh token has expired or is invalid due to sign-in frequency checks by conditional access. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(70043),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "token protection",
            format!("AADSTS530084: Access has been blocked by conditional access token protection policy. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(530084),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "browser block with its line breaks lost",
            browser_block(53003, "").replace('\n', ""),
            Some(53003),
        )
        .name("BlockedByConditionalAccess")
        .ids(Some(T), Some(C), Some(TS))
        .app(A),
        // Issue 12's own examples of library labels (real pastes are in explain_field.rs).
        row(
            "azure_auth TokenError label",
            format!("azure_auth.exceptions.TokenError: invalid_grant: AADSTS700082: The refresh token has expired due to inactivity. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z"),
            Some(700082),
        )
        .error("invalid_grant")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "Python list printed as a string",
            format!("{{'error': \"['access_denied']\", 'error_description': \"['AADSTS65004: User declined to consent to access the app. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z']\", 'state': '{STATE}'}}"),
            Some(65004),
        )
        .error("access_denied")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "IDs wrapped by a terminal in the middle of a group",
            "AADSTS53003: Access has been blocked by Conditional Access policies. Trace ID: 0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b\n4c5d6e Correlation ID: 7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c\n3d4e5f Timestamp: 2023-05-29 05:46:34Z".to_owned(),
            Some(53003),
        )
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "a decoy word after Error:, no OAuth error",
            "Error: Bad Request. error: the server said no. AADSTS50126: Error validating credentials due to invalid username or password.".to_owned(),
            Some(50126),
        ),
        row("junk bytes", "\u{0}\u{1}AADSTS \u{fffd}\u{fffd} Trace ID: nope Timestamp: 2023-99-99".to_owned(), None),
        row("empty", String::new(), None),
    ]
}

#[test]
fn every_shape_gives_every_field_and_no_decoy() {
    let rows = table();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    for row in rows {
        let e = explain(&row.text);
        let at = row.shape;
        assert_eq!(e.code, row.code, "{at}: code");
        assert_eq!(e.other_codes, row.other, "{at}: other_codes");
        assert_eq!(e.error.as_deref(), row.error, "{at}: error");
        assert_eq!(e.trace_id.as_deref(), row.trace, "{at}: trace_id");
        assert_eq!(e.correlation_id.as_deref(), row.correlation, "{at}: correlation_id");
        assert_eq!(e.timestamp.as_deref(), row.timestamp, "{at}: timestamp");
        assert_eq!(e.app_id.as_deref(), row.app, "{at}: app_id");
        let known = row.code.and_then(knowledge::lookup);
        assert_eq!(e.name, known.map(|k| k.name), "{at}: name");
        if let Some(name) = row.name {
            assert_eq!(e.name, Some(name), "{at}: official name");
        }
        assert_eq!(e.who_fixes, known.map(|k| k.who_fixes), "{at}: who_fixes");
        assert!(!e.summary.is_empty() && !e.steps.is_empty(), "{at}: summary and steps");
        // The page's own "Device identifier" line is reported where it belongs
        // (`page.device_id`); no ID field ever takes a decoy.
        let mut answer = serde_json::to_value(&e).expect("json");
        if let Some(page) = answer.get_mut("page").and_then(|p| p.as_object_mut()) {
            let device = page.remove("device_id");
            page.remove("device_id_segments");
            assert!(
                device.as_ref().is_none_or(|d| d.is_null() || *d == DEVICE),
                "{at}: page device_id {device:?}"
            );
        }
        for decoy in [DEVICE, CLIENT_REQUEST, PARENT, STATE] {
            let json = answer.to_string();
            assert!(!json.contains(decoy), "{at}: decoy {decoy} taken: {json}");
        }
    }
}

#[test]
fn the_53003_explanation_matches_the_contract_example() {
    let e = explain(&browser_block(53003, ""));
    let json = serde_json::to_value(&e).expect("json");
    assert_eq!(json["code"], 53003);
    assert_eq!(json["name"], "BlockedByConditionalAccess");
    assert_eq!(json["category"], "conditional_access");
    assert_eq!(json["who_fixes"], "admin");
    assert_eq!(json["timestamp"], TS);
    assert_eq!(json["other_codes"], serde_json::json!([]));
    assert!(json["steps"].as_array().is_some_and(|s| !s.is_empty()));
}

#[test]
fn a_huge_paste_is_read_up_to_the_limit_without_trouble() {
    let text = format!("AADSTS53003: Blocked. Trace ID: {T}\n{}", "x".repeat(2 * 1024 * 1024));
    let e = explain(&text);
    assert_eq!(e.code, Some(53003));
    assert_eq!(e.trace_id.as_deref(), Some(T));
}

#[test]
fn the_words_come_with_the_ids() {
    let known = serde_json::to_value(explain("AADSTS50126: Error validating credentials.")).expect("json");
    assert_eq!(known["category"], "account");
    assert_eq!(known["category_words"], "Account and password");
    assert_eq!(known["who_fixes"], "user");
    assert_eq!(known["who_fixes_words"], "you");
    // An unknown code of a known family: its family's words, and no one named.
    let family = serde_json::to_value(explain("AADSTS53999: Blocked.")).expect("json");
    assert_eq!(family["category_words"], "Conditional Access");
    assert_eq!(family["who_fixes_words"], serde_json::Value::Null);
    let none = serde_json::to_value(explain("no code here")).expect("json");
    assert_eq!(none["category_words"], serde_json::Value::Null);
    assert_eq!(none["who_fixes_words"], serde_json::Value::Null);
}
