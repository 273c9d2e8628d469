//! The analysis report as a Word document (docx, editable in LibreOffice Writer and Word), from
//! the same blocks as the HTML page; written with docx-rs.

use docx_rs::{
    AlignmentType, Docx, Footer, NumPages, PageMargin, PageNum, PageOrientationType, PageSize, Paragraph, Run,
    RunFonts, SectionProperty, Shading, Style, StyleType, Table, TableCell, TableLayoutType, TableRow, WidthType,
};

use jauge_document::{Block, Cell, Document, Fit, safe};

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

/// A4 in twentieths of a point, and the margins of every page.
const A4: (u32, u32) = (11906, 16838);
const MARGIN: PageMargin =
    PageMargin { top: 907, left: 794, bottom: 1020, right: 794, header: 567, footer: 567, gutter: 0 };
/// The footer's relationship, the one `Docx::footer` gives the first footer: every section refers to it.
const FOOTER: &str = "rIdFooter1";

/// A cell's text, right-aligned when numeric, at `size` half-points (0: the document's size).
fn paragraph(c: &Cell, numeric: bool, size: usize) -> Paragraph {
    let sized = |r: Run| if size > 0 { r.size(size) } else { r };
    let mut p = Paragraph::new();
    if numeric {
        p = p.align(AlignmentType::Right);
    }
    if !c.strong.is_empty() {
        p = p.add_run(sized(run(&c.strong).bold()));
    }
    if !c.text.is_empty() {
        let r = run(&c.text);
        p = p.add_run(if c.hash {
            r.size(if size == 0 { 14 } else { size.clamp(12, 14) })
                .fonts(RunFonts::new().ascii("DejaVu Sans Mono").hi_ansi("DejaVu Sans Mono"))
        } else {
            sized(r)
        });
    }
    p
}

/// A table of the document, its columns sharing the width of a portrait page, or of a landscape
/// one (`landscape`), in the type size its columns need ([`jauge_document::Table::fit`]).
fn data_table(t: &jauge_document::Table, landscape: bool) -> Table {
    let size = match t.fit() {
        Fit::Portrait => 18,
        Fit::Small | Fit::Landscape | Fit::Crowded => 15,
    };
    let room = f64::from(if landscape { A4.1 } else { A4.0 } - MARGIN.left as u32 - MARGIN.right as u32);
    // Twentieths of a point per em at this size. Columns get their narrowest width, then what is
    // left in proportion to what each would take on one line; scaled down if even the narrowest
    // overflow (fixed layout then breaks the words).
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
    let header = &t.header;
    let mut all = vec![TableRow::new(
        header
            .iter()
            .zip(&widths)
            .map(|(h, w)| {
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .shading(Shading::new().fill("EEEEFF"))
                    .add_paragraph(paragraph(&Cell::strong(h.title.clone()), h.numeric, size))
            })
            .collect(),
    )];
    all.extend(t.rows.iter().map(|row| {
        TableRow::new(
            row.iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    TableCell::new().width(*w, WidthType::Dxa).add_paragraph(paragraph(
                        c,
                        header.get(i).is_some_and(|h| h.numeric),
                        size,
                    ))
                })
                .collect(),
        )
        .cant_split()
    }));
    Table::new(all).set_grid(widths.clone()).layout(TableLayoutType::Fixed).width(widths.iter().sum(), WidthType::Dxa)
}

/// A paragraph that ends a section of portrait or landscape pages, the footer kept.
fn section_end(landscape: bool, footer: &Footer) -> Paragraph {
    let size = if landscape {
        PageSize::new().size(A4.1, A4.0).orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().size(A4.0, A4.1)
    };
    Paragraph::new()
        .section_property(SectionProperty::new().page_size(size).page_margin(MARGIN).footer(footer.clone(), FOOTER))
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
pub(crate) fn word(d: &Document) -> Result<Vec<u8>, String> {
    let footer = Footer::new().add_paragraph(
        Paragraph::new()
            .add_run(run(&format!("{} — page ", d.footer)).size(16))
            .add_page_num(PageNum::new())
            .add_run(run(" / ").size(16))
            .add_num_pages(NumPages::new()),
    );
    let mut doc = Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(MARGIN)
        .default_size(19)
        .default_fonts(RunFonts::new().ascii("Liberation Sans").hi_ansi("Liberation Sans"))
        .add_style(Style::new("Title", StyleType::Paragraph).name("Title").size(36).bold())
        .add_style(Style::new("Heading1", StyleType::Paragraph).name("Heading 1").size(25).bold().color("000091"))
        .footer(footer.clone())
        .add_paragraph(Paragraph::new().style("Title").add_run(run(&d.title)));
    if !d.subtitle.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(&d.subtitle).size(24)));
    }
    // A section whose table only fits a landscape page is a section of landscape pages: a
    // paragraph ends the pages before it, another ends it.
    let mut landscape = false;
    for (i, block) in d.blocks.iter().enumerate() {
        if matches!(block, Block::Heading(_)) && d.landscape(i) != landscape {
            doc = doc.add_paragraph(section_end(landscape, &footer));
            landscape = !landscape;
        }
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
                            TableCell::new().add_paragraph(paragraph(v, false, 0)),
                        ])
                    })
                    .collect(),
            )),
            Block::Table(t) => {
                for part in t.parts() {
                    // A small space after each table, before what follows.
                    doc = doc.add_table(data_table(&part, landscape)).add_paragraph(Paragraph::new().size(8));
                }
                doc
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
    if landscape {
        // The last section is the document's own: its pages turned, rather than a blank page after.
        doc = doc.page_size(A4.1, A4.0).page_orient(PageOrientationType::Landscape);
    }
    let mut out = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut out).map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}
