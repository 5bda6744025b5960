//! Links into the Microsoft Entra admin center for what this viewer does not
//! do (editing and configuring workflows, fixing what a task failed on). The
//! admin center has one host per cloud and no page per run: a run links to
//! its workflow, whose Workflow history lists the run. A failed user links
//! to the user's page, its Properties (where the Manager field is edited),
//! and to the pages of the groups its reason names.

use super::cloud::Cloud;

/// The admin center's origin for `cloud` (custom endpoints such as the
/// emulator stand for a global tenant).
pub fn origin(cloud: &Cloud) -> &'static str {
    match cloud {
        Cloud::Global | Cloud::Custom(_) => "https://entra.microsoft.com",
        Cloud::UsGovL4 | Cloud::UsGovL5 => "https://entra.microsoft.us",
        Cloud::China => "https://entra.microsoft.cn",
    }
}

/// The workflow's page (its overview, with Workflow history beside it).
pub fn workflow_page(cloud: &Cloud, workflow_id: &str, name: Option<&str>) -> String {
    let mut url = format!(
        "{}/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/overview/workflowId/{}",
        origin(cloud),
        path_segment(workflow_id)
    );
    if let Some(name) = name.filter(|n| !n.trim().is_empty()) {
        url.push_str("/workflowName/");
        url.push_str(&path_segment(name));
    }
    url
}

/// The user's page (its overview).
pub fn user_page(cloud: &Cloud, user_id: &str) -> String {
    user_tab(cloud, "overview", user_id)
}

/// The user's Properties, where the Manager field is (Job information).
pub fn user_properties(cloud: &Cloud, user_id: &str) -> String {
    user_tab(cloud, "Properties", user_id)
}

fn user_tab(cloud: &Cloud, tab: &str, user_id: &str) -> String {
    format!(
        "{}/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/{tab}/userId/{}",
        origin(cloud),
        path_segment(user_id)
    )
}

/// The group's page (its overview; membership and its rules beside it).
pub fn group_page(cloud: &Cloud, group_id: &str) -> String {
    format!(
        "{}/#view/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/{}",
        origin(cloud),
        path_segment(group_id)
    )
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
fn path_segment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_workflow_links_to_its_admin_center_page_with_its_name() {
        assert_eq!(
            workflow_page(&Cloud::Global, "15239232-66ed-445b-8292-2f5bbb2eb833", Some("Onboard new hire")),
            "https://entra.microsoft.com/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/overview/workflowId/15239232-66ed-445b-8292-2f5bbb2eb833/workflowName/Onboard%20new%20hire"
        );
    }

    #[test]
    fn each_cloud_has_its_own_admin_center() {
        assert!(workflow_page(&Cloud::UsGovL5, "w", None)
            .starts_with("https://entra.microsoft.us/#view/"));
        assert!(workflow_page(&Cloud::China, "w", None)
            .starts_with("https://entra.microsoft.cn/#view/"));
        assert!(
            workflow_page(&Cloud::Custom("http://127.0.0.1:8081".into()), "w", None)
                .starts_with("https://entra.microsoft.com/#view/")
        );
    }

    #[test]
    fn hostile_ids_cannot_leave_the_path() {
        let url = workflow_page(&Cloud::Global, "a/../b?x=#y", Some(" "));
        assert!(url.ends_with("/workflowId/a%2F..%2Fb%3Fx%3D%23y"), "{url}");
    }

    #[test]
    fn a_user_and_a_group_link_to_their_pages_in_each_cloud() {
        let id = "0a1b2c3d-4e5f-6789-abcd-ef0123456789";
        assert_eq!(
            user_page(&Cloud::Global, id),
            "https://entra.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
        );
        assert_eq!(
            user_properties(&Cloud::UsGovL4, id),
            "https://entra.microsoft.us/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/Properties/userId/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
        );
        assert_eq!(
            group_page(&Cloud::China, id),
            "https://entra.microsoft.cn/#view/Microsoft_AAD_IAM/GroupDetailsMenuBlade/~/Overview/groupId/0a1b2c3d-4e5f-6789-abcd-ef0123456789"
        );
        assert!(
            user_page(&Cloud::Custom("http://127.0.0.1:8081".into()), id)
                .starts_with("https://entra.microsoft.com/#view/")
        );
        assert!(group_page(&Cloud::Global, "x/../y#z").ends_with("/groupId/x%2F..%2Fy%23z"));
    }
}
