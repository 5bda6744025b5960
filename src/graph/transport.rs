//! Sending one HTTP request. The browser transport (wasm32 only) adds
//! `Authorization`, `Prefer: include-unknown-enum-members` and a fresh
//! `client-request-id`, reads `request-id`, and turns every failure into a
//! [`GraphError`]. Natively the same type exists but cannot send.

use std::future::Future;
use std::time::Duration;

use super::error::GraphError;
use super::secret::Secret;

/// GET or POST (the only methods the viewer uses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HttpMethod {
    Get,
    Post,
}

/// A request before the transport adds headers. Holds no token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpRequest {
    pub method: HttpMethod,
    pub url: String,
    /// JSON text for POST.
    pub body: Option<String>,
}

impl HttpRequest {
    /// `GET url`.
    pub fn get(url: impl Into<String>) -> Self {
        HttpRequest {
            method: HttpMethod::Get,
            url: url.into(),
            body: None,
        }
    }

    /// `POST url` with a JSON body.
    pub fn post_json(url: impl Into<String>, body: String) -> Self {
        HttpRequest {
            method: HttpMethod::Post,
            url: url.into(),
            body: Some(body),
        }
    }
}

/// A response as the client needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub body: String,
    /// The `request-id` response header.
    pub request_id: Option<String>,
    /// The `client-request-id` that was sent.
    pub client_request_id: Option<String>,
}

/// What the client needs from the platform: send, wait, and a random number.
pub trait Transport: Clone + 'static {
    /// Sends `request` with `token` as bearer. `Err` only when no response
    /// arrived (network, CORS, timeout, abort).
    fn send(
        &self,
        request: &HttpRequest,
        token: &Secret,
    ) -> impl Future<Output = Result<HttpResponse, GraphError>>;
    /// Waits `delay`.
    fn sleep(&self, delay: Duration) -> impl Future<Output = ()>;
    /// A uniform random number in `[0, 1)` for backoff jitter.
    fn jitter(&self) -> f64;
}

/// Time limit of one request.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The browser's `fetch` (wasm32); natively every call fails with
/// [`ErrorKind::Unsupported`](super::error::ErrorKind::Unsupported).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BrowserTransport;

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::Cell;
    use std::rc::Rc;

    use gloo_net::http::Request;

    use super::*;
    use crate::graph::request_id::uuid_v4;

    fn random_request_id() -> String {
        let mut bytes = [0u8; 16];
        let filled = web_sys::window()
            .and_then(|w| w.crypto().ok())
            .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
            .is_some();
        if !filled {
            for b in bytes.iter_mut() {
                *b = (js_sys::Math::random() * 256.0) as u8;
            }
        }
        uuid_v4(bytes)
    }

    /// A body as text; bytes that are not UTF-8 become U+FFFD (as `text()`
    /// would make them), valid text is not copied again.
    fn utf8_lossy(bytes: Vec<u8>) -> String {
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
    }

    /// Aborts the request when the future sending it is dropped before the
    /// whole answer arrived (its screen went away or its load was stopped).
    struct AbortOnDrop(Option<web_sys::AbortController>);

    impl Drop for AbortOnDrop {
        fn drop(&mut self) {
            if let Some(controller) = self.0.take() {
                controller.abort();
            }
        }
    }

    pub(super) async fn send(
        request: &HttpRequest,
        token: &Secret,
    ) -> Result<HttpResponse, GraphError> {
        let client_request_id = random_request_id();
        let controller = web_sys::AbortController::new()
            .map_err(|_| GraphError::network("AbortController is unavailable"))?;
        let mut abort_on_drop = AbortOnDrop(Some(controller.clone()));
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let timed_out = Rc::clone(&timed_out);
            let controller = controller.clone();
            let ms = u32::try_from(REQUEST_TIMEOUT.as_millis()).unwrap_or(u32::MAX);
            gloo_timers::callback::Timeout::new(ms, move || {
                timed_out.set(true);
                controller.abort();
            })
        };
        let builder = match request.method {
            HttpMethod::Get => Request::get(&request.url),
            HttpMethod::Post => Request::post(&request.url),
        };
        let signal = controller.signal();
        let builder = builder
            .header("Authorization", &format!("Bearer {}", token.expose()))
            .header("Accept", "application/json")
            .header("Prefer", "include-unknown-enum-members")
            .header("client-request-id", &client_request_id)
            .abort_signal(Some(&signal));
        let built = match &request.body {
            Some(body) => builder
                .header("Content-Type", "application/json")
                .body(body.clone()),
            None => builder.build(),
        };
        let built = built.map_err(|_| GraphError::network("The request could not be built"))?;
        let sent = built.send().await;
        drop(timer);
        let response =
            match sent {
                Ok(r) => r,
                Err(_) if timed_out.get() => return Err(GraphError::timeout()),
                Err(_) => return Err(GraphError::network(
                    "The browser refused or could not complete the request (offline, DNS or CORS)",
                )),
            };
        let status = response.status();
        let request_id = response.headers().get("request-id");
        // The bytes, not `text()`: a string would be decoded into UTF-16
        // by the browser and encoded back into UTF-8 for wasm.
        let body = response.binary().await.map(utf8_lossy).unwrap_or_default();
        abort_on_drop.0 = None;
        Ok(HttpResponse {
            status,
            body,
            request_id,
            client_request_id: Some(client_request_id),
        })
    }

    pub(super) async fn sleep(delay: Duration) {
        let ms = u32::try_from(delay.as_millis()).unwrap_or(u32::MAX);
        gloo_timers::future::TimeoutFuture::new(ms).await;
    }

    pub(super) fn jitter() -> f64 {
        js_sys::Math::random()
    }
}

impl Transport for BrowserTransport {
    #[cfg(target_arch = "wasm32")]
    fn send(
        &self,
        request: &HttpRequest,
        token: &Secret,
    ) -> impl Future<Output = Result<HttpResponse, GraphError>> {
        browser::send(request, token)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn send(
        &self,
        _request: &HttpRequest,
        _token: &Secret,
    ) -> impl Future<Output = Result<HttpResponse, GraphError>> {
        std::future::ready(Err(GraphError::unsupported()))
    }

    #[cfg(target_arch = "wasm32")]
    fn sleep(&self, delay: Duration) -> impl Future<Output = ()> {
        browser::sleep(delay)
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn sleep(&self, _delay: Duration) -> impl Future<Output = ()> {
        std::future::ready(())
    }

    #[cfg(target_arch = "wasm32")]
    fn jitter(&self) -> f64 {
        browser::jitter()
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn jitter(&self) -> f64 {
        0.5
    }
}
