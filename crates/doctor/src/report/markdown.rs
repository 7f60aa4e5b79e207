//! The packet as Markdown, for pasting into a ticket or a chat.

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
        for row in &section.rows {
            if row.id {
                let _ = writeln!(out, "- {}: `{}`", row.label, row.value);
            } else {
                let _ = writeln!(out, "- {}: {}", row.label, row.value);
            }
        }
    }
    let _ = writeln!(out, "\n_{}_", doc.footer);
    out
}
