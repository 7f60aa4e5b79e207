// The page ships as one script: ui/'s modules are joined into gen/ui/ first
// (see ui_bundle.rs), and tauri.conf.json embeds gen/ui/.
#[path = "ui_bundle.rs"]
mod ui_bundle;

use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=src-tauri/ui_bundle.rs");
    if let Err(e) = ui_bundle::write(&root.join("ui"), &root.join("gen/ui")) {
        // A build error that names the file and line, never a broken page.
        println!("cargo:warning=ui/ could not be bundled: {e}");
        std::process::exit(1);
    }
    tauri_build::build()
}
