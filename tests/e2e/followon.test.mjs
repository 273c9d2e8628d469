// A follow-on contract (marché subséquent) in a real browser: the grid names its framework
// agreement and holders; an offer of a holder (named differently, or recognised by its SIREN) is
// ranked, another bidder's is set aside as irregular with the reason; the results name the
// framework agreement and its grid, in both languages.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, open, ranking, root, useBrowser } from "./browser.mjs";

useBrowser();

const offer = (n) => JSON.parse(readFileSync(`${root}tests/cases/hebergement/offers/${n}.json`, "utf8"));
const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(value)) });

test("a follow-on contract ranks the framework agreement's holders only and says why another bidder is set aside", async () => {
  const { context, page, errors } = await open();
  const grid = JSON.parse(readFileSync(`${root}criteria/hebergement.json`, "utf8"));
  grid.format = "jauge-grid/2";
  grid.follow_on = {
    framework: "GIPNA-2027-03 lot 1",
    grid: { id: "accord-cadre-hebergement", version: "1.0.0", fingerprint: "ab".repeat(32) },
    // Hébergeur Breizh by its SIREN (the offer gives another establishment's SIRET), Scop
    // Numérique Ouest by its name as the contract writes it.
    holders: [{ name: "Breizh Hébergement", siret: "73282932000108" }, { name: "SCOP NUMÉRIQUE OUEST" }],
  };
  await page.locator("#fichier-grille").setInputFiles([file("marche-subsequent.json", grid)]);
  const announced = page.locator(".marche-subsequent");
  await page.locator("#fichiers-offres").setInputFiles(["a", "b", "e"].map((n) => file(`${n}.json`, offer(n))));
  await ranking(page).locator("tbody tr").nth(1).waitFor();
  assert.equal(await announced.innerText(),
    "Marché subséquent de l'accord-cadre « GIPNA-2027-03 lot 1 » (grille accord-cadre-hebergement 1.0.0, empreinte "
    + "ab".repeat(32) + ") : seuls ses titulaires peuvent remettre une offre (« Breizh Hébergement », « SCOP NUMÉRIQUE OUEST ») ; "
    + "l'offre d'un autre soumissionnaire est irrégulière.");
  // The two holders ranked, the other bidder set aside with the reason.
  const rows = await ranking(page).locator("tbody tr").allInnerTexts();
  assert.equal(rows.length, 2, rows.join("\n"));
  assert.ok(rows.some((r) => r.includes("Hébergeur Breizh")) && rows.some((r) => r.includes("Scop Numérique Ouest")), rows.join("\n"));
  const aside = page.getByRole("heading", { name: /^(Offres écartées|Offers set aside)/ }).locator("xpath=following-sibling::ul[1]");
  const text = await aside.innerText();
  assert.match(text, /Cloud Européen SA/);
  assert.match(text, /le soumissionnaire n'est pas titulaire de l'accord-cadre « GIPNA-2027-03 lot 1 » : seuls ses titulaires peuvent remettre une offre pour ce marché subséquent ; offre irrégulière/);
  await axe(page, "follow-on contract");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText(/^Follow-on contract of the framework agreement "GIPNA-2027-03 lot 1" \(grid accord-cadre-hebergement 1\.0\.0/).waitFor();
  assert.match(await aside.innerText(), /the bidder is not a holder of the framework agreement "GIPNA-2027-03 lot 1"/);
  assert.deepEqual(errors, []);
  await context.close();
});
