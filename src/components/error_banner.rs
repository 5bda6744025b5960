//! The error banner: the admin-readable message, HTTP status and Graph code,
//! the request-id with a copy button for support tickets, and Retry (or
//! Resume loading, for a paged load that failed part-way). An access error
//! (403) also offers another way in: "Use another token" to someone who
//! pasted one, "Sign in with another account" after Sign in with Microsoft.

use leptos::prelude::*;

/// What an error banner shows; built from the data layer's `GraphError`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorDetails {
    /// Message for an identity admin (never contains the token).
    pub message: String,
    /// HTTP status, when there was a response.
    pub status: Option<u16>,
    /// Graph error code, e.g. `Authorization_RequestDenied`.
    pub code: Option<String>,
    /// `request-id` for support tickets.
    pub request_id: Option<String>,
}

/// A way to try another identity after an access error: its button's
/// words and what it does.
#[derive(Clone, Copy)]
pub struct SwitchAccess {
    /// "Use another token" or "Sign in with another account".
    pub label: &'static str,
    pub run: Callback<()>,
}

/// An alert with the error, its identifiers and a Retry button.
#[component]
pub fn ErrorBanner(
    /// The error to show.
    error: ErrorDetails,
    /// Called when the user presses Retry; no button when absent.
    #[prop(optional)]
    on_retry: Option<Callback<()>>,
    /// Continues a paged load from the page that failed; when given, it
    /// replaces Retry (which would reload every page from the start).
    #[prop(default = None)]
    on_resume: Option<Callback<()>>,
    /// For an access error: another token or account (shown beside Retry).
    #[prop(default = None)]
    on_switch: Option<SwitchAccess>,
) -> impl IntoView {
    let ErrorDetails {
        message,
        status,
        code,
        request_id,
    } = error;
    let copied = RwSignal::new(false);
    let facts = {
        let mut parts = Vec::new();
        if let Some(s) = status {
            parts.push(format!("HTTP {s}"));
        }
        if let Some(c) = code.filter(|c| !c.is_empty()) {
            parts.push(c);
        }
        parts.join(" · ")
    };
    let request_view = request_id.filter(|r| !r.is_empty()).map(|id| {
        let to_copy = id.clone();
        view! {
            <span class="request-id">
                "Request ID: " <code>{id}</code>
                <button
                    type="button"
                    class="btn btn-small"
                    on:click=move |_| {
                        copy_to_clipboard(&to_copy);
                        copied.set(true);
                    }
                >
                    {move || if copied.get() { "Copied" } else { "Copy request ID" }}
                </button>
            </span>
        }
    });
    view! {
        <div class="banner banner-error" role="alert">
            <span class="banner-icon" aria-hidden="true">"✕"</span>
            <div class="banner-body">
                <p class="banner-message">{message}</p>
                <p class="banner-facts">
                    {(!facts.is_empty()).then(|| view! { <span>{facts}</span> })} {request_view}
                </p>
            </div>
            {match (on_resume, on_retry) {
                (Some(resume), _) => Some(view! {
                    <button type="button" class="btn" on:click=move |_| resume.run(())>
                        "Resume loading"
                    </button>
                }.into_any()),
                (None, Some(retry)) => Some(view! {
                    <button type="button" class="btn" on:click=move |_| retry.run(())>
                        "Retry"
                    </button>
                }.into_any()),
                (None, None) => None,
            }}
            {on_switch.map(|switch| view! {
                <button type="button" class="btn" on:click=move |_| switch.run.run(())>
                    {switch.label}
                </button>
            })}
        </div>
    }
}

/// Writes text to the clipboard; failures are ignored (the id stays visible).
pub fn copy_to_clipboard(text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        let _ = window().navigator().clipboard().write_text(text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = text;
    }
}
