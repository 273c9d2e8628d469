// Prices as buyers write them, in a real browser: a grid whose price is a schedule (BPU) with a
// line whose quantity is kept from bidders; two forms filled in LibreOffice and three JSON offers;
// the buyer's quantities file given beside the results; one offer's bill of quantities (DQE) line
// by line in its detail, the committee's line-by-line comparison; the same after a reload (the
// quantities are kept in the session, never in a form).
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { axe, open, root, useBrowser } from "./browser.mjs";

useBrowser();

const cases = `${root}tests/cases/bpu-dqe`;
const pictures = `${root}target/e2e`;

/** The ranking's rows, once every offer is read. */
async function ranked(page) {
  const rows = page.locator("table.classement tbody tr");
  await rows.nth(4).waitFor();
  return rows;
}

/** The comparison's fold, opened. */
async function comparison(page) {
  await page.getByRole("button", { name: "Bordereau de prix : comparaison ligne par ligne" }).click();
  const table = page.locator("table.bordereau.comparaison");
  await table.waitFor();
  return table;
}

/** Gamma Conseil's bill of quantities, in its detail. */
async function bill(page) {
  await page.getByRole("button", { name: "Voir le détail de Gamma Conseil" }).click();
  const table = page.locator("table.bordereau").filter({ hasText: "Détail quantitatif estimatif" });
  await table.waitFor();
  return table;
}

test("a schedule with hidden quantities: each offer's bill of quantities and the line comparison, kept after a reload", async () => {
  const { context, page, errors } = await open();
  await page.locator("#fichier-grille").setInputFiles(`${cases}/grid.json`);
  await page.getByLabel(/Ajouter des offres/).setInputFiles([
    `${cases}/offers/a.json`,
    `${cases}/offers/b.json`,
    `${cases}/forms/c-libreoffice.xlsx`,
    `${cases}/offers/d.json`,
    `${cases}/forms/e-libreoffice.xlsx`,
  ]);
  let rows = await ranked(page);
  // Without the buyer's quantities no price is computed, and the field asks for them.
  const field = page.getByLabel(/Quantités cachées aux soumissionnaires/);
  await field.waitFor();
  assert.match(await page.locator(".quantites").innerText(), /donnez le fichier des quantités/);
  assert.equal(await rows.filter({ hasText: "incomplète" }).count(), 5);
  await field.setInputFiles(`${cases}/quantities.json`);
  await page.locator(".quantites").filter({ hasText: "Quantités données" }).waitFor();
  await rows.filter({ hasText: "classée" }).nth(4).waitFor();
  // The committee's comparison: 40 days on the hidden line, each line's cheapest highlighted,
  // Epsilon's day of development far below the others' marked as a point to examine.
  let table = await comparison(page);
  const hidden = table.locator("tbody tr").filter({ hasText: "2.3 Journée de développement" });
  assert.match(await hidden.locator("td").first().innerText(), /^40$/);
  assert.ok((await table.locator("td.moins-cher").count()) >= 6, "a cheapest amount on each line");
  assert.equal(await table.locator("td.a-examiner").count(), 2, "Epsilon's line 2.3 and Bêta's line 1.2");
  assert.match(await hidden.locator("td.a-examiner").innerText(), /⚑/);
  mkdirSync(pictures, { recursive: true });
  await page.screenshot({ path: `${pictures}/prices-comparison.png`, fullPage: true });
  await axe(page, "prices comparison");
  // Gamma's bill: its line total of 3 600 € is not 300 × 11 € = 3 300 €, the unit price prevails.
  let gamma = await bill(page);
  const line = gamma.locator("tbody tr").filter({ hasText: "2.1 Licence par utilisateur" });
  const cells = await line.locator("td").allInnerTexts();
  assert.match(cells[0], /^300$/, cells.join(" | "));
  assert.match(cells[3], /^3\s300 €$/, cells.join(" | "));
  assert.match(cells[4], /^3\s600 €$/, cells.join(" | "));
  assert.match(cells[5], /le prix unitaire prévaut/, cells.join(" | "));
  const total = await page.locator(".total-bordereau").innerText();
  await page.screenshot({ path: `${pictures}/prices-bill.png`, fullPage: true });
  await axe(page, "prices bill");
  // After a reload: the same figures, from the session kept in the browser.
  await page.reload();
  rows = await ranked(page);
  await rows.filter({ hasText: "classée" }).nth(4).waitFor();
  table = await comparison(page);
  assert.match(await table.locator("tbody tr").filter({ hasText: "2.3 Journée de développement" }).locator("td").first().innerText(), /^40$/);
  gamma = await bill(page);
  assert.equal(await page.locator(".total-bordereau").innerText(), total);
  assert.deepEqual(errors, []);
  await context.close();
});
