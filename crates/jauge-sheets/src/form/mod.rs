//! The response form (cadre de réponse) generated from a grid, in xlsx, ods and csv. The three
//! share one description of the rows; the reader in `layout.rs` reads them back.

mod csv;
mod ods;
pub(crate) mod schedule;
mod xlsx;

use jauge_document::safe;
use jauge_engine::grid::{Answer, Criterion};
use jauge_engine::rules::requirement;
use jauge_engine::text::{Lang, number};
use jauge_engine::value::expected;
use jauge_engine::{CheckedGrid, Text};

use crate::error::Error;

/// The format of a response form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormKind {
    /// Office Open XML workbook.
    Xlsx,
    /// OpenDocument spreadsheet, the format the RGI recommends.
    Ods,
    /// Semicolon-separated text (UTF-8 with BOM), for people without a spreadsheet program.
    Csv,
}

impl FormKind {
    /// The form kind for a file name's extension.
    pub fn from_extension(name: &str) -> Option<FormKind> {
        match name.rsplit_once('.')?.1.to_ascii_lowercase().as_str() {
            "xlsx" => Some(FormKind::Xlsx),
            "ods" => Some(FormKind::Ods),
            "csv" => Some(FormKind::Csv),
            _ => None,
        }
    }
}

/// Writes the response form for `grid`.
pub fn write_form(grid: &CheckedGrid, kind: FormKind) -> Result<Vec<u8>, Error> {
    let form = Form::new(grid);
    match kind {
        FormKind::Xlsx => xlsx::write(&form),
        FormKind::Ods => ods::write(&form),
        FormKind::Csv => csv::write(&form),
    }
}

/// The columns of the `Réponse` sheet: what the criterion asks, then the answer and its proof
/// beside the question, then what the analysis does with it. The reader finds `Identifiant`,
/// `Réponse` and `Justificatif / commentaire` by name, so the others may move.
pub const HEADERS: [&str; 10] = [
    "Identifiant",
    "Critère",
    "Question",
    "Réponse attendue",
    "Unité",
    "Réponse",
    "Justificatif / commentaire",
    "Éliminatoire",
    "Poids",
    "Famille",
];

/// The csv form's first column with lots: the lot each row belongs to.
pub const LOT: &str = "Lot";

/// Index of the answer column in [`HEADERS`].
pub const ANSWER: u16 = 5;

/// Index of the comment column in [`HEADERS`].
pub const COMMENT: u16 = 6;

/// Index of the weight column in [`HEADERS`]: a number, when the grid publishes it.
pub(crate) const WEIGHT: u16 = 8;

/// Everything a form shows, in French (the language of French public tenders).
pub(crate) struct Form {
    pub title: String,
    pub cover: Vec<(String, String)>,
    pub identity: Vec<&'static str>,
    pub instructions: Vec<String>,
    /// With lots: one line per lot on the cover, where the bidder says whether it bids for it.
    pub bids: Vec<String>,
    /// The answer sheets: `Réponse` without lots, one per lot with them.
    pub sheets: Vec<AnswerSheet>,
}

/// One answer sheet: the whole grid's criteria, or one lot's with its weights.
pub(crate) struct AnswerSheet {
    /// The sheet's name (at most 31 characters).
    pub name: String,
    /// The lot's id, for the csv's `Lot` column.
    pub lot: Option<String>,
    pub rows: Vec<Row>,
}

/// The cover's label of the line where a bidder names its variant (a grid that allows variants).
pub(crate) const VARIANT_LABEL: &str = "Variante (son nom, vide pour l'offre de base)";

/// The cover's label of the line where a bidder says whether it bids for a lot.
pub(crate) fn bid_label(id: &str, title: &str) -> String {
    format!("Candidat au lot {id} — {title} (Oui / Non)")
}

/// The name of a lot's answer sheet, which the reader finds by its start (`Lot 1`).
pub(crate) fn lot_sheet(id: &str, title: &str) -> String {
    crate::tables::sheet_name(&format!("Lot {id} — {title}"))
}

/// One criterion's row.
pub(crate) struct Row {
    /// The texts, in the order of [`HEADERS`]; the answer, comment and weight cells are empty.
    pub cells: [String; 10],
    pub weight: Option<f64>,
    pub input: Input,
    pub help: String,
}

/// What the answer cell accepts, for the spreadsheet's own validation.
pub(crate) enum Input {
    /// One of these labels.
    List(Vec<String>),
    /// A number in these bounds.
    Number { min: Option<f64>, max: Option<f64> },
    /// A date.
    Date,
    /// Anything (free text, several choices, URLs).
    Text,
}

impl Form {
    fn new(checked: &CheckedGrid) -> Form {
        let grid = checked.grid();
        let fr = Lang::Fr;
        let mut cover = vec![
            ("Identifiant de la grille".to_string(), grid.id.clone()),
            ("Version de la grille".to_string(), grid.version.clone()),
            ("Empreinte de la grille (SHA-256)".to_string(), checked.fingerprint().to_string()),
            ("Éditeur de la grille".to_string(), grid.publisher.clone()),
            ("Barème".to_string(), format!("{} points", number(grid.scale, 2, fr))),
            ("Prix comparés".to_string(), format!("{} ({})", grid.price_basis.code(), basis_words(grid.price_basis))),
        ];
        if let Some(date) = &grid.date {
            cover.push(("Date de la grille".to_string(), date.clone()));
        }
        // A budget announced as a ceiling is printed: an offer above it may be unacceptable.
        for (_, c) in grid.criteria() {
            if let Some(ceiling) = c.budget.as_ref().and_then(|b| b.ceiling) {
                cover.push((
                    format!("Budget annoncé comme plafond ({})", c.id),
                    format!("{} € {}", number(ceiling, 2, fr), grid.price_basis.code()),
                ));
            }
        }
        let lots = !grid.lots.is_empty();
        let answer_where = if lots {
            "2. Indiquez ci-dessous « Oui » pour chaque lot auquel vous êtes candidat et « Non » pour les autres, puis, dans la feuille de chaque lot (« Lot 1 — … »), répondez à chaque critère dans la colonne « Réponse » et citez vos justificatifs dans la colonne « Justificatif / commentaire ». Chaque lot est jugé séparément ; les réponses à un lot auquel vous n'êtes pas candidat ne sont pas notées."
        } else {
            "2. Dans la feuille « Réponse », répondez à chaque critère dans la colonne « Réponse » et citez vos justificatifs dans la colonne « Justificatif / commentaire »."
        };
        let weights = if lots {
            format!(
                "6. Les poids indiqués sont ceux de l'analyse des offres de chaque lot (total : {} points par lot).",
                number(grid.scale, 2, fr)
            )
        } else {
            format!(
                "6. Les poids indiqués sont ceux de l'analyse des offres (total : {} points).",
                number(grid.scale, 2, fr)
            )
        };
        let instructions = vec![
            "1. Indiquez ci-dessous le nom du candidat, son numéro SIRET et un contact.".to_string(),
            answer_where.to_string(),
            "3. Répondez dans l'unité de la colonne « Unité » ; pour les listes, choisissez l'une des valeurs proposées ; pour les choix multiples, séparez les valeurs par des virgules.".to_string(),
            "4. Ne modifiez pas la colonne « Identifiant » et ne protégez pas le fichier par un mot de passe.".to_string(),
            "5. Les critères « Éliminatoire » sont des exigences minimales : une offre qui ne les respecte pas est irrégulière et n'est pas classée.".to_string(),
            weights,
            "7. Indiquez le prix hors TVA, le taux de TVA qui vous est applicable (ou la mention de votre exonération) et le prix TTC : les prix sont comparés tels que vous les indiquez, aucun taux n'est présumé.".to_string(),
            format!("8. Égalités : {}", jauge_engine::evaluate::ties_text(grid, fr)),
        ];
        let mut instructions = instructions;
        if let Some(durations) = jauge_engine::evaluate::working_day_text(grid, fr) {
            instructions[2].push(' ');
            instructions[2].push_str(&durations);
        }
        match grid.variants {
            Some(v) if v.allowed => instructions.push(format!(
                "9. Variantes : elles sont autorisées{} ; chaque variante est remise dans un cadre de réponse distinct, son nom indiqué à la ligne « Variante », et elle est évaluée comme une offre à part entière.",
                if v.base_required { ", avec une offre de base obligatoire du même candidat" } else { "" }
            )),
            Some(_) => instructions.push("9. Variantes : elles ne sont pas autorisées.".to_string()),
            None => {}
        }
        // A price through a schedule is answered in the price sheet, line by line.
        let rows = |g: &jauge_engine::Grid| {
            g.criteria()
                .filter(|(_, c)| c.schedule.is_none() && c.life_cycle.is_none())
                .map(|(family, c)| row(family.label.get(fr), c))
                .collect()
        };
        let schedules = crate::form::schedule::sheet(grid);
        if schedules.is_some() {
            instructions.extend(crate::form::schedule::instructions(grid, instructions.len() + 1));
        }
        let (bids, mut sheets) = if lots {
            let sheets = grid
                .lots
                .iter()
                .filter_map(|lot| {
                    let own = checked.lot(&lot.id)?;
                    // A lot's price schedule is in the lot's own sheet, below its criteria: the
                    // reader reads a lot's answers from its sheet alone.
                    let mut own_rows: Vec<Row> = rows(own.grid());
                    own_rows.extend(crate::form::schedule::sheet(own.grid()).into_iter().flat_map(|s| s.rows));
                    Some(AnswerSheet {
                        name: lot_sheet(&lot.id, lot.title.get(fr)),
                        lot: Some(lot.id.clone()),
                        rows: own_rows,
                    })
                })
                .collect();
            (grid.lots.iter().map(|l| bid_label(&l.id, l.title.get(fr))).collect(), sheets)
        } else {
            (Vec::new(), vec![AnswerSheet { name: "Réponse".to_string(), lot: None, rows: rows(grid) }])
        };
        if !lots {
            sheets.extend(schedules);
        }
        Form {
            title: format!("Cadre de réponse — {} (version {})", grid.title.get(fr), grid.version),
            cover,
            identity: {
                let mut identity = vec!["Nom du candidat", "SIRET", "Contact (nom, courriel, téléphone)"];
                if grid.variants.is_some_and(|v| v.allowed) {
                    identity.push(VARIANT_LABEL);
                }
                identity
            },
            instructions,
            bids,
            sheets,
        }
        .safe()
    }

    /// The same form with every text made a cell's ([`safe::cell`]): a grid's texts come from
    /// anyone who writes one, and each of the three writers must accept them.
    fn safe(mut self) -> Form {
        let cell = |s: &mut String| {
            if let std::borrow::Cow::Owned(safe) = safe::cell(s, Lang::Fr) {
                *s = safe;
            }
        };
        cell(&mut self.title);
        self.cover.iter_mut().for_each(|(label, value)| {
            cell(label);
            cell(value);
        });
        self.instructions.iter_mut().for_each(cell);
        self.bids.iter_mut().for_each(cell);
        for row in self.sheets.iter_mut().flat_map(|s| s.rows.iter_mut()) {
            row.cells.iter_mut().for_each(cell);
            cell(&mut row.help);
            if let Input::List(items) = &mut row.input {
                items.iter_mut().for_each(cell);
            }
        }
        self
    }
}

fn basis_words(basis: jauge_engine::grid::PriceBasis) -> &'static str {
    match basis {
        jauge_engine::grid::PriceBasis::Ttc => "toutes taxes comprises",
        jauge_engine::grid::PriceBasis::Ht => "hors taxes",
    }
}

fn row(family: &str, c: &Criterion) -> Row {
    let fr = Lang::Fr;
    let options =
        |o: &[jauge_engine::grid::ChoiceOption]| o.iter().map(|o| o.label.get(fr).to_string()).collect::<Vec<_>>();
    let input = match &c.answer {
        Answer::YesNo => Input::List(vec!["Oui".into(), "Non".into()]),
        Answer::Choice { options: o } => Input::List(options(o)),
        Answer::Number { min, max, .. } => Input::Number { min: *min, max: *max },
        Answer::Percentage => Input::Number { min: Some(0.0), max: Some(100.0) },
        Answer::Duration { .. } => Input::Number { min: Some(0.0), max: None },
        Answer::Price { .. } => Input::Number { min: Some(0.0), max: None },
        Answer::Date => Input::Date,
        Answer::MultiChoice { .. } | Answer::Url | Answer::Text => Input::Text,
    };
    let unit = match &c.answer {
        Answer::Price { currency } => format!("{currency} {}", "(montant)"),
        a => a.unit().map(|u| u.symbol(fr).to_string()).unwrap_or_default(),
    };
    let eliminatory =
        c.eliminatory.as_ref().map(|e| format!("Oui : {}", requirement(c, e).fr)).unwrap_or_else(|| "Non".into());
    let mut expected_text = expected(&c.answer, fr);
    if let Answer::Percentage = c.answer {
        expected_text = "un pourcentage entre 0 et 100, sans le signe % (par exemple 99,9)".into();
    }
    let help = c.help.as_ref().map(|h: &Text| h.fr.clone()).unwrap_or_default();
    Row {
        cells: [
            c.id.clone(),
            c.label.fr.clone(),
            c.question.fr.clone(),
            expected_text,
            unit,
            String::new(),
            String::new(),
            eliminatory,
            String::new(),
            family.to_string(),
        ],
        weight: c.published.then_some(c.weight),
        input,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part of an xlsx, as text.
    fn part(xlsx: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("a zip");
        std::io::read_to_string(zip.by_name(name).expect(name)).expect("text")
    }

    /// An option holding a comma would be split in two by a list written in its rule: such lists
    /// (and those with a quote, or too long) refer to a hidden sheet instead, item by item.
    #[test]
    fn a_drop_down_offers_exactly_the_options_whatever_they_hold() {
        let text = include_str!("../../../../criteria/numerique-responsable.json");
        let mut g: serde_json::Value = serde_json::from_str(text).expect("JSON");
        let options = &mut g["families"][0]["criteria"][1]["answer"]["options"];
        options[1]["label"]["fr"] = serde_json::json!("Sur demande, \"sous 48 h\"");
        let grid = CheckedGrid::from_json(&g.to_string()).expect("valid");
        let xlsx = write_form(&grid, FormKind::Xlsx).expect("written");
        let workbook = part(&xlsx, "xl/workbook.xml");
        assert!(workbook.contains(r#"<sheet name="Listes" sheetId="3" state="hidden""#), "{workbook}");
        let answers = part(&xlsx, "xl/worksheets/sheet2.xml");
        // INT-02's options, then SEC-04's (the default grid's own comma).
        assert!(answers.contains("<formula1>Listes!$A$1:$A$4</formula1>"), "{answers}");
        assert!(answers.contains("<formula1>Listes!$B$1:$B$3</formula1>"), "{answers}");
        assert!(answers.contains("<formula1>\"Oui,Non\"</formula1>"), "short plain lists stay inline");
        let strings = part(&xlsx, "xl/sharedStrings.xml");
        for option in
            ["Sur demande, \"sous 48 h\"", "Politique de divulgation publiée, correctifs critiques sous 7 jours"]
        {
            assert!(strings.contains(option), "{option} in {strings}");
        }
    }

    #[test]
    fn the_form_announces_how_prices_are_stated_and_how_ties_are_settled() {
        let text = include_str!("../../../../criteria/numerique-responsable.json");
        let grid = CheckedGrid::from_json(text).expect("the default grid");
        let form = Form::new(&grid);
        assert!(
            form.instructions[6]
                .contains("le taux de TVA qui vous est applicable (ou la mention de votre exonération)")
        );
        assert_eq!(
            form.instructions[7],
            "8. Égalités : Les totaux sont comparés exactement, sans arrondi. Aucune règle de départage n'est annoncée : une égalité est départagée par une décision consignée avec sa date et son auteur."
        );
        let mut g: serde_json::Value = serde_json::from_str(text).expect("JSON");
        g["ties"] = serde_json::json!({"decimals": 2, "break_by": [{"family": "accessibilite"}, "price"]});
        let ruled = CheckedGrid::from_json(&g.to_string()).expect("with a tie rule");
        assert!(Form::new(&ruled).instructions[7].contains(
            "arrondis à 2 décimales. En cas d'égalité, les offres sont départagées par la meilleure note dans la famille « Accessibilité et langues », puis le prix le plus bas"
        ));
    }

    /// The grid's definition of a working day is announced where answers may be converted by it
    /// (criteria counted in hours, minutes or working days), and only there.
    #[test]
    fn the_form_announces_the_working_day_where_durations_are_converted() {
        let text = include_str!("../../../../criteria/numerique-responsable.json");
        let mut g: serde_json::Value = serde_json::from_str(text).expect("JSON");
        g["working_day_hours"] = serde_json::json!(7.5);
        let form = Form::new(&CheckedGrid::from_json(&g.to_string()).expect("the default grid"));
        assert!(form.instructions[2].starts_with("3. Répondez dans l'unité"));
        assert!(
            form.instructions[2].ends_with(
                " Durées : un jour ouvré compte pour 7,5 h ; une réponse en jours ouvrés à un critère qui compte en heures ou en minutes, ou l'inverse, est convertie à ce taux (SUP-02, SUP-03)."
            ),
            "{}",
            form.instructions[2]
        );
        // Without a criterion counted in hours, minutes or working days, nothing is said.
        for family in g["families"].as_array_mut().expect("families") {
            for c in family["criteria"].as_array_mut().expect("criteria") {
                if matches!(c["answer"]["unit"].as_str(), Some("hour" | "minute" | "working_day")) {
                    c["answer"]["unit"] = "day".into();
                }
            }
        }
        let without = CheckedGrid::from_json(&g.to_string());
        let form = Form::new(&without.expect("still a grid"));
        assert!(!form.instructions.iter().any(|i| i.contains("jour ouvré")), "{:?}", form.instructions);
    }
}
