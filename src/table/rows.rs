//! Row storage in fixed-size chunks. Appending a page never moves the rows
//! already held: a single `Vec` doubling its capacity copies every row and,
//! for a moment, holds both the old and the new buffer (wasm memory never
//! shrinks, so that moment is what the page keeps); chunks grow with the
//! rows, at most one chunk ahead.

/// Rows per chunk.
const CHUNK: usize = 4096;

/// Rows in arrival order, addressed by index like a slice.
#[derive(Debug, Clone)]
pub struct Rows<R> {
    chunks: Vec<Vec<R>>,
    len: usize,
}

impl<R> Default for Rows<R> {
    fn default() -> Self {
        Rows {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<R: PartialEq> PartialEq for Rows<R> {
    fn eq(&self, other: &Self) -> bool {
        self.len == other.len && self.iter().eq(other.iter())
    }
}

impl<R> Rows<R> {
    /// How many rows.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The row at `index`.
    pub fn get(&self, index: usize) -> Option<&R> {
        self.chunks.get(index / CHUNK)?.get(index % CHUNK)
    }

    /// Replaces the row at `index`; `false` when there is none.
    pub fn set(&mut self, index: usize, row: R) -> bool {
        match self
            .chunks
            .get_mut(index / CHUNK)
            .and_then(|c| c.get_mut(index % CHUNK))
        {
            Some(slot) => {
                *slot = row;
                true
            }
            None => false,
        }
    }

    /// Appends `rows` in order.
    pub fn extend(&mut self, rows: impl IntoIterator<Item = R>) {
        for row in rows {
            self.push(row);
        }
    }

    /// Appends one row.
    pub fn push(&mut self, row: R) {
        match self.chunks.last_mut() {
            Some(last) if last.len() < CHUNK => last.push(row),
            _ => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(row);
                self.chunks.push(chunk);
            }
        }
        self.len += 1;
    }

    /// Every row, in order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &R> + Clone {
        self.chunks.iter().flatten()
    }
}

impl<'a, R> IntoIterator for &'a Rows<R> {
    type Item = &'a R;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<R>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.chunks.iter().flatten()
    }
}

impl<R> FromIterator<R> for Rows<R> {
    fn from_iter<I: IntoIterator<Item = R>>(iter: I) -> Self {
        let mut rows = Rows::default();
        rows.extend(iter);
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_cross_chunks_like_a_slice() {
        let n = CHUNK * 2 + 7;
        let mut rows: Rows<usize> = (0..CHUNK - 1).collect();
        rows.extend(CHUNK - 1..n);
        assert_eq!(rows.len(), n);
        for i in [0, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK, n - 1] {
            assert_eq!(rows.get(i), Some(&i));
        }
        assert_eq!(rows.get(n), None);
        assert!(rows.iter().copied().eq(0..n));
        assert!(rows.set(CHUNK, 99));
        assert_eq!(rows.get(CHUNK), Some(&99));
        assert!(!rows.set(n, 1));
    }

    #[test]
    fn a_chunk_is_never_reallocated() {
        let mut rows: Rows<u64> = Rows::default();
        rows.push(1);
        let first = rows.get(0).map(std::ptr::from_ref);
        rows.extend(0..(CHUNK as u64) * 3);
        assert_eq!(rows.get(0).map(std::ptr::from_ref), first);
        assert!(rows.chunks.iter().all(|c| c.capacity() == CHUNK));
    }
}
