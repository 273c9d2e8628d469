//! Any [`Document`] as a workbook (xlsx, ods) or CSV: the blocks before the first heading on a
//! sheet named after the title, then a sheet per heading; tables as tables (their header in bold),
//! paragraphs as one-cell rows, an empty row between blocks. Cells holding a number are numbers.

use jauge_document::{Block, Document};

use crate::error::Error;
use crate::form::FormKind;
use crate::tables::{Cell, Table, write_tables};

/// A document cell as a spreadsheet cell: its number if it holds one, else its text.
fn cell(c: &jauge_document::Cell) -> Cell {
    match c.number {
        Some(n) if n.decimals == 0 => Cell::Integer(n.value as i64),
        Some(n) => Cell::Number(n.value),
        None if c.shown().is_empty() => Cell::Empty,
        None => Cell::Text(c.shown()),
    }
}

/// A document table as a sheet named `name`: column headings, then rows.
pub fn table(name: &str, t: &jauge_document::Table) -> Table {
    Table {
        name: name.into(),
        header: t.header.iter().map(|c| c.title.clone()).collect(),
        rows: t.rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
    }
}

/// One block as rows.
fn rows(block: &Block) -> Vec<Vec<Cell>> {
    let text = |t: &str| vec![Cell::from(t)];
    match block {
        Block::Heading(t) | Block::Subheading(t) => vec![vec![Cell::Strong(t.clone())]],
        Block::Para(t) | Block::Muted(t) => vec![text(t)],
        Block::Notice { title, items } => {
            std::iter::once(vec![Cell::Strong(title.clone())]).chain(items.iter().map(|i| text(i))).collect()
        }
        Block::Record(items) => items.iter().map(|(k, v)| vec![Cell::from(k.as_str()), cell(v)]).collect(),
        Block::Table(t) => std::iter::once(t.header.iter().map(|c| Cell::Strong(c.title.clone())).collect())
            .chain(t.rows.iter().map(|r| r.iter().map(cell).collect()))
            .collect(),
        Block::Winner(head, reasons) => vec![vec![Cell::Strong(head.clone())], text(reasons)],
        Block::Signatures(signers) => {
            signers.iter().map(|(name, role)| vec![Cell::from(name.as_str()), Cell::from(role.as_str())]).collect()
        }
    }
}

/// The document's sheets: the title's (subtitle and what comes before the first heading), then
/// one per heading of either level, headed by it.
pub fn sheets(d: &Document) -> Vec<Table> {
    let mut sheets = vec![Table { name: d.title.clone(), header: vec![d.title.clone()], rows: Vec::new() }];
    if !d.subtitle.is_empty() {
        sheets[0].rows.push(vec![Cell::from(d.subtitle.as_str())]);
    }
    for block in &d.blocks {
        if let Some(h) = block.heading() {
            sheets.push(Table { name: h.to_string(), header: vec![h.to_string()], rows: Vec::new() });
            continue;
        }
        let Some(sheet) = sheets.last_mut() else { continue };
        if !sheet.rows.is_empty() {
            sheet.rows.push(Vec::new());
        }
        sheet.rows.extend(rows(block));
    }
    sheets
}

/// Writes a document as a workbook, a sheet per heading (xlsx, ods), or as one CSV table, its
/// sections one after the other.
pub fn write_document(d: &Document, kind: FormKind) -> Result<Vec<u8>, Error> {
    let sheets = sheets(d);
    if kind != FormKind::Csv {
        return write_tables(&sheets, kind, d.lang);
    }
    let mut all = sheets.into_iter();
    let mut one = all.next().unwrap_or_default();
    for sheet in all {
        one.rows.push(Vec::new());
        one.rows.push(sheet.header.into_iter().map(Cell::Strong).collect());
        one.rows.extend(sheet.rows);
    }
    write_tables(&[one], kind, d.lang)
}

#[cfg(test)]
mod tests {
    use jauge_document::{Cell as DocCell, columns};
    use jauge_engine::Lang;

    use super::*;

    fn sample() -> Document {
        let mut d =
            Document { lang: Lang::Fr, title: "Rapport".into(), subtitle: "Lot 1".into(), ..Document::default() };
        d.blocks.push(Block::Notice { title: "En suspens".into(), items: vec!["=signer".into()] });
        d.heading("1. Classement");
        d.para("Six offres.");
        d.table(jauge_document::Table {
            header: columns(&[("Rang", true), ("Soumissionnaire", false), ("Total /100", true)]),
            rows: vec![vec![DocCell::number(1.0, 0, Lang::Fr), "Armor".into(), DocCell::number(81.25, 2, Lang::Fr)]],
        });
        d
    }

    #[test]
    fn a_document_becomes_a_sheet_per_heading_with_numbers_as_numbers() {
        let sheets = sheets(&sample());
        assert_eq!(sheets.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["Rapport", "1. Classement"]);
        assert_eq!(
            sheets[0].rows,
            [vec![Cell::from("Lot 1")], vec![], vec![Cell::Strong("En suspens".into())], vec![Cell::from("=signer")]]
        );
        assert_eq!(
            sheets[1].rows[3],
            [Cell::Integer(1), Cell::from("Armor"), Cell::Number(81.25)],
            "{:?}",
            sheets[1].rows
        );
    }

    #[test]
    fn as_csv_the_sections_follow_each_other_and_no_cell_is_a_formula() {
        let bytes = write_document(&sample(), FormKind::Csv).expect("csv");
        let text = String::from_utf8(bytes).expect("UTF-8");
        assert_eq!(
            text,
            "\u{feff}Rapport\nLot 1\n\"\"\nEn suspens\n'=signer\n\"\"\n1. Classement\nSix offres.\n\"\"\nRang;Soumissionnaire;Total /100\n1;Armor;81,25\n"
        );
    }
}
