#!/usr/bin/env python3
"""Writes the seed corpus of the xlsx_reader fuzz target into
fuzz/corpus/xlsx_reader/: a few tiny workbooks as zip archives (stored, so
that mutations reach the XML), and the same kinds of workbook in the
target's other form, parts separated by NUL bytes ("NAME\\nCONTENT").

    fuzz/make_xlsx_reader_seeds.py
"""

import io
import pathlib
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def rels(*items):
    inside = "".join(f'<Relationship Id="{i}" Type="{REL}/{t}" Target="{target}"/>'
                     for i, t, target in items)
    return f'<Relationships xmlns="{PKG}">{inside}</Relationships>'


def workbook(sheets, date1904=False):
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    inside = "".join(f'<sheet name="{n}" sheetId="{k + 1}"{s} r:id="rId{k + 1}"/>'
                     for k, (n, s) in enumerate(sheets))
    return f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}<sheets>{inside}</sheets></workbook>'


def sheet(data):
    return f'<worksheet xmlns="{MAIN}"><sheetData>{data}</sheetData></worksheet>'


STYLES = (f'<styleSheet xmlns="{MAIN}"><numFmts><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/>'
          '</numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="22"/></cellXfs>'
          '</styleSheet>')
STRINGS = (f'<sst xmlns="{MAIN}"><si><t>ID</t></si><si><r><rPr><b/></rPr><t>Bold</t></r>'
           '<r><t xml:space="preserve"> run</t></r></si><si><t>東京</t><rPh><t>x</t></rPh></si>'
           '<si><t>_x005F_x0041_</t></si></sst>')

# Excel's shape: relative targets, shared strings, numbers, dates, a formula, hidden sheets.
EXCEL = {
    "_rels/.rels": rels(("rId1", "officeDocument", "xl/workbook.xml")),
    "xl/workbook.xml": workbook([("Tasks", ""), ("Old", ' state="hidden"'),
                                 ("Secret", ' state="veryHidden"')]),
    "xl/_rels/workbook.xml.rels": rels(
        ("rId1", "worksheet", "worksheets/sheet1.xml"),
        ("rId2", "worksheet", "worksheets/sheet2.xml"),
        ("rId3", "worksheet", "worksheets/sheet3.xml"),
        ("rId4", "styles", "styles.xml"), ("rId5", "sharedStrings", "sharedStrings.xml")),
    "xl/styles.xml": STYLES,
    "xl/sharedStrings.xml": STRINGS,
    "xl/worksheets/sheet1.xml": sheet(
        '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2"><v>9.5</v></c>'
        '<c r="C2" s="1"><v>46363</v></c><c r="D2" s="2"><v>46363.375</v></c>'
        '<c r="E2"><f>B2*2</f><v>19</v></c><c r="F2" t="e"><v>#N/A</v></c></row>'
        '<row r="12"><c r="F12" t="s"><v>3</v></c></row>'),
    "xl/worksheets/sheet2.xml": sheet('<row r="1"><c r="A1" t="b"><v>1</v></c></row>'),
    "xl/worksheets/sheet3.xml": sheet(""),
}

# openpyxl's and LibreOffice's shapes: absolute targets, inline strings,
# t="str", the 1904 system, rows and cells without references, ISO dates.
OTHERS = {
    "_rels/.rels": rels(("rId1", "officeDocument", "/xl/workbook.xml")),
    "xl/workbook.xml": workbook([("Sheet 1", ' state="visible"')], date1904=True),
    "xl/_rels/workbook.xml.rels": rels(("rId1", "worksheet", "/xl/worksheets/sheet1.xml"),
                                       ("rId2", "styles", "/xl/styles.xml")),
    "xl/styles.xml": STYLES,
    "xl/worksheets/sheet1.xml": sheet(
        '<row><c t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>'
        '<c t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c t="b"><f>TRUE()</f><v>1</v></c></row>'
        '<row r="3"><c s="1"><v>0</v></c><c t="d"><v>2026-12-07T09:30:00</v></c>'
        '<c t="n"><v>1.25E-010</v></c></row>'),
}


def row(r, *cells):
    """A row of inline strings (str), numbers (float) and formulas ("=..."), from column A."""
    out = []
    for k, v in enumerate(cells):
        ref = f"{chr(65 + k)}{r}"
        if isinstance(v, float):
            out.append(f'<c r="{ref}"><v>{v}</v></c>')
        elif v.startswith("="):
            out.append(f'<c r="{ref}"><f>{v[1:]}</f><v>1</v></c>')
        elif v:
            out.append(f'<c r="{ref}" t="inlineStr"><is><t>{v}</t></is></c>')
    return f'<row r="{r}">{"".join(out)}</row>'


# What `rplan sync` reads: a Tasks sheet (edited: a status, a formula, text
# for hours, an unknown id) and the hidden rplan_sync sheet of exported values.
SYNC = {
    "_rels/.rels": rels(("rId1", "officeDocument", "xl/workbook.xml")),
    "xl/workbook.xml": workbook([("Tasks", ""), ("rplan_sync", ' state="hidden"')]),
    "xl/_rels/workbook.xml.rels": rels(("rId1", "worksheet", "worksheets/sheet1.xml"),
                                       ("rId2", "worksheet", "worksheets/sheet2.xml")),
    "xl/worksheets/sheet1.xml": sheet(
        row(1, "ID", "Prompt", "Status", "Assignee", "Estimate (h)", "Spent (h)", "Remaining (h)")
        + row(2, "a1", "Do a", "done", "Ada", 8.0, 0.0, 8.0)
        + row(3, "b2", "Do b", "in-progress", "", "=E2*2", "two", 3.0)
        + row(4, "zz", "Do z", "open", "Bo", 1.0, 0.0, 1.0)),
    "xl/worksheets/sheet2.xml": sheet(
        row(1, "rplan-sync", 1.0)
        + row(2, "ID", "Status", "Assignee", "Estimate (h)", "Spent (h)", "Remaining (h)")
        + row(3, "a1", "open", "Ada", 8.0, 0.0, 8.0)
        + row(4, "b2", "in-progress", "Bo", 4.0, 1.0, 3.0)),
}


def stored_zip(parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as z:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode())
    return buffer.getvalue()


def parts_form(parts):
    return b"\0".join(name.encode() + b"\n" + text.encode() for name, text in parts.items())


def main():
    out = pathlib.Path(__file__).resolve().parent / "corpus" / "xlsx_reader"
    out.mkdir(parents=True, exist_ok=True)
    (out / "excel.xlsx").write_bytes(stored_zip(EXCEL))
    (out / "others.xlsx").write_bytes(stored_zip(OTHERS))
    (out / "excel.parts").write_bytes(parts_form(EXCEL))
    (out / "others.parts").write_bytes(parts_form(OTHERS))
    (out / "sync.parts").write_bytes(parts_form(SYNC))


if __name__ == "__main__":
    main()
