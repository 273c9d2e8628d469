// The procedure's archive in a real browser: the app keeps no bid's bytes, so the buyer gives the
// offer files again; each is matched to the session's offers by its SHA-256, a file that matches
// none is named, and the bundle is offered only once every offer's file is given. The bundle
// downloaded holds the session, the grid, the offers exactly as received, the report in every
// format, the exports and a manifest whose fingerprints are the files'; `jauge archive verify`
// finds it intact. A tampered bundle given back to the app is named file by file.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createHash } from "node:crypto";
import { test } from "node:test";
import { axe, download, open, ranking, root, sample, useBrowser } from "./browser.mjs";

useBrowser();

const offers = ["offre-armor-numerique.xlsx", "offre-cite-connect.ods", "offre-eco-portail-express.xlsx",
  "offre-ker-developpement.ods", "offre-nuage-global.csv", "offre-portail-plus.csv"];
const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
const cli = (...args) => execFileSync(process.env.JAUGE_CLI ?? `${root}target/debug/jauge`, args, { cwd: root, encoding: "utf8" });

test("the archive is built once every offer's file is given again, holds them as received, and a tampered one is caught", async () => {
  const { context, page, errors } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  await page.getByText(/^Après l'analyse : avis eForms/).click();
  const files = page.getByRole("list", { name: "Fichiers de l'archive" });
  await files.waitFor();
  assert.equal(await files.getByRole("listitem").filter({ hasText: /: manquant$/ }).count(), 6);
  assert.equal(await page.getByRole("button", { name: "Archive de la procédure (ZIP)" }).count(), 0);
  // Five bids and a file that is none of them: the one missing and the stranger are named.
  const wrong = `${root}samples/portail-citoyen/offre-nuage-global.json`;
  await page.locator("#archive-fichiers").setInputFiles([...offers.slice(1).map((f) => `${sample}/${f}`), wrong]);
  await files.getByRole("listitem").filter({ hasText: "offre-nuage-global.json : ne correspond à aucune offre ni régularisation de la session" }).waitFor();
  const missing = await files.getByRole("listitem").filter({ hasText: /: manquant$/ }).allInnerTexts();
  assert.deepEqual(missing, ["offre « offre-armor-numerique.xlsx » (Armor Numérique SCOP) : manquant"]);
  assert.match(await page.getByRole("status").filter({ hasText: "L'archive n'est construite" }).innerText(), /manque : 1 fichier$/);
  assert.equal(await page.getByRole("button", { name: "Archive de la procédure (ZIP)" }).count(), 0);
  await axe(page, "archive with a file missing");
  await page.locator("#titre-archive").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${root}target/e2e/archive-missing.png` });
  // The last one given: the bundle.
  await page.locator("#archive-fichiers").setInputFiles([`${sample}/${offers[0]}`]);
  const build = page.getByRole("button", { name: "Archive de la procédure (ZIP)" });
  await build.waitFor();
  // The download, or the page's message if the bundle is refused.
  const message = page.locator("p.erreur[role=alert]");
  const refused = message.first().waitFor({ timeout: 25000 }).then(() => message.allInnerTexts(), () => null)
    .then((why) => { if (why) throw new Error(`refused: ${why}`); return new Promise(() => {}); });
  const zip = await Promise.race([download(page, build), refused]);
  assert.match(zip.name, /^archive-.+\.zip$/);
  const listed = execFileSync("unzip", ["-Z1", zip.path], { encoding: "utf8" }).trim().split("\n");
  for (const f of ["session.json", "grille.json", ...offers.map((o) => `offres/${o}`), "rapport/rapport.html", "rapport/rapport.docx",
    "rapport/rapport.xlsx", "rapport/rapport.ods", "exports/eforms-cn.xml", "exports/eforms-can.xml", "exports/ocds.json", "exports/decp.json", "manifest.json"]) {
    assert.ok(listed.includes(f), `${f} in the bundle:\n${listed.join("\n")}`);
  }
  assert.ok(!listed.some((f) => f.includes("nuage-global.json")), "the stranger is not in the bundle");
  // The manifest's fingerprints are the files' (sha256sum of the unzipped files), and the offers
  // are the files given, byte for byte.
  const dir = mkdtempSync(`${tmpdir()}/archive-`);
  execFileSync("unzip", ["-q", zip.path, "-d", dir]);
  const manifest = JSON.parse(readFileSync(`${dir}/manifest.json`, "utf8"));
  assert.equal(manifest.format, "jauge-archive/1");
  assert.deepEqual(manifest.files.map((f) => f.path).concat("manifest.json").sort(), [...listed].sort());
  const summed = execFileSync("sha256sum", manifest.files.map((f) => f.path), { cwd: dir, encoding: "utf8" }).trim().split("\n")
    .map((l) => l.split(/\s+\*?/));
  assert.deepEqual(summed.map(([hash, path]) => [path, hash]), manifest.files.map((f) => [f.path, f.sha256]));
  for (const o of offers) {
    assert.equal(sha(readFileSync(`${dir}/offres/${o}`)), sha(readFileSync(`${sample}/${o}`)), `${o} as received`);
  }
  assert.match(manifest.retention.fr, /cinq ans à compter de la signature du marché/);
  assert.match(cli("archive", "verify", zip.path), /fichiers intacts/);
  // The bundle given back: intact; tampered (an offer altered): the file named.
  await page.locator("#archive-verifier").setInputFiles([zip.path]);
  await page.getByRole("status").filter({ hasText: /^Archive intacte : (\d+)\/\1 fichiers intacts/ }).waitFor();
  writeFileSync(`${dir}/offres/offre-nuage-global.csv`, Buffer.concat([readFileSync(`${dir}/offres/offre-nuage-global.csv`), Buffer.from(" ")]));
  const tampered = `${dir}/../archive-alteree.zip`;
  execFileSync("zip", ["-q", "-r", tampered, "."], { cwd: dir });
  await page.locator("#archive-verifier").setInputFiles([tampered]);
  const problems = page.getByRole("list", { name: "Problèmes de l'archive" });
  await problems.waitFor();
  assert.deepEqual(await problems.getByRole("listitem").allInnerTexts(), [
    "offres/offre-nuage-global.csv (offre telle que reçue) : modifié : son empreinte SHA-256 n'est plus celle du manifeste",
    "Nuage Global Ltd (offre-nuage-global.csv) : aucun fichier de l'archive n'a l'empreinte de cette offre",
  ]);
  await axe(page, "archive checked");
  await page.locator("#titre-verifier").scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${root}target/e2e/archive-tampered.png` });
  assert.deepEqual(errors, []);
  await context.close();
});
