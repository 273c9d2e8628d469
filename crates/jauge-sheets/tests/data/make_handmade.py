"""Writes the hand-made workbooks of this folder: XML that the writers we have do not produce but
other producers do, for the differential test (tests/differential.rs). Their goldens were written
with calamine's reading, before Jauge's own xlsx and ods readers replaced it.

    python3 make_handmade.py   # from this folder
"""

import zipfile

IDS = ["NUM-1", "NUM-2", "NUM-3", "PCT-1", "PCT-2", "PCT-3", "OUI-1", "OUI-2", "GTI-1", "GTI-2", "DATE-1",
       "DATE-2", "TEXTE", "PRIX", "ECOINDEX", "FORMATS"]
HEADERS = ["Identifiant", "Critère", "Question", "Réponse attendue", "Unité", "Réponse",
           "Justificatif / commentaire", "Éliminatoire", "Poids", "Famille"]


def write(path, entries):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def xlsx():
    strings = ["Identifiant", "Réponse", "  espaces autour  "]
    sst = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">'
           '<si><t>Identifiant</t></si>'
           '<si><r><t>Rép</t></r><r><rPr><b/></rPr><t>onse</t></r><rPh sb="0" eb="1"><t>phon</t></rPh></si>'
           '<si><t xml:space="preserve">  espaces autour  </t></si>'
           '<si><t>  rognée _x000D_ et _x005F_x000D_ &amp; &#233;</t></si>'
           '</sst>')
    styles = ('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<numFmts count="3"><numFmt numFmtId="164" formatCode="0.0&quot; %&quot;"/>'
              '<numFmt numFmtId="165" formatCode="dd/mm/yyyy"/><numFmt numFmtId="166" formatCode="0.00\\ %"/></numFmts>'
              '<cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="9"/><xf numFmtId="164"/><xf numFmtId="165"/>'
              '<xf numFmtId="14"/><xf numFmtId="166"/></cellXfs></styleSheet>')
    rows = []
    header = "".join('<c t="inlineStr"><is><t>%s</t></is></c>' % h for h in HEADERS)
    rows.append('<row r="3">%s</row>' % header)
    answers = {
        "NUM-1": '<c r="F{r}"><f>1000*2</f></c>',  # a formula with no cached value
        "NUM-2": '<c r="F{r}"><f t="shared" ref="F5:F6" si="0">A1*2</f><v>4</v></c>',
        "NUM-3": '<c r="F{r}"><f t="shared" si="0"/></c>',  # a cell of the shared formula, no value
        "PCT-1": '<c r="F{r}" s="1"><v>0.999</v></c>',
        "PCT-2": '<c r="F{r}" s="2"><v>99.9</v></c>',  # " %" quoted: not a percent format
        "PCT-3": '<c r="F{r}" s="5"><v>0.995</v></c>',
        "OUI-1": '<c r="F{r}" t="b"><v>1</v></c>',
        "OUI-2": '<c r="F{r}" t="str"><v>Oui &amp; non_x000D_</v></c>',
        "GTI-1": '<c r="F{r}" t="e"><v>#N/A</v></c>',
        "GTI-2": '<c r="F{r}" t="s"><v>2</v></c>',
        "DATE-1": '<c r="F{r}" s="3"><v>46112</v></c>',
        "DATE-2": '<c r="F{r}" t="d"><v>2026-04-01T00:00:00</v></c>',
        "TEXTE": '<c r="F{r}" t="s"><v>3</v></c>',
        "PRIX": '<c r="F{r}"><v>1.5e5</v></c>',
        "ECOINDEX": '<c r="F{r}" s="4"><v>45000.5</v></c>',
        "FORMATS": '<c r="F{r}" s="9"><v>12</v></c>',  # a style out of range
    }
    for i, ident in enumerate(IDS):
        r = 4 + i
        cells = '<c r="A{r}" t="inlineStr"><is><t>{id}</t></is></c><c t="inlineStr"><is><t>Critère {id}</t></is></c>'
        cells = cells.format(r=r, id=ident) + answers[ident].format(r=r)
        rows.append('<row r="%d">%s</row>' % (r, cells))
    # Rows without numbers and cells without references, after the table.
    rows.append('<row><c t="s"><v>1</v></c><c/><c t="n"><v></v></c></row>')
    rows.append('<row/>')
    rows.append('<row><c><v>7</v></c></row>')
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             '<dimension ref="A1:J30"/><sheetData>'
             '<row r="1"><c r="A1" t="inlineStr"><is><t>Fournisseur</t></is></c>'
             '<c r="B1" t="inlineStr"><is><r><t>Fait </t></r><r><t xml:space="preserve">main </t></r></is></c></row>'
             + "".join(rows) +
             '</sheetData><mergeCells count="2"><mergeCell ref="G4:G6"/><mergeCell ref="H4:I4"/></mergeCells>'
             '</worksheet>')
    sheet = sheet.replace('<row r="4">', '<row r="4"><c r="G4" t="inlineStr"><is><t>fusionnée</t></is></c>', 1)
    workbook = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                '<workbookPr date1904="1"/><sheets>'
                '<sheet name="Graphique" sheetId="2" r:id="rId2"/>'
                '<sheet name="Réponses &amp; co" sheetId="1" state="hidden" r:id="rId1"/></sheets></workbook>')
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/feuille.xml"/>'
            '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet" Target="chartsheets/sheet1.xml"/>'
            '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
            '<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
            '</Relationships>')
    package = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
               '</Relationships>')
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
             '<Default Extension="xml" ContentType="application/xml"/></Types>')
    chart = '<chartsheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr/></chartsheet>'
    write("handmade.xlsx", [("[Content_Types].xml", types), ("_rels/.rels", package),
                            ("xl/workbook.xml", workbook), ("xl/_rels/workbook.xml.rels", rels),
                            ("xl/styles.xml", styles), ("xl/sharedStrings.xml", sst),
                            ("xl/worksheets/feuille.xml", sheet), ("xl/chartsheets/sheet1.xml", chart)])
    del strings


def ods():
    def cell(inner="", **attrs):
        a = "".join(' %s="%s"' % (k.replace("__", ":").replace("_", "-"), v) for k, v in attrs.items())
        return "<table:table-cell%s>%s</table:table-cell>" % (a, inner) if inner else "<table:table-cell%s/>" % a

    def p(text):
        return "<text:p>%s</text:p>" % text

    def row(cells, **attrs):
        a = "".join(' %s="%s"' % (k.replace("__", ":").replace("_", "-"), v) for k, v in attrs.items())
        return "<table:table-row%s>%s</table:table-row>" % (a, "".join(cells))

    def s(text):
        return cell(p(text), office__value_type="string")

    answers = {
        "NUM-1": cell(table__formula="of:=1000*2"),
        "NUM-2": cell(p("2000"), table__formula="of:=1000*2", office__value_type="float", office__value="2000"),
        "NUM-3": cell(p("1 234,5"), office__value_type="currency", office__currency="EUR", office__value="1234.5"),
        "PCT-1": cell(p("99,9 %"), office__value_type="percentage", office__value="0.999"),
        "PCT-2": cell(p("99,9"), office__value_type="float", office__value="99.9"),
        "PCT-3": cell(p("99,9&#160;%"), office__value_type="string"),
        "OUI-1": cell(p("VRAI"), office__value_type="boolean", office__boolean_value="true"),
        "OUI-2": cell(p("Oui") + "<office:annotation><text:p>note cachée</text:p></office:annotation>",
                      office__value_type="string"),
        "GTI-1": cell(p("4<text:s/>h"), office__value_type="string"),
        "GTI-2": cell(p("#N/A"), table__formula="of:=NA()", office__value_type="string", office__string_value="",
                      calcext__value_type="error"),
        "DATE-1": cell(p("31/03/2026"), office__value_type="date", office__date_value="2026-03-31"),
        "DATE-2": cell(p("04:00:00"), office__value_type="time", office__time_value="PT04H00M00S"),
        "TEXTE": cell(p("Première<text:s text:c=\"3\"/>ligne<text:tab/>tab") + p("<text:span>deuxième</text:span>"
                      "<text:line-break/>suite &amp; fin"), office__value_type="string"),
        "PRIX": cell(p("ignoré"), office__value_type="string", office__string_value="118 800 € TTC"),
        "ECOINDEX": s("B"),
        "FORMATS": cell(p("csv, json"), office__value_type="string", table__number_columns_repeated="2"),
    }
    rows = [row([s("Fournisseur"), s("Fait &amp; main")]),
            row([cell()], table__number_rows_repeated="2"),
            row([s(h) for h in HEADERS])]
    for ident in IDS:
        cells = [s(ident), s("Critère %s" % ident), cell(table__number_columns_repeated="2"),
                 "<table:covered-table-cell/>", answers[ident]]
        if ident == "NUM-1":
            cells.append(cell(p("fusionnée"), office__value_type="string", table__number_rows_spanned="2"))
        if ident == "NUM-2":
            cells.append("<table:covered-table-cell/>")
        rows.append(row(cells))
    rows.append(row([s("répétée"), cell(office__value_type="float", office__value="3",
                     table__number_columns_repeated="2")], table__number_rows_repeated="3"))
    rows.append(row([cell(table__number_columns_repeated="1024")], table__number_rows_repeated="1000"))
    rows.append(row([cell(office__value_type="float", office__value="1")]))
    table = '<table:table table:name="Réponses &amp; co">%s</table:table>' % "".join(rows)
    other = ('<table:table table:name="Annexe">'
             + row([cell(office__value_type="percentage", office__value="0.5",
                         table__number_columns_repeated="3")], table__number_rows_repeated="2")
             + '</table:table><table:table>' + row([s("sans nom")]) + '</table:table>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
               'xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0">'
               '<office:body><office:spreadsheet>' + other.split("</table:table>", 1)[0] + "</table:table>"
               + table + other.split("</table:table>", 1)[1] +
               '</office:spreadsheet></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
                'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
                '<manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                '</manifest:manifest>')
    write("handmade.ods", [("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                           ("META-INF/manifest.xml", manifest), ("content.xml", content)])


xlsx()
ods()
