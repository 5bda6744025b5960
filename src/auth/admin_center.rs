//! Links into the Microsoft Entra admin center for what this viewer does not
//! do (editing and configuring workflows). The admin center has one host per
//! cloud and no page per run: a run links to its workflow, whose Workflow
//! history lists the run.

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
}
