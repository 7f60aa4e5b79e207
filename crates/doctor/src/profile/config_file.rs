//! Reading and saving the TOML config file, with line numbers for every problem.

use super::{ConfigProblem, InvalidValue, ProxyChoice, SettingKey, SettingValue};
use crate::secret::Secret;
use crate::store::{ProxyAccount, ProxyPasswords, StoreError};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;
use toml::Spanned;

/// Reads one config file. A missing file is normal (nothing is set); any
/// other problem is recorded and the file's bad parts are skipped.
pub(super) fn read(path: &Path, problems: &mut Vec<ConfigProblem>) -> Vec<(SettingKey, SettingValue, usize)> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Vec::new(),
        Err(e) => {
            problems.push(problem(path, None, format!("could not be read: {e}")));
            return Vec::new();
        }
    };
    parse(path, &text, problems)
}

fn parse(path: &Path, text: &str, problems: &mut Vec<ConfigProblem>) -> Vec<(SettingKey, SettingValue, usize)> {
    let table: BTreeMap<String, Spanned<toml::Value>> = match toml::from_str(text) {
        Ok(table) => table,
        Err(e) => {
            let line = e.span().map(|span| line_of(text, span.start));
            let message = format!(
                "is not valid TOML: {}. Nothing in this file is used until it is fixed.",
                first_line(e.message())
            );
            problems.push(problem(path, line, message));
            return Vec::new();
        }
    };
    let mut values = Vec::new();
    for (name, spanned) in table {
        let line = line_of(text, spanned.span().start);
        let Some(key) = SettingKey::from_file_key(&name) else {
            let known: Vec<&str> = SettingKey::ALL.iter().map(|k| k.file_key()).collect();
            problems.push(problem(
                path,
                Some(line),
                format!(
                    "has an unknown setting \"{name}\" (known: {}); it was ignored.",
                    known.join(", ")
                ),
            ));
            continue;
        };
        let parsed = as_text(spanned.get_ref()).and_then(|raw| key.parse(&raw));
        match parsed {
            Ok(value) => {
                if let SettingValue::Proxy(ProxyChoice::Fixed(url)) = &value {
                    if url::Url::parse(url).is_ok_and(|u| u.password().is_some()) {
                        problems.push(problem(
                            path,
                            Some(line),
                            "holds the proxy's password in clear text. Enter the proxy again in Settings (the app then keeps the password in the system keychain and only the user name in this file).".to_owned(),
                        ));
                    }
                }
                values.push((key, value, line))
            }
            Err(why) => problems.push(problem(path, Some(line), format!("{name} {why}; it was ignored."))),
        }
    }
    values
}

/// File values are read as text so the file, the environment and the
/// Settings form share one parser per setting.
fn as_text(value: &toml::Value) -> Result<String, InvalidValue> {
    match value {
        toml::Value::String(s) => Ok(s.clone()),
        toml::Value::Integer(i) => Ok(i.to_string()),
        toml::Value::Array(items) => items
            .iter()
            .map(|item| match item {
                toml::Value::String(s) => Ok(s.clone()),
                other => Err(InvalidValue::NotTextList(other.type_str())),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(|items| items.join(" ")),
        other => Err(InvalidValue::NotText(other.type_str())),
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset).unwrap_or(text).matches('\n').count() + 1
}

fn first_line(message: &str) -> &str {
    message.lines().next().unwrap_or(message).trim_end_matches('.')
}

fn problem(path: &Path, line: Option<usize>, message: String) -> ConfigProblem {
    ConfigProblem {
        origin: path.display().to_string(),
        line,
        message,
    }
}

/// Why the Settings view could not save.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{label}: {why}")]
    Invalid { label: &'static str, why: InvalidValue },
    #[error("{path} has an error on line {line}: {message}. Fix or remove that file before saving from the app, so nothing in it is lost.")]
    Malformed {
        path: PathBuf,
        line: usize,
        message: String,
    },
    #[error("could not write {path}: {source}")]
    Io { path: PathBuf, source: io::Error },
    #[error("there is no setting called \"{0}\"")]
    UnknownSetting(String),
    #[error("this system has no folder for a settings file")]
    NoUserFile,
    /// The proxy's password could not go into the keychain, so nothing was
    /// saved: it never falls back to the file.
    #[error(
        "the password for the proxy ({account}) could not be saved in the system keychain, so nothing was saved: {why}"
    )]
    ProxyPassword { account: String, why: StoreError },
}

/// Saves edits to the user's config file, keeping its comments and any
/// other settings. An empty value removes the setting, so the layer below
/// (the admin's file or the default) applies again.
/// A proxy password goes into `passwords` (the keychain), never the file.
/// Each keychain call is waited for at most `bound` (one check's bound, as
/// every keychain step): a Secret Service may sit on an unlock prompt.
pub fn save_edits<P: ProxyPasswords + Clone + 'static>(
    path: &Path,
    edits: &[(SettingKey, String)],
    passwords: &P,
    bound: Duration,
) -> Result<(), SaveError> {
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => String::new(),
        Err(source) => {
            return Err(SaveError::Io {
                path: path.to_owned(),
                source,
            })
        }
    };
    let mut document: toml_edit::DocumentMut =
        existing
            .parse()
            .map_err(|e: toml_edit::TomlError| SaveError::Malformed {
                path: path.to_owned(),
                line: e.span().map_or(1, |span| line_of(&existing, span.start)),
                message: first_line(e.message()).to_owned(),
            })?;
    if existing.trim().is_empty() {
        document
            .decor_mut()
            .set_prefix("# Sign-in Doctor settings. Environment variables (SIGNIN_DOCTOR_*) override this file.\n");
    }
    let old_proxy = document
        .get(SettingKey::Proxy.file_key())
        .and_then(|item| item.as_str())
        .map(str::to_owned);
    for (key, raw) in edits {
        if raw.trim().is_empty() {
            document.remove(key.file_key());
            continue;
        }
        let value = match key.parse(raw) {
            Ok(SettingValue::Proxy(ProxyChoice::Fixed(url))) => {
                SettingValue::Proxy(ProxyChoice::Fixed(password_into_keychain(&url, passwords, bound)?))
            }
            Ok(value) => value,
            Err(why) => {
                return Err(SaveError::Invalid {
                    label: key.label(),
                    why,
                })
            }
        };
        document[key.file_key()] = toml_edit::value(file_value(&value));
    }
    crate::store::write_atomically(path, document.to_string().as_bytes()).map_err(|source| SaveError::Io {
        path: path.to_owned(),
        source,
    })?;
    // A proxy that changed or went away leaves no password behind it.
    let new_proxy = document
        .get(SettingKey::Proxy.file_key())
        .and_then(|item| item.as_str());
    let account = |text: Option<&str>| {
        text.and_then(|t| url::Url::parse(t).ok())
            .and_then(|u| ProxyAccount::of(&u))
    };
    if let Some(old) = account(old_proxy.as_deref()) {
        if account(new_proxy) != Some(old.clone()) {
            // Best effort: the file no longer names it, so it is never read again.
            let passwords = passwords.clone();
            let _ = crate::store::within_blocking(bound, move || passwords.forget_proxy_password(&old));
        }
    }
    Ok(())
}

/// Moves the password of a proxy URL into the keychain and returns the URL
/// the file keeps: the user and address only. `***` is the placeholder the
/// app shows for a password, so it keeps the saved one.
fn password_into_keychain<P: ProxyPasswords + Clone + 'static>(
    text: &str,
    passwords: &P,
    bound: Duration,
) -> Result<String, SaveError> {
    let Ok(mut url) = url::Url::parse(text) else {
        return Ok(text.to_owned());
    };
    let Some(password) = url
        .password()
        .map(|p| percent_encoding::percent_decode_str(p).decode_utf8_lossy().into_owned())
    else {
        return Ok(text.to_owned());
    };
    if let (Some(account), false) = (ProxyAccount::of(&url), password == "***") {
        let (passwords, saved_for, password) = (passwords.clone(), account.clone(), Secret::new(password));
        crate::store::within_blocking(bound, move || passwords.save_proxy_password(&saved_for, &password)).map_err(
            |why| SaveError::ProxyPassword {
                account: account.to_string(),
                why,
            },
        )?;
    }
    // Cannot fail: a URL with a password has a host.
    let _ = url.set_password(None);
    Ok(crate::network::proxy::as_given(&url, text))
}

fn file_value(value: &SettingValue) -> toml_edit::Value {
    match value {
        SettingValue::Words(list) => list.iter().map(String::as_str).collect::<toml_edit::Array>().into(),
        SettingValue::Seconds(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX).into(),
        // The rest are kept as the text the Settings form shows.
        other => other.text().into(),
    }
}
