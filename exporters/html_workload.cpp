// The workload chart of the HTML report: hours per person per ISO week.
#include <algorithm>
#include <cmath>

#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::html {

namespace {

// A round step (1, 2 or 5 times a power of ten) that splits 0..max_value into
// about `steps` intervals.
double nice_step(double max_value, int steps) {
  const double raw = std::max(max_value, 1.0) / steps;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (m * mag >= raw) return m * mag;
  }
  return 10 * mag;
}

}  // namespace

void write_workload(const Report& r, Writer& out) {
  out << "<section id=\"workload\">\n<h2>Workload</h2>\n";
  const PlanView& view = r.view;
  if (!r.has_axis || view.people().empty()) {
    out << "<p class=\"note\">Nothing is scheduled yet.</p>\n</section>\n";
    return;
  }
  const int people = static_cast<int>(view.people().size());
  const int weeks = view.weeks();
  const auto hours_of = [&](int p, int w) { return view.open_minutes(p, w) / 60.0; };
  const auto capacity = [&](int w) { return view.team_capacity_minutes(w) / 60.0; };
  const double left = 56, top = 12, plot_h = 220, bottom = 44;
  const double slot = std::clamp(900.0 / weeks, 8.0, 90.0);
  const double bar_w = slot * 0.7;
  const double width = left + slot * weeks + 24;
  double max_y = 0;
  for (int w = 0; w < weeks; ++w) {
    double total = 0;
    for (int p = 0; p < people; ++p) total += hours_of(p, w);
    max_y = std::max({max_y, total, capacity(w)});
  }
  const double step = nice_step(max_y, 5);
  const double y_top = std::max(step, std::ceil(max_y / step) * step);
  const double scale = plot_h / y_top;
  const auto y_of = [&](double hours) { return top + plot_h - hours * scale; };

  out << "<p class=\"note\">Hours per person per ISO week (colours as in the schedule); the "
         "dashed line is the team's capacity that week.</p>\n<div class=\"scroll\">\n"
         "<svg class=\"chart workload\" width=\""
      << Num{width, 0} << "\" height=\"" << Num{top + plot_h + bottom, 0} << "\" viewBox=\"0 0 "
      << Num{width, 0} << " " << Num{top + plot_h + bottom, 0}
      << "\" role=\"img\" aria-label=\"Hours per person per week\">\n<g class=\"y-axis\">";
  for (double v = 0; v <= y_top + step / 2; v += step) {
    out << "<line class=\"grid\" x1=\"" << Num{left} << "\" x2=\"" << Num{width - 16} << "\" y1=\""
        << Num{y_of(v)} << "\" y2=\"" << Num{y_of(v)} << "\"/><text class=\"muted\" x=\""
        << Num{left - 6} << "\" y=\"" << Num{y_of(v) + 4} << "\" text-anchor=\"end\">"
        << util::format_hours(v) << " h</text>";
  }
  out << "</g>\n<g class=\"weeks\">\n";
  const int label_every = static_cast<int>(std::ceil(44.0 / slot));
  for (int w = 0; w < weeks; ++w) {
    const Date monday = view.first_week() + std::chrono::days{7 * w};
    const auto iso = util::iso_week(monday);
    const double x = left + slot * w + (slot - bar_w) / 2;
    double acc = 0;
    for (int p = 0; p < people; ++p) {
      const double h = hours_of(p, w);
      const PersonView& person = view.people()[static_cast<std::size_t>(p)];
      if (h <= 0) continue;
      out << "<rect class=\"c" << person.colour << "\" x=\"" << Num{x} << "\" y=\""
          << Num{y_of(acc + h)} << "\" width=\"" << Num{bar_w} << "\" height=\"" << Num{h * scale}
          << "\"><title>" << Esc{person.name} << " \u00b7 week " << iso.week << " from "
          << util::format_date(monday) << ": " << util::format_hours(h) << " h</title></rect>";
      acc += h;
    }
    if (w % label_every == 0) {
      out << "<text class=\"muted\" x=\"" << Num{left + slot * w + slot / 2} << "\" y=\""
          << Num{top + plot_h + 16} << "\" text-anchor=\"middle\">W" << iso.week
          << "</text><text class=\"muted\" x=\"" << Num{left + slot * w + slot / 2} << "\" y=\""
          << Num{top + plot_h + 32} << "\" text-anchor=\"middle\">" << format_day_label(monday)
          << "</text>";
    }
    out << "\n";
  }
  out << "</g>\n<path class=\"capacity\" d=\"";
  for (int w = 0; w < weeks; ++w) {
    const double cap = capacity(w);
    if (cap <= 0) continue;
    out << "M" << Num{left + slot * w + 1} << "," << Num{y_of(cap)} << "H"
        << Num{left + slot * (w + 1) - 1};
  }
  out << "\"><title>team capacity per week</title></path>\n<line class=\"axis\" x1=\"" << Num{left}
      << "\" x2=\"" << Num{width - 16} << "\" y1=\"" << Num{top + plot_h} << "\" y2=\""
      << Num{top + plot_h} << "\"/>\n</svg>\n</div>\n</section>\n";
}

}  // namespace rplan::exporters::html
