//! The application root: context objects, router (under the document's base
//! path) and the route table.

pub mod api;
pub mod base;
pub mod clock;
pub mod guard;
pub mod names;
pub mod paged;
pub mod query;
pub mod session;
pub mod token_view;
pub mod url_nav;

use crate::components::top_bar::TopBar;
use crate::pages::{
    not_found::NotFound, run::RunPage, runs::RunsPage, sign_in::SignInPage,
    user_result::UserResultPage, workflows::WorkflowsPage,
};
use guard::RequireSignIn;
use leptos::prelude::*;
use leptos_router::components::{Redirect, Route, Router, Routes};
use leptos_router::path;
use session::Session;

/// The router base (`/sub/path` or `None`), provided as context.
#[derive(Clone, Debug, Default)]
pub struct RouterBase(pub Option<String>);

/// The application shell.
#[component]
pub fn App() -> impl IntoView {
    let base = base::router_base();
    base::remember_base(base.clone());
    provide_context(RouterBase(base.clone()));
    provide_context(Session::new());
    provide_context(clock::Clock::start());
    provide_context(names::Names::new());
    view! {
        <Router base=base.unwrap_or_default()>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopBar />
            <main id="main" class="page">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/workflows" /> } />
                    <Route path=path!("/index.html") view=|| view! { <Redirect path="/workflows" /> } />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <Route
                        path=path!("/workflows")
                        view=|| view! { <RequireSignIn><WorkflowsPage /></RequireSignIn> }
                    />
                    <Route
                        path=path!("/workflows/:wf/runs")
                        view=|| view! { <RequireSignIn><RunsPage /></RequireSignIn> }
                    />
                    <Route
                        path=path!("/workflows/:wf/runs/:run")
                        view=|| view! { <RequireSignIn><RunPage /></RequireSignIn> }
                    />
                    <Route
                        path=path!("/workflows/:wf/runs/:run/users/:upr")
                        view=|| view! { <RequireSignIn><UserResultPage /></RequireSignIn> }
                    />
                </Routes>
            </main>
        </Router>
    }
}
