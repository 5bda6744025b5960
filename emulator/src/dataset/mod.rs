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
    /// The only way to a dataset: the tenant generated for a seed and
    /// scale as of `now`, with its lookup tables built.
    pub fn new(seed: u64, scale: Scale, now: Ticks) -> Dataset {
        let g = gen::generate(seed, scale, now);
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
