//! What the app asks of the browser: reading files, offering downloads, keeping the analysis in
//! local storage. Nothing here makes a network request.

use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

use jauge_engine::{Lang, Offer};

/// The analysis in progress, as kept in the browser between visits.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Saved {
    /// Interface language.
    pub lang: Lang,
    /// The grid's text.
    pub grid: String,
    /// The offers read, with the evaluators' marks.
    pub offers: Vec<Offer>,
}

const KEY: &str = "jauge-analyse-v1";

/// The analysis kept by an earlier visit, if any.
pub fn load() -> Option<Saved> {
    LocalStorage::get(KEY).ok()
}

/// Keeps the analysis; a full storage is reported, not fatal.
pub fn save(saved: &Saved) -> Result<(), String> {
    LocalStorage::set(KEY, saved).map_err(|e| e.to_string())
}

/// Erases the analysis kept in the browser.
pub fn erase() {
    LocalStorage::delete(KEY);
}

/// Reads a file the user chose or dropped.
pub async fn read(file: web_sys::File) -> Result<(String, Vec<u8>), String> {
    let name = file.name();
    let blob = gloo::file::Blob::from(file);
    gloo::file::futures::read_as_bytes(&blob).await.map(|bytes| (name, bytes)).map_err(|e| e.to_string())
}

/// Offers bytes as a download, made in the page (an object URL), never fetched.
pub fn download(name: &str, mime: &str, bytes: &[u8]) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
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
