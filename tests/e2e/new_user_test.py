#!/usr/bin/python3
"""What a new user trips over (issue 17): the parts a C++ test cannot see.

    new_user_test.py --rplan BUILD/rplan [TestCase ...]

Through the real binary, with a team in Kolkata and Berlin and a holiday for
Priya alone:
  - item 5: `rplan list` on a terminal (a pseudo-terminal of a set width, and
    COLUMNS) fits every line to it, down to 80 columns (narrower times, fewer
    columns, prompts cut) keeping id, person, start and prompt; --wide and a
    pipe print the whole table;
  - item 8: the workbook's Gantt labels and Tasks sheet (read by openpyxl) and
    the report's task column, bar labels and tooltips show a task's kind once;
  - item 16: the workbook shades Priya's holiday in the rows of her tasks
    only (openpyxl reads the fills), and the plan summary's capacity leaves
    the day out of her hours alone.
"""

import argparse
import datetime
import fcntl
import html.parser
import json
import os
import pty
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import termios
import unittest
import warnings

warnings.simplefilter("ignore")  # openpyxl warns that it drops data-bar extensions
import openpyxl  # noqa: E402  (Debian's python3-openpyxl)

RPLAN = None

LONG_PROMPT = ("Research how a long-running cache warm-up job should be scheduled across "
               "regions so that cold starts after a deploy never reach the users of the "
               "busiest API endpoints")

DOC = f"""# Platform research

### 1. Caching
**Research Prompts**:
- Research Redis
- Analyze invalidation patterns
- Document the caching guide
- {LONG_PROMPT}
- Compare Redis with Memcached
"""

HOLIDAY = "2026-12-08"  # a Tuesday: Priya's alone
HOLIDAY_FILL = "FFF2CC"  # exporters/xlsx_writer.cpp, Style::holiday


def environment(**extra):
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "RPLAN_DB")}
    env.update(SOURCE_DATE_EPOCH="1795000000", TZ="UTC")  # 2026-11-17
    env.update(extra)
    return env


class Workspace:
    """A temporary folder holding DOC, a team of two and a plan."""

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="rplan-new-user-")

    def remove(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def ok(self, *args):
        r = subprocess.run([RPLAN, *args], cwd=self.dir, env=environment(),
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if r.returncode != 0:
            raise AssertionError(f"rplan {' '.join(args)} exited {r.returncode}: {r.stderr}")
        return r.stdout

    def on_terminal(self, args, columns, **env):
        """Runs rplan with its standard output on a pseudo-terminal `columns`
        wide; returns the lines it printed there."""
        master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
        with tempfile.TemporaryFile() as err:
            proc = subprocess.Popen([RPLAN, *args], cwd=self.dir, env=environment(**env),
                                    stdin=subprocess.DEVNULL, stdout=slave, stderr=err)
            os.close(slave)
            out = b""
            while True:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # EIO: the child closed the terminal
                    break
                if not chunk:
                    break
                out += chunk
            os.close(master)
            code = proc.wait()
            err.seek(0)
            if code != 0:
                raise AssertionError(f"rplan {' '.join(args)} exited {code}: {err.read()}")
        return out.decode("utf-8").replace("\r\n", "\n").splitlines()

    def tasks(self):
        return json.loads(self.ok("list", "--format", "json"))["tasks"]


def set_up(ws):
    """DOC imported, Priya (Kolkata) and Tom (Berlin), Priya's holiday, every
    task pinned (Tom: Redis and the comparison), planned from Monday 7 Dec.
    Returns the plan's summary."""
    with open(ws.path("t.md"), "w", encoding="utf-8") as f:
        f.write(DOC)
    ws.ok("import", "t.md")
    ws.ok("team", "add", "Priya Raman", "--timezone", "Asia/Kolkata")
    ws.ok("team", "add", "Tom Becker", "--timezone", "Europe/Berlin")
    ws.ok("holiday", "add", HOLIDAY, "--name", "Festival", "--for", "priya raman")
    for t in ws.tasks():
        tom = t["prompt"] in ("Research Redis", "Compare Redis with Memcached")
        ws.ok("task", t["id"], "--assignee", "Tom Becker" if tom else "Priya Raman")
    return ws.ok("plan", "--start", "2026-12-07")


class ReportReader(html.parser.HTMLParser):
    """The report's task column, the texts of its Gantt bars and the first
    line of each bar's tooltip with the rest."""

    def __init__(self):
        super().__init__()
        self.column = []  # texts of <div class="task">
        self.titles = {}  # data-task -> tooltip text
        self.svg_texts = []
        self._open = None  # what the text being read belongs to
        self._task = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "div" and "task" in classes:
            self._open, self._text = "column", ""
        elif tag == "g" and "task" in classes:
            self._task = attrs.get("data-task")
        elif tag == "title" and self._task:
            self._open, self._text = "title", ""
        elif tag == "text":
            self._open, self._text = "svg", ""

    def handle_endtag(self, tag):
        if self._open == "column" and tag == "div":
            self.column.append(self._text)
        elif self._open == "title" and tag == "title":
            self.titles[self._task] = self._text
        elif self._open == "svg" and tag == "text":
            self.svg_texts.append(self._text)
        else:
            if tag == "g":
                self._task = None
            return
        self._open = None

    def handle_data(self, data):
        if self._open:
            self._text += data


def kind_twice(text):
    """'Research: Research Redis', '**Research** Research', 'Analysis Analyze'..."""
    return re.search(r"\b(research|analy[sz]\w*|document\w*)\W+(research|analy[sz]\w*|document\w*)\b",
                     text, re.IGNORECASE)


def cell_fill(cell):
    colour = cell.fill.fgColor.rgb if cell.fill is not None and cell.fill.fgColor else None
    return colour[-6:].upper() if isinstance(colour, str) else None


def gantt_day_column(sheet, day):
    """The column of the Gantt sheet's date header that is `day` (an Excel
    serial date shown as its day of the month)."""
    serial = (day - datetime.date(1899, 12, 30)).days
    for row in sheet.iter_rows(min_row=1, max_row=12):
        if row[0].value != "ID":
            continue
        for cell in row:
            value = cell.value
            if isinstance(value, datetime.datetime) and value.date() == day:
                return cell.column
            if isinstance(value, (int, float)) and int(value) == serial:
                return cell.column
    raise AssertionError(f"no header of {day} in the Gantt sheet")


class ListOnATerminalTest(unittest.TestCase):
    """Item 5: list fits the terminal's width (prompts cut, the table narrowed)."""

    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        set_up(cls.ws)

    @classmethod
    def tearDownClass(cls):
        cls.ws.remove()

    def test_every_line_fits_the_terminal(self):
        for columns in (150, 180):
            lines = self.ws.on_terminal(["list"], columns)
            self.assertGreater(len(lines), 6, lines)
            for line in lines:
                self.assertLessEqual(len(line), columns, f"at {columns} columns: {line!r}")
            long_rows = [line for line in lines if line.endswith("\u2026")]
            self.assertEqual(len(long_rows), 1, lines)
            cut = long_rows[0][long_rows[0].index("Research how"):-1]
            self.assertTrue(LONG_PROMPT.startswith(cut), long_rows[0])
            self.assertEqual(len(long_rows[0]), columns, "the prompt takes the rest of the line")
            self.assertNotIn(LONG_PROMPT, "\n".join(lines))

    def test_columns_wins_over_the_terminal_size(self):
        lines = self.ws.on_terminal(["list"], 150, COLUMNS="190")
        self.assertEqual(max(len(line) for line in lines), 190, lines)

    def test_wide_and_a_pipe_keep_the_whole_prompt(self):
        lines = self.ws.on_terminal(["list", "--wide"], 150)
        self.assertIn(LONG_PROMPT, "\n".join(lines))
        self.assertGreater(max(len(line) for line in lines), 150)
        self.assertIn(LONG_PROMPT, self.ws.ok("list"))  # not a terminal: nothing is cut

    def test_narrow_terminals_keep_id_assignee_start_and_prompt(self):
        """The fixed columns take about 118 characters: at 80, 100 and 120
        the table narrows, keeping each task's id, person, start (month, day
        and time, in the person's zone) and the beginning of its prompt."""
        tasks = self.ws.tasks()
        for columns in (80, 100, 120):
            lines = self.ws.on_terminal(["list"], columns)
            for line in lines:
                self.assertLessEqual(len(line), columns, f"at {columns} columns: {line!r}")
            header = lines[0].split()
            for name in ("ID", "ASSIGNEE", "START", "PROMPT"):
                self.assertIn(name, header, f"at {columns} columns: {lines[0]!r}")
            for t in tasks:
                rows = [line for line in lines if line.startswith(t["id"] + " ")]
                self.assertEqual(len(rows), 1, f"{t['id']} at {columns} columns: {lines}")
                row = rows[0]
                self.assertIn(t["assignee"], row)
                start = t["start"]  # 2026-12-07T09:00:00+05:30
                self.assertIn(f"{start[5:10]} {start[11:16]}", row, f"at {columns}")
                self.assertIn(t["prompt"][:15], row, f"at {columns} columns")
        # Wider terminals show more: FINISH comes back before 120 columns.
        self.assertNotIn("FINISH", self.ws.on_terminal(["list"], 80)[0])
        self.assertIn("FINISH", self.ws.on_terminal(["list"], 120)[0])
        # Every time in one zone: its offset once, in the START header.
        lines = self.ws.on_terminal(["list", "--tz", "UTC"], 80)
        self.assertIn("START +00:00", lines[0])
        self.assertNotIn("+05:30", "\n".join(lines))
        self.assertIn("12-07 03:30", "\n".join(lines))  # Priya's 09:00 in Kolkata

    def test_wide_on_a_narrow_terminal_is_the_whole_table(self):
        piped = self.ws.ok("list").splitlines()
        self.assertIn("2026-12-07 09:00 +05:30", "\n".join(piped))
        for columns in (80, 100):
            self.assertEqual(self.ws.on_terminal(["list", "--wide"], columns), piped)


class KindOnceTest(unittest.TestCase):
    """Item 8: the workbook's and the report's labels show the kind once."""

    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        set_up(cls.ws)
        cls.ws.ok("export", "xlsx", "--out", "plan.xlsx")
        cls.ws.ok("export", "html", "--out", "report.html")
        cls.prompts = {t["id"]: t["prompt"] for t in cls.ws.tasks()}

    @classmethod
    def tearDownClass(cls):
        cls.ws.remove()

    def test_workbook_labels_are_the_prompts(self):
        book = openpyxl.load_workbook(self.ws.path("plan.xlsx"))
        gantt = book["Gantt"]
        labelled = 0
        for row in gantt.iter_rows():
            task_id = row[0].value
            if task_id in self.prompts:
                label = row[1].value
                prompt = self.prompts[task_id]
                self.assertTrue(label == prompt or
                                (label.endswith("\u2026") and prompt.startswith(label[:-1])),
                                f"{task_id}: {label!r} for {prompt!r}")
                labelled += 1
        self.assertEqual(labelled, len(self.prompts))
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if isinstance(cell.value, str):
                        self.assertIsNone(kind_twice(cell.value), f"{sheet.title}!{cell.coordinate}")

    def test_report_labels_and_tooltips_name_the_kind_once(self):
        reader = ReportReader()
        with open(self.ws.path("report.html"), encoding="utf-8") as f:
            reader.feed(f.read())
        self.assertEqual(sorted(reader.column), sorted(self.prompts.values()))
        for text in reader.svg_texts:
            self.assertIsNone(kind_twice(text), text)
        self.assertEqual(set(reader.titles), set(self.prompts))
        for task_id, title in reader.titles.items():
            prompt = self.prompts[task_id]
            self.assertTrue(title.startswith(prompt + "\n"), title)
            # The prompt says its kind ("Research Redis"): the tooltip does not again.
            if re.match(r"(Research|Analyze|Document)\b", prompt):
                kind = prompt.split()[0][:5].lower()
                self.assertEqual(title.lower().count(kind), prompt.lower().count(kind), title)
            else:  # "Compare Redis with Memcached" names its kind in the tooltip
                self.assertRegex(title, r" \u00b7 (research|analysis|documentation|other) \u00b7 ")


class HolidayOfOnePersonTest(unittest.TestCase):
    """Item 16: the workbook's shading and the summary's capacity."""

    @classmethod
    def setUpClass(cls):
        cls.ws = Workspace()
        cls.summary = set_up(cls.ws)
        cls.ws.ok("export", "xlsx", "--out", "plan.xlsx")
        cls.tasks = {t["id"]: t for t in cls.ws.tasks()}

    @classmethod
    def tearDownClass(cls):
        cls.ws.remove()

    def test_the_workbook_shades_the_day_in_her_rows_only(self):
        gantt = openpyxl.load_workbook(self.ws.path("plan.xlsx"))["Gantt"]
        column = gantt_day_column(gantt, datetime.date(2026, 12, 8))
        shaded = {}
        for row in gantt.iter_rows():
            task_id = row[0].value
            if task_id in self.tasks:
                shaded[self.tasks[task_id]["assignee"]] = shaded.get(
                    self.tasks[task_id]["assignee"], []) + [
                        cell_fill(gantt.cell(row=row[0].row, column=column)) == HOLIDAY_FILL]
        self.assertEqual(sorted(shaded), ["Priya Raman", "Tom Becker"])
        self.assertTrue(all(shaded["Priya Raman"]), shaded)
        self.assertFalse(any(shaded["Tom Becker"]), shaded)

    def test_the_summary_leaves_her_holiday_out_of_her_capacity(self):
        # "... h available", then each person's finish (issue 18).
        available = dict(re.findall(r"^  (\S+ \S+) +[0-9.]+ h +[0-9]+ % of ([0-9.]+) h available"
                                    r"(?:,.*)?$", self.summary, re.MULTILINE))
        self.assertEqual(sorted(available), ["Priya Raman", "Tom Becker"], self.summary)
        # Both work Monday to Friday, 6 h a day, over the same dates.
        self.assertEqual(float(available["Tom Becker"]) - float(available["Priya Raman"]), 6.0,
                         self.summary)


def main():
    global RPLAN
    parser = argparse.ArgumentParser()
    parser.add_argument("--rplan", required=True)
    args, rest = parser.parse_known_args()
    RPLAN = os.path.abspath(args.rplan)
    unittest.main(argv=[sys.argv[0], *rest], verbosity=2)


if __name__ == "__main__":
    main()
