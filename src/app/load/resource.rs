//! Single Graph loads tied to their screen: a [`LocalResource`] that fetches
//! again when its inputs change or on Retry (`refetch`), and whose request in
//! flight is aborted when the screen goes away or a newer fetch replaces it,
//! so an older answer never lands after a newer one.

use crate::app::api::ApiResult;
use crate::app::load::generation::Generation;
use crate::graph::CancelFlag;
use leptos::prelude::*;
use std::future::Future;

/// A resource over `fetch` (which reads its inputs as signals) whose loads
/// stop with the current owner (the screen).
pub(crate) fn screen_resource<T, Fut>(
    fetch: impl Fn() -> Fut + 'static,
) -> LocalResource<ApiResult<T>>
where
    T: 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    screen_resource_with_cancel(move |_| fetch())
}

/// [`screen_resource`] whose `fetch` also gets the fetch's flag, for loads
/// that page or go over many workflows: they stop asking once it is
/// cancelled, besides being dropped.
pub(crate) fn screen_resource_with_cancel<T, Fut>(
    fetch: impl Fn(CancelFlag) -> Fut + 'static,
) -> LocalResource<ApiResult<T>>
where
    T: 'static,
    Fut: Future<Output = ApiResult<T>> + 'static,
{
    let loads = Generation::new();
    LocalResource::new(move || {
        let ticket = loads.next();
        let work = fetch(ticket.flag().clone());
        async move { ticket.guard(work).await }
    })
}
