//! The end of the procedure's state, the report module's (feature `report`): from the session as
//! the page saves it, the analysis report, what remains to settle and to decide, the exports'
//! missing fields, the letters and the archive's files given again. The page holds none of this
//! code: it tells the module the session ([`crate::services::REPORT_CONTEXT`]) and is told back
//! what its own sections show ([`ReportNews`]: what calls for a decision, a framework
//! agreement's proposed holders).

use std::rc::Rc;

use jauge_analysis::{Analysis, Annex, Pending};
use jauge_engine::Lang;
use jauge_engine::session::Session;

use super::{Given, ReportNews};

/// The end of the procedure (section 7): the exports to the standards with the fields each one
/// lacks, and the letters to the bidders, or why none can be written yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Publication {
    /// Each standard, with the fields its export lacks (named, never invented).
    pub exports: Vec<(jauge_export::Standard, Vec<jauge_export::Missing>)>,
    /// The letters of every lot whose analysis is complete (a lot's file names start with it).
    pub letters: Vec<jauge_analysis::letters::Letter>,
    /// The lots (`None`: the tender without lots) whose letters cannot be written yet, and why.
    pub refused: Vec<(Option<String>, Vec<Pending>)>,
    /// The offers set aside for answering no lot, whose letters Jauge does not write.
    pub unwritten: Vec<jauge_export::Unwritten>,
    /// The files given again for the archive, matched to the session's files by SHA-256: the
    /// bundle is built only when every one is given.
    pub archive: jauge_export::archive::Matched,
    /// The files given again, in order (what [`Publication::archive`] indexes).
    pub archive_given: Vec<Given>,
}

impl Publication {
    /// The exports' missing fields and the letters of an analysis, worded in `lang`, and the
    /// files given again for the archive (name, SHA-256) matched to the session's.
    pub fn of(analysis: &Analysis, lang: Lang, given: &[Given]) -> Publication {
        let exports = jauge_export::Standard::ALL
            .into_iter()
            .map(|st| (st, jauge_export::export(analysis, st, lang).missing))
            .collect();
        let jauge_export::AllLetters { letters, refused, unwritten } = jauge_export::letters(analysis, lang);
        let shas: Vec<String> = given.iter().map(|g| g.sha256.clone()).collect();
        let archive = jauge_export::archive::matching(&analysis.session, &shas);
        Publication { exports, letters, refused, unwritten, archive, archive_given: given.to_vec() }
    }
}

/// The analysis of a session and what follows from it.
#[derive(Clone, Debug, PartialEq)]
pub struct Closing {
    /// The analysis report's content.
    pub analysis: Rc<Analysis>,
    /// What remains to settle before signing.
    pub to_settle: Vec<Pending>,
    /// What calls for a decision.
    pub to_decide: Vec<Pending>,
    /// The exports' missing fields, the letters, the archive's files.
    pub publication: Rc<Publication>,
}

impl Closing {
    /// The analysis of `session` (as the page saves and exports it, so that the report's
    /// fingerprint is the exported file's), worded in `lang`, with the archive's files `given`;
    /// `None` when the session's grid is not valid.
    pub fn of(session: &Session, lang: Lang, given: &[Given]) -> Option<Closing> {
        let analysis = Analysis::new(session, "session", "", Annex::EachEvaluator).ok()?;
        let publication = Rc::new(Publication::of(&analysis, lang, given));
        Some(Closing {
            to_settle: analysis.to_settle(),
            to_decide: analysis.to_decide(),
            analysis: Rc::new(analysis),
            publication,
        })
    }

    /// The same analysis with other files given again for the archive (the browser's files:
    /// not tested natively).
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    pub fn giving(&self, lang: Lang, given: &[Given]) -> Closing {
        Closing { publication: Rc::new(Publication::of(&self.analysis, lang, given)), ..self.clone() }
    }

    /// What the page's own sections show of it, worded in `lang`.
    pub fn news(&self, lang: Lang) -> ReportNews {
        let ids = |offers: Vec<&jauge_engine::report::OfferResult>| offers.into_iter().map(|o| o.id.clone()).collect();
        // Each lot may announce its own framework agreement.
        let analyses: Vec<&Analysis> = match self.analysis.lots.is_empty() {
            true => vec![&self.analysis],
            false => self.analysis.lots.iter().collect(),
        };
        let holders = analyses
            .into_iter()
            .filter(|a| a.grid.grid().framework.is_some())
            .map(|a| (a.lot.as_ref().map(|l| l.id.clone()), a.holders().map(|h| h.map(ids).map_err(ids))))
            .collect();
        ReportNews {
            lang,
            to_decide: self.to_decide.iter().map(|p| p.describe(lang)).collect(),
            optional_owed: self.to_decide.iter().find_map(|p| match p {
                Pending::OptionalServices { groups } => Some(groups.clone()),
                _ => None,
            }),
            holders,
        }
    }
}
