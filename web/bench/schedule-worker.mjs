// The price schedule part of the browser benchmark (cargo xtask bench-web), in a worker as the
// app reads offers: 20 bidders' filled forms of a 2 000-line price schedule (BPU) read by Jauge's
// reader module (readOffer), then priced (evaluate: the DQE recomputed line by line and marked).
// The same scenario as `cargo bench -p jauge-sheets --bench schedule -- --public`, whose figures
// the run prints beside these: every quantity public, no optional group (the JavaScript API takes
// no hidden quantities nor PSE decision). Medians of three runs after a warm-up.
import init, { evaluate, readOffer } from "./jauge-lecteur.js";
import * as XLSX from "./xlsx.mjs";

const LINES = 2000;
const OFFERS = 20;
const HEADERS = ["Identifiant", "Critère", "Question", "Réponse attendue", "Unité", "Réponse",
  "Justificatif / commentaire", "Éliminatoire", "Poids", "Famille"];

/** A unit price as bidder `o` writes it on line `i` (the native benchmark writes the same). */
const price = (i, o) => 10 + ((i * 7 + o * 13) % 500) + o / 10;

const grid = JSON.stringify({
  format: "jauge-grid/1", id: "banc-bpu", version: "1.0.0", title: { fr: "Banc BPU" },
  publisher: "bench", scale: 100, price_basis: "HT",
  families: [{ id: "prix", label: { fr: "Prix" }, criteria: [{
    id: "PRIX", label: { fr: "Prix" }, question: { fr: "Prix" }, answer: { type: "price" },
    rule: { kind: "price", method: "proportional" }, weight: 100, tags: ["environment"],
    schedule: { lines: Array.from({ length: LINES }, (_, i) => ({ id: `L${i}`, designation: { fr: `Ligne ${i}` }, unit: "u", quantity: i % 13 + 1 })) },
  }] }],
});

function form(o) {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([["Nom du candidat", `Candidat ${o}`]]), "Candidat");
  const rows = [HEADERS];
  for (let i = 0; i < LINES; i++) {
    rows.push([`PRIX/L${i}`, "", "", "", "", `${String(price(i, o)).replace(".", ",")} €`]);
    rows.push([`PRIX/L${i}/total`, "", "", "", "", price(i, o) * (i % 13 + 1)]);
  }
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(rows), "Bordereau de prix");
  // Compressed, as spreadsheet programs (and the native benchmark's writer) write them.
  return new Uint8Array(XLSX.write(book, { type: "array", bookType: "xlsx", compression: true }));
}

const median = (v) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];

self.onmessage = async () => {
  try {
    await init({ module_or_path: "./jauge-lecteur_bg.wasm" });
    const files = Array.from({ length: OFFERS }, (_, o) => form(o));
    const reads = [];
    const evaluations = [];
    for (let run = 0; run < 4; run++) {
      let start = performance.now();
      const offers = files.map((bytes, i) => readOffer(grid, `o${i}.xlsx`, bytes));
      const read = performance.now() - start;
      start = performance.now();
      const report = evaluate(grid, offers);
      const evaluation = performance.now() - start;
      if (report.offers.length !== OFFERS || report.offers.some((o) => o.status !== "ranked")) {
        throw new Error(`not every offer ranked: ${report.offers.map((o) => o.status).join(", ")}`);
      }
      // The first run warms up.
      if (run > 0) {
        reads.push(read);
        evaluations.push(evaluation);
      }
    }
    const bytes = files.reduce((n, f) => n + f.length, 0);
    self.postMessage({ files: OFFERS, lines: LINES, bytes, read_ms: Math.round(median(reads)), evaluation_ms: Math.round(median(evaluations)) });
  } catch (e) {
    self.postMessage({ error: String(e?.stack ?? e) });
  }
};
