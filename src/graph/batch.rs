//! `$batch` bodies (up to 20 sub-requests): GETs of any relative URLs (a
//! sub-request's `id` is its index), and the lookups that resolve subject
//! ids to user names; parsing of the sub-responses, and the cache of
//! resolved users.

use std::collections::{BTreeMap, HashMap};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::call::Call;
use super::endpoints::paths;
use super::error::{ErrorKind, GraphError};
use super::retry::parse_retry_after;
use super::transport::HttpMethod;
use crate::model::{lenient, GraphUser};

/// Graph's limit of sub-requests per `$batch`.
pub const MAX_BATCH: usize = 20;

/// One sub-request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchItem {
    pub id: String,
    pub method: String,
    pub url: String,
    /// The sub-request's own headers: a `$batch` does not pass the outer
    /// request's `Prefer` on, so each GET asks for the evolvable enum
    /// members itself (else `canceling` arrives as `unknownFutureValue`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<&'static str, &'static str>>,
}

/// `Prefer: include-unknown-enum-members`, for a sub-request.
fn prefer_all_enum_members() -> Option<BTreeMap<&'static str, &'static str>> {
    Some(BTreeMap::from([("Prefer", "include-unknown-enum-members")]))
}

impl BatchItem {
    /// The Graph call this sub-request is (its errors carry it).
    pub fn call(&self) -> Call {
        let method = if self.method.eq_ignore_ascii_case("POST") {
            HttpMethod::Post
        } else {
            HttpMethod::Get
        };
        Call::of(method, &self.url)
    }
}

/// The JSON body of `POST /$batch`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BatchRequest {
    pub requests: Vec<BatchItem>,
}

impl BatchRequest {
    /// The JSON text to send.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{\"requests\":[]}".to_string())
    }
}

/// Batches of GETs of `urls[i]` for each `i` of `indexes`, at most
/// [`MAX_BATCH`] each; a sub-request's `id` is its index in `urls`.
pub fn get_batches(urls: &[String], indexes: &[usize]) -> Vec<BatchRequest> {
    indexes
        .chunks(MAX_BATCH)
        .map(|chunk| BatchRequest {
            requests: chunk
                .iter()
                .filter_map(|&i| {
                    Some(BatchItem {
                        id: i.to_string(),
                        method: "GET".to_string(),
                        url: urls.get(i)?.clone(),
                        headers: prefer_all_enum_members(),
                    })
                })
                .collect(),
        })
        .filter(|b| !b.requests.is_empty())
        .collect()
}

/// What one batch answer gave for its GETs: each sub-request's body or
/// error by index, and those to send again (throttled, transient or
/// missing from the answer) with the longest `Retry-After` among them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct GetOutcome {
    pub answers: Vec<(usize, Result<Value, GraphError>)>,
    pub retry: Vec<usize>,
    pub retry_after: Option<Duration>,
}

/// Sorts a batch answer's sub-responses for the GETs of `request`.
pub fn get_outcome(request: &BatchRequest, response: &BatchResponse) -> GetOutcome {
    let mut outcome = GetOutcome::default();
    for item in &request.requests {
        let Ok(index) = item.id.parse::<usize>() else {
            continue;
        };
        match response.responses.iter().find(|r| r.id == item.id) {
            Some(sub) if sub.is_success() => outcome.answers.push((index, Ok(sub.body.clone()))),
            Some(sub) => {
                let err = sub.to_error().during(item.call());
                if err.is_retryable() {
                    outcome.retry.push(index);
                    outcome.retry_after = outcome.retry_after.max(err.retry_after);
                }
                outcome.answers.push((index, Err(err)));
            }
            None => outcome.retry.push(index),
        }
    }
    outcome
}

/// The relative URL that reads one user's names.
pub fn user_lookup_url(id: &str) -> String {
    format!(
        "{}?$select=id,displayName,userPrincipalName",
        paths::user(id)
    )
}

/// Batches that look up `ids` (blank and repeated ids dropped), at most
/// [`MAX_BATCH`] each; a sub-request's `id` is the user id itself.
pub fn user_lookup_batches(ids: &[String]) -> Vec<BatchRequest> {
    let mut unique: Vec<&str> = Vec::new();
    for id in ids.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !unique.contains(&id) {
            unique.push(id);
        }
    }
    unique
        .chunks(MAX_BATCH)
        .map(|chunk| BatchRequest {
            requests: chunk
                .iter()
                .map(|id| BatchItem {
                    id: id.to_string(),
                    method: "GET".to_string(),
                    url: user_lookup_url(id),
                    headers: None,
                })
                .collect(),
        })
        .collect()
}

/// One sub-response.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct SubResponse {
    #[serde(default, deserialize_with = "lenient::string")]
    pub id: String,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub status: Option<u16>,
    #[serde(default, deserialize_with = "lenient::opt")]
    pub headers: Option<HashMap<String, Value>>,
    #[serde(default)]
    pub body: Value,
}

impl SubResponse {
    /// A header value, matched without regard to case.
    pub fn header(&self, name: &str) -> Option<String> {
        let headers = self.headers.as_ref()?;
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
    }

    /// `Retry-After`, readable here (unlike on a top-level CORS response).
    pub fn retry_after(&self) -> Option<Duration> {
        self.header("Retry-After")
            .and_then(|v| parse_retry_after(&v))
    }

    /// Whether the status is 2xx.
    pub fn is_success(&self) -> bool {
        self.status.is_some_and(|s| (200..300).contains(&s))
    }

    /// The sub-response as an error (status, Graph error body, Retry-After).
    pub fn to_error(&self) -> GraphError {
        let status = self.status.unwrap_or(0);
        let mut err = GraphError::from_json(status, &self.body);
        err.retry_after = self.retry_after();
        err
    }
}

/// The body of a `$batch` answer.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct BatchResponse {
    #[serde(default, deserialize_with = "lenient::vec_of")]
    pub responses: Vec<SubResponse>,
}

/// What the cache knows about a user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserLookup {
    Found(GraphUser),
    /// 404: deleted or not a user; not asked again.
    NotFound,
}

/// What applying one batch answer gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BatchOutcome {
    /// Ids now known (found or not found).
    pub resolved: usize,
    /// Ids to ask again later (throttled, transient).
    pub retry: Vec<String>,
    /// The longest `Retry-After` among them.
    pub retry_after: Option<Duration>,
    /// A failure that stops resolution (e.g. 403: no permission to read users).
    pub fatal: Option<GraphError>,
}

/// Resolved users by id; shared by every page of the app.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct UserCache {
    users: HashMap<String, UserLookup>,
}

impl UserCache {
    /// An empty cache.
    pub fn new() -> Self {
        Self::default()
    }

    /// The user, when found.
    pub fn get(&self, id: &str) -> Option<&GraphUser> {
        match self.users.get(id) {
            Some(UserLookup::Found(user)) => Some(user),
            _ => None,
        }
    }

    /// Whether the id was already looked up (found or not).
    pub fn is_known(&self, id: &str) -> bool {
        self.users.contains_key(id)
    }

    /// Number of ids looked up.
    pub fn len(&self) -> usize {
        self.users.len()
    }

    /// Whether nothing was looked up yet.
    pub fn is_empty(&self) -> bool {
        self.users.is_empty()
    }

    /// The ids of `ids` not yet looked up, without repeats or blanks.
    pub fn missing<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for id in ids.into_iter().map(str::trim) {
            if !id.is_empty() && !self.is_known(id) && !out.iter().any(|o| o == id) {
                out.push(id.to_string());
            }
        }
        out
    }

    /// Records a lookup result.
    pub fn insert(&mut self, id: impl Into<String>, lookup: UserLookup) {
        self.users.insert(id.into(), lookup);
    }

    /// Every found user, for a table's name index.
    pub fn found_users(&self) -> HashMap<String, GraphUser> {
        self.users
            .iter()
            .filter_map(|(id, l)| match l {
                UserLookup::Found(u) => Some((id.clone(), u.clone())),
                UserLookup::NotFound => None,
            })
            .collect()
    }

    /// Applies a batch answer to the cache.
    pub fn apply(&mut self, request: &BatchRequest, response: &BatchResponse) -> BatchOutcome {
        let mut outcome = BatchOutcome::default();
        for item in &request.requests {
            let sub = response.responses.iter().find(|r| r.id == item.id);
            match sub {
                Some(sub) if sub.is_success() => {
                    let mut user: GraphUser =
                        crate::model::from_value(sub.body.clone()).unwrap_or_default();
                    if user.id.is_empty() {
                        user.id = item.id.clone();
                    }
                    self.insert(item.id.clone(), UserLookup::Found(user));
                    outcome.resolved += 1;
                }
                Some(sub) => self.apply_failure(item, sub, &mut outcome),
                None => outcome.retry.push(item.id.clone()),
            }
        }
        outcome
    }

    fn apply_failure(&mut self, item: &BatchItem, sub: &SubResponse, outcome: &mut BatchOutcome) {
        let err = sub.to_error().during(item.call());
        match err.kind {
            ErrorKind::NotFound | ErrorKind::BadRequest => {
                self.insert(item.id.clone(), UserLookup::NotFound);
                outcome.resolved += 1;
            }
            _ if err.is_retryable() => {
                outcome.retry.push(item.id.clone());
                outcome.retry_after = outcome.retry_after.max(err.retry_after);
            }
            _ => {
                if outcome.fatal.is_none() {
                    outcome.fatal = Some(err);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn urls(n: usize) -> Vec<String> {
        (0..n).map(|i| format!("/things/{i}")).collect()
    }

    #[test]
    fn gets_go_twenty_to_a_batch_with_their_index_as_id() {
        let all: Vec<usize> = (0..45).collect();
        let batches = get_batches(&urls(45), &all);
        let sizes: Vec<usize> = batches.iter().map(|b| b.requests.len()).collect();
        assert_eq!(sizes, vec![20, 20, 5]);
        assert_eq!(batches[2].requests[0].id, "40");
        assert_eq!(batches[2].requests[0].url, "/things/40");
        assert!(get_batches(&urls(2), &[7]).is_empty());
    }

    #[test]
    fn each_get_asks_for_every_enum_member_itself() {
        let json = get_batches(&urls(1), &[0])[0].to_json();
        assert_eq!(
            json,
            r#"{"requests":[{"id":"0","method":"GET","url":"/things/0","headers":{"Prefer":"include-unknown-enum-members"}}]}"#
        );
        let lookup = user_lookup_batches(&["u1".to_string()])[0].to_json();
        assert!(!lookup.contains("headers"), "{lookup}");
    }

    #[test]
    fn an_answer_sorts_bodies_errors_and_retries() {
        let batch = &get_batches(&urls(4), &[0, 1, 2, 3])[0];
        let response: BatchResponse = serde_json::from_value(json!({"responses": [
            {"id": "2", "status": 429, "headers": {"Retry-After": "3"}, "body": {"error": {"code": "TooManyRequests", "message": "slow down"}}},
            {"id": "0", "status": 200, "body": {"value": []}},
            {"id": "1", "status": 404, "body": {"error": {"code": "NotFound", "message": "gone"}}}
        ]}))
        .unwrap();
        let outcome = get_outcome(batch, &response);
        assert_eq!(outcome.retry, vec![2, 3]);
        assert_eq!(outcome.retry_after, Some(Duration::from_secs(3)));
        let ok: Vec<usize> = outcome
            .answers
            .iter()
            .filter(|(_, a)| a.is_ok())
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(ok, vec![0]);
        let failed: Vec<usize> = outcome
            .answers
            .iter()
            .filter(|(_, a)| a.is_err())
            .map(|(i, _)| *i)
            .collect();
        assert_eq!(failed, vec![1, 2]);
    }
}
