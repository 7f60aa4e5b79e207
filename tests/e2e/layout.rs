//! What a person sees at the window's default size (issue 24 part 5): the
//! app's name and every tab label stay on one line, and the tabs in one
//! strip, with presenter mode's larger text on and off.

use crate::harness::{display_available, AppWindow};
use serde_json::{json, Value};
use test_peers::OidcProvider;

/// The window's default size (tauri.conf.json: width, height).
const DEFAULT_WIDTH: u32 = 980;
const DEFAULT_HEIGHT: u32 = 720;

/// The header's words that wrap onto more than one line, and tabs that
/// broke out of their strip, as the page lays them out. A text's lines are
/// the distinct tops of its range's boxes.
const HEADER_WRAPS: &str = r#"
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const problems = [];
  const title = document.querySelector('.brand span');
  if (!title) problems.push('no app title (.brand span) in the header');
  const labels = [title, ...document.querySelectorAll('[role=tab]')].filter(Boolean);
  for (const el of labels) {
    const n = lines(el);
    if (n !== 1) problems.push(`"${el.textContent.trim()}" takes ${n} lines (${Math.round(el.getBoundingClientRect().height)} px high)`);
  }
  // One strip: the tabs share one row, or one column.
  const boxes = [...document.querySelectorAll('[role=tab]')].map((tab) => tab.getBoundingClientRect());
  const same = (edge) => new Set(boxes.map((b) => Math.round(b[edge]))).size === 1;
  if (!same('top') && !same('left')) problems.push(`the tabs are neither one row nor one column: ${boxes.map((b) => `${Math.round(b.left)},${Math.round(b.top)}`).join(' ')}`);
  return problems;
"#;

async fn js(app: &AppWindow, script: &str) -> Value {
    app.client
        .execute(script, vec![])
        .await
        .unwrap_or_else(|e| panic!("script failed: {e}\n{script}"))
}

async fn set_presenter(app: &AppWindow, on: bool) {
    let now = js(app, "return document.body.classList.contains('presenter')").await;
    if now != json!(on) {
        app.click("#presenter-mode").await;
    }
    let body = js(app, "return document.body.classList.contains('presenter')").await;
    assert_eq!(body, json!(on), "presenter mode");
}

#[tokio::test]
async fn at_the_default_size_the_title_and_every_tab_label_stay_on_one_line() {
    if !display_available() {
        return;
    }
    let provider = OidcProvider::start().expect("oidc-provider starts");
    let app = AppWindow::launch(&[("SIGNIN_DOCTOR_AUTHORITY", provider.issuer.clone())]).await;
    app.first_run_done().await;
    let size = js(&app, "return [innerWidth, innerHeight]").await;
    assert_eq!(
        size,
        json!([DEFAULT_WIDTH, DEFAULT_HEIGHT]),
        "the window opens at its default size"
    );
    // The tabs run down a sidebar, and a screen reader is told so (its arrow keys).
    assert_eq!(app.attr(".tabs", "aria-orientation").await.as_deref(), Some("vertical"));
    let mut problems = Vec::new();
    for (presenter, mode) in [(true, "presenter"), (false, "normal")] {
        set_presenter(&app, presenter).await;
        for view in ["checklist", "helpdesk"] {
            app.click(&format!("#tab-{view}")).await;
            app.screenshot(&format!("layout-default-{mode}-{view}")).await;
            let found = js(&app, HEADER_WRAPS).await;
            for p in found.as_array().into_iter().flatten() {
                problems.push(format!("{mode} mode, {view}: {}", p.as_str().unwrap_or("")));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "at the default size {DEFAULT_WIDTH}×{DEFAULT_HEIGHT}:\n{}",
        problems.join("\n")
    );
    app.close().await;
}
