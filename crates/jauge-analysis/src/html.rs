//! The analysis report as one self-contained HTML page, laid out for A4 printing (page numbers,
//! no page break inside a table row, signature boxes kept together).

use std::fmt::Write as _;

use jauge_document::{Block, Cell, Document, Fit, Table, safe};
use jauge_engine::Lang;

use crate::Analysis;
use crate::document::document;

const STYLE: &str = r#"
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-left { content: var(--footer); font: 8pt system-ui, sans-serif; color: #444; }
  @bottom-right { content: "Page " counter(page) " / " counter(pages); font: 8pt system-ui, sans-serif; color: #444; } }
:root { color: #111; background: #fff; }
body { font: 10pt/1.4 system-ui, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; max-width: 60rem; margin: 1.5rem auto; padding: 0 1rem; }
h1 { font-size: 18pt; margin: 0 0 .2rem; }
h2 { font-size: 12.5pt; margin: 1.4rem 0 .4rem; border-bottom: 1.5px solid #000091; color: #000091; break-after: avoid; }
h3 { font-size: 11pt; margin: 1rem 0 .3rem; color: #000091; break-after: avoid; }
p { margin: .3rem 0; }
.subtitle { font-size: 12pt; margin: 0 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 .6rem; font-size: 9pt; }
th, td { border: 1px solid #999; padding: .2rem .35rem; text-align: left; vertical-align: top; }
thead th { background: #eef; }
tr { break-inside: avoid; }
td.n, th.n { text-align: right; }
td.n { white-space: nowrap; }
th, td { overflow-wrap: break-word; hyphens: auto; }
table.small { font-size: 7.5pt; }
table.small th, table.small td { padding: .15rem .2rem; }
table.crowded th, table.crowded td { overflow-wrap: anywhere; }
@page landscape { size: A4 landscape; }
section.landscape { page: landscape; }
.hash { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 8.5pt; word-break: break-all; }
.pending { border: 2px solid #b34000; padding: .4rem .8rem; margin: .8rem 0; }
.pending h2 { color: #b34000; border: 0; margin-top: .2rem; }
.winner { border: 2px solid #18753c; padding: .4rem .8rem; }
dl.record { display: grid; grid-template-columns: fit-content(40%) minmax(0, 1fr); gap: .15rem 1rem; margin: .4rem 0; }
dl.record dt { font-weight: 600; }
dl.record dd { margin: 0; overflow-wrap: anywhere; }
.signatures { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; break-inside: avoid; }
.signature { border: 1px solid #999; padding: .4rem .6rem; min-height: 6.5rem; break-inside: avoid; }
.signature p { margin: .15rem 0; }
.muted { color: #444; }
@media print { body { margin: 0; max-width: none; padding: 0; } a { color: inherit; } }
"#;

/// The page's own Content-Security-Policy: a downloaded report runs no script and fetches
/// nothing, whatever its texts hold; its style is inline and an image could only be data.
const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/// Escapes text for HTML, characters XML forbids shown as U+FFFD ([`safe::escape_into`]).
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    safe::escape_into(s, &mut out, safe::Quotes::Escaped);
    out
}

fn cell(c: &Cell) -> String {
    let mut out = String::new();
    if !c.strong.is_empty() {
        let _ = write!(out, "<strong>{}</strong>", esc(&c.strong));
    }
    if c.hash {
        let _ = write!(out, "<span class=\"hash\">{}</span>", esc(&c.text));
    } else {
        out.push_str(&esc(&c.text));
    }
    out
}

/// The report as a print-ready HTML page in `lang`.
pub fn html(a: &Analysis, lang: Lang) -> String {
    page(&document(a, lang))
}

/// The internal worksheet (robustness, what-if rankings) as a print-ready HTML page in `lang`.
pub fn internal_html(a: &Analysis, lang: Lang) -> String {
    page(&crate::document::internal(a, lang))
}

/// A document as a print-ready HTML page.
pub(crate) fn page(d: &Document) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>:root {{ --footer: {}; }}{STYLE}</style>\n</head>\n<body>\n<main>\n",
        d.lang_code(),
        esc(&d.full_title()),
        // A CSS string that nothing in the procedure record can end early.
        safe::css_string(&d.footer)
    );
    let _ = writeln!(out, "<h1>{}</h1>", esc(&d.title));
    if !d.subtitle.is_empty() {
        let _ = writeln!(out, "<p class=\"subtitle\">{}</p>", esc(&d.subtitle));
    }
    // Each heading (h2, a subheading h3) opens a section; one holding a table that only fits a
    // landscape page is printed on landscape pages (a named page), its heading with it.
    let mut open = false;
    for (i, block) in d.blocks.iter().enumerate() {
        match block {
            Block::Heading(t) | Block::Subheading(t) => {
                if open {
                    out.push_str("</section>\n");
                }
                out.push_str(if d.landscape(i) { "<section class=\"landscape\">\n" } else { "<section>\n" });
                open = true;
                let level = if matches!(block, Block::Heading(_)) { 2 } else { 3 };
                let _ = writeln!(out, "<h{level}>{}</h{level}>", esc(t));
            }
            Block::Para(t) => {
                let _ = writeln!(out, "<p>{}</p>", esc(t));
            }
            Block::Muted(t) => {
                let _ = writeln!(out, "<p class=\"muted\">{}</p>", esc(t));
            }
            Block::Notice { title, items } => {
                let _ = writeln!(
                    out,
                    "<section class=\"pending\" aria-labelledby=\"pending\"><h2 id=\"pending\">{}</h2><ul>",
                    esc(title)
                );
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", esc(item));
                }
                out.push_str("</ul></section>\n");
            }
            Block::Record(items) => {
                out.push_str("<dl class=\"record\">\n");
                for (k, v) in items {
                    let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(k), cell(v));
                }
                out.push_str("</dl>\n");
            }
            Block::Table(t) => {
                for part in t.parts() {
                    table(&mut out, &part);
                }
            }
            Block::Winner(head, reasons) => {
                let _ = writeln!(
                    out,
                    "<div class=\"winner\"><p><strong>{}</strong></p><p>{}</p></div>",
                    esc(head),
                    esc(reasons)
                );
            }
            Block::Signatures(signers) => {
                out.push_str("<div class=\"signatures\">\n");
                let (date, signature) =
                    if d.lang == Lang::Fr { ("Date :", "Signature :") } else { ("Date:", "Signature:") };
                for (name, role) in signers {
                    let _ = writeln!(
                        out,
                        "<div class=\"signature\"><p><strong>{}</strong></p><p>{}</p><p>{date}</p><p>{signature}</p></div>",
                        if name.is_empty() { "&nbsp;".into() } else { esc(name) },
                        esc(role)
                    );
                }
                out.push_str("</div>\n");
            }
        }
    }
    if open {
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// A table, its header repeated on each printed page.
fn table(out: &mut String, t: &Table) {
    let (header, rows) = (&t.header, &t.rows);
    let _ = write!(out, "<table{}><thead><tr>", class(t));
    for h in header {
        let class = if h.numeric { " class=\"n\"" } else { "" };
        let _ = write!(out, "<th scope=\"col\"{class}>{}</th>", esc(&h.title));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let class = if header.get(i).is_some_and(|h| h.numeric) { " class=\"n\"" } else { "" };
            let _ = write!(out, "<td{class}>{}</td>", cell(c));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>\n");
}

/// The class of a table: a smaller type when its columns need it to print whole on A4, words
/// broken anywhere when even a landscape page is too narrow for them ([`Table::fit`]).
fn class(t: &Table) -> &'static str {
    match t.fit() {
        Fit::Portrait => "",
        Fit::Small | Fit::Landscape => " class=\"small\"",
        Fit::Crowded => " class=\"small crowded\"",
    }
}
