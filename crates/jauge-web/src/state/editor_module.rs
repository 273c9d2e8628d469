//! The grid editor's module's state (feature `editor`: a wasm module of its own, fetched when
//! « Rédiger une grille » is chosen): the grid being written, the hypothetical offers simulated on
//! it, the page's language and grid chosen as the page tells them, the last message. The editing
//! itself is [`super::editor::Editor::apply`]; the simulation is the page's [`super::simulated`].

use std::rc::Rc;

use jauge_engine::simulation::{Hypothesis, Simulated};
use jauge_engine::{CheckedGrid, Lang};
use yew::Reducible;

use super::editor::{Edit, Editor};
use super::{Action, EditorContext, hypotheses, simulated};
use crate::failure::Failure;

/// What the editor's module shows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct EditorState {
    /// The interface's language (the page's).
    pub lang: Lang,
    /// The page's grid chosen, checked (to adapt or start from).
    pub chosen: Option<Rc<CheckedGrid>>,
    /// Its text, as the page sent it.
    chosen_text: String,
    /// The grid being written, once started (kept in the browser on its own).
    pub editor: Option<Rc<Editor>>,
    /// The hypothetical offers simulated on the grid written.
    pub simulation: Vec<Hypothesis>,
    /// Their evaluation, once the grid written is valid.
    pub simulated: Option<Rc<Simulated>>,
    /// Why the last thing asked failed, if it did.
    pub notice: Option<Failure>,
}

/// What changes the editor's module's state.
pub enum EditorAction {
    /// What the page said: its language and grid chosen.
    Page(EditorContext),
    /// An action of the editor's views (edits, hypothetical offers, messages).
    View(Box<Action>),
}

impl EditorState {
    /// The state with the draft an earlier visit kept, in `lang`.
    pub fn new(draft: Option<&str>, lang: Lang) -> EditorState {
        let mut s = EditorState { lang, editor: draft.and_then(Editor::restore).map(Rc::new), ..Default::default() };
        s.simulate();
        s
    }

    fn simulate(&mut self) {
        let grid = self.editor.as_ref().and_then(|e| e.checked.clone());
        self.simulated = simulated(grid.as_deref(), &mut self.simulation, self.lang);
    }
}

impl Reducible for EditorState {
    type Action = EditorAction;

    fn reduce(self: Rc<Self>, action: EditorAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            EditorAction::Page(EditorContext { lang, grid }) => {
                s.lang = lang;
                if grid != s.chosen_text {
                    s.chosen = CheckedGrid::from_json(&grid).ok().map(Rc::new);
                    s.chosen_text = grid;
                }
            }
            EditorAction::View(action) => s.view(*action),
        }
        s.simulate();
        Rc::new(s)
    }
}

impl EditorState {
    fn view(&mut self, action: Action) {
        let s = self;
        match action {
            Action::Editor(edit) => {
                let starts = matches!(edit, Edit::New | Edit::Open(_) | Edit::Adapt(_));
                s.editor = match &s.editor {
                    Some(e) => Some(Rc::new(e.apply(edit))),
                    None if starts => Some(Rc::new(Editor::default().apply(edit))),
                    None => None,
                };
            }
            Action::Notice(notice) | Action::NoticeAt(_, notice) => s.notice = notice,
            action => hypotheses(&mut s.simulation, s.lang, action),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::GRIDS;

    fn view(action: Action) -> EditorAction {
        EditorAction::View(Box::new(action))
    }

    fn reduce(s: EditorState, action: EditorAction) -> EditorState {
        (*Rc::new(s).reduce(action)).clone()
    }

    #[test]
    fn the_page_grid_adapted_is_simulated_and_the_draft_found_again() {
        let s = EditorState::new(None, Lang::Fr);
        assert!(s.editor.is_none() && s.simulated.is_none());
        assert_eq!(s.simulation.len(), 2, "two hypothetical offers to start with");
        let s = reduce(s, EditorAction::Page(EditorContext { lang: Lang::En, grid: GRIDS[0].1.to_string() }));
        let chosen = s.chosen.clone().expect("the page's grid, checked");
        assert_eq!(s.lang, Lang::En);
        let s = reduce(s, view(Action::Editor(Edit::Adapt(chosen))));
        let editor = s.editor.clone().expect("an adaptation started");
        assert_eq!(editor.grid.version, "2.0.1");
        assert!(s.simulated.is_some(), "the simulation runs on the grid written");
        let s = reduce(s, view(Action::AddHypothesis));
        assert_eq!(s.simulation.len(), 3);
        assert_eq!(s.simulation[2].name, "Offer C");
        // An edit before the editor started changes nothing; the draft kept starts it again.
        assert!(reduce(EditorState::default(), view(Action::Editor(Edit::Undo))).editor.is_none());
        let again = EditorState::new(Some(&editor.draft()), Lang::Fr);
        assert_eq!(again.editor.as_ref().map(|e| e.json.clone()), Some(editor.json.clone()));
        // A grid the page could not check is not offered to adapt.
        let s = reduce(s, EditorAction::Page(EditorContext { lang: Lang::Fr, grid: "{".into() }));
        assert!(s.chosen.is_none());
        let s = reduce(s, view(Action::NoticeAt(crate::state::Place::Grid, Some(Failure::ReaderLoad))));
        assert_eq!(s.notice, Some(Failure::ReaderLoad));
    }
}
