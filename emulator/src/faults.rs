//! Fault injection: rules matched on method and path glob that answer with
//! an error status (and `Retry-After`), delay, corrupt the body, replace it
//! with given JSON (`json`) or merge fields into it (`merge`, into every item
//! of a collection's `value`). Firing is deterministic: `every`/`times` count
//! requests, `rate` uses the seeded RNG. Rules come from the `--faults` file
//! (`parse_rules`) or `POST /_emulator/faults`.

use std::sync::Mutex;

use serde::Deserialize;
use serde_json::Value;

use crate::rng::Rng;

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum BodyFault {
    Malformed,
    Truncated,
    Reset,
}

#[derive(Clone, Debug, Deserialize, PartialEq, Default, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct FaultRule {
    pub path: Option<String>,
    pub method: Option<String>,
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    pub times: Option<u64>,
    pub every: Option<u64>,
    pub rate: Option<f64>,
    pub delay_ms: Option<u64>,
    #[serde(default, with = "body_fault_opt")]
    pub body: Option<BodyFault>,
    /// Replaces the whole answer with this JSON (status 200 unless `status`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub json: Option<Value>,
    /// Merged (RFC 7386) into the answer, or into every item of its `value`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merge: Option<Value>,
}

mod body_fault_opt {
    use super::BodyFault;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<BodyFault>, D::Error> {
        Option::<BodyFault>::deserialize(d)
    }

    pub fn serialize<S: Serializer>(v: &Option<BodyFault>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            None => s.serialize_none(),
            Some(BodyFault::Malformed) => s.serialize_str("malformed"),
            Some(BodyFault::Truncated) => s.serialize_str("truncated"),
            Some(BodyFault::Reset) => s.serialize_str("reset"),
        }
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FaultSet {
    pub rules: Vec<FaultRule>,
}

/// Parses a `--faults` file: `{"rules":[...]}` or a bare array of rules.
pub fn parse_rules(text: &str) -> Result<Vec<FaultRule>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let v = if v.is_array() {
        serde_json::json!({ "rules": v })
    } else {
        v
    };
    serde_json::from_value::<FaultSet>(v)
        .map(|s| s.rules)
        .map_err(|e| e.to_string())
}

/// What a matching rule asks the server to do.
#[derive(Clone, Debug, PartialEq)]
pub struct Fired {
    pub status: Option<u16>,
    pub retry_after: Option<u64>,
    pub delay_ms: Option<u64>,
    pub body: Option<BodyFault>,
    /// A body to answer instead of the real one.
    pub json: Option<Value>,
    /// Fields to merge into the real answer.
    pub merge: Option<Value>,
}

impl Fired {
    /// Whether the real answer is still computed (and possibly changed).
    pub fn rewrites_body(&self) -> bool {
        self.body.is_some() || self.json.is_some() || self.merge.is_some()
    }
}

/// Applies `patch` to `target` like a JSON merge patch (RFC 7386): objects
/// merge key by key and anything else replaces. Unlike RFC 7386, `null` is
/// written as a value rather than removing the key, so a test can send the
/// explicit nulls Graph sends.
pub fn merge_into(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (key, value) in p {
                match t.get_mut(key) {
                    Some(slot) if value.is_object() && slot.is_object() => merge_into(slot, value),
                    _ => {
                        t.insert(key.clone(), value.clone());
                    }
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

/// Merges `patch` into every item of a collection's `value`, or into the
/// object itself when it is not a collection.
pub fn merge_answer(body: &mut Value, patch: &Value) {
    match body.get_mut("value").and_then(Value::as_array_mut) {
        Some(items) => items.iter_mut().for_each(|item| merge_into(item, patch)),
        None => merge_into(body, patch),
    }
}

struct Slot {
    rule: FaultRule,
    seen: u64,
    fired: u64,
}

pub struct Faults {
    slots: Mutex<Vec<Slot>>,
    rng: Mutex<Rng>,
}

/// `*` matches any run of characters (including `/`), `?` one character.
pub fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi].eq_ignore_ascii_case(&t[ti])) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

impl Faults {
    pub fn new(seed: u64) -> Faults {
        Faults {
            slots: Mutex::new(Vec::new()),
            rng: Mutex::new(Rng::new(seed ^ 0xFA17)),
        }
    }

    pub fn validate(rule: &FaultRule) -> Result<(), String> {
        if let Some(s) = rule.status {
            if !(100..=599).contains(&s) {
                return Err(format!("status {s} is not an HTTP status code"));
            }
        }
        if let Some(r) = rule.rate {
            if !(0.0..=1.0).contains(&r) {
                return Err("rate must be between 0 and 1".into());
            }
        }
        if rule.every == Some(0) {
            return Err("every must be at least 1".into());
        }
        Ok(())
    }

    pub fn add(&self, rules: Vec<FaultRule>) -> Result<usize, String> {
        for r in &rules {
            Self::validate(r)?;
        }
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        slots.extend(rules.into_iter().map(|rule| Slot {
            rule,
            seen: 0,
            fired: 0,
        }));
        Ok(slots.len())
    }

    pub fn clear(&self) {
        self.slots.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    pub fn list(&self) -> Vec<FaultRule> {
        self.slots
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .iter()
            .map(|s| s.rule.clone())
            .collect()
    }

    /// The first rule that fires for this request, if any.
    pub fn check(&self, method: &str, path: &str) -> Option<Fired> {
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        for slot in slots.iter_mut() {
            let r = &slot.rule;
            if let Some(m) = &r.method {
                if !m.eq_ignore_ascii_case(method) {
                    continue;
                }
            }
            if let Some(p) = &r.path {
                if !glob(p, path) {
                    continue;
                }
            }
            if r.times.is_some_and(|t| slot.fired >= t) {
                continue;
            }
            slot.seen += 1;
            if let Some(e) = r.every {
                if slot.seen % e != 0 {
                    continue;
                }
            }
            if let Some(rate) = r.rate {
                let roll = self.rng.lock().unwrap_or_else(|e| e.into_inner()).f64();
                if roll >= rate {
                    continue;
                }
            }
            slot.fired += 1;
            let changes_body = r.body.is_some() || r.json.is_some() || r.merge.is_some();
            let status = match (r.status, changes_body, r.delay_ms) {
                (Some(s), _, _) => Some(s),
                (None, false, None) => Some(503),
                _ => None,
            };
            return Some(Fired {
                status,
                retry_after: r.retry_after,
                delay_ms: r.delay_ms,
                body: r.body,
                json: r.json.clone(),
                merge: r.merge.clone(),
            });
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        let p = "/v1.0/identityGovernance/lifecycleWorkflows/workflows/*/runs*";
        assert!(glob(
            p,
            "/v1.0/identityGovernance/lifecycleWorkflows/workflows/abc/runs"
        ));
        assert!(glob(p, "/v1.0/identityGovernance/lifecycleWorkflows/workflows/abc/runs/x/userProcessingResults"));
        assert!(!glob(
            p,
            "/v1.0/identityGovernance/lifecycleWorkflows/workflows/abc"
        ));
        assert!(glob("*", "/anything"));
        assert!(glob("/a?c", "/abc"));
        assert!(!glob("/a?c", "/abbc"));
    }

    #[test]
    fn times_and_every_count_requests() {
        let f = Faults::new(1);
        f.add(vec![FaultRule {
            path: Some("/x*".into()),
            status: Some(429),
            times: Some(2),
            every: Some(2),
            ..Default::default()
        }])
        .unwrap();
        let fired: Vec<bool> = (0..8).map(|_| f.check("GET", "/x/y").is_some()).collect();
        assert_eq!(
            fired,
            vec![false, true, false, true, false, false, false, false]
        );
        assert!(f.check("GET", "/other").is_none());
    }

    #[test]
    fn rate_is_deterministic_under_the_seed() {
        let run = |seed| {
            let f = Faults::new(seed);
            f.add(vec![FaultRule {
                rate: Some(0.3),
                status: Some(503),
                ..Default::default()
            }])
            .unwrap();
            (0..200)
                .map(|_| f.check("GET", "/p").is_some())
                .collect::<Vec<_>>()
        };
        let a = run(5);
        assert_eq!(a, run(5));
        let n = a.iter().filter(|x| **x).count();
        assert!((30..=90).contains(&n), "{n}");
    }

    #[test]
    fn parses_a_rule_set_or_a_bare_array() {
        let set = parse_rules(r#"{"rules":[{"status": 429, "times": 1}]}"#).unwrap();
        assert_eq!(set[0].status, Some(429));
        let bare = parse_rules(r#"[{"status": 500, "every": 2}]"#).unwrap();
        assert_eq!(bare[0].every, Some(2));
        assert!(parse_rules(r#"{"rules":[{"nope": 1}]}"#).is_err());
        assert!(parse_rules("not json").is_err());
    }

    #[test]
    fn rejects_invalid_rules() {
        let f = Faults::new(1);
        assert!(f
            .add(vec![FaultRule {
                rate: Some(2.0),
                ..Default::default()
            }])
            .is_err());
        assert!(f
            .add(vec![FaultRule {
                every: Some(0),
                ..Default::default()
            }])
            .is_err());
        assert!(serde_json::from_str::<FaultSet>(r#"{"rules":[{"body":"weird"}]}"#).is_err());
    }
}
