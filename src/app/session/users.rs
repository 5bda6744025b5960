//! The user directory: display names and UPNs of user ids, asked for lazily
//! by the rows on screen and resolved in `$batch`es of 20 by the session's
//! client. The client's lookup cache is the one name cache (it also
//! remembers ids that failed); the directory publishes it as one snapshot
//! (`Arc<Names>`) shared by every table and view, and asks for each id once
//! per session. After a 403 it stops asking and the viewer shows ids.
//! Reset with the session.

use crate::app::load::generation::{Generation, Stamp};
use crate::app::session::context::SessionContext;
use crate::table::Names;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// How long the directory lets the visible rows ask before a batch leaves.
const GATHER_MS: u32 = 30;

/// Which ids were asked for this session and which wait for the next
/// batch: every id is asked once, whatever its answer (found, 404, a
/// sub-request refused, given up after throttling); after a 403 on user
/// reads nothing more is asked.
#[derive(Debug, Default)]
struct Asks {
    asked: HashSet<String>,
    pending: HashSet<String>,
    denied: bool,
}

impl Asks {
    /// Queues `id` unless it was asked before (or reads are refused);
    /// returns whether it was queued.
    fn ask(&mut self, id: &str) -> bool {
        let id = id.trim();
        if id.is_empty() || self.denied || !self.asked.insert(id.to_string()) {
            return false;
        }
        self.pending.insert(id.to_string())
    }

    /// The ids waiting, taken for one lookup.
    fn take_pending(&mut self) -> Vec<String> {
        let mut ids: Vec<String> = self.pending.drain().collect();
        crate::model::sorting::sort_by(&mut ids, String::cmp);
        ids
    }

    /// User reads are refused: drop what waits, ask nothing more.
    fn deny(&mut self) {
        self.denied = true;
        self.pending.clear();
    }
}

/// The session's user names (part of [`SessionContext`]).
#[derive(Clone, Copy)]
pub struct UserDirectory {
    known: RwSignal<Arc<Names>>,
    /// The token cannot read users: show ids only.
    denied: RwSignal<bool>,
    asks: StoredValue<Asks>,
    busy: StoredValue<bool>,
    /// The lookups running; a reset stops them (the request in flight is
    /// aborted, answers for an older session are dropped).
    lookups: Generation,
}

impl UserDirectory {
    /// An empty directory.
    pub fn new() -> Self {
        Self {
            known: RwSignal::new(Arc::new(Names::new())),
            denied: RwSignal::new(false),
            asks: StoredValue::new(Asks::default()),
            busy: StoredValue::new(false),
            lookups: Generation::new(),
        }
    }

    /// Every resolved user (tracked), as the shared snapshot.
    pub fn snapshot(&self) -> Arc<Names> {
        self.known.get()
    }

    /// Every resolved user (untracked), as the shared snapshot.
    pub fn snapshot_untracked(&self) -> Arc<Names> {
        self.known.get_untracked()
    }

    /// The display name and UPN of `id` (tracked), if resolved.
    pub fn name_of(&self, id: &str) -> Option<(String, Option<String>)> {
        self.known.with(|k| {
            k.get(id)
                .map(|u| (u.name().to_string(), u.user_principal_name.clone()))
        })
    }

    /// Whether the token was refused user reads (tracked).
    pub fn denied(&self) -> bool {
        self.denied.get()
    }

    /// Forgets everything (a new session).
    pub fn reset(&self) {
        self.lookups.stop();
        self.known.set(Arc::new(Names::new()));
        self.denied.set(false);
        self.asks.set_value(Asks::default());
        self.busy.set_value(false);
    }

    /// Asks for an id's name once per session; resolved soon in a batch
    /// with the others asked meanwhile.
    pub fn request(&self, session: SessionContext, id: &str) {
        let queued = self.asks.try_update_value(|a| a.ask(id)).unwrap_or(false);
        if !queued {
            return;
        }
        if !self.busy.get_value() {
            self.busy.set_value(true);
            let this = *self;
            let ticket = self.lookups.next();
            let stamp = ticket.stamp();
            ticket.spawn(async move { this.drain(session, stamp).await });
        }
    }

    async fn drain(self, session: SessionContext, stamp: Stamp) {
        let current = move || stamp.is_current();
        loop {
            gloo_timers::future::TimeoutFuture::new(GATHER_MS).await;
            if !current() {
                return;
            }
            let ids = self
                .asks
                .try_update_value(Asks::take_pending)
                .unwrap_or_default();
            if ids.is_empty() || self.denied.get_untracked() {
                break;
            }
            let Ok(client) = session.client() else { break };
            let answer = client.resolve_users(&ids).await;
            if !current() {
                return;
            }
            // Publish whatever the batches resolved, also before a failure.
            self.known.set(Arc::new(client.found_users()));
            match answer {
                Ok(_) => {}
                Err(e) if e.status == Some(403) => {
                    self.asks.update_value(Asks::deny);
                    self.denied.set(true);
                    break;
                }
                Err(e) if e.needs_sign_in() => {
                    session.checked(e);
                    break;
                }
                Err(_) => {}
            }
        }
        let _ = self.busy.try_set_value(false);
    }
}

impl Default for UserDirectory {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::Asks;

    #[test]
    fn an_id_is_asked_once_per_session_whatever_its_answer() {
        let mut asks = Asks::default();
        assert!(asks.ask("a"));
        assert!(!asks.ask("a"), "queued twice");
        assert!(asks.ask("b"));
        assert_eq!(asks.take_pending(), vec!["a", "b"]);
        // Answered (found, 404, refused or given up): never asked again,
        // so rows that stay on screen or come back send nothing.
        assert!(!asks.ask("a"));
        assert!(!asks.ask(" b "));
        assert!(asks.take_pending().is_empty());
        assert!(!asks.ask(""));
        assert!(!asks.ask("   "));
    }

    #[test]
    fn after_a_403_nothing_more_is_asked() {
        let mut asks = Asks::default();
        assert!(asks.ask("a"));
        asks.deny();
        assert!(asks.take_pending().is_empty());
        assert!(!asks.ask("c"));
        assert!(asks.take_pending().is_empty());
        // A new session starts over.
        let mut fresh = Asks::default();
        assert!(fresh.ask("a"));
    }
}
