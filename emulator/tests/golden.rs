//! Golden tests: each example request of the Graph seed pages, sent to the
//! emulator, answers with the same keys, value types and nesting as the
//! seed's example response (`fixtures/seeds/*.json`).

mod common;

use std::path::PathBuf;

use common::*;
use serde_json::Value;

fn fixtures() -> Vec<(String, Value)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures/seeds");
    let mut out: Vec<(String, Value)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                serde_json::from_str(&text).unwrap(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The JSON type a seed value stands for (placeholders like "Integer" count).
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(s) if s == "Integer" || s == "Int32" => "number",
        Value::String(s) if s == "Boolean" => "bool",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Keys the emulator may add although a (shortened) seed example omits them.
const ANNOTATIONS: &[&str] = &[
    "@odata.context",
    "@odata.type",
    "@odata.nextLink",
    "@odata.count",
];

/// Properties Graph's v1.0 metadata has and the seeds' examples predate;
/// the emulator sends them (null when unset), as the metadata test wants.
const NEWER_THAN_SEEDS: &[&str] = &["activatedOnScope"];

fn compare(expected: &Value, actual: &Value, path: &str, errs: &mut Vec<String>) {
    let (ek, ak) = (kind(expected), kind(actual));
    if ek != ak {
        errs.push(format!("{path}: expected {ek}, got {ak} ({actual})"));
        return;
    }
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            // The resource page spells totalTasksCount with an extra 's' (a documented quirk).
            let norm = |k: &str| {
                if k == "totalTasksCounts" {
                    "totalTasksCount".to_string()
                } else {
                    k.to_string()
                }
            };
            for (k, ev) in e {
                let k2 = norm(k);
                match a.get(&k2) {
                    Some(av) => compare(ev, av, &format!("{path}/{k2}"), errs),
                    None if ANNOTATIONS.contains(&k2.as_str()) => {}
                    None => errs.push(format!("{path}: missing key '{k2}'")),
                }
            }
            for k in a.keys() {
                let newer = NEWER_THAN_SEEDS.contains(&k.as_str()) && a[k].is_null();
                if !e.keys().any(|ek| norm(ek) == *k)
                    && !ANNOTATIONS.contains(&k.as_str())
                    && !newer
                {
                    errs.push(format!("{path}: unexpected key '{k}'"));
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if let Some(first) = e.first() {
                if a.is_empty() {
                    errs.push(format!("{path}: expected items, got an empty array"));
                }
                for (i, item) in a.iter().enumerate() {
                    compare(first, item, &format!("{path}[{i}]"), errs);
                }
            }
        }
        _ => {}
    }
}

fn context_fragment(v: &Value) -> Option<String> {
    v.get("@odata.context")?
        .as_str()?
        .split_once("$metadata#")
        .map(|(_, f)| f.to_string())
}

#[tokio::test]
async fn seed_examples_match_in_shape() {
    let app = app();
    let fx = fixtures();
    assert!(
        fx.len() >= 7,
        "expected the seed fixtures, found {}",
        fx.len()
    );
    let write = format!(
        "Bearer {}",
        token(&app, "LifecycleWorkflows.ReadWrite.All User.ReadBasic.All")
    );
    let mut checked = 0;
    for (name, f) in &fx {
        let Some(url) = f["url"].as_str() else {
            continue;
        };
        let expected = &f["response"];
        let path = url
            .strip_prefix("https://graph.microsoft.com")
            .expect("graph url");
        let method = f["method"].as_str().unwrap();
        let body = (!f["requestBody"].is_null()).then(|| f["requestBody"].to_string());
        let r = send(
            &app,
            method,
            path,
            &[
                ("authorization", &write),
                ("content-type", "application/json"),
            ],
            body.as_deref(),
        )
        .await;
        assert_eq!(
            Some(r.status as u64),
            f["status"].as_u64(),
            "{name}: {}",
            r.text
        );
        if expected.is_null() {
            continue;
        }
        let actual = r.json();
        let mut errs = Vec::new();
        compare(expected, &actual, "", &mut errs);
        assert!(errs.is_empty(), "{name}: {errs:#?}\n{actual:#}");
        if let Some(frag) = context_fragment(expected) {
            assert_eq!(
                context_fragment(&actual),
                Some(frag),
                "{name}: @odata.context"
            );
        }
        checked += 1;
    }
    assert!(checked >= 7, "only {checked} examples checked");
}

#[tokio::test]
async fn run_resource_template_matches_a_real_run() {
    let app = app();
    let fx = fixtures();
    let (_, template) = fx
        .iter()
        .find(|(_, f)| f["kind"] == "resource-template")
        .expect("resource template fixture");
    let r = get(&app, &format!("{LCW}/workflows/{WF1}/runs?$top=50")).await;
    let runs = r.json()["value"].as_array().unwrap().clone();
    assert!(!runs.is_empty());
    for run in &runs {
        let mut errs = Vec::new();
        // Timestamps may be null on runs that have not completed; compare shape on completed ones.
        if run["completedDateTime"].is_null() {
            continue;
        }
        compare(&template["response"], run, "", &mut errs);
        assert!(errs.is_empty(), "{errs:#?}\n{run:#}");
    }
}

#[test]
fn comparison_catches_differences() {
    let e: Value =
        serde_json::json!({"id": "x", "n": "Integer", "o": {"id": "y"}, "a": [{"k": 1}]});
    let mut errs = Vec::new();
    compare(
        &e,
        &serde_json::json!({"id": "1", "n": 3, "o": {"id": "z"}, "a": [{"k": 2}]}),
        "",
        &mut errs,
    );
    assert!(errs.is_empty(), "{errs:?}");
    for bad in [
        serde_json::json!({"id": 1, "n": 3, "o": {"id": "z"}, "a": [{"k": 2}]}),
        serde_json::json!({"id": "1", "n": 3, "o": {"id": "z"}, "a": [{"k": 2}], "extra": 1}),
        serde_json::json!({"id": "1", "n": 3, "o": {}, "a": [{"k": 2}]}),
        serde_json::json!({"id": "1", "n": 3, "o": {"id": "z"}, "a": []}),
    ] {
        let mut errs = Vec::new();
        compare(&e, &bad, "", &mut errs);
        assert!(!errs.is_empty(), "{bad}");
    }
}
