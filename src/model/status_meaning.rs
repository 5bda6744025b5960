//! What a processing status means at each level (run, user, task, task
//! report), as text
//! for badge tooltips. The same word means different things per level.

use super::ProcessingStatus;

/// The level a status belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    /// A workflow run.
    Run,
    /// A user processing result (all tasks for one user).
    User,
    /// A task processing result (one task for one user).
    Task,
    /// A task report (one task across the users of a run).
    TaskReport,
}

impl ProcessingStatus {
    /// The statuses a status filter offers, failures first (Queued: the
    /// runs and users a live run has not started yet).
    pub fn filter_choices() -> Vec<ProcessingStatus> {
        use ProcessingStatus::*;
        vec![
            Failed,
            CompletedWithErrors,
            Completed,
            InProgress,
            Queued,
            Canceled,
        ]
    }

    /// One or two sentences for a tooltip explaining this status at `level`.
    pub fn meaning(&self, level: Level) -> &'static str {
        match (self, level) {
            (Self::Queued, _) => "Waiting to start.",
            (Self::InProgress, Level::Run) => "The run is still processing its users.",
            (Self::InProgress, Level::User) => "The tasks for this user are still running.",
            (Self::InProgress, Level::Task) => "This task is still running.",
            (Self::InProgress, Level::TaskReport) => "This task is still running for some users of the run.",
            (Self::Completed, Level::Run) => "Every user in the run was processed and every task succeeded.",
            (Self::Completed, Level::User) => "Every task for this user succeeded.",
            (Self::Completed, Level::Task) => "This task succeeded.",
            (Self::Completed, Level::TaskReport) => "This task succeeded for every user of the run.",
            (Self::CompletedWithErrors, Level::Run) => {
                "Some users were processed successfully, others had failed tasks. Open the run to see which."
            }
            (Self::CompletedWithErrors, Level::User) => {
                "A task set to continue on error failed; the remaining tasks still ran."
            }
            (Self::CompletedWithErrors, Level::Task) => "This task finished with errors.",
            (Self::CompletedWithErrors, Level::TaskReport) => {
                "This task failed for some users of the run and succeeded for others."
            }
            (Self::Failed, Level::Run) => "Every task failed for every user in the run.",
            (Self::Failed, Level::User) => {
                "A task that does not continue on error failed, so the remaining tasks for this user did not run."
            }
            (Self::Failed, Level::Task) => "This task failed; see the failure reason.",
            (Self::Failed, Level::TaskReport) => {
                "This task failed for the users of the run; see their task results for the failure reasons."
            }
            (Self::Canceled, Level::Task | Level::TaskReport) => "This task did not run because processing was canceled.",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_status_has_a_meaning_at_every_level() {
        let levels = [Level::Run, Level::User, Level::Task, Level::TaskReport];
        for status in ProcessingStatus::known() {
            for level in levels {
                assert!(!status.meaning(level).is_empty(), "{status:?} {level:?}");
            }
        }
        let failed = ProcessingStatus::Failed;
        assert_ne!(
            failed.meaning(Level::Task),
            failed.meaning(Level::TaskReport)
        );
    }
}
