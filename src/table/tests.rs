//! Unit tests of the table's cached sort orders: the fast path (filtering a
//! cached full-table order) must equal the straightforward filter-then-sort,
//! plus an ignored timing probe over 100,000 rows (prints, never asserts).

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use super::{Table, ViewSpec};
use crate::graph::SortDir;
use crate::model::{ProcessingStatus, Subject, UserProcessingResult};
use crate::table::{TableRow, UserResultColumn};

fn status(n: u32) -> Option<ProcessingStatus> {
    match n % 5 {
        0 => Some(ProcessingStatus::Completed),
        1 => Some(ProcessingStatus::Failed),
        2 => Some(ProcessingStatus::CompletedWithErrors),
        3 => Some(ProcessingStatus::InProgress),
        _ => None,
    }
}

fn row(i: u32, seed: u32) -> UserProcessingResult {
    let mix = i.wrapping_mul(2_654_435_761).wrapping_add(seed);
    UserProcessingResult {
        id: format!("r{i}"),
        processing_status: status(mix >> 3),
        started_date_time: (!mix.is_multiple_of(7))
            .then(|| Utc.timestamp_opt(i64::from(mix % 50_000), 0).single())
            .flatten(),
        total_tasks_count: (!mix.is_multiple_of(3)).then_some(mix % 11),
        subject: Some(Subject {
            id: format!("s-{}", mix % 977),
            display_name: (!mix.is_multiple_of(4)).then(|| format!("User {} Name", mix % 313)),
            ..Subject::default()
        }),
        ..UserProcessingResult::default()
    }
}

fn rows(n: u32, seed: u32) -> Vec<UserProcessingResult> {
    (0..n).map(|i| row(i, seed)).collect()
}

/// The straightforward view: filter, then stable sort, then failed first.
fn reference(table: &Table<UserProcessingResult>, spec: &ViewSpec<UserResultColumn>) -> Vec<u32> {
    let mut indexes = table.filter(spec);
    if let Some((column, dir)) = spec.sort {
        table.sort(&mut indexes, column, dir);
    }
    if spec.failed_first {
        indexes.sort_by_key(|&i| !table.get(i).is_some_and(TableRow::is_failure));
    }
    indexes
}

fn spec_of(
    search: &str,
    column: Option<usize>,
    desc: bool,
    failed_first: bool,
    only_failures: bool,
) -> ViewSpec<UserResultColumn> {
    let columns = UserProcessingResult::columns();
    let dir = if desc { SortDir::Desc } else { SortDir::Asc };
    ViewSpec {
        search: search.to_string(),
        statuses: Vec::new(),
        only_failures,
        failed_first,
        sort: column.and_then(|c| columns.get(c % columns.len()).map(|&c| (c, dir))),
    }
}

proptest! {
    #[test]
    fn cached_view_equals_fresh_filter_and_sort(
        n in 0u32..120,
        seed in any::<u32>(),
        pages in 1usize..4,
        searches in proptest::collection::vec("[a-z0-9 ]{0,4}", 1..5),
        column in proptest::option::of(0usize..13),
        desc in any::<bool>(),
        failed_first in any::<bool>(),
        only_failures in any::<bool>(),
    ) {
        let all = rows(n, seed);
        let mut table = Table::default();
        let size = all.len() / pages + 1;
        for page in all.chunks(size) {
            table.push_rows(page.to_vec());
            for search in &searches {
                let spec = spec_of(search, column, desc, failed_first, only_failures);
                prop_assert_eq!(table.view(&spec), reference(&table, &spec));
                // Again, now from the cache.
                prop_assert_eq!(table.view(&spec), reference(&table, &spec));
                let flipped = spec_of(search, column, !desc, failed_first, only_failures);
                prop_assert_eq!(table.view(&flipped), reference(&table, &flipped));
            }
        }
        let clone = table.clone();
        let spec = spec_of("", column, desc, failed_first, only_failures);
        prop_assert_eq!(clone.view(&spec), reference(&table, &spec));
    }
}

#[test]
fn cache_is_dropped_when_names_change() {
    let mut table = Table::new(rows(50, 7));
    let spec = spec_of("", Some(0), false, false, false);
    let before = table.view(&spec);
    assert_eq!(before, reference(&table, &spec));
    let names = table
        .rows()
        .iter()
        .filter_map(|r| r.subject.as_ref())
        .map(|s| {
            let user = crate::model::GraphUser {
                id: s.id.clone(),
                display_name: Some(format!("z{}", s.id)),
                user_principal_name: None,
            };
            (s.id.clone(), user)
        })
        .collect();
    table.set_names(names);
    assert_eq!(table.view(&spec), reference(&table, &spec));
}

#[test]
#[ignore = "timing probe: cargo test --release --lib table::tests::timing -- --ignored --nocapture"]
fn timing_100k() {
    use std::time::Instant;
    let table = Table::new(rows(100_000, 1));
    let columns = [
        UserResultColumn::User,
        UserResultColumn::Started,
        UserResultColumn::Status,
    ];
    for column in columns {
        for dir in [SortDir::Asc, SortDir::Desc, SortDir::Asc] {
            let spec = ViewSpec {
                sort: Some((column, dir)),
                ..ViewSpec::default()
            };
            let start = Instant::now();
            let n = table.view(&spec).len();
            println!("sort {column:?} {dir:?}: {n} rows in {:?}", start.elapsed());
        }
    }
    for q in ["u", "us", "use", "user 1", "user 12", "s-9"] {
        let spec = ViewSpec {
            search: q.to_string(),
            sort: Some((UserResultColumn::User, SortDir::Asc)),
            ..ViewSpec::default()
        };
        let start = Instant::now();
        let n = table.view(&spec).len();
        println!(
            "search {q:?} sorted by user: {n} rows in {:?}",
            start.elapsed()
        );
    }
}
