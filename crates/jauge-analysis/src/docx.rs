//! The analysis report as a Word document (docx, editable in LibreOffice Writer and Word), from
//! the same blocks as the HTML page; written with docx-rs.

use docx_rs::{
    AlignmentType, Docx, Footer, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading, Style, StyleType, Table,
    TableCell, TableRow, WidthType,
};

use jauge_document::{Block, Cell, Document, safe};

use crate::Analysis;
use crate::document::document;

/// Text in one run, each line break kept, characters XML forbids shown as U+FFFD
/// ([`safe::xml`]): every text of the document goes through here.
fn run(text: &str) -> Run {
    let mut r = Run::new();
    for (i, line) in safe::xml(text).split('\n').enumerate() {
        if i > 0 {
            r = r.add_break(docx_rs::BreakType::TextWrapping);
        }
        r = r.add_text(line);
    }
    r
}

fn paragraph(c: &Cell, numeric: bool) -> Paragraph {
    let mut p = Paragraph::new();
    if numeric {
        p = p.align(AlignmentType::Right);
    }
    if !c.strong.is_empty() {
        p = p.add_run(run(&c.strong).bold());
    }
    if !c.text.is_empty() {
        let r = run(&c.text);
        p = p.add_run(if c.hash {
            r.size(14).fonts(RunFonts::new().ascii("DejaVu Sans Mono").hi_ansi("DejaVu Sans Mono"))
        } else {
            r
        });
    }
    p
}

fn table(rows: Vec<TableRow>) -> Table {
    Table::new(rows).width(5000, WidthType::Pct)
}

/// The report as docx bytes in `lang`.
pub fn docx(a: &Analysis, lang: jauge_engine::Lang) -> Result<Vec<u8>, String> {
    word(&document(a, lang))
}

/// The internal worksheet as docx bytes in `lang`.
pub fn internal_docx(a: &Analysis, lang: jauge_engine::Lang) -> Result<Vec<u8>, String> {
    word(&crate::document::internal(a, lang))
}

/// A document as docx bytes.
fn word(d: &Document) -> Result<Vec<u8>, String> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new().add_run(run(&format!("{} — page ", d.footer)).size(16)).add_page_num(PageNum::new()),
    );
    let mut doc = Docx::new()
        .page_size(11906, 16838)
        .page_margin(PageMargin { top: 907, left: 794, bottom: 1020, right: 794, header: 567, footer: 567, gutter: 0 })
        .default_size(19)
        .default_fonts(RunFonts::new().ascii("Liberation Sans").hi_ansi("Liberation Sans"))
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(36).bold())
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1").size(25).bold().color("000091"))
        .footer(footer)
        .add_paragraph(Paragraph::new().style("Title").add_run(run(&d.title)));
    if !d.subtitle.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(&d.subtitle).size(24)));
    }
    for block in &d.blocks {
        doc = match block {
            Block::Heading(t) => doc.add_paragraph(Paragraph::new().style("Heading1").keep_next(true).add_run(run(t))),
            Block::Para(t) => doc.add_paragraph(Paragraph::new().add_run(run(t))),
            Block::Muted(t) => doc.add_paragraph(Paragraph::new().add_run(run(t).color("444444"))),
            Block::Notice { title, items } => {
                let mut cell =
                    TableCell::new().add_paragraph(Paragraph::new().add_run(run(title).bold().color("B34000")));
                for item in items {
                    cell = cell.add_paragraph(Paragraph::new().add_run(run(&format!("• {item}"))));
                }
                doc.add_table(table(vec![TableRow::new(vec![cell])]))
            }
            Block::Record(items) => doc.add_table(table(
                items
                    .iter()
                    .map(|(k, v)| {
                        TableRow::new(vec![
                            TableCell::new().add_paragraph(Paragraph::new().add_run(run(k).bold())),
                            TableCell::new().add_paragraph(paragraph(v, false)),
                        ])
                    })
                    .collect(),
            )),
            Block::Table(t) => {
                let header = &t.header;
                let mut all = vec![TableRow::new(
                    header
                        .iter()
                        .map(|h| {
                            TableCell::new()
                                .shading(Shading::new().fill("EEEEFF"))
                                .add_paragraph(paragraph(&Cell::strong(h.title.clone()), h.numeric))
                        })
                        .collect(),
                )];
                all.extend(t.rows.iter().map(|row| {
                    TableRow::new(
                        row.iter()
                            .enumerate()
                            .map(|(i, c)| {
                                TableCell::new().add_paragraph(paragraph(c, header.get(i).is_some_and(|h| h.numeric)))
                            })
                            .collect(),
                    )
                    .cant_split()
                }));
                doc.add_table(table(all))
            }
            Block::Winner(head, reasons) => doc.add_table(table(vec![TableRow::new(vec![
                TableCell::new()
                    .add_paragraph(Paragraph::new().add_run(run(head).bold()))
                    .add_paragraph(Paragraph::new().add_run(run(reasons))),
            ])])),
            Block::Signatures(signers) => {
                let (date, signature) =
                    if d.lang == jauge_engine::Lang::Fr { ("Date :", "Signature :") } else { ("Date:", "Signature:") };
                let boxes: Vec<TableCell> = signers
                    .iter()
                    .map(|(name, role)| {
                        TableCell::new()
                            .add_paragraph(Paragraph::new().add_run(run(name).bold()))
                            .add_paragraph(Paragraph::new().add_run(run(role)))
                            .add_paragraph(Paragraph::new().add_run(run(date)))
                            .add_paragraph(Paragraph::new().add_run(run(signature)))
                            .add_paragraph(Paragraph::new())
                    })
                    .collect();
                let mut rows = Vec::new();
                let mut boxes = boxes.into_iter().peekable();
                while boxes.peek().is_some() {
                    let mut pair: Vec<TableCell> = boxes.by_ref().take(2).collect();
                    if pair.len() == 1 {
                        pair.push(TableCell::new().add_paragraph(Paragraph::new()));
                    }
                    rows.push(TableRow::new(pair).cant_split());
                }
                doc.add_table(table(rows))
            }
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
