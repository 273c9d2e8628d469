"""Writes `strings-libreoffice.xlsx`: a form whose shared strings table is mostly an annex's, only
some of whose strings the kept cells use (the annex comes first, so the answers' strings have
the largest indices, and strings no cell uses are appended to the table), with answers as inline
strings, rich text, a shared formula whose cells cache strings, dates in the 1904 date system and
percent styles. openpyxl writes the workbook (its cells as inline strings), LibreOffice headless
saves it again as xlsx (its text in the shared strings table, in the order of the sheets), and
what neither writes is put in its XML afterwards. For the differential test (tests/differential.rs) and the unit test of `xlsx.rs`
that reads every xlsx with its shared strings read before and after the sheets.

    python3 make_strings.py   # from this folder (openpyxl, soffice)
"""

import datetime
import os
import re
import subprocess
import tempfile
import zipfile

import openpyxl
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HEADERS = ["Identifiant", "Critère", "Question", "Réponse attendue", "Unité", "Réponse",
           "Justificatif / commentaire", "Éliminatoire", "Poids", "Famille"]

book = openpyxl.Workbook()
book.epoch = CALENDAR_MAC_1904
annex = book.active
annex.title = "Annexe"
for r in range(1, 2501):
    annex.append([r, f"Texte d'annexe n° {r} & <suite>", f"Réf. {r * 7919 % 10007:x}"])
sheet = book.create_sheet("Réponse")
sheet.append(["Nom du candidat", "Chaînes SARL"])
sheet.append(["Contact", "Texte d'annexe n° 3 & <suite>"])  # a string the annex uses too
sheet.append([])
sheet.append(HEADERS)
rows = [
    ("NUM-1", 12),
    ("PCT-1", 0.999),
    ("PCT-2", 0.5),
    ("OUI-1", "INLINE-1"),
    ("OUI-2", "RICH"),
    ("TEXTE", "INLINE-2"),
    ("DATE-1", datetime.date(2026, 3, 31)),
    ("DATE-2", datetime.datetime(2025, 12, 1, 0, 0)),
    ("NUM-2", "SHARED-1"),
    ("NUM-3", "SHARED-2"),
    ("NUM-4", "SHARED-3"),
    ("PRIX", 1200.5),
]
for cid, answer in rows:
    sheet.append([cid, f"Critère {cid}", "?", "", "", answer, f"vu pour {cid}"])
    if isinstance(answer, float) and answer < 1:
        sheet.cell(row=sheet.max_row, column=6).number_format = "0.0%" if answer > 0.9 else "0 %"
    if isinstance(answer, (datetime.date, datetime.datetime)):
        sheet.cell(row=sheet.max_row, column=6).number_format = "dd/mm/yyyy"
# Rich text: runs joined, with spaces around a run.
sheet["F9"] = CellRichText([TextBlock(InlineFont(b=True), "O"), "ui"])
sheet["G9"] = CellRichText(["  vu ", TextBlock(InlineFont(i=True), "en gras"), " "])

# What openpyxl does not write: inline strings, a shared formula caching strings, strings no
# cell uses at the end of the shared strings table.
inline = {
    "F8": '<c r="F8" t="inlineStr"><is><t>Oui</t></is></c>',
    "F10": '<c r="F10" t="inlineStr"><is><r><t xml:space="preserve">Réponse </t></r><r><t>en ligne</t></r></is></c>',
    "F13": '<c r="F13" t="str"><f t="shared" ref="F13:F15" si="0">TEXT(A13,"0")</f><v>13</v></c>',
    "F14": '<c r="F14" t="str"><f t="shared" si="0"/><v>14,5</v></c>',
    "F15": '<c r="F15" t="str"><f t="shared" si="0"/><v></v></c>',
}
with tempfile.TemporaryDirectory() as tmp:
    book.save(f"{tmp}/strings.xlsx")
    subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", f"{tmp}/out", f"{tmp}/strings.xlsx"],
                   check=True, capture_output=True)
    source = os.path.join(tmp, "out", "strings.xlsx")
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile("strings-libreoffice.xlsx", "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == "xl/worksheets/sheet2.xml":
                text = data.decode()
                for ref, xml in inline.items():
                    text, n = re.subn(rf'<c r="{ref}"[^>]*?(/>|>.*?</c>)', xml, text, count=1)
                    assert n == 1, ref
                data = text.encode()
            if item.filename == "xl/sharedStrings.xml":
                text = data.decode()
                extra = "".join(f"<si><t>Chaîne que nulle cellule n'utilise {i}</t></si>" for i in range(500))
                text = text.replace("</sst>", extra + "</sst>")
                text = re.sub(r' (count|uniqueCount)="\d+"', "", text)
                data = text.encode()
            zout.writestr(item, data)
