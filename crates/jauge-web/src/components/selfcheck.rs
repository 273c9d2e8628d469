//! The supplier's self-check: one's own filled form against the grid, before bidding, in words
//! addressed to the supplier. What is eliminatory and not met, the points the grid gives and those
//! still to gain, the criteria the buyer appraises (counted neither way), the evidence missing, and
//! the price: assumed the lowest, since the other offers are unknown, with a simulation of others.

use std::rc::Rc;

use jauge_engine::grid::{Criterion, PriceMethod, Rule};
use jauge_engine::price::AgainstLowest;
use jauge_engine::report::{CriterionResult, OfferResult};
use jauge_engine::session::Session;
use jauge_engine::text::{colon, count, number, points};
use jauge_engine::{CheckedGrid, Lang, Offer, OfferId, Report};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::state::{Action, Labels, label};

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct SelfCheckProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// The grid, when valid.
    pub grid: Option<Rc<CheckedGrid>>,
    /// The offer checked, when chosen.
    pub selected: Option<OfferId>,
    /// The offer evaluated alone.
    pub checked: Option<Rc<Report>>,
    /// The lowest price typed.
    pub lowest: Option<f64>,
    /// The price mark against lowest prices.
    pub price_check: Option<AgainstLowest>,
    /// How offers are named.
    pub labels: Labels,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(SelfCheck)]
pub fn self_check(props: &SelfCheckProps) -> Html {
    let lang = props.lang;
    let Some(grid) = props.grid.clone() else { return html! {} };
    let title = html! {
        <h2 id="titre-autocontrole">{ lang.pick("3. Autocontrôle de votre offre", "3. Self-check of your offer") }</h2>
    };
    let offer: Option<&Offer> =
        props.selected.as_ref().and_then(|s| props.session.offer(s)).or_else(|| props.session.offers.last());
    let Some(offer) = offer else {
        let invitation = lang.pick(
            "Ajoutez votre cadre de réponse rempli : vous verrez les exigences éliminatoires à satisfaire, les points que vous pouvez encore gagner et pourquoi.",
            "Add your filled response form: you will see the eliminatory requirements to meet, the points you can still gain and why.",
        );
        return html! {
            <section aria-labelledby="titre-autocontrole">
                { title }
                <p>{ invitation }</p>
            </section>
        };
    };
    // Alone: the price is compared with the simulated lowest price below, not with other offers.
    let Some(report) = props.checked.clone() else { return html! {} };
    let Some(result) = report.offers.first() else { return html! {} };
    let outline = Outline::of(&grid, result, props.price_check.as_ref());
    let on_choose = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_action.emit(Action::Select(Some(OfferId(select.value()))));
        })
    };
    let missing: Vec<_> = grid
        .grid()
        .criteria()
        .filter_map(|(_, c)| {
            let evidence = c.evidence.as_ref()?;
            let given =
                offer.responses.get(&c.id).and_then(|r| r.comment.as_ref()).is_some_and(|s| !s.trim().is_empty());
            let what = evidence.label.get(lang);
            // The criterion's label is left out when the evidence bears the same name.
            let of = if what == c.label.get(lang) { c.id.clone() } else { name(c, lang) };
            (!given).then(|| format!("{what} ({of})"))
        })
        .collect();

    html! {
        <section aria-labelledby="titre-autocontrole">
            { title }
            if props.session.offers.len() > 1 {
                <p>
                    <label for="offre-controlee">{ lang.pick("Offre contrôlée", "Offer checked") }</label>
                    <select id="offre-controlee" onchange={on_choose}>
                        { for props.session.offers.iter().map(|o| html! {
                            <option value={o.id.to_string()} selected={o.id == offer.id}>{ format!("{} — {}", o.supplier.name, label(&props.labels, &o.id)) }</option>
                        }) }
                    </select>
                </p>
            }
            { summary(&outline, lang) }
            { failures(&outline, lang) }
            { to_gain(&outline, lang) }
            { appraised(&outline, lang) }
            <h3 id="titre-justificatifs">{ lang.pick("Justificatifs demandés et absents", "Evidence asked for and missing") }</h3>
            if missing.is_empty() {
                <p>{ lang.pick("Vous citez chaque justificatif demandé.", "You cite every piece of evidence asked for.") }</p>
            } else {
                <p>{ lang.pick(
                    "Citez-les dans la colonne « Justificatif / commentaire » de votre cadre de réponse et joignez-les à votre offre.",
                    "Cite them in the \"Justificatif / commentaire\" (evidence / comment) column of your response form and attach them to your offer.") }</p>
                <ul aria-labelledby="titre-justificatifs">{ for missing.iter().map(|line| html! { <li>{ line }</li> }) }</ul>
            }
            { price(props.price_check.as_ref(), props.lowest, lang, &props.on_action) }
        </section>
    }
}

/// The self-check of one offer evaluated alone, sorted out for a supplier: computed once from the
/// report, worded by the functions below.
struct Outline<'a> {
    /// Eliminatory requirements not met, and the price when it was not read.
    failed: Vec<Line<'a>>,
    /// Criteria the grid marks where points are still to gain, most to gain first.
    to_gain: Vec<Line<'a>>,
    /// How many criteria the grid marks have every point.
    full: usize,
    /// Criteria the buyer appraises: manual ones, and answers matching none of the grid's options.
    appraised: Vec<Line<'a>>,
    /// The points the grid gives, the price assumed the lowest.
    obtained: f64,
    /// The points the grid computes: every criterion's but those the buyer appraises.
    computable: f64,
    /// The price criterion's weight, and whether the price was read.
    price: Option<(f64, bool)>,
}

/// A criterion's result with its definition in the grid.
struct Line<'a> {
    result: &'a CriterionResult,
    criterion: &'a Criterion,
}

impl<'a> Outline<'a> {
    fn of(grid: &'a CheckedGrid, result: &'a OfferResult, check: Option<&AgainstLowest>) -> Outline<'a> {
        let mut outline = Outline {
            failed: Vec::new(),
            to_gain: Vec::new(),
            full: 0,
            appraised: Vec::new(),
            obtained: 0.0,
            computable: 0.0,
            price: None,
        };
        for c in &result.criteria {
            let Some(criterion) = grid.grid().criterion(&c.id) else { continue };
            let line = || Line { result: c, criterion };
            let price_unread = matches!(criterion.rule, Rule::Price { .. }) && check.is_some_and(|p| p.own.is_none());
            if c.eliminatory.as_ref().is_some_and(|e| !e.passed) || price_unread {
                outline.failed.push(line());
            }
            match criterion.rule {
                // Alone, the price is the lowest: all its points, unless it was not read.
                Rule::Price { .. } => {
                    let read = !price_unread;
                    outline.price = Some((c.max, read));
                    outline.computable += c.max;
                    if read {
                        outline.obtained += c.max;
                    }
                }
                Rule::Manual { .. } => outline.appraised.push(line()),
                _ if c.unmatched.is_some() && c.mark.is_none() => outline.appraised.push(line()),
                _ => {
                    outline.computable += c.max;
                    outline.obtained += c.points;
                    if gain(c) > 0.005 {
                        outline.to_gain.push(line());
                    } else {
                        outline.full += 1;
                    }
                }
            }
        }
        // Stable: among equal gains, the grid's order.
        outline.to_gain.sort_by(|a, b| gain(b.result).total_cmp(&gain(a.result)));
        outline
    }
}

/// A criterion's points to gain out of its maximum, and those it has: "2,1 points à gagner sur 3
/// (0,9 point obtenu)", never a figure that could be read as full marks.
fn worth(c: &CriterionResult, lang: Lang) -> String {
    let (to_gain, max) = (points(gain(c), lang), number(c.max, 2, lang));
    let mut text = lang.pick(format!("{to_gain} à gagner sur {max}"), format!("{to_gain} to gain out of {max}"));
    if c.points > 0.005 {
        let got = points(c.points, lang);
        let many = c.points >= 2.0;
        text +=
            &lang.pick(format!(" ({got} {})", if many { "obtenus" } else { "obtenu" }), format!(" ({got} obtained)"));
    }
    text
}

/// The points a criterion can still gain.
fn gain(c: &CriterionResult) -> f64 {
    c.max - c.points
}

/// A criterion named for people: its id and its label.
fn name(c: &Criterion, lang: Lang) -> String {
    format!("{} — {}", c.id, c.label.get(lang))
}

/// A number of criteria, the noun agreed.
fn criteria(n: usize, lang: Lang) -> String {
    count(n, ("critère", "critères"), ("criterion", "criteria"), lang)
}

/// A sentence's first letter in capital.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The answer as written, quoted, or that there is none.
fn answered(c: &CriterionResult, lang: Lang) -> String {
    match c.raw.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        Some(raw) => lang.pick(format!("votre réponse « {raw} »"), format!("your answer \"{raw}\"")),
        None => lang.pick("vous n'avez pas répondu", "you gave no answer").to_string(),
    }
}

/// What the answers are worth, with the price assumption said once, here.
fn summary(o: &Outline, lang: Lang) -> Html {
    let (got, of) = (number(o.obtained, 2, lang), number(o.computable, 2, lang));
    let worth = lang.pick(
        format!("Vos réponses actuelles valent {got} sur les {of} points calculés par la grille"),
        format!("Your current answers are worth {got} of the {of} points the grid computes"),
    );
    let price = match o.price {
        Some((max, true)) => lang.pick(
            format!(
                ", en supposant votre prix le plus bas des offres, soit {} sur {} pour le prix : vous ne connaissez pas les prix des autres offres, essayez-en dans la simulation plus bas.",
                points(max, lang),
                number(max, 2, lang)
            ),
            format!(
                ", assuming your price is the lowest of the offers, hence {} of {} for the price: you do not know the other offers' prices, try some in the simulation below.",
                points(max, lang),
                number(max, 2, lang)
            ),
        ),
        Some((_, false)) => lang
            .pick(
                ", sans le prix, qui n'a pas pu être lu (voir plus bas).",
                ", without the price, which could not be read (see below).",
            )
            .to_string(),
        None => ".".to_string(),
    };
    let appraised_max: f64 = o.appraised.iter().map(|l| l.result.max).sum();
    let appraised = (!o.appraised.is_empty()).then(|| {
        let n = o.appraised.len();
        let one = n == 1;
        let counted = lang.pick(
            if one {
                "il n'est compté ni comme obtenu ni comme à gagner"
            } else {
                "ils ne sont comptés ni comme obtenus ni comme à gagner"
            },
            if one {
                "it is counted neither as obtained nor as to gain"
            } else {
                "they are counted neither as obtained nor as to gain"
            },
        );
        let (what, most) = (criteria(n, lang), points(appraised_max, lang));
        lang.pick(
            format!("L'acheteur appréciera en outre {what}, jusqu'à {most} : {counted}."),
            format!("The buyer will also appraise {what}, up to {most}: {counted}."),
        )
    });
    let to_fix = (!o.failed.is_empty()).then(|| {
        let n = o.failed.len();
        count(
            n,
            ("exigence éliminatoire non satisfaite", "exigences éliminatoires non satisfaites"),
            ("eliminatory requirement not met", "eliminatory requirements not met"),
            lang,
        )
    });
    html! {
        <div class="bilan">
            if let Some(n) = to_fix {
                <p><strong>{ format!("{}{}{n}", lang.pick("À corriger avant de déposer votre offre", "To fix before you submit your offer"), colon(lang)) }</strong></p>
            }
            <p>{ worth }{ price }</p>
            if let Some(text) = appraised { <p>{ text }</p> }
        </div>
    }
}

/// The eliminatory requirements not met: the answer given, what the grid requires.
fn failures(o: &Outline, lang: Lang) -> Html {
    if o.failed.is_empty() {
        return html! {
            <>
                <h3>{ lang.pick("Exigences éliminatoires", "Eliminatory requirements") }</h3>
                <p>{ lang.pick("Votre offre satisfait toutes les exigences éliminatoires de la grille.", "Your offer meets every eliminatory requirement of the grid.") }</p>
            </>
        };
    }
    html! {
        <>
            <h3 id="titre-eliminatoires">{ lang.pick("Exigences éliminatoires non satisfaites", "Eliminatory requirements not met") }</h3>
            <p>{ lang.pick(
                "La grille fait de ces exigences des conditions minimales : changez ces réponses pour les satisfaire.",
                "The grid makes these requirements minimum conditions: change these answers to meet them.") }</p>
            <ul class="erreurs" aria-labelledby="titre-eliminatoires">
                { for o.failed.iter().map(|l| {
                    let required = l.result.eliminatory.as_ref().map(|e| e.requirement.get(lang).to_string());
                    html! {
                        <li>
                            <strong>{ name(l.criterion, lang) }</strong>
                            { colon(lang) }{ answered(l.result, lang) }
                            if let Some(place) = &l.result.location { <small>{ format!(" ({place})") }</small> }
                            if let Some(required) = required {
                                { format!("{}{}{}{required}.", lang.pick(" ; ", "; "), lang.pick("exigence", "requirement"), colon(lang)) }
                            } else {
                                { format!("{}{}", lang.pick(" ; ", "; "), l.result.explanation.get(lang)) }
                            }
                            if let Some(problem) = &l.result.problem { <br />{ problem.get(lang) } }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}

/// The criteria the grid marks where points are still to gain, most first.
fn to_gain(o: &Outline, lang: Lang) -> Html {
    let total: f64 = o.to_gain.iter().map(|l| gain(l.result)).sum();
    let one = o.full == 1;
    let full = if o.full == 0 {
        String::new()
    } else {
        let has = lang.pick(
            if one { "a déjà tous ses points." } else { "ont déjà tous leurs points." },
            if one { "already has every point." } else { "already have every point." },
        );
        format!(" {} {has}", criteria(o.full, lang))
    };
    let (gained, over) = (points(total, lang), criteria(o.to_gain.len(), lang));
    let can_gain = lang.pick(
        format!("Vous pouvez encore gagner {gained} sur {over} que la grille calcule."),
        format!("You can still gain {gained} on {over} the grid computes."),
    );
    html! {
        <>
            <h3 id="titre-a-gagner">{ lang.pick("Points à gagner, du plus grand gain au plus petit", "Points to gain, largest gain first") }</h3>
            if o.to_gain.is_empty() {
                <p>{ lang.pick("Vos réponses ont tous les points de chaque critère que la grille calcule.", "Your answers have every point of each criterion the grid computes.") }</p>
            } else {
                <p>
                    { can_gain }
                    { full }
                </p>
                <ul aria-labelledby="titre-a-gagner">
                    { for o.to_gain.iter().map(|l| { let c = l.result; html! {
                        <li>
                            <strong>{ name(l.criterion, lang) }</strong>
                            { format!("{}{}.", colon(lang), worth(c, lang)) }
                            <br />{ c.explanation.get(lang) }
                            if let Some(place) = &c.location { <small>{ format!(" ({place})") }</small> }
                            if let Some(problem) = &c.problem { <br />{ problem.get(lang) } }
                            <br /><small>{ format!("{}{}{}", lang.pick("Barème", "Scale"), colon(lang), c.rule.get(lang)) }</small>
                        </li>
                    } }) }
                </ul>
            }
        </>
    }
}

/// The criteria the buyer appraises on reading the offer: their maximum and what to give.
fn appraised(o: &Outline, lang: Lang) -> Html {
    if o.appraised.is_empty() {
        return html! {};
    }
    html! {
        <>
            <h3 id="titre-appreciation">{ lang.pick("Critères appréciés par l'acheteur", "Criteria the buyer appraises") }</h3>
            <p>{ lang.pick(
                "L'acheteur les note en lisant votre offre ; l'autocontrôle ne peut pas les noter. Répondez précisément et citez ce qui prouve votre réponse.",
                "The buyer marks them on reading your offer; the self-check cannot mark them. Answer precisely and cite what proves your answer.") }</p>
            <ul aria-labelledby="titre-appreciation">
                { for o.appraised.iter().map(|l| {
                    let (c, k) = (l.result, l.criterion);
                    let up_to = lang.pick(format!(", jusqu'à {}", points(c.max, lang)), format!(", up to {}", points(c.max, lang)));
                    let guidance = match &k.rule {
                        Rule::Manual { guidance: Some(g), out_of } => {
                            let scale = out_of.map(|n| lang.pick(format!(" (note sur {})", number(n, 2, lang)), format!(" (mark out of {})", number(n, 2, lang)))).unwrap_or_default();
                            Some(format!("{}{scale}{}{}", lang.pick("Ce que l'acheteur apprécie", "What the buyer values"), colon(lang), g.get(lang)))
                        }
                        _ => None,
                    };
                    let unmatched = c.unmatched.as_ref().map(|_| lang.pick(
                        "Elle ne correspond à aucune des réponses proposées : reprenez l'une d'elles pour que la grille la note.",
                        "It matches none of the answers offered: use one of them for the grid to mark it."));
                    html! {
                        <li>
                            <strong>{ name(k, lang) }</strong>{ up_to }{ ". " }
                            { capitalised(&answered(c, lang)) }{ "." }
                            if let Some(text) = unmatched { { format!(" {text}") } }
                            if let Some(text) = guidance { <br />{ text } }
                            if let Some(e) = &k.evidence {
                                <br />{ format!("{}{}{}", lang.pick("Justificatif demandé", "Evidence asked for"), colon(lang), e.label.get(lang)) }
                            }
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}

/// The price mark explained, with a simulation against a hypothetical lowest competing price
/// (computed by the reducer, [`State::price_check`](crate::state::State::price_check)).
fn price(check: Option<&AgainstLowest>, typed: Option<f64>, lang: Lang, on_action: &Callback<Action>) -> Html {
    let Some(check) = check else { return html! {} };
    let title = html! { <h3>{ lang.pick("Prix : une note relative aux autres offres", "Price: a mark relative to the other offers") }</h3> };
    let Some(own) = check.own else {
        return html! {
            <>
                { title }
                <p>{ lang.pick(
                    "Votre prix n'a pas pu être lu : indiquez-le dans la cellule prévue du cadre de réponse, comme le demande la question.",
                    "Your price could not be read: give it in the cell the response form provides, as the question asks.") }</p>
            </>
        };
    };
    let max = check.max;
    let formula = match check.method {
        PriceMethod::Proportional => {
            lang.pick("proportionnelle : N = Nmax × Pmin / P", "proportional: N = Nmax × Pmin / P")
        }
        PriceMethod::Linear => lang
            .pick("linéaire : N = Nmax × (Pmax − P) / (Pmax − Pmin)", "linear: N = Nmax × (Pmax − P) / (Pmax − Pmin)"),
        PriceMethod::Scale => lang.pick(
            "barème : N = Nmax × (n·Pmin − P) / ((n − 1)·Pmin)",
            "scale: N = Nmax × (n·Pmin − P) / ((n − 1)·Pmin)",
        ),
    };
    let on_input = {
        let on_action = on_action.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_action.emit(Action::SetLowest(input.value()));
        })
    };
    // Every price here is on the grid's basis, said with each (« 98 400 € TTC »).
    let euros = |x: f64| format!("{}\u{a0}€ {}", number(x, 2, lang), check.basis.code());
    let out_of = |p: f64| {
        lang.pick(
            format!("{} sur {}", points(p, lang), number(max, 2, lang)),
            format!("{} of {}", points(p, lang), number(max, 2, lang)),
        )
    };
    // The four supposed prices, then the one typed.
    let (rows, typed_row) = check.rows.split_at(check.rows.len().min(4));
    let relative = lang.pick(
        "Seul le prix le plus bas des offres obtient tous les points, et vous ne connaissez pas les prix des autres : le bilan plus haut suppose que le vôtre est le plus bas. Voici votre note de prix si une offre concurrente était moins chère.",
        "Only the lowest price of the offers gets full points, and you do not know the others' prices: the summary above assumes yours is the lowest. Here is your price mark if a competing offer were cheaper.",
    );
    let highest_counts = lang.pick(
        " Avec cette méthode, le prix le plus haut compte aussi : la simulation suppose que le vôtre est le plus haut s'il dépasse le plus bas.",
        " With this method the highest price counts too: the simulation assumes yours is the highest when it exceeds the lowest.",
    );
    let points_heading = lang.pick("Vos points de prix", "Your price points");
    // A competitor's price and how much lower than yours it is, in words rather than a signed figure.
    let cheaper = |other: f64| {
        let share = (1.0 - other / own) * 100.0;
        let lower = number(share, 0, lang);
        if share.abs() < 0.5 {
            lang.pick(format!("{} (votre prix)", euros(other)), format!("{} (your price)", euros(other)))
        } else {
            lang.pick(
                format!("{} ({lower}\u{a0}% de moins)", euros(other)),
                format!("{} ({lower}% lower)", euros(other)),
            )
        }
    };
    html! {
        <>
            { title }
            <p>
                { format!("{}{}{} ; {} {}. ",
                    lang.pick("Votre prix", "Your price"), colon(lang), euros(own), lang.pick("méthode", "method"), formula) }
                { relative }
                if check.method == PriceMethod::Linear {
                    { highest_counts }
                }
            </p>
            <label for="prix-simule">{ format!("{} (€ {})", lang.pick("Simuler : prix le plus bas d'un concurrent", "Simulate: a competitor's lowest price"), check.basis.code()) }</label>
            <input id="prix-simule" type="text" inputmode="decimal" oninput={on_input} />
            if let (Some((other, points)), Some(_)) = (typed_row.first(), typed) {
                <p role="status">{ format!("{} {}{}{}.",
                    lang.pick("Si le prix le plus bas d'un concurrent était", "If a competitor's lowest price were"), euros(*other),
                    lang.pick(", votre prix obtiendrait ", ", your price would get "), out_of(*points)) }</p>
            }
            <table class="fiches">
                <caption>
                    { lang.pick("Votre note de prix selon le prix le plus bas des concurrents", "Your price mark against the competitors' lowest price") }
                </caption>
                <thead><tr>
                    <th scope="col">{ lang.pick("Prix le plus bas d'un concurrent", "Competitor's lowest price") }</th>
                    <th scope="col">{ points_heading }</th>
                </tr></thead>
                <tbody>
                    { for rows.iter().map(|(other, points)| html! {
                        <tr>
                            <th scope="row">{ cheaper(*other) }</th>
                            <td data-label={ points_heading }>{ out_of(*points) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}
