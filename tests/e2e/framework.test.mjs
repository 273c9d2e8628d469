// A framework agreement with variants in a real browser: the grid announces two holders in
// cascade and allows variants; a bidder sends its base offer and a variant. The offers list and
// the ranking name the variant as such, ranked as an offer of its own; the results say that the
// tender is a framework agreement and name the proposed holders once the analysis allows it.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, enterMarks, open, ranking, root, useBrowser } from "./browser.mjs";

useBrowser();

const offer = (n) => JSON.parse(readFileSync(`${root}tests/cases/hebergement/offers/${n}.json`, "utf8"));
const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(value)) });

test("a framework agreement names its proposed holders once the analysis allows, and a variant is named as such", async () => {
  const { context, page, errors } = await open();
  const grid = JSON.parse(readFileSync(`${root}criteria/hebergement.json`, "utf8"));
  grid.framework = { holders: 2, cascade: true };
  grid.variants = {};
  await page.locator("#fichier-grille").setInputFiles([file("hebergement-accord-cadre.json", grid)]);
  const variant = offer("a");
  variant.variant = "hébergement mutualisé";
  variant.answers.PRIX = "59 000 € HT";
  await page.locator("#fichiers-offres").setInputFiles([file("a.json", offer("a")), file("a-variante.json", variant), file("e.json", offer("e"))]);
  await ranking(page).locator("tbody tr").nth(2).waitFor();
  // The evaluators mark the manual criterion, Scop Numérique Ouest's offer last.
  await enterMarks(page, [
    ["Hébergeur Breizh — variante", "8", "Plan de migration détaillé, tests de bascule prévus."],
    ["Hébergeur Breizh", "8", "Plan de migration détaillé, tests de bascule prévus."],
  ]);
  const box = page.locator(".accord-cadre");
  assert.match(await box.innerText(), /^Accord-cadre à 2 titulaires au plus, nombre fixé par les documents de la consultation : les offres régulières les mieux classées, de soumissionnaires distincts, sont proposées comme titulaires\. Ceux-ci sont classés : les commandes leur sont proposées dans cet ordre, selon les modalités de l.accord-cadre \(cascade\)\./);
  assert.match(await box.innerText(), /Les titulaires proposés seront désignés quand l'analyse sera terminée/);
  assert.equal(await page.getByRole("list", { name: "Titulaires proposés :" }).count(), 0);
  // The variant, named as such in the offers list and the ranking.
  const received = page.getByRole("list", { name: /Offres reçues/ });
  assert.match(await received.getByRole("listitem").filter({ hasText: "a-variante.json" }).innerText(), /— Hébergeur Breizh — variante « hébergement mutualisé »/);
  const rows = await ranking(page).locator("tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes("Hébergeur Breizh — variante « hébergement mutualisé »")), rows.join("\n"));
  assert.ok(rows.some((r) => /Hébergeur Breizh\t/.test(r)), `the base offer ranked too: ${rows.join("\n")}`);
  // The last mark given: the holders are proposed, in their order.
  await enterMarks(page, [["Scop Numérique Ouest", "7", "Plan de migration progressif par service, calendrier réaliste."]]);
  const holders = page.getByRole("list", { name: "Titulaires proposés :" });
  await holders.waitFor();
  assert.deepEqual(await holders.getByRole("listitem").allInnerTexts(), ["Hébergeur Breizh — variante « hébergement mutualisé »", "Scop Numérique Ouest"]);
  await axe(page, "framework agreement");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("list", { name: "Proposed holders:" }).waitFor();
  assert.match(await box.innerText(), /^Framework agreement with at most 2 holders, a number set by the tender documents: the best-ranked regular offers, from distinct bidders, are proposed as holders\. They are ranked: orders are offered to them in this order, under the agreement.s terms \(cascade\)\./);
  assert.deepEqual(errors, []);
  await context.close();
});
