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
    /// The same, headed by the family's abbreviation (« Int. /14 ») so that a page holds them
    /// all; [`legend`] gives each abbreviation's label, to print under the table.
    FamiliesShort,
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
    // Points in columns, each with its two decimals (« 67,80 » above « 74,74 »).
    let n = |x: f64| Cell::figure(x, 2, lang);
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
            RankingColumn::FamiliesShort => {
                header.extend(family_abbreviations(report, lang).into_iter().zip(families).map(|(short, f)| {
                    Column::numeric(format!("{short} /{}", jauge_engine::text::number(f.max, 2, lang)))
                }))
            }
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
                    RankingColumn::Bidder => row.push(o.bidder(lang).into()),
                    RankingColumn::Siret => row.push(o.siret.clone().unwrap_or_default().into()),
                    RankingColumn::File => row.push(o.source.as_str().into()),
                    RankingColumn::Sha256 => row.push(o.sha256.clone().map_or_else(Cell::default, Cell::hash)),
                    RankingColumn::Status => row.push(o.status.label(lang).into()),
                    RankingColumn::Total => row.push(n(o.total).bold()),
                    RankingColumn::Families | RankingColumn::FamiliesShort => {
                        row.extend(o.families.iter().map(|f| n(f.points)))
                    }
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

/// What the abbreviated family columns ([`RankingColumn::FamiliesShort`]) stand for, one
/// sentence to print under the table: « Colonnes des familles : Int. = Interopérabilité, sur
/// 14 points ; … ; Prix, sur 40 points. ».
pub fn legend(report: &Report, lang: Lang) -> String {
    let families = report.offers.first().map(|o| o.families.as_slice()).unwrap_or_default();
    let items: Vec<String> = family_abbreviations(report, lang)
        .into_iter()
        .zip(families)
        .map(|(short, f)| {
            let label = f.label.get(lang);
            let max = format!("{}{}", lang.pick(", sur ", ", out of "), jauge_engine::text::points(f.max, lang));
            if short == label { format!("{label}{max}") } else { format!("{short} = {label}{max}") }
        })
        .collect();
    format!(
        "{}{}{}.",
        lang.pick("Colonnes des familles", "Family columns"),
        jauge_engine::text::colon(lang),
        items.join(lang.pick(" ; ", "; "))
    )
}

/// The families' abbreviations in `lang`, in the report's order.
fn family_abbreviations(report: &Report, lang: Lang) -> Vec<String> {
    let families = report.offers.first().map(|o| o.families.as_slice()).unwrap_or_default();
    let labels: Vec<&str> = families.iter().map(|f| f.label.get(lang)).collect();
    abbreviations(&labels)
}

/// Short forms of labels that tell them apart: a first word of up to five letters is kept
/// whole (« Prix »), a longer one cut after three letters (« Interopérabilité » → « Int. »);
/// labels whose short forms would be the same keep more letters until they differ.
pub fn abbreviations(labels: &[&str]) -> Vec<String> {
    let short = |label: &str, letters: usize| -> String {
        let first = label.split_whitespace().next().unwrap_or_default();
        if letters == 3 && first.chars().count() <= 5 {
            return first.to_string();
        }
        let chars: Vec<char> = label.trim().chars().collect();
        if chars.len() <= letters {
            return label.trim().to_string();
        }
        let cut: String = chars[..letters].iter().collect();
        format!("{}.", cut.trim_end())
    };
    let mut letters = vec![3; labels.len()];
    loop {
        let shown: Vec<String> = labels.iter().zip(&letters).map(|(l, n)| short(l, *n)).collect();
        let mut changed = false;
        for i in 0..labels.len() {
            let clash = (0..labels.len()).any(|j| j != i && shown[j] == shown[i] && labels[j] != labels[i]);
            if clash && letters[i] < labels[i].chars().count() {
                letters[i] += 1;
                changed = true;
            }
        }
        if !changed {
            return shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::abbreviations;

    #[test]
    fn abbreviations_are_short_and_tell_labels_apart() {
        let labels =
            ["Interopérabilité", "Réversibilité", "Prix", "Sécurité dès la conception", "Sécurité physique", "Support"];
        assert_eq!(abbreviations(&labels), ["Int.", "Rév.", "Prix", "Sécurité d.", "Sécurité p.", "Sup."]);
        assert_eq!(abbreviations(&["Coût", "Coût"]), ["Coût", "Coût"]);
        assert_eq!(abbreviations(&[]), Vec::<String>::new());
    }
}
