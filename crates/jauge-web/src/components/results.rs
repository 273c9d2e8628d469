//! The ranking: ranked offers, ties and flags, offers waiting for marks, offers set aside with
//! their reasons; export of the report; the detail of one offer.

use crate::state::{Labels, label};
use jauge_engine::{CheckedGrid, OfferId, Report};
use std::rc::Rc;

use jauge_engine::report::{Flag, OfferResult};
use jauge_engine::text::{self, number, points};
use jauge_engine::{Lang, Status};
use yew::prelude::*;

use super::detail::OfferDetail;
use super::schedule::{QuantitiesField, ScheduleComparison};
use crate::state::{Action, Place};
use crate::{reader, services};

/// The points of every offer kept, family by family, as bars on one scale: an SVG's unit is a
/// point and every family's SVG is as wide, so a family worth 40 points draws bars four times as
/// long as one worth 10; each bar sits in an outline as long as its family's weight. The words
/// are the page's text, not an SVG's: they keep their size on a phone and cannot overlap. Their
/// lines and the SVG's rows share one height in `em`, so they stay side by side when text is
/// enlarged. Every figure is also in words, the chart's text alternative. Five elements a family.
fn chart(offers: &[&OfferResult], lang: Lang) -> Html {
    let Some(first) = offers.first() else { return html! {} };
    let top = first.families.iter().map(|f| f.max).fold(0.0, f64::max);
    let points = |o: &OfferResult, i: usize| o.families.get(i).map_or(0.0, |x| x.points);
    let words: Vec<String> = first
        .families
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let each = offers
                .iter()
                .map(|o| format!("{} {}", o.supplier, number(points(o, i), 2, lang)))
                .collect::<Vec<_>>()
                .join(", ");
            format!("{} (/{}) : {each}", f.label.get(lang), number(f.max, 2, lang))
        })
        .collect();
    // One row of ROW units per offer, the bar 10 units high in the middle of it.
    const ROW: f64 = 15.0;
    let bars = |length: &dyn Fn(usize) -> f64| -> String {
        (0..offers.len())
            .map(|r| {
                let w = length(r).clamp(0.0, top);
                format!("M0 {}h{w}v9h{}z", r as f64 * ROW + 3.0, -w)
            })
            .collect()
    };
    let caption = lang.pick(
        "Points par famille et par offre (une même échelle pour toutes les familles ; le cadre de chaque barre est le poids de sa famille)",
        "Points per family and per offer (one scale for every family; each bar's outline is its family's weight)",
    );
    html! {
        <figure class="graphique">
            <figcaption id="graphique-titre">{ caption }</figcaption>
            <div role="img" class="barres" aria-labelledby="graphique-titre graphique-texte">
                { for first.families.iter().enumerate().map(|(i, f)| html! {
                    <>
                        <p class="famille">{ format!("{} /{}", f.label.get(lang), number(f.max, 2, lang)) }</p>
                        <p class="noms">{ offers.iter().map(|o| format!("{} : {}", o.supplier, number(points(o, i), 2, lang))).collect::<Vec<_>>().join("\n") }</p>
                        <svg viewBox={format!("0 0 {top} {}", ROW * offers.len() as f64)} preserveAspectRatio="none"
                            width="100%" height={format!("{}em", 1.5 * offers.len() as f64)} aria-hidden="true" focusable="false">
                            <path class="echelle" vector-effect="non-scaling-stroke" d={bars(&|_| f.max)} />
                            <path d={bars(&|r| points(offers[r], i))} />
                        </svg>
                    </>
                }) }
            </div>
            <p id="graphique-texte" hidden=true>{ words.join(" ; ") }</p>
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
                Err(e) => on_action.emit(Action::NoticeAt(Place::Results, Some(e))),
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
    /// The criterion whose mark field the detail focuses.
    pub focus: Option<String>,
    /// The marks the evaluators still owe.
    pub to_mark: Vec<crate::state::ToMark>,
    /// Why the last export failed.
    pub notice: Option<crate::failure::Failure>,
    /// How offers are named.
    pub labels: Labels,
    /// The grid's lots (none without lots).
    pub lots: Vec<crate::state::LotChoice>,
    /// The lot shown.
    pub lot: Option<String>,
    /// The offers no lot scores.
    pub unassigned: Vec<jauge_engine::lot::Unassigned>,
    /// The round ranked, for a procedure in several rounds.
    pub round: Option<jauge_engine::session::Round>,
    /// The framework agreement announced, with its proposed holders.
    pub framework: Option<crate::state::FrameworkShown>,
    /// The price schedules of the evaluation shown.
    #[prop_or_default]
    pub schedules: Rc<Vec<jauge_engine::schedule::Comparison>>,
    /// Whether the grid keeps quantities from bidders that the buyer has not given.
    #[prop_or_default]
    pub lacks_quantities: bool,
    /// Whether the session carries the buyer's hidden quantities.
    #[prop_or_default]
    pub quantities_given: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// The lots, one button each (the one shown pressed): each lot is ranked on its own; and the
/// offers no lot scores, with why.
fn lots(props: &ResultsProps) -> Html {
    let lang = props.lang;
    if props.lots.is_empty() {
        return html! {};
    }
    html! {
        <>
        <nav class="lots" aria-label={ lang.pick("Lots de la consultation", "Lots of the tender") }>
            <p>{ lang.pick("Chaque lot est classé séparément : ", "Each lot is ranked on its own: ") }</p>
            <ul>
            { for props.lots.iter().map(|l| {
                let show = {
                    let (on_action, id) = (props.on_action.clone(), l.id.clone());
                    Callback::from(move |_| on_action.emit(Action::ShowLot(id.clone())))
                };
                let pressed = props.lot.as_deref() == Some(l.id.as_str());
                html! { <li><button type="button" aria-pressed={ pressed.to_string() } onclick={show}>
                    { format!("{} {} · {} ({})", lang.pick("Lot", "Lot"), l.id, l.title.get(lang),
                        text::count(l.offers, ("offre", "offres"), ("offer", "offers"), lang)) }
                </button></li> }
            }) }
            </ul>
        </nav>
        if !props.unassigned.is_empty() {
            <div class="avertissements hors-lot">
                <p>{ lang.pick("Offres classées dans aucun lot :", "Offers ranked in no lot:") }</p>
                <ul>{ for props.unassigned.iter().map(|u| html! {
                    <li>{ format!("{} ({}){}{}", u.supplier, label(&props.labels, &u.id), text::colon(lang), u.reason.get(lang)) }</li>
                }) }</ul>
            </div>
        }
        </>
    }
}

/// For a procedure in several rounds, which one the ranking is of.
fn rounds(props: &ResultsProps) -> Html {
    let lang = props.lang;
    let Some(round) = &props.round else { return html! {} };
    html! {
        <p class="tour-classe">{ format!("{} {}{}",
            lang.pick("Seules les offres du dernier tour sont classées :", "Only the offers of the last round are ranked:"),
            super::offers::round_name(round, lang),
            lang.pick(". Les tours précédents figurent au rapport d'analyse, pour information.",
                ". Earlier rounds are in the analysis report, for information.")) }</p>
    }
}

/// For a framework agreement with several holders: what the tender announces, and the proposed
/// holders once the analysis allows them (or the offers a tie-break decision must order).
fn framework(props: &ResultsProps, report: &Report, named: &dyn Fn(&OfferResult) -> String) -> Html {
    let lang = props.lang;
    let Some(f) = &props.framework else { return html! {} };
    let names = |ids: &[OfferId]| -> Vec<String> {
        ids.iter()
            .map(|id| report.offers.iter().find(|o| &o.id == id).map(named).unwrap_or_else(|| label(&props.labels, id)))
            .collect()
    };
    let announced =
        jauge_analysis::framework_terms(jauge_engine::grid::Framework { holders: f.holders, cascade: f.cascade }, lang);
    html! {
        <div class="accord-cadre">
            <p>{ announced }</p>
            { match &f.proposed {
                Some(Ok(ids)) => html! {
                    <>
                        <p id="titre-titulaires">{ lang.pick("Titulaires proposés :", "Proposed holders:") }</p>
                        <ol aria-labelledby="titre-titulaires">{ for names(ids).into_iter().map(|n| html! { <li>{ n }</li> }) }</ol>
                    </>
                },
                Some(Err(ids)) => html! {
                    <p>{ format!("{}{}", lang.pick(
                        "Offres à égalité pour les dernières places de titulaire, à départager par une décision (section 6) : ",
                        "Offers tied for the last holders' places, to be ordered by a decision (section 6): "),
                        names(ids).join(", ")) }</p>
                },
                None => html! {
                    <p>{ lang.pick(
                        "Les titulaires proposés seront désignés quand l'analyse sera terminée (points en suspens, section 7).",
                        "The proposed holders will be named once the analysis is complete (points to settle, section 7).") }</p>
                },
            } }
        </div>
    }
}

/// For a follow-on contract of a framework agreement: which agreement, and that only its holders
/// may bid (another bidder's offer is irregular, its finding says why).
fn follow_on(props: &ResultsProps) -> Html {
    let Some(f) = props.grid.as_ref().and_then(|g| g.grid().follow_on.as_ref()) else { return html! {} };
    html! { <p class="marche-subsequent">{ jauge_analysis::follow_on_terms(f, props.lang) }</p> }
}

/// The id of the button that opens an offer's detail.
fn show_id(offer: &jauge_engine::OfferId) -> String {
    format!("voir-{}", offer.as_str()).replace(|c: char| !c.is_ascii_alphanumeric() && c != '-', "-")
}

#[function_component(ResultsPanel)]
pub fn results_panel(props: &ResultsProps) -> Html {
    let lang = props.lang;
    // When a detail closes, the keyboard focus goes back to the button that opened it.
    let opened = use_mut_ref(|| None::<jauge_engine::OfferId>);
    {
        let opened = opened.clone();
        use_effect_with(props.selected.clone(), move |selected| {
            let previous = opened.replace(selected.clone());
            if let (None, Some(offer)) = (selected, previous) {
                super::detail::bring_into_view(&show_id(&offer));
            }
        });
    }
    let Some(report) = props.report.clone() else { return html! {} };
    if report.offers.is_empty() {
        return html! {
            <section aria-labelledby="titre-resultats">
                <h2 id="titre-resultats">{ lang.pick("3. Les résultats", "3. The results") }</h2>
                { lots(props) }
                { rounds(props) }
                <p>{ match props.lot.is_some() {
                    false => lang.pick("Ajoutez des offres pour les noter.", "Add offers to grade them."),
                    true => lang.pick("Aucune offre ne répond à ce lot.", "No offer answers this lot."),
                } }</p>
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
        if report.offers.iter().any(|p| p.supplier == o.supplier && p.variant == o.variant && p.id != o.id) {
            format!("{} ({})", o.bidder(lang), label(&props.labels, &o.id))
        } else {
            o.bidder(lang)
        }
    };
    // "Voir le détail d'Éco Portail Express": French elides "de" before a vowel.
    let show = |name: &str| format!("{} {}", lang.pick("Voir le détail", "Show the detail"), text::of(name, lang));
    // A family's heading and its weight.
    let heading = |name: &str, max: f64| format!("{name} /{}", number(max, 2, lang));
    // Points in a column, each with its two decimals (« 67,80 » above « 74,74 »).
    let figure = |x: f64| text::number_fixed(x, 2, lang);
    let families = report.offers.first().map(|o| o.families.clone()).unwrap_or_default();
    let (kept, aside): (Vec<&OfferResult>, Vec<&OfferResult>) =
        report.offers.iter().partition(|o| o.status != Status::Irregular);
    let selected = props.selected.as_ref().and_then(|s| report.offers.iter().find(|o| &o.id == s)).cloned();

    html! {
        <section aria-labelledby="titre-resultats">
            <h2 id="titre-resultats">{ lang.pick("3. Les résultats", "3. The results") }</h2>
            { lots(props) }
            { rounds(props) }
            { framework(props, &report, &named) }
            { follow_on(props) }
            if !report.warnings.is_empty() {
                <ul class="avertissements">{ for report.warnings.iter().map(|w| html! { <li>{ w.message.get(lang) }</li> }) }</ul>
            }
            // Placed only when it shows something: a component that renders nothing between
            // siblings that come and go (the marks to enter) loses its place in yew's DOM.
            if props.lacks_quantities || props.quantities_given {
                <QuantitiesField lang={lang} lacking={props.lacks_quantities} given={props.quantities_given} on_action={props.on_action.clone()} />
            }
            if !props.to_mark.is_empty() {
                <details class="a-noter" open=true>
                    <summary id="titre-a-noter">{ text::count(props.to_mark.len(), ("note à saisir", "notes à saisir"), ("mark to enter", "marks to enter"), lang) }</summary>
                    <ul aria-labelledby="titre-a-noter">
                        { for props.to_mark.iter().map(|m| {
                            let go = {
                                let (on_action, offer, criterion) = (props.on_action.clone(), m.offer.clone(), m.criterion.clone());
                                Callback::from(move |_| on_action.emit(Action::GoToMark(offer.clone(), criterion.clone())))
                            };
                            html! { <li><button type="button" class="lien" onclick={go}>
                                { format!("{} — {} {} ({} {})", m.supplier, m.criterion, m.label.get(lang),
                                    lang.pick("note sur", "mark out of"), number(m.out_of, 2, lang)) }
                            </button></li> }
                        }) }
                    </ul>
                </details>
            }
            // An offer's detail is a view of its own: the ranking, the chart and the exports come
            // back when it is closed (the page stays light, and the detail is where the eye is).
            if selected.is_none() {
                <>
                // Wide screens show every column; narrow ones show each offer as a card of labelled
                // cells (`data-label`), and print gives each family a short heading with a legend, so
                // no column is hidden or cut.
                // While marks are missing the ranking is provisional: said above it, with who can
                // still equal or pass the offer ahead.
                if let Some((leader, threats)) = report.provisional() {
                    <p class="bilan" role="note">{
                        match threats.is_empty() {
                            false => {
                                let names: Vec<String> = threats.iter().map(|o| named(o)).collect();
                                lang.pick(
                                    format!("Classement provisoire : l'offre en tête ({}, {}) peut encore être rejointe ou dépassée par {}, à qui il manque des notes.", named(leader), points(leader.total, lang), text::listed(&names, lang)),
                                    format!("Provisional ranking: the offer ahead ({}, {}) can still be equalled or overtaken by {}, whose marks are missing.", named(leader), points(leader.total, lang), text::listed(&names, lang)),
                                )
                            }
                            true => lang.pick(
                                format!("Classement provisoire : des notes manquent, mais aucune offre incomplète ne peut plus atteindre l'offre en tête ({}, {}).", named(leader), points(leader.total, lang)),
                                format!("Provisional ranking: marks are missing, but no incomplete offer can reach the offer ahead ({}, {}) any more.", named(leader), points(leader.total, lang)),
                            ),
                        }
                    }</p>
                }
                <div class="defilement">
                <table class="classement">
                    <caption>{ format!("{}{} ({} {})", lang.pick("Classement", "Ranking"),
                        props.lots.iter().find(|l| props.lot.as_deref() == Some(l.id.as_str()))
                            .map(|l| format!(" — {} {}{}{}", lang.pick("lot", "lot"), l.id, text::colon(lang), l.title.get(lang)))
                            .unwrap_or_default()
                            + &props.round.as_ref().map(|r| format!(" — {} {}", lang.pick("tour", "round"), r.number)).unwrap_or_default(),
                        lang.pick("points sur", "points out of"), number(report.grid.scale, 2, lang)) }</caption>
                    <thead>
                        <tr>
                            <th scope="col">{ lang.pick("Rang", "Rank") }</th>
                            <th scope="col">{ jauge_document::bidder(lang) }<span class="ecran">{ lang.pick(" (détail)", " (detail)") }</span></th>
                            <th scope="col">{ lang.pick("Statut", "Status") }</th>
                            <th scope="col">{ "Total" }</th>
                            { for families.iter().enumerate().map(|(i, f)| html! {
                                <th scope="col">
                                    <span class="long">{ heading(f.label.get(lang), f.max) }</span>
                                    // Never broken: the printed column is narrow.
                                    <span class="court">{ format!("F{}\u{a0}/{}", i + 1, number(f.max, 2, lang)) }</span>
                                </th>
                            }) }
                            <th scope="col">{ lang.pick("Signalements", "Flags") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for kept.iter().map(|o| html! {
                            <tr>
                                <td data-label={ lang.pick("Rang", "Rank") }>{ o.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into()) }</td>
                                <th scope="row">
                                    <button type="button" class="lien" id={show_id(&o.id)} onclick={select(&o.id)}
                                        aria-label={ show(&named(o)) }>{ named(o) }</button>
                                </th>
                                <td data-label={ lang.pick("Statut", "Status") }>{ o.status.label(lang) }</td>
                                // Waiting for marks: the totals it can still reach, not a partial sum alone.
                                <td data-label="Total">{ match o.reachable {
                                    Some(r) => lang.pick(
                                        format!("{} à {} (notes manquantes)", figure(r.lowest), figure(r.highest)),
                                        format!("{} to {} (marks missing)", figure(r.lowest), figure(r.highest)),
                                    ),
                                    None => figure(o.total),
                                } }</td>
                                { for o.families.iter().map(|f| html! {
                                    <td data-label={ heading(f.label.get(lang), f.max) }>{ figure(f.points) }</td>
                                }) }
                                <td data-label={ lang.pick("Signalements", "Flags") } class="signalements">{ Flag::list(&o.flags, lang) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                </div>
                <p class="legende">{ families.iter().enumerate().map(|(i, f)| format!("F{} : {}", i + 1, f.label.get(lang))).collect::<Vec<_>>().join(" ; ") }</p>
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
                                <button type="button" id={show_id(&o.id)} onclick={select(&o.id)}
                                    aria-label={ show(&named(o)) }>
                                    { lang.pick("Voir", "Show") }
                                </button>
                            </li>
                        }) }
                    </ul>
                }
                { chart(&kept, lang) }
                if let (Some(grid), false) = (props.grid.clone(), props.schedules.is_empty()) {
                    <ScheduleComparison lang={lang} schedules={props.schedules.clone()} report={report.clone()} grid={grid} />
                }
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
                if let Some(failure) = &props.notice {
                    <p role="alert" class="erreur">{ failure.describe(lang) }</p>
                }
                </>
            }
            if let (Some(offer), Some(grid)) = (selected, props.grid.clone()) {
                <OfferDetail label={label(&props.labels, &offer.id)} offer={offer} grid={grid} lang={lang} schedules={props.schedules.clone()}
                    focus={props.focus.clone()} on_action={props.on_action.clone()} />
            }
        </section>
    }
}
