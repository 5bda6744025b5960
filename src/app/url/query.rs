//! In-app URL state: the query strings and paths of the viewer's own routes,
//! and the typed pieces every screen's query struct is made of.
//!
//! Every screen keeps its filters, sort and search in the query string so a
//! reload, back/forward or a pasted link restores the same view. A value a
//! screen cannot read is reported ([`QueryProblem`]) and dropped from the
//! URL, never silently replaced by another. These are the viewer's own
//! links, not Graph requests.

use crate::graph::url::{encode_path_segment, encode_query_value};
use crate::table::TableRow;

/// Reads a query string's values (the router's `ParamsMap`, or plain
/// pairs in tests).
pub(crate) trait QueryLookup {
    /// The value of `key`, if present.
    fn value(&self, key: &str) -> Option<&str>;
}

impl QueryLookup for leptos_router::params::ParamsMap {
    fn value(&self, key: &str) -> Option<&str> {
        self.get_str(key)
    }
}

impl QueryLookup for [(&str, &str)] {
    fn value(&self, key: &str) -> Option<&str> {
        self.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
    }
}

/// A value in a link that the screen could not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QueryProblem {
    /// The query key, e.g. `sort`.
    pub key: &'static str,
    /// The value found.
    pub value: String,
    /// What the key accepts, in words.
    pub expected: String,
    /// What the URL keeps for the key (the readable part of a list);
    /// `None` drops the key.
    pub keep: Option<String>,
}

impl QueryProblem {
    /// One sentence for the page.
    pub(crate) fn message(&self) -> String {
        format!(
            "The link's {}={} is not something this screen knows (expected {}), so it was ignored.",
            self.key, self.value, self.expected
        )
    }
}

/// A column sort as written in the URL (`sort=started&dir=desc`), its key
/// one of the row type's column keys (or a screen's extra sort).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SortParam {
    /// The column key.
    pub key: &'static str,
    /// `true` for descending.
    pub descending: bool,
}

impl SortParam {
    /// Reads `sort` and `dir` for rows `R`; `default` when `sort` is absent.
    /// `extra` lists sort keys that are not columns (e.g. `failedFirst`).
    /// Unknown values are reported in `problems` and fall back to `default`.
    pub(crate) fn parse<R: TableRow>(
        sort: Option<&str>,
        dir: Option<&str>,
        default: SortParam,
        extra: &[&'static str],
        problems: &mut Vec<QueryProblem>,
    ) -> SortParam {
        let descending = match dir {
            None | Some("") | Some("desc") => true,
            Some("asc") => false,
            Some(other) => {
                problems.push(QueryProblem {
                    key: "dir",
                    value: other.to_string(),
                    expected: "asc or desc".into(),
                    keep: None,
                });
                true
            }
        };
        let Some(wanted) = sort.filter(|s| !s.is_empty()) else {
            return default;
        };
        let keys = || {
            extra
                .iter()
                .copied()
                .chain(R::columns().iter().map(|c| c.key))
        };
        match keys().find(|k| *k == wanted) {
            Some(key) => SortParam { key, descending },
            None => {
                problems.push(QueryProblem {
                    key: "sort",
                    value: wanted.to_string(),
                    expected: format!("one of {}", keys().collect::<Vec<_>>().join(", ")),
                    keep: None,
                });
                default
            }
        }
    }

    /// The sort after clicking `key`: toggles the direction on the same
    /// column; another column starts descending when `descending_first`
    /// (counts and times, see `Width::sorts_descending_first`), else
    /// ascending (text reads A→Z).
    pub(crate) fn toggled(&self, key: &'static str, descending_first: bool) -> Self {
        Self {
            key,
            descending: if self.key == key {
                !self.descending
            } else {
                descending_first
            },
        }
    }

    /// `sort` and `dir` of a link, nothing when this is `default`.
    pub(crate) fn pairs(&self, default: SortParam) -> Vec<(&'static str, String)> {
        if *self == default {
            return Vec::new();
        }
        vec![
            ("sort", self.key.to_string()),
            ("dir", self.dir_param().to_string()),
        ]
    }

    /// `asc` or `desc`.
    pub(crate) fn dir_param(&self) -> &'static str {
        if self.descending {
            "desc"
        } else {
            "asc"
        }
    }

    /// Whether column `key` is sorted, and which way (`Some(descending)`).
    pub(crate) fn direction_of(&self, key: &str) -> Option<bool> {
        (self.key == key).then_some(self.descending)
    }
}

/// Reads a comma-separated list (`status=failed,canceled`) with `parse`;
/// items it does not know are reported under `key` (the URL keeps the
/// items it knows).
pub(crate) fn parse_list<T>(
    key: &'static str,
    value: Option<&str>,
    parse: impl Fn(&str) -> Option<T>,
    expected: &str,
    problems: &mut Vec<QueryProblem>,
) -> Vec<T> {
    let mut out = Vec::new();
    let mut kept = Vec::new();
    let mut unknown = Vec::new();
    for item in split_list(value) {
        match parse(&item) {
            Some(v) => {
                out.push(v);
                kept.push(item);
            }
            None => unknown.push(item),
        }
    }
    let keep = kept.join(",");
    problems.extend(unknown.into_iter().map(|item| QueryProblem {
        key,
        value: item,
        expected: expected.to_string(),
        keep: Some(keep.clone()),
    }));
    out
}

/// Builds `?a=1&b=2` from pairs, skipping empty values; `""` when none remain.
pub(crate) fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_query_value(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Splits a comma-separated list parameter (`status=failed,canceled`).
pub(crate) fn split_list(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Paths of the viewer's screens (relative to the router base).
pub(crate) mod paths {
    use super::encode_path_segment;

    /// The sign-in screen.
    pub(crate) fn sign_in() -> String {
        "/sign-in".into()
    }

    /// The workflows list.
    pub(crate) fn workflows() -> String {
        "/workflows".into()
    }

    /// A workflow's definition.
    pub(crate) fn workflow(workflow: &str) -> String {
        format!("/workflows/{}", encode_path_segment(workflow))
    }

    /// The runs of a workflow.
    pub(crate) fn runs(workflow: &str) -> String {
        format!("/workflows/{}/runs", encode_path_segment(workflow))
    }

    /// One run.
    pub(crate) fn run(workflow: &str, run: &str) -> String {
        format!("{}/{}", runs(workflow), encode_path_segment(run))
    }

    /// One user processing result of a run.
    pub(crate) fn user_result(workflow: &str, run_id: &str, result: &str) -> String {
        format!(
            "{}/users/{}",
            run(workflow, run_id),
            encode_path_segment(result)
        )
    }
}

/// The shown columns from `cols` (a comma list of keys; absent = the
/// defaults): essential columns are always shown, and each key that is no
/// column of `R` is reported in `problems` (the URL keeps the shown set).
pub(crate) fn parse_columns<R: TableRow>(
    raw: Option<&str>,
    problems: &mut Vec<QueryProblem>,
) -> Vec<&'static str> {
    let parsed = crate::table::parse_columns::<R>(raw);
    for key in parsed.unknown {
        problems.push(QueryProblem {
            key: "cols",
            value: key.to_string(),
            expected: "a column of this table".into(),
            keep: Some(parsed.shown.join(",")),
        });
    }
    parsed.shown
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Run;

    #[test]
    fn sort_parses_known_keys_and_reports_unknown_ones() {
        let default = SortParam {
            key: "started",
            descending: true,
        };
        let mut problems = Vec::new();
        let s = SortParam::parse::<Run>(Some("status"), Some("asc"), default, &[], &mut problems);
        assert_eq!((s.key, s.descending), ("status", false));
        assert!(problems.is_empty());
        let s = SortParam::parse::<Run>(Some("bogus"), Some("up"), default, &[], &mut problems);
        assert_eq!(s, default);
        assert_eq!(problems.len(), 2);
        assert!(problems
            .iter()
            .any(|p| p.key == "sort" && p.value == "bogus"));
        assert!(problems[0].message().contains("dir=up"));
        let t = default.toggled("started", true);
        assert!(!t.descending);
        assert_eq!(t.dir_param(), "asc");
        let u = t.toggled("status", true);
        assert_eq!((u.key, u.descending), ("status", true));
        let v = u.toggled("reason", false);
        assert_eq!((v.key, v.descending), ("reason", false));
        assert!(v.toggled("reason", false).descending);
        assert_eq!(u.direction_of("status"), Some(true));
        assert_eq!(u.direction_of("started"), None);
    }

    #[test]
    fn lists_keep_known_items_and_report_the_rest() {
        let mut problems = Vec::new();
        let list = parse_list(
            "status",
            Some("a,zz, b"),
            |s| (s.len() == 1).then(|| s.to_string()),
            "a letter",
            &mut problems,
        );
        assert_eq!(list, vec!["a", "b"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].value, "zz");
        assert_eq!(problems[0].keep.as_deref(), Some("a,b"));
    }

    #[test]
    fn query_string_skips_empty_and_encodes() {
        assert_eq!(
            query_string(&[
                ("q", "a b&c".into()),
                ("status", "failed,canceled".into()),
                ("x", String::new())
            ]),
            "?q=a%20b%26c&status=failed,canceled"
        );
        assert_eq!(query_string(&[("q", String::new())]), "");
    }

    #[test]
    fn split_list_trims() {
        assert_eq!(split_list(Some("a, b,,c")), vec!["a", "b", "c"]);
        assert!(split_list(None).is_empty());
    }

    #[test]
    fn paths_encode_segments() {
        assert_eq!(paths::runs("a/b"), "/workflows/a%2Fb/runs");
        assert_eq!(
            paths::user_result("w", "r", "u"),
            "/workflows/w/runs/r/users/u"
        );
    }

    #[test]
    fn unknown_columns_are_reported_and_the_shown_set_kept() {
        use crate::model::Run;
        let mut problems = Vec::new();
        let defaults = crate::table::default_columns::<Run>();
        assert_eq!(parse_columns::<Run>(None, &mut problems), defaults);
        assert!(problems.is_empty());
        let shown = parse_columns::<Run>(Some("nope,started"), &mut problems);
        assert!(shown.contains(&"started"));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].key, "cols");
        assert_eq!(problems[0].value, "nope");
        assert_eq!(problems[0].keep.as_deref(), Some(shown.join(",").as_str()));
    }
}
