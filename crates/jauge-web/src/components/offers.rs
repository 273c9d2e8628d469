//! Adding offers: several files at once, by file picker or drag and drop, or the sample tender.
//! One bad file shows its message and never blocks the others.

use crate::state::{Labels, Progress, label};
use jauge_engine::Lang;
use jauge_engine::session::{Round, RoundKind, Session};
use std::rc::Rc;

use jauge_engine::Offer;
use jauge_engine::text::count;
use web_sys::{DragEvent, FileList, HtmlInputElement};
use yew::prelude::*;

use super::fold::More;
use crate::failure::Failure;
use crate::reader;
use crate::services;
use crate::state::{Action, FileError, GRIDS};

/// The sample tender, served beside the app (`exemple/`, or inline in `jauge.html`) and fetched
/// only when asked for: the six offers as filled spreadsheets, and the evaluators' marks.
const SAMPLE: [&str; 6] = [
    "offre-armor-numerique.xlsx",
    "offre-cite-connect.ods",
    "offre-eco-portail-express.xlsx",
    "offre-ker-developpement.ods",
    "offre-nuage-global.csv",
    "offre-portail-plus.csv",
];
const SAMPLE_MARKS: &str = "notes-evaluateurs.json";

/// Reads one file (chosen by the user, or of the sample) into its offers (one per lot bid for), in
/// the reader module.
pub async fn read_offers(name: &str, source: Source, grid_text: &str) -> Result<Vec<Offer>, Failure> {
    reader::offers(send(name, &source, grid_text).await?).await
}

/// A file's bytes (chosen by the user, or of the sample) sent to the reader module, which reads it
/// while the page goes on.
async fn send(name: &str, source: &Source, grid_text: &str) -> Result<reader::Sent, Failure> {
    let bytes = match source {
        Source::File(file) => services::read(file.clone(), jauge_engine::limits::OFFER_BYTES).await.map(|(_, b)| b)?,
        Source::Sample => reader::sample(name).await?,
    };
    Ok(reader::send_offers(grid_text, name, &bytes))
}

/// Reads files in order in the reader module, reporting progress; each file gives an offer or its
/// own error. The next file is sent while one is read, so that the worker never waits for the
/// page between two files; a file sent while another stops the reader (`Failure::Interrupted`) is
/// read again, alone, so a file that stops the reader never takes others down.
/// The offers of a later round of the procedure are given its number (`round`).
pub fn read_files(files: Vec<(String, Source)>, grid_text: String, round: Option<u32>, on_action: Callback<Action>) {
    on_action.emit(Action::Reading(files.len()));
    wasm_bindgen_futures::spawn_local(async move {
        let marks = match files.iter().any(|(_, s)| matches!(s, Source::Sample)) {
            true => reader::sample(SAMPLE_MARKS)
                .await
                .ok()
                .and_then(|b| jauge_engine::offer::MarksFile::from_json(&String::from_utf8_lossy(&b)).ok()),
            false => None,
        };
        // At most as many files stop the reader as there are files.
        let tries = files.len();
        let mut files = files.into_iter();
        let mut next = None;
        if let Some((name, source)) = files.next() {
            next = Some((send(&name, &source, &grid_text).await, name, source));
        }
        while let Some((sent, name, source)) = next.take() {
            on_action.emit(Action::ReadingFile(name.clone()));
            if let Some((name, source)) = files.next() {
                next = Some((send(&name, &source, &grid_text).await, name, source));
            }
            let mut read = match sent {
                Ok(sent) => reader::offers(sent).await,
                Err(failure) => Err(failure),
            };
            for _ in 0..tries {
                if !matches!(read, Err(Failure::Interrupted)) {
                    break;
                }
                read = read_offers(&name, source.clone(), &grid_text).await;
            }
            match read {
                Ok(mut offers) => {
                    if let Some(m) = &marks {
                        m.apply(&mut offers);
                    }
                    for mut offer in offers {
                        offer.round = round;
                        on_action.emit(Action::OfferRead(offer));
                    }
                }
                Err(failure) => on_action.emit(Action::FileFailed(FileError { file: name, failure })),
            }
        }
    });
}

/// Where a file's bytes come from.
#[derive(Clone)]
pub enum Source {
    /// A file the user chose or dropped.
    File(web_sys::File),
    /// A file of the sample tender.
    Sample,
}

fn chosen(files: FileList) -> Vec<(String, Source)> {
    (0..files.length()).filter_map(|i| files.get(i)).map(|f| (f.name(), Source::File(f))).collect()
}

/// Loads the sample tender: the default grid, the six filled forms and the evaluators' marks.
pub fn load_sample(on_action: &Callback<Action>) {
    let grid_text = GRIDS[0].1;
    on_action.emit(Action::ChooseGrid(grid_text.to_string()));
    let files = SAMPLE.iter().map(|name| (name.to_string(), Source::Sample)).collect();
    read_files(files, grid_text.to_string(), None, on_action.clone());
}

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct OffersProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// How offers are named.
    pub labels: Labels,
    /// Files being read.
    pub progress: Progress,
    /// Files that could not be read.
    pub errors: Vec<FileError>,
    /// The procedure's rounds, for a procedure in several rounds.
    pub rounds: Vec<Round>,
    /// The number the next round's offers are given.
    pub next_round: u32,
    /// The buyer's page (rounds are added there), not the supplier's self-check.
    pub buyer: bool,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(OffersPanel)]
pub fn offers_panel(props: &OffersProps) -> Html {
    let lang = props.lang;
    let dragging = use_state(|| false);
    let on_input = {
        let (session, on_action) = (props.session.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files() {
                read_files(chosen(files), session.grid.clone(), None, on_action.clone());
            }
            input.set_value("");
        })
    };
    let on_drop = {
        let (session, on_action, dragging) = (props.session.clone(), props.on_action.clone(), dragging.clone());
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                read_files(chosen(files), session.grid.clone(), None, on_action.clone());
            }
        })
    };
    let on_over = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let on_leave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let on_sample = {
        let on_action = props.on_action.clone();
        Callback::from(move |_| load_sample(&on_action))
    };
    let remove = |offer: &jauge_engine::OfferId| {
        let (on_action, offer) = (props.on_action.clone(), offer.clone());
        Callback::from(move |_| on_action.emit(Action::Remove(offer.clone())))
    };
    // A round's files: the round is recorded, then its files read with its number.
    let round_kind = use_state(|| RoundKind::Negotiated);
    let round_date = use_state(String::new);
    let on_kind = {
        let round_kind = round_kind.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let kind = RoundKind::ALL.into_iter().find(|k| k.code() == select.value());
            round_kind.set(kind.unwrap_or(RoundKind::Negotiated));
        })
    };
    let on_date = {
        let round_date = round_date.clone();
        Callback::from(move |e: Event| round_date.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_round = {
        let (session, on_action, next) = (props.session.clone(), props.on_action.clone(), props.next_round);
        let (round_kind, round_date) = (round_kind.clone(), round_date.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(files) = input.files().filter(|f| f.length() > 0) {
                on_action.emit(Action::AddRound { kind: *round_kind, date: (*round_date).clone() });
                read_files(chosen(files), session.grid.clone(), Some(next), on_action.clone());
            }
            input.set_value("");
        })
    };
    let round_of = |o: &Offer| {
        let n = o.round.unwrap_or(1);
        props.rounds.iter().find(|r| r.number == n).map(|r| format!(" — {}", round_name(r, lang))).unwrap_or_default()
    };
    // A variant is an offer of its own: named as such beside its bidder.
    let variant_of = |o: &Offer| {
        o.variant
            .as_ref()
            .map(|v| lang.pick(format!(" — variante « {v} »"), format!(" — variant \"{v}\"")))
            .unwrap_or_default()
    };
    let add_offers = lang.pick(
        "Ajouter des offres (xlsx, ods, xls, csv, json), plusieurs à la fois, ou les déposer ici",
        "Add offers (xlsx, ods, xls, csv, json), several at once, or drop them here",
    );

    html! {
        <section aria-labelledby="titre-offres">
            <h2 id="titre-offres">{ lang.pick("2. Les offres", "2. The offers") }</h2>
            <div class={classes!("depot", dragging.then_some("survol"))} ondrop={on_drop} ondragover={on_over} ondragleave={on_leave}>
                <label for="fichiers-offres">{ add_offers }</label>
                <input id="fichiers-offres" type="file" multiple=true onchange={on_input}
                    accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.json" />
            </div>
            <p>
                <button type="button" onclick={on_sample}>
                    { lang.pick("Charger l'exemple : portail citoyen de Kerbrat (6 offres)", "Load the example: Kerbrat's citizen portal (6 offers)") }
                </button>
            </p>
            <div role="status" class="progression">
                if props.progress.done < props.progress.total {
                    <label for="lecture">{ format!("{} {} ({} / {})", lang.pick("Lecture de", "Reading"),
                        props.progress.current.clone().unwrap_or_default(), props.progress.done + 1, props.progress.total) }</label>
                    <progress id="lecture" max={props.progress.total.to_string()} value={props.progress.done.to_string()} />
                }
            </div>
            if !props.errors.is_empty() {
                <div role="alert">
                    <ul class="erreurs">
                        { for props.errors.iter().map(|e| html! { <li>{ e.describe(lang) }</li> }) }
                    </ul>
                </div>
            }
            if !props.session.offers.is_empty() {
                <ul class="fichiers"
                    aria-label={ lang.pick("Offres reçues, avec l'empreinte SHA-256 de chaque fichier",
                        "Offers received, with each file's SHA-256 fingerprint") }>
                    { for props.session.offers.iter().map(|o| html! {
                        <li>
                            { format!("{} — {}{}{}", label(&props.labels, &o.id), o.supplier.name, variant_of(o), round_of(o)) }
                            if let Some(sha) = &o.sha256 { { format!(" — SHA-256 {sha} ") } }
                            // On the file's line, before its reading notes.
                            <button type="button" onclick={remove(&o.id)}
                                aria-label={ format!("{} {}", lang.pick("Retirer", "Remove"), label(&props.labels, &o.id)) }>{ lang.pick("Retirer", "Remove") }</button>
                            if !o.diagnostics.is_empty() {
                                <details>
                                    <summary>{ count(o.diagnostics.len(), ("remarque de lecture", "remarques de lecture"), ("reading note", "reading notes"), lang) }</summary>
                                    <ul>{ for o.diagnostics.iter().map(|d| html! {
                                        <li>{ format!("{} : {}", d.location(lang), d.message.get(lang)) }</li>
                                    }) }</ul>
                                </details>
                            }
                        </li>
                    }) }
                </ul>
            }
            if props.buyer && !props.session.offers.is_empty() {
                // Folded until opened (two elements on the page): most procedures have one round.
                <More summary={ format!("{} {}{}", lang.pick("Tour", "Round"), props.next_round,
                    lang.pick(" : ajouter les offres remises après négociation, ou les offres finales",
                        ": add the offers given after negotiation, or the final offers")) } open={ !props.rounds.is_empty() }>
                    <p class="aide">{ lang.pick(
                        "Seul le dernier tour est classé ; les tours précédents figurent au rapport d'analyse pour information.",
                        "Only the last round is ranked; earlier rounds are in the analysis report for information.") }</p>
                    <label for="tour-nature">{ lang.pick("Nature du tour", "Kind of round") }</label>
                    <select id="tour-nature" onchange={on_kind}>
                        { for [RoundKind::Negotiated, RoundKind::Final].into_iter().map(|k| html! {
                            <option value={k.code()} selected={*round_kind == k}>{ k.label(lang) }</option>
                        }) }
                    </select>
                    <label for="tour-date">{ lang.pick("Date de réception des offres", "Date the offers were received") }</label>
                    <input id="tour-date" type="date" value={(*round_date).clone()} onchange={on_date} />
                    <label for="fichiers-tour">{ format!("{} {}", lang.pick("Fichiers des offres du tour", "Offer files of round"), props.next_round) }</label>
                    <input id="fichiers-tour" type="file" multiple=true onchange={on_round}
                        accept=".xlsx,.xlsm,.xlsb,.xls,.ods,.csv,.json" />
                </More>
            }
        </section>
    }
}

/// A round in words: « Tour 2 (offres finales, reçues le 20/11/2026) », as the report names it.
pub fn round_name(r: &Round, lang: Lang) -> String {
    let date = match r.date.is_empty() {
        true => String::new(),
        false => format!(", {} {}", lang.pick("reçues le", "received on"), jauge_analysis::display_date(&r.date, lang)),
    };
    format!("{} {} ({}{date})", lang.pick("Tour", "Round"), r.number, r.kind.label(lang))
}
