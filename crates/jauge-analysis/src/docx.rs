//! The analysis report as a Word document (docx, editable in LibreOffice Writer and Word), from
//! the same blocks as the HTML page.
//!
//! The WordprocessingML is written as it goes into one text, then deflated into the package: a
//! document is held once as XML, not as a tree of elements (docx-rs, used before, held about
//! 34 KiB per offer × criterion of annex E and stored its parts uncompressed; measured by
//! `benches/report.rs`). Only what the documents use is written: paragraphs in the title and
//! heading styles, runs (bold, size, colour, a monospace font), tables (fixed column widths,
//! shaded header, rows never split), sections of portrait or landscape pages, a footer with the
//! page number and count.

use std::fmt::Write as _;
use std::io::Write as _;

use jauge_document::{Block, Cell, Document, Fit, safe};

use crate::Analysis;
use crate::document::document;

/// A4 in twentieths of a point, and the margins of every page (top, right, bottom, left, header,
/// footer).
const A4: (u32, u32) = (11906, 16838);
const MARGIN: (u32, u32, u32, u32, u32, u32) = (907, 794, 1020, 794, 567, 567);
/// The document's type size, in half-points.
const SIZE: usize = 19;

/// How a run of text looks.
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    /// Half-points; 0 for the paragraph's.
    size: usize,
    /// An RGB colour in hexadecimal.
    color: Option<&'static str>,
    /// A fingerprint's monospace font.
    mono: bool,
}

impl Look {
    fn bold() -> Look {
        Look { bold: true, ..Look::default() }
    }

    fn sized(self, size: usize) -> Look {
        Look { size, ..self }
    }

    fn colored(self, color: &'static str) -> Look {
        Look { color: Some(color), ..self }
    }
}

/// How a paragraph is set.
#[derive(Clone, Copy, Default)]
struct Setting {
    style: Option<&'static str>,
    keep_next: bool,
    right: bool,
}

/// How a table's row meets a page break ([`Body::open_row`]).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Row {
    Breakable,
    Whole,
    Header,
}

/// The text of `document.xml`, written as the blocks come.
struct Body {
    xml: String,
}

impl Body {
    /// A run of `text` in `look`, each line break kept.
    fn run(&mut self, text: &str, look: Look) {
        self.xml.push_str("<w:r>");
        self.run_properties(look);
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.xml.push_str("<w:br/>");
            }
            self.xml.push_str("<w:t xml:space=\"preserve\">");
            // Every text of the document goes through here: what XML forbids shown as U+FFFD,
            // markup escaped; quotes kept, as a reader of the XML (the browser test) finds them.
            safe::escape_into(line, &mut self.xml, safe::Quotes::Kept);
            self.xml.push_str("</w:t>");
        }
        self.xml.push_str("</w:r>");
    }

    /// A run's properties, in the order the schema sets.
    fn run_properties(&mut self, look: Look) {
        let x = &mut self.xml;
        x.push_str("<w:rPr>");
        if look.mono {
            x.push_str("<w:rFonts w:ascii=\"DejaVu Sans Mono\" w:hAnsi=\"DejaVu Sans Mono\"/>");
        }
        if look.bold {
            x.push_str("<w:b/><w:bCs/>");
        }
        if let Some(color) = look.color {
            let _ = write!(x, "<w:color w:val=\"{color}\"/>");
        }
        if look.size > 0 {
            let _ = write!(x, "<w:sz w:val=\"{0}\"/><w:szCs w:val=\"{0}\"/>", look.size);
        }
        x.push_str("</w:rPr>");
    }

    fn open_paragraph(&mut self, setting: Setting) {
        let x = &mut self.xml;
        x.push_str("<w:p><w:pPr>");
        if let Some(style) = setting.style {
            let _ = write!(x, "<w:pStyle w:val=\"{style}\"/>");
        }
        if setting.keep_next {
            x.push_str("<w:keepNext/>");
        }
        if setting.right {
            x.push_str("<w:jc w:val=\"right\"/>");
        }
        x.push_str("</w:pPr>");
    }

    /// A paragraph of one run.
    fn paragraph(&mut self, setting: Setting, text: &str, look: Look) {
        self.open_paragraph(setting);
        self.run(text, look);
        self.xml.push_str("</w:p>");
    }

    /// A cell's text, right-aligned when numeric, at `size` half-points (0: the document's size).
    fn cell(&mut self, c: &Cell, numeric: bool, size: usize) {
        self.open_paragraph(Setting { right: numeric, ..Setting::default() });
        if !c.strong.is_empty() {
            self.run(&c.strong, Look::bold().sized(size));
        }
        if !c.text.is_empty() {
            let look = match c.hash {
                true => Look { mono: true, size: if size == 0 { 14 } else { size.clamp(12, 14) }, ..Look::default() },
                false => Look::default().sized(size),
            };
            self.run(&c.text, look);
        }
        self.xml.push_str("</w:p>");
    }

    /// A section's page size and margins, and the footer every section shows.
    fn section(&mut self, landscape: bool) {
        let (w, h) = if landscape { (A4.1, A4.0) } else { A4 };
        let (top, right, bottom, left, header, footer) = MARGIN;
        let _ = write!(
            self.xml,
            "<w:sectPr><w:footerReference w:type=\"default\" r:id=\"rIdFooter1\"/><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{}/>\
             <w:pgMar w:top=\"{top}\" w:right=\"{right}\" w:bottom=\"{bottom}\" w:left=\"{left}\" w:header=\"{header}\" w:footer=\"{footer}\" w:gutter=\"0\"/></w:sectPr>",
            if landscape { " w:orient=\"landscape\"" } else { "" }
        );
    }

    /// A paragraph that ends a section of portrait or landscape pages.
    fn section_end(&mut self, landscape: bool) {
        self.xml.push_str("<w:p><w:pPr>");
        self.section(landscape);
        self.xml.push_str("</w:pPr></w:p>");
    }

    /// Opens a table, its width `width` and its columns `columns`, borders on every cell.
    fn open_table(&mut self, width: &str, columns: &[usize]) {
        let x = &mut self.xml;
        let _ = write!(x, "<w:tbl><w:tblPr><w:tblW {width}/><w:tblBorders>");
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(x, "<w:{side} w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\"/>");
        }
        x.push_str("</w:tblBorders>");
        if !columns.is_empty() {
            x.push_str("<w:tblLayout w:type=\"fixed\"/>");
        }
        x.push_str("</w:tblPr><w:tblGrid>");
        for w in columns {
            let _ = write!(x, "<w:gridCol w:w=\"{w}\"/>");
        }
        x.push_str("</w:tblGrid>");
    }

    /// Opens a row: one a page may break (`Row::Breakable`), one kept on a page (`Row::Whole`), or
    /// a table's header row, kept whole and repeated at the top of every page the table runs on,
    /// which is also what tells Word's and Writer's accessibility checks and PDF export (`TH`)
    /// that its cells head the columns (`Row::Header`).
    fn open_row(&mut self, row: Row) {
        self.xml.push_str(match row {
            Row::Breakable => "<w:tr>",
            Row::Whole => "<w:tr><w:trPr><w:cantSplit/></w:trPr>",
            Row::Header => "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>",
        });
    }

    /// Opens a cell `width` twentieths of a point wide (none: as the table shares it), shaded.
    fn open_cell(&mut self, width: Option<usize>, shaded: bool) {
        self.xml.push_str("<w:tc><w:tcPr>");
        if let Some(w) = width {
            let _ = write!(self.xml, "<w:tcW w:w=\"{w}\" w:type=\"dxa\"/>");
        }
        if shaded {
            self.xml.push_str("<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"EEEEFF\"/>");
        }
        self.xml.push_str("</w:tcPr>");
    }

    /// A table across the page whose rows hold cells of paragraphs: `rows` of cells, each a list
    /// of (text, look).
    fn boxed(&mut self, rows: &[Vec<Vec<(&str, Look)>>], kept: Row) {
        self.open_table("w:w=\"5000\" w:type=\"pct\"", &[]);
        for row in rows {
            self.open_row(kept);
            for cell in row {
                self.open_cell(None, false);
                if cell.is_empty() {
                    self.xml.push_str("<w:p/>");
                }
                for (text, look) in cell {
                    if text.is_empty() {
                        self.xml.push_str("<w:p/>");
                    } else {
                        self.paragraph(Setting::default(), text, *look);
                    }
                }
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }

    /// A table of the document, its columns sharing the width of a portrait page, or of a
    /// landscape one (`landscape`), in the type size its columns need
    /// ([`jauge_document::Table::fit`]).
    fn data_table(&mut self, t: &jauge_document::Table, landscape: bool) {
        let size = match t.fit() {
            Fit::Portrait => 18,
            Fit::Small | Fit::Landscape | Fit::Crowded => 15,
        };
        let room = f64::from(if landscape { A4.1 } else { A4.0 } - MARGIN.1 - MARGIN.3);
        // Twentieths of a point per em at this size. Columns get their narrowest width, then what
        // is left in proportion to what each would take on one line; scaled down if even the
        // narrowest overflow (fixed layout then breaks the words).
        let em = size as f64 * 10.0;
        // Word's cell margins (0.19 cm each side) come on top of the text.
        let twips = |ems: &[f64]| ems.iter().map(|e| e * em + 216.0).collect::<Vec<f64>>();
        let (narrowest, comfortable) = (twips(&t.narrowest()), twips(&t.comfortable()));
        let least: f64 = narrowest.iter().sum();
        let most: f64 = comfortable.iter().sum();
        let widths: Vec<usize> = narrowest
            .iter()
            .zip(&comfortable)
            .map(|(n, c)| {
                let w = if least >= room {
                    n * room / least
                } else if most <= room {
                    c * room / most
                } else {
                    n + (c - n) * (room - least) / (most - least)
                };
                w as usize
            })
            .collect();
        let total: usize = widths.iter().sum();
        self.open_table(&format!("w:w=\"{total}\" w:type=\"dxa\""), &widths);
        self.open_row(Row::Header);
        for (h, w) in t.header.iter().zip(&widths) {
            self.open_cell(Some(*w), true);
            self.cell(&Cell::strong(h.title.clone()), h.numeric, size);
            self.xml.push_str("</w:tc>");
        }
        self.xml.push_str("</w:tr>");
        for row in &t.rows {
            self.open_row(Row::Whole);
            for (i, (c, w)) in row.iter().zip(&widths).enumerate() {
                self.open_cell(Some(*w), false);
                self.cell(c, t.header.get(i).is_some_and(|h| h.numeric), size);
                self.xml.push_str("</w:tc>");
            }
            self.xml.push_str("</w:tr>");
        }
        self.xml.push_str("</w:tbl>");
    }
}

/// The report as docx bytes in `lang`.
pub fn docx(a: &Analysis, lang: jauge_engine::Lang) -> Result<Vec<u8>, String> {
    word(&document(a, lang))
}

/// The internal worksheet as docx bytes in `lang`.
pub fn internal_docx(a: &Analysis, lang: jauge_engine::Lang) -> Result<Vec<u8>, String> {
    word(&crate::document::internal(a, lang))
}

const WORD_NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" \
                       xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The document's text, `word/document.xml`.
fn body(d: &Document) -> String {
    let mut b = Body { xml: format!("{DECLARATION}<w:document {WORD_NS}><w:body>") };
    b.paragraph(Setting { style: Some("Title"), ..Setting::default() }, &d.title, Look::default());
    if !d.subtitle.is_empty() {
        b.paragraph(Setting::default(), &d.subtitle, Look::default().sized(24));
    }
    // A section whose table only fits a landscape page is a section of landscape pages: a
    // paragraph ends the pages before it, another ends it.
    let mut landscape = false;
    for (i, block) in d.blocks.iter().enumerate() {
        if block.heading().is_some() && d.landscape(i) != landscape {
            b.section_end(landscape);
            landscape = !landscape;
        }
        match block {
            Block::Heading(t) | Block::Subheading(t) => b.paragraph(
                Setting {
                    style: Some(if matches!(block, Block::Heading(_)) { "Heading1" } else { "Heading2" }),
                    keep_next: true,
                    ..Setting::default()
                },
                t,
                Look::default(),
            ),
            Block::Para(t) => b.paragraph(Setting::default(), t, Look::default()),
            Block::Muted(t) => b.paragraph(Setting::default(), t, Look::default().colored("444444")),
            Block::Notice { title, items } => {
                let items: Vec<String> = items.iter().map(|item| format!("• {item}")).collect();
                let mut cell = vec![(title.as_str(), Look::bold().colored("B34000"))];
                cell.extend(items.iter().map(|i| (i.as_str(), Look::default())));
                b.boxed(&[vec![cell]], Row::Breakable);
            }
            Block::Record(items) => {
                b.open_table("w:w=\"5000\" w:type=\"pct\"", &[]);
                for (k, v) in items {
                    b.open_row(Row::Breakable);
                    b.open_cell(None, false);
                    b.paragraph(Setting::default(), k, Look::bold());
                    b.xml.push_str("</w:tc>");
                    b.open_cell(None, false);
                    b.cell(v, false, 0);
                    b.xml.push_str("</w:tc></w:tr>");
                }
                b.xml.push_str("</w:tbl>");
            }
            Block::Table(t) => {
                for part in t.parts() {
                    b.data_table(&part, landscape);
                    // A small space after each table, before what follows.
                    b.xml.push_str("<w:p><w:pPr><w:rPr><w:sz w:val=\"8\"/><w:szCs w:val=\"8\"/></w:rPr></w:pPr></w:p>");
                }
            }
            Block::Winner(head, reasons) => b.boxed(
                &[vec![vec![(head.as_str(), Look::bold()), (reasons.as_str(), Look::default())]]],
                Row::Breakable,
            ),
            Block::Signatures(signers) => {
                let (date, signature) =
                    if d.lang == jauge_engine::Lang::Fr { ("Date :", "Signature :") } else { ("Date:", "Signature:") };
                let boxes: Vec<Vec<(&str, Look)>> = signers
                    .iter()
                    .map(|(name, role)| {
                        vec![
                            (name.as_str(), Look::bold()),
                            (role.as_str(), Look::default()),
                            (date, Look::default()),
                            (signature, Look::default()),
                            ("", Look::default()),
                        ]
                    })
                    .collect();
                let rows: Vec<Vec<Vec<(&str, Look)>>> = boxes
                    .chunks(2)
                    .map(|pair| {
                        let mut pair = pair.to_vec();
                        if pair.len() == 1 {
                            pair.push(Vec::new());
                        }
                        pair
                    })
                    .collect();
                b.boxed(&rows, Row::Whole);
            }
        }
    }
    // The last section is the document's own: its pages turned, rather than a blank page after.
    b.section(landscape);
    b.xml.push_str("</w:body></w:document>");
    b.xml
}

/// The footer of every page: the document's footer, the page's number and the number of pages.
fn footer(d: &Document) -> String {
    let mut b = Body { xml: format!("{DECLARATION}<w:ftr {WORD_NS}>") };
    let small = Look::default().sized(16);
    b.open_paragraph(Setting::default());
    b.run(&format!("{} — page ", d.footer), small);
    for (i, field) in ["PAGE", "NUMPAGES"].iter().enumerate() {
        if i > 0 {
            b.run(" / ", small);
        }
        let _ = write!(
            b.xml,
            "<w:r><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr><w:fldChar w:fldCharType=\"begin\"/></w:r>\
             <w:r><w:instrText xml:space=\"preserve\"> {field} </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>\
             <w:r><w:rPr><w:sz w:val=\"16\"/><w:szCs w:val=\"16\"/></w:rPr><w:t>1</w:t></w:r>\
             <w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        );
    }
    b.xml.push_str("</w:p></w:ftr>");
    b.xml
}

/// The language tag of the document's text, for spelling and for screen readers.
fn language(d: &Document) -> &'static str {
    d.lang.pick("fr-FR", "en-GB")
}

/// The styles: the document's type size, font and language, the title's and the headings'.
fn styles(d: &Document) -> String {
    let lang = language(d);
    format!(
        "{DECLARATION}<w:styles {WORD_NS}><w:docDefaults><w:rPrDefault><w:rPr>\
         <w:rFonts w:ascii=\"Liberation Sans\" w:hAnsi=\"Liberation Sans\" w:cs=\"Liberation Sans\"/>\
         <w:sz w:val=\"{SIZE}\"/><w:szCs w:val=\"{SIZE}\"/>\
         <w:lang w:val=\"{lang}\" w:eastAsia=\"{lang}\" w:bidi=\"{lang}\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:rPr><w:b/><w:bCs/><w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:outlineLvl w:val=\"0\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/><w:color w:val=\"000091\"/><w:sz w:val=\"25\"/><w:szCs w:val=\"25\"/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
         <w:pPr><w:keepNext/><w:outlineLvl w:val=\"1\"/></w:pPr>\
         <w:rPr><w:b/><w:bCs/><w:color w:val=\"000091\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/></w:rPr></w:style></w:styles>"
    )
}

/// The package's core properties, `docProps/core.xml`: the document's title (as the HTML page's,
/// the title and the tender) and its language, which readers and assistive technologies show.
fn core(d: &Document) -> String {
    let mut xml = format!(
        "{DECLARATION}<cp:coreProperties \
         xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>"
    );
    safe::escape_into(&d.full_title(), &mut xml, safe::Quotes::Kept);
    let _ = write!(xml, "</dc:title><dc:language>{}</dc:language></cp:coreProperties>", language(d));
    xml
}

/// The package's parts other than the document, its footer, its styles and its core properties.
const PARTS: [(&str, &str); 4] = [
    (
        "[Content_Types].xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
         <Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
         <Default Extension=\"xml\" ContentType=\"application/xml\"/>\
         <Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
         <Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
         <Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>\
         <Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
         <Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
         </Types>",
    ),
    (
        "_rels/.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
         <Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
         <Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
         </Relationships>",
    ),
    (
        "docProps/app.xml",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
         <Application>Jauge</Application></Properties>",
    ),
    (
        "word/_rels/document.xml.rels",
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
         <Relationship Id=\"rIdFooter1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer\" Target=\"footer1.xml\"/>\
         </Relationships>",
    ),
];

/// A document as docx bytes: its parts deflated in a zip dated as zip's epoch, so that the same
/// document gives the same bytes.
pub(crate) fn word(d: &Document) -> Result<Vec<u8>, String> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let mut add = |name: &str, text: &str| -> Result<(), String> {
        zip.start_file(name, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(|e| e.to_string())
    };
    for (name, text) in PARTS {
        add(name, text)?;
    }
    add("docProps/core.xml", &core(d))?;
    add("word/styles.xml", &styles(d))?;
    add("word/footer1.xml", &footer(d))?;
    add("word/document.xml", &body(d))?;
    Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
}

#[cfg(test)]
mod tests {
    use jauge_document::{Block, Cell, Column, Document, Table};
    use jauge_engine::Lang;

    use super::{body, core, footer, styles, word};

    /// The texts of the runs of a part, in order, unescaped, a line break as `\n`.
    fn texts(xml: &str) -> Vec<String> {
        let mut out = Vec::new();
        for run in xml.split("<w:r>").skip(1) {
            let run = &run[..run.find("</w:r>").expect("a run ends")];
            let lines: Vec<String> = run
                .split("<w:t xml:space=\"preserve\">")
                .skip(1)
                .map(|t| {
                    let t = &t[..t.find("</w:t>").expect("a text ends")];
                    t.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
                })
                .collect();
            if !lines.is_empty() {
                out.push(lines.join("\n"));
            }
        }
        out
    }

    fn document() -> Document {
        let wide: Vec<Column> = (0..8).map(|i| Column::numeric(format!("Interopérabilité{i}"))).collect();
        Document {
            lang: Lang::Fr,
            title: "Analyse <des> offres".into(),
            subtitle: "Sous-titre & suite de l'\"analyse\"".into(),
            footer: "2026-PC-014".into(),
            blocks: vec![
                Block::Notice { title: "En suspens".into(), items: vec!["Renseigner l'objet".into()] },
                Block::Heading("1. Identification".into()),
                Block::Record(vec![
                    ("Empreinte".into(), Cell::hash("ab12")),
                    ("Objet".into(), Cell::strong("Portail")),
                ]),
                Block::Para("Ligne 1\nLigne 2".into()),
                Block::Muted("Note\u{1}".into()),
                Block::Table(Table {
                    header: vec![Column::text("Critère"), Column::numeric("Points")],
                    rows: vec![vec![Cell::mark("2".into(), "Parfait."), Cell::number(1.5, 2, Lang::Fr)]],
                }),
                Block::Heading("Annexe A. Points par critère".into()),
                Block::Table(Table {
                    header: wide,
                    rows: vec![(0..8).map(|i| Cell::number(f64::from(i), 2, Lang::Fr)).collect()],
                }),
                Block::Heading("11. Signatures".into()),
                Block::Winner("Attributaire proposé : A".into(), "Les raisons".into()),
                Block::Signatures(vec![
                    ("Alice".into(), "Rapporteure".into()),
                    ("Bruno".into(), "Référent".into()),
                    ("Chloé".into(), "Acheteuse".into()),
                ]),
            ],
            ..Document::default()
        }
    }

    /// Every text of the document is written, in order, escaped, with its line breaks; what XML
    /// forbids shown as U+FFFD.
    #[test]
    fn every_text_is_written_in_order() {
        let d = document();
        let xml = body(&d);
        let mut expected: Vec<String> = [
            "Analyse <des> offres",
            "Sous-titre & suite de l'\"analyse\"",
            "En suspens",
            "• Renseigner l'objet",
            "1. Identification",
            "Empreinte",
            "ab12",
            "Objet",
            "Portail",
            "Ligne 1\nLigne 2",
            "Note\u{FFFD}",
            "Critère",
            "Points",
            "2",
            " — Parfait.",
            "1,5",
            "Annexe A. Points par critère",
        ]
        .map(String::from)
        .to_vec();
        expected.extend((0..8).map(|i| format!("Interopérabilité{i}")));
        expected.extend((0..8).map(|i| i.to_string()));
        expected.extend(
            [
                "11. Signatures",
                "Attributaire proposé : A",
                "Les raisons",
                "Alice",
                "Rapporteure",
                "Date :",
                "Signature :",
                "Bruno",
                "Référent",
                "Date :",
                "Signature :",
                "Chloé",
                "Acheteuse",
                "Date :",
                "Signature :",
            ]
            .map(String::from),
        );
        assert_eq!(texts(&xml), expected);
        assert!(!xml.contains("<des>") && xml.contains("&lt;des&gt;") && xml.contains("&amp; suite"));
        // Quotes are character data as they are: what a reader of the XML looks for.
        assert!(xml.contains("de l'\"analyse\""));
    }

    /// The wide annex is a section of landscape pages, ended before and after; the last section
    /// is the document's own; every cell holds a paragraph, as Word requires.
    #[test]
    fn sections_turn_for_wide_tables_and_cells_hold_paragraphs() {
        let xml = body(&document());
        let sections: Vec<bool> = xml
            .split("<w:sectPr>")
            .skip(1)
            .map(|s| s[..s.find("</w:sectPr>").expect("ends")].contains("landscape"))
            .collect();
        assert_eq!(sections, [false, true, false], "portrait, then the annex in landscape, then portrait");
        assert!(xml.ends_with("</w:sectPr></w:body></w:document>"));
        for cell in xml.split("<w:tc>").skip(1) {
            let cell = &cell[..cell.find("</w:tc>").expect("a cell ends")];
            assert!(cell.contains("<w:p>") || cell.contains("<w:p/>"), "a cell without a paragraph: {cell}");
        }
        assert_eq!(xml.matches("<w:tr>").count(), xml.matches("</w:tr>").count());
        assert_eq!(xml.matches("<w:tbl>").count(), 6, "notice, record, two tables, winner, signatures");
        assert!(footer(&document()).contains(" PAGE ") && footer(&document()).contains("2026-PC-014 — page "));
    }

    /// The same document gives the same bytes, its parts deflated.
    #[test]
    fn the_package_is_reproducible_and_deflated() {
        let (a, b) = (word(&document()).expect("docx"), word(&document()).expect("docx"));
        assert_eq!(a, b);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).expect("a zip");
        let names: Vec<String> = zip.file_names().filter_map(|n| n.ok().map(String::from)).collect();
        for part in [
            "[Content_Types].xml",
            "_rels/.rels",
            "word/_rels/document.xml.rels",
            "word/styles.xml",
            "word/footer1.xml",
            "word/document.xml",
            "docProps/core.xml",
            "docProps/app.xml",
        ] {
            assert!(names.iter().any(|n| n == part), "{part} missing from {names:?}");
        }
        let main = zip.by_name("word/document.xml").expect("the document");
        assert_eq!(main.compression(), zip::CompressionMethod::Deflated);
    }

    /// The document says its title and its language, as Word's and LibreOffice's properties and
    /// screen readers read them: the title escaped as text, the language the document's.
    #[test]
    fn the_document_gives_its_title_and_language() {
        let mut d = document();
        d.tender = "Portail & services".into();
        let xml = core(&d);
        assert!(xml.contains("<dc:title>Analyse &lt;des&gt; offres — Portail &amp; services</dc:title>"), "{xml}");
        assert!(xml.contains("<dc:language>fr-FR</dc:language>"));
        assert!(styles(&d).contains("<w:lang w:val=\"fr-FR\""));
        d.lang = Lang::En;
        d.tender.clear();
        let xml = core(&d);
        assert!(xml.contains("<dc:title>Analyse &lt;des&gt; offres</dc:title>"), "{xml}");
        assert!(xml.contains("<dc:language>en-GB</dc:language>") && styles(&d).contains("w:val=\"en-GB\""));
    }

    /// Headings keep their levels as Word's outline levels: a subheading (an offer's part of an
    /// annex, a lot's section) is a Heading 2 under the Heading 1 before it, each style defined.
    #[test]
    fn headings_are_outlined_at_their_levels() {
        let mut d = Document { lang: Lang::Fr, title: "Rapport".into(), ..Document::default() };
        d.heading("Annexe E. Réponses");
        d.subheading("E.1 Armor");
        d.para("Texte");
        d.subheading("E.2 Ker");
        d.heading("Textes cités");
        let xml = body(&d);
        let outline: Vec<(&str, String)> = xml
            .split("<w:p>")
            .filter_map(|p| {
                let style = p.split("<w:pStyle w:val=\"").nth(1)?.split('"').next()?;
                Some((style, texts(p).concat()))
            })
            .collect();
        let expect = |s: &'static str, t: &str| (s, t.to_string());
        assert_eq!(
            outline,
            [
                expect("Title", "Rapport"),
                expect("Heading1", "Annexe E. Réponses"),
                expect("Heading2", "E.1 Armor"),
                expect("Heading2", "E.2 Ker"),
                expect("Heading1", "Textes cités"),
            ]
        );
        let styles = styles(&d);
        for (style, level) in [("Heading1", 0), ("Heading2", 1)] {
            let def = styles.split(&format!("w:styleId=\"{style}\"")).nth(1).expect("style defined");
            let def = &def[..def.find("</w:style>").expect("ends")];
            assert!(def.contains(&format!("<w:outlineLvl w:val=\"{level}\"/>")), "{style}: {def}");
        }
    }

    /// Each data table's first row heads its columns (repeated on every page the table runs on,
    /// its cells headers to assistive technologies); no other row does.
    #[test]
    fn a_tables_header_row_is_marked_and_repeats() {
        let xml = body(&document());
        let tables: Vec<&str> = xml.split("<w:tbl>").skip(1).map(|t| &t[..t.find("</w:tbl>").expect("ends")]).collect();
        let data: Vec<&&str> = tables.iter().filter(|t| t.contains("<w:tblLayout w:type=\"fixed\"/>")).collect();
        assert!(!data.is_empty(), "the document has data tables");
        for t in &data {
            let rows: Vec<&str> = t.split("<w:tr>").skip(1).collect();
            assert!(rows[0].starts_with("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"), "{}", rows[0]);
            assert!(rows[1..].iter().all(|r| !r.contains("tblHeader")));
        }
        // Boxes and records have no header row.
        assert_eq!(xml.matches("<w:tblHeader/>").count(), data.len());
    }
}
