// The report's load section: a person x week heat map of planned hours
// against capacity over the whole horizon (model::Workload, through the plan
// view), each person's finish, and the burn-up chart (inline SVG).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::html {

namespace {

std::string week_name(Date monday) {
  const auto iso = util::iso_week(monday);
  char text[16];
  std::snprintf(text, sizeof text, "%04d-W%02d", iso.year, iso.week);
  return text;
}

// White at 0, amber at half the capacity, red at a full week and above.
std::string heat_colour(double share) {
  struct Rgb {
    double r, g, b;
  };
  constexpr Rgb low{255, 255, 255}, mid{255, 217, 102}, high{225, 87, 89};
  const double s = std::clamp(share, 0.0, 1.0);
  const Rgb& a = s < 0.5 ? low : mid;
  const Rgb& b = s < 0.5 ? mid : high;
  const double t = s < 0.5 ? s / 0.5 : (s - 0.5) / 0.5;
  char text[8];
  std::snprintf(text, sizeof text, "#%02x%02x%02x",
                static_cast<unsigned>(std::lround(a.r + (b.r - a.r) * t)),
                static_cast<unsigned>(std::lround(a.g + (b.g - a.g) * t)),
                static_cast<unsigned>(std::lround(a.b + (b.b - a.b) * t)));
  return text;
}

void write_heat_map(const Report& r, Writer& out) {
  const PlanView& view = r.view;
  const model::Workload& load = view.workload();
  out << "<h3>Load per person and week</h3>\n<p class=\"note\">Planned hours against each "
         "person's working time that week, over the whole plan and its history: white is free, "
         "red a full week. The last column is when each person's work ends.</p>\n"
         "<div class=\"scroll\"><table class=\"heat\"><thead><tr><th>Person</th>";
  for (int w = 0; w < load.weeks(); ++w) {
    const Date monday = load.week_start(w);
    out << "<th title=\"week of " << util::format_date(monday) << "\">W"
        << util::iso_week(monday).week << "</th>";
  }
  out << "<th>Finish</th></tr></thead><tbody>\n";
  for (int p = 0; p < static_cast<int>(view.people().size()); ++p) {
    const PersonView& person = view.people()[static_cast<std::size_t>(p)];
    const int in_load = view.workload_person(p);
    if (in_load < 0) continue;
    out << "<tr data-person=\"" << Esc{person.name} << "\"><th><span class=\"swatch c"
        << person.colour << "\"></span>" << Esc{person.name} << "</th>";
    for (int w = 0; w < load.weeks(); ++w) {
      const double planned = load.planned_minutes(in_load, w) / 60.0;
      const double capacity = load.capacity_minutes(in_load, w) / 60.0;
      const double share = capacity > 0 ? planned / capacity : (planned > 0 ? 1.0 : 0.0);
      out << "<td class=\"cell\" data-week=\"" << week_name(load.week_start(w))
          << "\" data-planned=\"" << Num{planned, 2} << "\" data-capacity=\"" << Num{capacity, 2}
          << "\" style=\"background:" << heat_colour(share) << "\" title=\"" << Esc{person.name}
          << ", week of " << util::format_date(load.week_start(w)) << ": "
          << util::format_hours(planned) << " h of " << util::format_hours(capacity) << " h\">"
          << (planned > 0 ? percent(planned, capacity) : "") << "</td>";
    }
    const auto finish = load.finish(in_load);
    out << "<td class=\"finish\">" << (finish ? util::format_date(*finish) : "") << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n";
}

void write_burnup(const Report& r, Writer& out) {
  const PlanView& view = r.view;
  const auto weeks = model::burnup(view.project(), view.workload());
  out << "<h3>Burn-up</h3>\n";
  if (weeks.empty()) {
    out << "<p class=\"note\">Nothing is planned yet.</p>\n";
    return;
  }
  out << "<p class=\"note\">Per week: the project's scope in hours (the hours recorded plus the "
         "hours left), the hours recorded, and the plan's projected line to the finish.</p>\n";
  double max_y = 1;
  for (const auto& w : weeks) {
    max_y = std::max({max_y, w.scope_hours, w.done_hours, w.planned_done_hours});
  }
  const double left = 56, top = 12, plot_h = 200, bottom = 40;
  const int n = static_cast<int>(weeks.size());
  const double slot = std::clamp(900.0 / n, 12.0, 80.0);
  const double width = left + slot * n + 24;
  const auto x_of = [&](int w) { return left + slot * w + slot / 2; };
  const auto y_of = [&](double h) { return top + plot_h - h / max_y * plot_h; };
  out << "<div class=\"scroll\"><svg class=\"chart burnup\" width=\"" << Num{width, 0}
      << "\" height=\"" << Num{top + plot_h + bottom, 0} << "\" viewBox=\"0 0 " << Num{width, 0}
      << " " << Num{top + plot_h + bottom, 0}
      << "\" role=\"img\" aria-label=\"Burn-up: scope, done and planned hours per week\">\n";
  for (int k = 0; k <= 4; ++k) {
    const double v = max_y * k / 4;
    out << "<line class=\"grid\" x1=\"" << Num{left} << "\" x2=\"" << Num{width - 16} << "\" y1=\""
        << Num{y_of(v)} << "\" y2=\"" << Num{y_of(v)} << "\"/><text class=\"muted\" x=\""
        << Num{left - 6} << "\" y=\"" << Num{y_of(v) + 4} << "\" text-anchor=\"end\">"
        << util::format_hours(std::round(v)) << " h</text>";
  }
  struct Line {
    const char* name;
    const char* colour;
    double model::BurnupWeek::*value;
    const char* dash;
  };
  const Line lines[] = {{"scope", "#1f2933", &model::BurnupWeek::scope_hours, ""},
                        {"planned", "#4e79a7", &model::BurnupWeek::planned_done_hours, "5 3"},
                        {"done", "#59a14f", &model::BurnupWeek::done_hours, ""}};
  for (const Line& line : lines) {
    out << "\n<polyline class=\"" << line.name << "\" fill=\"none\" stroke=\"" << line.colour
        << "\" stroke-width=\"2\"" << (*line.dash ? " stroke-dasharray=\"" : "") << line.dash
        << (*line.dash ? "\"" : "") << " points=\"";
    for (int w = 0; w < n; ++w) {
      out << (w ? " " : "") << Num{x_of(w)} << ","
          << Num{y_of(weeks[static_cast<std::size_t>(w)].*line.value)};
    }
    out << "\"><title>" << line.name << "</title></polyline>";
  }
  const int label_every = static_cast<int>(std::ceil(44.0 / slot));
  for (int w = 0; w < n; w += label_every) {
    out << "<text class=\"muted\" x=\"" << Num{x_of(w)} << "\" y=\"" << Num{top + plot_h + 16}
        << "\" text-anchor=\"middle\">W"
        << util::iso_week(weeks[static_cast<std::size_t>(w)].week).week << "</text>";
  }
  out << "\n<g class=\"legend\">";
  double x = left;
  for (const Line& line : lines) {
    out << "<rect x=\"" << Num{x} << "\" y=\"" << Num{top + plot_h + 26} << "\" width=\"12\" "
        << "height=\"4\" fill=\"" << line.colour << "\"/><text x=\"" << Num{x + 16} << "\" y=\""
        << Num{top + plot_h + 32} << "\">" << line.name << "</text>";
    x += 80;
  }
  out << "</g>\n<line class=\"axis\" x1=\"" << Num{left} << "\" x2=\"" << Num{width - 16}
      << "\" y1=\"" << Num{top + plot_h} << "\" y2=\"" << Num{top + plot_h}
      << "\"/>\n</svg></div>\n";
}

}  // namespace

void write_load(const Report& r, Writer& out) {
  out << "<section id=\"load\">\n<h2>Load and burn-up</h2>\n";
  if (r.view.workload().weeks() == 0) {
    out << "<p class=\"note\">Nothing is scheduled yet.</p>\n</section>\n";
    return;
  }
  write_heat_map(r, out);
  write_burnup(r, out);
  out << "</section>\n";
}

}  // namespace rplan::exporters::html
