//! What remains to settle before the report can be signed, as typed items computed once from an
//! [`Analysis`](crate::Analysis) ([`crate::Analysis::to_settle`]); the report, the app and the CLI
//! word them with [`Pending::describe`].

use jauge_engine::law::{Law, cite, cites};
use jauge_engine::session::DecisionKind;
use jauge_engine::text::{colon, quoted};
use jauge_engine::{Lang, OfferId};

/// A field of the procedure record that must be filled in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    /// The tender's name.
    Tender,
    /// The buyer.
    Buyer,
    /// The procedure type.
    ProcedureType,
    /// The date offers were opened.
    Opened,
}

/// Who makes an offer, as points to settle name it: the supplier, and for a variant its name
/// (worded in the reader's language by [`Bidder::words`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bidder {
    /// The supplier's name.
    pub name: String,
    /// The variant's name, for a variant.
    pub variant: Option<String>,
}

impl Bidder {
    /// The bidder of an offer as the report ranks it.
    pub fn of(o: &jauge_engine::report::OfferResult) -> Bidder {
        Bidder { name: o.supplier.clone(), variant: o.variant.clone() }
    }

    /// The bidder of an offer as read.
    pub fn of_offer(o: &jauge_engine::Offer) -> Bidder {
        Bidder { name: o.supplier.name.clone(), variant: o.variant.clone() }
    }

    /// « Vannes Logiciels — variante « Centre de services partagé » », or the name alone.
    pub fn words(&self, lang: Lang) -> String {
        jauge_engine::report::bidder(&self.name, self.variant.as_deref(), lang)
    }
}

/// One point to settle. Items about an offer carry its identity and its bidder.
#[derive(Clone, Debug, PartialEq)]
pub enum Pending {
    /// A field of the record is empty.
    FillIn(Field),
    /// The procedure type does not say whether it is adapted or formalised.
    ProcedureKind,
    /// Why the contract is not divided into lots is not given (`formalised`: the report owes it).
    NoLots {
        /// The procedure is formalised.
        formalised: bool,
    },
    /// The candidates selected and why (formalised procedures).
    CandidatesSelected,
    /// Why offers were negotiated (formalised procedures).
    NegotiationReasons,
    /// The contract's environmental execution conditions.
    EnvironmentalConditions,
    /// The share the winner intends to subcontract (formalised procedures).
    Subcontracting,
    /// No evaluator is named.
    Evaluators,
    /// An evaluator's statement of no conflict of interest is missing.
    NoConflict {
        /// The evaluator.
        evaluator: String,
    },
    /// An evaluator's statement of no conflict of interest is dated after the offers were opened:
    /// whether they saw the offers before stating it is to be checked (or the date corrected).
    NoConflictAfterOpening {
        /// The evaluator.
        evaluator: String,
        /// The statement's date (`YYYY-MM-DD`).
        declared: String,
        /// The opening's date (`YYYY-MM-DD`).
        opened: String,
    },
    /// Manual criteria of an offer are not marked: no award is proposed meanwhile.
    Marks {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
        /// The criteria whose marks are owed.
        criteria: Vec<String>,
    },
    /// An offer seems abnormally low and no decision on its explanations is recorded.
    Explanations {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// An abnormally low offer was rejected without its ground.
    RejectionGround {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// Fewer than three comparable prices: how they were examined must be recorded.
    PriceReview {
        /// The price criterion.
        criterion: String,
    },
    /// Regularisation was offered to one bidder; this irregular offer must be invited too.
    InviteRegularisation {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// A regularisation was accepted without the file the bidder sent.
    RegularisationFile {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// A recorded decision is still pending.
    Decision {
        /// What it is about.
        kind: DecisionKind,
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// A decision recorded about an offer the session does not hold (removed since, or a record
    /// written by hand naming another tender's offer): never related as if it were this one's.
    DecisionWithoutOffer {
        /// What it is about.
        kind: DecisionKind,
        /// The identity it gives.
        offer: OfferId,
    },
    /// A decision's text, quoted in a letter to a bidder, names another bidder that letter may not
    /// name: to be reworded before the letters are written.
    DecisionNamesBidder {
        /// What the decision is about.
        kind: DecisionKind,
        /// The offer it is about.
        offer: OfferId,
        /// Its bidder.
        supplier: Bidder,
        /// The other bidder it names.
        named: String,
        /// The bidder the letter is to.
        to: String,
    },
    /// An irregular offer no regularisation decision is about: the buyer may invite every bidder
    /// concerned to regularise (a choice, not a point to settle before signing).
    MayRegularise {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
        /// The criteria left unanswered (or unreadable) that set it aside: all a regularisation may
        /// supply, an answer given never being changed by it.
        missing: Vec<String>,
    },
    /// An offer's content no longer matches the fingerprint recorded when its file was read: the
    /// session was edited after reading, and the file's SHA-256 no longer vouches for the answers.
    EditedAfterReading {
        /// The offer.
        offer: OfferId,
        /// Its bidder (a variant named as one).
        supplier: Bidder,
    },
    /// Several offers from one bidder are counted (a corrected resend, one bid in two files): the
    /// buyer says which one counts, or that each does, by a recorded decision.
    SameBidder {
        /// The offers, in the order received, each with how the app and the report name it.
        offers: Vec<(OfferId, String)>,
        /// The bidder's name (that of its first offer).
        supplier: String,
    },
    /// A point about one lot's offers (a grid with lots judges each lot on its own).
    InLot {
        /// The lot's id.
        lot: String,
        /// The point, in that lot.
        item: Box<Pending>,
    },
    /// An offer no lot scores: it names no lot, or a lot the grid does not have.
    Unassigned {
        /// The offer.
        offer: OfferId,
        /// Its supplier.
        supplier: String,
        /// The lot it names, if any.
        lot: Option<String>,
    },
    /// Offers were received in several rounds but the record does not say the procedure is
    /// negotiated.
    RoundsWithoutNegotiation,
    /// A bidder with an offer in an earlier round sent none in the last one.
    NoOfferInLastRound {
        /// The bidder.
        supplier: String,
        /// The last round.
        round: u32,
    },
    /// Offers tie for first place and no tie-break is recorded.
    TieForFirst,
    /// A framework agreement: offers tie where the tie decides who is a holder (more tied offers
    /// than places left) or, for a cascade, their order; no tie-break settles it.
    TieForHolders {
        /// The most holders announced.
        holders: u32,
        /// Whether the holders are ranked (cascade).
        cascade: bool,
        /// The offers tied, each with its supplier.
        offers: Vec<(OfferId, String)>,
    },
    /// Prices compared excluding taxes while the bidders compared do not state the same VAT
    /// status: excluding taxes, the prices are not what the buyer will pay.
    UnequalVat {
        /// The price criterion.
        criterion: String,
        /// The bidders that state they are not liable to VAT.
        exempt: Vec<Bidder>,
        /// The rates stated, in percent, each with the bidders that state it, in increasing order.
        rates: Vec<(f64, Vec<Bidder>)>,
    },
    /// Prices compared excluding taxes while bidders compared state no VAT status (neither a rate
    /// nor that they are not liable): the prices are what the buyer will pay only if every bidder
    /// is liable at one rate, which is to be checked (LEGAL: a missing TTC is a point to settle).
    VatUnstated {
        /// The price criterion.
        criterion: String,
        /// The bidders that state none.
        unstated: Vec<Bidder>,
    },
    /// The award proposed depends on the working day's length the grid converts answers with:
    /// with another usual length, other offers would be proposed. To check that the length was
    /// announced to the bidders, and to record it (`working_day_review`).
    WorkingDayDecides {
        /// The grid's working day, in hours.
        hours: f64,
        /// The other length, in hours, with which the award differs.
        other: f64,
        /// The answers whose value depends on it: the bidder, the criterion, the answer as written.
        readings: Vec<(Bidder, String, String)>,
        /// The offers proposed with the grid's length (the holders of a framework agreement).
        proposed: Vec<Bidder>,
        /// Those proposed with the other length; `None` when none could be (a tie to settle).
        instead: Option<Vec<Bidder>>,
    },
    /// A formalised procedure's rejection letters give the date from which the contract may be
    /// signed: the date the letters are sent and whether electronically are to be recorded before
    /// they are written (a point of the letters, not of the report).
    LettersSending,
    /// No offer is ranked.
    NothingRanked,
    /// The report is dated before the latest date the session records.
    DatedBefore {
        /// The report's date (`YYYY-MM-DD`).
        report: String,
        /// The latest date recorded (`YYYY-MM-DD`).
        latest: String,
        /// What that date is of.
        what: crate::Recorded,
    },
    /// A date the session records is not a real calendar date.
    UnreadableDate {
        /// The date as recorded.
        value: String,
        /// What it is the date of.
        what: crate::Recorded,
    },
    /// An adapted procedure whose estimate is above the EU threshold, or with no threshold given.
    AboveThreshold(crate::AboveThreshold),
    /// The price schedules have optional services (PSE) and no decision records which are kept:
    /// the base alone is compared meanwhile.
    OptionalServices {
        /// The optional groups: each id and its name in the grid.
        groups: Vec<(String, jauge_engine::Text)>,
    },
}

/// The decision on optional services owed: the grid's schedules have optional groups and the
/// session records no decision on which are kept.
pub(crate) fn optional_services(a: &crate::Analysis) -> Option<Pending> {
    if a.session.optional_services.is_some() {
        return None;
    }
    let groups = optional_groups(a.grid.grid());
    (!groups.is_empty()).then_some(Pending::OptionalServices { groups })
}

/// The optional groups (PSE) of a grid's price schedules, each by its id and its name.
pub fn optional_groups(grid: &jauge_engine::grid::Grid) -> Vec<(String, jauge_engine::Text)> {
    grid.criteria()
        .filter_map(|(_, c)| c.schedule.as_ref())
        .flat_map(|s| s.groups.iter().filter(|g| g.optional).map(|g| (g.id.clone(), g.label.clone())))
        .collect()
}

impl Pending {
    /// The offer the item is about, if any.
    pub fn offer(&self) -> Option<&OfferId> {
        match self {
            Pending::Marks { offer, .. }
            | Pending::Explanations { offer, .. }
            | Pending::RejectionGround { offer, .. }
            | Pending::InviteRegularisation { offer, .. }
            | Pending::RegularisationFile { offer, .. }
            | Pending::MayRegularise { offer, .. }
            | Pending::EditedAfterReading { offer, .. }
            | Pending::Decision { offer, .. }
            | Pending::DecisionNamesBidder { offer, .. }
            | Pending::Unassigned { offer, .. } => Some(offer),
            Pending::InLot { item, .. } => item.offer(),
            Pending::SameBidder { offers, .. } | Pending::TieForHolders { offers, .. } => {
                offers.first().map(|(id, _)| id)
            }
            _ => None,
        }
    }

    /// Whether settling it is a decision to record (section "Décisions" of the app).
    pub fn is_decision(&self) -> bool {
        if let Pending::InLot { item, .. } = self {
            return item.is_decision();
        }
        matches!(
            self,
            Pending::Explanations { .. }
                | Pending::RejectionGround { .. }
                | Pending::InviteRegularisation { .. }
                | Pending::RegularisationFile { .. }
                | Pending::Decision { .. }
                | Pending::DecisionWithoutOffer { .. }
                | Pending::MayRegularise { .. }
                | Pending::SameBidder { .. }
                | Pending::Unassigned { .. }
                | Pending::NoOfferInLastRound { .. }
                | Pending::TieForFirst
                | Pending::TieForHolders { .. }
                | Pending::OptionalServices { .. }
        )
    }

    /// The item in words, citing the texts that ask for it.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Pending::FillIn(field) => {
                let (f, e) = match field {
                    Field::Tender => ("l'objet du marché", "the tender's name"),
                    Field::Buyer => ("l'acheteur", "the buyer"),
                    Field::ProcedureType => ("la procédure", "the procedure type"),
                    Field::Opened => ("la date d'ouverture des offres", "the date offers were opened"),
                };
                lang.pick(format!("Renseigner {f}"), format!("Fill in {e}"))
            }
            Pending::ProcedureKind => lang.pick(
                "Indiquer si la procédure est adaptée ou formalisée (le document dû n'est pas le même)".into(),
                "State whether the procedure is adapted or formalised (the document owed differs)".into(),
            ),
            Pending::NoLots { formalised } => {
                let laws: &[Law] = if *formalised { &[Law::L2113_11, Law::R2184_3_2] } else { &[Law::L2113_11] };
                let laws = cites(laws, lang);
                lang.pick(
                    format!(
                        "Motiver l'absence d'allotissement, si les documents de la consultation ne le font pas ({laws})"
                    ),
                    format!("State why the contract is not divided into lots, unless the tender documents do ({laws})"),
                )
            }
            Pending::CandidatesSelected => {
                let law = cite(Law::R2184_2_3);
                lang.pick(
                    format!("Indiquer les candidats retenus et les motifs de ce choix ({law})"),
                    format!("Name the candidates selected and why ({law})"),
                )
            }
            Pending::NegotiationReasons => {
                let law = cite(Law::R2184_3_1);
                lang.pick(
                    format!("Indiquer les motifs du recours à la négociation ({law})"),
                    format!("State why offers were negotiated ({law})"),
                )
            }
            Pending::EnvironmentalConditions => {
                let laws = cites(&[Law::L2112_2, Law::Climate35], lang);
                lang.pick(
                    format!("Indiquer les conditions d'exécution environnementales du marché ({laws})"),
                    format!("State the contract's environmental execution conditions ({laws})"),
                )
            }
            Pending::Subcontracting => {
                let law = cite(Law::R2184_2_5);
                lang.pick(
                    format!(
                        "Indiquer la part du marché que l'attributaire envisage de sous-traiter et les sous-traitants, ou « aucune » ({law})"
                    ),
                    format!(
                        "State the share of the contract the winner intends to subcontract and the subcontractors, or \"none\" ({law})"
                    ),
                )
            }
            Pending::Evaluators => lang.pick("Désigner les évaluateurs".into(), "Name the evaluators".into()),
            Pending::NoConflict { evaluator } => lang.pick(
                format!("Recueillir la déclaration d'absence de conflit d'intérêts : {evaluator}"),
                format!("Obtain {evaluator}'s statement of no conflict of interest"),
            ),
            Pending::NoConflictAfterOpening { evaluator, declared, opened } => {
                let (declared, opened) = (crate::display_date(declared, lang), crate::display_date(opened, lang));
                lang.pick(
                    format!("La déclaration d'absence de conflit d'intérêts de {evaluator} est datée du {declared}, après l'ouverture des plis du {opened} : vérifier que cette personne n'avait pas eu accès aux offres en la faisant et l'indiquer dans la commission d'évaluation (« faite avant tout accès aux offres »), ou corriger la date"),
                    format!("{evaluator}'s statement of no conflict of interest is dated {declared}, after the offers were opened on {opened}: check that this person had no access to the offers when making it and say so in the evaluation committee (\"made before any access to the offers\"), or correct the date"),
                )
            }
            Pending::Marks { supplier, criteria, .. } => {
                let supplier = supplier.words(lang);
                let (fr, en) = match criteria.as_slice() {
                    [one] => (format!("le critère {one}"), format!("criterion {one}")),
                    many => (format!("les critères {}", many.join(", ")), format!("criteria {}", many.join(", "))),
                };
                lang.pick(
                    format!(
                        "Noter {fr} de l'offre « {supplier} » (notes ou appréciations manquantes) : aucune attribution n'est proposée tant qu'elles manquent"
                    ),
                    format!(
                        "Mark {en} of {supplier}'s offer (marks or appraisals missing): no award is proposed while they are missing"
                    ),
                )
            }
            Pending::Explanations { supplier, .. } => {
                let supplier = supplier.words(lang);
                let laws = cites(&[Law::L2152_6, Law::R2152_3], lang);
                lang.pick(
                    format!(
                        "Demander par écrit des précisions sur le prix de l'offre « {supplier} » et enregistrer la décision ({laws})"
                    ),
                    format!("Ask {supplier} in writing to explain their price and record the decision ({laws})"),
                )
            }
            Pending::RejectionGround { supplier, .. } => {
                let supplier = supplier.words(lang);
                let law = cite(Law::R2152_4);
                lang.pick(
                    format!("Indiquer le motif du rejet de l'offre anormalement basse « {supplier} » ({law})"),
                    format!("State the ground for rejecting the abnormally low offer of « {supplier} » ({law})"),
                )
            }
            Pending::PriceReview { criterion } => {
                let law = cite(Law::L2152_6);
                lang.pick(
                    format!(
                        "Consigner l'examen des prix du critère {criterion} : moins de trois prix comparables, aucun seuil de détection n'est calculé ({law})"
                    ),
                    format!(
                        "Record how the prices of criterion {criterion} were examined: fewer than three comparable prices, no detection threshold is computed ({law})"
                    ),
                )
            }
            Pending::InviteRegularisation { supplier, .. } => {
                let supplier = supplier.words(lang);
                let law = cite(Law::R2152_2);
                lang.pick(
                    format!(
                        "Inviter aussi l'offre « {supplier} » à régulariser, ou consigner pourquoi elle ne peut l'être : l'acheteur qui autorise la régularisation l'offre à tous les soumissionnaires concernés ({law})"
                    ),
                    format!(
                        "Also invite {supplier}'s offer to be regularised, or record why it cannot be: a buyer who allows regularisation offers it to every bidder concerned ({law})"
                    ),
                )
            }
            Pending::RegularisationFile { supplier, .. } => {
                let supplier = supplier.words(lang);
                lang.pick(
                    format!(
                        "Joindre le fichier de régularisation reçu (sa date et son empreinte), faute de quoi l'offre est évaluée telle que reçue : « {supplier} »"
                    ),
                    format!(
                        "Attach the regularisation file received (its date and fingerprint), or the offer is evaluated as received: « {supplier} »"
                    ),
                )
            }
            Pending::DecisionNamesBidder { kind, supplier, named, to, .. } => {
                let supplier = supplier.words(lang);
                lang.pick(
                    format!("Reformuler le motif de la décision « {} » ({supplier}) : il cite « {named} », un autre soumissionnaire, et serait communiqué à {to} dans son courrier", kind.label(lang)),
                    format!("Reword the text of the decision \"{}\" ({supplier}): it names \"{named}\", another bidder, and would be sent to {to} in its letter", kind.label(lang)),
                )
            }
            Pending::DecisionWithoutOffer { kind, offer } => {
                let short = offer.as_str().get(..8).unwrap_or(offer.as_str());
                lang.pick(
                    format!("La décision « {} » porte sur une offre absente de la session (identité {short}…) : la retirer, ou ajouter l'offre qu'elle concerne", kind.label(lang)),
                    format!("The decision \"{}\" is about an offer the session does not hold (identity {short}…): remove it, or add the offer it concerns", kind.label(lang)),
                )
            }
            Pending::Decision { kind, supplier, .. } => {
                let supplier = supplier.words(lang);
                let head = lang.pick("Décision en attente", "Decision pending");
                format!("{head}{}{} ({supplier})", colon(lang), kind.label(lang))
            }
            Pending::MayRegularise { supplier, missing, .. } => {
                let supplier = supplier.words(lang);
                let (law, missing) = (cite(Law::R2152_2), jauge_engine::text::listed(missing, lang));
                lang.pick(
                    format!(
                        "Offre « {supplier} » irrégulière faute de réponse lisible à {missing} : l'acheteur peut inviter tous les soumissionnaires concernés à régulariser, sans modifier les réponses données ({law})"
                    ),
                    format!(
                        "{supplier}'s offer is irregular for want of a readable answer to {missing}: the buyer may invite every bidder concerned to regularise, without changing the answers given ({law})"
                    ),
                )
            }
            Pending::EditedAfterReading { supplier, .. } => {
                let supplier = supplier.words(lang);
                lang.pick(
                    format!(
                        "Offre « {supplier} » : contenu modifié après lecture, l'empreinte du fichier ne garantit plus les réponses analysées ; lire de nouveau le fichier reçu"
                    ),
                    format!(
                        "{supplier}'s offer: content edited after reading, the file's fingerprint no longer vouches for the answers analysed; read the file received again"
                    ),
                )
            }
            Pending::SameBidder { offers, supplier } => {
                let files = offers.iter().map(|(_, f)| format!("« {f} »")).collect::<Vec<_>>().join(", ");
                let kind = DecisionKind::SameBidder.label(lang);
                lang.pick(
                    format!(
                        "Plusieurs offres de « {supplier} » ont été reçues ({files}) : indiquer laquelle compte, ou que chacune compte (décision : {kind})"
                    ),
                    format!(
                        "Several offers from {supplier} were received ({files}): say which one counts, or that each does (decision: {kind})"
                    ),
                )
            }
            Pending::UnequalVat { criterion, exempt, rates } => {
                let names = |b: &[Bidder]| {
                    jauge_engine::text::quoted(&b.iter().map(|b| b.words(lang)).collect::<Vec<_>>(), lang)
                };
                let mut stated = Vec::new();
                if !exempt.is_empty() {
                    stated.push(lang.pick(
                        format!("non assujetti à la TVA : {}", names(exempt)),
                        format!("not liable to VAT: {}", names(exempt)),
                    ));
                }
                for (rate, who) in rates {
                    stated.push(format!("{}{}{}", jauge_engine::rules::percent(rate / 100.0, lang), colon(lang), names(who)));
                }
                let stated = stated.join(lang.pick(" ; ", "; "));
                lang.pick(
                    format!("Régler la comparaison des prix du critère {criterion} : ils sont comparés hors taxes alors que les soumissionnaires ne sont pas soumis à la TVA de la même façon ({stated}) ; hors taxes, ils ne sont pas ce que l'acheteur paiera : les comparer toutes taxes comprises, tels que chaque soumissionnaire les présente (hors TVA pour un soumissionnaire non assujetti)"),
                    format!("Settle how the prices of criterion {criterion} are compared: they are compared excluding taxes while the bidders are not liable to VAT alike ({stated}); excluding taxes, they are not what the buyer will pay: compare them including taxes, as each bidder presents them (without VAT for a bidder not liable)"),
                )
            }
            Pending::VatUnstated { criterion, unstated } => {
                let names =
                    jauge_engine::text::quoted(&unstated.iter().map(|b| b.words(lang)).collect::<Vec<_>>(), lang);
                lang.pick(
                    format!("Vérifier le régime de TVA des soumissionnaires dont le prix du critère {criterion} est comparé hors taxes sans taux de TVA ni mention d'exonération ({names}), puis consigner ce qui a été constaté dans le dossier de la procédure (« Vérification du régime de TVA ») : hors taxes, les prix ne sont ce que l'acheteur paiera que si tous les soumissionnaires comparés sont assujettis au même taux"),
                    format!("Check the VAT status of the bidders whose price for criterion {criterion} is compared excluding taxes with neither a VAT rate nor an exemption stated ({names}), then record what was found in the procedure record (\"Check of the VAT status\"): excluding taxes, the prices are what the buyer will pay only if every bidder compared is liable at one rate"),
                )
            }
            Pending::WorkingDayDecides { hours, other, readings, proposed, instead } => {
                let n = |h: &f64| jauge_engine::text::number(*h, 2, lang);
                let readings = readings
                    .iter()
                    .map(|(b, c, raw)| {
                        let (bidder, answer) = (quoted(&[b.words(lang)], lang), quoted(std::slice::from_ref(raw), lang));
                        format!("{bidder}{}{c} {answer}", colon(lang))
                    })
                    .collect::<Vec<_>>()
                    .join(lang.pick(" ; ", "; "));
                let who = |v: &[Bidder]| quoted(&v.iter().map(|b| b.words(lang)).collect::<Vec<_>>(), lang);
                let then = match instead {
                    Some(v) => lang.pick(
                        format!("la proposition d'attribution serait {} au lieu de {}", who(v), who(proposed)),
                        format!("the award proposed would be {} instead of {}", who(v), who(proposed)),
                    ),
                    None => lang.pick(
                        format!("au lieu de {}, des offres ex aequo seraient à départager", who(proposed)),
                        format!("instead of {}, tied offers would have to be told apart", who(proposed)),
                    ),
                };
                lang.pick(
                    format!("Vérifier que la durée du jour ouvré fixée par la grille ({} h) était annoncée aux soumissionnaires, puis consigner ce qui a été constaté dans le dossier de la procédure (« Durée du jour ouvré ») : la proposition d'attribution en dépend. Réponses converties avec cette durée : {readings} ; avec 1 j ouvré = {} h, {then}", n(hours), n(other)),
                    format!("Check that the working day's length the grid sets ({} h) was announced to the bidders, then record what was found in the procedure record (\"Length of the working day\"): the award proposed depends on it. Answers converted with it: {readings}; with 1 working day = {} h, {then}", n(hours), n(other)),
                )
            }
            Pending::LettersSending => {
                let law = cites(&[Law::R2181_1To4, Law::R2182_1], lang);
                lang.pick(
                    format!("Indiquer dans le dossier de la procédure la date d'envoi des courriers et s'ils sont envoyés par voie électronique : en procédure formalisée, chaque courrier de rejet donne la date à partir de laquelle le marché peut être signé, qui en dépend ({law})"),
                    format!("Record in the procedure record the date the letters are sent and whether electronically: in a formalised procedure, each rejection letter gives the date from which the contract may be signed, which depends on them ({law})"),
                )
            }
            Pending::TieForFirst => lang.pick(
                "Enregistrer le départage des offres classées premières ex aequo".into(),
                "Record how the tie for first place was broken".into(),
            ),
            Pending::TieForHolders { holders, cascade, offers } => {
                let names: Vec<String> = offers.iter().map(|(_, s)| s.clone()).collect();
                let names = jauge_engine::text::quoted(&names, lang);
                let most = jauge_engine::text::count(*holders as usize, ("titulaire", "titulaires"), ("holder", "holders"), lang);
                match cascade {
                    false => lang.pick(
                        format!("Enregistrer le départage des offres ex aequo {names} : l'accord-cadre compte au plus {most}, et elles ne peuvent toutes l'être"),
                        format!("Record how the tie between {names} is broken: the framework agreement has at most {most}, and they cannot all be holders"),
                    ),
                    true => lang.pick(
                        format!("Enregistrer le départage des offres ex aequo {names} : les titulaires de l'accord-cadre sont classés (cascade)"),
                        format!("Record how the tie between {names} is broken: the framework agreement's holders are ranked (cascade)"),
                    ),
                }
            }
            Pending::RoundsWithoutNegotiation => lang.pick(
                "Des offres ont été remises en plusieurs tours : indiquer dans le dossier que la procédure comporte une négociation, ou pourquoi plusieurs tours".into(),
                "Offers were received in several rounds: record that the procedure includes negotiation, or why there are several rounds".into(),
            ),
            Pending::NoOfferInLastRound { supplier, round } => lang.pick(
                format!("« {supplier} » n'a pas remis d'offre au tour {round} : indiquer si son offre du tour précédent est maintenue, selon le règlement de la consultation, ou pourquoi elle n'est pas classée (décision : {})", DecisionKind::Maintained.label(lang)),
                format!("\"{supplier}\" sent no offer in round {round}: state whether its offer of the earlier round stands, per the tender rules, or why it is not ranked (decision: {})", DecisionKind::Maintained.label(lang)),
            ),
            Pending::NothingRanked => lang.pick("Aucune offre n'est classée".into(), "No offer is ranked".into()),
            Pending::OptionalServices { groups } => {
                let names: Vec<String> = groups.iter().map(|(_, g)| g.get(lang).to_string()).collect();
                let names = jauge_engine::text::quoted(&names, lang);
                lang.pick(
                    format!("Décider, avant le classement, quelles prestations supplémentaires éventuelles sont retenues ({names}) : seule la solution de base est comparée tant que la décision n'est pas enregistrée"),
                    format!("Decide, before the ranking, which optional services are kept ({names}): the base alone is compared until the decision is recorded"),
                )
            }
            Pending::AboveThreshold(t) => t.describe(lang),
            Pending::DatedBefore { report, latest, what } => {
                let (report, latest, what) =
                    (crate::display_date(report, lang), crate::display_date(latest, lang), what.describe(lang));
                lang.pick(
                    format!("Le rapport est daté du {report}, avant {what} ({latest}) qu'il relate : le dater du jour où il est établi, ou corriger la date enregistrée"),
                    format!("The report is dated {report}, before {what} ({latest}) that it records: date it the day it is written, or correct the date recorded"),
                )
            }
            Pending::UnreadableDate { value, what } => {
                let what = what.describe(lang);
                lang.pick(
                    format!("La date enregistrée pour {what} (« {value} ») n'est pas une date réelle : la corriger (AAAA-MM-JJ)"),
                    format!("The date recorded for {what} (\"{value}\") is not a real date: correct it (YYYY-MM-DD)"),
                )
            }
            Pending::InLot { lot, item } => {
                format!("{}{}{}", lang.pick("Lot ", "Lot "), lot, colon(lang)) + &item.describe(lang)
            }
            Pending::Unassigned { supplier, lot: None, .. } => lang.pick(
                format!("L'offre « {supplier} » n'indique pas de lot : déterminer d'après son acte d'engagement à quel lot elle répond, ou l'écarter en motivant la décision ; les offres sont jugées lot par lot ({}) (décision : {})", cite(Law::L2113_10), DecisionKind::Lot.label(lang)),
                format!("The offer \"{supplier}\" names no lot: determine from its signed commitment which lot it answers, or set it aside with a stated reason; offers are judged lot by lot ({}) (decision: {})", cite(Law::L2113_10), DecisionKind::Lot.label(lang)),
            ),
            Pending::Unassigned { supplier, lot: Some(lot), .. } => lang.pick(
                format!("L'offre « {supplier} » répond au lot « {lot} », que la grille n'a pas : déterminer à quel lot elle répond, ou l'écarter en motivant la décision (décision : {})", DecisionKind::Lot.label(lang)),
                format!("The offer \"{supplier}\" answers lot \"{lot}\", which the grid does not have: determine which lot it answers, or set it aside with a stated reason (decision: {})", DecisionKind::Lot.label(lang)),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use jauge_engine::session::{OptionalServices, Session};

    use super::*;
    use crate::{Analysis, Annex};

    fn analysis(decided: bool) -> Analysis {
        let mut s = Session::new(include_str!("../../../tests/cases/bpu-dqe/grid.json").to_string());
        let offer = include_str!("../../../tests/cases/bpu-dqe/offers/a.json");
        s.offers.push(jauge_engine::Offer::from_json("a.json", offer).expect("offer"));
        if decided {
            s.optional_services =
                Some(OptionalServices { kept: vec![], date: "2026-11-30".into(), ..Default::default() });
        }
        Analysis::new(&s, "session.json", "2026-11-30T10:00:00Z", Annex::AgreedMarksOnly).expect("analysis")
    }

    #[test]
    fn optional_services_undecided_are_a_decision_to_record_until_it_is() {
        let owed: Vec<Pending> =
            analysis(false).to_decide().into_iter().filter(|p| matches!(p, Pending::OptionalServices { .. })).collect();
        let words: Vec<String> = owed.iter().flat_map(|p| [p.describe(Lang::Fr), p.describe(Lang::En)]).collect();
        expect_test::expect![[r#"
            [
                "Décider, avant le classement, quelles prestations supplémentaires éventuelles sont retenues (« PSE 1 : formation sur site », « PSE 2 : application mobile ») : seule la solution de base est comparée tant que la décision n'est pas enregistrée",
                "Decide, before the ranking, which optional services are kept (\"Optional service 1: on-site training\", \"Optional service 2: mobile app\"): the base alone is compared until the decision is recorded",
            ]
        "#]]
        .assert_debug_eq(&words);
        // Keeping none is a decision too.
        assert!(!analysis(true).to_settle().iter().any(|p| matches!(p, Pending::OptionalServices { .. })));
    }

    #[test]
    fn a_recorded_date_that_is_not_a_real_date_is_to_correct_and_never_compared() {
        use jauge_engine::session::{Decision, DecisionKind};
        let mut s = Session::new(include_str!("../../../tests/cases/bpu-dqe/grid.json").to_string());
        let offer =
            jauge_engine::Offer::from_json("a.json", include_str!("../../../tests/cases/bpu-dqe/offers/a.json"))
                .expect("offer");
        s.decisions.push(Decision {
            kind: DecisionKind::Explanations,
            offer: offer.id.clone(),
            date: "2026-13-45".into(),
            ..Default::default()
        });
        s.offers.push(offer);
        // A decision about an offer the session does not hold: never related as this tender's.
        s.decisions.push(Decision {
            kind: DecisionKind::TieBreak,
            offer: jauge_engine::OfferId::of_name("offre-d-un-autre-marche.json"),
            date: "2026-11-02".into(),
            author: "A. Martin".into(),
            ..Default::default()
        });
        s.procedure.opened = "2026-02-30".into();
        s.procedure.award_date = "lundi".into();
        // A real date later than the report's: compared, the impossible ones are not.
        s.optional_services = Some(OptionalServices { kept: vec![], date: "2026-12-02".into(), ..Default::default() });
        let a = Analysis::new(&s, "session.json", "2026-11-30T10:00:00Z", Annex::AgreedMarksOnly).expect("analysis");
        let dates: Vec<String> = a
            .to_settle()
            .iter()
            .filter(|p| matches!(p, Pending::UnreadableDate { .. } | Pending::DatedBefore { .. }))
            .map(|p| p.describe(Lang::Fr))
            .collect();
        expect_test::expect![[r#"
            [
                "La date enregistrée pour l'ouverture des offres (« 2026-02-30 ») n'est pas une date réelle : la corriger (AAAA-MM-JJ)",
                "La date enregistrée pour la décision « demande de précisions (offre paraissant anormalement basse) » (« 2026-13-45 ») n'est pas une date réelle : la corriger (AAAA-MM-JJ)",
                "La date enregistrée pour la décision d'attribution (« lundi ») n'est pas une date réelle : la corriger (AAAA-MM-JJ)",
                "Le rapport est daté du 30/11/2026, avant la décision sur les prestations supplémentaires éventuelles (02/12/2026) qu'il relate : le dater du jour où il est établi, ou corriger la date enregistrée",
            ]
        "#]].assert_debug_eq(&dates);
        assert!(
            a.to_settle()
                .iter()
                .any(|p| matches!(p, Pending::UnreadableDate { .. }) && crate::letters::blocks_letters(p))
        );
        let without: Vec<String> = a
            .to_settle()
            .iter()
            .filter(|p| matches!(p, Pending::DecisionWithoutOffer { .. }))
            .map(|p| p.describe(Lang::Fr))
            .collect();
        expect_test::expect![[r#"
            [
                "La décision « départage d'offres ex aequo » porte sur une offre absente de la session (identité name:f14…) : la retirer, ou ajouter l'offre qu'elle concerne",
            ]
        "#]].assert_debug_eq(&without);
        assert_eq!(a.decisions(Lang::Fr).len(), 1, "the decision about no offer of the session is not related");
    }
}
