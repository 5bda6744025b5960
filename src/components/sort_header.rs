//! A sortable column header: `<th scope="col" aria-sort>` holding a button.

use crate::app::query::SortState;
use leptos::prelude::*;

/// `aria-sort` for a column given the current sort.
pub fn aria_sort(sort: &SortState, key: &str) -> &'static str {
    if sort.key != key {
        "none"
    } else if sort.descending {
        "descending"
    } else {
        "ascending"
    }
}

/// A column header that sorts by `key` when activated.
#[component]
pub fn SortHeader(
    /// Visible column name.
    #[prop(into)]
    label: String,
    /// Column key as written in the URL.
    key: &'static str,
    /// Current sort.
    sort: Signal<SortState>,
    /// Called with `key` when the header is activated.
    on_sort: Callback<&'static str>,
    /// Extra class (e.g. `num` for right-aligned numbers).
    #[prop(optional)]
    class: &'static str,
) -> impl IntoView {
    let arrow = move || match aria_sort(&sort.get(), key) {
        "ascending" => "▲",
        "descending" => "▼",
        _ => "↕",
    };
    view! {
        <th scope="col" class=class aria-sort=move || aria_sort(&sort.get(), key)>
            <button type="button" class="sort-button" on:click=move |_| on_sort.run(key)>
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
        let s = SortState {
            key: "started".into(),
            descending: true,
        };
        assert_eq!(aria_sort(&s, "started"), "descending");
        assert_eq!(aria_sort(&s, "status"), "none");
        let a = SortState {
            key: "status".into(),
            descending: false,
        };
        assert_eq!(aria_sort(&a, "status"), "ascending");
    }
}
