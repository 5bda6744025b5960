//! Task processing results and task reports, derived on demand from the
//! compact user results so a 100,000-user run costs little memory.

use super::catalog::KINDS;
use super::{Dataset, Run, Status, Task, UserResult, Workflow};
use crate::rng::{hash2, Guid};
use crate::ticks::{Ticks, SECOND};

/// One task of one user in one run (indices into the dataset).
#[derive(Clone, Copy, Debug)]
pub struct TaskResultRef {
    pub wf: usize,
    pub run: usize,
    pub user: usize,
    pub task: usize,
}

/// The derived fields of a task processing result.
pub struct TaskResult<'a> {
    pub id: Guid,
    pub status: Status,
    pub created: Option<Ticks>,
    pub started: Option<Ticks>,
    pub completed: Option<Ticks>,
    pub failure_reason: Option<String>,
    pub processing_info: Option<String>,
    pub subject: &'a crate::dataset::User,
    pub task: &'a Task,
}

impl TaskResultRef {
    pub fn parts<'a>(&self, ds: &'a Dataset) -> (&'a Workflow, &'a Run, &'a UserResult, &'a Task) {
        let w = &ds.workflows[self.wf];
        let r = &w.runs[self.run];
        (w, r, &r.users[self.user], &w.tasks[self.task])
    }

    pub fn status(&self, ds: &Dataset) -> Status {
        let (_, _, u, _) = self.parts(ds);
        u.task_status(self.task)
    }

    /// (createdDateTime, startedDateTime, completedDateTime) of this task result.
    pub fn times(&self, ds: &Dataset) -> (Option<Ticks>, Option<Ticks>, Option<Ticks>) {
        let (_, _, u, _) = self.parts(ds);
        let status = u.task_status(self.task);
        let n = u.task_count.max(1) as i64;
        let h = hash2(u.id.low64(), self.task as u64);
        let (started, completed) = match (u.started, status) {
            (None, _) | (_, Status::Queued) => (None, None),
            (Some(s), st) => {
                let end = u.completed.unwrap_or(s + n * 2 * SECOND);
                let step = ((end - s) / n).max(1);
                let begin = s + step * self.task as i64 + (h % 1_000_000) as i64;
                match st {
                    Status::InProgress => (Some(begin), None),
                    Status::Canceled => (None, u.completed),
                    _ => (Some(begin), Some(begin + step / 2 + (h % 700_000) as i64)),
                }
            }
        };
        (u.scheduled, started, completed)
    }

    pub fn resolve<'a>(&self, ds: &'a Dataset) -> TaskResult<'a> {
        let (_, _, u, task) = self.parts(ds);
        let status = u.task_status(self.task);
        let h = hash2(u.id.low64(), self.task as u64);
        let (created, started, completed) = self.times(ds);
        let kind = &KINDS[task.kind];
        let subject = &ds.users[u.subject as usize];
        let failure_reason = (status == Status::Failed).then(|| {
            let template = kind.failures[(h as usize) % kind.failures.len()];
            fill_reason(template, u, subject, h, started.or(created))
        });
        let processing_info = match status {
            Status::Completed => Some(kind.info.to_string()),
            Status::Failed => Some(format!(
                "Attempt 3 of 3 failed. Correlation id: {}",
                u.id.derive(h ^ 0xC0)
            )),
            Status::Canceled => Some(
                "The task was not run because a previous task failed or the run was canceled."
                    .to_string(),
            ),
            _ => None,
        };
        TaskResult {
            id: u.id.derive(0x7A5C_0000 + self.task as u64),
            status,
            created,
            started,
            completed,
            failure_reason,
            processing_info,
            subject,
            task,
        }
    }
}

/// A catalog reason with its placeholders filled for one failure: the same
/// failure reads the same every time, another user gets other ids.
fn fill_reason(
    template: &str,
    u: &UserResult,
    subject: &crate::dataset::User,
    h: u64,
    at: Option<Ticks>,
) -> String {
    let id = u.id.derive(h ^ 0x1D00);
    let id2 = u.id.derive(h ^ 0x1D01);
    let hex = format!("{:016x}{:016x}", id.low64(), id2.low64());
    template
        .replace("{upn}", &subject.upn)
        .replace("{id2}", &id2.to_string())
        .replace("{id}", &id.to_string())
        .replace("{hex}", &hex)
        .replace("{n}", &(60 + (h % 5) * 60).to_string())
        .replace("{time}", &crate::ticks::iso_seconds(at.unwrap_or(0)))
}

/// The aggregate of one task over one run.
#[derive(Clone, Debug)]
pub struct TaskReport {
    pub id: Guid,
    pub wf: usize,
    pub run: usize,
    pub task: usize,
    pub status: Status,
    pub total: i64,
    pub successful: i64,
    pub failed: i64,
    pub unprocessed: i64,
}

impl TaskReport {
    pub fn id_for(run: &Run, task: usize) -> Guid {
        run.id.derive(0x7E90_0000 + task as u64)
    }

    pub fn compute(ds: &Dataset, wf: usize, run: usize, task: usize) -> TaskReport {
        let r = &ds.workflows[wf].runs[run];
        let (mut ok, mut bad, mut un) = (0, 0, 0);
        for u in &r.users {
            match u.task_status(task) {
                Status::Completed => ok += 1,
                Status::Failed => bad += 1,
                _ => un += 1,
            }
        }
        let status = match r.status {
            Status::Completed | Status::CompletedWithErrors | Status::Failed => {
                if bad == 0 {
                    Status::Completed
                } else if ok == 0 && un == 0 {
                    Status::Failed
                } else {
                    Status::CompletedWithErrors
                }
            }
            s => s,
        };
        TaskReport {
            id: Self::id_for(r, task),
            wf,
            run,
            task,
            status,
            total: r.users.len() as i64,
            successful: ok,
            failed: bad,
            unprocessed: un,
        }
    }

    /// Every task report of a workflow, newest run last.
    pub fn all(ds: &Dataset, wf: usize) -> Vec<TaskReport> {
        let w = &ds.workflows[wf];
        let mut out = Vec::new();
        for ri in 0..w.runs.len() {
            for ti in 0..w.tasks.len() {
                out.push(Self::compute(ds, wf, ri, ti));
            }
        }
        out
    }

    pub fn find(ds: &Dataset, wf: usize, id: Guid) -> Option<TaskReport> {
        let w = &ds.workflows[wf];
        for (ri, r) in w.runs.iter().enumerate() {
            for ti in 0..w.tasks.len() {
                if Self::id_for(r, ti) == id {
                    return Some(Self::compute(ds, wf, ri, ti));
                }
            }
        }
        None
    }
}
