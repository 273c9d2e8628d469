// The browser benchmark (cargo xtask bench-web): the same filled response forms read by Jauge
// as the app reads them (each file sent to the reader worker, the next one while one is read,
// web/reader.js with the reader module: parse, find the layout, interpret every answer, seal;
// the offers' JSON back to the page, parsed) and by SheetJS (parse, then the answer column as values, in the page), in one
// page of one browser. Small: 20 offers of 40 criteria; large: one workbook of about 10 MB (the
// form plus a bulky annex sheet). Times are medians of several runs; the ratio is Jauge's time
// over SheetJS's in the same pair of runs (one of each, in turn), its median over the pairs.
import init, { responseForm } from "./jauge-ecrit.js";
import * as XLSX from "./xlsx.mjs";
import { makeForms } from "./forms.mjs";

await init({ module_or_path: "./jauge-ecrit_bg.wasm" });

const base = JSON.parse(await (await fetch("./grid.json")).text());
const sample = JSON.parse(await (await fetch("./offer.json")).text());
const { grid, filled } = makeForms(base, sample, responseForm, XLSX);

// The reader worker, asked as the app's reader.rs asks it: one file at a time, its bytes
// transferred, the offers' JSON text back.
/** A reader worker and its `ask(message, transfer)`, which gives the worker's answer. */
function readerWorker() {
  const worker = new Worker("./lecteur.js", { type: "module" });
  const waiting = new Map();
  let next = 0;
  worker.onmessage = ({ data }) => {
    const { resolve, reject } = waiting.get(data.id);
    waiting.delete(data.id);
    if (data.ok !== undefined) resolve(data.ok);
    else reject(new Error(`reader worker: ${data.refusal?.en ?? data.detail}`));
  };
  worker.onerror = (e) => { throw new Error(`reader worker: ${e.message}`); };
  const ask = (message, transfer = []) => new Promise((resolve, reject) => {
    const id = ++next;
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, ...message }, transfer);
  });
  return { worker, ask };
}
const reader = readerWorker();
/** A file read by the worker: the page copies its bytes for the worker, as reader.rs does. */
function read(name, bytes, on = reader, gridText = grid) {
  const copy = bytes.slice();
  return on.ask({ op: "read", grid: gridText, name, bytes: copy.buffer }, [copy.buffer]);
}

const small = Array.from({ length: 20 }, (_, i) => filled(i + 1));
let large = filled(99, 38000);

/** The offers of a file's JSON text, checked: every answer read. */
function offerOf(text) {
  const [offer] = JSON.parse(text);
  if (Object.keys(offer.responses).length < 40) throw new Error(`Jauge read ${Object.keys(offer.responses).length} answers`);
  return offer;
}

/** The files read as the app's offers.rs reads them: in order, the next one sent while one is
 * read (two in flight), each offer taken as it comes back. */
async function jauge(files) {
  let next = read("offre-0.xlsx", files[0]);
  for (let i = 0; i < files.length; i++) {
    const current = next;
    if (i + 1 < files.length) next = read(`offre-${i + 1}.xlsx`, files[i + 1]);
    offerOf(await current);
  }
}

function sheetjs(files) {
  for (const bytes of files) {
    const book = XLSX.read(bytes, { type: "array" });
    const rows = XLSX.utils.sheet_to_json(book.Sheets["Réponse"], { header: 1 });
    const col = rows[0].indexOf("Réponse");
    const answers = rows.slice(1).filter((r) => r[0]).map((r) => [r[0], r[col]]);
    if (answers.length < 40) throw new Error(`SheetJS read ${answers.length} answers`);
  }
}

async function median(f, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await f();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

// Where a small form's time goes around the module's call: the same reads one by one (each file
// sent once the one before is back, as the app read them before), with every file sent at once
// (the worker reads them back to back, no wait between two), and the reading module's calls
// alone, in the page (no worker, no message; WebCrypto's SHA-256 given as the worker gives it).
async function oneByOne(files) {
  for (const [i, bytes] of files.entries()) offerOf(await read(`offre-${i}.xlsx`, bytes));
}
async function jaugeAtOnce(files) {
  const texts = await Promise.all(files.map((bytes, i) => read(`offre-${i}.xlsx`, bytes)));
  texts.forEach(offerOf);
}
const inPage = await import("./jauge-lecteur.js");
await inPage.default({ module_or_path: "./jauge-lecteur_bg.wasm" });
inPage.readOffersJson(grid, "offre.xlsx", small[0]);
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
async function moduleAlone(files) {
  for (const [i, bytes] of files.entries()) {
    offerOf(inPage.readOffersJson(undefined, `offre-${i}.xlsx`, bytes, undefined, await sha256(bytes)));
  }
}
async function digests(files) {
  for (const bytes of files) await sha256(bytes);
}

const result = {};
{
  const runs = 7;
  for (const f of [jauge, oneByOne, jaugeAtOnce, moduleAlone, digests]) await median(() => f(small), 1);
  result.around = {
    app_ms: await median(() => jauge(small), runs),
    one_by_one_ms: await median(() => oneByOne(small), runs),
    at_once_ms: await median(() => jaugeAtOnce(small), runs),
    module_alone_ms: await median(() => moduleAlone(small), runs),
    sha256_ms: await median(() => digests(small), runs),
  };
}
// Jauge and SheetJS run in turn, one run of each in every pair, so that a slower spell of the
// machine (two cores shared with the browser's own threads) weighs on both alike: the ratio is
// the median of the pairs' ratios, given with their lowest and highest.
const round2 = (x) => Math.round(x * 100) / 100;
for (const [name, files, runs] of [["small", small, 21], ["large", [large], 3]]) {
  await median(() => jauge(files), 1); // warm-up (the first also loads the worker's module)
  await median(() => sheetjs(files), 1);
  const pairs = [];
  for (let i = 0; i < runs; i++) {
    const j = await median(() => jauge(files), 1);
    const s = await median(() => sheetjs(files), 1);
    pairs.push({ j, s, ratio: j / s });
  }
  const middle = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratios = pairs.map((p) => p.ratio).sort((a, b) => a - b);
  const bytes = files.reduce((n, f) => n + f.length, 0);
  result[name] = {
    files: files.length,
    bytes,
    jauge_ms: Math.round(middle(pairs.map((p) => p.j))),
    sheetjs_ms: Math.round(middle(pairs.map((p) => p.s))),
    ratio: round2(middle(ratios)),
    ratio_low: round2(ratios[0]),
    ratio_high: round2(ratios[ratios.length - 1]),
    pairs: runs,
  };
}
large = null;
// The 20 MB workbook of `cargo bench -p jauge-sheets --bench read` (when bench-web made it), in a
// worker of its own: the grid checked with the first read, then the reads (median of three) and
// the reading module's memory at its high-water mark.
const huge = await fetch("./grand.xlsx");
if (huge.ok) {
  const bytes = new Uint8Array(await huge.arrayBuffer());
  const hugeGrid = await (await fetch("./grille-grand.json")).text();
  const own = readerWorker();
  const before = await own.ask({ op: "memory" });
  let start = performance.now();
  await read("grand.xlsx", bytes, own, hugeGrid);
  const first = performance.now() - start;
  const memory = await own.ask({ op: "memory" });
  const times = [];
  for (let i = 0; i < 3; i++) {
    start = performance.now();
    JSON.parse(await read("grand.xlsx", bytes, own, hugeGrid));
    times.push(performance.now() - start);
  }
  own.worker.terminate();
  times.sort((a, b) => a - b);
  result.huge = { bytes: bytes.length, first_ms: Math.round(first), read_ms: Math.round(times[1]), memory_before_mib: Math.round(before / 1048576), memory_mib: Math.round(memory / 1048576) };
}
// The price schedule, read and priced in a worker as the app reads offers.
result.schedule = await new Promise((resolve, reject) => {
  const prices = new Worker("./schedule-worker.mjs", { type: "module" });
  prices.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
  prices.onerror = (e) => reject(new Error(e.message));
  prices.postMessage("start");
});
document.getElementById("resultats").textContent = JSON.stringify(result, null, 2);
window.benchResult = result;
