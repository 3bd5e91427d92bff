#!/usr/bin/env python3
"""Calendars that stay true, through the built binary and real clients:

- `rplan serve` on a free loopback port, its feeds fetched with urllib and
  read with python3-icalendar: a re-plan changes the feed without a restart,
  ETags give 304, gzip when asked, unknown and revoked tokens get 404, tokens
  never reach the log or the database in clear, SIGTERM stops it cleanly.
- `rplan publish --caldav` into a real Radicale (Debian's radicale) started
  here with a temporary storage folder on a free loopback port, read back with
  python3-caldav: the server's events equal the plan's, after a re-plan too;
  a second publish with no change sends nothing; refused credentials exit 77
  and an unreachable server 69, the database unchanged.

usage: calendars_test.py RPLAN_BINARY [unittest arguments, e.g. ServeTest]
"""

import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.error
import urllib.request

import caldav
import icalendar

RPLAN = None  # set from the command line

TOPICS = """# Calendar feeds

### 1. Caching
**Research Prompts**:
- Research Redis and Memcached
- Analyze cache invalidation patterns
- Document the caching guidelines

### 2. Queues
**Research Prompts**:
- Research Kafka and RabbitMQ
- Compare delivery guarantees
"""

# The same without "Compare delivery guarantees".
TOPICS_V2 = TOPICS.replace("- Compare delivery guarantees\n", "")

TEAM = """name,timezone,hours_per_day
Ada Lovelace,Europe/Berlin,6
Grace Hopper,America/New_York,8
"""

CLOCK = 1798000000  # 2026-12-24, SOURCE_DATE_EPOCH of every command


class Workspace:
    """A temporary folder with a database, the topics and the team."""

    def __init__(self, test):
        self.dir = tempfile.mkdtemp(prefix="rplan-calendars-")
        test.addCleanup(shutil.rmtree, self.dir, True)
        self.env = dict(os.environ, SOURCE_DATE_EPOCH=str(CLOCK), RPLAN_DB=self.path("rplan.db"))
        self.write("topics.md", TOPICS)
        self.write("team.csv", TEAM)
        self.ok("import", "topics.md")
        self.ok("team", "import", "team.csv")
        self.ok("plan", "--start", "2027-03-01")

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text, mode=0o644):
        with open(self.path(name), "w", encoding="utf-8") as f:
            f.write(text)
        os.chmod(self.path(name), mode)

    def run(self, *args):
        return subprocess.run([RPLAN, *args], cwd=self.dir, env=self.env, capture_output=True,
                              text=True, timeout=120)

    def ok(self, *args):
        r = self.run(*args)
        if r.returncode != 0:
            raise AssertionError(f"rplan {' '.join(args)}: exit {r.returncode}: {r.stderr}")
        return r.stdout

    def plan_json(self):
        self.ok("export", "json", "--out", "plan.json")
        with open(self.path("plan.json"), encoding="utf-8") as f:
            return json.load(f)

    def database_bytes(self):
        """The database and its WAL, as bytes (for looking for secrets)."""
        data = b""
        for suffix in ("", "-wal"):
            if os.path.exists(self.path("rplan.db" + suffix)):
                with open(self.path("rplan.db" + suffix), "rb") as f:
                    data += f.read()
        return data


def expected_events(plan, person=None):
    """UID -> (DTSTART, DTEND) in UTC of every work block of the plan (of one person)."""
    events = {}
    for t in plan["tasks"]:
        if t["assignee"] is None or (person is not None and t["assignee"] != person):
            continue
        for n in range(1, len(t["blocks"]) + 1):
            events[f"{t['id']}-{n}@rplan"] = None
    return events


def events_of(calendar_text):
    """UID -> (DTSTART, DTEND) of the VEVENTs that are not cancelled, by python3-icalendar."""
    cal = icalendar.Calendar.from_ical(calendar_text)
    out = {}
    for c in cal.walk("VEVENT"):
        if str(c.get("STATUS", "")) == "CANCELLED":
            continue
        out[str(c["UID"])] = (c.decoded("DTSTART"), c.decoded("DTEND"))
    return out


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """`rplan serve --listen 127.0.0.1:0`, stopped with SIGTERM at cleanup."""

    def __init__(self, test, ws):
        self.log = open(ws.path("serve.log"), "w+", encoding="utf-8")
        test.addCleanup(self.log.close)
        self.process = subprocess.Popen([RPLAN, "serve", "--listen", "127.0.0.1:0"], cwd=ws.dir,
                                        env=ws.env, stdout=subprocess.PIPE, stderr=self.log,
                                        text=True)
        test.addCleanup(self.kill)
        line = self.process.stdout.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise AssertionError(f"rplan serve printed {line!r}")
        self.base = f"http://127.0.0.1:{m.group(1)}"

    def get(self, path, headers=None):
        """(status, headers, body) of a GET."""
        request = urllib.request.Request(self.base + path, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as r:
                return r.status, r.headers, r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers, e.read()

    def stop(self):
        self.process.send_signal(signal.SIGTERM)
        out, _ = self.process.communicate(timeout=30)
        return self.process.returncode, out

    def kill(self):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()

    def access_log(self):
        self.log.seek(0)
        return self.log.read()


class ServeTest(unittest.TestCase):
    def test_feeds_follow_the_plan_and_keep_their_tokens_secret(self):
        ws = Workspace(self)
        team_path = ws.ok("feed", "add", "team").splitlines()[0]
        ada_path = ws.ok("feed", "add", "ada", "--person", "Ada Lovelace").splitlines()[0]
        self.assertRegex(team_path, r"^/calendars/team\.ics\?token=[0-9a-f]{64}$")
        self.assertRegex(ada_path, r"^/calendars/ada-lovelace\.ics\?token=[0-9a-f]{64}$")
        team_token = team_path.split("token=")[1]
        ada_token = ada_path.split("token=")[1]
        server = Server(self, ws)

        # The person's feed: their events, as text/calendar.
        status, headers, body = server.get(ada_path)
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "text/calendar; charset=utf-8")
        plan = ws.plan_json()
        self.assertEqual(set(events_of(body)), set(expected_events(plan, "Ada Lovelace")))
        self.assertTrue(expected_events(plan, "Ada Lovelace"))
        status, _, team = server.get(team_path)
        self.assertEqual(set(events_of(team)), set(expected_events(plan)))

        # A team token opens the pages; a person's token only their calendar.
        status, headers, body = server.get("/plan.json?token=" + team_token)
        self.assertEqual((status, headers["Content-Type"]), (200, "application/json"))
        self.assertEqual(json.loads(body)["tasks"], plan["tasks"])
        self.assertEqual(server.get("/?token=" + team_token)[0], 200)
        self.assertEqual(server.get("/checklist.md?token=" + team_token)[0], 200)
        # The task list as CSV too, since run writes plan.csv (issue 17).
        status, headers, body = server.get("/plan.csv?token=" + team_token)
        self.assertEqual((status, headers["Content-Type"]), (200, "text/csv; charset=utf-8"))
        self.assertTrue(body.startswith(b"id,"), body[:40])
        for path in ["/plan.json?token=" + ada_token, "/calendars/grace-hopper.ics?token=" +
                     ada_token, "/calendars/team.ics?token=" + "0" * 64, "/calendars/team.ics",
                     "/nothing?token=" + team_token]:
            status, _, body = server.get(path)
            self.assertEqual((status, body), (404, b"not found\n"), path)

        # ETag and If-None-Match; gzip when asked.
        status, headers, body = server.get(ada_path)
        etag = headers["ETag"]
        self.assertEqual(server.get(ada_path, {"If-None-Match": etag})[0], 304)
        status, headers, zipped = server.get(ada_path, {"Accept-Encoding": "gzip"})
        self.assertEqual(headers["Content-Encoding"], "gzip")
        self.assertEqual(gzip.decompress(zipped), body)

        # A re-plan (a prompt removed, a later start) is served without a restart.
        ws.write("topics.md", TOPICS_V2)
        ws.ok("import", "topics.md")
        ws.ok("plan", "--start", "2027-03-08")
        plan = ws.plan_json()
        status, headers, body = server.get(ada_path, {"If-None-Match": etag})
        self.assertEqual(status, 200, "the feed changed")
        self.assertNotEqual(headers["ETag"], etag)
        got = events_of(body)
        self.assertEqual(set(got), set(expected_events(plan, "Ada Lovelace")))
        for start, _ in got.values():
            self.assertGreaterEqual(start.date().isoformat(), "2027-03-08")
        status, _, team = server.get(team_path)
        self.assertEqual(set(events_of(team)), set(expected_events(plan)))

        # A revoked feed gets 404 at once.
        ws.ok("feed", "revoke", "ada")
        self.assertEqual(server.get(ada_path)[0], 404)
        self.assertEqual(server.get(team_path)[0], 200)

        code, out = server.stop()
        self.assertEqual(code, 0)
        self.assertIn("stopped", out)
        log = server.access_log()
        self.assertGreater(len(log.splitlines()), 15, "one line per request")
        self.assertIn('"GET /calendars/ada-lovelace.ics?token=[redacted] HTTP/1.1" 304', log)
        database = ws.database_bytes()
        listing = ws.ok("feed", "list")
        for token in (team_token, ada_token):
            self.assertNotIn(token, log)
            self.assertNotIn(token, listing)
            self.assertNotIn(token.encode(), database)
            self.assertIn(hashlib.sha256(token.encode()).hexdigest().encode(), database)

    def test_a_public_address_is_warned_about(self):
        ws = Workspace(self)
        process = subprocess.Popen([RPLAN, "serve", "--listen", "0.0.0.0:0"], cwd=ws.dir,
                                   env=ws.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   text=True)
        try:
            line = process.stdout.readline()
            self.assertIn("serving the plan", line)
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()
                process.communicate()
        self.assertEqual(process.returncode, 0)
        self.assertIn("rplan: warning: serving plain HTTP on 0.0.0.0", err)


class Radicale:
    """Radicale on a free loopback port with one user, its storage in `folder`."""

    def __init__(self, test, folder, user, password):
        os.makedirs(folder)
        with open(os.path.join(folder, "users"), "w", encoding="utf-8") as f:
            f.write(f"{user}:{password}\n")
        for attempt in range(5):  # another process may take the port first
            self.port = free_port()
            config = os.path.join(folder, "config")
            with open(config, "w", encoding="utf-8") as f:
                f.write(f"[server]\nhosts = 127.0.0.1:{self.port}\n"
                        f"[auth]\ntype = htpasswd\nhtpasswd_filename = {folder}/users\n"
                        "htpasswd_encryption = plain\n"
                        f"[storage]\nfilesystem_folder = {folder}/collections\n"
                        "[rights]\ntype = owner_only\n")
            self.log = open(os.path.join(folder, "log"), "w", encoding="utf-8")
            self.process = subprocess.Popen(["radicale", "--config", config],
                                            stdout=self.log, stderr=subprocess.STDOUT)
            if self.wait_until_up():
                test.addCleanup(self.stop)
                return
            self.stop()
        raise AssertionError("Radicale did not start (see its log in " + folder + ")")

    def wait_until_up(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and self.process.poll() is None:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return True
            except OSError:
                time.sleep(0.1)
        return False

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class PublishTest(unittest.TestCase):
    def setUp(self):
        self.ws = Workspace(self)
        self.radicale = Radicale(self, self.ws.path("radicale"), "ada", "s3cret pass")
        self.base = f"http://127.0.0.1:{self.radicale.port}/ada/"
        self.ws.write("password", "s3cret pass\n", 0o600)
        self.auth = ["--user", "ada", "--password-file", "password"]

    def publish(self, *args):
        return self.ws.ok("publish", *args, *self.auth)

    def server_events(self, url):
        client = caldav.DAVClient(url=self.base, username="ada", password="s3cret pass")
        out = {}
        for event in client.calendar(url=url).events():
            out.update(events_of(event.data))
        return out

    def file_events(self, *args):
        self.ws.ok("export", "ics", "--out", "plan.ics", *args)
        with open(self.ws.path("plan.ics"), "rb") as f:
            return events_of(f.read())

    def test_the_servers_calendar_follows_the_plan(self):
        url = self.base + "plan/"
        out = self.publish("--caldav", url)
        plan = self.ws.plan_json()
        n = len(expected_events(plan))
        self.assertIn(f"{n} added, 0 updated, 0 removed, 0 unchanged", out)
        self.assertEqual(self.server_events(url), self.file_events())

        # Nothing changed: nothing sent.
        self.assertIn(f"0 added, 0 updated, 0 removed, {n} unchanged", self.publish("--caldav", url))

        # A re-plan: blocks moved, a prompt removed.
        self.ws.write("topics.md", TOPICS_V2)
        self.ws.ok("import", "topics.md")
        self.ws.ok("plan", "--start", "2027-03-08")
        out = self.publish("--caldav", url)
        self.assertRegex(out, r"[1-9]\d* removed")
        self.assertEqual(self.server_events(url), self.file_events())
        self.assertEqual(set(self.server_events(url)), set(expected_events(self.ws.plan_json())))
        self.assertNotIn(b"s3cret", self.ws.database_bytes())

    def test_one_collection_per_person(self):
        self.publish("--caldav", self.base + "plan/")
        out = self.publish("--caldav", self.base, "--per-assignee")
        self.assertIn("ada-lovelace/", out)
        self.assertIn("grace-hopper/", out)
        self.assertNotIn("plan/", out, "a collection published on its own is left alone")
        plan = self.ws.plan_json()
        for person, folder in [("Ada Lovelace", "ada-lovelace"), ("Grace Hopper", "grace-hopper")]:
            got = self.server_events(self.base + folder + "/")
            self.assertEqual(set(got), set(expected_events(plan, person)), person)
        self.assertEqual(set(self.server_events(self.base + "plan/")), set(expected_events(plan)))

        # Grace leaves: her collection is emptied, her work moves to Ada.
        self.ws.ok("team", "remove", "Grace Hopper")
        self.ws.ok("plan", "--start", "2027-03-01")
        self.publish("--caldav", self.base, "--per-assignee")
        plan = self.ws.plan_json()
        self.assertEqual(self.server_events(self.base + "grace-hopper/"), {})
        self.assertEqual(set(self.server_events(self.base + "ada-lovelace/")),
                         set(expected_events(plan)))

    def test_refused_credentials_and_an_unreachable_server_change_nothing(self):
        url = self.base + "plan/"
        self.publish("--caldav", url)
        before = self.ws.database_bytes()
        self.ws.write("wrong", "nope\n", 0o600)
        r = self.ws.run("publish", "--caldav", url, "--user", "ada", "--password-file", "wrong")
        self.assertEqual(r.returncode, 77, r.stderr)
        self.assertIn("refused the credentials of ada", r.stderr)
        self.assertNotIn("nope", r.stderr)
        closed = f"http://127.0.0.1:{free_port()}/ada/plan/"
        r = self.ws.run("publish", "--caldav", closed, *self.auth)
        self.assertEqual(r.returncode, 69, r.stderr)
        self.assertIn("cannot reach the CalDAV server at " + closed, r.stderr)
        self.assertEqual(self.ws.database_bytes(), before)

        self.ws.write("open", "s3cret pass\n", 0o644)
        r = self.ws.run("publish", "--caldav", url, "--user", "ada", "--password-file", "open")
        self.assertEqual(r.returncode, 65, r.stderr)
        self.assertIn("may be read or changed by others (mode 0644)", r.stderr)
        r = self.ws.run("publish", "--caldav", "http://ada:pw@127.0.0.1/x/")
        self.assertEqual(r.returncode, 2, r.stderr)


if __name__ == "__main__":
    RPLAN = os.path.abspath(sys.argv[1])
    unittest.main(argv=[sys.argv[0], *sys.argv[2:]], verbosity=2)
