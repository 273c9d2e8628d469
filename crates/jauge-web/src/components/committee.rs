//! The committee's consolidation: each evaluator marks the manual criteria in their own session
//! and exports it; here the committee imports those sessions, sees every mark and appraisal side
//! by side with the spread, disagreements beyond the threshold highlighted, and sets the agreed
//! mark and appraisal that the ranking and the report use.

use crate::state::{Labels, label};
use jauge_engine::Lang;
use jauge_engine::session::MarkComparison;
use std::rc::Rc;

use jauge_engine::session::Session;
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
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(CommitteePanel)]
pub fn committee_panel(props: &CommitteeProps) -> Html {
    let lang = props.lang;
    let import = {
        // Into a committee's session, the sessions are added (or replace their evaluator's), and
        // what the committee set is kept; any other analysis shown is replaced, once confirmed.
        let (on_action, shown) = (props.on_action.clone(), props.session.clone());
        Callback::from(move |e: Event| {
            let committee = !shown.individual.is_empty();
            let replacing = !shown.offers.is_empty();
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
            input.set_value("");
            if files.is_empty() {
                return;
            }
            let question = lang.pick(
                "Remplacer l'analyse affichée par la consolidation des sessions choisies ?",
                "Replace the analysis shown by the consolidation of the chosen sessions?",
            );
            if replacing
                && !committee
                && !web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
            {
                return;
            }
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut sessions = Vec::new();
                for file in files {
                    let name = file.name();
                    let read = services::read(file, jauge_engine::limits::SESSION_BYTES).await;
                    let session = read.and_then(|(name, bytes)| {
                        Session::from_json(&name, &String::from_utf8_lossy(&bytes)).map_err(Failure::Jauge)
                    });
                    match session {
                        Ok(s) => sessions.push((name, s)),
                        Err(f) => return on_action.emit(Action::Notice(Some(f))),
                    }
                }
                on_action.emit(Action::ImportEvaluators(sessions));
            });
        })
    };
    let threshold = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let typed = e.target_unchecked_into::<HtmlInputElement>().value();
            match jauge_engine::value::typed_number(&typed, &["%"]) {
                Some(p) if (0.0..=100.0).contains(&p) => {
                    on_action.emit(Action::Notice(None));
                    on_action.emit(Action::SetThreshold(p / 100.0));
                }
                _ => on_action.emit(Action::Notice(Some(Failure::Threshold(typed.trim().to_string())))),
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
            <label class="bouton" for="import-evaluateurs">{ lang.pick("Importer les sessions des évaluateurs", "Import the evaluators' sessions") }</label>
            <input id="import-evaluateurs" class="cache" type="file" multiple=true accept=".json,application/json" onchange={import} />
            if !rows.is_empty() {
                <p class="champ">
                    <label for="seuil">
                        { lang.pick("Seuil de désaccord (écart en % de la note maximale)", "Disagreement threshold (spread as % of the full mark)") }
                    </label>
                    <input id="seuil" type="text" inputmode="decimal" size="4" value={number(props.threshold * 100.0, 2, lang)} onchange={threshold} />
                </p>
                <p role="status">{ format!("{} {} ; {} {}",
                    evaluators.len(), lang.pick("évaluateurs", "evaluators"),
                    disagreements, lang.pick("désaccord(s) au-delà du seuil", "disagreement(s) beyond the threshold")) }</p>
                <table class="commission">
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
                                { for r.marks.iter().map(|(_, m)| html! {
                                    <td>
                                        if let Some(m) = m {
                                            <strong>{ format!("{} / {}", number(m.mark, 2, lang), number(r.out_of, 2, lang)) }</strong><br />{ &m.appraisal }
                                        } else {
                                            { lang.pick("non noté", "not marked") }
                                        }
                                    </td>
                                }) }
                                <td>
                                    { number(r.spread, 2, lang) }
                                    if r.disagreement { <br /><strong>{ lang.pick("désaccord", "disagreement") }</strong> }
                                </td>
                                <td>
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
