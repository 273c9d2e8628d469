// Jauge's reader module, run in a Web Worker so that the page never freezes: reads offer files
// and writes spreadsheets with Jauge's JS API (crates/jauge-js). The build puts the API's loading
// in place of the LOAD line: from the site, or inline in the single-file jauge.html (where the
// page sends the wasm bytes in a first "init" message). The reading module is loaded at once; the
// writers (response form, exports), a module of their own, only when one is first written
// (`writers()`); the reader of xls and xlsb workbooks (`legacy()`: the reading module built with
// calamine's xls and xlsb readers), only when the reading module says a file needs it. Nothing
// here makes a request but the build's own loading of those modules.
/* LOAD */

const lang = (data) => (data.lang === "en" ? "en" : undefined);

// The grid text the reading module keeps checked, once a read with it has succeeded: the next
// files of that grid are read without copying its text into the module again. Forgotten before
// a read given another text, which replaces the module's grid (when it is valid).
let kept;

/** The SHA-256 of a file's bytes in hexadecimal, by the browser's own (WebCrypto), several times
 * faster than the module's; undefined where the browser has none (the module computes it then). */
async function sha256(bytes) {
  if (!globalThis.crypto?.subtle) return undefined;
  try {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
    return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  } catch {
    return undefined;
  }
}

/** The offers of a file as JSON text: by the reading module, or by the legacy one for xls and xlsb. */
async function read(grid, name, bytes) {
  const sha = await sha256(bytes);
  try {
    if (grid === kept) return readOffersJson(undefined, name, bytes, undefined, sha);
    kept = undefined;
    const offers = readOffersJson(grid, name, bytes, undefined, sha);
    kept = grid;
    return offers;
  } catch (error) {
    if (error?.legacy !== true) throw error;
  }
  let module;
  try {
    module = await legacy();
  } catch {
    // The module that reads xls and xlsb could not be fetched (offline before its first use):
    // reported to the page as the reader module not loading, which says so in both languages.
    setTimeout(() => { throw new Error(`${name}: the xls and xlsb reader could not be loaded`); });
    return new Promise(() => {});
  }
  return module.readOffersJson(grid, name, bytes);
}

self.onmessage = async ({ data }) => {
  if (data.op === "init") {
    initialise(data.wasm, data.writers);
    return;
  }
  const { id, op } = data;
  try {
    await ready;
    let ok;
    if (op === "read") {
      // The grid comes as its text with every file: the module keeps the last grid it checked,
      // so the second and later files of a grid are read without checking it again. The offers
      // come as JSON text, sent to the page as they are.
      ok = await read(data.grid, data.name, new Uint8Array(data.bytes));
    } else if (op === "memory") {
      // The reading module's memory in bytes, its high-water mark (it only grows): for the
      // browser benchmark (0 where the build does not tell).
      ok = (await ready)?.memory?.buffer.byteLength ?? 0;
    } else if (op === "form") {
      ok = (await writers()).responseForm(data.grid, data.format);
    } else if (op === "results") {
      ok = (await writers()).exportResults(JSON.parse(data.report), data.format, lang(data));
    } else if (op === "document") {
      ok = (await writers()).exportDocument(data.document, data.format);
    } else {
      throw new Error(`opération inconnue : ${op}`);
    }
    self.postMessage({ id, ok }, ok instanceof Uint8Array ? [ok.buffer] : []);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // A panic in a library aborts the module: report the file, then stop; the page starts a
      // new worker for the next file.
      self.postMessage({ id, crashed: true, name: data.name ?? op, detail: error.message });
      self.close();
      return;
    }
    // Jauge's refusals come worded in both languages (the page shows either, now or after a
    // change of language, without reading the file again) with, for a file of another kind than
    // the one asked for, the kind it is.
    const refusal = error.fr === undefined ? undefined : { fr: error.fr, en: error.en, belongs: error.belongs };
    self.postMessage({ id, refusal, detail: error.message });
  }
};
