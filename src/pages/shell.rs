//! The application shell: context objects, the header, and the route table
//! (under the document's base path): the screens that need a token are the
//! children of one route whose view is the sign-in guard. A redirect back from a browser sign-in
//! is handled here, before the router reads the address.

use super::failures::FailuresPage;
use super::insights::InsightsPage;
use super::throttle_note::ThrottleNote;
use super::top_bar::TopBar;
use super::{
    not_found::NotFound, run::RunPage, runs::RunsPage, sign_in::SignInPage,
    user_result::UserResultPage, workflow::WorkflowPage, workflows::WorkflowsPage,
};
use crate::app::browser::clock;
use crate::app::browser::page_title::focus_heading_soon;
use crate::app::browser::return_focus;
use crate::app::embed::host::{EmbedHost, EmbedMode};
use crate::app::session::context::SessionContext;
use crate::app::session::renewal;
use crate::app::sign_in::browser::BrowserSignIn;
use crate::app::sign_in::refresher;
use crate::app::url::base;
use crate::app::RouterBase;
use crate::pages::embed_bridge::EmbedBridge;
use crate::pages::guard::RequireSignIn;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

/// The application shell.
#[component]
pub fn App() -> impl IntoView {
    let base = base::router_base();
    base::remember_base(base.clone());
    provide_context(RouterBase(base.clone()));
    provide_context(EmbedHost::start());
    let session = SessionContext::new();
    provide_context(session);
    refresher::resume(session);
    let browser = BrowserSignIn::new();
    provide_context(browser);
    browser.land(session, base.as_deref());
    renewal::keep_fresh(session);
    provide_context(clock::Clock::start());
    return_focus::start();
    view! {
        <Router base=base.unwrap_or_default()>
            <FocusOnNavigate />
            <EmbedBridge />
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopBar />
            <main id="main" class="page">
                <ThrottleNote />
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/") view=|| view! { <Redirect path="/workflows" /> } />
                    <Route path=path!("/index.html") view=|| view! { <Redirect path="/workflows" /> } />
                    <Route path=path!("/sign-in") view=SignInPage />
                    <ParentRoute path=path!("") view=RequireSignIn>
                        <Route path=path!("/workflows") view=WorkflowsPage />
                        <Route path=path!("/workflows/:wf") view=WorkflowPage />
                        <Route path=path!("/workflows/:wf/runs") view=RunsPage />
                        <Route path=path!("/workflows/:wf/runs/:run") view=RunPage />
                        <Route path=path!("/workflows/:wf/runs/:run/users/:upr") view=UserResultPage />
                        <Route path=path!("/insights") view=InsightsPage />
                        <Route path=path!("/failures") view=FailuresPage />
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

/// After a navigation to another screen (not a filter change), focus goes
/// to the new screen's heading, or, after Back or Forward, to the link the
/// screen was left by; embedded, not when the host's token opens
/// the first screen or the host navigates (focus stays in the portal).
#[component]
fn FocusOnNavigate() -> impl IntoView {
    let location = use_location();
    let embed = expect_context::<EmbedHost>();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        let by_host = embed.take_host_navigation()
            || (embed.mode_untracked() == EmbedMode::On
                && previous.as_deref().is_some_and(|p| p.ends_with("/sign-in")));
        if previous.is_some_and(|p| p != path) && !by_host && !return_focus::restore_after_history()
        {
            focus_heading_soon();
        }
        path
    });
}
