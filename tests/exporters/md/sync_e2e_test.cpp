// `rplan export md` and `rplan sync` through the real binary: tick boxes in a
// text editor's way, reformat the file as editors do, sync, and look at the
// database and at a fresh checklist.

#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "tests/e2e/run_rplan.hpp"

namespace rplan::e2e {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

// The seed document when this checkout has it, else the bundled example.
fs::path topics() {
  const fs::path seed = seed_document();
  return seed.empty() ? fs::path(RPLAN_SOURCE_DIR) / "docs/examples/research-topics.md" : seed;
}

// `rplan run` on the topics and the example team into out/; the database is
// out/rplan.db, which every later command names.
void run_plan(const Workspace& ws) {
  const auto r = ws.run({"run", topics().string(), "--team",
                         (fs::path(RPLAN_SOURCE_DIR) / "docs/examples/team.csv").string(),
                         "--start", "2026-12-07", "--out", "out"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_TRUE(fs::exists(ws.path("out/checklist.md")));
}

Result rplan(const Workspace& ws, std::vector<std::string> args) {
  args.insert(args.begin(), {"--db", "out/rplan.db"});
  return ws.run(args);
}

std::map<std::string, std::string> statuses(const Workspace& ws) {
  const auto r = rplan(ws, {"list", "--format", "json"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::map<std::string, std::string> out;
  const json listing = json::parse(r.out);
  for (const auto& t : listing["tasks"]) out[t["id"]] = t["status"];
  return out;
}

std::set<std::string> with_status(const Workspace& ws, const std::string& status) {
  std::set<std::string> ids;
  for (const auto& [id, s] : statuses(ws)) {
    if (s == status) ids.insert(id);
  }
  return ids;
}

std::string export_md(const Workspace& ws, const std::string& name, const std::string& group) {
  const auto r = rplan(ws, {"export", "md", "--out", name, "--group", group});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return slurp(ws.path(name));
}

// The task ids of the checklist's items, in file order.
std::vector<std::string> item_ids(const std::string& checklist) {
  static const std::regex marker("<!-- rplan:([0-9a-z]+) ");
  std::vector<std::string> ids;
  for (std::sregex_iterator it(checklist.begin(), checklist.end(), marker), end; it != end; ++it) {
    ids.push_back((*it)[1]);
  }
  return ids;
}

// The ids of the ticked items of a checklist.
std::set<std::string> ticked(const std::string& checklist) {
  static const std::regex item(R"(- \[x\] [^\n]*<!-- rplan:([0-9a-z]+) )");
  std::set<std::string> ids;
  for (std::sregex_iterator it(checklist.begin(), checklist.end(), item), end; it != end; ++it) {
    ids.insert((*it)[1]);
  }
  return ids;
}

// Sets the box of task `id`'s line, as a person does in a text editor.
std::string set_box(std::string checklist, const std::string& id, char mark) {
  const auto marker = checklist.find("<!-- rplan:" + id + " ");
  EXPECT_NE(marker, std::string::npos) << id;
  if (marker == std::string::npos) return checklist;
  const auto line = checklist.rfind('\n', marker) + 1;
  const auto box = checklist.find('[', line);
  checklist[box + 1] = mark;
  return checklist;
}

// What an editor's reformatting does: "*" markers, indentation, CRLF.
std::string reformat(const std::string& checklist) {
  std::string out;
  std::istringstream in(checklist);
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("- [", 0) == 0) line = "  * " + line.substr(2);
    out += line + "\r\n";
  }
  return out;
}

// The ids of the done tasks in a workbook's Tasks sheet, read by openpyxl.
std::set<std::string> done_in_workbook(const fs::path& xlsx) {
  const std::string command =
      std::string(RPLAN_PYTHON) +
      " -W ignore -c \"import openpyxl,sys\n"
      "rows = openpyxl.load_workbook(sys.argv[1])['Tasks'].iter_rows(values_only=True)\n"
      "head = [str(h).lower() for h in next(rows)]\n"
      "i, s = head.index('id'), head.index('status')\n"
      "print('\\n'.join(r[i] for r in rows if r[s] == 'done'))\" '" +
      xlsx.string() + "'";
  std::set<std::string> ids;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return ids;
  std::string out;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) ids.insert(line);
  }
  return ids;
}

TEST(ChecklistSyncTest, ThreeTicksInAnEditorAreExactlyThreeDoneTasks) {
  Workspace ws;
  run_plan(ws);
  const std::string checklist = slurp(ws.path("out/checklist.md"));
  const auto ids = item_ids(checklist);
  ASSERT_GE(ids.size(), 6u);
  const std::set<std::string> chosen = {ids[0], ids[ids.size() / 2], ids.back()};
  std::string edited = checklist;
  for (const auto& id : chosen) edited = set_box(edited, id, 'x');
  ws.write("ticked.md", reformat(edited));

  const auto r = rplan(ws, {"sync", "ticked.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("ticked.md: 3 tasks marked done, 0 reopened\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("ignored"), std::string::npos) << r.out;
  EXPECT_EQ(with_status(ws, "done"), chosen);
  EXPECT_EQ(ticked(export_md(ws, "fresh.md", "topic")), chosen);

  // The to-dos say the same.
  const auto todos = rplan(ws, {"export", "ics", "--mode", "todos", "--out", "todos.ics"});
  if (todos.exit_code == 0) {
    const std::string ics = slurp(ws.path("todos.ics"));
    std::size_t completed = 0;
    for (auto p = ics.find("STATUS:COMPLETED"); p != std::string::npos;
         p = ics.find("STATUS:COMPLETED", p + 1)) {
      ++completed;
    }
    EXPECT_EQ(completed, 3u) << ics;
  }

  // And the workbook's Tasks sheet.
  const auto xlsx = rplan(ws, {"export", "xlsx", "--out", "plan.xlsx"});
  if (xlsx.exit_code == 0) {
    EXPECT_EQ(done_in_workbook(ws.path("plan.xlsx")), chosen);
  }

  // Syncing the same file again changes nothing.
  const auto again = rplan(ws, {"sync", "ticked.md"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_NE(again.out.find("0 tasks marked done, 0 reopened"), std::string::npos) << again.out;
  EXPECT_EQ(with_status(ws, "done"), chosen);
}

TEST(ChecklistSyncTest, EveryGroupingRoundTrips) {
  Workspace ws;
  run_plan(ws);
  std::set<std::string> done;
  for (const std::string group : {"topic", "assignee", "week"}) {
    SCOPED_TRACE(group);
    const std::string name = "by-" + group + ".md";
    std::string checklist = export_md(ws, name, group);
    EXPECT_EQ(ticked(checklist), done);
    // Tick the first two open boxes of this grouping.
    std::set<std::string> now;
    for (const auto& id : item_ids(checklist)) {
      if (done.count(id) == 0 && now.size() < 2) now.insert(id);
    }
    for (const auto& id : now) checklist = set_box(checklist, id, 'x');
    ws.write(name, reformat(checklist));
    const auto r = rplan(ws, {"sync", name});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("2 tasks marked done, 0 reopened\n"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("ignored"), std::string::npos) << r.out;
    done.insert(now.begin(), now.end());
    EXPECT_EQ(with_status(ws, "done"), done);
    EXPECT_EQ(ticked(export_md(ws, "fresh-" + name, group)), done);
  }
}

TEST(ChecklistSyncTest, AStaleChecklistNeverReopensWorkDoneSince) {
  Workspace ws;
  run_plan(ws);
  const std::string stale = slurp(ws.path("out/checklist.md"));
  const auto ids = item_ids(stale);
  ASSERT_GE(ids.size(), 4u);
  // Since the export: one task done and one in progress, by the command line.
  ASSERT_EQ(rplan(ws, {"task", ids[0], "--status", "done"}).exit_code, 0);
  ASSERT_EQ(rplan(ws, {"task", ids[1], "--status", "in-progress"}).exit_code, 0);
  // The stale checklist, with one other box ticked.
  ws.write("stale.md", set_box(stale, ids[2], 'x'));
  auto r = rplan(ws, {"sync", "stale.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 task marked done, 0 reopened"), std::string::npos) << r.out;
  auto now = statuses(ws);
  EXPECT_EQ(now[ids[0]], "done");
  EXPECT_EQ(now[ids[1]], "in-progress");
  EXPECT_EQ(now[ids[2]], "done");
  EXPECT_EQ(now[ids[3]], "open");

  // A fresh checklist: unticking a done task reopens it; an in-progress task
  // left unticked stays in progress, ticked it is done.
  std::string fresh = export_md(ws, "fresh.md", "topic");
  fresh = set_box(fresh, ids[0], ' ');
  ws.write("fresh.md", fresh);
  r = rplan(ws, {"sync", "fresh.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("0 tasks marked done, 1 reopened"), std::string::npos) << r.out;
  now = statuses(ws);
  EXPECT_EQ(now[ids[0]], "open");
  EXPECT_EQ(now[ids[1]], "in-progress");
  ws.write("fresh.md", set_box(fresh, ids[1], 'x'));
  ASSERT_EQ(rplan(ws, {"sync", "fresh.md"}).exit_code, 0);
  EXPECT_EQ(statuses(ws)[ids[1]], "done");
}

TEST(ChecklistSyncTest, TextEditsAreIgnoredAndSaidSo) {
  Workspace ws;
  run_plan(ws);
  std::string checklist = slurp(ws.path("out/checklist.md"));
  const auto ids = item_ids(checklist);
  const auto before = rplan(ws, {"show", ids[0]}).out;
  checklist = set_box(checklist, ids[0], 'x');
  const auto marker = checklist.find("<!-- rplan:" + ids[0]);
  checklist.insert(marker, "EDITED ");
  ws.write("c.md", checklist);
  const auto r = rplan(ws, {"sync", "c.md"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("1 task marked done, 0 reopened; 1 item's text edited in the checklist was "
                       "ignored \u2014 edit the topic document instead"),
            std::string::npos)
      << r.out;
  const auto after = rplan(ws, {"show", ids[0]}).out;
  EXPECT_EQ(after.find("EDITED"), std::string::npos) << after;
  EXPECT_EQ(statuses(ws)[ids[0]], "done");
}

TEST(ChecklistSyncTest, UnknownOrRepeatedIdsAreReportedWithTheirLinesAndChangeNothing) {
  Workspace ws;
  run_plan(ws);
  const auto before = statuses(ws);
  std::string checklist = slurp(ws.path("out/checklist.md"));
  const auto ids = item_ids(checklist);
  checklist = set_box(checklist, ids[0], 'x');
  // An unknown id on one item, another item twice.
  const auto unknown_at = checklist.find("rplan:" + ids[1] + " ");
  checklist.replace(unknown_at, 6 + ids[1].size(), "rplan:zzzzzz");
  const auto line_start = checklist.rfind('\n', checklist.find("rplan:" + ids[2] + " ")) + 1;
  const auto line_end = checklist.find('\n', line_start) + 1;
  checklist += checklist.substr(line_start, line_end - line_start);
  ws.write("bad.md", checklist);

  std::vector<std::string> lines;
  std::istringstream in(checklist);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  auto line_of = [&](const std::string& needle, bool last) {
    int found = 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      if (lines[i].find(needle) != std::string::npos) {
        found = static_cast<int>(i + 1);
        if (!last) break;
      }
    }
    return std::to_string(found);
  };

  const auto r = rplan(ws, {"sync", "bad.md"});
  EXPECT_EQ(r.exit_code, 65) << r.out;
  EXPECT_NE(r.err.find("bad.md:" + line_of("rplan:zzzzzz", false) +
                       ": error: no task has the id \"zzzzzz\""),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad.md:" + line_of("rplan:" + ids[2] + " ", true) + ": error: task " +
                       ids[2] + " is listed twice"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("bad.md: error: no task was changed"), std::string::npos) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(statuses(ws), before);
}

TEST(ChecklistSyncTest, MissingInputsAndForeignFilesAreRefused) {
  Workspace ws;
  auto r = ws.run({"sync", "nope.md"});
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_NE(r.err.find("nope.md"), std::string::npos) << r.err;

  ws.write("t.md", "### Caching\n**Research Prompts**:\n- Research Redis\n");
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  ws.write("plain.md", "# Notes\n\n- [ ] a task of my own\n");
  r = ws.run({"sync", "plain.md"});
  EXPECT_EQ(r.exit_code, 65) << r.err;
  EXPECT_NE(r.err.find("holds no rplan checklist items"), std::string::npos) << r.err;

  ws.write("c.md", "- [x] a <!-- rplan:abcdef status=open -->\n");
  r = ws.run({"--db", "missing.db", "sync", "c.md"});
  EXPECT_EQ(r.exit_code, 66) << r.err;
  EXPECT_NE(r.err.find("missing.db"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ws.path("missing.db")));

  r = ws.run({"sync"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(ChecklistSyncTest, ExportRejectsAnUnknownGrouping) {
  Workspace ws;
  run_plan(ws);
  const auto r = rplan(ws, {"export", "md", "--out", "x.md", "--group", "month"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--group month"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(ws.path("x.md")));
}

}  // namespace
}  // namespace rplan::e2e
