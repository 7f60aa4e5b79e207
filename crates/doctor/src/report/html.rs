//! The packet as a standalone HTML page, to attach to a ticket. No scripts,
//! no remote resources; every value is escaped.

use super::escape::html as escape;
use super::{build, Packet};
use std::fmt::Write;

/// "**AADSTS53003 Name**: text" → bold code, the rest escaped.
fn lead(text: &str) -> String {
    match text.strip_prefix("**").and_then(|t| t.split_once("**")) {
        Some((bold, rest)) => format!("<strong>{}</strong>{}", escape(bold), escape(rest)),
        None => escape(text),
    }
}

pub fn html(packet: &Packet<'_>) -> String {
    let doc = build(packet);
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{title}</title>\n<style>\n\
         body{{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.45}}\n\
         table{{border-collapse:collapse;width:100%}}th,td{{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid #ccc}}\n\
         th{{width:30%;font-weight:600}}code{{font-family:ui-monospace,monospace;user-select:all}}\n\
         </style>\n</head>\n<body>\n<h1>{title}</h1>\n<p>{made}</p>\n",
        title = escape(&doc.title),
        made = escape(&doc.made)
    );
    for section in &doc.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.heading));
        for text in &section.lead {
            let _ = writeln!(out, "<p>{}</p>", lead(text));
        }
        if !section.rows.is_empty() {
            let _ = writeln!(out, "<table>");
            for row in &section.rows {
                let value = if row.id {
                    format!("<code>{}</code>", escape(&row.value))
                } else {
                    escape(&row.value)
                };
                let _ = writeln!(
                    out,
                    "<tr><th scope=\"row\">{}</th><td>{value}</td></tr>",
                    escape(&row.label)
                );
            }
            let _ = writeln!(out, "</table>");
        }
    }
    let _ = writeln!(out, "<p><em>{}</em></p>\n</body>\n</html>", escape(&doc.footer));
    out
}
