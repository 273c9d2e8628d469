//! The simulation, for buyers designing a grid before the tender: hypothetical offers typed as
//! they would be in the response form (for a manual criterion, the mark), every criterion's points
//! shown as the engine gives them, the totals and ranks, and how robust the ranking is — the price
//! formula calculator, for every criterion.

use jauge_engine::simulation::{Hypothesis, Simulated};
use jauge_engine::{CheckedGrid, Lang};
use std::rc::Rc;

use jauge_engine::OfferId;
use jauge_engine::text::number;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::Action;

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct SimulationProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// The hypotheses evaluated.
    pub simulated: Option<Rc<Simulated>>,
    /// The hypothetical offers.
    pub simulation: Vec<Hypothesis>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(SimulationPanel)]
pub fn simulation_panel(props: &SimulationProps) -> Html {
    let lang = props.lang;
    let (Some(grid), Some(simulated)) = (props.grid.clone(), props.simulated.clone()) else { return html! {} };
    let (hypotheses, report, robust) = (&props.simulation, &simulated.report, &simulated.robustness);
    let result = |id: &OfferId| report.offers.iter().find(|o| o.id == *id);
    let set = |offer: &OfferId, criterion: String| {
        let (on_action, offer) = (props.on_action.clone(), offer.clone());
        Callback::from(move |e: Event| {
            let text = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::SetHypothesis { offer: offer.clone(), criterion: criterion.clone(), text });
        })
    };
    let rename = |offer: &OfferId| {
        let (on_action, offer) = (props.on_action.clone(), offer.clone());
        Callback::from(move |e: Event| {
            let name = e.target_unchecked_into::<HtmlInputElement>().value();
            on_action.emit(Action::RenameHypothesis(offer.clone(), name));
        })
    };
    let add = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::AddHypothesis))
    };
    let remove = |offer: &OfferId| {
        let (on_action, offer) = (props.on_action.clone(), offer.clone());
        Callback::from(move |_| on_action.emit(Action::RemoveHypothesis(offer.clone())))
    };
    let how_to = lang.pick(
        "Saisissez des réponses hypothétiques comme dans le cadre de réponse (« oui », « 99,9 % », « 4 h », « 52 000 € » au montant HT ou TTC que la grille compare ; \
         pour un critère noté par les évaluateurs, la note) : chaque case montre les points que la grille donne. \
         Les exigences minimales ne sont vérifiées que sur les critères renseignés. Rien n'est enregistré dans la session.",
        "Type hypothetical answers as in the response form (\"yes\", \"99.9%\", \"4 h\", \"€52,000\" on the basis, excluding or including VAT, the grid compares; \
         for a criterion marked by the evaluators, the mark): each cell shows the points the grid gives. \
         Minimum requirements are checked only on the criteria typed in. Nothing goes into the session.",
    );
    html! {
        <section aria-labelledby="titre-simulation">
            <h2 id="titre-simulation">{ lang.pick("2. Simuler des offres", "2. Simulate offers") }</h2>
            <p>{ how_to }</p>
            <table class="simulation fiches">
                <caption>{ lang.pick("Offres hypothétiques et points obtenus", "Hypothetical offers and points earned") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ lang.pick("Critère (poids)", "Criterion (weight)") }</th>
                        { for hypotheses.iter().enumerate().map(|(i, h)| html! {
                            <th scope="col">
                                <input type="text" aria-label={ format!("{} {}", lang.pick("Nom de l'offre", "Name of offer"), i + 1) }
                                    value={h.name.clone()} onchange={rename(&h.id)} />
                                if hypotheses.len() > 2 {
                                    <button type="button" onclick={remove(&h.id)}>{ format!("{} {}", lang.pick("Retirer", "Remove"), h.name) }</button>
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    { for grid.grid().criteria().map(|(_, c)| html! {
                        <tr>
                            <th scope="row">{ format!("{} {} ({})", c.id, c.label.get(lang), number(c.weight, 2, lang)) }</th>
                            { for hypotheses.iter().map(|h| {
                                let r = result(&h.id).and_then(|o| o.criteria.iter().find(|x| x.id == c.id));
                                html! {
                                    <td data-label={ h.name.clone() }>
                                        <input type="text" aria-label={ format!("{} — {} {}", h.name, c.id, c.label.get(lang)) }
                                            value={ h.answers.get(&c.id).cloned().unwrap_or_default() } onchange={set(&h.id, c.id.clone())} />
                                        if let Some(r) = r {
                                            { format!("{} / {} — {}", number(r.points, 2, lang), number(r.max, 2, lang),
                                                r.problem.as_ref().unwrap_or(&r.explanation).get(lang)) }
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
                        { for hypotheses.iter().map(|h| html! {
                            <td data-label={ h.name.clone() }>{ result(&h.id).map(|o| format!("{} — {}{}", number(o.total, 2, lang), o.status.label(lang),
                                o.rank.map(|r| format!(", {} {r}", lang.pick("rang", "rank"))).unwrap_or_default())).unwrap_or_default() }</td>
                        }) }
                    </tr>
                </tfoot>
            </table>
            <button type="button" onclick={add}>{ lang.pick("Ajouter une offre hypothétique", "Add a hypothetical offer") }</button>
            if let Some(winner) = &robust.winner {
                <h3>{ lang.pick("Robustesse du classement simulé", "Robustness of the simulated ranking") }</h3>
                <ul>
                    { for robust.families.iter().map(|f| html! { <li>{ f.line(grid.grid().scale, lang) }</li> }) }
                </ul>
                <p>{ format!("{} {winner}", lang.pick("En tête :", "First:")) }</p>
            }
            if !report.warnings.is_empty() {
                <ul class="avertissements">{ for report.warnings.iter().map(|w| html! { <li>{ w.message.get(lang) }</li> }) }</ul>
            }
        </section>
    }
}
