#!/usr/bin/python3
"""Renders the HTML report of a real `rplan run` in Debian's headless chromium.

Checks, each a failure when it does not hold (chromium missing included):
  - the rendered DOM has one element with data-task per task of plan.json,
    no <script> element, and the hostile prompt as text;
  - chromium's net log shows no request from the page to anything but the file
    (proven able to see one by a control page that does load from the network);
  - a screenshot is a 1400x1800 PNG with bars in the assignees' colours.
Every chromium run has a fresh profile, no network (host resolver maps every
name to nothing) and a timeout; the process group is killed on timeout.
"""

import argparse
import html
import html.parser
import json
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import zlib

TIMEOUT = 120
PALETTE = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"]  # first colours, exporters/plan_view.hpp

# Markup in code spans and after a backslash reaches the prompts as text.
HOSTILE_DOC = """# Hostile `<b>plan</b>`

### 1. Escaping `<script>alert("topic")</script>`
**Research Focus**: what a browser does with `<img src=x onerror=alert(1)>`
**Research Prompts**:
- Research `<script>document.title='pwned'</script>` injection & escaping
- Analyze "quotes" and 'apostrophes' in \\<svg onload=alert(2)> attributes
- Document the `<style>body{display:none}</style>` outcome
"""


def fail(message):
    print("FAIL: " + message, file=sys.stderr)
    sys.exit(1)


def chromium_binary():
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    fail("chromium is not installed; scripts/install-deps installs it (apt-get install chromium)")


def run_chromium(chromium, args, work):
    profile = tempfile.mkdtemp(prefix="profile-", dir=work)
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile,
               "--host-resolver-rules=MAP * ~NOTFOUND"] + args
    # Nothing of the user's: a home and caches inside the work folder.
    env = dict(os.environ, HOME=work, XDG_CONFIG_HOME=os.path.join(work, "config"),
               XDG_CACHE_HOME=os.path.join(work, "cache"))
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True, env=env)
    try:
        out, err = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        fail("chromium did not finish within %d s: %s" % (TIMEOUT, " ".join(args)))
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if process.returncode != 0:
        fail("chromium exited with %d: %s"
             % (process.returncode, err.decode(errors="replace")[-2000:]))
    return out.decode("utf-8", errors="replace")


def page_requests(net_log_path):
    """URLs the page asked the network for: requests started on behalf of a
    document (an initiator origin), not the browser's own housekeeping."""
    with open(net_log_path, encoding="utf-8") as f:
        log = json.load(f)
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log["events"]:
        if names.get(event["type"]) != "URL_REQUEST_START_JOB":
            continue
        params = event.get("params", {})
        url = params.get("url", "")
        if url.startswith(("file:", "data:", "about:", "chrome:")):
            continue
        if params.get("initiator", "not an origin") != "not an origin" or \
                "file://" in params.get("network_isolation_key", ""):
            urls.append(url)
    return urls


class DomScan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.tasks = []
        self.tags = {}
        self.fetching = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        for name, value in attrs:
            if name == "data-task":
                self.tasks.append(value)
            external_link = name in ("href", "xlink:href") and not (value or "").startswith("#")
            if name in ("src", "srcset") or external_link:
                self.fetching.append((tag, name, value))


def png_size_and_colours(path):
    """(width, height, {(r,g,b): count}) of an 8-bit RGB/RGBA, non-interlaced PNG."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        fail(path + " is not a PNG")
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", chunk)
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = header
    if depth != 8 or colour not in (2, 6) or interlace:
        return width, height, None
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    previous = bytearray(stride)
    colours = {}
    at = 0
    for _ in range(height):
        kind = raw[at]
        line = bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + b) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((a + b) >> 1)) & 0xFF
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                line[i] = (line[i] + pred) & 0xFF
        for i in range(0, stride, bpp):
            key = (line[i], line[i + 1], line[i + 2])
            colours[key] = colours.get(key, 0) + 1
        previous = line
    return width, height, colours


# Appended to a copy of the report: writes what the browser drew of each
# task's bar (the stroke of its rects, its data-slack-hours) into the DOM.
PROBE = """<pre id="probe"></pre><script>
const bars = {};
for (const g of document.querySelectorAll("g.task[data-task]")) {
  const rects = [...g.querySelectorAll("rect")];
  bars[g.dataset.task] = {
    outlined: rects.length > 0 && rects.every(r => {
      const s = getComputedStyle(r);
      return s.stroke !== "none" && parseFloat(s.strokeWidth) > 0;
    }),
    stroked: rects.some(r => getComputedStyle(r).stroke !== "none"),
    slack: g.getAttribute("data-slack-hours"),
  };
}
document.getElementById("probe").textContent = JSON.stringify(bars);
</script>"""


def check_critical_outlines(chromium, report, out_dir, work):
    """The bars of the critical tasks (critical in plan.json) are outlined as
    rendered, the others are not, and each bar's slack is plan.json's."""
    with open(os.path.join(out_dir, "plan.json"), encoding="utf-8") as f:
        tasks = {t["id"]: t for t in json.load(f)["tasks"]}
    probe = os.path.join(work, "probe.html")
    with open(report, encoding="utf-8") as f:
        page = f.read()
    # The report's policy forbids scripts; the probe's copy drops it.
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    with open(probe, "w", encoding="utf-8") as f:
        f.write(page.replace("</body>", PROBE + "</body>"))
    dom = run_chromium(chromium, ["--dump-dom", "file://" + probe], work)
    start = dom.find('<pre id="probe">') + len('<pre id="probe">')
    bars = json.loads(html.unescape(dom[start:dom.find("</pre>", start)]))
    critical = [i for i, t in tasks.items() if t["critical"]]
    if not critical:
        fail("plan.json has no critical task")
    for task_id, t in tasks.items():
        bar = bars.get(task_id)
        if bar is None:
            continue  # a done or unplanned task's row has no bar
        if t["critical"] and not bar["outlined"]:
            fail("the critical task %s is not outlined: %s" % (task_id, bar))
        if not t["critical"] and bar["stroked"]:
            fail("task %s, not critical, is outlined: %s" % (task_id, bar))
        if t["slack_hours"] is not None and float(bar["slack"]) != round(t["slack_hours"], 2):
            fail("task %s: the report's slack %s is not plan.json's %s"
                 % (task_id, bar["slack"], t["slack_hours"]))
    print("ok: %d critical bars outlined, %d not" % (len(critical), len(bars) - len(critical)))


def check_forecast_curve(chromium, rplan, out_dir, work):
    """A forecast kept with the plan: the report, rendered, has its S-curve
    with P50 / P85 / P95 at the dates rplan forecast printed."""
    db = os.path.join(out_dir, "rplan.db")
    forecast = subprocess.run([rplan, "--db", db, "forecast", "--runs", "100", "--seed", "7",
                               "--format", "json"], capture_output=True, text=True,
                              timeout=TIMEOUT)
    if forecast.returncode != 0 or "kept with the plan" not in forecast.stderr:
        fail("rplan forecast did not keep its result: %s" % forecast.stderr)
    printed = json.loads(forecast.stdout)["plan"]
    page = os.path.join(work, "forecast.html")
    export = subprocess.run([rplan, "--db", db, "export", "html", "--out", page],
                            capture_output=True, text=True, timeout=TIMEOUT)
    if export.returncode != 0:
        fail("rplan export html exited with %d: %s" % (export.returncode, export.stderr))
    dom = run_chromium(chromium, ["--dump-dom", "file://" + page], work)
    if '<section id="forecast">' not in dom or 'class="curve"' not in dom:
        fail("the report of a plan with a forecast has no S-curve")
    markers = dict(re.findall(r'<g class="marker (\w+)" data-date="([0-9-]+)"', dom))
    # Percentiles on one date share a line (the last one's class).
    for level in ("p50", "p85", "p95"):
        same = [k for k in ("p50", "p85", "p95") if printed[k] == printed[level]]
        if markers.get(same[-1]) != printed[level]:
            fail("the S-curve marks %s at %s, rplan forecast said %s"
                 % (level, markers.get(same[-1]), printed[level]))
    print("ok: the S-curve marks P50 %(p50)s, P85 %(p85)s, P95 %(p95)s" % printed)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--rplan", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    chromium = chromium_binary()

    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    work = os.path.abspath(args.work)
    hostile = os.path.join(work, "hostile.md")
    with open(hostile, "w", encoding="utf-8") as f:
        f.write(HOSTILE_DOC)
    out_dir = os.path.join(work, "out")
    examples = os.path.join(args.source, "docs", "examples")
    run = subprocess.run([args.rplan, "run", os.path.join(examples, "research-topics.md"), hostile,
                          "--team", os.path.join(examples, "team.csv"), "--start", "2026-12-07",
                          "--out", out_dir], capture_output=True, text=True, timeout=TIMEOUT)
    if run.returncode != 0:
        fail("rplan run exited with %d: %s" % (run.returncode, run.stderr))
    report = os.path.join(out_dir, "report.html")
    with open(os.path.join(out_dir, "plan.json"), encoding="utf-8") as f:
        ids = [t["id"] for t in json.load(f)["tasks"]]
    if len(ids) != 21:
        fail("expected 21 tasks in plan.json, found %d" % len(ids))
    url = "file://" + report

    # The control: the net log does show a page that loads from the network.
    control = os.path.join(work, "control.html")
    with open(control, "w", encoding="utf-8") as f:
        f.write('<!DOCTYPE html><img src="http://example.invalid/x.png">')
    control_log = os.path.join(work, "control-netlog.json")
    run_chromium(chromium, ["--log-net-log=" + control_log, "--dump-dom", "file://" + control],
                 work)
    if "http://example.invalid/x.png" not in page_requests(control_log):
        fail("the net log check cannot see a page's requests (control page)")

    net_log = os.path.join(work, "netlog.json")
    dom = run_chromium(chromium, ["--log-net-log=" + net_log, "--dump-dom", url], work)
    requests = page_requests(net_log)
    if requests:
        fail("the report asked the network for: " + ", ".join(requests))
    scan = DomScan()
    scan.feed(dom)
    if sorted(scan.tasks) != sorted(ids):
        fail("rendered data-task ids %s differ from the plan's %s"
             % (sorted(scan.tasks), sorted(ids)))
    if scan.tags.get("script") or scan.tags.get("img") or scan.fetching:
        fail("the rendered DOM has elements that fetch: %s %s" % (scan.tags, scan.fetching))
    if "&lt;script&gt;document.title='pwned'&lt;/script&gt;" not in dom:
        fail("the hostile prompt is not shown as text")
    # Charts: the schedule, the workload, the burn-up; sections: the summary,
    # schedule, workload, load and burn-up, topics (no baseline: no changes).
    if scan.tags.get("svg") != 3 or scan.tags.get("section") != 5:
        fail("expected 3 charts and 5 sections, found %s" % scan.tags)

    check_critical_outlines(chromium, report, out_dir, work)
    check_forecast_curve(chromium, args.rplan, out_dir, work)

    shot = os.path.join(work, "report.png")
    run_chromium(chromium, ["--screenshot=" + shot, "--window-size=1400,1800",
                            "--hide-scrollbars", url], work)
    if not os.path.exists(shot):
        fail("chromium wrote no screenshot")
    width, height, colours = png_size_and_colours(shot)
    if (width, height) != (1400, 1800):
        fail("screenshot is %dx%d, not 1400x1800" % (width, height))
    if colours is not None:
        for hex_colour in PALETTE:
            rgb = tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
            if colours.get(rgb, 0) < 200:
                fail("the screenshot shows almost no %s bars (%d pixels)"
                     % (hex_colour, colours.get(rgb, 0)))
    print("ok: %d bars rendered, no network request, screenshot %s" % (len(scan.tasks), shot))


if __name__ == "__main__":
    main()
