//! `jauge grid diff A B`: what changed from one grid to another (a new version, or a member's local
//! adaptation of its pooling structure's grid), criterion by criterion, each change saying whether
//! it can change marks, and the version number the changes call for.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Subcommand;
use jauge_engine::Lang;
use jauge_engine::diff::{Bump, GridDiff, diff_checked};
use jauge_engine::text::colon;

use crate::output::terminal;

/// `jauge grid …`.
#[derive(Subcommand)]
pub enum GridCommand {
    /// List what changed from grid A to grid B, criterion by criterion (added, removed, reworded,
    /// weight, rule or threshold, minimum requirements, options), each change saying whether it
    /// can change marks, and suggest B's version number. When B names A as its parent (a local
    /// adaptation), says so and whether B adapts exactly A's file (same fingerprint).
    Diff {
        /// With `json`: the differences as data.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// The older grid (the previous version, or the pooling structure's grid).
        from: PathBuf,
        /// The newer grid (the next version, or the local adaptation).
        to: PathBuf,
    },
}

/// Output formats of `grid diff`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum DiffFormat {
    /// Readable lines.
    Text,
    /// The differences as JSON.
    Json,
}

/// Runs `jauge grid …`.
pub fn run(command: GridCommand, lang: Lang) -> Result<ExitCode> {
    match command {
        GridCommand::Diff { format, from, to } => {
            let Some(a) = crate::load_grid(&from, lang)? else { return Ok(ExitCode::FAILURE) };
            let Some(b) = crate::load_grid(&to, lang)? else { return Ok(ExitCode::FAILURE) };
            let d = diff_checked(&a, &b);
            match format {
                DiffFormat::Json => print!("{}", serde_json::to_string_pretty(&d)? + "\n"),
                DiffFormat::Text => print!("{}", terminal(&text(&d, lang))),
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// The differences as lines.
pub fn text(d: &GridDiff, lang: Lang) -> String {
    let mut out = String::new();
    let name = |v: &jauge_engine::diff::Version| {
        let short = v.fingerprint.as_deref().and_then(|f| f.get(..12)).unwrap_or_default();
        lang.pick(
            format!("{} {} (empreinte {short}…)", v.id, v.version),
            format!("{} {} (fingerprint {short}…)", v.id, v.version),
        )
    };
    out += &format!("{} → {}\n", name(&d.from), name(&d.to));
    if let Some(lineage) = d.lineage.describe(&d.from, lang) {
        out += &format!("{lineage}\n");
    }
    if d.is_empty() {
        out += lang.pick("aucune différence\n", "no difference\n");
        return out;
    }
    let marks = |b: bool| if b { lang.pick("  [peut changer les notes]", "  [can change marks]") } else { "" };
    if !d.grid.is_empty() {
        out += &format!("\n{}\n", lang.pick("Grille entière", "Whole grid"));
        for g in &d.grid {
            out += &format!("  - {}{}\n", g.describe(lang), marks(g.can_change_marks()));
        }
    }
    if !d.criteria.is_empty() {
        out += &format!("\n{}\n", lang.pick("Critères", "Criteria"));
        for c in &d.criteria {
            out += &format!("  {} ({} {})\n", c.id, lang.pick("famille", "family"), c.family);
            for change in &c.changes {
                out += &format!("    - {}{}\n", change.describe(lang), marks(change.can_change_marks()));
            }
        }
    }
    out += &format!("\n{}{}{}\n", lang.pick("Résumé", "Summary"), colon(lang), d.summary().describe(lang));
    let bump = d.bump();
    out += &format!("{}{}{}", lang.pick("Changement de version", "Version step"), colon(lang), bump.describe(lang));
    // A new version of the same grid: the number it should carry. An adaptation numbers its own.
    if d.from.id == d.to.id && bump != Bump::None {
        let suggested = d.next_version().unwrap_or_default();
        out += &lang.pick(
            format!(" ; numéro suggéré après {}{}{suggested}", d.from.version, colon(lang)),
            format!("; suggested number after {}{}{suggested}", d.from.version, colon(lang)),
        );
        if suggested != d.to.version {
            out += &lang.pick(
                format!(" (la grille comparée porte {})", d.to.version),
                format!(" (the grid compared carries {})", d.to.version),
            );
        }
    }
    out += "\n";
    out
}
