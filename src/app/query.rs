//! In-app URL state: the query strings and paths of the viewer's own routes.
//!
//! Every screen keeps its filters, sort and search in the query string so a
//! reload, back/forward or a pasted link restores the same view. These are
//! the viewer's own links, not Graph requests.

/// A column sort as written in the URL (`sort=started&dir=desc`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SortState {
    /// The column key.
    pub key: String,
    /// `true` for descending.
    pub descending: bool,
}

impl SortState {
    /// Reads `sort` and `dir`; falls back to `default` when `sort` is absent.
    pub fn from_params(sort: Option<&str>, dir: Option<&str>, default: (&str, bool)) -> Self {
        match sort.filter(|s| !s.is_empty()) {
            Some(key) => Self {
                key: key.to_string(),
                descending: dir != Some("asc"),
            },
            None => Self {
                key: default.0.to_string(),
                descending: default.1,
            },
        }
    }

    /// The sort after clicking `key`: toggles the direction on the same
    /// column, starts descending for dates and counts otherwise.
    pub fn toggled(&self, key: &str) -> Self {
        if self.key == key {
            Self {
                key: key.to_string(),
                descending: !self.descending,
            }
        } else {
            Self {
                key: key.to_string(),
                descending: true,
            }
        }
    }

    /// `asc` or `desc`.
    pub fn dir_param(&self) -> &'static str {
        if self.descending {
            "desc"
        } else {
            "asc"
        }
    }
}

/// Percent-encodes one query value or path segment (RFC 3986 unreserved kept).
pub fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            b',' => out.push(','),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// Builds `?a=1&b=2` from pairs, skipping empty values; `""` when none remain.
pub fn query_string(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", encode_component(v)))
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// Splits a comma-separated list parameter (`status=failed,canceled`).
pub fn split_list(value: Option<&str>) -> Vec<String> {
    value
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Paths of the viewer's screens (relative to the router base).
pub mod paths {
    use super::encode_component;

    /// The sign-in screen.
    pub fn sign_in() -> String {
        "/sign-in".into()
    }

    /// The workflows list.
    pub fn workflows() -> String {
        "/workflows".into()
    }

    /// The runs of a workflow.
    pub fn runs(workflow: &str) -> String {
        format!("/workflows/{}/runs", encode_component(workflow))
    }

    /// One run.
    pub fn run(workflow: &str, run: &str) -> String {
        format!("{}/{}", runs(workflow), encode_component(run))
    }

    /// One user processing result of a run.
    pub fn user_result(workflow: &str, run_id: &str, result: &str) -> String {
        format!(
            "{}/users/{}",
            run(workflow, run_id),
            encode_component(result)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sort_defaults_and_toggles() {
        let s = SortState::from_params(None, None, ("started", true));
        assert_eq!(s.key, "started");
        assert!(s.descending);
        let t = s.toggled("started");
        assert!(!t.descending);
        assert_eq!(t.dir_param(), "asc");
        let u = t.toggled("status");
        assert_eq!(u.key, "status");
        assert!(u.descending);
        let p = SortState::from_params(Some("failed"), Some("asc"), ("started", true));
        assert!(!p.descending);
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
}
