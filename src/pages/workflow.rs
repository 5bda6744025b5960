//! The workflow screen (`workflows/{id}`): the definition in an admin's
//! words: the trigger, the scope rule (one clause a line, the rule as
//! written one click away), the tasks in execution order with their
//! arguments, schedule, quarantine, who created and last changed it, and
//! links to its runs, its failures and the Entra admin center.

mod conditions;
mod query;
mod tasks;

pub(crate) use query::WorkflowQuery;

use super::admin_center::workflow_href;
use super::failures::FailuresQuery;
use super::loaded::loaded;
use super::problems::QueryProblems;
use crate::app::api;
use crate::app::browser::page_title::set_title;
use crate::app::load::resource::{screen_resource, screen_resource_with_cancel};
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::paths;
use crate::app::url::route::use_route_id;
use crate::app::url::screen_query::{use_screen_query, ScreenState};
use crate::components::admin_center_link::AdminCenterLink;
use crate::components::quarantine::QuarantineNotice;
use crate::components::time::Time;
use crate::format::definition::{quarantine_lines, yes_no};
use crate::model::{GraphUser, Workflow};
use conditions::Conditions;
use leptos::prelude::*;
use leptos_router::components::A;
use tasks::TaskList;

/// The workflow screen.
#[component]
pub(crate) fn WorkflowPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let ScreenState {
        query,
        problems,
        writer,
    } = use_screen_query::<WorkflowQuery>();
    let wf = use_route_id(|r| &r.wf);
    let workflow = screen_resource(move || api::workflow_definition(session, wf.get()));
    // Names for the tasks; without the permission the tasks' own names stay.
    let definitions =
        screen_resource_with_cancel(move |cancel| api::task_definitions(session, cancel));
    let wf_name = move || match workflow.get() {
        Some(Ok(w)) => w.name().to_string(),
        _ => wf.get(),
    };
    Effect::new(move |_| set_title(&[&format!("Workflow {}", wf_name())]));
    let failures_href = move || {
        let q = FailuresQuery {
            workflow: wf.get(),
            ..FailuresQuery::default()
        };
        app_href(&q.path())
    };
    view! {
        <nav class="breadcrumbs" aria-label="Breadcrumb">
            <ol>
                <li><A exact=true href=app_href("/workflows")>"Workflows"</A></li>
                <li aria-current="page">{wf_name}</li>
            </ol>
        </nav>
        <div class="page-head">
            <h1>{wf_name}</h1>
            <AdminCenterLink
                href=Signal::derive(move || workflow_href(session, &wf.get(), &wf_name()))
                hint="The workflow's page there: edit, configure, its Workflow history"
            />
        </div>
        <nav class="fix-links" aria-label="This workflow">
            <A href=move || app_href(&paths::runs(&wf.get()))>"Runs"</A>
            <span aria-hidden="true">"·"</span>
            <A href=failures_href>"Failures of this workflow"</A>
        </nav>
        <QueryProblems problems writer />
        {loaded(workflow, 6, move |w: Workflow| {
            view! {
                <Overview workflow=w.clone() />
                <Conditions workflow=w.clone() query writer />
                <TaskList workflow=w.clone() definitions />
                <Quarantine workflow=w.clone() />
                <History workflow=w />
            }
        })}
    }
}

/// Description, category, enabled, schedule and version.
#[component]
fn Overview(workflow: Workflow) -> impl IntoView {
    let w = workflow;
    let category = w
        .category
        .as_ref()
        .map(|c| c.label().to_string())
        .unwrap_or_else(|| crate::format::MISSING.into());
    let version = w
        .version
        .map(|v| v.to_string())
        .unwrap_or_else(|| crate::format::MISSING.into());
    view! {
        {w.description.clone().map(|d| view! { <p class="workflow-description">{d}</p> })}
        <dl class="facts" aria-label="Workflow">
            <div><dt>"Category"</dt><dd>{category}</dd></div>
            <div><dt>"Enabled"</dt><dd>{yes_no(w.is_enabled)}</dd></div>
            <div><dt>"Scheduled runs"</dt><dd>{yes_no(w.is_scheduling_enabled)}</dd></div>
            <div><dt>"Next scheduled run"</dt><dd><Time at=w.next_schedule_run_date_time /></dd></div>
            <div><dt>"Version"</dt><dd>{version}</dd></div>
        </dl>
    }
}

/// The quarantine configuration and the quarantine in force.
#[component]
fn Quarantine(workflow: Workflow) -> impl IntoView {
    let config = workflow
        .settings
        .as_ref()
        .and_then(|s| s.quarantine_configuration.clone());
    let configured = match config {
        Some(q) => {
            let (heading, lines) = quarantine_lines(&q);
            view! {
                <p>{heading}</p>
                <ul aria-label="Quarantine conditions">
                    {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                </ul>
            }
            .into_any()
        }
        None => view! { <p class="muted">"No quarantine configuration on this workflow (the tenant's settings apply)."</p> }.into_any(),
    };
    let now = match workflow.quarantine().cloned() {
        Some(details) => view! { <QuarantineNotice details /> }.into_any(),
        None => view! { <p>"Not quarantined now."</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="wf-quarantine">
            <h2 id="wf-quarantine">"Quarantine"</h2>
            {configured}
            {now}
        </section>
    }
}

/// "Alex Wilber (alex@contoso)" / the id / "—" when Graph names no one.
fn who(user: Option<&GraphUser>) -> String {
    match user {
        None => crate::format::MISSING.into(),
        Some(u) => match (&u.display_name, &u.user_principal_name) {
            (Some(name), Some(upn)) if name != upn => format!("{name} ({upn})"),
            _ => u.name().to_string(),
        },
    }
}

/// Created and last modified: when and by whom.
#[component]
fn History(workflow: Workflow) -> impl IntoView {
    let w = workflow;
    view! {
        <section aria-labelledby="wf-history">
            <h2 id="wf-history">"Created and changed"</h2>
            <dl class="facts" aria-label="Created and changed">
                <div><dt>"Created"</dt><dd><Time at=w.created_date_time /></dd></div>
                <div><dt>"Created by"</dt><dd>{who(w.created_by.as_ref())}</dd></div>
                <div><dt>"Last modified"</dt><dd><Time at=w.last_modified_date_time /></dd></div>
                <div><dt>"Last modified by"</dt><dd>{who(w.last_modified_by.as_ref())}</dd></div>
                <div><dt>"Workflow ID"</dt><dd class="mono">{w.id.clone()}</dd></div>
            </dl>
        </section>
    }
}
