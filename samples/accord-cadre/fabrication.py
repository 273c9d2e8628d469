#!/usr/bin/env python3
"""Makes the second sample tender's files: the response forms written by Jauge from `grille.json`,
filled in LibreOffice (fr-FR) by `tests/roundtrip/fill.py` the way the bidders type them, for the
initial offers (tour 1) and the final offers after negotiation (tour 2); then the committee's session
(`jauge session` on round 1 with the procedure record, `jauge round` for round 2).

Run from the repository's root: /usr/bin/python3 samples/accord-cadre/fabrication.py
(LibreOffice and a built `jauge` are needed; the files it writes are committed.)
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
HERE = os.path.join(ROOT, "samples", "accord-cadre")
JAUGE = ["cargo", "run", "-q", "-p", "jauge-cli", "--"]

LOT1 = "Candidat au lot 1 — Hébergement (Oui / Non)"
LOT2 = "Candidat au lot 2 — Tierce maintenance applicative (Oui / Non)"
VARIANT = "Variante (son nom, vide pour l'offre de base)"

# Each file a bidder sends: its supplier, the lots it bids for with its answers in each round.
# Prices are over the four years of the framework agreement, excluding VAT.
BIDS = [
    ("breizh-hosting", "xlsx", "Breizh Hosting", "51203400100010", None, {
        "1": [{"SEC-01": "France", "ENV-01": "Oui", "HEB-02": "1,3", "HEB-01": "99,95 %", "PRIX-1": "472 000 € HT"},
              {"PRIX-1": "448 000 € HT"}]}),
    ("armor-cloud", "xlsx", "Armor Cloud", "73282932000074", None, {
        "1": [{"SEC-01": "UE", "ENV-01": "Oui", "HEB-02": "1,25", "HEB-01": "99,99 %", "PRIX-1": "500 000 € HT"},
              {"PRIX-1": "472 000 € HT"}],
        "2": [{"SEC-01": "UE", "ENV-01": "Oui", "TMA-01": "8 h", "TMA-02": "Oui", "PRIX-2": "328 000 € HT"},
              {"PRIX-2": "308 000 € HT"}]}),
    ("dinan-infogerance", "ods", "Dinan Infogérance", "55208131766522", None, {
        "1": [{"SEC-01": "UE", "ENV-01": "Non", "HEB-02": "1,6", "HEB-01": "99,9 %", "PRIX-1": "456 000 € HT"},
              {"PRIX-1": "440 000 € HT"}]}),
    ("kerlann-numerique", "ods", "Kerlann Numérique", "90123456700005", None, {
        "1": [{"SEC-01": "France", "ENV-01": "Oui", "HEB-02": "1,4", "HEB-01": "99,95 %", "PRIX-1": "524 000 € HT"},
              {"PRIX-1": "496 000 € HT"}],
        "2": [{"SEC-01": "France", "ENV-01": "Oui", "TMA-01": "6 h", "TMA-02": "Oui", "PRIX-2": "312 000 € HT"},
              {"PRIX-2": "292 000 € HT"}]}),
    # Irregular in the first round (99,0 % against a 99,5 % minimum), regular after negotiation.
    ("lorient-data", "xlsx", "Lorient Data", "48102203300015", None, {
        "1": [{"SEC-01": "France", "ENV-01": "Oui", "HEB-02": "1,5", "HEB-01": "99,0 %", "PRIX-1": "396 000 € HT"},
              {"HEB-01": "99,6 %", "PRIX-1": "444 000 € HT"}]}),
    ("rance-applications", "xlsx", "Rance Applications", "82304511200013", None, {
        "2": [{"SEC-01": "France", "ENV-01": "Non", "TMA-01": "12 h", "TMA-02": "Oui", "PRIX-2": "304 000 € HT"},
              {"PRIX-2": "288 000 € HT"}]}),
    ("vannes-logiciels", "ods", "Vannes Logiciels", "33906714500013", None, {
        "2": [{"SEC-01": "UE", "ENV-01": "Oui", "TMA-01": "8 h", "TMA-02": "Oui", "PRIX-2": "316 000 € HT"},
              {"PRIX-2": "296 000 € HT"}]}),
    # A variant, with the same bidder's base offer above.
    ("vannes-logiciels-variante", "xlsx", "Vannes Logiciels", "33906714500013", "Centre de services partagé", {
        "2": [{"SEC-01": "UE", "ENV-01": "Oui", "TMA-01": "24 h", "TMA-02": "Oui", "PRIX-2": "300 000 € HT"},
              {"PRIX-2": "290 000 € HT"}]}),
    ("quimper-services", "ods", "Quimper Services", "44318622700015", None, {
        "2": [{"SEC-01": "France", "ENV-01": "Oui", "TMA-01": "4 h", "TMA-02": "Non", "PRIX-2": "336 000 € HT"},
              {"PRIX-2": "320 000 € HT"}]}),
]


# Lot 2 is priced through the schedule of unit prices (BPU) of `PRIX-2`, compared on the quantity
# estimate (DQE): the buyer keeps the days of enhancement work (line 2.2, 120 days) in
# `quantites.json`, never in the form, and keeps the optional service 1 (weekend on-call), not the
# 2 (training). Unit prices per bidder: (takeover round 1, round 2), monthly maintenance, day,
# outgoing reversibility, on-call per month, training per session; each compared total is the
# price the bidder gave before the schedule (e.g. Armor Cloud 12 000 + 48 × 4 000 + 120 × 600 +
# 8 000 + 48 × 500 = 308 000 € in round 2).
QUANTITY = {"1.1": 1, "2.1": 48, "3.1": 1, "P1.1": 48, "P2.1": 10}
UNIT_PRICES = {
    "armor-cloud": ((32000, 12000), 4000, 600, 8000, 500, 900),
    "kerlann-numerique": ((30000, 10000), 3800, 580, 6000, 500, 800),
    # Its reversibility price left blank: counted at the highest of the others' (8 400 €), as the
    # grid announces.
    "rance-applications": ((26800, 10800), 3700, 540, None, 550, 700),
    "vannes-logiciels": ((34000, 14000), 3900, 560, 6000, 450, 850),
    # Its takeover far below the others' (under half the median): a point to examine.
    "vannes-logiciels-variante": ((12000, 2000), 3950, 550, 8400, 500, 850),
    "quimper-services": ((31000, 15000), 4200, 620, 5000, 500, 950),
}
# Line totals typed by the bidders that do not add up: corrected by the unit price, as announced.
WRONG_TOTALS = {"quimper-services": {"2.1": 210000}}


def euros(value):
    """A price as a bidder types it in fr-FR: "12 000 €"."""
    return "{:,}".format(value).replace(",", " ") + " €"


def schedule(name, round_):
    """The lot 2 schedule's cells of one bidder in one round, keyed as the form's ids."""
    takeover, month, day, reversibility, oncall, training = UNIT_PRICES[name]
    units = {"1.1": takeover[round_ - 1], "2.1": month, "2.2": day, "3.1": reversibility,
             "P1.1": oncall, "P2.1": training}
    cells = {}
    for line, unit in units.items():
        if unit is None:
            continue
        cells["PRIX-2/" + line] = euros(unit)
        if line in QUANTITY:
            total = WRONG_TOTALS.get(name, {}).get(line, unit * QUANTITY[line])
            cells["PRIX-2/%s/total" % line] = euros(total)
    return cells


def run(args):
    subprocess.run(args, cwd=ROOT, check=True)


def main():
    work = tempfile.mkdtemp(prefix="jauge-accord-cadre-")
    grid = os.path.join(HERE, "grille.json")
    for ext in ("xlsx", "ods"):
        run(JAUGE + ["template", "--grid", grid, "-o", os.path.join(work, "cadre." + ext)])
    jobs = []
    for round_ in (1, 2):
        out_dir = os.path.join(HERE, "tour-%d" % round_)
        os.makedirs(out_dir, exist_ok=True)
        for name, ext, supplier, siret, variant, lots in BIDS:
            cover = {LOT1: "Oui" if "1" in lots else "Non", LOT2: "Oui" if "2" in lots else "Non"}
            if variant:
                cover[VARIANT] = variant
            answers = {}
            for lot, rounds in lots.items():
                # The final offer repeats the initial answers, changed where negotiated.
                answers[lot] = dict(rounds[0], **(rounds[1] if round_ == 2 else {}))
                if lot == "2":
                    # The schedule replaces the one price of lot 2.
                    answers[lot].pop("PRIX-2", None)
                    answers[lot].update(schedule(name, round_))
            jobs.append({
                "form": os.path.join(work, "cadre." + ext),
                "out": os.path.join(out_dir, "%s.%s" % (name, ext)),
                "supplier": {"name": supplier, "siret": siret, "contact": "Service des marchés"},
                "cover": cover,
                "lots": answers,
            })
    jobs_path = os.path.join(work, "jobs.json")
    with open(jobs_path, "w", encoding="utf-8") as f:
        json.dump(jobs, f, ensure_ascii=False, indent=1)
    run(["/usr/bin/python3", os.path.join(ROOT, "tests", "roundtrip", "fill.py"), jobs_path])
    files = lambda r: sorted(os.path.join(HERE, "tour-%d" % r, f) for f in os.listdir(os.path.join(HERE, "tour-%d" % r)))
    first = os.path.join(HERE, "session-tour-1.json")
    quantities = os.path.join(HERE, "quantites.json")
    run(JAUGE + ["session", "--grid", grid, "--quantities", quantities, "--record", os.path.join(HERE, "dossier.json"),
                 "-o", first] + files(1))
    # The buyer's decision on the optional services of lot 2, recorded before the ranking.
    with open(first, encoding="utf-8") as f:
        session = json.load(f)
    decision = {
        "kept": ["pse-astreinte"],
        "date": "2026-09-01",
        "author": "M. Le Bihan, directeur du GIP",
        "detail": "l'astreinte du week-end couvre les téléservices des membres ; la formation est assurée en interne",
    }
    # In the place Jauge writes it (before the quantities), so the file is as Jauge would write it.
    session = {k2: v2 for k, v in session.items()
               for k2, v2 in ([("optional_services", decision)] if k == "quantities" else []) + [(k, v)]}
    with open(first, "w", encoding="utf-8") as f:
        f.write(json.dumps(session, ensure_ascii=False, indent=2))
    run(JAUGE + ["round", "--session", first, "--kind", "final", "--date", "2026-10-15",
                 "-o", os.path.join(HERE, "session.json")] + files(2))


if __name__ == "__main__":
    sys.exit(main())
