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

// Geometry of the chart. The label column is HTML, a fixed width in CSS
// pixels, kept in view while the chart scrolls sideways (position: sticky).
// The timeline is an SVG as wide as the window leaves it, but never narrower
// than `min_w` pixels: x positions are percentages of its width (a short
// plan's days widen to fill a wide window), y positions pixels. Whatever must
// fit beside a bar or inside the timeline is measured at min_w, the narrowest
// it can be, so that no label runs past its edge at any width.
struct Layout {
  double header_h = 56;  // month and day rows, then the "today" label
  double row_h = 20;
  double bar_h = 12;
  int days = 0;
  double min_w = 0;  // the timeline's least width, in pixels
  double min_day_w() const { return min_w / days; }
  // Day columns as a percentage of the timeline's width.
  double pct(double day_columns) const { return 100.0 * day_columns / days; }
  // Day columns as pixels at the least width.
  double px(double day_columns) const { return day_columns * min_day_w(); }
};

// The label column's width in pixels, and the timeline's least width: 600
// px leaves room for the label column on a 1000 px window (with the page's
// margins and a scroll bar); long plans get at least 3 px a day and scroll.
constexpr double k_label_w = 300;
constexpr double k_min_timeline_w = 600;
constexpr double k_min_px_per_day = 3;

// A percentage for an SVG attribute: "12.345%".
struct Pct {
  double value;
};
Writer& operator<<(Writer& out, Pct p) { return out << Num{p.value, 3} << '%'; }

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

// An upper bound of the width of `text` in the charts' 11 px font, in pixels
// (DejaVu Sans, the widest of the usual sans-serif fonts, measured per kind of
// character and rounded up), for placing labels where they fit.
double text_width(std::string_view text) {
  double w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const util::Utf8Char c = util::decode_utf8(text, i);
    i += std::max<std::size_t>(c.length, 1);
    const char32_t cp = c.code_point;
    if (cp == ' ' || cp == '.' || cp == ',' || cp == ':' || cp == ';' || cp == '\'' || cp == 'i' ||
        cp == 'j' || cp == 'l' || cp == '!' || cp == '|') {
      w += 3.7;
    } else if (cp == 'f' || cp == 't' || cp == 'r' || cp == '(' || cp == ')') {
      w += 4.9;
    } else if (cp == 'm' || cp == 'M' || cp == 'W' || cp == '@') {
      w += 11.2;
    } else if (cp == 'w') {
      w += 9.3;
    } else if (cp >= 'A' && cp <= 'Z') {
      w += 8.4;
    } else if (cp < 0x80) {
      w += 7.2;
    } else if (cp >= 0x1100) {  // CJK, emoji and other wide scripts
      w += 12;
    } else {
      w += 8.4;
    }
  }
  return w;
}

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

void write_defs(Bars bars, Writer& out) {
  if (bars != Bars::per_task) return;
  out << "<defs><marker id=\"arrowhead\" viewBox=\"0 0 6 6\" refX=\"6\" refY=\"3\" "
         "markerWidth=\"6\" markerHeight=\"6\" orient=\"auto\"><path d=\"M0,0L6,3L0,6z\"/>"
         "</marker></defs>\n";
}

void write_day_rect(const Layout& l, int from, int to, double top, double h, const char* cls,
                    Writer& out) {
  out << "<rect class=\"" << cls << "\" x=\"" << Pct{l.pct(from)} << "\" y=\"" << Num{top}
      << "\" width=\"" << Pct{l.pct(to - from)} << "\" height=\"" << Num{h} << "\"";
}

// Days off for the whole team and its holidays shaded over every row; a
// holiday of some people only, per task bars, in the rows of their tasks,
// else lighter over every row; lines at each Monday.
void write_days(const Report& r, const Layout& l, const Chunk& c, Bars bars,
                const std::vector<Row>& rows, Writer& out) {
  const double top = c.shade_top;
  const double h = c.height - top;
  out << "<g class=\"days\">";
  for (int d = 0; d < r.days;) {
    const Date day = r.first + std::chrono::days{d};
    if (r.view.is_holiday(day) || (bars == Bars::per_topic && r.view.is_some_holiday(day))) {
      write_day_rect(l, d, d + 1, top, h, r.view.is_holiday(day) ? "holiday" : "holiday some", out);
      out << "><title>" << util::format_date(day) << ": " << Esc{r.view.holiday_title(day)}
          << "</title></rect>";
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
      write_day_rect(l, d, end, top, h, "off", out);
      out << "/>";
      d = end;
    } else {
      ++d;
    }
  }
  if (bars == Bars::per_task) {
    for (const Date day : r.view.some_holidays()) {
      const auto d = (day - r.first).count();
      if (d < 0 || d >= r.days) continue;
      const std::string title = util::format_date(day) + ": " + r.view.holiday_title(day);
      for (std::size_t i = c.from; i < c.to; ++i) {
        if (rows[i].task == k_header) continue;
        const model::Task& t = r.project.tasks[rows[i].task];
        if (!t.planned() || !r.view.is_holiday_of(r.view.person_of(t), day)) continue;
        write_day_rect(l, static_cast<int>(d), static_cast<int>(d) + 1, c.row_y(i, l), l.row_h,
                       "holiday", out);
        out << "><title>" << Esc{title} << "</title></rect>";
      }
    }
  }
  out << "</g>\n<g class=\"weeks\">";
  for (int d = 0; d < r.days; ++d) {
    if (util::weekday_index(r.first + std::chrono::days{d}) != 0) continue;
    out << "<line class=\"week\" x1=\"" << Pct{l.pct(d)} << "\" x2=\"" << Pct{l.pct(d)}
        << "\" y1=\"" << Num{top} << "\" y2=\"" << Num{c.height} << "\"/>";
  }
  out << "</g>\n";
}

void write_day_header(const Report& r, const Layout& l, Writer& out) {
  out << "<g class=\"header\">";
  double free_from = 0;  // month labels must not overlap (pixels at the least width)
  for (int d = 0; d < r.days; ++d) {
    const Date day = r.first + std::chrono::days{d};
    const unsigned dom = static_cast<unsigned>(std::chrono::year_month_day{day}.day());
    if (d == 0 || dom == 1) {
      const std::string label = format_month_label(day);
      const double w = text_width(label) * 1.1;  // bold
      if (l.px(d) >= free_from && l.px(d) + 2 + w <= l.min_w) {
        out << "<text x=\"" << Pct{l.pct(d)} << "\" dx=\"2\" y=\"16\" class=\"topic-label\">"
            << label << "</text>";
        free_from = l.px(d) + 2 + w + 8;
      }
    }
    const bool monday = util::weekday_index(day) == 0;
    if (l.min_day_w() >= 16) {  // every day, centred on its column
      out << "<text class=\"muted\" x=\"" << Pct{l.pct(d + 0.5)} << "\" y=\"34\" "
          << "text-anchor=\"middle\">" << dom << "</text>";
    } else if (monday && l.min_day_w() * 7 >= 24 &&
               l.px(d) + 2 + text_width(std::to_string(dom)) <= l.min_w) {
      // Mondays only, from the column's left edge: a narrow column cannot
      // hold a centred number, which would run out of the chart at its edges.
      out << "<text class=\"muted\" x=\"" << Pct{l.pct(d)} << "\" dx=\"2\" y=\"34\">" << dom
          << "</text>";
    }
  }
  out << "</g>\n";
}

// The label column: a header's height, then a line per row; text that does
// not fit ends in "…" (the whole text in its hover title).
void write_labels(const Report& r, const Chunk& c, Bars bars, const std::vector<Row>& rows,
                  Writer& out) {
  out << "<div class=\"labels\" style=\"height:" << Num{c.height, 0}
      << "px;padding-top:" << Num{c.top, 0} << "px\">";
  for (std::size_t i = c.from; i < c.to; ++i) {
    if (rows[i].task == k_header) {
      const std::string title = topic_title(r, rows[i].topic);
      out << "<div class=\"" << (bars == Bars::per_task ? "topic" : "row") << "\" title=\""
          << Esc{title} << "\">" << Esc{title} << "</div>";
    } else {
      const std::string& prompt = r.project.tasks[rows[i].task].prompt;
      out << "<div class=\"task\" title=\"" << Esc{prompt} << "\">" << Esc{prompt} << "</div>";
    }
  }
  out << "</div>\n";
}

void write_bands(const Layout& l, const Chunk& c, Bars bars, const std::vector<Row>& rows,
                 Writer& out) {
  if (bars != Bars::per_task) return;
  out << "<g class=\"rows\">";
  for (std::size_t i = c.from; i < c.to; ++i) {
    if (rows[i].task != k_header) continue;
    out << "<rect class=\"band\" x=\"0\" y=\"" << Num{c.row_y(i, l)}
        << "\" width=\"100%\" height=\"" << Num{l.row_h} << "\"/>";
  }
  out << "</g>\n";
}

void write_arrows(const Report& r, const Layout& l, const std::vector<TaskGeometry>& geo,
                  Writer& out) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < r.project.tasks.size(); ++i) index.emplace(r.project.tasks[i].id, i);
  const auto line = [&](double x1, double y1, double x2, double y2, bool head) {
    out << "<line x1=\"" << Pct{l.pct(x1)} << "\" y1=\"" << Num{y1} << "\" x2=\"" << Pct{l.pct(x2)}
        << "\" y2=\"" << Num{y2} << "\"" << (head ? " marker-end=\"url(#arrowhead)\"" : "") << "/>";
  };
  out << "<g class=\"arrows\">";
  for (std::size_t i = 0; i < r.project.tasks.size(); ++i) {
    const TaskGeometry& to = geo[i];
    if (!to.scheduled) continue;
    for (const auto& dep : r.project.tasks[i].depends_on) {
      const auto it = index.find(dep);
      if (it == index.end() || !geo[it->second].scheduled) continue;
      const TaskGeometry& from = geo[it->second];
      out << "<g class=\"arrow\">";
      if (l.px(to.from - from.to) >= 8) {  // down from the end, then right to the start
        line(from.to, from.y, from.to, to.y, false);
        line(from.to, to.y, to.from, to.y, true);
      } else {  // the successor starts at or left of the end: go round between the rows
        const double between = to.y + (to.y > from.y ? -l.row_h / 2 : l.row_h / 2);
        line(from.to, from.y, from.to, between, false);
        line(from.to, between, to.from, between, false);
        line(to.from, between, to.from, to.y, true);
      }
      out << "</g>";
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
        << " h \u00b7 ";
    // The kind once: not again after a prompt that begins with it ("Research Redis").
    if (model::kind_word_length(t.kind, t.prompt) == 0)
      out << model::to_string(t.kind) << " \u00b7 ";
    out << model::to_string(t.status) << "\n"
        << local_time(b0.date, b0.start_minute) << " \u2192 "
        << local_time(b1.date, b1.start_minute + b1.minutes) << " (local time)";
  }
  if (!t.depends_on.empty()) out << "\nafter " << Esc{util::join(t.depends_on, ", ")};
  out << "</title>";
}

// The assignee's name beside a bar from day column `from` to `to`, where it
// fits at the timeline's least width: after the bar, else before it, else
// inside it; cut with "…" when it fits nowhere whole.
void write_bar_label(const Layout& l, double from, double to, double y, std::string text,
                     Writer& out) {
  constexpr double k_gap = 5;
  const double room_after = l.min_w - l.px(to) - k_gap - 2;
  const double room_before = l.px(from) - k_gap - 2;
  const double room_inside = l.px(to - from) - 2 * k_gap;
  enum class Where { after, before, inside } where = Where::after;
  const double w = text_width(text);
  if (w <= room_after) {
    where = Where::after;
  } else if (w <= room_before) {
    where = Where::before;
  } else if (w <= room_inside) {
    where = Where::inside;
  } else {  // the widest room, and the text cut to it
    const double room = std::max({room_after, room_before, room_inside});
    where = room == room_after ? Where::after : room == room_before ? Where::before : Where::inside;
    while (!text.empty() && text_width(text + "\u2026") > room) {
      std::size_t cut = text.size() - 1;
      while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
      text.resize(cut);
    }
    text += "\u2026";
  }
  out << "<text class=\"" << (where == Where::inside ? "who in" : "who muted") << "\" x=\""
      << Pct{l.pct(where == Where::after ? to : from)} << "\" dx=\""
      << Num{where == Where::before ? -k_gap : k_gap, 0} << "\" y=\"" << Num{y + 4} << "\""
      << (where == Where::before ? " text-anchor=\"end\"" : "") << ">" << Esc{text} << "</text>\n";
}

// Per task bars, the baseline's dates of task `task` (an index into the
// project's tasks) as a thin grey bar (`rect.baseline`) at `y`, from the
// start of its first day to the end of its last, cut to the chart's days.
void write_baseline_bar(const Report& r, std::size_t task, double y, double scale_days,
                        Writer& out) {
  if (r.then.empty() || scale_days <= 0) return;
  const model::BaselineTask* then = r.then[task];
  if (then == nullptr || !then->first_day || !then->last_day) return;
  const double from = std::max(0.0, static_cast<double>((*then->first_day - r.first).count()));
  const double to =
      std::min(scale_days, static_cast<double>((*then->last_day - r.first).count() + 1));
  if (to <= from) return;  // outside the chart's days
  out << "<rect class=\"baseline\" data-first=\"" << util::format_date(*then->first_day)
      << "\" data-last=\"" << util::format_date(*then->last_day) << "\" x=\""
      << Pct{100.0 * from / scale_days} << "\" y=\"" << Num{y} << "\" width=\""
      << Pct{100.0 * (to - from) / scale_days} << "\" height=\"2.5\"/>";
}

// A bar's slack (model::plan_slack, through the view); none without planned work.
const model::TaskSlack& slack_of(const Report& r, const model::Task& t) {
  return r.view.slack(static_cast<std::size_t>(&t - r.project.tasks.data()));
}

void write_task_bar(const Report& r, const Layout& l, const model::Task& t, double row_y,
                    TaskGeometry& geo, Writer& out) {
  const double y = row_y + (l.row_h - l.bar_h) / 2;
  geo.y = row_y + l.row_h / 2;
  if (!t.planned() && t.status == model::TaskStatus::done) {  // done before its planned work
    out << "<g class=\"task done\" data-task=\"" << Esc{t.id} << "\">";
    write_task_title(t, out);
    out << "<text x=\"0\" dx=\"4\" y=\"" << Num{geo.y + 4} << "\">done";
    if (!t.assignee.empty()) out << " by " << Esc{t.assignee};
    out << " \u2713</text></g>\n";
    return;
  }
  const std::size_t index = static_cast<std::size_t>(&t - r.project.tasks.data());
  if (!t.planned()) {
    out << "<g class=\"task unplanned\" data-task=\"" << Esc{t.id} << "\">";
    write_task_title(t, out);
    out << "<text x=\"0\" dx=\"4\" y=\"" << Num{geo.y + 4} << "\">not scheduled</text>";
    write_baseline_bar(r, index, y + l.bar_h + 1, l.days, out);
    out << "</g>\n";
    return;
  }
  const int person = r.view.person_of(t);
  geo.from = block_from(r, person, t.blocks.front());
  geo.to = std::max(block_to(r, person, t.blocks.back()), geo.from);
  geo.scheduled = true;
  const bool done = t.status == model::TaskStatus::done;
  // A critical bar is outlined; every bar with planned work says its slack.
  const model::TaskSlack& slack = slack_of(r, t);
  out << "<g class=\"task " << color_class(r, person) << (done ? " done" : "")
      << (slack.critical() ? " critical" : "") << "\" data-task=\"" << Esc{t.id} << "\"";
  if (slack.minutes) out << " data-slack-hours=\"" << util::format_hours(slack.hours()) << "\"";
  out << ">";
  write_task_title(t, out);
  // The whole span (light when the work has gaps), then each block of work;
  // at least 2 px wide at any width.
  const double least = 2 / l.min_day_w();
  const auto rect = [&](double from, double to, const char* attributes) {
    out << "<rect" << attributes << " x=\"" << Pct{l.pct(from)} << "\" y=\"" << Num{y}
        << "\" width=\"" << Pct{l.pct(std::max(least, to - from))} << "\" height=\"" << Num{l.bar_h}
        << "\"/>";
  };
  if (t.blocks.size() == 1) {
    rect(geo.from, geo.to, " rx=\"2\"");
  } else {
    rect(geo.from, geo.to, " class=\"span\" rx=\"2\"");
    for (const auto& b : t.blocks) rect(block_from(r, person, b), block_to(r, person, b), "");
  }
  write_baseline_bar(r, index, y + l.bar_h + 1, l.days, out);
  out << "</g>";
  write_bar_label(l, geo.from, std::max(geo.to, geo.from + least), geo.y,
                  t.assignee + (done ? " \u2713" : ""), out);
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
  out << "</title><rect x=\"" << Pct{l.pct(s.from)} << "\" y=\"" << Num{y} << "\" width=\""
      << Pct{l.pct(std::max(2 / l.min_day_w(), s.to - s.from))} << "\" height=\"" << Num{h}
      << "\" rx=\"2\"/></g>\n";
}

void write_today(const Report& r, const Layout& l, const Chunk& c, Date today, Writer& out) {
  const model::PlanInfo& plan = r.project.plan;
  if (!plan.exists || today < plan.start || today > plan.finish) return;
  const double d = static_cast<double>((today - r.first).count());
  out << "<g class=\"today-marker\"><line class=\"today\" x1=\"" << Pct{l.pct(d)} << "\" x2=\""
      << Pct{l.pct(d)} << "\" y1=\"" << Num{c.index == 0 ? l.header_h - 12 : 0} << "\" y2=\""
      << Num{c.height} << "\"/>";
  if (c.index == 0) {
    const bool room = l.px(d) + 3 + text_width("today") * 1.1 <= l.min_w;
    out << "<text class=\"today\" x=\"" << Pct{l.pct(d)} << "\" dx=\"" << (room ? 3 : -3)
        << "\" y=\"" << Num{l.header_h - 4} << "\"" << (room ? "" : " text-anchor=\"end\"")
        << ">today</text>";
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
           "wait for it; outlined: the critical chain, the tasks whose delay moves the plan's "
           "finish. ";
  }
  out << "A day column is each person's working day in their own time zone; shaded: days "
         "nobody works and holidays (a holiday of some people only in the rows of their "
      << (bars == Bars::per_topic ? "work, here lighter over every row" : "tasks")
      << "). Hover a bar for details.</p>\n";
}

void write_chunk(const Report& r, const Layout& l, Bars bars, const std::vector<Row>& rows,
                 const Chunk& c, Date today, std::vector<TaskGeometry>& geo, Writer& out) {
  out << "<div class=\"gantt" << (bars == Bars::per_topic ? " chunk" : "")
      << "\" style=\"min-width:" << Num{k_label_w + l.min_w, 0} << "px";
  if (bars == Bars::per_topic) out << ";contain-intrinsic-size:auto " << Num{c.height, 0} << "px";
  out << "\">\n";
  write_labels(r, c, bars, rows, out);
  out << "<svg class=\"chart gantt\" width=\"100%\" height=\"" << Num{c.height, 0}
      << "\" style=\"min-width:" << Num{l.min_w, 0}
      << "px\" role=\"img\" aria-label=\"Gantt chart of the plan"
      << (c.index > 0 ? ", continued" : "") << "\">\n";
  write_defs(bars, out);
  write_bands(l, c, bars, rows, out);
  write_days(r, l, c, bars, rows, out);
  if (c.index == 0) write_day_header(r, l, out);
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
  out << "</svg>\n</div>\n";
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
  l.min_w = std::max(k_min_timeline_w, k_min_px_per_day * r.days);
  if (bars == Bars::per_topic) l.row_h = 16;
  const std::vector<Row> rows = chart_rows(r, bars);
  // Per task bars, one SVG: arrows may join any two rows.
  const std::size_t per_chunk =
      bars == Bars::per_task ? std::max<std::size_t>(rows.size(), 1) : k_rows_per_chunk;
  std::vector<TaskGeometry> geo(bars == Bars::per_task ? r.project.tasks.size() : 0);
  out << "<div class=\"scroll wide" << (bars == Bars::per_topic ? " per-topic" : "") << "\">\n";
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
