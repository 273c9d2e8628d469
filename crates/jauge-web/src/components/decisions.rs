//! The decisions the law asks to be recorded, each with its date and author: regularisation of
//! an irregular offer, explanations asked of an abnormally low offer and the decision, how a tie
//! was broken. An offer rejected by a decision leaves the ranking at once.

use crate::state::{Labels, ReportNews, label};
use jauge_engine::Lang;
use jauge_engine::session::Session;
use std::rc::Rc;

use jauge_engine::OfferId;
use jauge_engine::law::{Law, cite};
use jauge_engine::session::{Decision, DecisionKind, Outcome, RejectionGround};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::fold::Fold;
use crate::services;
use crate::state::{Action, Place};

/// An outcome in words before the decision's kind is known.
fn outcome_label(o: Outcome, lang: jauge_engine::Lang) -> &'static str {
    match o {
        Outcome::Pending => lang.pick("en attente de réponse", "waiting for the answer"),
        Outcome::Accepted => {
            lang.pick("favorable : régularisée, maintenue ou retenue", "favourable: regularised, kept or preferred")
        }
        Outcome::Rejected => {
            lang.pick("défavorable : offre écartée ou non retenue", "unfavourable: offer set aside or not preferred")
        }
    }
}

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct DecisionsProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// How offers are named.
    pub labels: Labels,
    /// What the report module says of the analysis (what calls for a decision); `None` while it
    /// loads.
    pub closing: Option<Rc<ReportNews>>,
    /// The optional groups (PSE) of the grid's schedules, each by its id and its name.
    #[prop_or_default]
    pub optional_groups: Vec<(String, jauge_engine::Text)>,
    /// The grid's lots (none for a grid without lots): a decision may say which one an offer
    /// that names none answers.
    #[prop_or_default]
    pub lots: Vec<crate::state::LotChoice>,
    /// Why the last operation of this section failed (a regularisation file).
    pub notice: Option<crate::failure::Failure>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

/// Fills a field when it appears (today's date, the session's evaluator) and leaves it to the user
/// afterwards. A `value` given in `html!` is put back at every render: what the user typed was lost
/// whenever a decision was refused (the author emptied, the date back to today).
#[hook]
fn use_initial(node: NodeRef, value: String) {
    let filled = use_mut_ref(|| None::<HtmlInputElement>);
    use_effect(move || {
        if let Some(input) = node.cast::<HtmlInputElement>()
            && filled.borrow().as_ref() != Some(&input)
        {
            input.set_value(&value);
            *filled.borrow_mut() = Some(input);
        }
    });
}

/// Today's date, `YYYY-MM-DD`.
fn today() -> String {
    services::now().chars().take(10).collect()
}

#[function_component(DecisionsPanel)]
pub fn decisions_panel(props: &DecisionsProps) -> Html {
    let lang = props.lang;
    let (kind, offer, date, author, detail, outcome) =
        (use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref(), use_node_ref());
    use_initial(date.clone(), today());
    use_initial(author.clone(), props.session.evaluator.clone());
    let ground = use_node_ref();
    let sent = use_node_ref();
    let lot = use_node_ref();
    let error = use_state(|| None::<String>);
    // The kind and outcome chosen, so that the fields only some decisions need are shown for those.
    let chosen = use_state(|| (None::<DecisionKind>, None::<Outcome>));
    let supplier = |offer: &OfferId| {
        props.session.offer(offer).map_or_else(|| label(&props.labels, offer), |o| o.supplier.name.clone())
    };
    // What calls for a decision, as the analysis computes it for the report.
    let todo: &[String] = props.closing.as_ref().map_or(&[], |c| &c.to_decide);
    let loading = props.closing.is_none() && !props.session.offers.is_empty();
    let save = {
        let refs = (kind.clone(), offer.clone(), date.clone(), author.clone(), detail.clone(), outcome.clone());
        let (ground, sent, lot) = (ground.clone(), sent.clone(), lot.clone());
        let grid_text = props.session.grid.clone();
        let session = props.session.clone();
        let (on_action, error) = (props.on_action.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let select = |r: &NodeRef| r.cast::<HtmlSelectElement>().map(|s| s.value()).unwrap_or_default();
            let input = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|s| s.value()).unwrap_or_default();
            // Every choice is explicit: the selects start empty, so that one hasty click cannot set
            // an offer aside.
            let kind = DecisionKind::ALL.into_iter().find(|k| k.code() == select(&refs.0));
            let offer = OfferId(select(&refs.1));
            let text = refs.4.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
            let outcome = Outcome::ALL.into_iter().find(|o| o.code() == select(&refs.5));
            let ground = RejectionGround::ALL.into_iter().find(|g| g.code() == select(&ground));
            let date = input(&refs.2);
            let (Some(kind), Some(outcome)) = (kind, outcome) else {
                error.set(Some(
                    lang.pick(
                        "Décision non enregistrée : choisir l'objet et l'issue de la décision",
                        "Decision not recorded: choose what the decision is about and its outcome",
                    )
                    .to_string(),
                ));
                return;
            };
            if offer.as_str().is_empty() || text.trim().is_empty() || date.is_empty() {
                error.set(Some(
                    lang.pick(
                        "Décision non enregistrée : choisir l'offre, la date et décrire ce qui a été demandé, répondu et décidé",
                        "Decision not recorded: choose the offer, the date and describe what was asked, answered and decided",
                    )
                    .to_string(),
                ));
                return;
            }
            // The signed report names who decided each decision.
            if input(&refs.3).trim().is_empty() {
                error.set(Some(
                    lang.pick(
                        "Décision non enregistrée : indiquer son auteur (qui décide, ou au nom de qui)",
                        "Decision not recorded: give its author (who decides, or on whose behalf)",
                    )
                    .to_string(),
                ));
                return;
            }
            let rejects_low = kind == DecisionKind::Explanations && outcome == Outcome::Rejected;
            if rejects_low && ground.is_none() {
                error.set(Some(format!(
                    "{} ({})",
                    lang.pick(
                        "Décision non enregistrée : le rejet d'une offre anormalement basse doit en donner le motif",
                        "Decision not recorded: rejecting an abnormally low offer requires its ground"
                    ),
                    cite(Law::R2152_4)
                )));
                return;
            }
            // An offer judged in a lot: which one is said.
            let lot = (kind == DecisionKind::Lot && outcome == Outcome::Accepted).then(|| select(&lot));
            if lot.as_ref().is_some_and(|l| l.is_empty()) {
                error.set(Some(
                    lang.pick(
                        "Décision non enregistrée : choisir le lot auquel l'offre répond",
                        "Decision not recorded: choose the lot the offer answers",
                    )
                    .to_string(),
                ));
                return;
            }
            error.set(None);
            if let Some(area) = refs.4.cast::<HtmlTextAreaElement>() {
                area.set_value("");
            }
            let decision = Decision {
                kind,
                offer,
                date,
                author: input(&refs.3).trim().to_string(),
                detail: text.trim().to_string(),
                outcome,
                ground: if rejects_low { ground } else { None },
                lot,
                regularisation: None,
            };
            // An accepted regularisation comes with the file the bidder sent: it is read, then
            // checked by the engine (only what was missing may be filled).
            let file = sent.cast::<HtmlInputElement>().and_then(|i| i.files()).and_then(|f| f.get(0));
            if kind == DecisionKind::Regularisation && outcome == Outcome::Accepted {
                let Some(file) = file else {
                    error.set(Some(
                        lang.pick(
                            "Décision non enregistrée : joindre le fichier de régularisation reçu du soumissionnaire",
                            "Decision not recorded: attach the regularisation file the bidder sent",
                        )
                        .to_string(),
                    ));
                    return;
                };
                let (on_action, grid_text) = (on_action.clone(), grid_text.clone());
                let offer_lot = session.offer(&decision.offer).and_then(|o| o.lot.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let name = file.name();
                    let read = super::offers::read_offers(&name, super::offers::Source::File(file), &grid_text).await;
                    // The file's offer for the lot of the offer regularised (the only one without lots).
                    let lot = offer_lot.clone();
                    let read = read.map(|offers| {
                        let first = offers.first().cloned();
                        offers.into_iter().find(|o| o.lot == lot).or(first)
                    });
                    on_action.emit(match read {
                        Ok(Some(sent)) => Action::Regularise(decision, Box::new(sent)),
                        Ok(None) => Action::NoticeAt(Place::Decisions, Some(crate::failure::Failure::Reader(name))),
                        Err(e) => Action::NoticeAt(Place::Decisions, Some(e)),
                    });
                });
                return;
            }
            on_action.emit(Action::AddDecision(decision));
        })
    };
    let set_outcome = |index: usize| {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(o) = Outcome::ALL.into_iter().find(|o| o.code() == code) {
                on_action.emit(Action::SetOutcome(index, o));
            }
        })
    };
    let remove = |index: usize| {
        let on_action = props.on_action.clone();
        Callback::from(move |_| on_action.emit(Action::RemoveDecision(index)))
    };
    let choose_kind = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set((DecisionKind::ALL.into_iter().find(|k| k.code() == code), chosen.1));
        })
    };
    let choose_outcome = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let code = e.target_unchecked_into::<HtmlSelectElement>().value();
            chosen.set((chosen.0, Outcome::ALL.into_iter().find(|o| o.code() == code)));
        })
    };
    // The kinds this tender can call for: an offer's lot with lots, an offer maintained with rounds.
    let offered = |k: DecisionKind| match k {
        DecisionKind::Lot => !props.lots.is_empty(),
        DecisionKind::Maintained => props.session.last_round() > 1,
        _ => true,
    };
    let regularisation_help = lang.pick(
        "pour une régularisation acceptée : il ne peut compléter que les réponses manquantes ou illisibles",
        "for an accepted regularisation: it may only complete missing or unreadable answers",
    );
    html! {
        <Fold id="titre-decisions" title={ lang.pick("6. Les décisions", "6. Decisions") } open={ !props.session.decisions.is_empty() }>
            if loading {
                <p class="aide" role="status">{ lang.pick("Analyse en cours de chargement (section 7)…", "Analysis loading (section 7)…") }</p>
            }
            if !todo.is_empty() {
                <ul aria-label={ lang.pick("À décider", "To decide") } class="avertissements">{ for todo.iter().map(|x| html! { <li>{ x }</li> }) }</ul>
            }
            if !props.session.decisions.is_empty() {
                <table class="fiches">
                    <caption>{ lang.pick("Décisions enregistrées", "Decisions recorded") }</caption>
                    <thead><tr>
                        <th scope="col">{ "Date" }</th>
                        <th scope="col">{ lang.pick("Objet", "About") }</th>
                        <th scope="col">{ lang.pick("Offre", "Offer") }</th>
                        <th scope="col">{ lang.pick("Auteur", "Author") }</th>
                        <th scope="col">{ lang.pick("Détail et motif", "Detail and reason") }</th>
                        <th scope="col">{ lang.pick("Issue", "Outcome") }</th>
                    </tr></thead>
                    <tbody>
                        { for props.session.decisions.iter().enumerate().map(|(i, d)| html! {
                            <tr>
                                <td data-label="Date">{ jauge_analysis::display_date(&d.date, lang) }</td>
                                <td data-label={ lang.pick("Objet", "About") }>{ match &d.lot {
                                    Some(l) => format!("{} (lot {l})", d.kind.label(lang)),
                                    None => d.kind.label(lang).to_string(),
                                } }</td>
                                <td data-label={ lang.pick("Offre", "Offer") }>{ supplier(&d.offer) }</td>
                                <td data-label={ lang.pick("Auteur", "Author") }>{ &d.author }</td>
                                <td data-label={ lang.pick("Détail et motif", "Detail and reason") }>{ &d.detail }</td>
                                <td data-label={ lang.pick("Issue", "Outcome") }>
                                    <select aria-label={ format!("{} {}", lang.pick("Issue de la décision", "Outcome of the decision"), i + 1) }
                                        onchange={set_outcome(i)}>
                                        { for Outcome::ALL.iter().map(|o| html! {
                                            <option value={o.code()} selected={*o == d.outcome}>{ o.label(d.kind, lang) }</option>
                                        }) }
                                    </select>
                                    <button type="button" onclick={remove(i)}>
                                        { format!("{} {}", lang.pick("Supprimer la décision", "Delete decision"), i + 1) }
                                    </button>
                                </td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <OptionalServicesForm lang={lang} session={props.session.clone()} owed={props.closing.as_ref().and_then(|c| c.optional_owed.clone())} groups={props.optional_groups.clone()} on_action={props.on_action.clone()} />
            <form class="decision" onsubmit={save} aria-labelledby="titre-nouvelle-decision">
                <h3 id="titre-nouvelle-decision">{ lang.pick("Enregistrer une décision", "Record a decision") }</h3>
                <div class="grille-champs">
                    <p class="champ"><label for="d-objet">{ lang.pick("Objet", "About") }</label>
                        <select id="d-objet" ref={kind} onchange={choose_kind}>
                            <option value="" selected=true>{ lang.pick("— choisir —", "— choose —") }</option>
                            { for DecisionKind::ALL.iter().filter(|k| offered(**k)).map(|k| html! { <option value={k.code()}>{ k.label(lang) }</option> }) }
                        </select></p>
                    <p class="champ"><label for="d-offre">{ lang.pick("Offre", "Offer") }</label>
                        <select id="d-offre" ref={offer}>
                            <option value="" selected=true>{ lang.pick("— choisir —", "— choose —") }</option>
                            { for props.session.offers.iter().map(|o| html! {
                                <option value={o.id.to_string()}>{ format!("{} ({})", o.supplier.name, label(&props.labels, &o.id)) }</option>
                            }) }
                        </select></p>
                    <label class="champ" for="d-date">{ "Date" }<input id="d-date" ref={date} type="date" /></label>
                    <label class="champ" for="d-auteur">{ lang.pick("Auteur", "Author") }
                        <input id="d-auteur" ref={author} type="text" /></label>
                    <p class="champ"><label for="d-issue">{ lang.pick("Issue", "Outcome") }</label>
                        <select id="d-issue" ref={outcome} onchange={choose_outcome}>
                            <option value="" selected=true>{ lang.pick("— choisir —", "— choose —") }</option>
                            { for Outcome::ALL.iter().map(|o| html! { <option value={o.code()}>{ outcome_label(*o, lang) }</option> }) }
                        </select></p>
                    if *chosen == (Some(DecisionKind::Regularisation), Some(Outcome::Accepted)) {
                        <p class="champ"><label for="d-fichier">{ lang.pick("Fichier de régularisation reçu", "Regularisation file received") }</label>
                            <input id="d-fichier" ref={sent} type="file" aria-describedby="d-fichier-aide" />
                            <small id="d-fichier-aide">{ format!("{} ({})", regularisation_help, cite(Law::R2152_2)) }</small></p>
                    }
                    if *chosen == (Some(DecisionKind::Lot), Some(Outcome::Accepted)) {
                        <p class="champ"><label for="d-lot">{ lang.pick("Lot auquel l'offre répond", "Lot the offer answers") }</label>
                            <select id="d-lot" ref={lot}>
                                <option value="" selected=true>{ lang.pick("— choisir —", "— choose —") }</option>
                                { for props.lots.iter().map(|l| html! {
                                    <option value={l.id.clone()}>{ format!("{} {} — {}", lang.pick("Lot", "Lot"), l.id, l.title.get(lang)) }</option>
                                }) }
                            </select></p>
                    }
                    if *chosen == (Some(DecisionKind::Explanations), Some(Outcome::Rejected)) {
                        <p class="champ"><label for="d-motif">{ format!("{} ({})",
                            lang.pick("Motif du rejet d'une offre anormalement basse", "Ground for rejecting an abnormally low offer"),
                            cite(Law::R2152_4)) }</label>
                            <select id="d-motif" ref={ground}>
                                <option value="" selected=true>{ lang.pick("— choisir —", "— choose —") }</option>
                                { for RejectionGround::ALL.iter().map(|g| html! { <option value={g.code()}>{ g.label(lang) }</option> }) }
                            </select></p>
                    }
                </div>
                <label class="champ" for="d-detail">
                    { lang.pick("Ce qui a été demandé, répondu et décidé, avec le motif", "What was asked, answered and decided, with the reason") }
                    <textarea id="d-detail" ref={detail} rows="3" aria-describedby={ error.is_some().then_some("d-erreur") } /></label>
                if let Some(message) = &*error {
                    <p id="d-erreur" role="alert" class="erreur">{ message }</p>
                } else if let Some(failure) = &props.notice {
                    <p id="d-erreur" role="alert" class="erreur">{ failure.describe(lang) }</p>
                }
                <button type="submit">{ lang.pick("Enregistrer la décision", "Record the decision") }</button>
            </form>
        </Fold>
    }
}

/// What the decision on optional services needs.
#[derive(Properties, PartialEq)]
struct OptionalProps {
    lang: Lang,
    session: Rc<Session>,
    owed: Option<Vec<(String, jauge_engine::Text)>>,
    groups: Vec<(String, jauge_engine::Text)>,
    on_action: Callback<Action>,
}

/// The decision on optional services (PSE): while it is owed, which of the schedules' optional
/// groups are kept, with its date, author and reason; once recorded, what it kept, and a way to
/// withdraw it. The ranking follows at once.
#[function_component(OptionalServicesForm)]
fn optional_services_form(props: &OptionalProps) -> Html {
    let lang = props.lang;
    let kept = use_state(Vec::<String>::new);
    let (date, author, detail) = (use_node_ref(), use_node_ref(), use_node_ref());
    use_initial(date.clone(), today());
    use_initial(author.clone(), props.session.evaluator.clone());
    let error = use_state(|| None::<&'static str>);
    let owed = props.owed.clone();
    if let Some(d) = &props.session.optional_services {
        let withdraw = {
            let on_action = props.on_action.clone();
            Callback::from(move |_| on_action.emit(Action::SetOptionalServices(None)))
        };
        // Each group by its name in the grid (its id when the grid no longer has it).
        let name = |id: &String| {
            props.groups.iter().find(|(g, _)| g == id).map_or_else(|| id.clone(), |(_, t)| t.get(lang).to_string())
        };
        let names: Vec<String> = d.kept.iter().map(name).collect();
        let kept = if names.is_empty() {
            lang.pick("aucune", "none").to_string()
        } else {
            jauge_engine::text::quoted(&names, lang)
        };
        return html! {
            <section aria-labelledby="titre-pse" class="decision">
                <h3 id="titre-pse">{ lang.pick("Prestations supplémentaires éventuelles (PSE)", "Optional services") }</h3>
                <p role="status">{ format!("{} {}{}{}{}", lang.pick("Décision du", "Decision of"),
                    jauge_analysis::display_date(&d.date, lang),
                    if d.author.trim().is_empty() { String::new() } else { format!(" ({})", d.author.trim()) },
                    jauge_engine::text::colon(lang),
                    lang.pick(format!("retenues : {kept}"), format!("kept: {kept}"))) }</p>
                if !d.detail.trim().is_empty() {
                    <p>{ format!("{}{}{}", lang.pick("Motif", "Reason"), jauge_engine::text::colon(lang), d.detail.trim()) }</p>
                }
                <button type="button" onclick={withdraw}>{ lang.pick("Retirer la décision sur les PSE", "Withdraw the decision on optional services") }</button>
            </section>
        };
    }
    let Some(groups) = owed else { return html! {} };
    let toggle = |id: String| {
        let kept = kept.clone();
        Callback::from(move |e: Event| {
            let on = e.target_unchecked_into::<HtmlInputElement>().checked();
            let mut k: Vec<String> = kept.iter().filter(|x| **x != id).cloned().collect();
            if on {
                k.push(id.clone());
            }
            kept.set(k);
        })
    };
    let save = {
        let (kept, refs, error, on_action) =
            (kept.clone(), (date.clone(), author.clone(), detail.clone()), error.clone(), props.on_action.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let input = |r: &NodeRef| r.cast::<HtmlInputElement>().map(|s| s.value()).unwrap_or_default();
            let date = input(&refs.0);
            if date.is_empty() || input(&refs.1).trim().is_empty() {
                error.set(Some(lang.pick(
                    "Décision non enregistrée : indiquer sa date et son auteur",
                    "Decision not recorded: give its date and its author",
                )));
                return;
            }
            error.set(None);
            let detail = refs.2.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
            on_action.emit(Action::SetOptionalServices(Some(jauge_engine::session::OptionalServices {
                kept: (*kept).clone(),
                date,
                author: input(&refs.1).trim().to_string(),
                detail: detail.trim().to_string(),
            })));
        })
    };
    html! {
        <form class="decision" onsubmit={save} aria-labelledby="titre-pse">
            <h3 id="titre-pse">{ lang.pick("Prestations supplémentaires éventuelles (PSE)", "Optional services") }</h3>
            <fieldset>
                <legend>{ lang.pick(
                    "Prestations retenues : le prix comparé de chaque offre comprend exactement celles-ci",
                    "Services kept: every offer's compared price includes exactly these") }</legend>
                { for groups.iter().map(|(id, label)| html! {
                    <label class="case"><input type="checkbox" name="pse" value={id.clone()}
                        checked={kept.contains(id)} onchange={toggle(id.clone())} />{ format!(" {}", label.get(lang)) }</label>
                }) }
            </fieldset>
            <div class="grille-champs">
                <label class="champ" for="pse-date">{ "Date" }<input id="pse-date" ref={date} type="date" /></label>
                <label class="champ" for="pse-auteur">{ lang.pick("Auteur", "Author") }
                    <input id="pse-auteur" ref={author} type="text" /></label>
            </div>
            <label class="champ" for="pse-motif">{ lang.pick("Motif (budget, besoin confirmé…)", "Reason (budget, need confirmed…)") }
                <textarea id="pse-motif" ref={detail} rows="2" /></label>
            if let Some(message) = *error {
                <p role="alert" class="erreur">{ message }</p>
            }
            <button type="submit">{ lang.pick("Enregistrer la décision sur les PSE", "Record the decision on optional services") }</button>
        </form>
    }
}
