#pragma once

// A hand-built plan for the iCalendar tests: a team across four time zones
// (Europe/Berlin across the 2027-03-28 summer-time change, America/New_York
// across its 2027-03-14 change, Pacific/Auckland whose morning is the previous
// UTC day, Asia/Kolkata without an email), text built to break naive writers,
// and every task status.

#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/util/dates.hpp"
#include "planner/util/time_zone.hpp"

namespace rplan::exporters::testing {

inline util::Date date(const char* iso) { return *util::parse_date(iso); }

// A work block at local `clock` on local `day` in `zone`, its UTC instants
// from the tz database.
inline model::WorkBlock block(const char* zone, const char* day, const char* clock, int minutes,
                              int sequence = 0) {
  model::WorkBlock b;
  b.date = date(day);
  b.start_minute = *util::parse_clock(clock);
  b.minutes = minutes;
  b.utc_start = util::TimeZone(zone).to_utc(b.date, b.start_minute);
  b.utc_end = b.utc_start + std::chrono::minutes{minutes};
  b.sequence = sequence;
  return b;
}

inline model::Assignee person(std::string name, std::string email, std::string zone) {
  model::Assignee a;
  a.name = std::move(name);
  a.email = std::move(email);
  a.timezone = std::move(zone);
  return a;
}

// 200 characters (not octets) of mixed-width UTF-8, so that folds fall next to
// 2-, 3- and 4-octet characters.
inline std::string long_prompt() {
  std::string s = "Research ";
  const char* pieces[] = {"é", "€", "😀", "a", "ß", "中", "🚀", "b"};
  for (std::size_t i = 0; i < 191; ++i) s += pieces[i % 8];
  return s;  // 9 ASCII + 191 others = 200 characters
}

inline const char* k_tricky_prompt =
    "Research caching; queues, and C:\\temp\\path\nEND:VEVENT\r\nBEGIN:VEVENT\n"
    "SUMMARY:forged — with ünïcödé and 🚀";

inline model::Task task(std::string id, std::string topic, int position, model::TaskKind kind,
                        std::string prompt, double hours) {
  model::Task t;
  t.id = std::move(id);
  t.topic_id = std::move(topic);
  t.position = position;
  t.kind = kind;
  t.prompt = std::move(prompt);
  t.estimate.hours = t.estimate.likely = hours;
  return t;
}

inline void plan(model::Task& t, std::string assignee, std::vector<model::WorkBlock> blocks,
                 int sequence = 0) {
  t.assignee = std::move(assignee);
  t.blocks = std::move(blocks);
  t.start = t.blocks.front().utc_start;
  t.finish = t.blocks.back().utc_end;
  t.sequence = sequence;
}

inline model::Project sample_project() {
  model::Project p;
  p.title = "Backend research, Q1; “2027”";
  model::Topic caching;
  caching.id = "tpc1";
  caching.document = "topics.md";
  caching.number = 1;
  caching.title = "Caching, queues; and more";
  caching.focus = "Über-fast caches, naïvely";
  caching.ordinal = 0;
  model::Topic plain;
  plain.id = "tpc2";
  plain.document = "topics.md";
  plain.title = "Plain";
  plain.ordinal = 1;
  p.topics = {caching, plain};

  p.team = {person("Ada Lovelace", "ada@example.org", "Europe/Berlin"),
            person("Grace Hopper", "grace@example.org", "America/New_York"),
            person("Linus Pauling", "", "Asia/Kolkata"),
            person("Mere \"Kiwi\" Ngata", "mere@example.org", "Pacific/Auckland"),
            person("李雷", "li.lei@example.cn", "UTC"),
            person("Zoë Müller", "zoe@example.org", "UTC")};

  // Ada in Berlin: 09:00 local is 08:00Z before 2027-03-28 and 07:00Z after.
  auto a = task("ka1", "tpc1", 1, model::TaskKind::research, k_tricky_prompt, 12);
  plan(a, "Ada Lovelace",
       {block("Europe/Berlin", "2027-03-26", "09:00", 360, 2),
        block("Europe/Berlin", "2027-03-29", "09:00", 360, 0)},
       1);
  // Grace in New York: 08:30 local is 13:30Z before 2027-03-14 and 12:30Z after.
  auto b = task("kb2", "tpc1", 2, model::TaskKind::analysis, long_prompt(), 9);
  plan(b, "Grace Hopper",
       {block("America/New_York", "2027-03-12", "08:30", 480),
        block("America/New_York", "2027-03-15", "08:30", 60)});
  b.status = model::TaskStatus::in_progress;
  // Linus has no email: no ATTENDEE. Done, after both others.
  auto c = task("kc3", "tpc1", 3, model::TaskKind::documentation, "Document the findings", 4);
  plan(c, "Linus Pauling", {block("Asia/Kolkata", "2027-03-30", "10:00", 240)});
  c.status = model::TaskStatus::done;
  c.depends_on = {"ka1", "kb2", "gone"};  // "gone" is archived: no RELATED-TO
  // Mere in Auckland: 09:00 on 2027-03-29 local is 20:00Z on 2027-03-28.
  auto d = task("kd4", "tpc2", 1, model::TaskKind::other, "Compare notes", 6);
  plan(d, "Mere \"Kiwi\" Ngata",
       {block("Pacific/Auckland", "2027-03-29", "09:00", 180),
        block("Pacific/Auckland", "2027-03-31", "09:00", 180)},
       3);
  // Nobody can take this one: a todo without dates, no event.
  auto e = task("ke5", "tpc2", 2, model::TaskKind::research, "Investigate the unknown", 8);
  p.plan.unassigned = {"ke5"};
  auto f = task("kf6", "tpc2", 3, model::TaskKind::analysis, "Evaluate 李雷's notes", 2);
  plan(f, "李雷", {block("UTC", "2027-03-29", "13:00", 120)});
  p.tasks = {a, b, c, d, e, f};

  p.plan.exists = true;
  p.plan.start = date("2027-03-12");
  p.plan.finish = date("2027-03-31");
  p.plan.created_at = *util::parse_rfc3339("2027-03-01T10:00:00+00:00");
  p.plan.total_hours = 41;
  return p;
}

}  // namespace rplan::exporters::testing
