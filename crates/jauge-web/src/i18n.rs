//! The interface's words, French first, English available.

use jauge_engine::Lang;

/// The language's code for the `lang` attribute.
pub fn code(lang: Lang) -> &'static str {
    match lang {
        Lang::Fr => "fr",
        Lang::En => "en",
    }
}
