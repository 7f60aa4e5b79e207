//! The packet as Markdown, for pasting into a ticket or a chat.

use super::escape::{markdown as escape, markdown_code};
use super::{build, Packet};
use std::fmt::Write;

pub fn markdown(packet: &Packet<'_>) -> String {
    let doc = build(packet);
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n\n{}", doc.title, doc.made);
    for section in &doc.sections {
        let _ = writeln!(out, "\n## {}\n", section.heading);
        for lead in &section.lead {
            let _ = writeln!(out, "{lead}\n");
        }
        // Row values come from outside (a service's description, a forged
        // redirect, what was pasted): escaped, so they can never become a
        // link, an image, HTML or a heading where the ticket renders Markdown.
        for row in &section.rows {
            let label = escape(&row.label);
            if row.id {
                // Inside a code span, but a backtick would close it and a line break end the item.
                let _ = writeln!(out, "- {label}: `{}`", markdown_code(&row.value));
            } else {
                let _ = writeln!(out, "- {label}: {}", escape(&row.value));
            }
        }
    }
    let _ = writeln!(out, "\n_{}_", doc.footer);
    out
}
