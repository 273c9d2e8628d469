//! What reading an offer's spreadsheet finds, as data: the supplier's name or the grid's
//! fingerprint missing or different, rows unknown, repeated or missing, cells that give no answer
//! or one read elsewhere. [`layout`](crate::layout) only finds them; the words are here, French and
//! English side by side, picked by [`Lang::pick`]. [`Finding::diagnostic`] makes the offer's
//! located [`Diagnostic`] (the caller adds the file, the cell and the criterion).

use jauge_engine::text::{Lang, Text, number};
use jauge_engine::{Diagnostic, Severity};
use serde::{Deserialize, Serialize};

/// Why a cell gives no answer, or only part of one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum CellProblem {
    /// A text longer than the cap, cut.
    Cut {
        /// Its length in characters.
        chars: usize,
        /// The cap it was cut at.
        limit: usize,
    },
    /// The cell holds a spreadsheet error (`#DIV/0!`).
    Error {
        /// The error as the spreadsheet writes it.
        error: String,
    },
    /// A formula with no computed value: a file written by a program.
    Formula {
        /// The formula, shortened, without its `=`.
        formula: String,
    },
}

impl CellProblem {
    /// The problem in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            CellProblem::Cut { chars, limit } => lang.pick(
                format!("cellule de {chars} caractères, coupée à {limit}"),
                format!("cell of {chars} characters, cut at {limit}"),
            ),
            CellProblem::Error { error } => lang.pick(
                format!("la cellule contient l'erreur {error} : pas de réponse lue"),
                format!("the cell holds the error {error}: no answer read"),
            ),
            CellProblem::Formula { formula } => lang.pick(
                format!("formule « ={formula} » sans valeur calculée (fichier produit par un programme) : ouvrir et enregistrer le fichier dans un tableur ; la réponse n'est pas lue comme 0"),
                format!("formula \"={formula}\" with no computed value (file written by a program): open and save the file in a spreadsheet program; the answer is not read as 0"),
            ),
        }
    }
}

/// One thing reading a spreadsheet offer finds. Serialised `{"code": "missing_row", "data": {…}}`;
/// [`Finding::code`] is the diagnostic's code.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Finding {
    /// No supplier's name in the file: the file's name stands in for it.
    NoSupplierName,
    /// The response form was made for a grid with another fingerprint.
    OtherFingerprint {
        /// The fingerprint the form gives.
        form: String,
        /// The fingerprint of the grid in use.
        grid: String,
    },
    /// A row whose identifier the grid does not have: ignored.
    UnknownCriterion {
        /// The identifier, trimmed.
        id: String,
    },
    /// More rows whose identifier the grid does not have than are named one by one.
    UnknownCriteriaMore {
        /// How many more.
        count: usize,
    },
    /// A row whose first cell reads as a criterion's id but has no answer, while a later row of
    /// that criterion has one: taken for a section heading ("Prix" above the price line).
    HeadingRow {
        /// Where the answer is read instead (`Réponse!I14`).
        answer: String,
    },
    /// A second row for a criterion: only the first is read.
    DuplicateRow {
        /// Where the first one is (`Réponse!C4`).
        first: String,
    },
    /// More second rows than are named one by one.
    DuplicateRowsMore {
        /// How many more.
        count: usize,
    },
    /// An answer cell that gives no answer, or only part of one.
    Cell(CellProblem),
    /// The answer cell empty, the answer read in the comment column.
    AnswerInComment {
        /// The answer read, shortened.
        answer: String,
    },
    /// An answer that cannot be read in the criterion's terms: why, as the engine words it.
    UnreadableAnswer {
        /// The engine's words.
        problem: Text,
    },
    /// No row for a criterion: counted as not answered.
    MissingRow {
        /// The criterion's label.
        label: Text,
        /// The sheet read.
        sheet: String,
    },
    /// Answers given for a lot the bidder does not bid for: reported, not scored.
    NotBidLot {
        /// The lot's id.
        lot: String,
    },
    /// A form for a grid with lots in which no lot is bid for nor answered.
    NoLot,
}

impl Finding {
    /// The diagnostic's code, e.g. `missing_row`.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::NoSupplierName => "no_supplier_name",
            Finding::OtherFingerprint { .. } => "other_fingerprint",
            Finding::UnknownCriterion { .. } => "unknown_criterion",
            Finding::UnknownCriteriaMore { .. } => "unknown_criteria_more",
            Finding::HeadingRow { .. } => "heading_row",
            Finding::DuplicateRow { .. } => "duplicate_row",
            Finding::DuplicateRowsMore { .. } => "duplicate_rows_more",
            Finding::Cell(_) => "cell",
            Finding::AnswerInComment { .. } => "answer_in_comment",
            Finding::UnreadableAnswer { .. } => "unreadable_answer",
            Finding::MissingRow { .. } => "missing_row",
            Finding::NotBidLot { .. } => "not_bid_lot",
            Finding::NoLot => "no_lot",
        }
    }

    /// How serious it is: an unknown row is for information, the rest is worth a look.
    pub fn severity(&self) -> Severity {
        match self {
            Finding::UnknownCriterion { .. } | Finding::UnknownCriteriaMore { .. } | Finding::HeadingRow { .. } => {
                Severity::Info
            }
            _ => Severity::Warning,
        }
    }

    /// The finding in words, in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let l = lang;
        match self {
            Finding::NoSupplierName => l
                .pick(
                    "nom du candidat absent du fichier : le nom du fichier le remplace",
                    "supplier name missing from the file: the file name stands in for it",
                )
                .to_string(),
            Finding::OtherFingerprint { form, grid } => l.pick(
                format!("le cadre de réponse a été produit pour une grille d'empreinte {form}, différente de celle utilisée ({grid}) ; vérifier que le candidat a répondu au bon cadre"),
                format!("the response form was made for a grid with fingerprint {form}, not the one in use ({grid}); check that the supplier answered the right form"),
            ),
            Finding::UnknownCriterion { id } => l.pick(
                format!("identifiant « {id} » absent de la grille : ligne ignorée"),
                format!("identifier \"{id}\" is not in the grid: row ignored"),
            ),
            Finding::UnknownCriteriaMore { count } => {
                let n = number(*count as f64, 0, l);
                l.pick(
                    format!("et {n} autres lignes d'identifiant absent de la grille, à partir d'ici : ignorées"),
                    format!("and {n} more rows whose identifier is not in the grid, from here on: ignored"),
                )
            }
            Finding::HeadingRow { answer } => l.pick(
                format!("ligne sans réponse prise pour un titre de section ; la réponse à ce critère est lue en {answer}"),
                format!("row without an answer taken for a section heading; this criterion's answer is read at {answer}"),
            ),
            Finding::DuplicateRow { first } => l.pick(
                format!("deuxième ligne pour ce critère : seule la première ({first}) est lue"),
                format!("second row for this criterion: only the first ({first}) is read"),
            ),
            Finding::DuplicateRowsMore { count } => {
                let n = number(*count as f64, 0, l);
                l.pick(
                    format!("et {n} autres lignes en double d'un critère, à partir d'ici : seule la première ligne de chaque critère est lue"),
                    format!("and {n} more second rows of a criterion, from here on: only each criterion's first row is read"),
                )
            }
            Finding::Cell(problem) => problem.describe(l),
            Finding::AnswerInComment { answer } => l.pick(
                format!("cellule de réponse vide ; réponse « {answer} » lue dans la colonne commentaire"),
                format!("answer cell empty; answer \"{answer}\" read in the comment column"),
            ),
            Finding::UnreadableAnswer { problem } => problem.get(l).to_string(),
            Finding::MissingRow { label, sheet } => {
                let label = label.get(l);
                l.pick(
                    format!("aucune ligne pour le critère « {label} » dans la feuille « {sheet} » : compté sans réponse"),
                    format!("no row for criterion \"{label}\" in sheet \"{sheet}\": counted as not answered"),
                )
            }
            Finding::NotBidLot { lot } => l.pick(
                format!("réponses au lot « {lot} », auquel le candidat ne se déclare pas candidat : signalées, non notées"),
                format!("answers to lot \"{lot}\", which the bidder does not declare it bids for: reported, not scored"),
            ),
            Finding::NoLot => l
                .pick(
                    "le cadre de réponse ne désigne ni ne renseigne aucun lot : l'offre n'est notée dans aucun lot",
                    "the response form neither names nor answers any lot: the offer is scored in no lot",
                )
                .to_string(),
        }
    }

    /// The finding in both languages (the engine's words as they are, when they are its).
    pub fn text(&self) -> Text {
        match self {
            Finding::UnreadableAnswer { problem } => problem.clone(),
            _ => Text::new(self.describe(Lang::Fr), self.describe(Lang::En)),
        }
    }

    /// The diagnostic, not located yet: its code, severity and words in both languages.
    pub fn diagnostic(&self) -> Diagnostic {
        Diagnostic::new(self.code(), self.severity(), self.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_findings_in_both_languages() {
        let missing = Finding::MissingRow { label: Text::new("Délai", "Time"), sheet: "Réponse".into() };
        assert_eq!(
            missing.text(),
            Text::new(
                "aucune ligne pour le critère « Délai » dans la feuille « Réponse » : compté sans réponse",
                "no row for criterion \"Time\" in sheet \"Réponse\": counted as not answered"
            )
        );
        let cut = Finding::Cell(CellProblem::Cut { chars: 5000, limit: 4000 });
        assert_eq!(cut.describe(Lang::Fr), "cellule de 5000 caractères, coupée à 4000");
        assert_eq!(cut.describe(Lang::En), "cell of 5000 characters, cut at 4000");
        assert_eq!(Finding::UnknownCriterion { id: "X-1".into() }.diagnostic().severity, Severity::Info);
        let more = Finding::UnknownCriteriaMore { count: 99_980 };
        assert_eq!(
            more.describe(Lang::Fr),
            "et 99\u{202f}980 autres lignes d'identifiant absent de la grille, à partir d'ici : ignorées"
        );
    }

    #[test]
    fn the_code_round_trips_through_serde() {
        let findings = [
            Finding::NoSupplierName,
            Finding::OtherFingerprint { form: "ab".into(), grid: "cd".into() },
            Finding::UnknownCriterion { id: "X-1".into() },
            Finding::DuplicateRow { first: "Réponse!C4".into() },
            Finding::UnknownCriteriaMore { count: 99_980 },
            Finding::DuplicateRowsMore { count: 3 },
            Finding::HeadingRow { answer: "Réponse!I14".into() },
            Finding::Cell(CellProblem::Error { error: "#DIV/0!".into() }),
            Finding::Cell(CellProblem::Formula { formula: "A1+1".into() }),
            Finding::AnswerInComment { answer: "Oui".into() },
            Finding::UnreadableAnswer { problem: Text::new("illisible", "unreadable") },
            Finding::MissingRow { label: Text::new("Délai", "Time"), sheet: "Réponse".into() },
            Finding::NotBidLot { lot: "1".into() },
            Finding::NoLot,
        ];
        for finding in findings {
            let json = serde_json::to_value(&finding).expect("serialisable");
            assert_eq!(json["code"], finding.code(), "{finding:?}");
            assert_eq!(serde_json::from_value::<Finding>(json).expect("readable"), finding);
        }
    }
}
