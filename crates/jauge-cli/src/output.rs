//! Human and spreadsheet renderings of a report: the ranking table and CSV.

use std::fmt::Write as _;

use jauge_document::RankingColumn as C;
use jauge_engine::report::{Flag, OfferResult};
use jauge_engine::text::{colon, number};
use jauge_engine::{Diagnostic, Lang, Report, Severity};

/// One diagnostic as a line: `  [bloquant] critère REV-03, champ rule.best : message`.
pub fn diagnostic_line(d: &Diagnostic, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let severity = match (d.severity, fr) {
        (Severity::Error, true) => "erreur",
        (Severity::Error, false) => "error",
        (Severity::Blocking, true) => "bloquant",
        (Severity::Blocking, false) => "blocking",
        (Severity::Warning, true) => "avertissement",
        (Severity::Warning, false) => "warning",
        (Severity::Info, _) => "info",
    };
    let location = d.location(lang);
    let sep = colon(lang);
    if location.is_empty() {
        format!("  [{severity}] {}", d.message.get(lang))
    } else {
        format!("  [{severity}] {location}{sep}{}", d.message.get(lang))
    }
}

/// The heading of a lot's ranking: `Lot 1 — Hébergement (estimation : 120 000 € HT)`.
pub fn lot_heading(lot: &jauge_engine::lot::LotIdentity, lang: Lang) -> String {
    let estimate = lot.estimate.map(|e| {
        let amount = number(e, 0, lang);
        lang.pick(format!(" (estimation : {amount} € HT)"), format!(" (estimate: €{amount} excl. VAT)"))
    });
    let line = format!("Lot {} — {}{}", lot.id, lot.title.get(lang), estimate.unwrap_or_default());
    format!("\n{line}\n{}\n", "=".repeat(line.chars().count()))
}

/// A lot as `check-grid` lists it: its criteria with their weights in the lot.
pub fn lot_line(lot: &jauge_engine::grid::Lot, own: &jauge_engine::Grid, lang: Lang) -> String {
    let criteria: Vec<String> =
        own.criteria().map(|(_, c)| format!("{} {}", c.id, number(c.weight, 2, lang))).collect();
    format!("lot {} — {}{}{}\n", lot.id, lot.title.get(lang), colon(lang), criteria.join(", "))
}

/// The offers no lot scores, with why.
pub fn unassigned(offers: &[jauge_engine::lot::Unassigned], lang: Lang) -> String {
    if offers.is_empty() {
        return String::new();
    }
    let mut out = format!("\n{}\n", lang.pick("Offres notées dans aucun lot", "Offers scored in no lot"));
    for o in offers {
        let _ = writeln!(out, "  {} ({}){}{}", o.supplier, o.source, colon(lang), o.reason.get(lang));
    }
    out
}

/// The ranking table, with the reasons, notes and (if `detail`) every criterion explained.
pub fn table(report: &Report, lang: Lang, detail: bool) -> String {
    let fr = lang == Lang::Fr;
    let sep = colon(lang);
    let mut out = String::new();
    let g = &report.grid;
    let _ = writeln!(out, "{}{sep}{} ({} {})", if fr { "Grille" } else { "Grid" }, g.title.get(lang), g.id, g.version);
    let _ = writeln!(out, "{}{sep}{}", if fr { "Empreinte SHA-256" } else { "SHA-256 fingerprint" }, g.fingerprint);
    if !report.warnings.is_empty() {
        let _ = writeln!(out, "\n{}", if fr { "Avertissements" } else { "Warnings" });
        for w in &report.warnings {
            let _ = writeln!(out, "{}", diagnostic_line(w, lang));
        }
    }

    let ranking = jauge_document::ranking(
        report,
        &report.offers,
        &[C::Rank, C::Bidder, C::Status, C::Total, C::Families, C::Flags],
        lang,
        |o| Flag::list(&o.flags, lang),
    );
    let header: Vec<String> = ranking.header.into_iter().map(|c| c.title).collect();
    let rows: Vec<Vec<String>> = ranking.rows.iter().map(|r| r.iter().map(|c| c.shown()).collect()).collect();
    let _ = writeln!(out, "\n{}", if fr { "Classement" } else { "Ranking" });
    out += &columns(&header, &rows);
    for o in &report.offers {
        offer_detail(&mut out, o, lang, detail);
    }
    out
}

/// Rows aligned in columns under a header.
fn columns(header: &[String], rows: &[Vec<String>]) -> String {
    let mut out = String::new();
    let widths: Vec<usize> = (0..header.len())
        .map(|i| rows.iter().map(|r| r[i].chars().count()).chain([header[i].chars().count()]).max().unwrap_or(0))
        .collect();
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - cell.chars().count())))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
    out
}

fn offer_detail(out: &mut String, o: &OfferResult, lang: Lang, detail: bool) {
    if !detail && o.reasons.is_empty() && o.notes.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{} ({}) — {} — {}", o.supplier, o.source, o.status.label(lang), number(o.total, 2, lang));
    for d in o.reasons.iter().chain(&o.notes) {
        let _ = writeln!(out, "{}", diagnostic_line(d, lang));
    }
    if detail {
        for c in &o.criteria {
            let _ = writeln!(
                out,
                "  {:<8} {:>6}/{:<5} {}",
                c.id,
                number(c.points, 2, lang),
                number(c.max, 2, lang),
                c.explanation.get(lang)
            );
            for n in &c.notes {
                let _ = writeln!(out, "  {:<8} {:>12} ({})", "", "", n.get(lang));
            }
        }
    }
}

/// One row per offer: rank, supplier, file and its SHA-256, status, total, families, criteria
/// points, flags, reasons (the ranking sheet of the results workbook).
pub fn csv(report: &Report, lang: Lang) -> anyhow::Result<String> {
    Ok(jauge_sheets::tables::csv(&jauge_sheets::results::ranking(report, lang), lang)?)
}

/// How robust the ranking is: per family, its effective weight and the weight changes that would
/// change the winner; then the ranking under each price method.
pub fn robustness(r: &jauge_engine::robustness::Robustness, scale: f64, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let _ = writeln!(out, "\n{}", if fr { "Robustesse du classement" } else { "Robustness of the ranking" });
    let Some(winner) = &r.winner else {
        let _ = writeln!(out, "  {}", if fr { "aucune offre classée" } else { "no ranked offer" });
        return out;
    };
    let _ = writeln!(out, "  {}{}{winner}", if fr { "en tête" } else { "first" }, colon(lang));
    for f in &r.families {
        let _ = writeln!(out, "  {}", f.line(scale, lang));
    }
    let _ = writeln!(out, "  {}", if fr { "Rang selon la méthode de prix :" } else { "Rank under each price method:" });
    for m in &r.methods {
        let ranks: Vec<String> = m
            .offers
            .iter()
            .map(|(name, rank, total)| {
                format!("{name} {} ({})", rank.map_or("—".to_string(), |r| r.to_string()), number(*total, 2, lang))
            })
            .collect();
        let method = m.method.label(lang);
        let _ = writeln!(out, "    {method}{}{}", colon(lang), ranks.join(", "));
    }
    out
}

/// The consolidation: for each offer and manual criterion, every evaluator's mark, the spread and
/// the agreed mark; disagreements beyond the threshold are marked `⚠`.
pub fn comparison(
    session: &jauge_engine::session::Session,
    rows: &[jauge_engine::session::MarkComparison],
    threshold: f64,
    lang: Lang,
) -> String {
    let fr = lang == Lang::Fr;
    let mut out = String::new();
    let evaluators: Vec<&str> = session.individual.iter().map(|e| e.evaluator.as_str()).collect();
    let _ = writeln!(
        out,
        "{} : {}",
        if fr { "Évaluateurs" } else { "Evaluators" },
        session.individual.iter().map(|e| format!("{} ({})", e.evaluator, e.file)).collect::<Vec<_>>().join(", ")
    );
    let _ = writeln!(
        out,
        "{} {} %",
        if fr { "Désaccord : écart supérieur à" } else { "Disagreement: spread above" },
        number(threshold, 2, lang)
    );
    let mut header =
        vec![jauge_document::bidder(lang).to_string(), if fr { "Critère" } else { "Criterion" }.to_string()];
    header.extend(evaluators.iter().map(|e| e.to_string()));
    header.extend([if fr { "Écart" } else { "Spread" }, if fr { "Note retenue" } else { "Agreed" }].map(String::from));
    let body: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.supplier.clone(), format!("{} /{}", r.criterion, number(r.out_of, 2, lang))];
            row.extend(r.marks.iter().map(|(_, m)| m.as_ref().map_or("—".into(), |m| number(m.mark, 2, lang))));
            row.push(format!("{}{}", number(r.spread, 2, lang), if r.disagreement { " ⚠" } else { "" }));
            row.push(r.agreed.as_ref().map_or("—".into(), |m| number(m.mark, 2, lang)));
            row
        })
        .collect();
    out += &columns(&header, &body);
    let open = rows.iter().filter(|r| r.agreed.is_none()).count();
    let _ = writeln!(
        out,
        "{} {open}",
        if fr { "Notes à arrêter par la commission :" } else { "Marks for the committee to agree:" }
    );
    // Equal marks with different appraisals still need the committee's one text.
    let texts = rows.iter().filter(|r| r.agreed.is_none() && !r.missing && r.spread == 0.0).count();
    if texts > 0 {
        let _ = writeln!(
            out,
            "{} {texts}",
            if fr {
                "notes égales dont l'appréciation commune reste à rédiger :"
            } else {
                "of which equal marks whose common appraisal is still to write:"
            }
        );
    }
    out
}

/// The current date and time, UTC, ISO 8601 to the second.
pub fn now() -> String {
    let secs = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let date = jauge_engine::value::Date::from_days(days);
    format!("{}T{:02}:{:02}:{:02}Z", date.iso(), rest / 3600, rest % 3600 / 60, rest % 60)
}

/// The date a document is given (`--date`), checked: a real calendar date `YYYY-MM-DD`, alone or
/// followed by a time (`T10:00:00Z`, `T10:00+01:00`); now when none is given. A signed document
/// never carries « lundi » or 30 February as its date.
pub fn given_date(date: Option<String>, lang: jauge_engine::Lang) -> anyhow::Result<String> {
    let Some(date) = date else { return Ok(now()) };
    let (day, time) = date.split_at(date.char_indices().nth(10).map_or(date.len(), |(i, _)| i));
    let clock = |t: &str| {
        let t = t.trim_end_matches('Z');
        let t = t.rsplit_once(['+', '-']).filter(|(_, zone)| zone.len() == 5).map_or(t, |(t, _)| t);
        let parts: Vec<&str> = t.split(':').collect();
        (2..=3).contains(&parts.len())
            && parts.iter().all(|p| p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            && parts[0] < "24"
            && parts[1..].iter().all(|p| *p < "60")
    };
    let time_ok = time.is_empty() || time.strip_prefix('T').is_some_and(clock);
    if jauge_engine::value::Date::parse_iso(day).is_some() && time_ok {
        return Ok(date);
    }
    anyhow::bail!(
        "{}",
        lang.pick(
            format!("date « {} » illisible : attendu une date réelle AAAA-MM-JJ, éventuellement suivie de l'heure (2026-11-30T10:00:00Z)", terminal_line(&date)),
            format!("date \"{}\" unreadable: expected a real date YYYY-MM-DD, possibly followed by the time (2026-11-30T10:00:00Z)", terminal_line(&date)),
        )
    )
}

/// Text as a terminal shows it harmlessly: control characters a bidder may have put in a name or a
/// file name (escape sequences, carriage returns, clear-screen) become `�`; line breaks stay.
pub fn terminal(text: &str) -> String {
    text.chars()
        .map(|c| if (c.is_control() && c != '\n') || jauge_document::safe::invisible(c) { '\u{fffd}' } else { c })
        .collect()
}

/// A bidder's text on one line of the terminal ([`terminal`], line breaks shown too): it cannot
/// start a line of its own that would pass for the tool's.
pub fn terminal_line(text: &str) -> String {
    terminal(text).replace('\n', "\u{fffd}")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_terminal_gets_no_escape_sequence_from_a_bid() {
        let name = "Evil\u{1b}]0;owned\u{7}\u{1b}[2J\rSARL\nnext";
        assert_eq!(super::terminal(name), "Evil\u{fffd}]0;owned\u{fffd}\u{fffd}[2J\u{fffd}SARL\nnext");
    }

    #[test]
    fn a_document_date_is_a_real_date() {
        use jauge_engine::Lang;
        for good in
            ["2026-11-30", "2026-11-30T10:00:00Z", "2026-11-30T10:00", "2026-11-30T23:59:59+01:00", "2028-02-29"]
        {
            assert_eq!(super::given_date(Some(good.into()), Lang::Fr).ok().as_deref(), Some(good), "{good}");
        }
        for bad in [
            "lundi",
            "2026-02-30",
            "2026-13-45",
            "99999-01-01T00:00:00Z",
            "2026-11-30T25:00",
            "2026-11-30 10:00",
            "2026-11-3é",
            "",
        ] {
            let e = super::given_date(Some(bad.into()), Lang::Fr).expect_err(bad).to_string();
            assert!(e.starts_with("date « "), "{e}");
        }
        assert!(
            super::given_date(Some("2026-02-30".into()), Lang::En)
                .expect_err("30 February")
                .to_string()
                .contains("unreadable")
        );
        assert!(super::given_date(None, Lang::Fr).is_ok());
    }

    #[test]
    fn a_bidders_name_stays_on_its_line_and_shows_its_hidden_characters() {
        assert_eq!(super::terminal_line("Ligne1\nLigne2\r=1+1"), "Ligne1\u{fffd}Ligne2\u{fffd}=1+1");
        assert_eq!(super::terminal("SARL \u{202E}exe.TXT"), "SARL \u{fffd}exe.TXT");
    }
}
