//! The editor's fields: each labelled, with the engine's problems at it (`aria-describedby`,
//! `aria-invalid`), each change an [`Edit::Set`] of the reducer.

use jauge_engine::{Lang, Severity};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::Action;
use crate::state::editor::{Edit, Editor, Field, Scope, anchor};

/// What every field needs: the language, the editor, where edits go.
#[derive(Clone)]
pub struct Ctx<'a> {
    /// The interface language.
    pub lang: Lang,
    /// The editor.
    pub editor: &'a Editor,
    /// Where actions go.
    pub on_action: &'a Callback<Action>,
}

/// How a field is entered.
pub enum Kind {
    /// One line of text (or a number, typed as text and read by the reducer).
    Line,
    /// Several lines.
    Area,
    /// A box ticked or not.
    Check(bool),
    /// One choice among (value, words).
    Select(Vec<(String, String)>),
}

impl Ctx<'_> {
    /// An edit dispatched.
    pub fn edit(&self, edit: Edit) -> Callback<MouseEvent> {
        let on_action = self.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Editor(edit.clone())))
    }

    /// A field: its label, its input, then the problems at it.
    pub fn field(&self, scope: Scope, field: Field, label: &str, value: String, kind: Kind) -> Html {
        let lang = self.lang;
        let id = anchor(scope, &field.key());
        let placed = self.editor.at(&id);
        let unreadable = self.editor.unreadable.get(&id);
        let mut notes: Vec<(String, bool)> = placed
            .iter()
            .map(|p| {
                let d = &p.diagnostic;
                let lead = match d.severity {
                    Severity::Error => lang.pick("Problème : ", "Problem: "),
                    Severity::Blocking => lang.pick("Bloquant : ", "Blocking: "),
                    Severity::Warning | Severity::Info => lang.pick("Attention : ", "Note: "),
                };
                (format!("{lead}{}", d.message.get(lang)), d.severity == Severity::Error)
            })
            .collect();
        if let Some(typed) = unreadable {
            let words = lang.pick("nombre illisible, non pris en compte : ", "unreadable number, not taken: ");
            notes.push((format!("{}{words}« {typed} »", lang.pick("Problème : ", "Problem: ")), true));
        }
        let invalid = notes.iter().any(|(_, e)| *e);
        let described = (0..notes.len()).map(|i| format!("{id}-note-{i}")).collect::<Vec<_>>().join(" ");
        let described = (!described.is_empty()).then_some(described);
        let value = unreadable.cloned().unwrap_or(value);
        let send = {
            let (on_action, field) = (self.on_action.clone(), field.clone());
            move |value: String| on_action.emit(Action::Editor(Edit::Set(scope, field.clone(), value)))
        };
        let input = match kind {
            Kind::Line => html! {
                <input id={id.clone()} type="text" value={value} aria-invalid={invalid.to_string()} aria-describedby={described}
                    onchange={Callback::from(move |e: Event| send(e.target_unchecked_into::<HtmlInputElement>().value()))} />
            },
            Kind::Area => html! {
                <textarea id={id.clone()} rows="2" value={value} aria-invalid={invalid.to_string()} aria-describedby={described}
                    onchange={Callback::from(move |e: Event| send(e.target_unchecked_into::<HtmlTextAreaElement>().value()))} />
            },
            Kind::Check(on) => html! {
                <input id={id.clone()} type="checkbox" checked={on} aria-invalid={invalid.to_string()} aria-describedby={described}
                    onchange={Callback::from(move |e: Event| send(e.target_unchecked_into::<HtmlInputElement>().checked().to_string()))} />
            },
            Kind::Select(options) => html! {
                <select id={id.clone()} aria-invalid={invalid.to_string()} aria-describedby={described}
                    onchange={Callback::from(move |e: Event| send(e.target_unchecked_into::<HtmlSelectElement>().value()))}>
                    { for options.into_iter().map(|(v, words)| html! { <option selected={v == value} value={v.clone()}>{ words }</option> }) }
                </select>
            },
        };
        // The input inside its label: one element less per field, the screen's DOM stays small.
        html! { <>
            <label class={classes!("champ", invalid.then_some("invalide"))}>{ label.to_string() }{ input }</label>
            { for notes.iter().enumerate().map(|(i, (words, error))| html! {
                <p id={format!("{id}-note-{i}")} class={if *error { "erreur" } else { "aide" }}>{ words.clone() }</p>
            }) }
        </> }
    }

    /// A number as a field shows it: as written in grid files, empty when absent.
    pub fn shown(value: Option<f64>) -> String {
        value.map(|v| v.to_string()).unwrap_or_default()
    }
}
