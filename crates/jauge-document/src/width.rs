//! How wide a table wants to be on paper, estimated from its text: the HTML page and the Word
//! document choose from it a type size and an orientation that print every column, and the Word
//! document shares the page's width among the columns with it.

use crate::{Block, Cell, Document, Table};

/// An average character's width in ems in the sans-serif faces the documents use (DejaVu Sans is
/// among the widest): the estimate errs on the wide side, so a table said to fit does.
const CHAR: f64 = 0.62;
/// A bold heading's character.
const BOLD: f64 = 0.68;
/// A fingerprint breaks anywhere: it never sets a column's narrowest width beyond this.
const HASH: f64 = 8.0;
/// A cell's padding and borders, in ems.
const PADDING: f64 = 0.9;
/// Beyond this a comfortable column wraps its text rather than widen.
const COMFORTABLE: f64 = 22.0;
/// Millimetres per point.
const MM_PER_PT: f64 = 0.3528;

/// The width printed text may take on an A4 page, in millimetres, with 14 mm margins.
pub const PORTRAIT_MM: f64 = 182.0;
/// The same on an A4 page turned to landscape.
pub const LANDSCAPE_MM: f64 = 269.0;
/// The type size of tables, in points.
pub const TABLE_PT: f64 = 9.0;
/// The smaller type size of tables with many columns, in points.
pub const SMALL_PT: f64 = 7.5;

/// How a table is printed so that every column is on the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    /// On a portrait page, at the tables' type size.
    Portrait,
    /// On a portrait page, in a smaller type.
    Small,
    /// On a landscape page, in the smaller type.
    Landscape,
    /// On a landscape page, in the smaller type, words broken where they must be: the narrowest
    /// columns do not fit even there.
    Crowded,
}

impl Table {
    /// Each column's narrowest width in ems: its longest word (a number is never broken, a
    /// fingerprint breaks anywhere), headings in bold.
    pub fn narrowest(&self) -> Vec<f64> {
        self.widths(
            |text, numeric| {
                if numeric { chars(text) } else { text.split_whitespace().map(chars).fold(0.0, f64::max) }
            },
        )
    }

    /// Each column's comfortable width in ems: its longest text on one line, up to a bound past
    /// which it wraps.
    pub fn comfortable(&self) -> Vec<f64> {
        self.widths(|text, _| chars(text).min(COMFORTABLE / CHAR))
            .into_iter()
            .zip(self.narrowest())
            .map(|(c, n)| c.max(n))
            .collect()
    }

    /// How the table prints whole: the tables' type size on a portrait page if its narrowest
    /// columns fit, else a smaller type, else a landscape page.
    pub fn fit(&self) -> Fit {
        let ems: f64 = self.narrowest().iter().sum();
        let mm = |pt: f64| ems * pt * MM_PER_PT;
        if mm(TABLE_PT) <= PORTRAIT_MM {
            Fit::Portrait
        } else if mm(SMALL_PT) <= PORTRAIT_MM {
            Fit::Small
        } else if mm(SMALL_PT) <= LANDSCAPE_MM {
            Fit::Landscape
        } else {
            Fit::Crowded
        }
    }

    /// The table in as many tables as a landscape page needs, each repeating the first column
    /// (what the row is about) before a share of the others; the table itself when it fits.
    pub fn parts(&self) -> Vec<Table> {
        if self.fit() != Fit::Crowded || self.header.len() < 3 {
            return vec![self.clone()];
        }
        let widths = self.narrowest();
        let room = LANDSCAPE_MM / (SMALL_PT * MM_PER_PT) - widths[0];
        // As many parts as packing the columns in order needs, the columns shared evenly.
        let (mut count, mut used) = (0, f64::INFINITY);
        for w in &widths[1..] {
            if used + w > room {
                count += 1;
                used = 0.0;
            }
            used += w;
        }
        let others: Vec<usize> = (1..widths.len()).collect();
        let groups: Vec<&[usize]> = others.chunks(others.len().div_ceil(count.max(1))).collect();
        let pick = |row: &[Cell], group: &[usize]| -> Vec<Cell> {
            std::iter::once(0).chain(group.iter().copied()).filter_map(|i| row.get(i).cloned()).collect()
        };
        groups
            .iter()
            .map(|group| Table {
                header: std::iter::once(0).chain(group.iter().copied()).map(|i| self.header[i].clone()).collect(),
                rows: self.rows.iter().map(|row| pick(row, group)).collect(),
            })
            .collect()
    }

    /// Each column's width in ems, from the widest of its heading and cells measured by `measure`
    /// (text, numeric → characters), with the cell's padding.
    fn widths(&self, measure: impl Fn(&str, bool) -> f64) -> Vec<f64> {
        self.header
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let heading = measure(&h.title, false) * BOLD;
                let cells = self
                    .rows
                    .iter()
                    .filter_map(|row| row.get(i))
                    .map(|c| {
                        let text = c.shown();
                        let width = measure(&text, h.numeric) * CHAR;
                        if c.hash { width.min(HASH) } else { width }
                    })
                    .fold(0.0, f64::max);
                heading.max(cells) + PADDING
            })
            .collect()
    }
}

impl Document {
    /// Whether the section that starts with block `at` (a heading of either level, up to the next one) is
    /// printed on landscape pages: it holds a table that only fits them.
    pub fn landscape(&self, at: usize) -> bool {
        let mut section = self.blocks.iter().skip(at);
        let first = section.next().into_iter();
        first.chain(section.take_while(|b| b.heading().is_none())).any(|b| {
            matches!(b, Block::Table(t) if t.parts().iter().any(|p| matches!(p.fit(), Fit::Landscape | Fit::Crowded)))
        })
    }
}

/// A text's length in characters, as a float for the estimates.
fn chars(text: &str) -> f64 {
    text.chars().count() as f64
}

#[cfg(test)]
mod tests {
    use crate::{Cell, Column, Table};

    use super::Fit;

    fn table(columns: usize, word: &str) -> Table {
        Table {
            header: (0..columns).map(|i| Column::numeric(format!("C{i}"))).collect(),
            rows: vec![(0..columns).map(|_| Cell::from(word)).collect()],
        }
    }

    #[test]
    fn a_table_goes_to_a_smaller_type_then_to_landscape_as_its_columns_grow() {
        assert_eq!(table(5, "Interopérabilité").fit(), Fit::Portrait);
        assert_eq!(table(6, "Interopérabilité").fit(), Fit::Small);
        assert_eq!(table(8, "Interopérabilité").fit(), Fit::Landscape);
        assert_eq!(table(12, "Interopérabilité").fit(), Fit::Crowded);
        // A table too wide even for a landscape page is printed in parts, each repeating the
        // first column.
        let parts = table(12, "Interopérabilité").parts();
        assert_eq!(parts.len(), 2);
        assert!(parts.iter().all(|p| p.fit() != Fit::Crowded && p.header[0].title == "C0"));
        assert_eq!(parts.iter().map(|p| p.header.len() - 1).sum::<usize>(), 11);
        assert_eq!(table(5, "Interopérabilité").parts(), vec![table(5, "Interopérabilité")]);
        // Long sentences wrap; a fingerprint breaks anywhere.
        let mut t = table(3, "");
        t.header = vec![Column::text("Reason"), Column::text("SHA-256"), Column::numeric("Total")];
        t.rows = vec![vec![
            "a sentence that is long but made of short words, a sentence that wraps".into(),
            Cell::hash("5bdbdf337b1db7a6d0489d836c22fb18a982b175522a32c024fe8f463597a6ec"),
            "x".into(),
        ]];
        assert_eq!(t.fit(), Fit::Portrait);
        assert!(t.comfortable()[0] > t.narrowest()[0]);
    }
}
