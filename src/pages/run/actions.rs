//! The run's actions and lineage at its head: Cancel while it is queued or
//! in progress (`cancelProcessing`), Reprocess once it ended with failures
//! (`activateWithScope`: failed or all users, failed or all tasks), each
//! disabled with the permission and role it needs when the token can't,
//! confirmed first and sent once. The Reprocess confirmation names the
//! failed users (up to ten, then how many more) and says beside a name when
//! its failure is of a kind that fails again unchanged (a dynamic group, a
//! missing manager, a disabled Temporary Access Pass policy). Below: the run this one reprocessed
//! (`activatedOnScope`) and the runs that reprocessed it (`reprocessedRuns`).

use crate::app::api;
use crate::app::load::resource::screen_resource;
use crate::app::session::context::SessionContext;
use crate::app::url::base::app_href;
use crate::app::url::query::paths;
use crate::auth::permissions::WriteAction;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::time::local_text;
use crate::model::{ProcessingStatus, Run, TaskScope, UserProcessingResult, UserScope};
use crate::table::reasons::{fails_again, FailsAgain};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;

/// How many failed users the Reprocess confirmation names.
const NAMED_USERS: usize = 10;

/// A failed user the Reprocess confirmation names: the user's id and, when
/// a failed task's reason is of that kind, why it fails again unchanged.
#[derive(Clone, Debug, PartialEq)]
struct FailedUser {
    id: String,
    /// The subject's own name, when Graph gave one.
    name: Option<String>,
    again: Option<FailsAgain>,
}

impl FailedUser {
    fn of(result: &UserProcessingResult) -> Self {
        let again = result
            .task_processing_results
            .iter()
            .filter(|t| t.processing_status == Some(ProcessingStatus::Failed))
            .find_map(|t| t.failure_reason.as_deref().and_then(fails_again));
        FailedUser {
            id: result.subject_id().unwrap_or_default().to_string(),
            name: result.subject.as_ref().and_then(|s| s.display_name.clone()),
            again,
        }
    }
}

/// "and N more" after the names shown, when the run has more failed users.
fn more_line(shown: usize, failed: u32) -> Option<String> {
    let more = (failed as usize).saturating_sub(shown);
    (more > 0).then(|| format!("and {more} more"))
}

/// Which confirmation is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Open {
    None,
    Cancel,
    Reprocess,
}

/// How a reprocessing request that Graph accepted ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Started {
    /// Graph lists the new run: it is opened.
    Listed,
    /// Graph does not list the new run yet.
    NotListedYet,
}

/// The error message a finished write left, if it failed.
fn failure<T>(outcome: Option<Result<T, String>>) -> Option<String> {
    outcome.and_then(Result::err)
}

/// "Run of <date>" for a link to another run.
fn run_words(run: &Run) -> String {
    run.display_date()
        .map(|d| format!("Run of {}", local_text(d)))
        .unwrap_or_else(|| format!("Run {}", run.id))
}

/// "<workflow> · Run of <date>": what a confirmation acts on, the
/// workflow first ("Run of <date>" while its name is not known).
fn named_run(workflow: &str, run: &str) -> String {
    if workflow.is_empty() {
        run.to_string()
    } else {
        format!("{workflow} · {run}")
    }
}

/// A write button: disabled with the reason when the token can't.
fn write_button(
    label: &'static str,
    denied: Memo<Option<String>>,
    on_click: impl Fn() + 'static,
) -> impl IntoView {
    view! {
        <span class="write-action">
            <button type="button" class="btn" disabled=move || denied.with(Option::is_some)
                title=move || denied.get().unwrap_or_default() on:click=move |_| on_click()>{label}</button>
            {move || denied.get().map(|why| view! { <span class="write-denied">{why}</span> })}
        </span>
    }
}

/// Cancel / Reprocess for the run on screen.
#[component]
pub(crate) fn RunActions(
    wf: Memo<String>,
    /// The workflow's name (empty until it is loaded), which the dialogs name.
    wf_name: Memo<String>,
    run: Signal<Option<Run>>,
    /// The run changed (canceled): load it again.
    on_changed: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let open = RwSignal::new(Open::None);
    let running = move || {
        run.with(|r| {
            r.as_ref()
                .and_then(|r| r.processing_status.as_ref())
                .is_some_and(|s| s.is_running())
        })
    };
    let has_failures = move || {
        run.with(|r| {
            r.as_ref().is_some_and(|r| {
                !r.processing_status.as_ref().is_some_and(|s| s.is_running())
                    && r.failed_users_count.unwrap_or(0) > 0
            })
        })
    };
    let cancel_denied = Memo::new(move |_| api::write_denied(session, WriteAction::Cancel));
    let reprocess_denied = Memo::new(move |_| api::write_denied(session, WriteAction::Reprocess));
    view! {
        <div class="run-actions" role="group" aria-label="Run actions">
            <Show when=running>{write_button("Cancel run", cancel_denied, move || open.set(Open::Cancel))}</Show>
            <Show when=has_failures>{write_button("Reprocess", reprocess_denied, move || open.set(Open::Reprocess))}</Show>
        </div>
        {move || match open.get() {
            Open::None => None,
            Open::Cancel => Some(view! { <CancelDialog wf wf_name run open on_changed /> }.into_any()),
            Open::Reprocess => Some(view! { <ReprocessDialog wf wf_name run open /> }.into_any()),
        }}
    }
}

#[component]
fn CancelDialog(
    wf: Memo<String>,
    wf_name: Memo<String>,
    run: Signal<Option<Run>>,
    open: RwSignal<Open>,
    on_changed: Callback<()>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let words = run.with_untracked(|r| r.as_ref().map(run_words).unwrap_or_default());
    let words = move || named_run(&wf_name.get(), &words);
    // One `cancelProcessing`; on success the dialog closes and the run is
    // loaded again, else the action's value is the error to show.
    let cancel = Action::new_local(move |id: &String| {
        let (w, id) = (wf.get_untracked(), id.clone());
        async move {
            let result = api::cancel_run(session, w, id).await;
            match result {
                Ok(()) => {
                    open.try_set(Open::None);
                    on_changed.run(());
                    Ok(())
                }
                Err(e) => Err(api::write_error_text(WriteAction::Cancel, &e)),
            }
        }
    });
    let on_confirm = Callback::new(move |_| {
        if let Some(id) = run.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) {
            cancel.dispatch(id);
        }
    });
    let (busy, outcome) = (cancel.pending(), cancel.value());
    let error = Signal::derive(move || failure(outcome.get()));
    view! {
        <ConfirmDialog title="Cancel this run?".to_string() confirm="Cancel the run".to_string()
            on_confirm on_close=Callback::new(move |_| open.set(Open::None))
            busy=busy.into() error>
            <p>{move || format!("{}: users not processed yet are canceled; users already processed keep their results.", words())}</p>
        </ConfirmDialog>
    }
}

#[component]
fn ReprocessDialog(
    wf: Memo<String>,
    wf_name: Memo<String>,
    run: Signal<Option<Run>>,
    open: RwSignal<Open>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let navigate = use_navigate();
    let users = RwSignal::new(UserScope::FailedUsers);
    let tasks = RwSignal::new(TaskScope::FailedTasks);
    let (words, failed, total) = run.with_untracked(|r| {
        r.as_ref()
            .map(|r| {
                (
                    run_words(r),
                    r.failed_users_count.unwrap_or(0),
                    r.total_users_count.unwrap_or(0),
                )
            })
            .unwrap_or_default()
    });
    let words = move || named_run(&wf_name.get(), &words);
    // One `activateWithScope`; the new run opens when Graph lists it, else
    // the action's value says it was started (or why it failed).
    let reprocess = Action::new_local(move |(id, u, t): &(String, UserScope, TaskScope)| {
        let (w, id, u, t) = (wf.get_untracked(), id.clone(), *u, *t);
        let navigate = navigate.clone();
        async move {
            match api::reprocess(session, w.clone(), id, u, t).await {
                Ok(Some(new)) => {
                    open.try_set(Open::None);
                    navigate(&app_href(&paths::run(&w, &new.id)), Default::default());
                    Ok(Started::Listed)
                }
                Ok(None) => Ok(Started::NotListedYet),
                Err(e) => Err(api::write_error_text(WriteAction::Reprocess, &e)),
            }
        }
    });
    let on_confirm = Callback::new(move |_| {
        if let Some(id) = run.with_untracked(|r| r.as_ref().map(|r| r.id.clone())) {
            reprocess.dispatch((id, users.get_untracked(), tasks.get_untracked()));
        }
    });
    let (busy, outcome) = (reprocess.pending(), reprocess.value());
    let error = Signal::derive(move || failure(outcome.get()));
    let note = move || {
        matches!(outcome.get(), Some(Ok(Started::NotListedYet)))
            .then_some("The run was started; Graph does not list it yet. It will appear among this run's reprocessing runs.")
    };
    let choice = move |name: &'static str,
                       label: &'static str,
                       checked: Signal<bool>,
                       pick: Callback<()>| {
        view! {
            <label class="choice">
                <input type="radio" name=name prop:checked=checked on:change=move |_| pick.run(()) disabled=busy />
                {label}
            </label>
        }
    };
    view! {
        <ConfirmDialog title="Reprocess this run?".to_string() confirm="Reprocess".to_string()
            on_confirm on_close=Callback::new(move |_| open.set(Open::None))
            busy=busy.into() error>
            <p>{move || format!("{}: {failed} of {total} users failed. A new run processes them again now.", words())}</p>
            <FailedUsers wf run failed />
            <fieldset>
                <legend>"Users"</legend>
                {choice("users", UserScope::FailedUsers.label(), Signal::derive(move || users.get() == UserScope::FailedUsers), Callback::new(move |_| users.set(UserScope::FailedUsers)))}
                {choice("users", UserScope::AllUsers.label(), Signal::derive(move || users.get() == UserScope::AllUsers), Callback::new(move |_| users.set(UserScope::AllUsers)))}
            </fieldset>
            <fieldset>
                <legend>"Tasks"</legend>
                {choice("tasks", TaskScope::FailedTasks.label(), Signal::derive(move || tasks.get() == TaskScope::FailedTasks), Callback::new(move |_| tasks.set(TaskScope::FailedTasks)))}
                {choice("tasks", TaskScope::AllTasks.label(), Signal::derive(move || tasks.get() == TaskScope::AllTasks), Callback::new(move |_| tasks.set(TaskScope::AllTasks)))}
            </fieldset>
            {move || note().map(|n| view! { <p class="note" role="status">{n}</p> })}
        </ConfirmDialog>
    }
}

/// The run's failed users by name, up to [`NAMED_USERS`], each with why it
/// fails again unchanged when it does.
#[component]
fn FailedUsers(wf: Memo<String>, run: Signal<Option<Run>>, failed: u32) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let users = screen_resource(move || {
        let (w, r) = (wf.get_untracked(), run.get_untracked());
        async move {
            let Some(r) = r else {
                return Ok(Vec::new());
            };
            let window = super::run_window(&r);
            api::failed_users(session, w, r.id, window, NAMED_USERS).await
        }
    });
    let item = move |u: FailedUser| {
        session.users.request(session, &u.id);
        let id = u.id.clone();
        let name = move || {
            session
                .users
                .name_of(&id)
                .map(|(name, _)| name)
                .or_else(|| u.name.clone())
                .unwrap_or_else(|| id.clone())
        };
        view! {
            <li>
                <bdi>{name}</bdi>
                {u.again.map(|a| view! { <span class="fails-again">{format!(" — {}", a.advice())}</span> })}
            </li>
        }
    };
    move || {
        match users.get() {
        None => view! { <p class="muted" role="status">"Listing the failed users…"</p> }.into_any(),
        Some(Err(e)) => view! {
            <p class="muted">{format!("The failed users could not be listed: {}", e.user_message())}</p>
        }
        .into_any(),
        Some(Ok(list)) => {
            let list: Vec<FailedUser> = list.iter().map(FailedUser::of).collect();
            let more = more_line(list.len(), failed);
            let again = list.iter().filter(|u| u.again.is_some()).count();
            let note = (again > 0).then(|| {
                let who = if again == 1 { "1 of the users named fails".to_string() } else { format!("{again} of the users named fail") };
                format!("{who} again unchanged until the cause is fixed.")
            });
            view! {
                <div class="failed-users">
                    <h3 id="reprocess-failed-users">"Failed users"</h3>
                    <ul aria-labelledby="reprocess-failed-users">{list.into_iter().map(item).collect_view()}</ul>
                    {more.map(|m| view! { <p class="muted">{m}</p> })}
                    {note.map(|n| view! { <p class="note">{n}</p> })}
                </div>
            }
            .into_any()
        }
    }
    }
}

/// Where the run came from and which runs reprocessed it.
#[component]
pub(crate) fn RunLineage(
    wf: Memo<String>,
    /// The run's id from the page URL (never empty: an empty id would ask
    /// Graph for `runs//reprocessedRuns`).
    run_id: Memo<String>,
    run: Signal<Option<Run>>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let later = screen_resource(move || api::reprocessed_runs(session, wf.get(), run_id.get()));
    let origin = move || {
        run.with(|r| {
            let scope = r.as_ref()?.activated_on_scope.clone()?;
            let from = scope.run_id()?.to_string();
            let href = app_href(&paths::run(&wf.get(), &from));
            Some(view! {
                <p class="run-origin">"Reprocesses " <A href=href>{format!("run {from}")}</A> {format!(" ({})", scope.describe())}</p>
            })
        })
    };
    let reprocessed = move || {
        let runs = later.get()?.ok().filter(|r| !r.is_empty())?;
        let w = wf.get();
        Some(view! {
            <div class="run-origin">"Reprocessed by: "
                <ul class="inline-list" aria-label="Reprocessing runs">
                    {runs.into_iter().map(|r| {
                        let href = app_href(&paths::run(&w, &r.id));
                        view! { <li><A href=href>{run_words(&r)}</A></li> }
                    }).collect_view()}
                </ul>
            </div>
        })
    };
    view! { {origin} {reprocessed} }
}

#[cfg(test)]
mod tests {
    use super::{failure, more_line, named_run, FailedUser, Started};
    use crate::model::parse_json;
    use crate::table::reasons::FailsAgain;

    #[test]
    fn a_failed_user_says_when_it_fails_again_unchanged() {
        let result = |reason: &str| {
            parse_json(&format!(
                r#"{{"id":"r","processingStatus":"failed","subject":{{"id":"u1"}},"taskProcessingResults":[{{"id":"t0","processingStatus":"completed"}},{{"id":"t1","processingStatus":"failed","failureReason":"{reason}"}}]}}"#
            ))
            .unwrap()
        };
        let manager = FailedUser::of(&result(
            "The manager of user a@contoso.com could not be found (manager attribute is empty).",
        ));
        assert_eq!(manager.id, "u1");
        assert_eq!(manager.again, Some(FailsAgain::MissingManager));
        let transient = FailedUser::of(&result(
            "Teams returned 429 Too Many Requests after 3 retries.",
        ));
        assert_eq!(transient.again, None);
    }

    #[test]
    fn more_failed_users_than_named_are_counted() {
        assert_eq!(more_line(10, 13), Some("and 3 more".to_string()));
        assert_eq!(more_line(3, 3), None);
        assert_eq!(more_line(5, 2), None);
    }

    #[test]
    fn only_a_failed_write_leaves_an_error() {
        assert_eq!(failure::<()>(None), None, "not sent yet");
        assert_eq!(failure(Some(Ok(Started::NotListedYet))), None);
        assert_eq!(
            failure::<()>(Some(Err("403 Forbidden".to_string()))),
            Some("403 Forbidden".to_string())
        );
    }

    #[test]
    fn a_confirmation_names_the_workflow_then_the_run() {
        assert_eq!(
            named_run("Onboard new hire", "Run of 2026-11-28 10:00:00"),
            "Onboard new hire · Run of 2026-11-28 10:00:00"
        );
        assert_eq!(named_run("", "Run of 2026-11-28"), "Run of 2026-11-28");
    }
}
