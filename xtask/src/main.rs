//! Project automation, in Rust so that it runs wherever cargo does (`cargo xtask <command>`).

mod tidy;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

const HELP: &str = "\
cargo xtask <command>

Commands:
  test    run every check: format, lints, unit, golden and property tests, the wasm build of the engine
  demo    evaluate the sample tender with the jauge CLI (the run command until the web app lands)
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(),
        _ => {
            print!("{HELP}");
            Ok(())
        }
    }
}

/// The repository root (the parent of this crate).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the repository").to_path_buf()
}

fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// Runs a command, failing with its description when it fails.
fn run(what: &str, mut cmd: Command) -> Result<()> {
    eprintln!("\n== {what}");
    let status = cmd.status().with_context(|| format!("could not start: {what}"))?;
    if !status.success() {
        bail!("failed: {what} ({status})");
    }
    Ok(())
}

fn test() -> Result<()> {
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--check"]);
    run("formatting (cargo fmt --check)", fmt)?;

    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    run("lints (cargo clippy)", clippy)?;

    let mut tests = cargo();
    tests.args(["test", "--workspace", "--quiet"]);
    run("unit, golden, property and tidy tests (cargo test)", tests)?;

    // The engine runs in the browser: it must build for WebAssembly.
    let mut wasm = cargo();
    wasm.args(["build", "--quiet", "--package", "jauge-engine", "--target", "wasm32-unknown-unknown"]);
    run("engine builds for wasm32-unknown-unknown", wasm)?;

    // Every shipped grid passes the CLI's own check, as a pooling structure's CI would run it.
    for grid in std::fs::read_dir("criteria")?.filter_map(|e| e.ok()).map(|e| e.path()) {
        if grid.extension().is_some_and(|x| x == "json") {
            let mut check = cargo();
            check.args(["run", "--quiet", "--package", "jauge-cli", "--", "check-grid"]).arg(&grid);
            run(&format!("jauge check-grid {}", grid.display()), check)?;
        }
    }
    eprintln!("\nall checks passed");
    Ok(())
}

fn demo() -> Result<()> {
    let mut offers: Vec<PathBuf> = std::fs::read_dir("samples/portail-citoyen")?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    offers.sort();
    let mut cmd = cargo();
    cmd.args([
        "run",
        "--quiet",
        "--package",
        "jauge-cli",
        "--",
        "evaluate",
        "--grid",
        "criteria/numerique-responsable.json",
    ])
    .args(&offers);
    run("jauge evaluate on the sample tender", cmd)
}
