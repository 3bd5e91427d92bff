#!/usr/bin/python3
"""Reads back, with openpyxl, the workbook a real `rplan run` writes.

    check_xlsx.py --rplan BUILD/rplan --topics DOC.md --team TEAM.csv [--formulas N]
    check_xlsx.py --rplan BUILD/rplan --generate-topics N --team TEAM.csv
    check_xlsx.py ... --forecast RUNS

Runs `rplan run` into a temporary folder, then `rplan export xlsx --out`, and
checks both workbooks against the plan.json of the same run: the sheets, one
Tasks row per task, real date-times, the status drop-down, the frozen header
and the autofilter, formula-like prompts kept as text, the stacked chart on
the Workload sheet, the document properties, the editable columns (filled,
unlocked, with a note) on a sheet protected without a password, the print
settings, the hidden sheet of the values as exported, and Gantt labels that
stay inside their column; a workbook without a forecast has no Forecast
sheet. With --forecast, `rplan forecast --runs RUNS` then keeps a forecast
with the plan, and the workbook `rplan export xlsx` writes next has a
Forecast sheet whose figures are those of the forecast section of `rplan
export json` (and an S-curve chart over them). Exits non-zero with one line
per failed check.
"""

import argparse
import datetime
import json
import re
import subprocess
import sys
import tempfile
import warnings
import zipfile
from pathlib import Path

warnings.simplefilter("ignore")  # openpyxl warns that it drops data-bar extensions
import openpyxl  # noqa: E402  (Debian's python3-openpyxl)

SHEETS = ["Tasks", "Gantt", "Workload", "Topics", "rplan_sync"]
VISIBLE = SHEETS[:4]
TASK_HEADER = ["ID", "No.", "Topic", "Kind", "Prompt", "Status", "Assignee", "Estimate (h)",
               "Spent (h)", "Remaining (h)", "Start (local)", "Finish (local)", "Slack (h)",
               "Time zone", "Depends on"]
SLACK = TASK_HEADER.index("Slack (h)")
EDITABLE = range(5, 10)  # Status to Remaining (h): the columns sync reads
EDITABLE_FILL = "FFFFF2CC"
SYNC_HEADER = ["ID", "Status", "Assignee", "Estimate (h)", "Spent (h)", "Remaining (h)"]
FORMULA_START = ("=", "+", "-", "@")

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def unescape(text):
    """Decodes OOXML's _xHHHH_ escapes, as Excel does when it reads a cell."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), text)


def local_wall_time(rfc3339):
    """"2026-12-07T09:00:00+01:00" -> datetime(2026, 12, 7, 9, 0): the local time shown."""
    return datetime.datetime.fromisoformat(rfc3339).replace(tzinfo=None)


def same_minute(a, b):
    return isinstance(a, datetime.datetime) and abs((a - b).total_seconds()) < 1


def check_tasks(wb, plan, formulas):
    ws = wb["Tasks"]
    tasks = plan["tasks"]
    n = len(tasks)
    check(ws.max_row == n + 1, f"Tasks: {ws.max_row} rows, expected {n} tasks + 1")
    check([c.value for c in ws[1]] == TASK_HEADER, f"Tasks header: {[c.value for c in ws[1]]}")
    check(all(c.font.b for c in ws[1]), "Tasks header is not bold")
    check(ws.freeze_panes == "A2", f"Tasks frozen at {ws.freeze_panes}, expected A2")
    check(ws.auto_filter.ref == f"A1:O{n + 1}", f"Tasks autofilter {ws.auto_filter.ref}")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    check(len(lists) == 1 and lists[0].formula1 == '"open,in-progress,done"'
          and str(lists[0].sqref) == f"F2:F{n + 1}",
          "Tasks: no status drop-down over F2:F%d" % (n + 1))
    hours = [dv for dv in ws.data_validations.dataValidation if dv.type == "decimal"]
    check(len(hours) == 1 and str(hours[0].sqref) == f"H2:J{n + 1}",
          f"Tasks: no check of the hours over H2:J{n + 1}")
    check(ws.column_dimensions["E"].width >= 50, "Tasks: the prompt column is narrow")
    # Protected against accidental edits, without a password; the editable
    # headers are filled and carry a note saying so.
    check(ws.protection.sheet and not ws.protection.password,
          "Tasks: not protected, or protected with a password")
    for c in EDITABLE:
        head = ws[1][c]
        check(head.fill.fgColor.rgb == "FFFFD966" and head.comment is not None
              and "You can edit" in head.comment.text, f"Tasks: {head.value} is not marked editable")
    check(ws[1][0].comment is not None and "rplan sync" in ws[1][0].comment.text,
          "Tasks: the ID header has no note")

    seen_formulas = 0
    for row, task in zip(ws.iter_rows(min_row=2), tasks):
        tid = task["id"]
        check(row[0].value == tid, f"Tasks: row of {tid} holds {row[0].value}")
        prompt = row[4]
        check(prompt.data_type == "s", f"Tasks: prompt of {tid} is not a string cell")
        check(prompt.alignment.wrap_text, f"Tasks: prompt of {tid} does not wrap")
        check(unescape(prompt.value or "") == task["prompt"],
              f"Tasks: prompt of {tid} reads {prompt.value!r}, not {task['prompt']!r}")
        if task["prompt"].startswith(FORMULA_START):
            seen_formulas += 1
        check(row[5].value == task["status"], f"Tasks: status of {tid} is {row[5].value}")
        check(row[7].value == task["estimate_hours"], f"Tasks: estimate of {tid}")
        check(row[8].value == task["spent_hours"], f"Tasks: hours spent on {tid}")
        for c in EDITABLE:
            check(row[c].fill.fgColor.rgb == EDITABLE_FILL and not row[c].protection.locked,
                  f"Tasks: {row[c].coordinate} is not an editable cell")
        for c in (0, 4, 10):
            check(row[c].protection.locked, f"Tasks: {row[c].coordinate} is not locked")
        # Slack: the JSON export's, a number; none without planned work.
        if task["slack_hours"] is None:
            check(row[SLACK].value is None, f"Tasks: {tid} has slack {row[SLACK].value!r}")
        else:
            check(isinstance(row[SLACK].value, (int, float))
                  and abs(row[SLACK].value - task["slack_hours"]) < 1e-9,
                  f"Tasks: slack of {tid} is {row[SLACK].value!r}, not {task['slack_hours']}")
        if task["start"] is None:
            check(row[10].value is None and row[11].value is None, f"Tasks: {tid} has dates")
            continue
        for cell, key in ((row[10], "start"), (row[11], "finish")):
            check(cell.is_date and cell.data_type == "d"
                  and same_minute(cell.value, local_wall_time(task[key])),
                  f"Tasks: {key} of {tid} is {cell.value!r} ({cell.data_type}), "
                  f"expected the date-time {task[key]}")
        check(row[6].value == (task["pinned_assignee"] or task["assignee"]),
              f"Tasks: assignee of {tid}")
    check(seen_formulas >= formulas,
          f"Tasks: {seen_formulas} formula-like prompts, expected at least {formulas}")


def check_printing(wb):
    for name in VISIBLE:
        ws = wb[name]
        check(ws.page_setup.orientation == "landscape", f"{name}: not printed landscape")
        check(ws.protection.sheet, f"{name}: not protected")
        if name != "Gantt":  # a long Gantt prints at a readable scale instead
            check(ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth in (None, 1)
                  and ws.page_setup.fitToHeight == 0, f"{name}: not fitted to the page width")
        check(ws.print_title_rows is not None, f"{name}: no header rows repeated on each page")


def check_sync_sheet(wb, plan):
    ws = wb["rplan_sync"]
    check(ws.sheet_state == "hidden", f"rplan_sync is {ws.sheet_state}, not hidden")
    check(ws["A1"].value == "rplan-sync" and ws["B1"].value == 1, "rplan_sync: no marker")
    check([c.value for c in ws[2]][:6] == SYNC_HEADER, f"rplan_sync header {[c.value for c in ws[2]]}")
    rows = {r[0]: r for r in ws.iter_rows(min_row=3, values_only=True)}
    check(len(rows) == len(plan["tasks"]), f"rplan_sync: {len(rows)} rows for {len(plan['tasks'])}")
    for task in plan["tasks"]:
        r = rows.get(task["id"])
        if not check(r is not None, f"rplan_sync: no row for {task['id']}"):
            continue
        check(r[1] == task["status"] and (r[2] or None) == (task["pinned_assignee"]
              or task["assignee"]) and r[3] == task["estimate_hours"]
              and r[4] == task["spent_hours"], f"rplan_sync: row of {task['id']} is {r}")


def text_width(text):
    """Excel character units a text of proportional font needs, roughly: wide
    (East Asian, emoji) characters count twice."""
    return sum(2 if ord(ch) >= 0x2E80 else 1 for ch in text) / 1.15


def check_gantt_labels(wb):
    """Text never runs into the next column: a label longer than its column
    is cut with an ellipsis and keeps its whole text in a note."""
    gantt = wb["Gantt"]
    widths = {col: gantt.column_dimensions[col].width for col in "BC"}
    for row in gantt.iter_rows(min_row=1):
        for cell in row[1:3]:
            if not isinstance(cell.value, str) or cell.font.b:
                continue  # a topic heading (bold) may run on over the empty assignee cell
            if row[0].value is None:
                continue  # titles, notes and the legend above the header
            check(text_width(unescape(cell.value)) <= widths[cell.column_letter],
                  f"Gantt: {cell.coordinate} ({cell.value!r}) is wider than its column")
            if cell.value.endswith("\u2026"):
                check(cell.comment is not None and cell.comment.text.startswith(cell.value[:-1]),
                      f"Gantt: {cell.coordinate} is cut without a note of the whole text")


def check_other_sheets(wb, plan):
    tasks = plan["tasks"]
    ids = {t["id"] for t in tasks}
    gantt = wb["Gantt"]
    header = next((r for r in gantt.iter_rows() if r[0].value == "ID"), None)
    if check(header is not None, "Gantt: no header row"):
        check(gantt.freeze_panes == f"D{header[0].row + 1}", f"Gantt frozen at {gantt.freeze_panes}")
    task_rows = [r for r in gantt.iter_rows() if r[0].value in ids]
    if len(tasks) <= 5000:
        check(len(task_rows) == len(tasks), f"Gantt: {len(task_rows)} task rows for {len(tasks)}")
    filled = sum(1 for r in task_rows for c in r[3:] if c.fill.fgColor.rgb not in (None, "00000000"))
    check(filled > 0 or not any(t["blocks"] for t in tasks), "Gantt: no day is filled")

    workload = wb["Workload"]
    total_row = next((r for r in workload.iter_rows() if r[0].value == "Total"), None)
    blocks = sum(b["hours"] for t in tasks for b in t["blocks"] if t["assignee"])
    if check(total_row is not None, "Workload: no Total row"):
        # The Total column's (capacity, load and burn-up columns follow it).
        head = next(r for r in workload.iter_rows() if r[0].value == "Week")
        column = next(c.column for c in head if c.value == "Total")
        total = total_row[column - 1].value
        check(abs(total - blocks) < 0.01, f"Workload: total {total} h, blocks hold {blocks} h")
    weeks = [r for r in workload.iter_rows(min_row=2) if r[0].value != "Total"]
    check(len(weeks) > 0 or not blocks, "Workload: no weeks")
    for r in weeks:
        check(re.fullmatch(r"\d{4}-W\d\d", str(r[0].value)) and r[1].is_date
              and r[1].value.weekday() == 0, f"Workload: week row {[c.value for c in r[:2]]}")

    topics = wb["Topics"]
    check(topics.max_row == len(plan["topics"]) + 2,
          f"Topics: {topics.max_row} rows for {len(plan['topics'])} topics")


def check_package(path, plan, level):
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        check("xl/charts/chart1.xml" in names, "no chart in the workbook")
        if "xl/charts/chart1.xml" in names:
            chart = z.read("xl/charts/chart1.xml").decode()
            check("<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
                  and '<c:grouping val="stacked"/>' in chart, "the chart is not stacked columns")
            people = {t["assignee"] for t in plan["tasks"] if t["assignee"] and t["blocks"]}
            series = chart.count("<c:ser>")
            check(series == min(len(people), 20), f"chart: {series} series for {len(people)} people")
            check("Workload!$" in chart, "the chart does not plot the Workload sheet")
        rels = z.read("xl/worksheets/_rels/sheet3.xml.rels").decode() \
            if "xl/worksheets/_rels/sheet3.xml.rels" in names else ""
        check("drawing" in rels, "the Workload sheet has no drawing")
        for name in names:
            if name.startswith("xl/worksheets/sheet"):
                check("<f>" not in z.read(name).decode(), f"{name} holds a formula")
        # Deflated at the level the build chose (cmake/xlsx_zip_level.cmake):
        # minizip records level 1 as "super fast" (bits 1 and 2 of the flags
        # set), the default level as "normal" (both clear).
        bits = 3 if level == "fastest" else 0
        for info in z.infolist():
            check(info.compress_type == zipfile.ZIP_DEFLATED
                  and (info.flag_bits >> 1) & 3 == bits,
                  f"{info.filename}: method {info.compress_type}, flags {info.flag_bits:#x}, "
                  f"not deflated at the {level} level")


def check_properties(wb, plan):
    p = wb.properties
    check(p.title == plan.get("title"), f"title {p.title!r}, expected {plan.get('title')!r}")
    check(p.creator == "rplan", f"author {p.creator!r}")
    created = datetime.datetime.fromisoformat(plan["generated_at"]).replace(tzinfo=None)
    check(p.created == created, f"created {p.created}, expected the plan's {created}")


def check_workbook(path, plan, formulas, level):
    wb = openpyxl.load_workbook(path)
    check("Forecast" not in wb.sheetnames, f"{path.name}: a Forecast sheet without a forecast")
    if not check(wb.sheetnames == SHEETS, f"{path.name}: sheets {wb.sheetnames}"):
        return
    check_tasks(wb, plan, formulas)
    check_printing(wb)
    check_sync_sheet(wb, plan)
    check_gantt_labels(wb)
    check_other_sheets(wb, plan)
    check_package(path, plan, level)
    check_properties(wb, plan)


def table_after(ws, column, title):
    """The rows under the header row whose cell in `column` (0-based) reads
    `title`, up to the first empty row."""
    rows = list(ws.iter_rows())
    start = next((i for i, r in enumerate(rows) if r[column].value == title), None)
    if not check(start is not None, f"Forecast: no table headed {title!r}"):
        return []
    table = []
    for r in rows[start + 1:]:
        if all(c.value is None for c in r):
            break
        table.append(r)
    return table


def is_date(cell, day):
    """A real date cell (shown as yyyy-mm-dd) holding the ISO date `day`."""
    return (cell.is_date and "yyyy-mm-dd" in cell.number_format
            and cell.value == datetime.datetime.fromisoformat(day))


def same_share(value, share):
    return isinstance(value, (int, float)) and abs(value - share) < 1e-12


def check_forecast_sheet(path, forecast):
    """The Forecast sheet against the JSON export's forecast section."""
    wb = openpyxl.load_workbook(path)
    expected = SHEETS[:4] + ["Forecast"] + SHEETS[4:]
    if not check(wb.sheetnames == expected, f"sheets {wb.sheetnames}, expected {expected}"):
        return
    ws = wb["Forecast"]
    figures = {r[0].value: r[1] for r in ws.iter_rows(max_row=8) if r[0].value}
    check(figures["Runs"].value == forecast["runs"], f"Forecast: runs {figures['Runs'].value}")
    check(figures["Seed"].value == forecast["seed"], f"Forecast: seed {figures['Seed'].value}")
    made = datetime.datetime.fromisoformat(forecast["made_at"]).replace(tzinfo=None)
    check(figures["Made at (UTC)"].is_date and same_minute(figures["Made at (UTC)"].value, made),
          f"Forecast: made at {figures['Made at (UTC)'].value}, expected {made}")

    # The share of runs finished by the end of each day, from the JSON's distribution.
    points = {p["date"]: p for p in forecast["distribution"]}
    runs_by = {}
    days = table_after(ws, 1, "Marks")
    finished = 0
    for r in days:
        day = r[2].value.date().isoformat() if r[2].is_date else None
        finished = points[day]["runs"] if day in points else finished
        runs_by[day] = finished
        check(is_date(r[2], day or "") and r[3].value == finished
              and same_share(r[4].value, finished / forecast["runs"]),
              f"Forecast: day {r[2].value}: {r[3].value} runs, {r[4].value}; expected {finished}")
    if check(len(days) > 1, "Forecast: no days"):
        first = days[0][2].value
        check(runs_by[first.date().isoformat()] == 0, "Forecast: the first day has runs finished")
        check(all(days[i][2].value - first == datetime.timedelta(days=i) for i in range(len(days))),
              "Forecast: the days are not consecutive")
        check(runs_by[days[-1][2].value.date().isoformat()] == forecast["runs"],
              "Forecast: not every run finished by the last day")
    for p in forecast["distribution"]:
        check(p["date"] in runs_by, f"Forecast: no row for {p['date']}")
        check(same_share(p["share"], p["runs"] / forecast["runs"]), f"share of {p['date']}")

    marks = {r[1].value: r for r in table_after(ws, 1, "The plan's finish (its last day of work)")}
    for name, day in (("P50", forecast["plan"]["p50"]), ("P85", forecast["plan"]["p85"]),
                      ("P95", forecast["plan"]["p95"]), ("Planned", forecast["planned"])):
        r = marks.get(name)
        if not check(r is not None, f"Forecast: no {name} row"):
            continue
        check(is_date(r[2], day) and r[3].value == runs_by.get(day)
              and same_share(r[4].value, (runs_by.get(day) or 0) / forecast["runs"]),
              f"Forecast: {name} {r[2].value} ({r[3].value} runs), expected {day}")

    def percentiles(rows, key, items, name):
        got = [(r[key].value, r[2], r[3], r[4]) for r in rows]
        check(len(got) == len(items), f"Forecast: {len(got)} {name}, expected {len(items)}")
        for (who, p50, p85, p95), item in zip(got, items):
            who_expected = item["id"] if "id" in item else item["name"]
            check(who == who_expected and is_date(p50, item["p50"]) and is_date(p85, item["p85"])
                  and is_date(p95, item["p95"]),
                  f"Forecast: {name} {who}: {p50.value} {p85.value} {p95.value}, expected {item}")

    if forecast["topics"]:
        percentiles(table_after(ws, 1, "Topic"), 0, forecast["topics"], "topics")
    if forecast["people"]:
        percentiles(table_after(ws, 1, "Person"), 1, forecast["people"], "people")

    # Every task ever on the critical chain, most often first (ties in the JSON's order).
    critical = sorted((t for t in forecast["tasks"] if t["critical_share"] > 0),
                      key=lambda t: -t["critical_share"])
    listed = [r for r in table_after(ws, 1, "On the critical chain") if r[0].value]
    check([r[0].value for r in listed] == [t["id"] for t in critical],
          f"Forecast: critical tasks {[r[0].value for r in listed]}, expected "
          f"{[t['id'] for t in critical]}")
    for r, t in zip(listed, critical):
        check(same_share(r[2].value, t["critical_share"]) and r[2].number_format == "0.0%",
              f"Forecast: {t['id']} on the chain {r[2].value}, expected {t['critical_share']}")

    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
        scatter = [c for c in charts if "<c:scatterChart>" in c]
        if check(len(scatter) == 1, f"Forecast: {len(scatter)} scatter charts"):
            chart = scatter[0]
            check(chart.count("<c:ser>") == 5 and chart.count("<c:errBars>") == 4
                  and "Forecast!$" in chart,
                  "Forecast: the chart is not the curve and four marks on the Forecast sheet")


def generated_document(topics):
    """N topics of three prompts each: enough rows that the writer's rows
    travel in many batches between its two threads."""
    areas = ["caching", "queues", "search", "auth", "billing", "metrics", "storage"]
    lines = ["# Generated topics", ""]
    for i in range(1, topics + 1):
        area = areas[i % len(areas)]
        lines += [f"### {i}. {area.title()} study {i}", "",
                  f"**Research Focus**: {area} at scale, part {i}", "",
                  "**Research Prompts**:",
                  f"- Research {area} option {i} for high-traffic services",
                  f"- Compare {area} designs {i}, including cost, latency, and risk",
                  f"- Document the {area} decision {i} for the team", ""]
    return "\n".join(lines)


def run(cmd, cwd):
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({result.returncode}):\n{result.stderr}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rplan", required=True)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--topics")
    source.add_argument("--generate-topics", type=int,
                        help="write a document of this many topics and use it")
    parser.add_argument("--team", required=True)
    parser.add_argument("--formulas", type=int, default=0,
                        help="formula-like prompts the document must have")
    parser.add_argument("--level", choices=("fastest", "default"), required=True,
                        help="the deflate level this build writes workbooks at")
    parser.add_argument("--forecast", type=int, default=0,
                        help="then keep a forecast of this many runs and check its sheet")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rplan-xlsx-") as tmp:
        out = Path(tmp)
        topics = args.topics
        if args.generate_topics:
            topics = out / "generated.md"
            topics.write_text(generated_document(args.generate_topics), encoding="utf-8")
        run([args.rplan, "run", topics, "--team", args.team, "--start", "2026-12-07",
             "--out", out], cwd=out)
        run([args.rplan, "--db", out / "rplan.db", "export", "xlsx", "--out",
             out / "export.xlsx"], cwd=out)
        plan = json.loads((out / "plan.json").read_text(encoding="utf-8"))
        for name in ("plan.xlsx", "export.xlsx"):
            before = len(failures)
            check_workbook(out / name, plan, args.formulas, args.level)
            failures[before:] = [f"{name}: {f}" for f in failures[before:]]
        if args.forecast:
            result = subprocess.run([args.rplan, "--db", out / "rplan.db", "forecast", "--runs",
                                     str(args.forecast), "--seed", "7"], cwd=out,
                                    capture_output=True, text=True)
            if result.returncode != 0 or "kept with the plan" not in result.stderr:
                sys.exit(f"rplan forecast did not keep a forecast: {result.stderr}")
            run([args.rplan, "--db", out / "rplan.db", "export", "xlsx", "--out",
                 out / "forecast.xlsx"], cwd=out)
            run([args.rplan, "--db", out / "rplan.db", "export", "json", "--out",
                 out / "forecast.json"], cwd=out)
            forecast = json.loads((out / "forecast.json").read_text(encoding="utf-8"))["forecast"]
            before = len(failures)
            check_forecast_sheet(out / "forecast.xlsx", forecast)
            failures[before:] = [f"forecast.xlsx: {f}" for f in failures[before:]]
    for f in failures:
        print(f"FAIL: {f}")
    print(f"{len(failures)} failed checks" if failures else "all checks passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
