//! The interface's language code; its words are picked with [`jauge_engine::Lang::pick`].

use jauge_engine::Lang;

/// The language's code for the `lang` attribute.
pub fn code(lang: Lang) -> &'static str {
    lang.pick("fr", "en")
}
