// libFuzzer target: any bytes as a team CSV file.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "planner/parse/team_csv.hpp"
#include "planner/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto team = rplan::parse::parse_team_csv(text, "fuzz.csv");
    for (const auto& person : team) {
      if (person.name.empty() || !rplan::model::validate(person).empty()) __builtin_trap();
    }
  } catch (const rplan::DiagnosticsError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
  }
  return 0;
}
