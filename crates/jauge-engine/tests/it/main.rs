//! Integration tests of the engine: golden reports, grid validation, JSON Schemas and invariants.

mod golden;
mod grids;
mod located;
mod lots;
mod price_basis;
mod props;
mod received;
mod schedule;
mod schema;
mod ties;
mod unmatched;
mod variants;

use std::path::{Path, PathBuf};

use jauge_engine::{CheckedGrid, Offer};

/// The repository's root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The files with extension `ext` in `dir`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == ext))
        .collect();
    out.sort();
    out
}

/// Reads a file as text.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The grids shipped in `criteria/`.
pub fn shipped_grids() -> Vec<PathBuf> {
    files(&root().join("criteria"), "json")
}

/// Reads and checks a grid file, which must be valid.
pub fn grid(path: &Path) -> CheckedGrid {
    CheckedGrid::from_json(&read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Reads a JSON offer file, which must be well-formed.
pub fn offer(path: &Path) -> Offer {
    let name = path.file_name().expect("file name").to_string_lossy();
    Offer::from_json(&name, &read(path)).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}
