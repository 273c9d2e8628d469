//! The end of the procedure, under the report (section 7): the exports to the standards (eForms
//! contract notice and award notice blocks, OCDS, DECP), each with the fields it lacks and where
//! to give them; the letters to the bidders, one per bidder as HTML and all at once as a zip made
//! by the Word module, or why none can be written yet. The report module keeps what is missing and
//! the letters up to date (`state::report::Publication`); the files are written when asked for, dated then.
//! The procedure's archive: the buyer gives the files received again (the app keeps no bid's
//! bytes), each matched to the session's by its SHA-256 in the report module, and the Word module
//! writes the bundle once every file is given; a bundle given back is checked there too.

use std::rc::Rc;

use jauge_analysis::letters::{self, LetterKind};
use jauge_analysis::{Analysis, Annex};
use jauge_engine::Lang;
use jauge_engine::law::{Law, cite};
use jauge_engine::session::Session;
use jauge_export::Standard;
use jauge_export::archive::{Expected, Role};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::fold::More;
use crate::state::report::Publication;
use crate::state::{Action, Given, Place};
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
        let (analysis, on_action, reference) = (props.analysis.clone(), props.on_action.clone(), reference.clone());
        Callback::from(move |_| {
            // The session as the app saves and exports it (its format and language given).
            let (json, on_action, reference) = (analysis.session.to_json(), on_action.clone(), reference.clone());
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
        LetterKind::Notification => {
            lang.pick("Information de l'offre retenue (projet)", "Information of the offer retained (draft)")
        }
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
                    // What the session lacks, apart from what it gives but the tool cannot vouch for.
                    let (checks, absent): (Vec<_>, Vec<_>) = missing.iter().partition(|m| m.is_check());
                    html! {
                        <li>
                            <button type="button" onclick={export(*standard)}>{ format!("{} ({ext})", standard.name(lang)) }</button>
                            if absent.is_empty() {
                                { lang.pick(" — complet", " — complete") }
                            } else {
                                <ul aria-label={ format!("{} {}", lang.pick("Champs manquants :", "Missing fields:"), standard.name(lang)) }>
                                    { for absent.iter().map(|m| html! { <li>{ m.describe(lang) }</li> }) }
                                </ul>
                            }
                            if !checks.is_empty() {
                                <ul aria-label={ format!("{} {}", lang.pick("À vérifier avant publication :", "To check before publication:"), standard.name(lang)) }>
                                    { for checks.iter().map(|m| html! { <li>{ m.describe(lang) }</li> }) }
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
                        jauge_export::withheld(lang)) }</p>
                    <ul>{ for why.iter().map(|w| html! { <li>{ w.describe(lang) }</li> }) }</ul>
                </div>
            }) }
            if !p.unwritten.is_empty() {
                <div class="avertissements">
                    <p>{ lang.pick("Courriers que Jauge ne rédige pas :", "Letters Jauge does not write:") }</p>
                    <ul>{ for p.unwritten.iter().map(|u| html! { <li>{ u.describe(lang) }</li> }) }</ul>
                </div>
            }
            if !p.letters.is_empty() {
                <p class="aide">{ lang.pick(
                    "Jauge n'envoie rien : chaque courrier est à relire, signer et envoyer par l'acheteur.",
                    "Jauge sends nothing: each letter is to be read, signed and sent by the buyer.") }</p>
                <ul class="publication" aria-labelledby="titre-courriers">
                    { for p.letters.iter().enumerate().map(|(i, l)| html! {
                        <li><button type="button" onclick={letter(i)}>{ format!("{} — {} (HTML)", kind(l.kind), l.supplier) }</button></li>
                    }) }
                </ul>
                <p><button type="button" onclick={zip}>{ lang.pick("Tous les courriers (ZIP, HTML et DOCX)", "All the letters (ZIP, HTML and DOCX)") }</button></p>
            }
            <ArchiveBlock lang={lang} analysis={props.analysis.clone()}
                publication={props.publication.clone()} reference={reference.clone()} on_action={props.on_action.clone()} />
        </More>
    }
}

/// What the archive part shows, and where its actions go.
#[derive(Properties, PartialEq)]
struct ArchiveProps {
    lang: Lang,
    analysis: Rc<Analysis>,
    publication: Rc<Publication>,
    /// The procedure's reference, safe in a file name.
    reference: String,
    on_action: Callback<Action>,
}

/// A file of the session in words: « file » (bidders).
fn expected_label(e: &Expected, lang: Lang) -> String {
    let what = match e.role {
        Role::Regularisation => lang.pick("régularisation", "regularisation"),
        _ => lang.pick("offre", "offer"),
    };
    format!("{what} « {} » ({})", e.file, e.suppliers.join(", "))
}

/// The procedure's archive: the files received given again, matched to the session's offers,
/// the bundle once every one is given; and a bundle checked again.
#[function_component(ArchiveBlock)]
fn archive_block(props: &ArchiveProps) -> Html {
    let lang = props.lang;
    let busy = use_state(|| false);
    let checked = use_state(|| None::<Rc<Result<reader::CheckedArchive, crate::failure::Failure>>>);
    let p = &props.publication;
    let give = {
        let (on_action, given) = (props.on_action.clone(), p.archive_given.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            let (on_action, mut all) = (on_action.clone(), given.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Each file read once for its fingerprint, then let go: the browser keeps the file.
                for file in chosen {
                    match services::read(file.clone(), jauge_engine::limits::OFFER_BYTES).await {
                        Ok((name, bytes)) => all.push(Given { name, sha256: jauge_engine::sha256_hex(&bytes), file }),
                        Err(e) => on_action.emit(Action::NoticeAt(Place::Report, Some(e))),
                    }
                }
                on_action.emit(Action::ArchiveGiven(all));
            });
        })
    };
    let clear = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::ArchiveGiven(Vec::new())))
    };
    let build = {
        let (busy, analysis) = (busy.clone(), props.analysis.clone());
        let (on_action, reference, publication) = (props.on_action.clone(), props.reference.clone(), p.clone());
        Callback::from(move |_| {
            let matched = &publication.archive;
            if !matched.complete() || *busy {
                return;
            }
            let chosen: Vec<(web_sys::File, bool)> = matched
                .given
                .iter()
                .filter_map(|(e, i)| {
                    publication.archive_given.get(*i).map(|g| (g.file.clone(), e.role == Role::Regularisation))
                })
                .collect();
            // Dated now, with the committee's agreed marks only, as `jauge archive` writes it.
            let date = services::now();
            let a = analysis.dated(&date, Annex::AgreedMarksOnly);
            let document = serde_json::to_string(&jauge_analysis::document::document(&a, lang)).unwrap_or_default();
            // The session as the app saves and exports it (its format and language given).
            let (json, on_action, reference, busy) =
                (analysis.session.to_json(), on_action.clone(), reference.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                let mut workbooks = Vec::new();
                for ext in jauge_export::archive::WORKBOOKS {
                    match reader::export_document(&document, ext).await {
                        Ok(bytes) => workbooks.push((ext, bytes)),
                        Err(e) => {
                            busy.set(false);
                            on_action.emit(Action::NoticeAt(Place::Report, Some(e)));
                            return;
                        }
                    }
                }
                match reader::archive(&json, &date, lang, &chosen, &workbooks).await {
                    Ok(bytes) => {
                        services::download_array(&format!("archive-{reference}.zip"), "application/zip", &bytes)
                    }
                    Err(e) => on_action.emit(Action::NoticeAt(Place::Report, Some(e))),
                }
                busy.set(false);
            });
        })
    };
    let verify = {
        let checked = checked.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|l| l.get(0)) else { return };
            input.set_value("");
            let checked = checked.clone();
            wasm_bindgen_futures::spawn_local(async move {
                checked.set(Some(Rc::new(reader::verify_archive(&file).await)));
            });
        })
    };
    let m = &p.archive;
    let name = |i: &usize| p.archive_given.get(*i).map(|g| g.name.clone()).unwrap_or_default();
    let retention = cite(Law::R2184_12);
    html! {
        <>
            <h3 id="titre-archive">{ lang.pick("Archive de la procédure (ZIP)", "Procedure archive (ZIP)") }</h3>
            <p class="aide">{ format!("{} ({retention})", lang.pick(
                "Jauge ne garde pas les fichiers reçus : donnez de nouveau chaque fichier d'offre, et de régularisation, tel que reçu ; chacun est reconnu par son empreinte SHA-256. L'archive réunit la session, la grille, ces fichiers, le rapport dans tous ses formats, les courriers, les exports et leur manifeste, à conserver au moins cinq ans à compter de la signature du marché",
                "Jauge keeps no file received: give each offer file, and regularisation file, again as received; each is recognised by its SHA-256. The archive holds the session, the grid, these files, the report in every format, the letters, the exports and their manifest, to be kept at least five years from the signature of the contract")) }</p>
            <p class="champ">
                <label for="archive-fichiers">{ lang.pick("Fichiers reçus (offres, régularisations)", "Files received (offers, regularisations)") }</label>
                <input id="archive-fichiers" type="file" multiple=true onchange={give} />
            </p>
            <ul class="publication" aria-label={ lang.pick("Fichiers de l'archive", "Files of the archive") }>
                { for m.given.iter().map(|(e, i)| html! {
                    <li>{ format!("{}{}{} ({})", expected_label(e, lang), jauge_engine::text::colon(lang), lang.pick("donné", "given"), name(i)) }</li>
                }) }
                { for m.missing.iter().map(|e| html! {
                    <li class="manquant">{ format!("{}{}{}", expected_label(e, lang), jauge_engine::text::colon(lang), lang.pick("manquant", "missing")) }</li>
                }) }
                { for m.unknown.iter().map(|i| html! {
                    <li class="manquant">{ format!("{}{}{}", name(i), jauge_engine::text::colon(lang),
                        lang.pick("ne correspond à aucune offre ni régularisation de la session", "matches no offer or regularisation of the session")) }</li>
                }) }
            </ul>
            if m.complete() {
                <p><button type="button" onclick={build} disabled={*busy}>{ lang.pick("Archive de la procédure (ZIP)", "Procedure archive (ZIP)") }</button></p>
            } else {
                <p class="avertissements" role="status">{ format!("{} {}", lang.pick(
                    "L'archive n'est construite que lorsque chaque fichier reçu est donné, pour qu'aucune offre n'y manque ; manque :",
                    "The archive is built only when every file received is given, so that no bid is missing from it; missing:"),
                    jauge_engine::text::count(m.missing.len(), ("fichier", "fichiers"), ("file", "files"), lang)) }</p>
            }
            if !p.archive_given.is_empty() {
                <p><button type="button" onclick={clear}>{ lang.pick("Retirer les fichiers donnés", "Remove the files given") }</button></p>
            }
            <h3 id="titre-verifier">{ lang.pick("Vérifier une archive", "Check an archive") }</h3>
            <p class="champ">
                <label for="archive-verifier">{ lang.pick("Archive à vérifier (ZIP)", "Archive to check (ZIP)") }</label>
                <input id="archive-verifier" type="file" accept=".zip,application/zip" onchange={verify} />
            </p>
            { match checked.as_deref() {
                None => html! {},
                Some(Err(e)) => html! { <p role="alert" class="erreur">{ e.describe(lang) }</p> },
                Some(Ok(v)) => {
                    let summary = format!("{}/{} {}", v.intact, v.total, lang.pick("fichiers intacts", "files intact"));
                    let retention = v.retention.clone().map(|(fr, en)| lang.pick(fr, en));
                    if v.problems.is_empty() {
                        html! { <p role="status">{ format!("{} {summary}. {}", lang.pick("Archive intacte :", "Archive intact:"), retention.unwrap_or_default()) }</p> }
                    } else {
                        html! {
                            <div role="alert" class="avertissements">
                                <p>{ format!("{} {summary}", lang.pick("Archive altérée ou incomplète :", "Archive altered or incomplete:")) }</p>
                                <ul aria-label={ lang.pick("Problèmes de l'archive", "Problems of the archive") }>
                                    { for v.problems.iter().map(|(fr, en)| html! { <li>{ lang.pick(fr, en) }</li> }) }
                                </ul>
                            </div>
                        }
                    }
                }
            } }
        </>
    }
}
