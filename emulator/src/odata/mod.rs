//! OData query options as Graph accepts them on the Lifecycle Workflows
//! endpoints: `$filter` (lexer, parser, evaluator), `$orderby`, `$select`,
//! `$expand`, `$top`, `$count`, `$search`, validated against entity schemas.

pub mod eval;
pub mod lexer;
pub mod parser;
pub mod query;
pub mod schema;
pub mod select;

pub use eval::{Row, Val};
pub use query::Query;
pub use schema::Schema;
