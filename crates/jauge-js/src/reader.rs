//! Checking grids, reading offers and evaluating: the reader worker's module (feature `reader`).

use jauge_engine::error::Document;
use jauge_engine::{CheckedGrid, Diagnostic, Error, Offer};
use jauge_sheets::Limits;
use serde::{Deserialize, Serialize};
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
    legacy(bytes)?;
    let offer = jauge_sheets::read_offer(file_name, bytes, &grid, &Limits::default()).map_err(|e| fail(&e, lang))?;
    to_js(&offer)
}

/// Reads an offer file for a grid that may have lots: an array with one offer per lot the bidder
/// bids for (each identified by the file's SHA-256 and its lot); for a grid without lots, the one
/// offer `readOffer` reads. Answers to a lot the bidder does not bid for are reported in the
/// offers' diagnostics, not scored.
#[wasm_bindgen(js_name = readOffers)]
pub fn read_offers(grid_json: &str, file_name: &str, bytes: &[u8], lang: Option<String>) -> Result<JsValue, JsValue> {
    to_js(&offers(grid_json, file_name, bytes, lang)?)
}

/// `readOffers` as the JSON text of the array, which the web app's worker sends the page as it
/// is: no JavaScript object is built for the offers, nor turned into text again. Two arguments
/// spare the worker work for each file of a grid: `grid_json` may be left out (`undefined`) to
/// read with the grid the module keeps, the last one it checked (an error when it has none), so
/// that a grid's text is not copied into the module again for every file; `sha256` is the file's
/// SHA-256 when the caller has it (64 lower-case hexadecimal digits, from the browser's own
/// SHA-256, several times faster than the module's; anything else is ignored and the module
/// computes it).
#[wasm_bindgen(js_name = readOffersJson)]
pub fn read_offers_json(
    grid_json: Option<String>,
    file_name: &str,
    bytes: &[u8],
    lang: Option<String>,
    sha256: Option<String>,
) -> Result<String, JsValue> {
    let lang = language(lang);
    let grid = match grid_json {
        Some(json) => grid(&json, lang)?,
        None => crate::kept().ok_or_else(|| JsValue::from(js_sys::Error::new("readOffersJson: no grid kept")))?,
    };
    legacy(bytes)?;
    let offers = jauge_sheets::read_offers_hashed(file_name, bytes, sha256.as_deref(), &grid, &Limits::default())
        .map_err(|e| fail(&e, lang))?;
    serde_json::to_string(&offers).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

fn offers(grid_json: &str, file_name: &str, bytes: &[u8], lang: Option<String>) -> Result<Vec<Offer>, JsValue> {
    let lang = language(lang);
    let grid = grid(grid_json, lang)?;
    legacy(bytes)?;
    jauge_sheets::read_offers(file_name, bytes, &grid, &Limits::default()).map_err(|e| fail(&e, lang))
}

/// In a build without the feature `legacy`, an xls or xlsb workbook throws an error whose `legacy`
/// is true: the caller reads it with the module built with that feature (the web app's worker
/// fetches it then).
fn legacy(bytes: &[u8]) -> Result<(), JsValue> {
    #[cfg(not(feature = "legacy"))]
    if let Some(format @ (jauge_sheets::Format::Xls | jauge_sheets::Format::Xlsb)) = jauge_sheets::detect(bytes) {
        let error = js_sys::Error::new(&format!("{}: legacy", format.name()));
        let _ = js_sys::Reflect::set(&error, &"legacy".into(), &true.into());
        return Err(error.into());
    }
    let _ = bytes;
    Ok(())
}

/// What `evaluate` may be given besides the grid and the offers, in the words a session records
/// them: the buyer's hidden quantities (`jauge-quantities/1`, the quantity estimate kept from
/// bidders) and the decision on optional services (`{kept: [group ids], date, author, detail}`).
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Pricing {
    #[serde(default)]
    quantities: Option<jauge_engine::grid::Quantities>,
    #[serde(default)]
    optional_services: Option<jauge_engine::session::OptionalServices>,
}

/// Evaluates offers (as returned by `readOffer`, marks added) against a grid: the
/// `jauge-report/1` report. For a grid with price schedules, `pricing` gives what a session
/// carries: `{quantities, optional_services}`, the buyer's hidden quantities file (parsed) and the
/// decision on optional services; without the quantities, a schedule with hidden lines cannot be
/// priced (its offers are incomplete), without the decision the base alone is compared, as the
/// report's warnings say. Quantities that do not fit the grid are
/// refused with every problem listed.
#[wasm_bindgen]
pub fn evaluate(grid_json: &str, offers: JsValue, lang: Option<String>, pricing: JsValue) -> Result<JsValue, JsValue> {
    let lang = language(lang);
    let unreadable = |document, detail: String| fail(&Error::Unreadable { document, detail }, lang);
    let offers: Vec<Offer> = crate::from_js(&offers).map_err(|e| unreadable(Document::Offer, e))?;
    // Through JSON, so that a misspelt field (`optionalServices`) is refused, not ignored.
    let pricing: Pricing = match pricing.is_null() || pricing.is_undefined() {
        true => Pricing::default(),
        false => crate::from_js(&pricing).map_err(|e| unreadable(Document::Grid, e))?,
    };
    let grid = grid(grid_json, lang)?;
    if pricing.quantities.is_none() && pricing.optional_services.is_none() {
        return to_js(&jauge_engine::evaluate(&grid, &offers));
    }
    let mut priced = CheckedGrid::clone(&grid);
    if let Some(q) = &pricing.quantities {
        priced = priced.hiding(q).map_err(|e| fail(&e, lang))?;
    }
    if let Some(d) = &pricing.optional_services {
        priced = priced.keeping(&d.kept);
    }
    to_js(&jauge_engine::evaluate(&priced, &offers))
}
