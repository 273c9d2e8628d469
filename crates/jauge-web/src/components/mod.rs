//! The page's parts: each takes what it shows as props and emits actions (keyed by `OfferId`).

// Section 7, the analysis report and the end of the procedure: the report module alone (feature
// `report`); the page holds its place (`report_place.rs`).
#[cfg(feature = "report")]
mod analysis;
// The catalogues of grids: the catalogue's module alone (feature `catalogue`); the page holds its place.
#[cfg(feature = "catalogue")]
pub mod catalogue;
mod committee;
mod decisions;
mod detail;
// The grid editor: the editor's module alone (feature `editor`); the page holds its place.
#[cfg(feature = "editor")]
mod editor;
#[cfg(feature = "editor")]
mod editor_criterion;
#[cfg(feature = "editor")]
mod editor_fields;
#[cfg(feature = "editor")]
pub mod editor_module;
#[cfg(feature = "editor")]
mod editor_versions;
mod fold;
mod grid;
mod module_host;
#[cfg(any(feature = "editor", feature = "catalogue", feature = "report"))]
mod module_start;
mod offers;
mod procedure;
#[cfg(feature = "report")]
mod publication;
#[cfg(feature = "report")]
pub mod report_module;
mod report_place;
mod results;
mod schedule;
mod selfcheck;
mod simulation;

#[cfg(feature = "report")]
pub use analysis::AnalysisPanel;
pub use committee::CommitteePanel;
pub use decisions::DecisionsPanel;
pub use grid::GridPanel;
pub use module_host::{Module, ModuleHost};
pub use offers::{OffersPanel, load_sample};
pub use procedure::ProcedurePanel;
pub use report_place::ReportPlace;
pub use results::ResultsPanel;
pub use selfcheck::SelfCheck;
pub use simulation::SimulationPanel;

/// The change handler of a file field that gives one text file: its name and text become the
/// action `make` builds; a file over `limit` or unreadable is a message shown at `place`.
pub(crate) fn text_file_field(
    on_action: yew::Callback<crate::state::Action>,
    limit: u64,
    make: fn(String, String) -> crate::state::Action,
    place: crate::state::Place,
) -> yew::Callback<web_sys::Event> {
    yew::Callback::from(move |e: web_sys::Event| {
        let Some(input) = e.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlInputElement>(t).ok())
        else {
            return;
        };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let on_action = on_action.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match crate::services::read(file, limit).await {
                Ok((name, bytes)) => on_action.emit(make(name, String::from_utf8_lossy(&bytes).into_owned())),
                Err(f) => on_action.emit(crate::state::Action::NoticeAt(place, Some(f))),
            }
        });
    })
}
