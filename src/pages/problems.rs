//! Values in a link that a screen could not read: said in the page, then
//! dropped from the URL (the history entry is replaced), so the admin
//! knows the view differs from what the link asked for.

use crate::app::query::QueryProblem;
use crate::app::url_nav::QueryWriter;
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
        let mut keys: Vec<&'static str> = found.iter().map(|p| p.key).collect();
        keys.dedup();
        reported.set(found);
        writer.drop_keys(&keys);
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
