//! Ordering index lists: a stable sort by one key per entry (numbers sorted
//! as plain integers, text by reference, ties in input order, missing
//! values last either way), the opposite direction of such an order
//! derived in one pass, and a stable "failures first" partition, all
//! without a comparator that looks rows up.

use super::SortKey;
use crate::model::SortDir;
use std::cmp::Ordering;
use std::collections::HashSet;

/// A stable order of every row by one key, with what the opposite
/// direction needs to be derived from it without looking at keys again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FullOrder {
    /// Row indexes in key order, the missing values last.
    pub order: Vec<u32>,
    /// Per position: whether its key equals the key before it.
    pub ties: Vec<bool>,
    /// How many rows at the end have no value.
    pub missing: usize,
}

/// The indexes of `keyed` (key, index) in the order of their keys: what a
/// stable sort with missing values last gives, computed with unstable sorts
/// over compact keys (the input position breaks ties).
pub fn sort_keyed(keyed: Vec<(SortKey, u32)>, dir: SortDir) -> Vec<u32> {
    sort_keyed_with_ties(keyed, dir).order
}

/// [`sort_keyed`], also noting which neighbours tie (see [`opposite`]).
pub fn sort_keyed_with_ties(keyed: Vec<(SortKey, u32)>, dir: SortDir) -> FullOrder {
    let total = keyed.len();
    let mut nums: Vec<(i64, u32, u32)> = Vec::with_capacity(total);
    let mut texts: Vec<(String, u32, u32)> = Vec::new();
    let mut missing: Vec<u32> = Vec::new();
    for (pos, (key, index)) in (0u32..).zip(keyed) {
        match key {
            // `!n` reverses the order of integers without overflow.
            SortKey::Num(n) if dir == SortDir::Desc => nums.push((!n, pos, index)),
            SortKey::Num(n) => nums.push((n, pos, index)),
            SortKey::Text(t) => texts.push((t, pos, index)),
            SortKey::Missing => missing.push(index),
        }
    }
    nums.sort_unstable();
    texts.sort_unstable_by(|a, b| {
        let by_key = a.0.cmp(&b.0);
        let by_key = if dir == SortDir::Desc {
            by_key.reverse()
        } else {
            by_key
        };
        by_key.then(a.1.cmp(&b.1))
    });
    let mut out = FullOrder {
        order: Vec::with_capacity(total),
        ties: Vec::with_capacity(total),
        missing: missing.len(),
    };
    // Numbers sort before text; descending reverses that too.
    if dir == SortDir::Desc {
        push_group(&mut out, &texts);
        push_group(&mut out, &nums);
    } else {
        push_group(&mut out, &nums);
        push_group(&mut out, &texts);
    }
    out.ties.resize(out.order.len() + missing.len(), false);
    out.order.extend(missing);
    out
}

/// Appends a sorted group of (key, position, index), marking equal keys.
fn push_group<K: PartialEq>(out: &mut FullOrder, group: &[(K, u32, u32)]) {
    let mut previous: Option<&K> = None;
    for (key, _, index) in group {
        out.ties.push(previous == Some(key));
        out.order.push(*index);
        previous = Some(key);
    }
}

/// The same rows in the opposite direction, as a fresh stable sort of
/// that direction gives (equal keys stay in input order, missing values
/// stay last): the valued part reversed run by run, in O(rows).
/// The order is given in parts (`ties` and `missing` as in [`FullOrder`]),
/// read in place.
pub fn opposite(order: &[u32], ties: &[bool], missing: usize) -> FullOrder {
    let total = order.len();
    let valued = total.saturating_sub(missing);
    let mut out = FullOrder {
        order: Vec::with_capacity(total),
        ties: Vec::with_capacity(total),
        missing,
    };
    let mut end = valued;
    while end > 0 {
        let mut start = end - 1;
        while start > 0 && ties.get(start) == Some(&true) {
            start -= 1;
        }
        out.order.extend_from_slice(&order[start..end]);
        out.ties.push(false);
        out.ties.resize(out.order.len(), true);
        end = start;
    }
    out.order.extend_from_slice(&order[valued..]);
    out.ties.resize(total, false);
    out
}

/// `indexes` with the failed ones first, each part in its given order;
/// `failed` holds a flag per row. Every index is a row's, so a missing flag
/// is a bug: asserted in debug builds, the index dropped otherwise.
pub fn failures_first(indexes: Vec<u32>, failed: &[bool]) -> Vec<u32> {
    let mut first = Vec::with_capacity(indexes.len());
    let mut rest = Vec::new();
    for i in indexes {
        match failed.get(i as usize) {
            Some(true) => first.push(i),
            Some(false) => rest.push(i),
            None => debug_assert!(false, "row index {i} out of range"),
        }
    }
    first.extend(rest);
    first
}

/// How two rows compare in a stable order by key: missing values last,
/// then by key in `dir`, then by row index.
fn compare(a: &SortKey, ai: u32, b: &SortKey, bi: u32, dir: SortDir) -> Ordering {
    let by_key = match (a.is_missing(), b.is_missing()) {
        (true, true) => Ordering::Equal,
        (true, false) => Ordering::Greater,
        (false, true) => Ordering::Less,
        (false, false) if dir == SortDir::Desc => b.cmp(a),
        (false, false) => a.cmp(b),
    };
    by_key.then(ai.cmp(&bi))
}

/// `order`, a stable order of all rows by `key`, with the rows of `moved`
/// (whose keys changed) taken out and put back where a fresh stable sort
/// would put them.
pub fn reposition(order: &mut Vec<u32>, moved: &[u32], key: impl Fn(u32) -> SortKey, dir: SortDir) {
    let moving: HashSet<u32> = moved.iter().copied().collect();
    order.retain(|i| !moving.contains(i));
    insert_sorted(order, moving.into_iter(), key, dir);
}

/// Inserts the rows `new` (not yet in `order`, a stable order by `key`)
/// where a fresh stable sort would put them: a binary search each, then one
/// pass to rebuild (appending a page costs O(rows), not a sort).
pub fn insert_sorted(
    order: &mut Vec<u32>,
    new: impl Iterator<Item = u32>,
    key: impl Fn(u32) -> SortKey,
    dir: SortDir,
) {
    let mut inserts: Vec<(usize, SortKey, u32)> = new
        .map(|m| {
            let k = key(m);
            let at = order.partition_point(|&o| compare(&key(o), o, &k, m, dir) == Ordering::Less);
            (at, k, m)
        })
        .collect();
    if inserts.is_empty() {
        return;
    }
    inserts.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| compare(&a.1, a.2, &b.1, b.2, dir))
    });
    let mut out = Vec::with_capacity(order.len() + inserts.len());
    let mut next = inserts.into_iter().peekable();
    for (pos, &o) in order.iter().enumerate() {
        while let Some((_, _, m)) = next.next_if(|(at, _, _)| *at == pos) {
            out.push(m);
        }
        out.push(o);
    }
    out.extend(next.map(|(_, _, m)| m));
    *order = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flip(full: &FullOrder) -> FullOrder {
        opposite(&full.order, &full.ties, full.missing)
    }

    fn keyed(keys: &[SortKey]) -> Vec<(SortKey, u32)> {
        keys.iter().cloned().zip(0u32..).collect()
    }

    #[test]
    fn numbers_then_text_then_missing() {
        let keys = [
            SortKey::Missing,
            SortKey::Text("b".into()),
            SortKey::Num(2),
            SortKey::Text("a".into()),
            SortKey::Num(2),
            SortKey::Num(-1),
        ];
        assert_eq!(
            sort_keyed(keyed(&keys), SortDir::Asc),
            vec![5, 2, 4, 3, 1, 0]
        );
        assert_eq!(
            sort_keyed(keyed(&keys), SortDir::Desc),
            vec![1, 3, 2, 4, 5, 0]
        );
    }

    #[test]
    fn extreme_numbers_reverse() {
        let keys = [SortKey::Num(i64::MIN), SortKey::Num(i64::MAX)];
        assert_eq!(sort_keyed(keyed(&keys), SortDir::Desc), vec![1, 0]);
        assert_eq!(sort_keyed(keyed(&keys), SortDir::Asc), vec![0, 1]);
    }

    #[test]
    fn ties_keep_input_order() {
        let input = vec![(SortKey::Num(1), 9), (SortKey::Num(1), 3)];
        assert_eq!(sort_keyed(input, SortDir::Desc), vec![9, 3]);
    }

    #[test]
    fn reposition_equals_a_fresh_sort() {
        let keys = |v: &[i64]| -> Vec<SortKey> {
            v.iter()
                .map(|&n| {
                    if n < 0 {
                        SortKey::Missing
                    } else {
                        SortKey::Num(n)
                    }
                })
                .collect()
        };
        let before = keys(&[5, 1, -1, 3, 1, 9, 3]);
        let after = keys(&[5, 4, -1, 3, 1, 0, -1]);
        for dir in [SortDir::Asc, SortDir::Desc] {
            let mut order = sort_keyed(keyed(&before), dir);
            let key = |i: u32| after[i as usize].clone();
            reposition(&mut order, &[1, 5, 6], key, dir);
            assert_eq!(order, sort_keyed(keyed(&after), dir), "{dir:?}");
        }
    }

    #[test]
    fn the_opposite_equals_a_fresh_sort() {
        let keys = [
            SortKey::Text("b".into()),
            SortKey::Missing,
            SortKey::Num(2),
            SortKey::Text("a".into()),
            SortKey::Num(2),
            SortKey::Text("b".into()),
            SortKey::Num(-1),
            SortKey::Missing,
            SortKey::Num(2),
        ];
        for dir in [SortDir::Asc, SortDir::Desc] {
            let other = if dir == SortDir::Asc {
                SortDir::Desc
            } else {
                SortDir::Asc
            };
            let full = sort_keyed_with_ties(keyed(&keys), dir);
            assert_eq!(flip(&full), sort_keyed_with_ties(keyed(&keys), other));
            assert_eq!(flip(&flip(&full)), full);
        }
    }

    #[test]
    fn the_opposite_of_nothing_is_nothing() {
        let empty = sort_keyed_with_ties(Vec::new(), SortDir::Asc);
        assert_eq!(flip(&empty), empty);
        let all_missing =
            sort_keyed_with_ties(keyed(&[SortKey::Missing, SortKey::Missing]), SortDir::Asc);
        assert_eq!(flip(&all_missing).order, vec![0, 1]);
    }

    #[test]
    fn partition_is_stable() {
        let failed: Vec<bool> = (0u32..9).map(|i| i.is_multiple_of(2)).collect();
        let out = failures_first(vec![5, 2, 8, 1, 4], &failed);
        assert_eq!(out, vec![2, 8, 4, 5, 1]);
    }
}
