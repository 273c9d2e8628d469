//! Bilingual text (French first, English available) and number formatting for messages.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The language of the interface and of the generated explanations.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// French, the default: Jauge's users are French public buyers.
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// The French words or the English ones, by language: the one way Jauge picks its words.
    pub fn pick<T>(self, fr: T, en: T) -> T {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }
}

/// A text in French, with an optional English translation.
///
/// Grid files must give the French text; the English one falls back to French when absent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema, Default)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// French text (required).
    pub fr: String,
    /// English text (optional; French is shown when it is missing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub en: Option<String>,
}

impl Text {
    /// A text given in both languages.
    pub fn new(fr: impl Into<String>, en: impl Into<String>) -> Text {
        Text { fr: fr.into(), en: Some(en.into()) }
    }

    /// The text in `lang`, falling back to French.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) => en,
            _ => &self.fr,
        }
    }
}

/// The colon between a label and its value: French typography puts a space before it.
pub fn colon(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => " : ",
        Lang::En => ": ",
    }
}

/// Formats a number for a message: at most `decimals` decimals, trailing zeros dropped,
/// a decimal comma and narrow no-break spaces as thousands separators in French.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let fixed = format!("{:.*}", decimals, value);
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i.to_string(), f.trim_end_matches('0').to_string()),
        None => (fixed.clone(), String::new()),
    };
    let (sign, digits) = match int_part.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", int_part.as_str()),
    };
    let sep = match lang {
        Lang::Fr => '\u{202F}',
        Lang::En => ',',
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(sep);
        }
        grouped.push(c);
    }
    let sign = if grouped.chars().all(|c| c == '0' || c == sep) && frac_part.is_empty() { "" } else { sign };
    if frac_part.is_empty() {
        format!("{sign}{grouped}")
    } else {
        let point = if lang == Lang::Fr { ',' } else { '.' };
        format!("{sign}{grouped}{point}{frac_part}")
    }
}

/// Whether a noun after `value` is singular: in French under two (`1,5 point`, `0 remarque`), in
/// English for one as written to two decimals (`1 point`, `1.5 points`).
pub fn singular(value: f64, lang: Lang) -> bool {
    match lang {
        Lang::Fr => value.abs() < 2.0,
        Lang::En => number(value, 2, lang) == "1",
    }
}

/// A number of points with the noun agreed: `1,5 point` and `2 points` in French (singular under
/// two), `1 point` and `1.5 points` in English.
pub fn points(value: f64, lang: Lang) -> String {
    let noun = if singular(value, lang) { "point" } else { "points" };
    format!("{} {noun}", number(value, 2, lang))
}

/// `de` before a name in French, elided before a vowel (`d'Éco Portail`, `de Nuage`), or `of`:
/// the name after the preposition, e.g. "Voir le détail d'Armor Numérique".
pub fn of(name: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("of {name}"),
        Lang::Fr => {
            let first = name.trim_start().chars().next().map(|c| c.to_lowercase().next().unwrap_or(c));
            let vowel = first.is_some_and(|c| "aàâäeéèêëiîïoôöuùûüyœæ".contains(c));
            if vowel { format!("d'{name}") } else { format!("de {name}") }
        }
    }
}

/// A count with its noun agreed, from the singular and plural of each language:
/// `count(2, ("remarque", "remarques"), ("note", "notes"), lang)` is `2 remarques`. French takes the
/// singular under two (`0 remarque`, `1 remarque`), English only for one.
pub fn count(n: usize, fr: (&str, &str), en: (&str, &str), lang: Lang) -> String {
    let (one, many) = lang.pick(fr, en);
    format!("{n} {}", if singular(n as f64, lang) { one } else { many })
}

/// Names quoted as each language quotes them and listed: `« a », « b »`, `"a", "b"`.
pub fn quoted(names: &[String], lang: Lang) -> String {
    let quote = |n: &String| lang.pick(format!("« {n} »"), format!("\"{n}\""));
    names.iter().map(quote).collect::<Vec<_>>().join(", ")
}

/// Builds a [`Text`] from one formatting closure called once per language.
pub fn both(f: impl Fn(Lang) -> String) -> Text {
    Text { fr: f(Lang::Fr), en: Some(f(Lang::En)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_numbers_in_both_languages() {
        assert_eq!(number(1234.5, 2, Lang::Fr), "1\u{202F}234,5");
        assert_eq!(number(1234.5, 2, Lang::En), "1,234.5");
        assert_eq!(number(99.0, 2, Lang::Fr), "99");
        assert_eq!(number(-0.001, 2, Lang::Fr), "0");
        assert_eq!(number(-12.346, 2, Lang::En), "-12.35");
        assert_eq!(number(1_000_000.0, 0, Lang::En), "1,000,000");
    }

    #[test]
    fn agrees_points() {
        assert_eq!(points(1.5, Lang::Fr), "1,5 point");
        assert_eq!(points(2.0, Lang::Fr), "2 points");
        assert_eq!(points(1.0, Lang::En), "1 point");
        assert_eq!(points(0.0, Lang::En), "0 points");
    }

    #[test]
    fn elides_and_agrees() {
        assert_eq!(of("Éco Portail", Lang::Fr), "d'Éco Portail");
        assert_eq!(of("armor", Lang::Fr), "d'armor");
        assert_eq!(of("Nuage", Lang::Fr), "de Nuage");
        assert_eq!(of("Nuage", Lang::En), "of Nuage");
        assert_eq!(count(0, ("remarque", "remarques"), ("note", "notes"), Lang::Fr), "0 remarque");
        assert_eq!(count(2, ("remarque", "remarques"), ("note", "notes"), Lang::Fr), "2 remarques");
        assert_eq!(count(0, ("remarque", "remarques"), ("note", "notes"), Lang::En), "0 notes");
        assert_eq!(count(1, ("remarque", "remarques"), ("note", "notes"), Lang::En), "1 note");
    }

    #[test]
    fn english_falls_back_to_french() {
        let t = Text { fr: "Oui".into(), en: None };
        assert_eq!(t.get(Lang::En), "Oui");
        assert_eq!(Text::new("Oui", "Yes").get(Lang::En), "Yes");
    }
}
