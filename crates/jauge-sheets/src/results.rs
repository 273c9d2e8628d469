//! The results of an evaluation as tables, for the buyer's export (xlsx, ods, csv): the ranking,
//! every criterion of every offer with its cell reference, the price analysis and, for price
//! schedules, the line-by-line comparison of the offers.

use jauge_document::RankingColumn;
use jauge_engine::finding::Finding;
use jauge_engine::report::Flag;
use jauge_engine::schedule::{self, Cell as ScheduleCell, Comparison};
use jauge_engine::text::{Lang, number};
use jauge_engine::{Grid, Report, Status};

use crate::error::Error;
use crate::form::FormKind;
use crate::tables::{Cell, Table, write_tables};

/// The ranking: one row per offer (rank, bidder, SIRET, file, SHA-256, status, total, each
/// family, each criterion's points, flags, reasons), ranked offers first; the columns worded as
/// in every ranking Jauge shows ([`jauge_document::ranking`]).
pub fn ranking(report: &Report, lang: Lang) -> Table {
    use RankingColumn as C;
    let columns = [
        C::Rank,
        C::Bidder,
        C::Siret,
        C::File,
        C::Sha256,
        C::Status,
        C::Total,
        C::Families,
        C::Criteria,
        C::Flags,
        C::Reasons,
    ];
    let table = jauge_document::ranking(report, &report.offers, &columns, lang, |o| Flag::list(&o.flags, lang));
    crate::document::table(lang.pick("Classement", "Ranking"), &table)
}

/// Every criterion of every offer: the answer as written and where, the value understood, the
/// rule in words, the points and the explanation, the evaluator's mark and appraisal.
pub fn detail(report: &Report, lang: Lang) -> Table {
    let header = if lang == Lang::Fr {
        [
            jauge_document::bidder(lang),
            "Statut",
            "Critère",
            "Famille",
            "Réponse",
            "Cellule",
            "Commentaire",
            "Valeur retenue",
            "Règle",
            "Points",
            "Sur",
            "Explication",
            "Appréciation",
        ]
    } else {
        [
            jauge_document::bidder(lang),
            "Status",
            "Criterion",
            "Family",
            "Answer",
            "Cell",
            "Comment",
            "Value understood",
            "Rule",
            "Points",
            "Out of",
            "Explanation",
            "Appraisal",
        ]
    }
    .map(String::from)
    .to_vec();
    let mut rows = Vec::new();
    for o in &report.offers {
        // The family as people name it, not its id.
        let family = |id: &str| o.families.iter().find(|f| f.id == id).map_or(id, |f| f.label.get(lang)).to_string();
        for c in &o.criteria {
            let mut explanation = c.explanation.get(lang).to_string();
            for note in c.notes.iter().chain(&c.problem) {
                explanation.push_str(" — ");
                explanation.push_str(note.get(lang));
            }
            rows.push(vec![
                o.supplier.as_str().into(),
                o.status.label(lang).into(),
                c.id.as_str().into(),
                family(&c.family).into(),
                c.raw.clone().into(),
                c.location.clone().into(),
                c.comment.clone().into(),
                c.value_text.as_ref().map(|t| t.get(lang).to_string()).into(),
                c.rule.get(lang).into(),
                c.points.into(),
                c.max.into(),
                explanation.into(),
                c.mark.as_ref().map(|m| m.appraisal.clone()).into(),
            ]);
        }
    }
    Table { name: lang.pick("Détail", "Detail").into(), header, rows }
}

/// The price analysis: per price criterion, the method, the lowest and highest prices, and the
/// abnormally-low thresholds when computed.
pub fn price(report: &Report, lang: Lang) -> Table {
    let header = if lang == Lang::Fr {
        [
            "Critère",
            "Méthode",
            "Offres comparées",
            "Prix le plus bas",
            "Prix le plus haut",
            "Moyenne − écart type",
            "Seuil M2",
        ]
    } else {
        [
            "Criterion",
            "Method",
            "Offers compared",
            "Lowest price",
            "Highest price",
            "Mean − standard deviation",
            "M2 threshold",
        ]
    }
    .map(String::from)
    .to_vec();
    let rows = report
        .price
        .iter()
        .map(|p| {
            vec![
                p.criterion.as_str().into(),
                p.method.label(lang).into(),
                Cell::Integer(p.count as i64),
                p.lowest.into(),
                p.highest.into(),
                p.abnormally_low.as_ref().map(|a| a.mean_minus_sd).into(),
                p.abnormally_low.as_ref().map(|a| a.m2_threshold).into(),
            ]
        })
        .collect();
    Table { name: lang.pick("Prix", "Price").into(), header, rows }
}

/// The line-by-line comparison of the price schedules (the analysis report's annex C, as data to
/// sort and filter): one row per schedule line and offer, in the schedule's order then the offers'
/// — the line, its designation, unit and quantity, whether it counts in the compared price (a PSE
/// not kept does not), the bidder, the unit price as written (a number, « inclus », or the
/// bidder's text, which stays text), the unit price retained, the line's amount, whether it is the
/// lowest amount of the line among the compared offers, whether it is far below the others' (a
/// point to examine), and what was found on the line, in words. `comparisons` is
/// [`jauge_engine::schedule::comparisons`] of the evaluation that gave `report`.
pub fn schedule_lines(grid: &Grid, comparisons: &[Comparison], report: &Report, lang: Lang) -> Table {
    let mut header: Vec<String> = [
        ("Critère", "Criterion"),
        ("Ligne", "Line"),
        ("Désignation", "Designation"),
        ("Unité", "Unit"),
        ("Quantité", "Quantity"),
        ("Comptée", "Counted"),
        ("", ""),
        ("Offre comparée", "Offer compared"),
        ("Prix unitaire écrit", "Unit price as written"),
        ("Prix unitaire retenu", "Unit price retained"),
        ("Montant HT", "Amount excl. taxes"),
        ("Montant le plus bas de la ligne", "Lowest amount of the line"),
        ("Ligne anormalement basse ?", "Line abnormally low?"),
        ("Constats", "Findings"),
    ]
    .map(|(fr, en)| lang.pick(fr, en).to_string())
    .to_vec();
    // The bidder column is worded as in every table of offers.
    if let Some(bidder) = header.get_mut(6) {
        *bidder = jauge_document::bidder(lang).to_string();
    }
    let yes = |b: bool| Cell::from(if b { lang.pick("oui", "yes") } else { "" });
    let mut rows = Vec::new();
    for c in comparisons {
        let lines = grid.criterion(&c.criterion).and_then(|k| k.schedule.as_ref()).map(|s| s.lines.as_slice());
        for (i, l) in c.lines.iter().enumerate() {
            let line = lines.and_then(|ls| ls.iter().find(|g| g.id == l.line));
            let counted = match l.counted {
                true => lang.pick("oui", "yes"),
                false => lang.pick("non (PSE non retenue)", "no (optional service not kept)"),
            };
            for o in &c.offers {
                let Some(p) = o.lines.get(i) else { continue };
                let bidder = report
                    .offers
                    .iter()
                    .find(|r| r.id == o.offer)
                    .map_or_else(|| o.offer.short().to_string(), |r| r.bidder(lang));
                let written = match &p.cell {
                    ScheduleCell::Price(x) => Cell::Number(*x),
                    ScheduleCell::Zero => Cell::Number(0.0),
                    ScheduleCell::Included => lang.pick("inclus", "included").into(),
                    ScheduleCell::Blank => Cell::Empty,
                    ScheduleCell::Text(t) => t.as_str().into(),
                };
                let found: Vec<&Finding> =
                    o.findings.iter().filter(|f| schedule::finding_line(f) == Some(l.line.as_str())).collect();
                let low = found.iter().any(|f| matches!(f, Finding::ScheduleLowLine { .. }));
                let words: Vec<String> = found.iter().map(|f| f.describe(lang)).collect();
                rows.push(vec![
                    c.criterion.as_str().into(),
                    l.line.as_str().into(),
                    line.map(|g| g.designation.get(lang).to_string()).into(),
                    line.map(|g| g.unit.clone()).into(),
                    l.quantity.into(),
                    counted.into(),
                    bidder.into(),
                    yes(o.compared),
                    written,
                    p.unit_price.into(),
                    p.amount.into(),
                    yes(o.compared && l.cheapest.contains(&o.offer)),
                    yes(low),
                    words.join(" ; ").into(),
                ]);
            }
        }
    }
    Table { name: lang.pick("Lignes de prix", "Price lines").into(), header, rows }
}

/// The grid's identity, as a two-column table heading the workbook.
fn identity(report: &Report, lang: Lang) -> Table {
    let g = &report.grid;
    let ranked = report.offers.iter().filter(|o| o.status == Status::Ranked).count();
    let rows = [
        (lang.pick("Grille", "Grid"), format!("{} ({} {})", g.title.get(lang), g.id, g.version)),
        (lang.pick("Éditeur", "Publisher"), g.publisher.clone()),
        (lang.pick("Empreinte SHA-256 de la grille", "Grid SHA-256 fingerprint"), g.fingerprint.clone()),
        (lang.pick("Barème", "Scale"), number(g.scale, 2, lang)),
        (lang.pick("Offres", "Offers"), report.offers.len().to_string()),
        (lang.pick("Offres classées", "Ranked offers"), ranked.to_string()),
    ]
    .into_iter()
    .map(|(k, v)| vec![Cell::from(k), Cell::from(v)])
    .collect();
    Table {
        name: lang.pick("Grille", "Grid").into(),
        header: vec![lang.pick("Rubrique", "Item").into(), lang.pick("Valeur", "Value").into()],
        rows,
    }
}

/// Writes the results: a workbook (ranking, detail, price analysis, grid) for xlsx and ods, the
/// ranking alone for csv.
pub fn write_results(report: &Report, kind: FormKind, lang: Lang) -> Result<Vec<u8>, Error> {
    let tables = [ranking(report, lang), detail(report, lang), price(report, lang), identity(report, lang)];
    write_tables(&tables, kind, lang)
}

/// Writes the results of an evaluation with price schedules: the workbook of [`write_results`]
/// with the line-by-line comparison ([`schedule_lines`]) after the price analysis, for xlsx and
/// ods; for csv, the ranking alone as [`write_results`] does (the lines are their own csv file:
/// [`write_tables`] of [`schedule_lines`]).
pub fn write_priced_results(
    report: &Report,
    grid: &Grid,
    comparisons: &[Comparison],
    kind: FormKind,
    lang: Lang,
) -> Result<Vec<u8>, Error> {
    let mut tables = vec![ranking(report, lang), detail(report, lang), price(report, lang)];
    if !comparisons.is_empty() {
        tables.push(schedule_lines(grid, comparisons, report, lang));
    }
    tables.push(identity(report, lang));
    write_tables(&tables, kind, lang)
}
