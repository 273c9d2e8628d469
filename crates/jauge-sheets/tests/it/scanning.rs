//! The xlsx reader takes a cell's plain value (`<v>12</v>`) and a string's plain run (`<t>Oui</t>`)
//! straight from the inflated bytes, without quick-xml's events (`xlsx::plain`), and lets quick-xml
//! read anything else. The workbook here is written to mislead a byte scan: references, CDATA and
//! comments holding `</v>` or `</c>`, text before a value, carriage returns, prefixed elements, a
//! value in an inline string cell, phonetic runs, `_xHHHH_` escapes, a shared formula whose master
//! lies in a column nothing reads, a merge from such a column into the answers, rows' tags written
//! oddly (`xlsx::plain_row`), and a sheet long enough that values straddle the reader's buffer. Read with the shortcut and with every element
//! parsed: the same offers; and what it reads is pinned by a golden file.

use std::fmt::Write as _;
use std::io::{Cursor, Read, Write};

use expect_test::expect_file;
use jauge_engine::CheckedGrid;
use jauge_sheets::bench::offers_with;
use jauge_sheets::{HEADERS, Limits, read_offer};

/// Rows of criteria; past the first, padding answers make the sheet far larger than a buffer.
const ROWS: usize = 3_000;

fn grid() -> CheckedGrid {
    crate::skipping::numbered_grid(ROWS, false)
}

/// The shared strings: the headers (0 to 9), then strings a scan could misread.
fn shared_strings() -> String {
    let mut si: Vec<String> = HEADERS.iter().map(|h| format!("<si><t>{h}</t></si>")).collect();
    si.extend(
        [
            "<si><t>Oui</t></si>",                                                              // 10
            "<si><t>Non</t></si>",                                                              // 11
            "<si><t>  espaces autour  </t></si>",                                               // 12
            "<si><t>ligne\r\nsuivante\r</t></si>",                                              // 13
            "<si><t xml:space=\"preserve\">  gardés\r  </t></si>",                              // 14
            "<si><t>_x0041__x005F_x0042_</t></si>",                                             // 15
            "<si><r><t>Ou</t></r><rPh sb=\"0\" eb=\"1\"><t>ウイ</t></rPh><r><t>i</t></r></si>", // 16
            "<si><t><![CDATA[</t></si></c>]]></t></si>",                                        // 17
            "<si><t>&lt;/t&gt;&amp;&#x4E;</t></si>",                                            // 18
            "<si><t>avant<!-- </t></si> -->après</t></si>",                                     // 19
            "<si>x<t>texte avant</t>y<t>, texte après</t></si>",                                // 20
            "<si><x:t xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">préfixé</x:t></si>", // 21
            "<si><t xml:space=\"preserve\"> </t><t>deux</t><t xml:space=\"preserve\"> runs </t></si>", // 22
            "<si><t>fusion depuis une colonne non lue</t></si>",                                // 23
        ]
        .map(str::to_string),
    );
    // Then one per row (24 on), enough for the part to span several of the reader's buffers,
    // and a few written oddly.
    si.extend((0..ROWS).map(|i| match i % 500 {
        1 => format!("<si ><t>Remplissage {i}</t></si>"),
        2 => format!("<si><t>Remplissage {i}</t></si >"),
        3 => format!("<si><t>Remplissage</t><t> {i}</t></si>"),
        4 => format!("<si><t xml:space=\"preserve\">Remplissage {i} </t></si>"),
        5 => format!("<si><t xml:space='preserve'> Remplissage {i}</t></si>"),
        6 => format!("<si>\n<t>Remplissage {i}</t></si>"),
        _ => format!(
            "<si><t>Texte de remplissage {i}, assez long pour que la table passe d'un tampon à l'autre</t></si>"
        ),
    }));
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{0}" uniqueCount="{0}">{1}</sst>"#,
        si.len(),
        si.concat()
    )
}

/// The answer cell (column F) of each trap row, `{r}` its row number.
const TRAPS: &[&str] = &[
    r#"<c r="F{r}" t="s"><v>10</v></c>"#,
    r#"<c r="F{r}" t="s"><v>&#49;&#49;</v></c>"#,
    r#"<c r="F{r}" t="s"><v><![CDATA[12]]></v></c>"#,
    r#"<c r="F{r}" t="s"><v>13<!-- </v></c><v>10</v> --></v></c>"#,
    r#"<c r="F{r}" t="s">x<v>14</v>y</c>"#,
    r#"<c r="F{r}" t="s"><v>15</v></c>"#,
    r#"<c r="F{r}" t="s"><v>16</v></c>"#,
    r#"<c r="F{r}" t="s"><v>17</v></c>"#,
    r#"<c r="F{r}" t="s"><v>18</v></c>"#,
    r#"<c r="F{r}" t="s"><v>19</v></c>"#,
    r#"<c r="F{r}" t="s"><v>20</v></c>"#,
    r#"<c r="F{r}" t="s"><v>21</v></c>"#,
    r#"<c r="F{r}" t="s"><v>22</v></c>"#,
    r#"<x:c r="F{r}" t="s"><x:v>11</x:v></x:c>"#,
    r#"<c r="F{r}" t="s"><x:v>10</x:v></c>"#,
    r#"<c r="F{r}" t="inlineStr"><v>10</v><is><t>dans la cellule</t></is></c>"#,
    r#"<c r="F{r}" t="inlineStr"><is><t><![CDATA[</c></v><v>10</v>]]></t></is></c>"#,
    r#"<c r="F{r}" t="inlineStr"><is><t>&lt;/c&gt;</t></is></c>"#,
    r#"<c r="F{r}" s="1"><v>0.999</v></c>"#,
    r#"<c r="F{r}"><v>1.5E3</v></c>"#,
    r#"<c r="F{r}" t="str"><f>A1</f><v>calculé_x000D_</v></c>"#,
    r#"<c r="F{r}" t="b"><v>1</v></c>"#,
    r#"<c r="F{r}" t="e"><v>#N/A</v></c>"#,
    r#"<c r="F{r}" t="s"><v> 11</v></c>"#,
    r#"<c r="F{r}" t="s"><v>1&#x31;</v></c>"#,
    r#"<c r="F{r}"><f>1+1</f><v></v></c>"#,
    r#"<c r="F{r}" t="s"><v>11</v ></c>"#,
    r#"<c r="F{r}" t="s"><v>11</v><v>10</v></c>"#,
    r#"<c r="F{r}" t="s"><f>B1</f><v>11</v></c>"#,
    // Cells whose attributes a scan could misread.
    r#"<c r="F{r}" t="s" ><v>11</v></c>"#,
    r#"<c  r="F{r}"   t="s"><v>10</v></c>"#,
    r#"<c r='F{r}' t='s'><v>11</v></c>"#,
    r#"<c r="F{r}" x="a>b" t="s"><v>10</v></c>"#,
    r#"<c r="F{r}" x='"' t="s"><v>10</v></c>"#,
    r#"<c t="s" r="F{r}" t="n"><v>10</v></c>"#,
    r#"<c r="F{r}" t=""><v>11</v></c>"#,
    r#"<c r="E{r}" t="s"><v>3</v></c><c t="s"><v>10</v></c>"#,
    r#"<c r="F{r}" t="s"><v>11</v></c >"#,
    r#"<c r="F{r}" t="inlineStr"><v>10</v></c>"#,
    r#"<c r="F{r}" t="s"/>"#,
    r#"<c r="F{r}"t="s"><v>11</v></c>"#,
    r#"<c r="F{r}" t="s" x:r="A1"><v>10</v></c>"#,
    r#"<c r="f{r}" s="zéro" t="s"><v>11</v></c>"#,
    r#"<c r="F{r}" t="s" r="G{r}"><v>10</v></c>"#,
    r#"<c r="F{r}" t="s"><v>10</v></c><c r="F{r}" t="s"><v>11</v></c>"#,
    r#"<c r="F{r}" t="s">
<v>11</v></c>"#,
];

/// Row (1-based) below the top rows where a shared formula's master sits in column C, which
/// nothing reads, and its other cell in the answer column.
const SHARED_ROW: usize = 150;
/// Row where a merged region starts on a string in column E, which nothing reads, and covers the
/// answer column.
const MERGE_ROW: usize = 160;

/// The answer sheet: headers, the traps, then plain rows up to `ROWS` (their answers alternately
/// shared strings and numbers, every other column filled).
fn sheet(traps: &[&str]) -> String {
    let mut rows = String::new();
    let header: String =
        (0..HEADERS.len()).map(|c| format!(r#"<c r="{}1" t="s"><v>{c}</v></c>"#, (b'A' + c as u8) as char)).collect();
    write!(rows, r#"<row r="1">{header}</row>"#).expect("write");
    for i in 0..ROWS {
        let r = i + 2;
        let id = format!(r#"<c r="A{r}" t="inlineStr"><is><t>C-{i}</t></is></c>"#);
        let filler = format!(
            r#"<c r="B{r}" t="s"><v>{}</v></c><c r="C{r}"><v>{}</v></c><c r="D{r}" t="s"><v>3</v></c>"#,
            i % 24,
            i * 7
        );
        let answer = match (traps.get(i), r) {
            (Some(trap), _) => trap.replace("{r}", &r.to_string()),
            (None, SHARED_ROW) => format!(
                r#"<c r="C{r}"><f t="shared" ref="C{r}:F{r}" si="0">A{r}&amp;"x"</f><v>1</v></c><c r="F{r}" t="str"><f t="shared" si="0"/><v></v></c>"#
            ),
            (None, MERGE_ROW) => format!(r#"<c r="E{r}" t="s"><v>23</v></c>"#),
            (None, _) if i % 2 == 0 => format!(r#"<c r="F{r}" t="s"><v>{}</v></c>"#, 10 + i % 2),
            (None, _) => format!(r#"<c r="F{r}"><v>{}.25</v></c>"#, i),
        };
        // The shared formula's row has its own column C.
        let filler =
            if r == SHARED_ROW { filler.replace(&format!(r#"<c r="C{r}"><v>{}</v></c>"#, i * 7), "") } else { filler };
        let comment = format!(r#"<c r="G{r}" t="s"><v>{}</v></c>"#, 24 + i);
        // A few rows' tags written as a scan could misread them.
        let (start, end) = match i % 500 {
            7 => (format!(r#"<row r="{r}" spans="1:7" ht="15" customHeight="1" x14ac:dyDescent="0.25">"#), "</row>"),
            8 => ("<row>".to_string(), "</row>"),
            9 => (format!("<row r='{r}'>"), "</row >"),
            10 => (format!(r#"<row  r="{r}"  >"#), "</row\n>"),
            11 => (format!(r#"<row r="{r}" r="{}">"#, r + 5), "</x:row>"),
            12 => (format!("<row\nr=\"{r}\">"), "</row>"),
            13 => (format!(r#"<row r="{r}"/><row r="{r}">"#), "</row>"),
            14 => (format!(r#"<row/><row r="{r}" >"#), "</row>"),
            15 => (format!(r#"<row r="+{r}" x="a>b">"#), "</row>"),
            16 => (format!(r#"<rowx/><row r="{r}" s="1" customFormat="1">"#), "</row>"),
            _ => (format!(r#"<row r="{r}">"#), "</row>"),
        };
        write!(rows, "{start}{id}{filler}{answer}{comment}{end}").expect("write");
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="E{MERGE_ROW}:F{MERGE_ROW}"/></mergeCells></worksheet>"#
    )
}

/// `tests/data/handmade.xlsx` with its answer sheet and shared strings replaced by these.
fn workbook(traps: &[&str]) -> Vec<u8> {
    let base = replaced(include_bytes!("../data/handmade.xlsx"), "xl/worksheets/feuille.xml", &sheet(traps));
    replaced(&base, "xl/sharedStrings.xml", &shared_strings())
}

/// The offers read with the scan, without it (every element parsed by quick-xml) and without
/// the skipping of unread cells either: the same.
fn same_every_way(name: &str, bytes: &[u8], grid: &CheckedGrid) {
    let (scanned, _) = offers_with(name, bytes, grid, true, true);
    let (parsed, _) = offers_with(name, bytes, grid, true, false);
    let (whole, _) = offers_with(name, bytes, grid, false, false);
    assert!(scanned == parsed, "{name}: taking plain cells from the bytes changes the offers");
    assert!(scanned == whole, "{name}: skipping and taking plain cells change the offers");
}

#[test]
fn plain_values_taken_from_the_bytes_read_as_every_element_parsed() {
    let grid = grid();
    let bytes = workbook(TRAPS);
    assert!(sheet(TRAPS).len() > 4 << 16, "the sheet spans several of the reader's buffers");
    assert!(shared_strings().len() > 2 << 16, "the strings span several of the reader's buffers");
    same_every_way("scan.xlsx", &bytes, &grid);
    // What was read: each trap's answer, as the reading gives it.
    let offer = read_offer("scan.xlsx", &bytes, &grid, &Limits::default()).expect("readable");
    let mut out = String::new();
    let odd = (1..=16).chain(501..=516);
    let shown = (0..TRAPS.len())
        .chain([SHARED_ROW - 2, MERGE_ROW - 2, ROWS - 2, ROWS - 1])
        .chain(odd)
        .map(|i| format!("C-{i}"));
    for id in shown {
        let response = offer.responses.get(&id);
        let raw = response.and_then(|r| r.raw.as_ref());
        let comment = response.and_then(|r| r.comment.as_deref());
        writeln!(out, "{id:<7} {raw:?} | {comment:?}").expect("write");
    }
    expect_file!["../golden/scanning.txt"].assert_eq(&out);
}

/// A damaged cell after plain ones is refused the same both ways (the scan leaves it to quick-xml).
#[test]
fn damaged_cells_are_refused_as_when_every_element_is_parsed() {
    let grid = grid();
    let damaged = [
        r#"<c r="F{r}" t="&#115;"><v>10</v></c>"#,
        r#"<c r="F0" t="s"><v>10</v></c>"#,
        r#"<c r="F{r}" t="s"><v>999</v></c>"#,
        r#"<c r="F{r}" t="b"><v>2</v></c>"#,
        r#"<c r="F{r}"><v>1,5</v></c>"#,
        r#"<c r="F{r}" t="s"><v>10</v></x>"#,
        "<c r=\"F{r}\" t=\"s\"><v>1\u{FFFD}</v></c>",
    ];
    let mut out = String::new();
    for trap in damaged {
        let traps = [TRAPS[0], TRAPS[1], trap];
        let bytes = workbook(&traps);
        let (scanned, _) = offers_with("scan.xlsx", &bytes, &grid, true, true);
        let (parsed, _) = offers_with("scan.xlsx", &bytes, &grid, true, false);
        assert!(scanned == parsed, "{trap}: taking plain values from the bytes changes the refusal");
        let refusal = read_offer("scan.xlsx", &bytes, &grid, &Limits::default()).map(|_| "read");
        writeln!(out, "{trap}\n  {refusal:?}").expect("write");
    }
    expect_file!["../golden/scanning-damaged.txt"].assert_eq(&out);
}

/// The ods reader takes a whole cell holding at most one plain paragraph from the bytes (its
/// attributes read by the same code as quick-xml's): each ods trap in the answer column (F).
const ODS_TRAPS: &[&str] = &[
    r#"<table:table-cell office:value-type="string"><text:p>Oui</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="float" office:value="1" table:formula="of:=[.A1]>0"><text:p>1</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type='string'><text:p>apostrophes</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p>un</text:p><text:p>deux</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p>a<text:s text:c="3"/>b<text:tab/>c</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p>a &amp; b &#x4E;</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p><![CDATA[</text:p></table:table-cell>]]></text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p>avant<!-- </text:p></table:table-cell> -->après</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><office:annotation><text:p>note</text:p></office:annotation><text:p>Non</text:p></table:table-cell>"#,
    "<table:table-cell office:value-type=\"string\"><text:p>ligne\r\nsuivante</text:p></table:table-cell>",
    r#"<table:table-cell office:value-type="string" office:string-value="attribut"><text:p>paragraphe</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="percentage" office:value="0.999"><text:p>99,9 %</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"/>"#,
    r#"<table:table-cell/>"#,
    r#"<table:table-cell office:value-type="string">x<text:p>Oui</text:p>y</table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p >Oui</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" table:number-columns-repeated="2"><text:p>deux fois</text:p></table:table-cell>"#,
    r#"<table:table-cell  office:value-type="string"
><text:p>retour dans la balise</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string"><text:p>Oui</text:p></table:table-cell ><table:table-cell/>"#,
    r#"<table:table-cell office:value-type="string"><text:p>a</text:p></table:table-cell><table:covered-table-cell office:value-type="string"><text:p>couverte</text:p></table:covered-table-cell>"#,
    r#"<table:table-cell calcext:value-type="error" office:value-type="string" office:string-value=""><text:p>#N/A</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" office:value-type="float" office:value="2"><text:p>deux types</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" x="&quot;>"><text:p>guillemet</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>"#,
    r#"<table:table-cell office:value-type="string" x="></table:table-cell>"><text:p>piège</text:p></table:table-cell>"#,
    r#"x<table:table-cell office:value-type="string"><text:p>Non</text:p></table:table-cell>y"#,
];

/// `tests/data/handmade.ods` with its content replaced by one answer sheet: headers, the traps
/// (`{r}` unused), then plain rows up to `ROWS`, every other column filled.
fn ods(traps: &[&str]) -> Vec<u8> {
    let string =
        |t: &str| format!(r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#);
    let mut rows = String::new();
    let header: String = HEADERS.iter().map(|h| string(h)).collect();
    write!(rows, "<table:table-row>{header}</table:table-row>").expect("write");
    for i in 0..ROWS {
        let answer = match (traps.get(i), i % 2) {
            (Some(trap), _) => trap.to_string(),
            (None, 0) => string(["Oui", "Non"][i % 4 / 2]),
            (None, _) => format!(
                r#"<table:table-cell office:value-type="float" office:value="{i}.25"><text:p>{i},25</text:p></table:table-cell>"#
            ),
        };
        let cells = [
            string(&format!("C-{i}")),
            string(&format!("Critère {i}")),
            format!(
                r#"<table:table-cell office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell>"#,
                i * 7,
                i * 7
            ),
            string("Question ?"),
            "<table:table-cell/>".to_string(),
            answer,
            string(&format!("Commentaire {i}")),
        ];
        write!(rows, "<table:table-row>{}</table:table-row>", cells.concat()).expect("write");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"><office:body><office:spreadsheet><table:table table:name="Réponse">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    replaced(include_bytes!("../data/handmade.ods"), "content.xml", &content)
}

/// An archive with one entry's bytes replaced, the others as they are (the first stored, as an
/// ods's `mimetype` must be).
fn replaced(base: &[u8], entry: &str, text: &str) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(base)).expect("zip");
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("entry");
        let name = file.name().expect("name").to_string();
        let options = zip::write::SimpleFileOptions::default().compression_method(file.compression());
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).expect("inflate");
        out.start_file(&name, options).expect("entry");
        out.write_all(if name == entry { text.as_bytes() } else { &bytes }).expect("write");
    }
    out.finish().expect("zip").into_inner()
}

#[test]
fn plain_ods_cells_taken_from_the_bytes_read_as_every_element_parsed() {
    let grid = grid();
    let bytes = ods(ODS_TRAPS);
    same_every_way("scan.ods", &bytes, &grid);
    let offer = read_offer("scan.ods", &bytes, &grid, &Limits::default()).expect("readable");
    let mut out = String::new();
    for id in (0..ODS_TRAPS.len()).chain([ROWS - 2, ROWS - 1]).map(|i| format!("C-{i}")) {
        let raw = offer.responses.get(&id).and_then(|r| r.raw.as_ref());
        writeln!(out, "{id:<7} {raw:?}").expect("write");
    }
    // A cell refused whichever way it is read.
    let damaged = ods(&[
        r#"<table:table-cell office:value-type="float" office:value="abc"><text:p>abc</text:p></table:table-cell>"#,
    ]);
    let (scanned, _) = offers_with("scan.ods", &damaged, &grid, true, true);
    let (parsed, _) = offers_with("scan.ods", &damaged, &grid, true, false);
    assert!(scanned == parsed, "taking plain cells from the bytes changes the refusal");
    writeln!(out, "bad number: {:?}", read_offer("scan.ods", &damaged, &grid, &Limits::default()).map(|_| "read"))
        .expect("write");
    expect_file!["../golden/scanning-ods.txt"].assert_eq(&out);
}
