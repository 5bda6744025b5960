//! OData over HTTP: `$filter`, `$orderby`, `$select`, `$expand`, `$top`,
//! `$count`, and property tests that any query yields a result or a 400.

mod common;

use common::*;
use graph_emulator::odata::parser::parse;
use proptest::prelude::*;
use serde_json::Value;

type Pred = Box<dyn Fn(&Value) -> bool>;

async fn all_runs(app: &graph_emulator::Shared, wf: &str) -> Vec<Value> {
    walk(app, &format!("{LCW}/workflows/{wf}/runs")).await.0
}

#[tokio::test]
async fn filter_matches_a_client_side_filter() {
    let app = app();
    let all = all_runs(&app, WF2).await;
    assert!(all.len() > 20);
    let cut = all[all.len() / 2]["scheduledDateTime"]
        .as_str()
        .unwrap()
        .to_string();
    let cases: Vec<(String, Pred)> = vec![
        (
            "processingStatus eq 'completed'".into(),
            Box::new(|r: &Value| r["processingStatus"] == "completed"),
        ),
        (
            "processingStatus ne 'completed'".into(),
            Box::new(|r: &Value| r["processingStatus"] != "completed"),
        ),
        (
            format!("scheduledDateTime ge {cut} and workflowExecutionType eq 'scheduled'"),
            Box::new({
                let cut = cut.clone();
                move |r: &Value| {
                    r["scheduledDateTime"].as_str().unwrap() >= cut.as_str()
                        && r["workflowExecutionType"] == "scheduled"
                }
            }),
        ),
        (
            format!("not (scheduledDateTime lt {cut}) or (processingStatus eq 'failed')"),
            Box::new({
                let cut = cut.clone();
                move |r: &Value| {
                    r["scheduledDateTime"].as_str().unwrap() >= cut.as_str()
                        || r["processingStatus"] == "failed"
                }
            }),
        ),
        (
            "completedDateTime eq null".into(),
            Box::new(|r: &Value| r["completedDateTime"].is_null()),
        ),
    ];
    for (f, pred) in cases {
        let (rows, _) = walk(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs?$filter={}", enc(&f)),
        )
        .await;
        let want: Vec<&Value> = all.iter().filter(|r| pred(r)).collect();
        let got: Vec<&str> = rows.iter().map(|r| r["id"].as_str().unwrap()).collect();
        let want_ids: Vec<&str> = want.iter().map(|r| r["id"].as_str().unwrap()).collect();
        assert_eq!(got, want_ids, "{f}");
    }
}

#[tokio::test]
async fn filter_errors_are_graph_400s() {
    let app = app();
    for f in [
        "totalUsersCount gt 1",
        "nope eq 'x'",
        "processingStatus lt 'failed'",
        "processingStatus eq 'sleeping'",
        "startedDateTime gt 'yesterday'",
        "processingStatus eq",
        "(processingStatus eq 'failed'",
        "processingStatus eq 'failed' and",
    ] {
        let r = get(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs?$filter={}", enc(f)),
        )
        .await;
        assert_eq!(r.status, 400, "{f}: {}", r.text);
        assert_eq!(r.json()["error"]["code"], "BadRequest");
    }
    let r = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/runs?$filter={}", enc("nope eq 'x'")),
    )
    .await;
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("Could not find a property named 'nope'"));
}

#[tokio::test]
async fn subject_id_filter_on_user_results() {
    let app = app();
    let subject = "df744d9e-2148-4922-88a8-633896c1e929";
    let (rows, _) = walk(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/userProcessingResults?$filter={}",
            enc(&format!("subject/id eq '{subject}'"))
        ),
    )
    .await;
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|r| r["subject"]["id"] == subject));
    let r = get(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/userProcessingResults?$filter={}",
            enc("subject/id ne 'x'")
        ),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn orderby_sorts_by_several_keys() {
    let app = app();
    let (rows, _) = walk(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/runs?$orderby={}",
            enc("processingStatus asc,startedDateTime desc")
        ),
    )
    .await;
    let all = all_runs(&app, WF2).await;
    assert_eq!(rows.len(), all.len());
    for w in rows.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let (sa, sb) = (
            a["processingStatus"].as_str().unwrap(),
            b["processingStatus"].as_str().unwrap(),
        );
        assert!(sa <= sb, "{sa} > {sb}");
        if sa == sb {
            let key = |v: &Value| v["startedDateTime"].as_str().map(str::to_string);
            assert!(key(a) >= key(b), "{a} / {b}");
        }
    }
    let r = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/runs?$orderby=totalUsersCount"),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn select_top_count_and_expand() {
    let app = app();
    let r = get(
        &app,
        &format!("{LCW}/workflows/{WF2}/runs?$select=id,processingStatus&$top=3&$count=true"),
    )
    .await;
    let v = r.json();
    assert!(v["@odata.context"]
        .as_str()
        .unwrap()
        .ends_with("/runs(id,processingStatus)"));
    let rows = v["value"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    for row in rows {
        let keys: Vec<&String> = row.as_object().unwrap().keys().collect();
        assert_eq!(keys, ["id", "processingStatus"]);
    }
    let total = all_runs(&app, WF2).await.len();
    assert_eq!(v["@odata.count"].as_u64(), Some(total as u64));
    assert!(v["@odata.nextLink"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:8081/v1.0/"));
    assert_eq!(
        get(&app, &format!("{LCW}/workflows/{WF2}/runs?$top=1000"))
            .await
            .status,
        400
    );
    assert_eq!(
        get(
            &app,
            &format!("{LCW}/workflows/{WF2}/runs?$select=id,bogus")
        )
        .await
        .status,
        400
    );

    let r = get(&app, &format!("{LCW}/workflows/{WF1}/runs/{RUN1}/userProcessingResults?$expand=subject&$select=id,subject")).await;
    let v = r.json();
    let s = &v["value"][0]["subject"];
    assert!(
        s["displayName"].is_string() && s["userPrincipalName"].is_string(),
        "{v}"
    );
    let r = get(
        &app,
        &format!(
            "{LCW}/workflows/{WF1}/runs/{RUN1}/taskProcessingResults?$expand={}",
            enc("subject($select=id,displayName),task")
        ),
    )
    .await;
    let v = r.json();
    let first = &v["value"][0];
    let keys: Vec<&String> = first["subject"]
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| !k.starts_with('@'))
        .collect();
    assert_eq!(keys, ["displayName", "id"]);
    assert!(first["task"]["displayName"].is_string());
    let r = get(
        &app,
        &format!(
            "{LCW}/workflows/{WF1}/runs/{RUN1}/userProcessingResults?$expand=processingStatus"
        ),
    )
    .await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn task_results_carry_failure_reasons() {
    let app = app();
    let (rows, _) = walk(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/runs?$filter={}",
            enc("processingStatus eq 'completedWithErrors'")
        ),
    )
    .await;
    let run = rows[0]["id"].as_str().unwrap();
    let (tasks, _) = walk(
        &app,
        &format!(
            "{LCW}/workflows/{WF2}/runs/{run}/taskProcessingResults?$filter={}",
            enc("processingStatus eq 'failed'")
        ),
    )
    .await;
    assert!(!tasks.is_empty());
    for t in &tasks {
        assert!(
            t["failureReason"].as_str().is_some_and(|s| s.len() > 20),
            "{t}"
        );
        assert!(t["task"]["category"].is_string());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn parser_never_panics(s in ".{0,80}") {
        let _ = parse(&s);
    }

    #[test]
    fn parser_never_panics_on_filter_like_text(s in "[a-zA-Z/ ()'0-9:.TZ-]{0,60}( (eq|ne|lt|gt|and|or|not) [a-z0-9'()]{0,10}){0,4}") {
        let _ = parse(&s);
    }
}

#[test]
fn any_query_string_yields_a_result_or_a_400() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = app();
    let keys = [
        "$filter",
        "$orderby",
        "$select",
        "$top",
        "$count",
        "$expand",
        "$skiptoken",
        "$search",
        "$bogus",
    ];
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(200));
    let strat = (0..keys.len(), "[ -~]{0,40}");
    runner
        .run(&strat, |(k, v)| {
            let uri = format!(
                "{LCW}/workflows/{WF2}/userProcessingResults?{}={}",
                keys[k],
                graph_emulator::wire::percent_encode(&v)
            );
            let r = rt.block_on(get(&app, &uri));
            prop_assert!(
                r.status == 200 || r.status == 400,
                "{uri} -> {} {}",
                r.status,
                r.text
            );
            let v: Value = serde_json::from_str(&r.text).unwrap();
            if r.status == 400 {
                prop_assert_eq!(&v["error"]["code"], "BadRequest");
            } else {
                prop_assert!(v["value"].is_array());
            }
            Ok(())
        })
        .unwrap();
}

/// `$expand=taskProcessingResults` nests each user result's task results,
/// the same objects its own `taskProcessingResults` collection answers.
#[tokio::test]
async fn user_results_expand_their_task_results() {
    let app = app();
    let base = format!("{LCW}/workflows/{WF1}/runs/{RUN1}/userProcessingResults");
    let v = get(&app, &format!("{base}?$expand=taskProcessingResults"))
        .await
        .json();
    let first = &v["value"][0];
    let nested = first["taskProcessingResults"].as_array().expect("nested");
    let id = first["id"].as_str().unwrap();
    let own = get(&app, &format!("{base}/{id}/taskProcessingResults"))
        .await
        .json();
    assert_eq!(nested, own["value"].as_array().unwrap());
    assert!(nested[0]["task"]["displayName"].is_string());
    let plain = get(&app, &base).await.json();
    assert!(plain["value"][0].get("taskProcessingResults").is_none());
    let one = get(&app, &format!("{base}/{id}?$expand=taskProcessingResults"))
        .await
        .json();
    assert_eq!(one["taskProcessingResults"].as_array(), Some(nested));
}
