//! The knowledge file's guard: a typo in `knowledge.toml` fails here, never in a user's run.

use super::load::{self, LoadError};
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

/// The labels the app puts in front of a step; the file must not repeat them.
const LABELS: &[&str] = &["You:", "Help-desk:", "Admin:", "Developer:"];

#[test]
fn has_at_least_45_codes() {
    assert!(codes().len() >= 45, "only {} codes", codes().len());
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
    for pair in codes().windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} is not before {}",
            pair[0].code,
            pair[1].code
        );
    }
    let unique: HashSet<u32> = codes().iter().map(|info| info.code).collect();
    assert_eq!(unique.len(), codes().len());
}

#[test]
fn every_entry_is_complete() {
    for info in codes() {
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
        for text in info.causes.iter().chain(info.steps.iter().map(|step| &step.text)) {
            assert!(!text.trim().is_empty(), "{}: empty cause or step", info.code);
        }
    }
}

fn all_steps() -> impl Iterator<Item = &'static Step> {
    codes()
        .iter()
        .flat_map(|info| info.steps.iter())
        .chain(generic_steps().iter())
}

#[test]
fn every_step_says_who_does_it() {
    for step in all_steps() {
        let line = step.to_string();
        assert!(
            LABELS.iter().any(|label| line.starts_with(&format!("{label} "))),
            "step without a label: {line}"
        );
    }
}

#[test]
fn no_step_text_repeats_its_label() {
    for step in all_steps() {
        let start = step.text.trim_start().to_lowercase();
        for label in LABELS {
            assert!(
                !start.starts_with(&label.to_lowercase()),
                "the file gives a label the app adds itself: {:?}",
                step.text
            );
        }
        assert!(
            step.text.starts_with(|c: char| !c.is_uppercase()),
            "a step starts in lower case, after its label: {:?}",
            step.text
        );
    }
}

#[test]
fn a_step_reads_with_its_label() {
    let step = Step {
        who: WhoFixes::HelpDesk,
        text: "open the sign-in logs.",
    };
    assert_eq!(step.to_string(), "Help-desk: open the sign-in logs.");
    assert_eq!(
        step_lines(&[
            step,
            Step {
                who: WhoFixes::User,
                text: "sign in again."
            }
        ]),
        vec!["Help-desk: open the sign-in logs.", "You: sign in again."]
    );
}

#[test]
fn the_embedded_file_reads_cleanly() {
    assert_eq!(load_error(), None);
    let started = std::time::Instant::now();
    let file = load::parse(load::TEXT).expect("parses");
    let knowledge = load::resolve(Box::leak(Box::new(file))).expect("resolves");
    // Measured, not asserted: `cargo test -p doctor knowledge -- --nocapture` prints it.
    println!(
        "parsed and resolved {} codes in {:?}",
        knowledge.codes.len(),
        started.elapsed()
    );
    assert_eq!(knowledge.codes.len(), codes().len());
}

#[test]
fn every_shared_step_is_used() {
    let file: toml::Table = toml::from_str(load::TEXT).expect("parses");
    let shared = file["shared_steps"].as_table().expect("a table");
    for name in shared.keys() {
        let used = format!("shared = \"{name}\"");
        assert!(load::TEXT.contains(&used), "shared step {name} is never used");
    }
}

/// Reads a knowledge file given as text, as the app reads the embedded one.
fn read(text: &str) -> Result<usize, LoadError> {
    let file = load::parse(text)?;
    Ok(load::resolve(Box::leak(Box::new(file)))?.codes.len())
}

const SMALL: &str = r#"
[shared_steps]
send_ids = { who = "user", text = "send the IDs." }
[unknown_code]
steps = [{ shared = "send_ids" }]
[[code]]
code = 1
name = "One"
category = "other"
who_fixes = "user"
summary = "One."
causes = ["One."]
steps = [{ who = "admin", text = "fix it." }, { shared = "send_ids" }]
"#;

#[test]
fn a_file_that_cannot_be_read_leaves_one_step_and_no_codes() {
    let failed: &'static Result<load::Knowledge, LoadError> =
        Box::leak(Box::new(Err(LoadError::Syntax("test".to_owned()))));
    let fallback = load::or_fallback(failed);
    assert!(fallback.codes.is_empty());
    let lines = step_lines(&fallback.unknown_code_steps);
    assert_eq!(lines.len(), 1);
    for needle in ["You: ", "Correlation ID", "help-desk"] {
        assert!(lines[0].contains(needle), "{needle}: {lines:?}");
    }
}

#[test]
fn a_small_file_reads() {
    assert_eq!(read(SMALL), Ok(1));
}

#[test]
fn mistakes_in_the_file_are_refused_with_a_reason() {
    let cases = [
        (SMALL.replace("who_fixes", "who_fix"), "who_fix"),
        (SMALL.replace("\"admin\"", "\"administrator\""), "administrator"),
        (SMALL.replace("\"other\"", "\"others\""), "others"),
        (
            SMALL.replace("{ who = \"admin\", text", "{ who = \"admin\", txt"),
            "txt",
        ),
        (SMALL.replace("summary = \"One.\"\n", ""), "summary"),
    ];
    for (text, needle) in cases {
        match read(&text) {
            Err(LoadError::Syntax(why)) => assert!(why.contains(needle), "{needle}: {why}"),
            other => panic!("{needle}: {other:?}"),
        }
    }
    assert_eq!(
        read(&SMALL.replace("steps = [{ who", "steps = [{ shared = \"send_ids\", who")),
        Err(LoadError::StepShape {
            place: "AADSTS1".to_owned()
        })
    );
    assert_eq!(
        read(&SMALL.replace("[{ shared = \"send_ids\" }]", "[{ shared = \"send_id\" }]")),
        Err(LoadError::UnknownSharedStep {
            place: "[unknown_code]".to_owned(),
            name: "send_id".to_owned()
        })
    );
    let twice = format!("{SMALL}{}", &SMALL[SMALL.find("[[code]]").expect("has a code")..]);
    assert_eq!(read(&twice), Err(LoadError::Order { earlier: 1, later: 1 }));
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
    let generic: Vec<u32> = codes()
        .iter()
        .filter(|info| info.generic)
        .map(|info| info.code)
        .collect();
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
        .copied()
        .chain(info.steps.iter().map(|step| step.text))
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
    for info in codes() {
        assert_eq!(family(info.code), Some(info.category), "{}", info.code);
    }
}

#[test]
fn lookup_url_points_at_microsoft() {
    assert_eq!(lookup_url(53003), "https://login.microsoftonline.com/error?code=53003");
}

#[test]
fn generic_steps_ask_for_the_ids() {
    let text = step_lines(generic_steps()).join("\n");
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
    for category in Category::ALL {
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

/// The directory roles a help-desk step might name, and whether each one
/// sees a sign-in's Conditional Access details (research/graph-signin-logs.md
/// §2: `appliedConditionalAccessPolicies` needs one of these besides the logs).
const ROLES: [(&str, bool); 7] = [
    ("Global Administrator", true),
    ("Global Reader", true),
    ("Security Administrator", true),
    ("Conditional Access Administrator", true),
    ("Security Reader", true),
    ("Security Operator", false),
    ("Reports Reader", false),
];

/// What help-desk reads in the knowledge base for `code`, shared steps included.
fn help_desk_steps(code: u32) -> Vec<&'static str> {
    let info = lookup(code).expect("the code is in the knowledge base");
    info.steps
        .iter()
        .filter(|step| step.who == WhoFixes::HelpDesk)
        .map(|step| step.text)
        .collect()
}

#[test]
fn the_help_desk_steps_name_the_least_role_the_help_desk_problem_names() {
    use crate::helpdesk::LEAST_ROLE;
    let sees_policies = |role: &str| ROLES.iter().any(|(r, sees)| *r == role && *sees);
    assert!(
        sees_policies(LEAST_ROLE),
        "{LEAST_ROLE} must see Conditional Access details"
    );
    let steps = help_desk_steps(53003);
    let text = steps.join(" ");
    assert!(
        text.contains(&format!("{LEAST_ROLE} is the least")),
        "53003's help-desk steps must name {LEAST_ROLE} as the least role: {text}"
    );
    assert!(text.contains("Conditional Access tab"), "{text}");
    // No step anywhere calls a role enough, or the least, unless it is that one.
    for step in all_steps().filter(|s| s.who == WhoFixes::HelpDesk) {
        for (role, _) in ROLES.iter().filter(|(r, _)| *r != LEAST_ROLE) {
            for claim in [
                format!("{role} role is enough"),
                format!("{role} is enough"),
                format!("{role} is the least"),
            ] {
                assert!(!step.text.contains(&claim), "contradicts {LEAST_ROLE}: {}", step.text);
            }
        }
    }
}
