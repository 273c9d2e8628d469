//! The report's content as a [`Document`] (headings, paragraphs, tables, signature boxes), built
//! once from an [`Analysis`], one function per section; the HTML page, the Word document and the
//! workbook render the same blocks.

use jauge_document::{Block, Cell, Column, Document, RankingColumn, Table, columns, dashed};
use jauge_engine::Lang;
use jauge_engine::law::{Law, cite};
use jauge_engine::session::DecisionKind;
use jauge_engine::text::{colon, count, number};

use crate::{Analysis, display_date};

/// A figure with two decimals, as text.
fn n(x: f64, lang: Lang) -> String {
    number(x, 2, lang)
}

/// The report's content in `lang`.
pub fn document(a: &Analysis, lang: Lang) -> Document {
    if !a.lots.is_empty() {
        return by_lot(a, lang);
    }
    let mut d = cover(a, lang);
    let sections: [fn(&mut Document, &Analysis); 19] = [
        pending,
        identification,
        committee,
        method,
        budget,
        optional_services,
        received,
        set_aside,
        abnormally_low,
        ranking,
        appraisals,
        decisions,
        award,
        signatures,
        points_per_criterion,
        individual_marks,
        schedule_comparison,
        schedule_per_offer,
        answers_per_offer,
    ];
    for section in sections {
        section(&mut d, a);
    }
    cited(&mut d);
    d
}

/// The report of a tender with lots: the record, the committee and what remains to settle once;
/// then each lot on its own (its method, offers, ranking, decisions and winner: marks are never
/// combined across lots), each heading naming its lot; the offers no lot scores; the signatures;
/// then each lot's annexes.
fn by_lot(a: &Analysis, lang: Lang) -> Document {
    let mut d = cover(a, lang);
    for section in [pending, identification, committee] {
        section(&mut d, a);
    }
    let per_lot: [fn(&mut Document, &Analysis); 10] =
        [method, budget, optional_services, received, set_aside, abnormally_low, ranking, appraisals, decisions, award];
    let annexes: [fn(&mut Document, &Analysis); 5] =
        [points_per_criterion, individual_marks, schedule_comparison, schedule_per_offer, answers_per_offer];
    // A lot's sections, their headings named after it (« Lot 1 · 7. Classement des offres »):
    // under the lot's own heading (`nested`) one level down, its annexes at the level of the others.
    let in_lot = |d: &mut Document, lot: &Analysis, sections: &[fn(&mut Document, &Analysis)], nested: bool| {
        let mut part = Document { blocks: Vec::new(), ..d.clone() };
        for section in sections {
            section(&mut part, lot);
        }
        let name = lot.lot.as_ref().map(|l| format!("{} {} · ", lang.pick("Lot", "Lot"), l.id)).unwrap_or_default();
        d.blocks.extend(part.blocks.into_iter().map(|b| match b {
            Block::Heading(h) if !nested => Block::Heading(format!("{name}{h}")),
            Block::Heading(h) | Block::Subheading(h) => Block::Subheading(format!("{name}{h}")),
            other => other,
        }));
    };
    for lot in &a.lots {
        if let Some(l) = &lot.lot {
            d.heading(format!("{} {}{}{}", lang.pick("Lot", "Lot"), l.id, colon(lang), l.title.get(lang)));
        }
        in_lot(&mut d, lot, &per_lot, lot.lot.is_some());
    }
    unassigned(&mut d, a);
    signatures(&mut d, a);
    for lot in &a.lots {
        in_lot(&mut d, lot, &annexes, false);
    }
    cited(&mut d);
    d
}

/// The offers no lot scores, and why (a tender with lots).
fn unassigned(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    if a.unassigned.is_empty() {
        return;
    }
    d.heading(lang.pick("Offres sans lot identifié", "Offers with no lot identified"));
    d.table(Table {
        header: columns(&[
            (lang.pick("Soumissionnaire", "Bidder"), false),
            (lang.pick("Fichier", "File"), false),
            (lang.pick("Motif", "Reason"), false),
        ]),
        rows: a
            .unassigned
            .iter()
            .map(|u| {
                // The decision on its lot, once recorded (the lots' sections list their own).
                let decided =
                    a.session.decisions_about(&u.id).filter(|d| d.kind == DecisionKind::Lot).last().map(|d| {
                        format!(
                            " ; {} ({} {}, {}){}{}",
                            d.outcome.label(d.kind, lang),
                            lang.pick("décision du", "decision of"),
                            display_date(&d.date, lang),
                            d.author,
                            colon(lang),
                            d.detail
                        )
                    });
                let reason = format!("{}{}", u.reason.get(lang), decided.unwrap_or_default());
                vec![u.supplier.as_str().into(), u.source.as_str().into(), reason.into()]
            })
            .collect(),
    });
}

/// The title, the tender and lot, the footer; no content yet.
fn cover(a: &Analysis, lang: Lang) -> Document {
    let p = &a.session.procedure;
    Document {
        lang,
        title: a.title(lang).into(),
        tender: p.tender.clone(),
        subtitle: dashed([
            p.tender.as_str(),
            &if p.lot.trim().is_empty() {
                String::new()
            } else {
                format!("{} {}", lang.pick("lot", "lot"), p.lot.trim())
            },
        ]),
        footer: dashed([
            if p.reference.trim().is_empty() { p.tender.as_str() } else { p.reference.as_str() },
            &format!("{} {}…", lang.pick("session", "session"), &a.fingerprint[..16]),
        ]),
        blocks: Vec::new(),
    }
}

/// What remains to settle before signature, framed, when anything does.
fn pending(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let items = a.pending(lang);
    if !items.is_empty() {
        d.blocks.push(Block::Notice {
            title: lang
                .pick(
                    "Document provisoire : points en suspens avant signature",
                    "Draft: to be settled before signature",
                )
                .into(),
            items,
        });
    }
}

/// 1. The procedure's record.
fn identification(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("1. {}", lang.pick("Identification", "Identification")));
    d.blocks.push(Block::Record(
        a.record(lang)
            .into_iter()
            .map(|(k, v)| (k.to_string(), if k.contains("SHA-256") { Cell::hash(v) } else { Cell::from(v) }))
            .collect(),
    ));
}

/// 2. The evaluators and their conflict-of-interest statements.
fn committee(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("2. {}", lang.pick("Commission d'évaluation", "Evaluation committee")));
    let rows = a
        .session
        .procedure
        .evaluators
        .iter()
        .map(|e| {
            let statement = if e.no_conflict {
                let access = lang.pick("avant tout accès aux offres", "before any access to the offers");
                let date = match (e.declared.is_empty(), e.before_access) {
                    (true, false) => String::new(),
                    (true, true) => format!(" ({access})"),
                    (false, false) => format!(" ({})", display_date(&e.declared, lang)),
                    (false, true) => format!(" ({}, {access})", display_date(&e.declared, lang)),
                };
                format!(
                    "{}{date}",
                    lang.pick(
                        "déclare n'avoir aucun conflit d'intérêts avec les soumissionnaires",
                        "states no conflict of interest with the bidders"
                    )
                )
            } else {
                lang.pick("déclaration non recueillie", "statement not obtained").to_string()
            };
            vec![e.name.as_str().into(), e.role.as_str().into(), statement.into()]
        })
        .collect();
    d.table(Table {
        header: columns(&[
            (lang.pick("Nom", "Name"), false),
            (lang.pick("Rôle", "Role"), false),
            (lang.pick("Conflit d'intérêts", "Conflict of interest"), false),
        ]),
        rows,
    });
}

/// 3. The method: how the offers were scored, and each criterion's weight and rule.
fn method(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("3. {}", lang.pick("Méthode d'analyse", "Method")));
    for t in a.method_text(lang) {
        d.para(t);
    }
    // How the buyer checked the working day's length was announced, when it says (a point to
    // settle asks for it when the award depends on that length).
    let review = a.session.procedure.working_day_review.trim();
    if !review.is_empty() && a.grid.grid().working_time_criteria().next().is_some() {
        d.para(lang.pick(
            format!("Annonce de la durée du jour ouvré : {}", sentence(review)),
            format!("How the working day's length was announced: {}", sentence(review)),
        ));
    }
    for t in schedule_method(a, lang) {
        d.para(t);
    }
    let rows = a
        .method(lang)
        .into_iter()
        .map(|m| {
            let weight = if m.published {
                Cell::number(m.weight, 2, lang)
            } else {
                format!("{}{}", n(m.weight, lang), lang.pick(" (non publié)", " (not published)")).into()
            };
            vec![
                m.family.into(),
                format!("{} {}", m.id, m.label).into(),
                weight,
                m.rule.into(),
                m.requirement.unwrap_or_else(|| "—".into()).into(),
            ]
        })
        .collect();
    d.table(Table {
        header: columns(&[
            (lang.pick("Famille", "Family"), false),
            (lang.pick("Critère", "Criterion"), false),
            (lang.pick("Poids", "Weight"), true),
            (lang.pick("Règle de notation", "Scoring rule"), false),
            (lang.pick("Exigence minimale", "Minimum requirement"), false),
        ]),
        rows,
    });
}

/// The rules each price schedule announces, as the method owes them: the comparison through the
/// quantity estimate, the lines whose quantity was kept from bidders with the quantity applied,
/// which figure prevails when a line total does not add up, what a missing unit price makes of an
/// offer, and when a line is a point to examine.
fn schedule_method(a: &Analysis, lang: Lang) -> Vec<String> {
    let schedules = a.schedules();
    a.grid
        .grid()
        .criteria()
        .filter_map(|(_, c)| c.schedule.as_ref().map(|s| (c, s)))
        .map(|(c, s)| {
            let hidden: Vec<String> = s
                .lines
                .iter()
                .filter(|l| l.quantity.is_none())
                .map(|l| {
                    let applied = schedules
                        .iter()
                        .filter(|x| x.criterion == c.id)
                        .flat_map(|x| &x.lines)
                        .find(|x| x.line == l.id)
                        .map(|x| number(x.quantity, 2, lang));
                    let line = designation(a, &c.id, &l.id, lang);
                    match applied {
                        Some(q) => format!("{line} ({} {q})", lang.pick("quantité", "quantity")),
                        None => line,
                    }
                })
                .collect();
            let prevails = s.prevails.announced(lang);
            let missing = s.missing.announced(lang);
            let low = number(s.low_line * 100.0, 0, lang);
            let mut t = lang.pick(
                format!(
                    "Critère {} : le prix comparé est celui du détail quantitatif estimatif, somme des quantités × prix unitaires des lignes comptées. Comme la grille l'annonce, un montant de ligne différent du prix unitaire × la quantité : {prevails} ; un prix unitaire absent : {missing}. Une ligne dont le prix unitaire est inférieur à {low} % de la médiane des autres offres est un point à examiner, jamais un motif de rejet.",
                    c.id
                ),
                format!(
                    "Criterion {}: the compared price is the quantity estimate's, the sum of quantity × unit price over the lines counted. As the grid announces, a line total that differs from unit price × quantity: {prevails}; a missing unit price: {missing}. A line whose unit price is below {low}% of the other offers' median is a point to examine, never a reason to reject.",
                    c.id
                ),
            );
            if !hidden.is_empty() {
                t += &lang.pick(
                    format!(
                        " Quantités fixées par l'acheteur et non communiquées aux soumissionnaires, appliquées de la même façon à toutes les offres : {}.",
                        hidden.join(" ; ")
                    ),
                    format!(
                        " Quantities set by the buyer and not disclosed to bidders, applied alike to every offer: {}.",
                        hidden.join("; ")
                    ),
                );
            }
            t
        })
        .collect()
}

/// The bidder column's heading, as every table words it.
fn bidder(lang: Lang) -> (&'static str, bool) {
    (jauge_document::bidder(lang), false)
}

/// 4. Every offer received, its file and fingerprint, and what became of it.
fn received(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("4. {}", lang.pick("Offres reçues", "Offers received")));
    let rows = a
        .received(lang)
        .into_iter()
        .map(|r| {
            vec![
                r.supplier.into(),
                r.siret.unwrap_or_else(|| "—".into()).into(),
                r.source.into(),
                r.sha256.map_or_else(|| Cell::from("—"), Cell::hash),
                r.status.into(),
            ]
        })
        .collect();
    d.table(Table {
        header: columns(&[
            bidder(lang),
            ("SIRET", false),
            (lang.pick("Fichier", "File"), false),
            (lang.pick("Empreinte SHA-256 du fichier", "File SHA-256 fingerprint"), false),
            (lang.pick("Suite donnée", "Outcome"), false),
        ]),
        rows,
    });
    d.para(a.verification().describe(lang));
    rounds(d, a);
}

/// For a procedure in several rounds: each earlier round's offers, files and totals, for the
/// committee's information; only the last round is ranked. A bidder irregular in an earlier round
/// and regular in the last is named, the negotiation having made its offer regular.
fn rounds(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    if a.rounds.is_empty() {
        return;
    }
    let last = a.session.round_info(a.session.last_round());
    let round_name = |r: &jauge_engine::session::Round| {
        let date = if r.date.is_empty() {
            String::new()
        } else {
            format!(", {} {}", lang.pick("reçues le", "received on"), display_date(&r.date, lang))
        };
        format!("{} {} ({}{date})", lang.pick("Tour", "Round"), r.number, r.kind.label(lang))
    };
    d.heading(format!("4 bis. {}", lang.pick("Tours de la procédure", "Rounds of the procedure")));
    d.para(lang.pick(
        format!("La procédure a compté {} tours. Seules les offres du dernier tour — {} — sont classées ; celles des tours précédents sont évaluées selon la même grille, pour l'information de la commission, et ne sont pas classées.", a.rounds.len() + 1, round_name(&last)),
        format!("The procedure had {} rounds. Only the offers of the last round — {} — are ranked; those of earlier rounds are evaluated on the same grid, for the committee's information, and are not ranked.", a.rounds.len() + 1, round_name(&last)),
    ));
    for earlier in &a.rounds {
        d.para(round_name(&earlier.round));
        let rows = earlier
            .report
            .offers
            .iter()
            .map(|o| {
                vec![
                    o.bidder(lang).into(),
                    o.source.as_str().into(),
                    o.sha256.clone().map_or_else(|| Cell::from("—"), Cell::hash),
                    match o.status {
                        jauge_engine::Status::Irregular => {
                            let why: Vec<&str> = o.reasons.iter().map(|r| r.message.get(lang)).collect();
                            format!("{}{}{}", lang.pick("irrégulière", "irregular"), colon(lang), why.join(" ; "))
                        }
                        jauge_engine::Status::Incomplete => lang.pick("notes manquantes", "marks missing").to_string(),
                        jauge_engine::Status::Ranked => lang.pick("régulière", "regular").to_string(),
                    }
                    .into(),
                    match o.status {
                        jauge_engine::Status::Irregular => Cell::from("—"),
                        _ => Cell::number(o.total, 2, lang),
                    },
                ]
            })
            .collect();
        d.table(Table {
            header: columns(&[
                bidder(lang),
                (lang.pick("Fichier", "File"), false),
                (lang.pick("Empreinte SHA-256 du fichier", "File SHA-256 fingerprint"), false),
                (lang.pick("Statut", "Status"), false),
                (lang.pick("Total (information)", "Total (information)"), true),
            ]),
            rows,
        });
    }
    // Irregular earlier, regular now: what negotiation may do.
    let regular_now: Vec<String> = a
        .report
        .offers
        .iter()
        .filter(|o| o.status != jauge_engine::Status::Irregular)
        .filter(|o| {
            let offer = a.session.offer(&o.id);
            a.rounds.iter().any(|r| {
                r.report.offers.iter().any(|e| {
                    e.status == jauge_engine::Status::Irregular
                        && offer.zip(a.round_offer(e)).is_some_and(|(x, y)| jauge_engine::offer::one_bidder(x, y))
                })
            })
        })
        .map(|o| o.bidder(lang))
        .collect();
    // Said only of a negotiated procedure: elsewhere an irregular offer is eliminated.
    if a.session.procedure.negotiated {
        for name in regular_now {
            d.para(lang.pick(
                format!("L'offre de {name}, irrégulière à un tour précédent, est régulière au dernier tour : dans une procédure avec négociation, une offre irrégulière peut devenir régulière à l'issue de la négociation ({}).", cite(Law::R2152_1)),
                format!("{name}'s offer, irregular in an earlier round, is regular in the last round: in a negotiated procedure, an irregular offer may become regular through the negotiation ({}).", cite(Law::R2152_1)),
            ));
        }
    }
}

/// 5. The offers set aside, and why.
fn set_aside(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("5. {}", lang.pick("Offres écartées et motifs", "Offers set aside and why")));
    let rows: Vec<Vec<Cell>> =
        a.set_aside(lang).into_iter().map(|s| vec![s.supplier.into(), s.source.into(), s.reason.into()]).collect();
    // The regular offers not retained, and why: their rank (R2184-2 4° asks for every tenderer
    // whose offer is rejected); said once an award can be proposed, never before.
    let others: Vec<String> = a
        .retained()
        .map(|retained| {
            a.ranked()
                .into_iter()
                .filter(|o| !retained.iter().any(|r| r.id == o.id))
                .map(|o| {
                    let rank = o.rank.map_or_else(String::new, |r| format!(" ({} {r})", lang.pick("rang", "rank")));
                    format!("{}{rank}", jauge_engine::text::quoted(&[o.bidder(lang)], lang))
                })
                .collect()
        })
        .unwrap_or_default();
    if rows.is_empty() && !others.is_empty() {
        d.para(
            lang.pick(
                "Aucune offre n'a été écartée avant le classement.",
                "No offer was set aside before the ranking.",
            ),
        );
    } else {
        d.table(Table {
            header: columns(&[
                bidder(lang),
                (lang.pick("Fichier", "File"), false),
                (lang.pick("Motif", "Reason"), false),
            ]),
            rows,
        });
    }
    if others.is_empty() {
        return;
    }
    let than = match a.grid.grid().framework {
        Some(_) => lang.pick("que les titulaires proposés", "than the proposed holders"),
        None => lang.pick("que l'offre proposée", "than the proposed offer"),
    };
    d.para(lang.pick(
        format!(
            "Offres régulières non retenues, moins bien classées {than} (sections 7 et 10) : {}.",
            others.join(", ")
        ),
        format!("Regular offers not retained, ranked lower {than} (sections 7 and 10): {}.", others.join(", ")),
    ));
}

/// 6. The detection of abnormally low prices, per price criterion, and the offers concerned.
fn abnormally_low(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let n = |x: f64| n(x, lang);
    d.heading(format!("6. {}", lang.pick("Offres paraissant anormalement basses", "Offers that seem abnormally low")));
    // The tool cannot know how the buyer examined the prices: it prints what the record says, or
    // that it is still to be recorded.
    let review = {
        let r = a.session.procedure.price_review.trim();
        if r.is_empty() { lang.pick("à consigner.", "to be recorded.").to_string() } else { r.to_string() }
    };
    for price in &a.all.price {
        let criterion = named(a, &price.criterion, lang);
        let compared =
            count(price.count, ("prix comparé", "prix comparés"), ("price compared", "prices compared"), lang);
        d.para(match (&price.abnormally_low, lang) {
            (Some(t), Lang::Fr) => format!(
                "Critère {criterion} : {compared} ; moyenne {} €, écart type {} € ; seuils de détection : moyenne − écart type {} €, 0,9 × M2 {} € (M2 = {} €, moyenne des prix ne dépassant pas 1,2 fois la moyenne).",
                n(t.mean), n(t.standard_deviation), n(t.mean_minus_sd), n(t.m2_threshold), n(t.m2)
            ),
            (Some(t), Lang::En) => format!(
                "Criterion {criterion}: {compared}; mean €{}, standard deviation €{}; detection thresholds: mean − standard deviation €{}, 0.9 × M2 €{} (M2 = €{}, the mean of the prices at most 1.2 times the mean).",
                n(t.mean), n(t.standard_deviation), n(t.mean_minus_sd), n(t.m2_threshold), n(t.m2)
            ),
            (None, Lang::Fr) => format!(
                "Critère {criterion} : {compared}, moins de trois : pas de seuil de détection calculé. Examen des prix : {review}"
            ),
            (None, Lang::En) => format!(
                "Criterion {criterion}: {compared}, fewer than three: no detection threshold computed. Examination of the prices: {review}"
            ),
        });
    }
    let rows =
        a.abnormally_low(lang).into_iter().map(|l| vec![l.supplier.into(), l.price.into(), l.outcome.into()]).collect();
    d.table(Table {
        header: columns(&[
            bidder(lang),
            (lang.pick("Prix", "Price"), true),
            (lang.pick("Précisions demandées et décision", "Explanations asked and decision"), false),
        ]),
        rows,
    });
    low_lines(d, a);
}

/// Under the abnormally low offers: the schedule lines far below the other offers', each a point
/// to examine (never a reason to reject), so that none is seen only in an annex.
fn low_lines(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let mut found = Vec::new();
    for c in a.schedules() {
        let names = schedule_names(a, &c, lang);
        for (o, name) in c.offers.iter().zip(&names) {
            for f in o.findings.iter().filter(|f| matches!(f, jauge_engine::finding::Finding::ScheduleLowLine { .. })) {
                found.push(format!("{name}{}{}", colon(lang), f.describe(lang)));
            }
        }
    }
    if found.is_empty() {
        return;
    }
    d.para(lang.pick(
        "Lignes de prix très inférieures à celles des autres offres (points à examiner ; une demande de précisions peut porter sur elles) :",
        "Schedule lines far below the other offers' (points to examine; a request for explanations may cover them):",
    ));
    for f in found {
        d.para(format!("– {f}"));
    }
}

/// 7. The ranking of the offers ranked, points per family.
fn ranking(d: &mut Document, a: &Analysis) {
    use RankingColumn::{Bidder, FamiliesShort, Flags, Rank, Total};
    let lang = d.lang;
    d.heading(format!("7. {}", lang.pick("Classement des offres", "Ranking")));
    let table =
        jauge_document::ranking(&a.report, a.ranked(), &[Rank, Bidder, FamiliesShort, Total, Flags], lang, |o| {
            a.flags(o, lang)
        });
    let ranked = !table.rows.is_empty();
    d.table(table);
    if ranked {
        d.muted(jauge_document::legend(&a.report, lang));
        d.muted(lang.pick(
            "Les valeurs sont affichées arrondies au centième ; chaque total est la somme des valeurs exactes, si bien que la somme des valeurs affichées peut en différer d'un centième.",
            "Values are shown rounded to the hundredth; each total is the sum of the exact values, so the sum of the values shown may differ from it by a hundredth.",
        ));
    }
    vat_review(d, a);
    for line in a.provisional(lang) {
        d.para(line);
    }
    d.muted(
        lang.pick("Le détail des points par critère figure en annexe A.", "Points per criterion are given in annex A."),
    );
}

/// A criterion by its label, its id after it as the method table shows both.
fn named(a: &Analysis, id: &str, lang: Lang) -> String {
    a.grid
        .grid()
        .criteria()
        .find(|(_, c)| c.id == id)
        .map_or_else(|| id.to_string(), |(_, c)| format!("« {} » ({})", c.label.get(lang), c.id))
}

/// Under the ranking, for each price compared excluding taxes while bidders state no VAT status:
/// who states none, and how the buyer checked it as the record says, or that it is still to be
/// recorded (the tool cannot know it; the point to settle stays until then).
fn vat_review(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let review = a.session.procedure.vat_review.trim();
    for price in a.all.price.iter().filter(|p| !p.vat_unstated.is_empty()) {
        let names: Vec<String> = price.vat_unstated.iter().map(|o| a.supplier(o).words(lang)).collect();
        let names = jauge_engine::text::quoted(&names, lang);
        let review = match review {
            "" => lang.pick("à consigner.", "to be recorded.").to_string(),
            r => sentence(r),
        };
        d.para(lang.pick(
            format!(
                "Prix du critère {} comparés hors taxes ; ni taux de TVA ni exonération déclarés par {names}. Vérification du régime de TVA : {review}",
                named(a, &price.criterion, lang)
            ),
            format!(
                "Prices of criterion {} compared excluding taxes; neither a VAT rate nor an exemption stated by {names}. Check of the VAT status: {review}",
                named(a, &price.criterion, lang)
            ),
        ));
    }
}

/// 8. The evaluators' appraisals behind the marks.
fn appraisals(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("8. {}", lang.pick("Appréciations des évaluateurs", "Evaluators' appraisals")));
    let rows =
        a.appraisals(lang).into_iter().map(|(s, c, m, t)| vec![s.into(), c.into(), m.into(), t.into()]).collect();
    d.table(Table {
        header: columns(&[
            bidder(lang),
            (lang.pick("Critère", "Criterion"), false),
            (lang.pick("Note", "Mark"), true),
            (lang.pick("Appréciation", "Appraisal"), false),
        ]),
        rows,
    });
}

/// 9. The decisions recorded during the analysis.
fn decisions(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("9. {}", lang.pick("Décisions enregistrées", "Decisions recorded")));
    let rows = a
        .decisions(lang)
        .into_iter()
        .map(|x| {
            vec![x.date.into(), x.kind.into(), x.supplier.into(), x.author.into(), x.detail.into(), x.outcome.into()]
        })
        .collect();
    d.table(Table {
        header: columns(&[
            (lang.pick("Date", "Date"), false),
            (lang.pick("Objet", "About"), false),
            bidder(lang),
            (lang.pick("Auteur", "Author"), false),
            (lang.pick("Détail et motif", "Detail and reason"), false),
            (lang.pick("Issue", "Outcome"), false),
        ]),
        rows,
    });
}

/// 10. The proposed winner and why, or why none can be proposed yet.
fn award(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(format!("10. {}", lang.pick("Proposition d'attribution", "Proposed award")));
    if let Some(framework) = a.grid.grid().framework {
        return holders(d, a, framework);
    }
    match a.winner(lang) {
        Some(w) => {
            d.blocks.push(Block::Winner(
                format!("{} {}", lang.pick("Attributaire proposé :", "Proposed winner:"), w.supplier),
                w.reasons,
            ));
            identity_to_check(d, a, a.proposed().into_iter());
        }
        None => d.para(lang.pick(
            "Aucune offre ne peut encore être proposée : voir les points en suspens.",
            "No offer can be proposed yet: see the points to settle.",
        )),
    }
}

/// Under the proposal, each proposed offer whose bidder's SIRET is missing or fails its check key:
/// the identity to verify before notification, said where the award is, not only in section 4.
fn identity_to_check<'a>(
    d: &mut Document,
    a: &Analysis,
    proposed: impl Iterator<Item = &'a jauge_engine::report::OfferResult>,
) {
    let lang = d.lang;
    for r in proposed {
        let Some(offer) = a.session.offers.iter().find(|o| o.id == r.id) else { continue };
        let problem = match offer.supplier.siret.as_deref().map(str::trim) {
            None | Some("") => lang.pick("SIRET non indiqué".to_string(), "no SIRET given".to_string()),
            Some(s) if !jauge_engine::offer::siret_is_valid(s) => lang.pick(
                format!("SIRET « {s} » dont la clé de contrôle est invalide"),
                format!("SIRET \"{s}\" whose check key is invalid"),
            ),
            Some(_) => continue,
        };
        d.para(lang.pick(
            format!("Identité à vérifier avant la notification : {}, {problem}.", r.bidder(lang)),
            format!("Identity to check before notification: {}, {problem}.", r.bidder(lang)),
        ));
    }
}

/// Section 10 for a framework agreement with several holders: the proposed holders, the
/// best-ranked regular offers up to the number announced, and for a cascade their order.
fn holders(d: &mut Document, a: &Analysis, framework: jauge_engine::grid::Framework) {
    let lang = d.lang;
    let Some(Ok(holders)) = a.holders() else {
        d.para(lang.pick(
            "Aucun titulaire ne peut encore être proposé : voir les points en suspens.",
            "No holder can be proposed yet: see the points to settle.",
        ));
        return;
    };
    let n = framework.holders;
    let scale = a.grid.grid().scale;
    let most = count(n as usize, ("titulaire", "titulaires"), ("holder", "holders"), lang);
    let mut reasons = lang.pick(
        format!("Accord-cadre à {most} au plus, nombre fixé par les documents de la consultation : sont proposées comme titulaires les offres régulières les mieux classées au regard des critères annoncés, de soumissionnaires distincts"),
        format!("Framework agreement with at most {most}, a number set by the tender documents: the regular offers best ranked on the announced criteria, from distinct bidders, are proposed as holders"),
    );
    if holders.len() < n as usize {
        reasons += &lang
            .pick(format!(" ; seules {} sont classées", holders.len()), format!("; only {} are ranked", holders.len()));
    }
    reasons.push('.');
    if framework.cascade {
        reasons += lang.pick(
            " Les titulaires sont classés : les commandes leur sont proposées dans cet ordre, selon les modalités de l'accord-cadre (cascade).",
            " The holders are ranked: orders are offered to them in this order, under the agreement's terms (cascade).",
        );
    }
    d.blocks.push(Block::Winner(
        format!(
            "{} {}",
            lang.pick("Titulaires proposés :", "Proposed holders:"),
            holders.iter().map(|o| o.bidder(lang)).collect::<Vec<_>>().join(", ")
        ),
        reasons,
    ));
    identity_to_check(d, a, holders.iter().copied());
    // The order column only for a cascade: without one, the holders are not ranked among them.
    let total = format!("{} /{}", lang.pick("Total", "Total"), n_int(scale, lang));
    let mut header = vec![
        (lang.pick("Titulaire proposé", "Proposed holder"), false),
        (lang.pick("Rang", "Rank"), true),
        (total.as_str(), true),
    ];
    if framework.cascade {
        header.insert(0, (lang.pick("Ordre", "Order"), true));
    }
    d.table(Table {
        header: columns(&header),
        rows: holders
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let mut row = vec![
                    o.bidder(lang).into(),
                    o.rank.map_or_else(|| "—".into(), |r| Cell::number(f64::from(r), 0, lang)),
                    Cell::number(o.total, 2, lang),
                ];
                if framework.cascade {
                    row.insert(0, Cell::number((i + 1) as f64, 0, lang));
                }
                row
            })
            .collect(),
    });
}

/// A whole number of points, as text.
fn n_int(x: f64, lang: Lang) -> String {
    number(x, 0, lang)
}

/// 11. A signature box per evaluator, and one for the buyer.
fn signatures(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let p = &a.session.procedure;
    d.heading(format!("11. {}", lang.pick("Signatures", "Signatures")));
    let mut signers: Vec<(String, String)> = p.evaluators.iter().map(|e| (e.name.clone(), e.role.clone())).collect();
    if signers.is_empty() {
        signers.push((String::new(), lang.pick("Évaluateur", "Evaluator").into()));
    }
    signers.push((
        p.buyer.clone(),
        lang.pick("Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    ));
    d.blocks.push(Block::Signatures(signers));
}

/// Annex A: every criterion's points, one column per offer.
fn points_per_criterion(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    d.heading(lang.pick("Annexe A. Points par critère", "Annex A. Points per criterion"));
    let shown = &a.report.offers;
    let mut header = columns(&[(lang.pick("Critère", "Criterion"), false), (lang.pick("Poids", "Weight"), true)]);
    header.extend(shown.iter().map(|o| Column::numeric(o.bidder(lang))));
    let rows = if shown.is_empty() {
        Vec::new()
    } else {
        a.grid
            .grid()
            .criteria()
            .map(|(_, c)| {
                let mut row: Vec<Cell> =
                    vec![format!("{} {}", c.id, c.label.get(lang)).into(), Cell::number(c.weight, 2, lang)];
                row.extend(shown.iter().map(|o| {
                    o.criteria
                        .iter()
                        .find(|r| r.id == c.id)
                        .filter(|r| !uncompared(a, o, r))
                        .map_or_else(|| "—".into(), |r| Cell::number(r.points, 2, lang))
                }));
                row
            })
            .collect()
    };
    d.table(Table { header, rows });
}

/// Whether a criterion's points mean nothing for an offer: a price (or cost) of an offer set
/// aside, which is not compared with the others (its 0 is not a mark).
fn uncompared(a: &Analysis, o: &jauge_engine::report::OfferResult, r: &jauge_engine::report::CriterionResult) -> bool {
    o.status == jauge_engine::report::Status::Irregular
        && a.grid.grid().criterion(&r.id).is_some_and(|c| matches!(c.rule, jauge_engine::grid::Rule::Price { .. }))
}

/// Annex E: each offer's answers as the bidder wrote them and where, how each was read, how its
/// points follow from the grid's rule, and the points — what a reader needs to check that no
/// answer was misread. An offer set aside is shown too, its price not compared.
fn answers_per_offer(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let offers = &a.all.offers;
    if offers.is_empty() {
        return;
    }
    d.heading(lang.pick(
        "Annexe E. Réponses lues et notation, offre par offre",
        "Annex E. Answers as read and marks, offer by offer",
    ));
    d.muted(lang.pick(
        "Pour chaque critère : la réponse telle qu'écrite par le soumissionnaire (et la cellule où elle a été lue), la façon dont elle a été lue, le calcul des points selon la règle de la section 3, et les points.",
        "For each criterion: the answer as the bidder wrote it (and the cell it was read from), how it was read, how the points follow from the rule of section 3, and the points.",
    ));
    for (i, o) in offers.iter().enumerate() {
        d.subheading(format!("E.{} {} ({})", i + 1, o.bidder(lang), o.source));
        if o.status == jauge_engine::report::Status::Irregular {
            d.para(lang.pick(
                "Offre écartée (section 5) : ses points sont donnés pour information ; son prix n'est pas comparé aux autres.",
                "Offer set aside (section 5): its points are given for information; its price is not compared with the others.",
            ));
        }
        let rows = o
            .criteria
            .iter()
            .map(|r| {
                let quoted = |raw: &String| jauge_engine::text::quoted(std::slice::from_ref(raw), lang);
                // A price through a schedule is written line by line, not in one answer.
                let scheduled = a.grid.grid().criterion(&r.id).is_some_and(|c| c.schedule.is_some());
                let answer = match (&r.raw, &r.location) {
                    (Some(raw), Some(at)) => format!("{} ({at})", quoted(raw)),
                    (Some(raw), None) => quoted(raw),
                    (None, _) if scheduled => lang
                        .pick("bordereau de prix, ligne par ligne (annexe D)", "price schedule, line by line (annex D)")
                        .to_string(),
                    (None, _) => lang.pick("pas de réponse", "no answer").to_string(),
                };
                let mut read: Vec<String> = r.value_text.iter().map(|t| t.get(lang).to_string()).collect();
                read.extend(r.notes.iter().map(|t| t.get(lang).to_string()));
                read.extend(r.problem.iter().map(|t| t.get(lang).to_string()));
                let read = match (read.is_empty(), r.raw.is_some() && r.value.is_null()) {
                    (false, _) => read.join(lang.pick(" ; ", "; ")),
                    (true, true) => lang.pick("lue comme une absence de réponse", "read as no answer").to_string(),
                    (true, false) => "—".to_string(),
                };
                let points = if uncompared(a, o, r) {
                    lang.pick("non comparé", "not compared").to_string()
                } else {
                    format!("{} / {}", n(r.points, lang), n(r.max, lang))
                };
                vec![
                    r.id.as_str().into(),
                    answer.into(),
                    read.into(),
                    r.explanation.text().get(lang).into(),
                    points.into(),
                ]
            })
            .collect();
        d.table(Table {
            header: columns(&[
                (lang.pick("Critère", "Criterion"), false),
                (lang.pick("Réponse écrite", "Answer as written"), false),
                (lang.pick("Lecture", "Reading"), false),
                (lang.pick("Calcul des points", "How the points follow"), false),
                (lang.pick("Points", "Points"), true),
            ]),
            rows,
        });
    }
}

/// Annex B, when annexed: every evaluator's mark beside the agreed one, and their sessions.
fn individual_marks(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let individual = a.individual();
    if individual.is_empty() {
        return;
    }
    d.heading(lang.pick("Annexe B. Notes de chaque évaluateur", "Annex B. Each evaluator's marks"));
    let mark = |m: &Option<jauge_engine::ManualMark>| {
        m.as_ref().map_or_else(|| "—".into(), |m| Cell::mark(n(m.mark, lang), &m.appraisal))
    };
    let mut header = columns(&[bidder(lang), (lang.pick("Critère", "Criterion"), false)]);
    header.extend(a.session.individual.iter().map(|e| Column::text(e.evaluator.as_str())));
    header.extend(columns(&[(lang.pick("Écart", "Spread"), true), (lang.pick("Note retenue", "Agreed mark"), false)]));
    let rows = individual
        .iter()
        .map(|r| {
            let mut row: Vec<Cell> = vec![r.supplier.as_str().into(), r.criterion.as_str().into()];
            row.extend(r.marks.iter().map(|(_, m)| mark(m)));
            row.push(format!("{}{}", n(r.spread, lang), if r.disagreement { " ⚠" } else { "" }).into());
            row.push(mark(&r.agreed));
            row
        })
        .collect();
    d.table(Table { header, rows });
    let files: Vec<String> = a
        .session
        .individual
        .iter()
        .map(|e| {
            format!(
                "{}{}{} ({} {})",
                e.evaluator,
                colon(lang),
                e.file,
                lang.pick("empreinte", "fingerprint"),
                e.fingerprint
            )
        })
        .collect();
    d.muted(format!("{} {}", lang.pick("Sessions des évaluateurs :", "Evaluators' sessions:"), files.join(" ; ")));
}

/// Under the method: the estimate and the budget announced as a ceiling of each price criterion
/// that has them, and a warning when the estimate is above the EU threshold the grid gives while
/// the procedure is adapted.
fn budget(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let basis = a.grid.grid().price_basis.code();
    for (_, c) in a.grid.grid().criteria() {
        let Some(b) = &c.budget else { continue };
        let mut parts = Vec::new();
        if let Some(e) = b.estimate {
            parts.push(format!("{} {} € HT", lang.pick("estimation", "estimate"), n(e, lang)));
        }
        if let Some(x) = b.ceiling {
            parts.push(format!(
                "{} {} € {basis}",
                lang.pick("budget annoncé comme plafond", "budget announced as a ceiling"),
                n(x, lang)
            ));
        }
        if !parts.is_empty() {
            d.para(format!("{} {}{}{}.", lang.pick("Critère", "Criterion"), c.id, colon(lang), parts.join(" ; ")));
        }
    }
    // A life-cycle cost: the method and the buyer's parameters, as announced (R2152-10).
    for (_, c) in a.grid.grid().criteria() {
        let Some(lc) = &c.life_cycle else { continue };
        use jauge_engine::grid::CostComponent as K;
        let years = n(lc.years, lang);
        let terms: Vec<String> = lc
            .components
            .iter()
            .map(|k| match k {
                K::Energy => format!(
                    "{} × {} € × {years}",
                    jauge_engine::finding::cost_component(*k, lang),
                    number(lc.energy_price.unwrap_or(0.0), 4, lang)
                ),
                K::Maintenance => format!("{} × {years}", jauge_engine::finding::cost_component(*k, lang)),
                _ => jauge_engine::finding::cost_component(*k, lang).to_string(),
            })
            .collect();
        let law = format!("{}, {}", cite(Law::R2152_9), cite(Law::R2152_10));
        d.para(lang.pick(
            format!(
                "Critère {} : coût du cycle de vie ({law}) sur {years} ans = {} ; noté comme un prix.",
                c.id,
                terms.join(" + ")
            ),
            format!(
                "Criterion {}: life-cycle cost ({law}) over {years} years = {}; marked like a price.",
                c.id,
                terms.join(" + ")
            ),
        ));
    }
    for t in a.above_threshold() {
        d.para(format!("⚠ {}.", t.describe(lang)));
    }
}

/// The buyer's decision on the optional services (PSE) of the price schedules, under the method:
/// which are kept (the price compared includes exactly these for every offer), by whom and when,
/// or that it is not recorded (the base alone is then compared).
fn optional_services(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let groups: Vec<&jauge_engine::grid::LineGroup> = a
        .grid
        .grid()
        .criteria()
        .filter_map(|(_, c)| c.schedule.as_ref())
        .flat_map(|s| s.groups.iter().filter(|g| g.optional))
        .collect();
    if groups.is_empty() {
        return;
    }
    let name = |g: &&jauge_engine::grid::LineGroup| jauge_engine::text::quoted(&[g.label.get(lang).to_string()], lang);
    let none = lang.pick("aucune", "none").to_string();
    let list = |v: Vec<String>| if v.is_empty() { none.clone() } else { v.join(", ") };
    match &a.session.optional_services {
        Some(dec) => {
            let kept = list(groups.iter().filter(|g| dec.kept.contains(&g.id)).map(name).collect());
            let left = list(groups.iter().filter(|g| !dec.kept.contains(&g.id)).map(name).collect());
            let (date, author) = (display_date(&dec.date, lang), dec.author.trim());
            let detail = sentence(dec.detail.trim());
            d.para(lang.pick(
                format!(
                    "Prestations supplémentaires éventuelles : décision du {date} ({author}) avant le classement ; retenues : {kept} ; non retenues : {left}. Le prix comparé de chaque offre comprend exactement les prestations retenues.{}",
                    if detail.is_empty() { String::new() } else { format!(" Motif : {detail}") }
                ),
                format!(
                    "Optional services: decision of {date} ({author}) before the ranking; kept: {kept}; not kept: {left}. Every offer's compared price includes exactly the services kept.{}",
                    if detail.is_empty() { String::new() } else { format!(" Reason: {detail}") }
                ),
            ));
        }
        None => d.para(lang.pick(
            format!(
                "Prestations supplémentaires éventuelles ({}) : aucune décision consignée sur celles retenues ; seule la solution de base est comparée. Décision à consigner avant le classement.",
                list(groups.iter().map(name).collect())
            ),
            format!(
                "Optional services ({}): no decision recorded on which are kept; the base alone is compared. Decision to be recorded before the ranking.",
                list(groups.iter().map(name).collect())
            ),
        )),
    }
}

/// Text the buyer typed, ended as a sentence (a full stop added unless it ends with one).
fn sentence(text: &str) -> String {
    match text.chars().last() {
        None => String::new(),
        Some('.' | '!' | '?' | '…') => text.to_string(),
        Some(_) => format!("{text}."),
    }
}

/// The names of the offers of a schedule comparison, in its order.
/// A variant is named as in the ranking (« bidder — variante « X » »).
fn schedule_names(a: &Analysis, c: &jauge_engine::schedule::Comparison, lang: Lang) -> Vec<String> {
    c.offers
        .iter()
        .map(|o| {
            a.report
                .offers
                .iter()
                .find(|r| r.id == o.offer)
                .map_or_else(|| o.offer.short().to_string(), |r| r.bidder(lang))
        })
        .collect()
}

/// A schedule line's designation, by its id.
fn designation(a: &Analysis, criterion: &str, line: &str, lang: Lang) -> String {
    a.grid
        .grid()
        .criterion(criterion)
        .and_then(|c| c.schedule.as_ref())
        .and_then(|s| s.lines.iter().find(|l| l.id == line))
        .map_or_else(|| line.to_string(), |l| format!("{line} {}", l.designation.get(lang)))
}

/// Annex C: the line-by-line comparison of the offers' schedules, for the committee: each line's
/// quantity and each offer's amount, the lowest in bold; lines of optional services not kept are
/// marked; then each offer's total excluding taxes and its compared price.
fn schedule_comparison(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let schedules = a.schedules();
    if schedules.is_empty() {
        return;
    }
    d.heading(lang.pick(
        "Annexe C. Bordereau de prix : comparaison ligne par ligne",
        "Annex C. Price schedule: line-by-line comparison",
    ));
    d.muted(lang.pick(
        "Montant de chaque ligne (quantité × prix unitaire retenu, hors TVA) ; le plus bas de chaque ligne en gras ; médiane des prix unitaires quand au moins trois offres chiffrent la ligne.",
        "Each line's amount (quantity × unit price retained, excluding taxes); each line's lowest in bold; median of the unit prices when at least three offers price the line.",
    ));
    for c in &schedules {
        let names = schedule_names(a, c, lang);
        let mut header = columns(&[
            (lang.pick("Ligne", "Line"), false),
            (lang.pick("Quantité", "Quantity"), true),
            (lang.pick("Médiane PU", "Median unit price"), true),
        ]);
        header.extend(names.iter().map(|n| Column::numeric(n.as_str())));
        let mut rows: Vec<Vec<Cell>> = c
            .lines
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut label = designation(a, &c.criterion, &l.line, lang);
                if !l.counted {
                    label.push_str(lang.pick(" (PSE non retenue)", " (optional service not kept)"));
                }
                let mut row: Vec<Cell> = vec![
                    label.into(),
                    Cell::number(l.quantity, 2, lang),
                    l.median.map_or_else(|| "—".into(), |m| Cell::number(m, 2, lang)),
                ];
                row.extend(c.offers.iter().map(|o| {
                    let Some(p) = o.lines.get(i) else { return "—".into() };
                    match p.amount {
                        Some(x) if l.cheapest.contains(&o.offer) => Cell::number(x, 2, lang).bold(),
                        Some(x) => Cell::number(x, 2, lang),
                        None => "—".into(),
                    }
                }));
                row
            })
            .collect();
        let mut total: Vec<Cell> =
            vec![Cell::strong(lang.pick("Total HT compté", "Total counted, excl. taxes")), "".into(), "".into()];
        total.extend(c.offers.iter().map(|o| o.total_ht.map_or_else(|| "—".into(), |t| Cell::number(t, 2, lang))));
        rows.push(total);
        let basis = a.grid.grid().price_basis.code();
        let mut compared: Vec<Cell> = vec![
            Cell::strong(format!("{} ({basis})", lang.pick("Prix comparé", "Compared price"))),
            "".into(),
            "".into(),
        ];
        compared
            .extend(c.offers.iter().map(|o| o.compared_price.map_or_else(|| "—".into(), |t| Cell::number(t, 2, lang))));
        rows.push(compared);
        d.table(Table { header, rows });
    }
}

/// Annex D: each offer's bill of quantities line by line: the unit price as written, the one
/// retained, the quantity and the amount, and what was found on the line (a missing price, an
/// amount corrected, a line far below the others').
fn schedule_per_offer(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let schedules = a.schedules();
    if schedules.is_empty() {
        return;
    }
    d.heading(
        lang.pick("Annexe D. Détail quantitatif estimatif de chaque offre", "Annex D. Each offer's bill of quantities"),
    );
    for c in &schedules {
        for (o, name) in c.offers.iter().zip(schedule_names(a, c, lang)) {
            let label = a
                .grid
                .grid()
                .criterion(&c.criterion)
                .map_or_else(|| c.criterion.clone(), |k| k.label.get(lang).to_string());
            d.para(format!("{name}{}{label}", colon(lang)));
            let rows = o
                .lines
                .iter()
                .map(|p| {
                    let written = match &p.cell {
                        jauge_engine::schedule::Cell::Price(x) => n(*x, lang),
                        jauge_engine::schedule::Cell::Zero => "0".to_string(),
                        jauge_engine::schedule::Cell::Included => lang.pick("inclus", "included").to_string(),
                        jauge_engine::schedule::Cell::Blank => "—".to_string(),
                        jauge_engine::schedule::Cell::Text(t) => format!("« {t} »"),
                    };
                    let found: Vec<String> = o
                        .findings
                        .iter()
                        .filter(|f| jauge_engine::schedule::finding_line(f) == Some(p.line.as_str()))
                        .map(|f| f.describe(lang))
                        .collect();
                    let mut note = found.join(" ; ");
                    if !p.counted {
                        note.insert_str(
                            0,
                            lang.pick("PSE non retenue, non comptée. ", "Optional service not kept, not counted. "),
                        );
                    }
                    vec![
                        designation(a, &c.criterion, &p.line, lang).into(),
                        written.into(),
                        p.unit_price.map_or_else(|| "—".into(), |x| Cell::number(x, 2, lang)),
                        Cell::number(p.quantity, 2, lang),
                        p.amount.map_or_else(|| "—".into(), |x| Cell::number(x, 2, lang)),
                        note.trim().to_string().into(),
                    ]
                })
                .collect();
            d.table(Table {
                header: columns(&[
                    (lang.pick("Ligne", "Line"), false),
                    (lang.pick("Prix unitaire écrit", "Unit price as written"), false),
                    (lang.pick("Prix unitaire retenu", "Unit price retained"), true),
                    (lang.pick("Quantité", "Quantity"), true),
                    (lang.pick("Montant HT", "Amount excl. taxes"), true),
                    (lang.pick("Constat", "Finding"), false),
                ]),
                rows,
            });
            let whole: Vec<String> = o
                .findings
                .iter()
                .filter(|f| jauge_engine::schedule::finding_line(f).is_none())
                .map(|f| f.describe(lang))
                .collect();
            let total = o.total_ht.map_or_else(|| "—".to_string(), |t| format!("{} €", n(t, lang)));
            let compared = o.compared_price.map_or_else(|| "—".to_string(), |t| format!("{} €", n(t, lang)));
            let basis = a.grid.grid().price_basis.code();
            let vat = match o.vat {
                Some(jauge_engine::schedule::Vat::Rate(r)) => {
                    format!(" ; {} {} %", lang.pick("TVA", "VAT"), n(r, lang))
                }
                Some(jauge_engine::schedule::Vat::Exempt) => {
                    format!(" ; {}", lang.pick("exonéré de TVA (déclaré)", "VAT-exempt (stated)"))
                }
                None => String::new(),
            };
            d.muted(format!(
                "{}{}{total}{vat} ; {} ({basis}){}{compared}{}",
                lang.pick("Total HT compté", "Total counted, excl. taxes"),
                colon(lang),
                lang.pick("prix comparé", "compared price"),
                colon(lang),
                if whole.is_empty() { String::new() } else { format!(" ; {}", whole.join(" ; ")) }
            ));
        }
    }
}

/// The annex of the texts the document cites, from the law table, each with what it says.
fn cited(d: &mut Document) {
    let lang = d.lang;
    let mut text = String::new();
    for b in &d.blocks {
        match b {
            Block::Heading(t) | Block::Subheading(t) | Block::Para(t) | Block::Muted(t) => text += t,
            Block::Notice { items, .. } => items.iter().for_each(|i| text += i),
            Block::Record(rows) => rows.iter().for_each(|(k, v)| text += &format!("{k} {}", v.text)),
            Block::Table(t) => t.rows.iter().flatten().for_each(|c| text += &format!(" {} {}", c.strong, c.text)),
            Block::Winner(h, r) => text += &format!("{h} {r}"),
            Block::Signatures(_) => {}
        }
        text.push('\n');
    }
    let entries = jauge_engine::law::cited_in(&text);
    if entries.is_empty() {
        return;
    }
    d.heading(lang.pick("Textes cités", "Texts cited"));
    let rows =
        entries.iter().map(|e| vec![Cell::from(e.cite()), Cell::from(e.says(lang)), Cell::from(e.source)]).collect();
    d.table(Table {
        header: columns(&[
            (lang.pick("Référence", "Reference"), false),
            (lang.pick("Ce qu'elle dit", "What it says"), false),
            (lang.pick("Source", "Source"), false),
        ]),
        rows,
    });
}

/// The internal worksheet: how robust the ranking is (weight changes that would hand the lead
/// over, rankings under price methods the tender did not announce, marks that may neutralise a
/// weight). It is not part of the signed report: the method announced is the method applied.
pub fn internal(a: &Analysis, lang: Lang) -> Document {
    let p = &a.session.procedure;
    let mut d = Document {
        lang,
        title: lang
            .pick(
                "Document de travail interne — hors du rapport signé",
                "Internal worksheet — not part of the signed report",
            )
            .into(),
        tender: p.tender.clone(),
        subtitle: p.tender.clone(),
        footer: format!(
            "{} — {} {}…",
            lang.pick(
                "document de travail interne, hors du rapport signé",
                "internal worksheet, not part of the signed report"
            ),
            lang.pick("session", "session"),
            &a.fingerprint[..16]
        ),
        blocks: Vec::new(),
    };
    d.blocks.push(Block::Notice {
        title: lang.pick("Ce document ne fait pas partie du rapport signé", "This document is not part of the signed report").into(),
        items: vec![
            lang.pick("Il explore ce qu'auraient donné d'autres pondérations ou d'autres méthodes de notation du prix. La méthode annoncée dans les documents de la consultation est la seule appliquée : ces variantes ne peuvent motiver aucun choix.",
            "It explores what other weights or other price methods would have given. The method announced in the tender documents is the only one applied: these variants cannot ground any choice.",
        )
        .into()],
    });
    if a.lots.is_empty() {
        d.heading(lang.pick("Robustesse du classement", "Robustness of the ranking"));
        robustness(&mut d, a);
    }
    for lot in &a.lots {
        let name = lot.lot.as_ref().map_or(String::new(), |l| format!("{} {}", lang.pick("Lot", "Lot"), l.id));
        d.heading(format!("{name} · {}", lang.pick("Robustesse du classement", "Robustness of the ranking")));
        robustness(&mut d, lot);
    }
    d
}

/// The weight changes that would hand the lead over, then the ranking under each price method.
fn robustness(d: &mut Document, a: &Analysis) {
    let lang = d.lang;
    let r = &a.robustness;
    let Some(winner) = &r.winner else {
        d.none();
        return;
    };
    d.para(match lang {
        Lang::Fr => format!("Pour chaque famille, la plus petite variation de son poids (les autres familles ajustées pour garder le barème) qui changerait l'offre classée première ({winner}), et l'écart des notes réellement données."),
        Lang::En => format!("For each family, the smallest change of its weight (the other families rescaled to keep the scale) that would change the offer ranked first ({winner}), and the spread of the marks actually given."),
    });
    let scale = a.grid.grid().scale;
    let rows = r
        .families
        .iter()
        .map(|f| {
            vec![
                f.label.get(lang).into(),
                Cell::number(f.weight, 2, lang),
                Cell::number(f.spread, 2, lang),
                f.increase(scale, lang).into(),
                f.decrease(lang).into(),
                f.warning.as_ref().map_or("", |w| w.get(lang)).into(),
            ]
        })
        .collect();
    d.table(Table {
        header: columns(&[
            (lang.pick("Famille", "Family"), false),
            (lang.pick("Poids", "Weight"), true),
            (lang.pick("Écart des notes", "Spread of marks"), true),
            (lang.pick("Hausse du poids", "Weight increase"), false),
            (lang.pick("Baisse du poids", "Weight decrease"), false),
            (lang.pick("Avertissement", "Warning"), false),
        ]),
        rows,
    });
    // Each figure in one plain sentence, for a reader who has not met them before.
    for line in [
        lang.pick(
            "Écart des notes : la meilleure note de la famille moins la moins bonne, parmi les offres classées ; plus il est petit au regard du poids, moins la famille départage les offres.",
            "Spread of marks: the family's best mark minus its worst among the ranked offers; the smaller it is against the weight, the less the family tells the offers apart.",
        ),
        lang.pick(
            "Hausse du poids : « +2 → X » veut dire que si la famille valait 2 points de plus (les autres familles réduites d'autant, en proportion), l'offre X passerait première ; « stable jusqu'à +N » veut dire qu'aucune hausse possible ne change l'offre classée première.",
            "Weight increase: \"+2 → X\" means that if the family were worth 2 more points (the other families reduced as much, in proportion), offer X would rank first; \"stable up to +N\" means that no possible increase changes the offer ranked first.",
        ),
        lang.pick(
            "Baisse du poids : la même lecture, pour un poids diminué.",
            "Weight decrease: read the same way, for a lower weight.",
        ),
    ] {
        d.muted(line);
    }
    d.para(lang.pick(
        "Rang et total (entre parenthèses) de chaque offre si le prix avait été noté selon une autre méthode, les autres critères inchangés.",
        "Each offer's rank and total (in brackets) had the price been marked with another method, the other criteria unchanged.",
    ));
    let mut header = columns(&[bidder(lang)]);
    header.extend(r.methods.iter().map(|m| {
        Column::text(match lang {
            Lang::Fr => format!("Méthode {}", m.method.label(lang)),
            Lang::En => format!("{} method", capitalised(m.method.label(lang))),
        })
    }));
    // Each method lists the offers in the report's order: rows join by position, never by the
    // supplier's name (a base offer and its variant share it).
    let count = r.methods.first().map_or(0, |m| m.offers.len());
    let rows = (0..count)
        .map(|i| {
            let name = a
                .report
                .offers
                .get(i)
                .map(|o| o.bidder(lang))
                .or_else(|| r.methods.first().and_then(|m| m.offers.get(i)).map(|(s, _, _)| s.clone()));
            let mut row: Vec<Cell> = vec![name.unwrap_or_default().into()];
            row.extend(r.methods.iter().map(|m| {
                m.offers.get(i).map_or_else(
                    || "—".into(),
                    |(_, rank, total)| {
                        format!("{} ({})", rank.map_or("—".to_string(), |r| r.to_string()), n(*total, lang)).into()
                    },
                )
            }));
            row
        })
        .collect();
    d.table(Table { header, rows });
}

/// A word with its first letter in capitals.
fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    chars.next().map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
