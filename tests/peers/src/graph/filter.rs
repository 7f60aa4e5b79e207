//! The part of OData `$filter` the sign-in logs honour
//! (learn.microsoft.com/graph/api/signin-list, resources/signin):
//! clauses joined by `and`, each `prop eq 'text'`, `createdDateTime ge|le TIME`,
//! or the beta lambda `signInEventTypes/any(t: t eq 'a' or t eq 'b')`.

use chrono::{DateTime, Utc};
use serde_json::Value;

#[derive(Debug, PartialEq)]
pub enum Clause {
    Eq { property: String, value: String },
    Ge(DateTime<Utc>),
    Le(DateTime<Utc>),
    EventTypes(Vec<String>),
}

/// The clauses, or `None` for a filter Graph would refuse ("Invalid filter clause").
pub fn parse(filter: &str) -> Option<Vec<Clause>> {
    split_and(filter)
        .into_iter()
        .map(|c| clause(strip_parens(c.trim())))
        .collect()
}

fn strip_parens(mut text: &str) -> &str {
    while text.starts_with('(') && text.ends_with(')') && balanced(&text[1..text.len() - 1]) {
        text = text[1..text.len() - 1].trim();
    }
    text
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth < 0 {
            return false;
        }
    }
    depth == 0
}

/// Splits on ` and ` outside parentheses and quotes.
fn split_and(filter: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut quoted, mut start) = (0i32, false, 0usize);
    let bytes = filter.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\'' => quoted = !quoted,
            b'(' if !quoted => depth += 1,
            b')' if !quoted => depth -= 1,
            _ => {}
        }
        if !quoted && depth == 0 && filter[i..].to_ascii_lowercase().starts_with(" and ") {
            parts.push(&filter[start..i]);
            i += 5;
            start = i;
            continue;
        }
        i += 1;
    }
    parts.push(&filter[start..]);
    parts
}

fn clause(text: &str) -> Option<Clause> {
    if let Some(rest) = text.strip_prefix("signInEventTypes/any(") {
        let body = rest.strip_suffix(')')?;
        let (var, tests) = body.split_once(':')?;
        let var = var.trim();
        let mut types = Vec::new();
        for test in tests.split(" or ") {
            let test = strip_parens(test.trim());
            let value = test.strip_prefix(var)?.trim().strip_prefix("eq")?.trim();
            types.push(quoted(value)?);
        }
        return Some(Clause::EventTypes(types));
    }
    let mut words = text.splitn(3, ' ');
    let (property, op, value) = (words.next()?, words.next()?, words.next()?.trim());
    match (property, op) {
        ("createdDateTime", "ge") => Some(Clause::Ge(time(value)?)),
        ("createdDateTime", "le") => Some(Clause::Le(time(value)?)),
        ("id" | "correlationId" | "userPrincipalName" | "originalRequestId" | "userId" | "appId", "eq") => {
            Some(Clause::Eq {
                property: property.to_owned(),
                value: quoted(value)?,
            })
        }
        _ => None,
    }
}

fn quoted(text: &str) -> Option<String> {
    Some(text.strip_prefix('\'')?.strip_suffix('\'')?.replace("''", "'"))
}

fn time(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text).ok().map(|t| t.with_timezone(&Utc))
}

/// Whether a sign-in entry passes every clause.
pub fn matches(entry: &Value, clauses: &[Clause]) -> bool {
    let created = entry["createdDateTime"]
        .as_str()
        .and_then(time)
        .unwrap_or(DateTime::<Utc>::MIN_UTC);
    clauses.iter().all(|clause| match clause {
        Clause::Eq { property, value } => entry[property.as_str()]
            .as_str()
            .is_some_and(|v| v.eq_ignore_ascii_case(value)),
        Clause::Ge(at) => created >= *at,
        Clause::Le(at) => created <= *at,
        Clause::EventTypes(types) => event_types(entry).iter().any(|t| types.contains(t)),
    })
}

pub fn event_types(entry: &Value) -> Vec<String> {
    match entry["signInEventTypes"].as_array() {
        Some(types) => types.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect(),
        None if entry["isInteractive"] == Value::Bool(false) => vec!["nonInteractiveUser".to_owned()],
        None => vec!["interactiveUser".to_owned()],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_filters_parse() {
        let clauses = parse("correlationId eq 'd79f5bee-5860-4832-928f-3133e22ae912' and createdDateTime ge 2025-05-14T09:00:00Z and createdDateTime le 2025-05-14T09:40:00Z").expect("parses");
        assert_eq!(clauses.len(), 3);
        let clauses =
            parse("(signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')) and id eq 'a'")
                .expect("parses");
        assert_eq!(
            clauses[0],
            Clause::EventTypes(vec!["interactiveUser".into(), "nonInteractiveUser".into()])
        );
        assert!(parse("displayName eq 'x'").is_none());
    }
}
