//! The catalogues a member opens in the grid panel (« Ouvrir un catalogue »): the structures' keys
//! pinned, the catalogues kept in the browser for offline use (with the grid files used), and
//! what opening one found, and what the page tells the catalogue's module (its language and grid
//! in use). The catalogue's module (feature `catalogue`, fetched when the member first opens « Ouvrir
//! un catalogue ») holds this state; every check is `jauge-catalogue`'s (signature against the
//! pinned key, each grid's fingerprint).

use std::collections::BTreeMap;
use std::rc::Rc;

use jauge_catalogue::member::{self, Opening, Pin};
use jauge_catalogue::{Refusal, Release, Signed, Status};
use jauge_engine::{CheckedGrid, Lang};
use yew::Reducible;

/// The browser storage key of the pinned keys.
pub const PINS_KEY: &str = "jauge-cles-epinglees-v1";
/// The browser storage key of the catalogues kept for offline use.
pub use super::CATALOGUES_KEPT_KEY as KEPT_KEY;
/// How many catalogues are kept (the most recently opened).
const MAX_KEPT: usize = 5;

/// Where a catalogue came from.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Fetched from this address (HTTPS).
    Address(String),
    /// Files the member chose.
    Files,
}

/// A catalogue as the browser keeps it: its text, its signature, the public key file that came
/// with it, and the grid files fetched or read (by their address in the catalogue).
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Kept {
    /// Where it came from.
    pub origin: Origin,
    /// The catalogue's text.
    pub catalogue: String,
    /// The `.minisig` signature's text, when there is one.
    #[serde(default)]
    pub signature: Option<String>,
    /// The public key file found beside the catalogue (it proves nothing).
    #[serde(default)]
    pub key: Option<String>,
    /// Grid files, by their address in the catalogue.
    #[serde(default)]
    pub grids: BTreeMap<String, String>,
}

impl Kept {
    /// A catalogue from files chosen together (names and texts): `catalogue.json`, its
    /// `.minisig`, a `.pub` key and grid files, matched to the catalogue's addresses by their
    /// names.
    pub fn from_files(files: Vec<(String, String)>) -> Result<Kept, Problem> {
        let mut kept = Kept {
            origin: Origin::Files,
            catalogue: String::new(),
            signature: None,
            key: None,
            grids: BTreeMap::new(),
        };
        let mut others = Vec::new();
        for (name, text) in files {
            if name == jauge_catalogue::FILE_NAME {
                kept.catalogue = text;
            } else if name.ends_with(".minisig") {
                kept.signature = Some(text);
            } else if name.ends_with(".pub") {
                kept.key = Some(text);
            } else {
                others.push((name, text));
            }
        }
        if kept.catalogue.is_empty() {
            return Err(Problem::Refusal(Refusal::MissingFile { file: jauge_catalogue::FILE_NAME.into() }));
        }
        if let Ok(catalogue) = jauge_catalogue::read(kept.catalogue.as_bytes()) {
            for (_, release) in catalogue.releases() {
                let name = member::file_name(&release.file);
                if let Some((_, text)) = others.iter().find(|(n, _)| n == name) {
                    kept.grids.insert(release.file.clone(), text.clone());
                }
            }
        }
        Ok(kept)
    }

    /// The publisher the catalogue claims (not verified), to tell kept catalogues apart.
    fn publisher(&self) -> Option<String> {
        jauge_catalogue::read(self.catalogue.as_bytes()).ok().map(|c| c.publisher)
    }

    /// Whether `other` is the same catalogue, opened again: the same address, or files of the
    /// same publisher.
    fn same(&self, other: &Kept) -> bool {
        self.origin == other.origin
            && (matches!(self.origin, Origin::Address(_)) || self.publisher() == other.publisher())
    }

    /// The id of the public key that came with the catalogue, when it is one.
    pub fn key_id(&self) -> Option<String> {
        jauge_catalogue::PublicKey::parse(self.key.as_deref()?).ok().map(|k| k.id().to_string())
    }

    /// Where the catalogue came from, in words.
    pub fn describe(&self, lang: Lang) -> String {
        let publisher = self.publisher().unwrap_or_default();
        match &self.origin {
            Origin::Address(url) => format!("{publisher} — {url}"),
            Origin::Files => format!("{publisher} — {}", lang.pick("fichiers choisis", "files chosen")),
        }
    }
}

/// Why the last operation on catalogues failed.
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// A catalogue, its signature, a key or a grid refused, with the reason.
    Refusal(Refusal),
    /// A file could not be fetched from its address.
    Fetch {
        /// The address.
        url: String,
        /// Why.
        detail: String,
    },
    /// A file the member chose could not be read.
    Read(crate::failure::Failure),
}

impl Problem {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Problem::Refusal(r) => r.describe(lang),
            Problem::Fetch { url, detail } => lang.pick(
                format!("{url} : téléchargement impossible ({detail})"),
                format!("{url}: cannot download it ({detail})"),
            ),
            Problem::Read(f) => f.describe(lang),
        }
    }
}

/// A catalogue opened: what was kept of it and what checking it against the pinned keys found.
#[derive(Clone, Debug, PartialEq)]
pub struct Opened {
    /// The catalogue and its files.
    pub kept: Kept,
    /// Verified, waiting for a key to be pinned, or refused with the reason.
    pub outcome: Result<Opening, Refusal>,
    /// Opened from the browser's copy (the address could not be reached, or the page was
    /// reloaded).
    pub from_copy: bool,
}

impl Opened {
    fn new(kept: Kept, pins: &[Pin], from_copy: bool) -> Opened {
        let outcome = member::open(kept.catalogue.as_bytes(), kept.signature.as_deref(), pins);
        Opened { kept, outcome, from_copy }
    }

    /// The catalogue, when its signature holds with the pinned key.
    pub fn signed(&self) -> Option<&Signed> {
        match &self.outcome {
            Ok(Opening::Verified(s)) => Some(s),
            _ => None,
        }
    }
}

/// The catalogues' state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Catalogues {
    /// The structures' keys pinned.
    pub pins: Vec<Pin>,
    /// The catalogues kept for offline use, the most recently opened first.
    pub kept: Vec<Kept>,
    /// The catalogue shown.
    pub opened: Option<Opened>,
    /// Why the last operation failed.
    pub problem: Option<Problem>,
    /// A withdrawn release the member asked to use, waiting for confirmation (id, version).
    pub confirm: Option<(String, String)>,
    /// The interface's language, as the page tells it.
    pub lang: Lang,
    /// The page's grid in use, checked (to tell when a newer version is published).
    pub grid: Option<Rc<CheckedGrid>>,
    /// Its text, as the page sent it.
    grid_text: String,
}

/// What the member does with catalogues.
pub enum CatalogueAction {
    /// What the page said: its language and grid in use.
    Page(super::EditorContext),
    /// A catalogue fetched or read: open it against the pinned keys.
    Open(Box<Kept>),
    /// The catalogue's address could not be reached: open the browser's copy, if one is kept.
    Unreachable(String, Problem),
    /// Pin this public key (pasted, or the one that came with the catalogue) for the catalogue
    /// shown: refused when it does not verify it.
    Pin(String),
    /// Remove a pinned key (by its id).
    Unpin(String),
    /// Show a kept catalogue again.
    Reopen(usize),
    /// Forget a kept catalogue.
    Forget(usize),
    /// Ask to confirm the use of a withdrawn release (id, version); `None` cancels.
    Confirm(Option<(String, String)>),
    /// A grid of the catalogue was used: its file is kept for offline use.
    Used {
        /// Its address in the catalogue.
        file: String,
        /// Its text.
        text: String,
    },
    /// Show (or clear) why an operation failed.
    Failed(Option<Problem>),
}

impl Catalogues {
    /// The state as the browser kept it (the texts under [`PINS_KEY`] and [`KEPT_KEY`]): the most
    /// recently opened catalogue is shown again from its copy.
    pub fn restore(pins: Option<String>, kept: Option<String>) -> Catalogues {
        let pins: Vec<Pin> = pins.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        let kept: Vec<Kept> = kept.and_then(|t| serde_json::from_str(&t).ok()).unwrap_or_default();
        let opened = kept.first().map(|k| Opened::new(k.clone(), &pins, true));
        Catalogues { pins, kept, opened, ..Default::default() }
    }

    /// The pinned keys' text, to keep in the browser.
    pub fn pins_json(&self) -> String {
        serde_json::to_string(&self.pins).unwrap_or_default()
    }

    /// The kept catalogues' text, to keep in the browser.
    pub fn kept_json(&self) -> String {
        serde_json::to_string(&self.kept).unwrap_or_default()
    }

    /// Keeps the catalogue shown (unless refused) as the most recent one.
    fn keep_opened(&mut self) {
        let Some(opened) = &self.opened else { return };
        if opened.outcome.is_err() {
            return;
        }
        self.kept.retain(|k| !k.same(&opened.kept));
        self.kept.insert(0, opened.kept.clone());
        self.kept.truncate(MAX_KEPT);
    }

    /// The newest published version of the grid in use, when the catalogue shown (verified) has
    /// one newer than it.
    pub fn newer(&self, grid: &CheckedGrid) -> Option<&Release> {
        let signed = self.opened.as_ref()?.signed()?;
        member::newer(&signed.catalogue, &grid.grid().id, &grid.grid().version)
    }
}

/// The text of release `id@version` of the catalogue shown, once checked against its entry (a
/// valid grid with the fingerprint the signed catalogue records), or why it is refused.
pub fn check_release(opened: &Opened, id: &str, version: &str, text: &str) -> Result<(), Refusal> {
    let signed = opened.signed().ok_or(Refusal::NoSignature)?;
    let release = signed
        .catalogue
        .release(id, version)
        .ok_or_else(|| Refusal::UnknownRelease { reference: format!("{id}@{version}") })?;
    jauge_catalogue::check_grid(id, release, text).map(|_| ())
}

/// Whether a release must be confirmed before it is used: a withdrawn one.
pub fn needs_confirmation(release: &Release) -> bool {
    release.status == Status::Withdrawn
}

impl Reducible for Catalogues {
    type Action = CatalogueAction;

    fn reduce(self: Rc<Self>, action: CatalogueAction) -> Rc<Self> {
        let mut next = (*self).clone();
        if let CatalogueAction::Page(super::EditorContext { lang, grid }) = action {
            // The page's language or grid changed: what the catalogue shows stays as it was.
            next.lang = lang;
            if grid != next.grid_text {
                next.grid = CheckedGrid::from_json(&grid).ok().map(Rc::new);
                next.grid_text = grid;
            }
            return Rc::new(next);
        }
        next.problem = None;
        match action {
            CatalogueAction::Page(_) => {}
            CatalogueAction::Open(kept) => {
                // The grid files kept from an earlier opening of the same catalogue stay usable
                // offline; each is checked again against the catalogue when used.
                let mut kept = *kept;
                if let Some(before) = self.kept.iter().find(|k| k.same(&kept) && k.catalogue == kept.catalogue) {
                    for (file, text) in &before.grids {
                        kept.grids.entry(file.clone()).or_insert_with(|| text.clone());
                    }
                }
                next.confirm = None;
                next.opened = Some(Opened::new(kept, &self.pins, false));
                next.keep_opened();
            }
            CatalogueAction::Unreachable(url, problem) => {
                // Offline, or the address no longer answers: the browser's copy, said so.
                if let Some(k) = self.kept.iter().find(|k| k.origin == Origin::Address(url.clone())) {
                    next.confirm = None;
                    next.opened = Some(Opened::new(k.clone(), &self.pins, true));
                }
                next.problem = Some(problem);
            }
            CatalogueAction::Pin(key) => {
                let Some(opened) = &self.opened else { return self };
                let signature = opened.kept.signature.clone().unwrap_or_default();
                match member::pin(opened.kept.catalogue.as_bytes(), &signature, &key) {
                    Ok((pin, signed)) => {
                        next.pins = member::pinned(&self.pins, pin);
                        next.opened = Some(Opened {
                            kept: opened.kept.clone(),
                            outcome: Ok(Opening::Verified(signed)),
                            from_copy: opened.from_copy,
                        });
                        next.keep_opened();
                    }
                    Err(r) => next.problem = Some(Problem::Refusal(r)),
                }
            }
            CatalogueAction::Unpin(key_id) => {
                next.pins.retain(|p| p.key_id != key_id);
                next.opened = self.opened.as_ref().map(|o| Opened::new(o.kept.clone(), &next.pins, o.from_copy));
            }
            CatalogueAction::Reopen(i) => {
                if let Some(k) = self.kept.get(i) {
                    next.confirm = None;
                    next.opened = Some(Opened::new(k.clone(), &self.pins, true));
                }
            }
            CatalogueAction::Forget(i) => {
                if i < next.kept.len() {
                    let gone = next.kept.remove(i);
                    if next.opened.as_ref().is_some_and(|o| o.kept.same(&gone)) {
                        next.opened = None;
                    }
                }
            }
            CatalogueAction::Confirm(asked) => next.confirm = asked,
            CatalogueAction::Used { file, text } => {
                next.confirm = None;
                if let Some(opened) = &mut next.opened {
                    opened.kept.grids.insert(file, text);
                }
                next.keep_opened();
            }
            CatalogueAction::Failed(problem) => next.problem = problem,
        }
        Rc::new(next)
    }
}

#[cfg(test)]
#[path = "catalogue_tests.rs"]
mod tests;
