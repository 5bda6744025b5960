//! Pieces of the run's users tab around the table: the task filter
//! (`task=` from a Task reports row: only the users for whom that task did
//! not complete) and its note, and the empty state that fits what was asked
//! and never contradicts an error banner.

use super::query::RunQuery;
use crate::app::load::paged::PagedRows;
use crate::app::url::screen_query::ScreenWriter;
use crate::components::feedback::EmptyState;
use crate::model::UserProcessingResult;
use crate::pages::empty::{empty_kind, EmptyKind, TableState, BECAUSE_OF_ERROR};
use crate::table::Table;
use leptos::prelude::*;

/// `order` without the users for whom task `task` completed.
pub(super) fn keep_task(
    table: &Table<UserProcessingResult>,
    mut order: Vec<u32>,
    task: Option<&str>,
) -> Vec<u32> {
    if let Some(task) = task {
        order.retain(|&i| table.get(i).is_some_and(|r| r.task_unfinished(task)));
    }
    order
}

/// The name of task `task_id` as the loaded user results tell it.
pub(super) fn task_name<'a>(
    rows: impl IntoIterator<Item = &'a UserProcessingResult>,
    task_id: &str,
) -> Option<String> {
    rows.into_iter()
        .flat_map(|r| r.task_processing_results.iter())
        .filter_map(|t| t.task.as_ref())
        .find(|t| t.id == task_id)
        .map(|t| t.name().to_string())
}

/// What the filters ask, in words, for the "no user matches" hint.
pub(super) fn none_match_hint(query: &RunQuery) -> String {
    let mut asked = Vec::new();
    if !query.q.trim().is_empty() {
        asked.push(format!("the search “{}”", query.q.trim()));
    }
    if !query.statuses.is_empty() {
        let names: Vec<String> = query
            .statuses
            .iter()
            .map(|s| s.label().to_string())
            .collect();
        asked.push(format!("the status filter ({})", names.join(", ")));
    }
    if query.only_failures {
        asked.push("the “Only failures” view".to_string());
    }
    if query.task.is_some() {
        asked.push("the task filter".to_string());
    }
    if asked.is_empty() {
        return "No loaded user result is left to show.".to_string();
    }
    format!(
        "Nothing matches {}. Change or clear it to see more users.",
        asked.join(" and ")
    )
}

/// "Only users for whom task X did not complete" with a way back to all.
#[component]
pub(crate) fn TaskFilterNote(
    users: PagedRows<UserProcessingResult>,
    query: Memo<RunQuery>,
    writer: ScreenWriter<RunQuery>,
) -> impl IntoView {
    move || {
        let task = query.with(|q| q.task.clone())?;
        let name = users
            .rows
            .with(|t| task_name(t.rows(), &task))
            .unwrap_or_else(|| task.clone());
        Some(view! {
            <p class="banner banner-info filter-note" role="status">
                <span>"Only users for whom the task "<strong>{name}</strong>" did not complete (failed or not run)."</span>
                <button type="button" class="btn btn-small" on:click=move |_| writer.update(|q| q.task = None)>
                    "Show all users"
                </button>
            </p>
        })
    }
}

/// The users table's empty state.
#[component]
pub(crate) fn UsersEmpty(
    users: PagedRows<UserProcessingResult>,
    order: Memo<Vec<u32>>,
    query: Memo<RunQuery>,
    /// The run did not load (its error banner is above).
    run_failed: Signal<bool>,
) -> impl IntoView {
    move || {
        let state = TableState {
            loaded: users.rows.with(Table::len),
            shown: order.with(Vec::len),
            error: run_failed.get() || users.error.with(Option::is_some),
            settled: users.finished.get() && !users.loading.get(),
        };
        let view = match empty_kind(state)? {
            EmptyKind::BecauseOfError => view! { <EmptyState title=BECAUSE_OF_ERROR hint="" /> },
            EmptyKind::NothingLoaded => view! {
                <EmptyState title="No user results" hint="Graph has no user processing results for this run (yet): no user was in scope, or the run has not started." />
            },
            EmptyKind::NoneMatch => view! {
                <EmptyState title="No user matches the filters" hint=query.with(none_match_hint) />
            },
        };
        Some(view)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::url::screen_query::ScreenQuery;
    use crate::model::{ProcessingStatus, Task, TaskProcessingResult};

    fn user(id: &str, unfinished: &[&str]) -> UserProcessingResult {
        UserProcessingResult {
            id: id.into(),
            task_processing_results: unfinished
                .iter()
                .map(|k| TaskProcessingResult {
                    processing_status: Some(ProcessingStatus::Failed),
                    task: Some(Task {
                        id: k.to_string(),
                        display_name: Some(format!("Task {k}")),
                        ..Task::default()
                    }),
                    ..TaskProcessingResult::default()
                })
                .collect(),
            ..UserProcessingResult::default()
        }
    }

    #[test]
    fn the_task_filter_keeps_users_whose_task_did_not_complete() {
        let table = Table::new(vec![
            user("a", &["k1"]),
            user("b", &[]),
            user("c", &["k2", "k1"]),
        ]);
        assert_eq!(keep_task(&table, vec![2, 1, 0], Some("k1")), vec![2, 0]);
        assert_eq!(keep_task(&table, vec![0, 1], None), vec![0, 1]);
        assert_eq!(task_name(table.rows(), "k2").as_deref(), Some("Task k2"));
        assert_eq!(task_name(table.rows(), "zz"), None);
    }

    #[test]
    fn the_hint_names_only_the_filters_in_force() {
        let (mut q, _) = RunQuery::parse(&[] as &[(&str, &str)]);
        assert!(!none_match_hint(&q).contains("search"));
        q.q = "graham".into();
        q.statuses = vec![ProcessingStatus::Failed];
        let hint = none_match_hint(&q);
        assert!(hint.contains("the search “graham”"), "{hint}");
        assert!(hint.contains("status filter (Failed)"), "{hint}");
        assert!(!hint.contains("task"), "{hint}");
    }
}
