//! Graph's error bodies: `{"error":{"code","message","innerError":{date,
//! request-id, client-request-id}}}` and constructors for the usual cases
//! (the sign-in endpoints' Entra errors are [`crate::identity::errors`]).

use serde_json::{json, Value};

use crate::ticks;
use crate::wire::{Ids, Reply};

#[derive(Clone, Debug, PartialEq)]
pub struct GraphError {
    pub status: u16,
    pub code: String,
    pub message: String,
    pub headers: Vec<(String, String)>,
}

pub const WWW_AUTHENTICATE: &str = "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"";

impl GraphError {
    pub fn new(status: u16, code: &str, message: impl Into<String>) -> GraphError {
        GraphError {
            status,
            code: code.to_string(),
            message: message.into(),
            headers: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> GraphError {
        GraphError::new(400, "BadRequest", message)
    }

    pub fn not_found(message: impl Into<String>) -> GraphError {
        GraphError::new(404, "NotFound", message)
    }

    pub fn segment(seg: &str) -> GraphError {
        GraphError::bad_request(format!("Resource not found for the segment '{seg}'."))
    }

    pub fn method_not_allowed() -> GraphError {
        GraphError::new(
            405,
            "BadRequest",
            "Specified HTTP method is not allowed for the request target.",
        )
    }

    pub fn unauthorized(message: impl Into<String>) -> GraphError {
        let mut e = GraphError::new(401, "InvalidAuthenticationToken", message);
        e.headers
            .push(("WWW-Authenticate".into(), WWW_AUTHENTICATE.into()));
        e
    }

    pub fn forbidden() -> GraphError {
        GraphError::new(
            403,
            "Authorization_RequestDenied",
            "Insufficient privileges to complete the operation.",
        )
    }

    /// The error for an injected or throttled status.
    pub fn for_status(status: u16) -> GraphError {
        let (code, msg) = match status {
            429 => ("TooManyRequests", "Too many requests. Please retry after the number of seconds in the Retry-After header."),
            503 => ("ServiceUnavailable", "The service is temporarily unavailable. Please retry later."),
            504 => ("GatewayTimeout", "The gateway did not receive a timely response from the upstream service."),
            500 => ("InternalServerError", "An internal server error occurred while processing the request."),
            502 => ("BadGateway", "The gateway received an invalid response from the upstream service."),
            401 => ("InvalidAuthenticationToken", "Access token validation failure."),
            403 => ("Authorization_RequestDenied", "Insufficient privileges to complete the operation."),
            404 => ("NotFound", "The requested resource was not found."),
            400 => ("BadRequest", "The request is malformed or incorrect."),
            _ => ("UnknownError", "An error occurred."),
        };
        GraphError::new(status, code, msg)
    }

    pub fn body(&self, ids: &Ids) -> Value {
        error_body(&self.code, &self.message, ids)
    }

    pub fn into_reply(self, ids: &Ids) -> Reply {
        let body = self.body(ids);
        Reply {
            raw: None,
            status: self.status,
            headers: self.headers,
            body: Some(body),
        }
    }
}

pub fn error_body(code: &str, message: &str, ids: &Ids) -> Value {
    json!({
        "error": {
            "code": code,
            "message": message,
            "innerError": {
                "date": ticks::iso_seconds(ticks::now()),
                "request-id": ids.request_id,
                "client-request-id": ids.client_request_id,
            }
        }
    })
}
