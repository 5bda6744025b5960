//! The admin center address of a workflow for the signed-in cloud (the
//! pages' side of [`crate::auth::admin_center`]).

use crate::app::session::context::SessionContext;
use crate::auth::admin_center;

/// The workflow's admin center page for the session's cloud (tracked).
pub fn workflow_href(session: SessionContext, workflow_id: &str, name: &str) -> String {
    let name = (name != workflow_id).then_some(name);
    session
        .with_session(|s| admin_center::workflow_page(&s.cloud, workflow_id, name))
        .unwrap_or_else(|| {
            admin_center::workflow_page(&crate::auth::Cloud::Global, workflow_id, name)
        })
}
