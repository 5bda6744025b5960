//! The OData collection page and the one JSON entry point of the model.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Why a body could not be read at all (not JSON, or not the expected shape).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unreadable JSON: {0}")]
pub struct ParseError(pub String);

/// Parses a JSON body into `T` via `serde_json::Value`, so duplicate keys
/// (last wins) and the lenient field readers never fail a whole object.
pub fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, ParseError> {
    let value: Value = serde_json::from_str(text).map_err(|e| ParseError(e.to_string()))?;
    from_value(value)
}

/// [`parse_json`] for an already parsed value.
pub fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, ParseError> {
    T::deserialize(value).map_err(|e| ParseError(e.to_string()))
}

/// `{"value": [...], "@odata.nextLink": "...", "@odata.count": n}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The rows that could be read.
    pub value: Vec<T>,
    /// The next page's URL, to be followed verbatim.
    pub next_link: Option<String>,
    /// `@odata.count` when `$count=true` was asked for.
    pub count: Option<u64>,
    /// Rows of `value` that were not objects of the expected shape.
    pub skipped_rows: usize,
}

impl<T> Default for Page<T> {
    fn default() -> Self {
        Page {
            value: Vec::new(),
            next_link: None,
            count: None,
            skipped_rows: 0,
        }
    }
}

impl<T: DeserializeOwned> Page<T> {
    /// Parses a collection body. Fails when the body is not a JSON object
    /// or its `value` is neither an array nor `null`.
    ///
    /// A run's user results are read straight from the text when they can
    /// be ([`super::streamed_page`]); the rest through a [`Value`]. The
    /// outcome is always that of [`Page::from_value`].
    pub fn parse(text: &str) -> Result<Self, ParseError>
    where
        T: 'static,
    {
        if let Some(page) = super::streamed_page::read(text) {
            return Ok(page);
        }
        let value: Value = serde_json::from_str(text).map_err(|e| ParseError(e.to_string()))?;
        Self::from_value(value)
    }

    /// [`Page::parse`] for an already parsed value.
    pub fn from_value(value: Value) -> Result<Self, ParseError> {
        let Value::Object(mut map) = value else {
            return Err(ParseError("a collection must be a JSON object".into()));
        };
        let next_link = match map.remove("@odata.nextLink") {
            Some(Value::String(s)) if !s.is_empty() => Some(s),
            _ => None,
        };
        let count = map.get("@odata.count").and_then(Value::as_u64);
        // Graph always sends `value` (an empty array when nothing matches);
        // without it the answer is not a collection, and showing "no rows"
        // would hide that.
        let rows =
            match map.remove("value") {
                Some(Value::Array(rows)) => rows,
                Some(Value::Null) => Vec::new(),
                _ => return Err(ParseError(
                    "the answer is JSON but not a Microsoft Graph collection (no \"value\" array)"
                        .into(),
                )),
            };
        let total = rows.len();
        let value: Vec<T> = rows
            .into_iter()
            .filter(Value::is_object)
            .filter_map(|row| T::deserialize(row).ok())
            .collect();
        Ok(Page {
            skipped_rows: total - value.len(),
            value,
            next_link,
            count,
        })
    }
}
