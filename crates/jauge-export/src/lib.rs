//! What a buyer publishes and keeps after the evaluation, built from a session as typed data:
//! the eForms award-criteria block of a contract notice and the result block of a contract award
//! notice ([`eforms`]), the OCDS award criteria and bid statistics ([`ocds`]), the DECP 2.0.3
//! essential data ([`decp`]), and the archive bundle of a procedure ([`archive`]).
//!
//! Nothing is invented: a field the session cannot give comes from the procedure record
//! ([`jauge_engine::session::Procedure`]) or is named in the export's list of [`Missing`] fields,
//! which the CLI prints and the app shows beside the export.
//!
//! Every export is per lot: a grid without lots is one lot (`LOT-0001`); a grid with lots gives
//! one per lot, each analysed on its own grid and offers ([`lots`]).

pub mod archive;
pub mod decp;
pub mod eforms;
pub mod ocds;

use jauge_analysis::Analysis;
use jauge_analysis::letters::Letter;
use jauge_engine::grid::{PriceBasis, Rule};
use jauge_engine::report::OfferResult;
use jauge_engine::session::{DecisionKind, Outcome};
use jauge_engine::{Lang, Status};
use serde::Serialize;

/// The standards Jauge exports to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standard {
    /// eForms contract notice: the award criteria (BG-707).
    EformsCn,
    /// eForms contract award notice: the result.
    EformsCan,
    /// Open Contracting Data Standard release.
    Ocds,
    /// DECP 2.0.3 essential data of a contract.
    Decp,
}

impl Standard {
    /// Every standard, in the order the CLI lists them.
    pub const ALL: [Standard; 4] = [Standard::EformsCn, Standard::EformsCan, Standard::Ocds, Standard::Decp];

    /// The name the CLI takes (`--to`).
    pub fn code(self) -> &'static str {
        match self {
            Standard::EformsCn => "eforms-cn",
            Standard::EformsCan => "eforms-can",
            Standard::Ocds => "ocds",
            Standard::Decp => "decp",
        }
    }

    /// The standard's name, for people.
    pub fn name(self, lang: Lang) -> &'static str {
        match self {
            Standard::EformsCn => lang.pick("avis de marché eForms", "eForms contract notice"),
            Standard::EformsCan => lang.pick("avis d'attribution eForms", "eForms contract award notice"),
            Standard::Ocds => "OCDS",
            Standard::Decp => lang.pick("données essentielles (DECP 2.0.3)", "essential data (DECP 2.0.3)"),
        }
    }
}

/// Where a missing value is to be given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "where", content = "name", rename_all = "snake_case")]
pub enum Asked {
    /// A field of the procedure record (its name in the session file).
    Record(&'static str),
    /// An entry of the record's `open_data`, under the standard's own field name.
    OpenData(String),
    /// The proposed winner: none while the analysis is incomplete.
    Winner,
    /// The proposed winner's SIRET, absent from its offer.
    WinnerSiret,
    /// The proposed winner's SIRET as its offer gives it, whose control key fails: kept, to check.
    WinnerSiretInvalid(String),
    /// The grid's VAT rate (`vat_rate`): prices are compared including VAT, the standards give
    /// them excluding VAT.
    VatRate,
    /// Amounts excluding VAT derived from prices compared including VAT, at the grid's rate (in
    /// percent): to check for a bidder not liable to VAT, whose price has no VAT to take off.
    DerivedHt(String),
    /// A value taken from the grid's tags (the DECP's « Critère social » from the criteria it tags
    /// `social`): the grid's author chose the tag, the buyer confirms it is an award criterion of
    /// that kind, or records its own list (`open_data`) instead.
    FromTags {
        /// The value put in the export.
        value: String,
        /// The tag.
        tag: String,
        /// The criteria tagged so.
        criteria: Vec<String>,
        /// The `open_data` entry that replaces it.
        entry: String,
    },
}

/// Why a field is missing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Why {
    /// Nothing is recorded.
    Absent,
    /// What is recorded is not a value the standard allows (the value given).
    NotAllowed(String),
    /// A value is given but the tool cannot vouch for it: to check before publication.
    ToCheck,
}

/// A field of an export that the session cannot give: the standard's name for it, where to give
/// it, and why it is missing. The export leaves it out rather than invent it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Missing {
    /// The export concerned.
    pub standard: Standard,
    /// The field, as the standard names it (`acheteur.id`, `BT-142`…).
    pub field: String,
    /// Where to give it.
    pub asked: Asked,
    /// Absent, or not allowed.
    pub why: Why,
}

impl Missing {
    fn new(standard: Standard, field: impl Into<String>, asked: Asked) -> Missing {
        Missing { standard, field: field.into(), asked, why: Why::Absent }
    }

    fn to_check(standard: Standard, field: impl Into<String>, asked: Asked) -> Missing {
        Missing { standard, field: field.into(), asked, why: Why::ToCheck }
    }

    /// Whether the field is given but to check, rather than missing.
    pub fn is_check(&self) -> bool {
        self.why == Why::ToCheck
    }

    fn not_allowed(standard: Standard, field: impl Into<String>, asked: Asked, value: impl Into<String>) -> Missing {
        Missing { standard, field: field.into(), asked, why: Why::NotAllowed(value.into()) }
    }

    /// The missing field in words: `DECP 2.0.3 — codeCPV : à renseigner dans le dossier de la
    /// procédure (cpv)`.
    pub fn describe(&self, lang: Lang) -> String {
        let colon = jauge_engine::text::colon(lang);
        let whereto = match &self.asked {
            Asked::Record(name) => {
                format!(
                    "{} ({name})",
                    lang.pick("à renseigner dans le dossier de la procédure", "to fill in the procedure record")
                )
            }
            Asked::OpenData(name) => format!(
                "{} ({name})",
                lang.pick(
                    "à renseigner dans les données de publication du dossier",
                    "to fill in the record's publication data"
                )
            ),
            Asked::Winner => lang
                .pick(
                    "aucun attributaire proposé : l'analyse n'est pas terminée",
                    "no proposed winner: the analysis is not complete",
                )
                .to_string(),
            Asked::VatRate => lang
                .pick(
                    "le taux de TVA de la grille (vat_rate) : les prix y sont comparés TTC, les avis les donnent HT",
                    "the grid's VAT rate (vat_rate): its prices are compared including VAT, notices give them excluding VAT",
                )
                .to_string(),
            Asked::DerivedHt(rate) => lang.pick(
                format!("montants HT déduits des prix TTC au taux de TVA de la grille ({rate} %) : à vérifier pour chaque soumissionnaire, un soumissionnaire non assujetti à la TVA n'en ayant pas à déduire"),
                format!("amounts excluding VAT derived from the prices including VAT at the grid's VAT rate ({rate}%): to check for each bidder, one not liable to VAT having none to take off"),
            ),
            Asked::FromTags { value, tag, criteria, entry } => {
                let criteria = jauge_engine::text::listed(criteria, lang);
                lang.pick(
                    format!("« {value} » déduit des critères que la grille étiquette « {tag} » ({criteria}) : à confirmer avant publication, ou à remplacer dans les données de publication du dossier ({entry})"),
                    format!("\u{201c}{value}\u{201d} derived from the criteria the grid tags \u{201c}{tag}\u{201d} ({criteria}): to confirm before publication, or to replace in the record's publication data ({entry})"),
                )
            }
            Asked::WinnerSiretInvalid(siret) => lang.pick(
                format!("le SIRET que donne l'attributaire proposé ({siret}) a une clé de contrôle invalide : à vérifier auprès de lui avant publication"),
                format!("the SIRET the proposed winner gives ({siret}) fails its control key: to check with the winner before publication"),
            ),
            Asked::WinnerSiret => lang
                .pick(
                    "le SIRET de l'attributaire proposé manque dans son offre",
                    "the proposed winner's SIRET is missing from its offer",
                )
                .to_string(),
        };
        match &self.why {
            Why::Absent | Why::ToCheck => format!("{} — {}{colon}{whereto}", self.standard.name(lang), self.field),
            Why::NotAllowed(value) => format!(
                "{} — {}{colon}{}{value}{} {}{whereto}",
                self.standard.name(lang),
                self.field,
                lang.pick("« ", "\u{201c}"),
                lang.pick(" »", "\u{201d}"),
                lang.pick("n'est pas une valeur admise ; ", "is not an allowed value; "),
            ),
        }
    }
}

/// An export with the fields it lacks.
#[derive(Clone, Debug, PartialEq)]
pub struct Drafted<T> {
    /// The export, without the missing fields.
    pub value: T,
    /// The fields it lacks, to be given before it is published.
    pub missing: Vec<Missing>,
}

/// What every export reads of one lot's evaluation: the offers received, how each ended, the
/// proposed winner.
#[derive(Clone, Debug, PartialEq)]
pub struct LotOutcome {
    /// The lot's id in the notices (`LOT-0001` for a tender without lots).
    pub lot: String,
    /// The lot as the record names it (`1 Hébergement` for a grid's lot, the record's own lot
    /// field otherwise; empty when there is none).
    pub title: String,
    /// Offers received (every offer read, irregular and abnormally low ones included).
    pub received: usize,
    /// Offers set aside as irregular (a requirement unmet, not regularised, not counted).
    pub irregular: usize,
    /// Offers rejected as abnormally low after their explanations.
    pub abnormally_low: usize,
    /// The offers kept and ranked, best first, with their price (the sum of the price criteria).
    pub ranked: Vec<Tender>,
    /// The proposed winner's position in `ranked`, or for a framework agreement with several
    /// holders each proposed holder's, in their order; empty until the analysis is complete.
    pub winners: Vec<usize>,
    /// Whether the lot is a framework agreement.
    pub framework: bool,
    /// The lot's criteria tagged `social`, then those tagged `environment` (their ids).
    pub tagged: (Vec<String>, Vec<String>),
}

/// A ranked offer as the notices give it.
#[derive(Clone, Debug, PartialEq)]
pub struct Tender {
    /// The supplier.
    pub supplier: String,
    /// Its SIRET, as given.
    pub siret: Option<String>,
    /// Its rank (tied offers share one).
    pub rank: u32,
    /// Its price excluding VAT ([`price`]).
    pub price: Option<f64>,
}

/// An offer's price excluding VAT, as the notices and open data give amounts: the sum of its
/// price criteria's values, brought from the grid's TTC basis with the grid's VAT rate, as the
/// engine converts prices; `None` without a price, or on a TTC basis without a rate.
pub fn price(analysis: &Analysis, o: &OfferResult) -> Option<f64> {
    let g = analysis.grid.grid();
    let values: Vec<f64> = o
        .criteria
        .iter()
        .filter(|c| matches!(g.criterion(&c.id).map(|k| &k.rule), Some(Rule::Price { .. })))
        .filter_map(|c| c.value.as_f64())
        .collect();
    let total: f64 = (!values.is_empty()).then(|| values.iter().sum())?;
    match g.price_basis {
        PriceBasis::Ht => Some(total),
        PriceBasis::Ttc => g.vat_rate.map(|rate| total / (1.0 + rate / 100.0)),
    }
}

/// The check owed when amounts excluding VAT are derived from prices compared including VAT.
fn derived_ht(analysis: &Analysis, standard: Standard, field: &str) -> Option<Missing> {
    let g = analysis.grid.grid();
    let rate = g.vat_rate.filter(|_| g.price_basis == PriceBasis::Ttc)?;
    Some(Missing::to_check(
        standard,
        field,
        Asked::DerivedHt(jauge_engine::text::number(rate, 2, analysis.session.lang)),
    ))
}

/// The proposed winners' SIRETs, each as given without spaces; an absent one is named, and one
/// whose control key fails is kept as the offer gives it and named, to check.
fn sirets<'a>(
    o: &'a LotOutcome,
    standard: Standard,
    field: &str,
    missing: &mut Vec<Missing>,
) -> Vec<(&'a Tender, String)> {
    let mut out = Vec::new();
    for t in o.winners.iter().filter_map(|w| o.ranked.get(*w)) {
        match t.siret.as_deref().map(|s| s.split_whitespace().collect::<String>()) {
            Some(id) if jauge_engine::offer::siret_is_valid(&id) => out.push((t, id)),
            Some(id) if !id.is_empty() => {
                missing.push(Missing::to_check(standard, field, Asked::WinnerSiretInvalid(id.clone())));
                out.push((t, id));
            }
            _ => missing.push(Missing::new(standard, field, Asked::WinnerSiret)),
        }
    }
    out
}

/// An amount rounded to the cent, as money is published.
pub fn cents(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

/// Whether prices can be given excluding VAT: on an HT basis, or TTC with the grid's VAT rate.
fn priced_excluding_vat(analysis: &Analysis) -> bool {
    let g = analysis.grid.grid();
    g.price_basis == PriceBasis::Ht || g.vat_rate.is_some()
}

/// The letters to the bidders of every lot, as the CLI and the app write them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AllLetters {
    /// The letters of every lot whose analysis is complete; a lot's file names start with
    /// `lot-ID-`.
    pub letters: Vec<Letter>,
    /// The lots (`None`: the tender without lots) whose letters cannot be written yet, and why.
    pub refused: Vec<(Option<String>, Vec<jauge_analysis::Pending>)>,
    /// The offers set aside because the buyer could tell no lot they answer (a decision on the
    /// offer's lot, rejecting it): no lot's analysis holds them, so no letter is written for
    /// them, yet each bidder is to be told its offer is rejected, in a letter the buyer writes.
    pub unwritten: Vec<Unwritten>,
}

/// An offer set aside for answering no lot, whose rejection letter Jauge does not write.
#[derive(Clone, Debug, PartialEq)]
pub struct Unwritten {
    /// The offer.
    pub offer: jauge_engine::OfferId,
    /// Its bidder.
    pub supplier: String,
    /// The date of the decision that set it aside (ISO 8601).
    pub date: String,
}

impl Unwritten {
    /// What the buyer is told of it, where the letters are listed.
    pub fn describe(&self, lang: Lang) -> String {
        let date = jauge_analysis::display_date(&self.date, lang);
        let law = jauge_engine::law::cite_in(jauge_engine::law::Law::R2181_1To4, lang);
        let supplier = &self.supplier;
        lang.pick(
            format!("Offre de « {supplier} » écartée faute de lot identifié (décision du {date}) : aucun lot ne l'a analysée, Jauge n'en rédige pas le courrier ; la lettre de rejet est à rédiger par l'acheteur ({law})."),
            format!("Offer of \"{supplier}\" set aside, no lot identified (decision of {date}): no lot analysed it, so Jauge writes no letter for it; the rejection letter is for the buyer to write ({law})."),
        )
    }
}

/// What is said of a lot whose letters are withheld, before its points still to settle (each
/// [`jauge_analysis::Pending`]: one may change the outcome, another only be missing from the letters,
/// like their sending date).
pub fn withheld(lang: Lang) -> &'static str {
    lang.pick("aucun courrier tant que ces points ne sont pas réglés", "no letter until these points are settled")
}

/// The letters to the bidders of every lot ([`jauge_analysis::letters::letters`] lot by lot).
/// An offer no lot scores withholds every lot's letters until a decision says which lot it
/// answers or sets it aside: it may belong to any lot and change its outcome (each lot's analysis
/// does not see it). One set aside gets no letter: it is listed in [`AllLetters::unwritten`].
pub fn letters(analysis: &Analysis, lang: Lang) -> AllLetters {
    let mut out = AllLetters::default();
    let unassigned = analysis.undecided_lots();
    for lot in lots(analysis) {
        if !unassigned.is_empty() {
            out.refused.push((lot.grid_lot, unassigned.clone()));
            continue;
        }
        match jauge_analysis::letters::letters(&lot.analysis, lang) {
            Ok(all) => out.letters.extend(all.into_iter().map(|mut l| {
                if let Some(id) = &lot.grid_lot {
                    l.name = format!("lot-{id}-{}", l.name);
                }
                l
            })),
            Err(pending) => out.refused.push((lot.grid_lot, pending)),
        }
    }
    // An offer no lot holds, set aside by a decision on its lot, is in no lot's letters: said,
    // with the latest such decision's date.
    out.unwritten = analysis
        .unassigned
        .iter()
        .filter_map(|u| {
            let d = analysis.set_aside_for_lot(u)?;
            Some(Unwritten { offer: u.id.clone(), supplier: u.supplier.clone(), date: d.date.clone() })
        })
        .collect();
    out
}

/// The letters as files, each in HTML and docx, under `folder` (empty: at the top).
#[cfg(feature = "documents")]
pub fn letter_files(all: &[Letter], folder: &str) -> Result<Vec<archive::File>, String> {
    use archive::{File, Role};
    let mut files = Vec::new();
    for l in all {
        let html = jauge_analysis::letters::html(l).into_bytes();
        files.push(File { path: format!("{folder}{}.html", l.name), role: Role::Letter, bytes: html });
        let docx = jauge_analysis::letters::docx(l).map_err(|e| format!("{}: {e}", l.name))?;
        files.push(File { path: format!("{folder}{}.docx", l.name), role: Role::Letter, bytes: docx });
    }
    Ok(files)
}

/// The id of lot number `n` (from 1) in the notices.
pub fn lot_id(n: usize) -> String {
    format!("LOT-{n:04}")
}

/// One lot's analysis, as the exports read it.
#[derive(Clone, Debug, PartialEq)]
pub struct LotAnalysis {
    /// The lot's id in the notices (`LOT-0001`, `LOT-0002`… in the grid's order).
    pub lot: String,
    /// The grid's own id of the lot, for a grid with lots.
    pub grid_lot: Option<String>,
    /// The analysis of the lot: the lot's grid, the offers for it and the decisions about them.
    pub analysis: Analysis,
}

/// The analysis of each lot: the analysis itself for a grid without lots; for a grid with lots,
/// each lot's grid ([`jauge_engine::CheckedGrid::lot`]) with the session's offers for that lot
/// (marks are never combined across lots). A lot whose grid cannot be analysed is left out.
pub fn lots(analysis: &Analysis) -> Vec<LotAnalysis> {
    if analysis.lots.is_empty() {
        return vec![LotAnalysis { lot: lot_id(1), grid_lot: None, analysis: analysis.clone() }];
    }
    // Each lot's analysis, as the report computes it (the lot's grid, with the published grid's
    // fingerprint; the lot's offers, decisions and marks), named after its lot.
    analysis
        .lots
        .iter()
        .enumerate()
        .filter_map(|(n, a)| {
            let l = a.lot.as_ref()?;
            let mut lot = a.clone();
            lot.session.procedure.lot = format!("{} {}", l.id, l.title.get(lot.session.lang));
            Some(LotAnalysis { lot: lot_id(n + 1), grid_lot: Some(l.id.clone()), analysis: lot })
        })
        .collect()
}

/// The outcome of each lot of the analysis.
pub fn outcomes(analysis: &Analysis) -> Vec<LotOutcome> {
    lots(analysis).iter().map(|l| outcome(&l.analysis, l.lot.clone())).collect()
}

/// The outcome of one lot's analysis.
fn outcome(analysis: &Analysis, lot: String) -> LotOutcome {
    let low_rejected = analysis
        .session
        .rejected()
        .iter()
        .filter(|(_, d)| d.kind == DecisionKind::Explanations && d.outcome == Outcome::Rejected)
        .count();
    let rejected_otherwise = analysis.session.rejected().len() - low_rejected;
    let irregular =
        analysis.report.offers.iter().filter(|o| o.status == Status::Irregular).count() + rejected_otherwise;
    let ranked: Vec<Tender> = analysis
        .ranked()
        .into_iter()
        .map(|o| Tender {
            supplier: o.supplier.clone(),
            siret: o.siret.clone(),
            rank: o.rank.unwrap_or_default(),
            price: price(analysis, o),
        })
        .collect();
    let position = |id: &jauge_engine::OfferId| analysis.ranked().iter().position(|o| o.id == *id);
    let framework = analysis.grid.grid().framework.is_some();
    let winners: Vec<usize> = match analysis.holders() {
        Some(Ok(holders)) => holders.iter().filter_map(|h| position(&h.id)).collect(),
        Some(Err(_)) => Vec::new(),
        None if framework => Vec::new(),
        None => analysis.proposed().and_then(|w| position(&w.id)).into_iter().collect(),
    };
    let tagged = |tag: &str| -> Vec<String> {
        analysis
            .grid
            .grid()
            .criteria()
            .filter(|(_, c)| c.tags.iter().any(|t| t == tag))
            .map(|(_, c)| c.id.clone())
            .collect()
    };
    LotOutcome {
        tagged: (tagged("social"), tagged("environment")),
        lot,
        title: analysis.session.procedure.lot.trim().to_string(),
        received: analysis.session.offers.len(),
        irregular,
        abnormally_low: low_rejected,
        ranked,
        winners,
        framework,
    }
}

/// One export as written, with the fields it lacks.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// The text: an XML block for eForms (to put in a notice in place of its own), JSON otherwise.
    pub text: String,
    /// The fields it lacks.
    pub missing: Vec<Missing>,
}

/// The export of an analysis to one standard; texts (criteria names, descriptions) in `lang`.
pub fn export(analysis: &Analysis, standard: Standard, lang: Lang) -> Exported {
    let outcomes = outcomes(analysis);
    let json = |v: &dyn erased::Json| v.pretty();
    match standard {
        Standard::EformsCn => {
            Exported { text: eforms::cn_xml(&eforms::award_criteria(analysis, lang)), missing: Vec::new() }
        }
        Standard::EformsCan => {
            let r = eforms::results(analysis, &outcomes);
            Exported { text: eforms::can_xml(&r.value), missing: r.missing }
        }
        Standard::Ocds => {
            let r = ocds::release(analysis, &eforms::award_criteria(analysis, lang), &outcomes, lang);
            Exported { text: json(&r.value), missing: r.missing }
        }
        Standard::Decp => {
            let r = decp::decp(analysis, &outcomes);
            Exported { text: json(&r.value), missing: r.missing }
        }
    }
}

mod erased {
    /// A value written as indented JSON.
    pub trait Json {
        fn pretty(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
        }
    }
}

/// A number as the standards write it: no exponent, at most two decimals, no trailing zeros.
pub fn amount(value: f64) -> String {
    let s = format!("{value:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".to_string() } else { s.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_written_plainly() {
        assert_eq!(amount(52000.0), "52000");
        assert_eq!(amount(59299.644), "59299.64");
        assert_eq!(amount(0.5), "0.5");
        assert_eq!(amount(-0.001), "0");
    }
}
