//! The exact filters of the failures screen (`task=`, `workflow=`, as
//! Insights links with them): which rows they keep, and their removable
//! chips naming the task and workflow.

use super::FailuresQuery;
use crate::app::url::screen_query::ScreenWriter;
use crate::table::failures::FailureRow;
use leptos::prelude::*;

/// Whether `row` is of the task `task`: its definition id (the task's own
/// id when Graph gives none) or its name, exactly.
pub(super) fn of_task(row: &FailureRow, task: &str) -> bool {
    let Some(t) = row.task_result.as_ref() else {
        return false;
    };
    let definition = t
        .task
        .as_ref()
        .map(|k| k.task_definition_id.as_deref().unwrap_or(k.id.as_str()));
    definition == Some(task) || t.task_name() == task
}

/// Whether `row` passes the query's exact filters (an empty one keeps all).
pub(super) fn keeps(q: &FailuresQuery, row: &FailureRow) -> bool {
    (q.task.is_empty() || of_task(row, &q.task))
        && (q.workflow.is_empty() || row.workflow_id == q.workflow)
}

/// The task's name for a chip: of a row of that task, else the value itself.
pub(super) fn task_label<'a>(rows: impl IntoIterator<Item = &'a FailureRow>, task: &str) -> String {
    rows.into_iter()
        .find(|r| of_task(r, task))
        .map(|r| r.task().to_string())
        .unwrap_or_else(|| task.to_string())
}

/// One filter in force, with the button that removes it.
fn chip(label: String, on_remove: impl Fn() + 'static) -> impl IntoView {
    let remove = format!("Remove filter {label}");
    view! {
        <li class="chip">
            <span>{label}</span>
            <button type="button" class="chip-remove" aria-label=remove title="Remove this filter"
                on:click=move |_| on_remove()>"×"</button>
        </li>
    }
}

/// The chips of the exact filters in force; `task_name` and `workflow_name`
/// name them once their rows are known.
#[component]
pub(crate) fn FilterChips(
    query: Memo<FailuresQuery>,
    writer: ScreenWriter<FailuresQuery>,
    task_name: Signal<String>,
    workflow_name: Signal<String>,
) -> impl IntoView {
    move || {
        let (task, workflow) = query.with(|q| (!q.task.is_empty(), !q.workflow.is_empty()));
        (task || workflow).then(|| {
            let task = task.then(|| {
                chip(format!("Task: {}", task_name.get()), move || {
                    writer.update(|q| q.task.clear())
                })
            });
            let workflow = workflow.then(|| {
                chip(format!("Workflow: {}", workflow_name.get()), move || {
                    writer.update(|q| q.workflow.clear())
                })
            });
            view! { <ul class="chips" aria-label="Filters">{task}{workflow}</ul> }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{parse_json, Run, UserProcessingResult, Workflow};

    fn row(wf: &str, def: Option<&str>, name: &str) -> FailureRow {
        let def = def
            .map(|d| format!(r#","taskDefinitionId":"{d}""#))
            .unwrap_or_default();
        let result: UserProcessingResult = parse_json(&format!(
            r#"{{"id":"u","processingStatus":"failed","subject":{{"id":"a"}},"taskProcessingResults":[{{"id":"t","processingStatus":"failed","failureReason":"x","task":{{"id":"k-{name}","displayName":"{name}"{def}}}}}]}}"#
        ))
        .unwrap();
        let workflow: Workflow =
            parse_json(&format!(r#"{{"id":"{wf}","displayName":"W {wf}"}}"#)).unwrap();
        let run: Run = parse_json(r#"{"id":"r"}"#).unwrap();
        FailureRow::of(&workflow, &run, &result).remove(0)
    }

    #[test]
    fn a_task_is_its_definition_or_its_exact_name_not_words_of_it() {
        let last_day = row("w1", Some("d-last"), "Send email on user's last day");
        let before = row("w1", Some("d-before"), "Send email before user's last day");
        assert!(of_task(&last_day, "d-last"));
        assert!(!of_task(&before, "d-last"));
        assert!(of_task(&last_day, "Send email on user's last day"));
        assert!(!of_task(&last_day, "Send email"));
        let no_definition = row("w1", None, "Custom");
        assert!(of_task(&no_definition, "k-Custom"));
        assert_eq!(
            task_label([&before, &last_day], "d-last"),
            "Send email on user's last day"
        );
        assert_eq!(task_label([&before], "d-last"), "d-last");
    }

    #[test]
    fn the_filters_keep_rows_of_their_task_and_workflow() {
        let rows = [
            row("w1", Some("d1"), "A"),
            row("w2", Some("d1"), "A"),
            row("w2", Some("d2"), "B"),
        ];
        let kept = |q: &FailuresQuery| rows.iter().filter(|r| keeps(q, r)).count();
        let mut q = FailuresQuery::default();
        assert_eq!(kept(&q), 3);
        q.task = "d1".into();
        assert_eq!(kept(&q), 2);
        q.workflow = "w2".into();
        assert_eq!(kept(&q), 1);
        q.task.clear();
        assert_eq!(kept(&q), 2);
    }
}
