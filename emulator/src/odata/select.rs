//! `$select` (also nested paths like `subject/id`) and `$expand` with an
//! optional inner `$select`, validated against the schema and applied to JSON.

use serde_json::{Map, Value};

use super::schema::Schema;

#[derive(Clone, Debug, PartialEq)]
pub struct Select {
    /// The list as the client wrote it, echoed in `@odata.context`.
    pub raw: String,
    pub paths: Vec<Vec<String>>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ExpandItem {
    pub name: String,
    pub select: Option<Select>,
}

fn not_found(name: &str, schema: &Schema) -> String {
    format!(
        "Could not find a property named '{name}' on type '{}'.",
        schema.type_name
    )
}

pub fn parse_select(raw: &str, schema: &Schema) -> Result<Select, String> {
    let mut paths = Vec::new();
    for item in raw.split(',') {
        let item = item.trim();
        if item.is_empty() {
            return Err(format!(
                "Syntax error: empty item in $select at position {}.",
                raw.len()
            ));
        }
        let parts: Vec<String> = item.split('/').map(|s| s.trim().to_string()).collect();
        if parts[0] != "*" {
            let prop = schema
                .prop(&parts[0])
                .ok_or_else(|| not_found(&parts[0], schema))?;
            if parts.len() > 1 && prop.kind != super::schema::Kind::Complex {
                return Err(format!(
                    "Found a path with multiple navigation properties or a bad complex property path in a select clause. '{item}' is not valid."
                ));
            }
            if parts.iter().any(|p| p.is_empty()) {
                return Err(format!(
                    "Syntax error in $select: '{item}' is not a valid path."
                ));
            }
        }
        paths.push(parts);
    }
    Ok(Select {
        raw: raw.to_string(),
        paths,
    })
}

/// Splits on commas that are not inside parentheses.
fn split_top(raw: &str) -> Result<Vec<&str>, String> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0i32, 0usize);
    for (i, c) in raw.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!(
                        "Syntax error: unbalanced ')' at position {i} in '{raw}'."
                    ));
                }
            }
            ',' if depth == 0 => {
                out.push(&raw[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(format!(
            "Syntax error: ')' expected at position {} in '{raw}'.",
            raw.len()
        ));
    }
    out.push(&raw[start..]);
    Ok(out)
}

pub fn parse_expand(raw: &str, schema: &Schema) -> Result<Vec<ExpandItem>, String> {
    let mut items = Vec::new();
    for part in split_top(raw)? {
        let part = part.trim();
        let (name, inner) = match part.find('(') {
            Some(i) if part.ends_with(')') => (&part[..i], Some(&part[i + 1..part.len() - 1])),
            Some(_) => return Err(format!("Syntax error in $expand: '{part}'.")),
            None => (part, None),
        };
        let name = name.trim();
        if name.is_empty() {
            return Err("Syntax error: empty item in $expand.".to_string());
        }
        if name != "*" && !schema.expands.contains(&name) {
            if schema.prop(name).is_some() {
                return Err(format!(
                    "Property '{name}' on type '{}' is not a navigation property or complex property. Only navigation properties can be expanded.",
                    schema.type_name
                ));
            }
            return Err(not_found(name, schema));
        }
        let select = match inner {
            None => None,
            Some(opts) => {
                let mut sel = None;
                for opt in opts.split(';') {
                    let opt = opt.trim();
                    if opt.is_empty() {
                        continue;
                    }
                    let (k, v) = opt
                        .split_once('=')
                        .ok_or_else(|| format!("Syntax error in $expand options: '{opt}'."))?;
                    if !k.trim().eq_ignore_ascii_case("$select") {
                        return Err(format!(
                            "The query option '{}' is not supported inside $expand.",
                            k.trim()
                        ));
                    }
                    let list: Vec<Vec<String>> = v
                        .split(',')
                        .map(|s| s.trim().split('/').map(str::to_string).collect())
                        .collect();
                    if list.iter().any(|p| p.iter().any(|s| s.is_empty())) {
                        return Err(format!("Syntax error in $select inside $expand: '{v}'."));
                    }
                    sel = Some(Select {
                        raw: v.to_string(),
                        paths: list,
                    });
                }
                sel
            }
        };
        items.push(ExpandItem {
            name: name.to_string(),
            select,
        });
    }
    Ok(items)
}

/// Keeps the selected keys in entity order (plus `@odata.*` annotations).
pub fn apply(map: Map<String, Value>, select: &Select) -> Map<String, Value> {
    if select.paths.iter().any(|p| p[0] == "*") {
        return map;
    }
    let mut out = Map::new();
    for (k, v) in map {
        if k.starts_with("@odata") {
            out.insert(k, v);
            continue;
        }
        let matching: Vec<&Vec<String>> = select.paths.iter().filter(|p| p[0] == k).collect();
        if matching.is_empty() {
            continue;
        }
        if matching.iter().any(|p| p.len() == 1) {
            out.insert(k, v);
            continue;
        }
        match v {
            Value::Object(inner) => {
                let sub = Select {
                    raw: String::new(),
                    paths: matching.iter().map(|p| p[1..].to_vec()).collect(),
                };
                out.insert(k, Value::Object(apply(inner, &sub)));
            }
            other => {
                out.insert(k, other);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::schema::{TASK_RESULT, USER_RESULT};
    use super::*;
    use serde_json::json;

    #[test]
    fn select_keeps_entity_order_and_nested_paths() {
        let s = parse_select("subject/id,id,processingStatus", &USER_RESULT).unwrap();
        let m = json!({"@odata.type": "x", "id": "1", "processingStatus": "completed", "totalTasksCount": 2, "subject": {"id": "u", "displayName": "A"}});
        let Value::Object(m) = m else { unreachable!() };
        let out = apply(m, &s);
        assert_eq!(
            Value::Object(out),
            json!({"@odata.type": "x", "id": "1", "processingStatus": "completed", "subject": {"id": "u"}})
        );
        assert!(parse_select("id,nope", &USER_RESULT).is_err());
        assert!(parse_select("id,,subject", &USER_RESULT).is_err());
    }

    #[test]
    fn expand_parses_inner_select() {
        let e = parse_expand("subject($select=id,displayName),task", &TASK_RESULT).unwrap();
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].select.as_ref().unwrap().paths.len(), 2);
        assert!(parse_expand("processingStatus", &TASK_RESULT).is_err());
        assert!(parse_expand("subject(", &TASK_RESULT).is_err());
        assert!(parse_expand("bogus", &USER_RESULT).is_err());
    }
}
