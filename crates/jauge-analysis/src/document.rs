//! The report's content as a sequence of blocks (headings, paragraphs, tables, signature boxes),
//! built once from an [`Analysis`]; the HTML page and the Word document render the same blocks.

use jauge_engine::Lang;
use jauge_engine::text::{colon, number};

use crate::{Analysis, display_date, tr};

/// A table cell: text, optionally led by a part in bold (a mark before its appraisal).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Cell {
    /// The part in bold.
    pub strong: String,
    /// The rest.
    pub text: String,
    /// A fingerprint, in a monospace font.
    pub hash: bool,
}

impl Cell {
    /// A fingerprint.
    pub fn hash(text: impl Into<String>) -> Cell {
        Cell { text: text.into(), hash: true, ..Cell::default() }
    }

    /// Text in bold.
    pub fn strong(text: impl Into<String>) -> Cell {
        Cell { strong: text.into(), ..Cell::default() }
    }

    /// A mark in bold followed by its appraisal.
    pub fn mark(mark: String, appraisal: &str) -> Cell {
        Cell { strong: mark, text: format!(" — {appraisal}"), hash: false }
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Cell {
        Cell { text, ..Cell::default() }
    }
}

impl From<&str> for Cell {
    fn from(text: &str) -> Cell {
        Cell::from(text.to_string())
    }
}

/// A column heading; numeric columns are right-aligned.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    /// The heading.
    pub title: String,
    /// Figures: aligned right.
    pub numeric: bool,
}

fn columns(titles: &[(&str, bool)]) -> Vec<Column> {
    titles.iter().map(|(t, n)| Column { title: t.to_string(), numeric: *n }).collect()
}

/// A part of the report.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    /// A section heading.
    Heading(String),
    /// A paragraph.
    Para(String),
    /// A paragraph of secondary importance.
    Muted(String),
    /// What remains to settle, framed.
    Notice {
        /// The frame's heading.
        title: String,
        /// The items.
        items: Vec<String>,
    },
    /// Items and values.
    Record(Vec<(String, Cell)>),
    /// A table.
    Table {
        /// Column headings.
        header: Vec<Column>,
        /// Rows.
        rows: Vec<Vec<Cell>>,
    },
    /// The proposed winner, framed: the heading line and the reasons.
    Winner(String, String),
    /// Signature boxes: (name, role), each with a date and a signature line.
    Signatures(Vec<(String, String)>),
}

/// The whole report.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// `fr` or `en`.
    pub lang: &'static str,
    /// The title.
    pub title: String,
    /// The tender, for the page title.
    pub tender: String,
    /// The tender and lot, under the title.
    pub subtitle: String,
    /// The line at the foot of every printed page.
    pub footer: String,
    /// The content.
    pub blocks: Vec<Block>,
}

impl Document {
    fn heading(&mut self, text: String) {
        self.blocks.push(Block::Heading(text));
    }

    fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para(text.into()));
    }

    /// A table, or "None." when it has no row.
    fn table(&mut self, header: Vec<Column>, rows: Vec<Vec<Cell>>, lang: Lang) {
        if rows.is_empty() {
            self.none(lang);
        } else {
            self.blocks.push(Block::Table { header, rows });
        }
    }

    fn none(&mut self, lang: Lang) {
        self.blocks.push(Block::Muted(tr(lang, "Néant.", "None.").into()));
    }
}

/// The report's content in `lang`.
pub fn document(a: &Analysis, lang: Lang) -> Document {
    let p = &a.session.procedure;
    let n = |x: f64| number(x, 2, lang);
    let mut d = Document {
        lang: if lang == Lang::Fr { "fr" } else { "en" },
        title: a.title(lang).into(),
        tender: p.tender.clone(),
        subtitle: if p.tender.is_empty() {
            String::new()
        } else if p.lot.is_empty() {
            p.tender.clone()
        } else {
            format!("{} — {} {}", p.tender, tr(lang, "lot", "lot"), p.lot)
        },
        footer: format!(
            "{} — {} {}…",
            if p.reference.is_empty() { p.tender.as_str() } else { p.reference.as_str() },
            tr(lang, "session", "session"),
            &a.fingerprint[..16]
        ),
        blocks: Vec::new(),
    };
    let pending = a.pending(lang);
    if !pending.is_empty() {
        d.blocks.push(Block::Notice {
            title: tr(
                lang,
                "Document provisoire : points en suspens avant signature",
                "Draft: to be settled before signature",
            )
            .into(),
            items: pending,
        });
    }
    let bidder = tr(lang, "Soumissionnaire", "Bidder");
    let review = |lang: Lang| {
        let r = p.price_review.trim();
        if r.is_empty() { tr(lang, "à consigner.", "to be recorded.").to_string() } else { r.to_string() }
    };

    d.heading(format!("1. {}", tr(lang, "Identification", "Identification")));
    d.blocks.push(Block::Record(
        a.record(lang)
            .into_iter()
            .map(|(k, v)| (k.to_string(), if k.contains("SHA-256") { Cell::hash(v) } else { Cell::from(v) }))
            .collect(),
    ));

    d.heading(format!("2. {}", tr(lang, "Commission d'évaluation", "Evaluation committee")));
    let rows = p
        .evaluators
        .iter()
        .map(|e| {
            let statement = if e.no_conflict {
                let date = if e.declared.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", display_date(&e.declared, lang))
                };
                format!(
                    "{}{date}",
                    tr(
                        lang,
                        "déclare n'avoir aucun conflit d'intérêts avec les soumissionnaires",
                        "states no conflict of interest with the bidders"
                    )
                )
            } else {
                tr(lang, "déclaration non recueillie", "statement not obtained").to_string()
            };
            vec![e.name.as_str().into(), e.role.as_str().into(), statement.into()]
        })
        .collect();
    d.table(
        columns(&[
            (tr(lang, "Nom", "Name"), false),
            (tr(lang, "Rôle", "Role"), false),
            (tr(lang, "Conflit d'intérêts", "Conflict of interest"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("3. {}", tr(lang, "Méthode d'analyse", "Method")));
    for t in a.method_text(lang) {
        d.para(t);
    }
    let rows = a
        .method(lang)
        .into_iter()
        .map(|m| {
            let weight = format!(
                "{}{}",
                n(m.weight),
                if m.published { "" } else { tr(lang, " (non publié)", " (not published)") }
            );
            vec![
                m.family.into(),
                format!("{} {}", m.id, m.label).into(),
                weight.into(),
                m.rule.into(),
                m.requirement.unwrap_or_else(|| "—".into()).into(),
            ]
        })
        .collect();
    d.table(
        columns(&[
            (tr(lang, "Famille", "Family"), false),
            (tr(lang, "Critère", "Criterion"), false),
            (tr(lang, "Poids", "Weight"), true),
            (tr(lang, "Règle de notation", "Scoring rule"), false),
            (tr(lang, "Exigence minimale", "Minimum requirement"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("4. {}", tr(lang, "Offres reçues", "Offers received")));
    let rows = a
        .received(lang)
        .into_iter()
        .map(|r| {
            vec![
                r.supplier.into(),
                r.siret.unwrap_or_else(|| "—".into()).into(),
                r.source.into(),
                r.sha256.map_or_else(|| Cell::from("—"), Cell::hash),
                r.status.into(),
            ]
        })
        .collect();
    d.table(
        columns(&[
            (bidder, false),
            ("SIRET", false),
            (tr(lang, "Fichier", "File"), false),
            (tr(lang, "Empreinte SHA-256 du fichier", "File SHA-256 fingerprint"), false),
            (tr(lang, "Suite donnée", "Outcome"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("5. {}", tr(lang, "Offres écartées et motifs", "Offers set aside and why")));
    let rows =
        a.set_aside(lang).into_iter().map(|s| vec![s.supplier.into(), s.source.into(), s.reason.into()]).collect();
    d.table(
        columns(&[(bidder, false), (tr(lang, "Fichier", "File"), false), (tr(lang, "Motif", "Reason"), false)]),
        rows,
        lang,
    );

    d.heading(format!("6. {}", tr(lang, "Offres paraissant anormalement basses", "Offers that seem abnormally low")));
    for price in &a.all.price {
        d.para(match (&price.abnormally_low, lang) {
            (Some(t), Lang::Fr) => format!(
                "Critère {} : {} prix comparés ; moyenne {} €, écart type {} € ; seuils de détection : moyenne − écart type {} €, 0,9 × M2 {} € (M2 = {} €).",
                price.criterion, price.count, n(t.mean), n(t.standard_deviation), n(t.mean_minus_sd), n(t.m2_threshold), n(t.m2)
            ),
            (Some(t), Lang::En) => format!(
                "Criterion {}: {} prices compared; mean €{}, standard deviation €{}; detection thresholds: mean − standard deviation €{}, 0.9 × M2 €{} (M2 = €{}).",
                price.criterion, price.count, n(t.mean), n(t.standard_deviation), n(t.mean_minus_sd), n(t.m2_threshold), n(t.m2)
            ),
            // The tool cannot know how the buyer examined the prices: it prints what the record says,
            // or that it is still to be recorded.
            (None, Lang::Fr) => format!(
                "Critère {} : {} prix comparés, moins de trois : pas de seuil de détection calculé. Examen des prix : {}",
                price.criterion, price.count, review(lang)
            ),
            (None, Lang::En) => format!(
                "Criterion {}: {} prices compared, fewer than three: no detection threshold computed. Examination of the prices: {}",
                price.criterion, price.count, review(lang)
            ),
        });
    }
    let rows =
        a.abnormally_low(lang).into_iter().map(|l| vec![l.supplier.into(), l.price.into(), l.outcome.into()]).collect();
    d.table(
        columns(&[
            (bidder, false),
            (tr(lang, "Prix", "Price"), false),
            (tr(lang, "Précisions demandées et décision", "Explanations asked and decision"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("7. {}", tr(lang, "Classement des offres", "Ranking")));
    let ranked = a.ranked();
    if let Some(first) = ranked.first() {
        let mut header = columns(&[(tr(lang, "Rang", "Rank"), true), (bidder, false)]);
        header.extend(
            first
                .families
                .iter()
                .map(|f| Column { title: format!("{} /{}", f.label.get(lang), n(f.max)), numeric: true }),
        );
        header.push(Column { title: format!("Total /{}", n(a.grid.grid().scale)), numeric: true });
        header.push(Column { title: tr(lang, "Signalements", "Flags").into(), numeric: false });
        let rows = ranked
            .iter()
            .map(|o| {
                let mut row: Vec<Cell> =
                    vec![o.rank.map_or_else(String::new, |r| r.to_string()).into(), o.supplier.as_str().into()];
                row.extend(o.families.iter().map(|f| Cell::from(n(f.points))));
                row.push(Cell::strong(n(o.total)));
                row.push(a.flags(o, lang).into());
                row
            })
            .collect();
        d.table(header, rows, lang);
    } else {
        d.none(lang);
    }
    for line in a.provisional(lang) {
        d.para(line);
    }
    d.blocks.push(Block::Muted(
        tr(lang, "Le détail des points par critère figure en annexe A.", "Points per criterion are given in annex A.")
            .into(),
    ));

    d.heading(format!("8. {}", tr(lang, "Appréciations des évaluateurs", "Evaluators' appraisals")));
    let rows =
        a.appraisals(lang).into_iter().map(|(s, c, m, t)| vec![s.into(), c.into(), m.into(), t.into()]).collect();
    d.table(
        columns(&[
            (bidder, false),
            (tr(lang, "Critère", "Criterion"), false),
            (tr(lang, "Note", "Mark"), true),
            (tr(lang, "Appréciation", "Appraisal"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("9. {}", tr(lang, "Décisions enregistrées", "Decisions recorded")));
    let rows = a
        .decisions(lang)
        .into_iter()
        .map(|x| {
            vec![x.date.into(), x.kind.into(), x.supplier.into(), x.author.into(), x.detail.into(), x.outcome.into()]
        })
        .collect();
    d.table(
        columns(&[
            (tr(lang, "Date", "Date"), false),
            (tr(lang, "Objet", "About"), false),
            (bidder, false),
            (tr(lang, "Auteur", "Author"), false),
            (tr(lang, "Détail et motif", "Detail and reason"), false),
            (tr(lang, "Issue", "Outcome"), false),
        ]),
        rows,
        lang,
    );

    d.heading(format!("10. {}", tr(lang, "Proposition d'attribution", "Proposed award")));
    match a.winner(lang) {
        Some(w) => d.blocks.push(Block::Winner(
            format!("{} {}", tr(lang, "Attributaire proposé :", "Proposed winner:"), w.supplier),
            w.reasons,
        )),
        None => d.para(tr(
            lang,
            "Aucune offre ne peut encore être proposée : voir les points en suspens.",
            "No offer can be proposed yet: see the points to settle.",
        )),
    }

    d.heading(format!("11. {}", tr(lang, "Signatures", "Signatures")));
    let mut signers: Vec<(String, String)> = p.evaluators.iter().map(|e| (e.name.clone(), e.role.clone())).collect();
    if signers.is_empty() {
        signers.push((String::new(), tr(lang, "Évaluateur", "Evaluator").into()));
    }
    signers.push((
        p.buyer.clone(),
        tr(lang, "Pour l'acheteur, le représentant habilité", "For the buyer, the authorised representative").into(),
    ));
    d.blocks.push(Block::Signatures(signers));

    d.heading(tr(lang, "Annexe A. Points par critère", "Annex A. Points per criterion").into());
    let shown = &a.report.offers;
    if shown.is_empty() {
        d.none(lang);
    } else {
        let mut header = columns(&[(tr(lang, "Critère", "Criterion"), false), (tr(lang, "Poids", "Weight"), true)]);
        header.extend(shown.iter().map(|o| Column { title: o.supplier.clone(), numeric: true }));
        let rows = a
            .grid
            .grid()
            .criteria()
            .map(|(_, c)| {
                let mut row: Vec<Cell> = vec![format!("{} {}", c.id, c.label.get(lang)).into(), n(c.weight).into()];
                row.extend(shown.iter().map(|o| {
                    o.criteria.iter().find(|r| r.id == c.id).map_or_else(|| "—".into(), |r| n(r.points).into())
                }));
                row
            })
            .collect();
        d.table(header, rows, lang);
    }

    let individual = a.individual();
    if !individual.is_empty() {
        d.heading(tr(lang, "Annexe B. Notes de chaque évaluateur", "Annex B. Each evaluator's marks").into());
        let mut header = columns(&[(bidder, false), (tr(lang, "Critère", "Criterion"), false)]);
        header.extend(a.session.individual.iter().map(|e| Column { title: e.evaluator.clone(), numeric: false }));
        header
            .extend(columns(&[(tr(lang, "Écart", "Spread"), true), (tr(lang, "Note retenue", "Agreed mark"), false)]));
        let rows = individual
            .iter()
            .map(|r| {
                let mut row: Vec<Cell> = vec![r.supplier.as_str().into(), r.criterion.as_str().into()];
                row.extend(
                    r.marks
                        .iter()
                        .map(|(_, m)| m.as_ref().map_or_else(|| "—".into(), |m| Cell::mark(n(m.mark), &m.appraisal))),
                );
                row.push(format!("{}{}", n(r.spread), if r.disagreement { " ⚠" } else { "" }).into());
                row.push(r.agreed.as_ref().map_or_else(|| "—".into(), |m| Cell::mark(n(m.mark), &m.appraisal)));
                row
            })
            .collect();
        d.table(header, rows, lang);
        let files: Vec<String> = a
            .session
            .individual
            .iter()
            .map(|e| {
                format!(
                    "{}{}{} ({} {})",
                    e.evaluator,
                    colon(lang),
                    e.file,
                    tr(lang, "empreinte", "fingerprint"),
                    e.fingerprint
                )
            })
            .collect();
        d.blocks.push(Block::Muted(format!(
            "{} {}",
            tr(lang, "Sessions des évaluateurs :", "Evaluators' sessions:"),
            files.join(" ; ")
        )));
    }
    cited(&mut d, lang);
    d
}

/// The annex of the texts the document cites, from the law table, each with what it says.
fn cited(d: &mut Document, lang: Lang) {
    let mut text = String::new();
    for b in &d.blocks {
        match b {
            Block::Heading(t) | Block::Para(t) | Block::Muted(t) => text += t,
            Block::Notice { items, .. } => items.iter().for_each(|i| text += i),
            Block::Record(rows) => rows.iter().for_each(|(k, v)| text += &format!("{k} {}", v.text)),
            Block::Table { rows, .. } => {
                rows.iter().flatten().for_each(|c| text += &format!(" {} {}", c.strong, c.text))
            }
            Block::Winner(h, r) => text += &format!("{h} {r}"),
            Block::Signatures(_) => {}
        }
        text.push('\n');
    }
    let entries = jauge_engine::law::cited_in(&text);
    if entries.is_empty() {
        return;
    }
    d.heading(tr(lang, "Textes cités", "Texts cited").into());
    let rows =
        entries.iter().map(|e| vec![Cell::from(e.cite), Cell::from(e.says(lang)), Cell::from(e.source)]).collect();
    d.table(
        columns(&[
            (tr(lang, "Référence", "Reference"), false),
            (tr(lang, "Ce qu'elle dit", "What it says"), false),
            (tr(lang, "Source", "Source"), false),
        ]),
        rows,
        lang,
    );
}

/// The internal worksheet: how robust the ranking is (weight changes that would hand the lead
/// over, rankings under price methods the tender did not announce, marks that may neutralise a
/// weight). It is not part of the signed report: the method announced is the method applied.
pub fn internal(a: &Analysis, lang: Lang) -> Document {
    let p = &a.session.procedure;
    let mut d = Document {
        lang: if lang == Lang::Fr { "fr" } else { "en" },
        title: tr(lang, "Document de travail interne — non communicable", "Internal worksheet — not to be disclosed")
            .into(),
        tender: p.tender.clone(),
        subtitle: p.tender.clone(),
        footer: format!(
            "{} — {} {}…",
            tr(lang, "document de travail interne, non communicable", "internal worksheet, not to be disclosed"),
            tr(lang, "session", "session"),
            &a.fingerprint[..16]
        ),
        blocks: Vec::new(),
    };
    d.blocks.push(Block::Notice {
        title: tr(lang, "Ce document ne fait pas partie du rapport signé", "This document is not part of the signed report").into(),
        items: vec![tr(
            lang,
            "Il explore ce qu'auraient donné d'autres pondérations ou d'autres méthodes de notation du prix. La méthode annoncée dans les documents de la consultation est la seule appliquée : ces variantes ne peuvent motiver aucun choix.",
            "It explores what other weights or other price methods would have given. The method announced in the tender documents is the only one applied: these variants cannot ground any choice.",
        )
        .into()],
    });
    d.heading(tr(lang, "Robustesse du classement", "Robustness of the ranking").into());
    robustness(&mut d, a, lang);
    d
}

fn robustness(d: &mut Document, a: &Analysis, lang: Lang) {
    let r = &a.robustness;
    let n = |x: f64| number(x, 2, lang);
    let Some(winner) = &r.winner else {
        d.none(lang);
        return;
    };
    d.para(match lang {
        Lang::Fr => format!("Pour chaque famille, la plus petite variation de son poids (les autres familles ajustées pour garder le barème) qui changerait l'offre classée première ({winner}), et l'écart des notes réellement données."),
        Lang::En => format!("For each family, the smallest change of its weight (the other families rescaled to keep the scale) that would change the offer ranked first ({winner}), and the spread of the marks actually given."),
    });
    let scale = a.grid.grid().scale;
    let rows = r
        .families
        .iter()
        .map(|f| {
            vec![
                f.label.get(lang).into(),
                n(f.weight).into(),
                n(f.spread).into(),
                f.change(true, scale, lang).into(),
                f.change(false, scale, lang).into(),
                f.warning.as_ref().map_or("", |w| w.get(lang)).into(),
            ]
        })
        .collect();
    d.table(
        columns(&[
            (tr(lang, "Famille", "Family"), false),
            (tr(lang, "Poids", "Weight"), true),
            (tr(lang, "Écart des notes", "Spread of marks"), true),
            (tr(lang, "Hausse du poids", "Weight increase"), false),
            (tr(lang, "Baisse du poids", "Weight decrease"), false),
            (tr(lang, "Avertissement", "Warning"), false),
        ]),
        rows,
        lang,
    );
    let mut header = columns(&[(tr(lang, "Soumissionnaire", "Bidder"), false)]);
    header.extend(r.methods.iter().map(|m| Column {
        title: format!("{} {}", tr(lang, "Rang, méthode", "Rank, method"), m.method.label(lang)),
        numeric: false,
    }));
    let suppliers: Vec<&String> =
        r.methods.first().map(|m| m.offers.iter().map(|(s, _, _)| s).collect()).unwrap_or_default();
    let rows = suppliers
        .iter()
        .map(|s| {
            let mut row: Vec<Cell> = vec![s.as_str().into()];
            row.extend(r.methods.iter().map(|m| {
                m.offers.iter().find(|(name, _, _)| name == *s).map_or_else(
                    || "—".into(),
                    |(_, rank, total)| {
                        format!("{} ({})", rank.map_or("—".to_string(), |r| r.to_string()), n(*total)).into()
                    },
                )
            }));
            row
        })
        .collect();
    d.table(header, rows, lang);
}
