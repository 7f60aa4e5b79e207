//! Environment variables, which override both config files.

use super::{ConfigProblem, SettingKey, SettingValue};

pub(super) fn read(
    env: &dyn Fn(&str) -> Option<String>,
    problems: &mut Vec<ConfigProblem>,
) -> Vec<(SettingKey, SettingValue, &'static str)> {
    let mut values = Vec::new();
    for key in SettingKey::ALL {
        let variable = key.env_var();
        let Some(raw) = env(variable) else { continue };
        if raw.trim().is_empty() {
            continue;
        }
        match key.parse(&raw) {
            Ok(value) => values.push((key, value, variable)),
            Err(why) => problems.push(ConfigProblem {
                origin: format!("environment variable {variable}"),
                line: None,
                message: format!("{variable} {why}; it was ignored."),
            }),
        }
    }
    values
}
