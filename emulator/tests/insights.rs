//! The insights functions agree with what listing every workflow's runs and
//! task reports gives, follow Graph's parameter rules and need
//! `LifecycleWorkflows.Read.All`.

mod common;

use std::collections::{BTreeMap, HashSet};

use common::*;
use graph_emulator::Shared;
use serde_json::Value;

const WIDE: (&str, &str) = ("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z");

fn call(f: &str, (s, e): (&str, &str)) -> String {
    format!("{LCW}/insights/{f}(startDateTime={s},endDateTime={e})")
}

/// A run's time as the functions see it: started, or else scheduled.
fn run_time(r: &Value) -> Option<chrono::DateTime<chrono::Utc>> {
    r["startedDateTime"]
        .as_str()
        .or(r["scheduledDateTime"].as_str())
        .and_then(|t| t.parse().ok())
}

fn within(r: &Value, (s, e): (&str, &str)) -> bool {
    let (s, e): (chrono::DateTime<chrono::Utc>, chrono::DateTime<chrono::Utc>) =
        (s.parse().unwrap(), e.parse().unwrap());
    run_time(r).is_some_and(|t| t >= s && t <= e)
}

fn n(v: &Value, k: &str) -> i64 {
    v[k].as_i64()
        .unwrap_or_else(|| panic!("{k} missing in {v}"))
}

/// Every live workflow with its runs.
async fn every_run(app: &Shared) -> Vec<(Value, Vec<Value>)> {
    let (wfs, _) = walk(app, &format!("{LCW}/workflows")).await;
    let mut out = Vec::new();
    for w in wfs {
        let id = w["id"].as_str().unwrap().to_string();
        let (runs, _) = walk(app, &format!("{LCW}/workflows/{id}/runs?$top=999")).await;
        out.push((w, runs));
    }
    out
}

/// A range that holds some runs but not all: the middle third of the start times.
fn middle_range(all: &[(Value, Vec<Value>)]) -> (String, String) {
    let mut times: Vec<_> = all
        .iter()
        .flat_map(|(_, rs)| rs.iter().filter_map(run_time))
        .collect();
    times.sort();
    let fmt = |t: chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    (fmt(times[times.len() / 3]), fmt(times[2 * times.len() / 3]))
}

#[tokio::test]
async fn totals_equal_the_sum_of_the_listed_runs() {
    let app = app();
    let all = every_run(&app).await;
    let mid = middle_range(&all);
    for range in [WIDE, (mid.0.as_str(), mid.1.as_str())] {
        let s = get(&app, &call("workflowsProcessedSummary", range)).await;
        assert_eq!(s.status, 200, "{}", s.text);
        let s = s.json();
        assert!(s["@odata.context"]
            .as_str()
            .unwrap()
            .ends_with("#microsoft.graph.identityGovernance.workflowsInsightsSummary"));
        let runs: Vec<&Value> = all
            .iter()
            .flat_map(|(_, rs)| rs.iter())
            .filter(|r| within(r, range))
            .collect();
        assert!(!runs.is_empty());
        let sum = |k: &str| runs.iter().map(|r| n(r, k)).sum::<i64>();
        let status = |names: &[&str]| {
            runs.iter()
                .filter(|r| names.contains(&r["processingStatus"].as_str().unwrap()))
                .count() as i64
        };
        assert_eq!(n(&s, "totalRuns"), runs.len() as i64);
        assert_eq!(n(&s, "successfulRuns"), status(&["completed"]));
        assert_eq!(
            n(&s, "failedRuns"),
            status(&["failed", "completedWithErrors"])
        );
        assert_eq!(n(&s, "totalUsers"), sum("totalUsersCount"));
        assert_eq!(n(&s, "successfulUsers"), sum("successfulUsersCount"));
        assert_eq!(n(&s, "failedUsers"), sum("failedUsersCount"));
        assert_eq!(n(&s, "totalTasks"), sum("totalTasksCount"));
        assert_eq!(n(&s, "failedTasks"), sum("failedTasksCount"));
        assert_eq!(
            n(&s, "successfulTasks"),
            sum("totalTasksCount") - sum("failedTasksCount") - sum("totalUnprocessedTasksCount")
        );
        assert!(n(&s, "failedUsers") > 0, "the demo tenant has failures");
    }
}

#[tokio::test]
async fn categories_and_top_workflows_split_the_same_runs() {
    let app = app();
    let all = every_run(&app).await;
    let c = get(&app, &call("workflowsProcessedByCategory", WIDE)).await;
    assert_eq!(c.status, 200, "{}", c.text);
    let c = c.json();
    let top = get(&app, &call("topWorkflowsProcessedSummary", WIDE))
        .await
        .json();
    let top = top["value"].as_array().unwrap();
    let mut by_cat: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    let mut listed = 0;
    for (w, runs) in &all {
        let cat = w["category"].as_str().unwrap().to_string();
        let ok = runs
            .iter()
            .filter(|r| r["processingStatus"] == "completed")
            .count() as i64;
        let bad = runs
            .iter()
            .filter(|r| {
                matches!(
                    r["processingStatus"].as_str(),
                    Some("failed" | "completedWithErrors")
                )
            })
            .count() as i64;
        let e = by_cat.entry(cat).or_default();
        e.0 += runs.len() as i64;
        e.1 += ok;
        e.2 += bad;
        if runs.is_empty() {
            continue;
        }
        listed += 1;
        let row = top
            .iter()
            .find(|t| t["workflowId"] == w["id"])
            .unwrap_or_else(|| panic!("{} missing from the top list", w["id"]));
        assert_eq!(row["workflowDisplayName"], w["displayName"]);
        assert_eq!(row["workflowCategory"], w["category"]);
        assert_eq!(n(row, "totalRuns"), runs.len() as i64);
        assert_eq!(n(row, "failedRuns"), bad);
        assert_eq!(n(row, "successfulRuns"), ok);
        let users: i64 = runs.iter().map(|r| n(r, "failedUsersCount")).sum();
        assert_eq!(n(row, "failedUsers"), users);
    }
    assert_eq!(top.len(), listed);
    for (cat, key) in [
        ("joiner", "Joiner"),
        ("mover", "Mover"),
        ("leaver", "Leaver"),
    ] {
        let (t, ok, bad) = by_cat.get(cat).copied().unwrap_or_default();
        assert_eq!(n(&c, &format!("total{key}Runs")), t, "{cat}");
        assert_eq!(n(&c, &format!("successful{key}Runs")), ok, "{cat}");
        assert_eq!(n(&c, &format!("failed{key}Runs")), bad, "{cat}");
    }
    let failed: Vec<i64> = top.iter().map(|t| n(t, "failedRuns")).collect();
    assert!(
        failed.windows(2).all(|w| w[0] >= w[1]),
        "most failing first"
    );
}

#[tokio::test]
async fn top_tasks_equal_the_task_reports_of_the_runs_in_range() {
    let app = app();
    let all = every_run(&app).await;
    let mid = middle_range(&all);
    let range = (mid.0.as_str(), mid.1.as_str());
    let mut expected: BTreeMap<String, (i64, i64, i64)> = BTreeMap::new();
    for (w, runs) in &all {
        let keep: HashSet<&str> = runs
            .iter()
            .filter(|r| within(r, range))
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        let id = w["id"].as_str().unwrap();
        let (reports, _) = walk(&app, &format!("{LCW}/workflows/{id}/taskReports?$top=999")).await;
        for rep in reports
            .iter()
            .filter(|r| keep.contains(r["runId"].as_str().unwrap()))
        {
            let def = rep["taskDefinition"]["id"]
                .as_str()
                .or(rep["task"]["taskDefinitionId"].as_str())
                .map(str::to_string);
            let def = match def {
                Some(d) => d,
                None => {
                    let tid = rep["taskId"].as_str().unwrap();
                    let t = get(&app, &format!("{LCW}/workflows/{id}/tasks/{tid}"))
                        .await
                        .json();
                    t["taskDefinitionId"].as_str().unwrap().to_string()
                }
            };
            let e = expected.entry(def).or_default();
            e.0 += n(rep, "totalUsersCount");
            e.1 += n(rep, "successfulUsersCount");
            e.2 += n(rep, "failedUsersCount");
        }
    }
    let top = get(&app, &call("topTasksProcessedSummary", range)).await;
    assert_eq!(top.status, 200, "{}", top.text);
    let top = top.json();
    let top = top["value"].as_array().unwrap();
    let got: BTreeMap<String, (i64, i64, i64)> = top
        .iter()
        .map(|t| {
            (
                t["taskDefinitionId"].as_str().unwrap().to_string(),
                (
                    n(t, "totalTasks"),
                    n(t, "successfulTasks"),
                    n(t, "failedTasks"),
                ),
            )
        })
        .collect();
    assert_eq!(got, expected);
    assert!(top.iter().all(|t| t["taskDefinitionDisplayName"]
        .as_str()
        .is_some_and(|s| !s.is_empty())));
}

#[tokio::test]
async fn top_lists_take_filter_skip_top_and_count() {
    let app = app();
    let all = get(&app, &call("topWorkflowsProcessedSummary", WIDE))
        .await
        .json();
    let all = all["value"].as_array().unwrap().clone();
    assert!(all.len() >= 3);
    let page = get(
        &app,
        &format!(
            "{}?$skip=1&$top=2&$count=true",
            call("topWorkflowsProcessedSummary", WIDE)
        ),
    )
    .await
    .json();
    assert_eq!(page["@odata.count"], all.len());
    assert_eq!(page["value"].as_array().unwrap(), &all[1..3].to_vec());
    let leavers = get(
        &app,
        &enc(&format!(
            "{}?$filter=workflowCategory eq 'leaver'",
            call("topWorkflowsProcessedSummary", WIDE)
        )),
    )
    .await;
    assert_eq!(leavers.status, 200, "{}", leavers.text);
    let leavers = leavers.json();
    let leavers = leavers["value"].as_array().unwrap();
    assert!(!leavers.is_empty());
    assert!(leavers.iter().all(|w| w["workflowCategory"] == "leaver"));
    let bad = get(
        &app,
        &enc(&format!(
            "{}?$filter=nope eq 1",
            call("topTasksProcessedSummary", WIDE)
        )),
    )
    .await;
    assert_eq!(bad.status, 400, "{}", bad.text);
}

#[tokio::test]
async fn parameters_follow_graph_rules_on_both_versions() {
    let app = app();
    for ver in ["v1.0", "beta"] {
        let base = format!("/{ver}/identityGovernance/lifecycleWorkflows/insights");
        let ok = get(
            &app,
            &format!(
                "{base}/microsoft.graph.identityGovernance.workflowsProcessedSummary(startDateTime={},endDateTime={})",
                WIDE.0, WIDE.1
            ),
        )
        .await;
        assert_eq!(ok.status, 200, "{}", ok.text);
        assert!(ok.json()["@odata.context"]
            .as_str()
            .unwrap()
            .contains(&format!("/{ver}/$metadata#")));
        for bad in [
            format!("{base}/workflowsProcessedSummary(startDateTime={})", WIDE.0),
            format!(
                "{base}/workflowsProcessedByCategory(startDateTime=yesterday,endDateTime={})",
                WIDE.1
            ),
            format!(
                "{base}/topTasksProcessedSummary(startDateTime={},endDateTime={},top=3)",
                WIDE.0, WIDE.1
            ),
        ] {
            assert_eq!(get(&app, &bad).await.status, 400, "{bad}");
        }
        assert_eq!(
            get(&app, &format!("{base}/nope(startDateTime=1)"))
                .await
                .status,
            400
        );
    }
}

#[tokio::test]
async fn a_token_without_read_all_is_forbidden() {
    let app = app();
    let reader = token(
        &app,
        "LifecycleWorkflows-Reports.Read.All LifecycleWorkflows-Workflow.ReadBasic.All User.ReadBasic.All",
    );
    let admin = token(&app, "LifecycleWorkflows.ReadWrite.All");
    for f in [
        "workflowsProcessedSummary",
        "workflowsProcessedByCategory",
        "topWorkflowsProcessedSummary",
        "topTasksProcessedSummary",
    ] {
        let uri = call(f, WIDE);
        let r = send(
            &app,
            "GET",
            &uri,
            &[("authorization", &format!("Bearer {reader}"))],
            None,
        )
        .await;
        assert_eq!(r.status, 403, "{f}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "Authorization_RequestDenied");
        let r = send(
            &app,
            "GET",
            &uri,
            &[("authorization", &format!("Bearer {admin}"))],
            None,
        )
        .await;
        assert_eq!(r.status, 200, "{f}: {}", r.text);
        // The reader still lists the runs the figures come from.
        let runs = send(
            &app,
            "GET",
            &format!("{LCW}/workflows/{WF2}/runs"),
            &[("authorization", &format!("Bearer {reader}"))],
            None,
        )
        .await;
        assert_eq!(runs.status, 200);
    }
}

#[tokio::test]
async fn failure_reasons_vary_in_their_ids_not_in_their_words() {
    let app = app();
    let all = every_run(&app).await;
    let mut reasons = Vec::new();
    for (w, runs) in &all {
        let id = w["id"].as_str().unwrap();
        for r in runs.iter().filter(|r| n(r, "failedTasksCount") > 0) {
            let rid = r["id"].as_str().unwrap();
            let (tasks, _) = walk(
                &app,
                &format!(
                    "{LCW}/workflows/{id}/runs/{rid}/taskProcessingResults?$filter={}",
                    enc("processingStatus eq 'failed'")
                ),
            )
            .await;
            reasons.extend(
                tasks
                    .iter()
                    .map(|t| t["failureReason"].as_str().unwrap().to_string()),
            );
        }
    }
    assert!(reasons.len() > 20, "{} failures", reasons.len());
    for r in &reasons {
        assert!(
            !r.contains('{') && !r.contains('}'),
            "unfilled placeholder: {r}"
        );
    }
    // With ids, addresses and numbers set aside the texts repeat; whole, they mostly do not.
    let distinct: HashSet<&str> = reasons.iter().map(String::as_str).collect();
    let heads: HashSet<String> = reasons
        .iter()
        .map(|r| {
            r.split_whitespace()
                .map(|w| {
                    if w.chars().any(|c| c.is_ascii_digit() || c == '@') {
                        "#"
                    } else {
                        w
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert!(
        distinct.len() > heads.len() * 2,
        "{} texts, {} shapes",
        distinct.len(),
        heads.len()
    );
    for shape in [
        "mailbox of",
        "manager of user",
        "Temporary Access Pass",
        "custom task extension",
        "Insufficient privileges",
    ] {
        assert!(
            reasons.iter().any(|r| r.contains(shape)),
            "no reason about {shape}"
        );
    }
}
