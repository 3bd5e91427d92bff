// libFuzzer target: any bytes as a checklist for `rplan sync`.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "planner/parse/checklist_reader.hpp"
#include "planner/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto items = rplan::parse::read_checklist(text, "fuzz.md");
    for (const auto& item : items) {
      if (item.id.empty() || item.line < 1) __builtin_trap();
    }
  } catch (const rplan::DiagnosticsError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
  }
  return 0;
}
