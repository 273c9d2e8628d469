//! The page's parts: each takes what it shows as props and emits actions (keyed by `OfferId`).

mod analysis;
mod committee;
mod decisions;
mod detail;
mod editor;
mod editor_criterion;
mod editor_fields;
mod editor_versions;
mod fold;
mod grid;
mod offers;
mod procedure;
mod publication;
mod results;
mod selfcheck;
mod simulation;

pub use analysis::AnalysisPanel;
pub use committee::CommitteePanel;
pub use decisions::DecisionsPanel;
pub use editor::{EditorFiles, EditorPanel, load_draft, save_draft};
pub use editor_versions::VersionsPanel;
pub use grid::GridPanel;
pub use offers::{OffersPanel, load_sample};
pub use procedure::ProcedurePanel;
pub use results::ResultsPanel;
pub use selfcheck::SelfCheck;
pub use simulation::SimulationPanel;
