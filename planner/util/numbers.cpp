#include "planner/util/numbers.hpp"

#include <charconv>
#include <cmath>
#include <system_error>

#include "planner/util/text.hpp"

namespace rplan::util {

std::optional<double> parse_number(std::string_view text) {
  // from_chars takes no '+' (and no spaces, and no "0x" in this format).
  if (text.size() > 1 && text.front() == '+' && text[1] != '-' && text[1] != '+') {
    text.remove_prefix(1);
  }
  double value = 0;
  const char* const end = text.data() + text.size();
  const auto [stop, ec] = std::from_chars(text.data(), end, value, std::chars_format::general);
  if (text.empty() || ec != std::errc() || stop != end || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

bool NumberRange::contains(double value) const {
  // Written so that NaN fails every comparison and so every test.
  const bool above_low = low_end == LowEnd::excluded ? value > low : value >= low;
  if (!(above_low && value <= high)) return false;
  return kind == Kind::any || std::floor(value) == value;
}

std::string NumberRange::describe() const {
  if (kind == Kind::whole) {
    return "a whole number from " + format_hours(low_end == LowEnd::excluded ? low + 1 : low) +
           " to " + format_hours(high);
  }
  if (low_end == LowEnd::excluded) {
    return "a number more than " + format_hours(low) + " and at most " + format_hours(high);
  }
  return "a number from " + format_hours(low) + " to " + format_hours(high);
}

}  // namespace rplan::util
