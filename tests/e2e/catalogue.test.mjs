// A member opens a pooling structure's signed catalogue in a real browser: the catalogue, its
// signature, its key and its grids fetched from an HTTPS address (the fixtures of
// tests/fixtures/catalogue, served by the test at https://mutualisation.example/ as a structure's
// web server would); the structure's key pinned on first sight, the signer shown, a grid used (its
// fingerprint shown); a catalogue changed after signing refused, a grid changed after publication
// refused, each with the reason; the page reloaded offline still lists the kept catalogue.
// Screenshot under target/e2e/.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, footprint, open, root, useBrowser } from "./browser.mjs";

useBrowser();

const fixtures = `${root}tests/fixtures/catalogue`;
const site = "https://mutualisation.example/";

test("a signed catalogue: pin the key, see the signer, use a grid; tampered ones refused; offline", async () => {
  const { context, page, requests, errors, transfer } = await open();
  await page.waitForLoadState("networkidle");
  await footprint(page, requests, transfer, "home");
  const served = [];
  await context.route(`${site}**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    served.push(path);
    const headers = { "Access-Control-Allow-Origin": "*" };
    try {
      return route.fulfill({ status: 200, body: readFileSync(`${fixtures}/${path}`), headers });
    } catch {
      return route.fulfill({ status: 404, body: "", headers });
    }
  });
  // The catalogues are a module of their own (issue 17): not fetched until the fold is opened. Its
  // first fetch fails here: the fold says why, in French, and « Réessayer » loads it.
  const catalogueModule = /\/jauge-catalogues-[0-9a-f]{10}\.(js|wasm)$/;
  assert.deepEqual(requests.filter((r) => catalogueModule.test(r.url)), [], "the catalogue's module is not part of the first load");
  let failOnce = true;
  await context.route(catalogueModule, (route) => {
    if (failOnce && route.request().url().endsWith(".wasm")) {
      failOnce = false;
      return route.abort("internetdisconnected");
    }
    return route.continue();
  });
  await page.getByText("Ouvrir un catalogue de grilles (structure de mutualisation)").click();
  const unavailable = page.locator("section[aria-labelledby=titre-grille] details").getByRole("alert");
  await unavailable.filter({ hasText: "catalogues de grilles indisponibles" }).waitFor();
  await unavailable.getByRole("button", { name: "Réessayer" }).click();
  await page.getByLabel("Adresse du catalogue (HTTPS, catalogue.json)").waitFor();
  assert.equal(await unavailable.count(), 0, "the message goes once the module is loaded");
  // The failed fetch is the only console error so far (the browser reports the aborted request).
  assert.deepEqual(errors.splice(0).filter((e) => !/ERR_INTERNET_DISCONNECTED|ERR_FAILED|Failed to fetch|jauge-catalogues/.test(e)), []);
  assert.ok(requests.some((r) => /\/jauge-catalogues-[0-9a-f]{10}\.wasm$/.test(r.url)), "the module fetched when opened");
  const openAt = async (folder) => {
    await page.getByLabel("Adresse du catalogue (HTTPS, catalogue.json)").fill(`${site}${folder}/catalogue.json`);
    await page.getByRole("button", { name: "Ouvrir le catalogue" }).click();
  };

  // First sight: the key id from the signature, a key to pin; the one that came with it proves nothing.
  await openAt("signe");
  const pin = page.locator(".epingler");
  await pin.getByText("Premier catalogue signé par la clé 26EB2E1FDC1DA597").waitFor();
  assert.match(await pin.innerText(), /Elle ne prouve rien/);
  assert.deepEqual(served.slice(0, 3), ["signe/catalogue.json", "signe/catalogue.json.minisig", "signe/structure.pub"]);
  await pin.getByLabel(/Clé publique de la structure/).fill(readFileSync(`${fixtures}/signe/structure.pub`, "utf8"));
  await pin.getByRole("button", { name: "Épingler cette clé" }).click();
  const signer = page.locator(".signataire");
  await signer.waitFor();
  assert.equal(
    await signer.innerText(),
    "Signature vérifiée : catalogue de « GIP Mutualisation Exemple », clé 26EB2E1FDC1DA597 — commentaire signé : « Catalogue de test de Jauge, 2026-11-30 »",
  );
  const table = page.getByRole("table", { name: "Grilles du catalogue" });
  const rows = await table.locator("tbody tr").allInnerTexts();
  assert.deepEqual(rows.map((r) => r.split("\t").slice(1, 4).join(" | ")), [
    "2.0.0 | publiée | Licence Ouverte 2.0",
    "2.0.0 | publiée | Licence Ouverte 2.0",
  ]);
  assert.match(await page.locator(".cles-epinglees").innerText(), /GIP Mutualisation Exemple — clé 26EB2E1FDC1DA597/);

  // A grid used: fetched beside the catalogue, its fingerprint checked, chosen.
  await table.getByRole("button", { name: "Utiliser Hébergement et infogérance d'infrastructure 2.0.0" }).click();
  const identity = page.locator("dl.identite");
  await identity.getByText("e80121cd5c1766430e6f0b2e866f8c83bafde4397efffac8e141ebe59777bffa").waitFor();
  assert.match(await identity.innerText(), /Hébergement et infogérance d'infrastructure/);
  assert.ok(served.includes("signe/grilles/hebergement.json"), served.join("\n"));
  await table.getByText("(utilisée)").waitFor();
  await axe(page, "catalogue");
  const shots = `${root}target/e2e`;
  mkdirSync(shots, { recursive: true });
  await page.locator("section[aria-labelledby=titre-grille]").screenshot({ path: `${shots}/catalogue-1366.png` });

  // A catalogue changed after signing: refused, with the reason, nothing listed.
  await openAt("altere");
  const refused = page.locator(".catalogue").getByRole("alert");
  await refused.filter({ hasText: "Catalogue refusé" }).waitFor();
  assert.equal(
    await refused.innerText(),
    "Catalogue refusé : la signature ne correspond pas au catalogue : il a été modifié après avoir été signé",
  );
  assert.equal(await page.getByRole("table", { name: "Grilles du catalogue" }).count(), 0);

  // A grid changed after publication (the catalogue intact): refused when used, with the reason.
  await openAt("grille-alteree");
  await signer.waitFor();
  await table.getByRole("button", { name: /^Utiliser Hébergement/ }).click();
  await refused.filter({ hasText: "empreinte" }).waitFor();
  assert.equal(
    await refused.innerText(),
    "grilles/hebergement.json : empreinte 84053c12f106b152… au lieu de e80121cd5c176643… inscrite au catalogue : la grille a été modifiée après publication",
  );
  assert.match(await identity.innerText(), /e80121cd5c1766430e6f0b2e866f8c83bafde4397efffac8e141ebe59777bffa/, "the grid in use is unchanged");
  await page.locator(".catalogue").screenshot({ path: `${shots}/catalogue-grille-alteree-1366.png` });

  // Offline: the signed catalogue, opened last, is shown again from the browser's copy.
  await openAt("signe");
  await table.getByText("(utilisée)").waitFor();
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.getByRole("heading", { name: "Jauge" }).waitFor();
  await signer.waitFor();
  assert.match(await signer.innerText(), /GIP Mutualisation Exemple/);
  assert.match(await page.locator(".catalogue").innerText(), /Copie gardée dans ce navigateur/);
  assert.equal(await table.locator("tbody tr").count(), 2);
  await table.getByText("(utilisée)").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
