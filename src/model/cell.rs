//! The typed value of one table cell: what a column shows for a row, before
//! it becomes markup (pages), a sort key, search text or CSV text (table).
//! Borrowing (`Cow`) keeps reading a cell allocation-free for the sort of
//! 100,000 rows; [`Cell::into_owned`] detaches it from the row.

use std::borrow::Cow;

use chrono::{DateTime, Utc};

use super::{ExecutionType, Level, ProcessingStatus};

/// The typed value of one table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell<'a> {
    /// Plain text (task name, reason, category label); empty = missing.
    Text(Cow<'a, str>),
    /// An identifier, shown monospace; empty = missing.
    Id(Cow<'a, str>),
    /// A count.
    Count(Option<u32>),
    /// A point in time (UTC).
    Time(Option<DateTime<Utc>>),
    /// An elapsed time.
    Duration(Option<chrono::Duration>),
    /// A processing status and the level whose meaning its badge explains.
    Status(Option<Cow<'a, ProcessingStatus>>, Level),
    /// A workflow execution type.
    Execution(Option<Cow<'a, ExecutionType>>),
    /// A yes / no setting.
    Flag(Option<bool>),
    /// A user: id plus resolved (or subject-provided) display name and UPN.
    User {
        /// The user's object id (empty = unknown).
        id: Cow<'a, str>,
        /// The display name, if known.
        name: Option<Cow<'a, str>>,
        /// The user principal name, if known.
        upn: Option<Cow<'a, str>>,
    },
}

impl Cell<'_> {
    /// The same value, owning its text (no borrow of the row).
    pub fn into_owned(self) -> Cell<'static> {
        let own = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        match self {
            Cell::Text(s) => Cell::Text(own(s)),
            Cell::Id(s) => Cell::Id(own(s)),
            Cell::Count(n) => Cell::Count(n),
            Cell::Time(t) => Cell::Time(t),
            Cell::Duration(d) => Cell::Duration(d),
            Cell::Status(s, level) => Cell::Status(s.map(|s| Cow::Owned(s.into_owned())), level),
            Cell::Execution(e) => Cell::Execution(e.map(|e| Cow::Owned(e.into_owned()))),
            Cell::Flag(b) => Cell::Flag(b),
            Cell::User { id, name, upn } => Cell::User {
                id: own(id),
                name: name.map(own),
                upn: upn.map(own),
            },
        }
    }

    /// Whether the cell has no value (empty text, `None`, a user with
    /// neither id nor name).
    pub fn is_missing(&self) -> bool {
        match self {
            Cell::Text(s) | Cell::Id(s) => s.is_empty(),
            Cell::Count(n) => n.is_none(),
            Cell::Time(t) => t.is_none(),
            Cell::Duration(d) => d.is_none(),
            Cell::Status(s, _) => s.is_none(),
            Cell::Execution(e) => e.is_none(),
            Cell::Flag(b) => b.is_none(),
            Cell::User { id, name, .. } => {
                id.is_empty() && name.as_ref().is_none_or(|n| n.is_empty())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_cells_equal_borrowed_ones() {
        let status = ProcessingStatus::Failed;
        let cells = [
            Cell::Text(Cow::Borrowed("a")),
            Cell::Id(Cow::Borrowed("")),
            Cell::Status(Some(Cow::Borrowed(&status)), Level::Run),
            Cell::User {
                id: Cow::Borrowed("u"),
                name: Some(Cow::Borrowed("Ann")),
                upn: None,
            },
        ];
        for cell in cells {
            assert_eq!(cell.clone().into_owned(), cell);
        }
        assert!(Cell::Id(Cow::Borrowed("")).is_missing());
        assert!(!Cell::Count(Some(0)).is_missing());
    }
}
