// Drives the browser benchmark page in headless Chromium and prints its figures (cargo xtask bench-web).
import { chromium } from "playwright-core";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
const errors = [];
page.on("pageerror", (e) => errors.push(String(e)));
page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
await page.goto(`${process.env.JAUGE_BENCH_URL}bench.html`);
try {
  await page.waitForFunction(() => window.benchResult, null, { timeout: 600_000, polling: 1000 });
} catch (e) {
  console.error(errors.join("\n"));
  throw e;
}
const result = await page.evaluate(() => window.benchResult);
const version = browser.version();
await browser.close();
console.log(`Chromium ${version}; Jauge's wasm reader against SheetJS 0.18.5, same files, same page, medians:`);
for (const [name, r] of Object.entries(result)) {
  console.log(`  ${name}: ${r.files} file(s), ${(r.bytes / 1048576).toFixed(1)} MiB — Jauge ${r.jauge_ms} ms, SheetJS ${r.sheetjs_ms} ms, ratio ${r.ratio}`);
}
