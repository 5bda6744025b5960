//! The cells of one row element: each shown column's display from the
//! column table, one cell (the first, or the grid's link column) the row
//! header holding the row's link, an optional trailing link cell; a row
//! with a user asks for the name once it stays on screen. A row that opens
//! on a click anywhere follows its row header's link ([`open_clicked_row`]).

use crate::app::session::context::SessionContext;
use crate::app::session::users::ask_name_when_shown;
use crate::components::cell::{CellDisplay, LiveCell};
use crate::table::{shown_columns, Table, TableRow, Width};
use leptos::prelude::*;
use std::sync::Arc;

/// Where a row's first cell links to and the link's accessible name
/// (empty: the cell's text).
pub(super) type RowLink<R> = Arc<dyn Fn(&R) -> Option<(String, String)> + Send + Sync>;

/// A trailing column of one link per row (e.g. "Tasks", opening the row).
pub(crate) struct RowOpen<R> {
    /// The column's header, for screen readers.
    pub header: &'static str,
    /// The link's text in every row.
    pub text: &'static str,
    /// Where a row's link goes.
    pub href: Arc<dyn Fn(&R) -> String + Send + Sync>,
}

impl<R> Clone for RowOpen<R> {
    fn clone(&self) -> Self {
        RowOpen {
            header: self.header,
            text: self.text,
            href: Arc::clone(&self.href),
        }
    }
}

/// A second line for a column's cell, from the row (`None`: the column's own).
pub(crate) type SubText<R> = fn(&'static str, &R) -> Option<String>;

/// Cells whose display depends on more than the row (a running run's
/// duration, read against the clock): `Some` replaces the column's display
/// for that row. It may read signals; the row's display follows them.
pub(crate) type LiveCells<R> = Arc<dyn Fn(&'static str, &R) -> Option<CellDisplay> + Send + Sync>;

/// How a grid's rows are drawn (shared by every row element).
pub(super) struct RowParts<R> {
    pub link: RowLink<R>,
    pub open: Option<RowOpen<R>>,
    pub sub_text: Option<SubText<R>>,
    pub live: Option<LiveCells<R>>,
}

impl<R> Clone for RowParts<R> {
    fn clone(&self) -> Self {
        RowParts {
            link: Arc::clone(&self.link),
            open: self.open.clone(),
            sub_text: self.sub_text,
            live: self.live.clone(),
        }
    }
}

/// What one row element shows: each shown column's display and the links.
#[derive(Clone, Debug, Default, PartialEq)]
pub(super) struct RowDisplay {
    cells: Vec<CellDisplay>,
    link: Option<(String, String)>,
    open: Option<String>,
    name_id: Option<String>,
}

/// The display of row `i` of `t` with the columns of `keys`.
fn row_display<R: TableRow>(
    t: &Table<R>,
    i: u32,
    keys: &[&'static str],
    parts: &RowParts<R>,
) -> Option<RowDisplay> {
    let row = t.get(i)?;
    let cells = keys
        .iter()
        .map(|k| {
            let live = parts.live.as_ref().and_then(|live| live(k, row));
            let display = live.unwrap_or_else(|| {
                t.cell(i, k)
                    .map(|c| CellDisplay::of(&c))
                    .unwrap_or_default()
            });
            match parts.sub_text.and_then(|sub| sub(k, row)) {
                Some(sub) => CellDisplay {
                    sub: Some(sub),
                    ..display
                },
                None => display,
            }
        })
        .collect();
    Some(RowDisplay {
        cells,
        link: (parts.link)(row),
        open: parts.open.as_ref().map(|o| (o.href)(row)),
        name_id: row.name_id().map(String::from),
    })
}

/// Reads the display of row `i` with the columns of `keys` (tracked): the
/// one piece of a grid's rows that knows the row type.
pub(super) type RowSource = Arc<dyn Fn(u32, &[&'static str]) -> Option<RowDisplay> + Send + Sync>;

/// The [`RowSource`] of `rows` drawn with `parts`.
pub(super) fn row_source<R: TableRow + Send + Sync>(
    rows: RwSignal<Table<R>>,
    parts: RowParts<R>,
) -> RowSource {
    Arc::new(move |i, keys| rows.with(|t| row_display(t, i, keys, &parts)))
}

/// Where the row header (with the row's link) stands among the shown
/// columns of `keys`: at `link_column` when it is shown, else first.
pub(super) fn link_position<R: TableRow>(
    keys: &[&'static str],
    link_column: Option<&str>,
) -> usize {
    link_column
        .and_then(|key| shown_columns::<R>(keys).iter().position(|c| c.key == key))
        .unwrap_or(0)
}

/// The width classes of the shown columns, in order.
pub(super) fn column_classes<R: TableRow>(keys: &[&'static str]) -> Vec<&'static str> {
    shown_columns::<R>(keys)
        .iter()
        .map(|c| c.width.class())
        .collect()
}

/// The cells of the row element showing the row at `index` (a pooled
/// element: updated in place); `classes` are the shown columns' widths,
/// `link_at` the row header's position, `open` the trailing link's text.
/// A row with a user asks for the name.
pub(super) fn row_cells(
    source: RowSource,
    index: Signal<Option<u32>>,
    shown: Signal<Vec<&'static str>>,
    classes: Memo<Vec<&'static str>>,
    link_at: Memo<usize>,
    open: Option<&'static str>,
    session: SessionContext,
) -> AnyView {
    let display = Memo::new(move |_| {
        let i = index.get()?;
        shown.with(|keys| source(i, keys))
    });
    let name_id = Memo::new(move |_| display.with(|d| d.as_ref().and_then(|d| d.name_id.clone())));
    ask_name_when_shown(session, name_id);
    cells_view(display, classes, link_at, open)
}

/// The cells of a row's display (any row type).
fn cells_view(
    display: Memo<Option<RowDisplay>>,
    classes: Memo<Vec<&'static str>>,
    link_at: Memo<usize>,
    open: Option<&'static str>,
) -> AnyView {
    let link_part = move |f: fn((String, String)) -> String| {
        Signal::derive(move || {
            display.with(|d| {
                d.as_ref()
                    .and_then(|d| d.link.clone())
                    .map(f)
                    .unwrap_or_default()
            })
        })
    };
    let cells = move || {
        let link_at = link_at.get();
        classes
            .get()
            .into_iter()
            .enumerate()
            .map(|(j, class)| {
                let cell = Signal::derive(move || {
                    display.with(|d| {
                        d.as_ref()
                            .and_then(|d| d.cells.get(j).cloned())
                            .unwrap_or_default()
                    })
                });
                if j == link_at {
                    let href = link_part(|l| l.0);
                    let label = link_part(|l| l.1);
                    view! { <th scope="row" class=class><LiveCell display=cell href link_label=label /></th> }.into_any()
                } else {
                    let expandable = class == Width::Long.class();
                    view! { <td class=class><LiveCell display=cell expandable /></td> }.into_any()
                }
            })
            .collect_view()
    };
    let open = open.map(|text| {
        let href = Signal::derive(move || {
            display.with(|d| d.as_ref().and_then(|d| d.open.clone()).unwrap_or_default())
        });
        let shows = Signal::derive(move || CellDisplay {
            text: text.into(),
            ..CellDisplay::default()
        });
        view! { <td><LiveCell display=shows href /></td> }
    });
    view! { {cells}{open} }.into_any()
}

/// What, inside a row, takes a click itself: a click there is not the
/// row's (links, buttons, form fields, menus, focusable cells).
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const OWN_CLICKS: &str =
    "a, button, input, select, textarea, label, summary, details, [tabindex], [role=button]";

/// How far (px) the pointer may move between press and release for the
/// release to be a click, not the end of a text selection.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const CLICK_SLOP_PX: i32 = 4;

/// Where the last press in a grid was, to tell a click from a drag that
/// selects text.
#[derive(Clone, Copy)]
pub(super) struct PressAt(StoredValue<Option<(i32, i32)>>);

impl PressAt {
    /// No press yet.
    pub(super) fn new() -> Self {
        PressAt(StoredValue::new(None))
    }

    /// Remembers a press.
    pub(super) fn pressed(&self, ev: &leptos::ev::MouseEvent) {
        self.0.set_value(Some((ev.client_x(), ev.client_y())));
    }

    /// Whether a release at `ev` ends a click (no drag since the press).
    fn is_click(&self, ev: &leptos::ev::MouseEvent) -> bool {
        self.0.get_value().is_none_or(|(x, y)| {
            (ev.client_x() - x).abs() <= CLICK_SLOP_PX && (ev.client_y() - y).abs() <= CLICK_SLOP_PX
        })
    }
}

/// A plain click on a row, away from its links and controls, not a drag
/// selecting text nor a double click selecting a word: follows the row
/// header's link (a click on that link, so the router and the
/// return-focus record see it as one), once this click has finished.
// The early return is needed in the wasm build, whose link click follows.
#[allow(clippy::needless_return)]
pub(super) fn open_clicked_row(ev: &leptos::ev::MouseEvent, press: PressAt) {
    let plain = ev.button() == 0
        && ev.detail() <= 1
        && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
    if ev.default_prevented() || !plain || !press.is_click(ev) {
        return;
    }
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(target) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(row) = target.closest("tbody tr").ok().flatten() else {
            return;
        };
        let own = target.closest(OWN_CLICKS).ok().flatten();
        if own.is_some_and(|el| row.contains(Some(&el))) {
            return;
        }
        let link = row
            .query_selector("th[scope=row] a[href]")
            .ok()
            .flatten()
            .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
        // After this handler returns: a click dispatched from inside the
        // delegated click listener would re-enter it (a wasm-bindgen panic).
        if let Some(link) = link {
            leptos::prelude::set_timeout(move || link.click(), std::time::Duration::ZERO);
        }
    }
}
