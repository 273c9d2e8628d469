//! Scoring rules: the fraction of a criterion's weight an interpreted answer earns, and the rule
//! and the requirement in words.

use crate::grid::{Answer, Criterion, Eliminatory, PriceMethod, Rule};
use crate::text::{Lang, Text, both, number};
use crate::value::Value;

/// The fraction (0 to 1) a value earns under an automatic rule. `None` for manual and price rules,
/// which need the evaluators' mark or the other offers.
pub fn fraction(rule: &Rule, value: Option<&Value>) -> Option<f64> {
    let f = match (rule, value) {
        (Rule::Manual { .. } | Rule::Price { .. }, _) => return None,
        (_, None) => 0.0,
        (Rule::YesNo { expected }, Some(Value::Bool(b))) => f64::from(u8::from(b == expected)),
        (Rule::Provided, Some(_)) => 1.0,
        (Rule::Linear { best, worst }, Some(Value::Number(v))) => (v - worst) / (best - worst),
        (Rule::Bands { bands, otherwise }, Some(Value::Number(v))) => bands
            .iter()
            .find(|b| b.at_least.is_some_and(|t| *v >= t) || b.at_most.is_some_and(|t| *v <= t))
            .map_or(*otherwise, |b| b.fraction),
        (Rule::Choice { points }, Some(Value::Choice(id))) => points.get(id).copied().unwrap_or(0.0),
        (Rule::Choice { points }, Some(Value::Choices(ids))) => ids.iter().filter_map(|id| points.get(id)).sum(),
        (Rule::Count { items, cap }, Some(Value::Choices(ids))) => {
            let n = ids.iter().filter(|id| items.contains(id)).count();
            n.min(*cap as usize) as f64 / f64::from(*cap)
        }
        // A value of another type cannot occur for a checked grid; it earns nothing.
        _ => 0.0,
    };
    Some(clamp01(f))
}

/// Clamps to [0, 1]; NaN becomes 0.
pub fn clamp01(f: f64) -> f64 {
    if f.is_nan() { 0.0 } else { f.clamp(0.0, 1.0) + 0.0 }
}

/// The rule of a criterion in words.
pub fn describe(c: &Criterion, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let q = |v: f64| {
        let unit = c.answer.unit().map(|u| u.symbol_of(v, lang)).unwrap_or_default();
        format!("{} {unit}", number(v, 4, lang)).trim_end().to_string()
    };
    let pct = |f: f64| percent(f, lang);
    let option = |id: &str| {
        c.answer
            .options()
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.label.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    };
    match &c.rule {
        Rule::YesNo { expected } => {
            let (good, bad) = if *expected { ("oui", "non") } else { ("non", "oui") };
            let (good_en, bad_en) = if *expected { ("yes", "no") } else { ("no", "yes") };
            if fr {
                format!("« {good} » = tous les points, « {bad} » ou pas de réponse = 0")
            } else {
                format!("\"{good_en}\" = full points, \"{bad_en}\" or no answer = 0")
            }
        }
        Rule::Provided => {
            if fr { "réponse fournie = tous les points, sinon 0" } else { "answer given = full points, otherwise 0" }
                .into()
        }
        Rule::Linear { best, worst } => {
            let better = if best > worst {
                if fr { "plus haut = mieux" } else { "higher is better" }
            } else if fr {
                "plus bas = mieux"
            } else {
                "lower is better"
            };
            if fr {
                format!(
                    "linéaire ({better}) : {} = tous les points, {} = 0, proportionnel entre les deux",
                    q(*best),
                    q(*worst)
                )
            } else {
                format!("linear ({better}): {} = full points, {} = 0, proportional in between", q(*best), q(*worst))
            }
        }
        Rule::Bands { bands, otherwise } => {
            let parts: Vec<String> = bands
                .iter()
                .map(|b| match (b.at_least, b.at_most) {
                    (Some(t), _) => format!("≥ {} → {}", q(t), pct(b.fraction)),
                    (_, Some(t)) => format!("≤ {} → {}", q(t), pct(b.fraction)),
                    _ => String::new(),
                })
                .collect();
            let otherwise = pct(*otherwise);
            if fr {
                format!("seuils : {}, sinon {otherwise}", parts.join(" ; "))
            } else {
                format!("bands: {}, otherwise {otherwise}", parts.join("; "))
            }
        }
        Rule::Choice { points } => {
            let parts: Vec<String> = c
                .answer
                .options()
                .iter()
                .map(|o| format!("{} → {}", option(&o.id), pct(points.get(&o.id).copied().unwrap_or(0.0))))
                .collect();
            let sum = if matches!(c.answer, Answer::MultiChoice { .. }) {
                if fr { " (cumulables, dans la limite de 100 %)" } else { " (cumulative, up to 100%)" }
            } else {
                ""
            };
            if fr {
                format!("points par option{sum} : {}", parts.join(" ; "))
            } else {
                format!("points per option{sum}: {}", parts.join("; "))
            }
        }
        Rule::Count { items, cap } => {
            let names: Vec<String> = items.iter().map(|id| option(id)).collect();
            if fr {
                format!("1/{cap} des points par élément parmi {}, dans la limite de {cap} éléments", names.join(", "))
            } else {
                format!("1/{cap} of the points per item among {}, up to {cap} items", names.join(", "))
            }
        }
        Rule::Manual { out_of, .. } => {
            let out_of = number(out_of.unwrap_or(c.weight), 2, lang);
            if fr {
                format!("note des évaluateurs sur {out_of}, avec une appréciation écrite")
            } else {
                format!("evaluators' mark out of {out_of}, with a written appraisal")
            }
        }
        Rule::Price { method, n } => price_formula(*method, n.unwrap_or(2.0), lang),
    }
}

/// A price formula in words.
pub fn price_formula(method: PriceMethod, n: f64, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    match method {
        PriceMethod::Proportional => if fr {
            "prix, méthode proportionnelle : N = Nmax × Pmin / P"
        } else {
            "price, proportional method: N = Nmax × Pmin / P"
        }
        .into(),
        PriceMethod::Linear => if fr {
            "prix, méthode linéaire : N = Nmax × (Pmax − P) / (Pmax − Pmin)"
        } else {
            "price, linear method: N = Nmax × (Pmax − P) / (Pmax − Pmin)"
        }
        .into(),
        PriceMethod::Scale => {
            let n = number(n, 2, lang);
            if fr {
                format!(
                    "prix, barème des offres pertinentes : N = Nmax × ({n}·Pmin − P) / (({n} − 1)·Pmin), au moins 0"
                )
            } else {
                format!("price, scale of relevant offers: N = Nmax × ({n}·Pmin − P) / (({n} − 1)·Pmin), at least 0")
            }
        }
    }
}

/// A fraction as a percentage: `80 %` in French, `80%` in English.
pub fn percent(f: f64, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{}\u{202F}%", number(f * 100.0, 1, lang)),
        Lang::En => format!("{}%", number(f * 100.0, 1, lang)),
    }
}

/// The minimum requirement of a criterion in words.
pub fn requirement(c: &Criterion, e: &Eliminatory) -> Text {
    both(|lang| {
        let fr = lang == Lang::Fr;
        let unit = c.answer.unit().map(|u| u.symbol(lang)).unwrap_or_default();
        let q = |v: f64| format!("{} {unit}", number(v, 4, lang)).trim_end().to_string();
        let mut parts = Vec::new();
        if e.required {
            parts.push(if fr { "réponse obligatoire".to_string() } else { "answer required".to_string() });
        }
        if e.yes {
            parts.push(if fr { "réponse « oui » exigée".to_string() } else { "\"yes\" required".to_string() });
        }
        if let Some(min) = e.min {
            parts.push(if fr { format!("au moins {}", q(min)) } else { format!("at least {}", q(min)) });
        }
        if let Some(max) = e.max {
            parts.push(if fr { format!("au plus {}", q(max)) } else { format!("at most {}", q(max)) });
        }
        if !e.one_of.is_empty() {
            let names: Vec<String> = e
                .one_of
                .iter()
                .map(|id| {
                    c.answer
                        .options()
                        .iter()
                        .find(|o| &o.id == id)
                        .map(|o| o.label.get(lang).to_string())
                        .unwrap_or_else(|| id.clone())
                })
                .collect();
            parts.push(if fr {
                format!("l'une des options {}", names.join(", "))
            } else {
                format!("one of {}", names.join(", "))
            });
        }
        parts.join(if fr { " ; " } else { "; " })
    })
}

/// Whether a value meets a minimum requirement. No answer fails every condition.
pub fn meets(e: &Eliminatory, value: Option<&Value>) -> bool {
    let Some(value) = value else {
        return !(e.required || e.yes || e.min.is_some() || e.max.is_some() || !e.one_of.is_empty());
    };
    let number = match value {
        Value::Number(v) | Value::Price(v) => Some(*v),
        _ => None,
    };
    let yes_ok = !e.yes || *value == Value::Bool(true);
    let min_ok = e.min.is_none_or(|m| number.is_some_and(|v| v >= m));
    let max_ok = e.max.is_none_or(|m| number.is_some_and(|v| v <= m));
    let one_of_ok = e.one_of.is_empty() || matches!(value, Value::Choice(id) if e.one_of.contains(id));
    yes_ok && min_ok && max_ok && one_of_ok
}
