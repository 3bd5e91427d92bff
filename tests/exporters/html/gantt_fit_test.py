#!/usr/bin/python3
"""The report's Gantt chart on a laptop screen (issue 17), in headless chromium.

For a short plan (the bundled example, two weeks) and a long one (the same
topics four times over with one person, so it scrolls), at windows 1400 and
1000 px wide, a copy of report.html measures the rendered chart with a script
(the copy drops the page's Content-Security-Policy so that the script may run;
the report itself has no script) and the test fails when:
  - a text of the chart (an assignee's name, a month, "today", a day) lies
    outside its SVG, or outside the page's width (clipped at the right edge);
  - a short plan scrolls sideways at 1400 px (its days should widen to fit);
  - the task column does not stay in view when a long plan is scrolled right.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import browser_test  # noqa: E402  (chromium_binary, run_chromium, fail)

TIMEOUT = 120

MEASURE = """
<script>
window.addEventListener('load', () => {
  const problems = [];
  const page = document.documentElement.clientWidth;
  const charts = document.querySelectorAll('svg.chart.gantt');
  charts.forEach((svg, n) => {
    const box = svg.getBoundingClientRect();
    svg.querySelectorAll('text').forEach(t => {
      const r = t.getBoundingClientRect();
      if (r.width === 0) return;
      const label = (t.textContent || '').slice(0, 40);
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) {
        problems.push('chart ' + n + ': "' + label + '" at ' + r.left.toFixed(1) + '..' +
                      r.right.toFixed(1) + ' outside the chart ' + box.left.toFixed(1) + '..' +
                      box.right.toFixed(1));
      }
    });
  });
  const scroll = document.querySelector('.scroll.wide');
  const result = {
    problems: problems,
    charts: charts.length,
    texts: document.querySelectorAll('svg.chart.gantt text').length,
    page: page,
    overflow: scroll ? scroll.scrollWidth - scroll.clientWidth : -1,
  };
  // Scrolled to the far right, the task column stays at the left edge of the box.
  if (scroll) {
    scroll.scrollLeft = scroll.scrollWidth;
    const labels = scroll.querySelector('.labels');
    const at = labels.getBoundingClientRect().left - scroll.getBoundingClientRect().left;
    result.labels_left_after_scroll = at;
  }
  const out = document.createElement('pre');
  out.id = 'gantt-fit';
  out.textContent = JSON.stringify(result);
  document.body.appendChild(out);
});
</script>
"""


def run_plan(rplan, work, name, topics, team, start):
    out = os.path.join(work, name)
    run = subprocess.run([rplan, "run", *topics, "--team", team, "--start", start, "--out", out],
                         capture_output=True, text=True, timeout=TIMEOUT)
    if run.returncode != 0:
        browser_test.fail("rplan run exited with %d: %s" % (run.returncode, run.stderr))
    with open(os.path.join(out, "report.html"), encoding="utf-8") as f:
        report = f.read()
    report = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", report, flags=re.I)
    measured = os.path.join(out, "measured.html")
    with open(measured, "w", encoding="utf-8") as f:
        f.write(report.replace("</body>", MEASURE + "</body>"))
    return measured


def measure(chromium, page, width, work):
    dom = browser_test.run_chromium(
        chromium, ["--window-size=%d,900" % width, "--virtual-time-budget=5000", "--dump-dom",
                   "file://" + page], work)
    found = re.search(r'<pre id="gantt-fit">(.*?)</pre>', dom, re.S)
    if not found:
        browser_test.fail("the measuring script left no result at %d px" % width)
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rplan", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    chromium = browser_test.chromium_binary()
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    work = os.path.abspath(args.work)
    examples = os.path.join(args.source, "docs", "examples")
    topics = os.path.join(examples, "research-topics.md")
    short = run_plan(args.rplan, work, "short", [topics], os.path.join(examples, "team.csv"),
                     "2026-12-07")
    # One person with a long name, the topics twelve times over: a plan of about a
    # year, which scrolls in a 1000 px window.
    copies = []
    with open(topics, encoding="utf-8") as f:
        text = f.read()
    for n in range(12):
        path = os.path.join(work, "topics-%d.md" % n)
        with open(path, "w", encoding="utf-8") as f:
            f.write(re.sub(r"^(#+ .*)$", r"\1 (part %d)" % n, text, flags=re.M))
        copies.append(path)
    team = os.path.join(work, "team.csv")
    with open(team, "w", encoding="utf-8") as f:
        f.write("name,timezone\nMargaret Hamilton-Lovelace,Europe/Berlin\n")
    long_page = run_plan(args.rplan, work, "long", copies, team, "2026-12-07")

    failures = []
    for name, page in (("short", short), ("long", long_page)):
        for width in (1400, 1000):
            result = measure(chromium, page, width, work)
            where = "%s plan at %d px" % (name, width)
            if result["charts"] < 1 or result["texts"] < 5:
                failures.append("%s: no chart measured (%s)" % (where, result))
                continue
            failures += ["%s: %s" % (where, p) for p in result["problems"]]
            if name == "short" and width == 1400 and result["overflow"] > 0:
                failures.append("%s: scrolls sideways by %d px" % (where, result["overflow"]))
            if name == "long" and width == 1000 and result["overflow"] <= 0:
                failures.append("%s: expected to scroll sideways" % where)
            if abs(result.get("labels_left_after_scroll", 0)) > 1:
                failures.append("%s: the task column moved %.1f px when scrolled"
                                % (where, result["labels_left_after_scroll"]))
            print("%s: %d texts, overflow %d px" % (where, result["texts"], result["overflow"]))
    if failures:
        browser_test.fail("\n".join(failures))
    print("ok: no label outside its chart at 1400 and 1000 px")


if __name__ == "__main__":
    main()
