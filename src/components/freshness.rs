//! "loaded 3 min ago · Refresh": how old the rows on screen are (they may
//! come from the session's kept loads) and a way to load them again.

use leptos::prelude::*;

/// The age of the rows shown (`None`: nothing complete yet, nothing shown)
/// and a Refresh button that loads them again from Graph.
#[component]
pub fn Freshness(
    /// "loaded 3 min ago", or `None` while nothing complete is shown.
    text: Signal<Option<String>>,
    /// What Refresh reloads, for its accessible name ("user results").
    #[prop(into)]
    what: String,
    /// Loads the rows again.
    on_refresh: Callback<()>,
) -> impl IntoView {
    let label = format!("Refresh the {what} from Graph");
    move || {
        text.get().map(|t| {
            view! {
                <span class="freshness muted" role="status">
                    {t}" · "
                    <button type="button" class="btn btn-small" title=label.clone()
                        on:click=move |_| on_refresh.run(())>"Refresh"</button>
                </span>
            }
        })
    }
}
