//! "Open a workflow or run": what the admin pasted, read as the viewer
//! screen it names. Accepted: a workflow id (a GUID); a link to this viewer
//! (any host, with or without a sub-path, its filters kept); a Microsoft
//! Graph URL (v1.0 or beta) of a workflow, a run or a run's user result;
//! an Entra admin center link to a workflow. Anything else is a clear
//! message, never a guess. Pure: no browser, no Graph.

use super::query::paths;

/// A screen the viewer can open from an id or a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// The runs of a workflow.
    Workflow { wf: String },
    /// One run.
    Run { wf: String, run: String },
    /// One user processing result of a run.
    UserResult {
        wf: String,
        run: String,
        upr: String,
    },
}

/// Where to go: the screen and, for a viewer link, its query (`?…` or "").
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Opened {
    pub target: Target,
    pub query: String,
}

impl Opened {
    /// The in-app path and query to navigate to.
    pub(crate) fn link(&self) -> String {
        let path = match &self.target {
            Target::Workflow { wf } => paths::runs(wf),
            Target::Run { wf, run } => paths::run(wf, run),
            Target::UserResult { wf, run, upr } => paths::user_result(wf, run, upr),
        };
        format!("{path}{}", self.query)
    }
}

/// An example id for the messages.
const EXAMPLE_ID: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";

/// Reads what the admin pasted; `Err` is the sentence to show.
pub(crate) fn parse(text: &str) -> Result<Opened, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err("Enter a workflow id, or paste a link to a workflow or a run.".to_string());
    }
    if is_guid(text) {
        return Ok(plain(Target::Workflow { wf: lower(text) }));
    }
    let (before_fragment, fragment) = match text.split_once('#') {
        Some((b, f)) => (b, Some(f)),
        None => (text, None),
    };
    if let Some(fragment) = fragment.filter(|f| f.to_ascii_lowercase().contains("workflowid")) {
        return admin_center(fragment);
    }
    let (path, query) = match before_fragment.split_once('?') {
        Some((p, q)) => (p, format!("?{q}")),
        None => (before_fragment, String::new()),
    };
    let segments: Vec<String> = path_of(path)
        .split('/')
        .filter(|s| !s.is_empty())
        .map(percent_decode)
        .collect();
    let lower_segments: Vec<String> = segments.iter().map(|s| s.to_ascii_lowercase()).collect();
    if let Some(at) = lower_segments
        .iter()
        .position(|s| s == "lifecycleworkflows")
    {
        return graph(segments.get(at + 1..).unwrap_or_default());
    }
    if let Some(at) = lower_segments.iter().position(|s| s == "workflows") {
        return viewer(segments.get(at..).unwrap_or_default(), query);
    }
    if fragment.is_some() && text.to_ascii_lowercase().contains("entra.") {
        return Err("This Entra admin center link names no workflow (it has no workflowId): open the workflow there and copy the address again.".to_string());
    }
    Err(format!(
        "“{}” is neither a workflow id (a GUID such as {EXAMPLE_ID}) nor a link to a workflow or run of this viewer, Microsoft Graph or the Entra admin center.",
        shortened(text)
    ))
}

fn plain(target: Target) -> Opened {
    Opened {
        target,
        query: String::new(),
    }
}

/// A viewer link from `workflows` on: `workflows/{wf}[/runs[/{run}[/users/{upr}]]]`.
fn viewer(rest: &[String], query: String) -> Result<Opened, String> {
    let target = match rest {
        [_, wf] | [_, wf, _] => Target::Workflow {
            wf: id(wf, "workflow")?,
        },
        [_, wf, runs, run] if runs.eq_ignore_ascii_case("runs") => Target::Run {
            wf: id(wf, "workflow")?,
            run: id(run, "run")?,
        },
        [_, wf, runs, run, users, upr]
            if runs.eq_ignore_ascii_case("runs") && users.eq_ignore_ascii_case("users") =>
        {
            Target::UserResult {
                wf: id(wf, "workflow")?,
                run: id(run, "run")?,
                upr: id(upr, "user result")?,
            }
        }
        _ => return Err(unknown_link()),
    };
    if let ([_, _, third], Target::Workflow { .. }) = (rest, &target) {
        if !third.eq_ignore_ascii_case("runs") {
            return Err(unknown_link());
        }
    }
    Ok(Opened { target, query })
}

/// A Graph URL from after `lifecycleWorkflows`: `workflows/{wf}[/runs/{run}[/userProcessingResults/{upr}…]]`.
fn graph(rest: &[String]) -> Result<Opened, String> {
    let lower: Vec<String> = rest.iter().map(|s| s.to_ascii_lowercase()).collect();
    let named = |i: usize, name: &str| lower.get(i).is_some_and(|s| s == name);
    if !named(0, "workflows") {
        return Err("This Microsoft Graph URL is not of a workflow or a run (it should go on with /workflows/{id}).".to_string());
    }
    let Some(wf) = rest.get(1) else {
        return Err(
            "This Microsoft Graph URL is the workflow list: paste the URL of one workflow or run."
                .to_string(),
        );
    };
    let wf = id(wf, "workflow")?;
    let run = match rest.get(3) {
        Some(run) if named(2, "runs") && !run.starts_with("summary(") => id(run, "run")?,
        _ => return Ok(plain(Target::Workflow { wf })),
    };
    match rest.get(5) {
        Some(upr) if named(4, "userprocessingresults") || named(4, "subjectprocessingresults") => {
            Ok(plain(Target::UserResult {
                wf,
                run,
                upr: id(upr, "user result")?,
            }))
        }
        _ => Ok(plain(Target::Run { wf, run })),
    }
}

/// An admin center link's fragment: `…/workflowId/{id}[/…]`.
fn admin_center(fragment: &str) -> Result<Opened, String> {
    let segments: Vec<&str> = fragment.split('/').collect();
    let at = segments
        .iter()
        .position(|s| s.eq_ignore_ascii_case("workflowid"));
    match at.and_then(|i| segments.get(i + 1)) {
        Some(wf) => Ok(plain(Target::Workflow {
            wf: id(&percent_decode(wf), "workflow")?,
        })),
        None => Err("This Entra admin center link names no workflow (it has no workflowId): open the workflow there and copy the address again.".to_string()),
    }
}

/// The path of an absolute URL (after its host), or the text itself.
fn path_of(url: &str) -> &str {
    match url.split_once("://") {
        Some((_, rest)) => rest.find('/').and_then(|i| rest.get(i..)).unwrap_or(""),
        None => url,
    }
}

/// `text` as an id of `what`, lowercased; `Err` when it is no GUID.
fn id(text: &str, what: &str) -> Result<String, String> {
    if is_guid(text) {
        Ok(lower(text))
    } else {
        Err(format!(
            "“{}” is not a {what} id: ids are GUIDs such as {EXAMPLE_ID}.",
            shortened(text)
        ))
    }
}

fn unknown_link() -> String {
    "This link is not of a workflow or a run: it should name /workflows/{id}/runs, a run or a user result.".to_string()
}

/// `8-4-4-4-12` hexadecimal digits.
pub(crate) fn is_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

fn lower(text: &str) -> String {
    text.to_ascii_lowercase()
}

/// At most 60 characters of what was pasted, for a message.
fn shortened(text: &str) -> String {
    let mut cut: String = text.chars().take(60).collect();
    if text.chars().count() > 60 {
        cut.push('…');
    }
    cut
}

/// Decodes `%XX` escapes; a malformed escape stays as it is.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(decoded)) => {
                out.push(decoded);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const WF: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";
    const RUN: &str = "6c6d9550-4adc-117f-b307-ee188d511d67";
    const UPR: &str = "b74f0fae-b1f3-4c96-9bf0-d4d8a8e37cbe";

    fn link(text: &str) -> String {
        parse(text)
            .map(|o| o.link())
            .unwrap_or_else(|e| format!("ERR {e}"))
    }

    #[test]
    fn a_bare_workflow_id_opens_its_runs() {
        assert_eq!(link(WF), format!("/workflows/{WF}/runs"));
        assert_eq!(
            link(&format!("  {}\n", WF.to_uppercase())),
            format!("/workflows/{WF}/runs")
        );
    }

    #[test]
    fn a_viewer_link_opens_the_same_screen_with_its_filters_with_or_without_a_sub_path() {
        for host in [
            "https://viewer.contoso.com",
            "https://admin.contoso.com/lifecycle",
            "http://127.0.0.1:8080",
            "",
        ] {
            assert_eq!(
                link(&format!(
                    "{host}/workflows/{WF}/runs?range=90d&status=failed"
                )),
                format!("/workflows/{WF}/runs?range=90d&status=failed"),
                "{host}"
            );
            assert_eq!(
                link(&format!("{host}/workflows/{WF}/runs/{RUN}")),
                format!("/workflows/{WF}/runs/{RUN}")
            );
            assert_eq!(
                link(&format!(
                    "{host}/workflows/{WF}/runs/{RUN}/users/{UPR}?tab=tasks"
                )),
                format!("/workflows/{WF}/runs/{RUN}/users/{UPR}?tab=tasks")
            );
        }
        assert_eq!(
            link(&format!("workflows/{WF}")),
            format!("/workflows/{WF}/runs")
        );
    }

    #[test]
    fn a_graph_url_of_a_workflow_run_or_result_in_v1_or_beta_opens_it() {
        for version in ["v1.0", "beta"] {
            let base = format!("https://graph.microsoft.com/{version}/identityGovernance/lifecycleWorkflows/workflows/{WF}");
            assert_eq!(link(&base), format!("/workflows/{WF}/runs"), "{version}");
            assert_eq!(
                link(&format!("{base}/runs?$filter=x")),
                format!("/workflows/{WF}/runs")
            );
            assert_eq!(
                link(&format!("{base}/runs/{RUN}")),
                format!("/workflows/{WF}/runs/{RUN}")
            );
            assert_eq!(
                link(&format!(
                    "{base}/runs/{RUN}/userProcessingResults/{UPR}/taskProcessingResults"
                )),
                format!("/workflows/{WF}/runs/{RUN}/users/{UPR}")
            );
            assert_eq!(
                link(&format!("{base}/runs/summary(startDateTime=2026-01-01T00:00:00Z,endDateTime=2026-01-02T00:00:00Z)")),
                format!("/workflows/{WF}/runs")
            );
        }
        // A national cloud or the emulator, and without the host.
        assert_eq!(
            link(&format!("http://127.0.0.1:8081/v1.0/identityGovernance/LifecycleWorkflows/workflows/{WF}/runs/{RUN}")),
            format!("/workflows/{WF}/runs/{RUN}")
        );
        assert_eq!(
            link(&format!(
                "/identityGovernance/lifecycleWorkflows/workflows/{WF}"
            )),
            format!("/workflows/{WF}/runs")
        );
    }

    #[test]
    fn an_entra_admin_center_workflow_link_opens_the_workflow() {
        let url = format!("https://entra.microsoft.com/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/overview/workflowId/{WF}/workflowName/Onboard%20new%20hire");
        assert_eq!(link(&url), format!("/workflows/{WF}/runs"));
        let history = format!("https://entra.microsoft.us/#view/Microsoft_AAD_LifecycleManagement/DetailedWorkflowMenuBlade/~/workflowHistory/workflowId/{WF}");
        assert_eq!(link(&history), format!("/workflows/{WF}/runs"));
        // The viewer's own admin center links read back.
        let own =
            crate::auth::admin_center::workflow_page(&crate::auth::Cloud::Global, WF, Some("x"));
        assert_eq!(link(&own), format!("/workflows/{WF}/runs"));
    }

    #[test]
    fn garbage_gets_a_clear_message() {
        assert!(link("").contains("Enter a workflow id"));
        assert!(
            link("hello").contains("“hello” is neither a workflow id"),
            "{}",
            link("hello")
        );
        assert!(link("14879e66-9ea9-48d0-804d").contains("neither a workflow id"));
        assert!(link("https://viewer.contoso.com/workflows/not-a-guid/runs")
            .contains("“not-a-guid” is not a workflow id"));
        assert!(link(&format!(
            "https://viewer.contoso.com/workflows/{WF}/runs/zzz"
        ))
        .contains("“zzz” is not a run id"));
        assert!(link(&format!(
            "https://viewer.contoso.com/workflows/{WF}/settings"
        ))
        .contains("not of a workflow or a run"));
        assert!(link(
            "https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/workflows"
        )
        .contains("the workflow list"));
        assert!(link(
            "https://graph.microsoft.com/v1.0/identityGovernance/lifecycleWorkflows/insights/x"
        )
        .contains("not of a workflow or a run"));
        assert!(link("https://entra.microsoft.com/#view/Microsoft_AAD_LifecycleManagement/CommonMenuBlade/~/overview").contains("names no workflow"));
        assert!(link("https://entra.microsoft.com/#view/x/workflowId/")
            .contains("is not a workflow id"));
        let long = "x".repeat(500);
        assert!(link(&long).chars().count() < 300);
        // Hostile text never becomes a path outside the viewer's routes.
        assert!(link("javascript:alert(1)").starts_with("ERR "));
        assert!(link(&format!("/workflows/{WF}/runs/..%2F..%2Fsign-in")).starts_with("ERR "));
    }

    #[test]
    fn guids_are_exactly_8_4_4_4_12_hex_digits() {
        assert!(is_guid(WF));
        assert!(!is_guid(&format!("{WF}0")));
        assert!(!is_guid("g4879e66-9ea9-48d0-804d-8fea672d0341"));
        assert!(!is_guid("14879e669ea948d0804d8fea672d0341"));
    }
}
