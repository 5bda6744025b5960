//! Screens and the shell: one module per screen, composing the session
//! context, the Graph façade, the column tables and the components. Each
//! screen parses its URL into one typed query struct.

pub(crate) mod admin_center;
pub(crate) mod data_grid;
pub(crate) mod embed_bridge;
pub(crate) mod embed_wait;
pub(crate) mod empty;
pub(crate) mod failures;
pub(crate) mod guard;
pub(crate) mod insights;
pub(crate) mod loaded;
pub(crate) mod not_found;
pub(crate) mod open_by_id;
pub(crate) mod period_picker;
pub(crate) mod problems;
pub(crate) mod run;
pub(crate) mod runs;
pub(crate) mod shell;
pub(crate) mod sign_in;
pub(crate) mod throttle_note;
pub(crate) mod top_bar;
pub(crate) mod user_result;
pub(crate) mod workflow;
pub(crate) mod workflows;
