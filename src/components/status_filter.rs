//! A fieldset of status checkboxes: which processing statuses a table shows.
//!
//! ```ignore
//! view! { <StatusFilter choices=&STATUS_CHOICES selected=statuses on_change=move |list| save(list) /> }
//! ```

use crate::model::ProcessingStatus;
use leptos::prelude::*;

/// One labelled checkbox per status in `choices` (wire values such as
/// `failed`); `on_change` receives the new selection in click order.
#[component]
pub fn StatusFilter<F>(
    choices: &'static [&'static str],
    #[prop(into)] selected: Signal<Vec<String>>,
    on_change: F,
) -> impl IntoView
where
    F: Fn(Vec<String>) + Clone + 'static,
{
    view! {
        <fieldset class="field">
            <legend>"Status"</legend>
            {choices
                .iter()
                .map(|&status| {
                    let on_change = on_change.clone();
                    let checked = move || selected.get().iter().any(|x| x == status);
                    let toggle = move |ev| {
                        let mut list = selected.get_untracked();
                        list.retain(|x| x != status);
                        if event_target_checked(&ev) {
                            list.push(status.to_string());
                        }
                        on_change(list);
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            {ProcessingStatus::from_wire(status).label().to_string()}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
