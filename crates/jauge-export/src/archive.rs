//! The archive of a procedure: one zip holding the session, every offer file exactly as received
//! (and the files bidders sent to regularise), the grid, the report in every format, the letters
//! and the exports, with a manifest listing each file's SHA-256 and role and the retention period
//! (five years from the contract's signature, R2184-12). [`verify`] checks a bundle again: every
//! fingerprint, and the session's links to the files it names.

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use jauge_engine::law::{Law, cite};
use jauge_engine::session::Session;
use jauge_engine::{Lang, sha256_hex};
use serde::{Deserialize, Serialize};

/// The manifest's format identifier.
pub const ARCHIVE_FORMAT: &str = "jauge-archive/1";

/// The manifest's name in the bundle.
pub const MANIFEST: &str = "manifest.json";

/// The session's name in the bundle.
pub const SESSION: &str = "session.json";

/// The most read back from a bundle, all files together (a guard against a crafted zip whose
/// files inflate without end): the offers' cap times a thousand bidders is far below it.
const MAX_TOTAL: u64 = 1 << 31;

/// What a file of the bundle is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The session (`jauge-session/3`).
    Session,
    /// The grid, as published.
    Grid,
    /// An offer file, exactly as received.
    Offer,
    /// A file a bidder sent to regularise its offer.
    Regularisation,
    /// The analysis report, in one format.
    Report,
    /// A letter to a bidder.
    Letter,
    /// An export (notice block, open data).
    Export,
}

impl Role {
    /// The role in words.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Role::Session => lang.pick("session", "session"),
            Role::Grid => lang.pick("grille", "grid"),
            Role::Offer => lang.pick("offre telle que reçue", "offer as received"),
            Role::Regularisation => lang.pick("fichier de régularisation", "regularisation file"),
            Role::Report => lang.pick("rapport d'analyse", "analysis report"),
            Role::Letter => lang.pick("courrier", "letter"),
            Role::Export => lang.pick("export", "export"),
        }
    }
}

/// One file of the bundle.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Its path in the bundle.
    pub path: String,
    /// What it is.
    pub role: Role,
    /// SHA-256 of its bytes.
    pub sha256: String,
    /// Its size in bytes.
    pub size: u64,
}

/// How long the bundle is kept.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Retention {
    /// Years.
    pub years: u32,
    /// The legal reference.
    pub reference: String,
    /// In French.
    pub fr: String,
    /// In English.
    pub en: String,
}

impl Retention {
    /// Five years from the signature of the contract (R2184-12).
    pub fn five_years() -> Retention {
        let law = cite(Law::R2184_12);
        Retention {
            years: 5,
            reference: law.to_string(),
            fr: format!("À conserver au moins cinq ans à compter de la signature du marché ({law})."),
            en: format!("To be kept at least five years from the signature of the contract ({law})."),
        }
    }
}

/// The manifest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    /// `jauge-archive/1`.
    pub format: String,
    /// The tender.
    pub tender: String,
    /// The buyer's reference.
    pub reference: String,
    /// When the bundle was made (ISO 8601, UTC).
    pub created: String,
    /// How long it is kept.
    pub retention: Retention,
    /// Every file but the manifest, in the bundle's order.
    pub files: Vec<Entry>,
}

/// A file to put in the bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct File {
    /// Its path in the bundle.
    pub path: String,
    /// What it is.
    pub role: Role,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A plain zip of files (the letters all at once), with fixed dates; paths made safe, a path given
/// twice kept once.
pub fn zip(files: &[File]) -> Result<Vec<u8>, String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for f in files {
        let path = safe_path(&f.path);
        if path.is_empty() || !seen.insert(path.clone()) {
            continue;
        }
        zip.start_file(path.as_str(), Bundler::options()).map_err(|e| e.to_string())?;
        zip.write_all(&f.bytes).map_err(|e| e.to_string())?;
    }
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

/// A path safe in a zip: no folder climbing, no absolute path, no backslash.
fn safe_path(path: &str) -> String {
    path.replace('\\', "/")
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
        .collect::<Vec<_>>()
        .join("/")
}

/// The bundle's zip: the files in the order given, then the manifest ([`Bundler`]). Dates inside
/// the zip are fixed, so one bundle's bytes depend on its files only.
pub fn bundle(session: &Session, created: &str, files: &[File]) -> Result<(Manifest, Vec<u8>), String> {
    let mut b = Bundler::new();
    for f in files {
        b.add(&f.path, f.role, &f.bytes)?;
    }
    b.finish(session, created)
}

/// A bundle written file by file, so that a caller holding many large offer files passes them
/// one at a time: each is compressed into the zip as it comes, and only the zip is kept.
pub struct Bundler {
    zip: zip::ZipWriter<Cursor<Vec<u8>>>,
    entries: Vec<Entry>,
}

impl Default for Bundler {
    fn default() -> Self {
        Bundler::new()
    }
}

impl Bundler {
    /// An empty bundle.
    pub fn new() -> Bundler {
        Bundler { zip: zip::ZipWriter::new(Cursor::new(Vec::new())), entries: Vec::new() }
    }

    fn options() -> zip::write::SimpleFileOptions {
        zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .last_modified_time(zip::DateTime::default())
    }

    /// Adds a file at `path` (made safe). The same bytes given again at the same path are kept
    /// once; other bytes at a path already taken get a path of their own (`name-2.ext`): every
    /// bidder returns `cadre-de-reponse.xlsx`, and no bid may be left out for its name.
    pub fn add(&mut self, path: &str, role: Role, bytes: &[u8]) -> Result<(), String> {
        let path = safe_path(path);
        if path.is_empty() || path == MANIFEST {
            return Ok(());
        }
        let sha256 = sha256_hex(bytes);
        let mut unique = path.clone();
        let mut n = 1;
        while let Some(e) = self.entries.iter().find(|e| e.path == unique) {
            if e.sha256 == sha256 {
                return Ok(());
            }
            n += 1;
            unique = numbered(&path, n);
        }
        self.zip.start_file(unique.as_str(), Bundler::options()).map_err(|e| e.to_string())?;
        self.zip.write_all(bytes).map_err(|e| e.to_string())?;
        self.entries.push(Entry { path: unique, role, sha256, size: bytes.len() as u64 });
        Ok(())
    }

    /// The manifest written last, and the bundle's bytes.
    pub fn finish(mut self, session: &Session, created: &str) -> Result<(Manifest, Vec<u8>), String> {
        let manifest = Manifest {
            format: ARCHIVE_FORMAT.to_string(),
            tender: session.procedure.tender.clone(),
            reference: session.procedure.reference.clone(),
            created: created.to_string(),
            retention: Retention::five_years(),
            files: self.entries,
        };
        let text = serde_json::to_string_pretty(&manifest).map_err(|e| e.to_string())? + "\n";
        self.zip.start_file(MANIFEST, Bundler::options()).map_err(|e| e.to_string())?;
        self.zip.write_all(text.as_bytes()).map_err(|e| e.to_string())?;
        let bytes = self.zip.finish().map_err(|e| e.to_string())?.into_inner();
        Ok((manifest, bytes))
    }
}

/// `path` with `-n` before its extension.
fn numbered(path: &str, n: usize) -> String {
    let (folder, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let name = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => format!("{stem}-{n}.{ext}"),
        _ => format!("{name}-{n}"),
    };
    if folder.is_empty() { name } else { format!("{folder}/{name}") }
}

/// Where a file received goes in the bundle: `offres/NAME`, or `regularisations/NAME` for a
/// file a bidder sent to regularise its offer.
pub fn received_path(role: Role, name: &str) -> String {
    match role {
        Role::Regularisation => format!("regularisations/{name}"),
        _ => format!("offres/{name}"),
    }
}

/// The bundle's first files: the session file as given, and the grid it holds.
pub fn head(session: &Session, session_bytes: Vec<u8>) -> Vec<File> {
    vec![
        File { path: SESSION.into(), role: Role::Session, bytes: session_bytes },
        File { path: "grille.json".into(), role: Role::Grid, bytes: session.grid.clone().into_bytes() },
    ]
}

/// The report's workbooks a bundle holds, by extension: written by the spreadsheet side from the
/// report's document (`jauge_analysis::document::document`) and handed to [`documents`].
pub const WORKBOOKS: [&str; 2] = ["xlsx", "ods"];

/// The files Jauge writes from the analysis, after the files received: the report in every
/// format (HTML, docx, then the `workbooks` given, by extension), the letters of every lot whose
/// analysis allows them (in HTML and docx), and the exports. The CLI's `jauge archive` and the
/// app's bundle both use it.
#[cfg(feature = "documents")]
pub fn documents(
    a: &jauge_analysis::Analysis,
    lang: Lang,
    workbooks: Vec<(String, Vec<u8>)>,
) -> Result<Vec<File>, String> {
    let report = |ext: &str, bytes: Vec<u8>| File { path: format!("rapport/rapport.{ext}"), role: Role::Report, bytes };
    let mut files = vec![
        report("html", jauge_analysis::html(a, lang).into_bytes()),
        report("docx", jauge_analysis::docx(a, lang).map_err(|e| format!("docx: {e}"))?),
    ];
    files.extend(workbooks.into_iter().map(|(ext, bytes)| report(&ext, bytes)));
    files.extend(crate::letter_files(&crate::letters(a, lang).letters, "courriers/")?);
    for st in crate::Standard::ALL {
        let ext = if matches!(st, crate::Standard::EformsCn | crate::Standard::EformsCan) { "xml" } else { "json" };
        files.push(File {
            path: format!("exports/{}.{ext}", st.code()),
            role: Role::Export,
            bytes: crate::export(a, st, lang).text.into_bytes(),
        });
    }
    Ok(files)
}

/// A file the session names, that the bundle must hold as received: an offer file (one file
/// may give several offers, one per lot it answers) or a file a bidder sent to regularise.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// An offer, or a regularisation.
    pub role: Role,
    /// Its SHA-256, as the session records it.
    pub sha256: String,
    /// The file name the session records.
    pub file: String,
    /// The bidders it comes from.
    pub suppliers: Vec<String>,
}

/// The files the session names, in its order: every offer file, then every regularisation
/// file. An offer read by a Jauge too old to record its file's fingerprint cannot be matched and
/// is left out.
pub fn expected(session: &Session) -> Vec<Expected> {
    let mut out: Vec<Expected> = Vec::new();
    for o in &session.offers {
        let Some(sha) = &o.sha256 else { continue };
        match out.iter_mut().find(|e| e.role == Role::Offer && &e.sha256 == sha) {
            Some(e) if !e.suppliers.contains(&o.supplier.name) => e.suppliers.push(o.supplier.name.clone()),
            Some(_) => {}
            None => out.push(Expected {
                role: Role::Offer,
                sha256: sha.clone(),
                file: o.source.clone(),
                suppliers: vec![o.supplier.name.clone()],
            }),
        }
    }
    for d in &session.decisions {
        let Some(r) = &d.regularisation else { continue };
        if !out.iter().any(|e| e.role == Role::Regularisation && e.sha256 == r.sha256) {
            let supplier = session.offer(&d.offer).map(|o| o.supplier.name.clone());
            out.push(Expected {
                role: Role::Regularisation,
                sha256: r.sha256.clone(),
                file: r.file.clone(),
                suppliers: supplier.into_iter().collect(),
            });
        }
    }
    out
}

/// The files a buyer gives again, matched to the session's by their SHA-256.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Matched {
    /// Each file of the session given, with the index of the file given that matches it.
    pub given: Vec<(Expected, usize)>,
    /// The session's files not given yet.
    pub missing: Vec<Expected>,
    /// The indexes of the files given that match no file of the session.
    pub unknown: Vec<usize>,
}

impl Matched {
    /// Whether every file of the session is given: only then is a bundle built.
    pub fn complete(&self) -> bool {
        self.missing.is_empty()
    }
}

/// Matches the SHA-256 of the files given (in their order) to the files the session names.
pub fn matching(session: &Session, given: &[String]) -> Matched {
    let mut out = Matched::default();
    for e in expected(session) {
        match given.iter().position(|sha| *sha == e.sha256) {
            Some(i) => out.given.push((e, i)),
            None => out.missing.push(e),
        }
    }
    out.unknown = (0..given.len()).filter(|i| !out.given.iter().any(|(_, j)| j == i)).collect();
    out
}

/// What checking a bundle found wrong.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "code", content = "data", rename_all = "snake_case")]
pub enum Problem {
    /// The file is not a zip that can be read (the reader's words).
    NotAnArchive(String),
    /// The bundle has no manifest, or one that cannot be read.
    NoManifest,
    /// A file the manifest lists is not in the bundle.
    Missing {
        /// Its path.
        path: String,
        /// Its role.
        role: Role,
    },
    /// A file's bytes no longer have the fingerprint the manifest lists.
    Altered {
        /// Its path.
        path: String,
        /// Its role.
        role: Role,
    },
    /// A file in the bundle the manifest does not list.
    Unlisted {
        /// Its path.
        path: String,
    },
    /// The session in the bundle cannot be read.
    SessionUnreadable,
    /// An offer of the session has no file in the bundle with its SHA-256.
    OfferFileMissing {
        /// The supplier.
        supplier: String,
        /// The file name the session records.
        source: String,
    },
    /// A regularisation the session records has no file in the bundle with its SHA-256.
    RegularisationFileMissing {
        /// The file name the session records.
        file: String,
    },
    /// The grid file differs from the grid the session holds.
    GridDiffers,
}

impl Problem {
    /// The problem in words.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            Problem::NotAnArchive(why) => {
                format!(
                    "{}{}{why}",
                    lang.pick("archive illisible", "unreadable archive"),
                    jauge_engine::text::colon(lang)
                )
            }
            Problem::NoManifest => lang
                .pick(
                    "l'archive n'a pas de manifeste lisible (manifest.json)",
                    "the archive has no readable manifest (manifest.json)",
                )
                .to_string(),
            Problem::Missing { path, role } => format!(
                "{path} ({}){}{}",
                role.label(lang),
                jauge_engine::text::colon(lang),
                lang.pick("absent de l'archive", "missing from the archive")
            ),
            Problem::Altered { path, role } => format!(
                "{path} ({}){}{}",
                role.label(lang),
                jauge_engine::text::colon(lang),
                lang.pick(
                    "modifié : son empreinte SHA-256 n'est plus celle du manifeste",
                    "altered: its SHA-256 is no longer the manifest's"
                )
            ),
            Problem::Unlisted { path } => format!(
                "{path}{}{}",
                jauge_engine::text::colon(lang),
                lang.pick("fichier ajouté, absent du manifeste", "file added, not in the manifest")
            ),
            Problem::SessionUnreadable => {
                lang.pick("la session de l'archive est illisible", "the archive's session cannot be read").to_string()
            }
            Problem::OfferFileMissing { supplier, source } => format!(
                "{supplier} ({source}){}{}",
                jauge_engine::text::colon(lang),
                lang.pick(
                    "aucun fichier de l'archive n'a l'empreinte de cette offre",
                    "no file of the archive has this offer's fingerprint"
                )
            ),
            Problem::RegularisationFileMissing { file } => format!(
                "{file}{}{}",
                jauge_engine::text::colon(lang),
                lang.pick(
                    "aucun fichier de l'archive n'a l'empreinte de cette régularisation",
                    "no file of the archive has this regularisation's fingerprint"
                )
            ),
            Problem::GridDiffers => lang
                .pick("la grille de l'archive n'est pas celle de la session", "the archive's grid is not the session's")
                .to_string(),
        }
    }
}

/// The result of checking a bundle.
#[derive(Clone, Debug, PartialEq)]
pub struct Verified {
    /// The manifest, when it could be read.
    pub manifest: Option<Manifest>,
    /// The files whose fingerprint matches.
    pub intact: usize,
    /// What is wrong; empty for an intact bundle.
    pub problems: Vec<Problem>,
}

/// Checks a bundle: every file the manifest lists is there with its fingerprint, no file was
/// added, and the session's offers, regularisations and grid have their files in it.
pub fn verify(bytes: &[u8]) -> Verified {
    let mut out = Verified { manifest: None, intact: 0, problems: Vec::new() };
    let mut zip = match zip::ZipArchive::new(Cursor::new(bytes)) {
        Ok(z) => z,
        Err(e) => {
            out.problems.push(Problem::NotAnArchive(e.to_string()));
            return out;
        }
    };
    // Each file's fingerprint, read one file at a time: only the manifest and the session it
    // names are kept, so checking a bundle of large offers holds one of them at a time.
    let session_paths: Vec<String> = zip
        .by_name(MANIFEST)
        .ok()
        .and_then(|f| {
            let mut text = Vec::new();
            f.take(MAX_TOTAL).read_to_end(&mut text).ok()?;
            serde_json::from_slice::<Manifest>(&text).ok()
        })
        .map(|m| m.files.into_iter().filter(|e| e.role == Role::Session).map(|e| e.path).collect())
        .unwrap_or_default();
    let mut shas: BTreeMap<String, String> = BTreeMap::new();
    let mut kept: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let mut left = MAX_TOTAL;
    for i in 0..zip.len() {
        let Ok(file) = zip.by_index(i) else {
            out.problems.push(Problem::NotAnArchive(format!("#{i}")));
            continue;
        };
        let Ok(name) = file.name().map(|n| n.to_string()) else {
            out.problems.push(Problem::NotAnArchive(format!("#{i}")));
            continue;
        };
        if name.ends_with('/') {
            // A folder entry, as some zip tools add: no content to check.
            continue;
        }
        let mut content = Vec::new();
        if file.take(left.saturating_add(1)).read_to_end(&mut content).is_err() || content.len() as u64 > left {
            out.problems.push(Problem::NotAnArchive(name));
            return out;
        }
        left -= content.len() as u64;
        shas.insert(name.clone(), sha256_hex(&content));
        if name == MANIFEST || session_paths.contains(&name) {
            kept.insert(name, content);
        }
    }
    let Some(manifest) = kept.get(MANIFEST).and_then(|m| serde_json::from_slice::<Manifest>(m).ok()) else {
        out.problems.push(Problem::NoManifest);
        return out;
    };
    for e in &manifest.files {
        match shas.get(&e.path) {
            None => out.problems.push(Problem::Missing { path: e.path.clone(), role: e.role }),
            Some(sha) if *sha != e.sha256 => out.problems.push(Problem::Altered { path: e.path.clone(), role: e.role }),
            Some(_) => out.intact += 1,
        }
    }
    for path in shas.keys().filter(|p| *p != MANIFEST) {
        if !manifest.files.iter().any(|e| e.path == *path) {
            out.problems.push(Problem::Unlisted { path: path.clone() });
        }
    }
    // The session's links, read from the session as it is in the bundle.
    // The fingerprints of the files there, as they are now.
    let by_role = |role: Role| -> Vec<String> {
        manifest.files.iter().filter(|e| e.role == role).filter_map(|e| shas.get(&e.path).cloned()).collect()
    };
    let session_entry = manifest.files.iter().find(|e| e.role == Role::Session);
    let session = session_entry
        .and_then(|e| kept.get(&e.path))
        .and_then(|b| std::str::from_utf8(b).ok())
        .and_then(|t| Session::from_json(SESSION, t).ok());
    match session {
        None if session_entry.is_some_and(|e| shas.contains_key(&e.path)) || session_entry.is_none() => {
            out.problems.push(Problem::SessionUnreadable)
        }
        None => {}
        Some(s) => {
            let offers = by_role(Role::Offer);
            for o in &s.offers {
                if let Some(sha) = &o.sha256
                    && !offers.contains(sha)
                {
                    out.problems.push(Problem::OfferFileMissing {
                        supplier: o.supplier.name.clone(),
                        source: o.source.clone(),
                    });
                }
            }
            let regularisations = by_role(Role::Regularisation);
            for r in s.decisions.iter().filter_map(|d| d.regularisation.as_ref()) {
                if !regularisations.contains(&r.sha256) {
                    out.problems.push(Problem::RegularisationFileMissing { file: r.file.clone() });
                }
            }
            let grids = by_role(Role::Grid);
            if !grids.is_empty() && !grids.contains(&sha256_hex(s.grid.as_bytes())) {
                out.problems.push(Problem::GridDiffers);
            }
        }
    }
    out.manifest = Some(manifest);
    out
}
