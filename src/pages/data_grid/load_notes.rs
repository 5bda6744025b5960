//! The lines a paged load puts beside its grid: how fresh the rows are
//! (with Refresh) and the banner of its error (with Resume or Retry).

use crate::app::browser::clock::Clock;
use crate::app::load::paged::PagedRows;
use crate::app::session::context::SessionContext;
use crate::app::session::result_cache::loaded_ago;
use crate::components::error_banner::ErrorBanner;
use crate::components::freshness::Freshness;
use crate::pages::loaded::{error_details, switch_action};
use crate::table::TableRow;
use leptos::prelude::*;

/// "loaded 3 min ago · Refresh" for a paged load once it is complete (or
/// restored from the session's kept loads); Refresh runs `refresh`.
pub(crate) fn freshness<R: TableRow + Send + Sync>(
    paged: PagedRows<R>,
    what: &'static str,
    refresh: Callback<()>,
) -> impl IntoView {
    let clock = use_context::<Clock>();
    let text = Signal::derive(move || {
        let at = paged.loaded_at.get()?;
        let now = clock.map(|c| c.now()).unwrap_or_else(chrono::Utc::now);
        Some(loaded_ago(at, now))
    });
    view! { <Freshness text what on_refresh=refresh /> }
}

/// The banner of a paged load's error: Resume when rows are on screen and
/// the failed page is known, else Retry (`retry`).
pub(crate) fn paged_error<R>(
    paged: PagedRows<R>,
    session: SessionContext,
    retry: Callback<()>,
) -> impl IntoView
where
    R: TableRow + serde::de::DeserializeOwned + Send + Sync + 'static,
{
    move || {
        paged.error.get().map(|e| {
            let on_resume = paged
                .resume_from
                .get()
                .map(|_| Callback::new(move |_| paged.resume(session)));
            view! { <ErrorBanner error=error_details(&e) on_retry=retry on_resume on_switch=switch_action(&e) /> }
        })
    }
}
