//! The supplier's self-check: one's own filled form against the grid, before bidding. What is
//! eliminatory and failed, where points are lost and why, what evidence is missing, and the price
//! mark explained as relative to the competing offers, with a simulation.

use crate::state::{Labels, label};
use jauge_engine::session::Session;
use jauge_engine::{CheckedGrid, OfferId, Report};
use std::rc::Rc;

use jauge_engine::grid::PriceMethod;
use jauge_engine::price::AgainstLowest;
use jauge_engine::text::number;
use jauge_engine::{Lang, Offer};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::Action;

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct SelfCheckProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// The offer checked, when chosen.
    pub selected: Option<OfferId>,
    /// The offer evaluated alone.
    pub checked: Option<Rc<Report>>,
    /// The lowest price typed.
    pub lowest: Option<f64>,
    /// The price mark against lowest prices.
    pub price_check: Option<AgainstLowest>,
    /// How offers are named.
    pub labels: Labels,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(SelfCheck)]
pub fn self_check(props: &SelfCheckProps) -> Html {
    let lang = props.lang;
    let Some(grid) = props.grid.clone() else { return html! {} };
    let offer: Option<&Offer> =
        props.selected.as_ref().and_then(|s| props.session.offer(s)).or_else(|| props.session.offers.last());
    let Some(offer) = offer else {
        let invitation = lang.pick(
            "Ajoutez votre cadre de réponse rempli pour voir ce qui est éliminatoire, où vous perdez des points et pourquoi.",
            "Add your filled response form to see what is eliminatory, where you lose points and why.",
        );
        return html! {
            <section aria-labelledby="titre-autocontrole">
                <h2 id="titre-autocontrole">{ lang.pick("3. Autocontrôle de votre offre", "3. Self-check of your offer") }</h2>
                <p>{ invitation }</p>
            </section>
        };
    };
    // Alone: the price is compared with the simulated lowest price below, not with other offers.
    let Some(report) = props.checked.clone() else { return html! {} };
    let Some(result) = report.offers.first() else { return html! {} };
    let on_choose = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_action.emit(Action::Select(Some(jauge_engine::OfferId(select.value()))));
        })
    };
    let failed: Vec<_> = result.criteria.iter().filter(|c| c.eliminatory.as_ref().is_some_and(|e| !e.passed)).collect();
    let mut lost: Vec<_> = result.criteria.iter().filter(|c| c.max - c.points > 0.005).collect();
    lost.sort_by(|a, b| (b.max - b.points).total_cmp(&(a.max - a.points)));
    let missing: Vec<_> = grid
        .grid()
        .criteria()
        .filter_map(|(_, c)| {
            let evidence = c.evidence.as_ref()?;
            let given =
                offer.responses.get(&c.id).and_then(|r| r.comment.as_ref()).is_some_and(|s| !s.trim().is_empty());
            (!given).then(|| (c.id.clone(), evidence.label.get(lang).to_string()))
        })
        .collect();

    html! {
        <section aria-labelledby="titre-autocontrole">
            <h2 id="titre-autocontrole">{ lang.pick("3. Autocontrôle de votre offre", "3. Self-check of your offer") }</h2>
            if props.session.offers.len() > 1 {
                <p>
                    <label for="offre-controlee">{ lang.pick("Offre contrôlée", "Offer checked") }</label>
                    <select id="offre-controlee" onchange={on_choose}>
                        { for props.session.offers.iter().map(|o| html! {
                            <option value={o.id.to_string()} selected={o.id == offer.id}>{ format!("{} — {}", o.supplier.name, label(&props.labels, &o.id)) }</option>
                        }) }
                    </select>
                </p>
            }
            <p class="bilan">
                { format!("{} : {} / {} {}", result.supplier, number(result.total, 2, lang), number(report.grid.scale, 2, lang),
                    lang.pick("points, votre prix étant supposé le plus bas (voir la simulation plus bas)",
                        "points, assuming yours is the lowest price (see the simulation below)")) }
            </p>
            <h3>{ lang.pick("Exigences éliminatoires", "Eliminatory requirements") }</h3>
            if failed.is_empty() {
                <p>{ lang.pick("Toutes les exigences éliminatoires sont satisfaites.", "Every eliminatory requirement is met.") }</p>
            } else {
                <ul class="erreurs">
                    { for failed.iter().map(|c| html! {
                        <li>
                            <strong>{ format!("{} {} ", lang.pick("Non satisfaite :", "Not met:"), c.id) }</strong>
                            { c.eliminatory.as_ref().map(|e| e.requirement.get(lang).to_string()).unwrap_or_default() }
                            { format!(" — {}", c.explanation.get(lang)) }
                            if let Some(place) = &c.location { { format!(" ({place})") } }
                        </li>
                    }) }
                </ul>
                <p>{ lang.pick("En l'état, l'offre serait écartée comme irrégulière.", "As it stands, the offer would be set aside as irregular.") }</p>
            }
            <h3>{ lang.pick("Où vous perdez des points", "Where you lose points") }</h3>
            <table>
                <caption>
                    { lang.pick("Critères où l'offre n'a pas tous les points, du plus coûteux au moins coûteux",
                        "Criteria where the offer misses points, costliest first") }
                </caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("Critère", "Criterion") }</th>
                    <th scope="col">{ lang.pick("Réponse (cellule)", "Answer (cell)") }</th>
                    <th scope="col">{ lang.pick("Points perdus", "Points lost") }</th>
                    <th scope="col">{ lang.pick("Pourquoi", "Why") }</th>
                </tr></thead>
                <tbody>
                    { for lost.iter().map(|c| html! {
                        <tr>
                            <th scope="row">{ format!("{} — {}", c.id,
                                grid.grid().criterion(&c.id).map(|k| k.label.get(lang).to_string()).unwrap_or_default()) }</th>
                            <td>{ c.raw.clone().unwrap_or_else(|| "—".into()) } if let Some(place) = &c.location { <br /><small>{ place }</small> }</td>
                            <td>{ format!("{} / {}", number(c.max - c.points, 2, lang), number(c.max, 2, lang)) }</td>
                            <td>
                                { c.explanation.get(lang) }
                                if let Some(problem) = &c.problem { <br />{ problem.get(lang) } }
                            </td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <h3>{ lang.pick("Justificatifs attendus et absents", "Evidence expected and missing") }</h3>
            if missing.is_empty() {
                <p>{ lang.pick("Chaque justificatif demandé est référencé.", "Every piece of evidence asked for is referenced.") }</p>
            } else {
                <ul>{ for missing.iter().map(|(id, label)| html! { <li>{ format!("{id} : {label}") }</li> }) }</ul>
            }
            { price(props.price_check.as_ref(), props.lowest, lang, &props.on_action) }
        </section>
    }
}

/// The price mark explained, with a simulation against a hypothetical lowest competing price
/// (computed by the reducer, [`State::price_check`](crate::state::State::price_check)).
fn price(check: Option<&AgainstLowest>, typed: Option<f64>, lang: Lang, on_action: &Callback<Action>) -> Html {
    let Some(check) = check else { return html! {} };
    let Some(own) = check.own else {
        return html! { <p>{ lang.pick("Prix non lu : sans prix, l'offre est écartée.", "Price not read: without a price, the offer is set aside.") }</p> };
    };
    let max = check.max;
    let formula = match check.method {
        PriceMethod::Proportional => {
            lang.pick("proportionnelle : N = Nmax × Pmin / P", "proportional: N = Nmax × Pmin / P")
        }
        PriceMethod::Linear => lang
            .pick("linéaire : N = Nmax × (Pmax − P) / (Pmax − Pmin)", "linear: N = Nmax × (Pmax − P) / (Pmax − Pmin)"),
        PriceMethod::Scale => lang.pick(
            "barème : N = Nmax × (n·Pmin − P) / ((n − 1)·Pmin)",
            "scale: N = Nmax × (n·Pmin − P) / ((n − 1)·Pmin)",
        ),
    };
    let on_input = {
        let on_action = on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetLowest(input.value()));
        })
    };
    let euros = |x: f64| format!("{} €", number(x, 2, lang));
    // The four supposed prices, then the one typed.
    let (rows, typed_row) = check.rows.split_at(check.rows.len().min(4));
    let relative = lang.pick(
        "La note dépend des prix des offres concurrentes, inconnus avant l'ouverture des plis : seul le prix le plus bas obtient tous les points.",
        "The mark depends on the competing offers' prices, unknown before the opening: only the lowest price gets full points.",
    );
    let highest_counts = lang.pick(
        " Avec cette méthode, le prix le plus haut compte aussi : la simulation suppose que le vôtre est le plus haut s'il dépasse le plus bas.",
        " With this method the highest price counts too: the simulation assumes yours is the highest when it exceeds the lowest.",
    );
    html! {
        <>
            <h3>{ lang.pick("Prix : une note relative aux autres offres", "Price: a mark relative to the other offers") }</h3>
            <p>
                { format!("{} {} ; {} {}. ",
                    lang.pick("Votre prix retenu :", "Your price as understood:"), euros(own), lang.pick("méthode", "method"), formula) }
                { relative }
                if check.method == PriceMethod::Linear {
                    { highest_counts }
                }
            </p>
            <label for="prix-simule">{ lang.pick("Simuler : prix le plus bas d'un concurrent (€)", "Simulate: a competitor's lowest price (€)") }</label>
            <input id="prix-simule" type="text" inputmode="decimal" oninput={on_input} />
            if let (Some((other, points)), Some(_)) = (typed_row.first(), typed) {
                <p role="status">{ format!("{} {} : {} / {} {}",
                    lang.pick("Si le prix le plus bas d'un concurrent était", "If a competitor's lowest price were"), euros(*other),
                    number(*points, 2, lang), number(max, 2, lang), lang.pick("points pour votre prix", "points for your price")) }</p>
            }
            <table>
                <caption>
                    { lang.pick("Votre note de prix selon le prix le plus bas des concurrents", "Your price mark against the competitors' lowest price") }
                </caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("Prix le plus bas d'un concurrent", "Competitor's lowest price") }</th>
                    <th scope="col">{ lang.pick("Vos points de prix", "Your price points") }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(other, points)| html! {
                        <tr>
                            <th scope="row">{ format!("{} ({} %)", euros(*other), number((other / own - 1.0) * 100.0, 0, lang)) }</th>
                            <td>{ format!("{} / {}", number(*points, 2, lang), number(max, 2, lang)) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}
