"""Fills the RGESN reference grid's response form as a bidder would, with openpyxl.

Makes `rempli-openpyxl.xlsx` (committed) from the form Jauge writes:

    cargo run -p jauge-cli -- template --grid criteria/reference/catalogue/rgesn-2024/1.0.0-draft.json -o target/cadre-rgesn.xlsx
    python3 crates/jauge-cli/tests/reference/fill.py target/cadre-rgesn.xlsx crates/jauge-cli/tests/reference/rempli-openpyxl.xlsx

Answers: « Conforme » to the priority criteria (1.08 points), « Non conforme » to the
recommended ones (0.72), « Non applicable (justifié) » to the moderate ones that may not apply
and « conforme » (lower case) to the others; RGESN-2.3 gets a bare « Non applicable », which the
engine reads as no answer; the price in HT and TTC.
"""

import sys

import openpyxl

source, target = sys.argv[1], sys.argv[2]
wb = openpyxl.load_workbook(source)

cover = wb["Candidat"]
for row in cover.iter_rows():
    if row[0].value == "Nom du candidat":
        row[1].value = "Breizh Sobriété SCOP"

sheet = wb["Réponse"]
header = [c.value for c in sheet[1]]
col = {name: header.index(name) for name in ("Identifiant", "Réponse attendue", "Réponse", "Justificatif / commentaire", "Poids")}
for row in sheet.iter_rows(min_row=2):
    ident = row[col["Identifiant"]].value
    if not ident:
        continue
    weight = str(row[col["Poids"]].value)
    expected = str(row[col["Réponse attendue"]].value)
    if ident == "PRIX":
        answer = "82 000 € HT, TVA 20 %, soit 98 400 € TTC"
    elif ident == "RGESN-2.3":
        answer = "Non applicable"
    elif weight == "1.08":
        answer = "Conforme"
    elif weight == "0.72":
        answer = "Non conforme"
    elif "Non applicable (justifié)" in expected:
        answer = "Non applicable (justifié)"
    else:
        answer = "conforme"
    row[col["Réponse"]].value = answer
    if ident != "PRIX":
        row[col["Justificatif / commentaire"]].value = f"Déclaration d'écoconception, section {ident}"
wb.save(target)
