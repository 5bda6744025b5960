//! "Open a workflow or run": a small form that opens the screen an id or a
//! link names (`app::url::open_link` reads it). A token that may read runs
//! but not list workflows gets in this way: the workflows screen always
//! offers it, Failures and Insights when the workflow list was denied.

use crate::app::url::open_link;
use crate::graph::{Call, ErrorKind, GraphError};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Whether a load failed because the workflow list was denied (403).
pub(crate) fn list_denied<T>(answer: &Option<Result<T, GraphError>>) -> bool {
    matches!(answer, Some(Err(e)) if is_list_denied(e))
}

/// Whether `error` is a 403 on `GET workflows`.
pub(crate) fn is_list_denied(error: &GraphError) -> bool {
    error.kind == ErrorKind::Forbidden && error.call == Some(Call::ListWorkflows)
}

/// The form: a text box for an id or a link, Open, and why a text cannot
/// be opened.
#[component]
pub(crate) fn OpenById() -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match open_link::parse(&text.get_untracked()) {
            Ok(opened) => {
                problem.set(None);
                navigate(&opened.link(), NavigateOptions::default());
            }
            Err(why) => problem.set(Some(why)),
        }
    };
    view! {
        <form class="open-by-id" aria-label="Open a workflow or run" on:submit=submit>
            <div class="field">
                <label for="open-by-id">"Open a workflow or run"</label>
                <div class="open-by-id-row">
                    <input
                        id="open-by-id"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="Workflow id, or a link to a workflow or run"
                        aria-describedby="open-by-id-hint"
                        aria-invalid=move || problem.with(Option::is_some).to_string()
                        prop:value=move || text.get()
                        on:input=move |ev| text.set(event_target_value(&ev))
                    />
                    <button type="submit" class="btn">"Open"</button>
                </div>
                <span id="open-by-id-hint" class="field-hint">
                    "A workflow id, a link to this viewer, a Microsoft Graph URL or an Entra admin center link. Needs no permission to list workflows."
                </span>
                {move || problem.get().map(|why| view! { <p class="open-by-id-problem" role="alert">{why}</p> })}
            </div>
        </form>
    }
}
