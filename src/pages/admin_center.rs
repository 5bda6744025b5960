//! The admin center addresses of a workflow, a user and a group for the
//! signed-in cloud (the pages' side of [`crate::auth::admin_center`]).

use crate::app::session::context::SessionContext;
use crate::auth::{admin_center, Cloud};

/// `page` for the session's cloud (tracked; the global cloud signed out).
fn on_cloud(session: SessionContext, page: impl Fn(&Cloud) -> String) -> String {
    session
        .with_session(|s| page(&s.cloud))
        .unwrap_or_else(|| page(&Cloud::Global))
}

/// The workflow's admin center page for the session's cloud (tracked).
pub(crate) fn workflow_href(session: SessionContext, workflow_id: &str, name: &str) -> String {
    let name = (name != workflow_id).then_some(name);
    on_cloud(session, |c| {
        admin_center::workflow_page(c, workflow_id, name)
    })
}

/// The user's admin center page (tracked).
pub(crate) fn user_href(session: SessionContext, user_id: &str) -> String {
    on_cloud(session, |c| admin_center::user_page(c, user_id))
}

/// The user's Properties, where the Manager field is edited (tracked).
pub(crate) fn user_manager_href(session: SessionContext, user_id: &str) -> String {
    on_cloud(session, |c| admin_center::user_properties(c, user_id))
}

/// The group's admin center page (tracked).
pub(crate) fn group_href(session: SessionContext, group_id: &str) -> String {
    on_cloud(session, |c| admin_center::group_page(c, group_id))
}
