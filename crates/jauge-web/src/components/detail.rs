//! One offer in detail: every criterion with the answer as read and its cell, the value, the rule
//! in words and the points; the evaluators' mark and appraisal on manual criteria.

use std::rc::Rc;

use jauge_engine::report::OfferResult;
use jauge_engine::text::number;
use jauge_engine::{CheckedGrid, Lang};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::schedule::OfferBill;
use crate::state::Action;

/// The offer shown.
#[derive(Properties, PartialEq)]
pub struct DetailProps {
    /// The offer's result.
    pub offer: OfferResult,
    /// How the offer is named (its file name, told apart from another with the same name).
    pub label: String,
    /// The grid.
    pub grid: Rc<CheckedGrid>,
    /// Interface language.
    pub lang: Lang,
    /// The criterion whose mark field is brought into view and focused; none: the heading.
    pub focus: Option<String>,
    /// The price schedules of the evaluation shown (the offer's bill of quantities is among them).
    #[prop_or_default]
    pub schedules: Rc<Vec<jauge_engine::schedule::Comparison>>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The id of the mark field of `criterion` for the offer labelled `label` (`scope` tells apart
/// the same mark shown in two places).
pub fn mark_field(scope: &str, label: &str, criterion: &str) -> String {
    format!("note{scope}-{label}-{criterion}").replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-")
}

/// Brings the element `id` into view and moves the keyboard focus to it.
pub fn bring_into_view(id: &str) {
    use wasm_bindgen::JsCast;
    let found = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id));
    if let Some(element) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        element.scroll_into_view();
        let _ = element.focus();
    }
}

#[function_component(OfferDetail)]
pub fn offer_detail(props: &DetailProps) -> Html {
    let lang = props.lang;
    let o = &props.offer;
    let close = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Select(None)))
    };
    // Opening an offer (or going to one of its marks) brings it into view with the focus there.
    {
        let target = match &props.focus {
            Some(criterion) => format!("{}-note", mark_field("", &props.label, criterion)),
            None => "titre-detail".to_string(),
        };
        use_effect_with((o.id.clone(), props.focus.clone()), move |_| bring_into_view(&target));
    }
    html! {
        <section aria-labelledby="titre-detail" class="detail">
            <h3 id="titre-detail" tabindex="-1">{ format!("{} {} ({})", lang.pick("Détail :", "Detail:"), o.supplier, props.label) }</h3>
            <button type="button" onclick={close}>{ lang.pick("Fermer le détail", "Close the detail") }</button>
            <table class="fiches">
                <caption>{ lang.pick("Points par critère", "Points per criterion") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ lang.pick("Critère", "Criterion") }</th>
                        <th scope="col">{ lang.pick("Réponse lue (cellule)", "Answer read (cell)") }</th>
                        <th scope="col">{ lang.pick("Règle", "Rule") }</th>
                        <th scope="col">{ "Points" }</th>
                        <th scope="col">{ lang.pick("Explication", "Explanation") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for o.criteria.iter().map(|c| {
                        let criterion = props.grid.grid().criterion(&c.id);
                        let label = criterion.map(|k| k.label.get(lang).to_string()).unwrap_or_default();
                        // Manual criteria, words no option matches and answers Jauge could not read
                        // are marked by the evaluators.
                        let manual = c.marked_out_of;
                        html! {
                            <tr>
                                <th scope="row">{ format!("{} — {}", c.id, label) }</th>
                                // The cell read, inline: one element less per criterion.
                                <td data-label={ lang.pick("Réponse lue (cellule)", "Answer read (cell)") }>{ match &c.location {
                                    Some(place) => format!("{} ({place})", c.raw.clone().unwrap_or_default()),
                                    None => c.raw.clone().unwrap_or_default(),
                                } }</td>
                                <td data-label={ lang.pick("Règle", "Rule") }>{ c.rule.get(lang) }</td>
                                <td data-label="Points">{ format!("{} / {}", number(c.points, 2, lang), number(c.max, 2, lang)) }</td>
                                <td data-label={ lang.pick("Explication", "Explanation") }>
                                    { c.explanation.get(lang) }
                                    if let Some(out_of) = manual {
                                        <MarkForm offer={o.id.clone()} label={props.label.clone()} criterion={c.id.clone()} out_of={out_of}
                                            mark={c.mark.as_ref().map(|m| m.mark)} appraisal={c.mark.as_ref().map(|m| m.appraisal.clone()).unwrap_or_default()}
                                            lang={lang} on_action={props.on_action.clone()} />
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            if !props.schedules.is_empty() {
                <OfferBill lang={lang} schedules={props.schedules.clone()} offer={o.id.clone()} grid={props.grid.clone()} />
            }
        </section>
    }
}

/// The evaluators' mark on one manual criterion.
#[derive(Properties, PartialEq)]
pub struct MarkProps {
    /// The offer.
    pub offer: jauge_engine::OfferId,
    /// How the offer is named (its element ids derive from it).
    pub label: String,
    /// Criterion id.
    pub criterion: String,
    /// Scale of the mark.
    pub out_of: f64,
    /// The mark saved.
    pub mark: Option<f64>,
    /// The appraisal saved.
    pub appraisal: String,
    /// Interface language.
    pub lang: Lang,
    /// Where actions go.
    pub on_action: Callback<Action>,
    /// Distinguishes the element ids when the same mark is shown in two places.
    #[prop_or_default]
    pub scope: &'static str,
}

#[function_component(MarkForm)]
pub fn mark_form(props: &MarkProps) -> Html {
    let lang = props.lang;
    let mark = use_node_ref();
    let appraisal = use_node_ref();
    let error = use_state(|| None::<String>);
    let id = mark_field(props.scope, &props.label, &props.criterion);
    // Whether this form saved a mark: then it says what is saved. (No re-render while typing:
    // it would put the saved value back in the field.)
    let saved = use_state_eq(|| false);
    // The fields show what is saved when it changes, and otherwise keep what was typed (a refused
    // value stays in its field beside its reason).
    {
        let (mark, appraisal) = (mark.clone(), appraisal.clone());
        let shown = (props.mark.map(|m| number(m, 2, lang)).unwrap_or_default(), props.appraisal.clone());
        use_effect_with(shown, move |(m, a)| {
            if let Some(input) = mark.cast::<HtmlInputElement>() {
                input.set_value(m);
            }
            if let Some(area) = appraisal.cast::<HtmlTextAreaElement>() {
                area.set_value(a);
            }
        });
    }
    let save = {
        let (mark, appraisal, on_action, error, saved) =
            (mark.clone(), appraisal.clone(), props.on_action.clone(), error.clone(), saved.clone());
        let (offer, criterion, out_of) = (props.offer.clone(), props.criterion.clone(), props.out_of);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = mark.cast::<HtmlInputElement>().map(|i| i.value()).unwrap_or_default();
            let text = appraisal.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
            // French or English decimals: "3,5" and "3.5"; an empty field clears the mark.
            let parsed = jauge_engine::value::typed_number(&value, &[]);
            let wrong = !value.trim().is_empty() && !parsed.is_some_and(|m| (0.0..=out_of).contains(&m));
            if wrong {
                error.set(Some(format!(
                    "{} {criterion} : « {} » ; {} {}",
                    lang.pick("Note non enregistrée pour", "Mark not saved for"),
                    value.trim(),
                    lang.pick("attendu un nombre entre 0 et", "expected a number between 0 and"),
                    number(out_of, 2, lang)
                )));
                return;
            }
            error.set(None);
            saved.set(true);
            on_action.emit(Action::SetMark {
                offer: offer.clone(),
                criterion: criterion.clone(),
                mark: parsed,
                appraisal: text,
            });
        })
    };
    // Said at the field: a mark kept without its appraisal does not count.
    let no_appraisal = props.mark.is_some() && props.appraisal.trim().is_empty();
    let described = [error.is_some().then(|| format!("{id}-erreur")), no_appraisal.then(|| format!("{id}-manque"))]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    html! {
        <form class="note" onsubmit={save}>
            <label for={format!("{id}-note")}>{ format!("{} {}", lang.pick("Note sur", "Mark out of"), number(props.out_of, 2, lang)) }</label>
            <input id={format!("{id}-note")} ref={mark} type="text" inputmode="decimal" autocomplete="off"
                aria-describedby={ (!described.is_empty()).then_some(described.clone()) } />
            <label for={format!("{id}-appreciation")}>{ lang.pick("Appréciation écrite", "Written appraisal") }</label>
            <textarea id={format!("{id}-appreciation")} ref={appraisal} rows="2"
                aria-describedby={ no_appraisal.then(|| format!("{id}-manque")) } />
            if let Some(message) = &*error {
                <p id={format!("{id}-erreur")} role="alert" class="erreur">{ message }</p>
            }
            if no_appraisal {
                <p id={format!("{id}-manque")} class="erreur">{ lang.pick(
                    "Appréciation écrite manquante : la note ne compte pas tant qu'elle n'est pas motivée.",
                    "Written appraisal missing: the mark does not count until it is justified.") }</p>
            }
            if *saved && error.is_none() {
                <p role="status" class="enregistre">{ match props.mark {
                    Some(m) => format!("{} {} / {}", lang.pick("Note enregistrée :", "Mark saved:"), number(m, 2, lang), number(props.out_of, 2, lang)),
                    None => lang.pick("Note effacée", "Mark cleared").to_string(),
                } }</p>
            }
            <button type="submit">{ lang.pick("Enregistrer la note", "Save the mark") }</button>
        </form>
    }
}
