#pragma once

// Parsed documents for the store tests (temporary folders and file reading
// come from tests/support/files.hpp).

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <string>
#include <utility>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/store/migrations.hpp"
#include "planner/util/dates.hpp"
#include "tests/support/files.hpp"

namespace rplan::testing {

// Makes `db` an rplan database as an older rplan left it: every migration up
// to `version` (store::k_migrations, the user_version after each), and
// rplan's application id.
inline void migrate_to(SQLite::Database& db, int version) {
  for (const store::Migration& m : store::k_migrations) {
    if (m.version > version) break;
    db.exec(m.sql);
    db.exec("PRAGMA user_version = " + std::to_string(m.version));
  }
  db.exec("PRAGMA application_id = " + std::to_string(0x72506c6e));
}

// The Monday the store tests' plans start on.
inline const model::Date k_day = *util::parse_date("2026-12-07");

// An instant written in RFC 3339 ("2026-12-07T09:00:00Z"); the text must be valid.
inline model::Instant at(const char* text) { return *util::parse_rfc3339(text); }

// A hand-made plan: every task gets one block of `minutes` a day apart,
// 09:00 UTC, for `who`.
inline void fake_plan(model::Project& p, const char* first_day, const std::string& who = "Ada",
                      int minutes = 240) {
  model::Date day = *util::parse_date(first_day);
  p.plan.start = day;
  p.plan.strategy = model::Strategy::balanced;
  p.plan.total_hours = 0;
  for (auto& t : p.tasks) {
    t.assignee = who;
    model::WorkBlock b;
    b.date = day;
    b.start_minute = 9 * 60;
    b.minutes = minutes;
    b.utc_start = model::Instant{day} + std::chrono::hours{9};
    b.utc_end = b.utc_start + std::chrono::minutes{minutes};
    t.blocks = {b};
    t.start = b.utc_start;
    t.finish = b.utc_end;
    p.plan.total_hours += minutes / 60.0;
    day += std::chrono::days{1};
  }
  p.plan.finish = day - std::chrono::days{1};
}

// A parsed document built by hand: topics of (title, prompts).
inline model::ParsedDocument document(
    const std::string& name,
    const std::vector<std::pair<std::string, std::vector<std::string>>>& topics) {
  model::ParsedDocument doc;
  doc.name = name;
  doc.title = "Test document";
  int line = 1;
  for (const auto& [title, prompts] : topics) {
    model::ParsedTopic t;
    t.title = title;
    t.line = line++;
    for (const auto& text : prompts) {
      model::ParsedPrompt p;
      p.text = text;
      p.line = line++;
      p.kind = text.rfind("Document", 0) == 0 ? model::TaskKind::documentation
                                              : model::TaskKind::research;
      p.estimate = {8, 6, 8, 12, false};
      t.prompts.push_back(p);
    }
    doc.topics.push_back(t);
  }
  return doc;
}

}  // namespace rplan::testing
