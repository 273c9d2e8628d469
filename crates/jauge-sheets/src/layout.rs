//! From tables to an offer: the answer table found by its column names, rows matched to criteria
//! by normalised id, the supplier's identity found by its labels, and every problem located.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use jauge_engine::grid::{Criterion, normalise_id};
use jauge_engine::offer::GridRef;
use jauge_engine::value::{Context, Raw, interpret, normalise};
use jauge_engine::{CheckedGrid, Diagnostic, Offer, Response, Supplier};

use crate::finding::{CellProblem, Finding};
use crate::guard::Limits;
use crate::table::{Cell, Table, cell_name, place};

/// How far down a sheet the header row is looked for (and the labels of the supplier's identity).
pub(crate) const HEADER_SEARCH_ROWS: usize = 100;

/// Whether a cell could name an answer table's id or answer column. A sheet none of whose first
/// [`HEADER_SEARCH_ROWS`] rows holds such a cell can hold no answer table: its rows below are
/// never read (only its top, for the labels of the identity), so the readers stop building them.
pub(crate) fn may_head(cell: &Cell) -> bool {
    matches!(header_kind(cell), Some(Header::Id | Header::Answer))
}

/// The columns whose cells may be read below a sheet's top [`HEADER_SEARCH_ROWS`] rows, sorted:
/// every column headed, in those rows, like an id, an answer or a comment (whichever row the
/// layout or a lot's reading takes for the header, its columns are among them) and every « Lot »
/// column. Below the top, the readers leave the other columns' strings unbuilt.
pub(crate) fn read_below_top(rows: &[Vec<Cell>]) -> Vec<usize> {
    let mut cols: Vec<usize> = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .flat_map(|row| row.iter().enumerate())
        .filter(|(_, cell)| header_kind(cell).is_some() || crate::lots::is_lot_header(cell))
        .map(|(c, _)| c)
        .collect();
    cols.sort_unstable();
    cols.dedup();
    cols
}

/// The columns of an answer table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Columns {
    pub header_row: usize,
    pub id: usize,
    pub answer: usize,
    pub comment: Option<usize>,
}

/// Reads an offer out of the tables of one file. `None` when no table has an answer header.
pub fn offer(file: &str, tables: &[Table], grid: &CheckedGrid, limits: &Limits) -> Option<Offer> {
    let keys = Keys::of(grid.grid());
    let (table, columns, ids) = best_table(tables, &keys)?;
    let mut offer = Offer { source: file.to_string(), ..Offer::default() };
    let cover = cover(file, tables, grid);
    offer.supplier = cover.supplier;
    offer.grid = cover.grid;
    offer.diagnostics.extend(cover.notes);
    offer.variant = cover.variant;
    read_rows(file, (table, columns, &ids), grid, &keys, limits, &mut offer);
    // The price sheet (« Bordereau de prix »), or any other table of schedule rows.
    if grid.grid().criteria().any(|(_, c)| c.schedule.is_some() || c.life_cycle.is_some()) {
        for other in tables.iter().filter(|t| !std::ptr::eq(*t, table)) {
            if let Some(cols) = self::columns(other) {
                read_schedule_rows(file, other, cols, grid, limits, &mut offer);
            }
        }
    }
    Some(offer)
}

/// The answer keys of the grid's schedule rows (`PRIX/1.1`, `PRIX/1.1/total`, `PRIX/tva`,
/// `PRIX/total`, written as the grid writes the criterion and the line), by their normalised
/// parts: a row's id is looked up once, whatever the schedule's length.
pub(crate) struct ScheduleKeys(BTreeMap<(String, String, String), String>);

impl ScheduleKeys {
    fn of(grid: &jauge_engine::Grid) -> ScheduleKeys {
        let mut keys = BTreeMap::new();
        for (_, c) in grid.criteria() {
            if let Some(lc) = &c.life_cycle {
                for k in &lc.components {
                    let key = (normalise_id(&c.id), normalise_id(k.key()), String::new());
                    keys.insert(key, format!("{}/{}", c.id, k.key()));
                }
            }
            let Some(s) = &c.schedule else { continue };
            let k = normalise_id(&c.id);
            keys.insert((k.clone(), "TVA".into(), String::new()), format!("{}/tva", c.id));
            keys.insert((k.clone(), "TOTAL".into(), String::new()), format!("{}/total", c.id));
            for l in &s.lines {
                let line = normalise_id(&l.id);
                keys.insert((k.clone(), line.clone(), String::new()), format!("{}/{}", c.id, l.id));
                keys.insert((k.clone(), line, "TOTAL".into()), format!("{}/{}/total", c.id, l.id));
            }
        }
        ScheduleKeys(keys)
    }

    /// The answer key of a row's id, or `None` when the id names no schedule's row.
    fn get(&self, id: &str) -> Option<&str> {
        if self.0.is_empty() || !id.contains('/') {
            return None;
        }
        let mut parts = id.trim().split('/');
        let (c, line) = (normalise_id(parts.next()?), normalise_id(parts.next()?));
        let rest = parts.next().map(normalise_id).unwrap_or_default();
        if parts.next().is_some() {
            return None;
        }
        self.0.get(&(c, line, rest)).map(String::as_str)
    }
}

/// Reads the schedule rows of a table (the rows whose id names a schedule's line); the other
/// rows are left to the answer table's reading.
fn read_schedule_rows(
    file: &str,
    table: &Table,
    cols: Columns,
    grid: &CheckedGrid,
    limits: &Limits,
    offer: &mut Offer,
) {
    let at = |d: Diagnostic, row: usize, col: usize| d.file(file).cell(&table.sheet, &cell_name(row, col));
    let keys = ScheduleKeys::of(grid.grid());
    for (r, row) in table.rows.iter().enumerate().skip(cols.header_row + 1) {
        let Some(id) = row.get(cols.id).and_then(Cell::text) else { continue };
        let Some(key) = keys.get(&id) else { continue };
        schedule_row(key, r, row, cols, table, limits, offer, &at);
    }
}

/// One schedule row: its answer cell kept as written, with its place; a second row for the same
/// id is reported, never read over the first.
#[allow(clippy::too_many_arguments)]
fn schedule_row(
    key: &str,
    r: usize,
    row: &[Cell],
    cols: Columns,
    table: &Table,
    limits: &Limits,
    offer: &mut Offer,
    at: &dyn Fn(Diagnostic, usize, usize) -> Diagnostic,
) {
    let criterion = key.split('/').next().unwrap_or_default().to_string();
    let place = place(&table.sheet, r, cols.answer);
    if let Some(first) = offer.responses.get(key).and_then(|x| x.location.clone()) {
        offer.diagnostics.push(at(Finding::DuplicateRow { first }.diagnostic().criterion(&criterion), r, cols.answer));
        return;
    }
    let (raw, problem) = raw(row.get(cols.answer).unwrap_or(&Cell::Empty), limits);
    if let Some(problem) = problem {
        offer.diagnostics.push(at(Finding::Cell(problem).diagnostic().criterion(&criterion), r, cols.answer));
    }
    let comment = cols
        .comment
        .and_then(|c| row.get(c))
        .and_then(Cell::as_text)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    offer.responses.insert(key.to_string(), Response { raw, comment, location: Some(place) });
}

fn header_kind(cell: &Cell) -> Option<Header> {
    let text = normalise(&cell.as_text()?);
    let text = text.trim_end_matches([':', '*', ' ']).trim();
    const IDS: &[&str] = &[
        "identifiant",
        "id",
        "ref",
        "ref.",
        "reference",
        "code",
        "code critere",
        "n°",
        "no",
        "numero",
        "id critere",
        "identifiant critere",
        "identifiant du critere",
        "criterion id",
        "criterion",
        "item",
    ];
    if IDS.contains(&text) {
        return Some(Header::Id);
    }
    let answer_like = text == "reponse"
        || text == "reponses"
        || (text.starts_with("reponse") && !text.contains("attendu"))
        || text.starts_with("votre reponse")
        || matches!(
            text,
            "answer"
                | "your answer"
                | "valeur"
                | "value"
                | "offre du candidat"
                | "offre du soumissionnaire"
                | "proposition"
                | "proposition du candidat"
                | "proposition du soumissionnaire"
                | "votre proposition"
                | "engagement du candidat"
        );
    if answer_like {
        return Some(Header::Answer);
    }
    const COMMENTS: &[&str] =
        &["justificatif", "commentaire", "comment", "observation", "preuve", "evidence", "remarque", "precision"];
    COMMENTS.iter().any(|c| text.contains(c)).then_some(Header::Comment)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Header {
    Id,
    Answer,
    Comment,
}

fn columns(table: &Table) -> Option<Columns> {
    for (r, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let (mut id, mut answer, mut comment) = (None, None, None);
        for (c, cell) in row.iter().enumerate() {
            match header_kind(cell) {
                Some(Header::Id) if id.is_none() => id = Some(c),
                Some(Header::Answer) if answer.is_none() => answer = Some(c),
                Some(Header::Comment) if comment.is_none() => comment = Some(c),
                _ => {}
            }
        }
        if let (Some(id), Some(answer)) = (id, answer) {
            return Some(Columns { header_row: r, id, answer, comment });
        }
    }
    None
}

/// The grid's criteria by normalised id, each id normalised once per reading.
struct Keys<'g> {
    /// The normalised ids, in the grid's order.
    ordered: Vec<String>,
    by_id: HashMap<String, &'g Criterion>,
}

impl<'g> Keys<'g> {
    fn of(grid: &'g jauge_engine::Grid) -> Keys<'g> {
        let ordered: Vec<String> = grid.criteria().map(|(_, c)| normalise_id(&c.id)).collect();
        let by_id = ordered.iter().cloned().zip(grid.criteria().map(|(_, c)| c)).collect();
        Keys { ordered, by_id }
    }
}

/// The table whose rows match the most criteria of the grid (a sheet named "Réponse" wins ties).
pub(crate) fn answer_table<'t>(tables: &'t [Table], grid: &CheckedGrid) -> Option<(&'t Table, Columns)> {
    best_table(tables, &Keys::of(grid.grid())).map(|(t, c, _)| (t, c))
}

/// Each row's id below the header, as written and normalised.
type RowIds<'t> = Vec<Option<(Cow<'t, str>, String)>>;

/// [`answer_table`], the grid's ids normalised, with the table's row ids (normalised once per
/// reading, for the choice of the table and the reading of its rows).
fn best_table<'t>(tables: &'t [Table], keys: &Keys) -> Option<(&'t Table, Columns, RowIds<'t>)> {
    let known = &keys.by_id;
    tables
        .iter()
        .filter_map(|t| columns(t).map(|c| (t, c)))
        .map(|(t, c)| {
            let ids: RowIds = t
                .rows
                .iter()
                .skip(c.header_row + 1)
                .map(|row| {
                    row.get(c.id).and_then(Cell::as_text).map(|id| {
                        let key = normalise_id(&id);
                        (id, key)
                    })
                })
                .collect();
            (t, c, ids)
        })
        .max_by_key(|(t, _, ids)| {
            let matches = ids.iter().flatten().filter(|(_, key)| known.contains_key(key)).count();
            (matches, normalise(&t.sheet).starts_with("reponse"))
        })
}

/// The values found beside labels near the top of the tables (the first value to the right of a
/// cell whose words are one of a key's labels), by key; the first found for a key counts.
fn labelled<'a>(tables: &[Table], labels: &[(&'a str, &[&str])]) -> BTreeMap<&'a str, String> {
    let mut found: BTreeMap<&'a str, String> = BTreeMap::new();
    // Normalising never lessens a text's letters and digits: a cell with more of them than the
    // longest label cannot be one (most cells of the top rows, a question or an answer, are not
    // normalised then). A number is never a label.
    let alphanumerics = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
    let longest = labels.iter().flat_map(|(_, names)| names.iter()).map(|n| alphanumerics(n)).max().unwrap_or(0);
    for table in tables {
        for row in table.rows.iter().take(HEADER_SEARCH_ROWS) {
            for (c, cell) in row.iter().enumerate() {
                let Cell::Text(label) = cell else { continue };
                if label.chars().filter(|c| c.is_alphanumeric()).take(longest + 1).count() > longest {
                    continue;
                }
                let label = normalise(label);
                let label = label.trim_end_matches([':', '*', ' ']).trim();
                let Some((key, _)) = labels.iter().find(|(_, names)| names.contains(&label)) else { continue };
                if found.contains_key(key) {
                    continue;
                }
                if let Some(value) = row.iter().skip(c + 1).find_map(|v| v.text().filter(|t| !t.trim().is_empty())) {
                    found.insert(key, value.trim().to_string());
                }
            }
        }
    }
    found
}

/// What the labels near the top of a file say (the cover sheet of Jauge's forms, or lines above
/// the table of a CSV), found in one pass over the top rows.
#[derive(Clone)]
pub(crate) struct Cover {
    /// The supplier's identity.
    pub supplier: Supplier,
    /// The grid the form was made from.
    pub grid: Option<GridRef>,
    /// What the identity lacks, or a fingerprint of another grid.
    pub notes: Vec<Diagnostic>,
    /// The variant a form says it is (the cover's « Variante » line filled in), if any.
    pub variant: Option<String>,
}

/// The supplier's identity, the grid the form was made from and the variant, found by their
/// labels anywhere in the file's top rows.
pub(crate) fn cover(file: &str, tables: &[Table], grid: &CheckedGrid) -> Cover {
    const LABELS: &[(&str, &[&str])] = &[
        (
            "name",
            &[
                "nom du candidat",
                "candidat",
                "raison sociale",
                "nom ou raison sociale",
                "denomination",
                "denomination sociale",
                "nom commercial",
                "nom de l'entreprise",
                "nom de la societe",
                "entreprise candidate",
                "operateur economique",
                "entreprise",
                "societe",
                "soumissionnaire",
                "supplier",
                "supplier name",
                "company",
                "company name",
            ],
        ),
        ("siret", &["siret", "n° siret", "numero siret", "siret number"]),
        ("contact", &["contact", "interlocuteur", "correspondant", "contact (nom, courriel, telephone)"]),
        ("grid_id", &["identifiant de la grille", "grille", "grid id"]),
        ("grid_version", &["version de la grille", "grid version"]),
        ("fingerprint", &["empreinte de la grille (sha-256)", "empreinte", "fingerprint"]),
    ];
    let own = normalise(crate::form::VARIANT_LABEL);
    let variant = ["variante", "nom de la variante", "variant", own.as_str()];
    let mut labels = LABELS.to_vec();
    labels.push(("variant", &variant));
    let mut found = labelled(tables, &labels);
    let mut notes = Vec::new();
    let name = found.remove("name").unwrap_or_else(|| {
        notes.push(Finding::NoSupplierName.diagnostic().file(file));
        file.rsplit_once('.').map_or(file, |(stem, _)| stem).to_string()
    });
    let grid_ref = match (found.remove("grid_id"), found.remove("grid_version")) {
        (Some(id), Some(version)) => Some(GridRef { id, version }),
        _ => None,
    };
    if let Some(fp) = found.remove("fingerprint")
        && fp != grid.fingerprint()
    {
        notes
            .push(Finding::OtherFingerprint { form: fp, grid: grid.fingerprint().to_string() }.diagnostic().file(file));
    }
    let supplier = Supplier { name, siret: found.remove("siret"), contact: found.remove("contact") };
    Cover { supplier, grid: grid_ref, notes, variant: found.remove("variant") }
}

fn read_rows(
    file: &str,
    (table, cols, ids): (&Table, Columns, &RowIds),
    grid: &CheckedGrid,
    criteria: &Keys,
    limits: &Limits,
    offer: &mut Offer,
) {
    let g = grid.grid();
    let ctx = Context::of(g);
    // Looked up once or twice per row, never walked: hashed.
    let by_id = &criteria.by_id;
    // The criteria read so far, by normalised id: the row read (its place named only for a second row).
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let keys = ScheduleKeys::of(g);
    let at = |d: Diagnostic, row: usize, col: usize| d.file(file).cell(&table.sheet, &cell_name(row, col));
    // A buyer's own form may head a section with a criterion's id ("Prix" above the price line):
    // for each criterion, the first row that holds an answer or a comment.
    let filled = |row: &Vec<Cell>| {
        [Some(cols.answer), cols.comment].into_iter().flatten().any(|c| row.get(c).is_some_and(|cell| !cell.is_empty()))
    };
    let mut answered: HashMap<&str, usize> = HashMap::new();
    for ((r, row), id) in table.rows.iter().enumerate().skip(cols.header_row + 1).zip(ids) {
        if let Some((_, key)) = id.as_ref().filter(|_| filled(row)) {
            answered.entry(key.as_str()).or_insert(r);
        }
    }
    for ((r, row), id) in table.rows.iter().enumerate().skip(cols.header_row + 1).zip(ids) {
        let Some((id, key)) = id else { continue };
        // A schedule's row, in a csv form's one table.
        if let Some(key) = keys.get(id) {
            schedule_row(key, r, row, cols, table, limits, offer, &at);
            continue;
        }
        let key = key.as_str();
        if let Some(&later) = answered.get(key).filter(|&&a| a > r && !seen.contains_key(key)) {
            let answer = place(&table.sheet, later, cols.answer);
            offer.diagnostics.push(at(Finding::HeadingRow { answer }.diagnostic(), r, cols.id));
            continue;
        }
        let Some(criterion) = by_id.get(key) else {
            if looks_like_id(id) {
                offer.diagnostics.push(at(
                    Finding::UnknownCriterion { id: id.trim().to_string() }.diagnostic(),
                    r,
                    cols.id,
                ));
            }
            continue;
        };
        if let Some(&first) = seen.get(key) {
            let first = place(&table.sheet, first, cols.answer);
            offer.diagnostics.push(at(
                Finding::DuplicateRow { first }.diagnostic().criterion(&criterion.id),
                r,
                cols.answer,
            ));
            continue;
        }
        seen.insert(key, r);
        let place = place(&table.sheet, r, cols.answer);
        let comment = cols
            .comment
            .and_then(|c| row.get(c))
            .and_then(Cell::as_text)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let answer_cell = row.get(cols.answer).unwrap_or(&Cell::Empty);
        let (mut raw, problem) = raw(answer_cell, limits);
        if let Some(problem) = problem {
            offer.diagnostics.push(at(Finding::Cell(problem).diagnostic().criterion(&criterion.id), r, cols.answer));
        }
        let mut location = place;
        // The answer typed in the comment column: used when it reads as a valid answer.
        if raw.is_none()
            && let Some(text) = &comment
        {
            let candidate = Raw::Text(text.clone());
            let reading = interpret(Some(&candidate), &criterion.answer, &ctx);
            if reading.value.is_some() && reading.problem.is_none() {
                let col = cols.comment.unwrap_or(cols.answer);
                offer.diagnostics.push(at(
                    Finding::AnswerInComment { answer: short(text) }.diagnostic().criterion(&criterion.id),
                    r,
                    col,
                ));
                location = crate::table::place(&table.sheet, r, col);
                raw = Some(candidate);
            }
        }
        // Problems of interpretation, located here where the cell is known; the evaluation
        // repeats the reading and explains the points.
        if let Some(value) = &raw
            && let Some(problem) = interpret(Some(value), &criterion.answer, &ctx).problem
        {
            offer.diagnostics.push(at(
                Finding::UnreadableAnswer { problem }.diagnostic().criterion(&criterion.id),
                r,
                cols.answer,
            ));
        }
        offer.responses.insert(criterion.id.clone(), Response { raw, comment, location: Some(location) });
    }
    // A price through a schedule or a life-cycle cost has no row of its own: its parts are read above.
    for ((_, c), key) in g.criteria().zip(&criteria.ordered) {
        if c.schedule.is_some() || c.life_cycle.is_some() {
            continue;
        }
        if !seen.contains_key(key.as_str()) {
            offer.diagnostics.push(
                Finding::MissingRow { label: c.label.clone(), sheet: table.sheet.clone() }
                    .diagnostic()
                    .file(file)
                    .criterion(&c.id),
            );
        }
    }
}

/// A cell as a raw answer, or a problem that says why it gives none.
fn raw(cell: &Cell, limits: &Limits) -> (Option<Raw>, Option<CellProblem>) {
    match cell {
        Cell::Empty => (None, None),
        Cell::Text(s) if s.chars().count() > limits.max_cell_chars => {
            let cut: String = s.chars().take(limits.max_cell_chars).collect();
            let n = s.chars().count();
            (Some(Raw::Text(cut)), Some(CellProblem::Cut { chars: n, limit: limits.max_cell_chars }))
        }
        Cell::Text(s) if s.trim().is_empty() => (None, None),
        Cell::Text(s) => (Some(Raw::Text(s.clone())), None),
        Cell::Number(n) => (Some(Raw::Number(*n)), None),
        Cell::Percent(n) => (Some(Raw::Quantity { value: n * 100.0, unit: jauge_engine::units::Unit::Percent }), None),
        Cell::Bool(b) => (Some(Raw::Bool(*b)), None),
        Cell::Date(d) => (Some(Raw::Text(d.iso())), None),
        Cell::Error(e) => (None, Some(CellProblem::Error { error: e.clone() })),
        Cell::Formula(f) => (None, Some(CellProblem::Formula { formula: short(f) })),
    }
}

/// A criterion-id-like text: short, with a letter and a digit (section titles are not reported).
fn looks_like_id(text: &str) -> bool {
    let t = text.trim();
    t.len() <= 16 && t.chars().any(|c| c.is_ascii_digit()) && t.chars().any(|c| c.is_alphabetic()) && !t.contains(' ')
}

/// A text cut for messages.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(80).collect();
    if text.chars().count() > 80 {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `labelled` skips a cell with more letters and digits than the longest label without
    /// normalising it: normalising never lessens them, for any character.
    #[test]
    fn normalising_never_lessens_letters_and_digits() {
        let alphanumerics = |t: &str| t.chars().filter(|c| c.is_alphanumeric()).count();
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let s = c.to_string();
            assert!(alphanumerics(&normalise(&s)) >= alphanumerics(&s), "{c:?} ({:#x})", u32::from(c));
        }
    }
}
