//! Test helpers: build the emulator in-process and call it like a client.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use graph_emulator::dataset::Scale;
use graph_emulator::{router, App, Config, Shared};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

pub const WF1: &str = "14879e66-9ea9-48d0-804d-8fea672d0341";
pub const RUN1: &str = "dad77a47-6eda-4de7-bc37-fe8eb5aaf17d";
pub const WF2: &str = "15239232-66ed-445b-8292-2f5bbb2eb833";
pub const LCW: &str = "/v1.0/identityGovernance/lifecycleWorkflows";

pub fn app() -> Shared {
    App::new(Config::default()).expect("app")
}

pub fn app_with(seed: u64, scale: Scale) -> Shared {
    App::new(Config {
        seed,
        scale,
        ..Config::default()
    })
    .expect("app")
}

pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
    pub body_error: bool,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub async fn send(
    app: &Shared,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Resp {
    let mut b = Request::builder()
        .method(method)
        .uri(uri)
        .header("host", "127.0.0.1:8081");
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    let req = b
        .body(
            body.map(|s| Body::from(s.to_string()))
                .unwrap_or_else(Body::empty),
        )
        .unwrap();
    let resp = router(app.clone()).oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let headers = resp.headers().clone();
    let (text, body_error) = match resp.into_body().collect().await {
        Ok(c) => (String::from_utf8_lossy(&c.to_bytes()).into_owned(), false),
        Err(_) => (String::new(), true),
    };
    Resp {
        status,
        headers,
        text,
        body_error,
    }
}

pub fn token(app: &Shared, scp: &str) -> String {
    app.demo_token(scp, 3600)
}

pub fn default_token(app: &Shared) -> String {
    token(app, graph_emulator::access_token::DEFAULT_SCOPES)
}

/// GET with the default demo token.
pub async fn get(app: &Shared, uri: &str) -> Resp {
    let t = format!("Bearer {}", default_token(app));
    send(app, "GET", uri, &[("authorization", &t)], None).await
}

/// POST a `$batch` body with the default demo token.
pub async fn post_batch(app: &Shared, body: &Value) -> Resp {
    let t = format!("Bearer {}", default_token(app));
    send(
        app,
        "POST",
        "/v1.0/$batch",
        &[("authorization", &t), ("content-type", "application/json")],
        Some(&body.to_string()),
    )
    .await
}

pub async fn get_with(app: &Shared, uri: &str, headers: &[(&str, &str)]) -> Resp {
    let t = format!("Bearer {}", default_token(app));
    let mut h = vec![("authorization", t.as_str())];
    h.extend_from_slice(headers);
    send(app, "GET", uri, &h, None).await
}

/// Percent-encodes spaces and quotes so a test can write readable URLs.
pub fn enc(s: &str) -> String {
    s.replace(' ', "%20").replace('\'', "%27")
}

/// Follows `@odata.nextLink` from `first` and returns every row.
pub async fn walk(app: &Shared, first: &str) -> (Vec<Value>, usize) {
    let mut rows = Vec::new();
    let mut pages = 0;
    let mut next = Some(first.to_string());
    while let Some(uri) = next {
        let uri = uri
            .strip_prefix("http://127.0.0.1:8081")
            .unwrap_or(&uri)
            .to_string();
        let r = get(app, &uri).await;
        assert_eq!(r.status, 200, "{uri}: {}", r.text);
        let v = r.json();
        rows.extend(v["value"].as_array().unwrap().iter().cloned());
        next = v
            .get("@odata.nextLink")
            .and_then(Value::as_str)
            .map(str::to_string);
        pages += 1;
        assert!(pages < 10_000, "paging does not terminate");
    }
    (rows, pages)
}
