//! The screen for an unknown path.

use crate::app::url::base::app_href;
use leptos::prelude::*;
use leptos_router::components::A;

/// "Page not found" with a way back.
#[component]
pub(crate) fn NotFound() -> impl IntoView {
    crate::app::browser::page_title::set_title(&["Page not found"]);
    view! {
        <h1>"Page not found"</h1>
        <p>"This address is not a screen of the viewer."</p>
        <A href=app_href("/workflows")>"Go to workflows"</A>
    }
}
