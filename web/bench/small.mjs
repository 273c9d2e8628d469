// What one small form's read costs in the reader module, split into its fixed costs, in Node (the
// V8 of Chromium): the twenty forms of the browser benchmark (forms.mjs) read by the worker's
// call (readOffersJson with the grid the module keeps and the file's SHA-256 given, as the
// browser's WebCrypto computes it in the worker), by its call before (the grid's text copied in
// with every file, the SHA-256 computed by the module), by the call it made before that
// (readOffers, objects built by serde-wasm-bindgen, then JSON.stringify), with the grid checked
// again for every file (the grid not kept), and the page's side (the bytes copied, the message
// cloned, the JSON parsed). Medians in microseconds per file.
//
//   cargo xtask bench-web --web-only   # builds target/jauge-reader and target/jauge-writers
//   node web/bench/small.mjs [READER_DIR]
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import * as XLSX from "xlsx/xlsx.mjs";
import { makeForms } from "./forms.mjs";

const root = new URL("../../", import.meta.url);
async function load(dir) {
  const api = await import(new URL(`${dir}/jauge.js`, root).href);
  await api.default({ module_or_path: readFileSync(new URL(`${dir}/jauge_bg.wasm`, root)) });
  return api;
}
const reader = await load(process.argv[2] ?? "target/jauge-reader");
const writers = await load("target/jauge-writers");
const base = JSON.parse(readFileSync(new URL("criteria/numerique-responsable.json", root), "utf8"));
const sample = JSON.parse(readFileSync(new URL("samples/portail-citoyen/offre-armor-numerique.json", root), "utf8"));
const { grid, filled } = makeForms(base, sample, writers.responseForm, XLSX);
const files = Array.from({ length: 20 }, (_, i) => filled(i + 1));
// The same grid as another text: the module checks it again (it keeps one grid, by its text).
const other = `${grid} `;

/** The median time of `f(file, i)` per file, in microseconds, over `rounds` rounds of the twenty files. */
function perFile(f, rounds = 15) {
  const times = [];
  for (let round = 0; round < rounds; round++) {
    files.forEach((file, i) => {
      const start = performance.now();
      f(file, i);
      times.push((performance.now() - start) * 1000);
    });
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const json = readFileSync(new URL("samples/portail-citoyen/offre-armor-numerique.json", root), "utf8");
const text = reader.readOffersJson(grid, "offre.xlsx", files[0]);
const sha = (f) => createHash("sha256").update(f).digest("hex");
const shas = files.map(sha);
if (reader.readOffersJson(undefined, "offre.xlsx", files[0], undefined, shas[0]) !== text) throw new Error("the kept grid and the given SHA-256 read otherwise");
// Warmed up first: V8 compiles the module's functions again, optimised, once they run often.
perFile((f, i) => reader.readOffersJson(grid, `o${i}.xlsx`, f), 10);
const rows = [
  ["readOffersJson (the worker's call: grid kept, SHA given)", perFile((f, i) => reader.readOffersJson(undefined, `o${i}.xlsx`, f, undefined, shas[i]))],
  ["readOffersJson, the grid's text and no SHA (before)", perFile((f, i) => reader.readOffersJson(grid, `o${i}.xlsx`, f))],
  ["the SHA-256 by the platform (node:crypto)", perFile((f) => sha(f))],
  ["readOffers + JSON.stringify (its call before)", perFile((f, i) => JSON.stringify(reader.readOffers(grid, `o${i}.xlsx`, f)))],
  ["readOffers (objects only)", perFile((f, i) => reader.readOffers(grid, `o${i}.xlsx`, f))],
  ["readOffersJson, grid checked again each file", perFile((f, i) => reader.readOffersJson(i % 2 ? grid : other, `o${i}.xlsx`, f))],
  ["checkGrid (the grid alone)", perFile(() => reader.checkGrid(grid))],
  ["readOffersJson of a JSON offer (no spreadsheet)", perFile((_, i) => reader.readOffersJson(grid, `o${i}.json`, new TextEncoder().encode(json)))],
  ["page: the bytes copied", perFile((f) => f.slice())],
  ["page: the message cloned (grid text, bytes)", perFile((f) => structuredClone({ op: "read", grid, name: "o.xlsx", bytes: f.slice().buffer }))],
  ["page: the offers' JSON parsed", perFile(() => JSON.parse(text))],
];
const bytes = files.reduce((n, f) => n + f.length, 0) / files.length;
console.log(`One small form (${(bytes / 1024).toFixed(0)} KiB xlsx, 40 criteria; offers' JSON ${text.length} characters, grid ${grid.length}), median µs per file:`);
for (const [what, us] of rows) console.log(`  ${what.padEnd(50)} ${us.toFixed(0).padStart(7)}`);
