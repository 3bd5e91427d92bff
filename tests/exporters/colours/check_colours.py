#!/usr/bin/python3
"""Checks that the HTML report and the workbook give each person one colour.

    check_colours.py --rplan BUILD/rplan --topics DOC.md --team TEAM.csv

docs/file-formats.md promises one palette: a person's colour is the same in
every export. Runs `rplan run` into a temporary folder, then removes the
team's second person (whose tasks keep them in the plan until it is made
again) and exports the report and the workbook once more. For both pairs of
files it reads what each writer really emitted:
  - report.html: the legend (name -> CSS class), the CSS (class -> colour) and
    every task bar (data-task -> class, checked against plan.json's assignee);
  - plan.xlsx, with openpyxl: the Gantt sheet's legend (name -> fill) and the
    fill of every worked day of every task row (checked against its assignee);
and requires the two name -> colour mappings to be equal and to cover every
person with work. Exits non-zero with one line per failed check.
"""

import argparse
import html.parser
import json
import os
import re
import subprocess
import sys
import tempfile
import warnings

warnings.simplefilter("ignore")  # openpyxl warns that it drops data-bar extensions
import openpyxl  # noqa: E402  (Debian's python3-openpyxl)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def rplan(binary, *args):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1796083200", TZ="UTC")
    subprocess.run([binary, *args], check=True, stdout=subprocess.DEVNULL, env=env)


class ReportReader(html.parser.HTMLParser):
    """Collects the legend (name -> class) and the task bars (id -> class)."""

    def __init__(self):
        super().__init__()
        self.legend = {}
        self.bars = {}
        self.in_legend = False
        self.swatch = None
        self.style = ""
        self.in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "ul" and "legend" in classes:
            self.in_legend = True
        elif tag == "span" and self.in_legend and "sw" in classes:
            self.swatch = next(c for c in classes if c != "sw")
        elif tag == "g" and "task" in classes and "data-task" in attrs:
            colour = [c for c in classes if re.fullmatch(r"c\d+|cx", c)]
            if colour:
                self.bars[attrs["data-task"]] = colour[0]
        elif tag == "style":
            self.in_style = True

    def handle_endtag(self, tag):
        if tag == "ul":
            self.in_legend = False
        elif tag == "style":
            self.in_style = False

    def handle_data(self, data):
        if self.in_style:
            self.style += data
        elif self.swatch is not None:
            self.legend[data] = self.swatch
            self.swatch = None


def report_colours(path, assignee_of, label):
    """name -> "RRGGBB" as the report draws them."""
    reader = ReportReader()
    with open(path, encoding="utf-8") as f:
        reader.feed(f.read())
    css = {m.group(1): m.group(2).upper()
           for m in re.finditer(r"\.(c\d+)\{fill:#([0-9a-fA-F]{6});", reader.style)}
    colours = {}
    for name, cls in reader.legend.items():
        if check(cls in css, "%s: the legend's class %s of %s has no colour" % (label, cls, name)):
            colours[name] = css[cls]
    for task, cls in reader.bars.items():
        who = assignee_of.get(task)
        if who:
            check(reader.legend.get(who) == cls,
                  "%s: task %s of %s is drawn as %s, the legend says %s"
                  % (label, task, who, cls, reader.legend.get(who)))
    return colours


def fill_of(cell):
    rgb = cell.fill.fgColor.rgb if cell.fill is not None else None
    if not isinstance(rgb, str) or rgb in ("00000000",):
        return None
    return rgb[-6:].upper()


def workbook_colours(path, assignee_of, label):
    """name -> "RRGGBB" as the workbook fills them."""
    ws = openpyxl.load_workbook(path)["Gantt"]
    rows = list(ws.iter_rows())
    header = next(i for i, r in enumerate(rows) if r[0].value == "ID")
    colours = {}
    for row in rows[2:header]:  # the legend, above the header
        for cell in row[3:]:
            if isinstance(cell.value, str) and fill_of(cell) and cell.value not in (
                    "Weekend", "Holiday", "Topic span"):
                colours[cell.value] = fill_of(cell)
    for row in rows[header + 1:]:
        task, who = row[0].value, row[2].value
        if task not in assignee_of or not who:
            continue  # a topic's row
        for cell in row[3:]:
            fill = fill_of(cell)
            if fill is not None:
                check(colours.get(who) == fill,
                      "%s: a day of task %s of %s is filled %s, the legend says %s"
                      % (label, task, who, fill, colours.get(who)))
    return colours


def compare(folder, report, workbook, label):
    with open(os.path.join(folder, "plan.json"), encoding="utf-8") as f:
        plan = json.load(f)
    assignee_of = {t["id"]: t["assignee"] for t in plan["tasks"] if t.get("assignee")}
    people = set(assignee_of.values())
    in_report = report_colours(report, assignee_of, label + ", the report")
    in_workbook = workbook_colours(workbook, assignee_of, label + ", the workbook")
    check(people <= set(in_report), "%s: people with work missing from the report's legend: %s"
          % (label, sorted(people - set(in_report))))
    check(people <= set(in_workbook), "%s: people with work missing from the workbook's legend: %s"
          % (label, sorted(people - set(in_workbook))))
    for name in sorted(people):
        check(in_report.get(name) == in_workbook.get(name),
              "%s: %s is #%s in the report but #%s in the workbook"
              % (label, name, in_report.get(name), in_workbook.get(name)))
    return people


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rplan", required=True)
    parser.add_argument("--topics", required=True)
    parser.add_argument("--team", required=True)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rplan-colours-") as work:
        out = os.path.join(work, "run")
        rplan(args.rplan, "run", args.topics, "--team", args.team, "--start", "2026-12-07",
              "--out", out)
        people = compare(out, os.path.join(out, "report.html"), os.path.join(out, "plan.xlsx"),
                         "run")
        check(len(people) >= 4, "the run gave work to %d people, not at least 4" % len(people))

        # Someone leaves: the plan still shows their tasks until it is made again.
        db = os.path.join(out, "rplan.db")
        with open(args.team, encoding="utf-8") as f:
            second = f.read().splitlines()[2].split(",")[0]
        rplan(args.rplan, "--db", db, "team", "remove", second)
        report = os.path.join(work, "after.html")
        workbook = os.path.join(work, "after.xlsx")
        rplan(args.rplan, "--db", db, "export", "html", "--out", report)
        rplan(args.rplan, "--db", db, "export", "xlsx", "--out", workbook)
        rplan(args.rplan, "--db", db, "export", "json", "--out", os.path.join(out, "plan.json"))
        people = compare(out, report, workbook, "after %s left" % second)
        check(second in people, "%s has no work left in the plan after leaving" % second)
    for failure in failures:
        print("FAIL: " + failure, file=sys.stderr)
    if not failures:
        print("ok: the report and the workbook give each of %d people the same colour" %
              len(people))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
