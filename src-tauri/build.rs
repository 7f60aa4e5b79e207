// The page ships as one script: ui/'s modules are joined into gen/ui/ first
// (see ui_bundle.rs), and tauri.conf.json embeds gen/ui/.
#[path = "ui_bundle.rs"]
mod ui_bundle;

use std::path::PathBuf;

fn main() {
    // Read when the script runs, not baked in when it was compiled: a build
    // script compiled for one checkout is reused for another that shares the
    // target folder (the cross build's), and must read that checkout's ui/.
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_else(|| ".".into()));
    println!("cargo:rerun-if-changed=ui");
    println!("cargo:rerun-if-changed=src-tauri/ui_bundle.rs");
    if let Err(e) = ui_bundle::write(&root.join("ui"), &root.join("gen/ui")) {
        // A build error that names the file and line, never a broken page.
        println!("cargo:warning=ui/ could not be bundled: {e}");
        std::process::exit(1);
    }
    tauri_build::build()
}
