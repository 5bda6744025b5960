//! Column-driven tables: the row type's column table decides the headers,
//! the cells, the sort keys and which columns show (`cols` in the URL, the
//! Columns menu). Pages name a row type and where its rows link to; nothing
//! else about columns lives in a page.

use super::loaded::{error_details, new_token_action};
use crate::app::browser::clock::Clock;
use crate::app::export::chunks;
use crate::app::export::download::save_parts;
use crate::app::load::paged::PagedRows;
use crate::app::session::context::SessionContext;
use crate::app::session::result_cache::loaded_ago;
use crate::app::url::query::{QueryProblem, SortParam};
use crate::components::cell::{CellDisplay, LiveCell};
use crate::components::columns_menu::ColumnChoice;
use crate::components::error_banner::ErrorBanner;
use crate::components::freshness::Freshness;
use crate::components::sort_header::SortHeader;
use crate::format::thousands;
use crate::model::SortDir;
use crate::table::{Column, NameSort, Priority, Sort, Table, TableRow, ViewSpec, Width};
use leptos::prelude::*;
use std::time::Duration;

/// How long a row must show the same user before it asks for the name (a
/// fling or fast typing shows thousands of rows for a frame each).
const NAME_DELAY: Duration = Duration::from_millis(150);

/// Behind a search, how many rows of the unsearched view have their names
/// asked for (the rows the admin would see without the search).
const SEARCH_NAME_ROWS: usize = 40;

/// The column keys shown by default: every column but the optional ones.
pub fn default_columns<R: TableRow>() -> Vec<&'static str> {
    R::columns()
        .iter()
        .filter(|c| c.priority != Priority::Optional)
        .map(|c| c.key)
        .collect()
}

/// The shown columns from `cols` (a comma list of keys; absent = the
/// defaults). Essential columns are always shown; unknown keys are reported.
pub fn parse_columns<R: TableRow>(
    value: Option<&str>,
    problems: &mut Vec<QueryProblem>,
) -> Vec<&'static str> {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return default_columns::<R>();
    };
    let wanted: Vec<&str> = value.split(',').map(str::trim).collect();
    let shown: Vec<&'static str> = R::columns()
        .iter()
        .filter(|c| c.priority == Priority::Essential || wanted.contains(&c.key))
        .map(|c| c.key)
        .collect();
    for key in wanted.iter().filter(|k| !k.is_empty()) {
        if R::column(key).is_none() {
            problems.push(QueryProblem {
                key: "cols",
                value: key.to_string(),
                expected: "a column of this table".into(),
                keep: Some(shown.join(",")),
            });
        }
    }
    shown
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

/// The Columns menu's entries.
pub fn column_choices<R: TableRow>(shown: &[&'static str]) -> Vec<ColumnChoice> {
    R::columns()
        .iter()
        .map(|c| ColumnChoice {
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

/// The table sort for a URL sort: a status column sorts by severity, and
/// "descending" means worst first.
pub fn table_sort(sort: SortParam) -> Sort {
    let worst_first = sort.key == "status";
    let dir = if sort.descending != worst_first {
        SortDir::Desc
    } else {
        SortDir::Asc
    };
    Sort {
        column: sort.key,
        dir,
    }
}

/// The header row of the shown columns; every header sorts.
pub fn header_row<R: TableRow>(
    shown: Memo<Vec<&'static str>>,
    sort: Signal<SortParam>,
    on_sort: Callback<&'static str>,
    trailing: Option<&'static str>,
) -> impl IntoView {
    let headers = move || {
        shown_columns::<R>(&shown.get())
            .into_iter()
            .map(|c| {
                let key = c.key;
                view! {
                    <SortHeader
                        label=c.title
                        class=c.width.class()
                        direction=Signal::derive(move || sort.get().direction_of(key))
                        on_sort=Callback::new(move |_| on_sort.run(key))
                    />
                }
            })
            .collect_view()
    };
    view! {
        <tr>
            {headers}
            {trailing.map(|t| view! { <th scope="col"><span class="sr-only">{t}</span></th> })}
        </tr>
    }
}

/// What one row element shows: each shown column's display and the link.
#[derive(Clone, Debug, Default, PartialEq)]
struct RowDisplay {
    cells: Vec<CellDisplay>,
    link: Option<(String, String)>,
    name_id: Option<String>,
}

/// The cells of the row element showing the row at `index` (a pooled
/// element: updated in place). The first cell is the row header and holds
/// the link; rows with a user ask the session's directory for the name.
/// `link` gives where a row's first cell links to and the link's name.
pub fn row_cells<R, L>(
    rows: RwSignal<Table<R>>,
    index: Signal<Option<u32>>,
    shown: Memo<Vec<&'static str>>,
    link: L,
    session: SessionContext,
) -> impl IntoView
where
    R: TableRow + Send + Sync,
    L: Fn(&R) -> Option<(String, String)> + Send + Sync + 'static,
{
    let display = Memo::new(move |_| {
        let i = index.get()?;
        shown.with(|keys| {
            rows.with(|t| {
                let row = t.get(i)?;
                Some(RowDisplay {
                    cells: keys
                        .iter()
                        .map(|k| {
                            t.cell(i, k)
                                .map(|c| CellDisplay::of(&c))
                                .unwrap_or_default()
                        })
                        .collect(),
                    link: link(row),
                    name_id: row.name_id().map(String::from),
                })
            })
        })
    });
    ask_for_name(display, session);
    move || {
        let keys = shown.get();
        let classes: Vec<&'static str> = shown_columns::<R>(&keys)
            .iter()
            .map(|c| c.width.class())
            .collect();
        classes
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
                if j == 0 {
                    let href = Signal::derive(move || {
                        display.with(|d| d.as_ref().and_then(|d| d.link.clone()).map(|l| l.0).unwrap_or_default())
                    });
                    let label = Signal::derive(move || {
                        display.with(|d| d.as_ref().and_then(|d| d.link.clone()).map(|l| l.1).unwrap_or_default())
                    });
                    view! { <th scope="row" class=class><LiveCell display=cell href link_label=label /></th> }.into_any()
                } else {
                    let expandable = class == Width::Long.class();
                    view! { <td class=class><LiveCell display=cell expandable /></td> }.into_any()
                }
            })
            .collect_view()
    }
}

/// Asks for the name of the user a row shows once the row stays on screen.
fn ask_for_name(display: Memo<Option<RowDisplay>>, session: SessionContext) {
    let id = Memo::new(move |_| display.with(|d| d.as_ref().and_then(|d| d.name_id.clone())));
    Effect::new(move |_| {
        let Some(wanted) = id.get() else { return };
        set_timeout(
            move || {
                if id.try_get_untracked().flatten().as_deref() == Some(wanted.as_str()) {
                    session.users.request(session, &wanted);
                }
            },
            NAME_DELAY,
        );
    });
}

/// While a search is typed or comes with a link, asks the directory for the
/// names of the first rows the view would show without the search (a
/// filtered-out row is never on screen to ask for its own name), so the
/// search matches them by name and UPN as soon as the names arrive. Each
/// name is asked once per session (the directory remembers).
pub fn ask_names_behind_search<R: TableRow + Send + Sync>(
    rows: RwSignal<Table<R>>,
    spec: Memo<ViewSpec>,
    session: SessionContext,
) {
    Effect::new(move |_| {
        let unsearched = spec.with(|s| {
            (!s.search.trim().is_empty()).then(|| ViewSpec {
                search: String::new(),
                ..s.clone()
            })
        });
        let Some(unsearched) = unsearched else { return };
        rows.track();
        let ids = rows
            .try_update_untracked(|t| {
                let order = t.view(&unsearched);
                t.unnamed_ids(&order, SEARCH_NAME_ROWS)
            })
            .unwrap_or_default();
        for id in ids {
            session.users.request(session, &id);
        }
    });
}

/// Under a sort by a name column with names still unknown: says that those
/// rows sort by id, and (once names arrived since the sort) offers to sort
/// again, instead of moving rows while the admin reads them.
pub fn name_sort_note<R: TableRow + Send + Sync>(
    rows: RwSignal<Table<R>>,
    spec: Memo<ViewSpec>,
) -> impl IntoView {
    // Keystrokes and direction changes leave these alone: the count of
    // unnamed rows is one pass over every row.
    let sort = Memo::new(move |_| spec.with(|s| s.sort));
    let column = Memo::new(move |_| sort.get().map(|s| s.column));
    let unnamed = Memo::new(move |_| {
        let column = column.get()?;
        rows.with(|t| t.unnamed_rows(column))
    });
    let stale = Memo::new(move |_| {
        let sort = sort.get()?;
        Some(rows.with(|t| t.name_order_stale(sort)))
    });
    let state = Memo::new(move |_| {
        Some(NameSort {
            unnamed: unnamed.get()?,
            stale: stale.get()?,
        })
    });
    let total = Memo::new(move |_| rows.with(Table::len));
    move || {
        let s = state.get().filter(|s| s.unnamed > 0 || s.stale)?;
        let text = if s.unnamed > 0 {
            format!(
                "Sorted by id until names arrive: {} of {} users have no name yet.",
                crate::format::thousands(s.unnamed as u64),
                crate::format::thousands(total.get() as u64)
            )
        } else {
            "Sorted by id until names arrive: every name is here now.".to_string()
        };
        let again = s.stale.then(|| {
            view! {
                <button type="button" class="btn btn-small"
                    on:click=move |_| { rows.update(|t| { t.resort_names(); }); }>
                    "Sort again with names"
                </button>
            }
        });
        Some(view! {
            <p class="banner banner-info name-sort-note" role="status">
                <span>{text}</span>{again}
            </p>
        })
    }
}

/// "loaded 3 min ago · Refresh" for a paged load once it is complete (or
/// restored from the session's kept loads); Refresh runs `refresh`.
pub fn freshness<R: TableRow + Send + Sync>(
    paged: PagedRows<R>,
    what: &'static str,
    refresh: Callback<()>,
) -> impl IntoView {
    let clock = use_context::<Clock>();
    let text = Signal::derive(move || {
        let at = paged.loaded_at.get()?;
        let now = clock.map(|c| c.now()).unwrap_or_else(chrono::Utc::now);
        Some(loaded_ago(at, now))
    });
    view! { <Freshness text what on_refresh=refresh /> }
}

/// The banner of a paged load's error: Resume when rows are on screen and
/// the failed page is known, else Retry (`retry`).
pub fn paged_error<R>(
    paged: PagedRows<R>,
    session: SessionContext,
    retry: Callback<()>,
) -> impl IntoView
where
    R: TableRow + serde::de::DeserializeOwned + Send + Sync + 'static,
{
    move || {
        paged.error.get().map(|e| {
            let on_resume = paged
                .resume_from
                .get()
                .map(|_| Callback::new(move |_| paged.resume(session)));
            view! { <ErrorBanner error=error_details(&e) on_retry=retry on_resume on_new_token=new_token_action(&e) /> }
        })
    }
}

/// "Export CSV" and "Export JSON": the rows in view, in their order. The
/// CSV has the shown columns (headers and values from the column table, a
/// UTF-8 byte order mark, formulas defused) and is saved as `file_name`;
/// the JSON holds the rows' own Graph objects, saved under the same name
/// ending in `.json`. Built in chunks ([`chunks::build`]) with a progress
/// line and Cancel, so 100,000 rows never freeze the page.
pub fn export_button<R: TableRow + serde::Serialize + Send + Sync>(
    rows: RwSignal<Table<R>>,
    order: Memo<Vec<u32>>,
    shown: Memo<Vec<&'static str>>,
    file_name: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let text: ExportText = std::sync::Arc::new(move |piece| {
        rows.with_untracked(|t| match piece {
            ExportPiece::Header(cols) => t.csv_header(cols),
            ExportPiece::Csv(chunk, cols) => t.csv_lines(chunk, cols),
            ExportPiece::Json(chunk, first) => t.json_items(chunk, first),
        })
    });
    export_buttons(text, order, shown, std::sync::Arc::new(file_name))
}

/// A piece of an export's text, read from the table.
enum ExportPiece<'a> {
    /// The CSV header line of these columns.
    Header(&'a [&'static str]),
    /// CSV lines of these rows and columns.
    Csv(&'a [u32], &'a [&'static str]),
    /// JSON items of these rows (`true`: the first chunk).
    Json(&'a [u32], bool),
}

/// Writes an export's pieces from one row type's table (so the buttons,
/// their progress and the chunked build are compiled once, not per row type).
type ExportText = std::sync::Arc<dyn Fn(ExportPiece<'_>) -> String + Send + Sync>;

/// [`export_button`] for any row type.
fn export_buttons(
    text: ExportText,
    order: Memo<Vec<u32>>,
    shown: Memo<Vec<&'static str>>,
    file_name: std::sync::Arc<dyn Fn() -> String + Send + Sync>,
) -> impl IntoView {
    let state = RwSignal::new(ExportState::Idle);
    let cancelled = RwSignal::new(false);
    let csv_name = std::sync::Arc::clone(&file_name);
    let start = std::sync::Arc::new(move |format: ExportFormat, name: String| {
        if matches!(state.get_untracked(), ExportState::Running { .. }) {
            return;
        }
        let text = std::sync::Arc::clone(&text);
        let indexes = order.get_untracked();
        let cols = shown.get_untracked();
        let total = indexes.len();
        cancelled.set(false);
        state.set(ExportState::Running {
            format,
            done: 0,
            total,
        });
        leptos::task::spawn_local(async move {
            let (head, tail) = match format {
                // A byte order mark, so spreadsheet programs read the file as UTF-8.
                ExportFormat::Csv => (
                    format!("\u{FEFF}{}", text(ExportPiece::Header(&cols))),
                    String::new(),
                ),
                ExportFormat::Json => ("[".to_string(), "\n]\n".to_string()),
            };
            let part = |range: std::ops::Range<usize>| {
                let chunk = indexes.get(range.clone()).unwrap_or_default();
                match format {
                    ExportFormat::Csv => text(ExportPiece::Csv(chunk, &cols)),
                    ExportFormat::Json => text(ExportPiece::Json(chunk, range.start == 0)),
                }
            };
            let progress = move |done| {
                state.set(ExportState::Running {
                    format,
                    done,
                    total,
                })
            };
            let built = chunks::build(total, head, part, tail, progress, move || {
                cancelled.get_untracked()
            })
            .await;
            let Some(parts) = built else {
                state.set(ExportState::Idle);
                return;
            };
            let saved = save_parts(&name, format.mime(), &parts);
            state.set(if saved {
                ExportState::Saved { name, rows: total }
            } else {
                ExportState::Refused
            });
        });
    });
    let start_json = std::sync::Arc::clone(&start);
    let export_csv = move |_| start(ExportFormat::Csv, csv_name());
    let export_json = move |_| start_json(ExportFormat::Json, json_name(&file_name()));
    let busy = move || matches!(state.get(), ExportState::Running { .. });
    view! {
        <button type="button" class="btn btn-small" on:click=export_csv disabled=move || busy() || order.with(Vec::is_empty)>
            "Export CSV"
        </button>
        <button type="button" class="btn btn-small" on:click=export_json disabled=move || busy() || order.with(Vec::is_empty)>
            "Export JSON"
        </button>
        <span class="export-status" role="status">
            {move || export_status(state.get(), cancelled)}
        </span>
    }
}

/// The file an export writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ExportFormat {
    Csv,
    Json,
}

impl ExportFormat {
    fn mime(self) -> &'static str {
        match self {
            ExportFormat::Csv => "text/csv;charset=utf-8",
            ExportFormat::Json => "application/json",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ExportFormat::Csv => "CSV",
            ExportFormat::Json => "JSON",
        }
    }
}

/// Where an export stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum ExportState {
    Idle,
    Running {
        format: ExportFormat,
        done: usize,
        total: usize,
    },
    Saved {
        name: String,
        rows: usize,
    },
    Refused,
}

/// The progress line of an export (with Cancel while it runs).
fn export_status(state: ExportState, cancelled: RwSignal<bool>) -> Option<AnyView> {
    match state {
        ExportState::Idle => None,
        ExportState::Running {
            format,
            done,
            total,
        } => Some(
            view! {
                <span class="muted">{format!(
                    "Exporting {}: {} of {} rows…",
                    format.label(),
                    thousands(done as u64),
                    thousands(total as u64)
                )}</span>
                " "
                <button type="button" class="btn btn-small" on:click=move |_| cancelled.set(true)>"Cancel export"</button>
            }
            .into_any(),
        ),
        ExportState::Saved { name, rows } => Some(
            view! { <span class="muted">{format!("Saved {} rows as {name}", thousands(rows as u64))}</span> }
                .into_any(),
        ),
        ExportState::Refused => Some(
            view! { <span class="muted">"The browser did not offer the download."</span> }.into_any(),
        ),
    }
}

/// The JSON file's name beside a CSV name: `.csv` becomes `.json`.
pub fn json_name(csv_name: &str) -> String {
    match csv_name.strip_suffix(".csv") {
        Some(stem) => format!("{stem}.json"),
        None => format!("{csv_name}.json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Run, UserProcessingResult};

    #[test]
    fn columns_from_links_keep_essentials_and_report_unknown_keys() {
        let defaults = default_columns::<Run>();
        let mut problems = Vec::new();
        assert_eq!(parse_columns::<Run>(None, &mut problems), defaults);
        assert_eq!(columns_param::<Run>(&defaults), None);
        let essential: Vec<&str> = Run::columns()
            .iter()
            .filter(|c| c.priority == Priority::Essential)
            .map(|c| c.key)
            .collect();
        let parsed = parse_columns::<Run>(Some("nope,started"), &mut problems);
        assert!(parsed.contains(&"started"));
        assert!(essential.iter().all(|k| parsed.contains(k)));
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].value, "nope");
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
        let mut problems = Vec::new();
        assert_eq!(
            parse_columns::<UserProcessingResult>(Some(&param), &mut problems),
            more
        );
        assert_eq!(
            toggle_column::<UserProcessingResult>(&more, optional.key),
            shown
        );
    }

    #[test]
    fn the_json_file_is_named_like_the_csv() {
        assert_eq!(json_name("runs_wf.csv"), "runs_wf.json");
        assert_eq!(json_name("x"), "x.json");
    }

    #[test]
    fn status_sorts_worst_first_when_descending() {
        let s = table_sort(SortParam {
            key: "status",
            descending: true,
        });
        assert_eq!(s.dir, SortDir::Asc);
        let d = table_sort(SortParam {
            key: "started",
            descending: true,
        });
        assert_eq!(d.dir, SortDir::Desc);
    }
}
