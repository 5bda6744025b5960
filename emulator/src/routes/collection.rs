//! The shared collection pipeline (filter, order, count, page, render,
//! select) and the `@odata.context` URLs Graph writes.

use serde_json::{Map, Value};

use crate::graph_error::GraphError;
use crate::odata::eval::{compare, eval};
use crate::odata::select::Select;
use crate::odata::{Query, Row};
use crate::paging;
use crate::wire::{GraphRequest, Reply};

/// Writes one row as JSON text (the fast path of `list`).
pub type FastWriter<'a, R> = &'a dyn Fn(&R, &mut String);

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

/// Filters, orders and pages `rows`, rendering only the page. Without
/// `$filter`/`$orderby` the rows are streamed, never collected.
pub fn list<R: Row>(
    req: &GraphRequest,
    q: &Query,
    rows: impl Iterator<Item = R>,
    context: String,
    render: impl Fn(&R) -> Map<String, Value>,
    fast: Option<FastWriter<'_, R>>,
) -> Result<Reply, GraphError> {
    let fp = q.fingerprint();
    let cursor = match &q.skiptoken {
        Some(t) => paging::decode(t, fp).map_err(GraphError::bad_request)?,
        None => paging::Cursor {
            offset: 0,
            after: None,
        },
    };
    let size = q
        .top
        .or_else(|| {
            req.max_page_size()
                .map(|n| n.clamp(1, crate::odata::query::MAX_TOP))
        })
        .unwrap_or(req.page_size);
    let window = match (&q.filter, q.orderby.is_empty()) {
        (None, true) => streamed(rows, cursor.offset, size),
        (Some(f), true) if !q.count => filtered(rows, |r| eval(f, r), cursor, size),
        _ => collected(rows, q, cursor.offset, size),
    };
    let next = window
        .next
        .filter(|_| size > 0)
        .map(|c| paging::next_link(req, &paging::encode(c, fp)));
    let (page, total) = (window.page, window.total);
    if let (Some(fast), None, true) = (fast, &q.select, q.expand.is_empty()) {
        return Ok(raw_page(
            &context,
            q.count.then_some(total),
            &page,
            next.as_deref(),
            fast,
        ));
    }
    let values: Vec<Value> = page
        .iter()
        .map(|r| crate::resource_json::select(render(r), q.select.as_ref()))
        .collect();
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context));
    if q.count {
        body.insert("@odata.count".into(), Value::from(total));
    }
    body.insert("value".into(), Value::Array(values));
    if let Some(n) = next {
        body.insert("@odata.nextLink".into(), Value::String(n));
    }
    Ok(Reply::ok(Value::Object(body)))
}

/// One page of a listing: its rows, the total when it is known (counted
/// only where `$count` needs it) and where the next page starts.
struct Window<R> {
    page: Vec<R>,
    total: usize,
    next: Option<paging::Cursor>,
}

impl<R> Window<R> {
    /// A page of rows that were all counted: the next page starts at `end`
    /// while rows are left.
    fn counted(page: Vec<R>, total: usize, end: usize) -> Self {
        Window {
            next: (end < total).then_some(paging::Cursor {
                offset: end,
                after: None,
            }),
            page,
            total,
        }
    }
}

/// Rows neither filtered nor ordered: skipped and taken as they stream.
fn streamed<R>(rows: impl Iterator<Item = R>, offset: usize, size: usize) -> Window<R> {
    let mut it = rows;
    let mut skipped = 0;
    while skipped < offset && it.next().is_some() {
        skipped += 1;
    }
    let page: Vec<R> = it.by_ref().take(size).collect();
    let total = skipped + page.len() + it.count();
    let end = skipped + page.len();
    Window::counted(page, total, end)
}

/// Filtered, not ordered, no `$count`: the page is read on from where the
/// last one ended (the cursor's `after`), and the rows after it are read
/// only as far as the next match, so paging through a run costs each row
/// one look, not one per page. `total` is the rows known to match.
fn filtered<R>(
    rows: impl Iterator<Item = R>,
    keep: impl Fn(&R) -> bool,
    cursor: paging::Cursor,
    size: usize,
) -> Window<R> {
    let mut it = rows.enumerate();
    let mut offset = 0;
    match cursor.after {
        Some(after) => {
            offset = cursor.offset;
            if after > 0 {
                let _ = it.nth(after - 1);
            }
        }
        None => {
            while offset < cursor.offset && it.by_ref().any(|(_, r)| keep(&r)) {
                offset += 1;
            }
        }
    }
    let mut page = Vec::new();
    let mut after = None;
    if size > 0 {
        for (i, r) in it.by_ref() {
            if keep(&r) {
                page.push(r);
                after = Some(i + 1);
                if page.len() == size {
                    break;
                }
            }
        }
    }
    let more = page.len() == size && it.any(|(_, r)| keep(&r));
    let end = offset + page.len();
    Window {
        total: end + usize::from(more),
        next: more.then_some(paging::Cursor { offset: end, after }),
        page,
    }
}

/// Ordered (or counted) rows: every match collected, ordered, then paged.
fn collected<R: Row>(
    rows: impl Iterator<Item = R>,
    q: &Query,
    offset: usize,
    size: usize,
) -> Window<R> {
    let mut all: Vec<R> = match &q.filter {
        Some(f) => rows.filter(|r| eval(f, r)).collect(),
        None => rows.collect(),
    };
    if !q.orderby.is_empty() {
        all.sort_by(|a, b| {
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
    let total = all.len();
    let start = offset.min(total);
    let page: Vec<R> = all.into_iter().skip(start).take(size).collect();
    let end = start + page.len();
    Window::counted(page, total, end)
}

/// The same page written straight to JSON text, without building values.
fn raw_page<R>(
    context: &str,
    count: Option<usize>,
    page: &[R],
    next: Option<&str>,
    fast: FastWriter<'_, R>,
) -> Reply {
    let quote = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    let mut out = String::with_capacity(512 + page.len() * 480);
    out.push_str("{\"@odata.context\":");
    out.push_str(&quote(context));
    if let Some(c) = count {
        out.push_str(",\"@odata.count\":");
        out.push_str(&c.to_string());
    }
    out.push_str(",\"value\":[");
    for (i, r) in page.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        fast(r, &mut out);
    }
    out.push(']');
    if let Some(n) = next {
        out.push_str(",\"@odata.nextLink\":");
        out.push_str(&quote(n));
    }
    out.push('}');
    Reply {
        raw: Some(out),
        status: 200,
        headers: Vec::new(),
        body: None,
    }
}

/// One entity: `@odata.context` first, then the (selected) properties.
pub fn entity(context: String, m: Map<String, Value>, q: &Query) -> Reply {
    let mut body = Map::new();
    body.insert("@odata.context".into(), Value::String(context));
    if let Value::Object(sel) = crate::resource_json::select(m, q.select.as_ref()) {
        body.extend(sel);
    }
    Reply::ok(Value::Object(body))
}
