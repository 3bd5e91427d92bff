#include "planner/cli/numbers.hpp"

#include <string>

#include "planner/util/error.hpp"

namespace rplan::cli {

double checked_number(std::string_view text, const util::NumberRange& range, NumberSource source,
                      std::string_view name) {
  const auto value = util::parse_number(text);
  if (value && range.contains(*value)) return *value;
  const std::string shown = text.empty() ? std::string("\"\"") : std::string(text);
  if (source == NumberSource::option) {
    throw UsageError(std::string(name) + " " + shown + " is not " + range.describe());
  }
  throw InputError(std::string(name) + " = " + shown + " is not " + range.describe());
}

}  // namespace rplan::cli
