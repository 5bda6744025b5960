//! The note under a sort by a name column while names are missing: those
//! rows sort by id, and once names arrived since the sort it offers to
//! sort again, instead of moving rows while the admin reads them.

use crate::app::session::users::name_sort_state;
use crate::format::thousands;
use crate::table::{NameSort, Table, TableRow, ViewSpec};
use leptos::prelude::*;

/// The note's words for `state` of `total` rows; `None` when there is
/// nothing to say (every name known and the order up to date).
pub(super) fn name_sort_text(state: NameSort, total: usize) -> Option<String> {
    if state.unnamed > 0 {
        Some(format!(
            "Sorted by id until names arrive: {} of {} users have no name yet.",
            thousands(state.unnamed as u64),
            thousands(total as u64)
        ))
    } else if state.stale {
        Some("Sorted by id until names arrive: every name is here now.".to_string())
    } else {
        None
    }
}

/// The note for the view of `spec` over `rows`, with "Sort again with
/// names" once names arrived since the sort.
pub(super) fn name_sort_note<R: TableRow + Send + Sync>(
    rows: RwSignal<Table<R>>,
    spec: Memo<ViewSpec>,
) -> AnyView {
    let state = name_sort_state(rows, spec);
    let total = Memo::new(move |_| rows.with(Table::len));
    let resort = Callback::new(move |_| {
        rows.update(|t| {
            t.resort_names();
        })
    });
    note_view(state, total, resort)
}

/// The note itself, for any row type.
fn note_view(state: Memo<Option<NameSort>>, total: Memo<usize>, resort: Callback<()>) -> AnyView {
    (move || {
        let s = state.get()?;
        let text = name_sort_text(s, total.get())?;
        let again = s.stale.then(|| {
            view! {
                <button type="button" class="btn btn-small" on:click=move |_| resort.run(())>
                    "Sort again with names"
                </button>
            }
        });
        Some(view! {
            <p class="banner banner-info name-sort-note" role="status">
                <span>{text}</span>{again}
            </p>
        })
    })
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_note_counts_the_unnamed_and_goes_once_the_order_is_fresh() {
        let waiting = NameSort {
            unnamed: 1200,
            stale: false,
        };
        assert_eq!(
            name_sort_text(waiting, 5000).as_deref(),
            Some("Sorted by id until names arrive: 1,200 of 5,000 users have no name yet.")
        );
        let arrived = NameSort {
            unnamed: 0,
            stale: true,
        };
        assert!(
            name_sort_text(arrived, 5000).is_some_and(|t| t.ends_with("every name is here now."))
        );
        assert_eq!(name_sort_text(NameSort::default(), 5000), None);
    }
}
