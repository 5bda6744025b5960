//! JWT payload decoding, token questions and warnings, clouds.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{TimeZone, Utc};
use lifecycle_viewer::auth::claims::decode_payload;
use lifecycle_viewer::auth::{ClaimsError, Cloud, Secret, Session, TokenInfo, TokenWarning};
use lifecycle_viewer::graph::ApiVersion;
use proptest::prelude::*;
use serde_json::{json, Value};

fn jwt(payload: &Value) -> String {
    format!(
        "{}.{}.sig",
        URL_SAFE_NO_PAD.encode(br#"{"alg":"none"}"#),
        URL_SAFE_NO_PAD.encode(payload.to_string())
    )
}

fn now() -> chrono::DateTime<Utc> {
    Utc.timestamp_opt(1_700_000_000, 0).single().expect("now")
}

#[test]
fn delegated_token_claims_are_read() {
    let token = jwt(&json!({
        "aud": "https://graph.microsoft.com", "tid": "t1", "upn": "admin@contoso.com",
        "appid": "de8bc8b5-d9f9-48b1-a8ad-b748da725064", "exp": 1_700_003_600, "iat": 1_699_999_000,
        "scp": "LifecycleWorkflows-Reports.Read.All User.ReadBasic.All openid"
    }));
    let info = TokenInfo::from_token(&token).expect("decode");
    assert_eq!(info.who(), "admin@contoso.com");
    assert_eq!(info.claims.tid.as_deref(), Some("t1"));
    assert_eq!(info.scopes.len(), 3);
    assert!(info.can_read_reports());
    assert!(
        !info.can_list_workflows(),
        "Reports.Read.All does not list workflows"
    );
    assert!(info.has_lwf_read());
    assert!(info.can_read_users());
    assert_eq!(info.expires_in(now()).map(|d| d.num_seconds()), Some(3_600));
    assert!(!info.is_expired(now()));
    let warnings = info.warnings(&Cloud::Global, now());
    assert_eq!(warnings, vec![TokenWarning::NoWorkflowListPermission]);
}

#[test]
fn app_token_roles_and_name_are_read() {
    let token = jwt(
        &json!({"aud": ["00000003-0000-0000-c000-000000000000"], "app_displayname": "LW reporter",
        "roles": ["LifecycleWorkflows.Read.All"], "exp": 1_700_003_600.0}),
    );
    let info = TokenInfo::from_token(&format!("Bearer {token}")).expect("decode");
    assert_eq!(info.who(), "LW reporter");
    assert!(info.is_app_only());
    assert!(info.can_read_reports() && info.can_list_workflows());
    assert!(info
        .warnings(&Cloud::UsGovL4, now())
        .iter()
        .all(|w| !matches!(w, TokenWarning::AudienceMismatch { .. })));
}

#[test]
fn warnings_name_expiry_audience_permission_and_azure_cli() {
    let token = jwt(
        &json!({"aud": "https://graph.microsoft.com/", "exp": 1_699_999_000,
        "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "scp": "User.Read", "upn": "a@b"}),
    );
    let info = TokenInfo::from_token(&token).expect("decode");
    assert!(info.is_expired(now()));
    assert!(info.is_azure_cli_token());
    let warnings = info.warnings(&Cloud::China, now());
    assert!(warnings
        .iter()
        .any(|w| matches!(w, TokenWarning::Expired { .. })));
    assert!(warnings
        .iter()
        .any(|w| matches!(w, TokenWarning::AudienceMismatch { .. })));
    assert!(warnings.contains(&TokenWarning::NoReportsPermission));
    assert!(warnings.contains(&TokenWarning::AzureCliToken));
    assert!(warnings.iter().any(TokenWarning::is_blocking));
    let text = TokenWarning::NoReportsPermission.message();
    assert!(
        text.contains("LifecycleWorkflows-Reports.Read.All")
            && text.contains("Lifecycle Workflows Administrator")
    );
    assert!(!info
        .warnings(&Cloud::Global, now())
        .iter()
        .any(|w| matches!(w, TokenWarning::AudienceMismatch { .. })));
}

#[test]
fn missing_directory_role_is_flagged_only_when_wids_say_so() {
    let without = jwt(
        &json!({"scp": "LifecycleWorkflows.Read.All", "wids": ["b79fbf4d-3ef9-4689-8143-76b194e85509"]}),
    );
    let with = jwt(
        &json!({"scp": "LifecycleWorkflows.Read.All", "wids": ["f2ef992c-3afb-46b9-b7cf-a126ee74c451"]}),
    );
    let w1 = TokenInfo::from_token(&without)
        .expect("a")
        .warnings(&Cloud::Global, now());
    let w2 = TokenInfo::from_token(&with)
        .expect("b")
        .warnings(&Cloud::Global, now());
    assert!(w1.contains(&TokenWarning::MissingDirectoryRole));
    assert!(!w2.contains(&TokenWarning::MissingDirectoryRole));
}

#[test]
fn bad_tokens_are_errors() {
    assert_eq!(decode_payload("  ").expect_err("empty"), ClaimsError::Empty);
    assert_eq!(
        decode_payload("abc").expect_err("one part"),
        ClaimsError::NotAJwt
    );
    assert_eq!(
        decode_payload("a.!!!.c").expect_err("base64"),
        ClaimsError::BadBase64
    );
    let not_json = format!("a.{}.c", URL_SAFE_NO_PAD.encode("hello"));
    assert_eq!(
        decode_payload(&not_json).expect_err("json"),
        ClaimsError::BadJson
    );
    let array = format!("a.{}.c", URL_SAFE_NO_PAD.encode("[1]"));
    assert_eq!(
        decode_payload(&array).expect_err("array"),
        ClaimsError::BadJson
    );
}

#[test]
fn clouds_match_audiences_and_hosts() {
    for cloud in Cloud::NAMED {
        let host = format!("https://{}", cloud.graph_host());
        assert!(cloud.accepts_audience(&host));
        assert!(cloud.accepts_audience(&format!("{host}/")));
        assert!(cloud.accepts_audience("00000003-0000-0000-c000-000000000000"));
        assert_eq!(Cloud::from_endpoint(&host), cloud);
        assert_eq!(Cloud::for_audience(&host), Some(cloud.clone()));
        assert_eq!(Cloud::from_key(cloud.key()), Some(cloud.clone()));
    }
    assert!(!Cloud::Global.accepts_audience("https://graph.microsoft.us"));
    assert_eq!(Cloud::UsGovL5.login_host(), "login.microsoftonline.us");
    let custom = Cloud::from_endpoint("http://127.0.0.1:8081/");
    assert_eq!(custom, Cloud::Custom("http://127.0.0.1:8081".into()));
    assert_eq!(custom.graph_base_url(), "http://127.0.0.1:8081");
    assert_eq!(custom.graph_host(), "127.0.0.1");
}

#[test]
fn secrets_never_print_and_sessions_build_clients() {
    let token =
        jwt(&json!({"aud": "https://graph.microsoft.com", "scp": "LifecycleWorkflows.Read.All"}));
    let session =
        Session::new(Cloud::Global, ApiVersion::Beta, &format!("bearer {token}")).expect("session");
    assert_eq!(session.token.expose(), token);
    assert!(!format!("{session:?}").contains(&token));
    assert!(!format!("{:?}", Secret::new("abc")).contains("abc"));
    assert_eq!(session.graph_base().version(), ApiVersion::Beta);
    assert_eq!(
        session.client().base().root(),
        "https://graph.microsoft.com"
    );
    assert!(Session::new(Cloud::Global, ApiVersion::V1, "not a token").is_err());
}

proptest! {
    #[test]
    fn decoding_arbitrary_text_never_panics(text in ".{0,200}") {
        let _ = TokenInfo::from_token(&text);
    }

    #[test]
    fn decoding_arbitrary_payloads_never_panics(payload in prop::collection::vec(any::<u8>(), 0..200)) {
        let token = format!("h.{}.s", URL_SAFE_NO_PAD.encode(&payload));
        if let Ok(info) = TokenInfo::from_token(&token) {
            let _ = info.warnings(&Cloud::Global, now());
            let _ = info.who();
        }
    }
}

#[test]
fn a_403_message_names_what_the_call_lacks_but_never_the_token() {
    use lifecycle_viewer::auth::permissions::forbidden_message;
    use lifecycle_viewer::graph::{Call, GraphError};
    let token = jwt(
        &json!({"scp": "User.Read LifecycleWorkflows-Reports.Read.All", "roles": ["Reports.Read.All"]}),
    );
    let session = Session::new(Cloud::Global, ApiVersion::V1, &token).expect("session");
    let denied = GraphError::from_response(403, "", None).during(Call::ListWorkflows);
    let text = forbidden_message(&denied, Some(&session.info));
    assert!(
        text.contains(
            "lacks LifecycleWorkflows-Workflow.ReadBasic.All (or LifecycleWorkflows.Read.All)"
        ),
        "{text}"
    );
    assert!(!text.contains("User.Read,"), "{text}");
    assert!(!text.contains(&token));
    // An unreadable token never becomes a session, so there is nothing to judge.
    assert!(Session::new(Cloud::Global, ApiVersion::V1, "not a jwt").is_err());
}
