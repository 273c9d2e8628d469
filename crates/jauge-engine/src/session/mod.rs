//! The session file `jauge-session/3` (versions 1 and 2 still open): an analysis as a buyer keeps it — the grid, the offers with
//! the agreed marks, the procedure record, the decisions the law asks to be recorded, and, after a
//! committee has consolidated several evaluators' sessions, each evaluator's own marks.
//!
//! The consolidation lives here too: it merges the evaluators' sessions (same grid, offers matched
//! by their [`OfferId`]) and compares their marks criterion by criterion.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

mod regularise;

pub use regularise::Regularisation;

use crate::error::{Document, Error};
use crate::evaluate::evaluate;
use crate::grid::{Grid, Rule};
use crate::offer::{Integrity, ManualMark, MarksFile, Offer, OfferId};
use crate::report::Report;
use crate::text::{Lang, Text};
use crate::validate::{CheckedGrid, sha256_hex};

/// The session file's format identifier. Version 2 refers to offers by their [`OfferId`]
/// (decisions, evaluators' marks); version 1 referred to them by file name, and still opens.
pub const SESSION_FORMAT: &str = "jauge-session/3";

/// The session format before rounds (`rounds`, each offer's `round`) and variants: read as is.
pub const SESSION_FORMAT_V2: &str = "jauge-session/2";

/// The first session format, read and brought to version 2 on opening.
pub const SESSION_FORMAT_V1: &str = "jauge-session/1";

/// The spread between evaluators' marks, as a share of the mark's scale, beyond which they are
/// shown as disagreeing unless the committee sets another threshold.
pub const DEFAULT_THRESHOLD: f64 = 0.2;

/// An analysis in progress or finished, as exported from the app or the CLI.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Session {
    /// Format version, `jauge-session/3`.
    #[serde(default)]
    pub format: String,
    /// Language of the interface that wrote it.
    #[serde(default)]
    pub lang: Lang,
    /// The grid's text, as published.
    pub grid: String,
    /// The offers read, with the marks on manual criteria (the agreed marks after a consolidation).
    #[serde(default)]
    pub offers: Vec<Offer>,
    /// The procedure record.
    #[serde(default)]
    pub procedure: Procedure,
    /// Whose marks these are, in an evaluator's own session; empty in the committee's.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub evaluator: String,
    /// Decisions recorded about the offers (regularisation, explanations, tie-break).
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// Each evaluator's marks, kept by the consolidation (empty until then).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub individual: Vec<EvaluatorMarks>,
    /// The procedure's rounds after the initial offers (negotiated rounds, final offers), in
    /// order, each with the date its offers were received; the offers say their round
    /// ([`Offer::round`]). Empty for a procedure in one round. Only the last round is ranked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Round>,
    /// The buyer's decision on the optional services (PSE) of the price schedules, recorded
    /// before the ranking; absent while undecided (the base alone is then compared).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optional_services: Option<OptionalServices>,
    /// The buyer's hidden quantities (`jauge-quantities/1`, the DQE kept from bidders), so that
    /// the committee's session prices the schedules exactly as the buyer's did; never in a form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantities: Option<crate::grid::Quantities>,
}

/// Which optional services (PSE, prestations supplémentaires éventuelles) the buyer keeps: the
/// price compared includes exactly these for every offer. A decision, with its date and author.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OptionalServices {
    /// The optional line groups kept, by id (those of the grid's schedules; others are ignored).
    pub kept: Vec<String>,
    /// Date of the decision (YYYY-MM-DD).
    #[serde(default)]
    pub date: String,
    /// Who decided.
    #[serde(default)]
    pub author: String,
    /// Why (budget, need confirmed…).
    #[serde(default)]
    pub detail: String,
}

impl Session {
    /// The grid as the session prices it: with the recorded decision on optional services.
    pub fn priced(&self, grid: CheckedGrid) -> CheckedGrid {
        match &self.optional_services {
            Some(d) => grid.keeping(&d.kept),
            None => grid,
        }
    }
}

/// A round of the procedure.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Round {
    /// Its number: 1 for the initial offers, then 2, 3…
    pub number: u32,
    /// What the round is.
    #[serde(default)]
    pub kind: RoundKind,
    /// When its offers were received (`YYYY-MM-DD`), as the buyer records it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub date: String,
}

/// What a round is.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RoundKind {
    /// The initial offers.
    #[default]
    Initial,
    /// Offers after a round of negotiation.
    Negotiated,
    /// The final offers.
    Final,
}

impl RoundKind {
    /// The kind in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            RoundKind::Initial => lang.pick("offres initiales", "initial offers"),
            RoundKind::Negotiated => lang.pick("offres après négociation", "offers after negotiation"),
            RoundKind::Final => lang.pick("offres finales", "final offers"),
        }
    }

    /// Every kind, in the order of a procedure.
    pub const ALL: [RoundKind; 3] = [RoundKind::Initial, RoundKind::Negotiated, RoundKind::Final];

    /// The kind's code, as in session files (`initial`, `negotiated`, `final`).
    pub fn code(self) -> &'static str {
        match self {
            RoundKind::Initial => "initial",
            RoundKind::Negotiated => "negotiated",
            RoundKind::Final => "final",
        }
    }
}

/// What the analysis is about and who carries it out, entered once per analysis.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Procedure {
    /// Name of the tender (objet du marché).
    pub tender: String,
    /// The buyer's reference of the procedure.
    pub reference: String,
    /// Lot, if the tender has lots.
    pub lot: String,
    /// The buyer (pouvoir adjudicateur).
    pub buyer: String,
    /// The buyer's address.
    pub buyer_address: String,
    /// The contract's estimated value, as written (e.g. `180 000 € HT sur quatre ans`).
    pub value: String,
    /// Procedure type as the buyer words it (appel d'offres ouvert, procédure adaptée…).
    pub procedure_type: String,
    /// Whether the procedure is formalised or adapted: it decides whether the document is a
    /// rapport de présentation or an analysis of offers. Read from `procedure_type` when unset.
    #[serde(skip_serializing_if = "ProcedureKind::is_unspecified")]
    pub kind: ProcedureKind,
    /// Whether offers were negotiated (or a dialogue held).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub negotiated: bool,
    /// Why negotiation, dialogue or no publicity was used (rapport de présentation, R2184-3 1°).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub negotiation_reasons: String,
    /// Date the offers were opened (YYYY-MM-DD).
    pub opened: String,
    /// Why the contract is not divided into lots, when it is not and the tender documents do not
    /// say (L2113-11; rapport de présentation, R2184-3 2°).
    pub no_lots: String,
    /// Candidates excluded, with the reasons (rapport de présentation, R2184-2 2°).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates_excluded: Vec<Candidate>,
    /// Candidates selected, with the reasons (rapport de présentation, R2184-2 3°).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates_selected: Vec<Candidate>,
    /// The evaluators.
    pub evaluators: Vec<Evaluator>,
    /// Conflicts of interest detected and the measures taken, if any (R2184-3 6°).
    pub conflicts: String,
    /// Measures taken when a candidate took part in preparing the procedure, if any (R2184-3 5°).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub earlier_involvement: String,
    /// The share of the contract the proposed winner intends to subcontract, as declared in its
    /// offer, or "aucune" (R2184-2 5°).
    pub subcontracting: String,
    /// The subcontractors' names, when known (R2184-2 5°).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub subcontractors: Vec<String>,
    /// The environmental execution conditions the contract sets (L2112-2).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub environmental_conditions: String,
    /// How the prices were examined when too few offers allow a detection threshold: what the
    /// buyer did, in its words (the tool cannot know it).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub price_review: String,
    /// How the VAT status of the bidders that state none was checked, when prices are compared
    /// excluding taxes: what the buyer found, in its words (the tool cannot know it). It settles
    /// the check those prices call for (`VatUnstated`), not prices compared while statuses differ.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub vat_review: String,
    /// How the buyer checked that the working day's length the grid converts answers with was
    /// announced to the bidders, when the award proposed depends on it: what it found, in its
    /// words. It settles that check (`WorkingDayDecides`).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub working_day_review: String,
    /// What else the report must say (candidatures, negotiation, earlier involvement of a bidder…).
    pub observations: String,
    // After the evaluation: what the notices, the open data and the letters to bidders need and
    // the tool cannot compute (`jauge-export` names each one missing, never invents it).
    /// The buyer's SIRET (14 digits): the essential data's `acheteur.id`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub buyer_siret: String,
    /// The contract's main CPV code (8 digits, optionally followed by `-` and the check digit).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub cpv: String,
    /// The contract's initial duration in months, renewals included (essential data `dureeMois`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_months: Option<u32>,
    /// The CCAG the contract refers to, as the essential data word it (`Techniques de
    /// l'information et de la communication`, `Pas de CCAG`…).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub ccag: String,
    /// The date the award decision was taken (YYYY-MM-DD): the award notice's BT-1451.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub award_date: String,
    /// The date the letters to the bidders are sent (YYYY-MM-DD): the standstill runs from it.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub letters_sent: String,
    /// Whether the letters are sent electronically (standstill of 11 days, 16 otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub letters_electronic: Option<bool>,
    /// The other open-data fields the buyer records, keyed by their name in the standard (DECP
    /// `id`, `nature`, `montant`, `formePrix`…; OCDS `ocid`), as the standard writes their values.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub open_data: BTreeMap<String, serde_json::Value>,
}

/// A candidate and the reason it was excluded or selected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Candidate {
    /// The candidate's name.
    pub name: String,
    /// Why.
    pub reason: String,
}

impl Candidate {
    /// Candidates from lines `name : reason` (or `name — reason`), one per line, as typed in a
    /// text area; blank lines are skipped.
    pub fn from_lines(text: &str) -> Vec<Candidate> {
        text.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| {
                let split = l.split_once(" : ").or_else(|| l.split_once(" — ")).or_else(|| l.split_once(": "));
                match split {
                    Some((n, r)) => Candidate { name: n.trim().into(), reason: r.trim().into() },
                    None => Candidate { name: l.into(), reason: String::new() },
                }
            })
            .collect()
    }

    /// Candidates as lines `name : reason`, the text area's form.
    pub fn to_lines(candidates: &[Candidate]) -> String {
        candidates
            .iter()
            .map(|c| if c.reason.is_empty() { c.name.clone() } else { format!("{} : {}", c.name, c.reason) })
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Whether a procedure is formalised or adapted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProcedureKind {
    /// Not said: read from the procedure type's words, or to be said.
    #[default]
    Unspecified,
    /// Procédure adaptée (MAPA): the document is an analysis of offers.
    Adapted,
    /// Formalised procedure (appel d'offres, procédure avec négociation, dialogue compétitif): a
    /// rapport de présentation is owed (R2184-1).
    Formalised,
}

impl ProcedureKind {
    /// Whether the kind was not said.
    pub fn is_unspecified(&self) -> bool {
        *self == ProcedureKind::Unspecified
    }
}

impl Procedure {
    /// The procedure's kind: as set, or read from the words of `procedure_type`
    /// (`adaptée`, `MAPA` → adapted; `appel d'offres`, `négociation`, `dialogue` → formalised).
    pub fn kind(&self) -> ProcedureKind {
        if self.kind != ProcedureKind::Unspecified {
            return self.kind;
        }
        let t = self.procedure_type.to_lowercase();
        if t.contains("adapt") || t.contains("mapa") {
            ProcedureKind::Adapted
        } else if t.contains("appel d'offres")
            || t.contains("appel d’offres")
            || t.contains("négoci")
            || t.contains("dialogue")
            || t.contains("formalis")
        {
            ProcedureKind::Formalised
        } else {
            ProcedureKind::Unspecified
        }
    }
}

impl Record {
    /// The decisions with the offers they designate (file name, supplier's name or identity, see
    /// [`crate::offer::find`]) replaced by those offers' identities among `offers`; refused,
    /// naming the file `name`, when one designates none or several.
    pub fn resolved(mut self, name: &str, offers: &[Offer]) -> Result<Record, Error> {
        let mut unfound = Vec::new();
        let finder = crate::offer::Finder::new(offers);
        for d in &mut self.decisions {
            match finder.find(d.offer.as_str()) {
                crate::offer::Found::One(id) => d.offer = id,
                _ => unfound.push(d.offer.0.clone()),
            }
        }
        if unfound.is_empty() {
            Ok(self)
        } else {
            Err(Error::DecisionsUnmatched { file: name.to_string(), names: unfound })
        }
    }

    /// Reads a procedure record file; `name` is the file's name, for the message.
    pub fn from_json(name: &str, text: &str) -> Result<Record, Error> {
        let named = |source: Error| Error::Json { file: name.to_string(), source: Box::new(source) };
        Document::Record.expect(text).map_err(named)?;
        crate::located::from_str(text).map_err(|e| named(Error::syntax(Document::Record, e)))
    }
}

/// The procedure record and the decisions, as a file of their own (`jauge session --record`), for
/// batch use: the same fields as in a session.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default, deny_unknown_fields)]
pub struct Record {
    /// The procedure record.
    pub procedure: Procedure,
    /// The decisions recorded.
    pub decisions: Vec<Decision>,
}

/// One member of the evaluation committee.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Evaluator {
    /// Name.
    pub name: String,
    /// Role (rapporteur, technical expert…).
    pub role: String,
    /// Whether the evaluator stated they have no conflict of interest with any bidder.
    pub no_conflict: bool,
    /// Date of that statement (YYYY-MM-DD).
    pub declared: String,
    /// The statement was made before the evaluator had any access to the offers: the buyer's
    /// word, for a statement dated after the opening (bidders are known once offers are opened).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub before_access: bool,
}

/// What a decision is about.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DecisionKind {
    /// Regularisation of an irregular offer requested (every concerned bidder invited), R2152-2.
    #[default]
    Regularisation,
    /// Explanations asked of an abnormally low offer and the decision on them (L2152-6, R2152-3);
    /// a rejection states its R2152-4 ground.
    Explanations,
    /// How a tie between offers was broken.
    TieBreak,
    /// Which of several offers from one bidder counts (a corrected resend, one bid in two files):
    /// the offers not counted leave the ranking.
    SameBidder,
    /// The lot an offer that names none (or one the grid does not have) answers, as the buyer
    /// determines it from the offer (its signed commitment): accepted, the offer is judged in the
    /// decision's `lot`; rejected, it is set aside, its lot not determined.
    Lot,
    /// An earlier round's offer whose bidder sent none in the last round: accepted, it stands
    /// and is ranked in the last round as it was given (the tender rules keep the last offer
    /// given); rejected, it is not ranked (the bidder withdrew, or the rules do not keep it).
    Maintained,
}

/// How a decision ended.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Waiting for the bidder's answer.
    #[default]
    Pending,
    /// Regularised; explanations accepted, offer kept; for a tie, this offer is preferred.
    Accepted,
    /// Not regularised; explanations rejected, offer rejected as abnormally low.
    Rejected,
}

/// A decision the law asks to be recorded, with its date and author.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(default)]
pub struct Decision {
    /// What it is about.
    pub kind: DecisionKind,
    /// The offer concerned. In a record file written by hand, the offer's file name, its
    /// supplier's name or its identity (the CLI resolves it, see [`crate::offer::find`]).
    pub offer: OfferId,
    /// Date of the decision or of the request (YYYY-MM-DD).
    pub date: String,
    /// Who decided.
    pub author: String,
    /// What was asked and answered, and the reason for the outcome.
    pub detail: String,
    /// How it ended.
    pub outcome: Outcome,
    /// The ground of a rejection as abnormally low (R2152-4); required for that rejection.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ground: Option<RejectionGround>,
    /// For a decision on an offer's lot ([`DecisionKind::Lot`]) accepted: the lot's id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lot: Option<String>,
    /// For an accepted regularisation: the file the bidder sent and the answers it supplies
    /// ([`Session::regularise`] checks it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regularisation: Option<Regularisation>,
}

/// The grounds on which an abnormally low offer may be rejected (R2152-4).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RejectionGround {
    /// The evidence supplied does not justify the low price.
    NotJustified,
    /// The offer breaches environmental, social or labour-law obligations.
    BreachesObligations,
}

impl RejectionGround {
    /// Every ground, in the order forms list them.
    pub const ALL: [RejectionGround; 2] = [RejectionGround::NotJustified, RejectionGround::BreachesObligations];

    /// The ground in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (RejectionGround::NotJustified, Lang::Fr) => "les éléments fournis ne justifient pas le bas niveau du prix",
            (RejectionGround::NotJustified, Lang::En) => "the evidence supplied does not justify the low price",
            (RejectionGround::BreachesObligations, Lang::Fr) => {
                "l'offre contrevient aux obligations environnementales, sociales ou du droit du travail"
            }
            (RejectionGround::BreachesObligations, Lang::En) => {
                "the offer breaches environmental, social or labour-law obligations"
            }
        }
    }

    /// The ground as written in session files.
    pub fn code(self) -> &'static str {
        match self {
            RejectionGround::NotJustified => "not_justified",
            RejectionGround::BreachesObligations => "breaches_obligations",
        }
    }
}

/// One evaluator's marks, as their own session gave them to the consolidation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EvaluatorMarks {
    /// The evaluator.
    pub evaluator: String,
    /// The name of the session file imported.
    pub file: String,
    /// The fingerprint of that session file.
    pub fingerprint: String,
    /// Marks by offer, then by criterion id.
    pub marks: BTreeMap<OfferId, BTreeMap<String, ManualMark>>,
}

impl DecisionKind {
    /// What the decision is about, in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (DecisionKind::Regularisation, Lang::Fr) => "demande de régularisation",
            (DecisionKind::Regularisation, Lang::En) => "request for regularisation",
            (DecisionKind::Explanations, Lang::Fr) => "demande de précisions (offre paraissant anormalement basse)",
            (DecisionKind::Explanations, Lang::En) => "request for explanations (offer that seems abnormally low)",
            (DecisionKind::TieBreak, Lang::Fr) => "départage d'offres ex aequo",
            (DecisionKind::TieBreak, Lang::En) => "tie-break",
            (DecisionKind::SameBidder, Lang::Fr) => "choix entre plusieurs offres d'un même soumissionnaire",
            (DecisionKind::SameBidder, Lang::En) => "choice between several offers from one bidder",
            (DecisionKind::Lot, Lang::Fr) => "lot auquel répond une offre qui n'en indique pas",
            (DecisionKind::Lot, Lang::En) => "lot answered by an offer that names none",
            (DecisionKind::Maintained, Lang::Fr) => "offre d'un tour précédent sans nouvelle offre au dernier tour",
            (DecisionKind::Maintained, Lang::En) => "earlier round's offer with no new offer in the last round",
        }
    }

    /// Every kind, in the order forms list them.
    pub const ALL: [DecisionKind; 6] = [
        DecisionKind::Regularisation,
        DecisionKind::Explanations,
        DecisionKind::TieBreak,
        DecisionKind::SameBidder,
        DecisionKind::Lot,
        DecisionKind::Maintained,
    ];

    /// The kind as written in session files.
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Regularisation => "regularisation",
            DecisionKind::Explanations => "explanations",
            DecisionKind::TieBreak => "tie_break",
            DecisionKind::SameBidder => "same_bidder",
            DecisionKind::Lot => "lot",
            DecisionKind::Maintained => "maintained",
        }
    }
}

impl Outcome {
    /// The outcome in words, for a decision of this kind.
    pub fn label(self, kind: DecisionKind, lang: Lang) -> &'static str {
        use DecisionKind::*;
        use Outcome::*;
        match (self, kind, lang) {
            (Pending, _, Lang::Fr) => "en attente",
            (Pending, _, Lang::En) => "pending",
            (Accepted, Regularisation, Lang::Fr) => "offre régularisée",
            (Accepted, Regularisation, Lang::En) => "offer regularised",
            (Rejected, Regularisation, Lang::Fr) => "non régularisée, offre écartée",
            (Rejected, Regularisation, Lang::En) => "not regularised, offer set aside",
            (Accepted, Explanations, Lang::Fr) => "explications admises, offre maintenue",
            (Accepted, Explanations, Lang::En) => "explanations accepted, offer kept",
            (Rejected, Explanations, Lang::Fr) => "offre rejetée comme anormalement basse",
            (Rejected, Explanations, Lang::En) => "offer rejected as abnormally low",
            (Accepted, TieBreak, Lang::Fr) => "départage en faveur de cette offre",
            (Accepted, TieBreak, Lang::En) => "tie broken in favour of this offer",
            (Rejected, TieBreak, Lang::Fr) => "départage en faveur d'une autre offre",
            (Rejected, TieBreak, Lang::En) => "tie broken in favour of another offer",
            (Accepted, SameBidder, Lang::Fr) => "offre prise en compte",
            (Accepted, SameBidder, Lang::En) => "offer counted",
            (Rejected, SameBidder, Lang::Fr) => {
                "offre non prise en compte : une autre offre du même soumissionnaire compte"
            }
            (Rejected, SameBidder, Lang::En) => "offer not counted: another offer from the same bidder counts",
            (Accepted, Lot, Lang::Fr) => "offre jugée dans le lot indiqué",
            (Accepted, Lot, Lang::En) => "offer judged in the lot given",
            (Rejected, Lot, Lang::Fr) => "offre écartée : son lot ne peut être déterminé",
            (Rejected, Lot, Lang::En) => "offer set aside: its lot cannot be determined",
            (Accepted, Maintained, Lang::Fr) => "offre maintenue, classée au dernier tour",
            (Accepted, Maintained, Lang::En) => "offer stands, ranked in the last round",
            (Rejected, Maintained, Lang::Fr) => "offre non maintenue, non classée",
            (Rejected, Maintained, Lang::En) => "offer does not stand, not ranked",
        }
    }

    /// Every outcome, in the order forms list them.
    pub const ALL: [Outcome; 3] = [Outcome::Pending, Outcome::Accepted, Outcome::Rejected];

    /// The outcome as written in session files.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Accepted => "accepted",
            Outcome::Rejected => "rejected",
        }
    }
}

impl Session {
    /// A new session on a grid text.
    pub fn new(grid: impl Into<String>) -> Session {
        Session { format: SESSION_FORMAT.to_string(), grid: grid.into(), ..Session::default() }
    }

    /// Reads a session file; `name` is the file's name, for the message.
    pub fn from_json(name: &str, text: &str) -> Result<Session, Error> {
        let named = |source: Error| Error::Json { file: name.to_string(), source: Box::new(source) };
        Document::Session.expect(text).map_err(named)?;
        let mut session: Session =
            crate::located::from_str(text).map_err(|e| named(Error::syntax(Document::Session, e)))?;
        match session.format.as_str() {
            SESSION_FORMAT | SESSION_FORMAT_V2 => {}
            SESSION_FORMAT_V1 => session.upgrade_v1(),
            _ => return Err(Error::SessionFormat { file: name.to_string(), found: session.format }),
        }
        for offer in session.offers.iter_mut().filter(|o| o.id.as_str().is_empty()) {
            offer.id = identity(offer);
        }
        Ok(session)
    }

    /// Brings a `jauge-session/1` session to version 2: each offer gets its identity (its file's
    /// SHA-256, or its name's when the file was not kept), and the decisions and evaluators' marks
    /// that referred to offers by file name (or, for marks, by SHA-256) refer to that identity.
    fn upgrade_v1(&mut self) {
        for offer in &mut self.offers {
            offer.id = identity(offer);
        }
        let by_reference = |reference: &OfferId| {
            self.offers
                .iter()
                .find(|o| o.id == *reference || o.source == reference.0)
                .map_or_else(|| reference.clone(), |o| o.id.clone())
        };
        let decisions: Vec<OfferId> = self.decisions.iter().map(|d| by_reference(&d.offer)).collect();
        let individual: Vec<BTreeMap<OfferId, _>> = self
            .individual
            .iter()
            .map(|e| e.marks.iter().map(|(k, m)| (by_reference(k), m.clone())).collect())
            .collect();
        for (d, id) in self.decisions.iter_mut().zip(decisions) {
            d.offer = id;
        }
        for (e, marks) in self.individual.iter_mut().zip(individual) {
            e.marks = marks;
        }
        self.format = SESSION_FORMAT.to_string();
    }

    /// The session as its file holds it (stable: maps are ordered).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// SHA-256 of the session as its file holds it: what the report quotes so that the file it
    /// came from can be recognised.
    pub fn fingerprint(&self) -> String {
        sha256_hex(self.to_json().as_bytes())
    }

    /// The grid, checked; the message names the session file.
    pub fn checked_grid(&self, name: &str) -> Result<CheckedGrid, Error> {
        CheckedGrid::from_json(&self.grid)
            .and_then(|g| match &self.quantities {
                Some(q) => g.hiding(q),
                None => Ok(g),
            })
            .map(|g| self.priced(g))
            .map_err(|e| Error::SessionGrid { file: name.to_string(), source: Box::new(e) })
    }

    /// Offers rejected by a recorded decision (not regularised, rejected as abnormally low, not
    /// counted among several offers from one bidder), with that decision: the last such decision
    /// about the offer counts. They are set aside: neither ranked nor used to compare prices.
    pub fn rejected(&self) -> Vec<(&Offer, &Decision)> {
        self.offers
            .iter()
            .filter_map(|o| {
                self.decisions
                    .iter()
                    .rev()
                    .find(|d| {
                        d.offer == o.id
                            && !matches!(d.kind, DecisionKind::TieBreak | DecisionKind::Lot | DecisionKind::Maintained)
                    })
                    .filter(|d| d.outcome == Outcome::Rejected)
                    .map(|d| (o, d))
            })
            .collect()
    }

    /// The offers the decisions keep (every offer but the [`Session::rejected`] ones), each with
    /// the answers its accepted regularisation supplies.
    pub fn kept(&self) -> Vec<Offer> {
        let rejected: Vec<&OfferId> = self.rejected().iter().map(|(o, _)| &o.id).collect();
        self.offers
            .iter()
            .filter(|o| !rejected.contains(&&o.id))
            .map(|o| match self.regularisation(&o.id) {
                Some(r) => regularise::completed(o, r),
                None => o.clone(),
            })
            .collect()
    }

    /// The evaluation of the offers the decisions keep.
    pub fn evaluate(&self, grid: &CheckedGrid) -> Report {
        evaluate(grid, &self.kept())
    }

    /// The decisions about one offer, in the order recorded.
    pub fn decisions_about<'a>(&'a self, offer: &'a OfferId) -> impl Iterator<Item = &'a Decision> + 'a {
        self.decisions.iter().filter(move |d| d.offer == *offer)
    }

    /// Each offer with whether its content is still what was read from its file, recomputed from
    /// the content (never taken from the session's word): opening a session never refuses it, the
    /// analysis reports an edited offer as a point to settle.
    pub fn integrity(&self) -> Vec<(&Offer, Integrity)> {
        self.offers.iter().map(|o| (o, o.integrity())).collect()
    }

    /// The part of the session about one lot: that lot's offers, the decisions and each
    /// evaluator's marks about them; the record, the grid's text and the evaluator unchanged. A
    /// lot is judged on its own (its ranking, its decisions, its winner): marks are never combined
    /// across lots.
    pub fn lot(&self, lot: &str) -> Session {
        // An offer a decision assigns keeps its file's lot (part of what its fingerprint covers).
        self.restricted(|o| self.lot_of(o) == Some(lot))
    }

    /// The lot an offer is judged in: the lot a decision recorded assigns it to
    /// ([`DecisionKind::Lot`], accepted, its latest), else the one it names.
    pub fn lot_of<'a>(&'a self, offer: &'a Offer) -> Option<&'a str> {
        self.decisions
            .iter()
            .rev()
            .find(|d| d.offer == offer.id && d.kind == DecisionKind::Lot && d.outcome == Outcome::Accepted)
            .and_then(|d| d.lot.as_deref())
            .map(str::trim)
            .or(offer.lot.as_deref())
    }

    /// The offers no lot of `grid` scores ([`crate::lot::unassigned`]), once the lots decisions
    /// assign are counted.
    pub fn unassigned(&self, grid: &Grid) -> Vec<crate::lot::Unassigned> {
        crate::lot::unassigned_in(grid, &self.offers, |o| self.lot_of(o))
    }

    /// The part of the session about one round: its offers, the decisions and each evaluator's
    /// marks about them.
    pub fn round(&self, round: u32) -> Session {
        self.restricted(|o| self.in_round(o, round))
    }

    /// Whether an offer is one of `round`'s: given in it, or for the last round, an earlier
    /// round's offer a decision maintains ([`DecisionKind::Maintained`], accepted, its latest).
    pub fn in_round(&self, offer: &Offer, round: u32) -> bool {
        // The last round is looked for only once a decision maintains the offer: callers ask of
        // every offer in turn.
        let own = offer.round.unwrap_or(1);
        own == round
            || (own < round
                && self
                    .decisions
                    .iter()
                    .rev()
                    .find(|d| d.offer == offer.id && d.kind == DecisionKind::Maintained)
                    .is_some_and(|d| d.outcome == Outcome::Accepted)
                && round == self.last_round())
    }

    /// The last round any offer was given in (1 for a procedure in one round).
    pub fn last_round(&self) -> u32 {
        self.offers.iter().map(|o| o.round.unwrap_or(1)).max().unwrap_or(1)
    }

    /// A round as recorded: its number, kind and date (round 1 is the initial offers when the
    /// session records nothing of it).
    pub fn round_info(&self, number: u32) -> Round {
        self.rounds.iter().find(|r| r.number == number).cloned().unwrap_or_else(|| Round {
            number,
            kind: if number == 1 { RoundKind::Initial } else { RoundKind::Negotiated },
            date: String::new(),
        })
    }

    /// The session with only the offers `keep` keeps, and the decisions and evaluators' marks
    /// about them.
    fn restricted(&self, keep: impl Fn(&Offer) -> bool) -> Session {
        let mut out = self.clone();
        out.offers.retain(|o| keep(o));
        let ids: std::collections::BTreeSet<OfferId> = out.offers.iter().map(|o| o.id.clone()).collect();
        out.decisions.retain(|d| ids.contains(&d.offer));
        for e in &mut out.individual {
            e.marks.retain(|id, _| ids.contains(id));
        }
        out
    }

    /// The offer with this identity.
    pub fn offer(&self, id: &OfferId) -> Option<&Offer> {
        self.offers.iter().find(|o| o.id == *id)
    }

    /// For every offer and manual criterion (and every answer the evaluators settled with a mark),
    /// what each evaluator gave, the spread and the agreed mark. `threshold` is the spread, as a fraction of the mark's scale, beyond which the
    /// evaluators disagree.
    pub fn comparison(&self, grid: &Grid, threshold: f64) -> Vec<MarkComparison> {
        let mut rows = Vec::new();
        if self.individual.is_empty() {
            return rows;
        }
        for offer in &self.offers {
            let key = &offer.id;
            for (_, criterion) in grid.criteria() {
                let marks: Vec<(String, Option<ManualMark>)> = self
                    .individual
                    .iter()
                    .map(|e| (e.evaluator.clone(), e.marks.get(key).and_then(|m| m.get(&criterion.id)).cloned()))
                    .collect();
                // Manual criteria, and answers the evaluators settled (marked out of the weight).
                let out_of = match &criterion.rule {
                    Rule::Manual { out_of, .. } => out_of.unwrap_or(criterion.weight),
                    _ if marks.iter().any(|(_, m)| m.is_some()) || offer.marks.contains_key(&criterion.id) => {
                        criterion.weight
                    }
                    _ => continue,
                };
                let given: Vec<f64> = marks.iter().filter_map(|(_, m)| m.as_ref().map(|m| m.mark)).collect();
                let spread = if given.is_empty() {
                    0.0
                } else {
                    given.iter().cloned().fold(f64::MIN, f64::max) - given.iter().cloned().fold(f64::MAX, f64::min)
                };
                rows.push(MarkComparison {
                    offer: offer.id.clone(),
                    source: offer.source.clone(),
                    supplier: offer.supplier.name.clone(),
                    criterion: criterion.id.clone(),
                    label: criterion.label.clone(),
                    out_of,
                    spread,
                    disagreement: out_of > 0.0 && spread > threshold * out_of + 1e-9,
                    missing: given.len() < marks.len(),
                    marks,
                    agreed: offer.marks.get(&criterion.id).cloned(),
                });
            }
        }
        rows
    }
}

/// Every evaluator's mark on one offer and one manual criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct MarkComparison {
    /// The offer.
    pub offer: OfferId,
    /// The offer's source file.
    pub source: String,
    /// The supplier.
    pub supplier: String,
    /// Criterion id.
    pub criterion: String,
    /// Criterion name.
    pub label: Text,
    /// Scale of the mark.
    pub out_of: f64,
    /// Each evaluator's mark, in the order the sessions were imported (`None`: not marked).
    pub marks: Vec<(String, Option<ManualMark>)>,
    /// Highest mark minus lowest mark given.
    pub spread: f64,
    /// The spread is beyond the threshold.
    pub disagreement: bool,
    /// An evaluator gave no mark.
    pub missing: bool,
    /// The committee's agreed mark, when set.
    pub agreed: Option<ManualMark>,
}

/// Merges evaluators' sessions into a new committee session: the same grid is required; offers are
/// matched by their [`OfferId`] (their file's SHA-256, so a file renamed by an evaluator is still the same offer); each evaluator's marks are kept apart, and the agreed mark
/// is filled in only where every evaluator gave the same mark (the committee sets the others).
/// `sessions` are (file name, session). Decisions and the procedure record come from the first
/// session that has them.
pub fn consolidate(sessions: &[(String, Session)]) -> Result<Session, Error> {
    let Some((first_name, first)) = sessions.first() else {
        return Err(Error::NoSession);
    };
    let mut committee = Session::new(first.grid.clone());
    committee.lang = first.lang;
    committee.import_evaluators(first_name, sessions)
}

impl Session {
    /// An evaluator's session made from a marks file (`file`, `jauge-marks/1`) on this session's
    /// offers: the evaluator's marks are the file's, and nothing else changes. Refused when the
    /// evaluator is not named, or when an entry designates no offer or several.
    pub fn with_marks_of(&self, evaluator: &str, file: &str, marks: &MarksFile) -> Result<Session, Error> {
        if evaluator.trim().is_empty() {
            return Err(Error::NoEvaluator { file: file.to_string() });
        }
        let mut session = self.clone();
        session.individual.clear();
        session.evaluator = evaluator.trim().to_string();
        for offer in &mut session.offers {
            offer.marks.clear();
        }
        let unapplied = marks.apply(&mut session.offers);
        if !unapplied.is_empty() {
            let names = unapplied.into_iter().map(|(name, _)| name).collect();
            return Err(Error::MarksUnmatched { file: file.to_string(), names });
        }
        Ok(session)
    }

    /// This committee session (file `name`) with evaluators' sessions imported into it: an evaluator
    /// already there has their marks replaced by the new session's, a new one is added. What the
    /// committee set is kept: agreed marks, the procedure record and the decisions; a mark on which
    /// every evaluator now agrees is agreed where the committee had set none.
    pub fn import_evaluators(&self, name: &str, sessions: &[(String, Session)]) -> Result<Session, Error> {
        let grid = self.checked_grid(name)?;
        let mut merged = self.clone();
        let mut imported: Vec<String> = Vec::new();
        let mut reference = name.to_string();
        for (file, session) in sessions {
            let other = session.checked_grid(file)?;
            if other.fingerprint() != grid.fingerprint() {
                let id = |g: &CheckedGrid| format!("{} {}", g.grid().id, g.grid().version);
                return Err(Error::OtherGrid(Box::new(crate::error::OtherGrid {
                    file: file.clone(),
                    found: id(&other),
                    found_fingerprint: other.fingerprint()[..12].to_string(),
                    session: name.to_string(),
                    expected: id(&grid),
                    expected_fingerprint: grid.fingerprint()[..12].to_string(),
                })));
            }
            let evaluator = if session.evaluator.trim().is_empty() { file.clone() } else { session.evaluator.clone() };
            if imported.contains(&evaluator) {
                return Err(Error::EvaluatorTwice { file: file.clone(), evaluator });
            }
            let fingerprint = session.fingerprint();
            if let Some(e) = merged.individual.iter().find(|e| e.fingerprint == fingerprint && e.evaluator != evaluator)
            {
                return Err(Error::SessionTwice { file: file.clone(), evaluator: e.evaluator.clone() });
            }
            if merged.offers.is_empty() {
                // A committee built from scratch: the first session gives the offers.
                reference = file.clone();
                merged.offers = session.offers.iter().map(|o| Offer { marks: BTreeMap::new(), ..o.clone() }).collect();
            } else {
                same_offers(&merged.offers, &reference, file, &session.offers)?;
            }
            let marks = session
                .offers
                .iter()
                .filter(|o| !o.marks.is_empty())
                .map(|o| (o.id.clone(), o.marks.clone()))
                .collect();
            let marks = EvaluatorMarks { evaluator: evaluator.clone(), file: file.clone(), fingerprint, marks };
            match merged.individual.iter_mut().find(|e| e.evaluator == evaluator) {
                Some(earlier) => *earlier = marks,
                None => merged.individual.push(marks),
            }
            imported.push(evaluator);
            if merged.procedure == Procedure::default() {
                merged.procedure = session.procedure.clone();
            }
            if merged.decisions.is_empty() {
                merged.decisions = session.decisions.clone();
            }
            if merged.quantities.is_none() {
                merged.quantities = session.quantities.clone();
            }
        }
        // Whoever marked is an evaluator of the record, with their statement still to give.
        for evaluator in imported {
            if !merged.procedure.evaluators.iter().any(|e| e.name.trim() == evaluator.trim()) {
                merged.procedure.evaluators.push(Evaluator { name: evaluator, ..Evaluator::default() });
            }
        }
        for row in merged.comparison(grid.grid(), 0.0) {
            let given: Vec<&ManualMark> = row.marks.iter().filter_map(|(_, m)| m.as_ref()).collect();
            if row.agreed.is_some() || row.missing || row.spread > 0.0 || given.is_empty() {
                continue;
            }
            // The committee adopts one appraisal text: a mark is agreed at once only when every
            // evaluator also wrote the same text; otherwise the committee writes it (the
            // evaluators' own texts stay in the annex).
            if given.iter().any(|m| m.appraisal.trim() != given[0].appraisal.trim()) {
                continue;
            }
            let agreed = ManualMark { mark: given[0].mark, appraisal: given[0].appraisal.trim().to_string() };
            if let Some(offer) = merged.offers.iter_mut().find(|o| o.id == row.offer) {
                offer.marks.insert(row.criterion, agreed);
            }
        }
        Ok(merged)
    }
}

/// Checks that an evaluator's session (`file`) holds the same offers as the reference (the
/// committee's session, or the first session imported when the committee is built from scratch):
/// the same set of [`OfferId`]s, each with the same content (recomputed, so an edited copy is
/// caught whatever fingerprint it claims).
fn same_offers(reference: &[Offer], session: &str, file: &str, offers: &[Offer]) -> Result<(), Error> {
    let has = |set: &[Offer], id: &OfferId| set.iter().any(|o| o.id == *id);
    let label = |set: &[Offer], o: &Offer| crate::offer::labels(set).remove(&o.id).unwrap_or_else(|| o.source.clone());
    let extra: Vec<String> = offers.iter().filter(|o| !has(reference, &o.id)).map(|o| label(offers, o)).collect();
    let missing: Vec<String> = reference.iter().filter(|o| !has(offers, &o.id)).map(|o| label(reference, o)).collect();
    if !extra.is_empty() || !missing.is_empty() {
        return Err(Error::OtherOffers { file: file.to_string(), session: session.to_string(), extra, missing });
    }
    let edited: Vec<String> = offers
        .iter()
        .filter(|o| reference.iter().any(|r| r.id == o.id && r.content_fingerprint() != o.content_fingerprint()))
        .map(|o| label(offers, o))
        .collect();
    if !edited.is_empty() {
        return Err(Error::EditedCopy { file: file.to_string(), session: session.to_string(), offers: edited });
    }
    Ok(())
}

/// The identity of an offer of a version 1 session: its file's SHA-256 when kept, else its name's.
fn identity(offer: &Offer) -> OfferId {
    offer.sha256.clone().map_or_else(|| OfferId::of_name(&offer.source), OfferId)
}

#[cfg(test)]
mod tests;

/// What comparing a session with the files received says about one offer or file.
#[derive(Clone, Debug, PartialEq)]
pub enum FileCheck {
    /// A file received has this offer's SHA-256 and reads as the session recorded.
    Verified {
        /// The offer.
        offer: OfferId,
        /// The file received.
        file: String,
    },
    /// A file received has this offer's SHA-256 but reads otherwise than the session records: the
    /// session was edited, or read by a version of Jauge that reads this file differently.
    ReadDifferently {
        /// The offer.
        offer: OfferId,
        /// The file received.
        file: String,
    },
    /// No file received has this offer's SHA-256.
    Missing {
        /// The offer.
        offer: OfferId,
    },
    /// The offer was not read from a file (typed in, or from an older session): nothing to compare.
    NoFile {
        /// The offer.
        offer: OfferId,
    },
    /// A file received that no offer of the session comes from.
    NotInSession {
        /// The file received.
        file: String,
    },
}

impl FileCheck {
    /// Whether it is what a signed session should give: the offer verified.
    pub fn is_verified(&self) -> bool {
        matches!(self, FileCheck::Verified { .. })
    }
}

impl Session {
    /// Compares the session's offers with the files received, read again (`received`, each
    /// identified by its file's SHA-256): each offer must come from one of them and read as the
    /// session records it; a file received that no offer comes from is said too.
    pub fn verify(&self, received: &[Offer]) -> Vec<FileCheck> {
        let mut out: Vec<FileCheck> = self
            .offers
            .iter()
            .map(|o| {
                let offer = o.id.clone();
                if o.sha256.is_none() {
                    return FileCheck::NoFile { offer };
                }
                // The same file (its SHA-256) and, for a tender in lots, the same lot.
                match received.iter().find(|r| r.id == o.id || (r.sha256 == o.sha256 && r.lot == o.lot)) {
                    None => FileCheck::Missing { offer },
                    Some(r) if r.content_fingerprint() == o.content_fingerprint() => {
                        FileCheck::Verified { offer, file: r.source.clone() }
                    }
                    Some(r) => FileCheck::ReadDifferently { offer, file: r.source.clone() },
                }
            })
            .collect();
        out.extend(
            received
                .iter()
                .filter(|r| !self.offers.iter().any(|o| o.id == r.id || o.sha256 == r.sha256))
                .map(|r| FileCheck::NotInSession { file: r.source.clone() }),
        );
        out
    }
}
