//! The analysis report as a workbook (xlsx, ods): summary, offers received, ranking, detail per
//! criterion, price analysis, method, decisions and the committee — the same sections as the
//! printed report, from the same [`Analysis`]. The robustness of the ranking is not in it: it
//! belongs to the internal worksheet, never to the signed report.

use jauge_analysis::{Analysis, tr};
use jauge_engine::text::Lang;

use crate::error::Error;
use crate::form::FormKind;
use crate::results::{detail, price, ranking_with};
use crate::tables::{Cell, Table, write_tables};

fn header(lang: Lang, fr: &[&str], en: &[&str]) -> Vec<String> {
    (if lang == Lang::Fr { fr } else { en }).iter().map(|s| s.to_string()).collect()
}

/// The summary: procedure record, identity, proposed winner and what is still pending.
fn summary(a: &Analysis, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = a.record(lang).into_iter().map(|(k, v)| vec![k.into(), v.into()]).collect();
    let winner = a.winner(lang);
    rows.push(vec![
        tr(lang, "Attributaire proposé", "Proposed winner").into(),
        winner.as_ref().map(|w| w.supplier.clone()).into(),
    ]);
    rows.push(vec![tr(lang, "Motifs du choix", "Reasons").into(), winner.map(|w| w.reasons).into()]);
    for item in a.pending(lang) {
        rows.push(vec![tr(lang, "Point en suspens", "To settle").into(), item.into()]);
    }
    Table {
        name: tr(lang, "Synthèse", "Summary").into(),
        header: header(lang, &["Rubrique", "Valeur"], &["Item", "Value"]),
        rows,
    }
}

fn received(a: &Analysis, lang: Lang) -> Table {
    let set_aside = a.set_aside(lang);
    let rows = a
        .received(lang)
        .into_iter()
        .map(|r| {
            let reason = set_aside.iter().find(|s| s.source == r.source).map(|s| s.reason.clone());
            vec![r.supplier.into(), r.siret.into(), r.source.into(), r.sha256.into(), r.status.into(), reason.into()]
        })
        .collect();
    Table {
        name: tr(lang, "Offres reçues", "Offers received").into(),
        header: header(
            lang,
            &["Soumissionnaire", "SIRET", "Fichier", "SHA-256 du fichier", "Suite donnée", "Motif de l'éviction"],
            &["Bidder", "SIRET", "File", "File SHA-256", "Outcome", "Why set aside"],
        ),
        rows,
    }
}

fn method(a: &Analysis, lang: Lang) -> Table {
    let mut rows: Vec<Vec<Cell>> = a
        .method(lang)
        .into_iter()
        .map(|m| {
            vec![
                m.family.into(),
                m.id.into(),
                m.label.into(),
                m.weight.into(),
                tr(lang, if m.published { "oui" } else { "non" }, if m.published { "yes" } else { "no" }).into(),
                m.rule.into(),
                m.requirement.into(),
            ]
        })
        .collect();
    rows.push(Vec::new());
    rows.extend(a.method_text(lang).into_iter().map(|t| vec![Cell::Empty, Cell::Empty, t.into()]));
    Table {
        name: tr(lang, "Méthode", "Method").into(),
        header: header(
            lang,
            &["Famille", "Critère", "Intitulé", "Poids", "Poids publié", "Règle de notation", "Exigence minimale"],
            &["Family", "Criterion", "Name", "Weight", "Weight published", "Scoring rule", "Minimum requirement"],
        ),
        rows,
    }
}

fn decisions(a: &Analysis, lang: Lang) -> Table {
    let rows = a
        .decisions(lang)
        .into_iter()
        .map(|d| {
            vec![d.date.into(), d.kind.into(), d.supplier.into(), d.author.into(), d.detail.into(), d.outcome.into()]
        })
        .collect();
    Table {
        name: tr(lang, "Décisions", "Decisions").into(),
        header: header(
            lang,
            &["Date", "Objet", "Soumissionnaire", "Auteur", "Détail et motif", "Issue"],
            &["Date", "About", "Bidder", "Author", "Detail and reason", "Outcome"],
        ),
        rows,
    }
}

/// The committee, then (when annexed) every evaluator's mark beside the agreed one.
fn committee(a: &Analysis, lang: Lang) -> Table {
    let p = &a.session.procedure;
    let mut rows: Vec<Vec<Cell>> = p
        .evaluators
        .iter()
        .map(|e| {
            let statement = if e.no_conflict {
                format!(
                    "{} {}",
                    tr(lang, "absence de conflit d'intérêts déclarée le", "no conflict of interest stated on"),
                    jauge_analysis::display_date(&e.declared, lang)
                )
            } else {
                tr(lang, "déclaration non recueillie", "statement not obtained").to_string()
            };
            vec![e.name.as_str().into(), e.role.as_str().into(), statement.into()]
        })
        .collect();
    let individual = a.individual();
    if !individual.is_empty() {
        rows.push(Vec::new());
        let mut head: Vec<Cell> =
            vec![tr(lang, "Soumissionnaire", "Bidder").into(), tr(lang, "Critère", "Criterion").into()];
        for e in &a.session.individual {
            head.push(e.evaluator.as_str().into());
            head.push(format!("{} ({})", tr(lang, "appréciation", "appraisal"), e.evaluator).into());
        }
        head.extend(
            [
                tr(lang, "Écart", "Spread"),
                tr(lang, "Désaccord", "Disagreement"),
                tr(lang, "Note retenue", "Agreed mark"),
                tr(lang, "Appréciation retenue", "Agreed appraisal"),
            ]
            .map(Cell::from),
        );
        rows.push(head);
        for r in individual {
            let mut row: Vec<Cell> = vec![r.supplier.into(), r.criterion.into()];
            for (_, m) in r.marks {
                row.push(m.as_ref().map(|m| m.mark).into());
                row.push(m.map(|m| m.appraisal).into());
            }
            row.push(r.spread.into());
            row.push(if r.disagreement { tr(lang, "oui", "yes") } else { "" }.into());
            row.push(r.agreed.as_ref().map(|m| m.mark).into());
            row.push(r.agreed.map(|m| m.appraisal).into());
            rows.push(row);
        }
    }
    Table {
        name: tr(lang, "Commission", "Committee").into(),
        header: header(lang, &["Nom", "Rôle", "Conflit d'intérêts"], &["Name", "Role", "Conflict of interest"]),
        rows,
    }
}

/// Writes the analysis report as a workbook; CSV cannot hold it.
pub fn write_analysis(a: &Analysis, kind: FormKind, lang: Lang) -> Result<Vec<u8>, Error> {
    if kind == FormKind::Csv {
        return Err(Error::Write(
            tr(
                lang,
                "le rapport d'analyse s'écrit en .html, .xlsx ou .ods, pas en .csv",
                "the analysis report is written as .html, .xlsx or .ods, not .csv",
            )
            .into(),
        ));
    }
    let tables = [
        summary(a, lang),
        received(a, lang),
        // The flags as the signed report words them (a price whose explanations were accepted says so).
        ranking_with(&a.report, lang, |o| a.flags(o, lang)),
        detail(&a.report, lang),
        price(&a.report, lang),
        method(a, lang),
        decisions(a, lang),
        committee(a, lang),
    ];
    write_tables(&tables, kind, lang == Lang::Fr)
}
