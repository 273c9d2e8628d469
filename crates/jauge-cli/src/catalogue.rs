//! `jauge catalogue build|keygen|sign|verify`: a pooling structure's catalogue of grids
//! (`jauge-catalogue/1`), made from a folder of grids, signed with its minisign key, and checked
//! by members against the structure's public key they pinned. The work is in `jauge-catalogue`;
//! this file reads and writes the files and words the results.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use jauge_catalogue::{Catalogue, FILE_NAME, Options, PublicKey, Refusal, SIGNATURE_NAME, Source, Status};
use jauge_engine::Lang;
use jauge_engine::limits::GRID_BYTES;
use jauge_engine::text::colon;

use crate::output::terminal;

/// Largest catalogue or key file read.
const SMALL_FILE_BYTES: u64 = 4 * 1024 * 1024;

/// At most this many grid files in a folder.
const MAX_GRIDS: usize = 10_000;

/// `jauge catalogue …`.
#[derive(Subcommand)]
pub enum CatalogueCommand {
    /// Build (or rebuild) DIR/catalogue.json from the grids in DIR and its sub-folders: each grid is
    /// checked; a version with a pre-release suffix (1.1.0-draft) is a draft, others are published;
    /// versions already in the catalogue keep their status and notes, and a published version may
    /// not change. A signature made before the catalogue changed is removed: sign again.
    Build {
        /// The pooling structure publishing the catalogue (kept from the previous catalogue when
        /// absent).
        #[arg(long)]
        publisher: Option<String>,
        /// Mark a version withdrawn: `id@version` (repeat for several).
        #[arg(long)]
        withdraw: Vec<String>,
        /// The folder of grids.
        dir: PathBuf,
    },
    /// Make the structure's key pair (minisign, Ed25519): the public key to publish and for
    /// members to pin, the secret key to keep. Refuses to overwrite an existing secret key.
    Keygen {
        /// The public key file to write (e.g. structure.pub).
        #[arg(long)]
        public: PathBuf,
        /// The secret key file to write (e.g. structure.key).
        #[arg(long)]
        secret: PathBuf,
        /// Encrypt the secret key with the password in this environment variable (recommended);
        /// without it the key is written unencrypted.
        #[arg(long)]
        password_env: Option<String>,
    },
    /// Sign DIR/catalogue.json with the structure's secret key, after checking that every grid it
    /// lists has its recorded fingerprint; writes DIR/catalogue.json.minisig.
    Sign {
        /// The secret key file.
        #[arg(long)]
        secret: PathBuf,
        /// The environment variable holding the secret key's password, if it is encrypted.
        #[arg(long)]
        password_env: Option<String>,
        /// The signature's trusted comment (signed too); `timestamp:…` and the file name by default.
        #[arg(long)]
        comment: Option<String>,
        /// The folder holding catalogue.json.
        dir: PathBuf,
    },
    /// Check DIR/catalogue.json's signature against the structure's public key, then every grid's
    /// fingerprint; names what does not match and exits with status 1 then.
    Verify {
        /// The structure's public key: its file, or the key itself (the base64 line).
        #[arg(long)]
        public_key: String,
        /// The folder holding catalogue.json, its signature and the grids.
        dir: PathBuf,
    },
}

/// Runs `jauge catalogue …`.
pub fn run(command: CatalogueCommand, lang: Lang) -> Result<ExitCode> {
    match command {
        CatalogueCommand::Build { publisher, withdraw, dir } => build(&dir, publisher, withdraw, lang),
        CatalogueCommand::Keygen { public, secret, password_env } => keygen(&public, &secret, password_env, lang),
        CatalogueCommand::Sign { secret, password_env, comment, dir } => {
            sign(&dir, &secret, password_env, comment.as_deref(), lang)
        }
        CatalogueCommand::Verify { public_key, dir } => verify(&dir, &public_key, lang),
    }
}

/// Prints refusals on standard error, one a line.
fn refuse(refusals: &[Refusal], lang: Lang) -> ExitCode {
    for r in refusals {
        eprintln!("{}", terminal(&r.describe(lang)));
    }
    ExitCode::FAILURE
}

/// The grid files of `dir` and its sub-folders (JSON, not the catalogue), with paths relative to
/// `dir` written with `/`; hidden files and folders are left out. A secret key among the files
/// (whatever its name) is refused: the folder is what gets published.
fn grid_files(dir: &Path, lang: Lang) -> Result<std::result::Result<Vec<Source>, Vec<Refusal>>> {
    let mut out = Vec::new();
    let mut keys = Vec::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        let failed = |e: std::io::Error| crate::words::io_failure(&crate::reading(&folder, lang), &e, lang);
        let entries = std::fs::read_dir(&folder).map_err(failed)?;
        for entry in entries {
            let entry = entry.map_err(failed)?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            let kind =
                entry.file_type().map_err(|e| crate::words::io_failure(&crate::reading(&path, lang), &e, lang))?;
            if name.starts_with('.') || kind.is_symlink() {
                continue;
            }
            let relative = path.strip_prefix(dir).unwrap_or(&path);
            let file = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            if kind.is_dir() {
                folders.push(path);
            } else if !name.ends_with(".json") {
                // A key file is small; anything larger is not one.
                let small = entry.metadata().is_ok_and(|m| m.len() <= 4096);
                let text = if small { std::fs::read_to_string(&path).unwrap_or_default() } else { String::new() };
                if jauge_catalogue::is_secret_key(&text) {
                    keys.push(Refusal::SecretKeyInFolder { file });
                }
            } else if !(folder == dir && name == FILE_NAME) {
                out.push(Source { file, text: crate::read_text(&path, GRID_BYTES, lang)? });
                if out.len() > MAX_GRIDS {
                    return Err(anyhow::anyhow!(lang.pick(
                        format!("plus de {MAX_GRIDS} fichiers JSON dans le dossier"),
                        format!("more than {MAX_GRIDS} JSON files in the folder")
                    )));
                }
            }
        }
    }
    Ok(if keys.is_empty() { Ok(out) } else { Err(keys) })
}

/// The catalogue in `dir`, when there is one.
fn existing(dir: &Path, lang: Lang) -> Result<Option<(Vec<u8>, Catalogue)>> {
    let path = dir.join(FILE_NAME);
    if !path.exists() {
        return Ok(None);
    }
    let bytes = crate::read_capped(&path, SMALL_FILE_BYTES, lang)?;
    let catalogue = jauge_catalogue::read(&bytes).map_err(|r| described(&path, &r, lang))?;
    Ok(Some((bytes, catalogue)))
}

fn described(path: &Path, r: &Refusal, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!("{}{}{}", path.display(), colon(lang), r.describe(lang))
}

fn build(dir: &Path, publisher: Option<String>, withdraw: Vec<String>, lang: Lang) -> Result<ExitCode> {
    let sources = match grid_files(dir, lang)? {
        Ok(sources) => sources,
        Err(keys) => return Ok(refuse(&keys, lang)),
    };
    let previous = existing(dir, lang)?;
    let options = Options { publisher, previous: previous.as_ref().map(|(_, c)| c.clone()), withdraw };
    let built = match jauge_catalogue::build(&sources, &options) {
        Ok(b) => b,
        Err(refusals) => {
            eprintln!(
                "{}",
                lang.pick(
                    format!("catalogue refusé, {} problème(s) ; rien n'est écrit", refusals.len()),
                    format!("catalogue refused, {} problem(s); nothing is written", refusals.len())
                )
            );
            return Ok(refuse(&refusals, lang));
        }
    };
    let json = built.catalogue.to_json();
    let unchanged = previous.as_ref().is_some_and(|(bytes, _)| *bytes == json.as_bytes());
    crate::write(&dir.join(FILE_NAME), json.as_bytes(), lang)?;
    let c = &built.catalogue;
    println!(
        "{FILE_NAME}{}{} — {}{}{}",
        colon(lang),
        lang.pick(
            format!("{} version(s) de {} grille(s)", c.releases().count(), c.grids.len()),
            format!("{} version(s) of {} grid(s)", c.releases().count(), c.grids.len())
        ),
        lang.pick("éditeur", "publisher"),
        colon(lang),
        terminal(&c.publisher)
    );
    for (entry, release) in c.releases() {
        println!("{}", terminal(&release_line(entry, release, lang)));
        if let Some(notes) = &release.notes {
            println!("    {}", terminal(notes.get(lang)));
        }
    }
    for notice in &built.notices {
        println!("{}{}{}", lang.pick("à noter", "note"), colon(lang), terminal(&notice.describe(lang)));
    }
    let signature = dir.join(SIGNATURE_NAME);
    if !unchanged && signature.exists() {
        std::fs::remove_file(&signature).map_err(|e| {
            let action = lang
                .pick(format!("suppression de {}", signature.display()), format!("removing {}", signature.display()));
            crate::words::io_failure(&action, &e, lang)
        })?;
        println!(
            "{}",
            lang.pick(
                format!("{SIGNATURE_NAME} supprimée : elle ne correspond plus au catalogue ; signez-le de nouveau"),
                format!("{SIGNATURE_NAME} removed: it no longer matches the catalogue; sign it again")
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `hebergement 2.0.0 — publiée — hebergement.json — empreinte 7a1593aa9a4d…`.
fn release_line(entry: &jauge_catalogue::Entry, release: &jauge_catalogue::Release, lang: Lang) -> String {
    let short = release.fingerprint.get(..12).unwrap_or(&release.fingerprint);
    format!(
        "  {} {} — {} — {} — {} {short}…",
        entry.id,
        release.version,
        release.status.describe(lang),
        release.file,
        lang.pick("empreinte", "fingerprint")
    )
}

fn password(variable: Option<String>, lang: Lang) -> Result<Option<String>> {
    let Some(name) = variable else { return Ok(None) };
    match std::env::var(&name) {
        Ok(p) if !p.is_empty() => Ok(Some(p)),
        _ => Err(anyhow::anyhow!(lang.pick(
            format!("la variable d'environnement {name} (mot de passe de la clé) est absente ou vide"),
            format!("the environment variable {name} (the key's password) is missing or empty")
        ))),
    }
}

fn keygen(public: &Path, secret: &Path, password_env: Option<String>, lang: Lang) -> Result<ExitCode> {
    if secret.exists() {
        return Err(anyhow::anyhow!(lang.pick(
            format!(
                "{} existe déjà : une clé secrète n'est jamais écrasée ; choisissez un autre fichier",
                secret.display()
            ),
            format!("{} already exists: a secret key is never overwritten; choose another file", secret.display())
        )));
    }
    let encrypted = password_env.is_some();
    let keys =
        jauge_catalogue::sign::keygen(password(password_env, lang)?).map_err(|r| anyhow::anyhow!(r.describe(lang)))?;
    write_secret(secret, keys.secret.as_bytes(), lang)?;
    crate::write(public, keys.public.as_bytes(), lang)?;
    println!("{}{}{}", lang.pick("clé", "key"), colon(lang), keys.id);
    println!(
        "{}",
        lang.pick(
            format!("{} : clé publique, à publier et à transmettre aux membres, qui l'épinglent", public.display()),
            format!("{}: public key, to publish and give to members, who pin it", public.display())
        )
    );
    let secret_note = if encrypted {
        lang.pick(
            "clé secrète chiffrée par le mot de passe, à conserver",
            "secret key encrypted with the password, to keep",
        )
    } else {
        lang.pick(
            "clé secrète NON chiffrée, à conserver à l'abri (--password-env pour la chiffrer)",
            "secret key NOT encrypted, to keep safe (--password-env to encrypt it)",
        )
    };
    println!("{}{}{secret_note}", secret.display(), colon(lang));
    Ok(ExitCode::SUCCESS)
}

/// Writes a secret key readable by its owner only (on Unix), never over an existing file.
fn write_secret(path: &Path, bytes: &[u8], lang: Lang) -> Result<()> {
    use std::io::Write as _;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let failed = |e: std::io::Error| crate::words::io_failure(&crate::writing(path, lang), &e, lang);
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(bytes).map_err(failed)
}

/// Checks every grid the catalogue lists against its file in `dir`: one line each, and the refusals.
fn check_grids(dir: &Path, catalogue: &Catalogue, lang: Lang) -> Result<(Vec<String>, Vec<Refusal>)> {
    let mut unreadable = None;
    let checked = jauge_catalogue::check_grids(catalogue, |file| {
        let path = dir.join(file);
        if !path.is_file() {
            return None;
        }
        match crate::read_text(&path, GRID_BYTES, lang) {
            Ok(text) => Some(text),
            Err(e) => {
                unreadable.get_or_insert(e);
                Some(String::new())
            }
        }
    });
    if let Some(e) = unreadable {
        return Err(e);
    }
    let (mut lines, mut refusals) = (Vec::new(), Vec::new());
    for (c, (entry, release)) in checked.into_iter().zip(catalogue.releases()) {
        match c.outcome {
            Ok(()) => lines.push(format!(
                "{}{}{}{}",
                release_line(entry, release, lang),
                colon(lang),
                lang.pick("conforme", "matches"),
                match release.status {
                    Status::Published => "",
                    Status::Draft =>
                        lang.pick(" (brouillon : pas pour une procédure)", " (draft: not for use in a procedure)",),
                    Status::Withdrawn => lang.pick(
                        " (retirée par la structure : pas pour une nouvelle procédure)",
                        " (withdrawn by the structure: not for a new procedure)",
                    ),
                }
            )),
            Err(r) => refusals.push(r),
        }
    }
    Ok((lines, refusals))
}

fn sign(
    dir: &Path,
    secret: &Path,
    password_env: Option<String>,
    comment: Option<&str>,
    lang: Lang,
) -> Result<ExitCode> {
    let Some((bytes, catalogue)) = existing(dir, lang)? else {
        return Err(anyhow::anyhow!(lang.pick(
            format!("{} : aucun {FILE_NAME} ; construisez-le d'abord (jauge catalogue build)", dir.display()),
            format!("{}: no {FILE_NAME}; build it first (jauge catalogue build)", dir.display())
        )));
    };
    if let Err(keys) = grid_files(dir, lang)? {
        return Ok(refuse(&keys, lang));
    }
    let (_, refusals) = check_grids(dir, &catalogue, lang)?;
    if !refusals.is_empty() {
        eprintln!(
            "{}",
            lang.pick(
                "catalogue non signé : des grilles ne correspondent pas au catalogue (reconstruisez-le)",
                "catalogue not signed: grids do not match the catalogue (build it again)"
            )
        );
        return Ok(refuse(&refusals, lang));
    }
    let key = String::from_utf8(crate::read_capped(secret, SMALL_FILE_BYTES, lang)?).unwrap_or_default();
    let signature = jauge_catalogue::sign::sign(&bytes, &key, password(password_env, lang)?, comment)
        .map_err(|r| described(secret, &r, lang))?;
    crate::write(&dir.join(SIGNATURE_NAME), signature.as_bytes(), lang)?;
    let signed_by = signature.lines().next().and_then(|l| l.rsplit(' ').next()).unwrap_or_default().to_string();
    println!(
        "{SIGNATURE_NAME}{}{}",
        colon(lang),
        lang.pick(
            format!("catalogue signé par la clé {signed_by} ({} version(s))", catalogue.releases().count()),
            format!("catalogue signed with key {signed_by} ({} version(s))", catalogue.releases().count())
        )
    );
    Ok(ExitCode::SUCCESS)
}

fn verify(dir: &Path, public_key: &str, lang: Lang) -> Result<ExitCode> {
    let key_text = if Path::new(public_key).is_file() {
        String::from_utf8(crate::read_capped(Path::new(public_key), SMALL_FILE_BYTES, lang)?).unwrap_or_default()
    } else {
        public_key.to_string()
    };
    let key = match PublicKey::parse(&key_text) {
        Ok(k) => k,
        Err(r) => return Ok(refuse(&[r], lang)),
    };
    let path = dir.join(FILE_NAME);
    let bytes = crate::read_capped(&path, SMALL_FILE_BYTES, lang)?;
    let signature_path = dir.join(SIGNATURE_NAME);
    if !signature_path.is_file() {
        return Ok(refuse(&[Refusal::NoSignature], lang));
    }
    let signature = String::from_utf8(crate::read_capped(&signature_path, SMALL_FILE_BYTES, lang)?).unwrap_or_default();
    let signed = match jauge_catalogue::verify(&bytes, &signature, &key) {
        Ok(s) => s,
        Err(r) => {
            eprintln!("{FILE_NAME}{}{}", colon(lang), lang.pick("REFUSÉ", "REFUSED"));
            return Ok(refuse(&[r], lang));
        }
    };
    println!(
        "{FILE_NAME}{}{}",
        colon(lang),
        terminal(&lang.pick(
            format!(
                "signature valide, clé {} — éditeur : {} — commentaire signé : {}",
                signed.key_id, signed.catalogue.publisher, signed.trusted_comment
            ),
            format!(
                "valid signature, key {} — publisher: {} — signed comment: {}",
                signed.key_id, signed.catalogue.publisher, signed.trusted_comment
            )
        ))
    );
    let (lines, mut refusals) = check_grids(dir, &signed.catalogue, lang)?;
    // Any other grid file of the folder (or a secret key left in it) was put there after the
    // catalogue was built and signed: nothing vouches for it.
    let listed: std::collections::HashSet<&str> = signed.catalogue.releases().map(|(_, r)| r.file.as_str()).collect();
    match grid_files(dir, lang)? {
        Ok(files) => refusals.extend(
            files
                .into_iter()
                .filter(|s| !listed.contains(s.file.as_str()))
                .map(|s| Refusal::NotInCatalogue { file: s.file }),
        ),
        Err(keys) => refusals.extend(keys),
    }
    for line in lines {
        println!("{}", terminal(&line));
    }
    if refusals.is_empty() {
        println!(
            "{}",
            lang.pick(
                "toutes les grilles du catalogue sont celles que la structure a signées",
                "every grid of the catalogue is the one the structure signed"
            )
        );
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{}",
        lang.pick(
            format!("{} fichier(s) refusé(s) : ne pas les utiliser", refusals.len()),
            format!("{} file(s) refused: do not use them", refusals.len())
        )
    );
    Ok(refuse(&refusals, lang))
}
