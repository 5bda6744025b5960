//! Which load is the current one, and the stop of the others: a
//! [`Generation`] hands out a [`Ticket`] per load (a number and a fresh
//! [`CancelFlag`]); the next ticket, [`Generation::stop`] or the owner's
//! cleanup (leaving the screen) cancels the previous one, so its request in
//! flight is aborted, no further page is asked, and its answers, should any
//! still arrive, are known to be stale ([`Stamp::is_current`]).

use crate::graph::{CancelFlag, GraphError};
use leptos::prelude::*;
use std::future::Future;

/// The current load's number and flag.
struct Current {
    number: u64,
    flag: CancelFlag,
}

/// The loads of one screen part, one current at a time (a `Copy` handle).
#[derive(Clone, Copy)]
pub(crate) struct Generation(StoredValue<Current>);

/// Tells whether its load is still the current one (`Copy`, for callbacks).
#[derive(Clone, Copy)]
pub(crate) struct Stamp {
    generation: Generation,
    number: u64,
}

/// One load: its [`Stamp`] and the flag that stops it.
#[derive(Clone)]
pub(crate) struct Ticket {
    stamp: Stamp,
    flag: CancelFlag,
}

impl Generation {
    /// No load yet; the current one stops when the current owner (the
    /// screen) is cleaned up.
    pub(crate) fn new() -> Self {
        let this = Generation(StoredValue::new(Current {
            number: 0,
            flag: CancelFlag::new(),
        }));
        on_cleanup(move || this.stop());
        this
    }

    /// A ticket for a new load; the previous load is cancelled.
    pub(crate) fn next(&self) -> Ticket {
        let flag = CancelFlag::new();
        let number = self
            .0
            .try_update_value(|c| {
                c.flag.cancel();
                c.number += 1;
                c.flag = flag.clone();
                c.number
            })
            .unwrap_or(0);
        if number == 0 {
            // The owner is gone: a load started now must not run.
            flag.cancel();
        }
        Ticket {
            stamp: Stamp {
                generation: *self,
                number,
            },
            flag,
        }
    }

    /// Cancels the current load; it stays current (its end is recorded,
    /// as a load the admin stopped).
    pub(crate) fn cancel(&self) {
        self.0.try_with_value(|c| c.flag.cancel());
    }

    /// Cancels the current load and makes none current: whatever it still
    /// delivers is stale.
    pub(crate) fn stop(&self) {
        self.0.try_update_value(|c| {
            c.flag.cancel();
            c.number += 1;
        });
    }
}

impl Default for Generation {
    fn default() -> Self {
        Self::new()
    }
}

impl Stamp {
    /// Whether no newer load started, nothing stopped this one, and the
    /// owner is still there.
    pub(crate) fn is_current(&self) -> bool {
        self.generation.0.try_with_value(|c| c.number) == Some(self.number)
    }
}

impl Ticket {
    /// Whether this load is still the current one.
    pub(crate) fn is_current(&self) -> bool {
        self.stamp.is_current()
    }

    /// The `Copy` part that answers [`Ticket::is_current`].
    pub(crate) fn stamp(&self) -> Stamp {
        self.stamp
    }

    /// The flag that stops this load (hand it to the paged loads).
    pub(crate) fn flag(&self) -> &CancelFlag {
        &self.flag
    }

    /// `work`, dropped (its request in flight aborted) once this load is
    /// cancelled; then it answers an aborted error.
    pub(crate) fn guard<T, F>(&self, work: F) -> impl Future<Output = Result<T, GraphError>>
    where
        F: Future<Output = Result<T, GraphError>>,
    {
        self.flag.guard(work)
    }

    /// Runs `work` in the background until it ends or this load is
    /// cancelled, whichever comes first (then it is dropped mid-way).
    pub(crate) fn spawn(&self, work: impl Future<Output = ()> + 'static) {
        let guarded = self.flag.guard(async move {
            work.await;
            Ok::<(), GraphError>(())
        });
        leptos::task::spawn_local(async move {
            let _ = guarded.await;
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::ErrorKind;
    use futures::executor::block_on;

    #[test]
    fn a_new_ticket_cancels_the_previous_load_and_makes_it_stale() {
        let _owner = Owner::new();
        let generation = Generation::new();
        let first = generation.next();
        assert!(first.is_current());
        assert!(!first.flag().is_cancelled());
        let second = generation.next();
        assert!(first.flag().is_cancelled());
        assert!(!first.is_current());
        assert!(!first.stamp().is_current());
        assert!(second.is_current());
        assert!(!second.flag().is_cancelled());
    }

    #[test]
    fn cancel_keeps_the_load_current_stop_does_not() {
        let _owner = Owner::new();
        let generation = Generation::new();
        let ticket = generation.next();
        generation.cancel();
        assert!(ticket.flag().is_cancelled());
        assert!(ticket.is_current(), "a load the admin stopped still ends");
        let ticket = generation.next();
        generation.stop();
        assert!(ticket.flag().is_cancelled());
        assert!(!ticket.is_current());
    }

    #[test]
    fn the_owners_cleanup_cancels_the_load_in_flight() {
        let owner = Owner::new();
        let ticket = owner.with(|| Generation::new().next());
        let stamp = ticket.stamp();
        assert!(stamp.is_current());
        owner.cleanup();
        assert!(ticket.flag().is_cancelled());
        assert!(!stamp.is_current());
    }

    #[test]
    fn a_ticket_asked_for_after_the_owner_is_gone_starts_cancelled() {
        let owner = Owner::new();
        let generation = owner.with(Generation::new);
        owner.cleanup();
        let late = generation.next();
        assert!(late.flag().is_cancelled());
        assert!(!late.is_current());
    }

    #[test]
    fn guarded_work_ends_as_aborted_once_cancelled() {
        let _owner = Owner::new();
        let generation = Generation::new();
        let ticket = generation.next();
        let done = block_on(ticket.guard(async { Ok::<u32, GraphError>(7) }));
        assert_eq!(done.ok(), Some(7));
        generation.next();
        let stopped = block_on(ticket.guard(std::future::pending::<Result<u32, GraphError>>()));
        assert_eq!(stopped.err().map(|e| e.kind), Some(ErrorKind::Aborted));
    }
}
