//! The user directory: display names and UPNs of user ids, asked for lazily
//! by the rows on screen and resolved in `$batch`es of 20 by the session's
//! client. The client's lookup cache is the one name cache (it also
//! remembers ids that failed); the directory publishes it as one snapshot
//! (`Arc<Names>`) shared by every table and view, and asks for each id once
//! per session. After a 403 it stops asking and the viewer shows ids.
//! Reset with the session.

use super::session::SessionContext;
use crate::table::Names;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::HashSet;
use std::sync::Arc;

/// How long the directory lets the visible rows ask before a batch leaves.
const GATHER_MS: u32 = 30;

/// The session's user names (part of [`SessionContext`]).
#[derive(Clone, Copy)]
pub struct UserDirectory {
    known: RwSignal<Arc<Names>>,
    /// The token cannot read users: show ids only.
    denied: RwSignal<bool>,
    pending: StoredValue<HashSet<String>>,
    asked: StoredValue<HashSet<String>>,
    busy: StoredValue<bool>,
    /// Bumped on reset: answers for an older session are dropped.
    generation: StoredValue<u64>,
}

impl UserDirectory {
    /// An empty directory.
    pub fn new() -> Self {
        Self {
            known: RwSignal::new(Arc::new(Names::new())),
            denied: RwSignal::new(false),
            pending: StoredValue::new(HashSet::new()),
            asked: StoredValue::new(HashSet::new()),
            busy: StoredValue::new(false),
            generation: StoredValue::new(0),
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
        self.generation.update_value(|g| *g += 1);
        self.known.set(Arc::new(Names::new()));
        self.denied.set(false);
        self.asked.set_value(HashSet::new());
        self.pending.set_value(HashSet::new());
        self.busy.set_value(false);
    }

    /// Asks for an id's name once per session; resolved soon in a batch
    /// with the others asked meanwhile.
    pub fn request(&self, session: SessionContext, id: &str) {
        if id.is_empty() || self.denied.get_untracked() {
            return;
        }
        let fresh = self
            .asked
            .try_update_value(|a| a.insert(id.to_string()))
            .unwrap_or(false);
        if !fresh {
            return;
        }
        self.pending.update_value(|p| {
            p.insert(id.to_string());
        });
        if !self.busy.get_value() {
            self.busy.set_value(true);
            let this = *self;
            let generation = self.generation.get_value();
            spawn_local(async move { this.drain(session, generation).await });
        }
    }

    async fn drain(self, session: SessionContext, generation: u64) {
        let current = move || self.generation.try_get_value() == Some(generation);
        loop {
            gloo_timers::future::TimeoutFuture::new(GATHER_MS).await;
            if !current() {
                return;
            }
            let ids: Vec<String> = self
                .pending
                .try_update_value(|p| p.drain().collect())
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
