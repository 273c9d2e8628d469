// The grid editor (« Rédiger une grille ») in a real browser, by keyboard only: a small grid built
// from scratch, a weight problem seen at its field and fixed, the grid and its form downloaded
// (the grid read back by the engine, the form a real workbook); the bundled grid adapted, a
// weight and a threshold changed, the differences and the suggested version; undo and redo; the
// draft found again after a reload. Screenshot, axe, first-load size and the editor's EcoIndex.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, download, open, root, useBrowser } from "./browser.mjs";
import { ecoindex } from "./ecoindex.mjs";

useBrowser();

const pictures = `${root}target/e2e`;
mkdirSync(pictures, { recursive: true });

/** Types into a field from the keyboard, then leaves it with Tab (which commits the change). */
async function type(page, selector, text) {
  await page.locator(selector).focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
}

/** Presses a button from the keyboard. */
async function press(page, name) {
  const button = page.getByRole("button", { name, exact: true });
  await button.focus();
  await page.keyboard.press("Enter");
}

/** Opens a criterion's details from the keyboard, unless a problem already opened them. */
async function unfold(page, id, field) {
  if (await page.locator(field).count()) return;
  await page.getByText(`Question, réponse, règle et exigence de ${id}`).focus();
  await page.keyboard.press("Enter");
  await page.locator(field).waitFor();
}

/** Waits until a field holds this value. */
async function holds(page, selector, value) {
  await page.waitForFunction(([s, v]) => document.querySelector(s)?.value === v, [selector, value]);
}

/** The messages a field's aria-describedby points to. */
async function notes(page, selector) {
  const ids = (await page.locator(selector).getAttribute("aria-describedby")) ?? "";
  const texts = [];
  for (const id of ids.split(" ").filter(Boolean)) texts.push(await page.locator(`#${id}`).innerText());
  return texts.join("\n");
}

test("a grid from scratch by keyboard: a weight problem at its field, fixed, the grid and its form downloaded", async () => {
  const { context, page, errors, transfer } = await open();
  await page.waitForLoadState("networkidle");
  const first = { requests: transfer.requests, kb: Math.round(transfer.bytes / 1024) };
  await press(page, "Rédiger une grille");
  await press(page, "Partir de zéro");
  await page.getByText("La grille est valide.").waitFor();
  // The editor's screen as it costs: the first load and the editor's module, fetched for it.
  await page.waitForLoadState("networkidle");
  const opened = { dom: await page.evaluate(() => document.getElementsByTagName("*").length), requests: transfer.requests, kb: Math.round(transfer.bytes / 1024) };
  console.log(`editor, its module included ${JSON.stringify({ ...opened, ecoindex: ecoindex(opened.dom, opened.requests, opened.kb) })}`);
  await press(page, "Ajouter un critère à la famille prix");
  // The weights no longer make the scale: said at the scale's field, and at the top.
  await page.locator("#ed-g-scale[aria-invalid='true']").waitFor();
  assert.match(await notes(page, "#ed-g-scale"), /la somme des poids vaut 101 ; elle doit être égale au barème \(100\)/);
  assert.match(await page.locator(".bilan").innerText(), /Total des poids : 101 \/ 100 — en trop : 1/);
  const summary = page.getByRole("list", { name: /problème/ });
  assert.equal(await summary.getByRole("link").first().getAttribute("href"), "#ed-g-scale");
  // A weight of 0 is a problem of that weight.
  await type(page, "#ed-c0-1-weight", "0");
  await page.locator("#ed-c0-1-weight[aria-invalid='true']").waitFor();
  await type(page, "#ed-c0-1-weight", "10");
  await type(page, "#ed-c0-0-weight", "90");
  await page.getByText("La grille est valide.").waitFor();
  assert.equal(await page.locator("#ed-g-scale").getAttribute("aria-invalid"), "false");
  // The editor screen as a pooling structure works on it (a criterion's details and the form's
  // preview folded): its DOM with the first load's transfer, as screens.test.mjs counts it.
  await page.waitForLoadState("networkidle");
  const rest = await page.evaluate(() => document.getElementsByTagName("*").length);
  console.log(`editor ${JSON.stringify({ firstLoadKb: first.kb, requests: first.requests, dom: rest, ecoindex: ecoindex(rest, first.requests, first.kb) })}`);
  await page.screenshot({ path: `${pictures}/editor.png`, fullPage: true });
  // The new criterion's details: its question, a percentage marked between two values, a tag.
  await unfold(page, "C-01", "#ed-c0-1-question-fr");
  await type(page, "#ed-c0-1-question-fr", "Quelle part de l'énergie consommée est d'origine renouvelable ?");
  await page.locator("#ed-c0-1-answer-type").focus();
  await page.locator("#ed-c0-1-answer-type").selectOption("percentage");
  await page.locator("#ed-c0-1-rule-best").waitFor();
  await type(page, "#ed-c0-1-rule-best", "80");
  await type(page, "#ed-c0-1-tags", "environment");
  await type(page, "#ed-g-title-fr", "Grille de test");
  await page.getByText("La grille est valide.").waitFor();

  // The grid file: pretty JSON, read back by the engine through the grid's own file input.
  const grid = await download(page, page.getByRole("button", { name: /Télécharger la grille/ }));
  assert.equal(grid.name, "nouvelle-grille-0.1.0.json");
  const text = grid.bytes.toString("utf8");
  assert.match(text, /^\{\n {2}"format": "jauge-grid\/2",\n/);
  const parsed = JSON.parse(text);
  assert.deepEqual(parsed.families[0].criteria.map((c) => [c.id, c.weight]), [["PRIX-01", 90], ["C-01", 10]]);
  // The response form, a real workbook.
  const ods = await download(page, page.getByRole("button", { name: "Cadre de réponse en ODS", exact: true }));
  assert.match(execFileSync("unzip", ["-l", ods.path], { encoding: "utf8" }), /content\.xml/);
  const xlsx = await download(page, page.getByRole("button", { name: "Cadre de réponse en XLSX", exact: true }));
  assert.match(execFileSync("unzip", ["-l", xlsx.path], { encoding: "utf8" }), /xl\/workbook\.xml/);
  // The preview shows the form's rows.
  await press(page, "Aperçu du cadre de réponse (ce que verront les candidats)");
  const preview = page.getByRole("table", { name: /Cadre de réponse/ });
  await preview.waitFor();
  assert.match(await preview.innerText(), /C-01\s+Nouveau critère\s+Quelle part de l'énergie consommée/);
  // The simulation runs on the grid written.
  assert.match(await page.getByRole("table", { name: "Offres hypothétiques et points obtenus" }).innerText(), /C-01 Nouveau critère \(10\)/);
  await page.screenshot({ path: `${pictures}/editor-open.png`, fullPage: true });
  await axe(page, "editor");
  const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
  console.log(`editor, details and preview open ${JSON.stringify({ dom, ecoindex: ecoindex(dom, first.requests, first.kb) })}`);

  await page.locator("#fichier-grille").setInputFiles(grid.path);
  await page.locator("#titre-grille ~ dl.identite").filter({ hasText: "Grille de test" }).waitFor();
  assert.equal(await page.locator("section[aria-labelledby='titre-grille'] [role='alert']").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the bundled grid adapted: a weight and a threshold changed, the differences and the version; undo, redo, reload", async () => {
  const { context, page, errors } = await open();
  await press(page, "Rédiger une grille");
  await press(page, "Adapter la grille choisie (numerique-responsable 2.0.0)");
  assert.equal(await page.locator("#ed-g-version").inputValue(), "2.0.1");
  const versions = page.getByRole("region", { name: /Différences avec numerique-responsable 2.0.0/ });
  assert.match(await versions.innerText(), /adaptation locale de numerique-responsable 2\.0\.0/);
  await type(page, "#ed-c0-0-weight", "5");
  await type(page, "#ed-c0-1-weight", "2");
  await unfold(page, "REV-05", "#ed-c1-3-rule-bands-0-");
  await type(page, "#ed-c1-3-rule-bands-0-", "5");
  await page.getByText("La grille est valide.").waitFor();
  const listed = await versions.getByRole("list", { name: "Critère par critère" }).innerText();
  assert.match(listed, /INT-01 \(interoperabilite\)\n.*4 → 5.* — peut changer les notes/);
  assert.match(listed, /REV-05 \(reversibilite\)\n.* — peut changer les notes/);
  assert.match(await versions.innerText(), /version suggérée : 3\.0\.0/);
  await press(page, "Passer en version 3.0.0");
  assert.equal(await page.locator("#ed-g-version").inputValue(), "3.0.0");
  // Undo and redo, by the keyboard's shortcuts and by the buttons.
  await page.locator("#ed-g-id").focus();
  await page.keyboard.press("Control+Z");
  await holds(page, "#ed-g-version", "2.0.1");
  await page.keyboard.press("Control+Shift+Z");
  await holds(page, "#ed-g-version", "3.0.0");
  await press(page, "Annuler la dernière modification");
  await press(page, "Annuler la dernière modification");
  assert.equal(await page.locator("#ed-c1-3-rule-bands-0-").count(), 1);
  assert.equal(await page.locator("#ed-c1-3-rule-bands-0-").inputValue(), "6");
  await press(page, "Rétablir la modification annulée");
  await press(page, "Rétablir la modification annulée");
  assert.equal(await page.locator("#ed-g-version").inputValue(), "3.0.0");
  // Nothing lost on reload.
  await page.reload();
  await page.locator("#ed-g-version").waitFor();
  assert.equal(await page.locator("#ed-g-version").inputValue(), "3.0.0");
  assert.equal(await page.locator("#ed-c0-0-weight").inputValue(), "5");
  assert.match(await versions.innerText(), /INT-01/);
  // Used: it becomes the grid chosen, the adaptation of its parent.
  await press(page, "Utiliser cette grille");
  const identity = page.locator("#titre-grille ~ dl.identite");
  await identity.filter({ hasText: "3.0.0" }).waitFor();
  await axe(page, "editor, adaptation");
  assert.deepEqual(errors, []);
  await context.close();
});

// The page tells a module its language and grid as soon as the module is placed, which on a slow
// machine may be before the module listens: it must still hear it (a race once seen in CI, where
// « Adapter la grille choisie » never came). A CPU slowed down six times made it lose almost every
// time.
test("on a slow machine, the editor's module still hears the page's grid as soon as it is placed", async () => {
  for (const rate of [4, 6]) {
    const { context, page, errors } = await open();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate });
    await press(page, "Rédiger une grille");
    await page.getByRole("button", { name: "Adapter la grille choisie (numerique-responsable 2.0.0)", exact: true })
      .waitFor({ timeout: 10000 });
    assert.deepEqual(errors, []);
    await context.close();
  }
});
