//! Loading skeletons, empty states that say why, and progress for long loads.

use leptos::prelude::*;

/// Placeholder rows shown while the first page loads.
#[component]
pub fn SkeletonRows(
    /// Number of columns to fill.
    columns: usize,
    /// Number of rows.
    #[prop(default = 6)]
    rows: usize,
) -> impl IntoView {
    (0..rows)
        .map(|_| {
            view! {
                <tr class="skeleton-row" aria-hidden="true">
                    {(0..columns)
                        .map(|_| view! { <td><span class="skeleton"></span></td> })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view()
}

/// A block of skeleton lines for non-table content.
#[component]
pub fn SkeletonBlock(#[prop(default = 3)] lines: usize) -> impl IntoView {
    view! {
        <div class="skeleton-block" aria-busy="true" aria-label="Loading">
            {(0..lines).map(|_| view! { <span class="skeleton"></span> }).collect_view()}
        </div>
    }
}

/// An empty state: what is empty, why, and what to do.
#[component]
pub fn EmptyState(
    /// Short headline.
    #[prop(into)]
    title: String,
    /// Why it is empty and what to try.
    #[prop(into)]
    hint: String,
    /// Optional action (a link or button).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="empty-state" role="status">
            <p class="empty-title">{title}</p>
            {(!hint.is_empty()).then(|| view! { <p class="empty-hint">{hint}</p> })}
            {children.map(|c| c())}
        </div>
    }
}

/// "Loaded 2,400 results…" with a Stop button while pages keep arriving.
#[component]
pub fn LoadProgress(
    /// Rows loaded so far.
    loaded: Signal<usize>,
    /// Whether more pages are being fetched.
    loading: Signal<bool>,
    /// What the rows are ("results", "runs").
    #[prop(into)]
    noun: String,
    /// Stops fetching further pages.
    on_stop: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || loading.get()>
            <div class="progress" role="status" aria-live="polite">
                <span class="spinner" aria-hidden="true"></span>
                <span>{
                    let noun = noun.clone();
                    move || crate::format::loaded_text(loaded.get(), None, &noun)
                }</span>
                <button type="button" class="btn btn-small" on:click=move |_| on_stop.run(())>
                    "Stop"
                </button>
            </div>
        </Show>
    }
}
