//! What every screen shows for a Graph load: a skeleton while it runs, the
//! error banner (with Retry, or Resume for a paged load that failed part-way)
//! when it failed, the content when it arrived. Views only turn errors into
//! words: the session context already reacted to them (401 → sign-in).

use crate::app::api::ApiResult;
use crate::app::session::SessionContext;
use crate::components::error_banner::{ErrorBanner, ErrorDetails};
use crate::components::feedback::SkeletonBlock;
use crate::graph::{ErrorKind, GraphError};
use leptos::prelude::*;

/// Banner details of a Graph error; a 403 also says which permissions the
/// token has (read from its claims, never the token itself).
pub fn error_details(e: &GraphError) -> ErrorDetails {
    let mut message = e.user_message();
    if e.kind == ErrorKind::Forbidden {
        let hint = use_context::<SessionContext>().and_then(|s| s.permissions_hint());
        message.push(' ');
        message.push_str(
            hint.as_deref()
                .unwrap_or("The token's permissions could not be read from it."),
        );
    }
    ErrorDetails {
        message,
        status: e.status,
        code: e.code.as_deref().map(String::from),
        request_id: e.request_id.as_deref().map(String::from),
    }
}

/// The view of `resource`: skeleton lines while loading, an error banner
/// whose Retry fetches again, or `content` of the value.
pub fn loaded<T, V>(
    resource: LocalResource<ApiResult<T>>,
    skeleton_lines: usize,
    content: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || {
        match resource.get() {
        // A fetch replaced by a newer one ends as Aborted: still loading.
        None => view! { <SkeletonBlock lines=skeleton_lines /> }.into_any(),
        Some(Err(e)) if e.kind == ErrorKind::Aborted => {
            view! { <SkeletonBlock lines=skeleton_lines /> }.into_any()
        }
        Some(Err(e)) => view! {
            <ErrorBanner error=error_details(&e) on_retry=Callback::new(move |_| resource.refetch()) />
        }
        .into_any(),
        Some(Ok(value)) => content(value).into_any(),
    }
    }
}
