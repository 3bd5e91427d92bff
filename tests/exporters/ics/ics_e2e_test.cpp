// The iCalendar export through the real binary: `rplan run` with a team in
// four time zones, `rplan export ics` in every mode and --per-assignee, and
// what a re-plan or a fresh database does to UIDs and SEQUENCE.

#include <date/tz.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "ics_libical.hpp"
#include "ics_test_support.hpp"
#include "tests/e2e/run_rplan.hpp"

namespace rplan::exporters::testing {
namespace {

namespace fs = std::filesystem;
using e2e::Workspace;
using nlohmann::json;

const char* k_e2e_team =
    "name,email,hours_per_day,workdays,day_start,timezone\n"
    "Ada Lovelace,ada@example.org,6,\"mon,tue,wed,thu,fri\",09:00,Europe/Berlin\n"
    "Grace Hopper,grace@example.org,8,\"mon,tue,wed,thu\",08:30,America/New_York\n"
    "Linus Pauling,,5,\"mon,tue,wed,thu,fri\",10:00,Asia/Kolkata\n"
    "Mere Ngata,mere@example.org,6,\"mon,tue,wed,thu,fri\",09:00,Pacific/Auckland\n";

// The seed document when this checkout has it, else the bundled example.
fs::path topics_document() {
  const fs::path seed = e2e::seed_document();
  return seed.empty() ? fs::path(RPLAN_SOURCE_DIR) / "docs/examples/research-topics.md" : seed;
}

struct Event {
  std::string dtstart, dtend, attendee;
  int sequence = -1;
  std::string summary, description;
};

// UID -> event, read by libical (which must accept the file).
std::map<std::string, Event> read_events(const fs::path& file) {
  std::map<std::string, Event> events;
  const Calendar cal = expect_libical_accepts(slurp(file));
  if (!cal) return events;
  for (icalcomponent* c : components(cal.get(), ICAL_VEVENT_COMPONENT)) {
    Event e;
    e.dtstart = icaltime_as_ical_string(icalcomponent_get_dtstart(c));
    e.dtend = icaltime_as_ical_string(icalcomponent_get_dtend(c));
    e.sequence = icalcomponent_get_sequence(c);
    e.summary = icalcomponent_get_summary(c);
    e.description = icalcomponent_get_description(c);
    if (icalproperty* a = icalcomponent_get_first_property(c, ICAL_ATTENDEE_PROPERTY)) {
      e.attendee = icalproperty_get_attendee(a);
    }
    EXPECT_TRUE(events.emplace(icalcomponent_get_uid(c), e).second) << "duplicate UID";
  }
  return events;
}

// "20261207T080000Z": a person's local date and clock in their zone, computed
// here with the tz database directly (not with rplan's code).
std::string expected_utc(const std::string& zone, const std::string& day, const std::string& clock,
                         double hours_after = 0) {
  int y = 0, m = 0, d = 0, hh = 0, mm = 0;
  std::sscanf(day.c_str(), "%d-%d-%d", &y, &m, &d);
  std::sscanf(clock.c_str(), "%d:%d", &hh, &mm);
  const auto local =
      date::local_days{date::year{y} / m / d} + std::chrono::hours{hh} + std::chrono::minutes{mm};
  const auto utc = date::make_zoned(zone, local).get_sys_time() +
                   std::chrono::minutes{static_cast<int>(hours_after * 60 + 0.5)};
  return date::format("%Y%m%dT%H%M%SZ", std::chrono::floor<std::chrono::seconds>(utc));
}

// "2026-12-07T09:00:00+01:00" -> "20261207T080000Z".
std::string rfc3339_as_utc(const std::string& text) {
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, se = 0, oh = 0, om = 0;
  char sign = '+';
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%c%2d:%2d", &y, &mo, &d, &h, &mi,
                            &se, &sign, &oh, &om);
  EXPECT_EQ(n, 9) << text;
  const int offset = (oh * 60 + om) * (sign == '-' ? -1 : 1);
  const date::sys_seconds t = date::sys_days{date::year{y} / mo / d} + std::chrono::hours{h} +
                              std::chrono::minutes{mi - offset} + std::chrono::seconds{se};
  return date::format("%Y%m%dT%H%M%SZ", t);
}

// Checks every work block of plan.json against the events: one event per
// block, at the block's instant in its person's zone, for that person.
void expect_events_match_plan(const fs::path& plan_json, const fs::path& ics_file) {
  const json plan = json::parse(slurp(plan_json));
  std::map<std::string, json> people;
  for (const auto& a : plan["assignees"]) people[a["name"]] = a;
  const auto events = read_events(ics_file);
  std::size_t blocks = 0;
  for (const auto& t : plan["tasks"]) {
    if (t["assignee"].is_null()) continue;
    const json& who = people.at(t["assignee"].get<std::string>());
    const std::string zone = who["timezone"];
    for (std::size_t n = 0; n < t["blocks"].size(); ++n) {
      const json& b = t["blocks"][n];
      const std::string uid = t["id"].get<std::string>() + "-" + std::to_string(n + 1) + "@rplan";
      SCOPED_TRACE(uid + " " + zone + " " + b["date"].get<std::string>() + " " +
                   b["start"].get<std::string>());
      ++blocks;
      const auto it = events.find(uid);
      ASSERT_NE(it, events.end());
      EXPECT_EQ(it->second.dtstart, expected_utc(zone, b["date"], b["start"]));
      EXPECT_EQ(it->second.dtend, expected_utc(zone, b["date"], b["start"], b["hours"]));
      if (n == 0) {
        EXPECT_EQ(it->second.dtstart, rfc3339_as_utc(t["start"]));
      }
      const std::string mailto =
          who["email"].is_null() ? "" : "mailto:" + who["email"].get<std::string>();
      EXPECT_EQ(it->second.attendee, mailto);
      EXPECT_NE(it->second.description.find("Assignee: " + t["assignee"].get<std::string>()),
                std::string::npos);
    }
  }
  EXPECT_EQ(events.size(), blocks) << "one event per work block, nothing else";
  EXPECT_GT(blocks, 0u);
}

TEST(IcsEndToEndTest, RunPutsEveryEventAtItsPersonsInstantAcrossSummerTime) {
  // December: no change; March 2027: New York changes on the 14th, Berlin on the 28th.
  for (const std::string start : {"2026-12-07", "2027-03-08"}) {
    SCOPED_TRACE(start);
    Workspace ws;
    ws.write("team.csv", k_e2e_team);
    const auto r = ws.run({"run", topics_document().string(), "--team", "team.csv", "--start",
                           start, "--out", "out"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("plan.ics"), std::string::npos) << r.out;
    expect_events_match_plan(ws.path("out/plan.json"), ws.path("out/plan.ics"));
  }
}

TEST(IcsEndToEndTest, ExportWritesTodosSpanAndOneFilePerPerson) {
  Workspace ws;
  ws.write("team.csv", k_e2e_team);
  auto r = ws.run({"run", topics_document().string(), "--team", "team.csv", "--start", "2026-12-07",
                   "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json plan = json::parse(slurp(ws.path("out/plan.json")));
  const std::vector<std::string> db = {"--db", "out/rplan.db"};
  auto rplan = [&](std::vector<std::string> args) {
    args.insert(args.begin(), db.begin(), db.end());
    return ws.run(args);
  };

  r = rplan({"export", "ics", "--mode", "todos", "--out", "todos.ics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  {
    const Calendar cal = expect_libical_accepts(slurp(ws.path("todos.ics")));
    ASSERT_NE(cal, nullptr);
    EXPECT_EQ(components(cal.get(), ICAL_VTODO_COMPONENT).size(),
              plan["tasks"].size() + plan["topics"].size())
        << "a to-do per task and per topic";
  }

  r = rplan({"export", "ics", "--mode", "span", "--out", "span.ics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  {
    const Calendar cal = expect_libical_accepts(slurp(ws.path("span.ics")));
    ASSERT_NE(cal, nullptr);
    std::map<std::string, std::pair<std::string, std::string>> days;  // uid -> first, last + 1
    for (icalcomponent* c : components(cal.get(), ICAL_VEVENT_COMPONENT)) {
      days[icalcomponent_get_uid(c)] = {icaltime_as_ical_string(icalcomponent_get_dtstart(c)),
                                        icaltime_as_ical_string(icalcomponent_get_dtend(c))};
    }
    std::size_t planned = 0;
    for (const auto& t : plan["tasks"]) {
      if (t["blocks"].empty()) continue;
      ++planned;
      const auto it = days.find(t["id"].get<std::string>() + "-span@rplan");
      ASSERT_NE(it, days.end());
      std::string first = t["blocks"].front()["date"], last = t["blocks"].back()["date"];
      first.erase(std::remove(first.begin(), first.end(), '-'), first.end());
      EXPECT_EQ(it->second.first, first);  // the person's local date
      EXPECT_GT(it->second.second, last);  // exclusive end
    }
    EXPECT_EQ(days.size(), planned);
  }

  r = rplan({"export", "ics", "--per-assignee", "--out", "calendars"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::vector<std::string> files;
  std::size_t events = 0;
  for (const auto& entry : fs::directory_iterator(ws.path("calendars"))) {
    files.push_back(entry.path().filename());
    events += read_events(entry.path()).size();
  }
  std::sort(files.begin(), files.end());
  EXPECT_EQ(files, (std::vector<std::string>{"ada-lovelace.ics", "grace-hopper.ics",
                                             "linus-pauling.ics", "mere-ngata.ics"}));
  EXPECT_EQ(events, read_events(ws.path("out/plan.ics")).size());
  EXPECT_NE(slurp(ws.path("calendars/mere-ngata.ics")).find("X-WR-CALNAME:"), std::string::npos);

  r = rplan({"export", "ics", "--per-assignee", "--mode", "todos", "--out", "no/such/folder"});
  EXPECT_EQ(r.exit_code, 73) << r.err;
  EXPECT_NE(r.err.find("no/such/folder"), std::string::npos) << r.err;
}

TEST(IcsEndToEndTest, UidsSurviveAFreshDatabaseAndSequenceRisesOnlyWhereThingsChanged) {
  Workspace ws;
  ws.write("team.csv", k_e2e_team);
  for (const char* out : {"one", "two"}) {
    const auto r = ws.run({"run", topics_document().string(), "--team", "team.csv", "--start",
                           "2026-12-07", "--out", out});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  const std::string first = slurp(ws.path("one/plan.ics"));
  EXPECT_EQ(slurp(ws.path("two/plan.ics")), first)
      << "same documents and team in a fresh database: the same UIDs, the same bytes";

  // Re-planning an unchanged database changes nothing, not even DTSTAMP.
  auto r = ws.run({"--db", "one/rplan.db", "plan", "--start", "2026-12-07"},
                  {{"SOURCE_DATE_EPOCH", "1796000000"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"--db", "one/rplan.db", "export", "ics", "--out", "same.ics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(slurp(ws.path("same.ics")), first);

  // A new estimate for one task: its events get SEQUENCE 1, events that did
  // not change keep 0, and every UID is still there.
  const json plan = json::parse(slurp(ws.path("one/plan.json")));
  const std::string id = plan["tasks"][0]["id"];
  r = ws.run({"--db", "one/rplan.db", "task", id, "--estimate", "20"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"--db", "one/rplan.db", "plan", "--start", "2026-12-07"},
             {{"SOURCE_DATE_EPOCH", "1796000000"}});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"--db", "one/rplan.db", "export", "ics", "--out", "changed.ics"});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  const auto before = read_events(ws.path("one/plan.ics"));
  const auto after = read_events(ws.path("changed.ics"));
  std::size_t unchanged = 0;
  for (const auto& [uid, e] : after) {
    SCOPED_TRACE(uid);
    const auto old = before.find(uid);
    if (uid.rfind(id + "-", 0) == 0) {
      EXPECT_EQ(e.sequence, old == before.end() ? 0 : 1);
      EXPECT_NE(e.description.find("Estimate: 20 h"), std::string::npos);
      continue;
    }
    if (old == before.end()) continue;  // a block number the task did not have before
    const bool same = old->second.dtstart == e.dtstart && old->second.dtend == e.dtend &&
                      old->second.summary == e.summary && old->second.description == e.description;
    EXPECT_EQ(e.sequence, same ? 0 : 1);
    unchanged += same ? 1 : 0;
  }
  EXPECT_GT(unchanged, 0u) << "some events should not have moved";
  EXPECT_GE(after.count(id + "-1@rplan"), 1u);
  for (const auto& [uid, e] : before) {
    if (uid.rfind(id + "-", 0) != 0) continue;
    EXPECT_EQ(after.count(uid), 1u) << uid << " vanished";
  }
}

}  // namespace
}  // namespace rplan::exporters::testing
