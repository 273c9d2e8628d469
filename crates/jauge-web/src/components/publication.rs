//! The end of the procedure, under the report (section 7): the exports to the standards (eForms
//! contract notice and award notice blocks, OCDS, DECP), each with the fields it lacks and where
//! to give them; the letters to the bidders, one per bidder as HTML and all at once as a zip made
//! by the Word module, or why none can be written yet. The reducer keeps what is missing and the
//! letters up to date (`state::Publication`); the files are written when asked for, dated then.

use std::rc::Rc;

use jauge_analysis::letters::{self, LetterKind};
use jauge_analysis::{Analysis, Annex};
use jauge_engine::Lang;
use jauge_engine::law::{Law, cite};
use jauge_engine::session::Session;
use jauge_export::Standard;
use yew::prelude::*;

use super::fold::More;
use crate::state::{Action, Place, Publication};
use crate::{reader, services};

/// What the block shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct PublicationProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// The session's analysis.
    pub analysis: Rc<Analysis>,
    /// The exports' missing fields and the letters.
    pub publication: Rc<Publication>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// A file name safe everywhere: letters, digits and `-`.
fn safe(name: &str) -> String {
    name.chars().map(|c| if c.is_alphanumeric() || c == '-' { c } else { '-' }).collect()
}

#[function_component(PublicationBlock)]
pub fn publication_block(props: &PublicationProps) -> Html {
    let lang = props.lang;
    let p = &props.publication;
    let reference = {
        let r = &props.session.procedure.reference;
        safe(if r.trim().is_empty() { &props.analysis.grid.grid().id } else { r })
    };
    let export = |standard: Standard| {
        let (analysis, reference) = (props.analysis.clone(), reference.clone());
        Callback::from(move |_| {
            // Dated now, with the committee's agreed marks only, as `jauge export` writes it.
            let a = analysis.dated(&services::now(), Annex::AgreedMarksOnly);
            let e = jauge_export::export(&a, standard, lang);
            let (ext, mime) = match standard {
                Standard::EformsCn | Standard::EformsCan => ("xml", "application/xml"),
                Standard::Ocds | Standard::Decp => ("json", "application/json"),
            };
            services::download(&format!("{}-{reference}.{ext}", standard.code()), mime, e.text.as_bytes());
        })
    };
    let letter = |index: usize| {
        let publication = props.publication.clone();
        Callback::from(move |_| {
            if let Some(l) = publication.letters.get(index) {
                services::download(&format!("{}.html", l.name), "text/html", letters::html(l).as_bytes());
            }
        })
    };
    let zip = {
        let (session, on_action, reference) = (props.session.clone(), props.on_action.clone(), reference.clone());
        Callback::from(move |_| {
            let (json, on_action, reference) = (session.to_json(), on_action.clone(), reference.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match reader::letters_zip(&json, lang).await {
                    Ok(bytes) => services::download(
                        &format!("{}-{reference}.zip", lang.pick("courriers", "letters")),
                        "application/zip",
                        &bytes,
                    ),
                    Err(e) => on_action.emit(Action::NoticeAt(Place::Report, Some(e))),
                }
            });
        })
    };
    let kind = |k: LetterKind| match k {
        LetterKind::Ranked => lang.pick("Courrier de rejet (offre classée)", "Rejection letter (offer ranked)"),
        LetterKind::SetAside => lang.pick("Courrier de rejet (offre écartée)", "Rejection letter (offer set aside)"),
        LetterKind::Notification => lang.pick("Projet de notification", "Notification draft"),
    };
    let summary = lang.pick(
        "Après l'analyse : avis eForms, données ouvertes (OCDS, DECP) et courriers aux soumissionnaires",
        "After the analysis: eForms notices, open data (OCDS, DECP) and letters to bidders",
    );
    html! {
        <More summary={summary}>
            <h3 id="titre-exports">{ lang.pick("Avis et données ouvertes", "Notices and open data") }</h3>
            <p class="aide">{ lang.pick(
                "Un champ que Jauge ne peut pas connaître n'est jamais inventé : il est omis et nommé ici, avec où le renseigner (section 4).",
                "A field Jauge cannot know is never invented: it is left out and named here, with where to give it (section 4).") }</p>
            <ul class="publication" aria-labelledby="titre-exports">
                { for p.exports.iter().map(|(standard, missing)| {
                    let ext = match standard { Standard::EformsCn | Standard::EformsCan => "XML", _ => "JSON" };
                    html! {
                        <li>
                            <button type="button" onclick={export(*standard)}>{ format!("{} ({ext})", standard.name(lang)) }</button>
                            if missing.is_empty() {
                                { lang.pick(" — complet", " — complete") }
                            } else {
                                <ul aria-label={ format!("{} {}", lang.pick("Champs manquants :", "Missing fields:"), standard.name(lang)) }>
                                    { for missing.iter().map(|m| html! { <li>{ m.describe(lang) }</li> }) }
                                </ul>
                            }
                        </li>
                    }
                }) }
            </ul>
            <h3 id="titre-courriers">{ lang.pick("Courriers aux soumissionnaires", "Letters to bidders") }</h3>
            { for p.refused.iter().map(|(lot, why)| html! {
                <div class="avertissements">
                    <p>{ format!("{}{}", lot.as_ref().map(|l| format!("{} {l}{}", lang.pick("Lot", "Lot"), jauge_engine::text::colon(lang))).unwrap_or_default(),
                        lang.pick("aucun courrier : l'analyse n'est pas terminée, aucun attributaire n'est proposé",
                            "no letter: the analysis is not complete, no winner is proposed")) }</p>
                    <ul>{ for why.iter().map(|w| html! { <li>{ w.describe(lang) }</li> }) }</ul>
                </div>
            }) }
            if !p.letters.is_empty() {
                <p class="aide">{ lang.pick(
                    "Jauge n'envoie rien : chaque courrier est à relire, signer et envoyer par l'acheteur.",
                    "Jauge sends nothing: each letter is to be read, signed and sent by the buyer.") }</p>
                <ul class="publication" aria-labelledby="titre-courriers">
                    { for p.letters.iter().enumerate().map(|(i, l)| html! {
                        <li><button type="button" onclick={letter(i)}>{ format!("{} — {} (HTML)", kind(l.kind), l.supplier) }</button></li>
                    }) }
                </ul>
                if p.undated {
                    <p class="avertissements">{ format!("{} ({})", lang.pick(
                        "À compléter dans le dossier (section 4) : la date et le mode d'envoi des courriers, dont dépend la date à partir de laquelle le marché peut être signé",
                        "To fill in the record (section 4): the date and means of sending the letters, on which the earliest signature date depends"),
                        cite(Law::R2182_1)) }</p>
                }
                <p><button type="button" onclick={zip}>{ lang.pick("Tous les courriers (ZIP, HTML et DOCX)", "All the letters (ZIP, HTML and DOCX)") }</button></p>
            }
            <p class="aide">{ lang.pick(
                "L'archive de la procédure (offres reçues, rapport, courriers, exports et leur manifeste) se fait avec jauge archive.",
                "The procedure's archive bundle (offers received, report, letters, exports and their manifest) is made with jauge archive.") }</p>
        </More>
    }
}
