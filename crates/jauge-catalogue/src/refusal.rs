//! Why a catalogue, its signature or one of its grids is refused, as a code and its data; the words
//! in both languages are in [`Refusal::describe`]. Serialised `{"code": "fingerprint", "data": {…}}`
//! as the engine's errors are, so that a page can word it itself or recognise it by its code.

use jauge_engine::diff::Bump;
use jauge_engine::{Error, Lang};
use serde::{Deserialize, Serialize};

/// Why a catalogue, its signature or a grid it lists is refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Refusal {
    /// The catalogue is not JSON, or not shaped as `jauge-catalogue/1`.
    Syntax {
        /// Where in the catalogue (empty for the whole file).
        path: String,
        /// Line (1-based).
        line: usize,
        /// Column (1-based).
        column: usize,
    },
    /// The file's `format` is not `jauge-catalogue/1`.
    Format {
        /// The format found (empty when absent).
        found: String,
    },
    /// A grid's address leaves the catalogue's folder (`..`, an absolute path, a scheme).
    UnsafePath {
        /// The address.
        file: String,
    },
    /// The public key given is not a minisign Ed25519 public key.
    PublicKey,
    /// The signature file is missing.
    NoSignature,
    /// The signature is not a minisign signature.
    SignatureUnreadable,
    /// The catalogue was signed with another key than the one pinned.
    OtherKey {
        /// The pinned key's id.
        expected: String,
        /// The id of the key that signed.
        found: String,
    },
    /// The signature does not match the catalogue: it was changed after being signed.
    BadSignature,
    /// A grid file listed by the catalogue is missing.
    MissingFile {
        /// Its address.
        file: String,
    },
    /// A grid file is not a valid grid.
    Grid {
        /// Its address.
        file: String,
        /// Why.
        error: Box<Error>,
    },
    /// A grid file's fingerprint is not the one the catalogue records: it was changed.
    Fingerprint {
        /// Its address.
        file: String,
        /// The fingerprint the catalogue records.
        expected: String,
        /// The file's.
        found: String,
    },
    /// A grid file is another grid or version than its entry says.
    Identity {
        /// Its address.
        file: String,
        /// `id@version` the catalogue records.
        expected: String,
        /// `id@version` of the file.
        found: String,
    },
    /// Building: no publisher given, and no previous catalogue to take it from.
    NoPublisher,
    /// Building: two files hold the same grid version.
    Duplicate {
        /// The grid's id.
        id: String,
        /// The version.
        version: String,
        /// The first file.
        first: String,
        /// The second file.
        second: String,
    },
    /// Building: a version already published changed; publish it under a new version number.
    Republished {
        /// The grid's id.
        id: String,
        /// The version.
        version: String,
        /// The fingerprint published.
        published: String,
        /// The fingerprint of the file now.
        found: String,
    },
    /// Building: a version to withdraw is not in the folder.
    UnknownRelease {
        /// The `id@version` given.
        reference: String,
    },
    /// A secret key is in the folder published: it must be kept elsewhere (and replaced, if the
    /// folder was already shared).
    SecretKeyInFolder {
        /// The file.
        file: String,
    },
    /// Verifying a folder: a grid file (JSON) the signed catalogue does not list, added after it
    /// was built: nothing vouches for it.
    NotInCatalogue {
        /// The file, relative to the folder.
        file: String,
    },
    /// Signing: the secret key cannot be read (damaged, or encrypted and no password or a wrong one).
    SecretKey,
    /// Signing or making a key failed (no randomness available…).
    Signing,
}

/// Accepted when building a catalogue, but worth the structure's attention.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Notice {
    /// A version number that is a smaller step than its changes call for (a weight changed in a
    /// patch version).
    VersionStep {
        /// The grid's id.
        id: String,
        /// The previous version.
        from: String,
        /// The version that understates its changes.
        to: String,
        /// The step the changes call for.
        needed: Bump,
        /// The version suggested.
        suggested: String,
    },
    /// A version the previous catalogue listed (not as a draft) is no longer in the folder: members
    /// who use it can no longer check it against the catalogue.
    Dropped {
        /// The grid's id.
        id: String,
        /// The version.
        version: String,
        /// Its status in the previous catalogue.
        status: crate::Status,
    },
}

fn short(fingerprint: &str) -> &str {
    fingerprint.get(..16).unwrap_or(fingerprint)
}

impl Refusal {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Refusal::Syntax { path, line, column } => {
                let at = if path.is_empty() { String::new() } else { format!(" ({path})") };
                lang.pick(
                    format!("le catalogue n'est pas un fichier jauge-catalogue/1 lisible : ligne {line}, colonne {column}{at}"),
                    format!("the catalogue is not a readable jauge-catalogue/1 file: line {line}, column {column}{at}"),
                )
            }
            Refusal::Format { found } => lang.pick(
                format!("format « {found} » inconnu : un catalogue est au format jauge-catalogue/1"),
                format!("unknown format \"{found}\": a catalogue is in the jauge-catalogue/1 format"),
            ),
            Refusal::UnsafePath { file } => lang.pick(
                format!("l'adresse « {file} » sort du dossier du catalogue : attendu un chemin relatif, sans « .. »"),
                format!("the address \"{file}\" leaves the catalogue's folder: expected a relative path, without \"..\""),
            ),
            Refusal::PublicKey => lang
                .pick(
                    "la clé publique n'est pas une clé minisign (Ed25519)",
                    "the public key is not a minisign (Ed25519) key",
                )
                .to_string(),
            Refusal::NoSignature => lang
                .pick(
                    "le catalogue n'est pas signé : le fichier de signature catalogue.json.minisig est absent",
                    "the catalogue is not signed: the signature file catalogue.json.minisig is missing",
                )
                .to_string(),
            Refusal::SignatureUnreadable => lang
                .pick("la signature n'est pas une signature minisign lisible", "the signature is not a readable minisign signature")
                .to_string(),
            Refusal::OtherKey { expected, found } => lang.pick(
                format!("catalogue signé par une autre clé ({found}) que celle de la structure ({expected}) : il ne vient pas d'elle"),
                format!("catalogue signed by another key ({found}) than the structure's ({expected}): it does not come from it"),
            ),
            Refusal::BadSignature => lang
                .pick(
                    "la signature ne correspond pas au catalogue : il a été modifié après avoir été signé",
                    "the signature does not match the catalogue: it was changed after being signed",
                )
                .to_string(),
            Refusal::MissingFile { file } => {
                lang.pick(format!("{file} : fichier absent"), format!("{file}: file missing"))
            }
            Refusal::Grid { file, error } => format!("{file}{}{}", jauge_engine::text::colon(lang), error.describe(lang)),
            Refusal::Fingerprint { file, expected, found } => lang.pick(
                format!(
                    "{file} : empreinte {}… au lieu de {}… inscrite au catalogue : la grille a été modifiée après publication",
                    short(found),
                    short(expected)
                ),
                format!(
                    "{file}: fingerprint {}… instead of {}… recorded in the catalogue: the grid was changed after publication",
                    short(found),
                    short(expected)
                ),
            ),
            Refusal::Identity { file, expected, found } => lang.pick(
                format!("{file} : la grille est {found}, le catalogue annonce {expected}"),
                format!("{file}: the grid is {found}, the catalogue lists {expected}"),
            ),
            Refusal::NoPublisher => lang
                .pick(
                    "éditeur du catalogue inconnu : donnez --publisher (la structure qui publie)",
                    "unknown catalogue publisher: give --publisher (the structure publishing)",
                )
                .to_string(),
            Refusal::Duplicate { id, version, first, second } => lang.pick(
                format!("{id} {version} figure deux fois : {first} et {second}"),
                format!("{id} {version} appears twice: {first} and {second}"),
            ),
            Refusal::Republished { id, version, published, found } => lang.pick(
                format!(
                    "{id} {version} a été publiée avec l'empreinte {}… ; le fichier a maintenant l'empreinte {}… : une version publiée ne change plus, publiez une nouvelle version",
                    short(published),
                    short(found)
                ),
                format!(
                    "{id} {version} was published with fingerprint {}…; the file now has fingerprint {}…: a published version does not change, publish a new version",
                    short(published),
                    short(found)
                ),
            ),
            Refusal::UnknownRelease { reference } => lang.pick(
                format!("« {reference} » : aucune grille de ce numéro de version dans le dossier (attendu id@version)"),
                format!("\"{reference}\": no grid with this version in the folder (expected id@version)"),
            ),
            Refusal::SecretKeyInFolder { file } => lang.pick(
                format!("{file} : c'est une clé secrète ; elle ne doit jamais être publiée avec le catalogue : déplacez-la hors du dossier (et changez de clé si le dossier a déjà été partagé)"),
                format!("{file}: it is a secret key; it must never be published with the catalogue: move it out of the folder (and change keys if the folder was already shared)"),
            ),
            Refusal::NotInCatalogue { file } => lang.pick(
                format!("{file} : ce fichier JSON du dossier n'est pas dans le catalogue signé ; ce n'est pas une grille publiée par la structure (ne pas l'utiliser comme telle)"),
                format!("{file}: this JSON file of the folder is not in the signed catalogue; it is not a grid the structure published (do not use it as one)"),
            ),
            Refusal::SecretKey => lang
                .pick(
                    "clé secrète illisible : fichier abîmé, ou clé chiffrée sans son mot de passe (--password-env)",
                    "unreadable secret key: damaged file, or an encrypted key without its password (--password-env)",
                )
                .to_string(),
            Refusal::Signing => lang
                .pick("la signature ou la création de la clé a échoué", "signing or making the key failed")
                .to_string(),
        }
    }
}

impl Notice {
    /// The notice in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Notice::VersionStep { id, from, to, needed, suggested } => lang.pick(
                format!(
                    "{id} {to} : depuis {from}, les modifications demandent un numéro de version {} ; numéro suggéré {suggested}",
                    needed.describe(lang)
                ),
                format!(
                    "{id} {to}: since {from}, the changes call for a new version of kind {}; suggested number {suggested}",
                    needed.describe(lang)
                ),
            ),
            Notice::Dropped { id, version, status } => lang.pick(
                format!(
                    "{id} {version} ({}) n'est plus dans le dossier : enlevée du catalogue, les membres qui l'utilisent ne peuvent plus la vérifier ; gardez le fichier et marquez-la retirée (--withdraw) plutôt",
                    status.describe(lang)
                ),
                format!(
                    "{id} {version} ({}) is no longer in the folder: dropped from the catalogue, members using it can no longer check it; keep the file and mark it withdrawn (--withdraw) instead",
                    status.describe(lang)
                ),
            ),
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe(Lang::Fr))
    }
}

impl std::error::Error for Refusal {}
