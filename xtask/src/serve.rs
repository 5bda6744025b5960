//! `cargo xtask serve`: a static server for a built site, as a host would
//! serve it: files from `dist/` under a base path, `index.html` for every
//! other path (deep links), an optional runtime `config.json`, and the
//! security headers a meta CSP cannot set (the README asks hosts for them),
//! with `frame-ancestors` listing the served config's `embed.hosts`.

use crate::cli::ServeOptions;
use crate::headers;
use anyhow::{bail, Context, Result};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use std::net::SocketAddr;
use tower_http::services::{ServeDir, ServeFile};

/// Serves until Ctrl-C.
pub fn run_blocking(options: &ServeOptions) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    runtime.block_on(serve(options.clone()))
}

async fn serve(options: ServeOptions) -> Result<()> {
    if !options.dir.join("index.html").is_file() {
        bail!(
            "{} has no index.html: build the site first (trunk build --release)",
            options.dir.display()
        );
    }
    let address = SocketAddr::from(([127, 0, 0, 1], options.port));
    let listener = tokio::net::TcpListener::bind(address)
        .await
        .with_context(|| format!("cannot listen on {address}"))?;
    let local = listener
        .local_addr()
        .context("cannot read the listening address")?;
    println!(
        "serving {} at http://{local}{}",
        options.dir.display(),
        options.base
    );
    axum::serve(listener, router(&options))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .context("the static server stopped")
}

/// The portals the served site may be framed by: `embed.hosts` of
/// `--config-json`, else of the folder's own `config.json`.
pub fn embed_hosts(options: &ServeOptions) -> Vec<String> {
    let config = options
        .config_json
        .clone()
        .or_else(|| std::fs::read_to_string(options.dir.join("config.json")).ok())
        .unwrap_or_default();
    headers::hosts_from_config(&config)
}

/// The site's routes under `options.base`, with the security headers on
/// every answer: no framing but by the site and its listed portals
/// (`frame-ancestors` only works as a header), no MIME sniffing, no referrer.
pub fn router(options: &ServeOptions) -> Router {
    let headers: Vec<(header::HeaderName, header::HeaderValue)> =
        headers::security_headers(&embed_hosts(options))
            .into_iter()
            .filter_map(|(name, value)| {
                Some((
                    header::HeaderName::from_static(name),
                    header::HeaderValue::from_str(&value).ok()?,
                ))
            })
            .collect();
    site_router(options).layer(axum::middleware::map_response(
        move |mut response: Response| {
            let headers = headers.clone();
            async move {
                for (name, value) in headers {
                    response.headers_mut().insert(name, value);
                }
                response
            }
        },
    ))
}

fn site_router(options: &ServeOptions) -> Router {
    let index = options.dir.join("index.html");
    let files = ServeDir::new(&options.dir)
        .append_index_html_on_directories(true)
        .fallback(ServeFile::new(index));
    let mut site = Router::new();
    if let Some(config) = options.config_json.clone() {
        site = site.route(
            "/config.json",
            get(move || {
                let config = config.clone();
                async move { json_response(config) }
            }),
        );
    }
    let site = site.fallback_service(files);
    if options.base == "/" {
        return site;
    }
    let base = options.base.clone();
    let prefix = base.trim_end_matches('/').to_string();
    let target = base.clone();
    // `nest` covers `/base` and `/base/x`; `/base/` itself needs its own route.
    Router::new()
        .nest(&prefix, site)
        .route_service(&base, ServeFile::new(options.dir.join("index.html")))
        .route(
            "/",
            get(move || {
                let target = target.clone();
                async move { Redirect::temporary(&target) }
            }),
        )
}

fn json_response(body: String) -> Response {
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::Request;
    use std::path::PathBuf;
    use tower::ServiceExt;

    fn site_dir() -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-serve-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        std::fs::write(dir.join("index.html"), "<html>index</html>").expect("index");
        std::fs::write(dir.join("app.js"), "console.log(1)").expect("asset");
        dir
    }

    async fn status_of(router: &Router, path: &str) -> StatusCode {
        let request = Request::get(path).body(Body::empty()).expect("request");
        let response = router.clone().oneshot(request).await.expect("response");
        response.status()
    }

    #[tokio::test]
    async fn serves_files_deep_links_and_config_under_a_sub_path() {
        let options = ServeOptions {
            dir: site_dir(),
            port: 0,
            base: "/lifecycle/".into(),
            config_json: Some("{}".into()),
        };
        let router = router(&options);
        for path in [
            "/lifecycle/",
            "/lifecycle/app.js",
            "/lifecycle/config.json",
            "/lifecycle/workflows/abc/runs",
        ] {
            assert_eq!(status_of(&router, path).await, StatusCode::OK, "{path}");
        }
        assert_eq!(
            status_of(&router, "/").await,
            StatusCode::TEMPORARY_REDIRECT
        );
        assert_eq!(
            status_of(&router, "/elsewhere").await,
            StatusCode::NOT_FOUND
        );
    }

    #[tokio::test]
    async fn every_answer_carries_the_security_headers() {
        let options = ServeOptions {
            dir: site_dir(),
            port: 0,
            base: "/".into(),
            config_json: Some("{}".into()),
        };
        for path in ["/", "/app.js", "/config.json", "/workflows/x"] {
            let request = Request::get(path).body(Body::empty()).expect("request");
            let response = router(&options).oneshot(request).await.expect("response");
            for (name, value) in headers::security_headers(&[]) {
                assert_eq!(
                    response.headers().get(name).map(|v| v.to_str().unwrap()),
                    Some(value.as_str()),
                    "{path} {name}"
                );
            }
        }
    }

    #[tokio::test]
    async fn frame_ancestors_lists_the_configured_embed_hosts() {
        let options = ServeOptions {
            dir: site_dir(),
            port: 0,
            base: "/".into(),
            config_json: Some(r#"{"embed":{"hosts":["http://127.0.0.1:8632"]}}"#.into()),
        };
        let request = Request::get("/workflows")
            .body(Body::empty())
            .expect("request");
        let response = router(&options).oneshot(request).await.expect("response");
        assert_eq!(
            response
                .headers()
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap()),
            Some("frame-ancestors 'self' http://127.0.0.1:8632")
        );
    }

    #[tokio::test]
    async fn serves_the_root_without_config() {
        let options = ServeOptions {
            dir: site_dir(),
            port: 0,
            base: "/".into(),
            config_json: None,
        };
        let router = router(&options);
        assert_eq!(status_of(&router, "/").await, StatusCode::OK);
        assert_eq!(status_of(&router, "/workflows").await, StatusCode::OK);
    }
}
