#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "planner/model/model.hpp"
#include "planner/store/store.hpp"

namespace rplan::cli {

// One line per imported document (added / updated / unchanged / removed),
// then a line per task whose text changed (old -> new, each shortened). To
// `err`, one warning each ("DOC: warning: ...") for a done or in-progress task
// paired with a prompt of another meaning, a topic archived with done or
// in-progress work (and how to bring it back), and a document whose name was
// imported before from another folder.
void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out,
                          std::ostream& err);

// `text` cut to at most `width` code points, ending in "…" when cut.
std::string shorten(const std::string& text, std::size_t width);

// "2026-12-07 09:00" in the block's local time.
std::string local_time(const model::WorkBlock& block, bool end);

}  // namespace rplan::cli
