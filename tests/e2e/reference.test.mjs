// The reference grids in a real browser: the RGESN 2024 grid (criteria/reference/catalogue/) is not
// part of the first load; chosen in the grid list, it is fetched beside the page, its nine themes
// are the families of the results of a form filled by openpyxl, the supplier's self-check runs on
// it, in French then English (the families' names and the title have English; the criteria's text
// stays as published, in French), and the editor starts from it. Screenshots under
// target/e2e/reference-*.png for a person to look at.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { test } from "node:test";
import { axe, open, ranking, root, useBrowser } from "./browser.mjs";

useBrowser();

const filled = `${root}crates/jauge-cli/tests/reference/rempli-openpyxl.xlsx`;
const themes = ["Stratégie", "Spécifications", "Architecture", "UX/UI", "Contenus", "Frontend", "Backend", "Hébergement", "Algorithmie"];
const english = ["Strategy", "Specifications", "Architecture", "UX/UI", "Content", "Frontend", "Backend", "Hosting", "Algorithms"];
const shots = `${root}target/e2e`;

test("the RGESN reference grid: fetched when chosen, its nine families, the self-check, in French then English, and the editor", async () => {
  const { context, page, requests, errors } = await open();
  mkdirSync(shots, { recursive: true });
  // The page's own requests (the service worker's copies of them aside).
  const fetched = () => requests.filter((r) => !r.sw && new URL(r.url).pathname.startsWith("/reference/")).map((r) => new URL(r.url).pathname);
  assert.deepEqual(fetched(), [], "no reference grid in the first load");

  // Chosen in the grid list: fetched then, its identity shown.
  await page.locator("#choix-grille").selectOption({ label: "Écoconception des services numériques (RGESN 2024)" });
  const identity = page.locator("dl.identite");
  await identity.getByText("Jauge — grilles de référence").waitFor();
  assert.match(await identity.innerText(), /1\.0\.0-draft/);
  assert.deepEqual(fetched(), ["/reference/rgesn-2024/1.0.0-draft.json"]);
  assert.equal(await page.locator("#choix-grille option:checked").innerText(), "Écoconception des services numériques (RGESN 2024)");

  // A form filled by openpyxl: the results' families are the nine themes and the price.
  await page.getByLabel(/Ajouter des offres/).setInputFiles(filled);
  await ranking(page).locator("tbody tr").first().waitFor();
  assert.match(await ranking(page).innerText(), /Breizh Sobriété SCOP[\s\S]*79,12/);
  const families = (await page.locator("p.famille").allInnerTexts()).map((t) => t.replace(/ \/.*$/, ""));
  assert.deepEqual(families, [...themes, "Prix"]);
  await page.locator("section[aria-labelledby='titre-resultats']").screenshot({ path: `${shots}/reference-results.png` });
  await axe(page, "results of the RGESN grid");

  // The supplier's self-check on the same form.
  await page.getByRole("button", { name: "Candidat : contrôler mon offre" }).click();
  const check = page.getByRole("region", { name: /Autocontrôle/ });
  const toGain = check.getByRole("list", { name: /Points à gagner/ });
  await toGain.waitFor();
  assert.match(await toGain.innerText(), /RGESN-1\.3 — Le service numérique a-t-il au moins un référent identifié en écoconception numérique\s\?\s:\s0,72 point à gagner sur 0,72\./);
  await check.screenshot({ path: `${shots}/reference-selfcheck-fr.png` });

  // In English: the title and the families in English, the self-check addressed to the supplier.
  await page.getByRole("button", { name: "English" }).click();
  const en = page.getByRole("region", { name: /Self-check/ });
  await en.getByRole("list", { name: /Points to gain/ }).waitFor();
  assert.match(await en.getByRole("list", { name: /Points to gain/ }).innerText(), /RGESN-1\.3 — Le service numérique a-t-il au moins un référent identifié en écoconception numérique\s\?: 0\.72 points? to gain out of 0\.72\./);
  assert.match(await identity.innerText(), /Ecodesign of digital services \(RGESN 2024\)/);
  await en.screenshot({ path: `${shots}/reference-selfcheck-en.png` });
  await page.getByRole("button", { name: "Buyer: grade the offers" }).click();
  const familiesEn = (await page.locator("p.famille").allInnerTexts()).map((t) => t.replace(/ \/.*$/, ""));
  assert.deepEqual(familiesEn, [...english, "Price"]);
  await axe(page, "results of the RGESN grid in English");

  // The editor starts from the reference grid, fetched again when asked for.
  await page.getByRole("button", { name: "Français" }).click();
  await page.getByRole("button", { name: "Rédiger une grille" }).click();
  await page.locator("#editeur-fournie").selectOption({ label: "Écoconception des services numériques (RGESN 2024)" });
  await page.getByRole("button", { name: "Partir de cette grille" }).click();
  await page.locator("#ed-g-id").waitFor();
  await page.waitForFunction(() => document.querySelector("#ed-g-id")?.value === "rgesn-2024");
  assert.equal(await page.locator("#ed-g-version").inputValue(), "1.0.0-draft");
  assert.equal(fetched().length, 2);
  assert.deepEqual(errors, []);
  await context.close();
});
