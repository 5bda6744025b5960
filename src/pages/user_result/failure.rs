//! The failure first: which tasks of a user result failed, their reasons
//! and the correlation id Graph put in the processing info, with Copy
//! buttons, and the fix beside them: the user's page in the Entra admin
//! center of the session's cloud, the user's manager field when the reason
//! is a missing manager, the page of a group the reason names; and which
//! tasks did not run (one line each, no empty boxes).

use crate::app::session::context::SessionContext;
use crate::components::admin_center_link::AdminCenterLink;
use crate::components::copy_button::CopyButton;
use crate::components::status_badge::{BadgeValue, StatusBadge};
use crate::model::{Level, TaskProcessingResult};
use crate::pages::admin_center::{group_href, user_href, user_manager_href};
use crate::table::reasons::{guids_in, named_group_ids, names_a_group, names_the_manager};
use leptos::prelude::*;

/// The failed task results, in the order given (execution order).
pub(super) fn failed_tasks(tasks: &[TaskProcessingResult]) -> Vec<&TaskProcessingResult> {
    tasks.iter().filter(|t| t.is_failure()).collect()
}

/// Whether a task result is of a task that did not run for the user
/// (never started and not a failure: queued, canceled, skipped).
pub(super) fn did_not_run(t: &TaskProcessingResult) -> bool {
    t.started_date_time.is_none() && !t.is_failure()
}

/// The correlation id written after "correlation id" (any case, then `:`
/// or `=`) in `text`: hex digits and dashes, at least 8 long.
pub(super) fn correlation_id(text: &str) -> Option<&str> {
    const LABEL: &str = "correlation id";
    let lower = text.to_ascii_lowercase();
    let at = lower.find(LABEL)? + LABEL.len();
    let rest = text[at..].trim_start_matches(|c: char| c == ':' || c == '=' || c.is_whitespace());
    let end = rest
        .find(|c: char| !(c.is_ascii_hexdigit() || c == '-'))
        .unwrap_or(rest.len());
    let id = rest[..end].trim_end_matches('-');
    (id.len() >= 8).then_some(id)
}

/// The correlation id of a task result: in its processing info, else in
/// its failure reason.
pub(super) fn task_correlation_id(t: &TaskProcessingResult) -> Option<&str> {
    [t.processing_info.as_deref(), t.failure_reason.as_deref()]
        .into_iter()
        .flatten()
        .find_map(correlation_id)
}

/// "2. Send welcome email": the task with its place in the order.
pub(super) fn numbered_name(t: &TaskProcessingResult) -> String {
    let seq = t
        .task
        .as_ref()
        .and_then(|k| k.execution_sequence)
        .map(|s| format!("{s}. "))
        .unwrap_or_default();
    format!("{seq}{}", t.task_name())
}

/// The groups a failed task's reason is about: the ids it names, else,
/// when it speaks of a group without its id, the task's group arguments.
pub(super) fn reason_groups(t: &TaskProcessingResult) -> Vec<String> {
    let reason = t.failure_reason.as_deref().unwrap_or_default();
    let named = named_group_ids(reason);
    if !named.is_empty() || !names_a_group(reason) {
        return named;
    }
    let arguments = t
        .task
        .as_ref()
        .map(|k| k.arguments.as_slice())
        .unwrap_or_default();
    let mut ids: Vec<String> = Vec::new();
    for a in arguments
        .iter()
        .filter(|a| a.name.to_lowercase().contains("group"))
    {
        for id in guids_in(&a.value) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The summary at the top of the user page; nothing when no task failed.
#[component]
pub(crate) fn FailureSummary(
    tasks: Vec<TaskProcessingResult>,
    /// The user's object id (empty when Graph gave none).
    user_id: String,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let failed: Vec<TaskProcessingResult> = failed_tasks(&tasks).into_iter().cloned().collect();
    (!failed.is_empty()).then(|| {
        let items = failed
            .into_iter()
            .map(|t| view! { <FailedTask t user_id=user_id.clone() /> })
            .collect_view();
        let user = (!user_id.is_empty()).then(|| {
            let id = user_id.clone();
            view! {
                <p class="fix-links">
                    <AdminCenterLink href=Signal::derive(move || user_href(session, &id))
                        text="Open the user in Entra admin center"
                        hint="The user's profile in the Entra admin center: properties, groups, authentication methods" />
                </p>
            }
        });
        view! {
            <section class="failure-summary" aria-labelledby="failure-summary-title">
                <h2 id="failure-summary-title">"What failed"</h2>
                {user}
                <ul>{items}</ul>
            </section>
        }
    })
}

/// The fixes beside one failed task: the user's manager field, the
/// groups its reason is about.
fn fix_links(session: SessionContext, t: &TaskProcessingResult, user_id: &str) -> Option<AnyView> {
    let reason = t.failure_reason.as_deref().unwrap_or_default();
    let manager = (names_the_manager(reason) && !user_id.is_empty()).then(|| {
        let id = user_id.to_string();
        view! {
            <li><AdminCenterLink href=Signal::derive(move || user_manager_href(session, &id))
                text="Set the user's manager"
                hint="The user's Properties in the Entra admin center: Manager is under Job information" /></li>
        }
    });
    let groups = reason_groups(t);
    if manager.is_none() && groups.is_empty() {
        return None;
    }
    let groups = groups
        .into_iter()
        .map(|id| {
            let text = format!("Open group {id}");
            view! {
                <li><AdminCenterLink href=Signal::derive(move || group_href(session, &id))
                    text
                    hint="The group in the Entra admin center: its members and, for a dynamic group, its membership rule" /></li>
            }
        })
        .collect_view();
    Some(
        view! {
            <div class="fix-links">
                <span>"Fix it in the Entra admin center:"</span>
                <ul class="inline-list" aria-label="Fixes in the Entra admin center">{manager}{groups}</ul>
            </div>
        }
        .into_any(),
    )
}

/// One failed task in the summary: name, status, reason, correlation id,
/// and its fixes.
#[component]
fn FailedTask(t: TaskProcessingResult, user_id: String) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let fixes = fix_links(session, &t, &user_id);
    let status = BadgeValue::Processing(t.processing_status.clone(), Level::Task);
    let reason = t.failure_reason.clone().filter(|r| !r.trim().is_empty());
    let correlation = task_correlation_id(&t).map(String::from);
    let reason_view = match reason {
        Some(r) => view! {
            <p class="reason">{r.clone()}</p>
            <CopyButton text=r label="Copy reason" />
        }
        .into_any(),
        None => {
            view! { <p class="muted">"Graph gave no failure reason for this task."</p> }.into_any()
        }
    };
    view! {
        <li class="failed-task">
            <p class="failed-task-name"><strong>{numbered_name(&t)}</strong> <StatusBadge value=status /></p>
            {reason_view}
            {correlation.map(|id| view! {
                <p class="correlation">"Correlation ID: " <code>{id.clone()}</code> " " <CopyButton text=id label="Copy correlation ID" /></p>
            })}
            {fixes}
        </li>
    }
}

/// A task that did not run, on one line.
#[component]
pub(crate) fn NotRunLine(t: TaskProcessingResult) -> impl IntoView {
    let status = BadgeValue::Processing(t.processing_status.clone(), Level::Task);
    view! {
        <li class="task-line">
            <span>{numbered_name(&t)}</span> <StatusBadge value=status />
            <span class="muted">"did not run"</span>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ProcessingStatus;

    fn task(status: ProcessingStatus, started: bool) -> TaskProcessingResult {
        TaskProcessingResult {
            processing_status: Some(status),
            started_date_time: started.then(chrono::Utc::now),
            ..TaskProcessingResult::default()
        }
    }

    #[test]
    fn correlation_ids_are_found_after_their_label() {
        assert_eq!(
            correlation_id(
                "Attempt 3 of 3 failed. Correlation id: 0a1b2c3d-4e5f-6789-abcd-ef0123456789"
            ),
            Some("0a1b2c3d-4e5f-6789-abcd-ef0123456789")
        );
        assert_eq!(
            correlation_id("CORRELATION ID=deadbeef1234. Retry later."),
            Some("deadbeef1234")
        );
        assert_eq!(correlation_id("Correlation id: n/a"), None);
        assert_eq!(correlation_id("no id here"), None);
        let t = TaskProcessingResult {
            failure_reason: Some("Mailbox missing. Correlation id: 12345678-aaaa".into()),
            ..TaskProcessingResult::default()
        };
        assert_eq!(task_correlation_id(&t), Some("12345678-aaaa"));
    }

    #[test]
    fn a_group_reason_points_at_its_group_or_the_task_s_group_argument() {
        let with = |reason: &str| -> TaskProcessingResult {
            crate::model::parse_json(&format!(
                r#"{{"id":"t","processingStatus":"failed","failureReason":"{reason}","task":{{"id":"k","arguments":[{{"name":"groupID","value":"0732F92D-6eb5-4560-80a4-4bf242a7d501"}},{{"name":"cc","value":"8f3c1c2e-55e2-4a3b-9c7d-1f0e2d3c4b5a"}}]}}}}"#
            ))
            .unwrap()
        };
        assert_eq!(
            reason_groups(&with("The group 'Sales EMEA' is a dynamic membership group; members can't be added directly.")),
            vec!["0732f92d-6eb5-4560-80a4-4bf242a7d501"]
        );
        assert_eq!(
            reason_groups(&with("Insufficient privileges to complete the operation on group 4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11.")),
            vec!["4b2f6c1e-1d6a-4c55-9a0e-2b1f3f1f9a11"]
        );
        assert!(reason_groups(&with("The team is archived.")).is_empty());
    }

    #[test]
    fn failures_are_listed_and_unrun_tasks_told_apart() {
        let tasks = vec![
            task(ProcessingStatus::Completed, true),
            task(ProcessingStatus::Failed, true),
            task(ProcessingStatus::Canceled, false),
            task(ProcessingStatus::CompletedWithErrors, false),
        ];
        assert_eq!(failed_tasks(&tasks).len(), 2);
        let not_run: Vec<bool> = tasks.iter().map(did_not_run).collect();
        assert_eq!(not_run, [false, false, true, false]);
    }
}
