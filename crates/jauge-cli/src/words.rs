//! The CLI's own messages about offers, worded in the interface's language.

use jauge_engine::Lang;
use jauge_engine::offer::Found;

/// Why `reference` (in a marks file, a record file or `--offer`) designates no single offer.
pub fn unfound(reference: &str, found: &Found, lang: Lang) -> String {
    match found {
        Found::Several(labels) => {
            let labels = labels.join(", ");
            lang.pick(
                format!(
                    "« {reference} » désigne plusieurs offres ({labels}) ; donnez l'identifiant de l'offre (les premiers chiffres de son empreinte SHA-256)"
                ),
                format!(
                    "\"{reference}\" designates several offers ({labels}); give the offer's identity (the first digits of its SHA-256 fingerprint)"
                ),
            )
        }
        _ => lang
            .pick(format!("« {reference} » ne correspond à aucune offre"), format!("\"{reference}\" matches no offer")),
    }
}

/// A file whose bytes are those of a file read before it: the same offer, counted once.
pub fn same_file(file: &str, first: &str, lang: Lang) -> String {
    lang.pick(
        format!("{file} : même contenu que {first} (même empreinte SHA-256) ; offre comptée une fois"),
        format!("{file}: same content as {first} (same SHA-256 fingerprint); offer counted once"),
    )
}
