//! Parsing and validation of the query string's OData options for one request.

use super::parser::{parse, Expr};
use super::schema::Schema;
use super::select::{parse_expand, parse_select, ExpandItem, Select};

pub const MAX_TOP: usize = 999;

/// Which options an endpoint accepts.
#[derive(Clone, Copy, Debug)]
pub struct Allow {
    pub filter: bool,
    pub orderby: bool,
    pub expand: bool,
    pub search: bool,
    pub paging: bool,
}

impl Allow {
    pub const LIST: Allow = Allow {
        filter: true,
        orderby: true,
        expand: true,
        search: false,
        paging: true,
    };
    pub const SEARCHABLE: Allow = Allow {
        filter: true,
        orderby: true,
        expand: true,
        search: true,
        paging: true,
    };
    pub const ENTITY: Allow = Allow {
        filter: false,
        orderby: false,
        expand: true,
        search: false,
        paging: false,
    };
}

#[derive(Clone, Debug, Default)]
pub struct Query {
    pub filter: Option<Expr>,
    pub filter_raw: Option<String>,
    pub orderby: Vec<(String, bool)>,
    pub orderby_raw: Option<String>,
    pub select: Option<Select>,
    pub expand: Vec<ExpandItem>,
    pub top: Option<usize>,
    pub count: bool,
    pub skiptoken: Option<String>,
    pub search: Option<String>,
}

fn not_allowed(name: &str) -> String {
    format!(
        "Query option '{name}' is not allowed. To allow it, set the 'AllowedQueryOptions' property on EnableQueryAttribute or QueryValidationSettings."
    )
}

impl Query {
    pub fn parse(
        pairs: &[(String, String)],
        schema: &Schema,
        allow: Allow,
    ) -> Result<Query, String> {
        let mut q = Query::default();
        let mut seen: Vec<String> = Vec::new();
        for (k, v) in pairs {
            let key = k.trim().to_ascii_lowercase();
            let key = if key.starts_with('$') {
                key
            } else {
                format!("${key}")
            };
            let known = [
                "$filter",
                "$orderby",
                "$select",
                "$expand",
                "$top",
                "$count",
                "$skiptoken",
                "$search",
                "$skip",
                "$format",
            ];
            if !known.contains(&key.as_str()) {
                if k.starts_with('$') {
                    return Err(format!("The query parameter '{k}' is not supported."));
                }
                continue;
            }
            if seen.contains(&key) {
                return Err(format!("Query option '{}' was specified more than once, but it must be specified at most once.", &key[1..]));
            }
            seen.push(key.clone());
            match key.as_str() {
                "$filter" => {
                    if !allow.filter {
                        return Err(not_allowed("Filter"));
                    }
                    let e = parse(v).map_err(|e| {
                        format!(
                            "Invalid filter clause: {} at position {} in '{v}'.",
                            e.message, e.pos
                        )
                    })?;
                    super::eval::validate(&e, schema)?;
                    q.filter = Some(e);
                    q.filter_raw = Some(v.clone());
                }
                "$orderby" => {
                    if !allow.orderby {
                        return Err(not_allowed("OrderBy"));
                    }
                    for item in v.split(',') {
                        let mut words = item.split_whitespace();
                        let path = words.next().ok_or_else(|| {
                            format!("Syntax error: empty item in $orderby '{v}'.")
                        })?;
                        let desc = match words.next() {
                            None => false,
                            Some(w) if w.eq_ignore_ascii_case("asc") => false,
                            Some(w) if w.eq_ignore_ascii_case("desc") => true,
                            Some(w) => return Err(format!("Syntax error: '{w}' is not a valid sort direction in $orderby '{v}'.")),
                        };
                        if words.next().is_some() {
                            return Err(format!("Syntax error at position {} in '{v}'.", v.len()));
                        }
                        let prop = schema.prop(path).ok_or_else(|| {
                            format!(
                                "Could not find a property named '{path}' on type '{}'.",
                                schema.type_name
                            )
                        })?;
                        if !prop.order {
                            return Err(format!("The property '{path}' cannot be used in the $orderby query option."));
                        }
                        q.orderby.push((path.to_string(), desc));
                    }
                    q.orderby_raw = Some(v.clone());
                }
                "$select" => q.select = Some(parse_select(v, schema)?),
                "$expand" => {
                    if !allow.expand {
                        return Err(not_allowed("Expand"));
                    }
                    q.expand = parse_expand(v, schema)?;
                }
                "$top" => {
                    if !allow.paging {
                        return Err(not_allowed("Top"));
                    }
                    let n: usize = v.trim().parse().map_err(|_| {
                        format!("Invalid value '{v}' for $top query option found. The $top query option requires a non-negative integer value.")
                    })?;
                    if n > MAX_TOP {
                        return Err(format!(
                            "The limit of '{MAX_TOP}' for Top query has been exceeded. The value from the incoming request is '{n}'."
                        ));
                    }
                    q.top = Some(n);
                }
                "$count" => {
                    if !allow.paging {
                        return Err(not_allowed("Count"));
                    }
                    q.count = match v.trim() {
                        "true" => true,
                        "false" => false,
                        other => return Err(format!("'{other}' is not a valid count option.")),
                    };
                }
                "$skiptoken" => q.skiptoken = Some(v.clone()),
                "$search" => {
                    if !allow.search {
                        return Err(not_allowed("Search"));
                    }
                    q.search = Some(v.trim().trim_matches('"').to_string());
                }
                "$skip" => return Err(not_allowed("Skip")),
                _ => {}
            }
        }
        Ok(q)
    }

    /// Identifies the result set for skip tokens: filter, order and search.
    pub fn fingerprint(&self) -> u64 {
        let s = format!(
            "{:?}|{:?}|{:?}",
            self.filter_raw, self.orderby_raw, self.search
        );
        s.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ b as u64).wrapping_mul(0x100_0000_01b3)
        })
    }

    pub fn expands(&self, name: &str) -> Option<&ExpandItem> {
        self.expand.iter().find(|e| e.name == name || e.name == "*")
    }
}

#[cfg(test)]
mod tests {
    use super::super::schema::RUN;
    use super::*;

    fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn parses_options() {
        let q = Query::parse(
            &pairs(&[
                ("$filter", "processingStatus eq 'failed'"),
                ("$orderby", "startedDateTime desc,processingStatus"),
                ("$top", "5"),
                ("$count", "true"),
            ]),
            &RUN,
            Allow::LIST,
        )
        .unwrap();
        assert!(q.filter.is_some());
        assert_eq!(
            q.orderby,
            vec![
                ("startedDateTime".to_string(), true),
                ("processingStatus".to_string(), false)
            ]
        );
        assert_eq!(q.top, Some(5));
        assert!(q.count);
    }

    #[test]
    fn rejects_bad_options() {
        for bad in [
            ("$top", "1000"),
            ("$top", "-1"),
            ("$count", "yes"),
            ("$orderby", "totalUsersCount"),
            ("$orderby", "startedDateTime sideways"),
            ("$filter", "failedUsersCount gt 1"),
            ("$search", "x"),
            ("$bogus", "1"),
        ] {
            assert!(
                Query::parse(&pairs(&[bad]), &RUN, Allow::LIST).is_err(),
                "{bad:?}"
            );
        }
        assert!(Query::parse(
            &pairs(&[("$filter", "processingStatus eq 'failed'")]),
            &RUN,
            Allow::ENTITY
        )
        .is_err());
    }
}
