//! Search over precomputed, lowercased row keys: terms (with substring
//! finders built once per search, `memchr::memmem`), matching, and
//! whether a cached view can answer a narrower search.
//!
//! Each key also has a [`ByteMask`]: which bytes it holds, in 64 classes.
//! A row whose mask lacks a byte of a term cannot contain the term, so it
//! is skipped without a substring search; a one-byte term whose class is
//! a single byte (digits, ASCII letters, common punctuation) is answered by
//! the mask alone. A first character then costs a bit test per row.

use memchr::memmem::Finder;

use super::{Cell, Column, Names, ViewSpec};

/// Which bytes a lowercased text holds: one bit per class of bytes
/// ([`class_of`]); a superset test of two masks is a quick "cannot match".
pub(super) type ByteMask = u64;

/// Classes 0-9 are the digits, 10-35 `a`-`z`, 36-40 `-`, `@`, `.`, `_`
/// and `'`: one byte each (exact). The other bytes share the 23 classes
/// from 41 up (inexact).
const EXACT_CLASSES: u8 = 41;

/// The class of byte `b` (see [`EXACT_CLASSES`]).
fn class_of(b: u8) -> u8 {
    match b {
        b'0'..=b'9' => b - b'0',
        b'a'..=b'z' => b - b'a' + 10,
        b'-' => 36,
        b'@' => 37,
        b'.' => 38,
        b'_' => 39,
        b'\'' => 40,
        _ => EXACT_CLASSES + b % (64 - EXACT_CLASSES),
    }
}

/// The mask of the bytes of `text`.
pub(super) fn byte_mask(text: &str) -> ByteMask {
    text.bytes().fold(0, |mask, b| mask | 1 << class_of(b))
}

/// Whether a term of `len` bytes is looked for with [`short_contains`]
/// rather than `memmem`: in the browser build (no SIMD) a plain scan of a
/// row key (some 80 bytes) is about a quarter faster for terms up to 8
/// bytes, and twice as fast before the engine has optimised the code
/// (100,000 keys in Node: 4.8-5.0 against 6.0-6.8 ms, first runs 9.5
/// against 21 ms); natively `memmem` is faster (SSE2).
fn scan_plainly(len: usize) -> bool {
    cfg!(target_arch = "wasm32") && len <= 8
}

/// Whether `needle` occurs in `hay`, window by window.
fn short_contains(hay: &[u8], needle: &[u8]) -> bool {
    let Some((&first, rest)) = needle.split_first() else {
        return true;
    };
    hay.windows(needle.len())
        .any(|w| w[0] == first && &w[1..] == rest)
}

/// One term: its text, its byte mask and its substring finder.
#[derive(Debug, Clone)]
struct Term {
    word: String,
    mask: ByteMask,
    /// The mask alone decides (one byte of an exact class).
    mask_decides: bool,
    finder: Finder<'static>,
}

impl Term {
    fn new(word: String) -> Term {
        let bytes = word.as_bytes();
        Term {
            mask: byte_mask(&word),
            mask_decides: bytes.len() == 1 && bytes.iter().all(|&b| class_of(b) < EXACT_CLASSES),
            finder: Finder::new(bytes).into_owned(),
            word,
        }
    }

    /// Whether the term occurs in `key`, whose byte mask is `mask`.
    fn matches(&self, key: &str, mask: ByteMask) -> bool {
        if mask & self.mask != self.mask {
            return false;
        }
        if self.mask_decides {
            return true;
        }
        let (hay, needle) = (key.as_bytes(), self.word.as_bytes());
        if scan_plainly(needle.len()) {
            short_contains(hay, needle)
        } else {
            self.finder.find(hay).is_some()
        }
    }
}

/// The lowercased words of a search, each with its byte mask and its
/// substring finder built once per search (a keystroke may test every
/// row's key with them).
#[derive(Debug, Clone)]
pub(super) struct Terms {
    terms: Vec<Term>,
}

impl Terms {
    /// The terms of `search`: its whitespace-separated words, lowercased.
    pub(super) fn new(search: &str) -> Terms {
        let terms = search
            .split_whitespace()
            .map(|w| Term::new(w.to_lowercase()))
            .collect();
        Terms { terms }
    }

    /// Whether there is no term (everything matches).
    pub(super) fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether every term occurs in `key` (whose [`byte_mask`] is `mask`).
    pub(super) fn matches(&self, key: &str, mask: ByteMask) -> bool {
        self.terms.iter().all(|t| t.matches(key, mask))
    }

    /// The words, lowercased.
    fn words(&self) -> impl Iterator<Item = &str> {
        self.terms.iter().map(|t| t.word.as_str())
    }
}

/// The lowercased search text of a row: the search text of its searched
/// columns, one part per line.
pub(super) fn search_key<R>(columns: &[Column<R>], row: &R, names: &Names) -> Box<str> {
    let mut text = String::new();
    for column in columns.iter().filter(|c| c.search) {
        let cell: Cell = column.cell(row, names);
        super::search_text(&cell, &mut text);
    }
    text.to_lowercase().into_boxed_str()
}

/// Whether `spec` (with `terms`) shows a subset of `wider`'s rows in the
/// same order: same filters and sort, and every term of `wider` is part of
/// a term of `spec`.
pub(super) fn narrows(
    wider: &ViewSpec,
    wider_terms: &Terms,
    spec: &ViewSpec,
    terms: &Terms,
) -> bool {
    wider.statuses == spec.statuses
        && wider.only_failures == spec.only_failures
        && wider.failed_first == spec.failed_first
        && wider.sort == spec.sort
        && wider_terms
            .words()
            .all(|w| terms.words().any(|t| t.contains(w)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain definition: every lowercased word is a substring.
    fn plain(search: &str, key: &str) -> bool {
        search
            .split_whitespace()
            .all(|w| key.contains(&w.to_lowercase()))
    }

    #[test]
    fn exact_classes_are_one_byte_each() {
        let mut seen = [None::<u8>; 64];
        for b in 0..=255u8 {
            let class = class_of(b);
            assert!(class < 64);
            if class < EXACT_CLASSES {
                assert_eq!(seen[class as usize], None, "class {class} shared by {b}");
                seen[class as usize] = Some(b);
            }
        }
        assert!(seen[..EXACT_CLASSES as usize].iter().all(Option::is_some));
    }

    #[test]
    fn the_mask_never_rejects_a_match_and_decides_single_bytes() {
        let keys = [
            "",
            "d126e0aa-1f\nuser 12 name\n",
            "ünïcödé\nx@y.z\n",
            "a_b'c\n9\n",
            "zzz",
        ];
        let searches = [
            "d", "1", "d1", "e0", "ü", "é", "@", "x@y", "_", "'", "z", "q", "user 1", "12 d", "ö",
            "9", ".", "a_b'c",
        ];
        for key in keys {
            let mask = byte_mask(key);
            for search in searches {
                let terms = Terms::new(search);
                assert_eq!(
                    terms.matches(key, mask),
                    plain(search, key),
                    "{search:?} in {key:?}"
                );
            }
        }
    }

    #[test]
    fn short_terms_are_found_anywhere() {
        assert!(short_contains(b"abc", b"abc"));
        assert!(short_contains(b"xxabc", b"abc"));
        assert!(short_contains(b"abcxx", b"ab"));
        assert!(!short_contains(b"ab", b"abc"));
        assert!(!short_contains(b"", b"a"));
        assert!(short_contains(b"", b""));
        assert!(!short_contains(b"aab", b"abb"));
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn short_search_equals_contains(
            hay in "[ab\\n-]{0,30}",
            needle in "[ab-]{1,9}",
        ) {
            proptest::prop_assert_eq!(
                short_contains(hay.as_bytes(), needle.as_bytes()),
                hay.contains(needle.as_str())
            );
        }

        #[test]
        fn masked_matching_equals_plain_substrings(
            key in "[a-f0-9 @._é-]{0,24}",
            search in "[a-f0-9 @._éE-]{0,6}",
        ) {
            let key = key.to_lowercase();
            let terms = Terms::new(&search);
            proptest::prop_assert_eq!(terms.matches(&key, byte_mask(&key)), plain(&search, &key));
        }
    }

    #[test]
    fn a_stale_mask_is_what_rejects_not_the_finder() {
        // The mask is the only thing a single exact byte consults.
        let terms = Terms::new("q");
        assert!(terms.matches("", byte_mask("q")));
        assert!(!terms.matches("q", 0));
    }
}
