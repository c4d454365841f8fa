#!/usr/bin/env python3
# Makes the workbooks under tests/data/ofsted and tests/data/xlsx, written by hand as an
# .xlsx is (a ZIP of SpreadsheetML parts), so that each file holds exactly the case a test
# needs. Run from anywhere: python3 tests/data/make-xlsx.py. Output is the same every run
# (fixed timestamps), so the files only change in git when this script does.
import csv
import os
import struct
import zipfile
import zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
STAMP = (2026, 11, 30, 0, 0, 0)
NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def write_zip(path, members, method=zipfile.ZIP_DEFLATED):
    with zipfile.ZipFile(path, "w") as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            z.writestr(info, data)


def column(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def content_types(sheets, shared=True, main="sheet.main"):
    parts = [f'<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.{main}+xml"/>']
    for n in range(1, sheets + 1):
        parts.append(f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
    if shared:
        parts.append('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
    return (DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>' + "".join(parts) + "</Types>")


def workbook(names, date1904=False):
    sheets = "".join(f'<sheet name="{escape(n)}" sheetId="{i}" r:id="rId{i}"/>' for i, n in enumerate(names, 1))
    pr = '<workbookPr date1904="1"/>' if date1904 else '<workbookPr defaultThemeVersion="124226"/>'
    return DECL + f'<workbook xmlns="{NS}" xmlns:r="{REL_NS}">{pr}<sheets>{sheets}</sheets></workbook>'


def workbook_rels(n, shared=True):
    rels = [f'<Relationship Id="rId{i}" Type="{REL_NS}/worksheet" Target="worksheets/sheet{i}.xml"/>' for i in range(1, n + 1)]
    if shared:
        rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>')
    return DECL + f'<Relationships xmlns="{PKG_REL}">' + "".join(rels) + "</Relationships>"


ROOT_RELS = (DECL + f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" '
             f'Type="{REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>')


def shared_strings(strings):
    items = "".join(s if s.startswith("<si>") else f"<si><t>{escape(s)}</t></si>" for s in strings)
    return DECL + f'<sst xmlns="{NS}" count="{len(strings)}" uniqueCount="{len(strings)}">{items}</sst>'


def sheet(rows):
    return DECL + f'<worksheet xmlns="{NS}" xmlns:r="{REL_NS}"><sheetData>' + "".join(rows) + "</sheetData></worksheet>"


def package(path, sheets, strings=None, date1904=False, method=zipfile.ZIP_DEFLATED):
    """sheets: [(name, xml)]; strings: the shared strings, or None for no part."""
    members = [("[Content_Types].xml", content_types(len(sheets), strings is not None)),
               ("_rels/.rels", ROOT_RELS),
               ("xl/workbook.xml", workbook([n for n, _ in sheets], date1904)),
               ("xl/_rels/workbook.xml.rels", workbook_rels(len(sheets), strings is not None))]
    members += [(f"xl/worksheets/sheet{i}.xml", xml) for i, (_, xml) in enumerate(sheets, 1)]
    if strings is not None:
        members.append(("xl/sharedStrings.xml", shared_strings(strings)))
    write_zip(path, members, method)


def ofsted_summary():
    """The CSV cut of Data to Insight's summary, laid out as its published workbook is (every
    value a shared string, as xlsxwriter writes pandas' text columns; the header in bold,
    style 1; one sheet named as the published one)."""
    with open(os.path.join(HERE, "ofsted", "ofsted_csc_ilacs_overview.csv"), newline="", encoding="utf-8") as f:
        records = list(csv.reader(f))
    strings, index, rows = [], {}, []
    for r, record in enumerate(records, 1):
        cells = []
        for c, value in enumerate(record):
            if value == "":
                continue  # xlsxwriter writes no cell for an empty value
            if value not in index:
                index[value] = len(strings)
                strings.append(value)
            style = ' s="1"' if r == 1 else ""
            cells.append(f'<c r="{column(c)}{r}"{style} t="s"><v>{index[value]}</v></c>')
        rows.append(f'<row r="{r}" spans="1:{len(records[0])}">' + "".join(cells) + "</row>")
    package(os.path.join(HERE, "ofsted", "ofsted_csc_ilacs_overview.xlsx"),
            [("ofsted_cs_inspections_overview", sheet(rows))], strings)


def cells():
    """Every kind of cell the reader takes, behind a cover sheet and title rows."""
    strings = ["Notes", "la_code", "local_authority", "overall_effectiveness_grade", "publication_date",
               "count", "good",
               '<si><r><t>requires </t></r><r><rPr><b/></rPr><t>improvement</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si>']
    cover = sheet(['<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
                   '<row r="2"><c r="A2" t="inlineStr"><is><t>Made for the tests</t></is></c></row>'])
    data = sheet([
        # a title row and a blank row above the header
        '<row r="1"><c r="A1" t="inlineStr"><is><t>ILACS outcomes</t></is></c></row>',
        '<row r="2"><c r="A2" s="1"/><c r="B2" s="1"/></row>',
        '<row r="4"><c r="A4" t="s"><v>1</v></c><c r="B4" t="s"><v>2</v></c><c r="C4" t="s"><v>3</v></c>'
        '<c r="D4" t="s"><v>4</v></c><c r="E4" t="s"><v>5</v></c></row>',
        # a number, an inline string, a shared string, a date serial, a formula's number
        '<row r="5"><c r="A5"><v>839</v></c><c r="B5" t="inlineStr"><is><t>bournemouth, christchurch &amp; poole</t></is></c>'
        '<c r="C5" t="s"><v>6</v></c><c r="D5" s="2"><v>45686</v></c><c r="E5"><f>2+3</f><v>5</v></c></row>',
        # cells with no r attribute, an empty middle cell, rich text, a formula's string
        '<row r="6"><c><v>822</v></c><c t="str"><f>LOWER("BEDFORD")</f><v>bedford</v></c>'
        '<c t="s"><v>7</v></c><c><v>45047.75</v></c></row>',
        # an empty cell between values, a boolean, a gap of a row above
        '<row r="8"><c r="A8" t="inlineStr"><is><t>882</t></is></c><c r="C8" t="b"><v>1</v></c>'
        '<c r="D8"/><c r="E8"><v>-1.5E-2</v></c></row>',
    ])
    package(os.path.join(HERE, "xlsx", "cells.xlsx"), [("Cover", cover), ("ILACS", data)], strings)
    # The same first row in the 1904 date system (Excel for Mac before 2011).
    package(os.path.join(HERE, "xlsx", "date1904.xlsx"),
            [("Sheet1", sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>inspection_date</t></is></c></row>',
                               '<row r="2"><c r="A2"><v>44224</v></c></row>']))], None, date1904=True)


def bad_cells():
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>la_code</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>publication_date</t></is></c></row>')
    package(os.path.join(HERE, "xlsx", "bad-shared-string.xlsx"),
            [("Grades", sheet([header, '<row r="2"><c r="A2"><v>839</v></c></row>',
                               '<row r="3"><c r="A3" t="s"><v>7</v></c></row>']))], ["only one"])
    package(os.path.join(HERE, "xlsx", "bad-number.xlsx"),
            [("Grades", sheet([header, '<row r="2"><c r="A2"><v>839</v></c><c r="B2"><v>soon</v></c></row>']))], None)
    package(os.path.join(HERE, "xlsx", "bad-date.xlsx"),
            [("Grades", sheet([header, '<row r="2"><c r="A2"><v>839</v></c><c r="B2"><v>60</v></c></row>']))], None)
    # A grade that is not one of Ofsted's, three rows under a title row and a blank one.
    package(os.path.join(HERE, "xlsx", "bad-grade.xlsx"),
            [("Grades", sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>ILACS outcomes</t></is></c></row>',
                               '<row r="3"><c r="A3" t="inlineStr"><is><t>la_code</t></is></c>'
                               '<c r="B3" t="inlineStr"><is><t>overall_effectiveness_grade</t></is></c></row>',
                               '<row r="4"><c r="A4"><v>839</v></c><c r="B4" t="inlineStr"><is><t>good</t></is></c></row>',
                               '<row r="6"><c r="A6"><v>822</v></c><c r="B6" t="inlineStr"><is><t>very good</t></is></c></row>']))],
            None)


def archives():
    summary = os.path.join(HERE, "ofsted", "ofsted_csc_ilacs_overview.xlsx")
    with open(summary, "rb") as f:
        whole = f.read()
    with open(os.path.join(HERE, "xlsx", "truncated.xlsx"), "wb") as f:
        f.write(whole[: len(whole) // 2])

    # A stored member whose bytes no longer match its CRC-32.
    path = os.path.join(HERE, "xlsx", "bad-crc.xlsx")
    package(path, [("Sheet1", sheet(['<row r="1"><c r="A1" t="inlineStr"><is><t>la_code</t></is></c></row>']))],
            None, method=zipfile.ZIP_STORED)
    with open(path, "rb") as f:
        data = bytearray(f.read())
    at = data.find(b"la_code</t>")
    data[at] = ord("L")
    with open(path, "wb") as f:
        f.write(data)

    # A word-processing document: a ZIP of Office Open XML, but no workbook.
    write_zip(os.path.join(HERE, "xlsx", "not-workbook.docx"), [
        ("[Content_Types].xml", DECL + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
         'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'),
        ("word/document.xml", DECL + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')])

    # A bomb: a 40 MiB sheet of blank rows that deflates to a few tens of kilobytes.
    bomb = DECL + f'<worksheet xmlns="{NS}"><sheetData>' + "<row/>" * (40 * 1024 * 1024 // 6) + "</sheetData></worksheet>"
    package(os.path.join(HERE, "xlsx", "bomb.xlsx"), [("Sheet1", bomb)], None)

    # A million and one shared strings (each an empty <si/>), stopped at the cap.
    many = DECL + f'<sst xmlns="{NS}">' + "<si/>" * 1000001 + "</sst>"
    members = [("[Content_Types].xml", content_types(1)), ("_rels/.rels", ROOT_RELS),
               ("xl/workbook.xml", workbook(["Sheet1"])), ("xl/_rels/workbook.xml.rels", workbook_rels(1)),
               ("xl/worksheets/sheet1.xml", sheet([])), ("xl/sharedStrings.xml", many)]
    write_zip(os.path.join(HERE, "xlsx", "many-strings.xlsx"), members)

    # An end record claiming 5,000 members: refused before any is read.
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 5000, 5000, 0, 0, 0)
    with open(os.path.join(HERE, "xlsx", "many-members.xlsx"), "wb") as f:
        f.write(end)


def fuzz_seeds():
    """The fuzz target's seeds: small workbooks, some stored rather than deflated so that the
    fuzzer's changes reach the XML parsers directly."""
    corpus = os.path.join(HERE, "..", "fuzz", "xlsx-corpus")
    os.makedirs(corpus, exist_ok=True)
    for name in ("cells.xlsx", "date1904.xlsx", "bad-shared-string.xlsx", "not-workbook.docx", "bad-crc.xlsx"):
        with open(os.path.join(HERE, "xlsx", name), "rb") as f, open(os.path.join(corpus, name), "wb") as out:
            out.write(f.read())
    strings = ["la_code", "overall_effectiveness_grade", "good", '<si><r><t>a</t></r><rPh><t>b</t></rPh></si>']
    package(os.path.join(corpus, "stored.xlsx"),
            [("Cover", sheet(['<row r="1"><c r="A1" t="s"><v>3</v></c></row>'])),
             ("Data", sheet(['<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c></row>',
                             '<row r="3"><c r="A3"><v>839</v></c><c r="B3" t="s"><v>2</v></c>'
                             '<c r="C3" t="inlineStr"><is><t>x</t></is></c><c r="D3" t="b"><v>0</v></c></row>']))],
            strings, method=zipfile.ZIP_STORED)


if __name__ == "__main__":
    ofsted_summary()
    cells()
    bad_cells()
    archives()
    fuzz_seeds()
