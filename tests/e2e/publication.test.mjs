// The end of the procedure in a real browser: the sample tender with the committee's files gives
// the four exports (eForms contract notice and award notice, OCDS, DECP) with the fields each
// lacks, the same as `jauge export` from the session the app exports, and the letters to the
// bidders, one as HTML and all at once as a zip; while the analysis is incomplete, no letter, and
// why. The record's new fields take a missing field off the list.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { test } from "node:test";
import { axe, download, open, ranking, root, sample, useBrowser } from "./browser.mjs";

useBrowser();

const commission = `${root}samples/portail-citoyen/commission`;
const json = (name, path) => ({ name, mimeType: "application/json", buffer: readFileSync(path) });
const cli = (...args) => execFileSync(process.env.JAUGE_CLI ?? `${root}target/debug/jauge`, args, { cwd: root, encoding: "utf8" });

/** Opens section 7 and its end-of-procedure block. */
async function publication(page) {
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  await page.getByText(/^Après l'analyse : avis eForms/).click();
  await page.getByRole("heading", { name: "Avis et données ouvertes" }).waitFor();
}

test("the sample with the committee's files gives the four exports, their missing fields and the letters", async () => {
  const { context, page, errors } = await open();
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  await page.getByRole("button", { name: "4. Le dossier de la procédure" }).click();
  await page.locator("#import-dossier").setInputFiles([json("dossier.json", `${commission}/dossier.json`)]);
  await page.waitForFunction(() => document.querySelector("#p-reference")?.value === "2026-PC-014");
  await page.getByRole("button", { name: /^5\. La commission/ }).click();
  for (const [who, file] of [["Alice Martin", "notes-alice.json"], ["Bruno Le Gall", "notes-bruno.json"], ["Chloé Diallo", "notes-chloe.json"]]) {
    await page.getByLabel("Évaluateur (pour un fichier de notes)").fill(who);
    await page.locator("#import-evaluateurs").setInputFiles([json(file, `${commission}/${file}`)]);
    if (who === "Alice Martin") await page.getByRole("alertdialog").getByRole("button", { name: "Remplacer l'analyse" }).click();
    await page.getByRole("table", { name: "Notes des évaluateurs et note retenue" }).locator("thead th").filter({ hasText: who }).waitFor();
  }
  await publication(page);
  // Each export with what it lacks, in the buyer's words.
  const decp = page.getByRole("list", { name: "Champs manquants : données essentielles (DECP 2.0.3)" });
  assert.match(await decp.innerText(), /codeCPV : à renseigner dans le dossier de la procédure \(cpv\)/);
  const can = page.getByRole("list", { name: "Champs manquants : avis d'attribution eForms" });
  assert.equal(await can.innerText(), "avis d'attribution eForms — BT-1451 : à renseigner dans le dossier de la procédure (award_date)");
  // The four files, the same as the CLI's from the session the app exports (OCDS but its date).
  const session = await download(page, page.getByRole("button", { name: "Exporter la session" }));
  const sessionPath = `${tmpdir()}/publication-session.json`;
  writeFileSync(sessionPath, session.bytes);
  for (const [code, name, ext] of [["eforms-cn", "avis de marché eForms", "xml"], ["eforms-can", "avis d'attribution eForms", "xml"],
    ["ocds", "OCDS", "json"], ["decp", "données essentielles (DECP 2.0.3)", "json"]]) {
    const file = await download(page, page.getByRole("button", { name: `${name} (${ext.toUpperCase()})` }));
    assert.equal(file.name, `${code}-2026-PC-014.${ext}`);
    const out = `${tmpdir()}/publication-${code}.${ext}`;
    cli("export", "--session", sessionPath, "--to", code, "-o", out);
    const expected = readFileSync(out, "utf8");
    if (code === "ocds") {
      const [app, byCli] = [JSON.parse(file.bytes.toString("utf8")), JSON.parse(expected)];
      assert.match(app.date, /^\d{4}-\d\d-\d\dT/, "dated when written");
      delete app.date; delete byCli.date;
      assert.deepEqual(app, byCli);
      assert.ok(app.tender.lots?.length || app.tender.awardCriteria || app.awards, "an OCDS release");
    } else {
      assert.equal(file.bytes.toString("utf8"), expected, `${code} as jauge export writes it`);
    }
    if (code === "eforms-can") assert.match(expected, /<efac:LotResult>/);
    if (code === "decp") assert.equal(JSON.parse(expected).marches.marche[0].offresRecues, 6);
  }
  // The letters: one per bidder as HTML, all at once as a zip of HTML and docx.
  const letters = page.getByRole("list", { name: "Courriers aux soumissionnaires" });
  assert.equal(await letters.getByRole("listitem").count(), 6);
  const one = await download(page, letters.getByRole("button", { name: /Armor Numérique SCOP \(HTML\)$/ }));
  assert.equal(one.name, "courrier-2-armor-numerique-scop.html");
  assert.match(one.bytes.toString("utf8"), /Motifs du rejet de votre offre/);
  const zip = await download(page, page.getByRole("button", { name: "Tous les courriers (ZIP, HTML et DOCX)" }));
  assert.equal(zip.name, "courriers-2026-PC-014.zip");
  const listed = execFileSync("unzip", ["-Z1", zip.path], { encoding: "utf8" }).trim().split("\n").sort();
  assert.equal(listed.length, 12, listed.join("\n"));
  assert.ok(listed.includes("courrier-2-armor-numerique-scop.docx") && listed.includes("courrier-2-armor-numerique-scop.html"), listed.join("\n"));
  const inZip = execFileSync("unzip", ["-p", zip.path, "courrier-2-armor-numerique-scop.html"], { encoding: "utf8" });
  assert.equal(inZip, one.bytes.toString("utf8"), "the zip's letter is the one downloaded alone");
  await axe(page, "end of the procedure");
  // A record field given takes its line off the list.
  const record = page.getByRole("button", { name: "4. Le dossier de la procédure" });
  if (await record.getAttribute("aria-expanded") !== "true") await record.click();
  await page.getByText(/^Pour les avis, les données essentielles et les courriers/).click();
  await page.getByLabel("Date de la décision d'attribution").fill("2026-11-25");
  await can.waitFor({ state: "detached" });
  assert.match(await page.getByRole("list", { name: "Avis et données ouvertes" }).innerText(), /avis d'attribution eForms \(XML\) — complet/);
  await page.getByLabel("CCAG").fill("Techniques de l'information et de la communication");
  await page.getByLabel("CCAG").press("Tab");
  await page.waitForFunction(() => !document.querySelector("[aria-label='Champs manquants : données essentielles (DECP 2.0.3)']")?.innerText.includes("— ccag"));
  await axe(page, "record with the publication fields");
  assert.deepEqual(errors, []);
  await context.close();
});

test("while the analysis is incomplete, no letter is offered, and the page says why", async () => {
  const { context, page, errors } = await open();
  // The sample's spreadsheets, read without the evaluators' marks.
  await page.locator("#fichiers-offres").setInputFiles(["offre-armor-numerique.xlsx", "offre-cite-connect.ods",
    "offre-eco-portail-express.xlsx", "offre-ker-developpement.ods", "offre-nuage-global.csv", "offre-portail-plus.csv"]
    .map((f) => `${sample}/${f}`));
  await page.getByRole("list", { name: /notes à saisir/ }).waitFor();
  await publication(page);
  const refused = page.locator(".avertissements").filter({ hasText: "aucun courrier tant que ces points ne sont pas réglés" });
  assert.match(await refused.innerText(), /Ker Développement/);
  assert.equal(await page.getByRole("list", { name: "Courriers aux soumissionnaires" }).count(), 0);
  assert.equal(await page.getByRole("button", { name: /Tous les courriers/ }).count(), 0);
  await axe(page, "letters refused");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByText("no letter until these points are settled").waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});
