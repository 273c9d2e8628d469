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
    written(value, decimals, false, lang)
}

/// Formats a number with exactly `decimals` decimals (`67,80` beside `74,74`), as a column of
/// figures reads best; otherwise as [`number`].
pub fn number_fixed(value: f64, decimals: usize, lang: Lang) -> String {
    written(value, decimals, true, lang)
}

fn written(value: f64, decimals: usize, padded: bool, lang: Lang) -> String {
    if !value.is_finite() {
        return value.to_string();
    }
    let fixed = fixed(value, decimals);
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, f.trim_end_matches('0')),
        None => (fixed.as_str(), ""),
    };
    let zero = int_part.trim_start_matches('-').bytes().all(|b| b == b'0') && frac_part.is_empty();
    let frac_part = if padded { format!("{frac_part:0<decimals$}") } else { frac_part.to_string() };
    let (negative, digits) = match int_part.strip_prefix('-') {
        Some(d) => (true, d),
        None => (false, int_part),
    };
    let sep = lang.pick('\u{202F}', ',');
    let mut out = String::with_capacity(fixed.len() + digits.len() + 2);
    if negative && !zero {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(lang.pick(',', '.'));
        out.push_str(&frac_part);
    }
    out
}

/// `value` written with exactly `decimals` decimals, as `format!("{value:.decimals$}")` writes it,
/// trailing zeros aside. The shortest decimal that reads back as `value` is that figure when it
/// has no more decimals and a unit in the last place of `value` is below 10^−decimals (then only
/// one figure of `decimals` decimals lies within half a unit of `value`); it is much quicker to
/// find than the exact expansion, which is the fallback.
fn fixed(value: f64, decimals: usize) -> String {
    let short = value.to_string();
    let places = short.split_once('.').map_or(0, |(_, f)| f.len());
    let scale = i32::try_from(decimals).map_or(f64::INFINITY, |d| 10f64.powi(d));
    // 2^52: below it, value × 10^decimals < 2^52 makes a unit in the last place below 10^−decimals.
    if places <= decimals && (value.abs() * scale) < 4_503_599_627_370_496.0 {
        short
    } else {
        format!("{:.*}", decimals, value)
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

/// Items listed as a sentence lists them: `a, b et c`, `a, b and c`.
pub fn listed(items: &[impl AsRef<str>], lang: Lang) -> String {
    match items {
        [] => String::new(),
        [one] => one.as_ref().to_string(),
        [first @ .., last] => {
            let first: Vec<&str> = first.iter().map(AsRef::as_ref).collect();
            format!("{}{}{}", first.join(", "), lang.pick(" et ", " and "), last.as_ref())
        }
    }
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
    fn a_column_of_figures_keeps_its_decimals() {
        let cases = [
            (67.8, 2, Lang::Fr, "67,80"),
            (74.74, 2, Lang::Fr, "74,74"),
            (40.0, 2, Lang::Fr, "40,00"),
            (1234.5, 2, Lang::En, "1,234.50"),
            (-0.001, 2, Lang::Fr, "0,00"),
            (-12.346, 2, Lang::En, "-12.35"),
            (0.1 + 0.2, 3, Lang::En, "0.300"),
            (67.8, 0, Lang::Fr, "68"),
        ];
        for (value, decimals, lang, written) in cases {
            assert_eq!(number_fixed(value, decimals, lang), written, "{value} to {decimals}");
            // The same figure as `number`, zeros aside.
            assert_eq!(number(value, decimals, lang), written.trim_end_matches('0').trim_end_matches([',', '.']));
        }
    }

    /// The integer part and the decimals without their trailing zeros.
    fn parts(figure: &str) -> (&str, &str) {
        figure.split_once('.').map_or((figure, ""), |(i, f)| (i, f.trim_end_matches('0')))
    }

    #[test]
    fn the_shortest_figure_is_the_exact_one_when_it_is_short_enough() {
        // Halves written in binary, figures that are not, large and tiny values, negative zero.
        let values = [
            0.0,
            -0.0,
            0.125,
            0.35,
            2.675,
            1.005,
            99.9,
            0.1 + 0.2,
            1e15 + 0.3,
            123_456_789.123_456,
            4.5e15,
            1e22,
            -12.346,
            5e-7,
            1.0 / 3.0,
            2.5,
            -0.000_04,
        ];
        for v in values {
            for d in 0..8 {
                assert_eq!(parts(&fixed(v, d)), parts(&format!("{v:.d$}")), "{v} to {d}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_written_as_the_exact_expansion(v in proptest::num::f64::NORMAL, d in 0usize..8) {
            let (quick, exact) = (fixed(v, d), format!("{v:.d$}"));
            proptest::prop_assert_eq!(parts(&quick), parts(&exact));
        }
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
