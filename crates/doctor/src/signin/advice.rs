//! What to do about a sign-in error, by AADSTS code, in words a user and
//! help-desk can act on. The full knowledge base extends this.

use super::entra_error::SignInError;

/// Who can fix a refusal.
pub fn fix_steps(error: &SignInError) -> Vec<String> {
    let ids = "Give help-desk the Trace ID (Request ID), the Correlation ID and the UTC time shown here: with them they find this exact sign-in in the Entra sign-in logs and see which policy applied.";
    let steps: Vec<&str> = match error.code {
        Some(53003) | Some(53000..=53002) | Some(530000..=530099) | Some(50131) => vec![
            "Your password was accepted, but a Conditional Access policy blocked access. Signing in again will not help on its own: something about this sign-in has to change.",
            "Try from a work-managed (enrolled, compliant) device, in a supported browser signed in to your work profile (Microsoft Edge, or Chrome with the Microsoft Single Sign On extension), not in a private window.",
            "If you are on a VPN, at home or abroad, try from the office network: some policies allow only certain locations.",
            "Device-code sign-in ('sign in on another device') is often blocked by policy; use the browser sign-in instead.",
            ids,
        ],
        Some(50074) | Some(50076) | Some(50079) | Some(500121) => vec![
            "Multi-factor authentication was required and not completed. Sign in again and approve the prompt in your authenticator app.",
            "If you have no way to complete it (new phone, lost device), ask help-desk to reset your security info.",
            ids,
        ],
        Some(70008) | Some(700082) | Some(50173) | Some(50133) | Some(50132) | Some(70043) | Some(70000) => vec![
            "Your saved session has ended (it expired, your password changed, or a policy asks you to sign in again). Press Re-authenticate.",
        ],
        Some(65001) | Some(65004) => vec![
            "Permission to use this app has not been granted. Accept the consent prompt, or ask an administrator to grant consent for your organisation.",
            ids,
        ],
        Some(50105) | Some(7000112) | Some(500011) | Some(700016) => vec![
            "The application is not set up for your organisation (not assigned, disabled or not found). An administrator has to fix this; send them the error code and IDs.",
            ids,
        ],
        Some(90002) | Some(50020) | Some(50034) => vec![
            "The account or tenant was not found. Check the account name, and in Settings check the sign-in authority and cloud (for example login.microsoftonline.us for US Government).",
        ],
        Some(50053) | Some(50055) | Some(50057) | Some(50126) => vec![
            "There is a problem with the account itself (locked, disabled, wrong or expired password). Reset your password or contact help-desk.",
            ids,
        ],
        _ => vec![
            "Note the error code, and look it up on Microsoft's error code page (login.microsoftonline.com/error).",
            ids,
        ],
    };
    steps.into_iter().map(str::to_owned).collect()
}
