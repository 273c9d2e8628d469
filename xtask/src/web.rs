//! The web app's build: `dist/` (hashed asset names, a strict Content-Security-Policy, brotli and
//! gzip precompressed files, a service worker for offline use, the sample tender), the
//! single-file `jauge.html` (everything inlined, `connect-src 'none'`), and a static server for
//! `dist/` on 127.0.0.1.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use base64::Engine as _;
use sha2::{Digest, Sha256};

use crate::root;

/// The policy of the served app: scripts and workers only from the site (and wasm compilation),
/// no inline script, requests only to the site itself (the app's own files; a grid URL, when the
/// user asks for one, is fetched over HTTPS).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self' https:; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// The sample tender served under `exemple/` (fetched only when the user opens the sample).
const SAMPLE_DIR: &str = "samples/portail-citoyen/tableurs";

/// The reference grids' catalogue, served under `reference/` (fetched only when a grid is chosen).
const REFERENCE_DIR: &str = "criteria/reference/catalogue";

/// What the build made.
pub struct Build {
    /// The static site.
    pub dist: PathBuf,
    packages: Packages,
}

/// The eight wasm packages the app is made of: the interface (jauge-web), the grid editor fetched
/// when its mode is chosen (jauge-web with its feature `editor`), the catalogues of grids fetched
/// when « Ouvrir un catalogue » is first opened (jauge-web with its feature `catalogue`), the
/// analysis report and the end of the procedure fetched once offers are read (jauge-web with its
/// feature `report`), the
/// reader module run in a worker (jauge-js with its feature `reader`), the same with xls and xlsb
/// that the worker fetches when such a file is read (features `reader,legacy`), the spreadsheet
/// writers the worker fetches when a form or an export is written (jauge-js with its feature
/// `writers`), and the Word writer loaded when a buyer asks for the docx report (jauge-word).
struct Packages {
    app_js: String,
    app_wasm: Vec<u8>,
    editor_js: String,
    editor_classic_js: String,
    editor_wasm: Vec<u8>,
    catalogue_js: String,
    catalogue_classic_js: String,
    catalogue_wasm: Vec<u8>,
    report_js: String,
    report_classic_js: String,
    report_wasm: Vec<u8>,
    reader_js: String,
    reader_wasm: Vec<u8>,
    legacy_js: String,
    legacy_classic_js: String,
    legacy_wasm: Vec<u8>,
    writers_js: String,
    writers_classic_js: String,
    writers_wasm: Vec<u8>,
    word_js: String,
    word_classic_js: String,
    word_wasm: Vec<u8>,
}

fn packages() -> Result<Packages> {
    // Each module's wasm-opt runs while the next one builds; all are waited for before reading.
    // The modules whose wasm-opt takes longest (the Word module, the worker's) are built first, the
    // smallest (the catalogues') last.
    let staging = root().join("target/web-bindgen");
    let mut runs = vec![crate::start_wasm_package("jauge-web", None, "jauge-web", "wasm_bindgen", &staging)?];
    let word = root().join("target/jauge-word");
    runs.push(crate::start_wasm_package("jauge-word", None, "jauge-word", "jauge_word", &word)?);
    let ([reader, writers, legacy], workers) = start_worker_packages()?;
    runs.extend(workers);
    let editor = root().join("target/jauge-editeur");
    runs.push(crate::start_wasm_package("jauge-web", Some("editor"), "jauge-editeur", "jauge_editor", &editor)?);
    let report = root().join("target/jauge-rapport");
    runs.push(crate::start_wasm_package("jauge-web", Some("report"), "jauge-rapport", "jauge_report", &report)?);
    let catalogue = root().join("target/jauge-catalogues");
    runs.push(crate::start_wasm_package(
        "jauge-web",
        Some("catalogue"),
        "jauge-catalogues",
        "jauge_catalogues",
        &catalogue,
    )?);
    crate::wait_all(runs)?;
    Ok(Packages {
        app_js: std::fs::read_to_string(staging.join("jauge-web.js"))?,
        app_wasm: std::fs::read(staging.join("jauge-web_bg.wasm"))?,
        editor_js: std::fs::read_to_string(editor.join("jauge-editeur.js"))?,
        editor_classic_js: std::fs::read_to_string(editor.join("classic/jauge-editeur.js"))?,
        editor_wasm: std::fs::read(editor.join("jauge-editeur_bg.wasm"))?,
        catalogue_js: std::fs::read_to_string(catalogue.join("jauge-catalogues.js"))?,
        catalogue_classic_js: std::fs::read_to_string(catalogue.join("classic/jauge-catalogues.js"))?,
        catalogue_wasm: std::fs::read(catalogue.join("jauge-catalogues_bg.wasm"))?,
        report_js: std::fs::read_to_string(report.join("jauge-rapport.js"))?,
        report_classic_js: std::fs::read_to_string(report.join("classic/jauge-rapport.js"))?,
        report_wasm: std::fs::read(report.join("jauge-rapport_bg.wasm"))?,
        reader_js: std::fs::read_to_string(reader.join("jauge.js"))?,
        reader_wasm: std::fs::read(reader.join("jauge_bg.wasm"))?,
        legacy_js: std::fs::read_to_string(legacy.join("jauge.js"))?,
        legacy_classic_js: std::fs::read_to_string(legacy.join("classic/jauge.js"))?,
        legacy_wasm: std::fs::read(legacy.join("jauge_bg.wasm"))?,
        writers_js: std::fs::read_to_string(writers.join("jauge.js"))?,
        writers_classic_js: std::fs::read_to_string(writers.join("classic/jauge.js"))?,
        writers_wasm: std::fs::read(writers.join("jauge_bg.wasm"))?,
        word_js: std::fs::read_to_string(word.join("jauge-word.js"))?,
        word_classic_js: std::fs::read_to_string(word.join("classic/jauge-word.js"))?,
        word_wasm: std::fs::read(word.join("jauge-word_bg.wasm"))?,
    })
}

/// Builds the reader worker's three modules (jauge-js with the features `reader`, `writers` and
/// `reader,legacy`), each as `jauge.js` and `jauge_bg.wasm` in its folder: those folders.
pub fn worker_packages() -> Result<[PathBuf; 3]> {
    let (folders, runs) = start_worker_packages()?;
    crate::wait_all(runs)?;
    Ok(folders)
}

/// [`worker_packages`], their wasm-opt runs left under way.
fn start_worker_packages() -> Result<([PathBuf; 3], Vec<crate::Optimising>)> {
    let reader = root().join("target/jauge-reader");
    let mut runs = vec![crate::start_wasm_package("jauge-js", Some("reader"), "jauge", "wasm_bindgen", &reader)?];
    let writers = root().join("target/jauge-writers");
    runs.push(crate::start_wasm_package("jauge-js", Some("writers"), "jauge", "jauge_writers", &writers)?);
    let legacy = root().join("target/jauge-legacy");
    runs.push(crate::start_wasm_package("jauge-js", Some("reader,legacy"), "jauge", "wasm_bindgen", &legacy)?);
    Ok(([reader, writers, legacy], runs))
}

fn sample_files() -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(root().join(SAMPLE_DIR))?.filter_map(|e| e.ok()) {
        files.push((entry.file_name().to_string_lossy().into_owned(), std::fs::read(entry.path())?));
    }
    files.sort();
    Ok(files)
}

/// Builds the app into `dist/`.
pub fn build() -> Result<Build> {
    let p = packages()?;
    // The page must not carry what its modules hold (issue 17: the first load).
    for (what, mark, module) in [
        ("the grid editor", EDITOR_MARK, &p.editor_wasm),
        ("the catalogues of grids", CATALOGUE_MARK, &p.catalogue_wasm),
        ("the analysis report", REPORT_MARK, &p.report_wasm),
        ("the exports and letters", PUBLICATION_MARK, &p.report_wasm),
    ] {
        if contains(&p.app_wasm, mark.as_bytes()) || !contains(module, mark.as_bytes()) {
            bail!("{what} must be in its own module, not in the page's (« {mark} »)");
        }
    }
    let started = std::time::Instant::now();
    let dist = root().join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(dist.join("exemple"))?;

    // The interface's module, fetched on the first action on the static first screen.
    let app_glue = publish(&dist, "jauge-espace", "js", p.app_js.as_bytes())?;
    let app_wasm = publish(&dist, "jauge-espace", "wasm", &p.app_wasm)?;
    let editor_glue = publish(&dist, "jauge-editeur", "js", p.editor_js.as_bytes())?;
    let editor_wasm = publish(&dist, "jauge-editeur", "wasm", &p.editor_wasm)?;
    let catalogue_glue = publish(&dist, "jauge-catalogues", "js", p.catalogue_js.as_bytes())?;
    let catalogue_wasm = publish(&dist, "jauge-catalogues", "wasm", &p.catalogue_wasm)?;
    let report_glue = publish(&dist, "jauge-rapport", "js", p.report_js.as_bytes())?;
    let report_wasm = publish(&dist, "jauge-rapport", "wasm", &p.report_wasm)?;
    let reader_glue = publish(&dist, "jauge", "js", p.reader_js.as_bytes())?;
    let reader_wasm = publish(&dist, "jauge", "wasm", &p.reader_wasm)?;
    // The writers are named as the reader's files are (`jauge-<hash>`): the files the app may
    // fetch after its first load.
    let writers_glue = publish(&dist, "jauge", "js", p.writers_js.as_bytes())?;
    let writers_wasm = publish(&dist, "jauge", "wasm", &p.writers_wasm)?;
    // The legacy reader's glue is the reader's, word for word: a line of its own gives it another
    // name, so that importing it makes a second module, not the reader's again.
    let legacy_js = format!("{}\n// The reader module that also reads xls and xlsb.\n", p.legacy_js);
    let legacy_glue = publish(&dist, "jauge", "js", legacy_js.as_bytes())?;
    let legacy_wasm = publish(&dist, "jauge", "wasm", &p.legacy_wasm)?;
    let modules = [(&*reader_glue, &*reader_wasm), (&writers_glue, &writers_wasm), (&legacy_glue, &legacy_wasm)];
    let reader = publish(&dist, "lecteur", "js", worker_source(modules)?.as_bytes())?;
    let word_glue = publish(&dist, "jauge-word", "js", p.word_js.as_bytes())?;
    let word_wasm = publish(&dist, "jauge-word", "wasm", &p.word_wasm)?;
    // The boot code: how each module is fetched when first needed, then the first screen's own
    // code (`web/accueil.js`), which fetches the interface's module on the first action.
    let boot_js = format!(
        "// Starts Jauge: the modules on demand (the interface's on the first action), the offline cache.\n\
         globalThis.jaugeReader = () => new Worker(\"./{reader}\", {{ type: \"module\" }});\n\
         {}{}{}{}{}\
         let sample = null;\n\
         globalThis.jaugeSample = async (name) => {{\n\
         \x20 sample ??= fetch(\"./exemple/exemple.json\").then((r) => {{ if (!r.ok) throw new Error(`HTTP ${{r.status}}`); return r.json(); }})\n\
         \x20   .catch((e) => {{ sample = null; throw e; }});\n\
         \x20 const text = atob((await sample)[name] ?? \"\");\n\
         \x20 return Uint8Array.from(text, (c) => c.charCodeAt(0)).buffer;\n}};\n\
         if (\"serviceWorker\" in navigator) navigator.serviceWorker.register(\"./sw.js\").catch(() => {{}});\n\
         {}",
        fetched_once("globalThis.jaugeWorkspace", "workspace", &app_glue, &app_wasm, "globalThis.jaugeWorkspaceRoot"),
        fetched_once("globalThis.jaugeWord", "word", &word_glue, &word_wasm, "m"),
        fetched_once("globalThis.jaugeEditor", "editor", &editor_glue, &editor_wasm, "globalThis.jaugeEditorRoot"),
        fetched_once(
            "globalThis.jaugeCatalogue",
            "catalogues",
            &catalogue_glue,
            &catalogue_wasm,
            "globalThis.jaugeCatalogueRoot"
        ),
        fetched_once("globalThis.jaugeReport", "report", &report_glue, &report_wasm, "globalThis.jaugeReportRoot"),
        std::fs::read_to_string(root().join("web/accueil.js"))?,
    );
    let boot = publish(&dist, "jauge-web", "js", boot_js.as_bytes())?;
    let style = publish(&dist, "style", "css", &std::fs::read(root().join("web/style.css"))?)?;
    let index = std::fs::read_to_string(root().join("web/index.html"))?
        .replace("{{csp}}", CSP)
        .replace("{{style}}", &style)
        .replace("{{boot}}", &boot)
        .replace("{{accueil}}", &first_screen()?);
    write_compressed(&dist.join("index.html"), index.as_bytes())?;
    // The sample tender in one file (one request): each file's bytes in base64, by name.
    let bundle: serde_json::Map<String, serde_json::Value> =
        sample_files()?.into_iter().map(|(name, bytes)| (name, b64(&bytes).into())).collect();
    write_compressed(&dist.join("exemple/exemple.json"), serde_json::to_string(&bundle)?.as_bytes())?;
    copy_reference(&root().join(REFERENCE_DIR), &dist.join("reference"))?;

    // The service worker keeps the app shell at install, and what else the app fetches (the
    // reader module, the Word writer, the sample) the first time it is fetched.
    let shell = ["./".to_string(), style, boot];
    let version = short_hash(
        (shell.join(" ")
            + &app_glue
            + &app_wasm
            + &reader
            + &writers_glue
            + &writers_wasm
            + &legacy_glue
            + &legacy_wasm
            + &word_glue
            + &word_wasm
            + &editor_glue
            + &editor_wasm
            + &catalogue_glue
            + &catalogue_wasm
            + &report_glue
            + &report_wasm)
            .as_bytes(),
    );
    let list = shell.iter().map(|s| format!("\"{s}\"")).collect::<Vec<_>>().join(", ");
    let sw = std::fs::read_to_string(root().join("web/sw.js"))?
        .replace("\"{{version}}\"", &format!("\"jauge-{version}\""))
        .replace("[\"{{shell}}\"]", &format!("[{list}]"));
    write_compressed(&dist.join("sw.js"), sw.as_bytes())?;
    compress_written()?;

    let total: u64 = std::fs::read_dir(&dist)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "br"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    eprintln!(
        "dist/: {total} bytes brotli-compressed in all (sample excepted), written in {} s",
        started.elapsed().as_secs()
    );
    Ok(Build { dist, packages: p })
}

/// The reference catalogue's files (its grids in sub-folders), each with its compressed copies.
fn copy_reference(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)?.filter_map(|e| e.ok()) {
        let (path, name) = (entry.path(), entry.file_name());
        if path.is_dir() {
            copy_reference(&path, &to.join(&name))?;
        } else if path.extension().is_some_and(|x| x == "json") {
            write_compressed(&to.join(&name), &std::fs::read(&path)?)?;
        }
    }
    Ok(())
}

/// The reader worker's source as the site serves it (a module worker): the reading module imported
/// at once, the writers' module when a form or an export is first written, the legacy reader when
/// an xls or xlsb file is first read. `modules` names the glue and the wasm of the reader, the
/// writers and the legacy reader, relative to the worker's own address. The browser benchmark
/// serves the same worker.
pub fn worker_source(modules: [(&str, &str); 3]) -> Result<String> {
    let [(reader_glue, reader_wasm), (writers_glue, writers_wasm), (legacy_glue, legacy_wasm)] = modules;
    let load = format!(
        "import init, {{ readOffersJson }} from \"./{reader_glue}\";\n\
         const ready = init({{ module_or_path: \"./{reader_wasm}\" }});\nconst initialise = () => {{}};\n{}{}",
        fetched_once("const writers", "writersModule", writers_glue, writers_wasm, "m"),
        fetched_once("const legacy", "legacyModule", legacy_glue, legacy_wasm, "m")
    );
    reader_source(&load)
}

/// JavaScript that imports a wasm-bindgen module (`glue` and its `wasm`, relative to the script)
/// the first time the function `binding` names is called, and keeps it in `var`: the promise of
/// `value` (`m`, the module, or the root it sets). A failed import is forgotten, so that the next
/// call tries again.
fn fetched_once(binding: &str, var: &str, glue: &str, wasm: &str, value: &str) -> String {
    format!(
        "let {var} = null;\n\
         {binding} = () => ({var} ??= import(\"./{glue}\")\n\
         \x20 .then(async (m) => {{ await m.default({{ module_or_path: \"./{wasm}\" }}); return {value}; }})\n\
         \x20 .catch((e) => {{ {var} = null; throw e; }}));\n"
    )
}

/// The reader worker's source with `load` (how it gets Jauge's JS API) in place.
fn reader_source(load: &str) -> Result<String> {
    let source = std::fs::read_to_string(root().join("web/reader.js"))?;
    if !source.contains("/* LOAD */") {
        bail!("web/reader.js has lost its /* LOAD */ line");
    }
    Ok(source.replace("/* LOAD */", load))
}

/// Builds the single self-contained `dist/jauge.html`: the three wasm modules, the worker, the style
/// and the sample inlined; its policy forbids every request (`connect-src 'none'`), so the
/// browser itself guarantees that nothing leaves the machine. Opens from `file://`.
pub fn single_file(built: &Build) -> Result<PathBuf> {
    let p = &built.packages;
    // A classic worker: a page opened from file:// cannot start a module worker.
    // The writers' wasm comes with the reader's in the first message; it is compiled only when a
    // form or an export is written.
    let load = "const { readOffersJson, initSync } = wasm_bindgen;\nlet resolveReady;\nconst ready = new Promise((resolve) => { resolveReady = resolve; });\n\
                let writersWasm = null;\n\
                const initialise = (wasm, writers) => { initSync({ module: wasm }); writersWasm = writers; resolveReady(); };\n\
                let writing = null;\n\
                const writers = async () => { if (!writing) { jauge_writers.initSync({ module: writersWasm }); writing = jauge_writers; } return writing; };\n\
                const legacy = async () => wasm_bindgen;";
    // The page holds every module anyway: its reader is the one that also reads xls and xlsb.
    let reader = format!("{}\n{}\n{}", p.legacy_classic_js, p.writers_classic_js, reader_source(load)?);
    let boot = format!(
        "{}\n// Jauge in one file: the wasm modules and the sample are read from the page itself.\n\
         const bytes = (id) => {{\n\
         \x20 const text = atob(document.getElementById(id).textContent.trim());\n\
         \x20 const out = new Uint8Array(text.length);\n\
         \x20 for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i);\n\
         \x20 return out;\n}};\n\
         globalThis.jaugeReader = () => {{\n\
         \x20 const source = new Blob([document.getElementById(\"jauge-lecteur\").textContent], {{ type: \"text/javascript\" }});\n\
         \x20 const worker = new Worker(URL.createObjectURL(source));\n\
         \x20 worker.postMessage({{ op: \"init\", wasm: bytes(\"jauge-lecteur-wasm\"), writers: bytes(\"jauge-ecrit-wasm\") }});\n\
         \x20 return worker;\n}};\n\
         globalThis.jaugeSample = async (name) => bytes(`exemple-${{name}}`).buffer;\n\
         {}\n\
         let word = null;\n\
         globalThis.jaugeWord = async () => {{\n\
         \x20 if (!word) {{ jauge_word.initSync({{ module: bytes(\"jauge-word-wasm\") }}); word = jauge_word; }}\n\
         \x20 return word;\n}};\n\
         {}\n\
         globalThis.jaugeEditor = async () => {{\n\
         \x20 if (!globalThis.jaugeEditorRoot) jauge_editor.initSync({{ module: bytes(\"jauge-editeur-wasm\") }});\n\
         \x20 return globalThis.jaugeEditorRoot;\n}};\n\
         {}\n\
         globalThis.jaugeCatalogue = async () => {{\n\
         \x20 if (!globalThis.jaugeCatalogueRoot) jauge_catalogues.initSync({{ module: bytes(\"jauge-catalogues-wasm\") }});\n\
         \x20 return globalThis.jaugeCatalogueRoot;\n}};\n\
         {}\n\
         globalThis.jaugeReport = async () => {{\n\
         \x20 if (!globalThis.jaugeReportRoot) jauge_report.initSync({{ module: bytes(\"jauge-rapport-wasm\") }});\n\
         \x20 return globalThis.jaugeReportRoot;\n}};\n\
         globalThis.jaugeWorkspace = async () => {{\n\
         \x20 if (!globalThis.jaugeWorkspaceRoot) initSync({{ module: bytes(\"jauge-wasm\") }});\n\
         \x20 return globalThis.jaugeWorkspaceRoot;\n}};\n\
         {}",
        p.app_js,
        p.word_classic_js,
        p.editor_classic_js,
        p.catalogue_classic_js,
        p.report_classic_js,
        std::fs::read_to_string(root().join("web/accueil.js"))?
    );
    let style = std::fs::read_to_string(root().join("web/style.css"))?;
    for (what, text) in [("app glue", &boot), ("reader", &reader), ("style", &style)] {
        if text.to_ascii_lowercase().contains("</script") || text.to_ascii_lowercase().contains("</style") {
            bail!("the {what} contains a closing tag and cannot be inlined");
        }
    }
    let hash = |s: &str| b64(&Sha256::digest(s.as_bytes()));
    let csp = format!(
        "default-src 'none'; script-src 'sha256-{}' 'wasm-unsafe-eval'; worker-src blob:; connect-src 'none'; style-src 'sha256-{}'; img-src data:; base-uri 'none'; form-action 'none'",
        hash(&boot),
        hash(&style)
    );
    let mut data = format!(
        "<script type=\"application/octet-stream\" id=\"jauge-wasm\">{}</script>\n\
         <script type=\"text/plain\" id=\"jauge-lecteur\">{reader}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-lecteur-wasm\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-ecrit-wasm\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-word-wasm\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-editeur-wasm\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-catalogues-wasm\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"jauge-rapport-wasm\">{}</script>\n",
        b64(&p.app_wasm),
        b64(&p.legacy_wasm),
        b64(&p.writers_wasm),
        b64(&p.word_wasm),
        b64(&p.editor_wasm),
        b64(&p.catalogue_wasm),
        b64(&p.report_wasm)
    );
    for (name, bytes) in sample_files()? {
        data.push_str(&format!(
            "<script type=\"application/octet-stream\" id=\"exemple-{name}\">{}</script>\n",
            b64(&bytes)
        ));
    }
    let page = format!(
        "<!doctype html>\n<html lang=\"fr\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n\
         <title>Jauge — notation des offres numériques</title>\n<link rel=\"icon\" href=\"data:,\">\n\
         <style>{style}</style>\n{data}<script type=\"module\">{boot}</script>\n</head>\n<body>\n\
         <noscript>Jauge fonctionne dans le navigateur et a besoin de JavaScript et de WebAssembly.</noscript>\n\
         <div id=\"chargement\" aria-live=\"polite\"></div>\n<div id=\"accueil\">{}</div>\n</body>\n</html>\n",
        first_screen()?
    );
    let out = root().join("dist/jauge.html");
    std::fs::create_dir_all(root().join("dist"))?;
    std::fs::write(&out, page)?;
    eprintln!("{}: {} bytes", out.display(), std::fs::metadata(&out)?.len());
    Ok(out)
}

/// The page's static first screen: the app's own, as the browser tests save it
/// (`tests/e2e/app.test.mjs` checks that the app still renders exactly this, and writes it again
/// with UPDATE_EXPECT=1).
fn first_screen() -> Result<String> {
    let path = root().join(FIRST_SCREEN);
    let html = std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    if html.to_ascii_lowercase().contains("<script") {
        bail!("{FIRST_SCREEN} holds a script");
    }
    Ok(html)
}

/// Where the static first screen is kept.
const FIRST_SCREEN: &str = "web/accueil.html";

/// Words only the grid editor shows: found in the editor's module, never in the page's.
const EDITOR_MARK: &str = "Partir de zéro";
/// Words only the catalogues' part shows: found in the catalogue's module, never in the page's.
const CATALOGUE_MARK: &str = "Épingler cette clé";
/// Words only the analysis report says: found in the report module, never in the page's.
const REPORT_MARK: &str = "Pour l'acheteur, le représentant habilité";
/// Words only the exports and letters say: found in the report module, never in the page's.
const PUBLICATION_MARK: &str = "Avis et données ouvertes";

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// Writes `{stem}-{hash}.{ext}` (content-hashed, so it can be cached forever) and its compressed copies.
fn publish(dist: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let name = format!("{stem}-{}.{ext}", short_hash(bytes));
    write_compressed(&dist.join(&name), bytes)?;
    Ok(name)
}

/// The first 5 bytes of the SHA-256 in hexadecimal: enough to tell versions of a file apart.
fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().take(5).map(|b| format!("{b:02x}")).collect()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// The files written since the last [`compress_written`], whose compressed copies are still to
/// make.
static TO_COMPRESS: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Writes the file; its brotli (`.br`, quality 11) and gzip (`.gz`) copies are made beside it by
/// the next [`compress_written`].
fn write_compressed(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes)?;
    TO_COMPRESS.lock().map_err(|_| anyhow::anyhow!("the list of files to compress was poisoned"))?.push(path.into());
    Ok(())
}

/// Makes the compressed copies of every file written by [`write_compressed`], on every core
/// (brotli at quality 11 is single-threaded and takes most of the time of writing `dist/`), the
/// largest files first.
fn compress_written() -> Result<()> {
    let mut files = std::mem::take(
        &mut *TO_COMPRESS.lock().map_err(|_| anyhow::anyhow!("the list of files to compress was poisoned"))?,
    );
    files.sort_by_key(|f| std::cmp::Reverse(std::fs::metadata(f).map(|m| m.len()).unwrap_or(0)));
    let queue = std::sync::Mutex::new(files.into_iter());
    let next = || queue.lock().ok().and_then(|mut q| q.next());
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| {
                scope.spawn(|| -> Result<()> {
                    while let Some(path) = next() {
                        compress(&path).with_context(|| format!("compressing {}", path.display()))?;
                    }
                    Ok(())
                })
            })
            .collect();
        workers.into_iter().try_for_each(|w| w.join().map_err(|_| anyhow::anyhow!("a compressing thread panicked"))?)
    })
}

/// Writes the file's brotli (`.br`, quality 11) and gzip (`.gz`) copies beside it.
fn compress(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path)?;
    let with = |ext: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(ext);
        PathBuf::from(name)
    };
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(&bytes)?;
    std::fs::write(with(".gz"), gz.finish()?)?;
    let mut br = Vec::new();
    {
        let mut w = brotli::CompressorWriter::new(&mut br, 4096, 11, 24);
        w.write_all(&bytes)?;
    }
    std::fs::write(with(".br"), br)?;
    Ok(())
}

/// Builds, then serves `dist/` on 127.0.0.1:8080 until interrupted.
pub fn serve() -> Result<()> {
    let built = build()?;
    let server = tiny_http::Server::http("127.0.0.1:8080").map_err(|e| anyhow::anyhow!("127.0.0.1:8080 : {e}"))?;
    println!("\nJauge : http://127.0.0.1:8080/  (Ctrl+C pour arrêter)");
    println!("L'appel d'offres d'exemple, déjà noté : http://127.0.0.1:8080/#exemple");
    serve_forever(&server, &built.dist);
    Ok(())
}

/// Starts a server on a free port in a background thread, for the browser tests.
pub fn spawn(dist: PathBuf) -> Result<u16> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(|e| anyhow::anyhow!("{e}"))?;
    let port = server.server_addr().to_ip().context("an IP address")?.port();
    std::thread::spawn(move || serve_forever(&server, &dist));
    Ok(port)
}

/// The file a request path names inside `dist/`: the site's top level, `exemple/` and the reference
/// grids under `reference/`, nothing else (no `..`, no other folder, no hidden file).
fn file_for(dist: &Path, url: &str) -> Option<(String, PathBuf)> {
    let path = url.split(['?', '#']).next().unwrap_or("/").trim_start_matches('/');
    let path = percent_decode(path)?;
    let name = if path.is_empty() { "index.html".to_string() } else { path };
    let parts: Vec<&str> = name.split('/').collect();
    let safe = match parts.as_slice() {
        [file] => !file.starts_with('.'),
        ["exemple", file] => !file.starts_with('.'),
        ["reference", rest @ ..] => !rest.is_empty() && rest.iter().all(|p| !p.is_empty() && !p.starts_with('.')),
        _ => false,
    } && !name.contains('\\');
    let file = dist.join(&name);
    (safe && file.is_file()).then_some((name, file))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn serve_forever(server: &tiny_http::Server, dist: &Path) {
    for request in server.incoming_requests() {
        let accepts = |coding: &str| {
            request.headers().iter().any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains(coding))
        };
        let response = match file_for(dist, request.url()) {
            None => tiny_http::Response::from_data(b"introuvable".to_vec()).with_status_code(404),
            Some((name, file)) => {
                let with = |ext: &str| PathBuf::from(format!("{}{ext}", file.display()));
                let (path, encoding) = if accepts("br") && with(".br").is_file() {
                    (with(".br"), Some("br"))
                } else if accepts("gzip") && with(".gz").is_file() {
                    (with(".gz"), Some("gzip"))
                } else {
                    (file.clone(), None)
                };
                let mut response = tiny_http::Response::from_data(std::fs::read(path).unwrap_or_default());
                let kind = match file.extension().and_then(|e| e.to_str()) {
                    Some("html") => "text/html; charset=utf-8",
                    Some("js" | "mjs") => "text/javascript; charset=utf-8",
                    Some("css") => "text/css; charset=utf-8",
                    Some("wasm") => "application/wasm",
                    Some("csv") => "text/csv; charset=utf-8",
                    Some("json") => "application/json; charset=utf-8",
                    _ => "application/octet-stream",
                };
                // Hashed names never change: cache them for ever; the page and the service
                // worker are checked on every visit.
                let cache = if name == "index.html"
                    || name == "sw.js"
                    || name.starts_with("exemple/")
                    || name.starts_with("reference/")
                {
                    "no-cache"
                } else {
                    "public, max-age=31536000, immutable"
                };
                let csp = format!("{CSP}; frame-ancestors 'none'");
                let mut headers = vec![
                    ("Content-Type", kind),
                    ("Cache-Control", cache),
                    ("Content-Security-Policy", csp.as_str()),
                    ("X-Content-Type-Options", "nosniff"),
                    ("Referrer-Policy", "no-referrer"),
                    ("Vary", "Accept-Encoding"),
                ];
                if let Some(encoding) = encoding {
                    headers.push(("Content-Encoding", encoding));
                }
                for (field, value) in headers {
                    if let Ok(h) = tiny_http::Header::from_bytes(field.as_bytes(), value.as_bytes()) {
                        response.add_header(h);
                    }
                }
                response
            }
        };
        let _ = request.respond(response);
    }
}

#[cfg(test)]
mod tests {
    use super::file_for;

    #[test]
    fn the_reference_grids_are_served_and_nothing_beside_them() {
        let dist = std::env::temp_dir().join(format!("jauge-dist-{}", std::process::id()));
        std::fs::create_dir_all(dist.join("reference/rgesn-2024")).expect("folder");
        std::fs::write(dist.join("reference/rgesn-2024/1.0.0.json"), "{}").expect("file");
        std::fs::write(dist.join("reference/.cache"), "").expect("file");
        let served = |url: &str| file_for(&dist, url).map(|(name, _)| name);
        assert_eq!(served("/reference/rgesn-2024/1.0.0.json?v=1").as_deref(), Some("reference/rgesn-2024/1.0.0.json"));
        for refused in
            ["/reference/.cache", "/reference/../reference/rgesn-2024/1.0.0.json", "/reference/", "/reference//x"]
        {
            assert_eq!(served(refused), None, "{refused}");
        }
        let _ = std::fs::remove_dir_all(&dist);
    }
}
