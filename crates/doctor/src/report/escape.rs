//! The one Markdown writer and the one HTML writer for every value that
//! came from outside (a packet, Microsoft Graph, a redirect, a service's
//! words): the packet, Copy answer and the browser's pages all escape
//! through here, so a value can never become a link, an image, HTML or a
//! heading where a ticket renders it, and every writer uses the same set.
//! Control characters are folded here too: a value stays on its line.

/// Whether `c` would move the text (a line break, a terminal escape, a
/// right-to-left override) rather than be read: Unicode's control
/// characters (C0, DEL, C1, which hold ESC and CSI), the line and paragraph
/// separators, and the bidirectional embeddings, overrides and isolates.
pub fn is_unreadable(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A value as one line of plain text: each character that moves the text
/// ([`is_unreadable`]) shown as a space, as the one-line summaries do.
pub fn one_line(text: &str) -> String {
    text.chars().map(|c| if is_unreadable(c) { ' ' } else { c }).collect()
}

/// Text for a terminal: line breaks and tabs stay, every other character
/// that moves the text (ESC and its sequences, a carriage return that would
/// overwrite the line) is shown as a space, so no value can rewrite the screen.
pub fn terminal(text: &str) -> String {
    text.chars()
        .map(|c| {
            if is_unreadable(c) && c != '\n' && c != '\t' {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// A value as Markdown text: CommonMark's backslash escapes (spec §2.4) for
/// every punctuation mark that can start markup (a link or an image needs
/// `[`, `]` and `!`; HTML `<`; emphasis, code, headings, tables and
/// strikethrough the rest), and one line ([`one_line`]).
pub fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if is_unreadable(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A value inside a Markdown code span (an ID to select and copy): nothing
/// is markup there, but a backtick would close the span and a line break end it.
pub fn markdown_code(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '`' => '\'',
            c if is_unreadable(c) => ' ',
            c => c,
        })
        .collect()
}

/// Where `markdown` has a `[`, `]` or `<` that is not backslash-escaped:
/// the start of a link, an image or HTML. The engine's own Markdown (the
/// packet, Copy answer) writes none, so any found came from a value that
/// was not escaped. For tests and the fuzz targets.
pub fn live_markup_at(markdown: &str) -> Option<usize> {
    let mut escaped = false;
    for (at, c) in markdown.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '[' | ']' | '<' => return Some(at),
            _ => {}
        }
    }
    None
}

/// A value as HTML text or an attribute value: HTML's five special characters as entities.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const HOSTILE: &str = "![x](https://evil.example/p.png) [Re-verify](https://evil.example)";

    #[test]
    fn no_link_or_image_survives_markdown() {
        let out = markdown(HOSTILE);
        assert_eq!(live_markup_at(&out), None, "{out}");
        assert_eq!(live_markup_at(HOSTILE), Some(1));
        assert_eq!(
            live_markup_at(r"\\[x]"),
            Some(2),
            "an escaped backslash escapes nothing"
        );
        assert_eq!(
            out,
            r"\!\[x\](https://evil.example/p.png) \[Re-verify\](https://evil.example)"
        );
        assert_eq!(
            markdown("<img src=x> *a* _b_ `c` # d | e ~~f~~ \\"),
            r"\<img src=x\> \*a\* \_b\_ \`c\` \# d \| e \~\~f\~\~ \\"
        );
    }

    #[test]
    fn a_value_stays_on_its_line_everywhere() {
        let text = "a\nb\rc\u{1b}[2Jd\u{9b}e\u{2028}f\u{202E}g\th";
        assert_eq!(markdown(text), r"a b c \[2Jd e f g h");
        assert_eq!(markdown_code("`id`\n"), "'id' ");
        assert_eq!(one_line(text), "a b c [2Jd e f g h");
        // A terminal keeps the line breaks and tabs the engine wrote, and nothing that rewrites the screen.
        assert_eq!(terminal(text), "a\nb c [2Jd e f g\th");
    }

    #[test]
    fn html_escapes_its_five_characters() {
        assert_eq!(
            html(r#"<script>alert('x') & "y"</script>"#),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
    }
}
