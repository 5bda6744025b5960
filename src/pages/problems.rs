//! Values in a link that a screen could not read: said in the page, then
//! dropped from the URL (a list keeps the items it could read; the history
//! entry is replaced), so the admin knows the view differs from what the
//! link asked for.

use crate::app::url::query::QueryProblem;
use crate::app::url::writer::QueryWriter;
use leptos::prelude::*;

/// A warning listing the link's unreadable values; they leave the URL.
#[component]
pub fn QueryProblems(
    /// The problems of the current query string.
    problems: Signal<Vec<QueryProblem>>,
    /// The screen's URL writer.
    writer: QueryWriter,
) -> impl IntoView {
    let reported = RwSignal::new(Vec::<QueryProblem>::new());
    Effect::new(move |_| {
        let found = problems.get();
        if found.is_empty() {
            return;
        }
        let mut updates: Vec<(&str, Option<String>)> = Vec::new();
        for p in &found {
            if !updates.iter().any(|(k, _)| *k == p.key) {
                updates.push((p.key, p.keep.clone()));
            }
        }
        reported.set(found);
        writer.set(&updates, true);
    });
    move || {
        let list = reported.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="banner banner-warning" role="alert">
                    <ul class="banner-message">
                        {list.into_iter().map(|p| view! { <li>{p.message()}</li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
