//! The page's parts: each takes what it shows as props and emits actions (keyed by `OfferId`).

mod analysis;
mod committee;
mod decisions;
mod detail;
mod fold;
mod grid;
mod offers;
mod procedure;
mod publication;
mod results;
mod schedule;
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
