//! The ranking table, worded once: the analysis report, the results workbook and the terminal
//! choose their columns from it.

use jauge_engine::report::OfferResult;
use jauge_engine::{Lang, Report};

use crate::{Cell, Column, Table};

/// A column of the ranking table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RankingColumn {
    /// The rank, "—" for an offer not ranked.
    Rank,
    /// Who submitted the offer.
    Bidder,
    /// The bidder's SIRET.
    Siret,
    /// The offer's file.
    File,
    /// The SHA-256 of the offer's file.
    Sha256,
    /// Ranked, irregular…
    Status,
    /// The total, over the grid's scale.
    Total,
    /// One column per family of criteria, over its maximum.
    Families,
    /// One column per criterion: its points.
    Criteria,
    /// What the reader should look at (abnormally low price…).
    Flags,
    /// Why an offer is not ranked.
    Reasons,
}

/// The bidder column's heading, in every table that names who submitted an offer: the word of
/// French public procurement for a candidate who has submitted an offer.
pub fn bidder(lang: Lang) -> &'static str {
    lang.pick("Soumissionnaire", "Bidder")
}

/// The ranking of `offers` (from `report`) in `columns`, with the flags worded by `flags`: the
/// analysis report says when a price's explanations were accepted, the results say the flags.
pub fn ranking<'a>(
    report: &Report,
    offers: impl IntoIterator<Item = &'a OfferResult>,
    columns: &[RankingColumn],
    lang: Lang,
    flags: impl Fn(&OfferResult) -> String,
) -> Table {
    let n = |x: f64| Cell::number(x, 2, lang);
    let first = report.offers.first();
    let families = first.map(|o| o.families.as_slice()).unwrap_or_default();
    let criteria = first.map(|o| o.criteria.as_slice()).unwrap_or_default();
    let scale = jauge_engine::text::number(report.grid.scale, 2, lang);
    let mut header = Vec::new();
    for column in columns {
        match column {
            RankingColumn::Rank => header.push(Column::numeric(lang.pick("Rang", "Rank"))),
            RankingColumn::Bidder => header.push(Column::text(bidder(lang))),
            RankingColumn::Siret => header.push(Column::text("SIRET")),
            RankingColumn::File => header.push(Column::text(lang.pick("Fichier", "File"))),
            RankingColumn::Sha256 => header.push(Column::text(lang.pick("SHA-256 du fichier", "File SHA-256"))),
            RankingColumn::Status => header.push(Column::text(lang.pick("Statut", "Status"))),
            RankingColumn::Total => header.push(Column::numeric(format!("Total /{scale}"))),
            RankingColumn::Families => header.extend(families.iter().map(|f| {
                Column::numeric(format!("{} /{}", f.label.get(lang), jauge_engine::text::number(f.max, 2, lang)))
            })),
            RankingColumn::Criteria => header.extend(criteria.iter().map(|c| Column::numeric(c.id.as_str()))),
            RankingColumn::Flags => header.push(Column::text(lang.pick("Signalements", "Flags"))),
            RankingColumn::Reasons => header.push(Column::text(lang.pick("Motifs", "Reasons"))),
        }
    }
    let rows = offers
        .into_iter()
        .map(|o| {
            let mut row = Vec::new();
            for column in columns {
                match column {
                    RankingColumn::Rank => {
                        row.push(o.rank.map_or_else(|| "—".into(), |r| Cell::number(r.into(), 0, lang)))
                    }
                    RankingColumn::Bidder => row.push(o.supplier.as_str().into()),
                    RankingColumn::Siret => row.push(o.siret.clone().unwrap_or_default().into()),
                    RankingColumn::File => row.push(o.source.as_str().into()),
                    RankingColumn::Sha256 => row.push(o.sha256.clone().map_or_else(Cell::default, Cell::hash)),
                    RankingColumn::Status => row.push(o.status.label(lang).into()),
                    RankingColumn::Total => row.push(n(o.total).bold()),
                    RankingColumn::Families => row.extend(o.families.iter().map(|f| n(f.points))),
                    RankingColumn::Criteria => row.extend(o.criteria.iter().map(|c| n(c.points))),
                    RankingColumn::Flags => row.push(flags(o).into()),
                    RankingColumn::Reasons => {
                        row.push(o.reasons.iter().map(|r| r.message.get(lang)).collect::<Vec<_>>().join(" | ").into())
                    }
                }
            }
            row
        })
        .collect();
    Table { header, rows }
}
