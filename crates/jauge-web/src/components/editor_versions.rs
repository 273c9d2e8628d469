//! Beside the editor: the differences from the grid it started from, criterion by criterion,
//! each saying whether it can change marks, with the suggested version; and the response form's
//! rows as suppliers will get them.

use std::rc::Rc;

use jauge_engine::Lang;
use jauge_engine::text::colon;
use yew::prelude::*;

use crate::reader;
use crate::state::Action;
use crate::state::editor::{Edit, Editor, form_rows};

/// What the differences show.
#[derive(Properties, PartialEq)]
pub struct VersionsProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid being written.
    pub editor: Rc<Editor>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(VersionsPanel)]
pub fn versions_panel(props: &VersionsProps) -> Html {
    let lang = props.lang;
    let e = &props.editor;
    let Some(d) = &e.diff else { return html! {} };
    let marks = |yes: bool| {
        if yes {
            html! { <strong class="notes-changent">{ lang.pick(" — peut changer les notes", " — can change marks") }</strong> }
        } else {
            html! { <span>{ lang.pick(" — ne change pas les notes", " — does not change marks") }</span> }
        }
    };
    let apply = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Editor(Edit::ApplyVersion)))
    };
    let from = format!("{} {}", d.from.id, d.from.version);
    html! {
        <section aria-labelledby="titre-differences">
            <h2 id="titre-differences">{ format!("{} {from}", lang.pick("Différences avec", "Differences from")) }</h2>
            if let Some(words) = d.lineage.describe(&d.from, lang) {
                <p>{ words }</p>
            }
            <p>{ d.summary().describe(lang) }</p>
            if !d.grid.is_empty() {
                <ul aria-label={ lang.pick("La grille entière", "The whole grid") }>
                    { for d.grid.iter().map(|c| html! { <li>{ c.describe(lang) }{ marks(c.can_change_marks()) }</li> }) }
                </ul>
            }
            if !d.criteria.is_empty() {
                <ul class="differences" aria-label={ lang.pick("Critère par critère", "Criterion by criterion") }>
                    { for d.criteria.iter().map(|c| html! {
                        <li>
                            <strong>{ format!("{} ({})", c.id, c.family) }</strong>
                            <ul>{ for c.changes.iter().map(|ch| html! { <li>{ ch.describe(lang) }{ marks(ch.can_change_marks()) }</li> }) }</ul>
                        </li>
                    }) }
                </ul>
            }
            <p id="version-suggeree">
                { format!("{}{}{} ({}{}{})", lang.pick("Version de la grille", "The grid's version"), colon(lang), e.grid.version,
                    lang.pick("modification", "change"), colon(lang), d.bump().describe(lang)) }
                if let Some(v) = e.suggested() {
                    { format!(" — {}{}{v} ", lang.pick("version suggérée", "suggested version"), colon(lang)) }
                    <button type="button" onclick={apply}>{ format!("{} {v}", lang.pick("Passer en version", "Set version")) }</button>
                }
            </p>
        </section>
    }
}

/// What the preview shows.
#[derive(Properties, PartialEq)]
pub struct PreviewProps {
    /// The interface language.
    pub lang: Lang,
    /// The grid file.
    pub json: Rc<String>,
}

/// The response form's rows, asked of the form writer (its csv) when the buyer opens the preview.
#[function_component(FormPreview)]
pub fn form_preview(props: &PreviewProps) -> Html {
    let lang = props.lang;
    let rows = use_state(|| None::<(Rc<String>, Result<Vec<Vec<String>>, String>)>);
    let show = {
        let (rows, json) = (rows.clone(), props.json.clone());
        Callback::from(move |_: MouseEvent| {
            let (rows, json) = (rows.clone(), json.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let read = reader::response_form(&json, "csv").await.map(|b| form_rows(&b));
                rows.set(Some((json, read.map_err(|f| f.describe(lang)))));
            });
        })
    };
    // A preview of an earlier state of the grid is not shown.
    let current = rows.as_ref().filter(|(json, _)| *json == props.json).map(|(_, r)| r);
    let width = |r: &Vec<String>| r.len();
    html! {
        <div class="apercu">
            <button type="button" onclick={show}>{ lang.pick("Aperçu du cadre de réponse (ce que verront les candidats)", "Preview of the response form (what suppliers will see)") }</button>
            { match current {
                Some(Ok(rows)) => {
                    let wide = rows.iter().map(width).max().unwrap_or(0);
                    html! {
                        <div class="defile" tabindex="0" role="region" aria-label={ lang.pick("Aperçu du cadre de réponse", "Preview of the response form") }>
                            <table class="cadre">
                                <caption>{ lang.pick("Cadre de réponse (en français, comme il est remis aux candidats)", "Response form (in French, as suppliers get it)") }</caption>
                                <tbody>
                                    { for rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).map(|r| {
                                        // The cells up to the row's last written one; the empty
                                        // rest (a cover row's, most of the width) one cell across.
                                        let written = r.iter().rposition(|c| !c.is_empty()).unwrap_or(0) + 1;
                                        html! {
                                            <tr>
                                                <th scope="row">{ r.first().cloned().unwrap_or_default() }</th>
                                                { for (1..written.min(wide)).map(|i| html! { <td>{ r.get(i).cloned().unwrap_or_default() }</td> }) }
                                                if written < wide {
                                                    <td colspan={(wide - written).to_string()}></td>
                                                }
                                            </tr>
                                        }
                                    }) }
                                </tbody>
                            </table>
                        </div>
                    }
                }
                Some(Err(why)) => html! { <p role="alert" class="erreur">{ why.clone() }</p> },
                None => html! {},
            } }
        </div>
    }
}
