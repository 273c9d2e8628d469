//! The simulation, for buyers designing a grid before the tender: hypothetical offers typed as
//! they would be in the response form (for a manual criterion, the mark), evaluated as offers are,
//! with how robust their ranking is.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::grid::Rule;
use crate::offer::{ManualMark, Offer, OfferId, Response, Supplier};
use crate::report::Report;
use crate::robustness::{Robustness, robustness};
use crate::validate::CheckedGrid;
use crate::value::{Raw, typed_number};

/// A hypothetical offer: a name and an answer per criterion, as typed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Hypothesis {
    /// Its identity, given when it is created (two hypotheses may share a name).
    #[serde(default)]
    pub id: OfferId,
    /// The offer's name.
    pub name: String,
    /// Answers by criterion id.
    pub answers: BTreeMap<String, String>,
}

/// What the simulation shows: the evaluation of the hypotheses and its robustness.
#[derive(Clone, Debug, PartialEq)]
pub struct Simulated {
    /// The hypotheses evaluated (minimum requirements checked only on the criteria typed in).
    pub report: Report,
    /// How robust their ranking is.
    pub robustness: Robustness,
}

impl Hypothesis {
    /// The engine's offer for this hypothesis: answers read as typed text, manual criteria as
    /// marks when a number is typed.
    fn offer(&self, grid: &crate::Grid) -> Offer {
        let mut offer = Offer {
            id: self.id.clone(),
            source: self.name.clone(),
            supplier: Supplier { name: self.name.clone(), ..Supplier::default() },
            ..Offer::default()
        };
        for (id, text) in &self.answers {
            let manual = grid.criterion(id).is_some_and(|c| matches!(c.rule, Rule::Manual { .. }));
            match typed_number(text, &[]) {
                Some(mark) if manual => {
                    offer.marks.insert(id.clone(), ManualMark { mark, appraisal: "simulation".into() });
                }
                _ => {
                    offer
                        .responses
                        .insert(id.clone(), Response { raw: Some(Raw::Text(text.clone())), ..Response::default() });
                }
            }
        }
        offer
    }
}

/// Evaluates the hypotheses. Minimum requirements are checked only on the criteria typed in, so
/// that a few answers (a price alone) already show their marks instead of an offer set aside.
pub fn simulate(grid: &CheckedGrid, hypotheses: &[Hypothesis]) -> Simulated {
    let offers: Vec<Offer> = hypotheses.iter().map(|h| h.offer(grid.grid())).collect();
    let mut relaxed = grid.grid().clone();
    for c in relaxed.families.iter_mut().flat_map(|f| f.criteria.iter_mut()) {
        if hypotheses.iter().all(|h| !h.answers.contains_key(&c.id)) {
            c.eliminatory = None;
        }
    }
    let grid = CheckedGrid::from_grid(relaxed).unwrap_or_else(|_| grid.clone());
    let report = crate::evaluate(&grid, &offers);
    let robustness = robustness(&grid, &offers, &report);
    Simulated { report, robustness }
}
