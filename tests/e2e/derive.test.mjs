// A member derives a local grid from a pooling structure's catalogue entry in a real browser: the
// signed catalogue opened at its HTTPS address (the fixtures of tests/fixtures/catalogue, served by
// the test), the structure's key pinned, a grid used once its fingerprint is checked, then adapted
// in the editor: a weight and a threshold changed, the differences from the published grid and the
// suggested version shown, and the grid downloaded names the catalogue's release as its parent.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, download, open, root, useBrowser } from "./browser.mjs";

useBrowser();

const fixtures = `${root}tests/fixtures/catalogue`;
const site = "https://mutualisation.example/";
const published = "c7bec1493a7d90ad1ce55feab5b2e755bbdfa94eac366131e7f852d9c9c0d74e";

/** Types into a field from the keyboard and leaves it, as a user does. */
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

test("a grid derived from a catalogue entry: a weight and a threshold changed, the differences, the version and the parent", async () => {
  const { context, page, errors } = await open();
  await context.route(`${site}**`, (route) => {
    const path = new URL(route.request().url()).pathname.slice(1);
    const headers = { "Access-Control-Allow-Origin": "*" };
    try {
      return route.fulfill({ status: 200, body: readFileSync(`${fixtures}/${path}`), headers });
    } catch {
      return route.fulfill({ status: 404, body: "", headers });
    }
  });
  await page.getByText("Ouvrir un catalogue de grilles (structure de mutualisation)").click();
  await page.getByLabel("Adresse du catalogue (HTTPS, catalogue.json)").fill(`${site}signe/catalogue.json`);
  await page.getByRole("button", { name: "Ouvrir le catalogue" }).click();
  const pin = page.locator(".epingler");
  await pin.getByLabel(/Clé publique de la structure/).fill(readFileSync(`${fixtures}/signe/structure.pub`, "utf8"));
  await pin.getByRole("button", { name: "Épingler cette clé" }).click();
  const table = page.getByRole("table", { name: "Grilles du catalogue" });
  await table.getByRole("button", { name: "Utiliser Achat numérique responsable 2.0.0" }).click();
  await page.locator("dl.identite").getByText(published).waitFor();

  // Adapted in the editor: the catalogue's release is the parent.
  await press(page, "Rédiger une grille");
  await press(page, "Adapter la grille choisie (numerique-responsable 2.0.0)");
  assert.equal(await page.locator("#ed-g-version").inputValue(), "2.0.1");
  const versions = page.getByRole("region", { name: /Différences avec numerique-responsable 2.0.0/ });
  assert.match(await versions.innerText(), /adaptation locale de numerique-responsable 2\.0\.0/);
  // A weight (INT-01: 4 → 5, INT-02 down by one so the scale still adds up) and a threshold (REV-05's first band).
  await type(page, "#ed-c0-0-weight", "5");
  await type(page, "#ed-c0-1-weight", "2");
  if (!(await page.locator("#ed-c1-3-rule-bands-0-").count())) {
    await page.getByText("Question, réponse, règle et exigence de REV-05").focus();
    await page.keyboard.press("Enter");
  }
  await type(page, "#ed-c1-3-rule-bands-0-", "5");
  await page.getByText("La grille est valide.").waitFor();
  const listed = await versions.getByRole("list", { name: "Critère par critère" }).innerText();
  assert.match(listed, /INT-01 \(interoperabilite\)\n.*4 → 5.* — peut changer les notes/);
  assert.match(listed, /REV-05 \(reversibilite\)\n.* — peut changer les notes/);
  assert.match(await versions.innerText(), /version suggérée : 3\.0\.0/);
  await press(page, "Passer en version 3.0.0");
  await axe(page, "a grid derived from a catalogue entry");

  // The file names the published release it derives from.
  const file = await download(page, page.getByRole("button", { name: /^Télécharger la grille/ }));
  const grid = JSON.parse(file.bytes);
  assert.equal(grid.version, "3.0.0");
  assert.deepEqual(grid.parent, { id: "numerique-responsable", version: "2.0.0", fingerprint: published });
  assert.equal(grid.families[0].criteria[0].weight, 5);
  assert.deepEqual(errors, []);
  await context.close();
});
