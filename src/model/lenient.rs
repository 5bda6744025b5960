//! Field deserializers that never fail: a value of the wrong shape becomes
//! `None` (or an empty string) instead of failing the whole object.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// Any value that `T` can read, else `None` (`null`, wrong type, out of range).
pub fn opt<'de, D, T>(d: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    let value = Value::deserialize(d)?;
    Ok(if value.is_null() {
        None
    } else {
        T::deserialize(value).ok()
    })
}

/// A visitor's answer to every plain value (`null`, a boolean, a number or
/// a string): `$value`, whatever it was. For visitors that read one shape
/// and treat anything else as nothing there.
macro_rules! plain_values_are {
    ($value:expr) => {
        fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_unit<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }

        fn visit_none<E>(self) -> Result<Self::Value, E> {
            Ok($value)
        }
    };
}
pub(crate) use plain_values_are;

/// [`opt`] for `u32` (the counts): a whole number in `u32`'s range, else
/// `None`; one body for every count instead of a serde read per type.
pub fn opt_u32<'de, D>(d: D) -> Result<Option<u32>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Value::deserialize(d)?
        .as_u64()
        .and_then(|n| u32::try_from(n).ok()))
}

/// [`opt`] for `bool`: `true` or `false`, else `None`.
pub fn opt_bool<'de, D>(d: D) -> Result<Option<bool>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(Value::deserialize(d)?.as_bool())
}

/// A string; numbers are written out, anything else is empty.
pub fn string<'de, D>(d: D) -> Result<String, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Value::deserialize(d)? {
        Value::String(s) => s,
        Value::Number(n) => n.to_string(),
        _ => String::new(),
    })
}

/// A non-empty string, else `None`.
pub fn opt_string<'de, D>(d: D) -> Result<Option<String>, D::Error>
where
    D: Deserializer<'de>,
{
    let s = string(d)?;
    Ok((!s.is_empty()).then_some(s))
}

/// A DateTimeOffset, leniently: RFC 3339 with any number of fractional
/// digits, or without a zone (taken as UTC). Anything else is `None`.
pub fn opt_datetime<'de, D>(d: D) -> Result<Option<DateTime<Utc>>, D::Error>
where
    D: Deserializer<'de>,
{
    Ok(match Value::deserialize(d)? {
        Value::String(s) => parse_datetime(&s),
        _ => None,
    })
}

/// Parses a Graph timestamp (see [`opt_datetime`]).
pub fn parse_datetime(text: &str) -> Option<DateTime<Utc>> {
    let text = text.trim();
    if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        return Some(dt.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S%.f")
        .ok()
        .map(|naive| naive.and_utc())
}

/// A list of `T`, skipping items `T` cannot read; anything but an array is empty.
pub fn vec_of<'de, D, T>(d: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: DeserializeOwned,
{
    Ok(match Value::deserialize(d)? {
        Value::Array(items) => items
            .into_iter()
            .filter_map(|v| T::deserialize(v).ok())
            .collect(),
        _ => Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `opt_u32` and `opt_bool` read what `opt` reads for their types.
    #[test]
    fn counts_and_flags_read_like_opt() {
        let values = [
            "null",
            "0",
            "7",
            "4294967295",
            "4294967296",
            "-1",
            "2.0",
            "\"3\"",
            "true",
            "false",
            "[]",
            "{}",
        ];
        for text in values {
            let value: Value = serde_json::from_str(text).unwrap();
            assert_eq!(
                opt_u32(value.clone()).unwrap(),
                opt::<_, u32>(value.clone()).unwrap(),
                "{text}"
            );
            assert_eq!(
                opt_bool(value.clone()).unwrap(),
                opt::<_, bool>(value).unwrap(),
                "{text}"
            );
        }
    }
}
