//! `GraphClient`: typed calls for every screen. Single requests retry
//! transient failures; collections are delivered page by page through a
//! callback, so rows already shown stay when a later page fails.
//!
//! ```no_run
//! # async fn demo(client: lifecycle_viewer::graph::GraphClient) {
//! use lifecycle_viewer::graph::{CancelFlag, ResultQuery};
//! let cancel = CancelFlag::new();
//! let mut rows = Vec::new();
//! let result = client
//!     .list_runs("wf-id", &ResultQuery::default(), &cancel, |page, progress| {
//!         rows.extend(page);
//!         let _ = progress.loaded; // "Loaded 2,400 results…"
//!     })
//!     .await;
//! # }
//! ```

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::batch::{
    get_batches, get_outcome, user_lookup_batches, BatchRequest, BatchResponse, UserCache,
};
use super::call::Call;
use super::endpoints::{paths, GraphBase};
use super::error::GraphError;
use super::odata::{ODataQuery, ResultQuery};
use super::paging::{peek_next_link, CancelFlag, Pager, Progress};
use super::retry::{RetryObserver, RetryPolicy};
use super::secret::Secret;
use super::token::{RenewHook, RenewReason, TokenSlot};
use super::transport::{BrowserTransport, HttpRequest, HttpResponse, Transport};
use crate::model::definition::TaskDefinition;
use crate::model::{
    parse_json, GraphUser, Page, Run, RunSummary, TaskProcessingResult, TaskReport,
    UserProcessingResult, Workflow,
};

/// Most rounds of re-asking throttled ids in one `resolve_users` call.
const MAX_BATCH_ROUNDS: u32 = 4;

/// A Graph client; clones share the user cache. `T` is the transport
/// (the browser's fetch by default; a fake in tests).
#[derive(Debug, Clone)]
pub struct GraphClient<T: Transport = BrowserTransport> {
    base: GraphBase,
    token: TokenSlot,
    /// Asked once for a fresh token after a 401, when installed.
    renew: Option<RenewHook>,
    transport: T,
    retry: RetryPolicy,
    users: Arc<Mutex<UserCache>>,
    /// Told before each retry's pause.
    observer: Option<RetryObserver>,
}

impl GraphClient<BrowserTransport> {
    /// A client that calls `base` with `token` through the browser.
    pub fn new(base: GraphBase, token: Secret) -> Self {
        Self::with_transport(base, token, BrowserTransport)
    }
}

impl<T: Transport> GraphClient<T> {
    /// A client over any transport.
    pub fn with_transport(base: GraphBase, token: Secret, transport: T) -> Self {
        GraphClient {
            base,
            token: TokenSlot::new(token),
            renew: None,
            transport,
            retry: RetryPolicy::default(),
            users: Arc::new(Mutex::new(UserCache::new())),
            observer: None,
        }
    }

    /// The same client, telling `observer` of every pause before a retry.
    pub fn with_retry_observer(mut self, observer: RetryObserver) -> Self {
        self.observer = Some(observer);
        self
    }

    /// Root and version this client calls.
    pub fn base(&self) -> &GraphBase {
        &self.base
    }

    /// This client, asking `hook` for a fresh token after a 401 (once per
    /// request) and retrying the request with it.
    pub fn with_renewer(mut self, hook: RenewHook) -> Self {
        self.renew = Some(hook);
        self
    }

    /// Replaces the token of this client and every clone (loads in flight
    /// send the new one from their next request).
    pub fn set_token(&self, token: Secret) {
        self.token.set(token);
    }

    fn users(&self) -> MutexGuard<'_, UserCache> {
        self.users.lock().unwrap_or_else(|e| e.into_inner())
    }

    // ----- plumbing -------------------------------------------------------

    /// Sends with retries on 429/503/504/time-out; non-2xx becomes `Err`.
    /// A 401 is retried once with a fresh token when a renewer is installed
    /// (or when another request already renewed the token meanwhile).
    pub async fn send(&self, request: &HttpRequest) -> Result<HttpResponse, GraphError> {
        let mut attempts = 0u32;
        let mut renewed = false;
        loop {
            attempts += 1;
            let token = self.token.get();
            let err = match self.transport.send(request, &token).await {
                Ok(resp) if (200..300).contains(&resp.status) => return Ok(resp),
                Ok(resp) => GraphError::from_response(resp.status, &resp.body, resp.request_id)
                    .with_ids(None, resp.client_request_id),
                Err(err) => err,
            };
            let err = err.redact(token.expose());
            if err.needs_sign_in() && !renewed {
                renewed = true;
                if self.fresh_token_after_401(&token).await {
                    continue;
                }
            }
            match self
                .retry
                .delay_before_retry(attempts, &err, self.transport.jitter())
            {
                Some(delay) => {
                    if let Some(observer) = &self.observer {
                        observer.notify(&err, delay);
                    }
                    self.transport.sleep(delay).await
                }
                None => return Err(err.during(Call::of(request.method, &request.url))),
            }
        }
    }

    /// Sends a write exactly once: no retry on 429/5xx/time-out, since
    /// Graph may have acted on a request whose answer was lost (a second
    /// `activate` would start a second run). Only a 401 (nothing done) is
    /// sent again, once, after the token is renewed.
    pub async fn send_once(&self, request: &HttpRequest) -> Result<HttpResponse, GraphError> {
        let mut renewed = false;
        loop {
            let token = self.token.get();
            let err = match self.transport.send(request, &token).await {
                Ok(resp) if (200..300).contains(&resp.status) => return Ok(resp),
                Ok(resp) => GraphError::from_response(resp.status, &resp.body, resp.request_id)
                    .with_ids(None, resp.client_request_id),
                Err(err) => err,
            };
            let err = err.redact(token.expose());
            if err.needs_sign_in() && !renewed {
                renewed = true;
                if self.fresh_token_after_401(&token).await {
                    continue;
                }
            }
            return Err(err.during(Call::of(request.method, &request.url)));
        }
    }

    /// After a 401 with `sent`: whether a different token is now in the
    /// slot, asking the renewer for one unless another request already did.
    async fn fresh_token_after_401(&self, sent: &Secret) -> bool {
        if self.token.get() != *sent {
            return true;
        }
        let Some(hook) = &self.renew else {
            return false;
        };
        match hook.renew(RenewReason::Expired).await {
            Some(fresh) if !fresh.is_empty() && fresh != *sent => {
                self.token.set(fresh);
                true
            }
            _ => false,
        }
    }

    /// GETs `url` and parses the body as `R`.
    pub async fn get_json<R: DeserializeOwned + 'static>(
        &self,
        url: &str,
    ) -> Result<R, GraphError> {
        let resp = self.send(&HttpRequest::get(url)).await?;
        parse_json(&resp.body).map_err(|e| malformed(&resp, e.0))
    }

    pub(super) async fn get_page<R: DeserializeOwned + 'static>(
        &self,
        url: &str,
    ) -> Result<Page<R>, GraphError> {
        let resp = self.send(&HttpRequest::get(url)).await?;
        Page::parse(&resp.body).map_err(|e| malformed(&resp, e.0))
    }

    /// Follows `@odata.nextLink` from `first_url` until absent or `cancel`
    /// is set, calling `on_page(rows, progress)` for every page, in order.
    /// The next page is asked for as soon as its link is known (read from
    /// the body before it is parsed), so the network works while this page
    /// is parsed and delivered; a page asked ahead is used only when the
    /// parsed page names the same link, and is dropped unread after a Stop.
    /// On a failed page the rows already delivered stay delivered and
    /// `Err` is returned, resuming at the failed page.
    pub async fn get_pages<R, F>(
        &self,
        first_url: String,
        cancel: &CancelFlag,
        mut on_page: F,
    ) -> Result<Progress, GraphError>
    where
        R: DeserializeOwned + 'static,
        F: FnMut(Vec<R>, &Progress),
    {
        let mut pager = Pager::new(first_url);
        let Some(mut url) = pager.next_url(cancel) else {
            return Ok(pager.progress().clone());
        };
        let mut response = self.get_text(&url).await?;
        loop {
            let ahead = peek_next_link(&response.body)
                .filter(|link| pager.may_follow(link) && !cancel.is_cancelled())
                .map(str::to_string);
            let (following, fetched) = match ahead {
                Some(link) => {
                    let (fetched, handled) = futures::join!(self.get_text(&link), async {
                        deliver(&mut pager, &response, &url, cancel, &mut on_page)
                    });
                    (handled?, Some((link, fetched)))
                }
                None => (
                    deliver(&mut pager, &response, &url, cancel, &mut on_page)?,
                    None,
                ),
            };
            let Some(next) = following else {
                return Ok(pager.progress().clone());
            };
            response = match fetched {
                Some((link, fetched)) if link == next => fetched?,
                _ => self.get_text(&next).await?,
            };
            url = next;
        }
    }

    /// GETs one page's text; an error resumes at `url`.
    async fn get_text(&self, url: &str) -> Result<HttpResponse, GraphError> {
        self.send(&HttpRequest::get(url))
            .await
            .map_err(|err| err.resuming_at(url))
    }

    /// Every row of a (small) collection.
    pub async fn get_all<R: DeserializeOwned + 'static>(
        &self,
        first_url: String,
    ) -> Result<Vec<R>, GraphError> {
        let mut rows = Vec::new();
        self.get_pages(first_url, &CancelFlag::new(), |page, _| rows.extend(page))
            .await?;
        Ok(rows)
    }

    pub(super) fn url(&self, path: &str, query: &ODataQuery) -> String {
        self.base.url_with(path, query)
    }

    // ----- workflows ------------------------------------------------------

    /// All workflows (needs a workflow-list permission).
    pub async fn list_workflows(&self) -> Result<Vec<Workflow>, GraphError> {
        self.get_all(self.url(&paths::workflows(), &ODataQuery::new()))
            .await
    }

    /// One workflow.
    pub async fn get_workflow(&self, wf: &str) -> Result<Workflow, GraphError> {
        self.get_json(&self.url(&paths::workflow(wf), &ODataQuery::new()))
            .await
    }

    /// One workflow's definition: with its tasks and who created and last
    /// changed it (`$expand=tasks,createdBy,lastModifiedBy`).
    pub async fn get_workflow_definition(&self, wf: &str) -> Result<Workflow, GraphError> {
        let query = ODataQuery::new()
            .expand("tasks")
            .expand("createdBy")
            .expand("lastModifiedBy");
        self.get_json(&self.url(&paths::workflow(wf), &query)).await
    }

    /// The built-in task definitions, page by page.
    pub async fn list_task_definitions<F>(
        &self,
        cancel: &CancelFlag,
        on_page: F,
    ) -> Result<Progress, GraphError>
    where
        F: FnMut(Vec<TaskDefinition>, &Progress),
    {
        let url = self.url(&paths::task_definitions(), &ODataQuery::new());
        self.get_pages(url, cancel, on_page).await
    }

    // ----- runs -----------------------------------------------------------

    /// Runs of a workflow, page by page.
    pub async fn list_runs<F>(
        &self,
        wf: &str,
        query: &ResultQuery,
        cancel: &CancelFlag,
        on_page: F,
    ) -> Result<Progress, GraphError>
    where
        F: FnMut(Vec<Run>, &Progress),
    {
        let url = self.url(&paths::runs(wf), &query.to_odata());
        self.get_pages(url, cancel, on_page).await
    }

    /// One run.
    pub async fn get_run(&self, wf: &str, run: &str) -> Result<Run, GraphError> {
        self.get_json(&self.url(&paths::run(wf, run), &ODataQuery::new()))
            .await
    }

    /// Run totals over `[start, end]`.
    pub async fn run_summary(
        &self,
        wf: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<RunSummary, GraphError> {
        self.get_json(&self.url(&paths::run_summary(wf, start, end), &ODataQuery::new()))
            .await
    }

    /// An insights function returning one object (`workflowsProcessedSummary`,
    /// `workflowsProcessedByCategory`) over a period.
    pub async fn insights_object<R: DeserializeOwned + 'static>(
        &self,
        function: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<R, GraphError> {
        self.get_json(&self.url(&paths::insights(function, start, end), &ODataQuery::new()))
            .await
    }

    /// An insights function returning a collection (`topWorkflowsProcessedSummary`,
    /// `topTasksProcessedSummary`), every page.
    pub async fn insights_list<R: DeserializeOwned + 'static>(
        &self,
        function: &str,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<R>, GraphError> {
        self.get_all(self.url(&paths::insights(function, start, end), &ODataQuery::new()))
            .await
    }

    // ----- user results ---------------------------------------------------

    /// User results of one run (`run = Some`) or of the whole workflow, page by page.
    pub async fn list_user_results<F>(
        &self,
        wf: &str,
        run: Option<&str>,
        query: &ResultQuery,
        cancel: &CancelFlag,
        on_page: F,
    ) -> Result<Progress, GraphError>
    where
        F: FnMut(Vec<UserProcessingResult>, &Progress),
    {
        let path = match run {
            Some(run) => paths::run_user_results(wf, run),
            None => paths::workflow_user_results(wf),
        };
        let url = self.url(&path, &query.to_odata());
        self.get_pages(url, cancel, on_page).await
    }

    /// One user result (of a run, or of the workflow when `run` is `None`).
    pub async fn get_user_result(
        &self,
        wf: &str,
        run: Option<&str>,
        upr: &str,
    ) -> Result<UserProcessingResult, GraphError> {
        let path = match run {
            Some(run) => paths::run_user_result(wf, run, upr),
            None => paths::workflow_user_result(wf, upr),
        };
        self.get_json(&self.url(&path, &ODataQuery::new())).await
    }

    // ----- task results and reports ----------------------------------------

    /// Task results of one user result (few rows: all pages at once).
    pub async fn list_task_results(
        &self,
        wf: &str,
        run: Option<&str>,
        upr: &str,
    ) -> Result<Vec<TaskProcessingResult>, GraphError> {
        let path = match run {
            Some(run) => paths::run_user_task_results(wf, run, upr),
            None => paths::workflow_user_task_results(wf, upr),
        };
        self.get_all(self.url(&path, &ODataQuery::new())).await
    }

    /// Task reports of a workflow, page by page (filter with a [`ResultQuery`]
    /// using `DateField::Started`/`Completed`/`LastUpdated` and statuses).
    pub async fn list_task_reports<F>(
        &self,
        wf: &str,
        query: &ODataQuery,
        cancel: &CancelFlag,
        on_page: F,
    ) -> Result<Progress, GraphError>
    where
        F: FnMut(Vec<TaskReport>, &Progress),
    {
        let url = self.url(&paths::task_reports(wf), query);
        self.get_pages(url, cancel, on_page).await
    }

    // ----- user names -------------------------------------------------------

    /// A user already resolved.
    pub fn cached_user(&self, id: &str) -> Option<GraphUser> {
        self.users().get(id).cloned()
    }

    /// Every user resolved so far by id (the session's one name cache; the
    /// app publishes it as a shared snapshot for tables and views).
    pub fn found_users(&self) -> HashMap<String, GraphUser> {
        self.users().found_users()
    }

    /// Sends one `$batch` and parses its answer.
    async fn post_batch(&self, batch: &BatchRequest) -> Result<BatchResponse, GraphError> {
        let url = self.base.url(&paths::batch(), "");
        let resp = self
            .send(&HttpRequest::post_json(url, batch.to_json()))
            .await?;
        parse_json(&resp.body).map_err(|e| malformed(&resp, e.0))
    }

    /// Waits before re-sending a batch round's throttled sub-requests: the
    /// longest `Retry-After` they carried, at least the backoff of `round`.
    async fn pause_before_round(&self, round: u32, wait: Option<Duration>) {
        let backoff = self.retry.backoff(round, self.transport.jitter());
        self.transport
            .sleep(wait.unwrap_or(backoff).max(backoff))
            .await;
    }

    /// GETs every relative URL of `urls` (paths from [`paths`] with their
    /// query) through `$batch`, 20 per request, re-sending throttled and
    /// transient ones a few times after their `Retry-After`. Each URL gets
    /// its body or its own error, in order; a failure of a whole batch
    /// request (401, 403, network) ends with `Err`.
    pub async fn get_each(
        &self,
        urls: &[String],
    ) -> Result<Vec<Result<Value, GraphError>>, GraphError> {
        let mut answers: Vec<Option<Result<Value, GraphError>>> =
            urls.iter().map(|_| None).collect();
        let mut pending: Vec<usize> = (0..urls.len()).collect();
        let mut round = 0u32;
        while !pending.is_empty() && round < MAX_BATCH_ROUNDS {
            round += 1;
            let mut retry = Vec::new();
            let mut wait: Option<Duration> = None;
            for batch in get_batches(urls, &pending) {
                let parsed = self.post_batch(&batch).await?;
                let outcome = get_outcome(&batch, &parsed);
                let secret = self.token.get();
                for (i, answer) in outcome.answers {
                    if let Some(slot) = answers.get_mut(i) {
                        *slot = Some(answer.map_err(|e| e.redact(secret.expose())));
                    }
                }
                retry.extend(outcome.retry);
                wait = wait.max(outcome.retry_after);
            }
            pending = retry;
            if !pending.is_empty() && round < MAX_BATCH_ROUNDS {
                self.pause_before_round(round, wait).await;
            }
        }
        Ok(answers
            .into_iter()
            .map(|a| {
                a.unwrap_or_else(|| {
                    Err(GraphError::malformed(
                        None,
                        "the $batch answer left this request out".to_string(),
                    ))
                })
            })
            .collect())
    }

    /// Resolves ids to users through `$batch` (20 per request), asking only
    /// for ids not cached yet and re-asking throttled ones a few times.
    /// Returns the users known for `ids` afterwards. A 403 (no user-read
    /// permission) ends with `Err`; users resolved before it stay cached.
    pub async fn resolve_users(&self, ids: &[String]) -> Result<Vec<GraphUser>, GraphError> {
        let mut pending = self.users().missing(ids.iter().map(String::as_str));
        let mut round = 0u32;
        while !pending.is_empty() && round < MAX_BATCH_ROUNDS {
            round += 1;
            let mut retry = Vec::new();
            let mut wait: Option<Duration> = None;
            for batch in user_lookup_batches(&pending) {
                let parsed = self.post_batch(&batch).await?;
                let outcome = self.users().apply(&batch, &parsed);
                if let Some(fatal) = outcome.fatal {
                    return Err(fatal.redact(self.token.get().expose()));
                }
                retry.extend(outcome.retry);
                wait = wait.max(outcome.retry_after);
            }
            pending = retry;
            if !pending.is_empty() {
                self.pause_before_round(round, wait).await;
            }
        }
        let cache = self.users();
        Ok(ids.iter().filter_map(|id| cache.get(id).cloned()).collect())
    }
}

/// Parses one page of `response` (asked at `url`), records it and hands
/// its rows to `on_page`; the next link to follow, or `None` when paging
/// is done or stopped.
fn deliver<R, F>(
    pager: &mut Pager,
    response: &HttpResponse,
    url: &str,
    cancel: &CancelFlag,
    on_page: &mut F,
) -> Result<Option<String>, GraphError>
where
    R: DeserializeOwned + 'static,
    F: FnMut(Vec<R>, &Progress),
{
    let page: Page<R> =
        Page::parse(&response.body).map_err(|e| malformed(response, e.0).resuming_at(url))?;
    match pager.record(&page).cloned() {
        Ok(progress) => {
            on_page(page.value, &progress);
            Ok(pager.next_url(cancel))
        }
        Err(err) => {
            on_page(page.value, pager.progress());
            Err(err)
        }
    }
}

fn malformed(resp: &HttpResponse, detail: String) -> GraphError {
    GraphError::malformed(Some(resp.status), detail)
        .with_ids(resp.request_id.clone(), resp.client_request_id.clone())
}
