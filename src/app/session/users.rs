//! The user directory: display names and UPNs of user ids, asked for lazily
//! by the rows on screen and resolved in `$batch`es of 20 by the session's
//! client. The client's lookup cache is the one name cache (it also
//! remembers ids that failed); the directory publishes it as one snapshot
//! (`Arc<Names>`) shared by every table and view, and asks for each id once
//! per session. After a 403 it stops asking and the viewer shows ids.
//! Reset with the session. The tables ask through [`ask_name_when_shown`]
//! (a row on screen) and [`ask_names_behind_search`] (the rows a search
//! hides), and watch a sort by name with [`name_sort_state`].

use crate::app::load::generation::{Generation, Stamp};
use crate::app::session::context::SessionContext;
use crate::table::{NameSort, Names, Table, TableRow, ViewSpec};
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

/// How long the directory lets the visible rows ask before a batch leaves.
const GATHER_MS: u32 = 30;

/// How long a row must show the same user before it asks for the name (a
/// fling or fast typing shows thousands of rows for a frame each).
const NAME_DELAY: Duration = Duration::from_millis(150);

/// Behind a search, how many rows of the unsearched view have their names
/// asked for (the rows the admin would see without the search).
const SEARCH_NAME_ROWS: usize = 40;

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
pub(crate) struct UserDirectory {
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
    pub(crate) fn new() -> Self {
        Self {
            known: RwSignal::new(Arc::new(Names::new())),
            denied: RwSignal::new(false),
            asks: StoredValue::new(Asks::default()),
            busy: StoredValue::new(false),
            lookups: Generation::new(),
        }
    }

    /// Every resolved user (tracked), as the shared snapshot.
    pub(crate) fn snapshot(&self) -> Arc<Names> {
        self.known.get()
    }

    /// Every resolved user (untracked), as the shared snapshot.
    pub(crate) fn snapshot_untracked(&self) -> Arc<Names> {
        self.known.get_untracked()
    }

    /// The display name and UPN of `id` (tracked), if resolved.
    pub(crate) fn name_of(&self, id: &str) -> Option<(String, Option<String>)> {
        self.known.with(|k| {
            k.get(id)
                .map(|u| (u.name().to_string(), u.user_principal_name.clone()))
        })
    }

    /// Whether the token was refused user reads (tracked).
    pub(crate) fn denied(&self) -> bool {
        self.denied.get()
    }

    /// Forgets everything (a new session).
    pub(crate) fn reset(&self) {
        self.lookups.stop();
        self.known.set(Arc::new(Names::new()));
        self.denied.set(false);
        self.asks.set_value(Asks::default());
        self.busy.set_value(false);
    }

    /// Asks for an id's name once per session; resolved soon in a batch
    /// with the others asked meanwhile.
    pub(crate) fn request(&self, session: SessionContext, id: &str) {
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

/// Asks for the name of user `id` (a row element's user) once the row has
/// shown the same user for a moment.
pub(crate) fn ask_name_when_shown(session: SessionContext, id: Memo<Option<String>>) {
    Effect::new(move |_| {
        let Some(wanted) = id.get() else { return };
        set_timeout(
            move || {
                if id.try_get_untracked().flatten().as_deref() == Some(wanted.as_str()) {
                    session.users.request(session, &wanted);
                }
            },
            NAME_DELAY,
        );
    });
}

/// While a search is typed or comes with a link, asks the directory for the
/// names of the first rows the view would show without the search (a
/// filtered-out row is never on screen to ask for its own name), so the
/// search matches them by name and UPN as soon as the names arrive. Each
/// name is asked once per session (the directory remembers).
pub(crate) fn ask_names_behind_search<R: TableRow + Send + Sync>(
    session: SessionContext,
    rows: RwSignal<Table<R>>,
    spec: Memo<ViewSpec>,
) {
    Effect::new(move |_| {
        let unsearched = spec.with(|s| {
            (!s.search.trim().is_empty()).then(|| ViewSpec {
                search: String::new(),
                ..s.clone()
            })
        });
        let Some(unsearched) = unsearched else { return };
        rows.track();
        let ids = rows
            .try_update_untracked(|t| {
                let order = t.view(&unsearched);
                t.unnamed_ids(&order, SEARCH_NAME_ROWS)
            })
            .unwrap_or_default();
        for id in ids {
            session.users.request(session, &id);
        }
    });
}

/// Under a sort by a name column: how many rows have no name yet and
/// whether names arrived since the sort (`None` for other sorts).
/// Keystrokes and direction changes leave the count alone: it is one pass
/// over every row.
pub(crate) fn name_sort_state<R: TableRow + Send + Sync>(
    rows: RwSignal<Table<R>>,
    spec: Memo<ViewSpec>,
) -> Memo<Option<NameSort>> {
    let sort = Memo::new(move |_| spec.with(|s| s.sort));
    let column = Memo::new(move |_| sort.get().map(|s| s.column));
    let unnamed = Memo::new(move |_| {
        let column = column.get()?;
        rows.with(|t| t.unnamed_rows(column))
    });
    let stale = Memo::new(move |_| {
        let sort = sort.get()?;
        Some(rows.with(|t| t.name_order_stale(sort)))
    });
    Memo::new(move |_| {
        Some(NameSort {
            unnamed: unnamed.get()?,
            stale: stale.get()?,
        })
    })
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
