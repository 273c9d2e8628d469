//! The analysis report as one self-contained HTML page, laid out for A4 printing (page numbers,
//! no page break inside a table row, signature boxes kept together).

use std::fmt::Write as _;

use jauge_engine::Lang;
use jauge_engine::text::number;

use crate::{Analysis, display_date, tr};

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-left { content: var(--footer); font: 8pt system-ui, sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #444; } }
:root { color: #111; background: #fff; }
body { font: 10pt/1.4 system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; }
h2 { font-size: 12.5pt; margin: 1.4rem 0 .4rem; border-bottom: 1.5px solid #000091; color: #000091; break-after: avoid; }
h3 { font-size: 10.5pt; margin: .8rem 0 .3rem; break-after: avoid; }
p { margin: .3rem 0; }
.subtitle { font-size: 12pt; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; font-size: 9pt; }
th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top; }
thead th { background: #eef; }
tr { break-inside: avoid; }
td.n, th.n { text-align: right; white-space: nowrap; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 7.5pt; word-break: break-all; }
.pending { border: 2px solid #b34000; padding: .4rem .8rem; margin: .8rem 0; }
.pending h2 { color: #b34000; border: 0; margin-top: .2rem; }
.winner { border: 2px solid #18753c; padding: .4rem .8rem; }
dl.record { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .4rem 0; }
dl.record dt { font-weight: 600; }
dl.record dd { margin: 0; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; break-inside: avoid; }
.signature { border: 1px solid #999; padding: .4rem .6rem; min-height: 6.5rem; break-inside: avoid; }
.signature p { margin: .15rem 0; }
.muted { color: #444; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; } }
"#;

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// One table: header cells (a trailing `#` marks a numeric column) and rows of already escaped HTML.
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    let numeric: Vec<bool> = header.iter().map(|h| h.ends_with('#')).collect();
    out.push_str("<table><thead><tr>");
    for h in header {
        let (class, h) = match h.strip_suffix('#') {
            Some(h) => (" class=\"n\"", h),
            None => ("", *h),
        };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, cell) in row.iter().enumerate() {
            let class = if numeric.get(i).copied().unwrap_or(false) { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{cell}</td>");
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

fn para(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", esc(text));
}

fn none(out: &mut String, lang: Lang) {
    let _ = writeln!(out, "<p class=\"muted\">{}</p>", tr(lang, "Néant.", "None."));
}

fn hash(h: Option<&str>) -> String {
    h.map_or_else(|| "—".into(), |h| format!("<span class=\"hash\">{}</span>", esc(h)))
}

/// The report as a print-ready HTML page in `lang`.
pub fn html(a: &Analysis, lang: Lang) -> String {
    let mut out = String::new();
    let p = &a.session.procedure;
    let title = tr(lang, "Rapport d'analyse des offres", "Report on the analysis of offers");
    let footer = format!(
        "{} — {} {}…",
        if p.reference.is_empty() { p.tender.as_str() } else { p.reference.as_str() },
        tr(lang, "session", "session"),
        &a.fingerprint[..16]
    );
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{} — {}</title>\n<style>:root {{ --footer: \"{}\"; }}{STYLE}</style>\n</head>\n<body>\n<main>\n",
        if lang == Lang::Fr { "fr" } else { "en" },
        esc(title),
        esc(&p.tender),
        footer.replace(['"', '\\'], "")
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    if !p.tender.is_empty() {
        let lot = if p.lot.is_empty() { String::new() } else { format!(" — {} {}", tr(lang, "lot", "lot"), p.lot) };
        let _ = writeln!(out, "<p class=\"subtitle\">{}{}</p>", esc(&p.tender), esc(&lot));
    }

    let pending = a.pending(lang);
    if !pending.is_empty() {
        let _ = writeln!(
            out,
            "<section class=\"pending\" aria-labelledby=\"pending\"><h2 id=\"pending\">{}</h2><ul>",
            tr(
                lang,
                "Document provisoire : points en suspens avant signature",
                "Draft: to be settled before signature"
            )
        );
        for item in &pending {
            let _ = writeln!(out, "<li>{}</li>", esc(item));
        }
        out.push_str("</ul></section>\n");
    }

    // 1. Identification.
    let _ = writeln!(out, "<h2>1. {}</h2>\n<dl class=\"record\">", tr(lang, "Identification", "Identification"));
    for (k, v) in a.record(lang) {
        let value = if k.contains("SHA-256") { hash(Some(&v)) } else { esc(&v) };
        let _ = writeln!(out, "<dt>{}</dt><dd>{value}</dd>", esc(k));
    }
    out.push_str("</dl>\n");

    // 2. Committee.
    let _ = writeln!(out, "<h2>2. {}</h2>", tr(lang, "Commission d'évaluation", "Evaluation committee"));
    if p.evaluators.is_empty() {
        none(&mut out, lang);
    } else {
        let rows: Vec<Vec<String>> = p
            .evaluators
            .iter()
            .map(|e| {
                let statement = if e.no_conflict {
                    format!(
                        "{}{}",
                        tr(
                            lang,
                            "déclare n'avoir aucun conflit d'intérêts avec les soumissionnaires",
                            "states no conflict of interest with the bidders"
                        ),
                        if e.declared.is_empty() {
                            String::new()
                        } else {
                            format!(" ({})", display_date(&e.declared, lang))
                        }
                    )
                } else {
                    tr(lang, "déclaration non recueillie", "statement not obtained").to_string()
                };
                vec![esc(&e.name), esc(&e.role), esc(&statement)]
            })
            .collect();
        table(
            &mut out,
            &[
                tr(lang, "Nom", "Name"),
                tr(lang, "Rôle", "Role"),
                tr(lang, "Conflit d'intérêts", "Conflict of interest"),
            ],
            &rows,
        );
    }

    // 3. Method.
    let _ = writeln!(out, "<h2>3. {}</h2>", tr(lang, "Méthode d'analyse", "Method"));
    for t in a.method_text(lang) {
        para(&mut out, &t);
    }
    let rows: Vec<Vec<String>> = a
        .method(lang)
        .into_iter()
        .map(|m| {
            vec![
                esc(&m.family),
                format!("{} {}", esc(&m.id), esc(&m.label)),
                format!(
                    "{}{}",
                    number(m.weight, 2, lang),
                    if m.published { "" } else { tr(lang, " (non publié)", " (not published)") }
                ),
                esc(&m.rule),
                m.requirement.map_or_else(|| "—".into(), |r| esc(&r)),
            ]
        })
        .collect();
    table(
        &mut out,
        &[
            tr(lang, "Famille", "Family"),
            tr(lang, "Critère", "Criterion"),
            tr(lang, "Poids#", "Weight#"),
            tr(lang, "Règle de notation", "Scoring rule"),
            tr(lang, "Exigence minimale", "Minimum requirement"),
        ],
        &rows,
    );

    // 4. Offers received.
    let _ = writeln!(out, "<h2>4. {}</h2>", tr(lang, "Offres reçues", "Offers received"));
    let rows: Vec<Vec<String>> = a
        .received(lang)
        .into_iter()
        .map(|r| {
            vec![
                esc(&r.supplier),
                esc(r.siret.as_deref().unwrap_or("—")),
                esc(&r.source),
                hash(r.sha256.as_deref()),
                esc(&r.status),
            ]
        })
        .collect();
    if rows.is_empty() {
        none(&mut out, lang);
    } else {
        table(
            &mut out,
            &[
                tr(lang, "Soumissionnaire", "Bidder"),
                "SIRET",
                tr(lang, "Fichier", "File"),
                tr(lang, "Empreinte SHA-256 du fichier", "File SHA-256 fingerprint"),
                tr(lang, "Suite donnée", "Outcome"),
            ],
            &rows,
        );
    }

    // 5. Offers set aside.
    let _ = writeln!(out, "<h2>5. {}</h2>", tr(lang, "Offres écartées et motifs", "Offers set aside and why"));
    let rows: Vec<Vec<String>> =
        a.set_aside(lang).into_iter().map(|s| vec![esc(&s.supplier), esc(&s.source), esc(&s.reason)]).collect();
    if rows.is_empty() {
        none(&mut out, lang);
    } else {
        table(
            &mut out,
            &[tr(lang, "Soumissionnaire", "Bidder"), tr(lang, "Fichier", "File"), tr(lang, "Motif", "Reason")],
            &rows,
        );
    }

    // 6. Abnormally low offers.
    let _ = writeln!(out, "<h2>6. {}</h2>", tr(lang, "Offres anormalement basses", "Abnormally low offers"));
    for price in &a.all.price {
        let text = match &price.abnormally_low {
            Some(t) => match lang {
                Lang::Fr => format!(
                    "Critère {} : {} prix comparés ; moyenne {} €, écart type {} € ; seuils de détection : moyenne − écart type {} €, 0,9 × M2 {} € (M2 = {} €).",
                    price.criterion,
                    price.count,
                    number(t.mean, 2, lang),
                    number(t.standard_deviation, 2, lang),
                    number(t.mean_minus_sd, 2, lang),
                    number(t.m2_threshold, 2, lang),
                    number(t.m2, 2, lang)
                ),
                Lang::En => format!(
                    "Criterion {}: {} prices compared; mean €{}, standard deviation €{}; detection thresholds: mean − standard deviation €{}, 0.9 × M2 €{} (M2 = €{}).",
                    price.criterion,
                    price.count,
                    number(t.mean, 2, lang),
                    number(t.standard_deviation, 2, lang),
                    number(t.mean_minus_sd, 2, lang),
                    number(t.m2_threshold, 2, lang),
                    number(t.m2, 2, lang)
                ),
            },
            None => match lang {
                Lang::Fr => format!(
                    "Critère {} : {} prix comparés, moins de trois : pas de seuil de détection calculé ; les prix ont été examinés un à un.",
                    price.criterion, price.count
                ),
                Lang::En => format!(
                    "Criterion {}: {} prices compared, fewer than three: no detection threshold computed; prices were examined one by one.",
                    price.criterion, price.count
                ),
            },
        };
        para(&mut out, &text);
    }
    let rows: Vec<Vec<String>> =
        a.abnormally_low(lang).into_iter().map(|l| vec![esc(&l.supplier), esc(&l.price), esc(&l.outcome)]).collect();
    if rows.is_empty() {
        none(&mut out, lang);
    } else {
        table(
            &mut out,
            &[
                tr(lang, "Soumissionnaire", "Bidder"),
                tr(lang, "Prix", "Price"),
                tr(lang, "Précisions demandées et décision", "Explanations asked and decision"),
            ],
            &rows,
        );
    }

    // 7. Ranking.
    let _ = writeln!(out, "<h2>7. {}</h2>", tr(lang, "Classement des offres", "Ranking"));
    let ranked = a.ranked();
    let not_ranked: Vec<_> = a.report.offers.iter().filter(|o| o.rank.is_none()).collect();
    if ranked.is_empty() {
        none(&mut out, lang);
    } else {
        let families = &ranked[0].families;
        let mut header: Vec<String> =
            vec![tr(lang, "Rang#", "Rank#").into(), tr(lang, "Soumissionnaire", "Bidder").into()];
        header.extend(families.iter().map(|f| format!("{} /{}#", f.label.get(lang), number(f.max, 2, lang))));
        header.push(format!("Total /{}#", number(a.grid.grid().scale, 2, lang)));
        header.push(tr(lang, "Signalements", "Flags").into());
        let rows: Vec<Vec<String>> = ranked
            .iter()
            .map(|o| {
                let mut row = vec![o.rank.map_or_else(String::new, |r| r.to_string()), esc(&o.supplier)];
                row.extend(o.families.iter().map(|f| number(f.points, 2, lang)));
                row.push(format!("<strong>{}</strong>", number(o.total, 2, lang)));
                row.push(esc(&jauge_engine::report::Flag::list(&o.flags, lang)));
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        table(&mut out, &header, &rows);
    }
    for o in &not_ranked {
        if o.status == jauge_engine::Status::Incomplete {
            let _ = writeln!(
                out,
                "<p>{}{}{}</p>",
                esc(&o.supplier),
                tr(lang, " : ", ": "),
                esc(tr(lang, "non classée, notes manuelles manquantes.", "not ranked, manual marks missing."))
            );
        }
    }
    let _ = writeln!(
        out,
        "<p class=\"muted\">{}</p>",
        esc(tr(
            lang,
            "Le détail des points par critère figure en annexe A.",
            "Points per criterion are given in annex A."
        ))
    );

    // 8. Appraisals.
    let _ = writeln!(out, "<h2>8. {}</h2>", tr(lang, "Appréciations des évaluateurs", "Evaluators' appraisals"));
    let rows: Vec<Vec<String>> =
        a.appraisals(lang).into_iter().map(|(s, c, m, t)| vec![esc(&s), esc(&c), esc(&m), esc(&t)]).collect();
    if rows.is_empty() {
        none(&mut out, lang);
    } else {
        table(
            &mut out,
            &[
                tr(lang, "Soumissionnaire", "Bidder"),
                tr(lang, "Critère", "Criterion"),
                tr(lang, "Note#", "Mark#"),
                tr(lang, "Appréciation", "Appraisal"),
            ],
            &rows,
        );
    }

    // 9. Robustness.
    let _ = writeln!(out, "<h2>9. {}</h2>", tr(lang, "Robustesse du classement", "Robustness of the ranking"));
    robustness(&mut out, a, lang);

    // 10. Decisions.
    let _ = writeln!(out, "<h2>10. {}</h2>", tr(lang, "Décisions enregistrées", "Decisions recorded"));
    let rows: Vec<Vec<String>> = a
        .decisions(lang)
        .into_iter()
        .map(|d| vec![esc(&d.date), esc(&d.kind), esc(&d.supplier), esc(&d.author), esc(&d.detail), esc(&d.outcome)])
        .collect();
    if rows.is_empty() {
        none(&mut out, lang);
    } else {
        table(
            &mut out,
            &[
                tr(lang, "Date", "Date"),
                tr(lang, "Objet", "About"),
                tr(lang, "Soumissionnaire", "Bidder"),
                tr(lang, "Auteur", "Author"),
                tr(lang, "Détail et motif", "Detail and reason"),
                tr(lang, "Issue", "Outcome"),
            ],
            &rows,
        );
    }

    // 11. Proposal.
    let _ = writeln!(out, "<h2>11. {}</h2>", tr(lang, "Proposition d'attribution", "Proposed award"));
    match a.winner(lang) {
        Some(w) => {
            let _ = writeln!(
                out,
                "<div class=\"winner\"><p><strong>{} {}</strong></p><p>{}</p></div>",
                tr(lang, "Attributaire proposé :", "Proposed winner:"),
                esc(&w.supplier),
                esc(&w.reasons)
            );
        }
        None => para(
            &mut out,
            tr(
                lang,
                "Aucune offre ne peut encore être proposée : voir les points en suspens.",
                "No offer can be proposed yet: see the points to settle.",
            ),
        ),
    }

    // 12. Signatures.
    let _ = writeln!(out, "<h2>12. {}</h2>\n<div class=\"signatures\">", tr(lang, "Signatures", "Signatures"));
    let mut signers: Vec<(String, String)> = p.evaluators.iter().map(|e| (e.name.clone(), e.role.clone())).collect();
    if signers.is_empty() {
        signers.push((String::new(), tr(lang, "Évaluateur", "Evaluator").into()));
    }
    signers.push((
        p.buyer.clone(),
        tr(lang, "Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    ));
    for (name, role) in signers {
        let _ = writeln!(
            out,
            "<div class=\"signature\"><p><strong>{}</strong></p><p>{}</p><p>{} :</p><p>{} :</p></div>",
            if name.is_empty() { "&nbsp;".into() } else { esc(&name) },
            esc(&role),
            tr(lang, "Date", "Date"),
            tr(lang, "Signature", "Signature")
        );
    }
    out.push_str("</div>\n");

    // Annex A: points per criterion.
    let _ = writeln!(out, "<h2>{}</h2>", tr(lang, "Annexe A. Points par critère", "Annex A. Points per criterion"));
    let shown: Vec<_> = a.report.offers.iter().collect();
    if shown.is_empty() {
        none(&mut out, lang);
    } else {
        let mut header: Vec<String> =
            vec![tr(lang, "Critère", "Criterion").into(), tr(lang, "Poids#", "Weight#").into()];
        header.extend(shown.iter().map(|o| format!("{}#", o.supplier)));
        let rows: Vec<Vec<String>> = a
            .grid
            .grid()
            .criteria()
            .map(|(_, c)| {
                let mut row = vec![format!("{} {}", esc(&c.id), esc(c.label.get(lang))), number(c.weight, 2, lang)];
                row.extend(shown.iter().map(|o| {
                    o.criteria.iter().find(|r| r.id == c.id).map_or_else(|| "—".into(), |r| number(r.points, 2, lang))
                }));
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        table(&mut out, &header, &rows);
    }

    // Annex B: individual marks.
    let individual = a.individual();
    if !individual.is_empty() {
        let _ = writeln!(
            out,
            "<h2>{}</h2>",
            tr(lang, "Annexe B. Notes de chaque évaluateur", "Annex B. Each evaluator's marks")
        );
        let evaluators: Vec<String> = a.session.individual.iter().map(|e| e.evaluator.clone()).collect();
        let mut header: Vec<String> =
            vec![tr(lang, "Soumissionnaire", "Bidder").into(), tr(lang, "Critère", "Criterion").into()];
        header.extend(evaluators.iter().cloned());
        header.push(tr(lang, "Écart#", "Spread#").into());
        header.push(tr(lang, "Note retenue", "Agreed mark").into());
        let rows: Vec<Vec<String>> = individual
            .iter()
            .map(|r| {
                let mut row = vec![esc(&r.supplier), esc(&r.criterion)];
                row.extend(r.marks.iter().map(|(_, m)| {
                    m.as_ref().map_or_else(
                        || "—".into(),
                        |m| format!("<strong>{}</strong> — {}", number(m.mark, 2, lang), esc(&m.appraisal)),
                    )
                }));
                row.push(format!("{}{}", number(r.spread, 2, lang), if r.disagreement { " ⚠" } else { "" }));
                row.push(r.agreed.as_ref().map_or_else(
                    || "—".into(),
                    |m| format!("<strong>{}</strong> — {}", number(m.mark, 2, lang), esc(&m.appraisal)),
                ));
                row
            })
            .collect();
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        table(&mut out, &header, &rows);
        let files: Vec<String> = a
            .session
            .individual
            .iter()
            .map(|e| {
                format!(
                    "{}{}{} ({} {})",
                    e.evaluator,
                    tr(lang, " : ", ": "),
                    e.file,
                    tr(lang, "empreinte", "fingerprint"),
                    e.fingerprint
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "<p class=\"muted\">{} {}</p>",
            esc(tr(lang, "Sessions des évaluateurs :", "Evaluators' sessions:")),
            esc(&files.join(" ; "))
        );
    }

    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn robustness(out: &mut String, a: &Analysis, lang: Lang) {
    let r = &a.robustness;
    let Some(winner) = &r.winner else {
        none(out, lang);
        return;
    };
    para(
        out,
        &match lang {
            Lang::Fr => format!(
                "Pour chaque famille, la plus petite variation de son poids (les autres familles ajustées pour garder le barème) qui changerait l'offre classée première ({winner}), et l'écart des notes réellement données."
            ),
            Lang::En => format!(
                "For each family, the smallest change of its weight (the other families rescaled to keep the scale) that would change the offer ranked first ({winner}), and the spread of the marks actually given."
            ),
        },
    );
    let flip = |f: &Option<jauge_engine::robustness::Flip>, sign: &str| match f {
        Some(f) => format!("{sign}{} → {}", number(f.points, 2, lang), esc(&f.new_winner)),
        None => tr(lang, "aucun changement", "no change").into(),
    };
    let rows: Vec<Vec<String>> = r
        .families
        .iter()
        .map(|f| {
            vec![
                esc(f.label.get(lang)),
                number(f.weight, 2, lang),
                number(f.spread, 2, lang),
                flip(&f.increase, "+"),
                flip(&f.decrease, "−"),
                f.warning.as_ref().map_or_else(String::new, |w| esc(w.get(lang))),
            ]
        })
        .collect();
    table(
        out,
        &[
            tr(lang, "Famille", "Family"),
            tr(lang, "Poids#", "Weight#"),
            tr(lang, "Écart des notes#", "Spread of marks#"),
            tr(lang, "Hausse du poids", "Weight increase"),
            tr(lang, "Baisse du poids", "Weight decrease"),
            tr(lang, "Avertissement", "Warning"),
        ],
        &rows,
    );
    let mut header: Vec<String> = vec![tr(lang, "Soumissionnaire", "Bidder").into()];
    header.extend(
        r.methods.iter().map(|m| format!("{} {}", tr(lang, "Rang, méthode", "Rank, method"), m.method.label(lang))),
    );
    let suppliers: Vec<&String> =
        r.methods.first().map(|m| m.offers.iter().map(|(s, _, _)| s).collect()).unwrap_or_default();
    let rows: Vec<Vec<String>> = suppliers
        .iter()
        .map(|s| {
            let mut row = vec![esc(s)];
            row.extend(r.methods.iter().map(|m| {
                m.offers.iter().find(|(n, _, _)| n == *s).map_or_else(
                    || "—".into(),
                    |(_, rank, total)| {
                        format!("{} ({})", rank.map_or("—".to_string(), |r| r.to_string()), number(*total, 2, lang))
                    },
                )
            }));
            row
        })
        .collect();
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    table(out, &header, &rows);
}
