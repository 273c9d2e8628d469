// End-to-end tests of the web app in a real browser (Debian's Chromium driven by playwright-core):
// the buyer's flow on the bundled sample tender with its exports, a
// broken file among good ones, marks kept across a reload, a session exported and imported, a grid
// fetched from an address, offline use, the single-file jauge.html opened from file://, a
// keyboard-only pass, the committee (three evaluators' sessions consolidated, a corrected one
// imported again, decisions, the analysis report that the CLI must reproduce byte for byte, printed
// to PDF and rendered by pdftoppm, and its Word document), the simulation mode; every request recorded; axe-core (WCAG 2.1 A and AA) on every screen; the
// sobriety figures (transfer, requests, DOM, EcoIndex) printed. Run by `cargo xtask test` against
// the built app (JAUGE_URL, JAUGE_HTML) and the JS API's example page (JAUGE_API_URL).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { assertOnlyAppFiles, axe, download, footprint, open, ranking, recordDecision, root, sample, single, url, useBrowser } from "./browser.mjs";

useBrowser();

test("the buyer's flow on the sample tender: budget, results, exports, print, English", async () => {
  const { context, page, requests, errors, transfer } = await open();
  await page.waitForLoadState("networkidle");
  const firstLoad = requests.length;
  const home = await footprint(page, requests, transfer, "home");
  // Four requests: the page (its first screen as static HTML), the style, the boot code, the service
  // worker. The interface's module is fetched on the first action (web/accueil.js).
  assert.ok(home.requests <= 4, `first load: ${home.requests} requests over the network`);
  assert.ok(requests.every((r) => !/\.wasm$/.test(r.url)), "the first load fetches no wasm");
  // 550 KB until the price schedules (issue 13) and the exports (issue 14) joined the page module,
  // 580 until the grid editor, the catalogue and the schedules' views joined it (666 KB measured);
  // each then became a module of its own, fetched when first opened, and the analysis report's too
  // (465 KB), then 479 with the record's statements and decisions in sections 4 and 6. 11 KB once
  // the page's first screen became static HTML, the interface's module (474 KB) fetched on the
  // first action (issue 17 asked for at most 300 KB in five requests).
  assert.ok(home.kb <= 12, `first load: ${home.kb} KB transferred`);
  await axe(page, "home");
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  const table = ranking(page);
  await table.locator("tbody tr").nth(4).waitFor();
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), 5, "five offers kept, one set aside");
  assert.match(await rows.nth(0).innerText(), /Éco Portail Express[\s\S]*prix paraissant anormalement bas/);
  assert.match(await rows.nth(2).innerText(), /^3\s[\s\S]*ex aequo/);
  assert.match(await page.locator("main").innerText(), /Offres écartées[\s\S]*Nuage Global Ltd/);
  // The chart per family, with its figures in words for those who do not see it.
  const chart = page.getByRole("img", { name: /Points par famille/ });
  assert.match(await chart.getAttribute("aria-labelledby"), /graphique-texte/);
  assert.match(await page.locator("#graphique-texte").textContent(), /Prix \(\/40\) : Éco Portail Express 40/);
  // Each file received, with its SHA-256.
  const received = page.getByRole("list", { name: /Offres reçues/ });
  assert.match(await received.innerText(), /offre-armor-numerique\.xlsx — Armor Numérique SCOP — SHA-256 [0-9a-f]{64}/);
  await page.waitForLoadState("networkidle");
  const results = await footprint(page, requests, transfer, "results");
  assert.ok(results.dom < 500, `results screen: ${results.dom} DOM elements`);
  await axe(page, "results");

  // Exports: the workbook, the ranking as CSV, the JSON contract.
  const xlsx = await download(page, page.getByRole("button", { name: "Exporter les résultats en XLSX" }));
  assert.match(xlsx.name, /^resultats-numerique-responsable-\d{4}-\d\d-\d\d\.xlsx$/);
  assert.deepEqual([...xlsx.bytes.subarray(0, 2)], [0x50, 0x4b]);
  const ods = await download(page, page.getByRole("button", { name: "Exporter les résultats en ODS" }));
  assert.ok(ods.bytes.includes("application/vnd.oasis.opendocument.spreadsheet"), "an OpenDocument spreadsheet");
  const csv = (await download(page, page.getByRole("button", { name: "Exporter les résultats en CSV" }))).bytes.toString("utf8");
  assert.match(csv, /^\ufeffRang;Soumissionnaire;SIRET;Fichier;SHA-256 du fichier;Statut;Total \/100/);
  assert.match(csv.split("\n")[1], /^1;Éco Portail Express;/);
  const json = JSON.parse((await download(page, page.getByRole("button", { name: "Exporter les résultats en JSON" }))).bytes);
  assert.equal(json.format, "jauge-report/1");
  assert.equal(json.offers.length, 6);

  // The print page: date, grid fingerprint, the files' SHA-256, no controls.
  await page.emulateMedia({ media: "print" });
  const edition = page.locator(".edition");
  assert.ok(await edition.isVisible(), "the print page shows its date and the grid's fingerprint");
  assert.match(await edition.innerText(), /Édité le \d\d\/\d\d\/\d{4} à \d\d:\d\d \(heure de Paris\) — grille numerique-responsable 2\.0\.0 — empreinte [0-9a-f]{64}/);
  assert.equal(await page.getByRole("button", { name: /Charger l'exemple/ }).isVisible(), false, "no buttons in print");
  assert.ok(await received.isVisible());
  await page.emulateMedia({ media: "screen" });

  // The detail of one offer, with its cells.
  await page.getByRole("button", { name: "Voir le détail d'Armor Numérique SCOP" }).click();
  const detail = page.getByRole("table", { name: "Points par critère" });
  await detail.waitFor();
  assert.match(await detail.innerText(), /Réponse!I22/);
  await axe(page, "detail");
  // The detail is a view of its own: the ranking comes back when it is closed.
  assert.equal(await ranking(page).count(), 0, "the ranking makes room for the detail");
  await page.getByRole("button", { name: "Fermer le détail" }).click();
  // English: every word switches, and the page's lang follows.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("table", { name: /Ranking/ }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.deepEqual(errors, []);
  assertOnlyAppFiles(requests.slice(firstLoad), "after the first load");
  await context.close();
});

test("the static first screen is the app's own, and what is done on it is done again by the app", async () => {
  const { context, page, requests, errors } = await open();
  await page.waitForLoadState("networkidle");
  assert.ok(requests.every((r) => !/jauge-espace/.test(r.url)), "the interface's module waits for the first action");
  const shown = await page.locator("#accueil").evaluate((e) => e.innerHTML);
  // The app rendered (not shown) beside the static screen: the same HTML, control for control.
  const rendered = await page.evaluate(async () => {
    const root = await globalThis.jaugeWorkspace();
    for (let i = 0; i < 500 && !root.firstElementChild; i++) await new Promise((r) => setTimeout(r, 10));
    return root.innerHTML;
  });
  const file = `${root}web/accueil.html`;
  if (process.env.UPDATE_EXPECT) writeFileSync(file, rendered);
  assert.equal(shown, rendered, "web/accueil.html is no longer the app's first screen: UPDATE_EXPECT=1 cargo xtask e2e app");
  await context.close();

  // Typed in a field, then a grid chosen: the app shows that grid, the address typed is still there.
  const second = await open();
  await second.page.getByLabel(/ou charger une grille publiée/).fill("https://exemple.invalid/grille.json");
  await second.page.getByLabel("Grille fournie").selectOption({ label: "Hébergement et infogérance d'infrastructure" });
  await second.page.locator("#jauge-espace").waitFor();
  await second.page.getByText("Hébergement et infogérance d'infrastructure", { exact: true }).last().waitFor();
  assert.equal(await second.page.locator("#accueil").count(), 0, "the static screen is gone");
  assert.equal(await second.page.getByLabel(/ou charger une grille publiée/).inputValue(), "https://exemple.invalid/grille.json");
  assert.equal(await second.page.evaluate(() => document.activeElement?.id), "choix-grille", "the focus stays on the control used");
  // Files chosen before the module is there are read by it.
  const third = await open();
  await third.page.getByLabel(/Ajouter des offres/).setInputFiles([`${sample}/offre-armor-numerique.xlsx`]);
  await ranking(third.page).locator("tbody tr").first().waitFor();
  assert.match(await ranking(third.page).innerText(), /Armor Numérique/);
  assert.deepEqual([...errors, ...second.errors, ...third.errors], []);
  await second.context.close();
  await third.context.close();

  // The interface's module cannot be fetched: said, with « Réessayer »; the files chosen are kept
  // and read once it can.
  const fourth = await open();
  await fourth.context.route(/jauge-espace-[0-9a-f]{10}\.wasm$/, (r) => r.abort("internetdisconnected"));
  await fourth.page.getByLabel(/Ajouter des offres/).setInputFiles([`${sample}/offre-armor-numerique.xlsx`]);
  const alert = fourth.page.getByRole("alert").filter({ hasText: "Jauge n'a pas pu être chargé" });
  await alert.waitFor();
  await fourth.page.screenshot({ path: `${root}target/e2e/interface-unavailable.png` });
  await fourth.context.unroute(/jauge-espace-[0-9a-f]{10}\.wasm$/);
  await alert.getByRole("button", { name: "Réessayer" }).click();
  await ranking(fourth.page).locator("tbody tr").first().filter({ hasText: "Armor Numérique" }).waitFor();
  await fourth.context.close();
});

test("#exemple opens the sample tender at once", async () => {
  const { context, page } = await open(`${url}#exemple`);
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await context.close();
});

test("broken files among good ones are reported and the others are read", async () => {
  const { context, page, requests, errors } = await open();
  const firstLoad = requests.length;
  await page.getByLabel(/Ajouter des offres/).setInputFiles([
    `${sample}/offre-armor-numerique.xlsx`,
    `${root}tests/fixtures/tronque.xlsx`,
    // An OLE file on which calamine panicked (found by fuzzing): now refused before calamine reads it.
    `${root}tests/fixtures/fuzz-ole-incoherent.xls`,
    `${sample}/offre-portail-plus.csv`,
  ]);
  await page.getByRole("alert").filter({ hasText: "fuzz-ole-incoherent.xls" }).waitFor();
  await ranking(page).locator("tbody tr").nth(1).waitFor();
  const alerts = await page.getByRole("alert").innerText();
  assert.match(alerts, /tronque\.xlsx/);
  assert.match(alerts, /fuzz-ole-incoherent\.xls/);
  assert.equal(await ranking(page).locator("tbody tr").count(), 2);
  assertOnlyAppFiles(requests.slice(firstLoad), "reading files");
  assert.ok(requests.slice(firstLoad).every((r) => !/offre|tronque|fuzz/.test(r.url)), "no file goes out");
  assert.ok(errors.every((e) => !/panicked|RuntimeError/.test(e) || /lecteur|jauge-/.test(e)), errors.join("\n"));
  // The refusals are kept as data: in English they are worded in English, and no file is read again.
  const before = requests.length;
  await page.getByRole("button", { name: "English" }).click();
  const english = await page.getByRole("alert").innerText();
  assert.match(english, /tronque\.xlsx: damaged or truncated zip file/);
  assert.match(english, /fuzz-ole-incoherent\.xls: damaged or truncated xls file/);
  assert.equal(requests.length, before, "nothing fetched or read to change the language");
  await context.close();
});

test("a file that stops the reader takes no other file down, though the next one was already sent", async () => {
  const { context, page, errors } = await open();
  // The reader worker as served, with a panic on one file's name: the module's abort, as the
  // worker reports it, after a reading long enough for the page to send the next file.
  await context.route(/\/lecteur-[0-9a-f]{10}\.js$/, async (route) => {
    const served = await (await route.fetch()).text();
    const panic = `
{
  const read = self.onmessage;
  self.onmessage = (event) => {
    if (event.data?.name !== "plantage.xlsx") return read(event);
    const until = Date.now() + 500;
    while (Date.now() < until);
    self.postMessage({ id: event.data.id, crashed: true, name: event.data.name, detail: "RuntimeError: unreachable" });
    self.close();
  };
}`;
    await route.fulfill({ status: 200, contentType: "text/javascript", body: served + panic });
  });
  const file = (name, as = name) => ({ name: as, mimeType: "application/octet-stream", buffer: readFileSync(`${sample}/${name}`) });
  await page.getByLabel(/Ajouter des offres/).setInputFiles([
    file("offre-armor-numerique.xlsx"),
    file("offre-eco-portail-express.xlsx", "plantage.xlsx"),
    file("offre-cite-connect.ods"),
    file("offre-portail-plus.csv"),
  ]);
  await page.getByRole("alert").filter({ hasText: "plantage.xlsx" }).waitFor();
  await ranking(page).locator("tbody tr").nth(2).waitFor();
  await page.waitForTimeout(500);
  const alerts = await page.getByRole("alert").innerText();
  assert.match(alerts, /plantage\.xlsx : fichier endommagé, la lecture a échoué/);
  assert.doesNotMatch(alerts, /interrompue/, "the file sent while the reader stopped is read again");
  assert.equal(await ranking(page).locator("tbody tr").count(), 3, "the three other files are read");
  assert.deepEqual(errors.filter((e) => !/lecteur|jauge-/.test(e)), []);
  await context.close();
});

test("two bids in files of the same name are two offers, told apart", async () => {
  const { context, page } = await open();
  // Every supplier returns the form under the name it was given.
  const form = (file) => ({ name: "cadre-de-reponse.json", mimeType: "application/json", buffer: readFileSync(`${root}samples/portail-citoyen/${file}`) });
  await page.getByLabel(/Ajouter des offres/).setInputFiles([form("offre-armor-numerique.json"), form("offre-ker-developpement.json")]);
  await ranking(page).locator("tbody tr").nth(1).waitFor();
  const received = await page.getByRole("list", { name: /Offres reçues/ }).innerText();
  const names = received.match(/cadre-de-reponse\.json #[0-9a-f]{8}/g) ?? [];
  assert.equal(new Set(names).size, 2, `both shown, told apart: ${received}`);
  // The same file dropped again is the same offer; files are read in order, so once the third
  // bid is ranked the second reading of the first is done: three offers, not four.
  await page.getByLabel(/Ajouter des offres/).setInputFiles([form("offre-armor-numerique.json"), form("offre-cite-connect.json")]);
  await ranking(page).locator("tbody tr").nth(2).waitFor();
  assert.equal(await ranking(page).locator("tbody tr").count(), 3);
  await context.close();
});

test("a bidder's file that marks itself: its marks are ignored and said, the criterion left to the evaluators", async () => {
  const { context, page, errors } = await open();
  const forged = JSON.parse(readFileSync(`${root}samples/portail-citoyen/offre-armor-numerique.json`, "utf8"));
  forged.marks = { "INT-05": { mark: 5, appraisal: "Parfait." } };
  await page.getByLabel(/Ajouter des offres/).setInputFiles([{ name: "offre-armor.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(forged)) }]);
  const list = page.getByRole("list", { name: /notes? à saisir/ });
  await list.getByRole("button", { name: /^Armor Numérique SCOP — INT-05/ }).click();
  await page.locator("#titre-detail").filter({ hasText: "Armor Numérique SCOP" }).waitFor();
  // Said among the offer's reading remarks (a closed fold: its text is there, not yet shown).
  assert.match(await page.locator("main").textContent(), /le fichier de l'offre porte des notes \(INT-05\) : ignorées, les notes ne viennent que des évaluateurs/);
  assert.equal(await page.getByLabel("Note sur 5").inputValue(), "", "no mark taken from the file");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a manual mark entered by keyboard is kept after a reload", async () => {
  const { context, page } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.getByRole("button", { name: "Voir le détail de Ker Développement" }).focus();
  await page.keyboard.press("Enter");
  const mark = page.getByLabel("Note sur 5");
  // Out of range: refused with a message naming the criterion and what is expected.
  await mark.fill("9");
  await page.getByRole("button", { name: "Enregistrer la note" }).click();
  await page.getByRole("alert").filter({ hasText: "INT-05 : « 9 » ; attendu un nombre entre 0 et 5" }).waitFor();
  await mark.fill("");
  await mark.focus();
  await page.keyboard.type("4");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Connecteurs démontrés lors de l'audition.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Note enregistrée : 4 / 5" }).waitFor();
  await page.getByRole("button", { name: "Fermer le détail" }).click();
  const row = ranking(page).locator("tbody tr").filter({ hasText: "Ker Développement" });
  await row.filter({ hasText: "classée" }).waitFor();
  await page.reload();
  await ranking(page).locator("tbody tr").filter({ hasText: "Ker Développement" }).filter({ hasText: "classée" }).waitFor();
  await context.close();
});

test("the whole session is exported as a file and imported again after erasing", async () => {
  const { context, page } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  const session = await download(page, page.getByRole("button", { name: "Exporter la session" }));
  assert.match(session.name, /^session-jauge-\d{4}-\d\d-\d\d\.json$/);
  const saved = JSON.parse(session.bytes);
  assert.equal(saved.format, "jauge-session/3");
  assert.equal(saved.offers.length, 6);
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Effacer cette analyse" }).click();
  await page.getByText("Ajoutez des offres pour les noter.").waitFor();
  await page.locator("#import-session").setInputFiles({ name: session.name, mimeType: "application/json", buffer: session.bytes });
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  // A file that is not a session is refused with its name, and the analysis stays.
  await page.locator("#import-session").setInputFiles({ name: "autre.json", mimeType: "application/json", buffer: Buffer.from('{"format":"jauge-report/1"}') });
  await page.getByRole("alert").filter({ hasText: "autre.json" }).waitFor();
  assert.equal(await ranking(page).locator("tbody tr").count(), 5);
  await context.close();
});

test("a grid published at an address is fetched on request, and a failure says which address", async () => {
  const { context, page } = await open();
  const grid = readFileSync(`${root}criteria/hebergement.json`, "utf8");
  await context.route("https://grilles.example.org/**", (route) =>
    route.request().url().endsWith("hebergement.json")
      ? route.fulfill({ status: 200, contentType: "application/json", body: grid, headers: { "Access-Control-Allow-Origin": "*" } })
      : route.fulfill({ status: 404, body: "", headers: { "Access-Control-Allow-Origin": "*" } }));
  const address = page.getByLabel(/grille publiée à une adresse/);
  await address.fill("https://grilles.example.org/absente.json");
  await page.getByRole("button", { name: "Charger la grille" }).click();
  await page.getByRole("alert").filter({ hasText: "https://grilles.example.org/absente.json" }).waitFor();
  await address.fill("https://grilles.example.org/hebergement.json");
  await page.getByRole("button", { name: "Charger la grille" }).click();
  await page.getByRole("definition").getByText(JSON.parse(grid).title.fr, { exact: true }).waitFor();
  await context.close();
});

test("offline: the app reloads and reads files from its cache", async () => {
  const { context, page } = await open();
  // A first use fetches the reader module, which the service worker keeps.
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The interface's module, fetched on the first action (perhaps before the service worker
  // controlled the page), is kept too.
  await page.waitForFunction(async () => {
    for (const key of await caches.keys()) {
      const kept = await (await caches.open(key)).keys();
      if (kept.some((r) => /jauge-espace-[0-9a-f]{10}\.wasm$/.test(r.url))) return true;
    }
    return false;
  }, null, { polling: 100 });
  await context.setOffline(true);
  await page.reload();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Effacer cette analyse" }).click();
  await page.getByLabel(/Ajouter des offres/).setInputFiles(`${sample}/offre-cite-connect.ods`);
  await ranking(page).locator("tbody tr").first().filter({ hasText: "Cité Connect SAS" }).waitFor();
  await context.close();
});

/** The UTC time (ISO 8601) of a date and time the report printed in Paris time. */
function parisToUtc(y, m, d, time) {
  const [h, min] = time.split(":").map(Number);
  const shown = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  for (const offset of [1, 2]) {
    const utc = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d), h - offset, min));
    if (shown.format(utc) === `${d}/${m}/${y} ${time}`) return utc.toISOString().replace(".000", "");
  }
  throw new Error(`no UTC time is shown as ${d}/${m}/${y} ${time} in Paris`);
}

test("jauge.html opened from file:// works, and its policy forbids every request", async () => {
  const { context, page, requests, errors } = await open(`file://${single}`);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute("content");
  assert.match(policy, /connect-src 'none'/);
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'/);
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.getByLabel(/Ajouter des offres/).setInputFiles(`${root}tests/fixtures/tronque.xlsx`);
  await page.getByRole("alert").filter({ hasText: "tronque.xlsx" }).waitFor();
  // The report module (section 7) and the Word writer are inline too: the report's docx is made
  // without a request.
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  const word = await download(page, page.getByRole("button", { name: /Rapport d'analyse en document Word/ }));
  assert.deepEqual([...word.bytes.subarray(0, 2)], [0x50, 0x4b], "a docx is a zip");
  assert.match(documentXml(word.path), /Rapport d(&apos;|')analyse des offres|Analyse des offres|Rapport de présentation/);
  // The catalogues' module is inline too: its fold opens without a request.
  await page.getByText("Ouvrir un catalogue de grilles (structure de mutualisation)").click();
  await page.getByLabel("Adresse du catalogue (HTTPS, catalogue.json)").waitFor();
  // The browser itself refuses a request, whatever the code asks.
  const refused = await page.evaluate(() => fetch("https://example.org/").then(() => "sent", (e) => `refused: ${e}`));
  assert.match(refused, /^refused/);
  const network = requests.filter((r) => !r.url.startsWith("file:") && !r.url.startsWith("blob:") && !r.url.startsWith("data:"));
  assert.deepEqual(network.map((r) => r.url), [], "no network request");
  assert.ok(errors.every((e) => /Content Security Policy|example\.org|Failed to fetch/.test(e)), errors.join("\n"));
  await context.close();
});

test("keyboard only: from the top of the page to a graded sample, a detail and a saved mark", async () => {
  const { context, page } = await open();
  /** Presses Tab until the focused element matches, as a keyboard user would. */
  async function tabTo(matches, what) {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press("Tab");
      const focused = await page.evaluate(() => {
        const e = document.activeElement;
        return `${e?.tagName} ${e?.getAttribute("aria-label") ?? ""} ${e?.textContent?.trim().slice(0, 80) ?? ""} ${e?.id ?? ""}`;
      });
      if (matches.test(focused)) return;
    }
    assert.fail(`Tab never reached ${what}`);
  }
  await tabTo(/Charger l'exemple/, "the sample button");
  await page.keyboard.press("Enter");
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await tabTo(/Voir le détail de Ker Développement/, "the detail of an offer");
  await page.keyboard.press("Enter");
  await tabTo(/INPUT .*note-offre-ker-developpement-ods-INT-05-note/, "the mark field");
  await page.keyboard.type("3,5");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Démarche décrite, sans démonstration.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("status").filter({ hasText: "Note enregistrée : 3,5 / 5" }).waitFor();
  // Back to the ranking by keyboard.
  await page.getByRole("button", { name: "Fermer le détail" }).focus();
  await page.keyboard.press("Enter");
  await ranking(page).locator("tbody tr").filter({ hasText: "Ker Développement" }).filter({ hasText: "classée" }).waitFor();
  // The export buttons are reachable too.
  await tabTo(/BUTTON Exporter les résultats en XLSX/, "the results export");
  await context.close();
});

test("the JS API's example page ranks the sample tender and exports the results", async () => {
  const { context, page, errors } = await open(process.env.JAUGE_API_URL);
  await page.getByText(/Grille « Achat numérique responsable » 2\.0\.0, empreinte [0-9a-f]{64}/).waitFor();
  await page.getByLabel(/Offres/).setInputFiles([
    `${sample}/offre-armor-numerique.xlsx`, `${sample}/offre-cite-connect.ods`, `${sample}/offre-portail-plus.csv`,
    `${root}tests/fixtures/tronque.xlsx`,
  ]);
  const table = page.getByRole("table", { name: "Classement" });
  await table.locator("tbody tr").nth(2).waitFor();
  assert.match(await page.getByRole("alert").innerText(), /tronque\.xlsx/);
  const xlsx = await download(page, page.getByRole("button", { name: /Télécharger les résultats/ }));
  assert.deepEqual([...xlsx.bytes.subarray(0, 2)], [0x50, 0x4b]);
  await axe(page, "JS API example");
  assert.deepEqual(errors, []);
  await context.close();
});

/** The text of a docx's main part (word/document.xml), read with Python's zipfile. */
function documentXml(path) {
  const read = "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())";
  return execFileSync("python3", ["-c", read, path], { encoding: "utf8" });
}

/** Runs the `jauge` CLI built for these tests (JAUGE_CLI). */
function cli(...args) {
  return execFileSync(process.env.JAUGE_CLI ?? `${root}target/debug/jauge`, args, { cwd: root, encoding: "utf8" });
}

test("the committee consolidates three evaluators' sessions, records decisions, and exports the report the CLI reproduces", async () => {
  const work = mkdtempSync(join(tmpdir(), "jauge-e2e-"));
  const offers = readdirSync(sample).filter((f) => f.startsWith("offre-")).map((f) => `${sample}/${f}`);
  const commission = `${root}samples/portail-citoyen/commission`;
  // The procedure record, without the sample's decisions (they name the JSON offers): the
  // committee records its own below.
  const record = JSON.parse(readFileSync(`${commission}/dossier.json`, "utf8"));
  writeFileSync(`${work}/dossier.json`, JSON.stringify({ procedure: record.procedure }));
  // Two evaluators marked with the CLI, from the very files the app reads.
  for (const [file, name] of [["bruno", "Bruno Le Gall"], ["chloe", "Chloé Diallo"]]) {
    cli("session", "--grid", "criteria/numerique-responsable.json", "--marks", `${commission}/notes-${file}.json`,
      "--record", `${work}/dossier.json`, "--evaluator", name, "-o", `${work}/${file}.json`, ...offers);
  }
  // The third marks in the app, in her own session, and exports it.
  const { context, page, errors } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.getByRole("button", { name: "4. Le dossier de la procédure" }).click();
  await page.getByText(/^L'évaluateur de cette session, et ce que le rapport doit mentionner/).click();
  await page.getByLabel("Cette session est celle de l'évaluateur").fill("Alice Martin");
  await page.getByLabel("Cette session est celle de l'évaluateur").press("Tab");
  await page.getByRole("button", { name: "Voir le détail de Ker Développement" }).click();
  await page.getByLabel("Note sur 5").fill("3,5");
  await page.getByLabel("Appréciation écrite").fill("API ouverte, connecteur SIG en cours de développement.");
  await page.getByRole("button", { name: "Enregistrer la note" }).click();
  await page.getByRole("button", { name: "Fermer le détail" }).click();
  await ranking(page).locator("tbody tr").filter({ hasText: "Ker Développement" }).waitFor();
  const alice = await download(page, page.getByRole("button", { name: "Exporter la session" }));
  assert.match(alice.name, /^session-jauge-Alice-Martin-\d{4}-\d\d-\d\d\.json$/);
  assert.equal(JSON.parse(alice.bytes).evaluator, "Alice Martin");

  // The committee: a fresh analysis imports the three sessions.
  page.once("dialog", (d) => d.accept());
  await page.getByRole("button", { name: "Effacer cette analyse" }).click();
  await page.getByText("Ajoutez des offres pour les noter.").waitFor();
  await page.getByRole("button", { name: /^5\. La commission/ }).click();
  await page.locator("#import-evaluateurs").setInputFiles([
    { name: "alice.json", mimeType: "application/json", buffer: alice.bytes },
    { name: "bruno.json", mimeType: "application/json", buffer: readFileSync(`${work}/bruno.json`) },
    { name: "chloe.json", mimeType: "application/json", buffer: readFileSync(`${work}/chloe.json`) },
  ]);
  const marks = page.getByRole("table", { name: "Notes des évaluateurs et note retenue" });
  await marks.waitFor();
  assert.equal(await marks.locator("tbody tr").count(), 6, "one manual criterion for six offers");
  assert.match(await page.getByRole("status").filter({ hasText: "évaluateurs" }).innerText(), /^3 évaluateurs ; 1 désaccord/);
  const cite = marks.locator("tbody tr").filter({ hasText: "Cité Connect SAS" });
  assert.equal(await cite.getAttribute("class"), "desaccord");
  assert.match(await cite.innerText(), /3 \/ 5[\s\S]*4,5 \/ 5[\s\S]*2,5 \/ 5[\s\S]*2\s+désaccord/);
  // A threshold that is not a percentage is refused with a message; a lower one shows more disagreements.
  await page.getByLabel(/Seuil de désaccord/).fill("beaucoup");
  await page.getByLabel(/Seuil de désaccord/).press("Tab");
  await page.getByRole("alert").filter({ hasText: "Seuil de désaccord non retenu : « beaucoup » ; attendu un pourcentage entre 0 et 100" }).waitFor();
  await page.getByLabel(/Seuil de désaccord/).fill("5");
  await page.getByLabel(/Seuil de désaccord/).press("Tab");
  await page.getByRole("status").filter({ hasText: "3 désaccord" }).waitFor();
  await axe(page, "committee");
  // The agreed marks where the evaluators differ or one did not mark, and the committee's one
  // appraisal where they gave the same mark in their own words.
  for (const [who, mark, text] of [["Cité Connect SAS", "3", "API sur demande ; pas de référence SIG."],
    ["Éco Portail Express", "2", "Démarche générique."], ["Ker Développement", "3,5", "Connecteur SIG en cours."],
    ["Armor Numérique SCOP", "4,5", "Connecteurs SIG et GRC en production chez des collectivités ; calendrier précis."],
    ["Portail Plus", "3", "API publiée ; connecteurs annoncés, non démontrés."],
    ["Nuage Global Ltd", "1", "Aucune démarche d'interopérabilité décrite."]]) {
    const row = marks.locator("tbody tr").filter({ hasText: who });
    await row.getByLabel("Note sur 5").fill(mark);
    await row.getByLabel("Appréciation écrite").fill(text);
    await row.getByRole("button", { name: "Enregistrer la note" }).click();
  }
  await ranking(page).locator("tbody tr").filter({ hasText: "Ker Développement" }).filter({ hasText: "classée" }).waitFor();
  assert.equal(await ranking(page).locator("tbody tr").count(), 5);
  // Chloé sends her session again, Ker marked this time: it replaces her column, with no question
  // asked (a dialog would be dismissed and nothing imported), and the agreed marks stay.
  const notes = JSON.parse(readFileSync(`${commission}/notes-chloe.json`, "utf8"));
  notes.offers["Ker Développement"] = { "INT-05": { mark: 3, appraisal: "Connecteur SIG annoncé, non démontré." } };
  writeFileSync(`${work}/notes-chloe-v2.json`, JSON.stringify(notes));
  cli("session", "--grid", "criteria/numerique-responsable.json", "--marks", `${work}/notes-chloe-v2.json`,
    "--record", `${work}/dossier.json`, "--evaluator", "Chloé Diallo", "-o", `${work}/chloe-v2.json`, ...offers);
  await page.locator("#import-evaluateurs").setInputFiles([
    { name: "chloe-v2.json", mimeType: "application/json", buffer: readFileSync(`${work}/chloe-v2.json`) },
  ]);
  const ker = marks.locator("tbody tr").filter({ hasText: "Ker Développement" });
  await ker.filter({ hasText: "Connecteur SIG annoncé" }).waitFor();
  assert.match(await ker.innerText(), /3,5 \/ 5[\s\S]*3 \/ 5[\s\S]*3 \/ 5/);
  assert.equal(await ker.getByLabel("Note sur 5").inputValue(), "3,5", "the agreed mark is kept");
  assert.equal(await cite.getByLabel("Note sur 5").inputValue(), "3");
  assert.match(await page.getByRole("status").filter({ hasText: "évaluateurs" }).innerText(), /^3 évaluateurs/);
  assert.match(await marks.locator("thead").innerText(), /Alice Martin\s+alice\.json[\s\S]*Bruno Le Gall\s+bruno\.json[\s\S]*Chloé Diallo\s+chloe-v2\.json/);

  // The record came with the sessions; the decisions are recorded here.
  assert.equal(await page.getByLabel("Référence").inputValue(), "2026-PC-014");
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  const pending = page.getByRole("list", { name: "Points en suspens avant signature" });
  assert.match(await pending.innerText(), /Demander par écrit des précisions sur le prix de l'offre « Éco Portail Express » et enregistrer la décision \(art\. L2152-6 et R2152-3\)/);
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  assert.match(await page.getByRole("list", { name: "À décider" }).innerText(), /Demander par écrit des précisions sur le prix de l'offre « Éco Portail Express » et enregistrer la décision/);
  const decide = (kind, offer, outcome, detail) => recordDecision(page, { kind, offer, outcome, detail });
  await decide("regularisation", "offre-nuage-global.csv", "rejected", "");
  assert.match(await page.getByRole("alert").innerText(), /Décision non enregistrée/, "the detail is required");
  await page.getByLabel(/Ce qui a été demandé/).fill("Plan de réversibilité et disponibilité : régularisation impossible sans modifier l'offre.");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  await decide("explanations", "offre-eco-portail-express.xlsx", "accepted", "Réponse du 27/10/2026 : solution libre déjà déployée, sans licence. Prix justifié.");
  const decisions = page.getByRole("table", { name: "Décisions enregistrées" });
  await decisions.locator("tbody tr").nth(1).waitFor();
  assert.match(await decisions.innerText(), /demande de régularisation[\s\S]*Nuage Global Ltd[\s\S]*Éco Portail Express/);
  await page.getByText("Rien n'est en suspens : le rapport est prêt à être signé.").waitFor();
  // The internal worksheet stays closed until asked for.
  assert.equal(await page.getByRole("list", { name: /Robustesse du classement/ }).count(), 0);
  await page.getByText("Document de travail interne, hors du rapport signé").click();
  assert.match(await page.getByRole("list", { name: /Robustesse du classement/ }).innerText(),
    /Prix \(40 points\) : les notes données y diffèrent d'au plus 22,49 points ; aucune hausse de son poids \(jusqu'à 60 points de plus\) ne change l'offre en tête ; 0,62 point de moins mettrait Ker Développement en tête\./);
  await axe(page, "decisions and report");

  // The report, in print-ready HTML and as a workbook; then the committee's session.
  const report = await download(page, page.getByRole("button", { name: "Rapport d'analyse à imprimer (HTML)" }));
  assert.match(report.name, /^rapport-analyse-2026-PC-014-\d{4}-\d\d-\d\d\.html$/);
  const html = report.bytes.toString("utf8");
  assert.match(html, /Attributaire proposé : Éco Portail Express/);
  assert.match(html, /Annexe B\. Notes de chaque évaluateur/);
  assert.match(html, /non régularisée, offre écartée : Plan de réversibilité/);
  const xlsx = await download(page, page.getByRole("button", { name: "Rapport d'analyse en classeur XLSX" }));
  assert.deepEqual([...xlsx.bytes.subarray(0, 2)], [0x50, 0x4b]);
  const word = await download(page, page.getByRole("button", { name: /Rapport d'analyse en document Word/ }));
  assert.match(word.name, /^rapport-analyse-2026-PC-014-\d{4}-\d\d-\d\d\.docx$/);
  const session = await download(page, page.getByRole("button", { name: "Exporter la session" }));
  writeFileSync(`${work}/commission.json`, session.bytes);
  // The Word document the app made (by its Word module, fetched on that click) is the CLI's.
  const wordText = documentXml(word.path);
  assert.match(wordText, /Attributaire proposé : Éco Portail Express/);
  const [, wd, wm, wy, wtime] = wordText.match(/(\d\d)\/(\d\d)\/(\d{4}) à (\d\d:\d\d) \(heure de Paris\)/);
  cli("report", "--session", `${work}/commission.json`, "--annex-individual", "--date", parisToUtc(wy, wm, wd, wtime), "-o", `${work}/rapport-cli.docx`);
  assert.equal(documentXml(`${work}/rapport-cli.docx`), wordText, "the CLI's docx says what the app's does");
  // The same session gives the same report from the CLI (at the date printed on the app's report).
  const [, d, m, y, time] = html.match(/Rapport établi le<\/dt><dd>(\d\d)\/(\d\d)\/(\d{4}) à (\d\d:\d\d) \(heure de Paris\)/);
  cli("report", "--session", `${work}/commission.json`, "--annex-individual", "--date", parisToUtc(y, m, d, time), "-o", `${work}/rapport.html`);
  assert.equal(readFileSync(`${work}/rapport.html`, "utf8"), html, "the CLI's report is the app's, byte for byte");
  assert.match(html, new RegExp(createHash("sha256").update(session.bytes).digest("hex")), "the session file's SHA-256 is printed");

  // Printed to PDF: A4 pages numbered, signature lines; the first page as a picture (pdftoppm).
  const printed = await context.newPage();
  await printed.goto(pathToFileURL(`${work}/rapport.html`).href);
  const pdf = `${root}target/e2e/rapport-analyse.pdf`;
  mkdirSync(`${root}target/e2e`, { recursive: true });
  await printed.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
  const pages = Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1]);
  assert.ok(pages >= 3, `${pages} pages`);
  const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  assert.match(text, new RegExp(`Page 1 / ${pages}`));
  assert.match(text, /11\. Signatures[\s\S]*Alice Martin[\s\S]*Signature :/);
  // The ranking prints whole on A4: its last columns are on the page.
  assert.match(text, /7\. Classement des offres[\s\S]*Total[\s\S]*Signalements[\s\S]*8\. Appréciations/, "every column of the ranking is printed");
  assert.doesNotMatch(text, /Robustesse|R2184|L2152-5/, "the signed MAPA report holds no what-if and claims no R2184 duty");
  // Pictures of an earlier run (a report of more pages) are removed first.
  for (const f of readdirSync(`${root}target/e2e`).filter((f) => /^rapport-page-\d+\.png$/.test(f))) rmSync(`${root}target/e2e/${f}`);
  execFileSync("pdftoppm", ["-png", "-r", "70", pdf, `${root}target/e2e/rapport-page`]);
  const pictures = readdirSync(`${root}target/e2e`).filter((f) => /^rapport-page-\d+\.png$/.test(f)).sort();
  assert.equal(pictures.length, pages);
  assert.ok(statSync(`${root}target/e2e/${pictures[0]}`).size > 20_000, "a picture of the first page");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the simulation for a grid's designer: hypothetical answers give each criterion's points, kept after a reload", async () => {
  const { context, page, errors } = await open();
  await page.getByRole("button", { name: "Concevoir une grille : simuler des offres" }).click();
  const table = page.getByRole("table", { name: "Offres hypothétiques et points obtenus" });
  await table.waitFor();
  const cell = (offer, criterion) => page.getByLabel(`${offer} — ${criterion}`, { exact: false });
  await cell("Offre A", "PRIX").fill("52 000");
  await cell("Offre A", "PRIX").press("Tab");
  await cell("Offre B", "PRIX").fill("80000");
  await cell("Offre B", "PRIX").press("Tab");
  // Proportional: B gets 40 × 52 000 / 80 000 = 26 points.
  const price = table.locator("tbody tr").filter({ hasText: "PRIX Prix global" });
  await price.locator("td").nth(1).filter({ hasText: "26 / 40" }).waitFor();
  assert.match(await price.locator("td").nth(0).innerText(), /40 \/ 40/);
  // A manual criterion takes the mark: 4 out of 5 on a weight of 2 is 1,6 points.
  await cell("Offre A", "INT-05").fill("4");
  await cell("Offre A", "INT-05").press("Tab");
  await table.locator("tbody tr").filter({ hasText: "INT-05" }).locator("td").nth(0).filter({ hasText: "1,6 / 2" }).waitFor();
  // A third offer; an answer the grid cannot use says why.
  await page.getByRole("button", { name: "Ajouter une offre hypothétique" }).click();
  await cell("Offre C", "SUP-01").fill("beaucoup");
  await cell("Offre C", "SUP-01").press("Tab");
  assert.match(await table.locator("tbody tr").filter({ hasText: "SUP-01" }).locator("td").nth(2).innerText(), /0 \/ 3/);
  await axe(page, "simulation");
  await page.reload();
  await page.getByRole("table", { name: "Offres hypothétiques et points obtenus" }).waitFor();
  assert.equal(await cell("Offre B", "PRIX").inputValue(), "80000");
  assert.deepEqual(errors, []);
  await context.close();
});
