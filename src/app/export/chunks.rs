//! Exports of any size without freezing the page: the text is built in
//! chunks of rows, handing the browser back its event loop between chunks
//! (so the page repaints and the progress line moves), and saved as the
//! list of chunks (`download::save_parts`), never joined into one string.

use std::ops::Range;

/// Rows per chunk: a few milliseconds of work each.
pub(crate) const CHUNK_ROWS: usize = 5_000;

/// The row ranges of an export of `total` rows, `chunk` at a time.
pub(crate) fn chunks(total: usize, chunk: usize) -> Vec<Range<usize>> {
    let chunk = chunk.max(1);
    (0..total)
        .step_by(chunk)
        .map(|start| start..(start + chunk).min(total))
        .collect()
}

/// Builds an export: `head`, then `part` of each chunk of `total` rows,
/// then `tail`; `progress` hears the rows done after each chunk, and
/// `cancelled` is asked between chunks (`None` when it said so).
pub(crate) async fn build(
    total: usize,
    head: String,
    mut part: impl FnMut(Range<usize>) -> String,
    tail: String,
    mut progress: impl FnMut(usize),
    cancelled: impl Fn() -> bool,
) -> Option<Vec<String>> {
    let mut parts = vec![head];
    for range in chunks(total, CHUNK_ROWS) {
        if cancelled() {
            return None;
        }
        let end = range.end;
        parts.push(part(range));
        progress(end);
        yield_to_browser().await;
    }
    parts.push(tail);
    Some(parts)
}

/// Lets the browser paint and handle input before the next chunk.
async fn yield_to_browser() {
    #[cfg(target_arch = "wasm32")]
    gloo_timers::future::TimeoutFuture::new(0).await;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::future::Future;
    use std::pin::pin;
    use std::task::{Context, Poll, Waker};

    fn block_on<F: Future>(future: F) -> F::Output {
        let mut future = pin!(future);
        let mut cx = Context::from_waker(Waker::noop());
        loop {
            if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
                return out;
            }
        }
    }

    #[test]
    fn chunks_cover_every_row_once() {
        assert_eq!(chunks(0, 5), Vec::<Range<usize>>::new());
        assert_eq!(chunks(12, 5), vec![0..5, 5..10, 10..12]);
        assert_eq!(chunks(3, 0), vec![0..1, 1..2, 2..3]);
    }

    #[test]
    fn a_build_has_head_parts_tail_and_reports_progress() {
        let mut seen = Vec::new();
        let parts = block_on(build(
            12_000,
            "H".into(),
            |r| format!("{}-{};", r.start, r.end),
            "T".into(),
            |done| seen.push(done),
            || false,
        ))
        .expect("not cancelled");
        assert_eq!(
            parts,
            vec!["H", "0-5000;", "5000-10000;", "10000-12000;", "T"]
        );
        assert_eq!(seen, vec![5_000, 10_000, 12_000]);
    }

    #[test]
    fn a_cancelled_build_gives_nothing() {
        let parts = block_on(build(
            12_000,
            String::new(),
            |_| String::new(),
            String::new(),
            |_| {},
            || true,
        ));
        assert_eq!(parts, None);
    }
}
