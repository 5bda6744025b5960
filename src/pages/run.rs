//! One run: header with its counters and badge, its user processing results
//! in a virtualized table (filters by status and search over name/UPN/id,
//! sortable, "failed first" and "only failures" views, all in the URL), and
//! a tab with the run's task reports.

mod user_row;

use crate::app::api;
use crate::app::base::app_href;
use crate::app::names::Names;
use crate::app::paged::PagedRows;
use crate::app::query::{paths, split_list, SortState};
use crate::app::session::Session;
use crate::app::url_nav::QueryWriter;
use crate::components::error_banner::{ErrorBanner, ErrorDetails};
use crate::components::feedback::{EmptyState, LoadProgress, SkeletonBlock};
use crate::components::sort_header::SortHeader;
use crate::components::status_badge::{BadgeKind, StatusBadge, StatusLevel};
use crate::components::status_filter::StatusFilter;
use crate::components::time::{count_text, duration_words, Time};
use crate::components::virtual_table::VirtualTable;
use crate::format::thousands;
use crate::graph::SortDir;
use crate::model::{DateRange, ProcessingStatus, Run, TaskReport, UserProcessingResult};
use crate::table::{Sort, Table, TableRow, ViewSpec};
use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use user_row::PooledUserRow;

/// How long the search box waits for a pause in typing before it writes
/// `q` to the URL.
const SEARCH_URL_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// Statuses offered in the user status filter.
const USER_STATUS_CHOICES: [&str; 5] = [
    "failed",
    "completedWithErrors",
    "completed",
    "inProgress",
    "canceled",
];

/// The user-results view options from the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserView {
    /// `failures` shows only failed / completed-with-errors users.
    pub only_failures: bool,
    /// Status filter.
    pub statuses: Vec<String>,
    /// Search over name, UPN and id.
    pub q: String,
    /// Sort (`failedFirst` is the default).
    pub sort: SortState,
}

/// The table column key for a URL sort key (`status` by default).
fn user_column(key: &str) -> &'static str {
    UserProcessingResult::column(key).map_or("status", |c| c.key)
}

/// The data layer's view spec for the URL's user view. `failedFirst` (the
/// default) puts failures first, worst status first; a status sort is by
/// severity, "descending" = worst first.
pub fn user_spec(view: &UserView) -> ViewSpec {
    let failed_first = view.sort.key == "failedFirst";
    let column = user_column(&view.sort.key);
    let dir = if column == "status" {
        if view.sort.descending || failed_first {
            SortDir::Asc
        } else {
            SortDir::Desc
        }
    } else if view.sort.descending {
        SortDir::Desc
    } else {
        SortDir::Asc
    };
    ViewSpec {
        search: view.q.clone(),
        statuses: view
            .statuses
            .iter()
            .map(|s| ProcessingStatus::from_wire(s))
            .collect(),
        only_failures: view.only_failures,
        failed_first,
        sort: Some(Sort { column, dir }),
    }
}

/// The period that certainly holds a run's user results.
fn run_window(run: &Run) -> DateRange {
    let now = Utc::now();
    let start = run
        .scheduled_date_time
        .or(run.started_date_time)
        .unwrap_or(now - Duration::days(30));
    let end = run.completed_date_time.unwrap_or(now).max(now);
    DateRange::new(start - Duration::days(1), end + Duration::days(1))
}

/// The run screen.
#[component]
pub fn RunPage() -> impl IntoView {
    let session = expect_context::<Session>();
    let params = use_params_map();
    let query = use_query_map();
    let wf = Memo::new(move |_| params.with(|p| p.get("wf").unwrap_or_default()));
    let run_id = Memo::new(move |_| params.with(|p| p.get("run").unwrap_or_default()));
    let tab = Memo::new(move |_| query.with(|q| q.get("tab").unwrap_or_default()));
    let retry = RwSignal::new(0u32);
    let run = LocalResource::new(move || {
        retry.track();
        api::run(session, wf.get(), run_id.get())
    });
    let users = PagedRows::<UserProcessingResult>::new();
    let start_users = move |r: Run| {
        let (w, id) = (wf.get_untracked(), run_id.get_untracked());
        let window = run_window(&r);
        users.start(session, move |cancel, sink| {
            api::user_results(session, w, id, window, cancel, sink)
        });
    };
    Effect::new(move |_| {
        if let Some(Ok(r)) = run.get() {
            start_users(r);
        }
    });
    let header = move || match run.get() {
        None => view! { <SkeletonBlock lines=2 /> }.into_any(),
        Some(Err(e)) => {
            let d: ErrorDetails = api::handle_error(&session, &e);
            view! { <ErrorBanner error=d on_retry=Callback::new(move |_| retry.update(|r| *r += 1)) /> }.into_any()
        }
        Some(Ok(r)) => view! { <RunHeader run=r /> }.into_any(),
    };
    let tab_href = move |t: &str| {
        let base = app_href(&paths::run(&wf.get(), &run_id.get()));
        if t.is_empty() {
            base
        } else {
            format!("{base}?tab={t}")
        }
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A href=app_href("/workflows")>"Workflows"</A></li>
                <li><A href=move || app_href(&paths::runs(&wf.get()))>"Runs"</A></li>
                <li aria-current="page">"Run"</li>
            </ol>
        </nav>
        {header}
        <nav class="tabs" aria-label="Run details">
            <a href=move || tab_href("") aria-current=move || (tab.get() != "tasks").then_some("page")>"Users"</a>
            <a href=move || tab_href("tasks") aria-current=move || (tab.get() == "tasks").then_some("page")>"Task reports"</a>
        </nav>
        {move || if tab.get() == "tasks" {
            view! { <TaskReportsTab wf=wf.get() run=run_id.get() /> }.into_any()
        } else {
            view! { <UsersTab users wf run_id on_retry=Callback::new(move |_| { if let Some(Ok(r)) = run.get_untracked() { start_users(r) } }) /> }.into_any()
        }}
    }
}

/// Badge, dates and counters of the run.
#[component]
fn RunHeader(run: Run) -> impl IntoView {
    let status = run
        .processing_status
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let exec = run
        .workflow_execution_type
        .as_ref()
        .map(|s| s.as_str().to_string())
        .unwrap_or_default();
    let title = run
        .display_date()
        .map(|d| format!("Run of {}", crate::components::time::local_text(d)))
        .unwrap_or_else(|| format!("Run {}", run.id));
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <StatusBadge kind=BadgeKind::Processing level=StatusLevel::Run value=status />
            <StatusBadge kind=BadgeKind::ExecutionType value=exec />
        </div>
        <dl class="facts">
            <div><dt>"Scheduled"</dt><dd><Time at=run.scheduled_date_time /></dd></div>
            <div><dt>"Started"</dt><dd><Time at=run.started_date_time /></dd></div>
            <div><dt>"Completed"</dt><dd><Time at=run.completed_date_time /></dd></div>
            <div><dt>"Duration"</dt><dd>{duration_words(run.duration())}</dd></div>
            <div><dt>"Users"</dt><dd>{format!("{} total · {} succeeded · {} failed", count_text(run.total_users_count), count_text(run.successful_users_count), count_text(run.failed_users_count))}</dd></div>
            <div><dt>"Tasks"</dt><dd>{format!("{} total · {} failed · {} unprocessed", count_text(run.total_tasks()), count_text(run.failed_tasks_count), count_text(run.total_unprocessed_tasks_count))}</dd></div>
            <div><dt>"Run ID"</dt><dd class="mono">{run.id.clone()}</dd></div>
        </dl>
    }
}

/// The user results tab.
#[component]
fn UsersTab(
    users: PagedRows<UserProcessingResult>,
    wf: Memo<String>,
    run_id: Memo<String>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<Session>();
    let names = expect_context::<Names>();
    let query = use_query_map();
    let writer = QueryWriter::new();
    let view_state = Memo::new(move |_| {
        query.with(|q| UserView {
            only_failures: q.get_str("view") == Some("failures"),
            statuses: split_list(q.get_str("status")),
            q: q.get("q").unwrap_or_default(),
            sort: SortState::from_params(
                q.get_str("sort"),
                q.get_str("dir"),
                ("failedFirst", true),
            ),
        })
    });
    // Resolved names feed the table's search keys and the user sort.
    Effect::new(move |_| {
        let map = names.with(|n| n.clone());
        if !map.is_empty() {
            users
                .rows
                .maybe_update(|t| t.set_names(std::sync::Arc::new(map)));
        }
    });
    // The search box filters at once; `q` reaches the URL after a pause.
    let url_q = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let search = RwSignal::new(url_q.get_untracked());
    Effect::new(move |_| {
        let q = url_q.get();
        if search.get_untracked() != q {
            search.set(q);
        }
    });
    let order = Memo::new(move |_| {
        let mut spec = user_spec(&view_state.get());
        spec.search = search.get();
        users.rows.track();
        users
            .rows
            .try_update_untracked(|t| t.view(&spec))
            .unwrap_or_default()
    });
    let sort = Signal::derive(move || view_state.get().sort);
    let on_sort = {
        let writer = writer.clone();
        Callback::new(move |col: &'static str| {
            let next = sort.get_untracked().toggled(col);
            writer.set(
                &[
                    ("sort", Some(next.key.clone())),
                    ("dir", Some(next.dir_param().into())),
                ],
                false,
            );
        })
    };
    let w_fail = writer.clone();
    let w_first = writer.clone();
    let w_all = writer.clone();
    let w_q = writer.clone();
    let search_writes = StoredValue::new(0u64);
    let is_failures = move || view_state.get().only_failures;
    let is_failed_first =
        move || !view_state.get().only_failures && view_state.get().sort.key == "failedFirst";
    let render_row = move |index: Signal<Option<u32>>| {
        view! { <PooledUserRow index rows=users.rows wf=wf.get_untracked() run=run_id.get_untracked() session names /> }
    };
    view! {
        <div class="toolbar" role="group" aria-label="User filters">
            <div class="field">
                <span class="field-label" id="view-label"><strong>"View"</strong></span>
                <div class="actions" role="group" aria-labelledby="view-label">
                    <button type="button" class="btn" aria-pressed=move || is_failed_first().to_string()
                        on:click=move |_| w_first.set(&[("view", None), ("sort", None), ("dir", None)], false)>"Failed first"</button>
                    <button type="button" class="btn" aria-pressed=move || is_failures().to_string()
                        on:click=move |_| w_fail.set(&[("view", Some("failures".into()))], false)>"Only failures"</button>
                    <button type="button" class="btn" aria-pressed=move || (!is_failures() && !is_failed_first()).to_string()
                        on:click=move |_| w_all.set(&[("view", None), ("sort", Some("started".into())), ("dir", Some("desc".into()))], false)>"All by start time"</button>
                </div>
            </div>
            <StatusFilter
                choices=&USER_STATUS_CHOICES
                selected=Signal::derive(move || view_state.get().statuses)
                on_change={
                    let writer = writer.clone();
                    move |list: Vec<String>| writer.set(&[("status", Some(list.join(",")))], false)
                }
            />
            <div class="field search">
                <label for="user-search">"Search users"</label>
                <input id="user-search" type="search" placeholder="Name, UPN or id" prop:value=move || search.get()
                    on:input=move |ev| {
                        search.set(event_target_value(&ev));
                        write_search_later(w_q.clone(), search, search_writes);
                    } />
            </div>
        </div>
        {move || users.error.get().map(|e| {
            let on_resume = users.resume_from.get().map(|_| Callback::new(move |_| users.resume(session)));
            view! { <ErrorBanner error=e on_retry on_resume /> }
        })}
        <LoadProgress
            loaded=Signal::derive(move || users.loaded.get())
            loading=Signal::derive(move || users.loading.get())
            noun="results"
            on_stop=Callback::new(move |_| users.stop())
        />
        {move || names.denied.get().then(|| view! {
            <p class="banner banner-info" role="status">"User names are not shown: the token cannot read users (needs User.ReadBasic.All). Ids are shown instead."</p>
        })}
        <p class="count-line" aria-live="polite">
            {move || format!("{} of {} users", thousands(order.with(Vec::len) as u64), thousands(users.rows.with(Table::len) as u64))}
        </p>
        {move || {
            let none_loaded = !users.loading.get() && users.error.get().is_none() && users.rows.with(Table::is_empty);
            let none_match = !users.rows.with(Table::is_empty) && order.with(Vec::is_empty) && !users.loading.get();
            if none_loaded {
                Some(view! { <EmptyState title="No user results" hint="This run has no user processing results (yet): no user was in scope, or the run has not started." /> }.into_any())
            } else if none_match {
                Some(view! { <EmptyState title="No user matches the filters" hint="Clear the status filter or the search, or switch the view to all users." /> }.into_any())
            } else {
                None
            }
        }}
        <VirtualTable caption="User processing results" order columns=11 render_row>
            <tr>
                <SortHeader label="User" key="user" sort on_sort />
                <SortHeader label="Status" key="status" sort on_sort />
                <SortHeader label="Type" key="type" sort on_sort />
                <SortHeader label="Version" key="version" sort on_sort class="num" />
                <SortHeader label="Tasks" key="tasks" sort on_sort class="num" />
                <SortHeader label="Failed" key="tasksFailed" sort on_sort class="num" />
                <SortHeader label="Unprocessed" key="tasksUnprocessed" sort on_sort class="num" />
                <SortHeader label="Started" key="started" sort on_sort />
                <SortHeader label="Completed" key="completed" sort on_sort />
                <SortHeader label="Duration" key="duration" sort on_sort class="num" />
                <th scope="col"><span class="sr-only">"Open"</span></th>
            </tr>
        </VirtualTable>
    }
}

/// Writes the search box's text to the URL's `q` once typing pauses for
/// [`SEARCH_URL_DELAY`] (`writes` counts the keystrokes, so only the last
/// one writes): each history write costs Chromium a frame's worth of time.
fn write_search_later(writer: QueryWriter, search: RwSignal<String>, writes: StoredValue<u64>) {
    writes.update_value(|n| *n += 1);
    let mine = writes.get_value();
    set_timeout(
        move || {
            if writes.try_get_value() == Some(mine) {
                if let Some(q) = search.try_get_untracked() {
                    writer.set(&[("q", Some(q))], true);
                }
            }
        },
        SEARCH_URL_DELAY,
    );
}

/// The run's task reports.
#[component]
fn TaskReportsTab(wf: String, run: String) -> impl IntoView {
    let session = expect_context::<Session>();
    let retry = RwSignal::new(0u32);
    let reports = LocalResource::new(move || {
        retry.track();
        api::task_reports(session, wf.clone(), run.clone())
    });
    move || {
        match reports.get() {
        None => view! { <SkeletonBlock lines=4 /> }.into_any(),
        Some(Err(e)) => {
            let d = api::handle_error(&session, &e);
            view! { <ErrorBanner error=d on_retry=Callback::new(move |_| retry.update(|r| *r += 1)) /> }.into_any()
        }
        Some(Ok(list)) if list.is_empty() => view! { <EmptyState title="No task reports" hint="Graph has no task reports for this run." /> }.into_any(),
        Some(Ok(mut list)) => {
            list.sort_by_key(|r: &TaskReport| r.task.as_ref().and_then(|t| t.execution_sequence).unwrap_or(u32::MAX));
            view! {
                <div class="table-wrap">
                    <table class="data">
                        <caption class="sr-only">"Task reports of the run"</caption>
                        <thead><tr>
                            <th scope="col">"Task"</th><th scope="col">"Status"</th>
                            <th scope="col" class="num">"Users"</th><th scope="col" class="num">"Succeeded"</th>
                            <th scope="col" class="num">"Failed"</th><th scope="col" class="num">"Unprocessed"</th>
                            <th scope="col">"Started"</th><th scope="col">"Completed"</th>
                        </tr></thead>
                        <tbody>
                            {list.into_iter().map(|r| {
                                let name = r.task.as_ref().map(|t| t.name().to_string()).unwrap_or_else(|| r.id.clone());
                                let status = r.processing_status.as_ref().map(|s| s.as_str().to_string()).unwrap_or_default();
                                view! { <tr>
                                    <th scope="row">{name}</th>
                                    <td><StatusBadge kind=BadgeKind::Processing level=StatusLevel::TaskReport value=status /></td>
                                    <td class="num">{count_text(r.total_users_count)}</td>
                                    <td class="num">{count_text(r.successful_users_count)}</td>
                                    <td class="num">{count_text(r.failed_users_count)}</td>
                                    <td class="num">{count_text(r.unprocessed_users_count)}</td>
                                    <td><Time at=r.started_date_time /></td>
                                    <td><Time at=r.completed_date_time /></td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }
    }
    }
}
