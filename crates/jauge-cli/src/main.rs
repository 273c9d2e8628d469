//! The `jauge` command line: the definition of the interface, plus glue to the engine.

mod catalogue;
mod grid_diff;
mod output;
mod publish;
mod words;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use jauge_engine::limits::{GRID_BYTES, MARKS_BYTES, MB, OFFER_BYTES, RECORD_BYTES, SESSION_BYTES};
use jauge_engine::offer::{Found, find};
use jauge_engine::session::{Record, Round as RoundRecord, RoundKind, Session, consolidate};
use jauge_engine::text::colon;
use jauge_engine::{CheckedGrid, Error, Lang, Offer, OfferId, Severity};

/// Grade supplier offers against a responsible-purchasing grid.
#[derive(Parser)]
#[command(name = "jauge", version, about)]
struct Cli {
    /// Language of messages and explanations.
    #[arg(long, global = true, value_enum, default_value_t = LangArg::Fr)]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check a grid file: exit 0 when valid (warnings printed), 1 with every problem listed.
    CheckGrid {
        /// The grid file (JSON, `jauge-grid/2` or `jauge-grid/1`).
        grid: PathBuf,
    },
    /// Evaluate offers against a grid and print the ranking.
    Evaluate {
        /// The grid file.
        #[arg(long)]
        grid: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// With the table format: print only the ranking, without the detail per criterion.
        #[arg(long)]
        summary: bool,
        /// With the table format: add how robust the ranking is (weight changes that would change
        /// the winner, the ranking under each price method, effective weights).
        #[arg(long)]
        robustness: bool,
        /// The evaluators' marks on manual criteria (`jauge-marks/1`), by supplier name or file name.
        #[arg(long)]
        marks: Option<PathBuf>,
        /// Largest offer file accepted, in megabytes.
        #[arg(long, default_value_t = OFFER_BYTES / MB)]
        max_size: u64,
        /// For a grid with lots: evaluate this lot only (its id). Without it, every lot is
        /// evaluated in turn, each on its own offers; marks are never combined across lots.
        #[arg(long)]
        lot: Option<String>,
        /// The buyer's hidden quantities (`jauge-quantities/1`): the quantity estimate (DQE) of the
        /// price schedule's lines kept from bidders; never in the response form.
        #[arg(long)]
        quantities: Option<PathBuf>,
        /// The buyer's decision on the optional services (PSE) of the price schedules: the
        /// optional line groups kept, by id, comma-separated, as a session's `optional_services.kept`
        /// records them (`--optional-services pse-astreinte`; `--optional-services ""` keeps none).
        /// Without it the base alone is compared, and a warning says the decision is owed.
        #[arg(long, value_delimiter = ',', value_name = "GROUPS")]
        optional_services: Option<Vec<String>>,
        /// Also write the price schedules' line-by-line comparison to this file (.csv, .xlsx or
        /// .ods): one row per line and offer, the unit price as written and retained, the amount,
        /// the cheapest of the line and lines far below the others' marked, the findings. For a
        /// grid with lots, the lot chosen by `--lot`.
        #[arg(long, value_name = "FILE")]
        lines: Option<PathBuf>,
        /// Offer files: filled response forms (xlsx, xlsm, xlsb, xls, ods, csv) or JSON offers,
        /// recognised by their content. A form covering several lots gives an offer per lot.
        #[arg(required = true)]
        offers: Vec<PathBuf>,
    },
    /// Write the response form (cadre de réponse) of a grid, for the tender file.
    Template {
        /// The grid file.
        #[arg(long)]
        grid: PathBuf,
        /// The form to write: its extension (.xlsx, .ods or .csv) sets the format.
        #[arg(short, long)]
        output: PathBuf,
    },
    /// Build a session file (`jauge-session/3`) from a grid, offers, marks and the procedure record,
    /// as the web app would export it.
    Session {
        /// The grid file.
        #[arg(long)]
        grid: PathBuf,
        /// The evaluator's marks on manual criteria (`jauge-marks/1`).
        #[arg(long)]
        marks: Option<PathBuf>,
        /// The procedure record and decisions (JSON: `{"procedure": {…}, "decisions": […]}`).
        #[arg(long)]
        record: Option<PathBuf>,
        /// Whose marks these are (for an evaluator's own session).
        #[arg(long)]
        evaluator: Option<String>,
        /// The buyer's hidden quantities (`jauge-quantities/1`): the quantity estimate (DQE) of the
        /// price schedule's lines kept from bidders; kept in the session, never in the response form.
        #[arg(long)]
        quantities: Option<PathBuf>,
        /// The session file to write.
        #[arg(short, long)]
        output: PathBuf,
        /// Offer files.
        #[arg(required = true)]
        offers: Vec<PathBuf>,
    },
    /// Add the offers of a new round of the procedure (after negotiation, or the final offers) to a
    /// session: only the last round is ranked, earlier ones are reported for information.
    Round {
        /// The session to add the round to.
        #[arg(long)]
        session: PathBuf,
        /// What the round is: `negotiated` (offers after a round of negotiation) or `final`.
        #[arg(long, default_value = "negotiated")]
        kind: String,
        /// When the round's offers were received (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// The evaluators' marks on the round's offers (`jauge-marks/1`): an offer file's own
        /// marks are never taken.
        #[arg(long)]
        marks: Option<PathBuf>,
        /// The session file to write (not the one read).
        #[arg(short, long)]
        output: PathBuf,
        /// The round's offer files.
        #[arg(required = true)]
        offers: Vec<PathBuf>,
    },
    /// Merge the evaluators' sessions into the committee's and print every mark, the spread and
    /// the disagreements; marks all evaluators agree on become the agreed marks.
    Consolidate {
        /// Disagreement threshold: a spread above this percentage of the mark's scale.
        #[arg(long, default_value_t = 20.0)]
        threshold: f64,
        /// An earlier committee session to import the sessions into: its agreed marks, record and
        /// decisions are kept, an evaluator already in it has their marks replaced.
        #[arg(long)]
        into: Option<PathBuf>,
        /// The committee's session file to write (not one of the files read: write a new one).
        #[arg(short, long)]
        output: PathBuf,
        /// The evaluators' session files.
        #[arg(required = true)]
        sessions: Vec<PathBuf>,
    },
    /// Write the analysis report (rapport d'analyse des offres) of a session: .html (print-ready),
    /// .docx (editable in Writer or Word), .xlsx or .ods.
    Report {
        /// The session file.
        #[arg(long)]
        session: PathBuf,
        /// The report to write; its extension sets the format.
        #[arg(short, long)]
        output: PathBuf,
        /// Date and time printed on the report (ISO 8601, e.g. 2026-11-22T10:00:00Z); now by default.
        #[arg(long)]
        date: Option<String>,
        /// Annex each evaluator's marks (for a consolidated session).
        #[arg(long)]
        annex_individual: bool,
        /// Write the internal worksheet instead (.html or .docx): how robust the ranking is, the
        /// rankings under other price methods; not part of the signed report.
        #[arg(long)]
        internal: bool,
        /// The buyer's hidden quantities (`jauge-quantities/1`): the quantity estimate (DQE) of the
        /// price schedule's lines kept from bidders; they replace those the session carries.
        #[arg(long)]
        quantities: Option<PathBuf>,
    },
    /// Record the regularisation of an irregular offer: the file the bidder sent may fill only the
    /// answers whose absence made the offer irregular; one that changes a given answer, or an
    /// abnormally low offer, is refused with the reasons and nothing is written.
    Regularise {
        /// The session file to update.
        #[arg(long)]
        session: PathBuf,
        /// The offer regularised: its file name, its supplier's name or its identity (the first
        /// digits of its file's SHA-256, needed when two offers share a file name).
        #[arg(long)]
        offer: String,
        /// The date the bidder's file was received (YYYY-MM-DD).
        #[arg(long)]
        received: String,
        /// Who records the decision.
        #[arg(long, default_value = "")]
        author: String,
        /// What was asked of the bidder, and when.
        #[arg(long, default_value = "")]
        detail: String,
        /// The session file to write (not the one read: write a new one).
        #[arg(short, long)]
        output: PathBuf,
        /// The file the bidder sent.
        file: PathBuf,
    },
    /// Check a session against the files received: each offer must come from one of them (same
    /// SHA-256) and read as the session records it. Exits with status 1 when one does not, when
    /// a file is missing, or when a file received is not in the session.
    Verify {
        /// The session file (an evaluator's or the committee's).
        #[arg(long)]
        session: PathBuf,
        /// The files received from the bidders (any names).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Compare grids: `jauge grid diff A B`.
    #[command(subcommand)]
    Grid(grid_diff::GridCommand),
    /// A pooling structure's catalogue of grids: build, keygen, sign, verify.
    #[command(subcommand)]
    Catalogue(catalogue::CatalogueCommand),
    /// After the evaluation: export, letters, archive.
    #[command(flatten)]
    Publish(publish::Command),
    /// Print the JSON Schema of grid, offer, marks, report or record files.
    Schema {
        /// Which schema.
        #[arg(value_enum)]
        which: Which,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Fr,
    En,
}

/// Output formats of `evaluate`.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A readable ranking with explanations.
    Table,
    /// The `jauge-report/1` JSON contract.
    Json,
    /// One row per offer, for spreadsheets.
    Csv,
}

#[derive(Clone, Copy, ValueEnum)]
enum Which {
    Grid,
    Offer,
    Marks,
    Report,
    /// The procedure record and decisions given to `jauge session --record`.
    Record,
}

fn main() -> ExitCode {
    // A library panicking on a malformed file is caught and reported as a damaged file; one line
    // is enough to tell the maintainers where, without a backtrace frightening the buyer.
    std::panic::set_hook(Box::new(|info| eprintln!("jauge : erreur interne ({info})")));
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Fr => Lang::Fr,
        LangArg::En => Lang::En,
    };
    match run(cli.command, lang) {
        Ok(code) => code,
        Err(e) => {
            let label = if lang == Lang::Fr { "erreur" } else { "error" };
            eprintln!("{label}{}{}", colon(lang), output::terminal(&format!("{e:#}")));
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command, lang: Lang) -> Result<ExitCode> {
    match command {
        Command::CheckGrid { grid } => check_grid(&grid, lang),
        Command::Grid(command) => grid_diff::run(command, lang),
        Command::Catalogue(command) => catalogue::run(command, lang),
        Command::Evaluate {
            grid,
            format,
            summary,
            robustness,
            marks,
            max_size,
            lot,
            quantities,
            optional_services,
            lines,
            offers,
        } => {
            if let Some(path) = &lines {
                let inputs = [&grid].into_iter().chain(&marks).chain(&quantities).chain(&offers);
                not_an_input(path, &inputs.map(PathBuf::as_path).collect::<Vec<_>>(), lang)?;
            }
            let Some(checked) = load_grid(&grid, lang)? else { return Ok(ExitCode::FAILURE) };
            let checked = match &quantities {
                Some(path) => checked.hiding(&load_quantities(path, lang)?).map_err(|e| in_file(path, e, lang))?,
                None => checked,
            };
            let checked = match optional_services {
                Some(kept) => keeping(checked, &kept, lang)?,
                None => checked,
            };
            let limits =
                jauge_sheets::Limits { max_file_bytes: max_size.saturating_mul(MB), ..jauge_sheets::Limits::default() };
            let (mut read, mut failed) = load_offers(&offers, &checked, &limits, lang);
            if let Some(path) = marks {
                failed |= apply_marks(&path, &mut read, lang)?;
            }
            if let Some(path) = &lines {
                write_lines(path, &checked, &read, lot.as_deref(), lang)?;
            }
            let text = if checked.grid().lots.is_empty() {
                if let Some(lot) = lot {
                    return Err(anyhow::anyhow!(words::no_lots(&lot, lang)));
                }
                evaluation(&checked, &read, format, summary, robustness, lang)?
            } else {
                let mut report = jauge_engine::evaluate_lots(&checked, &read);
                if let Some(id) = &lot {
                    if checked.grid().lot(id).is_none() {
                        let ids: Vec<&str> = checked.grid().lots.iter().map(|l| l.id.as_str()).collect();
                        return Err(anyhow::anyhow!(words::unknown_lot(id, &ids, lang)));
                    }
                    report.lots.retain(|l| l.lot.id == id.trim());
                    report.unassigned.clear();
                }
                match format {
                    Format::Json => serde_json::to_string_pretty(&report)? + "\n",
                    Format::Csv if lot.is_none() => return Err(anyhow::anyhow!(words::csv_needs_lot(lang))),
                    _ => {
                        let mut out = String::new();
                        for l in &report.lots {
                            let own = checked.lot(&l.lot.id).context("lot")?;
                            let mine: Vec<Offer> =
                                read.iter().filter(|o| o.lot.as_deref() == Some(l.lot.id.as_str())).cloned().collect();
                            if format == Format::Table {
                                out += &output::lot_heading(&l.lot, lang);
                            }
                            out += &evaluation(&own, &mine, format, summary, robustness, lang)?;
                        }
                        if format == Format::Table {
                            out += &output::unassigned(&report.unassigned, lang);
                        }
                        out
                    }
                }
            };
            // The table is for a terminal; JSON and CSV are data, escaped by their writers.
            match format {
                Format::Table => print!("{}", output::terminal(&text)),
                _ => print!("{text}"),
            }
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Template { grid, output } => {
            not_an_input(&output, &[&grid], lang)?;
            let Some(checked) = load_grid(&grid, lang)? else { return Ok(ExitCode::FAILURE) };
            let name = output.to_string_lossy();
            let Some(kind) = jauge_sheets::FormKind::from_extension(&name) else {
                return Err(unknown_extension(&output, &[".xlsx", ".ods", ".csv"], lang));
            };
            let bytes = jauge_sheets::write_form(&checked, kind).map_err(|e| in_lang(e, lang))?;
            write(&output, &bytes, lang)?;
            let fr = lang == Lang::Fr;
            println!("{name}{}{}", colon(lang), if fr { "cadre de réponse écrit" } else { "response form written" });
            Ok(ExitCode::SUCCESS)
        }
        Command::Session { grid, marks, record, evaluator, quantities, output, offers } => {
            let inputs = [&grid].into_iter().chain(&marks).chain(&record).chain(&quantities).chain(&offers);
            not_an_input(&output, &inputs.map(PathBuf::as_path).collect::<Vec<_>>(), lang)?;
            let Some(checked) = load_grid(&grid, lang)? else { return Ok(ExitCode::FAILURE) };
            let limits = jauge_sheets::Limits::default();
            let mut session = Session::new(read_text(&grid, GRID_BYTES, lang)?);
            if let Some(path) = &quantities {
                let q = load_quantities(path, lang)?;
                checked.clone().hiding(&q).map_err(|e| in_file(path, e, lang))?;
                session.quantities = Some(q);
            }
            session.lang = lang;
            session.evaluator = evaluator.unwrap_or_default();
            let (read, mut failed) = load_offers(&offers, &checked, &limits, lang);
            session.offers = read;
            if let Some(path) = marks {
                failed |= apply_marks(&path, &mut session.offers, lang)?;
            }
            if let Some(path) = record {
                let name = path.display().to_string();
                let record = Record::from_json(&name, &read_text(&path, RECORD_BYTES, lang)?)
                    .and_then(|r| r.resolved(&name, &session.offers))
                    .map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
                session.procedure = record.procedure;
                session.decisions = record.decisions;
            }
            write(&output, session.to_json().as_bytes(), lang)?;
            let fr = lang == Lang::Fr;
            println!(
                "{}{}{} ({} {})",
                output.display(),
                colon(lang),
                if fr { "session écrite" } else { "session written" },
                session.offers.len(),
                if fr { "offres" } else { "offers" }
            );
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Round { session, kind, date, marks, output, offers } => {
            let inputs = [&session].into_iter().chain(&marks).chain(&offers);
            not_an_input(&output, &inputs.map(PathBuf::as_path).collect::<Vec<_>>(), lang)?;
            let Some(kind) = RoundKind::ALL.into_iter().find(|k| *k != RoundKind::Initial && k.code() == kind.trim())
            else {
                return Err(anyhow::anyhow!(words::round_kind(&kind, lang)));
            };
            let (name, mut session) = read_session(&session, lang)?;
            let checked = session.checked_grid(&name).map_err(|e| anyhow::anyhow!(e.describe(lang)))?;
            let (mut read, mut failed) = load_offers(&offers, &checked, &jauge_sheets::Limits::default(), lang);
            let number = session.last_round() + 1;
            // Rounds came with version 3 of the session file.
            session.format = jauge_engine::session::SESSION_FORMAT.to_string();
            if session.rounds.is_empty() {
                session.rounds.push(session.round_info(1));
            }
            let date = match date {
                Some(d) => output::given_date(Some(d), lang)?,
                None => String::new(),
            };
            session.rounds.push(RoundRecord { number, kind, date });
            for offer in &mut read {
                offer.round = Some(number);
            }
            // A file already in the session (the same bytes) is not a new round's offer.
            read.retain(|o| session.offer(&o.id).is_none());
            // The marks file designates the round's offers only.
            if let Some(path) = marks {
                failed |= apply_marks(&path, &mut read, lang)?;
            }
            let added = read.len();
            session.offers.extend(read);
            write(&output, session.to_json().as_bytes(), lang)?;
            println!("{}{}{}", output.display(), colon(lang), words::round_written(number, added, lang));
            Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Consolidate { threshold, into, output, sessions } => {
            let inputs = into.iter().chain(&sessions).map(PathBuf::as_path).collect::<Vec<_>>();
            not_an_input(&output, &inputs, lang)?;
            let read = sessions.iter().map(|path| read_session(path, lang)).collect::<Result<Vec<_>>>()?;
            let merged = match into {
                Some(path) => {
                    let (name, committee) = read_session(&path, lang)?;
                    committee.import_evaluators(&name, &read)
                }
                None => consolidate(&read),
            }
            .map_err(|e| in_lang(e, lang))?;
            let grid = merged.checked_grid(&file_name(&output)).map_err(|e| in_lang(e, lang))?;
            print!(
                "{}",
                output::terminal(&output::comparison(
                    &merged,
                    &merged.comparison(grid.grid(), threshold / 100.0),
                    threshold,
                    lang
                ))
            );
            write(&output, merged.to_json().as_bytes(), lang)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { session, output, date, annex_individual, internal, quantities } => {
            let inputs = [&session].into_iter().chain(&quantities);
            not_an_input(&output, &inputs.map(PathBuf::as_path).collect::<Vec<_>>(), lang)?;
            let (name, mut session) = read_session(&session, lang)?;
            if let Some(path) = &quantities {
                session.quantities = Some(load_quantities(path, lang)?);
            }
            let date = output::given_date(date, lang)?;
            let analysis = jauge_analysis::Analysis::new(
                &session,
                &name,
                &date,
                jauge_analysis::Annex::each_evaluator(annex_individual),
            )
            .map_err(|e| in_lang(e, lang))?;
            let out = output.to_string_lossy().to_lowercase();
            let bytes = if internal {
                if out.ends_with(".html") || out.ends_with(".htm") {
                    jauge_analysis::internal_html(&analysis, lang).into_bytes()
                } else if out.ends_with(".docx") {
                    jauge_analysis::internal_docx(&analysis, lang)
                        .map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?
                } else {
                    return Err(unknown_extension(&output, &[".html", ".docx"], lang));
                }
            } else if out.ends_with(".html") || out.ends_with(".htm") {
                jauge_analysis::html(&analysis, lang).into_bytes()
            } else if out.ends_with(".docx") {
                jauge_analysis::docx(&analysis, lang).map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?
            } else {
                let Some(kind) =
                    jauge_sheets::FormKind::from_extension(&out).filter(|k| *k != jauge_sheets::FormKind::Csv)
                else {
                    return Err(unknown_extension(&output, &[".html", ".docx", ".xlsx", ".ods"], lang));
                };
                jauge_sheets::write_document(&jauge_analysis::document::document(&analysis, lang), kind)?
            };
            write(&output, &bytes, lang)?;
            let fr = lang == Lang::Fr;
            println!(
                "{}{}{}",
                output.display(),
                colon(lang),
                match (internal, fr) {
                    (true, true) => "document de travail interne écrit (hors du rapport signé)",
                    (true, false) => "internal worksheet written (not part of the signed report)",
                    (false, true) => "rapport d'analyse écrit",
                    (false, false) => "analysis report written",
                }
            );
            for item in analysis.pending(lang).into_iter().filter(|_| !internal) {
                println!("  [{}] {item}", if fr { "en suspens" } else { "to settle" });
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { session, files } => {
            let (name, s) = read_session(&session, lang)?;
            let grid = s.checked_grid(&name).map_err(|e| in_lang(e, lang))?;
            let (received, unreadable) = load_offers(&files, &grid, &jauge_sheets::Limits::default(), lang);
            let labels = jauge_engine::offer::labels(&s.offers);
            let found = s.verify(&received);
            for v in &found {
                println!("{}", output::terminal(&words::verification(v, &labels, lang)));
            }
            let verified = found.iter().filter(|v| v.is_verified()).count();
            println!("{}", words::verified(verified, s.offers.len(), lang));
            Ok(if unreadable || verified != found.len() { ExitCode::FAILURE } else { ExitCode::SUCCESS })
        }
        Command::Regularise { session, offer, received, author, detail, output, file } => {
            not_an_input(&output, &[&session, &file], lang)?;
            let (name, mut s) = read_session(&session, lang)?;
            let grid = s.checked_grid(&name).map_err(|e| in_lang(e, lang))?;
            let sent = load_offer(&file, &grid, &jauge_sheets::Limits::default(), lang)?;
            let offer = resolve(&s.offers, &offer, lang)?;
            // A file covering several lots regularises the offer of the same lot.
            let lot = s.offers.iter().find(|o| o.id == offer).and_then(|o| o.lot.clone());
            let sent = sent.iter().find(|o| o.lot == lot).or(sent.first()).cloned().context("offer")?;
            let regularisation = s.regularise(&grid, &offer, &sent, &received).map_err(|e| in_lang(e, lang))?;
            let fr = lang == Lang::Fr;
            for id in &regularisation.ignored {
                println!(
                    "  [{}] {id}{}{}",
                    if fr { "non pris" } else { "not taken" },
                    colon(lang),
                    if fr {
                        "réponse nouvelle à un critère qui ne fait que rapporter des points"
                    } else {
                        "a new answer to a criterion that only earns points"
                    }
                );
            }
            let filled: Vec<String> = regularisation.answers.keys().cloned().collect();
            s.decisions.push(jauge_engine::session::Decision {
                kind: jauge_engine::session::DecisionKind::Regularisation,
                offer,
                date: received,
                author,
                detail,
                outcome: jauge_engine::session::Outcome::Accepted,
                ground: None,
                lot: None,
                regularisation: Some(regularisation),
            });
            write(&output, s.to_json().as_bytes(), lang)?;
            println!(
                "{}{}{} ({})",
                output.display(),
                colon(lang),
                if fr { "régularisation enregistrée" } else { "regularisation recorded" },
                filled.join(", ")
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Publish(command) => publish::run(command, lang),
        Command::Schema { which } => {
            let schema = match which {
                Which::Grid => jauge_engine::grid_schema(),
                Which::Offer => jauge_engine::offer_schema(),
                Which::Marks => jauge_engine::marks_schema(),
                Which::Report => jauge_engine::report_schema(),
                Which::Record => jauge_engine::record_schema(),
            };
            println!("{}", serde_json::to_string_pretty(&schema)?);
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn check_grid(path: &Path, lang: Lang) -> Result<ExitCode> {
    let Some(checked) = load_grid(path, lang)? else { return Ok(ExitCode::FAILURE) };
    let grid = checked.grid();
    let fr = lang == Lang::Fr;
    println!(
        "{}{}{} — {} {} ({})",
        path.display(),
        colon(lang),
        if fr { "grille valide" } else { "valid grid" },
        grid.title.get(lang),
        grid.version,
        grid.id
    );
    println!(
        "{}{}{}",
        if fr { "empreinte SHA-256" } else { "SHA-256 fingerprint" },
        colon(lang),
        checked.fingerprint()
    );
    for lot in &grid.lots {
        let Some(own) = checked.lot(&lot.id) else { continue };
        print!("{}", output::lot_line(lot, own.grid(), lang));
    }
    for w in checked.warnings() {
        println!("{}", output::diagnostic_line(w, lang));
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the line-by-line comparison of the price schedules (`evaluate --lines`): of the grid,
/// or of the lot chosen for a grid with lots.
fn write_lines(path: &Path, checked: &CheckedGrid, read: &[Offer], lot: Option<&str>, lang: Lang) -> Result<()> {
    let Some(kind) = jauge_sheets::FormKind::from_extension(&path.to_string_lossy()) else {
        return Err(unknown_extension(path, &[".csv", ".xlsx", ".ods"], lang));
    };
    let (grid, offers): (CheckedGrid, Vec<Offer>) = match (checked.grid().lots.is_empty(), lot) {
        (true, _) => (checked.clone(), read.to_vec()),
        (false, Some(id)) => match checked.lot(id) {
            Some(g) => {
                let id = g.lot_id().unwrap_or(id.trim()).to_string();
                (g, read.iter().filter(|o| o.lot.as_deref() == Some(id.as_str())).cloned().collect())
            }
            None => {
                let ids: Vec<&str> = checked.grid().lots.iter().map(|l| l.id.as_str()).collect();
                return Err(anyhow::anyhow!(words::unknown_lot(id, &ids, lang)));
            }
        },
        (false, None) => return Err(anyhow::anyhow!(words::lines_need_lot(lang))),
    };
    let report = jauge_engine::evaluate(&grid, &offers);
    let comparisons = jauge_engine::schedule::comparisons(&grid, &offers, &report);
    if comparisons.is_empty() {
        return Err(anyhow::anyhow!(words::no_schedule(lang)));
    }
    let table = jauge_sheets::results::schedule_lines(grid.grid(), &comparisons, &report, lang);
    let bytes = jauge_sheets::write_tables(&[table], kind, lang).map_err(|e| in_lang(e, lang))?;
    write(path, &bytes, lang)?;
    eprintln!(
        "{}{}{}",
        path.display(),
        colon(lang),
        lang.pick("comparaison ligne par ligne écrite", "line-by-line comparison written")
    );
    Ok(())
}

/// The grid with the buyer's decision on optional services: the groups kept, each one an
/// optional group of the grid's schedules (a typo is refused, naming the groups there are).
fn keeping(checked: CheckedGrid, kept: &[String], lang: Lang) -> Result<CheckedGrid> {
    let optional: Vec<&str> = checked
        .grid()
        .criteria()
        .filter_map(|(_, c)| c.schedule.as_ref())
        .flat_map(|s| s.groups.iter().filter(|g| g.optional).map(|g| g.id.as_str()))
        .collect();
    let kept: Vec<String> = kept.iter().map(|k| k.trim().to_string()).filter(|k| !k.is_empty()).collect();
    if let Some(unknown) = kept.iter().find(|k| !optional.contains(&k.as_str())) {
        return Err(anyhow::anyhow!(words::unknown_optional_service(unknown, &optional, lang)));
    }
    Ok(checked.keeping(&kept))
}

/// Reads the buyer's hidden quantities file (`jauge-quantities/1`); its fit to the grid is
/// checked when the grid is given them.
fn load_quantities(path: &Path, lang: Lang) -> Result<jauge_engine::grid::Quantities> {
    jauge_engine::schedule::read_quantities(&read_text(path, GRID_BYTES, lang)?).map_err(|e| in_file(path, e, lang))
}

/// A refusal about a file, worded with the file's name.
fn in_file(path: &Path, e: Error, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!("{}{}{}", output::terminal(&path.display().to_string()), colon(lang), e.describe(lang))
}

/// Reads and checks a grid; prints every problem and returns `None` when it is refused.
fn load_grid(path: &Path, lang: Lang) -> Result<Option<CheckedGrid>> {
    match CheckedGrid::from_json(&read_text(path, GRID_BYTES, lang)?) {
        Ok(g) => Ok(Some(g)),
        Err(Error::InvalidGrid { problems }) => {
            let fr = lang == Lang::Fr;
            eprintln!(
                "{}{}{} {} {}",
                path.display(),
                colon(lang),
                if fr { "grille refusée," } else { "grid refused," },
                problems.len(),
                if fr { "problème(s)" } else { "problem(s)" }
            );
            for p in problems.iter().filter(|p| p.severity == Severity::Error) {
                eprintln!("{}", output::diagnostic_line(p, lang));
            }
            Ok(None)
        }
        Err(e) => {
            eprintln!(
                "{}{}{}",
                output::terminal(&path.display().to_string()),
                colon(lang),
                output::terminal(&e.describe(lang))
            );
            Ok(None)
        }
    }
}

/// Gives the offers the marks of a marks file; prints each entry that matches no offer and
/// returns whether there was one.
fn apply_marks(path: &Path, offers: &mut [Offer], lang: Lang) -> Result<bool> {
    let marks = jauge_engine::offer::MarksFile::from_json(&read_text(path, MARKS_BYTES, lang)?)
        .map_err(|e| anyhow::anyhow!("{}{}{}", path.display(), colon(lang), e.describe(lang)))?;
    let unapplied = marks.apply(offers);
    for (name, found) in &unapplied {
        eprintln!("{}{}{}", path.display(), colon(lang), output::terminal(&words::unfound(name, found, lang)));
    }
    Ok(!unapplied.is_empty())
}

/// The offer a person designates (file name, supplier's name or identity), or why none is.
fn resolve(offers: &[Offer], reference: &str, lang: Lang) -> Result<OfferId> {
    match find(offers, reference) {
        Found::One(id) => Ok(id),
        other => Err(anyhow::anyhow!(output::terminal(&words::unfound(reference, &other, lang)))),
    }
}

/// Reads offer files of any supported format; prints why each unreadable one was refused and
/// returns whether there was one, the others being read all the same.
/// The evaluation of offers against one grid (a grid without lots, or one lot's), as `format` asks.
fn evaluation(
    checked: &CheckedGrid,
    read: &[Offer],
    format: Format,
    summary: bool,
    robustness: bool,
    lang: Lang,
) -> Result<String> {
    let report = jauge_engine::evaluate(checked, read);
    Ok(match format {
        Format::Table if robustness => {
            let r = jauge_engine::robustness::robustness(checked, read, &report);
            output::table(&report, lang, !summary) + &output::robustness(&r, report.grid.scale, lang)
        }
        Format::Table => output::table(&report, lang, !summary),
        Format::Json => serde_json::to_string_pretty(&report)? + "\n",
        Format::Csv => output::csv(&report, lang)?,
    })
}

fn load_offers(paths: &[PathBuf], grid: &CheckedGrid, limits: &jauge_sheets::Limits, lang: Lang) -> (Vec<Offer>, bool) {
    let mut failed = false;
    let mut read = Vec::new();
    for path in paths {
        match load_offer(path, grid, limits, lang) {
            Ok(offers) => {
                for offer in offers {
                    match read.iter().find(|o: &&Offer| o.id == offer.id) {
                        // The same bytes are the same offer: counted once, whatever the files are called.
                        Some(first) => {
                            eprintln!("{}", output::terminal(&words::same_file(&offer.source, &first.source, lang)))
                        }
                        None => read.push(offer),
                    }
                }
            }
            Err(e) => {
                failed = true;
                eprintln!("{}", output::terminal(&e.to_string()));
            }
        }
    }
    (read, failed)
}

/// Reads a session file: its name and the session.
fn read_session(path: &Path, lang: Lang) -> Result<(String, Session)> {
    let name = file_name(path);
    let session = Session::from_json(&name, &read_text(path, SESSION_BYTES, lang)?).map_err(|e| in_lang(e, lang))?;
    Ok((name, session))
}

/// An error in the interface's language.
fn in_lang(e: Error, lang: Lang) -> anyhow::Error {
    anyhow::anyhow!(e.describe(lang))
}

/// Reads a text file of at most `limit` bytes (see [`read_capped`]).
fn read_text(path: &Path, limit: u64, lang: Lang) -> Result<String> {
    String::from_utf8(read_capped(path, limit, lang)?).map_err(|_| {
        let e = std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8");
        words::io_failure(&reading(path, lang), &e, lang)
    })
}

/// Reads a file of at most `limit` bytes, the one way the CLI reads its inputs. The cap is checked
/// before reading: a regular file by its length, anything else (a device such as `/dev/zero`, a
/// pipe) by reading no more than one byte past the cap; so a file of several gigabytes is refused
/// without being read, and one that never ends is read only up to the cap.
fn read_capped(path: &Path, limit: u64, lang: Lang) -> Result<Vec<u8>> {
    let too_large =
        |size: Option<u64>| in_lang(Error::TooLarge { file: path.display().to_string(), size, limit }, lang);
    let failed = |e: std::io::Error| words::io_failure(&reading(path, lang), &e, lang);
    let file = std::fs::File::open(path).map_err(failed)?;
    let metadata = file.metadata().map_err(failed)?;
    let known = metadata.is_file().then_some(metadata.len());
    if let Some(size) = known.filter(|size| *size > limit) {
        return Err(too_large(Some(size)));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(known.unwrap_or(0)).unwrap_or(0));
    file.take(limit.saturating_add(1)).read_to_end(&mut bytes).map_err(failed)?;
    if bytes.len() as u64 > limit {
        // A device or a pipe, or a file that grew while it was read: its size is not known.
        return Err(too_large(None));
    }
    Ok(bytes)
}

/// Refuses to write `output` onto one of the command's `inputs` (a bid, a filled form, the session
/// read), whatever the path says: the same file through another path, a symbolic link or a hard
/// link. Checked before anything is read, so nothing is written.
fn not_an_input(output: &Path, inputs: &[&Path], lang: Lang) -> Result<()> {
    // An output that does not exist yet is none of the inputs, which exist.
    let Ok(out) = std::fs::metadata(output) else { return Ok(()) };
    let out_path = output.canonicalize().ok();
    for input in inputs {
        let Ok(meta) = std::fs::metadata(input) else { continue };
        let same_path = out_path.is_some() && input.canonicalize().ok() == out_path;
        if same_path || same_file(&out, &meta) {
            let (o, i) = (output.display(), input.display());
            return Err(anyhow::anyhow!(output::terminal(&lang.pick(
                format!("{o} : c'est le fichier {i}, que cette commande lit ; rien n'est écrit, choisissez un autre fichier de sortie"),
                format!("{o}: it is the file {i}, which this command reads; nothing is written, choose another output file"),
            ))));
        }
    }
    Ok(())
}

/// Whether two files are one (the same device and inode), whatever paths lead to them.
#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

/// Elsewhere, canonical paths alone tell files apart.
#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

fn write(path: &Path, bytes: &[u8], lang: Lang) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| words::io_failure(&writing(path, lang), &e, lang))
}

fn writing(path: &Path, lang: Lang) -> String {
    lang.pick(format!("écriture de {}", path.display()), format!("writing {}", path.display()))
}

fn reading(path: &Path, lang: Lang) -> String {
    if lang == Lang::Fr { format!("lecture de {}", path.display()) } else { format!("reading {}", path.display()) }
}

/// The error for an output file whose extension gives no format the command writes (`expected`:
/// the extensions it writes, at least two).
fn unknown_extension(path: &Path, expected: &[&str], lang: Lang) -> anyhow::Error {
    let (last, others) = expected.split_last().unwrap_or((&"", &[]));
    let others = others.join(", ");
    if lang == Lang::Fr {
        anyhow::anyhow!("{} : extension inconnue ; attendu {others} ou {last}", path.display())
    } else {
        anyhow::anyhow!("{}: unknown extension; expected {others} or {last}", path.display())
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reads an offer file of any supported format; the error names the file.
/// Reads an offer file: one offer, or one per lot it answers when the grid has lots.
fn load_offer(path: &Path, grid: &CheckedGrid, limits: &jauge_sheets::Limits, lang: Lang) -> Result<Vec<Offer>> {
    let bytes = read_capped(path, limits.max_file_bytes, lang)?;
    jauge_sheets::read_offers(&file_name(path), &bytes, grid, limits).map_err(|e| in_lang(e, lang))
}
