//! A [`Cell`] as a sort key, as CSV text and as search text: one rule per
//! kind of value, shared by every column of every table.

use chrono::SecondsFormat;

use super::SortKey;
use crate::model::{Cell, ExecutionType};

/// The value a cell sorts on: statuses by severity rank (worst first when
/// ascending), text case-insensitively, users by name else id; missing
/// values last either way. Allocates at most the lowercased text.
pub fn sort_key(cell: &Cell) -> SortKey {
    match cell {
        Cell::Text(s) | Cell::Id(s) => SortKey::text(Some(s)),
        Cell::Count(n) => SortKey::count(*n),
        Cell::Time(t) => SortKey::date(*t),
        Cell::Duration(d) => SortKey::duration(*d),
        Cell::Status(s, _) => s.as_deref().map_or(SortKey::Missing, |s| {
            SortKey::Num(i64::from(s.severity_rank()))
        }),
        Cell::Execution(e) => SortKey::text(e.as_deref().map(ExecutionType::label)),
        Cell::Flag(b) => SortKey::flag(*b),
        Cell::User { id, name, .. } => SortKey::text(Some(user_name(name.as_deref(), id))),
    }
}

/// The plain text of a cell for CSV: RFC 3339 seconds (UTC) for times,
/// seconds with one decimal for durations, wire values for enums, `true` /
/// `false` for flags, the name (else id) for users; empty when missing.
pub fn export_text(cell: &Cell) -> String {
    match cell {
        Cell::Text(s) | Cell::Id(s) => s.to_string(),
        Cell::Count(n) => n.map(|n| n.to_string()).unwrap_or_default(),
        Cell::Time(t) => t
            .map(|t| t.to_rfc3339_opts(SecondsFormat::Secs, true))
            .unwrap_or_default(),
        Cell::Duration(d) => d
            .map(|d| format!("{:.1}", d.num_milliseconds() as f64 / 1000.0))
            .unwrap_or_default(),
        Cell::Status(s, _) => s
            .as_deref()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
        Cell::Execution(e) => e
            .as_deref()
            .map(|e| e.as_str().to_string())
            .unwrap_or_default(),
        Cell::Flag(b) => b.map(|b| b.to_string()).unwrap_or_default(),
        Cell::User { id, name, .. } => user_name(name.as_deref(), id).to_string(),
    }
}

/// The CSV fields of a cell, appended to `out`: a status is two, its
/// label as the screen shows it ("Completed with errors") and Graph's
/// value (`completedWithErrors`), as [`Column::export_titles`] heads them;
/// every other cell is its [`export_text`].
///
/// [`Column::export_titles`]: super::Column::export_titles
pub fn export_fields(cell: &Cell, out: &mut Vec<String>) {
    match cell {
        Cell::Status(s, _) => {
            out.push(
                s.as_deref()
                    .map(|s| s.label().to_string())
                    .unwrap_or_default(),
            );
            out.push(export_text(cell));
        }
        _ => out.push(export_text(cell)),
    }
}

/// Appends what a search matches in a cell, one line per part: labels for
/// enums ("In progress"), name, UPN and id for users, the export text for
/// the rest; nothing when missing.
pub fn search_text(cell: &Cell, out: &mut String) {
    match cell {
        Cell::Text(s) | Cell::Id(s) => push_line(out, s),
        Cell::Status(s, _) => push_line(out, s.as_deref().map(|s| s.label()).unwrap_or_default()),
        Cell::Execution(e) => push_line(out, e.as_deref().map(|e| e.label()).unwrap_or_default()),
        Cell::User { id, name, upn } => {
            for part in [name.as_deref(), upn.as_deref(), Some(&**id)]
                .into_iter()
                .flatten()
            {
                push_line(out, part);
            }
        }
        Cell::Count(_) | Cell::Time(_) | Cell::Duration(_) | Cell::Flag(_) => {
            push_line(out, &export_text(cell));
        }
    }
}

/// The name of a user cell: the name when known and not empty, else the id.
fn user_name<'a>(name: Option<&'a str>, id: &'a str) -> &'a str {
    name.filter(|n| !n.is_empty()).unwrap_or(id)
}

/// Appends `text` and a line break (a term never spans two parts), unless
/// `text` is empty.
fn push_line(out: &mut String, text: &str) {
    if !text.is_empty() {
        out.push_str(text);
        out.push('\n');
    }
}
