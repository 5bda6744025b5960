//! Property tests for "bad input never crashes anything": every seed example
//! with any one part replaced by arbitrary JSON still parses to a value or an
//! error (objects always to a value), and the OData builder turns any text,
//! date and enum value into an ASCII query whose string literals decode back
//! exactly (quotes doubled, nothing unescaped).

mod support;

use chrono::{TimeZone, Utc};
use lifecycle_viewer::graph::odata::filter;
use lifecycle_viewer::graph::{DateField, GraphError, ODataQuery, ResultQuery, SortDir};
use lifecycle_viewer::model::{
    parse_json, DateRange, ExecutionType, Page, ProcessingStatus, Run, RunSummary, Task,
    TaskProcessingResult, TaskReport, UserProcessingResult, UserSummary, Workflow,
};
use proptest::prelude::*;
use serde_json::Value;

fn arb_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,24}".prop_map(Value::String),
        Just(Value::String("9999-99-99T99:99:99Z".into())),
        Just(Value::String("<script>alert(1)</script>".into())),
    ];
    leaf.prop_recursive(2, 16, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-zA-Z@.]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every JSON pointer inside `value` (the root included).
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    out.push(here.clone());
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let key = k.replace('~', "~0").replace('/', "~1");
                pointers(v, format!("{here}/{key}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                pointers(v, format!("{here}/{i}"), out);
            }
        }
        _ => {}
    }
}

fn seed_responses() -> Vec<Value> {
    support::load_fixtures()
        .into_iter()
        .filter_map(|(_, f)| f.get("response").cloned())
        .filter(|r| !r.is_null())
        .collect()
}

/// One of `seeds` with the part at `spot` (any JSON pointer in it, the
/// root included) replaced by `replacement`.
fn replaced(
    seeds: &[Value],
    pick: prop::sample::Index,
    spot: prop::sample::Index,
    replacement: Value,
) -> Value {
    let mut doc = seeds[pick.index(seeds.len())].clone();
    let mut spots = Vec::new();
    pointers(&doc, String::new(), &mut spots);
    let at = &spots[spot.index(spots.len())];
    if at.is_empty() {
        doc = replacement;
    } else if let Some(slot) = doc.pointer_mut(at) {
        *slot = replacement;
    }
    doc
}

/// A page read in one pass is the page read through a `Value` tree.
fn same_page<T>(text: &str) -> bool
where
    T: serde::de::DeserializeOwned + PartialEq + 'static,
{
    let slow = serde_json::from_str::<Value>(text)
        .map_err(|_| ())
        .and_then(|v| Page::<T>::from_value(v).map_err(|_| ()));
    Page::<T>::parse(text).map_err(|_| ()) == slow
}

/// Parses `text` as every model type and page; the results themselves do not
/// matter, only that each call returns.
fn parse_everything(text: &str) -> Vec<bool> {
    vec![
        parse_json::<Workflow>(text).is_ok(),
        parse_json::<Run>(text).is_ok(),
        parse_json::<RunSummary>(text).is_ok(),
        parse_json::<UserProcessingResult>(text).is_ok(),
        parse_json::<UserSummary>(text).is_ok(),
        parse_json::<TaskProcessingResult>(text).is_ok(),
        parse_json::<TaskReport>(text).is_ok(),
        parse_json::<Task>(text).is_ok(),
        Page::<Workflow>::parse(text).is_ok(),
        Page::<Run>::parse(text).is_ok(),
        Page::<UserProcessingResult>::parse(text).is_ok(),
        Page::<TaskProcessingResult>::parse(text).is_ok(),
        Page::<TaskReport>::parse(text).is_ok(),
    ]
}

/// `%XX` and `+`-free percent-decoding of one query value.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz");
            out.push(u8::from_str_radix(hex, 16).unwrap_or(b'?'));
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_default()
}

/// The decoded value of `$filter` in a query string.
fn decoded_filter(query: &str) -> Option<String> {
    query
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| {
            p.strip_prefix("$filter=")
                .or_else(|| p.strip_prefix("%24filter="))
        })
        .map(percent_decode)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn a_seed_example_with_any_part_replaced_parses_or_fails_cleanly(
        pick in any::<prop::sample::Index>(),
        spot in any::<prop::sample::Index>(),
        replacement in arb_json(),
    ) {
        let seeds = seed_responses();
        prop_assume!(!seeds.is_empty());
        let doc = replaced(&seeds, pick, spot, replacement);
        let text = doc.to_string();
        let outcomes = parse_everything(&text);
        if doc.is_object() {
            // The lenient models read any object (unknown or odd fields become None).
            prop_assert!(outcomes[1] && outcomes[3] && outcomes[5], "an object must parse: {text}");
        }
        // Cut anywhere: still a value or an error.
        let cut = text.chars().take(spot.index(text.chars().count() + 1)).collect::<String>();
        let _ = parse_everything(&cut);
        let _ = GraphError::from_response(500, &cut, None).user_message();
    }

    #[test]
    fn a_page_read_in_one_pass_is_the_page_read_through_a_value(
        pick in any::<prop::sample::Index>(),
        spot in any::<prop::sample::Index>(),
        replacement in arb_json(),
        duplicate in any::<bool>(),
    ) {
        let seeds = seed_responses();
        prop_assume!(!seeds.is_empty());
        let mut text = replaced(&seeds, pick, spot, replacement).to_string();
        if duplicate {
            // A repeated key (last wins) in the page and in its first row.
            text = text.replacen("{\"", "{\"id\":\"dup\",\"", 2);
        }
        prop_assert!(same_page::<Workflow>(&text), "workflows: {text}");
        prop_assert!(same_page::<Run>(&text), "runs: {text}");
        prop_assert!(same_page::<UserProcessingResult>(&text), "user results: {text}");
        prop_assert!(same_page::<TaskProcessingResult>(&text), "task results: {text}");
        prop_assert!(same_page::<TaskReport>(&text), "task reports: {text}");
    }

    #[test]
    fn odata_string_literals_decode_back_exactly(prop in "[a-zA-Z][a-zA-Z/]{0,19}", value in any::<String>()) {
        let query = ODataQuery::new().filter(filter::eq_str(&prop, &value)).top(5).to_query_string();
        prop_assert!(query.is_ascii());
        prop_assert!(!query.contains(' ') && !query.contains('#'));
        let decoded = decoded_filter(&query).expect("a $filter");
        prop_assert_eq!(decoded, format!("{prop} eq '{}'", value.replace('\'', "''")));
    }

    #[test]
    fn result_queries_of_any_dates_statuses_and_ids_build(
        a in -8_000_000_000_000i64..8_000_000_000_000,
        b in -8_000_000_000_000i64..8_000_000_000_000,
        statuses in prop::collection::vec(".{0,12}", 0..5),
        kind in ".{0,12}",
        subject in prop::option::of(any::<String>()),
        top in prop::option::of(any::<u32>()),
        desc in any::<bool>(),
    ) {
        let (Some(start), Some(end)) = (Utc.timestamp_millis_opt(a).single(), Utc.timestamp_millis_opt(b).single()) else {
            return Ok(());
        };
        let query = ResultQuery {
            range: Some(DateRange::new(start, end)),
            date_field: DateField::Started,
            statuses: statuses.iter().map(|s| ProcessingStatus::from_wire(s)).collect(),
            execution_type: Some(ExecutionType::from_wire(&kind)),
            subject_id: subject.clone(),
            order_by: Some((DateField::Completed, if desc { SortDir::Desc } else { SortDir::Asc })),
            top,
            expand: desc.then_some("taskProcessingResults"),
        };
        let text = query.to_odata().to_query_string();
        prop_assert!(text.is_ascii());
        let decoded = decoded_filter(&text).expect("a range always filters");
        if let Some(id) = subject {
            let quoted = filter::quote(&id);
            prop_assert!(decoded.contains(&quoted), "{decoded} lacks {quoted}");
        }
    }
}
