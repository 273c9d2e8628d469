//! Diagnostics: problems and warnings about a grid or an offer, located and bilingual.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::limits::NAMED_NOTES;
use crate::text::Text;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The file breaks a rule: it is refused.
    Error,
    /// Accepted, but the procurement law requires a change before the tender is published.
    Blocking,
    /// Worth a look; nothing is refused.
    Warning,
    /// For information.
    Info,
}

/// One located message about a grid, an offer or an evaluation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Diagnostic {
    /// Stable machine-readable code (e.g. `duplicate_id`, `no_environment_criterion`).
    pub code: String,
    /// How serious it is.
    pub severity: Severity,
    /// The file concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The sheet concerned, when read from a workbook.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The cell concerned (e.g. `E14`), when read from a spreadsheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<String>,
    /// The family concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<String>,
    /// The criterion concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub criterion: Option<String>,
    /// The field concerned (e.g. `rule.best`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is wrong and what was expected, in French and English.
    pub message: Text,
}

impl Diagnostic {
    /// A diagnostic with no location yet.
    pub fn new(code: &str, severity: Severity, message: Text) -> Diagnostic {
        Diagnostic {
            code: code.to_string(),
            severity,
            file: None,
            sheet: None,
            cell: None,
            family: None,
            criterion: None,
            field: None,
            message,
        }
    }

    /// Sets the criterion concerned.
    pub fn criterion(mut self, id: &str) -> Diagnostic {
        self.criterion = Some(id.to_string());
        self
    }

    /// Sets the family concerned.
    pub fn family(mut self, id: &str) -> Diagnostic {
        self.family = Some(id.to_string());
        self
    }

    /// Sets the file concerned.
    pub fn file(mut self, file: &str) -> Diagnostic {
        self.file = Some(file.to_string());
        self
    }

    /// Sets the sheet and cell concerned.
    pub fn cell(mut self, sheet: &str, cell: &str) -> Diagnostic {
        self.sheet = Some(sheet.to_string());
        self.cell = Some(cell.to_string());
        self
    }

    /// Sets the field concerned.
    pub fn field(mut self, field: &str) -> Diagnostic {
        self.field = Some(field.to_string());
        self
    }

    /// The location as one line: `offre.xlsx, feuille « Réponse », cellule E14, critère REV-03`.
    pub fn location(&self, lang: crate::Lang) -> String {
        let fr = lang == crate::Lang::Fr;
        let mut parts = Vec::new();
        if let Some(f) = &self.file {
            parts.push(f.clone());
        }
        if let Some(s) = &self.sheet {
            parts.push(if fr { format!("feuille « {s} »") } else { format!("sheet \"{s}\"") });
        }
        if let Some(c) = &self.cell {
            parts.push(format!("{} {c}", if fr { "cellule" } else { "cell" }));
        }
        if let Some(f) = &self.family {
            parts.push(format!("{} {f}", if fr { "famille" } else { "family" }));
        }
        if let Some(c) = &self.criterion {
            parts.push(format!("{} {c}", if fr { "critère" } else { "criterion" }));
        }
        if let Some(f) = &self.field {
            parts.push(format!("{} {f}", if fr { "champ" } else { "field" }));
        }
        parts.join(", ")
    }
}

/// Notes of one kind about a file's ignored parts: the first [`NAMED_NOTES`] kept as they come,
/// the others counted in one note placed where the first of them is.
#[derive(Default)]
pub struct Named {
    count: usize,
    first_unnamed: Option<Diagnostic>,
}

impl Named {
    /// One more ignored part: its note is kept if it is among the first, else counted.
    pub fn count(&mut self, notes: &mut Vec<Diagnostic>, note: impl FnOnce() -> Diagnostic) {
        self.count += 1;
        if self.count <= NAMED_NOTES {
            notes.push(note());
        } else if self.first_unnamed.is_none() {
            self.first_unnamed = Some(note());
        }
    }

    /// The note counting the parts not named, if any, placed at the first of them.
    pub fn more(self, note: impl FnOnce(usize) -> Diagnostic) -> Option<Diagnostic> {
        let first = self.first_unnamed?;
        let mut note = note(self.count - NAMED_NOTES);
        (note.file, note.sheet, note.cell) = (first.file, first.sheet, first.cell);
        Some(note)
    }
}
