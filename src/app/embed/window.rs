//! The browser calls of embedding: whether the page is framed, posting to
//! `window.parent` (only ever to an exact listed origin), the `message`
//! listener, the content height observer, nonces from the browser's crypto,
//! the theme and embedded markers on `<html>`, and the debug line. Browser
//! only; natively they do nothing (the page is never framed there).

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use super::contract::{HostOrigin, Scheme};
use super::host::EmbedHost;

/// The waiting side of a [`Resolver`]: `true` when resolved, `false` on timeout.
pub(crate) type Wait = Pin<Box<dyn Future<Output = bool>>>;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::*;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    /// Resolves one pending [`Wait`].
    pub(crate) struct Resolver(Option<js_sys::Function>);

    impl Resolver {
        pub(crate) fn resolve(&self, ok: bool) {
            if let Some(f) = &self.0 {
                let _ = f.call1(&JsValue::NULL, &JsValue::from_bool(ok));
            }
        }
    }

    pub(crate) fn waiter(limit: Option<Duration>) -> (Wait, Resolver) {
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |res, _rej| resolve = Some(res));
        if let (Some(limit), Some(f)) = (limit, resolve.clone()) {
            leptos::prelude::set_timeout(
                move || {
                    let _ = f.call1(&JsValue::NULL, &JsValue::FALSE);
                },
                limit,
            );
        }
        let wait = async move {
            wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .map(|v| v.as_bool() == Some(true))
                .unwrap_or(false)
        };
        (Box::pin(wait), Resolver(resolve))
    }

    pub(crate) fn is_framed() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        match window.parent() {
            Ok(Some(parent)) => !js_sys::Object::is(&parent, &window),
            _ => false,
        }
    }

    fn from_parent(event: &web_sys::MessageEvent) -> bool {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        match (event.source(), parent) {
            (Some(source), Some(parent)) => js_sys::Object::is(&source, &parent),
            _ => false,
        }
    }

    fn data_json(event: &web_sys::MessageEvent) -> Option<serde_json::Value> {
        let text = js_sys::JSON::stringify(&event.data()).ok()?;
        serde_json::from_str(&JsValue::from(text).as_string()?).ok()
    }

    pub(crate) fn listen_for_messages(host: EmbedHost) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let listener = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |event: web_sys::MessageEvent| {
                host.receive(&event.origin(), from_parent(&event), || data_json(&event));
            },
        );
        let _ =
            window.add_event_listener_with_callback("message", listener.as_ref().unchecked_ref());
        listener.forget();
    }

    pub(crate) fn post_to_parent(message: &serde_json::Value, targets: &[HostOrigin]) {
        let parent = web_sys::window().and_then(|w| w.parent().ok().flatten());
        let (Some(parent), Ok(data)) = (parent, js_sys::JSON::parse(&message.to_string())) else {
            return;
        };
        for target in targets {
            let _ = parent.post_message(&data, target.as_str());
        }
    }

    fn body_height() -> Option<u32> {
        let body = web_sys::window()?.document()?.body()?;
        u32::try_from(body.scroll_height()).ok()
    }

    pub(crate) fn observe_height(host: EmbedHost) {
        let Some(body) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.body())
        else {
            return;
        };
        let report = Closure::<dyn FnMut()>::new(move || {
            if let Some(height) = body_height() {
                host.report_height(height);
            }
        });
        if let Ok(observer) = web_sys::ResizeObserver::new(report.as_ref().unchecked_ref()) {
            observer.observe(&body);
            std::mem::forget(observer);
        }
        report.forget();
    }

    /// Whether the page URL carries a token; if so the query and fragment
    /// are dropped from the address and history before the router reads it.
    pub(crate) fn drop_url_token() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let location = window.location();
        let has = location
            .href()
            .is_ok_and(|href| super::super::contract::url_has_token(&href));
        if has {
            if let (Ok(history), Ok(path)) = (window.history(), location.pathname()) {
                let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&path));
            }
        }
        has
    }

    pub(crate) fn random_nonce() -> Option<String> {
        let crypto = web_sys::window()?.crypto().ok()?;
        let mut bytes = [0u8; 16];
        crypto.get_random_values_with_u8_array(&mut bytes).ok()?;
        Some(bytes.iter().map(|b| format!("{b:02x}")).collect())
    }

    fn root() -> Option<web_sys::Element> {
        web_sys::window()?.document()?.document_element()
    }

    pub(crate) fn set_embedded_marker() {
        if let Some(root) = root() {
            let _ = root.set_attribute("data-embedded", "");
        }
    }

    pub(crate) fn set_theme(scheme: Option<Scheme>) {
        let Some(root) = root() else { return };
        let _ = match scheme {
            Some(s) => root.set_attribute("data-theme", s.as_str()),
            None => root.remove_attribute("data-theme"),
        };
    }

    pub(crate) fn debug_line(text: &str) {
        web_sys::console::debug_1(&JsValue::from_str(text));
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod browser {
    use super::*;

    /// Resolves one pending [`Wait`] (nothing to resolve natively).
    pub(crate) struct Resolver;

    impl Resolver {
        #[allow(dead_code)] // resolved by the browser listener only
        pub(crate) fn resolve(&self, _ok: bool) {}
    }

    pub(crate) fn waiter(_limit: Option<Duration>) -> (Wait, Resolver) {
        (Box::pin(async { false }), Resolver)
    }

    pub(crate) fn is_framed() -> bool {
        false
    }

    pub(crate) fn listen_for_messages(_host: EmbedHost) {}

    pub(crate) fn post_to_parent(_message: &serde_json::Value, _targets: &[HostOrigin]) {}

    pub(crate) fn observe_height(_host: EmbedHost) {}

    pub(crate) fn drop_url_token() -> bool {
        false
    }

    pub(crate) fn random_nonce() -> Option<String> {
        None
    }

    pub(crate) fn set_embedded_marker() {}

    pub(crate) fn set_theme(_scheme: Option<Scheme>) {}

    pub(crate) fn debug_line(_text: &str) {}
}

pub(crate) use browser::*;
