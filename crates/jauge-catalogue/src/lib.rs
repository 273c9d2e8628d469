//! Catalogues of grids (`jauge-catalogue/1`): the static file a pooling structure puts on any web
//! server or shares as a folder, listing its grids, their versions, fingerprints, status
//! (draft, published, withdrawn), licence and change notes, and the address of each grid file
//! relative to the catalogue.
//!
//! The structure signs the catalogue with an Ed25519 key in the minisign format
//! (`catalogue.json.minisig` beside it); the signature covers the grids through their fingerprints.
//! A member pins the structure's public key once; [`verify`] then checks a catalogue's signature
//! and [`check_grid`] each grid file against its entry. Both take bytes and return typed results
//! ([`Refusal`], worded in French and English by [`Refusal::describe`]), and build for
//! wasm32-unknown-unknown: verification uses `minisign-verify`, which has no dependency. Making
//! keys and signing (`minisign`) is behind the `sign` feature, for the command line.
//!
//! Sans I/O: the caller reads the folder or fetches the files.

pub mod member;
#[cfg(test)]
mod member_tests;
mod refusal;
#[cfg(any(test, feature = "sign"))]
pub mod sign;
#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use base64::Engine as _;
use jauge_engine::diff::{Bump, diff_checked};
use jauge_engine::grid::Parent;
use jauge_engine::text::both;
use jauge_engine::{CheckedGrid, Lang, Text};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

pub use member::{Opening, Pin};
pub use refusal::{Notice, Refusal};

/// The format identifier of catalogues.
pub const FORMAT: &str = "jauge-catalogue/1";

/// The catalogue's file name in a folder.
pub const FILE_NAME: &str = "catalogue.json";

/// The signature's file name, beside the catalogue (minisign's convention: the file name plus
/// `.minisig`).
pub const SIGNATURE_NAME: &str = "catalogue.json.minisig";

/// A pooling structure's catalogue of grids.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Format version, `jauge-catalogue/1`.
    pub format: String,
    /// Who publishes the catalogue (the pooling structure).
    pub publisher: String,
    /// The grids, by id.
    pub grids: Vec<Entry>,
}

/// One grid of the catalogue and its versions.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The grid's id.
    pub id: String,
    /// The title of its latest version.
    pub title: Text,
    /// Its versions, oldest first (semantic version order).
    pub versions: Vec<Release>,
}

/// One version of a grid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The grid's version.
    pub version: String,
    /// Draft, published or withdrawn.
    pub status: Status,
    /// The grid file's address relative to the catalogue (`grids/rgesn-1.0.0.json`): a relative
    /// path with `/`, without `..`.
    pub file: String,
    /// SHA-256 of the grid's canonical form, as Jauge shows it wherever the grid is shown.
    pub fingerprint: String,
    /// The licence under which the grid may be reused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// The grid's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The grid this version adapts, when it is a local adaptation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<Parent>,
    /// What changed from the previous version (written by the structure, or summarised from the
    /// differences when the catalogue was built).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<Text>,
}

/// Where a version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written: not for use in a procedure.
    Draft,
    /// Published: members may use it.
    Published,
    /// Withdrawn by the structure: not to be used for a new procedure.
    Withdrawn,
}

impl Status {
    /// The status in words.
    pub fn describe(self, lang: Lang) -> &'static str {
        match self {
            Status::Draft => lang.pick("brouillon", "draft"),
            Status::Published => lang.pick("publiée", "published"),
            Status::Withdrawn => lang.pick("retirée", "withdrawn"),
        }
    }
}

/// The JSON Schema of catalogue files, generated from the types.
pub fn schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Catalogue)).unwrap_or_default()
}

/// A file of the folder a catalogue is built from: its path relative to the folder (with `/`) and
/// its text.
#[derive(Clone, Debug)]
pub struct Source {
    /// Path relative to the catalogue's folder.
    pub file: String,
    /// The file's text.
    pub text: String,
}

/// What [`build`] is told besides the files.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The publisher; the previous catalogue's when absent.
    pub publisher: Option<String>,
    /// The catalogue being rebuilt: versions with the same fingerprint keep their status and notes.
    pub previous: Option<Catalogue>,
    /// Versions to mark withdrawn, as `id@version`.
    pub withdraw: Vec<String>,
}

/// A catalogue built, with what the structure should look at before signing it.
#[derive(Clone, Debug, PartialEq)]
pub struct Built {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// Notices: accepted, worth a look (a version number that understates its changes…).
    pub notices: Vec<Notice>,
}

/// Builds a catalogue from the grid files of a folder. Every grid is checked; every refusal is
/// listed at once. A new version is a draft when its version has a pre-release suffix
/// (`1.1.0-draft`), published otherwise; a version already in the previous catalogue keeps its
/// status and notes, and a published one may not change its fingerprint (publish a new version).
/// Notes missing are summarised from the differences with the previous version (or the parent,
/// when it is in the folder).
pub fn build(sources: &[Source], options: &Options) -> Result<Built, Vec<Refusal>> {
    let mut refusals = Vec::new();
    let publisher = options
        .publisher
        .clone()
        .or_else(|| options.previous.as_ref().map(|p| p.publisher.clone()))
        .filter(|p| !p.trim().is_empty());
    if publisher.is_none() {
        refusals.push(Refusal::NoPublisher);
    }
    let mut sorted: Vec<&Source> = sources.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    // Grids by id, then by version.
    let mut grids: BTreeMap<String, Vec<(semver::Version, String, CheckedGrid)>> = BTreeMap::new();
    for source in sorted {
        if let Err(r) = safe_path(&source.file) {
            refusals.push(r);
            continue;
        }
        let checked = match CheckedGrid::from_json(&source.text) {
            Ok(c) => c,
            Err(error) => {
                refusals.push(Refusal::Grid { file: source.file.clone(), error: Box::new(error) });
                continue;
            }
        };
        let g = checked.grid();
        let Ok(version) = semver::Version::parse(&g.version) else { continue };
        let versions = grids.entry(g.id.clone()).or_default();
        if let Some((_, first, _)) = versions.iter().find(|(v, _, _)| *v == version) {
            refusals.push(Refusal::Duplicate {
                id: g.id.clone(),
                version: g.version.clone(),
                first: first.clone(),
                second: source.file.clone(),
            });
            continue;
        }
        versions.push((version, source.file.clone(), checked));
    }
    let mut notices = Vec::new();
    let mut entries = Vec::new();
    for (id, mut versions) in grids {
        versions.sort_by(|a, b| a.0.cmp(&b.0));
        let mut releases = Vec::new();
        for (i, (version, file, checked)) in versions.iter().enumerate() {
            let g = checked.grid();
            let before = options.previous.as_ref().and_then(|p| p.release(&id, &g.version));
            let (mut status, mut notes) =
                (if version.pre.is_empty() { Status::Published } else { Status::Draft }, None);
            if let Some(before) = before {
                if before.fingerprint == checked.fingerprint() {
                    (status, notes) = (before.status, before.notes.clone());
                } else if before.status != Status::Draft {
                    refusals.push(Refusal::Republished {
                        id: id.clone(),
                        version: g.version.clone(),
                        published: before.fingerprint.clone(),
                        found: checked.fingerprint().to_string(),
                    });
                }
            }
            // The previous version in the folder, or the parent when the folder holds it.
            let base = i.checked_sub(1).and_then(|j| versions.get(j)).map(|(_, _, c)| c).or_else(|| {
                let p = g.parent.as_ref()?;
                let (_, _, c) = versions_of(&versions, p)?;
                Some(c)
            });
            if let Some(base) = base {
                let d = diff_checked(base, checked);
                if notes.is_none() {
                    let summary = d.summary();
                    let (from, id) = (base.grid().version.clone(), base.grid().id.clone());
                    let same = base.grid().id == g.id;
                    notes = Some(both(|l| {
                        let changes = summary.describe(l);
                        if same {
                            l.pick(
                                format!("Depuis la version {from} : {changes}."),
                                format!("Since version {from}: {changes}."),
                            )
                        } else {
                            l.pick(
                                format!("Adaptation locale de {id} {from} : {changes}."),
                                format!("Local adaptation of {id} {from}: {changes}."),
                            )
                        }
                    }));
                }
                notice_step(&id, base, checked, d.bump(), &mut notices);
            }
            releases.push(Release {
                version: g.version.clone(),
                status,
                file: file.clone(),
                fingerprint: checked.fingerprint().to_string(),
                license: g.license.clone(),
                date: g.date.clone(),
                parent: g.parent.clone(),
                notes,
            });
        }
        let title = versions.last().map(|(_, _, c)| c.grid().title.clone()).unwrap_or_default();
        entries.push(Entry { id, title, versions: releases });
    }
    if let Some(previous) = &options.previous {
        for (entry, release) in previous.releases() {
            let kept = entries
                .iter()
                .filter(|e| e.id == entry.id)
                .flat_map(|e| &e.versions)
                .any(|r| r.version == release.version);
            if !kept && release.status != Status::Draft {
                notices.push(Notice::Dropped {
                    id: entry.id.clone(),
                    version: release.version.clone(),
                    status: release.status,
                });
            }
        }
    }
    for reference in &options.withdraw {
        let (id, version) = reference.split_once('@').unwrap_or((reference, ""));
        let release = entries
            .iter_mut()
            .filter(|e| e.id == id.trim())
            .flat_map(|e| e.versions.iter_mut())
            .find(|r| r.version == version.trim());
        match release {
            Some(r) => r.status = Status::Withdrawn,
            None => refusals.push(Refusal::UnknownRelease { reference: reference.clone() }),
        }
    }
    match publisher {
        Some(publisher) if refusals.is_empty() => {
            Ok(Built { catalogue: Catalogue { format: FORMAT.to_string(), publisher, grids: entries }, notices })
        }
        _ => Err(refusals),
    }
}

/// The grid of `versions` that is `parent` (same version and fingerprint).
fn versions_of<'a>(
    versions: &'a [(semver::Version, String, CheckedGrid)],
    parent: &Parent,
) -> Option<&'a (semver::Version, String, CheckedGrid)> {
    versions.iter().find(|(_, _, c)| c.grid().version == parent.version && c.fingerprint() == parent.fingerprint)
}

/// A notice when `to`'s version number is a smaller step from `from`'s than its changes call for.
fn notice_step(id: &str, from: &CheckedGrid, to: &CheckedGrid, needed: Bump, out: &mut Vec<Notice>) {
    let (Ok(a), Ok(b)) = (semver::Version::parse(&from.grid().version), semver::Version::parse(&to.grid().version))
    else {
        return;
    };
    // An adaptation of another grid (another id) numbers its own versions.
    if from.grid().id != to.grid().id {
        return;
    }
    let taken = if b.major > a.major {
        Bump::Major
    } else if b.minor > a.minor {
        Bump::Minor
    } else if b.patch > a.patch {
        Bump::Patch
    } else {
        Bump::None
    };
    if taken < needed {
        out.push(Notice::VersionStep {
            id: id.to_string(),
            from: from.grid().version.clone(),
            to: to.grid().version.clone(),
            needed,
            suggested: jauge_engine::diff::next_version(&from.grid().version, needed).unwrap_or_default(),
        });
    }
}

impl Catalogue {
    /// The release `id@version`.
    pub fn release(&self, id: &str, version: &str) -> Option<&Release> {
        self.grids.iter().filter(|e| e.id == id).flat_map(|e| &e.versions).find(|r| r.version == version)
    }

    /// Every release with its grid's id, in catalogue order.
    pub fn releases(&self) -> impl Iterator<Item = (&Entry, &Release)> {
        self.grids.iter().flat_map(|e| e.versions.iter().map(move |r| (e, r)))
    }

    /// The catalogue as its file holds it: pretty JSON, with a final newline.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default() + "\n"
    }
}

/// Reads a catalogue file (without checking a signature: see [`verify`]).
pub fn read(bytes: &[u8]) -> Result<Catalogue, Refusal> {
    let value: serde_json::Value = jauge_engine::located::from_slice(bytes).map_err(syntax)?;
    let format = value.get("format").and_then(|f| f.as_str()).unwrap_or_default();
    if format != FORMAT {
        return Err(Refusal::Format { found: format.to_string() });
    }
    let catalogue: Catalogue = jauge_engine::located::from_slice(bytes).map_err(syntax)?;
    for (_, release) in catalogue.releases() {
        safe_path(&release.file)?;
    }
    Ok(catalogue)
}

fn syntax(e: jauge_engine::located::Located) -> Refusal {
    let path = if e.path == "." { String::new() } else { e.path };
    Refusal::Syntax { path, line: e.line, column: e.column }
}

/// A grid file's address in a catalogue must stay under the catalogue: relative, with `/`, no
/// `..`, no scheme, no backslash.
pub fn safe_path(file: &str) -> Result<(), Refusal> {
    let bad = file.is_empty()
        || file.starts_with('/')
        || file.contains('\\')
        || file.contains(':')
        || file.split('/').any(|part| part.is_empty() || part == "." || part == "..");
    if bad { Err(Refusal::UnsafePath { file: file.to_string() }) } else { Ok(()) }
}

/// A structure's public key, as a member pins it: the `minisign.pub` file (two lines) or its
/// second line alone.
#[derive(Clone, Debug)]
pub struct PublicKey {
    key: minisign_verify::PublicKey,
    id: String,
}

impl PublicKey {
    /// Reads a public key.
    pub fn parse(text: &str) -> Result<PublicKey, Refusal> {
        let line = text.lines().map(str::trim).rfind(|l| !l.is_empty() && !l.starts_with("untrusted comment:"));
        let line = line.unwrap_or_default();
        let key = minisign_verify::PublicKey::from_base64(line).map_err(|_| Refusal::PublicKey)?;
        let id = key_id(line, 42).ok_or(Refusal::PublicKey)?;
        Ok(PublicKey { key, id })
    }

    /// The key id, 16 hexadecimal digits as minisign prints it.
    pub fn id(&self) -> &str {
        &self.id
    }
}

/// The key id in a minisign public key (42 bytes) or signature line (74 bytes): bytes 2 to 10, a
/// little-endian number printed in upper-case hexadecimal.
fn key_id(base64_line: &str, len: usize) -> Option<String> {
    let bytes = base64::engine::general_purpose::STANDARD.decode(base64_line.trim()).ok()?;
    if bytes.len() != len {
        return None;
    }
    let id: [u8; 8] = bytes.get(2..10)?.try_into().ok()?;
    Some(format!("{:016X}", u64::from_le_bytes(id)))
}

/// Whether a text is a minisign secret key (encrypted or not): one must never be published beside
/// the catalogue. Told by its content, whatever the file's name: the base64 line decodes to the
/// signature algorithm `Ed`, a key derivation `Sc` or none, and the checksum algorithm `B2`.
pub fn is_secret_key(text: &str) -> bool {
    text.lines().take(4).any(|line| {
        base64::engine::general_purpose::STANDARD.decode(line.trim()).is_ok_and(|b| {
            b.len() >= 6
                && b.get(..2) == Some(b"Ed".as_slice())
                && matches!(b.get(2..4), Some(b"Sc") | Some([0, 0]))
                && b.get(4..6) == Some(b"B2".as_slice())
        })
    })
}

/// A catalogue whose signature holds.
#[derive(Clone, Debug, PartialEq)]
pub struct Signed {
    /// The catalogue.
    pub catalogue: Catalogue,
    /// The id of the key that signed it.
    pub key_id: String,
    /// The signature's trusted comment (signed too): when and what was signed.
    pub trusted_comment: String,
}

/// Checks that `signature` (the `.minisig` file's text) is `key`'s signature of `catalogue`, then
/// reads the catalogue. Refused, with the reason, when the signature is unreadable, made with
/// another key, or does not match the catalogue's bytes (the catalogue was changed after signing).
pub fn verify(catalogue: &[u8], signature: &str, key: &PublicKey) -> Result<Signed, Refusal> {
    let sig = minisign_verify::Signature::decode(signature).map_err(|_| Refusal::SignatureUnreadable)?;
    let signed_by = signature.lines().nth(1).and_then(|l| key_id(l, 74)).ok_or(Refusal::SignatureUnreadable)?;
    match key.key.verify(catalogue, &sig, false) {
        Ok(()) => {}
        Err(minisign_verify::Error::UnexpectedKeyId) => {
            return Err(Refusal::OtherKey { expected: key.id.clone(), found: signed_by });
        }
        Err(minisign_verify::Error::InvalidSignature) => return Err(Refusal::BadSignature),
        Err(_) => return Err(Refusal::SignatureUnreadable),
    }
    let catalogue = read(catalogue)?;
    Ok(Signed { catalogue, key_id: signed_by, trusted_comment: sig.trusted_comment().to_string() })
}

/// Checks a grid file against its catalogue entry: a valid grid, with the entry's id and version,
/// whose fingerprint is the one the catalogue records. Returns the checked grid.
pub fn check_grid(id: &str, release: &Release, text: &str) -> Result<CheckedGrid, Refusal> {
    let file = release.file.clone();
    let checked =
        CheckedGrid::from_json(text).map_err(|error| Refusal::Grid { file: file.clone(), error: Box::new(error) })?;
    if checked.fingerprint() != release.fingerprint {
        return Err(Refusal::Fingerprint {
            file,
            expected: release.fingerprint.clone(),
            found: checked.fingerprint().to_string(),
        });
    }
    let g = checked.grid();
    if g.id != id || g.version != release.version {
        return Err(Refusal::Identity {
            file,
            expected: format!("{id}@{}", release.version),
            found: format!("{}@{}", g.id, g.version),
        });
    }
    Ok(checked)
}

/// What checking one release against its file found.
#[derive(Clone, Debug, PartialEq)]
pub struct Checked {
    /// The grid's id.
    pub id: String,
    /// The release's version.
    pub version: String,
    /// The release's status.
    pub status: Status,
    /// The grid file's address.
    pub file: String,
    /// `Ok` when the file is the grid the catalogue records, or why it is refused.
    pub outcome: Result<(), Refusal>,
}

/// Checks every release of `catalogue` against its file, given by `file` (the text at an address
/// relative to the catalogue, `None` when it is missing): the CLI reads a folder, the app fetches.
pub fn check_grids(catalogue: &Catalogue, mut file: impl FnMut(&str) -> Option<String>) -> Vec<Checked> {
    catalogue
        .releases()
        .map(|(entry, release)| {
            let outcome = match file(&release.file) {
                Some(text) => check_grid(&entry.id, release, &text).map(|_| ()),
                None => Err(Refusal::MissingFile { file: release.file.clone() }),
            };
            Checked {
                id: entry.id.clone(),
                version: release.version.clone(),
                status: release.status,
                file: release.file.clone(),
                outcome,
            }
        })
        .collect()
}
