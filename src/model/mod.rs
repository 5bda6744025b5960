//! Serde types of the Lifecycle Workflows reporting resources.
//!
//! Every type parses leniently: a `null`, a missing property or a value of the
//! wrong type becomes `None` (or an empty string for ids), an enum value never
//! seen before is kept as `Unknown(raw)`, and one unreadable row of a
//! collection is skipped instead of failing the page. Parse with
//! [`parse_json`] (or [`Page::parse`]) rather than `serde_json::from_str`:
//! it also tolerates duplicate keys.
//!
//! ```
//! use lifecycle_viewer::model::{parse_json, Run, ProcessingStatus};
//! let run: Run = parse_json(r#"{"id":"r1","processingStatus":"quarantined","totalTasksCounts":4}"#).unwrap();
//! assert_eq!(run.processing_status, Some(ProcessingStatus::Quarantined));
//! assert_eq!(run.total_tasks(), Some(4));
//! ```

mod activation;
mod cell;
mod date_range;
pub mod definition;
mod enums;
pub mod insights;
pub mod lenient;
pub mod pace;
mod page;
mod run;
mod sort_dir;
pub mod sorting;
mod status_meaning;
mod streamed_page;
mod task;
pub mod trend;
mod user;
mod user_result;
mod workflow;

pub use activation::{ActivatedOnScope, RunRef, TaskScope, UserScope};
pub use cell::Cell;
pub use date_range::{DateRange, Period, Preset};
pub use enums::{
    ExecutionType, ProcessingStatus, QuarantineType, TaskCategory, Tone, WorkflowCategory,
};
pub use page::{from_value, parse_json, Page, ParseError};
pub use run::{Run, RunSummary};
pub use sort_dir::SortDir;
pub use status_meaning::Level;
pub use task::{KeyValuePair, Task, TaskProcessingResult, TaskReport, TaskReportSummary};
pub use user::GraphUser;
pub use user_result::{Subject, UserProcessingResult, UserSummary};
pub use workflow::{QuarantineDetails, Workflow};

use chrono::{DateTime, Duration, Utc};

/// `completed - started` when both are known and not negative.
pub fn elapsed(
    started: Option<DateTime<Utc>>,
    completed: Option<DateTime<Utc>>,
) -> Option<Duration> {
    let (start, end) = (started?, completed?);
    let d = end.signed_duration_since(start);
    (d >= Duration::zero()).then_some(d)
}
