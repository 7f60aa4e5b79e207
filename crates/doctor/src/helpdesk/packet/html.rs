//! The HTML packet (Export… as .html) as labelled rows.

use super::rows::Rows;
use crate::report::labels;

/// HTML's five entities (html.rs escapes exactly these) and numeric ones undone.
fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some(end) = rest.find(';').filter(|end| *end <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Text content: tags dropped, entities decoded.
fn html_text(fragment: &str) -> String {
    let mut out = String::with_capacity(fragment.len());
    let mut in_tag = false;
    for c in fragment.chars() {
        match (c, in_tag) {
            ('<', _) => in_tag = true,
            ('>', true) => in_tag = false,
            (c, false) => out.push(c),
            _ => {}
        }
    }
    unescape_html(&out).trim().to_owned()
}

/// The text between `open` and `close` after `from`, and where it ends.
fn between<'a>(text: &'a str, from: usize, open: &str, close: &str) -> Option<(&'a str, usize)> {
    let start = text.get(from..)?.find(open)? + from + open.len();
    let end = text.get(start..)?.find(close)? + start;
    Some((&text[start..end], end + close.len()))
}

pub(super) fn html_rows(text: &str) -> Rows {
    let mut rows = Rows::default();
    // html.rs writes one element per line: h2, p, tr.
    let mut heading = String::new();
    let mut made_seen = false;
    for line in text.lines().take(10_000) {
        let line = line.trim();
        if let Some((h, _)) = between(line, 0, "<h2>", "</h2>") {
            heading = html_text(h);
        } else if line.starts_with("<tr>") {
            let Some((label, after)) = between(line, 0, "<th scope=\"row\">", "</th>") else {
                continue;
            };
            let Some((value, _)) = between(line, after, "<td>", "</td>") else {
                continue;
            };
            rows.rows.push((heading.clone(), html_text(label), html_text(value)));
        } else if let Some((p, _)) = between(line, 0, "<p>", "</p>") {
            if let Some((em, _)) = between(p, 0, "<em>", "</em>") {
                rows.footer = Some(html_text(em));
            } else if !made_seen && p.starts_with(labels::MADE) {
                made_seen = true;
                rows.made = Some(html_text(p));
            } else {
                // The lead's bold code is kept as Markdown's, so both read alike.
                let lead = match between(p, 0, "<strong>", "</strong>") {
                    Some((bold, end)) if p.starts_with("<strong>") => {
                        format!("**{}**{}", html_text(bold), unescape_html(&p[end..]))
                    }
                    _ => html_text(p),
                };
                rows.leads.push((heading.clone(), lead));
            }
        }
    }
    rows
}
