//! The explainer's table of error-text shapes: each row's text and every
//! field `explain --json` must give for it. Shared by `explain_table.rs` and
//! the CLI's Windows parity test (`crates/doctor-cli/tests/windows_parity.rs`),
//! which explains each text with both builds.

pub const T: &str = "0b6b1e0e-5c7d-4a7b-9d7e-1f2a3b4c5d6e"; // trace / request ID
pub const C: &str = "7c1f0c9e-3a2b-4c5d-8e9f-0a1b2c3d4e5f"; // correlation ID
pub const A: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46"; // app ID (Azure CLI)
pub const DEVICE: &str = "11111111-aaaa-4bbb-8ccc-222222222222";
pub const CLIENT_REQUEST: &str = "33333333-dddd-4eee-8fff-444444444444";
pub const PARENT: &str = "55555555-6666-4777-8888-999999999999";
pub const STATE: &str = "66666666-7777-4888-9999-aaaaaaaaaaaa";
pub const TS: &str = "2023-05-29T05:46:34Z";

pub struct Row {
    pub shape: &'static str,
    pub text: String,
    pub code: Option<u32>,
    pub name: Option<&'static str>,
    pub other: Vec<u32>,
    pub error: Option<&'static str>,
    pub trace: Option<&'static str>,
    pub correlation: Option<&'static str>,
    pub timestamp: Option<&'static str>,
    pub app: Option<&'static str>,
}

pub fn row(shape: &'static str, text: String, code: Option<u32>) -> Row {
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
    pub fn name(mut self, n: &'static str) -> Self {
        self.name = Some(n);
        self
    }
    pub fn other(mut self, codes: &[u32]) -> Self {
        self.other = codes.to_vec();
        self
    }
    pub fn error(mut self, e: &'static str) -> Self {
        self.error = Some(e);
        self
    }
    pub fn ids(
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
    pub fn app(mut self, a: &'static str) -> Self {
        self.app = Some(a);
        self
    }
}

pub fn browser_block(code: u32, extra: &str) -> String {
    format!(
        "Sign in\nYou cannot access this right now\nYour sign-in was successful but does not meet the criteria to access this resource.\n\
         More details\nTroubleshooting details\nIf you contact your administrator, send this info to them.\nCopy info to clipboard\n\
         Request Id: {T}\nCorrelation Id: {C}\nTimestamp: 2023-05-29T05:46:34.837Z\nMessage: Your admin has blocked access.\n\
         App name: Microsoft Azure CLI\nApp id: {A}\nIP address: 203.0.113.7\nDevice identifier: {DEVICE}\nDevice platform: Windows 10\n\
         Device state: Unregistered\nError Code: {code}\n{extra}Flag sign-in errors for review: Enable flagging"
    )
}

pub fn description(code: u32, message: &str, sep: &str) -> String {
    format!("AADSTS{code}: {message}{sep}Trace ID: {T}{sep}Correlation ID: {C}{sep}Timestamp: 2023-05-29 05:46:34Z")
}

pub fn table() -> Vec<Row> {
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
        // Issue 26's shapes that no public paste showed whole (real ones are in explain_field.rs).
        row(
            "MSAL.NET exception dump: CorrelationId without a colon, the Entra code without a message",
            format!("Exception type: Microsoft.Identity.Client.MsalUiRequiredException\n, ErrorCode: invalid_grant\nHTTP StatusCode 400\nCorrelationId {C}\nMicrosoft Entra ID Error Code AADSTS50076\n"),
            Some(50076),
        )
        .error("invalid_grant")
        .ids(None, Some(C), None),
        row(
            "a pager cut the AADSTS line; the whole code is a structured field",
            format!("Connect-AzAccount: InteractiveBrowserCredential authentication failed: AADSTS5000…>\ncode: 500011\nTrace ID: {T}"),
            Some(500011),
        )
        .ids(Some(T), None, None),
        row(
            "a cut code is never taken as whole",
            "ERROR: AADSTS5001…".to_owned(),
            None,
        ),
        row(
            "an earlier error, then the one the writer gets now",
            format!("I got AADSTS700016: Application with identifier '{A}' was not found in the directory. I fixed the tenant and now I'm getting a different error: AADSTS50011: The redirect URI does not match."),
            Some(50011),
        )
        .other(&[700016])
        .app(A),
        row(
            "an earlier error with its IDs, then the current one with its own",
            format!("Yesterday: {{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret provided. Trace ID: {PARENT} Correlation ID: {STATE} Timestamp: 2023-05-28 01:02:03Z\"}}\nNow I get a new error: {{\"error\":\"invalid_grant\",\"error_description\":\"AADSTS50173: The provided grant has expired. Trace ID: {T} Correlation ID: {C} Timestamp: 2023-05-29 05:46:34Z\"}}"),
            Some(50173),
        )
        .other(&[7000215])
        .error("invalid_grant")
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "an app's symptom, the sign-in page's Error Code block quoted below it",
            format!("AADSTS50011: The reply URL does not match.\n\nRequest Id: {T}\nCorrelation Id: {C}\nTimestamp: 2023-05-29T05:46:34Z\nError Code: 53003"),
            Some(53003),
        )
        .other(&[50011])
        .ids(Some(T), Some(C), Some(TS)),
        row(
            "the portal's Sign-in error code beside the app's error",
            "The app says AADSTS50076: you must use multi-factor authentication.\nIn the sign-in logs: Sign-in error code: 50074, Failure reason: Strong Authentication is required.".to_owned(),
            Some(50076),
        )
        .other(&[50074]),
        row(
            "a Microsoft account page's hex code beside an error label",
            "Something went wrong. Error Code: 8004349a\nCorrelation Id: 2b9e3c4d5f6a47b8a9c0d1e2f3a4b5c6".to_owned(),
            None,
        )
        .ids(None, Some("2b9e3c4d5f6a47b8a9c0d1e2f3a4b5c6"), None),
        row("junk bytes", "\u{0}\u{1}AADSTS \u{fffd}\u{fffd} Trace ID: nope Timestamp: 2023-99-99".to_owned(), None),
        row("empty", String::new(), None),
    ]
}
