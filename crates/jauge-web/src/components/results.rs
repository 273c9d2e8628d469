//! The ranking: ranked offers, ties and flags, offers waiting for marks, offers set aside with
//! their reasons; export of the report; the detail of one offer.

use crate::state::{Labels, label};
use jauge_engine::{CheckedGrid, OfferId, Report};
use std::rc::Rc;

use jauge_engine::report::{Flag, OfferResult};
use jauge_engine::text::number;
use jauge_engine::{Lang, Status};
use yew::prelude::*;

use super::detail::OfferDetail;
use crate::state::Action;
use crate::{reader, services};

/// The points of every offer kept, family by family, as bars (one colour, read by length against
/// the full-width scale; the figures are in the ranking table above), with every figure in words
/// as its text alternative. Few elements: one path per offer, no text per bar.
fn chart(offers: &[&OfferResult], lang: Lang) -> Html {
    let Some(first) = offers.first() else { return html! {} };
    let (label_w, col_w, row_h, head_h) = (170.0, 120.0, 26.0, 34.0);
    let width = label_w + col_w * first.families.len() as f64;
    let height = head_h + row_h * offers.len() as f64;
    let words: Vec<String> = first
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let each = offers
                .iter()
                .map(|o| format!("{} {}", o.supplier, number(o.families.get(i).map_or(0.0, |x| x.points), 2, lang)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} (/{}) : {each}", f.label.get(lang), number(f.max, 2, lang))
        })
        .collect();
    let short = |s: &str| {
        if s.chars().count() > 22 { format!("{}…", s.chars().take(21).collect::<String>()) } else { s.to_string() }
    };
    let caption = lang.pick(
        "Points par famille et par offre (barre pleine = tous les points de la famille ; chiffres dans le classement ci-dessus)",
        "Points per family and per offer (full bar = all the family's points; figures in the ranking above)",
    );
    html! {
        <figure class="graphique">
            <figcaption id="graphique-titre">{ caption }</figcaption>
            <svg role="img" aria-labelledby="graphique-titre graphique-texte" viewBox={format!("0 0 {width} {height}")} width="100%">
                <desc id="graphique-texte">{ words.join(" ; ") }</desc>
                { for first.families.iter().enumerate().map(|(i, f)| html! {
                    <text x={(label_w + col_w * i as f64 + 4.0).to_string()} y="14" class="entete">{ short(f.label.get(lang)) }</text>
                }) }
                // The full bar of every family and offer, drawn once as outlines: the scale the bars are read against.
                <path class="echelle" d={ (0..offers.len()).flat_map(|r| (0..first.families.len()).map(move |i| {
                    format!("M{} {}h{}v14h-{}z", label_w + col_w * i as f64 + 4.0, head_h + row_h * r as f64 + 4.0, col_w - 14.0, col_w - 14.0)
                })).collect::<String>() } />
                { for offers.iter().enumerate().map(|(r, o)| {
                    let y = head_h + row_h * r as f64;
                    // One path draws the row's bars; each bar's figure is written beside it.
                    let bars: String = o.families.iter().enumerate().map(|(i, f)| {
                        let share = if f.max > 0.0 { (f.points / f.max).clamp(0.0, 1.0) } else { 0.0 };
                        let x = label_w + col_w * i as f64 + 4.0;
                        format!("M{x} {}h{:.1}v14h{:.1}z", y + 4.0, ((col_w - 14.0) * share).max(1.0), -((col_w - 14.0) * share).max(1.0))
                    }).collect();
                    html! {
                        <>
                            <text x="0" y={(y + 16.0).to_string()}>{ short(&o.supplier) }</text>
                            <path d={bars} />
                        </>
                    }
                }) }
            </svg>
        </figure>
    }
}

/// Offers a report export: the JSON contract here, the workbooks and CSV in the reader module.
fn export(
    report: std::rc::Rc<jauge_engine::Report>,
    lang: Lang,
    format: &'static str,
    on_action: Callback<Action>,
) -> Callback<MouseEvent> {
    Callback::from(move |_| {
        let Ok(json) = serde_json::to_string_pretty(&*report) else { return };
        let stamp: String = services::now().chars().take(10).collect();
        let name = format!("resultats-{}-{stamp}.{format}", report.grid.id);
        if format == "json" {
            services::download(&name, "application/json", json.as_bytes());
            return;
        }
        let on_action = on_action.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mime = match format {
                "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                "ods" => "application/vnd.oasis.opendocument.spreadsheet",
                _ => "text/csv",
            };
            match reader::export_results(&json, format, lang).await {
                Ok(bytes) => services::download(&name, mime, &bytes),
                Err(e) => on_action.emit(Action::Notice(Some(e))),
            }
        });
    })
}

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// The interface language.
    pub lang: Lang,
    /// The evaluation.
    pub report: Option<Rc<Report>>,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// The offer whose detail is shown.
    pub selected: Option<OfferId>,
    /// How offers are named.
    pub labels: Labels,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(ResultsPanel)]
pub fn results_panel(props: &ResultsProps) -> Html {
    let lang = props.lang;
    let Some(report) = props.report.clone() else { return html! {} };
    if report.offers.is_empty() {
        return html! {
            <section aria-labelledby="titre-resultats">
                <h2 id="titre-resultats">{ lang.pick("3. Les résultats", "3. The results") }</h2>
                <p>{ lang.pick("Ajoutez des offres pour les noter.", "Add offers to grade them.") }</p>
            </section>
        };
    }
    let print = Callback::from(|_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
    let exports = ["xlsx", "ods", "csv", "json"].map(|f| (f, export(report.clone(), lang, f, props.on_action.clone())));
    let select = |offer: &jauge_engine::OfferId| {
        let (on_action, offer) = (props.on_action.clone(), offer.clone());
        Callback::from(move |_| on_action.emit(Action::Select(Some(offer.clone()))))
    };
    // Two offers from one supplier are told apart by their files.
    let named = |o: &OfferResult| {
        if report.offers.iter().any(|p| p.supplier == o.supplier && p.id != o.id) {
            format!("{} ({})", o.supplier, label(&props.labels, &o.id))
        } else {
            o.supplier.clone()
        }
    };
    let families = report.offers.first().map(|o| o.families.clone()).unwrap_or_default();
    let (kept, aside): (Vec<&OfferResult>, Vec<&OfferResult>) =
        report.offers.iter().partition(|o| o.status != Status::Irregular);
    let selected = props.selected.as_ref().and_then(|s| report.offers.iter().find(|o| &o.id == s)).cloned();

    html! {
        <section aria-labelledby="titre-resultats">
            <h2 id="titre-resultats">{ lang.pick("3. Les résultats", "3. The results") }</h2>
            if !report.warnings.is_empty() {
                <ul class="avertissements">{ for report.warnings.iter().map(|w| html! { <li>{ w.message.get(lang) }</li> }) }</ul>
            }
            <table>
                <caption>{ format!("{} ({} {})", lang.pick("Classement", "Ranking"), lang.pick("points sur", "points out of"),
                    number(report.grid.scale, 2, lang)) }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ lang.pick("Rang", "Rank") }</th>
                        <th scope="col">{ format!("{} {}", jauge_document::bidder(lang), lang.pick("(détail)", "(detail)")) }</th>
                        <th scope="col">{ lang.pick("Statut", "Status") }</th>
                        <th scope="col">{ "Total" }</th>
                        { for families.iter().map(|f| html! { <th scope="col">{ format!("{} /{}", f.label.get(lang), number(f.max, 2, lang)) }</th> }) }
                        <th scope="col">{ lang.pick("Signalements", "Flags") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for kept.iter().map(|o| html! {
                        <tr>
                            <td>{ o.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()) }</td>
                            <th scope="row">
                                <button type="button" class="lien" onclick={select(&o.id)}
                                    aria-label={ format!("{} {}", lang.pick("Voir le détail de", "Show the detail of"), named(o)) }>{ named(o) }</button>
                            </th>
                            <td>{ o.status.label(lang) }</td>
                            <td>{ number(o.total, 2, lang) }</td>
                            { for o.families.iter().map(|f| html! { <td>{ number(f.points, 2, lang) }</td> }) }
                            <td>{ Flag::list(&o.flags, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            { for kept.iter().filter(|o| o.reasons.iter().chain(&o.notes).any(|d| d.code != "csv")).map(|o| html! {
                <div class="motifs">
                    <h3>{ &o.supplier }</h3>
                    <ul>{ for o.reasons.iter().chain(&o.notes).filter(|d| d.code != "csv").map(|d| html! { <li>{ d.message.get(lang) }</li> }) }</ul>
                </div>
            }) }
            if !aside.is_empty() {
                <h3>{ lang.pick("Offres écartées (irrégulières), non classées", "Offers set aside (irregular), not ranked") }</h3>
                <ul>
                    { for aside.iter().map(|o| html! {
                        <li>
                            <strong>{ named(o) }</strong>
                            <ul>{ for o.reasons.iter().map(|d| html! { <li>{ d.message.get(lang) }</li> }) }</ul>
                            <button type="button" onclick={select(&o.id)}
                                aria-label={ format!("{} {}", lang.pick("Voir le détail de", "Show the detail of"), named(o)) }>
                                { lang.pick("Voir", "Show") }
                            </button>
                        </li>
                    }) }
                </ul>
            }
            { chart(&kept, lang) }
            <p class="edition">{ format!("{} {} — {} {} {} — {} {}",
                lang.pick("Édité le", "Printed on"), jauge_analysis::display_date(&services::now(), lang),
                lang.pick("grille", "grid"), report.grid.id, report.grid.version,
                lang.pick("empreinte", "fingerprint"), report.grid.fingerprint) }</p>
            <p class="exports">
                { lang.pick("Exporter les résultats : ", "Export the results: ") }
                { for exports.into_iter().map(|(f, cb)| html! {
                    <button type="button" onclick={cb}
                        aria-label={ format!("{} {}", lang.pick("Exporter les résultats en", "Export the results as"), f.to_uppercase()) }>
                        { f.to_uppercase() }
                    </button>
                }) }
                <button type="button" onclick={print}>{ lang.pick("Imprimer", "Print") }</button>
            </p>
            if let (Some(offer), Some(grid)) = (selected, props.grid.clone()) {
                <OfferDetail label={label(&props.labels, &offer.id)} offer={offer} grid={grid} lang={lang} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
