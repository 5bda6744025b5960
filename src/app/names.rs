//! Display names and UPNs of user ids, resolved lazily for the rows on
//! screen (the data layer batches by 20 and caches); after a 403 the viewer
//! stops asking and shows ids.

use super::api;
use super::session::Session;
use crate::model::GraphUser;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::{HashMap, HashSet};

/// Shared name cache (context).
#[derive(Clone, Copy)]
pub struct Names {
    known: RwSignal<HashMap<String, GraphUser>>,
    /// The token cannot read users: show ids only.
    pub denied: RwSignal<bool>,
    pending: StoredValue<HashSet<String>>,
    asked: StoredValue<HashSet<String>>,
    busy: StoredValue<bool>,
    epoch: StoredValue<u64>,
}

impl Names {
    /// An empty cache.
    pub fn new() -> Self {
        Self {
            known: RwSignal::new(HashMap::new()),
            denied: RwSignal::new(false),
            pending: StoredValue::new(HashSet::new()),
            asked: StoredValue::new(HashSet::new()),
            busy: StoredValue::new(false),
            epoch: StoredValue::new(0),
        }
    }

    /// The user for an id (tracked), if resolved.
    pub fn get(&self, id: &str) -> Option<GraphUser> {
        self.known.with(|k| k.get(id).cloned())
    }

    /// Runs `f` over the map (tracked), for search.
    pub fn with<R>(&self, f: impl FnOnce(&HashMap<String, GraphUser>) -> R) -> R {
        self.known.with(f)
    }

    /// Asks for an id's name; resolved soon in a batch with the others asked.
    pub fn request(&self, session: Session, id: &str) {
        self.reset_if_new_session(session);
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
            spawn_local(async move { this.drain(session).await });
        }
    }

    async fn drain(self, session: Session) {
        loop {
            // Let the visible rows all ask before the first batch leaves.
            gloo_timers::future::TimeoutFuture::new(30).await;
            let ids: Vec<String> = self
                .pending
                .try_update_value(|p| p.drain().collect())
                .unwrap_or_default();
            if ids.is_empty() || self.denied.get_untracked() {
                break;
            }
            match api::users_by_id(session, ids).await {
                Ok(users) => self.known.update(|k| {
                    for u in users {
                        k.insert(u.id.clone(), u);
                    }
                }),
                Err(e) if e.status == Some(403) => {
                    self.denied.set(true);
                    break;
                }
                Err(e) if e.needs_sign_in() => {
                    break;
                }
                Err(_) => {}
            }
        }
        let _ = self.busy.try_set_value(false);
    }

    fn reset_if_new_session(&self, session: Session) {
        let epoch = session.epoch.get_untracked();
        if self.epoch.get_value() != epoch {
            self.epoch.set_value(epoch);
            self.known.set(HashMap::new());
            self.denied.set(false);
            self.asked.set_value(HashSet::new());
            self.pending.set_value(HashSet::new());
        }
    }
}

impl Default for Names {
    fn default() -> Self {
        Self::new()
    }
}
