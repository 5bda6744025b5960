//! A virtualized table body: fixed row height, only the visible rows plus a
//! small overscan rendered as `<tr>`s between two spacer rows, inside a
//! scroll container. The `<tr>`s are a pool: row element `k` shows the
//! `k`-th visible position and is built once, then updated in place when
//! scrolling, filtering or sorting changes which data row it shows.
//!
//! With a `scroll` signal the table reports its scroll position there and,
//! when built with rows already in place (rows kept from an earlier visit),
//! scrolls back to the position the signal holds.

use leptos::prelude::*;

/// Rows rendered beyond the viewport on each side.
pub const OVERSCAN: usize = 6;

/// Height of the scroll container assumed before it is measured.
const DEFAULT_VIEWPORT_PX: f64 = 640.0;

/// The half-open range of positions to render.
pub fn visible_range(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    total: usize,
    overscan: usize,
) -> (usize, usize) {
    if total == 0 || row_height <= 0.0 {
        return (0, 0);
    }
    let first = (scroll_top.max(0.0) / row_height).floor() as usize;
    let count = (viewport.max(row_height) / row_height).ceil() as usize + 1;
    let start = first.saturating_sub(overscan).min(total);
    let end = first
        .saturating_add(count)
        .saturating_add(overscan)
        .min(total);
    (start, end.max(start))
}

/// A table whose body renders only the visible slice of `order`.
#[component]
pub fn VirtualTable<R, V>(
    /// Accessible name (caption) of the table.
    #[prop(into)]
    caption: String,
    /// Data indices in display order (the data layer's filtered, sorted
    /// view); pass a memo, read in place by every row element.
    #[prop(into)]
    order: Signal<Vec<u32>>,
    /// Number of columns (for spacer cells).
    columns: usize,
    /// Fixed row height in pixels; must match the CSS row height.
    #[prop(default = 40.0)]
    row_height: f64,
    /// The cells of one pooled row element, given the data index it shows
    /// (a signal: the element is reused for other rows); called once per
    /// element.
    render_row: R,
    /// The scroll position: written on scroll; its value when the first
    /// rows are shown is scrolled back to.
    #[prop(optional)]
    scroll: Option<RwSignal<f64>>,
    /// The `<tr>` of `<th scope="col">` headers.
    children: Children,
) -> impl IntoView
where
    R: Fn(Signal<Option<u32>>) -> V + Send + Sync + Clone + 'static,
    V: IntoView + 'static,
{
    let scroll_top = RwSignal::new(0.0_f64);
    let viewport = RwSignal::new(DEFAULT_VIEWPORT_PX);
    let container = NodeRef::<leptos::html::Div>::new();
    // While the kept position is being scrolled back to, the container may
    // still be too short for it: the clamped positions it reports then are
    // not the admin's and must not replace the kept one.
    let restoring = StoredValue::new(false);
    let on_scroll = move |_| {
        // Only what changed is set: every set wakes the rows' reactive
        // graph, and a scroll event rarely changes the viewport's height.
        if let Some(el) = container.get_untracked() {
            let top = f64::from(el.scroll_top());
            set_if_changed(scroll_top, top);
            if let Some(kept) = scroll.filter(|_| !restoring.get_value()) {
                set_if_changed(kept, top);
            }
            let h = f64::from(el.client_height());
            if h > 0.0 {
                set_if_changed(viewport, h);
            }
        }
    };
    let total = Memo::new(move |_| order.with(Vec::len));
    restore_scroll(scroll, container, total, scroll_top, restoring);
    let range = Memo::new(move |_| {
        visible_range(
            scroll_top.get(),
            viewport.get(),
            row_height,
            total.get(),
            OVERSCAN,
        )
    });
    let pool_size = Memo::new(move |_| {
        let (start, end) = range.get();
        end - start
    });
    let top_pad = move || format!("{}px", range.get().0 as f64 * row_height);
    let bottom_pad = move || {
        let (_, end) = range.get();
        format!("{}px", total.get().saturating_sub(end) as f64 * row_height)
    };
    let row_px = format!("{row_height}px");
    let region_label = caption.clone();
    view! {
        <div
            class="vt-scroll"
            node_ref=container
            on:scroll=on_scroll
            tabindex="0"
            role="region"
            aria-label=region_label
        >
            <table class="data" aria-rowcount=move || total.get() + 1>
                <caption class="sr-only">{caption}</caption>
                <thead>{children()}</thead>
                <tbody>
                    <tr class="vt-spacer" aria-hidden="true" style:height=top_pad>
                        <td colspan=columns></td>
                    </tr>
                    <For
                        each=move || 0..pool_size.get()
                        key=|slot| *slot
                        children=move |slot| {
                            let index = Memo::new(move |_| {
                                let (start, end) = range.get();
                                let pos = start + slot;
                                if pos < end {
                                    order.with(|o| o.get(pos).copied())
                                } else {
                                    None
                                }
                            });
                            let row_index = move || range.get().0 + slot + 2;
                            view! {
                                <tr aria-rowindex=row_index style:height=row_px.clone()>
                                    {render_row(index.into())}
                                </tr>
                            }
                        }
                    />
                    <tr class="vt-spacer" aria-hidden="true" style:height=bottom_pad>
                        <td colspan=columns></td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// Sets `signal` to `value` unless it holds it already (no wake-up).
fn set_if_changed(signal: RwSignal<f64>, value: f64) {
    if signal.get_untracked() != value {
        signal.set(value);
    }
}

/// Once the first rows are shown (and laid out), scrolls the container to
/// the position `scroll` held then (0 for a fresh load: nothing to do).
fn restore_scroll(
    scroll: Option<RwSignal<f64>>,
    container: NodeRef<leptos::html::Div>,
    total: Memo<usize>,
    scroll_top: RwSignal<f64>,
    restoring: StoredValue<bool>,
) {
    let Some(kept) = scroll else { return };
    let done = StoredValue::new(false);
    Effect::new(move |_| {
        if done.get_value() || total.get() == 0 {
            return;
        }
        let Some(el) = container.get() else { return };
        done.set_value(true);
        let target = kept.get_untracked();
        if target > 0.0 {
            // The spacer rows give the container its height first.
            scroll_top.set(target);
            restoring.set_value(true);
            scroll_back(el, target, RESTORE_FRAMES, restoring);
        }
    });
}

/// Frames the scroll back may wait for the container to be tall enough.
const RESTORE_FRAMES: u32 = 120;

/// Scrolls `el` to `target` on the next frame, again on later frames while
/// the container is still too short to get there (it grows as the view's
/// rows settle), then lets scroll events keep the position again.
fn scroll_back(
    el: web_sys::HtmlDivElement,
    target: f64,
    frames: u32,
    restoring: StoredValue<bool>,
) {
    request_animation_frame(move || {
        // The table is gone (its screen was left): nothing to restore.
        if restoring.try_get_value().is_none() {
            return;
        }
        el.set_scroll_top(target as i32);
        let short = f64::from(el.scroll_top()) + 1.0 < target;
        if short && frames > 0 {
            scroll_back(el, target, frames - 1, restoring);
        } else {
            let _ = restoring.try_set_value(false);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_has_no_rows() {
        assert_eq!(visible_range(0.0, 600.0, 40.0, 0, 10), (0, 0));
    }

    #[test]
    fn top_renders_viewport_plus_overscan() {
        let (s, e) = visible_range(0.0, 600.0, 40.0, 100_000, 10);
        assert_eq!(s, 0);
        assert_eq!(e, 16 + 10);
    }

    #[test]
    fn middle_is_bounded() {
        let (s, e) = visible_range(400_000.0, 600.0, 40.0, 100_000, 10);
        assert_eq!(s, 10_000 - 10);
        assert!(e - s <= 150);
    }

    #[test]
    fn end_is_clamped() {
        let (s, e) = visible_range(1e12, 600.0, 40.0, 50, 10);
        assert_eq!((s, e), (50, 50));
    }
}
