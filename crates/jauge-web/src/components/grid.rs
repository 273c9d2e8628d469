//! Choosing the grid (bundled, or a file) and downloading its response form.

use jauge_engine::Severity;
use jauge_sheets::FormKind;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::PanelProps;
use crate::i18n::t;
use crate::services;
use crate::state::{Action, GRIDS};

#[function_component(GridPanel)]
pub fn grid_panel(props: &PanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let on_select = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            if let Some((_, text)) = GRIDS.iter().find(|(name, _)| *name == select.value()) {
                on_action.emit(Action::ChooseGrid(text.to_string()));
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
                if let Ok((_, bytes)) = services::read(file).await {
                    on_action.emit(Action::ChooseGrid(String::from_utf8_lossy(&bytes).into_owned()));
                }
            });
        })
    };
    let current = GRIDS.iter().find(|(_, text)| *text == state.grid_text).map(|(name, _)| *name);
    let download = |kind: FormKind, ext: &'static str, mime: &'static str| {
        let grid = state.grid.clone();
        Callback::from(move |_| {
            if let Some(g) = &grid
                && let Ok(bytes) = jauge_sheets::write_form(g, kind)
            {
                services::download(&format!("cadre-de-reponse-{}.{ext}", g.grid().id), mime, &bytes);
            }
        })
    };

    html! {
        <section aria-labelledby="titre-grille">
            <h2 id="titre-grille">{ t(lang, "1. La grille", "1. The grid") }</h2>
            <p>
                <label for="choix-grille">{ t(lang, "Grille fournie", "Bundled grid") }</label>
                <select id="choix-grille" onchange={on_select}>
                    { for GRIDS.iter().map(|(name, _)| html! { <option value={*name} selected={current == Some(*name)}>{ *name }</option> }) }
                    if current.is_none() { <option value="" selected=true>{ t(lang, "(grille ouverte depuis un fichier)", "(grid opened from a file)") }</option> }
                </select>
                <label for="fichier-grille">{ t(lang, "ou ouvrir une grille (JSON)", "or open a grid (JSON)") }</label>
                <input id="fichier-grille" type="file" accept=".json,application/json" onchange={on_file} />
            </p>
            if let Some(error) = &state.grid_error {
                <p role="alert" class="erreur">{ error }</p>
            }
            if let Some(g) = &state.grid {
                <dl class="identite">
                    <dt>{ t(lang, "Titre", "Title") }</dt><dd>{ g.grid().title.get(lang) }</dd>
                    <dt>{ "Version" }</dt><dd>{ &g.grid().version }</dd>
                    <dt>{ t(lang, "Éditeur", "Publisher") }</dt><dd>{ &g.grid().publisher }</dd>
                    <dt>{ t(lang, "Empreinte SHA-256", "SHA-256 fingerprint") }</dt><dd><code>{ g.fingerprint() }</code></dd>
                </dl>
                if !g.warnings().is_empty() {
                    <ul class="avertissements">
                        { for g.warnings().iter().map(|w| html! {
                            <li>
                                if w.severity == Severity::Blocking { <strong>{ t(lang, "Bloquant : ", "Blocking: ") }</strong> }
                                { w.message.get(lang) }
                            </li>
                        }) }
                    </ul>
                }
                <p>
                    { t(lang, "Cadre de réponse pour le dossier de consultation : ", "Response form for the tender file: ") }
                    <button type="button" onclick={download(FormKind::Ods, "ods", "application/vnd.oasis.opendocument.spreadsheet")}>{ "ODS" }</button>
                    <button type="button" onclick={download(FormKind::Xlsx, "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}>{ "XLSX" }</button>
                    <button type="button" onclick={download(FormKind::Csv, "csv", "text/csv")}>{ "CSV" }</button>
                </p>
            }
        </section>
    }
}
