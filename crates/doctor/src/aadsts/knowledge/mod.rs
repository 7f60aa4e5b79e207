//! What each AADSTS code means and what to do about it. The words live in
//! `aadsts/knowledge.toml`, a data file an identity expert can review without
//! reading Rust; this module gives them types and answers lookups.
//!
//! Every step says who does it, as a [`WhoFixes`]; the one place that turns it
//! into the "You:", "Help-desk:", "Admin:" or "Developer:" the user reads is
//! [`Step`]'s `Display`.

mod load;
#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};
use std::fmt;

pub use load::{load_error, LoadError};

/// What kind of problem a code points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
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
    /// Every category, for the tables of words.
    pub const ALL: [Category; 11] = [
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

/// Who can actually fix the problem behind a code, and who does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhoFixes {
    User,
    HelpDesk,
    Admin,
    Developer,
}

impl WhoFixes {
    pub const ALL: [WhoFixes; 4] = [WhoFixes::User, WhoFixes::HelpDesk, WhoFixes::Admin, WhoFixes::Developer];

    /// For sentences such as "Who can fix this: a tenant administrator".
    pub fn words(self) -> &'static str {
        match self {
            WhoFixes::User => "you",
            WhoFixes::HelpDesk => "help-desk",
            WhoFixes::Admin => "a tenant administrator",
            WhoFixes::Developer => "the app's developer",
        }
    }

    /// How a step they do starts: "You" in "You: sign in again."
    pub fn step_label(self) -> &'static str {
        match self {
            WhoFixes::User => "You",
            WhoFixes::HelpDesk => "Help-desk",
            WhoFixes::Admin => "Admin",
            WhoFixes::Developer => "Developer",
        }
    }
}

/// One thing to do, and who does it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub who: WhoFixes,
    /// Starts in lower case: the label goes in front.
    pub text: &'static str,
}

/// As the user reads it: "You: sign in again."
impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.who.step_label(), self.text)
    }
}

/// Steps as the lines the user reads, in order.
pub fn step_lines(steps: &[Step]) -> Vec<String> {
    steps.iter().map(Step::to_string).collect()
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
    pub causes: Vec<&'static str>,
    /// In order, each with who does it.
    pub steps: Vec<Step>,
    /// A wrapper code that a more specific code usually follows in the same
    /// error (for example 70002 before 7000215): explain the specific one first.
    pub generic: bool,
}

/// Every known code, sorted by number (none if the file could not be read;
/// the tests make sure it can).
pub fn codes() -> &'static [CodeInfo] {
    &load::knowledge().codes
}

/// The entry for a code, if the knowledge base has one.
pub fn lookup(code: u32) -> Option<&'static CodeInfo> {
    let codes = codes();
    codes
        .binary_search_by_key(&code, |info| info.code)
        .ok()
        .and_then(|index| codes.get(index))
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
pub fn generic_steps() -> &'static [Step] {
    &load::knowledge().unknown_code_steps
}
