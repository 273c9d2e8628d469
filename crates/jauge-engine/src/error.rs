//! The one error type of Jauge: why a file (grid, offer, marks, session, a bidder's regularisation)
//! cannot be used, as a code and its data. [`Error::describe`] words it in either language, at the
//! edge; serialised, it is `{"code": "too_large", "data": {"file": …, "size": …, "limit": …}}`, so
//! that a page or a platform can word it in its own language, or recognise it by its code.

use serde::{Deserialize, Serialize};

mod json;
pub(crate) use json::TOO_MANY;
pub use json::{JsonProblem, Shape};

use crate::diagnostic::Diagnostic;
use crate::law::{Law, cite, cites};
use crate::offer::OfferId;
use crate::text::{Lang, Text};

/// Which kind of document an error is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Document {
    /// A grid file.
    Grid,
    /// An offer file.
    Offer,
    /// A file of the evaluators' marks.
    Marks,
    /// A report (`jauge-report/1`) handed over to be exported.
    Report,
    /// A document (`jauge-document`) handed over to be written.
    Printable,
    /// A session (`jauge-session/…`).
    Session,
    /// A procedure record (`{"procedure": …, "decisions": …}`).
    Record,
}

impl Document {
    /// The kind of document its code names (`grid`, `offer`…, as serialised), if it is one.
    pub fn from_code(code: &str) -> Option<Document> {
        serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
    }

    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Document::Grid, Lang::Fr) => "grille",
            (Document::Grid, Lang::En) => "grid",
            (Document::Offer, Lang::Fr) => "offre",
            (Document::Offer, Lang::En) => "offer",
            (Document::Marks, Lang::Fr) => "fichier de notes",
            (Document::Marks, Lang::En) => "marks file",
            (Document::Report, Lang::Fr) => "rapport d'évaluation",
            (Document::Report, Lang::En) => "evaluation report",
            (Document::Printable, Lang::Fr) => "document",
            (Document::Printable, Lang::En) => "document",
            (Document::Session, Lang::Fr) => "session",
            (Document::Session, Lang::En) => "session",
            (Document::Record, Lang::Fr) => "dossier de la procédure",
            (Document::Record, Lang::En) => "procedure record",
        }
    }

    /// The kind of file with its article: "une grille", "un fichier de notes".
    fn a(self, lang: Lang) -> String {
        let feminine = matches!(self, Document::Grid | Document::Offer | Document::Session);
        let article = lang.pick(if feminine { "une" } else { "un" }, if self == Document::Offer { "an" } else { "a" });
        format!("{article} {}", self.name(lang))
    }

    /// Which kind of Jauge file a JSON text is, from its `format` (`jauge-grid/1`…) or, for a
    /// procedure record, its shape; `None` when it is none of them.
    pub fn recognise(text: &str) -> Option<Document> {
        #[derive(Deserialize)]
        struct Head {
            format: Option<serde_json::Value>,
            procedure: Option<serde::de::IgnoredAny>,
        }
        let head: Head = serde_json::from_str(text).ok()?;
        Document::of(head.format.as_ref().and_then(|f| f.as_str()), head.procedure.is_some())
    }

    /// The kind of Jauge file whose `format` is `format`; without one, a procedure record when it
    /// has a `procedure`.
    fn of(format: Option<&str>, procedure: bool) -> Option<Document> {
        match format.unwrap_or_default().split('/').next().unwrap_or_default() {
            "jauge-grid" => Some(Document::Grid),
            "jauge-offer" => Some(Document::Offer),
            "jauge-marks" => Some(Document::Marks),
            "jauge-report" => Some(Document::Report),
            "jauge-session" => Some(Document::Session),
            "" if procedure => Some(Document::Record),
            _ => None,
        }
    }

    /// Refuses a text recognised as another kind of Jauge file than `self`.
    pub fn expect(self, text: &str) -> Result<(), Error> {
        self.refuse_other(Document::recognise(text))
    }

    /// As [`Document::expect`], for a text already parsed into `value` (no second parse).
    pub fn expect_value(self, value: &serde_json::Value) -> Result<(), Error> {
        let format = value.get("format").and_then(|f| f.as_str());
        self.refuse_other(Document::of(format, value.get("procedure").is_some()))
    }

    fn refuse_other(self, found: Option<Document>) -> Result<(), Error> {
        match found {
            Some(found) if found != self => Err(Error::WrongKind { found, expected: self }),
            _ => Ok(()),
        }
    }
}

/// An evaluator's session on another grid than the committee's: both grids named.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OtherGrid {
    /// The evaluator's session file.
    pub file: String,
    /// Its grid's id and version.
    pub found: String,
    /// The first digits of its grid's fingerprint.
    pub found_fingerprint: String,
    /// The committee's session file.
    pub session: String,
    /// The committee grid's id and version.
    pub expected: String,
    /// The first digits of the committee grid's fingerprint.
    pub expected_fingerprint: String,
}

/// Why a file or an operation was refused. Problems in single cells or criteria are not errors:
/// they come back as [`Diagnostic`]s with the offer or the grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Error {
    /// The file is not JSON, or a value does not have the shape the format requires.
    Syntax {
        /// Grid, offer or marks.
        document: Document,
        /// Where in the document, e.g. `families[1].criteria[0].rule`.
        path: String,
        /// Line in the file (1-based).
        line: usize,
        /// Column in the line (1-based).
        column: usize,
        /// What is wrong.
        problem: JsonProblem,
    },
    /// A file of another kind than the one asked for (a marks file given as a grid…).
    WrongKind {
        /// What the file is.
        found: Document,
        /// What was asked for.
        expected: Document,
    },
    /// The grid's `format` is not one this version of Jauge reads.
    GridFormat {
        /// The format found in the file.
        found: String,
    },
    /// A marks file of a format this version does not read.
    MarksFormat {
        /// The format found in the file.
        found: String,
    },
    /// The grid is well-formed but breaks rules of the format; every problem is listed.
    InvalidGrid {
        /// Every problem found, each naming the criterion and the field.
        problems: Vec<Diagnostic>,
    },
    /// An offer file gives more answers than any grid has criteria (`crate::limits::OFFER_ANSWERS`):
    /// refused before its answers are kept.
    TooManyAnswers {
        /// The answers and comments it gives.
        count: usize,
        /// The cap.
        limit: usize,
    },
    /// The file is larger than the cap for its kind (`crate::limits`), found before it was read.
    TooLarge {
        /// File name.
        file: String,
        /// Size in bytes, when known: a device or a pipe has none, it is only known to go past the
        /// cap (serialised without `size` then).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size: Option<u64>,
        /// The cap in bytes.
        limit: u64,
    },
    /// The archive would expand beyond the cap, or lies about its sizes (a zip bomb).
    Bomb {
        /// File name.
        file: String,
        /// What gave it away.
        detail: Text,
    },
    /// The workbook is protected by a password: it cannot be read without it.
    Password {
        /// File name.
        file: String,
    },
    /// The content is not a spreadsheet, a CSV or a JSON offer (whatever the extension says).
    UnknownFormat {
        /// File name.
        file: String,
    },
    /// The file is damaged or truncated.
    Damaged {
        /// File name.
        file: String,
        /// The format found from the content.
        format: String,
        /// The reader's own message.
        detail: String,
    },
    /// No sheet has a header row with an identifier column and an answer column.
    NoAnswerTable {
        /// File name.
        file: String,
    },
    /// A JSON offer file could not be read.
    Json {
        /// File name.
        file: String,
        /// Why.
        source: Box<Error>,
    },
    /// Writing a spreadsheet failed.
    Write(String),
    /// A value handed over through the JavaScript API is not of the shape asked.
    Unreadable {
        /// What it should have been.
        document: Document,
        /// The converter's message.
        detail: String,
    },
    /// An output format Jauge does not write.
    OutputFormat {
        /// The format asked for.
        format: String,
    },
    /// A session file of a format this version does not read.
    SessionFormat {
        /// File name.
        file: String,
        /// The format found.
        found: String,
    },
    /// The grid a session holds is refused.
    SessionGrid {
        /// File name.
        file: String,
        /// Why.
        source: Box<Error>,
    },
    /// An evaluator's session is on another grid than the committee's.
    OtherGrid(Box<OtherGrid>),
    /// Two sessions imported at once are from the same evaluator.
    EvaluatorTwice {
        /// The second session file.
        file: String,
        /// The evaluator.
        evaluator: String,
    },
    /// A marks file names offers that are not among those read, or that several offers answer to.
    MarksUnmatched {
        /// The marks file.
        file: String,
        /// The names that designate no offer, or several.
        names: Vec<String>,
    },
    /// A procedure record's decisions designate offers that are not among those read, or several.
    DecisionsUnmatched {
        /// The record file.
        file: String,
        /// The offers as the decisions designate them.
        names: Vec<String>,
    },
    /// A marks file was given without the name of the evaluator whose marks they are.
    NoEvaluator {
        /// The marks file.
        file: String,
    },
    /// An evaluator's session is not on the same offers as the committee's (or, when the committee
    /// is built from scratch, as the first session imported).
    OtherOffers {
        /// The evaluator's session file.
        file: String,
        /// The session its offers are compared with.
        session: String,
        /// Offers it has that the reference has not, by label.
        extra: Vec<String>,
        /// Offers the reference has that it has not, by label.
        missing: Vec<String>,
    },
    /// An evaluator's session holds an offer whose content differs from the committee's offer of
    /// the same identity: an edited copy.
    EditedCopy {
        /// The evaluator's session file.
        file: String,
        /// The session its offers are compared with.
        session: String,
        /// The offers that differ, by label.
        offers: Vec<String>,
    },
    /// The same session (same fingerprint) is imported again under another evaluator's name.
    SessionTwice {
        /// The session file.
        file: String,
        /// The evaluator whose session it already is.
        evaluator: String,
    },
    /// A consolidation was asked with no session.
    NoSession,
    /// No offer of the session has this identity.
    NoSuchOffer {
        /// The identity asked for.
        offer: OfferId,
    },
    /// A regularisation was asked for an offer that is neither irregular nor waiting for its price
    /// on the compared tax basis.
    NothingToRegularise {
        /// The bidder.
        supplier: String,
    },
    /// The regularisation file changes answers that were given.
    ChangesAnswers {
        /// The file the bidder sent.
        file: String,
        /// The bidder.
        supplier: String,
        /// Each answer changed, with both versions.
        changes: Vec<Text>,
    },
    /// The regularisation file supplies nothing that was missing.
    CompletesNothing {
        /// The file the bidder sent.
        file: String,
        /// The bidder.
        supplier: String,
    },
    /// Completed, the offer would be possibly abnormally low, which cannot be regularised.
    WouldBeAbnormallyLow {
        /// The bidder.
        supplier: String,
    },
    /// Completed, the offer would still be irregular.
    WouldRemainIrregular {
        /// The file the bidder sent.
        file: String,
        /// The bidder.
        supplier: String,
        /// Why it would remain irregular.
        reasons: Vec<Text>,
    },
}

impl Error {
    /// For a file of another kind than the one asked for (an offer given as a grid…), the kind it
    /// is, so that an interface can say where it goes.
    pub fn belongs(&self) -> Option<Document> {
        match self {
            Error::WrongKind { found, .. } => Some(*found),
            Error::Json { source, .. } => source.belongs(),
            _ => None,
        }
    }

    /// The error's code, as serialised (`too_large`, `session_format`…).
    pub fn code(&self) -> String {
        serde_json::to_value(self)
            .ok()
            .and_then(|v| v.get("code").and_then(|c| c.as_str()).map(str::to_string))
            .unwrap_or_default()
    }

    /// The error in one line in `lang`, naming the file, and every problem of a refused grid with
    /// its location.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Error::Syntax { document, path, line, column, problem } => {
                let (d, problem) = (document.name(lang), problem.describe(lang));
                // The path of the value concerned, unless it is the whole file.
                let at = match path.as_str() {
                    "" | "." => String::new(),
                    p => lang.pick(format!(", à « {p} »"), format!(", at \"{p}\"")),
                };
                lang.pick(
                    format!("{d} illisible{at} (ligne {line}, colonne {column}) : {problem}"),
                    format!("unreadable {d}{at} (line {line}, column {column}): {problem}"),
                )
            }
            Error::WrongKind { found, expected } => lang.pick(
                format!("ce fichier est {}, pas {}", found.a(lang), expected.a(lang)),
                format!("this file is {}, not {}", found.a(lang), expected.a(lang)),
            ),
            Error::GridFormat { found } => {
                let known = crate::grid::SUPPORTED_FORMATS.join(", ");
                lang.pick(
                    format!("format de grille « {found} » inconnu ; attendu l'un de : {known}"),
                    format!("unknown grid format \"{found}\"; expected one of: {known}"),
                )
            }
            Error::MarksFormat { found } => lang.pick(
                format!("format de fichier de notes « {found} » inconnu ; attendu « {} »", crate::offer::MARKS_FORMAT_V1),
                format!("unknown marks file format \"{found}\"; expected \"{}\"", crate::offer::MARKS_FORMAT_V1),
            ),
            Error::InvalidGrid { problems } => {
                let list: Vec<String> =
                    problems.iter().map(|p| format!("{} : {}", p.location(lang), p.message.get(lang))).collect();
                lang.pick(format!("grille refusée : {}", list.join(" ; ")), format!("grid refused: {}", list.join("; ")))
            }
            Error::TooLarge { file, size: Some(size), limit } => lang.pick(
                format!("{file} : fichier de {size} octets, au-delà de la limite de {limit} octets"),
                format!("{file}: file of {size} bytes, over the limit of {limit} bytes"),
            ),
            Error::TooManyAnswers { count, limit } => {
                let (count, limit) =
                    (crate::text::number(*count as f64, 0, lang), crate::text::number(*limit as f64, 0, lang));
                lang.pick(
                    format!("{count} réponses et commentaires, au-delà de la limite de {limit} ; offre refusée"),
                    format!("{count} answers and comments, over the limit of {limit}; offer refused"),
                )
            }
            Error::TooLarge { file, size: None, limit } => lang.pick(
                format!("{file} : plus de {limit} octets, au-delà de la limite ; lecture arrêtée"),
                format!("{file}: more than {limit} bytes, over the limit; reading stopped"),
            ),
            Error::Bomb { file, detail } => lang.pick(
                format!("{file} : archive suspecte ({}) ; fichier refusé", detail.get(lang)),
                format!("{file}: suspicious archive ({}); file refused", detail.get(lang)),
            ),
            Error::Password { file } => lang.pick(
                format!(
                    "{file} : classeur protégé par un mot de passe ; enregistrez-le sans mot de passe puis déposez-le de nouveau"
                ),
                format!("{file}: workbook protected by a password; save it without a password and drop it again"),
            ),
            Error::UnknownFormat { file } => lang.pick(
                format!(
                    "{file} : format non reconnu ; attendu un classeur (xlsx, xlsm, xlsb, xls, ods), un CSV ou une offre JSON"
                ),
                format!(
                    "{file}: format not recognised; expected a workbook (xlsx, xlsm, xlsb, xls, ods), a CSV or a JSON offer"
                ),
            ),
            Error::Damaged { file, format, detail } => lang.pick(
                // The reading library's words, in English, said to be so (for whoever helps the buyer).
                format!("{file} : fichier {format} endommagé ou tronqué (détail technique, en anglais : {detail})"),
                format!("{file}: damaged or truncated {format} file (technical detail: {detail})"),
            ),
            Error::NoAnswerTable { file } => lang.pick(
                format!(
                    "{file} : aucune feuille ne contient d'en-tête avec une colonne « Identifiant » et une colonne « Réponse »"
                ),
                format!("{file}: no sheet has a header row with an \"Identifiant\" column and a \"Réponse\" column"),
            ),
            Error::Json { file, source } => format!("{file}{}{}", crate::text::colon(lang), source.describe(lang)),
            Error::Unreadable { document, detail } => {
                let d = document.name(lang);
                lang.pick(format!("{d} illisible ({detail})"), format!("unreadable {d} ({detail})"))
            }
            Error::OutputFormat { format } => lang.pick(
                format!("format « {format} » inconnu ; attendu xlsx, ods ou csv"),
                format!("unknown format \"{format}\"; expected xlsx, ods or csv"),
            ),
            Error::Write(detail) => {
                lang.pick(format!("écriture du tableur : {detail}"), format!("writing the spreadsheet: {detail}"))
            }
            Error::SessionFormat { file, found } => {
                let want = crate::session::SESSION_FORMAT;
                lang.pick(
                    format!("{file} : format « {found} » ; attendu « {want} »"),
                    format!("{file}: format \"{found}\"; expected \"{want}\""),
                )
            }
            Error::SessionGrid { file, source } => lang.pick(
                format!("{file} : la grille de la session est refusée ({})", source.describe(lang)),
                format!("{file}: the session's grid is refused ({})", source.describe(lang)),
            ),
            Error::OtherGrid(o) => {
                let OtherGrid { file, found, found_fingerprint, session, expected, expected_fingerprint } = &**o;
                lang.pick(
                    format!(
                        "{file} : grille {found} (empreinte {found_fingerprint}…) ; attendu la grille de {session}, {expected} (empreinte {expected_fingerprint}…)"
                    ),
                    format!(
                        "{file}: grid {found} (fingerprint {found_fingerprint}…); expected the grid of {session}, {expected} (fingerprint {expected_fingerprint}…)"
                    ),
                )
            }
            Error::MarksUnmatched { file, names } => {
                let names = crate::text::quoted(names, lang);
                lang.pick(
                    format!("{file} : notes non importées : {names} ne désigne aucune des offres lues, en désigne plusieurs, ou désigne une offre qu'une autre entrée du fichier désigne déjà"),
                    format!("{file}: marks not imported: {names} designates none of the offers read, several, or one another entry of the file designates already"),
                )
            }
            Error::DecisionsUnmatched { file, names } => {
                let names = crate::text::quoted(names, lang);
                lang.pick(
                    format!("{file} : dossier non importé : la décision sur {names} ne désigne aucune des offres lues, ou en désigne plusieurs"),
                    format!("{file}: record not imported: the decision about {names} designates none of the offers read, or several"),
                )
            }
            Error::NoEvaluator { file } => lang.pick(
                format!("{file} : notes non importées : indiquer d'abord le nom de l'évaluateur"),
                format!("{file}: marks not imported: give the evaluator's name first"),
            ),
            Error::EvaluatorTwice { file, evaluator } => lang.pick(
                format!("{file} : l'évaluateur « {evaluator} » a déjà une session parmi celles importées"),
                format!("{file}: evaluator \"{evaluator}\" already has a session among those imported"),
            ),
            Error::OtherOffers { file, session, extra, missing } => {
                let mut parts = Vec::new();
                if !extra.is_empty() {
                    parts.push(lang.pick(
                        format!("offres absentes de {session} : {}", extra.join(", ")),
                        format!("offers {session} does not have: {}", extra.join(", ")),
                    ));
                }
                if !missing.is_empty() {
                    parts.push(lang.pick(
                        format!("offres de {session} manquantes : {}", missing.join(", ")),
                        format!("offers of {session} missing: {}", missing.join(", ")),
                    ));
                }
                lang.pick(
                    format!(
                        "{file} : session refusée, elle ne porte pas sur les mêmes offres que {session} ({})",
                        parts.join(" ; ")
                    ),
                    format!("{file}: session refused, it is not on the same offers as {session} ({})", parts.join("; ")),
                )
            }
            Error::EditedCopy { file, session, offers } => lang.pick(
                format!(
                    "{file} : session refusée, le contenu de ces offres diffère de celui de {session} (copie modifiée) : {}",
                    offers.join(", ")
                ),
                format!(
                    "{file}: session refused, the content of these offers differs from {session}'s (an edited copy): {}",
                    offers.join(", ")
                ),
            ),
            Error::SessionTwice { file, evaluator } => lang.pick(
                format!("{file} : cette session (même empreinte) est déjà importée comme celle de « {evaluator} »"),
                format!("{file}: this session (same fingerprint) is already imported as {evaluator}'s"),
            ),
            Error::NoSession => lang.pick("aucune session à consolider".into(), "no session to consolidate".into()),
            Error::NoSuchOffer { offer } => {
                lang.pick(format!("aucune offre « {offer} » dans la session"), format!("no offer \"{offer}\" in the session"))
            }
            Error::NothingToRegularise { supplier } => lang.pick(
                format!("l'offre de {supplier} n'est pas irrégulière : il n'y a rien à régulariser"),
                format!("{supplier}'s offer is not irregular: there is nothing to regularise"),
            ),
            Error::ChangesAnswers { file, supplier, changes } => {
                let list = changes.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join(" ; ");
                let law = cites(&[Law::R2152_2, Law::Ce415929], lang);
                lang.pick(
                    format!(
                        "{file} : la régularisation de l'offre de {supplier} est refusée, car elle modifierait des réponses données (caractéristiques substantielles de l'offre, {law}) : {list}"
                    ),
                    format!(
                        "{file}: the regularisation of {supplier}'s offer is refused, as it would change answers that were given (the offer's substantial characteristics, {law}): {list}"
                    ),
                )
            }
            Error::CompletesNothing { file, supplier } => lang.pick(
                format!(
                    "{file} : le fichier ne complète aucune réponse manquante ou illisible de l'offre de {supplier}"
                ),
                format!("{file}: the file completes no missing or unreadable answer of {supplier}'s offer"),
            ),
            Error::WouldBeAbnormallyLow { supplier } => {
                let law = cite(Law::R2152_2);
                lang.pick(
                    format!(
                        "l'offre de {supplier} serait peut-être anormalement basse : elle ne peut pas être régularisée ({law})"
                    ),
                    format!("{supplier}'s offer would possibly be abnormally low: it cannot be regularised ({law})"),
                )
            }
            Error::WouldRemainIrregular { file, supplier, reasons } => {
                let list = reasons.iter().map(|t| t.get(lang)).collect::<Vec<_>>().join(" ; ");
                lang.pick(
                    format!("{file} : l'offre de {supplier} resterait irrégulière : {list}"),
                    format!("{file}: {supplier}'s offer would remain irregular: {list}"),
                )
            }
        }
    }

    /// Builds a syntax error from the parser's located error.
    pub(crate) fn syntax(document: Document, err: crate::located::Located) -> Error {
        Error::Syntax { document, path: err.path, line: err.line, column: err.column, problem: err.problem }
    }
}

/// French first: the buyers' language. Use [`Error::describe`] for the interface's language.
impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::Fr))
    }
}

impl std::error::Error for Error {}
