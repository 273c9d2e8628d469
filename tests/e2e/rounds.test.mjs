// A procedure in two rounds in a real browser: the initial offers, one of them without a price
// (irregular), then the final offers of every bidder, the unpriced one now priced. The offers list
// says each offer's round, the results rank the last round only and say so, and the analysis
// report shows the rounds, naming the offer irregular in round 1 and regular in round 2.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { axe, download, enterMarks, open, ranking, recordDecision, root, useBrowser } from "./browser.mjs";

useBrowser();

const offer = (n) => JSON.parse(readFileSync(`${root}tests/cases/hebergement/offers/${n}.json`, "utf8"));
const file = (name, value) => ({ name, mimeType: "application/json", buffer: Buffer.from(JSON.stringify(value)) });

test("two rounds: each offer says its round, only round 2 is ranked, the report shows both", async () => {
  const { context, page, errors } = await open();
  await page.locator("#choix-grille").selectOption("hebergement.json");
  const unpriced = offer("b");
  unpriced.answers.PRIX = null;
  await page.locator("#fichiers-offres").setInputFiles([file("a-tour1.json", offer("a")), file("b-tour1.json", unpriced), file("e-tour1.json", offer("e"))]);
  await ranking(page).locator("tbody tr").nth(1).waitFor();
  // Round 1 alone: b is set aside, nothing is said of rounds.
  assert.match(await page.locator("main").innerText(), /Offres écartées \(irrégulières\)/);
  assert.equal(await page.locator(".tour-classe").count(), 0);
  // Round 2: the final offers, every bidder lowering its price, b's priced.
  const prices = { a: "54 000 € HT", b: "63 000 € HT", e: "68 000 € HT" };
  const second = Object.entries(prices).map(([n, price]) => {
    const o = offer(n);
    o.answers.PRIX = price;
    return file(`${n}-tour2.json`, o);
  });
  await page.getByText("Tour 2 : ajouter les offres remises après négociation, ou les offres finales").click();
  await page.getByLabel("Nature du tour").selectOption("final");
  await page.getByLabel("Date de réception des offres").fill("2026-11-20");
  await page.getByLabel("Fichiers des offres du tour 2").setInputFiles(second);
  const received = page.getByRole("list", { name: /Offres reçues/ });
  await received.getByRole("listitem").filter({ hasText: "e-tour2.json" }).waitFor();
  // The evaluators mark the manual criterion of round 2's offers.
  await enterMarks(page, [
    ["Hébergeur Breizh", "8", "Plan de migration détaillé, tests de bascule prévus."],
    ["Cloud Européen SA", "6", "Plan correct, sans calendrier."],
    ["Scop Numérique Ouest", "7", "Plan de migration progressif par service, calendrier réaliste."],
  ]);
  const lines = await received.getByRole("listitem").allInnerTexts();
  assert.equal(lines.length, 6);
  assert.match(lines.find((l) => l.startsWith("b-tour1.json")), /— Tour 1 \(offres initiales\)/);
  assert.match(lines.find((l) => l.startsWith("b-tour2.json")), /— Tour 2 \(offres finales, reçues le 20\/11\/2026\)/);
  // The next round would be the third.
  await page.getByLabel("Fichiers des offres du tour 3").waitFor();
  // The ranking: round 2's three offers, all regular, and it says so.
  const table = ranking(page);
  assert.match(await table.locator("caption").innerText(), /Classement — tour 2/);
  assert.equal(await table.locator("tbody tr").count(), 3);
  assert.doesNotMatch(await page.locator("main").innerText(), /Offres écartées/, "b's unpriced round-1 offer is not ranked");
  assert.equal(
    await page.locator(".tour-classe").innerText(),
    "Seules les offres du dernier tour sont classées : Tour 2 (offres finales, reçues le 20/11/2026). Les tours précédents figurent au rapport d'analyse, pour information.",
  );
  // Several rounds while the record does not say the procedure is negotiated: a point to settle.
  await page.getByRole("button", { name: "7. Le rapport d'analyse des offres" }).click();
  const pending = page.getByRole("list", { name: "Points en suspens avant signature" });
  assert.match(await pending.innerText(), /Des offres ont été remises en plusieurs tours : indiquer dans le dossier que la procédure comporte une négociation/);
  await page.getByRole("button", { name: "4. Le dossier de la procédure" }).click();
  await page.getByLabel("Les offres ont été négociées").check();
  await pending.filter({ hasNotText: "plusieurs tours" }).waitFor();
  // The report shows both rounds and names b, irregular in round 1 and regular in round 2.
  const report = await download(page, page.getByRole("button", { name: "Rapport d'analyse à imprimer (HTML)" }));
  const text = report.bytes.toString("utf8").replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
  assert.match(text, /4 bis\. Tours de la procédure/);
  assert.match(text, /La procédure a compté 2 tours\. Seules les offres du dernier tour — Tour 2 \(offres finales, reçues le 20\/11\/2026\) — sont classées/);
  assert.match(text, /Tour 1 \(offres initiales\)/);
  assert.match(text, /irrégulière : prix absent ou illisible/);
  assert.match(text, /irrégulière à un tour précédent, est régulière au dernier tour : dans une procédure avec négociation/);
  const ranked = text.split("7. Classement des offres")[1].split(" 8. ")[0];
  // Cloud Européen SA, unpriced in round 1, is ranked: the report's ranking is round 2's.
  assert.match(ranked, /Cloud Européen SA/);
  assert.doesNotMatch(ranked, /prix absent ou illisible/);
  await axe(page, "rounds");
  // In English too.
  await page.getByRole("button", { name: "English" }).click();
  await page.locator(".tour-classe").filter({ hasText: "Only the offers of the last round are ranked: Round 2 (final offers, received on 20/11/2026)" }).waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a bidder with no offer in the last round: the decision that its offer stands ranks it there", async () => {
  const { context, page, errors } = await open();
  await page.locator("#choix-grille").selectOption("hebergement.json");
  await page.locator("#fichiers-offres").setInputFiles([file("a-tour1.json", offer("a")), file("b-tour1.json", offer("b")), file("e-tour1.json", offer("e"))]);
  await ranking(page).locator("tbody tr").nth(2).waitFor();
  // Round 2: Scop Numérique Ouest (e) sends nothing.
  const second = ["a", "b"].map((n) => {
    const o = offer(n);
    o.answers.PRIX = n === "a" ? "54 000 € HT" : "63 000 € HT";
    return file(`${n}-tour2.json`, o);
  });
  await page.getByText("Tour 2 : ajouter les offres remises après négociation, ou les offres finales").click();
  await page.getByLabel("Nature du tour").selectOption("final");
  await page.getByLabel("Fichiers des offres du tour 2").setInputFiles(second);
  const table = ranking(page);
  await table.locator("caption").filter({ hasText: "tour 2" }).waitFor();
  await page.getByRole("button", { name: "6. Les décisions" }).click();
  const todo = page.getByRole("list", { name: "À décider" });
  await todo.filter({ hasText: "« Scop Numérique Ouest » n'a pas remis d'offre au tour 2" }).waitFor();
  assert.equal(await table.locator("tbody tr").count(), 2);
  // The tender rules keep the last offer given: the buyer records that its first offer stands.
  await recordDecision(page, { kind: "maintained", offer: "e-tour1.json", outcome: "accepted", date: "2026-11-21",
    author: "Commission d'appel d'offres", detail: "Pas d'offre finale : l'offre initiale est maintenue (règlement de la consultation, art. 8)." });
  await table.locator("tbody tr").nth(2).waitFor();
  assert.match(await table.innerText(), /Scop Numérique Ouest/);
  await page.waitForFunction(() => !document.querySelector("main").innerText.includes("n'a pas remis d'offre"));
  assert.match(await page.getByRole("table", { name: "Décisions enregistrées" }).innerText(), /offre maintenue, classée au dernier tour/);
  await axe(page, "rounds, an offer maintained");
  assert.deepEqual(errors, []);
  await context.close();
});
