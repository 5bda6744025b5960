//! Screens and the shell: one module per screen, composing the session
//! context, the Graph façade, the column tables and the components. Each
//! screen parses its URL into one typed query struct.

pub mod admin_center;
pub mod data_grid;
pub mod embed_bridge;
pub mod embed_wait;
pub mod empty;
pub mod failures;
pub mod guard;
pub mod insights;
pub mod loaded;
pub mod not_found;
pub mod open_by_id;
pub mod period_picker;
pub mod problems;
pub mod run;
pub mod runs;
pub mod shell;
pub mod sign_in;
pub mod throttle_note;
pub mod top_bar;
pub mod user_result;
pub mod workflows;
