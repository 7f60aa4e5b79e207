//! The Markdown packet (Copy for help-desk, Export… as .md) as labelled rows.

use super::rows::Rows;
use crate::report::labels;

/// CommonMark backslash escapes undone (markdown.rs escapes punctuation).
fn unescape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) if next.is_ascii_punctuation() => out.push(next),
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    out
}

pub(super) fn markdown_rows(text: &str) -> Rows {
    let mut rows = Rows::default();
    let mut heading = String::new();
    let mut made_seen = false;
    for line in text.lines().take(10_000) {
        let line = line.trim_end();
        if let Some(h) = line.strip_prefix("## ") {
            heading = unescape_markdown(h.trim());
        } else if let Some(item) = line.strip_prefix("- ") {
            // "- Label: value" or "- Label: `id`"; a label's own colons are escaped as text, so the first ": " ends it.
            if let Some((label, value)) = item.split_once(": ") {
                let value = value.trim();
                let value = match value.strip_prefix('`').and_then(|v| v.strip_suffix('`')) {
                    Some(code) => code.to_owned(),
                    None => unescape_markdown(value),
                };
                rows.rows.push((heading.clone(), unescape_markdown(label), value));
            }
        } else if line.starts_with(labels::MADE) && !made_seen {
            made_seen = true;
            rows.made = Some(line.to_owned());
        } else if let Some(footer) = line.strip_prefix('_').and_then(|l| l.strip_suffix('_')) {
            rows.footer = Some(footer.to_owned());
        } else if !line.is_empty() && !line.starts_with('#') {
            rows.leads.push((heading.clone(), line.to_owned()));
        }
    }
    rows
}
