//! Accessibility, measured in the real window (issue 15 part 3):
//! - axe-core (npm, installed by scripts/install-deps.sh) runs inside the
//!   window on every view, in the light and the dark theme, with presenter
//!   mode on and off; any serious or critical violation fails the test, and
//!   the moderate and minor ones are counted in a table on stderr;
//! - the whole journey with the keyboard alone, focus always visible;
//! - 200 % text in presenter mode at the window's minimum size: nothing
//!   overlaps or is cut off.

use crate::harness::{clipboard, display_available, e2e_dir, poll, AppWindow};
use crate::inspector::token;
use crate::signin::env_for;
use fantoccini::actions::{InputSource, KeyAction, KeyActions};
use fantoccini::key::Key;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use test_peers::OidcProvider;

const AXE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/node_modules/axe-core/axe.min.js");
const SIGNIN_ROW: &str = r#"li[data-check-id="signin"]"#;
/// What a user copies from the error page's Troubleshooting details.
const TROUBLESHOOTING: &str = "Error Code: 53003\nRequest Id: 0a1b2c3d-1111-2222-3333-444455556666\nCorrelation Id: 9f8e7d6c-aaaa-bbbb-cccc-ddddeeeeffff\nTimestamp: 2026-03-02T09:15:00Z";
/// The window's minimum size (tauri.conf.json: minWidth, minHeight).
const MIN_WIDTH: u32 = 560;
const MIN_HEIGHT: u32 = 480;

/// One axe-core run: which view, in which theme and mode, and what it found.
struct Scan {
    view: &'static str,
    theme: &'static str,
    presenter: bool,
    violations: Vec<Value>,
}

impl Scan {
    /// (rules, nodes) with this impact.
    fn count(&self, impact: &str) -> (usize, usize) {
        let hits: Vec<&Value> = self.violations.iter().filter(|v| v["impact"] == impact).collect();
        let nodes = hits.iter().map(|v| v["nodes"].as_array().map_or(0, Vec::len)).sum();
        (hits.len(), nodes)
    }
}

/// A default browser that never answers, so the sign-in wait stays on
/// screen until the test ends it (by pasting the error page's details).
fn idle_browser(dir: &Path) -> Vec<(&'static str, String)> {
    let data = dir.join("data");
    let config = dir.join("config");
    std::fs::create_dir_all(data.join("applications")).expect("applications dir");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(
        data.join("applications/signin-doctor-idle-browser.desktop"),
        "[Desktop Entry]\nType=Application\nName=Idle browser (tests)\nExec=true %u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n",
    )
    .expect("desktop entry");
    std::fs::write(
        config.join("mimeapps.list"),
        "[Default Applications]\nx-scheme-handler/http=signin-doctor-idle-browser.desktop\nx-scheme-handler/https=signin-doctor-idle-browser.desktop\n",
    )
    .expect("mimeapps.list");
    vec![
        ("XDG_DATA_HOME", data.to_string_lossy().into_owned()),
        ("XDG_CONFIG_HOME", config.to_string_lossy().into_owned()),
    ]
}

async fn js(app: &AppWindow, script: &str) -> Value {
    app.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

/// Puts axe-core into the page (the page never reloads, so once is enough).
pub(crate) async fn inject_axe(app: &AppWindow) {
    let source = std::fs::read_to_string(AXE)
        .unwrap_or_else(|e| panic!("{AXE}: {e}. scripts/install-deps.sh installs it (npm ci in the repository root)."));
    let kind = js(app, &format!("{source}\n;return typeof window.axe;")).await;
    assert_eq!(kind, json!("object"), "axe-core did not load in the window");
}

/// Runs axe-core on the whole document as it is now.
pub(crate) async fn axe(app: &AppWindow) -> Vec<Value> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(
          (r) => done({ violations: r.violations.map((v) => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
          })) }),
          (e) => done({ error: String((e && e.stack) || e) }));
    "#;
    let result = app
        .client
        .execute_async(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("axe.run: {e}"));
    assert!(result["error"].is_null(), "axe.run failed: {}", result["error"]);
    result["violations"].as_array().cloned().unwrap_or_default()
}

async fn click(app: &AppWindow, css: &str) {
    // WebKit's WebDriver does not always scroll the view's own scrolling area first.
    app.client
        .execute(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
            vec![json!(css)],
        )
        .await
        .unwrap_or_else(|e| panic!("scroll to {css}: {e}"));
    app.find(css)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("click {css}: {e}"));
}

async fn type_into(app: &AppWindow, css: &str, text: &str) {
    // A field at the view's edge (under the status bar) cannot be cleared: bring it into the middle first.
    js(
        app,
        &format!(
            "document.querySelector({}).scrollIntoView({{block: 'center'}})",
            json!(css)
        ),
    )
    .await;
    let field = app.find(css).await;
    field.clear().await.unwrap_or_else(|e| panic!("clear {css}: {e}"));
    field
        .send_keys(text)
        .await
        .unwrap_or_else(|e| panic!("type into {css}: {e}"));
}

/// Waits for a run that finishes after the `before`th.
async fn wait_for_next_run(app: &AppWindow, before: u64) {
    poll(Duration::from_secs(45), || async {
        app.completed_runs().await > before
    })
    .await;
}

async fn set_presenter(app: &AppWindow, on: bool) {
    let checked = app
        .find("#presenter-mode")
        .await
        .prop("checked")
        .await
        .expect("checked");
    if (checked.as_deref() == Some("true")) != on {
        click(app, "#presenter-mode").await;
    }
    let body = js(app, "return document.body.classList.contains('presenter')").await;
    assert_eq!(body, json!(on), "presenter mode");
}

/// Every view and state, scanned once in this theme and presenter mode.
async fn scan_every_view(app: &AppWindow, theme: &'static str, presenter: bool, scans: &mut Vec<Scan>) {
    let mode = if presenter { "presenter" } else { "plain" };
    set_presenter(app, presenter).await;
    click(app, "#tab-checklist").await;
    let mut record = |view: &'static str, violations: Vec<Value>| {
        scans.push(Scan {
            view,
            theme,
            presenter,
            violations,
        })
    };

    // Sign in on another device: the code, waiting for the other device.
    let before = app.completed_runs().await;
    click(app, "#device-sign-in").await;
    app.wait_for("#device-code:not([hidden])", Duration::from_secs(15))
        .await;
    poll(Duration::from_secs(5), || async {
        !app.text("#device-code-value").await.is_empty()
    })
    .await;
    record("device code", axe(app).await);
    click(app, "#device-code-cancel").await;
    wait_for_next_run(app, before).await;

    // Re-authenticate: waiting for the browser; the error page's details pasted end it with a 53003.
    let before = app.completed_runs().await;
    click(app, "#reauthenticate").await;
    app.wait_for("#signin-wait:not([hidden])", Duration::from_secs(15))
        .await;
    record("waiting for the browser", axe(app).await);
    app.screenshot(&format!("a11y-waiting-{theme}-{mode}")).await;
    type_into(app, "#signin-paste", TROUBLESHOOTING).await;
    click(app, "#signin-paste-use").await;
    wait_for_next_run(app, before).await;
    assert_eq!(app.attr(SIGNIN_ROW, "data-status").await.as_deref(), Some("fail"));
    assert!(app
        .text(&format!("{SIGNIN_ROW} .check-summary"))
        .await
        .contains("53003"));

    // The checklist after the failed run, every row's details open.
    app.wait_for("#diagnosis:not([hidden])", Duration::from_secs(5)).await;
    js(app, "document.querySelectorAll('#checklist details').forEach((d) => { d.open = true; }); document.querySelector('main').scrollTop = 0; window.scrollTo(0, 0);").await;
    record("checklist (53003)", axe(app).await);
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot(&format!("a11y-checklist-{theme}-{mode}")).await;

    // Explain an error, with a result.
    click(app, "#tab-explain").await;
    type_into(app, "#error-input", TROUBLESHOOTING).await;
    click(app, "#error-explain").await;
    app.wait_for("#error-result:not([hidden])", Duration::from_secs(5))
        .await;
    record("explain (result)", axe(app).await);
    app.screenshot(&format!("a11y-explain-{theme}-{mode}")).await;

    // The token inspector, with a token.
    click(app, "#tab-inspector").await;
    type_into(app, "#token-input", &token()).await;
    click(app, "#token-inspect").await;
    app.wait_for(r#"#token-claims tr[data-claim="name"]"#, Duration::from_secs(5))
        .await;
    record("token inspector (token)", axe(app).await);
    app.screenshot(&format!("a11y-inspector-{theme}-{mode}")).await;

    // Help-desk, with a pasted packet read.
    click(app, "#tab-helpdesk").await;
    js(app, "document.getElementById('packet-paste-box').open = true").await;
    type_into(app, "#packet-input", TROUBLESHOOTING).await;
    click(app, "#packet-read").await;
    app.wait_for("#packet-result:not([hidden])", Duration::from_secs(5))
        .await;
    record("help-desk (packet read)", axe(app).await);
    app.screenshot(&format!("a11y-helpdesk-{theme}-{mode}")).await;

    click(app, "#tab-history").await;
    app.wait_for(".history-entry", Duration::from_secs(10)).await;
    record("history", axe(app).await);
    app.screenshot(&format!("a11y-history-{theme}-{mode}")).await;

    click(app, "#tab-settings").await;
    app.wait_for("#setting-login_hint", Duration::from_secs(10)).await;
    record("settings", axe(app).await);
    app.screenshot(&format!("a11y-settings-{theme}-{mode}")).await;

    click(app, "#open-about").await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    poll(Duration::from_secs(5), || async {
        app.text("#about-version").await.starts_with("Version")
    })
    .await;
    record("about (dialog open)", axe(app).await);
    click(app, "#about-close").await;
    poll(Duration::from_secs(5), || async {
        app.find("#about").await.attr("open").await.ok().flatten().is_none()
    })
    .await;
    click(app, "#tab-checklist").await;
}

async fn scan_theme(theme: &'static str, scans: &mut Vec<Scan>) {
    let provider = OidcProvider::start().expect("provider");
    let browser = tempfile::tempdir().expect("temp dir");
    let mut env = env_for(&provider, "ca-redirect");
    env.extend(idle_browser(browser.path()));
    if theme == "dark" {
        // WebKitGTK takes prefers-color-scheme from the GTK theme.
        env.push(("GTK_THEME", "Adwaita:dark".to_owned()));
    }
    let app = AppWindow::launch(&env).await;
    let dark = js(&app, "return matchMedia('(prefers-color-scheme: dark)').matches").await;
    assert_eq!(dark, json!(theme == "dark"), "the page's colour scheme is {theme}");
    app.first_run_done().await;
    inject_axe(&app).await;
    for presenter in [true, false] {
        scan_every_view(&app, theme, presenter, scans).await;
    }
    app.close().await;
}

fn report(scans: &[Scan]) -> Vec<String> {
    let mut table = String::from(
        "\naxe-core violations: rules (nodes)\n\
         | view | theme | presenter | critical | serious | moderate | minor |\n\
         | --- | --- | --- | --- | --- | --- | --- |\n",
    );
    let mut failures = Vec::new();
    let mut others = std::collections::BTreeSet::new();
    for scan in scans {
        let cell = |impact| {
            let (rules, nodes) = scan.count(impact);
            format!("{rules} ({nodes})")
        };
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} |\n",
            scan.view,
            scan.theme,
            if scan.presenter { "on" } else { "off" },
            cell("critical"),
            cell("serious"),
            cell("moderate"),
            cell("minor"),
        ));
        for v in &scan.violations {
            let impact = v["impact"].as_str().unwrap_or("none");
            if matches!(impact, "critical" | "serious") {
                let nodes: Vec<String> = v["nodes"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .take(5)
                    .map(|n| format!("    {}: {}", n["target"], n["summary"].as_str().unwrap_or("")))
                    .collect();
                failures.push(format!(
                    "{} / {} / presenter {}: {impact} {}: {}\n{}",
                    scan.view,
                    scan.theme,
                    scan.presenter,
                    v["id"],
                    v["help"],
                    nodes.join("\n")
                ));
            } else {
                others.insert(format!("{impact} {}: {}", v["id"], v["help"]));
            }
        }
    }
    if !others.is_empty() {
        table.push_str("moderate and minor rules seen:\n");
        for rule in &others {
            table.push_str(&format!("  {rule}\n"));
        }
    }
    eprintln!("{table}");
    failures
}

/// axe-core on every view and state, light and dark, presenter mode on and off.
#[tokio::test]
async fn axe_core_finds_no_serious_or_critical_violation_in_any_view_theme_or_mode() {
    if !display_available() {
        return;
    }
    let mut scans = Vec::new();
    for theme in ["light", "dark"] {
        scan_theme(theme, &mut scans).await;
    }
    assert_eq!(scans.len(), 2 * 2 * 9);
    let failures = report(&scans);
    assert!(
        failures.is_empty(),
        "{} serious or critical violations:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

// ---------------------------------------------------------------------------
// The keyboard alone.

/// Presses one key (with modifiers held) through WebDriver's keyboard: no mouse.
async fn press(app: &AppWindow, modifiers: &[Key], key: Key) {
    let mut actions = KeyActions::new("keyboard".to_owned());
    for m in modifiers {
        actions = actions.then(KeyAction::Down { value: char::from(*m) });
    }
    actions = actions
        .then(KeyAction::Down { value: char::from(key) })
        .then(KeyAction::Up { value: char::from(key) });
    for m in modifiers.iter().rev() {
        actions = actions.then(KeyAction::Up { value: char::from(*m) });
    }
    app.client
        .perform_actions(actions)
        .await
        .unwrap_or_else(|e| panic!("press {key:?}: {e}"));
}

/// Where the focus is, and whether it can be seen there.
async fn focus(app: &AppWindow) -> Value {
    js(
        app,
        r#"
        const el = document.activeElement;
        if (!el || el === document.body || el === document.documentElement) return { id: null, where: 'body' };
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        return {
          id: el.id || null,
          where: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 40)}"`,
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
          onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight && box.right > 0 && box.left < innerWidth,
          box: [box.left, box.top, box.right, box.bottom, innerWidth, innerHeight, document.querySelector('main').scrollTop],
        };
        "#,
    )
    .await
}

fn assert_visible(focus: &Value) {
    assert_eq!(
        focus["outline"],
        json!(true),
        "no visible focus outline on {}",
        focus["where"]
    );
    assert_eq!(
        focus["onScreen"],
        json!(true),
        "focused but off screen: {} {}",
        focus["where"],
        focus["box"]
    );
}

/// Tabs (forward, or backward with Shift) until `id` has the focus; every
/// stop on the way shows its focus. Panics when `id` is not reached.
async fn tab_to(app: &AppWindow, id: &str, backward: bool) -> Vec<String> {
    let mut path = Vec::new();
    for _ in 0..60 {
        if backward {
            press(app, &[Key::Shift], Key::Tab).await;
        } else {
            press(app, &[], Key::Tab).await;
        }
        let now = focus(app).await;
        path.push(now["where"].as_str().unwrap_or("").to_owned());
        if now["id"].is_null() && now["where"] == "body" {
            continue; // between the last stop and the first, the page itself
        }
        assert_visible(&now);
        if now["id"] == id {
            return path;
        }
    }
    panic!("Tab never reached #{id}; it went: {}", path.join(" → "));
}

async fn focused_id(app: &AppWindow) -> String {
    focus(app).await["id"].as_str().unwrap_or("").to_owned()
}

async fn selected_tab(app: &AppWindow) -> String {
    js(
        app,
        "return document.querySelector('[role=tab][aria-selected=true]').id",
    )
    .await
    .as_str()
    .unwrap_or("")
    .to_owned()
}

#[tokio::test]
async fn the_whole_journey_works_with_the_keyboard_alone_and_focus_stays_visible() {
    if !display_available() {
        return;
    }
    let closed = test_peers::closed_port().expect("port");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", format!("http://127.0.0.1:{closed}"))]).await;
    app.first_run_done().await;

    // Run checks.
    let path = tab_to(&app, "run-checks", false).await;
    eprintln!("Tab from launch to Run checks: {}", path.join(" → "));
    let before = app.completed_runs().await;
    press(&app, &[], Key::Enter).await;
    wait_for_next_run(&app, before).await;
    assert_eq!(focused_id(&app).await, "run-checks", "focus stays on Run checks");

    // Copy for help-desk.
    tab_to(&app, "copy-packet", false).await;
    press(&app, &[], Key::Enter).await;
    poll(Duration::from_secs(15), || async {
        clipboard().contains("Sign-in Doctor report")
    })
    .await;
    app.screenshot("keyboard-copy-packet").await;

    // Focus is not trapped in the checklist: Tab goes on past its last row
    // and comes round to the top again, and Shift+Tab leads back out.
    let round = tab_to(&app, "tab-checklist", false).await;
    assert!(round.len() > 3, "{}", round.join(" → "));
    tab_to(&app, "copy-packet", false).await;
    tab_to(&app, "tab-checklist", true).await;

    // Each tab: arrows, Home and End; Tab moves into the panel.
    let order = [
        "tab-checklist",
        "tab-explain",
        "tab-inspector",
        "tab-helpdesk",
        "tab-history",
        "tab-settings",
    ];
    for pair in order.windows(2) {
        press(&app, &[], Key::Right).await;
        assert_eq!(focused_id(&app).await, pair[1]);
        assert_eq!(selected_tab(&app).await, pair[1]);
        assert_visible(&focus(&app).await);
        let panel = pair[1].replace("tab-", "view-");
        let hidden = js(&app, &format!("return document.getElementById('{panel}').hidden")).await;
        assert_eq!(hidden, json!(false), "{panel} shown");
    }
    press(&app, &[], Key::Right).await;
    assert_eq!(focused_id(&app).await, "tab-checklist", "the arrows wrap round");
    press(&app, &[], Key::End).await;
    assert_eq!(selected_tab(&app).await, "tab-settings", "End selects the last tab");
    assert_eq!(focused_id(&app).await, "tab-settings");
    press(&app, &[], Key::Home).await;
    assert_eq!(selected_tab(&app).await, "tab-checklist", "Home selects the first tab");
    assert_eq!(focused_id(&app).await, "tab-checklist");
    press(&app, &[], Key::Left).await;
    assert_eq!(
        selected_tab(&app).await,
        "tab-settings",
        "Left from the first wraps to the last"
    );
    // Down the sidebar: Down and Up move as Right and Left do.
    press(&app, &[], Key::Down).await;
    assert_eq!(
        selected_tab(&app).await,
        "tab-checklist",
        "Down from the last wraps to the first"
    );
    press(&app, &[], Key::Up).await;
    assert_eq!(
        selected_tab(&app).await,
        "tab-settings",
        "Up from the first wraps to the last"
    );

    // Settings: type a value and save it, with the keyboard.
    tab_to(&app, "setting-login_hint", false).await;
    let field = app.client.active_element().await.expect("focused field");
    field.send_keys("kbd@contoso.example").await.expect("type");
    tab_to(&app, "settings-save", false).await;
    press(&app, &[], Key::Enter).await;
    poll(Duration::from_secs(15), || async {
        app.text("#settings-status").await.starts_with("Saved")
    })
    .await;
    assert!(
        app.config_text().contains("login_hint = \"kbd@contoso.example\""),
        "{}",
        app.config_text()
    );
    app.screenshot("keyboard-settings-saved").await;

    // The About dialog and back: focus goes in, Escape closes it, focus returns.
    tab_to(&app, "open-about", true).await;
    press(&app, &[], Key::Enter).await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    poll(Duration::from_secs(5), || async {
        focused_id(&app).await == "about-close"
    })
    .await;
    assert_visible(&focus(&app).await);
    tab_to(&app, "about-help", false).await;
    tab_to(&app, "about-close", false).await;
    press(&app, &[], Key::Escape).await;
    poll(Duration::from_secs(5), || async {
        app.find("#about").await.attr("open").await.ok().flatten().is_none()
    })
    .await;
    assert_eq!(focused_id(&app).await, "open-about", "focus returns to About");
    assert_visible(&focus(&app).await);
    // Opened again and closed with its button (Space), focus comes back again.
    press(&app, &[], Key::Enter).await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    poll(Duration::from_secs(5), || async {
        focused_id(&app).await == "about-close"
    })
    .await;
    press(&app, &[], Key::Enter).await;
    poll(Duration::from_secs(5), || async {
        app.find("#about").await.attr("open").await.ok().flatten().is_none()
    })
    .await;
    assert_eq!(focused_id(&app).await, "open-about", "focus returns to About");
    app.close().await;
}

// ---------------------------------------------------------------------------
// Large text in a small window.

/// Anything that overlaps or is cut off, as the page measures it.
const LAYOUT_PROBLEMS: &str = r#"
  const problems = [];
  const root = document.documentElement;
  const visible = (el) => { const b = el.getBoundingClientRect(); return b.width > 0 && b.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  const name = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} "${(el.textContent || '').trim().slice(0, 30)}"`;
  if (root.scrollWidth > root.clientWidth + 1) {
    const wide = [...document.querySelectorAll('body *')].filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > root.clientWidth + 1 && !el.matches('.skip-link, .visually-hidden'));
    const spill = [...document.querySelectorAll('body *')].filter((el) => el.getClientRects().length && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0 && !el.matches('input, textarea, .visually-hidden'));
    wide.push(...spill.filter((el) => !spill.some((other) => other !== el && el.contains(other))));
    const innermost = wide.filter((el) => !wide.some((other) => other !== el && el.contains(other))).slice(0, 5).map((el) => `${name(el)} ${el.scrollWidth}/${el.clientWidth}`);
    problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}, past the edge: ${innermost.join('; ')}`);
  }
  // Controls and text blocks: inside the window sideways, their text not clipped.
  // (The skip link waits off screen until it has the focus.)
  const items = [...document.querySelectorAll('button, a, label, input, textarea, h1, h2, h3, p, dt, dd, li, th, td, code, .status-badge, summary')].filter(visible).filter((el) => !el.matches('.skip-link:not(:focus)'));
  for (const el of items) {
    const b = el.getBoundingClientRect();
    if (b.left < -1 || b.right > root.clientWidth + 1) problems.push(`${name(el)} is cut off at the side (${Math.round(b.left)}..${Math.round(b.right)})`);
    const style = getComputedStyle(el);
    const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
    if (clips && !el.classList.contains('visually-hidden') && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) problems.push(`${name(el)} clips its text`);
  }
  // Siblings in the header, the toolbars and the row heads must not overlap.
  for (const group of document.querySelectorAll('.app-bar, .tabs, .toolbar, .form-actions, .check-head, .check-actions, .field-row, .signin-wait-actions')) {
    if (!visible(group)) continue;
    const kids = [...group.children].filter(visible).filter((el) => getComputedStyle(el).position !== 'absolute');
    for (let i = 0; i < kids.length; i++) for (let j = i + 1; j < kids.length; j++) {
      const a = kids[i].getBoundingClientRect(), b = kids[j].getBoundingClientRect();
      const x = Math.min(a.right, b.right) - Math.max(a.left, b.left), y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
      if (x > 1 && y > 1) problems.push(`${name(kids[i])} overlaps ${name(kids[j])}`);
    }
  }
  return problems;
"#;

#[tokio::test]
async fn at_200_percent_text_in_presenter_mode_nothing_overlaps_or_is_cut_off_in_the_smallest_window() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("provider");
    let browser = tempfile::tempdir().expect("temp dir");
    let mut env = env_for(&provider, "ca-redirect");
    env.extend(idle_browser(browser.path()));
    let app = AppWindow::launch(&env).await;
    app.first_run_done().await;
    app.client
        .set_window_size(MIN_WIDTH, MIN_HEIGHT)
        .await
        .expect("window size");
    set_presenter(&app, true).await;
    // Text zoom: every size in style.css is relative to the root's.
    js(&app, "document.documentElement.style.fontSize = '200%'").await;
    let size = js(
        &app,
        "return [innerWidth, innerHeight, parseFloat(getComputedStyle(document.body).fontSize)]",
    )
    .await;
    eprintln!("viewport and body text size: {size}");
    assert!(
        size[0].as_f64().is_some_and(|w| w <= f64::from(MIN_WIDTH)),
        "the window is at its minimum width: {size}"
    );
    assert_eq!(size[2].as_f64(), Some(36.0), "presenter text (18 px) at 200 %: {size}");
    // The sidebar has become a bar across the top, and the tab strip says so.
    let orientation = js(
        &app,
        "return document.querySelector('.tabs').getAttribute('aria-orientation')",
    )
    .await;
    assert_eq!(orientation, json!("horizontal"), "the tabs in the smallest window");

    // The 53003 run, with the waiting state on the way.
    let before = app.completed_runs().await;
    click(&app, "#reauthenticate").await;
    app.wait_for("#signin-wait:not([hidden])", Duration::from_secs(15))
        .await;
    let mut problems = Vec::new();
    let mut check = |view: &str, found: Value| {
        for p in found.as_array().into_iter().flatten() {
            problems.push(format!("{view}: {}", p.as_str().unwrap_or("")));
        }
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("zoom200-waiting").await;
    check("waiting", js(&app, LAYOUT_PROBLEMS).await);
    type_into(&app, "#signin-paste", TROUBLESHOOTING).await;
    click(&app, "#signin-paste-use").await;
    wait_for_next_run(&app, before).await;
    js(
        &app,
        "document.querySelectorAll('#checklist details').forEach((d) => { d.open = true; }); window.scrollTo(0, 0);",
    )
    .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("zoom200-checklist-top").await;
    check("checklist", js(&app, LAYOUT_PROBLEMS).await);
    app.scroll_to(SIGNIN_ROW).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.screenshot("zoom200-checklist-signin").await;

    // Each view: its tab, what shows it is ready, and a part further down to look at.
    let views: [(&str, &str, &str, &str); 5] = [
        ("explain", "#tab-explain", "#error-explain", "#error-ids"),
        ("inspector", "#tab-inspector", "#token-inspect", "#token-claims"),
        ("helpdesk", "#tab-helpdesk", "#packet-open", "#packet-what-if"),
        (
            "history",
            "#tab-history",
            ".history-entry",
            ".history-entry .history-rows",
        ),
        (
            "settings",
            "#tab-settings",
            "#setting-login_hint",
            "#setting-login_hint",
        ),
    ];
    for (view, tab, ready, further) in views {
        js(&app, "window.scrollTo(0, 0)").await;
        click(&app, tab).await;
        app.wait_for(ready, Duration::from_secs(10)).await;
        match view {
            "explain" => {
                type_into(&app, "#error-input", TROUBLESHOOTING).await;
                click(&app, "#error-explain").await;
                app.wait_for("#error-result:not([hidden])", Duration::from_secs(5))
                    .await;
            }
            "inspector" => {
                type_into(&app, "#token-input", &token()).await;
                click(&app, "#token-inspect").await;
                app.wait_for(r#"#token-claims tr[data-claim="name"]"#, Duration::from_secs(5))
                    .await;
            }
            "helpdesk" => {
                js(&app, "document.getElementById('packet-paste-box').open = true").await;
                type_into(&app, "#packet-input", TROUBLESHOOTING).await;
                click(&app, "#packet-read").await;
                app.wait_for("#packet-result:not([hidden])", Duration::from_secs(5))
                    .await;
            }
            _ => {}
        }
        js(&app, "window.scrollTo(0, 0)").await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("zoom200-{view}")).await;
        check(view, js(&app, LAYOUT_PROBLEMS).await);
        app.client
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'start'})",
                vec![json!(further)],
            )
            .await
            .expect("scroll");
        tokio::time::sleep(Duration::from_millis(300)).await;
        app.screenshot(&format!("zoom200-{view}-further")).await;
    }
    js(&app, "window.scrollTo(0, 0)").await;
    click(&app, "#open-about").await;
    app.wait_for("dialog#about[open]", Duration::from_secs(5)).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    // The modal is drawn in the top layer, which WebKit's screenshot leaves out.
    let shot = e2e_dir().join("zoom200-about.png");
    let _ = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&shot)
        .status();
    check("about", js(&app, LAYOUT_PROBLEMS).await);
    let dialog = js(&app, "const b = document.getElementById('about').getBoundingClientRect(); return [b.left, b.top, b.right, b.bottom, innerWidth, innerHeight];").await;
    let fits = dialog.as_array().is_some_and(|d| {
        let n = |i: usize| d[i].as_f64().unwrap_or(f64::NAN);
        n(0) >= 0.0 && n(1) >= 0.0 && n(2) <= n(4) && n(3) <= n(5)
    });
    let scrolls = js(&app, "const d = document.getElementById('about'); return d.scrollHeight <= d.clientHeight + 1 || getComputedStyle(d).overflowY !== 'hidden';").await;
    assert!(
        fits && scrolls == json!(true),
        "the About box fits the window: {dialog}"
    );
    assert!(problems.is_empty(), "at 200 % text:\n{}", problems.join("\n"));
    app.close().await;
}
