// Reading checklists back: markers, boxes, lines and text, however an editor
// has reformatted the file. Built by tests/exporters/md/CMakeLists.txt (it
// also checks the round trip through the Markdown exporter).

#include "planner/parse/checklist_reader.hpp"

#include <gtest/gtest.h>

#include <random>
#include <sstream>

#include "exporters/markdown_export.hpp"
#include "planner/util/error.hpp"
#include "tests/exporters/md/checklist_fixtures.hpp"

namespace rplan::parse {
namespace {

using model::TaskStatus;

std::vector<ChecklistItem> read(const std::string& text) { return read_checklist(text, "c.md"); }

std::vector<std::string> problems(const std::string& text) {
  try {
    read(text);
  } catch (const DiagnosticsError& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
    return out;
  }
  return {};
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

TEST(ChecklistReaderTest, ReadsIdStatusBoxLineAndText) {
  const auto items = read(
      "# Plan\n"
      "\n"
      "- [ ] **Research** Redis — Ada · 8 h <!-- rplan:a1 status=open text=abc -->\n"
      "- [x] **Analysis** Eviction <!-- rplan:a2 status=in-progress -->\n"
      "- [X] Third <!-- rplan:a3 status=done -->\n");
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].id, "a1");
  EXPECT_EQ(items[0].exported_status, TaskStatus::open);
  EXPECT_EQ(items[0].fingerprint, "abc");
  EXPECT_EQ(items[0].box, ChecklistBox::open);
  EXPECT_EQ(items[0].line, 3);
  EXPECT_EQ(items[0].text, "Research Redis — Ada · 8 h");
  EXPECT_EQ(items[1].exported_status, TaskStatus::in_progress);
  EXPECT_EQ(items[1].box, ChecklistBox::ticked);
  EXPECT_EQ(items[1].fingerprint, "");
  EXPECT_EQ(items[2].box, ChecklistBox::ticked);
  EXPECT_EQ(items[2].exported_status, TaskStatus::done);
  EXPECT_EQ(items[2].line, 5);
}

TEST(ChecklistReaderTest, SurvivesWhatEditorsDoToAFile) {
  const std::string lf =
      "## Topic\n\n"
      "- [ ] one <!-- rplan:a1 status=open -->\n"
      "- [x] two <!-- rplan:a2 status=open -->\n"
      "- [ ] three <!-- rplan:a3 status=done -->\n";
  struct Case {
    std::string name;
    std::string text;
    std::vector<int> lines;
  };
  const Case cases[] = {
      {"LF", lf, {3, 4, 5}},
      {"CRLF", replace_all(lf, "\n", "\r\n"), {3, 4, 5}},
      {"CR", replace_all(lf, "\n", "\r"), {3, 4, 5}},
      {"BOM", "\xEF\xBB\xBF" + lf, {3, 4, 5}},
      {"star markers", replace_all(lf, "- [", "* ["), {3, 4, 5}},
      {"plus markers", replace_all(lf, "- [", "+ ["), {3, 4, 5}},
      {"ordered", replace_all(lf, "- [", "1. ["), {3, 4, 5}},
      {"indented", replace_all(lf, "- [", "   - ["), {3, 4, 5}},
      {"tabs", replace_all(lf, "- [", "-\t["), {3, 4, 5}},
      {"loose list", replace_all(lf, "-->\n", "-->\n\n"), {3, 5, 7}},
      {"nested under a parent",
       "## Topic\n\n- Parent\n  - [ ] one <!-- rplan:a1 status=open -->\n"
       "  - [x] two <!-- rplan:a2 status=open -->\n"
       "    - [ ] three <!-- rplan:a3 status=done -->\n",
       {4, 5, 6}},
      {"reflowed marker",
       "## Topic\n\n- [ ] one a long\n  line <!-- rplan:a1\n  status=open -->\n"
       "- [x] two\n  <!-- rplan:a2 status=open -->\n"
       "- [ ] three <!-- rplan:a3 status=done -->\n",
       {3, 6, 8}},
      {"extra spaces in the marker", replace_all(lf, "<!-- rplan:", "<!--   rplan:"), {3, 4, 5}},
      {"CRLF, stars, indentation",
       replace_all(replace_all(lf, "- [", "  * ["), "\n", "\r\n"),
       {3, 4, 5}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto items = read(c.text);
    ASSERT_EQ(items.size(), 3u);
    EXPECT_EQ(items[0].id, "a1");
    EXPECT_EQ(items[0].box, ChecklistBox::open);
    EXPECT_EQ(items[1].id, "a2");
    EXPECT_EQ(items[1].box, ChecklistBox::ticked);
    EXPECT_EQ(items[2].id, "a3");
    EXPECT_EQ(items[2].box, ChecklistBox::open);
    EXPECT_EQ(items[2].exported_status, TaskStatus::done);
    for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(items[i].line, c.lines[i]) << i;
  }
}

TEST(ChecklistReaderTest, NestedItemsKeepTheirOwnTextAndMarkers) {
  const auto items = read(
      "- [ ] parent <!-- rplan:p status=open -->\n"
      "  more parent text\n"
      "  - [x] child <!-- rplan:c status=open -->\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].id, "p");
  EXPECT_EQ(items[0].text, "parent more parent text");
  EXPECT_EQ(items[1].id, "c");
  EXPECT_EQ(items[1].text, "child");
  EXPECT_EQ(items[1].box, ChecklistBox::ticked);
}

TEST(ChecklistReaderTest, MarkersThatAreNotMarkersAreIgnored) {
  const auto items = read(
      "<!-- Written by rplan. -->\n\n"
      "- [ ] escaped \\<!-- rplan:e1 status=done --\\>\n"
      "- [ ] code `<!-- rplan:e2 status=done -->`\n"
      "- [ ] another comment <!-- note: rplan:e3 status=done -->\n\n"
      "```\n- [x] fenced <!-- rplan:e4 status=done -->\n```\n\n"
      "- [ ] plain task without a marker\n");
  EXPECT_TRUE(items.empty());
}

TEST(ChecklistReaderTest, AMarkerWithoutABoxIsReportedAsMissing) {
  const auto items = read(
      "- plain item <!-- rplan:a1 status=open -->\n\n"
      "paragraph <!-- rplan:a2 status=done -->\n");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].box, ChecklistBox::missing);
  EXPECT_EQ(items[0].line, 1);
  EXPECT_EQ(items[1].box, ChecklistBox::missing);
  EXPECT_EQ(items[1].line, 3);
}

TEST(ChecklistReaderTest, ReportsEveryProblemWithItsLine) {
  EXPECT_EQ(problems("- [ ] a <!-- rplan:a1 status=open -->\n"
                     "- [x] b <!-- rplan:a2 status=open -->\n"
                     "- [x] c <!-- rplan:a1 status=open -->\n"
                     "- [ ] d <!-- rplan:a4 status=finished -->\n"
                     "- [ ] e <!-- rplan:a5 -->\n"
                     "- [ ] f <!-- rplan: status=open -->\n"
                     "- [ ] g <!-- rplan:a7 status=open --> <!-- rplan:a8 status=open -->\n"),
            (std::vector<std::string>{
                "c.md:3: error: task a1 is listed twice (lines 1 and 3); keep one of the two items",
                "c.md:4: error: the rplan marker of task a4 has status=finished; expected open, "
                "in-progress or done",
                "c.md:5: error: the rplan marker of task a5 has no status=; it should read "
                "<!-- rplan:a5 status=open --> (as exported)",
                "c.md:6: error: an rplan marker without a task id: write <!-- rplan:ID "
                "status=open -->",
                "c.md:7: error: one item holds the rplan markers of tasks a7, a8; each task needs "
                "its own item",
            }));
}

TEST(ChecklistReaderTest, UnknownIdsAreReportedWithTheirLines) {
  const KnownTask known = [](const std::string& id) { return id != "gone" && id != "other"; };
  try {
    read_checklist(
        "- [ ] a <!-- rplan:a1 status=open -->\n"
        "- [x] b <!-- rplan:gone status=open -->\n"
        "- [x] c <!-- rplan:other status=open -->\n",
        "c.md", known);
    FAIL() << "no error";
  } catch (const DiagnosticsError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].line, 2);
    EXPECT_EQ(e.diagnostics()[0].message.rfind("no task has the id \"gone\"", 0), 0u);
    EXPECT_EQ(e.diagnostics()[1].line, 3);
  }
  EXPECT_EQ(read_checklist("- [ ] a <!-- rplan:a1 status=open -->\n", "c.md", known).size(), 1u);
}

TEST(ChecklistReaderTest, AnEmptyFileHasNoItems) {
  EXPECT_TRUE(read("").empty());
  EXPECT_TRUE(read("\xEF\xBB\xBF").empty());
  EXPECT_TRUE(read("# Just a title\n").empty());
}

// The exporter's output, read back: one item per task, each with the box,
// status and id it was written with, and text whose fingerprint matches, so
// an untouched checklist reports no edits, hostile text included.
TEST(ChecklistReaderTest, ReadsBackWhatTheExporterWritesInEveryGrouping) {
  using exporters::ChecklistGroup;
  for (const auto& project : {testing::sample_project(), testing::hostile_project()}) {
    for (const auto group :
         {ChecklistGroup::topic, ChecklistGroup::assignee, ChecklistGroup::week}) {
      SCOPED_TRACE(project.title + " / group " + std::to_string(static_cast<int>(group)));
      std::ostringstream out;
      exporters::write_checklist(project, group, out);
      const auto items = read(out.str());
      ASSERT_EQ(items.size(), project.tasks.size()) << out.str();
      for (const auto& item : items) {
        SCOPED_TRACE(item.id);
        const auto it = std::find_if(project.tasks.begin(), project.tasks.end(),
                                     [&](const model::Task& t) { return t.id == item.id; });
        ASSERT_NE(it, project.tasks.end());
        EXPECT_EQ(item.exported_status, it->status);
        EXPECT_EQ(item.box,
                  it->status == TaskStatus::done ? ChecklistBox::ticked : ChecklistBox::open);
        EXPECT_EQ(exporters::checklist_fingerprint(item.text), item.fingerprint) << item.text;
      }
    }
  }
}

TEST(ChecklistReaderTest, AnEditedTextNoLongerMatchesItsFingerprint) {
  std::ostringstream out;
  exporters::write_checklist(testing::sample_project(), exporters::ChecklistGroup::topic, out);
  const std::string edited = replace_all(out.str(), "Redis and Memcached", "Redis only");
  const auto items = read(edited);
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0].id, "a1");
  EXPECT_NE(exporters::checklist_fingerprint(items[0].text), items[0].fingerprint);
  EXPECT_EQ(exporters::checklist_fingerprint(items[1].text), items[1].fingerprint);
}

// Mutated checklists (bytes dropped, doubled, or replaced by Markdown and
// marker syntax) are read without crashing: items or diagnostics, nothing else.
TEST(ChecklistReaderTest, SurvivesMangledInput) {
  std::ostringstream out;
  exporters::write_checklist(testing::hostile_project(), exporters::ChecklistGroup::week, out);
  const std::string original = out.str();
  const std::string pieces[] = {
      "<!--", "-->", "rplan:",       " status=",          "[x]", "\n", "\r", "- ", "  ",
      "`",    "<",   "\xEF\xBB\xBF", std::string(1, '\0')};
  std::mt19937 random(42);
  for (int round = 0; round < 300; ++round) {
    std::string text = original;
    for (int edit = 0; edit < 20 && !text.empty(); ++edit) {
      const std::size_t at = random() % text.size();
      switch (random() % 3) {
        case 0:
          text.erase(at, random() % 8);
          break;
        case 1:
          text.insert(at, text.substr(at, random() % 40));
          break;
        default:
          text.insert(at, pieces[random() % std::size(pieces)]);
          break;
      }
    }
    try {
      for (const auto& item : read_checklist(text, "m.md")) {
        EXPECT_FALSE(item.id.empty());
        EXPECT_GE(item.line, 1);
      }
    } catch (const DiagnosticsError& e) {
      EXPECT_FALSE(e.diagnostics().empty());
    }
  }
}

}  // namespace
}  // namespace rplan::parse
