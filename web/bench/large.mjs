// The large workbook in the reader's wasm, as the reader worker reads it (readOffers, then the
// offers as JSON for the page), in Node (the V8 of Chromium): time and the wasm memory's
// high-water mark (its buffer only grows), in a fresh instance.
//
//   B=$(cargo bench -p jauge-sheets --bench read --no-run 2>&1 | sed -n 's/.*(\(.*\))$/\1/p')
//   $B --write-grid /tmp/grid.json && $B --write-large /tmp/large.xlsx
//   node web/bench/large.mjs target/jauge-js /tmp/grid.json /tmp/large.xlsx
//
// (`cargo xtask build-js` builds target/jauge-js; target/jauge-reader, the web app's reader
// module, works the same.) Prints the grid's check, the reading and the memory.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";

const [pkg, gridPath, filePath] = process.argv.slice(2);
const api = await import(new URL(`file://${process.cwd()}/${pkg}/jauge.js`).href);
const wasm = await api.default({ module_or_path: readFileSync(`${pkg}/jauge_bg.wasm`) });
const mib = () => (wasm.memory.buffer.byteLength / 1048576).toFixed(0);
const grid = readFileSync(gridPath, "utf8");
const bytes = new Uint8Array(readFileSync(filePath));
const start = performance.now();
const check = api.checkGrid(grid);
if (!check.valid) throw new Error("grid refused");
const checked = performance.now();
const memoryAfterGrid = mib();
const offers = JSON.stringify(api.readOffers(grid, "grand.xlsx", bytes));
const read = performance.now();
console.log(
  `${filePath}: ${(bytes.length / 1048576).toFixed(1)} MiB; grid checked in ${(checked - start).toFixed(0)} ms ` +
    `(wasm memory ${memoryAfterGrid} MiB); read in ${(read - checked).toFixed(0)} ms, ${offers.length} characters of offers; ` +
    `wasm memory ${mib()} MiB`,
);
