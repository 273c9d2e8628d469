//! Jauge's engine: the grid format, its validation and fingerprint, the interpretation of answers,
//! and the evaluation of offers. Sans I/O: callers read files; the engine computes and never panics.

mod canonical;
pub mod diagnostic;
pub mod diff;
pub mod error;
pub mod evaluate;
pub mod finding;
pub mod grid;
pub mod law;
pub mod limits;
pub mod located;
pub mod location;
pub mod lot;
pub mod offer;
pub mod price;
pub mod report;
pub mod robustness;
pub mod rules;
pub mod schedule;
pub mod session;
pub mod simulation;
pub mod text;
pub mod units;
pub mod validate;
pub mod value;

pub use diagnostic::{Diagnostic, Severity};
pub use error::Error;
pub use evaluate::{Options, evaluate, evaluate_with};
pub use grid::Grid;
pub use lot::{LotReport, LotsReport, evaluate_lots};
pub use offer::{Integrity, ManualMark, Offer, OfferId, Response, Supplier};
pub use report::{Report, Status};
pub use text::{Lang, Text};
pub use validate::{CheckedGrid, sha256_hex};
pub use value::Raw;

/// The JSON Schema of grid files, generated from the types.
pub fn grid_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(grid::Grid)).unwrap_or_default()
}

/// The JSON Schema of the buyer's hidden quantities files (`jauge-quantities/1`), generated from
/// the types.
pub fn quantities_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(grid::Quantities)).unwrap_or_default()
}

/// The JSON Schema of offer files, generated from the types.
pub fn offer_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(offer::OfferFile)).unwrap_or_default()
}

/// The JSON Schema of the evaluators' marks files, generated from the types.
pub fn marks_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(offer::MarksFile)).unwrap_or_default()
}

/// The JSON Schema of evaluation reports, generated from the types.
pub fn report_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(report::Report)).unwrap_or_default()
}

/// The JSON Schema of session files (`jauge-session/3`: what the app exports and the CLI's
/// `session` writes), generated from the types.
pub fn session_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(session::Session)).unwrap_or_default()
}

/// The JSON Schema of procedure record files (`jauge session --record`), generated from the types.
pub fn record_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(session::Record)).unwrap_or_default()
}
