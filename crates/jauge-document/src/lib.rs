//! Jauge's documents as data: headings, paragraphs and tables of cells, built once from the
//! engine's results and rendered by whoever needs them (the analysis report's HTML page and Word
//! document, the workbooks of `jauge-sheets`). A document crosses the boundary between the web
//! app's interface module and its reader module as JSON, hence serde on every type.
//!
//! [`ranking`] is the one ranking table: every output that shows a ranking takes its columns and
//! their words from it. [`safe`] makes any text safe for the formats Jauge writes: every writer
//! goes through it.

mod ranking;
pub mod safe;
mod width;

use jauge_engine::Lang;
use jauge_engine::text::number;
use serde::{Deserialize, Serialize};

pub use ranking::{RankingColumn, abbreviations, bidder, legend, ranking};
pub use width::{Fit, LANDSCAPE_MM, PORTRAIT_MM, SMALL_PT, TABLE_PT};

/// A number in a cell: its value, for spreadsheets, and how many decimals it is shown with.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Number {
    /// The value.
    pub value: f64,
    /// Decimals shown: 0 for a rank or a count.
    pub decimals: usize,
}

/// A table cell: text, optionally led by a part in bold (a mark before its appraisal). A cell
/// that holds a number carries it too: spreadsheets get the number, pages print the text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cell {
    /// The part in bold.
    pub strong: String,
    /// The rest.
    pub text: String,
    /// A fingerprint, in a monospace font.
    pub hash: bool,
    /// The number the text shows, if it is one.
    pub number: Option<Number>,
}

impl Cell {
    /// A fingerprint.
    pub fn hash(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), hash: true, ..Cell::default() }
    }

    /// Text in bold.
    pub fn strong(text: impl Into<String>) -> Cell {
        Cell { strong: text.into(), ..Cell::default() }
    }

    /// A mark in bold followed by its appraisal.
    pub fn mark(mark: String, appraisal: &str) -> Cell {
        Cell { strong: mark, text: format!(" — {appraisal}"), ..Cell::default() }
    }

    /// A number shown with `decimals` decimals, written as `lang` writes numbers.
    pub fn number(value: f64, decimals: usize, lang: Lang) -> Cell {
        Cell { text: number(value, decimals, lang), number: Some(Number { value, decimals }), ..Cell::default() }
    }

    /// A number with exactly `decimals` decimals, for a column of figures
    /// ([`jauge_engine::text::number_fixed`]).
    pub fn figure(value: f64, decimals: usize, lang: Lang) -> Cell {
        Cell {
            text: jauge_engine::text::number_fixed(value, decimals, lang),
            number: Some(Number { value, decimals }),
            ..Cell::default()
        }
    }

    /// The same cell, all in bold.
    pub fn bold(self) -> Cell {
        Cell { strong: format!("{}{}", self.strong, self.text), text: String::new(), ..self }
    }

    /// The text shown: the bold part, then the rest.
    pub fn shown(&self) -> String {
        format!("{}{}", self.strong, self.text)
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, ..Cell::default() }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A column heading; numeric columns are right-aligned.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    /// The heading.
    pub title: String,
    /// Figures: aligned right.
    pub numeric: bool,
}

impl Column {
    /// A column of text.
    pub fn text(title: impl Into<String>) -> Column {
        Column { title: title.into(), numeric: false }
    }

    /// A column of figures.
    pub fn numeric(title: impl Into<String>) -> Column {
        Column { title: title.into(), numeric: true }
    }
}

/// Column headings from (title, numeric) pairs.
pub fn columns(titles: &[(&str, bool)]) -> Vec<Column> {
    titles.iter().map(|(t, n)| Column { title: t.to_string(), numeric: *n }).collect()
}

/// A table: column headings and rows, each row as long as the header.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Column headings.
    pub header: Vec<Column>,
    /// Rows.
    pub rows: Vec<Vec<Cell>>,
}

/// A part of a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A heading one level down, within the section before it: a lot's sections under the lot's
    /// heading, an offer's part of an annex. It opens a section of its own as a heading does (a
    /// page of its own in a workbook, landscape pages of its own when its table needs them).
    Subheading(String),
    /// A paragraph.
    Para(String),
    /// A paragraph of secondary importance.
    Muted(String),
    /// What remains to settle, framed.
    Notice {
        /// The frame's heading.
        title: String,
        /// The items.
        items: Vec<String>,
    },
    /// Items and values.
    Record(Vec<(String, Cell)>),
    /// A table.
    Table(Table),
    /// The proposed winner, framed: the heading line and the reasons.
    Winner(String, String),
    /// Signature boxes: (name, role), each with a date and a signature line.
    Signatures(Vec<(String, String)>),
}

/// Parts of a line joined by dashes, those left empty skipped: « Portail citoyen — lot 2 », never
/// a dash with nothing on one side.
pub fn dashed<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut line = String::new();
    for part in parts.into_iter().map(str::trim).filter(|p| !p.is_empty()) {
        if !line.is_empty() {
            line.push_str(" — ");
        }
        line.push_str(part);
    }
    line
}

impl Block {
    /// The heading's text, when the block is a heading of either level: where a section starts.
    pub fn heading(&self) -> Option<&str> {
        match self {
            Block::Heading(t) | Block::Subheading(t) => Some(t),
            _ => None,
        }
    }
}

/// A whole document.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Document {
    /// The language it is written in.
    pub lang: Lang,
    /// The title.
    pub title: String,
    /// The tender, for the page title.
    pub tender: String,
    /// The tender and lot, under the title.
    pub subtitle: String,
    /// The line at the foot of every printed page.
    pub footer: String,
    /// The content.
    pub blocks: Vec<Block>,
}

impl Document {
    /// The language's code, `fr` or `en`.
    pub fn lang_code(&self) -> &'static str {
        self.lang.pick("fr", "en")
    }

    /// The title with the tender it is about, as a window, a tab or a file's properties name the
    /// document: « Analyse des offres — Portail citoyen », the title alone when no tender is named.
    pub fn full_title(&self) -> String {
        dashed([self.title.as_str(), self.tender.as_str()])
    }

    /// Adds a section heading.
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    /// Adds a heading one level down, within the section before it.
    pub fn subheading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Subheading(text.into()));
    }

    /// Adds a paragraph.
    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para(text.into()));
    }

    /// Adds a paragraph of secondary importance.
    pub fn muted(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Muted(text.into()));
    }

    /// Adds a table, or "None." when it has no row.
    pub fn table(&mut self, table: Table) {
        if table.rows.is_empty() {
            self.none();
        } else {
            self.blocks.push(Block::Table(table));
        }
    }

    /// Adds "None.": a section with nothing to show.
    pub fn none(&mut self) {
        self.muted(self.lang.pick("Néant.", "None."));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_goes_through_json_unchanged() {
        let mut d = Document { lang: Lang::En, title: "Report".into(), ..Document::default() };
        d.heading("1. Ranking");
        d.table(Table {
            header: columns(&[("Bidder", false), ("Total", true)]),
            rows: vec![vec!["Armor".into(), Cell::number(81.5, 2, Lang::En).bold()]],
        });
        d.table(Table::default());
        let json = serde_json::to_string(&d).expect("serialised");
        let back: Document = serde_json::from_str(&json).expect("read back");
        assert_eq!(back, d);
        assert_eq!(back.blocks[2], Block::Muted("None.".into()));
        let Block::Table(t) = &back.blocks[1] else { panic!("a table") };
        assert_eq!(t.rows[0][1].shown(), "81.5");
        assert_eq!(t.rows[0][1].number, Some(Number { value: 81.5, decimals: 2 }));
    }

    #[test]
    fn dashes_join_only_what_is_written() {
        for (parts, line) in [
            (vec![], ""),
            (vec!["", " "], ""),
            (vec!["A"], "A"),
            (vec!["", "B"], "B"),
            (vec!["A", "", "C"], "A — C"),
            (vec![" A ", "B "], "A — B"),
        ] {
            assert_eq!(dashed(parts.clone()), line, "{parts:?}");
        }
    }

    #[test]
    fn the_full_title_names_the_tender_only_when_there_is_one() {
        let mut d = Document { title: "Analyse des offres".into(), ..Document::default() };
        for (tender, full) in [
            ("", "Analyse des offres"),
            ("  ", "Analyse des offres"),
            ("Portail citoyen", "Analyse des offres — Portail citoyen"),
            (" Portail ", "Analyse des offres — Portail"),
        ] {
            d.tender = tender.into();
            assert_eq!(d.full_title(), full, "tender {tender:?}");
        }
    }
}
