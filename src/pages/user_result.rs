//! One user's result in a run: its task processing results in execution
//! order with the full failure reason and processing info.

mod failure;

use super::data_grid::export_button;
use super::loaded::{loaded, loaded_explained};
use super::run::export_stem;
use crate::app::api;
use crate::app::browser::page_title::set_title;
use crate::app::export::download::file_name;
use crate::app::load::resource::screen_resource;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::paths;
use crate::app::url::route::use_route_id;
use crate::components::feedback::EmptyState;
use crate::components::status_badge::{BadgeValue, StatusBadge};
use crate::components::time::{count_text, duration_words, local_text, Time, TimeZoneNote};
use crate::graph::{ErrorKind, GraphError};
use crate::model::{Level, TaskProcessingResult, UserProcessingResult};
use crate::table::{default_columns, Table};
use failure::{did_not_run, FailureSummary, NotRunLine};
use leptos::prelude::*;
use leptos_router::components::A;

/// Task results in execution order (then by start time).
pub(crate) fn in_execution_order(
    mut tasks: Vec<TaskProcessingResult>,
) -> Vec<TaskProcessingResult> {
    crate::model::sorting::sort_by(&mut tasks, |a, b| {
        let seq = |t: &TaskProcessingResult| {
            t.task
                .as_ref()
                .and_then(|t| t.execution_sequence)
                .unwrap_or(u32::MAX)
        };
        seq(a)
            .cmp(&seq(b))
            .then(a.started_date_time.cmp(&b.started_date_time))
    });
    tasks
}

/// The user result screen.
#[component]
pub(crate) fn UserResultPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let (wf, run, upr) = (
        use_route_id(|r| &r.wf),
        use_route_id(|r| &r.run),
        use_route_id(|r| &r.upr),
    );
    let result = screen_resource(move || api::user_result(session, wf.get(), run.get(), upr.get()));
    let tasks = screen_resource(move || api::task_results(session, wf.get(), run.get(), upr.get()));
    let run_info = screen_resource(move || api::run(session, wf.get(), run.get()));
    let workflow = screen_resource(move || api::workflow(session, wf.get()));
    let wf_name = Memo::new(move |_| match workflow.get() {
        Some(Ok(w)) => w.name().to_string(),
        _ => "Runs".to_string(),
    });
    let run_title = Memo::new(move |_| match run_info.get() {
        Some(Ok(r)) => r
            .display_date()
            .map(|d| format!("Run of {}", local_text(d)))
            .unwrap_or_else(|| "Run".into()),
        _ => "Run".to_string(),
    });
    let user_name = Memo::new(move |_| match result.get() {
        Some(Ok(r)) => {
            let id = r.subject_id().unwrap_or_default().to_string();
            session
                .users
                .name_of(&id)
                .map(|(name, _)| name)
                .unwrap_or(id)
        }
        _ => "User".to_string(),
    });
    Effect::new(move |_| set_title(&[&user_name.get(), &run_title.get(), &wf_name.get()]));
    let export_name = move || {
        let run_now = run_info.get_untracked().and_then(Result::ok);
        let stem = export_stem(
            &wf_name.get_untracked(),
            &run.get_untracked(),
            run_now.as_ref(),
        );
        file_name(&[&stem, &user_name.get_untracked(), "tasks"], "csv")
    };
    let subject = Memo::new(move |_| match result.get() {
        Some(Ok(r)) => r.subject_id().unwrap_or_default().to_string(),
        _ => String::new(),
    });
    let task_list = move |list: Vec<TaskProcessingResult>| {
        if list.is_empty() {
            view! { <EmptyState title="No task results" hint="Graph returned no task processing results for this user." /> }.into_any()
        } else {
            let list = in_execution_order(list);
            let count = list.len() as u32;
            let rows = RwSignal::new(Table::new(list.clone()));
            let order = Memo::new(move |_| (0..count).collect::<Vec<u32>>());
            let shown = Memo::new(|_| default_columns::<TaskProcessingResult>());
            view! {
                <FailureSummary tasks=list.clone() user_id=subject.get_untracked() />
                <div class="section-head">
                    <h2>"Tasks in execution order"</h2>
                    <div class="table-tools">{export_button(rows, order, shown, export_name)}</div>
                </div>
                <ol class="task-list">
                    {list.into_iter().map(|t| if did_not_run(&t) {
                        view! { <NotRunLine t /> }.into_any()
                    } else {
                        view! { <TaskItem t /> }.into_any()
                    }).collect_view()}
                </ol>
            }
            .into_any()
        }
    };
    // The tasks show once the result itself loaded: a bad link gets one
    // message (the result's), not a second one from its tasks.
    let result_ok = move || matches!(result.get(), Some(Ok(_)));
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A exact=true href=app_href("/workflows")>"Workflows"</A></li>
                <li><A exact=true href=move || app_href(&paths::runs(&wf.get()))>{wf_name}</A></li>
                <li><A exact=true href=move || app_href(&paths::run(&wf.get(), &run.get()))>{run_title}</A></li>
                <li aria-current="page"><bdi>{user_name}</bdi></li>
            </ol>
        </nav>
        {loaded_explained(result, 2, move |e| unknown_result(&upr.get_untracked(), e), |r| view! { <UserHeader r /> })}
        {move || result_ok().then(|| view! { <TimeZoneNote /> })}
        {move || result_ok().then(|| loaded(tasks, 5, task_list))}
    }
}

/// The message for a user result id Graph does not know (400: not an id,
/// 404: no such result), naming what was asked.
fn unknown_result(upr: &str, e: &GraphError) -> Option<String> {
    let graph_says = e
        .message
        .as_deref()
        .map(|m| format!(" Microsoft Graph says: {m}"))
        .unwrap_or_default();
    match e.kind {
        ErrorKind::BadRequest => Some(format!(
            "This run has no user result with the id “{upr}”: check the link.{graph_says}"
        )),
        ErrorKind::NotFound => Some(format!(
            "{} Asked for: user result “{upr}”.",
            e.user_message()
        )),
        _ => None,
    }
}

/// Who, status and counters of the user result.
#[component]
fn UserHeader(r: UserProcessingResult) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let users = session.users;
    let id = r.subject_id().unwrap_or_default().to_string();
    users.request(session, &id);
    let id2 = id.clone();
    let title = move || {
        users
            .name_of(&id2)
            .map(|(name, _)| name)
            .unwrap_or_else(|| {
                if id2.is_empty() {
                    "User".into()
                } else {
                    id2.clone()
                }
            })
    };
    let id3 = id.clone();
    let upn = move || {
        users
            .name_of(&id3)
            .and_then(|(_, upn)| upn)
            .unwrap_or_default()
    };
    let status = BadgeValue::Processing(r.processing_status.clone(), Level::User);
    let exec = BadgeValue::Execution(r.workflow_execution_type.clone());
    view! {
        <div class="page-head">
            <h1>{title}</h1>
            <StatusBadge value=status />
            <StatusBadge value=exec />
        </div>
        <dl class="facts">
            <div><dt>"UPN"</dt><dd>{move || { let u = upn(); if u.is_empty() { "—".to_string() } else { u } }}</dd></div>
            <div><dt>"User ID"</dt><dd class="mono">{if id.is_empty() { "—".to_string() } else { id.clone() }}</dd></div>
            <div><dt>"Workflow version"</dt><dd>{count_text(r.workflow_version)}</dd></div>
            <div><dt>"Tasks"</dt><dd>{format!("{} total · {} failed · {} unprocessed", count_text(r.total_tasks_count), count_text(r.failed_tasks_count), count_text(r.total_unprocessed_tasks_count))}</dd></div>
            <div><dt>"Started"</dt><dd><Time at=r.started_date_time /></dd></div>
            <div><dt>"Completed"</dt><dd><Time at=r.completed_date_time /></dd></div>
            <div><dt>"Duration"</dt><dd>{duration_words(r.duration())}</dd></div>
        </dl>
    }
}

/// One task result with its failure reason and processing info.
#[component]
fn TaskItem(t: TaskProcessingResult) -> impl IntoView {
    let status = BadgeValue::Processing(t.processing_status.clone(), Level::Task);
    let task = t.task.clone().unwrap_or_default();
    let seq = task
        .execution_sequence
        .map(|s| format!("{s}. "))
        .unwrap_or_default();
    let name = format!("{seq}{}", t.task_name());
    let category = task
        .category
        .as_ref()
        .map(|c| c.label())
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| "—".into());
    let continue_on_error = match task.continue_on_error {
        Some(true) => "Yes",
        Some(false) => "No",
        None => "—",
    };
    let failed = t.is_failure();
    let reason = t.failure_reason.clone().filter(|s| !s.is_empty());
    let info = t.processing_info.clone().filter(|s| !s.is_empty());
    view! {
        <li class="task-item" class:is-failed=failed>
            <h3>{name} <StatusBadge value=status /></h3>
            <dl class="facts">
                <div><dt>"Category"</dt><dd>{category}</dd></div>
                <div><dt>"Continue on error"</dt><dd>{continue_on_error}</dd></div>
                <div><dt>"Started"</dt><dd><Time at=t.started_date_time /></dd></div>
                <div><dt>"Completed"</dt><dd><Time at=t.completed_date_time /></dd></div>
                <div><dt>"Duration"</dt><dd>{duration_words(t.duration())}</dd></div>
            </dl>
            {(failed || reason.is_some()).then(|| view! {
                <h4>"Failure reason"</h4>
                <p class="reason">{reason.clone().unwrap_or_else(|| "—".into())}</p>
            })}
            {info.map(|info| view! {
                <h4>"Processing info"</h4>
                <p class="reason">{info}</p>
            })}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_result_id_is_named_without_filter_wording() {
        let e = GraphError::from_response(
            400,
            r#"{"error":{"code":"BadRequest","message":"Invalid userProcessingResult identifier 'x': it is not a valid GUID."}}"#,
            None,
        );
        let message = unknown_result("x", &e).expect("explained");
        assert!(message.contains("“x”"), "{message}");
        assert!(!message.contains("filter"), "{message}");
        let throttled = GraphError::from_response(429, "", None);
        assert_eq!(unknown_result("x", &throttled), None);
    }
}
