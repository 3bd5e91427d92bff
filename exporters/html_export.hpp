#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

#include "exporters/plan_view.hpp"
#include "planner/model/baseline.hpp"
#include "planner/model/model.hpp"

namespace rplan::exporters {

// Past this many tasks the Gantt chart draws one bar per topic instead of one
// per task (and no dependency arrows): a browser stays responsive and the file
// stays a reasonable size at 300,000 tasks.
inline constexpr std::size_t k_html_max_task_bars = 2000;
// The report lists at most this many changed tasks (rplan diff lists them all).
inline constexpr std::size_t k_html_max_change_rows = 2000;

// Text made safe for HTML element content and quoted attribute values: & < > " '
// become character references, and C0 control characters other than tab, LF and
// CR (never valid in HTML) are dropped. Everything else passes through as is.
std::string html_escape(std::string_view text);

// Writes the plan as one self-contained HTML document: inline CSS and SVG, no
// scripts, fonts, images or links to anything outside the file (a
// Content-Security-Policy forbids loading any), readable when printed. Sections:
// - Summary: plan dates, total hours, and each team member's planned hours
//   against their capacity over the plan's days (their working time as
//   model::WorkingTime gives it: workdays x hours per day, without holidays and
//   time off) as utilisation.
// - Schedule: an SVG Gantt chart, x = days from the plan's start to its finish
//   (widened to take in blocks outside it, such as done tasks of an earlier
//   plan); each day column stands for the assignee's own working day, so a bar
//   covers the share of that day the work takes, in the assignee's local time.
//   One row and one bar per task (`data-task="ID"`), grouped under a header row
//   per topic, coloured by assignee (the one palette, in the people order of
//   PlanView, with a legend), dependency arrows, days off for the whole team and holidays
//   shaded, a hover title with prompt, hours and dates. Past
//   k_html_max_task_bars tasks: one bar per topic (`data-topic="ID"`) coloured by
//   the person with most hours in it, no arrows, and the chart cut into SVGs
//   the browser skips while off screen (as is the topics table). A task
//   without a plan gets a "not scheduled" row that still carries its
//   `data-task`; a done task is drawn faded and counts in neither planned
//   hours nor workload.
// - A "today" line when plan start <= today <= plan finish (today is passed in).
// - Workload: hours per person per ISO week as stacked SVG bars (people who
//   left the team included), with the team's weekly capacity.
// - Topics: tasks, hours, first and last day, and progress (hours of done tasks
//   over all hours).
// Every piece of user text is escaped with html_escape. Streams: the document
// is never held in memory; what is kept is per topic, person and week.
// With a `baseline` (`export html --baseline NAME`), per task bars get the
// baseline's dates as a thin grey bar under each task's bar (`rect.baseline`,
// cut to the chart's days), and a "Changes" section lists each task changed
// since the baseline (model::diff_plans; the first k_html_max_change_rows).
void write_html_report(const PlanView& view, model::Date today, std::ostream& out,
                       const model::Baseline* baseline = nullptr);
// The same, building the project's view first.
void write_html_report(const model::Project& project, model::Date today, std::ostream& out,
                       const model::Baseline* baseline = nullptr);

}  // namespace rplan::exporters
