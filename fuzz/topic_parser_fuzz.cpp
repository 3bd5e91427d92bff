// libFuzzer target: any bytes as a topic document. A document is either
// parsed or refused with DiagnosticsError; anything else (a crash, another
// exception, a sanitizer report, a hang) is a bug.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "planner/parse/topic_parser.hpp"
#include "planner/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    const auto doc = rplan::parse::parse_topics(text, "fuzz.md");
    for (const auto& topic : doc.topics) {
      if (topic.title.empty() || topic.prompts.empty()) __builtin_trap();
    }
  } catch (const rplan::DiagnosticsError& e) {
    if (e.diagnostics().empty()) __builtin_trap();
  }
  return 0;
}
