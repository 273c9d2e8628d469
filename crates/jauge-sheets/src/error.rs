//! The ingestion crate's errors are the engine's one [`Error`] type (a code and its data, worded
//! by `describe` in either language): why a whole file could not be read or written. Problems in
//! single cells are not errors; they come back as diagnostics with the offer.

pub use jauge_engine::Error;
