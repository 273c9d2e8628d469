//! The CLI's own messages about offers, worded in the interface's language.

use std::collections::BTreeMap;

use jauge_engine::offer::{Found, OfferId};
use jauge_engine::session::FileCheck;
use jauge_engine::{Lang, text};

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
        Found::Again(first) => lang.pick(
            format!("« {reference} » désigne la même offre que « {first} » : notes non importées ; n'en garder qu'une entrée"),
            format!("\"{reference}\" designates the same offer as \"{first}\": marks not imported; keep only one entry"),
        ),
        Found::None | Found::One(_) => lang
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

/// One line of `jauge verify`.
pub fn verification(v: &FileCheck, labels: &BTreeMap<OfferId, String>, lang: Lang) -> String {
    let name = |id: &OfferId| labels.get(id).cloned().unwrap_or_else(|| id.short().to_string());
    match v {
        FileCheck::Verified { offer, file } => lang.pick(
            format!("vérifiée : {} — reçue dans {file}, même empreinte, lue comme la session l'enregistre", name(offer)),
            format!("verified: {} — received as {file}, same fingerprint, reads as the session records", name(offer)),
        ),
        FileCheck::ReadDifferently { offer, file } => lang.pick(
            format!(
                "DIFFÉRENTE : {} — {file} a la même empreinte mais ne se lit pas comme la session l'enregistre (session modifiée après lecture, ou lue par une autre version de Jauge)",
                name(offer)
            ),
            format!(
                "DIFFERENT: {} — {file} has the same fingerprint but does not read as the session records (session edited after reading, or read by another version of Jauge)",
                name(offer)
            ),
        ),
        FileCheck::Missing { offer } => lang.pick(
            format!("MANQUANTE : {} — aucun fichier donné n'a son empreinte SHA-256", name(offer)),
            format!("MISSING: {} — no file given has its SHA-256 fingerprint", name(offer)),
        ),
        FileCheck::NoFile { offer } => lang.pick(
            format!("non vérifiable : {} — offre sans fichier d'origine dans la session", name(offer)),
            format!("not verifiable: {} — offer without its original file in the session", name(offer)),
        ),
        FileCheck::NotInSession { file } => lang.pick(
            format!("HORS SESSION : {file} — aucune offre de la session ne vient de ce fichier"),
            format!("NOT IN SESSION: {file} — no offer of the session comes from this file"),
        ),
    }
}

/// The last line of `jauge verify`.
pub fn verified(verified: usize, offers: usize, lang: Lang) -> String {
    let fr = text::count(verified, ("offre vérifiée", "offres vérifiées"), ("", ""), Lang::Fr);
    let en = text::count(offers, ("offer", "offers"), ("offer", "offers"), Lang::En);
    lang.pick(format!("{fr} sur {offers}"), format!("{verified} of {en} verified"))
}

/// `--lot` given for a grid without lots.
pub fn no_lots(lot: &str, lang: Lang) -> String {
    lang.pick(format!("--lot {lot} : la grille n'a pas de lots"), format!("--lot {lot}: the grid has no lots"))
}

/// `--lot` naming a lot the grid does not have.
pub fn unknown_lot(lot: &str, ids: &[&str], lang: Lang) -> String {
    let ids = ids.join(", ");
    lang.pick(
        format!("la grille n'a pas de lot « {lot} » ; ses lots : {ids}"),
        format!("the grid has no lot \"{lot}\"; its lots: {ids}"),
    )
}

/// `--optional-services` names a group that is not an optional group of the grid's schedules.
pub fn unknown_optional_service(group: &str, ids: &[&str], lang: Lang) -> String {
    match ids.is_empty() {
        true => lang.pick(
            format!("« {group} » : les bordereaux de la grille n'ont pas de prestation supplémentaire éventuelle"),
            format!("\"{group}\": the grid's schedules have no optional services"),
        ),
        false => {
            let ids = ids.join(", ");
            lang.pick(
                format!("« {group} » n'est pas une prestation supplémentaire éventuelle des bordereaux ; celles de la grille : {ids}"),
                format!("\"{group}\" is not an optional service of the schedules; the grid's: {ids}"),
            )
        }
    }
}

/// `evaluate --lines` for a grid with lots without `--lot`.
pub fn lines_need_lot(lang: Lang) -> String {
    lang.pick(
        "la grille a des lots : --lines écrit la comparaison ligne par ligne d'un lot, choisi par --lot",
        "the grid has lots: --lines writes one lot's line-by-line comparison, chosen with --lot",
    )
    .to_string()
}

/// `evaluate --lines` for a grid whose price has no schedule.
pub fn no_schedule(lang: Lang) -> String {
    lang.pick(
        "--lines : la grille n'a pas de bordereau de prix, il n'y a pas de comparaison ligne par ligne",
        "--lines: the grid has no price schedule, there is no line-by-line comparison",
    )
    .to_string()
}

/// CSV asked for a grid with lots without `--lot`: one ranking per file.
pub fn csv_needs_lot(lang: Lang) -> String {
    lang.pick(
        "la grille a des lots : le format csv donne le classement d'un lot, choisi par --lot",
        "the grid has lots: the csv format gives one lot's ranking, chosen with --lot",
    )
    .to_string()
}

/// A round kind the command line does not know.
pub fn round_kind(kind: &str, lang: Lang) -> String {
    lang.pick(
        format!("tour « {kind} » inconnu ; attendu negotiated (offres après négociation) ou final (offres finales)"),
        format!("unknown round \"{kind}\"; expected negotiated (offers after negotiation) or final (final offers)"),
    )
}

/// A round added to a session.
pub fn round_written(number: u32, offers: usize, lang: Lang) -> String {
    let offers = jauge_engine::text::count(offers, ("offre", "offres"), ("offer", "offers"), lang);
    lang.pick(
        format!("session écrite, tour {number} ajouté ({offers})"),
        format!("session written, round {number} added ({offers})"),
    )
}

/// A file the system would not read or write, in `lang`: `action` (« lecture de X ») and why, in
/// the user's language for the usual reasons, in the system's own words for the others.
pub fn io_failure(action: &str, e: &std::io::Error, lang: Lang) -> anyhow::Error {
    use std::io::ErrorKind::*;
    let why = match e.kind() {
        NotFound => lang.pick("fichier ou dossier introuvable", "no such file or folder"),
        PermissionDenied => lang.pick("accès refusé", "permission denied"),
        IsADirectory => lang.pick("c'est un dossier, pas un fichier", "it is a folder, not a file"),
        NotADirectory => lang.pick("un élément du chemin n'est pas un dossier", "a part of the path is not a folder"),
        InvalidData => lang.pick("le texte n'est pas en UTF-8", "the text is not UTF-8"),
        StorageFull => lang.pick("plus de place sur le disque", "no space left on the device"),
        ReadOnlyFilesystem => lang.pick("disque en lecture seule", "read-only file system"),
        _ => {
            let system = lang.pick("erreur du système", "system error");
            return anyhow::anyhow!("{action}{}{system} ({e})", text::colon(lang));
        }
    };
    anyhow::anyhow!("{action}{}{why}", text::colon(lang))
}
