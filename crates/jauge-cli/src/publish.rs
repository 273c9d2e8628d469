//! After the evaluation: `jauge export` (eForms blocks, OCDS, DECP), `jauge letters` (one letter
//! per bidder and a zip of them all) and `jauge archive` (the procedure's bundle, and `archive
//! verify`). Nothing is sent: files are written for the buyer to check and send.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use jauge_analysis::letters::Letter;
use jauge_analysis::{Analysis, Annex};
use jauge_engine::Lang;
use jauge_engine::limits::{OFFER_BYTES, SESSION_BYTES};
use jauge_export::Standard;
use jauge_export::archive::{self, Role};

use super::{in_lang, not_an_input, output, read_capped, read_session, write};

/// The commands of this module, flattened into the CLI's.
#[derive(Subcommand)]
pub enum Command {
    /// Write an export of a session: the eForms award-criteria block of a contract notice
    /// (eforms-cn), the result block of a contract award notice (eforms-can), an OCDS release
    /// (ocds) or the DECP 2.0.3 essential data (decp). The fields the session lacks are listed.
    Export {
        /// The session file.
        #[arg(long)]
        session: PathBuf,
        /// The standard.
        #[arg(long, value_enum)]
        to: To,
        /// The file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Date and time of the release (ISO 8601); now by default.
        #[arg(long)]
        date: Option<String>,
    },
    /// Write the letters to the bidders (one per rejected bidder, and the winner's notification
    /// draft) as .html and .docx in a folder, with a zip of them all. Refused while the analysis
    /// is incomplete. Nothing is sent.
    Letters {
        /// The session file.
        #[arg(long)]
        session: PathBuf,
        /// The folder to write them in (created if needed).
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Build the archive of a procedure (a zip with a manifest of every file's SHA-256), or check
    /// one: `jauge archive verify BUNDLE`.
    Archive(ArchiveArgs),
}

/// `jauge archive`.
#[derive(Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct ArchiveArgs {
    /// `verify BUNDLE`.
    #[command(subcommand)]
    verify: Option<Verify>,
    /// The session file.
    #[arg(long)]
    session: Option<PathBuf>,
    /// The bundle to write (.zip).
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Files bidders sent to regularise their offers.
    #[arg(long)]
    regularisation: Vec<PathBuf>,
    /// Date and time of the bundle and of the report in it (ISO 8601); now by default.
    #[arg(long)]
    date: Option<String>,
    /// The offer files, as received.
    offers: Vec<PathBuf>,
}

/// `jauge archive verify`.
#[derive(Subcommand)]
enum Verify {
    /// Check every fingerprint of a bundle and the session's links to its files; exits with
    /// status 1 naming each file missing or altered.
    Verify {
        /// The bundle.
        bundle: PathBuf,
    },
}

/// The standards, as `--to` names them.
#[derive(Clone, Copy, ValueEnum)]
pub enum To {
    /// eForms contract notice: award criteria.
    EformsCn,
    /// eForms contract award notice: result.
    EformsCan,
    /// OCDS release.
    Ocds,
    /// DECP 2.0.3.
    Decp,
}

impl To {
    fn standard(self) -> Standard {
        match self {
            To::EformsCn => Standard::EformsCn,
            To::EformsCan => Standard::EformsCan,
            To::Ocds => Standard::Ocds,
            To::Decp => Standard::Decp,
        }
    }
}

/// The largest bundle read back.
const BUNDLE_BYTES: u64 = 4 << 30;

fn analysis(path: &Path, date: &str, lang: Lang) -> Result<Analysis> {
    let (name, session) = read_session(path, lang)?;
    Analysis::new(&session, &name, date, Annex::AgreedMarksOnly).map_err(|e| in_lang(e, lang))
}

/// Runs one of this module's commands.
pub fn run(command: Command, lang: Lang) -> Result<ExitCode> {
    match command {
        Command::Export { session, to, output, date } => {
            not_an_input(&output, &[&session], lang)?;
            let a = analysis(&session, &output::given_date(date, lang)?, lang)?;
            let e = jauge_export::export(&a, to.standard(), lang);
            write(&output, e.text.as_bytes(), lang)?;
            println!("{}{}{}", output.display(), jauge_engine::text::colon(lang), to.standard().name(lang));
            for m in &e.missing {
                let label =
                    if m.is_check() { lang.pick("à vérifier", "to check") } else { lang.pick("manquant", "missing") };
                println!("  [{label}] {}", output::terminal(&m.describe(lang)));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Letters { session, output } => {
            let a = analysis(&session, &output::now(), lang)?;
            let all = all_letters(&a, lang);
            if all.is_empty() {
                return Ok(ExitCode::FAILURE);
            }
            std::fs::create_dir_all(&output).map_err(|e| {
                let action = lang.pick(
                    format!("création du dossier {}", output.display()),
                    format!("creating folder {}", output.display()),
                );
                crate::words::io_failure(&action, &e, lang)
            })?;
            let files = jauge_export::letter_files(&all, "").map_err(|e| anyhow::anyhow!(e))?;
            for f in &files {
                write(&output.join(&f.path), &f.bytes, lang)?;
            }
            let zip = archive::zip(&files).map_err(|e| anyhow::anyhow!(e))?;
            let name = lang.pick("courriers.zip", "letters.zip");
            write(&output.join(name), &zip, lang)?;
            for l in &all {
                println!(
                    "{}.html, {}.docx{}{}",
                    l.name,
                    l.name,
                    jauge_engine::text::colon(lang),
                    output::terminal_line(&l.supplier)
                );
            }
            println!("{}", output.join(name).display());
            Ok(ExitCode::SUCCESS)
        }
        Command::Archive(args) => archive_command(args, lang),
    }
}

/// The letters of every lot whose analysis is complete (each lot's file names start with the
/// lot); for a lot still incomplete, why none is written, on stderr.
fn all_letters(a: &Analysis, lang: Lang) -> Vec<Letter> {
    let all = jauge_export::letters(a, lang);
    for (lot, pending) in &all.refused {
        eprintln!(
            "{}{}",
            lot.as_ref().map_or_else(String::new, |id| format!("lot {id} : ")),
            jauge_export::withheld(lang)
        );
        for p in pending {
            eprintln!("  [{}] {}", lang.pick("en suspens", "to settle"), output::terminal(&p.describe(lang)));
        }
    }
    for u in &all.unwritten {
        eprintln!("[{}] {}", lang.pick("courrier à rédiger", "letter to write"), output::terminal(&u.describe(lang)));
    }
    all.letters
}

fn archive_command(args: ArchiveArgs, lang: Lang) -> Result<ExitCode> {
    if let Some(Verify::Verify { bundle }) = args.verify {
        let bytes = read_capped(&bundle, BUNDLE_BYTES, lang)?;
        let checked = archive::verify(&bytes);
        for p in &checked.problems {
            println!("{}", output::terminal(&p.describe(lang)));
        }
        let total = checked.manifest.as_ref().map_or(0, |m| m.files.len());
        println!(
            "{} {}/{} {}",
            output::terminal(&bundle.display().to_string()),
            checked.intact,
            total,
            lang.pick("fichiers intacts", "files intact")
        );
        if let Some(m) = &checked.manifest {
            println!("{}", lang.pick(&m.retention.fr, &m.retention.en));
        }
        return Ok(if checked.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE });
    }
    let (Some(session_path), Some(output)) = (args.session, args.output) else {
        return Err(anyhow::anyhow!(lang.pick(
            "jauge archive --session SESSION -o ARCHIVE.zip FICHIERS_D_OFFRE… ou jauge archive verify ARCHIVE.zip",
            "jauge archive --session SESSION -o BUNDLE.zip OFFER_FILE… or jauge archive verify BUNDLE.zip"
        )));
    };
    let inputs: Vec<&Path> =
        std::iter::once(session_path.as_path()).chain(args.offers.iter().map(PathBuf::as_path)).collect();
    not_an_input(&output, &inputs, lang)?;
    let date = output::given_date(args.date, lang)?;
    let (name, session) = read_session(&session_path, lang)?;
    let a = Analysis::new(&session, &name, &date, Annex::AgreedMarksOnly).map_err(|e| in_lang(e, lang))?;
    // File by file: the offers, read one at a time, are compressed into the bundle as they come.
    let mut bundler = archive::Bundler::new();
    for f in archive::head(&session, read_capped(&session_path, SESSION_BYTES, lang)?) {
        bundler.add(&f.path, f.role, &f.bytes).map_err(|e| anyhow::anyhow!(e))?;
    }
    for (role, paths) in [(Role::Offer, &args.offers), (Role::Regularisation, &args.regularisation)] {
        for path in paths {
            let bytes = read_capped(path, OFFER_BYTES, lang)?;
            let at = archive::received_path(role, &super::file_name(path));
            bundler.add(&at, role, &bytes).map_err(|e| anyhow::anyhow!(e))?;
        }
    }
    let document = jauge_analysis::document::document(&a, lang);
    let mut workbooks = Vec::new();
    for (kind, ext) in [(jauge_sheets::FormKind::Xlsx, "xlsx"), (jauge_sheets::FormKind::Ods, "ods")] {
        workbooks.push((ext.to_string(), jauge_sheets::write_document(&document, kind)?));
    }
    for f in archive::documents(&a, lang, workbooks).map_err(|e| anyhow::anyhow!(e))? {
        bundler.add(&f.path, f.role, &f.bytes).map_err(|e| anyhow::anyhow!(e))?;
    }
    let (manifest, bytes) = bundler.finish(&session, &date).map_err(|e| anyhow::anyhow!(e))?;
    write(&output, &bytes, lang)?;
    // The bundle checked as `archive verify` would: every offer of the session has its file.
    let checked = archive::verify(&bytes);
    println!(
        "{}{}{} ({} {})",
        output.display(),
        jauge_engine::text::colon(lang),
        lang.pick("archive écrite", "bundle written"),
        manifest.files.len(),
        lang.pick("fichiers", "files")
    );
    println!("{}", lang.pick(&manifest.retention.fr, &manifest.retention.en));
    for p in &checked.problems {
        println!("  [{}] {}", lang.pick("à revoir", "to check"), output::terminal(&p.describe(lang)));
    }
    Ok(if checked.problems.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE })
}
