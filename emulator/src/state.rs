//! Shared server state: the dataset behind a lock, fault rules, the seeded
//! RNG for live runs, request-id generation and the log of Graph requests
//! (`/_emulator/requests`, for specs that count what the viewer sent).

use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};

use axum::http::HeaderMap;

use crate::access_token::{mint_with_roles, Subject};
use crate::dataset::{Dataset, Scale, Sizes};
use crate::faults::{FaultRule, Faults};
use crate::rng::{hash2, Guid, Rng};
use crate::ticks;
use crate::wire::Ids;

#[derive(Clone, Debug)]
pub struct Config {
    pub seed: u64,
    pub scale: Scale,
    /// The bulk run's results and the number of workflows (`--results`,
    /// `--workflows`); the default is the scale's tenant.
    pub sizes: Sizes,
    pub faults: Vec<FaultRule>,
    /// Milliseconds between the steps of an on-demand run.
    pub live_step_ms: u64,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            seed: 42,
            scale: Scale::Demo,
            sizes: Sizes::default(),
            faults: Vec::new(),
            live_step_ms: 5000,
        }
    }
}

pub struct App {
    ds: RwLock<Dataset>,
    pub faults: Faults,
    pub rng: Mutex<Rng>,
    pub config: Config,
    counter: AtomicU64,
    /// Rows per page when the client asks for no size (Graph's is 100);
    /// tests lower it with `POST /_emulator/paging` to page small data.
    page_size: AtomicUsize,
    /// The identity provider's codes, refresh tokens and lifetimes.
    pub identity: crate::identity::store::Store,
    /// Milliseconds between the steps of a live run (`/_emulator/live`).
    live_step: AtomicU64,
    /// "METHOD /path" of the last Graph requests, oldest first.
    requests: Mutex<VecDeque<String>>,
}

/// How many requests the log keeps.
pub const REQUEST_LOG: usize = 10_000;

pub type Shared = Arc<App>;

impl App {
    /// Rows per page when the request names no size.
    pub fn default_page_size(&self) -> usize {
        self.page_size.load(Ordering::Relaxed)
    }

    /// Sets the default page size (clamped to 1..=999).
    pub fn set_default_page_size(&self, rows: usize) {
        self.page_size.store(
            rows.clamp(1, crate::odata::query::MAX_TOP),
            Ordering::Relaxed,
        );
    }

    pub fn new(config: Config) -> Result<Shared, String> {
        let ds = Dataset::with_sizes(config.seed, config.scale, config.sizes, ticks::now());
        let faults = Faults::new(config.seed);
        faults.add(config.faults.clone())?;
        Ok(Arc::new(App {
            ds: RwLock::new(ds),
            faults,
            rng: Mutex::new(Rng::new(config.seed ^ 0xAC71)),
            identity: crate::identity::store::Store::new(config.seed),
            live_step: AtomicU64::new(config.live_step_ms),
            config,
            counter: AtomicU64::new(0),
            page_size: AtomicUsize::new(crate::paging::DEFAULT_PAGE),
            requests: Mutex::new(VecDeque::new()),
        }))
    }

    /// Notes a Graph request (`$batch` counts once) in the bounded log.
    pub fn log_request(&self, method: &str, path: &str) {
        let mut log = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        if log.len() >= REQUEST_LOG {
            log.pop_front();
        }
        log.push_back(format!("{method} {path}"));
    }

    /// The logged requests, oldest first.
    pub fn requests(&self) -> Vec<String> {
        let log = self.requests.lock().unwrap_or_else(|e| e.into_inner());
        log.iter().cloned().collect()
    }

    /// Empties the request log.
    pub fn clear_requests(&self) {
        self.requests
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
    }

    /// Milliseconds between the steps of a live run.
    pub fn live_step_ms(&self) -> u64 {
        self.live_step.load(Ordering::Relaxed)
    }

    /// Sets the live runs' step (clamped to 10 ms..=10 min); tests speed it up.
    pub fn set_live_step_ms(&self, ms: u64) {
        self.live_step
            .store(ms.clamp(10, 600_000), Ordering::Relaxed);
    }

    pub fn read(&self) -> RwLockReadGuard<'_, Dataset> {
        self.ds.read().unwrap_or_else(|e| e.into_inner())
    }

    pub fn write(&self) -> RwLockWriteGuard<'_, Dataset> {
        self.ds.write().unwrap_or_else(|e| e.into_inner())
    }

    /// A fresh `request-id`; `client-request-id` is echoed when sent.
    pub fn ids(&self, headers: &HeaderMap) -> Ids {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        let request_id = Guid::from_parts(hash2(self.config.seed, n), hash2(n, 0x1D)).to_string();
        let client_request_id = headers
            .get("client-request-id")
            .and_then(|v| v.to_str().ok())
            .filter(|v| !v.is_empty() && v.len() <= 200)
            .map(str::to_string)
            .unwrap_or_else(|| request_id.clone());
        Ids {
            request_id,
            client_request_id,
        }
    }

    /// A demo token for the tenant's first user (an admin).
    pub fn demo_token(&self, scp: &str, expires_in: i64) -> String {
        self.demo_token_with_roles(scp, crate::access_token::DEFAULT_WIDS, expires_in)
    }

    /// A demo token whose user holds the directory roles `wids`.
    pub fn demo_token_with_roles(&self, scp: &str, wids: &[&str], expires_in: i64) -> String {
        let ds = self.read();
        let u = &ds.users[0];
        let sub = Subject {
            tenant: ds.tenant_id,
            oid: u.id,
            upn: &u.upn,
            name: &u.display_name,
        };
        mint_with_roles(&sub, scp, wids, ticks::now() / ticks::SECOND, expires_in)
    }
}
