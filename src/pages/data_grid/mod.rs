//! Column-driven tables: one [`DataGrid`] draws a row type's table from its
//! column table (headers, cells, sort, the Columns menu, the count, the
//! exports), with every row or a pool of virtual rows. The page gives it
//! its rows, its view's order, the shown columns and the sort, and gets
//! back what the admin asked for (a sort, a column set) as callbacks: the
//! grid never writes the URL.

mod export;
mod header;
mod load_notes;
mod name_note;
mod rows;
mod toolbar;

pub(crate) use export::export_button;
pub(crate) use header::HeaderSort;
pub(crate) use load_notes::{freshness, paged_error};
pub(crate) use rows::{LiveCells, RowOpen, SubText};

use crate::app::session::context::SessionContext;
use crate::app::session::users::ask_names_behind_search;
use crate::app::url::query::SortParam;
use crate::components::feedback::SkeletonRows;
use crate::components::virtual_table::VirtualTable;
use crate::table::{table_sort, Sort, Table, TableRow, ViewSpec};
use header::{header_columns, header_row, HeaderColumn};
use leptos::prelude::*;
use name_note::name_sort_note;
use rows::{
    column_classes, link_position, open_clicked_row, row_cells, row_source, PressAt, RowParts,
    RowSource,
};
use std::sync::Arc;
use toolbar::{table_tools, ColumnsTool};

/// The table sort of a URL sort (a status column by severity, worst first
/// when descending).
pub(crate) fn sort_of(sort: SortParam) -> Sort {
    table_sort(sort.key, sort.descending)
}

/// A row type's table: the notes above it, its tools (count, time zone,
/// `tools`, exports, Columns menu) and the table itself.
#[component]
pub(crate) fn DataGrid<R, L>(
    /// The rows held.
    rows: RwSignal<Table<R>>,
    /// The rows shown, in order (indexes into `rows`).
    #[prop(into)]
    order: Signal<Vec<u32>>,
    /// The shown columns' keys, in the column table's order.
    #[prop(into)]
    shown: Signal<Vec<&'static str>>,
    /// The table's accessible name: its caption, its scroll region's and
    /// its Columns menu's.
    caption: &'static str,
    /// Where a row's link goes, and the link's name (empty: the cell's
    /// text); the link is the row header's text.
    link: L,
    /// The column whose cell is the row header holding the link (a run's
    /// Started time); the first shown column without it.
    #[prop(optional)]
    link_column: Option<&'static str>,
    /// A click anywhere on a row that is not on another control (nor a
    /// text selection) follows the row's link; rows show it on hover.
    #[prop(optional)]
    open_on_row: bool,
    /// The CSV export's file name (the JSON export's follows).
    #[prop(into)]
    file_name: Callback<(), String>,
    /// The sort the rows are in; with `on_sort` the headers sort.
    #[prop(optional, into)]
    sort: Option<Signal<SortParam>>,
    /// A header click: the new sort.
    #[prop(optional, into)]
    on_sort: Option<Callback<SortParam>>,
    /// The Columns menu's change: the new shown set (no menu without it).
    #[prop(optional, into)]
    on_columns: Option<Callback<Vec<&'static str>>>,
    /// "N of M <noun>" above the table (no count line without it).
    #[prop(optional)]
    noun: Option<&'static str>,
    /// More tools after the time zone note (a load's freshness).
    #[prop(optional)]
    tools: Option<AnyView>,
    /// The table element's classes.
    #[prop(default = "data")]
    class: &'static str,
    /// Draw only the rows in view (a pool of row elements) instead of
    /// every row, their scroll position kept here (and restored).
    #[prop(optional)]
    virtual_rows: Option<RwSignal<f64>>,
    /// Placeholder rows while this holds (before the first page).
    #[prop(optional, into)]
    skeleton: Option<Signal<bool>>,
    /// A trailing column of one link per row.
    #[prop(optional)]
    open: Option<RowOpen<R>>,
    /// A second line for some cells, from the row.
    #[prop(optional)]
    sub_text: Option<SubText<R>>,
    /// Cells shown from more than the row (against the clock).
    #[prop(optional)]
    live_cells: Option<LiveCells<R>>,
    /// For rows with user names: the names behind a search are asked for,
    /// and a sort by name says when rows sort by id ([`NameWatch::new`]).
    #[prop(optional)]
    names: Option<NameWatch>,
    /// What stands between the name note and the tools (notes, the empty state).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView
where
    R: TableRow + serde::Serialize + Send + Sync + 'static,
    L: Fn(&R) -> Option<(String, String)> + Send + Sync + 'static,
{
    let session = expect_context::<SessionContext>();
    let note = names.map(|NameWatch(note)| note);
    let columns = on_columns.map(|on_change| ColumnsTool::of::<R>(caption, shown, on_change));
    let count = noun.map(|noun| {
        let total = Signal::derive(move || rows.with(Table::len));
        (noun, Signal::derive(move || order.with(Vec::len)), total)
    });
    let name = move || file_name.run(());
    let tools = table_tools(
        count,
        tools,
        export_button(rows, order, shown, name).into_any(),
        columns,
    );
    let trailing = open.as_ref().map(|o| (o.header, o.text));
    let parts = RowParts {
        link: Arc::new(link),
        open,
        sub_text,
        live: live_cells,
    };
    let body = GridBody {
        order,
        shown,
        caption,
        class,
        sorting: sort
            .zip(on_sort)
            .map(|(sort, on_sort)| HeaderSort { sort, on_sort }),
        skeleton,
        session,
        source: row_source(rows, parts),
        classes: Memo::new(move |_| shown.with(|keys| column_classes::<R>(keys))),
        link_at: Memo::new(move |_| shown.with(|keys| link_position::<R>(keys, link_column))),
        open_on_row,
        headers: Signal::derive(move || shown.with(|keys| header_columns::<R>(keys))),
        trailing,
        width: R::columns().len() + usize::from(trailing.is_some()),
    };
    let table = match virtual_rows {
        Some(scroll) => body.virtual_table(scroll),
        None => body.full_table(),
    };
    view! { {note}{children.map(|c| c())}{tools}{table} }
}

/// What a grid's table is drawn from, the row type left behind.
struct GridBody {
    order: Signal<Vec<u32>>,
    shown: Signal<Vec<&'static str>>,
    caption: &'static str,
    class: &'static str,
    sorting: Option<HeaderSort>,
    skeleton: Option<Signal<bool>>,
    session: SessionContext,
    source: RowSource,
    /// The shown columns' width classes.
    classes: Memo<Vec<&'static str>>,
    /// Where the row header stands among the shown columns.
    link_at: Memo<usize>,
    /// A click on a row opens it.
    open_on_row: bool,
    headers: Signal<Vec<HeaderColumn>>,
    /// The trailing column's header and link text.
    trailing: Option<(&'static str, &'static str)>,
    /// How many columns the row type has (and the trailing one).
    width: usize,
}

impl GridBody {
    /// The cells of one row element showing the row at `index`.
    fn cells(&self) -> impl Fn(Signal<Option<u32>>) -> AnyView + Clone + Send + Sync + 'static {
        let (source, shown, classes, link_at, session) = (
            Arc::clone(&self.source),
            self.shown,
            self.classes,
            self.link_at,
            self.session,
        );
        let open = self.trailing.map(|t| t.1);
        move |index| {
            row_cells(
                Arc::clone(&source),
                index,
                shown,
                classes,
                link_at,
                open,
                session,
            )
        }
    }

    /// The class of the element around the table ("rows-open" when a row
    /// click opens the row) and its press and click handlers.
    fn row_clicks(
        &self,
        base: &'static str,
    ) -> (
        &'static str,
        impl Fn(leptos::ev::MouseEvent) + 'static,
        impl Fn(leptos::ev::MouseEvent) + 'static,
    ) {
        let opens = self.open_on_row;
        let press = PressAt::new();
        let class = match (opens, base) {
            (false, base) => base,
            (true, "table-wrap") => "table-wrap rows-open",
            (true, _) => "grid-rows rows-open",
        };
        let on_press = move |ev: leptos::ev::MouseEvent| {
            if opens {
                press.pressed(&ev);
            }
        };
        let on_click = move |ev: leptos::ev::MouseEvent| {
            if opens {
                open_clicked_row(&ev, press);
            }
        };
        (class, on_press, on_click)
    }

    /// Every row of `order` as its own `<tr>`.
    fn full_table(self) -> AnyView {
        let cells = self.cells();
        let render_row = move |i: u32| view! { <tr>{cells(Signal::derive(move || Some(i)))}</tr> };
        let shown = self.shown;
        let skeleton = self.skeleton.map(|when| {
            view! {
                <Show when=move || when.get()>
                    <SkeletonRows columns=shown.with_untracked(Vec::len) />
                </Show>
            }
        });
        let order = self.order;
        let (wrap, on_press, on_click) = self.row_clicks("table-wrap");
        view! {
            <div class=wrap on:mousedown=on_press on:click=on_click>
                <table class=self.class>
                    <caption class="sr-only">{self.caption}</caption>
                    <thead>{header_row(self.headers, self.sorting, self.trailing.map(|t| t.0))}</thead>
                    <tbody>
                        {skeleton}
                        <For each=move || order.get() key=|i| *i children=render_row />
                    </tbody>
                </table>
            </div>
        }
        .into_any()
    }

    /// The rows in view only, in a scroll region ([`VirtualTable`]).
    fn virtual_table(self, scroll: RwSignal<f64>) -> AnyView {
        let render_row = self.cells();
        let (wrap, on_press, on_click) = self.row_clicks("grid-rows");
        view! {
            <div class=wrap on:mousedown=on_press on:click=on_click>
                <VirtualTable caption=self.caption order=self.order columns=self.width render_row scroll>
                    {header_row(self.headers, self.sorting, self.trailing.map(|t| t.0))}
                </VirtualTable>
            </div>
        }
        .into_any()
    }
}

/// A grid's watch over user names (built for the row types that show
/// users, so the others carry none of it): asks for the names behind a
/// search and holds the name-sort note.
pub(crate) struct NameWatch(AnyView);

impl NameWatch {
    /// The watch over `rows` seen through `spec` (the view's spec).
    pub(crate) fn new<R: TableRow + Send + Sync>(
        rows: RwSignal<Table<R>>,
        spec: Memo<ViewSpec>,
    ) -> Self {
        let session = expect_context::<SessionContext>();
        ask_names_behind_search(session, rows, spec);
        NameWatch(name_sort_note(rows, spec))
    }
}
