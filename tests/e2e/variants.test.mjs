// Variants and optional services in a real browser. The framework agreement sample allows
// variants with a base offer: Vannes Logiciels' base offer and its variant (lot 2) are both
// ranked, the variant as an offer of its own linked to its base, named in the interface's
// language; without its base, the variant is flagged. On the bpu-dqe grid, whose schedule has
// two optional services, the decision on which are kept is asked for before the ranking, and
// recording it changes the prices compared.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, open, ranking, root, useBrowser } from "./browser.mjs";

useBrowser();

const tour = `${root}samples/accord-cadre/tour-1`;
const bpu = `${root}tests/cases/bpu-dqe`;
const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(value)) });

test("a variant is ranked as an offer of its own beside its base, and flagged without it", async () => {
  const { context, page, errors } = await open();
  await page.locator("#fichier-grille").setInputFiles(`${root}samples/accord-cadre/grille.json`);
  const lots = page.getByRole("navigation", { name: "Lots de la consultation" });
  await lots.waitFor();
  await page.locator("#fichiers-offres").setInputFiles(["vannes-logiciels.ods", "vannes-logiciels-variante.xlsx",
    "quimper-services.ods", "rance-applications.xlsx"].map((f) => `${tour}/${f}`));
  const lot2 = lots.getByRole("button", { name: /^Lot 2 ·/ });
  await lot2.filter({ hasText: "(4 offres)" }).waitFor();
  await lot2.click();
  const received = page.getByRole("list", { name: /Offres reçues|Offers received/ });
  const variantLine = received.getByRole("listitem").filter({ hasText: "vannes-logiciels-variante.xlsx" });
  assert.match(await variantLine.innerText(),
    /^vannes-logiciels-variante\.xlsx \(lot 2\) \[variante Centre de services partagé\] — Vannes Logiciels — variante « Centre de services partagé »/);
  await ranking(page).locator("tbody tr").nth(3).waitFor();
  const rows = await ranking(page).locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes("Vannes Logiciels — variante « Centre de services partagé »")), rows.join("\n"));
  assert.ok(rows.some((r) => /Vannes Logiciels\t/.test(r)), `the base offer ranked too: ${rows.join("\n")}`);
  assert.equal(await page.getByText(/sans offre de base du même soumissionnaire/).count(), 0);
  // In English, the variant's label is worded in English.
  await page.getByRole("button", { name: "English" }).click();
  await received.getByRole("listitem").filter({ hasText: "[variant Centre de services partagé]" }).waitFor();
  assert.doesNotMatch(await received.innerText(), /\[variante /);
  await page.getByRole("button", { name: "Remove vannes-logiciels.ods (lot 2)" }).waitFor();
  await page.getByRole("button", { name: "Français" }).click();
  await axe(page, "a variant beside its base");
  // The base offer removed: the variant is irregular, and says why.
  await page.getByRole("button", { name: "Retirer vannes-logiciels.ods (lot 2)" }).click();
  await page.getByText(/Centre de services partagé » sans offre de base du même soumissionnaire/).first().waitFor();
  await page.screenshot({ path: `${root}target/e2e/variant-without-base.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the decision on optional services is asked for before the ranking and changes the prices compared", async () => {
  const { context, page, errors } = await open();
  const grid = JSON.parse(readFileSync(`${bpu}/grid.json`, "utf8"));
  // The hidden line's quantity made public: the app is not given the buyer's quantities here.
  for (const l of grid.families[1].criteria[0].schedule.lines) if (l.id === "2.3") l.quantity = 40;
  await page.locator("#fichier-grille").setInputFiles([file("bpu-dqe.json", grid)]);
  await page.locator("#fichiers-offres").setInputFiles(["a", "b", "c", "d", "e"].map((n) => `${bpu}/offers/${n}.json`));
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  const before = await ranking(page).locator("tbody").innerText();
  await page.getByRole("button", { name: /^6\. Les décisions/ }).click();
  const todo = page.getByRole("list", { name: "À décider" });
  assert.match(await todo.innerText(),
    /Décider, avant le classement, quelles prestations supplémentaires éventuelles sont retenues \(« PSE 1 : formation sur site », « PSE 2 : application mobile »\)/);
  await page.getByLabel("PSE 1 : formation sur site").check();
  await page.getByLabel("Motif (budget, besoin confirmé…)").fill("la formation sur site entre dans le budget");
  await page.locator("#pse-auteur").fill("Chloé Diallo");
  await axe(page, "decision on optional services");
  await page.getByRole("button", { name: "Enregistrer la décision sur les PSE" }).click();
  await page.getByRole("status").filter({ hasText: /retenues : « PSE 1 : formation sur site »$/ }).waitFor();
  assert.equal(await page.getByText(/quelles prestations supplémentaires éventuelles sont retenues/).count(), 0);
  const after = await ranking(page).locator("tbody").innerText();
  assert.notEqual(after, before, "the prices compared include the service kept");
  await page.locator("#titre-pse").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${root}target/e2e/pse-decided.png` });
  // Withdrawn: asked for again.
  await page.getByRole("button", { name: "Retirer la décision sur les PSE" }).click();
  await page.getByText(/quelles prestations supplémentaires éventuelles sont retenues/).first().waitFor();
  assert.equal(await ranking(page).locator("tbody").innerText(), before);
  assert.deepEqual(errors, []);
  await context.close();
});
