// Floors of the text exports (json, csv, ics, md, html): load the plan's rows
// (load_plan), then format the fields each export carries with snprintf into
// a buffered FILE*: no escaping, no quoting, no line folding, no fingerprint
// beyond one FNV-1a hash per checklist item, every date in plain arithmetic.

#include <algorithm>
#include <climits>
#include <cstdarg>
#include <memory>
#include <unordered_map>

#include "bench/floor.hpp"

namespace rplan::bench::floor {

namespace {

// printf into a line buffer, then fwrite.
class Printer {
 public:
  explicit Printer(Out& out) : m_out(out) {}
  __attribute__((format(printf, 2, 3))) void operator()(const char* format, ...) {
    va_list args;
    va_start(args, format);
    const int n = std::vsnprintf(m_line, sizeof m_line, format, args);
    va_end(args);
    if (n > 0) std::fwrite(m_line, 1, std::min<std::size_t>(n, sizeof m_line - 1), m_out.f());
  }
  void put(std::string_view s) { m_out.put(s); }

 private:
  Out& m_out;
  char m_line[1 << 16];
};

#define SV(s) static_cast<int>((s).size()), (s).data()

struct Civil {
  int y;
  unsigned m, d;
};
Civil civil(std::int64_t days) {
  Civil c{};
  civil_from_days(days, c.y, c.m, c.d);
  return c;
}

// Local wall time of a block's start or end: "2026-12-07T09:00:00+01:00".
void rfc3339(char* out, std::size_t size, const Block& b, bool end) {
  const std::int64_t local = b.day * 1440 + b.start_minute + (end ? b.minutes : 0);
  const int offset = static_cast<int>(b.day * 1440 + b.start_minute - b.utc_start / 60);
  const std::int64_t day = local / 1440;
  const int minute = static_cast<int>(local - day * 1440);
  const Civil c = civil(day);
  const int off = offset < 0 ? -offset : offset;
  std::snprintf(out, size, "%04d-%02u-%02uT%02d:%02d:00%c%02d:%02d", c.y, c.m, c.d, minute / 60,
                minute % 60, offset < 0 ? '-' : '+', off / 60, off % 60);
}

void ical_utc(char* out, std::size_t size, std::int64_t seconds) {
  const std::int64_t day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const int s = static_cast<int>(seconds - day * 86400);
  const Civil c = civil(day);
  std::snprintf(out, size, "%04d%02u%02uT%02d%02d%02dZ", c.y, c.m, c.d, s / 3600, s / 60 % 60,
                s % 60);
}

void iso_day(char* out, std::size_t size, std::int64_t days) {
  const Civil c = civil(days);
  std::snprintf(out, size, "%04d-%02u-%02u", c.y, c.m, c.d);
}

const char* display_kind(std::string_view kind) {
  if (kind == "research") return "Research";
  if (kind == "analysis") return "Analysis";
  if (kind == "documentation") return "Documentation";
  return "Other";
}

std::unordered_map<std::string_view, std::size_t> people_index(const Plan& p) {
  std::unordered_map<std::string_view, std::size_t> index;
  for (std::size_t i = 0; i < p.team.size(); ++i) index.emplace(p.team[i].name, i);
  return index;
}

void write_json(const Plan& p, Printer& out) {
  out("{\"format\":\"rplan-plan\",\"version\":1,\"generated_at\":%lld,\n\"title\":\"%s\",\n",
      static_cast<long long>(p.created_at), p.title.c_str());
  out("\"plan\":{\"start\":\"%s\",\"finish\":\"%s\",\"strategy\":\"%s\",\"total_hours\":%g},\n",
      p.start.c_str(), p.finish.c_str(), p.strategy.c_str(), p.total_hours);
  out("\"assignees\":[");
  for (std::size_t i = 0; i < p.team.size(); ++i) {
    const Person& a = p.team[i];
    out("%s\n{\"name\":\"%.*s\",\"email\":\"%.*s\",\"hours_per_day\":%g,\"workdays\":[\"%.*s\"],"
        "\"day_start\":\"%02d:%02d\",\"timezone\":\"%.*s\",\"skills\":[\"%.*s\"],\"time_off\":[]}",
        i ? "," : "", SV(a.name), SV(a.email), a.hours_per_day, SV(a.workdays), a.day_start / 60,
        a.day_start % 60, SV(a.timezone), SV(a.skills));
  }
  out("],\n\"holidays\":[");
  for (std::size_t i = 0; i < p.holidays.size(); ++i) {
    out("%s\n{\"date\":\"%s\",\"name\":\"%s\"}", i ? "," : "", p.holidays[i].first.c_str(),
        p.holidays[i].second.c_str());
  }
  out("],\n\"topics\":[");
  for (std::size_t i = 0; i < p.topics.size(); ++i) {
    const Topic& t = p.topics[i];
    out("%s\n{\"id\":\"%.*s\",\"document\":\"topics.md\",\"number\":%d,\"title\":\"%.*s\","
        "\"focus\":\"%.*s\",\"skills\":[\"%.*s\"]}",
        i ? "," : "", SV(t.id), t.number, SV(t.title), SV(t.focus), SV(t.skills));
  }
  out("],\n\"tasks\":[");
  char start[40] = "", finish[40] = "";
  for (std::size_t i = 0; i < p.tasks.size(); ++i) {
    const Task& t = p.tasks[i];
    if (t.first_block < t.end_block) {
      rfc3339(start, sizeof start, p.blocks[t.first_block], false);
      rfc3339(finish, sizeof finish, p.blocks[t.end_block - 1], true);
    }
    out("%s\n{\"id\":\"%.*s\",\"topic\":\"%.*s\",\"position\":%d,\"kind\":\"%.*s\","
        "\"prompt\":\"%.*s\",\"estimate_hours\":%g,\"estimate\":{\"optimistic\":%g,"
        "\"likely\":%g,\"pessimistic\":%g,\"manual\":%s},\"status\":\"%.*s\","
        "\"pinned_assignee\":null,\"assignee\":\"%.*s\",\"depends_on\":[\"%.*s\"],"
        "\"start\":\"%s\",\"finish\":\"%s\",\"blocks\":[",
        i ? "," : "", SV(t.id), SV(t.topic_id), t.position, SV(t.kind), SV(t.prompt), t.hours,
        t.optimistic, t.likely, t.pessimistic, t.manual ? "true" : "false", SV(t.status),
        SV(t.assignee), SV(t.depends_on), start, finish);
    for (std::uint32_t k = t.first_block; k < t.end_block; ++k) {
      const Block& b = p.blocks[k];
      const Civil c = civil(b.day);
      out("%s{\"date\":\"%04d-%02u-%02u\",\"start\":\"%02d:%02d\",\"hours\":%g}",
          k > t.first_block ? "," : "", c.y, c.m, c.d, b.start_minute / 60, b.start_minute % 60,
          b.minutes / 60.0);
    }
    out("]}");
  }
  out("]}\n");
}

void write_csv(const Plan& p, Printer& out) {
  out("id,topic_id,topic_number,topic,kind,prompt,assignee,estimate_hours,start,finish,status,"
      "depends_on\r\n");
  char start[40] = "", finish[40] = "";
  for (const Task& t : p.tasks) {
    const Topic& topic = p.topics[t.topic];
    if (t.first_block < t.end_block) {
      rfc3339(start, sizeof start, p.blocks[t.first_block], false);
      rfc3339(finish, sizeof finish, p.blocks[t.end_block - 1], true);
    }
    out("%.*s,%.*s,%d,%.*s,%.*s,%.*s,%.*s,%g,%s,%s,%.*s,%.*s\r\n", SV(t.id), SV(t.topic_id),
        topic.number, SV(topic.title), SV(t.kind), SV(t.prompt), SV(t.assignee), t.hours, start,
        finish, SV(t.status), SV(t.depends_on));
  }
}

void write_ics(const Plan& p, Printer& out) {
  const auto people = people_index(p);
  char stamp[24], start[24], end[24];
  ical_utc(stamp, sizeof stamp, p.created_at);
  out("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//rplan//rplan research planner//EN\r\n"
      "CALSCALE:GREGORIAN\r\nX-WR-CALNAME:%s\r\n",
      p.title.c_str());
  for (const Task& t : p.tasks) {
    const Topic& topic = p.topics[t.topic];
    const char* kind = display_kind(t.kind);
    const auto who = people.find(t.assignee);
    const Person* person = who == people.end() ? nullptr : &p.team[who->second];
    for (std::uint32_t k = t.first_block; k < t.end_block; ++k) {
      const Block& b = p.blocks[k];
      ical_utc(start, sizeof start, b.utc_start);
      ical_utc(end, sizeof end, b.utc_start + b.minutes * 60);
      const unsigned n = k - t.first_block + 1;
      out("BEGIN:VEVENT\r\nUID:%.*s-%u@rplan\r\nDTSTAMP:%s\r\nSEQUENCE:%d\r\nDTSTART:%s\r\n"
          "DTEND:%s\r\nSUMMARY:%s: %.*s (%.*s)\r\nDESCRIPTION:Topic: %.*s\\nFocus: %.*s\\n"
          "Prompt: %.*s\\nKind: %s\\nEstimate: %g h\\nAssignee: %.*s\\nStatus: %.*s\\n"
          "Task: %.*s (work block %u)\r\nCATEGORIES:%s,%.*s\r\n",
          SV(t.id), n, stamp, b.sequence, start, end, kind, SV(t.prompt), SV(topic.title),
          SV(topic.title), SV(topic.focus), SV(t.prompt), kind, t.hours, SV(t.assignee),
          SV(t.status), SV(t.id), n, kind, SV(topic.title));
      if (person != nullptr && !person->email.empty()) {
        out("ATTENDEE;CN=\"%.*s\":mailto:%.*s\r\n", SV(person->name), SV(person->email));
      }
      out("STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
    }
  }
  out("END:VCALENDAR\r\n");
}

// "Mon 7 Dec"
void short_day(char* out, std::size_t size, std::int64_t days) {
  static constexpr const char* k_days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  static constexpr const char* k_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Civil c = civil(days);
  std::snprintf(out, size, "%s %u %s", k_days[weekday(days)], c.d, k_months[c.m - 1]);
}

std::uint32_t fnv1a(std::string_view a, std::string_view b, std::string_view c) {
  std::uint32_t h = 2166136261u;
  for (const std::string_view s : {a, b, c}) {
    for (const char ch : s) h = (h ^ static_cast<unsigned char>(ch)) * 16777619u;
  }
  return h;
}

void write_md(const Plan& p, Printer& out) {
  out("# %s\n\n%zu tasks, %g h, %s to %s\n", p.title.c_str(), p.tasks.size(), p.total_hours,
      p.start.c_str(), p.finish.c_str());
  std::uint32_t topic = UINT32_MAX;
  char first[24] = "", last[24] = "";
  for (const Task& t : p.tasks) {
    if (t.topic != topic) {
      topic = t.topic;
      const Topic& tp = p.topics[topic];
      out("\n## %d. %.*s\n\n%.*s\n\n", tp.number, SV(tp.title), SV(tp.focus));
    }
    if (t.first_block < t.end_block) {
      short_day(first, sizeof first, p.blocks[t.first_block].day);
      short_day(last, sizeof last, p.blocks[t.end_block - 1].day);
    }
    out("- [ ] **%s** %.*s \xE2\x80\x94 %.*s \xC2\xB7 %g h \xC2\xB7 %s \xE2\x86\x92 %s "
        "<!-- rplan:%.*s status=%.*s text=%08x -->\n",
        display_kind(t.kind), SV(t.prompt), SV(t.assignee), t.hours, first, last, SV(t.id),
        SV(t.status), fnv1a(t.prompt, t.assignee, first));
  }
}

// The report's pieces that grow with the plan: a Gantt bar per task (per
// topic past 2,000 tasks), a workload bar per person and week, a row per
// person and per topic. The page around them is a constant.
void write_html(const Plan& p, Printer& out) {
  const auto people = people_index(p);
  const std::int64_t first_day = parse_day(p.start);
  const std::int64_t monday = first_day - weekday(first_day);
  const std::int64_t weeks = (parse_day(p.finish) - monday) / 7 + 1;
  std::vector<double> week_hours(static_cast<std::size_t>(weeks) * p.team.size());
  std::vector<double> person_hours(p.team.size());
  out("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>%s</title>"
      "<style>body{font:14px sans-serif}rect.b{fill:#4e79a7}</style></head><body>\n"
      "<h1>%s</h1><p>%s to %s, %g h</p>\n<svg class=\"gantt\">\n",
      p.title.c_str(), p.title.c_str(), p.start.c_str(), p.finish.c_str(), p.total_hours);
  const bool task_bars = p.tasks.size() <= 2000;
  std::size_t i = 0, row = 0;
  char from[16], to[16];
  while (i < p.tasks.size()) {
    const std::uint32_t topic = p.tasks[i].topic;
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (; i < p.tasks.size() && p.tasks[i].topic == topic; ++i) {
      const Task& t = p.tasks[i];
      const auto who = people.find(t.assignee);
      const std::size_t person = who == people.end() ? 0 : who->second;
      if (task_bars) out("<g data-task=\"%.*s\"><title>%.*s</title>", SV(t.id), SV(t.prompt));
      for (std::uint32_t k = t.first_block; k < t.end_block; ++k) {
        const Block& b = p.blocks[k];
        lo = std::min(lo, b.day);
        hi = std::max(hi, b.day);
        const auto week = static_cast<std::size_t>((b.day - monday) / 7);
        week_hours[week * p.team.size() + person] += b.minutes / 60.0;
        person_hours[person] += b.minutes / 60.0;
        if (task_bars) {
          out("<rect class=\"c%zu\" x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"14\"/>",
              person % 12, (b.day - first_day) * 12 + b.start_minute / 120.0, row * 18,
              b.minutes / 120.0);
        }
      }
      if (task_bars) {
        out("</g>\n");
        ++row;
      }
    }
    if (!task_bars && lo <= hi) {
      const Topic& tp = p.topics[topic];
      out("<g data-topic=\"%.*s\"><title>%d. %.*s</title><rect class=\"b\" x=\"%lld\" "
          "y=\"%zu\" width=\"%lld\" height=\"14\"/></g>\n",
          SV(tp.id), tp.number, SV(tp.title), static_cast<long long>((lo - first_day) * 12),
          row * 18, static_cast<long long>((hi - lo + 1) * 12));
      ++row;
    }
  }
  out("</svg>\n<svg class=\"workload\">\n");
  for (std::int64_t w = 0; w < weeks; ++w) {
    double y = 0;
    for (std::size_t person = 0; person < p.team.size(); ++person) {
      const double h = week_hours[static_cast<std::size_t>(w) * p.team.size() + person];
      if (h <= 0) continue;
      out("<rect class=\"c%zu\" x=\"%lld\" y=\"%.1f\" width=\"10\" height=\"%.1f\"/>\n",
          person % 12, static_cast<long long>(w * 12), y, h / 10);
      y += h / 10;
    }
  }
  out("</svg>\n<table class=\"people\">\n");
  for (std::size_t k = 0; k < p.team.size(); ++k) {
    const Person& a = p.team[k];
    out("<tr><td>%.*s</td><td>%.*s</td><td>%g</td><td>%g h</td></tr>\n", SV(a.name), SV(a.timezone),
        a.hours_per_day, person_hours[k]);
  }
  out("</table>\n<table class=\"topics\">\n");
  i = 0;
  while (i < p.tasks.size()) {
    const std::uint32_t topic = p.tasks[i].topic;
    std::size_t tasks = 0;
    double hours = 0;
    std::int64_t lo = INT64_MAX, hi = INT64_MIN;
    for (; i < p.tasks.size() && p.tasks[i].topic == topic; ++i, ++tasks) {
      hours += p.tasks[i].hours;
      for (std::uint32_t k = p.tasks[i].first_block; k < p.tasks[i].end_block; ++k) {
        lo = std::min(lo, p.blocks[k].day);
        hi = std::max(hi, p.blocks[k].day);
      }
    }
    iso_day(from, sizeof from, lo);
    iso_day(to, sizeof to, hi);
    const Topic& tp = p.topics[topic];
    out("<tr><td>%d. %.*s</td><td>%zu</td><td>%g</td><td>%s</td><td>%s</td><td>0%%</td></tr>\n",
        tp.number, SV(tp.title), tasks, hours, from, to);
  }
  out("</table>\n</body></html>\n");
}

}  // namespace

void write_text(const std::string& format, const Plan& plan, const std::string& out) {
  Out file(out);
  auto printer = std::make_unique<Printer>(file);
  if (format == "json") {
    write_json(plan, *printer);
  } else if (format == "csv") {
    write_csv(plan, *printer);
  } else if (format == "ics") {
    write_ics(plan, *printer);
  } else if (format == "md") {
    write_md(plan, *printer);
  } else if (format == "html") {
    write_html(plan, *printer);
  } else {
    fail("unknown format " + format);
  }
  file.close();
}

}  // namespace rplan::bench::floor
