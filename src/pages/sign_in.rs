//! The sign-in screen: "Sign in with Microsoft" first when an app
//! registration is known (`config.json`'s `signIn`, or one entered under
//! "Use your own app registration"), with its own "Keep for this tab"; then
//! cloud, Graph endpoint, API version
//! and a pasted access token, decoded locally with warnings before the first
//! call; or one click into the demo tenant when `config.json` names a token
//! URL. Framed by a listed host portal, the form is never shown (see
//! `embed_wait`).

use super::embed_wait::EmbedWait;
use crate::app::browser::clock::{countdown, Clock};
use crate::app::embed::host::{EmbedHost, EmbedMode};
use crate::app::session::context::SessionContext;
use crate::app::sign_in::app_registration;
use crate::app::sign_in::browser::{forget_round_trip, BrowserSignIn, Start};
use crate::app::sign_in::token_view::{cloud_for, clouds, graph_base_for, token_facts, TokenFacts};
use crate::app::site::requests;
use crate::app::url::query::paths;
use crate::auth::authorize::SignInSettings;
use crate::auth::entra_error::SignInError;
use crate::auth::{Cloud, Session, TokenSource};
use crate::components::copy_button::CopyButton;
use crate::graph::{ApiVersion, Secret};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;

/// Form state of the sign-in screen.
#[derive(Clone, Copy)]
struct SignInForm {
    cloud: RwSignal<String>,
    endpoint: RwSignal<String>,
    version: RwSignal<String>,
    token: RwSignal<String>,
    /// Keep a pasted (or demo) token for this tab.
    keep: RwSignal<bool>,
    /// Keep a Microsoft sign-in's refresh token for this tab.
    keep_microsoft: RwSignal<bool>,
    error: RwSignal<Option<String>>,
}

impl SignInForm {
    fn new() -> Self {
        Self {
            cloud: RwSignal::new("global".into()),
            endpoint: RwSignal::new(String::new()),
            version: RwSignal::new("v1.0".into()),
            token: RwSignal::new(String::new()),
            keep: RwSignal::new(false),
            keep_microsoft: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    fn graph_base(&self) -> String {
        graph_base_for(&self.cloud.get(), &self.endpoint.get())
    }

    /// The session to start with `token`, or why not.
    fn session(&self, token: Secret, source: TokenSource) -> Result<Session, String> {
        let cloud = cloud_for(&self.cloud.get_untracked(), &self.endpoint.get_untracked());
        let version = ApiVersion::parse(&self.version.get_untracked())
            .ok_or_else(|| "Choose the API version: v1.0 or beta.".to_string())?;
        Session::from_secret(cloud, version, token, source).map_err(|e| e.to_string())
    }
}

/// The sign-in screen: the paste form, or (framed by a listed host portal)
/// the wait for the host's token; nothing while that is being checked.
#[component]
pub(crate) fn SignInPage() -> impl IntoView {
    let embed = expect_context::<EmbedHost>();
    move || match embed.mode() {
        EmbedMode::Off => view! { <PasteSignIn /> }.into_any(),
        EmbedMode::Checking => view! { <p class="muted" role="status">"Loading…"</p> }.into_any(),
        EmbedMode::On => view! { <EmbedWait /> }.into_any(),
    }
}

/// The paste form (and the demo tenant button).
#[component]
fn PasteSignIn() -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let form = SignInForm::new();
    crate::app::browser::page_title::set_title(&["Sign in"]);
    let navigate = use_navigate();
    let demo_url = RwSignal::new(None::<String>);
    let demo_busy = RwSignal::new(false);
    let configured = RwSignal::new(None::<SignInSettings>);
    leptos::task::spawn_local(async move {
        let config = requests::fetch_runtime_config().await;
        if let Some(endpoint) = config.graph_endpoint.clone() {
            let cloud = config.cloud();
            if let Cloud::Custom(_) = cloud {
                form.endpoint.set(endpoint);
            }
            form.cloud.set(cloud.key().to_string());
        }
        form.version.set(config.version().as_str().to_string());
        demo_url.set(config.demo_token_url);
        configured.set(config.sign_in);
    });
    let go_back = {
        let navigate = navigate.clone();
        move || {
            let to = session.take_return_to().unwrap_or_else(paths::workflows);
            navigate(&to, NavigateOptions::default());
        }
    };
    // Signed in already (e.g. token kept for this tab): straight to the list.
    if session.client().is_ok() {
        let to = session.take_return_to().unwrap_or_else(paths::workflows);
        navigate(
            &to,
            NavigateOptions {
                replace: true,
                ..Default::default()
            },
        );
    }
    let submit = {
        let go_back = go_back.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let token = Secret::new(&form.token.get_untracked());
            match form.session(token, TokenSource::Pasted) {
                Ok(signed) => {
                    form.error.set(None);
                    session.sign_in(signed, form.keep.get_untracked());
                    go_back();
                }
                Err(message) => form.error.set(Some(message)),
            }
        }
    };
    let demo_sign_in = {
        let go_back = go_back.clone();
        move |_| {
            let Some(url) = demo_url.get_untracked() else {
                return;
            };
            demo_busy.set(true);
            let go_back = go_back.clone();
            leptos::task::spawn_local(async move {
                match requests::fetch_demo_token(&url).await {
                    Ok(secret) => match form.session(secret, TokenSource::DemoTenant) {
                        Ok(signed) => {
                            session.sign_in(signed, form.keep.get_untracked());
                            go_back();
                        }
                        Err(message) => form.error.set(Some(message)),
                    },
                    Err(error) => form.error.set(Some(error.user_message())),
                }
                demo_busy.set(false);
            });
        }
    };
    let browser = expect_context::<BrowserSignIn>();
    arrive_after_browser_sign_in(browser);
    view! {
        <h1>"Sign in"</h1>
        {move || {
            session
                .notice()
                .map(|n| view! { <div class="banner banner-warning" role="alert"><p class="banner-message">{n}</p></div> })
        }}
        <MicrosoftSignIn form configured />
        <div class="sign-in">
            <form class="panel" on:submit=submit>
                <CloudFields form />
                <div class="field">
                    <label for="token">"Access token"</label>
                    <textarea
                        id="token"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="token-hint"
                        prop:value=move || form.token.get()
                        on:input=move |ev| form.token.set(event_target_value(&ev))
                    ></textarea>
                    <span id="token-hint" class="field-hint">
                        "Paste a Microsoft Graph access token. It stays in this tab's memory and is only sent to the Graph endpoint above."
                    </span>
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || form.keep.get()
                        on:change=move |ev| form.keep.set(event_target_checked(&ev))
                    />
                    "Keep this token for this tab (sessionStorage, cleared on sign out)"
                </label>
                {move || form.error.get().map(|e| view! { <p class="banner banner-error" role="alert">{e}</p> })}
                <div class="actions">
                    <button type="submit" class="btn btn-primary">"Sign in"</button>
                    {move || {
                        let demo_sign_in = demo_sign_in.clone();
                        demo_url.get().map(|_| view! {
                            <span class="or">"or"</span>
                            <button type="button" class="btn" disabled=move || demo_busy.get() on:click=demo_sign_in>
                                "Sign in to the demo tenant"
                            </button>
                        })
                    }}
                </div>
            </form>
            <TokenPanel form />
        </div>
    }
}

/// After a browser sign-in redeemed its code: to the screen it started from.
fn arrive_after_browser_sign_in(browser: BrowserSignIn) {
    if !browser.busy.get_untracked() {
        forget_round_trip();
    }
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(path) = browser.arrived.get() {
            browser.arrived.set(None);
            navigate(
                &path,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            );
        }
    });
}

/// "Sign in with Microsoft" (with the registration it uses), its progress
/// and errors, and "Use your own app registration".
#[component]
fn MicrosoftSignIn(
    form: SignInForm,
    configured: RwSignal<Option<SignInSettings>>,
) -> impl IntoView {
    let session = expect_context::<SessionContext>();
    let browser = expect_context::<BrowserSignIn>();
    let own = RwSignal::new(app_registration::load());
    // An own registration signs in where config.json's authority says, if it says.
    let settings = Memo::new(move |_| {
        let configured = configured.get();
        match own.get() {
            Some(mine) => Some(SignInSettings {
                authority: configured.and_then(|c| c.authority),
                ..mine
            }),
            None => configured,
        }
    });
    let start = move |_| {
        let Some(settings) = settings.get_untracked() else {
            return;
        };
        let cloud = cloud_for(&form.cloud.get_untracked(), &form.endpoint.get_untracked());
        let version = ApiVersion::parse(&form.version.get_untracked()).unwrap_or_default();
        let return_to = session.take_return_to();
        let started = browser.start(Start {
            settings: &settings,
            cloud: &cloud,
            version,
            keep: form.keep_microsoft.get_untracked(),
            return_to: return_to.clone(),
            prompt: None,
            login_hint: None,
        });
        if let Err(error) = started {
            if let Some(path) = return_to {
                session.remember_return(path);
            }
            browser.error.set(Some(error));
        }
    };
    view! {
        <section class="panel microsoft-sign-in" aria-labelledby="microsoft-title">
            <h2 id="microsoft-title">"Your Microsoft account"</h2>
            {move || browser.error.get().map(|e| view! { <SignInErrorView error=e /> })}
            {move || match settings.get() {
                Some(s) => view! {
                    <div class="actions">
                        <button type="button" class="btn btn-primary" disabled=move || browser.busy.get() on:click=start>
                            "Sign in with Microsoft"
                        </button>
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || form.keep_microsoft.get()
                                on:change=move |ev| form.keep_microsoft.set(event_target_checked(&ev))
                            />
                            "Keep for this tab"
                        </label>
                        {move || browser.busy.get().then(|| view! { <span role="status">"Signing you in…"</span> })}
                    </div>
                    <p class="field-hint">
                        {format!("App registration {} in {}. You come back to this screen's link after signing in, and a reload signs you in again through Microsoft without a stored token. Keep for this tab also keeps the refresh token in sessionStorage (cleared on sign out).", s.client_id, if s.tenant.is_empty() { "organizations".to_string() } else { s.tenant.clone() })}
                    </p>
                }.into_any(),
                None => view! {
                    <p class="muted">"To sign in with Microsoft, enter your app registration below (see the README), or paste a token."</p>
                }.into_any(),
            }}
            <OwnRegistration own />
        </section>
    }
}

/// Why a browser sign-in failed, with Microsoft's code and ids to copy.
#[component]
fn SignInErrorView(error: SignInError) -> impl IntoView {
    let details = error.support_details();
    view! {
        <div class="banner banner-error" role="alert">
            <div class="banner-body">
                <p class="banner-message">{error.message()}</p>
                {(!details.is_empty()).then(|| view! {
                    <p class="banner-facts">"Microsoft's answer: " <code class="mono">{details.clone()}</code> " "
                        <CopyButton text=details label="Copy error details" /></p>
                })}
            </div>
        </div>
    }
}

/// Client id and tenant of the admin's own app registration (localStorage).
#[component]
fn OwnRegistration(own: RwSignal<Option<SignInSettings>>) -> impl IntoView {
    let current = own.get_untracked().unwrap_or_default();
    let client_id = RwSignal::new(current.client_id);
    let tenant = RwSignal::new(current.tenant);
    let remember = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        app_registration::save(&client_id.get_untracked(), &tenant.get_untracked());
        own.set(app_registration::load());
    };
    let forget = move |_| {
        app_registration::forget();
        client_id.set(String::new());
        tenant.set(String::new());
        own.set(None);
    };
    view! {
        <details class="own-registration">
            <summary>"Use your own app registration"</summary>
            <form on:submit=remember>
                <div class="field">
                    <label for="client-id">"Application (client) ID"</label>
                    <input id="client-id" autocomplete="off" spellcheck="false"
                        prop:value=move || client_id.get()
                        on:input=move |ev| client_id.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="tenant">"Tenant"</label>
                    <input id="tenant" autocomplete="off" spellcheck="false" placeholder="organizations"
                        prop:value=move || tenant.get()
                        on:input=move |ev| tenant.set(event_target_value(&ev)) />
                    <span class="field-hint">"organizations, your tenant id or domain. Both are remembered in this browser (localStorage); they are not secrets, and no token is ever stored there."</span>
                </div>
                <div class="actions">
                    <button type="submit" class="btn">"Remember"</button>
                    <button type="button" class="btn" on:click=forget>"Forget"</button>
                </div>
            </form>
        </details>
    }
}

/// Cloud, Graph endpoint (Custom only) and API version.
#[component]
fn CloudFields(form: SignInForm) -> impl IntoView {
    view! {
        <div class="field">
            <label for="cloud">"Cloud"</label>
            <select id="cloud" on:change=move |ev| form.cloud.set(event_target_value(&ev))>
                {clouds()
                    .into_iter()
                    .map(|c| {
                        let key = c.key.clone();
                        view! {
                            <option value=c.key selected=move || form.cloud.get() == key>
                                {c.label}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
        <Show when=move || form.cloud.get() == "custom">
            <div class="field">
                <label for="endpoint">"Graph endpoint"</label>
                <input
                    id="endpoint"
                    type="url"
                    placeholder="http://127.0.0.1:8081"
                    prop:value=move || form.endpoint.get()
                    on:input=move |ev| form.endpoint.set(event_target_value(&ev))
                />
                <span class="field-hint">"Any base URL that speaks Graph: the emulator or a proxy."</span>
                {move || {
                    let policy = crate::app::site::csp::page_policy();
                    crate::app::site::csp::blocked_endpoint_warning(policy.as_deref(), &form.endpoint.get(), &crate::app::site::csp::page_origin())
                        .map(|w| view! { <p class="banner banner-warning" role="alert">{w}</p> })
                }}
            </div>
        </Show>
        <div class="field">
            <label for="version">"API version"</label>
            <select id="version" on:change=move |ev| form.version.set(event_target_value(&ev))>
                {["v1.0", "beta"]
                    .into_iter()
                    .map(|v| view! { <option value=v selected=move || form.version.get() == v>{v}</option> })
                    .collect_view()}
            </select>
        </div>
    }
}

/// What the pasted token says: who, tenant, expiry countdown, permissions, warnings.
#[component]
fn TokenPanel(form: SignInForm) -> impl IntoView {
    let clock = use_context::<Clock>();
    let facts = Memo::new(move |_| {
        let token = form.token.get();
        if token.trim().is_empty() {
            return None;
        }
        Some(token_facts(
            token.trim(),
            &form.cloud.get(),
            &form.graph_base(),
        ))
    });
    view! {
        <section class="panel" aria-labelledby="token-title">
            <h2 id="token-title">"Token"</h2>
            {move || match facts.get() {
                None => view! { <p class="muted">"Paste a token to see who it is for, its tenant, expiry and permissions. It is decoded here, in your browser."</p> }.into_any(),
                Some(None) => view! { <div class="banner banner-warning" role="alert"><p class="banner-message">"This is not a readable JWT access token. Paste the whole token (three dot-separated parts)."</p></div> }.into_any(),
                Some(Some(f)) => view! { <TokenFactsView facts=f clock /> }.into_any(),
            }}
        </section>
    }
}

/// The decoded facts of a token.
#[component]
pub(crate) fn TokenFactsView(facts: TokenFacts, clock: Option<Clock>) -> impl IntoView {
    let TokenFacts {
        who,
        tenant,
        expires,
        permissions,
        warnings,
    } = facts;
    let expiry = move || match (expires, clock) {
        (Some(at), Some(c)) => countdown(at, c.now()),
        (Some(at), None) => at.to_rfc3339(),
        (None, _) => "—".into(),
    };
    let expiry_title = expires
        .map(|e| e.format("%Y-%m-%d %H:%M:%S UTC").to_string())
        .unwrap_or_default();
    view! {
        <dl class="token-facts">
            <dt>"Signed in as"</dt>
            <dd>{if who.is_empty() { "—".to_string() } else { who }}</dd>
            <dt>"Tenant"</dt>
            <dd class="mono">{tenant.unwrap_or_else(|| "—".into())}</dd>
            <dt>"Expires"</dt>
            <dd title=expiry_title>{expiry}</dd>
            <dt>"Permissions"</dt>
            <dd>
                {if permissions.is_empty() {
                    view! { <span>"—"</span> }.into_any()
                } else {
                    view! { <ul class="scope-list">{permissions.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul> }.into_any()
                }}
            </dd>
        </dl>
        <ul class="warnings">
            {warnings
                .into_iter()
                .map(|w| view! { <li class="banner banner-warning" role="alert">{w}</li> })
                .collect_view()}
        </ul>
    }
}
