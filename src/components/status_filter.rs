//! A fieldset of status checkboxes: which processing statuses a table shows.
//!
//! ```ignore
//! view! { <StatusFilter choices=CHOICES.to_vec() selected=statuses on_change=Callback::new(save) /> }
//! ```

use crate::model::ProcessingStatus;
use leptos::prelude::*;

/// One labelled checkbox per status in `choices`; `on_change` receives the
/// new selection in click order.
#[component]
pub fn StatusFilter(
    choices: Vec<ProcessingStatus>,
    #[prop(into)] selected: Signal<Vec<ProcessingStatus>>,
    on_change: Callback<Vec<ProcessingStatus>>,
) -> impl IntoView {
    view! {
        <fieldset class="field">
            <legend>"Status"</legend>
            {choices
                .into_iter()
                .map(|status| {
                    let label = status.label().to_string();
                    let mine = status.clone();
                    let checked = move || selected.with(|s| s.contains(&mine));
                    let toggle = move |ev| {
                        let mut list = selected.get_untracked();
                        list.retain(|x| *x != status);
                        if event_target_checked(&ev) {
                            list.push(status.clone());
                        }
                        on_change.run(list);
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" prop:checked=checked on:change=toggle />
                            {label}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
