//! The grid file format `jauge-grid/1`: the types a pooling structure publishes, read with serde.
//!
//! The types here describe the document; [`crate::validate`] checks the rules that span fields and
//! turns a [`Grid`] into a [`crate::CheckedGrid`], the only form the evaluation accepts.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};
use validator::Validate;

use crate::text::Text;
use crate::units::Unit;

/// The first grid format: one lot, one winner, no variants.
pub const FORMAT_V1: &str = "jauge-grid/1";

/// The grid format this version of Jauge describes: `jauge-grid/1` plus `lots`, `framework`,
/// `variants`, `parent` and `follow_on`, which an earlier Jauge would refuse.
pub const FORMAT_V2: &str = "jauge-grid/2";

/// Every grid format version this version of Jauge reads.
pub const SUPPORTED_FORMATS: &[&str] = &[FORMAT_V1, FORMAT_V2];

impl Grid {
    /// The fields of `jauge-grid/2` the grid uses (`lots`, `framework`, `variants`, `parent`).
    pub fn fields_of_v2(&self) -> Vec<&'static str> {
        [
            ("lots", !self.lots.is_empty()),
            ("framework", self.framework.is_some()),
            ("variants", self.variants.is_some()),
            ("parent", self.parent.is_some()),
            ("follow_on", self.follow_on.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, used)| used.then_some(name))
        .collect()
    }
}

/// An evaluation grid: families of criteria, their weights, rules and eliminatory conditions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Grid {
    /// Format version, `jauge-grid/2` (`jauge-grid/1` still read).
    pub format: String,
    /// Stable identifier of the grid (lower-case letters, digits, `-`, `_`, `.`).
    #[validate(custom(function = "crate::validate::identifier"))]
    pub id: String,
    /// Version of the grid, `MAJOR.MINOR.PATCH` (semantic versioning).
    #[validate(custom(function = "crate::validate::semver"))]
    pub version: String,
    /// Title shown wherever the grid is shown.
    pub title: Text,
    /// Who publishes and maintains the grid (a pooling structure, a buyer…).
    #[validate(length(min = 1))]
    pub publisher: String,
    /// Licence under which the grid may be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(custom(function = "crate::validate::iso_date"))]
    pub date: Option<String>,
    /// What the grid is for, shown to buyers and suppliers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// Total of the weights: the mark of a perfect offer (usually 100).
    #[validate(range(exclusive_min = 0.0, max = 1_000_000.0))]
    pub scale: f64,
    /// Whether prices are compared taxes included (`TTC`, the default) or excluded (`HT`).
    #[serde(default)]
    pub price_basis: PriceBasis,
    /// VAT rate in percent used to convert a price given on the other basis (e.g. 20).
    /// Without it, a price on the wrong basis is refused rather than converted silently.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[validate(range(min = 0.0, max = 100.0))]
    pub vat_rate: Option<f64>,
    /// Hours of service in one working day, used to convert hours to working days.
    #[serde(default = "default_working_day_hours")]
    #[validate(range(exclusive_min = 0.0, max = 24.0))]
    pub working_day_hours: f64,
    /// Versions of the referentials the grid relies on (`rgaa`, `rgesn`, `rgi`, `ecoindex`…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub references: BTreeMap<String, String>,
    /// The families of criteria, in the order they are shown.
    pub families: Vec<Family>,
    /// How equal totals are settled, as the tender documents announce it. Without it, totals are
    /// compared exactly and a tie needs a recorded decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ties: Option<Ties>,
    /// The lots of the tender (L2113-10: dividing into lots is the rule). Each lot is evaluated on
    /// its own, with its own criteria and weights, ranking and winner; marks are never combined
    /// across lots. Without lots, the grid is one lot: the whole of it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lots: Vec<Lot>,
    /// A framework agreement awarded to several holders: how many at most, and whether they are
    /// ranked for the follow-on contracts (cascade). For a grid with lots, each lot may set its own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Framework>,
    /// What the tender documents say of variants: allowed (each evaluated as an offer of its own,
    /// linked to its bidder's base offer) or not. Absent: the grid does not say, and a variant is
    /// evaluated with a warning to check the tender documents.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variants: Option<Variants>,
    /// For a follow-on contract (marché subséquent): the framework agreement it belongs to and its
    /// holders, the only bidders whose offers are admissible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_on: Option<FollowOn>,
    /// The grid this one adapts (a pooling structure's grid a member changed locally): its id,
    /// version and fingerprint, so that the differences can be shown and the original checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
}

/// The framework agreement a follow-on contract belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowOn {
    /// The framework agreement's reference, as its contract names it (e.g. `GIPNA-2027-03 lot 1`).
    pub framework: String,
    /// The framework agreement's grid (id, version, fingerprint), when it was evaluated with Jauge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grid: Option<Parent>,
    /// The framework agreement's holders (at least one).
    pub holders: Vec<Holder>,
}

/// A holder of a framework agreement, as its contract names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Holder {
    /// The company's name.
    pub name: String,
    /// Its SIRET, when known: a holder is recognised by its SIREN or its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
}

/// The grid a local adaptation derives from, as the pooling structure published it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Parent {
    /// The parent grid's id.
    pub id: String,
    /// The parent grid's version (semantic versioning).
    pub version: String,
    /// The parent grid's fingerprint: SHA-256 of its canonical form, 64 hexadecimal digits.
    pub fingerprint: String,
}

/// One lot: which of the grid's criteria it uses, with which weights.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Stable identifier of the lot, as the tender documents number it (`1`, `2`, `hebergement`…).
    pub id: String,
    /// Title of the lot.
    pub title: Text,
    /// The buyer's estimate of the lot, in euros excluding taxes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// The ids of the criteria the lot uses, in any order (shown in grid order); every criterion
    /// of the grid when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criteria: Option<Vec<String>>,
    /// Weights that differ from the criterion's own in this lot, by criterion id. The lot's
    /// weights add up to the grid's scale.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub weights: BTreeMap<String, f64>,
    /// The lot's framework agreement, when it differs from the grid's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<Framework>,
}

/// What the tender documents say of variants.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Variants {
    /// Whether the tender documents allow variants (`false`: they forbid them, and a variant is
    /// irregular).
    #[serde(default = "allowed")]
    pub allowed: bool,
    /// A variant is only admissible with a base offer from the same bidder (for the same lot).
    #[serde(default)]
    pub base_required: bool,
}

fn allowed() -> bool {
    true
}

/// A framework agreement with several holders (accord-cadre multi-attributaire): the best-ranked
/// regular offers, up to `holders`, are the proposed holders.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    /// The most holders the tender documents announce (at least 1).
    pub holders: u32,
    /// Whether the holders are ranked, the follow-on contracts going to the first one able to
    /// perform them, then the next (cascade); otherwise they compete again for each.
    #[serde(default)]
    pub cascade: bool,
}

/// The tie rule announced in the tender documents: printed in the form and the method, applied by
/// the engine.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ties {
    /// Totals are compared rounded to this many decimals (0 to 4); exactly when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decimals: Option<u8>,
    /// Rules applied in order to offers whose totals are equal: the higher points in a family or
    /// a criterion (`{"family": "id"}`, `{"criterion": "id"}`), or the lower price (`"price"`).
    #[serde(default)]
    pub break_by: Vec<TieBreak>,
}

/// One tie-break rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TieBreak {
    /// The higher points in this family.
    Family(String),
    /// The higher points on this criterion.
    Criterion(String),
    /// The lower price (the sum of the price criteria's prices).
    Price,
}

fn default_working_day_hours() -> f64 {
    8.0
}

/// Whether a price includes taxes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
pub enum PriceBasis {
    /// Toutes taxes comprises: taxes included.
    #[default]
    #[serde(rename = "TTC")]
    Ttc,
    /// Hors taxes: taxes excluded.
    #[serde(rename = "HT")]
    Ht,
}

impl PriceBasis {
    /// The French abbreviation, used in both languages as procurement documents do.
    pub fn code(self) -> &'static str {
        match self {
            PriceBasis::Ttc => "TTC",
            PriceBasis::Ht => "HT",
        }
    }
}

/// A family of criteria (interoperability, reversibility, price…).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Family {
    /// Stable identifier of the family.
    #[validate(custom(function = "crate::validate::identifier"))]
    pub id: String,
    /// Name of the family.
    pub label: Text,
    /// What the family assesses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<Text>,
    /// The criteria of the family.
    pub criteria: Vec<Criterion>,
}

/// One criterion: a question put to suppliers, how its answer is read, and how it is marked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Stable identifier, unique in the grid (e.g. `REV-03`); letters, digits, `-`, `_`, `.`.
    #[validate(custom(function = "crate::validate::identifier"))]
    pub id: String,
    /// Short name of the criterion.
    pub label: Text,
    /// The question put to suppliers in the response form.
    pub question: Text,
    /// Help for suppliers and buyers: what is measured, thresholds and their source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub help: Option<Text>,
    /// The answer expected.
    pub answer: Answer,
    /// How the answer is turned into a fraction of the weight.
    pub rule: Rule,
    /// Points of the criterion; all weights add up to the grid's scale.
    #[validate(range(exclusive_min = 0.0))]
    pub weight: f64,
    /// Whether the weight is announced to suppliers (it must be when it can influence their bids).
    #[serde(default = "yes")]
    pub published: bool,
    /// Minimum requirement: an offer that fails it is irregular and set aside.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eliminatory: Option<Eliminatory>,
    /// Evidence expected with the answer (a URL or a document).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
    /// Free tags; `environment` marks environmental criteria (loi Climat et résilience art. 35),
    /// `social` social ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// For a price criterion: the price schedule (BPU) bidders fill in unit prices, and the
    /// quantity estimate (DQE) their prices are compared through ([`Schedule`]). Without it, the
    /// price is one amount.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    /// For a price criterion: the buyer's estimate, the budget announced as a ceiling and the EU
    /// threshold the procedure is checked against ([`Budget`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// For a price criterion: a life-cycle cost (R2152-9, R2152-10) computed from the bidder's
    /// stated costs and the buyer's parameters over the contract term ([`LifeCycle`]), marked
    /// like a price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub life_cycle: Option<LifeCycle>,
}

fn yes() -> bool {
    true
}

/// The answer a criterion expects, by type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Answer {
    /// Yes or no.
    YesNo,
    /// A number, with an optional unit and bounds.
    Number {
        /// Unit the answer is expected in; answers in other units of the same dimension are converted.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unit: Option<Unit>,
        /// Smallest plausible value; smaller answers are reported, not marked.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<f64>,
        /// Largest plausible value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<f64>,
    },
    /// A percentage between 0 and 100 (99.9 means 99.9 %).
    Percentage,
    /// A duration in a time unit (hours, working days, calendar days…).
    Duration {
        /// Unit the answer is expected in.
        unit: Unit,
    },
    /// One option among several.
    Choice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// Any number of options among several (e.g. the open formats supported).
    MultiChoice {
        /// The options.
        options: Vec<ChoiceOption>,
    },
    /// A calendar date.
    Date,
    /// A web address.
    Url,
    /// Free text.
    Text,
    /// A price.
    Price {
        /// Currency (ISO 4217), `EUR` by default.
        #[serde(default = "euro")]
        currency: String,
    },
}

fn euro() -> String {
    "EUR".to_string()
}

impl Answer {
    /// The options of a choice answer, empty for other types.
    pub fn options(&self) -> &[ChoiceOption] {
        match self {
            Answer::Choice { options } | Answer::MultiChoice { options } => options,
            _ => &[],
        }
    }

    /// Whether the answer is a quantity a linear or bands rule can mark.
    pub fn is_numeric(&self) -> bool {
        matches!(self, Answer::Number { .. } | Answer::Percentage | Answer::Duration { .. })
    }

    /// The unit numeric answers are expressed in.
    pub fn unit(&self) -> Option<Unit> {
        match self {
            Answer::Number { unit, .. } => *unit,
            Answer::Percentage => Some(Unit::Percent),
            Answer::Duration { unit } => Some(*unit),
            _ => None,
        }
    }

    /// The type name as written in grid files.
    pub fn type_name(&self) -> &'static str {
        match self {
            Answer::YesNo => "yes_no",
            Answer::Number { .. } => "number",
            Answer::Percentage => "percentage",
            Answer::Duration { .. } => "duration",
            Answer::Choice { .. } => "choice",
            Answer::MultiChoice { .. } => "multi_choice",
            Answer::Date => "date",
            Answer::Url => "url",
            Answer::Text => "text",
            Answer::Price { .. } => "price",
        }
    }
}

/// One option of a choice answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    /// Identifier of the option, used by rules and conditions.
    pub id: String,
    /// Label shown to suppliers; answers match it regardless of case, accents and spacing, and
    /// match either part of a label written `FALC (facile à lire et à comprendre)`.
    pub label: Text,
    /// Other words suppliers use for the option (acronyms, older names): answers match them too.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub synonyms: Vec<String>,
}

/// How an answer becomes a fraction (0 to 1) of the criterion's weight.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// Full points when the answer is the expected one (yes by default), none otherwise.
    YesNo {
        /// The answer that earns the points.
        #[serde(default = "yes")]
        expected: bool,
    },
    /// Full points when an answer is given (a URL, a date, a text), none otherwise.
    Provided,
    /// Linear between `worst` (no points) and `best` (full points), clamped; either direction.
    Linear {
        /// Value that earns full points.
        best: f64,
        /// Value that earns no points.
        worst: f64,
    },
    /// Thresholds: the first band the value reaches gives its fraction.
    Bands {
        /// Bands, best first; each has `at_least` (higher is better) or `at_most` (lower is better).
        bands: Vec<Band>,
        /// Fraction when no band is reached.
        #[serde(default)]
        otherwise: f64,
    },
    /// A fraction per option; for several choices, the fractions add up, capped at 1.
    Choice {
        /// Fraction earned by each option id (options not listed earn 0).
        points: BTreeMap<String, f64>,
    },
    /// Count of chosen options among `items`, capped: `min(count, cap) / cap`.
    Count {
        /// Option ids that count (e.g. the formats RGI recommends).
        items: Vec<String>,
        /// Count that earns full points.
        cap: u32,
    },
    /// The evaluators' mark, with a written appraisal.
    Manual {
        /// Scale of the mark (e.g. 5 for a mark out of 5); the criterion's weight when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        out_of: Option<f64>,
        /// What earns which mark, for evaluators.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        guidance: Option<Text>,
    },
    /// Price, marked against the other ranked offers.
    Price {
        /// The formula (DAJ sheet on price scoring methods).
        method: PriceMethod,
        /// For `scale`: the multiple of the lowest price at which the mark reaches 0 (default 2).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        n: Option<f64>,
    },
}

/// One threshold of a bands rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// The band is reached when the value is at least this (higher is better).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_least: Option<f64>,
    /// The band is reached when the value is at most this (lower is better).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_most: Option<f64>,
    /// Fraction of the weight earned in this band.
    pub fraction: f64,
}

/// Price scoring formulas, with P the price, Pmin and Pmax the lowest and highest ranked prices.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PriceMethod {
    /// N = Nmax × Pmin / P.
    Proportional,
    /// N = Nmax × (Pmax − P) / (Pmax − Pmin).
    Linear,
    /// N = Nmax × (n·Pmin − P) / ((n − 1)·Pmin), floored at 0.
    Scale,
}

impl PriceMethod {
    /// Every method, in the order reports show them.
    pub const ALL: [PriceMethod; 3] = [PriceMethod::Proportional, PriceMethod::Linear, PriceMethod::Scale];

    /// The method's name in words.
    pub fn label(self, lang: crate::text::Lang) -> &'static str {
        use crate::text::Lang;
        match (self, lang) {
            (PriceMethod::Proportional, Lang::Fr) => "proportionnelle",
            (PriceMethod::Proportional, Lang::En) => "proportional",
            (PriceMethod::Linear, Lang::Fr) => "linéaire",
            (PriceMethod::Linear, Lang::En) => "linear",
            (PriceMethod::Scale, Lang::Fr) => "barème",
            (PriceMethod::Scale, Lang::En) => "scale",
        }
    }
}

/// A price schedule (bordereau des prix unitaires, BPU): the lines bidders price one by one, and
/// the quantity estimate (détail quantitatif estimatif, DQE) the buyer compares them through. The
/// compared price is the sum over the lines of quantity × unit price, for the lines of the base
/// and of the optional services (PSE) the buyer decided to keep.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Schedule {
    /// The groups of lines (set-up, run per year, reversibility, an optional service…), in the
    /// order they are shown. Lines without a group belong to the base.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<LineGroup>,
    /// The lines, in the order they are shown.
    pub lines: Vec<ScheduleLine>,
    /// What a line without a unit price makes of the offer (announced in the form).
    #[serde(default)]
    pub missing: MissingPrice,
    /// Which figure prevails when a bidder's line total differs from its unit price times the
    /// quantity (announced in the form); the unit price by default.
    #[serde(default)]
    pub prevails: Prevails,
    /// A line priced below this share of the median of the other offers' unit prices for that
    /// line is a point to examine (never an exclusion); 0.5 by default.
    #[serde(default = "default_low_line")]
    pub low_line: f64,
}

fn default_low_line() -> f64 {
    0.5
}

/// A group of schedule lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineGroup {
    /// Stable identifier of the group.
    pub id: String,
    /// Name of the group.
    pub label: Text,
    /// An optional service (prestation supplémentaire éventuelle, PSE): every bidder prices it,
    /// the buyer decides before the ranking whether it is kept, and the compared price includes
    /// it for every offer only then.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub optional: bool,
}

/// One line of a price schedule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduleLine {
    /// Stable identifier of the line, unique in the schedule (`1.1`, `LIC-USER`…).
    pub id: String,
    /// What is priced.
    pub designation: Text,
    /// The unit priced (`utilisateur/an`, `mois`, `jour`, `session`…).
    pub unit: String,
    /// The quantity of the estimate, shown to bidders (public DQE). Absent: the quantity is kept
    /// from bidders (hidden simulation, CE 16 Nov 2016 n°401660) and given by the buyer's own
    /// quantities file, which never goes in the response form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<f64>,
    /// The group the line belongs to; the base when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// What a line without a unit price makes of the offer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MissingPrice {
    /// The offer is incomplete: the price is to be obtained or the offer set aside by decision.
    #[default]
    Incomplete,
    /// The offer is irregular.
    Irregular,
    /// The line is priced at the highest unit price the other offers give it.
    HighestOfOthers,
}

/// Which figure prevails when a line total differs from the unit price times the quantity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Prevails {
    /// The unit price prevails: the line total is recomputed.
    #[default]
    UnitPrice,
    /// The bidder's line total prevails: the unit price is the total divided by the quantity.
    Total,
}

impl MissingPrice {
    /// What the rule makes of an offer missing a unit price, as the tender documents announce it
    /// (the response form's instructions and the report's method say it in the same words).
    pub fn announced(self, lang: crate::text::Lang) -> &'static str {
        match self {
            MissingPrice::Incomplete => lang.pick("l'offre est incomplète", "the offer is incomplete"),
            MissingPrice::Irregular => lang.pick("l'offre est irrégulière", "the offer is irregular"),
            MissingPrice::HighestOfOthers => lang.pick(
                "la ligne est comptée au prix unitaire le plus élevé des autres offres",
                "the line is counted at the highest unit price of the other offers",
            ),
        }
    }
}

impl Prevails {
    /// Which figure prevails, as the tender documents announce it (form and report alike).
    pub fn announced(self, lang: crate::text::Lang) -> &'static str {
        match self {
            Prevails::UnitPrice => lang.pick(
                "le prix unitaire prévaut et le montant de la ligne est recalculé",
                "the unit price prevails and the line total is recomputed",
            ),
            Prevails::Total => lang.pick(
                "le montant de la ligne prévaut et le prix unitaire en est déduit",
                "the line total prevails and the unit price is derived from it",
            ),
        }
    }
}

/// The buyer's quantities kept from bidders (hidden DQE), `jauge-quantities/1`: never in the
/// response form, given to the evaluation with the grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quantities {
    /// Format version, `jauge-quantities/1`.
    pub format: String,
    /// The grid these quantities are for (its id).
    pub grid: String,
    /// The quantity of each hidden line, by price criterion id then line id.
    pub quantities: BTreeMap<String, BTreeMap<String, f64>>,
}

/// The money side of a price criterion (of the grid, or of a lot through its own price criterion),
/// in euros.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The buyer's estimate of the contract, excluding taxes (as thresholds are).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub estimate: Option<f64>,
    /// The budget announced as a ceiling in the tender documents, on the grid's price basis (the
    /// compared prices'): an offer above it is a point
    /// for the buyer to settle (it may be unacceptable), never set aside by the tool.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ceiling: Option<f64>,
    /// The EU threshold of the procedure (216 000 € HT for local authorities' supplies and services
    /// in 2026–2027): an estimate above it run as an adapted procedure is warned about. A
    /// parameter of the grid, as thresholds change every two years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eu_threshold: Option<f64>,
}

/// A life-cycle cost: acquisition + energy (kWh a year × the buyer's price of a kWh × years) +
/// maintenance a year × years + exit cost, each component the grid lists stated by the bidder,
/// in euros on the grid's price basis. The method and its parameters are printed in the form and
/// the report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LifeCycle {
    /// The term over which yearly costs are counted, in years.
    pub years: f64,
    /// The buyer's price of a kWh, in euros (required with the `energy` component).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_price: Option<f64>,
    /// The components bidders state, each once.
    pub components: Vec<CostComponent>,
}

/// A component of a life-cycle cost; the bidder's answer is keyed `<criterion>/<component>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CostComponent {
    /// The acquisition cost, once.
    Acquisition,
    /// The energy used, in kWh a year.
    Energy,
    /// The maintenance cost, a year.
    Maintenance,
    /// The cost at the end of the contract (reversibility, removal, recycling), once.
    Exit,
}

impl CostComponent {
    /// The key of the bidder's answer after `<criterion>/`.
    pub fn key(self) -> &'static str {
        match self {
            CostComponent::Acquisition => "acquisition",
            CostComponent::Energy => "energy",
            CostComponent::Maintenance => "maintenance",
            CostComponent::Exit => "exit",
        }
    }
}

/// The format identifier of the buyer's hidden quantities file.
pub const QUANTITIES_FORMAT_V1: &str = "jauge-quantities/1";

/// Minimum requirements (exigences minimales); every condition given must hold.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Eliminatory {
    /// An answer must be given.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub required: bool,
    /// For yes/no answers: the answer must be yes.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub yes: bool,
    /// For numeric answers: the value must be at least this (in the criterion's unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// For numeric answers: the value must be at most this (in the criterion's unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// For choice answers: the option chosen must be one of these ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<String>,
}

/// Evidence expected with an answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// A URL or a document.
    pub kind: EvidenceKind,
    /// What the evidence is (e.g. "Déclaration d'accessibilité").
    pub label: Text,
}

/// The kind of evidence expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A web address.
    Url,
    /// A document attached to the offer.
    Document,
}

impl Grid {
    /// Every criterion with its family, in grid order.
    pub fn criteria(&self) -> impl Iterator<Item = (&Family, &Criterion)> {
        self.families.iter().flat_map(|f| f.criteria.iter().map(move |c| (f, c)))
    }

    /// The criteria whose answers may be converted between hours and working days by the grid's
    /// `working_day_hours`: durations and numbers counted in hours, minutes or working days.
    pub fn working_time_criteria(&self) -> impl Iterator<Item = &Criterion> {
        self.criteria()
            .map(|(_, c)| c)
            .filter(|c| matches!(c.answer.unit(), Some(Unit::Hour | Unit::Minute | Unit::WorkingDay)))
    }

    /// The criterion with this id, compared after normalisation (case and spaces ignored).
    /// Nothing is allocated: reports look criteria up for every offer × criterion.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        let mut all = self.criteria().map(|(_, c)| c);
        // The id as the grid writes it first (a checked grid's ids are distinct once normalised,
        // so this is the criterion the normalised comparison would find).
        self.criteria().map(|(_, c)| c).find(|c| c.id == id).or_else(|| all.find(|c| same_id(&c.id, id)))
    }

    /// The lot with this id (compared as written, spaces around ignored).
    pub fn lot(&self, id: &str) -> Option<&Lot> {
        self.lots.iter().find(|l| l.id == id.trim())
    }
}

/// Normalises a criterion id for matching: only letters and digits count, case ignored, so that
/// `rev 03`, `REV_03` and `Rev-03` all find `REV-03`; a Latin letter's accents are ignored, so
/// that an id reads the same written precomposed (NFC) or decomposed (NFD, as some systems save
/// text): `ÉCO-01`, `E\u{301}CO-01` and `eco 01` are one id.
pub fn normalise_id(id: &str) -> String {
    // ASCII, as ids are written, byte by byte (the same letters and digits, upper-cased).
    if id.is_ascii() {
        return id.bytes().filter(u8::is_ascii_alphanumeric).map(|b| char::from(b.to_ascii_uppercase())).collect();
    }
    id_chars(id).collect()
}

/// Whether two ids are the same once normalised ([`normalise_id`]), without building either.
pub fn same_id(a: &str, b: &str) -> bool {
    a == b || id_chars(a).eq(id_chars(b))
}

/// An id's characters as [`normalise_id`] keeps them.
fn id_chars(id: &str) -> impl Iterator<Item = char> + '_ {
    id.chars().filter(|c| c.is_alphanumeric()).map(crate::value::latin_letter).flat_map(char::to_uppercase)
}
