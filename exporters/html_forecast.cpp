// The forecast section of the HTML report: an S-curve of the plan's finish
// date over the runs of the forecast kept with the plan, P50 / P85 / P95 marked.
#include <iterator>
#include <string>

#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::html {

namespace {

struct Marker {
  const char* name;  // "P50"
  Date date;
  const char* cls;
};

}  // namespace

void write_forecast(const Report& r, Writer& out) {
  if (!r.project.forecast || r.project.forecast->finishes.empty()) return;
  const model::Forecast& f = *r.project.forecast;
  const std::vector<model::FinishShare> curve = model::finish_curve(f);
  out << "<section id=\"forecast\">\n<h2>Forecast</h2>\n<dl class=\"figures\">";
  const auto figure = [&](std::string_view label, const std::string& value) {
    out << "<div><dt>" << Esc{label} << "</dt><dd>" << Esc{value} << "</dd></div>";
  };
  figure("P50", util::format_date(f.plan.p50));
  figure("P85", util::format_date(f.plan.p85));
  figure("P95", util::format_date(f.plan.p95));
  figure("Planned", util::format_date(f.planned));
  out << "</dl>\n";

  // Days on x (model::curve_days), share on y.
  const model::CurveDays days = model::curve_days(f);
  const Date first = days.first, last = days.last;
  const double span = static_cast<double>((last - first).count());
  const double left = 48, top = 16, plot_w = 720, plot_h = 220, bottom = 40;
  const double width = left + plot_w + 24, height = top + plot_h + bottom;
  const auto x = [&](Date d) {
    return left + plot_w * static_cast<double>((d - first).count()) / span;
  };
  const auto y = [&](double share) { return top + plot_h * (1 - share); };
  out << "<svg class=\"s-curve\" role=\"img\" viewBox=\"0 0 " << Num{width} << ' ' << Num{height}
      << "\" width=\"" << Num{width} << "\" height=\"" << Num{height} << "\"><title>Share of "
      << f.runs << " runs finished by each date (the plan's last day of work)</title>\n";
  for (const double share : {0.0, 0.25, 0.5, 0.75, 1.0}) {
    out << "<line class=\"grid\" x1=\"" << Num{left} << "\" x2=\"" << Num{left + plot_w}
        << "\" y1=\"" << Num{y(share)} << "\" y2=\"" << Num{y(share)} << "\"/><text x=\""
        << Num{left - 6} << "\" y=\"" << Num{y(share) + 4} << "\" text-anchor=\"end\">"
        << static_cast<int>(share * 100) << "%</text>\n";
  }
  out << "<line class=\"axis\" x1=\"" << Num{left} << "\" x2=\"" << Num{left + plot_w} << "\" y1=\""
      << Num{y(0)} << "\" y2=\"" << Num{y(0)} << "\"/>\n";
  // The share finished by the end of each day: a step up on each finish date.
  out << "<polyline class=\"curve\" points=\"" << Num{x(first)} << ',' << Num{y(0)};
  double share = 0;
  for (const model::FinishShare& p : curve) {
    const Date before = p.date - std::chrono::days{1};
    out << ' ' << Num{x(before)} << ',' << Num{y(share)} << ' ' << Num{x(p.date)} << ','
        << Num{y(p.share)};
    share = p.share;
  }
  out << "\"/>\n";
  const Marker markers[] = {{"P50", f.plan.p50, "p50"},
                            {"P85", f.plan.p85, "p85"},
                            {"P95", f.plan.p95, "p95"},
                            {"planned", f.planned, "planned"}};
  for (std::size_t k = 0; k < std::size(markers); ++k) {
    const Marker& m = markers[k];
    // Percentiles on one date share one line, named together ("P85 P95").
    if (k + 1 < 3 && markers[k + 1].date == m.date) continue;
    std::string name = m.name;
    for (std::size_t j = k; j > 0 && j < 3 && markers[j - 1].date == m.date; --j) {
      name = std::string(markers[j - 1].name) + " " + name;
    }
    out << "<g class=\"marker " << m.cls << "\" data-date=\"" << util::format_date(m.date)
        << "\"><line x1=\"" << Num{x(m.date)} << "\" x2=\"" << Num{x(m.date)} << "\" y1=\""
        << Num{top} << "\" y2=\"" << Num{y(0)} << "\"/><text x=\"" << Num{x(m.date)} << "\" y=\""
        << Num{y(0) + 16} << "\" text-anchor=\"middle\">" << name << "</text>"
        << "<text class=\"muted\" x=\"" << Num{x(m.date)} << "\" y=\"" << Num{y(0) + 30}
        << "\" text-anchor=\"middle\">" << format_day_label(m.date) << "</text></g>\n";
  }
  out << "</svg>\n<p class=\"note\">" << f.runs << " plans of the work left, drawn from "
      << (f.from_history ? "the team's own ratios of hours spent to estimated"
                         : "each task's three-point estimate")
      << " (rplan forecast, seed " << f.seed << ", from " << util::format_rfc3339(f.made_at, 0)
      << "): the share of them finished by each date. Planned: the plan with the likely "
         "figures.</p>\n</section>\n";
}

}  // namespace rplan::exporters::html
