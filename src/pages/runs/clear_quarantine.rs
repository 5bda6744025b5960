//! "Clear quarantine" beside a quarantined workflow's notice (which shows
//! why: Graph's `quarantineDetails`): the dialog repeats the reason, then
//! one `clearQuarantine`; the workflow is loaded again after it.

use crate::app::api;
use crate::app::session::context::SessionContext;
use crate::auth::permissions::WriteAction;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::model::QuarantineDetails;
use leptos::prelude::*;

/// The button (disabled with the reason when the token can't) and its dialog.
#[component]
pub(crate) fn ClearQuarantine(
    wf: Memo<String>,
    wf_name: Signal<String>,
    details: QuarantineDetails,
    /// The quarantine was cleared: load the workflow again.
    on_cleared: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let open = RwSignal::new(false);
    let denied = Memo::new(move |_| api::write_denied(session, WriteAction::ClearQuarantine));
    let reason = StoredValue::new(
        details
            .quarantine_reason
            .clone()
            .unwrap_or_else(|| "Graph gives no reason.".to_string()),
    );
    // One `clearQuarantine`; on success the dialog closes and the workflow
    // is loaded again, else the action's value is the error to show.
    let clear = Action::new_local(move |wf_id: &String| {
        let wf_id = wf_id.clone();
        async move {
            match api::clear_quarantine(session, wf_id).await {
                Ok(_) => {
                    open.try_set(false);
                    on_cleared.run(());
                    Ok(())
                }
                Err(e) => Err(api::write_error_text(WriteAction::ClearQuarantine, &e)),
            }
        }
    });
    let on_confirm = Callback::new(move |_| {
        clear.dispatch(wf.get_untracked());
    });
    let (busy, outcome) = (clear.pending(), clear.value());
    let error = Signal::derive(move || outcome.get().and_then(Result::err));
    view! {
        <span class="write-action">
            <button type="button" class="btn" disabled=move || denied.with(Option::is_some)
                title=move || denied.get().unwrap_or_default()
                on:click=move |_| { clear.clear(); open.set(true) }>"Clear quarantine"</button>
            {move || denied.get().map(|why| view! { <span class="write-denied">{why}</span> })}
        </span>
        <Show when=move || open.get()>
            <ConfirmDialog title=format!("Clear the quarantine of {}?", wf_name.get_untracked()) confirm="Clear quarantine".to_string()
                on_confirm on_close=Callback::new(move |_| open.set(false))
                busy=busy.into() error>
                <p>"Graph quarantined it because: " <strong>{reason.get_value()}</strong></p>
                <p>"Clearing lets the workflow run again on its schedule and on demand. Fix the cause first, or it may be quarantined again."</p>
            </ConfirmDialog>
        </Show>
    }
}
