//! Single Graph loads tied to their screen: a [`LocalResource`] that fetches
//! again when its inputs change or on Retry (`refetch`), and whose request in
//! flight is aborted when the screen goes away or a newer fetch replaces it,
//! so an older answer never lands after a newer one.

use crate::app::api::ApiResult;
use crate::graph::CancelFlag;
use leptos::prelude::*;
use std::future::Future;
use std::sync::{Arc, Mutex};

/// The flag of the fetch in flight, shared with the screen's cleanup.
type InFlight = Arc<Mutex<CancelFlag>>;

/// A resource over `fetch` (which reads its inputs as signals) whose loads
/// stop with the current owner (the screen).
pub fn screen_resource<T, Fut>(fetch: impl Fn() -> Fut + 'static) -> LocalResource<ApiResult<T>>
where
    T: 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let in_flight: InFlight = Arc::default();
    let on_leave = Arc::clone(&in_flight);
    on_cleanup(move || replace_flag(&on_leave).cancel());
    LocalResource::new(move || {
        let work = fetch();
        let flag = replace_flag(&in_flight);
        async move { flag.guard(work).await }
    })
}

/// Cancels the flag in flight and installs (and returns) a fresh one.
fn replace_flag(in_flight: &InFlight) -> CancelFlag {
    let fresh = CancelFlag::new();
    let old = match in_flight.lock() {
        Ok(mut slot) => std::mem::replace(&mut *slot, fresh.clone()),
        Err(poisoned) => std::mem::replace(&mut *poisoned.into_inner(), fresh.clone()),
    };
    old.cancel();
    fresh
}
