//! The evaluation: answers read, requirements checked, criteria marked, prices compared among the
//! offers that are not set aside, totals, ranks, ties and abnormally low prices.

use std::collections::BTreeMap;

use crate::diagnostic::{Diagnostic, Named};
use crate::finding::{Answer, Explanation, Finding, TieRule, TieRules};
use crate::grid::{Criterion, Eliminatory, Grid, PriceBasis, PriceMethod, Rule, TieBreak, normalise_id, same_id};
use crate::offer::{ManualMark, Offer, Response, siret_diagnostic};
use crate::price;
use crate::report::{
    CriterionResult, EliminatoryOutcome, Explained, FamilyResult, Flag, GridIdentity, OfferResult, PriceAnalysis,
    REPORT_FORMAT_V1, Report, Status, VatStated,
};
use crate::rules;
use crate::schedule::Vat;
use crate::text::{Lang, Text, both};
use crate::validate::CheckedGrid;
use crate::value::{Context, Reading, Value, interpret};

/// Choices that change how an evaluation is run, for "what if" analyses.
#[derive(Clone, Copy, Debug, PartialEq, Default)]
pub struct Options {
    /// Mark every price criterion with this method instead of the grid's.
    pub price_method: Option<PriceMethod>,
}

/// Evaluates offers against a grid. Never fails: problems in the offers come back in the report.
pub fn evaluate(grid: &CheckedGrid, offers: &[Offer]) -> Report {
    evaluate_with(grid, offers, Options::default())
}

/// [`evaluate`] with options.
pub fn evaluate_with(checked: &CheckedGrid, offers: &[Offer], options: Options) -> Report {
    let grid = checked.grid();
    let ctx = Context::of(grid);
    let mut warnings: Vec<Diagnostic> = checked.warnings().to_vec();
    if !grid.lots.is_empty() {
        warnings.insert(0, crate::lot::combined_warning());
    }

    // First pass: read and mark every criterion that does not depend on the other offers.
    let shared = Shared::of(grid, options);
    let mut work: Vec<Work> = offers.iter().map(|offer| first_pass(checked, offer, &ctx, &shared)).collect();
    // A follow-on contract admits the framework agreement's holders only.
    if let Some(f) = &grid.follow_on {
        for w in &mut work {
            if !crate::offer::is_holder(w.offer, &f.holders) {
                w.irregular.push(Finding::NotAHolder { framework: f.framework.clone() }.diagnostic());
            }
        }
    }
    // A variant is admissible only when the tender documents allow variants, and with its
    // bidder's base offer when they require one.
    for w in &mut work {
        let Some(variant) = w.offer.variant.clone() else { continue };
        match grid.variants {
            None => w.notes.push(Finding::VariantsUnannounced { variant }.diagnostic()),
            Some(v) if !v.allowed => w.irregular.push(Finding::VariantNotAllowed { variant }.diagnostic()),
            Some(v) if v.base_required && crate::offer::base_of(offers, w.offer).is_none() => {
                w.irregular.push(Finding::VariantWithoutBase { variant }.diagnostic());
            }
            Some(_) => {}
        }
    }

    // Price schedules: every line recomputed, the announced rules applied, the compared price set.
    price_schedules(checked, &mut work, &mut warnings);

    // Prices are compared among the offers that are not set aside.
    let mut analyses = Vec::new();
    for (index, (_, criterion)) in grid.criteria().enumerate() {
        let Rule::Price { method, n } = &criterion.rule else { continue };
        let method = options.price_method.unwrap_or(*method);
        let n = n.unwrap_or(2.0);
        let prices: Vec<f64> = work.iter().filter(|w| !w.irregular()).filter_map(|w| w.price(index)).collect();
        let field = price::Field::of(&prices);
        let thresholds = price::abnormally_low(&prices);
        if prices.len() < 3 && !prices.is_empty() {
            warnings.push(Finding::AbnormallyLowNotComputed { criterion: criterion.id.clone() }.diagnostic());
        }
        if let Some(f) = field
            && method == PriceMethod::Linear
            && f.highest > f.lowest
            && (f.highest - f.lowest) / f.lowest < 0.01
        {
            warnings.push(
                Finding::LinearPriceGap { criterion: criterion.id.clone(), gap: f.highest - f.lowest }.diagnostic(),
            );
        }
        for w in &mut work {
            w.mark_price(index, criterion, method, n, field, thresholds.as_ref());
            // Above the budget announced as a ceiling: the buyer's to settle (L2152-3); above an
            // estimate when no ceiling is announced: said, without effect.
            if let (Some(ceiling), Some(p)) = (criterion.budget.as_ref().and_then(|b| b.ceiling), w.price(index))
                && p > ceiling
            {
                w.notes.push(Finding::AboveBudget { criterion: criterion.id.clone(), price: p, ceiling }.diagnostic());
            } else if let Some(budget) = criterion.budget.as_ref().filter(|b| b.ceiling.is_none())
                && let (Some(estimate), Some(p)) = (budget.estimate, w.price(index))
                && p > estimate
            {
                w.notes
                    .push(Finding::AboveEstimate { criterion: criterion.id.clone(), price: p, estimate }.diagnostic());
            }
        }
        // The offers whose VAT status matters, found once for both checks.
        let excluding_taxes = compared_excluding_taxes(grid, &work, index);
        let unequal_vat = unequal_vat(&excluding_taxes, index);
        if !unequal_vat.is_empty() {
            let exempt = unequal_vat.iter().filter(|s| s.vat == Vat::Exempt).count();
            let mut rates: Vec<f64> =
                unequal_vat.iter().filter_map(|s| if let Vat::Rate(r) = s.vat { Some(r) } else { None }).collect();
            rates.sort_by(f64::total_cmp);
            rates.dedup();
            warnings.push(Finding::UnequalVat { criterion: criterion.id.clone(), exempt, rates }.diagnostic());
        }
        analyses.push(PriceAnalysis {
            criterion: criterion.id.clone(),
            method,
            count: prices.len(),
            lowest: field.map(|f| f.lowest),
            highest: field.map(|f| f.highest),
            abnormally_low: thresholds,
            unequal_vat,
            vat_unstated: vat_unstated(&excluding_taxes, index),
        });
    }

    let mut results: Vec<OfferResult> = work.into_iter().map(|w| w.finish(checked)).collect();
    rank(grid, &mut results, &mut warnings);
    Report {
        format: REPORT_FORMAT_V1.to_string(),
        grid: GridIdentity {
            id: grid.id.clone(),
            version: grid.version.clone(),
            fingerprint: checked.fingerprint().to_string(),
            title: grid.title.clone(),
            publisher: grid.publisher.clone(),
            scale: grid.scale,
            price_basis: grid.price_basis,
        },
        warnings,
        price: analyses,
        offers: results,
    }
}

/// The ranking `report` would have with every price criterion marked by `method`: each offer's
/// supplier, rank and total in that evaluation's order, as [`evaluate_with`] would give them, from
/// the report's typed marks alone (the price points recomputed from the prices compared, the
/// totals and the ranks recomputed, nothing worded again). `report` is [`evaluate`] of the same
/// grid; `None` when its criteria are not the grid's.
pub fn ranking_under(
    checked: &CheckedGrid,
    report: &Report,
    method: PriceMethod,
) -> Option<Vec<(String, Option<u32>, f64)>> {
    let grid = checked.grid();
    let criteria: Vec<(&str, &Criterion)> = grid.criteria().map(|(f, c)| (f.id.as_str(), c)).collect();
    let same = |o: &OfferResult| {
        o.criteria.len() == criteria.len() && o.criteria.iter().zip(&criteria).all(|(r, (_, c))| r.id == c.id)
    };
    if !report.offers.iter().all(same) {
        return None;
    }
    // Each offer's points, criterion by criterion, the price criteria's marked again.
    let mut points: Vec<Vec<f64>> =
        report.offers.iter().map(|o| o.criteria.iter().map(|c| c.points).collect()).collect();
    let compared = |o: &OfferResult| o.status != Status::Irregular;
    for (index, (_, c)) in criteria.iter().enumerate() {
        let Rule::Price { n, .. } = &c.rule else { continue };
        let price = |o: &OfferResult| o.criteria.get(index).and_then(|r| r.value.as_f64());
        let prices: Vec<f64> = report.offers.iter().filter(|o| compared(o)).filter_map(price).collect();
        let Some(field) = price::Field::of(&prices) else { continue };
        for (o, points) in report.offers.iter().zip(&mut points) {
            if let (true, Some(p), Some(slot)) = (compared(o), price(o), points.get_mut(index)) {
                *slot = round(price::fraction(method, n.unwrap_or(2.0), p, field) * c.weight);
            }
        }
    }
    // What the ranking reads of an offer: its totals, its families' points, and the criteria a
    // tie-break may name (the price criteria, those the grid's tie rules name).
    let named: Vec<String> = grid
        .ties
        .iter()
        .flat_map(|t| &t.break_by)
        .filter_map(|r| match r {
            TieBreak::Criterion(id) => Some(normalise_id(id)),
            _ => None,
        })
        .collect();
    let read = |c: &Criterion| matches!(c.rule, Rule::Price { .. }) || named.contains(&normalise_id(&c.id));
    let mut results: Vec<OfferResult> = report
        .offers
        .iter()
        .zip(&points)
        .map(|(o, points)| {
            let exact: f64 = points.iter().sum();
            let families = grid
                .families
                .iter()
                .map(|f| {
                    let (p, m) = criteria
                        .iter()
                        .zip(points)
                        .filter(|((family, _), _)| *family == f.id)
                        .fold((0.0, 0.0), |(p, m), ((_, c), points)| (p + points, m + c.weight));
                    FamilyResult { id: f.id.clone(), label: Text::default(), points: round(p), max: round(m) }
                })
                .collect();
            let kept = o.criteria.iter().zip(&criteria).zip(points).filter(|((_, (_, c)), _)| read(c));
            OfferResult {
                id: o.id.clone(),
                supplier: o.supplier.clone(),
                siret: None,
                source: o.source.clone(),
                variant: None,
                sha256: None,
                status: o.status,
                total: round(exact),
                rank: None,
                reasons: Vec::new(),
                flags: Vec::new(),
                notes: Vec::new(),
                families,
                criteria: kept.map(|((r, _), points)| CriterionResult { points: *points, ..r.clone() }).collect(),
                reachable: None,
                exact,
            }
        })
        .collect();
    rank(grid, &mut results, &mut Vec::new());
    Some(results.into_iter().map(|o| (o.supplier, o.rank, o.total)).collect())
}

/// Prices the schedules of the price criteria that have one, for every offer: the compared price
/// becomes the criterion's value, what is found goes to the offer's reasons or notes. The offers
/// set aside take no part in the others' substitutes and medians: when the schedule itself sets
/// one aside, it is priced again without it.
fn price_schedules(checked: &CheckedGrid, work: &mut [Work], warnings: &mut Vec<Diagnostic>) {
    let grid = checked.grid();
    let lacks = checked.lacks_quantities();
    for (index, (_, c)) in grid.criteria().enumerate() {
        if let Some(lc) = &c.life_cycle {
            for w in work.iter_mut() {
                let (cost, findings) = crate::schedule::life_cycle_cost(c, lc, w.offer);
                w.incomplete.extend(findings.iter().map(Finding::diagnostic));
                if let Some(p) = cost {
                    w.set_price(index, c, p);
                }
            }
            continue;
        }
        let Some(schedule) = &c.schedule else { continue };
        let optional: Vec<(String, crate::Text)> =
            schedule.groups.iter().filter(|g| g.optional).map(|g| (g.id.clone(), g.label.clone())).collect();
        if !optional.is_empty() {
            let finding = match checked.pricing().kept() {
                None => Finding::PseUndecided { criterion: c.id.clone(), groups: optional.clone() },
                Some(kept) => Finding::PseKept {
                    criterion: c.id.clone(),
                    kept: optional.iter().filter(|(g, _)| kept.contains(g)).cloned().collect(),
                    left_out: optional.iter().filter(|(g, _)| !kept.contains(g)).cloned().collect(),
                },
            };
            warnings.push(finding.diagnostic());
        }
        if lacks {
            let missing = Finding::HiddenQuantitiesMissing { criterion: c.id.clone() };
            warnings.push(missing.diagnostic());
            for w in work.iter_mut() {
                w.incomplete.push(missing.diagnostic());
            }
            continue;
        }
        let offers: Vec<&Offer> = work.iter().map(|w| w.offer).collect();
        let mut compared: Vec<bool> = work.iter().map(|w| !w.irregular()).collect();
        let mut comparison =
            crate::schedule::compare(c, schedule, checked.pricing(), grid.price_basis, &offers, &compared);
        let outcomes: Vec<_> = comparison.offers.iter().map(crate::schedule::outcome).collect();
        let set_aside: Vec<bool> = outcomes.iter().map(|o| !o.irregular.is_empty()).collect();
        if set_aside.iter().zip(&compared).any(|(a, c)| *a && *c) {
            compared = compared.iter().zip(&set_aside).map(|(c, a)| *c && !*a).collect();
            comparison = crate::schedule::compare(c, schedule, checked.pricing(), grid.price_basis, &offers, &compared);
        }
        for (w, row) in work.iter_mut().zip(&comparison.offers) {
            let outcome = crate::schedule::outcome(row);
            w.irregular.extend(outcome.irregular.iter().map(Finding::diagnostic));
            w.incomplete.extend(outcome.incomplete.iter().map(Finding::diagnostic));
            w.notes.extend(outcome.notes.iter().map(Finding::diagnostic));
            if let Some(p) = outcome.price {
                w.set_price(index, c, p);
            }
            if let Some(r) = w.readings.get_mut(index) {
                r.vat = row.vat;
            }
        }
    }
}

/// Prices compared excluding taxes are what the buyer will pay only for bidders liable to VAT at
/// one rate: the VAT status each offer `compared` ([`compared_excluding_taxes`]) states on
/// criterion `index`, when they are not all the same (a bidder not liable, or different rates);
/// empty when none is compared or every status stated is one rate.
fn unequal_vat(compared: &[&Work], index: usize) -> Vec<VatStated> {
    let stated: Vec<VatStated> = compared
        .iter()
        .filter_map(|w| Some(VatStated { offer: w.offer.id.clone(), vat: w.readings.get(index)?.vat? }))
        .collect();
    let alike = stated.windows(2).all(|p| p[0].vat == p[1].vat) && stated.iter().all(|s| s.vat != Vat::Exempt);
    if alike { Vec::new() } else { stated }
}

/// The offers `compared` ([`compared_excluding_taxes`]) that state no VAT status on criterion
/// `index`: their prices are what the buyer will pay only if they are liable at the others' rate,
/// which they do not say.
fn vat_unstated(compared: &[&Work], index: usize) -> Vec<crate::OfferId> {
    compared
        .iter()
        .filter(|w| w.readings.get(index).is_none_or(|r| r.vat.is_none()))
        .map(|w| w.offer.id.clone())
        .collect()
}

/// The offers whose prices on criterion `index` are compared excluding taxes: none when prices are
/// compared taxes included or fewer than two are compared.
fn compared_excluding_taxes<'a>(grid: &Grid, work: &'a [Work], index: usize) -> Vec<&'a Work<'a>> {
    if grid.price_basis != PriceBasis::Ht {
        return Vec::new();
    }
    let compared: Vec<&Work> = work.iter().filter(|w| !w.irregular() && w.price(index).is_some()).collect();
    if compared.len() < 2 { Vec::new() } else { compared }
}

/// What every offer's result shares, computed once per evaluation: each criterion's normalised id,
/// its rule and minimum requirement in words (a price's rule under the method the evaluation uses),
/// and the ids offers may answer.
struct Shared {
    criteria: Vec<SharedCriterion>,
    /// The grid's criteria, normalised.
    known: std::collections::BTreeSet<String>,
    /// The criteria whose answers are a schedule's cells, keyed `<criterion>/<line>…`, normalised.
    schedules: std::collections::BTreeSet<String>,
}

/// One criterion's words and key, the same for every offer.
struct SharedCriterion {
    key: String,
    rule: Text,
    requirement: Option<Text>,
}

impl Shared {
    fn of(grid: &Grid, options: Options) -> Shared {
        let criteria = grid
            .criteria()
            .map(|(_, c)| SharedCriterion {
                key: normalise_id(&c.id),
                rule: match &c.rule {
                    Rule::Price { method, n } => {
                        let (method, n) = (options.price_method.unwrap_or(*method), n.unwrap_or(2.0));
                        both(|l| rules::price_formula(method, n, l))
                    }
                    _ => both(|l| rules::describe(c, l)),
                },
                requirement: c.eliminatory.as_ref().map(|e| rules::requirement(c, e)),
            })
            .collect::<Vec<_>>();
        let known = criteria.iter().map(|c| c.key.clone()).collect();
        let schedules = grid
            .criteria()
            .filter(|(_, c)| c.schedule.is_some() || c.life_cycle.is_some())
            .map(|(_, c)| normalise_id(&c.id))
            .collect();
        Shared { criteria, known, schedules }
    }
}

/// One offer on its way through the evaluation.
struct Work<'a> {
    offer: &'a Offer,
    criteria: Vec<CriterionResult>,
    readings: Vec<Reading>,
    irregular: Vec<Diagnostic>,
    incomplete: Vec<Diagnostic>,
    notes: Vec<Diagnostic>,
    flags: Vec<Flag>,
}

impl Work<'_> {
    /// A price computed from several answers (a schedule, a life-cycle cost): the criterion's value.
    fn set_price(&mut self, index: usize, c: &Criterion, p: f64) {
        if let Some(r) = self.readings.get_mut(index) {
            r.value = Some(Value::Price(p));
        }
        if let Some(result) = self.criteria.get_mut(index) {
            let v = Value::Price(p);
            result.value = to_json(&v);
            result.value_text = Some(both(|l| v.display(&c.answer, l)));
        }
    }

    fn irregular(&self) -> bool {
        !self.irregular.is_empty()
    }

    fn price(&self, index: usize) -> Option<f64> {
        match self.readings[index].value {
            Some(Value::Price(p)) => Some(p),
            _ => None,
        }
    }

    fn mark_price(
        &mut self,
        index: usize,
        criterion: &Criterion,
        method: PriceMethod,
        n: f64,
        field: Option<price::Field>,
        thresholds: Option<&crate::report::AbnormallyLow>,
    ) {
        let price = self.price(index);
        let set_aside = self.irregular();
        let result = &mut self.criteria[index];
        let (Some(p), Some(field)) = (price, field) else { return };
        if set_aside {
            // A set-aside offer's price takes no part in the comparison, so it gets no price mark.
            result.explanation = Explanation::PriceSetAside { price: p }.into();
            return;
        }
        let f = price::fraction(method, n, p, field);
        result.fraction = f;
        result.points = round(f * criterion.weight);
        result.explanation = Explanation::Price {
            method,
            n,
            weight: criterion.weight,
            price: p,
            lowest: field.lowest,
            highest: field.highest,
            points: result.points,
        }
        .into();
        if let Some(t) = thresholds {
            let (by_sd, by_m2) = price::flagged(p, t);
            if by_sd || by_m2 {
                if !self.flags.contains(&Flag::AbnormallyLow) {
                    self.flags.push(Flag::AbnormallyLow);
                }
                self.notes.push(
                    Finding::AbnormallyLow {
                        criterion: criterion.id.clone(),
                        price: p,
                        under_mean_minus_sd: by_sd.then_some(t.mean_minus_sd),
                        under_m2: by_m2.then_some(t.m2_threshold),
                    }
                    .diagnostic(),
                );
            }
        }
    }

    fn finish(self, checked: &CheckedGrid) -> OfferResult {
        let grid = checked.grid();
        let status = if self.irregular() {
            Status::Irregular
        } else if !self.incomplete.is_empty() {
            Status::Incomplete
        } else {
            Status::Ranked
        };
        let families = grid
            .families
            .iter()
            .map(|f| {
                let (points, max) = self
                    .criteria
                    .iter()
                    .filter(|c| c.family == f.id)
                    .fold((0.0, 0.0), |(p, m), c| (p + c.points, m + c.max));
                FamilyResult { id: f.id.clone(), label: f.label.clone(), points: round(points), max: round(max) }
            })
            .collect();
        let exact: f64 = self.criteria.iter().map(|c| c.points).sum();
        let total = round(exact);
        // What the missing marks could still add.
        let missing: f64 = self
            .criteria
            .iter()
            .filter(|c| self.incomplete.iter().any(|d| d.criterion.as_deref() == Some(c.id.as_str())))
            .map(|c| c.max - c.points)
            .sum();
        let reachable = (status == Status::Incomplete)
            .then(|| crate::report::Reachable { lowest: total, highest: round(exact + missing) });
        let mut reasons = self.irregular;
        reasons.extend(self.incomplete);
        OfferResult {
            supplier: self.offer.supplier.name.clone(),
            siret: self.offer.supplier.siret.clone(),
            id: self.offer.id.clone(),
            source: self.offer.source.clone(),
            variant: self.offer.variant.clone(),
            sha256: self.offer.sha256.clone(),
            status,
            total,
            rank: None,
            reasons,
            flags: self.flags,
            notes: self.notes,
            families,
            criteria: self.criteria,
            reachable,
            exact,
        }
    }
}

fn first_pass<'a>(checked: &CheckedGrid, offer: &'a Offer, ctx: &Context, shared: &Shared) -> Work<'a> {
    let grid = checked.grid();
    let responses: BTreeMap<String, &Response> = offer.responses.iter().map(|(k, v)| (normalise_id(k), v)).collect();
    let marks: BTreeMap<String, _> = offer.marks.iter().map(|(k, v)| (normalise_id(k), v)).collect();
    let mut work = Work {
        offer,
        criteria: Vec::new(),
        readings: Vec::new(),
        irregular: Vec::new(),
        incomplete: Vec::new(),
        notes: offer.diagnostics.clone(),
        flags: Vec::new(),
    };
    work.notes.extend(offer_notes(grid, offer, shared));
    work.criteria.reserve(shared.criteria.len());
    work.readings.reserve(shared.criteria.len());
    for ((family, c), words) in grid.criteria().zip(&shared.criteria) {
        let (response, mark) = (responses.get(&words.key).copied(), marks.get(&words.key).copied());
        let (result, reading) = criterion(&mut work, grid, &family.id, c, words, response, mark, ctx);
        work.criteria.push(result);
        work.readings.push(reading);
    }
    work
}

/// What an offer says of itself, whatever the criteria: its SIRET, its supplier's name, the grid
/// it answers and its answers to criteria the grid does not have.
fn offer_notes(grid: &Grid, offer: &Offer, shared: &Shared) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    notes.extend(siret_diagnostic(&offer.supplier));
    if offer.supplier.name.trim().is_empty() {
        notes.push(Finding::NoSupplierName.diagnostic());
    }
    if let Some(r) = &offer.grid
        && (r.id != grid.id || r.version != grid.version)
    {
        notes.push(
            Finding::OtherGrid {
                answered_id: r.id.clone(),
                answered_version: r.version.clone(),
                grid_id: grid.id.clone(),
                grid_version: grid.version.clone(),
            }
            .diagnostic(),
        );
    }
    // A schedule's cells are keyed `<criterion>/<line>…`.
    let in_schedule = |k: &str| k.split_once('/').is_some_and(|(c, _)| shared.schedules.contains(&normalise_id(c)));
    let mut unknown = Named::default();
    for id in offer.responses.keys().filter(|k| !shared.known.contains(&normalise_id(k)) && !in_schedule(k)) {
        unknown.count(&mut notes, || Finding::UnknownCriterion { criterion: id.clone() }.diagnostic());
    }
    notes.extend(unknown.more(|count| Finding::UnknownCriteriaMore { count }.diagnostic()));
    // Marks are few (a marks file is capped): each one for nothing is named.
    for id in offer.marks.keys().filter(|k| !shared.known.contains(&normalise_id(k))) {
        notes.push(Finding::MarkIgnored { criterion: id.clone(), automatic: false }.diagnostic());
    }
    notes
}

/// One criterion of one offer: the answer read, the minimum requirement checked, and the points
/// earned (a price's are given later, among the offers).
#[allow(clippy::too_many_arguments)] // one criterion's inputs, each used once
fn criterion(
    work: &mut Work,
    grid: &Grid,
    family: &str,
    c: &Criterion,
    words: &SharedCriterion,
    response: Option<&Response>,
    mark: Option<&ManualMark>,
    ctx: &Context,
) -> (CriterionResult, Reading) {
    let raw = response.and_then(|r| r.raw.as_ref());
    let reading = interpret(raw, &c.answer, ctx);
    let mut result = CriterionResult {
        id: c.id.clone(),
        family: family.to_string(),
        raw: raw.map(|r| r.display(Lang::Fr)),
        location: response.and_then(|r| r.location.clone()),
        comment: response.and_then(|r| r.comment.clone()),
        value: reading.value.as_ref().map_or(serde_json::Value::Null, to_json),
        value_text: reading.value.as_ref().map(|v| both(|l| v.display(&c.answer, l))),
        rule: words.rule.clone(),
        fraction: 0.0,
        points: 0.0,
        max: c.weight,
        explanation: Explained::default(),
        notes: reading.notes.clone(),
        problem: reading.problem.clone(),
        eliminatory: None,
        mark: None,
        unmatched: reading.unmatched.clone(),
        marked_out_of: None,
    };
    // Words an evaluator reads: no option of the grid matches them, or they could not be read as
    // the criterion asks (a price excepted: it is stated, never marked). Their reading is a valid
    // mark out of the criterion's weight with its appraisal.
    let unreadable =
        reading.value.is_none() && reading.problem.is_some() && raw.is_some() && !matches!(c.rule, Rule::Price { .. });
    let settled = (reading.unmatched.is_some() || unreadable)
        .then_some(mark)
        .flatten()
        .filter(|m| m.mark.is_finite() && (0.0..=c.weight).contains(&m.mark) && !m.appraisal.trim().is_empty());
    // A price computed from a schedule or a life-cycle cost has no answer of its own to check
    // here: its cells are the schedule's, and a missing price follows the rule the grid announces.
    let computed = c.schedule.is_some() || c.life_cycle.is_some();
    if let Some(e) = c.eliminatory.as_ref().filter(|_| !computed) {
        let written = unreadable.then(|| result.raw.clone().unwrap_or_default());
        let requirement = words.requirement.clone().unwrap_or_else(|| rules::requirement(c, e));
        let found = answer(result.value_text.as_ref(), &reading, result.raw.as_deref());
        result.eliminatory = Some(self::requirement(work, c, e, requirement, &reading, found, settled, written));
    }
    result.marked_out_of = match &c.rule {
        Rule::Price { .. } => None,
        Rule::Manual { out_of, .. } => Some(out_of.unwrap_or(c.weight)),
        _ => (reading.unmatched.is_some() || unreadable).then_some(c.weight),
    };
    // A mark counts only where the evaluators mark (a manual criterion, words they must read).
    if mark.is_some() && result.marked_out_of.is_none() {
        work.notes.push(Finding::MarkIgnored { criterion: c.id.clone(), automatic: true }.diagnostic());
    }
    match &c.rule {
        Rule::Price { .. } => price(work, grid, c, &reading, &mut result),
        Rule::Manual { out_of, .. } => manual(work, c, *out_of, mark, &mut result),
        rule => automatic(work, c, rule, &reading, settled, unreadable, &mut result),
    }
    (result, reading)
}

/// Whether the answer meets the criterion's minimum requirement; an offer that does not is
/// irregular, one whose words the evaluators must still read is incomplete.
#[allow(clippy::too_many_arguments)] // the criterion, its reading and its shared words
fn requirement(
    work: &mut Work,
    c: &Criterion,
    e: &Eliminatory,
    requirement: Text,
    reading: &Reading,
    found: Answer,
    settled: Option<&ManualMark>,
    unreadable: Option<String>,
) -> EliminatoryOutcome {
    let meets = rules::meets(e, reading.value.as_ref());
    // Words the options do not match are read by the evaluators: a mark above 0 says the
    // answer meets the requirement, 0 that it does not; until then it is to be checked.
    let passed = meets || settled.is_some_and(|m| m.mark > 0.0);
    if !passed && reading.other_basis.is_some() {
        // A price on the other tax basis is a point to settle, worded by the price below.
    } else if !passed && reading.unmatched.is_some() && settled.is_none() {
        work.incomplete.push(
            Finding::UnsettledRequirement {
                criterion: c.id.clone(),
                label: c.label.clone(),
                answer: reading.unmatched.clone().unwrap_or_default(),
                weight: c.weight,
            }
            .diagnostic(),
        );
    } else if let (false, Some(answer), None, Some(problem)) = (passed, unreadable, settled, &reading.problem) {
        // An answer Jauge cannot read never sets an offer aside on its own: an evaluator reads it.
        work.incomplete.push(
            Finding::UnreadableRequirement {
                criterion: c.id.clone(),
                label: c.label.clone(),
                answer,
                problem: problem.clone(),
                weight: c.weight,
            }
            .diagnostic(),
        );
    } else if !passed {
        work.irregular.push(
            Finding::Eliminatory {
                criterion: c.id.clone(),
                label: c.label.clone(),
                requirement: requirement.clone(),
                answer: found,
            }
            .diagnostic(),
        );
    }
    EliminatoryOutcome { requirement, passed }
}

/// A price in the first pass: a price on the other tax basis is a point to settle, a missing one
/// makes the offer irregular; the points are given in the second pass, among the offers.
fn price(work: &mut Work, grid: &Grid, c: &Criterion, reading: &Reading, result: &mut CriterionResult) {
    if c.schedule.is_some() || c.life_cycle.is_some() {
        // Priced from its schedule or its life-cycle cost (`price_schedules`).
        return;
    }
    if let Some(given) = reading.other_basis {
        let wanted = grid.price_basis;
        work.incomplete.push(Finding::PriceBasisToSettle { criterion: c.id.clone(), given, wanted }.diagnostic());
        result.explanation = Explanation::PriceToObtain { wanted }.into();
    } else if reading.value.is_none() {
        let problem = reading.problem.clone();
        // A required price that already failed as a minimum requirement needs no second reason.
        let already = work.irregular.iter().any(|d| d.criterion.as_deref() == Some(c.id.as_str()));
        if !already {
            work.irregular.push(Finding::NoPrice { criterion: c.id.clone(), problem: problem.clone() }.diagnostic());
        }
        result.explanation = Explanation::NoPrice { problem }.into();
    }
    // Marked in the second pass, against the other offers.
}

/// A manual criterion: the evaluators' mark with its written appraisal.
fn manual(
    work: &mut Work,
    c: &Criterion,
    out_of: Option<f64>,
    mark: Option<&ManualMark>,
    result: &mut CriterionResult,
) {
    let out_of = out_of.unwrap_or(c.weight);
    match mark {
        Some(m) if !(m.mark.is_finite() && (0.0..=out_of).contains(&m.mark)) => {
            work.incomplete.push(
                Finding::InvalidMark { criterion: c.id.clone(), label: c.label.clone(), mark: m.mark, out_of }
                    .diagnostic(),
            );
            result.explanation = Explanation::InvalidMark.into();
        }
        Some(m) if m.appraisal.trim().is_empty() => {
            work.incomplete
                .push(Finding::MissingAppraisal { criterion: c.id.clone(), label: c.label.clone() }.diagnostic());
            result.mark = Some((*m).clone());
            result.explanation = Explanation::MissingAppraisal.into();
        }
        Some(m) => {
            let f = rules::clamp01(m.mark / out_of);
            result.fraction = f;
            result.points = round(f * c.weight);
            result.mark = Some((*m).clone());
            result.explanation = Explanation::Manual {
                mark: m.mark,
                out_of,
                fraction: f,
                weight: c.weight,
                points: result.points,
                appraisal: m.appraisal.trim().to_string(),
            }
            .into();
        }
        None => {
            work.incomplete.push(Finding::MissingMark { criterion: c.id.clone(), label: c.label.clone() }.diagnostic());
            result.explanation = Explanation::MissingMark.into();
        }
    }
}

/// An automatic rule: the fraction of the weight the answer earns, or the evaluators' mark for
/// words no option matches.
fn automatic(
    work: &mut Work,
    c: &Criterion,
    rule: &Rule,
    reading: &Reading,
    settled: Option<&ManualMark>,
    unreadable: bool,
    result: &mut CriterionResult,
) {
    match (&reading.unmatched, settled) {
        (Some(words), Some(m)) => {
            let f = rules::clamp01(m.mark / c.weight);
            result.fraction = f;
            result.points = round(f * c.weight);
            result.mark = Some(m.clone());
            result.explanation = Explanation::Read {
                words: words.clone(),
                mark: m.mark,
                weight: c.weight,
                points: result.points,
                appraisal: m.appraisal.trim().to_string(),
            }
            .into();
        }
        (Some(words), None) => {
            work.incomplete.push(
                Finding::UnsettledAnswer {
                    criterion: c.id.clone(),
                    label: c.label.clone(),
                    words: words.clone(),
                    weight: c.weight,
                }
                .diagnostic(),
            );
            // What was recognised counts meanwhile: the evaluators' mark can only settle the rest.
            let f = rules::fraction(rule, reading.value.as_ref()).unwrap_or(0.0);
            result.fraction = f;
            result.points = round(f * c.weight);
            result.explanation = Explanation::ToRead {
                words: words.clone(),
                answer: answer(result.value_text.as_ref(), reading, result.raw.as_deref()),
                fraction: f,
                weight: c.weight,
                points: result.points,
            }
            .into();
        }
        // An unreadable answer, read by the evaluators: their mark.
        (None, Some(m)) => {
            let f = rules::clamp01(m.mark / c.weight);
            result.fraction = f;
            result.points = round(f * c.weight);
            result.mark = Some(m.clone());
            result.explanation = Explanation::ReadUnreadable {
                answer: result.raw.clone().unwrap_or_default(),
                mark: m.mark,
                weight: c.weight,
                points: result.points,
                appraisal: m.appraisal.trim().to_string(),
            }
            .into();
        }
        // An answer that could not be read is read by an evaluator, never a silent 0; when it
        // is also a minimum requirement, that finding already says so.
        (None, None) if unreadable => {
            let (answer, problem) =
                (result.raw.clone().unwrap_or_default(), reading.problem.clone().unwrap_or_default());
            if c.eliminatory.is_none() {
                work.incomplete.push(
                    Finding::UnreadableAnswer {
                        criterion: c.id.clone(),
                        label: c.label.clone(),
                        answer: answer.clone(),
                        problem: problem.clone(),
                        weight: c.weight,
                    }
                    .diagnostic(),
                );
            }
            result.explanation = Explanation::Unreadable { answer, problem, weight: c.weight }.into();
        }
        (None, None) => {
            let f = rules::fraction(rule, reading.value.as_ref()).unwrap_or(0.0);
            result.fraction = f;
            result.points = round(f * c.weight);
            let answer = answer(result.value_text.as_ref(), reading, result.raw.as_deref());
            result.explanation =
                Explanation::Answer { answer, fraction: f, weight: c.weight, points: result.points }.into();
        }
    }
}

/// The answer found, as the findings and explanations quote it: `shown`, the value in words
/// (the result's `value_text`), when there is one; else why it could not be read, or the words
/// `raw` that answer nothing.
fn answer(shown: Option<&Text>, reading: &Reading, raw: Option<&str>) -> Answer {
    match (shown, &reading.problem, raw.map(str::trim).filter(|r| !r.is_empty())) {
        (Some(v), _, _) => Answer::Given(v.clone()),
        (None, Some(p), _) => Answer::Unreadable(p.clone()),
        (None, None, Some(words)) => Answer::Blank(words.to_string()),
        (None, None, None) => Answer::Missing,
    }
}

/// Ranks the ranked offers by exact total (competition ranking: tied offers share a rank), applies
/// the tie-break rules the grid announces, flags the ties no rule separates, and orders the list:
/// ranked, then incomplete, then irregular.
fn rank(grid: &Grid, results: &mut [OfferResult], warnings: &mut Vec<Diagnostic>) {
    let ties = grid.ties.clone().unwrap_or_default();
    // Totals are equal when exactly equal (to a billionth of a point, below floating-point noise
    // of sums of rounded points), or equal once rounded as the grid announces.
    let key = |t: f64| match ties.decimals {
        Some(d) => (t * 10f64.powi(i32::from(d))).round() as i64,
        None => (t * 1e9).round() as i64,
    };
    let price = |o: &OfferResult| -> f64 {
        o.criteria
            .iter()
            .filter(|c| matches!(grid.criterion(&c.id).map(|k| &k.rule), Some(Rule::Price { .. })))
            .filter_map(|c| c.value.as_f64())
            .sum()
    };
    // The announced rules, in order: `Less` when `a` comes first.
    let by_rules = |a: &OfferResult, b: &OfferResult| -> (std::cmp::Ordering, Option<usize>) {
        for (i, rule) in ties.break_by.iter().enumerate() {
            let order = match rule {
                TieBreak::Family(id) => {
                    let points =
                        |o: &OfferResult| o.families.iter().find(|f| same_id(&f.id, id)).map_or(0.0, |f| f.points);
                    points(b).total_cmp(&points(a))
                }
                TieBreak::Criterion(id) => {
                    let points =
                        |o: &OfferResult| o.criteria.iter().find(|c| same_id(&c.id, id)).map_or(0.0, |c| c.points);
                    points(b).total_cmp(&points(a))
                }
                TieBreak::Price => price(a).total_cmp(&price(b)),
            };
            if order != std::cmp::Ordering::Equal {
                return (order, Some(i));
            }
        }
        (std::cmp::Ordering::Equal, None)
    };
    results.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then_with(|| key(b.exact).cmp(&key(a.exact)))
            .then_with(|| if a.status == Status::Ranked { by_rules(a, b).0 } else { std::cmp::Ordering::Equal })
            .then_with(|| a.supplier.cmp(&b.supplier))
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.id.cmp(&b.id))
    });
    let ranked: Vec<usize> = (0..results.len()).filter(|i| results[*i].status == Status::Ranked).collect();
    let mut broken: Vec<(usize, usize, usize)> = Vec::new();
    for (position, &i) in ranked.iter().enumerate() {
        let previous = position.checked_sub(1).map(|p| ranked[p]);
        let rank = match previous {
            Some(p) if key(results[p].exact) == key(results[i].exact) => match by_rules(&results[p], &results[i]) {
                (std::cmp::Ordering::Equal, _) => results[p].rank,
                (_, rule) => {
                    broken.push((p, i, rule.unwrap_or(0)));
                    Some(position as u32 + 1)
                }
            },
            _ => Some(position as u32 + 1),
        };
        results[i].rank = rank;
    }
    for (p, i, rule) in broken {
        let (ahead, behind) = (results[p].supplier.clone(), results[i].supplier.clone());
        let total = results[i].total;
        let rule = tie_rule(grid, &ties.break_by[rule.min(ties.break_by.len().saturating_sub(1))]);
        let note = Finding::TieBroken { total, ahead, behind, rule }.diagnostic();
        results[p].notes.push(note.clone());
        results[i].notes.push(note.clone());
        warnings.push(note);
    }
    let mut groups: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for &i in &ranked {
        groups.entry(results[i].rank.unwrap_or(0)).or_default().push(i);
    }
    let announced = !ties.break_by.is_empty();
    for group in groups.values().filter(|g| g.len() > 1) {
        let names: Vec<String> = group.iter().map(|&i| results[i].supplier.clone()).collect();
        let rank = results[group[0]].rank.unwrap_or(0);
        let total = results[group[0]].total;
        for &i in group {
            results[i].flags.push(Flag::Tie);
            results[i].flags.sort();
        }
        warnings.push(Finding::Tie { rank, total, suppliers: names, announced }.diagnostic());
    }
}

/// A tie-break rule in words.
pub fn tie_rule(grid: &Grid, rule: &TieBreak) -> Text {
    tie_rule_data(grid, rule).text()
}

/// A tie-break rule as data, with the label of the family or criterion it names.
fn tie_rule_data(grid: &Grid, rule: &TieBreak) -> TieRule {
    match rule {
        TieBreak::Family(id) => TieRule::Family {
            id: id.clone(),
            label: grid.families.iter().find(|f| same_id(&f.id, id)).map(|f| f.label.clone()),
        },
        TieBreak::Criterion(id) => {
            TieRule::Criterion { id: id.clone(), label: grid.criterion(id).map(|c| c.label.clone()) }
        }
        TieBreak::Price => TieRule::Price,
    }
}

/// The announced tie rule in words, for the form and the method: the rounding, then each rule.
pub fn ties_text(grid: &Grid, lang: Lang) -> String {
    let ties = grid.ties.clone().unwrap_or_default();
    TieRules { decimals: ties.decimals, rules: ties.break_by.iter().map(|r| tie_rule_data(grid, r)).collect() }
        .describe(lang)
}

/// The grid's definition of a working day, for the form and the method, when a criterion's
/// answers may be converted by it ([`Grid::working_time_criteria`]): the conversion an answer in
/// working days to a criterion counted in hours undergoes is announced, not only applied.
pub fn working_day_text(grid: &Grid, lang: Lang) -> Option<String> {
    let ids: Vec<&str> = grid.working_time_criteria().map(|c| c.id.as_str()).collect();
    if ids.is_empty() {
        return None;
    }
    let hours = crate::text::number(grid.working_day_hours, 2, lang);
    let ids = ids.join(", ");
    Some(lang.pick(
        format!("Durées : un jour ouvré compte pour {hours} h ; une réponse en jours ouvrés à un critère qui compte en heures ou en minutes, ou l'inverse, est convertie à ce taux ({ids})."),
        format!("Durations: one working day counts as {hours} h; an answer in working days to a criterion counted in hours or minutes, or the reverse, is converted at that rate ({ids})."),
    ))
}

/// Rounds points to four decimals, so that reports do not show floating-point noise.
fn round(x: f64) -> f64 {
    // `+ 0.0` turns −0 (a worst-case linear rule) into 0, which exports write as "0", not "-0".
    (x * 10_000.0).round() / 10_000.0 + 0.0
}

fn to_json(value: &Value) -> serde_json::Value {
    match value {
        Value::Bool(b) => (*b).into(),
        Value::Number(n) | Value::Price(n) => (*n).into(),
        Value::Choice(s) | Value::Url(s) | Value::Text(s) => s.clone().into(),
        Value::Choices(ids) => ids.clone().into(),
        Value::Date(d) => d.iso().into(),
    }
}
