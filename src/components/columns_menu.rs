//! The Columns menu: which columns a table shows. Columns that fold away
//! to keep the table inside the window come back here.

use leptos::prelude::*;

/// One column in the menu.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ColumnChoice {
    /// The column's URL key.
    pub key: &'static str,
    /// Its header text.
    pub title: &'static str,
    /// Whether it is shown.
    pub shown: bool,
    /// Always shown (no checkbox).
    pub locked: bool,
}

/// A disclosure with one checkbox per column; `on_toggle` gets the key.
#[component]
pub fn ColumnsMenu(
    /// Accessible name of the table the menu belongs to.
    #[prop(into)]
    table: String,
    /// The columns and whether each is shown.
    #[prop(into)]
    choices: Signal<Vec<ColumnChoice>>,
    /// Called with a column's key when its box is toggled.
    on_toggle: Callback<&'static str>,
) -> impl IntoView {
    let hidden = move || choices.with(|c| c.iter().filter(|c| !c.shown).count());
    view! {
        <details class="columns-menu">
            <summary aria-label=format!("Columns of {table}")>
                "Columns"
                {move || (hidden() > 0).then(|| format!(" ({} hidden)", hidden()))}
            </summary>
            <fieldset class="columns-list">
                <legend class="sr-only">"Shown columns"</legend>
                <For
                    each=move || choices.get()
                    key=|c| (c.key, c.shown)
                    children=move |c: ColumnChoice| {
                        let key = c.key;
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=c.shown
                                    disabled=c.locked
                                    on:change=move |_| on_toggle.run(key)
                                />
                                {c.title}
                            </label>
                        }
                    }
                />
            </fieldset>
        </details>
    }
}
