//! The OData collection page and the one JSON entry point of the model.

use serde::de::DeserializeOwned;
use serde_json::value::RawValue;
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

/// A collection body read in one pass, its rows still as text. A missing
/// or `null` `value` and a duplicate key fail here and are read the slow
/// way, which knows what each of them means.
#[derive(serde::Deserialize)]
struct RawPage<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<Value>,
    #[serde(rename = "@odata.count", default)]
    count: Option<Value>,
}

impl RawPage<'_> {
    fn into_page<T: DeserializeOwned>(self) -> Page<T> {
        let rows = self.value;
        let total = rows.len();
        let value: Vec<T> = rows.into_iter().filter_map(|raw| row(raw.get())).collect();
        Page {
            skipped_rows: total - value.len(),
            value,
            next_link: match self.next_link {
                Some(Value::String(s)) if !s.is_empty() => Some(s),
                _ => None,
            },
            count: self.count.as_ref().and_then(Value::as_u64),
        }
    }
}

/// One row of a collection: read straight into `T`; when that fails (a
/// duplicate key, a shape only the lenient readers take), through
/// [`Value`] like [`Page::from_value`]. Anything but an object is skipped.
fn row<T: DeserializeOwned>(text: &str) -> Option<T> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    super::lenient::from_text(text)
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
    /// One pass over the text: each row is read straight into `T`, with no
    /// [`Value`] tree of the page in between. A body the one pass does not
    /// read (not JSON, or an odd shape) and a row it cannot read (duplicate
    /// keys, or not an object) take the [`Value`] path, so the outcome is
    /// always that of [`Page::from_value`].
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let one_pass = text.trim_start().starts_with('{');
        match serde_json::from_str::<RawPage<'_>>(text) {
            Ok(raw) if one_pass => Ok(raw.into_page()),
            _ => {
                let value: Value =
                    serde_json::from_str(text).map_err(|e| ParseError(e.to_string()))?;
                Self::from_value(value)
            }
        }
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
