//! Project automation, in Rust so that it runs wherever cargo does (`cargo xtask <command>`).

mod tidy;
mod toolchain;
mod web;

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use sha2::Digest as _;

const HELP: &str = "\
cargo xtask <command>

Commands:
  test               run every check: format, lints, unit, golden, property and tidy tests, the
                     LibreOffice round trip, the wasm build of the engine (installs LibreOffice if missing)
  demo               evaluate the sample tender with the jauge CLI (the run command until the web app lands)
  build-js           build the JavaScript API (crates/jauge-js) into target/jauge-js: release wasm,
                     wasm-bindgen, wasm-opt from npm binaryen
  fuzz [TARGET|all] [SECONDS]
                     run a fuzz target of fuzz/ for SECONDS (default 60), seeded with the repository's
                     files of its kind: read_offer (the spreadsheet reader, the default), check_grid,
                     session (with the analysis report), marks_record, evaluate; all runs each in turn
  build              build the web app into dist/ (release wasm, hashed names, brotli and gzip,
                     service worker, the sample tender under exemple/)
  dist               build dist/ and the single self-contained dist/jauge.html (opens from file://)
  serve              build the web app and serve it on http://127.0.0.1:8080
  e2e [NAME]         build the web app and run only the browser tests (part of test); with NAME,
                     only the tests/e2e files whose names contain it
  bench-web          read the same filled forms with Jauge's reader worker and with SheetJS in one
                     headless Chromium run (20 offers of 40 criteria; one 10 MB workbook); print both;
                     then read and price a 2 000-line price schedule for 20 offers in a worker,
                     beside the native figures of the same scenario measured in the same run
                     (`--web-only`: without the native figures, which build the native benchmark);
                     the 20 MB workbook of the reading benchmark in a worker of its own
";

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = root();
    std::env::set_current_dir(&root)?;
    match args.first().map(String::as_str) {
        Some("test") => test(),
        Some("demo") => demo(),
        Some("build-js") => build_js().map(|_| ()),
        Some("build") => web::build().map(|_| ()),
        Some("dist") => web::build().and_then(|b| web::single_file(&b)).map(|_| ()),
        Some("serve") => web::serve(),
        Some("e2e") => ensure_test_tools().and_then(|_| browser_tests(&cli()?, args.get(1).map(String::as_str))),
        Some("bench-web") => bench_web(args.get(1).is_some_and(|a| a == "--web-only")),
        Some("fuzz") => fuzz(&args[1..]),
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
    // Each step says how long it took, so that a CI log tells where the run's time goes.
    let started = std::time::Instant::now();
    let status = cmd.status().with_context(|| format!("could not start: {what}"))?;
    eprintln!("== {what}: {} s", started.elapsed().as_secs());
    if !status.success() {
        bail!("failed: {what} ({status})");
    }
    Ok(())
}

/// Installs the Debian packages the tests drive (LibreOffice Calc and its Python bridge for the
/// round trip, Chromium for the browser tests) when they are missing, as a fresh machine lacks them.
fn ensure_test_tools() -> Result<()> {
    let soffice = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    let uno = Command::new("/usr/bin/python3").args(["-c", "import uno"]).output().is_ok_and(|o| o.status.success());
    let chromium = Path::new("/usr/bin/chromium").exists();
    let poppler = Command::new("pdftoppm").arg("-v").output().is_ok_and(|o| o.status.success());
    // xmllint validates the eForms exports against the SDK's XSDs (jauge-export's tests).
    let xmllint = xmllint();
    if soffice && uno && chromium && poppler && xmllint {
        return Ok(());
    }
    let root_user = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
    let apt = |args: &[&str]| {
        let mut c = Command::new(if root_user { "apt-get" } else { "sudo" });
        if !root_user {
            c.arg("apt-get");
        }
        c.env("DEBIAN_FRONTEND", "noninteractive").args(args);
        c
    };
    run("update the package lists (apt-get)", apt(&["update", "-q"]))?;
    run(
        "install LibreOffice Calc, python3-uno, Chromium, poppler-utils and libxml2-utils (apt-get)",
        apt(&[
            "install",
            "-y",
            "-q",
            "libreoffice-calc-nogui",
            "python3-uno",
            "chromium",
            "poppler-utils",
            "libxml2-utils",
        ]),
    )
}

/// Whether xmllint runs.
fn xmllint() -> bool {
    Command::new("xmllint").arg("--version").output().is_ok_and(|o| o.status.success())
}

fn test() -> Result<()> {
    toolchain::ensure()?;
    ensure_test_tools()?;
    let mut fmt = cargo();
    fmt.args(["fmt", "--all", "--check"]);
    run("formatting (cargo fmt --check)", fmt)?;

    let mut clippy = cargo();
    clippy.args(["clippy", "--workspace", "--all-targets", "--quiet", "--", "-D", "warnings"]);
    run("lints (cargo clippy)", clippy)?;
    // The grid editor's module: the web app built with its feature `editor` (`web.rs`).
    let mut editor = cargo();
    editor.args([
        "clippy",
        "--package",
        "jauge-web",
        "--features",
        "editor",
        "--all-targets",
        "--quiet",
        "--",
        "-D",
        "warnings",
    ]);
    run("lints of the grid editor's module (cargo clippy --features editor)", editor)?;

    let mut tests = cargo();
    tests.args(["test", "--workspace", "--quiet"]);
    // The eForms exports are validated with xmllint: required once installed above, skipped
    // loudly by the test itself only on a machine where it could not be installed.
    if xmllint() {
        tests.env("JAUGE_REQUIRE_XMLLINT", "1");
    } else {
        eprintln!("\n*** xmllint (libxml2-utils) could not be installed: the eForms XSD validation is SKIPPED ***\n");
    }
    run("unit, golden, property and tidy tests (cargo test)", tests)?;

    // The JavaScript API, built as users get it (its wasm-opt runs during the next build).
    let (pkg, js) = start_build_js()?;

    // The engine and the spreadsheet reader run in the browser: they must build for WebAssembly.
    let mut wasm = cargo();
    wasm.args([
        "build",
        "--quiet",
        "--package",
        "jauge-engine",
        "--package",
        "jauge-sheets",
        "--target",
        "wasm32-unknown-unknown",
    ]);
    run("engine and spreadsheet reader build for wasm32-unknown-unknown", wasm)?;

    // The JavaScript API tested in Node.
    js.wait()?;
    let mut node = Command::new("node");
    node.args(["--test-reporter=spec", "--test", "tests/js/api.test.mjs"]).env("JAUGE_JS_PKG", &pkg);
    run("JavaScript API tests (node --test)", node)?;

    // The web app, built as it is served and as the single file, tested in Chromium.
    let cli = cli()?;
    browser_tests(&cli, None)?;

    // Every shipped grid passes the CLI's own check, as a pooling structure's CI would run it.
    for grid in std::fs::read_dir("criteria")?.filter_map(|e| e.ok()).map(|e| e.path()) {
        if grid.extension().is_some_and(|x| x == "json") {
            let mut check = Command::new(&cli);
            check.arg("check-grid").arg(&grid);
            run(&format!("jauge check-grid {}", grid.display()), check)?;
        }
    }
    eprintln!("\nall checks passed");
    Ok(())
}

/// The `jauge` CLI as `cargo test --workspace` builds it for its own tests: building it alone
/// (`cargo build -p jauge-cli`) unifies other features, compiles a dozen crates a second time and
/// costs a second copy of them on disk.
fn cli() -> Result<PathBuf> {
    let mut build = cargo();
    build.args(["test", "--workspace", "--no-run", "--quiet"]);
    run("the jauge CLI, as the tests build it", build)?;
    Ok(root().join("target/debug/jauge"))
}

/// Builds the web app (served and single-file) and runs the browser tests against it; the
/// committee test checks that the CLI `cli` gives the app's report from the same session.
fn browser_tests(cli: &Path, only: Option<&str>) -> Result<()> {
    let built = web::build()?;
    let single = web::single_file(&built)?;
    let port = web::spawn(built.dist.clone())?;
    // The JS API's example page, served as its README says: the package (both features), the
    // page, a grid.
    let pkg = build_js()?;
    let api_port = serve_folder(
        "target/jauge-js-example",
        &[
            (pkg.join("jauge.js"), "jauge.js"),
            (pkg.join("jauge_bg.wasm"), "jauge_bg.wasm"),
            (root().join("crates/jauge-js/example/index.html"), "index.html"),
            (root().join("crates/jauge-js/example/example.mjs"), "example.mjs"),
            (root().join("criteria/numerique-responsable.json"), "grid.json"),
        ],
    )?;
    // Every tests/e2e/*.test.mjs, one file after the other (each launches its own browser).
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("tests/e2e"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".test.mjs"))
        .filter(|p| only.is_none_or(|name| p.file_name().is_some_and(|f| f.to_string_lossy().contains(name))))
        .collect();
    files.sort();
    let mut e2e = Command::new("node");
    e2e.args(["--test-reporter=spec", "--test-concurrency=1", "--test"])
        .args(&files)
        .env("JAUGE_CLI", cli)
        .env("JAUGE_URL", format!("http://127.0.0.1:{port}/"))
        .env("JAUGE_API_URL", format!("http://127.0.0.1:{api_port}/"))
        .env("JAUGE_HTML", &single);
    run("browser tests (playwright-core, Chromium, axe-core)", e2e)
}

/// Gathers files into a fresh folder `dir` (under the root), under the names given, and serves it
/// on a free port in the background; returns the port.
fn serve_folder(dir: &str, files: &[(PathBuf, &str)]) -> Result<u16> {
    let dir = root().join(dir);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    for (from, to) in files {
        std::fs::copy(from, dir.join(to)).with_context(|| format!("copy {}", from.display()))?;
    }
    web::spawn(dir)
}

/// The browser benchmark: Jauge's reader worker as the app runs it (`web/reader.js` and the
/// reader module) and SheetJS, served side by side with `web/bench/`.
fn bench_web(web_only: bool) -> Result<()> {
    ensure_test_tools()?;
    // The native figures of the browser's price schedule scenario, measured in the same run.
    let native = if web_only { String::new() } else { native_schedule()? };
    // The 20 MB workbook and its grid, written by the native reading benchmark (`--web-only`
    // uses them when an earlier run wrote them).
    let huge = root().join("target/bench-large");
    if !web_only {
        std::fs::create_dir_all(&huge)?;
        for (flag, file) in [("--write-grid", "grille.json"), ("--write-large", "grand.xlsx")] {
            let mut write = cargo();
            write.args(["bench", "--quiet", "-p", "jauge-sheets", "--bench", "read", "--", flag]).arg(huge.join(file));
            run(&format!("the 20 MB workbook's {file} (cargo bench -p jauge-sheets --bench read -- {flag})"), write)?;
        }
    }
    // The reader worker as the app runs it: web/reader.js with the reader module, the writers
    // (which also make the page's forms) and the legacy reader (never fetched here).
    let [reader, writers, legacy] = web::worker_packages()?;
    let modules = [
        (reader, "jauge-lecteur.js", "jauge-lecteur_bg.wasm"),
        (writers, "jauge-ecrit.js", "jauge-ecrit_bg.wasm"),
        (legacy, "jauge-ancien.js", "jauge-ancien_bg.wasm"),
    ];
    let worker = root().join("target/bench-lecteur.js");
    std::fs::write(&worker, web::worker_source(modules.each_ref().map(|(_, glue, wasm)| (*glue, *wasm)))?)?;
    let mut files = vec![(worker, "lecteur.js")];
    for (folder, glue, wasm) in &modules {
        files.push((folder.join("jauge.js"), *glue));
        files.push((folder.join("jauge_bg.wasm"), *wasm));
    }
    for (file, name) in [
        ("node_modules/xlsx/xlsx.mjs", "xlsx.mjs"),
        ("web/bench/bench.html", "bench.html"),
        ("web/bench/bench.mjs", "bench.mjs"),
        ("web/bench/forms.mjs", "forms.mjs"),
        ("web/bench/schedule-worker.mjs", "schedule-worker.mjs"),
        ("criteria/numerique-responsable.json", "grid.json"),
        ("samples/portail-citoyen/offre-armor-numerique.json", "offer.json"),
    ] {
        files.push((root().join(file), name));
    }
    if huge.join("grand.xlsx").exists() && huge.join("grille.json").exists() {
        files.push((huge.join("grand.xlsx"), "grand.xlsx"));
        files.push((huge.join("grille.json"), "grille-grand.json"));
    }
    let port = serve_folder("target/bench-web", &files)?;
    let mut node = Command::new("node");
    node.arg("web/bench/run.mjs")
        .env("JAUGE_BENCH_URL", format!("http://127.0.0.1:{port}/"))
        .env("JAUGE_NATIVE_SCHEDULE", native.trim());
    run("browser benchmark: Jauge's wasm reader against SheetJS", node)
}

/// The native figures of the price schedule scenario (`cargo bench -p jauge-sheets --bench
/// schedule -- --public`), as it prints them.
fn native_schedule() -> Result<String> {
    eprintln!("\n== native benchmark of the price schedule (cargo bench -p jauge-sheets --bench schedule -- --public)");
    let native = cargo()
        .args(["bench", "--quiet", "-p", "jauge-sheets", "--bench", "schedule", "--", "--public"])
        .output()
        .context("could not start the native benchmark")?;
    if !native.status.success() {
        bail!("failed: the native benchmark of the price schedule ({})", String::from_utf8_lossy(&native.stderr));
    }
    let native = String::from_utf8_lossy(&native.stdout).into_owned();
    eprint!("{native}");
    Ok(native)
}

/// The fuzz targets of `fuzz/fuzz_targets/`, each with what it reads and the files its corpus is
/// seeded with: the directories listed (every file whose name ends with one of the extensions,
/// recursively) and the files named.
const FUZZ_TARGETS: &[FuzzTarget] = &[
    FuzzTarget {
        name: "read_offer",
        reads: "offer files (xlsx, xls, xlsb, ods, csv, JSON) by the spreadsheet reader",
        dirs: &["tests/fixtures", "samples/portail-citoyen"],
        extensions: &[".xlsx", ".xls", ".xlsb", ".ods", ".csv", ".json"],
    },
    FuzzTarget {
        name: "check_grid",
        reads: "grids (CheckedGrid::from_json)",
        dirs: &["criteria", "tests/grids", "tests/cases", "tests/fixtures/grille-pieges.json"],
        extensions: &[".json"],
    },
    FuzzTarget {
        name: "session",
        reads: "sessions, then their evaluation and analysis report (document, HTML)",
        dirs: &["samples/portail-citoyen/commission/session.json", "tests/sessions"],
        extensions: &[".json"],
    },
    FuzzTarget {
        name: "marks_record",
        reads: "marks files and procedure record files",
        dirs: &["samples/portail-citoyen/commission"],
        extensions: &[".json"],
    },
    FuzzTarget {
        name: "evaluate",
        reads: "JSON offers evaluated against the default grid, with the robustness analysis",
        dirs: &["samples/portail-citoyen"],
        extensions: &[".json"],
    },
];

/// One fuzz target of `fuzz/`.
struct FuzzTarget {
    /// Its name (`fuzz/fuzz_targets/{name}.rs`).
    name: &'static str,
    /// What it reads, for the help and the run's title.
    reads: &'static str,
    /// Directories (walked recursively) and files its corpus is seeded with.
    dirs: &'static [&'static str],
    /// The ends of the file names kept from the directories.
    extensions: &'static [&'static str],
}

/// `cargo xtask fuzz [TARGET|all] [SECONDS]`: runs one fuzz target (by default `read_offer`, the
/// spreadsheet reader), or every one in turn with `all`, each for `seconds` (60 by default),
/// seeded with the repository's files of its kind, and prints libFuzzer's final statistics (the
/// number of executions among them). `cargo xtask fuzz 60` is `cargo xtask fuzz read_offer 60`.
fn fuzz(args: &[String]) -> Result<()> {
    let number = |s: &String| s.parse::<u64>().with_context(|| format!("not a number of seconds: {s}"));
    let (target, seconds) = match args {
        [] => ("read_offer", 60),
        [one] if one.parse::<u64>().is_ok() => ("read_offer", number(one)?),
        [target] => (target.as_str(), 60),
        [target, seconds] => (target.as_str(), number(seconds)?),
        _ => bail!("usage: cargo xtask fuzz [TARGET|all] [SECONDS]"),
    };
    let targets: Vec<&FuzzTarget> = if target == "all" {
        FUZZ_TARGETS.iter().collect()
    } else {
        let Some(t) = FUZZ_TARGETS.iter().find(|t| t.name == target) else {
            let names: Vec<&str> = FUZZ_TARGETS.iter().map(|t| t.name).collect();
            bail!("no fuzz target {target}: the targets are {}, or all", names.join(", "));
        };
        vec![t]
    };
    if Command::new("cargo").args(["fuzz", "--version"]).output().map_or(true, |o| !o.status.success()) {
        let mut install = cargo();
        install.args(["install", "--locked", "cargo-fuzz"]);
        run("install cargo-fuzz", install)?;
    }
    for target in targets {
        let corpus = Path::new("fuzz/corpus").join(target.name);
        std::fs::create_dir_all(&corpus)?;
        for dir in target.dirs {
            seed(Path::new(dir), target, &corpus)?;
        }
        if target.name == "evaluate" {
            // Several offers in one input, split on 0xFF (see the target).
            let mut all = Vec::new();
            for entry in std::fs::read_dir("samples/portail-citoyen")?.filter_map(|e| e.ok()) {
                if entry.file_name().to_string_lossy().starts_with("offre-") {
                    all.extend(std::fs::read(entry.path())?);
                    all.push(0xFF);
                }
            }
            std::fs::write(corpus.join("toutes-les-offres"), all)?;
        }
        // Without a sanitizer (`-s none`) cargo-fuzz needs no nightly compiler: the pinned stable
        // toolchain (rust-toolchain.toml) builds the targets with libFuzzer's coverage passes.
        let mut cmd = cargo();
        cmd.current_dir("fuzz")
            .args(["fuzz", "run", "-s", "none", target.name])
            .arg(Path::new("corpus").join(target.name))
            .arg("--")
            .args([
                format!("-max_total_time={seconds}"),
                "-rss_limit_mb=2048".into(),
                "-timeout=10".into(),
                "-print_final_stats=1".into(),
            ]);
        run(&format!("fuzz {} ({}) for {seconds} s", target.name, target.reads), cmd)?;
    }
    Ok(())
}

/// Copies into `corpus` the file `path`, or the files under the directory `path` whose names end
/// with one of the target's extensions (never the zip bomb, whose expansion is the reader's test).
fn seed(path: &Path, target: &FuzzTarget, corpus: &Path) -> Result<()> {
    if path.is_dir() {
        for entry in std::fs::read_dir(path)?.filter_map(|e| e.ok()) {
            let p = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if p.is_dir() || (target.extensions.iter().any(|x| name.ends_with(x)) && name != "bombe.xlsx") {
                seed(&p, target, corpus)?;
            }
        }
    } else {
        // Named after the path: two `grid.json` of different cases are two seeds.
        let name = path.to_string_lossy().replace(['/', '\\'], "_");
        std::fs::copy(path, corpus.join(name)).with_context(|| format!("seed {}", path.display()))?;
    }
    Ok(())
}

/// Installs the npm packages of package-lock.json when node_modules is missing.
fn ensure_npm() -> Result<()> {
    let installed =
        ["node_modules/.bin/wasm-opt", "node_modules/playwright-core", "node_modules/axe-core", "node_modules/xlsx"];
    if installed.iter().all(|p| Path::new(p).exists()) {
        return Ok(());
    }
    let mut npm = Command::new("npm");
    npm.args(["ci", "--no-audit", "--no-fund"]);
    run("install npm packages (npm ci)", npm)
}

/// Builds crates/jauge-js for the browser into target/jauge-js.
pub fn build_js() -> Result<PathBuf> {
    let (out, optimising) = start_build_js()?;
    optimising.wait()?;
    Ok(out)
}

/// [`build_js`], its wasm-opt left under way.
fn start_build_js() -> Result<(PathBuf, Optimising)> {
    let out = root().join("target/jauge-js");
    let optimising = start_wasm_package("jauge-js", None, "jauge", "wasm_bindgen", &out)?;
    Ok((out, optimising))
}

/// Builds a crate for the browser: release wasm (profile `wasm`), JavaScript glue by
/// wasm-bindgen-cli-support (pinned to the wasm-bindgen version), then wasm-opt -Oz.
/// Writes `{name}.js` and `{name}_bg.wasm` into `out`, and the no-modules glue into `out/classic/`
/// (which defines the global `classic_global`).
pub fn wasm_package(package: &str, name: &str, classic_global: &str, out: &Path) -> Result<()> {
    start_wasm_package(package, None, name, classic_global, out)?.wait()
}

/// A module's wasm-opt run under way in the background: its files in `out` are whole once
/// [`Optimising::wait`] has returned. npm's wasm-opt (binaryen compiled to wasm, run by Node) uses
/// one core for a minute or more per module; run beside the next module's cargo build, whose
/// link-time optimisation also holds one core, the machine's two cores both work.
#[must_use = "the module's files are whole only once its wasm-opt is waited for"]
pub struct Optimising(Option<std::thread::JoinHandle<Result<()>>>);

impl Optimising {
    /// Waits for wasm-opt, failing as it failed.
    pub fn wait(self) -> Result<()> {
        match self.0 {
            None => Ok(()),
            Some(run) => run.join().map_err(|_| anyhow::anyhow!("the wasm-opt thread panicked"))?,
        }
    }
}

/// Waits for every wasm-opt run of `runs`, failing with the first that failed.
pub fn wait_all(runs: impl IntoIterator<Item = Optimising>) -> Result<()> {
    let results: Vec<Result<()>> = runs.into_iter().map(Optimising::wait).collect();
    results.into_iter().collect()
}

/// [`wasm_package`] with only `features` of the package (its default ones left out), when given,
/// its wasm-opt left running in the background: the cargo build and wasm-bindgen are done when it
/// returns.
pub fn start_wasm_package(
    package: &str,
    features: Option<&str>,
    name: &str,
    classic_global: &str,
    out: &Path,
) -> Result<Optimising> {
    toolchain::ensure()?;
    ensure_npm()?;
    // JAUGE_WASM_SIMD=1 builds with wasm SIMD (`+simd128`), in a target folder of its own so that
    // the usual builds are not made again: to measure what it gives.
    let simd = std::env::var("JAUGE_WASM_SIMD").is_ok_and(|v| v == "1");
    let target = root().join(if simd { "target/wasm-simd" } else { "target" });
    let mut build = cargo();
    build.args(["build", "--quiet", "--package", package, "--target", "wasm32-unknown-unknown", "--profile", "wasm"]);
    if let Some(features) = features {
        build.args(["--no-default-features", "--features", features]);
    }
    if simd {
        build.arg("--target-dir").arg(&target).env("RUSTFLAGS", "-C target-feature=+simd128");
    }
    run(&format!("build {package} for wasm32 (profile wasm)"), build)?;
    // Libraries are named with underscores, binaries as the package.
    let dir = target.join("wasm32-unknown-unknown/wasm");
    let library = dir.join(format!("{}.wasm", package.replace('-', "_")));
    let artifact = if library.exists() { library } else { dir.join(format!("{package}.wasm")) };
    std::fs::create_dir_all(out)?;
    // wasm-bindgen and wasm-opt take a minute or two: skip them when the compiled module is the
    // one they last processed.
    // JAUGE_WASM_NAMES=1 keeps the functions' names (for a profile that names them).
    let names = std::env::var("JAUGE_WASM_NAMES").is_ok_and(|v| v == "1");
    let mut source: String =
        sha2::Sha256::digest(std::fs::read(&artifact)?).iter().map(|b| format!("{b:02x}")).collect();
    if names {
        source.push_str(" names");
    }
    if simd {
        source.push_str(" simd");
    }
    let stamp = out.join(".source-sha256");
    let outputs = [
        out.join(format!("{name}.js")),
        out.join(format!("{name}_bg.wasm")),
        out.join("classic").join(format!("{name}.js")),
    ];
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == source) && outputs.iter().all(|p| p.exists()) {
        eprintln!("{name}: unchanged since the last build");
        return Ok(Optimising(None));
    }
    let _ = std::fs::remove_file(&stamp);
    eprintln!("\n== wasm-bindgen → {}", out.display());
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&artifact)
        .web(true)?
        .out_name(name)
        .typescript(package == "jauge-js")
        .omit_default_module_path(false)
        .generate(out)?;
    let wasm = out.join(format!("{name}_bg.wasm"));
    // The same module with "no-modules" glue, for classic workers (a page opened from file://
    // cannot start a module worker). The glue differs; the wasm must not.
    let classic = out.join("classic");
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&artifact)
        .no_modules(true)?
        .no_modules_global(classic_global)?
        .out_name(name)
        .typescript(false)
        .generate(&classic)?;
    if std::fs::read(classic.join(format!("{name}_bg.wasm")))? != std::fs::read(&wasm)? {
        bail!("wasm-bindgen made different wasm for the web and no-modules glue of {package}");
    }
    std::fs::remove_file(classic.join(format!("{name}_bg.wasm")))?;
    let before = std::fs::metadata(&wasm)?.len();
    let mut opt = Command::new(root().join("node_modules/.bin/wasm-opt"));
    opt.arg("-Oz")
        .args(names.then_some("-g"))
        .args(simd.then_some("--enable-simd"))
        .args([
            "--enable-bulk-memory",
            "--enable-nontrapping-float-to-int",
            "--enable-sign-ext",
            "--enable-mutable-globals",
            "--enable-reference-types",
            "--enable-multivalue",
        ])
        .arg(&wasm)
        .arg("-o")
        .arg(&wasm);
    let what = format!("wasm-opt -Oz {}", out.strip_prefix(root()).unwrap_or(out).display());
    let name = name.to_string();
    Ok(Optimising(Some(std::thread::spawn(move || {
        run(&what, opt)?;
        let after = std::fs::metadata(&wasm)?.len();
        eprintln!("{name}_bg.wasm: {before} bytes → {after} bytes after wasm-opt");
        std::fs::write(&stamp, source)?;
        Ok(())
    }))))
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
        "--marks",
        "samples/portail-citoyen/tableurs/notes-evaluateurs.json",
    ])
    .args(&offers);
    run("jauge evaluate on the sample tender", cmd)
}
