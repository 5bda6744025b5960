//! Summary cards above a table (total, successful, failed, ...): each says
//! what it counts, and a card that is also a filter is a toggle button
//! (pressed while its filter is the one in force) with a visible "Filter"
//! cue; beside filter cards, a card that is not one looks flat (no fill,
//! dashed edge), so it does not pass for a button.

use crate::model::Tone;
use leptos::prelude::*;

/// One card: a label, a number (or "—"), its tone and what it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// What is counted.
    pub label: &'static str,
    /// The count, `None` for unknown.
    pub value: Option<i64>,
    /// Colour family of the number.
    pub tone: Tone,
    /// What the count is, in Graph's terms (shown under the label).
    pub counts: &'static str,
    /// `Some(pressed)` when the card is a filter; `None` for a plain card.
    pub filter: Option<bool>,
}

/// A row of summary cards; pressing a filter card calls `on_pick` with
/// its index.
#[component]
pub fn SummaryCards(
    /// Accessible name of the group.
    #[prop(into)]
    label: String,
    /// Cards to show.
    cards: Vec<Card>,
    /// Called with the index of the filter card pressed.
    #[prop(optional)]
    on_pick: Option<Callback<usize>>,
) -> impl IntoView {
    view! {
        <ul class="cards" aria-label=label>
            {cards
                .into_iter()
                .enumerate()
                .map(|(i, c)| {
                    let value = c
                        .value
                        .map(|v| crate::format::thousands(v.max(0) as u64))
                        .unwrap_or_else(|| "—".into());
                    let class = format!("card card-{}", c.tone.as_str());
                    let body = view! {
                        <span class="card-value">{value}</span>
                        <span class="card-label">{c.label}</span>
                        <span class="card-counts">{c.counts}</span>
                    };
                    match (c.filter, on_pick) {
                        (Some(pressed), Some(pick)) => view! {
                            <li class=class>
                                <button type="button" class="card-button" aria-pressed=pressed.to_string()
                                    on:click=move |_| pick.run(i)>
                                    {body}
                                    <span class="card-cue" aria-hidden="true">{if pressed { "Filter on" } else { "Filter" }}</span>
                                </button>
                            </li>
                        }
                        .into_any(),
                        (None, Some(_)) => view! { <li class=format!("{class} card-static")>{body}</li> }.into_any(),
                        _ => view! { <li class=class>{body}</li> }.into_any(),
                    }
                })
                .collect_view()}
        </ul>
    }
}
