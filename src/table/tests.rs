//! Unit tests of the table's cached sort orders: the fast path (filtering a
//! cached full-table order) must equal the straightforward filter-then-sort,
//! plus an ignored timing probe over 100,000 rows (prints, never asserts).

use chrono::{TimeZone, Utc};
use proptest::prelude::*;

use std::sync::Arc;

use super::{Names, Sort, Table, ViewSpec};
use crate::model::{ProcessingStatus, SortDir, Subject, UserProcessingResult};
use crate::table::TableRow;

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
fn reference(table: &Table<UserProcessingResult>, spec: &ViewSpec) -> Vec<u32> {
    let mut indexes = table.filter(spec);
    if let Some(Sort { column, dir }) = spec.sort {
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
) -> ViewSpec {
    let columns = UserProcessingResult::columns();
    let dir = if desc { SortDir::Desc } else { SortDir::Asc };
    ViewSpec {
        search: search.to_string(),
        statuses: Vec::new(),
        only_failures,
        failed_first,
        sort: column.and_then(|c| {
            columns
                .get(c % columns.len())
                .map(|c| Sort { column: c.key, dir })
        }),
    }
}

proptest! {
    #[test]
    fn cached_view_equals_fresh_filter_and_sort(
        n in 0u32..120,
        seed in any::<u32>(),
        pages in 1usize..4,
        searches in proptest::collection::vec("[a-z0-9 ]{0,4}", 1..5),
        column in proptest::option::of(0usize..16),
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
        let mut clone = table.clone();
        let spec = spec_of("", column, desc, failed_first, only_failures);
        prop_assert_eq!(clone.view(&spec), reference(&table, &spec));
    }
}

proptest! {
    #[test]
    fn typing_and_deleting_equals_fresh_views(
        n in 0u32..150,
        seed in any::<u32>(),
        needle in "[a-z0-9 -]{1,6}",
        column in proptest::option::of(0usize..16),
        desc in any::<bool>(),
        failed_first in any::<bool>(),
    ) {
        let mut table = Table::new(rows(n, seed));
        let prefixes: Vec<&str> = (0..=needle.len()).map(|k| &needle[..k]).collect();
        for search in prefixes.iter().chain(prefixes.iter().rev()) {
            let spec = spec_of(search, column, desc, failed_first, false);
            prop_assert_eq!(table.view(&spec), reference(&table, &spec));
        }
    }
}

proptest! {
    #[test]
    fn views_after_names_arrive_equal_fresh_views(
        n in 0u32..150,
        seed in any::<u32>(),
        named in proptest::collection::vec(0u32..977, 0..30),
        search in "[a-z0-9 ]{0,3}",
        column in proptest::option::of(0usize..16),
        desc in any::<bool>(),
        failed_first in any::<bool>(),
    ) {
        let mut table = Table::new(rows(n, seed));
        let specs = [
            spec_of(&search, column, desc, failed_first, false),
            spec_of("", Some(0), desc, false, false),
            spec_of("1", Some(1), !desc, false, false),
        ];
        for spec in &specs {
            table.view(spec);
        }
        for round in 0..2u32 {
            let names: Names = named
                .iter()
                .map(|m| {
                    let id = format!("s-{m}");
                    let user = crate::model::GraphUser {
                        id: id.clone(),
                        display_name: Some(format!("n{} {round}", m % 7)),
                        user_principal_name: Some(format!("u{m}@x")),
                    };
                    (id, user)
                })
                .collect();
            table.set_names(Arc::new(names));
            // Filters and searches follow the names at once; orders by
            // name keep their rows in place until asked to sort again.
            for spec in &specs {
                let mut frozen = table.view(spec);
                let mut fresh = reference(&table, spec);
                frozen.sort_unstable();
                fresh.sort_unstable();
                prop_assert_eq!(frozen, fresh);
            }
            table.resort_names();
            for spec in &specs {
                prop_assert_eq!(table.view(spec), reference(&table, spec));
            }
        }
    }
}

proptest! {
    #[test]
    fn orders_computed_ahead_equal_fresh_views(
        n in 0u32..150,
        seed in any::<u32>(),
        named_ids in proptest::collection::vec(0u32..977, 0..30),
        search in "[a-z0-9 ]{0,3}",
        column in 0usize..16,
        desc in any::<bool>(),
        failed_first in any::<bool>(),
    ) {
        let mut table = Table::new(rows(n, seed));
        let keys: Vec<&str> = UserProcessingResult::columns().iter().map(|c| c.key).collect();
        let mut warmed = 0;
        while table.warm_order(&keys) {
            warmed += 1;
            prop_assert!(warmed <= keys.len(), "each column is computed once");
        }
        prop_assert_eq!(warmed, keys.len());
        let ids: Vec<String> = named_ids.iter().map(|i| format!("s-{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        table.set_names(Arc::new(named(&refs, "Zed")));
        for spec in [
            spec_of(&search, Some(column), desc, failed_first, false),
            spec_of(&search, Some(column), !desc, failed_first, false),
        ] {
            prop_assert_eq!(table.view(&spec), reference(&table, &spec));
        }
    }
}

proptest! {
    #[test]
    fn orders_computed_ahead_in_slices_equal_fresh_views(
        n in 0u32..150,
        seed in any::<u32>(),
        slice in 1usize..40,
        named_ids in proptest::collection::vec(0u32..977, 0..30),
        push_at in 0usize..12,
        name_at in 0usize..12,
        search in "[a-z0-9 ]{0,3}",
        column in 0usize..16,
        desc in any::<bool>(),
    ) {
        let all = rows(n, seed);
        let half = all.len() / 2;
        let mut table = Table::new(all[..half].to_vec());
        let keys: Vec<&str> = UserProcessingResult::columns().iter().map(|c| c.key).collect();
        let ids: Vec<String> = named_ids.iter().map(|i| format!("s-{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let (mut calls, mut pushed) = (0, false);
        while table.warm_order_slice(&keys, slice) {
            calls += 1;
            prop_assert!(calls < 10_000, "warming ends");
            // Rows and names arrive while orders are being computed.
            if calls == push_at {
                table.push_rows(all[half..].to_vec());
                pushed = true;
            }
            if calls == name_at {
                table.set_names(Arc::new(named(&refs, "Zed")));
            }
        }
        if !pushed {
            table.push_rows(all[half..].to_vec());
            while table.warm_order_slice(&keys, slice) {}
        }
        table.set_names(Arc::new(named(&refs, "Amy")));
        for spec in [
            spec_of(&search, Some(column), desc, false, false),
            spec_of(&search, Some(column), !desc, true, false),
        ] {
            prop_assert_eq!(table.view(&spec), reference(&table, &spec));
        }
    }
}

#[test]
fn cache_is_dropped_when_names_change() {
    let mut table = Table::new(rows(50, 7));
    let spec = spec_of("", Some(0), false, false, false);
    let before = table.view(&spec);
    assert_eq!(before, reference(&table, &spec));
    let names: Names = table
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
    assert!(table.set_names(Arc::new(names)));
    table.resort_names();
    assert_eq!(table.view(&spec), reference(&table, &spec));
}

fn named(ids: &[&str], prefix: &str) -> Names {
    ids.iter()
        .map(|id| {
            let user = crate::model::GraphUser {
                id: id.to_string(),
                display_name: Some(format!("{prefix} {id}")),
                user_principal_name: Some(format!("{id}@contoso.test")),
            };
            (id.to_string(), user)
        })
        .collect()
}

fn bare_row(i: u32, subject: &str) -> UserProcessingResult {
    UserProcessingResult {
        id: format!("r{i}"),
        subject: Some(Subject {
            id: subject.to_string(),
            ..Subject::default()
        }),
        ..UserProcessingResult::default()
    }
}

#[test]
fn search_matches_names_and_upns_as_soon_as_they_arrive() {
    let mut table = Table::new(vec![bare_row(0, "id-a"), bare_row(1, "id-b")]);
    let by_name = ViewSpec {
        search: "graham".into(),
        ..ViewSpec::default()
    };
    let by_upn = ViewSpec {
        search: "id-b@contoso".into(),
        ..ViewSpec::default()
    };
    // Asked before any name is known (a shared link): nothing matches.
    assert!(table.view(&by_name).is_empty());
    assert!(table.view(&by_upn).is_empty());
    assert!(table.set_names(Arc::new(named(&["id-b"], "Graham"))));
    // The same searches, without retyping, now match by name and by UPN.
    assert_eq!(table.view(&by_name), vec![1]);
    assert_eq!(table.view(&by_upn), vec![1]);
    // Rows arriving after the names are searched by name too.
    table.push_rows(vec![bare_row(2, "id-b")]);
    assert_eq!(table.view(&by_name), vec![1, 2]);
}

#[test]
fn unnamed_ids_are_the_first_rows_without_a_known_name_once_each() {
    let rows = vec![
        bare_row(0, "a"),
        bare_row(1, "b"),
        bare_row(2, "a"),
        bare_row(3, ""),
        bare_row(4, "c"),
        bare_row(5, "d"),
    ];
    let mut table = Table::new(rows);
    table.set_names(Arc::new(named(&["b"], "Known")));
    let all: Vec<u32> = (0..6).collect();
    assert_eq!(table.unnamed_ids(&all, 5), vec!["a", "c"]);
    assert_eq!(table.unnamed_ids(&all, 2), vec!["a"]);
    assert_eq!(table.unnamed_ids(&[5, 4], 10), vec!["d", "c"]);
}

#[test]
fn a_sort_by_user_stays_put_when_names_arrive_until_asked_to_sort_again() {
    let ids = ["id-1", "id-2", "id-3", "id-4"];
    let rows: Vec<UserProcessingResult> =
        (0u32..).zip(ids).map(|(i, id)| bare_row(i, id)).collect();
    let mut table = Table::new(rows);
    let spec = ViewSpec {
        sort: Some(Sort {
            column: "user",
            dir: SortDir::Asc,
        }),
        ..ViewSpec::default()
    };
    assert_eq!(table.view(&spec), vec![0, 1, 2, 3]);
    let state = table.name_sort(&spec).expect("sorted by a name column");
    assert_eq!((state.unnamed, state.stale), (4, false));
    // "Zed" and "Amy" arrive for the first two: the rows stay where they are.
    let mut names = named(&["id-1"], "Zed");
    names.extend(named(&["id-2"], "Amy"));
    assert!(table.set_names(Arc::new(names)));
    assert_eq!(table.view(&spec), vec![0, 1, 2, 3]);
    let state = table.name_sort(&spec).expect("sorted by a name column");
    assert_eq!((state.unnamed, state.stale), (2, true));
    // Asked to sort again: by the names known now (ids sort after letters
    // here because "id-" > "amy" and < "zed"), then nothing is stale.
    assert!(table.resort_names());
    assert_eq!(table.view(&spec), reference(&table, &spec));
    assert_eq!(table.view(&spec), vec![1, 2, 3, 0]);
    assert!(!table.name_sort(&spec).expect("by name").stale);
    assert!(!table.resort_names());
    // Other sorts have no name state.
    let by_status = ViewSpec {
        sort: Some(Sort {
            column: "status",
            dir: SortDir::Asc,
        }),
        ..ViewSpec::default()
    };
    assert_eq!(table.name_sort(&by_status), None);
}

/// A row shaped like the emulator's: UUID-like ids, dates, counts.
fn uuid_row(i: u32) -> UserProcessingResult {
    let mix = i.wrapping_mul(2_654_435_761);
    let uuid = |salt: u32| {
        let h = mix ^ salt.wrapping_mul(0x9e37_79b9);
        format!(
            "{h:08x}-{:04x}-4{:03x}-a{:03x}-{h:08x}{:04x}",
            i % 65_536,
            h % 4096,
            i % 4096,
            salt
        )
    };
    UserProcessingResult {
        id: uuid(1),
        processing_status: status(mix >> 3),
        started_date_time: Utc
            .timestamp_opt(1_700_000_000 + i64::from(mix % 86_400), 0)
            .single(),
        completed_date_time: Utc
            .timestamp_opt(1_700_100_000 + i64::from(mix % 86_400), 0)
            .single(),
        total_tasks_count: Some(mix % 11),
        subject: Some(Subject {
            id: uuid(2),
            ..Subject::default()
        }),
        ..UserProcessingResult::default()
    }
}

fn timed<T>(label: &str, f: impl FnOnce() -> T) -> T {
    let start = std::time::Instant::now();
    let out = f();
    println!("{label}: {:?}", start.elapsed());
    out
}

#[test]
#[ignore = "timing probe: cargo test --release --lib table::tests::timing -- --ignored --nocapture"]
fn timing_like_the_bench() {
    let failed_first = ViewSpec {
        failed_first: true,
        sort: Some(Sort {
            column: "status",
            dir: SortDir::Asc,
        }),
        ..ViewSpec::default()
    };
    let mut table = Table::default();
    let all: Vec<UserProcessingResult> = (0..100_000).map(uuid_row).collect();
    timed(
        "load: 250 flushes of 400 rows, failed-first view after each",
        || {
            for page in all.chunks(400) {
                table.push_rows(page.to_vec());
                table.view(&failed_first);
            }
        },
    );
    let needle: String = table
        .get(33_333)
        .and_then(|r| r.subject_id())
        .unwrap_or("ab")
        .split('-')
        .nth(4)
        .unwrap_or("ab")[..6]
        .to_string();
    let prefixes: Vec<&str> = (1..=needle.len()).map(|k| &needle[..k]).collect();
    for search in prefixes
        .iter()
        .chain(prefixes.iter().rev().skip(1))
        .chain([&""])
    {
        let spec = ViewSpec {
            search: search.to_string(),
            ..failed_first.clone()
        };
        let n = timed(&format!("keystroke {search:?}"), || table.view(&spec).len());
        println!("  {n} rows");
    }
    let ids: Vec<String> = (0..40)
        .filter_map(|i| table.get(i * 997).and_then(|r| r.subject_id()))
        .map(String::from)
        .collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let names = Arc::new(named(&refs, "Named"));
    timed("warm user order", || table.warm_order(&["user"]));
    timed("names arrive: 40 users (user order warm)", || {
        table.set_names(names)
    });
    for dir in [SortDir::Asc, SortDir::Desc] {
        let spec = ViewSpec {
            sort: Some(Sort {
                column: "user",
                dir,
            }),
            ..ViewSpec::default()
        };
        timed(&format!("first user sort {dir:?} after names"), || {
            table.view(&spec).len()
        });
    }
    let more: Vec<&str> = refs.iter().map(|id| &id[..]).take(20).collect();
    let renamed = Arc::new(named(&more, "Renamed"));
    timed("names change again: 20 users (user order shown)", || {
        table.set_names(renamed)
    });
    let n = timed("unnamed rows by user", || table.unnamed_rows("user"));
    println!("  {n:?} rows");
    for column in ["started", "completed", "status"] {
        for dir in [SortDir::Asc, SortDir::Desc] {
            let spec = ViewSpec {
                sort: Some(Sort { column, dir }),
                ..ViewSpec::default()
            };
            timed(&format!("cold sort {column:?} {dir:?}"), || {
                table.view(&spec).len()
            });
        }
    }
}

#[test]
#[ignore = "timing probe: cargo test --release --lib table::tests::timing -- --ignored --nocapture"]
fn timing_100k() {
    use std::time::Instant;
    let mut table = Table::new(rows(100_000, 1));
    for column in ["user", "started"] {
        let mut slices = Vec::new();
        loop {
            let start = Instant::now();
            if !table.warm_order_slice(&[column], 20_000) {
                break;
            }
            slices.push(start.elapsed());
        }
        println!("warm {column:?} in slices of 20,000 rows: {slices:?}");
    }
    let mut table = Table::new(rows(100_000, 1));
    let columns = ["user", "started", "status"];
    for column in columns {
        for dir in [SortDir::Asc, SortDir::Desc, SortDir::Asc] {
            let spec = ViewSpec {
                sort: Some(Sort { column, dir }),
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
            sort: Some(Sort {
                column: "user",
                dir: SortDir::Asc,
            }),
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

/// The rows of `table` without a known name in column `key`, counted.
fn recount_unnamed(table: &Table<UserProcessingResult>, key: &str) -> usize {
    let column = UserProcessingResult::column(key).expect("a column");
    table
        .rows()
        .iter()
        .filter(|row| match column.cell(row, table.names()) {
            crate::model::Cell::User { name, .. } => name.is_none_or(|n| n.is_empty()),
            other => other.is_missing(),
        })
        .count()
}

proptest! {
    #[test]
    fn unnamed_counts_follow_rows_and_names(
        n in 0u32..120,
        seed in any::<u32>(),
        rounds in proptest::collection::vec(
            (proptest::collection::vec(0u32..977, 0..20), 0u32..40, any::<bool>()),
            1..4,
        ),
    ) {
        let all = rows(n, seed);
        let mut table = Table::default();
        let mut pages = all.chunks(40);
        for (round, (named_ids, replace, blank)) in rounds.iter().enumerate() {
            if let Some(page) = pages.next() {
                table.push_rows(page.to_vec());
            }
            let ids: Vec<String> = named_ids.iter().map(|i| format!("s-{i}")).collect();
            let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
            // Some rounds name users with an empty name (still unnamed).
            let prefix = if *blank { "" } else { "N" };
            let mut names = named(&refs, prefix);
            if *blank {
                for user in names.values_mut() {
                    user.display_name = Some(String::new());
                    user.user_principal_name = None;
                }
            }
            table.set_names(Arc::new(names));
            if !table.is_empty() {
                let i = replace % table.len() as u32;
                table.replace_row(i, row(i + 1000 * round as u32, seed ^ 5));
            }
            for key in ["user", "upn"] {
                prop_assert_eq!(table.unnamed_rows(key), Some(recount_unnamed(&table, key)));
            }
            prop_assert_eq!(table.unnamed_rows("status"), None);
        }
    }
}

#[test]
fn quick_id_sets_never_miss_a_member() {
    let ids: std::collections::HashSet<String> = ["a", "", "12345678", "123456789", "ü-x"]
        .into_iter()
        .map(String::from)
        .collect();
    let quick = super::names::QuickIds::new(&ids);
    for id in &ids {
        assert!(quick.may_hold(id), "{id:?}");
    }
    assert!(!quick.may_hold("b"));
    assert!(!quick.may_hold("12345678xy"));
    assert!(!quick.may_hold("22345678"));
}
