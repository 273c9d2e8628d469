// What every browser test file shares: the browser (Debian's Chromium driven by playwright-core,
// launched once per file), a fresh page that records its requests and errors, axe-core, the
// sobriety figures, downloads. Imported by the tests/e2e/*.test.mjs files, which `cargo xtask test`
// runs one after the other against the built app (JAUGE_URL, JAUGE_HTML, JAUGE_API_URL).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before } from "node:test";
import { chromium } from "playwright-core";
import { ecoindex } from "./ecoindex.mjs";

process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = "1";

export const url = process.env.JAUGE_URL;
export const single = process.env.JAUGE_HTML;
export const root = new URL("../../", import.meta.url).pathname;
export const axeSource = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
export const sample = `${root}samples/portail-citoyen/tableurs`;
let browser;

/** Launches the browser before the file's tests and closes it after them. */
export function useBrowser() {
  before(async () => {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"],
    });
  });
  after(async () => browser?.close());
}

/** A fresh page that records every request (and the bytes transferred) and every console error. */
export async function open(address = url) {
  const context = await browser.newContext({ acceptDownloads: true });
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  // Bytes and requests that reached the network (a file the browser takes from its HTTP cache
  // does not count).
  const transfer = { bytes: 0, requests: 0 };
  // Every request of the page, its workers and its service worker (PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS).
  context.on("request", (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData(), sw: !!r.serviceWorker() }));
  context.on("requestfinished", async (r) => {
    const sizes = await r.sizes().catch(() => ({ responseBodySize: 0, responseHeadersSize: 0 }));
    if (sizes.responseBodySize < 0 || sizes.responseBodySize + sizes.responseHeadersSize <= 0) return; // HTTP cache
    const response = await r.response();
    // Worker requests may report no body size: the Content-Length the server sent then counts.
    const body = sizes.responseBodySize || Number((await response?.allHeaders())?.["content-length"] ?? 0);
    transfer.bytes += body + sizes.responseHeadersSize;
    transfer.requests += 1;
  });
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(address);
  await page.getByRole("heading", { name: "Jauge" }).waitFor();
  return { context, page, requests, errors, transfer };
}

/**
 * After the first load, the app may fetch only its own files, and only when first needed: the
 * reader module (worker script, its glue and wasm), the grid editor's module when its mode is
 * chosen, the catalogues' when opened, the report's once offers are read and, when asked for,
 * the sample tender. Each
 * is a GET of the site's own file, without query string or body: no request carries bid data.
 */
export function assertOnlyAppFiles(later, what) {
  const allowed = /^\/(lecteur-[0-9a-f]{10}\.js|jauge-(espace-|editeur-|catalogues-|rapport-)?[0-9a-f]{10}\.(js|wasm)|exemple\/[\w.-]+)$/;
  for (const r of later) {
    const u = new URL(r.url);
    assert.equal(`${u.protocol}//${u.host}/`, url, `${what}: ${r.url} is not the site`);
    assert.equal(r.method, "GET", `${what}: ${r.method} ${r.url}`);
    assert.equal(r.body ?? null, null, `${what}: a request with a body`);
    assert.equal(u.search, "", `${what}: a query string in ${r.url}`);
    assert.match(u.pathname, allowed, `${what}: unexpected request ${r.url}`);
  }
}

/** The sobriety figures of a screen and its EcoIndex, printed for the record. */
export async function footprint(page, requests, transfer, screen) {
  const dom = await page.evaluate(() => document.getElementsByTagName("*").length);
  const kb = Math.round(transfer.bytes / 1024);
  const figures = { screen, dom, requests: transfer.requests, kb, ecoindex: ecoindex(dom, transfer.requests, kb) };
  console.log(`sobriety ${JSON.stringify(figures)}`);
  return figures;
}

export async function axe(page, screen) {
  // Evaluated through the DevTools protocol: the page's CSP rightly refuses inline scripts.
  await page.evaluate(`${axeSource}\n;0`);
  const result = await page.evaluate(() => window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }));
  const found = result.violations.map((v) => `${v.id}: ${v.nodes.length} (${v.help})`);
  assert.deepEqual(found, [], `axe on the ${screen} screen`);
}

/** Clicks a button and returns the download it starts, with its bytes. */
export async function download(page, button) {
  const [file] = await Promise.all([page.waitForEvent("download"), button.click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
}

/**
 * Fills the form « Enregistrer une décision » and submits it: the kind and the outcome by their
 * codes, the offer by the text of its option (offers are chosen by identity; the option names the
 * supplier and the file), the detail only when given.
 */
export async function recordDecision(page, { kind, offer, outcome, detail, date = "2026-10-28", author = "Chloé Diallo" }) {
  await page.getByLabel("Objet", { exact: true }).selectOption(kind);
  const offers = page.getByLabel("Offre", { exact: true });
  await offers.selectOption(await offers.locator("option", { hasText: offer }).getAttribute("value"));
  await page.getByLabel("Date", { exact: true }).fill(date);
  await page.getByLabel("Auteur", { exact: true }).fill(author);
  await page.getByLabel("Issue", { exact: true }).selectOption(outcome);
  if (detail) await page.getByLabel(/Ce qui a été demandé/).fill(detail);
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
}

export const ranking = (page) => page.getByRole("table", { name: /Classement|Ranking/ });

/**
 * Enters the evaluators' marks as a buyer does (offer files never carry marks): for each
 * `[who, mark, appraisal]`, the first line of the « notes à saisir » list that starts with `who`
 * (so a variant is marked before its base offer) opens the offer's detail at its mark field; the mark and its appraisal are saved, then the detail
 * is closed.
 */
export async function enterMarks(page, marks) {
  // « 1 note à saisir », « 3 notes à saisir ».
  const list = page.getByRole("list", { name: /notes? à saisir/ });
  for (const [who, mark, appraisal] of marks) {
    const escaped = who.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    const line = list.getByRole("button", { name: new RegExp(`^${escaped}`) }).first();
    await line.waitFor({ timeout: 15000 }).catch(async () => {
      const shown = (await list.count()) ? await list.innerText() : "no list of marks to enter";
      throw new Error(`no mark to enter for « ${who} »; the page shows: ${shown}`);
    });
    await line.click();
    // The form the list led to holds the focus: held by its place, whatever takes the focus next.
    await page.waitForFunction(() => document.activeElement?.closest("form.note"));
    const index = await page.locator("form.note").evaluateAll((forms) => forms.findIndex((f) => f.contains(document.activeElement)));
    const form = page.locator("form.note").nth(index);
    await form.getByLabel(/^Note sur/).fill(mark);
    await form.getByLabel("Appréciation écrite").fill(appraisal);
    await form.getByRole("button", { name: "Enregistrer la note" }).click();
    await form.getByRole("status").filter({ hasText: "Note enregistrée" }).waitFor();
    await page.getByRole("button", { name: "Fermer le détail" }).click();
  }
}
