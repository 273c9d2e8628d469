// The browser benchmark (cargo xtask bench-web): the same filled response forms read by Jauge
// as the app reads them (each file sent to the reader worker, web/reader.js with the reader
// module: parse, find the layout, interpret every answer, seal; the offers' JSON back to the
// page, parsed) and by SheetJS (parse, then the answer column as values, in the page), in one
// page of one browser. Small: 20 offers of 40 criteria; large: one workbook of about 10 MB (the
// form plus a bulky annex sheet). Times are medians of several runs; the ratio is Jauge's time
// over SheetJS's.
import init, { responseForm } from "./jauge-ecrit.js";
import * as XLSX from "./xlsx.mjs";

await init({ module_or_path: "./jauge-ecrit_bg.wasm" });

// A grid of 40 criteria: the default grid and a family of 14 yes/no criteria.
const base = JSON.parse(await (await fetch("./grid.json")).text());
const extra = Array.from({ length: 14 }, (_, i) => {
  const id = `CPL-${String(i + 1).padStart(2, "0")}`;
  return {
    id,
    label: { fr: `Complément ${i + 1}`, en: `Complement ${i + 1}` },
    question: { fr: `Le complément ${i + 1} est-il fourni ?`, en: `Is complement ${i + 1} provided?` },
    answer: { type: "yes_no" },
    rule: { kind: "yes_no" },
    weight: 1,
  };
});
base.families.splice(base.families.length - 1, 0, { id: "complements", label: { fr: "Compléments", en: "Complements" }, criteria: extra });
base.scale += extra.length;
const grid = JSON.stringify(base);

// The reader worker, asked as the app's reader.rs asks it: one file at a time, its bytes
// transferred, the offers' JSON text back.
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
function read(name, bytes) {
  const id = ++next;
  // The page copies the file's bytes for the worker, as reader.rs does.
  const copy = bytes.slice();
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    worker.postMessage({ id, op: "read", grid, name, bytes: copy.buffer }, [copy.buffer]);
  });
}

// Answers as a supplier types them, taken from a sample offer; "Oui"/"Non" for the complements.
const sample = JSON.parse(await (await fetch("./offer.json")).text());
const typed = (v) => {
  if (v == null) return "";
  if (Array.isArray(v)) return v.join(", ");
  if (typeof v === "object" && "amount" in v) return `${v.amount} € ${v.basis ?? ""}`.trim();
  if (typeof v === "object" && "value" in v) return `${v.value} ${v.unit ?? ""}`.trim();
  return v;
};

/** A filled form: the empty xlsx form from Jauge, answers typed in column I by SheetJS. */
function filled(index, annexRows = 0) {
  const book = XLSX.read(responseForm(grid, "xlsx"), { type: "array" });
  const sheet = book.Sheets["Réponse"];
  const rows = XLSX.utils.sheet_to_json(sheet, { header: 1 });
  const answerCol = rows[0].indexOf("Réponse");
  const cover = book.Sheets.Candidat;
  const coverRows = XLSX.utils.sheet_to_json(cover, { header: 1 });
  coverRows.forEach((row, r) => {
    if (row[0] === "Nom du candidat") XLSX.utils.sheet_add_aoa(cover, [[`Candidat ${index}`]], { origin: { r, c: 1 } });
  });
  rows.forEach((row, r) => {
    if (r === 0) return;
    const id = row[0];
    const value = id?.startsWith("CPL-") ? (index + r) % 3 ? "Oui" : "Non" : typed(sample.answers[id]);
    XLSX.utils.sheet_add_aoa(sheet, [[value]], { origin: { r, c: answerCol } });
  });
  if (annexRows) {
    const annex = Array.from({ length: annexRows }, (_, r) => [r, `Ligne d'annexe numéro ${r}`, r * 1.5, `Référence ${r % 97}`, "Texte de remplissage pour le volume"]);
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(annex), "Annexe");
  }
  return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx" }));
}

const small = Array.from({ length: 20 }, (_, i) => filled(i + 1));
let large = filled(99, 38000);

async function jauge(files) {
  for (const [i, bytes] of files.entries()) {
    const [offer] = JSON.parse(await read(`offre-${i}.xlsx`, bytes));
    if (Object.keys(offer.responses).length < 40) throw new Error(`Jauge read ${Object.keys(offer.responses).length} answers`);
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

const result = {};
for (const [name, files, runs] of [["small", small, 7], ["large", [large], 3]]) {
  await median(() => jauge(files), 1); // warm-up (the first also loads the worker's module)
  await median(() => sheetjs(files), 1);
  const j = await median(() => jauge(files), runs);
  const s = await median(() => sheetjs(files), runs);
  const bytes = files.reduce((n, f) => n + f.length, 0);
  result[name] = { files: files.length, bytes, jauge_ms: Math.round(j), sheetjs_ms: Math.round(s), ratio: Math.round((j / s) * 100) / 100 };
}
large = null;
// The price schedule, read and priced in a worker as the app reads offers.
result.schedule = await new Promise((resolve, reject) => {
  const prices = new Worker("./schedule-worker.mjs", { type: "module" });
  prices.onmessage = (e) => (e.data.error ? reject(new Error(e.data.error)) : resolve(e.data));
  prices.onerror = (e) => reject(new Error(e.message));
  prices.postMessage("start");
});
document.getElementById("resultats").textContent = JSON.stringify(result, null, 2);
window.benchResult = result;
