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
pub fn ClearQuarantine(
    wf: Memo<String>,
    wf_name: Signal<String>,
    details: QuarantineDetails,
    /// The quarantine was cleared: load the workflow again.
    on_cleared: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let open = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let denied = Memo::new(move |_| api::write_denied(session, WriteAction::ClearQuarantine));
    let reason = StoredValue::new(
        details
            .quarantine_reason
            .clone()
            .unwrap_or_else(|| "Graph gives no reason.".to_string()),
    );
    let on_confirm = Callback::new(move |_| {
        busy.set(true);
        let w = wf.get_untracked();
        leptos::task::spawn_local(async move {
            let result = api::clear_quarantine(session, w).await;
            busy.try_set(false);
            match result {
                Ok(_) => {
                    open.try_set(false);
                    on_cleared.run(());
                }
                Err(e) => {
                    error.try_set(Some(api::write_error_text(
                        WriteAction::ClearQuarantine,
                        &e,
                    )));
                }
            }
        });
    });
    view! {
        <span class="write-action">
            <button type="button" class="btn" disabled=move || denied.with(Option::is_some)
                title=move || denied.get().unwrap_or_default()
                on:click=move |_| { error.set(None); open.set(true) }>"Clear quarantine"</button>
            {move || denied.get().map(|why| view! { <span class="write-denied">{why}</span> })}
        </span>
        <Show when=move || open.get()>
            <ConfirmDialog title=format!("Clear the quarantine of {}?", wf_name.get_untracked()) confirm="Clear quarantine".to_string()
                on_confirm on_close=Callback::new(move |_| open.set(false))
                busy=busy.into() error=error.into()>
                <p>"Graph quarantined it because: " <strong>{reason.get_value()}</strong></p>
                <p>"Clearing lets the workflow run again on its schedule and on demand. Fix the cause first, or it may be quarantined again."</p>
            </ConfirmDialog>
        </Show>
    }
}
