//! One trait for a screen's URL state: a typed query struct read from the
//! query string (with what it could not read) and written back as pairs,
//! defaults left out, so the URL a screen writes parses back to the same
//! struct. [`use_screen_query`] gives a screen its parsed struct and a
//! [`ScreenWriter`] that changes the struct, not keys. [`WireEnum`] lists
//! an enumerated value's wire names once, for reading and writing.

use crate::app::url::query::{QueryLookup, QueryProblem};
use crate::app::url::writer::QueryWriter;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// A screen's typed query.
pub(crate) trait ScreenQuery: Clone + PartialEq + Send + Sync + 'static {
    /// Every key [`to_pairs`](Self::to_pairs) may write; a write replaces
    /// these and keeps the URL's other keys.
    const KEYS: &'static [&'static str];

    /// Reads the query string; what it cannot read is reported and the
    /// field keeps its default.
    fn parse(map: &(impl QueryLookup + ?Sized)) -> (Self, Vec<QueryProblem>);

    /// The query string's pairs, defaults and empty values left out.
    fn to_pairs(&self) -> Vec<(&'static str, String)>;
}

/// An enumerated URL value: each variant with its wire name, written once.
pub(crate) trait WireEnum: Copy + PartialEq + 'static {
    /// `(variant, wire name)`, in the order they are offered.
    const WIRE: &'static [(Self, &'static str)];

    /// The wire name.
    fn wire(self) -> &'static str {
        Self::WIRE
            .iter()
            .find(|(v, _)| *v == self)
            .map_or("", |(_, w)| w)
    }

    /// The variant of a wire name.
    fn from_wire(raw: &str) -> Option<Self> {
        Self::WIRE.iter().find(|(_, w)| *w == raw).map(|(v, _)| *v)
    }

    /// The wire names in words: `a, b or c`.
    fn expected() -> String {
        let names: Vec<&str> = Self::WIRE.iter().map(|(_, w)| *w).collect();
        one_of(&names)
    }
}

/// `a, b or c`.
pub(crate) fn one_of(names: &[&str]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.to_string(),
        Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
    }
}

/// Reads `key` as a `E`: absent or empty is `default`, an unknown value is
/// reported (and `default` applies).
pub(crate) fn parse_enum<E: WireEnum>(
    map: &(impl QueryLookup + ?Sized),
    key: &'static str,
    default: E,
    problems: &mut Vec<QueryProblem>,
) -> E {
    let Some(raw) = map.value(key).filter(|r| !r.is_empty()) else {
        return default;
    };
    E::from_wire(raw).unwrap_or_else(|| {
        problems.push(QueryProblem {
            key,
            value: raw.to_string(),
            expected: E::expected(),
            keep: None,
        });
        default
    })
}

/// A problem with `key`'s `value` (dropped from the URL).
pub(crate) fn problem(key: &'static str, value: &str, expected: impl Into<String>) -> QueryProblem {
    QueryProblem {
        key,
        value: value.to_string(),
        expected: expected.into(),
        keep: None,
    }
}

/// The pairs a query writes, skipping defaults and empty values.
#[derive(Default)]
pub(crate) struct Pairs(Vec<(&'static str, String)>);

impl Pairs {
    /// Starts an empty list.
    pub(crate) fn new() -> Self {
        Self::default()
    }

    /// `key=value` unless `value` is empty.
    pub(crate) fn text(mut self, key: &'static str, value: impl Into<String>) -> Self {
        let value = value.into();
        if !value.is_empty() {
            self.0.push((key, value));
        }
        self
    }

    /// `key=<wire name>` unless `value` is `default`.
    pub(crate) fn choice<E: WireEnum>(self, key: &'static str, value: E, default: E) -> Self {
        if value == default {
            self
        } else {
            self.text(key, value.wire())
        }
    }

    /// Pairs computed elsewhere (a period, a sort).
    pub(crate) fn extend(mut self, more: impl IntoIterator<Item = (&'static str, String)>) -> Self {
        self.0
            .extend(more.into_iter().filter(|(_, v)| !v.is_empty()));
        self
    }

    /// The pairs.
    pub(crate) fn done(self) -> Vec<(&'static str, String)> {
        self.0
    }
}

/// Writes a screen's query back to the URL from its struct.
pub(crate) struct ScreenWriter<Q: ScreenQuery> {
    url: QueryWriter,
    query: Memo<Q>,
}

impl<Q: ScreenQuery> Clone for ScreenWriter<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: ScreenQuery> Copy for ScreenWriter<Q> {}

impl<Q: ScreenQuery> ScreenWriter<Q> {
    /// The query with `change` applied, as a new history entry.
    pub(crate) fn update(&self, change: impl FnOnce(&mut Q)) {
        self.write(change, false);
    }

    /// The query with `change` applied, replacing the history entry
    /// (typing in a search box).
    pub(crate) fn update_replace(&self, change: impl FnOnce(&mut Q)) {
        self.write(change, true);
    }

    /// The query as parsed, written back: what the link had that the
    /// screen could not read leaves the URL (the history entry replaced).
    pub(crate) fn drop_unreadable(&self) {
        self.write(|_| {}, true);
    }

    /// A callback that applies `change(q, value)` (a header click's
    /// column, a menu's choice).
    pub(crate) fn callback<T: 'static>(
        self,
        change: impl Fn(&mut Q, T) + Send + Sync + 'static,
    ) -> Callback<T> {
        Callback::new(move |value: T| self.update(|q| change(q, value)))
    }

    fn write(&self, change: impl FnOnce(&mut Q), replace: bool) {
        let Some(mut q) = self.query.try_get_untracked() else {
            return;
        };
        change(&mut q);
        self.url.write_owned(Q::KEYS, &q.to_pairs(), replace);
    }
}

/// A screen's URL state: the parsed query, what the link had that it
/// could not read, and the writer.
pub(crate) struct ScreenState<Q: ScreenQuery> {
    pub query: Memo<Q>,
    pub problems: Memo<Vec<QueryProblem>>,
    pub writer: ScreenWriter<Q>,
}

impl<Q: ScreenQuery> Clone for ScreenState<Q> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Q: ScreenQuery> Copy for ScreenState<Q> {}

/// The current route's query as `Q`, parsed once per URL change.
pub(crate) fn use_screen_query<Q: ScreenQuery>() -> ScreenState<Q> {
    let map = use_query_map();
    let parsed = Memo::new(move |_| map.with(|m| Q::parse(m)));
    let query = Memo::new(move |_| parsed.with(|(q, _)| q.clone()));
    let problems = Memo::new(move |_| parsed.with(|(_, p)| p.clone()));
    ScreenState {
        query,
        problems,
        writer: ScreenWriter {
            url: QueryWriter::new(),
            query,
        },
    }
}

/// Test support: a query written to pairs (each key one of `KEYS`) and
/// read back.
#[cfg(test)]
pub(crate) fn round_trip<Q: ScreenQuery>(q: &Q) -> (Q, Vec<QueryProblem>) {
    let owned = q.to_pairs();
    let unowned: Vec<&str> = owned
        .iter()
        .map(|(k, _)| *k)
        .filter(|k| !Q::KEYS.contains(k))
        .collect();
    assert!(unowned.is_empty(), "keys missing from KEYS: {unowned:?}");
    let pairs: Vec<(&str, &str)> = owned.iter().map(|(k, v)| (*k, v.as_str())).collect();
    Q::parse(&pairs[..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Tab {
        Users,
        Tasks,
    }

    impl WireEnum for Tab {
        const WIRE: &'static [(Self, &'static str)] =
            &[(Tab::Users, "users"), (Tab::Tasks, "tasks")];
    }

    #[test]
    fn enums_read_and_write_their_wire_names() {
        let mut problems = Vec::new();
        assert_eq!(
            parse_enum(&[("tab", "tasks")][..], "tab", Tab::Users, &mut problems),
            Tab::Tasks
        );
        assert_eq!(
            parse_enum(&[][..], "tab", Tab::Tasks, &mut problems),
            Tab::Tasks
        );
        assert!(problems.is_empty());
        assert_eq!(
            parse_enum(&[("tab", "pie")][..], "tab", Tab::Users, &mut problems),
            Tab::Users
        );
        assert_eq!(problems[0].key, "tab");
        assert_eq!(problems[0].expected, "users or tasks");
        assert_eq!(Tab::Tasks.wire(), "tasks");
        let pairs = Pairs::new()
            .choice("tab", Tab::Users, Tab::Users)
            .text("q", "")
            .choice("tab", Tab::Tasks, Tab::Users)
            .done();
        assert_eq!(pairs, vec![("tab", "tasks".to_string())]);
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
    }
}

/// Strategies for the screens' round-trip property tests.
#[cfg(all(test, not(target_arch = "wasm32")))]
pub(crate) mod strategies {
    use crate::app::url::period::PeriodChoices;
    use crate::app::url::query::SortParam;
    use crate::model::{DateRange, Period};
    use crate::table::{Priority, TableRow};
    use chrono::{DateTime, Duration, NaiveDate, Utc};
    use proptest::prelude::*;

    /// A UTC day between 2000 and 2099.
    pub(crate) fn day() -> impl Strategy<Value = NaiveDate> {
        (0i64..36_500).prop_map(|n| {
            NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default() + Duration::days(n)
        })
    }

    /// A whole-second UTC instant between 2000 and 2099.
    pub(crate) fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        (946_684_800i64..4_102_444_800)
            .prop_map(|s| DateTime::from_timestamp(s, 0).unwrap_or_default())
    }

    /// Any period `choices` can say: one of its presets, or (when it
    /// offers custom) UTC days or a window.
    pub(crate) fn period(choices: PeriodChoices) -> BoxedStrategy<Period> {
        let preset = proptest::sample::select(choices.presets).prop_map(Period::Last);
        if !choices.custom {
            return preset.boxed();
        }
        let days = (day(), day()).prop_map(|(a, b)| Period::Days {
            from: a.min(b),
            to: a.max(b),
        });
        let window = (instant(), 1i64..10_000_000).prop_map(|(start, secs)| {
            Period::Window(DateRange::new(start, start + Duration::seconds(secs)))
        });
        prop_oneof![preset, days, window].boxed()
    }

    /// A sort by one of `R`'s columns or `extra`, either way.
    pub(crate) fn sort<R: TableRow>(
        extra: &'static [&'static str],
    ) -> impl Strategy<Value = SortParam> {
        let keys: Vec<&'static str> = extra
            .iter()
            .copied()
            .chain(R::columns().iter().map(|c| c.key))
            .collect();
        (proptest::sample::select(keys), any::<bool>())
            .prop_map(|(key, descending)| SortParam { key, descending })
    }

    /// Shown columns of `R`: the essential ones and any others, in table order.
    pub(crate) fn columns<R: TableRow>() -> impl Strategy<Value = Vec<&'static str>> {
        let n = R::columns().len();
        proptest::collection::vec(any::<bool>(), n).prop_map(|picks| {
            R::columns()
                .iter()
                .zip(picks)
                .filter(|(c, pick)| *pick || c.priority == Priority::Essential)
                .map(|(c, _)| c.key)
                .collect()
        })
    }

    /// A sub-list of `choices`, in their order.
    pub(crate) fn subset<T: Clone + std::fmt::Debug + 'static>(
        choices: Vec<T>,
    ) -> impl Strategy<Value = Vec<T>> {
        let n = choices.len();
        proptest::collection::vec(any::<bool>(), n).prop_map(move |picks| {
            choices
                .iter()
                .zip(picks)
                .filter(|(_, p)| *p)
                .map(|(c, _)| c.clone())
                .collect()
        })
    }
}
