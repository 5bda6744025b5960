//! The emulated tenant's data: model types, the demo tenant as data
//! (`specs`), its deterministic generation (users, workflows, runs), derived
//! task results and reports, and live on-demand runs.

pub mod catalog;
pub mod derive;
mod gen;
pub mod live;
pub mod model;
pub mod names;
mod runs;
pub mod specs;
mod users;

use std::collections::HashMap;

pub use model::*;

use crate::rng::Guid;
use crate::ticks::Ticks;

/// How much data to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    Demo,
    Large,
}

impl Scale {
    pub fn parse(s: &str) -> Option<Scale> {
        match s {
            "demo" => Some(Scale::Demo),
            "large" => Some(Scale::Large),
            _ => None,
        }
    }
}

/// How big the generated tenant is, beyond what its scale fixes; the
/// default is the scale's own tenant, unchanged.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sizes {
    /// User results of the large scale's bulk run (default
    /// [`specs::LARGE_RUN_USERS`]); its users are generated for it.
    pub results: Option<usize>,
    /// At least this many live workflows: numbered copies of the demo
    /// workflows are added (with their own run history) until there are.
    pub workflows: Option<usize>,
}

/// Where one user result lives: workflow, run and position indices.
#[derive(Clone, Copy, Debug)]
pub struct UprLoc {
    pub wf: usize,
    pub run: usize,
    pub user: usize,
}

pub struct Dataset {
    pub now: Ticks,
    pub tenant_id: Guid,
    pub domain: String,
    pub workflows: Vec<Workflow>,
    pub users: Vec<User>,
    pub wf_index: HashMap<Guid, usize>,
    pub run_index: HashMap<Guid, (usize, usize)>,
    pub upr_index: HashMap<Guid, UprLoc>,
    pub user_index: HashMap<Guid, u32>,
    pub upn_index: HashMap<String, u32>,
    /// Where reprocessing runs came from (`activateWithScope`).
    pub links: live::Links,
    /// Runs made by `POST /workflowBase/runs`, as answered (201).
    pub created_runs: Vec<serde_json::Value>,
}

impl Dataset {
    /// The tenant generated for a seed and scale as of `now`, with its
    /// lookup tables built.
    pub fn new(seed: u64, scale: Scale, now: Ticks) -> Dataset {
        Dataset::with_sizes(seed, scale, Sizes::default(), now)
    }

    /// Like [`Dataset::new`], sized by `sizes` (the bulk run's results,
    /// the number of workflows).
    pub fn with_sizes(seed: u64, scale: Scale, sizes: Sizes, now: Ticks) -> Dataset {
        let g = gen::generate(seed, scale, sizes, now);
        let mut ds = Dataset {
            now,
            tenant_id: g.tenant_id,
            domain: g.domain,
            workflows: g.workflows,
            users: g.users,
            wf_index: HashMap::new(),
            run_index: HashMap::new(),
            upr_index: HashMap::new(),
            user_index: HashMap::new(),
            upn_index: HashMap::new(),
            links: live::Links::default(),
            created_runs: Vec::new(),
        };
        ds.reindex();
        ds
    }

    /// Rebuilds every lookup table from the vectors.
    pub fn reindex(&mut self) {
        self.wf_index.clear();
        self.run_index.clear();
        self.upr_index.clear();
        for wi in 0..self.workflows.len() {
            self.wf_index.insert(self.workflows[wi].id, wi);
            for ri in 0..self.workflows[wi].runs.len() {
                self.index_run(wi, ri);
            }
        }
        self.user_index = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.id, i as u32))
            .collect();
        self.upn_index = self
            .users
            .iter()
            .enumerate()
            .map(|(i, u)| (u.upn.to_lowercase(), i as u32))
            .collect();
    }

    pub fn index_run(&mut self, wf: usize, run: usize) {
        let r = &self.workflows[wf].runs[run];
        self.run_index.insert(r.id, (wf, run));
        for (ui, u) in r.users.iter().enumerate() {
            self.upr_index.insert(u.id, UprLoc { wf, run, user: ui });
        }
    }

    /// A live (not deleted) workflow by id.
    pub fn live_workflow(&self, id: Guid) -> Option<usize> {
        self.wf_index
            .get(&id)
            .copied()
            .filter(|&i| self.workflows[i].deleted.is_none())
    }

    pub fn deleted_workflow(&self, id: Guid) -> Option<usize> {
        self.wf_index
            .get(&id)
            .copied()
            .filter(|&i| self.workflows[i].deleted.is_some())
    }

    pub fn run_of(&self, wf: usize, id: Guid) -> Option<usize> {
        self.run_index
            .get(&id)
            .filter(|(w, _)| *w == wf)
            .map(|(_, r)| *r)
    }

    pub fn upr_of(&self, wf: usize, run: Option<usize>, id: Guid) -> Option<UprLoc> {
        self.upr_index
            .get(&id)
            .copied()
            .filter(|l| l.wf == wf && run.is_none_or(|r| r == l.run))
    }

    pub fn user_by_key(&self, key: &str) -> Option<&User> {
        let idx = match Guid::parse(key) {
            Some(g) => self.user_index.get(&g).copied(),
            None => self.upn_index.get(&key.to_lowercase()).copied(),
        }?;
        self.users.get(idx as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ticks::SECOND;
    use std::collections::HashSet;

    const NOW: Ticks = 1_700_000_000 * SECOND;

    fn biggest_run(ds: &Dataset) -> usize {
        ds.workflows
            .iter()
            .flat_map(|w| w.runs.iter())
            .map(|r| r.users.len())
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn the_large_run_has_the_results_asked_for() {
        let sizes = Sizes {
            results: Some(1_234),
            workflows: None,
        };
        let ds = Dataset::with_sizes(42, Scale::Large, sizes, NOW);
        assert_eq!(biggest_run(&ds), 1_234);
        assert_eq!(ds.users.len(), gen::DEMO_USERS + 1_234);
        let ids: HashSet<Guid> = ds
            .workflows
            .iter()
            .flat_map(|w| w.runs.iter())
            .flat_map(|r| r.users.iter().map(|u| u.id))
            .collect();
        assert_eq!(ids.len(), ds.upr_index.len(), "user result ids are unique");
    }

    #[test]
    fn copies_bring_the_live_workflows_up_to_the_number_asked_for() {
        let plain = Dataset::new(42, Scale::Demo, NOW);
        let sizes = Sizes {
            results: None,
            workflows: Some(50),
        };
        let ds = Dataset::with_sizes(42, Scale::Demo, sizes, NOW);
        let live = ds.workflows.iter().filter(|w| w.deleted.is_none()).count();
        assert_eq!(live, 50);
        let ids: HashSet<Guid> = ds.workflows.iter().map(|w| w.id).collect();
        let names: HashSet<&str> = ds
            .workflows
            .iter()
            .map(|w| w.display_name.as_str())
            .collect();
        assert_eq!(ids.len(), ds.workflows.len());
        assert_eq!(names.len(), ds.workflows.len());
        // The original tenant is untouched: same workflows, runs and users.
        assert_eq!(ds.tenant_id, plain.tenant_id);
        assert_eq!(ds.users.len(), plain.users.len());
        for (a, b) in plain.workflows.iter().zip(&ds.workflows) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.display_name, b.display_name);
            let runs = |w: &Workflow| w.runs.iter().map(|r| r.id).collect::<Vec<_>>();
            assert_eq!(runs(a), runs(b));
        }
        // Fewer than the tenant has: nothing added.
        let few = Sizes {
            results: None,
            workflows: Some(3),
        };
        let same = Dataset::with_sizes(42, Scale::Demo, few, NOW);
        assert_eq!(same.workflows.len(), plain.workflows.len());
    }
}
