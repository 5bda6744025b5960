//! Directory lookups: `GET /users` (with `$search`, which needs
//! `ConsistencyLevel: eventual`, and `$filter` of `startswith`),
//! `GET /users/{id|upn}` and `POST /directoryObjects/getByIds`.

use std::borrow::Cow;

use axum::http::Method;
use serde_json::{json, Map, Value};

use super::collection::{context, entity, list};
use crate::access_token::Claims;
use crate::bearer_auth::{authorize, Perm};
use crate::dataset::Dataset;
use crate::dataset::User;
use crate::graph_error::GraphError;
use crate::odata::eval::{Row, Val};
use crate::odata::query::Allow;
use crate::odata::{schema, Query};
use crate::resource_json;
use crate::wire::{GraphRequest, Reply};

pub fn get(
    req: &GraphRequest,
    ver: &str,
    s: &[&str],
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    let [key] = s else {
        return match s.get(1) {
            Some(x) => Err(GraphError::segment(x)),
            None => list_users(req, ver, ds, claims),
        };
    };
    if req.method != Method::GET {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Users)?;
    let q = Query::parse(
        &req.query,
        &schema::USER,
        Allow {
            expand: false,
            ..Allow::ENTITY
        },
    )
    .map_err(GraphError::bad_request)?;
    let key = key.trim_start_matches("('").trim_end_matches("')");
    let u = ds.user_by_key(key).ok_or_else(|| {
        GraphError::new(
            404,
            "Request_ResourceNotFound",
            format!("Resource '{key}' does not exist or one of its queried reference-property objects are not present."),
        )
    })?;
    let m = resource_json::user(u, q.select.is_some());
    Ok(entity(
        context(req, ver, "users", q.select.as_ref(), true),
        m,
        &q,
    ))
}

pub fn get_by_ids(
    req: &GraphRequest,
    ver: &str,
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::POST {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Users)?;
    let body: Value = serde_json::from_slice(&req.body)
        .map_err(|_| GraphError::bad_request(super::INVALID_JSON))?;
    let ids = body.get("ids").and_then(Value::as_array).ok_or_else(|| {
        GraphError::bad_request("Invalid request: the 'ids' parameter is required.")
    })?;
    if ids.len() > 1000 {
        return Err(GraphError::bad_request(
            "Invalid request: the 'ids' parameter may contain at most 1000 identifiers.",
        ));
    }
    if let Some(types) = body.get("types").and_then(Value::as_array) {
        if !types
            .iter()
            .filter_map(Value::as_str)
            .any(|t| t.eq_ignore_ascii_case("user"))
        {
            return Ok(Reply::ok(
                json!({ "@odata.context": context(req, ver, "directoryObjects", None, false), "value": [] }),
            ));
        }
    }
    let mut values = Vec::new();
    for id in ids {
        let id = id.as_str().ok_or_else(|| {
            GraphError::bad_request("Invalid request: every id must be a string.")
        })?;
        if crate::rng::Guid::parse(id).is_none() {
            return Err(GraphError::bad_request(format!(
                "Invalid object identifier '{id}'."
            )));
        }
        if let Some(u) = ds.user_by_key(id) {
            let mut m = Map::new();
            m.insert("@odata.type".into(), json!("#microsoft.graph.user"));
            m.extend(resource_json::user(u, false));
            values.push(Value::Object(m));
        }
    }
    Ok(Reply::ok(
        json!({ "@odata.context": context(req, ver, "directoryObjects", None, false), "value": values }),
    ))
}

/// A directory user as a collection row (for `$count` and paging).
struct UserRow<'a>(&'a User);

impl Row for UserRow<'_> {
    fn field(&self, path: &str) -> Val<'_> {
        let u = self.0;
        let s = match path {
            "displayName" => Some(u.display_name.as_str()),
            "userPrincipalName" => Some(u.upn.as_str()),
            "mail" => u.mail.as_deref(),
            "givenName" => u.given_name.as_deref(),
            "surname" => u.surname.as_deref(),
            _ => None,
        };
        s.map(|x| Val::Str(Cow::Borrowed(x))).unwrap_or(Val::Null)
    }
}

/// The properties `$search` and `startswith` look at, as Graph's user
/// search does (tokenized prefix match on names, UPN and mail).
const SEARCHED: &[&str] = &[
    "displayName",
    "givenName",
    "surname",
    "userPrincipalName",
    "mail",
];

/// `GET /users`: `$search="displayName:x"` (needs `ConsistencyLevel:
/// eventual`, as Graph), `$filter=startswith(p,'x') [or ...]`, `$select`,
/// `$top`, `$count`.
fn list_users(
    req: &GraphRequest,
    ver: &str,
    ds: &Dataset,
    claims: &Claims,
) -> Result<Reply, GraphError> {
    if req.method != Method::GET {
        return Err(GraphError::method_not_allowed());
    }
    authorize(claims, Perm::Users)?;
    let take = |name: &str| {
        req.query
            .iter()
            .find(|(k, _)| k.trim_start_matches('$').eq_ignore_ascii_case(name))
            .map(|(_, v)| v.clone())
    };
    let search = take("search");
    let filter = take("filter");
    let count_asked = take("count").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let eventual = req
        .header("consistencylevel")
        .is_some_and(|v| v.eq_ignore_ascii_case("eventual"));
    if (search.is_some() || count_asked) && !eventual {
        // Graph: advanced queries ($search, $count on directory objects)
        // need the ConsistencyLevel header.
        return Err(GraphError::new(
            400,
            "Request_UnsupportedQuery",
            "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
        ));
    }
    let rest: Vec<(String, String)> = req
        .query
        .iter()
        .filter(|(k, _)| {
            let k = k.trim_start_matches('$').to_ascii_lowercase();
            k != "search" && k != "filter"
        })
        .cloned()
        .collect();
    let q = Query::parse(
        &rest,
        &schema::USER,
        Allow {
            expand: false,
            orderby: false,
            ..Allow::LIST
        },
    )
    .map_err(GraphError::bad_request)?;
    let terms = match &search {
        Some(s) => search_terms(s)?,
        None => Vec::new(),
    };
    let prefixes = match &filter {
        Some(f) => startswith_filter(f)?,
        None => Vec::new(),
    };
    let rows = ds
        .users
        .iter()
        .map(UserRow)
        .filter(|r| {
            terms
                .iter()
                .all(|(p, t)| matches_search(r, p.as_deref(), t))
        })
        .filter(|r| prefixes.is_empty() || prefixes.iter().any(|(p, x)| starts(&r.field(p), x)));
    list(
        req,
        &q,
        rows,
        context(req, ver, "users", q.select.as_ref(), false),
        |r| resource_json::user(r.0, q.select.is_some()),
        None,
    )
}

fn starts(v: &Val<'_>, prefix: &str) -> bool {
    match v {
        Val::Str(s) => s.to_lowercase().starts_with(prefix),
        _ => false,
    }
}

/// Graph's `$search` on users: words of the property value start with the term.
fn matches_search(r: &UserRow<'_>, prop: Option<&str>, term: &str) -> bool {
    let props: Vec<&str> = match prop {
        Some(p) => vec![p],
        None => SEARCHED.to_vec(),
    };
    props.iter().any(|p| match r.field(p) {
        Val::Str(s) => {
            let s = s.to_lowercase();
            s.starts_with(term)
                || s.split(|c: char| !c.is_alphanumeric())
                    .any(|w| w.starts_with(term))
        }
        _ => false,
    })
}

/// `"displayName:ada" OR "mail:ada"` -> clauses; AND of quoted clauses only.
/// Each clause is `(property or any, lowercased term)`.
fn search_terms(raw: &str) -> Result<Vec<(Option<String>, String)>, GraphError> {
    let bad = || {
        GraphError::new(
            400,
            "Request_UnsupportedQuery",
            format!("Syntax error: the $search value '{raw}' must be clauses in double quotes, such as \"displayName:ada\"."),
        )
    };
    let mut out = Vec::new();
    let mut rest = raw.trim();
    while !rest.is_empty() {
        let inner = rest.strip_prefix('"').ok_or_else(bad)?;
        let end = inner.find('"').ok_or_else(bad)?;
        let clause = &inner[..end];
        rest = inner[end + 1..].trim_start();
        if let Some(r) = rest.strip_prefix("AND") {
            rest = r.trim_start();
        }
        let (prop, term) = match clause.split_once(':') {
            Some((p, t)) => {
                let p = SEARCHED
                    .iter()
                    .find(|s| s.eq_ignore_ascii_case(p.trim()))
                    .ok_or_else(|| {
                        GraphError::bad_request(format!(
                            "Property '{p}' is not searchable on users."
                        ))
                    })?;
                (Some(p.to_string()), t.trim())
            }
            None => (None, clause.trim()),
        };
        if term.is_empty() {
            return Err(bad());
        }
        out.push((prop, term.to_lowercase()));
    }
    if out.is_empty() {
        return Err(bad());
    }
    Ok(out)
}

/// `startswith(displayName,'ad') or startswith(userPrincipalName,'ad')`.
fn startswith_filter(raw: &str) -> Result<Vec<(&'static str, String)>, GraphError> {
    let bad = || {
        GraphError::new(
            400,
            "Request_UnsupportedQuery",
            format!("Unsupported or invalid query filter clause specified for users: '{raw}'. The emulator accepts startswith(property,'text') joined with or."),
        )
    };
    let mut out = Vec::new();
    for part in raw.split(" or ") {
        let p = part.trim();
        let args = p
            .strip_prefix("startswith(")
            .and_then(|x| x.strip_suffix(')'))
            .ok_or_else(bad)?;
        let (prop, lit) = args.split_once(',').ok_or_else(bad)?;
        let prop = SEARCHED
            .iter()
            .find(|s| s.eq_ignore_ascii_case(prop.trim()))
            .ok_or_else(bad)?;
        let lit = lit
            .trim()
            .strip_prefix('\'')
            .and_then(|x| x.strip_suffix('\''))
            .ok_or_else(bad)?
            .replace("''", "'");
        out.push((*prop, lit.to_lowercase()));
    }
    Ok(out)
}
