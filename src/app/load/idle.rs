//! Work for the moments the page is idle: the browser's
//! `requestIdleCallback` (a zero-length timeout where it is missing, and in
//! native builds), one slice of work per call, so that work done ahead of
//! time never delays a frame the admin is waiting for.

/// Runs `work` once, when the browser is next idle.
#[cfg(target_arch = "wasm32")]
pub(crate) fn when_idle(work: impl FnOnce() + 'static) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    type Work = Box<dyn FnOnce()>;
    let pending: Rc<Cell<Option<Work>>> = Rc::new(Cell::new(Some(Box::new(work))));
    let when_called = Rc::clone(&pending);
    let callback = Closure::once_into_js(move || {
        if let Some(work) = when_called.take() {
            work();
        }
    });
    let asked = web_sys::window()
        .is_some_and(|w| w.request_idle_callback(callback.unchecked_ref()).is_ok());
    if !asked {
        if let Some(work) = pending.take() {
            leptos::prelude::set_timeout(work, std::time::Duration::ZERO);
        }
    }
}

/// Runs `work` once, after the current task (native builds have no idle
/// callbacks).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn when_idle(work: impl FnOnce() + 'static) {
    leptos::prelude::set_timeout(work, std::time::Duration::ZERO);
}
