//! Where the page shows a module that renders views of its own (the grid editor's,
//! `editor_module.rs`; the catalogue's, `catalogue.rs`; the report's, `report_module.rs`: wasm
//! modules of their own): the first time it is shown, the module is fetched; its element is
//! placed here, told the page's language and grid chosen (the report module: the session as
//! saved) whenever they change, and the grid it asks to use becomes the grid chosen (the report
//! module's news, the page's [`Action::ReportNews`]).
//! While it loads, what the page holds is untouched; a failed fetch is said here, in the
//! interface's language, with a button to try again. Removing this element (another mode, the
//! fold closed) takes the module's out with it, the module staying loaded with its state.

use jauge_engine::Lang;
use yew::prelude::*;

use crate::failure::Failure;
use crate::state::{Action, EditorContext, Place};
use crate::{reader, services};

/// The page's modules that render views.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Module {
    /// The grid editor (« Rédiger une grille »).
    Editor,
    /// The catalogues of grids (« Ouvrir un catalogue », in the grid panel).
    Catalogue,
    /// The analysis report and the end of the procedure (section 7), once offers are read.
    Report,
}

impl Module {
    /// The window events the page tells it by, and it asks the page to use a grid by.
    fn events(self) -> (&'static str, &'static str) {
        match self {
            Module::Editor => (services::EDITOR_CONTEXT, services::EDITOR_GRID),
            Module::Catalogue => (services::CATALOGUE_CONTEXT, services::CATALOGUE_GRID),
            Module::Report => (services::REPORT_CONTEXT, services::REPORT_NEWS),
        }
    }

    /// The id of the section heading the module renders, if it renders one.
    fn heading_id(self) -> Option<&'static str> {
        (self == Module::Report).then_some("titre-rapport")
    }

    fn element_id(self) -> &'static str {
        match self {
            Module::Editor => "module-editeur",
            Module::Catalogue => "module-catalogue",
            Module::Report => "module-rapport",
        }
    }
}

/// Which module, what it is told, and where the page's actions go.
#[derive(Properties, PartialEq)]
pub struct ModuleHostProps {
    /// The module shown here.
    pub module: Module,
    /// The interface language.
    pub lang: Lang,
    /// The grid chosen, as its file's text (empty when none is valid); for the report module,
    /// the session as saved.
    pub grid: String,
    /// The section's heading shown while the module loads or failed to (the module's own
    /// once loaded).
    #[prop_or_default]
    pub title: Option<AttrValue>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(ModuleHost)]
pub fn module_host(props: &ModuleHostProps) -> Html {
    let module = props.module;
    let host = use_node_ref();
    let ready = use_state(|| false);
    let failed = use_state(|| None::<Failure>);
    // Each attempt to load the module (the first, then each « Réessayer »).
    let attempt = use_state(|| 0u32);
    {
        let (host, ready, failed) = (host.clone(), ready.clone(), failed.clone());
        use_effect_with(*attempt, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match reader::module_root(module).await {
                    Ok(root) => {
                        if let Some(host) = host.cast::<web_sys::Element>() {
                            let _ = host.append_child(&root);
                            failed.set(None);
                            ready.set(true);
                        }
                    }
                    Err(f) => failed.set(Some(f)),
                }
            });
        });
    }
    let (context_event, grid_event) = module.events();
    {
        let context = EditorContext { lang: props.lang, grid: props.grid.clone() };
        use_effect_with((*ready, context), move |(ready, context)| {
            if *ready {
                services::tell(context_event, &serde_json::to_string(context).unwrap_or_default());
            }
        });
    }
    {
        let on_action = props.on_action.clone();
        use_effect_with((), move |_| {
            let listener = services::on_announced(grid_event, move |text| {
                if module == Module::Report {
                    if let Ok(news) = serde_json::from_str(&text) {
                        on_action.emit(Action::ReportNews(news));
                    }
                    return;
                }
                if module == Module::Catalogue {
                    on_action.emit(Action::NoticeAt(Place::Grid, None));
                }
                on_action.emit(Action::ChooseGrid(text));
            });
            move || drop(listener)
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    html! {
        <>
            if let (false, Some(title)) = (*ready, &props.title) {
                // The module's section heading's id (the page's links lead to it) until it shows its own.
                <h2 id={module.heading_id()}>{ title.clone() }</h2>
            }
            if let Some(failure) = &*failed {
                <p role="alert" class="erreur">
                    { failure.describe(props.lang) }{ " " }
                    <button type="button" onclick={retry}>{ props.lang.pick("Réessayer", "Try again") }</button>
                </p>
            }
            if !*ready && failed.is_none() {
                <p class="aide" role="status">{ props.lang.pick("Chargement…", "Loading…") }</p>
            }
            <div id={module.element_id()} ref={host}></div>
        </>
    }
}
