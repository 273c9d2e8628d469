// The analysis report printed on A4 as a committee member gets it: every table whole on its page
// (no column cut at the right edge), every column heading and every offer's total on paper. The
// reports are made by the CLI (JAUGE_CLI) from the sample committee session, in French and in
// English, with the internal worksheet, and from crowded sessions (more offers with long names,
// long family labels): with nine offers the annex needs landscape pages, with twelve it is cut in
// two tables that each repeat the criterion column. Each report is printed to PDF by Chromium,
// its text read page by page with pdftotext, and rendered to PNG under target/e2e/ for people to
// look at.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { test } from "node:test";
import { open, root, useBrowser } from "./browser.mjs";

useBrowser();

const session = `${root}samples/portail-citoyen/commission/session.json`;
const out = `${root}target/e2e`;
/** The width printed text may take on an A4 page with 14 mm margins, in CSS pixels. */
const portrait = Math.floor((182 / 25.4) * 96);
const landscape = Math.floor((269 / 25.4) * 96);

/** Runs the `jauge` CLI built for these tests (JAUGE_CLI). */
function cli(...args) {
  return execFileSync(process.env.JAUGE_CLI ?? `${root}target/debug/jauge`, args, { cwd: root, encoding: "utf8" });
}

/** The sample session made crowded: `more` offers with long names, long family labels. */
function crowded(dir, more) {
  const s = JSON.parse(readFileSync(session, "utf8"));
  const copies = s.offers.slice(0, more).map((o, i) => ({
    ...structuredClone(o),
    id: createHash("sha256").update(`copie ${i}`).digest("hex"),
    source: `offre-groupement-${i}.xlsx`,
    supplier: { ...o.supplier, name: `Groupement intercommunal de développement numérique ${i}` },
  }));
  s.offers = [...s.offers, ...copies];
  const grid = JSON.parse(s.grid);
  for (const f of grid.families) f.label.fr += " et engagements complémentaires";
  s.grid = JSON.stringify(grid);
  writeFileSync(join(dir, `encombree-${more}.json`), JSON.stringify(s));
  return join(dir, `encombree-${more}.json`);
}

/**
 * Lays the page out for print at the width of the paper it goes on and returns what sticks out:
 * each table wider than its container or than the paper, and any element past the paper's edge.
 * `wide` measures the sections printed on landscape pages, otherwise the others.
 */
async function overflows(page, width, wide) {
  await page.setViewportSize({ width, height: 1200 });
  await page.emulateMedia({ media: "print" });
  return page.evaluate(([width, wide]) => {
    const mine = (e) => !!e.closest("section.landscape") === wide;
    const name = (e) => `${e.closest("section")?.querySelector("h2, h3")?.textContent ?? "title"} › ${e.tagName.toLowerCase()} « ${e.textContent.trim().slice(0, 40)} »`;
    const found = [];
    for (const t of document.querySelectorAll("table")) {
      if (mine(t) && (t.scrollWidth > t.parentElement.clientWidth + 1 || t.getBoundingClientRect().right > width + 1)) {
        found.push(`${name(t)}: ${t.scrollWidth} px for ${t.parentElement.clientWidth}`);
      }
    }
    for (const e of document.querySelectorAll("main *")) {
      if (mine(e) && e.getBoundingClientRect().right > width + 1) found.push(`${name(e)} ends at ${Math.round(e.getBoundingClientRect().right)} px`);
    }
    return found;
  }, [width, wide]);
}

/** Every table's column headings and the ranking's totals, as the page shows them. */
async function expected(page) {
  return page.evaluate(() => {
    const tables = [...document.querySelectorAll("table")].map((t) => [...t.querySelectorAll("thead th")].map((th) => th.textContent.trim()));
    const heads = (t) => [...t.querySelectorAll("thead th")].map((th) => th.textContent);
    const ranking = [...document.querySelectorAll("table")].find((t) => heads(t).some((h) => /^Total/.test(h)));
    let totals = [];
    if (ranking) {
      const column = [...ranking.querySelectorAll("thead th")].findIndex((th) => /^Total/.test(th.textContent));
      totals = [...ranking.querySelectorAll("tbody tr")].map((tr) => tr.children[column].textContent.trim());
    }
    return { tables, totals };
  });
}

/** Words as pdftotext gives them: spaces of any kind collapsed. */
const words = (text) => text.replace(/[\s\u00a0\u202f]+/g, " ").trim();

for (const [name, args] of [
  ["rapport", ["--annex-individual"]],
  ["report-en", ["--annex-individual", "--lang", "en"]],
  ["interne", ["--internal"]],
  ["paysage", []],
  ["encombre", []],
]) {
  test(`the ${name} report prints every table whole on A4`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "jauge-print-"));
    const from = { paysage: () => crowded(dir, 3), encombre: () => crowded(dir, 6) }[name]?.() ?? session;
    const html = join(dir, `${name}.html`);
    cli("report", "--session", from, "--date", "2026-11-22T10:00:00Z", ...args, "-o", html);
    const { context } = await open();
    const page = await context.newPage();
    await page.goto(pathToFileURL(html).href);

    // Nothing wider than the paper, portrait sections on portrait paper, landscape ones on landscape.
    assert.deepEqual(await overflows(page, portrait, false), [], "portrait pages: what overflows");
    assert.deepEqual(await overflows(page, landscape, true), [], "landscape pages: what overflows");
    const { tables, totals } = await expected(page);
    assert.ok(tables.length > 0, "tables");
    if (name !== "interne") assert.ok(totals.length >= 5, `the offers' totals (${totals})`);
    const annex = page.locator("section", { has: page.getByRole("heading", { name: "Annexe A. Points par critère" }) });
    if (name === "paysage") {
      assert.ok(await page.locator("section.landscape").count() > 0, "the wide annex goes on landscape pages");
    }
    if (name === "encombre") {
      assert.equal(await annex.locator("table").count(), 2, "the annex too wide even for landscape is cut in two tables");
    }

    // Printed: every heading of every table and every total is on paper.
    mkdirSync(out, { recursive: true });
    const pdf = `${out}/print-${name}.pdf`;
    await page.pdf({ path: pdf, format: "A4", preferCSSPageSize: true, printBackground: true });
    const pages = Number(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }).match(/Pages:\s+(\d+)/)[1]);
    const printed = [];
    for (let p = 1; p <= pages; p++) {
      printed.push(words(execFileSync("pdftotext", ["-layout", "-f", `${p}`, "-l", `${p}`, pdf, "-"], { encoding: "utf8" })));
    }
    const all = printed.join(" ");
    for (const header of tables) {
      for (const title of header) {
        for (const word of words(title).split(" ")) {
          assert.ok(all.includes(word), `the column heading « ${title} » is printed (missing « ${word} »)`);
        }
      }
    }
    for (const total of totals) assert.ok(all.includes(words(total)), `the total ${total} is printed`);
    // The ranking's last columns are on the same page as its first.
    const rankingPage = printed.find((t) => /Classement des offres|Ranking/.test(t) && /Signalements|Flags/.test(t));
    if (name !== "interne") assert.ok(rankingPage, "the ranking prints with its flags column");
    execFileSync("pdftoppm", ["-r", "60", "-png", pdf, `${out}/print-${name}`]);
    await context.close();
  });
}
