//! What the evaluation finds about offers, as data: why an offer is irregular, incomplete or
//! flagged ([`Finding`]), how a criterion's mark was reached ([`Explanation`]), and the announced
//! tie-break rules ([`TieRule`], [`TieRules`]). The evaluation only computes them; the words are
//! here, each one's French and English side by side, picked by [`Lang::pick`]. A finding becomes the
//! report's [`Diagnostic`] (its code and its words in both languages) by [`Finding::diagnostic`],
//! so the report contract does not change.

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::grid::{PriceBasis, PriceMethod};
use crate::law::{Law, cites};
use crate::rules::percent;
use crate::text::{Lang, Text, number, points};

/// The answer an offer gave to a criterion, as the evaluation found it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "text", rename_all = "snake_case")]
pub enum Answer {
    /// An answer read, displayed in the criterion's terms.
    Given(Text),
    /// An answer that could not be read: why.
    Unreadable(Text),
    /// Words that answer nothing (« N/A », « - »), quoted as the bidder wrote them.
    Blank(String),
    /// No answer.
    Missing,
}

impl Answer {
    /// The answer alone, as a minimum requirement's check quotes it.
    fn found(&self, lang: Lang) -> String {
        match self {
            Answer::Given(t) | Answer::Unreadable(t) => t.get(lang).to_string(),
            Answer::Blank(words) => Answer::blank(words, lang),
            Answer::Missing => lang.pick("pas de réponse", "no answer").to_string(),
        }
    }

    /// Words that answer nothing, quoted: `« N/A », lu comme une absence de réponse`.
    fn blank(words: &str, lang: Lang) -> String {
        lang.pick(format!("« {words} », lu comme une absence de réponse"), format!("\"{words}\", read as no answer"))
    }

    /// The answer at the head of an explanation: `réponse « Oui »`.
    fn head(&self, lang: Lang) -> String {
        match self {
            Answer::Given(t) => {
                lang.pick(format!("réponse « {} »", t.get(lang)), format!("answer \"{}\"", t.get(lang)))
            }
            Answer::Unreadable(p) => p.get(lang).to_string(),
            Answer::Blank(words) => Answer::blank(words, lang),
            Answer::Missing => lang.pick("pas de réponse", "no answer").to_string(),
        }
    }
}

/// One thing the evaluation finds about an offer or the offers together. Serialised
/// `{"code": "missing_mark", "data": {…}}`; [`Finding::code`] is the report's diagnostic code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Finding {
    /// A variant, when the grid does not say whether the tender documents allow variants: the
    /// buyer checks them (whether variants are allowed by default depends on the procedure).
    VariantsUnannounced {
        /// The variant's name.
        variant: String,
    },
    /// A variant, when the tender documents allow none: the offer is irregular.
    VariantNotAllowed {
        /// The variant's name.
        variant: String,
    },
    /// A variant without its bidder's base offer, when the tender documents require one: the
    /// offer is irregular.
    VariantWithoutBase {
        /// The variant's name.
        variant: String,
    },
    /// A follow-on contract's offer from a bidder that is not a holder of the framework
    /// agreement: the offer is irregular.
    NotAHolder {
        /// The framework agreement's reference.
        framework: String,
    },
    /// Fewer than three comparable prices: abnormally low offers are not detected by formula.
    AbnormallyLowNotComputed {
        /// The price criterion.
        criterion: String,
    },
    /// The linear method with prices so close that a tiny gap separates the full mark from zero.
    LinearPriceGap {
        /// The price criterion.
        criterion: String,
        /// The gap between the highest and the lowest price, in euros.
        gap: f64,
    },
    /// A price under one of the abnormally-low thresholds (or both).
    AbnormallyLow {
        /// The price criterion.
        criterion: String,
        /// The offer's price, in euros.
        price: f64,
        /// The mean minus one standard deviation, when the price is under it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        under_mean_minus_sd: Option<f64>,
        /// 0.9 × M2, when the price is under it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        under_m2: Option<f64>,
    },
    /// A schedule line without a unit price (announced rule applied).
    ScheduleMissingPrice {
        /// The price criterion.
        criterion: String,
        /// The line.
        line: String,
        /// Where the unit price was expected.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The rule the grid announces for a missing price.
        rule: crate::grid::MissingPrice,
    },
    /// Text that is not a price in a unit price cell.
    ScheduleCellText {
        /// The price criterion.
        criterion: String,
        /// The line.
        line: String,
        /// The cell.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The words as written.
        text: String,
        /// The rule the grid announces for a missing price.
        rule: crate::grid::MissingPrice,
    },
    /// A missing unit price replaced by the highest the other offers give the line, as announced.
    ScheduleLineSubstituted {
        /// The price criterion.
        criterion: String,
        /// The line.
        line: String,
        /// Where the unit price was expected.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The unit price retained, in euros.
        unit_price: f64,
    },
    /// A bidder's line total that is not its unit price times the quantity: corrected by the
    /// announced rule.
    ScheduleLineTotal {
        /// The price criterion.
        criterion: String,
        /// The line.
        line: String,
        /// The cell of the bidder's line total.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The unit price as read.
        unit_price: f64,
        /// The quantity.
        quantity: f64,
        /// The bidder's line total.
        stated: f64,
        /// Unit price × quantity.
        computed: f64,
        /// Which figure the grid says prevails.
        prevails: crate::grid::Prevails,
    },
    /// A bidder's grand total that is not the sum of its lines: the recomputed sum is retained.
    ScheduleTotal {
        /// The price criterion.
        criterion: String,
        /// The bidder's grand total.
        stated: f64,
        /// The sum of the lines.
        computed: f64,
    },
    /// Prices compared taxes included and no VAT rate or exemption given for the schedule: a
    /// point to settle, never a presumed rate.
    ScheduleVatMissing {
        /// The price criterion.
        criterion: String,
    },
    /// A line priced far below the other offers' (a point to examine, never an exclusion).
    ScheduleLowLine {
        /// The price criterion.
        criterion: String,
        /// The line.
        line: String,
        /// The unit price cell.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The offer's unit price.
        unit_price: f64,
        /// The median of the compared offers' unit prices on that line.
        median: f64,
        /// The share of the median under which a line is flagged.
        share: f64,
    },
    /// A price above the budget the tender documents announce as a ceiling: the buyer decides
    /// whether the offer is unacceptable; the tool never sets it aside.
    AboveBudget {
        /// The price criterion.
        criterion: String,
        /// The offer's compared price.
        price: f64,
        /// The ceiling.
        ceiling: f64,
    },
    /// A price above the buyer's estimate (not announced as a ceiling): said, with no effect on
    /// marks nor ranking.
    AboveEstimate {
        /// The price criterion.
        criterion: String,
        /// The offer's compared price.
        price: f64,
        /// The estimate.
        estimate: f64,
    },
    /// Prices compared excluding taxes while the bidders compared do not state the same VAT
    /// status (one is not liable, or their rates differ): excluding taxes, the prices are not what
    /// the buyer will pay; a point to settle.
    UnequalVat {
        /// The price criterion.
        criterion: String,
        /// How many compared bidders state they are not liable to VAT.
        exempt: usize,
        /// The rates the compared bidders state, in percent, each once, in increasing order.
        rates: Vec<f64>,
    },
    /// A component of a life-cycle cost not stated, or not as a number: the cost cannot be
    /// computed; a point to settle.
    CostComponentMissing {
        /// The cost criterion.
        criterion: String,
        /// The component.
        component: crate::grid::CostComponent,
        /// Where it was expected.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        location: Option<String>,
        /// The words written, when they are not a number.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
    },
    /// A schedule with quantities kept from bidders, and the buyer's quantities file not given:
    /// the schedule cannot be priced.
    HiddenQuantitiesMissing {
        /// The price criterion.
        criterion: String,
    },
    /// Optional services (PSE) in the schedule and no decision recorded on which are kept: the
    /// base alone is compared until the buyer decides.
    PseUndecided {
        /// The price criterion.
        criterion: String,
        /// The optional groups, each by its id and its name.
        groups: Vec<(String, Text)>,
    },
    /// The buyer's decision on the optional services, applied to every offer.
    PseKept {
        /// The price criterion.
        criterion: String,
        /// The optional groups kept, each by its id and its name.
        kept: Vec<(String, Text)>,
        /// The optional groups left out, each by its id and its name.
        left_out: Vec<(String, Text)>,
    },
    /// The offer does not name its supplier.
    NoSupplierName,
    /// The offer answers another grid (or another version) than the one evaluating it.
    OtherGrid {
        /// The id of the grid the offer answers.
        answered_id: String,
        /// Its version.
        answered_version: String,
        /// The id of the grid evaluating it.
        grid_id: String,
        /// Its version.
        grid_version: String,
    },
    /// Marks written in an offer's own file (a bidder's): marks come from the evaluators only,
    /// these are ignored.
    MarksInOfferFile {
        /// The criteria the file marks.
        criteria: Vec<String>,
    },
    /// An answer to a criterion the grid does not have: ignored.
    UnknownCriterion {
        /// The id the offer gives.
        criterion: String,
    },
    /// An evaluator's mark that counts for nothing: on a criterion the grid does not have, or on
    /// an automatic criterion whose answer was read (only words an evaluator must read are marked).
    MarkIgnored {
        /// The criterion id the mark is given for.
        criterion: String,
        /// Whether the grid has the criterion, scored from its answer.
        automatic: bool,
    },
    /// More answers to criteria the grid does not have than are named one by one: ignored, and
    /// counted in one note (a hostile file's hundreds of thousands of them never fill a report).
    UnknownCriteriaMore {
        /// How many are not named.
        count: usize,
    },
    /// A minimum requirement whose answer no option matches: an evaluator must check it.
    UnsettledRequirement {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The words no option matches.
        answer: String,
        /// The criterion's weight, out of which the evaluators mark.
        weight: f64,
    },
    /// A minimum requirement whose answer could not be read as the criterion asks: an evaluator
    /// reads it and settles it with a mark, as for words no option matches; never irregular on
    /// that alone.
    UnreadableRequirement {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The answer as written.
        answer: String,
        /// Why it could not be read.
        problem: Text,
        /// The criterion's weight, out of which the evaluators mark.
        weight: f64,
    },
    /// A minimum requirement not met: the offer is irregular.
    Eliminatory {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The requirement in words.
        requirement: Text,
        /// The answer found.
        answer: Answer,
    },
    /// A price given on the other tax basis: the amount on the grid's basis is to be obtained.
    PriceBasisToSettle {
        /// The price criterion.
        criterion: String,
        /// The basis the price was given on.
        given: PriceBasis,
        /// The grid's basis.
        wanted: PriceBasis,
    },
    /// No price, or one that cannot be read: the offer is irregular.
    NoPrice {
        /// The price criterion.
        criterion: String,
        /// Why the price could not be read, when it was given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        problem: Option<Text>,
    },
    /// A manual mark outside the scale.
    InvalidMark {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The mark given.
        mark: f64,
        /// The top of the scale.
        out_of: f64,
    },
    /// A manual mark without its written appraisal.
    MissingAppraisal {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
    },
    /// A manual criterion not marked yet.
    MissingMark {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
    },
    /// An answer Jauge could not read as the criterion asks (a duration in words, a number with
    /// text around it…), not yet read and marked by an evaluator: never a silent 0.
    UnreadableAnswer {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The answer as written.
        answer: String,
        /// Why it could not be read.
        problem: Text,
        /// The criterion's weight, out of which the evaluators mark.
        weight: f64,
    },
    /// An answer no option matches, not yet read and marked by an evaluator.
    UnsettledAnswer {
        /// The criterion.
        criterion: String,
        /// Its label.
        label: Text,
        /// The words no option matches.
        words: String,
        /// The criterion's weight, out of which the evaluators mark.
        weight: f64,
    },
    /// Equal totals separated by an announced tie-break rule.
    TieBroken {
        /// The equal total.
        total: f64,
        /// The supplier ranked ahead.
        ahead: String,
        /// The supplier ranked behind.
        behind: String,
        /// The rule that separated them, in words.
        rule: Text,
    },
    /// Offers sharing a rank that no announced rule separates.
    Tie {
        /// The shared rank.
        rank: u32,
        /// The equal total.
        total: f64,
        /// The suppliers tied.
        suppliers: Vec<String>,
        /// Whether tie-break rules were announced (and do not separate them).
        announced: bool,
    },
}

/// Whether a reason given for an offer sets it aside (a minimum requirement not met, no price), as
/// opposed to a point still to settle (a mark to enter, an answer to read): what a rejection may
/// cite.
pub fn sets_aside(reason: &Diagnostic) -> bool {
    matches!(
        reason.code.as_str(),
        "eliminatory"
            | "no_price"
            | "variant_not_allowed"
            | "variant_without_base"
            | "not_a_holder"
            | "schedule_missing_price_irregular"
            | "schedule_cell_text_irregular"
    )
}

impl Finding {
    /// The report's diagnostic code, e.g. `missing_mark`.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::AbnormallyLowNotComputed { .. } => "abnormally_low_not_computed",
            Finding::LinearPriceGap { .. } => "linear_price_gap",
            Finding::AbnormallyLow { .. } => "abnormally_low",
            Finding::ScheduleMissingPrice { rule: crate::grid::MissingPrice::Irregular, .. } => {
                "schedule_missing_price_irregular"
            }
            Finding::ScheduleCellText { rule: crate::grid::MissingPrice::Irregular, .. } => {
                "schedule_cell_text_irregular"
            }
            Finding::ScheduleMissingPrice { .. } => "schedule_missing_price",
            Finding::ScheduleCellText { .. } => "schedule_cell_text",
            Finding::ScheduleLineSubstituted { .. } => "schedule_line_substituted",
            Finding::ScheduleLineTotal { .. } => "schedule_line_total",
            Finding::ScheduleTotal { .. } => "schedule_total",
            Finding::ScheduleVatMissing { .. } => "schedule_vat_missing",
            Finding::ScheduleLowLine { .. } => "schedule_low_line",
            Finding::PseUndecided { .. } => "pse_undecided",
            Finding::HiddenQuantitiesMissing { .. } => "hidden_quantities_missing",
            Finding::AboveBudget { .. } => "above_budget",
            Finding::AboveEstimate { .. } => "above_estimate",
            Finding::UnequalVat { .. } => "unequal_vat",
            Finding::CostComponentMissing { .. } => "cost_component_missing",
            Finding::PseKept { .. } => "pse_kept",
            Finding::NoSupplierName => "no_supplier_name",
            Finding::VariantNotAllowed { .. } => "variant_not_allowed",
            Finding::VariantWithoutBase { .. } => "variant_without_base",
            Finding::NotAHolder { .. } => "not_a_holder",
            Finding::VariantsUnannounced { .. } => "variants_unannounced",
            Finding::OtherGrid { .. } => "other_grid",
            Finding::UnknownCriterion { .. } => "unknown_criterion",
            Finding::UnknownCriteriaMore { .. } => "unknown_criteria_more",
            Finding::MarkIgnored { .. } => "mark_ignored",
            Finding::MarksInOfferFile { .. } => "marks_in_offer_file",
            Finding::UnsettledRequirement { .. } => "unsettled_requirement",
            Finding::UnreadableRequirement { .. } => "unreadable_requirement",
            Finding::Eliminatory { .. } => "eliminatory",
            Finding::PriceBasisToSettle { .. } => "price_basis_to_settle",
            Finding::NoPrice { .. } => "no_price",
            Finding::InvalidMark { .. } => "invalid_mark",
            Finding::MissingAppraisal { .. } => "missing_appraisal",
            Finding::MissingMark { .. } => "missing_mark",
            Finding::UnsettledAnswer { .. } => "unsettled_answer",
            Finding::UnreadableAnswer { .. } => "unreadable_answer",
            Finding::TieBroken { .. } => "tie_broken",
            Finding::Tie { .. } => "tie",
        }
    }

    /// How serious it is: what sets an offer aside or holds its ranking back is an error.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::AbnormallyLowNotComputed { .. }
            | Finding::UnknownCriterion { .. }
            | Finding::UnknownCriteriaMore { .. }
            | Finding::TieBroken { .. }
            | Finding::ScheduleLineSubstituted { .. }
            | Finding::AboveEstimate { .. }
            | Finding::PseKept { .. } => Severity::Info,
            Finding::ScheduleLineTotal { .. }
            | Finding::ScheduleTotal { .. }
            | Finding::ScheduleLowLine { .. }
            | Finding::PseUndecided { .. }
            | Finding::UnequalVat { .. }
            | Finding::AboveBudget { .. } => Severity::Warning,
            Finding::ScheduleMissingPrice { .. }
            | Finding::ScheduleCellText { .. }
            | Finding::ScheduleVatMissing { .. }
            | Finding::HiddenQuantitiesMissing { .. }
            | Finding::CostComponentMissing { .. } => Severity::Error,
            Finding::LinearPriceGap { .. }
            | Finding::AbnormallyLow { .. }
            | Finding::NoSupplierName
            | Finding::MarksInOfferFile { .. }
            | Finding::MarkIgnored { .. }
            | Finding::OtherGrid { .. }
            | Finding::Tie { .. }
            | Finding::VariantsUnannounced { .. } => Severity::Warning,
            Finding::UnsettledRequirement { .. }
            | Finding::UnreadableRequirement { .. }
            | Finding::Eliminatory { .. }
            | Finding::PriceBasisToSettle { .. }
            | Finding::NoPrice { .. }
            | Finding::InvalidMark { .. }
            | Finding::MissingAppraisal { .. }
            | Finding::MissingMark { .. }
            | Finding::UnsettledAnswer { .. }
            | Finding::UnreadableAnswer { .. }
            | Finding::VariantNotAllowed { .. }
            | Finding::VariantWithoutBase { .. }
            | Finding::NotAHolder { .. } => Severity::Error,
        }
    }

    /// The criterion concerned, if any.
    pub fn criterion(&self) -> Option<&str> {
        match self {
            Finding::AbnormallyLowNotComputed { criterion }
            | Finding::LinearPriceGap { criterion, .. }
            | Finding::AbnormallyLow { criterion, .. }
            | Finding::ScheduleMissingPrice { criterion, .. }
            | Finding::ScheduleCellText { criterion, .. }
            | Finding::ScheduleLineSubstituted { criterion, .. }
            | Finding::ScheduleLineTotal { criterion, .. }
            | Finding::ScheduleTotal { criterion, .. }
            | Finding::ScheduleVatMissing { criterion }
            | Finding::ScheduleLowLine { criterion, .. }
            | Finding::PseUndecided { criterion, .. }
            | Finding::HiddenQuantitiesMissing { criterion }
            | Finding::AboveBudget { criterion, .. }
            | Finding::AboveEstimate { criterion, .. }
            | Finding::UnequalVat { criterion, .. }
            | Finding::CostComponentMissing { criterion, .. }
            | Finding::PseKept { criterion, .. }
            | Finding::UnknownCriterion { criterion }
            | Finding::MarkIgnored { criterion, .. }
            | Finding::UnsettledRequirement { criterion, .. }
            | Finding::UnreadableRequirement { criterion, .. }
            | Finding::Eliminatory { criterion, .. }
            | Finding::PriceBasisToSettle { criterion, .. }
            | Finding::NoPrice { criterion, .. }
            | Finding::InvalidMark { criterion, .. }
            | Finding::MissingAppraisal { criterion, .. }
            | Finding::MissingMark { criterion, .. }
            | Finding::UnsettledAnswer { criterion, .. }
            | Finding::UnreadableAnswer { criterion, .. } => Some(criterion),
            Finding::NoSupplierName
            | Finding::MarksInOfferFile { .. }
            | Finding::UnknownCriteriaMore { .. }
            | Finding::OtherGrid { .. }
            | Finding::TieBroken { .. }
            | Finding::Tie { .. }
            | Finding::VariantNotAllowed { .. }
            | Finding::VariantWithoutBase { .. }
            | Finding::NotAHolder { .. }
            | Finding::VariantsUnannounced { .. } => None,
        }
    }

    /// The finding in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Finding::AbnormallyLowNotComputed { .. } => l.pick(
                "moins de trois prix comparables : la détection des offres anormalement basses n'est pas calculée ; examiner les prix au cas par cas",
                "fewer than three comparable prices: abnormally low offers are not detected by formula; examine the prices one by one",
            ).to_string(),
            Finding::LinearPriceGap { gap, .. } => {
                let gap = number(*gap, 2, l);
                l.pick(
                    format!("méthode linéaire avec des prix très proches (écart de {gap} €) : un écart minime sépare la note maximale de zéro ; la méthode proportionnelle serait plus juste"),
                    format!("linear method with very close prices (a gap of €{gap}): a tiny gap separates the full mark from zero; the proportional method would be fairer"),
                )
            }
            Finding::AbnormallyLow { price, under_mean_minus_sd, under_m2, .. } => {
                let mut m = Vec::new();
                if let Some(t) = under_mean_minus_sd {
                    let t = number(*t, 2, l);
                    m.push(l.pick(
                        format!("sous la moyenne moins un écart type ({t} €)"),
                        format!("under the mean minus one standard deviation (€{t})"),
                    ));
                }
                if let Some(t) = under_m2 {
                    let t = number(*t, 2, l);
                    m.push(l.pick(format!("sous 0,9 × M2 ({t} €)"), format!("under 0.9 × M2 (€{t})")));
                }
                let (price, methods, law) = (number(*price, 2, l), m.join(l.pick(" et ", " and ")), cites(&[Law::L2152_6, Law::R2152_3], l));
                l.pick(
                    format!("prix de {price} € {methods} : offre peut-être anormalement basse ; demander par écrit des précisions et justifications au soumissionnaire avant toute décision, sans l'écarter d'office ({law})"),
                    format!("price of €{price} {methods}: the offer may be abnormally low; ask the supplier in writing for details and justification before any decision, without setting it aside automatically ({law})"),
                )
            }
            Finding::NoSupplierName => l.pick("nom du candidat absent", "supplier name missing").to_string(),
            Finding::VariantsUnannounced { variant } => l.pick(
                format!("variante « {variant} » : la grille ne dit pas si les documents de la consultation autorisent les variantes ; le vérifier avant de classer cette offre"),
                format!("variant \"{variant}\": the grid does not say whether the tender documents allow variants; check them before ranking this offer"),
            ),
            Finding::NotAHolder { framework } => l.pick(
                format!("le soumissionnaire n'est pas titulaire de l'accord-cadre « {framework} » : seuls ses titulaires peuvent remettre une offre pour ce marché subséquent ; offre irrégulière"),
                format!("the bidder is not a holder of the framework agreement \"{framework}\": only its holders may bid for this follow-on contract; irregular offer"),
            ),
            Finding::VariantNotAllowed { variant } => l.pick(
                format!("variante « {variant} » : les documents de la consultation n'autorisent pas les variantes ; offre irrégulière"),
                format!("variant \"{variant}\": the tender documents allow no variants; irregular offer"),
            ),
            Finding::VariantWithoutBase { variant } => l.pick(
                format!("variante « {variant} » sans offre de base du même soumissionnaire, que les documents de la consultation exigent ; offre irrégulière"),
                format!("variant \"{variant}\" without a base offer from the same bidder, which the tender documents require; irregular offer"),
            ),
            Finding::OtherGrid { answered_id, answered_version, grid_id, grid_version } => l.pick(
                format!("l'offre répond à la grille « {answered_id} » version {answered_version}, l'évaluation utilise « {grid_id} » version {grid_version}"),
                format!("the offer answers grid \"{answered_id}\" version {answered_version}, the evaluation uses \"{grid_id}\" version {grid_version}"),
            ),
            Finding::MarksInOfferFile { criteria } => {
                let criteria = crate::text::listed(criteria, l);
                l.pick(
                    format!("le fichier de l'offre porte des notes ({criteria}) : ignorées, les notes ne viennent que des évaluateurs"),
                    format!("the offer's file carries marks ({criteria}): ignored, marks come from the evaluators only"),
                )
            }
            Finding::UnknownCriterion { criterion } => l.pick(
                format!("réponse à un critère « {criterion} » absent de la grille : ignorée"),
                format!("answer to a criterion \"{criterion}\" not in the grid: ignored"),
            ),
            Finding::MarkIgnored { criterion, automatic: false } => l.pick(
                format!("note donnée pour un critère « {criterion} » absent de la grille : ignorée"),
                format!("mark given for a criterion \"{criterion}\" not in the grid: ignored"),
            ),
            Finding::MarkIgnored { criterion, automatic: true } => l.pick(
                format!("note donnée pour le critère {criterion}, noté d'après la réponse lue : ignorée (seules les réponses à lire par un évaluateur se notent)"),
                format!("mark given for criterion {criterion}, scored from the answer read: ignored (only answers an evaluator must read are marked)"),
            ),
            Finding::UnknownCriteriaMore { count } => {
                let n = number(*count as f64, 0, l);
                l.pick(
                    format!("et {n} autres réponses à des critères absents de la grille : ignorées"),
                    format!("and {n} more answers to criteria not in the grid: ignored"),
                )
            }
            Finding::UnreadableRequirement { criterion, label, answer, problem, weight } => {
                let (label, weight, problem) = (label.get(l), number(*weight, 2, l), problem.get(l));
                l.pick(
                    format!("exigence minimale de « {label} » ({criterion}) à vérifier par un évaluateur : la réponse « {answer} » n'a pas pu être lue ({problem}) ; la noter sur {weight} avec une appréciation (une note de 0 constate que l'exigence n'est pas satisfaite)"),
                    format!("minimum requirement of \"{label}\" ({criterion}) to be checked by an evaluator: the answer \"{answer}\" could not be read ({problem}); mark it out of {weight} with an appraisal (a mark of 0 records that the requirement is not met)"),
                )
            }
            Finding::UnsettledRequirement { criterion, label, answer, weight } => {
                let (label, weight) = (label.get(l), number(*weight, 2, l));
                l.pick(
                    format!("exigence minimale de « {label} » ({criterion}) à vérifier par un évaluateur : la réponse « {answer} » ne correspond à aucune option de la grille ; la noter sur {weight} avec une appréciation (une note de 0 constate que l'exigence n'est pas satisfaite)"),
                    format!("minimum requirement of \"{label}\" ({criterion}) to be checked by an evaluator: the answer \"{answer}\" matches none of the grid's options; mark it out of {weight} with an appraisal (a mark of 0 records that the requirement is not met)"),
                )
            }
            Finding::Eliminatory { criterion, label, requirement, answer } => {
                let (label, requirement, answer) = (label.get(l), requirement.get(l), answer.found(l));
                l.pick(
                    format!("exigence minimale non satisfaite pour « {label} » ({criterion}) : {requirement} ; réponse : {answer}"),
                    format!("minimum requirement not met for \"{label}\" ({criterion}): {requirement}; answer: {answer}"),
                )
            }
            Finding::PriceBasisToSettle { criterion, given, wanted } => {
                let (given, wanted) = (given.code(), wanted.code());
                l.pick(
                    format!("prix donné {given} seulement ({criterion}) : le montant {wanted} que paiera l'acheteur (au taux de TVA applicable au soumissionnaire, ou hors TVA s'il en est exonéré) est à obtenir de lui avant de comparer les prix ; aucun taux n'est présumé"),
                    format!("price given {given} only ({criterion}): the {wanted} amount the buyer will pay (at the VAT rate that applies to the bidder, or without VAT if it is exempt) is to be obtained from the bidder before prices are compared; no rate is presumed"),
                )
            }
            Finding::NoPrice { criterion, problem } => {
                let why = no_price(problem, l);
                l.pick(
                    format!("prix absent ou illisible ({criterion}) : {why} ; une offre sans prix ne peut pas être classée"),
                    format!("price missing or unreadable ({criterion}): {why}; an offer without a price cannot be ranked"),
                )
            }
            Finding::InvalidMark { criterion, label, mark, out_of } => {
                let (label, mark, out_of) = (label.get(l), number(*mark, 2, l), number(*out_of, 2, l));
                l.pick(
                    format!("note {mark} hors barème pour « {label} » ({criterion}) : attendu une note entre 0 et {out_of}"),
                    format!("mark {mark} out of range for \"{label}\" ({criterion}): expected a mark between 0 and {out_of}"),
                )
            }
            Finding::MissingAppraisal { criterion, label } => {
                let label = label.get(l);
                l.pick(
                    format!("la note de « {label} » ({criterion}) n'est pas accompagnée d'une appréciation écrite ; elle doit l'être pour justifier la note"),
                    format!("the mark of \"{label}\" ({criterion}) has no written appraisal; one is needed to justify the mark"),
                )
            }
            Finding::MissingMark { criterion, label } => {
                let label = label.get(l);
                l.pick(
                    format!("note manuelle manquante pour « {label} » ({criterion}) : l'offre ne peut pas être classée avant d'être notée"),
                    format!("manual mark missing for \"{label}\" ({criterion}): the offer cannot be ranked until it is marked"),
                )
            }
            Finding::UnreadableAnswer { criterion, label, answer, problem, weight } => {
                let (label, weight, problem) = (label.get(l), number(*weight, 2, l), problem.get(l));
                l.pick(
                    format!("réponse à lire par un évaluateur pour « {label} » ({criterion}) : « {answer} » n'a pas pu être lu ({problem}) ; la noter sur {weight} avec une appréciation"),
                    format!("answer to be read by an evaluator for \"{label}\" ({criterion}): \"{answer}\" could not be read ({problem}); mark it out of {weight} with an appraisal"),
                )
            }
            Finding::UnsettledAnswer { criterion, label, words, weight } => {
                let (label, weight) = (label.get(l), number(*weight, 2, l));
                l.pick(
                    format!("réponse à lire par un évaluateur pour « {label} » ({criterion}) : « {words} » ne correspond à aucune option de la grille ; la noter sur {weight} avec une appréciation"),
                    format!("answer to be read by an evaluator for \"{label}\" ({criterion}): \"{words}\" matches none of the grid's options; mark it out of {weight} with an appraisal"),
                )
            }
            Finding::ScheduleMissingPrice { line, location, rule, .. } => {
                let at = at(location, l);
                l.pick(
                    format!("bordereau, ligne {line}{at} : prix unitaire absent ; {}", missing_rule(*rule, l)),
                    format!("schedule, line {line}{at}: no unit price; {}", missing_rule(*rule, l)),
                )
            }
            Finding::ScheduleCellText { line, location, text, rule, .. } => {
                let at = at(location, l);
                l.pick(
                    format!("bordereau, ligne {line}{at} : « {text} » n'est pas un prix ; {}", missing_rule(*rule, l)),
                    format!("schedule, line {line}{at}: \"{text}\" is not a price; {}", missing_rule(*rule, l)),
                )
            }
            Finding::ScheduleLineSubstituted { line, location, unit_price, .. } => {
                let (at, p) = (at(location, l), number(*unit_price, 2, l));
                l.pick(
                    format!("bordereau, ligne {line}{at} : prix unitaire absent, compté au plus haut prix unitaire des autres offres ({p} €), comme la grille l'annonce"),
                    format!("schedule, line {line}{at}: no unit price, counted at the highest unit price of the other offers (€{p}), as the grid announces"),
                )
            }
            Finding::ScheduleLineTotal { line, location, unit_price, quantity, stated, computed, prevails, .. } => {
                let at = at(location, l);
                let (p, q, s, c) = (number(*unit_price, 2, l), number(*quantity, 2, l), number(*stated, 2, l), number(*computed, 2, l));
                let rule = match prevails {
                    crate::grid::Prevails::UnitPrice => l.pick("le prix unitaire prévaut, comme la grille l'annonce : montant recalculé retenu", "the unit price prevails, as the grid announces: the recomputed amount is retained"),
                    crate::grid::Prevails::Total => l.pick("le montant de la ligne prévaut, comme la grille l'annonce : prix unitaire corrigé", "the line total prevails, as the grid announces: the unit price is corrected"),
                };
                l.pick(
                    format!("bordereau, ligne {line}{at} : montant indiqué {s} € ≠ {p} € × {q} = {c} € ; {rule}"),
                    format!("schedule, line {line}{at}: stated amount €{s} ≠ €{p} × {q} = €{c}; {rule}"),
                )
            }
            Finding::ScheduleTotal { stated, computed, .. } => {
                let (s, c) = (number(*stated, 2, l), number(*computed, 2, l));
                l.pick(
                    format!("bordereau : total indiqué {s} € ≠ somme des lignes {c} € ; la somme recalculée est retenue"),
                    format!("schedule: stated total €{s} ≠ sum of the lines €{c}; the recomputed sum is retained"),
                )
            }
            Finding::ScheduleVatMissing { .. } => l.pick(
                "bordereau : ni taux de TVA ni exonération indiqués alors que les prix sont comparés TTC ; aucun taux n'est présumé : à obtenir du soumissionnaire",
                "schedule: neither a VAT rate nor an exemption given while prices are compared taxes included; no rate is presumed: to be obtained from the bidder",
            ).to_string(),
            Finding::ScheduleLowLine { line, location, unit_price, median, share, .. } => {
                let (at, p, m, s) = (at(location, l), number(*unit_price, 2, l), number(*median, 2, l), percent(*share, l));
                l.pick(
                    format!("bordereau, ligne {line}{at} : prix unitaire {p} €, sous {s} de la médiane des offres ({m} €) : point à examiner, à faire expliquer le cas échéant, jamais un motif d'exclusion à lui seul"),
                    format!("schedule, line {line}{at}: unit price €{p}, under {s} of the offers' median (€{m}): a point to examine, to have explained if need be, never a ground for exclusion on its own"),
                )
            }
            Finding::CostComponentMissing { component, location, text, .. } => {
                let (name, at) = (cost_component(*component, l), at(location, l));
                match text {
                    Some(t) => l.pick(
                        format!("coût du cycle de vie : {name}{at} : « {t} » n'est pas un montant ; le coût ne peut pas être calculé : à obtenir du soumissionnaire"),
                        format!("life-cycle cost: {name}{at}: \"{t}\" is not an amount; the cost cannot be computed: to be obtained from the bidder"),
                    ),
                    None => l.pick(
                        format!("coût du cycle de vie : {name}{at} non indiqué ; le coût ne peut pas être calculé : à obtenir du soumissionnaire"),
                        format!("life-cycle cost: {name}{at} not given; the cost cannot be computed: to be obtained from the bidder"),
                    ),
                }
            }
            Finding::AboveBudget { price, ceiling, .. } => {
                let (p, c, law) = (number(*price, 2, l), number(*ceiling, 2, l), cites(&[Law::L2152_3], l));
                l.pick(
                    format!("prix de {p} € au-dessus du budget annoncé comme plafond ({c} €) : point à régler par l'acheteur, qui décide si l'offre est inacceptable ({law}) ; l'outil ne l'écarte pas"),
                    format!("price of €{p} above the budget announced as a ceiling (€{c}): a point for the buyer to settle, who decides whether the offer is unacceptable ({law}); the tool does not set it aside"),
                )
            }
            Finding::AboveEstimate { price, estimate, .. } => {
                let (p, e, law) = (number(*price, 2, l), number(*estimate, 2, l), cites(&[Law::L2152_3], l));
                l.pick(
                    format!("prix de {p} € supérieur à l'estimation de l'acheteur ({e} €), qui n'est pas annoncée comme un plafond : sans effet sur la note ni sur le classement ; une offre n'est inacceptable que si son prix excède les crédits budgétaires alloués au marché, déterminés avant le lancement de la procédure ({law})"),
                    format!("price of €{p} above the buyer's estimate (€{e}), which is not announced as a ceiling: no effect on the mark nor the ranking; an offer is unacceptable only when its price exceeds the budget allocated to the contract, set before the procedure started ({law})"),
                )
            }
            Finding::UnequalVat { exempt, rates, .. } => {
                let mut stated = Vec::new();
                if *exempt > 0 {
                    let s = if *exempt > 1 { "s" } else { "" };
                    stated.push(l.pick(
                        format!("{exempt} soumissionnaire{s} non assujetti{s}"),
                        format!("{exempt} bidder{s} not liable"),
                    ));
                }
                if !rates.is_empty() {
                    let r: Vec<String> = rates.iter().map(|r| percent(r / 100.0, l)).collect();
                    stated.push(l.pick(format!("taux déclarés : {}", r.join(", ")), format!("rates stated: {}", r.join(", "))));
                }
                let stated = stated.join(l.pick(" ; ", "; "));
                l.pick(
                    format!("prix comparés hors taxes alors que les soumissionnaires comparés ne sont pas soumis à la TVA de la même façon ({stated}) : hors taxes, les prix ne sont pas ce que l'acheteur paiera ; les comparer toutes taxes comprises, tels que chaque soumissionnaire les présente (hors TVA pour un soumissionnaire exonéré) : point à régler avant le classement"),
                    format!("prices compared excluding taxes while the bidders compared are not liable to VAT alike ({stated}): excluding taxes, the prices are not what the buyer will pay; compare them including taxes, as each bidder presents them (without VAT for a bidder not liable): a point to settle before the ranking"),
                )
            }
            Finding::HiddenQuantitiesMissing { .. } => l.pick(
                "bordereau : des quantités sont cachées aux soumissionnaires et le fichier de quantités de l'acheteur n'a pas été donné : le détail quantitatif ne peut pas être calculé",
                "schedule: some quantities are kept from bidders and the buyer's quantities file was not given: the bill of quantities cannot be computed",
            ).to_string(),
            Finding::PseUndecided { groups, .. } => {
                let g = crate::text::quoted(&names(groups, l), l);
                l.pick(
                    format!("prestations supplémentaires éventuelles ({g}) : aucune décision consignée sur celles retenues ; seule la solution de base est comparée ; consigner la décision avant le classement"),
                    format!("optional services ({g}): no decision recorded on which are kept; the base alone is compared; record the decision before the ranking"),
                )
            }
            Finding::PseKept { kept, left_out, .. } => {
                let none = l.pick("aucune", "none");
                let list = |v: &[(String, Text)]| if v.is_empty() { none.to_string() } else { crate::text::quoted(&names(v, l), l) };
                let (k, o) = (list(kept), list(left_out));
                l.pick(
                    format!("prestations supplémentaires éventuelles retenues par décision de l'acheteur : {k} ; non retenues : {o} ; le prix comparé de chaque offre comprend exactement celles retenues"),
                    format!("optional services kept by the buyer's decision: {k}; not kept: {o}; every offer's compared price includes exactly those kept"),
                )
            }
            Finding::TieBroken { total, ahead, behind, rule } => {
                let (total, rule) = (number(*total, 4, l), rule.get(l));
                l.pick(
                    format!("total égal ({total} points) entre {ahead} et {behind}, départagé par la règle annoncée : {rule}"),
                    format!("equal totals ({total} points) between {ahead} and {behind}, separated by the announced rule: {rule}"),
                )
            }
            Finding::Tie { rank, total, suppliers, announced } => {
                let (total, names) = (number(*total, 2, l), crate::text::listed(suppliers, l));
                let why = if *announced {
                    l.pick("les règles de départage annoncées ne les séparent pas", "the announced tie-break rules do not separate them")
                } else {
                    l.pick("aucune règle de départage n'a été annoncée", "no tie-break rule was announced")
                };
                l.pick(
                    format!("égalité au rang {rank} ({total} points) entre {names} : {why} ; consigner la décision de départage, sa date et son auteur"),
                    format!("tie at rank {rank} ({total} points) between {names}: {why}; record the tie-break decision, its date and author"),
                )
            }
        }
    }

    /// The finding in both languages.
    pub fn text(&self) -> Text {
        Text::new(self.describe(Lang::Fr), self.describe(Lang::En))
    }

    /// The report's diagnostic: the code, the severity, the criterion (or the field) concerned
    /// and the words in both languages.
    pub fn diagnostic(&self) -> Diagnostic {
        let d = Diagnostic::new(self.code(), self.severity(), self.text());
        let location = match self {
            Finding::ScheduleMissingPrice { location, .. }
            | Finding::ScheduleCellText { location, .. }
            | Finding::ScheduleLineSubstituted { location, .. }
            | Finding::ScheduleLineTotal { location, .. }
            | Finding::ScheduleLowLine { location, .. }
            | Finding::CostComponentMissing { location, .. } => location.as_deref(),
            _ => None,
        };
        let d = match location.map(|l| l.rsplit_once('!')) {
            Some(Some((sheet, cell))) => d.cell(sheet, cell),
            Some(None) => d.field(location.unwrap_or_default()),
            None => d,
        };
        match (self, self.criterion()) {
            (Finding::NoSupplierName, _) => d.field("supplier.name"),
            (_, Some(id)) => d.criterion(id),
            (_, None) => d,
        }
    }
}

/// Where a schedule cell is, for the words: ` (feuille Réponse, cellule H14)`, ` (champ
/// answers.PRIX/1.2)` for an offer given as JSON, or nothing.
fn at(location: &Option<String>, lang: Lang) -> String {
    match location.as_deref().map(|l| (l, l.rsplit_once('!'))) {
        None => String::new(),
        Some((_, Some((sheet, cell)))) => {
            lang.pick(format!(" (feuille {sheet}, cellule {cell})"), format!(" (sheet {sheet}, cell {cell})"))
        }
        Some((field, None)) => lang.pick(format!(" (champ {field})"), format!(" (field {field})")),
    }
}

/// A life-cycle cost component in words.
pub fn cost_component(c: crate::grid::CostComponent, l: Lang) -> &'static str {
    use crate::grid::CostComponent as C;
    match c {
        C::Acquisition => l.pick("coût d'acquisition", "acquisition cost"),
        C::Energy => l.pick("consommation d'énergie (kWh par an)", "energy use (kWh a year)"),
        C::Maintenance => l.pick("coût de maintenance par an", "maintenance cost a year"),
        C::Exit => l.pick("coût de sortie en fin de marché", "exit cost at the end of the contract"),
    }
}

/// The names of optional groups (id, name) in `lang`.
fn names(groups: &[(String, Text)], lang: Lang) -> Vec<String> {
    groups.iter().map(|(_, t)| t.get(lang).to_string()).collect()
}

/// What the grid's rule makes of a missing unit price, in words.
fn missing_rule(rule: crate::grid::MissingPrice, l: Lang) -> &'static str {
    match rule {
        crate::grid::MissingPrice::Incomplete => l.pick(
            "offre incomplète, comme la grille l'annonce : prix à obtenir (régularisation) ou offre à écarter par décision",
            "incomplete offer, as the grid announces: price to obtain (regularisation) or offer to set aside by decision",
        ),
        crate::grid::MissingPrice::Irregular => {
            l.pick("offre irrégulière, comme la grille l'annonce", "irregular offer, as the grid announces")
        }
        crate::grid::MissingPrice::HighestOfOthers => l.pick(
            "ligne non chiffrée et sans prix d'une autre offre à lui substituer : point à régler par l'acheteur",
            "line not priced and no other offer's price to put in its place: a point for the buyer to settle",
        ),
    }
}

/// Why there is no price: the reading's problem, or none given.
fn no_price(problem: &Option<Text>, lang: Lang) -> String {
    problem.as_ref().map_or_else(|| lang.pick("pas de prix", "no price").to_string(), |p| p.get(lang).to_string())
}

/// How a criterion's points were reached (or why there are none yet), as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum Explanation {
    /// An automatic rule applied to the answer.
    Answer {
        /// The answer found.
        answer: Answer,
        /// The fraction of the weight it earns.
        fraction: f64,
        /// The criterion's weight.
        weight: f64,
        /// The points earned.
        points: f64,
    },
    /// Words no option matches, read and marked by the evaluators.
    Read {
        /// The words.
        words: String,
        /// The evaluators' mark, out of the weight.
        mark: f64,
        /// The criterion's weight.
        weight: f64,
        /// The points earned.
        points: f64,
        /// The evaluators' appraisal.
        appraisal: String,
    },
    /// An answer Jauge could not read, not yet read by the evaluators: no points meanwhile.
    Unreadable {
        /// The answer as written.
        answer: String,
        /// Why it could not be read.
        problem: Text,
        /// The criterion's weight, out of which the evaluators mark.
        weight: f64,
    },
    /// An answer Jauge could not read, read by the evaluators.
    ReadUnreadable {
        /// The answer as written.
        answer: String,
        /// The evaluators' mark, out of the weight.
        mark: f64,
        /// The criterion's weight.
        weight: f64,
        /// The points earned.
        points: f64,
        /// The evaluators' appraisal.
        appraisal: String,
    },
    /// Words no option matches, still to be read: what was recognised counts meanwhile.
    ToRead {
        /// The words.
        words: String,
        /// The answer recognised.
        answer: Answer,
        /// The fraction of the weight it earns so far.
        fraction: f64,
        /// The criterion's weight.
        weight: f64,
        /// The points earned so far.
        points: f64,
    },
    /// The evaluators' manual mark with its appraisal.
    Manual {
        /// The mark.
        mark: f64,
        /// The top of the scale.
        out_of: f64,
        /// The fraction of the weight.
        fraction: f64,
        /// The criterion's weight.
        weight: f64,
        /// The points earned.
        points: f64,
        /// The evaluators' appraisal.
        appraisal: String,
    },
    /// A manual mark outside the scale.
    InvalidMark,
    /// A manual mark without its written appraisal.
    MissingAppraisal,
    /// A manual mark not given yet.
    MissingMark,
    /// A price compared with the others by the formula.
    Price {
        /// The formula.
        method: PriceMethod,
        /// The scale method's n.
        n: f64,
        /// The criterion's weight.
        weight: f64,
        /// The offer's price.
        price: f64,
        /// The lowest price compared.
        lowest: f64,
        /// The highest price compared.
        highest: f64,
        /// The points earned.
        points: f64,
    },
    /// The price of an offer set aside: not marked, not compared.
    PriceSetAside {
        /// The offer's price.
        price: f64,
    },
    /// A price on the other tax basis: the amount on the grid's basis is to be obtained.
    PriceToObtain {
        /// The grid's basis.
        wanted: PriceBasis,
    },
    /// No price, or one that cannot be read.
    NoPrice {
        /// Why the price could not be read, when it was given.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        problem: Option<Text>,
    },
}

impl Explanation {
    /// The explanation in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Explanation::Answer { answer, fraction, weight, points: earned } => {
                let (head, share, of, earned) =
                    (answer.head(l), percent(*fraction, l), points(*weight, l), points(*earned, l));
                l.pick(format!("{head} → {share} de {of} = {earned}"), format!("{head} → {share} of {of} = {earned}"))
            }
            Explanation::Read { words, mark, weight, points: earned, appraisal } => {
                let (mark, weight, earned) = (number(*mark, 2, l), number(*weight, 2, l), points(*earned, l));
                l.pick(
                    format!("« {words} » ne correspond à aucune option de la grille ; réponse lue par les évaluateurs : note {mark} sur {weight} = {earned} ; appréciation : {appraisal}"),
                    format!("\"{words}\" matches none of the grid's options; answer read by the evaluators: mark {mark} out of {weight} = {earned}; appraisal: {appraisal}"),
                )
            }
            Explanation::ReadUnreadable { answer, mark, weight, points: earned, appraisal } => {
                let (mark, weight, earned) = (number(*mark, 2, l), number(*weight, 2, l), points(*earned, l));
                l.pick(
                    format!("« {answer} » n'a pas pu être lu ; réponse lue par les évaluateurs : note {mark} sur {weight} = {earned} ; appréciation : {appraisal}"),
                    format!("\"{answer}\" could not be read; answer read by the evaluators: mark {mark} out of {weight} = {earned}; appraisal: {appraisal}"),
                )
            }
            Explanation::Unreadable { answer, problem, weight } => {
                let (weight, problem) = (number(*weight, 2, l), problem.get(l));
                l.pick(
                    format!("« {answer} » n'a pas pu être lu ({problem}) : à lire et noter sur {weight} par les évaluateurs ; aucun point en attendant"),
                    format!("\"{answer}\" could not be read ({problem}): to be read and marked out of {weight} by the evaluators; no points meanwhile"),
                )
            }
            Explanation::ToRead { words, answer, fraction, weight, points } => {
                let so_far = Explanation::Answer {
                    answer: answer.clone(),
                    fraction: *fraction,
                    weight: *weight,
                    points: *points,
                }
                .describe(l);
                l.pick(
                    format!("{so_far} pour l'instant ; « {words} » ne correspond à aucune option de la grille : à lire et noter par les évaluateurs"),
                    format!("{so_far} for now; \"{words}\" matches none of the grid's options: to be read and marked by the evaluators"),
                )
            }
            Explanation::Manual { mark, out_of, fraction, weight, points: earned, appraisal } => {
                let (mark, out_of, share, weight, earned) = (
                    number(*mark, 2, l),
                    number(*out_of, 2, l),
                    percent(*fraction, l),
                    number(*weight, 2, l),
                    points(*earned, l),
                );
                l.pick(
                    format!("note {mark} sur {out_of} ({share}) × {weight} = {earned} ; appréciation : {appraisal}"),
                    format!("mark {mark} out of {out_of} ({share}) × {weight} = {earned}; appraisal: {appraisal}"),
                )
            }
            Explanation::InvalidMark => l
                .pick(
                    "note hors barème : 0 point en attendant une note valide",
                    "mark out of range: 0 points until a valid mark is given",
                )
                .to_string(),
            Explanation::MissingAppraisal => l
                .pick("appréciation écrite manquante : note non retenue", "written appraisal missing: mark not counted")
                .to_string(),
            Explanation::MissingMark => l
                .pick(
                    "note manuelle manquante : à saisir par les évaluateurs",
                    "manual mark missing: to be entered by the evaluators",
                )
                .to_string(),
            Explanation::Price { price, lowest, points: earned, .. } => {
                let (price, lowest, formula, earned) =
                    (money(*price, l), money(*lowest, l), self.formula(l), points(*earned, l));
                l.pick(
                    format!("prix {price} ; prix le plus bas {lowest} ; {formula} = {earned}"),
                    format!("price {price}; lowest price {lowest}; {formula} = {earned}"),
                )
            }
            Explanation::PriceSetAside { price } => {
                let price = number(*price, 2, l);
                l.pick(
                    format!("prix {price} € ; offre écartée : son prix n'est pas noté et n'entre pas dans la comparaison des prix"),
                    format!("price €{price}; offer set aside: its price is not marked and takes no part in the price comparison"),
                )
            }
            Explanation::PriceToObtain { wanted } => {
                let wanted = wanted.code();
                l.pick(
                    format!("prix {wanted} à obtenir du soumissionnaire : pas encore comparé"),
                    format!("{wanted} price to be obtained from the bidder: not compared yet"),
                )
            }
            Explanation::NoPrice { problem } => {
                let why = no_price(problem, l);
                l.pick(format!("{why} : 0 point"), format!("{why}: 0 points"))
            }
        }
    }

    /// The explanation in both languages, as the report carries it.
    pub fn text(&self) -> Text {
        Text::new(self.describe(Lang::Fr), self.describe(Lang::En))
    }

    /// A price explanation's formula with its numbers; empty for the other explanations.
    fn formula(&self, l: Lang) -> String {
        let Explanation::Price { method, n, weight: w, price: p, lowest, highest, .. } = self else {
            return String::new();
        };
        let (w, p, lowest, highest, n) = (*w, *p, *lowest, *highest, *n);
        match method {
            PriceMethod::Proportional => format!("{} × {} / {}", number(w, 2, l), money(lowest, l), money(p, l)),
            PriceMethod::Linear if highest <= lowest => l.pick(
                format!("tous les prix sont égaux : {}", number(w, 2, l)),
                format!("all prices are equal: {}", number(w, 2, l)),
            ),
            PriceMethod::Linear => format!(
                "{} × ({} − {}) / ({} − {})",
                number(w, 2, l),
                money(highest, l),
                money(p, l),
                money(highest, l),
                money(lowest, l)
            ),
            PriceMethod::Scale => format!(
                "{} × ({} × {} − {}) / (({} − 1) × {})",
                number(w, 2, l),
                number(n, 2, l),
                money(lowest, l),
                money(p, l),
                number(n, 2, l),
                money(lowest, l)
            ),
        }
    }
}

/// An amount in euros, as a price explanation writes it (`1 234,5 €` in both languages).
fn money(v: f64, lang: Lang) -> String {
    format!("{} €", number(v, 2, lang))
}

/// One announced tie-break rule, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum TieRule {
    /// The higher points in a family.
    Family {
        /// The family's id.
        id: String,
        /// Its label, when the grid has the family.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// The higher points on a criterion.
    Criterion {
        /// The criterion's id.
        id: String,
        /// Its label, when the grid has the criterion.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        label: Option<Text>,
    },
    /// The lower price.
    Price,
}

impl TieRule {
    /// The rule in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let name = |id: &str, label: &Option<Text>| label.as_ref().map_or(id, |t| t.get(lang)).to_string();
        match self {
            TieRule::Family { id, label } => {
                let name = name(id, label);
                lang.pick(
                    format!("la meilleure note dans la famille « {name} »"),
                    format!("the higher points in the family \"{name}\""),
                )
            }
            TieRule::Criterion { id, label } => {
                let name = name(id, label);
                lang.pick(
                    format!("la meilleure note au critère « {name} » ({id})"),
                    format!("the higher points on the criterion \"{name}\" ({id})"),
                )
            }
            TieRule::Price => lang.pick("le prix le plus bas", "the lower price").to_string(),
        }
    }

    /// The rule in both languages.
    pub fn text(&self) -> Text {
        Text::new(self.describe(Lang::Fr), self.describe(Lang::En))
    }
}

/// The announced way totals are compared and ties broken, as data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TieRules {
    /// Totals are compared rounded to this many decimals; exactly when absent.
    pub decimals: Option<u8>,
    /// The tie-break rules, in order.
    pub rules: Vec<TieRule>,
}

impl TieRules {
    /// The rounding, then each rule, in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let compared = match self.decimals {
            None => lang
                .pick(
                    "Les totaux sont comparés exactement, sans arrondi.",
                    "Totals are compared exactly, without rounding.",
                )
                .to_string(),
            Some(d) => lang.pick(
                format!("Les totaux sont comparés arrondis à {d} décimale{}.", if d > 1 { "s" } else { "" }),
                format!("Totals are compared rounded to {d} decimal{}.", if d == 1 { "" } else { "s" }),
            ),
        };
        let rules: Vec<String> = self.rules.iter().map(|r| r.describe(lang)).collect();
        let then = if rules.is_empty() {
            lang.pick(
                "Aucune règle de départage n'est annoncée : une égalité est départagée par une décision consignée avec sa date et son auteur.",
                "No tie-break rule is announced: a tie is broken by a decision recorded with its date and author.",
            )
            .to_string()
        } else {
            lang.pick(
                format!("En cas d'égalité, les offres sont départagées par {}, dans cet ordre ; si elles restent à égalité, par une décision consignée.", rules.join(", puis ")),
                format!("Equal offers are separated by {}, in that order; if still equal, by a recorded decision.", rules.join(", then ")),
            )
        };
        format!("{compared} {then}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label() -> Text {
        Text::new("Délai d'intervention", "Response time")
    }

    #[test]
    fn only_unmet_requirements_and_missing_prices_set_an_offer_aside() {
        let label = || Text::new("L", "L");
        let aside = [
            Finding::Eliminatory {
                criterion: "C".into(),
                label: label(),
                requirement: label(),
                answer: Answer::Missing,
            },
            Finding::NoPrice { criterion: "P".into(), problem: None },
            Finding::VariantNotAllowed { variant: "V".into() },
            Finding::VariantWithoutBase { variant: "V".into() },
            Finding::NotAHolder { framework: "AC".into() },
        ];
        let to_settle = [
            Finding::UnsettledAnswer { criterion: "C".into(), label: label(), words: "bof".into(), weight: 2.0 },
            Finding::UnreadableAnswer {
                criterion: "C".into(),
                label: label(),
                answer: "cf. annexe".into(),
                problem: label(),
                weight: 2.0,
            },
            Finding::MissingMark { criterion: "C".into(), label: label() },
        ];
        assert!(aside.iter().all(|f| sets_aside(&f.diagnostic())));
        assert!(to_settle.iter().all(|f| !sets_aside(&f.diagnostic())));
    }

    #[test]
    fn words_findings_in_both_languages() {
        let missing = Finding::MissingMark { criterion: "TEC-01".into(), label: label() };
        assert_eq!(
            missing.describe(Lang::Fr),
            "note manuelle manquante pour « Délai d'intervention » (TEC-01) : l'offre ne peut pas être classée avant d'être notée"
        );
        assert_eq!(
            missing.describe(Lang::En),
            "manual mark missing for \"Response time\" (TEC-01): the offer cannot be ranked until it is marked"
        );
        let invalid = Finding::InvalidMark { criterion: "TEC-01".into(), label: label(), mark: 12.5, out_of: 10.0 };
        assert_eq!(
            invalid.describe(Lang::Fr),
            "note 12,5 hors barème pour « Délai d'intervention » (TEC-01) : attendu une note entre 0 et 10"
        );
        assert_eq!(
            invalid.describe(Lang::En),
            "mark 12.5 out of range for \"Response time\" (TEC-01): expected a mark between 0 and 10"
        );
        let eliminatory = Finding::Eliminatory {
            criterion: "TEC-01".into(),
            label: label(),
            requirement: Text::new("au plus 4 h", "at most 4 h"),
            answer: Answer::Missing,
        };
        assert_eq!(
            eliminatory.describe(Lang::Fr),
            "exigence minimale non satisfaite pour « Délai d'intervention » (TEC-01) : au plus 4 h ; réponse : pas de réponse"
        );
        assert_eq!(
            eliminatory.describe(Lang::En),
            "minimum requirement not met for \"Response time\" (TEC-01): at most 4 h; answer: no answer"
        );
        let no_price = Finding::NoPrice { criterion: "PRI-01".into(), problem: None };
        assert_eq!(
            no_price.describe(Lang::En),
            "price missing or unreadable (PRI-01): no price; an offer without a price cannot be ranked"
        );
    }

    #[test]
    fn a_finding_becomes_the_reports_diagnostic() {
        let d = Finding::MissingAppraisal { criterion: "TEC-01".into(), label: label() }.diagnostic();
        assert_eq!(d.code, "missing_appraisal");
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.criterion.as_deref(), Some("TEC-01"));
        assert_eq!(
            d.message.get(Lang::En),
            "the mark of \"Response time\" (TEC-01) has no written appraisal; one is needed to justify the mark"
        );
        let d = Finding::NoSupplierName.diagnostic();
        assert_eq!((d.field.as_deref(), d.criterion), (Some("supplier.name"), None));
        assert_eq!(d.message, Text::new("nom du candidat absent", "supplier name missing"));
    }

    #[test]
    fn the_code_round_trips_through_serde() {
        let findings = [
            Finding::AbnormallyLowNotComputed { criterion: "PRI".into() },
            Finding::LinearPriceGap { criterion: "PRI".into(), gap: 3.0 },
            Finding::AbnormallyLow {
                criterion: "PRI".into(),
                price: 10.0,
                under_mean_minus_sd: Some(12.0),
                under_m2: None,
            },
            Finding::NoSupplierName,
            Finding::OtherGrid {
                answered_id: "a".into(),
                answered_version: "1".into(),
                grid_id: "b".into(),
                grid_version: "2".into(),
            },
            Finding::UnknownCriterion { criterion: "X".into() },
            Finding::UnknownCriteriaMore { count: 299_980 },
            Finding::MarkIgnored { criterion: "X".into(), automatic: false },
            Finding::MarkIgnored { criterion: "SOB-01".into(), automatic: true },
            Finding::UnsettledRequirement { criterion: "T".into(), label: label(), answer: "bof".into(), weight: 5.0 },
            Finding::Eliminatory {
                criterion: "T".into(),
                label: label(),
                requirement: label(),
                answer: Answer::Given(Text::new("Oui", "Yes")),
            },
            Finding::Eliminatory {
                criterion: "T".into(),
                label: label(),
                requirement: label(),
                answer: Answer::Blank("N/A".into()),
            },
            Finding::PriceBasisToSettle { criterion: "PRI".into(), given: PriceBasis::Ht, wanted: PriceBasis::Ttc },
            Finding::UnequalVat { criterion: "PRI".into(), exempt: 2, rates: vec![5.5, 20.0] },
            Finding::NoPrice { criterion: "PRI".into(), problem: Some(Text::new("illisible", "unreadable")) },
            Finding::InvalidMark { criterion: "T".into(), label: label(), mark: -1.0, out_of: 10.0 },
            Finding::MissingAppraisal { criterion: "T".into(), label: label() },
            Finding::MissingMark { criterion: "T".into(), label: label() },
            Finding::UnsettledAnswer { criterion: "T".into(), label: label(), words: "bof".into(), weight: 5.0 },
            Finding::TieBroken { total: 80.0, ahead: "A".into(), behind: "B".into(), rule: TieRule::Price.text() },
            Finding::Tie { rank: 1, total: 80.0, suppliers: vec!["A".into(), "B".into()], announced: false },
        ];
        for finding in findings {
            let json = serde_json::to_value(&finding).expect("serialisable");
            assert_eq!(json["code"], finding.code(), "{finding:?}");
            let back: Finding = serde_json::from_value(json).expect("readable");
            assert_eq!(back, finding);
            assert_eq!(finding.diagnostic().code, finding.code());
        }
    }

    #[test]
    fn words_explanations_in_both_languages() {
        let answer = Explanation::Answer {
            answer: Answer::Given(Text::new("Oui", "Yes")),
            fraction: 1.0,
            weight: 5.0,
            points: 5.0,
        };
        assert_eq!(answer.describe(Lang::Fr), "réponse « Oui » → 100\u{202F}% de 5 points = 5 points");
        assert_eq!(answer.describe(Lang::En), "answer \"Yes\" → 100% of 5 points = 5 points");
        let price = Explanation::Price {
            method: PriceMethod::Proportional,
            n: 2.0,
            weight: 40.0,
            price: 200.0,
            lowest: 100.0,
            highest: 200.0,
            points: 20.0,
        };
        assert_eq!(price.describe(Lang::En), "price 200 €; lowest price 100 €; 40 × 100 € / 200 € = 20 points");
        assert_eq!(
            Explanation::NoPrice { problem: None }.text(),
            Text::new("pas de prix : 0 point", "no price: 0 points")
        );
        let json = serde_json::to_value(&price).expect("serialisable");
        assert_eq!(serde_json::from_value::<Explanation>(json).expect("readable"), price);
    }

    #[test]
    fn words_the_tie_rules() {
        let rules = TieRules {
            decimals: Some(2),
            rules: vec![TieRule::Criterion { id: "T".into(), label: Some(label()) }, TieRule::Price],
        };
        assert_eq!(
            rules.describe(Lang::En),
            "Totals are compared rounded to 2 decimals. Equal offers are separated by the higher points on the criterion \"Response time\" (T), then the lower price, in that order; if still equal, by a recorded decision."
        );
    }
}
