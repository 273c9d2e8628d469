//! A filled response form for a grid with lots: the lots the bidder says it bids for (the cover's
//! « Candidat au lot … » lines), each lot's answers (a sheet named « Lot 1 … », or the rows of a
//! `Lot` column in a csv), and one offer per lot bid for. Answers to a lot the bidder does not
//! bid for are reported, with their sheet, and not scored.

use std::collections::BTreeSet;

use jauge_engine::grid::normalise_id;
use jauge_engine::value::normalise;
use jauge_engine::{CheckedGrid, Offer};

use crate::finding::Finding;
use crate::guard::Limits;
use crate::layout;
use crate::table::{Cell, Table, cell_name};

/// How far down a sheet the cover's lines and a header row are looked for.
/// How far down a sheet the lots' declarations and a `Lot` column are looked for: no further than
/// the readers build every column (`layout::read_below_top`).
const SEARCH_ROWS: usize = crate::layout::HEADER_SEARCH_ROWS;

/// One lot's answers as found in the file.
struct LotAnswers {
    id: String,
    table: Table,
    /// The first answer or comment cell filled for one of the lot's criteria, if any.
    answered: Option<String>,
}

/// The offers of a form for a grid with lots, one per lot bid for, in the grid's order; when no
/// lot is bid for nor answered, one offer with no lot and a finding that says so. `None` when
/// the file has no answer table at all.
pub fn offers(file: &str, tables: &[Table], grid: &CheckedGrid, limits: &Limits) -> Option<Vec<Offer>> {
    let g = grid.grid();
    let (yes, no) = declarations(tables, grid);
    let mut found: Vec<LotAnswers> = g
        .lots
        .iter()
        .filter_map(|lot| {
            let own = grid.lot(&lot.id)?;
            let table = lot_sheet(tables, &lot.id).or_else(|| lot_rows(tables, &lot.id))?;
            let answered = answered(&table, &own);
            Some(LotAnswers { id: lot.id.clone(), table, answered })
        })
        .collect();
    // A form of the grid's own shape (one answer table, no lot sheet) for the one lot declared.
    if found.is_empty()
        && let [only] = yes.iter().collect::<Vec<_>>().as_slice()
        && let Some(own) = grid.lot(only)
        && let Some(table) = best_table(tables, &own)
    {
        found.push(LotAnswers { id: (*only).clone(), answered: answered(&table, &own), table });
    }
    if found.is_empty() && yes.is_empty() {
        // Not a form with lots: read as the whole grid's, for no lot.
        let mut offer = layout::offer(file, tables, grid, limits)?;
        offer.diagnostics.push(Finding::NoLot.diagnostic().file(file));
        return Some(vec![offer]);
    }
    // The declarations say which lots are bid for; without any, an answered lot is one.
    let bid: BTreeSet<String> = if yes.is_empty() {
        found.iter().filter(|f| f.answered.is_some() && !no.contains(&f.id)).map(|f| f.id.clone()).collect()
    } else {
        yes.clone()
    };
    let not_bid: Vec<_> = found
        .iter()
        .filter(|f| !bid.contains(&f.id))
        .filter_map(|f| {
            let cell = f.answered.as_deref()?;
            Some(Finding::NotBidLot { lot: f.id.clone() }.diagnostic().file(file).cell(&f.table.sheet, cell))
        })
        .collect();
    // The identity and the variant are on the cover, not on a lot's sheet: read once.
    let cover = layout::cover(file, tables, grid);
    let mut out = Vec::new();
    for lot in g.lots.iter().filter(|l| bid.contains(&l.id)) {
        let Some(own) = grid.lot(&lot.id) else { continue };
        let table = found.iter().find(|f| f.id == lot.id).map(|f| &f.table);
        let empty = Table { sheet: String::new(), rows: Vec::new() };
        let mut offer = layout::offer(file, std::slice::from_ref(table.unwrap_or(&empty)), &own, limits)
            .unwrap_or_else(|| Offer { source: file.to_string(), ..Offer::default() });
        // The identity is on the cover, not on the lot's sheet.
        let cover = cover.clone();
        offer.supplier = cover.supplier;
        offer.grid = cover.grid;
        offer.diagnostics.retain(|d| d.code != "no_supplier_name" && d.code != "other_fingerprint");
        offer.diagnostics.splice(0..0, cover.notes);
        offer.diagnostics.extend(not_bid.iter().cloned());
        offer.lot = Some(lot.id.clone());
        offer.variant = cover.variant;
        out.push(offer);
    }
    if out.is_empty() {
        let mut offer = Offer { source: file.to_string(), ..Offer::default() };
        offer.supplier = cover.supplier;
        offer.grid = cover.grid;
        offer.diagnostics.extend(cover.notes);
        offer.diagnostics.push(Finding::NoLot.diagnostic().file(file));
        offer.diagnostics.extend(not_bid);
        offer.variant = cover.variant;
        out.push(offer);
    }
    Some(out)
}

/// The lots declared bid for (« Oui ») and not bid for (« Non ») on lines « Candidat au lot 1 … ».
fn declarations(tables: &[Table], grid: &CheckedGrid) -> (BTreeSet<String>, BTreeSet<String>) {
    let (mut yes, mut no) = (BTreeSet::new(), BTreeSet::new());
    for table in tables {
        for row in table.rows.iter().take(SEARCH_ROWS) {
            for (c, cell) in row.iter().enumerate() {
                let Some(label) = cell.text() else { continue };
                let label = normalise(&label);
                let Some(rest) = label.trim().strip_prefix("candidat au lot ") else { continue };
                let Some(lot) = grid.grid().lots.iter().find(|l| starts_with_id(rest, &l.id)) else { continue };
                let answer = row.iter().skip(c + 1).find(|v| !v.is_empty());
                match answer.map(yes_no) {
                    Some(Some(true)) => yes.insert(lot.id.clone()),
                    Some(Some(false)) => no.insert(lot.id.clone()),
                    _ => false,
                };
            }
        }
    }
    (yes, no)
}

/// A cell read as yes or no, as the cover's drop-down writes it or a person types it.
fn yes_no(cell: &Cell) -> Option<bool> {
    match cell {
        Cell::Bool(b) => Some(*b),
        Cell::Number(n) => Some(*n != 0.0),
        _ => match normalise(&cell.text()?).trim() {
            "oui" | "o" | "x" | "yes" | "y" | "vrai" | "true" => Some(true),
            "non" | "n" | "no" | "faux" | "false" => Some(false),
            _ => None,
        },
    }
}

/// Whether `text` (normalised) starts with the lot's id, followed by no letter or digit:
/// `1 — hebergement` starts with lot `1`, `10 — …` does not.
fn starts_with_id(text: &str, id: &str) -> bool {
    let id = normalise(id);
    text.strip_prefix(id.as_str()).is_some_and(|rest| !rest.starts_with(|c: char| c.is_alphanumeric()))
}

/// The sheet named after the lot (`Lot 1 — Hébergement`).
fn lot_sheet(tables: &[Table], id: &str) -> Option<Table> {
    tables
        .iter()
        .find(|t| {
            normalise(&t.sheet).trim().strip_prefix("lot").is_some_and(|rest| starts_with_id(rest.trim_start(), id))
        })
        .cloned()
}

/// Whether a cell heads a `Lot` column.
pub(crate) fn is_lot_header(cell: &Cell) -> bool {
    cell.text().is_some_and(|t| normalise(&t).trim() == "lot")
}

/// The rows of a table with a `Lot` column that belong to the lot, the others blanked so that
/// every cell keeps its place.
fn lot_rows(tables: &[Table], id: &str) -> Option<Table> {
    for table in tables {
        let Some((header, column)) = table.rows.iter().enumerate().take(SEARCH_ROWS).find_map(|(r, row)| {
            let c = row.iter().position(is_lot_header)?;
            Some((r, c))
        }) else {
            continue;
        };
        let wanted = normalise_id(id);
        let mut out = table.clone();
        let mut any = false;
        for row in out.rows.iter_mut().skip(header + 1) {
            let lot = row.get(column).and_then(Cell::text).map(|t| {
                let t = normalise(&t);
                normalise_id(t.trim().strip_prefix("lot").unwrap_or(&t))
            });
            if lot.as_deref() == Some(wanted.as_str()) {
                any = true;
            } else {
                row.clear();
            }
        }
        if any {
            return Some(out);
        }
    }
    None
}

/// The table of `tables` whose rows match the most of the lot's criteria.
fn best_table(tables: &[Table], own: &CheckedGrid) -> Option<Table> {
    layout::answer_table(tables, own).map(|(t, _)| t.clone())
}

/// The first answer or comment cell filled for one of the lot's criteria.
fn answered(table: &Table, own: &CheckedGrid) -> Option<String> {
    let ids: BTreeSet<String> = own.grid().criteria().map(|(_, c)| normalise_id(&c.id)).collect();
    let (_, cols) = layout::answer_table(std::slice::from_ref(table), own)?;
    table.rows.iter().enumerate().skip(cols.header_row + 1).find_map(|(r, row)| {
        let id = row.get(cols.id).and_then(Cell::text)?;
        if !ids.contains(&normalise_id(&id)) {
            return None;
        }
        [Some(cols.answer), cols.comment]
            .into_iter()
            .flatten()
            .find(|c| row.get(*c).is_some_and(|cell| !cell.is_empty()))
            .map(|c| cell_name(r, c))
    })
}
