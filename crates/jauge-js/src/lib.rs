//! Jauge's engine for JavaScript, for platforms that embed it: check a grid, write a response
//! form, read an offer file, evaluate offers. Values cross the boundary with serde-wasm-bindgen.
//! A refusal throws an `Error` whose `message` is in French, or in English when the function's
//! `lang` is `"en"`, whose `code` says what it is (`too_large`, `password`, `syntax`…) and whose
//! `data` holds Jauge's error as data (`{code, data}`), for a caller to word it in its own
//! language. Everything runs locally: no function here makes a request.
//!
//! Two features split it for the web app, each built as a module of its own: `reader` (checking
//! grids, reading offers, evaluating: the reader worker's module) and `writers` (the response form
//! and the exports, fetched by the worker only when one is written). The package for platforms has
//! both (the default).

use std::cell::RefCell;
use std::rc::Rc;

#[cfg(feature = "writers")]
use jauge_engine::error::Document;
use jauge_engine::{CheckedGrid, Error, Lang};
#[cfg(feature = "writers")]
use jauge_sheets::FormKind;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "reader")]
mod reader;
#[cfg(feature = "reader")]
pub use reader::*;

pub(crate) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Maps become plain objects, as JavaScript callers expect.
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    value.serialize(&serializer).map_err(|e| JsValue::from(js_sys::Error::new(&e.to_string())))
}

/// A value given by JavaScript, read through its JSON text (`JSON.stringify`, then serde_json).
/// Not `serde_wasm_bindgen::from_value`: each of its errors is a JavaScript `Error` built with its
/// stack, and serde raises one for every variant an untagged enum tries; 20 offers of a 2 000-line
/// price schedule spent two thirds of `evaluate` building errors nobody saw.
pub(crate) fn from_js<T: serde::de::DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    // A value JSON cannot write (a cycle, a BigInt) throws: its message.
    let text = js_sys::JSON::stringify(value)
        .map_err(|e| e.dyn_ref::<js_sys::Error>().map_or_else(|| format!("{e:?}"), |e| String::from(e.message())))?;
    let text = text.as_string().ok_or("undefined")?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

pub(crate) fn language(lang: Option<String>) -> Lang {
    if lang.as_deref() == Some("en") { Lang::En } else { Lang::Fr }
}

/// The JavaScript error for a refusal: its words in `lang`, its `code` and its `data`; its words
/// in both languages (`fr`, `en`) and, for a file of another kind than the one asked for, the kind
/// it is (`belongs`: `grid`, `offer`, `marks`, `session`, `record`…), so that a page can show it
/// in either language without reading the data.
pub(crate) fn fail(e: &Error, lang: Lang) -> JsValue {
    let error = js_sys::Error::new(&e.describe(lang));
    let _ = js_sys::Reflect::set(&error, &"code".into(), &e.code().into());
    let _ = js_sys::Reflect::set(&error, &"fr".into(), &e.describe(Lang::Fr).into());
    let _ = js_sys::Reflect::set(&error, &"en".into(), &e.describe(Lang::En).into());
    if let Some(Ok(kind)) = e.belongs().map(|d| to_js(&d)) {
        let _ = js_sys::Reflect::set(&error, &"belongs".into(), &kind);
    }
    if let Ok(data) = to_js(e) {
        let _ = js_sys::Reflect::set(&error, &"data".into(), &data);
    }
    error.into()
}

thread_local! {
    /// The last grid checked, with its text. A page reads many files for one grid: each call
    /// names the grid by its text, and the module (kept in the page's reader worker between
    /// files) checks and fingerprints it once, not once per file.
    static GRID: RefCell<Option<(String, Rc<CheckedGrid>)>> = const { RefCell::new(None) };
}

/// The checked grid of a grid file's text: the one kept when the text is the last one checked.
pub(crate) fn grid(json: &str, lang: Lang) -> Result<Rc<CheckedGrid>, JsValue> {
    checked(json).map_err(|e| fail(&e, lang))
}

/// The grid kept, the last one checked, if any.
#[cfg(feature = "reader")]
pub(crate) fn kept() -> Option<Rc<CheckedGrid>> {
    GRID.with_borrow(|kept| kept.as_ref().map(|(_, g)| Rc::clone(g)))
}

fn checked(json: &str) -> Result<Rc<CheckedGrid>, Error> {
    let kept = GRID.with_borrow(|kept| kept.as_ref().filter(|(text, _)| text == json).map(|(_, g)| Rc::clone(g)));
    if let Some(grid) = kept {
        return Ok(grid);
    }
    let grid = Rc::new(CheckedGrid::from_json(json)?);
    GRID.with_borrow_mut(|kept| *kept = Some((json.to_string(), Rc::clone(&grid))));
    Ok(grid)
}

#[cfg(feature = "writers")]
/// Writes the response form of a grid as `xlsx`, `ods` or `csv` bytes.
#[wasm_bindgen(js_name = responseForm)]
pub fn response_form(grid_json: &str, format: &str, lang: Option<String>) -> Result<Vec<u8>, JsValue> {
    let lang = language(lang);
    jauge_sheets::write_form(&*grid(grid_json, lang)?, kind(format, lang)?).map_err(|e| fail(&e, lang))
}

#[cfg(feature = "writers")]
/// Writes the results of an evaluation (a report as returned by `evaluate`) as `xlsx` or `ods`
/// bytes (ranking, detail per criterion, price analysis, grid) or `csv` (the ranking), with
/// headings in French, or in English when `lang` is `"en"`.
#[wasm_bindgen(js_name = exportResults)]
pub fn export_results(report: JsValue, format: &str, lang: Option<String>) -> Result<Vec<u8>, JsValue> {
    let lang = language(lang);
    let report: jauge_engine::Report =
        from_js(&report).map_err(|detail| fail(&Error::Unreadable { document: Document::Report, detail }, lang))?;
    jauge_sheets::write_results(&report, kind(format, lang)?, lang).map_err(|e| fail(&e, lang))
}

#[cfg(feature = "writers")]
/// Writes a document (a `jauge-document` as JSON: the analysis report as the web app or the CLI
/// builds it) as `xlsx` or `ods` bytes, a sheet per heading, or as `csv`, its sections one after
/// the other.
#[wasm_bindgen(js_name = exportDocument)]
pub fn export_document(document_json: &str, format: &str, lang: Option<String>) -> Result<Vec<u8>, JsValue> {
    let lang = language(lang);
    let document: jauge_document::Document = serde_json::from_str(document_json)
        .map_err(|e| fail(&Error::Unreadable { document: Document::Printable, detail: e.to_string() }, lang))?;
    jauge_sheets::write_document(&document, kind(format, lang)?).map_err(|e| fail(&e, lang))
}

#[cfg(feature = "writers")]
fn kind(format: &str, lang: Lang) -> Result<FormKind, JsValue> {
    FormKind::from_extension(&format!("file.{format}"))
        .ok_or_else(|| fail(&Error::OutputFormat { format: format.to_string() }, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid_text(id: &str) -> String {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/fixtures/grille-pieges.json");
        let text = std::fs::read_to_string(path).expect("traps grid");
        text.replacen("\"id\": \"", &format!("\"id\": \"{id}"), 1)
    }

    #[test]
    fn a_grid_is_checked_once_for_the_files_read_with_it() {
        let (a, b) = (grid_text("a-"), grid_text("b-"));
        let first = checked(&a).expect("valid grid");
        assert!(Rc::ptr_eq(&first, &checked(&a).expect("valid grid")), "the same text gives the grid kept");
        let other = checked(&b).expect("valid grid");
        assert!(!Rc::ptr_eq(&first, &other), "another text is checked");
        assert_ne!(first.fingerprint(), other.fingerprint());
        assert_eq!(
            checked(&a).expect("valid grid").fingerprint(),
            CheckedGrid::from_json(&a).expect("valid").fingerprint()
        );
        // A refused grid is refused each time, and leaves the kept grid alone.
        assert!(checked("{").is_err());
        assert!(checked("{").is_err());
        assert!(Rc::ptr_eq(&checked(&b).expect("valid grid"), &checked(&b).expect("valid grid")));
    }
}
