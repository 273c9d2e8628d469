//! Reading and checking a grid: every problem listed at once, warnings from procurement law,
//! and the SHA-256 fingerprint of the canonical form.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};

use sha2::{Digest, Sha256};
use validator::{Validate, ValidationError, ValidationErrors};

use crate::diagnostic::{Diagnostic, Severity};
use crate::error::{Document, Error};
use crate::grid::{
    Answer, Band, ChoiceOption, Criterion, Eliminatory, Grid, PriceMethod, Rule, SUPPORTED_FORMATS, normalise_id,
    same_id,
};
use crate::law::{Law, cite};
use crate::text::{Text, both, number};

/// A grid that passed every check. The evaluation only accepts this form.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckedGrid {
    // Invariant: `grid` has no problem of severity `Error` (see `problems`).
    grid: Grid,
    // Invariant: SHA-256 of the canonical JSON form of the file `grid` was read from, in hex.
    fingerprint: String,
    warnings: Vec<Diagnostic>,
    // The lot this grid is, when made by `CheckedGrid::lot`: `fingerprint` is then the whole grid's.
    lot: Option<String>,
    // The buyer's hidden quantities and decision on optional services, for the schedules.
    pricing: crate::schedule::Pricing,
}

impl CheckedGrid {
    /// Reads and checks a grid file. Every problem is listed in [`Error::InvalidGrid`].
    pub fn from_json(source: &str) -> Result<CheckedGrid, Error> {
        let value: serde_json::Value =
            { crate::located::from_str(source).map_err(|e| Error::syntax(Document::Grid, e))? };
        Document::Grid.expect_value(&value)?;
        let format = value.get("format").and_then(|f| f.as_str()).unwrap_or_default();
        if !SUPPORTED_FORMATS.contains(&format) {
            return Err(Error::GridFormat { found: format.to_string() });
        }
        let grid = read_grid(source)?;
        let fingerprint = fingerprint(&value);
        CheckedGrid::new(grid, fingerprint)
    }

    /// Checks a grid built in memory; the fingerprint is that of its serialised form.
    pub fn from_grid(grid: Grid) -> Result<CheckedGrid, Error> {
        let value = serde_json::to_value(&grid).unwrap_or_default();
        CheckedGrid::new(grid, fingerprint(&value))
    }

    fn new(grid: Grid, fingerprint: String) -> Result<CheckedGrid, Error> {
        let problems = problems(&grid);
        if !problems.is_empty() {
            return Err(Error::InvalidGrid { problems });
        }
        let warnings = warnings(&grid);
        Ok(CheckedGrid { grid, fingerprint, warnings, lot: None, pricing: Default::default() })
    }

    /// The checked grid of one lot ([`crate::lot::lot_grid`]: the lot's criteria with its
    /// weights), or `None` when the grid has no such lot. Its fingerprint is the whole grid's,
    /// the file a member holds, and [`CheckedGrid::lot_id`] records the lot.
    pub fn lot(&self, id: &str) -> Option<CheckedGrid> {
        let lot = self.grid.lot(id)?;
        let grid = crate::lot::lot_grid(&self.grid, lot);
        let warnings = warnings(&grid);
        Some(CheckedGrid {
            grid,
            fingerprint: self.fingerprint.clone(),
            warnings,
            lot: Some(lot.id.clone()),
            pricing: self.pricing.clone(),
        })
    }

    /// The grid with the buyer's hidden quantities (`jauge-quantities/1`, the DQE kept from
    /// bidders), checked against its schedules; every problem is listed in
    /// [`Error::InvalidGrid`]. The grid's fingerprint is unchanged: the quantities never go in the
    /// response form.
    pub fn with_quantities(self, source: &str) -> Result<CheckedGrid, Error> {
        self.hiding(&crate::schedule::read_quantities(source)?)
    }

    /// The grid with the buyer's hidden quantities already read (those a session carries),
    /// checked against its schedules as [`CheckedGrid::with_quantities`] does.
    pub fn hiding(self, q: &crate::grid::Quantities) -> Result<CheckedGrid, Error> {
        let problems = crate::schedule::quantity_problems(&self.grid, q);
        if !problems.is_empty() {
            return Err(Error::InvalidGrid { problems });
        }
        let pricing = self.pricing.clone().with_quantities(q);
        Ok(CheckedGrid { pricing, ..self })
    }

    /// The grid with the buyer's decision on optional services (PSE): the optional groups kept,
    /// by id (ids the schedules do not have are ignored). Until it is given, the base alone is
    /// compared.
    pub fn keeping(self, kept: &[String]) -> CheckedGrid {
        let mut pricing = self.pricing.clone();
        pricing.kept = Some(kept.iter().map(|k| k.trim().to_string()).collect());
        CheckedGrid { pricing, ..self }
    }

    /// The same grid read with another working day: answers converted between hours and working
    /// days with `hours` in place of the grid's `working_day_hours`. A hypothesis to compare
    /// evaluations with (is the award the grid's convention's?), never a grid of its own: the
    /// fingerprint stays the grid's. A length out of the grid's range (above 0, at most 24) leaves
    /// the grid as it is.
    pub fn with_working_day(&self, hours: f64) -> CheckedGrid {
        let mut other = self.clone();
        if hours > 0.0 && hours <= 24.0 {
            other.grid.working_day_hours = hours;
        }
        other
    }

    /// The hidden quantities and the decision on optional services the schedules are priced with.
    pub fn pricing(&self) -> &crate::schedule::Pricing {
        &self.pricing
    }

    /// Whether a schedule has lines whose quantity is kept from bidders and not yet given
    /// ([`CheckedGrid::with_quantities`]).
    pub fn lacks_quantities(&self) -> bool {
        self.grid.criteria().any(|(_, c)| {
            c.schedule.as_ref().is_some_and(|s| {
                s.lines.iter().any(|l| {
                    l.quantity.is_none()
                        && !self
                            .pricing
                            .hidden
                            .get(&normalise_id(&c.id))
                            .is_some_and(|h| h.contains_key(&normalise_id(&l.id)))
                })
            })
        })
    }

    /// The lot this grid is, when it was made by [`CheckedGrid::lot`].
    pub fn lot_id(&self) -> Option<&str> {
        self.lot.as_deref()
    }

    /// The grid.
    pub fn grid(&self) -> &Grid {
        &self.grid
    }

    /// SHA-256 of the canonical form (RFC 8785 JSON canonicalisation), 64 hex digits.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Warnings: accepted, but worth the buyer's attention (some are required by law).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }
}

/// SHA-256 of the RFC 8785 canonical form of a JSON value: key order, spacing and number
/// spelling (`1.0` and `1`) do not change it.
pub fn fingerprint(value: &serde_json::Value) -> String {
    let canonical = serde_json_canonicalizer::to_string(value).unwrap_or_default();
    sha256_hex(canonical.as_bytes())
}

/// [`fingerprint`] of what `value` serialises to: the same bytes, written in canonical form as
/// the value is serialised (`canonical`, an offer's content being sealed when its file is read),
/// without building it as a JSON value. A value that cannot be serialised is fingerprinted as
/// `null`, as [`fingerprint`] of a default value is.
pub fn fingerprint_of<T: serde::Serialize>(value: &T) -> String {
    let mut written = Vec::new();
    match crate::canonical::write(value, &mut written) {
        Ok(()) => sha256_hex(&written),
        Err(_) => fingerprint(&serde_json::Value::Null),
    }
}

/// SHA-256 of bytes in lower-case hexadecimal: the fingerprint of an offer file as received.
pub fn sha256_hex(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(2 * digest.len());
    for b in digest {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 15)]));
    }
    hex
}

/// Reads a grid file's text into a [`Grid`] without checking it (a grid being written may break
/// its rules; [`problems`] lists them). [`CheckedGrid::from_json`] reads it the same way.
pub fn read_grid(source: &str) -> Result<Grid, Error> {
    crate::located::from_str(source).map_err(|e| Error::syntax(Document::Grid, e))
}

/// Every problem of a grid (severity `Error`), each naming the criterion or family and the field.
pub fn problems(grid: &Grid) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut push = |d: Diagnostic| out.push(d.clone());
    fields(grid.validate(), "", &mut push);
    if grid.title.fr.trim().is_empty() {
        push(missing_french("title"));
    }
    // With lots, the weights and the price criterion are checked lot by lot (`lot::problems`).
    let lots = !grid.lots.is_empty();
    if !lots && !grid.families.is_empty() && !grid.criteria().any(|(_, c)| matches!(c.rule, Rule::Price { .. })) {
        push(
            error(
                "no_price_criterion",
                both(|l| match l {
                    crate::Lang::Fr => format!("la grille n'a aucun critère de prix : l'offre économiquement la plus avantageuse s'apprécie sur le prix ou le coût, seul ou parmi d'autres critères ({}) ; ajouter un critère de prix", cite(Law::R2152_7)),
                    crate::Lang::En => format!("the grid has no price criterion: the most economically advantageous offer is judged on price or cost, alone or among other criteria ({}); add a price criterion", cite(Law::R2152_7)),
                }),
            )
            .field("families"),
        );
    }
    if grid.framework.is_some_and(|f| f.holders == 0) {
        push(error("framework_holders", crate::lot::no_holders()).field("framework.holders"));
    }
    if let Some(ties) = &grid.ties {
        if ties.decimals.is_some_and(|d| d > 4) {
            push(
                error(
                    "tie_decimals",
                    both(|l| {
                        l.pick(
                            "l'arrondi des totaux se fait à 4 décimales au plus",
                            "totals are rounded to 4 decimals at most",
                        )
                        .to_string()
                    }),
                )
                .field("ties.decimals"),
            );
        }
        for rule in &ties.break_by {
            let unknown = match rule {
                crate::grid::TieBreak::Family(id) => (!grid.families.iter().any(|f| same_id(&f.id, id))).then_some(id),
                crate::grid::TieBreak::Criterion(id) => grid.criterion(id).is_none().then_some(id),
                crate::grid::TieBreak::Price => None,
            };
            if let Some(id) = unknown {
                push(
                    error(
                        "tie_break_unknown",
                        both(|l| match l {
                            crate::Lang::Fr => format!("la règle de départage cite « {id} », absent de la grille"),
                            crate::Lang::En => format!("the tie-break rule names \"{id}\", which is not in the grid"),
                        }),
                    )
                    .field("ties.break_by"),
                );
            }
        }
    }
    if grid.families.is_empty() {
        push(
            error(
                "no_family",
                both(|l| {
                    l.pick("la grille n'a aucune famille de critères", "the grid has no family of criteria").to_string()
                }),
            )
            .field("families"),
        );
    }
    let mut family_ids = BTreeSet::new();
    let mut criterion_ids: HashMap<String, String> = HashMap::new();
    for family in &grid.families {
        let at = |d: Diagnostic| d.family(&family.id);
        fields(family.validate(), "", &mut |d| push(at(d)));
        if !family_ids.insert(family.id.clone()) {
            push(at(duplicate(&family.id, "id")));
        }
        if family.label.fr.trim().is_empty() {
            push(at(missing_french("label")));
        }
        if family.criteria.is_empty() {
            push(at(error(
                "empty_family",
                both(|l| l.pick("la famille n'a aucun critère", "the family has no criterion").to_string()),
            )
            .field("criteria")));
        }
        for criterion in &family.criteria {
            let at = |d: Diagnostic| d.criterion(&criterion.id);
            fields(criterion.validate(), "", &mut |d| push(at(d)));
            if let Some(first) = criterion_ids.insert(normalise_id(&criterion.id), criterion.id.clone()) {
                let msg = both(|l| match l {
                    crate::Lang::Fr => format!("identifiant en double (déjà utilisé par « {first} »)"),
                    crate::Lang::En => format!("duplicate identifier (already used by \"{first}\")"),
                });
                push(at(error("duplicate_id", msg).field("id")));
            }
            for (field, text) in [("label", &criterion.label), ("question", &criterion.question)] {
                if text.fr.trim().is_empty() {
                    push(at(missing_french(field)));
                }
            }
            for d in criterion_problems(criterion) {
                push(at(d));
            }
        }
    }
    let total: f64 = grid.criteria().map(|(_, c)| c.weight).sum();
    if !lots && grid.scale > 0.0 && (total - grid.scale).abs() > 1e-6 * grid.scale.max(1.0) {
        let msg = both(|l| match l {
            crate::Lang::Fr => format!(
                "la somme des poids vaut {} ; elle doit être égale au barème ({})",
                number(total, 4, l),
                number(grid.scale, 4, l)
            ),
            crate::Lang::En => format!(
                "the weights add up to {}; they must equal the scale ({})",
                number(total, 4, l),
                number(grid.scale, 4, l)
            ),
        });
        push(error("weights_sum", msg).field("scale"));
    }
    out.extend(parent_problems(grid));
    if grid
        .follow_on
        .as_ref()
        .is_some_and(|f| f.holders.is_empty() || f.holders.iter().any(|h| h.name.trim().is_empty()))
    {
        out.push(
            error(
                "follow_on_holders",
                Text::new(
                    "un marché subséquent nomme les titulaires de l'accord-cadre, chacun avec son nom",
                    "a follow-on contract names the framework agreement's holders, each with its name",
                ),
            )
            .field("follow_on.holders"),
        );
    }
    out.extend(crate::lot::problems(grid));
    out
}

/// The checks of one criterion that span fields: the answer is well formed, the rule and the
/// eliminatory conditions fit it. Each check adds its problems in this order.
fn criterion_problems(c: &Criterion) -> Vec<Diagnostic> {
    let mut out = Problems::default();
    answer_problems(&c.answer, &mut out);
    rule_problems(&c.rule, &c.answer, &mut out);
    if let Some(e) = &c.eliminatory {
        eliminatory_problems(e, &c.answer, &mut out);
    }
    if let Some(s) = &c.schedule {
        schedule_problems(s, &c.rule, &mut out);
    }
    if let Some(b) = &c.budget {
        budget_problems(b, &c.rule, &mut out);
    }
    if let Some(lc) = &c.life_cycle {
        life_cycle_problems(lc, c, &mut out);
    }
    out.0
}

/// The problems of one criterion, in the order the checks find them.
#[derive(Default)]
struct Problems(Vec<Diagnostic>);

impl Problems {
    /// A problem of severity `Error` on `field`, in French and English.
    fn bad(&mut self, code: &str, field: &str, fr: String, en: String) {
        self.0.push(error(code, Text::new(fr, en)).field(field));
    }

    /// The rule named `rule` does not fit the type of `answer`.
    fn mismatch(&mut self, rule: &str, answer: &Answer) {
        let type_name = answer.type_name();
        self.bad(
            "rule_mismatch",
            "rule.kind",
            format!("la règle « {rule} » ne convient pas à une réponse de type « {type_name} »"),
            format!("the \"{rule}\" rule does not fit a \"{type_name}\" answer"),
        );
    }

    /// `field` names the option `id`, which `answer` does not offer.
    fn unknown_option(&mut self, field: &str, id: &str) {
        self.bad(
            "unknown_option",
            field,
            format!("l'option « {id} » n'existe pas dans la réponse"),
            format!("option \"{id}\" does not exist in the answer"),
        );
    }

    /// A fraction on `field` outside 0 to 1.
    fn fraction(&mut self, field: &str, fraction: f64) {
        if !(0.0..=1.0).contains(&fraction) {
            self.bad(
                "fraction",
                field,
                format!("la fraction {fraction} doit être entre 0 et 1"),
                format!("the fraction {fraction} must be between 0 and 1"),
            );
        }
    }

    /// A minimum above the maximum, reported on `field`.
    fn bounds(&mut self, field: &str, min: f64, max: f64) {
        if min > max {
            self.bad(
                "bounds",
                field,
                format!("le minimum ({min}) dépasse le maximum ({max})"),
                format!("the minimum ({min}) exceeds the maximum ({max})"),
            );
        }
    }
}

/// Whether `answer` has options and `id` is not one of them (answers without options are
/// reported as a mismatch instead).
fn lacks_option(answer: &Answer, id: &str) -> bool {
    let options = answer.options();
    !options.is_empty() && !options.iter().any(|o| o.id == id)
}

/// The answer itself: numeric bounds in order, a duration in a time unit, usable options.
fn answer_problems(answer: &Answer, out: &mut Problems) {
    match answer {
        Answer::Number { min: Some(min), max: Some(max), .. } => out.bounds("answer.min", *min, *max),
        Answer::Duration { unit } if !unit.is_time() => out.bad(
            "unit",
            "answer.unit",
            format!("une durée doit être exprimée en unité de temps, pas en « {} »", unit.symbol(crate::Lang::Fr)),
            format!("a duration needs a time unit, not \"{}\"", unit.symbol(crate::Lang::En)),
        ),
        Answer::Choice { options } | Answer::MultiChoice { options } => option_problems(options, out),
        _ => {}
    }
}

/// The options of a choice answer: at least two, each once, each with a French label.
fn option_problems(options: &[ChoiceOption], out: &mut Problems) {
    if options.len() < 2 {
        out.bad(
            "options",
            "answer.options",
            "il faut au moins deux options".into(),
            "at least two options are needed".into(),
        );
    }
    let mut seen = BTreeSet::new();
    for o in options {
        if !seen.insert(o.id.as_str()) {
            out.bad(
                "duplicate_option",
                "answer.options",
                format!("option « {} » en double", o.id),
                format!("duplicate option \"{}\"", o.id),
            );
        }
        if o.label.fr.trim().is_empty() {
            out.bad(
                "missing_french",
                "answer.options",
                format!("l'option « {} » n'a pas de libellé français", o.id),
                format!("option \"{}\" has no French label", o.id),
            );
        }
    }
}

/// The rule against the answer: one check per rule kind, then a price answer needs the price rule.
fn rule_problems(rule: &Rule, answer: &Answer, out: &mut Problems) {
    match rule {
        Rule::YesNo { .. } if !matches!(answer, Answer::YesNo) => out.mismatch("yes_no", answer),
        Rule::Provided if matches!(answer, Answer::YesNo | Answer::Price { .. }) => out.mismatch("provided", answer),
        Rule::Linear { best, worst } => linear_problems(*best, *worst, answer, out),
        Rule::Bands { bands, otherwise } => bands_problems(bands, *otherwise, answer, out),
        Rule::Choice { points } => choice_problems(points, answer, out),
        Rule::Count { items, cap } => count_problems(items, *cap, answer, out),
        Rule::Manual { out_of: Some(o), .. } => manual_problems(*o, out),
        Rule::Price { method, n } => price_problems(*method, *n, answer, out),
        _ => {}
    }
    if matches!(answer, Answer::Price { .. }) && !matches!(rule, Rule::Price { .. }) {
        out.bad(
            "rule_mismatch",
            "rule.kind",
            "une réponse de type « price » se note avec la règle « price »".into(),
            "a \"price\" answer is marked with the \"price\" rule".into(),
        );
    }
}

/// A linear rule: a numeric answer, and two distinct finite ends.
fn linear_problems(best: f64, worst: f64, answer: &Answer, out: &mut Problems) {
    if !answer.is_numeric() {
        out.mismatch("linear", answer);
    }
    if best == worst || !best.is_finite() || !worst.is_finite() {
        out.bad(
            "best_equals_worst",
            "rule.best",
            format!("la meilleure valeur ({best}) doit différer de la pire ({worst})"),
            format!("the best value ({best}) must differ from the worst ({worst})"),
        );
    }
}

/// A bands rule: a numeric answer, at least one band, all in the same direction, ordered from
/// best to worst, and an `otherwise` no better than the last band.
fn bands_problems(bands: &[Band], otherwise: f64, answer: &Answer, out: &mut Problems) {
    if !answer.is_numeric() {
        out.mismatch("bands", answer);
    }
    if bands.is_empty() {
        out.bad("bands", "rule.bands", "il faut au moins un seuil".into(), "at least one band is needed".into());
    }
    let ups = bands.iter().filter(|b| b.at_least.is_some() && b.at_most.is_none()).count();
    let downs = bands.iter().filter(|b| b.at_most.is_some() && b.at_least.is_none()).count();
    if ups != bands.len() && downs != bands.len() {
        out.bad(
            "bands",
            "rule.bands",
            "chaque seuil doit avoir « at_least » (plus haut = mieux) ou « at_most » (plus bas = mieux), tous le même"
                .into(),
            "every band needs \"at_least\" (higher is better) or \"at_most\" (lower is better), all the same one"
                .into(),
        );
    }
    band_order_problems(bands, ups == bands.len(), out);
    let last = bands.last().map(|b| b.fraction).unwrap_or(1.0);
    if !(0.0..=last).contains(&otherwise) {
        out.bad(
            "fraction",
            "rule.otherwise",
            format!("« otherwise » ({otherwise}) doit être entre 0 et la fraction du dernier seuil ({last})"),
            format!("\"otherwise\" ({otherwise}) must be between 0 and the last band's fraction ({last})"),
        );
    }
}

/// Each band's fraction between 0 and 1, and each band after the previous one: a threshold
/// further from the best (lower when `rising`, higher otherwise) and a fraction no greater.
fn band_order_problems(bands: &[Band], rising: bool, out: &mut Problems) {
    let mut previous: Option<(f64, f64)> = None;
    for (i, b) in bands.iter().enumerate() {
        out.fraction(&format!("rule.bands[{i}].fraction"), b.fraction);
        let threshold = b.at_least.or(b.at_most).unwrap_or(f64::NAN);
        if let Some((t, f)) = previous {
            let ordered = if rising { threshold < t } else { threshold > t };
            if !ordered || b.fraction > f {
                out.bad(
                    "bands_order",
                    &format!("rule.bands[{i}]"),
                    "les seuils doivent aller du meilleur au moins bon, avec des fractions qui ne croissent pas".into(),
                    "bands must go from best to worst, with fractions that do not increase".into(),
                );
            }
        }
        previous = Some((threshold, b.fraction));
    }
}

/// A choice rule: an answer with options, and a fraction between 0 and 1 for options it has.
fn choice_problems(points: &BTreeMap<String, f64>, answer: &Answer, out: &mut Problems) {
    if answer.options().is_empty() {
        out.mismatch("choice", answer);
    }
    for (id, f) in points {
        if lacks_option(answer, id) {
            out.unknown_option(&format!("rule.points.{id}"), id);
        }
        out.fraction(&format!("rule.points.{id}"), *f);
    }
}

/// A count rule: a multiple-choice answer, counted items among its options, a cap between 1
/// and the number of items.
fn count_problems(items: &[String], cap: u32, answer: &Answer, out: &mut Problems) {
    if !matches!(answer, Answer::MultiChoice { .. }) {
        out.mismatch("count", answer);
    }
    for id in items {
        if lacks_option(answer, id) {
            out.unknown_option("rule.items", id);
        }
    }
    if cap == 0 || cap as usize > items.len() {
        out.bad(
            "cap",
            "rule.cap",
            format!("le plafond ({cap}) doit être entre 1 et le nombre d'éléments comptés ({})", items.len()),
            format!("the cap ({cap}) must be between 1 and the number of counted items ({})", items.len()),
        );
    }
}

/// A manual rule's maximum mark, when given: positive and finite.
fn manual_problems(out_of: f64, out: &mut Problems) {
    if !(out_of > 0.0 && out_of.is_finite()) {
        out.bad(
            "out_of",
            "rule.out_of",
            format!("la note maximale ({out_of}) doit être positive"),
            format!("the maximum mark ({out_of}) must be positive"),
        );
    }
}

/// A price rule: a price answer, and `n` only for the scale method, greater than 1.
fn price_problems(method: PriceMethod, n: Option<f64>, answer: &Answer, out: &mut Problems) {
    if !matches!(answer, Answer::Price { .. }) {
        out.mismatch("price", answer);
    }
    match (method, n) {
        (PriceMethod::Scale, Some(n)) if !(n > 1.0 && n.is_finite()) => out.bad(
            "scale_n",
            "rule.n",
            format!("n ({n}) doit être supérieur à 1"),
            format!("n ({n}) must be greater than 1"),
        ),
        (PriceMethod::Scale, _) | (_, None) => {}
        (_, Some(_)) => out.bad(
            "scale_n",
            "rule.n",
            "« n » ne sert qu'à la méthode « scale »".into(),
            "\"n\" only applies to the \"scale\" method".into(),
        ),
    }
}

/// A life-cycle cost: on a price rule without a schedule, a positive term, components given once,
/// the price of a kWh with the energy component.
fn life_cycle_problems(lc: &crate::grid::LifeCycle, c: &Criterion, out: &mut Problems) {
    if !matches!(c.rule, Rule::Price { .. }) || c.schedule.is_some() {
        out.bad(
            "life_cycle_rule",
            "life_cycle",
            "un coût du cycle de vie s'emploie avec la règle « price », sans bordereau".into(),
            "a life-cycle cost goes with the \"price\" rule, without a schedule".into(),
        );
    }
    if !(lc.years.is_finite() && lc.years > 0.0) {
        out.bad(
            "life_cycle_years",
            "life_cycle.years",
            "la durée doit être positive".into(),
            "the term must be positive".into(),
        );
    }
    let unique: BTreeSet<_> = lc.components.iter().collect();
    if lc.components.is_empty() || unique.len() != lc.components.len() {
        out.bad(
            "life_cycle_components",
            "life_cycle.components",
            "au moins une composante, chacune une fois".into(),
            "at least one component, each once".into(),
        );
    }
    let energy = lc.components.contains(&crate::grid::CostComponent::Energy);
    if energy && !lc.energy_price.is_some_and(|p| p.is_finite() && p > 0.0) {
        out.bad(
            "life_cycle_energy_price",
            "life_cycle.energy_price",
            "la composante « energy » demande le prix du kWh (positif)".into(),
            "the \"energy\" component needs the price of a kWh (positive)".into(),
        );
    }
}

/// A budget: on a price rule, every amount positive.
fn budget_problems(b: &crate::grid::Budget, rule: &Rule, out: &mut Problems) {
    if !matches!(rule, Rule::Price { .. }) {
        out.bad(
            "budget_rule",
            "budget",
            "un budget ne s'emploie qu'avec la règle « price »".into(),
            "a budget only goes with the \"price\" rule".into(),
        );
    }
    for (field, v) in
        [("budget.estimate", b.estimate), ("budget.ceiling", b.ceiling), ("budget.eu_threshold", b.eu_threshold)]
    {
        if let Some(v) = v
            && !(v.is_finite() && v > 0.0)
        {
            out.bad(
                "budget_amount",
                field,
                format!("montant {v} : attendu un nombre positif"),
                format!("amount {v}: expected a positive number"),
            );
        }
    }
}

/// A price schedule: on a price rule, at least one line, ids unique (after normalisation), not
/// the reserved `total` and `tva`, without `/`; groups named, quantities zero or more, the share
/// flagging low lines between 0 and 1.
fn schedule_problems(s: &crate::grid::Schedule, rule: &Rule, out: &mut Problems) {
    if !matches!(rule, Rule::Price { .. }) {
        out.bad(
            "schedule_rule",
            "schedule",
            "un bordereau de prix ne s'emploie qu'avec la règle « price »".into(),
            "a price schedule only goes with the \"price\" rule".into(),
        );
    }
    if s.lines.is_empty() {
        out.bad(
            "schedule_empty",
            "schedule.lines",
            "le bordereau n'a aucune ligne".into(),
            "the schedule has no line".into(),
        );
    }
    let mut seen = std::collections::BTreeSet::new();
    for g in &s.groups {
        if g.id.trim().is_empty() || !seen.insert(normalise_id(&g.id)) {
            out.bad(
                "schedule_group_id",
                "schedule.groups",
                format!("groupe « {} » : identifiant vide ou en double", g.id),
                format!("group \"{}\": empty or duplicate id", g.id),
            );
        }
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, l) in s.lines.iter().enumerate() {
        let field = format!("schedule.lines[{i}]");
        let id = normalise_id(&l.id);
        if id.is_empty() || l.id.contains('/') || matches!(id.as_str(), "TOTAL" | "TVA") || !seen.insert(id) {
            out.bad(
                "schedule_line_id",
                &field,
                format!("ligne « {} » : identifiant vide, en double, réservé (total, tva) ou contenant « / »", l.id),
                format!("line \"{}\": empty, duplicate or reserved (total, tva) id, or one containing \"/\"", l.id),
            );
        }
        if l.quantity.is_some_and(|q| !(q.is_finite() && q >= 0.0)) {
            out.bad(
                "schedule_quantity",
                &format!("{field}.quantity"),
                "une quantité est un nombre positif ou nul".into(),
                "a quantity is a number zero or more".into(),
            );
        }
        if let Some(g) = &l.group
            && !s.groups.iter().any(|k| k.id == *g)
        {
            out.bad(
                "schedule_unknown_group",
                &format!("{field}.group"),
                format!("le groupe « {g} » n'est pas déclaré dans « groups »"),
                format!("group \"{g}\" is not declared in \"groups\""),
            );
        }
    }
    if !(s.low_line > 0.0 && s.low_line <= 1.0) {
        out.bad(
            "schedule_low_line",
            "schedule.low_line",
            format!("low_line ({}) doit être entre 0 (exclu) et 1", s.low_line),
            format!("low_line ({}) must be between 0 (excluded) and 1", s.low_line),
        );
    }
}

/// Eliminatory conditions against the answer: each condition fits the answer's type, the bounds
/// are in order, and `one_of` names options the answer has.
fn eliminatory_problems(e: &Eliminatory, answer: &Answer, out: &mut Problems) {
    if e.yes && !matches!(answer, Answer::YesNo) {
        out.bad(
            "eliminatory_mismatch",
            "eliminatory.yes",
            "« yes » ne s'applique qu'à une réponse oui/non".into(),
            "\"yes\" only applies to a yes/no answer".into(),
        );
    }
    if (e.min.is_some() || e.max.is_some()) && !(answer.is_numeric() || matches!(answer, Answer::Price { .. })) {
        out.bad(
            "eliminatory_mismatch",
            "eliminatory.min",
            "« min » et « max » ne s'appliquent qu'à une réponse numérique".into(),
            "\"min\" and \"max\" only apply to a numeric answer".into(),
        );
    }
    if let (Some(min), Some(max)) = (e.min, e.max) {
        out.bounds("eliminatory.min", min, max);
    }
    if !e.one_of.is_empty() && !matches!(answer, Answer::Choice { .. }) {
        out.bad(
            "eliminatory_mismatch",
            "eliminatory.one_of",
            "« one_of » ne s'applique qu'à une réponse à choix unique".into(),
            "\"one_of\" only applies to a single-choice answer".into(),
        );
    }
    for id in &e.one_of {
        if lacks_option(answer, id) {
            out.unknown_option("eliminatory.one_of", id);
        }
    }
}

/// Warnings on a valid grid: what procurement law asks of it.
pub fn warnings(grid: &Grid) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // A grid that says `jauge-grid/1` but uses what version 2 added: an earlier Jauge refuses it.
    let newer = grid.fields_of_v2();
    if grid.format == crate::grid::FORMAT_V1 && !newer.is_empty() {
        let fields = crate::text::quoted(&newer.iter().map(|f| f.to_string()).collect::<Vec<_>>(), crate::Lang::Fr);
        out.push(
            Diagnostic::new(
                "grid_format_version",
                Severity::Warning,
                both(|l| {
                    l.pick(
                        format!("la grille se déclare « {} » mais utilise {fields}, apparus avec « {} » : déclarer « format » : « {} » (une version antérieure de Jauge la refuserait)", crate::grid::FORMAT_V1, crate::grid::FORMAT_V2, crate::grid::FORMAT_V2),
                        format!("the grid says \"{}\" but uses {}, which came with \"{}\": declare \"format\": \"{}\" (an earlier Jauge would refuse it)", crate::grid::FORMAT_V1, crate::text::quoted(&newer.iter().map(|f| f.to_string()).collect::<Vec<_>>(), crate::Lang::En), crate::grid::FORMAT_V2, crate::grid::FORMAT_V2),
                    )
                }),
            )
            .field("format"),
        );
    }
    out.extend(crate::location::warnings(grid));
    if !grid.lots.is_empty() {
        out.extend(crate::lot::warnings(grid));
        return out;
    }
    if !grid.criteria().any(|(_, c)| c.tags.iter().any(|t| t == "environment")) {
        out.push(Diagnostic::new(
            "no_environment_criterion",
            Severity::Blocking,
            both(|l| match l {
                crate::Lang::Fr => format!("aucun critère n'est marqué « environment » : pour les consultations engagées à compter d'une date fixée par décret, et au plus tard le 22 août 2026, au moins un critère d'attribution prend en compte les caractéristiques environnementales de l'offre ({})", cite(Law::Climate35)),
                crate::Lang::En => format!("no criterion is tagged \"environment\": for tenders launched from a date set by decree, and on 22 August 2026 at the latest, at least one award criterion must take the offer's environmental characteristics into account ({})", cite(Law::Climate35)),
            }),
        ));
    }
    for family in &grid.families {
        let weight: f64 = family.criteria.iter().map(|c| c.weight).sum();
        if weight < 0.05 * grid.scale {
            out.push(
                Diagnostic::new(
                    "small_family",
                    Severity::Warning,
                    both(|l| match l {
                        crate::Lang::Fr => format!("la famille pèse {} sur {} (moins de 5 %) : son poids risque de ne pas compter dans le classement", number(weight, 2, l), number(grid.scale, 2, l)),
                        crate::Lang::En => format!("the family weighs {} out of {} (under 5%): its weight may not matter in the ranking", number(weight, 2, l), number(grid.scale, 2, l)),
                    }),
                )
                .family(&family.id),
            );
        }
    }
    for (_, c) in grid.criteria().filter(|(_, c)| !c.published) {
        out.push(
            Diagnostic::new(
                "unpublished_weight",
                Severity::Warning,
                both(|l| match l {
                    crate::Lang::Fr => format!("le poids de ce critère n'est pas annoncé : les sous-critères doivent l'être dès qu'ils peuvent influencer la préparation des offres ({})", cite(Law::Ce337377)),
                    crate::Lang::En => format!("this criterion's weight is not announced: sub-criteria weights must be whenever they can influence how bids are prepared ({})", cite(Law::Ce337377)),
                }),
            )
            .criterion(&c.id),
        );
    }
    out
}

// Field validators called by the `validator` derive on the grid types.

/// An identifier: ASCII letters, digits, `-`, `_` and `.`, 1 to 64 characters.
pub(crate) fn identifier(value: &str) -> Result<(), ValidationError> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok { Ok(()) } else { Err(ValidationError::new("identifier")) }
}

/// A semantic version `MAJOR.MINOR.PATCH`, with optional pre-release and build suffixes
/// (semver.org 2.0.0, read by the `semver` crate: no leading zeros, no empty suffix).
pub(crate) fn semver(value: &str) -> Result<(), ValidationError> {
    if semver::Version::parse(value).is_ok() { Ok(()) } else { Err(ValidationError::new("semver")) }
}

/// The `parent` of a local adaptation: an identifier, a semantic version and a SHA-256 fingerprint
/// (64 hexadecimal digits), each problem on its field.
fn parent_problems(grid: &Grid) -> Vec<Diagnostic> {
    let Some(parent) = &grid.parent else { return Vec::new() };
    let mut out = Vec::new();
    if identifier(&parent.id).is_err() {
        out.push(
            error(
                "invalid_identifier",
                Text::new(
                    "identifiant invalide : lettres, chiffres, « - », « _ » et « . » seulement, 64 caractères au plus",
                    "invalid identifier: letters, digits, \"-\", \"_\" and \".\" only, at most 64 characters",
                ),
            )
            .field("parent.id"),
        );
    }
    if semver(&parent.version).is_err() {
        out.push(
            error(
                "invalid_semver",
                Text::new(
                    "version invalide : attendu MAJEUR.MINEUR.CORRECTIF, par exemple 1.0.0",
                    "invalid version: expected MAJOR.MINOR.PATCH, e.g. 1.0.0",
                ),
            )
            .field("parent.version"),
        );
    }
    let hex = parent.fingerprint.len() == 64 && parent.fingerprint.chars().all(|c| matches!(c, '0'..='9' | 'a'..='f'));
    if !hex {
        out.push(
            error(
                "invalid_fingerprint",
                Text::new(
                    "empreinte invalide : attendu 64 chiffres hexadécimaux en minuscules (SHA-256)",
                    "invalid fingerprint: expected 64 lower-case hexadecimal digits (SHA-256)",
                ),
            )
            .field("parent.fingerprint"),
        );
    }
    out
}

/// A calendar date `YYYY-MM-DD`.
pub(crate) fn iso_date(value: &str) -> Result<(), ValidationError> {
    if crate::value::Date::parse_iso(value).is_some() { Ok(()) } else { Err(ValidationError::new("iso_date")) }
}

fn error(code: &str, message: Text) -> Diagnostic {
    Diagnostic::new(code, Severity::Error, message)
}

fn missing_french(field: &str) -> Diagnostic {
    error("missing_french", Text::new("le texte français est absent ou vide", "the French text is missing or empty"))
        .field(&format!("{field}.fr"))
}

fn duplicate(id: &str, field: &str) -> Diagnostic {
    error(
        "duplicate_id",
        both(|l| match l {
            crate::Lang::Fr => format!("identifiant « {id} » en double"),
            crate::Lang::En => format!("duplicate identifier \"{id}\""),
        }),
    )
    .field(field)
}

/// Turns the field errors of the `validator` derive into diagnostics.
fn fields(result: Result<(), ValidationErrors>, prefix: &str, push: &mut dyn FnMut(Diagnostic)) {
    let Err(errors) = result else { return };
    let mut by_field: Vec<(Cow<'static, str>, &Vec<ValidationError>)> = errors.field_errors().into_iter().collect();
    by_field.sort_by(|a, b| a.0.cmp(&b.0));
    for (field, errs) in by_field {
        for e in errs {
            let param = |name: &str| e.params.get(name).map(|v| v.to_string());
            let (fr, en) = match e.code.as_ref() {
                "identifier" => (
                    "identifiant invalide : lettres, chiffres, « - », « _ » et « . » seulement, 64 caractères au plus"
                        .to_string(),
                    "invalid identifier: letters, digits, \"-\", \"_\" and \".\" only, at most 64 characters"
                        .to_string(),
                ),
                "semver" => (
                    "version invalide : attendu MAJEUR.MINEUR.CORRECTIF, par exemple 1.0.0".to_string(),
                    "invalid version: expected MAJOR.MINOR.PATCH, e.g. 1.0.0".to_string(),
                ),
                "iso_date" => {
                    ("date invalide : attendu AAAA-MM-JJ".to_string(), "invalid date: expected YYYY-MM-DD".to_string())
                }
                "length" => ("ne doit pas être vide".to_string(), "must not be empty".to_string()),
                "range" => {
                    let low = param("exclusive_min")
                        .map(|v| format!("> {v}"))
                        .or_else(|| param("min").map(|v| format!("≥ {v}")));
                    let high = param("max").map(|v| format!("≤ {v}"));
                    let bounds = [low, high].into_iter().flatten().collect::<Vec<_>>().join(", ");
                    let found = param("value").unwrap_or_default();
                    (
                        format!("valeur {found} hors bornes ; attendu {bounds}"),
                        format!("value {found} out of bounds; expected {bounds}"),
                    )
                }
                other => (format!("valeur invalide ({other})"), format!("invalid value ({other})")),
            };
            push(error(&format!("invalid_{}", e.code), Text::new(fr, en)).field(&format!("{prefix}{field}")));
        }
    }
}

#[cfg(test)]
mod canonical_tests {
    use proptest::prelude::*;
    use serde_json::Value;

    /// FIPS 180-2's test vectors, in lowercase hexadecimal.
    #[test]
    fn sha256_hex_gives_the_standards_digests() {
        assert_eq!(super::sha256_hex(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert_eq!(super::sha256_hex(b""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    }

    /// Text with what canonical JSON treats apart: control characters, quotes, backslashes,
    /// characters past U+E000 and outside the BMP (ordered otherwise in UTF-16 than in UTF-8).
    fn text() -> impl Strategy<Value = String> {
        "[a-c\u{0}-\u{1f}\"\\\\/\u{7f}\u{e9}\u{2028}\u{e000}\u{fffd}\u{ff01}\u{10000}\u{1f600}]{0,6}"
    }

    fn json() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            (-1e6f64..1e6).prop_map(Value::from),
            text().prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::btree_map(text(), inner, 0..6)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        /// The canonical form written as a value is serialised (`crate::canonical`) is the
        /// canonicaliser's, byte for byte.
        #[test]
        fn canonical_is_the_canonicalisers(value in json()) {
            let mut ours = Vec::new();
            crate::canonical::write(&value, &mut ours).expect("written");
            let theirs = serde_json_canonicalizer::to_string(&value).expect("canonical");
            prop_assert_eq!(String::from_utf8(ours).expect("UTF-8"), theirs);
        }
    }
}
