//! What every screen shows for a Graph load: a skeleton while it runs, the
//! error banner (with Retry, or Resume for a paged load that failed part-way)
//! when it failed, the content when it arrived. Views only turn errors into
//! words: the session context already reacted to them (401 → sign-in).

use crate::app::api::ApiResult;
use crate::app::session::context::SessionContext;
use crate::app::sign_in::browser::BrowserSignIn;
use crate::auth::permissions::forbidden_message;
use crate::auth::TokenSource;
use crate::components::error_banner::{ErrorBanner, ErrorDetails, SwitchAccess};
use crate::components::feedback::SkeletonBlock;
use crate::graph::{ErrorKind, GraphError};
use leptos::prelude::*;

/// Banner details of a Graph error; a 403 names the call that failed and
/// the permissions it needs that the token lacks (from its claims).
pub(crate) fn error_details(e: &GraphError) -> ErrorDetails {
    let message = if e.kind == ErrorKind::Forbidden {
        use_context::<SessionContext>()
            .map(|s| s.explain_forbidden(e))
            .unwrap_or_else(|| forbidden_message(e, None))
    } else {
        e.user_message()
    };
    ErrorDetails {
        message,
        status: e.status,
        code: e.code.as_deref().map(String::from),
        request_id: e.request_id.as_deref().map(String::from),
    }
}

/// For an access error (403), another way in, back to this screen after:
/// another token for a pasted (or demo) one, another account after Sign in
/// with Microsoft (its account picker); none inside a host portal.
pub(crate) fn switch_action(e: &GraphError) -> Option<SwitchAccess> {
    let session = use_context::<SessionContext>()?;
    if e.kind != ErrorKind::Forbidden {
        return None;
    }
    match session.source()? {
        TokenSource::Pasted | TokenSource::DemoTenant => Some(SwitchAccess {
            label: "Use another token",
            run: Callback::new(move |_| {
                session.expire("Sign in with another token: the last one was denied access.")
            }),
        }),
        TokenSource::BrowserSignIn => {
            let browser = use_context::<BrowserSignIn>()?;
            Some(SwitchAccess {
                label: "Sign in with another account",
                run: Callback::new(move |_| browser.switch_account(session)),
            })
        }
        TokenSource::HostPortal => None,
    }
}

/// The view of `resource`: skeleton lines while loading, an error banner
/// whose Retry fetches again, or `content` of the value.
pub(crate) fn loaded<T, V>(
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
pub(crate) fn loaded_explained<T, V>(
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
        <ErrorBanner error=details on_retry=retry on_switch=switch_action(e) />
    }
    .into_any()
}
