//! Jauge's web app: grade offers in the browser; bids never leave the machine. Shaped like yew's
//! `function_todomvc`: one state with an action enum and a reducer that calls the engine
//! (`state.rs`), leaf components that take props and emit callbacks (`components/`), and what the
//! browser does for the app in `services.rs`.
//!
//! Built without features, this is the interface's module: the page's first screen is static
//! (`web/accueil.html`, this app's own first screen as the browser tests save it), and
//! `web/accueil.js` fetches this module on the first action, puts the element it renders into in
//! that screen's place and does the action again on it.

// The grid editor's module (feature `editor`), the catalogue's (feature `catalogue`) and the
// report's (feature `report`) are built from the same sources: the page's views are compiled
// there but unused, and left out of their wasm by the linker.
#![cfg_attr(any(feature = "editor", feature = "catalogue", feature = "report"), allow(dead_code, unused_imports))]

mod components;
mod failure;
mod i18n;
mod reader;
mod services;
mod state;

use std::rc::Rc;

use jauge_engine::Lang;
use yew::prelude::*;

use crate::components::{
    CommitteePanel, DecisionsPanel, GridPanel, Module, ModuleHost, OffersPanel, ProcedurePanel, ReportPlace,
    ResultsPanel, SelfCheck, SimulationPanel, load_sample,
};
use crate::state::{Action, Mode, Place, Saved, State};

#[function_component(App)]
fn app() -> Html {
    // An analysis kept by an earlier version is brought to the current session format.
    let state = use_reducer(|| State::restore(services::load().and_then(|text| Saved::from_json("", &text).ok())));
    let lang = state.lang;

    // Keep the analysis in the browser after every change, and the page's language in step. An
    // analysis with nothing in it is not kept: the page's static first screen is then the app's
    // (`web/accueil.js` fetches this module at once only when an analysis is kept).
    {
        let saved = state.saved();
        let fresh = use_memo((), |_| State::restore(None).saved());
        use_effect_with(saved, move |saved| {
            services::set_document_lang(i18n::code(saved.session.lang));
            if *saved == *fresh {
                services::erase();
            } else if let Err(e) = services::save(&saved.to_json()) {
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
        let (dispatch, empty) = (dispatch.clone(), state.session.offers.is_empty());
        use_effect_with((), move |_| {
            let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
            if hash == "#exemple" && empty {
                load_sample(&dispatch);
            }
        });
    }

    let switch = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::SetLang(state.lang.pick(Lang::En, Lang::Fr))))
    };
    let clear = {
        let state = state.clone();
        Callback::from(move |_| {
            let question = state.lang.pick(
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
    let export_session = {
        let state = state.clone();
        Callback::from(move |_| {
            // The file holds the session exactly as the report's fingerprint covers it.
            let json = state.saved().session.to_json();
            let stamp: String = services::now().chars().take(10).collect();
            let who: String =
                state.session.evaluator.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
            let name = if who.is_empty() {
                format!("session-jauge-{stamp}.json")
            } else {
                format!("session-jauge-{who}-{stamp}.json")
            };
            services::download(&name, "application/json", json.as_bytes());
        })
    };
    let import_session = {
        let on_action = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let action = match services::read(file, jauge_engine::limits::SESSION_BYTES).await {
                    Ok((name, bytes)) => match Saved::from_json(&name, &String::from_utf8_lossy(&bytes)) {
                        Ok(saved) => Action::Restore(Box::new(saved)),
                        Err(e) => Action::Notice(Some(e)),
                    },
                    Err(e) => Action::Notice(Some(e)),
                };
                on_action.emit(action);
            });
        })
    };
    let set_mode = |mode: Mode| {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::SetMode(mode)))
    };
    let close_notice = {
        let dispatch = dispatch.clone();
        Callback::from(move |_| dispatch.emit(Action::Notice(None)))
    };
    html! {
        <>
            <header class="bandeau">
                <h1>{ "Jauge" }</h1>
                <p class="devise">{ lang.pick("Notez les offres numériques dans votre navigateur : les offres ne quittent pas votre poste.", "Grade digital offers in your browser: the offers never leave your machine.") }</p>
                <nav aria-label={ lang.pick("Réglages", "Settings") }>
                    <button type="button" onclick={switch} lang={ lang.pick("en", "fr") }>
                        { lang.pick("English", "Français") }
                    </button>
                    <button type="button" onclick={export_session}>{ lang.pick("Exporter la session", "Export the session") }</button>
                    <label class="bouton" for="import-session">{ lang.pick("Importer une session", "Import a session") }</label>
                    <input id="import-session" class="cache" type="file" accept=".json,application/json" onchange={import_session} />
                    <button type="button" onclick={clear}>{ lang.pick("Effacer cette analyse", "Erase this analysis") }</button>
                </nav>
            </header>
            <nav class="modes" aria-label={ lang.pick("Qui êtes-vous ?", "Who are you?") }>
                <button type="button" aria-pressed={ (state.mode == Mode::Buyer).to_string() } onclick={set_mode(Mode::Buyer)}>
                    { lang.pick("Acheteur : noter les offres", "Buyer: grade the offers") }</button>
                <button type="button" aria-pressed={ (state.mode == Mode::Supplier).to_string() } onclick={set_mode(Mode::Supplier)}>
                    { lang.pick("Candidat : contrôler mon offre", "Supplier: check my offer") }</button>
                <button type="button" aria-pressed={ (state.mode == Mode::Simulation).to_string() } onclick={set_mode(Mode::Simulation)}>
                    { lang.pick("Concevoir une grille : simuler des offres", "Design a grid: simulate offers") }</button>
                <button type="button" aria-pressed={ (state.mode == Mode::Editor).to_string() } onclick={set_mode(Mode::Editor)}>
                    { lang.pick("Rédiger une grille", "Write a grid") }</button>
            </nav>
            if let Some(notice) = &state.notice {
                <div role="alert" class="erreur avis">
                    <p>{ notice.describe(lang) }</p>
                    <button type="button" onclick={close_notice}>{ lang.pick("Fermer ce message", "Close this message") }</button>
                </div>
            }
            <main>
                if state.mode == Mode::Buyer {
                    <Path lang={lang} />
                }
                <GridPanel lang={lang} session={state.session.clone()} grid={state.grid.clone()}
                    grid_error={state.grid_error.clone()} notice={state.notice_at(Place::Grid)} on_action={dispatch.clone()} />
                if state.mode == Mode::Editor {
                    <ModuleHost module={Module::Editor} lang={lang} grid={if state.grid.is_some() { state.session.grid.clone() } else { String::new() }}
                        on_action={dispatch} />
                } else if state.mode == Mode::Simulation {
                    <SimulationPanel lang={lang} grid={state.grid.clone()} simulated={state.simulated.clone()}
                        simulation={state.simulation.clone()} on_action={dispatch} />
                } else {
                    <OffersPanel lang={lang} session={state.session.clone()} labels={state.labels.clone()}
                        progress={state.progress.clone()} errors={state.errors.clone()}
                        rounds={state.rounds.clone()} next_round={state.next_round} buyer={state.mode == Mode::Buyer} on_action={dispatch.clone()} />
                    if state.mode == Mode::Buyer {
                        <ResultsPanel lang={lang} report={state.report.clone()} notice={state.notice_at(Place::Results)} grid={state.shown_grid.clone()}
                            lots={state.lots()} lot={state.lot.clone()} unassigned={state.unassigned.clone()} round={state.ranked_round.clone()}
                            framework={state.framework.clone()} schedules={state.schedules.clone()} lacks_quantities={state.lacks_quantities} quantities_given={state.session.quantities.is_some()}
                            selected={state.selected.clone()} focus={state.focus.clone()} to_mark={state.to_mark.clone()} labels={state.labels.clone()} on_action={dispatch.clone()} />
                        <ProcedurePanel lang={lang} session={state.session.clone()} error={state.record_error.clone().or_else(|| state.notice_at(Place::Record))} on_action={dispatch.clone()} />
                        <CommitteePanel lang={lang} session={state.session.clone()} threshold={state.threshold}
                            comparison={state.comparison.clone()} labels={state.labels.clone()} import={state.committee.clone()} notice={state.notice_at(Place::Committee)} on_action={dispatch.clone()} />
                        <DecisionsPanel lang={lang} session={state.session.clone()} labels={state.labels.clone()} lots={state.lots()}
                            optional_groups={state.grid.as_ref().map(|g| jauge_analysis::pending::optional_groups(g.grid())).unwrap_or_default()}
                            closing={state.closing.clone()} notice={state.notice_at(Place::Decisions)} on_action={dispatch.clone()} />
                        <ReportPlace lang={lang} session={Rc::new(state.saved().session)} on_action={dispatch} />
                    } else {
                        <SelfCheck lang={lang} session={state.session.clone()} grid={state.shown_grid.clone()}
                            selected={state.selected.clone()} checked={state.checked.clone()} lowest={state.lowest}
                            price_check={state.price_check.clone()} labels={state.labels.clone()} on_action={dispatch} />
                    }
                }
            </main>
        </>
    }
}

/// What a buyer does, in order, each step a link to its section: the home screen says where to start.
#[derive(Properties, PartialEq)]
struct PathProps {
    lang: Lang,
}

#[function_component(Path)]
fn path(props: &PathProps) -> Html {
    let lang = props.lang;
    let steps = [
        ("titre-grille", lang.pick("Choisir la grille de notation", "Choose the grading grid")),
        (
            "cadre-reponse",
            lang.pick(
                "Télécharger le cadre de réponse et le joindre au dossier de consultation",
                "Download the response form and add it to the tender file",
            ),
        ),
        (
            "titre-offres",
            lang.pick("Ajouter les offres reçues (les cadres remplis)", "Add the offers received (the filled forms)"),
        ),
        (
            "titre-resultats",
            lang.pick(
                "Saisir les notes des évaluateurs : la liste « notes à saisir » mène à chacune",
                "Enter the evaluators' marks: the list of marks to enter leads to each one",
            ),
        ),
        (
            "titre-rapport",
            lang.pick("Éditer le rapport d'analyse des offres", "Produce the report on the analysis of offers"),
        ),
    ];
    html! {
        <nav class="parcours" aria-labelledby="titre-parcours">
            <h2 id="titre-parcours">{ lang.pick("Par où commencer", "Where to start") }</h2>
            <ol aria-labelledby="titre-parcours">
                { for steps.iter().map(|(id, words)| html! { <li><a href={format!("#{id}")}>{ *words }</a></li> }) }
            </ol>
            <p class="aide">{ lang.pick(
                "Pour essayer sans vos fichiers : le bouton « Charger l'exemple », en 2, lit les six offres d'une consultation fictive.",
                "To try it without your files: the \"Load the example\" button, in 2, reads the six offers of a fictitious tender.",
            ) }</p>
        </nav>
    }
}

/// Renders the app into an element of its own (`jauge-espace`), set as the window's
/// `jaugeWorkspaceRoot`: the boot code puts it in place of the static first screen.
#[cfg(not(any(feature = "editor", feature = "catalogue", feature = "report")))]
fn main() {
    let Ok(root) = gloo::utils::document().create_element("div") else { return };
    root.set_id("jauge-espace");
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &"jaugeWorkspaceRoot".into(), &root);
    yew::Renderer::<App>::with_root(root).render();
}

#[cfg(all(feature = "catalogue", not(feature = "editor")))]
fn main() {
    components::catalogue::start();
}

#[cfg(feature = "editor")]
fn main() {
    components::editor_module::start();
}

#[cfg(all(feature = "report", not(any(feature = "editor", feature = "catalogue"))))]
fn main() {
    components::report_module::start();
}
