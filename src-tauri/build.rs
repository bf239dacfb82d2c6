//! With the `gui` feature, tauri-build reads tauri.conf.json, checks the icons and
//! the capabilities, and embeds them; the command line alone needs nothing.

fn main() {
    #[cfg(feature = "gui")]
    tauri_build::build();
}
