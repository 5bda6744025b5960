//! The path parameters of the viewer's routes, typed (`/workflows/:wf/runs/
//! :run/users/:upr`): one struct read with the router's `Params` derive,
//! and a memo per field so a screen reloads only what its field changes.

use leptos::prelude::*;
use leptos::Params;
use leptos_router::hooks::use_params;
use leptos_router::params::Params;

/// The ids in the current route's path; absent ones are empty.
#[derive(Params, Clone, Debug, Default, PartialEq)]
pub(crate) struct RouteIds {
    /// The workflow id (`:wf`).
    pub wf: Option<String>,
    /// The run id (`:run`).
    pub run: Option<String>,
    /// The user processing result id (`:upr`).
    pub upr: Option<String>,
}

/// One path id of the current route, as a memo (empty when absent).
pub(crate) fn use_route_id(field: fn(&RouteIds) -> &Option<String>) -> Memo<String> {
    let ids = use_params::<RouteIds>();
    Memo::new(move |_| {
        ids.with(|r| {
            r.as_ref()
                .ok()
                .and_then(|ids| field(ids).clone())
                .unwrap_or_default()
        })
    })
}
