//! From tables to an offer: the answer table found by its column names, rows matched to criteria
//! by normalised id, the supplier's identity found by its labels, and every problem located.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use jauge_engine::diagnostic::Named;
use jauge_engine::grid::{Criterion, normalise_id};
use jauge_engine::offer::GridRef;
use jauge_engine::value::{Context, Raw, interpret, is_mark, normalise, normalise_into};
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

/// The normalised names of an id column (`header_kind`).
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

/// The most characters an id column's name has once normalised.
const ID_CHARS: usize = 22;

/// Whether a cell could name an id column: its text, trimmed as `header_kind` trims it, has at
/// most [`ID_CHARS`] characters. Normalising gives each character other than white space, `:`,
/// `*` and a combining mark (`is_mark`, dropped) at least one that is none of them (lower case
/// and folding never give those), so a text with more such characters is never an id column's
/// name, and is not normalised to tell it.
fn may_name_id(cell: &Cell) -> bool {
    let Some(text) = cell.as_text() else { return false };
    let kept = text.chars().filter(|&c| !c.is_whitespace() && !matches!(c, ':' | '*') && !is_mark(c));
    kept.take(ID_CHARS + 1).count() <= ID_CHARS && header_kind(cell) == Some(Header::Id)
}

fn header_kind(cell: &Cell) -> Option<Header> {
    let text = normalise(&cell.as_text()?);
    let text = text.trim_end_matches([':', '*', ' ']).trim();
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
    comments().iter().any(|c| c.find(text.as_bytes()).is_some()).then_some(Header::Comment)
}

/// The words that name a comment column, each a searcher made once (a text's search made them
/// again for every cell).
fn comments() -> &'static [memchr::memmem::Finder<'static>] {
    static COMMENTS: std::sync::OnceLock<Vec<memchr::memmem::Finder<'static>>> = std::sync::OnceLock::new();
    COMMENTS.get_or_init(|| {
        ["justificatif", "commentaire", "comment", "observation", "preuve", "evidence", "remarque", "precision"]
            .into_iter()
            .map(memchr::memmem::Finder::new)
            .collect()
    })
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Header {
    Id,
    Answer,
    Comment,
}

fn columns(table: &Table) -> Option<Columns> {
    for (r, row) in table.rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        // A row without an id column's name is none's header: its cells' other names are not
        // looked for (most rows of a form's cover hold long sentences).
        if !row.iter().any(may_name_id) {
            continue;
        }
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
    /// Keyed by the grid's ids, not a bidder's words: hashed by foldhash, several times faster
    /// than SipHash on short keys.
    by_id: foldhash::HashMap<String, &'g Criterion>,
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
fn labelled<'a>(tables: &[Table], labels: &Labels<'a>) -> BTreeMap<&'a str, String> {
    let mut found: BTreeMap<&'a str, String> = BTreeMap::new();
    // One buffer for every cell's normalised text.
    let mut normalised = String::new();
    for table in tables {
        for row in table.rows.iter().take(HEADER_SEARCH_ROWS) {
            for (c, cell) in row.iter().enumerate() {
                // A number is never a label; most cells of the top rows, a question or an answer,
                // are told apart without being normalised whole.
                let Cell::Text(label) = cell else { continue };
                if !labels.may_be(label, &mut normalised) {
                    continue;
                }
                normalise_into(label, &mut normalised);
                let label = normalised.trim_end_matches([':', '*', ' ']).trim();
                let Some((key, _)) = labels.keys.iter().find(|(_, names)| names.contains(&label)) else { continue };
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

/// The labels `labelled` looks for (normalised), by key, with what tells a cell apart without
/// normalising it whole: how many letters and digits the longest has, and every start of them.
struct Labels<'a> {
    keys: Vec<(&'a str, Vec<&'a str>)>,
    longest: usize,
    /// The grid's words, looked up for every cell of the top rows: hashed by foldhash.
    starts: foldhash::HashSet<&'a str>,
}

impl<'a> Labels<'a> {
    fn new(keys: Vec<(&'a str, Vec<&'a str>)>) -> Labels<'a> {
        let names = || keys.iter().flat_map(|(_, names)| names.iter().copied());
        let longest = names().map(|n| letters(n).count()).max().unwrap_or(0);
        let starts = names().flat_map(|n| n.char_indices().map(|(at, _)| &n[..at]).chain([n])).collect();
        Labels { keys, longest, starts }
    }

    /// Whether a cell's text may be one of the labels once normalised and trimmed as `labelled`
    /// trims it. Normalising never lessens a text's letters and digits (`letters`: combining
    /// marks, which it drops, not counted): a text with more of them than the longest label is
    /// none. Normalising is done character by character, each character other than white space
    /// and combining marks giving at least one: the normalised start of a text (its first six
    /// characters other than white space, the start ending with one of them) starts its
    /// normalised text, and, trimmed the same way, the text trimmed; a text whose start begins no
    /// label is none.
    /// `normalised`, the caller's buffer, is where the start is normalised.
    fn may_be(&self, text: &str, normalised: &mut String) -> bool {
        let head = text
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .nth(5)
            .map_or(text, |(at, c)| &text[..at + c.len_utf8()]);
        normalise_into(head, normalised);
        self.starts.contains(normalised.trim_end_matches([':', '*', ' ']))
            && letters(text).take(self.longest + 1).count() <= self.longest
    }
}

/// A text's letters and digits other than combining marks: normalising never gives fewer.
fn letters(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars().filter(|&c| c.is_alphanumeric() && !is_mark(c))
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
    // Made once: every file's cover is read with them.
    static COVER: std::sync::OnceLock<Labels<'static>> = std::sync::OnceLock::new();
    let labels = COVER.get_or_init(|| {
        let own: &'static str = Box::leak(normalise(crate::form::VARIANT_LABEL).into_boxed_str());
        let mut keys: Vec<(&str, Vec<&str>)> = LABELS.iter().map(|(key, names)| (*key, names.to_vec())).collect();
        keys.push(("variant", vec!["variante", "nom de la variante", "variant", own]));
        Labels::new(keys)
    });
    let mut found = labelled(tables, labels);
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
    // Keyed by the grid's ids only (those the rows match): foldhash. `answered` holds every id
    // a bidder writes, and keeps std's SipHash, which crafted collisions cannot slow down.
    let mut seen: foldhash::HashMap<&str, usize> = foldhash::HashMapExt::with_capacity(by_id.len());
    let keys = ScheduleKeys::of(g);
    let at = |d: Diagnostic, row: usize, col: usize| d.file(file).cell(&table.sheet, &cell_name(row, col));
    // A buyer's own form may head a section with a criterion's id ("Prix" above the price line):
    // for each criterion, the first row that holds an answer or a comment.
    let filled = |row: &Vec<Cell>| {
        [Some(cols.answer), cols.comment].into_iter().flatten().any(|c| row.get(c).is_some_and(|cell| !cell.is_empty()))
    };
    let mut answered: HashMap<&str, usize> = HashMap::with_capacity(by_id.len());
    // Rows ignored, named up to a few, then counted: a form of 100 000 unknown rows gives 21 notes.
    let (mut unknown, mut duplicates) = (Named::default(), Named::default());
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
                unknown.count(&mut offer.diagnostics, || {
                    at(Finding::UnknownCriterion { id: id.trim().to_string() }.diagnostic(), r, cols.id)
                });
            }
            continue;
        };
        if let Some(&first) = seen.get(key) {
            let first = place(&table.sheet, first, cols.answer);
            duplicates.count(&mut offer.diagnostics, || {
                at(Finding::DuplicateRow { first }.diagnostic().criterion(&criterion.id), r, cols.answer)
            });
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
    offer.diagnostics.extend(unknown.more(|count| Finding::UnknownCriteriaMore { count }.diagnostic()));
    offer.diagnostics.extend(duplicates.more(|count| Finding::DuplicateRowsMore { count }.diagnostic()));
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
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let s = c.to_string();
            let normalised = normalise(&s);
            assert!(letters(&normalised).count() >= letters(&s).count(), "{c:?} ({:#x})", u32::from(c));
        }
    }

    /// `may_name_id` and `may_start` skip a cell without normalising it whole: every character
    /// other than white space, `:` and `*` gives at least one that is none of them, for any
    /// character, and nothing longer than `ID_CHARS` names an id column.
    #[test]
    fn normalising_keeps_a_character_for_each_but_spaces() {
        assert!(IDS.iter().all(|id| id.chars().count() <= ID_CHARS));
        let kept = |c: &char| !c.is_whitespace() && !matches!(c, ':' | '*') && !is_mark(*c);
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32).filter(kept) {
            let n = normalise(&format!("{c}"));
            assert!(n.chars().any(|d| !d.is_whitespace() && !matches!(d, ':' | '*')), "{c:?} ({:#x})", u32::from(c));
            // Ended by it, a text's normalised start starts its normalised text.
            let text = format!("a {c}  b\u{a0}:");
            assert!(normalise(&text).starts_with(&normalise(&format!("a {c}"))), "{c:?} ({:#x})", u32::from(c));
        }
    }

    /// The shortcuts find what normalising every cell finds: a cell is an id column's name, or
    /// a label, with them exactly when without.
    #[test]
    fn shortcuts_find_every_header_and_label() {
        let labels = Labels::new(vec![
            ("name", vec!["nom du candidat", "candidat", "n° siret", "siret"]),
            ("id", vec!["identifiant du critere", "contact (nom, courriel, telephone)"]),
        ]);
        let mut texts: Vec<String> = Vec::new();
        for base in IDS.iter().chain(labels.keys.iter().flat_map(|(_, names)| names.iter())) {
            for decorated in [
                base.to_string(),
                base.to_uppercase(),
                format!("  {base} :"),
                format!("{base}*"),
                format!("{base} :*  :"),
                base.replace('e', "É").replace(' ', "\u{a0} "),
                format!("{base}x"),
                format!("x{base}"),
                base.chars().take(3).collect(),
                // Decomposed (NFD), and every letter given an accent written apart: as long in
                // characters as twice the name, the same name once normalised.
                base.replace('e', "E\u{301}"),
                base.chars().flat_map(|c| [c, '\u{300}']).collect(),
            ] {
                texts.push(decorated);
            }
        }
        texts.extend(
            ["INT-01", "Oui", "Non", "Interopérabilité", "", "   ", ":", "* :", "Nº", "ŒUVRE"].map(String::from),
        );
        for text in &texts {
            let cell = Cell::Text(text.clone());
            assert_eq!(may_name_id(&cell), header_kind(&cell) == Some(Header::Id), "{text:?}");
            let label = normalise(text);
            let label = label.trim_end_matches([':', '*', ' ']).trim();
            if labels.keys.iter().any(|(_, names)| names.contains(&label)) {
                assert!(labels.may_be(text, &mut String::new()), "{text:?}");
            }
        }
    }

    /// Ids in ASCII are normalised byte by byte: as character by character.
    #[test]
    fn ascii_ids_are_normalised_as_any_text() {
        let by_char =
            |id: &str| -> String { id.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase).collect() };
        let every: String = (0..128u8).map(char::from).collect();
        for id in ["REV-03", "rev 03", "Rev_03", "a/b/c", every.as_str(), ""] {
            assert_eq!(normalise_id(id), by_char(id), "{id:?}");
        }
    }
}
