//! Fault rules over HTTP: status with Retry-After, times, every, body
//! corruption (malformed, truncated, reset), `$batch`, clearing.

mod common;

use common::*;
use serde_json::{json, Value};

async fn add(app: &graph_emulator::Shared, rules: Value) {
    let r = send(
        app,
        "POST",
        "/_emulator/faults",
        &[("content-type", "application/json")],
        Some(&json!({ "rules": rules }).to_string()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn status_rules_fire_the_given_number_of_times_with_retry_after() {
    let app = app();
    add(&app, json!([{"path": "/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs*", "method": "GET", "status": 429, "retry_after": 2, "times": 2}])).await;
    let uri = format!("{LCW}/workflows/{WF1}/runs");
    for _ in 0..2 {
        let r = get(&app, &uri).await;
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), Some("2"));
        assert_eq!(r.json()["error"]["code"], "TooManyRequests");
        assert!(r.json()["error"]["innerError"]["request-id"].is_string());
        assert!(!r
            .header("access-control-expose-headers")
            .unwrap()
            .contains("Retry-After"));
    }
    assert_eq!(get(&app, &uri).await.status, 200);
    // Other paths are untouched.
    add(&app, json!([{"path": "/v1.0/users/*", "status": 503}])).await;
    assert_eq!(get(&app, &format!("{LCW}/workflows")).await.status, 200);
    assert_eq!(
        get(&app, "/v1.0/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387")
            .await
            .status,
        503
    );
    let r = send(&app, "DELETE", "/_emulator/faults", &[], None).await;
    assert_eq!(r.status, 204);
    assert_eq!(
        get(&app, "/v1.0/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn every_nth_request_fails() {
    let app = app();
    add(
        &app,
        json!([{"path": "*/workflows", "every": 3, "status": 504}]),
    )
    .await;
    let mut s = Vec::new();
    for _ in 0..7 {
        s.push(get(&app, &format!("{LCW}/workflows")).await.status);
    }
    assert_eq!(s, vec![200, 200, 504, 200, 200, 504, 200]);
}

#[tokio::test]
async fn body_faults_corrupt_the_response() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF1}/runs/{RUN1}");
    add(
        &app,
        json!([{"path": "*/runs/*", "body": "malformed", "times": 1}]),
    )
    .await;
    let r = get(&app, &uri).await;
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    add(
        &app,
        json!([{"path": "*/runs/*", "body": "truncated", "times": 1}]),
    )
    .await;
    let r = get(&app, &uri).await;
    let full = get(&app, &uri).await;
    assert!(serde_json::from_str::<Value>(&r.text).is_err());
    assert!(full.text.starts_with(&r.text) && r.text.len() < full.text.len());
    add(
        &app,
        json!([{"path": "*/runs/*", "body": "reset", "times": 1}]),
    )
    .await;
    let r = get(&app, &uri).await;
    assert!(r.body_error, "the body stream should fail");
    assert_eq!(get(&app, &uri).await.status, 200);
}

#[tokio::test]
async fn delays_and_rates_are_accepted_and_rates_are_seeded() {
    let outcomes = |seed: u64| async move {
        let app = app_with(seed, graph_emulator::dataset::Scale::Demo);
        add(&app, json!([{"rate": 0.5, "status": 503, "delay_ms": 1}])).await;
        let mut v = Vec::new();
        for _ in 0..30 {
            v.push(get(&app, &format!("{LCW}/workflows")).await.status);
        }
        v
    };
    let a = outcomes(3).await;
    assert_eq!(a, outcomes(3).await);
    assert!(a.contains(&503) && a.contains(&200));
}

#[tokio::test]
async fn batch_sub_responses_carry_fault_status_and_retry_after() {
    let app = app();
    add(
        &app,
        json!([{"path": "/v1.0/users/*", "status": 429, "retry_after": 7}]),
    )
    .await;
    let body = json!({"requests": [
        {"id": "a", "method": "GET", "url": "/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387"},
        {"id": "b", "method": "GET", "url": format!("/identityGovernance/lifecycleWorkflows/workflows/{WF1}")},
    ]});
    let r = post_batch(&app, &body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["responses"][0]["status"], 429);
    assert_eq!(v["responses"][0]["headers"]["Retry-After"], "7");
    assert_eq!(v["responses"][1]["status"], 200);
}

#[tokio::test]
async fn invalid_rules_are_rejected() {
    let app = app();
    for bad in [
        json!({"rules": [{"body": "weird"}]}),
        json!({"rules": [{"rate": 3}]}),
        json!({"nope": 1}),
    ] {
        let r = send(
            &app,
            "POST",
            "/_emulator/faults",
            &[],
            Some(&bad.to_string()),
        )
        .await;
        assert_eq!(r.status, 400, "{bad}");
    }
    let rules = graph_emulator::faults::parse_rules(r#"[{"status": 500, "every": 2}]"#).unwrap();
    assert_eq!(rules[0].every, Some(2));
}

#[tokio::test]
async fn merge_rules_change_every_item_of_a_page_and_json_rules_replace_the_answer() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF1}/runs");
    add(
        &app,
        json!([{"path": "/v1.0/*/runs", "merge": {"processingStatus": "quantumState", "failedUserCount": null, "extra": {"a": 1}}, "times": 1}]),
    )
    .await;
    let merged = get(&app, &uri).await;
    assert_eq!(merged.status, 200, "{}", merged.text);
    let runs = merged.json()["value"].as_array().unwrap().clone();
    assert!(!runs.is_empty());
    for run in &runs {
        assert_eq!(run["processingStatus"], "quantumState");
        assert!(run["failedUserCount"].is_null() && run.get("failedUserCount").is_some());
        assert_eq!(run["extra"]["a"], 1);
        assert!(run["id"].is_string(), "ids are kept: {run}");
    }
    // `times: 1` — the next answer is the real one again.
    assert_ne!(
        get(&app, &uri).await.json()["value"][0]["processingStatus"],
        "quantumState"
    );

    add(
        &app,
        json!([{"path": "/v1.0/*/workflows", "json": {"unexpected": [1, 2]}, "times": 1}]),
    )
    .await;
    let replaced = get(&app, &format!("{LCW}/workflows")).await;
    assert_eq!(replaced.status, 200);
    assert_eq!(replaced.json(), json!({"unexpected": [1, 2]}));

    add(&app, json!([{"path": "/v1.0/*/workflows", "json": {"error": {"code": "Custom", "message": "m"}}, "status": 400, "times": 1}])).await;
    let error = get(&app, &format!("{LCW}/workflows")).await;
    assert_eq!(error.status, 400);
    assert_eq!(error.json()["error"]["code"], "Custom");
}

#[tokio::test]
async fn merge_rules_apply_inside_batch_sub_responses() {
    let app = app();
    add(&app, json!([{"path": "/v1.0/users/*", "merge": {"displayName": "<img src=x onerror=alert(1)>"}}])).await;
    let body = json!({"requests": [
        {"id": "1", "method": "GET", "url": "/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387?$select=id,displayName"},
    ]});
    let r = post_batch(&app, &body).await;
    let sub = &r.json()["responses"][0];
    assert_eq!(sub["status"], 200);
    assert_eq!(sub["body"]["displayName"], "<img src=x onerror=alert(1)>");
    assert_eq!(sub["body"]["id"], "ea09ac2e-77e3-4134-85f2-25ccf3c33387");
}

#[tokio::test]
async fn the_default_page_size_can_be_lowered_and_reset() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF1}/runs");
    let set = |body: &'static str| {
        let app = app.clone();
        async move {
            send(
                &app,
                "POST",
                "/_emulator/paging",
                &[("content-type", "application/json")],
                Some(body),
            )
            .await
        }
    };
    assert_eq!(set(r#"{"pageSize": 3}"#).await.status, 200);
    let page = get(&app, &uri).await.json();
    assert_eq!(page["value"].as_array().unwrap().len(), 3);
    assert!(page["@odata.nextLink"].is_string());
    // An explicit $top still wins.
    let top = get(&app, &format!("{uri}?$top=5")).await.json();
    assert_eq!(top["value"].as_array().unwrap().len(), 5);
    assert_eq!(set(r#"{"pageSize": 0}"#).await.status, 400);
    assert_eq!(set("not json").await.status, 400);
    let r = send(&app, "DELETE", "/_emulator/paging", &[], None).await;
    assert_eq!(r.json()["pageSize"], 100);
}
