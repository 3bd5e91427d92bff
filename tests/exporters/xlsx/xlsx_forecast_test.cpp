// The workbook's Forecast sheet, built in memory from a hand-made forecast.

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "exporters/xlsx_builder.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/forecast.hpp"
#include "planner/util/dates.hpp"
#include "tests/exporters/xlsx/xlsx_fixtures.hpp"

namespace rplan::exporters::xlsx {
namespace {

using namespace testing;

// Forecast sheet columns.
constexpr int k_forecast_id = 0, k_forecast_name = 1, k_forecast_p50 = 2, k_forecast_p85 = 3,
              k_forecast_p95 = 4;
constexpr int k_day = 2, k_runs = 3, k_share = 4;

// Eight runs finishing from 2026-12-15 to 2026-12-21; the plan with the
// likely figures finishes 2026-12-14.
model::Forecast sample_forecast() {
  model::Forecast f;
  f.runs = 8;
  f.seed = 42;
  f.made_at = *util::parse_rfc3339("2026-12-07T09:30:00Z");
  f.planned = day("2026-12-14");
  f.finishes = {day("2026-12-15"), day("2026-12-15"), day("2026-12-16"), day("2026-12-16"),
                day("2026-12-16"), day("2026-12-18"), day("2026-12-21"), day("2026-12-21")};
  f.plan = {day("2026-12-16"), day("2026-12-21"), day("2026-12-21")};
  f.topics = {
      {"tinj", "Spreadsheet Injection", {day("2026-12-15"), day("2026-12-16"), day("2026-12-18")}},
      {"tjap", "日本語のトピック", {day("2026-12-16"), day("2026-12-21"), day("2026-12-21")}}};
  f.people = {{"Ada", {day("2026-12-16"), day("2026-12-21"), day("2026-12-21")}},
              {"Bo", {day("2026-12-15"), day("2026-12-16"), day("2026-12-16")}}};
  f.tasks = {{"aaa1", "=1+1", 0.25},
             {"aaa3", "-x", 0},
             {"aaa4", "@SUM(A1)", 0.875},
             {"bbb1", "Investigate 日本語", 0.25},
             {"bbb2", "Document Приве́т", 0}};
  return f;
}

model::Project with_forecast() {
  model::Project p = sample_project();
  p.forecast = sample_forecast();
  return p;
}

double serial(const char* date) { return excel_serial(day(date)); }

const Cell& cell_at(const std::vector<Row>& rows, int row, int column) {
  const Row* r = find_row(rows, row);
  if (r == nullptr) throw std::out_of_range("no row " + std::to_string(row));
  const Cell* c = find_cell(*r, column);
  if (c == nullptr) throw std::out_of_range("no cell " + std::to_string(column));
  return *c;
}

TEST(XlsxForecastSheetTest, OnlyAWorkbookWithAForecastHasTheSheetBeforeTheHiddenOne) {
  const model::Project plain = sample_project();
  const WorkbookBuilder without(plain);
  EXPECT_EQ(without.sheets(), std::vector<SheetId>(k_sheets.begin(), k_sheets.end()));
  EXPECT_THROW(without.layout(SheetId::forecast), std::logic_error);

  const model::Project project = with_forecast();
  const WorkbookBuilder builder(project);
  EXPECT_EQ(builder.sheets(),
            (std::vector<SheetId>{SheetId::tasks, SheetId::gantt, SheetId::workload,
                                  SheetId::topics, SheetId::forecast, SheetId::sync}));
  EXPECT_EQ(builder.layout(SheetId::forecast).name, "Forecast");
  // With a baseline too: the Changes sheet, then the Forecast sheet.
  const model::Baseline baseline = model::make_baseline(plain, "previous", plain.plan.created_at);
  const WorkbookBuilder both(project, {}, &baseline);
  EXPECT_EQ(both.sheets(), (std::vector<SheetId>{SheetId::tasks, SheetId::gantt, SheetId::workload,
                                                 SheetId::topics, SheetId::changes,
                                                 SheetId::forecast, SheetId::sync}));
}

TEST(XlsxForecastSheetTest, ShowsTheRunsSeedAndTimeAndThePlansMarksWithTheirShares) {
  const model::Project project = with_forecast();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::forecast);
  const Row* runs = row_with(rows, k_forecast_id, "Runs");
  ASSERT_NE(runs, nullptr);
  EXPECT_EQ(find_cell(*runs, k_forecast_name)->number, 8);
  EXPECT_EQ(find_cell(*row_with(rows, k_forecast_id, "Seed"), k_forecast_name)->number, 42);
  const Cell* made = find_cell(*row_with(rows, k_forecast_id, "Made at (UTC)"), k_forecast_name);
  EXPECT_EQ(made->type, Cell::Type::date_time);
  EXPECT_DOUBLE_EQ(made->number, excel_serial(day("2026-12-07"), 9 * 60 + 30));

  struct Expected {
    const char* mark;
    const char* date;
    double runs;
  };
  for (const Expected& e :
       {Expected{"P50", "2026-12-16", 5}, Expected{"P85", "2026-12-21", 8},
        Expected{"P95", "2026-12-21", 8}, Expected{"Planned", "2026-12-14", 0}}) {
    SCOPED_TRACE(e.mark);
    const Row* mark = row_with(rows, k_forecast_name, e.mark);
    ASSERT_NE(mark, nullptr);
    EXPECT_EQ(find_cell(*mark, k_day)->type, Cell::Type::date_time);
    EXPECT_EQ(find_cell(*mark, k_day)->style, Style::date);
    EXPECT_DOUBLE_EQ(find_cell(*mark, k_day)->number, serial(e.date));
    EXPECT_DOUBLE_EQ(find_cell(*mark, k_runs)->number, e.runs);
    EXPECT_DOUBLE_EQ(find_cell(*mark, k_share)->number, e.runs / 8);
  }
}

TEST(XlsxForecastSheetTest, ListsEachTopicAndPersonWithTheirPercentiles) {
  const model::Project project = with_forecast();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::forecast);
  const Row* topic = row_with(rows, k_forecast_id, "tjap");
  ASSERT_NE(topic, nullptr);
  EXPECT_EQ(find_cell(*topic, k_forecast_name)->text, "日本語のトピック");
  EXPECT_DOUBLE_EQ(find_cell(*topic, k_forecast_p50)->number, serial("2026-12-16"));
  EXPECT_DOUBLE_EQ(find_cell(*topic, k_forecast_p85)->number, serial("2026-12-21"));
  EXPECT_DOUBLE_EQ(find_cell(*topic, k_forecast_p95)->number, serial("2026-12-21"));
  EXPECT_EQ(row_with(rows, k_forecast_id, "tinj")->index + 1, topic->index);
  const Row* bo = row_with(rows, k_forecast_name, "Bo");
  ASSERT_NE(bo, nullptr);
  EXPECT_EQ(find_cell(*bo, k_forecast_p50)->style, Style::date);
  EXPECT_DOUBLE_EQ(find_cell(*bo, k_forecast_p50)->number, serial("2026-12-15"));
  EXPECT_DOUBLE_EQ(find_cell(*bo, k_forecast_p95)->number, serial("2026-12-16"));
}

TEST(XlsxForecastSheetTest, ListsTheTasksEverOnTheCriticalChainMostOftenFirst) {
  const model::Project project = with_forecast();
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::forecast);
  const Row* header = row_with(rows, k_forecast_name, "On the critical chain");
  ASSERT_NE(header, nullptr);
  std::vector<std::string> ids;
  std::vector<double> shares;
  for (int r = header->index + 1;; ++r) {
    const Row* row = find_row(rows, r);
    ASSERT_NE(row, nullptr);
    const Cell* id = find_cell(*row, k_forecast_id);
    if (id == nullptr) {
      // The note under the list: the tasks never on it.
      EXPECT_NE(find_cell(*row, k_forecast_name)->text.find("2 tasks not done were never on it"),
                std::string::npos);
      break;
    }
    ids.push_back(id->text);
    shares.push_back(find_cell(*row, k_forecast_p50)->number);
    EXPECT_EQ(find_cell(*row, k_forecast_p50)->style, Style::share);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"aaa4", "aaa1", "bbb1"}));
  EXPECT_EQ(shares, (std::vector<double>{0.875, 0.25, 0.25}));
  // Formula-like prompts stay text.
  EXPECT_EQ(find_cell(*row_with(rows, k_forecast_id, "aaa4"), k_forecast_name)->type,
            Cell::Type::text);
}

TEST(XlsxForecastSheetTest, HasEveryDayOfTheCurveAndAChartOverThoseRowsAndTheMarks) {
  const model::Project project = with_forecast();
  const WorkbookBuilder builder(project);
  const auto rows = all_rows(builder, SheetId::forecast);
  const SheetLayout layout = builder.layout(SheetId::forecast);
  ASSERT_TRUE(layout.scatter);
  const ScatterSpec& chart = *layout.scatter;
  // From the day before the planned finish (the earliest) to the last run's.
  EXPECT_DOUBLE_EQ(chart.x_min, serial("2026-12-13"));
  EXPECT_DOUBLE_EQ(chart.x_max, serial("2026-12-21"));
  ASSERT_EQ(chart.series.size(), 5u);
  const ScatterSeries& curve = chart.series[0];
  EXPECT_EQ(curve.mark, ScatterSeries::Mark::line);
  EXPECT_EQ(curve.last_row - curve.first_row + 1, 9);  // 13th to 21st
  EXPECT_EQ(cell_at(rows, curve.name_row, curve.name_column).text, "Share of runs");
  const std::vector<double> runs = {0, 0, 2, 5, 5, 6, 6, 6, 8};
  for (int d = 0; d < 9; ++d) {
    SCOPED_TRACE(d);
    const int r = curve.first_row + d;
    EXPECT_DOUBLE_EQ(cell_at(rows, r, curve.x_column).number, serial("2026-12-13") + d);
    EXPECT_DOUBLE_EQ(cell_at(rows, r, k_runs).number, runs[static_cast<std::size_t>(d)]);
    EXPECT_DOUBLE_EQ(cell_at(rows, r, curve.y_column).number,
                     runs[static_cast<std::size_t>(d)] / 8);
  }
  // The days of the marks say so.
  EXPECT_EQ(cell_at(rows, curve.first_row + 1, k_forecast_name).text, "Planned");
  EXPECT_EQ(cell_at(rows, curve.first_row + 3, k_forecast_name).text, "P50");
  EXPECT_EQ(cell_at(rows, curve.last_row, k_forecast_name).text, "P85 P95");

  // A point per mark, at its day and share, named by its row.
  const std::vector<std::string> names = {"P50", "P85", "P95", "Planned"};
  for (std::size_t k = 0; k < names.size(); ++k) {
    SCOPED_TRACE(names[k]);
    const ScatterSeries& s = chart.series[k + 1];
    EXPECT_EQ(s.mark, ScatterSeries::Mark::point);
    EXPECT_EQ(s.first_row, s.last_row);
    EXPECT_EQ(cell_at(rows, s.name_row, s.name_column).text, names[k]);
    const Row* mark = row_with(rows, k_forecast_name, names[k]);
    EXPECT_EQ(s.first_row, mark->index);
    EXPECT_EQ(s.x_column, k_day);
    EXPECT_EQ(s.y_column, k_share);
  }
}

TEST(XlsxForecastSheetTest, RowsComeInIncreasingOrderWithCellsInColumnOrder) {
  const model::Project project = with_forecast();
  int previous = -1;
  for (const Row& row : all_rows(WorkbookBuilder(project), SheetId::forecast)) {
    EXPECT_GT(row.index, previous);
    previous = row.index;
    int column = -1;
    for (const Cell& cell : row.cells) {
      EXPECT_GT(cell.column, column);
      column = cell.column;
    }
  }
}

TEST(XlsxForecastSheetTest, FromHistoryTheNoteAndFiguresSaySo) {
  model::Project project = with_forecast();
  project.forecast->from_history = true;
  project.forecast->by_kind = true;
  project.forecast->history = 12;
  const auto rows = all_rows(WorkbookBuilder(project), SheetId::forecast);
  EXPECT_EQ(find_cell(*row_with(rows, k_forecast_id, "Drawn from"), k_forecast_name)->text,
            "the team's ratios of hours spent to estimated (12 finished tasks, by kind)");
}

}  // namespace
}  // namespace rplan::exporters::xlsx
