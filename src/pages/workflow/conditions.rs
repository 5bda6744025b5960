//! The trigger sentence and the scope: the rule one clause a line, or as
//! written (`rule=raw`), and an unknown shape shown as the JSON Graph sent.

use super::query::{RuleView, WorkflowQuery};
use crate::app::url::screen_query::ScreenWriter;
use crate::format::definition::{raw_rule, scope_lines, trigger_words};
use crate::model::definition::ExecutionConditions;
use crate::model::Workflow;
use leptos::prelude::*;

/// The raw JSON of conditions the viewer cannot read, pretty-printed.
fn unknown_json(c: &ExecutionConditions) -> Option<String> {
    match c {
        ExecutionConditions::Unknown(v) if !v.is_null() => serde_json::to_string_pretty(v).ok(),
        _ => None,
    }
}

/// When the workflow runs and for whom.
#[component]
pub(super) fn Conditions(
    workflow: Workflow,
    query: Memo<WorkflowQuery>,
    writer: ScreenWriter<WorkflowQuery>,
) -> impl IntoView {
    let conditions = workflow.conditions();
    let trigger = trigger_words(&conditions);
    let lines = scope_lines(&conditions);
    let raw = raw_rule(&conditions).map(str::to_string);
    let unknown = unknown_json(&conditions);
    let has_raw = raw.is_some();
    let raw_shown = move || has_raw && query.with(|q| q.rule == RuleView::Raw);
    let toggle = move |_| {
        writer.update(|q| {
            q.rule = match q.rule {
                RuleView::Raw => RuleView::Clauses,
                RuleView::Clauses => RuleView::Raw,
            }
        })
    };
    view! {
        <section aria-labelledby="wf-trigger">
            <h2 id="wf-trigger">"When it runs"</h2>
            <p class="trigger-words" aria-label="Trigger">{trigger}</p>
            {unknown.map(|json| view! {
                <p class="muted">"The viewer does not know this shape; Graph sent:"</p>
                <pre class="raw-json">{json}</pre>
            })}
        </section>
        <section aria-labelledby="wf-scope">
            <h2 id="wf-scope">"Who it runs for"</h2>
            {move || (!raw_shown()).then(|| {
                let lines = lines.clone();
                view! {
                    <ul class="scope-clauses" aria-label="Scope">
                        {lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                    </ul>
                }
            })}
            {let raw = raw.clone(); move || raw_shown().then(|| view! {
                <pre class="scope-raw" aria-label="Scope rule as written">{raw.clone()}</pre>
            })}
            {has_raw.then(|| view! {
                <button type="button" class="btn" aria-pressed=move || raw_shown().to_string() on:click=toggle>
                    {move || if raw_shown() { "Show the rule clause by clause" } else { "Show the rule as written" }}
                </button>
            })}
        </section>
    }
}
