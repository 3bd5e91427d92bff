#include "planner/cli/io.hpp"

#include <chrono>

namespace rplan::cli {

void print_import_reports(const std::vector<store::ImportReport>& reports, std::ostream& out) {
  for (const auto& r : reports) {
    out << r.document << ": " << r.added << " added, " << r.updated << " updated, " << r.unchanged
        << " unchanged, " << r.removed << " removed";
    std::vector<std::string> topics;
    if (r.topics_added > 0) topics.push_back(std::to_string(r.topics_added) + " new");
    if (r.topics_archived > 0) topics.push_back(std::to_string(r.topics_archived) + " archived");
    if (r.topics_restored > 0) topics.push_back(std::to_string(r.topics_restored) + " restored");
    if (!topics.empty()) {
      out << " (topics: ";
      for (std::size_t i = 0; i < topics.size(); ++i) out << (i ? ", " : "") << topics[i];
      out << ")";
    }
    out << "\n";
  }
}

std::string local_time(const model::WorkBlock& b, bool end) {
  const int minute = b.start_minute + (end ? b.minutes : 0);
  const model::Date day = b.date + std::chrono::days{minute / 1440};
  return util::format_date(day) + " " + util::format_clock(minute % 1440);
}

}  // namespace rplan::cli
