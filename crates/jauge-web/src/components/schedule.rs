//! Prices as buyers write them: the buyer's hidden quantities file (kept in the session, never in
//! a form), each offer's bill of quantities (DQE) line by line in its detail, and, for the
//! committee, the line-by-line comparison of every offer (the cheapest line highlighted, lines far
//! below the others' marked as points to examine). The figures come from the engine
//! (`jauge_engine::schedule::comparisons`); only the words are here.

use std::rc::Rc;

use jauge_engine::finding::Finding;
use jauge_engine::schedule::{Cell, Comparison, OfferSchedule, finding_line};
use jauge_engine::text::number;
use jauge_engine::{CheckedGrid, Lang, OfferId, Report};
use yew::prelude::*;

use super::fold::Fold;
use crate::state::{Action, Place};

/// A line's designation from the grid: « 2.2 Journée d'évolution ».
fn designation(grid: &CheckedGrid, criterion: &str, line: &str, lang: Lang) -> String {
    grid.grid()
        .criterion(criterion)
        .and_then(|c| c.schedule.as_ref())
        .and_then(|s| s.lines.iter().find(|l| l.id == line))
        .map_or_else(|| line.to_string(), |l| format!("{line} {}", l.designation.get(lang)))
}

/// An amount in euros, or a dash.
fn euros(x: Option<f64>, lang: Lang) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{} €", number(x, 2, lang)))
}

/// The unit price as the bidder wrote it.
fn written(cell: &Cell, lang: Lang) -> String {
    match cell {
        Cell::Price(x) => format!("{} €", number(*x, 2, lang)),
        Cell::Zero => "0 €".to_string(),
        Cell::Included => lang.pick("inclus", "included").to_string(),
        Cell::Blank => lang.pick("vide", "blank").to_string(),
        Cell::Text(t) => format!("« {t} »"),
    }
}

/// Whether a finding is a line far below the others' (a point to examine).
fn low(f: &Finding) -> bool {
    matches!(f, Finding::ScheduleLowLine { .. })
}

/// What the panel needs to give the hidden quantities.
#[derive(Properties, PartialEq)]
pub struct QuantitiesProps {
    /// Interface language.
    pub lang: Lang,
    /// Whether the grid keeps quantities from bidders and they have not been given.
    pub lacking: bool,
    /// Whether the session carries the buyer's quantities.
    pub given: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The field where the buyer gives the hidden quantities file (`jauge-quantities/1`).
#[function_component(QuantitiesField)]
pub fn quantities_field(props: &QuantitiesProps) -> Html {
    let lang = props.lang;
    if !props.lacking && !props.given {
        return html! {};
    }
    let import = super::text_file_field(
        props.on_action.clone(),
        jauge_engine::limits::GRID_BYTES,
        Action::SetQuantities,
        Place::Results,
    );
    html! {
        <div class="quantites">
            <label class="champ" for="fichier-quantites">
                { lang.pick(
                    "Quantités cachées aux soumissionnaires (fichier de l'acheteur, jauge-quantities/1) : ",
                    "Quantities kept from bidders (the buyer's file, jauge-quantities/1): ") }
                <input id="fichier-quantites" type="file" accept=".json,application/json" onchange={import} />
            </label>
            <p class="aide">{ if props.given {
                lang.pick(
                    "Quantités données : elles sont gardées dans la session (et son export), jamais dans le cadre de réponse.",
                    "Quantities given: they are kept in the session (and its export), never in the response form.")
            } else {
                lang.pick(
                    "Le bordereau a des lignes dont la quantité n'est pas communiquée : donnez le fichier des quantités pour calculer le détail quantitatif estimatif.",
                    "The schedule has lines whose quantity is not disclosed: give the quantities file to compute the bill of quantities.")
            } }</p>
        </div>
    }
}

/// Each offer's name in a comparison, as the ranking names it.
fn names(report: &Report, c: &Comparison, lang: Lang) -> Vec<String> {
    c.offers
        .iter()
        .map(|o| {
            report
                .offers
                .iter()
                .find(|r| r.id == o.offer)
                .map_or_else(|| o.offer.short().to_string(), |r| r.bidder(lang))
        })
        .collect()
}

/// What the committee's comparison needs.
#[derive(Properties, PartialEq)]
pub struct ComparisonProps {
    /// Interface language.
    pub lang: Lang,
    /// The schedules of the evaluation shown.
    pub schedules: Rc<Vec<Comparison>>,
    /// The evaluation (for the offers' names).
    pub report: Rc<Report>,
    /// The grid shown.
    pub grid: Rc<CheckedGrid>,
}

/// The line-by-line comparison of every offer's schedule, in a fold under the ranking.
#[function_component(ScheduleComparison)]
pub fn schedule_comparison(props: &ComparisonProps) -> Html {
    let lang = props.lang;
    if props.schedules.is_empty() {
        return html! {};
    }
    html! {
        <Fold id="titre-bordereau" title={ lang.pick("Bordereau de prix : comparaison ligne par ligne", "Price schedule: line-by-line comparison") }>
            <p class="aide">{ lang.pick(
                "Montant de chaque ligne (quantité × prix unitaire retenu, hors TVA). Le moins cher de chaque ligne est surligné ; une ligne très en dessous des autres est un point à examiner (⚑), jamais un motif d'exclusion.",
                "Each line's amount (quantity × unit price retained, excluding taxes). Each line's cheapest is highlighted; a line far below the others' is a point to examine (⚑), never a ground for exclusion.") }</p>
            { for props.schedules.iter().map(|c| {
                let names = names(&props.report, c, lang);
                html! {
                    <div class="defilement">
                    <table class="bordereau comparaison">
                        <caption>{ props.grid.grid().criterion(&c.criterion).map_or_else(|| c.criterion.clone(), |k| k.label.get(lang).to_string()) }</caption>
                        <thead><tr>
                            <th scope="col">{ lang.pick("Ligne", "Line") }</th>
                            <th scope="col">{ lang.pick("Quantité", "Quantity") }</th>
                            <th scope="col">{ lang.pick("Médiane PU", "Median unit price") }</th>
                            { for names.iter().map(|n| html! { <th scope="col">{ n }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for c.lines.iter().enumerate().map(|(i, l)| html! {
                                <tr class={ classes!((!l.counted).then_some("non-compte")) }>
                                    <th scope="row">{ designation(&props.grid, &c.criterion, &l.line, lang) }
                                        if !l.counted { <span class="pse">{ lang.pick(" (PSE non retenue)", " (optional service not kept)") }</span> }
                                    </th>
                                    <td>{ number(l.quantity, 2, lang) }</td>
                                    <td>{ l.median.map_or_else(|| "—".to_string(), |m| number(m, 2, lang)) }</td>
                                    { for c.offers.iter().map(|o| {
                                        let p = o.lines.get(i);
                                        let cheapest = l.cheapest.contains(&o.offer);
                                        let flagged = o.findings.iter().any(|f| low(f) && finding_line(f) == Some(l.line.as_str()));
                                        html! {
                                            <td class={ classes!(cheapest.then_some("moins-cher"), flagged.then_some("a-examiner")) }
                                                title={ flagged.then(|| lang.pick("point à examiner", "point to examine").to_string()) }>
                                                { p.and_then(|p| p.amount).map_or_else(|| "—".to_string(), |x| number(x, 2, lang)) }
                                                if flagged { <span aria-label={ lang.pick("point à examiner", "point to examine") }>{ " ⚑" }</span> }
                                            </td>
                                        }
                                    }) }
                                </tr>
                            }) }
                            <tr class="total">
                                <th scope="row">{ lang.pick("Total HT compté", "Total counted, excl. taxes") }</th><td></td><td></td>
                                { for c.offers.iter().map(|o| html! { <td>{ o.total_ht.map_or_else(|| "—".to_string(), |t| number(t, 2, lang)) }</td> }) }
                            </tr>
                            <tr class="total">
                                <th scope="row">{ format!("{} ({})", lang.pick("Prix comparé", "Compared price"), props.grid.grid().price_basis.code()) }</th><td></td><td></td>
                                { for c.offers.iter().map(|o| html! { <td>{ o.compared_price.map_or_else(|| "—".to_string(), |t| number(t, 2, lang)) }</td> }) }
                            </tr>
                        </tbody>
                    </table>
                    </div>
                }
            }) }
        </Fold>
    }
}

/// What one offer's bill of quantities needs.
#[derive(Properties, PartialEq)]
pub struct OfferScheduleProps {
    /// Interface language.
    pub lang: Lang,
    /// The schedules of the evaluation shown.
    pub schedules: Rc<Vec<Comparison>>,
    /// The offer.
    pub offer: OfferId,
    /// The grid shown.
    pub grid: Rc<CheckedGrid>,
}

/// One schedule of one offer, line by line.
fn bill(grid: &CheckedGrid, criterion: &str, o: &OfferSchedule, lang: Lang) -> Html {
    let whole: Vec<String> =
        o.findings.iter().filter(|f| finding_line(f).is_none()).map(|f| f.describe(lang)).collect();
    html! {
        <>
        <div class="defilement">
        <table class="bordereau">
            <caption>{ format!("{} {}", lang.pick("Détail quantitatif estimatif :", "Bill of quantities:"),
                grid.grid().criterion(criterion).map_or_else(|| criterion.to_string(), |k| k.label.get(lang).to_string())) }</caption>
            <thead><tr>
                <th scope="col">{ lang.pick("Ligne", "Line") }</th>
                <th scope="col">{ lang.pick("Quantité", "Quantity") }</th>
                <th scope="col">{ lang.pick("Prix unitaire écrit", "Unit price as written") }</th>
                <th scope="col">{ lang.pick("Prix unitaire retenu", "Unit price retained") }</th>
                <th scope="col">{ lang.pick("Montant HT", "Amount excl. taxes") }</th>
                <th scope="col">{ lang.pick("Montant écrit par le soumissionnaire", "Amount the bidder wrote") }</th>
                <th scope="col">{ lang.pick("Constat", "Finding") }</th>
            </tr></thead>
            <tbody>
                { for o.lines.iter().map(|p| {
                    let found: Vec<String> = o.findings.iter().filter(|f| finding_line(f) == Some(p.line.as_str())).map(|f| f.describe(lang)).collect();
                    // The bidder's own line total, shown when the engine found it differs.
                    let differs = o.findings.iter().any(|f| {
                        matches!(f, Finding::ScheduleLineTotal { .. }) && finding_line(f) == Some(p.line.as_str())
                    });
                    html! {
                        <tr class={ classes!((!p.counted).then_some("non-compte")) }>
                            <th scope="row">{ designation(grid, criterion, &p.line, lang) }</th>
                            <td>{ number(p.quantity, 2, lang) }</td>
                            <td>{ written(&p.cell, lang) }</td>
                            <td>{ euros(p.unit_price, lang) }</td>
                            <td>{ euros(p.amount, lang) }</td>
                            <td>{ if differs { euros(p.stated_total, lang) } else { String::new() } }</td>
                            <td class="constat">
                                if !p.counted { <p>{ lang.pick("PSE non retenue, non comptée.", "Optional service not kept, not counted.") }</p> }
                                { for found.iter().map(|f| html! { <p>{ f }</p> }) }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
        </div>
        <p class="total-bordereau">{ format!("{}{}{} ; {} ({}){}{}",
            lang.pick("Total HT compté", "Total counted, excl. taxes"), jauge_engine::text::colon(lang), euros(o.total_ht, lang),
            lang.pick("prix comparé", "compared price"), grid.grid().price_basis.code(), jauge_engine::text::colon(lang),
            euros(o.compared_price, lang)) }</p>
        if !whole.is_empty() {
            <ul>{ for whole.iter().map(|w| html! { <li>{ w }</li> }) }</ul>
        }
        </>
    }
}

/// An offer's bill of quantities (DQE) line by line, in its detail.
#[function_component(OfferBill)]
pub fn offer_bill(props: &OfferScheduleProps) -> Html {
    let lang = props.lang;
    html! {
        <>
        { for props.schedules.iter().filter_map(|c| {
            let o = c.offers.iter().find(|o| o.offer == props.offer)?;
            Some(bill(&props.grid, &c.criterion, o, lang))
        }) }
        </>
    }
}
