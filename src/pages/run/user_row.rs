//! One pooled row of the run screen's user results: built once per row
//! element of the virtual table, then updated in place (text and
//! attributes) whenever the element shows another result, so scrolling,
//! typing and sorting never rebuild row markup. Links are plain `<a>`s (the
//! router handles their clicks): `<A>` would re-check "current page" for
//! every row on every URL change.

use crate::app::base::app_href;
use crate::app::names::Names;
use crate::app::query::paths;
use crate::app::session::Session;
use crate::components::status_badge::{BadgeKind, LiveStatusBadge, StatusLevel};
use crate::components::time::{count_text, duration_words, LiveTime, TimeParts};
use crate::model::UserProcessingResult;
use crate::table::Table;
use leptos::prelude::*;
use std::time::Duration;

/// How long a row must show the same user before it asks for the name.
const NAME_DELAY: Duration = Duration::from_millis(150);

/// Everything a row shows for one result, as text.
#[derive(Clone, Debug, Default, PartialEq)]
struct UserCells {
    subject_id: String,
    href: String,
    status: String,
    exec: String,
    version: String,
    tasks: String,
    failed: String,
    any_failed: bool,
    unprocessed: String,
    started: TimeParts,
    completed: TimeParts,
    duration: String,
}

impl UserCells {
    fn of(r: &UserProcessingResult, wf: &str, run: &str) -> Self {
        let wire = |s: Option<&str>| s.unwrap_or_default().to_string();
        UserCells {
            subject_id: r.subject_id().unwrap_or_default().to_string(),
            href: app_href(&paths::user_result(wf, run, &r.id)),
            status: wire(r.processing_status.as_ref().map(|s| s.as_str())),
            exec: wire(r.workflow_execution_type.as_ref().map(|s| s.as_str())),
            version: count_text(r.workflow_version),
            tasks: count_text(r.total_tasks_count),
            failed: count_text(r.failed_tasks_count),
            any_failed: r.failed_tasks_count.unwrap_or(0) > 0,
            unprocessed: count_text(r.total_unprocessed_tasks_count),
            started: TimeParts::of(r.started_date_time),
            completed: TimeParts::of(r.completed_date_time),
            duration: duration_words(r.duration()),
        }
    }
}

/// The cells of the row element that shows the result at `index`.
#[component]
pub fn PooledUserRow(
    index: Signal<Option<u32>>,
    rows: RwSignal<Table<UserProcessingResult>>,
    wf: String,
    run: String,
    session: Session,
    names: Names,
) -> impl IntoView {
    let cells = Memo::new(move |_| {
        let i = index.get()?;
        rows.with(|t| t.get(i).map(|r| UserCells::of(r, &wf, &run)))
    });
    let text = move |f: fn(&UserCells) -> String| {
        move || cells.with(|c| c.as_ref().map(f).unwrap_or_default())
    };
    let subject_id = Memo::new(move |_| cells.with(|c| c.as_ref().map(|c| c.subject_id.clone())));
    // Only rows that stay on screen ask for names: a fling or fast typing
    // shows thousands of rows for a frame each.
    Effect::new(move |_| {
        if let Some(id) = subject_id.get() {
            set_timeout(
                move || {
                    if subject_id.try_get_untracked().flatten().as_deref() == Some(id.as_str()) {
                        names.request(session, &id);
                    }
                },
                NAME_DELAY,
            );
        }
    });
    let user = move || subject_id.with(|id| id.as_deref().and_then(|id| names.get(id)));
    let link_name = move || match user() {
        Some(u) => u.name().to_string(),
        None => subject_id.with(|id| match id.as_deref() {
            Some(id) if !id.is_empty() => id.to_string(),
            _ => "—".into(),
        }),
    };
    let upn = move || {
        user()
            .and_then(|u| u.user_principal_name)
            .unwrap_or_default()
    };
    let time = move |f: fn(&UserCells) -> &TimeParts| {
        Signal::derive(move || cells.with(|c| c.as_ref().map(f).cloned().unwrap_or_default()))
    };
    view! {
        <th scope="row" class="cell-two">
            <a href=text(|c| c.href.clone())><bdi>{link_name}</bdi></a>
            <bdi class="cell-sub">{upn}</bdi>
        </th>
        <td><LiveStatusBadge kind=BadgeKind::Processing level=StatusLevel::User value=Signal::derive(text(|c| c.status.clone())) /></td>
        <td><LiveStatusBadge kind=BadgeKind::ExecutionType value=Signal::derive(text(|c| c.exec.clone())) /></td>
        <td class="num">{text(|c| c.version.clone())}</td>
        <td class="num">{text(|c| c.tasks.clone())}</td>
        <td class="num" class:failed-count=move || cells.with(|c| c.as_ref().is_some_and(|c| c.any_failed))>{text(|c| c.failed.clone())}</td>
        <td class="num">{text(|c| c.unprocessed.clone())}</td>
        <td><LiveTime parts=time(|c| &c.started) /></td>
        <td><LiveTime parts=time(|c| &c.completed) /></td>
        <td class="num">{text(|c| c.duration.clone())}</td>
        <td><a href=text(|c| c.href.clone())>"Tasks"</a></td>
    }
}
