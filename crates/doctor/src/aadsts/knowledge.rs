//! What each AADSTS code means and what to do about it, as plain data.
//!
//! Names and meanings follow Microsoft's error table ("Microsoft Entra
//! authentication and authorization error codes", `reference-error-codes.md`
//! in `MicrosoftDocs/entra-docs`). Some codes that people meet every day are
//! missing from that table, or are listed there without a name; those entries
//! say so in a comment, and their names are ours, in the same style.
//!
//! Every step starts with who does it: "You:" (the person signing in),
//! "Help-desk:", "Admin:" (a tenant administrator) or "Developer:" (whoever
//! builds or configures the app). The explainer shows them in order.

use serde::Serialize;

/// What kind of problem a code points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    ConditionalAccess,
    Device,
    Mfa,
    Account,
    Session,
    Consent,
    AppRegistration,
    Tenant,
    Time,
    Request,
    Other,
}

impl Category {
    /// The category in words, for headings.
    pub fn words(self) -> &'static str {
        match self {
            Category::ConditionalAccess => "Conditional Access",
            Category::Device => "Device",
            Category::Mfa => "Multi-factor authentication",
            Category::Account => "Account and password",
            Category::Session => "Session and saved sign-in",
            Category::Consent => "Consent and app access",
            Category::AppRegistration => "App registration",
            Category::Tenant => "Organisation (tenant) and cloud",
            Category::Time => "Clock and time",
            Category::Request => "Malformed or repeated request",
            Category::Other => "Other",
        }
    }
}

/// Who can actually fix the problem behind a code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WhoFixes {
    User,
    HelpDesk,
    Admin,
    Developer,
}

impl WhoFixes {
    /// For sentences such as "Who can fix this: a tenant administrator".
    pub fn words(self) -> &'static str {
        match self {
            WhoFixes::User => "you",
            WhoFixes::HelpDesk => "help-desk",
            WhoFixes::Admin => "a tenant administrator",
            WhoFixes::Developer => "the app's developer",
        }
    }
}

/// One AADSTS code, explained.
#[derive(Debug, Serialize)]
pub struct CodeInfo {
    pub code: u32,
    /// Microsoft's name for the code, e.g. "BlockedByConditionalAccess".
    pub name: &'static str,
    pub category: Category,
    /// Who can actually fix it.
    pub who_fixes: WhoFixes,
    /// What it means, in one or two plain sentences.
    pub summary: &'static str,
    pub causes: &'static [&'static str],
    /// In order; each starts with who does it ("You:", "Help-desk:", "Admin:", "Developer:").
    pub steps: &'static [&'static str],
    /// A wrapper code that a more specific code usually follows in the same
    /// error (for example 70002 before 7000215): explain the specific one first.
    pub generic: bool,
}

/// The step every refusal shares: the IDs that let help-desk find the sign-in.
const SEND_IDS: &str = "You: send help-desk the error code, the Request ID (also called Trace ID), the Correlation ID and the time in UTC, exactly as shown. With them help-desk can find this exact sign-in in the logs.";

const FIND_IN_LOGS: &str = "Help-desk: in the Microsoft Entra admin center open Sign-in logs (the Reports Reader role is enough), filter by Correlation ID, or by user and time, and open the entry. Refreshes that ran in the background are on the 'non-interactive' tab, and new entries can take about 5 minutes to appear.";

/// Every known code, sorted by number.
pub static CODES: &[CodeInfo] = &[
    CodeInfo {
        code: 50000,
        name: "TokenIssuanceError",
        category: Category::Other,
        who_fixes: WhoFixes::HelpDesk,
        summary: "Something went wrong inside Microsoft's sign-in service. It is not caused by your account or device; a more specific code often follows in the same message.",
        causes: &[
            "A fault or outage in the Microsoft sign-in service.",
            "A problem that a more specific code in the same message describes better.",
        ],
        steps: &[
            "You: if the message lists a second AADSTS code, look that one up first: it is usually the real reason.",
            "You: wait a few minutes and try once more.",
            SEND_IDS,
            "Help-desk: check the Microsoft 365 / Azure service health pages for an incident.",
            "Help-desk: if it keeps happening, an administrator opens a Microsoft support request with the Request ID, Correlation ID and UTC time.",
        ],
        generic: true,
    },
    CodeInfo {
        code: 50005,
        name: "DevicePolicyError",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "You signed in from a device platform (operating system) that a Conditional Access policy does not allow, or that it could not recognise.",
        causes: &[
            "A policy allows only some platforms (for example Windows and macOS) and blocks the rest, such as Linux.",
            "The app or tool sent an unusual browser identification (user agent), so the platform shows as 'unknown' and is blocked.",
        ],
        steps: &[
            "You: try from a device with a platform your organisation supports, for example a company Windows or Mac computer.",
            SEND_IDS,
            FIND_IN_LOGS,
            "Help-desk: on the entry's Conditional Access tab, see which policy blocked the platform, and on Device info which platform was detected.",
            "Admin: if this platform should be allowed, adjust the policy's device platform condition or its exclusions.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50011,
        name: "InvalidReplyTo",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The address the app asked Microsoft to send you back to after sign-in (the redirect URI) is missing from the app's registration or doesn't match it exactly.",
        causes: &[
            "The redirect URI in the request is not registered on the app registration.",
            "A small difference: http versus https, a trailing slash, different letter case, or a different path.",
            "The app is configured with a different app (client) ID than the registration you edited.",
        ],
        steps: &[
            "You: nothing you do at sign-in changes this; report it to whoever supports the app, with the error details.",
            "Developer: compare the redirect_uri sent in the request with the URIs registered under App registrations > the app > Authentication, character for character.",
            "Developer: register the exact URI. For loopback addresses (http://localhost or http://127.0.0.1) the port is ignored when matching, so don't register one entry per port; a URI without a path comes back with a trailing '/'.",
            "Developer: check that the app uses the client ID of the registration you changed.",
        ],
        generic: false,
    },
    // Microsoft's table: "AuthenticationFailed" for several certificate and
    // client-assertion faults. It is also the older form of 700024.
    CodeInfo {
        code: 50012,
        name: "AuthenticationFailed",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "An app that signs in with a certificate (a client assertion) was refused: the certificate or the assertion it signed was not accepted.",
        causes: &[
            "The signing certificate is not uploaded to the app registration, or its thumbprint doesn't match.",
            "The certificate is expired, not yet valid, or its chain is not valid.",
            "The client assertion has an invalid signature, or its time range is wrong because of a clock error.",
        ],
        steps: &[
            "You: this is about how the app itself signs in, not about your account; report it to the app's owner.",
            "Developer: check that the certificate the app signs with is the one uploaded under App registrations > Certificates & secrets, and that it is within its validity dates.",
            "Developer: check the clock of the machine that creates the assertion and create a fresh assertion for every request.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50020,
        name: "UserUnauthorized",
        category: Category::Tenant,
        who_fixes: WhoFixes::Admin,
        summary: "The account you used does not exist in the organisation (tenant) you are signing in to, so it can't use this app there.",
        causes: &[
            "You signed in with a personal Microsoft account or another organisation's account.",
            "You are meant to be a guest in this organisation but have not been invited, or the invitation was not accepted.",
            "The app sent you to the wrong organisation.",
        ],
        steps: &[
            "You: sign out, then sign in again with the work or school account that belongs to this organisation.",
            "You: if you are a guest, find and accept the invitation email.",
            SEND_IDS,
            "Admin: if this person should have access, invite the account as a guest (B2B) in Microsoft Entra ID.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50034,
        name: "UserAccountNotFound",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "No account with this user name exists in the organisation you are signing in to.",
        causes: &[
            "A typo in the user name (email address).",
            "You used an address that is not your sign-in name (some organisations use a different sign-in name from the email address).",
            "The app sent you to the wrong organisation, or you need to be added there as a guest.",
            "The account was deleted.",
        ],
        steps: &[
            "You: check the user name letter by letter and try again.",
            "You: if you are not sure of your sign-in name, ask help-desk.",
            "Help-desk: check the account exists in Microsoft Entra ID and which organisation the app signs in to; add the user as a guest if they belong to another organisation.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50053,
        name: "IdsLocked",
        category: Category::Account,
        who_fixes: WhoFixes::HelpDesk,
        summary: "Sign-in is blocked for now: either the account is locked after too many wrong passwords, or the sign-in came from an IP address known for malicious activity.",
        causes: &[
            "Too many attempts with a wrong user name or password, from you or from someone else.",
            "An old password saved on a phone or another device that keeps trying to sign in.",
            "The network you use (a VPN, proxy or public Wi-Fi) has an IP address flagged for malicious activity.",
        ],
        steps: &[
            "You: stop trying for a while; each new attempt can extend the lock.",
            "You: if you forgot your password, reset it instead of guessing.",
            "You: update the password on every device and app that has it saved.",
            SEND_IDS,
            FIND_IN_LOGS,
            "Help-desk: read the entry's Failure reason: it tells whether this was a lockout or a malicious IP address, and from which IP address the attempts came.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50055,
        name: "InvalidPasswordExpiredPassword",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "Your password has expired, so you can't sign in with it until you change it.",
        causes: &["Your organisation's password policy expired the password."],
        steps: &[
            "You: change the password when the sign-in page offers it, or use your organisation's self-service password reset.",
            "You: if neither works, ask help-desk to reset it.",
            "You: afterwards, update the password on your other devices and apps.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50057,
        name: "UserDisabled",
        category: Category::Account,
        who_fixes: WhoFixes::Admin,
        summary: "The account is disabled: sign-in is turned off for it.",
        causes: &[
            "An administrator blocked sign-in, for example when someone leaves or for a security investigation.",
            "The account is synced from on-premises Active Directory and is disabled there.",
        ],
        steps: &[
            "You: contact help-desk or your manager; you can't undo this yourself.",
            "Admin: if the account should work, enable it again (turn 'Block sign-in' off / set the account to enabled in Microsoft Entra ID).",
            "Admin: for an account synced from Active Directory, enable it in Active Directory and wait for the next sync.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50058,
        name: "UserInformationNotProvided",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The app tried to sign you in silently, but there is no signed-in session it could use. This is normal when you have not signed in yet.",
        causes: &[
            "You are not signed in yet, or you signed out.",
            "The saved session was not found or is no longer valid.",
            "The app asked for a sign-in without showing any page (prompt=none).",
        ],
        steps: &["You: sign in interactively (the normal sign-in page)."],
        generic: false,
    },
    CodeInfo {
        code: 50072,
        name: "UserStrongAuthEnrollmentRequiredInterrupt",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "You need to set up multi-factor authentication before you can continue; the sign-in page asks you to do it now.",
        causes: &["Your organisation requires multi-factor authentication and you have not registered a method yet."],
        steps: &[
            "You: follow the set-up steps on the sign-in page (usually installing Microsoft Authenticator or adding a phone number), then continue.",
            "You: if you can't complete the set-up, contact help-desk.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50074,
        name: "UserStrongAuthClientAuthNRequiredInterrupt",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "This sign-in needs multi-factor authentication, and it was not passed at this point. In the sign-in logs this code also appears as the step just before the MFA prompt.",
        causes: &[
            "A policy requires multi-factor authentication and the second step was not completed.",
            "The app signed in in a way that can't show the MFA prompt.",
        ],
        steps: &[
            "You: sign in again in a normal sign-in window and complete the MFA prompt (approve the notification or enter the code).",
            "You: if no prompt arrives, open the authenticator app yourself; if you no longer have the phone, ask help-desk to reset your methods.",
            "Help-desk: if the log also shows 500121, the MFA step itself failed; look at that entry's details.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50076,
        name: "UserStrongAuthClientAuthNRequired",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "Multi-factor authentication is now required for this access, and the sign-in the app tried didn't include it. You need to go through an interactive sign-in.",
        causes: &[
            "An administrator's change: a Conditional Access policy or per-user MFA.",
            "You are signing in from a new location.",
            "The app tried to sign in silently, or with a saved token that has no MFA in it.",
        ],
        steps: &[
            "You: sign in again interactively and complete the MFA prompt.",
            "You: if an app keeps failing without showing a prompt, sign out of it and sign in again.",
            "Developer: on this error send a new interactive authorize request for the resource (include the claims challenge if one was returned).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50078,
        name: "UserStrongAuthExpired",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "Your earlier multi-factor authentication is too old for your organisation's policy; you need to do it again.",
        causes: &["A policy requires recent multi-factor authentication for this resource."],
        steps: &["You: sign in again interactively and complete the MFA prompt."],
        generic: false,
    },
    CodeInfo {
        code: 50079,
        name: "UserStrongAuthEnrollmentRequired",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "Multi-factor authentication is now required for you, but you have not registered any method for it yet.",
        causes: &[
            "An administrator turned on MFA (a Conditional Access policy or per-user MFA), or you are signing in from a new location.",
            "No authentication method (authenticator app, phone) is registered on the account.",
            "For a federated account: your organisation's own sign-in server did not pass on the MFA.",
        ],
        steps: &[
            "You: register your security info at https://mysignins.microsoft.com/security-info (short link: aka.ms/mysecurityinfo), then sign in again.",
            "You: if registration itself is blocked or asks for something you don't have, contact help-desk.",
            "Help-desk: for a federated account, check that the federation server sends the MFA claim.",
        ],
        generic: false,
    },
    // Microsoft's table describes this code without a name ("Authentication
    // failed due to flow token expired").
    CodeInfo {
        code: 50089,
        name: "FlowTokenExpired",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The sign-in took too long: the page was left open until its internal sign-in token expired.",
        causes: &["The sign-in page sat open for a long time before you continued."],
        steps: &["You: close the sign-in window and start the sign-in again."],
        generic: false,
    },
    CodeInfo {
        code: 50105,
        name: "EntitlementGrantsNotFound",
        category: Category::Consent,
        who_fixes: WhoFixes::Admin,
        summary: "Your sign-in worked, but you are not assigned to this app, and the app only lets assigned users in.",
        causes: &[
            "The app requires user assignment and neither you nor one of your groups is assigned.",
            "You were removed from the group that gives access.",
        ],
        steps: &[
            "You: ask help-desk or the app's owner for access to the app, giving the app's name and the error details.",
            "Admin: in Enterprise applications > the app > Users and groups, assign the user or a group they belong to (or turn off 'Assignment required' if everyone should have access).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50126,
        name: "InvalidUserNameOrPassword",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "The user name or password is wrong.",
        causes: &[
            "A mistyped password: Caps Lock, keyboard layout, or an old password.",
            "The wrong account name.",
        ],
        steps: &[
            "You: check Caps Lock and the keyboard language, then type the password again carefully.",
            "You: if you have forgotten it, reset it with self-service password reset rather than guessing; too many wrong tries lock the account (code 50053).",
            "You: if you are sure the password is right, contact help-desk with the error details.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50131,
        name: "ConditionalAccessFailed",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "A Conditional Access check failed. This umbrella code covers a bad device state (for example on Windows), a request blocked as suspicious, or an access or security policy decision.",
        causes: &[
            "The device's state doesn't meet a policy (not joined, not compliant, or its registration is broken).",
            "The request was blocked as suspicious.",
            "An access or security policy blocked it.",
        ],
        steps: &[
            "You: signing in again the same way won't help; if you can, try from a company-managed device and a supported browser.",
            SEND_IDS,
            FIND_IN_LOGS,
            "Help-desk: read the entry's Conditional Access tab and Device info to see which policy and which condition failed.",
            "Admin: fix the device's state, or change the policy if the block is wrong for this case.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50132,
        name: "SsoArtifactInvalidOrExpired",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "Your saved sign-in is no longer valid because your password expired or was changed recently.",
        causes: &["The password expired or was changed (by you or by help-desk) after this session started."],
        steps: &["You: sign in again with your current password."],
        generic: false,
    },
    CodeInfo {
        code: 50133,
        name: "SsoArtifactRevoked",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "Your saved sign-in was revoked because your password expired or was changed recently.",
        causes: &["The password expired or was changed after this session started."],
        steps: &[
            "You: sign in again with your current password.",
            "You: if your password has expired, change it first.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50140,
        name: "KmsiInterrupt",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "Not a failure: the sign-in stopped to ask 'Stay signed in?'. It shows up in the sign-in logs as an interrupted step.",
        causes: &["The sign-in page asked whether to keep you signed in on this browser."],
        steps: &[
            "You: answer the 'Stay signed in?' question and continue.",
            "Help-desk: if you are looking at the logs, look for the next entry with the same Correlation ID: that one shows how the sign-in ended.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50144,
        name: "InvalidPasswordExpiredOnPremPassword",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "Your password in your organisation's on-premises Active Directory has expired.",
        causes: &["The Active Directory password policy expired the password."],
        steps: &[
            "You: change the password with self-service password reset, or on a company computer (Ctrl+Alt+Del > Change a password).",
            "You: if that isn't possible, ask help-desk to set a new password.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50155,
        name: "DeviceAuthenticationFailed",
        category: Category::Device,
        who_fixes: WhoFixes::HelpDesk,
        summary: "The device tried to prove its identity to Microsoft Entra ID and that failed.",
        causes: &[
            "The device's registration is broken, or the device object was deleted or disabled in Microsoft Entra ID.",
            "The device's certificate or keys are missing or damaged.",
        ],
        steps: &[
            "You: use another company device meanwhile, and send help-desk the error details and the device name.",
            "Help-desk: on Windows run 'dsregcmd /status' and check AzureAdJoined, DeviceAuthStatus and AzureAdPrt.",
            "Help-desk: check the device in Microsoft Entra ID (Devices): it must exist and be enabled; re-register or re-join it if needed.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50173,
        name: "FreshTokenNeeded",
        category: Category::Account,
        who_fixes: WhoFixes::User,
        summary: "Your saved sign-in was revoked, so a fresh sign-in is needed. This happens after a password reset, or when you or an administrator signed you out everywhere.",
        causes: &[
            "Your password was reset or changed.",
            "An administrator or you revoked all sessions ('sign out everywhere').",
        ],
        steps: &[
            "You: sign in again.",
            "You: if you didn't change your password or sign out anywhere, tell help-desk: an administrator may have revoked the sessions on purpose.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50196,
        name: "LoopDetected",
        category: Category::Request,
        who_fixes: WhoFixes::Developer,
        summary: "The app sent the same sign-in request too many times in a short time, so Microsoft stopped answering it. The app is stuck in a loop.",
        causes: &[
            "The app does not keep (cache) the tokens it gets and asks for new ones again and again.",
            "The app retries an error automatically without handling it.",
        ],
        steps: &[
            "You: close the app, wait a few minutes, then open it and sign in once.",
            "You: if it happens again, report it to whoever supports the app, with the error details.",
            "Developer: cache tokens until they expire, and stop automatic retries on errors that need a user or a configuration change.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 50199,
        name: "CmsiInterrupt",
        category: Category::Request,
        who_fixes: WhoFixes::User,
        summary: "For security, Microsoft asks you to confirm that this app is the one you meant to sign in to. Confirming is all that is needed.",
        causes: &["The app uses a custom address scheme (not http or https) to receive the sign-in result, which triggers this confirmation."],
        steps: &[
            "You: if you recognise the app, confirm and continue.",
            "Developer: to avoid the prompt, use an http or https redirect URI (for a desktop app, a loopback address such as http://127.0.0.1) instead of a custom scheme.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53000,
        name: "DeviceNotCompliant",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::HelpDesk,
        summary: "A Conditional Access policy allows only devices that your organisation's device management (such as Intune) reports as compliant, and this device is not compliant, or couldn't prove that it is.",
        causes: &[
            "The device is not enrolled in device management (for example a personal computer or phone).",
            "The device is enrolled but breaks a compliance rule, for example an old operating system version, no disk encryption, no screen lock or passcode.",
            "The compliance state has not been updated yet after enrolment or after a fix.",
            "The browser didn't pass on the device's identity: a private window, blocked cookies, Chrome without the Microsoft Single Sign On extension, or Edge not signed in to the work profile.",
        ],
        steps: &[
            "You: meanwhile, use a company-managed device if you have one.",
            "You: on this device, open the Company Portal app (on Windows also Settings > Accounts > Access work or school) and check whether it reports a problem; fix what it lists and start a sync.",
            "You: try again in Microsoft Edge signed in to your work profile, or Chrome with the Microsoft Single Sign On extension, in a normal (not private) window.",
            SEND_IDS,
            "Help-desk: in the sign-in log entry check Device info (compliant / managed), and in Intune check the device's compliance report to see which rule fails.",
            "Help-desk: enrol the device or fix the failing rule, then have the user sync and try again after a few minutes.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53001,
        name: "DeviceNotDomainJoined",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::HelpDesk,
        summary: "A Conditional Access policy allows only computers joined to your organisation's domain, and this device isn't one, or couldn't prove that it is.",
        causes: &[
            "You are using a personal or unmanaged device.",
            "The company computer's join to Microsoft Entra ID (hybrid join) is incomplete or broken.",
            "The browser didn't pass on the device's identity (private window, or a browser without device sign-in support).",
        ],
        steps: &[
            "You: use a company computer joined to the domain, in Microsoft Edge signed in to your work profile (or Chrome with the Microsoft Single Sign On extension), not in a private window.",
            SEND_IDS,
            "Help-desk: on the computer run 'dsregcmd /status' and check DomainJoined, AzureAdJoined and AzureAdPrt; finish or repair the join if one of them is NO.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53002,
        name: "ApplicationUsedIsNotAnApprovedApp",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::User,
        summary: "A Conditional Access policy allows access only through approved apps, and the app you used is not one of them.",
        causes: &["You used, for example, a phone's built-in mail or calendar app, or another third-party app, where the policy requires a Microsoft app such as Outlook."],
        steps: &[
            "You: install and use the approved app (for example Microsoft Outlook for mail, Teams for chat), then sign in there.",
            "You: if you don't know which apps are approved, ask help-desk.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53003,
        name: "BlockedByConditionalAccess",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "Your sign-in itself succeeded (the password or first step was accepted), but a Conditional Access policy refused to give access for this sign-in. Signing in again never fixes it on its own: the device, browser, network, app or sign-in method has to change, or an administrator has to change the policy.",
        causes: &[
            "The policy requires a compliant or company-joined device, and this device isn't, or the browser did not pass on the device's identity.",
            "The browser can't carry the device signal: a private (InPrivate/Incognito) window, blocked cookies, Chrome without the Microsoft Single Sign On extension, Edge not signed in to the work profile, or another browser.",
            "The sign-in came from a network or country the policy doesn't allow: home, a VPN, a mobile hotspot, or travel abroad.",
            "The device platform is blocked or not recognised, for example Linux, or a tool that the service sees as an 'unknown' platform.",
            "The app or kind of client is blocked by the policy (for example older clients, or this particular application).",
            "Device-code sign-in ('enter this code on another device') is blocked; after a device-code sign-in, later refreshes of that session are blocked too.",
            "A risk policy judged the sign-in or the account risky.",
            "A policy simply blocks this user or group from this app.",
        ],
        steps: &[
            "You: don't keep retrying; signing in again the same way gives the same answer.",
            "You: copy the error details: on the browser page they are under 'Troubleshooting details' (Error code, Request Id, Correlation Id, Timestamp).",
            "You: if the page offers 'Enable flagging', turn it on and try once more within 20 minutes: your attempts are then marked 'Flagged for review', which helps help-desk find them.",
            "You: if you can, try again from a company-managed device, in Microsoft Edge signed in to your work profile or in Chrome with the Microsoft Single Sign On extension, in a normal (not private) window.",
            "You: if you used 'sign in on another device' (a device code), use the normal browser sign-in instead.",
            "You: if you are at home, on a VPN or abroad, try from the office network, or with the company VPN if your organisation uses one.",
            SEND_IDS,
            FIND_IN_LOGS,
            "Help-desk: open the entry's Conditional Access tab: it names each policy and its result, so you can see which one failed and on which condition (device state, location, platform, client app, authentication flow). Device info shows whether the device was recognised as compliant or joined.",
            "Help-desk: to confirm, use What If (Conditional Access > Policies > What If) with the user, the app ID, the device platform, the client app and the IP address from the log entry.",
            "Help-desk: if a compliant or joined device is required, check the device (Intune compliance, or 'dsregcmd /status' on Windows) and fix its enrolment or compliance.",
            "Admin: if the block is wrong for this case, change the policy (its assignments, exclusions, named locations, platforms or allowed flows); the user cannot change it.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53004,
        name: "ProofUpBlockedDueToRisk",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "You must register multi-factor authentication before going on, but registering it from this sign-in is blocked because the sign-in was judged risky.",
        causes: &[
            "The account has no MFA method registered yet.",
            "Microsoft flagged the sign-in or the account as risky, so registering new security info is not allowed from here.",
        ],
        steps: &[
            "You: don't retry; contact help-desk, who will check your identity.",
            SEND_IDS,
            "Help-desk: check the sign-in log entry and, in ID Protection, the Risky users and Risky sign-ins reports.",
            "Admin: after verifying the person, remediate or dismiss the risk (or give them a Temporary Access Pass) so they can register their security info.",
            "You: then register your methods at https://mysignins.microsoft.com/security-info and sign in again.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 53010,
        name: "ProofUpBlockedDueToSecurityInfoAcr",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::User,
        summary: "You can't set up multi-factor authentication methods from here: your organisation allows that only from certain locations or devices.",
        causes: &["A Conditional Access policy limits where security info can be registered, for example only from the office network or a company device."],
        steps: &[
            "You: register your security info from the office network or a company device.",
            "You: if you can't, ask help-desk for another way (for example a Temporary Access Pass).",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("OAuth2 Authorization
    // code was already redeemed").
    CodeInfo {
        code: 54005,
        name: "AuthorizationCodeAlreadyRedeemed",
        category: Category::Request,
        who_fixes: WhoFixes::Developer,
        summary: "The app tried to use a one-time sign-in code a second time.",
        causes: &[
            "The app sent the same authorization code twice (a retry, a double click, or two parts of the app racing).",
            "A page reload sent the old code again.",
        ],
        steps: &[
            "You: start the sign-in again from the beginning.",
            "Developer: redeem each authorization code exactly once, and use the refresh token afterwards instead of the code.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 65001,
        name: "DelegationDoesNotExist",
        category: Category::Consent,
        who_fixes: WhoFixes::Admin,
        summary: "Nobody has agreed (consented) yet that this app may access your data on your behalf, so it can't get access.",
        causes: &[
            "The app needs permissions that you or an administrator haven't consented to.",
            "Your organisation doesn't let users consent themselves, so an administrator must.",
            "The app tried a silent sign-in, which can't show a consent screen.",
        ],
        steps: &[
            "You: sign in interactively; if a permissions (consent) screen appears and you trust the app, accept it.",
            "You: if the page says admin approval is needed, request it or send help-desk the app's name and the error details.",
            "Admin: review the permissions the app asks for and, if acceptable, grant admin consent (Enterprise applications > the app > Permissions).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 65004,
        name: "UserDeclinedConsent",
        category: Category::Consent,
        who_fixes: WhoFixes::User,
        summary: "You declined the app's request for permissions, so it can't sign you in.",
        causes: &["'Cancel' or 'Decline' was chosen on the permissions (consent) screen."],
        steps: &[
            "You: sign in again and accept the permissions if you trust the app.",
            "You: if you are unsure about the permissions, ask help-desk before accepting.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 70000,
        name: "InvalidGrant",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The app's saved sign-in (refresh token) was refused as not valid, so you need to sign in again.",
        causes: &[
            "The saved token is not valid any more.",
            "The token is bound to the device (token binding) and the binding information was missing or didn't match.",
        ],
        steps: &[
            "You: sign in again.",
            "You: if it keeps coming back, sign out of the app completely, then sign in; report it if that doesn't help.",
        ],
        generic: false,
    },
    // Microsoft's table: InvalidClient - "Error validating the credentials."
    // Usually followed by the specific reason (7000215, 7000222, 500133, ...).
    CodeInfo {
        code: 70002,
        name: "InvalidClient",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app's own credentials (its client secret or certificate) were not accepted. The message usually continues with a second code that says exactly why.",
        causes: &[
            "A wrong, expired or missing client secret or certificate.",
            "A desktop or mobile app sent a secret it should not send.",
            "A problem that the second code in the same message describes.",
        ],
        steps: &[
            "You: this is about how the app signs in, not about your account; report it to the app's owner.",
            "Developer: look at the other AADSTS code in the message (for example 7000215 wrong secret, 7000222 expired secret, 700027 certificate, 500133 expired assertion) and fix that.",
            "Developer: check the client ID, the secret or certificate, and the tenant the app uses, against the app registration.",
        ],
        generic: true,
    },
    CodeInfo {
        code: 70008,
        name: "ExpiredOrRevokedGrant",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The app's saved sign-in (refresh token) has expired, usually because it wasn't used for a long time, or it was revoked.",
        causes: &[
            "The app was not used for a long time.",
            "The saved sign-in was revoked.",
        ],
        steps: &["You: sign in again."],
        generic: false,
    },
    CodeInfo {
        code: 70011,
        name: "InvalidScope",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app asked for a permission (scope) that isn't valid.",
        causes: &[
            "A typo or wrong format in the scope string.",
            "A scope for a resource that doesn't exist, or several resources mixed in one request.",
        ],
        steps: &[
            "You: report it to the app's developer with the error details.",
            "Developer: fix the scope string: each scope is 'resource/permission' (for example https://graph.microsoft.com/User.Read) or 'resource/.default', all for one resource per request, plus openid, profile and offline_access as needed.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 70019,
        name: "CodeExpired",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The code for signing in on another device (device-code sign-in) expired before it was used.",
        causes: &["The code was not entered in time; it is valid for about 15 minutes."],
        steps: &["You: start the sign-in again and enter the new code promptly."],
        generic: false,
    },
    CodeInfo {
        code: 70043,
        name: "BadTokenDueToSignInFrequency",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "Your organisation requires you to sign in again after a set time (sign-in frequency), and that time is up.",
        causes: &["A Conditional Access sign-in frequency policy (for example every 8 hours) ended the saved sign-in."],
        steps: &[
            "You: sign in again; this will repeat on the schedule your organisation set.",
            "Admin: if the schedule is too strict for this app, review the policy's sign-in frequency.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 80013,
        name: "OnPremisePasswordValidationTimeSkew",
        category: Category::Time,
        who_fixes: WhoFixes::Admin,
        summary: "Your password could not be checked because the clock of your organisation's authentication agent server differs from Active Directory's.",
        causes: &["The server running the pass-through authentication agent has a wrong time compared with the domain controllers."],
        steps: &[
            "You: try again later and tell help-desk if it continues; nothing on your device causes this.",
            "Admin: fix time synchronisation on the authentication agent servers and the domain controllers.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 90002,
        name: "InvalidTenantName",
        category: Category::Tenant,
        who_fixes: WhoFixes::Developer,
        summary: "The organisation (tenant) the sign-in was sent to doesn't exist, at least not in this Microsoft cloud.",
        causes: &[
            "A typo in the tenant ID or domain name.",
            "The domain is not registered with any organisation.",
            "The wrong cloud: for example a US Government or China tenant used with the worldwide sign-in address (login.microsoftonline.com).",
        ],
        steps: &[
            "You: if you typed an organisation or domain name, check it.",
            "Developer: check the tenant ID or domain in the app's sign-in address, and use the sign-in host of the tenant's cloud (login.microsoftonline.com worldwide, login.microsoftonline.us for US Government, login.partner.microsoftonline.cn for China).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 90014,
        name: "MissingRequiredField",
        category: Category::Request,
        who_fixes: WhoFixes::Developer,
        summary: "The sign-in request or credential the app sent lacks a field that is required.",
        causes: &["The app built the request incompletely (for example missing a required parameter)."],
        steps: &[
            "You: report it to the app's developer with the full error text.",
            "Developer: the error names the missing field; add it to the request.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 90038,
        name: "NationalCloudTenantRedirection",
        category: Category::Tenant,
        who_fixes: WhoFixes::Developer,
        summary: "The organisation belongs to a different Microsoft cloud (for example US Government or China) from the one the sign-in was sent to.",
        causes: &["The app uses the worldwide sign-in address for a tenant in a national cloud, or the other way round."],
        steps: &[
            "You: if the app lets you choose a cloud or sign-in address, choose your organisation's cloud.",
            "Developer: sign in through the host of the tenant's cloud: login.microsoftonline.us (US Government) or login.partner.microsoftonline.cn (China).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 90072,
        name: "PassThroughUserMfaError",
        category: Category::Tenant,
        who_fixes: WhoFixes::Admin,
        summary: "The account you signed in with doesn't exist in the organisation you signed in to, so it can't do that organisation's multi-factor authentication.",
        causes: &[
            "The account has not been added to this organisation as an external (guest) user.",
            "For synced accounts: the link (ImmutableID / source anchor) between Active Directory and Microsoft Entra ID doesn't match.",
        ],
        steps: &[
            "You: sign out and sign in with an account of this organisation, if you have one.",
            SEND_IDS,
            "Admin: add the account as an external user, or, for synced users, fix the ImmutableID mismatch in the directory sync.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 90094,
        name: "AdminConsentRequired",
        category: Category::Consent,
        who_fixes: WhoFixes::Admin,
        summary: "The app asks for permissions that only an administrator can grant.",
        causes: &[
            "The permissions are too broad for users to grant themselves.",
            "Your organisation doesn't allow users to consent to apps.",
        ],
        steps: &[
            "You: if the page offers to request approval, send the request; otherwise give help-desk the app's name and the error details.",
            "Admin: review the permissions and, if acceptable, grant admin consent (Enterprise applications > the app > Permissions).",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Device used during
    // the authentication is disabled").
    CodeInfo {
        code: 135011,
        name: "DeviceDisabled",
        category: Category::Device,
        who_fixes: WhoFixes::HelpDesk,
        summary: "The device you signed in from is disabled in your organisation's directory.",
        causes: &["An administrator disabled the device, for example after it was reported lost or replaced."],
        steps: &[
            "You: use another company device meanwhile, and tell help-desk the device's name.",
            "Help-desk: check the device in Microsoft Entra ID (Devices); enable it again if it should work, or re-register it.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 500011,
        name: "InvalidResourceServicePrincipalNotFound",
        category: Category::Consent,
        who_fixes: WhoFixes::Admin,
        summary: "The service (API) the app asked for access to is not set up in your organisation, so no access can be given to it.",
        causes: &[
            "The service has never been added to your organisation: no administrator installed it and no user consented to it.",
            "The request went to the wrong organisation (tenant).",
            "The app asked for a wrong resource address (typo in the resource URL or ID).",
        ],
        steps: &[
            "You: report it with the error details; you can't fix it from your side.",
            "Admin: check that the resource named in the error exists under Enterprise applications; if it should be there, add it or grant consent for it, as the service's documentation says.",
            "Developer: check the resource ID or URL in the app's scopes and the tenant the app signs in to.",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Access to '{tenant}'
    // tenant is denied": tenant restrictions).
    CodeInfo {
        code: 500021,
        name: "TenantRestrictionsAccessDenied",
        category: Category::Tenant,
        who_fixes: WhoFixes::Admin,
        summary: "Your organisation's network only allows sign-in to a list of approved organisations (tenant restrictions), and the one you tried is not on it.",
        causes: &[
            "You are on the company network or proxy, and you tried to sign in to another organisation (for example a customer's or a personal account).",
        ],
        steps: &[
            "You: check that you used your own work account; if you must use another organisation's account, ask help-desk whether that is allowed.",
            SEND_IDS,
            "Admin: if access to that organisation is legitimate, add it to the tenant restrictions allow-list (the Restrict-Access-To-Tenants setting on the proxy or the tenant restrictions policy).",
        ],
        generic: false,
    },
    // Not in Microsoft's table: seen as "No reply address is registered for the
    // application" on third-party pages only (unconfirmed).
    CodeInfo {
        code: 500113,
        name: "NoReplyAddressRegistered",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app's registration has no redirect URI at all, so Microsoft has nowhere to send you back to after sign-in.",
        causes: &["The app registration has no redirect URI for the platform the app uses."],
        steps: &[
            "You: report it to the app's owner with the error details.",
            "Developer: add the redirect URI the app uses under App registrations > the app > Authentication.",
        ],
        generic: false,
    },
    // Not in Microsoft's reference table. Meaning from Microsoft's sign-in
    // troubleshooting article: the user didn't complete the MFA prompt.
    CodeInfo {
        code: 500121,
        name: "StrongAuthenticationNotCompleted",
        category: Category::Mfa,
        who_fixes: WhoFixes::User,
        summary: "The multi-factor authentication step failed: the prompt was not approved, was denied, timed out, or the code was wrong.",
        causes: &[
            "The prompt in the authenticator app was not answered in time, or was denied.",
            "The code was typed wrong or had already expired.",
            "The phone had no connection, so the notification or text never arrived.",
            "The prompt was reported as fraud.",
        ],
        steps: &[
            "You: sign in again and approve the prompt. If no notification arrives, open the authenticator app yourself: pending requests show there.",
            "You: if you use codes, check that the phone's date and time are set automatically.",
            "You: if you got a prompt you did not start, deny it, change your password and tell help-desk.",
            "Help-desk: if the user has lost or replaced their phone, verify their identity and reset or add their authentication methods.",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Assertion isn't
    // within its valid time range").
    CodeInfo {
        code: 500133,
        name: "AssertionNotWithinValidTimeRange",
        category: Category::Time,
        who_fixes: WhoFixes::Developer,
        summary: "A service passed on a token that had already expired (or was not valid yet) when it asked for another token on your behalf.",
        causes: &[
            "The app or API cached your access token and used it after it expired.",
            "A clock on the server doing the exchange is wrong.",
        ],
        steps: &[
            "You: sign in to the app again; that gives it a new token.",
            "Developer: request a fresh access token before using it as the user assertion in the on-behalf-of flow, and don't reuse expired tokens.",
            "Developer: check that the servers' clocks are synchronised (NTP).",
        ],
        generic: false,
    },
    CodeInfo {
        code: 500212,
        name: "NotAllowedByOutboundPolicyTenant",
        category: Category::Tenant,
        who_fixes: WhoFixes::Admin,
        summary: "Your own organisation's cross-tenant access settings do not allow you to use resources in the other organisation you are signing in to.",
        causes: &["Your administrators restrict which other organisations their users can sign in to as guests."],
        steps: &[
            "You: ask help-desk whether access to that organisation is allowed.",
            SEND_IDS,
            "Admin: if it should be allowed, change the outbound settings under External Identities > Cross-tenant access settings for that organisation.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 500213,
        name: "NotAllowedByInboundPolicyTenant",
        category: Category::Tenant,
        who_fixes: WhoFixes::Admin,
        summary: "The organisation you are signing in to does not accept users from your organisation (its cross-tenant access settings block them).",
        causes: &["The other organisation's inbound cross-tenant access settings block your organisation or your account."],
        steps: &[
            "You: contact the person who invited you in the other organisation and give them the error details.",
            "Admin: the other organisation's administrator changes its inbound settings under External Identities > Cross-tenant access settings.",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("The Code_Verifier
    // doesn't match the code_challenge supplied in the authorization request").
    CodeInfo {
        code: 501481,
        name: "CodeVerifierMismatch",
        category: Category::Request,
        who_fixes: WhoFixes::Developer,
        summary: "The app's proof value (PKCE code_verifier) doesn't match what it sent at the start of sign-in, so the sign-in code is refused.",
        causes: &[
            "The app lost or mixed up the code_verifier between starting the sign-in and redeeming the code (for example two sign-ins at once).",
            "The code_challenge was computed wrongly (it must be the base64url SHA-256 of the verifier for S256).",
        ],
        steps: &[
            "You: start the sign-in again; if it fails every time, report it to the app's developer.",
            "Developer: keep the code_verifier per sign-in attempt (tied to the state value) and send exactly that one when redeeming the code.",
        ],
        generic: false,
    },
    // Not in Microsoft's table. Seen as "Your device is required to be managed
    // to access this resource" (Azure/azure-cli#29282).
    CodeInfo {
        code: 530003,
        name: "DeviceNotManaged",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::HelpDesk,
        summary: "A Conditional Access policy allows only managed (company-enrolled or joined) devices, and this sign-in didn't show a managed device.",
        causes: &[
            "The device is not enrolled or joined.",
            "The app or browser didn't pass on the device's identity: a private window, a browser without device sign-in support, or a tool that signs in without the system's sign-in broker.",
            "A saved sign-in was refreshed without the device's identity, which happens with some command-line tools.",
        ],
        steps: &[
            "You: sign in from a managed device, in Microsoft Edge signed in to your work profile (or Chrome with the Microsoft Single Sign On extension), not in a private window.",
            "You: for command-line tools, use the browser or system broker sign-in, not the device-code sign-in.",
            SEND_IDS,
            "Help-desk: check the log entry's Device info and the device's enrolment; enrol or join it if needed.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 530032,
        name: "BlockedByConditionalAccessOnSecurityPolicy",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "A security policy set for the whole organisation blocked this request.",
        causes: &["A tenant-level security policy applies to this sign-in and doesn't allow it."],
        steps: &[
            "You: retrying won't help; send help-desk the error details.",
            SEND_IDS,
            FIND_IN_LOGS,
            "Admin: review the organisation's security policies to see which one this request breaks, and whether it should.",
        ],
        generic: false,
    },
    // Not in Microsoft's table. Seen on the browser page "Help us keep your
    // device secure" with "Device state: Unregistered" (Azure/azure-cli#27919).
    CodeInfo {
        code: 530033,
        name: "UnmanagedDeviceBlocked",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::HelpDesk,
        summary: "A Conditional Access policy requires a managed device, and the sign-in came from a device that is not registered with your organisation (or that couldn't prove it).",
        causes: &[
            "The device is not registered, enrolled or joined.",
            "Device-code sign-in was used: it can't pass on the device's identity, so the device always shows as unregistered.",
            "The browser didn't pass on the device's identity.",
        ],
        steps: &[
            "You: use the normal browser sign-in (not a device code) on a managed device, in Edge signed in to your work profile or Chrome with the Microsoft Single Sign On extension.",
            SEND_IDS,
            "Help-desk: check the log entry's Device info; register, enrol or join the device if it should be allowed.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 530035,
        name: "BlockedBySecurityDefaults",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::User,
        summary: "Your organisation uses Microsoft's security defaults, and they blocked this sign-in because it used an old sign-in method (legacy authentication) or was judged unsafe.",
        causes: &[
            "An older app or protocol that sends the password directly: old Office versions, or mail apps using IMAP, POP or SMTP with a password.",
            "A sign-in the security defaults consider unsafe.",
        ],
        steps: &[
            "You: use an up-to-date app that signs in through the Microsoft sign-in page (current Outlook, Teams, or the browser).",
            "You: in a mail app, add the account as a Microsoft 365 / Exchange account instead of IMAP or POP.",
            "Admin: if a required app can only do legacy authentication, it has to be replaced or updated; security defaults apply to everyone.",
        ],
        generic: false,
    },
    // Not in Microsoft's table. Seen as "blocked by conditional access token
    // protection policy" (Azure/azure-dev#7704).
    CodeInfo {
        code: 530084,
        name: "BlockedByTokenProtection",
        category: Category::ConditionalAccess,
        who_fixes: WhoFixes::Admin,
        summary: "A token protection policy requires sign-in tokens that are bound to this device, and the app you used can't get such tokens.",
        causes: &[
            "The app signs in through the browser or its own code instead of the system's sign-in broker (on Windows, the Web Account Manager).",
            "The platform or app isn't supported by token protection.",
        ],
        steps: &[
            "You: use an app that signs in through the system broker (on Windows, the Microsoft desktop apps or tools with broker/WAM sign-in).",
            SEND_IDS,
            "Admin: if this app must work, check whether it supports token protection, or change the policy's scope for it.",
            "Developer: sign in through the platform broker (WAM on Windows) so tokens are bound to the device.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 700016,
        name: "UnauthorizedClient_DoesNotMatchRequest",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app (its client ID) was not found in the organisation the sign-in went to.",
        causes: &[
            "A wrong client ID in the app's configuration.",
            "The sign-in went to the wrong organisation (tenant) or the wrong cloud.",
            "The app is registered for a single organisation but used with another one, or has never been added to this organisation.",
        ],
        steps: &[
            "You: report it with the error details; it is a configuration problem.",
            "Developer: check the client ID against App registrations, and the tenant and cloud the app signs in to.",
            "Admin: if the app comes from another organisation, an administrator has to add it (consent) in this organisation first.",
        ],
        generic: false,
    },
    // Not in Microsoft's table. Seen as "Client assertion is not within its
    // valid time range. Current time: ..., assertion valid from ..., expiry ..."
    // (AzureAD/microsoft-authentication-library-for-java#984).
    CodeInfo {
        code: 700024,
        name: "ClientAssertionNotWithinValidTimeRange",
        category: Category::Time,
        who_fixes: WhoFixes::Developer,
        summary: "An app that signs in with a certificate sent a signed statement (client assertion) whose validity times don't fit the current time: the sending machine's clock is probably wrong, or the statement was reused.",
        causes: &[
            "The clock of the machine that created the assertion is wrong (compare 'Current time' with 'valid from' and 'expiry' in the message).",
            "An old assertion was reused after it expired.",
        ],
        steps: &[
            "You: this concerns service apps (confidential clients), not your own sign-in; an app that signs you in on your computer doesn't send client assertions.",
            "Developer: synchronise the clock (NTP) of the machine that creates the assertion.",
            "Developer: create a fresh assertion for each token request, with the current time as its start and a short lifetime.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 700025,
        name: "InvalidClientPublicClientWithCredential",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app is registered as a public client (desktop or mobile), but it sent a client secret or certificate, which public clients must not send.",
        causes: &["A desktop or mobile app includes client_secret or client_assertion in its token request."],
        steps: &[
            "You: report it to the app's developer.",
            "Developer: remove the client secret or assertion from the requests of the desktop/mobile app and use PKCE instead.",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Client assertion
    // failed signature validation").
    CodeInfo {
        code: 700027,
        name: "ClientAssertionInvalidSignature",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "An app that signs in with a certificate sent a signed statement (client assertion) whose signature could not be verified.",
        causes: &[
            "The certificate is not uploaded to the app registration, or was removed or replaced.",
            "The app signs with a different private key than the uploaded certificate, or puts a wrong thumbprint (key ID) in the assertion.",
        ],
        steps: &[
            "You: report it to the app's owner; it is not about your account.",
            "Developer: compare the thumbprint of the certificate the app uses with the ones under App registrations > Certificates & secrets, and upload the right one.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 700082,
        name: "ExpiredOrRevokedGrantInactiveToken",
        category: Category::Session,
        who_fixes: WhoFixes::User,
        summary: "The app's saved sign-in expired because the app wasn't used for a long time. This is normal.",
        causes: &["The app was not used for a long period, so its refresh token expired."],
        steps: &["You: sign in again."],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Application
    // {appDisplayName} can't be accessed at this time").
    CodeInfo {
        code: 1000031,
        name: "ApplicationCannotBeAccessed",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Admin,
        summary: "This application can't be accessed right now; the message says to contact your administrator.",
        causes: &["The application is not available to sign-ins at the moment; the exact reason is only visible to administrators."],
        steps: &[
            SEND_IDS,
            FIND_IN_LOGS,
            "Admin: check the application's state under Enterprise applications and the failure reason in the log entry.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 7000112,
        name: "UnauthorizedClientApplicationDisabled",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Admin,
        summary: "The application is disabled in your organisation, so nobody can sign in to it.",
        causes: &["An administrator disabled the application (for example during a review or a security incident)."],
        steps: &[
            "You: ask help-desk whether the app should be available.",
            "Admin: if it should, enable it again in Enterprise applications > the app > Properties ('Enabled for users to sign in?').",
        ],
        generic: false,
    },
    // Microsoft's table lists this code without a name ("Invalid client
    // secret is provided").
    CodeInfo {
        code: 7000215,
        name: "InvalidClientSecretProvided",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app sent a client secret that is wrong.",
        causes: &[
            "The secret's ID was copied instead of its value.",
            "A typo, extra spaces, or a secret from another app registration.",
            "A desktop or mobile app that should not use a secret at all.",
        ],
        steps: &[
            "You: report it to the app's owner; it is not about your account.",
            "Developer: create a new secret under App registrations > Certificates & secrets, copy its Value (not the Secret ID) and put it in the app's configuration.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 7000222,
        name: "InvalidClientSecretExpiredKeysProvided",
        category: Category::AppRegistration,
        who_fixes: WhoFixes::Developer,
        summary: "The app's client secret has expired.",
        causes: &["Client secrets have an expiry date, and this one has passed."],
        steps: &[
            "You: report it to the app's owner; it is not about your account.",
            "Developer: create a new secret (or better, a certificate credential) under App registrations > Certificates & secrets, update the app's configuration, and note the new expiry date.",
        ],
        generic: false,
    },
    CodeInfo {
        code: 9002313,
        name: "InvalidRequest",
        category: Category::Request,
        who_fixes: WhoFixes::Developer,
        summary: "The sign-in request was malformed or invalid, so it was refused.",
        causes: &[
            "The app built the request wrongly (a missing or malformed parameter).",
            "Something between the app and Microsoft changed the request, for example a proxy.",
        ],
        steps: &[
            "You: try the sign-in once more from the start; if it fails again, report it with the full error text.",
            "Developer: capture the failing request (for example with Fiddler) and check every parameter against the protocol documentation.",
        ],
        generic: false,
    },
];

/// The entry for a code, if the knowledge base has one.
pub fn lookup(code: u32) -> Option<&'static CodeInfo> {
    CODES
        .binary_search_by_key(&code, |info| info.code)
        .ok()
        .and_then(|index| CODES.get(index))
}

/// The family of a code, by number, for codes the knowledge base does not
/// describe (a known code gives its own category). None when no family is
/// known.
pub fn family(code: u32) -> Option<Category> {
    if let Some(info) = lookup(code) {
        return Some(info.category);
    }
    match code {
        // Conditional Access: 53xxx and 530xxx-539xxx.
        53000..=53999 | 530000..=539999 => Some(Category::ConditionalAccess),
        // Multi-factor authentication.
        50072 | 50074 | 50076 | 50078 | 50079 | 50087 | 50088 | 500121 => Some(Category::Mfa),
        // Device registration and Windows Hello keys.
        50097 | 50129 | 50155 | 50187 | 130000..=135999 => Some(Category::Device),
        // Consent: 65xxx and 650xxx.
        65000..=65999 | 650000..=659999 | 90008 | 90094 | 90095 => Some(Category::Consent),
        // Session and refresh.
        50089 | 50132 | 50133 | 50173 | 70008 | 70043 | 70044 | 700082 | 700084 => Some(Category::Session),
        // Cross-tenant access, tenant restrictions and national clouds.
        500021 | 500022 | 500212 | 500213 | 90038 | 90043 | 90051 => Some(Category::Tenant),
        // Clock-sensitive assertions.
        500133 | 700024 | 80013 => Some(Category::Time),
        // On-premises pass-through authentication agents.
        80000..=80999 => Some(Category::Tenant),
        // Password change.
        120000..=120999 => Some(Category::Account),
        // App credentials and registration (7000xxx, 700xxx, SAML 75xxx).
        700000..=700999 | 7000000..=7099999 | 75000..=76999 | 7500000..=7599999 => Some(Category::AppRegistration),
        // Malformed requests (90xxx, 900xxx, 9000xxx).
        90000..=90999 | 900000..=909999 | 9000000..=9099999 => Some(Category::Request),
        _ => None,
    }
}

/// Microsoft's lookup page for a code.
pub fn lookup_url(code: u32) -> String {
    format!("https://login.microsoftonline.com/error?code={code}")
}

/// What anyone can still do about a code the knowledge base does not know.
pub fn generic_steps() -> &'static [&'static str] {
    &[
        "You: copy the error exactly as shown: the AADSTS code, the Request ID (also called Trace ID), the Correlation ID and the timestamp (UTC).",
        "You: look the code up on Microsoft's error page: https://login.microsoftonline.com/error?code= followed by the number.",
        "You: if the message asks you to sign in again, do it once; if the same code comes back, stop retrying, because repeated attempts can lock the account.",
        "You: contact help-desk with the code, the IDs, the UTC time, the app you were using and what you were doing.",
        FIND_IN_LOGS,
        "Help-desk: read the entry's failure reason and its Conditional Access tab; if they don't explain it, an administrator can open a Microsoft support request with the Request ID and the UTC time.",
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// The codes the knowledge base must cover, by group.
    const REQUIRED: &[&[u32]] = &[
        &[
            53000, 53001, 53002, 53003, 53004, 530032, 530035, 530003, 530033, 530084, 50131,
        ],
        &[50074, 50076, 50079, 500121],
        &[50034, 50053, 50055, 50057, 50126, 50133, 50173],
        &[50058, 70008, 700082, 70043, 50132, 70000],
        &[65001, 65004, 50105, 500011],
        &[
            50011, 700016, 7000112, 700025, 7000215, 7000222, 54005, 501481, 700027, 70011,
        ],
        &[90002, 50020, 90072],
        &[700024, 500133],
        &[50196, 9002313, 50199],
        &[70002, 50000, 1000031],
    ];

    const LABELS: &[&str] = &["You: ", "Help-desk: ", "Admin: ", "Developer: "];

    #[test]
    fn has_at_least_45_codes() {
        assert!(CODES.len() >= 45, "only {} codes", CODES.len());
    }

    #[test]
    fn every_required_code_is_present() {
        let missing: Vec<u32> = REQUIRED
            .iter()
            .flat_map(|group| group.iter().copied())
            .filter(|code| lookup(*code).is_none())
            .collect();
        assert!(missing.is_empty(), "missing codes: {missing:?}");
    }

    #[test]
    fn codes_are_unique_and_sorted() {
        for pair in CODES.windows(2) {
            assert!(
                pair[0].code < pair[1].code,
                "{} is not before {}",
                pair[0].code,
                pair[1].code
            );
        }
        let unique: HashSet<u32> = CODES.iter().map(|info| info.code).collect();
        assert_eq!(unique.len(), CODES.len());
    }

    #[test]
    fn every_entry_is_complete() {
        for info in CODES {
            assert!(!info.name.is_empty(), "{}: empty name", info.code);
            assert!(
                info.name.starts_with(|c: char| c.is_ascii_uppercase())
                    && info.name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "{}: name {:?} is not CamelCase",
                info.code,
                info.name
            );
            assert!(!info.summary.trim().is_empty(), "{}: empty summary", info.code);
            assert!(!info.causes.is_empty(), "{}: no causes", info.code);
            assert!(!info.steps.is_empty(), "{}: no steps", info.code);
            for text in info.causes.iter().chain(info.steps.iter()) {
                assert!(!text.trim().is_empty(), "{}: empty cause or step", info.code);
            }
        }
    }

    #[test]
    fn every_step_says_who_does_it() {
        let all = CODES
            .iter()
            .flat_map(|info| info.steps.iter())
            .chain(generic_steps().iter());
        for step in all {
            assert!(
                LABELS.iter().any(|label| step.starts_with(label)),
                "step without a label: {step}"
            );
        }
    }

    #[test]
    fn official_names() {
        let names = [
            (53003, "BlockedByConditionalAccess"),
            (53000, "DeviceNotCompliant"),
            (50131, "ConditionalAccessFailed"),
            (50076, "UserStrongAuthClientAuthNRequired"),
            (50126, "InvalidUserNameOrPassword"),
            (700016, "UnauthorizedClient_DoesNotMatchRequest"),
            (70002, "InvalidClient"),
            (50000, "TokenIssuanceError"),
        ];
        for (code, name) in names {
            assert_eq!(lookup(code).map(|info| info.name), Some(name), "{code}");
        }
    }

    #[test]
    fn generic_marks_only_wrappers() {
        let generic: Vec<u32> = CODES.iter().filter(|info| info.generic).map(|info| info.code).collect();
        assert_eq!(generic, vec![50000, 70002]);
    }

    #[test]
    fn the_53003_entry_says_what_matters() {
        let info = lookup(53003).expect("53003 is known");
        assert_eq!(info.category, Category::ConditionalAccess);
        assert_eq!(info.who_fixes, WhoFixes::Admin);
        assert!(!info.generic);
        assert!(info.summary.contains("succeeded"));
        assert!(info.summary.contains("never fixes it"));
        let text: String = info
            .causes
            .iter()
            .chain(info.steps.iter())
            .copied()
            .collect::<Vec<_>>()
            .join("\n");
        for needle in [
            "Correlation ID",
            "Request ID",
            "UTC",
            "Conditional Access tab",
            "What If",
            "Edge",
            "Microsoft Single Sign On extension",
            "private",
            "device code",
            "VPN",
            "cannot change",
        ] {
            assert!(text.contains(needle), "53003 text lacks {needle:?}");
        }
    }

    #[test]
    fn lookup_misses_unknown_codes() {
        assert!(lookup(0).is_none());
        assert!(lookup(53999).is_none());
        assert!(lookup(u32::MAX).is_none());
    }

    #[test]
    fn family_classifies_unknown_codes() {
        for code in [53005, 53999, 530001, 530999, 539999] {
            assert!(lookup(code).is_none(), "{code} is known; pick another");
            assert_eq!(family(code), Some(Category::ConditionalAccess), "{code}");
        }
        assert_eq!(family(50078), Some(Category::Mfa));
        assert_eq!(family(50088), Some(Category::Mfa));
        assert_eq!(family(7000218), Some(Category::AppRegistration));
        assert_eq!(family(650056), Some(Category::Consent));
        assert_eq!(family(1), None);
        assert_eq!(family(12345), None);
    }

    #[test]
    fn family_of_a_known_code_is_its_category() {
        for info in CODES {
            assert_eq!(family(info.code), Some(info.category), "{}", info.code);
        }
    }

    #[test]
    fn lookup_url_points_at_microsoft() {
        assert_eq!(lookup_url(53003), "https://login.microsoftonline.com/error?code=53003");
    }

    #[test]
    fn generic_steps_ask_for_the_ids() {
        let text = generic_steps().join("\n");
        for needle in [
            "Trace ID",
            "Correlation ID",
            "UTC",
            "help-desk",
            "login.microsoftonline.com/error",
        ] {
            assert!(text.contains(needle), "generic steps lack {needle:?}");
        }
    }

    #[test]
    fn words_are_set() {
        let categories = [
            Category::ConditionalAccess,
            Category::Device,
            Category::Mfa,
            Category::Account,
            Category::Session,
            Category::Consent,
            Category::AppRegistration,
            Category::Tenant,
            Category::Time,
            Category::Request,
            Category::Other,
        ];
        for category in categories {
            assert!(!category.words().is_empty());
        }
        assert_eq!(Category::ConditionalAccess.words(), "Conditional Access");
        assert_eq!(Category::Mfa.words(), "Multi-factor authentication");
        assert_eq!(WhoFixes::User.words(), "you");
        assert_eq!(WhoFixes::HelpDesk.words(), "help-desk");
        assert_eq!(WhoFixes::Admin.words(), "a tenant administrator");
        assert_eq!(WhoFixes::Developer.words(), "the app's developer");
    }

    #[test]
    fn serde_names() {
        let category = |value: Category| serde_json::to_string(&value).expect("serializes");
        let who = |value: WhoFixes| serde_json::to_string(&value).expect("serializes");
        assert_eq!(category(Category::ConditionalAccess), "\"conditional_access\"");
        assert_eq!(category(Category::AppRegistration), "\"app_registration\"");
        assert_eq!(category(Category::Mfa), "\"mfa\"");
        assert_eq!(who(WhoFixes::Admin), "\"admin\"");
        assert_eq!(who(WhoFixes::HelpDesk), "\"help_desk\"");
        assert_eq!(who(WhoFixes::User), "\"user\"");
        assert_eq!(who(WhoFixes::Developer), "\"developer\"");
    }

    #[test]
    fn code_info_serializes() {
        let info = lookup(53003).expect("53003 is known");
        let value = serde_json::to_value(info).expect("serializes");
        assert_eq!(value["code"], 53003);
        assert_eq!(value["name"], "BlockedByConditionalAccess");
        assert_eq!(value["category"], "conditional_access");
        assert_eq!(value["who_fixes"], "admin");
        assert_eq!(value["generic"], false);
        assert!(value["steps"].as_array().is_some_and(|steps| !steps.is_empty()));
    }
}
