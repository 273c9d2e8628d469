//! The CLI's own messages about offers, worded in the interface's language.

use jauge_engine::Lang;
use jauge_engine::offer::Found;

/// Why `reference` (in a marks file, a record file or `--offer`) designates no single offer.
pub fn unfound(reference: &str, found: &Found, lang: Lang) -> String {
    match (found, lang) {
        (Found::Several(labels), Lang::Fr) => format!(
            "« {reference} » désigne plusieurs offres ({}) ; donnez l'identifiant de l'offre (les premiers chiffres de son empreinte SHA-256)",
            labels.join(", ")
        ),
        (Found::Several(labels), Lang::En) => format!(
            "\"{reference}\" designates several offers ({}); give the offer's identity (the first digits of its SHA-256 fingerprint)",
            labels.join(", ")
        ),
        (_, Lang::Fr) => format!("« {reference} » ne correspond à aucune offre"),
        (_, Lang::En) => format!("\"{reference}\" matches no offer"),
    }
}

/// A file whose bytes are those of a file read before it: the same offer, counted once.
pub fn same_file(file: &str, first: &str, lang: Lang) -> String {
    match lang {
        Lang::Fr => format!("{file} : même contenu que {first} (même empreinte SHA-256) ; offre comptée une fois"),
        Lang::En => format!("{file}: same content as {first} (same SHA-256 fingerprint); offer counted once"),
    }
}
