//! Which empty state a table shows, from what its load did and what its
//! filters left: never advice that contradicts the error banner above it,
//! and never "no match" while nothing was loaded. Pure, so every case is a
//! unit test; each screen puts its own words to the choice.

/// What a table's load and view came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct TableState {
    /// Rows loaded from Graph.
    pub loaded: usize,
    /// Rows left after the screen's filters and search.
    pub shown: usize,
    /// The load (or the load it depends on) ended in an error.
    pub error: bool,
    /// The load has ended (not running, not yet to start).
    pub settled: bool,
}

/// The empty state to show.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EmptyKind {
    /// An error stopped the load before any row: say so, no advice.
    BecauseOfError,
    /// Graph answered, with no rows for what was asked.
    NothingLoaded,
    /// Rows were loaded (also before an error); the filters or search
    /// leave none.
    NoneMatch,
}

/// The empty state for `state`, if any.
pub(crate) fn empty_kind(state: TableState) -> Option<EmptyKind> {
    if state.shown > 0 {
        return None;
    }
    if state.error && state.loaded == 0 {
        return Some(EmptyKind::BecauseOfError);
    }
    if !state.settled && !state.error {
        return None;
    }
    Some(if state.loaded == 0 {
        EmptyKind::NothingLoaded
    } else {
        EmptyKind::NoneMatch
    })
}

/// The words under an error: what is empty, and no advice.
pub(crate) const BECAUSE_OF_ERROR: &str = "Nothing loaded because of the error above";

#[cfg(test)]
mod tests {
    use super::*;

    fn state(loaded: usize, shown: usize, error: bool, settled: bool) -> TableState {
        TableState {
            loaded,
            shown,
            error,
            settled,
        }
    }

    #[test]
    fn an_error_is_never_contradicted() {
        assert_eq!(
            empty_kind(state(0, 0, true, true)),
            Some(EmptyKind::BecauseOfError)
        );
        assert_eq!(
            empty_kind(state(0, 0, true, false)),
            Some(EmptyKind::BecauseOfError)
        );
        // Rows that loaded before the error stay; no empty state over them.
        assert_eq!(empty_kind(state(40, 40, true, true)), None);
        assert_eq!(
            empty_kind(state(40, 0, true, true)),
            Some(EmptyKind::NoneMatch)
        );
    }

    #[test]
    fn empty_and_filtered_out_are_told_apart_once_settled() {
        assert_eq!(empty_kind(state(0, 0, false, false)), None);
        assert_eq!(
            empty_kind(state(0, 0, false, true)),
            Some(EmptyKind::NothingLoaded)
        );
        assert_eq!(
            empty_kind(state(12, 0, false, true)),
            Some(EmptyKind::NoneMatch)
        );
        assert_eq!(empty_kind(state(12, 3, false, true)), None);
    }
}
