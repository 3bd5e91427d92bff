#pragma once

// Helpers shared by the store's source files; not part of its interface.

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::store::detail {

// PRAGMA application_id of every rplan database: "rPln".
constexpr std::uint32_t k_application_id = 0x72506c6e;

// "mon,tue,wed" (model::parse_workdays reads it back).
std::string format_workdays(const std::array<bool, 7>& days);

std::optional<std::int64_t> assignee_id(SQLite::Database& db, const std::string& name);
std::vector<model::Assignee> load_team(SQLite::Database& db);
std::vector<model::TimeOff> load_time_off(SQLite::Database& db);
// Every holiday by date, each with its people sorted; with `date`, only the
// one on that date (YYYY-MM-DD), if any.
std::vector<model::Holiday> load_holidays(SQLite::Database& db, const std::string& date = "");

inline model::Instant from_unix(std::int64_t seconds) {
  return model::Instant{std::chrono::seconds{seconds}};
}
inline std::int64_t to_unix(model::Instant t) { return t.time_since_epoch().count(); }

// A text column's bytes, without a copy (valid until the statement moves on).
inline std::string_view text_of(const SQLite::Column& c) {
  return {c.getText(), static_cast<std::size_t>(c.getBytes())};
}

// An id's first 8 bytes packed big-endian (zeros past its end): ids whose
// prefixes differ compare as these numbers do, in SQLite's BINARY order.
inline std::uint64_t id_prefix(std::string_view id) {
  std::uint64_t key = 0;
  for (std::size_t i = 0; i < 8; ++i) {
    key = (key << 8) | (i < id.size() ? static_cast<unsigned char>(id[i]) : 0u);
  }
  return key;
}

// The items that left a calendar (calendar_cancelled), by uid, then calendar.
std::vector<model::CancelledItem> load_cancelled(SQLite::Database& db);

// Makes the stored plan's snapshot the baseline `previous` and keeps
// `project`'s plan as the new snapshot (planner/store/baselines.cpp).
// Also records the project's scope at the plan's now (plan_scope).
void rotate_plan_snapshot(SQLite::Database& db, const model::Project& project);
// Every scope recorded by a plan, by time.
std::vector<model::ScopePoint> load_scope_history(SQLite::Database& db);

// Throws InputError unless a live (not archived) task has this id.
void require_task(SQLite::Database& db, const std::string& id);

// Appends rows to plan_changes while a plan exists (checked once, when made):
// every change that would alter the plan (docs/storage.md lists the kinds).
class PlanChangeLog {
 public:
  PlanChangeLog(SQLite::Database& db, model::Instant at);
  // Records one change of `kind` about `subject` (a person, date, task id...).
  void add(std::string_view kind, const std::string& subject);
  bool active() const { return m_insert != nullptr; }

 private:
  std::unique_ptr<SQLite::Statement> m_insert;  // null: no plan, nothing to record
  std::int64_t m_at;
};

// One phrase per kind of plan change recorded, in the order each kind first
// occurred, with a count and up to three subjects: "time off for Ada",
// "estimates of 2 tasks (k3x9qa, m2p7rt)".
std::vector<std::string> stale_reasons(SQLite::Database& db);

}  // namespace rplan::store::detail
