//! OData building, endpoint paths, error reading, retry bounds, paging and
//! `$batch` handling: everything in `graph` that does not need a browser.

use std::time::Duration;

use chrono::{TimeZone, Utc};
use lifecycle_viewer::graph::batch::{user_lookup_batches, BatchResponse, UserCache, MAX_BATCH};
use lifecycle_viewer::graph::endpoints::paths;
use lifecycle_viewer::graph::odata::filter;
use lifecycle_viewer::graph::paging::Pager;
use lifecycle_viewer::graph::request_id::uuid_v4;
use lifecycle_viewer::graph::retry::parse_retry_after;
use lifecycle_viewer::graph::{
    ApiVersion, CancelFlag, DateField, ErrorKind, GraphBase, GraphError, ODataQuery, ResultQuery,
    RetryPolicy, SortDir,
};
use lifecycle_viewer::model::{parse_json, DateRange, ExecutionType, Page, ProcessingStatus, Run};
use proptest::prelude::*;

fn jan(day: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, day, 0, 0, 0)
        .single()
        .expect("date")
}

#[test]
fn odata_query_strings_are_exact() {
    let q = ResultQuery {
        range: Some(DateRange::new(jan(1), jan(31))),
        date_field: DateField::Started,
        statuses: vec![
            ProcessingStatus::Failed,
            ProcessingStatus::CompletedWithErrors,
        ],
        execution_type: Some(ExecutionType::OnDemand),
        subject_id: None,
        order_by: Some((DateField::Started, SortDir::Desc)),
        top: Some(100),
        expand: Some("taskProcessingResults"),
    };
    assert_eq!(
        q.to_odata().filter_expression().as_deref(),
        Some("startedDateTime ge 2024-01-01T00:00:00Z and startedDateTime lt 2024-01-31T00:00:00Z and (processingStatus eq 'failed' or processingStatus eq 'completedWithErrors') and workflowExecutionType eq 'onDemand'")
    );
    assert_eq!(
        q.to_odata().to_query_string(),
        "?$filter=startedDateTime%20ge%202024-01-01T00:00:00Z%20and%20startedDateTime%20lt%202024-01-31T00:00:00Z%20and%20(processingStatus%20eq%20'failed'%20or%20processingStatus%20eq%20'completedWithErrors')%20and%20workflowExecutionType%20eq%20'onDemand'&$orderby=startedDateTime%20desc&$expand=taskProcessingResults&$top=100"
    );
    assert_eq!(ODataQuery::new().to_query_string(), "");
    assert_eq!(
        ODataQuery::new()
            .select(&["id", "subject"])
            .expand("subject")
            .count(true)
            .to_query_string(),
        "?$select=id,subject&$expand=subject&$count=true"
    );
}

#[test]
fn string_values_are_quoted_escaped_and_encoded() {
    assert_eq!(filter::quote("O'Brien"), "'O''Brien'");
    assert_eq!(filter::subject_id_eq("a'b"), "subject/id eq 'a''b'");
    let q = ODataQuery::new().filter(filter::subject_id_eq("x&y=z #1+é"));
    assert_eq!(
        q.to_query_string(),
        "?$filter=subject/id%20eq%20'x%26y%3Dz%20%231%2B%C3%A9'"
    );
    assert_eq!(filter::status_in(&[]), None);
    assert_eq!(
        filter::status_in(&[ProcessingStatus::Failed, ProcessingStatus::Failed]).as_deref(),
        Some("processingStatus eq 'failed'")
    );
    assert_eq!(
        filter::status_in(&[ProcessingStatus::Unknown("new'one".into())]).as_deref(),
        Some("processingStatus eq 'new''one'")
    );
}

#[test]
fn endpoint_paths_cover_the_api_and_encode_ids() {
    let base = GraphBase::new("https://graph.microsoft.com/v1.0/", ApiVersion::Beta);
    assert_eq!(base.root(), "https://graph.microsoft.com");
    assert_eq!(
        base.url(&paths::run_summary("wf", jan(1), jan(31)), ""),
        "https://graph.microsoft.com/beta/identityGovernance/lifecycleWorkflows/workflows/wf/runs/summary(startDateTime=2024-01-01T00:00:00Z,endDateTime=2024-01-31T00:00:00Z)"
    );
    assert_eq!(
        paths::run_user_task_results("w", "r", "u"),
        "/identityGovernance/lifecycleWorkflows/workflows/w/runs/r/userProcessingResults/u/taskProcessingResults"
    );
    assert_eq!(
        paths::workflow("a/b?c"),
        "/identityGovernance/lifecycleWorkflows/workflows/a%2Fb%3Fc"
    );
    assert_eq!(
        paths::deleted_workflows(),
        "/identityGovernance/lifecycleWorkflows/deletedItems/workflows"
    );
    assert!(paths::user_summary("w", jan(1), jan(2)).ends_with("/workflows/w/userProcessingResults/summary(startDateTime=2024-01-01T00:00:00Z,endDateTime=2024-01-02T00:00:00Z)"));
    assert!(paths::task_report_summary("w", jan(1), jan(2))
        .contains("/taskReports/summary(startDateTime="));
    assert_eq!(
        paths::run_task_results("w", "r"),
        "/identityGovernance/lifecycleWorkflows/workflows/w/runs/r/taskProcessingResults"
    );
    assert_eq!(paths::batch(), "/$batch");
    assert_eq!(ApiVersion::parse(" V1.0 "), Some(ApiVersion::V1));
    assert_eq!(ApiVersion::parse("v2"), None);
}

#[test]
fn seed_request_urls_are_reproduced_by_the_path_builders() {
    let base = GraphBase::new("https://graph.microsoft.com", ApiVersion::Beta);
    let url = base.url(
        &paths::run_user_result(
            "14879e66-9ea9-48d0-804d-8fea672d0341",
            "dad77a47-6eda-4de7-bc37-fe8eb5aaf17d",
            "78b83505-6967-4168-a7ea-4921c0543ce9",
        ),
        "",
    );
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("fixtures/seeds/002_058e3814b5a6d5fe__1.json"),
        )
        .expect("fixture"),
    )
    .expect("json");
    assert_eq!(Some(url.as_str()), fixture["url"].as_str());
}

#[test]
fn graph_error_json_is_read() {
    let body = r#"{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges","innerError":{"date":"2024-01-01T00:00:00","request-id":"rid-body","client-request-id":"cid"}}}"#;
    let err = GraphError::from_response(403, body, None);
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert_eq!(err.code.as_deref(), Some("Authorization_RequestDenied"));
    assert_eq!(err.message.as_deref(), Some("Insufficient privileges"));
    assert_eq!(err.request_id.as_deref(), Some("rid-body"));
    assert_eq!(err.client_request_id.as_deref(), Some("cid"));
    // Graph's layer names the call, not permissions (auth::permissions does).
    assert!(err
        .user_message()
        .starts_with("Access denied: the token lacks a permission"));
    assert!(err
        .user_message()
        .ends_with("Microsoft Graph says: Insufficient privileges"));
    let during = err.clone().during(lifecycle_viewer::graph::Call::ListRuns);
    assert!(during
        .user_message()
        .starts_with("Access denied to GET workflows/{id}/runs (the runs of a workflow)"));
    assert!(!err.is_retryable());
    let with_header = GraphError::from_response(403, body, Some("rid-header".into()));
    assert_eq!(with_header.request_id.as_deref(), Some("rid-header"));
    assert!(err.support_details().contains("request-id: rid-body"));
}

#[test]
fn non_graph_bodies_become_errors_too() {
    let html = GraphError::from_response(
        502,
        "<html><head><title>Bad Gateway</title></head><body>x</body></html>",
        None,
    );
    assert_eq!(html.kind, ErrorKind::Server);
    assert_eq!(html.message.as_deref(), Some("Bad Gateway"));
    let empty = GraphError::from_response(404, "", None);
    assert_eq!(empty.kind, ErrorKind::NotFound);
    assert_eq!(empty.message, None);
    let other = GraphError::from_response(400, r#"{"hello":"world"}"#, None);
    assert_eq!(other.kind, ErrorKind::BadRequest);
    assert_eq!(other.code, None);
    assert!(other.message.is_some());
    let oauth = GraphError::from_response(
        401,
        r#"{"error":"invalid_token","error_description":"expired"}"#,
        None,
    );
    assert_eq!(oauth.code.as_deref(), Some("invalid_token"));
    assert!(oauth.needs_sign_in());
    let long = GraphError::from_response(500, &"x".repeat(5000), None);
    assert!(long.message.as_deref().map_or(0, |m| m.chars().count()) <= 201);
    for status in [429, 503, 504] {
        assert!(
            GraphError::from_response(status, "", None).is_retryable(),
            "{status}"
        );
    }
    for status in [400, 401, 403, 404, 500] {
        assert!(
            !GraphError::from_response(status, "", None).is_retryable(),
            "{status}"
        );
    }
    assert_eq!(GraphError::network("x").kind, ErrorKind::Network);
    assert!(GraphError::network("x").user_message().contains("CORS"));
    assert!(GraphError::timeout().is_retryable());
}

#[test]
fn secrets_are_redacted_from_errors() {
    let token = "eyJsecret.token.value";
    let err = GraphError::from_response(
        401,
        &format!(
            r#"{{"error":{{"code":"InvalidAuthenticationToken","message":"bad token {token}"}}}}"#
        ),
        None,
    )
    .redact(token);
    assert!(!format!("{err:?} {err}").contains(token));
}

#[test]
fn backoff_grows_is_capped_and_jittered_within_bounds() {
    let policy = RetryPolicy::default();
    let mut previous_ceiling = Duration::ZERO;
    for retry in 0..12 {
        let low = policy.backoff(retry, 0.0);
        let high = policy.backoff(retry, 1.0);
        assert!(low <= high);
        assert!(high <= policy.max_delay, "retry {retry}: {high:?}");
        assert!(high >= previous_ceiling.min(policy.max_delay));
        assert!(low * 2 >= high - Duration::from_millis(1));
        previous_ceiling = high;
    }
    assert_eq!(policy.backoff(100, f64::NAN), policy.backoff(100, 0.5));
    let throttled = GraphError::from_response(429, "", None);
    let attempts: Vec<_> = (1..=10)
        .map(|n| policy.delay_before_retry(n, &throttled, 0.5))
        .collect();
    let allowed = attempts.iter().filter(|d| d.is_some()).count();
    assert_eq!(allowed as u32, policy.max_attempts - 1);
    let forbidden = GraphError::from_response(403, "", None);
    assert_eq!(policy.delay_before_retry(1, &forbidden, 0.5), None);
    assert_eq!(
        RetryPolicy::none().delay_before_retry(1, &throttled, 0.5),
        None
    );
}

#[test]
fn retry_after_is_honoured_and_capped() {
    let policy = RetryPolicy::default();
    let mut err = GraphError::from_response(429, "", None);
    err.retry_after = Some(Duration::from_secs(7));
    assert_eq!(
        policy.delay_before_retry(1, &err, 0.0),
        Some(Duration::from_secs(7))
    );
    err.retry_after = Some(Duration::from_secs(100_000));
    assert_eq!(
        policy.delay_before_retry(1, &err, 0.0),
        Some(policy.max_retry_after)
    );
    assert_eq!(parse_retry_after(" 12 "), Some(Duration::from_secs(12)));
    assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    assert_eq!(parse_retry_after("-3"), None);
    assert_eq!(parse_retry_after("1.5"), Some(Duration::from_millis(1_500)));
    assert_eq!(parse_retry_after(".25"), Some(Duration::from_millis(250)));
    assert_eq!(parse_retry_after("7."), Some(Duration::from_secs(7)));
    assert_eq!(
        parse_retry_after("86399.1234567891"),
        Some(Duration::new(86_399, 123_456_789))
    );
    assert_eq!(parse_retry_after("86400"), None);
    assert_eq!(parse_retry_after("99999999999999999999999"), None);
    for unreadable in ["", ".", "1.2.3", "1e3", "+5", "5 s", "0x10", "١٢"] {
        assert_eq!(parse_retry_after(unreadable), None, "{unreadable}");
    }
}

fn page(rows: usize, next: Option<&str>) -> Page<Run> {
    Page {
        value: vec![Run::default(); rows],
        next_link: next.map(str::to_string),
        count: None,
        skipped_rows: 0,
    }
}

#[test]
fn pager_follows_links_until_absent() {
    let cancel = CancelFlag::new();
    let mut pager = Pager::new("https://graph.microsoft.com/v1.0/x");
    assert_eq!(
        pager.next_url(&cancel).as_deref(),
        Some("https://graph.microsoft.com/v1.0/x")
    );
    pager
        .record(&page(
            3,
            Some("https://graph.microsoft.com/v1.0/x?$skiptoken=A"),
        ))
        .expect("p1");
    assert_eq!(
        pager.next_url(&cancel).as_deref(),
        Some("https://graph.microsoft.com/v1.0/x?$skiptoken=A")
    );
    let progress = pager.record(&page(2, None)).expect("p2").clone();
    assert_eq!(
        (progress.loaded, progress.pages, progress.done),
        (5, 2, true)
    );
    assert_eq!(pager.next_url(&cancel), None);
}

#[test]
fn pager_stops_on_cancel_foreign_hosts_and_loops() {
    let cancel = CancelFlag::new();
    let mut pager = Pager::new("https://graph.microsoft.com/v1.0/x");
    pager
        .record(&page(1, Some("https://graph.microsoft.com/v1.0/x?n=2")))
        .expect("p1");
    cancel.clone().cancel();
    assert_eq!(pager.next_url(&cancel), None);
    assert!(pager.progress().stopped);
    assert!(!pager.progress().done);

    let mut foreign = Pager::new("https://graph.microsoft.com/v1.0/x");
    assert!(foreign
        .record(&page(1, Some("https://evil.example/steal")))
        .is_err());
    assert_eq!(foreign.next_url(&CancelFlag::new()), None);

    let mut looping = Pager::new("https://graph.microsoft.com/v1.0/x");
    looping
        .record(&page(1, Some("https://graph.microsoft.com/v1.0/x?n=2")))
        .expect("p1");
    assert!(looping
        .record(&page(1, Some("https://graph.microsoft.com/v1.0/x?n=2")))
        .is_err());
}

#[test]
fn batches_hold_at_most_twenty_unique_users() {
    let ids: Vec<String> = (0..45)
        .map(|i| format!("u{}", i % 41))
        .chain([String::new(), " ".into()])
        .collect();
    let batches = user_lookup_batches(&ids);
    assert_eq!(batches.len(), 3);
    assert!(batches.iter().all(|b| b.requests.len() <= MAX_BATCH));
    assert_eq!(batches.iter().map(|b| b.requests.len()).sum::<usize>(), 41);
    assert_eq!(
        batches[0].requests[0].url,
        "/users/u0?$select=id,displayName,userPrincipalName"
    );
    let body: serde_json::Value = serde_json::from_str(&batches[0].to_json()).expect("json");
    assert_eq!(body["requests"][0]["method"], "GET");
}

#[test]
fn batch_answers_fill_the_cache_and_ask_to_retry_throttled_ids() {
    let ids: Vec<String> = ["a", "b", "c", "d"].iter().map(|s| s.to_string()).collect();
    let batch = user_lookup_batches(&ids).remove(0);
    let answer: BatchResponse = parse_json(r#"{"responses":[
        {"id":"a","status":200,"headers":{},"body":{"id":"a","displayName":"Ann","userPrincipalName":"ann@x"}},
        {"id":"b","status":404,"body":{"error":{"code":"Request_ResourceNotFound","message":"gone"}}},
        {"id":"c","status":429,"headers":{"retry-after":"9"},"body":{}}
    ]}"#).expect("batch");
    let mut cache = UserCache::new();
    let outcome = cache.apply(&batch, &answer);
    assert_eq!(outcome.resolved, 2);
    assert_eq!(outcome.retry, vec!["c".to_string(), "d".to_string()]);
    assert_eq!(outcome.retry_after, Some(Duration::from_secs(9)));
    assert!(outcome.fatal.is_none());
    assert_eq!(
        cache.get("a").and_then(|u| u.display_name.as_deref()),
        Some("Ann")
    );
    assert!(cache.is_known("b") && cache.get("b").is_none());
    assert_eq!(
        cache.missing(["a", "b", "c", "c", "d"]),
        vec!["c".to_string(), "d".to_string()]
    );

    let denied: BatchResponse = parse_json(r#"{"responses":[{"id":"c","status":403,"body":{"error":{"code":"Authorization_RequestDenied"}}}]}"#).expect("denied");
    let outcome = cache.apply(&user_lookup_batches(&["c".to_string()]).remove(0), &denied);
    assert_eq!(outcome.fatal.map(|e| e.kind), Some(ErrorKind::Forbidden));
}

#[test]
fn client_request_ids_are_uuid_v4() {
    let id = uuid_v4([0xff; 16]);
    assert_eq!(id.len(), 36);
    assert_eq!(id.chars().nth(14), Some('4'));
    assert!(matches!(id.chars().nth(19), Some('8' | '9' | 'a' | 'b')));
    assert_ne!(uuid_v4([0; 16]), uuid_v4([1; 16]));
}

proptest! {
    #[test]
    fn odata_builder_never_panics_and_encodes_everything(value in ".{0,40}", prop in "[a-zA-Z/]{1,20}") {
        let q = ODataQuery::new().filter(filter::eq_str(&prop, &value)).top(5);
        let s = q.to_query_string();
        prop_assert!(s.is_ascii());
        prop_assert!(!s.contains(' ') && !s.contains('#'));
        prop_assert_eq!(s.matches('&').count(), 1);
    }

    #[test]
    fn error_reading_never_panics(status in 0u16..1000, body in ".{0,200}") {
        let err = GraphError::from_response(status, &body, None);
        prop_assert!(!err.user_message().is_empty());
    }
}
