//! The app's one state, the actions that change it, and the reducer that calls the engine.

use std::rc::Rc;

use jauge_engine::{CheckedGrid, Lang, ManualMark, Offer, Report};
use yew::Reducible;

use crate::reader::Failure;
use crate::services::{SESSION_FORMAT, Saved};

/// The grids bundled with the app: (file name, text).
pub const GRIDS: [(&str, &str); 2] = [
    ("numerique-responsable.json", include_str!("../../../criteria/numerique-responsable.json")),
    ("hebergement.json", include_str!("../../../criteria/hebergement.json")),
];

/// A file that could not be read, with the reader's message in both languages.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// File name.
    pub file: String,
    /// Message in French.
    pub fr: String,
    /// Message in English.
    pub en: String,
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
    /// The grid's text, as chosen.
    pub grid_text: String,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// Why the chosen grid was refused.
    pub grid_error: Option<String>,
    /// Offers read, in the order they were added.
    pub offers: Vec<Offer>,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// Files being read.
    pub progress: Progress,
    /// Buyer or supplier.
    pub mode: Mode,
    /// A message about the last operation that failed (export, grid address, session file).
    pub notice: Option<Failure>,
    /// The evaluation of the offers.
    pub report: Option<Rc<Report>>,
    /// The offer (by source file) whose detail is shown.
    pub selected: Option<String>,
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
    /// Show (or clear) a message about an operation that failed.
    Notice(Option<Failure>),
    /// Replace the analysis by a session file's.
    Restore(Saved),
    /// An offer was read.
    OfferRead(Offer),
    /// A file could not be read.
    FileFailed(FileError),
    /// Set or clear an evaluator's mark.
    SetMark {
        /// Offer source file.
        source: String,
        /// Criterion id.
        criterion: String,
        /// The mark, or `None` to clear it.
        mark: Option<f64>,
        /// The written appraisal.
        appraisal: String,
    },
    /// Remove an offer.
    Remove(String),
    /// Show an offer's detail.
    Select(Option<String>),
    /// Erase the analysis.
    Clear,
}

impl State {
    /// The state restored from storage, or a fresh one on the default grid.
    pub fn restore(saved: Option<Saved>) -> State {
        let saved = saved.unwrap_or_else(|| Saved { grid: GRIDS[0].1.to_string(), ..Saved::default() });
        let mut state = State {
            lang: saved.lang,
            grid_text: String::new(),
            grid: None,
            grid_error: None,
            offers: saved.offers,
            errors: Vec::new(),
            progress: Progress::default(),
            mode: saved.mode,
            notice: None,
            report: None,
            selected: None,
        };
        state.set_grid(if saved.grid.is_empty() { GRIDS[0].1.to_string() } else { saved.grid });
        state
    }

    /// What is kept in the browser.
    pub fn saved(&self) -> Saved {
        Saved {
            format: SESSION_FORMAT.to_string(),
            lang: self.lang,
            mode: self.mode,
            grid: self.grid_text.clone(),
            offers: self.offers.clone(),
        }
    }

    fn set_grid(&mut self, text: String) {
        match CheckedGrid::from_json(&text) {
            Ok(g) => {
                self.grid = Some(Rc::new(g));
                self.grid_error = None;
                self.grid_text = text;
            }
            Err(e) => self.grid_error = Some(e.describe(self.lang)),
        }
        self.evaluate();
    }

    fn evaluate(&mut self) {
        self.report = self.grid.as_ref().map(|g| Rc::new(jauge_engine::evaluate(g, &self.offers)));
    }
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::SetLang(lang) => s.lang = lang,
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
            }
            Action::Notice(notice) => s.notice = notice,
            Action::Restore(saved) => {
                let lang = s.lang;
                s = State::restore(Some(saved));
                s.lang = lang;
            }
            Action::OfferRead(offer) => {
                s.progress.done += 1;
                // A file dropped again replaces its earlier reading, keeping the marks entered.
                if let Some(old) = s.offers.iter_mut().find(|o| o.source == offer.source) {
                    let marks = std::mem::take(&mut old.marks);
                    *old = offer;
                    old.marks.extend(marks);
                } else {
                    s.offers.push(offer);
                }
                s.errors.retain(|e| s.offers.iter().all(|o| o.source != e.file));
                s.evaluate();
            }
            Action::FileFailed(error) => {
                s.progress.done += 1;
                s.errors.retain(|e| e.file != error.file);
                s.errors.push(error);
            }
            Action::SetMark { source, criterion, mark, appraisal } => {
                if let Some(o) = s.offers.iter_mut().find(|o| o.source == source) {
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
            Action::Remove(source) => {
                s.offers.retain(|o| o.source != source);
                if s.selected.as_deref() == Some(source.as_str()) {
                    s.selected = None;
                }
                s.evaluate();
            }
            Action::Select(source) => s.selected = source,
            Action::Clear => {
                let lang = s.lang;
                s = State::restore(None);
                s.lang = lang;
            }
        }
        Rc::new(s)
    }
}
