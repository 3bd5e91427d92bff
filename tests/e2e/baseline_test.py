#!/usr/bin/python3
"""Exports against a baseline end to end: plan, record work, re-estimate,
reassign, re-plan; then `export xlsx --baseline previous` (read by openpyxl)
and `export html --baseline previous` (rendered by headless chromium) show
each task's baseline dates as the first plan's export had them, the variance
and the changed tasks as `rplan diff --format json` has them.

usage: baseline_test.py RPLAN
"""
import html.parser
import json
import os
import shutil
import sys
import tempfile

import openpyxl

from load_test import Rplan, chromium_dom, fail

DOC = "# Baselines\n\n" + "".join(
    f"### {n}. Topic {n}\n**Research Prompts**:\n- Research subject {n}a\n"
    f"- Analyze subject {n}b\n- Compare subject {n}c\n\n" for n in range(1, 5))


class ReportScan(html.parser.HTMLParser):
    """Per task bar its baseline rect's dates; the changes table's rows."""

    def __init__(self):
        super().__init__()
        self.task = None
        self.bars = {}
        self.in_changes = False
        self.change_rows = {}
        self.row = None
        self.cells = []
        self.cell = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "g" and "data-task" in a:
            self.task = a["data-task"]
        if tag == "rect" and "baseline" in a.get("class", "").split() and self.task:
            self.bars[self.task] = (a["data-first"], a["data-last"], a["x"], a["width"])
        if tag == "section":
            self.in_changes = a.get("id") == "changes"
        if self.in_changes and tag == "tr" and "data-task" in a:
            self.row, self.cells = a["data-task"], []
        if self.row and tag == "td":
            self.cell = ""

    def handle_endtag(self, tag):
        if tag == "g":
            self.task = None
        if tag == "td" and self.cell is not None:
            self.cells.append(self.cell)
            self.cell = None
        if tag == "tr" and self.row:
            self.change_rows[self.row] = self.cells
            self.row = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="rplan-baseline-")
    try:
        run(Rplan(binary, work), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("baseline test passed")


def run(rplan, work):
    with open(os.path.join(work, "b.md"), "w", encoding="utf-8") as f:
        f.write(DOC)
    for name in ("Ada", "Bob"):
        rplan("team", "add", name)
    rplan("import", "b.md")
    rplan("plan", "--start", "2026-12-07")
    rplan("export", "json", "--out", "first.json")
    first = {t["id"]: t for t in json.load(open(os.path.join(work, "first.json")))["tasks"]}

    # A week later: one task done, one re-estimated, one pinned to the other person.
    later = "1797235200"  # Monday 2026-12-14 08:00 UTC
    ids = sorted(first, key=lambda i: first[i]["blocks"][0]["date"])
    done, bigger, moved = ids[0], ids[5], ids[8]
    rplan("task", done, "--status", "done", "--on", first[done]["blocks"][0]["date"], epoch=later)
    rplan("task", bigger, "--estimate", "30", epoch=later)
    other = "Bob" if first[moved]["assignee"] == "Ada" else "Ada"
    rplan("task", moved, "--assignee", other, epoch=later)
    rplan("plan", epoch=later)

    diff = json.loads(rplan("diff", "--format", "json", epoch=later))
    changes = {c["id"]: c for c in diff["tasks"]}
    for tid, kind in ((done, "done"), (bigger, "estimate"), (moved, "reassigned")):
        if kind not in changes.get(tid, {}).get("change", []):
            fail(f"rplan diff does not say {tid} is {kind}: {changes.get(tid)}")

    def baseline_days(tid):
        blocks = first[tid]["blocks"]
        return (blocks[0]["date"], blocks[-1]["date"]) if blocks else (None, None)

    def variance(tid):
        c = changes.get(tid)
        return c["finish_days"] if c and "moved" in c["change"] else 0

    # The workbook: the Tasks sheet's baseline columns, the Changes sheet.
    rplan("export", "xlsx", "--baseline", "previous", "--out", "plan.xlsx", epoch=later)
    book = openpyxl.load_workbook(os.path.join(work, "plan.xlsx"))
    sheet = book["Tasks"]
    header = [c.value for c in sheet[1]]
    try:
        c_id = header.index("ID")
        c_start = header.index("Baseline start")
        c_finish = header.index("Baseline finish")
        c_var = header.index("Finish variance (working days)")
    except ValueError:
        fail("the Tasks sheet lacks the baseline columns: " + str(header))
    seen = 0
    for row in sheet.iter_rows(min_row=2, values_only=True):
        tid = row[c_id]
        if tid not in first:
            continue
        seen += 1
        start, finish = baseline_days(tid)
        got = tuple(v.date().isoformat() if v is not None else None
                    for v in (row[c_start], row[c_finish]))
        if got != (start, finish):
            fail(f"Tasks sheet: {tid}'s baseline dates are {got}, the first plan's {start, finish}")
        want = variance(tid)
        if row[c_var] is not None and int(row[c_var]) != want:
            fail(f"Tasks sheet: {tid}'s variance is {row[c_var]}, rplan diff says {want}")
        if tid != done and row[c_var] is None:
            fail(f"Tasks sheet: {tid} has no variance though both plans date it")
    if seen != len(first):
        fail(f"the Tasks sheet has {seen} of the {len(first)} tasks")
    if "Changes" not in book.sheetnames:
        fail("no Changes sheet: " + str(book.sheetnames))
    ch = book["Changes"]
    head = [c.value for c in ch[2]]
    if head[:5] != ["ID", "Prompt", "Change", "From", "To"]:
        fail("the Changes sheet's header is " + str(head))
    rows = {r[0]: r for r in ch.iter_rows(min_row=3, values_only=True) if r[0]}
    if set(rows) != set(changes):
        fail(f"the Changes sheet lists {sorted(rows)}, rplan diff {sorted(changes)}")
    for tid, r in rows.items():
        if r[2] != ", ".join(changes[tid]["change"]):
            fail(f"Changes sheet: {tid} is '{r[2]}', rplan diff says {changes[tid]['change']}")
    if not (first[moved]["assignee"] in (rows[moved][3] or "") and other in (rows[moved][4] or "")):
        fail(f"Changes sheet: the reassignment of {moved} reads {rows[moved][3:5]}")
    if "30 h" not in (rows[bigger][4] or ""):
        fail(f"Changes sheet: the new estimate of {bigger} reads {rows[bigger][3:5]}")

    # The report: a grey baseline bar under each task's bar, and the changes.
    rplan("export", "html", "--baseline", "previous", "--out", "report.html", epoch=later)
    dom = chromium_dom(os.path.join(work, "report.html"), work)
    scan = ReportScan()
    scan.feed(dom)
    for tid in first:
        start, finish = baseline_days(tid)
        if start is None:
            continue
        if tid not in scan.bars:
            fail(f"report: no baseline bar for {tid}")
        if scan.bars[tid][:2] != (start, finish):
            fail(f"report: {tid}'s baseline bar spans {scan.bars[tid][:2]}, not {start, finish}")
    bars = {tid: b for tid, b in scan.bars.items()}
    # Bars later in the baseline sit further right.
    ordered = sorted(bars, key=lambda t: bars[t][0])
    xs = [float(bars[t][2].rstrip("%")) for t in ordered]
    if xs != sorted(xs):
        fail("report: the baseline bars are not placed by their dates")
    if set(scan.change_rows) != set(changes):
        fail(f"report: the changes list {sorted(scan.change_rows)}, rplan diff {sorted(changes)}")
    if scan.change_rows[moved][2] != ", ".join(changes[moved]["change"]):
        fail(f"report: {moved}'s change reads {scan.change_rows[moved]}")

    # Without --baseline: neither the columns nor the sheet nor the bars.
    rplan("export", "xlsx", "--out", "plain.xlsx", epoch=later)
    plain = openpyxl.load_workbook(os.path.join(work, "plain.xlsx"))
    if "Changes" in plain.sheetnames or "Baseline start" in [c.value for c in plain["Tasks"][1]]:
        fail("a workbook without --baseline shows a baseline")


if __name__ == "__main__":
    main()
