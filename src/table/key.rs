//! The value a column sorts on.

use chrono::{DateTime, Utc};

/// A sortable cell value. Numbers sort before text; `Missing` is always last.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum SortKey {
    Num(i64),
    /// Compared as given: pass lowercased text for case-insensitive order.
    Text(String),
    Missing,
}

impl SortKey {
    /// Whether the value is absent.
    pub fn is_missing(&self) -> bool {
        matches!(self, SortKey::Missing)
    }

    /// A count, or missing.
    pub fn count(n: Option<u32>) -> SortKey {
        n.map_or(SortKey::Missing, |n| SortKey::Num(i64::from(n)))
    }

    /// A date (milliseconds since the epoch), or missing.
    pub fn date(d: Option<DateTime<Utc>>) -> SortKey {
        d.map_or(SortKey::Missing, |d| SortKey::Num(d.timestamp_millis()))
    }

    /// A duration in milliseconds, or missing.
    pub fn duration(d: Option<chrono::Duration>) -> SortKey {
        d.map_or(SortKey::Missing, |d| SortKey::Num(d.num_milliseconds()))
    }

    /// Case-insensitive text; empty text is missing.
    pub fn text(s: Option<&str>) -> SortKey {
        match s {
            Some(s) if !s.is_empty() => SortKey::Text(s.to_lowercase()),
            _ => SortKey::Missing,
        }
    }

    /// A boolean (false before true), or missing.
    pub fn flag(b: Option<bool>) -> SortKey {
        b.map_or(SortKey::Missing, |b| SortKey::Num(i64::from(b)))
    }
}
