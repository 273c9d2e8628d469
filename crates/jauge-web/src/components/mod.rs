//! The page's parts: each takes the state and emits actions.

mod analysis;
mod committee;
mod decisions;
mod detail;
mod fold;
mod grid;
mod offers;
mod procedure;
mod results;
mod selfcheck;
mod simulation;

pub use analysis::AnalysisPanel;
pub use committee::CommitteePanel;
pub use decisions::DecisionsPanel;
pub use grid::GridPanel;
pub use offers::{OffersPanel, load_sample};
pub use procedure::ProcedurePanel;
pub use results::ResultsPanel;
pub use selfcheck::SelfCheck;
pub use simulation::SimulationPanel;

use yew::prelude::*;

use crate::state::{Action, State};

/// What every panel receives.
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// The state, read-only.
    pub state: UseReducerHandle<State>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}
