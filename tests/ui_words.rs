//! "No word kept twice" (issue 24): the engine sends its domain words with
//! its data (`status_word`, `outcome_words`, `kind_words`, …), so no UI file
//! may hold a copy of one. This reads every string literal of the UI's
//! scripts and the text of `ui/index.html`, and fails on any that is a word
//! of the engine's word tables (`doctor::words::word_tables`).

use doctor::words::word_tables;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Literals that are the same text as an engine word but not a copy of it,
/// each with why. Each must still be there, so a stale entry fails too.
const NOT_COPIES: &[(&str, &str, &str)] = &[
    (
        "views/explain.js",
        "IP address",
        "the error page's own label for its line (aadsts/page.rs), shown beside its value like the packet's labels",
    ),
    // The help-desk view's row labels name the row; the value beside it is
    // the engine's `Personal` value, which carries its kind's words itself.
    (
        "views/helpdesk.js",
        "IP address",
        "a label of the answer's sign-in table",
    ),
    (
        "views/helpdesk.js",
        "Device",
        "a label of the answer's sign-in table, not the category",
    ),
];

fn ui_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ui")
}

fn scripts(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("read {}: {e}", dir.display())) {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            scripts(&path, found);
        } else if path.extension().is_some_and(|e| e == "js" || e == "mjs") {
            found.push(path);
        }
    }
}

/// The string literals of a script, each with its line: quoted strings, and
/// the fixed parts of template literals (split where `${…}` goes).
fn js_literals(source: &str) -> Vec<(usize, String)> {
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // The brace depth at which each open `${` returns to its template.
    let mut templates: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    let mut in_template = false;
    while i < chars.len() {
        if in_template {
            let (start_line, mut part) = (line, String::new());
            while i < chars.len() {
                match chars[i] {
                    '\\' if i + 1 < chars.len() => {
                        part.push(chars[i + 1]);
                        i += 2;
                    }
                    '`' => {
                        in_template = false;
                        i += 1;
                        break;
                    }
                    '$' if chars.get(i + 1) == Some(&'{') => {
                        templates.push(depth);
                        depth += 1;
                        in_template = false;
                        i += 2;
                        break;
                    }
                    c => {
                        line += usize::from(c == '\n');
                        part.push(c);
                        i += 1;
                    }
                }
            }
            found.push((start_line, part));
            continue;
        }
        match (chars[i], chars.get(i + 1)) {
            ('\n', _) => {
                line += 1;
                i += 1;
            }
            ('/', Some('/')) => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            ('/', Some('*')) => {
                i += 2;
                while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                    line += usize::from(chars[i] == '\n');
                    i += 1;
                }
                i += 2;
            }
            (quote @ ('\'' | '"'), _) => {
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != quote && chars[i] != '\n' {
                    if chars[i] == '\\' && i + 1 < chars.len() {
                        i += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                found.push((line, text));
                i += 1;
            }
            ('`', _) => {
                in_template = true;
                i += 1;
            }
            ('{', _) => {
                depth += 1;
                i += 1;
            }
            ('}', _) => {
                depth = depth.saturating_sub(1);
                if templates.last() == Some(&depth) {
                    templates.pop();
                    in_template = true;
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    found
}

/// The text a person reads in the page: text between tags, and the
/// attributes that are read out or shown (title, placeholder, aria-label,
/// alt). Scripts, styles and comments are not text. The checklist's static
/// rows are left out: they are the first paint of the engine's run_started
/// event, and `src-tauri/page_tests.rs` pins them to the engine's words.
fn html_texts(page: &str) -> Vec<(usize, String)> {
    let mut page = page.to_owned();
    for (open, close) in [
        ("<!--", "-->"),
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<ol id=\"checklist\"", "</ol>"),
    ] {
        while let Some(start) = page.find(open) {
            let end = page[start..]
                .find(close)
                .map_or(page.len(), |e| start + e + close.len());
            // Keep the line count: replace the cut with its newlines.
            let newlines = "\n".repeat(page[start..end].matches('\n').count());
            page.replace_range(start..end, &newlines);
        }
    }
    let line_of = |at: usize| page[..at].matches('\n').count() + 1;
    let decode = |s: &str| s.replace("&amp;", "&").replace("&#10;", "\n").replace("&quot;", "\"");
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(open) = page[at..].find('>').map(|o| at + o + 1) {
        let close = page[open..].find('<').map_or(page.len(), |c| open + c);
        found.push((line_of(open), decode(&page[open..close])));
        at = close;
    }
    for attribute in ["title=\"", "placeholder=\"", "aria-label=\"", "alt=\""] {
        for (start, _) in page.match_indices(attribute) {
            let from = start + attribute.len();
            let to = page[from..].find('"').map_or(page.len(), |e| from + e);
            found.push((line_of(from), decode(&page[from..to])));
        }
    }
    found
}

/// A word as compared: without the space and the closing stop around it.
fn bare(text: &str) -> &str {
    text.trim().trim_end_matches(['.', ':', '…']).trim()
}

/// Every UI text, as (file, line, text).
fn ui_texts() -> Vec<(String, usize, String)> {
    let ui = ui_dir();
    let mut files = Vec::new();
    scripts(&ui, &mut files);
    let mut texts = Vec::new();
    for file in &files {
        let source = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("read {}: {e}", file.display()));
        // Named with "/" on every system, as NOT_COPIES names them.
        let name = file
            .strip_prefix(&ui)
            .expect("under ui/")
            .components()
            .map(|part| part.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        texts.extend(
            js_literals(&source)
                .into_iter()
                .map(|(line, t)| (name.clone(), line, t)),
        );
    }
    let page = std::fs::read_to_string(ui.join("index.html")).expect("ui/index.html");
    texts.extend(
        html_texts(&page)
            .into_iter()
            .map(|(line, t)| ("index.html".to_owned(), line, t)),
    );
    texts
}

#[test]
fn no_ui_file_holds_a_word_the_engine_sends() {
    let texts = ui_texts();
    // The reader must see the UI, or the test would pass on nothing.
    for (file, known) in [
        ("index.html", "Run checks"),
        ("views/checklist.js", "Running the checks…"),
        ("views/settings.js", "Use default"),
    ] {
        assert!(
            texts.iter().any(|(f, _, t)| f == file && t.trim() == known),
            "the reader no longer finds {known:?} in ui/{file}: fix the reader"
        );
    }
    let mut engine: HashMap<&str, &str> = HashMap::new();
    let tables = word_tables();
    for table in &tables {
        for word in &table.words {
            engine.insert(bare(word), table.name);
        }
    }
    let mut copies = Vec::new();
    let mut excused = vec![false; NOT_COPIES.len()];
    for (file, line, text) in &texts {
        let Some(table) = engine.get(bare(text)) else {
            continue;
        };
        if let Some(i) = NOT_COPIES.iter().position(|(f, t, _)| f == file && t == text) {
            excused[i] = true;
            continue;
        }
        copies.push(format!("ui/{file}:{line}: {text:?} is one of the engine's {table}"));
    }
    assert!(
        copies.is_empty(),
        "the UI keeps copies of words the engine sends with its data; show the engine's `*_words` instead:\n{}",
        copies.join("\n")
    );
    for (i, (file, text, _)) in NOT_COPIES.iter().enumerate() {
        assert!(
            excused[i],
            "NOT_COPIES lists {text:?} in ui/{file}, which no longer holds it"
        );
    }
}

#[test]
fn the_reader_splits_template_literals_and_skips_comments() {
    let found: Vec<String> =
        js_literals("// 'not this'\nconst a = `Up to ${n} {x} s`; /* \"nor this\" */ f('one', \"two\");")
            .into_iter()
            .map(|(_, t)| t)
            .collect();
    assert_eq!(found, ["Up to ", " {x} s", "one", "two"]);
    let page = "<p title=\"Tip\">Hello <b>you</b></p><!-- <i>no</i> --><ol id=\"checklist\"><li>Waiting</li></ol>";
    let texts: Vec<String> = html_texts(page)
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| !t.is_empty())
        .collect();
    assert_eq!(texts, ["Hello ", "you", "Tip"]);
}
