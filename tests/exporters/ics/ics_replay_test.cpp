// Cancelled events, through the real binary: a series of plans (estimates
// changed, a task pinned to someone else, prompts and a topic removed, a task
// finished early, a person leaving, the topic coming back, a new start), each
// exported as files that a model of a calendar app imports one after another.
// The app keeps, per UID, the version with the highest SEQUENCE and hides a
// cancelled one; after every step what it shows must be the current plan.
// libical and python3-icalendar read every file.

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "ics_libical.hpp"
#include "ics_test_support.hpp"
#include "tests/e2e/run_rplan.hpp"

namespace rplan::exporters::testing {
namespace {

namespace fs = std::filesystem;
using e2e::Workspace;
using nlohmann::json;

const char* k_team =
    "name,timezone,hours_per_day\n"
    "Ada Lovelace,Europe/Berlin,6\n"
    "Grace Hopper,America/New_York,8\n"
    "Linus Pauling,UTC,4\n";

const char* k_topics_v1 =
    "# Calendar replay\n\n"
    "### 1. Caching\n**Research Focus**: caches\n**Research Prompts**:\n"
    "- Research Redis and Memcached\n- Analyze cache invalidation patterns\n"
    "- Document the caching guidelines\n\n"
    "### 2. Queues\n**Research Prompts**:\n"
    "- Research Kafka and RabbitMQ\n- Compare delivery guarantees\n- Document the queue choice\n\n"
    "### 3. Search\n**Research Prompts**:\n"
    "- Investigate Elasticsearch\n- Document search findings\n";

// v1 without "Compare delivery guarantees" and without the Search topic.
const char* k_topics_v2 =
    "# Calendar replay\n\n"
    "### 1. Caching\n**Research Focus**: caches\n**Research Prompts**:\n"
    "- Research Redis and Memcached\n- Analyze cache invalidation patterns\n"
    "- Document the caching guidelines\n\n"
    "### 2. Queues\n**Research Prompts**:\n"
    "- Research Kafka and RabbitMQ\n- Document the queue choice\n";

// One component as an app keeps it.
struct Item {
  std::string uid, status, dtstart, dtend, summary;
  int sequence = -1;
  bool operator==(const Item&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Item& i) {
  return out << i.uid << " seq " << i.sequence << " " << i.status << " " << i.dtstart << "-"
             << i.dtend << " " << i.summary;
}

std::string time_of(icalcomponent* c, icalproperty_kind kind) {
  icalproperty* p = icalcomponent_get_first_property(c, kind);
  if (p == nullptr) return "";
  const icalvalue* v = icalproperty_get_value(p);
  return icaltime_as_ical_string(icalvalue_get_datetimedate(v));
}

// Every VEVENT and VTODO of the file, read by libical (which must accept it).
std::vector<Item> read_items(const std::string& text) {
  std::vector<Item> items;
  const Calendar cal = expect_libical_accepts(text);
  if (!cal) return items;
  for (const auto kind : {ICAL_VEVENT_COMPONENT, ICAL_VTODO_COMPONENT}) {
    for (icalcomponent* c : components(cal.get(), kind)) {
      Item i;
      i.uid = icalcomponent_get_uid(c);
      i.sequence = icalcomponent_get_sequence(c);
      const char* status = icalproperty_status_to_string(icalcomponent_get_status(c));
      i.status = status != nullptr ? status : "";
      i.dtstart = time_of(c, ICAL_DTSTART_PROPERTY);
      i.dtend = time_of(c, kind == ICAL_VTODO_COMPONENT ? ICAL_DUE_PROPERTY : ICAL_DTEND_PROPERTY);
      i.summary = icalcomponent_get_summary(c);
      items.push_back(i);
    }
  }
  return items;
}

// A calendar app that imports a file again and again into one calendar: an
// item replaces the one of its UID unless that one has a higher SEQUENCE; a
// cancelled item hides it (and stays, so an older version cannot come back).
class Client {
 public:
  void import(const std::vector<Item>& items) {
    for (const Item& i : items) {
      const auto it = m_items.find(i.uid);
      if (it == m_items.end() || it->second.sequence <= i.sequence) m_items[i.uid] = i;
    }
  }
  std::map<std::string, Item> shown() const {
    std::map<std::string, Item> shown;
    for (const auto& [uid, i] : m_items) {
      if (i.status != "CANCELLED") shown.emplace(uid, i);
    }
    return shown;
  }

 private:
  std::map<std::string, Item> m_items;
};

// The live items of one file (what a fresh import of it shows).
std::map<std::string, Item> live(const std::vector<Item>& items) {
  std::map<std::string, Item> out;
  for (const auto& i : items) {
    if (i.status != "CANCELLED") {
      EXPECT_TRUE(out.emplace(i.uid, i).second) << i;
    }
  }
  return out;
}

std::set<std::string> uids(const std::map<std::string, Item>& items) {
  std::set<std::string> out;
  for (const auto& [uid, i] : items) out.insert(uid);
  return out;
}

// The calendars of the plan: which UIDs each holds, from plan.json.
struct Expected {
  std::map<std::string, std::set<std::string>> files;  // file name -> UIDs
};

const std::map<std::string, std::string> k_person_files = {{"Ada Lovelace", "ada-lovelace.ics"},
                                                           {"Grace Hopper", "grace-hopper.ics"},
                                                           {"Linus Pauling", "linus-pauling.ics"}};

Expected expected_from(const json& plan) {
  Expected e;
  auto& events = e.files["team-events.ics"];
  auto& todos = e.files["team-todos.ics"];
  auto& spans = e.files["team-span.ics"];
  for (const auto& [name, file] : k_person_files) {
    e.files["events/" + file];
    e.files["todos/" + file];
  }
  for (const auto& topic : plan["topics"])
    todos.insert(topic["id"].get<std::string>() + "-topic@rplan");
  for (const auto& t : plan["tasks"]) {
    const std::string id = t["id"];
    todos.insert(id + "@rplan");
    if (t["assignee"].is_null() || t["blocks"].empty()) continue;
    const std::string file = k_person_files.at(t["assignee"].get<std::string>());
    spans.insert(id + "-span@rplan");
    e.files["todos/" + file].insert(id + "@rplan");
    for (std::size_t n = 1; n <= t["blocks"].size(); ++n) {
      const std::string uid = id + "-" + std::to_string(n) + "@rplan";
      events.insert(uid);
      e.files["events/" + file].insert(uid);
    }
  }
  return e;
}

class IcsReplayTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ws.write("topics.md", k_topics_v1);
    ws.write("team.csv", k_team);
    run({"import", "topics.md"});
    run({"team", "import", "team.csv"});
  }

  void run(std::vector<std::string> args) {
    const auto r = ws.run(args, {{"SOURCE_DATE_EPOCH", std::to_string(m_clock)}});
    ASSERT_EQ(r.exit_code, 0) << args[0] << ": " << r.err;
  }

  // The id of the task with this prompt.
  std::string task(const std::string& prompt) {
    const auto r = ws.run({"list", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const json list = json::parse(r.out);
    for (const auto& t : list["tasks"]) {
      if (t["prompt"] == prompt) return t["id"];
    }
    ADD_FAILURE() << "no task " << prompt;
    return "";
  }

  // Plans, exports every calendar, lets each client import its file, and
  // checks that every client shows the current plan.
  void step(const std::string& what, const std::string& start = "2027-03-01") {
    SCOPED_TRACE(what);
    m_clock += 86400;  // a day later each time
    run({"plan", "--start", start});
    run({"export", "json", "--out", "plan.json"});
    run({"export", "ics", "--out", "team-events.ics"});
    run({"export", "ics", "--mode", "todos", "--out", "team-todos.ics"});
    run({"export", "ics", "--mode", "span", "--out", "team-span.ics"});
    run({"export", "ics", "--per-assignee", "--out", "events"});
    run({"export", "ics", "--per-assignee", "--mode", "todos", "--out", "todos"});
    const Expected expected = expected_from(json::parse(slurp(ws.path("plan.json"))));
    const fs::path kept = ws.path("steps/" + std::to_string(++m_step));
    for (const auto& [file, want] : expected.files) {
      SCOPED_TRACE(file);
      const fs::path path = ws.path(file);
      Client& client = m_clients[file];
      if (fs::exists(path)) {
        const std::string text = slurp(path);
        fs::create_directories((kept / file).parent_path());
        fs::copy_file(path, kept / file, fs::copy_options::overwrite_existing);
        const auto items = read_items(text);
        client.import(items);
        const auto now = live(items);
        EXPECT_EQ(uids(now), want) << "the file holds the plan";
        EXPECT_EQ(client.shown(), now) << "the app shows what the file holds";
        for (const auto& i : items) m_cancelled += i.status == "CANCELLED" ? 1 : 0;
      } else {
        EXPECT_TRUE(want.empty()) << "no file for a calendar with work";
        EXPECT_TRUE(client.shown().empty()) << "an app kept events nobody cancelled";
      }
    }
  }

  Workspace ws;
  std::map<std::string, Client> m_clients;
  long m_clock = 1798000000;  // 2026-12-24
  int m_step = 0;
  int m_cancelled = 0;
};

TEST_F(IcsReplayTest, AnAppImportingEveryExportShowsTheCurrentPlan) {
  step("first plan");
  const std::string redis = task("Research Redis and Memcached");
  const std::string kafka = task("Research Kafka and RabbitMQ");
  const std::string guidelines = task("Document the caching guidelines");
  run({"task", redis, "--estimate", "20"});
  run({"task", kafka, "--estimate", "2"});
  step("one task longer, one shorter");
  const json plan = json::parse(slurp(ws.path("plan.json")));
  for (const auto& t : plan["tasks"]) {
    if (t["id"] == guidelines) {
      const std::string other = t["assignee"] == "Grace Hopper" ? "Ada Lovelace" : "Grace Hopper";
      run({"task", guidelines, "--assignee", other});
    }
  }
  step("a task pinned to someone else");
  ws.write("topics.md", k_topics_v2);
  run({"import", "topics.md"});
  step("a prompt and a topic removed");
  run({"task", redis, "--status", "done"});
  step("a task finished before its work began");
  run({"team", "remove", "Linus Pauling"});
  step("a person left");
  ws.write("topics.md", k_topics_v1);
  run({"import", "topics.md"});
  step("the topic and the prompt came back");
  step("a week later", "2027-03-08");
  const std::string before = slurp(ws.path("team-events.ics"));
  step("nothing changed", "2027-03-08");
  EXPECT_EQ(slurp(ws.path("team-events.ics")), before);
  EXPECT_GT(m_cancelled, 20) << "the steps cancel events";

  // python3-icalendar reads every file written along the way.
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(ws.path("steps"))) {
    if (entry.is_regular_file()) files.push_back(entry.path().string());
  }
  std::string command =
      std::string(RPLAN_PYTHON) + " " + RPLAN_SOURCE_DIR + "/tests/exporters/ics/read_icalendar.py";
  for (const auto& f : files) command += " '" + f + "'";
  command += " > " + ws.path("python.txt").string();
  ASSERT_EQ(std::system(command.c_str()), 0) << "python3-icalendar refused a file";
  std::istringstream lines(slurp(ws.path("python.txt")));
  std::map<std::string, std::vector<std::string>> seen;  // file -> "uid sequence status"
  for (std::string line; std::getline(lines, line);) {
    const auto tab = line.find('\t');
    auto& items = seen[line.substr(0, tab)];
    if (line.substr(tab + 1) != "calendar") items.push_back(line.substr(tab + 1));
  }
  ASSERT_EQ(seen.size(), files.size());
  for (const auto& f : files) {
    SCOPED_TRACE(f);
    std::vector<std::string> want;
    for (const auto& i : read_items(slurp(f))) {
      want.push_back(i.uid + " " + std::to_string(i.sequence) + " " + i.status);
    }
    std::vector<std::string> got = seen[f];
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    EXPECT_EQ(got, want);
  }
}

}  // namespace
}  // namespace rplan::exporters::testing
