//! The grid editor's module (feature `editor`): « Rédiger une grille » as a wasm module of its
//! own, fetched by the page the first time that mode is chosen, so the editor weighs on no other
//! screen. It renders into an element of its own, which the page places in its main part
//! (`editor_host.rs`) and takes back out when another mode is chosen; the module stays loaded.
//! The page tells it its language and grid chosen ([`services::EDITOR_CONTEXT`]); it asks the page
//! to use the grid written ([`services::EDITOR_GRID`]); the draft is kept in the browser as before.

use yew::prelude::*;

use super::editor::{EditorFiles, EditorPanel, load_draft, save_draft};
use super::editor_versions::VersionsPanel;
use super::simulation::SimulationPanel;
use crate::services;
use crate::state::Action;
use crate::state::editor_module::{EditorAction, EditorState};

/// The page's language as its document says it, until the page tells it.
fn page_lang() -> jauge_engine::Lang {
    let code = gloo::utils::document().document_element().and_then(|e| e.get_attribute("lang"));
    serde_json::from_value(serde_json::Value::String(code.unwrap_or_default())).unwrap_or_default()
}

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
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = services::on_announced(services::EDITOR_CONTEXT, move |text| {
                if let Ok(context) = serde_json::from_str(&text) {
                    dispatcher.dispatch(EditorAction::Page(context));
                }
            });
            move || drop(listener)
        });
    }
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
///
/// Two Yew apps in one document: each brands the elements it renders with the number of its
/// tree, counted from 1 in each module. The page's tree is number 1; an empty app rendered first
/// takes number 1 here, so the editor's tree is number 2 and the page's event handling (which
/// runs first, from the document's top) leaves the editor's elements to the editor.
pub fn start() {
    let document = gloo::utils::document();
    let (Ok(spacer), Ok(root)) = (document.create_element("div"), document.create_element("div")) else { return };
    yew::Renderer::<Spacer>::with_root(spacer).render();
    root.set_id("module-editeur-racine");
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"jaugeEditorRoot".into(), &root);
    yew::Renderer::<EditorApp>::with_root(root).render();
}

#[function_component(Spacer)]
fn spacer() -> Html {
    html! {}
}
