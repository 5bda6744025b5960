//! Browser facilities the screens share: a clock for countdowns, debouncing
//! for search boxes, and the document title and focus after a navigation.

pub(crate) mod clock;
pub(crate) mod debounce;
pub(crate) mod page_title;
