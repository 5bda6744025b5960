//! Which columns of a row type a table shows: the default set, the set a
//! `cols` list asks for (essential columns always in, unknown keys told
//! apart), the list that writes a set back, a column toggled, the Columns
//! menu's entries, and the table sort of a header's sort. Pure: the app
//! reports the unknown keys and writes the URL.

use super::{Column, Priority, Sort, TableRow};
use crate::model::SortDir;

/// The column keys shown by default: every column but the optional ones.
pub fn default_columns<R: TableRow>() -> Vec<&'static str> {
    R::columns()
        .iter()
        .filter(|c| c.priority != Priority::Optional)
        .map(|c| c.key)
        .collect()
}

/// What a `cols` list asks for: the columns shown and the items that are
/// no column of the row type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedColumns<'a> {
    /// The keys shown, in the column table's order.
    pub shown: Vec<&'static str>,
    /// The list's items that name no column (trimmed, empty ones left out).
    pub unknown: Vec<&'a str>,
}

/// The shown columns from `cols` (a comma list of keys; absent or empty =
/// the defaults). Essential columns are always shown.
pub fn parse_columns<R: TableRow>(value: Option<&str>) -> ParsedColumns<'_> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return ParsedColumns {
            shown: default_columns::<R>(),
            unknown: Vec::new(),
        };
    };
    let wanted: Vec<&str> = value.split(',').map(str::trim).collect();
    let shown = R::columns()
        .iter()
        .filter(|c| c.priority == Priority::Essential || wanted.contains(&c.key))
        .map(|c| c.key)
        .collect();
    let unknown = wanted
        .into_iter()
        .filter(|k| !k.is_empty() && R::column(k).is_none())
        .collect();
    ParsedColumns { shown, unknown }
}

/// The `cols` value for `shown`: `None` when it is the default set.
pub fn columns_param<R: TableRow>(shown: &[&'static str]) -> Option<String> {
    (shown != default_columns::<R>().as_slice()).then(|| shown.join(","))
}

/// `shown` with `key` toggled, in the column table's order.
pub fn toggle_column<R: TableRow>(shown: &[&'static str], key: &'static str) -> Vec<&'static str> {
    R::columns()
        .iter()
        .map(|c| c.key)
        .filter(|k| (shown.contains(k)) != (*k == key))
        .collect()
}

/// One entry of a Columns menu.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ColumnState {
    /// The column's URL key.
    pub key: &'static str,
    /// Its header text.
    pub title: &'static str,
    /// Whether it is shown.
    pub shown: bool,
    /// Always shown (essential).
    pub locked: bool,
}

/// The Columns menu's entries, in the column table's order.
pub fn column_choices<R: TableRow>(shown: &[&'static str]) -> Vec<ColumnState> {
    R::columns()
        .iter()
        .map(|c| ColumnState {
            key: c.key,
            title: c.title,
            shown: shown.contains(&c.key),
            locked: c.priority == Priority::Essential,
        })
        .collect()
}

/// The shown columns, in display order.
pub fn shown_columns<R: TableRow>(shown: &[&'static str]) -> Vec<&'static Column<R>> {
    R::columns()
        .iter()
        .filter(|c| shown.contains(&c.key))
        .collect()
}

/// The table sort for a header's sort of `column` (`descending` as the
/// header says it): a status column sorts by severity, and "descending"
/// means worst first.
pub fn table_sort(column: &'static str, descending: bool) -> Sort {
    let worst_first = column == "status";
    let dir = if descending != worst_first {
        SortDir::Desc
    } else {
        SortDir::Asc
    };
    Sort { column, dir }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Run, UserProcessingResult};

    #[test]
    fn columns_from_links_keep_essentials_and_tell_unknown_keys() {
        let defaults = default_columns::<Run>();
        assert_eq!(parse_columns::<Run>(None).shown, defaults);
        assert_eq!(parse_columns::<Run>(Some("")).shown, defaults);
        assert_eq!(columns_param::<Run>(&defaults), None);
        let essential: Vec<&str> = Run::columns()
            .iter()
            .filter(|c| c.priority == Priority::Essential)
            .map(|c| c.key)
            .collect();
        let parsed = parse_columns::<Run>(Some("nope, started,,"));
        assert!(parsed.shown.contains(&"started"));
        assert!(essential.iter().all(|k| parsed.shown.contains(k)));
        assert_eq!(parsed.unknown, vec!["nope"]);
    }

    #[test]
    fn toggling_a_column_keeps_table_order_and_round_trips() {
        let shown = default_columns::<UserProcessingResult>();
        let optional = UserProcessingResult::columns()
            .iter()
            .find(|c| c.priority == Priority::Optional)
            .expect("an optional column");
        let more = toggle_column::<UserProcessingResult>(&shown, optional.key);
        assert!(more.contains(&optional.key));
        let param = columns_param::<UserProcessingResult>(&more).expect("not default");
        assert_eq!(
            parse_columns::<UserProcessingResult>(Some(&param)).shown,
            more
        );
        assert_eq!(
            toggle_column::<UserProcessingResult>(&more, optional.key),
            shown
        );
    }

    #[test]
    fn the_menu_locks_essential_columns_and_marks_the_shown() {
        let shown = default_columns::<Run>();
        let choices = column_choices::<Run>(&shown);
        assert_eq!(choices.len(), Run::columns().len());
        for (choice, column) in choices.iter().zip(Run::columns()) {
            assert_eq!(choice.key, column.key);
            assert_eq!(choice.locked, column.priority == Priority::Essential);
            assert_eq!(choice.shown, shown.contains(&column.key));
        }
        let keys: Vec<&str> = shown_columns::<Run>(&shown).iter().map(|c| c.key).collect();
        assert_eq!(keys, shown);
    }

    #[test]
    fn status_sorts_worst_first_when_descending() {
        assert_eq!(table_sort("status", true).dir, SortDir::Asc);
        assert_eq!(table_sort("status", false).dir, SortDir::Desc);
        assert_eq!(table_sort("started", true).dir, SortDir::Desc);
        assert_eq!(table_sort("started", false).dir, SortDir::Asc);
    }
}
