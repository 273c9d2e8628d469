// A file refused by the reader module is named and said in the interface's language, and a file of
// another kind than the one asked for says where it goes: the reader worker sends its refusals
// worded in both languages (the page does not deserialise the engine's errors), so a change of
// language words them again without reading the file again.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { open, root, useBrowser } from "./browser.mjs";

useBrowser();

test("a grid and a session given as offers are refused, named, told where they go, in French then English", async () => {
  const { context, page, errors } = await open();
  await page.locator("#fichiers-offres").setInputFiles([
    { name: "grille-par-erreur.json", mimeType: "application/json", buffer: readFileSync(`${root}criteria/hebergement.json`) },
    { name: "session-par-erreur.json", mimeType: "application/json", buffer: readFileSync(`${root}samples/portail-citoyen/commission/session.json`) },
  ]);
  const refused = page.getByRole("alert").locator("ul.erreurs li");
  await refused.nth(1).waitFor();
  const fr = (await refused.allInnerTexts()).sort();
  assert.equal(fr.length, 2, fr.join("\n"));
  assert.match(fr[0], /^grille-par-erreur\.json.* ; à choisir dans la section 1, « La grille »$/);
  assert.match(fr[1], /^session-par-erreur\.json.* ; à ouvrir avec « Importer une session » en haut de la page/);
  await page.getByRole("button", { name: "English" }).click();
  await refused.filter({ hasText: "choose it in section 1" }).waitFor();
  const en = (await refused.allInnerTexts()).sort();
  assert.match(en[0], /^grille-par-erreur\.json.*; choose it in section 1, "The grid"$/);
  assert.match(en[1], /^session-par-erreur\.json.*; open it with "Import a session" at the top of the page/);
  assert.deepEqual(errors, []);
  await context.close();
});
