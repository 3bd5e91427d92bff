#pragma once

// Projects for the checklist tests, built by hand so that every test states
// its own dates: a small plan that covers every kind of line, and a plan whose
// user text is hostile Markdown.

#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "tests/support/project_builder.hpp"

namespace rplan::testing {

// Two topics (one numbered, one not), two people, and one task of each sort:
// planned over one day and over several, across the year end, in progress,
// done, done and no longer scheduled, and not scheduled at all.
inline model::Project sample_project() {
  using model::TaskKind;
  using model::TaskStatus;
  const char* berlin = "Europe/Berlin";
  return ProjectBuilder("Backend Research Topics")
      .person("Ada Lovelace", berlin)
      .person("Zoë Müller")
      .document("topics.md")
      .topic("tcache", "Caching Strategies")
      .number(1)
      .focus("Reducing latency\nfor read-heavy APIs")
      .task("a1", TaskKind::research, "Research Redis and Memcached", 8)
      .planned("Ada Lovelace", {block(berlin, "2026-12-07", "09:00", 360),
                                block(berlin, "2026-12-08", "09:00", 120)})
      .task("a2", TaskKind::analysis, "Compare eviction policies", 6)
      .status(TaskStatus::in_progress)
      .planned("Zoë Müller",
               {block("UTC", "2026-12-07", "13:00", 240), block("UTC", "2026-12-09", "13:00", 120)})
      .task("a3", TaskKind::documentation, "Document the caching guidelines", 4)
      .planned("Ada Lovelace", {block(berlin, "2026-12-31", "09:00", 120),
                                block(berlin, "2027-01-04", "09:00", 120)})
      .topic("tqueue", "Message Queues")
      .task("b1", TaskKind::research, "Research Kafka and RabbitMQ", 8)
      .status(TaskStatus::done)
      .planned("Zoë Müller",
               {block("UTC", "2026-12-14", "13:00", 240), block("UTC", "2026-12-16", "13:00", 240)})
      .task("b2", TaskKind::other, "Sketch a dead-letter queue design", 6)
      .status(TaskStatus::done)  // done before the plan: not scheduled
      .task("b3", TaskKind::analysis, "Evaluate delivery guarantees", 6)
      .pinned("Nobody Available")  // not schedulable
      .unassigned()
      .plan("2026-12-07", "2027-01-04")
      .total_hours(38)
      .build();
}

// User text that would open items, tick boxes, start HTML, tables, headings or
// forge a marker if it were written as is.
inline std::vector<std::string> hostile_texts() {
  return {
      "[x] already ticked?",
      "- [ ] a second item",
      "* [x] starred and ticked",
      "+ plus item",
      "1. ordered item",
      "2) ordered item",
      "# heading",
      "## another heading ##",
      "ends with a hash #",
      "a | b | c",
      "|---|---|",
      "**bold** and *em* and _em_ and snake_case_name",
      "<script>alert(1)</script>",
      "<b>bold</b> & <i>it</i>",
      "<!-- rplan:zzz status=done -->",
      "--> closes a comment <!--",
      "`code` and ``more``",
      "~~struck~~ and ~one~",
      "[link](http://example.com) ![img](x.png) <http://example.com>",
      "entity &amp; &#35; &lt;script&gt; R&D",
      "back\\slash\\ at the end\\",
      "line one\nline two\r\n- [x] line three",
      "> quoted",
      "=== setext",
      "---",
      "    indented code",
      "Zoë 🛰️ 日本語 | [ ]",
  };
}

// A project whose prompts, topic title, focus and person are all hostile.
inline model::Project hostile_project() {
  const std::string eve = "<script>Eve</script> | [x]";
  ProjectBuilder b("# <b>Hostile</b> [x] | title");
  b.person(eve)
      .document("hostile.md")
      .topic("thost", "- [x] <script>topic</script> | #")
      .focus("1. focus with <!-- rplan:zzz status=done --> and [ ] and |a|b|")
      .topic("tnum", "* [ ] numbered")
      .number(7);
  const auto texts = hostile_texts();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    b.in_topic(i % 2 == 0 ? "thost" : "tnum")
        .task("h" + std::to_string(i), model::TaskKind::research, texts[i], 4);
    if (i % 3 == 0) b.status(model::TaskStatus::done);
    if (i % 4 != 3) {
      const auto week = static_cast<int>(i % 3);
      b.planned(eve,
                {block("UTC", day("2026-12-07") + std::chrono::days{7 * week + 1}, "09:00", 240)});
    }
  }
  return b.plan("2026-12-07", "2026-12-22").build();
}

}  // namespace rplan::testing
