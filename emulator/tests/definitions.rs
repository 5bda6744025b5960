//! The workflow behind a run: task definitions, every trigger and scope kind,
//! quarantine configuration, and `createdBy`/`lastModifiedBy` with `$expand`.

mod common;

use common::*;
use serde_json::Value;

/// The real ids and names of the shared Graph page's list.
const REAL: &[(&str, &str)] = &[
    ("22085229-5809-45e8-97fd-270d28d66910", "Add user to groups"),
    (
        "1dfdfcc7-52fa-4c2e-bf3a-e3919cc12950",
        "Disable User Account",
    ),
    (
        "6fc52c9d-398b-4305-9763-15f42c1676fc",
        "Enable User Account",
    ),
    (
        "1953a66c-751c-45e5-8bfe-01462c70da3c",
        "Remove user from selected groups",
    ),
    (
        "1b555e50-7f65-41d5-b514-5894a026d10d",
        "Generate TAP And Send Email",
    ),
    ("70b29d51-b59a-4773-9280-8841dfd3f2ea", "Send Welcome Email"),
    (
        "8d18588d-9ad3-4c0f-99d0-ec215f0e3dff",
        "Delete User Account",
    ),
    (
        "8fa97d28-3e52-4985-b3a9-a1126f9b8b4e",
        "Remove all licenses for user",
    ),
];

async fn workflows(app: &graph_emulator::Shared, query: &str) -> Vec<Value> {
    let r = get(app, &format!("{LCW}/workflows{query}")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    r.json()["value"].as_array().cloned().unwrap_or_default()
}

#[tokio::test]
async fn task_definitions_carry_the_real_ids_names_and_parameters() {
    let app = app();
    let r = get(&app, &format!("{LCW}/taskDefinitions")).await;
    assert_eq!(r.status, 200, "{}", r.text);
    let defs = r.json()["value"].as_array().cloned().unwrap_or_default();
    for (id, name) in REAL {
        let d = defs.iter().find(|d| d["id"] == *id);
        let d = d.unwrap_or_else(|| panic!("{id} missing"));
        assert!(
            d["displayName"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name)),
            "{d}"
        );
        assert!(d["parameters"].is_array(), "{d}");
    }
    let groups = defs
        .iter()
        .find(|d| d["id"] == REAL[0].0)
        .cloned()
        .unwrap_or_default();
    assert_eq!(groups["parameters"][0]["name"], "groupID");
    assert_eq!(groups["parameters"][0]["valueType"], "string");
    let one = get(&app, &format!("{LCW}/taskDefinitions/{}", REAL[1].0)).await;
    assert_eq!(one.status, 200, "{}", one.text);
    assert_eq!(one.json()["displayName"], "Disable User Account");
    let filtered = get(
        &app,
        &format!(
            "{LCW}/taskDefinitions?$filter={}",
            enc("displayName eq 'Send Welcome Email'")
        ),
    )
    .await;
    assert_eq!(
        filtered.json()["value"].as_array().map(Vec::len),
        Some(1),
        "{}",
        filtered.text
    );
    let missing = get(
        &app,
        &format!("{LCW}/taskDefinitions/00000000-0000-0000-0000-000000000001"),
    )
    .await;
    assert_eq!(missing.status, 404);
}

#[tokio::test]
async fn every_task_names_a_definition_that_exists() {
    let app = app();
    let defs = get(&app, &format!("{LCW}/taskDefinitions")).await.json();
    let ids: Vec<&str> = defs["value"]
        .as_array()
        .map(|v| v.iter().filter_map(|d| d["id"].as_str()).collect())
        .unwrap_or_default();
    for w in workflows(&app, "?$expand=tasks").await {
        for t in w["tasks"].as_array().cloned().unwrap_or_default() {
            let id = t["taskDefinitionId"].as_str().unwrap_or("");
            assert!(ids.contains(&id), "{} names {id}", w["displayName"]);
        }
    }
}

#[tokio::test]
async fn task_definitions_need_lifecycle_workflows_read_all() {
    let app = app();
    let basic = token(
        &app,
        "LifecycleWorkflows-Workflow.ReadBasic.All LifecycleWorkflows-Reports.Read.All",
    );
    let auth = format!("Bearer {basic}");
    let r = send(
        &app,
        "GET",
        &format!("{LCW}/taskDefinitions"),
        &[("authorization", &auth)],
        None,
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text);
    assert_eq!(r.json()["error"]["code"], "Authorization_RequestDenied");
    let wf = send(
        &app,
        "GET",
        &format!("{LCW}/workflows/{WF1}?$expand=tasks"),
        &[("authorization", &auth)],
        None,
    )
    .await;
    assert_eq!(wf.status, 200, "{}", wf.text);
}

#[tokio::test]
async fn the_demo_workflows_have_every_trigger_and_scope_kind() {
    let app = app();
    let all = workflows(&app, "").await;
    let types = |key: &str| -> Vec<String> {
        all.iter()
            .filter_map(|w| {
                let c = &w["executionConditions"];
                let v = if key.is_empty() { c } else { &c[key] };
                v["@odata.type"].as_str().map(str::to_string)
            })
            .collect()
    };
    let ns = "#microsoft.graph.identityGovernance.";
    for want in ["onDemandExecutionOnly", "triggerAndScopeBasedConditions"] {
        assert!(types("").contains(&format!("{ns}{want}")), "{want}");
    }
    for want in [
        "timeBasedAttributeTrigger",
        "attributeChangeTrigger",
        "membershipChangeTrigger",
    ] {
        assert!(types("trigger").contains(&format!("{ns}{want}")), "{want}");
    }
    for want in ["ruleBasedSubjectSet", "groupBasedSubjectSet"] {
        assert!(types("scope").contains(&format!("{ns}{want}")), "{want}");
    }
    let grouped = all
        .iter()
        .find(|w| w["executionConditions"]["scope"]["groups"].is_array())
        .cloned()
        .unwrap_or_default();
    assert_eq!(
        grouped["executionConditions"]["trigger"]["changeType"],
        "add"
    );
    assert_eq!(
        grouped["executionConditions"]["scope"]["groups"][0]["displayName"],
        "Summer Interns 2026"
    );
    let quarantined: Vec<&Value> = all
        .iter()
        .filter(|w| !w["settings"]["quarantineConfiguration"].is_null())
        .collect();
    assert!(quarantined.len() >= 2);
    let q = &quarantined[0]["settings"]["quarantineConfiguration"];
    assert!(q["matchMode"] == "any" || q["matchMode"] == "all", "{q}");
    assert!(
        q["conditions"].as_array().is_some_and(|c| !c.is_empty()),
        "{q}"
    );
}

#[tokio::test]
async fn created_by_and_last_modified_by_are_ids_unless_expanded() {
    let app = app();
    let plain = get(&app, &format!("{LCW}/workflows/{WF1}")).await.json();
    let id = plain["createdBy"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(!id.is_empty(), "{plain}");
    assert!(plain["createdBy"].get("displayName").is_none(), "{plain}");
    let q = enc("tasks,createdBy,lastModifiedBy");
    let expanded = get(&app, &format!("{LCW}/workflows/{WF1}?$expand={q}"))
        .await
        .json();
    assert_eq!(expanded["createdBy"]["id"], id.as_str());
    assert!(
        expanded["createdBy"]["displayName"].is_string(),
        "{expanded}"
    );
    assert!(
        expanded["lastModifiedBy"]["userPrincipalName"].is_string(),
        "{expanded}"
    );
    assert!(expanded["tasks"].is_array());
}
