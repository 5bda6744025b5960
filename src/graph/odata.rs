//! OData query building: `$filter`, `$select`, `$orderby`, `$expand`, `$top`,
//! `$count`, with string literals quoted (`'` doubled) and values URL-encoded.
//!
//! ```
//! use lifecycle_viewer::graph::odata::{filter, ODataQuery, SortDir};
//! let q = ODataQuery::new()
//!     .filter(filter::eq_str("subject/id", "a'b"))
//!     .order_by("startedDateTime", SortDir::Desc);
//! assert_eq!(q.to_query_string(), "?$filter=subject/id%20eq%20'a''b'&$orderby=startedDateTime%20desc");
//! ```

use chrono::{DateTime, SecondsFormat, Utc};

use super::url::encode_query_value;
pub use crate::model::SortDir;
use crate::model::{DateRange, ExecutionType, ProcessingStatus};

/// Filter expression builders (unencoded OData text).
pub mod filter {
    use super::*;

    /// An OData string literal: `'O''Brien'`.
    pub fn quote(value: &str) -> String {
        format!("'{}'", value.replace('\'', "''"))
    }

    /// An OData DateTimeOffset literal (unquoted), `2024-01-01T00:00:00Z`.
    pub fn timestamp(at: DateTime<Utc>) -> String {
        at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }

    /// `prop ge 2024-01-01T00:00:00Z`.
    pub fn date_ge(prop: &str, at: DateTime<Utc>) -> String {
        format!("{prop} ge {}", timestamp(at))
    }

    /// `prop lt 2024-01-01T00:00:00Z`.
    pub fn date_lt(prop: &str, at: DateTime<Utc>) -> String {
        format!("{prop} lt {}", timestamp(at))
    }

    /// `prop ge start and prop lt end`.
    pub fn date_in(prop: &str, range: &DateRange) -> String {
        format!(
            "{} and {}",
            date_ge(prop, range.start),
            date_lt(prop, range.end)
        )
    }

    /// `prop eq 'value'`.
    pub fn eq_str(prop: &str, value: &str) -> String {
        format!("{prop} eq {}", quote(value))
    }

    /// `prop eq 'a'` for one value, `(prop eq 'a' or prop eq 'b')` for more,
    /// `None` for none (no restriction). Duplicates are dropped.
    pub fn any_of<'a>(prop: &str, values: impl IntoIterator<Item = &'a str>) -> Option<String> {
        let mut seen: Vec<&str> = Vec::new();
        for v in values {
            if !seen.contains(&v) {
                seen.push(v);
            }
        }
        let parts: Vec<String> = seen.iter().map(|v| eq_str(prop, v)).collect();
        match parts.len() {
            0 => None,
            1 => parts.into_iter().next(),
            _ => Some(format!("({})", parts.join(" or "))),
        }
    }

    /// `processingStatus eq …` or a parenthesised `or` of several.
    pub fn status_in(statuses: &[ProcessingStatus]) -> Option<String> {
        any_of("processingStatus", statuses.iter().map(|s| s.as_str()))
    }

    /// `workflowExecutionType eq '…'`.
    pub fn execution_type_eq(kind: &ExecutionType) -> String {
        eq_str("workflowExecutionType", kind.as_str())
    }

    /// `subject/id eq '…'`.
    pub fn subject_id_eq(id: &str) -> String {
        eq_str("subject/id", id)
    }
}

/// An OData query; parameters are emitted in a fixed order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ODataQuery {
    filters: Vec<String>,
    select: Vec<String>,
    order_by: Vec<String>,
    expand: Vec<String>,
    top: Option<u32>,
    count: bool,
}

impl ODataQuery {
    /// An empty query.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a filter clause; clauses are joined with `and`.
    pub fn filter(mut self, expr: impl Into<String>) -> Self {
        let expr = expr.into();
        if !expr.trim().is_empty() {
            self.filters.push(expr);
        }
        self
    }

    /// Adds a filter clause when there is one.
    pub fn filter_opt(self, expr: Option<String>) -> Self {
        match expr {
            Some(e) => self.filter(e),
            None => self,
        }
    }

    /// `$select=a,b`.
    pub fn select(mut self, fields: &[&str]) -> Self {
        self.select.extend(fields.iter().map(|f| f.to_string()));
        self
    }

    /// Adds an `$orderby` key.
    pub fn order_by(mut self, prop: &str, dir: SortDir) -> Self {
        self.order_by.push(format!("{prop} {}", dir.as_str()));
        self
    }

    /// Adds an `$expand` navigation property.
    pub fn expand(mut self, nav: &str) -> Self {
        self.expand.push(nav.to_string());
        self
    }

    /// `$top=n`.
    pub fn top(mut self, n: u32) -> Self {
        self.top = Some(n);
        self
    }

    /// `$count=true`.
    pub fn count(mut self, yes: bool) -> Self {
        self.count = yes;
        self
    }

    /// The `$filter` text before encoding, if any.
    pub fn filter_expression(&self) -> Option<String> {
        (!self.filters.is_empty()).then(|| self.filters.join(" and "))
    }

    /// Whether no parameter is set.
    pub fn is_empty(&self) -> bool {
        self.params().is_empty()
    }

    fn params(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.select.is_empty() {
            params.push(("$select", self.select.join(",")));
        }
        if let Some(f) = self.filter_expression() {
            params.push(("$filter", f));
        }
        if !self.order_by.is_empty() {
            params.push(("$orderby", self.order_by.join(",")));
        }
        if !self.expand.is_empty() {
            params.push(("$expand", self.expand.join(",")));
        }
        if let Some(n) = self.top {
            params.push(("$top", n.to_string()));
        }
        if self.count {
            params.push(("$count", "true".to_string()));
        }
        params
    }

    /// `""` or `?$select=…&$filter=…` with encoded values.
    pub fn to_query_string(&self) -> String {
        let parts: Vec<String> = self
            .params()
            .into_iter()
            .map(|(k, v)| format!("{k}={}", encode_query_value(&v)))
            .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The date property a range filter or sort applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DateField {
    /// Always set, even before a run starts: the default for ranges.
    #[default]
    Scheduled,
    Started,
    Completed,
    LastUpdated,
    /// Task processing results only.
    Created,
}

impl DateField {
    /// The Graph property name.
    pub fn property(self) -> &'static str {
        match self {
            DateField::Scheduled => "scheduledDateTime",
            DateField::Started => "startedDateTime",
            DateField::Completed => "completedDateTime",
            DateField::LastUpdated => "lastUpdatedDateTime",
            DateField::Created => "createdDateTime",
        }
    }
}

/// Server-side filters for runs and user processing results (the same
/// properties are filterable on both).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ResultQuery {
    /// Always send one: without it Graph may return only the last 7 days.
    pub range: Option<DateRange>,
    /// The date property `range` applies to.
    pub date_field: DateField,
    /// Any of these statuses; empty means all.
    pub statuses: Vec<ProcessingStatus>,
    pub execution_type: Option<ExecutionType>,
    /// User results only: one user.
    pub subject_id: Option<String>,
    /// Server-side order; `None` leaves Graph's order.
    pub order_by: Option<(DateField, SortDir)>,
    /// Page size hint (`$top`).
    pub top: Option<u32>,
    /// A navigation property to `$expand` (user results: their
    /// `taskProcessingResults`, in the same pages, no extra request).
    pub expand: Option<&'static str>,
}

impl ResultQuery {
    /// The OData query for this filter.
    pub fn to_odata(&self) -> ODataQuery {
        let mut q = ODataQuery::new();
        if let Some(range) = &self.range {
            q = q.filter(filter::date_in(self.date_field.property(), range));
        }
        q = q.filter_opt(filter::status_in(&self.statuses));
        if let Some(kind) = &self.execution_type {
            q = q.filter(filter::execution_type_eq(kind));
        }
        if let Some(id) = &self.subject_id {
            q = q.filter(filter::subject_id_eq(id));
        }
        if let Some((field, dir)) = self.order_by {
            q = q.order_by(field.property(), dir);
        }
        if let Some(n) = self.top {
            q = q.top(n);
        }
        if let Some(nav) = self.expand {
            q = q.expand(nav);
        }
        q
    }
}
