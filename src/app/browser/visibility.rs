//! Whether the tab is hidden (another tab, minimized), from the document's
//! `visibilitychange` events: a listener that lives as long as its owner
//! (the screen) and is removed on its cleanup, so nothing polls
//! `document.hidden`. Natively the tab is always visible.

/// Whether the document is hidden now.
pub(crate) fn tab_hidden() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.hidden())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        false
    }
}

/// Calls `on_change(hidden)` whenever the tab is hidden or shown, until
/// the current owner is cleaned up (the listener is removed then).
pub(crate) fn on_visibility_change(on_change: impl Fn(bool) + 'static) {
    #[cfg(target_arch = "wasm32")]
    {
        use leptos::prelude::*;
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;

        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let listener = Closure::<dyn Fn()>::new(move || on_change(tab_hidden()));
        let _ = document.add_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        // Cleanups run before the owner's values are dropped: the listener
        // is removed while its closure still exists.
        let kept = StoredValue::new_local(Some((document, listener)));
        on_cleanup(move || {
            if let Some(Some((document, listener))) = kept.try_update_value(Option::take) {
                let _ = document.remove_event_listener_with_callback(
                    "visibilitychange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = on_change;
    }
}
