// A tender with lots in a real browser: a grid with two lots, a form answering both lots (one
// file, two offers), a form answering lot 2 only and a JSON offer naming no lot; each lot ranked
// on its own, one at a time; the analysis report with a part per lot.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, open, recordDecision, root, useBrowser } from "./browser.mjs";

useBrowser();

const cases = `${root}tests/cases/lots`;

test("a tender with lots: each lot is ranked on its own and the report has a part per lot", async () => {
  const { context, page, errors } = await open();
  await page.locator("#fichier-grille").setInputFiles(`${cases}/grid.json`);
  await page.getByRole("navigation", { name: "Lots de la consultation" }).waitFor();
  await page.getByLabel(/Ajouter des offres/).setInputFiles([
    `${cases}/forms/lots-deux-lots.xlsx`,
    `${cases}/forms/lots-lot2-seul.xlsx`,
    `${cases}/offers/sans-lot.json`,
  ]);
  const lots = page.getByRole("navigation", { name: "Lots de la consultation" });
  const lot1 = lots.getByRole("button", { name: /^Lot 1 · Hébergement/ });
  const lot2 = lots.getByRole("button", { name: /^Lot 2 · Tierce maintenance applicative/ });
  await lot2.filter({ hasText: "(2 offres)" }).waitFor();
  assert.equal(await lot1.innerText(), "Lot 1 · Hébergement (1 offre)");
  assert.equal(await lot1.getAttribute("aria-pressed"), "true", "the first lot is shown first");
  const table = page.locator("table.classement");
  assert.match(await table.locator("caption").innerText(), /Classement — lot 1 : Hébergement/);
  assert.equal(await table.locator("tbody tr").count(), 1);
  assert.match(await table.innerText(), /Kerlann Numérique/);
  // The offer that names no lot is listed with why, and ranked nowhere.
  assert.match(await page.locator(".hors-lot").innerText(), /Erquy Services.*ne dit pas à quel lot elle répond/s);
  await lot2.click();
  assert.equal(await lot2.getAttribute("aria-pressed"), "true");
  await table.locator("caption").filter({ hasText: "lot 2" }).waitFor();
  const rows = await table.locator("tbody tr").allInnerTexts();
  assert.equal(rows.length, 2);
  assert.ok(rows.some((r) => r.includes("Kerlann Numérique")) && rows.some((r) => r.includes("Rance Applications")), rows.join("\n"));
  // Lot 2's own weights: its family headers are not lot 1's.
  assert.match(await table.locator("thead").innerText(), /Niveaux de service \/40/);
  // The report: the record once, then each lot's part.
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  const pending = page.getByRole("list", { name: "Points en suspens avant signature" });
  assert.match(await pending.innerText(), /L'offre « Erquy Services » n'indique pas de lot/);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Rapport d'analyse à imprimer (HTML)" }).click();
  const html = readFileSync(await (await download).path(), "utf8");
  // Its outline: each lot's sections one level under the lot's heading.
  const headings = [...html.matchAll(/<h([23])[^>]*>([^<]*)<\/h\1>/g)].map((m) => `h${m[1]} ${m[2]}`);
  const lot2At = headings.indexOf("h2 Lot 2 : Tierce maintenance applicative");
  assert.ok(headings.includes("h2 Lot 1 : Hébergement") && lot2At >= 0, headings.join("\n"));
  assert.ok(headings.indexOf("h3 Lot 2 · 7. Classement des offres") > lot2At, headings.join("\n"));
  await axe(page, "lots");
  // The buyer determines from its signed commitment that the offer naming no lot answers lot 2:
  // a decision, after which lot 2 ranks it and no offer is left without a lot.
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  assert.match(await page.getByRole("list", { name: "À décider" }).innerText(), /L'offre « Erquy Services » n'indique pas de lot/);
  await recordDecision(page, { kind: "lot", offer: "Erquy Services", outcome: "accepted", date: "2026-10-20",
    author: "Commission d'appel d'offres", detail: "Acte d'engagement signé pour le lot 2." });
  assert.match(await page.getByRole("alert").innerText(), /choisir le lot auquel l'offre répond/, "the lot is required");
  await page.getByLabel("Lot auquel l'offre répond").selectOption("2");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  await lot2.filter({ hasText: "(3 offres)" }).waitFor();
  assert.equal(await page.locator(".hors-lot").count(), 0);
  await lot2.click();
  await table.locator("tbody tr").nth(2).waitFor();
  assert.match(await table.innerText(), /Erquy Services/);
  assert.match(await page.getByRole("table", { name: "Décisions enregistrées" }).innerText(), /lot auquel répond une offre qui n'en indique pas \(lot 2\)/);
  await page.getByRole("list", { name: "Points en suspens avant signature" }).filter({ hasNotText: "n'indique pas de lot" }).waitFor();
  await axe(page, "lots, an offer's lot decided");
  assert.deepEqual(errors, []);
  await context.close();
});

test("an offer naming no lot set aside: no lot's letters hold it, and its letter is said to be the buyer's to write", async () => {
  const { context, page, errors } = await open();
  await page.locator("#fichier-grille").setInputFiles(`${cases}/grid.json`);
  await page.getByRole("navigation", { name: "Lots de la consultation" }).waitFor();
  await page.getByLabel(/Ajouter des offres/).setInputFiles([`${cases}/forms/lots-deux-lots.xlsx`, `${cases}/offers/sans-lot.json`]);
  await page.locator(".hors-lot").filter({ hasText: "Erquy Services" }).waitFor();
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  await recordDecision(page, { kind: "lot", offer: "Erquy Services", outcome: "rejected", date: "2026-10-21",
    author: "Commission d'appel d'offres", detail: "L'acte d'engagement ne désigne aucun lot." });
  await page.getByRole("table", { name: "Décisions enregistrées" }).filter({ hasText: "Erquy Services" }).waitFor();
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  await page.getByText(/^Après l'analyse : avis eForms/).click();
  const unwritten = page.locator(".avertissements").filter({ hasText: "Courriers que Jauge ne rédige pas" });
  assert.equal(await unwritten.getByRole("listitem").count(), 1);
  assert.equal(await unwritten.getByRole("listitem").innerText(),
    "Offre de « Erquy Services » écartée faute de lot identifié (décision du 21/10/2026) : aucun lot ne l'a analysée, " +
    "Jauge n'en rédige pas le courrier ; la lettre de rejet est à rédiger par l'acheteur (art. R2181-1 à R2181-4).");
  await unwritten.screenshot({ path: `${root}target/e2e/letters-unwritten.png` });
  await axe(page, "lots, an offer without a lot set aside");
  assert.deepEqual(errors, []);
  await context.close();
});
