//! The procedure record, entered once per analysis: the tender, the buyer, the procedure, the
//! date offers were opened, the evaluation committee with each member's statement of no conflict
//! of interest, and what the report must state (candidates, negotiation, no lots, conflicts,
//! earlier involvement, subcontracting, environmental execution conditions, the examination of
//! prices), each item citing its article from the engine's law table.
//! Every field is kept as soon as it is left.

use jauge_engine::Lang;
use jauge_engine::session::Session;
use std::rc::Rc;

use jauge_engine::law::{Law, cite, cites};
use jauge_engine::session::{Candidate, Evaluator, Procedure, ProcedureKind};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::fold::{Fold, More};
use crate::services;
use crate::state::{Action, open_data_from_text, open_data_text};

/// Procedure types offered as suggestions (any text is accepted).
const PROCEDURES: [&str; 5] = [
    "Appel d'offres ouvert",
    "Appel d'offres restreint",
    "Procédure adaptée (MAPA)",
    "Procédure avec négociation",
    "Dialogue compétitif",
];

/// The value of the field (input or textarea) an event comes from.
fn value(e: &Event) -> String {
    match e.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
        Some(area) => area.value(),
        None => e.target_unchecked_into::<HtmlInputElement>().value(),
    }
}

/// What the panel shows, and where its actions go.
#[derive(Properties, PartialEq)]
pub struct ProcedureProps {
    /// The interface language.
    pub lang: Lang,
    /// The session.
    pub session: Rc<Session>,
    /// Why the last record file was refused.
    pub error: Option<crate::failure::Failure>,
    /// Where actions go.
    pub on_action: Callback<Action>,
}

#[function_component(ProcedurePanel)]
pub fn procedure_panel(props: &ProcedureProps) -> Html {
    let lang = props.lang;
    let procedure = props.session.procedure.clone();
    // One callback per field: the record with that field changed.
    let field = |set: fn(&mut Procedure, String)| {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            set(&mut p, value(&e));
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let member = |index: usize, set: fn(&mut Evaluator, &Event)| {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            if let Some(m) = p.evaluators.get_mut(index) {
                set(m, &e);
            }
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let add = {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |_| {
            let mut p = procedure.clone();
            p.evaluators.push(Evaluator::default());
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let remove = |index: usize| {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |_| {
            let mut p = procedure.clone();
            if index < p.evaluators.len() {
                p.evaluators.remove(index);
            }
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let evaluator = {
        let on_action = props.on_action.clone();
        Callback::from(move |e: Event| on_action.emit(Action::SetEvaluator(value(&e))))
    };
    let import = super::text_file_field(
        props.on_action.clone(),
        jauge_engine::limits::RECORD_BYTES,
        Action::ImportRecord,
        crate::state::Place::Record,
    );
    // A field is its label wrapping the input: one element fewer than a paragraph around both.
    let text = |id: &'static str, label: &'static str, current: &str, cb: Callback<Event>| {
        html! {
            <label class="champ" for={id}>{ label }
                <input id={id} type="text" value={current.to_string()} onchange={cb} autocomplete="off" /></label>
        }
    };
    let area = |id: &'static str, label: String, help: &'static str, current: &str, cb: Callback<Event>| {
        let help_id = format!("{id}-aide");
        html! {
            <>
                <label class="champ" for={id}>{ label }
                    <textarea id={id} rows="2" value={current.to_string()} aria-describedby={help_id.clone()} onchange={cb} /></label>
                <small id={help_id} class="aide">{ help }</small>
            </>
        }
    };
    let with = |label: &str, laws: &[Law]| format!("{label} ({})", cites(laws, lang));
    let kind = {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            p.kind = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "adapted" => ProcedureKind::Adapted,
                "formalised" => ProcedureKind::Formalised,
                _ => ProcedureKind::Unspecified,
            };
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let negotiated = {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            p.negotiated = e.target_unchecked_into::<HtmlInputElement>().checked();
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    // The statements the report owes, seldom all filled: folded until opened, or while one is given.
    let statements_given = procedure.negotiated
        || !props.session.evaluator.trim().is_empty()
        || [
            &procedure.no_lots,
            &procedure.conflicts,
            &procedure.earlier_involvement,
            &procedure.environmental_conditions,
            &procedure.subcontracting,
            &procedure.price_review,
            &procedure.vat_review,
            &procedure.working_day_review,
            &procedure.observations,
        ]
        .iter()
        .any(|t| !t.trim().is_empty())
        || !procedure.candidates_excluded.is_empty()
        || !procedure.candidates_selected.is_empty()
        || !procedure.subcontractors.is_empty();
    let statements_summary = lang.pick(
        "L'évaluateur de cette session, et ce que le rapport doit mentionner : lots, négociation, candidats, conflits d'intérêts, sous-traitance, environnement, examen des prix, TVA, jour ouvré",
        "This session's evaluator, and what the report must state: lots, negotiation, candidates, conflicts of interest, subcontracting, environment, examination of prices, VAT, working day",
    );
    // What the notices, the open data and the letters need after the evaluation: folded until
    // opened, or while one is given.
    let publication_given =
        [&procedure.buyer_siret, &procedure.cpv, &procedure.ccag, &procedure.award_date, &procedure.letters_sent]
            .iter()
            .any(|t| !t.trim().is_empty())
            || procedure.duration_months.is_some()
            || procedure.letters_electronic.is_some()
            || !procedure.open_data.is_empty();
    let publication_summary = lang.pick(
        "Pour les avis, les données essentielles et les courriers : SIRET, CPV, durée, CCAG, dates, données de publication",
        "For the notices, the essential data and the letters: SIRET, CPV, duration, CCAG, dates, publication data",
    );
    let duration = {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            // Whole months: a field of type number gives digits or nothing.
            p.duration_months = value(&e).trim().parse::<u32>().ok().filter(|m| *m > 0);
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    let electronic = {
        let (procedure, on_action) = (procedure.clone(), props.on_action.clone());
        Callback::from(move |e: Event| {
            let mut p = procedure.clone();
            p.letters_electronic = match e.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            };
            on_action.emit(Action::SetProcedure(Box::new(p)));
        })
    };
    html! {
        <Fold id="titre-dossier" title={ lang.pick("4. Le dossier de la procédure", "4. The procedure record") }>
            <p>
                <label class="bouton" for="import-dossier">{ lang.pick("Importer un dossier (JSON)", "Import a record (JSON)") }</label>
                <input id="import-dossier" class="cache" type="file" accept=".json,application/json" onchange={import}
                    aria-describedby={ props.error.is_some().then_some("import-dossier-erreur") } />
                <small>{ lang.pick(
                    " Un dossier préparé à l'avance (le fichier JSON d'un dossier enregistré par Jauge) : il remplace les champs ci-dessous et les décisions.",
                    " A record prepared beforehand (the JSON file of a record Jauge saved): it replaces the fields below and the decisions.") }</small>
            </p>
            if let Some(error) = &props.error {
                <p id="import-dossier-erreur" role="alert" class="erreur">{ error.describe(lang) }</p>
            }
            <div class="grille-champs">
                { text("p-objet", lang.pick("Objet du marché", "Tender"), &procedure.tender, field(|p, v| p.tender = v)) }
                { text("p-reference", lang.pick("Référence", "Reference"), &procedure.reference, field(|p, v| p.reference = v)) }
                { text("p-lot", lang.pick("Lot", "Lot"), &procedure.lot, field(|p, v| p.lot = v)) }
                { text("p-acheteur", lang.pick("Acheteur", "Buyer"), &procedure.buyer, field(|p, v| p.buyer = v)) }
                { text("p-adresse", lang.pick("Adresse de l'acheteur", "Buyer's address"),
                    &procedure.buyer_address, field(|p, v| p.buyer_address = v)) }
                { text("p-valeur", lang.pick("Valeur estimée du marché", "Estimated value"), &procedure.value, field(|p, v| p.value = v)) }
                <label class="champ" for="p-procedure">{ lang.pick("Procédure", "Procedure type") }
                    <input id="p-procedure" type="text" list="procedures" value={procedure.procedure_type.clone()}
                        onchange={field(|p, v| p.procedure_type = v)} autocomplete="off" />
                    <datalist id="procedures">{ for PROCEDURES.iter().map(|p| html! { <option value={*p} /> }) }</datalist></label>
                // The help in the label: every element counts on this screen (EcoIndex).
                <label class="champ" for="p-nature">{ format!("{} ({} ; {})",
                        lang.pick("Nature de la procédure", "Kind of procedure"),
                        lang.pick("le rapport de présentation n'est dû qu'en procédure formalisée",
                            "a rapport de présentation is owed in formalised procedures only"),
                        cite(Law::R2184_1)) }
                    <select id="p-nature" onchange={kind}>
                        <option value="" selected={procedure.kind == ProcedureKind::Unspecified}>
                            { lang.pick("— déduite de l'intitulé —", "— read from the procedure type —") }
                        </option>
                        <option value="adapted" selected={procedure.kind == ProcedureKind::Adapted}>
                            { lang.pick("adaptée (MAPA) : analyse des offres", "adapted: analysis of offers") }
                        </option>
                        <option value="formalised" selected={procedure.kind == ProcedureKind::Formalised}>
                            { lang.pick("formalisée : rapport de présentation", "formalised: rapport de présentation") }
                        </option>
                    </select></label>
                <label class="champ" for="p-negociation">
                    <input id="p-negociation" type="checkbox" checked={procedure.negotiated} onchange={negotiated} />
                    { lang.pick("Les offres ont été négociées", "Offers were negotiated") }</label>
                <label class="champ" for="p-ouverture">{ lang.pick("Ouverture des offres", "Offers opened on") }
                    <input id="p-ouverture" type="date" value={procedure.opened.clone()} onchange={field(|p, v| p.opened = v)} /></label>
            </div>
            <More summary={ statements_summary } open={ statements_given }>
            <p class="champ">
                <label for="p-evaluateur">{ lang.pick("Cette session est celle de l'évaluateur", "This session is the evaluator's") }</label>
                <input id="p-evaluateur" type="text" value={props.session.evaluator.clone()} onchange={evaluator}
                    aria-describedby="p-evaluateur-aide" autocomplete="name" />
                <small id="p-evaluateur-aide">{ lang.pick(
                    "à remplir quand chaque évaluateur note dans sa propre session, avant de l'exporter pour la commission",
                    "fill in when each evaluator marks in their own session, before exporting it for the committee") }</small>
            </p>
            { area("p-allotissement",
                with(lang.pick("Motifs du non-allotissement", "Why the contract is not divided into lots"), &[Law::L2113_11, Law::R2184_3_2]),
                lang.pick("si le marché n'est pas divisé en lots et que les documents de la consultation ne le motivent pas",
                    "if the contract has no lots and the tender documents do not say why"),
                &procedure.no_lots, field(|p, v| p.no_lots = v)) }
            if procedure.negotiated {
                { area("p-motifs-negociation",
                    with(lang.pick("Motifs du recours à la négociation", "Why offers were negotiated"), &[Law::R2184_3_1]),
                    lang.pick("le fondement de la procédure retenue", "the ground of the procedure used"),
                    &procedure.negotiation_reasons, field(|p, v| p.negotiation_reasons = v)) }
            }
            { area("p-exclus",
                with(lang.pick("Candidats exclus et motifs", "Candidates excluded and why"), &[Law::R2184_2_2]),
                lang.pick("un par ligne : « Nom : motif » ; vide s'il n'y en a pas", "one per line: \"Name: reason\"; empty if none"),
                &Candidate::to_lines(&procedure.candidates_excluded),
                field(|p, v| p.candidates_excluded = Candidate::from_lines(&v))) }
            { area("p-retenus",
                with(lang.pick("Candidats retenus et motifs", "Candidates selected and why"), &[Law::R2184_2_3]),
                lang.pick("un par ligne : « Nom : motif » (dû en procédure formalisée)",
                    "one per line: \"Name: reason\" (owed in formalised procedures)"),
                &Candidate::to_lines(&procedure.candidates_selected),
                field(|p, v| p.candidates_selected = Candidate::from_lines(&v))) }
            { area("p-conflits",
                with(lang.pick("Conflits d'intérêts détectés et mesures prises", "Conflicts of interest detected and measures taken"), &[Law::R2184_3_6]),
                lang.pick("ou « aucun conflit d'intérêts détecté »", "or \"no conflict of interest detected\""),
                &procedure.conflicts, field(|p, v| p.conflicts = v)) }
            { area("p-participation",
                with(lang.pick("Mesures prises quand un candidat a participé à la préparation de la procédure",
                    "Measures taken when a candidate took part in preparing the procedure"), &[Law::R2184_3_5]),
                lang.pick("vide si aucun candidat n'y a participé", "empty if no candidate did"),
                &procedure.earlier_involvement, field(|p, v| p.earlier_involvement = v)) }
            { area("p-environnement",
                with(lang.pick("Conditions d'exécution environnementales", "Environmental execution conditions"), &[Law::L2112_2, Law::Climate35]),
                lang.pick("celles que fixe le cahier des charges (emballages, fin de vie du matériel, hébergement…)",
                    "those the specifications set (packaging, end of life of equipment, hosting…)"),
                &procedure.environmental_conditions, field(|p, v| p.environmental_conditions = v)) }
            { area("p-sous-traitance",
                with(lang.pick("Sous-traitance envisagée par l'attributaire", "Subcontracting intended by the winner"), &[Law::R2184_2_5]),
                lang.pick("part du marché qu'il envisage de sous-traiter, d'après son offre, ou « aucune »",
                    "share of the contract it intends to subcontract, from its offer, or \"none\""),
                &procedure.subcontracting, field(|p, v| p.subcontracting = v)) }
            { area("p-sous-traitants",
                with(lang.pick("Noms des sous-traitants", "Subcontractors' names"), &[Law::R2184_2_5]),
                lang.pick("un par ligne, s'ils sont connus", "one per line, if known"),
                &procedure.subcontractors.join("\n"),
                field(|p, v| p.subcontractors = v.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from).collect())) }
            { area("p-examen-prix",
                lang.pick("Examen des prix", "Examination of the prices").to_string(),
                lang.pick("ce que l'acheteur a fait pour examiner les prix quand moins de trois offres sont comparables",
                    "what the buyer did to examine the prices when fewer than three offers are comparable"),
                &procedure.price_review, field(|p, v| p.price_review = v)) }
            { area("p-examen-tva",
                lang.pick("Vérification du régime de TVA", "Check of the VAT status").to_string(),
                lang.pick("quand les prix sont comparés hors taxes et que des soumissionnaires ne déclarent ni taux de TVA ni exonération : ce que l'acheteur a vérifié et constaté",
                    "when prices are compared excluding taxes and bidders state neither a VAT rate nor an exemption: what the buyer checked and found"),
                &procedure.vat_review, field(|p, v| p.vat_review = v)) }
            { area("p-jour-ouvre",
                lang.pick("Durée du jour ouvré", "Length of the working day").to_string(),
                lang.pick("quand l'attribution dépend de la durée du jour ouvré fixée par la grille : comment elle a été annoncée aux soumissionnaires",
                    "when the award depends on the working day's length the grid sets: how it was announced to the bidders"),
                &procedure.working_day_review, field(|p, v| p.working_day_review = v)) }
            { area("p-observations",
                lang.pick("Observations pour le rapport", "Observations for the report").to_string(),
                lang.pick("ce que le rapport doit dire d'autre", "what else the report must say"),
                &procedure.observations, field(|p, v| p.observations = v)) }
            </More>
            <More summary={ publication_summary } open={ publication_given }>
            <div class="grille-champs">
                { text("p-siret", lang.pick("SIRET de l'acheteur (14 chiffres)", "Buyer's SIRET (14 digits)"), &procedure.buyer_siret, field(|p, v| p.buyer_siret = v)) }
                { text("p-cpv", lang.pick("Code CPV principal", "Main CPV code"), &procedure.cpv, field(|p, v| p.cpv = v)) }
                <label class="champ" for="p-duree">{ lang.pick("Durée initiale du marché (mois, reconductions comprises)", "Initial duration (months, renewals included)") }
                    <input id="p-duree" type="number" min="1" step="1" value={procedure.duration_months.map(|m| m.to_string()).unwrap_or_default()}
                        onchange={duration} /></label>
                <label class="champ" for="p-ccag">{ "CCAG" }
                    <input id="p-ccag" type="text" list="ccags" value={procedure.ccag.clone()}
                        onchange={field(|p, v| p.ccag = v)} autocomplete="off" />
                    <datalist id="ccags">{ for jauge_export::decp::CCAG.iter().map(|c| html! { <option value={*c} /> }) }</datalist></label>
                <label class="champ" for="p-attribution">{ lang.pick("Date de la décision d'attribution", "Date of the award decision") }
                    <input id="p-attribution" type="date" value={procedure.award_date.clone()} onchange={field(|p, v| p.award_date = v)} /></label>
                <label class="champ" for="p-envoi">{ lang.pick("Date d'envoi des courriers aux soumissionnaires", "Date the letters to bidders are sent") }
                    <input id="p-envoi" type="date" value={procedure.letters_sent.clone()} onchange={field(|p, v| p.letters_sent = v)} /></label>
                <p class="champ">
                    <label for="p-envoi-mode">{ lang.pick("Courriers envoyés", "Letters sent") }</label>
                    <select id="p-envoi-mode" onchange={electronic} aria-describedby="p-envoi-mode-aide">
                        <option value="" selected={procedure.letters_electronic.is_none()}>{ lang.pick("— à préciser —", "— to say —") }</option>
                        <option value="yes" selected={procedure.letters_electronic == Some(true)}>{ lang.pick("par voie électronique", "electronically") }</option>
                        <option value="no" selected={procedure.letters_electronic == Some(false)}>{ lang.pick("autrement (papier)", "otherwise (paper)") }</option>
                    </select>
                    <small id="p-envoi-mode-aide">{ format!("{} ({})",
                        lang.pick("le délai avant signature en dépend : 11 jours par voie électronique, 16 sinon",
                            "the wait before signing depends on it: 11 days electronically, 16 otherwise"),
                        cite(Law::R2182_1)) }</small>
                </p>
            </div>
            { area("p-donnees",
                lang.pick("Données de publication", "Publication data").to_string(),
                lang.pick("une par ligne : « nom = valeur », sous le nom du standard (DECP : id, nature, montant, formePrix, considerationsSociales… ; OCDS : ocid) ; une valeur JSON (nombre, liste, objet) est gardée telle quelle",
                    "one per line: \"name = value\", under the standard's name (DECP: id, nature, montant, formePrix, considerationsSociales…; OCDS: ocid); a JSON value (number, list, object) is kept as such"),
                &open_data_text(&procedure.open_data), field(|p, v| p.open_data = open_data_from_text(&v))) }
            </More>
            <h3 id="titre-membres">{ lang.pick("Commission d'évaluation", "Evaluation committee") }</h3>
            if !procedure.evaluators.is_empty() {
            <table class="fiches" aria-labelledby="titre-membres">
                <thead>
                    <tr>
                        <th scope="col">{ lang.pick("Nom", "Name") }</th>
                        <th scope="col">{ lang.pick("Rôle", "Role") }</th>
                        <th scope="col">{ lang.pick("Absence de conflit d'intérêts déclarée", "No conflict of interest stated") }</th>
                        <th scope="col">{ lang.pick("Date de la déclaration", "Date of the statement") }</th>
                        <th scope="col">{ lang.pick("Faite avant tout accès aux offres", "Made before any access to the offers") }</th>
                        <th scope="col"><span class="cache">{ lang.pick("Retirer", "Remove") }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for procedure.evaluators.iter().enumerate().map(|(i, e)| {
                        let n = i + 1;
                        let who =
                            if e.name.is_empty() { format!("{} {n}", lang.pick("évaluateur", "evaluator")) } else { e.name.clone() };
                        let stated_by = lang.pick("Absence de conflit d'intérêts déclarée par", "No conflict of interest stated by");
                        html! {
                            <tr>
                                <td data-label={ lang.pick("Nom", "Name") }><input type="text" aria-label={format!("{} {n}", lang.pick("Nom de l'évaluateur", "Name of evaluator"))}
                                    value={e.name.clone()} onchange={member(i, |m, e| m.name = value(e))} /></td>
                                <td data-label={ lang.pick("Rôle", "Role") }><input type="text" aria-label={format!("{} {who}", lang.pick("Rôle de", "Role of"))} value={e.role.clone()}
                                    onchange={member(i, |m, e| m.role = value(e))} /></td>
                                <td data-label={ lang.pick("Absence de conflit d'intérêts déclarée", "No conflict of interest stated") }><input type="checkbox" aria-label={format!("{stated_by} {who}")} checked={e.no_conflict}
                                    onchange={member(i, |m, e| {
                                        m.no_conflict = e.target_unchecked_into::<HtmlInputElement>().checked();
                                        if m.no_conflict && m.declared.is_empty() {
                                            m.declared = services::now().chars().take(10).collect();
                                        }
                                    })} /></td>
                                <td data-label={ lang.pick("Date de la déclaration", "Date of the statement") }><input type="date" aria-label={format!("{} {who}", lang.pick("Date de la déclaration de", "Date of the statement of"))}
                                    value={e.declared.clone()} onchange={member(i, |m, e| m.declared = value(e))} /></td>
                                <td data-label={ lang.pick("Faite avant tout accès aux offres", "Made before any access to the offers") }><input type="checkbox"
                                    aria-label={format!("{} {who}", lang.pick("Déclaration faite avant tout accès aux offres par", "Statement made before any access to the offers by"))}
                                    checked={e.before_access}
                                    onchange={member(i, |m, e| m.before_access = e.target_unchecked_into::<HtmlInputElement>().checked())} /></td>
                                <td><button type="button" onclick={remove(i)}>{ format!("{} {who}", lang.pick("Retirer", "Remove")) }</button></td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            }
            <button type="button" onclick={add}>{ lang.pick("Ajouter un évaluateur", "Add an evaluator") }</button>
        </Fold>
    }
}
