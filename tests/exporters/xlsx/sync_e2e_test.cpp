// `rplan export xlsx` and `rplan sync plan.xlsx` through the real binary:
// cells edited with openpyxl as a user would (edit_workbook.py), the same
// workbook saved again by headless LibreOffice, stale workbooks, conflicts,
// and bad cells refused with nothing changed.

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>

#include "tests/e2e/run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

const fs::path k_script = fs::path(RPLAN_SOURCE_DIR) / "tests/exporters/xlsx/edit_workbook.py";

std::string quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs a shell command and returns its standard output; a failure fails the test.
std::string shell(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << command;
    return out;
  }
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return out;
}

class XlsxSyncTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto r =
        m_ws.run({"run", (fs::path(RPLAN_SOURCE_DIR) / "docs/examples/research-topics.md").string(),
                  "--team", (fs::path(RPLAN_SOURCE_DIR) / "docs/examples/team.csv").string(),
                  "--start", "2026-12-07", "--out", "out"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    ASSERT_TRUE(fs::exists(path("out/plan.xlsx")));
  }

  fs::path path(const std::string& name) const { return m_ws.path(name); }

  Result rplan(std::vector<std::string> args) const {
    args.insert(args.begin(), {"--db", "out/rplan.db"});
    return m_ws.run(args);
  }

  // edit_workbook.py edit FROM TO ARGS... (paths in the workspace).
  void edit(const std::string& from, const std::string& to, const std::vector<std::string>& args) {
    std::string command = std::string(RPLAN_PYTHON) + " " + quote(k_script.string()) + " edit " +
                          quote(path(from).string()) + " " + quote(path(to).string());
    for (const auto& a : args) command += " " + quote(a);
    shell(command);
  }

  // The Tasks sheet of a workbook: {id: {header: value}}.
  json dump(const std::string& name) {
    return json::parse(shell(std::string(RPLAN_PYTHON) + " " + quote(k_script.string()) + " dump " +
                             quote(path(name).string())));
  }

  // `rplan list --format json`, by task id.
  std::map<std::string, json> tasks() const {
    const auto r = rplan({"list", "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, json> out;
    const json listing = json::parse(r.out);  // alive through the loop
    for (const auto& t : listing["tasks"]) out[t["id"].get<std::string>()] = t;
    return out;
  }

  // Whether `soffice` can run here (scripts/install-deps installs libreoffice-calc-nogui).
  static bool have_libreoffice() { return std::system("command -v soffice >/dev/null 2>&1") == 0; }

  // Opens and saves `name` in headless LibreOffice, into folder lo/.
  void resave_in_libreoffice(const std::string& name) {
    const std::string command =
        "cd " + quote(m_ws.dir().string()) +
        " && timeout 300 soffice -env:UserInstallation=file://" + path("lo-profile").string() +
        " --headless --norestore --convert-to xlsx --outdir lo " + quote(name) + " >lo.log 2>&1";
    ASSERT_EQ(std::system(command.c_str()), 0) << command << "\n" << slurp(path("lo.log"));
    ASSERT_TRUE(fs::exists(path("lo/" + fs::path(name).filename().string())));
  }

  Workspace m_ws;
};

// Slack is the whole plan's: a task done or re-estimated moves other tasks'
// slack, and the tests below compare the fields a sync changes.
const std::set<std::string> k_slack = {"critical", "slack_hours"};

// Every field of every task but those named, as `list` gives them.
json without(json task, const std::set<std::string>& keys) {
  for (const auto& k : keys) task.erase(k);
  return task;
}

// The edits of the issue's "done means": three statuses, one assignee, one
// estimate (and hours spent and remaining), and nothing else changes.
TEST_F(XlsxSyncTest, CellsEditedWithOpenpyxlChangeExactlyThoseFields) {
  const auto before = tasks();
  const auto by_position = dump("out/plan.xlsx");
  std::vector<std::string> id;
  for (const auto& [k, v] : by_position.items()) id.push_back(k);
  ASSERT_GE(id.size(), 8u);
  // Not planned for the new person, who is on the team.
  const std::string a = id[0], b = id[1], c = id[2], d = id[3], e = id[4], f = id[5];
  std::string other = before.at(d)["assignee"] == "Grace Hopper" ? "Linus Pauling" : "Grace Hopper";
  edit("out/plan.xlsx", "edited.xlsx",
       {"--set", a + ":Status=done", "--set", b + ":Status=in-progress", "--set",
        c + ":Status=done", "--set", d + ":Assignee=" + other, "--set", e + ":Estimate (h)=11.5",
        "--set", f + ":Spent (h)=2.5", "--set", f + ":Remaining (h)=3"});
  const auto r = rplan({"sync", "edited.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("edited.xlsx: 6 tasks changed"), std::string::npos) << r.out;

  const auto after = tasks();
  ASSERT_EQ(after.size(), before.size());
  const std::set<std::string> tracking = {"status", "done_at", "done_by"};
  EXPECT_EQ(after.at(a)["status"], "done");
  EXPECT_FALSE(after.at(a)["done_at"].is_null());
  EXPECT_EQ(after.at(a)["done_by"], before.at(a)["assignee"]);
  EXPECT_EQ(after.at(b)["status"], "in-progress");
  EXPECT_EQ(after.at(c)["status"], "done");
  EXPECT_EQ(after.at(d)["pinned_assignee"], other);
  EXPECT_EQ(after.at(e)["estimate_hours"], 11.5);
  EXPECT_EQ(after.at(e)["estimate"]["manual"], true);
  EXPECT_EQ(after.at(f)["spent_hours"], 2.5);
  EXPECT_EQ(after.at(f)["status"], "in-progress");  // a new remaining starts the task
  EXPECT_EQ(after.at(f)["remaining_hours"], 3.0);
  EXPECT_EQ(after.at(a)["remaining_hours"], 0.0);
  for (const auto& [task, t] : before) {
    SCOPED_TRACE(task);
    std::set<std::string> changed;
    if (task == a || task == b || task == c) changed = tracking;
    // A done task has nothing left, and finishes when it was done.
    if (task == a || task == c) changed.insert({"remaining_hours", "finish"});
    if (task == d) changed = {"pinned_assignee"};
    if (task == e) changed = {"estimate_hours", "estimate", "remaining_hours"};
    if (task == f) changed = {"spent_hours", "status", "remaining_hours"};
    changed.insert(k_slack.begin(), k_slack.end());
    EXPECT_EQ(without(after.at(task), changed), without(t, changed));
  }

  // The same workbook again: every edit is already so.
  const auto again = rplan({"sync", "edited.xlsx"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("nothing to change"), std::string::npos) << again.out;
  EXPECT_EQ(tasks(), after);

  // The next plan and its exports: the workbook and the calendar show the changes.
  ASSERT_EQ(rplan({"plan", "--start", "2026-12-07"}).exit_code, 0);
  ASSERT_EQ(rplan({"export", "xlsx", "--out", "next.xlsx"}).exit_code, 0);
  const json next = dump("next.xlsx");
  EXPECT_EQ(next[a]["Status"], "done");
  EXPECT_EQ(next[b]["Status"], "in-progress");
  EXPECT_EQ(next[d]["Assignee"], other);
  EXPECT_EQ(next[e]["Estimate (h)"], 11.5);
  EXPECT_EQ(next[f]["Spent (h)"], 2.5);
  EXPECT_EQ(next[f]["Remaining (h)"], 3);
  ASSERT_EQ(rplan({"export", "ics", "--out", "next.ics"}).exit_code, 0);
  const std::string ics = slurp(path("next.ics"));
  // A done task has no events left: those it had are written as cancelled.
  for (const std::string& done : {a, c}) {
    SCOPED_TRACE(done);
    const std::regex block("UID:" + done + "-[0-9]+@rplan[\\s\\S]*?END:VEVENT");
    int blocks = 0;
    for (auto it = std::sregex_iterator(ics.begin(), ics.end(), block);
         it != std::sregex_iterator(); ++it, ++blocks) {
      EXPECT_NE(it->str().find("STATUS:CANCELLED"), std::string::npos) << it->str();
    }
    EXPECT_GT(blocks, 0) << "the blocks it had are cancelled";
  }
  // The pinned task's events are the new person's.
  const std::regex event("UID:" + d + "-[0-9]+@rplan[\\s\\S]*?END:VEVENT");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(ics, m, event)) << ics;
  EXPECT_NE(m.str().find("CN=\"" + other + "\""), std::string::npos) << m.str();
}

TEST_F(XlsxSyncTest, AnUntouchedWorkbookChangesNothing) {
  const auto before = tasks();
  const std::string db = slurp(path("out/rplan.db"));
  const auto r = rplan({"sync", "out/plan.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "out/plan.xlsx: nothing to change\n");
  EXPECT_EQ(tasks(), before);
  EXPECT_EQ(slurp(path("out/rplan.db")), db);
}

TEST_F(XlsxSyncTest, SortedRowsAndMovedColumnsStillMatchById) {
  const auto before = tasks();
  const auto sheet = dump("out/plan.xlsx");
  const std::string a = sheet.begin().key();
  edit("out/plan.xlsx", "moved.xlsx",
       {"--reverse-rows", "--set", a + ":Status=done", "--move-status-last"});
  const auto r = rplan({"sync", "moved.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 task changed (1 status)"), std::string::npos) << r.out;
  const auto after = tasks();
  for (const auto& [task, t] : before) {
    EXPECT_EQ(after.at(task)["status"], task == a ? "done" : t["status"]) << task;
  }
}

TEST_F(XlsxSyncTest, AWorkbookSavedByLibreOfficeStillSyncs) {
  if (!have_libreoffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
  const auto before = tasks();
  const auto sheet = dump("out/plan.xlsx");
  auto it = sheet.begin();
  const std::string a = (it++).key(), b = (it++).key(), c = (it++).key();
  edit("out/plan.xlsx", "edited.xlsx",
       {"--set", a + ":Status=done", "--set", b + ":Estimate (h)=6.25", "--set",
        c + ":Assignee=Ada Lovelace"});
  fs::copy_file(path("out/plan.xlsx"), path("untouched.xlsx"));
  resave_in_libreoffice("edited.xlsx");
  resave_in_libreoffice("untouched.xlsx");

  const auto untouched = rplan({"sync", "lo/untouched.xlsx"});
  ASSERT_EQ(untouched.exit_code, 0) << untouched.err;
  EXPECT_NE(untouched.out.find("nothing to change"), std::string::npos) << untouched.out;
  EXPECT_EQ(tasks(), before);

  const auto r = rplan({"sync", "lo/edited.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto after = tasks();
  EXPECT_EQ(after.at(a)["status"], "done");
  EXPECT_EQ(after.at(b)["estimate_hours"], 6.25);
  const bool was_ada = before.at(c)["assignee"] == "Ada Lovelace";
  EXPECT_EQ(after.at(c)["pinned_assignee"], was_ada ? json() : json("Ada Lovelace"));
  std::size_t changed = 0;
  for (const auto& [task, t] : before) {
    changed += without(after.at(task), k_slack) != without(t, k_slack);
  }
  EXPECT_EQ(changed, was_ada ? 2u : 3u);
}

// The issue's "done means": three statuses, one assignee and one estimate
// typed in LibreOffice Calc itself (through UNO), saved, synced.
TEST_F(XlsxSyncTest, CellsTypedInLibreOfficeSync) {
  if (!have_libreoffice()) GTEST_SKIP() << "soffice (LibreOffice) is not installed";
  const auto before = tasks();
  const auto sheet = dump("out/plan.xlsx");
  auto it = sheet.begin();
  const std::string a = (it++).key(), b = (it++).key(), c = (it++).key(), d = (it++).key(),
                    e = it.key();
  const std::string other =
      before.at(d)["assignee"] == "Zoë Müller" ? "Ada Lovelace" : "Zoë Müller";
  const std::string command =
      std::string(RPLAN_PYTHON) + " " +
      quote((fs::path(RPLAN_SOURCE_DIR) / "tests/exporters/xlsx/lo_edit_workbook.py").string()) +
      " " + quote(path("out/plan.xlsx").string()) + " " + quote(path("typed.xlsx").string()) + " " +
      quote(path("lo-profile").string()) + " " + quote(a + ":Status=done") + " " +
      quote(b + ":Status=in-progress") + " " + quote(c + ":Status=done") + " " +
      quote(d + ":Assignee=" + other) + " " + quote(e + ":Estimate (h)=12") + " >" +
      quote(path("uno.log").string()) + " 2>&1";
  const int status = std::system(command.c_str());
  if (WIFEXITED(status) && WEXITSTATUS(status) == 2) GTEST_SKIP() << "python3-uno is missing";
  ASSERT_EQ(status, 0) << command << "\n" << slurp(path("uno.log"));

  const auto r = rplan({"sync", "typed.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("5 tasks changed (3 statuses, 1 assignee, 1 estimate)"), std::string::npos)
      << r.out;
  const auto after = tasks();
  EXPECT_EQ(after.at(a)["status"], "done");
  EXPECT_EQ(after.at(b)["status"], "in-progress");
  EXPECT_EQ(after.at(c)["status"], "done");
  EXPECT_EQ(after.at(d)["pinned_assignee"], other);
  EXPECT_EQ(after.at(e)["estimate_hours"], 12);
  std::size_t changed = 0;
  for (const auto& [task, t] : before) {
    changed += without(after.at(task), k_slack) != without(t, k_slack);
  }
  EXPECT_EQ(changed, 5u);
}

TEST_F(XlsxSyncTest, AStaleWorkbookNeverUndoesNewerWork) {
  const auto sheet = dump("out/plan.xlsx");
  const std::string a = sheet.begin().key();
  // After the export, the task is done from the command line.
  ASSERT_EQ(rplan({"task", a, "--status", "done"}).exit_code, 0);
  const auto before = tasks();
  const auto r = rplan({"sync", "out/plan.xlsx"});  // still says open
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("nothing to change"), std::string::npos) << r.out;
  EXPECT_EQ(tasks(), before);
}

TEST_F(XlsxSyncTest, AFieldChangedOnBothSidesIsAConflictUnlessForced) {
  const auto sheet = dump("out/plan.xlsx");
  auto it = sheet.begin();
  const std::string a = (it++).key(), b = it.key();
  ASSERT_EQ(rplan({"task", a, "--estimate", "5"}).exit_code, 0);
  edit("out/plan.xlsx", "edited.xlsx",
       {"--set", a + ":Estimate (h)=9", "--set", b + ":Status=in-progress"});
  const auto r = rplan({"sync", "edited.xlsx"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex("edited\\.xlsx:Tasks!H[0-9]+: warning: the "
                                                  "estimate of task " +
                                                  a + " changed here")))
      << r.err;
  EXPECT_NE(r.err.find("--force"), std::string::npos);
  auto now = tasks();
  EXPECT_EQ(now.at(a)["estimate_hours"], 5);      // left as the database has it
  EXPECT_EQ(now.at(b)["status"], "in-progress");  // the rest applied

  const auto forced = rplan({"sync", "--force", "edited.xlsx"});
  ASSERT_EQ(forced.exit_code, 0) << forced.err;
  EXPECT_NE(forced.out.find("forced over the database's estimate 5 h"), std::string::npos)
      << forced.out;
  EXPECT_EQ(tasks().at(a)["estimate_hours"], 9);
}

TEST_F(XlsxSyncTest, BadCellsAreEachNamedAndNothingChanges) {
  const auto sheet = dump("out/plan.xlsx");
  auto it = sheet.begin();
  const std::string a = (it++).key(), b = (it++).key(), c = (it++).key(), d = it.key();
  edit("out/plan.xlsx", "bad.xlsx",
       {"--set", a + ":Status=done", "--formula", b + ":Estimate (h)=2*4", "--set",
        c + ":Spent (h)=two", "--set", d + ":Assignee=Nobody Known", "--set",
        a + ":Remaining (h)=-1"});
  const std::string db = slurp(path("out/rplan.db"));
  const std::string workbook = slurp(path("bad.xlsx"));
  const auto r = rplan({"sync", "bad.xlsx"});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_TRUE(
      std::regex_search(r.err, std::regex(R"(bad\.xlsx:Tasks!H\d+: error: .*formula \(=2\*4\))")))
      << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(bad\.xlsx:Tasks!I\d+: error: .*"two")")))
      << r.err;
  EXPECT_TRUE(std::regex_search(r.err, std::regex(R"(bad\.xlsx:Tasks!J\d+: error: .*negative)")))
      << r.err;
  EXPECT_NE(r.err.find("nothing was changed"), std::string::npos) << r.err;
  EXPECT_EQ(slurp(path("out/rplan.db")), db);
  EXPECT_EQ(slurp(path("bad.xlsx")), workbook);

  // Alone, the unknown person is the problem.
  edit("out/plan.xlsx", "person.xlsx", {"--set", d + ":Assignee=Nobody Known"});
  const auto p = rplan({"sync", "person.xlsx"});
  EXPECT_EQ(p.exit_code, 65) << p.err;
  EXPECT_TRUE(std::regex_search(
      p.err, std::regex(R"(person\.xlsx:Tasks!G\d+: error: nobody named "Nobody Known")")))
      << p.err;
  EXPECT_EQ(slurp(path("out/rplan.db")), db);
}

TEST_F(XlsxSyncTest, AWorkbookWithoutItsIdColumnOrNotAWorkbookIsRefused) {
  edit("out/plan.xlsx", "no-id.xlsx", {"--delete-column", "ID"});
  const auto r = rplan({"sync", "no-id.xlsx"});
  EXPECT_EQ(r.exit_code, 65);
  EXPECT_NE(r.err.find("no-id.xlsx:Tasks: error: has no ID column"), std::string::npos) << r.err;

  m_ws.write("fake.xlsx", "ID,Status\nabc,done\n");
  const auto fake = rplan({"sync", "fake.xlsx"});
  EXPECT_EQ(fake.exit_code, 65);
  EXPECT_NE(fake.err.find("fake.xlsx: error: not an Excel workbook"), std::string::npos)
      << fake.err;

  m_ws.write("list.md", "- [x] nothing\n");
  EXPECT_EQ(rplan({"sync", "--force", "list.md"}).exit_code, 2);
}

}  // namespace
}  // namespace rplan::e2e
