#pragma once

#include <vector>

namespace rplan::store {

// One schema step from schemas/NNNN_name.sql, embedded at build time.
struct Migration {
  int version;       // NNNN: the PRAGMA user_version after this step
  const char* name;  // file name without .sql
  const char* sql;
};

// Every migration, in version order (1, 2, ...).
extern const std::vector<Migration> k_migrations;

}  // namespace rplan::store
