//! A run still going says how long it has been going ("running for 1 h 22
//! min", said again every second by the clock) instead of a dash, and is
//! flagged "longer than usual" when it has gone over an hour and past the
//! median duration of the workflow's last finished runs
//! (`model::pace`). The runs table's Duration cell and the run's facts.

use chrono::{DateTime, Duration, Utc};
use leptos::prelude::*;

use crate::app::api::{self, RunFilter};
use crate::app::browser::clock::Clock;
use crate::app::load::resource::screen_resource_with_cancel;
use crate::app::session::context::SessionContext;
use crate::components::cell::CellDisplay;
use crate::format::{opt_duration, pace_note, running_for};
use crate::model::pace::{pace, usual_duration, USUAL_OF};
use crate::model::{DateRange, ProcessingStatus, Run};

/// The Duration cell of a run going for `elapsed` (the workflow usually
/// takes `usual`).
pub(super) fn running_cell(elapsed: Duration, usual: Option<Duration>) -> CellDisplay {
    let note = pace_note(pace(elapsed, usual));
    CellDisplay {
        text: running_for(elapsed),
        class: if note.is_some() {
            "running running-long"
        } else {
            "running"
        }
        .to_string(),
        title: note.as_ref().map(|(_, why)| why.clone()),
        sub: note.map(|(flag, _)| flag),
        ..CellDisplay::default()
    }
}

/// The Duration cell of `run` at the clock's time, when it is still going
/// (reads the clock only then).
pub(super) fn live_duration(
    run: &Run,
    clock: Clock,
    usual: Option<Duration>,
) -> Option<CellDisplay> {
    let moving = run
        .processing_status
        .as_ref()
        .is_some_and(|s| s.is_running());
    if !moving {
        return None;
    }
    run.running_for(clock.now())
        .map(|elapsed| running_cell(elapsed, usual))
}

/// The run's duration in its facts: its duration once it ended, how long
/// it has been going while it runs (said again every second), a dash
/// otherwise.
#[component]
pub(crate) fn RunDuration(
    run: Run,
    /// What the workflow usually takes, when known.
    #[prop(optional, into)]
    usual: Option<Signal<Option<Duration>>>,
) -> impl IntoView {
    let clock = use_context::<Clock>();
    let now = move || -> DateTime<Utc> { clock.map(|c| c.now()).unwrap_or_else(Utc::now) };
    let fixed = opt_duration(run.duration());
    move || {
        let usual = usual.and_then(|u| u.get());
        match run.running_for(now()) {
            Some(elapsed) => {
                let cell = running_cell(elapsed, usual);
                let flag = cell.sub.clone().map(|f| view! { " " <span class="badge badge-warning" title=cell.title.clone()>{f}</span> });
                view! { <span class=cell.class.clone()>{cell.text.clone()}</span>{flag} }.into_any()
            }
            None => fixed.clone().into_any(),
        }
    }
}

/// What the workflow `wf` usually takes, for the run screen: the median
/// of its newest finished runs of the last 90 days, loaded only while
/// `run` is still going (the first page of them is enough).
pub(crate) fn workflow_usual(
    session: SessionContext,
    wf: Memo<String>,
    run: Signal<Option<Run>>,
) -> Signal<Option<Duration>> {
    let moving = Memo::new(move |_| {
        run.with(|r| {
            r.as_ref()
                .and_then(|r| r.processing_status.as_ref())
                .is_some_and(ProcessingStatus::is_running)
        })
    });
    let usual = screen_resource_with_cancel(move |cancel| {
        let (wf, moving) = (wf.get(), moving.get());
        async move {
            if !moving {
                return Ok(None);
            }
            let now = Utc::now();
            let filter = RunFilter {
                range: DateRange::new(now - Duration::days(90), now),
                statuses: vec![
                    ProcessingStatus::Completed,
                    ProcessingStatus::CompletedWithErrors,
                    ProcessingStatus::Failed,
                ],
                execution: None,
            };
            let mut finished = Vec::new();
            let stop = cancel.clone();
            // Ten newest are enough: the paging stops there.
            let loaded = api::runs(session, wf, filter, cancel, |rows, _| {
                finished.extend(rows);
                if finished.len() >= USUAL_OF {
                    stop.cancel();
                }
            })
            .await;
            match loaded {
                Err(e) if finished.is_empty() => Err(e),
                _ => Ok(usual_duration(&finished)),
            }
        }
    });
    Signal::derive(move || usual.get().and_then(Result::ok).flatten())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_run_is_flagged_with_why_and_a_short_one_is_not() {
        let short = running_cell(Duration::minutes(5), Some(Duration::minutes(3)));
        assert_eq!(short.text, "running for 5 min");
        assert_eq!(short.sub, None);
        let long = running_cell(Duration::minutes(82), Some(Duration::minutes(3)));
        assert_eq!(long.text, "running for 1 h 22 min");
        assert_eq!(long.sub.as_deref(), Some("longer than usual"));
        assert!(long.title.unwrap_or_default().contains("(3 min)"));
        assert!(long.class.contains("running-long"));
    }
}
