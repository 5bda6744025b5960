//! "Export CSV" and "Export JSON" of a table's rows in view: built in
//! chunks with a progress line and Cancel, saved by the browser.

use crate::app::export::chunks;
use crate::app::export::download::save_parts;
use crate::format::thousands;
use crate::table::{Table, TableRow};
use leptos::prelude::*;

/// "Export CSV" and "Export JSON": the rows in view, in their order. The
/// CSV has the shown columns (headers and values from the column table, a
/// UTF-8 byte order mark, formulas defused) and is saved as `file_name`;
/// the JSON holds the rows' own Graph objects, saved under the same name
/// ending in `.json`. Built in chunks ([`chunks::build`]) with a progress
/// line and Cancel, so 100,000 rows never freeze the page.
pub(crate) fn export_button<R: TableRow + serde::Serialize + Send + Sync>(
    rows: RwSignal<Table<R>>,
    order: impl Into<Signal<Vec<u32>>>,
    shown: impl Into<Signal<Vec<&'static str>>>,
    file_name: impl Fn() -> String + Send + Sync + 'static,
) -> impl IntoView {
    let text: ExportText = std::sync::Arc::new(move |piece| {
        rows.with_untracked(|t| match piece {
            ExportPiece::Header(cols) => t.csv_header(cols),
            ExportPiece::Csv(chunk, cols) => t.csv_lines(chunk, cols),
            ExportPiece::Json(chunk, first) => t.json_items(chunk, first),
        })
    });
    export_buttons(
        text,
        order.into(),
        shown.into(),
        std::sync::Arc::new(file_name),
    )
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
    order: Signal<Vec<u32>>,
    shown: Signal<Vec<&'static str>>,
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
pub(super) fn json_name(csv_name: &str) -> String {
    match csv_name.strip_suffix(".csv") {
        Some(stem) => format!("{stem}.json"),
        None => format!("{csv_name}.json"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_json_file_is_named_like_the_csv() {
        assert_eq!(json_name("runs_wf.csv"), "runs_wf.json");
        assert_eq!(json_name("x"), "x.json");
    }
}
