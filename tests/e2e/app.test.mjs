// End-to-end tests of the web app in a real browser (Debian's Chromium driven by playwright-core):
// the buyer's flow on the bundled sample tender, a broken file among good ones, marks kept across
// a reload, no request after the first load, axe-core (WCAG 2.1 A and AA) on every screen, the
// keyboard alone. Run by `cargo xtask test` against the built app (JAUGE_URL).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";

const url = process.env.JAUGE_URL;
const root = new URL("../../", import.meta.url).pathname;
const axeSource = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
let browser;

before(async () => {
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
});
after(async () => browser?.close());

/** A fresh page that records every request (and the bytes transferred) and every console error. */
async function open() {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  const transfer = { bytes: 0 };
  page.on("request", (r) => requests.push(r.url()));
  page.on("requestfinished", async (r) => {
    const sizes = await r.sizes();
    transfer.bytes += sizes.responseBodySize + sizes.responseHeadersSize;
  });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(url);
  await page.getByRole("heading", { name: "Jauge" }).waitFor();
  return { context, page, requests, errors, transfer };
}

/** What the EcoIndex of a screen is computed from: DOM elements, requests, kilobytes transferred. */
async function footprint(page, requests, transfer, screen) {
  const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
  const figures = { screen, dom, requests: requests.length, kb: Math.round(transfer.bytes / 1024) };
  console.log(`sobriety ${JSON.stringify(figures)}`);
  return figures;
}

async function axe(page, screen) {
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses inline scripts.
  await page.evaluate(`${axeSource}\n;0`);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.help})`);
  assert.deepEqual(found, [], `axe on the ${screen} screen`);
}

test("the buyer's flow on the sample tender, in French then English", async () => {
  const { context, page, requests, errors, transfer } = await open();
  const firstLoad = requests.length;
  assert.ok(firstLoad <= 6, `first load: ${firstLoad} requests`);
  await page.waitForLoadState("networkidle");
  await footprint(page, requests, transfer, "home");
  await axe(page, "home");
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  const table = page.getByRole("table", { name: /Classement/ });
  await table.waitFor();
  const rows = table.locator("tbody tr");
  assert.equal(await rows.count(), 5, "five offers kept, one set aside");
  assert.match(await rows.nth(0).innerText(), /Éco Portail Express[\s\S]*anormalement basse/);
  assert.match(await rows.nth(2).innerText(), /^3\s[\s\S]*ex aequo/);
  assert.match(await page.locator("main").innerText(), /Offres écartées[\s\S]*Nuage Global Ltd/);
  const results = await footprint(page, requests, transfer, "results");
  assert.ok(results.dom < 500, `results screen: ${results.dom} DOM elements`);
  await axe(page, "results");
  // The detail of one offer, with its cells.
  await page.getByRole("button", { name: "Voir le détail de Armor Numérique SCOP" }).click();
  const detail = page.getByRole("table", { name: "Points par critère" });
  await detail.waitFor();
  assert.match(await detail.innerText(), /Réponse!I22/);
  await axe(page, "detail");
  // English: every word switches, and the page's lang follows.
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("table", { name: /Ranking/ }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "en");
  assert.deepEqual(errors, []);
  assert.deepEqual(requests.slice(firstLoad), [], "no request after the first load");
  await context.close();
});

test("#exemple opens the sample tender at once", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${url}#exemple`);
  await page.getByRole("table", { name: /Classement/ }).locator("tbody tr").nth(4).waitFor();
  await context.close();
});

test("a broken file among good ones is reported and the others are read", async () => {
  const { context, page, requests } = await open();
  const firstLoad = requests.length;
  await page.getByLabel(/Ajouter des offres/).setInputFiles([
    `${root}samples/portail-citoyen/tableurs/offre-armor-numerique.xlsx`,
    `${root}tests/fixtures/tronque.xlsx`,
    `${root}samples/portail-citoyen/tableurs/offre-portail-plus.csv`,
  ]);
  await page.getByRole("alert").filter({ hasText: "tronque.xlsx" }).waitFor();
  await page.getByRole("table", { name: /Classement/ }).waitFor();
  assert.equal(await page.getByRole("table", { name: /Classement/ }).locator("tbody tr").count(), 2);
  assert.deepEqual(requests.slice(firstLoad), [], "reading files makes no request");
  await context.close();
});

test("a manual mark entered by keyboard is kept after a reload", async () => {
  const { context, page } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await page.getByRole("button", { name: "Voir le détail de Ker Développement" }).focus();
  await page.keyboard.press("Enter");
  const mark = page.getByLabel("Note sur 5");
  await mark.focus();
  await page.keyboard.type("4");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Connecteurs démontrés lors de l'audition.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  const row = page.getByRole("table", { name: /Classement/ }).locator("tbody tr").filter({ hasText: "Ker Développement" });
  await row.filter({ hasText: "classée" }).waitFor();
  await page.reload();
  await page.getByRole("table", { name: /Classement/ }).locator("tbody tr").filter({ hasText: "Ker Développement" }).filter({ hasText: "classée" }).waitFor();
  await context.close();
});
