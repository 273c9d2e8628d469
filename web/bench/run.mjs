// Drives the browser benchmark page in headless Chromium and prints its figures (cargo xtask bench-web).
import { chromium } from "playwright-core";

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run"],
});
const page = await browser.newPage();
page.on("console", (m) => { if (m.type() === "error") console.error(m.text()); });
await page.goto(`${process.env.JAUGE_BENCH_URL}bench.html`);
// The page's own errors end the run at once.
const failed = new Promise((_, reject) => page.on("pageerror", (e) => reject(e)));
await Promise.race([page.waitForFunction(() => window.benchResult, null, { timeout: 900_000, polling: 1000 }), failed]);
const result = await page.evaluate(() => window.benchResult);
const version = browser.version();
await browser.close();
console.log(`Chromium ${version}; Jauge's wasm reader against SheetJS 0.18.5, same files, same page, medians:`);
const { schedule, huge, around } = result;
delete result.schedule;
delete result.huge;
delete result.around;
for (const [name, r] of Object.entries(result)) {
  console.log(`  ${name}: ${r.files} file(s), ${(r.bytes / 1048576).toFixed(1)} MiB — Jauge ${r.jauge_ms} ms, SheetJS ${r.sheetjs_ms} ms, ` +
    `ratio ${r.ratio} (median of ${r.pairs} pairs of runs, each in turn; lowest ${r.ratio_low}, highest ${r.ratio_high})`);
}
const ms = (t) => `${t.toFixed(1)} ms`;
console.log(`  the 20 small forms around the module's call, in one run: through the worker as the app sends them (two in flight) ${ms(around.app_ms)}, ` +
  `one by one ${ms(around.one_by_one_ms)}, all sent at once ${ms(around.at_once_ms)}, ` +
  `the module's calls alone in the page ${ms(around.module_alone_ms)} (of which WebCrypto's SHA-256 ${ms(around.sha256_ms)})`);
if (huge) {
  console.log(`  20 MB workbook in a reader worker of its own: ${(huge.bytes / 1048576).toFixed(1)} MiB — read in ${huge.read_ms} ms ` +
    `(the first, with its grid checked: ${huge.first_ms} ms); wasm memory ${huge.memory_mib} MiB at its high-water mark (${huge.memory_before_mib} MiB before)`);
}
// The price schedule: the browser worker's figures beside the native ones of the same run.
const native = /public: read (\d+) ms, evaluation (\d+) ms/.exec(process.env.JAUGE_NATIVE_SCHEDULE ?? "");
const ratio = (web, nat) => (nat > 0 ? ` (${(web / nat).toFixed(1)} × native ${nat} ms)` : "");
console.log(`Price schedule (BPU/DQE) in a worker: ${schedule.files} offers × ${schedule.lines} lines, ${(schedule.bytes / 1048576).toFixed(1)} MiB of xlsx, medians:`);
console.log(`  reading ${schedule.read_ms} ms${native ? ratio(schedule.read_ms, Number(native[1])) : ""}`);
console.log(`  pricing (evaluation) ${schedule.evaluation_ms} ms${native ? ratio(schedule.evaluation_ms, Number(native[2])) : ""}`);
const total = schedule.read_ms + schedule.evaluation_ms;
if (native) console.log(`  together ${total} ms${ratio(total, Number(native[1]) + Number(native[2]))}`);
