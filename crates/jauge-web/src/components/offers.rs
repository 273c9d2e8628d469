//! Adding offers: several files at once, by file picker or drag and drop, or the sample tender.
//! One bad file shows its message and never blocks the others.

use jauge_engine::Lang;
use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::t;
use crate::services;
use crate::state::{Action, FileError, GRIDS};

/// The sample tender bundled with the app: the six offers as filled spreadsheets, and the
/// evaluators' marks.
const SAMPLE: [(&str, &[u8]); 6] = [
    (
        "offre-armor-numerique.xlsx",
        include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-armor-numerique.xlsx"),
    ),
    ("offre-cite-connect.ods", include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-cite-connect.ods")),
    (
        "offre-eco-portail-express.xlsx",
        include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-eco-portail-express.xlsx"),
    ),
    (
        "offre-ker-developpement.ods",
        include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-ker-developpement.ods"),
    ),
    ("offre-nuage-global.csv", include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-nuage-global.csv")),
    ("offre-portail-plus.csv", include_bytes!("../../../../samples/portail-citoyen/tableurs/offre-portail-plus.csv")),
];
const SAMPLE_MARKS: &str = include_str!("../../../../samples/portail-citoyen/tableurs/notes-evaluateurs.json");

fn read_files(files: FileList, state: &UseReducerHandle<crate::state::State>, on_action: &Callback<Action>) {
    let Some(grid) = state.grid.clone() else { return };
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    on_action.emit(Action::Reading(files.len()));
    for file in files {
        let on_action = on_action.clone();
        let grid = grid.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let name = file.name();
            let action = match services::read(file).await {
                Ok((name, bytes)) => {
                    match jauge_sheets::read_offer(&name, &bytes, &grid, &jauge_sheets::Limits::default()) {
                        Ok(offer) => Action::OfferRead(offer),
                        Err(e) => Action::FileFailed(FileError { file: name, fr: e.to_string(), en: e.english() }),
                    }
                }
                Err(e) => Action::FileFailed(FileError {
                    file: name.clone(),
                    fr: format!("{name} : lecture impossible ({e})"),
                    en: format!("{name}: cannot read ({e})"),
                }),
            };
            on_action.emit(action);
        });
    }
}

/// Loads the sample tender: the default grid, the six filled forms and the evaluators' marks.
pub fn load_sample(on_action: &Callback<Action>) {
    let grid_text = GRIDS[0].1;
    on_action.emit(Action::ChooseGrid(grid_text.to_string()));
    let Ok(grid) = jauge_engine::CheckedGrid::from_json(grid_text) else { return };
    let marks = jauge_engine::offer::MarksFile::from_json(SAMPLE_MARKS).ok();
    for (name, bytes) in SAMPLE {
        match jauge_sheets::read_offer(name, bytes, &grid, &jauge_sheets::Limits::default()) {
            Ok(offer) => {
                let mut offers = vec![offer];
                if let Some(m) = &marks {
                    m.apply(&mut offers);
                }
                on_action.emit(Action::OfferRead(offers.remove(0)));
            }
            Err(e) => {
                on_action.emit(Action::FileFailed(FileError { file: name.into(), fr: e.to_string(), en: e.english() }))
            }
        }
    }
}

#[function_component(OffersPanel)]
pub fn offers_panel(props: &PanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let dragging = use_state(|| false);
    let on_input = {
        let (state, on_action) = (state.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read_files(files, &state, &on_action);
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (state, on_action, dragging) = (state.clone(), props.on_action.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                read_files(files, &state, &on_action);
            }
        })
    };
    let on_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_sample = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| load_sample(&on_action))
    };
    let remove = |source: String| {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Remove(source.clone())))
    };

    html! {
        <section aria-labelledby="titre-offres">
            <h2 id="titre-offres">{ t(lang, "2. Les offres", "2. The offers") }</h2>
            <div class={classes!("depot", dragging.then_some("survol"))} ondrop={on_drop} ondragover={on_over} ondragleave={on_leave}>
                <label for="fichiers-offres">{ t(lang, "Ajouter des offres (xlsx, ods, xls, csv, json), plusieurs à la fois, ou les déposer ici", "Add offers (xlsx, ods, xls, csv, json), several at once, or drop them here") }</label>
                <input id="fichiers-offres" type="file" multiple=true onchange={on_input}
                    accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.json" />
            </div>
            <p>
                <button type="button" onclick={on_sample}>{ t(lang, "Charger l'exemple : portail citoyen de Kerbrat (6 offres)", "Load the example: Kerbrat's citizen portal (6 offers)") }</button>
            </p>
            if state.reading > 0 {
                <p role="status">{ format!("{} {}", t(lang, "Lecture en cours :", "Reading:"), state.reading) }</p>
            }
            if !state.errors.is_empty() {
                <ul role="alert" class="erreurs">
                    { for state.errors.iter().map(|e| html! { <li>{ if lang == Lang::Fr { &e.fr } else { &e.en } }</li> }) }
                </ul>
            }
            if !state.offers.is_empty() {
                <ul class="fichiers">
                    { for state.offers.iter().map(|o| html! {
                        <li>
                            <span>{ format!("{} — {}", o.source, o.supplier.name) }</span>
                            if !o.diagnostics.is_empty() {
                                <details>
                                    <summary>{ format!("{} {}", o.diagnostics.len(), t(lang, "remarque(s) de lecture", "reading note(s)")) }</summary>
                                    <ul>{ for o.diagnostics.iter().map(|d| html! { <li>{ format!("{} : {}", d.location(lang), d.message.get(lang)) }</li> }) }</ul>
                                </details>
                            }
                            <button type="button" onclick={remove(o.source.clone())}
                                aria-label={ format!("{} {}", t(lang, "Retirer", "Remove"), o.source) }>{ t(lang, "Retirer", "Remove") }</button>
                        </li>
                    }) }
                </ul>
            }
        </section>
    }
}
