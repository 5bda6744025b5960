//! The tasks in execution order: name, the task definition's name (from
//! `taskDefinitions`; without access the task's own name stays and a note
//! says why), enabled, continue on error, and each argument's value as text.

use crate::app::api::ApiResult;
use crate::format::definition::{argument_value, yes_no};
use crate::model::definition::{definition_of, TaskDefinition};
use crate::model::{Task, Workflow};
use crate::pages::loaded::error_details;
use leptos::prelude::*;

/// The definition's name, else "not listed".
fn definition_name(defs: Option<&[TaskDefinition]>, task: &Task) -> String {
    let Some(id) = task.task_definition_id.as_deref() else {
        return "Not given".into();
    };
    match defs {
        None => id.to_string(),
        Some(defs) => definition_of(defs, id)
            .and_then(|d| d.display_name.clone())
            .unwrap_or_else(|| format!("Not a listed definition ({id})")),
    }
}

/// The tasks section.
#[component]
pub(super) fn TaskList(
    workflow: Workflow,
    definitions: LocalResource<ApiResult<Vec<TaskDefinition>>>,
) -> impl IntoView {
    let tasks: Vec<Task> = workflow.tasks_in_order().into_iter().cloned().collect();
    let note = move || match definitions.get() {
        Some(Err(e)) => Some(view! {
            <p class="source-note" role="note">
                "Task definition names could not be read: " {error_details(&e).message}
                " The tasks' own names are shown."
            </p>
        }),
        _ => None,
    };
    let empty = tasks.is_empty();
    view! {
        <section aria-labelledby="wf-tasks">
            <h2 id="wf-tasks">"Tasks"</h2>
            {note}
            {empty.then(|| view! { <p class="empty-note">"This workflow has no tasks."</p> })}
            <ol class="workflow-tasks" aria-label="Tasks in execution order">
                {tasks.into_iter().map(|t| view! { <TaskItem task=t definitions /> }).collect_view()}
            </ol>
        </section>
    }
}

/// One task.
#[component]
fn TaskItem(
    task: Task,
    definitions: LocalResource<ApiResult<Vec<TaskDefinition>>>,
) -> impl IntoView {
    let name = task.name().to_string();
    let task_for_def = task.clone();
    let definition = move || {
        definitions.with(|d| match d {
            Some(Ok(defs)) => definition_name(Some(defs.as_slice()), &task_for_def),
            _ => definition_name(None, &task_for_def),
        })
    };
    let arguments = task.arguments.clone();
    let label = format!("Arguments of {name}");
    view! {
        <li class="workflow-task">
            <h3>{name.clone()}</h3>
            {task.description.clone().map(|d| view! { <p class="muted">{d}</p> })}
            <dl class="facts" aria-label=format!("Task {name}")>
                <div><dt>"Definition"</dt><dd>{definition}</dd></div>
                <div><dt>"Enabled"</dt><dd>{yes_no(task.is_enabled)}</dd></div>
                <div><dt>"Continue on error"</dt><dd>{yes_no(task.continue_on_error)}</dd></div>
            </dl>
            {if arguments.is_empty() {
                view! { <p class="muted">"No arguments."</p> }.into_any()
            } else {
                view! {
                    <ul class="task-arguments" aria-label=label>
                        {arguments.into_iter().map(|a| view! {
                            <li><code>{a.name.clone()}</code>" = "<span class="mono">{argument_value(&a.value)}</span></li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_names_its_definition_or_says_why_not() {
        let defs = vec![TaskDefinition {
            id: "d1".into(),
            display_name: Some("Add user to groups".into()),
            ..TaskDefinition::default()
        }];
        let task = |id: Option<&str>| Task {
            task_definition_id: id.map(String::from),
            ..Task::default()
        };
        assert_eq!(
            definition_name(Some(&defs), &task(Some("D1"))),
            "Add user to groups"
        );
        assert_eq!(
            definition_name(Some(&defs), &task(Some("zz"))),
            "Not a listed definition (zz)"
        );
        assert_eq!(definition_name(None, &task(Some("d1"))), "d1");
        assert_eq!(definition_name(Some(&defs), &task(None)), "Not given");
    }
}
