//! The header row of a grid's shown columns: sortable headers (a button
//! and `aria-sort`) when the grid sorts, plain ones otherwise, and the
//! header of a trailing column named for screen readers only.

use crate::app::url::query::SortParam;
use crate::components::sort_header::SortHeader;
use crate::table::{shown_columns, TableRow};
use leptos::prelude::*;

/// How the headers sort: the sort shown and what a click asks for.
#[derive(Clone, Copy)]
pub(crate) struct HeaderSort {
    /// The sort the rows are in.
    pub sort: Signal<SortParam>,
    /// A header click: the new sort (the same column's other direction,
    /// or the clicked column in its first direction: A→Z for text, the
    /// largest, newest or worst first for counts, times and statuses).
    pub on_sort: Callback<SortParam>,
}

/// A shown column's header: its key, text and width class, and whether a
/// first click sorts it descending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct HeaderColumn {
    key: &'static str,
    title: &'static str,
    class: &'static str,
    descending_first: bool,
}

/// The headers of row type `R`'s columns of `keys`.
pub(super) fn header_columns<R: TableRow>(keys: &[&'static str]) -> Vec<HeaderColumn> {
    shown_columns::<R>(keys)
        .into_iter()
        .map(|c| HeaderColumn {
            key: c.key,
            title: c.title,
            class: c.width.class(),
            descending_first: c.width.sorts_descending_first(),
        })
        .collect()
}

/// The `<tr>` of headers of the shown `columns`; `trailing` names a last
/// column (its header text read by screen readers only).
pub(super) fn header_row(
    columns: Signal<Vec<HeaderColumn>>,
    sorting: Option<HeaderSort>,
    trailing: Option<&'static str>,
) -> AnyView {
    let headers = move || {
        columns
            .get()
            .into_iter()
            .map(|column| header_cell(column, sorting))
            .collect_view()
    };
    view! {
        <tr>
            {headers}
            {trailing.map(|t| view! { <th scope="col"><span class="sr-only">{t}</span></th> })}
        </tr>
    }
    .into_any()
}

/// One column's header: sortable with `sorting`, plain without.
fn header_cell(column: HeaderColumn, sorting: Option<HeaderSort>) -> AnyView {
    let HeaderColumn {
        key,
        title,
        class,
        descending_first,
    } = column;
    let Some(HeaderSort { sort, on_sort }) = sorting else {
        return view! { <th scope="col" class=class>{title}</th> }.into_any();
    };
    view! {
        <SortHeader
            label=title
            class=class
            direction=Signal::derive(move || sort.get().direction_of(key))
            on_sort=Callback::new(move |_| on_sort.run(sort.get_untracked().toggled(key, descending_first)))
        />
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::UserProcessingResult;

    #[test]
    fn text_headers_sort_a_to_z_first_counts_and_times_newest_first() {
        let keys = ["user", "status", "reason", "started", "duration", "tasks"];
        let first: Vec<(&str, bool)> = header_columns::<UserProcessingResult>(&keys)
            .into_iter()
            .map(|h| (h.key, h.descending_first))
            .collect();
        assert_eq!(
            first,
            vec![
                ("user", false),
                ("status", true),
                ("reason", false),
                ("tasks", true),
                ("started", true),
                ("duration", true),
            ]
        );
    }
}
