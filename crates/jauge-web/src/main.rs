//! Jauge's web app: grade offers in the browser; bids never leave the machine. Shaped like yew's
//! `function_todomvc`: one state with an action enum and a reducer that calls the engine
//! (`state.rs`), leaf components that take props and emit callbacks (`components/`), and what the
//! browser does for the app in `services.rs`.

mod components;
mod i18n;
mod services;
mod state;

use jauge_engine::Lang;
use yew::prelude::*;

use crate::components::{GridPanel, OffersPanel, ResultsPanel, load_sample};
use crate::i18n::t;
use crate::state::{Action, State};

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(|| State::restore(services::load()));
    let lang = state.lang;

    // Keep the analysis in the browser after every change, and the page's language in step.
    {
        let saved = state.saved();
        use_effect_with(saved, move |saved| {
            services::set_document_lang(i18n::code(saved.lang));
            if let Err(e) = services::save(saved) {
                gloo::console::warn!(format!("analyse non enregistrée : {e}"));
            }
        });
    }

    let dispatch = {
        let state = state.clone();
        Callback::from(move |action: Action| state.dispatch(action))
    };

    // `#exemple` in the address opens the sample tender, for a first look (cargo xtask serve prints it).
    {
        let (dispatch, empty) = (dispatch.clone(), state.offers.is_empty());
        use_effect_with((), move |_| {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if hash == "#exemple" && empty {
                load_sample(&dispatch);
            }
        });
    }

    let switch = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::SetLang(if state.lang == Lang::Fr { Lang::En } else { Lang::Fr }))
        })
    };
    let clear = {
        let state = state.clone();
        Callback::from(move |_| {
            let question = t(
                state.lang,
                "Effacer cette analyse (offres lues, notes et appréciations) ?",
                "Erase this analysis (offers read, marks and appraisals)?",
            );
            let confirmed = web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false);
            if confirmed {
                services::erase();
                state.dispatch(Action::Clear);
            }
        })
    };
    html! {
        <>
            <header class="bandeau">
                <h1>{ "Jauge" }</h1>
                <p class="devise">{ t(lang, "Notez les offres numériques dans votre navigateur : rien ne quitte votre poste.", "Grade digital offers in your browser: nothing leaves your machine.") }</p>
                <nav aria-label={ t(lang, "Réglages", "Settings") }>
                    <button type="button" onclick={switch} lang={ if lang == Lang::Fr { "en" } else { "fr" } }>
                        { if lang == Lang::Fr { "English" } else { "Français" } }
                    </button>
                    <button type="button" onclick={clear}>{ t(lang, "Effacer cette analyse", "Erase this analysis") }</button>
                </nav>
            </header>
            <main>
                <GridPanel state={state.clone()} on_action={dispatch.clone()} />
                <OffersPanel state={state.clone()} on_action={dispatch.clone()} />
                <ResultsPanel state={state.clone()} on_action={dispatch} />
            </main>
        </>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
