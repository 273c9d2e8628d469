//! eForms (EU notices, SDK 1.16): the award-criteria block of a contract notice (BG-707), from
//! the grid, and the result block of a contract award notice, from the session. Each is typed
//! data first, then written as the XML block a notice holds in place of its own
//! (`cac:AwardingTerms` of a lot's tendering terms; `efac:NoticeResult` of the notice's
//! extension), element names and order as the SDK's XSDs and `fields.json` give them.

use jauge_analysis::Analysis;
use jauge_engine::grid::Rule;
use jauge_engine::rules::describe;
use jauge_engine::{CheckedGrid, Lang};

use crate::{Asked, Drafted, LotOutcome, Missing, Standard, amount};

/// BT-539: what an award criterion concerns (code list `award-criterion-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CriterionType {
    /// The price.
    Price,
    /// Another cost (tagged `cost` in the grid).
    Cost,
    /// Anything else.
    Quality,
}

impl CriterionType {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            CriterionType::Price => "price",
            CriterionType::Cost => "cost",
            CriterionType::Quality => "quality",
        }
    }
}

/// BT-5421: what kind of number a weight is (code list `number-weight`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WeightKind {
    /// An exact percentage (the grid is marked out of 100).
    PercentExact,
    /// An exact number of points.
    PointsExact,
}

impl WeightKind {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            WeightKind::PercentExact => "per-exa",
            WeightKind::PointsExact => "poi-exa",
        }
    }
}

/// One award criterion of a lot (a `cac:SubordinateAwardingCriterion`).
#[derive(Clone, Debug, PartialEq)]
pub struct AwardCriterion {
    /// BT-539.
    pub kind: CriterionType,
    /// BT-734: the criterion's name in the grid.
    pub name: String,
    /// BT-540: the question put to the bidders and how the answer is marked, from the grid.
    pub description: String,
    /// BT-541: the weight, when the grid announces it.
    pub weight: Option<f64>,
    /// BT-5421.
    pub weight_kind: WeightKind,
}

/// A lot's award criteria (BG-707).
#[derive(Clone, Debug, PartialEq)]
pub struct LotCriteria {
    /// The lot's id.
    pub lot: String,
    /// The criteria, in the grid's order.
    pub criteria: Vec<AwardCriterion>,
    /// BT-543: the method in words, when a weight is not announced (the weighting cannot then be
    /// given per criterion).
    pub calculation: Option<String>,
    /// The language of the texts (`FRA`, `ENG`).
    pub language: &'static str,
}

/// The award criteria of each lot, from the grid (one lot for a grid without lots).
pub fn award_criteria(analysis: &Analysis, lang: Lang) -> Vec<LotCriteria> {
    crate::lots(analysis).into_iter().map(|l| lot_criteria(&l.analysis.grid, l.lot, &l.analysis, lang)).collect()
}

fn lot_criteria(grid: &CheckedGrid, lot: String, analysis: &Analysis, lang: Lang) -> LotCriteria {
    let g = grid.grid();
    let weight_kind = if (g.scale - 100.0).abs() < 1e-9 { WeightKind::PercentExact } else { WeightKind::PointsExact };
    let criteria: Vec<AwardCriterion> = g
        .criteria()
        .map(|(_, c)| AwardCriterion {
            kind: match c.rule {
                Rule::Price { .. } => CriterionType::Price,
                _ if c.tags.iter().any(|t| t == "cost") => CriterionType::Cost,
                _ => CriterionType::Quality,
            },
            name: format!("{} {}", c.id, c.label.get(lang)),
            description: format!(
                "{} — {}{}{}",
                c.question.get(lang),
                lang.pick("notation", "marking"),
                jauge_engine::text::colon(lang),
                describe(c, lang)
            ),
            weight: c.published.then_some(c.weight),
            weight_kind,
        })
        .collect();
    let calculation = criteria.iter().any(|c| c.weight.is_none()).then(|| analysis.method_text(lang).join(" "));
    LotCriteria { lot, criteria, calculation, language: lang.pick("FRA", "ENG") }
}

/// Text as XML character data: escaped, characters XML 1.0 forbids replaced.
fn text(s: &str) -> String {
    quick_xml::escape::escape(jauge_document::safe::xml(s).as_ref()).into_owned()
}

impl LotCriteria {
    /// The `cac:AwardingTerms` element of the lot's `cac:TenderingTerms`, indented for a lot.
    pub fn xml(&self) -> String {
        let mut x = String::new();
        x += "<cac:AwardingTerms>\n\t<cac:AwardingCriterion>\n";
        if let Some(calc) = &self.calculation {
            x += &format!(
                "\t\t<cbc:CalculationExpression languageID=\"{}\">{}</cbc:CalculationExpression>\n",
                self.language,
                text(calc)
            );
        }
        for c in &self.criteria {
            x += "\t\t<cac:SubordinateAwardingCriterion>\n";
            if let Some(w) = c.weight {
                x += "\t\t\t<ext:UBLExtensions>\n\t\t\t\t<ext:UBLExtension>\n\t\t\t\t\t<ext:ExtensionContent>\n\t\t\t\t\t\t<efext:EformsExtension>\n\t\t\t\t\t\t\t<efac:AwardCriterionParameter>\n";
                x += &format!(
                    "\t\t\t\t\t\t\t\t<efbc:ParameterCode listName=\"number-weight\">{}</efbc:ParameterCode>\n",
                    c.weight_kind.code()
                );
                x += &format!("\t\t\t\t\t\t\t\t<efbc:ParameterNumeric>{}</efbc:ParameterNumeric>\n", amount(w));
                x += "\t\t\t\t\t\t\t</efac:AwardCriterionParameter>\n\t\t\t\t\t\t</efext:EformsExtension>\n\t\t\t\t\t</ext:ExtensionContent>\n\t\t\t\t</ext:UBLExtension>\n\t\t\t</ext:UBLExtensions>\n";
            }
            x += &format!(
                "\t\t\t<cbc:AwardingCriterionTypeCode listName=\"award-criterion-type\">{}</cbc:AwardingCriterionTypeCode>\n",
                c.kind.code()
            );
            x += &format!("\t\t\t<cbc:Name languageID=\"{}\">{}</cbc:Name>\n", self.language, text(&c.name));
            x += &format!(
                "\t\t\t<cbc:Description languageID=\"{}\">{}</cbc:Description>\n",
                self.language,
                text(&c.description)
            );
            x += "\t\t</cac:SubordinateAwardingCriterion>\n";
        }
        x += "\t</cac:AwardingCriterion>\n</cac:AwardingTerms>\n";
        x
    }
}

/// The contract notice's blocks: each lot's `cac:AwardingTerms`, preceded by a comment naming
/// the lot.
pub fn cn_xml(lots: &[LotCriteria]) -> String {
    lots.iter().map(|l| format!("<!-- {} -->\n{}", l.lot, l.xml())).collect()
}

/// BT-142: whether a winner was chosen (code list `winner-selection-status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WinnerChosen {
    /// `selec-w`: at least one winner was chosen.
    Selected,
}

/// BT-760: a type of received submissions (code list `received-submission-type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SubmissionType {
    /// `tenders`: every tender received.
    Tenders,
    /// `t-verif-inad`: tenders verified and inadmissible (irregular).
    Inadmissible,
    /// `t-verif-inad-low`: inadmissible because abnormally low.
    AbnormallyLow,
}

impl SubmissionType {
    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            SubmissionType::Tenders => "tenders",
            SubmissionType::Inadmissible => "t-verif-inad",
            SubmissionType::AbnormallyLow => "t-verif-inad-low",
        }
    }
}

/// A tender of the award notice (`efac:LotTender`).
#[derive(Clone, Debug, PartialEq)]
pub struct LotTender {
    /// `TEN-0001`…
    pub id: String,
    /// BT-171.
    pub rank: u32,
    /// BT-720, in euros excluding VAT.
    pub value: Option<f64>,
    /// The tendering party's id (`TPA-0001`…).
    pub party: String,
    /// The supplier, for people (not written in the block: organisations are the notice's).
    pub supplier: String,
}

/// A lot's result (`efac:LotResult` and the tenders and contract it refers to).
#[derive(Clone, Debug, PartialEq)]
pub struct LotResult {
    /// `RES-0001`…
    pub id: String,
    /// The lot's id.
    pub lot: String,
    /// BT-711: the highest admissible tender's value.
    pub highest: Option<f64>,
    /// BT-710: the lowest admissible tender's value.
    pub lowest: Option<f64>,
    /// BT-142.
    pub chosen: WinnerChosen,
    /// BT-759/760.
    pub received: Vec<(SubmissionType, usize)>,
    /// The ranked tenders, best first.
    pub tenders: Vec<LotTender>,
    /// The winning tender's index in `tenders`, or each holder's for a framework agreement.
    pub winners: Vec<usize>,
    /// Whether the contract is a framework agreement.
    pub framework: bool,
    /// BT-1451: the date of the award decision, from the record.
    pub decided: Option<String>,
}

/// The award notice's result, per lot; a lot without a proposed winner is named missing.
pub fn results(analysis: &Analysis, outcomes: &[LotOutcome]) -> Drafted<Vec<LotResult>> {
    let mut missing = Vec::new();
    let raw = analysis.session.procedure.award_date.trim();
    let decided = jauge_engine::value::Date::parse_iso(raw).map(|_| raw.to_string());
    if raw.is_empty() {
        missing.push(Missing::new(Standard::EformsCan, "BT-1451", Asked::Record("award_date")));
    } else if decided.is_none() {
        missing.push(Missing::not_allowed(Standard::EformsCan, "BT-1451", Asked::Record("award_date"), raw));
    }
    if !crate::priced_excluding_vat(analysis) {
        missing.push(Missing::new(Standard::EformsCan, "BT-710, BT-711, BT-720", Asked::VatRate));
    }
    missing.extend(crate::derived_ht(analysis, Standard::EformsCan, "BT-710, BT-711, BT-720"));
    let mut value = Vec::new();
    let mut tender_no = 0;
    for (n, o) in outcomes.iter().enumerate() {
        if o.winners.is_empty() {
            missing.push(Missing::new(Standard::EformsCan, format!("BT-142 ({})", o.lot), Asked::Winner));
            continue;
        }
        let tenders: Vec<LotTender> = o
            .ranked
            .iter()
            .map(|t| {
                tender_no += 1;
                LotTender {
                    id: format!("TEN-{tender_no:04}"),
                    rank: t.rank,
                    value: t.price,
                    party: format!("TPA-{tender_no:04}"),
                    supplier: t.supplier.clone(),
                }
            })
            .collect();
        let prices: Vec<f64> = tenders.iter().filter_map(|t| t.value).collect();
        value.push(LotResult {
            id: format!("RES-{:04}", n + 1),
            lot: o.lot.clone(),
            highest: prices.iter().cloned().reduce(f64::max),
            lowest: prices.iter().cloned().reduce(f64::min),
            chosen: WinnerChosen::Selected,
            received: vec![
                (SubmissionType::Tenders, o.received),
                (SubmissionType::Inadmissible, o.irregular),
                (SubmissionType::AbnormallyLow, o.abnormally_low),
            ],
            tenders,
            winners: o.winners.clone(),
            framework: o.framework,
            decided: decided.clone(),
        });
    }
    Drafted { value, missing }
}

/// The award notice's `efac:NoticeResult` block (without `cbc:TotalAmount`, which is the value
/// of the contracts signed).
pub fn can_xml(results: &[LotResult]) -> String {
    let mut x = String::from("<efac:NoticeResult>\n");
    for r in results {
        x += "\t<efac:LotResult>\n";
        x += &format!("\t\t<cbc:ID schemeName=\"result\">{}</cbc:ID>\n", r.id);
        if let Some(h) = r.highest {
            x += &format!("\t\t<cbc:HigherTenderAmount currencyID=\"EUR\">{}</cbc:HigherTenderAmount>\n", amount(h));
        }
        if let Some(l) = r.lowest {
            x += &format!("\t\t<cbc:LowerTenderAmount currencyID=\"EUR\">{}</cbc:LowerTenderAmount>\n", amount(l));
        }
        let WinnerChosen::Selected = r.chosen;
        x += "\t\t<cbc:TenderResultCode listName=\"winner-selection-status\">selec-w</cbc:TenderResultCode>\n";
        for w in r.winners.iter().filter_map(|w| r.tenders.get(*w)) {
            x += &format!(
                "\t\t<efac:LotTender>\n\t\t\t<cbc:ID schemeName=\"tender\">{}</cbc:ID>\n\t\t</efac:LotTender>\n",
                w.id
            );
        }
        for (kind, count) in &r.received {
            x += &format!(
                "\t\t<efac:ReceivedSubmissionsStatistics>\n\t\t\t<efbc:StatisticsCode listName=\"received-submission-type\">{}</efbc:StatisticsCode>\n\t\t\t<efbc:StatisticsNumeric>{count}</efbc:StatisticsNumeric>\n\t\t</efac:ReceivedSubmissionsStatistics>\n",
                kind.code()
            );
        }
        x += &format!(
            "\t\t<efac:SettledContract>\n\t\t\t<cbc:ID schemeName=\"contract\">{}</cbc:ID>\n\t\t</efac:SettledContract>\n",
            contract(r)
        );
        x += &format!(
            "\t\t<efac:TenderLot>\n\t\t\t<cbc:ID schemeName=\"Lot\">{}</cbc:ID>\n\t\t</efac:TenderLot>\n",
            r.lot
        );
        x += "\t</efac:LotResult>\n";
    }
    for r in results {
        for t in &r.tenders {
            x += "\t<efac:LotTender>\n";
            x += &format!("\t\t<cbc:ID schemeName=\"tender\">{}</cbc:ID>\n", t.id);
            x += &format!("\t\t<cbc:RankCode>{}</cbc:RankCode>\n", t.rank);
            x += "\t\t<efbc:TenderRankedIndicator>true</efbc:TenderRankedIndicator>\n";
            if let Some(v) = t.value {
                x += &format!(
                    "\t\t<cac:LegalMonetaryTotal>\n\t\t\t<cbc:PayableAmount currencyID=\"EUR\">{}</cbc:PayableAmount>\n\t\t</cac:LegalMonetaryTotal>\n",
                    amount(v)
                );
            }
            x += &format!(
                "\t\t<efac:TenderingParty>\n\t\t\t<cbc:ID schemeName=\"tendering-party\">{}</cbc:ID>\n\t\t</efac:TenderingParty>\n",
                t.party
            );
            x += &format!(
                "\t\t<efac:TenderLot>\n\t\t\t<cbc:ID schemeName=\"Lot\">{}</cbc:ID>\n\t\t</efac:TenderLot>\n",
                r.lot
            );
            x += "\t</efac:LotTender>\n";
        }
    }
    for r in results {
        x += "\t<efac:SettledContract>\n";
        x += &format!("\t\t<cbc:ID schemeName=\"contract\">{}</cbc:ID>\n", contract(r));
        if let Some(d) = &r.decided {
            x += &format!("\t\t<cbc:AwardDate>{}</cbc:AwardDate>\n", text(d));
        }
        if r.framework {
            x += "\t\t<efbc:ContractFrameworkIndicator>true</efbc:ContractFrameworkIndicator>\n";
        }
        // The contract's tenders: the winner's, or each holder's of a framework agreement.
        for w in r.winners.iter().filter_map(|w| r.tenders.get(*w)) {
            x += &format!(
                "\t\t<efac:LotTender>\n\t\t\t<cbc:ID schemeName=\"tender\">{}</cbc:ID>\n\t\t</efac:LotTender>\n",
                w.id
            );
        }
        x += "\t</efac:SettledContract>\n";
    }
    for r in results {
        for t in &r.tenders {
            x += &format!(
                "\t<efac:TenderingParty>\n\t\t<cbc:ID schemeName=\"tendering-party\">{}</cbc:ID>\n\t</efac:TenderingParty>\n",
                t.party
            );
        }
    }
    x += "</efac:NoticeResult>\n";
    x
}

/// The contract's id for a lot result.
fn contract(r: &LotResult) -> String {
    format!("CON-{}", r.id.trim_start_matches("RES-"))
}
