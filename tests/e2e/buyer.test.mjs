// The buyer's safeguards in a real browser: a decision that sets an offer aside is never
// preselected, two offers from one bidder wait for the buyer's choice before the report is ready,
// a file of the wrong kind is named where it was given, and the sample's committee files (marks of
// each evaluator, the procedure record) are used in the app, the question whether to replace the
// analysis coming only after the files were checked.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, open, ranking, root, sample, useBrowser } from "./browser.mjs";

useBrowser();

const commission = `${root}samples/portail-citoyen/commission`;
const json = (name, path) => ({ name, mimeType: "application/json", buffer: readFileSync(path) });

async function withSample(page) {
  await page.getByRole("button", { name: /Charger l'exemple/ }).click();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
}

test("the decision form preselects nothing: each field must be chosen before a decision is recorded", async () => {
  const { context, page, errors } = await open();
  await withSample(page);
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  for (const field of ["Objet", "Offre", "Issue"]) {
    const select = page.getByLabel(field, { exact: true });
    assert.equal(await select.inputValue(), "", `${field} starts on "— choisir —"`);
    assert.equal(await select.locator("option:checked").innerText(), "— choisir —");
  }
  // One hasty click on "Enregistrer": refused, nothing recorded, no offer leaves the ranking.
  await page.getByLabel(/Ce qui a été demandé/).fill("Précisions demandées.");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  assert.match(await page.getByRole("alert").innerText(), /Décision non enregistrée : choisir l'objet et l'issue/);
  assert.equal(await page.getByRole("table", { name: "Décisions enregistrées" }).count(), 0);
  assert.equal(await ranking(page).locator("tbody tr").count(), 5);
  // The kind and the outcome chosen, the offer still not: refused again.
  await page.getByLabel("Objet", { exact: true }).selectOption("tie_break");
  await page.getByLabel("Issue", { exact: true }).selectOption("rejected");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  assert.match(await page.getByRole("alert").innerText(), /choisir l'offre/);
  assert.equal(await ranking(page).locator("tbody tr").count(), 5);
  assert.deepEqual(errors, []);
  await context.close();
});

test("two offers from one bidder are pointed out and the buyer records which one counts", async () => {
  const { context, page } = await open();
  await withSample(page);
  // Armor's bid again, as the JSON file it also sent.
  await page.locator("#fichiers-offres").setInputFiles([json("offre-armor-numerique.json", `${root}samples/portail-citoyen/offre-armor-numerique.json`)]);
  await page.getByRole("list", { name: /Offres reçues/ }).filter({ hasText: "offre-armor-numerique.json" }).waitFor();
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  const todo = page.getByRole("list", { name: "À décider" });
  assert.match(await todo.innerText(), /Plusieurs offres de « Armor Numérique SCOP » ont été reçues \(« offre-armor-numerique\.xlsx », « offre-armor-numerique\.json »\) : indiquer laquelle compte/);
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  const pending = page.getByRole("list", { name: "Points en suspens avant signature" });
  assert.match(await pending.innerText(), /Plusieurs offres de « Armor Numérique SCOP »/, "not ready to sign");
  // The buyer records that the JSON copy does not count.
  await page.getByLabel("Objet", { exact: true }).selectOption("same_bidder");
  const offers = page.getByLabel("Offre", { exact: true });
  await offers.selectOption(await offers.locator("option", { hasText: "offre-armor-numerique.json" }).getAttribute("value"));
  await page.getByLabel("Issue", { exact: true }).selectOption("rejected");
  await page.getByLabel(/Ce qui a été demandé/).fill("Même offre envoyée en deux formats ; le classeur fait foi.");
  // Who decided is said: without an author, refused.
  await page.getByLabel("Auteur", { exact: true }).fill(" ");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  assert.match(await page.getByRole("alert").innerText(), /Décision non enregistrée : indiquer son auteur/);
  await page.getByLabel("Auteur", { exact: true }).fill("Chloé Diallo");
  await page.getByRole("button", { name: "Enregistrer la décision" }).click();
  await page.getByRole("table", { name: "Décisions enregistrées" }).waitFor();
  await ranking(page).locator("tbody tr").nth(4).waitFor();
  assert.equal(await ranking(page).locator("tbody tr").count(), 5, "the copy leaves the ranking");
  assert.doesNotMatch(await page.locator("main").innerText(), /Plusieurs offres de « Armor/);
  assert.match(await page.locator("main").innerText(), /offre non prise en compte : une autre offre du même soumissionnaire compte/);
  await axe(page, "decisions with a bidder's two offers");
  await context.close();
});

test("a file of the wrong kind is named beside the field it was given to, in the buyer's words", async () => {
  const { context, page } = await open();
  await withSample(page);
  // A marks file given as a procedure record.
  await page.getByRole("button", { name: "4. Le dossier de la procédure" }).click();
  await page.locator("#import-dossier").setInputFiles([json("notes-alice.json", `${commission}/notes-alice.json`)]);
  const refused = page.locator("#import-dossier-erreur");
  await refused.waitFor();
  assert.equal(await refused.innerText(),
    "notes-alice.json : ce fichier est un fichier de notes, pas un dossier de la procédure ; à importer dans la section 5, « La commission », avec le nom de l'évaluateur");
  // A session with a field of the wrong shape, given to the committee: no parser English.
  await page.getByRole("button", { name: /^5\. La commission/ }).click();
  const broken = JSON.parse(readFileSync(`${commission}/session.json`, "utf8"));
  broken.offers = { un: 1 };
  await page.locator("#import-evaluateurs").setInputFiles([{ name: "abimee.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) }]);
  const said = page.locator("#import-evaluateurs-erreur");
  await said.waitFor();
  assert.match(await said.innerText(), /^abimee\.json : session illisible, à « offers » \(ligne 1, colonne \d+\) : attendu : une liste \[ … \] ; trouvé : un objet \{ … \}$/);
  assert.doesNotMatch(await page.locator("main").innerText(), /invalid type|expected a|unknown field/);
  // In English too.
  await page.getByRole("button", { name: "English" }).click();
  assert.match(await page.locator("#import-dossier-erreur").innerText(), /this file is a marks file, not a procedure record; import it in section 5/);
  await context.close();
});

test("the sample's committee files are used in the app: the record, then each evaluator's marks file, asked after the check", async () => {
  const { context, page, errors } = await open();
  await withSample(page);
  await page.getByRole("button", { name: "4. Le dossier de la procédure" }).click();
  await page.locator("#import-dossier").setInputFiles([json("dossier.json", `${commission}/dossier.json`)]);
  await page.waitForFunction(() => document.querySelector("#p-reference")?.value === "2026-PC-014");
  await page.getByRole("button", { name: /^5\. La commission/ }).click();
  // Without the evaluator's name, a marks file is refused before any question.
  await page.locator("#import-evaluateurs").setInputFiles([json("notes-alice.json", `${commission}/notes-alice.json`)]);
  await page.locator("#import-evaluateurs-erreur").filter({ hasText: "indiquer d'abord le nom de l'évaluateur" }).waitFor();
  assert.equal(await page.getByRole("alertdialog").count(), 0);
  // Named: checked, then the question beside the field; nothing replaced before the answer.
  await page.getByLabel("Évaluateur (pour un fichier de notes)").fill("Alice Martin");
  await page.locator("#import-evaluateurs").setInputFiles([json("notes-alice.json", `${commission}/notes-alice.json`)]);
  const question = page.getByRole("alertdialog");
  await question.waitFor();
  assert.match(await question.innerText(), /1 fichier vérifié Remplacer l'analyse affichée/);
  assert.equal(await page.getByRole("table", { name: "Notes des évaluateurs et note retenue" }).count(), 0);
  await question.getByRole("button", { name: "Remplacer l'analyse" }).click();
  const marks = page.getByRole("table", { name: "Notes des évaluateurs et note retenue" });
  await marks.waitFor();
  for (const [who, file] of [["Bruno Le Gall", "notes-bruno.json"], ["Chloé Diallo", "notes-chloe.json"]]) {
    await page.getByLabel("Évaluateur (pour un fichier de notes)").fill(who);
    await page.locator("#import-evaluateurs").setInputFiles([json(file, `${commission}/${file}`)]);
    await marks.locator("thead th").filter({ hasText: who }).waitFor();
  }
  assert.equal(await page.getByRole("alertdialog").count(), 0, "into the committee's session, no question");
  assert.match(await page.getByRole("status").filter({ hasText: "évaluateurs" }).innerText(), /^3 évaluateurs/);
  // The evaluators are in the record (section 4), their statements still to give.
  const record = page.getByRole("button", { name: "4. Le dossier de la procédure" });
  if (await record.getAttribute("aria-expanded") !== "true") await record.click();
  const values = await page.evaluate(() => [...document.querySelectorAll("input")].map((i) => i.value));
  for (const who of ["Alice Martin", "Bruno Le Gall", "Chloé Diallo"]) {
    assert.ok(values.includes(who), `${who} in the record`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("marks to enter: a list leads to each one, focused in view; a refused value stays; a mark without appraisal is said at the field; a saved mark says so", async () => {
  const { context, page, errors } = await open();
  // The sample's spreadsheets, read without the evaluators' marks.
  await page.locator("#fichiers-offres").setInputFiles(["offre-armor-numerique.xlsx", "offre-cite-connect.ods",
    "offre-eco-portail-express.xlsx", "offre-ker-developpement.ods", "offre-nuage-global.csv", "offre-portail-plus.csv"]
    .map((f) => `${sample}/${f}`));
  const list = page.getByRole("list", { name: /notes à saisir/ });
  await list.waitFor();
  // Every file read first (the reader goes one file at a time): then the count is the final one.
  await page.getByRole("button", { name: /^Retirer / }).nth(5).waitFor();
  assert.match(await page.locator("#titre-a-noter").innerText(), /^5 notes à saisir$/, "the irregular offer owes none");
  assert.match(await list.innerText(), /Ker Développement — INT-05 .+ \(note sur 5\)/);
  await list.getByRole("button", { name: /^Ker Développement — INT-05/ }).click();
  // The detail opens with the mark field in view and focused.
  await page.getByRole("table", { name: "Points par critère" }).waitFor();
  const focused = await page.evaluate(() => {
    const e = document.activeElement;
    const r = e.getBoundingClientRect();
    return { label: e.labels?.[0]?.innerText, inView: r.top >= 0 && r.bottom <= window.innerHeight };
  });
  assert.deepEqual(focused, { label: "Note sur 5", inView: true });
  assert.match(await page.locator("#titre-detail").innerText(), /Ker Développement/);
  const field = page.locator(":focus");
  const form = page.locator("form.note").filter({ has: field });
  // A refused value stays in the field with its reason beside it.
  await field.fill("9");
  await form.getByRole("button", { name: "Enregistrer la note" }).click();
  assert.match(await form.getByRole("alert").innerText(), /Note non enregistrée pour INT-05 : « 9 » ; attendu un nombre entre 0 et 5/);
  assert.equal(await form.getByLabel("Note sur 5").inputValue(), "9");
  // A mark without its appraisal: saved, and said at the field not to count.
  await form.getByLabel("Note sur 5").fill("3,5");
  await form.getByRole("button", { name: "Enregistrer la note" }).click();
  await form.getByRole("status").filter({ hasText: "Note enregistrée : 3,5 / 5" }).waitFor();
  const missing = form.getByText(/Appréciation écrite manquante : la note ne compte pas/);
  await missing.waitFor();
  assert.match(await form.getByLabel("Appréciation écrite").getAttribute("aria-describedby"), /-manque$/);
  await form.getByLabel("Appréciation écrite").fill("Connecteur SIG en cours.");
  await form.getByRole("button", { name: "Enregistrer la note" }).click();
  await page.locator("#titre-a-noter").filter({ hasText: /^4 notes à saisir$/ }).waitFor();
  assert.equal(await missing.count(), 0);
  // Back to the ranking, the focus on the button that opens Ker's detail; opening another offer's
  // detail moves the focus to its heading.
  await page.getByRole("button", { name: "Fermer le détail" }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "Voir le détail de Ker Développement");
  await page.getByRole("button", { name: "Voir le détail d'Armor Numérique SCOP" }).first().click();
  await page.locator("#titre-detail").filter({ hasText: "Armor Numérique SCOP" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "titre-detail");
  await axe(page, "marks to enter");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a refused grid lists every problem in its own section, and a failed download is said there too", async () => {
  const { context, page } = await open();
  const grid = page.getByRole("region", { name: "1. La grille" });
  await page.locator("#fichier-grille").setInputFiles([json("grille.json", `${root}tests/grids/invalid/many-problems.json`)]);
  const refused = grid.getByRole("alert");
  await refused.waitFor();
  const items = await refused.getByRole("listitem").allInnerTexts();
  assert.ok(items.length >= 3, `every problem listed: ${items.join(" | ")}`);
  assert.match(await refused.innerText(), new RegExp(`^${items.length} problèmes empêchent d'utiliser cette grille :`));
  // A marks file given as the grid: what it is, and where it goes.
  await page.locator("#fichier-grille").setInputFiles([json("notes.json", `${commission}/notes-alice.json`)]);
  await grid.getByRole("alert").filter({ hasText: "ce fichier est un fichier de notes, pas une grille ; à importer dans la section 5" }).waitFor();
  await context.close();
});
