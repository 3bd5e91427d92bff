#pragma once

// A baseline's tasks packed into one BLOB (baselines.tasks, schema version
// 11; docs/storage.md, "Baselines"). Internal to the store.

#include <SQLiteCpp/Database.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "planner/model/baseline.hpp"

namespace rplan::store::detail {

// Packs a baseline's tasks, added in id order (strictly increasing). The
// format: a format byte (1); the people (a count, then each name as its
// length and bytes); the task count; then per task its id (the length it
// shares with the previous id, the length and bytes of the rest), its
// person (0: nobody, else 1 + the index), one byte of status and flags, and
// the numbers present (start, finish - start, first day, last day - first
// day, the estimate in quarter hours or as an 8-byte double, the planned
// minutes). Numbers are zigzag LEB128 varints.
class BaselinePacker {
 public:
  void add(std::string_view id, std::string_view assignee, model::TaskStatus status,
           const std::optional<model::Instant>& start, const std::optional<model::Instant>& finish,
           const std::optional<model::Date>& first_day, const std::optional<model::Date>& last_day,
           double estimate_hours, std::int64_t planned_minutes);
  std::size_t size() const { return m_count; }
  // The BLOB; the packer is left empty.
  std::string finish();

 private:
  std::string m_people;                                     // the names, packed
  std::string m_tasks;                                      // the task records, packed
  std::unordered_map<std::string, std::uint64_t> m_person;  // name -> 1 + index
  std::string m_last_id;
  std::size_t m_count = 0;
};

// The tasks of a BLOB made by BaselinePacker, by id, without topic id and
// prompt. An empty BLOB has no tasks. Throws Error when the BLOB is not one
// (naming `what`, the baseline).
std::vector<model::BaselineTask> unpack_baseline(std::string_view blob, const std::string& what);

// Registers rplan_pack_baseline(task_id, assignee, status, start, finish,
// first_date, last_date, estimate_hours, planned_minutes) on `db`: the
// aggregate that packs rows of the old baseline_tasks table (status as text,
// dates as YYYY-MM-DD, NULL when absent) into a BLOB, for
// schemas/0011_baseline_blobs.sql.
void register_baseline_packer(SQLite::Database& db);

}  // namespace rplan::store::detail
