//! Filtering, searching, sorting, counting and CSV over table rows.

use chrono::{TimeZone, Utc};
use std::sync::Arc;

use lifecycle_viewer::model::{
    GraphUser, ProcessingStatus, Run, SortDir, Subject, UserProcessingResult,
};
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
    let csv = table.to_csv(&[1], &["user", "status", "started"]);
    assert_eq!(
        csv,
        "User,Status,Started (UTC)\r\nBob Stone,failed,2024-01-01T00:01:00Z\r\n"
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
        Some(Run::columns().len())
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
