//! The analysis report (rapport d'analyse des offres) as a Word document, and the letters to the
//! bidders all at once as a zip (each in HTML and docx), for the web app. It is a wasm module of
//! its own: the docx writer and its zip library weigh on every page that loads a module, so the
//! app fetches this one only when a buyer asks for such a document.

use jauge_engine::Lang;
use jauge_engine::session::Session;
use jauge_export::archive::{self, Bundler, Role};
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
    let session = Session::from_json("session", session_json).map_err(|e| e.describe(lang))?;
    let analysis = jauge_analysis::Analysis::new(&session, "session", "", jauge_analysis::Annex::AgreedMarksOnly)
        .map_err(|e| e.describe(lang))?;
    let all = jauge_export::letters(&analysis, lang).letters;
    if all.is_empty() {
        return Err(lang
            .pick(
                "aucun courrier : l'analyse n'est pas terminée, aucun attributaire n'est proposé",
                "no letter: the analysis is not complete, no winner is proposed",
            )
            .to_string());
    }
    jauge_export::archive::zip(&jauge_export::letter_files(&all, "")?)
}

/// The archive of a procedure, written file by file as `jauge archive` writes it: made with the
/// session, given each offer file (and regularisation file) as received one at a time, each
/// compressed into the bundle as it comes so that the page never holds them all, then finished
/// with the report in every format, the letters, the exports and the manifest.
#[wasm_bindgen]
pub struct ArchiveWriter {
    bundler: Bundler,
    workbooks: Vec<(String, Vec<u8>)>,
    session: Session,
    date: String,
    lang: Lang,
}

#[wasm_bindgen]
impl ArchiveWriter {
    /// A bundle for a session file's text, dated `date` (ISO 8601), its documents in French or,
    /// when `lang` is `"en"`, in English; the session and the grid are its first files.
    #[wasm_bindgen(constructor)]
    pub fn new(session_json: &str, date: &str, lang: Option<String>) -> Result<ArchiveWriter, JsError> {
        let lang = if lang.as_deref() == Some("en") { Lang::En } else { Lang::Fr };
        ArchiveWriter::start(session_json, date, lang).map_err(|e| JsError::new(&e))
    }

    /// Adds a file received, named `name`: an offer file, or a file a bidder sent to regularise.
    #[wasm_bindgen(js_name = addFile)]
    pub fn add_file(&mut self, name: &str, regularisation: bool, bytes: &[u8]) -> Result<(), JsError> {
        let role = if regularisation { Role::Regularisation } else { Role::Offer };
        self.bundler.add(&archive::received_path(role, name), role, bytes).map_err(|e| JsError::new(&e))
    }

    /// Gives the report's workbook in the format `ext` (`xlsx`, `ods`), written by the reader
    /// module from the report's document at the bundle's date: the spreadsheet writers are not
    /// in this module.
    #[wasm_bindgen(js_name = addWorkbook)]
    pub fn add_workbook(&mut self, ext: &str, bytes: &[u8]) {
        if archive::WORKBOOKS.contains(&ext) && !self.workbooks.iter().any(|(e, _)| e == ext) {
            self.workbooks.push((ext.to_string(), bytes.to_vec()));
        }
    }

    /// The bundle's bytes, with the documents Jauge writes and the manifest.
    pub fn finish(self) -> Result<Vec<u8>, JsError> {
        self.end().map_err(|e| JsError::new(&e))
    }
}

impl ArchiveWriter {
    fn start(session_json: &str, date: &str, lang: Lang) -> Result<ArchiveWriter, String> {
        let session = Session::from_json(archive::SESSION, session_json).map_err(|e| e.describe(lang))?;
        let mut bundler = Bundler::new();
        for f in archive::head(&session, session_json.as_bytes().to_vec()) {
            bundler.add(&f.path, f.role, &f.bytes)?;
        }
        Ok(ArchiveWriter { bundler, workbooks: Vec::new(), session, date: date.to_string(), lang })
    }

    fn end(self) -> Result<Vec<u8>, String> {
        let ArchiveWriter { mut bundler, mut workbooks, session, date, lang } = self;
        let a =
            jauge_analysis::Analysis::new(&session, archive::SESSION, &date, jauge_analysis::Annex::AgreedMarksOnly)
                .map_err(|e| e.describe(lang))?;
        // In the CLI's order, whatever order the page gave them in.
        workbooks.sort_by_key(|(ext, _)| archive::WORKBOOKS.iter().position(|w| w == ext));
        for f in archive::documents(&a, lang, workbooks)? {
            bundler.add(&f.path, f.role, &f.bytes)?;
        }
        bundler.finish(&session, &date).map(|(_, bytes)| bytes)
    }
}

/// Checks a bundle as `jauge archive verify` does: every fingerprint of its manifest, and the
/// session's links to its files. The result as JSON: `{"intact", "total", "problems", "retention"}`,
/// each problem and the retention worded in French and English (`[fr, en]`), for the page to pick
/// in its language.
#[wasm_bindgen(js_name = verifyArchive)]
pub fn verify_archive(bytes: &[u8]) -> String {
    let v = archive::verify(bytes);
    let both = |f: &dyn Fn(Lang) -> String| [f(Lang::Fr), f(Lang::En)];
    serde_json::json!({
        "intact": v.intact,
        "total": v.manifest.as_ref().map_or(0, |m| m.files.len()),
        "problems": v.problems.iter().map(|p| both(&|l| p.describe(l))).collect::<Vec<_>>(),
        "retention": v.manifest.as_ref().map(|m| [m.retention.fr.clone(), m.retention.en.clone()]),
    })
    .to_string()
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

    #[test]
    fn the_archive_written_file_by_file_holds_every_offer_and_document_and_checks_intact() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/portail-citoyen");
        let mut w = ArchiveWriter::start(SESSION, "2026-11-22T10:00:00Z", Lang::Fr).expect("a session");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("samples")
            .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
            .filter(|n| n.starts_with("offre-") && n.ends_with(".json"))
            .collect();
        names.sort();
        for n in &names {
            w.bundler
                .add(&archive::received_path(Role::Offer, n), Role::Offer, &std::fs::read(dir.join(n)).expect("offer"))
                .expect("added");
        }
        w.add_workbook("ods", b"ods");
        w.add_workbook("xlsx", b"xlsx");
        let bytes = w.end().expect("a bundle");
        let checked: serde_json::Value = serde_json::from_str(&verify_archive(&bytes)).expect("json");
        assert_eq!(checked["problems"], serde_json::json!([]));
        assert_eq!(checked["intact"], checked["total"]);
        let verified = archive::verify(&bytes);
        let paths: Vec<String> =
            verified.manifest.expect("a manifest").files.iter().map(|e| format!("{:?} {}", e.role, e.path)).collect();
        expect_test::expect![[r#"
            Session session.json
            Grid grille.json
            Offer offres/offre-armor-numerique.json
            Offer offres/offre-cite-connect.json
            Offer offres/offre-eco-portail-express.json
            Offer offres/offre-ker-developpement.json
            Offer offres/offre-nuage-global.json
            Offer offres/offre-portail-plus.json
            Report rapport/rapport.html
            Report rapport/rapport.docx
            Report rapport/rapport.xlsx
            Report rapport/rapport.ods
            Letter courriers/courrier-1-ker-developpement.html
            Letter courriers/courrier-1-ker-developpement.docx
            Letter courriers/courrier-2-armor-numerique-scop.html
            Letter courriers/courrier-2-armor-numerique-scop.docx
            Letter courriers/courrier-3-cite-connect-sas.html
            Letter courriers/courrier-3-cite-connect-sas.docx
            Letter courriers/courrier-4-portail-plus.html
            Letter courriers/courrier-4-portail-plus.docx
            Letter courriers/courrier-5-nuage-global-ltd.html
            Letter courriers/courrier-5-nuage-global-ltd.docx
            Letter courriers/courrier-6-eco-portail-express.html
            Letter courriers/courrier-6-eco-portail-express.docx
            Export exports/eforms-cn.xml
            Export exports/eforms-can.xml
            Export exports/ocds.json
            Export exports/decp.json
        "#]]
        .assert_eq(&(paths.join("\n") + "\n"));
    }
}
