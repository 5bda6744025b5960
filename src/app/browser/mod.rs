//! Browser facilities the screens share: a clock for countdowns, debouncing
//! for search boxes, the document title and focus after a navigation, the
//! link Back returns focus to, and whether the tab is hidden.

pub(crate) mod clock;
pub(crate) mod debounce;
pub(crate) mod page_title;
pub(crate) mod return_focus;
pub(crate) mod visibility;
