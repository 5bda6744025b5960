//! The `lwv/1` embedding contract: exact shapes, the sender gate (listed
//! origin, `window.parent`), nonces, in-app paths, tokens in URLs, and the
//! `embed.hosts` of `config.json`.

use lifecycle_viewer::app::embed::contract::{
    check_nonce, check_sender, in_app_path, location_path, parse, url_has_token, HostOrigin,
    HostToken, Ignored, Inbound, Outbound, Scheme,
};
use lifecycle_viewer::app::site::config::RuntimeConfig;
use lifecycle_viewer::graph::{ApiVersion, RenewReason, Secret};
use serde_json::{json, Value};

const PORTAL: &str = "https://portal.contoso.com";

fn hosts() -> Vec<HostOrigin> {
    vec![HostOrigin::parse(PORTAL).unwrap()]
}

fn token_message() -> Value {
    json!({"type": "lwv:token", "v": 1, "nonce": "n1", "accessToken": "eyJ.a.b"})
}

fn token(nonce: &str) -> HostToken {
    HostToken {
        nonce: nonce.into(),
        access_token: Secret::new("eyJ.a.b"),
        graph_endpoint: None,
        api_version: None,
    }
}

#[test]
fn host_origins_are_exact_origins_only() {
    assert_eq!(
        HostOrigin::parse("https://portal.contoso.com/")
            .unwrap()
            .as_str(),
        PORTAL
    );
    assert_eq!(
        HostOrigin::parse("http://127.0.0.1:8631").unwrap().as_str(),
        "http://127.0.0.1:8631"
    );
    for bad in [
        "*",
        "",
        "null",
        "portal.contoso.com",
        "https://portal.contoso.com/app",
        "https://*.contoso.com",
        "https://user@portal.contoso.com",
        "javascript://portal.contoso.com",
        "https://portal.contoso.com:99999999",
        "https://portal.contoso.com?x=1",
    ] {
        assert_eq!(HostOrigin::parse(bad), None, "{bad}");
    }
}

#[test]
fn only_a_listed_origin_through_the_parent_passes() {
    assert_eq!(check_sender(PORTAL, true, &hosts()), Ok(()));
    assert_eq!(
        check_sender("https://PORTAL.contoso.com", true, &hosts()),
        Ok(())
    );
    assert_eq!(
        check_sender("https://evil.example", true, &hosts()),
        Err(Ignored::Origin)
    );
    assert_eq!(
        check_sender("https://portal.contoso.com.evil.example", true, &hosts()),
        Err(Ignored::Origin)
    );
    assert_eq!(
        check_sender("http://portal.contoso.com", true, &hosts()),
        Err(Ignored::Origin)
    );
    assert_eq!(check_sender("null", true, &hosts()), Err(Ignored::Origin));
    assert_eq!(check_sender(PORTAL, false, &hosts()), Err(Ignored::Source));
    assert_eq!(check_sender(PORTAL, true, &[]), Err(Ignored::Origin));
}

#[test]
fn a_token_message_is_read_with_its_optional_fields() {
    let Ok(Inbound::Token(read)) = parse(&token_message()) else {
        panic!("not a token");
    };
    assert_eq!(read, token("n1"));
    let mut full = token_message();
    full["graphEndpoint"] = json!("https://graph.microsoft.us/");
    full["apiVersion"] = json!("beta");
    let Ok(Inbound::Token(read)) = parse(&full) else {
        panic!("not a token");
    };
    assert_eq!(
        read.graph_endpoint.as_deref(),
        Some("https://graph.microsoft.us")
    );
    assert_eq!(read.api_version, Some(ApiVersion::Beta));
}

#[test]
fn wrong_shapes_are_ignored() {
    let with = |key: &str, value: Value| {
        let mut m = token_message();
        m[key] = value;
        m
    };
    let without = |key: &str| {
        let mut m = token_message();
        m.as_object_mut().unwrap().remove(key);
        m
    };
    for bad in [
        with("extra", json!(1)),
        with("accessToken", json!(42)),
        with("accessToken", json!("  ")),
        with("nonce", json!("")),
        with("nonce", json!(["n1"])),
        with("graphEndpoint", json!("javascript:alert(1)")),
        with("graphEndpoint", json!(null)),
        with("apiVersion", json!("v2")),
        without("accessToken"),
        without("nonce"),
    ] {
        assert_eq!(parse(&bad), Err(Ignored::Shape), "{bad}");
    }
    for unknown in [
        json!("lwv:token"),
        json!(null),
        json!([token_message()]),
        with("v", json!(2)),
        with("v", json!("1")),
        without("v"),
        with("type", json!("lwv:unknown")),
        with("type", json!("token")),
    ] {
        assert_eq!(parse(&unknown), Err(Ignored::Unknown), "{unknown}");
    }
}

#[test]
fn only_the_last_nonce_is_accepted_once() {
    assert_eq!(check_nonce(&token("n1"), Some("n1")), Ok(()));
    assert_eq!(check_nonce(&token("n0"), Some("n1")), Err(Ignored::Nonce));
    assert_eq!(check_nonce(&token("n1"), None), Err(Ignored::Nonce));
    assert_eq!(check_nonce(&token(""), Some("")), Err(Ignored::Nonce));
}

#[test]
fn navigation_stays_inside_the_viewer() {
    let navigate = |path: &str| parse(&json!({"type": "lwv:navigate", "v": 1, "path": path}));
    assert_eq!(
        navigate("workflows/abc/runs?range=7d"),
        Ok(Inbound::Navigate("workflows/abc/runs?range=7d".into()))
    );
    assert_eq!(
        navigate("/workflows"),
        Ok(Inbound::Navigate("workflows".into()))
    );
    for bad in [
        "https://evil.example/workflows",
        "//evil.example/workflows",
        "javascript:alert(1)",
        "sign-in",
        "workflows/../sign-in",
        "workflows\\..\\x",
        "workflowsx",
        "",
    ] {
        assert_eq!(in_app_path(bad), None, "{bad}");
        assert_eq!(navigate(bad), Err(Ignored::Shape), "{bad}");
    }
    assert_eq!(
        parse(&json!({"type": "lwv:navigate", "v": 1, "path": "workflows", "then": "x"})),
        Err(Ignored::Shape)
    );
}

#[test]
fn the_theme_is_light_or_dark() {
    let theme = |scheme: Value| parse(&json!({"type": "lwv:theme", "v": 1, "scheme": scheme}));
    assert_eq!(theme(json!("dark")), Ok(Inbound::Theme(Scheme::Dark)));
    assert_eq!(theme(json!("light")), Ok(Inbound::Theme(Scheme::Light)));
    assert_eq!(theme(json!("blue")), Err(Ignored::Shape));
    assert_eq!(theme(json!(true)), Err(Ignored::Shape));
}

#[test]
fn outbound_messages_have_the_contract_shape() {
    let ready = Outbound::Ready { nonce: "n".into() }.to_json();
    assert_eq!(ready, json!({"type": "lwv:ready", "v": 1, "nonce": "n"}));
    let request = Outbound::TokenRequest {
        nonce: "n2".into(),
        reason: RenewReason::Expired,
    }
    .to_json();
    assert_eq!(
        request,
        json!({"type": "lwv:token-request", "v": 1, "nonce": "n2", "reason": "expired"})
    );
    let location = Outbound::Location {
        path: location_path("/workflows/a/runs", "?range=7d"),
    };
    assert_eq!(
        location.to_json(),
        json!({"type": "lwv:location", "v": 1, "path": "workflows/a/runs?range=7d"})
    );
    assert_eq!(
        Outbound::Resize { height: 812 }.to_json(),
        json!({"type": "lwv:resize", "v": 1, "height": 812})
    );
}

#[test]
fn tokens_in_urls_are_spotted() {
    for url in [
        "https://v.example/workflows?access_token=abc",
        "https://v.example/workflows#access_token=abc",
        "https://v.example/?x=1&id_token=abc",
        "https://v.example/?t=eyJhbGciOi.eyJzdWIi.sig",
    ] {
        assert!(url_has_token(url), "{url}");
    }
    for url in [
        "https://v.example/workflows",
        "https://v.example/workflows/a/runs?range=7d&status=failed",
    ] {
        assert!(!url_has_token(url), "{url}");
    }
}

#[test]
fn config_lists_exact_embed_hosts() {
    let config = RuntimeConfig::parse(
        r#"{"embed": {"hosts": ["https://portal.contoso.com", "*", "https://x.example/path", 7]}}"#,
    );
    assert_eq!(config.embed.hosts, hosts());
    assert!(RuntimeConfig::parse("{}").embed.hosts.is_empty());
    assert!(
        RuntimeConfig::parse(r#"{"embed": {"hosts": "https://portal.contoso.com"}}"#)
            .embed
            .hosts
            .is_empty()
    );
}

fn rust_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_viewer_posts_only_to_a_host_origin_never_to_star() {
    let mut files = Vec::new();
    rust_files(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut calls = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        for line in text
            .lines()
            .filter(|l| l.contains("post_message") || l.contains("postMessage"))
        {
            calls.push((file.clone(), line.trim().to_string()));
        }
    }
    assert_eq!(calls.len(), 1, "{calls:?}");
    let (file, line) = &calls[0];
    assert!(file.ends_with("app/embed/window.rs"), "{file:?}");
    // The target is a HostOrigin, which cannot be "*" (see above).
    assert_eq!(line, "let _ = parent.post_message(&data, target.as_str());");
}
