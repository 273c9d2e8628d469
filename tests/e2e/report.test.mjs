// Section 7 (the analysis report, the exports, the letters, the archive) is a module of its own
// (issue 17): not part of the first load, fetched once offers are read. While it loads, the
// decisions say so; a failed fetch is said where section 7 stands, in French, with « Réessayer »,
// and nothing the buyer entered is lost; once loaded, section 7 follows the page's language and
// its changes. Screenshot under target/e2e/.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { axe, open, ranking, root, useBrowser } from "./browser.mjs";

useBrowser();

test("the report module: fetched once offers are read, a failed fetch said with « Réessayer », nothing lost", async () => {
  const { context, page, requests, errors } = await open();
  await page.waitForLoadState("networkidle");
  const reportModule = /\/jauge-rapport-[0-9a-f]{10}\.(js|wasm)$/;
  assert.deepEqual(requests.filter((r) => reportModule.test(r.url)), [], "the report module is not part of the first load");
  // Before any offer, section 7 says what it will hold, without the module.
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  await page.getByText("Le rapport d'analyse est établi une fois les offres lues (section 2).").waitFor();
  assert.deepEqual(requests.filter((r) => reportModule.test(r.url)), [], "still not fetched");
  let failOnce = true;
  await context.route(reportModule, (route) => {
    if (failOnce && route.request().url().endsWith(".wasm")) {
      failOnce = false;
      return route.abort("internetdisconnected");
    }
    return route.continue();
  });
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  // The fetch failed: said where section 7 stands, under its heading, with « Réessayer ».
  const unavailable = page.getByRole("alert").filter({ hasText: "rapport d'analyse indisponible" });
  await unavailable.waitFor();
  assert.match(await unavailable.innerText(), /rien de ce que vous avez saisi n'est perdu/);
  // Its heading keeps the id the home screen's path leads to.
  await page.locator("h2#titre-rapport").filter({ hasText: "7. Le rapport d'analyse des offres" }).waitFor();
  // The decisions wait for the analysis, and say so; a mark typed meanwhile is kept.
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  await page.getByText("Analyse en cours de chargement (section 7)…").waitFor();
  mkdirSync(`${root}target/e2e`, { recursive: true });
  await page.screenshot({ path: `${root}target/e2e/report-unavailable.png`, fullPage: true });
  await axe(page, "report module unavailable");
  const before = await ranking(page).innerText();
  await unavailable.getByRole("button", { name: "Réessayer" }).click();
  // Loaded: section 7 is the module's, the decisions have the analysis, nothing was lost.
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  await page.getByRole("button", { name: "Rapport d'analyse à imprimer (HTML)" }).waitFor();
  assert.equal(await unavailable.count(), 0, "the message goes once the module is loaded");
  assert.equal(await page.getByText("Analyse en cours de chargement (section 7)…").count(), 0);
  assert.equal(await ranking(page).innerText(), before, "the results are unchanged");
  assert.match(await page.locator("#titre-rapport-contenu").innerText(), /Points en suspens avant signature|Rien n'est en suspens/);
  await page.screenshot({ path: `${root}target/e2e/report-loaded.png`, fullPage: true });
  // The module follows the page's language.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("button", { name: "Analysis report to print (HTML)" }).waitFor();
  assert.ok(requests.filter((r) => /\/jauge-rapport-[0-9a-f]{10}\.wasm$/.test(r.url)).length >= 1, "fetched once offers were read");
  assert.deepEqual(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|jauge-rapport/.test(e)), []);
  await context.close();
});
