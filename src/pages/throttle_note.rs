//! "Graph is throttling; retrying in N s": shown, counting down, while a
//! throttled request waits longer than a second before its retry.

use crate::app::browser::clock::Clock;
use crate::app::load::throttle::seconds_left;
use crate::app::session::context::SessionContext;
use leptos::prelude::*;

/// The throttling note (nothing while no throttled request waits).
#[component]
pub(crate) fn ThrottleNote() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let clock = use_context::<Clock>();
    let left = move || {
        let now = clock.map(|c| c.now()).unwrap_or_else(chrono::Utc::now);
        seconds_left(session.throttle.retry_at()?, now)
    };
    view! {
        <div class="throttle-note" role="status" aria-live="polite">
            {move || left().map(|n| view! {
                <p class="banner banner-info">{format!("Graph is throttling; retrying in {n} s")}</p>
            })}
        </div>
    }
}
