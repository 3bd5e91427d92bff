// The Gantt chart of the HTML report.
#include <algorithm>
#include <unordered_map>

#include "exporters/html_export.hpp"
#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters::html {

namespace {

enum class Bars { per_task, per_topic };

// Per topic bars, the chart is cut into SVGs of this many rows, each in a box
// the browser skips while it is off screen (content-visibility): 100,000
// rows then render in seconds instead of minutes.
constexpr std::size_t k_rows_per_chunk = 400;

// A larger team's colour legend starts folded.
constexpr std::size_t k_legend_unfolded = 24;

constexpr std::uint32_t k_header = UINT32_MAX;
// One row of the chart: a topic's header row (task == k_header), or a task's.
struct Row {
  std::uint32_t topic;
  std::uint32_t task;
};

// Per task bars: each topic with tasks, then its tasks; per topic bars: the
// topics with tasks.
std::vector<Row> chart_rows(const Report& r, Bars bars) {
  std::vector<Row> rows;
  for (std::uint32_t t = 0; t < r.view.group_count(); ++t) {
    const auto tasks = r.view.group_tasks(t);
    if (tasks.empty()) continue;
    rows.push_back({t, k_header});
    if (bars == Bars::per_topic) continue;
    for (const std::uint32_t task : tasks) rows.push_back({t, task});
  }
  return rows;
}

// Geometry of the chart, in CSS pixels.
struct Layout {
  double label_w = 320;  // the label column
  double header_h = 56;  // month and day rows, then the "today" label
  double row_h = 20;
  double day_w = 24;
  double right_pad = 150;  // room for the assignee's name after a bar
  double bar_h = 12;
  int days = 0;
  double width() const { return label_w + day_w * days + right_pad; }
  double x(double day_columns) const { return label_w + day_columns * day_w; }
};

// One SVG: rows [from, to); the first carries the day header above its rows.
struct Chunk {
  std::size_t index = 0;
  std::size_t from = 0, to = 0;
  double top = 0;  // y of the first row
  double height = 0;
  double shade_top = 0;  // where day shading starts
  double row_y(std::size_t row, const Layout& l) const { return top + l.row_h * (row - from); }
};

struct TaskGeometry {
  double from = 0, to = 0, y = 0;
  bool scheduled = false;
};

std::string color_class(const Report& r, int person) {
  if (person < 0) return "cx";
  std::string name = "c";  // not "c" + to_string(): GCC 12 warns -Wrestrict wrongly (PR 105651)
  name += std::to_string(r.view.people()[static_cast<std::size_t>(person)].colour);
  return name;
}

std::string local_time(Date date, int minute) {
  return util::format_date(date) + " " + util::format_clock(std::clamp(minute, 0, 1439));
}

double block_from(const Report& r, int person, const model::WorkBlock& b) {
  return (b.date - r.first).count() + day_fraction(r, person, b.start_minute);
}
double block_to(const Report& r, int person, const model::WorkBlock& b) {
  return (b.date - r.first).count() + day_fraction(r, person, b.start_minute + b.minutes);
}

void write_defs(const Layout& l, const Chunk& c, Bars bars, Writer& out) {
  out << "<defs>";
  if (bars == Bars::per_task) {
    out << "<marker id=\"arrowhead\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" markerWidth=\"6\" "
           "markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L6,3L0,6z\"/></marker>";
  }
  out << "<clipPath id=\"gantt-labels-" << c.index << "\"><rect width=\"" << Num{l.label_w - 8}
      << "\" height=\"" << Num{c.height} << "\"/></clipPath></defs>\n";
}

// Days off for the whole team and holidays, shaded; lines at each Monday.
void write_days(const Report& r, const Layout& l, const Chunk& c, Writer& out) {
  const double top = c.shade_top;
  const double h = c.height - top;
  out << "<g class=\"days\">";
  for (int d = 0; d < r.days;) {
    const Date day = r.first + std::chrono::days{d};
    if (r.view.is_holiday(day)) {
      out << "<rect class=\"holiday\" x=\"" << Num{l.x(d)} << "\" y=\"" << Num{top} << "\" width=\""
          << Num{l.day_w} << "\" height=\"" << Num{h} << "\"><title>" << util::format_date(day)
          << ": " << Esc{r.view.holiday_name(day)} << "</title></rect>";
      ++d;
      continue;
    }
    int end = d;
    while (end < r.days) {
      const Date e = r.first + std::chrono::days{end};
      if (r.view.is_holiday(e) ||
          r.view.team_works()[static_cast<std::size_t>(util::weekday_index(e))]) {
        break;
      }
      ++end;
    }
    if (end > d) {
      out << "<rect class=\"off\" x=\"" << Num{l.x(d)} << "\" y=\"" << Num{top} << "\" width=\""
          << Num{l.day_w * (end - d)} << "\" height=\"" << Num{h} << "\"/>";
      d = end;
    } else {
      ++d;
    }
  }
  out << "</g>\n<path class=\"week\" d=\"";
  for (int d = 0; d < r.days; ++d) {
    if (util::weekday_index(r.first + std::chrono::days{d}) != 0) continue;
    out << "M" << Num{l.x(d)} << "," << Num{top} << "V" << Num{c.height};
  }
  out << "\"/>\n";
}

void write_day_header(const Report& r, const Layout& l, Writer& out) {
  out << "<g class=\"header\">";
  double free_from = 0;  // month labels must not overlap
  for (int d = 0; d < r.days; ++d) {
    const Date day = r.first + std::chrono::days{d};
    const unsigned dom = static_cast<unsigned>(std::chrono::year_month_day{day}.day());
    if ((d == 0 || dom == 1) && l.x(d) >= free_from) {
      const std::string label = format_month_label(day);
      out << "<text x=\"" << Num{l.x(d) + 2} << "\" y=\"16\" class=\"topic-label\">" << label
          << "</text>";
      free_from = l.x(d) + 8.0 * static_cast<double>(label.size());
    }
    const bool monday = util::weekday_index(day) == 0;
    if (l.day_w >= 16 || (monday && l.day_w * 7 >= 24)) {
      out << "<text class=\"muted\" x=\"" << Num{l.x(d) + l.day_w / 2} << "\" y=\"34\" "
          << "text-anchor=\"middle\">" << dom << "</text>";
    }
  }
  out << "</g>\n";
}

void write_labels(const Report& r, const Layout& l, const Chunk& c, Bars bars,
                  const std::vector<Row>& rows, Writer& out) {
  if (bars == Bars::per_task) {
    out << "<g class=\"rows\">";
    for (std::size_t i = c.from; i < c.to; ++i) {
      if (rows[i].task != k_header) continue;
      out << "<rect class=\"band\" x=\"0\" y=\"" << Num{c.row_y(i, l)} << "\" width=\""
          << Num{l.width()} << "\" height=\"" << Num{l.row_h} << "\"/>";
    }
    out << "</g>\n";
  }
  out << "<g class=\"labels\" clip-path=\"url(#gantt-labels-" << c.index << ")\">";
  for (std::size_t i = c.from; i < c.to; ++i) {
    const double y = c.row_y(i, l) + l.row_h / 2 + 4;
    if (rows[i].task == k_header) {
      out << "<text x=\"8\" y=\"" << Num{y} << "\""
          << (bars == Bars::per_task ? " class=\"topic-label\"" : "") << ">"
          << Esc{truncate_text(topic_title(r, rows[i].topic), bars == Bars::per_task ? 40 : 46)}
          << "</text>";
    } else {
      out << "<text x=\"20\" y=\"" << Num{y} << "\">"
          << Esc{truncate_text(r.project.tasks[rows[i].task].prompt, 44)} << "</text>";
    }
  }
  out << "</g>\n";
}

void write_arrows(const Report& r, const Layout& l, const std::vector<TaskGeometry>& geo,
                  Writer& out) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < r.project.tasks.size(); ++i) index.emplace(r.project.tasks[i].id, i);
  out << "<g class=\"arrows\">";
  for (std::size_t i = 0; i < r.project.tasks.size(); ++i) {
    const TaskGeometry& to = geo[i];
    if (!to.scheduled) continue;
    for (const auto& dep : r.project.tasks[i].depends_on) {
      const auto it = index.find(dep);
      if (it == index.end() || !geo[it->second].scheduled) continue;
      const TaskGeometry& from = geo[it->second];
      const double x1 = l.x(from.to), x2 = l.x(to.from);
      out << "<path class=\"arrow\" marker-end=\"url(#arrowhead)\" d=\"M" << Num{x1} << ","
          << Num{from.y} << "h4";
      if (x2 >= x1 + 10) {
        out << "V" << Num{to.y} << "H" << Num{x2};
      } else {  // the successor starts left of the end: go round between the rows
        const double between = to.y + (to.y > from.y ? -l.row_h / 2 : l.row_h / 2);
        out << "V" << Num{between} << "H" << Num{x2 - 6} << "V" << Num{to.y} << "H" << Num{x2};
      }
      out << "\"/>";
    }
  }
  out << "</g>\n";
}

void write_task_title(const model::Task& t, Writer& out) {
  out << "<title>" << Esc{t.prompt} << "\n" << Esc{t.id};
  if (!t.planned() && t.status == model::TaskStatus::done) {
    out << " \u00b7 " << util::format_hours(t.estimate.hours) << " h \u00b7 done";
    if (!t.assignee.empty()) out << " by " << Esc{t.assignee};
    out << " before its planned work";
  } else if (!t.planned()) {
    out << " \u00b7 " << util::format_hours(t.estimate.hours) << " h \u00b7 not scheduled";
  } else {
    const auto& b0 = t.blocks.front();
    const auto& b1 = t.blocks.back();
    out << " \u00b7 " << Esc{t.assignee} << " \u00b7 " << util::format_hours(t.estimate.hours)
        << " h \u00b7 " << model::to_string(t.kind) << " \u00b7 " << model::to_string(t.status)
        << "\n"
        << local_time(b0.date, b0.start_minute) << " \u2192 "
        << local_time(b1.date, b1.start_minute + b1.minutes) << " (local time)";
  }
  if (!t.depends_on.empty()) out << "\nafter " << Esc{util::join(t.depends_on, ", ")};
  out << "</title>";
}

void write_task_bar(const Report& r, const Layout& l, const model::Task& t, double row_y,
                    TaskGeometry& geo, Writer& out) {
  const double y = row_y + (l.row_h - l.bar_h) / 2;
  geo.y = row_y + l.row_h / 2;
  if (!t.planned() && t.status == model::TaskStatus::done) {  // done before its planned work
    out << "<g class=\"task done\" data-task=\"" << Esc{t.id} << "\">";
    write_task_title(t, out);
    out << "<text x=\"" << Num{l.label_w + 4} << "\" y=\"" << Num{geo.y + 4} << "\">done";
    if (!t.assignee.empty()) out << " by " << Esc{t.assignee};
    out << " \u2713</text></g>\n";
    return;
  }
  if (!t.planned()) {
    out << "<g class=\"task unplanned\" data-task=\"" << Esc{t.id} << "\">";
    write_task_title(t, out);
    out << "<text x=\"" << Num{l.label_w + 4} << "\" y=\"" << Num{geo.y + 4}
        << "\">not scheduled</text></g>\n";
    return;
  }
  const int person = r.view.person_of(t);
  geo.from = block_from(r, person, t.blocks.front());
  geo.to = std::max(block_to(r, person, t.blocks.back()), geo.from);
  geo.scheduled = true;
  const bool done = t.status == model::TaskStatus::done;
  out << "<g class=\"task " << color_class(r, person) << (done ? " done" : "") << "\" data-task=\""
      << Esc{t.id} << "\">";
  write_task_title(t, out);
  // The whole span (light when the work has gaps), then each block of work.
  const auto rect = [&](double from, double to, const char* attributes) {
    out << "<rect" << attributes << " x=\"" << Num{l.x(from)} << "\" y=\"" << Num{y}
        << "\" width=\"" << Num{std::max(2.0, (to - from) * l.day_w)} << "\" height=\""
        << Num{l.bar_h} << "\"/>";
  };
  if (t.blocks.size() == 1) {
    rect(geo.from, geo.to, " rx=\"2\"");
  } else {
    rect(geo.from, geo.to, " class=\"span\" rx=\"2\"");
    for (const auto& b : t.blocks) rect(block_from(r, person, b), block_to(r, person, b), "");
  }
  out << "</g><text class=\"muted\" x=\"" << Num{l.x(geo.to) + 5} << "\" y=\"" << Num{geo.y + 4}
      << "\">" << Esc{t.assignee} << (done ? " \u2713" : "") << "</text>\n";
}

// Per task bars, a thin line under the topic's header row spanning its work;
// per topic bars, the topic's bar.
void write_topic_bar(const Report& r, const Layout& l, std::size_t t, double row_y, Bars bars,
                     Writer& out) {
  const TopicStats& s = r.topics[t];
  if (!s.scheduled) return;
  const bool alone = bars == Bars::per_topic;
  const double h = alone ? l.bar_h : 4;
  const double y = alone ? row_y + (l.row_h - h) / 2 : row_y + l.row_h - h - 2;
  out << "<g class=\"topic-bar " << (alone ? color_class(r, s.main_person) : "topic-span") << "\"";
  if (alone && t < r.project.topics.size()) {
    out << " data-topic=\"" << Esc{r.project.topics[t].id} << "\"";
  }
  out << "><title>" << Esc{topic_title(r, t)} << "\n"
      << s.tasks << " tasks \u00b7 " << util::format_hours(s.hours) << " h \u00b7 "
      << util::format_date(*s.first) << " \u2192 " << util::format_date(*s.last) << " \u00b7 "
      << percent(s.done_hours, s.hours) << " done";
  if (alone && s.main_person >= 0) {
    out << "\nmost hours: " << Esc{r.view.people()[static_cast<std::size_t>(s.main_person)].name};
  }
  out << "</title><rect x=\"" << Num{l.x(s.from)} << "\" y=\"" << Num{y} << "\" width=\""
      << Num{std::max(2.0, (s.to - s.from) * l.day_w)} << "\" height=\"" << Num{h}
      << "\" rx=\"2\"/></g>\n";
}

void write_today(const Report& r, const Layout& l, const Chunk& c, Date today, Writer& out) {
  const model::PlanInfo& plan = r.project.plan;
  if (!plan.exists || today < plan.start || today > plan.finish) return;
  const double x = l.x((today - r.first).count());
  out << "<g class=\"today-marker\"><line class=\"today\" x1=\"" << Num{x} << "\" x2=\"" << Num{x}
      << "\" y1=\"" << Num{c.index == 0 ? l.header_h - 12 : 0} << "\" y2=\"" << Num{c.height}
      << "\"/>";
  if (c.index == 0) {
    out << "<text class=\"today\" x=\"" << Num{x + 3} << "\" y=\"" << Num{l.header_h - 4}
        << "\">today</text>";
  }
  out << "<title>today, " << util::format_date(today) << "</title></g>\n";
}

// Who has which colour; folded away (a <details>, no script) for a team too
// large to read at a glance.
void write_legend(const Report& r, Writer& out) {
  const auto& people = r.view.people();
  const bool folded = people.size() > k_legend_unfolded;
  if (folded) out << "<details><summary>Colours of the " << people.size() << " people</summary>";
  out << "<ul class=\"legend\">";
  for (const auto& person : people) {
    out << "<li><span class=\"sw c" << person.colour << "\"></span>" << Esc{person.name} << "</li>";
  }
  out << "</ul>" << (folded ? "</details>" : "") << "\n";
}

void write_note(const Report& r, Bars bars, Writer& out) {
  out << "<p class=\"note\">";
  if (bars == Bars::per_topic) {
    out << "The plan has " << r.project.tasks.size() << " tasks, more than " << k_html_max_task_bars
        << ": one bar per topic, coloured by the person with most hours in it, and no "
           "dependency arrows. ";
  } else {
    out << "One bar per task, coloured by assignee; arrows lead from a task to those that "
           "wait for it. ";
  }
  out << "A day column is each person's working day in their own time zone; shaded: days "
         "nobody works and holidays. Hover a bar for details.</p>\n";
}

void write_chunk(const Report& r, const Layout& l, Bars bars, const std::vector<Row>& rows,
                 const Chunk& c, Date today, std::vector<TaskGeometry>& geo, Writer& out) {
  const bool boxed = bars == Bars::per_topic;
  if (boxed) {
    out << "<div class=\"chunk\" style=\"width:" << Num{l.width(), 0}
        << "px;contain-intrinsic-size:auto " << Num{c.height, 0} << "px\">";
  }
  out << "<svg class=\"chart gantt\" width=\"" << Num{l.width(), 0} << "\" height=\""
      << Num{c.height, 0} << "\" viewBox=\"0 0 " << Num{l.width(), 0} << " " << Num{c.height, 0}
      << "\" role=\"img\" aria-label=\"Gantt chart of the plan"
      << (c.index > 0 ? ", continued" : "") << "\">\n";
  write_defs(l, c, bars, out);
  write_days(r, l, c, out);
  if (c.index == 0) write_day_header(r, l, out);
  write_labels(r, l, c, bars, rows, out);
  out << "<g class=\"bars\">\n";
  for (std::size_t i = c.from; i < c.to; ++i) {
    if (rows[i].task == k_header) {
      write_topic_bar(r, l, rows[i].topic, c.row_y(i, l), bars, out);
    } else {
      write_task_bar(r, l, r.project.tasks[rows[i].task], c.row_y(i, l), geo[rows[i].task], out);
    }
  }
  out << "</g>\n";
  if (bars == Bars::per_task) write_arrows(r, l, geo, out);
  write_today(r, l, c, today, out);
  out << "</svg>" << (boxed ? "</div>" : "") << "\n";
}

}  // namespace

void write_schedule(const Report& r, Date today, Writer& out) {
  const Bars bars =
      r.project.tasks.size() > k_html_max_task_bars ? Bars::per_topic : Bars::per_task;
  out << "<section id=\"schedule\">\n<h2>Schedule</h2>\n";
  if (!r.has_axis) {
    out << "<p class=\"note\">Nothing is scheduled yet.</p>\n</section>\n";
    return;
  }
  write_note(r, bars, out);
  write_legend(r, out);

  Layout l;
  l.days = r.days;
  l.day_w = std::clamp(1000.0 / r.days, 2.0, 80.0);
  if (bars == Bars::per_topic) l.row_h = 16;
  const std::vector<Row> rows = chart_rows(r, bars);
  // Per task bars, one SVG: arrows may join any two rows.
  const std::size_t per_chunk =
      bars == Bars::per_task ? std::max<std::size_t>(rows.size(), 1) : k_rows_per_chunk;
  std::vector<TaskGeometry> geo(bars == Bars::per_task ? r.project.tasks.size() : 0);
  out << "<div class=\"scroll\">\n";
  Chunk c;
  do {
    c.from = c.index * per_chunk;
    c.to = std::min(rows.size(), c.from + per_chunk);
    c.top = c.index == 0 ? l.header_h : 0;
    c.shade_top = c.index == 0 ? l.header_h - 20 : 0;
    c.height = c.top + l.row_h * static_cast<double>(c.to - c.from) + (c.to == rows.size() ? 8 : 0);
    write_chunk(r, l, bars, rows, c, today, geo, out);
    ++c.index;
  } while (c.to < rows.size());
  out << "</div>\n</section>\n";
}

}  // namespace rplan::exporters::html
