//! The run's Task reports tab: one row per task, in execution order, with
//! the columns of the task report table. A task's name opens the run's
//! users for whom that task did not complete (`task=` in the URL), and the
//! status says how many users succeeded, so a "Completed" task whose users
//! were all left unprocessed does not read as a success.

use crate::app::api;
use crate::app::export::download::file_name;
use crate::app::load::resource::screen_resource;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::{paths, query_string};
use crate::components::feedback::EmptyState;
use crate::format::thousands;
use crate::model::TaskReport;
use crate::pages::data_grid::DataGrid;
use crate::pages::loaded::loaded;
use crate::pages::run::run_export_stem;
use crate::table::{default_columns, Table};
use leptos::prelude::*;

/// The link to the run's users filtered to one task.
pub(super) fn users_of_task_href(wf: &str, run: &str, task_id: &str) -> String {
    let query = query_string(&[("task", task_id.to_string())]);
    app_href(&format!("{}{query}", paths::run(wf, run)))
}

/// "3 of 12 succeeded · 1 failed · 8 unprocessed": the users behind a task
/// report's status (zero parts left out); `None` without a user total.
pub(super) fn report_counts(r: &TaskReport) -> Option<String> {
    let total = r.total_users_count?;
    let ok = r.successful_users_count.unwrap_or(0);
    let mut parts = vec![format!(
        "{} of {} succeeded",
        thousands(ok.into()),
        thousands(total.into())
    )];
    for (n, word) in [
        (r.failed_users_count, "failed"),
        (r.unprocessed_users_count, "unprocessed"),
    ] {
        if let Some(n) = n.filter(|n| *n > 0) {
            parts.push(format!("{} {word}", thousands(n.into())));
        }
    }
    Some(parts.join(" · "))
}

/// The task reports tab.
#[component]
pub(crate) fn TaskReportsTab(wf: String, run: String) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let (w, r) = (wf.clone(), run.clone());
    let reports = screen_resource(move || api::task_reports(session, w.clone(), r.clone()));
    loaded(reports, 4, move |list: Vec<TaskReport>| {
        if list.is_empty() {
            return view! { <EmptyState title="No task reports" hint="Graph has no task reports for this run." /> }.into_any();
        }
        let mut list = list;
        crate::model::sorting::sort_by_key(&mut list, |r| {
            r.task
                .as_ref()
                .and_then(|t| t.execution_sequence)
                .unwrap_or(u32::MAX)
        });
        task_report_table(&wf, &run, list).into_any()
    })
}

/// The status cell's second line: the user counts behind it.
fn report_sub(key: &'static str, report: &TaskReport) -> Option<String> {
    (key == "status").then(|| report_counts(report)).flatten()
}

/// The task name opens its users: "Users of task <name>".
fn report_link(wf: &str, run: &str, report: &TaskReport) -> Option<(String, String)> {
    let task = report.task.clone().unwrap_or_default();
    Some((
        users_of_task_href(wf, run, &task.id),
        format!("Users of task {}", task.name()),
    ))
}

/// A table of task reports in execution order, cells from the column
/// table, with Export CSV and JSON of all of them.
fn task_report_table(wf: &str, run: &str, list: Vec<TaskReport>) -> impl IntoView {
    let (wf, run) = (wf.to_string(), run.to_string());
    let run_id = run.clone();
    let count = u32::try_from(list.len()).unwrap_or(u32::MAX);
    let table = RwSignal::new(Table::new(list));
    let order = Memo::new(move |_| (0..count).collect::<Vec<u32>>());
    let shown = Memo::new(|_| default_columns::<TaskReport>());
    view! {
        <DataGrid
            rows=table
            order
            shown
            caption="Task reports of the run"
            link=move |report: &TaskReport| report_link(&wf, &run, report)
            sub_text=report_sub
            file_name=move |_| file_name(&[&run_export_stem(&run_id), "task-reports"], "csv")
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_stand_beside_a_completed_status() {
        let report = TaskReport {
            total_users_count: Some(12),
            successful_users_count: Some(0),
            failed_users_count: Some(0),
            unprocessed_users_count: Some(12),
            ..TaskReport::default()
        };
        assert_eq!(
            report_counts(&report).as_deref(),
            Some("0 of 12 succeeded · 12 unprocessed")
        );
        let clean = TaskReport {
            total_users_count: Some(1200),
            successful_users_count: Some(1199),
            failed_users_count: Some(1),
            ..TaskReport::default()
        };
        assert_eq!(
            report_counts(&clean).as_deref(),
            Some("1,199 of 1,200 succeeded · 1 failed")
        );
        assert_eq!(report_counts(&TaskReport::default()), None);
    }

    #[test]
    fn a_task_opens_its_users_on_the_run_screen() {
        assert_eq!(
            users_of_task_href("w", "r", "k 1"),
            "/workflows/w/runs/r?task=k%201"
        );
    }
}
