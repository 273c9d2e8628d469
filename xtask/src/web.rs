//! The web app's build (`dist/`: hashed asset names, a strict Content-Security-Policy, gzip
//! precompressed files) and a static server for it on 127.0.0.1.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use sha2::{Digest, Sha256};

use crate::root;

/// The policy of the served app: scripts only from the site (and wasm compilation), no inline
/// script, requests only to the site itself (the wasm file).
pub const CSP: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'";

/// Builds the app into `dist/` and returns that directory.
pub fn build() -> Result<PathBuf> {
    let dist = root().join("dist");
    let staging = root().join("target/web-bindgen");
    crate::wasm_package("jauge-web", "jauge-web", &staging)?;
    let _ = std::fs::remove_dir_all(&dist);
    std::fs::create_dir_all(&dist)?;
    let glue = publish(&dist, "jauge-web", "js", &std::fs::read(staging.join("jauge-web.js"))?)?;
    let wasm = publish(&dist, "jauge-web", "wasm", &std::fs::read(staging.join("jauge-web_bg.wasm"))?)?;
    let boot_js = format!("import init from \"./{glue}\";\ninit({{ module_or_path: \"./{wasm}\" }});\n");
    let boot = publish(&dist, "boot", "js", boot_js.as_bytes())?;
    let style = publish(&dist, "style", "css", &std::fs::read(root().join("web/style.css"))?)?;
    let index = std::fs::read_to_string(root().join("web/index.html"))?
        .replace("{{csp}}", CSP)
        .replace("{{style}}", &style)
        .replace("{{boot}}", &boot);
    write_compressed(&dist.join("index.html"), index.as_bytes())?;
    let total: u64 = std::fs::read_dir(&dist)?
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "gz"))
        .map(|e| e.metadata().map(|m| m.len()).unwrap_or(0))
        .sum();
    eprintln!("dist/: {total} bytes gzip-compressed in all");
    Ok(dist)
}

/// Writes `{stem}-{hash}.{ext}` (content-hashed, so it can be cached forever) and its .gz.
fn publish(dist: &Path, stem: &str, ext: &str, bytes: &[u8]) -> Result<String> {
    let hash: String = Sha256::digest(bytes).iter().take(5).map(|b| format!("{b:02x}")).collect();
    let name = format!("{stem}-{hash}.{ext}");
    write_compressed(&dist.join(&name), bytes)?;
    Ok(name)
}

fn write_compressed(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes)?;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    std::fs::write(PathBuf::from(name), gz.finish()?)?;
    Ok(())
}

/// Builds, then serves `dist/` on 127.0.0.1:8080 until interrupted.
pub fn serve() -> Result<()> {
    let dist = build()?;
    let server = tiny_http::Server::http("127.0.0.1:8080").map_err(|e| anyhow::anyhow!("127.0.0.1:8080 : {e}"))?;
    println!("\nJauge : http://127.0.0.1:8080/  (Ctrl+C pour arrêter)");
    println!("L'appel d'offres d'exemple, déjà noté : http://127.0.0.1:8080/#exemple");
    serve_forever(&server, &dist);
    Ok(())
}

/// Starts a server on a free port in a background thread, for the browser tests.
pub fn spawn(dist: PathBuf) -> Result<u16> {
    let server = tiny_http::Server::http("127.0.0.1:0").map_err(|e| anyhow::anyhow!("{e}"))?;
    let port = server.server_addr().to_ip().context("an IP address")?.port();
    std::thread::spawn(move || serve_forever(&server, &dist));
    Ok(port)
}

fn serve_forever(server: &tiny_http::Server, dist: &Path) {
    for request in server.incoming_requests() {
        let path = request.url().split(['?', '#']).next().unwrap_or("/").trim_start_matches('/').to_string();
        let name = if path.is_empty() { "index.html".to_string() } else { path };
        let safe = !name.contains("..") && !name.contains('/') && !name.contains('\\');
        let file = dist.join(&name);
        let gzip =
            request.headers().iter().any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip"));
        let gz = dist.join(format!("{name}.gz"));
        let response = if !safe || !file.is_file() {
            tiny_http::Response::from_data(b"introuvable".to_vec()).with_status_code(404)
        } else {
            let (bytes, encoded) =
                if gzip && gz.is_file() { (std::fs::read(&gz), true) } else { (std::fs::read(&file), false) };
            let mut response = tiny_http::Response::from_data(bytes.unwrap_or_default());
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("js") => "text/javascript; charset=utf-8",
                Some("css") => "text/css; charset=utf-8",
                Some("wasm") => "application/wasm",
                _ => "application/octet-stream",
            };
            let cache = if name == "index.html" { "no-cache" } else { "public, max-age=31536000, immutable" };
            for (field, value) in [
                ("Content-Type", kind),
                ("Cache-Control", cache),
                ("Content-Security-Policy", &format!("{CSP}; frame-ancestors 'none'")),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
            ] {
                if let Ok(h) = tiny_http::Header::from_bytes(field.as_bytes(), value.as_bytes()) {
                    response.add_header(h);
                }
            }
            if encoded && let Ok(h) = tiny_http::Header::from_bytes(&b"Content-Encoding"[..], &b"gzip"[..]) {
                response.add_header(h);
            }
            response
        };
        let _ = request.respond(response);
    }
}
