#!/usr/bin/python3
"""Load and burn-up end to end: a person pinned to most of the work is the
bottleneck in `plan`'s summary, the workbook (read by openpyxl) and the
report (rendered by headless chromium); the burn-up's done and scope series
equal sums over the recorded work and the tasks, in plan.json, the workbook
and the rendered report.

usage: load_test.py RPLAN
"""
import datetime
import html.parser
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile

import openpyxl

TIMEOUT = 120

DOC = "# Load\n\n" + "".join(
    f"### {n}. Topic {n}\n**Research Prompts**:\n- Research subject {n}a\n"
    f"- Analyze subject {n}b\n- Compare subject {n}c\n\n" for n in range(1, 9))


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


class Rplan:
    def __init__(self, binary, work):
        self.binary, self.work = binary, work

    def __call__(self, *args, epoch="1796630400"):  # Monday 2026-12-07 08:00 UTC
        env = dict(os.environ, SOURCE_DATE_EPOCH=epoch)
        done = subprocess.run([self.binary, "--db", os.path.join(self.work, "rplan.db"), *args],
                              capture_output=True, text=True, env=env, cwd=self.work)
        if done.returncode != 0:
            fail(f"rplan {' '.join(args)} exited {done.returncode}: {done.stderr}")
        return done.stdout


def chromium_dom(path, work):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        fail("chromium is not installed (scripts/install-deps installs it)")
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_CACHE_HOME=os.path.join(work, "cache"))
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
               "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
               "--host-resolver-rules=MAP * ~NOTFOUND", "--dump-dom", "file://" + path]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True, env=env)
    try:
        out, _ = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        fail("chromium did not finish in time")
    if process.returncode != 0:
        fail(f"chromium exited {process.returncode}")
    return out.decode("utf-8", errors="replace")


class HeatScan(html.parser.HTMLParser):
    """The heat map's cells by (person, week) and the burn-up's polylines."""

    def __init__(self):
        super().__init__()
        self.person = None
        self.cells = {}
        self.lines = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "tr" and "data-person" in a:
            self.person = a["data-person"]
        if tag == "td" and "data-week" in a and self.person:
            self.cells[(self.person, a["data-week"])] = (float(a["data-planned"]),
                                                         float(a["data-capacity"]))
        if tag == "polyline" and a.get("class") in ("scope", "done", "planned"):
            self.lines[a["class"]] = [tuple(map(float, p.split(",")))
                                      for p in a["points"].split()]

    def handle_endtag(self, tag):
        if tag == "tr":
            self.person = None


def main():
    binary = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="rplan-load-")
    try:
        run(Rplan(binary, work), work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("load test passed")


def run(rplan, work):
    with open(os.path.join(work, "load.md"), "w", encoding="utf-8") as f:
        f.write(DOC)
    for name in ("Ada", "Bob", "Cy"):
        rplan("team", "add", name)
    rplan("import", "load.md")
    tasks = json.loads(rplan("list", "--format", "json"))["tasks"]
    for t in tasks[:18]:  # 18 of 24 tasks pinned to Ada
        rplan("task", t["id"], "--assignee", "Ada")
    rplan("plan", "--start", "2026-12-07")
    # A week of work recorded, then the plan made again from now.
    later = "1797235200"  # Monday 2026-12-14 08:00 UTC
    rplan("export", "json", "--out", "first.json")
    first = json.load(open(os.path.join(work, "first.json")))
    worked = [t for t in first["tasks"] if t["blocks"] and t["blocks"][0]["date"] <= "2026-12-11"]
    for t in worked[:4]:
        rplan("task", t["id"], "--spent", "3", "--on", t["blocks"][0]["date"], epoch=later)
    rplan("task", worked[0]["id"], "--status", "done", "--on", worked[0]["blocks"][0]["date"],
          epoch=later)
    summary = rplan("plan", epoch=later)

    # Summary: Ada finishes last, alone, and says so.
    lines = {l.split()[0]: l for l in summary.splitlines() if l.startswith("  ")}
    if "(finishes last)" not in lines.get("Ada", ""):
        fail("the summary does not mark Ada as finishing last:\n" + summary)
    if any("(finishes last)" in lines.get(n, "") for n in ("Bob", "Cy")):
        fail("the summary marks someone else:\n" + summary)
    until = {n: lines[n].split("until ")[1][:10] for n in ("Ada", "Bob", "Cy") if "until" in lines[n]}
    if not all(until["Ada"] > until.get(n, "") for n in ("Bob", "Cy")):
        fail("Ada's finish is not after everyone else's: " + str(until))

    rplan("export", "json", "--out", "plan.json", epoch=later)
    rplan("export", "xlsx", "--out", "plan.xlsx", epoch=later)
    rplan("export", "html", "--out", "report.html", epoch=later)
    plan = json.load(open(os.path.join(work, "plan.json")))
    load = {(e["person"], e["week"]): e for e in plan["workload"]}
    weeks = sorted({e["week"] for e in plan["workload"]})

    # JSON: Ada's weeks after the others' last one are full; theirs are empty.
    def week_of(date):
        y, w, _ = datetime.date.fromisoformat(date).isocalendar()
        return f"{y}-W{w:02d}"
    others_last = max(week_of(until[n]) for n in ("Bob", "Cy"))
    late = [w for w in weeks if w > others_last and w < week_of(until["Ada"])]
    if not late:
        fail("no week where only Ada works: " + str(until))
    for w in late:
        if load[("Ada", w)]["planned_hours"] < 0.99 * load[("Ada", w)]["capacity_hours"]:
            fail(f"Ada's week {w} is not full: {load[('Ada', w)]}")
        for n in ("Bob", "Cy"):
            if load[(n, w)]["planned_hours"] != 0 or load[(n, w)]["capacity_hours"] <= 0:
                fail(f"{n}'s week {w} is not empty and available: {load[(n, w)]}")

    # Burn-up: done is the recorded work, the last scope the recorded plus the left.
    spent = sum(t["spent_hours"] for t in plan["tasks"])
    left = sum(t["remaining_hours"] for t in plan["tasks"])
    burnup = plan["burnup"]
    if abs(burnup[-1]["done_hours"] - spent) > 1e-6 or spent != 12:
        fail(f"burn-up done ends at {burnup[-1]['done_hours']}, recorded {spent}")
    if abs(burnup[-1]["scope_hours"] - (spent + left)) > 1e-6:
        fail(f"burn-up scope ends at {burnup[-1]['scope_hours']}, tasks hold {spent + left}")
    if abs(burnup[-1]["planned_done_hours"] - burnup[-1]["scope_hours"]) > 1e-6:
        fail("the projected line does not reach the scope at the finish")

    # Workbook: openpyxl reads the same numbers, the load columns and the heat map.
    book = openpyxl.load_workbook(os.path.join(work, "plan.xlsx"))
    sheet = book["Workload"]
    header = [c.value for c in sheet[1]]
    rows = {r[0]: r for r in sheet.iter_rows(min_row=2, values_only=True) if r[0] in weeks}
    if sorted(rows) != weeks:
        fail(f"the Workload sheet's weeks {sorted(rows)} are not the JSON's {weeks}")
    for name in ("Ada", "Bob", "Cy"):
        planned, cap, share = (header.index(name), header.index(name + " capacity"),
                               header.index(name + " load"))
        for w in weeks:
            e = load[(name, w)]
            if abs((rows[w][planned] or 0) - e["planned_hours"]) > 1e-6 or \
                    abs((rows[w][cap] or 0) - e["capacity_hours"]) > 1e-6:
                fail(f"the workbook's {name} {w} differs from the JSON: {e}")
            if e["capacity_hours"] > 0 and \
                    abs(rows[w][share] - e["planned_hours"] / e["capacity_hours"]) > 1e-6:
                fail(f"the workbook's load of {name} {w} is wrong")
    for w in late:
        if rows[w][header.index("Ada load")] < 0.99 or rows[w][header.index("Bob load")] != 0:
            fail(f"the workbook does not show Ada alone at full load in {w}")
    scales = [r for rng in sheet.conditional_formatting for r in rng.rules if r.type == "colorScale"]
    if not scales:
        fail("the Workload sheet has no colour-scale heat map")
    for col, key in (("Scope", "scope_hours"), ("Done", "done_hours"),
                     ("Projected", "planned_done_hours")):
        got = [rows[w][header.index(col)] for w in weeks]
        if any(abs(a - b[key]) > 1e-6 for a, b in zip(got, burnup)):
            fail(f"the workbook's {col} column differs from the JSON's burnup")

    # Report: chromium renders the heat map with the same numbers and the burn-up.
    scan = HeatScan()
    scan.feed(chromium_dom(os.path.join(work, "report.html"), work))
    for key, e in load.items():
        got = scan.cells.get(key)
        if got is None or abs(got[0] - e["planned_hours"]) > 0.01 or \
                abs(got[1] - e["capacity_hours"]) > 0.01:
            fail(f"the report's heat map cell {key} is {got}, the JSON says {e}")
    for name in ("scope", "done", "planned"):
        if len(scan.lines.get(name, [])) != len(burnup):
            fail(f"the report's burn-up has no {name} line of {len(burnup)} points")


if __name__ == "__main__":
    main()
