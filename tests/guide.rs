//! The shop owner's guide (docs/guide) names the window's buttons, screens
//! and sections in bold, as the window names them in that language: a label
//! renamed in the translations and not in the guide fails here.

use std::collections::HashSet;
use std::path::Path;

/// Every single-line value of the Fluent file of `lang`, and each one's part
/// before a colon (a heading such as "For the accountant: orders, ...").
fn labels(root: &Path, lang: &str) -> HashSet<String> {
    let text = std::fs::read_to_string(root.join(format!("src-tauri/core/locales/{lang}.ftl"))).expect("ftl");
    let mut all = HashSet::new();
    for line in text.lines().filter(|l| !l.starts_with([' ', '#'])) {
        if let Some((_, value)) = line.split_once(" = ") {
            let value = value.trim();
            all.insert(value.to_owned());
            if let Some((head, _)) = value.split_once(": ") {
                all.insert(head.to_owned());
            }
        }
    }
    all
}

/// The bold spans of `text` ("**Settings → Backups**"), each split at its
/// arrows into the labels a person clicks through (a span may wrap a line).
fn bold_labels(text: &str) -> Vec<String> {
    text.split("**")
        .skip(1)
        .step_by(2)
        .map(|span| span.split_whitespace().collect::<Vec<_>>().join(" "))
        .flat_map(|span| span.split(" → ").map(str::to_owned).collect::<Vec<_>>())
        .collect()
}

#[test]
fn the_guide_names_the_window_s_labels_as_the_window_does() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("repository");
    for lang in ["en", "sv", "nb"] {
        let guide = std::fs::read_to_string(root.join(format!("docs/guide/{lang}.md"))).expect("guide");
        let known = labels(root, lang);
        let named = bold_labels(&guide);
        assert!(named.len() > 25, "{lang}: the guide names the window's labels ({})", named.len());
        let unknown: Vec<&String> = named.iter().filter(|l| !known.contains(l.as_str())).collect();
        assert!(unknown.is_empty(), "{lang}: not a label of the window in {lang}.ftl: {unknown:?}");
    }
}
