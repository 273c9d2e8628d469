//! What the app asks of the browser: reading files, offering downloads, keeping the analysis in
//! local storage. Nothing here makes a network request.

use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;

use crate::failure::Failure;

const KEY: &str = "jauge-analyse-v1";

/// The page tells the grid editor's module its language and grid chosen (a
/// [`crate::state::EditorContext`] as JSON).
pub const EDITOR_CONTEXT: &str = "jauge:editeur-contexte";
/// The grid editor's module asks the page to use the grid written (its text).
pub const EDITOR_GRID: &str = "jauge:editeur-grille";
/// The page tells the catalogue's module its language and grid in use (a
/// [`crate::state::EditorContext`] as JSON).
pub const CATALOGUE_CONTEXT: &str = "jauge:catalogue-contexte";
/// The catalogue's module asks the page to use the grid chosen (its text, checked).
pub const CATALOGUE_GRID: &str = "jauge:catalogue-grille";
/// The page tells the report module its language and session as saved (a
/// [`crate::state::EditorContext`] whose text is the session's).
pub const REPORT_CONTEXT: &str = "jauge:rapport-contexte";
/// The report module tells the page what its sections show of the analysis (a
/// [`crate::state::ReportNews`] as JSON).
pub const REPORT_NEWS: &str = "jauge:rapport-nouvelles";

/// The analysis an earlier visit kept (the text of a [`crate::state::Saved`]), if any.
pub fn load() -> Option<String> {
    LocalStorage::raw().get_item(KEY).ok().flatten()
}

/// Keeps the analysis; a full storage is reported, not fatal.
pub fn save(text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(KEY, text).map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Today's date and time (ISO 8601, UTC), for file names and printed pages.
pub fn now() -> String {
    js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default()
}

/// Erases the analysis kept in the browser.
pub fn erase() {
    LocalStorage::delete(KEY);
}

/// Reads a file the user chose or dropped, of at most `limit` bytes (one of
/// [`jauge_engine::limits`]): its size is checked first, and a larger file is refused without a
/// byte of it being read.
pub async fn read(file: web_sys::File, limit: u64) -> Result<(String, Vec<u8>), Failure> {
    let name = file.name();
    // `File.size()` is a whole number of bytes; the conversion saturates, so a size no `u64`
    // holds is still refused.
    jauge_engine::limits::check(&name, file.size() as u64, limit)?;
    let blob = gloo::file::Blob::from(file);
    match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => Ok((name, bytes)),
        Err(e) => Err(Failure::FileRead { file: name, detail: e.to_string() }),
    }
}

/// Offers bytes as a download, made in the page (an object URL), never fetched.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    download_array(name, mime, &js_sys::Uint8Array::from(bytes));
}

/// Offers bytes already in the browser's memory as a download, without a copy through this module.
pub fn download_array(name: &str, mime: &str, array: &js_sys::Uint8Array) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let parts = js_sys::Array::of1(array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options) else { return };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else { return };
    if let Ok(a) = document.create_element("a").map(|e| e.unchecked_into::<web_sys::HtmlAnchorElement>()) {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// Sets the page's `lang` attribute.
pub fn set_document_lang(code: &str) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", code);
    }
}

/// Fetches a grid published at an address (the only request the app makes with the user's
/// leave, and it carries no bid data). The page's policy allows HTTPS addresses and the site.
pub async fn fetch_text(url: &str) -> Result<String, Failure> {
    let fail = |detail: String| Failure::Download { url: url.to_string(), detail };
    let window = web_sys::window().ok_or_else(|| fail("no window".into()))?;
    let response = wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
        .await
        .map_err(|e| fail(e.as_string().unwrap_or_else(|| "refusé par le navigateur ou le réseau".into())))?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| fail("no response".into()))?;
    if !response.ok() {
        return Err(fail(format!("HTTP {}", response.status())));
    }
    let text = response.text().map_err(|e| fail(format!("{e:?}")))?;
    let text = wasm_bindgen_futures::JsFuture::from(text).await.map_err(|e| fail(format!("{e:?}")))?;
    Ok(text.as_string().unwrap_or_default())
}

/// Text kept in the browser under `key` (another key than the analysis': the catalogues' pinned
/// keys and copies), if any.
pub fn kept(key: &str) -> Option<String> {
    LocalStorage::raw().get_item(key).ok().flatten()
}

/// Keeps text in the browser under `key`; a full storage is reported, not fatal (the catalogue's
/// module's).
#[cfg(feature = "catalogue")]
pub fn keep(key: &str, text: &str) -> Result<(), String> {
    LocalStorage::raw().set_item(key, text).map_err(|e| e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

/// Tells the other module of the page (the page, or the grid editor's module: two wasm modules)
/// something, as a `CustomEvent` named `name` on the window, its detail a text.
pub fn announce(name: &str, detail: &str) {
    let init = web_sys::CustomEventInit::new();
    init.set_detail(&detail.into());
    if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = gloo::utils::window().dispatch_event(&event);
    }
}

/// Tells a module of the page what it must know for its life (its language and grid chosen, the
/// session): [`announce`]s it and keeps it on the window, so a module whose listener starts only
/// after the page spoke still reads it ([`told`]); the two wasm modules start in no set order.
pub fn tell(name: &str, detail: &str) {
    let _ = js_sys::Reflect::set(&gloo::utils::window(), &told_key(name).into(), &detail.into());
    announce(name, detail);
}

/// What the page last [`tell`]s under `name`, if it has spoken yet.
#[cfg(any(feature = "editor", feature = "catalogue", feature = "report"))]
pub fn told(name: &str) -> Option<String> {
    js_sys::Reflect::get(&gloo::utils::window(), &told_key(name).into()).ok().and_then(|v| v.as_string())
}

fn told_key(name: &str) -> String {
    format!("{name}:dernier")
}

/// Listens to what the other module of the page announces under `name` (see [`announce`]), for as
/// long as the listener returned is kept.
pub fn on_announced(name: &'static str, then: impl Fn(String) + 'static) -> gloo::events::EventListener {
    gloo::events::EventListener::new(&gloo::utils::window(), name, move |event| {
        if let Some(detail) = event.dyn_ref::<web_sys::CustomEvent>().and_then(|e| e.detail().as_string()) {
            then(detail);
        }
    })
}

#[cfg(test)]
mod tests {
    /// The static first screen's code (`web/accueil.js`) fetches the interface at once when an
    /// analysis or catalogues are kept: it must look under the keys the app keeps them by.
    #[test]
    fn the_first_screen_looks_where_the_app_keeps_its_analysis() {
        let code = include_str!("../../../web/accueil.js");
        for key in [super::KEY, crate::state::CATALOGUES_KEPT_KEY] {
            assert!(code.contains(&format!("\"{key}\"")), "web/accueil.js does not look for {key}");
        }
    }
}
