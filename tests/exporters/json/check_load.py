"""Checks plan.json's workload and burnup against the rest of the file.

usage: check_load.py PLAN.json...
- workload: one entry per person and ISO week; planned_hours is the sum of the
  blocks that person works that week (tasks[].blocks); capacity_hours is the
  person's working time that week, worked out here from assignees[] (workdays,
  hours per day cut at midnight, holidays, time off), independently of rplan;
- burnup: one entry per week of the workload; done_hours never falls and
  ends at the hours recorded (tasks[].spent_hours); the last scope is the
  hours recorded plus the hours left (tasks[]); the projected line reaches
  the recorded hours plus the planned work still to come.
Exits non-zero naming each mismatch.
"""
import collections
import datetime
import json
import sys


def iso_week(day):
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def minutes_per_day(person):
    start = int(person["day_start"][:2]) * 60 + int(person["day_start"][3:])
    return min(round(min(person["hours_per_day"], 24) * 60), 24 * 60 - start)


def check(path):
    plan = json.load(open(path, encoding="utf-8"))
    problems = []
    workload = plan["workload"]
    weeks = sorted({e["week"] for e in workload})
    people = [a["name"] for a in plan["assignees"]]
    cells = {(e["person"], e["week"]): e for e in workload}
    if len(cells) != len(workload):
        problems.append("a person and week appear twice")
    planned = collections.Counter()
    for t in plan["tasks"]:
        for b in t["blocks"]:
            who = b.get("assignee") or t["assignee"]
            day = datetime.date.fromisoformat(b["date"])
            planned[(who, iso_week(day))] += b["hours"]
    for key, hours in planned.items():
        got = cells.get(key, {}).get("planned_hours")
        if got is None or abs(got - hours) > 1e-6:
            problems.append(f"planned hours of {key}: {got} in workload, {hours} in blocks")
    for e in workload:
        if abs(e["planned_hours"] - planned.get((e["person"], e["week"]), 0)) > 1e-6:
            problems.append(f"planned hours of {e['person']} {e['week']} without blocks")
    holidays = {datetime.date.fromisoformat(h["date"]) for h in plan["holidays"]}
    first = min(datetime.date.fromisocalendar(int(w[:4]), int(w[6:]), 1) for w in weeks)
    last = max(datetime.date.fromisocalendar(int(w[:4]), int(w[6:]), 7) for w in weeks)
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    for a in plan["assignees"]:
        off = [(datetime.date.fromisoformat(o["from"]), datetime.date.fromisoformat(o["to"]))
               for o in a["time_off"]]
        capacity = collections.Counter()
        day = first
        while day <= last:
            works = (names[day.weekday()] in a["workdays"] and day not in holidays
                     and not any(f <= day <= t for f, t in off))
            if works:
                capacity[iso_week(day)] += minutes_per_day(a) / 60
            day += datetime.timedelta(days=1)
        for w in weeks:
            got = cells.get((a["name"], w), {}).get("capacity_hours")
            if got is None or abs(got - capacity[w]) > 1e-6:
                problems.append(f"capacity of {a['name']} {w}: {got}, expected {capacity[w]}")
    for name in people:
        for w in weeks:
            if (name, w) not in cells:
                problems.append(f"no workload entry for {name} {w}")
    burnup = plan["burnup"]
    if [b["week"] for b in burnup] != weeks:
        problems.append("burnup weeks differ from the workload's")
    done = [b["done_hours"] for b in burnup]
    if any(b > a + 1e-9 for a, b in zip(done[1:], done[:-1])):
        problems.append("done hours fall")
    spent = sum(t["spent_hours"] for t in plan["tasks"])
    left = sum(t["remaining_hours"] for t in plan["tasks"])
    if burnup and abs(done[-1] - spent) > 1e-6:
        problems.append(f"done hours end at {done[-1]}, {spent} recorded")
    if burnup and abs(burnup[-1]["scope_hours"] - (spent + left)) > 1e-6:
        problems.append(f"scope ends at {burnup[-1]['scope_hours']}, tasks hold {spent + left}")
    for p in problems:
        print(f"{path}: {p}")
    if not problems:
        print(f"{path}: workload ({len(workload)} entries) and burnup ({len(burnup)} weeks) agree")
    return not problems


if __name__ == "__main__":
    sys.exit(0 if all([check(p) for p in sys.argv[1:]]) else 1)
