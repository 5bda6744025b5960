//! Screens that need a token: the view of the route whose children they are.
//! Without a token, remember where the user was and go to sign-in; with one,
//! render the matched screen (the route's `Outlet`).

use crate::app::session::context::SessionContext;
use crate::app::url::base::strip_base;
use crate::app::url::query::paths;
use crate::app::RouterBase;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// Renders the matched child route only with a session; otherwise
/// redirects to sign-in.
#[component]
pub(crate) fn RequireSignIn() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let base = expect_context::<RouterBase>();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if session.is_signed_in() {
            return;
        }
        if !session.was_signed_out() {
            let path = location.pathname.get_untracked();
            let search = location.search.get_untracked();
            let in_app = strip_base(&path, base.0.as_deref()).to_string();
            let full = if search.is_empty() {
                in_app
            } else {
                format!("{in_app}?{search}")
            };
            session.remember_return(full);
        }
        navigate(
            &paths::sign_in(),
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    });
    move || session.is_signed_in().then(|| view! { <Outlet /> })
}
