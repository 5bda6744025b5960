//! Paging over the large dataset: every page of a 100,000-row collection is
//! walked with no row missing or repeated.

mod common;

use std::collections::HashSet;

use common::*;
use graph_emulator::dataset::specs::LARGE_RUN_USERS;
use graph_emulator::dataset::Scale;

fn largest_run(app: &graph_emulator::Shared) -> (String, String, usize) {
    let ds = app.read();
    let mut best = (String::new(), String::new(), 0);
    for w in &ds.workflows {
        for r in &w.runs {
            if r.users.len() > best.2 {
                best = (w.id.to_string(), r.id.to_string(), r.users.len());
            }
        }
    }
    best
}

#[tokio::test]
async fn walks_every_page_of_100k_user_results() {
    let app = app_with(7, Scale::Large);
    let (wf, run, n) = largest_run(&app);
    assert_eq!(n, LARGE_RUN_USERS);
    let (rows, pages) = walk(
        &app,
        &format!("{LCW}/workflows/{wf}/runs/{run}/userProcessingResults?$top=999&$select=id"),
    )
    .await;
    assert_eq!(pages, n.div_ceil(999));
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(rows.len(), n);
    assert_eq!(ids.len(), n, "duplicated rows");
    let ds = app.read();
    let run_id = graph_emulator::rng::Guid::parse(&run).unwrap();
    let (w, r) = ds.run_index[&run_id];
    for u in &ds.workflows[w].runs[r].users {
        assert!(ids.contains(u.id.to_string().as_str()), "missing {}", u.id);
    }
}

#[tokio::test]
async fn filtered_and_ordered_paging_is_consistent() {
    let app = app_with(7, Scale::Large);
    let (wf, run, _) = largest_run(&app);
    let base = format!("{LCW}/workflows/{wf}/runs/{run}/userProcessingResults");
    let f = enc("processingStatus eq 'failed'");
    let (rows, _) = walk(
        &app,
        &format!(
            "{base}?$filter={f}&$orderby={}&$top=500&$count=true",
            enc("startedDateTime desc")
        ),
    )
    .await;
    let first = get(&app, &format!("{base}?$filter={f}&$top=1&$count=true"))
        .await
        .json();
    assert_eq!(first["@odata.count"].as_u64(), Some(rows.len() as u64));
    assert!(rows.iter().all(|r| r["processingStatus"] == "failed"));
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rows.len());
    for w in rows.windows(2) {
        assert!(w[0]["startedDateTime"].as_str() >= w[1]["startedDateTime"].as_str());
    }
}

#[tokio::test]
async fn default_page_is_100_and_tokens_are_bound_to_the_query() {
    let app = app();
    let (rows, pages) = walk(
        &app,
        &format!("{LCW}/workflows/{WF2}/userProcessingResults"),
    )
    .await;
    assert!(rows.len() > 100);
    assert_eq!(pages, rows.len().div_ceil(100));
    let ids: HashSet<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), rows.len());
    let v = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/userProcessingResults"),
    )
    .await
    .json();
    let next = v["@odata.nextLink"].as_str().unwrap();
    let token = next.split("$skiptoken=").nth(1).unwrap();
    let r = get(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/userProcessingResults?$filter={}&$skiptoken={token}",
            enc("processingStatus eq 'failed'")
        ),
    )
    .await;
    assert_eq!(r.status, 400);
    let r = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/userProcessingResults?$skiptoken=garbage"),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn filtered_paging_without_order_reads_on_where_the_last_page_ended() {
    let app = app_with(7, Scale::Large);
    let (wf, run, _) = largest_run(&app);
    let base = format!("{LCW}/workflows/{wf}/runs/{run}/userProcessingResults");
    let f = enc("processingStatus eq 'failed' or processingStatus eq 'canceled'");
    // The viewer's shape: a filter, no order, no count; small pages, so a
    // page often ends mid-run and the cursor must carry on exactly there.
    let (rows, pages) = walk(&app, &format!("{base}?$filter={f}&$top=37&$select=id")).await;
    // The same matches, collected in one go by the counted path.
    let (all, _) = walk(
        &app,
        &format!("{base}?$filter={f}&$top=999&$count=true&$select=id"),
    )
    .await;
    assert!(rows.len() > 1_000, "the run has many failures");
    let ids = |rows: &[serde_json::Value]| -> Vec<String> {
        rows.iter()
            .map(|r| r["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&rows),
        ids(&all),
        "same rows, same order, none lost or doubled"
    );
    assert_eq!(pages, rows.len().div_ceil(37));
    // A filter that matches nothing: one empty page, no next link.
    let none = get(
        &app,
        &format!(
            "{base}?$filter={}&$top=37",
            enc("processingStatus eq 'queued'")
        ),
    )
    .await
    .json();
    assert_eq!(none["value"].as_array().map(Vec::len), Some(0));
    assert!(none.get("@odata.nextLink").is_none());
}
