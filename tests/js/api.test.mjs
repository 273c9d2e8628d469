// Tests of the JavaScript API (crates/jauge-js) in Node: the wasm build checks a grid, writes the
// three response forms, reads filled forms and evaluates them, and the report equals the golden
// report of the sample tender. Run by `cargo xtask test` after `cargo xtask build-js`.
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

const pkg = resolve(process.env.JAUGE_JS_PKG ?? "target/jauge-js");
const root = new URL("../../", import.meta.url).pathname;
const jauge = await import(pathToFileURL(join(pkg, "jauge.js")).href);
jauge.initSync({ module: readFileSync(join(pkg, "jauge_bg.wasm")) });

const grid = readFileSync(join(root, "criteria/numerique-responsable.json"), "utf8");

// The sample tender's offers, read from their files, with the evaluators' marks added as a page or
// a caller adds them (a bidder's file never marks itself: `readOffer` drops any marks it carries).
function sampleOffers() {
  const dir = join(root, "samples/portail-citoyen");
  const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
  const marks = JSON.parse(readFileSync(join(dir, "tableurs/notes-evaluateurs.json"), "utf8")).offers;
  const offers = files.map((f) => jauge.readOffer(grid, f, readFileSync(join(dir, f))));
  for (const offer of offers) {
    assert.deepEqual(offer.marks, {}, offer.file);
    Object.assign(offer.marks, marks[offer.supplier.name] ?? {});
  }
  assert.ok(offers.some((o) => Object.keys(o.marks).length > 0), "marks were added");
  return offers;
}

test("checkGrid accepts the default grid and lists every problem of a broken one", () => {
  const ok = jauge.checkGrid(grid);
  assert.equal(ok.valid, true);
  assert.equal(ok.id, "numerique-responsable");
  assert.match(ok.fingerprint, /^[0-9a-f]{64}$/);
  const broken = jauge.checkGrid(readFileSync(join(root, "tests/grids/invalid/many-problems.json"), "utf8"));
  assert.equal(broken.valid, false);
  assert.ok(broken.problems.length >= 10, `${broken.problems.length} problems`);
  assert.ok(broken.problems.every((p) => p.message.fr && p.message.en));
});

test("responseForm writes xlsx, ods and csv that read back with no answer", () => {
  const magic = { xlsx: [0x50, 0x4b], ods: [0x50, 0x4b], csv: [0xef, 0xbb] };
  for (const format of ["xlsx", "ods", "csv"]) {
    const bytes = jauge.responseForm(grid, format);
    assert.ok(bytes instanceof Uint8Array && bytes.length > 1000, format);
    assert.deepEqual([bytes[0], bytes[1]], magic[format], format);
    const offer = jauge.readOffer(grid, `cadre.${format}`, bytes);
    assert.ok(Object.values(offer.responses).every((r) => r.raw == null), `${format}: no answer`);
  }
  assert.throws(() => jauge.responseForm(grid, "pdf"), /inconnu/);
});

test("filled forms read and evaluate as the golden report of the sample tender", () => {
  const report = jauge.evaluate(grid, sampleOffers());
  // Each offer carries its file's SHA-256; the golden report was made from offers without one.
  for (const offer of report.offers) {
    assert.match(offer.sha256, /^[0-9a-f]{64}$/);
    delete offer.sha256;
  }
  const golden = JSON.parse(readFileSync(join(root, "tests/cases/portail-citoyen/report.json"), "utf8"));
  assert.deepEqual(report, golden);
});

test("a spreadsheet offer keeps its cell locations and takes marks added in JavaScript", () => {
  const dir = join(root, "samples/portail-citoyen/tableurs");
  const offer = jauge.readOffer(grid, "offre-armor-numerique.xlsx", readFileSync(join(dir, "offre-armor-numerique.xlsx")));
  assert.equal(offer.supplier.name, "Armor Numérique SCOP");
  assert.equal(offer.responses["SUP-01"].location, "Réponse!I21");
  offer.marks["INT-05"] = { mark: 4.5, appraisal: "Connecteurs existants." };
  const report = jauge.evaluate(grid, [offer]);
  assert.equal(report.offers[0].status, "ranked");
  assert.equal(report.offers[0].rank, 1);
});

test("an unreadable file is an error naming it, in French or in English, with its code and data", () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]);
  assert.throws(() => jauge.readOffer(grid, "image.png", png), /image\.png : format non reconnu/);
  assert.throws(
    () => jauge.readOffer(grid, "image.png", png, "en"),
    (e) => {
      assert.match(e.message, /image\.png: format not recognised/);
      assert.equal(e.code, "unknown_format");
      assert.deepEqual(e.data, { code: "unknown_format", data: { file: "image.png" } });
      return true;
    },
  );
  // A password-protected workbook: the data say which file, whatever the language.
  const locked = readFileSync(join(root, "tests/fixtures/chiffre-msoffcrypto.xlsx"));
  assert.throws(() => jauge.readOffer(grid, "l.xlsx", locked, "en"), (e) => e.code === "password" && e.data.data.file === "l.xlsx");
});

test("exportResults writes the ranking as csv and the whole workbook as xlsx and ods", () => {
  const report = jauge.evaluate(grid, sampleOffers());
  const csv = new TextDecoder().decode(jauge.exportResults(report, "csv"));
  const lines = csv.trim().split("\n");
  assert.match(lines[0], /^Rang;Soumissionnaire;SIRET;Fichier;SHA-256 du fichier;Statut;Total \/100;/);
  assert.equal(lines.length, 1 + report.offers.length);
  const winner = report.offers.find((o) => o.rank === 1);
  assert.ok(lines[1].startsWith(`1;${winner.supplier};`), lines[1]);
  assert.match(new TextDecoder().decode(jauge.exportResults(report, "csv", "en")), /^\ufeff?Rank,Bidder/);
  for (const format of ["xlsx", "ods"]) {
    const bytes = jauge.exportResults(report, format);
    assert.deepEqual([bytes[0], bytes[1]], [0x50, 0x4b], format);
  }
  assert.throws(() => jauge.exportResults(report, "pdf"), /inconnu/);
});

test("exportDocument writes a document as a workbook, a sheet per heading, or as csv", () => {
  // A document as jauge-document serialises it (the web app sends the analysis report so).
  const document = JSON.stringify({
    lang: "fr",
    title: "Rapport d'analyse des offres",
    blocks: [
      { Heading: "1. Classement" },
      {
        Table: {
          header: [{ title: "Rang", numeric: true }, { title: "Soumissionnaire", numeric: false }],
          rows: [[{ text: "1", number: { value: 1, decimals: 0 } }, { text: "=Éco Portail" }]],
        },
      },
      { Heading: "2. Signatures" },
      { Signatures: [["Alice Martin", "Présidente"]] },
    ],
  });
  const xlsx = Buffer.from(jauge.exportDocument(document, "xlsx"));
  assert.deepEqual([xlsx[0], xlsx[1]], [0x50, 0x4b]);
  // Three sheets: the title's, then one per heading.
  assert.ok(xlsx.includes("xl/worksheets/sheet3.xml") && !xlsx.includes("xl/worksheets/sheet4.xml"));
  const ods = Buffer.from(jauge.exportDocument(document, "ods"));
  assert.ok(ods.includes("application/vnd.oasis.opendocument.spreadsheet"));
  const csv = new TextDecoder().decode(jauge.exportDocument(document, "csv"));
  assert.match(csv, /\n1\. Classement\nRang;Soumissionnaire\n1;'=Éco Portail\n/, "no cell becomes a formula");
  assert.throws(() => jauge.exportDocument("{", "xlsx"), (e) => e.code === "unreadable" && /^document illisible/.test(e.message));
  assert.throws(() => jauge.exportDocument(document, "pdf", "en"), (e) => e.code === "output_format" && /unknown format "pdf"/.test(e.message));
});

test("readOffers gives one offer per lot a form answers, and one for a grid without lots", () => {
  const lotsGrid = readFileSync(join(root, "tests/cases/lots/grid.json"), "utf8");
  const both = jauge.readOffers(lotsGrid, "lots-deux-lots.xlsx", readFileSync(join(root, "tests/cases/lots/forms/lots-deux-lots.xlsx")));
  assert.deepEqual(both.map((o) => o.lot).sort(), ["1", "2"]);
  assert.equal(new Set(both.map((o) => o.id)).size, 2, "each lot's offer has its own identity");
  const one = jauge.readOffers(grid, "offre-armor-numerique.xlsx", readFileSync(join(root, "samples/portail-citoyen/tableurs/offre-armor-numerique.xlsx")));
  assert.equal(one.length, 1);
  assert.equal(one[0].lot ?? null, null);
});

test("evaluate takes the buyer's hidden quantities and decision on optional services, as a session does", () => {
  const dir = join(root, "tests/cases/bpu-dqe");
  const schedule = readFileSync(join(dir, "grid.json"), "utf8");
  const quantities = JSON.parse(readFileSync(join(dir, "quantities.json"), "utf8"));
  const files = readdirSync(join(dir, "offers")).sort();
  const offers = files.map((f) => jauge.readOffer(schedule, f, readFileSync(join(dir, "offers", f))));
  const pricing = { quantities, optional_services: { kept: ["pse-formation"], date: "2026-11-30", author: "", detail: "" } };
  const report = jauge.evaluate(schedule, offers, "fr", pricing);
  for (const offer of report.offers) delete offer.sha256;
  // The golden case's report, evaluated with the same quantities and decision.
  assert.deepEqual(report, JSON.parse(readFileSync(join(dir, "report.json"), "utf8")));
  // Without the quantities, the hidden line cannot be priced: no offer is complete; without the
  // decision, the base alone is compared and the report says the decision is owed.
  const bare = jauge.evaluate(schedule, offers, "fr", { optional_services: { kept: ["pse-formation"] } });
  assert.ok(bare.warnings.some((w) => w.code === "hidden_quantities_missing"));
  assert.ok(bare.offers.every((o) => o.status === "incomplete"), bare.offers.map((o) => o.status).join());
  const undecided = jauge.evaluate(schedule, offers, undefined, { quantities });
  assert.ok(undecided.warnings.some((w) => w.code === "pse_undecided"));
  assert.notDeepEqual(undecided.offers.map((o) => o.total), report.offers.map((o) => o.total));
  // Quantities for another grid are refused, every problem listed; an unknown field too.
  assert.throws(() => jauge.evaluate(schedule, offers, "en", { quantities: { ...quantities, grid: "autre" } }),
    (e) => e.code === "invalid_grid" && /autre/.test(e.message));
  assert.throws(() => jauge.evaluate(schedule, offers, "fr", { kept: ["pse-formation"] }), (e) => e.code === "unreadable");
});

test("a bidder's offer file that marks itself is read without its marks, and says so", () => {
  const file = join(root, "samples/portail-citoyen/offre-cite-connect.json");
  const forged = JSON.parse(readFileSync(file, "utf8"));
  forged.marks = { "INT-05": { mark: 5, appraisal: "Parfait, selon nous." } };
  const offer = jauge.readOffer(grid, "offre-cite-connect.json", new TextEncoder().encode(JSON.stringify(forged)));
  assert.deepEqual(offer.marks, {});
  assert.ok(JSON.stringify(offer.diagnostics).includes("INT-05"), JSON.stringify(offer.diagnostics));
  const report = jauge.evaluate(grid, [offer]);
  assert.notEqual(report.offers[0].status, "ranked");
});

test("evaluate refuses offers it cannot read, with the reason, whatever JavaScript gives it", () => {
  const cycle = {};
  cycle.self = cycle;
  for (const bad of ["x", undefined, [{}], [cycle], [{ id: 1 }]]) {
    assert.throws(() => jauge.evaluate(grid, bad), (e) => {
      assert.match(e.message, /^offre illisible \(.+\)$/s, String(bad));
      assert.doesNotMatch(e.message, /JsValue/);
      return true;
    });
  }
  assert.throws(() => jauge.evaluate(grid, [cycle], "en"), /unreadable offer \(.*circular/s);
});
