//! What every screen shows for a Graph load: a skeleton while it runs, the
//! error banner (with Retry, or Resume for a paged load that failed part-way)
//! when it failed, the content when it arrived. Views only turn errors into
//! words: the session context already reacted to them (401 → sign-in).

use crate::app::api::ApiResult;
use crate::app::session::context::SessionContext;
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

/// For an access error (403): a way to the sign-in screen to use another
/// token; it comes back to this screen after signing in.
pub fn new_token_action(e: &GraphError) -> Option<Callback<()>> {
    let session = use_context::<SessionContext>()?;
    (e.kind == ErrorKind::Forbidden).then(|| {
        Callback::new(move |_| {
            session.expire("Sign in with another token: the last one was denied access.")
        })
    })
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
    loaded_explained(resource, skeleton_lines, |_| None, content)
}

/// [`loaded`], with `explain` giving the banner's message for errors the
/// screen can put better (naming what was asked); `None` keeps the
/// general message.
pub fn loaded_explained<T, V>(
    resource: LocalResource<ApiResult<T>>,
    skeleton_lines: usize,
    explain: impl Fn(&GraphError) -> Option<String> + Send + Sync + 'static,
    content: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        Some(Ok(value)) => content(value).into_any(),
        Some(Err(e)) if e.kind != ErrorKind::Aborted => {
            let explained = explain(&e);
            error_banner(&e, explained, Callback::new(move |_| resource.refetch()))
        }
        // Loading; a fetch replaced by a newer one ends as Aborted: still loading.
        _ => skeleton(skeleton_lines),
    }
}

/// Skeleton lines while a load runs (one body for every value type).
#[inline(never)]
fn skeleton(lines: usize) -> AnyView {
    view! { <SkeletonBlock lines=lines /> }.into_any()
}

/// The banner of a failed load, with `explained` as its message when given
/// and `retry` behind Retry (one body for every value type).
#[inline(never)]
fn error_banner(e: &GraphError, explained: Option<String>, retry: Callback<()>) -> AnyView {
    let mut details = error_details(e);
    if let Some(message) = explained {
        details.message = message;
    }
    view! {
        <ErrorBanner error=details on_retry=retry on_new_token=new_token_action(e) />
    }
    .into_any()
}
