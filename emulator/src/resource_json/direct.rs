//! Direct JSON writers for the large collections (user results, runs): the
//! same text `serde_json` would produce from the `resource_json` maps, without
//! building them. Tests hold the two to byte-for-byte equality.

use crate::dataset::{Run, UserResult};
use crate::rng::Guid;
use crate::ticks::Ticks;

use super::View;

fn digits(out: &mut String, mut n: u64, width: usize) {
    let mut buf = [b'0'; 20];
    let mut i = buf.len();
    while n > 0 || buf.len() - i < width.max(1) {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    for &b in &buf[i..] {
        out.push(b as char);
    }
}

fn int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    digits(out, n.unsigned_abs(), 1);
}

fn date(out: &mut String, t: Option<Ticks>) {
    match t {
        None => out.push_str("null"),
        Some(t) => {
            out.push('"');
            crate::ticks::write(out, t);
            out.push('"');
        }
    }
}

fn guid(out: &mut String, g: Guid) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for i in 0..32 {
        if matches!(i, 8 | 12 | 16 | 20) {
            out.push('-');
        }
        let nib = (g.0 >> (124 - i * 4)) & 0xF;
        out.push(HEX[nib as usize] as char);
    }
    out.push('"');
}

fn key(out: &mut String, first: bool, k: &str) {
    if !first {
        out.push(',');
    }
    out.push('"');
    out.push_str(k);
    out.push_str("\":");
}

fn text(out: &mut String, s: &str) {
    out.push('"');
    out.push_str(s);
    out.push('"');
}

/// Same as `resource_json::user_result` without `$expand`.
pub fn user_result(v: &View<'_>, u: &UserResult, out: &mut String) {
    out.push('{');
    key(out, true, "id");
    guid(out, u.id);
    key(out, false, "completedDateTime");
    date(out, u.completed);
    key(out, false, "failedTasksCount");
    int(out, u.failed_tasks() as i64);
    key(out, false, "processingStatus");
    text(out, u.status.wire(v.unknown));
    key(out, false, "scheduledDateTime");
    date(out, u.scheduled);
    key(out, false, "startedDateTime");
    date(out, u.started);
    key(out, false, "totalTasksCount");
    int(out, u.task_count as i64);
    key(out, false, "totalUnprocessedTasksCount");
    int(out, u.unprocessed_tasks() as i64);
    key(out, false, "workflowExecutionType");
    text(out, u.exec_type.wire(v.unknown));
    key(out, false, "workflowVersion");
    int(out, u.workflow_version as i64);
    key(out, false, "subject");
    out.push_str("{\"id\":");
    guid(out, v.ds.users[u.subject as usize].id);
    out.push_str("}}");
}

/// Same as `resource_json::run`.
pub fn run(v: &View<'_>, r: &Run, out: &mut String) {
    let c = &r.counts;
    out.push('{');
    key(out, true, "id");
    guid(out, r.id);
    key(out, false, "completedDateTime");
    date(out, r.completed);
    key(out, false, "failedTasksCount");
    int(out, c.failed_tasks);
    key(out, false, "failedUsersCount");
    int(out, c.failed_users);
    key(out, false, "lastUpdatedDateTime");
    date(out, r.last_updated);
    key(out, false, "processingStatus");
    text(out, r.status.wire(v.unknown));
    key(out, false, "scheduledDateTime");
    date(out, r.scheduled);
    key(out, false, "startedDateTime");
    date(out, r.started);
    key(out, false, "successfulUsersCount");
    int(out, c.successful_users);
    key(out, false, "totalTasksCount");
    int(out, c.total_tasks);
    key(out, false, "totalUsersCount");
    int(out, c.total_users);
    key(out, false, "totalUnprocessedTasksCount");
    int(out, c.unprocessed_tasks);
    key(out, false, "workflowExecutionType");
    text(out, r.exec_type.wire(v.unknown));
    key(out, false, "activatedOnScope");
    match v.ds.links.activated_on.get(&r.id) {
        Some(scope) => out.push_str(&super::activated_on(scope).to_string()),
        None => out.push_str("null"),
    }
    out.push('}');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Scale};
    use crate::odata::Query;
    use crate::ticks::SECOND;
    use serde_json::Value;

    #[test]
    fn fast_writers_match_the_views_exactly() {
        let ds = Dataset::new(3, Scale::Demo, 1_700_000_000 * SECOND);
        let q = Query::default();
        for unknown in [false, true] {
            let v = View {
                ds: &ds,
                unknown,
                query: &q,
            };
            for w in &ds.workflows {
                for r in &w.runs {
                    let mut s = String::new();
                    run(&v, r, &mut s);
                    assert_eq!(
                        s,
                        serde_json::to_string(&Value::Object(super::super::run(&v, r))).unwrap()
                    );
                    for u in r.users.iter().take(5) {
                        let mut s = String::new();
                        user_result(&v, u, &mut s);
                        let want = serde_json::to_string(&Value::Object(
                            super::super::user_result(&v, u, None),
                        ))
                        .unwrap();
                        assert_eq!(s, want);
                    }
                }
            }
        }
        let mut s = String::new();
        int(&mut s, -42);
        digits(&mut s, 7, 3);
        assert_eq!(s, "-42007");
    }
}
