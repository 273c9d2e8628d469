//! The grid editor's module (feature `editor`): « Rédiger une grille » as a wasm module of its
//! own, fetched by the page the first time that mode is chosen, so the editor weighs on no other
//! screen. It renders into an element of its own, which the page places in its main part
//! (`module_host.rs`) and takes back out when another mode is chosen; the module stays loaded.
//! The page tells it its language and grid chosen ([`services::EDITOR_CONTEXT`]); it asks the page
//! to use the grid written ([`services::EDITOR_GRID`]); the draft is kept in the browser as before.

use yew::prelude::*;

use super::editor::{EditorFiles, EditorPanel, load_draft, save_draft};
use super::editor_versions::VersionsPanel;
use super::module_start::{page_lang, start_module, use_page_context};
use super::simulation::SimulationPanel;
use crate::services;
use crate::state::Action;
use crate::state::editor_module::{EditorAction, EditorState};

#[function_component(EditorApp)]
fn editor_app() -> Html {
    let state = use_reducer(|| EditorState::new(load_draft().as_deref(), page_lang()));
    let lang = state.lang;

    // Keep the grid being written in the browser after every edit, under its own key.
    use_effect_with(state.editor.clone(), |editor| {
        if let Some(Err(e)) = editor.as_ref().map(|e| save_draft(&e.draft())) {
            gloo::console::warn!(format!("brouillon de grille non enregistré : {e}"));
        }
    });
    // What the page says: its language and grid chosen.
    let dispatcher = state.dispatcher();
    use_page_context(
        services::EDITOR_CONTEXT,
        Callback::from(move |context| dispatcher.dispatch(EditorAction::Page(context))),
    );
    // The grid written, used, becomes the page's grid chosen; every other action is the module's.
    let on_action = {
        let dispatcher = state.dispatcher();
        Callback::from(move |action: Action| match action {
            Action::ChooseGrid(text) => services::announce(services::EDITOR_GRID, &text),
            action => dispatcher.dispatch(EditorAction::View(Box::new(action))),
        })
    };
    let close = {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Notice(None)))
    };
    html! {
        <>
            if let Some(notice) = &state.notice {
                <div role="alert" class="erreur avis">
                    <p>{ notice.describe(lang) }</p>
                    <button type="button" onclick={close}>{ lang.pick("Fermer ce message", "Close this message") }</button>
                </div>
            }
            <div class="editeur-cote">
                <EditorPanel lang={lang} editor={state.editor.clone()} chosen={state.chosen.clone()} on_action={on_action.clone()} />
                if let Some(editor) = state.editor.clone() {
                    <div class="editeur-apercu">
                        <VersionsPanel lang={lang} editor={editor.clone()} on_action={on_action.clone()} />
                        <SimulationPanel lang={lang} grid={editor.checked.clone()} simulated={state.simulated.clone()}
                            simulation={state.simulation.clone()} on_action={on_action.clone()} />
                        <EditorFiles lang={lang} editor={editor} on_action={on_action} />
                    </div>
                }
            </div>
        </>
    }
}

/// Renders the editor into an element of its own, which the boot script hands to the page
/// (`globalThis.jaugeEditorRoot`).
pub fn start() {
    start_module::<EditorApp>("module-editeur-racine", "jaugeEditorRoot");
}
