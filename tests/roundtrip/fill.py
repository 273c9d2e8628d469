#!/usr/bin/env python3
"""Fill Jauge response forms in LibreOffice Calc, headless, the way a French supplier types them.

LibreOffice runs with the fr-FR locale, so "99,9 %" typed in a cell becomes 0.999 shown as a
percentage, "21/11/2026" becomes a date, "1 234,56" a number, exactly as on a buyer's machine.

Usage: /usr/bin/python3 fill.py JOBS.json
JOBS.json: [{"form": "form.xlsx", "out": "filled.xlsx", "supplier": {"name": …, "siret": …, "contact": …},
             "answers": {"REV-03": "30"}, "comments": {"REV-01": "…"}, "password": null,
             "cover": {"Candidat au lot 1 — Hébergement (Oui / Non)": "Oui"},
             "lots": {"1": {"PRIX-1": "60 000"}}}, …]
"cover" fills other lines of the cover by their label; "lots" gives answers for one lot's sheet only
(a form for a grid with lots has a sheet per lot, named "Lot 1 — …").
Answers are entered as given into the "Réponse" column, recognised as typing would recognise
them, comments into "Justificatif / commentaire". The output format
follows the extension: .xlsx, .ods, or .csv (semicolon, Windows-1252, as French Excel writes it).
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue

XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
<item oor:path="/org.openoffice.Office.Linguistic/General"><prop oor:name="DefaultLocale" oor:op="fuse"><value>fr-FR</value></prop></item>
</oor:items>
"""

CSV_IN = "59,34,76,1"   # ';', '"', UTF-8, from line 1
CSV_OUT = "59,34,1,1"   # ';', '"', Windows-1252, from line 1


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


SM = CTX = None


def start():
    profile = tempfile.mkdtemp(prefix="jauge-lo-")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w") as f:
        f.write(XCU)
    pipe = "jauge_%d" % os.getpid()
    proc = subprocess.Popen([
        "soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault",
        "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
        "--accept=pipe,name=%s;urp;" % pipe,
    ], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(120):
        try:
            ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            global SM, CTX
            SM, CTX = ctx.ServiceManager, ctx
            return proc, profile, desktop
        except Exception:
            time.sleep(0.5)
    proc.kill()
    sys.exit("LibreOffice did not start")


def text(cell):
    return cell.getString().strip()


def put(formatter, cell, value):
    """Enters a value as typing does in the fr-FR locale: LibreOffice's own number recognition
    ("87,5 %" becomes 0.875 shown as a percentage, "14/03/2026" a date, "1 234,56" a number);
    anything else is text. (The ".uno:EnterString" command would do the same through the UI, but
    crashes headless LibreOffice after a few cells.)"""
    if not value:
        return
    if value.startswith("="):
        cell.setFormula(value)
        return
    try:
        key = formatter.detectNumberFormat(0, value)
        number = formatter.convertStringToNumber(0, value)
    except Exception:
        cell.setString(value)
        return
    cell.setValue(number)
    cell.NumberFormat = key


def fill(desktop, formatter, job):
    form, out = job["form"], job["out"]
    load = [prop("Hidden", True)]
    if form.endswith(".csv"):
        load += [prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", CSV_IN)]
    doc = desktop.loadComponentFromURL(url(form), "_blank", 0, tuple(load))
    if doc is None:
        sys.exit("LibreOffice could not open " + form)
    formatter.attachNumberFormatsSupplier(doc)
    sheets = doc.Sheets
    supplier = job.get("supplier", {})
    identity = {"nom du candidat": supplier.get("name"), "siret": supplier.get("siret"),
                "contact (nom, courriel, téléphone)": supplier.get("contact")}
    # Other lines of the cover, by their label: "Candidat au lot 1 — … (Oui / Non)", "Variante (…)".
    identity.update({k.lower(): v for k, v in job.get("cover", {}).items()})
    every = {k.upper(): v for k, v in job.get("answers", {}).items()}
    comments = {k.upper(): v for k, v in job.get("comments", {}).items()}
    for s in range(sheets.Count):
        sheet = sheets.getByIndex(s)
        # A form for a grid with lots has a sheet per lot ("Lot 1 — …"): its own answers, if given.
        answers = dict(every)
        for lot, own in job.get("lots", {}).items():
            if sheet.Name.startswith("Lot %s " % lot) or sheet.Name == "Lot %s" % lot:
                answers.update({k.upper(): v for k, v in own.items()})
        header = None
        for r in range(0, 200):
            first = text(sheet.getCellByPosition(0, r))
            label = first.lower()
            if label in identity and identity[label]:
                sheet.getCellByPosition(1, r).setString(identity[label])
            if first == "Identifiant":
                cols = {text(sheet.getCellByPosition(c, r)): c for c in range(0, 20)}
                if "Réponse" in cols:
                    header = (r, cols["Réponse"], cols.get("Justificatif / commentaire"))
                    break
        if header is None:
            continue
        row, answer_col, comment_col = header
        for r in range(row + 1, row + 500):
            cid = text(sheet.getCellByPosition(0, r)).upper()
            if not cid:
                continue
            if cid in answers:
                put(formatter, sheet.getCellByPosition(answer_col, r), answers[cid])
            if cid in comments and comment_col is not None:
                sheet.getCellByPosition(comment_col, r).setString(comments[cid])
    store = []
    if out.endswith(".xlsx"):
        store.append(prop("FilterName", "Calc MS Excel 2007 XML"))
    elif out.endswith(".ods"):
        store.append(prop("FilterName", "calc8"))
    elif out.endswith(".csv"):
        store += [prop("FilterName", "Text - txt - csv (StarCalc)"), prop("FilterOptions", CSV_OUT)]
        # The CSV export writes the active sheet: the answer table.
        for s in range(sheets.Count):
            if sheets.getByIndex(s).Name.lower().startswith("r"):
                doc.CurrentController.setActiveSheet(sheets.getByIndex(s))
    if job.get("password"):
        store.append(prop("Password", job["password"]))
    doc.storeToURL(url(out), tuple(store))
    doc.close(True)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        jobs = json.load(f)
    proc, profile, desktop = start()
    formatter = SM.createInstanceWithContext("com.sun.star.util.NumberFormatter", CTX)
    try:
        for job in jobs:
            fill(desktop, formatter, job)
    finally:
        try:
            desktop.terminate()
        except Exception:
            pass
        try:
            proc.wait(timeout=30)
        except Exception:
            proc.kill()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    main()
