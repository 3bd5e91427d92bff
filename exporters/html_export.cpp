#include "exporters/html_export.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <vector>

#include "exporters/html_report.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/text.hpp"

namespace rplan::exporters {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  html::append_escaped(out, text);
  return out;
}

namespace html {

void append_escaped(std::string& out, std::string_view text) {
  std::size_t from = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    std::string_view ref;
    switch (c) {
      case '&':
        ref = "&amp;";
        break;
      case '<':
        ref = "&lt;";
        break;
      case '>':
        ref = "&gt;";
        break;
      case '"':
        ref = "&quot;";
        break;
      case '\'':
        ref = "&#39;";
        break;
      default:
        // C0 controls other than tab, LF and CR are never valid in HTML: dropped.
        if (static_cast<unsigned char>(c) >= 0x20 || c == '\t' || c == '\n' || c == '\r') continue;
    }
    out.append(text.substr(from, i - from));
    out.append(ref);
    from = i + 1;
  }
  out.append(text.substr(from));
}

Writer& operator<<(Writer& out, Num n) {
  // Fixed notation always: a default-formatted 1234567.8 would print "1.23457e+06".
  char buf[64];
  double v = n.value;
  if (!std::isfinite(v)) v = 0;
  const auto [end, ec] =
      std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, n.precision);
  if (ec != std::errc{}) return out << '0';
  char* p = end;
  if (n.precision > 0) {
    while (p[-1] == '0') --p;
    if (p[-1] == '.') --p;
  }
  const std::string_view text(buf, static_cast<std::size_t>(p - buf));
  return out << (text == "-0" ? std::string_view("0") : text);
}

std::string truncate_text(std::string_view text, std::size_t max_code_points) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;  // continuation byte
    if (count == max_code_points) return std::string(text.substr(0, i)) + "\u2026";
    ++count;
  }
  return std::string(text);
}

std::string format_day_label(Date date) {
  static constexpr std::array<const char*, 12> k_months = {
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const std::chrono::year_month_day ymd{date};
  return std::string(k_months[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<unsigned>(ymd.day()));
}

std::string format_month_label(Date date) {
  static constexpr std::array<const char*, 12> k_months = {
      "January", "February", "March",     "April",   "May",      "June",
      "July",    "August",   "September", "October", "November", "December"};
  const std::chrono::year_month_day ymd{date};
  return std::string(k_months[static_cast<unsigned>(ymd.month()) - 1]) + " " +
         std::to_string(static_cast<int>(ymd.year()));
}

std::string percent(double part, double whole) {
  if (whole <= 0) return "\u2013";
  return std::to_string(static_cast<long long>(std::lround(100.0 * part / whole))) + "%";
}

// Where within its day column a block starts or ends, 0..1: the share of the
// assignee's working day (their WorkingTime window) before that minute; for
// someone no longer on the team, the share of the whole day.
double day_fraction(const Report& r, int person, int minute) {
  const model::WorkingTime* rule = nullptr;
  if (person >= 0) {
    const auto& working_time = r.view.people()[static_cast<std::size_t>(person)].working_time;
    if (working_time) rule = &*working_time;
  }
  if (rule == nullptr) return std::clamp(minute / 1440.0, 0.0, 1.0);
  const model::WorkingTime::Window window = rule->window();
  const double span = std::max(1, window.minutes);
  return std::clamp((minute - window.start_minute) / span, 0.0, 1.0);
}

std::string topic_title(const Report& r, std::size_t t) {
  if (t >= r.project.topics.size()) return "Tasks without a topic";
  const model::Topic& topic = r.project.topics[t];
  return topic.number ? std::to_string(*topic.number) + ". " + topic.title : topic.title;
}

}  // namespace html

namespace {

using namespace html;

void count_documents(Report& r) {
  std::vector<std::string_view> documents;
  for (const auto& t : r.project.topics) {
    if (std::find(documents.begin(), documents.end(), t.document) == documents.end()) {
      documents.push_back(t.document);
      if (documents.size() > 1) break;
    }
  }
  r.several_documents = documents.size() > 1;
}

// The day columns: the view's days (the plan's, widened to every block).
void find_axis(Report& r) {
  if (!r.view.has_days()) return;
  r.has_axis = true;
  r.first = r.view.first_day();
  r.days = static_cast<int>((r.view.last_day() - r.first).count()) + 1;
}

void sum_topics(Report& r) {
  const model::Project& p = r.project;
  r.topics.resize(r.view.group_count());
  std::vector<double> tally(r.view.people().size(), 0.0);
  std::vector<std::size_t> touched;
  for (std::size_t t = 0; t < r.view.group_count(); ++t) {
    TopicStats& s = r.topics[t];
    for (const std::uint32_t i : r.view.group_tasks(t)) {
      const model::Task& task = p.tasks[i];
      const bool done = task.status == model::TaskStatus::done;
      ++s.tasks;
      s.hours += task.estimate.hours;
      if (done) s.done_hours += task.estimate.hours;
      if (task.blocks.empty()) continue;
      const int person = r.view.person_of(task);
      const auto& b0 = task.blocks.front();
      const auto& b1 = task.blocks.back();
      const double from = (b0.date - r.first).count() + day_fraction(r, person, b0.start_minute);
      const double to =
          (b1.date - r.first).count() + day_fraction(r, person, b1.start_minute + b1.minutes);
      s.first = s.first ? std::min(*s.first, b0.date) : b0.date;
      s.last = s.last ? std::max(*s.last, b1.date) : b1.date;
      s.from = s.scheduled ? std::min(s.from, from) : from;
      s.to = s.scheduled ? std::max(s.to, to) : to;
      s.scheduled = true;
      if (person < 0) continue;
      const auto pi = static_cast<std::size_t>(person);
      if (tally[pi] == 0) touched.push_back(pi);
      tally[pi] += task.estimate.hours;
    }
    double best = 0;
    for (std::size_t pi : touched) {
      if (tally[pi] > best || (tally[pi] == best && static_cast<int>(pi) < s.main_person)) {
        best = tally[pi];
        s.main_person = static_cast<int>(pi);
      }
      tally[pi] = 0;
    }
    touched.clear();
  }
}

// ---- the document ----

constexpr const char* k_css = R"css(
:root{--ink:#1f2933;--muted:#616e7c;--line:#d9e2ec;--band:#f0f4f8}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:#fff;
 font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
header,main,footer{padding:0 24px}
header{padding-top:16px;border-bottom:1px solid var(--line)}
h1{font-size:24px;margin:0 0 4px}
h2{font-size:18px;margin:24px 0 8px}
nav a{color:var(--muted);margin-right:16px;text-decoration:none}
.sub,.note,footer{color:var(--muted)}
footer{margin:24px 0;font-size:12px}
.figures{display:flex;flex-wrap:wrap;gap:12px;margin:8px 0 16px;padding:0}
.figures div{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:130px}
.figures dt{color:var(--muted);font-size:12px}
.figures dd{margin:0;font-size:20px;font-weight:600}
table{border-collapse:collapse;font-size:13px}
th,td{padding:4px 10px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:var(--band);font-weight:600}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.focus{color:var(--muted);font-size:12px}
.meter{display:inline-block;width:80px;height:8px;background:var(--band);border-radius:4px;
 margin-right:6px;overflow:hidden;vertical-align:middle}
.meter span{display:block;height:100%;background:#3e7cb1}
.meter span.over{background:#c0392b}
details summary{cursor:pointer;color:var(--muted);margin:8px 0}
.legend{list-style:none;display:flex;flex-wrap:wrap;gap:4px 16px;padding:0;margin:8px 0}
.sw{display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;
 vertical-align:-1px}
.scroll{overflow-x:auto;border:1px solid var(--line);border-radius:6px;width:fit-content;
 max-width:100%}
.scroll.wide{width:auto}
.chunk{content-visibility:auto}
.gantt{display:flex;align-items:flex-start}
.gantt>svg{flex:1 1 0}
.gantt .labels{flex:none;width:300px;position:sticky;left:0;z-index:1;background:#fff;
 border-right:1px solid var(--line);font-size:11px;overflow:hidden}
.gantt .labels div{height:20px;line-height:20px;padding:0 8px 0 20px;white-space:nowrap;
 overflow:hidden;text-overflow:ellipsis}
.gantt .labels div.topic{padding-left:8px;font-weight:600;background:#f5f7fa}
.gantt .labels div.row{padding-left:8px}
.per-topic .labels div{height:16px;line-height:16px}
svg.workload{max-width:100%;height:auto}
table.topics{table-layout:fixed;width:100%;max-width:1100px}
.w-topic{width:auto}.w-doc{width:16%}.w-num{width:8%}.w-date{width:12%}.w-done{width:16%}
svg{display:block;font-family:inherit}
svg text{font-size:11px;fill:var(--ink)}
svg .muted{fill:var(--muted)}
svg .off{fill:#eef1f4}
svg .holiday{fill:#fde8d7}
svg .holiday.some{fill:#fef4eb}
svg text.who.in{fill:#fff}
svg .week{stroke:#d9e2ec;stroke-width:1}
svg .band{fill:#f5f7fa}
svg .topic-label{font-weight:600}
svg .topic-span{fill:#9aa5b1}
svg .task .span{opacity:.35}
svg .curve{fill:none;stroke:#1f2933;stroke-width:2}
svg .marker line{stroke:#d64545;stroke-width:1.5;stroke-dasharray:4 3}
svg .marker.planned line{stroke:#52606d}
svg .task.critical rect{stroke:#1f2933;stroke-width:1.5}
svg .task.critical rect.span{stroke-dasharray:3 2}
svg .task.done{opacity:.45}
svg .task rect.baseline{fill:#8c8c8c;opacity:1}
.changes td.kind{white-space:nowrap}
svg .unplanned text{fill:#c0392b;font-style:italic}
svg .arrow{fill:none;stroke:#52606d;stroke-width:1;opacity:.7}
svg #arrowhead path{fill:#52606d}
svg .today{stroke:#d64545;stroke-width:2}
svg text.today{fill:#d64545;stroke:none;font-weight:600}
svg .grid{stroke:#e4e7eb;stroke-width:1}
svg .axis{stroke:#9aa5b1;stroke-width:1}
svg .capacity{fill:none;stroke:#1f2933;stroke-width:1.5;stroke-dasharray:4 3}
table.heat td.cell{min-width:34px;text-align:center;font-size:11px;border:1px solid #fff}
table.heat th{text-align:left;white-space:nowrap}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px}
@media print{
 @page{size:A4 landscape;margin:10mm}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
 body{font-size:10pt}
 header,main,footer{padding:0}
 nav{display:none}
 .scroll{overflow:visible;border:none;width:auto}
 .chunk{content-visibility:visible}
 .gantt,.gantt>svg{min-width:0!important}
 .gantt .labels{position:static}
 h2{break-after:avoid}
 tr,.figures div,.legend li{break-inside:avoid}
 thead{display:table-header-group}
}
)css";

// "#4e79a7"
std::string css_colour(std::uint32_t rgb) {
  char text[8];
  std::snprintf(text, sizeof text, "#%06x", static_cast<unsigned>(rgb & 0xFFFFFFu));
  return text;
}

// CSS classes c0..c11: the palette's colours, by PersonView::colour (the 13th
// person shares the first one's); "cx" is nobody's (a topic bar without a
// scheduled person).
void write_palette_css(Writer& out) {
  for (std::size_t i = 0; i < k_palette.size(); ++i) {
    const std::string colour = css_colour(k_palette[i]);
    out << ".c" << i << "{fill:" << colour << ";background-color:" << colour << "}\n";
  }
  out << ".cx{fill:#9aa5b1;background-color:#9aa5b1}\n";
}

void write_head(const Report& r, Writer& out) {
  const std::string title = r.project.title.empty() ? "Research plan" : r.project.title;
  out << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
         "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'\">\n"
         "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
         "<meta name=\"generator\" content=\"rplan\">\n<title>"
      << Esc{title} << " \u2014 plan report</title>\n<style>" << k_css;
  write_palette_css(out);
  out << "</style>\n</head>\n<body>\n<header>\n<h1>" << Esc{title} << "</h1>\n<p class=\"sub\">";
  const model::PlanInfo& plan = r.project.plan;
  if (plan.exists) {
    out << "Plan from " << util::format_date(plan.start) << " to " << util::format_date(plan.finish)
        << " \u00b7 " << model::to_string(plan.strategy) << " \u00b7 planned "
        << util::format_date(std::chrono::floor<std::chrono::days>(plan.created_at)) << " "
        << util::format_rfc3339(plan.created_at, 0).substr(11, 5) << " UTC";
  } else {
    out << "Not planned yet";
  }
  out << "</p>\n<nav><a href=\"#summary\">Summary</a><a href=\"#schedule\">Schedule</a>"
         "<a href=\"#workload\">Workload</a><a href=\"#load\">Load</a><a "
         "href=\"#topics\">Topics</a></nav>\n</header>\n"
         "<main>\n";
}

void write_figure(Writer& out, std::string_view label, std::string_view value) {
  out << "<div><dt>" << label << "</dt><dd>" << Esc{value} << "</dd></div>";
}

void write_meter(Writer& out, double part, double whole) {
  const double share = whole > 0 ? part / whole : 0;
  out << "<span class=\"meter\"><span" << (share > 1.0001 ? " class=\"over\"" : "")
      << " style=\"width:" << Num{std::min(share, 1.0) * 100, 1} << "%\"></span></span>"
      << percent(part, whole);
}

void write_summary(const Report& r, Writer& out) {
  const model::Project& p = r.project;
  std::size_t done = 0;
  for (const auto& t : p.tasks) done += t.status == model::TaskStatus::done ? 1 : 0;
  // The team's people: those who left have no capacity to set against.
  double planned = 0, capacity = 0;
  for (const auto& person : r.view.people()) {
    if (person.assignee == nullptr) continue;
    planned += person.open_hours();
    capacity += person.capacity_hours();
  }
  out << "<section id=\"summary\">\n<h2>Summary</h2>\n<dl class=\"figures\">";
  write_figure(out, "Finish", p.plan.exists ? util::format_date(p.plan.finish) : "\u2013");
  write_figure(out, "Start", p.plan.exists ? util::format_date(p.plan.start) : "\u2013");
  write_figure(out, "Total hours", util::format_hours(p.plan.total_hours));
  write_figure(out, "Tasks", std::to_string(p.tasks.size()));
  write_figure(out, "Done", std::to_string(done));
  write_figure(out, "Topics", std::to_string(p.topics.size()));
  write_figure(out, "People", std::to_string(p.team.size()));
  write_figure(out, "Utilisation", percent(planned, capacity));
  out << "</dl>\n";
  if (!p.plan.unassigned.empty()) {
    out << "<p class=\"note\">" << p.plan.unassigned.size()
        << " task(s) could not be scheduled: nobody can take them.</p>\n";
  }
  out << "<table class=\"people\">\n<thead><tr><th>Person</th><th>Time zone</th>"
         "<th class=\"num\">Hours/day</th><th>Workdays</th><th class=\"num\">Planned h</th>"
         "<th class=\"num\">Capacity h</th><th>Utilisation</th></tr></thead>\n<tbody>\n";
  for (const auto& person : r.view.people()) {
    if (person.assignee == nullptr) continue;
    const model::Assignee& a = *person.assignee;
    std::string days;
    for (int d = 0; d < 7; ++d) {
      if (!a.workdays[static_cast<std::size_t>(d)]) continue;
      if (!days.empty()) days += ' ';
      days += util::weekday_name(d);
    }
    out << "<tr><td><span class=\"sw c" << person.colour << "\"></span>" << Esc{a.name}
        << "</td><td>" << Esc{a.timezone} << "</td><td class=\"num\">"
        << util::format_hours(a.hours_per_day) << "</td><td>" << days << "</td><td class=\"num\">"
        << util::format_hours(person.open_hours()) << "</td><td class=\"num\">"
        << util::format_hours(person.capacity_hours()) << "</td><td>";
    write_meter(out, person.open_hours(), person.capacity_hours());
    out << "</td></tr>\n";
  }
  out << "</tbody>\n</table>\n<p class=\"note\">Capacity: each person's workdays from the "
         "plan's start to its finish, times their hours per day, without holidays and time "
         "off.</p>\n</section>\n";
}

// Rows per table of the topics list: each table sits in a box the browser
// skips while off screen, so 100,000 topics render in seconds.
constexpr std::size_t k_topic_rows_per_table = 250;

// A table of the topics list; the first carries the header. All share fixed
// column widths so that they line up as one.
void open_topics_table(const Report& r, bool first, std::size_t rows, Writer& out) {
  out << "<div class=\"chunk\" style=\"contain-intrinsic-size:auto " << rows * 40
      << "px\"><table class=\"topics\"><colgroup><col class=\"w-topic\">"
      << (r.several_documents ? "<col class=\"w-doc\">" : "")
      << "<col class=\"w-num\"><col class=\"w-num\"><col class=\"w-date\">"
         "<col class=\"w-date\"><col class=\"w-done\"></colgroup>\n";
  if (first) {
    out << "<thead><tr><th>Topic</th>" << (r.several_documents ? "<th>Document</th>" : "")
        << "<th class=\"num\">Tasks</th><th class=\"num\">Hours</th><th>Start</th>"
           "<th>Finish</th><th>Done</th></tr></thead>\n";
  }
  out << "<tbody>\n";
}

void write_topics(const Report& r, Writer& out) {
  const model::Project& p = r.project;
  out << "<section id=\"topics\">\n<h2>Topics</h2>\n";
  // Topics in order, and the tasks without a known topic if there are any.
  const std::size_t count = p.topics.size() + (r.topics.back().tasks > 0 ? 1 : 0);
  for (std::size_t t = 0; t < count || t == 0; ++t) {
    if (t % k_topic_rows_per_table == 0) {
      if (t > 0) out << "</tbody></table></div>\n";
      open_topics_table(r, t == 0, std::min(k_topic_rows_per_table, count - t), out);
    }
    if (t == count) break;  // no topics: the header alone
    const TopicStats& s = r.topics[t];
    const model::Topic* topic = t < p.topics.size() ? &p.topics[t] : nullptr;
    out << "<tr><td>" << Esc{topic_title(r, t)};
    if (topic != nullptr && !topic->focus.empty()) {
      out << "<div class=\"focus\">" << Esc{topic->focus} << "</div>";
    }
    out << "</td>";
    if (r.several_documents) out << "<td>" << Esc{topic ? topic->document : ""} << "</td>";
    out << "<td class=\"num\">" << s.tasks << "</td><td class=\"num\">"
        << util::format_hours(s.hours) << "</td><td>"
        << (s.first ? util::format_date(*s.first) : "\u2013") << "</td><td>"
        << (s.last ? util::format_date(*s.last) : "\u2013") << "</td><td>";
    write_meter(out, s.done_hours, s.hours);
    out << "</td></tr>\n";
  }
  out << "</tbody></table></div>\n</section>\n";
}

}  // namespace

void write_html_report(const model::Project& project, model::Date today, std::ostream& stream,
                       const model::Baseline* baseline) {
  const PlanView view(project);
  write_html_report(view, today, stream, baseline);
}

void write_html_report(const PlanView& view, model::Date today, std::ostream& stream,
                       const model::Baseline* baseline) {
  html::Writer out(stream);
  html::Report r(view);
  if (baseline) {
    r.baseline = baseline;
    r.diff = model::diff_plans(*baseline, r.project);
    r.then.reserve(r.project.tasks.size());
    for (const model::Task& t : r.project.tasks)
      r.then.push_back(model::find_task(*baseline, t.id));
  }
  count_documents(r);
  find_axis(r);
  sum_topics(r);
  write_head(r, out);
  write_summary(r, out);
  write_forecast(r, out);
  write_schedule(r, today, out);
  write_changes(r, out);
  write_workload(r, out);
  write_load(r, out);
  write_topics(r, out);
  out << "</main>\n<footer>Made by rplan from the plan in its database. One file: it loads "
         "nothing from the network.</footer>\n</body>\n</html>\n";
  out.flush();
}

}  // namespace rplan::exporters
