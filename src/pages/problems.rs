//! Values in a link that a screen could not read: said in the page, then
//! dropped from the URL by writing the parsed query back (a list keeps the
//! items it could read; the history entry is replaced), so the admin knows
//! the view differs from what the link asked for.

use crate::app::url::query::QueryProblem;
use crate::app::url::screen_query::{ScreenQuery, ScreenWriter};
use leptos::prelude::*;

/// A warning listing the link's unreadable values; they leave the URL.
#[component]
pub(crate) fn QueryProblems<Q: ScreenQuery>(
    /// The problems of the current query string.
    #[prop(into)]
    problems: Signal<Vec<QueryProblem>>,
    /// The screen's URL writer.
    writer: ScreenWriter<Q>,
) -> impl IntoView {
    let reported = RwSignal::new(Vec::<QueryProblem>::new());
    Effect::new(move |_| {
        let found = problems.get();
        if found.is_empty() {
            return;
        }
        reported.set(found);
        writer.drop_unreadable();
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
