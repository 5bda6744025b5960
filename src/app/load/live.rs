//! Live refresh of a running run: a loop that asks the screen to refresh
//! every few seconds, slowing down while nothing changes, paused while the
//! tab is hidden (told by `visibilitychange` events, no request and no
//! timer then), and stopped when the run ends, the screen stops it or the
//! screen goes away: then the loop is dropped, with its refresh in flight
//! (the request aborted, the refresh's paging stopped by its flag). Nothing
//! runs (and nothing is sent) unless a screen starts it for a queued or
//! in-progress run.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use chrono::{DateTime, Utc};
use futures::channel::oneshot;
use leptos::prelude::*;

use crate::app::browser::visibility::{on_visibility_change, tab_hidden};
use crate::app::load::generation::Generation;
use crate::graph::CancelFlag;

/// Seconds between refreshes after `n` refreshes without a change.
const DELAYS_S: [u64; 5] = [3, 3, 5, 8, 13];

/// A live screen's refresh, boxed; it stops paging once its flag is
/// cancelled.
type Refresh = Box<dyn Fn(CancelFlag) -> Pin<Box<dyn Future<Output = Tick>>>>;

/// The pause before the next refresh after `unchanged` quiet refreshes.
pub(crate) fn delay_after(unchanged: u32) -> Duration {
    let i = (unchanged as usize).min(DELAYS_S.len() - 1);
    Duration::from_secs(DELAYS_S[i])
}

/// What a refresh found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tick {
    /// Something changed: keep the fast pace.
    Changed,
    /// Nothing changed (or the refresh failed): slow down.
    Quiet,
    /// The run ended: stop.
    Ended,
}

/// What the page shows about the loop ("Live · updated 12 s ago").
#[derive(Clone, Copy)]
pub(crate) struct LiveState {
    /// The loop is running.
    pub active: RwSignal<bool>,
    /// The tab is hidden and the loop waits for it (no refresh in flight).
    pub paused: RwSignal<bool>,
    /// When the last refresh answered.
    pub updated: RwSignal<Option<DateTime<Utc>>>,
    /// Refreshes sent so far (tests read it through the page).
    pub refreshes: RwSignal<u32>,
    /// The running loop; a newer start, `stop` or the screen's cleanup
    /// drops it.
    loops: Generation,
    /// The tab is hidden (from its `visibilitychange` events).
    hidden: StoredValue<bool>,
    /// A loop waiting for the tab to be shown again.
    waiting: StoredValue<Vec<oneshot::Sender<()>>>,
}

impl LiveState {
    /// An idle state (nothing scheduled) that hears the tab's visibility
    /// while the current owner (the screen) lives.
    pub(crate) fn new() -> Self {
        let state = LiveState {
            active: RwSignal::new(false),
            paused: RwSignal::new(false),
            updated: RwSignal::new(None),
            refreshes: RwSignal::new(0),
            loops: Generation::new(),
            hidden: StoredValue::new(tab_hidden()),
            waiting: StoredValue::new(Vec::new()),
        };
        on_visibility_change(move |hidden| state.tab_changed(hidden));
        state
    }

    /// Stops any loop of this state (its refresh in flight is dropped).
    pub(crate) fn stop(&self) {
        self.loops.stop();
        self.active.try_set(false);
        self.paused.try_set(false);
    }

    /// Starts the loop unless one runs: `refresh` is called after each
    /// pause with the loop's flag (for its paged loads); the loop ends on
    /// [`Tick::Ended`], `stop`, or when the screen owning this state is gone.
    pub(crate) fn start<F, Fut>(&self, refresh: F)
    where
        F: Fn(CancelFlag) -> Fut + 'static,
        Fut: Future<Output = Tick> + 'static,
    {
        self.start_boxed(Box::new(move |cancel| Box::pin(refresh(cancel))));
    }

    /// [`LiveState::start`] with the refresh boxed: the loop is compiled
    /// once, not once per screen.
    fn start_boxed(&self, refresh: Refresh) {
        if self.active.get_untracked() {
            return;
        }
        let ticket = self.loops.next();
        if !ticket.is_current() {
            return;
        }
        self.active.set(true);
        self.updated.set(Some(Utc::now()));
        let state = *self;
        let flag = ticket.flag().clone();
        ticket.spawn(async move {
            let mut unchanged = 0u32;
            loop {
                sleep(delay_after(unchanged)).await;
                state.until_shown().await;
                state.refreshes.try_update(|n| *n += 1);
                let tick = refresh(flag.clone()).await;
                state.updated.try_set(Some(Utc::now()));
                match tick {
                    Tick::Changed => unchanged = 0,
                    Tick::Quiet => unchanged += 1,
                    Tick::Ended => {
                        state.active.try_set(false);
                        return;
                    }
                }
            }
        });
    }

    /// The tab was hidden or shown: a waiting loop goes on once shown (a
    /// refresh in flight when it is hidden ends; the next one waits).
    fn tab_changed(&self, hidden: bool) {
        self.hidden.try_set_value(hidden);
        if hidden {
            return;
        }
        self.paused.try_set(false);
        let waiting = self.waiting.try_update_value(std::mem::take);
        for wake in waiting.unwrap_or_default() {
            let _ = wake.send(());
        }
    }

    /// Returns at once while the tab shows; else, paused, when it is shown
    /// again.
    async fn until_shown(self) {
        if self.hidden.try_get_value() != Some(true) {
            return;
        }
        self.paused.try_set(true);
        let (wake, woken) = oneshot::channel();
        self.waiting.try_update_value(|w| w.push(wake));
        let _ = woken.await;
    }
}

impl Default for LiveState {
    fn default() -> Self {
        Self::new()
    }
}

/// "Live · updated 12 s ago" / "Live · paused while the tab is hidden".
pub(crate) fn live_text(
    paused: bool,
    updated: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> String {
    if paused {
        return "Live · paused while the tab is hidden".to_string();
    }
    match updated {
        Some(at) => format!("Live · updated {} s ago", (now - at).num_seconds().max(0)),
        None => "Live".to_string(),
    }
}

async fn sleep(d: Duration) {
    let ms = u32::try_from(d.as_millis()).unwrap_or(u32::MAX);
    gloo_timers::future::TimeoutFuture::new(ms).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pace_slows_while_nothing_changes_and_is_capped() {
        assert_eq!(delay_after(0), Duration::from_secs(3));
        assert!(delay_after(2) > delay_after(1));
        assert!(delay_after(3) > delay_after(2));
        assert_eq!(delay_after(4), delay_after(400));
        assert!(delay_after(400) <= Duration::from_secs(15));
    }

    #[test]
    fn a_hidden_tab_holds_the_loop_until_it_is_shown_again() {
        use futures::FutureExt;
        let _owner = Owner::new();
        let state = LiveState::new();
        assert!(
            state.until_shown().now_or_never().is_some(),
            "shown: no wait"
        );
        state.tab_changed(true);
        assert!(
            !state.paused.get_untracked(),
            "paused only once the loop waits"
        );
        let mut waiting = Box::pin(state.until_shown());
        assert!((&mut waiting).now_or_never().is_none(), "hidden: waits");
        assert!(state.paused.get_untracked());
        // Hidden again (no change): still waits, no refresh.
        state.tab_changed(true);
        assert!((&mut waiting).now_or_never().is_none());
        state.tab_changed(false);
        assert!(!state.paused.get_untracked());
        assert!(waiting.now_or_never().is_some(), "shown: goes on");
    }

    #[test]
    fn the_line_says_how_fresh_or_that_it_waits() {
        let at = DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let now = at + chrono::Duration::seconds(12);
        assert_eq!(live_text(false, Some(at), now), "Live · updated 12 s ago");
        assert_eq!(
            live_text(true, Some(at), now),
            "Live · paused while the tab is hidden"
        );
    }
}

/// Puts a refresh's rows into the table in place: a known row (same
/// `id`) is replaced when it changed, a new one is appended. Returns
/// whether anything changed. The screen's filter, sort and search are a
/// view over the table, so they apply to the new rows as they arrive.
pub(crate) fn merge_by_id<R: crate::table::TableRow + PartialEq>(
    table: &mut crate::table::Table<R>,
    fresh: Vec<R>,
    id: impl Fn(&R) -> &str,
) -> bool {
    let index: std::collections::HashMap<String, u32> = table
        .rows()
        .iter()
        .enumerate()
        .map(|(i, r)| (id(r).to_string(), i as u32))
        .collect();
    let mut added = Vec::new();
    let mut changed = false;
    for row in fresh {
        match index.get(id(&row)) {
            Some(&i) if table.get(i) != Some(&row) => {
                table.replace_row(i, row);
                changed = true;
            }
            Some(_) => {}
            None => added.push(row),
        }
    }
    if !added.is_empty() {
        table.push_rows(added);
        changed = true;
    }
    changed
}

/// [`merge_by_id`] for a run's user results.
pub(crate) fn merge_user_results(
    table: &mut crate::table::Table<crate::model::UserProcessingResult>,
    fresh: Vec<crate::model::UserProcessingResult>,
) -> bool {
    merge_by_id(table, fresh, |r| r.id.as_str())
}

/// [`merge_by_id`] for a workflow's runs.
pub(crate) fn merge_runs(
    table: &mut crate::table::Table<crate::model::Run>,
    fresh: Vec<crate::model::Run>,
) -> bool {
    merge_by_id(table, fresh, |r| r.id.as_str())
}

#[cfg(test)]
mod merge_tests {
    use super::*;
    use crate::model::{ProcessingStatus, UserProcessingResult};
    use crate::table::{Table, ViewSpec};

    fn row(id: &str, status: ProcessingStatus) -> UserProcessingResult {
        UserProcessingResult {
            id: id.into(),
            processing_status: Some(status),
            ..UserProcessingResult::default()
        }
    }

    #[test]
    fn results_are_replaced_in_place_and_new_ones_appended() {
        let mut t = Table::new(vec![
            row("a", ProcessingStatus::InProgress),
            row("b", ProcessingStatus::Queued),
        ]);
        let spec = ViewSpec {
            only_failures: true,
            ..ViewSpec::default()
        };
        assert!(t.view(&spec).is_empty());
        assert!(!merge_user_results(
            &mut t,
            vec![row("a", ProcessingStatus::InProgress)]
        ));
        let changed = merge_user_results(
            &mut t,
            vec![
                row("a", ProcessingStatus::Failed),
                row("b", ProcessingStatus::Queued),
                row("c", ProcessingStatus::Completed),
            ],
        );
        assert!(changed);
        assert_eq!(t.len(), 3);
        assert_eq!(t.rows().get(0).unwrap().id, "a");
        // The filter in force takes the changed row at once.
        assert_eq!(t.view(&spec), vec![0]);
    }
}
