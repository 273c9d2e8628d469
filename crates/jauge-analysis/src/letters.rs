//! The letters after the evaluation, as [`Document`]s rendered like the report (HTML, docx): one
//! per rejected bidder — why its offer was rejected (the requirement unmet and its answer, or its
//! marks per family beside the winner's), the winner's name and the reasons for choosing it, the
//! winning offer's characteristics and relative advantages taken from the per-criterion
//! comparison, and for a formalised procedure the date from which the contract may be signed —
//! and a notification draft for the winner. For an adapted procedure the letter answers a
//! bidder's request (R2181-2). Nothing is sent by Jauge, and no letter is produced while the
//! analysis is incomplete (the rule of the proposed winner).

use jauge_document::{Block, Cell, Column, Document, Table};
use jauge_engine::law::{Law, cite};
use jauge_engine::report::OfferResult;
use jauge_engine::session::{DecisionKind, ProcedureKind};
use jauge_engine::text::{colon, number, points};
use jauge_engine::value::Date;
use jauge_engine::{Lang, OfferId, Status};

use crate::{Analysis, Pending, decision_sentence, display_date};

/// What a letter is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterKind {
    /// To a bidder whose offer was ranked but not chosen.
    Ranked,
    /// To a bidder whose offer was set aside (a requirement unmet, or a decision).
    SetAside,
    /// The notification draft for the winner.
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

/// A name safe in a file name: lower-case letters and digits, words joined by `-`.
fn slug(s: &str) -> String {
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
    out.trim_matches('-').chars().take(40).collect()
}

/// Every letter of the analysis: one per rejected bidder, then the winner's notification draft;
/// while no winner can be proposed, the points to settle that stand in the way (marks missing,
/// explanations to decide, a tie for first place, nothing ranked) instead.
pub fn letters(a: &Analysis, lang: Lang) -> Result<Vec<Letter>, Vec<Pending>> {
    // A framework agreement: the holders are retained, each gets a notification draft; the others
    // are compared with the last holder, the offer they would have had to overtake.
    let holders: Option<Vec<&OfferResult>> = match a.holders() {
        Some(Ok(h)) if !h.is_empty() => Some(h),
        Some(_) => None,
        None if a.grid.grid().framework.is_some() => None,
        None => a.proposed().map(|w| vec![w]),
    };
    let Some(retained) = holders.filter(|h| !h.is_empty()) else {
        let blocking = |p: &Pending| {
            matches!(
                p,
                Pending::Marks { .. }
                    | Pending::Explanations { .. }
                    | Pending::Decision { .. }
                    | Pending::TieForFirst
                    | Pending::TieForHolders { .. }
                    | Pending::NothingRanked
            )
        };
        return Err(a.to_settle().into_iter().filter(blocking).collect());
    };
    let Some(&winner) = retained.last() else { return Err(Vec::new()) };
    let is_retained = |o: &OfferResult| retained.iter().any(|r| r.id == o.id);
    let mut out = Vec::new();
    let mut n = 0;
    let mut name = |supplier: &str| {
        n += 1;
        format!("{}-{n}-{}", lang.pick("courrier", "letter"), slug(supplier))
    };
    for o in a.ranked().into_iter().filter(|o| !is_retained(o)) {
        out.push(Letter {
            offer: o.id.clone(),
            supplier: o.supplier.clone(),
            kind: LetterKind::Ranked,
            name: name(&o.supplier),
            document: rejection(a, winner, o, LetterKind::Ranked, lang),
        });
    }
    let irregular = a.report.offers.iter().filter(|o| o.status == Status::Irregular);
    // An offer not counted because another offer of the same bidder counts gets no letter of its
    // own: its bidder's letter is about the offer that counts.
    let rejected = a
        .session
        .rejected()
        .into_iter()
        .filter(|(_, d)| d.kind != DecisionKind::SameBidder)
        .filter_map(|(o, _)| a.all.offers.iter().find(|r| r.id == o.id));
    for o in irregular.chain(rejected) {
        out.push(Letter {
            offer: o.id.clone(),
            supplier: o.supplier.clone(),
            kind: LetterKind::SetAside,
            name: name(&o.supplier),
            document: rejection(a, winner, o, LetterKind::SetAside, lang),
        });
    }
    for holder in &retained {
        out.push(Letter {
            offer: holder.id.clone(),
            supplier: holder.supplier.clone(),
            kind: LetterKind::Notification,
            name: name(&holder.supplier),
            document: notification(a, holder, lang),
        });
    }
    Ok(out)
}

fn head(a: &Analysis, title: &str, to: &OfferResult, lang: Lang) -> Document {
    let p = &a.session.procedure;
    let mut d = Document {
        lang,
        title: title.to_string(),
        tender: p.tender.clone(),
        subtitle: if p.reference.is_empty() { p.tender.clone() } else { format!("{} — {}", p.tender, p.reference) },
        footer: format!("{} — {}", p.buyer, to.supplier),
        blocks: Vec::new(),
    };
    let mut record: Vec<(String, Cell)> = vec![
        (lang.pick("Acheteur", "Buyer").into(), Cell::from(p.buyer.clone())),
        (lang.pick("Objet du marché", "Contract").into(), Cell::from(p.tender.clone())),
        (lang.pick("Destinataire", "To").into(), Cell::strong(to.supplier.clone())),
        (lang.pick("Offre", "Offer").into(), Cell::from(to.source.clone())),
    ];
    if !p.buyer_address.is_empty() {
        record.insert(1, (lang.pick("Adresse", "Address").into(), Cell::from(p.buyer_address.clone())));
    }
    if !p.lot.trim().is_empty() {
        record.insert(2, (lang.pick("Lot", "Lot").into(), Cell::from(p.lot.clone())));
    }
    if !p.reference.is_empty() {
        record.push((lang.pick("Référence", "Reference").into(), Cell::from(p.reference.clone())));
    }
    d.blocks.push(Block::Record(record));
    d
}

/// The points of an offer in a family.
fn family_points(o: &OfferResult, id: &str) -> f64 {
    o.families.iter().find(|f| f.id == id).map_or(0.0, |f| f.points)
}

fn rejection(a: &Analysis, winner: &OfferResult, o: &OfferResult, kind: LetterKind, lang: Lang) -> Document {
    let formalised = a.kind() == ProcedureKind::Formalised;
    let title = if formalised {
        lang.pick("Information sur le rejet de votre offre", "Notice of the rejection of your offer")
    } else {
        lang.pick("Motifs du rejet de votre offre", "Reasons for the rejection of your offer")
    };
    let mut d = head(a, title, o, lang);
    d.para(if formalised {
        format!(
            "{} ({}).",
            lang.pick(
                "Nous vous informons que votre offre n'a pas été retenue",
                "We inform you that your offer has not been accepted"
            ),
            cite(Law::R2181_1To4)
        )
    } else {
        format!(
            "{} ({}).",
            lang.pick(
                "En réponse à votre demande, voici les motifs du rejet de votre offre",
                "In answer to your request, here are the reasons your offer was rejected"
            ),
            cite(Law::R2181_2)
        )
    });
    d.heading(lang.pick("Motifs du rejet", "Reasons for the rejection"));
    match kind {
        LetterKind::SetAside => set_aside(&mut d, a, o),
        _ => ranked(&mut d, a, winner, o),
    }
    if let (Some(framework), Some(Ok(holders))) = (a.grid.grid().framework, a.holders()) {
        d.heading(lang.pick("Offres retenues", "Offers accepted"));
        let names: Vec<String> = holders.iter().map(|h| h.bidder(lang)).collect();
        let most = jauge_engine::text::count(
            framework.holders as usize,
            ("titulaire", "titulaires"),
            ("holder", "holders"),
            lang,
        );
        d.blocks.push(Block::Winner(
            format!("{}{}{}", lang.pick("Titulaires de l'accord-cadre", "Holders of the framework agreement"), colon(lang), names.join(", ")),
            lang.pick(
                format!("Accord-cadre à {most} au plus : sont retenues les offres régulières les mieux classées au regard des critères annoncés ; la dernière retenue, celle de {}, totalise {} sur {}.", winner.bidder(lang), number(winner.total, 2, lang), points(a.grid.grid().scale, lang)),
                format!("Framework agreement with at most {most}: the regular offers best ranked on the announced criteria are accepted; the last one accepted, {}'s, totals {} out of {}.", winner.bidder(lang), number(winner.total, 2, lang), points(a.grid.grid().scale, lang)),
            ),
        ));
    } else if let Some(w) = a.winner(lang) {
        d.heading(lang.pick("Offre retenue", "Winning offer"));
        d.blocks.push(Block::Winner(
            format!("{}{}{}", lang.pick("Attributaire", "Winner"), colon(lang), w.supplier),
            w.reasons,
        ));
    }
    // The characteristics and relative advantages: owed to a regular offer.
    let regular = kind == LetterKind::Ranked;
    if regular {
        advantages(&mut d, a, winner, o);
    }
    if formalised {
        d.heading(lang.pick("Signature du marché", "Signature of the contract"));
        let p = &a.session.procedure;
        match p.letters_electronic.and_then(|e| standstill(&p.letters_sent, e).map(|s| (e, s))) {
            Some((electronic, date)) => d.para(format!(
                "{} {} {} {} ({}).",
                lang.pick("Le présent courrier est envoyé le", "This letter is sent on"),
                display_date(&p.letters_sent, lang),
                lang.pick("; le marché ne pourra pas être signé avant le", "; the contract will not be signed before"),
                date.display(Lang::Fr),
                format_args!(
                    "{}, {}",
                    lang.pick(
                        if electronic { "onze jours après un envoi électronique" } else { "seize jours après un envoi par un autre moyen" },
                        if electronic { "eleven days after sending electronically" } else { "sixteen days after sending by other means" }
                    ),
                    cite(Law::R2182_1)
                )
            )),
            None => d.blocks.push(Block::Notice {
                title: lang.pick("À compléter avant l'envoi", "To complete before sending").into(),
                items: vec![lang
                    .pick(
                        "la date d'envoi du courrier et son mode (électronique ou non) : le délai avant signature en dépend",
                        "the date the letter is sent and how (electronically or not): the time before signature depends on it",
                    )
                    .into()],
            }),
        }
    }
    d.blocks.push(Block::Signatures(vec![(
        a.session.procedure.buyer.clone(),
        lang.pick("Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    )]));
    d
}

/// Why an offer was set aside: each requirement unmet with the answer given, or the decision.
fn set_aside(d: &mut Document, a: &Analysis, o: &OfferResult) {
    let lang = d.lang;
    let unmet: Vec<Vec<Cell>> = o
        .criteria
        .iter()
        .filter_map(|c| {
            let e = c.eliminatory.as_ref().filter(|e| !e.passed)?;
            let label = a
                .grid
                .grid()
                .criterion(&c.id)
                .map_or_else(|| c.id.clone(), |k| format!("{} {}", c.id, k.label.get(lang)));
            let answer = c
                .raw
                .clone()
                .or_else(|| c.value_text.as_ref().map(|t| t.get(lang).to_string()))
                .unwrap_or_else(|| lang.pick("pas de réponse", "no answer").to_string());
            Some(vec![Cell::from(label), Cell::from(e.requirement.get(lang).to_string()), Cell::from(answer)])
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
        d.para(lang.pick(
            "Votre offre est irrégulière : elle ne satisfait pas les exigences minimales suivantes.",
            "Your offer is irregular: it does not meet the following minimum requirements.",
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

/// A ranked offer's marks per family and total beside the winner's, and its rank.
fn ranked(d: &mut Document, a: &Analysis, winner: &OfferResult, o: &OfferResult) {
    let lang = d.lang;
    let scale = a.grid.grid().scale;
    d.para(format!(
        "{} {} {} {}{}",
        lang.pick("Votre offre est classée", "Your offer is ranked"),
        o.rank.map_or_else(String::new, |r| r.to_string()),
        lang.pick("sur", "of"),
        a.ranked().len(),
        match a.grid.grid().framework {
            Some(f) => {
                let most = jauge_engine::text::count(f.holders as usize, ("titulaire", "titulaires"), ("holder", "holders"), lang);
                lang.pick(
                    format!(" : l'accord-cadre a au plus {most}, les offres régulières les mieux classées ; votre offre est comparée ci-dessous à la dernière retenue."),
                    format!(": the framework agreement has at most {most}, the best-ranked regular offers; your offer is compared below with the last one accepted."),
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
            Column::numeric(lang.pick("Votre offre", "Your offer")),
            Column::numeric(lang.pick("Offre retenue", "Winning offer")),
            Column::numeric(lang.pick("Maximum", "Maximum")),
        ],
        rows,
    });
}

/// The winning offer's characteristics and relative advantages: each criterion on which it earned
/// more points than this offer, with its answer and both marks.
fn advantages(d: &mut Document, a: &Analysis, winner: &OfferResult, o: &OfferResult) {
    let lang = d.lang;
    let rows: Vec<Vec<Cell>> = winner
        .criteria
        .iter()
        .filter_map(|w| {
            let mine = o.criteria.iter().find(|c| c.id == w.id)?;
            (w.points > mine.points + 1e-9).then(|| {
                let label = a
                    .grid
                    .grid()
                    .criterion(&w.id)
                    .map_or_else(|| w.id.clone(), |k| format!("{} {}", w.id, k.label.get(lang)));
                let shown = |c: &jauge_engine::report::CriterionResult| {
                    c.value_text.as_ref().map(|t| t.get(lang).to_string()).or_else(|| c.raw.clone()).unwrap_or_default()
                };
                vec![
                    Cell::from(label),
                    Cell::from(shown(w)),
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
            Column::text(lang.pick("Votre offre", "Your offer")),
            Column::text(lang.pick("Points", "Points")),
        ],
        rows,
    });
}

/// The notification draft for the winner.
fn notification(a: &Analysis, winner: &OfferResult, lang: Lang) -> Document {
    let mut d = head(a, lang.pick("Projet de notification d'attribution", "Draft notification of award"), winner, lang);
    match a.grid.grid().framework {
        Some(_) => d.para(format!(
            "{} {} {} {} {} {}.",
            lang.pick(
                "Nous avons le plaisir de vous informer que votre offre est retenue : vous êtes titulaire de l'accord-cadre, votre offre étant classée au rang",
                "We are pleased to inform you that your offer is accepted: you are a holder of the framework agreement, your offer being ranked"
            ),
            winner.rank.unwrap_or(1),
            lang.pick("avec", "with"),
            number(winner.total, 2, lang),
            lang.pick("sur", "out of"),
            points(a.grid.grid().scale, lang)
        )),
        None => d.para(format!(
            "{} {} {} {}.",
            lang.pick(
                "Nous avons le plaisir de vous informer que votre offre est retenue : elle est classée première avec",
                "We are pleased to inform you that your offer is accepted: it is ranked first with"
            ),
            number(winner.total, 2, lang),
            lang.pick("sur", "out of"),
            points(a.grid.grid().scale, lang)
        )),
    }
    d.blocks.push(Block::Notice {
        title: lang.pick("Projet", "Draft").into(),
        items: vec![lang
            .pick(
                "les pièces à produire par l'attributaire, la date et les modalités de la notification sont à compléter par l'acheteur",
                "the documents the winner must supply, and the date and means of notification, are for the buyer to complete",
            )
            .into()],
    });
    d.blocks.push(Block::Signatures(vec![(
        a.session.procedure.buyer.clone(),
        lang.pick("Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    )]));
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
    }
}
