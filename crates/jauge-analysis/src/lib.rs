//! The analysis report, built from a session: for a formalised procedure the rapport de
//! présentation (the items of the code's articles on it, cited from [`jauge_engine::law`]), for an
//! adapted procedure the analysis of offers; the method in words, the identity and fingerprints
//! that give the document its probative value, and signature lines. What the tool cannot know is
//! never stated: it is a point to settle.
//!
//! [`Analysis`] computes every section once; [`html`] renders it as a print-ready page, and the
//! spreadsheet side (`jauge-sheets`) renders the same sections as a workbook. Both the web app and
//! the CLI call these, so one session gives one report wherever it is produced.

pub mod document;
#[cfg(feature = "docx")]
mod docx;
mod html;
pub mod letters;
pub mod pending;

use jauge_engine::evaluate::ties_text;
use jauge_engine::finding::sets_aside;
use jauge_engine::grid::Rule;
use jauge_engine::law::{Law, cite, cites};
use jauge_engine::lot::{LotIdentity, Unassigned};
use jauge_engine::report::{Flag, OfferResult};
use jauge_engine::robustness::{Robustness, robustness};
use jauge_engine::rules::{describe, requirement};
use jauge_engine::schedule::Vat;
use jauge_engine::session::{
    Candidate, DEFAULT_THRESHOLD, Decision, DecisionKind, MarkComparison, Outcome, ProcedureKind, Round, Session,
};
use jauge_engine::text::{colon, number, points};
use jauge_engine::{CheckedGrid, Integrity, Lang, OfferId, Report, Status};

#[cfg(feature = "docx")]
pub use docx::{docx, internal_docx};
pub use html::{html, internal_html};
pub use pending::{Bidder, Field, Pending};

/// A date `YYYY-MM-DD` (optionally followed by `THH:MM…Z`, a time in UTC) as people write it:
/// `20/11/2026 à 11:30 (heure de Paris)` in French, `20/11/2026, 11:30 Paris time` in English
/// (times are shown in Paris time). The day comes first in both languages, as in the French
/// documents of the tender, and the date never breaks across lines the way an ISO date does at
/// its hyphens. Anything else is shown as given.
pub fn display_date(iso: &str, lang: Lang) -> String {
    // The French form of the date, dd/mm/yyyy, in both languages.
    if let Some((date, h, min)) = jauge_engine::value::paris_time(iso) {
        return match lang {
            Lang::Fr => format!("{} à {h:02}:{min:02} (heure de Paris)", date.display(Lang::Fr)),
            Lang::En => format!("{}, {h:02}:{min:02} Paris time", date.display(Lang::Fr)),
        };
    }
    match iso.get(..10).and_then(jauge_engine::value::Date::parse_iso) {
        Some(date) => date.display(Lang::Fr),
        None => iso.to_string(),
    }
}

/// What the report annexes of the evaluators' marks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Annex {
    /// The agreed marks only (in the ranking and the appraisals).
    #[default]
    AgreedMarksOnly,
    /// Each evaluator's marks too, in an annex (a consolidated session).
    EachEvaluator,
}

impl Annex {
    /// Each evaluator's marks when `each`, the agreed ones only otherwise (a checkbox, a flag).
    pub fn each_evaluator(each: bool) -> Annex {
        if each { Annex::EachEvaluator } else { Annex::AgreedMarksOnly }
    }

    /// What can be annexed of `session`: each evaluator's marks only when it has them.
    fn of(self, session: &Session) -> Annex {
        if session.individual.is_empty() { Annex::AgreedMarksOnly } else { self }
    }
}

/// An analysis report, with every section computed.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysis {
    /// The session reported on.
    pub session: Session,
    /// Its grid.
    pub grid: CheckedGrid,
    /// The evaluation of the offers the decisions keep.
    pub report: Report,
    /// The evaluation of every offer received (for the offers rejected by a decision).
    pub all: Report,
    /// How robust the ranking is.
    pub robustness: Robustness,
    /// When the report was produced (ISO 8601, UTC), given by the caller so that tests can fix it.
    pub generated_at: String,
    /// The session's fingerprint.
    pub fingerprint: String,
    /// Whether each evaluator's marks are annexed (only a consolidated session has them).
    pub annex: Annex,
    /// The lot this analysis is about, for one lot of a grid with lots (its session is then the
    /// part of the session about the lot, its grid the lot's).
    pub lot: Option<LotIdentity>,
    /// For a grid with lots, each lot's analysis, in the grid's order: every offer is judged in
    /// its lot (ranking, decisions, winner), never across lots. Empty for a grid without lots.
    pub lots: Vec<Analysis>,
    /// For a grid with lots, the offers no lot scores (they name no lot, or one the grid lacks).
    pub unassigned: Vec<Unassigned>,
    /// For a procedure in several rounds, each round before the last, evaluated for the
    /// committee's information (only the last round is ranked: `session` and `report` are its).
    pub rounds: Vec<EarlierRound>,
    /// Whether the award proposed rests on the grid's working day, found once when the analysis
    /// is made (it may evaluate the offers again): a point to settle until the record says how
    /// the length was announced.
    working_day: Option<Pending>,
}

/// A round before the last, evaluated for the committee's information, never ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct EarlierRound {
    /// The round.
    pub round: Round,
    /// Its offers, as read.
    pub offers: Vec<jauge_engine::Offer>,
    /// Their evaluation.
    pub report: Report,
    /// The decisions about them (an offer maintained in the last round, or not).
    pub decisions: Vec<jauge_engine::session::Decision>,
}

/// One line of the record of offers received.
#[derive(Clone, Debug, PartialEq)]
pub struct Received {
    /// Supplier.
    pub supplier: String,
    /// SIRET, as given.
    pub siret: Option<String>,
    /// File name.
    pub source: String,
    /// SHA-256 of the file as received.
    pub sha256: Option<String>,
    /// What became of the offer, in words.
    pub status: String,
}

/// What the report could and could not check of the session it is computed from.
#[derive(Clone, Debug, PartialEq)]
pub struct Verification {
    /// How many offers' content matches the fingerprint recorded when their file was read.
    pub intact: usize,
    /// The offers edited after reading, by supplier.
    pub edited: Vec<String>,
    /// The offers read without a content fingerprint (an older Jauge), by supplier.
    pub not_verifiable: Vec<String>,
    /// How many evaluators' sessions were imported.
    pub evaluators: usize,
}

impl Verification {
    /// What was checked and what was not, as one paragraph.
    pub fn describe(&self, lang: Lang) -> String {
        let mut out = vec![lang.pick(
            "Vérification : le contenu de chaque offre enregistré dans la session (soumissionnaire, réponses, constats de lecture) est comparé à l'empreinte calculée à la lecture de son fichier.".to_string(),
            "Verification: each offer's content kept in the session (supplier, answers, reading notes) is compared with the fingerprint computed when its file was read.".to_string(),
        )];
        let total = self.intact + self.edited.len() + self.not_verifiable.len();
        if self.intact > 0 {
            out.push(match (self.intact == total, self.intact) {
                (true, 1) => lang.pick("L'offre concorde.", "The offer matches.").to_string(),
                (true, n) => lang.pick(format!("Les {n} offres concordent."), format!("All {n} offers match.")),
                (false, 1) => lang.pick("1 offre concorde.", "1 offer matches.").to_string(),
                (false, n) => lang.pick(format!("{n} offres concordent."), format!("{n} offers match.")),
            });
        }
        if !self.edited.is_empty() {
            let list = self.edited.join(", ");
            out.push(lang.pick(
                format!("Contenu modifié après lecture : {list} ; l'empreinte du fichier ne garantit plus les réponses analysées."),
                format!("Content edited after reading: {list}; the file's fingerprint no longer vouches for the answers analysed."),
            ));
        }
        if !self.not_verifiable.is_empty() {
            let list = self.not_verifiable.join(", ");
            out.push(lang.pick(
                format!("Non vérifiable, faute d'empreinte du contenu (offre lue par une version antérieure de Jauge) : {list} ; pour ces offres, l'empreinte du fichier ne garantit pas les réponses analysées."),
                format!("Not verifiable, no content fingerprint (offer read by an earlier version of Jauge): {list}; for these offers, the file's fingerprint does not vouch for the answers analysed."),
            ));
        }
        out.push(lang.pick(
            "Ce contrôle décèle une modification du fichier de session ; il ne remplace pas la comparaison avec les fichiers reçus, désignés par leur empreinte SHA-256.".to_string(),
            "This check detects an edit of the session file; it does not replace a comparison with the files received, named by their SHA-256 fingerprint.".to_string(),
        ));
        if self.evaluators > 0 {
            out.push(lang.pick(
                "Les sessions des évaluateurs sont désignées par leur empreinte (en annexe), qui reconnaît le fichier importé ; le nom de l'évaluateur est celui que sa session déclare, il n'est pas authentifié.".to_string(),
                "The evaluators' sessions are named by their fingerprint (in the annex), which recognises the file imported; each evaluator's name is the one their session states, it is not authenticated.".to_string(),
            ));
        }
        out.join(" ")
    }
}

/// An offer set aside, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// Supplier.
    pub supplier: String,
    /// File name.
    pub source: String,
    /// Why, in words.
    pub reason: String,
}

/// An offer whose price fell under a detection threshold, or on which explanations were asked.
#[derive(Clone, Debug, PartialEq)]
pub struct LowOffer {
    /// Supplier.
    pub supplier: String,
    /// The price as understood.
    pub price: String,
    /// What was done and decided, in words.
    pub outcome: String,
}

/// One criterion of the method.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodRow {
    /// Family name.
    pub family: String,
    /// Criterion id.
    pub id: String,
    /// Criterion name.
    pub label: String,
    /// Weight.
    pub weight: f64,
    /// Whether the weight was published in the tender documents.
    pub published: bool,
    /// How the answer is marked, in words.
    pub rule: String,
    /// The minimum requirement, if any.
    pub requirement: Option<String>,
}

/// A decision, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct DecisionRow {
    /// What it is about.
    pub kind: String,
    /// The supplier concerned.
    pub supplier: String,
    /// Date.
    pub date: String,
    /// Author.
    pub author: String,
    /// What was asked and answered, and why.
    pub detail: String,
    /// How it ended.
    pub outcome: String,
}

/// The proposed winner and the reasons.
#[derive(Clone, Debug, PartialEq)]
pub struct Winner {
    /// Supplier.
    pub supplier: String,
    /// Reasons for choosing the offer, in words.
    pub reasons: String,
}

/// The usual lengths of a working day the award is checked against when the grid converts
/// answers with its own: the legal day's 7 hours, and a whole day of 24 (a « 2 j ouvrés » read as
/// two days elapsed).
const OTHER_WORKING_DAYS: [f64; 2] = [7.0, 24.0];

impl Analysis {
    /// Builds the report of a session; `name` names the session file in messages, `generated_at`
    /// is the date and time printed on the report.
    pub fn new(
        session: &Session,
        name: &str,
        generated_at: &str,
        annex: Annex,
    ) -> Result<Analysis, jauge_engine::Error> {
        let grid = session.checked_grid(name)?;
        let fingerprint = session.fingerprint();
        let annex = annex.of(session);
        if grid.grid().lots.is_empty() {
            return Ok(Analysis::of(session, grid, None, generated_at, fingerprint, annex));
        }
        let lots = grid
            .grid()
            .lots
            .iter()
            .filter_map(|lot| {
                let own = grid.lot(&lot.id)?;
                let identity = Some(LotIdentity::of(lot));
                Some(Analysis::of(&session.lot(&lot.id), own, identity, generated_at, fingerprint.clone(), annex))
            })
            .collect();
        let unassigned = session.unassigned(grid.grid());
        // The whole tender: its record and committee; each lot's evaluation is in `lots`.
        let nothing = Session { offers: Vec::new(), decisions: Vec::new(), ..session.clone() };
        let mut whole = Analysis::of(&nothing, grid, None, generated_at, fingerprint, annex);
        whole.session = session.clone();
        whole.lots = lots;
        whole.unassigned = unassigned;
        Ok(whole)
    }

    /// The analysis of the offers of `session` on `grid` (a grid without lots, or one lot's).
    fn of(
        session: &Session,
        grid: CheckedGrid,
        lot: Option<LotIdentity>,
        generated_at: &str,
        fingerprint: String,
        annex: Annex,
    ) -> Analysis {
        // A procedure in several rounds: earlier rounds for information, the last one ranked.
        let last = session.last_round();
        let rounds = (1..last)
            .map(|n| {
                let part = session.round(n);
                EarlierRound {
                    round: session.round_info(n),
                    report: jauge_engine::evaluate(&grid, &part.kept()),
                    offers: part.offers,
                    decisions: part.decisions,
                }
            })
            .collect();
        let last_round = (last > 1).then(|| session.round(last));
        let session = last_round.as_ref().unwrap_or(session);
        let kept = session.kept();
        let report = jauge_engine::evaluate(&grid, &kept);
        // Every offer received: the same evaluation unless a decision rejected one.
        let all = if kept.len() == session.offers.len() {
            report.clone()
        } else {
            jauge_engine::evaluate(&grid, &session.offers)
        };
        let robustness = robustness(&grid, &kept, &report);
        let mut analysis = Analysis {
            session: session.clone(),
            grid,
            report,
            all,
            robustness,
            generated_at: generated_at.to_string(),
            fingerprint,
            annex,
            lot,
            lots: Vec::new(),
            unassigned: Vec::new(),
            rounds,
            working_day: None,
        };
        if analysis.session.procedure.working_day_review.trim().is_empty() {
            analysis.working_day = analysis.working_day_decides(&kept);
        }
        analysis
    }

    /// The same analysis dated `generated_at`, annexing what `annex` asks (each evaluator's marks
    /// only when the session has them): what is printed when a buyer asks for the report.
    pub fn dated(&self, generated_at: &str, annex: Annex) -> Analysis {
        Analysis {
            generated_at: generated_at.to_string(),
            annex: annex.of(&self.session),
            lots: self.lots.iter().map(|a| a.dated(generated_at, annex)).collect(),
            ..self.clone()
        }
    }

    /// An offer of an earlier round, as read (the whole session's, found by its identity).
    pub fn round_offer(&self, o: &OfferResult) -> Option<&jauge_engine::Offer> {
        self.rounds.iter().flat_map(|r| &r.offers).find(|p| p.id == o.id)
    }

    /// The bidder of an offer (its identity's first digits when the session does not have it).
    fn supplier(&self, offer: &OfferId) -> Bidder {
        self.session
            .offer(offer)
            .map_or_else(|| Bidder { name: offer.short().to_string(), variant: None }, Bidder::of_offer)
    }

    /// The procedure's kind, as the record sets it or its words say.
    pub fn kind(&self) -> ProcedureKind {
        self.session.procedure.kind()
    }

    /// The document's title: a rapport de présentation for a formalised procedure, an analysis of
    /// offers for an adapted one (which owes no rapport de présentation).
    pub fn title(&self, lang: Lang) -> &'static str {
        match self.kind() {
            ProcedureKind::Formalised => {
                lang.pick("Rapport de présentation — analyse des offres", "Procurement report — analysis of offers")
            }
            ProcedureKind::Adapted => {
                lang.pick("Analyse des offres (procédure adaptée)", "Analysis of offers (adapted procedure)")
            }
            ProcedureKind::Unspecified => lang.pick("Rapport d'analyse des offres", "Report on the analysis of offers"),
        }
    }

    /// The procedure record and the document's identity, as (item, value) lines. The items a
    /// rapport de présentation owes (candidates, negotiation) are shown for formalised procedures.
    pub fn record(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let p = &self.session.procedure;
        let g = self.grid.grid();
        let formalised = self.kind() == ProcedureKind::Formalised;
        let or_dash = |s: &str| if s.trim().is_empty() { "—".to_string() } else { s.to_string() };
        let candidates = |c: &[Candidate]| {
            if c.is_empty() {
                "—".to_string()
            } else {
                c.iter()
                    .map(|c| {
                        if c.reason.trim().is_empty() {
                            c.name.clone()
                        } else {
                            format!("{}{}{}", c.name, colon(lang), c.reason)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(" ; ")
            }
        };
        let mut rows = vec![
            (lang.pick("Objet du marché", "Tender"), or_dash(&p.tender)),
            (lang.pick("Référence", "Reference"), or_dash(&p.reference)),
        ];
        if self.lots.is_empty() {
            rows.push((lang.pick("Lot", "Lot"), or_dash(&p.lot)));
        } else {
            // The lots the grid defines, each with its estimate when the grid gives one.
            let lots = self
                .lots
                .iter()
                .filter_map(|a| a.lot.as_ref())
                .map(|l| {
                    let estimate = l.estimate.map_or_else(String::new, |e| {
                        format!(
                            " ({}{}{} {})",
                            lang.pick("estimation", "estimate"),
                            colon(lang),
                            number(e, 0, lang),
                            lang.pick("€ HT", "€ excl. VAT")
                        )
                    });
                    format!("{} {} — {}{estimate}", lang.pick("Lot", "Lot"), l.id, l.title.get(lang))
                })
                .collect::<Vec<_>>()
                .join(" ; ");
            rows.push((lang.pick("Lots", "Lots"), lots));
        }
        if self.lots.is_empty() && p.lot.trim().is_empty() {
            rows.push((
                lang.pick("Motifs du non-allotissement", "Why the contract is not divided into lots"),
                or_dash(&p.no_lots),
            ));
        }
        rows.extend([
            (lang.pick("Acheteur", "Buyer"), or_dash(&p.buyer)),
            (lang.pick("Adresse de l'acheteur", "Buyer's address"), or_dash(&p.buyer_address)),
            (lang.pick("Valeur estimée du marché", "Estimated value"), or_dash(&p.value)),
            (lang.pick("Procédure", "Procedure"), or_dash(&p.procedure_type)),
            (lang.pick("Ouverture des offres", "Offers opened"), or_dash(&display_date(&p.opened, lang))),
        ]);
        if p.negotiated || !p.negotiation_reasons.trim().is_empty() {
            rows.push((
                lang.pick("Motifs du recours à la négociation", "Why offers were negotiated"),
                or_dash(&p.negotiation_reasons),
            ));
        }
        if formalised || !p.candidates_excluded.is_empty() || !p.candidates_selected.is_empty() {
            rows.push((
                lang.pick("Candidats exclus et motifs", "Candidates excluded and why"),
                candidates(&p.candidates_excluded),
            ));
            rows.push((
                lang.pick("Candidats retenus et motifs", "Candidates selected and why"),
                candidates(&p.candidates_selected),
            ));
        }
        rows.extend([
            (
                lang.pick("Grille d'analyse", "Grid"),
                lang.pick(
                    format!("{} — {}, version {} ; publiée par {}", g.title.get(lang), g.id, g.version, g.publisher),
                    format!("{} — {}, version {}; published by {}", g.title.get(lang), g.id, g.version, g.publisher),
                ),
            ),
            (
                lang.pick("Empreinte SHA-256 de la grille", "Grid SHA-256 fingerprint"),
                self.grid.fingerprint().to_string(),
            ),
            (lang.pick("Rapport établi le", "Report produced"), display_date(&self.generated_at, lang)),
            (lang.pick("Empreinte SHA-256 de la session", "Session SHA-256 fingerprint"), self.fingerprint.clone()),
            (
                lang.pick(
                    "Conflits d'intérêts détectés et mesures prises",
                    "Conflicts of interest detected and measures taken",
                ),
                or_dash(&p.conflicts),
            ),
            (
                lang.pick(
                    "Mesures prises quand un candidat a participé à la préparation de la procédure",
                    "Measures taken when a candidate took part in preparing the procedure",
                ),
                or_dash(&p.earlier_involvement),
            ),
            (
                lang.pick("Conditions d'exécution environnementales", "Environmental execution conditions"),
                or_dash(&p.environmental_conditions),
            ),
            (
                lang.pick("Sous-traitance envisagée par l'attributaire", "Subcontracting intended by the winner"),
                or_dash(&p.subcontracting),
            ),
            (
                lang.pick("Sous-traitants nommés par l'attributaire", "Subcontractors named by the winner"),
                if p.subcontractors.is_empty() { "—".to_string() } else { p.subcontractors.join(", ") },
            ),
            (lang.pick("Observations", "Observations"), or_dash(&p.observations)),
        ]);
        rows
    }

    /// What could and could not be checked: each offer's content against the fingerprint recorded
    /// at its reading (recomputed here), and how the evaluators' sessions are identified.
    pub fn verification(&self) -> Verification {
        let mut v = Verification {
            intact: 0,
            edited: Vec::new(),
            not_verifiable: Vec::new(),
            evaluators: self.session.individual.len(),
        };
        for (o, integrity) in self.session.integrity() {
            match integrity {
                Integrity::Intact => v.intact += 1,
                Integrity::Edited => v.edited.push(o.supplier.name.clone()),
                Integrity::NotVerifiable => v.not_verifiable.push(o.supplier.name.clone()),
            }
        }
        v
    }

    /// Every offer received, in the order it was read, with its file's fingerprint.
    pub fn received(&self, lang: Lang) -> Vec<Received> {
        let rejected = self.session.rejected();
        self.session
            .offers
            .iter()
            .map(|o| {
                let status = match rejected.iter().find(|(r, _)| r.id == o.id) {
                    Some((_, d)) => d.outcome.label(d.kind, lang).to_string(),
                    None => {
                        self.report.offers.iter().find(|r| r.id == o.id).map_or_else(String::new, |r| match r.rank {
                            Some(rank) => format!("{} ({} {rank})", r.status.label(lang), lang.pick("rang", "rank")),
                            None => r.status.label(lang).to_string(),
                        })
                    }
                };
                // The file the bidder sent to regularise the offer, beside the one received.
                let status = match self.session.regularisation(&o.id) {
                    Some(r) => format!(
                        "{} « {} » {} {} (SHA-256 {}) ; {status}",
                        lang.pick("régularisée par le fichier", "regularised by the file"),
                        r.file,
                        lang.pick("reçu le", "received on"),
                        display_date(&r.received, lang),
                        r.sha256
                    ),
                    None => status,
                };
                let status = match o.integrity() {
                    Integrity::Edited => format!(
                        "{} ; {status}",
                        lang.pick(
                            "contenu modifié après lecture : l'empreinte du fichier ne garantit plus les réponses",
                            "content edited after reading: the file's fingerprint no longer vouches for the answers"
                        )
                    ),
                    _ => status,
                };
                Received {
                    supplier: jauge_engine::report::bidder(&o.supplier.name, o.variant.as_deref(), lang),
                    // A SIRET whose check key fails is printed with that remark: the signed
                    // report never vouches for it.
                    siret: o.supplier.siret.as_ref().map(|s| match jauge_engine::offer::siret_is_valid(s) {
                        true => s.clone(),
                        false => format!(
                            "{s} {}",
                            lang.pick("(clé de contrôle invalide : à vérifier)", "(invalid check key: to be checked)")
                        ),
                    }),
                    source: o.source.clone(),
                    sha256: o.sha256.clone(),
                    status,
                }
            })
            .collect()
    }

    /// The offers set aside (irregular, or rejected by a decision), with the reasons.
    pub fn set_aside(&self, lang: Lang) -> Vec<SetAside> {
        let mut rows: Vec<SetAside> = self
            .report
            .offers
            .iter()
            .filter(|o| o.status == Status::Irregular)
            .map(|o| SetAside { supplier: o.bidder(lang), source: o.source.clone(), reason: reasons(o, lang) })
            .collect();
        for (offer, decision) in self.session.rejected() {
            let mut reason = decision.outcome.label(decision.kind, lang).to_string();
            if !decision.detail.trim().is_empty() {
                reason = format!("{reason}{}{}", colon(lang), decision.detail.trim());
            }
            if decision.kind == DecisionKind::Regularisation
                && let Some(o) = self.all.offers.iter().find(|o| o.id == offer.id)
                && o.reasons.iter().any(sets_aside)
            {
                reason = format!("{reason} ({})", reasons(o, lang));
            }
            rows.push(SetAside { supplier: Bidder::of_offer(offer).words(lang), source: offer.source.clone(), reason });
        }
        rows
    }

    /// Offers whose price fell under a detection threshold, and offers asked for explanations.
    pub fn abnormally_low(&self, lang: Lang) -> Vec<LowOffer> {
        let asked: Vec<&Decision> =
            self.session.decisions.iter().filter(|d| d.kind == DecisionKind::Explanations).collect();
        self.all
            .offers
            .iter()
            .filter(|o| o.flags.contains(&Flag::AbnormallyLow) || asked.iter().any(|d| d.offer == o.id))
            .map(|o| {
                let price = o
                    .criteria
                    .iter()
                    .filter(|c| matches!(self.grid.grid().criterion(&c.id).map(|c| &c.rule), Some(Rule::Price { .. })))
                    .filter_map(|c| c.value_text.as_ref().map(|t| t.get(lang).to_string()))
                    .collect::<Vec<_>>()
                    .join(" ; ");
                let decisions: Vec<String> =
                    asked.iter().filter(|d| d.offer == o.id).map(|d| decision_sentence(d, lang)).collect();
                let outcome = if decisions.is_empty() {
                    format!(
                        "{} ({}){}",
                        lang.pick("précisions à demander par écrit", "explanations to be asked in writing"),
                        cite(Law::L2152_6),
                        lang.pick(" ; aucune décision enregistrée", "; no decision recorded")
                    )
                } else {
                    decisions.join(" ")
                };
                LowOffer { supplier: o.bidder(lang), price, outcome }
            })
            .collect()
    }

    /// The ranked offers, best first.
    pub fn ranked(&self) -> Vec<&OfferResult> {
        self.report.offers.iter().filter(|o| o.status == Status::Ranked).collect()
    }

    /// The offer ranked first, after the recorded tie-break when several share the first rank.
    fn first(&self) -> Option<&OfferResult> {
        let first: Vec<&OfferResult> = self.ranked().into_iter().filter(|o| o.rank == Some(1)).collect();
        match first.as_slice() {
            [] => None,
            [one] => Some(*one),
            tied => {
                let preferred = self.session.decisions.iter().rev().find(|d| {
                    d.kind == DecisionKind::TieBreak
                        && d.outcome == Outcome::Accepted
                        && tied.iter().any(|o| o.id == d.offer)
                })?;
                tied.iter().copied().find(|o| o.id == preferred.offer)
            }
        }
    }

    /// The offers retained: a framework agreement's proposed holders, otherwise the offer proposed
    /// for the award; `None` while none can be proposed.
    pub fn retained(&self) -> Option<Vec<&OfferResult>> {
        match self.holders() {
            Some(Ok(h)) if !h.is_empty() => Some(h),
            Some(_) => None,
            None if self.grid.grid().framework.is_some() => None,
            None => self.proposed().map(|w| vec![w]),
        }
    }

    /// The offer proposed for the award: the first (a tie broken by a decision), and only once the
    /// analysis is complete: no regular offer still waits for a mark (it might overtake the first)
    /// and no possibly abnormally low offer waits for the decision on its explanations.
    pub fn proposed(&self) -> Option<&OfferResult> {
        if self.incomplete().next().is_some() || !self.undecided_low().is_empty() {
            return None;
        }
        self.first()
    }

    /// For a framework agreement with several holders (the grid's or the lot's `framework`): the
    /// proposed holders, the best-ranked regular offers up to the number announced, in their order
    /// (for a cascade, offers tied among the holders in the order the tie-break decisions give).
    /// `Err` with the offers tied when more offers share the last holder's place than places are
    /// left and the tie-break decisions do not settle which; `None` when the grid announces no
    /// framework agreement, or while no award can be proposed (see [`Analysis::proposed`]).
    pub fn holders(&self) -> Option<Result<Vec<&OfferResult>, Vec<&OfferResult>>> {
        let framework = self.grid.grid().framework?;
        if self.incomplete().next().is_some() || !self.undecided_low().is_empty() {
            return None;
        }
        let mut ranked = self.ranked();
        ranked.sort_by_key(|o| o.rank);
        // The holders are bidders, not offers: each bidder counts once, by its best offer (its base
        // offer or a variant, another establishment of the same company).
        let mut bidders: Vec<&jauge_engine::Offer> = Vec::new();
        ranked.retain(|o| match self.session.offer(&o.id) {
            Some(offer) if bidders.iter().any(|b| jauge_engine::offer::one_bidder(b, offer)) => false,
            Some(offer) => {
                bidders.push(offer);
                true
            }
            None => true,
        });
        let places = framework.holders as usize;
        let mut out: Vec<&OfferResult> = Vec::new();
        // Offers in groups of equal rank, best first.
        let mut groups: Vec<Vec<&OfferResult>> = Vec::new();
        for o in ranked {
            match groups.last_mut() {
                Some(g) if g.first().is_some_and(|f| f.rank == o.rank) => g.push(o),
                _ => groups.push(vec![o]),
            }
        }
        for group in groups {
            let left = places.saturating_sub(out.len());
            if left == 0 {
                break;
            }
            let ordered = self.tie_broken(&group);
            if group.len() <= left {
                // All are holders; a cascade ranks them, so their order must be settled too.
                match (framework.cascade && group.len() > 1, ordered) {
                    (true, None) => return Some(Err(group)),
                    (true, Some(order)) => out.extend(order),
                    (false, _) => out.extend(group),
                }
            } else {
                // More tied offers than places: the tie-break decisions say which are holders.
                match ordered {
                    Some(order) => out.extend(order.into_iter().take(left)),
                    None => return Some(Err(group)),
                }
            }
        }
        Some(Ok(out))
    }

    /// Tied offers in the order the accepted tie-break decisions give (each decision puts its offer
    /// before the undecided ones, in the order recorded), when they leave at most one offer
    /// undecided; `None` otherwise.
    fn tie_broken<'a>(&self, tied: &[&'a OfferResult]) -> Option<Vec<&'a OfferResult>> {
        let mut order: Vec<&'a OfferResult> = Vec::new();
        for d in &self.session.decisions {
            if d.kind == DecisionKind::TieBreak
                && d.outcome == Outcome::Accepted
                && let Some(o) = tied.iter().find(|o| o.id == d.offer)
                && !order.iter().any(|p| p.id == o.id)
            {
                order.push(o);
            }
        }
        let rest: Vec<&'a OfferResult> = tied.iter().copied().filter(|o| !order.iter().any(|p| p.id == o.id)).collect();
        (rest.len() <= 1).then(|| order.into_iter().chain(rest).collect())
    }

    /// The offers kept that still wait for marks.
    fn incomplete(&self) -> impl Iterator<Item = &OfferResult> {
        self.report.offers.iter().filter(|o| o.status == Status::Incomplete)
    }

    /// The offers kept whose price may be abnormally low and on which no decision was taken
    /// (explanations neither accepted nor rejected).
    fn undecided_low(&self) -> Vec<&OfferResult> {
        self.report.offers.iter().filter(|o| o.flags.contains(&Flag::AbnormallyLow) && !self.explained(&o.id)).collect()
    }

    /// While marks are missing: for each incomplete offer, the totals it can still reach, and
    /// whether the offer now first can still be overtaken ([`Report::threats`]), in words.
    pub fn provisional(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self
            .incomplete()
            .filter_map(|o| {
                let r = o.reachable?;
                let (lowest, highest) = (number(r.lowest, 2, lang), points(r.highest, lang));
                Some(lang.pick(
                    format!("{} : notes manquantes ; total atteignable entre {lowest} et {highest}.", o.supplier),
                    format!("{}: marks missing; reachable total between {lowest} and {highest}.", o.supplier),
                ))
            })
            .collect();
        let Some(leader) = self.ranked().into_iter().next().filter(|_| !out.is_empty()) else { return out };
        let ahead = format!("{}, {}", leader.supplier, points(leader.total, lang));
        let threats: Vec<String> = self.report.threats(leader).iter().map(|o| o.supplier.clone()).collect();
        out.push(if threats.is_empty() {
            lang.pick(
                format!("Classement provisoire : aucune offre incomplète ne peut plus atteindre l'offre en tête ({ahead}) ; aucune attribution n'est proposée avant que toutes les offres soient notées."),
                format!("Provisional ranking: no incomplete offer can reach the offer ahead ({ahead}) any more; no award is proposed until every offer is marked."),
            )
        } else {
            let threats = jauge_engine::text::listed(&threats, lang);
            lang.pick(
                format!("Classement provisoire : l'offre en tête ({ahead}) peut encore être rejointe ou dépassée par {threats}."),
                format!("Provisional ranking: the offer ahead ({ahead}) can still be equalled or overtaken by {threats}."),
            )
        });
        out
    }

    /// An offer's flags in words; a possibly abnormally low price whose explanations were
    /// accepted says so, with the date.
    pub fn flags(&self, o: &OfferResult, lang: Lang) -> String {
        o.flags
            .iter()
            .map(|f| match f {
                Flag::AbnormallyLow if self.explained(&o.id) => {
                    let date = self
                        .session
                        .decisions_about(&o.id)
                        .filter(|d| d.kind == DecisionKind::Explanations)
                        .last()
                        .map(|d| display_date(&d.date, lang))
                        .unwrap_or_default();
                    format!("{} {date}", lang.pick("explications acceptées le", "explanations accepted on"))
                }
                f => f.label(lang).to_string(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether the last decision on an abnormally low offer's explanations accepted them.
    fn explained(&self, offer: &OfferId) -> bool {
        self.session
            .decisions_about(offer)
            .filter(|d| d.kind == DecisionKind::Explanations)
            .last()
            .is_some_and(|d| d.outcome == Outcome::Accepted)
    }

    /// The proposed winner and why, or `None` while no offer can be proposed (see
    /// [`Analysis::pending`]): no offer ranked, a tie for first place not broken, an offer still
    /// waiting for marks, or a price that may be abnormally low awaiting its decision.
    pub fn winner(&self, lang: Lang) -> Option<Winner> {
        let ranked = self.ranked();
        let first: Vec<&OfferResult> = ranked.iter().copied().filter(|o| o.rank == Some(1)).collect();
        let chosen = self.proposed()?;
        let scale = self.grid.grid().scale;
        let mut reasons = match lang {
            Lang::Fr => format!(
                "Offre économiquement la plus avantageuse au regard des critères annoncés : {} sur {}",
                number(chosen.total, 2, lang),
                points(scale, lang)
            ),
            Lang::En => format!(
                "Most economically advantageous offer on the announced criteria: {} out of {}",
                number(chosen.total, 2, lang),
                points(scale, lang)
            ),
        };
        if let Some(second) = ranked.iter().find(|o| o.id != chosen.id && o.rank != Some(1)) {
            // The gap is the exact totals'; when it differs from the gap between the totals as
            // printed (rounded to the hundredth), the sentence says which it is.
            let gap = chosen.total - second.total;
            let hundredths = |x: f64| (x * 100.0).round();
            let exact = match hundredths(gap) == hundredths(chosen.total) - hundredths(second.total) {
                true => "",
                false => lang.pick(" (totaux pris avant arrondi)", " (totals taken before rounding)"),
            };
            reasons += &match lang {
                Lang::Fr => format!(
                    ", soit {}{exact} de plus que l'offre classée deuxième ({}, {})",
                    points(gap, lang),
                    second.supplier,
                    number(second.total, 2, lang)
                ),
                Lang::En => format!(
                    ", {}{exact} ahead of the offer ranked second ({}, {})",
                    points(gap, lang),
                    second.supplier,
                    number(second.total, 2, lang)
                ),
            };
        }
        reasons.push('.');
        // Best among every offer received, set-aside ones included, so that the claim holds as written.
        let best: Vec<String> = chosen
            .families
            .iter()
            .filter(|f| {
                self.all
                    .offers
                    .iter()
                    .all(|o| o.families.iter().find(|g| g.id == f.id).is_none_or(|g| g.points <= f.points + 1e-9))
            })
            .map(|f| {
                let (open, close) = if lang == Lang::Fr { ("« ", " »") } else { ("\u{201c}", "\u{201d}") };
                format!(
                    "{open}{}{close} ({} / {})",
                    f.label.get(lang),
                    number(f.points, 2, lang),
                    number(f.max, 2, lang)
                )
            })
            .collect();
        if !best.is_empty() {
            reasons += &format!(
                " {} {}.",
                lang.pick("Meilleure note de toutes les offres reçues pour :", "Best mark of all offers received for:"),
                best.join(", ")
            );
        }
        reasons += lang.pick(
            " Ses réponses satisfont toutes les exigences minimales de la grille.",
            " Its answers meet every minimum requirement of the grid.",
        );
        if first.len() > 1 {
            let others: Vec<&str> = first.iter().filter(|o| o.id != chosen.id).map(|o| o.supplier.as_str()).collect();
            let decision = self.session.decisions_about(&chosen.id).filter(|d| d.kind == DecisionKind::TieBreak).last();
            reasons += &format!(
                " {} {}{}",
                lang.pick("Ex aequo avec", "Tied with"),
                others.join(", "),
                decision.map_or_else(String::new, |d| format!(" ; {}", decision_sentence(d, lang)))
            );
        }
        Some(Winner { supplier: chosen.supplier.clone(), reasons })
    }

    /// What remains to be done before the report can be signed, worded in `lang`.
    pub fn pending(&self, lang: Lang) -> Vec<String> {
        self.to_settle().iter().map(|p| p.describe(lang)).collect()
    }

    /// What calls for a decision: the points to settle that a decision settles, and each irregular
    /// offer no regularisation decision is about yet (the buyer may invite its bidder).
    pub fn to_decide(&self) -> Vec<Pending> {
        let mut out: Vec<Pending> = self.to_settle().into_iter().filter(Pending::is_decision).collect();
        out.extend(self.may_regularise());
        out
    }

    /// Each irregular offer whose bidder the buyer may invite to regularise, while no
    /// regularisation is recorded (in each lot, for a grid with lots).
    fn may_regularise(&self) -> Vec<Pending> {
        if !self.lots.is_empty() {
            return self
                .lots
                .iter()
                .flat_map(|a| {
                    let lot = a.lot.as_ref().map(|l| l.id.clone()).unwrap_or_default();
                    a.may_regularise()
                        .into_iter()
                        .map(move |item| Pending::InLot { lot: lot.clone(), item: Box::new(item) })
                })
                .collect();
        }
        if self.session.decisions.iter().any(|d| d.kind == DecisionKind::Regularisation) {
            return Vec::new();
        }
        // Only an offer set aside for answers missing or unreadable (a minimum requirement, the
        // price) may be regularised: an answer given cannot be changed (R2152-2; CE 21 Mar 2018
        // n°415929), nor a variant or a bidder that may not bid.
        self.all
            .offers
            .iter()
            .filter(|o| o.status == Status::Irregular)
            .filter_map(|o| {
                let mut missing: Vec<String> = Vec::new();
                for d in o.reasons.iter().filter(|d| sets_aside(d)) {
                    let unanswered = matches!(d.code.as_str(), "eliminatory" | "no_price")
                        && d.criterion
                            .as_ref()
                            .is_some_and(|c| o.criteria.iter().any(|r| &r.id == c && r.value.is_null()));
                    let c = d.criterion.clone().filter(|_| unanswered)?;
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                }
                (!missing.is_empty()).then(|| Pending::MayRegularise {
                    offer: o.id.clone(),
                    supplier: Bidder::of(o),
                    missing,
                })
            })
            .collect()
    }

    /// What remains to be done before the report can be signed, as typed items.
    pub fn to_settle(&self) -> Vec<Pending> {
        let mut out = Vec::new();
        let p = &self.session.procedure;
        let kind = self.kind();
        let formalised = kind == ProcedureKind::Formalised;
        for (value, field) in [
            (&p.tender, Field::Tender),
            (&p.buyer, Field::Buyer),
            (&p.procedure_type, Field::ProcedureType),
            (&p.opened, Field::Opened),
        ] {
            if value.trim().is_empty() {
                out.push(Pending::FillIn(field));
            }
        }
        if kind == ProcedureKind::Unspecified && !p.procedure_type.trim().is_empty() {
            out.push(Pending::ProcedureKind);
        }
        if self.lots.is_empty() && p.lot.trim().is_empty() && p.no_lots.trim().is_empty() {
            out.push(Pending::NoLots { formalised });
        }
        // Items owed by a rapport de présentation only; an adapted procedure owes none of them.
        if formalised && p.candidates_selected.is_empty() {
            out.push(Pending::CandidatesSelected);
        }
        if formalised && p.negotiated && p.negotiation_reasons.trim().is_empty() {
            out.push(Pending::NegotiationReasons);
        }
        if p.environmental_conditions.trim().is_empty() {
            out.push(Pending::EnvironmentalConditions);
        }
        let proposed = self.proposed().is_some() || self.lots.iter().any(|a| a.proposed().is_some());
        if formalised && p.subcontracting.trim().is_empty() && proposed {
            out.push(Pending::Subcontracting);
        }
        if p.evaluators.is_empty() {
            out.push(Pending::Evaluators);
        }
        for e in p.evaluators.iter().filter(|e| !e.no_conflict) {
            out.push(Pending::NoConflict { evaluator: e.name.clone() });
        }
        // A statement made after the opening may have been made having seen the offers, unless
        // the record says it was made before any access to them.
        let opened = jauge_engine::value::Date::parse_iso(p.opened.trim());
        for e in p.evaluators.iter().filter(|e| e.no_conflict && !e.before_access) {
            if let (Some(opened), Some(declared)) = (opened, jauge_engine::value::Date::parse_iso(e.declared.trim()))
                && declared.days() > opened.days()
            {
                out.push(Pending::NoConflictAfterOpening {
                    evaluator: e.name.clone(),
                    declared: e.declared.trim().to_string(),
                    opened: p.opened.trim().to_string(),
                });
            }
        }
        out.extend(self.above_threshold().into_iter().map(Pending::AboveThreshold));
        out.extend(self.unreadable_dates());
        out.extend(self.dated_before());
        out.extend(pending::optional_services(self));
        out.extend(self.about_offers());
        out
    }

    /// What remains to settle about the offers: for a grid with lots, each lot's points (named by
    /// their lot) and the offers no lot scores.
    fn about_offers(&self) -> Vec<Pending> {
        if !self.lots.is_empty() {
            let mut out: Vec<Pending> = self
                .lots
                .iter()
                .flat_map(|a| {
                    let lot = a.lot.as_ref().map(|l| l.id.clone()).unwrap_or_default();
                    a.about_offers()
                        .into_iter()
                        .map(move |item| Pending::InLot { lot: lot.clone(), item: Box::new(item) })
                })
                .collect();
            out.extend(self.undecided_lots());
            return out;
        }
        let mut out = Vec::new();
        let p = &self.session.procedure;
        // Rounds: negotiation recorded, and every bidder of an earlier round heard of in the last.
        if !self.rounds.is_empty() && !p.negotiated {
            out.push(Pending::RoundsWithoutNegotiation);
        }
        let last = self.session.last_round();
        let mut absent: Vec<String> = Vec::new();
        // An offer maintained is the last round's (`Session::round`); one a decision does not
        // maintain is settled too.
        let not_maintained = |r: &EarlierRound, o: &jauge_engine::Offer| {
            r.decisions
                .iter()
                .rev()
                .find(|d| d.offer == o.id && d.kind == DecisionKind::Maintained)
                .is_some_and(|d| d.outcome == Outcome::Rejected)
        };
        for (r, o) in self.rounds.iter().flat_map(|r| r.offers.iter().map(move |o| (r, o))) {
            let here = self.session.offers.iter().any(|p| jauge_engine::offer::one_bidder(p, o));
            if !here && !not_maintained(r, o) && !absent.contains(&o.supplier.name) {
                absent.push(o.supplier.name.clone());
            }
        }
        out.extend(absent.into_iter().map(|supplier| Pending::NoOfferInLastRound { supplier, round: last }));
        let about = |o: &OfferResult| (o.id.clone(), Bidder::of(o));
        for o in self.incomplete() {
            let (offer, supplier) = about(o);
            let criteria = o.awaiting_marks().map(|c| c.id.clone()).collect();
            out.push(Pending::Marks { offer, supplier, criteria });
        }
        for o in self.all.offers.iter().filter(|o| o.flags.contains(&Flag::AbnormallyLow)) {
            let decided = self
                .session
                .decisions_about(&o.id)
                .any(|d| d.kind == DecisionKind::Explanations && d.outcome != Outcome::Pending);
            if !decided {
                let (offer, supplier) = about(o);
                out.push(Pending::Explanations { offer, supplier });
            }
        }
        for d in
            self.session.decisions.iter().filter(|d| {
                d.kind == DecisionKind::Explanations && d.outcome == Outcome::Rejected && d.ground.is_none()
            })
        {
            out.push(Pending::RejectionGround { offer: d.offer.clone(), supplier: self.supplier(&d.offer) });
        }
        for price in self.all.price.iter().filter(|a| a.abnormally_low.is_none() && a.count > 0) {
            if p.price_review.trim().is_empty() {
                out.push(Pending::PriceReview { criterion: price.criterion.clone() });
            }
        }
        for price in self.all.price.iter().filter(|a| !a.unequal_vat.is_empty()) {
            let (mut exempt, mut rates) = (Vec::new(), Vec::<(f64, Vec<Bidder>)>::new());
            for s in &price.unequal_vat {
                let who = self.supplier(&s.offer);
                match s.vat {
                    Vat::Exempt => exempt.push(who),
                    Vat::Rate(r) => match rates.iter_mut().find(|(x, _)| *x == r) {
                        Some((_, w)) => w.push(who),
                        None => rates.push((r, vec![who])),
                    },
                }
            }
            rates.sort_by(|a, b| a.0.total_cmp(&b.0));
            out.push(Pending::UnequalVat { criterion: price.criterion.clone(), exempt, rates });
        }
        // Statuses that differ are settled above; none stated is checked (both may hold at once),
        // until the record says how the buyer checked it.
        let vat_checked = !p.vat_review.trim().is_empty();
        for price in self.all.price.iter().filter(|a| !a.vat_unstated.is_empty() && !vat_checked) {
            let unstated = price.vat_unstated.iter().map(|o| self.supplier(o)).collect();
            out.push(Pending::VatUnstated { criterion: price.criterion.clone(), unstated });
        }
        // Regularisation is offered to every bidder concerned (R2152-2), not to one alone.
        if self.session.decisions.iter().any(|d| d.kind == DecisionKind::Regularisation) {
            for o in self.all.offers.iter().filter(|o| o.status == Status::Irregular) {
                if !self.session.decisions_about(&o.id).any(|d| d.kind == DecisionKind::Regularisation) {
                    let (offer, supplier) = about(o);
                    out.push(Pending::InviteRegularisation { offer, supplier });
                }
            }
        }
        for d in self.session.regularised_without_file() {
            out.push(Pending::RegularisationFile { offer: d.offer.clone(), supplier: self.supplier(&d.offer) });
        }
        for d in self.session.decisions.iter().filter(|d| self.session.offer(&d.offer).is_none()) {
            out.push(Pending::DecisionWithoutOffer { kind: d.kind, offer: d.offer.clone() });
        }
        for d in self.session.decisions.iter().filter(|d| d.outcome == Outcome::Pending) {
            out.push(Pending::Decision { kind: d.kind, offer: d.offer.clone(), supplier: self.supplier(&d.offer) });
        }
        for (o, _) in self.session.integrity().into_iter().filter(|(_, i)| *i == Integrity::Edited) {
            out.push(Pending::EditedAfterReading { offer: o.id.clone(), supplier: Bidder::of_offer(o) });
        }
        out.extend(self.same_bidder());
        match (self.grid.grid().framework, self.holders()) {
            // A framework agreement: ties matter where they decide who is a holder, or the order
            // of a cascade.
            (Some(f), Some(Err(tied))) => out.push(Pending::TieForHolders {
                holders: f.holders,
                cascade: f.cascade,
                offers: tied.iter().map(|o| (o.id.clone(), o.supplier.clone())).collect(),
            }),
            (Some(_), _) => {}
            (None, _) => {
                if self.ranked().iter().filter(|o| o.rank == Some(1)).count() > 1 && self.first().is_none() {
                    out.push(Pending::TieForFirst);
                }
            }
        }
        if self.ranked().is_empty() {
            out.push(Pending::NothingRanked);
        }
        if p.working_day_review.trim().is_empty() {
            out.extend(self.working_day.clone());
        }
        out
    }

    /// The offers no lot scores, each a point until a decision says which lot it answers (it is
    /// then judged there) or sets it aside. They withhold every lot's letters (`jauge-export`):
    /// each may belong to any lot.
    pub fn undecided_lots(&self) -> Vec<Pending> {
        self.unassigned
            .iter()
            .filter(|u| self.set_aside_for_lot(u).is_none())
            .map(|u| Pending::Unassigned { offer: u.id.clone(), supplier: u.supplier.clone(), lot: u.lot.clone() })
            .collect()
    }

    /// The latest decision that sets aside an offer no lot scores (a decision on its lot,
    /// rejecting it), if any: the offer is then decided, in no lot, and its bidder gets no lot's
    /// letter.
    pub fn set_aside_for_lot<'a>(&'a self, u: &'a Unassigned) -> Option<&'a Decision> {
        self.session
            .decisions_about(&u.id)
            .filter(|d| d.kind == DecisionKind::Lot && d.outcome == Outcome::Rejected)
            .last()
    }

    /// The offers proposed: the holders of a framework agreement, or the offer ranked first;
    /// `None` while none can be proposed (marks owed, ties unsettled…).
    fn proposed_ids(&self) -> Option<Vec<OfferId>> {
        match self.holders() {
            Some(Ok(holders)) => Some(holders.into_iter().map(|o| o.id.clone()).collect()),
            Some(Err(_)) => None,
            None if self.grid.grid().framework.is_some() => None,
            None => self.first().map(|o| vec![o.id.clone()]),
        }
    }

    /// Whether the award proposed rests on the grid's working day: answers in working days (or
    /// hours, for a criterion counted in working days) are converted with `working_day_hours`, a
    /// convention; with another usual length ([`OTHER_WORKING_DAYS`]) the offers proposed would
    /// differ. Evaluated again only when some answer's value depends on the length.
    fn working_day_decides(&self, kept: &[jauge_engine::Offer]) -> Option<Pending> {
        let grid = self.grid.grid();
        let criteria: Vec<&jauge_engine::grid::Criterion> = grid.working_time_criteria().collect();
        if criteria.is_empty() {
            return None;
        }
        let proposed = self.proposed_ids()?;
        let ctx = jauge_engine::value::Context::of(grid);
        for other in OTHER_WORKING_DAYS.into_iter().filter(|h| *h != grid.working_day_hours) {
            let alt_ctx = jauge_engine::value::Context {
                conversions: jauge_engine::units::Conversions { working_day_hours: other },
                ..ctx
            };
            let mut readings = Vec::new();
            for o in kept {
                for c in &criteria {
                    let Some(raw) = o
                        .responses
                        .iter()
                        .find(|(k, _)| jauge_engine::grid::same_id(k, &c.id))
                        .and_then(|(_, r)| r.raw.as_ref())
                    else {
                        continue;
                    };
                    let read = |ctx| jauge_engine::value::interpret(Some(raw), &c.answer, ctx).value;
                    if read(&ctx) != read(&alt_ctx) {
                        readings.push((Bidder::of_offer(o), c.id.clone(), raw.display(Lang::Fr)));
                    }
                }
            }
            if readings.is_empty() {
                continue;
            }
            let alt =
                Analysis { report: jauge_engine::evaluate(&self.grid.with_working_day(other), kept), ..self.clone() };
            let instead = alt.proposed_ids();
            if instead.as_ref() != Some(&proposed) {
                let names = |ids: &[OfferId]| ids.iter().map(|id| self.supplier(id)).collect();
                return Some(Pending::WorkingDayDecides {
                    hours: grid.working_day_hours,
                    other,
                    readings,
                    proposed: names(&proposed),
                    instead: instead.as_deref().map(names),
                });
            }
        }
        None
    }

    /// Several offers from one bidder still counted, unless the buyer recorded that each counts
    /// (an accepted "same bidder" decision on every one of them).
    fn same_bidder(&self) -> Vec<Pending> {
        let rejected: Vec<&OfferId> = self.session.rejected().into_iter().map(|(o, _)| &o.id).collect();
        let labels = jauge_engine::offer::labels(&self.session.offers);
        jauge_engine::offer::same_bidder(&self.session.offers)
            .into_iter()
            .filter_map(|group| {
                let counted: Vec<_> = group.into_iter().filter(|o| !rejected.contains(&&o.id)).collect();
                let each_counts = counted.iter().all(|o| {
                    self.session
                        .decisions_about(&o.id)
                        .any(|d| d.kind == DecisionKind::SameBidder && d.outcome == Outcome::Accepted)
                });
                (counted.len() > 1 && !each_counts).then(|| Pending::SameBidder {
                    supplier: counted[0].supplier.name.clone(),
                    offers: counted
                        .iter()
                        .map(|o| (o.id.clone(), labels.get(&o.id).cloned().unwrap_or_default()))
                        .collect(),
                })
            })
            .collect()
    }

    /// The price schedules (BPU/DQE) of the offers ranked: each offer's bill of quantities line
    /// by line and the committee's line-by-line comparison, computed from the session as the
    /// evaluation priced them (the decision on optional services applied). Empty when the grid
    /// prices no criterion through a schedule.
    pub fn schedules(&self) -> Vec<jauge_engine::schedule::Comparison> {
        jauge_engine::schedule::comparisons(&self.grid, &self.session.kept(), &self.report)
    }

    /// Every date the session records, with what it is the date of: the offers' opening, the
    /// statements of no conflict, the rounds' offers, the decisions, the regularisations received,
    /// the optional services' decision, the award decision and the letters' sending. Empty ones
    /// (not given yet) are left out.
    fn recorded_dates(&self) -> Vec<(&str, Recorded)> {
        let s = &self.session;
        let p = &s.procedure;
        let mut recorded: Vec<(&str, Recorded)> = vec![(p.opened.as_str(), Recorded::Opened)];
        recorded.extend(p.evaluators.iter().map(|e| (e.declared.as_str(), Recorded::Statement)));
        recorded.extend(s.rounds.iter().map(|r| (r.date.as_str(), Recorded::Round(r.number))));
        recorded.extend(s.decisions.iter().map(|d| (d.date.as_str(), Recorded::Decision(d.kind))));
        recorded.extend(
            s.decisions
                .iter()
                .filter_map(|d| d.regularisation.as_ref())
                .map(|r| (r.received.as_str(), Recorded::Regularisation)),
        );
        recorded.extend(s.optional_services.iter().map(|o| (o.date.as_str(), Recorded::OptionalServices)));
        recorded.push((p.award_date.as_str(), Recorded::Award));
        recorded.push((p.letters_sent.as_str(), Recorded::LettersSent));
        recorded.retain(|(d, _)| !d.trim().is_empty());
        recorded
    }

    /// Each recorded date that is not a real calendar date `YYYY-MM-DD` (« 2026-13-45 », « lundi »,
    /// 30 February): a report or a letter never relates it, nor compares it.
    fn unreadable_dates(&self) -> Vec<Pending> {
        self.recorded_dates()
            .into_iter()
            .filter(|(d, _)| !iso_date(d))
            .map(|(d, what)| Pending::UnreadableDate { value: d.to_string(), what })
            .collect()
    }

    /// The report's date is earlier than the latest date the session records (see
    /// [`Analysis::recorded_dates`]; the award decision and the letters come after the report):
    /// a report cannot record what had not happened when it was written. Dates that are not real
    /// dates are not compared ([`Analysis::unreadable_dates`] names them).
    fn dated_before(&self) -> Option<Pending> {
        let today = self.generated_at.get(..10).filter(|d| iso_date(d))?;
        let (latest, what) = self
            .recorded_dates()
            .into_iter()
            .filter(|(d, what)| iso_date(d) && !matches!(what, Recorded::Award | Recorded::LettersSent))
            .max_by(|a, b| a.0.cmp(b.0))?;
        (latest > today).then(|| Pending::DatedBefore { report: today.to_string(), latest: latest.to_string(), what })
    }

    /// While the procedure is adapted (MAPA), each estimate the grid gives that is above the EU
    /// threshold it gives, or that it gives with no threshold to check it against: for a grid with
    /// lots, the sum of the lots' estimates (the contract's value is that of all its lots);
    /// otherwise each price criterion's estimate. A formalised procedure, or one whose kind is not
    /// known, is not checked.
    pub fn above_threshold(&self) -> Vec<AboveThreshold> {
        if self.kind() != jauge_engine::session::ProcedureKind::Adapted {
            return Vec::new();
        }
        let grid = self.grid.grid();
        let budgets = || grid.criteria().filter_map(|(_, c)| c.budget.as_ref().map(|b| (c, b)));
        let threshold = budgets().filter_map(|(_, b)| b.eu_threshold).reduce(f64::max);
        let check = |criterion: Option<String>, estimate: f64, threshold: Option<f64>| {
            threshold.is_none_or(|t| estimate > t).then_some(AboveThreshold { criterion, estimate, threshold })
        };
        if !grid.lots.is_empty() {
            let estimates: Vec<f64> = grid.lots.iter().filter_map(|l| l.estimate).collect();
            if estimates.is_empty() {
                return Vec::new();
            }
            return check(None, estimates.iter().sum(), threshold).into_iter().collect();
        }
        budgets().filter_map(|(c, b)| check(Some(c.id.clone()), b.estimate?, b.eu_threshold)).collect()
    }

    /// The method in words: how points are shared, how prices are compared, what sets an offer aside.
    pub fn method_text(&self, lang: Lang) -> Vec<String> {
        let g = self.grid.grid();
        let families: Vec<String> = g
            .families
            .iter()
            .map(|f| format!("{} {}", f.label.get(lang), number(f.criteria.iter().map(|c| c.weight).sum(), 2, lang)))
            .collect();
        let basis = g.price_basis.code();
        let mut out = vec![match lang {
            Lang::Fr => format!(
                "Les offres sont notées sur {} selon la grille « {} » (version {}) : {}. Chaque critère rapporte une part de son poids selon la règle indiquée ci-dessous ; la note totale est la somme des points.",
                points(g.scale, lang),
                g.title.get(lang),
                g.version,
                families.join(", ")
            ),
            Lang::En => format!(
                "Offers are marked out of {} with the grid \"{}\" (version {}): {}. Each criterion earns a share of its weight by the rule given below; the total is the sum of the points.",
                points(g.scale, lang),
                g.title.get(lang),
                g.version,
                families.join(", ")
            ),
        }];
        out.push(match lang {
            Lang::Fr => format!("Les prix sont comparés {basis}, entre les offres qui ne sont pas écartées. Un prix inférieur à la moyenne diminuée d'un écart type, ou à 0,9 fois la moyenne M2 des prix ne dépassant pas 1,2 fois la moyenne, déclenche une demande écrite de précisions ({}) ; il n'entraîne jamais de rejet automatique : l'offre n'est rejetée qu'après examen des précisions, pour un motif prévu par l'{}.", cites(&[Law::L2152_6, Law::R2152_3], lang), cite(Law::R2152_4)),
            Lang::En => format!("Prices are compared {basis}, among the offers not set aside. A price below the mean minus one standard deviation, or below 0.9 times the mean M2 of the prices not above 1.2 times the mean, triggers a written request for explanations ({}); it never excludes an offer by itself: the offer is rejected only after its explanations are examined, on a ground of {}.", cites(&[Law::L2152_6, Law::R2152_3], lang), cite(Law::R2152_4)),
        });
        out.push(match lang {
            Lang::Fr => format!("Une offre qui ne satisfait pas une exigence minimale est irrégulière et écartée avant le classement. L'acheteur peut autoriser tous les soumissionnaires concernés à régulariser leur offre irrégulière, sauf si elle est anormalement basse, sans en modifier les caractéristiques substantielles ({}). Les critères notés par les évaluateurs le sont avec une appréciation écrite.", cite(Law::R2152_2)),
            Lang::En => format!("An offer that fails a minimum requirement is irregular and set aside before ranking. The buyer may allow every bidder concerned to regularise an irregular offer, unless it is abnormally low, without changing its substantial characteristics ({}). Criteria marked by the evaluators carry a written appraisal.", cite(Law::R2152_2)),
        });
        out.push(ties_text(g, lang));
        out.extend(jauge_engine::evaluate::working_day_text(g, lang));
        if let Some(f) = g.framework {
            out.push(framework_terms(f, lang));
        }
        if let Some(f) = &g.follow_on {
            out.push(follow_on_terms(f, lang));
        }
        if g.variants.is_some_and(|v| !v.allowed) {
            out.push(
                lang.pick(
                    "Les documents de la consultation n'autorisent pas les variantes : une variante est irrégulière.",
                    "The tender documents allow no variants: a variant is irregular.",
                )
                .to_string(),
            );
        } else if let Some(v) = g.variants {
            out.push(match v.base_required {
                true => lang.pick(
                    "Les variantes sont autorisées, avec une offre de base du même soumissionnaire : chacune est évaluée et classée comme une offre à part entière ; une variante sans offre de base est irrégulière.",
                    "Variants are allowed, with a base offer from the same bidder: each is evaluated and ranked as an offer of its own; a variant without a base offer is irregular.",
                ),
                false => lang.pick(
                    "Les variantes sont autorisées : chacune est évaluée et classée comme une offre à part entière.",
                    "Variants are allowed: each is evaluated and ranked as an offer of its own.",
                ),
            }.to_string());
        } else if self.session.offers.iter().any(|o| o.variant.is_some()) {
            out.push(
                lang.pick(
                    "La grille ne dit pas si les documents de la consultation autorisent les variantes : les variantes reçues sont évaluées comme des offres à part entière, sous réserve de cette vérification.",
                    "The grid does not say whether the tender documents allow variants: the variants received are evaluated as offers of their own, subject to that check.",
                )
                .to_string(),
            );
        }
        out
    }

    /// Every criterion of the grid: weight, rule in words, minimum requirement.
    pub fn method(&self, lang: Lang) -> Vec<MethodRow> {
        self.grid
            .grid()
            .criteria()
            .map(|(f, c)| MethodRow {
                family: f.label.get(lang).to_string(),
                id: c.id.clone(),
                label: c.label.get(lang).to_string(),
                weight: c.weight,
                published: c.published,
                rule: describe(c, lang),
                requirement: c.eliminatory.as_ref().map(|e| requirement(c, e).get(lang).to_string()),
            })
            .collect()
    }

    /// The decisions recorded, in words: those about an offer of the session (one about an offer
    /// it does not hold is a point to settle, [`Pending::DecisionWithoutOffer`]).
    pub fn decisions(&self, lang: Lang) -> Vec<DecisionRow> {
        self.session
            .decisions
            .iter()
            .filter(|d| self.session.offer(&d.offer).is_some())
            .map(|d| DecisionRow {
                kind: d.kind.label(lang).to_string(),
                supplier: self.supplier(&d.offer).words(lang),
                date: display_date(&d.date, lang),
                author: d.author.clone(),
                detail: match &d.regularisation {
                    Some(r) => format!(
                        "{} — {} « {} » {} {} (SHA-256 {})",
                        d.detail,
                        lang.pick("fichier", "file"),
                        r.file,
                        lang.pick("reçu le", "received on"),
                        display_date(&r.received, lang),
                        r.sha256
                    ),
                    None => d.detail.clone(),
                },
                outcome: match d.ground {
                    Some(g) => format!(
                        "{} ({}{}{})",
                        d.outcome.label(d.kind, lang),
                        cite(Law::R2152_4),
                        colon(lang),
                        g.label(lang)
                    ),
                    // A tie that changes nothing is not broken: the preference is recorded as
                    // made, and said to be without effect, so that it does not read as a rank.
                    None if d.kind == DecisionKind::TieBreak
                        && d.outcome != Outcome::Pending
                        && !self.tie_matters(&d.offer) =>
                    {
                        let preferred = match d.outcome {
                            Outcome::Accepted => lang.pick("cette offre", "this offer"),
                            _ => lang.pick("une autre offre", "another offer"),
                        };
                        lang.pick(
                            format!("préférence enregistrée pour {preferred}, sans effet : l'égalité ne change pas l'attribution, les rangs restent ex aequo"),
                            format!("preference recorded for {preferred}, with no effect: the tie does not change the award, the ranks stay tied"),
                        )
                    }
                    // An offer judged in a lot: which one.
                    None if d.kind == DecisionKind::Lot && d.outcome == Outcome::Accepted => match &d.lot {
                        Some(lot) => format!("{} ({} {lot})", d.outcome.label(d.kind, lang), lang.pick("lot", "lot")),
                        None => d.outcome.label(d.kind, lang).to_string(),
                    },
                    None => d.outcome.label(d.kind, lang).to_string(),
                },
            })
            .collect()
    }

    /// Whether a tie an offer is in can change the award: a tie for first place, or, for a
    /// framework agreement, among the places of its holders.
    fn tie_matters(&self, offer: &OfferId) -> bool {
        let Some(rank) = self.report.offers.iter().find(|o| o.id == *offer).and_then(|o| o.rank) else {
            return true;
        };
        rank == 1 || self.grid.grid().framework.is_some_and(|f| rank <= f.holders)
    }

    /// Each evaluator's marks beside the agreed one, when annexed.
    pub fn individual(&self) -> Vec<MarkComparison> {
        if self.annex == Annex::AgreedMarksOnly {
            return Vec::new();
        }
        self.session.comparison(self.grid.grid(), DEFAULT_THRESHOLD)
    }

    /// The criteria that have a written appraisal, per ranked offer: (supplier, criterion, mark, appraisal).
    pub fn appraisals(&self, lang: Lang) -> Vec<(String, String, String, String)> {
        self.report
            .offers
            .iter()
            .filter(|o| o.status != Status::Irregular)
            .flat_map(|o| {
                o.criteria.iter().filter_map(move |c| {
                    let m = c.mark.as_ref()?;
                    let label = self
                        .grid
                        .grid()
                        .criterion(&c.id)
                        .map_or_else(|| c.id.clone(), |k| format!("{} {}", c.id, k.label.get(lang)));
                    Some((
                        o.supplier.clone(),
                        label,
                        format!(
                            "{} / {}",
                            number(m.mark, 2, lang),
                            number(out_of(&self.grid, &c.id).unwrap_or(c.max), 2, lang)
                        ),
                        m.appraisal.clone(),
                    ))
                })
            })
            .collect()
    }
}

/// The scale of a manual criterion's mark.
fn out_of(grid: &CheckedGrid, id: &str) -> Option<f64> {
    let c = grid.grid().criterion(id)?;
    match &c.rule {
        Rule::Manual { out_of, .. } => Some(out_of.unwrap_or(c.weight)),
        _ => None,
    }
}

/// Why an offer is irregular, in one line.
/// Why an offer is set aside: the reasons that set it aside, not the points still to settle.
fn reasons(o: &OfferResult, lang: Lang) -> String {
    o.reasons.iter().filter(|r| sets_aside(r)).map(|r| r.message.get(lang)).collect::<Vec<_>>().join(" ; ")
}

/// A decision as a sentence: `demande de régularisation le 20/11/2026 par M. X : … — offre régularisée.`
pub fn decision_sentence(d: &Decision, lang: Lang) -> String {
    let mut s = d.kind.label(lang).to_string();
    if !d.detail.trim().is_empty() {
        s += &format!("{}{}", colon(lang), d.detail.trim());
    }
    if let Some(r) = &d.regularisation {
        s += &format!(
            " ({} « {} » {} {})",
            lang.pick("fichier", "file"),
            r.file,
            lang.pick("reçu le", "received on"),
            display_date(&r.received, lang)
        );
    }
    s += &format!(" — {}", d.outcome.label(d.kind, lang));
    if let Some(ground) = d.ground {
        s += &format!(" ({}{}{})", cite(Law::R2152_4), colon(lang), ground.label(lang));
    }
    // When and by whom the decision was taken, apart from the dates its detail may give.
    let when = match (d.date.is_empty(), d.author.is_empty()) {
        (true, true) => None,
        (false, true) => Some(format!("{} {}", lang.pick("décision du", "decision of"), display_date(&d.date, lang))),
        (true, false) => Some(format!("{} {}", lang.pick("décision de", "decision by"), d.author)),
        (false, false) => {
            Some(format!("{} {}, {}", lang.pick("décision du", "decision of"), display_date(&d.date, lang), d.author))
        }
    };
    if let Some(when) = when {
        s += &format!(" ({when})");
    }
    s.push('.');
    s
}

/// Whether a text is a date written `YYYY-MM-DD`.
fn iso_date(d: &str) -> bool {
    jauge_engine::value::Date::parse_iso(d).is_some()
}

/// What a date the session records is the date of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Recorded {
    /// The offers' opening.
    Opened,
    /// An evaluator's statement of no conflict of interest.
    Statement,
    /// A round's offers received.
    Round(u32),
    /// A decision.
    Decision(DecisionKind),
    /// A regularisation received.
    Regularisation,
    /// The decision on optional services.
    OptionalServices,
    /// The award decision.
    Award,
    /// The letters to the bidders sent.
    LettersSent,
}

impl Recorded {
    /// What it is, in words.
    pub fn describe(self, lang: Lang) -> String {
        match self {
            Recorded::Opened => lang.pick("l'ouverture des offres", "the opening of the offers").into(),
            Recorded::Statement => lang
                .pick("une déclaration d'absence de conflit d'intérêts", "a statement of no conflict of interest")
                .into(),
            Recorded::Round(n) => {
                lang.pick(format!("la remise des offres du tour {n}"), format!("the offers of round {n}"))
            }
            Recorded::Decision(k) => {
                lang.pick(format!("la décision « {} »", k.label(lang)), format!("the decision \"{}\"", k.label(lang)))
            }
            Recorded::Regularisation => {
                lang.pick("la réception d'une régularisation", "a regularisation received").into()
            }
            Recorded::OptionalServices => lang
                .pick(
                    "la décision sur les prestations supplémentaires éventuelles",
                    "the decision on optional services",
                )
                .into(),
            Recorded::Award => lang.pick("la décision d'attribution", "the award decision").into(),
            Recorded::LettersSent => lang.pick("l'envoi des courriers", "the letters' sending").into(),
        }
    }
}

/// An estimate above the EU threshold while the procedure is adapted, or with no threshold given
/// to check it against ([`Analysis::above_threshold`]).
#[derive(Clone, Debug, PartialEq)]
pub struct AboveThreshold {
    /// The price criterion whose estimate it is; none for the sum of a grid's lots.
    pub criterion: Option<String>,
    /// The estimate, in euros excluding taxes.
    pub estimate: f64,
    /// The EU threshold the grid gives, if it gives one.
    pub threshold: Option<f64>,
}

impl AboveThreshold {
    /// The point in words.
    pub fn describe(&self, lang: Lang) -> String {
        let e = jauge_engine::text::number(self.estimate, 2, lang);
        let what = match &self.criterion {
            Some(c) => lang.pick(format!("l'estimation du critère {c}"), format!("the estimate of criterion {c}")),
            None => lang.pick(
                "l'estimation du marché, somme des lots,".to_string(),
                "the contract's estimate, the sum of its lots,".to_string(),
            ),
        };
        match self.threshold {
            Some(t) => {
                let t = jauge_engine::text::number(t, 2, lang);
                lang.pick(
                    format!("La procédure est adaptée alors que {what} ({e} € HT) dépasse le seuil européen indiqué par la grille ({t} € HT) : passer en procédure formalisée, ou indiquer dans la grille le seuil qui s'applique à ce marché"),
                    format!("The procedure is adapted while {what} (€{e} excl. taxes) is above the EU threshold the grid gives (€{t} excl. taxes): use a formalised procedure, or give in the grid the threshold that applies to this contract"),
                )
            }
            None => lang.pick(
                format!("La procédure est adaptée et {what} est de {e} € HT : indiquer dans la grille le seuil européen qui s'applique à ce marché (budget, seuil européen), pour vérifier que la procédure convient à son montant"),
                format!("The procedure is adapted and {what} is €{e} excl. taxes: give in the grid the EU threshold that applies to this contract (budget, EU threshold), to check that the procedure fits its value"),
            ),
        }
    }
}

/// What a framework agreement with several holders announces, worded once for the method and the
/// results.
pub fn framework_terms(f: jauge_engine::grid::Framework, lang: Lang) -> String {
    let most = jauge_engine::text::count(f.holders as usize, ("titulaire", "titulaires"), ("holder", "holders"), lang);
    match f.cascade {
        true => lang.pick(
            format!("Accord-cadre à {most} au plus, nombre fixé par les documents de la consultation : les offres régulières les mieux classées, de soumissionnaires distincts, sont proposées comme titulaires. Ceux-ci sont classés : les commandes leur sont proposées dans cet ordre, selon les modalités de l'accord-cadre (cascade)."),
            format!("Framework agreement with at most {most}, a number set by the tender documents: the best-ranked regular offers, from distinct bidders, are proposed as holders. They are ranked: orders are offered to them in this order, under the agreement's terms (cascade)."),
        ),
        false => lang.pick(
            format!("Accord-cadre à {most} au plus, nombre fixé par les documents de la consultation : les offres régulières les mieux classées, de soumissionnaires distincts, sont proposées comme titulaires ; chaque marché subséquent est remis en concurrence entre eux."),
            format!("Framework agreement with at most {most}, a number set by the tender documents: the best-ranked regular offers, from distinct bidders, are proposed as holders; each follow-on contract is put out to competition among them."),
        ),
    }
}

/// What a follow-on contract announces: its framework agreement (and that agreement's grid) and
/// that only its holders may bid, worded once for the method and the results.
pub fn follow_on_terms(f: &jauge_engine::grid::FollowOn, lang: Lang) -> String {
    let holders: Vec<String> = f.holders.iter().map(|h| h.name.clone()).collect();
    let holders = jauge_engine::text::quoted(&holders, lang);
    let grid = f.grid.as_ref().map_or_else(String::new, |p| {
        lang.pick(
            format!(" (grille {} {}, empreinte {})", p.id, p.version, p.fingerprint),
            format!(" (grid {} {}, fingerprint {})", p.id, p.version, p.fingerprint),
        )
    });
    lang.pick(
        format!("Marché subséquent de l'accord-cadre « {} »{grid} : seuls ses titulaires peuvent remettre une offre ({holders}) ; l'offre d'un autre soumissionnaire est irrégulière.", f.framework),
        format!("Follow-on contract of the framework agreement \"{}\"{grid}: only its holders may bid ({holders}); another bidder's offer is irregular.", f.framework),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use jauge_engine::session::Session;

    fn sample() -> Session {
        Session::from_json("session.json", include_str!("../../../samples/portail-citoyen/commission/session.json"))
            .expect("the sample session")
    }

    /// The identity of the session's offer read from the file `name`.
    fn id_of(s: &Session, name: &str) -> OfferId {
        s.offers.iter().find(|o| o.source == name).map(|o| o.id.clone()).expect("an offer of the session")
    }

    fn decision(kind: DecisionKind, offer: OfferId, outcome: Outcome) -> Decision {
        Decision {
            kind,
            offer,
            date: "2026-10-30".into(),
            author: "A".into(),
            detail: "motif".into(),
            outcome,
            ground: None,
            lot: None,
            regularisation: None,
        }
    }

    #[test]
    fn the_sample_is_ready_to_sign_and_names_its_winner() {
        let a = Analysis::new(&sample(), "s", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(a.pending(Lang::Fr), Vec::<String>::new());
        let w = a.winner(Lang::Fr).expect("a winner");
        assert_eq!(w.supplier, "Éco Portail Express");
        assert!(
            w.reasons.contains("soit 0,51 point (totaux pris avant arrondi) de plus que l'offre classée deuxième (Ker Développement, 74,22)"),
            "{}",
            w.reasons
        );
    }

    #[test]
    fn an_offer_edited_in_the_session_file_is_flagged_in_the_report_and_to_settle() {
        let text = include_str!("../../../samples/portail-citoyen/commission/session.json");
        let untouched = Analysis::new(&sample(), "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(untouched.verification().edited, Vec::<String>::new());
        assert_eq!(untouched.verification().intact, 6);
        // Armor Numérique's price lowered by hand in the file, its fingerprints left as they were.
        let edited =
            text.replacen("99 000 € HT, TVA 20 %, soit 118 800 € TTC", "79 000 € HT, TVA 20 %, soit 94 800 € TTC", 1);
        assert_ne!(edited, text);
        let s = Session::from_json("session.json", &edited).expect("an edited session still opens");
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let armor = id_of(&s, "offre-armor-numerique.json");
        assert!(a.to_settle().contains(&Pending::EditedAfterReading {
            offer: armor,
            supplier: Bidder { name: "Armor Numérique SCOP".into(), variant: None }
        }));
        assert!(a.pending(Lang::Fr).iter().any(|p| p.starts_with(
            "Offre « Armor Numérique SCOP » : contenu modifié après lecture, l'empreinte du fichier ne garantit plus les réponses analysées"
        )));
        let received = a.received(Lang::Fr);
        let row = received.iter().find(|r| r.supplier == "Armor Numérique SCOP").expect("a row");
        assert!(
            row.status
                .starts_with("contenu modifié après lecture : l'empreinte du fichier ne garantit plus les réponses ; "),
            "{}",
            row.status
        );
        assert!(received.iter().filter(|r| r.status.contains("modifié")).count() == 1, "the other offers are intact");
        let v = a.verification().describe(Lang::Fr);
        assert!(v.contains("5 offres concordent. Contenu modifié après lecture : Armor Numérique SCOP ;"), "{v}");
        let v = a.verification().describe(Lang::En);
        assert!(v.contains("Content edited after reading: Armor Numérique SCOP;"), "{v}");
        let page = html(&a, Lang::Fr);
        assert!(page.contains("Document provisoire") && page.contains("Contenu modifié après lecture"));
    }

    #[test]
    fn a_version_1_session_is_not_verifiable_and_that_is_not_a_point_to_settle() {
        let s = Session::from_json("v1.json", include_str!("../../../tests/sessions/portail-citoyen-v1.json"))
            .expect("a version 1 session opens");
        let a = Analysis::new(&s, "v1.json", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.to_settle().iter().any(|p| matches!(p, Pending::EditedAfterReading { .. })));
        let v = a.verification();
        assert_eq!((v.intact, v.edited.len(), v.not_verifiable.len()), (0, 0, s.offers.len()));
        let words = v.describe(Lang::Fr);
        assert_eq!(words.matches("Non vérifiable").count(), 1, "said once: {words}");
        assert!(!words.contains("concord"), "{words}");
    }

    #[test]
    fn no_award_to_an_abnormally_low_offer_before_its_explanations_are_accepted() {
        let mut s = sample();
        s.decisions[0].outcome = Outcome::Pending;
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.winner(Lang::Fr).is_none());
        assert!(a.pending(Lang::Fr).iter().any(|p| p.starts_with("Décision en attente : demande de précisions")));
        s.decisions.remove(0);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.winner(Lang::Fr).is_none());
        assert!(a.pending(Lang::Fr).iter().any(|p| {
            p.starts_with("Demander par écrit des précisions sur le prix de l'offre « Éco Portail Express »")
                && p.ends_with("(art. L2152-6 et R2152-3)")
        }));
    }

    #[test]
    fn rejecting_the_abnormally_low_offer_hands_the_award_to_the_next_and_lists_it_as_set_aside() {
        let mut s = sample();
        s.decisions[0].outcome = Outcome::Rejected;
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(a.winner(Lang::Fr).map(|w| w.supplier), Some("Ker Développement".into()));
        let aside: Vec<String> =
            a.set_aside(Lang::Fr).into_iter().map(|x| format!("{} — {}", x.supplier, x.reason)).collect();
        assert_eq!(aside.len(), 2);
        assert!(
            aside[1].starts_with("Éco Portail Express — offre rejetée comme anormalement basse : Précisions demandées"),
            "{aside:?}"
        );
        assert!(a.received(Lang::Fr).iter().any(|r| r.status == "offre rejetée comme anormalement basse"));
    }

    /// The sample session with the grid announcing a framework agreement, and a twin of Éco Portail
    /// Express (same answers and price, its explanations accepted) tied with it for first place.
    fn framework(holders: u32, cascade: bool) -> Session {
        let mut s = sample();
        let mut grid: serde_json::Value = serde_json::from_str(&s.grid).expect("grid");
        grid["framework"] = serde_json::json!({"holders": holders, "cascade": cascade});
        s.grid = grid.to_string();
        let mut twin = s.offers.iter().find(|o| o.supplier.name == "Éco Portail Express").expect("Éco").clone();
        twin.source = "offre-jumelle.json".into();
        twin.id = OfferId::of_name(&twin.source);
        twin.supplier.name = "Jumelle SARL".into();
        // Another company: no SIRET of Éco Portail Express's.
        twin.supplier.siret = None;
        s.offers.push(twin);
        s.decisions.push(decision(DecisionKind::Explanations, id_of(&s, "offre-jumelle.json"), Outcome::Accepted));
        s
    }

    fn holders(a: &Analysis) -> Result<Vec<String>, Vec<String>> {
        let names = |v: Vec<&OfferResult>| v.iter().map(|o| o.supplier.clone()).collect::<Vec<_>>();
        a.holders().expect("a framework agreement, nothing pending").map(names).map_err(names)
    }

    #[test]
    fn a_framework_agreement_proposes_the_best_ranked_regular_offers_as_holders() {
        let a = Analysis::new(&framework(3, false), "s", "", Annex::AgreedMarksOnly).expect("valid");
        let ranked: Vec<String> = {
            let mut r = a.ranked();
            r.sort_by_key(|o| o.rank);
            r.iter().map(|o| o.supplier.clone()).collect()
        };
        // Two offers tie for first: both are holders, with the next one; no tie-break is owed.
        assert_eq!(holders(&a), Ok(ranked[..3].to_vec()));
        assert!(!a.to_settle().iter().any(|p| matches!(p, Pending::TieForFirst | Pending::TieForHolders { .. })));
        let html = html(&a, Lang::Fr);
        assert!(html.contains("Titulaires proposés :"), "the award names the holders");
        assert!(html.contains("Accord-cadre à 3 titulaires au plus"));
        // More holders announced than offers ranked: every ranked offer, and the report says so.
        let a = Analysis::new(&framework(40, false), "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(holders(&a).map(|h| h.len()), Ok(ranked.len()));
        assert!(html_of(&a).contains(&format!("seules {} sont classées", ranked.len())));
    }

    #[test]
    fn a_follow_on_contract_s_method_names_its_framework_agreement_and_sets_other_bidders_aside() {
        let mut s = sample();
        let mut grid: serde_json::Value = serde_json::from_str(&s.grid).expect("grid");
        grid["format"] = serde_json::json!("jauge-grid/2");
        grid["follow_on"] = serde_json::json!({"framework": "AC-2027", "holders": [{"name": "Ker Développement"}, {"name": "Armor Numérique SCOP"}]});
        s.grid = grid.to_string();
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let page = html_of(&a);
        assert!(page.contains("Marché subséquent de l&#39;accord-cadre « AC-2027 » : seuls ses titulaires peuvent remettre une offre (« Ker Développement », « Armor Numérique SCOP »)"), "{page}");
        let ranked: Vec<&str> = a.ranked().iter().map(|o| o.supplier.as_str()).collect();
        assert_eq!(ranked.len(), 2, "{ranked:?}");
        assert!(
            a.set_aside(Lang::Fr)
                .iter()
                .any(|x| x.reason.contains("n'est pas titulaire de l'accord-cadre « AC-2027 »"))
        );
    }

    #[test]
    fn rounds_rank_the_last_one_and_name_what_a_negotiation_must_record() {
        // Round 2: two of the six bidders send a new offer (the same answers, a new file).
        let mut s = sample();
        let again: Vec<_> = s
            .offers
            .iter()
            .filter(|o| ["Ker Développement", "Armor Numérique SCOP"].contains(&o.supplier.name.as_str()))
            .cloned()
            .map(|mut o| {
                o.source = format!("tour2-{}", o.source);
                o.id = OfferId::of_name(&o.source);
                o.round = Some(2);
                o
            })
            .collect();
        s.offers.extend(again);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(a.ranked().len(), 2, "only the last round is ranked");
        assert_eq!(a.rounds.len(), 1);
        let settle = a.to_settle();
        assert!(settle.contains(&Pending::RoundsWithoutNegotiation));
        let absent: Vec<&str> = settle
            .iter()
            .filter_map(|p| match p {
                Pending::NoOfferInLastRound { supplier, round: 2 } => Some(supplier.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(absent.len(), 4, "{absent:?}");
        assert!(!absent.contains(&"Ker Développement"));
        assert!(a.to_decide().iter().any(|p| matches!(p, Pending::NoOfferInLastRound { .. })), "a decision to record");
        s.procedure.negotiated = true;
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.to_settle().contains(&Pending::RoundsWithoutNegotiation));
        // The decisions: Cité Connect's first offer stands (ranked in round 2 as given), Portail
        // Plus's does not (not ranked); neither is a point any more, the two others still are.
        let first = |name: &str| {
            s.offers.iter().find(|o| o.supplier.name == name && o.round.is_none()).expect("an offer").id.clone()
        };
        let (cite, plus) = (first("Cité Connect SAS"), first("Portail Plus"));
        s.decisions.push(decision(DecisionKind::Maintained, cite.clone(), Outcome::Accepted));
        s.decisions.push(decision(DecisionKind::Maintained, plus.clone(), Outcome::Rejected));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let ranked: Vec<&OfferId> = a.ranked().iter().map(|o| &o.id).collect();
        assert_eq!(ranked.len(), 3);
        assert!(ranked.contains(&&cite) && !ranked.contains(&&plus));
        let absent: Vec<String> = a
            .to_settle()
            .iter()
            .filter_map(|p| match p {
                Pending::NoOfferInLastRound { supplier, .. } => Some(supplier.clone()),
                _ => None,
            })
            .collect();
        assert_eq!(absent.len(), 2, "{absent:?}");
        assert!(!absent.iter().any(|n| n == "Cité Connect SAS" || n == "Portail Plus"), "{absent:?}");
        // Its first-round evaluation is unchanged: the earlier round still shows six offers.
        assert_eq!(a.rounds[0].report.offers.len(), 6);
        let html = html_of(&a);
        assert!(html.contains("offre maintenue, classée au dernier tour"), "{html}");
    }

    fn html_of(a: &Analysis) -> String {
        html(a, Lang::Fr)
    }

    #[test]
    fn a_bidder_is_a_holder_once_whatever_its_offers() {
        // Two offers of Ker Développement (its base offer and a variant, better ranked than the
        // others): one place, its best offer.
        let mut s = framework(3, false);
        let mut variant = s.offers.iter().find(|o| o.supplier.name == "Ker Développement").expect("Ker").clone();
        variant.source = "ker-variante.json".into();
        variant.id = OfferId::of_name(&variant.source);
        variant.variant = Some("allégée".into());
        s.offers.push(variant);
        let mut grid: serde_json::Value = serde_json::from_str(&s.grid).expect("grid");
        grid["variants"] = serde_json::json!({});
        s.grid = grid.to_string();
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let holders = holders(&a).expect("holders");
        assert_eq!(holders.len(), 3);
        assert_eq!(holders.iter().filter(|h| h.as_str() == "Ker Développement").count(), 1, "{holders:?}");
    }

    #[test]
    fn a_tie_that_decides_who_is_a_holder_or_a_cascade_s_order_needs_a_tie_break() {
        // One holder, two offers tied for it.
        let mut s = framework(1, false);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(holders(&a).map_err(|t| t.len()), Err(2));
        let tie = a.to_decide().into_iter().find(|p| matches!(p, Pending::TieForHolders { .. })).expect("to decide");
        assert_eq!(
            tie.describe(Lang::Fr),
            "Enregistrer le départage des offres ex aequo « Jumelle SARL », « Éco Portail Express » : l'accord-cadre compte au plus 1 titulaire, et elles ne peuvent toutes l'être"
        );
        assert!(html_of(&a).contains("Aucun titulaire ne peut encore être proposé"));
        s.decisions.push(decision(DecisionKind::TieBreak, id_of(&s, "offre-jumelle.json"), Outcome::Accepted));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(holders(&a), Ok(vec!["Jumelle SARL".to_string()]));
        // A cascade of two: both tied offers are holders, but their order must be decided.
        let mut s = framework(2, true);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(holders(&a).is_err());
        assert!(a.pending(Lang::Fr).iter().any(|p| p.contains("(cascade)")));
        s.decisions.push(decision(DecisionKind::TieBreak, id_of(&s, "offre-jumelle.json"), Outcome::Accepted));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(holders(&a), Ok(vec!["Jumelle SARL".to_string(), "Éco Portail Express".to_string()]));
        assert!(html_of(&a).contains("(cascade)"));
    }

    #[test]
    fn a_tie_for_first_place_needs_a_recorded_tie_break() {
        let mut s = sample();
        // The same offer under another name ties with Éco Portail Express.
        let mut twin = s.offers.iter().find(|o| o.supplier.name == "Éco Portail Express").expect("Éco").clone();
        twin.source = "offre-jumelle.json".into();
        twin.id = OfferId::of_name(&twin.source);
        twin.supplier.name = "Jumelle SARL".into();
        s.offers.push(twin);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.ranked().iter().filter(|o| o.rank == Some(1)).count() == 2, "a tie at rank 1");
        assert!(a.winner(Lang::Fr).is_none());
        assert!(
            a.pending(Lang::Fr)
                .contains(&"Enregistrer le départage des offres classées premières ex aequo".to_string())
        );
        s.decisions.push(decision(DecisionKind::TieBreak, id_of(&s, "offre-jumelle.json"), Outcome::Accepted));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        // Its price is as low as its twin's: no award before its explanations are accepted.
        assert!(a.winner(Lang::Fr).is_none());
        assert!(!a.pending(Lang::Fr).iter().any(|p| p.contains("départage")), "the tie is broken");
        s.decisions.push(decision(DecisionKind::Explanations, id_of(&s, "offre-jumelle.json"), Outcome::Accepted));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let w = a.winner(Lang::Fr).expect("broken tie");
        assert_eq!(w.supplier, "Jumelle SARL");
        assert!(
            w.reasons.contains(
                "Ex aequo avec Éco Portail Express ; départage d'offres ex aequo : motif — départage en faveur de cette offre (décision du 30/10/2026, A)."
            ),
            "{}",
            w.reasons
        );
    }

    #[test]
    fn several_offers_from_one_bidder_wait_for_the_buyer_to_say_which_counts() {
        let mut s = sample();
        // A corrected resend by Ker Développement, its name typed differently, and a bid from
        // another company that happens to carry Ker's SIREN in another establishment.
        let ker = s.offers.iter().find(|o| o.supplier.name == "Ker Développement").expect("Ker").clone();
        let mut resend = ker.clone();
        resend.source = "ker-corrigee.xlsx".into();
        resend.id = OfferId::of_name(&resend.source);
        resend.supplier.name = "KER DEVELOPPEMENT".into();
        resend.supplier.siret = None;
        let mut branch = ker.clone();
        branch.source = "ker-rennes.json".into();
        branch.id = OfferId::of_name(&branch.source);
        branch.supplier.name = "Ker Dév. Rennes".into();
        branch.supplier.siret = ker.supplier.siret.as_ref().map(|s| format!("{}99999", &s[..9]));
        s.offers.push(resend);
        s.offers.push(branch);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let same: Vec<Pending> =
            a.to_decide().into_iter().filter(|p| matches!(p, Pending::SameBidder { .. })).collect();
        assert_eq!(same.len(), 1, "{same:?}");
        let Pending::SameBidder { offers, supplier } = &same[0] else { unreachable!() };
        assert_eq!((supplier.as_str(), offers.len()), ("Ker Développement", 3));
        assert!(same[0].describe(Lang::Fr).starts_with(
            "Plusieurs offres de « Ker Développement » ont été reçues (« offre-ker-developpement.json », « ker-corrigee.xlsx », « ker-rennes.json ») : indiquer laquelle compte"
        ));
        // The first one and the branch's are not counted: the resend counts alone.
        let first = ker.id.clone();
        s.decisions.push(decision(DecisionKind::SameBidder, first.clone(), Outcome::Rejected));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.to_decide().iter().any(|p| matches!(p, Pending::SameBidder { offers, .. } if offers.len() == 2)));
        s.decisions.push(decision(DecisionKind::SameBidder, id_of(&s, "ker-rennes.json"), Outcome::Rejected));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.to_decide().iter().any(|p| matches!(p, Pending::SameBidder { .. })));
        assert!(a.ranked().iter().all(|o| o.id != first), "the offer not counted leaves the ranking");
        assert!(a.set_aside(Lang::Fr).iter().any(|x| x.source == "offre-ker-developpement.json"
            && x.reason.starts_with("offre non prise en compte : une autre offre du même soumissionnaire compte")));
        // Or the buyer records that each offer counts (two distinct bids of one group, say).
        let mut s = sample();
        let mut other = s.offers.iter().find(|o| o.supplier.name == "Cité Connect SAS").expect("Cité").clone();
        other.source = "cite-connect-2.json".into();
        other.id = OfferId::of_name(&other.source);
        s.offers.push(other);
        for id in [id_of(&s, "offre-cite-connect.json"), id_of(&s, "cite-connect-2.json")] {
            s.decisions.push(decision(DecisionKind::SameBidder, id, Outcome::Accepted));
        }
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.to_decide().iter().any(|p| matches!(p, Pending::SameBidder { .. })));
    }

    #[test]
    fn text_typed_in_the_record_cannot_break_out_of_the_page() {
        let mut s = sample();
        s.procedure.reference = "</style><script>alert(1)</script>\"".into();
        s.procedure.tender = "<b>Portail</b>".into();
        let page = html(&Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid"), Lang::Fr);
        assert!(!page.contains("<script>") && !page.contains("<b>"), "text is escaped everywhere");
        assert_eq!(page.matches("</style>").count(), 1, "the style sheet ends once");
    }

    #[test]
    fn no_lots_and_subcontracting_are_asked_for_only_when_the_report_needs_them() {
        let mut s = sample();
        s.procedure.no_lots.clear();
        s.procedure.subcontracting.clear();
        // An adapted procedure owes no rapport de présentation: no R2184 item is claimed.
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(
            a.pending(Lang::Fr),
            ["Motiver l'absence d'allotissement, si les documents de la consultation ne le font pas (art. L2113-11)"]
        );
        assert_eq!(a.title(Lang::Fr), "Analyse des offres (procédure adaptée)");
        // A formalised one owes them, each with its item.
        s.procedure.kind = ProcedureKind::Formalised;
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(
            a.pending(Lang::Fr),
            [
                "Motiver l'absence d'allotissement, si les documents de la consultation ne le font pas (art. L2113-11 et R2184-3 2°)",
                "Indiquer les candidats retenus et les motifs de ce choix (art. R2184-2 3°)",
                "Indiquer la part du marché que l'attributaire envisage de sous-traiter et les sous-traitants, ou « aucune » (art. R2184-2 5°)",
            ]
        );
        assert_eq!(a.title(Lang::Fr), "Rapport de présentation — analyse des offres");
        let row = |a: &Analysis, label: &str| a.record(Lang::Fr).into_iter().find(|(l, _)| *l == label).map(|(_, v)| v);
        assert_eq!(row(&a, "Motifs du non-allotissement").as_deref(), Some("—"));
        assert_eq!(row(&a, "Candidats retenus et motifs").as_deref(), Some("—"));
        s.procedure.candidates_selected =
            Candidate::from_lines("Armor Numérique SCOP : capacités suffisantes\nPortail Plus");
        s.procedure.negotiated = true;
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(
            row(&a, "Candidats retenus et motifs").as_deref(),
            Some("Armor Numérique SCOP : capacités suffisantes ; Portail Plus")
        );
        assert!(
            a.pending(Lang::Fr)
                .contains(&"Indiquer les motifs du recours à la négociation (art. R2184-3 1°)".to_string())
        );
        // A lot needs no reason for not dividing; with no winner proposed, no subcontracting to state.
        s.procedure.lot = "Lot 2 : portail citoyen".into();
        s.procedure.evaluators[0].no_conflict = false;
        s.decisions.push(decision(
            DecisionKind::Explanations,
            id_of(&s, "offre-eco-portail-express.json"),
            Outcome::Pending,
        ));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.winner(Lang::Fr).is_none(), "withheld while the explanations are pending");
        assert!(!a.pending(Lang::Fr).iter().any(|p| p.contains("allotissement") || p.contains("sous-traiter")));
        assert_eq!(row(&a, "Motifs du non-allotissement"), None, "no such row for a lot");
        // What the record says is printed in the report's identification.
        let a = Analysis::new(&sample(), "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(
            row(&a, "Conflits d'intérêts détectés et mesures prises").as_deref(),
            Some("Aucun conflit d'intérêts déclaré ni signalé à la date du rapport.")
        );
        assert!(html(&a, Lang::Fr).contains("Aucune sous-traitance déclarée par l&#39;attributaire proposé."));
    }

    #[test]
    fn no_winner_while_a_regular_offer_waits_for_a_mark_and_its_reach_is_shown() {
        let mut s = sample();
        let unmark = |s: &mut Session, name: &str| {
            s.offers.iter_mut().find(|o| o.supplier.name == name).expect("offer").marks.clear();
        };
        // Cité Connect without its mark cannot reach the offer ahead any more.
        unmark(&mut s, "Cité Connect SAS");
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.winner(Lang::Fr).is_none(), "no award on an incomplete analysis");
        assert!(
            a.pending(Lang::Fr)
                .iter()
                .any(|p| p.starts_with("Noter le critère INT-05 de l'offre « Cité Connect SAS »"))
        );
        let lines = a.provisional(Lang::Fr);
        assert_eq!(lines[0], "Cité Connect SAS : notes manquantes ; total atteignable entre 66,6 et 68,6 points.");
        assert!(
            lines[1].contains(
                "aucune offre incomplète ne peut plus atteindre l'offre en tête (Éco Portail Express, 74,74 points)"
            ),
            "{lines:?}"
        );
        // Ker Développement without its mark can: 72,82 to 74,82 against 74,74.
        unmark(&mut s, "Ker Développement");
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let lines = a.provisional(Lang::Fr);
        assert!(lines.contains(
            &"Ker Développement : notes manquantes ; total atteignable entre 72,82 et 74,82 points.".to_string()
        ));
        assert!(
            lines.last().is_some_and(|l| l.contains("l'offre en tête (Éco Portail Express, 74,74 points) peut encore être rejointe ou dépassée par Ker Développement")),
            "{lines:?}"
        );
        let page = html(&a, Lang::Fr);
        assert!(!page.contains("Attributaire proposé"), "no winner printed");
    }

    #[test]
    fn no_winner_while_any_possibly_abnormally_low_offer_awaits_its_decision() {
        let mut s = sample();
        // The first offer's explanations were accepted; another flagged offer awaits a decision.
        let mut low = s.offers.iter().find(|o| o.supplier.name == "Éco Portail Express").expect("Éco").clone();
        low.source = "offre-basse-bis.json".into();
        low.id = OfferId::of_name(&low.source);
        low.supplier.name = "Basse Bis".into();
        low.sha256 = Some("0".repeat(64));
        low.responses.retain(|k, _| k != "INT-01");
        s.offers.push(low);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.all.offers.iter().any(|o| o.supplier == "Basse Bis" && o.flags.contains(&Flag::AbnormallyLow)));
        assert!(a.winner(Lang::Fr).is_none(), "a flagged offer without a decision blocks the award");
        let mut rejected = decision(DecisionKind::Explanations, id_of(&s, "offre-basse-bis.json"), Outcome::Rejected);
        s.decisions.push(rejected.clone());
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert_eq!(a.winner(Lang::Fr).map(|w| w.supplier), Some("Éco Portail Express".into()));
        assert!(a.pending(Lang::Fr).contains(
            &"Indiquer le motif du rejet de l'offre anormalement basse « Basse Bis » (art. R2152-4)".to_string()
        ));
        rejected.ground = Some(jauge_engine::session::RejectionGround::NotJustified);
        s.decisions.pop();
        s.decisions.push(rejected);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.pending(Lang::Fr).iter().any(|p| p.contains("R2152-4")));
        assert!(
            a.decisions(Lang::Fr).iter().any(|d| d.outcome
                == "offre rejetée comme anormalement basse (art. R2152-4 : les éléments fournis ne justifient pas le bas niveau du prix)")
        );
    }

    #[test]
    fn the_signed_report_holds_no_what_if_and_cites_only_the_law_table() {
        let a = Analysis::new(&sample(), "s", "2026-11-22T10:00:00Z", Annex::AgreedMarksOnly).expect("valid");
        let page = html(&a, Lang::Fr);
        for banned in ["Robustesse", "neutralis", "examinés un à un", "R2184", "L2152-5", " UTC"] {
            assert!(!page.contains(banned), "the signed MAPA report must not say {banned:?}");
        }
        assert!(page.contains("Textes cités"), "the references printed are listed with what they say");
        let internal = internal_html(&a, Lang::Fr);
        assert!(
            internal.contains("Document de travail interne — hors du rapport signé") && internal.contains("Robustesse")
        );
        // Every reference the document prints is an entry of the law table.
        let d = document::document(&a, Lang::Fr);
        assert!(d.blocks.iter().any(|b| matches!(b, jauge_document::Block::Heading(h) if h == "Textes cités")));
    }

    /// A statement of no conflict of interest dated after the opening is a point to check; one
    /// made the day of the opening or before is not.
    #[test]
    fn a_no_conflict_statement_after_the_opening_is_to_be_checked() {
        let late = |s: &Session| -> Vec<String> {
            let a = Analysis::new(s, "s", "", Annex::AgreedMarksOnly).expect("valid");
            a.to_settle()
                .iter()
                .filter(|p| matches!(p, Pending::NoConflictAfterOpening { .. }))
                .map(|p| p.describe(Lang::Fr))
                .collect()
        };
        let mut s = sample();
        assert_eq!(s.procedure.opened, "2026-10-15");
        assert!(late(&s).is_empty(), "the sample's statements are made the day of the opening");
        s.procedure.evaluators[2].declared = "2026-10-16".into();
        assert_eq!(
            late(&s),
            [
                "La déclaration d'absence de conflit d'intérêts de Chloé Diallo est datée du 16/10/2026, après l'ouverture des plis du 15/10/2026 : vérifier que cette personne n'avait pas eu accès aux offres en la faisant et l'indiquer dans la commission d'évaluation (« faite avant tout accès aux offres »), ou corriger la date"
            ]
        );
        // Said made before any access to the offers: settled, and the report says so.
        let mut checked = s.clone();
        checked.procedure.evaluators[2].before_access = true;
        assert!(late(&checked).is_empty());
        let html = crate::html(&Analysis::new(&checked, "s", "", Annex::AgreedMarksOnly).expect("valid"), Lang::Fr);
        assert!(
            html.contains("déclare n&#39;avoir aucun conflit d&#39;intérêts avec les soumissionnaires (16/10/2026, avant tout accès aux offres)"),
            "{html}"
        );
        for e in &mut s.procedure.evaluators {
            e.declared = "2026-10-15".into();
        }
        assert!(late(&s).is_empty());
        s.procedure.opened = "date inconnue".into();
        s.procedure.evaluators[0].declared = "2027-01-01".into();
        assert!(late(&s).is_empty(), "no opening date: nothing to compare");
    }

    /// The proposal says when the winner's identity is to be checked: a SIRET missing or whose
    /// check key fails; nothing when it is valid.
    #[test]
    fn the_award_proposal_says_when_the_winners_siret_is_to_be_checked() {
        let paragraphs = |s: &Session| -> Vec<String> {
            let a = Analysis::new(s, "s", "", Annex::AgreedMarksOnly).expect("valid");
            document::document(&a, Lang::Fr)
                .blocks
                .into_iter()
                .filter_map(|b| match b {
                    jauge_document::Block::Para(p) if p.starts_with("Identité à vérifier") => Some(p),
                    _ => None,
                })
                .collect()
        };
        let mut s = sample();
        let winner = id_of(&s, "offre-eco-portail-express.json");
        let siret = |s: &mut Session, siret: Option<&str>| {
            s.offers.iter_mut().find(|o| o.id == winner).expect("the winner").supplier.siret = siret.map(String::from);
        };
        assert_eq!(
            paragraphs(&s),
            [
                "Identité à vérifier avant la notification : Éco Portail Express, SIRET « 48151623400018 » dont la clé de contrôle est invalide."
            ]
        );
        siret(&mut s, None);
        assert_eq!(
            paragraphs(&s),
            ["Identité à vérifier avant la notification : Éco Portail Express, SIRET non indiqué."]
        );
        siret(&mut s, Some("732 829 320 00074"));
        assert!(paragraphs(&s).is_empty());
    }

    #[test]
    fn a_regularised_offer_shows_both_files_and_is_no_longer_called_irregular() {
        let mut s = sample();
        let full = s.offers.iter().find(|o| o.supplier.name == "Armor Numérique SCOP").expect("Armor").clone();
        let armor = s.offers.iter_mut().find(|o| o.supplier.name == "Armor Numérique SCOP").expect("Armor");
        armor.responses.retain(|k, _| k != "REV-03");
        // Received that way: sealed as read, not an edit after reading.
        armor.seal();
        let source = armor.id.clone();
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.set_aside(Lang::Fr).iter().any(|x| x.supplier == "Armor Numérique SCOP"), "irregular as received");
        let mut sent = full;
        sent.source = "armor-regularisation.xlsx".into();
        sent.sha256 = Some("cd".repeat(32));
        let grid = s.checked_grid("s").expect("grid");
        let r = s.regularise(&grid, &source, &sent, "2026-10-30").expect("accepted");
        let mut d = decision(DecisionKind::Regularisation, source.clone(), Outcome::Accepted);
        // Accepted without the file: nothing is completed, and the report asks for it.
        s.decisions.push(d.clone());
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.pending(Lang::Fr).iter().any(|p| p.starts_with("Joindre le fichier de régularisation")));
        s.decisions.pop();
        d.regularisation = Some(r);
        s.decisions.push(d);
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.set_aside(Lang::Fr).iter().any(|x| x.supplier == "Armor Numérique SCOP"));
        let row = a.received(Lang::Fr).into_iter().find(|r| r.supplier == "Armor Numérique SCOP").expect("received");
        assert!(
            row.status.starts_with("régularisée par le fichier « armor-regularisation.xlsx » reçu le 30/10/2026")
                && row.status.ends_with("classée (rang 3)"),
            "{}",
            row.status
        );
        assert!(!row.status.contains("irrégulière"));
        assert!(
            a.decisions(Lang::Fr)
                .iter()
                .any(|x| x.detail.contains("fichier « armor-regularisation.xlsx » reçu le 30/10/2026"))
        );
    }

    #[test]
    fn fewer_than_three_prices_leave_their_examination_to_record() {
        let mut s = sample();
        s.offers.truncate(2);
        s.decisions.clear();
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(a.pending(Lang::Fr).iter().any(|p| p.starts_with("Consigner l'examen des prix du critère PRIX")));
        assert!(html(&a, Lang::Fr).contains("Examen des prix : à consigner."));
        s.procedure.price_review = "Prix comparés à l'estimation et aux marchés précédents le 20/10/2026.".into();
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        assert!(!a.pending(Lang::Fr).iter().any(|p| p.starts_with("Consigner l'examen des prix")));
    }

    #[test]
    fn missing_statements_pending_decisions_and_partial_regularisation_are_listed() {
        let mut s = sample();
        s.procedure.evaluators[1].no_conflict = false;
        s.procedure.buyer.clear();
        s.decisions.push(decision(DecisionKind::Explanations, id_of(&s, "offre-portail-plus.json"), Outcome::Pending));
        s.decisions.push(decision(
            DecisionKind::Regularisation,
            id_of(&s, "offre-cite-connect.json"),
            Outcome::Accepted,
        ));
        let pending = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid").pending(Lang::Fr);
        assert_eq!(
            pending,
            [
                "Renseigner l'acheteur",
                "Recueillir la déclaration d'absence de conflit d'intérêts : Bruno Le Gall",
                "Inviter aussi l'offre « Nuage Global Ltd » à régulariser, ou consigner pourquoi elle ne peut l'être : l'acheteur qui autorise la régularisation l'offre à tous les soumissionnaires concernés (art. R2152-2)",
                "Joindre le fichier de régularisation reçu (sa date et son empreinte), faute de quoi l'offre est évaluée telle que reçue : « Cité Connect SAS »",
                "Décision en attente : demande de précisions (offre paraissant anormalement basse) (Portail Plus)",
            ]
        );
    }

    #[test]
    fn what_to_decide_is_the_decisions_share_of_what_remains_to_settle() {
        let s = sample();
        let nuage = id_of(&s, "offre-nuage-global.json");
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        // The sample's irregular offer fails three requirements with answers it gave (« Non »,
        // « 98,5 % », « Non ») and one unanswered (« N/A »): no regularisation can cure it.
        assert_eq!(a.to_decide(), []);
        // With only the unanswered requirement left, it may be invited to regularise that one.
        let mut only_missing = s.clone();
        for o in only_missing.offers.iter_mut().filter(|o| o.id == nuage) {
            for (c, answer) in [("REV-01", "Oui"), ("SUP-01", "99,5 %"), ("SUP-04", "Oui")] {
                o.responses.get_mut(c).expect("answered").raw = Some(jauge_engine::Raw::Text(answer.into()));
            }
        }
        let a = Analysis::new(&only_missing, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let may = Pending::MayRegularise {
            offer: nuage.clone(),
            supplier: Bidder { name: "Nuage Global Ltd".into(), variant: None },
            missing: vec!["REV-03".into()],
        };
        assert_eq!(a.to_decide(), std::slice::from_ref(&may));
        assert_eq!(
            may.describe(Lang::Fr),
            "Offre « Nuage Global Ltd » irrégulière faute de réponse lisible à REV-03 : l'acheteur peut inviter tous les soumissionnaires concernés à régulariser, sans modifier les réponses données (art. R2152-2)"
        );
        assert!(
            a.to_settle().iter().all(|p| !matches!(p, Pending::MayRegularise { .. })),
            "a choice, not a point to settle"
        );
        // Once one bidder is invited, every other irregular offer must be: a point to settle.
        let mut s = s;
        s.decisions.push(decision(
            DecisionKind::Regularisation,
            id_of(&s, "offre-cite-connect.json"),
            Outcome::Pending,
        ));
        let a = Analysis::new(&s, "s", "", Annex::AgreedMarksOnly).expect("valid");
        let decide = a.to_decide();
        assert!(decide.contains(&Pending::InviteRegularisation {
            offer: nuage,
            supplier: Bidder { name: "Nuage Global Ltd".into(), variant: None }
        }));
        assert!(decide.iter().all(|p| p.is_decision() && a.to_settle().contains(p)));
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        assert_eq!(display_date("2026-11-20", Lang::Fr), "20/11/2026");
        assert_eq!(display_date("2026-11-22T09:05:00Z", Lang::Fr), "22/11/2026 à 10:05 (heure de Paris)");
        assert_eq!(display_date("2026-11-22T09:05:00.123Z", Lang::En), "22/11/2026, 10:05 Paris time");
        // Summer time, and the day changes.
        assert_eq!(display_date("2026-07-01T23:30:00Z", Lang::Fr), "02/07/2026 à 01:30 (heure de Paris)");
        assert_eq!(display_date("2026-12-31T23:00:00Z", Lang::En), "01/01/2027, 00:00 Paris time");
        // The changes of 2026: last Sundays of March (29) and October (25), at 01:00 UTC.
        assert_eq!(display_date("2026-03-29T00:59:00Z", Lang::En), "29/03/2026, 01:59 Paris time");
        assert_eq!(display_date("2026-03-29T01:00:00Z", Lang::En), "29/03/2026, 03:00 Paris time");
        assert_eq!(display_date("2026-10-25T00:59:00Z", Lang::En), "25/10/2026, 02:59 Paris time");
        assert_eq!(display_date("2026-10-25T01:00:00Z", Lang::En), "25/10/2026, 02:00 Paris time");
        assert_eq!(display_date("2028-02-29T12:00:00Z", Lang::Fr), "29/02/2028 à 13:00 (heure de Paris)");
        assert_eq!(display_date("le 3 mars", Lang::Fr), "le 3 mars");
        assert_eq!(display_date("", Lang::Fr), "");
    }
}
