#pragma once

// Helpers shared by the store's source files; not part of its interface.

#include <SQLiteCpp/Database.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/model/model.hpp"

namespace rplan::store::detail {

// PRAGMA application_id of every rplan database: "rPln".
constexpr std::uint32_t k_application_id = 0x72506c6e;

std::string format_workdays(const std::array<bool, 7>& days);
std::array<bool, 7> parse_workdays(const std::string& text);

std::optional<std::int64_t> assignee_id(SQLite::Database& db, const std::string& name);
std::vector<model::Assignee> load_team(SQLite::Database& db);
std::vector<model::TimeOff> load_time_off(SQLite::Database& db);
std::vector<model::Holiday> load_holidays(SQLite::Database& db);

}  // namespace rplan::store::detail
