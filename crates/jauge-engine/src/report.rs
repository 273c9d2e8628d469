//! The evaluation report: the stable JSON contract (`jauge-report/1`) the CLI prints and the web
//! app exports.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::diagnostic::Diagnostic;
use crate::finding::Explanation;
use crate::grid::{PriceBasis, PriceMethod};
use crate::offer::ManualMark;
use crate::text::{Lang, Text};

/// The report format identifier.
pub const REPORT_FORMAT_V1: &str = "jauge-report/1";

/// The result of evaluating offers against a grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Report {
    /// `jauge-report/1`.
    pub format: String,
    /// The grid used.
    pub grid: GridIdentity,
    /// Warnings about the grid and the evaluation as a whole (law, price method, ties…).
    pub warnings: Vec<Diagnostic>,
    /// For each price criterion: the prices compared and the abnormally-low detection thresholds.
    pub price: Vec<PriceAnalysis>,
    /// The offers: ranked ones by rank, then incomplete ones, then irregular ones.
    pub offers: Vec<OfferResult>,
}

/// Who the grid is, so a reader can check it holds the published file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GridIdentity {
    /// Grid id.
    pub id: String,
    /// Grid version.
    pub version: String,
    /// SHA-256 of the grid's canonical form.
    pub fingerprint: String,
    /// Grid title.
    pub title: Text,
    /// Publisher.
    pub publisher: String,
    /// Total of the weights.
    pub scale: f64,
    /// Basis prices are compared on.
    pub price_basis: PriceBasis,
}

/// Whether an offer is ranked, set aside, or waiting for marks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every mark is known and no eliminatory requirement failed.
    Ranked,
    /// Some manual marks (or their appraisals) are missing: the offer cannot be ranked yet.
    Incomplete,
    /// An eliminatory requirement failed, or the price is missing: set aside, not ranked.
    Irregular,
}

impl Report {
    /// While marks are missing: the offer ranked first and the offers waiting for marks that can
    /// still equal or pass its total, with every missing mark at its maximum; `None` when no offer
    /// waits for marks or none is ranked.
    pub fn provisional(&self) -> Option<(&OfferResult, Vec<&OfferResult>)> {
        let waiting: Vec<&OfferResult> =
            self.offers.iter().filter(|o| o.status == Status::Incomplete && o.reachable.is_some()).collect();
        let leader = self.offers.iter().find(|o| o.status == Status::Ranked && o.rank == Some(1))?;
        if waiting.is_empty() {
            return None;
        }
        Some((leader, self.threats(leader)))
    }

    /// The offers waiting for marks that can still equal or pass `leader`'s exact total, every
    /// missing mark at its maximum.
    pub fn threats(&self, leader: &OfferResult) -> Vec<&OfferResult> {
        self.offers
            .iter()
            .filter(|o| o.status == Status::Incomplete)
            .filter(|o| o.reachable.is_some_and(|r| r.highest >= leader.exact - 1e-9))
            .collect()
    }
}

impl Status {
    /// The status in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Status::Ranked, Lang::Fr) => "classée",
            (Status::Ranked, Lang::En) => "ranked",
            (Status::Incomplete, Lang::Fr) => "incomplète",
            (Status::Incomplete, Lang::En) => "incomplete",
            (Status::Irregular, Lang::Fr) => "irrégulière",
            (Status::Irregular, Lang::En) => "irregular",
        }
    }
}

impl Flag {
    /// The flag in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Flag::AbnormallyLow, Lang::Fr) => "prix paraissant anormalement bas",
            (Flag::AbnormallyLow, Lang::En) => "price that seems abnormally low",
            (Flag::Tie, Lang::Fr) => "ex aequo",
            (Flag::Tie, Lang::En) => "tie",
        }
    }

    /// Flags in words, separated by commas.
    pub fn list(flags: &[Flag], lang: Lang) -> String {
        flags.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(", ")
    }
}

/// Something the buyer must act on, without changing the ranking.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// The price is below a detection threshold: ask the supplier for explanations in writing
    /// (L2152-6); never an automatic exclusion.
    AbnormallyLow,
    /// The total equals another ranked offer's exactly (or under the rounding the grid announces)
    /// and no announced rule separates them: the buyer records how the tie was broken.
    Tie,
}

/// One offer's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OfferResult {
    /// The offer's identity (see [`crate::OfferId`]).
    pub id: crate::OfferId,
    /// Company name.
    pub supplier: String,
    /// SIRET, as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub siret: Option<String>,
    /// The file the offer was read from.
    pub source: String,
    /// For a variant, its name (the offer is then ranked as an offer of its own).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variant: Option<String>,
    /// SHA-256 of the offer's file as received, when it was read from a file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Ranked, incomplete or irregular.
    pub status: Status,
    /// Sum of the points (for irregular offers, for information only).
    pub total: f64,
    /// Rank among ranked offers (1 is the best; tied offers share a rank); `null` unless ranked.
    pub rank: Option<u32>,
    /// Why the offer is irregular or incomplete.
    pub reasons: Vec<Diagnostic>,
    /// Flags for the buyer: `abnormally_low`, `tie`.
    pub flags: Vec<Flag>,
    /// What the flags mean for this offer, and problems met reading its file.
    pub notes: Vec<Diagnostic>,
    /// Points per family.
    pub families: Vec<FamilyResult>,
    /// Points per criterion, explained.
    pub criteria: Vec<CriterionResult>,
    /// For an offer waiting for marks: the lowest and highest totals it can still reach.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reachable: Option<Reachable>,
    /// The total before rounding, which ranks compare (`total` is rounded to four decimals).
    #[serde(skip)]
    pub exact: f64,
}

/// Who makes an offer, as reports name it: the supplier, and for a variant its name.
pub fn bidder(supplier: &str, variant: Option<&str>, lang: crate::Lang) -> String {
    match variant {
        Some(v) => lang.pick(format!("{supplier} — variante « {v} »"), format!("{supplier} — variant \"{v}\"")),
        None => supplier.to_string(),
    }
}

impl OfferResult {
    /// Who makes the offer, as a ranking names it: the supplier, and for a variant its name.
    pub fn bidder(&self, lang: crate::Lang) -> String {
        bidder(&self.supplier, self.variant.as_deref(), lang)
    }

    /// The criteria whose marks the evaluators still owe for this offer: marked by them (a manual
    /// criterion, words no option matches, an answer Jauge could not read) and still awaiting a
    /// valid mark with its appraisal.
    pub fn awaiting_marks(&self) -> impl Iterator<Item = &CriterionResult> {
        self.criteria.iter().filter(|c| {
            c.marked_out_of.is_some()
                && self
                    .reasons
                    .iter()
                    .any(|r| r.criterion.as_deref() == Some(c.id.as_str()) && !crate::finding::sets_aside(r))
        })
    }
}

/// The totals an incomplete offer can still reach: every missing mark at 0, or every one full.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reachable {
    /// With every missing mark at 0.
    pub lowest: f64,
    /// With every missing mark at its maximum.
    pub highest: f64,
}

/// An offer's points in one family.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FamilyResult {
    /// Family id.
    pub id: String,
    /// Family name.
    pub label: Text,
    /// Points earned.
    pub points: f64,
    /// Points available.
    pub max: f64,
}

/// An offer's result on one criterion: what was read, how it was read, and the points.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CriterionResult {
    /// Criterion id.
    pub id: String,
    /// Family id.
    pub family: String,
    /// The answer as written by the supplier.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raw: Option<String>,
    /// Where the answer was read (sheet and cell), when read from a spreadsheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// The supplier's comment or evidence reference.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The interpreted value: a boolean, a number in the criterion's unit, an option id, a list of
    /// option ids, a date `YYYY-MM-DD`, a text, a price; `null` when there is no usable answer.
    pub value: serde_json::Value,
    /// The interpreted value as shown to people.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_text: Option<Text>,
    /// The rule in words.
    pub rule: Text,
    /// Fraction of the weight earned, between 0 and 1.
    pub fraction: f64,
    /// Points earned.
    pub points: f64,
    /// The criterion's weight.
    pub max: f64,
    /// How the points follow from the answer, in words.
    #[schemars(with = "Text")]
    pub explanation: Explained,
    /// How the answer was read (unit converted, basis assumed…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Text>,
    /// Why an answer that was given could not be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Text>,
    /// The minimum requirement and whether it is met.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eliminatory: Option<EliminatoryOutcome>,
    /// The evaluators' mark and appraisal, for manual criteria and for answers they settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mark: Option<ManualMark>,
    /// The supplier's words that match none of the grid's options: the evaluators read them and
    /// settle the criterion with a mark out of its weight (never a silent 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unmatched: Option<String>,
    /// When the criterion's points come from the evaluators' mark (a manual criterion, words no
    /// option matches, an answer Jauge could not read): what the mark is out of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marked_out_of: Option<f64>,
}

/// How a criterion's points were reached, kept as data ([`Explanation`]) until its words are read:
/// an evaluation explains every offer's every criterion, and a reader looks at a few. It reads,
/// compares and serialises as the [`Text`] it words (`jauge-report/1` is unchanged), through
/// `Deref`, so `explanation.get(lang)` words it once, in both languages, on first use.
#[derive(Clone, Debug, Default)]
pub struct Explained {
    data: Option<Explanation>,
    text: std::sync::OnceLock<Text>,
}

impl Explained {
    /// The words: the explanation's, worded now if they were not yet, or the text it was read as.
    pub fn text(&self) -> &Text {
        self.text.get_or_init(|| self.data.as_ref().map(Explanation::text).unwrap_or_default())
    }
}

impl std::ops::Deref for Explained {
    type Target = Text;
    fn deref(&self) -> &Text {
        self.text()
    }
}

impl From<Explanation> for Explained {
    fn from(data: Explanation) -> Explained {
        Explained { data: Some(data), text: std::sync::OnceLock::new() }
    }
}

impl From<Text> for Explained {
    fn from(text: Text) -> Explained {
        Explained { data: None, text: std::sync::OnceLock::from(text) }
    }
}

impl PartialEq for Explained {
    fn eq(&self, other: &Explained) -> bool {
        self.text() == other.text()
    }
}

impl Serialize for Explained {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.text().serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Explained {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Explained, D::Error> {
        Text::deserialize(deserializer).map(Explained::from)
    }
}

/// A minimum requirement and whether the offer meets it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EliminatoryOutcome {
    /// The requirement in words.
    pub requirement: Text,
    /// Whether it is met.
    pub passed: bool,
}

/// The prices compared on one price criterion, and the abnormally-low detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PriceAnalysis {
    /// The price criterion.
    pub criterion: String,
    /// The formula used.
    pub method: PriceMethod,
    /// Number of prices compared (offers that are not irregular).
    pub count: usize,
    /// Lowest price compared.
    pub lowest: Option<f64>,
    /// Highest price compared.
    pub highest: Option<f64>,
    /// Detection thresholds, when there are at least three prices.
    pub abnormally_low: Option<AbnormallyLow>,
    /// Prices compared excluding taxes while the offers compared do not state the same VAT status:
    /// every offer compared that states one, in the offers' order (empty when the statuses agree,
    /// or prices are compared taxes included).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unequal_vat: Vec<VatStated>,
    /// Prices compared excluding taxes: the offers compared that state no VAT status (neither a
    /// rate nor that they are not liable), in the offers' order; empty when prices are compared
    /// taxes included or fewer than two offers are compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vat_unstated: Vec<crate::OfferId>,
}

/// The VAT status an offer states with its price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct VatStated {
    /// The offer.
    pub offer: crate::OfferId,
    /// Its rate, or that it is not liable.
    pub vat: crate::schedule::Vat,
}

/// The two detection methods of abnormally low prices (thresholds only; they trigger a request for
/// explanations, never an exclusion).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AbnormallyLow {
    /// Mean of the prices.
    pub mean: f64,
    /// Population standard deviation of the prices.
    pub standard_deviation: f64,
    /// First method: prices under mean − 1 standard deviation are flagged.
    pub mean_minus_sd: f64,
    /// Second method: M1, the mean of all prices.
    pub m1: f64,
    /// Second method: M2, the mean of the prices not above 1.2 × M1.
    pub m2: f64,
    /// Second method: prices under 0.9 × M2 are flagged.
    pub m2_threshold: f64,
}
