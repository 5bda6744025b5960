//! Back puts keyboard users where they were. The link a screen was left by
//! (clicked, or Enter on it) is remembered for that screen's address; when
//! Back or Forward returns to the address, focus goes back to that link,
//! scrolled into view, once the screen has drawn it. Without a record, or
//! when the link never shows, the screen's heading gets focus as after any
//! navigation.
//!
//! The record is memory only: addresses and link targets of this tab.

// The record is kept by the browser half; natively only its tests use it.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

/// How many addresses keep their link (the oldest is forgotten first).
pub(crate) const KEPT: usize = 50;

/// How often, and how many times, the link is looked for on a screen that
/// is still loading (5 s in all); then how many times it is kept in view
/// while the screen settles.
const TRIES: (u64, u32, u32) = (100, 50, 10);

/// The link a screen was left by: its `href`, which of the screen's links
/// with that `href` it was (a run's row links its start and its status
/// alike), and how far the page was scrolled.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct LeftBy {
    pub href: String,
    pub nth: usize,
    pub scroll_y: f64,
}

/// The remembered links, by address (path and query), newest last.
#[derive(Debug, Default)]
pub(crate) struct Trail {
    entries: Vec<(String, LeftBy)>,
}

impl Trail {
    /// Remembers that the screen at `address` was left by `by`, in place of
    /// what it held; forgets the oldest beyond [`KEPT`].
    pub(crate) fn remember(&mut self, address: String, by: LeftBy) {
        self.entries.retain(|(a, _)| *a != address);
        self.entries.push((address, by));
        let over = self.entries.len().saturating_sub(KEPT);
        self.entries.drain(..over);
    }

    /// The link the screen at `address` was last left by.
    pub(crate) fn left_by(&self, address: &str) -> Option<&LeftBy> {
        self.entries
            .iter()
            .rev()
            .find(|(a, _)| a == address)
            .map(|(_, by)| by)
    }
}

/// Which of `hrefs` (the screen's links, in document order) is the one
/// left by: the `nth` with its `href`, else the last with it.
pub(crate) fn pick(hrefs: &[String], by: &LeftBy) -> Option<usize> {
    let same: Vec<usize> = hrefs
        .iter()
        .enumerate()
        .filter(|(_, h)| **h == by.href)
        .map(|(i, _)| i)
        .collect();
    same.get(by.nth).or(same.last()).copied()
}

/// Starts remembering the links screens are left by, and which address a
/// Back or Forward arrived at. Once per page; later calls do nothing.
pub(crate) fn start() {
    #[cfg(target_arch = "wasm32")]
    browser::start();
}

/// After a navigation to another screen: when Back or Forward brought it
/// and it was left by a link, puts focus back on that link once it shows
/// and says `true`; otherwise `false` (the caller focuses the heading).
pub(crate) fn restore_after_history() -> bool {
    #[cfg(target_arch = "wasm32")]
    {
        browser::restore_after_history()
    }
    #[cfg(not(target_arch = "wasm32"))]
    false
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use super::{pick, LeftBy, Trail, TRIES};
    use crate::app::browser::page_title::{focus_heading_soon, focus_is_free};
    use std::cell::{Cell, RefCell};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;

    thread_local! {
        static STARTED: Cell<bool> = const { Cell::new(false) };
        static TRAIL: RefCell<Trail> = RefCell::new(Trail::default());
        /// The address the last Back or Forward arrived at.
        static POPPED: RefCell<Option<String>> = const { RefCell::new(None) };
    }

    /// Where the tab is: path and query.
    fn address() -> Option<String> {
        let location = web_sys::window()?.location();
        Some(format!(
            "{}{}",
            location.pathname().ok()?,
            location.search().ok()?
        ))
    }

    /// The links of the screen (inside `<main>`), in document order.
    fn screen_links(document: &web_sys::Document) -> Vec<web_sys::HtmlElement> {
        let Ok(list) = document.query_selector_all("main a[href]") else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
            .collect()
    }

    fn hrefs(links: &[web_sys::HtmlElement]) -> Vec<String> {
        links
            .iter()
            .map(|a| a.get_attribute("href").unwrap_or_default())
            .collect()
    }

    /// A plain click (or Enter) on a link of the screen that stays in this
    /// tab: remembered for the address it leaves. Runs in the capture
    /// phase, before the router moves the address.
    fn on_click(ev: web_sys::MouseEvent) {
        let plain =
            ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key());
        if !plain {
            return;
        }
        let Some(link) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("main a[href]").ok().flatten())
        else {
            return;
        };
        let elsewhere = link.get_attribute("target").is_some_and(|t| t != "_self")
            || link.has_attribute("download");
        let (Some(window), Some(at)) = (web_sys::window(), address()) else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        if elsewhere {
            return;
        }
        let href = link.get_attribute("href").unwrap_or_default();
        let links = screen_links(&document);
        let nth = links
            .iter()
            .filter(|a| a.get_attribute("href").as_deref() == Some(href.as_str()))
            .position(|a| *a.unchecked_ref::<web_sys::Element>() == link)
            .unwrap_or(0);
        let scroll_y = window.scroll_y().unwrap_or(0.0);
        TRAIL.with_borrow_mut(|t| {
            t.remember(
                at,
                LeftBy {
                    href,
                    nth,
                    scroll_y,
                },
            )
        });
    }

    pub(super) fn start() {
        if STARTED.replace(true) {
            return;
        }
        let Some(window) = web_sys::window() else {
            return;
        };
        let click = Closure::<dyn Fn(web_sys::MouseEvent)>::new(on_click);
        let _ = window.add_event_listener_with_callback_and_bool(
            "click",
            click.as_ref().unchecked_ref(),
            true,
        );
        // One listener for the page's life.
        click.forget();
        let popped = Closure::<dyn Fn(web_sys::Event)>::new(|_| {
            POPPED.set(address());
        });
        let _ =
            window.add_event_listener_with_callback("popstate", popped.as_ref().unchecked_ref());
        popped.forget();
    }

    pub(super) fn restore_after_history() -> bool {
        let here = address();
        let by_history = POPPED.take().is_some_and(|p| Some(p) == here);
        let left_by = here
            .filter(|_| by_history)
            .and_then(|at| TRAIL.with_borrow(|t| t.left_by(&at).cloned()));
        let Some(by) = left_by else {
            return false;
        };
        let origin = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        try_later(by, origin, TRIES.1);
        true
    }

    fn try_later(by: LeftBy, origin: Option<web_sys::Element>, tries_left: u32) {
        leptos::prelude::set_timeout(
            move || try_focus(by, origin, tries_left),
            std::time::Duration::from_millis(TRIES.0),
        );
    }

    /// Focuses the link if the screen shows it (scrolled just into view, so
    /// a list restored where it was does not move); else scrolls where the page was, so a long list draws
    /// it, and looks again; in the end focuses the heading.
    fn try_focus(by: LeftBy, origin: Option<web_sys::Element>, tries_left: u32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let Some(document) = window.document() else {
            return;
        };
        if !focus_is_free(&document, origin.as_ref()) {
            return;
        }
        let links = screen_links(&document);
        if let Some(link) = pick(&hrefs(&links), &by).and_then(|i| links.get(i)) {
            let options = web_sys::FocusOptions::new();
            options.set_prevent_scroll(true);
            let _ = link.focus_with_options(&options);
            keep_in_view(link.clone(), TRIES.2);
            return;
        }
        if tries_left == 0 {
            focus_heading_soon();
            return;
        }
        if by.scroll_y > 0.0 && window.scroll_y().unwrap_or(0.0) < by.scroll_y {
            window.scroll_to_with_x_and_y(0.0, by.scroll_y);
        }
        try_later(by, origin, tries_left - 1);
    }

    /// Scrolls the focused link just into view (so a list restored where
    /// it was does not move), and again while the screen settles (rows or
    /// notes drawn above it push it down), as long as it keeps focus.
    fn keep_in_view(link: web_sys::HtmlElement, checks_left: u32) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let focused = window
            .document()
            .and_then(|d| d.active_element())
            .is_some_and(|a| a == *link.unchecked_ref::<web_sys::Element>());
        if !focused {
            return;
        }
        if !in_view(&window, &link) {
            let into_view = web_sys::ScrollIntoViewOptions::new();
            into_view.set_block(web_sys::ScrollLogicalPosition::Nearest);
            link.scroll_into_view_with_scroll_into_view_options(&into_view);
        }
        if checks_left > 0 {
            leptos::prelude::set_timeout(
                move || keep_in_view(link, checks_left - 1),
                std::time::Duration::from_millis(TRIES.0),
            );
        }
    }

    /// Whether `link` is whole in the window and in its table's scroll box.
    fn in_view(window: &web_sys::Window, link: &web_sys::HtmlElement) -> bool {
        let r = link.get_bounding_client_rect();
        let height = window
            .inner_height()
            .ok()
            .and_then(|h| h.as_f64())
            .unwrap_or(0.0);
        let in_window = r.top() >= 0.0 && r.bottom() <= height;
        let in_box = link.closest(".vt-scroll").ok().flatten().is_none_or(|b| {
            let b = b.get_bounding_client_rect();
            r.top() >= b.top() && r.bottom() <= b.bottom()
        });
        in_window && in_box
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by(href: &str, nth: usize) -> LeftBy {
        LeftBy {
            href: href.into(),
            nth,
            scroll_y: 0.0,
        }
    }

    #[test]
    fn an_address_keeps_its_latest_link_and_the_oldest_go_first() {
        let mut trail = Trail::default();
        trail.remember("/workflows".into(), by("/workflows/a/runs", 0));
        trail.remember("/workflows".into(), by("/workflows/b/runs", 0));
        assert_eq!(
            trail.left_by("/workflows"),
            Some(&by("/workflows/b/runs", 0))
        );
        assert_eq!(trail.left_by("/insights"), None);
        for i in 0..KEPT {
            trail.remember(format!("/failures?q={i}"), by("/x", i));
        }
        assert_eq!(trail.left_by("/workflows"), None, "the oldest is forgotten");
        assert_eq!(trail.left_by("/failures?q=0"), Some(&by("/x", 0)));
        assert_eq!(trail.entries.len(), KEPT);
    }

    #[test]
    fn the_link_is_the_nth_with_its_href_or_else_the_last() {
        let hrefs: Vec<String> = ["/a", "/r", "/b", "/r"].map(String::from).to_vec();
        assert_eq!(pick(&hrefs, &by("/r", 0)), Some(1));
        assert_eq!(pick(&hrefs, &by("/r", 1)), Some(3));
        assert_eq!(pick(&hrefs, &by("/r", 5)), Some(3), "fewer now: the last");
        assert_eq!(pick(&hrefs, &by("/gone", 0)), None);
    }
}
