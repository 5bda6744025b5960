//! `GraphClient` over a scripted transport: retries, paging callbacks,
//! keeping rows when a later page fails, cancel, user resolution.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use lifecycle_viewer::auth::Secret;
use lifecycle_viewer::graph::{
    ApiVersion, CancelFlag, ErrorKind, GraphBase, GraphClient, GraphError, HttpRequest,
    HttpResponse, RenewFuture, RenewHook, RenewReason, Renewer, ResultQuery, RetryObserver,
    Transport,
};
use lifecycle_viewer::model::Run;

type Reply = Result<HttpResponse, GraphError>;

#[derive(Clone, Default)]
struct Script {
    replies: Arc<Mutex<VecDeque<Reply>>>,
    sent: Arc<Mutex<Vec<HttpRequest>>>,
    slept: Arc<Mutex<Vec<Duration>>>,
    tokens: Arc<Mutex<Vec<String>>>,
}

impl Script {
    fn new(replies: Vec<Reply>) -> Self {
        let s = Script::default();
        s.replies.lock().expect("lock").extend(replies);
        s
    }
    fn sent_urls(&self) -> Vec<String> {
        self.sent
            .lock()
            .expect("lock")
            .iter()
            .map(|r| r.url.clone())
            .collect()
    }
}

impl Transport for Script {
    fn send(&self, request: &HttpRequest, token: &Secret) -> impl Future<Output = Reply> {
        assert!(!request.url.contains(token.expose()), "token in URL");
        self.sent.lock().expect("lock").push(request.clone());
        self.tokens
            .lock()
            .expect("lock")
            .push(token.expose().to_string());
        let reply = self
            .replies
            .lock()
            .expect("lock")
            .pop_front()
            .unwrap_or_else(|| Err(GraphError::network("script exhausted")));
        std::future::ready(reply)
    }
    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> {
        self.slept.lock().expect("lock").push(delay);
        std::future::ready(())
    }
    fn jitter(&self) -> f64 {
        0.5
    }
}

fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

fn ok(body: &str) -> Reply {
    Ok(HttpResponse {
        status: 200,
        body: body.to_string(),
        request_id: Some("rid".into()),
        client_request_id: Some("cid".into()),
    })
}

fn status(code: u16, body: &str) -> Reply {
    Ok(HttpResponse {
        status: code,
        body: body.to_string(),
        request_id: Some("rid".into()),
        client_request_id: Some("cid".into()),
    })
}

fn client(script: &Script) -> GraphClient<Script> {
    GraphClient::with_transport(
        GraphBase::new("https://graph.microsoft.com", ApiVersion::V1),
        Secret::new("Bearer token-123"),
        script.clone(),
    )
}

const BASE: &str =
    "https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows/wf/runs";

#[test]
fn throttled_calls_are_retried_with_backoff_then_succeed() {
    let script = Script::new(vec![
        status(429, ""),
        status(503, ""),
        ok(r#"{"id":"r1","totalTasksCount":2}"#),
    ]);
    let run = block_on(client(&script).get_run("wf", "r1")).expect("run");
    assert_eq!(run.total_tasks(), Some(2));
    assert_eq!(script.sent_urls().len(), 3);
    let slept = script.slept.lock().expect("lock").clone();
    assert_eq!(slept.len(), 2);
    assert!(slept[1] >= slept[0]);
}

#[test]
fn the_retry_observer_hears_each_pause_before_it_starts() {
    let script = Script::new(vec![status(429, ""), status(429, ""), ok(r#"{"id":"r1"}"#)]);
    let heard: Arc<Mutex<Vec<(ErrorKind, Duration)>>> = Arc::default();
    let log = Arc::clone(&heard);
    let observer = RetryObserver::new(move |e, delay| {
        log.lock().expect("lock").push((e.kind, delay));
    });
    block_on(
        client(&script)
            .with_retry_observer(observer)
            .get_run("wf", "r1"),
    )
    .expect("run");
    let heard = heard.lock().expect("lock").clone();
    let slept = script.slept.lock().expect("lock").clone();
    assert_eq!(heard.len(), 2);
    assert!(heard.iter().all(|(kind, _)| *kind == ErrorKind::Throttled));
    let delays: Vec<Duration> = heard.iter().map(|(_, d)| *d).collect();
    assert_eq!(delays, slept);
}

#[test]
fn retries_are_bounded() {
    let script = Script::new((0..20).map(|_| status(429, "")).collect());
    let err = block_on(client(&script).get_run("wf", "r1")).expect_err("gives up");
    assert_eq!(err.kind, ErrorKind::Throttled);
    assert_eq!(script.sent_urls().len(), 5);
}

#[test]
fn errors_carry_ids_and_are_not_retried_when_permanent() {
    let script = Script::new(vec![status(
        403,
        r#"{"error":{"code":"Authorization_RequestDenied","message":"no"}}"#,
    )]);
    let err = block_on(client(&script).get_run("wf", "r1")).expect_err("403");
    assert_eq!(err.kind, ErrorKind::Forbidden);
    assert_eq!(err.request_id.as_deref(), Some("rid"));
    assert_eq!(err.client_request_id.as_deref(), Some("cid"));
    assert_eq!(script.sent_urls().len(), 1);
}

#[test]
fn malformed_success_bodies_are_errors() {
    let script = Script::new(vec![ok("<html>login</html>")]);
    let err = block_on(client(&script).get_run("wf", "r1")).expect_err("html");
    assert_eq!(err.kind, ErrorKind::MalformedBody);
}

#[test]
fn pages_are_delivered_one_by_one_and_kept_when_a_later_page_fails() {
    let next = format!("{BASE}?$skiptoken=2");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"value":[{{"id":"a"}},{{"id":"b"}}],"@odata.nextLink":"{next}"}}"#
        )),
        status(404, ""),
    ]);
    let mut rows: Vec<Run> = Vec::new();
    let mut seen = Vec::new();
    let result = block_on(client(&script).list_runs(
        "wf",
        &ResultQuery::default(),
        &CancelFlag::new(),
        |page, progress| {
            rows.extend(page);
            seen.push(progress.loaded);
        },
    ));
    let err = result.expect_err("second page fails");
    assert_eq!(err.kind, ErrorKind::NotFound);
    // The failed page's link is kept, so loading can resume there.
    assert_eq!(err.resume_from.as_deref(), Some(next.as_str()));
    assert_eq!(rows.len(), 2);
    assert_eq!(seen, vec![2]);
    assert_eq!(script.sent_urls(), vec![BASE.to_string(), next.clone()]);
}

#[test]
fn a_resumed_load_continues_from_the_failed_page_without_repeating_rows() {
    let first = format!("{BASE}?$skiptoken=2");
    let last = format!("{BASE}?$skiptoken=3");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"value":[{{"id":"c"}}],"@odata.nextLink":"{last}"}}"#
        )),
        ok(r#"{"value":[{"id":"d"}]}"#),
    ]);
    let mut ids: Vec<String> = Vec::new();
    let progress = block_on(client(&script).get_pages(
        first.clone(),
        &CancelFlag::new(),
        |page: Vec<Run>, _| ids.extend(page.into_iter().map(|r| r.id)),
    ))
    .expect("both pages load");
    assert_eq!(ids, vec!["c", "d"]);
    assert!(progress.done);
    assert_eq!(script.sent_urls(), vec![first, last]);
}

#[test]
fn paging_ends_without_next_link_and_stops_on_cancel() {
    let next = format!("{BASE}?$skiptoken=2");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"value":[{{"id":"a"}}],"@odata.nextLink":"{next}"}}"#
        )),
        ok(r#"{"value":[{"id":"b"},{"id":"c"}]}"#),
    ]);
    let mut loaded = 0;
    let done = block_on(client(&script).list_runs(
        "wf",
        &ResultQuery::default(),
        &CancelFlag::new(),
        |page, _| loaded += page.len(),
    ))
    .expect("done");
    assert!(done.done);
    assert_eq!((done.loaded, done.pages, loaded), (3, 2, 3));

    let script = Script::new(vec![ok(&format!(
        r#"{{"value":[{{"id":"a"}}],"@odata.nextLink":"{next}"}}"#
    ))]);
    let cancel = CancelFlag::new();
    let stopper = cancel.clone();
    let mut delivered = 0;
    let progress =
        block_on(
            client(&script).list_runs("wf", &ResultQuery::default(), &cancel, |page, _| {
                delivered += page.len();
                stopper.cancel();
            }),
        )
        .expect("stopped");
    assert!(progress.stopped && !progress.done);
    // The next page was asked for ahead; after Stop nothing of it is used
    // (in the browser, dropping its future aborts the fetch).
    assert_eq!(script.sent_urls(), vec![BASE.to_string(), next]);
    assert_eq!((progress.loaded, delivered), (1, 1));
}

#[test]
fn the_next_page_is_asked_for_before_this_one_is_delivered() {
    let second = format!("{BASE}?$skiptoken=2");
    let third = format!("{BASE}?$skiptoken=3");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"@odata.nextLink":"{second}","value":[{{"id":"a"}}]}}"#
        )),
        ok(&format!(
            r#"{{"value":[{{"id":"b"}}],"@odata.nextLink":"{third}"}}"#
        )),
        ok(r#"{"value":[{"id":"c"}]}"#),
    ]);
    let mut sent_when_delivered = Vec::new();
    let mut ids = Vec::new();
    let progress = block_on(client(&script).get_pages(
        BASE.to_string(),
        &CancelFlag::new(),
        |page: Vec<Run>, _| {
            sent_when_delivered.push(script.sent_urls().len());
            ids.extend(page.into_iter().map(|r| r.id));
        },
    ))
    .expect("three pages");
    assert!(progress.done);
    assert_eq!(ids, vec!["a", "b", "c"]);
    assert_eq!(
        sent_when_delivered,
        vec![2, 3, 3],
        "each page's successor was on its way first"
    );
    assert_eq!(script.sent_urls(), vec![BASE.to_string(), second, third]);
}

#[test]
fn a_link_guessed_from_the_body_is_checked_against_the_parsed_page() {
    let decoy = format!("{BASE}?$skiptoken=decoy");
    let real = format!("{BASE}?$skiptoken=2");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"value":[{{"id":"a","extra":{{"@odata.nextLink":"{decoy}"}}}}],"@odata.nextLink":"{real}"}}"#
        )),
        ok(r#"{"value":[{"id":"never-delivered"}]}"#),
        ok(r#"{"value":[{"id":"b"}]}"#),
    ]);
    let mut ids = Vec::new();
    block_on(client(&script).get_pages(
        BASE.to_string(),
        &CancelFlag::new(),
        |page: Vec<Run>, _| ids.extend(page.into_iter().map(|r| r.id)),
    ))
    .expect("two pages");
    assert_eq!(ids, vec!["a", "b"]);
    assert_eq!(script.sent_urls(), vec![BASE.to_string(), decoy, real]);
}

#[test]
fn a_page_asked_ahead_that_fails_is_where_loading_resumes() {
    let second = format!("{BASE}?$skiptoken=2");
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"@odata.nextLink":"{second}","value":[{{"id":"a"}}]}}"#
        )),
        status(404, ""),
    ]);
    let mut ids = Vec::new();
    let err = block_on(client(&script).get_pages(
        BASE.to_string(),
        &CancelFlag::new(),
        |page: Vec<Run>, _| ids.extend(page.into_iter().map(|r| r.id)),
    ))
    .expect_err("second page fails");
    assert_eq!(ids, vec!["a"]);
    assert_eq!(err.resume_from.as_deref(), Some(second.as_str()));
}

#[test]
fn users_are_resolved_by_batch_and_cached() {
    let script = Script::new(vec![ok(
        r#"{"responses":[{"id":"u1","status":200,"body":{"id":"u1","displayName":"Ann"}},{"id":"u2","status":404,"body":{}}]}"#,
    )]);
    let client = client(&script);
    let ids = vec!["u1".to_string(), "u2".to_string(), "u1".to_string()];
    let users = block_on(client.resolve_users(&ids)).expect("users");
    assert_eq!(users.len(), 2, "u1 twice, u2 not found");
    assert_eq!(
        client.cached_user("u1").and_then(|u| u.display_name),
        Some("Ann".into())
    );
    let again = block_on(client.resolve_users(&ids)).expect("cached");
    assert_eq!(again.len(), 2);
    assert_eq!(
        script.sent_urls(),
        vec!["https://graph.microsoft.com/v1.0/$batch".to_string()]
    );
    let sent = script.sent.lock().expect("lock")[0]
        .body
        .clone()
        .unwrap_or_default();
    assert!(sent.contains("/users/u1?$select=id,displayName,userPrincipalName"));
}

#[test]
fn gets_through_batch_retry_the_throttled_ones_and_keep_each_answer() {
    let script = Script::new(vec![
        ok(r#"{"responses":[
            {"id":"0","status":200,"body":{"totalRuns":3}},
            {"id":"1","status":429,"headers":{"Retry-After":"2"},"body":{"error":{"code":"TooManyRequests","message":"slow"}}},
            {"id":"2","status":403,"body":{"error":{"code":"Forbidden","message":"no"}}}
        ]}"#),
        ok(r#"{"responses":[{"id":"1","status":200,"body":{"totalRuns":5}}]}"#),
    ]);
    let client = client(&script);
    let urls: Vec<String> = ["/a", "/b", "/c"].iter().map(|s| s.to_string()).collect();
    let answers = block_on(client.get_each(&urls)).expect("answers");
    assert_eq!(answers.len(), 3);
    assert_eq!(
        answers[0]
            .as_ref()
            .ok()
            .and_then(|v| v["totalRuns"].as_u64()),
        Some(3)
    );
    assert_eq!(
        answers[1]
            .as_ref()
            .ok()
            .and_then(|v| v["totalRuns"].as_u64()),
        Some(5)
    );
    assert_eq!(answers[2].as_ref().map_err(|e| e.status), Err(Some(403)));
    assert_eq!(
        script.sent_urls().len(),
        2,
        "one batch, then the throttled one again"
    );
    let second = script.sent.lock().expect("lock")[1]
        .body
        .clone()
        .unwrap_or_default();
    assert!(second.contains("\"/b\"") && !second.contains("\"/a\""));
    assert!(script
        .slept
        .lock()
        .expect("lock")
        .iter()
        .any(|d| *d >= Duration::from_secs(2)));
}

#[test]
fn the_native_browser_transport_reports_unsupported() {
    let client = GraphClient::new(
        GraphBase::new("https://graph.microsoft.com", ApiVersion::V1),
        Secret::new("t"),
    );
    let err = block_on(client.get_run("w", "r")).expect_err("native");
    assert_eq!(err.kind, ErrorKind::Unsupported);
}

/// Hands out the scripted tokens in turn and records why it was asked.
#[derive(Clone, Default)]
struct Tokens {
    fresh: Arc<Mutex<VecDeque<Option<String>>>>,
    asked: Arc<Mutex<Vec<RenewReason>>>,
}

impl Renewer for Tokens {
    fn renew(&self, reason: RenewReason) -> RenewFuture {
        self.asked.lock().expect("lock").push(reason);
        let next = self.fresh.lock().expect("lock").pop_front().flatten();
        Box::pin(std::future::ready(next.map(|t| Secret::new(&t))))
    }
}

fn renewing_client(script: &Script, fresh: Vec<Option<&str>>) -> (GraphClient<Script>, Tokens) {
    let tokens = Tokens::default();
    tokens
        .fresh
        .lock()
        .expect("lock")
        .extend(fresh.into_iter().map(|t| t.map(str::to_string)));
    let client = client(script).with_renewer(RenewHook::new(tokens.clone()));
    (client, tokens)
}

#[test]
fn a_401_asks_the_renewer_once_and_retries_with_the_fresh_token() {
    let script = Script::new(vec![
        status(401, r#"{"error":{"code":"InvalidAuthenticationToken"}}"#),
        ok(r#"{"id":"r1"}"#),
    ]);
    let (client, tokens) = renewing_client(&script, vec![Some("token-456")]);
    let run = block_on(client.get_run("wf", "r1")).expect("run after renewal");
    assert_eq!(run.id, "r1");
    assert_eq!(
        *tokens.asked.lock().expect("lock"),
        vec![RenewReason::Expired]
    );
    assert_eq!(
        *script.tokens.lock().expect("lock"),
        vec!["token-123".to_string(), "token-456".to_string()]
    );
}

#[test]
fn a_second_401_after_renewal_is_the_callers_error() {
    let script = Script::new(vec![status(401, ""), status(401, "")]);
    let (client, tokens) = renewing_client(&script, vec![Some("token-456"), Some("token-789")]);
    let err = block_on(client.get_run("wf", "r1")).expect_err("still rejected");
    assert!(err.needs_sign_in());
    assert_eq!(tokens.asked.lock().expect("lock").len(), 1);
}

#[test]
fn without_a_fresh_token_the_401_stands() {
    let script = Script::new(vec![status(401, "")]);
    let (client, _) = renewing_client(&script, vec![None]);
    let err = block_on(client.get_run("wf", "r1")).expect_err("no token");
    assert_eq!(err.kind, ErrorKind::Unauthorized);
    assert_eq!(script.sent_urls().len(), 1);
}

#[test]
fn a_401_mid_load_resumes_with_the_fresh_token_and_keeps_the_rows() {
    let script = Script::new(vec![
        ok(&format!(
            r#"{{"value":[{{"id":"a"}}],"@odata.nextLink":"{BASE}?$skiptoken=2"}}"#
        )),
        status(401, ""),
        ok(r#"{"value":[{"id":"b"}]}"#),
    ]);
    let (client, _) = renewing_client(&script, vec![Some("token-456")]);
    let mut ids = Vec::new();
    block_on(client.list_runs(
        "wf",
        &ResultQuery::default(),
        &CancelFlag::new(),
        |page: Vec<Run>, _| {
            ids.extend(page.into_iter().map(|r| r.id));
        },
    ))
    .expect("whole load");
    assert_eq!(ids, ["a", "b"]);
    let urls = script.sent_urls();
    assert_eq!(urls[1], urls[2], "the page that met the 401 is asked again");
}

#[test]
fn a_token_set_on_one_clone_is_sent_by_the_others() {
    let script = Script::new(vec![ok(r#"{"id":"r1"}"#)]);
    let client = client(&script);
    let clone = client.clone();
    client.set_token(Secret::new("token-new"));
    block_on(clone.get_run("wf", "r1")).expect("run");
    assert_eq!(
        *script.tokens.lock().expect("lock"),
        vec!["token-new".to_string()]
    );
}

#[test]
fn a_403_carries_the_call_that_failed() {
    use lifecycle_viewer::graph::Call;
    let denied = r#"{"error":{"code":"Authorization_RequestDenied","message":"no"}}"#;
    let script = Script::new(vec![status(403, denied)]);
    let err = block_on(client(&script).list_workflows()).expect_err("403");
    assert_eq!(err.call, Some(Call::ListWorkflows));
    assert!(err
        .user_message()
        .starts_with("Access denied to GET workflows (the workflow list)"));

    let script = Script::new(vec![status(403, denied)]);
    let err = block_on(client(&script).get_run("wf", "r1")).expect_err("403");
    assert_eq!(err.call, Some(Call::GetRun));

    // A sub-request of a $batch carries its own call, not the batch's.
    let script = Script::new(vec![ok(r#"{"responses":[
        {"id":"0","status":403,"body":{"error":{"code":"Authorization_RequestDenied","message":"no"}}}
    ]}"#)]);
    let urls = vec!["/identityGovernance/lifecycleWorkflows/workflows/wf/runs?$top=1".to_string()];
    let answers = block_on(client(&script).get_each(&urls)).expect("answers");
    assert_eq!(
        answers[0].as_ref().map_err(|e| e.call),
        Err(Some(Call::ListRuns))
    );
}
