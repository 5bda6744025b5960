//! Stable sorts compiled once: the order is found by sorting indexes (one
//! sort for every element type and comparison in the wasm) and the items are
//! then moved into it. For the short lists of the screens (workflows, tasks,
//! insights rows), where a sort per element type and comparison would cost
//! about 2.5 KB of wasm each.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping the order of equal items (the same
/// result as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let mut order = stable_order(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    for start in 0..order.len() {
        // Follow the cycle through `start`: each position takes the item
        // the order names for it; placed positions point at themselves.
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

/// Sorts `items` by `key`, keeping the order of equal keys (the same result
/// as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// The indexes `0..len` in the stable order of `compare`.
#[inline(never)]
fn stable_order(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u32;
        for len in 0..60 {
            let items: Vec<(u32, usize)> = (0..len)
                .map(|i| {
                    seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    ((seed >> 16) % 5, i)
                })
                .collect();
            let mut ours = items.clone();
            sort_by(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = items.clone();
            std.sort_by_key(|a| a.0);
            assert_eq!(ours, std);
            let mut ours = items.clone();
            sort_by_key(&mut ours, |a| std::cmp::Reverse(a.0));
            let mut std = items;
            std.sort_by_key(|a| std::cmp::Reverse(a.0));
            assert_eq!(ours, std);
        }
    }
}
