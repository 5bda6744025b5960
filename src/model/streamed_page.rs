//! A collection page read straight from its text, with no
//! [`serde_json::Value`] tree of the page in between: the rows of a
//! 100,000-result load are most of what the viewer parses. Two passes are
//! tried, cheapest first, and each gives up (`None`) rather than differ
//! from [`Page::from_value`]:
//!
//! 1. every row read into `T` as the text streams by (one scan of the
//!    page); a row that is not an object is skipped, as `from_value` does,
//!    and any row `T` refuses (a repeated key, say) gives the pass up;
//! 2. the rows kept as text and each read on its own, a row `T` refuses
//!    being read through a `Value` (where the last of a repeated key wins).
//!
//! A page these do not read (not an object, a `value` that is missing,
//! `null` or not an array, a repeated key of the page itself) is left to
//! the `Value` path, which knows what each of those means.

use super::lenient;
use super::Page;
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;
use serde_json::Value;
use std::fmt;
use std::marker::PhantomData;

/// `text` as a page, if one of the passes reads it.
pub fn read<T: DeserializeOwned>(text: &str) -> Option<Page<T>> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    if let Ok(page) = serde_json::from_str::<Streamed<T>>(text) {
        let rows = page.value;
        let total = rows.len();
        let value: Vec<T> = rows.into_iter().filter_map(|r| r.0).collect();
        return Some(page_of(value, total, page.next_link, page.count));
    }
    let page = serde_json::from_str::<RowsAsText<'_>>(text).ok()?;
    let total = page.value.len();
    let value: Vec<T> = page.value.iter().filter_map(|raw| row(raw.get())).collect();
    Some(page_of(value, total, page.next_link, page.count))
}

/// The page of `value` (of `total` rows sent) with its link and count.
fn page_of<T>(value: Vec<T>, total: usize, link: Option<Value>, count: Option<Value>) -> Page<T> {
    Page {
        skipped_rows: total - value.len(),
        value,
        next_link: match link {
            Some(Value::String(s)) if !s.is_empty() => Some(s),
            _ => None,
        },
        count: count.as_ref().and_then(Value::as_u64),
    }
}

/// Pass 1: the rows read as the text streams by.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Streamed<T> {
    value: Vec<Row<T>>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<Value>,
    #[serde(rename = "@odata.count", default)]
    count: Option<Value>,
}

/// Pass 2: the rows kept as text.
#[derive(Deserialize)]
struct RowsAsText<'a> {
    #[serde(borrow)]
    value: Vec<&'a RawValue>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<Value>,
    #[serde(rename = "@odata.count", default)]
    count: Option<Value>,
}

/// One row of pass 1: `T` from an object, `None` for anything else.
struct Row<T>(Option<T>);

impl<'de, T: DeserializeOwned> Deserialize<'de> for Row<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RowVisitor(PhantomData))
    }
}

struct RowVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned> Visitor<'de> for RowVisitor<T> {
    type Value = Row<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a row")
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Row<T>, A::Error> {
        T::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(|t| Row(Some(t)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Row<T>, A::Error> {
        while seq.next_element::<IgnoredAny>()?.is_some() {}
        Ok(Row(None))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_str<E>(self, _: &str) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_unit<E>(self) -> Result<Row<T>, E> {
        Ok(Row(None))
    }

    fn visit_none<E>(self) -> Result<Row<T>, E> {
        Ok(Row(None))
    }
}

/// One row of pass 2: an object read into `T` (through a `Value` if need
/// be); anything else is skipped.
fn row<T: DeserializeOwned>(text: &str) -> Option<T> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    lenient::from_text(text)
}
