#!/usr/bin/env python3
"""Writes workbooks with openpyxl for the workbook reader's tests, and a
manifest.json saying what each cell holds, so that the test can check the
reader against what was written (not against what the reader says).

    make_xlsx_workbooks.py OUT_DIR

values.xlsx   strings, numbers, booleans, dates and times, formulas, sparse
              cells, hidden and very hidden sheets (1900 date system)
date1904.xlsx dates in the 1904 date system
rich.xlsx     shared strings with rich text runs, phonetic runs, preserved
              space and an escaped underscore: openpyxl 3.0 writes every string
              inline, so the script swaps its cells for references into a
              sharedStrings.xml of the shape Excel writes

A manifest cell is {"type": "string", "text": …}, {"type": "number",
"number": …}, {"type": "boolean", "number": 0|1}, {"type": "date", "date":
"YYYY-MM-DD"}, {"type": "datetime", "datetime": "YYYY-MM-DDTHH:MM:SS"} or
{"type": "formula", "formula": "B1*2", "calculated": …} (the value a
spreadsheet that calculates, LibreOffice, would store).
"""

import datetime
import json
import pathlib
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def put(sheet, cells, ref, value, expected):
    sheet[ref] = value
    cells[ref] = expected


def values_workbook(path):
    wb = openpyxl.Workbook()
    tasks = wb.active
    tasks.title = "Tasks"
    cells = {}
    put(tasks, cells, "A1", "plain text", {"type": "string", "text": "plain text"})
    put(tasks, cells, "A2", "  spaced  ", {"type": "string", "text": "  spaced  "})
    put(tasks, cells, "A3", "two\nlines", {"type": "string", "text": "two\nlines"})
    put(tasks, cells, "A4", "日本語 Ελληνικά 🚀", {"type": "string", "text": "日本語 Ελληνικά 🚀"})
    put(tasks, cells, "A5", "<&>\"'", {"type": "string", "text": "<&>\"'"})
    put(tasks, cells, "B1", 3.5, {"type": "number", "number": 3.5})
    put(tasks, cells, "B2", 42, {"type": "number", "number": 42})
    put(tasks, cells, "B3", -0.1, {"type": "number", "number": -0.1})
    put(tasks, cells, "B4", 1.25e-10, {"type": "number", "number": 1.25e-10})
    put(tasks, cells, "B5", 123456789012, {"type": "number", "number": 123456789012})
    put(tasks, cells, "C1", True, {"type": "boolean", "number": 1})
    put(tasks, cells, "C2", False, {"type": "boolean", "number": 0})
    put(tasks, cells, "D1", datetime.date(2026, 12, 7), {"type": "date", "date": "2026-12-07"})
    put(tasks, cells, "D2", datetime.datetime(2026, 12, 7, 9, 30, 15),
        {"type": "datetime", "datetime": "2026-12-07T09:30:15"})
    put(tasks, cells, "D3", datetime.date(1900, 3, 1), {"type": "date", "date": "1900-03-01"})
    put(tasks, cells, "D4", datetime.date(1900, 2, 28), {"type": "date", "date": "1900-02-28"})
    put(tasks, cells, "D5", datetime.datetime(9999, 12, 31, 23, 59, 59),
        {"type": "datetime", "datetime": "9999-12-31T23:59:59"})
    put(tasks, cells, "E1", "=B1*2", {"type": "formula", "formula": "B1*2", "calculated": 7})
    put(tasks, cells, "E2", '=CONCATENATE("a","b")',
        {"type": "formula", "formula": 'CONCATENATE("a","b")', "calculated": "ab"})
    put(tasks, cells, "AA100", "far away", {"type": "string", "text": "far away"})

    sparse = wb.create_sheet("Sparse")
    sparse_cells = {}
    put(sparse, sparse_cells, "A1", "first", {"type": "string", "text": "first"})
    put(sparse, sparse_cells, "C3", 3, {"type": "number", "number": 3})
    put(sparse, sparse_cells, "XFD1048576", "last", {"type": "string", "text": "last"})

    hidden = wb.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    hidden_cells = {}
    put(hidden, hidden_cells, "B2", "hidden text", {"type": "string", "text": "hidden text"})

    very = wb.create_sheet("Very Hidden")
    very.sheet_state = "veryHidden"
    very_cells = {}
    put(very, very_cells, "A1", 1, {"type": "number", "number": 1})
    wb.save(path)
    return {"date_system": 1900, "sheets": [
        {"name": "Tasks", "state": "visible", "cells": cells},
        {"name": "Sparse", "state": "visible", "cells": sparse_cells},
        {"name": "Hidden", "state": "hidden", "cells": hidden_cells},
        {"name": "Very Hidden", "state": "veryHidden", "cells": very_cells}]}


def date1904_workbook(path):
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    sheet = wb.active
    sheet.title = "Dates"
    cells = {}
    put(sheet, cells, "A1", datetime.date(2026, 12, 7), {"type": "date", "date": "2026-12-07"})
    put(sheet, cells, "A2", datetime.date(1904, 1, 1), {"type": "date", "date": "1904-01-01"})
    put(sheet, cells, "A3", datetime.datetime(2000, 2, 29, 18, 0),
        {"type": "datetime", "datetime": "2000-02-29T18:00:00"})
    put(sheet, cells, "B1", 2.5, {"type": "number", "number": 2.5})
    wb.save(path)
    return {"date_system": 1904, "sheets": [{"name": "Dates", "state": "visible", "cells": cells}]}


MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RICH_STRINGS = [
    ('<si><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r>'
     '<r><rPr><i/></rPr><t xml:space="preserve"> and italic</t></r><r><t>!</t></r></si>',
     "Bold and italic!"),
    ('<si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh>'
     '<phoneticPr fontId="1" type="noConversion"/></si>', "東京"),
    ('<si><t xml:space="preserve">  padded  </t></si>', "  padded  "),
    # rplan's export and LibreOffice write an underscore that would start an
    # escape as _x005F_ (Excel's own decoding of _x0041_ to "A" is a unit test).
    ('<si><t>_x005F_x0041_ stays as typed</t></si>', "_x0041_ stays as typed"),
]


def rich_workbook(path):
    wb = openpyxl.Workbook()
    sheet = wb.active
    sheet.title = "Rich"
    cells = {}
    for row, (_, text) in enumerate(RICH_STRINGS, start=1):
        sheet.cell(row=row, column=1, value=f"PLACEHOLDER{row - 1}")
        cells[f"A{row}"] = {"type": "string", "text": text}
    sheet["B1"] = 5
    cells["B1"] = {"type": "number", "number": 5}
    wb.save(path)

    with zipfile.ZipFile(path) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    sheet_xml = parts["xl/worksheets/sheet1.xml"].decode()
    sheet_xml, swapped = re.subn(
        r'<c r="(A\d+)" t="inlineStr"><is><t>PLACEHOLDER(\d+)</t></is></c>',
        r'<c r="\1" t="s"><v>\2</v></c>', sheet_xml)
    assert swapped == len(RICH_STRINGS), sheet_xml
    parts["xl/worksheets/sheet1.xml"] = sheet_xml.encode()
    items = "".join(xml for xml, _ in RICH_STRINGS)
    parts["xl/sharedStrings.xml"] = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="{MAIN}" '
        f'count="{len(RICH_STRINGS)}" uniqueCount="{len(RICH_STRINGS)}">{items}</sst>').encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    parts["xl/_rels/workbook.xml.rels"] = rels.replace("</Relationships>", (
        '<Relationship Id="rIdStrings" Target="sharedStrings.xml" Type="http://schemas.'
        'openxmlformats.org/officeDocument/2006/relationships/sharedStrings"/>'
        "</Relationships>")).encode()
    types = parts["[Content_Types].xml"].decode()
    parts["[Content_Types].xml"] = types.replace("</Types>", (
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.sharedStrings+xml"/></Types>')).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return {"date_system": 1900, "sheets": [{"name": "Rich", "state": "visible", "cells": cells}]}


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    manifest = {
        "values.xlsx": values_workbook(out / "values.xlsx"),
        "date1904.xlsx": date1904_workbook(out / "date1904.xlsx"),
        "rich.xlsx": rich_workbook(out / "rich.xlsx"),
    }
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
