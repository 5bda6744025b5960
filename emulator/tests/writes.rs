//! The write surface: `activate`, `activateWithScope`, `cancelProcessing`,
//! `clearQuarantine` and Create run, each validation rule with Graph's
//! error shape; `GET /users` with `$search` / `startswith`; the live speed.

mod common;

use std::time::Duration;

use common::*;
use graph_emulator::Shared;
use serde_json::{json, Value};

const WRITE: &str =
    "LifecycleWorkflows-Workflow.Activate LifecycleWorkflows.Read.All User.ReadBasic.All";
const MANAGE: &str = "LifecycleWorkflows.ReadWrite.All User.ReadBasic.All";
const U1: &str = "ea09ac2e-77e3-4134-85f2-25ccf3c33387";
const U2: &str = "8cdf25a8-c9d2-423e-a03d-3f39f03c3e97";

fn fast_app() -> Shared {
    graph_emulator::App::new(graph_emulator::Config {
        live_step_ms: 10,
        ..Default::default()
    })
    .unwrap()
}

async fn post(app: &Shared, scp: &str, uri: &str, body: &str) -> Resp {
    let t = format!("Bearer {}", token(app, scp));
    send(
        app,
        "POST",
        uri,
        &[("authorization", &t), ("content-type", "application/json")],
        Some(body),
    )
    .await
}

fn assert_error(r: &Resp, status: u16, code: &str, needle: &str) {
    assert_eq!(r.status, status, "{}", r.text);
    let v = r.json();
    assert_eq!(v["error"]["code"], code, "{}", r.text);
    assert!(v["error"]["innerError"]["request-id"].is_string());
    let msg = v["error"]["message"].as_str().unwrap_or("");
    assert!(msg.contains(needle), "{msg:?} lacks {needle:?}");
}

async fn runs_of(app: &Shared, wf: &str) -> Vec<Value> {
    get(app, &format!("{LCW}/workflows/{wf}/runs?$top=999"))
        .await
        .json()["value"]
        .as_array()
        .unwrap()
        .clone()
}

/// A workflow id by display name.
async fn workflow(app: &Shared, name: &str) -> String {
    let all = get(app, &format!("{LCW}/workflows?$top=999")).await.json();
    all["value"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["displayName"] == name)
        .unwrap_or_else(|| panic!("no workflow {name}"))["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Waits until run `id` of `wf` is no longer queued or in progress.
async fn settled(app: &Shared, wf: &str, id: &str) -> Value {
    for _ in 0..500 {
        let r = get(app, &format!("{LCW}/workflows/{wf}/runs/{id}"))
            .await
            .json();
        let s = r["processingStatus"].as_str().unwrap().to_string();
        if s != "queued" && s != "inProgress" {
            return r;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    panic!("run {id} never ended");
}

#[tokio::test]
async fn activate_validates_subjects_body_and_workflow() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF2}/activate");
    let before = runs_of(&app, WF2).await.len();
    let subjects = |ids: &[&str]| {
        json!({ "subjects": ids.iter().map(|i| json!({"id": i})).collect::<Vec<_>>() }).to_string()
    };
    // Wrong body.
    assert_error(
        &post(&app, WRITE, &uri, "not json").await,
        400,
        "BadRequest",
        "JSON",
    );
    assert_error(
        &post(&app, WRITE, &uri, "[]").await,
        400,
        "BadRequest",
        "JSON",
    );
    assert_error(
        &post(&app, WRITE, &uri, "{}").await,
        400,
        "BadRequest",
        "subjects",
    );
    assert_error(
        &post(&app, WRITE, &uri, r#"{"subjects":[]}"#).await,
        400,
        "BadRequest",
        "at least one",
    );
    assert_error(
        &post(&app, WRITE, &uri, r#"{"subjects":"x"}"#).await,
        400,
        "BadRequest",
        "collection",
    );
    assert_error(
        &post(&app, WRITE, &uri, r#"{"subjects":[{"name":"x"}]}"#).await,
        400,
        "BadRequest",
        "'id'",
    );
    // Unknown and duplicate subjects.
    let unknown = "00000000-0000-4000-8000-000000000001";
    assert_error(
        &post(&app, WRITE, &uri, &subjects(&[U1, unknown])).await,
        400,
        "BadRequest",
        unknown,
    );
    assert_error(
        &post(&app, WRITE, &uri, &subjects(&["nope"])).await,
        400,
        "BadRequest",
        "nope",
    );
    assert_error(
        &post(&app, WRITE, &uri, &subjects(&[U1, U2, U1])).await,
        400,
        "BadRequest",
        "more than once",
    );
    // More than 10 users.
    let users = get_with(&app, "/v1.0/users?$top=11&$select=id", &[])
        .await
        .json();
    let eleven: Vec<&str> = users["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["id"].as_str().unwrap())
        .collect();
    assert_eq!(eleven.len(), 11);
    assert_error(
        &post(&app, WRITE, &uri, &subjects(&eleven)).await,
        400,
        "BadRequest",
        "at most 10",
    );
    // Disabled and quarantined workflows, unknown workflow.
    let disabled = workflow(&app, "Onboard interns – summer cohort").await;
    let r = post(
        &app,
        WRITE,
        &format!("{LCW}/workflows/{disabled}/activate"),
        &subjects(&[U1]),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "disabled");
    let quarantined = workflow(&app, "Contractor expiry – remove access").await;
    let r = post(
        &app,
        WRITE,
        &format!("{LCW}/workflows/{quarantined}/activate"),
        &subjects(&[U1]),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "quarantined");
    let r = post(
        &app,
        WRITE,
        &format!("{LCW}/workflows/{unknown}/activate"),
        &subjects(&[U1]),
    )
    .await;
    assert_error(&r, 404, "ResourceNotFound", unknown);
    // Nothing above started a run; ten users do, with the least privileged scope.
    assert_eq!(runs_of(&app, WF2).await.len(), before);
    let r = post(&app, WRITE, &uri, &subjects(&eleven[..10])).await;
    assert_eq!(r.status, 204, "{}", r.text);
    assert!(r.text.is_empty());
    let runs = runs_of(&app, WF2).await;
    assert_eq!(runs.len(), before + 1);
    assert_eq!(runs.last().unwrap()["totalUsersCount"], 10);
}

#[tokio::test]
async fn writes_need_a_write_permission_and_the_admin_role() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF2}/activate");
    let body = json!({"subjects": [{"id": U1}]}).to_string();
    let r = post(
        &app,
        graph_emulator::access_token::DEFAULT_SCOPES,
        &uri,
        &body,
    )
    .await;
    assert_error(
        &r,
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges",
    );
    // Right scope, but the user is only a Global Reader.
    let t = app.demo_token_with_roles(WRITE, &[graph_emulator::access_token::GLOBAL_READER], 3600);
    let r = send(
        &app,
        "POST",
        &uri,
        &[("authorization", &format!("Bearer {t}"))],
        Some(&body),
    )
    .await;
    assert_error(
        &r,
        403,
        "Authorization_RequestDenied",
        "Insufficient privileges",
    );
    // Activate is not enough to cancel (Graph: cancelProcessing needs ReadWrite).
    let cancel = json!({"scope": {"@odata.type": "#microsoft.graph.identityGovernance.cancelRunsScope", "runs": [{"id": RUN1}]}});
    let r = post(
        &app,
        WRITE,
        &format!("{LCW}/workflows/{WF1}/cancelProcessing"),
        &cancel.to_string(),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text);
    // The token endpoint takes roles.
    let r = send(&app, "GET", "/_emulator/token?scp=LifecycleWorkflows.ReadWrite.All&wids=f2ef992c-3afb-46b9-b7cf-a126ee74c451", &[], None).await;
    let t = r.json()["access_token"].as_str().unwrap().to_string();
    let r = send(
        &app,
        "POST",
        &uri,
        &[("authorization", &format!("Bearer {t}"))],
        Some(&body),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text);
}

#[tokio::test]
async fn live_runs_advance_at_the_speed_set_and_results_appear_as_they_go() {
    let app = app();
    let r = send(
        &app,
        "POST",
        "/_emulator/live",
        &[],
        Some(r#"{"stepMs": 30}"#),
    )
    .await;
    assert_eq!(r.json()["stepMs"], 30);
    let r = send(
        &app,
        "POST",
        "/_emulator/live",
        &[],
        Some(r#"{"step": 30}"#),
    )
    .await;
    assert_eq!(r.status, 400);
    let uri = format!("{LCW}/workflows/{WF2}/activate");
    let ids: Vec<Value> = get(&app, "/v1.0/users?$top=4&$select=id").await.json()["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| json!({"id": u["id"]}))
        .collect();
    let r = post(&app, WRITE, &uri, &json!({"subjects": ids}).to_string()).await;
    assert_eq!(r.status, 204);
    let id = runs_of(&app, WF2).await.last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mut finished_seen = std::collections::BTreeSet::new();
    for _ in 0..400 {
        let ups = get(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs/{id}/userProcessingResults"),
        )
        .await
        .json();
        let done = ups["value"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|u| !u["completedDateTime"].is_null())
            .count();
        finished_seen.insert(done);
        if done == 4 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    // Users finish over several steps, not all at once.
    assert!(finished_seen.len() >= 3, "{finished_seen:?}");
    let r = send(&app, "DELETE", "/_emulator/live", &[], None).await;
    assert_eq!(r.json()["stepMs"], 5000);
}

async fn finished_run_with_failures(app: &Shared, wf: &str) -> Value {
    runs_of(app, wf)
        .await
        .into_iter()
        .rev()
        .find(|r| {
            r["failedUsersCount"].as_i64().unwrap_or(0) > 0
                && r["totalUsersCount"].as_i64().unwrap_or(0)
                    > r["failedUsersCount"].as_i64().unwrap_or(0)
                && r["processingStatus"] == "completedWithErrors"
        })
        .expect("a run with some failed users")
}

fn scope(run: &str, users: &str, tasks: &str) -> String {
    json!({"scope": {"@odata.type": "#microsoft.graph.identityGovernance.activateRunScope", "run": {"id": run}, "userScope": users, "taskScope": tasks}}).to_string()
}

#[tokio::test]
async fn activate_with_scope_reprocesses_failed_users_and_links_both_ways() {
    let app = fast_app();
    let old = finished_run_with_failures(&app, WF1).await;
    let old_id = old["id"].as_str().unwrap();
    let uri = format!("{LCW}/workflows/{WF1}/activateWithScope");
    let before = runs_of(&app, WF1).await.len();
    // Validation.
    assert_error(
        &post(&app, WRITE, &uri, "{}").await,
        400,
        "BadRequest",
        "'scope'",
    );
    let r = post(
        &app,
        WRITE,
        &uri,
        &json!({"scope": {"run": {"id": old_id}}}).to_string(),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "@odata.type");
    let r = post(
        &app,
        WRITE,
        &uri,
        &json!({"scope": {"@odata.type": "#microsoft.graph.identityGovernance.nope"}}).to_string(),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "nope");
    assert_error(
        &post(&app, WRITE, &uri, &scope(old_id, "someUsers", "allTasks")).await,
        400,
        "BadRequest",
        "userScope",
    );
    assert_error(
        &post(&app, WRITE, &uri, &scope(old_id, "allUsers", "fewTasks")).await,
        400,
        "BadRequest",
        "taskScope",
    );
    let r = post(
        &app,
        WRITE,
        &uri,
        &scope(
            "00000000-0000-4000-8000-000000000009",
            "allUsers",
            "allTasks",
        ),
    )
    .await;
    assert_error(
        &r,
        404,
        "ResourceNotFound",
        "00000000-0000-4000-8000-000000000009",
    );
    // A run without failures has no failed users to reprocess.
    let clean = runs_of(&app, WF1)
        .await
        .into_iter()
        .find(|r| {
            r["processingStatus"] == "completed" && r["totalUsersCount"].as_i64().unwrap() > 0
        })
        .unwrap();
    let r = post(
        &app,
        WRITE,
        &uri,
        &scope(clean["id"].as_str().unwrap(), "failedUsers", "failedTasks"),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "no user failed");
    assert_eq!(runs_of(&app, WF1).await.len(), before);
    // Failed users only.
    let r = post(
        &app,
        WRITE,
        &uri,
        &scope(old_id, "failedUsers", "failedTasks"),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text);
    let runs = runs_of(&app, WF1).await;
    assert_eq!(runs.len(), before + 1);
    let new = runs.last().unwrap().clone();
    assert_eq!(new["totalUsersCount"], old["failedUsersCount"]);
    let with_prefer = get_with(
        &app,
        &format!("{LCW}/workflows/{WF1}/runs/{}", new["id"].as_str().unwrap()),
        &[("prefer", "include-unknown-enum-members")],
    )
    .await
    .json();
    assert_eq!(with_prefer["workflowExecutionType"], "activatedWithScope");
    let on = &with_prefer["activatedOnScope"];
    assert_eq!(
        on["@odata.type"],
        "#microsoft.graph.identityGovernance.activateRunScope"
    );
    assert_eq!(on["run"]["id"], old_id);
    assert_eq!(on["userScope"], "failedUsers");
    assert_eq!(on["taskScope"], "failedTasks");
    // The old run lists its reprocessing runs.
    let back = get(
        &app,
        &format!("{LCW}/workflows/{WF1}/runs/{old_id}/reprocessedRuns"),
    )
    .await
    .json();
    let ids: Vec<&str> = back["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec![new["id"].as_str().unwrap()]);
    // A run in progress can't be reprocessed yet; all users, once it ended.
    let new_id = new["id"].as_str().unwrap().to_string();
    let _ = settled(&app, WF1, &new_id).await;
    let r = post(&app, WRITE, &uri, &scope(old_id, "allUsers", "allTasks")).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let last = runs_of(&app, WF1).await.last().unwrap().clone();
    assert_eq!(last["totalUsersCount"], old["totalUsersCount"]);
    let r = post(
        &app,
        WRITE,
        &uri,
        &scope(last["id"].as_str().unwrap(), "allUsers", "allTasks"),
    )
    .await;
    if last["processingStatus"] == "queued" || last["processingStatus"] == "inProgress" {
        assert_error(&r, 400, "BadRequest", "in progress");
    }
}

#[tokio::test]
async fn cancel_processing_stops_one_running_run() {
    let app = app(); // 5 s steps: the run stays queued during the test
    let uri = format!("{LCW}/workflows/{WF2}/activate");
    let r = post(
        &app,
        WRITE,
        &uri,
        &json!({"subjects": [{"id": U1}, {"id": U2}]}).to_string(),
    )
    .await;
    assert_eq!(r.status, 204);
    let id = runs_of(&app, WF2).await.last().unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let cancel = format!("{LCW}/workflows/{WF2}/cancelProcessing");
    let body = |runs: Value| {
        json!({"scope": {"@odata.type": "#microsoft.graph.identityGovernance.cancelRunsScope", "runs": runs}}).to_string()
    };
    assert_error(
        &post(&app, MANAGE, &cancel, "{}").await,
        400,
        "BadRequest",
        "'scope'",
    );
    let r = post(
        &app,
        MANAGE,
        &cancel,
        &json!({"scope": {"@odata.type": "#microsoft.graph.identityGovernance.activateRunScope"}})
            .to_string(),
    )
    .await;
    assert_error(&r, 400, "BadRequest", "cancelRunsScope");
    assert_error(
        &post(&app, MANAGE, &cancel, &body(json!([]))).await,
        400,
        "BadRequest",
        "exactly one",
    );
    assert_error(
        &post(
            &app,
            MANAGE,
            &cancel,
            &body(json!([{"id": id}, {"id": RUN1}])),
        )
        .await,
        400,
        "BadRequest",
        "exactly one",
    );
    // A finished run can't be canceled.
    let done = runs_of(&app, WF2)
        .await
        .into_iter()
        .find(|r| r["processingStatus"] == "completed")
        .unwrap();
    let r = post(&app, MANAGE, &cancel, &body(json!([{"id": done["id"]}]))).await;
    assert_error(&r, 400, "BadRequest", "queued or in progress");
    let r = post(&app, MANAGE, &cancel, &body(json!([{"id": id}]))).await;
    assert_eq!(r.status, 204, "{}", r.text);
    let run = get(&app, &format!("{LCW}/workflows/{WF2}/runs/{id}"))
        .await
        .json();
    assert_eq!(run["processingStatus"], "canceled");
    assert!(!run["completedDateTime"].is_null());
    let ups = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/runs/{id}/userProcessingResults"),
    )
    .await
    .json();
    assert!(ups["value"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["processingStatus"] == "canceled"));
    // Twice is an error: it is no longer running.
    let r = post(&app, MANAGE, &cancel, &body(json!([{"id": id}]))).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn clear_quarantine_releases_a_quarantined_workflow_once() {
    let app = app();
    let wf = workflow(&app, "Contractor expiry – remove access").await;
    let w = get(&app, &format!("{LCW}/workflows/{wf}")).await.json();
    assert_eq!(
        w["quarantineDetails"]["quarantineType"], "countBasedThresholdExceeded",
        "{w}"
    );
    let uri = format!("{LCW}/workflows/{wf}/clearQuarantine");
    let r = post(&app, WRITE, &uri, "").await;
    assert_eq!(r.status, 403, "Activate alone can't clear a quarantine");
    let r = post(&app, MANAGE, &uri, "").await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    assert_eq!(v["id"], wf.as_str());
    assert_eq!(
        v["quarantineDetails"]["quarantineType"], "notQuarantined",
        "{v}"
    );
    assert!(v["quarantineDetails"]["quarantineReason"].is_null(), "{v}");
    let r = post(&app, MANAGE, &uri, "").await;
    assert_error(&r, 400, "BadRequest", "not quarantined");
    // Now it can run on demand.
    let r = post(
        &app,
        WRITE,
        &format!("{LCW}/workflows/{wf}/activate"),
        &json!({"subjects": [{"id": U1}]}).to_string(),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text);
}

#[tokio::test]
async fn create_run_validates_required_properties_and_kinds_and_keeps_the_run() {
    let app = app();
    let ok = json!({"failedTasksCount": 0, "failedUsersCount": 1, "processingStatus": "completedWithErrors", "scheduledDateTime": "2024-01-01T00:00:00Z",
        "successfulUsersCount": 2, "totalUsersCount": 3, "totalUnprocessedTasksCount": 0, "workflowExecutionType": "onDemand"});
    for (k, v, needle) in [
        ("totalUsersCount", json!({"n": 3}), "totalUsersCount"),
        ("failedUsersCount", json!(true), "failedUsersCount"),
        ("processingStatus", json!(["done"]), "processingStatus"),
        ("completedDateTime", json!(5), "completedDateTime"),
        (
            "workflowExecutionType",
            json!(null),
            "workflowExecutionType",
        ),
    ] {
        let mut b = ok.clone();
        b[k] = v;
        let r = post(&app, MANAGE, "/beta/workflowBase/runs", &b.to_string()).await;
        assert_error(&r, 400, "BadRequest", needle);
    }
    assert_eq!(
        get(&app, "/beta/workflowBase/runs").await.json()["value"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let r = post(&app, MANAGE, "/v1.0/workflowBase/runs", &ok.to_string()).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let created = r.json();
    let id = created["id"].as_str().unwrap();
    let list = get(&app, "/beta/workflowBase/runs").await.json();
    let listed = list["value"].as_array().unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["id"], id);
    assert_eq!(listed[0]["totalUsersCount"], 3);
    let one = get(&app, &format!("/v1.0/workflowBase/runs/{id}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.json()["processingStatus"], "completedWithErrors");
    let missing = get(
        &app,
        "/v1.0/workflowBase/runs/00000000-0000-4000-8000-000000000002",
    )
    .await;
    assert_error(
        &missing,
        404,
        "ResourceNotFound",
        "00000000-0000-4000-8000-000000000002",
    );
}

#[tokio::test]
async fn users_search_needs_consistency_level_and_filters_by_prefix() {
    let app = app();
    let r = get(&app, "/v1.0/users?$search=%22displayName:adele%22").await;
    assert_error(&r, 400, "Request_UnsupportedQuery", "ConsistencyLevel");
    let r = get(&app, "/v1.0/users?$count=true").await;
    assert_eq!(r.status, 400);
    let eventual = [("consistencylevel", "eventual")];
    let r = get_with(&app, "/v1.0/users?$search=%22displayName:adele%22&$count=true&$select=id,displayName,userPrincipalName", &eventual).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    let names: Vec<&str> = v["value"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["displayName"].as_str().unwrap())
        .collect();
    assert!(!names.is_empty());
    assert!(
        names
            .iter()
            .all(|n| n.to_lowercase().split(' ').any(|w| w.starts_with("adele"))),
        "{names:?}"
    );
    assert_eq!(v["@odata.count"].as_u64().unwrap() as usize, names.len());
    assert!(v["value"][0].get("mail").is_none(), "$select applies");
    // Any-property search matches the UPN too; several words AND.
    let upn = v["value"][0]["userPrincipalName"]
        .as_str()
        .unwrap()
        .to_string();
    let prefix = &upn[..upn.find('@').unwrap()];
    let r = get_with(
        &app,
        &format!("/v1.0/users?$search=%22{prefix}%22"),
        &eventual,
    )
    .await
    .json();
    assert!(r["value"]
        .as_array()
        .unwrap()
        .iter()
        .any(|u| u["userPrincipalName"] == upn.as_str()));
    let r = get_with(&app, "/v1.0/users?$search=bad", &eventual).await;
    assert_error(&r, 400, "Request_UnsupportedQuery", "double quotes");
    // startswith works without the header.
    let r = get(&app, &enc("/v1.0/users?$filter=startswith(displayName,'ad') or startswith(userPrincipalName,'ad')&$top=3")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let v = r.json();
    let vals = v["value"].as_array().unwrap();
    assert!(!vals.is_empty() && vals.len() <= 3);
    assert!(vals.iter().all(|u| u["displayName"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .starts_with("ad")
        || u["userPrincipalName"].as_str().unwrap().starts_with("ad")));
    let r = get(&app, &enc("/v1.0/users?$filter=endswith(displayName,'x')")).await;
    assert_error(&r, 400, "Request_UnsupportedQuery", "startswith");
    // Reading users needs a user permission.
    let t = token(&app, "LifecycleWorkflows.Read.All");
    let r = send(
        &app,
        "GET",
        "/v1.0/users",
        &[("authorization", &format!("Bearer {t}"))],
        None,
    )
    .await;
    assert_eq!(r.status, 403);
}

#[tokio::test]
async fn the_request_log_lists_graph_requests_until_emptied() {
    let app = app();
    let uri = format!("{LCW}/workflows/{WF2}/runs");
    get(&app, &format!("{uri}?$top=1")).await;
    get(&app, &uri).await;
    let log = send(&app, "GET", "/_emulator/requests", &[], None)
        .await
        .json();
    let seen: Vec<&str> = log["requests"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let want = format!("GET {uri}");
    assert_eq!(seen, vec![want.as_str(), want.as_str()]);
    let r = send(&app, "DELETE", "/_emulator/requests", &[], None).await;
    assert_eq!(r.status, 200);
    let log = send(&app, "GET", "/_emulator/requests", &[], None)
        .await
        .json();
    assert_eq!(log["requests"], json!([]));
}
