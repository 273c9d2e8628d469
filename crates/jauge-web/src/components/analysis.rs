//! The analysis report (rapport d'analyse des offres) of the session: what remains to settle before
//! signing, the proposed winner, and the report itself — a print-ready HTML page made here, the
//! Word document made by the Word writer module, the workbook written by the reader module from
//! the report's document built here. The CLI's `jauge report` gives the same documents from the
//! same session file. Shown by the report module (feature `report`, `report_module.rs`), which
//! the page fetches once offers are read.

use jauge_analysis::Pending;
use jauge_engine::Lang;
use jauge_engine::session::Session;
use std::rc::Rc;

use jauge_analysis::{Analysis, Annex};
use yew::prelude::*;

use super::fold::{Fold, More};
use crate::state::{Action, Place};
use crate::{reader, services};

/// The report's file name: `rapport-analyse-<reference or grid>-<date>.<ext>`.
fn file_name(a: &Analysis, ext: &str) -> String {
    let reference = &a.session.procedure.reference;
    let base = if reference.trim().is_empty() { a.grid.grid().id.clone() } else { reference.clone() };
    let base: String = base.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect();
    format!("rapport-analyse-{base}-{}.{ext}", a.generated_at.chars().take(10).collect::<String>())
}

/// The section, folded; the analysis is the one the report module keeps up to date.
/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// The session's analysis.
    pub analysis: Option<Rc<Analysis>>,
    /// What remains to settle.
    pub to_settle: Vec<Pending>,
    /// The exports' missing fields and the letters.
    pub publication: Option<Rc<crate::state::report::Publication>>,
    /// Why the last download failed.
    pub notice: Option<crate::failure::Failure>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(AnalysisPanel)]
pub fn analysis_panel(props: &AnalysisProps) -> Html {
    let lang = props.lang;
    html! {
        <Fold id="titre-rapport" title={ lang.pick("7. Le rapport d'analyse des offres", "7. The report on the analysis of offers") }>
            <AnalysisBody lang={lang} session={props.session.clone()} analysis={props.analysis.clone()}
                to_settle={props.to_settle.clone()} publication={props.publication.clone()} notice={props.notice.clone()} on_action={props.on_action.clone()} />
        </Fold>
    }
}

#[function_component(AnalysisBody)]
fn analysis_body(props: &AnalysisProps) -> Html {
    let lang = props.lang;
    let annex = use_state(|| true);
    let Some(analysis) = props.analysis.clone() else { return html! {} };
    let pending: Vec<String> = props.to_settle.iter().map(|p| p.describe(lang)).collect();
    let winner = analysis.winner(lang);
    let scale = analysis.grid.grid().scale;
    let export = |format: &'static str| {
        let (on_action, annex, analysis) = (props.on_action.clone(), *annex, analysis.clone());
        Callback::from(move |_| {
            // The analysis as computed, dated now and with the annex asked for.
            let date = services::now();
            let a = analysis.dated(&date, Annex::each_evaluator(annex));
            let session = &a.session;
            if format == "html" {
                services::download(&file_name(&a, "html"), "text/html", jauge_analysis::html(&a, lang).as_bytes());
                return;
            }
            if format == "internal" {
                let name = file_name(&a, "html").replacen("rapport-analyse-", "document-interne-", 1);
                services::download(&name, "text/html", jauge_analysis::internal_html(&a, lang).as_bytes());
                return;
            }
            let name = file_name(&a, format);
            // The Word module builds the report from the session; the reader module writes the
            // workbook from the report's document, built here.
            let json = if format == "docx" {
                session.to_json()
            } else {
                serde_json::to_string(&jauge_analysis::document::document(&a, lang)).unwrap_or_default()
            };
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mime = match format {
                    "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    _ => "application/vnd.oasis.opendocument.spreadsheet",
                };
                let made = if format == "docx" {
                    reader::analysis_docx(&json, &date, annex, lang).await
                } else {
                    reader::export_document(&json, format).await
                };
                match made {
                    Ok(bytes) => services::download(&name, mime, &bytes),
                    Err(e) => on_action.emit(Action::NoticeAt(Place::Report, Some(e))),
                }
            });
        })
    };
    let toggle = {
        let annex = annex.clone();
        Callback::from(move |_| annex.set(!*annex))
    };
    let variants_note = lang.pick(
        "Hors du rapport signé : la méthode annoncée est la seule appliquée ; ces variantes ne motivent aucun choix.",
        "Not in the signed report: the announced method is the only one applied; these variants ground no choice.",
    );
    let robustness_label = lang.pick(
        "Robustesse du classement : variation de poids qui changerait l'offre classée première",
        "Robustness of the ranking: weight change that would change the offer ranked first",
    );
    let fingerprints_note = lang.pick(
        "Le rapport porte la date, l'empreinte de la grille, celle de chaque fichier d'offre et celle de la session : \
         la même session, exportée, redonne le même rapport.",
        "The report carries the date, the fingerprints of the grid, of every offer file and of the session: \
         the same session, exported, gives the same report again.",
    );
    html! {
        <>
            if let Some(w) = &winner {
                <p><strong>{ format!("{} {}", lang.pick("Attributaire proposé :", "Proposed winner:"), w.supplier) }</strong>{ " — " }{ &w.reasons }</p>
            }
            if pending.is_empty() {
                <p>{ lang.pick("Rien n'est en suspens : le rapport est prêt à être signé.", "Nothing is pending: the report is ready to be signed.") }</p>
            } else {
                <h3 id="titre-suspens">{ lang.pick("Points en suspens avant signature", "To settle before signature") }</h3>
                <ul aria-labelledby="titre-suspens" class="avertissements">
                    { for pending.iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            }
            if !props.session.individual.is_empty() {
                <p class="champ"><input id="annexe" type="checkbox" checked={*annex} onchange={toggle} />
                    <label for="annexe">{ lang.pick("Annexer les notes de chaque évaluateur", "Annex each evaluator's marks") }</label></p>
            }
            <p class="exports">
                <button type="button" onclick={export("html")}>{ lang.pick("Rapport d'analyse à imprimer (HTML)", "Analysis report to print (HTML)") }</button>
                <button type="button" onclick={export("docx")}
                    aria-label={ lang.pick("Rapport d'analyse en document Word modifiable DOCX", "Analysis report as an editable Word document DOCX") }>
                    { "DOCX" }
                </button>
                <button type="button" onclick={export("xlsx")}
                    aria-label={ lang.pick("Rapport d'analyse en classeur XLSX", "Analysis report as an XLSX workbook") }>{ "XLSX" }</button>
                <button type="button" onclick={export("ods")}
                    aria-label={ lang.pick("Rapport d'analyse en classeur ODS", "Analysis report as an ODS workbook") }>{ "ODS" }</button>
            </p>
            if let Some(failure) = &props.notice {
                <p role="alert" class="erreur">{ failure.describe(lang) }</p>
            }
            <p><small>{ fingerprints_note }</small></p>
            if let Some(publication) = props.publication.clone() {
                <super::publication::PublicationBlock lang={lang} session={props.session.clone()} analysis={analysis.clone()}
                    publication={publication} on_action={props.on_action.clone()} />
            }
            // Last, after the signed report's exports, so that they are not read as the worksheet's.
            // Closed until asked for: which weight change would change the winner is for checking the
            // ranking's robustness, never for changing the announced method.
            if analysis.robustness.winner.is_some() {
                <More summary={ lang.pick("Document de travail interne, hors du rapport signé", "Internal worksheet, not part of the signed report") }>
                    <p><small>{ variants_note }</small></p>
                    <ul aria-label={ robustness_label }>
                        { for analysis.robustness.families.iter().map(|f| html! { <li>{ f.sentence(scale, lang) }</li> }) }
                    </ul>
                    <p><button type="button" onclick={export("internal")}>
                        { lang.pick("Document de travail interne (HTML)", "Internal worksheet (HTML)") }
                    </button></p>
                </More>
            }
        </>
    }
}
