//! Validation of a parsed `$filter` against a schema (Graph-like 400 messages)
//! and its evaluation over rows; also the value ordering used by `$orderby`.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::parser::{Cmp, Expr, Lit};
use super::schema::{Kind, Ops, Schema};
use crate::ticks::Ticks;

/// A property value as seen by `$filter` and `$orderby`.
#[derive(Clone, Debug, PartialEq)]
pub enum Val<'a> {
    Null,
    Str(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    Date(Ticks),
}

/// Anything a collection can hold: it exposes property values by path.
pub trait Row {
    fn field(&self, path: &str) -> Val<'_>;
}

/// Checks properties, operators and literal types; the message is Graph's kind.
pub fn validate(e: &Expr, schema: &Schema) -> Result<(), String> {
    match e {
        Expr::And(a, b) | Expr::Or(a, b) => {
            validate(a, schema)?;
            validate(b, schema)
        }
        Expr::Not(a) => validate(a, schema),
        Expr::Cmp { path, op, lit } => {
            let prop = match schema.prop(path) {
                Some(p) => p,
                None => {
                    let first = path.split('/').next().unwrap_or(path);
                    return Err(format!(
                        "Could not find a property named '{}' on type '{}'.",
                        if schema.prop(first).is_some() {
                            path.as_str()
                        } else {
                            first
                        },
                        schema.type_name
                    ));
                }
            };
            let allowed = match prop.filter {
                Ops::None => false,
                Ops::Eq => *op == Cmp::Eq,
                Ops::EqNe => matches!(op, Cmp::Eq | Cmp::Ne),
                Ops::All => true,
            };
            if prop.filter == Ops::None {
                return Err(format!(
                    "Invalid filter clause: The property '{path}' cannot be used in the $filter query option."
                ));
            }
            if !allowed {
                return Err(format!(
                    "Invalid filter clause: The operator '{}' is not supported for the property '{path}'.",
                    op.name()
                ));
            }
            let ok = match (&prop.kind, lit) {
                (_, Lit::Null) => true,
                (Kind::Date, Lit::Date(_)) => true,
                (Kind::Int, Lit::Int(_)) | (Kind::Int, Lit::Float(_)) => true,
                (Kind::Bool, Lit::Bool(_)) => true,
                (Kind::Str, Lit::Str(_)) => true,
                (Kind::Guid, Lit::Str(_)) | (Kind::Guid, Lit::Guid(_)) => true,
                (Kind::Enum(name, members), Lit::Str(s)) => {
                    if !members.contains(&s.as_str()) {
                        return Err(format!(
                            "Invalid filter clause: The string '{s}' is not a valid enumerated type constant for '{name}'."
                        ));
                    }
                    true
                }
                _ => false,
            };
            if !ok {
                return Err(format!(
                    "Invalid filter clause: A binary operator with incompatible types was detected. Found operand types '{}' and '{}' for operator kind '{}'.",
                    prop.kind.edm(),
                    lit.edm(),
                    op.kind_name()
                ));
            }
            Ok(())
        }
    }
}

/// Evaluates a validated expression. Comparisons with null are false except
/// `eq null` / `ne null`, as in OData.
pub fn eval(e: &Expr, row: &dyn Row) -> bool {
    match e {
        Expr::And(a, b) => eval(a, row) && eval(b, row),
        Expr::Or(a, b) => eval(a, row) || eval(b, row),
        Expr::Not(a) => !eval(a, row),
        Expr::Cmp { path, op, lit } => {
            let v = row.field(path);
            let ord = match (&v, lit) {
                (Val::Null, Lit::Null) => Some(Ordering::Equal),
                (Val::Null, _) | (_, Lit::Null) => return matches!(op, Cmp::Ne),
                (Val::Date(a), Lit::Date(b)) => Some(a.cmp(b)),
                (Val::Int(a), Lit::Int(b)) => Some(a.cmp(b)),
                (Val::Int(a), Lit::Float(b)) => (*a as f64).partial_cmp(b),
                (Val::Bool(a), Lit::Bool(b)) => Some(a.cmp(b)),
                (Val::Str(a), Lit::Str(b)) | (Val::Str(a), Lit::Guid(b)) => {
                    if a.len() == 36 && b.len() == 36 {
                        Some(a.to_ascii_lowercase().cmp(&b.to_ascii_lowercase()))
                    } else {
                        Some(a.as_ref().cmp(b.as_str()))
                    }
                }
                _ => None,
            };
            match ord {
                None => matches!(op, Cmp::Ne),
                Some(o) => match op {
                    Cmp::Eq => o == Ordering::Equal,
                    Cmp::Ne => o != Ordering::Equal,
                    Cmp::Lt => o == Ordering::Less,
                    Cmp::Le => o != Ordering::Greater,
                    Cmp::Gt => o == Ordering::Greater,
                    Cmp::Ge => o != Ordering::Less,
                },
            }
        }
    }
}

/// Total order for `$orderby`: null sorts first (smallest), as in OData.
pub fn compare(a: &Val<'_>, b: &Val<'_>) -> Ordering {
    match (a, b) {
        (Val::Null, Val::Null) => Ordering::Equal,
        (Val::Null, _) => Ordering::Less,
        (_, Val::Null) => Ordering::Greater,
        (Val::Int(x), Val::Int(y)) => x.cmp(y),
        (Val::Date(x), Val::Date(y)) => x.cmp(y),
        (Val::Bool(x), Val::Bool(y)) => x.cmp(y),
        (Val::Str(x), Val::Str(y)) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;
    use super::super::schema::RUN;
    use super::*;

    struct R {
        status: &'static str,
        done: Option<Ticks>,
    }

    impl Row for R {
        fn field(&self, path: &str) -> Val<'_> {
            match path {
                "processingStatus" => Val::Str(Cow::Borrowed(self.status)),
                "completedDateTime" => self.done.map(Val::Date).unwrap_or(Val::Null),
                _ => Val::Null,
            }
        }
    }

    fn check(f: &str, r: &R) -> bool {
        let e = parse(f).unwrap();
        validate(&e, &RUN).unwrap();
        eval(&e, r)
    }

    #[test]
    fn evaluates_comparisons_and_logic() {
        let t = crate::ticks::parse("2024-01-10T00:00:00Z").unwrap();
        let r = R {
            status: "failed",
            done: Some(t),
        };
        assert!(check("processingStatus eq 'failed'", &r));
        assert!(!check("processingStatus ne 'failed'", &r));
        assert!(check("completedDateTime ge 2024-01-01T00:00:00Z and completedDateTime lt 2024-02-01T00:00:00Z", &r));
        assert!(!check(
            "not (completedDateTime gt 2024-01-01T00:00:00Z)",
            &r
        ));
        assert!(check(
            "processingStatus eq 'completed' or completedDateTime le 2024-01-10T00:00:00Z",
            &r
        ));
        let open = R {
            status: "inProgress",
            done: None,
        };
        assert!(check("completedDateTime eq null", &open));
        assert!(!check("completedDateTime lt 2030-01-01T00:00:00Z", &open));
        assert!(check("completedDateTime ne 2030-01-01T00:00:00Z", &open));
    }

    #[test]
    fn rejects_what_graph_rejects() {
        let v = |f: &str| validate(&parse(f).unwrap(), &RUN);
        assert!(v("totalUsersCount gt 3")
            .unwrap_err()
            .contains("cannot be used in the $filter"));
        assert!(v("nope eq 1")
            .unwrap_err()
            .contains("Could not find a property named 'nope'"));
        assert!(v("processingStatus lt 'failed'")
            .unwrap_err()
            .contains("operator 'lt'"));
        assert!(v("processingStatus eq 'bogus'")
            .unwrap_err()
            .contains("enumerated"));
        assert!(v("startedDateTime gt 'yesterday'")
            .unwrap_err()
            .contains("incompatible types"));
    }
}
