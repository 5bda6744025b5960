//! Exports: a table's text built in chunks without freezing the page, and
//! saved as a file that never leaves the browser.

pub(crate) mod chunks;
pub(crate) mod download;
