//! Reusable view pieces. Components never fetch and import only `model`,
//! `format` and their own props; pages hand them data.

pub mod admin_center_link;
pub mod cards;
pub mod cell;
pub mod columns_menu;
pub mod confirm_dialog;
pub mod copy_button;
pub mod error_banner;
pub mod feedback;
pub mod freshness;
pub mod quarantine;
pub mod sort_header;
pub mod status_badge;
pub mod status_filter;
pub mod time;
pub mod trend_chart;
pub mod virtual_table;
