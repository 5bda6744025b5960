//! A modal confirmation for a change in the tenant: what will happen (the
//! children), one confirm button that fires its callback at most once per
//! opening (a double click or Enter held down sends nothing more), the
//! error when the change failed, Escape or Close to leave.

use leptos::prelude::*;

/// The dialog; `on_confirm` runs once, `busy` disables it while sending.
#[component]
pub fn ConfirmDialog(
    /// The heading, also the dialog's name.
    title: String,
    /// The confirm button's words, e.g. "Cancel the run".
    confirm: String,
    on_confirm: Callback<()>,
    on_close: Callback<()>,
    busy: Signal<bool>,
    error: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let fired = StoredValue::new(false);
    let fire = move || {
        if fired.get_value() {
            return;
        }
        fired.set_value(true);
        on_confirm.run(());
    };
    let close = move || {
        if !busy.get_untracked() {
            on_close.run(());
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="confirm-title" on:keydown=on_key>
                <h2 id="confirm-title">{title}</h2>
                {children()}
                {move || error.get().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
                <div class="dialog-actions">
                    <button type="button" class="btn" disabled=busy on:click=move |_| close()>"Close"</button>
                    <button type="button" class="btn btn-primary" disabled=move || busy.get() || error.with(Option::is_some)
                        on:click=move |_| fire()>
                        {move || if busy.get() { "Sending…".to_string() } else { confirm.clone() }}
                    </button>
                </div>
            </div>
        </div>
    }
}
