//! Section 7 as the page holds it: the report module's (`report_module.rs`) once offers are read,
//! fetched then (« Chargement… » meanwhile, a failure said with « Réessayer »; nothing the buyer
//! entered depends on it); before any offer, a folded section that says what it will hold.

use std::rc::Rc;

use jauge_engine::Lang;
use jauge_engine::session::Session;
use yew::prelude::*;

use super::fold::Fold;
use super::{Module, ModuleHost};
use crate::state::Action;

/// What the section shows, and where the module's news goes.
#[derive(Properties, PartialEq)]
pub struct ReportPlaceProps {
    /// The interface language.
    pub lang: Lang,
    /// The session as saved (what the report's fingerprint covers).
    pub session: Rc<Session>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(ReportPlace)]
pub fn report_place(props: &ReportPlaceProps) -> Html {
    let lang = props.lang;
    let title = lang.pick("7. Le rapport d'analyse des offres", "7. The report on the analysis of offers");
    if props.session.offers.is_empty() {
        return html! {
            <Fold id="titre-rapport" title={title}>
                <p class="aide">{ lang.pick(
                    "Le rapport d'analyse est établi une fois les offres lues (section 2).",
                    "The analysis report is drawn up once the offers are read (section 2).") }</p>
            </Fold>
        };
    }
    html! {
        <ModuleHost module={Module::Report} lang={lang} grid={props.session.to_json()} title={Some(AttrValue::from(title))}
            on_action={props.on_action.clone()} />
    }
}
