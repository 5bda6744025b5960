//! The line of tools above a grid: "N of M <noun>", the time zone note,
//! the page's extra tools, the exports and the Columns menu.

use crate::components::columns_menu::{ColumnChoice, ColumnsMenu};
use crate::components::time::TimeZoneNote;
use crate::format::thousands;
use crate::table::{column_choices, toggle_column, TableRow};
use leptos::prelude::*;

/// The Columns menu of one grid: its entries and a box toggled.
pub(super) struct ColumnsTool {
    table: &'static str,
    choices: Signal<Vec<ColumnChoice>>,
    on_toggle: Callback<&'static str>,
}

impl ColumnsTool {
    /// The menu of row type `R`'s columns, `shown` shown; a toggle gives
    /// `on_change` the new shown set.
    pub(super) fn of<R: TableRow>(
        table: &'static str,
        shown: Signal<Vec<&'static str>>,
        on_change: Callback<Vec<&'static str>>,
    ) -> Self {
        let choices = Signal::derive(move || {
            shown.with(|s| {
                column_choices::<R>(s)
                    .into_iter()
                    .map(|c| ColumnChoice {
                        key: c.key,
                        title: c.title,
                        shown: c.shown,
                        locked: c.locked,
                    })
                    .collect()
            })
        });
        let on_toggle = Callback::new(move |key: &'static str| {
            on_change.run(toggle_column::<R>(&shown.get_untracked(), key))
        });
        ColumnsTool {
            table,
            choices,
            on_toggle,
        }
    }
}

/// The row count: the noun, the rows shown and the rows held.
pub(super) type CountLine = (&'static str, Signal<usize>, Signal<usize>);

/// The tools' line.
pub(super) fn table_tools(
    count: Option<CountLine>,
    extra: Option<AnyView>,
    export: AnyView,
    columns: Option<ColumnsTool>,
) -> AnyView {
    let count = count.map(|(noun, shown, total)| {
        view! {
            <p class="count-line" aria-live="polite">
                {move || format!("{} of {} {noun}", thousands(shown.get() as u64), thousands(total.get() as u64))}
            </p>
        }
    });
    let columns = columns.map(|c| {
        view! { <ColumnsMenu table=c.table choices=c.choices on_toggle=c.on_toggle /> }
    });
    view! {
        <div class="table-tools">
            {count}
            <TimeZoneNote />
            {extra}
            {export}
            {columns}
        </div>
    }
    .into_any()
}
