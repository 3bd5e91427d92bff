// The CSV export: RFC 4180 quoting and CSV-injection neutralising, checked
// field by field and by reading whole files back with Python's csv module.

#include "exporters/csv_export.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/e2e/run_rplan.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::exporters {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using Rows = std::vector<std::vector<std::string>>;

// The rows Python's csv module reads from `file` (UTF-8, newline='' as its
// documentation asks), as lists of strings.
Rows python_csv(const fs::path& file) {
  const std::string command = std::string(RPLAN_PYTHON) +
                              " -c \"import csv,json,sys\n"
                              "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                              "    print(json.dumps(list(csv.reader(f, strict=True))))\" '" +
                              file.string() + "'";
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) {
    ADD_FAILURE() << "cannot run " << RPLAN_PYTHON;
    return {};
  }
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) out.append(buffer, n);
  EXPECT_EQ(::pclose(pipe), 0) << command;
  return json::parse(out).get<Rows>();
}

const std::vector<std::string> k_header = {"id",    "topic_id", "topic_number", "topic",
                                           "kind",  "prompt",   "assignee",     "estimate_hours",
                                           "start", "finish",   "status",       "depends_on"};

TEST(CsvExportTest, QuotesOnlyWhatRfc4180Requires) {
  struct Case {
    std::string text;
    std::string field;
  };
  const Case cases[] = {
      {"plain", "plain"},
      {"", ""},
      {"a,b", "\"a,b\""},
      {"say \"hi\"", "\"say \"\"hi\"\"\""},
      {"two\nlines", "\"two\nlines\""},
      {"cr\rlf", "\"cr\rlf\""},
      {"Zoë 日本語", "Zoë 日本語"},
      {" spaced ", " spaced "},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(csv_field(c.text), c.field);
  }
}

TEST(CsvExportTest, NeutralisesCellsASpreadsheetWouldRunAsFormulas) {
  struct Case {
    std::string text;
    std::string field;
  };
  const Case cases[] = {
      {"=1+2", "'=1+2"},
      {"+1", "'+1"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tTAB", "'\tTAB"},
      {"\rCR", "\"'\rCR\""},
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"a=b", "a=b"},
      {"x-y", "x-y"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(csv_field(c.text), c.field);
  }
}

model::Project hostile_project() {
  using model::TaskKind;
  rplan::testing::ProjectBuilder b;
  b.topic("t1", "Caching, \"fast\" and\nslow").number(3);
  b.task("a", TaskKind::research, "Research Redis, Memcached, and \"Hazelcast\"", 6.5)
      .task("b", TaskKind::research, "line one\r\nline two", 6.5)
      .depends_on({"a", "c"})
      .status(model::TaskStatus::in_progress)
      .task("c", TaskKind::research, "=HYPERLINK(\"http://evil\",\"click\")", 6.5)
      .task("d", TaskKind::research, "+SUM(1,2)", 6.5)
      .task("e", TaskKind::research, "-1+1", 6.5)
      .task("f", TaskKind::research, "@cmd", 6.5)
      .task("g", TaskKind::research, "Zoë 日本語 🛰️", 6.5);
  return b.build();
}

TEST(CsvExportTest, PythonReadsBackEveryFieldOfTheTasksTable) {
  std::ostringstream out;
  write_tasks_csv(hostile_project(), out);
  const std::string text = out.str();
  EXPECT_EQ(text.rfind("id,topic_id,topic_number,topic,kind,prompt,assignee,estimate_hours,start,"
                       "finish,status,depends_on\r\n",
                       0),
            0u);
  EXPECT_TRUE(text.ends_with("\r\n"));
  const rplan::testing::TempDir dir;
  const Rows rows = python_csv(dir.write("tasks.csv", text));
  ASSERT_EQ(rows.size(), 8u);
  EXPECT_EQ(rows[0], k_header);
  const std::vector<std::string> prompts = {"Research Redis, Memcached, and \"Hazelcast\"",
                                            "line one\r\nline two",
                                            "'=HYPERLINK(\"http://evil\",\"click\")",
                                            "'+SUM(1,2)",
                                            "'-1+1",
                                            "'@cmd",
                                            "Zoë 日本語 🛰️"};
  for (std::size_t i = 0; i < prompts.size(); ++i) {
    SCOPED_TRACE(i);
    ASSERT_EQ(rows[i + 1].size(), k_header.size());
    EXPECT_EQ(rows[i + 1][3], "Caching, \"fast\" and\nslow");
    EXPECT_EQ(rows[i + 1][2], "3");
    EXPECT_EQ(rows[i + 1][5], prompts[i]);
    EXPECT_EQ(rows[i + 1][7], "6.5");
  }
  EXPECT_EQ(rows[2][10], "in-progress");
  EXPECT_EQ(rows[2][11], "a c");
}

// Through the binary: a topic document with commas, quotes and formulas in
// its text, planned, exported with `rplan export csv`, read back by Python.
TEST(CsvExportTest, TheExportedFileReadsBackInPython) {
  e2e::Workspace ws;
  ws.write("t.md",
           "# Doc\n\n### Caching, \"Fast\" Paths\n**Research Prompts**:\n"
           "- Research Redis, Memcached, and \"Hazelcast\"\n"
           "- =HYPERLINK(\"http://evil\",\"click\")\n"
           "- @SUM(1,2)\n"
           "- +cmd|' /C calc'!A0\n");
  ASSERT_EQ(ws.run({"import", "t.md"}).exit_code, 0);
  ASSERT_EQ(ws.run({"team", "add", "Ada, the \"first\""}).exit_code, 0);
  auto r = ws.run({"plan", "--start", "2026-12-07"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = ws.run({"export", "csv", "--out", "tasks.csv"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const Rows rows = python_csv(ws.path("tasks.csv"));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], k_header);
  EXPECT_EQ(rows[1][3], "Caching, \"Fast\" Paths");
  EXPECT_EQ(rows[1][5], "Research Redis, Memcached, and \"Hazelcast\"");
  EXPECT_EQ(rows[2][5], "'=HYPERLINK(\"http://evil\",\"click\")");
  EXPECT_EQ(rows[3][5], "'@SUM(1,2)");
  EXPECT_EQ(rows[4][5], "'+cmd|' /C calc'!A0");
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_EQ(rows[i][6], "Ada, the \"first\"");
    EXPECT_EQ(rows[i][10], "open");
    EXPECT_FALSE(rows[i][8].empty());  // planned: a start
  }
  // `list --format csv` writes the same table.
  r = ws.run({"list", "--format", "csv"});
  EXPECT_EQ(r.out, e2e::slurp(ws.path("tasks.csv")));
}

}  // namespace
}  // namespace rplan::exporters
