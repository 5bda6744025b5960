//! Filtering, searching, sorting, counting and CSV over table rows, and the
//! column tables of every row type. Native only (proptest).
#![cfg(not(target_arch = "wasm32"))]

use chrono::{TimeZone, Utc};
use std::sync::Arc;

use lifecycle_viewer::model::{
    GraphUser, ProcessingStatus, Run, SortDir, Subject, UserProcessingResult,
};
use lifecycle_viewer::table::failures::FailureRow;
use lifecycle_viewer::table::{csv_field, Names, Sort, Table, TableRow, ViewSpec};
use proptest::prelude::*;

fn upr(
    id: &str,
    subject: &str,
    status: Option<ProcessingStatus>,
    started_min: Option<u32>,
) -> UserProcessingResult {
    UserProcessingResult {
        id: id.into(),
        processing_status: status,
        started_date_time: started_min
            .and_then(|m| Utc.with_ymd_and_hms(2024, 1, 1, 0, m, 0).single()),
        subject: Some(Subject {
            id: subject.into(),
            ..Subject::default()
        }),
        ..UserProcessingResult::default()
    }
}

fn sample() -> Table<UserProcessingResult> {
    use ProcessingStatus::*;
    Table::new(vec![
        upr("r0", "s-ann", Some(Completed), Some(5)),
        upr("r1", "s-bob", Some(Failed), Some(1)),
        upr("r2", "s-cid", None, None),
        upr("r3", "s-dee", Some(CompletedWithErrors), Some(9)),
        upr("r4", "s-eve", Some(Unknown("brandNew".into())), Some(1)),
    ])
}

fn names() -> Arc<Names> {
    [
        ("s-ann", "Ann Lee", "ann@contoso.com"),
        ("s-bob", "Bob Stone", "bob@contoso.com"),
    ]
    .into_iter()
    .map(|(id, n, upn)| {
        (
            id.to_string(),
            GraphUser {
                id: id.into(),
                display_name: Some(n.into()),
                user_principal_name: Some(upn.into()),
            },
        )
    })
    .collect::<Names>()
    .into()
}

#[test]
fn an_empty_spec_shows_every_row_in_arrival_order() {
    assert_eq!(sample().view(&ViewSpec::default()), vec![0, 1, 2, 3, 4]);
}

#[test]
fn search_matches_names_upns_and_ids_case_insensitively() {
    let mut table = sample();
    let spec = |s: &str| ViewSpec {
        search: s.into(),
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&spec("ann")), vec![0], "id contains ann");
    assert!(table.view(&spec("stone")).is_empty(), "names not yet known");
    table.set_names(names());
    assert_eq!(table.view(&spec("STONE")), vec![1]);
    assert_eq!(table.view(&spec("contoso.com bob")), vec![1]);
    assert_eq!(table.view(&spec("contoso")), vec![0, 1]);
    assert_eq!(table.view(&spec("R3")), vec![3]);
    assert!(table.view(&spec("nobody")).is_empty());
}

#[test]
fn status_filters_and_failure_modes() {
    let mut table = sample();
    let spec = ViewSpec {
        statuses: vec![ProcessingStatus::Failed, ProcessingStatus::Completed],
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&spec), vec![0, 1]);
    let only = ViewSpec {
        only_failures: true,
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&only), vec![1, 3]);
    let first = ViewSpec {
        failed_first: true,
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&first), vec![1, 3, 0, 2, 4]);
    assert_eq!(table.failure_count(), 2);
}

#[test]
fn sorting_is_stable_with_missing_values_last_both_ways() {
    let mut table = sample();
    let by = |dir| ViewSpec {
        sort: Some(Sort {
            column: "started",
            dir,
        }),
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&by(SortDir::Asc)), vec![1, 4, 0, 3, 2]);
    assert_eq!(table.view(&by(SortDir::Desc)), vec![3, 0, 1, 4, 2]);
    let mut named = sample();
    named.set_names(names());
    let by_user = ViewSpec {
        sort: Some(Sort {
            column: "user",
            dir: SortDir::Asc,
        }),
        ..ViewSpec::default()
    };
    assert_eq!(named.view(&by_user)[..2], [0, 1]);
}

#[test]
fn counts_by_status_put_failures_first() {
    let table = sample();
    let counts = table.status_counts(None);
    assert_eq!(counts.first(), Some(&(ProcessingStatus::Failed, 1)));
    assert_eq!(
        counts.iter().map(|(_, n)| n).sum::<usize>(),
        4,
        "row without status not counted"
    );
    let some = table.status_counts(Some(&[0, 0, 1]));
    assert_eq!(
        some.iter()
            .find(|(s, _)| *s == ProcessingStatus::Completed)
            .map(|c| c.1),
        Some(2)
    );
}

#[test]
fn paging_appends_rows_with_search_keys() {
    let mut table = sample();
    table.push_rows(vec![upr(
        "late",
        "s-zed",
        Some(ProcessingStatus::Failed),
        None,
    )]);
    assert_eq!(table.len(), 6);
    assert_eq!(
        table.view(&ViewSpec {
            search: "zed".into(),
            ..ViewSpec::default()
        }),
        vec![5]
    );
}

#[test]
fn csv_quotes_and_defuses_cells() {
    assert_eq!(csv_field("plain"), "plain");
    assert_eq!(csv_field("a,b"), "\"a,b\"");
    assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    assert_eq!(csv_field("=SUM(A1)"), "'=SUM(A1)");
    let mut table = sample();
    table.set_names(names());
    // The user's UPN and id come along whatever is shown; a status is
    // written as shown and as Graph's value.
    let csv = table.to_csv(&[1], &["user", "status", "started"]);
    assert_eq!(
        csv,
        "User,UPN,User id,Status,Status (Graph value),Started (UTC)\r\nBob Stone,bob@contoso.com,s-bob,Failed,failed,2024-01-01T00:01:00Z\r\n"
    );
    let runs = Table::new(vec![Run {
        id: "x".into(),
        total_tasks_counts: Some(3),
        ..Run::default()
    }]);
    let all = runs.to_csv(&[0], &[]);
    assert_eq!(all.lines().count(), 2);
    assert_eq!(
        all.lines().next().map(|h| h.split(',').count()),
        Some(Run::columns().len() + 1),
        "every column, the status as two"
    );
    let tasks = runs.to_csv(&[0], &["tasks"]);
    assert!(tasks.ends_with("\r\n3\r\n"));
}

#[test]
fn a_hundred_thousand_rows_filter_and_sort_correctly() {
    let statuses = [
        ProcessingStatus::Completed,
        ProcessingStatus::Failed,
        ProcessingStatus::CompletedWithErrors,
    ];
    let rows: Vec<UserProcessingResult> = (0..100_000u32)
        .map(|i| {
            upr(
                &format!("r{i}"),
                &format!("subject-{i}"),
                statuses.get(i as usize % 3).cloned(),
                Some(i % 60),
            )
        })
        .collect();
    let mut table = Table::new(rows);
    let spec = ViewSpec {
        search: "subject-9".into(),
        failed_first: true,
        sort: Some(Sort {
            column: "started",
            dir: SortDir::Desc,
        }),
        ..ViewSpec::default()
    };
    let view = table.view(&spec);
    // "subject-9", "subject-9x", "subject-9xx", "subject-9xxx", "subject-9xxxx".
    assert_eq!(view.len(), 11_111);
    let failed_first = view
        .iter()
        .map(|&index| table.get(index).is_some_and(|row| row.is_failure()))
        .collect::<Vec<_>>();
    let first_success = failed_first.iter().position(|failed| !failed);
    if let Some(first_success) = first_success {
        assert!(failed_first[first_success..].iter().all(|failed| !failed));
    }
}

proptest! {
    #[test]
    fn views_are_permutations_of_matching_rows(mins in prop::collection::vec(prop::option::of(0u32..60), 0..60), desc in any::<bool>()) {
        let rows: Vec<_> = mins.iter().enumerate().map(|(i, m)| upr(&format!("r{i}"), "s", Some(ProcessingStatus::Completed), *m)).collect();
        let mut table = Table::new(rows);
        let dir = if desc { SortDir::Desc } else { SortDir::Asc };
        let view = table.view(&ViewSpec { sort: Some(Sort { column: "started", dir }), ..ViewSpec::default() });
        let mut sorted = view.clone();
        sorted.sort_unstable();
        prop_assert_eq!(sorted, (0..mins.len() as u32).collect::<Vec<_>>());
        let keys: Vec<_> = view.iter().map(|&i| mins[i as usize]).collect();
        let first_none = keys.iter().position(Option::is_none).unwrap_or(keys.len());
        prop_assert!(keys[first_none..].iter().all(Option::is_none));
        let present: Vec<u32> = keys[..first_none].iter().flatten().copied().collect();
        let ordered = present.windows(2).all(|w| if desc { w[0] >= w[1] } else { w[0] <= w[1] });
        prop_assert!(ordered);
    }

    #[test]
    fn search_never_panics(text in ".{0,30}") {
        let _ = sample().view(&ViewSpec { search: text, ..ViewSpec::default() });
    }
}

// ---- Column tables: one static slice per row type drives everything. ----

use lifecycle_viewer::model::{
    Cell, ExecutionType, Level, Task, TaskCategory, TaskProcessingResult, TaskReport,
};
use lifecycle_viewer::table::{export_text, search_text, sort_key, Column, Priority, Width};
use std::borrow::Cow;
use std::collections::HashSet;

fn at_min(m: u32) -> Option<chrono::DateTime<Utc>> {
    Utc.with_ymd_and_hms(2024, 1, 1, 0, m, 0).single()
}

fn sample_runs() -> Vec<Run> {
    let full = |i: u32| Run {
        id: format!("run-{i}"),
        processing_status: Some(ProcessingStatus::InProgress),
        workflow_execution_type: Some(ExecutionType::OnDemand),
        scheduled_date_time: at_min(i),
        started_date_time: at_min(i + 1),
        completed_date_time: at_min(i + 3),
        total_users_count: Some(i),
        successful_users_count: Some(i),
        failed_users_count: Some(i),
        total_tasks_counts: Some(i),
        failed_tasks_count: Some(i),
        total_unprocessed_tasks_count: Some(i),
        ..Run::default()
    };
    vec![Run::default(), full(2), full(1), Run::default(), full(7)]
}

fn sample_users() -> Vec<UserProcessingResult> {
    let full = |i: u32| UserProcessingResult {
        id: format!("res-{i}"),
        processing_status: Some(ProcessingStatus::Failed),
        workflow_execution_type: Some(ExecutionType::Scheduled),
        workflow_version: Some(i),
        scheduled_date_time: at_min(i),
        started_date_time: at_min(i + 1),
        completed_date_time: at_min(i + 2),
        total_tasks_count: Some(i),
        failed_tasks_count: Some(i),
        total_unprocessed_tasks_count: Some(i),
        subject: Some(Subject {
            id: format!("s-{i}"),
            display_name: Some(format!("Person {i}")),
            user_principal_name: Some(format!("p{i}@contoso.com")),
        }),
        task_processing_results: Vec::new(),
    };
    vec![UserProcessingResult::default(), full(3), full(1), full(2)]
}

fn task(i: u32) -> Task {
    Task {
        id: format!("task-{i}"),
        display_name: Some(format!("Send mail {i}")),
        category: Some(TaskCategory::from_wire("leaver")),
        execution_sequence: Some(i),
        continue_on_error: Some(i.is_multiple_of(2)),
        ..Task::default()
    }
}

fn sample_reports() -> Vec<TaskReport> {
    let full = |i: u32| TaskReport {
        id: format!("rep-{i}"),
        run_id: Some(format!("run-{i}")),
        processing_status: Some(ProcessingStatus::CompletedWithErrors),
        total_users_count: Some(i),
        successful_users_count: Some(i),
        failed_users_count: Some(i),
        unprocessed_users_count: Some(i),
        started_date_time: at_min(i),
        completed_date_time: at_min(i + 1),
        task: Some(task(i)),
        ..TaskReport::default()
    };
    vec![full(2), TaskReport::default(), full(1)]
}

fn sample_tasks() -> Vec<TaskProcessingResult> {
    let full = |i: u32| TaskProcessingResult {
        id: format!("tr-{i}"),
        processing_status: Some(ProcessingStatus::Completed),
        created_date_time: at_min(i),
        started_date_time: at_min(i + 1),
        completed_date_time: at_min(i + 2),
        failure_reason: Some(format!("Mailbox {i} not found")),
        subject: Some(Subject {
            id: format!("s-{i}"),
            ..Subject::default()
        }),
        task: Some(task(i)),
        ..TaskProcessingResult::default()
    };
    vec![full(5), TaskProcessingResult::default(), full(4)]
}

fn keys<R: TableRow>() -> Vec<&'static str> {
    R::columns().iter().map(|c| c.key).collect()
}

fn default_titles<R: TableRow>() -> Vec<&'static str> {
    R::columns()
        .iter()
        .filter(|c| c.priority.shown_by_default())
        .map(|c| c.title)
        .collect()
}

fn check_keys<R: TableRow>() {
    let all = keys::<R>();
    let unique: HashSet<&str> = all.iter().copied().collect();
    assert_eq!(unique.len(), all.len(), "duplicate key in {all:?}");
    for column in R::columns() {
        let found = R::column(column.key).map(|c| c as *const Column<R>);
        assert_eq!(found, Some(column as *const Column<R>), "{}", column.key);
        assert!(!column.title.is_empty());
    }
    for unknown in ["", "nope", "Status", "failedFirst", "status "] {
        assert!(R::column(unknown).is_none(), "{unknown:?}");
    }
}

#[test]
fn keys_are_unique_and_found_and_unknown_keys_rejected() {
    check_keys::<Run>();
    check_keys::<UserProcessingResult>();
    check_keys::<TaskReport>();
    check_keys::<TaskProcessingResult>();
    check_keys::<FailureRow>();
}

/// Each (URL key, header text) pair exists, in this display order (other
/// columns may sit in between: adding one does not touch this test).
fn check_headers<R: TableRow>(expected: &[(&str, &str)]) {
    let position = |key: &str| R::columns().iter().position(|c| c.key == key);
    let mut last = None;
    for &(key, title) in expected {
        assert_eq!(R::column(key).map(|c| c.title), Some(title), "{key}");
        let at = position(key);
        assert!(at > last, "{key} out of order");
        last = at;
    }
}

#[test]
fn url_keys_and_header_texts_are_todays() {
    check_headers::<Run>(&[
        ("status", "Status"),
        ("type", "Type"),
        ("scheduled", "Scheduled"),
        ("started", "Started"),
        ("completed", "Completed"),
        ("duration", "Duration"),
        ("users", "Users"),
        ("usersOk", "Users succeeded"),
        ("usersFailed", "Users failed"),
        ("tasks", "Tasks"),
        ("tasksFailed", "Tasks failed"),
        ("tasksUnprocessed", "Tasks unprocessed"),
        ("id", "Run id"),
    ]);
    check_headers::<UserProcessingResult>(&[
        ("user", "User"),
        ("status", "Status"),
        ("failedTask", "Failed task"),
        ("reason", "Reason"),
        ("type", "Type"),
        ("version", "Version"),
        ("tasks", "Tasks"),
        ("tasksFailed", "Failed"),
        ("tasksUnprocessed", "Unprocessed"),
        ("started", "Started"),
        ("completed", "Completed"),
        ("duration", "Duration"),
    ]);
    check_headers::<UserProcessingResult>(&[
        ("upn", "UPN"),
        ("userId", "User id"),
        ("scheduled", "Scheduled"),
        ("id", "Result id"),
    ]);
    check_headers::<FailureRow>(&[
        ("user", "User"),
        ("upn", "UPN"),
        ("userId", "User id"),
        ("status", "Status"),
        ("workflow", "Workflow"),
        ("workflowId", "Workflow id"),
        ("task", "Failed task"),
        ("reason", "Reason"),
        ("time", "Failed at"),
        ("run", "Run id"),
        ("result", "Result id"),
    ]);
    check_headers::<TaskReport>(&[
        ("task", "Task"),
        ("status", "Status"),
        ("users", "Users"),
        ("usersOk", "Succeeded"),
        ("usersFailed", "Failed"),
        ("usersUnprocessed", "Unprocessed"),
        ("started", "Started"),
        ("completed", "Completed"),
        ("runId", "Run id"),
        ("id", "Report id"),
    ]);
    check_headers::<TaskProcessingResult>(&[
        ("order", "Order"),
        ("task", "Task"),
        ("status", "Status"),
        ("category", "Category"),
        ("user", "User"),
        ("created", "Created"),
        ("started", "Started"),
        ("completed", "Completed"),
        ("duration", "Duration"),
        ("reason", "Failure reason"),
        ("continueOnError", "Continue on error"),
        ("id", "Result id"),
    ]);
}

#[test]
fn default_columns_fit_a_1280_px_window() {
    assert!(default_titles::<Run>().len() <= 9);
    assert!(default_titles::<UserProcessingResult>().len() <= 9);
    assert!(default_titles::<TaskReport>().len() <= 9);
    assert!(default_titles::<TaskProcessingResult>().len() <= 9);
    let optional = |key: &str, priority: Option<Priority>| {
        assert_eq!(priority, Some(Priority::Optional), "{key}");
    };
    // Runs keep Scheduled (deep links sort by it) and fold the total task count.
    for key in ["id", "tasks", "usersOk", "tasksUnprocessed"] {
        optional(key, Run::column(key).map(|c| c.priority));
    }
    // A run's users share its execution type: Type folds away; the task
    // counts fold too, so Failed task and Reason fit beside the times.
    for key in [
        "id",
        "upn",
        "userId",
        "scheduled",
        "version",
        "type",
        "tasks",
        "tasksFailed",
        "tasksUnprocessed",
    ] {
        optional(key, UserProcessingResult::column(key).map(|c| c.priority));
    }
    for key in ["id", "runId"] {
        optional(key, TaskReport::column(key).map(|c| c.priority));
    }
    assert_eq!(
        default_titles::<UserProcessingResult>(),
        [
            "User",
            "Status",
            "Failed task",
            "Reason",
            "Started",
            "Duration"
        ]
    );
}

#[test]
fn numeric_widths_are_num_and_export_titles_carry_units() {
    for (width, num) in [
        (Width::Count, true),
        (Width::Duration, true),
        (Width::Time, false),
        (Width::Text, false),
        (Width::Id, false),
        (Width::User, false),
        (Width::Status, false),
        (Width::Type, false),
        (Width::Long, false),
    ] {
        let has_num = width.class().split(' ').any(|c| c == "num");
        assert_eq!(has_num, num, "{width:?}");
    }
    let titles = |key| Run::column(key).map(|c| c.export_titles());
    assert_eq!(titles("started"), Some(vec!["Started (UTC)".to_string()]));
    assert_eq!(titles("duration"), Some(vec!["Duration (s)".to_string()]));
    assert_eq!(titles("users"), Some(vec!["Users".to_string()]));
    // A status is two CSV columns: as the screen shows it, and Graph's value.
    assert_eq!(
        titles("status"),
        Some(vec![
            "Status".to_string(),
            "Status (Graph value)".to_string()
        ])
    );
}

#[test]
fn each_cell_kind_exports_sorts_and_searches() {
    let failed = ProcessingStatus::CompletedWithErrors;
    let on_demand = ExecutionType::OnDemand;
    let user = |name: Option<&'static str>| Cell::User {
        id: Cow::Borrowed("s-1"),
        name: name.map(Cow::Borrowed),
        upn: Some(Cow::Borrowed("ann@x.com")),
    };
    let cases: Vec<(Cell, &str, &str)> = vec![
        (Cell::Text(Cow::Borrowed("=Mail")), "=Mail", "=mail\n"),
        (Cell::Id(Cow::Borrowed("AbC")), "AbC", "abc\n"),
        (Cell::Count(Some(42)), "42", "42\n"),
        (
            Cell::Time(at_min(1)),
            "2024-01-01T00:01:00Z",
            "2024-01-01t00:01:00z\n",
        ),
        (
            Cell::Duration(Some(chrono::Duration::milliseconds(1_549))),
            "1.5",
            "1.5\n",
        ),
        (
            Cell::Status(Some(Cow::Borrowed(&failed)), Level::Run),
            "completedWithErrors",
            "completed with errors\n",
        ),
        (
            Cell::Execution(Some(Cow::Borrowed(&on_demand))),
            "onDemand",
            "on demand\n",
        ),
        (Cell::Flag(Some(true)), "true", "true\n"),
        (user(Some("Ann")), "Ann", "ann\nann@x.com\ns-1\n"),
        (user(None), "s-1", "ann@x.com\ns-1\n"),
    ];
    for (cell, export, search) in cases {
        assert_eq!(export_text(&cell), export, "{cell:?}");
        let mut text = String::new();
        search_text(&cell, &mut text);
        assert_eq!(text.to_lowercase(), search, "{cell:?}");
        assert!(!sort_key(&cell).is_missing(), "{cell:?}");
        assert_eq!(cell.clone().into_owned(), cell);
    }
    let missing = [
        Cell::Text(Cow::Borrowed("")),
        Cell::Id(Cow::Borrowed("")),
        Cell::Count(None),
        Cell::Time(None),
        Cell::Duration(None),
        Cell::Status(None, Level::TaskReport),
        Cell::Execution(None),
        Cell::Flag(None),
        Cell::User {
            id: Cow::Borrowed(""),
            name: None,
            upn: None,
        },
    ];
    for cell in missing {
        assert_eq!(export_text(&cell), "", "{cell:?}");
        assert!(sort_key(&cell).is_missing(), "{cell:?}");
        let mut text = String::new();
        search_text(&cell, &mut text);
        assert!(text.is_empty(), "{cell:?}");
    }
    let csv = Table::new(vec![TaskProcessingResult {
        id: "t".into(),
        task: Some(task(3)),
        ..TaskProcessingResult::default()
    }])
    .to_csv(&[0], &["continueOnError", "order", "duration", "nope"]);
    // In the column table's order (the order on screen), unknown keys left out.
    assert_eq!(csv, "Order,Duration (s),Continue on error\r\n3,,false\r\n");
}

/// Sorting by every column, both ways, puts the rows whose cell is missing
/// after all the others and never panics.
fn check_sorts<R: TableRow>(rows: Vec<R>) {
    let mut table = Table::new(rows);
    for column in R::columns() {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let spec = ViewSpec {
                sort: Some(Sort {
                    column: column.key,
                    dir,
                }),
                ..ViewSpec::default()
            };
            let view = table.view(&spec);
            assert_eq!(view.len(), table.len());
            let missing: Vec<bool> = view
                .iter()
                .map(|&i| table.cell(i, column.key).is_none_or(|c| c.is_missing()))
                .collect();
            let first = missing.iter().position(|&m| m).unwrap_or(missing.len());
            assert!(
                missing[first..].iter().all(|&m| m),
                "{} {dir:?}: {missing:?}",
                column.key
            );
        }
    }
    assert!(table.cell(0, "no such column").is_none());
    assert!(table.cell(u32::MAX, R::columns()[0].key).is_none());
}

#[test]
fn every_column_of_every_table_sorts_with_missing_last() {
    check_sorts(sample_runs());
    check_sorts(sample_users());
    check_sorts(sample_reports());
    check_sorts(sample_tasks());
}

/// A column whose value reads names must say so (`uses_names`), or the
/// table would not re-sort it when names arrive.
fn check_names_use<R: TableRow>(rows: &[R], names: &Names) {
    let none = Names::new();
    for column in R::columns() {
        for row in rows {
            let differs = (column.value)(row, &none) != (column.value)(row, names);
            assert!(!differs || column.uses_names(), "{}", column.key);
        }
    }
}

#[test]
fn columns_that_read_names_say_so() {
    let names: Names = (1..8)
        .map(|i| {
            let id = format!("s-{i}");
            let user = GraphUser {
                id: id.clone(),
                display_name: Some(format!("Resolved {i}")),
                user_principal_name: Some(format!("r{i}@x")),
            };
            (id, user)
        })
        .collect();
    check_names_use(&sample_runs(), &names);
    check_names_use(&sample_users(), &names);
    check_names_use(&sample_reports(), &names);
    check_names_use(&sample_tasks(), &names);
    assert!(UserProcessingResult::column("upn").is_some_and(|c| c.uses_names()));
}

#[test]
fn search_covers_todays_fields() {
    let spec = |s: &str| ViewSpec {
        search: s.into(),
        ..ViewSpec::default()
    };
    let mut runs = Table::new(sample_runs());
    assert_eq!(runs.view(&spec("run-7")), vec![4]);
    assert_eq!(runs.view(&spec("in progress")).len(), 3);
    assert_eq!(runs.view(&spec("on demand")).len(), 3);
    let mut users = Table::new(sample_users());
    assert_eq!(users.view(&spec("res-3")), vec![1]);
    assert_eq!(users.view(&spec("person 2")), vec![3]);
    assert_eq!(users.view(&spec("p1@contoso")), vec![2]);
    assert_eq!(users.view(&spec("s-3")), vec![1]);
    let mut reports = Table::new(sample_reports());
    assert_eq!(reports.view(&spec("send mail 1")), vec![2]);
    assert_eq!(reports.view(&spec("run-2")), vec![0]);
    assert_eq!(reports.view(&spec("rep-1")), vec![2]);
    let mut tasks = Table::new(sample_tasks());
    assert_eq!(tasks.view(&spec("mail 4")), vec![2]);
    assert_eq!(tasks.view(&spec("mailbox 5")), vec![0]);
    assert_eq!(tasks.view(&spec("tr-4")), vec![2]);
    assert_eq!(tasks.view(&spec("s-5")), vec![0]);
    assert!(
        tasks.view(&spec("leaver")).is_empty(),
        "category not searched"
    );
}

/// A row type made of nothing but its column slice: adding a column is one
/// entry there (no `match` elsewhere needs an arm).
#[derive(Debug, Clone, PartialEq)]
struct Probe {
    n: Option<u32>,
    label: String,
}

const PROBE_COLUMNS: &[Column<Probe>] = &[
    Column {
        key: "n",
        title: "Number",
        width: Width::Count,
        priority: Priority::Essential,
        search: false,
        value: |p, _| Cell::Count(p.n),
    },
    // The added column: this entry is the whole change.
    Column {
        key: "label",
        title: "Label",
        width: Width::Text,
        priority: Priority::Default,
        search: true,
        value: |p, _| Cell::Text(Cow::Borrowed(&p.label)),
    },
];

impl TableRow for Probe {
    fn columns() -> &'static [Column<Probe>] {
        PROBE_COLUMNS
    }
    fn status(&self) -> Option<&ProcessingStatus> {
        None
    }
    fn name_id(&self) -> Option<&str> {
        None
    }
}

#[test]
fn adding_a_column_is_one_entry() {
    let probe = |n, label: &str| Probe {
        n,
        label: label.into(),
    };
    let mut table = Table::new(vec![
        probe(Some(2), "b"),
        probe(None, "A"),
        probe(Some(1), ""),
    ]);
    let by = |column| ViewSpec {
        sort: Some(Sort {
            column,
            dir: SortDir::Asc,
        }),
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&by("label")), vec![1, 0, 2]);
    assert_eq!(table.view(&by("n")), vec![2, 0, 1]);
    let search = ViewSpec {
        search: "a".into(),
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&search), vec![1]);
    assert_eq!(table.to_csv(&[1], &[]), "Number,Label\r\n,A\r\n");
    assert_eq!(table.cell(0, "label"), Some(Cell::Text(Cow::Borrowed("b"))));
}

#[test]
fn a_table_is_plain_send_and_sync_data() {
    fn plain<T: Send + Sync + Clone + 'static>() {}
    plain::<Table<Run>>();
    plain::<Table<UserProcessingResult>>();
    plain::<Table<TaskReport>>();
    plain::<Table<TaskProcessingResult>>();
}

#[test]
fn names_are_a_shared_snapshot() {
    let mut table = sample();
    let shared = names();
    assert!(table.set_names(Arc::clone(&shared)));
    assert!(Arc::ptr_eq(&table.shared_names(), &shared));
    assert!(!table.set_names(Arc::clone(&shared)), "same snapshot");
    assert!(!table.set_names(names()), "same users");
    assert!(table.set_names(Arc::default()), "names gone");
    assert_eq!(table.names().len(), 0);
}
