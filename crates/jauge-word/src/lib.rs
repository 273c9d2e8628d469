//! The analysis report (rapport d'analyse des offres) as a Word document, for the web app. It is a
//! wasm module of its own: the docx writer and its zip library weigh on every page that loads a
//! module, so the app fetches this one only when a buyer asks for the document.

use jauge_engine::Lang;
use jauge_engine::session::Session;
use wasm_bindgen::prelude::*;

/// Writes the analysis report of a session file's text (`jauge-session/3`) as docx bytes, dated
/// `date` (ISO 8601), with each evaluator's marks annexed when `annex` is true; in French, or in
/// English when `lang` is `"en"`. The same session, date and options give the CLI's
/// `jauge report -o rapport.docx`.
#[wasm_bindgen(js_name = analysisDocx)]
pub fn analysis_docx(session_json: &str, date: &str, annex: bool, lang: Option<String>) -> Result<Vec<u8>, JsError> {
    let lang = if lang.as_deref() == Some("en") { Lang::En } else { Lang::Fr };
    report(session_json, date, annex, lang).map_err(|e| JsError::new(&e))
}

fn report(session_json: &str, date: &str, annex: bool, lang: Lang) -> Result<Vec<u8>, String> {
    let session = Session::from_json("session", session_json).map_err(|e| e.describe(lang))?;
    let analysis =
        jauge_analysis::Analysis::new(&session, "session", date, jauge_analysis::Annex::each_evaluator(annex))
            .map_err(|e| e.describe(lang))?;
    jauge_analysis::docx(&analysis, lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SESSION: &str = include_str!("../../../samples/portail-citoyen/commission/session.json");

    #[test]
    fn the_sample_session_gives_a_word_document_and_a_broken_one_a_message() {
        let bytes = report(SESSION, "2026-11-22T10:00:00Z", true, Lang::Fr).expect("docx");
        assert_eq!(&bytes[..2], b"PK", "a zip package");
        let e = report("{", "2026-11-22T10:00:00Z", true, Lang::En).expect_err("not a session");
        assert!(e.starts_with("session"), "{e}");
    }
}
