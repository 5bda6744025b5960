//! A quarantined workflow's badge with its `quarantineDetails` beside it:
//! which threshold, since when, and Graph's reason, shown where the badge is
//! (not hidden in a tooltip).

use crate::components::time::Time;
use crate::model::QuarantineDetails;
use leptos::prelude::*;

/// Badge, kind and time of the quarantine, and its reason.
#[component]
pub fn QuarantineNotice(details: QuarantineDetails) -> impl IntoView {
    let kind = details
        .quarantine_type
        .as_ref()
        .map(|t| t.label().to_string())
        .unwrap_or_else(|| "Quarantined".to_string());
    let reason = details.quarantine_reason.clone().unwrap_or_else(|| {
        "Graph gives no reason. Processing is paused until an administrator reviews the workflow."
            .to_string()
    });
    view! {
        <div class="quarantine" role="group" aria-label="Quarantine">
            <span class="badge badge-danger"><span aria-hidden="true">"!"</span>"Quarantined"</span>
            <span class="quarantine-kind">
                {kind}
                {details.quarantined_date_time.map(|at| view! { " · since " <Time at=Some(at) /> })}
            </span>
            <span class="quarantine-reason">{reason}</span>
        </div>
    }
}
