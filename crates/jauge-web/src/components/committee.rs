//! The committee's consolidation: each evaluator marks the manual criteria in their own session
//! and exports it; here the committee imports those sessions, sees every mark and appraisal side
//! by side with the spread, disagreements beyond the threshold highlighted, and sets the agreed
//! mark and appraisal that the ranking and the report use.

use crate::state::{CommitteeImport, Labels, Place, label};
use jauge_engine::Lang;
use jauge_engine::session::MarkComparison;
use jauge_engine::session::Session;
use jauge_engine::text;
use std::rc::Rc;

use jauge_engine::text::number;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::detail::MarkForm;
use super::fold::Fold;
use crate::failure::Failure;
use crate::services;
use crate::state::Action;

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct CommitteeProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// The disagreement threshold.
    pub threshold: f64,
    /// Each evaluator's marks compared.
    pub comparison: Vec<MarkComparison>,
    /// How offers are named.
    pub labels: Labels,
    /// The committee's files being imported.
    pub import: CommitteeImport,
    /// Why the last operation of this section failed (a file read, the threshold typed).
    pub notice: Option<Failure>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(CommitteePanel)]
pub fn committee_panel(props: &CommitteeProps) -> Html {
    let lang = props.lang;
    let evaluator = use_node_ref();
    let import = {
        // The files are read, then checked by the reducer; replacing an analysis that is not a
        // committee's is asked after that check, beside this field.
        let (on_action, evaluator) = (props.on_action.clone(), evaluator.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            if files.is_empty() {
                return;
            }
            let who = evaluator.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut texts = Vec::new();
                for file in files {
                    match services::read(file, jauge_engine::limits::SESSION_BYTES).await {
                        Ok((name, bytes)) => texts.push((name, String::from_utf8_lossy(&bytes).into_owned())),
                        Err(f) => return on_action.emit(Action::NoticeAt(Place::Committee, Some(f))),
                    }
                }
                on_action.emit(Action::ImportCommitteeFiles { evaluator: who, files: texts });
            });
        })
    };
    let confirm = |yes: bool| {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::ConfirmImport(yes)))
    };
    let threshold = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let typed = e.target_unchecked_into::<HtmlInputElement>().value();
            match jauge_engine::value::typed_number(&typed, &["%"]) {
                Some(p) if (0.0..=100.0).contains(&p) => {
                    on_action.emit(Action::NoticeAt(Place::Committee, None));
                    on_action.emit(Action::SetThreshold(p / 100.0));
                }
                _ => on_action
                    .emit(Action::NoticeAt(Place::Committee, Some(Failure::Threshold(typed.trim().to_string())))),
            }
        })
    };
    let rows = &props.comparison;
    let evaluators: Vec<(String, String)> =
        props.session.individual.iter().map(|e| (e.evaluator.clone(), e.file.clone())).collect();
    let disagreements = rows.iter().filter(|r| r.disagreement).count();
    let how_it_works = lang.pick(
        "Chaque évaluateur note les critères manuels dans sa propre session (son nom au dossier), puis l'exporte. \
         La commission importe ici toutes les sessions : les notes sont comparées, et la note retenue alimente le classement et le rapport. \
         Une session qu'un évaluateur renvoie plus tard remplace la sienne, sans toucher aux notes déjà retenues.",
        "Each evaluator marks the manual criteria in their own session (their name in the record), then exports it. \
         The committee imports every session here: marks are compared, and the agreed mark feeds the ranking and the report. \
         A session an evaluator sends again later replaces theirs, and leaves the agreed marks as they are.",
    );
    html! {
        <Fold id="titre-commission" title={ lang.pick("5. La commission : notes de chaque évaluateur", "5. The committee: each evaluator's marks") }
            open={ !props.session.individual.is_empty() }>
            <p>{ how_it_works }</p>
            <p class="champ">
                <label for="evaluateur-notes">{ lang.pick("Évaluateur (pour un fichier de notes)", "Evaluator (for a marks file)") }</label>
                <input id="evaluateur-notes" ref={evaluator} type="text" autocomplete="name" aria-describedby="evaluateur-notes-aide" />
                <small id="evaluateur-notes-aide">{ lang.pick(
                    "Une session d'évaluateur porte son nom ; un fichier de notes ne le porte pas : l'indiquer avant de l'importer.",
                    "An evaluator's session carries their name; a marks file does not: give it before importing the file.") }</small>
            </p>
            <label class="bouton" for="import-evaluateurs">{ lang.pick("Importer les sessions ou les fichiers de notes des évaluateurs", "Import the evaluators' sessions or marks files") }</label>
            <input id="import-evaluateurs" class="cache" type="file" multiple=true accept=".json,application/json" onchange={import}
                aria-describedby={ props.import.error.is_some().then_some("import-evaluateurs-erreur") } />
            if let Some(error) = props.import.error.as_ref().or(props.notice.as_ref().filter(|f| !matches!(f, Failure::Threshold(_)))) {
                <p id="import-evaluateurs-erreur" role="alert" class="erreur">{ error.describe(lang) }</p>
            }
            if let Some(waiting) = &props.import.waiting {
                <div role="alertdialog" aria-labelledby="remplacer-question" class="question">
                    <p id="remplacer-question">{ format!("{} {}",
                        text::count(waiting.len(), ("fichier vérifié", "fichiers vérifiés"), ("file checked", "files checked"), lang),
                        lang.pick(
                            "Remplacer l'analyse affichée par la consolidation de ces sessions ? Ses propres notes ne seront plus affichées (exportez d'abord la session pour les garder).",
                            "Replace the analysis shown by the consolidation of these sessions? Its own marks will no longer be shown (export the session first to keep them).")) }</p>
                    <button type="button" onclick={confirm(true)}>{ lang.pick("Remplacer l'analyse", "Replace the analysis") }</button>
                    <button type="button" onclick={confirm(false)}>{ lang.pick("Annuler", "Cancel") }</button>
                </div>
            }
            if !rows.is_empty() {
                <p class="champ">
                    <label for="seuil">
                        { lang.pick("Seuil de désaccord (écart en % de la note maximale)", "Disagreement threshold (spread as % of the full mark)") }
                    </label>
                    <input id="seuil" type="text" inputmode="decimal" size="4" value={number(props.threshold * 100.0, 2, lang)} onchange={threshold} />
                </p>
                if let Some(refused @ Failure::Threshold(_)) = &props.notice {
                    <p role="alert" class="erreur">{ refused.describe(lang) }</p>
                }
                <p role="status">{ format!("{} {} ; {}",
                    evaluators.len(), lang.pick("évaluateurs", "evaluators"),
                    text::count(disagreements, ("désaccord au-delà du seuil", "désaccords au-delà du seuil"),
                        ("disagreement beyond the threshold", "disagreements beyond the threshold"), lang)) }</p>
                <table class="commission fiches">
                    <caption>{ lang.pick("Notes des évaluateurs et note retenue", "Evaluators' marks and agreed mark") }</caption>
                    <thead><tr>
                        <th scope="col">{ lang.pick("Offre et critère", "Offer and criterion") }</th>
                        { for evaluators.iter().map(|(who, file)| html! { <th scope="col">{ who }<br /><small>{ file }</small></th> }) }
                        <th scope="col">{ lang.pick("Écart", "Spread") }</th>
                        <th scope="col">{ lang.pick("Note retenue par la commission", "Mark agreed by the committee") }</th>
                    </tr></thead>
                    <tbody>
                        { for rows.iter().map(|r| html! {
                            <tr class={ classes!(r.disagreement.then_some("desaccord")) }>
                                <th scope="row">{ format!("{} — {} {}", r.supplier, r.criterion, r.label.get(lang)) }</th>
                                { for r.marks.iter().map(|(who, m)| html! {
                                    <td data-label={ who.clone() }>
                                        if let Some(m) = m {
                                            <strong>{ format!("{} / {}", number(m.mark, 2, lang), number(r.out_of, 2, lang)) }</strong><br />{ &m.appraisal }
                                        } else {
                                            { lang.pick("non noté", "not marked") }
                                        }
                                    </td>
                                }) }
                                <td data-label={ lang.pick("Écart", "Spread") }>
                                    { number(r.spread, 2, lang) }
                                    if r.disagreement { <br /><strong>{ lang.pick("désaccord", "disagreement") }</strong> }
                                </td>
                                <td data-label={ lang.pick("Note retenue par la commission", "Mark agreed by the committee") }>
                                    <MarkForm scope="-c" offer={r.offer.clone()} label={label(&props.labels, &r.offer)} criterion={r.criterion.clone()} out_of={r.out_of}
                                        mark={r.agreed.as_ref().map(|m| m.mark)} appraisal={r.agreed.as_ref().map(|m| m.appraisal.clone()).unwrap_or_default()}
                                        lang={lang} on_action={props.on_action.clone()} />
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
        </Fold>
    }
}
