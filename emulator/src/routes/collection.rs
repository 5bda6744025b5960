//! The shared collection pipeline (filter, order, count, page, render,
//! select) and the `@odata.context` URLs Graph writes.

use serde_json::{Map, Value};

use crate::errors::GraphError;
use crate::odata::eval::{compare, eval};
use crate::odata::select::Select;
use crate::odata::{Query, Row};
use crate::paging;
use crate::wire::{GraphRequest, Reply};

/// `{base}/{version}/$metadata#{path}[(select)][/$entity]`.
pub fn context(
    req: &GraphRequest,
    version: &str,
    path: &str,
    select: Option<&Select>,
    entity: bool,
) -> String {
    let sel = select.map(|s| format!("({})", s.raw)).unwrap_or_default();
    let ent = if entity { "/$entity" } else { "" };
    format!("{}/{version}/$metadata#{path}{sel}{ent}", req.base)
}

/// Filters, orders and pages `rows`, rendering only the page.
pub fn list<R: Row>(
    req: &GraphRequest,
    q: &Query,
    mut rows: Vec<R>,
    context: String,
    render: impl Fn(&R) -> Map<String, Value>,
) -> Result<Reply, GraphError> {
    if let Some(f) = &q.filter {
        rows.retain(|r| eval(f, r));
    }
    if !q.orderby.is_empty() {
        rows.sort_by(|a, b| {
            for (path, desc) in &q.orderby {
                let o = compare(&a.field(path), &b.field(path));
                let o = if *desc { o.reverse() } else { o };
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            std::cmp::Ordering::Equal
        });
    }
    let total = rows.len();
    let fp = q.fingerprint();
    let offset = match &q.skiptoken {
        Some(t) => paging::decode(t, fp).map_err(GraphError::bad_request)?,
        None => 0,
    };
    let size = q
        .top
        .or_else(|| {
            req.max_page_size()
                .map(|n| n.clamp(1, crate::odata::query::MAX_TOP))
        })
        .unwrap_or(paging::DEFAULT_PAGE);
    let start = offset.min(total);
    let end = start.saturating_add(size).min(total);
    let values: Vec<Value> = rows[start..end]
        .iter()
        .map(|r| crate::views::select(render(r), q.select.as_ref()))
        .collect();
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context));
    if q.count {
        body.insert("@odata.count".into(), Value::from(total));
    }
    body.insert("value".into(), Value::Array(values));
    if end < total && size > 0 {
        body.insert(
            "@odata.nextLink".into(),
            Value::String(paging::next_link(req, &paging::encode(end, fp))),
        );
    }
    Ok(Reply::ok(Value::Object(body)))
}

/// One entity: `@odata.context` first, then the (selected) properties.
pub fn entity(context: String, m: Map<String, Value>, q: &Query) -> Reply {
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context));
    if let Value::Object(sel) = crate::views::select(m, q.select.as_ref()) {
        body.extend(sel);
    }
    Reply::ok(Value::Object(body))
}
