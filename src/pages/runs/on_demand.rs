//! "Run on demand" at the head of the runs page: a dialog to find users by
//! name or UPN (results as you type, debounced), pick up to ten, confirm
//! with the workflow's name and the users listed, then one `activate`.
//! One click sends one request: the send is guarded before anything else
//! runs, so a double click, Enter held down or a slow answer never starts
//! a second run. After the 204 the new run is found and opened.

use std::time::Duration;

use crate::app::api;
use crate::app::browser::debounce::Debounced;
use crate::app::load::generation::Generation;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::paths;
use crate::auth::permissions::WriteAction;
use crate::model::GraphUser;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

/// At most this many users per on-demand run (Entra's documented limit).
pub(super) const MAX_USERS: usize = 10;
/// Fewer typed characters than this send no search.
const MIN_SEARCH: usize = 2;
const SEARCH_PAUSE: Duration = Duration::from_millis(300);

/// Where the dialog is (while the run is being started it stays at
/// `Confirm`, the start action pending).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Closed,
    Pick,
    Confirm,
}

/// How a start that Graph accepted ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Started {
    /// Graph lists the new run: it is opened.
    Opened,
    /// Graph does not list the new run yet.
    NotListedYet,
}

/// The action that starts the run: the workflow's id and the users' ids in,
/// how it went (or the error message) out.
type StartRun = Action<(String, Vec<String>), Result<Started, String>>;

/// The button (disabled with the reason when the token can't) and its dialog.
#[component]
pub(crate) fn RunOnDemand(
    wf: Memo<String>,
    wf_name: Signal<String>,
    /// Whether the workflow can run now (enabled, not quarantined), or why not.
    blocked: Signal<Option<String>>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let step = RwSignal::new(Step::Closed);
    let picked = RwSignal::new(Vec::<GraphUser>::new());
    let start = start_action(session, step);
    let denied = Memo::new(move |_| {
        api::write_denied(session, WriteAction::RunOnDemand).or_else(|| blocked.get())
    });
    let open = move |_| {
        picked.set(Vec::new());
        start.clear();
        step.set(Step::Pick);
    };
    view! {
        <span class="write-action">
            <button
                type="button"
                class="btn btn-primary"
                disabled=move || denied.with(Option::is_some)
                title=move || denied.get().unwrap_or_default()
                on:click=open
            >
                "Run on demand"
            </button>
            {move || denied.get().map(|why| view! { <span class="write-denied">{why}</span> })}
        </span>
        <Show when=move || step.get() != Step::Closed>
            <OnDemandDialog wf wf_name step picked start />
        </Show>
    }
}

/// One `activate`; on a listed run the dialog closes and the run opens.
fn start_action(session: SessionContext, step: RwSignal<Step>) -> StartRun {
    let navigate = use_navigate();
    Action::new_local(move |(wf_id, ids): &(String, Vec<String>)| {
        let (wf_id, ids) = (wf_id.clone(), ids.clone());
        let navigate = navigate.clone();
        async move {
            match api::run_on_demand(session, wf_id.clone(), ids).await {
                Ok(Some(run)) => {
                    step.try_set(Step::Closed);
                    navigate(&app_href(&paths::run(&wf_id, &run.id)), Default::default());
                    Ok(Started::Opened)
                }
                Ok(None) => Ok(Started::NotListedYet),
                Err(e) => Err(api::write_error_text(WriteAction::RunOnDemand, &e)),
            }
        }
    })
}

/// The dialog: pick, then confirm.
#[component]
fn OnDemandDialog(
    wf: Memo<String>,
    wf_name: Signal<String>,
    step: RwSignal<Step>,
    picked: RwSignal<Vec<GraphUser>>,
    start: StartRun,
) -> impl IntoView {
    let sending = start.pending();
    let close = move || {
        if !sending.get_untracked() {
            step.set(Step::Closed);
        }
    };
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            close();
        }
    };
    view! {
        <div class="dialog-backdrop">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="on-demand-title" on:keydown=on_key>
                <h2 id="on-demand-title">"Run " {move || wf_name.get()} " on demand"</h2>
                {move || match step.get() {
                    Step::Pick => view! { <PickUsers picked step /> }.into_any(),
                    _ => view! { <ConfirmRun wf wf_name step picked start /> }.into_any(),
                }}
            </div>
        </div>
    }
}

/// The search box, its results and the picked users.
#[component]
fn PickUsers(picked: RwSignal<Vec<GraphUser>>, step: RwSignal<Step>) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let found = RwSignal::new(Vec::<GraphUser>::new());
    let status = RwSignal::new(String::new());
    let searches = Generation::new();
    let search = Debounced::new(SEARCH_PAUSE, move |text: String| {
        // A newer search stops the one under way (its request is aborted).
        let ticket = searches.next();
        if text.trim().chars().count() < MIN_SEARCH {
            found.set(Vec::new());
            status.set(String::new());
            return;
        }
        status.set("Searching…".to_string());
        let stamp = ticket.stamp();
        ticket.spawn(async move {
            let answer = api::search_users(session, text, 20).await;
            if !stamp.is_current() {
                return; // a newer search is under way
            }
            match answer {
                Ok(users) => {
                    status.set(match users.len() {
                        0 => "No user's name or UPN starts with that.".to_string(),
                        1 => "1 user found".to_string(),
                        n => format!("{n} users found"),
                    });
                    found.set(users);
                }
                Err(e) => {
                    found.set(Vec::new());
                    status.set(e.user_message());
                }
            }
        });
    });
    let full = move || picked.with(Vec::len) >= MAX_USERS;
    let add = move |u: GraphUser| {
        picked.update(|p| {
            if p.len() < MAX_USERS && !p.iter().any(|x| x.id == u.id) {
                p.push(u);
            }
        })
    };
    view! {
        <div class="field">
            <label for="user-search">"Find users by name or UPN"</label>
            <input id="user-search" type="search" autocomplete="off" placeholder="e.g. Adele or adele@contoso.com"
                on:input=move |ev| search.call(event_target_value(&ev)) />
        </div>
        <p class="search-status" aria-live="polite">{move || status.get()}</p>
        <ul class="user-results" aria-label="Users found">
            <For each=move || found.get() key=|u| u.id.clone() let:user>
                {
                    let id = StoredValue::new(user.id.clone());
                    let already = move || picked.with(|p| id.with_value(|id| p.iter().any(|x| &x.id == id)));
                    let label = format!("Add {}", user.name());
                    let upn = user.user_principal_name.clone().unwrap_or_default();
                    let name = user.name().to_string();
                    view! {
                        <li>
                            <span class="user-name">{name}</span>
                            <span class="user-upn">{upn}</span>
                            <button type="button" class="btn btn-small" aria-label=label
                                disabled=move || already() || full()
                                on:click=move |_| add(user.clone())>
                                {move || if already() { "Added" } else { "Add" }}
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
        <h3>{move || format!("Users to run for ({} of {MAX_USERS})", picked.with(Vec::len))}</h3>
        <PickedList picked removable=true />
        <div class="dialog-actions">
            <button type="button" class="btn" on:click=move |_| step.set(Step::Closed)>"Cancel"</button>
            <button type="button" class="btn btn-primary" disabled=move || picked.with(Vec::is_empty)
                on:click=move |_| step.set(Step::Confirm)>"Review"</button>
        </div>
    }
}

/// The chosen users, with Remove buttons while picking.
#[component]
fn PickedList(picked: RwSignal<Vec<GraphUser>>, removable: bool) -> impl IntoView {
    view! {
        <ul class="picked-users" aria-label="Users to run for">
            <For each=move || picked.get() key=|u| u.id.clone() let:user>
                {
                    let id = user.id.clone();
                    let upn = user.user_principal_name.clone().unwrap_or_default();
                    let label = format!("Remove {}", user.name());
                    view! {
                        <li>
                            <span class="user-name">{user.name().to_string()}</span>
                            <span class="user-upn">{upn}</span>
                            {removable.then(|| view! {
                                <button type="button" class="btn btn-small" aria-label=label
                                    on:click=move |_| picked.update(|p| p.retain(|x| x.id != id))>"Remove"</button>
                            })}
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// "Run <workflow> now for these users": one request, then the new run.
#[component]
fn ConfirmRun(
    wf: Memo<String>,
    wf_name: Signal<String>,
    step: RwSignal<Step>,
    picked: RwSignal<Vec<GraphUser>>,
    start: StartRun,
) -> impl IntoView {
    // Set before the request leaves and never reset for this dialog: the
    // one guard against a second run.
    let sent = StoredValue::new(false);
    let send = move || {
        if sent.get_value() {
            return;
        }
        sent.set_value(true);
        let ids: Vec<String> = picked.with_untracked(|p| p.iter().map(|u| u.id.clone()).collect());
        start.dispatch((wf.get_untracked(), ids));
    };
    let (pending, outcome) = (start.pending(), start.value());
    let sending = move || pending.get();
    let error = move || outcome.get().and_then(Result::err);
    let note = move || {
        matches!(outcome.get(), Some(Ok(Started::NotListedYet))).then_some(
            "The run was started; Graph does not list it yet. It will appear among the runs; refresh in a moment.",
        )
    };
    view! {
        <p>
            "Run " <strong>{move || wf_name.get()}</strong> " now for "
            {move || match picked.with(Vec::len) { 1 => "this user".to_string(), n => format!("these {n} users") }}
            ". Its tasks run whatever the users' attributes and the workflow's conditions."
        </p>
        <PickedList picked removable=false />
        {move || error().map(|e| view! { <p class="error-text" role="alert">{e}</p> })}
        {move || note().map(|n| view! { <p class="note" role="status">{n}</p> })}
        <div class="dialog-actions">
            <button type="button" class="btn" disabled=move || sending() || sent.get_value()
                on:click=move |_| step.set(Step::Pick)>"Back"</button>
            <button type="button" class="btn" disabled=sending on:click=move |_| step.set(Step::Closed)>"Close"</button>
            <button type="button" class="btn btn-primary" disabled=move || sending() || sent.get_value()
                on:click=move |_| send()>
                {move || if sending() { "Starting the run…" } else { "Run now" }}
            </button>
        </div>
    }
}
