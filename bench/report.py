#!/usr/bin/env python3
"""Turns scripts/bench's raw measurements into the results table (Markdown
whose columns are padded, so it reads on a terminal as it is).

usage: report.py DATA_DIR   (reads meta.txt, stages.tsv and tj3.tsv there)

stages.tsv: size people stage who rep wall user sys rss_kb   (who: rplan | floor)
tj3.tsv:    size people seed tool rep wall user sys rss_kb finish bound  (tool: rplan | tj3)
"""

import statistics
from datetime import date
import sys
from collections import defaultdict
from pathlib import Path

STAGES = ["import", "team", "plan", "replan", "json_baseline", "xlsx_baseline", "diff", "json",
          "ics", "md", "html", "xlsx", "csv", "run"]
LABELS = {"import": "import", "team": "team import", "plan": "plan",
          "replan": "re-plan from now", "json": "export json",
          "json_baseline": "export json --baseline previous",
          "xlsx_baseline": "export xlsx --baseline previous", "diff": "diff (json)",
          "ics": "export ics", "md": "export md", "html": "export html", "xlsx": "export xlsx",
          "csv": "export csv", "run": "run (end to end)"}
TARGET_RUN_SECONDS = 10.0
TARGET_RSS_MIB = 500.0
TARGET_FLOOR_RATIO = 2.0
TARGET_GROWTH_SLACK = 1.25  # growth within 25% of the size ratio counts as linear,
FLOOR_GROWTH_SLACK = 1.1    # and so does growth within 10% of the floor's own: the
                            # least work, linear by construction, on the same machine
MIN_FLOOR_SECONDS = 0.1  # shorter floors are mostly process start-up: no verdict


def table(header, rows, align):
    """A Markdown table with padded columns; align is a string of 'l'/'r'."""
    cells = [header] + rows
    widths = [max(len(r[i]) for r in cells) for i in range(len(header))]

    def line(r):
        return "| " + " | ".join(c.ljust(w) if a == "l" else c.rjust(w)
                                 for c, w, a in zip(r, widths, align)) + " |"

    rule = "|" + "|".join(("-" * (w + 1) + ":") if a == "r" else ("-" * (w + 2))
                          for w, a in zip(widths, align)) + "|"
    return "\n".join([line(header), rule] + [line(r) for r in rows])


def read_tsv(path):
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text().splitlines() if line.strip()]


def medians(rows):
    """{(size, stage, who): (wall, cpu, rss_mib, n)} from stages.tsv rows."""
    groups = defaultdict(list)
    for size, _people, stage, who, _rep, wall, user, sys_, rss in rows:
        groups[(int(size), stage, who)].append((float(wall), float(user) + float(sys_),
                                                int(rss) / 1024))
    return {k: (statistics.median(v[0] for v in vs), statistics.median(v[1] for v in vs),
                statistics.median(v[2] for v in vs), len(vs)) for k, vs in groups.items()}


def fmt(x, digits=2):
    return "–" if x is None else f"{x:.{digits}f}"


def times(x):
    return "–" if x is None else f"{x:.1f}×"


def ratio(a, b):
    return None if a is None or b is None or b <= 0 else a / b


def size_table(size, people, m, verdicts):
    """Each stage against its floor. Judged on CPU time, which other work on
    the machine hardly changes (wall time is shown too)."""
    rows = []
    for stage in STAGES:
        r = m.get((size, stage, "rplan"))
        if r is None:
            continue
        # A re-plan (a third of the tasks done, a third in progress) is held
        # to the plan's bar: the plan floor; the JSON export with a baseline
        # and the diff (which reads the project and the baseline, and writes
        # one line per changed task) to the JSON export's, the workbook with
        # a baseline (its columns and Changes sheet) to the workbook's.
        floor_of = {"replan": "plan", "json_baseline": "json", "xlsx_baseline": "xlsx",
                    "diff": "json"}
        f = m.get((size, floor_of.get(stage, stage), "floor"))
        wall_ratio = ratio(r[0], f[0]) if f else None
        cpu_ratio = ratio(r[1], f[1]) if f else None
        mark = ""
        if f is not None:
            if f[1] < MIN_FLOOR_SECONDS or cpu_ratio is None:
                mark = "too short"
            else:
                ok = cpu_ratio <= TARGET_FLOOR_RATIO
                mark = "ok" if ok else "over 2×"
                verdicts.append((size, f"{LABELS[stage]} within 2× of its floor (cpu)", ok,
                                 f"{cpu_ratio:.2f}×"))
        rows.append([LABELS[stage], fmt(r[0]), fmt(r[1]), fmt(r[2], 0),
                     fmt(f[0]) if f else "–", fmt(f[1]) if f else "–",
                     fmt(f[2], 0) if f else "–",
                     times(wall_ratio), times(cpu_ratio), mark])
    header = ["stage", "wall s", "cpu s", "peak MiB", "floor wall s", "floor cpu s",
              "floor MiB", "× floor (wall)", "× floor (cpu)", "2× target"]
    return (f"### {size:,} tasks, {people:,} people\n\n"
            + table(header, rows, "lrrrrrrrrl"))


def growth_table(sizes, m, verdicts):
    """Growth between the two largest sizes, judged on CPU time. Linear work
    itself grows faster than the data once the data outgrows the CPU caches
    and SQLite's B-trees gain a level; the floor's growth measures that, so a
    stage that grows no faster than its floor adds nothing superlinear."""
    lo, hi = sizes[-2], sizes[-1]
    factor = hi / lo
    rows = []
    for stage in STAGES:
        a, b = m.get((lo, stage, "rplan")), m.get((hi, stage, "rplan"))
        if not a or not b:
            continue
        fa, fb = m.get((lo, stage, "floor")), m.get((hi, stage, "floor"))
        wall, cpu = ratio(b[0], a[0]), ratio(b[1], a[1])
        floor_cpu = ratio(fb[1], fa[1]) if fa and fb and fa[1] >= 0.05 else None
        linear = cpu is not None and cpu <= factor * TARGET_GROWTH_SLACK
        as_floor = (cpu is not None and floor_cpu is not None
                    and cpu <= floor_cpu * FLOOR_GROWTH_SLACK)
        ok = linear or as_floor
        if b[1] < MIN_FLOOR_SECONDS or cpu is None:
            mark = "too short"
        else:
            mark = ("ok" if linear else "as its floor") if ok else "superlinear"
            verdicts.append((hi, f"{LABELS[stage]} grows close to linearly (cpu)", ok,
                             f"{cpu:.1f}× for {factor:.3g}× the tasks (floor {times(floor_cpu)})"))
        rows.append([LABELS[stage], fmt(a[1]), fmt(b[1]), times(cpu), times(wall),
                     times(floor_cpu), times(ratio(cpu, floor_cpu)), mark])
    header = ["stage", f"cpu s at {lo:,}", f"cpu s at {hi:,}", "growth (cpu)", "growth (wall)",
              "floor growth (cpu)", "÷ floor growth",
              f"≤ {factor * TARGET_GROWTH_SLACK:.3g}× or ≤ {FLOOR_GROWTH_SLACK:g}× floor's"]
    return (f"### Growth from {lo:,} to {hi:,} tasks (linear = {factor:.3g}×)\n\n"
            + table(header, rows, "lrrrrrrl"))


def days_after(finish, bound):
    """Calendar days from the lower bound to a finish date ("+0 d" on it), "?" if unknown."""
    try:
        return f"+{(date.fromisoformat(finish) - date.fromisoformat(bound)).days} d"
    except ValueError:
        return "?"


def tj3_table(rows, verdicts):
    """The like-for-like table, one row per workload (tasks, people, seed), and
    the verdicts: rplan no later than tj3, and on the lower bound where tj3 is."""
    groups = defaultdict(list)
    finish, bounds = {}, {}
    for size, people, seed, tool, _rep, _wall, user, sys_, rss, end, bound in rows:
        key = (int(size), int(people), int(seed))
        groups[key + (tool,)].append((float(user) + float(sys_), int(rss) / 1024))
        finish[key + (tool,)] = end
        bounds[key] = bound
    out = []
    later, off_bound, tj_on_bound = 0, 0, 0
    for key in sorted({k[:3] for k in groups}):
        r, t = groups.get(key + ("rplan",)), groups.get(key + ("tj3",))
        if not r or not t:
            continue
        rc, tc = statistics.median(x[0] for x in r), statistics.median(x[0] for x in t)
        rf, tf, lb = finish[key + ("rplan",)], finish[key + ("tj3",)], bounds[key]
        later += rf > tf
        tj_on_bound += tf == lb
        off_bound += tf == lb and rf != lb
        out.append([f"{key[0]:,}", f"{key[1]:,}", str(key[2]), fmt(rc), fmt(tc),
                    fmt(statistics.median(x[1] for x in r), 0),
                    fmt(statistics.median(x[1] for x in t), 0),
                    f"{ratio(tc, rc):.0f}×" if ratio(tc, rc) else "–", lb, rf, tf,
                    days_after(rf, lb), days_after(tf, lb), f"{len(r)}/{len(t)}"])
    if not out:
        return None
    verdicts.append((0, "plan finishes no later than tj3 (like for like)", later == 0,
                     f"later on {later} of {len(out)} workloads"))
    verdicts.append((0, "plan on the lower bound where tj3 is", off_bound == 0,
                     f"tj3 on it in {tj_on_bound} of {len(out)}; rplan missed {off_bound}"))
    header = ["tasks", "people", "seed", "rplan plan cpu s", "tj3 cpu s", "rplan MiB", "tj3 MiB",
              "tj3 / rplan", "lower bound", "rplan finish", "tj3 finish", "rplan over",
              "tj3 over", "runs"]
    return table(header, out, "rrrrrrrrlllrrr")


def main():
    data = Path(sys.argv[1])
    meta = (data / "meta.txt").read_text().strip() if (data / "meta.txt").exists() else ""
    rows = read_tsv(data / "stages.tsv")
    m = medians(rows)
    people = {int(r[0]): int(r[1]) for r in rows}
    sizes = sorted(people)
    reps = max((v[3] for v in m.values()), default=0)
    verdicts = []
    parts = ["# rplan benchmark results", "", meta, "",
             f"Median of {reps} runs per stage; wall and CPU (user + system) time in seconds, "
             "peak resident set size in MiB (CPU and RSS from /usr/bin/time -v). Each floor is "
             "one single-threaded process (docs/performance.md). Ratios and growth are judged "
             "on CPU time, which other work on a shared machine hardly changes; the 10 s "
             "target on wall time.", ""]
    for size in sizes:
        parts += [size_table(size, people[size], m, verdicts), ""]
    if len(sizes) >= 2:
        parts += [growth_table(sizes, m, verdicts), ""]
    tj = tj3_table(read_tsv(data / "tj3.tsv"), verdicts)
    parts += ["### TaskJuggler (tj3) on the same workload", ""]
    if tj:
        parts += ["rplan `plan` (load, schedule, save) against `tj3` scheduling the same tasks, "
                  "efforts (rplan's estimates), dependencies and an equal team (8 hours, Monday "
                  "to Friday, 09:00 UTC, global holidays); CPU time (user + system). The lower "
                  "bound (`rplan-tjp`): the first day by which the team's working time covers "
                  "the work and one person's the longest chain; \"over\": calendar days after "
                  "it.", "", tj, ""]
    else:
        note = (data / "tj3-note.txt")
        parts += [note.read_text().strip() if note.exists() else "Not run.", ""]
    if sizes:
        big = sizes[-1]
        run = m.get((big, "run", "rplan"))
        if run:
            verdicts.insert(0, (big, f"run under {TARGET_RUN_SECONDS:g} s (wall)",
                                run[0] < TARGET_RUN_SECONDS, f"{run[0]:.2f} s"))
            verdicts.insert(1, (big, f"run under {TARGET_RSS_MIB:g} MiB peak",
                                run[2] < TARGET_RSS_MIB, f"{run[2]:.0f} MiB"))
        stage_rss = [(s, m[(big, s, "rplan")][2]) for s in STAGES if (big, s, "rplan") in m]
        if stage_rss:
            worst = max(stage_rss, key=lambda x: x[1])
            verdicts.insert(2, (big, f"every stage under {TARGET_RSS_MIB:g} MiB peak",
                                worst[1] < TARGET_RSS_MIB,
                                f"largest: {LABELS[worst[0]]} {worst[1]:.0f} MiB"))
        shown = [v for v in verdicts if v[0] in (big, 0)]
        rows_ = [[text, "met" if ok else "MISSED", value] for _, text, ok, value in shown]
        parts += [f"### Targets at {big:,} tasks", "",
                  table(["target", "result", "measured"], rows_, "lll"), ""]
    print("\n".join(parts))


if __name__ == "__main__":
    main()
