//! The workflows list: name, category, enabled and scheduling state (with
//! the "enabled but scheduling off" trap flagged), version, last modified,
//! next scheduled run and quarantine; a search box kept in the URL.

use super::loaded::loaded;
use crate::app::api;
use crate::app::base::app_href;
use crate::app::page_title::set_title;
use crate::app::query::paths;
use crate::app::resource::screen_resource;
use crate::app::session::SessionContext;
use crate::app::url_nav::QueryWriter;
use crate::components::feedback::{EmptyState, SkeletonRows};
use crate::components::quarantine::QuarantineNotice;
use crate::components::time::Time;
use crate::components::time::TimeZoneNote;
use crate::model::{Workflow, WorkflowCategory};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use leptos_router::params::ParamsMap;

/// The workflows screen's URL state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WorkflowsQuery {
    /// Search over name, description, category and id.
    pub q: String,
}

impl WorkflowsQuery {
    /// Reads the query string (every value of `q` is valid).
    pub fn parse(map: &ParamsMap) -> Self {
        WorkflowsQuery {
            q: map.get("q").unwrap_or_default(),
        }
    }
}

/// Workflows whose name, description, category or id contains `q`.
pub fn matching(workflows: &[Workflow], q: &str) -> Vec<Workflow> {
    let needle = q.trim().to_lowercase();
    let mut out: Vec<Workflow> = workflows
        .iter()
        .filter(|w| {
            needle.is_empty()
                || w.name().to_lowercase().contains(&needle)
                || w.id.to_lowercase().contains(&needle)
                || w.description
                    .as_deref()
                    .unwrap_or_default()
                    .to_lowercase()
                    .contains(&needle)
                || w.category
                    .as_ref()
                    .is_some_and(|c| c.as_str().to_lowercase().contains(&needle))
        })
        .cloned()
        .collect();
    out.sort_by_key(|w| w.name().to_lowercase());
    out
}

/// The workflows screen.
#[component]
pub fn WorkflowsPage() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let data = screen_resource(move || api::workflows(session));
    set_title(&["Workflows"]);
    let map = use_query_map();
    let query = Memo::new(move |_| map.with(WorkflowsQuery::parse));
    let writer = QueryWriter::new();
    let on_search = move |ev| writer.set(&[("q", Some(event_target_value(&ev)))], true);
    let content = move |all: Vec<Workflow>| {
        move || {
            let rows = matching(&all, &query.get().q);
            if all.is_empty() {
                view! { <EmptyState title="No workflows" hint="This tenant has no lifecycle workflows, or the token cannot list them." /> }.into_any()
            } else if rows.is_empty() {
                view! { <EmptyState title="No workflow matches the search" hint="Clear or change the search text." /> }.into_any()
            } else {
                view! {
                    <p class="count-line">{format!("{} of {} workflows", rows.len(), all.len())}</p>
                    <WorkflowTable rows loading=false />
                }
                .into_any()
            }
        }
    };
    view! {
        <h1>"Workflows"</h1>
        <div class="toolbar">
            <div class="field search">
                <label for="wf-search">"Search workflows"</label>
                <input
                    id="wf-search"
                    type="search"
                    placeholder="Name, category or id"
                    prop:value=move || query.get().q
                    on:input=on_search
                />
            </div>
        </div>
        {loaded(data, 4, content)}
    }
}
/// The table of workflows.
#[component]
fn WorkflowTable(rows: Vec<Workflow>, loading: bool) -> impl IntoView {
    view! {
        <TimeZoneNote />
        <div class="table-wrap">
            <table class="data">
                <caption class="sr-only">"Lifecycle workflows"</caption>
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Category"</th>
                        <th scope="col">"State"</th>
                        <th scope="col" class="num">"Version"</th>
                        <th scope="col">"Last modified"</th>
                        <th scope="col">"Next scheduled run"</th>
                        <th scope="col">"Quarantine"</th>
                    </tr>
                </thead>
                <tbody>
                    {loading.then(|| view! { <SkeletonRows columns=7 /> })}
                    {rows.into_iter().map(|w| view! { <WorkflowRow w /> }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// One workflow row.
#[component]
fn WorkflowRow(w: Workflow) -> impl IntoView {
    let href = app_href(&paths::runs(&w.id));
    let name = w.name().to_string();
    let quarantine = w.quarantine().cloned();
    view! {
        <tr>
            <th scope="row"><A href=href>{name}</A></th>
            <td><CategoryBadge category=w.category.clone() /></td>
            <td><SchedulingState enabled=w.is_enabled scheduling=w.is_scheduling_enabled /></td>
            <td class="num">{w.version.map(|v| v.to_string()).unwrap_or_else(|| "—".into())}</td>
            <td><Time at=w.last_modified_date_time /></td>
            <td><Time at=w.next_schedule_run_date_time /></td>
            <td>
                {match quarantine {
                    Some(details) => view! { <QuarantineNotice details /> }.into_any(),
                    None => view! { <span class="muted">"No"</span> }.into_any(),
                }}
            </td>
        </tr>
    }
}

/// Joiner / mover / leaver / other badge.
#[component]
pub fn CategoryBadge(category: Option<WorkflowCategory>) -> impl IntoView {
    let (label, icon, class) = match &category {
        Some(WorkflowCategory::Joiner) => ("Joiner".to_string(), "+", "badge badge-success"),
        Some(WorkflowCategory::Mover) => ("Mover".to_string(), "⇄", "badge badge-info"),
        Some(WorkflowCategory::Leaver) => ("Leaver".to_string(), "−", "badge badge-warning"),
        Some(other) => (other.label().to_string(), "•", "badge badge-neutral"),
        None => ("—".to_string(), "•", "badge badge-neutral"),
    };
    view! {
        <span class=class title="Workflow category"><span aria-hidden="true">{icon}</span>{label}</span>
    }
}

/// Enabled / scheduling state, flagging "enabled but scheduling off".
#[component]
fn SchedulingState(enabled: Option<bool>, scheduling: Option<bool>) -> impl IntoView {
    match (enabled, scheduling) {
        (Some(true), Some(false)) => view! {
            <span class="badge badge-warning" title="The workflow is enabled but its schedule is off: it only runs on demand and will not process new users by itself.">
                <span aria-hidden="true">"⚠"</span>"Enabled, scheduling off"
            </span>
        }.into_any(),
        (Some(true), Some(true)) => view! {
            <span class="badge badge-success" title="Enabled and running on its schedule.">
                <span aria-hidden="true">"✓"</span>"Enabled, scheduled"
            </span>
        }.into_any(),
        (Some(false), _) => view! {
            <span class="badge badge-neutral" title="Disabled: neither scheduled nor on-demand runs are possible.">
                <span aria-hidden="true">"⊘"</span>"Disabled"
            </span>
        }.into_any(),
        _ => view! { <span class="muted">"—"</span> }.into_any(),
    }
}
