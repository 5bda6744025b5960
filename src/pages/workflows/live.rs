//! How fresh the workflows screen is, and its live refresh: "loaded 3 min
//! ago · Refresh" once the last runs and failures are in; while a last run
//! the screen shows (after the search) is queued, in progress or
//! canceling, the health of the shown workflows refreshes by itself in
//! place (`app/load/live.rs`: slowing down while nothing changes, paused
//! while the tab is hidden), and stops once none of them runs, when the
//! search hides them, or when the screen is left (its refresh in flight
//! is aborted with the loop's flag).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use leptos::prelude::*;

use crate::app::browser::clock::Clock;
use crate::app::load::live::{live_text, LiveState, Tick};
use crate::app::load::workflow_health::{self, WorkflowHealth};
use crate::app::session::context::SessionContext;
use crate::app::session::result_cache::loaded_ago;
use crate::components::freshness::Freshness;
use crate::graph::CancelFlag;
use crate::model::Preset;

/// The health per workflow id.
pub(super) type HealthMap = HashMap<String, WorkflowHealth>;

/// Whether the last run of any workflow of `ids` is still moving.
pub(super) fn any_running(health: &HealthMap, ids: &[String]) -> bool {
    ids.iter().any(|id| {
        health
            .get(id)
            .and_then(|h| h.last_run.as_ref())
            .and_then(|r| r.processing_status.as_ref())
            .is_some_and(|s| s.is_running())
    })
}

/// `fresh` merged over `held`: whether anything changed.
pub(super) fn merge_health(held: &mut HealthMap, fresh: HealthMap) -> bool {
    let mut changed = false;
    for (id, h) in fresh {
        if held.get(&id) != Some(&h) {
            held.insert(id, h);
            changed = true;
        }
    }
    changed
}

/// The screen's health as the live refresh keeps it: the latest refresh
/// (over the load it started from) and when the figures shown were loaded.
#[derive(Clone, Copy)]
pub(super) struct HealthLive {
    /// The refreshed health, replacing the load's until the next load.
    pub refreshed: RwSignal<Option<HealthMap>>,
    /// When the figures on screen were loaded (the load or a refresh).
    pub loaded_at: RwSignal<Option<DateTime<Utc>>>,
    live: LiveState,
}

impl HealthLive {
    /// Nothing refreshed, nothing scheduled (tied to the current screen).
    pub(super) fn new() -> Self {
        HealthLive {
            refreshed: RwSignal::new(None),
            loaded_at: RwSignal::new(None),
            live: LiveState::new(),
        }
    }

    /// A new load arrived (`Some`: loaded) or started again: its figures
    /// replace any refreshed ones.
    pub(super) fn loaded(&self, ok: bool) {
        self.live.stop();
        self.refreshed.set(None);
        self.loaded_at.set(ok.then(Utc::now));
    }

    /// Keeps the loop running exactly while a last run of the `shown`
    /// workflows in `health` is moving.
    pub(super) fn follow(
        &self,
        session: SessionContext,
        health: Signal<Option<HealthMap>>,
        shown: Memo<Vec<String>>,
        period: Memo<Preset>,
    ) {
        let this = *self;
        Effect::new(move |_| {
            let running = health.with(|h| {
                h.as_ref()
                    .is_some_and(|h| shown.with(|ids| any_running(h, ids)))
            });
            if running {
                this.live
                    .start(move |cancel| this.refresh(session, health, shown, period, cancel));
            } else {
                this.live.stop();
            }
        });
    }

    /// One refresh: the shown workflows' health again, merged in place.
    async fn refresh(
        self,
        session: SessionContext,
        health: Signal<Option<HealthMap>>,
        shown: Memo<Vec<String>>,
        period: Memo<Preset>,
        cancel: CancelFlag,
    ) -> Tick {
        let ids = shown.get_untracked();
        let range = period.get_untracked().range(Utc::now());
        let Ok(fresh) = workflow_health::load(session, ids.clone(), range, cancel.clone()).await
        else {
            return Tick::Quiet;
        };
        if cancel.is_cancelled() {
            return Tick::Quiet;
        }
        let mut held = health.get_untracked().unwrap_or_default();
        let changed = merge_health(&mut held, fresh);
        let running = any_running(&held, &ids);
        self.loaded_at.try_set(Some(Utc::now()));
        if changed {
            self.refreshed.try_set(Some(held));
        }
        match (running, changed) {
            (false, _) => Tick::Ended,
            (true, true) => Tick::Changed,
            (true, false) => Tick::Quiet,
        }
    }

    /// "Live · updated 12 s ago" while the loop runs, then "loaded 3 min
    /// ago · Refresh" (`on_refresh` loads the workflows again).
    pub(super) fn lines(&self, on_refresh: Callback<()>) -> impl IntoView {
        let clock = use_context::<Clock>();
        let now = move || clock.map(|c| c.now()).unwrap_or_else(Utc::now);
        let live = self.live;
        let loaded_at = self.loaded_at;
        let live_line = move || {
            live.active.get().then(|| {
                let text = live_text(live.paused.get(), live.updated.get(), now());
                view! { <p class="live-line" role="status" aria-label="Live refresh"><span class="live-dot" aria-hidden="true"></span>{text}</p> }
            })
        };
        let text = Signal::derive(move || loaded_at.get().map(|at| loaded_ago(at, now())));
        view! {
            {live_line}
            <Freshness text what="workflows" on_refresh />
        }
    }
}

impl Default for HealthLive {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ProcessingStatus, Run};

    fn with_last(status: ProcessingStatus) -> WorkflowHealth {
        WorkflowHealth {
            last_run: Some(Run {
                id: "r".into(),
                processing_status: Some(status),
                ..Run::default()
            }),
            ..WorkflowHealth::default()
        }
    }

    #[test]
    fn only_a_shown_workflow_whose_last_run_moves_keeps_the_screen_live() {
        let mut h = HealthMap::new();
        h.insert("a".into(), with_last(ProcessingStatus::Completed));
        h.insert("b".into(), with_last(ProcessingStatus::InProgress));
        h.insert("c".into(), WorkflowHealth::default());
        assert!(any_running(&h, &["a".into(), "b".into()]));
        assert!(!any_running(&h, &["a".into(), "c".into(), "gone".into()]));
        h.insert("a".into(), with_last(ProcessingStatus::Queued));
        assert!(any_running(&h, &["a".into()]));
    }

    #[test]
    fn a_refresh_changes_only_what_differs() {
        let mut held = HealthMap::new();
        held.insert("a".into(), with_last(ProcessingStatus::InProgress));
        held.insert("b".into(), with_last(ProcessingStatus::Completed));
        let mut fresh = HealthMap::new();
        fresh.insert("a".into(), with_last(ProcessingStatus::InProgress));
        assert!(!merge_health(&mut held, fresh.clone()));
        fresh.insert("a".into(), with_last(ProcessingStatus::Failed));
        assert!(merge_health(&mut held, fresh));
        assert_eq!(held.len(), 2);
        assert!(!any_running(&held, &["a".into(), "b".into()]));
    }
}
