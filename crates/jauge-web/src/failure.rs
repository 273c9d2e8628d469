//! Why something the buyer asked could not be done: Jauge's refusal (the engine's error, a code and
//! its data, as the reader module sends it), or what the page met in the browser. Kept as data and
//! worded when shown, so a message follows the interface's language.

use jauge_engine::Lang;

/// A failure, worded by [`Failure::describe`].
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// Jauge refused a file or an operation.
    Jauge(jauge_engine::Error),
    /// The reader module refused a file: Jauge's refusal as it words it in both languages, and,
    /// for a file of another kind than the one asked for, the kind it is (the page does not read
    /// the refusal's data back: its deserialiser would weigh on the page's first load).
    Refused {
        /// The refusal in French and English.
        words: jauge_engine::Text,
        /// The kind of file it is, when not the kind asked for.
        belongs: Option<jauge_engine::error::Document>,
    },
    /// The reader module's worker could not start.
    ReaderStart(String),
    /// The reader module could not be fetched.
    ReaderLoad,
    /// A request could not be sent to the reader module.
    ReaderSend(String),
    /// The reader module stopped before answering.
    ReaderStopped,
    /// The reader module stopped while this request waited: the file must be added again.
    Interrupted,
    /// A file made the reader module fail (a library panicked); the module was restarted.
    Crashed {
        /// The file, or the operation.
        file: String,
        /// The runtime's message.
        detail: String,
    },
    /// The reader module refused a request with a message of its own (not a Jauge error).
    Reader(String),
    /// The Word module could not be loaded.
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    WordUnavailable(String),
    /// The grid editor's module could not be loaded.
    EditorUnavailable(String),
    /// The catalogue's module could not be loaded.
    CatalogueUnavailable(String),
    /// The report module (the analysis report, exports, letters) could not be loaded.
    ReportUnavailable(String),
    /// The Word module refused to write the report.
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    Word(String),
    /// The Word module refused to write the letters' zip.
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    Letters(String),
    /// The Word module refused to write or check the procedure's archive.
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    Archive(String),
    /// A file of the sample tender could not be fetched.
    Sample {
        /// The file.
        file: String,
        /// Why.
        detail: String,
    },
    /// A grid could not be downloaded from its address.
    Download {
        /// The address.
        url: String,
        /// Why.
        detail: String,
    },
    /// The browser could not read a file the buyer chose.
    FileRead {
        /// The file.
        file: String,
        /// Why.
        detail: String,
    },
    /// The disagreement threshold typed is not a percentage.
    Threshold(String),
}

impl From<jauge_engine::Error> for Failure {
    fn from(e: jauge_engine::Error) -> Failure {
        Failure::Jauge(e)
    }
}

impl Failure {
    /// The failure in the interface's language.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Failure::Jauge(e) => with_hint(e.describe(lang), e.belongs(), lang),
            Failure::Refused { words, belongs } => with_hint(words.get(lang).to_string(), *belongs, lang),
            Failure::ReaderStart(detail) => lang.pick(
                format!("le module de lecture des tableurs n'a pas pu démarrer ({detail})"),
                format!("the spreadsheet reader could not start ({detail})"),
            ),
            Failure::ReaderLoad => lang.pick(
                "le module de lecture des tableurs n'a pas pu être chargé (hors ligne avant sa première utilisation ?)"
                    .into(),
                "the spreadsheet reader could not be loaded (offline before its first use?)".into(),
            ),
            Failure::ReaderSend(detail) => lang.pick(
                format!("envoi au module de lecture impossible ({detail})"),
                format!("cannot send to the reader ({detail})"),
            ),
            Failure::ReaderStopped => lang.pick("module de lecture arrêté".into(), "reader stopped".into()),
            Failure::Interrupted => lang.pick(
                "lecture interrompue par l'arrêt du module de lecture ; ajoutez ce fichier à nouveau".into(),
                "reading interrupted because the reader stopped; add this file again".into(),
            ),
            Failure::Crashed { file, detail } => lang.pick(
                format!("{file} : fichier endommagé, la lecture a échoué ({detail})"),
                format!("{file}: damaged file, reading failed ({detail})"),
            ),
            Failure::Reader(detail) => detail.clone(),
            Failure::WordUnavailable(detail) => {
                lang.pick(format!("module Word indisponible ({detail})"), format!("Word module unavailable ({detail})"))
            }
            Failure::EditorUnavailable(detail) => lang.pick(
                format!("éditeur de grilles indisponible ({detail})"),
                format!("grid editor unavailable ({detail})"),
            ),
            Failure::CatalogueUnavailable(detail) => lang.pick(
                format!("catalogues de grilles indisponibles ({detail}) ; vérifiez la connexion"),
                format!("catalogues of grids unavailable ({detail}); check the connection"),
            ),
            Failure::ReportUnavailable(detail) => lang.pick(
                format!(
                    "rapport d'analyse indisponible ({detail}) ; vérifiez la connexion, rien de ce que vous avez saisi n'est perdu"
                ),
                format!("analysis report unavailable ({detail}); check the connection, nothing you entered is lost"),
            ),
            Failure::Word(detail) => lang.pick(format!("rapport Word : {detail}"), format!("Word report: {detail}")),
            Failure::Letters(detail) => {
                lang.pick(format!("courriers aux soumissionnaires : {detail}"), format!("letters to bidders: {detail}"))
            }
            Failure::Archive(detail) => {
                lang.pick(format!("archive de la procédure : {detail}"), format!("procedure archive: {detail}"))
            }
            Failure::Sample { file, detail } => {
                lang.pick(format!("{file} : exemple indisponible ({detail})"), format!("{file}: sample unavailable ({detail})"))
            }
            Failure::Download { url, detail } => lang.pick(
                format!(
                    "grille à l'adresse {url} : téléchargement impossible ({detail}) ; attendu un fichier JSON de grille en HTTPS"
                ),
                format!("grid at {url}: cannot download it ({detail}); expected a JSON grid file over HTTPS"),
            ),
            Failure::FileRead { file, detail } => {
                lang.pick(format!("{file} : lecture impossible ({detail})"), format!("{file}: cannot read ({detail})"))
            }
            Failure::Threshold(typed) => lang.pick(
                format!("Seuil de désaccord non retenu : « {typed} » ; attendu un pourcentage entre 0 et 100"),
                format!("Disagreement threshold not kept: \"{typed}\"; expected a percentage between 0 and 100"),
            ),
        }
    }
}

/// A refusal's words, followed, for a file of another kind than the one asked for, by where in the
/// app that kind of file goes.
fn with_hint(words: String, belongs: Option<jauge_engine::error::Document>, lang: Lang) -> String {
    match belongs.map(|d| where_it_goes(d, lang)) {
        Some(hint) => format!("{words}{}{hint}", lang.pick(" ; ", "; ")),
        None => words,
    }
}

/// Where in the app a kind of file goes.
fn where_it_goes(found: jauge_engine::error::Document, lang: Lang) -> &'static str {
    use jauge_engine::error::Document;
    match found {
        Document::Grid => lang.pick("à choisir dans la section 1, « La grille »", "choose it in section 1, \"The grid\""),
        Document::Offer => lang.pick("à ajouter dans la section 2, « Les offres »", "add it in section 2, \"The offers\""),
        Document::Marks => lang.pick(
            "à importer dans la section 5, « La commission », avec le nom de l'évaluateur",
            "import it in section 5, \"The committee\", with the evaluator's name",
        ),
        Document::Session => lang.pick(
            "à ouvrir avec « Importer une session » en haut de la page, ou dans la section 5 pour réunir les sessions des évaluateurs",
            "open it with \"Import a session\" at the top of the page, or in section 5 to bring the evaluators' sessions together",
        ),
        Document::Record => lang.pick(
            "à importer dans la section 4, « Le dossier de la procédure »",
            "import it in section 4, \"The procedure record\"",
        ),
        Document::Report | Document::Printable => lang.pick(
            "un résultat exporté ne se relit pas : importer plutôt la session",
            "an exported result is not read back: import the session instead",
        ),
    }
}
