//! Tenant-wide insights: the shapes of Graph's `insights/*ProcessedSummary`
//! and `workflowsProcessedByCategory` functions, and the same figures
//! computed from listed runs and task reports when those functions answer
//! 403 (a Global Reader) or are missing. [`Source`] says which it was.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::lenient;
use super::{ProcessingStatus, Run, TaskReport, Workflow, WorkflowCategory};

/// Where a panel's figures come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Graph's insights function.
    Insights,
    /// Computed from the runs (and task reports) of every workflow, because
    /// the function answered with this status (`None`: no answer).
    Runs { status: Option<u16> },
}

impl Source {
    /// Words for the panel.
    pub fn describe(&self) -> String {
        match self {
            Source::Insights => "Source: Graph insights".to_string(),
            Source::Runs { status: Some(403) } => {
                "Source: computed from the runs of every workflow (the insights functions need LifecycleWorkflows.Read.All and the Lifecycle Workflows Administrator role)".to_string()
            }
            Source::Runs { status } => format!(
                "Source: computed from the runs of every workflow (the insights function is not available{})",
                status.map(|s| format!(": HTTP {s}")).unwrap_or_default()
            ),
        }
    }
}

/// `workflowsInsightsSummary`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowsInsightsSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users: Option<u32>,
}

/// `workflowsInsightsByCategory`: run totals per category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct WorkflowsInsightsByCategory {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_joiner_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_leaver_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_mover_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_joiner_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_leaver_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_mover_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_joiner_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_leaver_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_mover_runs: Option<u32>,
}

/// `(total, successful, failed)` runs of one category.
pub type CategoryRuns = (Option<u32>, Option<u32>, Option<u32>);

impl WorkflowsInsightsByCategory {
    /// Joiner, mover and leaver rows, in that order.
    pub fn rows(&self) -> [(WorkflowCategory, CategoryRuns); 3] {
        [
            (
                WorkflowCategory::Joiner,
                (
                    self.total_joiner_runs,
                    self.successful_joiner_runs,
                    self.failed_joiner_runs,
                ),
            ),
            (
                WorkflowCategory::Mover,
                (
                    self.total_mover_runs,
                    self.successful_mover_runs,
                    self.failed_mover_runs,
                ),
            ),
            (
                WorkflowCategory::Leaver,
                (
                    self.total_leaver_runs,
                    self.successful_leaver_runs,
                    self.failed_leaver_runs,
                ),
            ),
        ]
    }
}

/// `topWorkflowsInsightsSummary`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopWorkflowsInsightsSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_runs: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub workflow_category: Option<WorkflowCategory>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub workflow_display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub workflow_id: String,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub workflow_version: Option<u32>,
}

/// `topTasksInsightsSummary`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TopTasksInsightsSummary {
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub failed_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub successful_users: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_string")]
    pub task_definition_display_name: Option<String>,
    #[serde(default, deserialize_with = "lenient::string")]
    pub task_definition_id: String,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_tasks: Option<u32>,
    #[serde(default, deserialize_with = "lenient::opt_u32")]
    pub total_users: Option<u32>,
}

/// Run, user and task totals of some runs, as the insights count them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Totals {
    runs: u32,
    ok_runs: u32,
    failed_runs: u32,
    users: u32,
    ok_users: u32,
    failed_users: u32,
    tasks: u32,
    ok_tasks: u32,
    failed_tasks: u32,
}

impl Totals {
    fn of<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Totals {
        let mut t = Totals::default();
        for r in runs {
            let total_tasks = r.total_tasks().unwrap_or(0);
            let failed_tasks = r.failed_tasks_count.unwrap_or(0);
            let unprocessed = r.total_unprocessed_tasks_count.unwrap_or(0);
            t.runs += 1;
            t.ok_runs += u32::from(r.processing_status == Some(ProcessingStatus::Completed));
            t.failed_runs += u32::from(r.is_failure());
            t.users += r.total_users_count.unwrap_or(0);
            t.ok_users += r.successful_users_count.unwrap_or(0);
            t.failed_users += r.failed_users_count.unwrap_or(0);
            t.tasks += total_tasks;
            t.ok_tasks += total_tasks.saturating_sub(failed_tasks + unprocessed);
            t.failed_tasks += failed_tasks;
        }
        t
    }
}

impl WorkflowsInsightsSummary {
    /// The summary of `runs` (already limited to the period).
    pub fn from_runs<'a>(runs: impl IntoIterator<Item = &'a Run>) -> Self {
        let t = Totals::of(runs);
        WorkflowsInsightsSummary {
            failed_runs: Some(t.failed_runs),
            failed_tasks: Some(t.failed_tasks),
            failed_users: Some(t.failed_users),
            successful_runs: Some(t.ok_runs),
            successful_tasks: Some(t.ok_tasks),
            successful_users: Some(t.ok_users),
            total_runs: Some(t.runs),
            total_tasks: Some(t.tasks),
            total_users: Some(t.users),
        }
    }
}

/// A workflow with its runs in the period.
pub type WorkflowRuns = (Workflow, Vec<Run>);

impl WorkflowsInsightsByCategory {
    /// The split of the runs of `workflows` by their category.
    pub fn from_workflows(workflows: &[WorkflowRuns]) -> Self {
        let of = |cat: WorkflowCategory| {
            Totals::of(
                workflows
                    .iter()
                    .filter(|(w, _)| w.category.as_ref() == Some(&cat))
                    .flat_map(|(_, runs)| runs.iter()),
            )
        };
        let (j, m, l) = (
            of(WorkflowCategory::Joiner),
            of(WorkflowCategory::Mover),
            of(WorkflowCategory::Leaver),
        );
        WorkflowsInsightsByCategory {
            failed_joiner_runs: Some(j.failed_runs),
            failed_leaver_runs: Some(l.failed_runs),
            failed_mover_runs: Some(m.failed_runs),
            successful_joiner_runs: Some(j.ok_runs),
            successful_leaver_runs: Some(l.ok_runs),
            successful_mover_runs: Some(m.ok_runs),
            total_joiner_runs: Some(j.runs),
            total_leaver_runs: Some(l.runs),
            total_mover_runs: Some(m.runs),
        }
    }
}

impl TopWorkflowsInsightsSummary {
    /// One row per workflow with runs in the period, most failed runs first.
    pub fn from_workflows(workflows: &[WorkflowRuns]) -> Vec<Self> {
        let mut rows: Vec<Self> = workflows
            .iter()
            .filter(|(_, runs)| !runs.is_empty())
            .map(|(w, runs)| {
                let t = Totals::of(runs);
                TopWorkflowsInsightsSummary {
                    failed_runs: Some(t.failed_runs),
                    failed_users: Some(t.failed_users),
                    successful_runs: Some(t.ok_runs),
                    successful_users: Some(t.ok_users),
                    total_runs: Some(t.runs),
                    total_users: Some(t.users),
                    workflow_category: w.category.clone(),
                    workflow_display_name: w.display_name.clone(),
                    workflow_id: w.id.clone(),
                    workflow_version: w.version,
                }
            })
            .collect();
        sort_top_workflows(&mut rows);
        rows
    }

    /// The workflow's name, else its id.
    pub fn name(&self) -> &str {
        self.workflow_display_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.workflow_id)
    }
}

/// Most failed runs first, then most failed users, then by name.
pub fn sort_top_workflows(rows: &mut [TopWorkflowsInsightsSummary]) {
    super::sorting::sort_by(rows, |a, b| {
        b.failed_runs
            .cmp(&a.failed_runs)
            .then(b.failed_users.cmp(&a.failed_users))
            .then_with(|| a.name().cmp(b.name()))
    });
}

impl TopTasksInsightsSummary {
    /// One row per task definition over `reports` (already limited to the
    /// runs of the period): a task counts once per user it ran for.
    pub fn from_reports<'a>(reports: impl IntoIterator<Item = &'a TaskReport>) -> Vec<Self> {
        let mut by_def: BTreeMap<String, TopTasksInsightsSummary> = BTreeMap::new();
        for r in reports {
            let Some(task) = &r.task else { continue };
            let def = task
                .task_definition_id
                .clone()
                .unwrap_or_else(|| task.id.clone());
            let row = by_def
                .entry(def.clone())
                .or_insert_with(|| TopTasksInsightsSummary {
                    task_definition_id: def,
                    task_definition_display_name: task.display_name.clone(),
                    ..Default::default()
                });
            let add = |slot: &mut Option<u32>, n: Option<u32>| {
                *slot = Some(slot.unwrap_or(0) + n.unwrap_or(0));
            };
            add(&mut row.total_tasks, r.total_users_count);
            add(&mut row.successful_tasks, r.successful_users_count);
            add(&mut row.failed_tasks, r.failed_users_count);
            add(&mut row.total_users, r.total_users_count);
            add(&mut row.successful_users, r.successful_users_count);
            add(&mut row.failed_users, r.failed_users_count);
        }
        let mut rows: Vec<Self> = by_def
            .into_values()
            .filter(|r| r.total_tasks.unwrap_or(0) > 0)
            .collect();
        sort_top_tasks(&mut rows);
        rows
    }

    /// The task's name, else its definition id.
    pub fn name(&self) -> &str {
        self.task_definition_display_name
            .as_deref()
            .filter(|n| !n.is_empty())
            .unwrap_or(&self.task_definition_id)
    }
}

/// Most failed tasks first, then by name.
pub fn sort_top_tasks(rows: &mut [TopTasksInsightsSummary]) {
    super::sorting::sort_by(rows, |a, b| {
        b.failed_tasks
            .cmp(&a.failed_tasks)
            .then_with(|| a.name().cmp(b.name()))
    });
}

/// Every panel of the insights screen with the source of its figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Insights {
    pub summary: Option<(WorkflowsInsightsSummary, Source)>,
    pub by_category: Option<(WorkflowsInsightsByCategory, Source)>,
    pub top_workflows: Option<(Vec<TopWorkflowsInsightsSummary>, Source)>,
    pub top_tasks: Option<(Vec<TopTasksInsightsSummary>, Source)>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::parse_json;

    fn run(status: &str, users: (u32, u32, u32), tasks: (u32, u32, u32)) -> Run {
        parse_json(&format!(
            r#"{{"id":"r","processingStatus":"{status}","totalUsersCount":{},"successfulUsersCount":{},"failedUsersCount":{},"totalTasksCount":{},"failedTasksCount":{},"totalUnprocessedTasksCount":{}}}"#,
            users.0, users.1, users.2, tasks.0, tasks.1, tasks.2
        ))
        .unwrap()
    }

    fn workflow(id: &str, category: &str) -> Workflow {
        parse_json(&format!(
            r#"{{"id":"{id}","displayName":"WF {id}","category":"{category}","version":2}}"#
        ))
        .unwrap()
    }

    #[test]
    fn graph_shapes_parse() {
        let s: WorkflowsInsightsSummary = parse_json(r#"{"@odata.context":"x","failedRuns":1,"failedTasks":2,"failedUsers":3,"successfulRuns":4,"successfulTasks":5,"successfulUsers":6,"totalRuns":7,"totalTasks":8,"totalUsers":9}"#).unwrap();
        assert_eq!(
            (s.total_runs, s.failed_users, s.successful_tasks),
            (Some(7), Some(3), Some(5))
        );
        let t: TopWorkflowsInsightsSummary = parse_json(r#"{"workflowId":"w","workflowCategory":"mover","workflowDisplayName":"Move","failedRuns":2}"#).unwrap();
        assert_eq!(t.workflow_category, Some(WorkflowCategory::Mover));
        assert_eq!(t.name(), "Move");
    }

    #[test]
    fn summary_from_runs_counts_runs_users_and_tasks() {
        let runs = [
            run("completed", (3, 3, 0), (9, 0, 0)),
            run("completedWithErrors", (4, 2, 2), (12, 2, 1)),
            run("failed", (1, 0, 1), (3, 3, 0)),
            run("inProgress", (2, 0, 0), (6, 0, 6)),
        ];
        let s = WorkflowsInsightsSummary::from_runs(&runs);
        assert_eq!(s.total_runs, Some(4));
        assert_eq!(s.successful_runs, Some(1));
        assert_eq!(s.failed_runs, Some(2));
        assert_eq!(
            (s.total_users, s.successful_users, s.failed_users),
            (Some(10), Some(5), Some(3))
        );
        assert_eq!((s.total_tasks, s.failed_tasks), (Some(30), Some(5)));
        assert_eq!(s.successful_tasks, Some(30 - 5 - 7));
    }

    #[test]
    fn categories_and_top_workflows_split_by_workflow() {
        let wfs = vec![
            (
                workflow("a", "joiner"),
                vec![run("failed", (1, 0, 1), (1, 1, 0))],
            ),
            (
                workflow("b", "leaver"),
                vec![run("completed", (2, 2, 0), (2, 0, 0)); 3],
            ),
            (workflow("c", "mover"), vec![]),
        ];
        let c = WorkflowsInsightsByCategory::from_workflows(&wfs);
        assert_eq!(
            (c.total_joiner_runs, c.failed_joiner_runs),
            (Some(1), Some(1))
        );
        assert_eq!(
            (c.total_leaver_runs, c.successful_leaver_runs),
            (Some(3), Some(3))
        );
        assert_eq!(c.total_mover_runs, Some(0));
        let top = TopWorkflowsInsightsSummary::from_workflows(&wfs);
        assert_eq!(top.len(), 2, "a workflow without runs is not listed");
        assert_eq!(top[0].workflow_id, "a", "most failures first");
        assert_eq!(top[1].total_users, Some(6));
        assert_eq!(top[1].workflow_version, Some(2));
    }

    #[test]
    fn top_tasks_sum_task_reports_by_definition() {
        let rep = |def: &str, total: u32, ok: u32, bad: u32| -> TaskReport {
            parse_json(&format!(
                r#"{{"id":"x","runId":"r","totalUsersCount":{total},"successfulUsersCount":{ok},"failedUsersCount":{bad},"task":{{"id":"t-{def}","displayName":"Task {def}","taskDefinitionId":"{def}"}}}}"#
            ))
            .unwrap()
        };
        let reports = [rep("d1", 5, 5, 0), rep("d2", 4, 1, 3), rep("d1", 2, 1, 1)];
        let top = TopTasksInsightsSummary::from_reports(&reports);
        assert_eq!(top.len(), 2);
        assert_eq!(top[0].task_definition_id, "d2");
        assert_eq!(
            (top[0].total_tasks, top[0].failed_tasks),
            (Some(4), Some(3))
        );
        assert_eq!(
            (
                top[1].total_tasks,
                top[1].successful_tasks,
                top[1].failed_tasks
            ),
            (Some(7), Some(6), Some(1))
        );
        assert_eq!(top[1].name(), "Task d1");
    }

    #[test]
    fn source_names_the_permission_on_403() {
        assert!(Source::Runs { status: Some(403) }
            .describe()
            .contains("LifecycleWorkflows.Read.All"));
        assert!(Source::Runs { status: Some(404) }
            .describe()
            .contains("HTTP 404"));
        assert_eq!(Source::Insights.describe(), "Source: Graph insights");
    }
}
