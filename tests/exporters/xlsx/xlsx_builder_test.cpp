#include "exporters/xlsx_builder.hpp"

#include <gtest/gtest.h>

#include "planner/model/plan_diff.hpp"
#include "planner/model/workload.hpp"

#include "planner/model/workbook_format.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"

namespace rplan::exporters::xlsx {
namespace {

using namespace testing;

// Tasks sheet columns.
constexpr int k_id = 0, k_number = 1, k_topic = 2, k_kind = 3, k_prompt = 4, k_status = 5,
              k_assignee = 6, k_estimate = 7, k_spent = 8, k_remaining = 9, k_start = 10,
              k_finish = 11, k_slack = 12, k_zone = 13, k_depends = 14;

TEST(XlsxCellTextTest, KeepsFormulaLikeTextAsTyped) {
  for (const char* text : {"=1+1", "+cmd", "-x", "@SUM(A1)", "=HYPERLINK(\"http://x\")"}) {
    SCOPED_TRACE(text);
    EXPECT_EQ(cell_text(text), text);
  }
}

TEST(XlsxCellTextTest, KeepsNonLatinTextAndEmoji) {
  EXPECT_EQ(cell_text("日本語 Ελληνικά Приве́т 🚀"), "日本語 Ελληνικά Приве́т 🚀");
}

TEST(XlsxCellTextTest, ReplacesWhatXmlCannotCarry) {
  EXPECT_EQ(cell_text(std::string("a\x01"
                                  "b\x1f"
                                  "c",
                                  5)),
            "a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD"
            "c");
  EXPECT_EQ(cell_text("tab\tand\nline"), "tab\tand\nline");
  EXPECT_EQ(cell_text("bad \xC3 byte"), "bad \xEF\xBF\xBD byte");
}

TEST(XlsxCellTextTest, EscapesWhatExcelWouldReadAsAnEscape) {
  EXPECT_EQ(cell_text("see _x0041_ here"), "see _x005F_x0041_ here");
  EXPECT_EQ(cell_text("_x00zz_ and _x12_ stay"), "_x00zz_ and _x12_ stay");
}

TEST(XlsxCellTextTest, CutsTextPastExcelsLimitOnACharacterBoundary) {
  const std::string text = cell_text(std::string(40'000, 'a'));
  EXPECT_EQ(text.size(), 32'766u + 3u);  // 32,766 letters and a three-byte ellipsis
  EXPECT_EQ(text.substr(text.size() - 3), "\xE2\x80\xA6");

  std::string emoji;  // 🚀 is two UTF-16 units, as Excel counts
  for (int i = 0; i < 20'000; ++i) emoji += "🚀";
  const std::string cut = cell_text(emoji);
  EXPECT_EQ(cut.size(), 16'383u * 4 + 3);
  EXPECT_EQ(cell_text(std::string(32'767, 'b')), std::string(32'767, 'b'));
}

TEST(XlsxExcelSerialTest, CountsDaysFromExcelsEpoch) {
  EXPECT_DOUBLE_EQ(excel_serial(day("2026-12-07")), 46363);
  EXPECT_DOUBLE_EQ(excel_serial(day("2026-12-07"), 9 * 60), 46363.375);
  EXPECT_DOUBLE_EQ(excel_serial(day("1900-03-01")), 61);
}

TEST(XlsxPersonColourTest, FollowsThePaletteAndRepeats) {
  EXPECT_EQ(person_colour(0), k_palette[0]);
  EXPECT_EQ(person_colour(static_cast<int>(k_palette.size()) + 1), k_palette[1]);
  EXPECT_EQ(person_colour(-1), k_others_colour);
}

TEST(XlsxPropertiesTest, TakeTheTitleAndTheCreationTimeFromThePlan) {
  const model::Project project = sample_project();
  const DocumentProperties p = WorkbookBuilder(project).properties();
  EXPECT_EQ(p.title, "Formulas & Ünïcödé");
  EXPECT_EQ(p.author, "rplan");
  EXPECT_EQ(p.created, project.plan.created_at.time_since_epoch().count());
  EXPECT_NE(p.subject.find("7 tasks, 2026-12-07 to 2026-12-14"), std::string::npos);
}

TEST(XlsxTasksSheetTest, HasAHeaderAndOneRowPerTaskInOrder) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  ASSERT_EQ(rows.size(), project.tasks.size() + 1);
  const std::vector<std::string> headers = {
      "ID",        "No.",          "Topic",     "Kind",          "Prompt",        "Status",
      "Assignee",  "Estimate (h)", "Spent (h)", "Remaining (h)", "Start (local)", "Finish (local)",
      "Slack (h)", "Time zone",    "Depends on"};
  ASSERT_EQ(rows[0].cells.size(), headers.size());
  for (std::size_t c = 0; c < headers.size(); ++c) {
    EXPECT_EQ(rows[0].cells[c].text, headers[c]);
    const bool editable = c >= k_status && c <= k_remaining;
    EXPECT_EQ(rows[0].cells[c].style, editable ? Style::editable_header : Style::header) << c;
    // Every editable header says so in its note.
    if (editable) {
      EXPECT_NE(rows[0].cells[c].note.find("You can edit"), std::string::npos);
    }
  }
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    EXPECT_EQ(rows[i + 1].index, static_cast<int>(i) + 1);
    EXPECT_EQ(find_cell(rows[i + 1], k_id)->text, project.tasks[i].id);
  }
}

// The Slack column holds model::plan_slack's hours (0 on the critical chain),
// nothing for a task without planned work.
TEST(XlsxTasksSheetTest, SlackIsThePlansSlackInHours) {
  const model::Project project = sample_project();
  const auto slack = model::plan_slack(project);
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  bool critical = false;
  for (std::size_t i = 0; i < project.tasks.size(); ++i) {
    SCOPED_TRACE(project.tasks[i].id);
    const Cell* cell = find_cell(rows[i + 1], k_slack);
    if (!slack[i].minutes) {
      EXPECT_EQ(cell, nullptr);
      continue;
    }
    ASSERT_NE(cell, nullptr);
    EXPECT_EQ(cell->style, Style::slack_hours);
    EXPECT_DOUBLE_EQ(cell->number, slack[i].hours());
    critical = critical || cell->number == 0;
  }
  EXPECT_TRUE(critical);
}

TEST(XlsxTasksSheetTest, FormulaLikePromptsAreTextCells) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  for (const char* prompt : {"=1+1", "+cmd", "-x", "@SUM(A1)"}) {
    SCOPED_TRACE(prompt);
    const Row* row = row_with(rows, k_prompt, prompt);
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(find_cell(*row, k_prompt)->type, Cell::Type::text);
    EXPECT_EQ(find_cell(*row, k_prompt)->style, Style::wrapped);
  }
  EXPECT_NE(row_with(rows, k_prompt, "Investigate 日本語 and Ελληνικά tokenizers 🚀"), nullptr);
}

TEST(XlsxTasksSheetTest, StartAndFinishAreLocalDateTimes) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  const Row& ada = rows[1];  // aaa1: Ada, 09:00-15:00 Berlin time
  EXPECT_EQ(find_cell(ada, k_start)->type, Cell::Type::date_time);
  EXPECT_EQ(find_cell(ada, k_start)->style, Style::date_time);
  EXPECT_DOUBLE_EQ(find_cell(ada, k_start)->number, 46363.375);
  EXPECT_DOUBLE_EQ(find_cell(ada, k_finish)->number, 46363.625);
  EXPECT_EQ(find_cell(ada, k_zone)->text, "Europe/Berlin");
  const Row& spans = rows[4];  // aaa4: Monday 09:00 to the next Monday 10:00
  EXPECT_DOUBLE_EQ(find_cell(spans, k_start)->number, 46364.375);
  EXPECT_DOUBLE_EQ(find_cell(spans, k_finish)->number, 46370 + 10.0 / 24);
}

TEST(XlsxTasksSheetTest, RowsCarryTopicKindEstimateStatusAndDependencies) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  const Row& row = rows[4];
  EXPECT_EQ(find_cell(row, k_number)->type, Cell::Type::number);
  EXPECT_EQ(find_cell(row, k_number)->number, 1);
  EXPECT_EQ(find_cell(row, k_topic)->text, "Spreadsheet Injection");
  EXPECT_EQ(find_cell(row, k_kind)->text, "Research");
  EXPECT_EQ(find_cell(row, k_assignee)->text, "Bo");
  EXPECT_EQ(find_cell(row, k_estimate)->type, Cell::Type::number);
  EXPECT_DOUBLE_EQ(find_cell(row, k_estimate)->number, 7);
  EXPECT_EQ(find_cell(row, k_status)->text, "open");
  EXPECT_DOUBLE_EQ(find_cell(row, k_spent)->number, 0);
  EXPECT_DOUBLE_EQ(find_cell(row, k_remaining)->number, 7);
  EXPECT_EQ(find_cell(row, k_depends)->text, "aaa1, aaa2");
  EXPECT_EQ(find_cell(rows[2], k_status)->text, "in-progress");
  EXPECT_EQ(find_cell(rows[7], k_status)->text, "done");
  EXPECT_EQ(find_cell(rows[5], k_number), nullptr);  // a topic without a number
}

TEST(XlsxTasksSheetTest, AnUnplannedTaskHasNoAssigneeOrDates) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  const Row* row = row_with(rows, k_id, "bbb2");
  ASSERT_NE(row, nullptr);
  // An empty assignee cell, written for its fill (it can be typed into).
  ASSERT_NE(find_cell(*row, k_assignee), nullptr);
  EXPECT_NE(find_cell(*row, k_assignee)->type, Cell::Type::text);
  EXPECT_EQ(find_cell(*row, k_assignee)->style, Style::editable);
  EXPECT_EQ(find_cell(*row, k_start), nullptr);
  EXPECT_EQ(find_cell(*row, k_finish), nullptr);
  EXPECT_DOUBLE_EQ(find_cell(*row, k_estimate)->number, 4);
}

TEST(XlsxTasksSheetTest, LongPromptsGetTallerRows) {
  model::Project project = sample_project();
  project.tasks[0].prompt = std::string(300, 'w');
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  EXPECT_GT(rows[1].height, 15);
  EXPECT_LE(rows[1].height, 8 * 15);
  EXPECT_EQ(rows[2].height, 0);  // one line: the default height
}

TEST(XlsxTasksSheetTest, LayoutFreezesTheHeaderFiltersAndOffersStatuses) {
  const model::Project project = sample_project();
  const SheetLayout layout = WorkbookBuilder(project).layout(SheetId::tasks);
  EXPECT_EQ(layout.name, "Tasks");
  EXPECT_EQ(layout.freeze_rows, 1);
  ASSERT_TRUE(layout.autofilter);
  EXPECT_EQ(layout.autofilter->last_row, 7);
  EXPECT_EQ(layout.autofilter->last_column, k_depends);
  ASSERT_EQ(layout.validations.size(), 2u);
  const Validation& status = layout.validations[0];
  EXPECT_EQ(status.range.first_row, 1);
  EXPECT_EQ(status.range.last_row, 7);
  EXPECT_EQ(status.range.first_column, k_status);
  EXPECT_EQ(status.values, (std::vector<std::string>{"open", "in-progress", "done"}));
  const Validation& hours = layout.validations[1];
  EXPECT_EQ(hours.range.first_column, k_estimate);
  EXPECT_EQ(hours.range.last_column, k_remaining);
  EXPECT_TRUE(hours.values.empty());
  EXPECT_EQ(hours.maximum, 10000);
  ASSERT_EQ(layout.columns.size(), 15u);
  EXPECT_GE(layout.columns[k_prompt].width, 50);
  // Printed landscape (always), one page wide, the header on every page;
  // protected without a password, hidden only for the sync sheet.
  EXPECT_EQ(layout.print.fit, PrintLayout::Fit::width);
  EXPECT_EQ(layout.print.repeat_rows, 1);
  EXPECT_TRUE(layout.protect);
  EXPECT_FALSE(layout.hidden);
}

TEST(XlsxTasksSheetTest, AnEmptyProjectHasOnlyTheHeader) {
  const model::Project project;
  const WorkbookBuilder builder(project);
  EXPECT_EQ(all_rows(builder, SheetId::tasks).size(), 1u);
  EXPECT_TRUE(builder.layout(SheetId::tasks).validations.empty());
  for (SheetId sheet : k_sheets) EXPECT_FALSE(all_rows(builder, sheet).empty());
}

TEST(XlsxTasksSheetTest, EditableCellsAreFilledAndUnlockedTheRestIsNot) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  for (std::size_t r = 1; r < rows.size(); ++r) {
    for (const Cell& cell : rows[r].cells) {
      const bool editable = cell.column >= k_status && cell.column <= k_remaining;
      const bool editable_style =
          cell.style == Style::editable || cell.style == Style::editable_hours;
      EXPECT_EQ(editable, editable_style) << "row " << r << " column " << cell.column;
    }
    // Every editable cell is written, even an empty assignee, so that its fill shows.
    for (int c = k_status; c <= k_remaining; ++c) EXPECT_NE(find_cell(rows[r], c), nullptr) << c;
  }
}

TEST(XlsxTasksSheetTest, TheAssigneeColumnShowsThePinOverThePlan) {
  model::Project project = sample_project();
  project.tasks[0].pinned_assignee = "Bo";  // planned for Ada, pinned to Bo since
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::tasks);
  EXPECT_EQ(find_cell(rows[1], k_assignee)->text, "Bo");
}

// As list, show and the JSON export: a task not done whose spent hours
// reached its estimate has the plan's minimum left, in both sheets.
TEST(XlsxTasksSheetTest, RemainingIsThePlansMinimumOnceTheSpentHoursReachTheEstimate) {
  model::Project project = sample_project();
  project.plan.minimum_remaining_hours = 2;
  model::Task& t = project.tasks[1];
  t.status = model::TaskStatus::in_progress;
  t.remaining_hours.reset();
  t.spent_hours = t.estimate.hours + 1;
  const WorkbookBuilder builder(project);
  EXPECT_DOUBLE_EQ(find_cell(all_rows(builder, SheetId::tasks)[2], k_remaining)->number, 2);
  const auto sync = all_rows(builder, SheetId::sync);
  const Row* row = row_with(sync, 0, t.id);
  ASSERT_NE(row, nullptr);
  EXPECT_DOUBLE_EQ(find_cell(*row, 5)->number, 2);
}

TEST(XlsxSyncSheetTest, IsHiddenAndHoldsTheEditableValuesByTaskId) {
  model::Project project = sample_project();
  project.tasks[1].spent_hours = 2.5;
  project.tasks[1].remaining_hours = 1;
  const WorkbookBuilder builder(project);
  const SheetLayout layout = builder.layout(SheetId::sync);
  EXPECT_EQ(layout.name, model::workbook::k_sync_sheet);
  EXPECT_TRUE(layout.hidden);
  const auto rows = all_rows(builder, SheetId::sync);
  ASSERT_EQ(rows.size(), project.tasks.size() + 2);
  EXPECT_EQ(rows[0].cells[0].text, model::workbook::k_sync_marker);
  EXPECT_DOUBLE_EQ(rows[0].cells[1].number, model::workbook::k_sync_version);
  EXPECT_EQ(rows[1].index, model::workbook::k_sync_header_row);
  EXPECT_EQ(rows[1].cells[0].text, "ID");
  for (std::size_t f = 0; f < model::workbook::k_field_count; ++f) {
    EXPECT_EQ(rows[1].cells[f + 1].text, model::workbook::header(model::workbook::k_fields[f]));
  }
  const Row& second = rows[3];
  EXPECT_EQ(second.index, model::workbook::k_sync_first_task_row + 1);
  EXPECT_EQ(find_cell(second, 0)->text, project.tasks[1].id);
  EXPECT_EQ(find_cell(second, 1)->text, "in-progress");
  EXPECT_DOUBLE_EQ(find_cell(second, 4)->number, 2.5);
  EXPECT_DOUBLE_EQ(find_cell(second, 5)->number, 1);
  const Row* unplanned = row_with(rows, 0, "bbb2");
  ASSERT_NE(unplanned, nullptr);
  EXPECT_EQ(find_cell(*unplanned, 2), nullptr);  // nobody: an empty cell
}

// Topics sheet columns.
constexpr int t_title = 1, t_tasks = 3, t_done = 4, t_hours = 5, t_done_hours = 6, t_start = 7,
              t_finish = 8, t_percent = 9;

TEST(XlsxTopicsSheetTest, SumsTasksHoursDatesAndProgressPerTopic) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::topics);
  ASSERT_EQ(rows.size(), 1u + 3u + 1u);  // header, three topics, the total
  const Row& injection = rows[1];
  EXPECT_EQ(find_cell(injection, t_title)->text, "Spreadsheet Injection");
  EXPECT_EQ(find_cell(injection, t_tasks)->number, 4);
  EXPECT_DOUBLE_EQ(find_cell(injection, t_hours)->number, 27);
  EXPECT_EQ(find_cell(injection, t_start)->type, Cell::Type::date_time);
  EXPECT_DOUBLE_EQ(find_cell(injection, t_start)->number, excel_serial(day("2026-12-07")));
  EXPECT_DOUBLE_EQ(find_cell(injection, t_finish)->number, excel_serial(day("2026-12-14")));
  EXPECT_DOUBLE_EQ(find_cell(injection, t_percent)->number, 0);

  const Row& japanese = rows[2];
  EXPECT_EQ(find_cell(japanese, t_done)->number, 1);
  EXPECT_DOUBLE_EQ(find_cell(japanese, t_done_hours)->number, 4);
  EXPECT_DOUBLE_EQ(find_cell(japanese, t_percent)->number, 4.0 / 14);
  EXPECT_EQ(find_cell(japanese, t_percent)->style, Style::percent);

  const Row& empty = rows[3];  // no tasks: no dates
  EXPECT_EQ(find_cell(empty, t_tasks)->number, 0);
  EXPECT_EQ(find_cell(empty, t_start), nullptr);

  const Row& total = rows[4];
  EXPECT_EQ(find_cell(total, t_title)->text, "All topics");
  EXPECT_EQ(find_cell(total, t_tasks)->number, 7);
  EXPECT_DOUBLE_EQ(find_cell(total, t_hours)->number, 41);
}

TEST(XlsxTopicsSheetTest, LayoutFiltersTheTopicsAndDrawsProgressBars) {
  const model::Project project = sample_project();
  const SheetLayout layout = WorkbookBuilder(project).layout(SheetId::topics);
  EXPECT_EQ(layout.name, "Topics");
  ASSERT_TRUE(layout.autofilter);
  EXPECT_EQ(layout.autofilter->last_row, 3);  // the total row stays out of sorting
  ASSERT_TRUE(layout.data_bar);
  EXPECT_EQ(layout.data_bar->range.first_column, t_percent);
}

TEST(XlsxWorkloadSheetTest, HoldsHoursPerPersonPerWeek) {
  const model::Project project = sample_project();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::workload);
  ASSERT_EQ(rows.size(), 4u);  // header, two weeks, total
  EXPECT_EQ(rows[0].cells[2].text, "Ada");
  EXPECT_EQ(rows[0].cells[3].text, "Bo");
  EXPECT_EQ(rows[0].cells[4].text, "Total");
  EXPECT_EQ(rows[1].cells[0].text, "2026-W50");
  EXPECT_EQ(rows[1].cells[1].type, Cell::Type::date_time);
  EXPECT_DOUBLE_EQ(rows[1].cells[1].number, excel_serial(day("2026-12-07")));
  EXPECT_DOUBLE_EQ(rows[1].cells[2].number, 20);
  EXPECT_DOUBLE_EQ(rows[1].cells[3].number, 16);
  EXPECT_DOUBLE_EQ(rows[1].cells[4].number, 36);
  EXPECT_EQ(rows[2].cells[0].text, "2026-W51");
  EXPECT_DOUBLE_EQ(rows[2].cells[2].number, 0);
  EXPECT_DOUBLE_EQ(rows[2].cells[3].number, 1);
  EXPECT_EQ(rows[3].cells[0].text, "Total");
  // Label, two people, Total, two capacities, Team capacity, two loads.
  ASSERT_EQ(rows[3].cells.size(), 9u);  // no week label, no burn-up
  EXPECT_DOUBLE_EQ(find_cell(rows[3], 2)->number, 20);
  EXPECT_DOUBLE_EQ(find_cell(rows[3], 3)->number, 17);
  EXPECT_DOUBLE_EQ(find_cell(rows[3], 4)->number, 37);
}

TEST(XlsxWorkloadSheetTest, CapacityAndLoadPerPersonWithAHeatMapAndTheBurnup) {
  const model::Project project = sample_project();
  const WorkbookBuilder builder(project);
  const auto rows = all_rows(builder, SheetId::workload);
  const model::Workload load(project);
  // Columns after Total: Ada capacity, Bo capacity, Team capacity, Ada load,
  // Bo load, Scope, Done, Projected.
  const std::vector<std::string> names = {"Ada capacity", "Bo capacity", "Team capacity",
                                          "Ada load",     "Bo load",     "Scope",
                                          "Done",         "Projected"};
  for (std::size_t k = 0; k < names.size(); ++k) {
    EXPECT_EQ(find_cell(rows[0], static_cast<int>(5 + k))->text, names[k]);
  }
  const auto burnup = model::burnup(project, load);
  for (int w = 0; w < 2; ++w) {
    const Row& row = rows[static_cast<std::size_t>(w) + 1];
    double team = 0;
    for (int p = 0; p < 2; ++p) {
      const double capacity = load.capacity_minutes(p, w) / 60.0;
      team += capacity;
      EXPECT_DOUBLE_EQ(find_cell(row, 5 + p)->number, capacity);
      ASSERT_GT(capacity, 0);
      const Cell* share = find_cell(row, 8 + p);
      ASSERT_NE(share, nullptr);
      EXPECT_DOUBLE_EQ(share->number, find_cell(row, 2 + p)->number / capacity);
      EXPECT_EQ(share->style, Style::percent);
    }
    EXPECT_DOUBLE_EQ(find_cell(row, 7)->number, team);
    EXPECT_DOUBLE_EQ(find_cell(row, 10)->number, burnup[static_cast<std::size_t>(w)].scope_hours);
    EXPECT_DOUBLE_EQ(find_cell(row, 11)->number, burnup[static_cast<std::size_t>(w)].done_hours);
    EXPECT_DOUBLE_EQ(find_cell(row, 12)->number,
                     burnup[static_cast<std::size_t>(w)].planned_done_hours);
  }
  const SheetLayout layout = builder.layout(SheetId::workload);
  ASSERT_TRUE(layout.heat_map);
  EXPECT_EQ(layout.heat_map->range.first_column, 8);
  EXPECT_EQ(layout.heat_map->range.last_column, 9);
  EXPECT_EQ(layout.heat_map->range.first_row, 1);
  EXPECT_EQ(layout.heat_map->range.last_row, 2);
  ASSERT_TRUE(layout.line_chart);
  ASSERT_EQ(layout.line_chart->series.size(), 3u);
  EXPECT_EQ(layout.line_chart->series[0].column, 10);
  EXPECT_GT(layout.chart->anchor_column, 12);  // beside the table, not over it
}

TEST(XlsxWorkloadSheetTest, ChartsOneStackedSeriesPerPersonOverTheWeeks) {
  const model::Project project = sample_project();
  const SheetLayout layout = WorkbookBuilder(project).layout(SheetId::workload);
  ASSERT_TRUE(layout.chart);
  const ChartSpec& chart = *layout.chart;
  EXPECT_EQ(chart.category_column, 0);  // the ISO week labels
  ASSERT_EQ(chart.series.size(), 2u);
  for (int p = 0; p < 2; ++p) {
    const ChartSeries& s = chart.series[static_cast<std::size_t>(p)];
    EXPECT_EQ(s.name_row, 0);
    EXPECT_EQ(s.column, 2 + p);
    EXPECT_EQ(s.first_row, 1);
    EXPECT_EQ(s.last_row, 2);
    EXPECT_EQ(s.colour, person_colour(p));
  }
  EXPECT_GT(chart.anchor_column, 4);  // beside the table, not over it
}

TEST(XlsxWorkloadSheetTest, PeoplePastTwentyShareAnOthersSeries) {
  model::Project project = sample_project();
  add_people_with_an_hour_each(project, 23);
  const WorkbookBuilder builder(project);
  const SheetLayout layout = builder.layout(SheetId::workload);
  ASSERT_TRUE(layout.chart);
  ASSERT_EQ(layout.chart->series.size(), 20u);
  const ChartSeries& others = layout.chart->series.back();
  EXPECT_EQ(others.colour, k_others_colour);
  const auto rows = all_rows(builder, SheetId::workload);
  EXPECT_EQ(find_cell(rows[0], others.column)->text, "Others in chart");
  // 25 people with work: 19 charted alone, 6 (one hour each) summed.
  EXPECT_DOUBLE_EQ(find_cell(rows[1], others.column)->number, 6);
}

TEST(XlsxWorkloadSheetTest, NothingScheduledMeansNoChart) {
  model::Project project = sample_project();
  for (auto& t : project.tasks) {
    t.assignee.clear();
    t.blocks.clear();
  }
  const WorkbookBuilder builder(project);
  EXPECT_FALSE(builder.layout(SheetId::workload).chart);
  EXPECT_EQ(all_rows(builder, SheetId::workload).size(), 2u);  // header and a note
}

TEST(XlsxWorkbookBuilderTest, RowsComeInIncreasingOrderWithCellsInColumnOrder) {
  // libxlsxwriter's constant-memory mode can only append.
  const model::Project project = sample_project();
  const WorkbookBuilder builder(project);
  for (SheetId sheet : k_sheets) {
    SCOPED_TRACE(static_cast<int>(sheet));
    int previous = -1;
    for (const Row& row : all_rows(builder, sheet)) {
      EXPECT_GT(row.index, previous);
      previous = row.index;
      int column = -1;
      for (const Cell& cell : row.cells) {
        EXPECT_GT(cell.column, column);
        column = cell.column + cell.span - 1;
      }
    }
  }
}

TEST(XlsxWorkbookBuilderTest, TasksWithAnUnknownTopicAreKept) {
  model::Project project = sample_project();
  project.tasks.push_back(task("zzz1", "gone", 1, model::TaskKind::research, "Orphan", 0));
  project.tasks.back().assignee = "Ada";
  const WorkbookBuilder builder(project);
  EXPECT_EQ(all_rows(builder, SheetId::tasks).size(), project.tasks.size() + 1);
  const auto topics = all_rows(builder, SheetId::topics);
  EXPECT_NE(row_with(topics, t_title, "(tasks without a topic)"), nullptr);
}

TEST(XlsxBaselineTest, TheTasksSheetGetsTheBaselineColumnsAndAChangesSheetListsTheChanges) {
  const model::Project then = sample_project();
  const model::Baseline baseline = model::make_baseline(then, "previous", then.plan.created_at);
  model::Project now = then;
  // The first planned task moves a day later; the last one is removed.
  std::size_t moved = now.tasks.size();
  for (std::size_t i = 0; i < now.tasks.size(); ++i) {
    if (!now.tasks[i].blocks.empty()) {
      moved = i;
      break;
    }
  }
  ASSERT_LT(moved, now.tasks.size());
  for (auto& b : now.tasks[moved].blocks) {
    b.date += std::chrono::days{1};
    b.utc_start += std::chrono::days{1};
    b.utc_end += std::chrono::days{1};
  }
  now.tasks[moved].start = now.tasks[moved].blocks.front().utc_start;
  now.tasks[moved].finish = now.tasks[moved].blocks.back().utc_end;
  const std::string removed = now.tasks.back().id;
  now.tasks.pop_back();
  now.tasks[moved].prompt = std::string(240, 'w');  // 56 wide: about 67 to a line
  const model::PlanDiff diff = model::diff_plans(baseline, now);

  const WorkbookBuilder builder(now, {}, &baseline);
  ASSERT_EQ(builder.sheets().size(), k_sheets.size() + 1);
  EXPECT_EQ(builder.sheets()[k_sheets.size() - 1], SheetId::changes);
  EXPECT_EQ(builder.sheets().back(), SheetId::sync);
  const auto rows = all_rows(builder, SheetId::tasks);
  constexpr int k_baseline_start = k_depends + 1, k_baseline_finish = k_depends + 2,
                k_variance = k_depends + 3;
  ASSERT_NE(find_cell(rows[0], k_variance), nullptr);
  EXPECT_EQ(find_cell(rows[0], k_baseline_start)->text, "Baseline start");
  for (std::size_t i = 0; i < now.tasks.size(); ++i) {
    SCOPED_TRACE(now.tasks[i].id);
    const Row& row = rows[i + 1];
    const model::Task& was = then.tasks[i];
    if (was.blocks.empty()) {
      EXPECT_EQ(find_cell(row, k_baseline_start), nullptr);
      continue;
    }
    ASSERT_NE(find_cell(row, k_baseline_start), nullptr);
    EXPECT_DOUBLE_EQ(find_cell(row, k_baseline_start)->number,
                     excel_serial(was.blocks.front().date));
    EXPECT_DOUBLE_EQ(find_cell(row, k_baseline_finish)->number,
                     excel_serial(was.blocks.back().date));
    ASSERT_NE(find_cell(row, k_variance), nullptr);
    int days = 0;
    for (const auto& c : diff.tasks) {
      if (c.id == now.tasks[i].id && c.has(model::TaskChangeKind::moved)) days = c.finish_days;
    }
    EXPECT_EQ(find_cell(row, k_variance)->number, days);
    if (i == moved) {
      EXPECT_GT(days, 0);
    }
  }

  const auto changes = all_rows(builder, SheetId::changes);
  ASSERT_EQ(changes.size(), 2 + diff.tasks.size());
  EXPECT_EQ(find_cell(changes[1], 2)->text, "Change");
  std::vector<std::string> ids, kinds;
  for (std::size_t i = 2; i < changes.size(); ++i) {
    ids.push_back(find_cell(changes[i], 0)->text);
    kinds.push_back(find_cell(changes[i], 2)->text);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{now.tasks[moved].id, removed}));
  EXPECT_EQ(kinds, (std::vector<std::string>{"moved", "removed"}));
  // A removed task has where it was and nothing where it is.
  EXPECT_NE(find_cell(changes.back(), 3), nullptr);
  EXPECT_EQ(find_cell(changes.back(), 4), nullptr);
  // A row is as tall as its wrapped prompt (as on the Tasks sheet): the
  // moved task's long prompt gets four lines, the removed one's keeps one.
  EXPECT_DOUBLE_EQ(changes[2].height, 4 * 15);
  EXPECT_DOUBLE_EQ(changes[3].height, 0);

  // Without a baseline: neither.
  const WorkbookBuilder plain(now);
  EXPECT_EQ(plain.sheets().size(), k_sheets.size());
  EXPECT_EQ(find_cell(all_rows(plain, SheetId::tasks)[0], k_baseline_start), nullptr);
}

}  // namespace
}  // namespace rplan::exporters::xlsx
