// The supplier's self-check in a real browser: a supplier loads the default grid and its own filled
// response form (the sample's Nuage Global, which fails three eliminatory requirements) and reads
// what its offer would get, in words addressed to it. Screenshots at 1366 and 390 px are saved under
// target/e2e/selfcheck-*.png for a person to look at.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { axe, open, root, sample, useBrowser } from "./browser.mjs";

useBrowser();

test("the supplier's self-check: eliminatory failures, points to gain, criteria the buyer appraises, evidence, price simulation", async () => {
  const { context, page, errors } = await open();
  await page.setViewportSize({ width: 1366, height: 900 });
  await page.getByRole("button", { name: "Candidat : contrôler mon offre" }).click();
  await page.getByLabel(/Ajouter des offres/).setInputFiles(`${sample}/offre-nuage-global.csv`);
  const section = page.getByRole("region", { name: /Autocontrôle/ });
  const failed = section.getByRole("list", { name: /Exigences éliminatoires non satisfaites/ });
  await failed.getByText(/REV-01/).waitFor();
  const shots = `${root}target/e2e`;
  mkdirSync(shots, { recursive: true });
  await section.screenshot({ path: `${shots}/selfcheck-1366.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: `${shots}/selfcheck-390.png` });
  await page.setViewportSize({ width: 1366, height: 900 });
  const text = await section.innerText();

  // Eliminatory requirements failed come first, each with the answer given and what is required.
  const failures = await failed.innerText();
  for (const id of ["REV-01", "REV-03", "SUP-01", "SUP-04"]) assert.match(failures, new RegExp(id));
  assert.match(failures, /SUP-01[^\n]*98,5[^\n]*au moins 99 %/);
  assert.ok(text.indexOf("Exigences éliminatoires") < text.indexOf("Points à gagner"), "failures before the points");

  // The price: assumed the lowest, hence full price points, never listed among the points to gain.
  assert.match(text, /supposant votre prix le plus bas/);
  const toGain = section.getByRole("list", { name: /Points à gagner/ });
  const items = toGain.getByRole("listitem");
  assert.ok(await items.count() >= 10);
  const list = await toGain.innerText();
  assert.doesNotMatch(list, /PRIX|Prix global/, "the price is not a point to gain when it is assumed the lowest");

  // A criterion with 0 of 3 reads as 3 points to gain out of 3; one with some points says how many.
  assert.match(await items.filter({ hasText: "INT-03" }).innerText(), /^INT-03 — Authentification fédérée : 3 points à gagner sur 3\.$/m);
  assert.match(await items.filter({ hasText: "INT-02" }).innerText(), /: 2,1 points à gagner sur 3 \(0,9 point obtenu\)\./);
  assert.doesNotMatch(text, /perdu/);
  // Most to gain first.
  const gains = (await items.allInnerTexts()).map((t) => Number(t.match(/: ([\d,]+) points? à gagner/)[1].replace(",", ".")));
  assert.deepEqual(gains, [...gains].sort((a, b) => b - a), "most to gain first");

  // The criterion the buyer appraises (INT-05, manual, 2 points) is listed apart and counted nowhere.
  assert.doesNotMatch(list, /INT-05/);
  const appraised = section.getByRole("list", { name: /Critères appréciés par l'acheteur/ });
  assert.match(await appraised.innerText(), /INT-05[\s\S]*jusqu'à 2 points/);
  // 100 points in the grid, 2 appraised by the buyer: the self-check computes 98.
  assert.match(text, /sur les 98 points calculés par la grille/);

  // Missing evidence, then no buyer's vocabulary nor a legal verdict the tool cannot know.
  const evidence = text.slice(text.indexOf("Justificatifs demandés et absents"));
  assert.match(evidence, /Rapport de mesure de l.énergie par transaction \(SOB-01 — Énergie par transaction\)/);
  assert.match(evidence, /Plan de réversibilité \(REV-01\)/, "the criterion's label is not repeated");
  assert.doesNotMatch(text, /soumissionnaire|écartée|irrégulière|évaluateurs|commission/i);

  // The price simulation: 40 × 49 200 / 98 400 (its 82 000 € HT with VAT) = 20.
  await page.getByLabel(/prix le plus bas d'un concurrent/).fill("49200");
  const status = section.getByRole("status");
  await status.filter({ hasText: /49\s200\s€\sTTC/ }).waitFor();
  assert.match(await status.innerText(), /20 points sur 40/);
  // Every price said with its basis, the grid's (TTC here).
  assert.match(await section.innerText(), /Votre prix\s:\s98\s400\s€\sTTC ; méthode proportionnelle/);
  await axe(page, "self-check");

  // In English, the same page addressed to the supplier.
  await page.getByRole("button", { name: "English" }).click();
  const english = page.getByRole("region", { name: /Self-check/ });
  await english.getByRole("list", { name: /Points to gain/ }).waitFor();
  const en = await english.innerText();
  assert.match(en, /assuming your price is the lowest/);
  assert.match(en, /Criteria the buyer appraises[\s\S]*INT-05/);
  const int03 = english.getByRole("list", { name: /Points to gain/ }).getByRole("listitem").filter({ hasText: "INT-03" });
  assert.match(await int03.innerText(), /^INT-03 — Federated authentication: 3 points to gain out of 3\.$/m);
  assert.doesNotMatch(en, /lost|bidder|set aside|irregular|evaluators/i);
  await english.screenshot({ path: `${shots}/selfcheck-en-1366.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
