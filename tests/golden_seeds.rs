//! Every response in `fixtures/seeds/` parses into the model type its URL
//! names, and the parsed values equal the JSON ones.

mod support;

use chrono::{DateTime, Utc};
use lifecycle_viewer::model::{
    parse_json, ExecutionType, Page, ProcessingStatus, Run, UserProcessingResult,
};
use serde::Serialize;
use serde_json::Value;

fn as_instant(v: &Value) -> Option<DateTime<Utc>> {
    v.as_str()
        .and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
}

/// Asserts every non-`@odata` property of `json` equals the model's
/// serialization (dates compared as instants, `totalTasksCounts` by accessor).
fn assert_same_values<T: Serialize>(name: &str, json: &Value, model: &T) {
    let back = serde_json::to_value(model).unwrap_or_else(|e| panic!("{name}: {e}"));
    let Value::Object(props) = json else {
        panic!("{name}: not an object")
    };
    for (key, expected) in props.iter().filter(|(k, _)| !k.starts_with('@')) {
        let actual = back.get(key).unwrap_or(&Value::Null);
        match (as_instant(expected), as_instant(actual)) {
            (Some(e), Some(a)) => assert_eq!(e, a, "{name}: {key}"),
            _ => assert_eq!(actual, expected, "{name}: {key}"),
        }
    }
}

fn check_example(name: &str, url: &str, response: &Value) {
    let text = response.to_string();
    let is_user_result = url.contains("/userProcessingResults");
    let is_collection = response.get("value").is_some();
    match (is_user_result, is_collection) {
        (true, true) => {
            let page: Page<UserProcessingResult> = Page::parse(&text).expect(name);
            let rows = response["value"].as_array().expect(name);
            assert_eq!(page.value.len(), rows.len(), "{name}");
            assert_eq!(page.skipped_rows, 0, "{name}");
            for (row, json) in page.value.iter().zip(rows) {
                assert_same_values(name, json, row);
            }
        }
        (true, false) => {
            let upr: UserProcessingResult = parse_json(&text).expect(name);
            assert_same_values(name, response, &upr);
            assert!(upr.subject_id().is_some(), "{name}: subject");
        }
        (false, _) => {
            let run: Run = parse_json(&text).expect(name);
            assert_same_values(name, response, &run);
            assert_eq!(
                run.total_tasks().map(u64::from),
                response["totalTasksCount"].as_u64(),
                "{name}"
            );
        }
    }
}

#[test]
fn every_example_response_parses_into_its_model_with_equal_values() {
    let mut checked = 0;
    for (name, fixture) in support::load_fixtures() {
        if fixture["kind"] == "resource-template" {
            continue;
        }
        let url = fixture["url"].as_str().expect("url");
        let response = &fixture["response"];
        if response.is_null() || fixture["method"] != "GET" {
            continue;
        }
        check_example(&name, url, response);
        checked += 1;
    }
    assert!(checked >= 6, "only {checked} GET examples checked");
}

#[test]
fn get_run_example_reads_counts_status_and_dates() {
    let fixtures = support::load_fixtures();
    let (_, fixture) = fixtures
        .iter()
        .find(|(n, f)| n.starts_with("000_") && f["example"] == 1)
        .expect("Get run example 1");
    let run: Run = parse_json(&fixture["response"].to_string()).expect("run");
    let json = &fixture["response"];
    assert_eq!(run.id, json["id"].as_str().unwrap_or_default());
    assert_eq!(
        run.processing_status.as_ref().map(|s| s.as_str()),
        json["processingStatus"].as_str()
    );
    assert_eq!(run.workflow_execution_type, Some(ExecutionType::OnDemand));
    assert_eq!(
        run.total_tasks().map(u64::from),
        json["totalTasksCount"].as_u64()
    );
    let started = as_instant(&json["startedDateTime"]);
    assert_eq!(run.started_date_time, started);
    assert!(run.duration().is_some());
}

fn template_sample(kind: &str) -> Value {
    match kind {
        "Integer" => Value::from(7),
        "String (timestamp)" => Value::from("2024-01-02T03:04:05.1234567Z"),
        "String (identifier)" => Value::from("id-1"),
        _ => Value::from("completed"),
    }
}

#[test]
fn every_property_of_the_run_resource_template_exists_in_the_model() {
    let fixtures = support::load_fixtures();
    let (name, fixture) = fixtures
        .iter()
        .find(|(_, f)| f["kind"] == "resource-template")
        .expect("resource template fixture");
    let Value::Object(template) = &fixture["response"] else {
        panic!("{name}: template is not an object")
    };
    let sample: serde_json::Map<String, Value> = template
        .iter()
        .filter(|(k, _)| !k.starts_with('@'))
        .map(|(k, v)| (k.clone(), template_sample(v.as_str().unwrap_or_default())))
        .collect();
    let run: Run = parse_json(&Value::Object(sample.clone()).to_string()).expect("run");
    let back = serde_json::to_value(&run).expect("serialize");
    for key in sample.keys() {
        if key == "totalTasksCounts" {
            assert_eq!(run.total_tasks(), Some(7), "{key}");
            continue;
        }
        let value = back.get(key).unwrap_or(&Value::Null);
        assert!(
            !value.is_null(),
            "{name}: property {key} is not read by Run"
        );
    }
}

#[test]
fn create_run_example_with_type_placeholders_parses_without_failing() {
    let fixtures = support::load_fixtures();
    let (_, fixture) = fixtures
        .iter()
        .find(|(_, f)| f["method"] == "POST")
        .expect("Create run example");
    assert_eq!(fixture["status"], 201);
    let response = &fixture["response"];
    let run: Run = parse_json(&response.to_string()).expect("lenient parse");
    assert_eq!(run.id, response["id"].as_str().unwrap_or_default());
    assert_eq!(run.failed_tasks_count, None, "\"Integer\" is not a count");
    assert_eq!(run.completed_date_time, None, "placeholder is not a date");
    assert_eq!(
        run.processing_status,
        Some(ProcessingStatus::Unknown("String".into()))
    );
    let body: Run = parse_json(&fixture["requestBody"].to_string()).expect("request body");
    assert_eq!(body.id, "");
}
