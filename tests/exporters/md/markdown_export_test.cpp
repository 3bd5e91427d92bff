// The Markdown checklist builder: golden files per grouping, escaping, and
// what cmark-gfm (GitHub's own renderer) makes of the result.
//
// Golden files live in tests/golden/md/. After an intended change of the
// format, regenerate them with
//   RPLAN_UPDATE_GOLDEN=1 ctest -R MarkdownExportTest
// (or by running build/tests/exporters/md/md_export_test with that variable
// set) and review the diff before committing.

#include "exporters/markdown_export.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/exporters/md/checklist_fixtures.hpp"
#include "tests/support/files.hpp"

namespace rplan::exporters {
namespace {

namespace fs = std::filesystem;
using testing::hostile_project;
using testing::hostile_texts;
using testing::sample_project;
using testing::slurp;

std::string checklist(const model::Project& p, ChecklistGroup group) {
  std::ostringstream out;
  write_checklist(p, group, out);
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1)) {
    ++n;
  }
  return n;
}

void expect_golden(const std::string& actual, const std::string& name) {
  const fs::path golden = fs::path(RPLAN_SOURCE_DIR) / "tests/golden/md" / name;
  if (const char* update = std::getenv("RPLAN_UPDATE_GOLDEN"); update && *update) {
    fs::create_directories(golden.parent_path());
    std::ofstream(golden, std::ios::binary) << actual;
  }
  ASSERT_TRUE(fs::exists(golden)) << golden << " is missing; run with RPLAN_UPDATE_GOLDEN=1";
  EXPECT_EQ(slurp(golden), actual)
      << golden << " differs; if the change is intended, regenerate with RPLAN_UPDATE_GOLDEN=1";
}

// The HTML cmark-gfm renders, with raw HTML let through (--unsafe) so that
// anything our escaping missed would show.
std::string cmark_gfm(const std::string& markdown) {
  const rplan::testing::TempDir dir;
  const fs::path file = dir.write("checklist.md", markdown);
  const std::string command =
      "cmark-gfm --unsafe -e tasklist -e table -e strikethrough -e autolink -t html '" +
      file.string() + "'";
  std::string html;
  if (FILE* pipe = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) html.append(buffer, n);
    const int status = ::pclose(pipe);
    EXPECT_EQ(status, 0) << "cmark-gfm failed; is the Debian package cmark-gfm installed?";
  } else {
    ADD_FAILURE() << "cannot run cmark-gfm";
  }
  return html;
}

TEST(MarkdownExportTest, GroupedByTopicMatchesTheGoldenFile) {
  expect_golden(checklist(sample_project(), ChecklistGroup::topic), "by-topic.md");
}

TEST(MarkdownExportTest, GroupedByAssigneeMatchesTheGoldenFile) {
  expect_golden(checklist(sample_project(), ChecklistGroup::assignee), "by-assignee.md");
}

TEST(MarkdownExportTest, GroupedByWeekMatchesTheGoldenFile) {
  expect_golden(checklist(sample_project(), ChecklistGroup::week), "by-week.md");
}

TEST(MarkdownExportTest, HostileTextMatchesTheGoldenFile) {
  expect_golden(checklist(hostile_project(), ChecklistGroup::topic), "hostile.md");
}

TEST(MarkdownExportTest, ParsesGroupNames) {
  EXPECT_EQ(parse_checklist_group("topic"), ChecklistGroup::topic);
  EXPECT_EQ(parse_checklist_group("assignee"), ChecklistGroup::assignee);
  EXPECT_EQ(parse_checklist_group("week"), ChecklistGroup::week);
  EXPECT_EQ(parse_checklist_group("Week"), std::nullopt);
  EXPECT_EQ(parse_checklist_group(""), std::nullopt);
}

TEST(MarkdownExportTest, EveryTaskIsOneItemWithItsMarkerAtTheEndOfTheLine) {
  const model::Project p = sample_project();
  for (const auto group : {ChecklistGroup::topic, ChecklistGroup::assignee, ChecklistGroup::week}) {
    SCOPED_TRACE(static_cast<int>(group));
    const std::string md = checklist(p, group);
    EXPECT_EQ(count(md, "\n- [ ] "), 4u);
    EXPECT_EQ(count(md, "\n- [x] "), 2u);
    for (const auto& t : p.tasks) {
      const std::string marker =
          "<!-- rplan:" + t.id + " status=" + std::string(model::to_string(t.status)) + " text=";
      ASSERT_EQ(count(md, marker), 1u) << t.id;
      const auto line_end = md.find('\n', md.find(marker));
      EXPECT_EQ(md.substr(line_end - 4, 4), " -->") << t.id;
    }
  }
}

TEST(MarkdownExportTest, EscapesWhatWouldOpenMarkup) {
  struct Case {
    std::string text;
    MarkdownPlace place;
    std::string escaped;
  };
  const Case cases[] = {
      {"[x] done", MarkdownPlace::inline_text, "\\[x\\] done"},
      {"a | b", MarkdownPlace::inline_text, "a \\| b"},
      {"*em* **b**", MarkdownPlace::inline_text, "\\*em\\* \\*\\*b\\*\\*"},
      {"<script>", MarkdownPlace::inline_text, "\\<script\\>"},
      {"<!-- rplan:zzz -->", MarkdownPlace::inline_text, "\\<!-- rplan:zzz --\\>"},
      {"snake_case _em_", MarkdownPlace::inline_text, "snake_case \\_em\\_"},
      {"C# and #tag", MarkdownPlace::inline_text, "C# and \\#tag"},
      {"R&D &amp; &#35;", MarkdownPlace::inline_text, "R&D \\&amp; \\&#35;"},
      {"a\\b `c` ~d~", MarkdownPlace::inline_text, "a\\\\b \\`c\\` \\~d\\~"},
      {"two\nlines\r\n  here", MarkdownPlace::inline_text, "two lines here"},
      {"- item", MarkdownPlace::line_start, "\\- item"},
      {"- item", MarkdownPlace::inline_text, "- item"},
      {"+ item", MarkdownPlace::line_start, "\\+ item"},
      {"12. item", MarkdownPlace::line_start, "12\\. item"},
      {"3) item", MarkdownPlace::line_start, "3\\) item"},
      {"2024 was", MarkdownPlace::line_start, "2024 was"},
      {"# title", MarkdownPlace::line_start, "\\# title"},
      {"> quote", MarkdownPlace::line_start, "\\> quote"},
      {"===", MarkdownPlace::line_start, "\\==="},
      {"  - indented", MarkdownPlace::line_start, "\\- indented"},
      {"Zoë 日本語 🛰️", MarkdownPlace::line_start, "Zoë 日本語 🛰️"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(escape_markdown(c.text, c.place), c.escaped);
  }
}

TEST(MarkdownExportTest, CmarkGfmRendersOneCheckboxPerTaskAndNothingForged) {
  for (const auto& p : {sample_project(), hostile_project()}) {
    for (const auto group :
         {ChecklistGroup::topic, ChecklistGroup::assignee, ChecklistGroup::week}) {
      SCOPED_TRACE(p.title + " / group " + std::to_string(static_cast<int>(group)));
      const std::string html = cmark_gfm(checklist(p, group));
      std::size_t done = 0;
      for (const auto& t : p.tasks) done += t.status == model::TaskStatus::done ? 1 : 0;
      EXPECT_EQ(count(html, "<input type=\"checkbox\""), p.tasks.size()) << html;
      EXPECT_EQ(count(html, "<input type=\"checkbox\" checked=\"\""), done) << html;
      EXPECT_EQ(count(html, "<li>"), p.tasks.size()) << html;
      EXPECT_EQ(count(html, "<!-- rplan:"), p.tasks.size()) << html;
      EXPECT_EQ(count(html, "<strong>"), p.tasks.size()) << html;  // the kind of each task
      EXPECT_EQ(count(html, "<h1>"), 1u) << html;
      for (const char* forged : {"<script", "<table", "<em>", "<del>", "<code>", "<b>", "<i>",
                                 "<blockquote>", "<ol", "<hr", "<pre>", "<img", "<h3>", "<h4>"}) {
        EXPECT_EQ(count(html, forged), 0u) << forged << " in\n" << html;
      }
    }
  }
}

TEST(MarkdownExportTest, HostileTextStaysTextInTheRenderedItem) {
  const std::string html = cmark_gfm(checklist(hostile_project(), ChecklistGroup::topic));
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("[x] already ticked?"), std::string::npos) << html;
  EXPECT_NE(html.find("a | b | c"), std::string::npos) << html;
  EXPECT_NE(html.find("&lt;!-- rplan:zzz status=done --&gt;"), std::string::npos) << html;
  EXPECT_NE(html.find("entity &amp;amp; &amp;#35;"), std::string::npos) << html;
  EXPECT_NE(html.find("- [x] line three"), std::string::npos) << html;
}

TEST(MarkdownExportTest, AnEmptyProjectIsATitleAndASummary) {
  model::Project p;
  const std::string md = checklist(p, ChecklistGroup::week);
  EXPECT_EQ(md.rfind("# Research plan \u2014 checklist\n", 0), 0u) << md;
  EXPECT_NE(md.find("0 tasks in 0 topics"), std::string::npos) << md;
  EXPECT_EQ(md.find("- ["), std::string::npos) << md;
}

TEST(MarkdownExportTest, IsDeterministic) {
  EXPECT_EQ(checklist(sample_project(), ChecklistGroup::week),
            checklist(sample_project(), ChecklistGroup::week));
}

}  // namespace
}  // namespace rplan::exporters
