//! What a JSON file gets wrong, from the parser's message, as data worded for a buyer: never the
//! parser's English ("unknown field `offers`", "invalid type: map, expected a sequence").

use serde::{Deserialize, Serialize};

use crate::text::Lang;

/// The shape of a JSON value, as a buyer is told about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Shape {
    /// `{ … }`.
    Object,
    /// `[ … ]`.
    List,
    /// `"…"`.
    Text,
    /// A number.
    Number,
    /// A whole number, zero or more.
    Count,
    /// `true` or `false`.
    YesNo,
    /// `null`.
    Nothing,
    /// Another shape, which the parser names in its own terms.
    Other,
}

impl Shape {
    /// Reads the parser's words for a shape (`map`, `a sequence`, `string "x"`, `u32`, `struct X`…).
    fn of(words: &str) -> Shape {
        let w = words.trim().trim_start_matches("a ").trim_start_matches("an ");
        let first = w.split([' ', '`']).next().unwrap_or_default();
        match first {
            "map" | "struct" | "internally" | "adjacently" | "enum" | "newtype" | "object" => Shape::Object,
            "sequence" | "seq" | "tuple" | "array" | "list" => Shape::List,
            "string" | "str" | "borrowed" | "char" | "character" => Shape::Text,
            "u8" | "u16" | "u32" | "u64" | "usize" => Shape::Count,
            "integer" | "floating" | "f32" | "f64" | "i8" | "i16" | "i32" | "i64" | "isize" | "number" => Shape::Number,
            "boolean" | "bool" => Shape::YesNo,
            "null" | "unit" | "option" => Shape::Nothing,
            _ => Shape::Other,
        }
    }

    fn describe(self, lang: Lang) -> &'static str {
        match self {
            Shape::Object => lang.pick("un objet { … }", "an object { … }"),
            Shape::List => lang.pick("une liste [ … ]", "a list [ … ]"),
            Shape::Text => lang.pick("un texte entre guillemets", "a text in quotes"),
            Shape::Number => lang.pick("un nombre", "a number"),
            Shape::Count => lang.pick("un nombre entier positif", "a whole number, zero or more"),
            Shape::YesNo => lang.pick("true ou false", "true or false"),
            Shape::Nothing => lang.pick("null", "null"),
            Shape::Other => lang.pick("une valeur d'une autre forme", "a value of another shape"),
        }
    }
}

/// What is wrong with a JSON text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum JsonProblem {
    /// Not JSON at all (a stray character, a missing comma or quote).
    NotJson,
    /// The text stops before its end (a file cut short).
    Truncated,
    /// Bytes that are no UTF-8 text (a file saved in another encoding, or not a text).
    NotUtf8,
    /// A field this kind of file does not have.
    UnknownField {
        /// The field.
        field: String,
        /// The fields expected there.
        expected: Vec<String>,
    },
    /// A field this kind of file requires.
    MissingField {
        /// The field.
        field: String,
    },
    /// A field given twice.
    DuplicateField {
        /// The field.
        field: String,
    },
    /// A value none of the expected ones.
    UnknownValue {
        /// The value.
        value: String,
        /// The values expected.
        expected: Vec<String>,
    },
    /// A value of the wrong shape (a list where an object is expected…).
    WrongShape {
        /// What was found.
        found: Shape,
        /// What was expected.
        expected: Shape,
    },
    /// A value of the right shape that is refused (a negative count…).
    WrongValue {
        /// The value as written.
        value: String,
        /// What was expected.
        expected: Shape,
    },
    /// An object with more entries than this kind of file may hold (the offer's answers: the
    /// entries past the limit are counted, never kept).
    TooMany {
        /// The entries the object has.
        count: usize,
        /// The most it may have.
        limit: usize,
    },
    /// Something else the parser refused (its words are not shown).
    Other,
}

/// How a deserialiser that counts an object's entries past a limit (`offer::capped`) says so to
/// [`JsonProblem::of`]: this prefix, the count, a space, the limit.
pub(crate) const TOO_MANY: &str = "jauge: too many entries: ";

/// The names between backticks in the parser's message, in order.
fn ticked(s: &str) -> Vec<String> {
    s.split('`').skip(1).step_by(2).map(str::to_string).collect()
}

impl JsonProblem {
    /// Classifies the parser's error.
    pub fn of(e: &serde_json::Error) -> JsonProblem {
        use serde_json::error::Category;
        match e.classify() {
            Category::Syntax => return JsonProblem::NotJson,
            Category::Eof => return JsonProblem::Truncated,
            Category::Io => return JsonProblem::Other,
            Category::Data => {}
        }
        // The message without its position (" at line L column C").
        let full = e.to_string();
        let message = full.rsplit_once(" at line ").map_or(full.as_str(), |(m, _)| m);
        if let Some((count, limit)) = message.strip_prefix(TOO_MANY).and_then(|rest| rest.split_once(' '))
            && let (Ok(count), Ok(limit)) = (count.parse(), limit.parse())
        {
            return JsonProblem::TooMany { count, limit };
        }
        let names = ticked(message);
        let first = names.first().cloned().unwrap_or_default();
        if message.starts_with("unknown field") {
            JsonProblem::UnknownField { field: first, expected: names.into_iter().skip(1).collect() }
        } else if message.starts_with("missing field") {
            JsonProblem::MissingField { field: first }
        } else if message.starts_with("duplicate field") {
            JsonProblem::DuplicateField { field: first }
        } else if message.starts_with("unknown variant") {
            JsonProblem::UnknownValue { value: first, expected: names.into_iter().skip(1).collect() }
        } else if let Some(rest) = message.strip_prefix("invalid type: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            JsonProblem::WrongShape { found: Shape::of(found), expected: Shape::of(expected) }
        } else if let Some(rest) = message.strip_prefix("invalid value: ") {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let value = ticked(found).into_iter().next().unwrap_or_default();
            JsonProblem::WrongValue { value, expected: Shape::of(expected) }
        } else {
            JsonProblem::Other
        }
    }

    /// The problem in words.
    pub fn describe(&self, lang: Lang) -> String {
        let list = |names: &[String]| crate::text::quoted(names, lang);
        match self {
            JsonProblem::NotJson => lang
                .pick(
                    "le texte n'est pas du JSON valide (caractère inattendu, virgule ou guillemet manquant)",
                    "the text is not valid JSON (an unexpected character, a missing comma or quote)",
                )
                .to_string(),
            JsonProblem::Truncated => lang
                .pick("le fichier s'arrête avant sa fin (tronqué ?)", "the file stops before its end (cut short?)")
                .to_string(),
            JsonProblem::NotUtf8 => lang
                .pick(
                    "le texte n'est pas en UTF-8 (fichier enregistré dans un autre codage, ou qui n'est pas du texte)",
                    "the text is not in UTF-8 (a file saved in another encoding, or not a text)",
                )
                .to_string(),
            JsonProblem::UnknownField { field, expected } if expected.is_empty() => {
                lang.pick(format!("champ « {field} » inconnu ici"), format!("unknown field \"{field}\" here"))
            }
            JsonProblem::UnknownField { field, expected } => lang.pick(
                format!("champ « {field} » inconnu ici ; champs possibles : {}", list(expected)),
                format!("unknown field \"{field}\" here; possible fields: {}", list(expected)),
            ),
            JsonProblem::MissingField { field } => {
                lang.pick(format!("champ « {field} » manquant"), format!("field \"{field}\" missing"))
            }
            JsonProblem::DuplicateField { field } => {
                lang.pick(format!("champ « {field} » donné deux fois"), format!("field \"{field}\" given twice"))
            }
            JsonProblem::UnknownValue { value, expected } => lang.pick(
                format!("valeur « {value} » inconnue ; valeurs possibles : {}", list(expected)),
                format!("unknown value \"{value}\"; possible values: {}", list(expected)),
            ),
            JsonProblem::WrongShape { found, expected } => lang.pick(
                format!("attendu : {} ; trouvé : {}", expected.describe(lang), found.describe(lang)),
                format!("expected: {}; found: {}", expected.describe(lang), found.describe(lang)),
            ),
            JsonProblem::WrongValue { value, expected } => lang.pick(
                format!("valeur « {value} » refusée ; attendu {}", expected.describe(lang)),
                format!("value \"{value}\" refused; expected {}", expected.describe(lang)),
            ),
            JsonProblem::TooMany { count, limit } => {
                let (count, limit) =
                    (crate::text::number(*count as f64, 0, lang), crate::text::number(*limit as f64, 0, lang));
                lang.pick(
                    format!("{count} éléments, au-delà de la limite de {limit}"),
                    format!("{count} entries, over the limit of {limit}"),
                )
            }
            JsonProblem::Other => lang
                .pick("contenu inattendu pour ce genre de fichier", "unexpected content for this kind of file")
                .to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    struct File {
        format: String,
        offers: Vec<Item>,
        #[serde(default)]
        count: u32,
    }
    #[allow(dead_code)]
    #[derive(Deserialize, Debug)]
    #[serde(rename_all = "snake_case")]
    enum Item {
        Grid,
        Offer,
    }

    fn problem(text: &str) -> String {
        let e = serde_json::from_str::<File>(text).expect_err("refused");
        let p = JsonProblem::of(&e);
        let (fr, en) = (p.describe(Lang::Fr), p.describe(Lang::En));
        // Never the parser's own words.
        for parser in ["invalid type", "invalid value", "unknown variant", "sequence", "map,", "`"] {
            assert!(!fr.contains(parser) && !en.contains(parser), "{fr} / {en}");
        }
        fr
    }

    #[test]
    fn the_parsers_english_becomes_a_buyers_words() {
        let cases = [
            (
                r#"{"format": "x", "offers": [], "offres": 1}"#,
                "champ « offres » inconnu ici ; champs possibles : « format », « offers », « count »",
            ),
            (r#"{"format": "x"}"#, "champ « offers » manquant"),
            (r#"{"format": "x", "offers": {"a": 1}}"#, "attendu : une liste [ … ] ; trouvé : un objet { … }"),
            (
                r#"{"format": "x", "offers": ["lot"]}"#,
                "valeur « lot » inconnue ; valeurs possibles : « grid », « offer »",
            ),
            (r#"{"format": 3, "offers": []}"#, "attendu : un texte entre guillemets ; trouvé : un nombre"),
            (
                r#"{"format": "x", "offers": [], "count": -1}"#,
                "valeur « -1 » refusée ; attendu un nombre entier positif",
            ),
            (r#"{"format": "x", "format": "y", "offers": []}"#, "champ « format » donné deux fois"),
            (
                r#"{"format": "x", "offers": [}"#,
                "le texte n'est pas du JSON valide (caractère inattendu, virgule ou guillemet manquant)",
            ),
            (r#"{"format": "x", "offers": ["#, "le fichier s'arrête avant sa fin (tronqué ?)"),
        ];
        for (text, want) in cases {
            assert_eq!(problem(text), want, "{text}");
        }
    }
}
