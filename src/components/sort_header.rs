//! A sortable column header: `<th scope="col" aria-sort>` holding a button.

use leptos::prelude::*;

/// `aria-sort` for a column: `Some(descending)` when it is the sort column.
pub fn aria_sort(direction: Option<bool>) -> &'static str {
    match direction {
        None => "none",
        Some(true) => "descending",
        Some(false) => "ascending",
    }
}

/// A column header that asks to sort by its column when activated.
#[component]
pub fn SortHeader(
    /// Visible column name.
    #[prop(into)]
    label: String,
    /// `Some(descending)` when the table is sorted by this column.
    #[prop(into)]
    direction: Signal<Option<bool>>,
    /// Called when the header is activated.
    on_sort: Callback<()>,
    /// Extra classes (width class, `num` for right-aligned numbers).
    #[prop(optional, into)]
    class: String,
) -> impl IntoView {
    let arrow = move || match direction.get() {
        Some(false) => "▲",
        Some(true) => "▼",
        None => "↕",
    };
    view! {
        <th scope="col" class=class aria-sort=move || aria_sort(direction.get())>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(())>
                {label}
                <span class="sort-arrow" aria-hidden="true">{arrow}</span>
            </button>
        </th>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aria_sort_values() {
        assert_eq!(aria_sort(Some(true)), "descending");
        assert_eq!(aria_sort(None), "none");
        assert_eq!(aria_sort(Some(false)), "ascending");
    }
}
