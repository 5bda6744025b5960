//! Reusable view pieces. Components never fetch; pages hand them data.

pub mod cards;
pub mod error_banner;
pub mod feedback;
pub mod sort_header;
pub mod status_badge;
pub mod status_filter;
pub mod time;
pub mod top_bar;
pub mod virtual_table;
