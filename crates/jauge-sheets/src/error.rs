//! The ingestion crate's one error type: why a whole file could not be read. Problems in single
//! cells are not errors; they come back as diagnostics with the offer.

/// Why a file could not be read at all. Messages are in French and name the file.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The file is larger than the configured cap.
    #[error("{file} : fichier de {size} octets, au-delà de la limite de {limit} octets")]
    TooLarge {
        /// File name.
        file: String,
        /// Size in bytes.
        size: u64,
        /// The cap in bytes.
        limit: u64,
    },
    /// The archive would expand beyond the cap, or lies about its sizes (a zip bomb).
    #[error("{file} : archive suspecte ({}) ; fichier refusé", detail.fr)]
    Bomb {
        /// File name.
        file: String,
        /// What gave it away, in French and English.
        detail: jauge_engine::Text,
    },
    /// The workbook is protected by a password: it cannot be read without it.
    #[error(
        "{file} : classeur protégé par un mot de passe ; enregistrez-le sans mot de passe puis déposez-le de nouveau"
    )]
    Password {
        /// File name.
        file: String,
    },
    /// The content is not a spreadsheet, a CSV or a JSON offer (whatever the extension says).
    #[error("{file} : format non reconnu ; attendu un classeur (xlsx, xlsm, xlsb, xls, ods), un CSV ou une offre JSON")]
    UnknownFormat {
        /// File name.
        file: String,
    },
    /// The file is damaged or truncated.
    #[error("{file} : fichier {format} endommagé ou tronqué ({detail})")]
    Damaged {
        /// File name.
        file: String,
        /// The format found from the content.
        format: &'static str,
        /// The reader's own message.
        detail: String,
    },
    /// No sheet has a header row with an identifier column and an answer column.
    #[error(
        "{file} : aucune feuille ne contient d'en-tête avec une colonne « Identifiant » et une colonne « Réponse »"
    )]
    NoAnswerTable {
        /// File name.
        file: String,
    },
    /// A JSON offer could not be read.
    #[error("{file} : {source}")]
    Json {
        /// File name.
        file: String,
        /// The engine's located error.
        source: jauge_engine::Error,
    },
    /// Writing a response form failed.
    #[error("écriture du cadre de réponse : {0}")]
    Write(String),
}

impl Error {
    /// The same message in English, for the English interface.
    pub fn english(&self) -> String {
        match self {
            Error::TooLarge { file, size, limit } => {
                format!("{file}: file of {size} bytes, over the limit of {limit} bytes")
            }
            Error::Bomb { file, detail } => {
                format!("{file}: suspicious archive ({}); file refused", detail.get(jauge_engine::Lang::En))
            }
            Error::Password { file } => {
                format!("{file}: workbook protected by a password; save it without a password and drop it again")
            }
            Error::UnknownFormat { file } => {
                format!(
                    "{file}: format not recognised; expected a workbook (xlsx, xlsm, xlsb, xls, ods), a CSV or a JSON offer"
                )
            }
            Error::Damaged { file, format, detail } => format!("{file}: damaged or truncated {format} file ({detail})"),
            Error::NoAnswerTable { file } => {
                format!("{file}: no sheet has a header row with an \"Identifiant\" column and a \"Réponse\" column")
            }
            Error::Json { file, source } => format!("{file}: {source}"),
            Error::Write(e) => format!("writing the response form: {e}"),
        }
    }
}
