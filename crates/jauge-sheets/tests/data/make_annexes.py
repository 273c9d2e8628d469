"""Writes `annexes-openpyxl.xlsx` and, through LibreOffice headless, `annexes-libreoffice.ods`: a
form whose answer sheet comes after two sheets that cannot hold an answer table (no header in
their first hundred rows), one of 3 000 rows of text and numbers, one of 60 000 rows of empty
styled cells, and whose answers include a percent-formatted number. Producers other than the
writers Jauge uses, for the differential test (tests/differential.rs): their goldens were written
by the reader that built every sheet cell by cell, before sheets that cannot hold the answer
table were left unbuilt.

    python3 make_annexes.py   # from this folder (openpyxl, soffice)
"""

import os
import shutil
import subprocess
import tempfile

import openpyxl
from openpyxl.styles import PatternFill

HEADERS = ["Identifiant", "Critère", "Question", "Réponse attendue", "Unité", "Réponse",
           "Justificatif / commentaire", "Éliminatoire", "Poids", "Famille"]
ANSWERS = [("NUM-1", 12), ("NUM-2", "3,5"), ("PCT-1", 0.999), ("PCT-2", "99,5 %"), ("OUI-1", "Oui"),
           ("TEXTE", "Notre réponse détaillée"), ("PRIX", 1200.5)]

book = openpyxl.Workbook()
annex = book.active
annex.title = "Annexe"
for r in range(1, 3001):
    annex.append([r, f"Ligne d'annexe {r}", r * 1.5, f"Note {r}" if r % 7 == 0 else None])
# Below the top rows, text that would head an answer table: never read, since the top has none.
annex.cell(row=2000, column=1, value="Identifiant")
annex.cell(row=2000, column=2, value="Réponse")
# A value merged down onto a label's row, in the top rows: read with the merged regions that
# follow the skipped cells.
annex.cell(row=2, column=6, value="SIRET")
annex.cell(row=1, column=7, value="12345678900011")
annex.merge_cells("G1:G2")
empty = book.create_sheet("Vide")
fill = PatternFill("solid", fgColor="DDDDDD")
for r in range(1, 60001):
    empty.cell(row=r, column=1).fill = fill
sheet = book.create_sheet("Réponse")
sheet.append(["Nom du candidat", "Annexes SARL"])
sheet.append([])
sheet.append(HEADERS)
for cid, answer in ANSWERS:
    sheet.append([cid, cid, "?", "", "", answer, "vu"])
    if isinstance(answer, float) and answer < 1:
        sheet.cell(row=sheet.max_row, column=6).number_format = "0.0%"
book.save("annexes-openpyxl.xlsx")

with tempfile.TemporaryDirectory() as out:
    subprocess.run(["soffice", "--headless", "--convert-to", "ods", "--outdir", out, "annexes-openpyxl.xlsx"],
                   check=True, capture_output=True)
    shutil.copy(os.path.join(out, "annexes-openpyxl.ods"), "annexes-libreoffice.ods")
