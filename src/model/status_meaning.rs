//! What a processing status means at each level (run, user, task), as text
//! for badge tooltips. The same word means different things per level.

use super::ProcessingStatus;

/// The level a status belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Run,
    User,
    Task,
}

impl ProcessingStatus {
    /// One or two sentences for a tooltip explaining this status at `level`.
    pub fn meaning(&self, level: Level) -> &'static str {
        match (self, level) {
            (Self::Queued, _) => "Waiting to start.",
            (Self::InProgress, Level::Run) => "The run is still processing its users.",
            (Self::InProgress, Level::User) => "The tasks for this user are still running.",
            (Self::InProgress, Level::Task) => "This task is still running.",
            (Self::Completed, Level::Run) => "Every user in the run was processed and every task succeeded.",
            (Self::Completed, Level::User) => "Every task for this user succeeded.",
            (Self::Completed, Level::Task) => "This task succeeded.",
            (Self::CompletedWithErrors, Level::Run) => {
                "Some users were processed successfully, others had failed tasks. Open the run to see which."
            }
            (Self::CompletedWithErrors, Level::User) => {
                "A task set to continue on error failed; the remaining tasks still ran."
            }
            (Self::CompletedWithErrors, Level::Task) => "This task finished with errors.",
            (Self::Failed, Level::Run) => "Every task failed for every user in the run.",
            (Self::Failed, Level::User) => {
                "A task that does not continue on error failed, so the remaining tasks for this user did not run."
            }
            (Self::Failed, Level::Task) => "This task failed; see the failure reason.",
            (Self::Canceled, Level::Task) => "This task did not run because processing was canceled.",
            (Self::Canceled, _) => {
                "Processing was frozen: the workflow was disabled, deleted or replaced by a new version, or the user left its scope."
            }
            (Self::Canceling, _) => "Cancellation was requested and is in progress.",
            (Self::Quarantined, _) => {
                "The workflow was quarantined (for example, too many users in scope at once); processing is paused until an administrator reviews it."
            }
            (Self::UnknownFutureValue, _) | (Self::Unknown(_), _) => {
                "A status this viewer does not know yet; it is shown as Microsoft Graph sent it."
            }
        }
    }
}
