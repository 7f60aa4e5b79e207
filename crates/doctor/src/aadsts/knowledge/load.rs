//! Reads `aadsts/knowledge.toml` (embedded at build time) once, checks it and
//! resolves its shared steps. The tests prove the embedded file reads
//! cleanly; should it ever not, lookups find nothing and the steps for an
//! unknown code still tell the user what to send help-desk, never a panic.

use super::{Category, CodeInfo, Step, WhoFixes};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// The knowledge base as written.
pub(super) const TEXT: &str = include_str!("../knowledge.toml");

/// The file's layout. `deny_unknown_fields` everywhere: a misspelt key is an
/// error, not a silently missing step.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct File {
    shared_steps: BTreeMap<String, StepText>,
    unknown_code: UnknownCode,
    code: Vec<CodeEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepText {
    who: WhoFixes,
    text: String,
}

/// A step as written in a list: its own `who` and `text`, or the name of a
/// shared step.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StepEntry {
    who: Option<WhoFixes>,
    text: Option<String>,
    shared: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct UnknownCode {
    steps: Vec<StepEntry>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeEntry {
    code: u32,
    name: String,
    category: Category,
    who_fixes: WhoFixes,
    #[serde(default)]
    generic: bool,
    summary: String,
    causes: Vec<String>,
    steps: Vec<StepEntry>,
}

/// Why the knowledge file could not be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the knowledge file is not valid TOML of the expected shape: {0}")]
    Syntax(String),
    #[error("{place}: a step names the shared step {name:?}, which [shared_steps] does not have")]
    UnknownSharedStep { place: String, name: String },
    #[error("{place}: a step needs either who and text, or shared alone")]
    StepShape { place: String },
    #[error("AADSTS{later} comes after AADSTS{earlier}: codes must be unique and in increasing order")]
    Order { earlier: u32, later: u32 },
}

/// The knowledge base, resolved: every shared step in place.
#[derive(Debug)]
pub(super) struct Knowledge {
    pub codes: Vec<CodeInfo>,
    pub unknown_code_steps: Vec<Step>,
}

static FILE: LazyLock<Result<File, LoadError>> = LazyLock::new(|| parse(TEXT));
static KNOWLEDGE: LazyLock<Result<Knowledge, LoadError>> = LazyLock::new(|| match &*FILE {
    Ok(file) => resolve(file),
    Err(e) => Err(e.clone()),
});

/// What the user still reads about any code if the file could not be used.
const FALLBACK_STEP: &str = "copy the error exactly as shown, with the Request ID (also called Trace ID), the Correlation ID and the time in UTC, and send it to help-desk. (This copy of the app could not read its list of error codes.)";
static FALLBACK: LazyLock<Knowledge> = LazyLock::new(|| Knowledge {
    codes: Vec::new(),
    unknown_code_steps: vec![Step {
        who: WhoFixes::User,
        text: FALLBACK_STEP,
    }],
});

/// The knowledge base, read on first use.
pub(super) fn knowledge() -> &'static Knowledge {
    or_fallback(&KNOWLEDGE)
}

/// The knowledge base if it could be read, else no codes and one step.
pub(super) fn or_fallback(read: &'static Result<Knowledge, LoadError>) -> &'static Knowledge {
    match read {
        Ok(knowledge) => knowledge,
        Err(_) => &FALLBACK,
    }
}

/// Why the embedded knowledge file could not be used, if it could not.
pub fn load_error() -> Option<&'static LoadError> {
    KNOWLEDGE.as_ref().err()
}

pub(super) fn parse(text: &str) -> Result<File, LoadError> {
    toml::from_str(text).map_err(|e| LoadError::Syntax(e.to_string()))
}

/// Puts shared steps in place and checks what lookups rely on: codes unique
/// and sorted, every shared step known.
pub(super) fn resolve(file: &'static File) -> Result<Knowledge, LoadError> {
    let mut codes: Vec<CodeInfo> = Vec::with_capacity(file.code.len());
    for entry in &file.code {
        if let Some(earlier) = codes.last().map(|info| info.code) {
            if entry.code <= earlier {
                return Err(LoadError::Order {
                    earlier,
                    later: entry.code,
                });
            }
        }
        codes.push(CodeInfo {
            code: entry.code,
            name: &entry.name,
            category: entry.category,
            who_fixes: entry.who_fixes,
            summary: &entry.summary,
            causes: entry.causes.iter().map(String::as_str).collect(),
            steps: steps(file, &format!("AADSTS{}", entry.code), &entry.steps)?,
            generic: entry.generic,
        });
    }
    Ok(Knowledge {
        codes,
        unknown_code_steps: steps(file, "[unknown_code]", &file.unknown_code.steps)?,
    })
}

/// A list of steps, each shared step replaced by its text; `place` names the
/// list in errors.
fn steps(file: &'static File, place: &str, entries: &'static [StepEntry]) -> Result<Vec<Step>, LoadError> {
    entries
        .iter()
        .map(|entry| match (entry.who, &entry.text, &entry.shared) {
            (Some(who), Some(text), None) => Ok(Step { who, text }),
            (None, None, Some(name)) => match file.shared_steps.get(name) {
                Some(shared) => Ok(Step {
                    who: shared.who,
                    text: &shared.text,
                }),
                None => Err(LoadError::UnknownSharedStep {
                    place: place.to_owned(),
                    name: name.clone(),
                }),
            },
            _ => Err(LoadError::StepShape {
                place: place.to_owned(),
            }),
        })
        .collect()
}
