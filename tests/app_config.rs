//! The window's configuration and translations, checked as files: a strict
//! content security policy, no remote content, capabilities that allow only
//! what the app needs, and every translation key the UI uses defined.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn json(path: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(root().join(path)).expect(path)).expect("JSON")
}

#[test]
fn the_webview_runs_under_a_strict_content_security_policy() {
    let conf = json("src-tauri/tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP is set");
    let directives: Vec<&str> = csp.split(';').map(str::trim).collect();
    for required in
        ["default-src 'self'", "script-src 'self'", "object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]
    {
        assert!(directives.contains(&required), "{required} in {csp}");
    }
    for forbidden in ["unsafe-inline", "unsafe-eval", "http:", "https:", "*"] {
        let offending: Vec<&&str> =
            directives.iter().filter(|d| d.contains(forbidden) && !d.contains("http://ipc.localhost")).collect();
        assert!(offending.is_empty(), "{forbidden} in {offending:?}");
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false, "no global Tauri object for injected scripts");
    assert_eq!(conf["build"]["frontendDist"], "../ui/dist", "the UI is bundled, not fetched");
    assert!(conf["build"].get("devUrl").is_none(), "no development server URL");
    let windows = conf["app"]["windows"].as_array().expect("windows");
    assert!(windows.iter().all(|w| w.get("url").is_none()), "no remote URL in a window");
}

#[test]
fn capabilities_allow_only_what_the_app_needs() {
    let conf = json("src-tauri/tauri.conf.json");
    assert_eq!(conf["app"]["security"]["capabilities"], serde_json::json!(["main"]));
    let cap = json("src-tauri/capabilities/main.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    let permissions: Vec<&str> =
        cap["permissions"].as_array().expect("permissions").iter().filter_map(Value::as_str).collect();
    assert_eq!(
        permissions,
        ["core:event:allow-listen", "core:event:allow-unlisten"],
        "events for progress, nothing else"
    );
    assert!(cap.get("remote").is_none(), "no remote origin may call commands");
    let dir: Vec<String> = std::fs::read_dir(root().join("src-tauri/capabilities"))
        .expect("capabilities")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(dir, ["main.json"], "no other capability files");
}

#[test]
fn the_ui_page_loads_nothing_from_elsewhere() {
    let html = std::fs::read_to_string(root().join("ui/index.html")).expect("index.html");
    assert!(!html.contains("http://") && !html.contains("https://"), "no remote scripts, styles or fonts");
    assert!(
        !html.contains("<style") && !html.contains("onclick="),
        "no inline styles or handlers (the CSP forbids them)"
    );
}

/// Every key the UI passes to t() as a literal is defined in the translations.
#[test]
fn every_ui_string_is_translated() {
    let ids: std::collections::BTreeSet<String> =
        kundvakt_core::i18n::message_ids(kundvakt_core::values::Language::En).into_iter().collect();
    let mut used = std::collections::BTreeSet::new();
    let mut stack = vec![root().join("ui/src")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui/src").filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                if !path.ends_with("generated") {
                    stack.push(path);
                }
                continue;
            }
            if path.extension().and_then(|e| e.to_str()) != Some("ts") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source");
            // t("key" ... and ["key", ... pairs of label keys
            for (i, _) in text.match_indices('"') {
                let rest = &text[i + 1..];
                let Some(end) = rest.find('"') else { continue };
                let candidate = &rest[..end];
                let looks_like_key = candidate.len() > 3
                    && candidate.contains('-')
                    && candidate.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
                    && ["ui-", "col-", "field-", "cat-", "error-", "language-", "doc-", "setting-", "kind-", "state-"]
                        .iter()
                        .any(|p| candidate.starts_with(p));
                if looks_like_key {
                    used.insert(candidate.to_owned());
                }
            }
        }
    }
    assert!(used.len() > 60, "found the UI's keys: {}", used.len());
    let missing: Vec<&String> = used.iter().filter(|k| !ids.contains(*k)).collect();
    assert!(missing.is_empty(), "used by the UI but not translated: {missing:?}");
    // Keys built from values at run time: every value has its message.
    for prefix in [
        "cat-",
        "kind-",
        "request-state-",
        "state-",
        "channel-",
        "registration-",
        "invoice-kind-",
        "order-status-",
        "role-",
        "language-",
    ] {
        assert!(ids.iter().any(|k| k.starts_with(prefix)), "{prefix}*");
    }
    // What ends each keeper's hold, said under its list on the retention screen.
    for language in
        [kundvakt_core::values::Language::En, kundvakt_core::values::Language::Sv, kundvakt_core::values::Language::Nb]
    {
        let ids = kundvakt_core::i18n::message_ids(language);
        for keeper in kundvakt_core::retention::due::Keeper::ALL {
            assert!(ids.contains(&format!("ui-retention-kept-until-{keeper}")), "{language:?}: {keeper}");
        }
    }
}

/// The audit trail's kinds of action in the window are the core's groups,
/// every one of them, each with its name in the translations.
#[test]
fn the_trail_s_kinds_of_action_are_the_core_s() {
    let source = std::fs::read_to_string(root().join("ui/src/views/trail.ts")).expect("trail.ts");
    let list = source.split("const GROUPS = [").nth(1).and_then(|rest| rest.split(']').next()).expect("GROUPS");
    let mut window: Vec<&str> = list.split(',').map(|g| g.trim().trim_matches('"')).filter(|g| !g.is_empty()).collect();
    let mut core = kundvakt_core::audit::trail::groups();
    window.sort_unstable();
    core.sort_unstable();
    assert_eq!(window, core);
    let ids = kundvakt_core::i18n::message_ids(kundvakt_core::values::Language::En);
    for group in core {
        let key = format!("ui-trail-group-{}", group.replace('_', "-"));
        assert!(ids.contains(&key), "{key}");
    }
}

/// The window keys on a failure's code only by one the core gives (a check
/// of a code no error has never holds, and its branch never runs), and says
/// each code in the three languages; so with the core's messages it answers
/// by their keys.
#[test]
fn the_window_s_error_codes_are_the_core_s() {
    let mut checked = vec![];
    let mut keys = vec![];
    let mut dirs = vec![root().join("ui/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("ui/src").map(|e| e.expect("entry").path()) {
            if entry.is_dir() {
                dirs.push(entry);
            } else if entry.extension().is_some_and(|x| x == "ts") {
                let text = std::fs::read_to_string(&entry).expect("source");
                for op in ["code === \"", "code !== \""] {
                    for rest in text.split(op).skip(1) {
                        let code = rest.split('"').next().unwrap_or_default().to_owned();
                        checked.push((entry.display().to_string(), code));
                    }
                }
                // A core message the window answers by its key ("msg-note-held": offer to erase it later).
                for rest in text.split("\"msg-").skip(1) {
                    let key = format!("msg-{}", rest.split('"').next().unwrap_or_default());
                    keys.push((entry.display().to_string(), key));
                }
            }
        }
    }
    assert!(checked.len() >= 5, "the window's checks of codes are found: {checked:?}");
    let messages = kundvakt_core::i18n::message_ids(kundvakt_core::values::Language::En);
    assert!(!keys.is_empty());
    for (file, key) in &keys {
        assert!(messages.contains(key), "{file}: the core has no message {key}");
    }
    for (file, code) in &checked {
        assert!(kundvakt_core::Error::CODES.contains(&code.as_str()), "{file}: no error has the code `{code}`");
    }
    for language in
        [kundvakt_core::values::Language::En, kundvakt_core::values::Language::Sv, kundvakt_core::values::Language::Nb]
    {
        let ids = kundvakt_core::i18n::message_ids(language);
        for code in kundvakt_core::Error::CODES {
            assert!(ids.contains(&format!("error-{code}")), "{language:?}: error-{code}");
        }
    }
}
