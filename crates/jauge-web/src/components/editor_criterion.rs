//! One criterion in the editor: its weight and names always shown, the question, the answer, the
//! rule with the fields of its kind, the requirement, tags and evidence behind a disclosure.

use jauge_engine::grid::{Answer, Criterion, EvidenceKind, PriceMethod, Rule};
use jauge_engine::units::Unit;
use yew::prelude::*;

use super::editor_fields::{Ctx, Kind};
use super::fold::More;
use crate::state::editor::{
    ANSWER_TYPES, Edit, Field, Scope, UNITS, anchor, method_code, rule_kind, rule_kinds, unit_code,
};

/// The criterion's form.
pub fn criterion(ctx: &Ctx, f: usize, i: usize, c: &Criterion, last: bool) -> Html {
    let lang = ctx.lang;
    let s = Scope::Criterion(f, i);
    let name = format!("{} {}", c.id, c.label.get(lang));
    let errors = ctx.editor.problems_in(s);
    html! {
        <li class="critere-edite">
            <h4 id={anchor(s, "titre")}>{ name.clone() }</h4>
            <div class="ligne">
                { for [
                    (Field::Id, ("Identifiant", "Identifier"), c.id.clone()),
                    (Field::LabelFr, ("Libellé (français)", "Label (French)"), c.label.fr.clone()),
                    (Field::Weight, ("Poids (points)", "Weight (points)"), Ctx::shown(Some(c.weight))),
                ].into_iter().map(|(field, (fr, en), value)| ctx.field(s, field, lang.pick(fr, en), value, Kind::Line)) }
            </div>
            <p class="actions">
                <button type="button" disabled={i == 0} onclick={ctx.edit(Edit::MoveCriterion(f, i, -1))}>
                    { format!("{} {}", lang.pick("Monter", "Move up"), c.id) }</button>
                <button type="button" disabled={last} onclick={ctx.edit(Edit::MoveCriterion(f, i, 1))}>
                    { format!("{} {}", lang.pick("Descendre", "Move down"), c.id) }</button>
                <button type="button" onclick={ctx.edit(Edit::RemoveCriterion(f, i))}>
                    { format!("{} {}", lang.pick("Retirer", "Remove"), c.id) }</button>
            </p>
            <More summary={ format!("{} {}", lang.pick("Question, réponse, règle et exigence de", "Question, answer, rule and requirement of"), c.id) } open={errors > 0}>
                { for [
                    (Field::LabelEn, ("Libellé (anglais)", "Label (English)"), c.label.en.clone().unwrap_or_default(), false),
                    (Field::QuestionFr, ("Question aux candidats (français)", "Question to suppliers (French)"), c.question.fr.clone(), true),
                    (Field::QuestionEn, ("Question aux candidats (anglais)", "Question to suppliers (English)"), c.question.en.clone().unwrap_or_default(), true),
                    (Field::HelpFr, ("Aide (français)", "Help (French)"), c.help.as_ref().map(|h| h.fr.clone()).unwrap_or_default(), true),
                    (Field::HelpEn, ("Aide (anglais)", "Help (English)"), c.help.as_ref().and_then(|h| h.en.clone()).unwrap_or_default(), true),
                ].into_iter().map(|(field, (fr, en), value, area)| ctx.field(s, field, lang.pick(fr, en), value, if area { Kind::Area } else { Kind::Line })) }
                { answer(ctx, f, i, c) }
                { rule(ctx, s, c) }
                { requirement(ctx, s, c) }
                { ctx.field(s, Field::Published, lang.pick("Poids annoncé aux candidats", "Weight announced to suppliers"), String::new(), Kind::Check(c.published)) }
                { ctx.field(s, Field::Tags, lang.pick("Étiquettes, séparées par des virgules (environment, social, price…)", "Tags, comma-separated (environment, social, price…)"), c.tags.join(", "), Kind::Line) }
                { ctx.field(s, Field::EvidenceKind, lang.pick("Justificatif attendu", "Evidence expected"),
                    c.evidence.as_ref().map(|e| if e.kind == EvidenceKind::Url { "url" } else { "document" }).unwrap_or_default().to_string(),
                    Kind::Select(vec![
                        (String::new(), lang.pick("aucun", "none").into()),
                        ("url".into(), lang.pick("une adresse web", "a web address").into()),
                        ("document".into(), lang.pick("un document", "a document").into()),
                    ])) }
                if let Some(e) = &c.evidence {
                    { ctx.field(s, Field::EvidenceFr, lang.pick("Ce que prouve le justificatif (source, référentiel)", "What the evidence is (source, referential)"), e.label.fr.clone(), Kind::Line) }
                }
            </More>
        </li>
    }
}

fn answer(ctx: &Ctx, f: usize, i: usize, c: &Criterion) -> Html {
    let lang = ctx.lang;
    let s = Scope::Criterion(f, i);
    let types = ANSWER_TYPES.iter().map(|t| (t.to_string(), type_words(t, lang).to_string())).collect();
    let units = |none: bool| {
        let mut list: Vec<(String, String)> = UNITS
            .iter()
            .map(|u| {
                (
                    unit_code(*u),
                    Some(u.symbol(lang)).filter(|s| !s.is_empty()).map_or_else(|| unit_code(*u), str::to_string),
                )
            })
            .collect();
        if none {
            list.insert(0, (String::new(), lang.pick("sans unité", "no unit").into()));
        }
        list
    };
    let current = |u: Option<Unit>| u.map(unit_code).unwrap_or_default();
    html! {
        <fieldset>
            <legend>{ format!("{} {}", lang.pick("Réponse attendue —", "Answer expected —"), c.id) }</legend>
            { ctx.field(s, Field::AnswerType, lang.pick("Type de réponse", "Answer type"), c.answer.type_name().into(), Kind::Select(types)) }
            { match &c.answer {
                Answer::Number { unit, min, max } => html! { <>
                    { ctx.field(s, Field::Unit, lang.pick("Unité", "Unit"), current(*unit), Kind::Select(units(true))) }
                    { ctx.field(s, Field::Min, lang.pick("Plus petite valeur plausible", "Smallest plausible value"), Ctx::shown(*min), Kind::Line) }
                    { ctx.field(s, Field::Max, lang.pick("Plus grande valeur plausible", "Largest plausible value"), Ctx::shown(*max), Kind::Line) }
                </> },
                Answer::Duration { unit } => html! {
                    { ctx.field(s, Field::Unit, lang.pick("Unité de durée", "Time unit"), unit_code(*unit),
                        Kind::Select(units(false).into_iter().filter(|(code, _)| UNITS.iter().any(|u| u.is_time() && unit_code(*u) == *code)).collect())) }
                },
                Answer::Price { currency } => html! {
                    { ctx.field(s, Field::Currency, lang.pick("Devise (ISO 4217)", "Currency (ISO 4217)"), currency.clone(), Kind::Line) }
                },
                _ => html! {},
            } }
            if !c.answer.options().is_empty() {
                <ol class="options">
                    { for c.answer.options().iter().enumerate().map(|(o, opt)| html! {
                        <li>
                            { ctx.field(s, Field::OptionId(o), &format!("{} {}", lang.pick("Identifiant de l'option", "Option identifier"), o + 1), opt.id.clone(), Kind::Line) }
                            { ctx.field(s, Field::OptionFr(o), &format!("{} {}", lang.pick("Libellé de l'option (français)", "Option label (French)"), o + 1), opt.label.fr.clone(), Kind::Line) }
                            { ctx.field(s, Field::OptionEn(o), &format!("{} {}", lang.pick("Libellé de l'option (anglais)", "Option label (English)"), o + 1), opt.label.en.clone().unwrap_or_default(), Kind::Line) }
                            <button type="button" onclick={ctx.edit(Edit::RemoveOption(f, i, o))}>{ format!("{} {}", lang.pick("Retirer l'option", "Remove option"), opt.id) }</button>
                        </li>
                    }) }
                </ol>
                <button type="button" onclick={ctx.edit(Edit::AddOption(f, i))}>{ format!("{} {}", lang.pick("Ajouter une option à", "Add an option to"), c.id) }</button>
            }
        </fieldset>
    }
}

fn rule(ctx: &Ctx, s: Scope, c: &Criterion) -> Html {
    let lang = ctx.lang;
    let Scope::Criterion(f, i) = s else { return html! {} };
    let kinds = rule_kinds(&c.answer).iter().map(|k| (k.to_string(), kind_words(k, lang).to_string())).collect();
    let option_name = |id: &str| {
        c.answer
            .options()
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| id.into())
    };
    let body = match &c.rule {
        Rule::YesNo { expected } => ctx.field(
            s,
            Field::Expected,
            lang.pick("« Oui » rapporte les points (sinon « non »)", "\"Yes\" earns the points (otherwise \"no\")"),
            String::new(),
            Kind::Check(*expected),
        ),
        Rule::Provided => html! {},
        Rule::Linear { best, worst } => html! { <>
            { ctx.field(s, Field::Best, lang.pick("Valeur qui donne tous les points", "Value earning full points"), Ctx::shown(Some(*best)), Kind::Line) }
            { ctx.field(s, Field::Worst, lang.pick("Valeur qui ne donne aucun point", "Value earning no points"), Ctx::shown(Some(*worst)), Kind::Line) }
        </> },
        Rule::Bands { bands, otherwise } => html! { <>
            <ol class="seuils" id={anchor(s, "rule.bands")}>
                { for bands.iter().enumerate().map(|(b, band)| html! {
                    <li>
                        { ctx.field(s, Field::BandBound(b), &format!("{} {}", lang.pick("Sens du seuil", "Band direction"), b + 1),
                            if band.at_most.is_some() { "at_most" } else { "at_least" }.to_string(),
                            Kind::Select(vec![("at_least".into(), lang.pick("au moins", "at least").into()), ("at_most".into(), lang.pick("au plus", "at most").into())])) }
                        { ctx.field(s, Field::BandThreshold(b), &format!("{} {}", lang.pick("Seuil", "Threshold"), b + 1), Ctx::shown(band.at_least.or(band.at_most)), Kind::Line) }
                        { ctx.field(s, Field::BandFraction(b), &format!("{} {}", lang.pick("Part du poids (0 à 1) au seuil", "Share of the weight (0 to 1) at threshold"), b + 1), Ctx::shown(Some(band.fraction)), Kind::Line) }
                        <button type="button" onclick={ctx.edit(Edit::RemoveBand(f, i, b))}>{ format!("{} {}", lang.pick("Retirer le seuil", "Remove threshold"), b + 1) }</button>
                    </li>
                }) }
            </ol>
            <button type="button" onclick={ctx.edit(Edit::AddBand(f, i))}>{ format!("{} {}", lang.pick("Ajouter un seuil à", "Add a threshold to"), c.id) }</button>
            { ctx.field(s, Field::Otherwise, lang.pick("Part du poids sous le dernier seuil", "Share of the weight below the last threshold"), Ctx::shown(Some(*otherwise)), Kind::Line) }
        </> },
        Rule::Choice { points } => html! {
            { for c.answer.options().iter().map(|o| ctx.field(s, Field::Points(o.id.clone()),
                &format!("{} « {} »", lang.pick("Part du poids (0 à 1) pour", "Share of the weight (0 to 1) for"), option_name(&o.id)),
                Ctx::shown(points.get(&o.id).copied()), Kind::Line)) }
        },
        Rule::Count { items, cap } => html! { <>
            { for c.answer.options().iter().map(|o| ctx.field(s, Field::Item(o.id.clone()),
                &format!("{} « {} »", lang.pick("Compte :", "Counts:"), option_name(&o.id)), String::new(), Kind::Check(items.contains(&o.id)))) }
            { ctx.field(s, Field::Cap, lang.pick("Nombre d'éléments qui donne tous les points", "Count earning full points"), cap.to_string(), Kind::Line) }
        </> },
        Rule::Manual { out_of, guidance } => html! { <>
            { ctx.field(s, Field::OutOf, lang.pick("Note sur (vide : le poids)", "Mark out of (empty: the weight)"), Ctx::shown(*out_of), Kind::Line) }
            { ctx.field(s, Field::GuidanceFr, lang.pick("Repères pour les évaluateurs", "Guidance for evaluators"), guidance.as_ref().map(|g| g.fr.clone()).unwrap_or_default(), Kind::Area) }
        </> },
        Rule::Price { method, n } => html! { <>
            { ctx.field(s, Field::Method, lang.pick("Méthode de notation du prix", "Price scoring method"), method_code(*method).into(),
                Kind::Select(PriceMethod::ALL.iter().map(|m| (method_code(*m).to_string(), m.label(lang).to_string())).collect())) }
            if *method == PriceMethod::Scale {
                { ctx.field(s, Field::N, lang.pick("Multiple du prix le plus bas à 0 point (n)", "Multiple of the lowest price at 0 points (n)"), Ctx::shown(*n), Kind::Line) }
            }
        </> },
    };
    html! {
        <fieldset>
            <legend>{ format!("{} {}", lang.pick("Règle de notation —", "Scoring rule —"), c.id) }</legend>
            { ctx.field(s, Field::RuleKind, lang.pick("Règle", "Rule"), rule_kind(&c.rule).into(), Kind::Select(kinds)) }
            { body }
        </fieldset>
    }
}

fn requirement(ctx: &Ctx, s: Scope, c: &Criterion) -> Html {
    let lang = ctx.lang;
    let e = c.eliminatory.clone().unwrap_or_default();
    let numeric = c.answer.is_numeric() || matches!(c.answer, Answer::Price { .. });
    html! {
        <fieldset>
            <legend>{ format!("{} {}", lang.pick("Exigence minimale (éliminatoire) —", "Minimum requirement (eliminatory) —"), c.id) }</legend>
            { ctx.field(s, Field::Required, lang.pick("Réponse obligatoire", "Answer required"), String::new(), Kind::Check(e.required)) }
            if matches!(c.answer, Answer::YesNo) {
                { ctx.field(s, Field::Yes, lang.pick("Réponse « oui » exigée", "\"Yes\" required"), String::new(), Kind::Check(e.yes)) }
            }
            if numeric {
                { ctx.field(s, Field::AtLeast, lang.pick("Au moins", "At least"), Ctx::shown(e.min), Kind::Line) }
                { ctx.field(s, Field::AtMost, lang.pick("Au plus", "At most"), Ctx::shown(e.max), Kind::Line) }
            }
            { for c.answer.options().iter().map(|o| ctx.field(s, Field::OneOf(o.id.clone()),
                &format!("{} « {} »", lang.pick("Option admise :", "Option allowed:"), o.label.get(lang)), String::new(), Kind::Check(e.one_of.contains(&o.id)))) }
        </fieldset>
    }
}

fn type_words(t: &str, lang: jauge_engine::Lang) -> &'static str {
    match t {
        "yes_no" => lang.pick("oui / non", "yes / no"),
        "number" => lang.pick("nombre", "number"),
        "percentage" => lang.pick("pourcentage", "percentage"),
        "duration" => lang.pick("durée", "duration"),
        "choice" => lang.pick("un choix parmi des options", "one choice among options"),
        "multi_choice" => lang.pick("plusieurs choix parmi des options", "several choices among options"),
        "date" => lang.pick("date", "date"),
        "url" => lang.pick("adresse web", "web address"),
        "text" => lang.pick("texte libre", "free text"),
        _ => lang.pick("prix", "price"),
    }
}

fn kind_words(k: &str, lang: jauge_engine::Lang) -> &'static str {
    match k {
        "yes_no" => lang.pick("oui / non", "yes / no"),
        "provided" => lang.pick("réponse fournie", "answer given"),
        "linear" => {
            lang.pick("linéaire entre une pire et une meilleure valeur", "linear between a worst and a best value")
        }
        "bands" => lang.pick("seuils", "thresholds"),
        "choice" => lang.pick("points par option", "points per option"),
        "count" => lang.pick("nombre d'éléments, plafonné", "count of items, capped"),
        "manual" => lang.pick("note des évaluateurs", "evaluators' mark"),
        _ => lang.pick("prix", "price"),
    }
}
