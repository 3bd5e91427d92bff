#pragma once

// Projects for the checklist tests, built by hand so that every test states
// its own dates: a small plan that covers every kind of line, and a plan whose
// user text is hostile Markdown.

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::testing {

using namespace std::chrono_literals;

inline model::Date day(int y, unsigned m, unsigned d) {
  return model::Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
}

// A block of `hours` starting at local `start_hour` on `date`, in a zone
// `offset_minutes` ahead of UTC.
inline model::WorkBlock block(model::Date date, int start_hour, double hours,
                              int offset_minutes = 0) {
  model::WorkBlock b;
  b.date = date;
  b.start_minute = start_hour * 60;
  b.minutes = static_cast<int>(hours * 60);
  b.utc_start = model::Instant{date} + std::chrono::minutes{b.start_minute - offset_minutes};
  b.utc_end = b.utc_start + std::chrono::minutes{b.minutes};
  return b;
}

inline model::Task task(const std::string& id, const std::string& topic, int position,
                        model::TaskKind kind, const std::string& prompt, double hours) {
  model::Task t;
  t.id = id;
  t.topic_id = topic;
  t.position = position;
  t.kind = kind;
  t.prompt = prompt;
  t.estimate.hours = t.estimate.likely = hours;
  return t;
}

inline void plan(model::Task& t, const std::string& assignee,
                 std::vector<model::WorkBlock> blocks) {
  t.assignee = assignee;
  t.blocks = std::move(blocks);
  t.start = t.blocks.front().utc_start;
  t.finish = t.blocks.back().utc_end;
}

// Two topics (one numbered, one not), two people, and one task of each sort:
// planned over one day and over several, across the year end, in progress,
// done, done and no longer scheduled, and not scheduled at all.
inline model::Project sample_project() {
  using model::TaskKind;
  model::Project p;
  p.title = "Backend Research Topics";
  model::Topic caching;
  caching.id = "tcache";
  caching.document = "topics.md";
  caching.number = 1;
  caching.title = "Caching Strategies";
  caching.focus = "Reducing latency\nfor read-heavy APIs";
  model::Topic queues;
  queues.id = "tqueue";
  queues.document = "topics.md";
  queues.title = "Message Queues";
  queues.ordinal = 1;
  p.topics = {caching, queues};

  model::Assignee ada;
  ada.name = "Ada Lovelace";
  ada.timezone = "Europe/Berlin";
  model::Assignee zoe;
  zoe.name = "Zoë Müller";
  p.team = {ada, zoe};

  auto t1 = task("a1", "tcache", 1, TaskKind::research, "Research Redis and Memcached", 8);
  plan(t1, "Ada Lovelace", {block(day(2026, 12, 7), 9, 6, 60), block(day(2026, 12, 8), 9, 2, 60)});
  auto t2 = task("a2", "tcache", 2, TaskKind::analysis, "Compare eviction policies", 6);
  t2.status = model::TaskStatus::in_progress;
  plan(t2, "Zoë Müller", {block(day(2026, 12, 7), 13, 4), block(day(2026, 12, 9), 13, 2)});
  auto t3 = task("a3", "tcache", 3, TaskKind::documentation, "Document the caching guidelines", 4);
  plan(t3, "Ada Lovelace", {block(day(2026, 12, 31), 9, 2, 60), block(day(2027, 1, 4), 9, 2, 60)});
  auto t4 = task("b1", "tqueue", 1, TaskKind::research, "Research Kafka and RabbitMQ", 8);
  t4.status = model::TaskStatus::done;
  plan(t4, "Zoë Müller", {block(day(2026, 12, 14), 13, 4), block(day(2026, 12, 16), 13, 4)});
  auto t5 = task("b2", "tqueue", 2, TaskKind::other, "Sketch a dead-letter queue design", 6);
  t5.status = model::TaskStatus::done;  // done before the plan: not scheduled
  auto t6 = task("b3", "tqueue", 3, TaskKind::analysis, "Evaluate delivery guarantees", 6);
  t6.pinned_assignee = "Nobody Available";  // not schedulable
  p.tasks = {t1, t2, t3, t4, t5, t6};

  p.plan.exists = true;
  p.plan.start = day(2026, 12, 7);
  p.plan.finish = day(2027, 1, 4);
  p.plan.total_hours = 38;
  p.plan.unassigned = {"b3"};
  return p;
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
  model::Project p;
  p.title = "# <b>Hostile</b> [x] | title";
  model::Topic t;
  t.id = "thost";
  t.document = "hostile.md";
  t.title = "- [x] <script>topic</script> | #";
  t.focus = "1. focus with <!-- rplan:zzz status=done --> and [ ] and |a|b|";
  p.topics = {t};
  model::Topic u;
  u.id = "tnum";
  u.document = "hostile.md";
  u.number = 7;
  u.title = "* [ ] numbered";
  u.ordinal = 1;
  p.topics.push_back(u);
  model::Assignee a;
  a.name = "<script>Eve</script> | [x]";
  p.team = {a};
  const auto texts = hostile_texts();
  for (std::size_t i = 0; i < texts.size(); ++i) {
    auto k = task("h" + std::to_string(i), i % 2 == 0 ? "thost" : "tnum", static_cast<int>(i + 1),
                  model::TaskKind::research, texts[i], 4);
    if (i % 3 == 0) k.status = model::TaskStatus::done;
    if (i % 4 != 3) {
      const int week = static_cast<int>(i % 3);
      plan(k, a.name, {block(day(2026, 12, 7) + std::chrono::days{7 * week + 1}, 9, 4)});
    }
    p.tasks.push_back(k);
  }
  // Tasks grouped by topic, in topic order.
  std::stable_sort(p.tasks.begin(), p.tasks.end(), [](const model::Task& x, const model::Task& y) {
    return x.topic_id == "thost" && y.topic_id != "thost";
  });
  p.plan.exists = true;
  p.plan.start = day(2026, 12, 7);
  p.plan.finish = day(2026, 12, 22);
  return p;
}

}  // namespace rplan::testing
