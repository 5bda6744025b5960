//! Dataset invariants: counters agree with the results they summarise, the
//! data is deterministic under a seed, and it spans the expected variety.

mod common;

use std::collections::HashSet;

use common::*;
use graph_emulator::dataset::{Category, Dataset, Scale, Status};
use serde_json::Value;

fn ds(seed: u64) -> Dataset {
    Dataset::new(seed, Scale::Demo, 1_700_000_000 * 10_000_000)
}

#[test]
fn run_counters_equal_the_sum_of_their_results() {
    for seed in [1, 42, 999] {
        let d = ds(seed);
        for w in &d.workflows {
            for r in &w.runs {
                let c = &r.counts;
                assert_eq!(c.total_users, r.users.len() as i64);
                assert_eq!(
                    c.successful_users,
                    r.users
                        .iter()
                        .filter(|u| u.status == Status::Completed)
                        .count() as i64
                );
                assert_eq!(
                    c.failed_users,
                    r.users
                        .iter()
                        .filter(|u| matches!(
                            u.status,
                            Status::Failed | Status::CompletedWithErrors
                        ))
                        .count() as i64
                );
                assert!(c.successful_users + c.failed_users <= c.total_users);
                let tasks: i64 = r.users.iter().map(|u| u.task_count as i64).sum();
                assert_eq!(c.total_tasks, tasks);
                for u in &r.users {
                    assert_eq!(u.task_count as usize, w.tasks.len());
                    let failed = (0..w.tasks.len())
                        .filter(|&i| u.task_status(i) == Status::Failed)
                        .count();
                    assert_eq!(u.failed_tasks() as usize, failed);
                    if u.status == Status::Completed {
                        assert_eq!(failed, 0);
                    }
                    if matches!(u.status, Status::Failed | Status::CompletedWithErrors) {
                        assert!(failed > 0);
                    }
                }
            }
        }
    }
}

#[test]
fn generation_is_deterministic_and_varied() {
    let (a, b, c) = (ds(5), ds(5), ds(6));
    let ids = |d: &Dataset| {
        d.workflows
            .iter()
            .flat_map(|w| w.runs.iter().map(|r| r.id))
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&a), ids(&b));
    assert_ne!(ids(&a), ids(&c));
    let live: Vec<_> = a.workflows.iter().filter(|w| w.deleted.is_none()).collect();
    assert!((10..=14).contains(&live.len()));
    for cat in [Category::Joiner, Category::Mover, Category::Leaver] {
        assert!(live.iter().any(|w| w.category == cat));
    }
    assert!(live.iter().any(|w| !w.is_enabled));
    assert!(live
        .iter()
        .any(|w| w.is_enabled && !w.is_scheduling_enabled));
    assert!(live.iter().any(|w| w.quarantine.is_some()));
    assert_eq!(
        a.workflows.iter().filter(|w| w.deleted.is_some()).count(),
        1
    );
    let statuses: HashSet<Status> = a
        .workflows
        .iter()
        .flat_map(|w| w.runs.iter().map(|r| r.status))
        .collect();
    for s in [
        Status::Queued,
        Status::InProgress,
        Status::Completed,
        Status::CompletedWithErrors,
        Status::Failed,
        Status::Canceled,
    ] {
        assert!(statuses.contains(&s), "{s:?} missing");
    }
    let oldest = a
        .workflows
        .iter()
        .flat_map(|w| w.runs.iter().filter_map(|r| r.scheduled))
        .min()
        .unwrap();
    assert!(a.now - oldest <= 91 * graph_emulator::ticks::DAY);
}

#[tokio::test]
async fn counters_agree_over_http() {
    let app = app();
    let (runs, _) = walk(&app, &format!("{LCW}/workflows/{WF2}/runs?$top=999")).await;
    for run in runs.iter().take(15) {
        let id = run["id"].as_str().unwrap();
        let (users, _) = walk(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs/{id}/userProcessingResults?$top=999"),
        )
        .await;
        let sum = |k: &str| users.iter().map(|u| u[k].as_i64().unwrap()).sum::<i64>();
        assert_eq!(run["totalUsersCount"].as_i64(), Some(users.len() as i64));
        assert_eq!(
            run["totalTasksCount"].as_i64(),
            Some(sum("totalTasksCount"))
        );
        assert_eq!(
            run["failedTasksCount"].as_i64(),
            Some(sum("failedTasksCount"))
        );
        assert_eq!(
            run["totalUnprocessedTasksCount"].as_i64(),
            Some(sum("totalUnprocessedTasksCount"))
        );
        let (tasks, _) = walk(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs/{id}/taskProcessingResults?$top=999"),
        )
        .await;
        assert_eq!(tasks.len() as i64, sum("totalTasksCount"));
        let failed = tasks
            .iter()
            .filter(|t| t["processingStatus"] == "failed")
            .count() as i64;
        assert_eq!(failed, sum("failedTasksCount"));
        for u in users.iter().take(3) {
            let uid = u["id"].as_str().unwrap();
            let t = get(&app, &format!("{LCW}/workflows/{WF2}/runs/{id}/userProcessingResults/{uid}/taskProcessingResults")).await.json();
            let t = t["value"].as_array().unwrap();
            assert_eq!(t.len() as i64, u["totalTasksCount"].as_i64().unwrap());
            assert!(t.iter().all(|x| x["subject"]["id"] == u["subject"]["id"]));
        }
    }
}

#[tokio::test]
async fn summaries_and_task_reports_agree_with_runs() {
    let app = app();
    let (runs, _) = walk(&app, &format!("{LCW}/workflows/{WF2}/runs?$top=999")).await;
    let s = get(&app, &format!("{LCW}/workflows/{WF2}/runs/summary(startDateTime=2000-01-01T00:00:00Z,endDateTime=2100-01-01T00:00:00Z)")).await;
    assert_eq!(s.status, 200, "{}", s.text);
    let s = s.json();
    assert!(s["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("#microsoft.graph.identityGovernance.runSummary"));
    assert_eq!(s["totalRuns"].as_u64(), Some(runs.len() as u64));
    let users: i64 = runs
        .iter()
        .map(|r| r["totalUsersCount"].as_i64().unwrap())
        .sum();
    assert_eq!(s["totalUsers"].as_i64(), Some(users));
    let empty = get(&app, &format!("{LCW}/workflows/{WF2}/runs/summary(startDateTime=2000-01-01T00:00:00Z,endDateTime=2000-01-02T00:00:00Z)")).await.json();
    assert_eq!(empty["totalRuns"], 0);
    let u = get(&app, &format!("{LCW}/workflows/{WF2}/userProcessingResults/summary(startDateTime=2000-01-01T00:00:00Z,endDateTime=2100-01-01T00:00:00Z)")).await.json();
    assert_eq!(u["totalUsers"].as_i64(), Some(users));
    for k in [
        "failedTasks",
        "failedUsers",
        "successfulUsers",
        "totalTasks",
    ] {
        assert!(u[k].is_i64(), "{k}");
    }
    let t = get(&app, &format!("{LCW}/workflows/{WF2}/taskReports/summary(startDateTime=2000-01-01T00:00:00Z,endDateTime=2100-01-01T00:00:00Z)")).await.json();
    for k in [
        "successfulTasks",
        "failedTasks",
        "unprocessedTasks",
        "totalTasks",
    ] {
        assert!(t[k].is_i64(), "{k}");
    }
    assert_eq!(
        get(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs/summary(startDateTime=2000-01-01T00:00:00Z)")
        )
        .await
        .status,
        400
    );

    let (reports, _) = walk(&app, &format!("{LCW}/workflows/{WF2}/taskReports?$top=999")).await;
    let tasks_per_run = get(&app, &format!("{LCW}/workflows/{WF2}/tasks"))
        .await
        .json()["value"]
        .as_array()
        .unwrap()
        .len();
    assert_eq!(reports.len(), runs.len() * tasks_per_run);
    let rep = &reports[reports.len() - 1];
    let rid = rep["id"].as_str().unwrap();
    let one = get(&app, &format!("{LCW}/workflows/{WF2}/taskReports/{rid}"))
        .await
        .json();
    assert_eq!(one["id"], rep["id"]);
    let (trs, _) = walk(
        &app,
        &format!("{LCW}/workflows/{WF2}/taskReports/{rid}/taskProcessingResults"),
    )
    .await;
    assert_eq!(trs.len() as i64, rep["totalUsersCount"].as_i64().unwrap());
    let ok = trs
        .iter()
        .filter(|t| t["processingStatus"] == "completed")
        .count() as i64;
    assert_eq!(Some(ok), rep["successfulUsersCount"].as_i64());
    let _: Vec<Value> = trs;
}

#[tokio::test]
async fn deleted_workflows_are_listed_apart() {
    let app = app();
    let live = get(&app, &format!("{LCW}/workflows")).await.json();
    let deleted = get(&app, &format!("{LCW}/deletedItems/workflows"))
        .await
        .json();
    let d = deleted["value"].as_array().unwrap();
    assert_eq!(d.len(), 1);
    assert!(d[0]["deletedDateTime"].is_string());
    let id = d[0]["id"].as_str().unwrap();
    assert!(live["value"]
        .as_array()
        .unwrap()
        .iter()
        .all(|w| w["id"] != id && w["deletedDateTime"].is_null()));
    assert_eq!(
        get(&app, &format!("{LCW}/workflows/{id}")).await.status,
        404
    );
    assert_eq!(
        get(&app, &format!("{LCW}/deletedItems/workflows/{id}"))
            .await
            .status,
        200
    );
}
