//! One table cell, typed: every [`Cell`] kind is shown one way everywhere
//! (plain text, ids, counts, local times with UTC tooltips, durations in
//! words, status badges, users with their UPN). [`CellDisplay`] is what a
//! cell shows as plain values, so pooled rows update text and attributes in
//! place instead of rebuilding markup.

use super::status_badge::{badge_info, tone_class, BadgeValue};
use super::time::{local_text, utc_text};
use crate::format;
use crate::model::Cell;
use leptos::prelude::*;

/// What a cell shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CellDisplay {
    /// The main text ("—" when the value is missing).
    pub text: String,
    /// A second line (a user's UPN).
    pub sub: Option<String>,
    /// Tooltip: the UTC time, a status's meaning, a long text in full.
    pub title: Option<String>,
    /// Classes of the value's element (badge tone, `mono`, `muted`).
    pub class: String,
    /// A symbol before the text (badges), hidden from screen readers.
    pub icon: Option<&'static str>,
    /// The raw wire value (badges), as `data-value`.
    pub value: Option<String>,
}

impl CellDisplay {
    /// How `cell` is shown.
    pub fn of(cell: &Cell<'_>) -> CellDisplay {
        match cell {
            Cell::Text(text) => text_display(text, ""),
            Cell::Id(id) => text_display(id, "mono"),
            Cell::Count(n) => plain(format::count(*n), n.is_none()),
            Cell::Time(at) => match at {
                Some(at) => CellDisplay {
                    text: local_text(*at),
                    title: Some(utc_text(*at)),
                    ..CellDisplay::default()
                },
                None => plain("—".into(), true),
            },
            Cell::Duration(d) => plain(format::opt_duration(*d), d.is_none()),
            Cell::Flag(b) => plain(
                match b {
                    Some(true) => "Yes",
                    Some(false) => "No",
                    None => "—",
                }
                .into(),
                b.is_none(),
            ),
            Cell::Status(status, level) => badge(&BadgeValue::Processing(
                status.as_ref().map(|s| s.clone().into_owned()),
                *level,
            )),
            Cell::Execution(exec) => badge(&BadgeValue::Execution(
                exec.as_ref().map(|e| e.clone().into_owned()),
            )),
            Cell::User { id, name, upn } => CellDisplay {
                text: match name {
                    Some(name) if !name.is_empty() => name.to_string(),
                    _ if !id.is_empty() => id.to_string(),
                    _ => "—".into(),
                },
                sub: upn.as_ref().map(|u| u.to_string()),
                ..CellDisplay::default()
            },
        }
    }
}

fn plain(text: String, missing: bool) -> CellDisplay {
    CellDisplay {
        text,
        class: if missing {
            "muted".into()
        } else {
            String::new()
        },
        ..CellDisplay::default()
    }
}

fn text_display(text: &str, class: &str) -> CellDisplay {
    if text.is_empty() {
        return plain("—".into(), true);
    }
    CellDisplay {
        text: text.to_string(),
        title: Some(text.to_string()),
        class: class.to_string(),
        ..CellDisplay::default()
    }
}

fn badge(value: &BadgeValue) -> CellDisplay {
    let info = badge_info(value);
    CellDisplay {
        text: info.label,
        title: Some(info.tooltip),
        class: tone_class(info.tone),
        icon: Some(info.icon),
        value: Some(value.wire()),
        ..CellDisplay::default()
    }
}

/// The content of one cell, updated in place; the main text is a link when
/// `href` is given (with `link_label` as its accessible name when set).
#[component]
pub fn LiveCell(
    /// What the cell shows.
    #[prop(into)]
    display: Signal<CellDisplay>,
    /// Where the main text links to, if anywhere.
    #[prop(optional, into)]
    href: Option<Signal<String>>,
    /// Accessible name of the link (defaults to its text).
    #[prop(optional, into)]
    link_label: Option<Signal<String>>,
    /// Long text shown shortened: the cell takes keyboard focus and shows
    /// the whole text on focus and on hover (its title).
    #[prop(optional)]
    expandable: bool,
) -> impl IntoView {
    // One copy of the display per change (the parts below read it in
    // place), and none of them runs when the cell shows the same as before
    // (a row element reused for a row with the same value here).
    let display = Memo::new(move |_| display.get());
    let with = move |f: fn(&CellDisplay) -> Option<String>| move || display.with(f);
    let full = move || {
        if expandable {
            display.with(|d| d.title.clone())
        } else {
            None
        }
    };
    // Only an expandable cell has the parts that depend on its full text:
    // the others do without their reactive nodes (a row element updates
    // every cell on each scrolled frame).
    let tabindex = expandable.then_some(move || full().map(|_| "0"));
    let full_part = expandable.then_some(move || {
        full().map(|f| view! { <span class="cell-full" aria-hidden="true">{f}</span> })
    });
    let main = view! {
        <span
            class=move || {
                let class = display.with(|d| d.class.clone());
                if full().is_some() { format!("{class} cell-expand") } else { class }
            }
            title=with(|d| d.title.clone())
            data-value=with(|d| d.value.clone())
            tabindex=tabindex
        >
            {move || display.with(|d| d.icon).map(|i| view! { <span class="badge-icon" aria-hidden="true">{i}</span> })}
            <bdi class="cell-main">{move || display.with(|d| d.text.clone())}</bdi>
            {full_part}
        </span>
    };
    let main = match href {
        Some(href) => view! {
            <a href=href aria-label=move || link_label.map(|l| l.get()).filter(|l| !l.is_empty())>{main}</a>
        }
        .into_any(),
        None => main.into_any(),
    };
    view! {
        {main}
        {move || display.with(|d| d.sub.clone()).map(|s| view! { <bdi class="cell-sub">{s}</bdi> })}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Level, ProcessingStatus};
    use std::borrow::Cow;

    #[test]
    fn every_kind_has_words_and_missing_values_are_dashes() {
        assert_eq!(CellDisplay::of(&Cell::Count(None)).text, "—");
        assert_eq!(CellDisplay::of(&Cell::Count(Some(1234))).text, "1,234");
        assert_eq!(CellDisplay::of(&Cell::Text(Cow::Borrowed(""))).text, "—");
        assert_eq!(CellDisplay::of(&Cell::Flag(Some(true))).text, "Yes");
        let failed = CellDisplay::of(&Cell::Status(
            Some(Cow::Owned(ProcessingStatus::Failed)),
            Level::User,
        ));
        assert_eq!(failed.text, "Failed");
        assert_eq!(failed.value.as_deref(), Some("failed"));
        assert!(failed.class.contains("badge-danger"));
        let user = CellDisplay::of(&Cell::User {
            id: Cow::Borrowed("u1"),
            name: None,
            upn: Some(Cow::Borrowed("a@b")),
        });
        assert_eq!(
            (user.text.as_str(), user.sub.as_deref()),
            ("u1", Some("a@b"))
        );
    }
}
