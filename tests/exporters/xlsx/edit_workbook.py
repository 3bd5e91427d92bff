#!/usr/bin/python3
"""Edits an rplan workbook's Tasks sheet as a user would, with openpyxl.

    edit_workbook.py edit IN OUT [--set ID:HEADER=VALUE]... [--formula ID:HEADER=FORMULA]...
                     [--reverse-rows] [--delete-column HEADER] [--move-status-last]
    edit_workbook.py dump IN      prints {id: {header: value}} of the Tasks sheet as JSON

Columns are found by their header, rows by the task id in the ID column, so
the edits land where a person would make them whatever the layout. A VALUE
that reads as a number is written as a number, "" empties the cell, anything
else is text. openpyxl keeps the sheets it does not touch, the hidden one
included (the sheet protection does not stop a program).
"""

import argparse
import json
import sys
import warnings

warnings.simplefilter("ignore")  # openpyxl warns that it drops data-bar extensions
import openpyxl  # noqa: E402  (Debian's python3-openpyxl)


def header_row(ws):
    for row in ws.iter_rows(min_row=1, max_row=20):
        for cell in row:
            if isinstance(cell.value, str) and cell.value.strip().lower() == "id":
                return cell.row, {str(c.value).strip(): c.column for c in row if c.value}
    sys.exit("no ID header")


def rows_by_id(ws, first, id_column):
    return {ws.cell(r, id_column).value: r for r in range(first, ws.max_row + 1)
            if ws.cell(r, id_column).value}


def typed(text):
    if text == "":
        return None
    try:
        return float(text)
    except ValueError:
        return text


def split_edit(spec):
    target, value = spec.split("=", 1)
    task, header = target.split(":", 1)
    return task, header, value


def edit(args):
    wb = openpyxl.load_workbook(args.input)
    ws = wb["Tasks"]
    head, columns = header_row(ws)
    rows = rows_by_id(ws, head + 1, columns["ID"])
    for spec in args.set:
        task, header, value = split_edit(spec)
        ws.cell(rows[task], columns[header]).value = typed(value)
    for spec in args.formula:
        task, header, value = split_edit(spec)
        ws.cell(rows[task], columns[header]).value = "=" + value
    if args.reverse_rows:  # as sorting would move them: values only, every column
        order = sorted(rows.values())
        values = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)] for r in order]
        for r, row_values in zip(order, reversed(values)):
            for c, v in enumerate(row_values, start=1):
                ws.cell(r, c).value = v
    if args.move_status_last:  # the Status column cut and pasted after the last one
        status, last = columns["Status"], ws.max_column + 1
        for r in range(head, ws.max_row + 1):
            ws.cell(r, last).value = ws.cell(r, status).value
        ws.delete_cols(status)
    if args.delete_column:
        ws.delete_cols(columns[args.delete_column])
    wb.save(args.output)


def dump(args):
    ws = openpyxl.load_workbook(args.input)["Tasks"]
    head, columns = header_row(ws)
    out = {}
    for task, r in rows_by_id(ws, head + 1, columns["ID"]).items():
        out[task] = {h: ws.cell(r, c).value for h, c in columns.items()
                     if not hasattr(ws.cell(r, c).value, "isoformat")}
    json.dump(out, sys.stdout)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    e = sub.add_parser("edit")
    e.add_argument("input")
    e.add_argument("output")
    e.add_argument("--set", action="append", default=[])
    e.add_argument("--formula", action="append", default=[])
    e.add_argument("--reverse-rows", action="store_true")
    e.add_argument("--move-status-last", action="store_true")
    e.add_argument("--delete-column")
    d = sub.add_parser("dump")
    d.add_argument("input")
    args = parser.parse_args()
    edit(args) if args.command == "edit" else dump(args)


if __name__ == "__main__":
    main()
