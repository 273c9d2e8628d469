//! Checking grids, reading offers and evaluating: the reader worker's module (feature `reader`).

use jauge_engine::error::Document;
use jauge_engine::{CheckedGrid, Diagnostic, Error, Offer};
use jauge_sheets::Limits;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{fail, grid, language, to_js};

/// What `checkGrid` returns.
#[derive(Serialize)]
struct GridCheck {
    valid: bool,
    id: Option<String>,
    version: Option<String>,
    title: Option<jauge_engine::Text>,
    publisher: Option<String>,
    fingerprint: Option<String>,
    warnings: Vec<Diagnostic>,
    problems: Vec<Diagnostic>,
    error: Option<String>,
}

/// Checks a grid file's text: `{valid, id, version, title, publisher, fingerprint, warnings,
/// problems, error}`, every problem listed with its criterion and field.
#[wasm_bindgen(js_name = checkGrid)]
pub fn check_grid(json: &str) -> Result<JsValue, JsValue> {
    let check = match CheckedGrid::from_json(json) {
        Ok(g) => {
            let grid = g.grid();
            GridCheck {
                valid: true,
                id: Some(grid.id.clone()),
                version: Some(grid.version.clone()),
                title: Some(grid.title.clone()),
                publisher: Some(grid.publisher.clone()),
                fingerprint: Some(g.fingerprint().to_string()),
                warnings: g.warnings().to_vec(),
                problems: Vec::new(),
                error: None,
            }
        }
        Err(e) => {
            let (problems, error) = match e {
                jauge_engine::Error::InvalidGrid { problems } => (problems, None),
                e => (Vec::new(), Some(e.to_string())),
            };
            GridCheck {
                valid: false,
                id: None,
                version: None,
                title: None,
                publisher: None,
                fingerprint: None,
                warnings: Vec::new(),
                problems,
                error,
            }
        }
    };
    to_js(&check)
}

/// Reads an offer file (a filled form in any spreadsheet format, a CSV or a JSON offer) into an
/// offer object with its identity (the file's SHA-256) and its located diagnostics. A file that
/// cannot be read throws a refusal (see the crate's documentation) naming the file.
#[wasm_bindgen(js_name = readOffer)]
pub fn read_offer(grid_json: &str, file_name: &str, bytes: &[u8], lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = language(lang);
    let grid = grid(grid_json, lang)?;
    let offer = jauge_sheets::read_offer(file_name, bytes, &grid, &Limits::default()).map_err(|e| fail(&e, lang))?;
    to_js(&offer)
}

/// Reads an offer file for a grid that may have lots: an array with one offer per lot the bidder
/// bids for (each identified by the file's SHA-256 and its lot); for a grid without lots, the one
/// offer `readOffer` reads. Answers to a lot the bidder does not bid for are reported in the
/// offers' diagnostics, not scored.
#[wasm_bindgen(js_name = readOffers)]
pub fn read_offers(grid_json: &str, file_name: &str, bytes: &[u8], lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = language(lang);
    let grid = grid(grid_json, lang)?;
    let offers = jauge_sheets::read_offers(file_name, bytes, &grid, &Limits::default()).map_err(|e| fail(&e, lang))?;
    to_js(&offers)
}

/// Evaluates offers (as returned by `readOffer`, marks added) against a grid: the
/// `jauge-report/1` report.
#[wasm_bindgen]
pub fn evaluate(grid_json: &str, offers: JsValue, lang: Option<String>) -> Result<JsValue, JsValue> {
    let lang = language(lang);
    let offers: Vec<Offer> = serde_wasm_bindgen::from_value(offers)
        .map_err(|e| fail(&Error::Unreadable { document: Document::Offer, detail: e.to_string() }, lang))?;
    to_js(&jauge_engine::evaluate(&*grid(grid_json, lang)?, &offers))
}
