//! What a table knows about a column: its URL key, header text, width
//! class, priority, whether it is searched, and the function that reads its
//! [`Cell`] from a row. One [`Column`] entry per column drives headers,
//! cells, sorting, search and CSV export; a row type lists its columns in a
//! static slice ([`TableRow::columns`]).

use std::fmt;

use super::Names;
use crate::model::{Cell, ProcessingStatus};

/// How wide a column is, by the kind of value it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Width {
    /// A status badge.
    Status,
    /// An execution-type badge or another short word (yes / no).
    Type,
    /// A count (right-aligned).
    Count,
    /// A duration (right-aligned).
    Duration,
    /// A date and time.
    Time,
    /// Short text (a task name, a category).
    Text,
    /// Long text that wraps (a failure reason).
    Long,
    /// A user (name, UPN): reads resolved names, see [`Column::uses_names`].
    User,
    /// An identifier (monospace).
    Id,
}

impl Width {
    /// Whether a first click on the header sorts descending: counts,
    /// durations and times show the largest or newest first, a status the
    /// worst first; text (names, tasks, reasons, ids, types) reads A→Z.
    pub fn sorts_descending_first(self) -> bool {
        matches!(
            self,
            Width::Status | Width::Count | Width::Duration | Width::Time
        )
    }

    /// The CSS classes of the column's header and cells; numeric kinds
    /// include `num` (right-aligned, tabular figures).
    pub fn class(self) -> &'static str {
        match self {
            Width::Status => "col-status",
            Width::Type => "col-type",
            Width::Count => "col-count num",
            Width::Duration => "col-duration num",
            Width::Time => "col-time",
            Width::Text => "col-text",
            Width::Long => "col-long",
            Width::User => "col-user",
            Width::Id => "col-id mono",
        }
    }
}

/// Whether a column is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Priority {
    /// Always shown.
    Essential,
    /// Shown unless the user hides it (Columns menu).
    Default,
    /// Hidden unless the user shows it.
    Optional,
}

impl Priority {
    /// Whether the column is shown before the user picks columns.
    pub fn shown_by_default(self) -> bool {
        self != Priority::Optional
    }
}

/// One column of the table of rows `R`.
pub struct Column<R: 'static> {
    /// Stable URL key (`sort=...`, `cols=...`).
    pub key: &'static str,
    /// The header text shown in the page.
    pub title: &'static str,
    /// Width class, by the kind of value.
    pub width: Width,
    /// Whether it is shown by default.
    pub priority: Priority,
    /// Whether its text is part of the row's search text.
    pub search: bool,
    /// The value of this column for a row (names: resolved users by id).
    pub value: for<'a> fn(&'a R, &'a Names) -> Cell<'a>,
}

impl<R> Column<R> {
    /// The CSV headers of the column: the title, plus ` (UTC)` for times
    /// and ` (s)` for durations (the units of
    /// [`export_text`](super::export_text)); a status column is two CSV
    /// columns, the status as the screen shows it and Graph's value
    /// ([`export_fields`](super::export_fields)).
    pub fn export_titles(&self) -> Vec<String> {
        match self.width {
            Width::Time => vec![format!("{} (UTC)", self.title)],
            Width::Duration => vec![format!("{} (s)", self.title)],
            Width::Status => vec![
                self.title.to_string(),
                format!("{} (Graph value)", self.title),
            ],
            _ => vec![self.title.to_string()],
        }
    }

    /// Whether sorting or searching this column depends on resolved names:
    /// exactly the [`Width::User`] columns (user name, UPN). A column whose
    /// value reads `names` must have this width (a test checks it), so that
    /// the table re-sorts it when names arrive.
    pub fn uses_names(&self) -> bool {
        self.width == Width::User
    }

    /// The value of this column for `row`.
    pub fn cell<'a>(&self, row: &'a R, names: &'a Names) -> Cell<'a> {
        (self.value)(row, names)
    }
}

impl<R> Clone for Column<R> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<R> Copy for Column<R> {}

impl<R> fmt::Debug for Column<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Column")
            .field("key", &self.key)
            .field("title", &self.title)
            .field("width", &self.width)
            .field("priority", &self.priority)
            .field("search", &self.search)
            .finish_non_exhaustive()
    }
}

/// A row type the table can show.
pub trait TableRow: Sized + 'static {
    /// Every column, in display order.
    fn columns() -> &'static [Column<Self>];

    /// The row's processing status.
    fn status(&self) -> Option<&ProcessingStatus>;

    /// The user id whose resolved name the row's search text and name
    /// columns use, if any: only these rows change when names arrive.
    fn name_id(&self) -> Option<&str>;

    /// The keys of the columns every CSV export carries even when they are
    /// hidden (an export is read by machines as much as by people: a
    /// user's UPN and id, where the row happened). In the column table's
    /// order with the shown ones.
    fn always_exported() -> &'static [&'static str] {
        &[]
    }

    /// The row as the JSON export writes it, when that differs from the
    /// row itself: its user's subject carrying the resolved display name
    /// and UPN (Graph's subject has only the id). `None`: the row as it is.
    fn named(&self, _names: &Names) -> Option<Self> {
        None
    }

    /// Whether the row failed (`failed` or `completedWithErrors`).
    fn is_failure(&self) -> bool {
        self.status().is_some_and(ProcessingStatus::is_failure)
    }

    /// The column with URL key `key`.
    fn column(key: &str) -> Option<&'static Column<Self>> {
        Self::columns().iter().find(|c| c.key == key)
    }
}
