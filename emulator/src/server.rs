//! The axum service: one entry point that answers preflights, the emulator
//! endpoints, the identity provider's endpoints and Graph requests, applies fault rules, and adds `request-id`,
//! `client-request-id` and CORS headers to every response.

use std::time::Duration;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::Response;
use axum::Router;
use bytes::Bytes;

use crate::batch::{self, JSON_TYPE};
use crate::cors;
use crate::faults::{merge_answer, BodyFault, Fired};
use crate::graph_error::GraphError;
use crate::identity;
use crate::routes::{self, emulator};
use crate::state::Shared;
use crate::wire::{parse_query, percent_decode, GraphRequest, Ids, Reply};

const MAX_BODY: usize = 8 * 1024 * 1024;

/// The whole emulator as a router (no port bound): use it in tests with
/// `tower::ServiceExt::oneshot`.
pub fn router(app: Shared) -> Router {
    Router::new().fallback(entry).with_state(app)
}

async fn entry(State(app): State<Shared>, req: Request) -> Response {
    let (parts, body) = req.into_parts();
    let ids = app.ids(&parts.headers);
    let mut resp = if parts.method == Method::OPTIONS && identity::route(parts.uri.path()).is_none()
    {
        let mut r = Response::new(Body::empty());
        cors::add_preflight(r.headers_mut(), &parts.headers);
        r
    } else {
        let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(b) => b,
            Err(_) => {
                let e = GraphError::new(
                    413,
                    "RequestEntityTooLarge",
                    "The request body is too large.",
                );
                return finish(write(e.into_reply(&ids), None), &ids);
            }
        };
        let path = percent_decode(parts.uri.path(), false);
        if let Some(r) = identity::handle(
            &app,
            &parts.method,
            &path,
            parts.uri.query().unwrap_or(""),
            &parts.headers,
            &bytes,
        ) {
            return r;
        }
        let query = parse_query(parts.uri.query().unwrap_or(""));
        if path.starts_with("/_emulator") {
            write(
                emulator::handle(&app, &parts.method, &path, &query, &bytes, &ids),
                None,
            )
        } else {
            let host = parts
                .headers
                .get("host")
                .and_then(|h| h.to_str().ok())
                .map(str::to_string)
                .or_else(|| parts.uri.authority().map(|a| a.to_string()))
                .unwrap_or_else(|| "localhost".to_string());
            let greq = GraphRequest {
                method: parts.method.clone(),
                path: parts.uri.path().to_string(),
                query,
                headers: parts.headers.clone(),
                body: bytes,
                base: format!("http://{host}"),
                ids: ids.clone(),
                page_size: app.default_page_size(),
            };
            graph(&app, greq, &ids).await
        }
    };
    cors::add_simple(resp.headers_mut());
    finish(resp, &ids)
}

async fn graph(app: &Shared, req: GraphRequest, ids: &Ids) -> Response {
    app.log_request(req.method.as_str(), &percent_decode(&req.path, false));
    let fired = app
        .faults
        .check(req.method.as_str(), &percent_decode(&req.path, false));
    if let Some(ms) = fired.as_ref().and_then(|f| f.delay_ms) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    if let Some(Fired {
        status: Some(status),
        retry_after,
        ..
    }) = fired.as_ref().filter(|f| !f.rewrites_body())
    {
        let mut e = GraphError::for_status(*status);
        if let Some(ra) = retry_after {
            e.headers.push(("Retry-After".into(), ra.to_string()));
        }
        return write(e.into_reply(ids), None);
    }
    let mut reply = if routes::is_batch(&req.path) {
        batch::handle(app, &req).await
    } else {
        routes::handle_single(app, &req)
    };
    let body_fault = fired.as_ref().and_then(|f| f.body);
    if let Some(fired) = &fired {
        rewrite(&mut reply, fired);
    }
    write(reply, body_fault)
}

/// Applies a fired rule's status, replacement JSON or merge to a computed reply.
pub fn rewrite(reply: &mut Reply, fired: &Fired) {
    if let Some(json) = &fired.json {
        reply.body = Some(json.clone());
        reply.raw = None;
        reply.status = 200;
    } else if let Some(patch) = &fired.merge {
        if let Some(mut body) = reply.json() {
            merge_answer(&mut body, patch);
            reply.body = Some(body);
            reply.raw = None;
        }
    }
    if let Some(s) = fired.status {
        reply.status = s;
    }
}

fn finish(mut resp: Response, ids: &Ids) -> Response {
    let h = resp.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&ids.request_id) {
        h.insert("request-id", v);
    }
    if let Ok(v) = HeaderValue::from_str(&ids.client_request_id) {
        h.insert("client-request-id", v);
    }
    h.insert("cache-control", HeaderValue::from_static("no-cache"));
    h.insert("odata-version", HeaderValue::from_static("4.0"));
    resp
}

/// Serialises JSON into a buffer sized for it up front (pages can be 400 KB).
fn to_bytes(v: &serde_json::Value) -> Vec<u8> {
    let rows = v
        .get("value")
        .and_then(|x| x.as_array())
        .map_or(0, Vec::len);
    let mut out = Vec::with_capacity(1024 + rows * 640);
    let _ = serde_json::to_writer(&mut out, v);
    out
}

/// Serialises a reply, corrupting the body if a fault asks for it.
fn write(reply: Reply, fault: Option<BodyFault>) -> Response {
    let mut status = reply.status;
    let mut bytes = match reply.raw {
        Some(r) => r.into_bytes(),
        None => reply.body.as_ref().map(to_bytes).unwrap_or_default(),
    };
    let mut body = None;
    match fault {
        Some(BodyFault::Malformed) => {
            status = 200;
            let mut b = bytes[..bytes.len() / 3].to_vec();
            b.extend_from_slice(b"<html><body>502 Bad Gateway</body></html>,,}");
            bytes = b;
        }
        Some(BodyFault::Truncated) => {
            if bytes.is_empty() {
                bytes = b"{\"value\":[".to_vec();
            } else {
                bytes.truncate(bytes.len() / 2);
            }
        }
        Some(BodyFault::Reset) => {
            // Headers and half the body go out; a moment later the stream fails,
            // so hyper drops the connection mid-response.
            let half = Bytes::from(bytes[..bytes.len() / 2].to_vec());
            let stream = futures_util::stream::unfold(0u8, move |step| {
                let half = half.clone();
                async move {
                    match step {
                        0 => Some((Ok(half), 1)),
                        1 => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                            Some((
                                Err(std::io::Error::new(
                                    std::io::ErrorKind::ConnectionReset,
                                    "connection reset by fault rule",
                                )),
                                2,
                            ))
                        }
                        _ => None,
                    }
                }
            });
            body = Some(Body::from_stream(stream));
        }
        None => {}
    }
    let has_body = !bytes.is_empty() || reply.body.is_some() || fault.is_some();
    let mut resp = Response::new(body.unwrap_or_else(|| {
        if has_body {
            Body::from(bytes)
        } else {
            Body::empty()
        }
    }));
    *resp.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let h = resp.headers_mut();
    if has_body {
        h.insert("content-type", HeaderValue::from_static(JSON_TYPE));
    }
    for (k, v) in reply.headers {
        if let (Ok(name), Ok(val)) = (
            axum::http::HeaderName::from_bytes(k.as_bytes()),
            HeaderValue::from_str(&v),
        ) {
            h.append(name, val);
        }
    }
    resp
}
