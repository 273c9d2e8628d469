//! Jauge's engine for JavaScript, for platforms that embed it: check a grid, write a response
//! form, read an offer file, evaluate offers. Values cross the boundary with serde-wasm-bindgen;
//! errors are `JsError`s whose message is in French. Everything runs locally: no function here
//! makes a request.

use jauge_engine::{CheckedGrid, Diagnostic, Offer};
use jauge_sheets::{FormKind, Limits};
use serde::Serialize;
use wasm_bindgen::prelude::*;

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

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    // Maps become plain objects, as JavaScript callers expect.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsError::new(&e.to_string()))
}

fn grid(json: &str) -> Result<CheckedGrid, JsError> {
    CheckedGrid::from_json(json).map_err(|e| JsError::new(&e.describe(jauge_engine::Lang::Fr)))
}

/// Checks a grid file's text: `{valid, id, version, title, publisher, fingerprint, warnings,
/// problems, error}`, every problem listed with its criterion and field.
#[wasm_bindgen(js_name = checkGrid)]
pub fn check_grid(json: &str) -> Result<JsValue, JsError> {
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

/// Writes the response form of a grid as `xlsx`, `ods` or `csv` bytes.
#[wasm_bindgen(js_name = responseForm)]
pub fn response_form(grid_json: &str, format: &str) -> Result<Vec<u8>, JsError> {
    jauge_sheets::write_form(&grid(grid_json)?, kind(format)?).map_err(|e| JsError::new(&e.to_string()))
}

/// Reads an offer file (a filled form in any spreadsheet format, a CSV or a JSON offer) into an
/// offer object with its located diagnostics and the file's SHA-256. A file that cannot be read
/// throws an error whose message is in French, or in English when `lang` is `"en"`.
#[wasm_bindgen(js_name = readOffer)]
pub fn read_offer(grid_json: &str, file_name: &str, bytes: &[u8], lang: Option<String>) -> Result<JsValue, JsError> {
    let offer = jauge_sheets::read_offer(file_name, bytes, &grid(grid_json)?, &Limits::default()).map_err(|e| {
        JsError::new(&e.describe(if lang.as_deref() == Some("en") {
            jauge_engine::Lang::En
        } else {
            jauge_engine::Lang::Fr
        }))
    })?;
    to_js(&offer)
}

/// Writes the results of an evaluation (a report as returned by `evaluate`) as `xlsx` or `ods`
/// bytes (ranking, detail per criterion, price analysis, grid) or `csv` (the ranking), with
/// headings in French, or in English when `lang` is `"en"`.
#[wasm_bindgen(js_name = exportResults)]
pub fn export_results(report: JsValue, format: &str, lang: Option<String>) -> Result<Vec<u8>, JsError> {
    let report: jauge_engine::Report =
        serde_wasm_bindgen::from_value(report).map_err(|e| JsError::new(&e.to_string()))?;
    let lang = if lang.as_deref() == Some("en") { jauge_engine::Lang::En } else { jauge_engine::Lang::Fr };
    jauge_sheets::write_results(&report, kind(format)?, lang).map_err(|e| JsError::new(&e.to_string()))
}

/// Writes a document (a `jauge-document` as JSON: the analysis report as the web app or the CLI
/// builds it) as `xlsx` or `ods` bytes, a sheet per heading, or as `csv`, its sections one after
/// the other.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(document_json: &str, format: &str) -> Result<Vec<u8>, JsError> {
    let document: jauge_document::Document = serde_json::from_str(document_json)
        .map_err(|e| JsError::new(&format!("document : ce n'est pas un document Jauge lisible ({e})")))?;
    jauge_sheets::write_document(&document, kind(format)?).map_err(|e| JsError::new(&e.to_string()))
}

fn kind(format: &str) -> Result<FormKind, JsError> {
    FormKind::from_extension(&format!("file.{format}"))
        .ok_or_else(|| JsError::new(&format!("format « {format} » inconnu ; attendu xlsx, ods ou csv")))
}

/// Evaluates offers (as returned by `readOffer`, marks added) against a grid: the
/// `jauge-report/1` report.
#[wasm_bindgen]
pub fn evaluate(grid_json: &str, offers: JsValue) -> Result<JsValue, JsError> {
    let offers: Vec<Offer> = serde_wasm_bindgen::from_value(offers).map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&jauge_engine::evaluate(&grid(grid_json)?, &offers))
}
