//! The analysis report (rapport d'analyse des offres) as a Word document, and the letters to the
//! bidders all at once as a zip (each in HTML and docx), for the web app. It is a wasm module of
//! its own: the docx writer and its zip library weigh on every page that loads a module, so the
//! app fetches this one only when a buyer asks for such a document.

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

/// Writes every letter to the bidders of a session file's text as one zip: each letter in HTML
/// and docx, a lot's file names starting with the lot, as `jauge letters` writes `courriers.zip`.
/// Refused while no lot's analysis allows a letter (the page says why before offering it).
#[wasm_bindgen(js_name = lettersZip)]
pub fn letters_zip(session_json: &str, lang: Option<String>) -> Result<Vec<u8>, JsError> {
    let lang = if lang.as_deref() == Some("en") { Lang::En } else { Lang::Fr };
    zip_of_letters(session_json, lang).map_err(|e| JsError::new(&e))
}

fn zip_of_letters(session_json: &str, lang: Lang) -> Result<Vec<u8>, String> {
    use jauge_analysis::letters;
    use jauge_export::archive::{File, Role};
    let session = Session::from_json("session", session_json).map_err(|e| e.describe(lang))?;
    let analysis = jauge_analysis::Analysis::new(&session, "session", "", jauge_analysis::Annex::AgreedMarksOnly)
        .map_err(|e| e.describe(lang))?;
    let mut files = Vec::new();
    for lot in jauge_export::lots(&analysis) {
        let Ok(all) = letters::letters(&lot.analysis, lang) else { continue };
        for l in all {
            let name = match &lot.grid_lot {
                Some(id) => format!("lot-{id}-{}", l.name),
                None => l.name.clone(),
            };
            files.push(File {
                path: format!("{name}.html"),
                role: Role::Letter,
                bytes: letters::html(&l).into_bytes(),
            });
            let docx = letters::docx(&l).map_err(|e| format!("{name}: {e}"))?;
            files.push(File { path: format!("{name}.docx"), role: Role::Letter, bytes: docx });
        }
    }
    if files.is_empty() {
        return Err(lang
            .pick(
                "aucun courrier : l'analyse n'est pas terminée, aucun attributaire n'est proposé",
                "no letter: the analysis is not complete, no winner is proposed",
            )
            .to_string());
    }
    jauge_export::archive::zip(&files)
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

    #[test]
    fn the_sample_session_gives_every_letter_in_html_and_docx_and_an_incomplete_one_none() {
        let bytes = zip_of_letters(SESSION, Lang::Fr).expect("a zip");
        let names = jauge_export::archive::verify(&bytes);
        // Not a bundle (no manifest), but every file is listed by the reader.
        assert!(names.manifest.is_none());
        let text = String::from_utf8_lossy(&bytes);
        for name in ["courrier-2-armor-numerique-scop.html", "courrier-2-armor-numerique-scop.docx"] {
            assert!(text.contains(name), "{name} in the zip");
        }
        let mut incomplete: serde_json::Value = serde_json::from_str(SESSION).expect("json");
        for offer in incomplete["offers"].as_array_mut().expect("offers") {
            offer["marks"] = serde_json::json!({});
        }
        incomplete["individual"] = serde_json::json!([]);
        let e = zip_of_letters(&incomplete.to_string(), Lang::Fr).expect_err("no letter");
        assert!(e.starts_with("aucun courrier"), "{e}");
    }
}
