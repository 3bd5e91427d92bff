#include <gtest/gtest.h>

#include "exporters/xlsx_builder.hpp"
#include "planner/util/text.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"

namespace rplan::exporters::xlsx {
namespace {

using namespace testing;

constexpr int k_label = 1, k_who = 2, k_timeline = 3;

// The header row: the one whose first cell reads "ID".
const Row& header_of(const std::vector<Row>& rows) {
  const Row* header = row_with(rows, 0, "ID");
  EXPECT_NE(header, nullptr);
  return *header;
}

std::optional<Style> column_style(const SheetLayout& layout, int column) {
  for (const auto& spec : layout.columns) {
    if (spec.first <= column && column <= spec.last) return spec.style;
  }
  return std::nullopt;
}

TEST(XlsxGanttSheetTest, ShortPlansGetAColumnPerDayWithWeekendsAndHolidaysShaded) {
  const model::Project project = sample_project();
  const WorkbookBuilder builder(project);
  const auto rows = all_rows(builder, SheetId::gantt);
  const Row& header = header_of(rows);
  ASSERT_EQ(header.cells.size(), 3u + 8u);  // 2026-12-07 .. 2026-12-14
  EXPECT_EQ(header.cells[3].type, Cell::Type::date_time);
  EXPECT_EQ(header.cells[3].style, Style::day_header);
  EXPECT_DOUBLE_EQ(header.cells[3].number, excel_serial(day("2026-12-07")));
  EXPECT_DOUBLE_EQ(header.cells.back().number, excel_serial(day("2026-12-14")));

  const SheetLayout layout = builder.layout(SheetId::gantt);
  EXPECT_EQ(layout.name, "Gantt");
  EXPECT_EQ(column_style(layout, k_timeline + 2), std::nullopt);    // Wednesday
  EXPECT_EQ(column_style(layout, k_timeline + 3), Style::holiday);  // Thursday 10th
  EXPECT_EQ(column_style(layout, k_timeline + 4), std::nullopt);    // Friday: Ada works
  EXPECT_EQ(column_style(layout, k_timeline + 5), Style::weekend);  // Saturday
  EXPECT_EQ(column_style(layout, k_timeline + 6), Style::weekend);  // Sunday
  EXPECT_EQ(layout.freeze_rows, header.index + 1);
  EXPECT_EQ(layout.freeze_columns, k_timeline);
}

TEST(XlsxGanttSheetTest, GroupsTaskRowsUnderTheirTopic) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  const Row* topic = row_with(rows, k_label, "1. Spreadsheet Injection");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(find_cell(*topic, k_label)->style, Style::topic);
  for (int i = 1; i <= 4; ++i) {
    const Row* row = find_row(rows, topic->index + i);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(find_cell(*row, 0)->text, project.tasks[static_cast<std::size_t>(i - 1)].id);
  }
  const Row* next = find_row(rows, topic->index + 5);
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(find_cell(*next, k_label)->text, "日本語のトピック");  // no number
  // The topic's bar runs from its first to its last day of work.
  EXPECT_EQ(topic->cells.back().column, k_timeline + 7);
  EXPECT_EQ(topic->cells.back().style, Style::topic_span);
}

TEST(XlsxGanttSheetTest, FillsTheDaysWorkedInTheAssigneesColour) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  const Row* row = row_with(rows, 0, "aaa4");  // Bo: Tuesday 8th and Monday 14th
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(find_cell(*row, k_label)->text, "@SUM(A1)");
  EXPECT_EQ(find_cell(*row, k_label)->type, Cell::Type::text);
  EXPECT_EQ(find_cell(*row, k_who)->text, "Bo");
  ASSERT_EQ(row->cells.size(), 3u + 2u);
  EXPECT_EQ(row->cells[3].column, k_timeline + 1);
  EXPECT_EQ(row->cells[4].column, k_timeline + 7);
  for (int c : {3, 4}) {
    EXPECT_EQ(row->cells[static_cast<std::size_t>(c)].style, Style::person);
    EXPECT_EQ(row->cells[static_cast<std::size_t>(c)].colour, 1);
    EXPECT_EQ(row->cells[static_cast<std::size_t>(c)].type, Cell::Type::empty);
  }
  const Row* unplanned = row_with(rows, 0, "bbb2");
  ASSERT_NE(unplanned, nullptr);
  EXPECT_EQ(unplanned->cells.size(), 2u);  // id and prompt only
}

TEST(XlsxGanttSheetTest, TheLegendNamesThePeopleAndTheShading) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  std::vector<std::string> labels;
  for (const Row& row : rows) {
    if (row.index >= header_of(rows).index) break;
    for (const Cell& cell : row.cells) {
      if (cell.column >= k_timeline && cell.span > 1) labels.push_back(cell.text);
    }
  }
  EXPECT_EQ(labels, (std::vector<std::string>{"Ada", "Bo", "Weekend", "Holiday", "Topic span"}));
  const Row* legend = row_with(rows, k_who, "Legend");
  ASSERT_NE(legend, nullptr);
  EXPECT_EQ(find_cell(*legend, k_timeline)->style, Style::person);
  EXPECT_EQ(find_cell(*legend, k_timeline)->colour, 0);
}

TEST(XlsxGanttSheetTest, TheLegendNamesTwentyFourPeopleAndCountsTheRest) {
  model::Project project = sample_project();
  add_people_with_an_hour_each(project, 28);
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  std::vector<const Cell*> entries;
  for (const Row& row : rows) {
    if (row.index >= header_of(rows).index) break;
    for (const Cell& cell : row.cells) {
      if (cell.column >= k_timeline && cell.style != Style::month_header) {
        entries.push_back(&cell);
      }
    }
  }
  ASSERT_EQ(entries.size(), 24u + 3u + 1u);  // people, weekend, holiday, topic span, the rest
  EXPECT_EQ(entries[23]->text, "P21");
  EXPECT_EQ(entries.back()->text, "+6 more people (colours repeat every 12)");
  EXPECT_EQ(entries.back()->span, 1);  // runs on to the right instead of widening every entry
  EXPECT_EQ(entries.front()->span, entries[23]->span);
}

TEST(XlsxGanttSheetTest, RowsAboveTheHeaderHideTheDayShading) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  const int header = header_of(rows).index;
  int covered = 0;
  for (const Row& row : rows) {
    if (row.index >= header) break;
    EXPECT_EQ(row.background, Style::background);
    ++covered;
  }
  EXPECT_EQ(covered, header);  // every row above the header is there
}

TEST(XlsxGanttSheetTest, LongPlansSwitchToAColumnPerWeekHoldingHours) {
  const model::Project project = sample_project();
  GanttLimits limits;
  limits.max_daily_working_days = 4;  // the plan has 5
  const WorkbookBuilder builder(project, limits);
  const auto rows = all_rows(builder, SheetId::gantt);
  const Row& header = header_of(rows);
  ASSERT_EQ(header.cells.size(), 3u + 2u);  // weeks of the 7th and the 14th
  EXPECT_EQ(header.cells[3].style, Style::week_header);
  EXPECT_DOUBLE_EQ(header.cells[4].number, excel_serial(day("2026-12-14")));
  const Row* row = row_with(rows, 0, "aaa3");  // Ada: 6 h + 2 h in the first week
  ASSERT_NE(row, nullptr);
  ASSERT_EQ(row->cells.size(), 4u);
  EXPECT_EQ(row->cells[3].type, Cell::Type::number);
  EXPECT_DOUBLE_EQ(row->cells[3].number, 8);
  EXPECT_EQ(row->cells[3].colour, 0);
  for (const auto& spec : builder.layout(SheetId::gantt).columns) {
    EXPECT_EQ(spec.style, std::nullopt);  // no day shading in weeks
  }
  EXPECT_NE(find_cell(rows[1], 0)->text.find("One column per week"), std::string::npos);
}

TEST(XlsxGanttSheetTest, LargePlansShowOneRowPerTopic) {
  const model::Project project = sample_project();
  GanttLimits limits;
  limits.max_task_rows = 5;  // the plan has 7 tasks
  const auto rows = all_rows(WorkbookBuilder(project, limits), SheetId::gantt);
  const int first = header_of(rows).index + 1;
  ASSERT_EQ(rows.back().index, first + 2);  // three topics, nothing else
  const Row& injection = *find_row(rows, first);
  EXPECT_EQ(find_cell(injection, k_label)->text, "1. Spreadsheet Injection");
  EXPECT_EQ(find_cell(injection, k_who)->text, "2 people");
  // Monday 7th: Ada and Bo 6 h each, the tie goes to Ada (team order);
  // Tuesday 8th: the same; Wednesday 9th: Ada alone.
  const Cell* monday = find_cell(injection, k_timeline);
  ASSERT_NE(monday, nullptr);
  EXPECT_EQ(monday->colour, 0);
  const Cell* next_monday = find_cell(injection, k_timeline + 7);
  ASSERT_NE(next_monday, nullptr);
  EXPECT_EQ(next_monday->colour, 1);  // only Bo worked on it that day
  const Row& japanese = *find_row(rows, first + 1);
  EXPECT_EQ(find_cell(japanese, k_who)->text, "2 people");
  const Row& empty = *find_row(rows, first + 2);
  EXPECT_EQ(find_cell(empty, k_who), nullptr);
  EXPECT_NE(find_cell(rows[1], 0)->text.find("One row per topic"), std::string::npos);
}

TEST(XlsxGanttSheetTest, LongLabelsAreCutWithAnEllipsisAndKeepTheirTextInANote) {
  model::Project project = sample_project();
  const std::string long_prompt =
      "Research techniques for a very long prompt that would run into the assignee column";
  project.tasks[0].prompt = long_prompt;
  project.tasks[1].prompt = "日本語のとても長いプロンプトは二倍の幅を取るので早く切られます";
  const WorkbookBuilder builder(project);
  const auto rows = all_rows(builder, SheetId::gantt);
  const SheetLayout layout = builder.layout(SheetId::gantt);
  const double width = layout.columns[k_label].width;
  for (const char* id : {"aaa1", "aaa2"}) {
    SCOPED_TRACE(id);
    const Row* row = row_with(rows, 0, id);
    ASSERT_NE(row, nullptr);
    const Cell* label = find_cell(*row, k_label);
    ASSERT_TRUE(label->text.ends_with("\xE2\x80\xA6"));
    EXPECT_EQ(label->note, project.tasks[id == std::string("aaa1") ? 0 : 1].prompt);
    // Wide characters count twice, so the cut text stays inside the column.
    double units = 0;
    for (std::size_t i = 0; i < label->text.size();) {
      const util::Utf8Char c = util::decode_utf8(label->text, i);
      units += c.code_point >= 0x2E80 ? 2 : 1;
      i += c.length;
    }
    EXPECT_LE(units / 1.15, width);
  }
  // A short label is whole, without a note; the assignee is never cut here.
  const Row* short_row = row_with(rows, 0, "aaa3");
  EXPECT_EQ(find_cell(*short_row, k_label)->text, "-x");
  EXPECT_TRUE(find_cell(*short_row, k_label)->note.empty());
}

TEST(XlsxGanttSheetTest, AShortTimelinePrintsOnOnePageWidthALongOneAtAReadableScale) {
  const model::Project project = sample_project();
  const SheetLayout daily = WorkbookBuilder(project).layout(SheetId::gantt);
  EXPECT_EQ(daily.print.fit, PrintLayout::Fit::width);
  EXPECT_EQ(daily.print.repeat_rows, daily.freeze_rows);
  model::Project longer = sample_project();
  // Ten weeks later: a daily timeline far wider than a page.
  longer.tasks[0].blocks.push_back(longer.tasks[0].blocks.back());
  auto& late = longer.tasks[0].blocks.back();
  late.date = day("2027-02-15");
  const SheetLayout wide = WorkbookBuilder(longer).layout(SheetId::gantt);
  EXPECT_EQ(wide.print.fit, PrintLayout::Fit::none);
  EXPECT_LT(wide.print.scale, 100);
  EXPECT_EQ(wide.print.repeat_columns, k_timeline);  // id, task, who on every page
}

TEST(XlsxGanttSheetTest, NothingScheduledLeavesANoteAndNoTimeline) {
  model::Project project = sample_project();
  for (auto& t : project.tasks) {
    t.assignee.clear();
    t.blocks.clear();
  }
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  EXPECT_EQ(header_of(rows).cells.size(), 3u);
  EXPECT_NE(find_cell(rows[1], 0)->text.find("Nothing is scheduled"), std::string::npos);
}

TEST(XlsxGanttSheetTest, PeopleOffTheTeamStillGetAColour) {
  model::Project project = sample_project();
  project.team.pop_back();  // Bo left after the plan was made
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::gantt);
  const Row* row = row_with(rows, 0, "aaa2");
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->cells.back().colour, 1);
}

}  // namespace
}  // namespace rplan::exporters::xlsx
