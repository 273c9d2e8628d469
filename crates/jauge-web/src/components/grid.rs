//! Choosing the grid (bundled, or a file) and downloading its response form.

use jauge_engine::session::Session;
use jauge_engine::{CheckedGrid, Lang, Text, text};
use std::rc::Rc;

use jauge_engine::Severity;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fold::More;
use super::module_host::{Module, ModuleHost};
use crate::failure::Failure;
use crate::state::Place;
use crate::state::{Action, CATALOGUES_KEPT_KEY, GRIDS, REFERENCE_GRIDS};
use crate::{reader, services};

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct GridProps {
    /// The interface language.
    pub lang: Lang,
    /// The session (its grid's text).
    pub session: Rc<Session>,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// Why the grid was refused.
    pub grid_error: Option<jauge_engine::Error>,
    /// Why the last operation of this section failed (a file, an address, the response form).
    pub notice: Option<crate::failure::Failure>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(GridPanel)]
pub fn grid_panel(props: &GridProps) -> Html {
    let lang = props.lang;
    let on_select = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, text)) = GRIDS.iter().find(|(name, _)| *name == select.value()) {
                on_action.emit(Action::ChooseGrid(text.to_string()));
            } else if REFERENCE_GRIDS.iter().any(|(file, _, _)| *file == select.value()) {
                // A reference grid is fetched beside the page when chosen.
                let (file, on_action) = (select.value(), on_action.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    match services::fetch_text(&file).await {
                        Ok(text) => on_action.emit(Action::ChooseGrid(text)),
                        Err(e) => on_action.emit(Action::NoticeAt(Place::Grid, Some(e))),
                    }
                });
            }
        })
    };
    let on_file = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match services::read(file, jauge_engine::limits::GRID_BYTES).await {
                    Ok((_, bytes)) => on_action.emit(Action::ChooseGrid(String::from_utf8_lossy(&bytes).into_owned())),
                    Err(failure) => on_action.emit(Action::NoticeAt(Place::Grid, Some(failure))),
                }
            });
        })
    };
    let address = use_node_ref();
    let on_url = {
        let (on_action, address) = (props.on_action.clone(), address.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let url = address.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let on_action = on_action.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match services::fetch_text(url.trim()).await {
                    Ok(text) => {
                        on_action.emit(Action::NoticeAt(Place::Grid, None));
                        on_action.emit(Action::ChooseGrid(text));
                    }
                    Err(e) => on_action.emit(Action::NoticeAt(Place::Grid, Some(e))),
                }
            });
        })
    };
    // The bundled grids are offered by their titles; their file names mean nothing to a buyer.
    let titles =
        use_memo((), |_| GRIDS.map(|(name, text)| (name, title(text).unwrap_or_else(|| Text::new(name, name)))));
    let current = GRIDS.iter().find(|(_, text)| *text == props.session.grid).map(|(name, _)| *name).or_else(|| {
        let g = props.grid.as_ref()?.grid();
        REFERENCE_GRIDS.iter().map(|r| r.0).find(|file| *file == format!("reference/{}/{}.json", g.id, g.version))
    });
    let download = |ext: &'static str, mime: &'static str| {
        let (grid, text, on_action) = (props.grid.clone(), props.session.grid.clone(), props.on_action.clone());
        Callback::from(move |_| {
            let Some(g) = &grid else { return };
            let (name, text, on_action) =
                (format!("cadre-de-reponse-{}.{ext}", g.grid().id), text.clone(), on_action.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match reader::response_form(&text, ext).await {
                    Ok(bytes) => services::download(&name, mime, &bytes),
                    Err(e) => on_action.emit(Action::NoticeAt(Place::Grid, Some(e))),
                }
            });
        })
    };
    let download_as = lang.pick("Télécharger le cadre de réponse en", "Download the response form as");
    html! {
        <section aria-labelledby="titre-grille">
            <h2 id="titre-grille">{ lang.pick("1. La grille", "1. The grid") }</h2>
            <p>
                <label for="choix-grille">{ lang.pick("Grille fournie", "Bundled grid") }</label>
                <select id="choix-grille" onchange={on_select}>
                    { for titles.iter().map(|(name, title)| html! {
                        <option value={*name} selected={current == Some(*name)}>{ title.get(lang) }</option>
                    }) }
                    <optgroup label={ lang.pick("Grilles de référence (chargées quand on les choisit)", "Reference grids (loaded when chosen)") }>
                        { for REFERENCE_GRIDS.iter().map(|(file, fr, en)| html! {
                            <option value={*file} selected={current == Some(*file)}>{ lang.pick(*fr, *en) }</option>
                        }) }
                    </optgroup>
                    if current.is_none() {
                        <option value="" selected=true>{ lang.pick("(grille ouverte depuis un fichier)", "(grid opened from a file)") }</option>
                    }
                </select>
                <label for="fichier-grille">{ lang.pick("ou ouvrir une grille (JSON)", "or open a grid (JSON)") }</label>
                <input id="fichier-grille" type="file" accept=".json,application/json" onchange={on_file} />
            </p>
            <form class="adresse" onsubmit={on_url}>
                <label for="adresse-grille">
                    { lang.pick("ou charger une grille publiée à une adresse (HTTPS)", "or load a grid published at an address (HTTPS)") }
                </label>
                <input id="adresse-grille" ref={address} type="url" placeholder="https://" required=true />
                <button type="submit">{ lang.pick("Charger la grille", "Load the grid") }</button>
            </form>
            // The catalogues: a module of their own, fetched when this fold is first opened (open
            // from the start when catalogues are kept in this browser).
            <More summary={lang.pick("Ouvrir un catalogue de grilles (structure de mutualisation)", "Open a catalogue of grids (pooling structure)")}
                open={services::kept(CATALOGUES_KEPT_KEY).is_some_and(|kept| kept != "[]")}>
                <ModuleHost module={Module::Catalogue} lang={lang}
                    grid={if props.grid.is_some() { props.session.grid.clone() } else { String::new() }} on_action={props.on_action.clone()} />
            </More>
            if let Some(failure) = &props.notice {
                <p role="alert" class="erreur">{ failure.describe(lang) }</p>
            }
            // A refused grid: every problem, each at its place, not only the first.
            if let Some(jauge_engine::Error::InvalidGrid { problems }) = &props.grid_error {
                <div role="alert" class="erreur">
                    <p>{ text::count(problems.len(), ("problème empêche", "problèmes empêchent"), ("problem prevents", "problems prevent"), lang)
                        + lang.pick(" d'utiliser cette grille :", " using this grid:") }</p>
                    <ul>{ for problems.iter().map(|p| html! { <li>{ format!("{}{}{}", p.location(lang), text::colon(lang), p.message.get(lang)) }</li> }) }</ul>
                </div>
            } else if let Some(error) = &props.grid_error {
                <p role="alert" class="erreur">{ Failure::Jauge(error.clone()).describe(lang) }</p>
            }
            if let Some(g) = &props.grid {
                <dl class="identite">
                    <dt>{ lang.pick("Titre", "Title") }</dt><dd>{ g.grid().title.get(lang) }</dd>
                    <dt>{ "Version" }</dt><dd>{ &g.grid().version }</dd>
                    <dt>{ lang.pick("Éditeur", "Publisher") }</dt><dd>{ &g.grid().publisher }</dd>
                    <dt>{ lang.pick("Empreinte SHA-256", "SHA-256 fingerprint") }</dt><dd><code>{ g.fingerprint() }</code></dd>
                </dl>
                <p class="aide">{ lang.pick(
                    "L'empreinte (SHA-256) est un code calculé sur le contenu exact d'un fichier : si un seul caractère change, elle change ; comparez-la à celle que publie l'auteur de la grille pour vérifier que vous avez la bonne version.",
                    "The fingerprint (SHA-256) is a code computed from a file's exact content: if a single character changes, it changes; compare it with the one the grid's author publishes to check you have the right version.",
                ) }</p>
                if !g.warnings().is_empty() {
                    <ul class="avertissements">
                        { for g.warnings().iter().map(|w| html! {
                            <li>
                                if w.severity == Severity::Blocking { <strong>{ lang.pick("Bloquant : ", "Blocking: ") }</strong> }
                                { w.message.get(lang) }
                            </li>
                        }) }
                    </ul>
                }
                <p id="cadre-reponse">
                    { lang.pick("Cadre de réponse pour le dossier de consultation : ", "Response form for the tender file: ") }
                    <button type="button" onclick={download("ods", "application/vnd.oasis.opendocument.spreadsheet")}
                        aria-label={ format!("{download_as} ODS") }>{ "ODS" }</button>
                    <button type="button" onclick={download("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
                        aria-label={ format!("{download_as} XLSX") }>{ "XLSX" }</button>
                    <button type="button" onclick={download("csv", "text/csv")} aria-label={ format!("{download_as} CSV") }>{ "CSV" }</button>
                </p>
            }
        </section>
    }
}

/// A grid's title, read from its text.
fn title(text: &str) -> Option<Text> {
    #[derive(serde::Deserialize)]
    struct Titled {
        title: Text,
    }
    serde_json::from_str::<Titled>(text).ok().map(|t| t.title)
}
