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
  fuzz [SECONDS]     fuzz the spreadsheet reader for SECONDS (default 60), seeded with the fixtures
  build              build the web app into dist/ (release wasm, hashed names, brotli and gzip,
                     service worker, the sample tender under exemple/)
  dist               build dist/ and the single self-contained dist/jauge.html (opens from file://)
  serve              build the web app and serve it on http://127.0.0.1:8080
  e2e                build the web app and run only the browser tests (part of test)
  bench-web          read the same filled forms with Jauge's wasm reader and with SheetJS in one
                     headless Chromium run (20 offers of 40 criteria; one 10 MB workbook); print both
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
        Some("e2e") => ensure_test_tools().and_then(|_| browser_tests(&cli()?)),
        Some("bench-web") => bench_web(),
        Some("fuzz") => fuzz(args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(60)),
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

/// Installs the Debian packages the tests drive (LibreOffice Calc and its Python bridge for the
/// round trip, Chromium for the browser tests) when they are missing, as a fresh machine lacks them.
fn ensure_test_tools() -> Result<()> {
    let soffice = Command::new("soffice").arg("--version").output().is_ok_and(|o| o.status.success());
    let uno = Command::new("/usr/bin/python3").args(["-c", "import uno"]).output().is_ok_and(|o| o.status.success());
    let chromium = Path::new("/usr/bin/chromium").exists();
    let poppler = Command::new("pdftoppm").arg("-v").output().is_ok_and(|o| o.status.success());
    if soffice && uno && chromium && poppler {
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
        "install LibreOffice Calc, python3-uno, Chromium and poppler-utils (apt-get)",
        apt(&["install", "-y", "-q", "libreoffice-calc-nogui", "python3-uno", "chromium", "poppler-utils"]),
    )
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

    let mut tests = cargo();
    tests.args(["test", "--workspace", "--quiet"]);
    run("unit, golden, property and tidy tests (cargo test)", tests)?;

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

    // The JavaScript API, built as users get it and tested in Node.
    let pkg = build_js()?;
    let mut node = Command::new("node");
    node.args(["--test-reporter=spec", "--test", "tests/js/api.test.mjs"]).env("JAUGE_JS_PKG", &pkg);
    run("JavaScript API tests (node --test)", node)?;

    // The web app, built as it is served and as the single file, tested in Chromium.
    let cli = cli()?;
    browser_tests(&cli)?;

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
fn browser_tests(cli: &Path) -> Result<()> {
    let built = web::build()?;
    let single = web::single_file(&built)?;
    let port = web::spawn(built.dist.clone())?;
    // The JS API's example page, served as its README says: the package, the page, a grid.
    let pkg = root().join("target/jauge-js");
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
    let mut e2e = Command::new("node");
    e2e.args(["--test-reporter=spec", "--test-concurrency=1", "--test", "tests/e2e/app.test.mjs"])
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

/// The browser benchmark: Jauge's JS API and SheetJS served side by side with `web/bench/`.
fn bench_web() -> Result<()> {
    ensure_test_tools()?;
    let pkg = build_js()?;
    let port = serve_folder(
        "target/bench-web",
        &[
            (pkg.join("jauge.js"), "jauge.js"),
            (pkg.join("jauge_bg.wasm"), "jauge_bg.wasm"),
            (root().join("node_modules/xlsx/xlsx.mjs"), "xlsx.mjs"),
            (root().join("web/bench/bench.html"), "bench.html"),
            (root().join("web/bench/bench.mjs"), "bench.mjs"),
            (root().join("criteria/numerique-responsable.json"), "grid.json"),
            (root().join("samples/portail-citoyen/offre-armor-numerique.json"), "offer.json"),
        ],
    )?;
    let mut node = Command::new("node");
    node.arg("web/bench/run.mjs").env("JAUGE_BENCH_URL", format!("http://127.0.0.1:{port}/"));
    run("browser benchmark: Jauge's wasm reader against SheetJS", node)
}

/// Runs the reader's fuzz target for `seconds`, seeded with every fixture, and prints libFuzzer's
/// final statistics (the number of executions among them).
fn fuzz(seconds: u64) -> Result<()> {
    if Command::new("cargo").args(["fuzz", "--version"]).output().map_or(true, |o| !o.status.success()) {
        let mut install = cargo();
        install.args(["install", "--locked", "cargo-fuzz"]);
        run("install cargo-fuzz", install)?;
    }
    let corpus = Path::new("fuzz/corpus/read_offer");
    std::fs::create_dir_all(corpus)?;
    for dir in ["tests/fixtures", "samples/portail-citoyen", "samples/portail-citoyen/tableurs"] {
        for entry in std::fs::read_dir(dir)?.filter_map(|e| e.ok()) {
            let path = entry.path();
            let keep = path.is_file()
                && !path.ends_with("bombe.xlsx")
                && path
                    .extension()
                    .is_some_and(|x| ["xlsx", "ods", "csv", "json"].contains(&x.to_string_lossy().as_ref()));
            if keep {
                std::fs::copy(&path, corpus.join(entry.file_name()))?;
            }
        }
    }
    let mut cmd = cargo();
    cmd.current_dir("fuzz").args(["fuzz", "run", "-s", "none", "read_offer", "corpus/read_offer", "--"]).args([
        format!("-max_total_time={seconds}"),
        "-rss_limit_mb=2048".into(),
        "-timeout=10".into(),
        "-print_final_stats=1".into(),
    ]);
    run(&format!("fuzz the spreadsheet reader for {seconds} s"), cmd)
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
    let out = root().join("target/jauge-js");
    wasm_package("jauge-js", "jauge", "wasm_bindgen", &out)?;
    Ok(out)
}

/// Builds a crate for the browser: release wasm (profile `wasm`), JavaScript glue by
/// wasm-bindgen-cli-support (pinned to the wasm-bindgen version), then wasm-opt -Oz.
/// Writes `{name}.js` and `{name}_bg.wasm` into `out`, and the no-modules glue into `out/classic/`
/// (which defines the global `classic_global`).
pub fn wasm_package(package: &str, name: &str, classic_global: &str, out: &Path) -> Result<()> {
    toolchain::ensure()?;
    ensure_npm()?;
    let mut build = cargo();
    build.args(["build", "--quiet", "--package", package, "--target", "wasm32-unknown-unknown", "--profile", "wasm"]);
    run(&format!("build {package} for wasm32 (profile wasm)"), build)?;
    // Libraries are named with underscores, binaries as the package.
    let dir = root().join("target/wasm32-unknown-unknown/wasm");
    let library = dir.join(format!("{}.wasm", package.replace('-', "_")));
    let artifact = if library.exists() { library } else { dir.join(format!("{package}.wasm")) };
    std::fs::create_dir_all(out)?;
    // wasm-bindgen and wasm-opt take a minute or two: skip them when the compiled module is the
    // one they last processed.
    let source: String = sha2::Sha256::digest(std::fs::read(&artifact)?).iter().map(|b| format!("{b:02x}")).collect();
    let stamp = out.join(".source-sha256");
    let outputs = [
        out.join(format!("{name}.js")),
        out.join(format!("{name}_bg.wasm")),
        out.join("classic").join(format!("{name}.js")),
    ];
    if std::fs::read_to_string(&stamp).is_ok_and(|s| s == source) && outputs.iter().all(|p| p.exists()) {
        eprintln!("{name}: unchanged since the last build");
        return Ok(());
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
    run("wasm-opt -Oz", opt)?;
    let after = std::fs::metadata(&wasm)?.len();
    eprintln!("{name}_bg.wasm: {before} bytes → {after} bytes after wasm-opt");
    std::fs::write(&stamp, source)?;
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
