//! The profile as the Settings view and `signin-doctor-cli profile` show it.

use super::source_words::source_kind_words;
use super::{LoadedProfile, SettingKey, Source};
use crate::personal::PersonalKind;
use serde::Serialize;

/// Something wrong in a config file or variable, named precisely enough to fix.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfigProblem {
    /// The file's path, or "environment variable NAME".
    pub origin: String,
    pub line: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for ConfigProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}, line {line}: {}", self.origin, self.message),
            None => write!(f, "{}: {}", self.origin, self.message),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SourceView {
    /// "default", "system_file", "user_file" or "environment".
    pub kind: &'static str,
    /// The kind in words, e.g. "Your settings file": the view shows this.
    pub kind_words: &'static str,
    /// Words for the user, e.g. "environment variable SIGNIN_DOCTOR_AUTHORITY".
    pub detail: String,
}

impl SourceView {
    fn new(kind: &'static str, detail: String) -> Self {
        Self {
            kind,
            kind_words: source_kind_words(kind),
            detail,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct SettingView {
    pub key: &'static str,
    pub label: &'static str,
    pub value: String,
    pub default_value: &'static str,
    pub help: &'static str,
    pub env_var: &'static str,
    pub source: SourceView,
    /// What a personal value is, in words ("sign-in name"), for the reveal
    /// button in presenter mode; left out for a value that names no one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub personal_words: Option<&'static str>,
}

#[derive(Clone, Debug, Serialize)]
pub struct ProfileReport {
    pub settings: Vec<SettingView>,
    pub problems: Vec<ConfigProblem>,
    pub user_config: Option<String>,
    pub system_config: Option<String>,
    /// What to call each file, in the same words as a value's source.
    pub user_config_words: &'static str,
    pub system_config_words: &'static str,
}

impl From<&LoadedProfile> for ProfileReport {
    fn from(loaded: &LoadedProfile) -> Self {
        let settings = SettingKey::ALL
            .into_iter()
            .map(|key| SettingView {
                key: key.file_key(),
                label: key.label(),
                value: loaded.profile.value_text(key),
                default_value: key.default_value(),
                help: key.help(),
                env_var: key.env_var(),
                source: source_view(loaded, loaded.profile.source(key)),
                personal_words: personal_kind(key).map(PersonalKind::words),
            })
            .collect();
        ProfileReport {
            settings,
            problems: loaded.problems.clone(),
            user_config: loaded.locations.user.as_ref().map(|p| p.display().to_string()),
            system_config: loaded.locations.system.as_ref().map(|p| p.display().to_string()),
            user_config_words: source_kind_words("user_file"),
            system_config_words: source_kind_words("system_file"),
        }
    }
}

/// The settings whose value is shown dotted out in presenter mode: the
/// user's sign-in name.
fn personal_kind(key: SettingKey) -> Option<PersonalKind> {
    (key == SettingKey::LoginHint).then_some(PersonalKind::Upn)
}

fn source_view(loaded: &LoadedProfile, source: &Source) -> SourceView {
    match source {
        Source::Default => SourceView::new("default", "built-in default".to_owned()),
        Source::Environment { variable } => SourceView::new("environment", format!("environment variable {variable}")),
        Source::File { path, line } => {
            let kind = if loaded.locations.system.as_deref() == Some(path.as_path()) {
                "system_file"
            } else {
                "user_file"
            };
            SourceView::new(kind, format!("{}, line {line}", path.display()))
        }
    }
}
