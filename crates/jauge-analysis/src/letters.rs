//! The letters after the evaluation, as [`Document`]s rendered like the report (HTML, docx): one
//! per rejected offer — that it is not retained (never "in answer to your request": the tool
//! cannot know a request was made), why (the requirement unmet, its answer quoted with how it was
//! read, or its marks per family beside the winner's), how its own price schedule was corrected
//! or completed, the winner's name and the reasons for choosing it, the winning offer's
//! characteristics and relative advantages taken from the per-criterion comparison, and for a
//! formalised procedure the date from which the contract may be signed — and a draft for each
//! offer retained, which says what the buyer intends (the contract is concluded by its signature
//! and notification, after the winner's documents are checked). A letter gives the addressee's
//! and the winner's figures only, never another rejected bidder's; a variant is named as one; the
//! date is the buyer's to fill in. Nothing is sent by Jauge, and no letter is produced while a
//! point that could change an outcome is open ([`blocks_letters`]).

mod words;

use jauge_document::{Block, Cell, Column, Document, Table, dashed};
use jauge_engine::finding::Finding;
use jauge_engine::grid::Rule;
use jauge_engine::law::{Law, cite, cite_in};
use jauge_engine::report::{CriterionResult, OfferResult};
use jauge_engine::schedule::Comparison;
use jauge_engine::session::{DecisionKind, ProcedureKind};
use jauge_engine::text::{colon, listed, number, of, points};
use jauge_engine::value::Date;
use jauge_engine::{Lang, OfferId, Status};

use crate::{Analysis, Pending, decision_sentence, display_date};
use words::{answer, quote, sentence};

/// What a letter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterKind {
    /// To a bidder whose offer was ranked but not chosen.
    Ranked,
    /// To a bidder whose offer was set aside (a requirement unmet, or a decision).
    SetAside,
    /// The draft for an offer retained (the winner, or a framework agreement's holder).
    Notification,
}

/// One letter.
#[derive(Clone, Debug, PartialEq)]
pub struct Letter {
    /// The offer it answers.
    pub offer: OfferId,
    /// The bidder.
    pub supplier: String,
    /// What it is.
    pub kind: LetterKind,
    /// A file name for it, without extension (`courrier-2-armor-numerique-scop`).
    pub name: String,
    /// The letter.
    pub document: Document,
}

/// The date from which the contract may be signed: `sent` plus 11 days when sent electronically,
/// 16 otherwise (R2182-1); `None` when the date is not a date.
pub fn standstill(sent: &str, electronic: bool) -> Option<Date> {
    let date = Date::parse_iso(sent.trim())?;
    Some(Date::from_days(date.days() + if electronic { 11 } else { 16 }))
}

/// What the record says of the letters' sending, when it gives both its date and its means: whether
/// they are sent electronically, and the date from which the contract may be signed.
pub fn signing(p: &jauge_engine::session::Procedure) -> Option<(bool, Date)> {
    p.letters_electronic.and_then(|e| standstill(&p.letters_sent, e).map(|date| (e, date)))
}

/// A name safe in a file name: lower-case letters and digits, words joined by `-`.
fn slug(s: &str) -> String {
    let slug: String = folded(s).chars().take(40).collect();
    slug.trim_end_matches('-').to_string()
}

/// Lower-case letters and digits, accents folded, words joined by `-`.
fn folded(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = match c {
            'à' | 'â' | 'ä' | 'À' | 'Â' => 'a',
            'é' | 'è' | 'ê' | 'ë' | 'É' | 'È' | 'Ê' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// Legal forms left out of a company's name when looking for it in a text (« Cité Connect » for
/// « Cité Connect SAS »).
const LEGAL_FORMS: &[&str] = &[
    "sas", "sasu", "sarl", "eurl", "sa", "sci", "scop", "scic", "snc", "ltd", "inc", "gmbh", "llc", "plc", "bv", "nv",
    "srl", "spa",
];

/// Whether a text names the company `name` (whole words, accents and case aside, with or without
/// its legal form); `text` is the text [`folded`], between two `-`.
fn names(text: &str, name: &str) -> bool {
    let name = folded(name);
    let short = name.rsplit_once('-').filter(|(_, form)| LEGAL_FORMS.contains(form)).map(|(head, _)| head.to_string());
    [Some(name), short].into_iter().flatten().filter(|n| n.len() >= 3).any(|n| text.contains(&format!("-{n}-")))
}

/// The decisions whose words a letter to `to` quotes that name another bidder than `to` and the
/// offers retained (whose names the letters give): their text is to be reworded first, a bidder
/// is told nothing of another rejected bidder.
fn naming_others(
    a: &Analysis,
    quoted: &[&jauge_engine::session::Decision],
    to: &str,
    retained: &[&OfferResult],
) -> Vec<Pending> {
    let mut out = Vec::new();
    for d in quoted {
        let text = format!("-{}-", folded(&d.detail));
        let others = a
            .all
            .offers
            .iter()
            .map(|o| o.supplier.as_str())
            .filter(|s| *s != to && !retained.iter().any(|r| r.supplier == *s));
        for other in others.collect::<std::collections::BTreeSet<&str>>() {
            if names(&text, other) {
                let about = a.all.offers.iter().find(|o| o.id == d.offer).map(crate::pending::Bidder::of);
                out.push(Pending::DecisionNamesBidder {
                    kind: d.kind,
                    offer: d.offer.clone(),
                    supplier: about.unwrap_or_else(|| crate::pending::Bidder { name: String::new(), variant: None }),
                    named: other.to_string(),
                    to: to.to_string(),
                });
            }
        }
    }
    out
}

/// Every letter of the analysis: one per rejected offer, then a draft for each offer retained;
/// while a point that could change an outcome is open ([`blocks_letters`]), or no winner can be
/// proposed, those points instead.
pub fn letters(a: &Analysis, lang: Lang) -> Result<Vec<Letter>, Vec<Pending>> {
    // A letter states an outcome: none while a point open could still change it.
    let open: Vec<Pending> = a.to_settle().into_iter().filter(blocks_letters).collect();
    if !open.is_empty() {
        return Err(open);
    }
    // A framework agreement: the holders are retained, each gets a draft; the others are
    // compared with the last holder, the offer they would have had to overtake.
    // Whatever keeps a winner from being proposed (marks, decisions, ties, nothing ranked) is
    // among the points returned above.
    let Some(retained) = a.retained() else { return Err(Vec::new()) };
    let Some(&winner) = retained.last() else { return Err(Vec::new()) };
    let is_retained = |o: &OfferResult| retained.iter().any(|r| r.id == o.id);
    let schedules = a.schedules();
    // The decisions a letter quotes must not name another rejected bidder.
    let mut naming = Vec::new();
    for o in a.ranked().into_iter().filter(|o| !is_retained(o) && o.rank == winner.rank) {
        let quoted: Vec<_> =
            a.session.decisions_about(&winner.id).filter(|d| d.kind == DecisionKind::TieBreak).collect();
        naming.extend(naming_others(a, &quoted, &o.supplier, &retained));
    }
    let rejected = a.session.rejected();
    let mut set_aside: Vec<_> =
        a.report.offers.iter().filter(|o| o.status == Status::Irregular).map(|o| o.id.clone()).collect();
    for (o, _) in &rejected {
        if !set_aside.contains(&o.id) {
            set_aside.push(o.id.clone());
        }
    }
    for id in set_aside {
        let Some(o) = a.all.offers.iter().find(|o| o.id == id) else { continue };
        let quoted: Vec<_> = rejected.iter().filter(|(r, _)| r.id == id).map(|(_, d)| *d).collect();
        naming.extend(naming_others(a, &quoted, &o.supplier, &retained));
    }
    if !naming.is_empty() {
        return Err(naming);
    }
    // In a formalised procedure a rejection letter gives the date from which the contract may be
    // signed, which the sending date and means decide: no letter without them.
    let signing = signing(&a.session.procedure);
    let formalised = a.kind() == ProcedureKind::Formalised;
    // The offers set aside, each with its letter: an offer not counted because another offer of
    // the same bidder counts gets none of its own (its bidder's letter is about the one counted).
    let irregular = a.report.offers.iter().filter(|o| o.status == Status::Irregular);
    let rejected = a
        .session
        .rejected()
        .into_iter()
        .filter(|(_, d)| d.kind != DecisionKind::SameBidder)
        .filter_map(|(o, _)| a.all.offers.iter().find(|r| r.id == o.id));
    let aside: Vec<&OfferResult> = irregular.chain(rejected).collect();
    let rejects = a.ranked().into_iter().any(|o| !is_retained(o)) || !aside.is_empty();
    if formalised && signing.is_none() && rejects {
        return Err(vec![Pending::LettersSending]);
    }
    let ctx = Context { a, winner, retained: &retained, schedules: &schedules, signing };
    let mut out = Vec::new();
    let mut n = 0;
    // Named after the bidder as the letter addresses it: a variant's letter says it is the variant's.
    let mut name = |bidder: &str| {
        n += 1;
        format!("{}-{n}-{}", lang.pick("courrier", "letter"), slug(bidder))
    };
    for o in a.ranked().into_iter().filter(|o| !is_retained(o)) {
        out.push(Letter {
            offer: o.id.clone(),
            supplier: o.supplier.clone(),
            kind: LetterKind::Ranked,
            name: name(&o.bidder(lang)),
            document: rejection(&ctx, o, LetterKind::Ranked, lang),
        });
    }
    for o in aside {
        out.push(Letter {
            offer: o.id.clone(),
            supplier: o.supplier.clone(),
            kind: LetterKind::SetAside,
            name: name(&o.bidder(lang)),
            document: rejection(&ctx, o, LetterKind::SetAside, lang),
        });
    }
    for holder in &retained {
        out.push(Letter {
            offer: holder.id.clone(),
            supplier: holder.supplier.clone(),
            kind: LetterKind::Notification,
            name: name(&holder.bidder(lang)),
            document: notification(&ctx, holder, lang),
        });
    }
    Ok(out)
}

/// Whether a point to settle stands in the way of the letters: one that could change who is
/// retained, the reasons a letter gives or what it may say (marks, decisions on explanations,
/// regularisation, same bidder or optional services, ties, offers edited after reading, rounds in
/// a procedure not said to be negotiated, an offer no lot scores, the procedure's kind, which
/// decides what a letter owes). The points owed by the report alone (candidates selected,
/// subcontracting, evaluators' statements, the record's fields, which the letters show as given)
/// do not.
pub fn blocks_letters(p: &Pending) -> bool {
    match p {
        Pending::InLot { item, .. } => blocks_letters(item),
        Pending::ProcedureKind
        | Pending::Marks { .. }
        | Pending::Explanations { .. }
        | Pending::RejectionGround { .. }
        | Pending::InviteRegularisation { .. }
        | Pending::RegularisationFile { .. }
        | Pending::Decision { .. }
        | Pending::DecisionNamesBidder { .. }
        | Pending::EditedAfterReading { .. }
        | Pending::SameBidder { .. }
        | Pending::Unassigned { .. }
        | Pending::RoundsWithoutNegotiation
        | Pending::TieForFirst
        | Pending::TieForHolders { .. }
        | Pending::NothingRanked
        | Pending::OptionalServices { .. }
        | Pending::UnequalVat { .. }
        | Pending::UnreadableDate { .. }
        | Pending::DecisionWithoutOffer { .. }
        | Pending::LettersSending => true,
        _ => false,
    }
}

/// What every letter of one analysis reads.
struct Context<'a> {
    a: &'a Analysis,
    /// The winner, or for a framework agreement the last holder: the offer a rejected one is
    /// compared with.
    winner: &'a OfferResult,
    /// The offers retained.
    retained: &'a [&'a OfferResult],
    /// The price schedules, with each offer's findings.
    schedules: &'a [Comparison],
    /// The letters' means and the date from which the contract may be signed ([`signing`]):
    /// always given when a formalised procedure's rejection letters are written.
    signing: Option<(bool, Date)>,
}

impl Context<'_> {
    /// Whether the grid announces a framework agreement with several holders.
    fn framework(&self) -> bool {
        self.a.grid.grid().framework.is_some()
    }
}

/// The opening of a letter: the record (buyer, lot, addressee, offer, the date to fill in) and the
/// salutation.
fn head(a: &Analysis, title: &str, to: &OfferResult, lang: Lang) -> Document {
    let p = &a.session.procedure;
    let mut d = Document {
        lang,
        title: title.to_string(),
        tender: p.tender.clone(),
        subtitle: dashed([p.tender.as_str(), p.reference.as_str()]),
        footer: dashed([p.buyer.as_str(), to.supplier.as_str()]),
        blocks: Vec::new(),
    };
    let offer =
        jauge_engine::offer::labels_in(&a.session.offers, lang).remove(&to.id).unwrap_or_else(|| to.source.clone());
    let mut record: Vec<(String, Cell)> = vec![
        (lang.pick("Acheteur", "Buyer").into(), Cell::from(p.buyer.clone())),
        (lang.pick("Objet du marché", "Contract").into(), Cell::from(p.tender.clone())),
        (lang.pick("Destinataire", "To").into(), Cell::strong(to.supplier.clone())),
        (lang.pick("Offre", "Offer").into(), Cell::from(offer)),
    ];
    if !p.buyer_address.is_empty() {
        record.insert(1, (lang.pick("Adresse", "Address").into(), Cell::from(p.buyer_address.clone())));
    }
    let lot = match &a.lot {
        Some(l) => words::lot(&l.id, l.title.get(lang)),
        None => p.lot.trim().to_string(),
    };
    if !lot.is_empty() {
        record.insert(2, (lang.pick("Lot", "Lot").into(), Cell::from(lot)));
    }
    if !p.reference.is_empty() {
        record.push((lang.pick("Référence", "Reference").into(), Cell::from(p.reference.clone())));
    }
    // The letter's date is the buyer's: the sending date it recorded, or a field to fill in.
    let date = match p.letters_sent.trim() {
        "" => "[date]".to_string(),
        sent => display_date(sent, lang),
    };
    record.push((lang.pick("Date du courrier", "Date of the letter").into(), Cell::from(date)));
    d.blocks.push(Block::Record(record));
    d.para(lang.pick("Madame, Monsieur,", "Dear Sir or Madam,"));
    d
}

/// The closing formula and the signature.
fn close(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.para(lang.pick(
        "Nous vous prions d'agréer, Madame, Monsieur, l'expression de nos salutations distinguées.",
        "Yours faithfully,",
    ));
    d.blocks.push(Block::Signatures(vec![(
        a.session.procedure.buyer.clone(),
        lang.pick("Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    )]));
}

/// The offer as its letter calls it: « votre offre », or « votre variante « X » ».
fn yours(o: &OfferResult, lang: Lang) -> String {
    match &o.variant {
        Some(v) => format!("{} {}", lang.pick("votre variante", "your variant"), quote(v, lang)),
        None => lang.pick("votre offre", "your offer").to_string(),
    }
}

/// The same with a capital letter, to open a sentence.
fn yours_capital(o: &OfferResult, lang: Lang) -> String {
    let y = yours(o, lang);
    let mut c = y.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

/// The points of an offer in a family.
fn family_points(o: &OfferResult, id: &str) -> f64 {
    o.families.iter().find(|f| f.id == id).map_or(0.0, |f| f.points)
}

fn rejection(ctx: &Context, o: &OfferResult, kind: LetterKind, lang: Lang) -> Document {
    let a = ctx.a;
    let winner = ctx.winner;
    let formalised = a.kind() == ProcedureKind::Formalised;
    let mut d = head(
        a,
        lang.pick("Information sur le rejet de votre offre", "Notice that your offer is not accepted"),
        o,
        lang,
    );
    // The tool cannot know whether the bidder asked: the letter informs, and says what the code
    // owes it in each kind of procedure.
    d.para(format!(
        "{} {} {}",
        lang.pick("Nous vous informons que", "We inform you that"),
        yours(o, lang),
        lang.pick("n'est pas retenue.", "is not accepted."),
    ));
    // What the letter gives, as the code owes it: in a formalised procedure, to every rejected
    // bidder; in an adapted one, to the rejected bidder who asks (given here all the same).
    let regular = kind == LetterKind::Ranked;
    let mut gives: Vec<&str> = vec![lang.pick("les motifs de ce rejet", "the reasons for this rejection")];
    let name = if ctx.framework() {
        lang.pick("le nom des titulaires retenus", "the names of the holders accepted")
    } else {
        lang.pick("le nom de l'attributaire", "the winner's name")
    };
    if formalised || regular {
        gives.push(name);
    }
    if formalised {
        gives.push(lang.pick("les motifs de ce choix", "the reasons for this choice"));
    }
    let relative = lang.pick(
        "les caractéristiques et avantages relatifs de l'offre retenue",
        "the characteristics and relative advantages of the winning offer",
    );
    if regular && !formalised {
        gives.push(relative);
    }
    if formalised {
        gives.push(lang.pick(
            "la date à partir de laquelle le marché peut être signé",
            "the date from which the contract may be signed",
        ));
    }
    let gives = listed(&gives, lang);
    d.para(if formalised {
        // The citation covers what the legal brief says a formalised procedure's letter holds;
        // the winning offer's advantages, given besides, are not attributed to it.
        let besides = if regular {
            format!("{}{relative}", lang.pick(", ainsi que ", ", and also "))
        } else {
            String::new()
        };
        lang.pick(
            format!("Vous trouverez ci-dessous {gives} ({}){besides}.", cite(Law::R2181_1To4)),
            format!("You will find below {gives} ({}){besides}.", cite_in(Law::R2181_1To4, lang)),
        )
    } else {
        lang.pick(
            format!("Vous trouverez ci-dessous, sans attendre votre demande, {gives} : les informations que l'{} prévoit de communiquer au soumissionnaire écarté qui les demande.", cite(Law::R2181_2)),
            format!("You will find below, without waiting for you to ask, {gives}: the information {} provides for a rejected bidder who asks for it.", cite(Law::R2181_2)),
        )
    });
    // Another offer of the same bidder retained (its base offer, for a variant): said, so that
    // the two letters do not read as contradicting each other.
    let sibling = ctx.retained.iter().find(|r| {
        r.id != o.id
            && match (a.session.offer(&r.id), a.session.offer(&o.id)) {
                (Some(x), Some(y)) => jauge_engine::offer::one_bidder(x, y),
                _ => r.supplier == o.supplier,
            }
    });
    if let Some(s) = sibling {
        d.para(match (&o.variant, &s.variant) {
            (Some(_), None) => lang.pick(
                "Votre offre de base est retenue : elle fait l'objet d'un courrier distinct.",
                "Your base offer is accepted: it is the subject of a separate letter.",
            ),
            _ => lang.pick(
                "Une autre de vos offres est retenue : elle fait l'objet d'un courrier distinct.",
                "Another of your offers is accepted: it is the subject of a separate letter.",
            ),
        });
    }
    d.heading(match o.variant {
        Some(_) => lang.pick("Motifs du rejet de votre variante", "Reasons for the rejection of your variant"),
        None => lang.pick("Motifs du rejet de votre offre", "Reasons for the rejection of your offer"),
    });
    match kind {
        LetterKind::SetAside => set_aside(&mut d, a, o),
        _ => ranked(&mut d, a, winner, o),
    }
    price_schedule(&mut d, ctx, o);
    // The winner's name is owed as the opening says: in an adapted procedure, to a regular offer
    // only (the reasons alone for an offer set aside).
    if formalised || regular {
        retained_offers(&mut d, ctx);
    }
    // The characteristics and relative advantages: owed to a regular offer.
    if kind == LetterKind::Ranked {
        advantages(&mut d, ctx, o);
    }
    // A formalised procedure's letters are written only with the sending date and means
    // (`letters`): the date from which the contract may be signed is always given.
    if let (true, Some((electronic, date))) = (formalised, ctx.signing) {
        // A framework agreement is what is signed, not « le marché ».
        let (what, what_en, heading) = match ctx.framework() {
            true => (
                "l'accord-cadre",
                "framework agreement",
                ("Signature de l'accord-cadre", "Signature of the framework agreement"),
            ),
            false => ("le marché", "contract", ("Signature du marché", "Signature of the contract")),
        };
        d.heading(lang.pick(heading.0, heading.1));
        // Both dates in the one form `display_date` gives in either language.
        let sent = display_date(&a.session.procedure.letters_sent, lang);
        let (date, law) = (date.display(Lang::Fr), cite(Law::R2182_1));
        d.para(match electronic {
            true => lang.pick(
                format!("Le présent courrier est envoyé le {sent} ; {what} ne pourra pas être signé avant le {date} (onze jours après un envoi électronique, {law})."),
                format!("This letter is sent on {sent}; the {what_en} will not be signed before {date} (eleven days after sending electronically, {law})."),
            ),
            false => lang.pick(
                format!("Le présent courrier est envoyé le {sent} ; {what} ne pourra pas être signé avant le {date} (seize jours après un envoi par un autre moyen, {law})."),
                format!("This letter is sent on {sent}; the {what_en} will not be signed before {date} (sixteen days after sending by other means, {law})."),
            ),
        });
    }
    close(&mut d, a);
    d
}

/// Why an offer was set aside: each requirement unmet with the answer given (quoted, with how it
/// was read), or the decision.
fn set_aside(d: &mut Document, a: &Analysis, o: &OfferResult) {
    let lang = d.lang;
    let unmet: Vec<Vec<Cell>> = o
        .criteria
        .iter()
        .filter_map(|c| {
            let e = c.eliminatory.as_ref().filter(|e| !e.passed)?;
            let read = c.value_text.as_ref().map(|t| t.get(lang));
            Some(vec![
                Cell::from(criterion_label(a, &c.id, lang)),
                Cell::from(words::curly(e.requirement.get(lang), lang)),
                Cell::from(answer(c.raw.as_deref(), read, lang)),
            ])
        })
        .collect();
    let decisions: Vec<String> = a
        .session
        .rejected()
        .into_iter()
        .filter(|(r, _)| r.id == o.id)
        .map(|(_, dec)| decision_sentence(dec, lang))
        .collect();
    if !unmet.is_empty() {
        d.para(format!(
            "{} {}",
            yours_capital(o, lang),
            lang.pick(
                "est irrégulière : elle ne satisfait pas les exigences minimales suivantes.",
                "is irregular: it does not meet the following minimum requirements.",
            )
        ));
        d.table(Table {
            header: vec![
                Column::text(lang.pick("Critère", "Criterion")),
                Column::text(lang.pick("Exigence minimale", "Minimum requirement")),
                Column::text(lang.pick("Votre réponse", "Your answer")),
            ],
            rows: unmet,
        });
    }
    for s in decisions {
        d.para(s);
    }
}

/// A criterion as a letter names it: its id and label.
fn criterion_label(a: &Analysis, id: &str, lang: Lang) -> String {
    a.grid.grid().criterion(id).map_or_else(|| id.to_string(), |k| format!("{id} {}", k.label.get(lang)))
}

/// The offers retained, as a rejection letter names them: a framework agreement's holders, each
/// with its total, or the winner with its total.
fn retained_offers(d: &mut Document, ctx: &Context) {
    let (a, winner, lang) = (ctx.a, ctx.winner, d.lang);
    if let (Some(framework), Some(Ok(holders))) = (a.grid.grid().framework, a.holders()) {
        d.heading(lang.pick("Offres retenues", "Offers accepted"));
        // Each holder with its total, best first: the reasons for the choice (R2181-3) are each
        // holder's, not the last one's alone.
        let names: Vec<String> =
            holders.iter().map(|h| format!("{} ({})", h.bidder(lang), points(h.total, lang))).collect();
        let most = jauge_engine::text::count(
            framework.holders as usize,
            ("titulaire", "titulaires"),
            ("holder", "holders"),
            lang,
        );
        let (last, total, scale) =
            (winner.bidder(lang), number(winner.total, 2, lang), points(a.grid.grid().scale, lang));
        d.blocks.push(Block::Winner(
            format!("{}{}{}", lang.pick("Titulaires de l'accord-cadre", "Holders of the framework agreement"), colon(lang), names.join(", ")),
            lang.pick(
                format!("Accord-cadre à {most} au plus : sont retenues les offres régulières les mieux classées au regard des critères annoncés ; la dernière retenue, celle {}, totalise {total} sur {scale}.", of(&last, lang)),
                format!("Framework agreement with at most {most}: the regular offers best ranked on the announced criteria are accepted; the last one accepted, {last}'s, totals {total} out of {scale}."),
            ),
        ));
    } else {
        d.heading(lang.pick("Offre retenue", "Winning offer"));
        d.blocks.push(Block::Winner(
            format!("{}{}{}", lang.pick("Attributaire", "Winner"), colon(lang), winner.bidder(lang)),
            lang.pick(
                format!(
                    "Offre économiquement la plus avantageuse au regard des critères annoncés : {} sur {}. Ses réponses satisfont toutes les exigences minimales de la grille.",
                    number(winner.total, 2, lang),
                    points(a.grid.grid().scale, lang)
                ),
                format!(
                    "Most economically advantageous offer on the announced criteria: {} out of {}. Its answers meet every minimum requirement of the grid.",
                    number(winner.total, 2, lang),
                    points(a.grid.grid().scale, lang)
                ),
            ),
        ));
    }
}

/// A rank as an ordinal: `1er`, `2e` in French, `1st`, `2nd`, `11th` in English.
fn ordinal(rank: u32, lang: Lang) -> String {
    let en = match (rank % 10, rank % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    lang.pick(format!("{rank}{}", if rank == 1 { "er" } else { "e" }), format!("{rank}{en}"))
}

/// A ranked offer's marks per family and total beside the winner's, and its rank.
fn ranked(d: &mut Document, a: &Analysis, winner: &OfferResult, o: &OfferResult) {
    let lang = d.lang;
    let scale = a.grid.grid().scale;
    let (of, place) = (a.ranked().len(), o.rank.map_or_else(String::new, |r| ordinal(r, lang)));
    d.para(format!(
        "{} {}{}",
        yours_capital(o, lang),
        lang.pick(format!("est classée au {place} rang sur {of}"), format!("is ranked {place} of {of}")),
        match a.grid.grid().framework {
            Some(f) => {
                let most = jauge_engine::text::count(f.holders as usize, ("titulaire", "titulaires"), ("holder", "holders"), lang);
                lang.pick(
                    format!(" : l'accord-cadre compte au plus {most}, retenus parmi les offres régulières les mieux classées ; elle est comparée ci-dessous à la dernière retenue."),
                    format!(": the framework agreement has at most {most}, chosen among the best-ranked regular offers; it is compared below with the last one accepted."),
                )
            }
            None if o.rank == winner.rank => {
                // Tied with the winner: the recorded tie-break decided, and the letter says so.
                let decision = a
                    .session
                    .decisions_about(&winner.id)
                    .filter(|d| d.kind == DecisionKind::TieBreak)
                    .last()
                    .map_or_else(String::new, |d| format!(" {}", sentence(&decision_sentence(d, lang))));
                lang.pick(
                    format!(", à égalité de points avec l'offre retenue : l'égalité a été départagée en faveur de celle-ci.{decision}"),
                    format!(", with the same points as the winning offer: the tie was broken in favour of the latter.{decision}"),
                )
            }
            None => lang
                .pick(
                    " : elle n'est pas l'offre économiquement la plus avantageuse.",
                    ": it is not the most economically advantageous offer.",
                )
                .to_string(),
        }
    ));
    let mut rows: Vec<Vec<Cell>> = winner
        .families
        .iter()
        .map(|f| {
            vec![
                Cell::from(f.label.get(lang).to_string()),
                Cell::number(family_points(o, &f.id), 2, lang),
                Cell::number(f.points, 2, lang),
                Cell::number(f.max, 2, lang),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::strong(lang.pick("Total", "Total")),
        Cell::number(o.total, 2, lang).bold(),
        Cell::number(winner.total, 2, lang).bold(),
        Cell::number(scale, 2, lang),
    ]);
    d.table(Table {
        header: vec![
            Column::text(lang.pick("Famille de critères", "Family of criteria")),
            Column::numeric(yours_capital(o, lang)),
            Column::numeric(lang.pick("Offre retenue", "Winning offer")),
            Column::numeric(lang.pick("Maximum", "Maximum")),
        ],
        rows,
    });
}

/// How the offer's own price schedule was read: each correction or completion the announced
/// rules made (a line total recomputed, a missing price counted at the highest of the others…),
/// and which optional services the compared price includes. Nothing when the grid prices no
/// criterion through a schedule.
fn price_schedule(d: &mut Document, ctx: &Context, o: &OfferResult) {
    let lang = d.lang;
    let mut said: Vec<String> = Vec::new();
    for c in ctx.schedules {
        let Some(mine) = c.offers.iter().find(|s| s.offer == o.id) else { continue };
        said.extend(mine.findings.iter().filter(|f| told(f)).map(|f| sentence(&f.describe(lang))));
        let optional: Vec<&jauge_engine::grid::LineGroup> = ctx
            .a
            .grid
            .grid()
            .criterion(&c.criterion)
            .and_then(|k| k.schedule.as_ref())
            .map(|s| s.groups.iter().filter(|g| g.optional).collect())
            .unwrap_or_default();
        if let (false, Some(kept)) = (optional.is_empty(), &c.kept) {
            let names: Vec<String> = optional
                .iter()
                .filter(|g| kept.iter().any(|k| k.trim().eq_ignore_ascii_case(g.id.trim())))
                .map(|g| quote(g.label.get(lang), lang))
                .collect();
            said.push(if names.is_empty() {
                lang.pick(
                    "Le prix comparé est celui de la solution de base : aucune prestation supplémentaire éventuelle n'est retenue.",
                    "The compared price is that of the base solution: no optional service is kept.",
                )
                .to_string()
            } else {
                lang.pick(
                    format!("Le prix comparé comprend la solution de base et les prestations supplémentaires éventuelles retenues : {}.", names.join(", ")),
                    format!("The compared price includes the base solution and the optional services kept: {}.", names.join(", ")),
                )
            });
        }
    }
    if said.is_empty() {
        return;
    }
    d.heading(lang.pick("Votre prix", "Your price"));
    d.para(lang.pick(
        "Votre bordereau de prix a été lu selon les règles annoncées par les documents de la consultation :",
        "Your price schedule was read under the rules the tender documents announce:",
    ));
    for s in said {
        d.para(s);
    }
}

/// Whether a finding of an offer's schedule is told to its bidder: what was corrected or
/// completed in its own prices. A line far below the others' is a point the buyer examines, not a
/// reason; the decision on optional services is worded once, with their names.
fn told(f: &Finding) -> bool {
    matches!(
        f,
        Finding::ScheduleMissingPrice { .. }
            | Finding::ScheduleCellText { .. }
            | Finding::ScheduleLineSubstituted { .. }
            | Finding::ScheduleLineTotal { .. }
            | Finding::ScheduleTotal { .. }
    )
}

/// Whether a criterion is a price or a cost: a framework holder's amount is not disclosed to
/// other bidders (its points are).
fn priced(a: &Analysis, id: &str) -> bool {
    a.grid.grid().criterion(id).is_some_and(|k| matches!(k.rule, Rule::Price { .. }) || k.schedule.is_some())
}

/// The winning offer's characteristics and relative advantages: each criterion on which it earned
/// more points than this offer, with its answer and both marks. In a framework agreement the
/// holder's price is not given, only its points: the holders are put in competition again.
fn advantages(d: &mut Document, ctx: &Context, o: &OfferResult) {
    let (a, winner, lang) = (ctx.a, ctx.winner, d.lang);
    let shown = |c: &CriterionResult| {
        c.value_text.as_ref().map(|t| t.get(lang).to_string()).or_else(|| c.raw.clone()).unwrap_or_default()
    };
    let mut withheld = false;
    let rows: Vec<Vec<Cell>> = winner
        .criteria
        .iter()
        .filter_map(|w| {
            let mine = o.criteria.iter().find(|c| c.id == w.id)?;
            (w.points > mine.points + 1e-9).then(|| {
                let theirs = if ctx.framework() && priced(a, &w.id) {
                    withheld = true;
                    lang.pick("non communiqué", "not disclosed").to_string()
                } else {
                    shown(w)
                };
                vec![
                    Cell::from(criterion_label(a, &w.id, lang)),
                    Cell::from(theirs),
                    Cell::from(format!("{} / {}", number(w.points, 2, lang), number(w.max, 2, lang))),
                    Cell::from(shown(mine)),
                    Cell::from(format!("{} / {}", number(mine.points, 2, lang), number(mine.max, 2, lang))),
                ]
            })
        })
        .collect();
    d.para(lang.pick(
        "Caractéristiques et avantages relatifs de l'offre retenue : les critères sur lesquels elle a obtenu plus de points que la vôtre.",
        "Characteristics and relative advantages of the winning offer: the criteria on which it earned more points than yours.",
    ));
    if rows.is_empty() {
        d.none();
        return;
    }
    d.table(Table {
        header: vec![
            Column::text(lang.pick("Critère", "Criterion")),
            Column::text(lang.pick("Offre retenue", "Winning offer")),
            Column::text(lang.pick("Points", "Points")),
            Column::text(yours_capital(o, lang)),
            Column::text(lang.pick("Points", "Points")),
        ],
        rows,
    });
    if withheld {
        d.muted(lang.pick(
            "Le prix d'un titulaire de l'accord-cadre n'est pas communiqué : seuls ses points le sont.",
            "A holder's price is not disclosed: only its points are.",
        ));
    }
}

/// The draft for an offer retained: what the buyer intends, never that the contract is concluded
/// (it is by its signature and notification, after the winner's documents are checked).
fn notification(ctx: &Context, winner: &OfferResult, lang: Lang) -> Document {
    let a = ctx.a;
    let mut d = head(
        a,
        lang.pick("Information sur l'offre retenue (projet)", "Notice of the offer accepted (draft)"),
        winner,
        lang,
    );
    let (total, scale) = (number(winner.total, 2, lang), points(a.grid.grid().scale, lang));
    let yours = yours(winner, lang);
    d.para(match a.grid.grid().framework {
        Some(_) => {
            let rank = ordinal(winner.rank.unwrap_or(1), lang);
            lang.pick(
                format!("Nous avons le plaisir de vous informer que {yours} est retenue parmi celles des titulaires de l'accord-cadre : elle est classée au {rank} rang avec {total} sur {scale}."),
                format!("We are pleased to inform you that {yours} is accepted among those of the holders of the framework agreement: it is ranked {rank} with {total} out of {scale}."),
            )
        }
        None => lang.pick(
            format!("Nous avons le plaisir de vous informer que {yours} est retenue : elle est classée première avec {total} sur {scale}."),
            format!("We are pleased to inform you that {yours} is accepted: it is ranked first with {total} out of {scale}."),
        ),
    });
    let what = if ctx.framework() {
        lang.pick("L'accord-cadre", "The framework agreement")
    } else {
        lang.pick("Le marché", "The contract")
    };
    let standstill = if a.kind() == ProcedureKind::Formalised {
        lang.pick(
            format!(
                ", et au terme du délai qui suit l'envoi de la décision aux soumissionnaires écartés ({})",
                cite(Law::R2182_1)
            ),
            format!(
                ", and once the time after the decision is sent to the rejected bidders has passed ({})",
                cite(Law::R2182_1)
            ),
        )
    } else {
        String::new()
    };
    d.para(lang.pick(
        format!("{what} vous sera notifié après la remise et la vérification des pièces que le règlement de la consultation demande à l'attributaire{standstill} : il n'est conclu qu'à sa signature et sa notification."),
        format!("{what} will be notified to you once the documents the rules of the tender ask of the winner are received and checked{standstill}: it is concluded only once signed and notified."),
    ));
    price_schedule(&mut d, ctx, winner);
    d.blocks.push(Block::Notice {
        title: lang.pick("Projet", "Draft").into(),
        items: vec![lang
            .pick(
                "les pièces à produire par l'attributaire, le délai pour les remettre, la date et les modalités de la notification sont à compléter par l'acheteur",
                "the documents the winner must supply, the time to supply them, and the date and means of notification, are for the buyer to complete",
            )
            .into()],
    });
    close(&mut d, a);
    d
}

/// A letter as a print-ready HTML page.
pub fn html(letter: &Letter) -> String {
    crate::html::page(&letter.document)
}

/// A letter as docx bytes.
#[cfg(feature = "docx")]
pub fn docx(letter: &Letter) -> Result<Vec<u8>, String> {
    crate::docx::word(&letter.document)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standstill_is_eleven_days_electronically_sixteen_otherwise() {
        assert_eq!(standstill("2026-11-23", true).map(|d| d.iso()), Some("2026-12-04".into()));
        assert_eq!(standstill("2026-11-23", false).map(|d| d.iso()), Some("2026-12-09".into()));
        assert_eq!(standstill("2026-12-28", true).map(|d| d.iso()), Some("2027-01-08".into()));
        assert_eq!(standstill("23/11/2026", true), None);
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Éco Portail Express"), "eco-portail-express");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(
            slug("Vannes Logiciels — variante « Centre de services partagé »"),
            "vannes-logiciels-variante-centre-de-serv"
        );
        // Cut where a word ends: no dash left at the end.
        assert_eq!(slug("abcdefghij abcdefghij abcdefghij abcdef ghi"), "abcdefghij-abcdefghij-abcdefghij-abcdef");
    }
}
