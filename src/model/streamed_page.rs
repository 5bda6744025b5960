//! The user results of a run read straight from a page's text, with no
//! [`serde_json::Value`] tree of the page in between: a 100,000-result
//! load is most of what the viewer parses. Each row is read into its type
//! as the text streams by (one scan of the page); a row that is not an
//! object is skipped, as [`Page::from_value`] does. Any row the pass
//! cannot read (a repeated key, say) gives it up for the `Value` path, as
//! does a page that is not an object or whose `value` is missing, `null`
//! or not an array; so the outcome is always that of `from_value`.
//!
//! Only [`UserProcessingResult`] pages take this pass: every type read
//! this way carries a second copy of its reader in the wasm, and the other
//! collections are small.

use super::{lenient, Page, UserProcessingResult};
use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::any::{Any, TypeId};
use std::fmt;
use std::marker::PhantomData;

/// `text` as a page of `T`, when `T` is read this way and the pass reads it.
pub(super) fn read<T: DeserializeOwned + 'static>(text: &str) -> Option<Page<T>> {
    if TypeId::of::<T>() != TypeId::of::<UserProcessingResult>() {
        return None;
    }
    let page: Box<dyn Any> = Box::new(streamed::<UserProcessingResult>(text)?);
    page.downcast::<Page<T>>().ok().map(|page| *page)
}

/// The pass itself (see the module's doc).
fn streamed<T: DeserializeOwned>(text: &str) -> Option<Page<T>> {
    if !text.trim_start().starts_with('{') {
        return None;
    }
    let page = serde_json::from_str::<Streamed<T>>(text).ok()?;
    let rows = page.value;
    let total = rows.len();
    let value: Vec<T> = rows.into_iter().filter_map(|r| r.0).collect();
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

/// A page whose rows are read as the text streams by.
#[derive(Deserialize)]
#[serde(bound = "T: DeserializeOwned")]
struct Streamed<T> {
    value: Vec<Row<T>>,
    #[serde(rename = "@odata.nextLink", default)]
    next_link: Option<Value>,
    #[serde(rename = "@odata.count", default)]
    count: Option<Value>,
}

/// One row: `T` from an object, `None` for anything else.
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

    lenient::plain_values_are!(Row(None));
}
