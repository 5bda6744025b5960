//! The session's cache of loaded results: complete loads (a run's 100,000
//! user results, a workflow's runs) kept for the session, keyed by what was
//! asked (the endpoint and the server-side query), so that Back and a
//! reopened link show them at once, where the admin left them (scroll
//! position), with the time they were loaded. Bounded: the few most
//! recently used entries within a row budget ([`Lru`], pure and tested).
//! Emptied on sign-in, sign-out and expiry; a load that did not complete is
//! never kept. Any screen can use it through [`PagedRows`]'s kept loads.
//!
//! [`PagedRows`]: crate::app::load::paged::PagedRows

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::any::Any;

/// How many loads the session keeps at most.
pub(crate) const KEPT_LOADS: usize = 6;

/// How many rows the kept loads may hold together (two runs of 100,000
/// users and the lists around them; older entries go first).
pub(crate) const KEPT_ROWS: usize = 250_000;

/// What a screen asked Graph for: the endpoint (a Graph path, as a label;
/// never sent) and the server-side query that shaped the answer.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct CacheKey {
    endpoint: String,
    query: String,
}

impl CacheKey {
    /// The key of a load of `endpoint` with the server-side `query`.
    pub(crate) fn new(endpoint: impl Into<String>, query: impl Into<String>) -> Self {
        Self {
            endpoint: endpoint.into(),
            query: query.into(),
        }
    }
}

/// A complete load as kept: its value, when it was loaded, and where the
/// admin had scrolled.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Kept<T> {
    pub value: T,
    pub loaded_at: DateTime<Utc>,
    pub scroll_top: f64,
}

/// One entry: its key, its weight (rows), its value.
struct Entry<V> {
    key: CacheKey,
    weight: usize,
    value: V,
}

/// A least-recently-used store bounded by entry count and total weight.
/// Entries are taken out to be used (a screen owns its rows while it shows
/// them) and put back when the screen is left.
pub(crate) struct Lru<V> {
    capacity: usize,
    budget: usize,
    /// Most recently put first.
    entries: Vec<Entry<V>>,
}

impl<V> Lru<V> {
    /// Empty; at most `capacity` entries weighing `budget` together.
    pub(crate) fn new(capacity: usize, budget: usize) -> Self {
        Self {
            capacity,
            budget,
            entries: Vec::new(),
        }
    }

    /// Takes the entry of `key` out, if kept.
    pub(crate) fn take(&mut self, key: &CacheKey) -> Option<V> {
        let at = self.entries.iter().position(|e| e.key == *key)?;
        Some(self.entries.remove(at).value)
    }

    /// Keeps `value` under `key` as the most recent entry (replacing the
    /// one it had), then drops the least recent ones beyond the bounds. An
    /// entry heavier than the whole budget is not kept.
    pub(crate) fn put(&mut self, key: CacheKey, weight: usize, value: V) {
        self.entries.retain(|e| e.key != key);
        if weight > self.budget || self.capacity == 0 {
            return;
        }
        self.entries.insert(0, Entry { key, weight, value });
        while self.entries.len() > self.capacity || self.weight() > self.budget {
            self.entries.pop();
        }
    }

    /// Whether `key` is kept.
    #[cfg(test)]
    pub(crate) fn contains(&self, key: &CacheKey) -> bool {
        self.entries.iter().any(|e| e.key == *key)
    }

    /// Number of entries.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is kept.
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Total weight of the entries.
    pub(crate) fn weight(&self) -> usize {
        self.entries.iter().map(|e| e.weight).sum()
    }

    /// Drops everything.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// A kept value of any row type.
type AnyKept = Box<dyn Any + Send + Sync>;

/// The session's result cache (part of the session context; a `Copy`
/// handle).
#[derive(Clone, Copy)]
pub(crate) struct ResultCache {
    store: StoredValue<Lru<AnyKept>>,
    /// Bumped when the cache is emptied: a load started in an older session
    /// is not put back into the new one.
    generation: StoredValue<u64>,
}

impl ResultCache {
    /// Empty, with the default bounds.
    pub(crate) fn new() -> Self {
        Self {
            store: StoredValue::new(Lru::new(KEPT_LOADS, KEPT_ROWS)),
            generation: StoredValue::new(0),
        }
    }

    /// The current generation, to hand back to [`ResultCache::put`].
    pub(crate) fn generation(&self) -> u64 {
        self.generation.try_get_value().unwrap_or(0)
    }

    /// Takes the load kept under `key` out (the screen owns it while it
    /// shows it); `None` when not kept or kept as another type.
    pub(crate) fn take<T: Send + Sync + 'static>(&self, key: &CacheKey) -> Option<Kept<T>> {
        let value = self.store.try_update_value(|s| s.take(key)).flatten()?;
        value.downcast::<Kept<T>>().ok().map(|kept| *kept)
    }

    /// Keeps a complete load of `rows` rows under `key`, unless the cache
    /// was emptied since `generation` (the session changed).
    pub(crate) fn put<T: Send + Sync + 'static>(
        &self,
        generation: u64,
        key: CacheKey,
        rows: usize,
        kept: Kept<T>,
    ) {
        if self.generation() != generation {
            return;
        }
        let _ = self
            .store
            .try_update_value(|s| s.put(key, rows, Box::new(kept) as AnyKept));
    }

    /// Forgets every kept load (a new session, or none).
    pub(crate) fn clear(&self) {
        let _ = self.generation.try_update_value(|g| *g += 1);
        let _ = self.store.try_update_value(Lru::clear);
    }
}

impl Default for ResultCache {
    fn default() -> Self {
        Self::new()
    }
}

/// "loaded just now" / "loaded 3 min ago" / "loaded 2 h ago".
pub(crate) fn loaded_ago(at: DateTime<Utc>, now: DateTime<Utc>) -> String {
    let secs = (now - at).num_seconds().max(0);
    match secs {
        0..=59 => "loaded just now".into(),
        60..=3599 => format!("loaded {} min ago", secs / 60),
        _ => format!("loaded {} h ago", secs / 3600),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn key(n: u32) -> CacheKey {
        CacheKey::new(format!("/runs/{n}/userProcessingResults"), "")
    }

    #[test]
    fn a_taken_entry_is_gone_until_put_back() {
        let mut lru = Lru::new(3, 100);
        lru.put(key(1), 10, "one");
        assert!(lru.contains(&key(1)));
        assert_eq!(lru.take(&key(1)), Some("one"));
        assert_eq!(lru.take(&key(1)), None);
        lru.put(key(1), 10, "one again");
        assert_eq!(lru.take(&key(1)), Some("one again"));
    }

    #[test]
    fn keys_differ_by_endpoint_and_by_server_query() {
        let mut lru = Lru::new(3, 100);
        lru.put(CacheKey::new("/wf/a/runs", "last7"), 1, "a7");
        lru.put(CacheKey::new("/wf/a/runs", "last30"), 1, "a30");
        lru.put(CacheKey::new("/wf/b/runs", "last7"), 1, "b7");
        assert_eq!(
            lru.take(&CacheKey::new("/wf/a/runs", "last30")),
            Some("a30")
        );
        assert_eq!(lru.take(&CacheKey::new("/wf/b/runs", "last30")), None);
        assert_eq!(lru.take(&CacheKey::new("/wf/a/runs", "last7")), Some("a7"));
    }

    #[test]
    fn the_least_recently_put_go_first_beyond_the_count() {
        let mut lru = Lru::new(2, 100);
        lru.put(key(1), 1, 1);
        lru.put(key(2), 1, 2);
        // Using 1 (take, then put back on leaving) makes 2 the oldest.
        let one = lru.take(&key(1)).expect("kept");
        lru.put(key(1), 1, one);
        lru.put(key(3), 1, 3);
        assert_eq!(lru.len(), 2);
        assert!(lru.contains(&key(1)) && lru.contains(&key(3)));
        assert!(!lru.contains(&key(2)));
    }

    #[test]
    fn the_row_budget_bounds_memory() {
        let mut lru = Lru::new(10, 250);
        lru.put(key(1), 100, 1);
        lru.put(key(2), 100, 2);
        lru.put(key(3), 100, 3);
        assert_eq!(lru.weight(), 200);
        assert!(!lru.contains(&key(1)));
        // Heavier than the whole budget: not kept, and not kept stale.
        lru.put(key(2), 300, 22);
        assert!(!lru.contains(&key(2)));
        assert_eq!(lru.len(), 1);
        lru.clear();
        assert!(lru.is_empty());
    }

    #[test]
    fn the_session_cache_is_typed_and_emptied_with_the_session() {
        let _owner = Owner::new();
        let cache = ResultCache::new();
        let at = Utc::now();
        let kept = Kept {
            value: vec![1u32, 2, 3],
            loaded_at: at,
            scroll_top: 480.0,
        };
        cache.put(cache.generation(), key(1), 3, kept.clone());
        // Asked as another type: not handed out (and not kept).
        assert!(cache.take::<Vec<String>>(&key(1)).is_none());
        cache.put(cache.generation(), key(1), 3, kept.clone());
        assert_eq!(cache.take::<Vec<u32>>(&key(1)), Some(kept.clone()));
        // A load from before a sign-out is not put into the next session.
        let before = cache.generation();
        cache.clear();
        cache.put(before, key(1), 3, kept.clone());
        assert!(cache.take::<Vec<u32>>(&key(1)).is_none());
        cache.put(cache.generation(), key(2), 3, kept);
        cache.clear();
        assert!(cache.take::<Vec<u32>>(&key(2)).is_none());
    }

    #[test]
    fn loaded_ago_words() {
        let now = Utc::now();
        assert_eq!(loaded_ago(now, now), "loaded just now");
        assert_eq!(
            loaded_ago(now - Duration::seconds(200), now),
            "loaded 3 min ago"
        );
        assert_eq!(
            loaded_ago(now - Duration::seconds(7300), now),
            "loaded 2 h ago"
        );
        assert_eq!(
            loaded_ago(now + Duration::seconds(5), now),
            "loaded just now"
        );
    }
}
