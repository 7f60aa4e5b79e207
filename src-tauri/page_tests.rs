//! The page the window loads: the static rows are the engine's, and the
//! bundle holds every module of `ui/`.

use crate::ui_bundle;
use doctor::{Diagnosis, Profile, Status};
use std::path::Path;

fn ui_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/ui"))
}

/// (id, title, status word) of each row written in `ui/index.html`.
fn static_rows(html: &str) -> Vec<(String, String, String)> {
    let start = html.find("<ol id=\"checklist\"").expect("the checklist is in the page");
    let end = start + html[start..].find("</ol>").expect("the checklist ends");
    let between = |text: &str, open: &str, close: &str| -> String {
        let from = text.find(open).map(|i| i + open.len()).expect(open);
        let to = from + text[from..].find(close).expect(close);
        text[from..to].replace("&amp;", "&")
    };
    html[start..end]
        .split("<li ")
        .skip(1)
        .map(|row| {
            (
                between(row, "data-check-id=\"", "\""),
                between(row, "<h2 class=\"check-title\">", "</h2>"),
                between(row, "<span class=\"status-word\">", "</span>"),
            )
        })
        .collect()
}

#[test]
fn the_static_rows_are_the_engines_checks_in_its_order_with_its_words() {
    let html = std::fs::read_to_string(ui_dir().join("index.html")).expect("ui/index.html");
    let engine: Vec<(String, String, String)> = Diagnosis::new(Profile::defaults())
        .probes()
        .iter()
        .map(|p| p.check())
        .map(|c| (c.id.as_str().to_owned(), c.title, Status::Pending.word().to_owned()))
        .collect();
    assert_eq!(
        static_rows(&html),
        engine,
        "ui/index.html's rows must be the checks the first run starts with (the run_started event)"
    );
}

#[test]
fn the_bundle_joins_every_module_after_the_ones_it_imports() {
    let bundle = ui_bundle::bundle(ui_dir()).expect("ui/ bundles");
    assert_eq!(
        bundle.modules.last().map(String::as_str),
        Some("app.js"),
        "the entry runs last"
    );
    let position = |m: &str| bundle.modules.iter().position(|k| k == m).expect(m);
    assert!(position("api.js") < position("views/checklist.js"));
    assert!(position("dom.js") < position("presenter.js"));
    // The page holds its script (at the end of the body), its style sheet and
    // its header's image: it names no file to load after it.
    let page = &bundle.index_html;
    let script_at = page.find("<script>\n").expect("the script is in the page");
    assert!(page[script_at..].contains(&bundle.script));
    assert!(page[script_at..].trim_end().ends_with("</script>\n</body>\n</html>"));
    assert!(page.contains("<style>") && !page.contains("<link rel=\"stylesheet\""));
    assert!(page.contains("<img src=\"data:image/png;base64,"));
    for loaded in ["src=\"", "href=\"style.css\"", "type=\"module\"", "modulepreload"] {
        assert!(
            !page.replace("src=\"data:", "").contains(loaded),
            "the page still loads something: {loaded}"
        );
    }
    // Every import and export was rewritten.
    assert!(!bundle
        .script
        .lines()
        .any(|l| l.starts_with("import ") || l.starts_with("export ")));
}

#[test]
fn the_bundle_refuses_what_it_cannot_join_faithfully() {
    let scratch = tempfile::tempdir().expect("scratch");
    let dir = &scratch.path().join("ui");
    std::fs::create_dir(dir).expect("ui");
    let out = scratch.path().join("out");
    let page = "<html><head>\n<script type=\"module\" src=\"app.js\"></script>\n</head></html>\n";
    std::fs::write(dir.join("index.html"), page).expect("page");
    let refused = |app: &str, extra: &[(&str, &str)]| -> String {
        std::fs::write(dir.join("app.js"), app).expect("app");
        for (name, text) in extra {
            std::fs::write(dir.join(name), text).expect("module");
        }
        let out = ui_bundle::write(dir, &out).err().map(|e| e.to_string());
        for (name, _) in extra {
            let _ = std::fs::remove_file(dir.join(name));
        }
        out.unwrap_or_default()
    };
    assert!(refused("export default 1;\n", &[]).contains("app.js:1"));
    assert!(refused("const x = await import('./a.js');\n", &[]).contains("dynamic import"));
    assert!(refused("import a from './a.js';\n", &[("a.js", "export const a = 1;\n")]).contains("does not read"));
    let cycle = refused(
        "import * as a from './a.js';\n",
        &[("a.js", "import * as app from './app.js';\n")],
    );
    assert!(cycle.contains("cycle"), "{cycle}");
    let orphan = refused("export const x = 1;\n", &[("lost.js", "export const y = 2;\n")]);
    assert!(orphan.contains("lost.js is not imported"), "{orphan}");
    assert_eq!(
        refused(
            "import { a } from './a.js';\nconsole.log(a);\n",
            &[("a.js", "export const a = 1;\n")]
        ),
        ""
    );
    assert!(ui_bundle::write(dir, &dir.join("out")).is_err(), "never into itself");
}

#[test]
fn text_that_would_end_its_element_early_is_refused_not_written_into_the_page() {
    let scratch = tempfile::tempdir().expect("scratch");
    let dir = &scratch.path().join("ui");
    std::fs::create_dir(dir).expect("ui");
    let page = "<html><head>\n<link rel=\"stylesheet\" href=\"style.css\">\n<script type=\"module\" src=\"app.js\"></script>\n</head><body>\n</body>\n</html>\n";
    std::fs::write(dir.join("index.html"), page).expect("page");
    let bundled = |css: &str, app: &str| {
        std::fs::write(dir.join("style.css"), css).expect("css");
        std::fs::write(dir.join("app.js"), app).expect("app");
        ui_bundle::bundle(dir).map(|b| b.index_html).map_err(|e| e.to_string())
    };
    let fine = bundled("p { color: red; }\n", "console.log(1);\n").expect("bundles");
    assert!(fine.contains("<style>\np { color: red; }\n</style>"), "{fine}");
    // Only what the page holds stays out of the build: another image is copied.
    std::fs::write(dir.join("other.png"), b"png").expect("image");
    let out = scratch.path().join("out");
    ui_bundle::write(dir, &out).expect("writes");
    assert!(out.join("other.png").exists() && !out.join("style.css").exists());
    let style = bundled("p::after { content: '</STYLE>'; }\n", "console.log(1);\n").unwrap_err();
    assert!(style.contains("style.css") && style.contains("</style"), "{style}");
    let script = bundled("p {}\n", "const s = '</script>';\n").unwrap_err();
    assert!(script.contains("</script"), "{script}");
    assert!(bundled("p {}\n", "const s = '<!--';\n").is_err());
}
