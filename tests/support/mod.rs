//! Helpers shared by the native integration tests.

#![allow(dead_code)]

pub mod seed_pages;

use std::path::PathBuf;

/// `fixtures/seeds/` of this package.
pub fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join("seeds")
}

/// `../shared/seeds/` beside the workspace, present on a developer machine.
pub fn shared_seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join("seeds")
}

/// Every committed fixture as `(file name, JSON)`, sorted by name.
pub fn load_fixtures() -> Vec<(String, serde_json::Value)> {
    let mut out = Vec::new();
    let entries = std::fs::read_dir(fixtures_dir()).unwrap_or_else(|e| panic!("fixtures dir: {e}"));
    for entry in entries {
        let path = entry.unwrap_or_else(|e| panic!("dir entry: {e}")).path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let json = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name, json));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}
