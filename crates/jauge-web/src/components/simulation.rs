//! The simulation, for buyers designing a grid before the tender: hypothetical offers typed as
//! they would be in the response form (for a manual criterion, the mark), every criterion's points
//! shown as the engine gives them, the totals and ranks, and how robust the ranking is — the price
//! formula calculator, for every criterion.

use jauge_engine::grid::Rule;
use jauge_engine::robustness::robustness;
use jauge_engine::text::number;
use jauge_engine::{ManualMark, Offer, Raw, Response, Supplier};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::t;
use crate::state::{Action, Hypothesis};

/// The engine's offer for the hypothesis in column `index` (its source: two columns may share a
/// name): answers read as typed text, manual criteria as marks.
fn offer(index: usize, h: &Hypothesis, grid: &jauge_engine::Grid) -> Offer {
    let mut offer = Offer {
        source: index.to_string(),
        supplier: Supplier { name: h.name.clone(), ..Supplier::default() },
        ..Offer::default()
    };
    for (id, text) in &h.answers {
        let manual = grid.criterion(id).is_some_and(|c| matches!(c.rule, Rule::Manual { .. }));
        match text.trim().replace(',', ".").parse::<f64>() {
            Ok(mark) if manual => {
                offer.marks.insert(id.clone(), ManualMark { mark, appraisal: "simulation".into() });
            }
            _ => {
                offer
                    .responses
                    .insert(id.clone(), Response { raw: Some(Raw::Text(text.clone())), ..Response::default() });
            }
        }
    }
    offer
}

#[function_component(SimulationPanel)]
pub fn simulation_panel(props: &PanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let Some(grid) = state.grid.clone() else { return html! {} };
    // Two offers to start with; typing in a column creates it.
    let mut hypotheses = state.simulation.clone();
    while hypotheses.len() < 2 {
        let letter = (b'A' + hypotheses.len() as u8) as char;
        hypotheses
            .push(Hypothesis { name: format!("{} {letter}", t(lang, "Offre", "Offer")), ..Hypothesis::default() });
    }
    let offers: Vec<Offer> = hypotheses.iter().enumerate().map(|(i, h)| offer(i, h, grid.grid())).collect();
    // Minimum requirements are checked only on the criteria typed in, so that a few answers (a
    // price alone) already show their marks instead of an offer set aside.
    let mut relaxed = grid.grid().clone();
    for c in relaxed.families.iter_mut().flat_map(|f| f.criteria.iter_mut()) {
        if hypotheses.iter().all(|h| !h.answers.contains_key(&c.id)) {
            c.eliminatory = None;
        }
    }
    let grid = std::rc::Rc::new(jauge_engine::CheckedGrid::from_grid(relaxed).unwrap_or_else(|_| (*grid).clone()));
    let report = jauge_engine::evaluate(&grid, &offers);
    let result = |index: usize| report.offers.iter().find(|o| o.source == index.to_string());
    let robust = robustness(&grid, &offers, &report);
    let set = |index: usize, criterion: String| {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::SetHypothesis { index, criterion: criterion.clone(), text });
        })
    };
    let add = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::AddHypothesis))
    };
    let remove = |index: usize| {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::RemoveHypothesis(index)))
    };
    html! {
        <section aria-labelledby="titre-simulation">
            <h2 id="titre-simulation">{ t(lang, "2. Simuler des offres", "2. Simulate offers") }</h2>
            <p>{ t(lang, "Saisissez des réponses hypothétiques comme dans le cadre de réponse (« oui », « 99,9 % », « 4 h », « 52 000 € HT » ; pour un critère noté par les évaluateurs, la note) : chaque case montre les points que la grille donne. Les exigences minimales ne sont vérifiées que sur les critères renseignés. Rien n'est enregistré dans la session.", "Type hypothetical answers as in the response form (\"yes\", \"99.9%\", \"4 h\", \"€52,000 excl. VAT\"; for a criterion marked by the evaluators, the mark): each cell shows the points the grid gives. Minimum requirements are checked only on the criteria typed in. Nothing goes into the session.") }</p>
            <table class="simulation">
                <caption>{ t(lang, "Offres hypothétiques et points obtenus", "Hypothetical offers and points earned") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "Critère (poids)", "Criterion (weight)") }</th>
                        { for hypotheses.iter().enumerate().map(|(i, h)| html! {
                            <th scope="col">
                                <input type="text" aria-label={ format!("{} {}", t(lang, "Nom de l'offre", "Name of offer"), i + 1) } value={h.name.clone()} onchange={set(i, String::new())} />
                                if state.simulation.len() > i {
                                    <button type="button" onclick={remove(i)}>{ format!("{} {}", t(lang, "Retirer", "Remove"), h.name) }</button>
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for grid.grid().criteria().map(|(_, c)| html! {
                        <tr>
                            <th scope="row">{ format!("{} {} ({})", c.id, c.label.get(lang), number(c.weight, 2, lang)) }</th>
                            { for hypotheses.iter().enumerate().map(|(i, h)| {
                                let r = result(i).and_then(|o| o.criteria.iter().find(|x| x.id == c.id));
                                html! {
                                    <td>
                                        <input type="text" aria-label={ format!("{} — {} {}", h.name, c.id, c.label.get(lang)) }
                                            value={ h.answers.get(&c.id).cloned().unwrap_or_default() } onchange={set(i, c.id.clone())} />
                                        if let Some(r) = r {
                                            <br /><small>{ format!("{} / {} — {}", number(r.points, 2, lang), number(r.max, 2, lang),
                                                r.problem.as_ref().unwrap_or(&r.explanation).get(lang)) }</small>
                                        }
                                    </td>
                                }
                            }) }
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{ format!("Total /{}", number(grid.grid().scale, 2, lang)) }</th>
                        { for (0..hypotheses.len()).map(|i| html! {
                            <td>{ result(i).map(|o| format!("{} — {}{}", number(o.total, 2, lang), o.status.label(lang),
                                o.rank.map(|r| format!(", {} {r}", t(lang, "rang", "rank"))).unwrap_or_default())).unwrap_or_default() }</td>
                        }) }
                    </tr>
                </tfoot>
            </table>
            <button type="button" onclick={add}>{ t(lang, "Ajouter une offre hypothétique", "Add a hypothetical offer") }</button>
            if let Some(winner) = &robust.winner {
                <h3>{ t(lang, "Robustesse du classement simulé", "Robustness of the simulated ranking") }</h3>
                <ul>
                    { for robust.families.iter().map(|f| {
                        html! { <li>{ format!("{} (/{}) : {} {} ; {} / {}{}", f.label.get(lang), number(f.weight, 2, lang),
                            t(lang, "écart des notes", "spread of marks"), number(f.spread, 2, lang), f.change(true, grid.grid().scale, lang), f.change(false, grid.grid().scale, lang),
                            f.warning.as_ref().map(|w| format!(" — {}", w.get(lang))).unwrap_or_default()) }</li> }
                    }) }
                </ul>
                <p>{ format!("{} {winner}", t(lang, "En tête :", "First:")) }</p>
            }
            if !report.warnings.is_empty() {
                <ul class="avertissements">{ for report.warnings.iter().map(|w| html! { <li>{ w.message.get(lang) }</li> }) }</ul>
            }
        </section>
    }
}
