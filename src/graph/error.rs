//! The one error type of every Graph call, read from Graph's error JSON or
//! from whatever else came back (HTML, empty body, a network failure), with
//! words an administrator understands.

use std::time::Duration;

use serde_json::Value;

use super::call::Call;

/// What went wrong, coarsely, for branching in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// 401: expired or malformed token.
    Unauthorized,
    /// 403: missing permission or role.
    Forbidden,
    /// 404 / 410: the object is gone or the link is wrong.
    NotFound,
    /// 400: bad OData or request.
    BadRequest,
    /// 429: too many requests.
    Throttled,
    /// 503 / 504: temporarily unavailable.
    Unavailable,
    /// Other 5xx.
    Server,
    /// Any other non-success status.
    Http,
    /// No response: offline, DNS, or a CORS refusal (the browser hides which).
    Network,
    /// No answer in time.
    Timeout,
    /// Stopped by the user.
    Aborted,
    /// A success status with a body that is not the expected JSON.
    MalformedBody,
    /// HTTP is not available in this build (native tests).
    Unsupported,
}

/// An error of a Graph call. Never contains the token.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.summary())]
pub struct GraphError {
    pub kind: ErrorKind,
    /// HTTP status, `None` when no response arrived.
    pub status: Option<u16>,
    /// Graph's `error.code`, e.g. `Authorization_RequestDenied`.
    pub code: Option<Box<str>>,
    /// Graph's `error.message`, or a short excerpt of a non-Graph body.
    pub message: Option<Box<str>>,
    /// `request-id` (header, else `innerError`): quote it to Microsoft support.
    pub request_id: Option<Box<str>>,
    /// `client-request-id` the viewer sent.
    pub client_request_id: Option<Box<str>>,
    /// `innerError.date`.
    pub date: Option<Box<str>>,
    /// `Retry-After`, when readable (inside `$batch` sub-responses).
    pub retry_after: Option<Duration>,
    /// The page link whose request failed during paging: loading can resume
    /// from it without fetching the pages already delivered again.
    pub resume_from: Option<Box<str>>,
    /// The call whose request failed (a 403 names its permissions);
    /// `None` for an error no request stands behind.
    pub call: Option<Call>,
}

/// Longest excerpt of a non-Graph body kept in `message`.
const EXCERPT_CHARS: usize = 200;

impl GraphError {
    fn bare(kind: ErrorKind, status: Option<u16>) -> Self {
        GraphError {
            kind,
            status,
            code: None,
            message: None,
            request_id: None,
            client_request_id: None,
            date: None,
            retry_after: None,
            resume_from: None,
            call: None,
        }
    }

    /// The error kind a non-success HTTP status stands for.
    pub fn kind_for_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 | 410 => ErrorKind::NotFound,
            408 => ErrorKind::Timeout,
            429 => ErrorKind::Throttled,
            503 | 504 => ErrorKind::Unavailable,
            500..=599 => ErrorKind::Server,
            _ => ErrorKind::Http,
        }
    }

    /// An error from a non-success response: `body` may be Graph's error
    /// JSON, other JSON, HTML, text or empty. `request_id` is the response
    /// header, preferred over the one inside the body.
    pub fn from_response(status: u16, body: &str, request_id: Option<String>) -> Self {
        let mut err = Self::bare(Self::kind_for_status(status), Some(status));
        match serde_json::from_str::<Value>(body) {
            Ok(json) => err.read_graph_error(&json),
            Err(_) => err.message = excerpt(body),
        }
        if let Some(id) = request_id.filter(|id| !id.is_empty()) {
            err.request_id = Some(id.into());
        }
        err
    }

    /// An error read from an already parsed body (e.g. a `$batch` sub-response).
    pub fn from_json(status: u16, body: &Value) -> Self {
        let mut err = Self::bare(Self::kind_for_status(status), Some(status));
        err.read_graph_error(body);
        err
    }

    fn read_graph_error(&mut self, json: &Value) {
        let Some(error) = json.get("error") else {
            self.message = Some("The answer was JSON, but not a Microsoft Graph error.".into());
            return;
        };
        if let Some(text) = error.as_str() {
            // OAuth-style `{"error": "invalid_token", "error_description": "..."}`.
            self.code = Some(text.into());
            self.message = json
                .get("error_description")
                .and_then(Value::as_str)
                .and_then(excerpt);
            return;
        }
        self.code = str_field(error, "code");
        self.message = str_field(error, "message");
        let inner = error
            .get("innerError")
            .or_else(|| error.get("innererror"))
            .or_else(|| error.get("InnerError"));
        if let Some(inner) = inner {
            self.request_id = str_field(inner, "request-id");
            self.client_request_id = str_field(inner, "client-request-id");
            self.date = str_field(inner, "date");
        }
    }

    /// No response at all: offline, DNS failure, or CORS refusal.
    pub fn network(detail: impl Into<String>) -> Self {
        let mut err = Self::bare(ErrorKind::Network, None);
        err.message = excerpt(&detail.into());
        err
    }

    /// No answer within the time limit.
    pub fn timeout() -> Self {
        Self::bare(ErrorKind::Timeout, None)
    }

    /// Stopped on request.
    pub fn aborted() -> Self {
        Self::bare(ErrorKind::Aborted, None)
    }

    /// A success status whose body could not be read.
    pub fn malformed(status: Option<u16>, detail: impl Into<String>) -> Self {
        let mut err = Self::bare(ErrorKind::MalformedBody, status);
        err.message = excerpt(&detail.into());
        err
    }

    /// HTTP is unavailable in this build.
    pub fn unsupported() -> Self {
        let mut err = Self::bare(ErrorKind::Unsupported, None);
        err.message = Some("HTTP calls are only available in the browser build.".into());
        err
    }

    /// Sets the ids the transport knows (`client-request-id` sent, `request-id` received).
    pub fn with_ids(
        mut self,
        request_id: Option<String>,
        client_request_id: Option<String>,
    ) -> Self {
        if self.request_id.is_none() {
            self.request_id = request_id.filter(|s| !s.is_empty()).map(Into::into);
        }
        if self.client_request_id.is_none() {
            self.client_request_id = client_request_id.filter(|s| !s.is_empty()).map(Into::into);
        }
        self
    }

    /// Marks the call whose request failed, unless one is marked already
    /// (a `$batch` sub-request's own call stays).
    pub fn during(mut self, call: Call) -> Self {
        self.call.get_or_insert(call);
        self
    }

    /// Marks the page link whose request failed, so paging can resume there.
    pub fn resuming_at(mut self, url: impl Into<String>) -> Self {
        self.resume_from = Some(url.into().into());
        self
    }

    /// Removes every occurrence of `secret` from the texts (a server could echo it).
    pub fn redact(mut self, secret: &str) -> Self {
        if secret.is_empty() {
            return self;
        }
        for field in [
            &mut self.message,
            &mut self.code,
            &mut self.request_id,
            &mut self.client_request_id,
            &mut self.date,
        ]
        .into_iter()
        .flatten()
        {
            if field.contains(secret) {
                *field = field.replace(secret, "[redacted]").into();
            }
        }
        self
    }

    /// Worth retrying after a pause: throttling, 503/504, time-outs.
    pub fn is_retryable(&self) -> bool {
        matches!(
            self.kind,
            ErrorKind::Throttled | ErrorKind::Unavailable | ErrorKind::Timeout
        )
    }

    /// Signing in again may help.
    pub fn needs_sign_in(&self) -> bool {
        self.kind == ErrorKind::Unauthorized
    }

    /// What happened and what to do, for an administrator.
    pub fn user_message(&self) -> String {
        let graph_says = self
            .message
            .as_deref()
            .map(|m| format!(" Microsoft Graph says: {m}"))
            .unwrap_or_default();
        match self.kind {
            ErrorKind::Unauthorized => "Your sign-in has expired or the token is not valid. Sign in again or paste a fresh token.".to_string(),
            ErrorKind::Forbidden => format!("{}{graph_says}", self.denied()),
            ErrorKind::NotFound => "Not found: the workflow, run or result no longer exists (it may have been deleted), or the link is wrong.".to_string(),
            ErrorKind::BadRequest => format!("Microsoft Graph rejected the request as invalid (for example a filter it does not support).{graph_says}"),
            ErrorKind::Throttled => "Microsoft Graph is throttling requests (too many in a short time). The viewer retried several times; wait a minute and try again.".to_string(),
            ErrorKind::Unavailable => "Microsoft Graph is temporarily unavailable. The viewer retried several times; try again in a few minutes.".to_string(),
            ErrorKind::Server => format!(
                "Microsoft Graph had an internal error ({}). Try again later; if it persists, give the request id to Microsoft support.",
                self.status.unwrap_or(500)
            ),
            ErrorKind::Http => format!(
                "Microsoft Graph answered with an unexpected status {}.{graph_says}",
                self.status.map(|s| s.to_string()).unwrap_or_default()
            ),
            ErrorKind::Network => "Could not reach Microsoft Graph, or the connection dropped. Check the network connection; a custom endpoint must also allow cross-origin (CORS) requests from this site and be allowed by the site's Content-Security-Policy (connect-src).".to_string(),
            ErrorKind::Timeout => "Microsoft Graph did not answer in time. Try again, or narrow the date range.".to_string(),
            ErrorKind::Aborted => "Loading was stopped.".to_string(),
            ErrorKind::MalformedBody => "Microsoft Graph answered with data the viewer could not read.".to_string(),
            ErrorKind::Unsupported => "Network calls are not available in this build.".to_string(),
        }
    }

    /// "Access denied to GET workflows (the workflow list)." and the two
    /// reasons Graph has; the permissions by name come from the table of
    /// calls in `auth::permissions`, which knows the token.
    pub fn denied(&self) -> String {
        let call = match self.call {
            Some(call) if call != Call::Other => {
                format!(" to {} ({})", call.label(), call.purpose())
            }
            _ => String::new(),
        };
        format!("Access denied{call}: the token lacks a permission this call needs, or the signed-in user lacks a role.")
    }

    /// `code · request-id · client-request-id · date`, for "copy details".
    pub fn support_details(&self) -> String {
        let mut parts = Vec::new();
        if let Some(s) = self.status {
            parts.push(format!("status: {s}"));
        }
        for (label, value) in [
            ("code", &self.code),
            ("request-id", &self.request_id),
            ("client-request-id", &self.client_request_id),
            ("date", &self.date),
        ] {
            if let Some(v) = value {
                parts.push(format!("{label}: {v}"));
            }
        }
        parts.join(" · ")
    }

    fn summary(&self) -> String {
        match (&self.code, self.status) {
            (Some(code), Some(status)) => format!("{status} {code}: {}", self.user_message()),
            (None, Some(status)) => format!("{status}: {}", self.user_message()),
            _ => self.user_message(),
        }
    }
}

fn str_field(v: &Value, key: &str) -> Option<Box<str>> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .map(Into::into)
}

/// A short, single-line excerpt of a non-Graph body: an HTML `<title>`
/// when there is one, else the first characters of the text.
fn excerpt(body: &str) -> Option<Box<str>> {
    let text = html_title(body).unwrap_or(body);
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.is_empty() {
        return None;
    }
    let mut cut: String = one_line.chars().take(EXCERPT_CHARS).collect();
    if one_line.chars().count() > EXCERPT_CHARS {
        cut.push('…');
    }
    Some(cut.into())
}

fn html_title(body: &str) -> Option<&str> {
    let lower = body.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower.get(open..)?.find('>')? + 1;
    let end = start + lower.get(start..)?.find("</title")?;
    body.get(start..end)
}
