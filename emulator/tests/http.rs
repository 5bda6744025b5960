//! HTTP-level behaviour: auth, CORS, request ids, error shapes, enums,
//! `$batch`, directory lookups, Create run and live on-demand runs.

mod common;

use std::time::Duration;

use common::*;
use graph_emulator::cors::EXPOSE_HEADERS;
use serde_json::{json, Value};

fn assert_graph_error(r: &Resp, status: u16, code: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "{}", r.text);
    assert!(v["error"]["message"]
        .as_str()
        .is_some_and(|m| !m.is_empty()));
    let inner = &v["error"]["innerError"];
    assert_eq!(inner["request-id"].as_str(), r.header("request-id"));
    assert!(inner["date"].as_str().is_some_and(|d| d.ends_with('Z')));
}

#[tokio::test]
async fn missing_malformed_and_expired_tokens_are_401() {
    let app = app();
    let uri = format!("{LCW}/workflows");
    let r = send(&app, "GET", &uri, &[], None).await;
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    assert!(r.header("www-authenticate").is_some());
    let r = send(
        &app,
        "GET",
        &uri,
        &[("authorization", "Bearer not-a-jwt")],
        None,
    )
    .await;
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    let r = send(
        &app,
        "GET",
        &uri,
        &[("authorization", "Basic dXNlcjpwYXNz")],
        None,
    )
    .await;
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    let expired = app.demo_token(graph_emulator::access_token::DEFAULT_SCOPES, -60);
    let r = send(
        &app,
        "GET",
        &uri,
        &[("authorization", &format!("Bearer {expired}"))],
        None,
    )
    .await;
    assert_graph_error(&r, 401, "InvalidAuthenticationToken");
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("expired"));
}

#[tokio::test]
async fn tokens_without_lifecycle_permissions_are_403() {
    let app = app();
    let t = format!("Bearer {}", token(&app, "User.Read Mail.Read"));
    let r = send(
        &app,
        "GET",
        &format!("{LCW}/workflows/{WF1}/runs"),
        &[("authorization", &t)],
        None,
    )
    .await;
    assert_graph_error(&r, 403, "Authorization_RequestDenied");
    // Reports permission alone reads runs but not the workflow list.
    let t = format!(
        "Bearer {}",
        token(&app, "LifecycleWorkflows-Reports.Read.All")
    );
    let r = send(
        &app,
        "GET",
        &format!("{LCW}/workflows/{WF1}/runs"),
        &[("authorization", &t)],
        None,
    )
    .await;
    assert_eq!(r.status, 200);
    let r = send(
        &app,
        "GET",
        &format!("{LCW}/workflows"),
        &[("authorization", &t)],
        None,
    )
    .await;
    assert_graph_error(&r, 403, "Authorization_RequestDenied");
}

#[tokio::test]
async fn preflight_needs_no_auth_and_allows_the_viewer_headers() {
    let app = app();
    let r = send(
        &app,
        "OPTIONS",
        &format!("{LCW}/workflows"),
        &[
            ("origin", "http://127.0.0.1:8080"),
            ("access-control-request-method", "GET"),
            (
                "access-control-request-headers",
                "authorization,prefer,client-request-id",
            ),
        ],
        None,
    )
    .await;
    assert!(r.status < 300, "{}", r.status);
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let allow = r
        .header("access-control-allow-headers")
        .unwrap()
        .to_ascii_lowercase();
    for h in [
        "authorization",
        "content-type",
        "prefer",
        "consistencylevel",
        "client-request-id",
    ] {
        assert!(allow.contains(h), "{h} not in {allow}");
    }
    assert!(r
        .header("access-control-allow-methods")
        .unwrap()
        .contains("GET"));
}

#[tokio::test]
async fn every_response_exposes_exactly_graphs_headers_and_ids() {
    let app = app();
    for r in [
        get(&app, &format!("{LCW}/workflows")).await,
        send(&app, "GET", &format!("{LCW}/workflows"), &[], None).await,
        send(
            &app,
            "GET",
            "/_emulator/token",
            &[("origin", "http://x")],
            None,
        )
        .await,
    ] {
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-expose-headers"),
            Some(EXPOSE_HEADERS)
        );
        assert!(!EXPOSE_HEADERS.to_ascii_lowercase().contains("retry-after"));
        assert!(r.header("request-id").is_some());
        assert!(r.header("client-request-id").is_some());
    }
    let r = get_with(
        &app,
        &format!("{LCW}/workflows"),
        &[("client-request-id", "abc-123")],
    )
    .await;
    assert_eq!(r.header("client-request-id"), Some("abc-123"));
}

#[tokio::test]
async fn token_endpoint_grants_default_and_requested_scopes() {
    let app = app();
    let r = send(&app, "GET", "/_emulator/token", &[], None).await;
    assert_eq!(r.status, 200);
    let t = r.json()["access_token"].as_str().unwrap().to_string();
    let c = graph_emulator::access_token::decode(&t).unwrap();
    assert_eq!(c.aud.as_deref(), Some("https://graph.microsoft.com"));
    assert!(c
        .scopes
        .contains(&"LifecycleWorkflows-Reports.Read.All".to_string()));
    let payload: Value = {
        use base64::Engine;
        let p = t.split('.').nth(1).unwrap();
        serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(p)
                .unwrap(),
        )
        .unwrap()
    };
    for k in ["aud", "tid", "upn", "name", "scp", "exp", "iat"] {
        assert!(payload.get(k).is_some(), "claim {k}");
    }
    let r = send(
        &app,
        "GET",
        "/_emulator/token?scp=User.Read&expires_in=60",
        &[],
        None,
    )
    .await;
    let t = r.json()["access_token"].as_str().unwrap().to_string();
    assert_eq!(
        graph_emulator::access_token::decode(&t).unwrap().scopes,
        vec!["User.Read"]
    );
    let r = send(&app, "GET", "/_emulator/token?expires_in=soon", &[], None).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn errors_for_unknown_ids_bad_guids_segments_and_methods() {
    let app = app();
    let r = get(
        &app,
        &format!("{LCW}/workflows/00000000-0000-4000-8000-000000000000"),
    )
    .await;
    assert_graph_error(&r, 404, "ResourceNotFound");
    let r = get(
        &app,
        &format!("{LCW}/workflows/{WF1}/runs/00000000-0000-4000-8000-000000000000"),
    )
    .await;
    assert_graph_error(&r, 404, "ResourceNotFound");
    let r = get(&app, &format!("{LCW}/workflows/not-a-guid")).await;
    assert_graph_error(&r, 400, "BadRequest");
    let r = get(&app, &format!("{LCW}/bogus")).await;
    assert_graph_error(&r, 400, "BadRequest");
    let r = get(&app, "/v9.9/users").await;
    assert_graph_error(&r, 400, "BadRequest");
    let t = format!("Bearer {}", default_token(&app));
    let r = send(
        &app,
        "DELETE",
        &format!("{LCW}/workflows/{WF1}/runs"),
        &[("authorization", &t)],
        None,
    )
    .await;
    assert_graph_error(&r, 405, "BadRequest");
    // A run of another workflow is not found under this one.
    let r = get(&app, &format!("{LCW}/workflows/{WF2}/runs/{RUN1}")).await;
    assert_eq!(r.status, 404);
}

#[tokio::test]
async fn both_versions_and_case_insensitive_segments_work() {
    let app = app();
    for base in ["/v1.0", "/beta"] {
        let r = get(
            &app,
            &format!("{base}/IdentityGovernance/LifecycleWorkflows/workflows/{WF1}/runs/{RUN1}"),
        )
        .await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert!(r.json()["@odata.context"]
            .as_str()
            .unwrap()
            .contains(&format!("{base}/$metadata#")));
    }
}

async fn find_status(app: &graph_emulator::Shared, prefer: bool, status: &str) -> Vec<String> {
    let wfs = get(app, &format!("{LCW}/workflows")).await.json();
    let mut found = Vec::new();
    for w in wfs["value"].as_array().unwrap() {
        let id = w["id"].as_str().unwrap();
        let h: Vec<(&str, &str)> = if prefer {
            vec![("prefer", "include-unknown-enum-members")]
        } else {
            vec![]
        };
        let r = get_with(app, &format!("{LCW}/workflows/{id}/runs?$top=999"), &h).await;
        for run in r.json()["value"].as_array().unwrap() {
            if run["processingStatus"] == status {
                found.push(run["id"].as_str().unwrap().to_string());
            }
        }
    }
    found
}

#[tokio::test]
async fn evolvable_enum_members_need_prefer() {
    let app = app();
    assert!(find_status(&app, false, "canceling").await.is_empty());
    assert!(find_status(&app, false, "quarantined").await.is_empty());
    let hidden = find_status(&app, false, "unknownFutureValue").await;
    let canceling = find_status(&app, true, "canceling").await;
    let quarantined = find_status(&app, true, "quarantined").await;
    assert!(!canceling.is_empty() && !quarantined.is_empty());
    let mut shown = [canceling, quarantined].concat();
    shown.sort();
    let mut hidden = hidden;
    hidden.sort();
    assert_eq!(shown, hidden);
    let r = get_with(
        &app,
        &format!("{LCW}/workflows"),
        &[("prefer", "include-unknown-enum-members")],
    )
    .await;
    assert_eq!(
        r.header("preference-applied"),
        Some("include-unknown-enum-members")
    );
}

#[tokio::test]
async fn users_and_get_by_ids() {
    let app = app();
    let r = get(
        &app,
        "/v1.0/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387?$select=id,displayName,userPrincipalName",
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        ["@odata.context", "displayName", "userPrincipalName", "id"]
    );
    assert!(v["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("#users(id,displayName,userPrincipalName)/$entity"));
    let r = get(&app, "/v1.0/users/00000000-0000-4000-8000-000000000000").await;
    assert_graph_error(&r, 404, "Request_ResourceNotFound");
    let t = format!("Bearer {}", default_token(&app));
    let body = json!({"ids": ["ea09ac2e-77e3-4134-85f2-25ccf3c33387", "00000000-0000-4000-8000-000000000000", "df744d9e-2148-4922-88a8-633896c1e929"], "types": ["user"]});
    let r = send(
        &app,
        "POST",
        "/v1.0/directoryObjects/getByIds",
        &[("authorization", &t)],
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["value"].as_array().unwrap().len(), 2);
    assert_eq!(v["value"][0]["@odata.type"], "#microsoft.graph.user");
    let r = send(
        &app,
        "POST",
        "/v1.0/directoryObjects/getByIds",
        &[("authorization", &t)],
        Some("{"),
    )
    .await;
    assert_graph_error(&r, 400, "BadRequest");
}

#[tokio::test]
async fn awkward_display_names_are_present() {
    let app = app();
    let mut names = Vec::new();
    let ds = app.read();
    for u in ds.users.iter().take(40) {
        names.push(u.display_name.clone());
    }
    drop(ds);
    assert!(names
        .iter()
        .any(|n| n.contains('<') && n.contains("script")));
    assert!(names
        .iter()
        .any(|n| n.chars().any(|c| ('\u{0590}'..='\u{06FF}').contains(&c))));
    assert!(names.iter().any(|n| n.chars().count() > 100));
    assert!(names.iter().any(|n| !n.is_ascii()));
}

#[tokio::test]
async fn batch_answers_each_request_with_its_own_status() {
    let app = app();
    let t = format!("Bearer {}", default_token(&app));
    let body = json!({"requests": [
        {"id": "1", "method": "GET", "url": format!("/identityGovernance/lifecycleWorkflows/workflows/{WF1}/runs/{RUN1}")},
        {"id": "2", "method": "GET", "url": "/users/ea09ac2e-77e3-4134-85f2-25ccf3c33387?$select=id,displayName"},
        {"id": "3", "method": "GET", "url": "/identityGovernance/lifecycleWorkflows/workflows/00000000-0000-4000-8000-000000000000"},
        {"id": "4", "method": "GET", "url": "/identityGovernance/lifecycleWorkflows/workflows?$filter=bogus eq 1"},
    ]});
    let r = post_batch(&app, &body).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    let rs = v["responses"].as_array().unwrap();
    let status: Vec<(String, u64)> = rs
        .iter()
        .map(|x| {
            (
                x["id"].as_str().unwrap().to_string(),
                x["status"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        status,
        vec![
            ("1".into(), 200),
            ("2".into(), 200),
            ("3".into(), 404),
            ("4".into(), 400)
        ]
    );
    assert_eq!(rs[0]["body"]["id"], RUN1);
    assert!(rs[0]["headers"]["Content-Type"]
        .as_str()
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(rs[2]["body"]["error"]["code"], "ResourceNotFound");

    let many: Vec<Value> = (0..21)
        .map(|i| json!({"id": i.to_string(), "method": "GET", "url": "/users/x"}))
        .collect();
    let r = send(
        &app,
        "POST",
        "/v1.0/$batch",
        &[("authorization", &t)],
        Some(&json!({"requests": many}).to_string()),
    )
    .await;
    assert_graph_error(&r, 400, "BadRequest");
    let r = send(&app, "POST", "/v1.0/$batch", &[], Some("{}")).await;
    assert_eq!(r.status, 401);
}

#[tokio::test]
async fn create_run_validates_required_properties() {
    let app = app();
    let t = format!("Bearer {}", token(&app, "LifecycleWorkflows.ReadWrite.All"));
    let r = send(
        &app,
        "POST",
        "/beta/workflowBase/runs",
        &[("authorization", &t)],
        Some(r#"{"processingStatus":"completed"}"#),
    )
    .await;
    assert_graph_error(&r, 400, "BadRequest");
    let msg = r.json()["error"]["message"].as_str().unwrap().to_string();
    for k in [
        "failedTasksCount",
        "scheduledDateTime",
        "workflowExecutionType",
    ] {
        assert!(msg.contains(k), "{msg}");
    }
    assert!(!msg.contains("processingStatus"));
    let body = json!({"failedTasksCount": 0, "failedUsersCount": 1, "processingStatus": "completedWithErrors", "scheduledDateTime": "2024-01-01T00:00:00Z",
        "successfulUsersCount": 2, "totalUsersCount": 3, "totalUnprocessedTasksCount": 0, "workflowExecutionType": "onDemand"});
    let r = send(
        &app,
        "POST",
        "/beta/workflowBase/runs",
        &[("authorization", &t)],
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text);
    let v = r.json();
    assert!(r
        .header("location")
        .unwrap()
        .ends_with(v["id"].as_str().unwrap()));
    assert_eq!(v["totalUsersCount"], 3);
    assert_eq!(v["scheduledDateTime"], "2024-01-01T00:00:00.0000000Z");
    // Reading needs no write permission, writing does.
    let ro = format!("Bearer {}", default_token(&app));
    let r = send(
        &app,
        "POST",
        "/beta/workflowBase/runs",
        &[("authorization", &ro)],
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn activate_creates_a_run_that_progresses_to_completion() {
    let app = graph_emulator::App::new(graph_emulator::Config {
        live_step_ms: 20,
        ..Default::default()
    })
    .unwrap();
    let t = format!("Bearer {}", token(&app, "LifecycleWorkflows.ReadWrite.All"));
    let before = get(&app, &format!("{LCW}/workflows/{WF2}/runs?$top=999"))
        .await
        .json()["value"]
        .as_array()
        .unwrap()
        .len();
    let body = json!({"subjects": [{"id": "ea09ac2e-77e3-4134-85f2-25ccf3c33387"}, {"id": "8cdf25a8-c9d2-423e-a03d-3f39f03c3e97"}]});
    let r = send(
        &app,
        "POST",
        &format!("{LCW}/workflows/{WF2}/activate"),
        &[("authorization", &t)],
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let runs = get(&app, &format!("{LCW}/workflows/{WF2}/runs?$top=999"))
        .await
        .json();
    let runs = runs["value"].as_array().unwrap();
    assert_eq!(runs.len(), before + 1);
    let new = runs.last().unwrap();
    assert_eq!(new["workflowExecutionType"], "onDemand");
    assert_eq!(new["totalUsersCount"], 2);
    let id = new["id"].as_str().unwrap().to_string();
    let mut seen = vec![new["processingStatus"].as_str().unwrap().to_string()];
    for _ in 0..500 {
        tokio::time::sleep(Duration::from_millis(10)).await;
        let r = get(&app, &format!("{LCW}/workflows/{WF2}/runs/{id}"))
            .await
            .json();
        let s = r["processingStatus"].as_str().unwrap().to_string();
        if seen.last() != Some(&s) {
            seen.push(s.clone());
        }
        if s.starts_with("completed") || s == "failed" {
            assert!(!r["completedDateTime"].is_null());
            break;
        }
    }
    assert_eq!(seen[0], "queued");
    assert!(seen.contains(&"inProgress".to_string()), "{seen:?}");
    assert!(
        ["completed", "completedWithErrors", "failed"].contains(&seen.last().unwrap().as_str()),
        "{seen:?}"
    );
    // Read-only tokens can't activate; unknown subjects are rejected.
    let ro = format!("Bearer {}", default_token(&app));
    let r = send(
        &app,
        "POST",
        &format!("{LCW}/workflows/{WF2}/activate"),
        &[("authorization", &ro)],
        Some(&body.to_string()),
    )
    .await;
    assert_eq!(r.status, 403);
    let r = send(
        &app,
        "POST",
        &format!("{LCW}/workflows/{WF2}/activate"),
        &[("authorization", &t)],
        Some(r#"{"subjects":[{"id":"nope"}]}"#),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[test]
fn any_path_yields_a_graph_answer_never_a_panic() {
    use proptest::prelude::*;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = app();
    let segs = prop::collection::vec(
        prop_oneof![
            Just("identityGovernance".to_string()),
            Just("lifecycleWorkflows".to_string()),
            Just("workflows".to_string()),
            Just("runs".to_string()),
            Just("userProcessingResults".to_string()),
            Just("taskProcessingResults".to_string()),
            Just("taskReports".to_string()),
            Just("deletedItems".to_string()),
            Just(WF2.to_string()),
            Just("summary(startDateTime=2024-01-01T00:00:00Z".to_string()),
            "[ -~]{0,12}",
        ],
        0..7,
    );
    let methods = prop_oneof![Just("GET"), Just("POST"), Just("DELETE")];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(300));
    runner
        .run(
            &(
                prop_oneof![Just("v1.0"), Just("beta"), Just("x")],
                segs,
                methods,
            ),
            |(ver, segs, method)| {
                let path: Vec<String> = segs
                    .iter()
                    .map(|s| graph_emulator::wire::percent_encode(s).replace('?', "%3F"))
                    .collect();
                let uri = format!("/{ver}/{}", path.join("/"));
                let t = format!("Bearer {}", default_token(&app));
                let r = rt.block_on(send(
                    &app,
                    method,
                    &uri,
                    &[("authorization", &t)],
                    Some("{}"),
                ));
                prop_assert!(
                    matches!(r.status, 200 | 204 | 400 | 403 | 404 | 405 | 501),
                    "{method} {uri} -> {}",
                    r.status
                );
                if r.status >= 400 {
                    let v: Value = serde_json::from_str(&r.text).unwrap();
                    prop_assert!(v["error"]["code"].is_string());
                }
                Ok(())
            },
        )
        .unwrap();
}
