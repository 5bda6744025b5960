//! One run: header with its counters and badge, its user processing results
//! in a virtualized table (filters by status and search over name/UPN/id,
//! sortable, choosable columns, "failed first" and "only failures" views,
//! all in the URL), and a tab with the run's task reports.

mod actions;
mod query;
mod task_reports;
mod users_view;

pub(crate) use query::{RunQuery, RunTab};

use super::admin_center::workflow_href;
use super::data_grid::{freshness, paged_error, sort_of, DataGrid, NameWatch, RowOpen};
use super::loaded::loaded;
use super::problems::QueryProblems;
use crate::app::api;
use crate::app::browser::debounce::Debounced;
use crate::app::browser::page_title::set_title;
use crate::app::export::download::file_name;
use crate::app::load::live::{live_text, merge_user_results, LiveState, Tick};
use crate::app::load::paged::PagedRows;
use crate::app::load::resource::screen_resource;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::{paths, query_string, SortParam};
use crate::app::url::route::use_route_id;
use crate::app::url::screen_query::{use_screen_query, ScreenQuery, ScreenState, ScreenWriter};
use crate::components::admin_center_link::AdminCenterLink;
use crate::components::feedback::LoadProgress;
use crate::components::status_badge::{BadgeValue, StatusBadge};
use crate::components::status_filter::StatusFilter;
use crate::components::time::{count_text, file_time, local_text, Time};
use crate::model::{DateRange, Level, Run, SortDir, UserProcessingResult};
use crate::pages::runs::{workflow_usual, RunDuration};
use crate::table::{Sort, ViewSpec};
use chrono::{Duration, Utc};
use leptos::prelude::*;
use leptos_router::components::A;
use query::{status_choices, FAILED_FIRST};
use task_reports::TaskReportsTab;
use users_view::{keep_task, TaskFilterNote, UsersEmpty};

/// How long the search box waits for a pause in typing before it writes
/// `q` to the URL.
const SEARCH_URL_DELAY: std::time::Duration = std::time::Duration::from_millis(300);

/// The table's view of the URL's user query, sorted by `sort` (the URL's,
/// or a header click's on its way there). Failures first (the default)
/// puts failures first, worst status first.
pub(crate) fn user_spec(query: &RunQuery, sort: SortParam, search: String) -> ViewSpec {
    let failed_first = sort.key == FAILED_FIRST;
    let sort = if failed_first {
        Sort {
            column: "status",
            dir: SortDir::Asc,
        }
    } else {
        sort_of(sort)
    };
    ViewSpec {
        search,
        statuses: query.statuses.clone(),
        only_failures: query.only_failures,
        failed_first,
        sort: Some(sort),
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
pub(crate) fn RunPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<RunQuery>();
    let wf = use_route_id(|r| &r.wf);
    let run_id = use_route_id(|r| &r.run);
    let tab = Memo::new(move |_| query.with(|q| q.tab));
    let run = screen_resource(move || api::run(session, wf.get(), run_id.get()));
    let workflow = screen_resource(move || api::workflow(session, wf.get()));
    let wf_name = Memo::new(move |_| match workflow.get() {
        Some(Ok(w)) => w.name().to_string(),
        _ => String::new(),
    });
    let stem = Memo::new(move |_| {
        let run = run.get().and_then(Result::ok);
        export_stem(&wf_name.get(), &run_id.get(), run.as_ref())
    });
    provide_context(RunExportStem(stem));
    let users = PagedRows::<UserProcessingResult>::new();
    // Kept for the session once complete: Back shows them without Graph.
    let users_key = Memo::new(move |_| api::user_results_key(&wf.get(), &run_id.get()));
    let start_users = move |r: Run| {
        let (w, id) = (wf.get_untracked(), run_id.get_untracked());
        let window = run_window(&r);
        users.start_kept(session, users_key.get_untracked(), move |cancel, sink| {
            api::user_results(session, w, id, window, cancel, sink)
        });
    };
    Effect::new(move |_| {
        let key = users_key.get();
        if !users.holds(&key) {
            users.restore(session, key);
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(r)) = run.get() {
            if !users.holds(&users_key.get_untracked()) {
                start_users(r);
            }
        }
    });
    // Live: while the run is queued or in progress, it and its user results
    // refresh by themselves (app/load/live.rs); nothing is scheduled otherwise.
    let live = LiveState::new();
    let live_run = RwSignal::new(None::<Run>);
    Effect::new(move |_| {
        run_id.track();
        live.stop();
        live_run.set(None);
    });
    Effect::new(move |_| {
        let Some(Ok(r)) = run.get() else { return };
        if r.processing_status.as_ref().is_some_and(|s| s.is_running()) {
            live.start(move |cancel| {
                let before = run_of(run, live_run);
                refresh_live(session, wf, run_id, before, live_run, users, cancel)
            });
        }
    });
    let shown_run =
        Signal::derive(move || live_run.get().or_else(|| run.get().and_then(Result::ok)));
    // One label rule over the run on screen (its newest copy): the
    // breadcrumb, the heading and the tab title name it alike.
    let run_title = Memo::new(move |_| {
        shown_run.with(|r| r.as_ref().map_or_else(|| "Run".to_string(), run_title))
    });
    Effect::new(move |_| set_title(&[&run_title.get(), &wf_name.get()]));
    let usual = workflow_usual(session, wf, shown_run);
    let tab_href = move |t: RunTab| {
        let base = app_href(&paths::run(&wf.get(), &run_id.get()));
        let tab = RunQuery {
            tab: t,
            ..RunQuery::default()
        };
        format!("{base}{}", query_string(&tab.to_pairs()))
    };
    let run_failed = Signal::derive(move || matches!(run.get(), Some(Err(_))));
    let retry_users = Callback::new(move |_| {
        if let Some(Ok(r)) = run.get_untracked() {
            start_users(r)
        }
    });
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A exact=true href=app_href("/workflows")>"Workflows"</A></li>
                <li><A exact=true href=move || app_href(&paths::runs(&wf.get()))>{move || or_runs(wf_name.get())}</A></li>
                <li aria-current="page">{run_title}</li>
            </ol>
        </nav>
        {loaded(run, 2, move |r| {
            let first = r.clone();
            move || {
                let r = live_run.get().unwrap_or_else(|| first.clone());
                view! { <RunHeader run=r workflow=wf_name usual admin_href=Signal::derive(move || workflow_href(session, &wf.get(), &wf_name.get())) /> }
            }
        })}
        <div class="run-live-row">
        <LiveLine live />
        <actions::RunActions wf wf_name run=Signal::derive(move || live_run.get().or_else(|| run.get().and_then(Result::ok))) on_changed=Callback::new(move |_| { live_run.set(None); run.refetch(); }) />
        </div>
        <actions::RunLineage wf run_id run=Signal::derive(move || live_run.get().or_else(|| run.get().and_then(Result::ok))) />
        <QueryProblems problems writer />
        <nav class="tabs" aria-label="Run details">
            <a href=move || tab_href(RunTab::Users) aria-current=move || (tab.get() == RunTab::Users).then_some("page")>"Users"</a>
            <a href=move || tab_href(RunTab::TaskReports) aria-current=move || (tab.get() == RunTab::TaskReports).then_some("page")>"Task reports"</a>
        </nav>
        {move || match tab.get() {
            RunTab::TaskReports => view! { <TaskReportsTab wf=wf.get() run=run_id.get() /> }.into_any(),
            RunTab::Users => view! { <UsersTab users wf run_id query writer on_retry=retry_users run_failed /> }.into_any(),
        }}
    }
}

/// The run on screen: the last live refresh, else the first load.
fn run_of(run: LocalResource<api::ApiResult<Run>>, live_run: RwSignal<Option<Run>>) -> Option<Run> {
    live_run
        .get_untracked()
        .or_else(|| run.get_untracked().and_then(Result::ok))
}

/// One live refresh: the run, and its user results when the run changed
/// (merged in place). Ends when the run is no longer queued or in progress;
/// its paging stops with `cancel` (the live loop's).
async fn refresh_live(
    session: SessionContext,
    wf: Memo<String>,
    run_id: Memo<String>,
    before: Option<Run>,
    live_run: RwSignal<Option<Run>>,
    users: PagedRows<UserProcessingResult>,
    cancel: crate::graph::CancelFlag,
) -> Tick {
    let (w, id) = (wf.get_untracked(), run_id.get_untracked());
    let Ok(fresh) = api::run(session, w.clone(), id.clone()).await else {
        return Tick::Quiet;
    };
    let ended = !fresh
        .processing_status
        .as_ref()
        .is_some_and(|s| s.is_running());
    let changed = before.as_ref() != Some(&fresh);
    if changed {
        let mut rows = Vec::new();
        let window = run_window(&fresh);
        let loaded = api::user_results(session, w, id, window, cancel.clone(), |page, _| {
            rows.extend(page)
        })
        .await;
        if loaded.is_ok() && !cancel.is_cancelled() {
            users.rows.try_update(|t| merge_user_results(t, rows));
        }
        live_run.try_set(Some(fresh));
    }
    match (ended, changed) {
        (true, _) => Tick::Ended,
        (false, true) => Tick::Changed,
        (false, false) => Tick::Quiet,
    }
}

/// "Live · updated 12 s ago" while the run refreshes by itself.
#[component]
fn LiveLine(live: LiveState) -> impl IntoView {
    let clock = expect_context::<crate::app::browser::clock::Clock>();
    move || {
        live.active.get().then(|| {
            let text = live_text(live.paused.get(), live.updated.get(), clock.now());
            view! { <p class="live-line" role="status" aria-label="Live refresh"><span class="live-dot" aria-hidden="true"></span>{text}</p> }
        })
    }
}

/// The start of a run's export file names: what the run is, in words
/// (`Onboard-new-hire-run-2026-11-28-2308-CET`), provided by the run screen.
#[derive(Clone, Copy)]
pub(crate) struct RunExportStem(pub Memo<String>);

/// `<workflow>-run-<scheduled time>-<zone>`, in the zone the screen shows
/// ([`file_time`]); the run id stands in for what is not known yet.
pub(crate) fn export_stem(workflow: &str, run_id: &str, run: Option<&Run>) -> String {
    let when = run
        .and_then(|r| r.scheduled_date_time.or(r.started_date_time))
        .map(file_time)
        .unwrap_or_else(|| run_id.to_string());
    let parts: Vec<&str> = [workflow, "run", &when]
        .into_iter()
        .filter(|p| !p.is_empty())
        .collect();
    parts.join("-")
}

/// The run screen's export stem (`run-<id>` outside a run screen).
pub(crate) fn run_export_stem(run_id: &str) -> String {
    use_context::<RunExportStem>()
        .map(|RunExportStem(stem)| stem.get_untracked())
        .unwrap_or_else(|| format!("run-{run_id}"))
}

/// The run's name: [`format::run_label`] in local time.
fn run_title(run: &Run) -> String {
    crate::format::run_label(run, local_text)
}

/// The breadcrumb's workflow link: its name, "Runs" until it is known.
fn or_runs(name: String) -> String {
    if name.is_empty() {
        "Runs".into()
    } else {
        name
    }
}

/// Badge, dates and counters of the run; the heading names the workflow.
#[component]
fn RunHeader(
    run: Run,
    workflow: Memo<String>,
    /// What the workflow usually takes (while the run is going).
    usual: Signal<Option<Duration>>,
    admin_href: Signal<String>,
) -> impl IntoView {
    let status = BadgeValue::Processing(run.processing_status.clone(), Level::Run);
    let exec = BadgeValue::Execution(run.workflow_execution_type.clone());
    let title = run_title(&run);
    let context = move || {
        let name = workflow.get();
        (!name.is_empty()).then(|| view! { <span class="h1-context">{name}" › "</span> })
    };
    view! {
        <div class="page-head">
            <h1>{context}{title}</h1>
            <StatusBadge value=status />
            <StatusBadge value=exec />
            <AdminCenterLink
                href=admin_href
                hint="The admin center has no page per run: this opens the workflow, whose Workflow history lists this run"
            />
        </div>
        <dl class="facts">
            <div><dt>"Scheduled"</dt><dd><Time at=run.scheduled_date_time /></dd></div>
            <div><dt>"Started"</dt><dd><Time at=run.started_date_time /></dd></div>
            <div><dt>"Completed"</dt><dd><Time at=run.completed_date_time /></dd></div>
            <div><dt>"Duration"</dt><dd><RunDuration run=run.clone() usual /></dd></div>
            <div><dt>"Users"</dt><dd>{format!("{} total · {} succeeded · {} failed", count_text(run.total_users_count), count_text(run.successful_users_count), count_text(run.failed_users_count))}</dd></div>
            <div><dt>"Tasks"</dt><dd>{format!("{} total · {} failed · {} unprocessed", count_text(run.total_tasks()), count_text(run.failed_tasks_count), count_text(run.total_unprocessed_tasks_count))}</dd></div>
            <div><dt>"Run ID"</dt><dd class="mono">{run.id.clone()}</dd></div>
        </dl>
    }
}

/// The user cell opens the user result, named by the user.
fn user_link(wf: &str, run: &str, r: &UserProcessingResult) -> Option<(String, String)> {
    Some((app_href(&paths::user_result(wf, run, &r.id)), String::new()))
}

/// The user results tab.
#[component]
fn UsersTab(
    users: PagedRows<UserProcessingResult>,
    wf: Memo<String>,
    run_id: Memo<String>,
    query: Memo<RunQuery>,
    writer: ScreenWriter<RunQuery>,
    on_retry: Callback<()>,
    /// The run itself did not load (its banner is above): nothing to load.
    run_failed: Signal<bool>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    // Resolved names feed the table's search keys and the user sort.
    Effect::new(move |_| {
        let names = session.users.snapshot();
        users.rows.maybe_update(|t| t.set_names(names));
    });
    // The search box filters at once; `q` reaches the URL after a pause.
    let url_q = Memo::new(move |_| query.with(|q| q.q.clone()));
    let search = RwSignal::new(url_q.get_untracked());
    Effect::new(move |_| {
        let q = url_q.get();
        if search.get_untracked() != q {
            search.set(q);
        }
    });
    let write_q = Debounced::new(SEARCH_URL_DELAY, move |q: String| {
        writer.update_replace(|query| query.q = q)
    });
    // A header click sorts at once; `sort` and `dir` reach the URL after
    // the frame that shows the new order (the router's navigation and
    // `history.pushState` are not on the click's path to the screen).
    let url_sort = Memo::new(move |_| query.with(|q| q.sort));
    let clicked = RwSignal::new(None::<SortParam>);
    Effect::new(move |_| {
        url_sort.track();
        clicked.set(None);
    });
    let sort = Signal::derive(move || clicked.get().unwrap_or_else(|| url_sort.get()));
    let spec = Memo::new(move |_| {
        let sort = sort.get();
        query.with(|q| user_spec(q, sort, search.get()))
    });
    let order = Memo::new(move |_| {
        let task = query.with(|q| q.task.clone());
        users.rows.track();
        spec.with(|spec| {
            users.rows.try_update_untracked(|t| {
                let order = t.view(spec);
                keep_task(t, order, task.as_deref())
            })
        })
        .unwrap_or_default()
    });
    let shown = Memo::new(move |_| query.with(|q| q.columns.clone()));
    users.warm_sorts(shown);
    let on_sort = sort_soon_in_url(clicked, writer);
    let on_columns = writer.callback(|q, next: Vec<&'static str>| q.columns = next);
    let on_status = writer.callback(|q, list| q.statuses = list);
    let is_failures = move || query.with(|q| q.only_failures);
    let is_failed_first = move || query.with(RunQuery::is_failed_first);
    let open = RowOpen {
        header: "Open",
        text: "Tasks",
        href: std::sync::Arc::new(move |row: &UserProcessingResult| {
            app_href(&paths::user_result(
                &wf.get_untracked(),
                &run_id.get_untracked(),
                &row.id,
            ))
        }),
    };
    view! {
        <div class="toolbar" role="group" aria-label="User filters">
            <div class="field">
                <span class="field-label" id="view-label"><strong>"View"</strong></span>
                <div class="actions" role="group" aria-labelledby="view-label">
                    <button type="button" class="btn" aria-pressed=move || is_failed_first().to_string()
                        on:click=move |_| writer.update(RunQuery::failed_first)>"Failed first"</button>
                    <button type="button" class="btn" aria-pressed=move || is_failures().to_string()
                        on:click=move |_| writer.update(|q| q.only_failures = true)>"Only failures"</button>
                    <button type="button" class="btn" aria-pressed=move || (!is_failures() && !is_failed_first()).to_string()
                        on:click=move |_| writer.update(RunQuery::all_users)>"All users"</button>
                </div>
            </div>
            <StatusFilter
                choices=status_choices()
                selected=Signal::derive(move || query.with(|q| q.statuses.clone()))
                on_change=on_status
            />
            <div class="field search">
                <label for="user-search">"Search users"</label>
                <input id="user-search" type="search" placeholder="Name, UPN or id" prop:value=move || search.get()
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        search.set(text.clone());
                        write_q.call(text);
                    } />
            </div>
        </div>
        {paged_error(users, session, on_retry)}
        <LoadProgress
            loaded=Signal::derive(move || users.loaded.get())
            loading=Signal::derive(move || users.loading.get())
            noun="results"
            on_stop=Callback::new(move |_| users.stop())
        />
        <DataGrid
            rows=users.rows
            order
            shown
            caption="User processing results"
            noun="users"
            link=move |row: &UserProcessingResult| user_link(&wf.get_untracked(), &run_id.get_untracked(), row)
            open
            sort
            on_sort
            on_columns
            names=NameWatch::new(users.rows, spec)
            virtual_rows=users.scroll_top
            tools=freshness(users, "user results", on_retry).into_any()
            file_name=move |_| file_name(&[&run_export_stem(&run_id.get_untracked()), "users"], "csv")
        >
            {move || session.users.denied().then(|| view! {
                <p class="banner banner-info" role="status">"User names are not shown: the token cannot read users (needs User.ReadBasic.All). Ids are shown instead."</p>
            })}
            <TaskFilterNote users query writer />
            <UsersEmpty users order query run_failed />
        </DataGrid>
    }
}

/// Header clicks: the new sort shows at once through `clicked`, and is
/// written to the URL once the frame showing it is painted (the latest click's sort; nothing once the screen
/// is gone).
fn sort_soon_in_url(
    clicked: RwSignal<Option<SortParam>>,
    writer: ScreenWriter<RunQuery>,
) -> Callback<SortParam> {
    Callback::new(move |next: SortParam| {
        clicked.set(Some(next));
        request_animation_frame(move || {
            set_timeout(
                move || {
                    if let Some(Some(next)) = clicked.try_get_untracked() {
                        writer.update(|q| q.sort = next);
                    }
                },
                std::time::Duration::ZERO,
            )
        });
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_export_says_which_workflow_and_when() {
        let run: Run = crate::model::from_value(serde_json::json!({
            "id": "r1", "scheduledDateTime": "2026-11-28T23:08:15Z"
        }))
        .unwrap();
        assert_eq!(
            export_stem("Onboard", "r1", Some(&run)),
            "Onboard-run-2026-11-28-2308-UTC"
        );
        assert_eq!(export_stem("", "r1", None), "run-r1");
        assert_eq!(
            file_name(
                &[&export_stem("Onboard new hire", "r1", Some(&run)), "users"],
                "csv"
            ),
            "Onboard-new-hire-run-2026-11-28-2308-UTC-users.csv"
        );
    }
}
