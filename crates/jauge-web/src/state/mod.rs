//! The app's one state, the actions that change it, and the reducer that calls the engine.

// The grid editor's state: the editor module's (feature `editor`); the page only names its edits.
#[cfg_attr(not(feature = "editor"), allow(dead_code))]
pub mod editor;
#[cfg(any(test, feature = "editor"))]
pub mod editor_module;
// The end of the procedure's state: the report module's (feature `report`); the page is told
// what its own sections show of it ([`ReportNews`]).
#[cfg(any(test, feature = "report"))]
pub mod report;

use std::rc::Rc;

use jauge_engine::session::{
    DEFAULT_THRESHOLD, Decision, Outcome, Procedure, Round, RoundKind, SESSION_FORMAT, Session, consolidate,
};
use jauge_engine::simulation::{Hypothesis, Simulated, simulate};
use jauge_engine::{CheckedGrid, Lang, ManualMark, Offer, OfferId, Report};
use yew::Reducible;

use crate::failure::Failure;

/// The catalogues a member opens in the grid panel: pinned keys, kept copies, what opening one
/// found. The catalogue's module alone (feature `catalogue`); the page only knows where the
/// catalogues are kept ([`CATALOGUES_KEPT_KEY`]), to open the panel when there are some.
#[cfg(any(feature = "catalogue", test))]
#[cfg_attr(not(feature = "catalogue"), allow(dead_code, unused_imports))]
pub mod catalogue;

/// The browser storage key of the catalogues kept for offline use.
pub const CATALOGUES_KEPT_KEY: &str = "jauge-catalogues-v1";

/// How each offer is named to people (see [`jauge_engine::offer::labels`]).
pub type Labels = std::collections::BTreeMap<OfferId, String>;

/// How `offer` is named: its label, or the first digits of its identity.
pub fn label(labels: &Labels, offer: &OfferId) -> String {
    labels.get(offer).cloned().unwrap_or_else(|| offer.short().to_string())
}

/// The analysis in progress, as kept in the browser between visits: the session (exported alone as
/// a `jauge-session/3` file, to be imported again here or on another machine, or read by the CLI),
/// the page shown and the simulation.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Saved {
    /// The session, as the CLI reads it too.
    #[serde(flatten)]
    pub session: Session,
    /// Buyer, supplier or simulation page.
    #[serde(default)]
    pub mode: Mode,
    /// The simulation's hypothetical offers (kept in the browser, not in session files).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub simulation: Vec<Hypothesis>,
}

impl Saved {
    /// A session file's or the browser's text (`name` says which, for the message): a session of
    /// any version this Jauge reads, brought to the current one, with the page and the simulation
    /// when the text has them.
    pub fn from_json(name: &str, text: &str) -> Result<Saved, Failure> {
        #[derive(Default, serde::Deserialize)]
        struct Page {
            #[serde(default)]
            mode: Mode,
            #[serde(default)]
            simulation: Vec<Hypothesis>,
        }
        let session = Session::from_json(name, text).map_err(Failure::Jauge)?;
        let Page { mode, mut simulation } = serde_json::from_str(text).unwrap_or_default();
        // Hypotheses kept before they had an identity get one.
        for (i, h) in simulation.iter_mut().enumerate().filter(|(_, h)| h.id.as_str().is_empty()) {
            h.id = OfferId(format!("simulation:{}", i + 1));
        }
        Ok(Saved { session, mode, simulation })
    }

    /// The text kept in the browser.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What the page tells its modules that render views (the grid editor's, `editor_module.rs`; the
/// catalogue's, `catalogue_module.rs`): the interface's language and the text of the grid chosen
/// (empty when none is valid).
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EditorContext {
    /// The interface's language.
    pub lang: Lang,
    /// The grid chosen, as its file's text.
    pub grid: String,
}

/// The grids bundled with the app: (file name, text).
pub const GRIDS: [(&str, &str); 2] = [
    ("numerique-responsable.json", include_str!("../../../../criteria/numerique-responsable.json")),
    ("hebergement.json", include_str!("../../../../criteria/hebergement.json")),
];

/// The reference grids (`criteria/reference/catalogue/`), served beside the page under
/// `reference/` and fetched only when chosen, never part of the first load: (file, French title,
/// English title).
pub const REFERENCE_GRIDS: [(&str, &str, &str); 1] = [(
    "reference/rgesn-2024/1.0.0-draft.json",
    "Écoconception des services numériques (RGESN 2024)",
    "Ecodesign of digital services (RGESN 2024)",
)];

/// A file that could not be read, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// File name.
    pub file: String,
    /// Why.
    pub failure: Failure,
}

impl FileError {
    /// Why, in `lang`, naming the file even when the reader's own failure does not.
    pub fn describe(&self, lang: Lang) -> String {
        let words = self.failure.describe(lang);
        if words.contains(&self.file) {
            words
        } else {
            format!("{}{}{words}", self.file, jauge_engine::text::colon(lang))
        }
    }
}

/// Who uses the page: a buyer grading offers, or a supplier checking their own offer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// A buyer grades several offers.
    #[default]
    Buyer,
    /// A supplier checks their own filled form before bidding.
    Supplier,
    /// A buyer designing a grid types hypothetical offers and watches the marks.
    Simulation,
    /// A pooling structure writes a grid (from scratch, a bundled grid or the grid chosen),
    /// with the simulation beside it.
    Editor,
}

/// Files being read: how many in all, how many done, which one now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Files asked for since the reading started.
    pub total: usize,
    /// Files read or refused.
    pub done: usize,
    /// The file being read.
    pub current: Option<String>,
}

/// Everything the page shows.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    /// Interface language.
    pub lang: Lang,
    /// What a session file keeps: the grid's text as chosen, the offers read with their marks,
    /// the procedure record, the decisions and, after a consolidation, each evaluator's marks
    /// (shared: a change copies it once, a view holds it without a copy).
    pub session: Rc<Session>,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// Why the chosen grid was refused.
    pub grid_error: Option<jauge_engine::Error>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Files being read.
    pub progress: Progress,
    /// Buyer or supplier.
    pub mode: Mode,
    /// A message about the last operation of the page's header that failed (a session file).
    pub notice: Option<Failure>,
    /// A message about the last operation of a section that failed, shown in that section.
    pub placed: Option<(Place, Failure)>,
    /// The lot shown, for a grid with lots (each lot is evaluated on its own): the one chosen,
    /// the self-checked offer's on the supplier's page, the first one otherwise.
    pub lot: Option<String>,
    /// The grid the evaluation shown is computed on: the lot's for a grid with lots, else the grid.
    pub shown_grid: Option<Rc<CheckedGrid>>,
    /// For a grid with lots, the offers no lot scores (they name no lot, or one the grid lacks).
    pub unassigned: Vec<jauge_engine::lot::Unassigned>,
    /// The evaluation of the offers (of the lot shown, for a grid with lots).
    pub report: Option<Rc<Report>>,
    /// The offer whose detail is shown.
    pub selected: Option<OfferId>,
    /// Spread between evaluators' marks, as a share of the scale, shown as a disagreement.
    pub threshold: f64,
    /// The simulation's hypothetical offers.
    pub simulation: Vec<Hypothesis>,
    /// What the report module says of the session's analysis, on the buyer's page (`None`
    /// until the module is loaded and has analysed the session).
    pub closing: Option<Rc<ReportNews>>,
    /// Their evaluation, on the simulation page.
    pub simulated: Option<Rc<Simulated>>,
    /// The supplier's offer evaluated alone, on the self-check page (the offer shown, or the last
    /// one read).
    pub checked: Option<Rc<Report>>,
    /// A competitor's lowest price the supplier typed, to see its price mark against it.
    pub lowest: Option<f64>,
    /// The supplier's price mark against competitors' lowest prices.
    pub price_check: Option<jauge_engine::price::AgainstLowest>,
    /// Each evaluator's marks compared, criterion by criterion (a consolidated session).
    pub comparison: Vec<jauge_engine::session::MarkComparison>,
    /// How each offer is named: its file name, with the first digits of its identity when two
    /// offers come from files with the same name.
    pub labels: Labels,
    /// The committee's files being imported: why they were refused, or the sessions checked and
    /// waiting for the buyer to confirm that they replace the analysis shown.
    pub committee: CommitteeImport,
    /// Why the last procedure record file was refused (section 4).
    pub record_error: Option<Failure>,
    /// The marks the evaluators still owe, offer by offer (ranked or incomplete offers).
    pub to_mark: Vec<ToMark>,
    /// The criterion whose mark field the offer's detail brings into view and focuses; none: the
    /// detail's heading.
    pub focus: Option<String>,
    /// The procedure's rounds, each as recorded, for a procedure in several rounds (each offer
    /// says its round); empty for a procedure in one round.
    pub rounds: Vec<Round>,
    /// The round ranked, for a procedure in several rounds: the last one.
    pub ranked_round: Option<Round>,
    /// The number the next round's offers are given.
    pub next_round: u32,
    /// For a framework agreement (the grid's, or the lot shown's): what it announces and the
    /// proposed holders once the analysis allows them.
    pub framework: Option<FrameworkShown>,
    /// The price schedules of the evaluation shown (the lot's for a grid with lots): each offer's
    /// bill of quantities line by line and the line-by-line comparison, from the engine.
    pub schedules: Rc<Vec<jauge_engine::schedule::Comparison>>,
    /// Whether the grid shown keeps quantities from bidders, and the buyer has not given them.
    pub lacks_quantities: bool,
}

/// A framework agreement with several holders, as the results show it.
#[derive(Clone, Debug, PartialEq)]
pub struct FrameworkShown {
    /// The most holders announced.
    pub holders: u32,
    /// Whether the holders are ranked for the follow-on contracts (cascade).
    pub cascade: bool,
    /// The proposed holders in their order (`Ok`), or the offers tied for the last places that a
    /// tie-break decision must order (`Err`); `None` while the analysis is incomplete.
    pub proposed: Option<Result<Vec<OfferId>, Vec<OfferId>>>,
}

/// A file given again for the procedure's archive: the app keeps no bid's bytes, only the
/// browser's handle on the file, read again when the bundle is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Given {
    /// Its name.
    pub name: String,
    /// Its SHA-256, read when given.
    pub sha256: String,
    /// The browser's handle on it.
    pub file: web_sys::File,
}

/// What the report module tells the page of the session's analysis: what its own sections show
/// (the decisions', the results'), worded in the language the page told it.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct ReportNews {
    /// The language it is worded in.
    pub lang: Lang,
    /// What calls for a decision, worded.
    pub to_decide: Vec<String>,
    /// The decision on optional services, while it is owed: the optional groups (id, name).
    pub optional_owed: Option<Vec<(String, jauge_engine::Text)>>,
    /// For each framework agreement (the tender's, `None`, or a lot's), the proposed holders in
    /// their order (`Ok`), or the offers tied for the last places (`Err`); `None` while the
    /// analysis is incomplete.
    #[allow(clippy::type_complexity)]
    pub holders: Vec<(Option<String>, Option<Result<Vec<OfferId>, Vec<OfferId>>>)>,
}

/// The record's open-data fields as the form shows them: one per line, `name = value`, a text
/// value as typed and any other value as JSON.
pub fn open_data_text(fields: &std::collections::BTreeMap<String, serde_json::Value>) -> String {
    fields
        .iter()
        .map(|(k, v)| match v {
            serde_json::Value::String(s) => format!("{k} = {s}"),
            other => format!("{k} = {other}"),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The open-data fields typed in the form, one per line `name = value`: a value that is JSON (a
/// number, `true`, a list, an object) is kept as such, any other as text; lines without a name
/// are skipped, and an empty value removes the field.
pub fn open_data_from_text(text: &str) -> std::collections::BTreeMap<String, serde_json::Value> {
    text.lines()
        .filter_map(|l| {
            let (k, v) = l.split_once('=')?;
            let (k, v) = (k.trim(), v.trim());
            if k.is_empty() || v.is_empty() {
                return None;
            }
            let value = serde_json::from_str(v).unwrap_or_else(|_| serde_json::Value::String(v.to_string()));
            Some((k.to_string(), value))
        })
        .collect()
}

/// A lot of the grid, as the results offer to show it.
#[derive(Clone, Debug, PartialEq)]
pub struct LotChoice {
    /// The lot's id.
    pub id: String,
    /// Its title.
    pub title: jauge_engine::Text,
    /// How many offers answer it.
    pub offers: usize,
}

/// A mark the evaluators still owe.
#[derive(Clone, Debug, PartialEq)]
pub struct ToMark {
    /// The offer.
    pub offer: OfferId,
    /// Its bidder, as the ranking names it (a variant named as one).
    pub supplier: String,
    /// The criterion.
    pub criterion: String,
    /// Its label.
    pub label: jauge_engine::Text,
    /// What the mark is out of.
    pub out_of: f64,
}

/// Where a message about a failed operation is shown: beside the action that caused it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// The grid's section (a grid file, an address, the response form).
    Grid,
    /// The results' exports.
    Results,
    /// The procedure record (a record file).
    Record,
    /// The committee's section (its files, the disagreement threshold).
    Committee,
    /// The decisions' form (a regularisation file).
    Decisions,
    /// The report's downloads (the report module's).
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    Report,
}

/// The committee's files being imported (section 5).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CommitteeImport {
    /// Why the files were refused.
    pub error: Option<Failure>,
    /// Sessions checked, waiting for the buyer to confirm that they replace the analysis shown.
    pub waiting: Option<Rc<Vec<(String, Session)>>>,
}

/// What can happen.
pub enum Action {
    /// Switch the interface language.
    SetLang(Lang),
    /// Use this grid text (a bundled grid or a file).
    ChooseGrid(String),
    /// Files started being read.
    Reading(usize),
    /// This file is being read now.
    ReadingFile(String),
    /// Switch between the buyer's and the supplier's page.
    SetMode(Mode),
    /// Show (or clear) a message about an operation of the page's header that failed.
    Notice(Option<Failure>),
    /// Show (or clear) a message about an operation of a section that failed, in that section.
    NoticeAt(Place, Option<Failure>),
    /// Replace the analysis by a session file's.
    Restore(Box<Saved>),
    /// An offer was read.
    OfferRead(Offer),
    /// A file could not be read.
    FileFailed(FileError),
    /// Set or clear an evaluator's mark.
    SetMark {
        /// The offer.
        offer: OfferId,
        /// Criterion id.
        criterion: String,
        /// The mark, or `None` to clear it.
        mark: Option<f64>,
        /// The written appraisal.
        appraisal: String,
    },
    /// Show this lot's evaluation (a grid with lots).
    ShowLot(String),
    /// Remove an offer.
    Remove(OfferId),
    /// Record a new round of the procedure (after negotiation, or the final offers), whose files
    /// are read next with its number ([`State::next_round`]).
    AddRound {
        /// What the round is.
        kind: RoundKind,
        /// When its offers were received (`YYYY-MM-DD`), or empty.
        date: String,
    },
    /// Show an offer's detail.
    Select(Option<OfferId>),
    /// Show an offer's detail with the mark field of a criterion in view and focused.
    GoToMark(OfferId, String),
    /// Replace the procedure record.
    SetProcedure(Box<Procedure>),
    /// Name whose marks these are (an evaluator's own session).
    SetEvaluator(String),
    /// Record a decision.
    AddDecision(Decision),
    /// Record an accepted regularisation with the file the bidder sent, once the engine has
    /// checked that it only completes what was missing.
    Regularise(Decision, Box<Offer>),
    /// Change how a recorded decision ended.
    SetOutcome(usize, Outcome),
    /// Delete a recorded decision.
    RemoveDecision(usize),
    /// Record (or, with `None`, withdraw) the decision on the optional services (PSE): which
    /// are kept, before the ranking; every offer's compared price includes exactly those.
    SetOptionalServices(Option<jauge_engine::session::OptionalServices>),
    /// The files given again for the procedure's archive, replacing those given (the report
    /// module's: the page only names it).
    #[cfg_attr(not(feature = "report"), allow(dead_code))]
    ArchiveGiven(Vec<Given>),
    /// What the report module says of the session's analysis.
    ReportNews(ReportNews),
    /// Set the disagreement threshold (share of the scale).
    SetThreshold(f64),
    /// The supplier typed a competitor's lowest price, to see their price mark against it.
    SetLowest(String),
    /// Import evaluators' sessions (file name, session) into the committee's, or consolidate them.
    ImportEvaluators(Vec<(String, Session)>),
    /// Files given to the committee (file name, text): evaluators' sessions, or marks files of
    /// the evaluator named, on the offers read. Checked first; replacing an analysis that is not
    /// a committee's waits for [`Action::ConfirmImport`].
    ImportCommitteeFiles {
        /// The evaluator whose marks the marks files give.
        evaluator: String,
        /// The files.
        files: Vec<(String, String)>,
    },
    /// A procedure record file (file name, text): its record and decisions replace the session's.
    ImportRecord(String, String),
    /// Confirm (or cancel) the import waiting in [`CommitteeImport::waiting`].
    ConfirmImport(bool),
    /// Type an answer of a hypothetical offer.
    SetHypothesis {
        /// Which offer.
        offer: OfferId,
        /// Criterion id.
        criterion: String,
        /// The answer as typed.
        text: String,
    },
    /// Rename a hypothetical offer.
    RenameHypothesis(OfferId, String),
    /// Add a hypothetical offer.
    AddHypothesis,
    /// Remove a hypothetical offer.
    RemoveHypothesis(OfferId),
    /// The buyer's hidden quantities file (file name, text): kept in the session once checked
    /// against the grid, never in a form.
    SetQuantities(String, String),
    /// Erase the analysis.
    Clear,
    /// An edit in the grid editor (the editor's module's: the page only names it).
    #[cfg_attr(not(feature = "editor"), allow(dead_code))]
    Editor(editor::Edit),
}

impl State {
    /// The state restored from storage, or a fresh one on the default grid.
    pub fn restore(saved: Option<Saved>) -> State {
        let Saved { mut session, mode, simulation } = saved.unwrap_or_default();
        let grid = std::mem::take(&mut session.grid);
        let mut state = State {
            lang: session.lang,
            session: Rc::new(session),
            grid: None,
            grid_error: None,
            errors: Vec::new(),
            progress: Progress::default(),
            mode,
            notice: None,
            placed: None,
            lot: None,
            shown_grid: None,
            unassigned: Vec::new(),
            report: None,
            selected: None,
            threshold: DEFAULT_THRESHOLD,
            simulation,
            simulated: None,
            checked: None,
            lowest: None,
            price_check: None,
            comparison: Vec::new(),
            closing: None,
            labels: Default::default(),
            committee: CommitteeImport::default(),
            record_error: None,
            to_mark: Vec::new(),
            focus: None,
            rounds: Vec::new(),
            ranked_round: None,
            next_round: 2,
            framework: None,
            schedules: Rc::default(),
            lacks_quantities: false,
        };
        state.set_grid(if grid.is_empty() { GRIDS[0].1.to_string() } else { grid });
        state
    }

    /// What is kept in the browser.
    pub fn saved(&self) -> Saved {
        let mut session = (*self.session).clone();
        session.format = SESSION_FORMAT.to_string();
        session.lang = self.lang;
        Saved { session, mode: self.mode, simulation: self.simulation.clone() }
    }

    fn set_grid(&mut self, text: String) {
        match CheckedGrid::from_json(&text) {
            Ok(g) => {
                self.grid = Some(Rc::new(self.priced(g)));
                self.grid_error = None;
                self.session_mut().grid = text;
            }
            Err(e) => self.grid_error = Some(e),
        }
        self.evaluate();
    }

    /// The grid with the buyer's hidden quantities (dropped from the session when they do not
    /// fit this grid: another grid was chosen). The decision on optional services, which may
    /// change or be withdrawn at any time, is applied to the grid shown by [`State::evaluate`].
    fn priced(&mut self, grid: CheckedGrid) -> CheckedGrid {
        match self.session.quantities.clone().map(|q| grid.clone().hiding(&q)) {
            Some(Ok(hidden)) => hidden,
            Some(Err(_)) => {
                self.session_mut().quantities = None;
                grid
            }
            None => grid,
        }
    }

    /// The grid's lots, each with how many offers answer it (none for a grid without lots).
    pub fn lots(&self) -> Vec<LotChoice> {
        let Some(g) = &self.grid else { return Vec::new() };
        g.grid()
            .lots
            .iter()
            .map(|l| LotChoice {
                id: l.id.clone(),
                title: l.title.clone(),
                offers: self
                    .session
                    .offers
                    .iter()
                    .filter(|o| {
                        self.session.lot_of(o) == Some(l.id.as_str())
                            && self.session.in_round(o, self.session.last_round())
                    })
                    .count(),
            })
            .collect()
    }

    /// Chooses the lot shown and its grid: the lot kept if the grid still has it, the self-checked
    /// offer's on the supplier's page, the grid's first lot otherwise; the grid itself without lots.
    fn choose_lot(&mut self) {
        let Some(g) = &self.grid else {
            (self.lot, self.shown_grid, self.unassigned) = (None, None, Vec::new());
            return;
        };
        let lots: Vec<&str> = g.grid().lots.iter().map(|l| l.id.as_str()).collect();
        if lots.is_empty() {
            (self.lot, self.shown_grid, self.unassigned) = (None, Some(g.clone()), Vec::new());
            return;
        }
        if self.mode == Mode::Supplier {
            let offer = self.selected.as_ref().and_then(|id| self.session.offer(id)).or(self.session.offers.last());
            if let Some(lot) = offer.and_then(|o| self.session.lot_of(o)).map(String::from) {
                self.lot = Some(lot);
            }
        }
        if self.lot.as_deref().is_none_or(|l| !lots.contains(&l)) {
            self.lot = lots.first().map(|l| l.to_string());
        }
        self.shown_grid = self.lot.as_deref().and_then(|l| g.lot(l)).map(Rc::new);
        self.unassigned = self.session.unassigned(g.grid());
    }

    fn evaluate(&mut self) {
        self.choose_lot();
        // The recorded decision on optional services prices every offer's schedule.
        if self.session.optional_services.is_some() {
            self.shown_grid = self.shown_grid.take().map(|g| Rc::new(self.session.priced((*g).clone())));
        }
        // A procedure in several rounds ranks its last round only (earlier ones are in the report).
        let last = self.session.last_round();
        self.next_round = last + 1;
        self.rounds = match last > 1 || !self.session.rounds.is_empty() {
            true => (1..=last).map(|n| self.session.round_info(n)).collect(),
            false => Vec::new(),
        };
        self.ranked_round = (last > 1).then(|| self.session.round_info(last));
        let kept: Vec<Offer> = self
            .session
            .kept()
            .into_iter()
            .filter(|o| {
                (self.lot.is_none() || self.session.lot_of(o) == self.lot.as_deref()) && self.session.in_round(o, last)
            })
            .collect();
        self.report = self.shown_grid.as_ref().map(|g| Rc::new(jauge_engine::evaluate(g, &kept)));
        self.schedules = match (&self.shown_grid, &self.report) {
            (Some(g), Some(r)) => Rc::new(jauge_engine::schedule::comparisons(g, &kept, r)),
            _ => Rc::default(),
        };
        self.lacks_quantities = self.shown_grid.as_ref().is_some_and(|g| g.lacks_quantities());
        self.labels = jauge_engine::offer::labels_in(&self.session.offers, self.lang);
        self.to_mark = self.owed_marks();
        self.compare();
        self.frame();
        self.check();
        self.simulate();
    }

    /// The marks the evaluators still owe, each offer named as the ranking names it (a variant
    /// as one), in the page's language.
    fn owed_marks(&self) -> Vec<ToMark> {
        match (&self.report, &self.grid) {
            (Some(report), Some(grid)) => report
                .offers
                .iter()
                .filter(|o| o.status != jauge_engine::Status::Irregular)
                .flat_map(|o| {
                    o.awaiting_marks().map(|c| ToMark {
                        offer: o.id.clone(),
                        // A variant named as one: its base offer owes its own marks.
                        supplier: o.bidder(self.lang),
                        criterion: c.id.clone(),
                        label: grid.grid().criterion(&c.id).map(|k| k.label.clone()).unwrap_or_default(),
                        out_of: c.marked_out_of.unwrap_or(c.max),
                    })
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Each evaluator's marks compared, at the committee's threshold.
    fn compare(&mut self) {
        self.comparison =
            self.grid.as_ref().map(|g| self.session.comparison(g.grid(), self.threshold)).unwrap_or_default();
    }

    /// For a framework agreement (the grid's, or the lot shown's): what it announces, and the
    /// proposed holders as the report module computed them.
    fn frame(&mut self) {
        let proposed = self.closing.as_ref().and_then(|news| {
            news.holders.iter().find(|(lot, _)| *lot == self.lot).and_then(|(_, proposed)| proposed.clone())
        });
        self.framework = self.shown_grid.as_ref().and_then(|g| {
            let f = g.grid().framework?;
            Some(FrameworkShown { holders: f.holders, cascade: f.cascade, proposed })
        });
    }

    /// The session, to change it (copied first if a view still holds it).
    fn session_mut(&mut self) -> &mut Session {
        Rc::make_mut(&mut self.session)
    }

    /// The self-check's evaluation: the supplier's offer alone, its price compared with nothing
    /// but the simulated lowest price the page asks for.
    fn check(&mut self) {
        let offer = self.selected.as_ref().and_then(|id| self.session.offer(id)).or(self.session.offers.last());
        self.checked = match (&self.shown_grid, offer, self.mode) {
            (Some(g), Some(o), Mode::Supplier) => Some(Rc::new(jauge_engine::evaluate(g, std::slice::from_ref(o)))),
            _ => None,
        };
        self.price_check = match (&self.shown_grid, self.checked.as_ref().and_then(|r| r.offers.first())) {
            (Some(g), Some(result)) => jauge_engine::price::against_lowest(g.grid(), result, self.lowest),
            _ => None,
        };
    }

    /// The simulation's evaluation, with two hypothetical offers to start with (the editor
    /// module simulates the grid being written itself: [`simulated`]).
    fn simulate(&mut self) {
        self.simulated = match self.mode {
            Mode::Simulation => simulated(self.grid.as_deref(), &mut self.simulation, self.lang),
            Mode::Buyer | Mode::Supplier | Mode::Editor => None,
        };
    }
}

/// The evaluation of the hypothetical offers on `grid`, with two of them to start with.
pub fn simulated(grid: Option<&CheckedGrid>, simulation: &mut Vec<Hypothesis>, lang: Lang) -> Option<Rc<Simulated>> {
    while simulation.len() < 2 {
        add_hypothesis(simulation, lang);
    }
    grid.map(|g| Rc::new(simulate(g, simulation)))
}

/// Applies an action on the hypothetical offers (typed answer, name, added, removed); any other
/// action changes nothing.
pub fn hypotheses(simulation: &mut Vec<Hypothesis>, lang: Lang, action: Action) {
    match action {
        Action::SetHypothesis { offer, criterion, text } => {
            if let Some(h) = simulation.iter_mut().find(|h| h.id == offer) {
                if text.trim().is_empty() {
                    h.answers.remove(&criterion);
                } else {
                    h.answers.insert(criterion, text);
                }
            }
        }
        Action::RenameHypothesis(offer, name) => {
            if let Some(h) = simulation.iter_mut().find(|h| h.id == offer) {
                h.name = name;
            }
        }
        Action::AddHypothesis => add_hypothesis(simulation, lang),
        Action::RemoveHypothesis(offer) => simulation.retain(|h| h.id != offer),
        _ => {}
    }
}

/// A new hypothetical offer, named by a letter, with an identity no other has had.
fn add_hypothesis(simulation: &mut Vec<Hypothesis>, lang: Lang) {
    let next = simulation
        .iter()
        .filter_map(|h| h.id.as_str().strip_prefix("simulation:")?.parse::<u32>().ok())
        .max()
        .unwrap_or(0)
        + 1;
    let letter = (b'A' + simulation.len() as u8 % 26) as char;
    simulation.push(Hypothesis {
        id: OfferId(format!("simulation:{next}")),
        name: format!("{} {letter}", lang.pick("Offre", "Offer")),
        ..Hypothesis::default()
    });
}

impl State {
    /// The message to show in section `place`, if any.
    pub fn notice_at(&self, place: Place) -> Option<Failure> {
        self.placed.as_ref().filter(|(p, _)| *p == place).map(|(_, f)| f.clone())
    }

    /// The committee's files as evaluators' sessions: a session file as it is, a marks file as
    /// `evaluator`'s session on the offers read. The first file refused stops the import.
    fn committee_sessions(
        &self,
        evaluator: &str,
        files: &[(String, String)],
    ) -> Result<Vec<(String, Session)>, Failure> {
        use jauge_engine::error::Document;
        let named = |file: &str, e: jauge_engine::Error| jauge_engine::Error::Json {
            file: file.to_string(),
            source: Box::new(e),
        };
        files
            .iter()
            .map(|(file, text)| {
                let session = if Document::recognise(text) == Some(Document::Marks) {
                    let marks = jauge_engine::offer::MarksFile::from_json(text).map_err(|e| named(file, e))?;
                    self.session.with_marks_of(evaluator, file, &marks)?
                } else {
                    Session::from_json(file, text)?
                };
                Ok((file.clone(), session))
            })
            .collect::<Result<_, jauge_engine::Error>>()
            .map_err(Failure::Jauge)
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => {
                s.lang = lang;
                s.labels = jauge_engine::offer::labels_in(&s.session.offers, lang);
                s.to_mark = s.owed_marks();
                s.frame();
            }
            Action::ChooseGrid(text) => s.set_grid(text),
            Action::Reading(n) => {
                if s.progress.done >= s.progress.total {
                    s.progress = Progress::default();
                }
                s.progress.total += n;
            }
            Action::ReadingFile(name) => s.progress.current = Some(name),
            Action::SetMode(mode) => {
                s.mode = mode;
                s.selected = None;
                s.frame();
                s.check();
                s.simulate();
            }
            Action::Notice(notice) => s.notice = notice,
            Action::NoticeAt(place, notice) => match notice {
                Some(failure) => s.placed = Some((place, failure)),
                None if s.placed.as_ref().is_some_and(|(p, _)| *p == place) => s.placed = None,
                None => {}
            },
            Action::Restore(saved) => {
                let (lang, threshold, simulation) = (s.lang, s.threshold, std::mem::take(&mut s.simulation));
                let closing = s.closing.take();
                s = State::restore(Some(*saved));
                s.lang = lang;
                s.threshold = threshold;
                s.simulation = simulation;
                // The report module's last news stays until it tells the new session's (it tells
                // nothing new for the same session given again).
                s.closing = closing;
                s.simulate();
                s.frame();
            }
            Action::OfferRead(offer) => {
                s.progress.done += 1;
                // The same file dropped again (same bytes, whatever its name) replaces its earlier
                // reading, keeping the marks entered; another file with the same name is another
                // offer (every supplier returns the same form). A file already read stays in its
                // round: the same bytes given with a later round are not that round's offer.
                if let Some(old) = s.session_mut().offers.iter_mut().find(|o| o.id == offer.id) {
                    let (marks, round) = (std::mem::take(&mut old.marks), old.round);
                    *old = offer;
                    old.marks.extend(marks);
                    old.round = round;
                } else {
                    s.session_mut().offers.push(offer);
                }
                s.errors.retain(|e| s.session.offers.iter().all(|o| o.source != e.file));
                s.evaluate();
            }
            Action::FileFailed(error) => {
                s.progress.done += 1;
                s.errors.retain(|e| e.file != error.file);
                s.errors.push(error);
            }
            Action::SetMark { offer, criterion, mark, appraisal } => {
                if let Some(o) = s.session_mut().offers.iter_mut().find(|o| o.id == offer) {
                    match mark {
                        Some(mark) => {
                            o.marks.insert(criterion, ManualMark { mark, appraisal });
                        }
                        None => {
                            o.marks.remove(&criterion);
                        }
                    }
                }
                s.evaluate();
            }
            Action::Remove(offer) => {
                s.session_mut().offers.retain(|o| o.id != offer);
                if s.selected.as_ref() == Some(&offer) {
                    s.selected = None;
                }
                s.evaluate();
            }
            Action::Select(offer) => {
                s.selected = offer;
                s.focus = None;
                if s.mode == Mode::Supplier {
                    // The self-checked offer's lot, and its grid.
                    s.evaluate();
                } else {
                    s.check();
                }
            }
            Action::AddRound { kind, date } => {
                let number = s.session.last_round() + 1;
                let session = s.session_mut();
                if session.rounds.is_empty() {
                    session.rounds.push(session.round_info(1));
                }
                // A round recorded whose files all failed is replaced by this one.
                session.rounds.retain(|r| r.number < number);
                session.rounds.push(Round { number, kind, date });
                s.evaluate();
            }
            Action::ShowLot(lot) => {
                s.lot = Some(lot);
                s.selected = None;
                s.evaluate();
            }
            Action::GoToMark(offer, criterion) => {
                s.selected = Some(offer);
                s.focus = Some(criterion);
                s.check();
            }
            Action::SetProcedure(procedure) => {
                s.session_mut().procedure = *procedure;
                s.frame();
            }
            Action::SetEvaluator(name) => s.session_mut().evaluator = name,
            Action::AddDecision(decision) => {
                s.session_mut().decisions.push(decision);
                s.evaluate();
            }
            Action::Regularise(mut decision, sent) => {
                let checked = s.grid.clone();
                let done = checked.map(|g| s.session.regularise(&g, &decision.offer, &sent, &decision.date));
                match done {
                    Some(Ok(r)) => {
                        decision.regularisation = Some(r);
                        s.session_mut().decisions.push(decision);
                        s.notice = None;
                        s.evaluate();
                    }
                    Some(Err(e)) => s.notice = Some(Failure::Jauge(e)),
                    None => {}
                }
            }
            Action::SetOutcome(index, outcome) => {
                if let Some(d) = s.session_mut().decisions.get_mut(index) {
                    d.outcome = outcome;
                }
                s.evaluate();
            }
            Action::RemoveDecision(index) => {
                if index < s.session.decisions.len() {
                    s.session_mut().decisions.remove(index);
                }
                s.evaluate();
            }
            Action::SetOptionalServices(decision) => {
                s.session_mut().optional_services = decision;
                s.evaluate();
            }
            // The archive's files are the report module's.
            Action::ArchiveGiven(_) => {}
            Action::ReportNews(news) => {
                s.closing = Some(Rc::new(news));
                s.frame();
            }
            Action::SetThreshold(t) => {
                s.threshold = t;
                s.compare();
            }
            Action::SetLowest(typed) => {
                s.lowest = jauge_engine::value::typed_number(&typed, &["€"]).filter(|x| *x > 0.0);
                s.check();
            }
            Action::ImportCommitteeFiles { evaluator, files } => {
                s.committee = CommitteeImport::default();
                match s.committee_sessions(&evaluator, &files) {
                    Err(failure) => s.committee.error = Some(failure),
                    // Replacing an analysis that is not a committee's is confirmed first.
                    Ok(sessions) if !s.session.offers.is_empty() && s.session.individual.is_empty() => {
                        s.committee.waiting = Some(Rc::new(sessions));
                    }
                    Ok(sessions) => return Rc::new(s).reduce(Action::ImportEvaluators(sessions)),
                }
            }
            Action::SetQuantities(file, text) => {
                let checked = jauge_engine::schedule::read_quantities(&text).and_then(|q| {
                    let grid = CheckedGrid::from_json(&s.session.grid)?;
                    grid.hiding(&q).map(|_| q)
                });
                match checked {
                    Ok(q) => {
                        if s.placed.as_ref().is_some_and(|(p, _)| *p == Place::Results) {
                            s.placed = None;
                        }
                        s.session_mut().quantities = Some(q);
                        let grid = s.session.grid.clone();
                        s.set_grid(grid);
                    }
                    Err(e) => {
                        let failure = Failure::Jauge(jauge_engine::Error::Json { file, source: Box::new(e) });
                        s.placed = Some((Place::Results, failure));
                    }
                }
            }
            Action::ImportRecord(file, text) => {
                match jauge_engine::session::Record::from_json(&file, &text)
                    .and_then(|r| r.resolved(&file, &s.session.offers))
                {
                    Ok(record) => {
                        s.record_error = None;
                        if s.placed.as_ref().is_some_and(|(p, _)| *p == Place::Record) {
                            s.placed = None;
                        }
                        let session = s.session_mut();
                        session.procedure = record.procedure;
                        session.decisions = record.decisions;
                        s.evaluate();
                    }
                    Err(e) => s.record_error = Some(Failure::Jauge(e)),
                }
            }
            Action::ConfirmImport(yes) => {
                let waiting = s.committee.waiting.take();
                if let (true, Some(sessions)) = (yes, waiting) {
                    return Rc::new(s).reduce(Action::ImportEvaluators((*sessions).clone()));
                }
            }
            Action::ImportEvaluators(sessions) => {
                // Into a committee's session, the sessions are added (or replace their
                // evaluator's) and what the committee set is kept; otherwise they are consolidated
                // into a new committee session.
                let merged = if s.session.individual.is_empty() {
                    consolidate(&sessions)
                } else {
                    s.session.import_evaluators(
                        s.lang.pick("la session de la commission", "the committee's session"),
                        &sessions,
                    )
                };
                match merged {
                    Ok(session) => {
                        let (lang, threshold, closing) = (s.lang, s.threshold, s.closing.take());
                        s = State::restore(Some(Saved { session, mode: Mode::Buyer, simulation: s.simulation }));
                        s.lang = lang;
                        s.threshold = threshold;
                        s.closing = closing;
                        s.frame();
                        s.compare();
                    }
                    Err(e) => s.committee.error = Some(Failure::Jauge(e)),
                }
            }
            action @ (Action::SetHypothesis { .. }
            | Action::RenameHypothesis(..)
            | Action::AddHypothesis
            | Action::RemoveHypothesis(_)) => {
                hypotheses(&mut s.simulation, s.lang, action);
                s.simulate();
            }
            Action::Clear => {
                // The grid being written is not part of the analysis: it stays (the editor
                // module keeps it).
                let lang = s.lang;
                s = State::restore(None);
                s.lang = lang;
            }
            // The grid editor is the editor module's (`editor_module.rs`), fetched when its mode
            // is chosen: its edits never reach the page's state.
            Action::Editor(_) => {}
        }
        Rc::new(s)
    }
}

#[cfg(test)]
mod tests;
