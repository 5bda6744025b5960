//! Summary cards above a table (total, successful, failed, ...).

use crate::model::Tone;
use leptos::prelude::*;

/// One card: a label, a number (or "—") and its tone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Card {
    /// What is counted.
    pub label: &'static str,
    /// The count, `None` for unknown.
    pub value: Option<i64>,
    /// Colour family of the number.
    pub tone: Tone,
}

/// A row of summary cards.
#[component]
pub fn SummaryCards(
    /// Accessible name of the group.
    #[prop(into)]
    label: String,
    /// Cards to show.
    cards: Vec<Card>,
) -> impl IntoView {
    view! {
        <ul class="cards" aria-label=label>
            {cards
                .into_iter()
                .map(|c| {
                    let value = c
                        .value
                        .map(|v| crate::format::thousands(v.max(0) as u64))
                        .unwrap_or_else(|| "—".into());
                    view! {
                        <li class=format!("card card-{}", c.tone.as_str())>
                            <span class="card-value">{value}</span>
                            <span class="card-label">{c.label}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}
