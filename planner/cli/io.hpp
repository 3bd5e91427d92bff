#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/store/store.hpp"

namespace rplan::cli {

// One line per imported document: added / updated / unchanged / removed.
void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out);

// "2026-12-07 09:00" in the block's local time.
std::string local_time(const model::WorkBlock& block, bool end);

}  // namespace rplan::cli
