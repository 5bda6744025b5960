//! Ordering index lists: a stable sort by one key per entry (numbers sorted
//! as plain integers, text by reference, ties in input order, missing
//! values last either way), the opposite direction of such an order
//! derived in one pass, and a stable "failures first" partition, all
//! without a comparator that looks rows up.

use super::SortKey;
use crate::model::SortDir;
use std::cmp::Ordering;

/// A stable order of every row by one key, with what the opposite
/// direction needs to be derived from it without looking at keys again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FullOrder {
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
pub(super) fn sort_keyed(keyed: Vec<(SortKey, u32)>, dir: SortDir) -> Vec<u32> {
    sort_keyed_with_ties(keyed, dir).order
}

/// [`sort_keyed`], also noting which neighbours tie (see [`opposite`]).
pub(super) fn sort_keyed_with_ties(keyed: Vec<(SortKey, u32)>, dir: SortDir) -> FullOrder {
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
    let texts = sort_texts(texts, dir);
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

/// Texts (with their input position and row index, in input order) sorted
/// by text in `dir`, equal texts in input order: first by their first 8
/// bytes as one number (no string comparison, no pointer chasing), then
/// only the runs that share those bytes by the whole text.
fn sort_texts(texts: Vec<(String, u32, u32)>, dir: SortDir) -> Vec<(String, u32, u32)> {
    let flip = |h: u64| if dir == SortDir::Desc { !h } else { h };
    let mut heads: Vec<(u64, u32)> = (0u32..)
        .zip(&texts)
        .map(|(k, (t, _, _))| (flip(head(t)), k))
        .collect();
    heads.sort_unstable();
    let text = |k: u32| texts.get(k as usize).map_or("", |t| t.0.as_str());
    let mut start = 0;
    while start < heads.len() {
        let end = start + heads[start..].partition_point(|h| h.0 == heads[start].0);
        if end - start > 1 {
            heads[start..end].sort_unstable_by(|a, b| {
                let by_text = text(a.1).cmp(text(b.1));
                let by_text = if dir == SortDir::Desc {
                    by_text.reverse()
                } else {
                    by_text
                };
                by_text.then(a.1.cmp(&b.1))
            });
        }
        start = end;
    }
    let mut slots: Vec<Option<(String, u32, u32)>> = texts.into_iter().map(Some).collect();
    heads
        .iter()
        .filter_map(|&(_, k)| slots.get_mut(k as usize).and_then(Option::take))
        .collect()
}

/// The first 8 bytes of `text` as a big-endian number (zero-padded): a
/// smaller head means a smaller text; equal heads say nothing.
fn head(text: &str) -> u64 {
    let mut bytes = [0u8; 8];
    let n = text.len().min(8);
    bytes[..n].copy_from_slice(&text.as_bytes()[..n]);
    u64::from_be_bytes(bytes)
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
pub(super) fn opposite(order: &[u32], ties: &[bool], missing: usize) -> FullOrder {
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
pub(super) fn failures_first(indexes: Vec<u32>, failed: &[bool]) -> Vec<u32> {
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

/// What [`opposite`] needs besides the order: per position whether its key
/// equals the key before it, and how many rows at the end have no value
/// (see [`FullOrder`]).
pub(super) type Ties = (Vec<bool>, usize);

/// Whether a row with key `k` ties with the row before it (key `prev`):
/// rows without a value never do (as in a fresh [`FullOrder`]).
fn ties_with(prev: Option<&SortKey>, k: &SortKey) -> bool {
    !k.is_missing() && prev == Some(k)
}

/// `order`, a stable order of all rows by `key`, with the rows of `moved`
/// (whose keys changed) taken out and put back where a fresh stable sort
/// would put them; `ties`, when known, stay what a fresh sort would give
/// (only the neighbours of the moved rows are compared again).
pub(super) fn reposition(
    order: &mut Vec<u32>,
    mut ties: Option<&mut Ties>,
    moved: &[u32],
    key: impl Fn(u32) -> SortKey,
    dir: SortDir,
) {
    let size = moved.iter().max().map_or(0, |&m| m as usize + 1);
    let mut moving = vec![false; size];
    for &m in moved {
        moving[m as usize] = true;
    }
    let gone = |i: u32| moving.get(i as usize) == Some(&true);
    remove(order, ties.as_deref_mut(), gone, &key);
    let mut back: Vec<u32> = moved.to_vec();
    back.sort_unstable();
    back.dedup();
    insert_sorted(order, ties, back.into_iter(), key, dir);
}

/// Takes the rows for which `gone` holds out of `order`, keeping `ties`
/// right: a row whose neighbour before it left is compared again.
fn remove(
    order: &mut Vec<u32>,
    ties: Option<&mut Ties>,
    gone: impl Fn(u32) -> bool,
    key: &impl Fn(u32) -> SortKey,
) {
    let Some((same, missing)) = ties else {
        order.retain(|&i| !gone(i));
        return;
    };
    let valued = order.len().saturating_sub(*missing);
    let mut kept = Vec::with_capacity(order.len());
    let mut kept_same = Vec::with_capacity(order.len());
    let mut gap = false;
    for (pos, (&o, &tie)) in order.iter().zip(same.iter()).enumerate() {
        if gone(o) {
            gap = true;
            if pos >= valued {
                *missing -= 1;
            }
            continue;
        }
        let tie = if gap {
            kept.last()
                .is_some_and(|&p| ties_with(Some(&key(p)), &key(o)))
        } else {
            tie
        };
        kept.push(o);
        kept_same.push(tie);
        gap = false;
    }
    *order = kept;
    *same = kept_same;
}

/// Inserts the rows `new` (not yet in `order`, a stable order by `key`)
/// where a fresh stable sort would put them: a binary search each, then one
/// pass to rebuild (appending a page costs O(rows), not a sort). `ties`,
/// when known, stay what a fresh sort would give.
pub(super) fn insert_sorted(
    order: &mut Vec<u32>,
    ties: Option<&mut Ties>,
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
    match ties {
        Some((same, missing)) => {
            *missing += inserts.iter().filter(|(_, k, _)| k.is_missing()).count();
            let (out, out_same) = merge_with_ties(order, same, inserts, &key);
            *order = out;
            *same = out_same;
        }
        None => *order = merge(order, inserts),
    }
}

/// `order` with the sorted `inserts` (position in `order`, key, row) put
/// in at their positions.
fn merge(order: &[u32], inserts: Vec<(usize, SortKey, u32)>) -> Vec<u32> {
    let mut out = Vec::with_capacity(order.len() + inserts.len());
    let mut next = inserts.into_iter().peekable();
    for (pos, &o) in order.iter().enumerate() {
        while let Some((_, _, m)) = next.next_if(|(at, _, _)| *at == pos) {
            out.push(m);
        }
        out.push(o);
    }
    out.extend(next.map(|(_, _, m)| m));
    out
}

/// [`merge`], with the tie flags of `order` (`same`) carried over and
/// worked out for the inserted rows and the rows right after them.
fn merge_with_ties(
    order: &[u32],
    same: &[bool],
    inserts: Vec<(usize, SortKey, u32)>,
    key: &impl Fn(u32) -> SortKey,
) -> (Vec<u32>, Vec<bool>) {
    let total = order.len() + inserts.len();
    let (mut out, mut out_same) = (Vec::with_capacity(total), Vec::with_capacity(total));
    // The key of the last row put out, when it was an inserted one.
    let mut last_inserted: Option<SortKey> = None;
    let mut next = inserts.into_iter().peekable();
    for pos in 0..=order.len() {
        while let Some((_, k, m)) = next.next_if(|(at, _, _)| *at == pos) {
            let prev = last_inserted.take().or_else(|| out.last().map(|&p| key(p)));
            out_same.push(ties_with(prev.as_ref(), &k));
            out.push(m);
            last_inserted = Some(k);
        }
        let Some(&o) = order.get(pos) else { break };
        let tie = match last_inserted.take() {
            Some(prev) => ties_with(Some(&prev), &key(o)),
            None => same.get(pos).copied().unwrap_or(false),
        };
        out_same.push(tie);
        out.push(o);
    }
    (out, out_same)
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
            reposition(&mut order, None, &[1, 5, 6], key, dir);
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

    /// A key from a small number: negative is missing, even is a number,
    /// odd is text (so numbers, text, missing values and ties all occur).
    fn key_of(n: i8) -> SortKey {
        match n {
            n if n < 0 => SortKey::Missing,
            n if n % 2 == 0 => SortKey::Num(i64::from(n / 4)),
            n => SortKey::Text(format!("t{}", n / 4)),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn inserts_and_moves_keep_the_ties_of_a_fresh_sort(
            before in proptest::collection::vec(-3i8..12, 0..40),
            appended in proptest::collection::vec(-3i8..12, 0..12),
            changed in proptest::collection::vec((0usize..60, -3i8..12), 0..10),
            desc in proptest::bool::ANY,
        ) {
            let dir = if desc { SortDir::Desc } else { SortDir::Asc };
            let mut keys: Vec<SortKey> = before.iter().map(|&n| key_of(n)).collect();
            let full = sort_keyed_with_ties(keyed(&keys), dir);
            let (mut order, mut ties) = (full.order, (full.ties, full.missing));
            // A page appended.
            let first = keys.len() as u32;
            keys.extend(appended.iter().map(|&n| key_of(n)));
            let new = first..keys.len() as u32;
            insert_sorted(&mut order, Some(&mut ties), new, |i| keys[i as usize].clone(), dir);
            let fresh = sort_keyed_with_ties(keyed(&keys), dir);
            proptest::prop_assert_eq!((&order, &ties.0, ties.1), (&fresh.order, &fresh.ties, fresh.missing));
            // Some keys change (names arrive) and their rows move.
            let mut moved = Vec::new();
            let rows = keys.len();
            for &(at, n) in changed.iter().filter(|_| rows > 0) {
                let at = at % rows;
                keys[at] = key_of(n);
                moved.push(at as u32);
            }
            reposition(&mut order, Some(&mut ties), &moved, |i| keys[i as usize].clone(), dir);
            let fresh = sort_keyed_with_ties(keyed(&keys), dir);
            proptest::prop_assert_eq!((&order, &ties.0, ties.1), (&fresh.order, &fresh.ties, fresh.missing));
            let flipped = opposite(&order, &ties.0, ties.1);
            let other = if desc { SortDir::Asc } else { SortDir::Desc };
            proptest::prop_assert_eq!(flipped, sort_keyed_with_ties(keyed(&keys), other));
        }
    }

    /// The plain sort of texts: by whole text in `dir`, then position.
    fn plain_texts(mut texts: Vec<(String, u32, u32)>, dir: SortDir) -> Vec<(String, u32, u32)> {
        texts.sort_by(|a, b| {
            let by_key = a.0.cmp(&b.0);
            let by_key = if dir == SortDir::Desc {
                by_key.reverse()
            } else {
                by_key
            };
            by_key.then(a.1.cmp(&b.1))
        });
        texts
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn texts_sort_by_heads_like_whole_texts(
            words in proptest::collection::vec("(user 1[0-9]{0,2}|ab|ab\\x00|[a-c]{0,10}|é[a-b]{0,8})", 0..40),
            desc in proptest::bool::ANY,
        ) {
            let dir = if desc { SortDir::Desc } else { SortDir::Asc };
            let texts: Vec<(String, u32, u32)> = (0u32..)
                .zip(words)
                .map(|(i, w)| (w, i, 1000 - i))
                .collect();
            proptest::prop_assert_eq!(sort_texts(texts.clone(), dir), plain_texts(texts, dir));
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
