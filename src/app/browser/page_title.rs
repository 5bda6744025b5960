//! The document title and focus of a screen: tabs and history read
//! "Run of … · Onboard new hire · Lifecycle Workflows viewer", and after a
//! navigation the keyboard and screen-reader focus lands on the new
//! screen's heading, not on the body.

/// The product name, last in every title.
pub(crate) const PRODUCT: &str = "Lifecycle Workflows viewer";

/// "part · part · Lifecycle Workflows viewer", empty parts skipped.
pub(crate) fn title_text(parts: &[&str]) -> String {
    parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .chain(std::iter::once(PRODUCT))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// Sets `document.title` from `parts`.
pub(crate) fn set_title(parts: &[&str]) {
    let text = title_text(parts);
    #[cfg(target_arch = "wasm32")]
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        document.set_title(&text);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = text;
}

/// How often, and how many times, [`focus_heading_soon`] looks for the
/// heading of a screen still loading.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
const FOCUS_TRIES: (u32, u32) = (100, 30);

/// Moves focus to the `<main>` heading once the new screen shows it,
/// unless the admin has put focus on something else meanwhile.
pub(crate) fn focus_heading_soon() {
    #[cfg(target_arch = "wasm32")]
    {
        let origin = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        browser::try_focus_later(origin, FOCUS_TRIES.1);
    }
}

#[cfg(target_arch = "wasm32")]
pub(crate) use browser::focus_is_free;

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::FOCUS_TRIES;
    use wasm_bindgen::JsCast;

    /// Whether focus is still where the navigation left it: on the body,
    /// on nothing, or on the element that started it (a link of the old
    /// screen, removed or not).
    pub(crate) fn focus_is_free(
        document: &web_sys::Document,
        origin: Option<&web_sys::Element>,
    ) -> bool {
        let Some(active) = document.active_element() else {
            return true;
        };
        let on_body = document
            .body()
            .is_some_and(|b| active == *b.unchecked_ref::<web_sys::Element>());
        on_body || !active.is_connected() || origin.is_some_and(|o| *o == active)
    }

    pub(super) fn try_focus_later(origin: Option<web_sys::Element>, tries_left: u32) {
        let again = move || try_focus(origin, tries_left);
        leptos::prelude::set_timeout(
            again,
            std::time::Duration::from_millis(u64::from(FOCUS_TRIES.0)),
        );
    }

    fn try_focus(origin: Option<web_sys::Element>, tries_left: u32) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        if !focus_is_free(&document, origin.as_ref()) {
            return;
        }
        let heading = document
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        match heading {
            Some(h) => {
                let _ = h.set_attribute("tabindex", "-1");
                let _ = h.focus();
            }
            None if tries_left > 0 => try_focus_later(origin, tries_left - 1),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_end_with_the_product_and_skip_empty_parts() {
        assert_eq!(
            title_text(&["Run of 2026-11-21 14:11:35", "", "Onboard"]),
            "Run of 2026-11-21 14:11:35 · Onboard · Lifecycle Workflows viewer"
        );
        assert_eq!(title_text(&[]), PRODUCT);
    }
}
