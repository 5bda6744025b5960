//! The router side of embedding, mounted inside the router: follows the
//! host's `lwv:navigate` (or keeps it as the screen to open after the
//! handshake), tells the host each `lwv:location`, and applies its theme.

use crate::app::embed::contract::{location_path, Outbound};
use crate::app::embed::host::{EmbedHost, EmbedMode};
use crate::app::embed::window;
use crate::app::session::context::SessionContext;
use crate::app::url::base::strip_base;
use crate::app::RouterBase;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use leptos_router::NavigateOptions;

/// Embedding's link to the router (renders nothing).
#[component]
pub(crate) fn EmbedBridge() -> impl IntoView {
    let host = expect_context::<EmbedHost>();
    let session = expect_context::<SessionContext>();
    let base = expect_context::<RouterBase>();
    let location = use_location();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let Some(path) = host.take_navigation() else {
            return;
        };
        let to = format!("/{path}");
        if session.client().is_ok() {
            host.mark_host_navigation();
            navigate(&to, NavigateOptions::default());
        } else {
            session.remember_return(to);
        }
    });
    Effect::new(move |_| {
        let path = location.pathname.get();
        let search = location.search.get();
        if host.mode() == EmbedMode::On {
            let in_app = strip_base(&path, base.0.as_deref());
            let path = location_path(in_app, &search);
            host.post(&Outbound::Location { path });
        }
    });
    Effect::new(move |_| window::set_theme(host.theme()));
}
