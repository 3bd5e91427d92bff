#pragma once

// A hand-built plan for the iCalendar tests: a team across four time zones
// (Europe/Berlin across the 2027-03-28 summer-time change, America/New_York
// across its 2027-03-14 change, Pacific/Auckland whose morning is the previous
// UTC day, Asia/Kolkata without an email), text built to break naive writers,
// and every task status.

#include <string>

#include "planner/model/model.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::exporters::testing {

using rplan::testing::block;
using rplan::testing::person;
using rplan::testing::plan;

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

inline model::Project sample_project() {
  using model::TaskKind;
  using model::TaskStatus;
  return rplan::testing::ProjectBuilder("Backend research, Q1; “2027”")
      .person("Ada Lovelace", "Europe/Berlin", "ada@example.org")
      .person("Grace Hopper", "America/New_York", "grace@example.org")
      .person("Linus Pauling", "Asia/Kolkata")
      .person("Mere \"Kiwi\" Ngata", "Pacific/Auckland", "mere@example.org")
      .person("李雷", "UTC", "li.lei@example.cn")
      .person("Zoë Müller", "UTC", "zoe@example.org")
      .document("topics.md")
      .topic("tpc1", "Caching, queues; and more")
      .number(1)
      .focus("Über-fast caches, naïvely")
      // Ada in Berlin: 09:00 local is 08:00Z before 2027-03-28 and 07:00Z after.
      .task("ka1", TaskKind::research, k_tricky_prompt, 12)
      .planned("Ada Lovelace",
               {block("Europe/Berlin", "2027-03-26", "09:00", 360, 2),
                block("Europe/Berlin", "2027-03-29", "09:00", 360, 0)},
               1)
      // Grace in New York: 08:30 local is 13:30Z before 2027-03-14 and 12:30Z after.
      .task("kb2", TaskKind::analysis, long_prompt(), 9)
      .planned("Grace Hopper", {block("America/New_York", "2027-03-12", "08:30", 480),
                                block("America/New_York", "2027-03-15", "08:30", 60)})
      .status(TaskStatus::in_progress)
      // Linus has no email: no ATTENDEE. Done, after both others.
      .task("kc3", TaskKind::documentation, "Document the findings", 4)
      .planned("Linus Pauling", {block("Asia/Kolkata", "2027-03-30", "10:00", 240)})
      .status(TaskStatus::done)
      .depends_on({"ka1", "kb2", "gone"})  // "gone" is archived: no RELATED-TO
      .topic("tpc2", "Plain")
      // Mere in Auckland: 09:00 on 2027-03-29 local is 20:00Z on 2027-03-28.
      .task("kd4", TaskKind::other, "Compare notes", 6)
      .planned("Mere \"Kiwi\" Ngata",
               {block("Pacific/Auckland", "2027-03-29", "09:00", 180),
                block("Pacific/Auckland", "2027-03-31", "09:00", 180)},
               3)
      // Nobody can take this one: a todo without dates, no event.
      .task("ke5", TaskKind::research, "Investigate the unknown", 8)
      .unassigned()
      .task("kf6", TaskKind::analysis, "Evaluate 李雷's notes", 2)
      .planned("李雷", {block("UTC", "2027-03-29", "13:00", 120)})
      .plan("2027-03-12", "2027-03-31")
      .created_at("2027-03-01T10:00:00+00:00")
      .total_hours(41)
      .build();
}

}  // namespace rplan::exporters::testing
