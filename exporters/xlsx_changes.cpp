// The workbook against a baseline (`export xlsx --baseline NAME`): what the
// Tasks sheet shows of it, and the Changes sheet.

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>

#include "exporters/diff_export.hpp"
#include "exporters/xlsx_index.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::xlsx {

Against::Against(const model::Project& project, const model::Baseline& b)
    : baseline(b), diff(model::diff_plans(b, project)) {
  then.reserve(project.tasks.size());
  finish_days.reserve(project.tasks.size());
  // The variance of each moved task, by id (the others' is 0).
  std::vector<std::pair<std::string_view, int>> moved;
  for (const model::TaskChange& c : diff.tasks) {
    if (c.has(model::TaskChangeKind::moved)) moved.emplace_back(c.id, c.finish_days);
  }
  std::sort(moved.begin(), moved.end());
  const auto dated = [](const model::BaselineTask& t) {
    return t.last_day.has_value() || t.finish.has_value();
  };
  for (const model::Task& t : project.tasks) {
    const model::BaselineTask* row = model::find_task(b, t.id);
    then.push_back(row);
    if (row == nullptr || !dated(*row) || !t.planned()) {
      finish_days.emplace_back();
      continue;
    }
    const auto m = std::lower_bound(moved.begin(), moved.end(), std::string_view(t.id),
                                    [](const std::pair<std::string_view, int>& x,
                                       std::string_view id) { return x.first < id; });
    finish_days.emplace_back(m != moved.end() && m->first == t.id ? m->second : 0);
  }
}

namespace {

enum ChangeColumn : int { g_id, g_prompt, g_kind, g_from, g_to, g_days, g_columns };
struct ChangeHeader {
  std::string_view header;
  double width;
};
constexpr std::array<ChangeHeader, g_columns> k_change_columns = {
    {{"ID", 10},
     {"Prompt", 56},
     {"Change", 22},
     {"From", 34},
     {"To", 34},
     {"Finish moved (working days)", 14}}};

// Changed tasks that fit on the sheet, with the header and a note row.
std::size_t shown_changes(const Against& a) {
  return std::min(a.diff.tasks.size(), static_cast<std::size_t>(k_max_rows - 3));
}

// A changed task's row tall enough for its wrapped prompt, from and to (as
// the Tasks sheet's rows are); 0 (the default) for one line.
double changed_row_height(std::string_view prompt, const ChangeLine& line) {
  const int lines = std::max({wrapped_lines(prompt, k_change_columns[g_prompt].width),
                              wrapped_lines(line.from, k_change_columns[g_from].width),
                              wrapped_lines(line.to, k_change_columns[g_to].width)});
  return lines > 1 ? std::min(lines, k_max_wrapped_lines) * k_line_height : 0;
}

}  // namespace

SheetLayout changes_layout(const Against& a) {
  SheetLayout layout;
  layout.name = "Changes";
  for (int i = 0; i < g_columns; ++i) {
    layout.columns.push_back(
        {i, i, k_change_columns[static_cast<std::size_t>(i)].width, std::nullopt});
  }
  layout.freeze_rows = 2;
  layout.print.repeat_rows = 2;
  const int last = 1 + static_cast<int>(shown_changes(a));
  layout.autofilter = Range{1, 0, last, g_columns - 1};
  return layout;
}

void changes_rows(const Against& a, const RowSink& emit) {
  const model::PlanDiff& d = a.diff;
  Row title;
  title.index = 0;
  title.cells.push_back(text_cell(
      g_id,
      "Changes since the baseline \"" + d.baseline + "\": finish " +
          util::format_date(d.then_finish) + " then, " + util::format_date(d.now_finish) +
          " now (" + describe_days(d.finish_days) + "); " + std::to_string(d.tasks.size()) +
          (d.tasks.size() == 1 ? " task changed" : " tasks changed"),
      Style::title));
  emit(title);
  Row header;
  header.index = 1;
  header.height = 30;
  for (int i = 0; i < g_columns; ++i) {
    header.cells.push_back(
        text_cell(i, k_change_columns[static_cast<std::size_t>(i)].header, Style::header));
  }
  emit(header);
  const std::size_t shown = shown_changes(a);
  Row row;
  for (std::size_t n = 0; n < shown; ++n) {
    const model::TaskChange& c = d.tasks[n];
    const ChangeLine line = change_line(c);
    row.index = 2 + static_cast<int>(n);
    row.cells.clear();
    row.cells.push_back(text_cell(g_id, c.id));
    row.cells.push_back(text_cell(g_prompt, c.prompt, Style::wrapped));
    row.cells.push_back(text_cell(g_kind, line.kinds));
    if (!line.from.empty()) row.cells.push_back(text_cell(g_from, line.from, Style::wrapped));
    if (!line.to.empty()) row.cells.push_back(text_cell(g_to, line.to, Style::wrapped));
    if (c.has(model::TaskChangeKind::moved)) {
      row.cells.push_back(number_cell(g_days, c.finish_days, Style::plain));
    }
    row.height = changed_row_height(c.prompt, line);
    emit(row);
  }
  if (d.tasks.empty() || shown < d.tasks.size()) {
    Row note;
    note.index = 2 + static_cast<int>(shown);
    note.cells.push_back(
        text_cell(g_prompt,
                  d.tasks.empty()
                      ? "No task changed since the baseline."
                      : std::to_string(d.tasks.size() - shown) +
                            " more changed tasks do not fit in a sheet; rplan diff lists them all.",
                  Style::note));
    emit(note);
  }
}

}  // namespace rplan::exporters::xlsx
