//! Where the page shows the grid editor's module (`editor_module.rs`, a wasm module of its own):
//! the first time « Rédiger une grille » is chosen, the module is fetched; its element is placed
//! here, told the page's language and grid chosen whenever they change, and the grid it asks to
//! use becomes the grid chosen. Another mode removes this element, and the editor's with it.

use jauge_engine::Lang;
use yew::prelude::*;

use crate::state::{Action, EditorContext, Place};
use crate::{reader, services};

/// What the editor's module is told, and where the page's actions go.
#[derive(Properties, PartialEq)]
pub struct EditorHostProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid chosen, as its file's text (empty when none is valid).
    pub grid: String,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(EditorHost)]
pub fn editor_host(props: &EditorHostProps) -> Html {
    let host = use_node_ref();
    let ready = use_state(|| false);
    {
        let (host, ready, on_action) = (host.clone(), ready.clone(), props.on_action.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match reader::editor_root().await {
                    Ok(root) => {
                        if let Some(host) = host.cast::<web_sys::Element>() {
                            let _ = host.append_child(&root);
                            ready.set(true);
                        }
                    }
                    Err(f) => on_action.emit(Action::NoticeAt(Place::Grid, Some(f))),
                }
            });
        });
    }
    {
        let context = EditorContext { lang: props.lang, grid: props.grid.clone() };
        use_effect_with((*ready, context), |(ready, context)| {
            if *ready {
                services::announce(services::EDITOR_CONTEXT, &serde_json::to_string(context).unwrap_or_default());
            }
        });
    }
    {
        let on_action = props.on_action.clone();
        use_effect_with((), move |_| {
            let listener =
                services::on_announced(services::EDITOR_GRID, move |text| on_action.emit(Action::ChooseGrid(text)));
            move || drop(listener)
        });
    }
    html! { <div id="module-editeur" ref={host}></div> }
}
