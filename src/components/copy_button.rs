//! A "Copy …" button: writes its text to the clipboard and says "Copied"
//! (a live status beside it) once the browser took it, or that it could not.

use leptos::prelude::*;

/// What the last press came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    Idle,
    Copied,
    Refused,
}

/// A button that copies `text`; `label` is its visible name ("Copy reason").
#[component]
pub fn CopyButton(
    /// The text to copy.
    #[prop(into)]
    text: String,
    /// The button's text.
    #[prop(into)]
    label: String,
) -> impl IntoView {
    let outcome = RwSignal::new(Outcome::Idle);
    let press = move |_| {
        let text = text.clone();
        leptos::task::spawn_local(async move {
            let copied = write_clipboard(&text).await;
            outcome.set(if copied {
                Outcome::Copied
            } else {
                Outcome::Refused
            });
        });
    };
    view! {
        <span class="copy">
            <button type="button" class="btn btn-small" on:click=press>{label}</button>
            <span class="copy-status" role="status">
                {move || match outcome.get() {
                    Outcome::Idle => "",
                    Outcome::Copied => "Copied",
                    Outcome::Refused => "The browser did not allow copying; select the text instead.",
                }}
            </span>
        </span>
    }
}

/// Writes `text` to the clipboard; whether the browser took it.
async fn write_clipboard(text: &str) -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        let promise = window().navigator().clipboard().write_text(text);
        wasm_bindgen_futures::JsFuture::from(promise).await.is_ok()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
        false
    }
}
