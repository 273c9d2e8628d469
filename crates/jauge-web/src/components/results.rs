//! The ranking: ranked offers, ties and flags, offers waiting for marks, offers set aside with
//! their reasons; export of the report; the detail of one offer.

use jauge_engine::report::{Flag, OfferResult};
use jauge_engine::text::number;
use jauge_engine::{Lang, Status};
use yew::prelude::*;

use super::PanelProps;
use super::detail::OfferDetail;
use crate::i18n::t;
use crate::services;
use crate::state::Action;

fn status(s: Status, lang: Lang) -> &'static str {
    match s {
        Status::Ranked => t(lang, "classée", "ranked"),
        Status::Incomplete => t(lang, "incomplète", "incomplete"),
        Status::Irregular => t(lang, "irrégulière", "irregular"),
    }
}

fn flags(o: &OfferResult, lang: Lang) -> String {
    o.flags
        .iter()
        .map(|f| match f {
            Flag::AbnormallyLow => t(lang, "anormalement basse ?", "abnormally low?"),
            Flag::Tie => t(lang, "ex aequo", "tie"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[function_component(ResultsPanel)]
pub fn results_panel(props: &PanelProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    let Some(report) = state.report.clone() else { return html! {} };
    if report.offers.is_empty() {
        return html! {
            <section aria-labelledby="titre-resultats">
                <h2 id="titre-resultats">{ t(lang, "3. Les résultats", "3. The results") }</h2>
                <p>{ t(lang, "Ajoutez des offres pour les noter.", "Add offers to grade them.") }</p>
            </section>
        };
    }
    let export = {
        let report = report.clone();
        Callback::from(move |_| {
            if let Ok(json) = serde_json::to_string_pretty(&*report) {
                services::download("rapport-jauge.json", "application/json", json.as_bytes());
            }
        })
    };
    let select = |source: String| {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::Select(Some(source.clone()))))
    };
    let families = report.offers.first().map(|o| o.families.clone()).unwrap_or_default();
    let (kept, aside): (Vec<&OfferResult>, Vec<&OfferResult>) =
        report.offers.iter().partition(|o| o.status != Status::Irregular);
    let selected = state.selected.as_ref().and_then(|s| report.offers.iter().find(|o| &o.source == s)).cloned();

    html! {
        <section aria-labelledby="titre-resultats">
            <h2 id="titre-resultats">{ t(lang, "3. Les résultats", "3. The results") }</h2>
            if !report.warnings.is_empty() {
                <ul class="avertissements">{ for report.warnings.iter().map(|w| html! { <li>{ w.message.get(lang) }</li> }) }</ul>
            }
            <table>
                <caption>{ format!("{} ({} {})", t(lang, "Classement", "Ranking"), t(lang, "points sur", "points out of"), number(report.grid.scale, 2, lang)) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ t(lang, "Rang", "Rank") }</th>
                        <th scope="col">{ t(lang, "Candidat", "Supplier") }</th>
                        <th scope="col">{ t(lang, "Statut", "Status") }</th>
                        <th scope="col">{ "Total" }</th>
                        { for families.iter().map(|f| html! { <th scope="col">{ format!("{} /{}", f.label.get(lang), number(f.max, 2, lang)) }</th> }) }
                        <th scope="col">{ t(lang, "Signalements", "Flags") }</th>
                        <th scope="col">{ t(lang, "Détail", "Detail") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for kept.iter().map(|o| html! {
                        <tr>
                            <td>{ o.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()) }</td>
                            <th scope="row">{ &o.supplier }</th>
                            <td>{ status(o.status, lang) }</td>
                            <td>{ number(o.total, 2, lang) }</td>
                            { for o.families.iter().map(|f| html! { <td>{ number(f.points, 2, lang) }</td> }) }
                            <td>{ flags(o, lang) }</td>
                            <td><button type="button" onclick={select(o.source.clone())}
                                aria-label={ format!("{} {}", t(lang, "Voir le détail de", "Show the detail of"), o.supplier) }>{ t(lang, "Voir", "Show") }</button></td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for kept.iter().filter(|o| !o.reasons.is_empty() || !o.notes.is_empty()).map(|o| html! {
                <div class="motifs">
                    <h3>{ &o.supplier }</h3>
                    <ul>{ for o.reasons.iter().chain(&o.notes).filter(|d| d.code != "csv").map(|d| html! { <li>{ d.message.get(lang) }</li> }) }</ul>
                </div>
            }) }
            if !aside.is_empty() {
                <h3>{ t(lang, "Offres écartées (irrégulières), non classées", "Offers set aside (irregular), not ranked") }</h3>
                <ul>
                    { for aside.iter().map(|o| html! {
                        <li>
                            <strong>{ &o.supplier }</strong>
                            <ul>{ for o.reasons.iter().map(|d| html! { <li>{ d.message.get(lang) }</li> }) }</ul>
                            <button type="button" onclick={select(o.source.clone())}
                                aria-label={ format!("{} {}", t(lang, "Voir le détail de", "Show the detail of"), o.supplier) }>{ t(lang, "Voir", "Show") }</button>
                        </li>
                    }) }
                </ul>
            }
            <p><button type="button" onclick={export}>{ t(lang, "Exporter le rapport (JSON)", "Export the report (JSON)") }</button></p>
            if let (Some(offer), Some(grid)) = (selected, state.grid.clone()) {
                <OfferDetail offer={offer} grid={grid} lang={lang} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
