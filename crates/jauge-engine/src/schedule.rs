//! Price schedules (BPU: unit prices) compared through the buyer's quantity estimate (DQE).
//!
//! An offer's schedule cells are answers like any other, keyed `<criterion>/<line>` (the unit
//! price), `<criterion>/<line>/total` (the bidder's line total, when quantities are public),
//! `<criterion>/total` (the bidder's grand total) and `<criterion>/tva` (its VAT rate or
//! exemption, when prices are compared taxes included): the JSON offer and the spreadsheet reader
//! give them with their cell, and the offer's fingerprint covers them. Here they are read
//! ([`cell`]), every line and total recomputed, the differences with the bidder's own totals
//! found and corrected by the rule the grid announces, missing prices treated as it announces,
//! lines far below the others' flagged as points to examine, and the line-by-line comparison of
//! all offers built ([`Comparison`]) for the report, the exports and the app.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::finding::Finding;
use crate::grid::{
    Criterion, MissingPrice, Prevails, PriceBasis, QUANTITIES_FORMAT_V1, Quantities, Schedule, normalise_id, same_id,
};
use crate::offer::{Offer, Response};
use crate::value::{Raw, normalise, parse_number};

/// What the evaluation is given besides the grid for its schedules: the buyer's hidden
/// quantities and the decision on optional services. Carried by [`crate::CheckedGrid`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Pricing {
    /// Hidden quantities, by normalised criterion id then normalised line id.
    pub(crate) hidden: BTreeMap<String, BTreeMap<String, f64>>,
    /// The optional groups (PSE) the buyer decided to keep, by group id; `None` while undecided
    /// (the base alone is compared, and a warning says the decision is owed).
    pub(crate) kept: Option<BTreeSet<String>>,
}

impl Pricing {
    /// The optional services kept, once decided.
    pub fn kept(&self) -> Option<&BTreeSet<String>> {
        self.kept.as_ref()
    }
}

/// The problems of a hidden quantities file against the grid: wrong format or grid, a criterion
/// without schedule, an unknown line, a public line given again, a quantity not positive, a hidden
/// line without its quantity. Each a located diagnostic.
pub fn quantity_problems(grid: &crate::Grid, q: &Quantities) -> Vec<crate::Diagnostic> {
    use crate::diagnostic::{Diagnostic, Severity};
    let bad = |code: &str, fr: String, en: String, field: String| {
        Diagnostic::new(code, Severity::Error, crate::text::Text::new(fr, en)).field(&field)
    };
    let mut out = Vec::new();
    if q.format != QUANTITIES_FORMAT_V1 {
        out.push(bad(
            "quantities_format",
            format!("format « {} » : attendu « {QUANTITIES_FORMAT_V1} »", q.format),
            format!("format \"{}\": expected \"{QUANTITIES_FORMAT_V1}\"", q.format),
            "format".into(),
        ));
    }
    if q.grid != grid.id {
        out.push(bad(
            "quantities_grid",
            format!("quantités pour la grille « {} », pas « {} »", q.grid, grid.id),
            format!("quantities for grid \"{}\", not \"{}\"", q.grid, grid.id),
            "grid".into(),
        ));
    }
    for (crit, lines) in &q.quantities {
        let Some(schedule) = grid.criterion(crit).and_then(|c| c.schedule.as_ref()) else {
            out.push(bad(
                "quantities_criterion",
                format!("« {crit} » n'est pas un critère de prix à bordereau"),
                format!("\"{crit}\" is not a price criterion with a schedule"),
                format!("quantities.{crit}"),
            ));
            continue;
        };
        for (line, quantity) in lines {
            let field = format!("quantities.{crit}.{line}");
            match schedule.lines.iter().find(|l| same_id(&l.id, line)) {
                None => out.push(bad(
                    "quantities_line",
                    format!("la ligne « {line} » n'existe pas au bordereau"),
                    format!("line \"{line}\" is not in the schedule"),
                    field,
                )),
                Some(l) if l.quantity.is_some() => out.push(bad(
                    "quantities_public",
                    format!("la ligne « {line} » a déjà une quantité publiée dans la grille"),
                    format!("line \"{line}\" already has a quantity published in the grid"),
                    field,
                )),
                Some(_) if !(quantity.is_finite() && *quantity >= 0.0) => out.push(bad(
                    "quantities_value",
                    format!("quantité {quantity} : attendu un nombre positif ou nul"),
                    format!("quantity {quantity}: expected a number zero or more"),
                    field,
                )),
                Some(_) => {}
            }
        }
    }
    for (_, c) in grid.criteria() {
        let Some(schedule) = &c.schedule else { continue };
        let given = q.quantities.iter().find(|(k, _)| same_id(k, &c.id)).map(|(_, v)| v);
        for line in schedule.lines.iter().filter(|l| l.quantity.is_none()) {
            let has = given.is_some_and(|g| g.keys().any(|k| same_id(k, &line.id)));
            if !has {
                out.push(bad(
                    "quantities_missing",
                    format!("la ligne « {} » n'a pas de quantité : ni publiée, ni dans le fichier", line.id),
                    format!("line \"{}\" has no quantity: neither published nor in the file", line.id),
                    format!("quantities.{}.{}", c.id, line.id),
                ));
            }
        }
    }
    out
}

/// The schedule line a finding is about, when it is about one line (a missing or unreadable
/// price, a price substituted, a line total that does not add up, a line far below the others').
pub fn finding_line(f: &Finding) -> Option<&str> {
    match f {
        Finding::ScheduleMissingPrice { line, .. }
        | Finding::ScheduleCellText { line, .. }
        | Finding::ScheduleLineSubstituted { line, .. }
        | Finding::ScheduleLineTotal { line, .. }
        | Finding::ScheduleLowLine { line, .. } => Some(line),
        _ => None,
    }
}

/// Reads a hidden quantities file (`jauge-quantities/1`); its problems against a grid are
/// [`quantity_problems`].
pub fn read_quantities(source: &str) -> Result<Quantities, crate::Error> {
    crate::located::from_str(source).map_err(|e| crate::Error::syntax(crate::error::Document::Grid, e))
}

impl Pricing {
    pub(crate) fn with_quantities(mut self, q: &Quantities) -> Pricing {
        self.hidden = q
            .quantities
            .iter()
            .map(|(c, lines)| (normalise_id(c), lines.iter().map(|(l, v)| (normalise_id(l), *v)).collect()))
            .collect();
        self
    }
}

/// A schedule cell as read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum Cell {
    /// A unit price, in euros.
    Price(f64),
    /// Written 0.
    Zero,
    /// Written « offert », « inclus », « gratuit »: given at no cost.
    Included,
    /// Nothing written.
    Blank,
    /// Text that is not a price: the words as written.
    Text(String),
}

impl Cell {
    /// The amount the cell stands for: 0 for a zero or an included line.
    pub fn amount(&self) -> Option<f64> {
        match self {
            Cell::Price(p) => Some(*p),
            Cell::Zero | Cell::Included => Some(0.0),
            Cell::Blank | Cell::Text(_) => None,
        }
    }
}

/// Reads a schedule cell as bidders write it: "1 250,00 €", "1.250,00", "12,5 € HT/mois", "0",
/// "offert", "inclus"; a blank; any other text kept as written.
pub fn cell(raw: Option<&Raw>) -> Cell {
    let text = match raw {
        None => return Cell::Blank,
        Some(Raw::Number(n)) | Some(Raw::Price { amount: n, .. }) => return number_cell(*n, &n.to_string()),
        Some(Raw::Text(t)) => t.trim(),
        Some(other) => return Cell::Text(other.display(crate::Lang::Fr)),
    };
    if text.is_empty() {
        return Cell::Blank;
    }
    let n = normalise(text);
    if matches!(
        n.as_str(),
        "offert" | "offerte" | "inclus" | "incluse" | "gratuit" | "gratuite" | "compris" | "included" | "free"
    ) {
        return Cell::Included;
    }
    let Some((amount, rest, _)) = parse_number(text) else { return Cell::Text(text.to_string()) };
    // After the number: the currency, the tax basis and the unit (« € HT/mois », « EUR par jour »).
    let rest = normalise(&rest);
    let allowed = |w: &str| {
        matches!(w, "€" | "eur" | "euro" | "euros" | "ht" | "htva" | "ttc" | "par" | "l" | "le" | "la" | "per")
            || w.chars().all(|c| c.is_alphabetic())
    };
    let words: Vec<&str> = rest.split(|c: char| c.is_whitespace() || c == '/').filter(|w| !w.is_empty()).collect();
    if !words.iter().all(|w| allowed(w)) || words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
        return Cell::Text(text.to_string());
    }
    number_cell(amount, text)
}

fn number_cell(n: f64, written: &str) -> Cell {
    if !n.is_finite() || n < 0.0 {
        Cell::Text(written.to_string())
    } else if n == 0.0 {
        Cell::Zero
    } else {
        Cell::Price(n)
    }
}

/// A VAT rate or exemption as written in the schedule's VAT cell or beside a price.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "kind", content = "rate", rename_all = "snake_case")]
pub enum Vat {
    /// A rate, in percent.
    Rate(f64),
    /// Not liable to VAT (franchise en base, art. 293 B CGI, or another exemption).
    Exempt,
}

fn vat(raw: Option<&Raw>) -> Option<Vat> {
    match raw? {
        Raw::Number(n) if (0.0..=100.0).contains(n) => {
            Some(Vat::Rate(if *n < 1.0 && *n > 0.0 { n * 100.0 } else { *n }))
        }
        // A cell in a percent format (20 % stored as 0.2), read as a percentage.
        Raw::Quantity { value, unit: crate::units::Unit::Percent } if (0.0..=100.0).contains(value) => {
            Some(Vat::Rate(*value))
        }
        Raw::Text(t) => {
            let n = normalise(t);
            if n.contains("exon") || n.contains("franchise") || n.contains("293") || n.contains("non assujetti") {
                return Some(Vat::Exempt);
            }
            let (v, rest, _) = parse_number(t)?;
            (matches!(rest.trim(), "" | "%") && (0.0..=100.0).contains(&v)).then_some(Vat::Rate(v))
        }
        _ => None,
    }
}

/// One offer's schedule, line by line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OfferSchedule {
    /// The offer.
    pub offer: crate::OfferId,
    /// Whether the offer takes part in the comparison (not set aside).
    pub compared: bool,
    /// One entry per line of the schedule, in the schedule's order.
    pub lines: Vec<PricedLine>,
    /// The bidder's grand total as written, if given and read.
    pub stated_total: Option<f64>,
    /// The VAT rate or exemption the bidder gives: its price's basis when prices are compared taxes
    /// included, and whether bidders are liable alike when they are compared excluding taxes.
    pub vat: Option<Vat>,
    /// The recomputed total excluding taxes of the lines counted (base and kept PSE), when every
    /// counted line has a price.
    pub total_ht: Option<f64>,
    /// The compared price: the total on the grid's price basis (taxes added when compared TTC
    /// and the bidder gave its rate), when it can be computed.
    pub compared_price: Option<f64>,
    /// What was found, each located.
    pub findings: Vec<Finding>,
}

/// One line of one offer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PricedLine {
    /// The line id.
    pub line: String,
    /// The quantity the line is counted with (public or hidden).
    pub quantity: f64,
    /// Whether the line is counted in the compared price (base, or a kept PSE).
    pub counted: bool,
    /// The unit price cell as read.
    pub cell: Cell,
    /// Where it was read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The unit price retained (after the announced rules: correction, missing price), if any.
    pub unit_price: Option<f64>,
    /// Whether the unit price retained is the highest of the others' (missing price rule).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub substituted: bool,
    /// The bidder's line total as written, if given and read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_total: Option<f64>,
    /// Quantity × unit price retained.
    pub amount: Option<f64>,
}

/// One line across every offer compared: the committee's line-by-line comparison.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineComparison {
    /// The line id.
    pub line: String,
    /// Its group, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whether it is counted in the compared price.
    pub counted: bool,
    /// The quantity.
    pub quantity: f64,
    /// The median of the unit prices the compared offers give it, when at least three do.
    pub median: Option<f64>,
    /// The lowest amount of the compared offers on this line.
    pub lowest: Option<f64>,
    /// The offers whose amount on this line is the lowest (highlighted).
    pub cheapest: Vec<crate::OfferId>,
}

/// A price criterion's schedule across all offers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The price criterion.
    pub criterion: String,
    /// The optional groups kept, when decided.
    pub kept: Option<Vec<String>>,
    /// One per offer, in the offers' order.
    pub offers: Vec<OfferSchedule>,
    /// One per line, in the schedule's order.
    pub lines: Vec<LineComparison>,
}

/// What an offer's schedule makes of it in the evaluation.
pub(crate) struct Outcome {
    pub price: Option<f64>,
    pub irregular: Vec<Finding>,
    pub incomplete: Vec<Finding>,
    pub notes: Vec<Finding>,
}

const CENT: f64 = 0.005;

/// Prices every offer's schedule for the criterion `c`; `compared[i]` says whether offer `i` is
/// not set aside (its prices count in the others' substitutes and the medians).
pub fn compare(
    c: &Criterion,
    schedule: &Schedule,
    pricing: &Pricing,
    basis: PriceBasis,
    offers: &[&Offer],
    compared: &[bool],
) -> Comparison {
    let key = normalise_id(&c.id);
    let hidden = pricing.hidden.get(&key);
    let optional: BTreeSet<&str> = schedule.groups.iter().filter(|g| g.optional).map(|g| g.id.as_str()).collect();
    let counted = |group: &Option<String>| match group {
        Some(g) if optional.contains(g.as_str()) => pricing.kept.as_ref().is_some_and(|k| k.contains(g)),
        _ => true,
    };
    let quantities: Vec<f64> = schedule
        .lines
        .iter()
        .map(|l| l.quantity.or_else(|| hidden.and_then(|h| h.get(&normalise_id(&l.id)).copied())).unwrap_or(0.0))
        .collect();

    // Reading, offer by offer.
    let mut rows: Vec<OfferSchedule> = offers
        .iter()
        .zip(compared.iter().copied().chain(std::iter::repeat(false)))
        .map(|(offer, compared)| read(c, schedule, &quantities, &counted, offer, compared))
        .collect();

    // Missing prices: the highest unit price the other compared offers give the line.
    if schedule.missing == MissingPrice::HighestOfOthers {
        for (li, line) in schedule.lines.iter().enumerate() {
            let given: Vec<(usize, f64)> = rows
                .iter()
                .enumerate()
                .filter(|(_, r)| r.compared)
                .filter_map(|(i, r)| r.lines.get(li).and_then(|l| l.unit_price).map(|p| (i, p)))
                .collect();
            for (i, row) in rows.iter_mut().enumerate() {
                let Some(pl) = row.lines.get_mut(li) else { continue };
                if pl.unit_price.is_some() || !matches!(pl.cell, Cell::Blank) {
                    continue;
                }
                let highest = given
                    .iter()
                    .filter(|(j, _)| *j != i)
                    .map(|(_, p)| *p)
                    .fold(None, |m: Option<f64>, p| Some(m.map_or(p, |m| m.max(p))));
                if let Some(h) = highest {
                    pl.unit_price = Some(h);
                    pl.substituted = true;
                    pl.amount = Some(h * pl.quantity);
                    row.findings.push(Finding::ScheduleLineSubstituted {
                        criterion: c.id.clone(),
                        line: line.id.clone(),
                        location: pl.location.clone(),
                        unit_price: h,
                    });
                }
            }
        }
    }

    // Totals.
    for row in &mut rows {
        let missing: Vec<&PricedLine> = row.lines.iter().filter(|l| l.counted && l.amount.is_none()).collect();
        for l in &missing {
            row.findings.push(match &l.cell {
                Cell::Text(t) => Finding::ScheduleCellText {
                    criterion: c.id.clone(),
                    line: l.line.clone(),
                    location: l.location.clone(),
                    text: t.clone(),
                    rule: schedule.missing,
                },
                _ => Finding::ScheduleMissingPrice {
                    criterion: c.id.clone(),
                    line: l.line.clone(),
                    location: l.location.clone(),
                    rule: schedule.missing,
                },
            });
        }
        if !missing.is_empty() {
            continue;
        }
        // Sums in the lines' id order, whatever the order the schedule lists them in.
        let mut amounts: Vec<(String, f64)> = row
            .lines
            .iter()
            .filter(|l| l.counted)
            .filter_map(|l| l.amount.map(|a| (normalise_id(&l.line), a)))
            .collect();
        amounts.sort_by(|a, b| a.0.cmp(&b.0));
        let total: f64 = amounts.iter().map(|(_, a)| a).sum();
        let total = (total * 100.0).round() / 100.0;
        row.total_ht = Some(total);
        if let Some(stated) = row.stated_total
            && schedule.lines.iter().all(|l| l.quantity.is_some())
        {
            // The bidder's grand total covers the whole public schedule, kept PSE or not.
            let all: f64 = {
                let mut v: Vec<(String, f64)> =
                    row.lines.iter().filter_map(|l| l.amount.map(|a| (normalise_id(&l.line), a))).collect();
                v.sort_by(|a, b| a.0.cmp(&b.0));
                v.iter().map(|(_, a)| a).sum()
            };
            if (all - stated).abs() > CENT {
                row.findings.push(Finding::ScheduleTotal {
                    criterion: c.id.clone(),
                    stated,
                    computed: (all * 100.0).round() / 100.0,
                });
            }
        }
        row.compared_price = match (basis, row.vat) {
            (PriceBasis::Ht, _) => Some(total),
            (PriceBasis::Ttc, Some(Vat::Rate(r))) => Some(((total * (1.0 + r / 100.0)) * 100.0).round() / 100.0),
            (PriceBasis::Ttc, Some(Vat::Exempt)) => Some(total),
            (PriceBasis::Ttc, None) => {
                row.findings.push(Finding::ScheduleVatMissing { criterion: c.id.clone() });
                None
            }
        };
    }

    // The line comparison and the lines far below the others'.
    let mut lines = Vec::new();
    for (li, line) in schedule.lines.iter().enumerate() {
        let given: Vec<(usize, f64, f64)> = rows
            .iter()
            .enumerate()
            .filter(|(_, r)| r.compared)
            .filter_map(|(i, r)| {
                let l = r.lines.get(li)?;
                if l.substituted {
                    return None;
                }
                Some((i, l.unit_price?, l.amount?))
            })
            .collect();
        let median = (given.len() >= 3).then(|| {
            let mut v: Vec<f64> = given.iter().map(|g| g.1).collect();
            median(&mut v)
        });
        if let Some(m) = median {
            for (i, p, _) in &given {
                if *p < schedule.low_line * m
                    && let Some(row) = rows.get_mut(*i)
                {
                    let location = row.lines.get(li).and_then(|l| l.location.clone());
                    row.findings.push(Finding::ScheduleLowLine {
                        criterion: c.id.clone(),
                        line: line.id.clone(),
                        location,
                        unit_price: *p,
                        median: m,
                        share: schedule.low_line,
                    });
                }
            }
        }
        let lowest = given.iter().map(|g| g.2).fold(None, |m: Option<f64>, a| Some(m.map_or(a, |m| m.min(a))));
        let cheapest = lowest
            .map(|lo| {
                given
                    .iter()
                    .filter(|g| (g.2 - lo).abs() <= CENT)
                    .filter_map(|g| offers.get(g.0).map(|o| o.id.clone()))
                    .collect()
            })
            .unwrap_or_default();
        lines.push(LineComparison {
            line: line.id.clone(),
            group: line.group.clone(),
            counted: counted(&line.group),
            quantity: quantities.get(li).copied().unwrap_or(0.0),
            median,
            lowest,
            cheapest,
        });
    }
    Comparison {
        criterion: c.id.clone(),
        kept: pricing.kept.as_ref().map(|k| k.iter().cloned().collect()),
        offers: rows,
        lines,
    }
}

fn median(v: &mut [f64]) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    match (v.get(n / 2), n.checked_sub(1).and_then(|i| v.get(i / 2))) {
        (Some(a), Some(b)) if n.is_multiple_of(2) => (a + b) / 2.0,
        (Some(a), _) => *a,
        _ => 0.0,
    }
}

/// One offer's schedule as written, each line's amount recomputed and corrected by the rule the
/// grid announces.
fn read(
    c: &Criterion,
    schedule: &Schedule,
    quantities: &[f64],
    counted: &dyn Fn(&Option<String>) -> bool,
    offer: &Offer,
    compared: bool,
) -> OfferSchedule {
    let prefix = normalise_id(&c.id);
    // The offer's schedule cells, by (line, part) with ids normalised.
    let mut cells: BTreeMap<(String, String), (&str, &Response)> = BTreeMap::new();
    for (k, r) in &offer.responses {
        let mut parts = k.split('/');
        if parts.next().map(normalise_id).as_deref() != Some(prefix.as_str()) {
            continue;
        }
        let line = parts.next().map(normalise_id).unwrap_or_default();
        let part = parts.next().map(normalise_id).unwrap_or_default();
        cells.insert((line, part), (k.as_str(), r));
    }
    let get = |line: &str, part: &str| cells.get(&(line.to_string(), part.to_string())).map(|(_, r)| *r);
    // Where a cell is: its sheet and cell, or for a JSON offer its key.
    let place = |line: &str, part: &str| {
        cells
            .get(&(line.to_string(), part.to_string()))
            .map(|(k, r)| r.location.clone().unwrap_or_else(|| format!("answers.{k}")))
    };
    let mut findings = Vec::new();
    let mut lines = Vec::new();
    for (li, line) in schedule.lines.iter().enumerate() {
        let id = normalise_id(&line.id);
        let quantity = quantities.get(li).copied().unwrap_or(0.0);
        let unit = get(&id, "");
        let cell = cell(unit.and_then(|r| r.raw.as_ref()));
        let location = place(&id, "");
        let stated_total =
            if line.quantity.is_some() { get(&id, "TOTAL").and_then(|r| cell_amount(r.raw.as_ref())) } else { None };
        let mut unit_price = cell.amount();
        if let (Some(p), Some(stated)) = (unit_price, stated_total)
            && (p * quantity - stated).abs() > CENT
        {
            let computed = (p * quantity * 100.0).round() / 100.0;
            findings.push(Finding::ScheduleLineTotal {
                criterion: c.id.clone(),
                line: line.id.clone(),
                location: place(&id, "TOTAL"),
                unit_price: p,
                quantity,
                stated,
                computed,
                prevails: schedule.prevails,
            });
            if schedule.prevails == Prevails::Total && quantity > 0.0 {
                unit_price = Some(stated / quantity);
            }
        }
        lines.push(PricedLine {
            line: line.id.clone(),
            quantity,
            counted: counted(&line.group),
            cell,
            location,
            unit_price,
            substituted: false,
            stated_total,
            amount: unit_price.map(|p| p * quantity),
        });
    }
    let stated_total = get("TOTAL", "").and_then(|r| cell_amount(r.raw.as_ref()));
    let vat = vat(get("TVA", "").and_then(|r| r.raw.as_ref()));
    OfferSchedule {
        offer: offer.id.clone(),
        compared,
        lines,
        stated_total,
        vat,
        total_ht: None,
        compared_price: None,
        findings,
    }
}

fn cell_amount(raw: Option<&Raw>) -> Option<f64> {
    cell(raw).amount()
}

/// What the schedule makes of one offer in the evaluation: its compared price, and the findings
/// sorted by what they do (a missing price by the announced rule, the rest noted).
pub(crate) fn outcome(row: &OfferSchedule) -> Outcome {
    let mut out =
        Outcome { price: row.compared_price, irregular: Vec::new(), incomplete: Vec::new(), notes: Vec::new() };
    for f in &row.findings {
        match f {
            Finding::ScheduleMissingPrice { rule: MissingPrice::Irregular, .. }
            | Finding::ScheduleCellText { rule: MissingPrice::Irregular, .. } => out.irregular.push(f.clone()),
            Finding::ScheduleMissingPrice { .. }
            | Finding::ScheduleCellText { .. }
            | Finding::ScheduleVatMissing { .. } => out.incomplete.push(f.clone()),
            _ => out.notes.push(f.clone()),
        }
    }
    out
}

/// The schedules of every price criterion that has one, for the offers of a report: the
/// line-by-line DQE per offer and the committee's comparison. The offers set aside in the report
/// (irregular) take no part in the substitutes and medians, as in the evaluation.
pub fn comparisons(grid: &crate::CheckedGrid, offers: &[Offer], report: &crate::Report) -> Vec<Comparison> {
    let compared: Vec<bool> = offers
        .iter()
        .map(|o| {
            report.offers.iter().find(|r| r.id == o.id).is_none_or(|r| r.status != crate::report::Status::Irregular)
        })
        .collect();
    let refs: Vec<&Offer> = offers.iter().collect();
    grid.grid()
        .criteria()
        .filter_map(|(_, c)| {
            let s = c.schedule.as_ref()?;
            Some(compare(c, s, grid.pricing(), grid.grid().price_basis, &refs, &compared))
        })
        .collect()
}

/// A life-cycle cost (R2152-9, R2152-10) from the bidder's stated components and the buyer's
/// parameters: acquisition + kWh a year × price of a kWh × years + maintenance a year × years +
/// exit. `None` with a finding per component missing or not a number.
pub(crate) fn life_cycle_cost(
    c: &Criterion,
    lc: &crate::grid::LifeCycle,
    offer: &Offer,
) -> (Option<f64>, Vec<Finding>) {
    use crate::grid::CostComponent;
    let prefix = normalise_id(&c.id);
    let mut total = 0.0;
    let mut findings = Vec::new();
    for component in &lc.components {
        let wanted = normalise_id(component.key());
        let found = offer.responses.iter().find(|(k, _)| {
            k.split_once('/').is_some_and(|(a, b)| normalise_id(a) == prefix && normalise_id(b) == wanted)
        });
        let location = found.map(|(k, r)| r.location.clone().unwrap_or_else(|| format!("answers.{k}")));
        let read = cell(found.and_then(|(_, r)| r.raw.as_ref()));
        let Some(amount) = read.amount() else {
            findings.push(Finding::CostComponentMissing {
                criterion: c.id.clone(),
                component: *component,
                location,
                text: match read {
                    Cell::Text(t) => Some(t),
                    _ => None,
                },
            });
            continue;
        };
        total += match component {
            CostComponent::Acquisition | CostComponent::Exit => amount,
            CostComponent::Energy => amount * lc.energy_price.unwrap_or(0.0) * lc.years,
            CostComponent::Maintenance => amount * lc.years,
        };
    }
    (findings.is_empty().then_some((total * 100.0).round() / 100.0), findings)
}
