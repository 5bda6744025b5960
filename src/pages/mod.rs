//! One module per screen. Pages read the URL, call the data layer's typed
//! Graph calls and hand rows to components.

pub mod not_found;
pub mod run;
pub mod runs;
pub mod sign_in;
pub mod user_result;
pub mod workflows;
