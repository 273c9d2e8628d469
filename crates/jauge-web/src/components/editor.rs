//! « Rédiger une grille »: a pooling structure writes a grid in forms that fit each part, starting
//! from scratch, a bundled grid or the grid chosen; the engine's problems are shown at their
//! fields, the weights added up, undo and redo at hand (Ctrl+Z, Ctrl+Shift+Z); the grid and its
//! response form are downloaded, or the grid used. The draft is kept in the browser on its own.

use std::rc::Rc;

use gloo::storage::{LocalStorage, Storage};
use jauge_engine::text::{colon, count, number};
use jauge_engine::{CheckedGrid, Lang, Severity};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

use super::editor_criterion::criterion;
use super::editor_fields::{Ctx, Kind};
use crate::state::editor::{Edit, Editor, Field, Scope, anchor};
use crate::state::{Action, GRIDS, Place, REFERENCE_GRIDS};
use crate::{reader, services};

/// The browser's key for the editor's draft, apart from the analysis's.
const DRAFT_KEY: &str = "jauge-editeur-v1";

/// The draft an earlier visit kept, if any.
pub fn load_draft() -> Option<String> {
    LocalStorage::raw().get_item(DRAFT_KEY).ok().flatten()
}

/// Keeps the draft; a full storage is reported, not fatal.
pub fn save_draft(text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(DRAFT_KEY, text).map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// What the editor shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct EditorProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid being written, once started.
    pub editor: Option<Rc<Editor>>,
    /// The grid chosen (section 1), to adapt.
    pub chosen: Option<Rc<CheckedGrid>>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(EditorPanel)]
pub fn editor_panel(props: &EditorProps) -> Html {
    let lang = props.lang;
    let on_action = props.on_action.clone();
    let send = |edit: Edit| {
        let on_action = on_action.clone();
        Callback::from(move |_: MouseEvent| on_action.emit(Action::Editor(edit.clone())))
    };
    let bundled = use_node_ref();
    let open = {
        let (on_action, bundled) = (on_action.clone(), bundled.clone());
        Callback::from(move |_: MouseEvent| {
            let name = bundled.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            if let Some((_, text)) = GRIDS.iter().find(|(n, _)| *n == name) {
                on_action.emit(Action::Editor(Edit::Open(text.to_string())));
            } else if REFERENCE_GRIDS.iter().any(|(file, _, _)| *file == name) {
                let on_action = on_action.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    match services::fetch_text(&name).await {
                        Ok(text) => on_action.emit(Action::Editor(Edit::Open(text))),
                        Err(f) => on_action.emit(Action::NoticeAt(Place::Grid, Some(f))),
                    }
                });
            }
        })
    };
    let keys = {
        let on_action = on_action.clone();
        Callback::from(move |e: KeyboardEvent| {
            if (e.ctrl_key() || e.meta_key()) && e.key().eq_ignore_ascii_case("z") {
                e.prevent_default();
                on_action.emit(Action::Editor(if e.shift_key() { Edit::Redo } else { Edit::Undo }));
            }
        })
    };
    html! {
        <section aria-labelledby="titre-editeur" class="editeur" onkeydown={keys}>
            <h2 id="titre-editeur">{ lang.pick("2. Rédiger une grille", "2. Write a grid") }</h2>
            <p>{ lang.pick(
                "Pour une structure de mutualisation : écrivez une grille champ par champ ; chaque problème s'affiche à son champ, les poids s'additionnent, et la simulation à côté montre l'effet de chaque modification. Le brouillon reste dans ce navigateur.",
                "For a pooling structure: write a grid field by field; each problem shows at its field, the weights add up, and the simulation beside shows the effect of each change. The draft stays in this browser.",
            ) }</p>
            <div class="depart" role="group" aria-label={ lang.pick("Point de départ", "Starting point") }>
                <button type="button" onclick={send(Edit::New)}>{ lang.pick("Partir de zéro", "Start from scratch") }</button>
                <label for="editeur-fournie">{ lang.pick("Grille fournie", "Bundled grid") }</label>
                <select id="editeur-fournie" ref={bundled}>
                    { for GRIDS.iter().map(|(name, _)| html! { <option value={*name}>{ *name }</option> }) }
                    { for REFERENCE_GRIDS.iter().map(|(file, fr, en)| html! { <option value={*file}>{ lang.pick(*fr, *en) }</option> }) }
                </select>
                <button type="button" onclick={open}>{ lang.pick("Partir de cette grille", "Start from this grid") }</button>
                if let Some(chosen) = &props.chosen {
                    <button type="button" onclick={send(Edit::Adapt(chosen.clone()))}>
                        { format!("{} ({} {})", lang.pick("Adapter la grille choisie", "Adapt the chosen grid"), chosen.grid().id, chosen.grid().version) }
                    </button>
                }
            </div>
            if let Some(editor) = &props.editor {
                { body(lang, editor, &on_action) }
            }
        </section>
    }
}

fn body(lang: Lang, e: &Rc<Editor>, on_action: &Callback<Action>) -> Html {
    let ctx = Ctx { lang, editor: e, on_action };
    let (undo, redo) = e.can();
    let g = &e.grid;
    let s = Scope::Grid;
    html! { <>
        <div class="outils" role="toolbar" aria-label={ lang.pick("Modifications", "Changes") }>
            <button type="button" disabled={!undo} onclick={ctx.edit(Edit::Undo)} aria-keyshortcuts="Control+Z" aria-label={ lang.pick("Annuler la dernière modification", "Undo the last change") }>{ lang.pick("Annuler", "Undo") }</button>
            <button type="button" disabled={!redo} onclick={ctx.edit(Edit::Redo)} aria-keyshortcuts="Control+Shift+Z" aria-label={ lang.pick("Rétablir la modification annulée", "Redo the change undone") }>{ lang.pick("Rétablir", "Redo") }</button>
        </div>
        { summary(lang, e) }
        <fieldset>
            <legend>{ lang.pick("Identité de la grille", "The grid's identity") }</legend>
            { for [
                (Field::Id, ("Identifiant", "Identifier"), g.id.clone()),
                (Field::Version, ("Version (MAJEUR.MINEUR.CORRECTIF)", "Version (MAJOR.MINOR.PATCH)"), g.version.clone()),
                (Field::TitleFr, ("Titre (français)", "Title (French)"), g.title.fr.clone()),
                (Field::TitleEn, ("Titre (anglais)", "Title (English)"), g.title.en.clone().unwrap_or_default()),
                (Field::Publisher, ("Éditeur", "Publisher"), g.publisher.clone()),
                (Field::License, ("Licence", "Licence"), g.license.clone().unwrap_or_default()),
                (Field::Date, ("Date de publication (AAAA-MM-JJ)", "Publication date (YYYY-MM-DD)"), g.date.clone().unwrap_or_default()),
                (Field::Scale, ("Barème (total des poids)", "Scale (total of the weights)"), Ctx::shown(Some(g.scale))),
            ].into_iter().map(|(field, (fr, en), value)| ctx.field(s, field, lang.pick(fr, en), value, Kind::Line)) }
            { ctx.field(s, Field::PriceBasis, lang.pick("Prix comparés", "Prices compared"), g.price_basis.code().into(),
                Kind::Select(vec![("TTC".into(), "TTC".into()), ("HT".into(), "HT".into())])) }
            { ctx.field(s, Field::References, lang.pick("Référentiels, un par ligne (rgesn = 2024)", "Referentials, one a line (rgesn = 2024)"),
                g.references.iter().map(|(k, v)| format!("{k} = {v}")).collect::<Vec<_>>().join("\n"), Kind::Area) }
            if let Some(p) = &g.parent {
                <p class="aide">{ format!("{}{}{} {} ({} {}…)", lang.pick("Adapte la grille", "Adapts the grid"), colon(lang), p.id, p.version,
                    lang.pick("empreinte", "fingerprint"), p.fingerprint.get(..12).unwrap_or(&p.fingerprint)) }</p>
            }
        </fieldset>
        <h3 id="titre-familles">{ lang.pick("Familles et critères", "Families and criteria") }</h3>
        <ol class="familles" aria-labelledby="titre-familles">
            { for g.families.iter().enumerate().map(|(f, fam)| {
                let fs = Scope::Family(f);
                let last = fam.criteria.len().saturating_sub(1);
                let weight = e.weights.families.get(f).copied().unwrap_or_default();
                html! {
                    <li class="famille-editee">
                        <h4>{ format!("{} — {} {}", fam.label.get(lang), number(weight, 2, lang), lang.pick("points", "points")) }</h4>
                        <div class="ligne">
                            { for [
                                (Field::LabelFr, ("Nom de la famille (français)", "Family name (French)"), fam.label.fr.clone()),
                                (Field::LabelEn, ("Nom de la famille (anglais)", "Family name (English)"), fam.label.en.clone().unwrap_or_default()),
                                (Field::Id, ("Identifiant de la famille", "Family identifier"), fam.id.clone()),
                            ].into_iter().map(|(field, (fr, en), value)| ctx.field(fs, field, lang.pick(fr, en), value, Kind::Line)) }
                        </div>
                        <p class="actions">
                            <button type="button" disabled={f == 0} onclick={ctx.edit(Edit::MoveFamily(f, -1))}>{ format!("{} {}", lang.pick("Monter la famille", "Move up family"), fam.id) }</button>
                            <button type="button" disabled={f + 1 == g.families.len()} onclick={ctx.edit(Edit::MoveFamily(f, 1))}>{ format!("{} {}", lang.pick("Descendre la famille", "Move down family"), fam.id) }</button>
                            <button type="button" onclick={ctx.edit(Edit::RemoveFamily(f))}>{ format!("{} {}", lang.pick("Retirer la famille", "Remove family"), fam.id) }</button>
                        </p>
                        <ol id={anchor(fs, "criteria")} class="criteres-edites" aria-label={ format!("{} {}", lang.pick("Critères de la famille", "Criteria of family"), fam.id) }>
                            { for fam.criteria.iter().enumerate().map(|(i, c)| criterion(&ctx, f, i, c, i == last)) }
                        </ol>
                        { for e.at(&anchor(fs, "criteria")).iter().map(|p| html! { <p class="erreur">{ p.diagnostic.message.get(lang) }</p> }) }
                        <button type="button" onclick={ctx.edit(Edit::AddCriterion(f))}>{ format!("{} {}", lang.pick("Ajouter un critère à la famille", "Add a criterion to family"), fam.id) }</button>
                    </li>
                }
            }) }
        </ol>
        <button type="button" onclick={ctx.edit(Edit::AddFamily)}>{ lang.pick("Ajouter une famille", "Add a family") }</button>
    </> }
}

/// The problems at the top, each a link to its field, and the weights added up.
fn summary(lang: Lang, e: &Editor) -> Html {
    let errors: Vec<_> = e.placed.iter().filter(|p| p.diagnostic.severity == Severity::Error).collect();
    let others: Vec<_> = e.placed.iter().filter(|p| p.diagnostic.severity != Severity::Error).collect();
    let w = &e.weights;
    let missing = if w.missing.abs() < 1e-9 {
        lang.pick("les poids font le barème", "the weights make the scale").to_string()
    } else if w.missing > 0.0 {
        format!("{} {}", lang.pick("il manque", "missing:"), number(w.missing, 2, lang))
    } else {
        format!("{} {}", lang.pick("en trop :", "too much:"), number(-w.missing, 2, lang))
    };
    let link = |p: &&crate::state::editor::Placed| {
        let d = &p.diagnostic;
        let at = d.location(lang);
        html! { <li><a href={format!("#{}", p.anchor)}>{ if at.is_empty() { d.message.get(lang).to_string() } else { format!("{at}{}{}", colon(lang), d.message.get(lang)) } }</a></li> }
    };
    html! {
        <div class="bilan" id="editeur-bilan">
            <p class="poids" aria-live="polite">
                { format!("{} {} / {} — {}", lang.pick("Total des poids :", "Total of the weights:"), number(w.total, 2, lang), number(e.grid.scale, 2, lang), missing) }
            </p>
            if errors.is_empty() {
                <p class="succes">{ lang.pick("La grille est valide.", "The grid is valid.") }</p>
            } else {
                <h3 id="titre-problemes">{ count(errors.len(), ("problème", "problèmes"), ("problem", "problems"), lang) }</h3>
                <ul aria-labelledby="titre-problemes">{ for errors.iter().map(link) }</ul>
            }
            if !others.is_empty() {
                <details class="plus">
                    <summary>{ count(others.len(), ("avertissement", "avertissements"), ("warning", "warnings"), lang) }</summary>
                    <ul>{ for others.iter().map(link) }</ul>
                </details>
            }
        </div>
    }
}

/// What can be done with the grid written: download it and its response form, use it.
#[derive(Properties, PartialEq)]
pub struct EditorFilesProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid being written.
    pub editor: Rc<Editor>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(EditorFiles)]
pub fn editor_files(props: &EditorFilesProps) -> Html {
    let lang = props.lang;
    let e = &props.editor;
    let name = format!("{}-{}", e.grid.id, e.grid.version);
    let grid_file = {
        let (json, name) = (e.json.clone(), name.clone());
        Callback::from(move |_| services::download(&format!("{name}.json"), "application/json", json.as_bytes()))
    };
    let form = |ext: &'static str, mime: &'static str| {
        let (json, name, on_action) = (e.json.clone(), name.clone(), props.on_action.clone());
        Callback::from(move |_| {
            let (json, name, on_action) = (json.clone(), format!("cadre-de-reponse-{name}.{ext}"), on_action.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match reader::response_form(&json, ext).await {
                    Ok(bytes) => services::download(&name, mime, &bytes),
                    Err(f) => on_action.emit(Action::NoticeAt(Place::Grid, Some(f))),
                }
            });
        })
    };
    let use_it = {
        let (json, on_action) = (e.json.clone(), props.on_action.clone());
        Callback::from(move |_| on_action.emit(Action::ChooseGrid((*json).clone())))
    };
    let form_as = lang.pick("Cadre de réponse en", "Response form as");
    html! {
        <section aria-labelledby="titre-fichiers-grille">
            <h2 id="titre-fichiers-grille">{ lang.pick("3. La grille rédigée", "3. The grid written") }</h2>
            if e.valid() {
                <p>
                    <button type="button" onclick={grid_file}>{ format!("{} ({name}.json)", lang.pick("Télécharger la grille", "Download the grid")) }</button>
                    <button type="button" onclick={form("ods", "application/vnd.oasis.opendocument.spreadsheet")} aria-label={format!("{form_as} ODS")}>{ "ODS" }</button>
                    <button type="button" onclick={form("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")} aria-label={format!("{form_as} XLSX")}>{ "XLSX" }</button>
                    <button type="button" onclick={form("csv", "text/csv")} aria-label={format!("{form_as} CSV")}>{ "CSV" }</button>
                    <button type="button" onclick={use_it}>{ lang.pick("Utiliser cette grille", "Use this grid") }</button>
                </p>
                <super::editor_versions::FormPreview lang={lang} json={e.json.clone()} />
            } else {
                <p class="aide">{ lang.pick(
                    "La grille se télécharge, s'utilise et se simule une fois ses problèmes réglés.",
                    "The grid can be downloaded, used and simulated once its problems are settled.",
                ) }</p>
            }
        </section>
    }
}
