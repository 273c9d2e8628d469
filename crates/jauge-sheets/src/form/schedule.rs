//! The price sheet of the response form (« Bordereau de prix »): one row per schedule line for
//! its unit price, one for the line's amount when the quantity is public, the VAT rate or
//! exemption when prices are compared taxes included, and the grand total when every quantity is
//! public. Its ids (`PRIX/1.1`, `PRIX/1.1/total`, `PRIX/tva`, `PRIX/total`) are the keys of the
//! offer's answers ([`jauge_engine::schedule`]); the reader (`layout.rs`) reads them back from
//! this sheet or, in a csv form, from the one table.

use jauge_engine::Grid;
use jauge_engine::grid::{Criterion, Schedule};
use jauge_engine::text::{Lang, number};

use super::{AnswerSheet, Input, Row};

/// The price sheet's name.
pub(crate) const SHEET: &str = "Bordereau de prix";

/// The price sheet of every price criterion with a schedule, or `None` when there is none.
pub(crate) fn sheet(grid: &Grid) -> Option<AnswerSheet> {
    let mut rows: Vec<Row> = grid
        .criteria()
        .filter_map(|(_, c)| c.schedule.as_ref().map(|s| (c, s)))
        .flat_map(|(c, s)| rows(c, s))
        .collect();
    for (_, c) in grid.criteria() {
        let Some(lc) = &c.life_cycle else { continue };
        let family = format!("Coût du cycle de vie — {}", c.label.get(Lang::Fr));
        for component in &lc.components {
            let (expected, unit) = match component {
                jauge_engine::grid::CostComponent::Energy => ("un nombre de kWh par an", "kWh / an"),
                jauge_engine::grid::CostComponent::Maintenance => ("un montant en euros par an", "€ / an"),
                _ => ("un montant en euros", "€"),
            };
            rows.push(row(
                format!("{}/{}", c.id, component.key()),
                jauge_engine::finding::cost_component(*component, Lang::Fr).to_string(),
                format!("{} ({})", c.question.get(Lang::Fr), grid.price_basis.code()),
                expected.to_string(),
                unit.to_string(),
                &family,
                Input::Number { min: Some(0.0), max: None },
            ));
        }
    }
    (!rows.is_empty()).then(|| AnswerSheet { name: SHEET.to_string(), lot: None, rows })
}

/// The lines of the instructions about the price sheet, numbered from `first`: how to fill it,
/// and the rules the grid announces for a missing price and for amounts that do not add up.
pub(crate) fn instructions(grid: &Grid, first: usize) -> Vec<String> {
    let mut out = life_cycle(grid, first);
    let first = first + out.len();
    let Some(s) = grid.criteria().find_map(|(_, c)| c.schedule.as_ref()) else { return out };
    let missing = s.missing.announced(Lang::Fr);
    let prevails = s.prevails.announced(Lang::Fr);
    let hidden =
        grid.criteria().any(|(_, c)| c.schedule.as_ref().is_some_and(|s| s.lines.iter().any(|l| l.quantity.is_none())));
    let place = if grid.lots.is_empty() {
        format!("dans la feuille « {SHEET} »")
    } else {
        "dans la feuille de chaque lot, sous ses critères,".to_string()
    };
    out.extend([
        format!(
            "{first}. Bordereau de prix : {place} indiquez pour chaque ligne le prix unitaire hors TVA en euros (0 pour une prestation incluse) et, quand la quantité estimée est indiquée, le montant de la ligne. Les offres sont comparées sur le détail quantitatif estimatif : la somme des quantités × prix unitaires."
        ),
        format!(
            "{}. Prix unitaire absent : {missing}. Montant d'une ligne différent du prix unitaire × la quantité : {prevails}. Les prestations supplémentaires éventuelles (PSE) sont chiffrées par tous ; l'acheteur décide avant le classement celles qu'il retient, et le prix comparé de chaque offre les comprend toutes.",
            first + 1
        ),
    ]);
    if hidden {
        out.push(format!(
            "{}. Certaines quantités ne sont pas communiquées : l'acheteur les applique de la même façon à toutes les offres.",
            first + 2
        ));
    }
    out
}

/// The instructions on each life-cycle cost: the method and the buyer's parameters (R2152-10:
/// announced in the tender documents).
fn life_cycle(grid: &Grid, first: usize) -> Vec<String> {
    let fr = Lang::Fr;
    grid.criteria()
        .filter_map(|(_, c)| c.life_cycle.as_ref().map(|lc| (c, lc)))
        .enumerate()
        .map(|(i, (c, lc))| {
            use jauge_engine::grid::CostComponent as K;
            let years = number(lc.years, 2, fr);
            let terms: Vec<String> = lc
                .components
                .iter()
                .map(|k| match k {
                    K::Acquisition => "coût d'acquisition".to_string(),
                    K::Energy => format!(
                        "kWh par an × {} € par kWh × {years} ans",
                        number(lc.energy_price.unwrap_or(0.0), 4, fr)
                    ),
                    K::Maintenance => format!("maintenance par an × {years} ans"),
                    K::Exit => "coût de sortie".to_string(),
                })
                .collect();
            format!(
                "{}. Coût du cycle de vie ({}, {}) : coût = {} ; indiquez chaque composante dans la feuille « {SHEET} » ; le coût est noté comme un prix.",
                first + i,
                c.id,
                jauge_engine::law::cite(jauge_engine::law::Law::R2152_10),
                terms.join(" + ")
            )
        })
        .collect()
}

fn rows(c: &Criterion, s: &Schedule) -> Vec<Row> {
    let fr = Lang::Fr;
    let family = format!("Bordereau — {}", c.label.get(fr));
    let group = |id: &Option<String>| id.as_ref().and_then(|g| s.groups.iter().find(|k| k.id == *g));
    let mut out = Vec::new();
    for line in &s.lines {
        let g = group(&line.group);
        let pse = g.is_some_and(|g| g.optional);
        let part = g.map(|g| format!("{} — ", g.label.get(fr))).unwrap_or_default();
        let quantity = match line.quantity {
            Some(q) => format!("quantité estimée : {} {}", number(q, 2, fr), line.unit),
            None => "quantité non communiquée".to_string(),
        };
        let pse_words = if pse { " (prestation supplémentaire éventuelle)" } else { "" };
        out.push(row(
            format!("{}/{}", c.id, line.id),
            line.designation.get(fr).to_string(),
            format!("{part}prix unitaire HT{pse_words} ; {quantity}"),
            "un prix en euros hors TVA ; 0 si la prestation est incluse".to_string(),
            format!("€ HT / {}", line.unit),
            &family,
            Input::Number { min: Some(0.0), max: None },
        ));
        if line.quantity.is_some() {
            out.push(row(
                format!("{}/{}/total", c.id, line.id),
                line.designation.get(fr).to_string(),
                format!("{part}montant HT de la ligne (quantité × prix unitaire){pse_words}"),
                "un montant en euros hors TVA".to_string(),
                "€ HT".to_string(),
                &family,
                Input::Number { min: Some(0.0), max: None },
            ));
        }
    }
    if s.lines.iter().all(|l| l.quantity.is_some()) {
        out.push(row(
            format!("{}/total", c.id),
            "Total".to_string(),
            "total HT du détail quantitatif estimatif, toutes lignes comprises (PSE comprises)".to_string(),
            "un montant en euros hors TVA".to_string(),
            "€ HT".to_string(),
            &family,
            Input::Number { min: Some(0.0), max: None },
        ));
    }
    // Asked whatever the basis: compared TTC, it gives the price the buyer will pay; compared HT,
    // whether every bidder is liable at one rate (otherwise HT is not what the buyer pays).
    out.push(row(
        format!("{}/tva", c.id),
        "TVA".to_string(),
        "taux de TVA qui vous est applicable, ou la mention de votre exonération".to_string(),
        "un taux en % (par exemple 20) ou « exonéré » avec son motif".to_string(),
        "%".to_string(),
        &family,
        Input::Text,
    ));
    out
}

fn row(id: String, label: String, question: String, expected: String, unit: String, family: &str, input: Input) -> Row {
    Row {
        cells: [
            id,
            label,
            question,
            expected,
            unit,
            String::new(),
            String::new(),
            "Non".to_string(),
            String::new(),
            family.to_string(),
        ],
        weight: None,
        input,
        help: String::new(),
    }
}
