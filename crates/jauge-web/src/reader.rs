//! The reader module: spreadsheets are read and written in a Web Worker running Jauge's JS API
//! (`crates/jauge-js`), so the page never freezes on a large file, and a file that crashes the
//! reader only stops the worker, which is started again for the next file. The worker is created
//! by the page's boot script (`jaugeReader()`), from the site or, in the single-file `jauge.html`,
//! from an inline copy; it is fetched the first time it is needed, never before. The Word writer
//! (`crates/jauge-word`) is a third module, loaded the same way when a buyer asks for a docx.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;

use futures_channel::oneshot;
use jauge_engine::{Lang, Offer};

pub use crate::components::Module;
pub use crate::failure::Failure;
use js_sys::{Object, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    /// Starts the reader module's worker (defined by the boot script).
    #[wasm_bindgen(js_name = jaugeReader, catch)]
    fn start_reader() -> Result<web_sys::Worker, JsValue>;
    /// The bytes of a file of the sample tender (defined by the boot script).
    #[wasm_bindgen(js_name = jaugeSample, catch)]
    async fn sample_bytes(name: &str) -> Result<JsValue, JsValue>;
    /// Jauge's Word writer (`crates/jauge-word`), loaded on first use (defined by the boot script).
    #[wasm_bindgen(js_name = jaugeWord, catch)]
    async fn word_module() -> Result<JsValue, JsValue>;
    /// The grid editor's module, loaded on first use (defined by the boot script): the element
    /// it renders into, for the page to place.
    #[wasm_bindgen(js_name = jaugeEditor, catch)]
    async fn editor_module() -> Result<JsValue, JsValue>;
    /// The catalogue's module, loaded when « Ouvrir un catalogue » is first opened (defined by
    /// the boot script): the element it renders into.
    #[wasm_bindgen(js_name = jaugeCatalogue, catch)]
    async fn catalogue_module() -> Result<JsValue, JsValue>;
    /// The report module, loaded once offers are read (defined by the boot script): the element
    /// it renders into.
    #[wasm_bindgen(js_name = jaugeReport, catch)]
    async fn report_module() -> Result<JsValue, JsValue>;
}

/// The element a module of the page renders into, loading the module the first time.
pub async fn module_root(module: Module) -> Result<web_sys::Element, Failure> {
    let (root, unavailable): (_, fn(String) -> Failure) = match module {
        Module::Editor => (editor_module().await, Failure::EditorUnavailable),
        Module::Catalogue => (catalogue_module().await, Failure::CatalogueUnavailable),
        Module::Report => (report_module().await, Failure::ReportUnavailable),
    };
    root.map_err(|e| unavailable(message(&e)))?.dyn_into().map_err(|e| unavailable(message(&e)))
}

type Pending = Rc<RefCell<HashMap<u32, oneshot::Sender<Result<JsValue, Failure>>>>>;

struct Worker {
    worker: web_sys::Worker,
    pending: Pending,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static WORKER: RefCell<Option<Rc<Worker>>> = const { RefCell::new(None) };
    static NEXT: Cell<u32> = const { Cell::new(0) };
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    Reflect::get(value, &key.into()).ok().and_then(|v| v.as_string())
}

/// Fails every request waiting on the worker and forgets it, so the next request starts a new one.
fn stop(pending: &Pending, failure: &Failure) {
    for (_, tx) in pending.borrow_mut().drain() {
        let _ = tx.send(Err(failure.clone()));
    }
    WORKER.with(|w| {
        if let Some(old) = w.borrow_mut().take() {
            old.worker.terminate();
        }
    });
}

fn worker() -> Result<Rc<Worker>, Failure> {
    if let Some(w) = WORKER.with(|w| w.borrow().clone()) {
        return Ok(w);
    }
    let worker = start_reader().map_err(|e| Failure::ReaderStart(e.as_string().unwrap_or_else(|| format!("{e:?}"))))?;
    let pending: Pending = Rc::default();
    let on_message = {
        let pending = pending.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            let Some(id) = Reflect::get(&data, &"id".into()).ok().and_then(|v| v.as_f64()) else { return };
            let Some(tx) = pending.borrow_mut().remove(&(id as u32)) else { return };
            let ok = Reflect::get(&data, &"ok".into()).unwrap_or(JsValue::UNDEFINED);
            let crashed = Reflect::get(&data, &"crashed".into()).ok().and_then(|v| v.as_bool()) == Some(true);
            let detail = text(&data, "detail").unwrap_or_default();
            let reply = if !ok.is_undefined() {
                Ok(ok)
            } else if crashed {
                Err(Failure::Crashed { file: text(&data, "name").unwrap_or_default(), detail })
            } else {
                // A refusal comes worded in both languages, with the kind of file it is when it
                // is not the kind asked for.
                let refusal = Reflect::get(&data, &"refusal".into()).ok().filter(|r| r.is_object());
                Err(match refusal {
                    Some(r) => Failure::Refused {
                        words: jauge_engine::Text { fr: text(&r, "fr").unwrap_or_default(), en: text(&r, "en") },
                        belongs: text(&r, "belongs").and_then(|k| jauge_engine::error::Document::from_code(&k)),
                    },
                    None => Failure::Reader(detail),
                })
            };
            let _ = tx.send(reply);
            if crashed {
                stop(&pending, &Failure::Interrupted);
            }
        })
    };
    let on_error = {
        let pending = pending.clone();
        Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            stop(&pending, &Failure::ReaderLoad);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let w = Rc::new(Worker { worker, pending, _on_message: on_message, _on_error: on_error });
    WORKER.with(|slot| *slot.borrow_mut() = Some(w.clone()));
    Ok(w)
}

/// Sends one request to the worker and waits for its answer. `fields` are set on the message;
/// `transfer` is handed over without a copy.
async fn call(op: &str, fields: &[(&str, JsValue)], transfer: Option<JsValue>) -> Result<JsValue, Failure> {
    answer(post(op, fields, transfer)).await
}

/// The worker's answer to a request sent by [`post`].
async fn answer(sent: Result<Answer, Failure>) -> Result<JsValue, Failure> {
    sent?.await.unwrap_or(Err(Failure::ReaderStopped))
}

/// Where the worker's answer to a request comes.
type Answer = oneshot::Receiver<Result<JsValue, Failure>>;

/// Sends one request to the worker, at once: its answer comes through what is returned.
fn post(op: &str, fields: &[(&str, JsValue)], transfer: Option<JsValue>) -> Result<Answer, Failure> {
    let worker = worker()?;
    let id = NEXT.with(|n| {
        n.set(n.get().wrapping_add(1));
        n.get()
    });
    let message = Object::new();
    let _ = Reflect::set(&message, &"id".into(), &id.into());
    let _ = Reflect::set(&message, &"op".into(), &op.into());
    for (key, value) in fields {
        let _ = Reflect::set(&message, &(*key).into(), value);
    }
    let (tx, rx) = oneshot::channel();
    worker.pending.borrow_mut().insert(id, tx);
    let sent = match transfer {
        Some(buffer) => worker.worker.post_message_with_transfer(&message, &js_sys::Array::of1(&buffer)),
        None => worker.worker.post_message(&message),
    };
    if let Err(e) = sent {
        worker.pending.borrow_mut().remove(&id);
        return Err(Failure::ReaderSend(format!("{e:?}")));
    }
    Ok(rx)
}

/// An offer file sent to the worker (`send_offers`); [`offers`] gives what it read.
pub struct Sent {
    name: String,
    answer: Result<Answer, Failure>,
}

/// Sends an offer file to the worker, at once, so that it is read while the page does something
/// else (sends the next file); [`offers`] waits for its offers.
pub fn send_offers(grid_json: &str, name: &str, bytes: &[u8]) -> Sent {
    let array = Uint8Array::from(bytes);
    let buffer: JsValue = array.buffer().into();
    let fields = [("grid", grid_json.into()), ("name", name.into()), ("bytes", buffer.clone())];
    Sent { name: name.to_string(), answer: post("read", &fields, Some(buffer)) }
}

/// The offers of a file sent to the worker (one per lot the bidder bids for, one for a grid
/// without lots), or why the file cannot be read.
pub async fn offers(sent: Sent) -> Result<Vec<Offer>, Failure> {
    let json = answer(sent.answer).await?;
    let json = json.as_string().unwrap_or_default();
    serde_json::from_str(&json).map_err(|e| Failure::Reader(format!("{}: {e}", sent.name)))
}

/// The response form of a grid as `xlsx`, `ods` or `csv` bytes.
pub async fn response_form(grid_json: &str, format: &str) -> Result<Vec<u8>, Failure> {
    let bytes = call("form", &[("grid", grid_json.into()), ("format", format.into())], None).await?;
    Ok(bytes.dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default())
}

/// The results workbook (`xlsx`, `ods`) or ranking (`csv`) of a report given as JSON.
pub async fn export_results(report_json: &str, format: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    let fields = [("report", report_json.into()), ("format", format.into()), ("lang", crate::i18n::code(lang).into())];
    let bytes = call("results", &fields, None).await?;
    Ok(bytes.dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default())
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// A document (the analysis report, built here) given as JSON, as an `xlsx` or `ods` workbook.
pub async fn export_document(document_json: &str, format: &str) -> Result<Vec<u8>, Failure> {
    let fields = [("document", document_json.into()), ("format", format.into())];
    let bytes = call("document", &fields, None).await?;
    Ok(bytes.dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default())
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// The analysis report of a session as a Word document (docx), dated `date`: made by the Word
/// writer module, fetched the first time a buyer asks for the document.
pub async fn analysis_docx(session_json: &str, date: &str, annex: bool, lang: Lang) -> Result<Vec<u8>, Failure> {
    let args = js_sys::Array::of4(&session_json.into(), &date.into(), &annex.into(), &crate::i18n::code(lang).into());
    word("analysisDocx", &args, Failure::Word).await
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// Every letter to the bidders of a session, each in HTML and docx, in one zip: made by the Word
/// module (its docx and zip writers stay out of the interface).
pub async fn letters_zip(session_json: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    let args = js_sys::Array::of2(&session_json.into(), &crate::i18n::code(lang).into());
    word("lettersZip", &args, Failure::Letters).await
}

/// A message of the Word module's, or of the browser's when it cannot load it.
fn message(e: &JsValue) -> String {
    Reflect::get(e, &"message".into())
        .ok()
        .and_then(|m| m.as_string())
        .or_else(|| e.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// Calls the Word module's function `name`, loading the module the first time.
async fn word(name: &str, args: &js_sys::Array, refused: fn(String) -> Failure) -> Result<Vec<u8>, Failure> {
    let bytes = word_call(name, args, refused).await?;
    Ok(bytes.dyn_into::<Uint8Array>().map(|a| a.to_vec()).unwrap_or_default())
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// The Word module's export `name` (a function or a class), loading the module the first time.
async fn word_export(name: &str) -> Result<js_sys::Function, Failure> {
    let unavailable = |e: JsValue| Failure::WordUnavailable(message(&e));
    let module = word_module().await.map_err(unavailable)?;
    Reflect::get(&module, &name.into()).and_then(|f| f.dyn_into()).map_err(unavailable)
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
async fn word_call(name: &str, args: &js_sys::Array, refused: fn(String) -> Failure) -> Result<JsValue, Failure> {
    word_export(name).await?.apply(&JsValue::NULL, args).map_err(|e| refused(message(&e)))
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// The bytes of a file the buyer chose, in the browser's memory (not copied into this module).
async fn file_bytes(file: &web_sys::File) -> Result<Uint8Array, Failure> {
    let read = |e: JsValue| Failure::FileRead { file: file.name(), detail: message(&e) };
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.map_err(read)?;
    Ok(Uint8Array::new(&buffer))
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// The procedure's archive of a session, written by the Word module file by file as `jauge
/// archive` writes it: each file received (with whether it is a regularisation) is read and
/// handed over one at a time, compressed into the bundle, then let go, so that neither the page
/// nor the module holds every offer at once; the report's `workbooks` (extension, bytes) are
/// written by the reader module. The bundle's bytes stay in the browser's memory.
pub async fn archive(
    session_json: &str,
    date: &str,
    lang: Lang,
    files: &[(web_sys::File, bool)],
    workbooks: &[(&str, Vec<u8>)],
) -> Result<Uint8Array, Failure> {
    let class = word_export("ArchiveWriter").await?;
    let refused = |e: JsValue| Failure::Archive(message(&e));
    let args = js_sys::Array::of3(&session_json.into(), &date.into(), &crate::i18n::code(lang).into());
    let writer = Reflect::construct(&class, &args).map_err(refused)?;
    let method = |name: &str| -> Result<js_sys::Function, Failure> {
        Reflect::get(&writer, &name.into()).and_then(|f| f.dyn_into()).map_err(refused)
    };
    let add = method("addFile")?;
    for (file, regularisation) in files {
        let bytes = file_bytes(file).await?;
        add.call3(&writer, &file.name().into(), &(*regularisation).into(), &bytes).map_err(refused)?;
    }
    let workbook = method("addWorkbook")?;
    for (ext, bytes) in workbooks {
        workbook.call2(&writer, &(*ext).into(), &Uint8Array::from(bytes.as_slice())).map_err(refused)?;
    }
    let bytes = method("finish")?.call0(&writer).map_err(refused)?;
    bytes.dyn_into::<Uint8Array>().map_err(refused)
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// A bundle as the Word module checked it, worded there in French and English.
#[derive(Clone, Debug, PartialEq, serde::Deserialize)]
pub struct CheckedArchive {
    /// The files whose fingerprint matches.
    pub intact: usize,
    /// The files the manifest lists.
    pub total: usize,
    /// What is wrong, each in French and English; empty for an intact bundle.
    pub problems: Vec<(String, String)>,
    /// How long the bundle is kept, in French and English, when its manifest could be read.
    pub retention: Option<(String, String)>,
}

#[cfg_attr(not(feature = "report"), allow(dead_code))] // the report module's
/// A bundle checked by the Word module as `jauge archive verify` checks it.
pub async fn verify_archive(file: &web_sys::File) -> Result<CheckedArchive, Failure> {
    let bytes = file_bytes(file).await?;
    let json = word_call("verifyArchive", &js_sys::Array::of1(&bytes), Failure::Archive).await?;
    serde_json::from_str(&json.as_string().unwrap_or_default()).map_err(|e| Failure::Archive(e.to_string()))
}

/// The bytes of one file of the sample tender.
pub async fn sample(name: &str) -> Result<Vec<u8>, Failure> {
    let value = sample_bytes(name).await.map_err(|e| Failure::Sample {
        file: name.to_string(),
        detail: e.as_string().unwrap_or_else(|| format!("{e:?}")),
    })?;
    Ok(Uint8Array::new(&value).to_vec())
}
