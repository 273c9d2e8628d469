//! The small pieces of wording the letters share: quotation marks by language, an answer quoted
//! with how it was read, a sentence made of a finding, the lot's name.

use jauge_engine::Lang;

/// Words in quotation marks: « … » in French, “…” in English.
pub(crate) fn quote(words: &str, lang: Lang) -> String {
    lang.pick(format!("« {words} »"), format!("\u{201c}{words}\u{201d}"))
}

/// Words quoted with straight double quotes made typographic in English (`"yes" required` →
/// `“yes” required`): the engine's English wording, in a letter beside its own quotations.
pub(crate) fn curly(words: &str, lang: Lang) -> String {
    // French keeps whatever it was given (its own quotes are « »).
    let (opening, closing) = lang.pick(('"', '"'), ('\u{201c}', '\u{201d}'));
    let mut open = false;
    words
        .chars()
        .map(|c| match c {
            '"' => {
                open = !open;
                if open { opening } else { closing }
            }
            c => c,
        })
        .collect()
}

/// A bidder's answer as the letter quotes it: its own words, and how they were read when the
/// reading differs (`« N/A », lu comme une absence de réponse`); no answer at all is said so.
pub(crate) fn answer(raw: Option<&str>, read: Option<&str>, lang: Lang) -> String {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty());
    let read = read.map(str::trim).filter(|r| !r.is_empty());
    match (raw, read) {
        (None, None) => lang.pick("pas de réponse", "no answer").to_string(),
        (None, Some(read)) => read.to_string(),
        (Some(raw), None) => {
            format!("{}{}", quote(raw, lang), lang.pick(", lu comme une absence de réponse", ", read as no answer"))
        }
        (Some(raw), Some(read)) if same_words(raw, read) => quote(raw, lang),
        (Some(raw), Some(read)) => format!("{}{} {read}", quote(raw, lang), lang.pick(", lu comme", ", read as")),
    }
}

/// A clause as a sentence of its own: the first letter upper-case, a period at the end.
pub(crate) fn sentence(clause: &str) -> String {
    let clause = clause.trim().trim_end_matches([';', ',', ':']).trim_end();
    let mut chars = clause.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().collect()).unwrap_or_default();
    out += chars.as_str();
    if !out.is_empty() && !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// A lot as a letter names it: `2 — Tierce maintenance applicative`.
pub(crate) fn lot(id: &str, title: &str) -> String {
    match (id.trim(), title.trim()) {
        (id, "") => id.to_string(),
        ("", title) => title.to_string(),
        (id, title) => format!("{id} — {title}"),
    }
}

/// Whether two spellings say the same once case and spaces are set aside (`Oui` and `oui`).
fn same_words(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    fold(a) == fold(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotation_marks_follow_the_language() {
        assert_eq!(quote("Prix", Lang::Fr), "« Prix »");
        assert_eq!(quote("Price", Lang::En), "\u{201c}Price\u{201d}");
        assert_eq!(
            curly("\"yes\" required, \"no\" refused", Lang::En),
            "\u{201c}yes\u{201d} required, \u{201c}no\u{201d} refused"
        );
        assert_eq!(curly("réponse « oui » exigée", Lang::Fr), "réponse « oui » exigée");
    }

    #[test]
    fn an_answer_is_quoted_with_how_it_was_read() {
        let cases = [
            (Some("N/A"), None, Lang::Fr),
            (Some("N/A"), None, Lang::En),
            (Some("Non"), Some("non"), Lang::Fr),
            (Some("98,5 %"), Some("98,5 %"), Lang::Fr),
            (Some("6 mois"), Some("180 j"), Lang::Fr),
            (Some("6 mois"), Some("180 d"), Lang::En),
            (None, Some("oui"), Lang::Fr),
            (None, None, Lang::Fr),
            (Some("  "), None, Lang::En),
        ];
        let shown: Vec<String> = cases.iter().map(|(r, v, l)| answer(*r, *v, *l)).collect();
        expect_test::expect![[r#"
            [
                "« N/A », lu comme une absence de réponse",
                "“N/A”, read as no answer",
                "« Non »",
                "« 98,5 % »",
                "« 6 mois », lu comme 180 j",
                "“6 mois”, read as 180 d",
                "oui",
                "pas de réponse",
                "no answer",
            ]
        "#]]
        .assert_debug_eq(&shown);
    }

    #[test]
    fn clauses_become_sentences_and_lots_have_their_separator() {
        assert_eq!(sentence("bordereau, ligne 3.1 : prix absent"), "Bordereau, ligne 3.1 : prix absent.");
        assert_eq!(sentence("déjà une phrase."), "Déjà une phrase.");
        assert_eq!(sentence("écart ;"), "Écart.");
        assert_eq!(sentence(""), "");
        assert_eq!(lot("2", "Tierce maintenance applicative"), "2 — Tierce maintenance applicative");
        assert_eq!(lot("2", ""), "2");
    }

    #[test]
    fn names_are_elided_before_a_vowel() {
        // The engine's preposition, as the letters use it: `celle d'Armor Cloud`.
        let of = |n: &str| jauge_engine::text::of(n, Lang::Fr);
        assert_eq!(of("Armor Cloud"), "d'Armor Cloud");
        assert_eq!(of("Éco Portail Express"), "d'Éco Portail Express");
        assert_eq!(of("Kerlann Numérique"), "de Kerlann Numérique");
        assert_eq!(jauge_engine::text::of("Armor Cloud", Lang::En), "of Armor Cloud");
    }
}
