//! The engine's one error type. Messages are in French, the buyers' language, and carry the location.

use crate::diagnostic::Diagnostic;

/// Which kind of document an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Document {
    /// A grid file.
    Grid,
    /// An offer file.
    Offer,
    /// A file of the evaluators' marks.
    Marks,
}

impl std::fmt::Display for Document {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Document::Grid => "grille",
            Document::Offer => "offre",
            Document::Marks => "fichier de notes",
        })
    }
}

/// Why a grid or an offer could not be read.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is not JSON, or a value does not have the shape the format requires.
    #[error("{document} illisible, à « {path} » (ligne {line}, colonne {column}) : {message}")]
    Syntax {
        /// Grid or offer.
        document: Document,
        /// Where in the document, e.g. `families[1].criteria[0].rule`.
        path: String,
        /// Line in the file (1-based).
        line: usize,
        /// Column in the line (1-based).
        column: usize,
        /// What the parser expected.
        message: String,
    },
    /// The grid's `format` is not one this version of Jauge reads.
    #[error("format de grille « {found} » inconnu ; attendu l'un de : {}", crate::grid::SUPPORTED_FORMATS.join(", "))]
    UnknownFormat {
        /// The format found in the file.
        found: String,
    },
    /// The grid is well-formed but breaks rules of the format; every problem is listed.
    #[error("grille refusée : {} problème(s)", problems.len())]
    InvalidGrid {
        /// Every problem found, each naming the criterion and the field.
        problems: Vec<Diagnostic>,
    },
}

impl Error {
    /// The error in one line in `lang`, every problem of a refused grid listed with its location
    /// (the `Display` form only counts them).
    pub fn describe(&self, lang: crate::Lang) -> String {
        match self {
            Error::InvalidGrid { problems } => {
                let list: Vec<String> =
                    problems.iter().map(|p| format!("{} : {}", p.location(lang), p.message.get(lang))).collect();
                let head = match lang {
                    crate::Lang::Fr => "grille refusée",
                    crate::Lang::En => "grid refused",
                };
                format!("{head} : {}", list.join(" ; "))
            }
            e => e.to_string(),
        }
    }

    /// Builds a syntax error from serde's located error.
    pub(crate) fn syntax(document: Document, err: serde_path_to_error::Error<serde_json::Error>) -> Error {
        let path = err.path().to_string();
        let inner = err.into_inner();
        Error::Syntax { document, path, line: inner.line(), column: inner.column(), message: inner.to_string() }
    }
}
